"""Every results row of notebooks/utrecht_registrations.ipynb: status and value, by hand."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats

from tests.results.expected import check_row

NB = "utrecht_registrations"
R, M, E = "reproduced", "mismatch", "extension"

# Buurtteam registrations via GPs 2015-2019 (000, lines 291-325)
KP, KO = [2, 2, 2, 1, 7], [8, 18, 10, 3, 14]
OP, OO = [3, 4, 2, 2, 6], [5, 3, 3, 5, 4]
ST, LU = [4, 3, 1, 0, 1], [2, 1, 6, 4, 4]

EXPECTED: dict[str, tuple[str, float]] = {
    "ut_practices_total": (R, 6), "ut_variants": (R, 3),
    "ut_practices_per_variant": (R, 2),
    "ut_cases_registered": ("not_reproducible", None),  # 99, a count from the registration
    "ut_lead_percent_sum": (E, 21 + 20 + 29 + 31),
    "ut_lead_basic_share": (E, 100 * (20 + 29 + 31) / 99),
    "ut_gp_lead_share_poh_a": (E, 2 / 26), "ut_gp_lead_share_poh_b": (E, 0.0),
    "ut_gp_lead_share_poh": (E, 2 / 37), "ut_gp_lead_share_other": (E, 18 / 62),
    "ut_gp_lead_fisher_p": (E, stats.fisher_exact([[2, 35], [18, 44]])[1]),
    "ut_ref_pct_unrounded_bt": (E, 100 / 21), "ut_ref_pct_unrounded_other": (E, 100 / 21),
    "ut_ref_pct_unrounded_pilot": (E, 100 / 21),
    "ut_ref_pilot_share_of_gp": (E, 29300 / (293 + 1146)),
    "ut_bt_kanaleneiland_other_mean": (E, 53 / 5),
    "ut_bt_claim_lunetten_vs_ondiep_other": (E, 17 / 5 - 20 / 5),
    "ut_types_ondiep_multi": (R, 2), "ut_types_ondiep_single": (R, 4),
    "ut_types_ondiep_cases": (R, 6),
    "ut_types_ondiep_share_oo": (E, 5 / 6),
    "ut_types_kanaleneiland_multi": (R, 2), "ut_types_kanaleneiland_single": (R, 5),
    "ut_types_kanaleneiland_cases": (R, 7),
    "ut_types_kanaleneiland_share_oo": (E, 5 / 7),
    "ut_model_pilot_effect_kanaleneiland": (E, (7 / 1.75) / (14 / 9.75)),
    "ut_model_pilot_effect_ondiep_pijlsweerd": (E, (6 / 2.75) / (4 / 4)),
}
SERIES = {"kanaleneiland_pilot_practice": KP, "kanaleneiland_other_practices_no_pilot": KO,
          "ondiep_pijlsweerd_pilot_practice": OP, "ondiep_pijlsweerd_other_practices_no_pilot": OO,
          "sterrenwijk_other_practices_no_pilot": ST, "lunetten_other_practices_no_pilot": LU}
for slug, s in SERIES.items():
    base = sum(s[:4])
    EXPECTED[f"ut_exact_rr_{slug}"] = (E, s[4] / (base / 4))
    EXPECTED[f"ut_exact_p_{slug}"] = (E, stats.binomtest(s[4], s[4] + base, 0.2).pvalue)


def _holm_by_hand(p: dict[str, float]) -> dict[str, float]:
    """Second method: Holm step-down, p_(i) × (m − i + 1), made monotone, capped at 1."""
    order = sorted(p, key=p.get)
    out, running = {}, 0.0
    for i, k in enumerate(order):
        running = max(running, min(1.0, (len(p) - i) * p[k]))
        out[k] = running
    return out


def _bh_by_hand(p: dict[str, float]) -> dict[str, float]:
    """Second method: Benjamini-Hochberg, p_(i) × m / i, made monotone from the largest down."""
    order = sorted(p, key=p.get, reverse=True)
    out, running = {}, 1.0
    for j, k in enumerate(order):
        running = min(running, p[k] * len(p) / (len(p) - j))
        out[k] = running
    return out


for slug, v in _bh_by_hand({slug: EXPECTED[f"ut_exact_p_{slug}"][1] for slug in SERIES}).items():
    EXPECTED[f"ut_exact_p_bh_{slug}"] = (E, v)
HOLM = _holm_by_hand({slug: EXPECTED[f"ut_exact_p_{slug}"][1] for slug in SERIES})
for slug, v in HOLM.items():
    EXPECTED[f"ut_exact_p_holm_{slug}"] = (E, v)


def _pooled_did() -> float:
    """Second method: discrete Poisson on a hand-built design (series + year dummies + effect)."""
    rows = []
    for i, s in enumerate(SERIES.values()):
        for t, y in enumerate(s):
            x = [1.0] + [float(i == j) for j in range(1, 6)] + [float(t == k) for k in range(1, 5)]
            x.append(float(i in (0, 2) and t == 4))
            rows.append((y, x))
    y = np.array([r[0] for r in rows], dtype=float)
    X = np.array([r[1] for r in rows])
    fit = sm.Poisson(y, X).fit(disp=0)
    return float(np.exp(fit.params[-1]))


def test_every_row_is_expected(rows):
    pooled = {"ut_model_pilot_effect_pooled", "ut_model_pilot_effect_pooled_negbin"}
    expected = set(EXPECTED) | pooled
    assert set(rows.index) == expected


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_row(rows, row_id):
    check_row(rows, row_id, *EXPECTED[row_id])


def test_pooled_models_match_a_second_fit(rows):
    did = _pooled_did()
    assert rows.loc["ut_model_pilot_effect_pooled", "reproduced"] == pytest.approx(did, rel=1e-5)
    # alpha is estimated at the boundary 0: the negative binomial refit equals the Poisson fit
    negbin = rows.loc["ut_model_pilot_effect_pooled_negbin", "reproduced"]
    assert negbin == pytest.approx(did, rel=1e-4)


def test_internal_consistency_is_the_audits(rows):
    # the lead table's 101 outcomes for 99 cases, its percentages, the referral table's monthly
    # means and '% Verwijzingen' (4,79 for 55 / 1146 = 4.7993%) and the text's restatements:
    # checked once, by the audit, not again here
    from analysis import audit

    gone = ["ut_lead_pct_gp", "ut_lead_specialist_total", "ut_lead_categories_sum",
            "ut_ref_mean_month_bt", "ut_ref_pct_other", "ut_ref_pct_text_high", "ut_ref_text_21pct",
            "ut_bt_total_ondiep_2019", "ut_bt_ondiep_pilot_share", "ut_bt_lunetten_mean"]
    assert not rows.index.isin(gone).any()
    lead = audit.findings_for("ut_registration_lead")
    assert lead["arithmetic"].str.contains("21 + 20 + 29 + 31 = 101", regex=False).any()
    refs = audit.findings_for("ut_referrals_2018_2019")
    assert (refs["outcome"] == "fail").sum() >= 1


def test_the_six_series_are_one_family_with_holm_beside_raw_p(rows):
    # 'Kanaleneiland stands out': raw p = 0.012 becomes 0.07 after Holm over six
    raw = rows.loc["ut_exact_p_kanaleneiland_pilot_practice", "reproduced"]
    holm = rows.loc["ut_exact_p_holm_kanaleneiland_pilot_practice", "reproduced"]
    assert raw == pytest.approx(0.0116, abs=1e-4) and holm == pytest.approx(6 * raw)
    for slug in SERIES:
        p, h, bh = (rows.loc[f"ut_exact_p{x}_{slug}", "reproduced"] for x in ("", "_holm", "_bh"))
        assert p <= bh <= h <= 1
        assert "6 series" in rows.loc[f"ut_exact_p_holm_{slug}", "note"]


def test_cases_typed_against_registrations_is_the_audits():
    # issue 14: cases typed = the pilot practice's 2019 registrations is a same-population check
    # of the audit (declared in ut_text_values' structure), no longer a second notebook row
    from analysis import audit

    f = audit.findings_for("ut_text_values")
    same = f[f["id"].str.contains("same_population")]
    assert len(same) == 2 and (same["outcome"] == "pass").all()


def test_restated_news_and_text_numbers_are_the_audits(rows):
    # issue 14: a printed number restating a printed number belongs to the audit; the page
    # recounts from the practice list only (6 practices, 3 variants, 2 per variant)
    from analysis import audit

    gone = ["ut_practices_stopped", "ut_practices_continuing_restated", "ut_news_practices",
            "ut_news_variants", "ut_news_persons_seen", "ut_cases_seen_minimum",
            "ut_mean_cases_per_practice_low", "ut_mean_cases_per_practice_high"]
    assert not rows.index.isin(gone).any()
    assert {"ut_practices_total", "ut_variants", "ut_practices_per_variant"} <= set(rows.index)
    f = audit.findings_for("ut_news_text_values", "ut_text_values").set_index("published_label")
    news = f.loc["ut_news_text_values[persons_seen].value"]
    # 'zo'n 100', printed to tens, restates the note's 99 registered cases (99 rounds to 100)
    assert (news["check"], news["outcome"], news["computed"]) == ("restates", "pass", 99)
    for end, printed in (("low", 16), ("high", 17)):
        r = f.loc[f"ut_text_values[mean_cases_per_practice_{end}].value"]
        assert (r["check"], r["published"], r["computed"]) == ("ratios", printed, 99 / 6)
        assert r["outcome"] == "pass"  # 16.5 is within half a unit of either end
