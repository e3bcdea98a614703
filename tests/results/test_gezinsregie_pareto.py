"""Results rows of notebooks/gezinsregie_pareto.ipynb: every row against its expected file
(tests/results/test_expected_files.py; `make check-evaluation NAME=gezinsregie_pareto
REGEN=1`), and Tabel 6's target-group figures and the text's restatements worked out by hand.
"""

from __future__ import annotations

import pytest

NB = "gezinsregie_pareto"


def test_hand_checked(rows):
    # 28,748,498 / 648 = 44,365.0 against the text's 'ca. € 50.000', which restates the printed
    # 49,742 = (34,143 + 40,520 + 74,563) / 3 (Tabel 6's own cell is the audit's to check)
    assert rows.loc["grc_text_target_mean_cost", "reproduced"] == pytest.approx(28748498 / 648)
    assert rows.loc["grc_text_target_mean_cost", "published"] == pytest.approx(50000)
    assert rows.loc["grc_text_target_mean_cost", "status"] == "mismatch"
    assert rows.loc["grc_t6_target_mean_cost_unweighted", "reproduced"] == pytest.approx(
        (34143 + 40520 + 74563) / 3)
    # 28,748,498 / 88,090,620 = 32.64% against the printed 32% (15 + 5 + 12)
    assert rows.loc["grc_text_target_costs_pct", "reproduced"] == pytest.approx(32.6351, abs=1e-4)
    # 1,593 / 648 = 2.458 against 2.9
    cph = rows.loc["grc_text_target_clients_per_household", "reproduced"]
    assert cph == pytest.approx(1593 / 648)
    # printed 99% = sum of rounded category shares 19 + 34 + 14 + 15 + 5 + 12
    assert rows.loc["grc_t6_total_costs_pct", "reproduced"] == pytest.approx(99)
    # 648 × (359,163 / 12 − 8,000)
    expected = 648 * (359163 / 12 - 8000)
    assert rows.loc["grc_extrapolation_per_household", "reproduced"] == pytest.approx(expected)


def test_the_target_row_of_tabel_6_is_left_to_the_audit(rows):
    # issue 14: the audit owns Tabel 6's target row (ratios, percentages, restates); the page
    # shows its verdict and compares no cell of line 2444 itself
    assert not rows["key"].fillna("").str.contains(":2444:").any()


def test_extrapolation_is_like_for_like_and_has_no_rho_zero(rows):
    mu = 88090620 / 8849
    # 648 × (mu (1 − 0.6) + 0.6 × 748,644/12 − 491,515/12 − 8,000)
    expect = 648 * (0.4 * mu + 0.6 * 748644 / 12 - 491515 / 12 - 8000)
    assert rows.loc["grc_extrapolation_rtm_rho_0_60", "reproduced"] == pytest.approx(expect)
    assert not rows.index.str.contains("rho_0_00").any()
    assert rows.loc["grc_extrapolation_rtm_break_even_rho", "reproduced"] == pytest.approx(
        (491515 / 12 + 8000 - mu) / (748644 / 12 - mu))
