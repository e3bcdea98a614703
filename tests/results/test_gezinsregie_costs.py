"""Results rows of notebooks/gezinsregie_costs.ipynb, asserted row by row.

Every row's id, status and reproduced value are checked against the expected file
(tests/results/expected/, regenerated on purpose with `make regen-expected`); the hand-checked
test below restates the key ones from first principles.
"""

from __future__ import annotations

import pytest

NB = "gezinsregie_costs"



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


def test_checks_owned_elsewhere_are_not_repeated(rows):
    # issue 14: the main report's summary (line 374) is main_report_summaries'; Tabel 4's total
    # row (line 2386) against its domains and against Tabel 3 is the audit's (totals,
    # same_population, ratios); only the per-household column's sum stays here (a mismatch)
    keys = rows["key"].fillna("")
    assert not keys.str.contains(":374:").any()
    on_2386 = rows[keys.str.contains(":2386:")]
    assert on_2386["key"].is_unique
    assert rows.loc["grc_t4_mean_column_adds_up", "status"] == "mismatch"


def test_net_saving_with_the_computed_coordinator_cost(rows):
    # (1,074,904 − 715,741) / 12 − 2.5 × 45 × 70 = 29,930.25 − 7,875
    assert rows.loc["grc_net_saving_per_household_at_7875", "reproduced"] == pytest.approx(
        359163 / 12 - 7875)
