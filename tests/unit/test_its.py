"""Interrupted time series: exact recovery, HAC errors by hand and by statsmodels, input errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.sandwich_covariance import cov_hac

from analysis import its
from analysis.synth import its_series

P16 = pd.period_range("2017Q1", periods=16, freq="Q")


def noisy(seed: int = 3) -> np.ndarray:
    X = its.design(P16, "2019Q4")
    rng = np.random.default_rng(seed)
    e = np.convolve(rng.normal(0, 4, 20), [1, 0.6, 0.3])[2:18]  # MA(2) errors: autocorrelated
    t, d, s = (X[c].to_numpy() for c in ("time", "level", "slope"))
    return 100 + 2 * t - 15 * d - 3 * s + e


def test_design_by_hand():
    X = its.design(pd.period_range("2020-01", periods=6, freq="M"), "2020-04")
    assert X["time"].tolist() == [0, 1, 2, 3, 4, 5]
    assert X["level"].tolist() == [0, 0, 0, 1, 1, 1]
    assert X["slope"].tolist() == [0, 0, 0, 0, 1, 2]


def test_noise_free_series_recovers_level_and_slope_exactly():
    X = its.design(P16, "2019Q4")
    y = 10 + 2 * X["time"] - 5 * X["level"] + 1.5 * X["slope"]
    fit = its.segmented_ols(y.to_numpy(), P16, "2019Q4", lag=2)
    est = fit.table.set_index("term")["estimate"]
    expected = {"const": 10, "time": 2, "level": -5, "slope": 1.5}
    assert est.to_dict() == pytest.approx(expected, abs=1e-9)
    # counterfactual = pre-intervention line extended: at 2020Q4 (t = 15) it is 10 + 2·15 = 40
    assert fit.fitted["counterfactual"].iloc[-1] == pytest.approx(40.0)
    assert fit.fitted["fitted"].iloc[-1] == pytest.approx(40 - 5 + 1.5 * 4)


def newey_west_by_hand(X: np.ndarray, e: np.ndarray, lag: int) -> np.ndarray:
    """V = (X'X)^-1 S (X'X)^-1 · n/(n-k), Bartlett weights w_l = 1 - l/(L+1),

    S = Σ_t e_t² x_t x_t' + Σ_l w_l Σ_t e_t e_{t-l} (x_t x_{t-l}' + x_{t-l} x_t').
    """
    n, k = X.shape
    S = (X * e[:, None]).T @ (X * e[:, None])
    for lag_l in range(1, lag + 1):
        w = 1 - lag_l / (lag + 1)
        G = (X[lag_l:] * e[lag_l:, None]).T @ (X[:-lag_l] * e[:-lag_l, None])
        S += w * (G + G.T)
    B = np.linalg.inv(X.T @ X)
    return B @ S @ B * n / (n - k)


@pytest.mark.parametrize("lag", [0, 1, 2, 4])
def test_hac_standard_errors_equal_hand_formula_and_cov_hac(lag):
    y = noisy()
    fit = its.segmented_ols(y, P16, "2019Q4", lag=lag)
    X = its.design(P16, "2019Q4").to_numpy()
    ols = sm.OLS(y, X).fit()
    by_hand = np.sqrt(np.diag(newey_west_by_hand(X, ols.resid, lag)))
    by_statsmodels = np.sqrt(np.diag(cov_hac(ols, nlags=lag)))
    assert fit.table["std_error"].to_numpy() == pytest.approx(by_hand, rel=1e-10)
    assert fit.table["std_error"].to_numpy() == pytest.approx(by_statsmodels, rel=1e-10)
    assert fit.table["estimate"].to_numpy() == pytest.approx(ols.params, rel=1e-12)


def test_lag_zero_is_hc1():
    y = noisy()
    X = its.design(P16, "2019Q4")
    hc1 = sm.OLS(y, X).fit(cov_type="HC1")
    fit = its.segmented_ols(y, P16, "2019Q4", lag=0)
    assert fit.table["std_error"].to_numpy() == pytest.approx(hc1.bse.to_numpy(), rel=1e-10)


def test_interval_uses_t_with_residual_df():
    fit = its.segmented_ols(noisy(), P16, "2019Q4", lag=1)
    row = fit.table.set_index("term").loc["level"]
    q = stats.t.ppf(0.975, 16 - 4)
    assert row["ci_high"] - row["estimate"] == pytest.approx(q * row["std_error"], rel=1e-10)
    assert "lag 1" in fit.method and "t(12)" in fit.method


def test_effect_is_level_plus_k_slopes_with_hand_variance():
    fit = its.segmented_ols(noisy(), P16, "2019Q4", lag=2)
    b, V = fit.result.params, fit.result.cov_params()
    c = np.array([0, 0, 1, 4.0])
    eff = fit.effect(4)
    assert eff["estimate"] == pytest.approx(b["level"] + 4 * b["slope"])
    se = float(np.sqrt(c @ V.to_numpy() @ c))
    assert eff["ci_high"] - eff["estimate"] == pytest.approx(stats.t.ppf(0.975, 12) * se, rel=1e-9)


def test_poisson_recovers_known_rate_changes_and_offset_only_moves_intercept():
    X = its.design(P16, "2019Q4")
    log_mu = np.log(1e6) - 0.01 * X["time"] - 0.2 * X["level"] - 0.05 * X["slope"]
    y = np.round(np.exp(log_mu))
    fit = its.segmented_counts(y, P16, "2019Q4")
    rr = fit.table.set_index("term")["rate_ratio"]
    assert rr["level"] == pytest.approx(np.exp(-0.2), rel=1e-5)
    assert rr["slope"] == pytest.approx(np.exp(-0.05), rel=1e-5)
    with_offset = its.segmented_counts(y, P16, "2019Q4", exposure=np.full(16, 90.0))
    est = with_offset.table.set_index("term")["estimate"]
    assert est["const"] == pytest.approx(np.log(1e6) - np.log(90.0), abs=1e-5)
    assert est["level"] == pytest.approx(-0.2, abs=1e-5)
    assert "offset" in with_offset.method


def test_negative_binomial_on_synthetic_series_finds_overdispersion():
    s = its_series.series(2017)
    nb = its.segmented_counts(s["count"], s["period"], "2019Q4", family="negbin",
                              exposure=s["days"], lag=1)
    t = nb.table.set_index("term")
    assert t.loc["alpha", "estimate"] > 0
    assert np.isnan(t.loc["alpha", "rate_ratio"])
    # the true level and slope changes of the generator lie inside the 95% intervals
    for term in ("level", "slope"):
        assert t.loc[term, "ci_low"] < its_series.TRUTH[term] < t.loc[term, "ci_high"]


def test_synthetic_series_is_labelled(tmp_path):
    its_series.write(tmp_path / "a.csv", 5)  # determinism: tests/unit/test_synth_determinism.py
    s = pd.read_csv(tmp_path / "a.csv")
    assert s["synthetic"].all() and len(s) == 16
    assert s["days"].tolist()[:4] == [90, 91, 92, 92]  # 2017 quarters
    assert not its_series.series(6)["count"].equals(its_series.series(5)["count"])


@pytest.mark.parametrize(("text", "message"), [
    pytest.param("period,count\n2019Q1,10\n2019Q2,-3\n", r"s\.csv: line 3, column 'count'",
                 id="negative_count"),
    pytest.param("period,n\n2019Q1,10\n", "column .count.: required column is missing",
                 id="no_count_column"),
    pytest.param("period,count\n2019Q1,10\n2019Q3,12\n", "line 3: period 2019Q3 is gap before",
                 id="gap"),
    pytest.param("period,count\n2019Q1,10\n2019Q1,12\n", "duplicate", id="duplicate_period"),
    pytest.param("period,count\n2019Q5,10\n", "line 2, column 'period'", id="no_such_quarter"),
])
def test_read_series_errors_name_file_line_and_column(tmp_path, text, message):
    p = tmp_path / "s.csv"
    p.write_text(text)
    with pytest.raises(its.SeriesError, match=message):
        its.read_series(p)


def test_bad_arguments():
    with pytest.raises(ValueError, match="at least two periods"):
        its.design(P16, "2020Q4")
    with pytest.raises(ValueError, match="whole counts"):
        its.segmented_counts(np.full(16, 2.5), P16, "2019Q4")
    with pytest.raises(ValueError, match="family"):
        its.segmented_counts(np.full(16, 2.0), P16, "2019Q4", family="gamma")


def test_days_of_each_period_come_from_the_calendar_when_the_file_has_none(tmp_path):
    f = tmp_path / "instroom.csv"
    f.write_text("kwartaal;aantal\n2019Q4;40\n2020Q1;42\n2020Q2;39\n", encoding="utf-8")
    s = its.read_series(f, period_column="kwartaal", count_column="aantal", exposure_column="days")
    assert s["exposure"].tolist() == [92.0, 91.0, 91.0]  # Oct-Dec; 2020 is a leap year
    assert any("from the calendar" in c for c in s.attrs["conversions"])
    months = pd.PeriodIndex(["2021-02", "2024-02"], freq="M")
    assert its.days_per_period(months).tolist() == [28, 29]


def test_a_days_column_in_the_file_is_read_not_replaced(tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("period,count,days\n2019Q4,40,10\n2020Q1,42,20\n", encoding="utf-8")
    s = its.read_series(f, exposure_column="days")
    assert s["exposure"].tolist() == [10.0, 20.0] and s.attrs["conversions"] == []
