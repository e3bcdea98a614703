"""Every results row of the Blauwe GGZ referrals notebook, asserted (status and value).

Values worked out by hand from Bijlage 8 Tabel 1 (lines 4266-4275), Tabel 3 (lines 4411-4421) and
the text (lines 4244-4454).
"""

from __future__ import annotations

import pytest
from scipy import stats

from tests.results.expected import check_row

NB = "ggz_referrals"

EXPECTED: list[tuple[str, str, float]] = [
    ("bggz_t1_total", "reproduced", 2 + 3 + 3 + 5 + 4 + 1 + 1 + 1),
    ("bggz_text_peer_experts", "reproduced", 4),
    ("bggz_text_peer_experts_summary", "reproduced", 4),
    ("bggz_peer_fte_total", "extension", 4 * 0.5),
    ("bggz_t1_mondriaan_only", "extension", 2 + 1 + 1),  # psychiatrist, IPS, transmural
    ("bggz_t1_mondriaan_any", "extension", 20 - 1),  # all but the social worker
    ("bggz_t3_sum_gp_route", "extension", 20 + 37 + 41),
    ("bggz_t3_sum_intake_indication", "extension", 59 + 20 + 9 + 2 + 4 + 4 + 2),
    ("bggz_t3_sum_treatment", "extension", 39 + 36 + 2 + 4 + 4 + 5 + 7 + 3),
    ("bggz_text_hoc_share", "reproduced", 59),
    ("bggz_text_no_care_peer_social", "reproduced", 3 + 5 + 4),
    ("bggz_text_combination", "reproduced", 7),
    ("bggz_text_not_ggz_or_combined", "reproduced", 4 + 5 + 3 + 7),
    ("bggz_not_adult_ggz", "extension", 4 + 4 + 5 + 7 + 3),
    ("bggz_gb_share_route", "extension", 100 * 37 / 78),
    ("bggz_gb_share_treatment", "extension", 100 * 39 / 75),
    ("bggz_sggz_change", "extension", 36 - 41),
    ("bggz_t3_ci_gbggz", "extension", 100 * 148 / 380),  # 0.39 × 380 = 148.2
    ("bggz_t3_ci_sggz", "extension", 100 * 137 / 380),  # 0.36 × 380 = 136.8
    ("bggz_wijkteam_attainable_oost", "reproduced", 100 * 79 / 116),  # 0.68 × 116 = 78.9
    ("bggz_wijkteam_attainable_nazareth", "reproduced", 100 * 142 / 189),  # 0.75 × 189 = 141.75
    ("bggz_referrals_total_2020", "extension", 305),
    ("bggz_wijkteam_share_both", "extension", 100 * 221 / 305),
    ("bggz_wijkteam_diff", "extension", 100 * (142 / 189 - 79 / 116)),
    ("bggz_referral_rate_oost", "extension", 1000 * 116 / 3834 * 12 / 9),
    ("bggz_referral_rate_nazareth", "extension", 1000 * 189 / 6320 * 12 / 9),
    ("bggz_referral_rate_ratio", "extension", (189 / 6320) / (116 / 3834)),
    ("bggz_mdo_discussions", "reproduced", 12 * 10 * 2 * 3),
    ("bggz_triage_per_month", "extension", 380 / 19),
    ("bggz_wijkteam_per_month_2020", "extension", 221 / 9),
    ("bggz_peer_guidance_months", "extension", 3 * 6 * 24 / 78),
    ("bggz_text_recommend_summary", "reproduced", 90),
    ("bggz_text_waiting_summary", "reproduced", 4),
]
NOT_REPRODUCIBLE = {
    "bggz_fig4_split", "bggz_fig3_poh_intakes", "bggz_recommend_90", "bggz_crisis_cases",
}


@pytest.mark.parametrize(("rid", "status", "value"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_row(rows, rid, status, value):
    check_row(rows, rid, status, value, rel=1e-9)


def test_every_row_is_checked(rows):
    assert set(rows.index) == {e[0] for e in EXPECTED} | NOT_REPRODUCIBLE
    assert set(rows.loc[list(NOT_REPRODUCIBLE), "status"]) == {"not_reproducible"}
    assert rows.loc["bggz_recommend_90", "published"] == 90


def test_widened_tolerances_are_explained(rows):
    # a restated sum of rounded parts: 0.5 for the printed total + 0.5 per part
    assert rows.loc["bggz_text_not_ggz_or_combined", "tolerance"] == 0.5 + 4 * 0.5
    assert "0.5 per rounded part" in rows.loc["bggz_text_not_ggz_or_combined", "note"]
    assert "gives 23" in rows.loc["bggz_text_not_ggz_or_combined", "note"]
    assert rows.loc["bggz_text_no_care_peer_social", "tolerance"] == 0.5 + 3 * 0.5
    assert rows.loc["bggz_mdo_discussions", "tolerance"] == 50  # 'zo'n 700', printed to the hundred


def test_gp_route_gap_is_flagged(rows):
    assert "2% of the referrals are in no row" in rows.loc["bggz_t3_sum_gp_route", "note"]
    assert "in no row" not in rows.loc["bggz_t3_sum_treatment", "note"]


def test_practice_comparison_second_method(rows):
    p = stats.fisher_exact([[142, 189 - 142], [79, 116 - 79]]).pvalue
    assert f"Fisher exact p = {p:.2f}" in rows.loc["bggz_wijkteam_diff", "note"]
    # exact conditional test of two Poisson rates = binomial test of 189 of 305 with p = 6320/10154
    pb = stats.binomtest(189, 305, 6320 / (6320 + 3834)).pvalue
    assert f"p = {pb:.2f}" in rows.loc["bggz_referral_rate_ratio", "note"]
