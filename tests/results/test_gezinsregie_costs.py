"""Results rows of notebooks/gezinsregie_costs.ipynb, asserted row by row.

Each row's status and reproduced value are asserted.

Expected values were checked against the source arithmetic; the hand-checked test below restates
the key ones from first principles.
"""


import pytest

from tests.results.expected_rows import check_ids, check_row

EXPECTED = {
    "grc_t3_bzhh01_diff": ("reproduced", -49416),
    "grc_t3_bzhh01_pct": ("reproduced", -72.03183534),
    "grc_t3_bzhh02_diff": ("reproduced", -41047),
    "grc_t3_bzhh02_pct": ("reproduced", -63.52156486),
    "grc_t3_bzhh03_diff": ("reproduced", -32481),
    "grc_t3_bzhh03_pct": ("reproduced", -45.81564285),
    "grc_t3_bzhh06_diff": ("reproduced", -20473),
    "grc_t3_bzhh06_pct": ("reproduced", -23.78258445),
    "grc_t3_bzhh07_diff": ("reproduced", -87999),
    "grc_t3_bzhh07_pct": ("reproduced", -57.82256157),
    "grc_t3_bzhh08_diff": ("reproduced", -21366),
    "grc_t3_bzhh08_pct": ("reproduced", -23.66925523),
    "grc_t3_bzhh09_diff": ("reproduced", -53735),
    "grc_t3_bzhh09_pct": ("reproduced", -32.71497455),
    "grc_t3_bzhh10_diff": ("reproduced", -11652),
    "grc_t3_bzhh10_pct": ("reproduced", -15.80189319),
    "grc_t3_bzhh11_diff": ("reproduced", -33548),
    "grc_t3_bzhh11_pct": ("reproduced", -52.64000251),
    "grc_t3_bzhh12_diff": ("reproduced", -9140),
    "grc_t3_bzhh12_pct": ("reproduced", -27.22993505),
    "grc_t3_bzhh13_diff": ("reproduced", -37754),
    "grc_t3_bzhh13_pct": ("reproduced", -27.34489302),
    "grc_t3_bzhh16_diff": ("reproduced", 39448),
    "grc_t3_bzhh16_pct": ("reproduced", 57.25980869),
    "grc_t3_total_t1": ("reproduced", 1074904),
    "grc_t3_total_t2": ("reproduced", 715741),
    "grc_t3_total_diff": ("mismatch", -359163),
    "grc_t3_total_pct": ("reproduced", -33.41349553),
    "grc_text_households_costed": ("reproduced", 12),
    "grc_text_households_saving": ("reproduced", 11),
    "grc_text_households_increase": ("reproduced", 1),
    "grc_t4_non_indicated_diff": ("reproduced", -60990),
    "grc_t4_non_indicated_pct": ("reproduced", -49.13793103),
    "grc_t4_non_indicated_mean": ("reproduced", -6776.666667),
    "grc_t4_municipal_diff": ("mismatch", -257129),
    "grc_t4_municipal_pct": ("reproduced", -34.34596417),
    "grc_t4_municipal_mean": ("reproduced", -21427.5),
    "grc_t4_uwv_diff": ("reproduced", -0),
    "grc_t4_uwv_pct": ("reproduced", -0),
    "grc_t4_uwv_mean": ("reproduced", 0),
    "grc_t4_zvw_ggz_diff": ("reproduced", -41044),
    "grc_t4_zvw_ggz_pct": ("reproduced", -46.41936214),
    "grc_t4_zvw_ggz_mean": ("reproduced", -4560.444444),
    "grc_t4_total_t1": ("reproduced", 1074904),
    "grc_t4_total_t2": ("reproduced", 715741),
    "grc_t4_total_diff": ("reproduced", -359164),
    "grc_t4_total_t1_vs_t3": ("reproduced", 1074904),
    "grc_t4_total_t2_vs_t3": ("reproduced", 715741),
    "grc_t4_total_pct": ("reproduced", -33.41349553),
    "grc_t4_total_mean": ("reproduced", -29930.25),
    "grc_t4_mean_column_adds_up": ("mismatch", -32764),
    "grc_t4_non_indicated_mean_over_12": ("extension", -5082.5),
    "grc_t4_municipal_mean_over_12": ("extension", -21427.5),
    "grc_t4_uwv_mean_over_12": ("extension", 0),
    "grc_t4_zvw_ggz_mean_over_12": ("extension", -3420.333333),
    "grc_text_coordinator_cost": ("mismatch", 7875),
    "grc_t5_coordinator_per_household": ("mismatch", 7875),
    "grc_t5_coordinator_total": ("reproduced", 96000),
    "grc_t5_diff_total": ("mismatch", -359163),
    "grc_t5_diff_per_household": ("reproduced", -29930.25),
    "grc_t5_saldo_total": ("mismatch", -263163),
    "grc_t5_saldo_per_household": ("reproduced", -21930.25),
    "grc_net_saving_per_household_at_7875": ("extension", 22055.25),
    "grc_coordinator_capacity": ("extension", 14),
    "grc_text_total_saving_rounded": ("reproduced", 359163),
    "grc_text_total_saving_text": ("reproduced", 359163),
    "grc_text_mean_saving": ("reproduced", 29930.25),
    "grc_text_mean_saving_rounded": ("reproduced", 29930.25),
    "grc_text_net_saving_rounded": ("reproduced", 21930.25),
    "grc_text_summary_total_saving": ("reproduced", 359163),
    "grc_text_summary_mean_saving": ("reproduced", 29930.25),
    "grc_text_summary_net_saving": ("reproduced", 21930.25),
    "grc_text_conclusions_total_saving": ("reproduced", 359163),
    "grc_text_conclusions_mean_saving": ("reproduced", 29930.25),
    "grc_text_conclusions_net_saving": ("reproduced", 21930.25),
    "grc_text_final_total_saving": ("reproduced", 359163),
    "grc_text_final_mean_saving": ("reproduced", 29930.25),
    "grc_text_final_net_saving": ("reproduced", 21930.25),
    "grc_median_saving": ("extension", 33014.5),
    "grc_mean_pct_saving": ("extension", 32.0929445),
    "grc_sd_saving": ("extension", 30548.29914),
    "grc_wilcoxon_statistic": ("extension", 8),
    "grc_wilcoxon_p": ("extension", 0.01220703125),
    "grc_ttest_t": ("extension", 3.39401637),
    "grc_ttest_p": ("extension", 0.005992165185),
    "grc_ttest_ci_low": ("extension", 10520.78673),
    "grc_ttest_ci_high": ("extension", 49339.71327),
    "grc_bootstrap_ci_low": ("extension", 11671.18923),
    "grc_bootstrap_ci_high": ("extension", 45005.0747),
    "grc_rtm_rho_literature": ("extension", 0.5855417185),
    "grc_rtm_mu": ("extension", 9954.867217),
    "grc_rtm_municipal_remaining_mean_rho_0_30": ("extension", -15275.07628),
    "grc_rtm_municipal_remaining_mean_rho_0_40": ("extension", -10031.863),
    "grc_rtm_municipal_remaining_mean_rho_0_50": ("extension", -4788.649725),
    "grc_rtm_municipal_remaining_mean_rho_0_60": ("extension", 454.5635533),
    "grc_rtm_municipal_remaining_mean_rho_0_70": ("extension", 5697.776832),
    "grc_rtm_municipal_remaining_mean_rho_0_80": ("extension", 10940.99011),
    "grc_rtm_municipal_remaining_mean_rho_0_90": ("extension", 16184.20339),
    "grc_rtm_municipal_zero_rho": ("extension", 0.5913304394),
    "grc_rtm_municipal_break_even_rho": ("extension", 0.743908631),
    "grc_rtm_remaining_mean_rho_0_30": ("extension", -25804.07628),
    "grc_rtm_net_mean_rho_0_30": ("extension", -33804.07628),
    "grc_rtm_remaining_mean_rho_0_40": ("extension", -17842.02967),
    "grc_rtm_net_mean_rho_0_40": ("extension", -25842.02967),
    "grc_rtm_remaining_mean_rho_0_50": ("extension", -9879.983058),
    "grc_rtm_net_mean_rho_0_50": ("extension", -17879.98306),
    "grc_rtm_remaining_mean_rho_0_60": ("extension", -1917.936447),
    "grc_rtm_net_mean_rho_0_60": ("extension", -9917.936447),
    "grc_rtm_remaining_mean_rho_0_70": ("extension", 6044.110165),
    "grc_rtm_net_mean_rho_0_70": ("extension", -1955.889835),
    "grc_rtm_remaining_mean_rho_0_80": ("extension", 14006.15678),
    "grc_rtm_net_mean_rho_0_80": ("extension", 6006.156777),
    "grc_rtm_remaining_mean_rho_0_90": ("extension", 21968.20339),
    "grc_rtm_net_mean_rho_0_90": ("extension", 13968.20339),
    "grc_rtm_zero_rho": ("extension", 0.6240884855),
    "grc_rtm_break_even_rho": ("extension", 0.7245651643),
    "grc_sens_base": ("extension", -9792.936447),
    "grc_sens_rho_low": ("extension", -33679.07628),
    "grc_sens_rho_high": ("extension", 14093.20339),
    "grc_sens_mu_low": ("extension", -11783.90989),
    "grc_sens_mu_high": ("extension", -5810.98956),
    "grc_sens_hours_low": ("extension", -8217.936447),
    "grc_sens_hours_high": ("extension", -11367.93645),
    "grc_sens_rate_low": ("extension", -8667.936447),
    "grc_sens_rate_high": ("extension", -10917.93645),
}


@pytest.fixture(scope="module")
def rows(notebook_results):
    return notebook_results("gezinsregie_costs")


def test_every_row_is_expected(rows):
    check_ids(rows, EXPECTED)


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_row(rows, row_id):
    check_row(rows, row_id, EXPECTED)


def test_hand_checked(rows):
    # Tabel 3: 19,187 − 68,603 = −49,416; −49,416 / 68,603 = −72.03%
    assert rows.loc["grc_t3_bzhh01_diff", "reproduced"] == pytest.approx(-49416)
    assert rows.loc["grc_t3_bzhh01_pct", "reproduced"] == pytest.approx(-72.0318, abs=1e-4)
    # household sum 715,741 − 1,074,904 = −359,163, printed −359,164
    assert rows.loc["grc_t3_total_diff", "reproduced"] == pytest.approx(-359163)
    assert rows.loc["grc_t3_total_diff", "published"] == pytest.approx(-359164)
    # 2.5 × 45 × 70 = 7,875 against the printed 8,000
    assert rows.loc["grc_t5_coordinator_per_household", "reproduced"] == pytest.approx(7875)
    assert rows.loc["grc_t5_coordinator_per_household", "published"] == pytest.approx(8000)
    # Tabel 4 per-household column: −6,777 − 21,427 + 0 − 4,560 = −32,764 vs total −29,930
    assert rows.loc["grc_t4_mean_column_adds_up", "reproduced"] == pytest.approx(-32764)
    # exact Wilcoxon: only BZHH16 (rank 8 of 12 |differences|) rises; P(T <= 8) = 25 / 4096
    assert rows.loc["grc_wilcoxon_statistic", "reproduced"] == pytest.approx(8)
    assert rows.loc["grc_wilcoxon_p", "reproduced"] == pytest.approx(2 * 25 / 4096)
    # rho = 0.3: remaining = 0.7 mu + 0.3 mean(pre) − mean(post), all domains (a lower bound)
    mu = 88090620 / 8849
    assert rows.loc["grc_rtm_remaining_mean_rho_0_30", "reproduced"] == pytest.approx(
        0.7 * mu + 0.3 * 1074904 / 12 - 715741 / 12)
    # like for like, Tabel 4 municipal row: zero at (post − mu) / (pre − mu) = 0.5913
    assert rows.loc["grc_rtm_municipal_zero_rho", "reproduced"] == pytest.approx(
        (491515 / 12 - mu) / (748644 / 12 - mu))
    # the grid is no longer allowed to start at an implausible rho = 0
    assert not rows.index.str.contains("rho_0_00").any()
    assert "lower bound" in rows.loc["grc_rtm_remaining_mean_rho_0_60", "quantity"]
    # one-way sensitivity: 0.5 h less per week saves 0.5 × 45 × 70 = 1,575 per household
    base = rows.loc["grc_sens_base", "reproduced"]
    assert rows.loc["grc_sens_hours_low", "reproduced"] == pytest.approx(base + 1575)
