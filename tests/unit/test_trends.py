"""Count models and exact tests in analysis.trends, checked by hand or by a second method."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import trends


def _binom_upper_tail(x: int, n: int, p: float) -> float:
    return sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(x, n + 1))


def test_poisson_two_groups_rate_ratio_is_ratio_of_sums_and_ci_by_hand():
    df = pd.DataFrame({"y": [2, 3, 5, 6, 8, 10], "b": [0, 0, 0, 1, 1, 1]})
    m = trends.fit_count_model(df, "y ~ b", force="poisson")
    row = m.rate_ratios.set_index("term").loc["b"]
    assert row["rate_ratio"] == pytest.approx(24 / 10)
    se = math.sqrt(1 / 10 + 1 / 24)  # SE of a log ratio of two Poisson sums
    assert row["se"] == pytest.approx(se, rel=1e-6)
    z = stats.norm.ppf(0.975)
    assert row["ci_low"] == pytest.approx(2.4 * math.exp(-z * se), rel=1e-6)
    assert row["ci_high"] == pytest.approx(2.4 * math.exp(z * se), rel=1e-6)
    assert m.family == "poisson"


def test_interaction_rate_ratio_is_ratio_of_the_two_rises():
    # Kanaleneiland 2015-2019: pilot practice 2,2,2,1,7; other practices 8,18,10,3,14
    counts = {"pilot": [2, 2, 2, 1, 7], "other": [8, 18, 10, 3, 14]}
    rows = [{"series": s, "year": 2015 + i, "y": v} for s, vals in counts.items()
            for i, v in enumerate(vals)]
    df = trends.period_design(pd.DataFrame(rows), "year", [2019], "series", ["pilot"])
    assert df["pilot_effect"].sum() == 1
    m = trends.fit_count_model(df, "y ~ pilot_group + pilot_period + pilot_effect", force="poisson")
    rr = m.rate_ratios.set_index("term")
    assert rr.loc["pilot_effect", "rate_ratio"] == pytest.approx((7 / 1.75) / (14 / 9.75))
    assert rr.loc["pilot_period", "rate_ratio"] == pytest.approx(14 / 9.75)
    # SE of the log interaction in a saturated 2x2 of sums: sqrt(1/7 + 1/7 + 1/14 + 1/39)
    assert rr.loc["pilot_effect", "se"] == pytest.approx(
        math.sqrt(1 / 7 + 1 / 7 + 1 / 14 + 1 / 39), rel=1e-6)


def test_dispersion_test_equals_index_of_dispersion_for_intercept_model():
    y = [8, 18, 10, 3]
    m = trends.fit_count_model(pd.DataFrame({"y": y}), "y ~ 1", force="poisson")
    by_hand = ((np.array(y) - 9.75) ** 2).sum() / 9.75  # = 116.75 / 9.75
    assert m.dispersion_test.pearson_chi2 == pytest.approx(by_hand)
    assert m.dispersion_test.df_resid == 3
    iod = trends.index_of_dispersion(y)
    assert iod["statistic"] == pytest.approx(116.75 / 9.75)
    assert iod["p_value"] == pytest.approx(stats.chi2.sf(116.75 / 9.75, 3))
    assert m.dispersion_test.p_value == pytest.approx(iod["p_value"])


def test_negative_binomial_chosen_when_overdispersed_and_matches_discrete_model():
    y = [0, 30, 1, 40, 2, 50, 0, 35, 1, 28]
    df = pd.DataFrame({"y": y, "x": [0, 1] * 5})
    pois = trends.fit_count_model(df.assign(y=[3, 4, 5, 4, 3, 4, 5, 4, 4, 4]), "y ~ 1")
    assert pois.family == "poisson"
    m = trends.fit_count_model(df, "y ~ 1")
    assert m.family == "negbin"
    assert m.dispersion_test.overdispersed
    assert m.dispersion > 0.5
    # second method: the intercept of an intercept-only NB model is log(mean) whatever alpha is
    assert float(m.result.params["Intercept"]) == pytest.approx(math.log(np.mean(y)), rel=1e-6)


def test_conditional_binomial_test_by_hand():
    out = trends.conditional_binomial_test(7, [2, 2, 2, 1])
    assert out["baseline_sum"] == 7 and out["baseline_periods"] == 4
    assert out["rate_ratio"] == pytest.approx(4.0)
    assert out["p_greater"] == pytest.approx(_binom_upper_tail(7, 14, 0.2))
    assert out["p_value"] == pytest.approx(stats.binomtest(7, 14, 0.2).pvalue)
    # exact CI: Clopper-Pearson limits from the beta quantiles, mapped to RR = 4 p / (1 - p)
    pl = stats.beta.ppf(0.025, 7, 8)
    pu = stats.beta.ppf(0.975, 8, 7)
    assert out["rr_ci_low"] == pytest.approx(4 * pl / (1 - pl), rel=1e-6)
    assert out["rr_ci_high"] == pytest.approx(4 * pu / (1 - pu), rel=1e-6)


def test_conditional_test_no_rise_gives_p_one():
    out = trends.conditional_binomial_test(4, [5, 3, 3, 5])
    assert out["rate_ratio"] == pytest.approx(1.0)
    assert out["p_value"] == pytest.approx(1.0)


def test_conditional_test_needs_a_baseline():
    with pytest.raises(ValueError, match="baseline"):
        trends.conditional_binomial_test(3, [])


def test_minimum_significant_count_by_hand():
    base = [2, 2, 2, 1]
    x = trends.minimum_significant_count(base)
    assert x == 6
    assert _binom_upper_tail(6, 13, 0.2) < 0.05 <= _binom_upper_tail(5, 12, 0.2)


def test_conditional_tests_per_series_and_bad_period():
    df = pd.DataFrame({"s": ["a"] * 3 + ["b"] * 3, "t": [1, 2, 3] * 2, "y": [1, 2, 6, 4, 4, 4]})
    out = trends.conditional_tests(df, "s", "t", "y", 3).set_index("s")
    assert out.loc["a", "rate_ratio"] == pytest.approx(6 / 1.5)
    assert out.loc["b", "p_value"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="period 4"):
        trends.conditional_tests(df, "s", "t", "y", 4)


def test_index_of_dispersion_rejects_single_count():
    with pytest.raises(ValueError):
        trends.index_of_dispersion([3])


def test_series_of_selects_sorts_and_refuses_ambiguity():
    t = pd.DataFrame({"nb": ["a", "a", "b", "a"], "year": [2016, 2015, 2015, 2015],
                      "g": ["x", "x", "x", "y"], "registrations": [3, 1, 9, 4]})
    s = trends.series_of(t, nb="a", g="x")
    assert s.index.tolist() == [2015, 2016] and s.tolist() == [1, 3]
    with pytest.raises(KeyError):
        trends.series_of(t, nb="c")
    with pytest.raises(ValueError):
        trends.series_of(t, nb="a")


def test_the_confidence_level_gives_statsmodels_alpha_exactly():
    from analysis.confidence import tails

    assert tails(0.95) == 0.05 and tails(0.9) == 0.1 and tails(0.99) == 0.01
    with pytest.raises(ValueError, match="between 0 and 1"):
        tails(95)
