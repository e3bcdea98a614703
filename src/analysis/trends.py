"""Count models for yearly or periodic registration counts, and exact tests of one count.

* :func:`fit_count_model` fits a Poisson GLM (log link) with statsmodels; when the Pearson
  dispersion test (:func:`dispersion_test`) rejects equidispersion it refits a negative binomial
  (NB2, dispersion ``alpha`` estimated by maximum likelihood). Rate ratios are ``exp(beta)`` with
  Wald intervals ``exp(beta ± z·SE)`` (:func:`rate_ratios`).
* :func:`conditional_binomial_test` is the exact test of a count in one period against the counts
  of ``k`` baseline periods under a constant rate: given the total ``x + s`` (``s`` = baseline
  sum), ``x ~ Binomial(x + s, 1 / (1 + k))``. Its Clopper–Pearson interval for the share ``p``
  gives an exact interval for the rate ratio ``RR = k·p / (1 − p)`` (period rate / mean baseline
  rate).
* :func:`period_design` builds the tidy design (series, year, pilot-year indicator) for them.

All functions return tidy DataFrames or small dataclasses; none plots or reads files.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.tools.sm_exceptions import ConvergenceWarning

from analysis.confidence import CONFIDENCE_LEVEL, tails


@dataclass(frozen=True)
class DispersionTest:
    """Pearson χ² test of equidispersion of a Poisson fit: χ² = Σ (y − μ)²/μ on residual df."""

    pearson_chi2: float
    df_resid: float
    ratio: float
    p_value: float
    method: str = "Pearson chi-square goodness of fit of the Poisson model (H0: variance = mean)"

    @property
    def overdispersed(self) -> bool:
        return self.ratio > 1 and self.p_value < 0.05


@dataclass(frozen=True)
class CountModel:
    """A fitted count model: the family used, the dispersion test and the rate ratios."""

    family: str
    formula: str
    dispersion_test: DispersionTest
    dispersion: float | None  # NB2 alpha (Var = μ + α μ²); None for Poisson
    rate_ratios: pd.DataFrame
    result: object


def dispersion_test(result) -> DispersionTest:
    """Pearson dispersion test of a fitted Poisson GLM (``result`` from ``smf.glm(...).fit()``).

    With df = n − p residual degrees of freedom, p = P(χ²_df ≥ Σ (y − μ)²/μ). With df = 0
    (a saturated model) the test is undefined and p is NaN.
    """
    chi2 = float(result.pearson_chi2)
    df = float(result.df_resid)
    if df <= 0:
        return DispersionTest(chi2, df, float("nan"), float("nan"))
    return DispersionTest(chi2, df, chi2 / df, float(stats.chi2.sf(chi2, df)))


def rate_ratios(result, confidence_level: float = CONFIDENCE_LEVEL,
                terms: Sequence[str] | None = None,
                method: str = "Poisson GLM") -> pd.DataFrame:
    """Tidy rate ratios ``exp(beta)`` with Wald CIs ``exp(beta ± z_{1−α/2}·SE)`` and p-values."""
    params = result.params
    se = result.bse
    z = stats.norm.ppf(1 - tails(confidence_level) / 2)
    names = list(terms) if terms is not None else [t for t in params.index if t != "Intercept"]
    names = [t for t in names if t != "alpha"]
    out = pd.DataFrame({
        "term": names,
        "log_rr": [float(params[t]) for t in names],
        "se": [float(se[t]) for t in names],
        "p_value": [float(result.pvalues[t]) for t in names],
    })
    out["rate_ratio"] = np.exp(out["log_rr"])
    out["ci_low"] = np.exp(out["log_rr"] - z * out["se"])
    out["ci_high"] = np.exp(out["log_rr"] + z * out["se"])
    out["method"] = f"{method}; Wald {100 * confidence_level:g}% CI"
    return out[["term", "rate_ratio", "ci_low", "ci_high", "p_value", "log_rr", "se", "method"]]


def fit_count_model(data: pd.DataFrame, formula: str, confidence_level: float = CONFIDENCE_LEVEL,
                    dispersion_alpha: float = 0.05, force: str | None = None) -> CountModel:
    """Poisson GLM; negative binomial (NB2) when the Pearson test rejects equidispersion.

    ``force`` = ``"poisson"`` or ``"negbin"`` skips the choice. The NB2 dispersion ``alpha``
    (Var = μ + α μ²) is estimated by ML (``smf.negativebinomial``) and the GLM refitted with it.
    """
    pois = smf.glm(formula, data=data, family=sm.families.Poisson()).fit()
    disp = dispersion_test(pois)
    use_nb = force == "negbin" or (
        force is None and disp.ratio > 1 and disp.p_value < dispersion_alpha
    )
    if not use_nb:
        return CountModel("poisson", formula, disp, None,
                          rate_ratios(pois, confidence_level, method="Poisson GLM"), pois)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nb_ml = smf.negativebinomial(formula, data=data).fit(disp=0, maxiter=200)
    converged = bool(nb_ml.mle_retvals.get("converged", True)) and not any(
        issubclass(w.category, ConvergenceWarning) for w in caught)
    nb_alpha = float(nb_ml.params["alpha"])
    nb = smf.glm(formula, data=data,
                 family=sm.families.NegativeBinomial(alpha=nb_alpha)).fit()
    how = "ML" if converged else "ML, not converged: alpha at the boundary 0, i.e. Poisson"
    method = f"negative binomial GLM (NB2, alpha={nb_alpha:.3f} by {how})"
    rr = rate_ratios(nb, confidence_level, method=method)
    return CountModel("negbin", formula, disp, nb_alpha, rr, nb)


def conditional_binomial_test(count: int, baseline: Sequence[int],
                              confidence_level: float = CONFIDENCE_LEVEL,
                              alternative: str = "two-sided") -> dict[str, float]:
    """Exact conditional test of ``count`` against ``k`` baseline counts (constant-rate H0).

    x ~ Binomial(x + s, 1/(1 + k)) given the total; ``scipy.stats.binomtest``. The rate ratio
    RR = x / (s / k); its exact CI maps the Clopper–Pearson CI (pL, pU) of p through
    RR = k·p/(1 − p).
    """
    base = [int(b) for b in baseline]
    k, s, x = len(base), int(sum(base)), int(count)
    if k == 0:
        raise ValueError("the baseline needs at least one period")
    n = x + s
    p0 = 1.0 / (1 + k)
    test = stats.binomtest(x, n, p0, alternative=alternative)
    ci = stats.binomtest(x, n, p0).proportion_ci(confidence_level, method="exact")

    def to_rr(p: float) -> float:
        return float("inf") if p >= 1 else k * p / (1 - p)

    return {
        "count": x, "baseline_sum": s, "baseline_periods": k, "baseline_mean": s / k,
        "null_share": p0, "rate_ratio": (x / (s / k)) if s > 0 else float("inf"),
        "rr_ci_low": to_rr(ci.low), "rr_ci_high": to_rr(ci.high), "p_value": float(test.pvalue),
        "p_greater": float(stats.binomtest(x, n, p0, alternative="greater").pvalue),
    }


def conditional_tests(data: pd.DataFrame, series: str, period: str, count: str,
                      test_period: object,
                      confidence_level: float = CONFIDENCE_LEVEL) -> pd.DataFrame:
    """:func:`conditional_binomial_test` for every series: ``test_period`` vs all other periods."""
    rows = []
    for key, grp in data.groupby(series, sort=False):
        test = grp.loc[grp[period] == test_period, count]
        if len(test) != 1:
            raise ValueError(f"series {key!r}: {len(test)} rows for period {test_period!r}, "
                             "expected 1")
        base = grp.loc[grp[period] != test_period].sort_values(period)[count]
        rows.append({series: key, **conditional_binomial_test(int(test.iloc[0]), base.tolist(),
                                                              confidence_level)})
    out = pd.DataFrame(rows)
    out["method"] = ("exact conditional binomial test, x ~ Bin(x + s, 1/(1 + k)); "
                     "Clopper-Pearson CI mapped to RR = k p/(1 - p)")
    return out


def period_design(data: pd.DataFrame, period_col: str, pilot_periods: Sequence[object],
                  group_col: str, pilot_groups: Sequence[object]) -> pd.DataFrame:
    """Add 0/1 columns ``pilot_period`` and ``pilot_group`` and their product ``pilot_effect``."""
    out = data.copy()
    out["pilot_period"] = out[period_col].isin(list(pilot_periods)).astype(int)
    out["pilot_group"] = out[group_col].isin(list(pilot_groups)).astype(int)
    out["pilot_effect"] = out["pilot_period"] * out["pilot_group"]
    return out


def index_of_dispersion(counts: Sequence[int]) -> dict[str, float]:
    """Fisher's index-of-dispersion test of k counts against one Poisson rate.

    D = Σ (x − x̄)² / x̄ ~ χ²(k − 1) under H0 (equal Poisson rates); ratio = D / (k − 1)
    (variance/mean). Returns D, df, ratio and the upper-tail p-value.
    """
    x = np.asarray(counts, dtype=float)
    k = len(x)
    if k < 2:
        raise ValueError("need at least two counts")
    mean = x.mean()
    if mean == 0:
        return {"statistic": 0.0, "df": k - 1, "ratio": float("nan"), "p_value": 1.0}
    d = float(((x - mean) ** 2).sum() / mean)
    return {"statistic": d, "df": k - 1, "ratio": d / (k - 1),
            "p_value": float(stats.chi2.sf(d, k - 1))}


def minimum_significant_count(baseline: Sequence[int], alpha: float = 0.05,
                              max_count: int = 10_000) -> int:
    """Smallest count x in the test period whose one-sided conditional test has p < ``alpha``.

    Uses :func:`conditional_binomial_test` (``p_greater``); it says how large a rise the small
    baseline counts could have detected at all.
    """
    for x in range(max_count + 1):
        if conditional_binomial_test(x, baseline)["p_greater"] < alpha:
            return x
    raise ValueError(f"no count up to {max_count} reaches p < {alpha}")


def series_of(table: pd.DataFrame, index: str = "year", value: str = "registrations",
              **where: object) -> pd.Series:
    """One count series from a long table: rows matching ``where`` (column = value), as integers
    indexed by ``index`` in ascending order; raises if nothing matches or an index repeats."""
    mask = pd.Series(True, index=table.index)
    for col, v in where.items():
        mask &= table[col] == v
    s = table.loc[mask].set_index(index)[value].astype(int).sort_index()
    if s.empty:
        raise KeyError(f"no rows where {where}")
    if s.index.has_duplicates:
        raise ValueError(f"{index} repeats where {where}")
    return s
