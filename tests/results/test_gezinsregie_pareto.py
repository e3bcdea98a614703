"""Results rows of notebooks/gezinsregie_pareto.ipynb, asserted row by row.

Each row's status and reproduced value are asserted.

Expected values were checked against the source arithmetic; the hand-checked test below restates
the key ones from first principles.
"""


import pytest

from tests.results.expected_rows import check_ids, check_row

EXPECTED = {
    "grc_t6_lt10k_households_pct": ("reproduced", 60.78652955),
    "grc_t6_lt10k_costs_pct": ("reproduced", 19.27476841),
    "grc_t6_lt10k_mean_cost": ("reproduced", 3156.583566),
    "grc_t6_lt10k_clients_per_household": ("mismatch", 1.112846254),
    "grc_t6_10k_20k_households_pct": ("reproduced", 25.75432252),
    "grc_t6_10k_20k_costs_pct": ("reproduced", 33.80834077),
    "grc_t6_10k_20k_mean_cost": ("reproduced", 13068.00219),
    "grc_t6_10k_20k_clients_per_household": ("mismatch", 1.311540149),
    "grc_t6_20k_30k_households_pct": ("reproduced", 6.136286586),
    "grc_t6_20k_30k_costs_pct": ("reproduced", 14.28174986),
    "grc_t6_20k_30k_mean_cost": ("reproduced", 23169.21179),
    "grc_t6_20k_30k_clients_per_household": ("mismatch", 1.987108656),
    "grc_t6_30k_40k_households_pct": ("reproduced", 4.452480506),
    "grc_t6_30k_40k_costs_pct": ("reproduced", 15.27081885),
    "grc_t6_30k_40k_mean_cost": ("reproduced", 34142.53553),
    "grc_t6_30k_40k_clients_per_household": ("mismatch", 2.258883249),
    "grc_t6_40k_50k_households_pct": ("reproduced", 1.209176178),
    "grc_t6_40k_50k_costs_pct": ("reproduced", 4.921752168),
    "grc_t6_40k_50k_mean_cost": ("reproduced", 40519.64486),
    "grc_t6_40k_50k_clients_per_household": ("mismatch", 2.457943925),
    "grc_t6_gt50k_households_pct": ("reproduced", 1.661204656),
    "grc_t6_gt50k_costs_pct": ("reproduced", 12.44256994),
    "grc_t6_gt50k_mean_cost": ("reproduced", 74562.83673),
    "grc_t6_gt50k_clients_per_household": ("mismatch", 2.993197279),
    "grc_t6_total_households": ("reproduced", 8849),
    "grc_t6_total_clients": ("reproduced", 11647),
    "grc_t6_total_total_cost_eur": ("reproduced", 88090620),
    "grc_t6_total_households_pct": ("reproduced", 100),
    "grc_t6_total_costs_pct": ("reproduced", 99),
    "grc_t6_total_mean_cost": ("reproduced", 9954.867217),
    "grc_t6_total_clients_per_household": ("mismatch", 1.31619392),
    "grc_t6_total_provisions_per_household": ("reproduced", 2.480867895),
    "grc_t6_target_households": ("reproduced", 648),
    "grc_t6_target_clients": ("reproduced", 1593),
    "grc_t6_target_total_cost": ("reproduced", 28748498),
    "grc_t6_target_households_pct": ("reproduced", 7.32286134),
    "grc_t6_target_costs_pct": ("mismatch", 32.63514095),
    "grc_t6_target_mean_cost": ("mismatch", 44364.96605),
    "grc_t6_target_clients_per_household": ("mismatch", 2.458333333),
    "grc_t6_target_provisions_per_household": ("mismatch", 4.387962963),
    "grc_t6_target_mean_cost_unweighted": ("extension", 49742),
    "grc_text_target_households": ("reproduced", 648),
    "grc_text_target_households_pct": ("reproduced", 7.32286134),
    "grc_text_target_costs_pct": ("mismatch", 32.63514095),
    "grc_text_target_clients_per_household": ("mismatch", 2.458333333),
    "grc_text_target_provisions_per_household": ("mismatch", 4.387962963),
    "grc_text_target_mean_cost": ("mismatch", 44364.96605),
    "grc_t6_above_10k_households_pct": ("extension", 39.21347045),
    "grc_t6_above_10k_costs_pct": ("extension", 80.72523159),
    "grc_t6_above_20k_households_pct": ("extension", 13.45914793),
    "grc_t6_above_20k_costs_pct": ("extension", 46.91689081),
    "grc_t6_above_30k_households_pct": ("extension", 7.32286134),
    "grc_t6_above_30k_costs_pct": ("extension", 32.63514095),
    "grc_t6_above_40k_households_pct": ("extension", 2.870380834),
    "grc_t6_above_40k_costs_pct": ("extension", 17.3643221),
    "grc_t6_above_50k_households_pct": ("extension", 1.661204656),
    "grc_t6_above_50k_costs_pct": ("extension", 12.44256994),
    "grc_t6_gini_lower_bound": ("extension", 0.5040483157),
    "grc_extrapolation_per_household": ("extension", 14210802),
    "grc_extrapolation_proportional": ("extension", 4689948.822),
    "grc_extrapolation_rtm_rho_0_30": ("extension", -15082249.43),
    "grc_target_rtm_fall_rho_0_30": ("extension", 24087.06918),
    "grc_extrapolation_rtm_rho_0_40": ("extension", -11684647.23),
    "grc_target_rtm_fall_rho_0_40": ("extension", 20646.0593),
    "grc_extrapolation_rtm_rho_0_50": ("extension", -8287045.022),
    "grc_target_rtm_fall_rho_0_50": ("extension", 17205.04942),
    "grc_extrapolation_rtm_rho_0_60": ("extension", -4889442.817),
    "grc_target_rtm_fall_rho_0_60": ("extension", 13764.03953),
    "grc_extrapolation_rtm_rho_0_70": ("extension", -1491840.613),
    "grc_target_rtm_fall_rho_0_70": ("extension", 10323.02965),
    "grc_extrapolation_rtm_rho_0_80": ("extension", 1905761.591),
    "grc_target_rtm_fall_rho_0_80": ("extension", 6882.019767),
    "grc_extrapolation_rtm_rho_0_90": ("extension", 5303363.796),
    "grc_target_rtm_fall_rho_0_90": ("extension", 3441.009883),
    "grc_extrapolation_rtm_break_even_rho": ("extension", 0.743908631),
    "grc_extrapolation_rtm_rho_literature": ("extension", -5380677.71),
    "grc_text_households_blue_districts": ("not_reproducible", None),
    "grc_text_families_blue_districts": ("not_reproducible", None),
    "grc_text_providers_blue_districts": ("not_reproducible", None),
}


@pytest.fixture(scope="module")
def rows(notebook_results):
    return notebook_results("gezinsregie_pareto")


def test_every_row_is_expected(rows):
    check_ids(rows, EXPECTED)


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_row(rows, row_id):
    check_row(rows, row_id, EXPECTED)


def test_hand_checked(rows):
    # 28,748,498 / 648 = 44,365.0 against the printed 49,742 = (34,143 + 40,520 + 74,563) / 3
    assert rows.loc["grc_t6_target_mean_cost", "reproduced"] == pytest.approx(28748498 / 648)
    assert rows.loc["grc_t6_target_mean_cost", "published"] == pytest.approx(49742)
    assert rows.loc["grc_t6_target_mean_cost_unweighted", "reproduced"] == pytest.approx(
        (34143 + 40520 + 74563) / 3)
    # 28,748,498 / 88,090,620 = 32.64% against the printed 32% (15 + 5 + 12)
    assert rows.loc["grc_t6_target_costs_pct", "reproduced"] == pytest.approx(32.6351, abs=1e-4)
    # 1,593 / 648 = 2.458 against 2.9
    cph = rows.loc["grc_t6_target_clients_per_household", "reproduced"]
    assert cph == pytest.approx(1593 / 648)
    # printed 99% = sum of rounded category shares 19 + 34 + 14 + 15 + 5 + 12
    assert rows.loc["grc_t6_total_costs_pct", "reproduced"] == pytest.approx(99)
    # 648 × (359,163 / 12 − 8,000)
    expected = 648 * (359163 / 12 - 8000)
    assert rows.loc["grc_extrapolation_per_household", "reproduced"] == pytest.approx(expected)


def test_extrapolation_is_like_for_like_and_has_no_rho_zero(rows):
    mu = 88090620 / 8849
    # 648 × (mu (1 − 0.6) + 0.6 × 748,644/12 − 491,515/12 − 8,000)
    expect = 648 * (0.4 * mu + 0.6 * 748644 / 12 - 491515 / 12 - 8000)
    assert rows.loc["grc_extrapolation_rtm_rho_0_60", "reproduced"] == pytest.approx(expect)
    assert not rows.index.str.contains("rho_0_00").any()
    assert rows.loc["grc_extrapolation_rtm_break_even_rho", "reproduced"] == pytest.approx(
        (491515 / 12 + 8000 - mu) / (748644 / 12 - mu))
