"""Every results row of the POH Jeugd business case, asserted (status and value)."""

import pytest

from tests.results.expected import check_row

NB = "poh_jeugd_business_case"

# (id, status, reproduced value) — values worked out by hand from Tabel 6-9.
EXPECTED = [
    ("poh_bc_cases_total", "reproduced", 638),  # 480 + 158
    ("poh_bc_not_referred_sum", "reproduced", 413),  # 321 + 92
    ("poh_bc_not_referred", "mismatch", 414.7),  # 0.65 × 638
    ("poh_bc_share_implied", "reproduced", 100 * 413 / 638),  # 64.73% prints as 65%
    ("poh_bc_cost_per_case", "reproduced", 509721 / 638),  # 798.94 prints as 799
    ("poh_bc_t7_total_hours_per_week", "reproduced", 213),
    ("poh_bc_t7_total_fte", "reproduced", 6),
    ("poh_bc_t7_total_cost_eur", "reproduced", 509721),
    ("poh_bc_t8_noord-west_cases", "reproduced", 110),
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
    ("poh_bc_tornado_substitution_low", "extension", 1489956 / 2 - 509721),
    ("poh_bc_tornado_correction_high", "extension", 1489956 * 0.8 - 509721),
]


@pytest.mark.parametrize(("rid", "status", "value"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_row(rows, rid, status, value):
    check_row(rows, rid, status, value, rel=1e-9, abs_=1e-6)


def test_every_tabel8_row_is_reproduced(rows):
    t8 = rows[rows.index.str.startswith("poh_bc_t8_")]
    assert len(t8) == 12 + 12 + 4  # detail rows, team totals (cases and cost), overall by type
    assert set(t8["status"]) == {"reproduced"}


def test_only_the_414_7_is_a_mismatch(rows):
    assert rows.index[rows["status"] == "mismatch"].tolist() == ["poh_bc_not_referred"]
    note = rows.loc["poh_bc_not_referred", "note"]
    assert "0.65 × 638 = 414.7" in note and "413 = 321 + 92" in note


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
