"""Interrupted time series (ITS): segmented regression of a monthly or quarterly series.

The model (Wagner et al. 2002, *J Clin Pharm Ther* 27:299; Bernal, Cummins & Gasparrini 2017,
*Int J Epidemiol* 46:348) for period ``t = 0, 1, …`` with the intervention starting at ``t0``::

    y_t = b0 + b1·t + b2·D_t + b3·(t − t0)·D_t + e_t,     D_t = 1{t ≥ t0}

``b1`` is the pre-intervention trend per period, ``b2`` the level change at ``t0`` and ``b3`` the
change in trend. :func:`segmented_ols` fits it by OLS with Newey–West (HAC, Bartlett kernel)
standard errors, robust to autocorrelation up to ``lag`` periods (statsmodels ``cov_type="HAC"``).
:func:`segmented_counts` fits the same segments as a log-linear count model (Poisson GLM or negative
binomial), optionally with an exposure offset ``log(E_t)``; ``exp(b)`` are rate ratios.

Every function returns tidy DataFrames (one row per estimate, with its interval and the method
named); nothing prints, plots or reads files except :func:`read_series`, whose one job is reading.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.tools.sm_exceptions import ConvergenceWarning

from analysis.confidence import CONFIDENCE_LEVEL, tails

TERMS = {
    "const": "intercept",
    "time": "pre-intervention trend (per period)",
    "level": "level change at intervention",
    "slope": "trend change (per period)",
}


#: an exposure column of this name that a file lacks is computed from the calendar
CALENDAR_DAYS = "days"


class SeriesError(ValueError):
    """A time series file or frame is unusable; the message names file, row and column."""


def read_series(
    path: str | Path,
    *,
    period_column: str = "period",
    count_column: str = "count",
    exposure_column: str | None = None,
    freq: str = "Q",
    mapping: Any = None,
) -> pd.DataFrame:
    """Read and check a series CSV: one row per period (``2019Q1`` or ``2019-01``), a count column.

    ``mapping``: a column/code mapping (YAML path or :class:`analysis.mapping.Mapping`) for an
    export with other column names (template: ``config/mappings/poh_jeugd_referrals.yaml``).
    An exposure column named :data:`CALENDAR_DAYS` that the file lacks is the number of days of
    each period, from the calendar; ``attrs["conversions"]`` says so.

    Raises :class:`SeriesError` naming the file, the CSV line and the column for a missing column,
    an unparsable period, a non-numeric or negative count, a duplicate period or a gap.
    """
    from analysis import mapping as mapping_mod
    from analysis import userfiles

    path = Path(path)
    if not path.is_file():
        raise SeriesError(f"{path}: file not found")
    needed = [period_column, count_column]
    from_calendar = exposure_column == CALENDAR_DAYS
    if exposure_column and not from_calendar:
        needed.append(exposure_column)
    try:  # encodings, ';' files with decimal commas, formula-like text: see analysis.userfiles
        table = userfiles.read_csv(path, required=needed, numeric=needed[1:],
                                   optional=[CALENDAR_DAYS] if from_calendar else [],
                                   mapping=mapping_mod.as_mapping(mapping))
    except userfiles.UserFileError as exc:
        raise SeriesError(str(exc)) from exc
    conversions = list(table.conversions)
    if from_calendar and CALENDAR_DAYS not in table.data.columns:
        exposure_column = None
        conversions.append(f"no column {CALENDAR_DAYS!r}: the exposure is the number of days of "
                           "each period, from the calendar")
    if table.data.empty:
        raise SeriesError(f"{path}: no data rows")
    raw, lines = table.data.fillna(""), table.lines
    periods = []
    for i, text in enumerate(raw[period_column]):
        try:
            periods.append(pd.Period(text, freq=freq))
        except (ValueError, TypeError) as exc:
            raise SeriesError(
                f"{path}: line {lines[i]}, column {period_column!r}: {text!r} is not a "
                f"period of frequency {freq!r}"
            ) from exc
    out = pd.DataFrame({"period": pd.PeriodIndex(periods, freq=freq)})
    for col, name in ((count_column, "count"), (exposure_column, "exposure")):
        if col is None:
            continue
        values = pd.to_numeric(raw[col], errors="coerce")
        for i in np.flatnonzero(values.isna() | (values < 0)):
            raise SeriesError(
                f"{path}: line {lines[i]}, column {col!r}: {raw[col].iloc[i]!r} is not a "
                "non-negative number"
            )
        out[name] = values.to_numpy(dtype=float)
    if "exposure" not in out and from_calendar:
        out["exposure"] = days_per_period(out["period"])
    check_regular(out["period"], where=str(path))
    out.attrs["conversions"] = conversions
    return out


def days_per_period(periods: pd.Series | pd.PeriodIndex) -> np.ndarray:
    """The number of calendar days of each period (a quarter: 90-92, a month: 28-31)."""
    p = as_periods(periods)
    return np.asarray((p.end_time.normalize() - p.start_time).days + 1, dtype=float)


def check_span(series: pd.DataFrame, intervention: str | pd.Period, where: str = "series") -> None:
    """Raise :class:`SeriesError` unless ``intervention`` leaves two periods on each side.

    ``where`` names the file and column in the message (a series too short for a segmented
    regression is the user's file's problem, not a traceback from the model).
    """
    p = as_periods(series["period"])
    try:
        t0 = pd.Period(intervention, freq=p.freq)
    except (ValueError, TypeError) as exc:
        raise SeriesError(f"{where}: intervention {intervention!r} is not a period of frequency "
                          f"{p.freqstr!r}") from exc
    before = int((np.asarray(p.asi8) < t0.ordinal).sum())
    after = len(p) - before
    if before < 2 or after < 2:
        raise SeriesError(
            f"{where}: {len(p)} periods ({p[0]}–{p[-1]}) leave {before} before and {after} from "
            f"the intervention {t0}; a segmented regression needs at least 2 on each side"
        )


def check_regular(periods: pd.Series | pd.PeriodIndex, where: str = "series") -> None:
    """Raise :class:`SeriesError` on duplicate, unsorted or missing periods (rows are CSV lines)."""
    p = as_periods(periods)
    ordinals = np.asarray(p.asi8)
    for i in range(1, len(ordinals)):
        step = ordinals[i] - ordinals[i - 1]
        if step != 1:
            kind = "duplicate" if step == 0 else ("out of order" if step < 0 else "gap before")
            raise SeriesError(
                f"{where}: line {i + 2}: period {p[i]} is {kind} (previous {p[i - 1]}); "
                "a segmented regression needs one row per consecutive period"
            )


def as_periods(periods: pd.PeriodIndex | pd.Series | list[str]) -> pd.PeriodIndex:
    """Periods as a :class:`pandas.PeriodIndex`; strings such as ``2019Q4`` or ``2019-10`` parse."""
    if isinstance(periods, pd.PeriodIndex):
        return periods
    s = pd.Series(periods)
    if isinstance(s.dtype, pd.PeriodDtype):
        return pd.PeriodIndex(s)
    return pd.PeriodIndex([pd.Period(str(v)) for v in s])


def design(periods: pd.PeriodIndex | pd.Series, intervention: str | pd.Period) -> pd.DataFrame:
    """Design matrix ``const, time, level, slope`` (see module docstring) indexed by period."""
    p = as_periods(periods)
    check_regular(p)
    t0_period = pd.Period(intervention, freq=p.freq)
    t = (np.asarray(p.asi8) - p.asi8[0]).astype(float)
    t0 = float(t0_period.ordinal - p.asi8[0])
    if not 1 < t0 < len(p) - 1:
        raise ValueError(
            f"intervention {t0_period} must leave at least two periods on each side of "
            f"the series {p[0]}–{p[-1]}"
        )
    post = (t >= t0).astype(float)
    return pd.DataFrame(
        {"const": 1.0, "time": t, "level": post, "slope": np.where(post == 1.0, t - t0, 0.0)},
        index=p,
    )


def _tidy(fit: Any, names: list[str], method: str, confidence_level: float,
          log_link: bool) -> pd.DataFrame:
    params = np.asarray(fit.params, dtype=float)
    ci = np.asarray(fit.conf_int(alpha=tails(confidence_level)), dtype=float)
    df = pd.DataFrame(
        {
            "term": names,
            "meaning": [TERMS.get(n, n) for n in names],
            "estimate": params,
            "std_error": np.asarray(fit.bse, dtype=float),
            "statistic": np.asarray(fit.tvalues, dtype=float),
            "p_value": np.asarray(fit.pvalues, dtype=float),
            "ci_low": ci[:, 0],
            "ci_high": ci[:, 1],
        }
    )
    if log_link:
        is_coef = df["term"].isin(list(TERMS)).to_numpy()
        for col, src in (
            ("rate_ratio", "estimate"),
            ("rr_ci_low", "ci_low"),
            ("rr_ci_high", "ci_high"),
        ):
            df[col] = np.where(is_coef, np.exp(df[src]), np.nan)
    df["method"] = method
    df["n_periods"] = int(fit.nobs)
    return df


@dataclass(frozen=True)
class ITSFit:
    """A fitted segmented regression: tidy coefficients, per-period fit, the statsmodels result."""

    table: pd.DataFrame
    fitted: pd.DataFrame
    result: Any
    method: str
    log_link: bool
    confidence_level: float

    def effect(self, periods_after: int) -> pd.Series:
        """Effect ``periods_after`` periods after the start (0 = at the start): b2 + b3·k.

        For count models this is a rate ratio exp(b2 + b3·k) versus the counterfactual (the
        pre-intervention segment extended); its interval is the Wald interval of the linear
        combination under the fit's covariance (HAC when the fit used it).
        """
        names = list(self.result.model.exog_names)
        contrast = np.zeros(len(np.asarray(self.result.params)))
        contrast[names.index("level")] = 1.0
        contrast[names.index("slope")] = float(periods_after)
        tt = self.result.t_test(contrast)
        est = float(np.squeeze(tt.effect))
        lo, hi = np.squeeze(tt.conf_int(alpha=tails(self.confidence_level)))
        out = {
            "periods_after": periods_after,
            "estimate": est,
            "ci_low": float(lo),
            "ci_high": float(hi),
            "p_value": float(np.squeeze(tt.pvalue)),
            "method": self.method,
        }
        if self.log_link:
            out.update(rate_ratio=np.exp(est), rr_ci_low=np.exp(lo), rr_ci_high=np.exp(hi))
        return pd.Series(out)


def _fitted_frame(
    X: pd.DataFrame, y: np.ndarray, fit: Any, log_link: bool, offset: np.ndarray | None
) -> pd.DataFrame:
    b = pd.Series(np.asarray(fit.params, dtype=float)[: X.shape[1]], index=X.columns)
    lin = X.to_numpy() @ b.to_numpy()
    cf = X[["const", "time"]].to_numpy() @ b[["const", "time"]].to_numpy()
    off = 0.0 if offset is None else offset
    if log_link:
        lin, cf = np.exp(lin + off), np.exp(cf + off)
    return pd.DataFrame(
        {
            "period": X.index,
            "observed": y,
            "fitted": lin,
            "counterfactual": cf,
            "post": X["level"].to_numpy() == 1.0,
        }
    )


def segmented_ols(
    y: pd.Series | np.ndarray,
    periods: pd.PeriodIndex | pd.Series,
    intervention: str | pd.Period,
    *,
    lag: int = 1,
    confidence_level: float = CONFIDENCE_LEVEL,
) -> ITSFit:
    """Segmented OLS with Newey–West HAC errors (Bartlett kernel, ``maxlags=lag``, t reference).

    The covariance carries the small-sample factor n/(n − k) and equals
    ``statsmodels.stats.sandwich_covariance.cov_hac(ols, nlags=lag)``; ``lag = 0`` gives White's
    heteroscedasticity-robust errors with that factor (HC1).
    """
    if lag < 0:
        raise ValueError("lag must be ≥ 0")
    X = design(periods, intervention)
    yv = np.asarray(y, dtype=float)
    if len(yv) != len(X):
        raise ValueError(f"{len(yv)} values for {len(X)} periods")
    fit = sm.OLS(yv, X).fit(
        cov_type="HAC", cov_kwds={"maxlags": lag, "use_correction": True}, use_t=True
    )
    df = int(fit.df_resid)
    method = f"segmented OLS, Newey–West HAC standard errors (Bartlett, lag {lag}), t({df})"
    return ITSFit(
        _tidy(fit, list(X.columns), method, confidence_level, False),
        _fitted_frame(X, yv, fit, False, None),
        fit,
        method,
        False,
        confidence_level,
    )


def segmented_counts(
    y: pd.Series | np.ndarray,
    periods: pd.PeriodIndex | pd.Series,
    intervention: str | pd.Period,
    *,
    family: Literal["poisson", "negbin"] = "poisson",
    exposure: pd.Series | np.ndarray | None = None,
    lag: int | None = None,
    confidence_level: float = CONFIDENCE_LEVEL,
) -> ITSFit:
    """Segmented log-linear count model: Poisson GLM or negative binomial (NB2, alpha by ML).

    ``exposure`` adds the offset ``log(exposure)`` (e.g. days per period or population), so the
    coefficients act on the rate. ``lag`` = None uses model-based errors; an integer uses HAC errors
    with that lag. The method string reports the Pearson dispersion (χ²/df) of the Poisson fit.
    """
    if family not in ("poisson", "negbin"):
        raise ValueError(f"family must be 'poisson' or 'negbin', not {family!r}")
    X = design(periods, intervention)
    yv = np.asarray(y, dtype=float)
    if len(yv) != len(X):
        raise ValueError(f"{len(yv)} values for {len(X)} periods")
    if np.any(yv < 0) or np.any(yv != np.round(yv)):
        raise ValueError("a count model needs non-negative whole counts")
    offset = None
    if exposure is not None:
        e = np.asarray(exposure, dtype=float)
        if np.any(e <= 0):
            raise ValueError("exposure must be positive")
        offset = np.log(e)
    cov = {"cov_type": "HAC", "cov_kwds": {"maxlags": lag}} if lag is not None else {}
    errors = f"HAC errors (Bartlett, lag {lag})" if lag is not None else "model-based errors"
    pois = sm.GLM(yv, X, family=sm.families.Poisson(), offset=offset).fit(**cov)
    dispersion = float(pois.pearson_chi2 / pois.df_resid)
    if family == "poisson":
        fit, names, label = pois, list(X.columns), "Poisson GLM"
    elif family == "negbin":
        start = np.append(np.asarray(pois.params, dtype=float), 0.1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            fit = sm.NegativeBinomial(yv, X, offset=offset, loglike_method="nb2").fit(
                start_params=start, method="bfgs", maxiter=2000, disp=0, **cov
            )
        names, label = list(X.columns) + ["alpha"], "negative binomial (NB2, alpha by ML)"
        if not fit.mle_retvals.get("converged", True):
            label += (
                " [not converged: alpha at its boundary 0, i.e. no overdispersion; use Poisson]"
            )
    else:
        raise ValueError(f"family must be 'poisson' or 'negbin', not {family!r}")
    off = ", offset log(exposure)" if offset is not None else ""
    method = f"segmented {label}{off}, {errors}; Poisson Pearson dispersion {dispersion:.2f}"
    return ITSFit(
        _tidy(fit, names, method, confidence_level, True),
        _fitted_frame(X, yv, fit, True, offset),
        fit,
        method,
        True,
        confidence_level,
    )


def autocorrelation(residuals: np.ndarray, lags: int = 4) -> pd.DataFrame:
    """Residual autocorrelation diagnostics: Durbin–Watson and Ljung–Box Q (lags 1…``lags``)."""
    from statsmodels.stats.diagnostic import acorr_ljungbox
    from statsmodels.stats.stattools import durbin_watson

    r = np.asarray(residuals, dtype=float)
    lb = acorr_ljungbox(r, lags=list(range(1, lags + 1)))
    out = pd.DataFrame(
        {
            "test": [f"Ljung–Box Q, lag {k}" for k in range(1, lags + 1)],
            "statistic": lb["lb_stat"].to_numpy(),
            "p_value": lb["lb_pvalue"].to_numpy(),
        }
    )
    dw = pd.DataFrame(
        {"test": ["Durbin–Watson"], "statistic": [durbin_watson(r)], "p_value": [np.nan]}
    )
    return pd.concat([dw, out], ignore_index=True)


def newey_west_lag(n: int) -> int:
    """Rule-of-thumb HAC lag ``floor(4·(n/100)^(2/9))`` (Newey & West 1994)."""
    return int(np.floor(4 * (n / 100) ** (2 / 9)))
