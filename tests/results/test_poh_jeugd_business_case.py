"""Every results row of the POH Jeugd business case, asserted (status and value)."""

import pytest

from tests.results.expected import check_row

NB = "poh_jeugd_business_case"

# (id, status, reproduced value) — values worked out by hand from Tabel 6-9.
EXPECTED = [
    ("poh_bc_t8_noord-west_total", "reproduced", 80 * 3940 + 30 * 2448),
    ("poh_bc_t8_all_ggz_cost", "reproduced", 321 * 3940),
    ("poh_bc_t8_all_jeugdhulp_cost", "reproduced", 92 * 2448),
    ("poh_bc_gross_avoided", "reproduced", 1489956),
    ("poh_bc_t9_maastricht_avoided", "reproduced", 225840 + 388640 + 200708),
    ("poh_bc_t9_maastricht_net", "reproduced", 815188 - 379114),
    ("poh_bc_t9_valkenburg_net", "reproduced", 162264 - 51390),
    ("poh_bc_total_saving", "reproduced", 980235),
    ("poh_bc_total_saving_text", "reproduced", 980235),
    ("poh_bc_break_even", "extension", 509721 / 1489956),
    ("poh_bc_break_even_clients", "extension", 509721 / 1489956 * 413 / 638),
    ("poh_bc_return_per_euro", "extension", 1489956 / 509721),
    # 65% of 638 with the tables' GGZ share 321/413:
    # 414.7 × (321/413 × 3940 + 92/413 × 2448) − 509721
    ("poh_bc_saving_at_share_helped", "extension", 414.7 * (321 * 3940 + 92 * 2448) / 413 - 509721),
    (
        "poh_bc_saving_at_share_helped_update",
        "extension",
        0.657 * 638 * (321 * 3940 + 92 * 2448) / 413 - 509721,
    ),
    # substitution 0: nothing avoided, only the POH cost
    ("poh_bc_tornado_substitution_low", "extension", 0 * 1489956 - 509721),
    ("poh_bc_prob_saving_region_break_even", "extension", 509721 / 1489956),
    ("poh_bc_prob_saving_region_s000", "extension", 0.0),
    ("poh_bc_tornado_correction_high", "extension", 1489956 * 0.8 - 509721),
]


@pytest.mark.parametrize(("rid", "status", "value"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_row(rows, rid, status, value):
    check_row(rows, rid, status, value, rel=1e-9, abs_=1e-6)


def test_every_tabel8_row_is_reproduced(rows):
    t8 = rows[rows.index.str.startswith("poh_bc_t8_")]
    assert len(t8) == 12 + 6 + 2  # detail rows, team cost totals, overall cost by type
    assert set(t8["status"]) == {"reproduced"}


def test_internal_consistency_is_the_audits(rows):
    # 638 = 480 + 158, 413 = 321 + 92, 413 vs 65% × 638 = 414.7, 799 = 509721 / 638 and the
    # Tabel 7 and 8 totals of printed parts: checked once, by the audit, not again here
    gone = ["poh_bc_cases_total", "poh_bc_not_referred_sum", "poh_bc_not_referred",
            "poh_bc_share_implied", "poh_bc_cost_per_case", "poh_bc_t7_total_cost_eur",
            "poh_bc_t8_noord-west_cases", "poh_bc_t8_all_ggz_cases"]
    assert not rows.index.isin(gone).any()
    assert "mismatch" not in set(rows["status"])
    from analysis import audit

    f = audit.findings_for("poh_bc_parameters").set_index("outcome")
    assert "65/100 × 638 = 414.7; printed count 413" in f.loc["fail", "arithmetic"]


def test_published_values_come_from_the_transcription(rows):
    assert rows.loc["poh_bc_total_saving", "published"] == 980235
    assert rows.loc["poh_bc_total_saving", "source"].endswith("Tabel 9, L1844")
    assert rows.loc["poh_bc_total_saving_text", "tolerance"] == 500  # 'ruim € 980.000'


def test_psa_is_a_probability_and_interval_is_ordered(rows):
    assert 0 <= rows.loc["poh_bc_psa_prob_positive", "reproduced"] <= 1
    assert (
        rows.loc["poh_bc_psa_p2_5", "reproduced"]
        < rows.loc["poh_bc_psa_mean", "reproduced"]
        < rows.loc["poh_bc_psa_p97_5", "reproduced"]
    )


def test_municipality_run_matches_tabel_9(tmp_path):
    from tests.conftest import run_notebook

    rows = run_notebook(NB, tmp_path, municipality="Maastricht", psa_draws=200)
    assert rows.loc["poh_bc_scenario_net_saving", "reproduced"] == pytest.approx(436074)
    assert rows.loc["poh_bc_break_even", "reproduced"] == pytest.approx(379114 / 815188)


SCOPES = ["region", "eijsden_margraten", "meerssen", "valkenburg", "maastricht"]


@pytest.mark.parametrize("scope", SCOPES)
def test_probability_of_saving_is_monotone_in_the_substitution_share(rows, scope):
    curve = rows[rows.index.str.fullmatch(rf"poh_bc_prob_saving_{scope}_s\d{{3}}")]
    assert curve.index.str[-3:].tolist() == [f"{10 * k:03d}" for k in range(11)]  # 0, 0.1, …, 1
    p = curve["reproduced"].to_numpy()
    assert (p[1:] >= p[:-1]).all()
    assert p[0] == 0.0 and p[-1] == 1.0
    assert set(curve["status"]) == {"extension"}


@pytest.mark.parametrize("scope", SCOPES)
def test_probability_of_saving_crosses_half_near_break_even(rows, scope):
    be = rows.loc[f"poh_bc_prob_saving_{scope}_break_even", "reproduced"]
    p50 = rows.loc[f"poh_bc_prob_saving_{scope}_p50", "reproduced"]
    p95 = rows.loc[f"poh_bc_prob_saving_{scope}_p95", "reproduced"]
    assert abs(p50 - be) < 0.02
    assert be < p95 < 1


def test_psa_substitution_prior_is_stated_with_the_result(rows):
    assert "uniform from 0.00 to 1.00" in rows.loc["poh_bc_psa_prob_positive", "quantity"]
    # under U(0, 1) the probability of a saving is about 1 − break-even share (0.342)
    p = rows.loc["poh_bc_psa_prob_positive", "reproduced"]
    assert p == pytest.approx(1 - 509721 / 1489956, abs=0.03)
