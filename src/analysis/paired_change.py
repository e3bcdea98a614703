"""Paired change between a first and a follow-up measurement, with intervals.

Pairs each child's first and follow-up row (:func:`paired`, children with one phase only are
returned, never dropped) and summarises the change: paired mean with a t-interval
(:func:`mean_ci`), shares decreasing / stable / increasing with a stable band
(:func:`change_direction`, :func:`band_sensitivity`), and shares with Wilson intervals (Wilson
1927, via ``statsmodels``; :func:`share_ci`, :func:`shares_by`). The rows come from
:func:`analysis.measurements.read_measurements` or any frame of the same columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from analysis.confidence import CONFIDENCE_LEVEL
from analysis.measurements import DAYS_PER_YEAR
from analysis.stats import wilson


def paired(data: pd.DataFrame, columns: Sequence[str], *, first: str = "baseline",
           second: str = "follow_up") -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per child with ``<col>_0`` (first) and ``<col>_1`` (second) for ``columns``.

    Returns (pairs, unpaired): children lacking either phase are returned in ``unpaired``
    (``child_id, phase_present``) so the count can be shown, never silently dropped.
    """
    keep = ["child_id", "sex", "measurement_date", *columns]
    a = data.loc[data["phase"] == first, keep].set_index("child_id")
    b = data.loc[data["phase"] == second, keep].set_index("child_id")
    both = a.index.intersection(b.index)
    pairs = a.loc[both].drop(columns="sex").add_suffix("_0").join(
        b.loc[both].drop(columns="sex").add_suffix("_1"))
    pairs.insert(0, "sex", a.loc[both, "sex"])
    pairs["months"] = ((pairs["measurement_date_1"] - pairs["measurement_date_0"]).dt.days
                       / DAYS_PER_YEAR * 12.0)
    # children with one phase only, sorted by id (index operations, not a Python set of ids)
    only = a.index.symmetric_difference(b.index).sort_values()
    in_a = set(a.index[a.index.isin(only)])  # isin over the few unpaired ids, not all of a's
    unpaired = pd.DataFrame({"child_id": only.tolist(),
                             "phase_present": [first if c in in_a else second for c in only]})
    return pairs.sort_index().reset_index(), unpaired


@dataclass(frozen=True)
class MeanCI:
    """Mean with a two-sided confidence interval."""

    n: int
    mean: float
    low: float
    high: float
    sd: float


def mean_ci(x: Sequence[float] | np.ndarray, level: float = 0.95) -> MeanCI:
    """Mean of paired differences with a t-interval: x̄ ± t_{n−1} · s / √n."""
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    res = stats.ttest_1samp(x, 0.0)
    ci = res.confidence_interval(level)
    return MeanCI(len(x), float(x.mean()), float(ci.low), float(ci.high), float(x.std(ddof=1)))


def change_direction(delta: pd.Series | np.ndarray, band: float) -> pd.Categorical:
    """'decrease' (Δ < −band), 'stable' (|Δ| ≤ band), 'increase' (Δ > band)."""
    d = np.asarray(delta, dtype=float)
    # category codes straight from the comparisons (no label per child): -1 = missing
    codes = np.where(d < -band, 0, np.where(d > band, 2, 1)).astype(np.int8)
    codes[np.isnan(d)] = -1
    return pd.Categorical.from_codes(codes, categories=["decrease", "stable", "increase"])


def share_ci(successes: int, n: int,
             confidence_level: float = CONFIDENCE_LEVEL) -> tuple[float, float, float]:
    """Share k/n (percent) with its Wilson interval (percent; :func:`analysis.stats.wilson`)."""
    if n == 0:
        return (float("nan"),) * 3
    low, high = wilson(successes, n, confidence_level=confidence_level)
    return 100.0 * successes / n, 100.0 * float(low), 100.0 * float(high)


def shares_by(frame: pd.DataFrame, flag: str, by: str | None = None,
              confidence_level: float = CONFIDENCE_LEVEL) -> pd.DataFrame:
    """Share of rows with boolean ``flag`` true, overall or per level of ``by``, Wilson CI."""
    groups = [("all", frame)] if by is None else [
        (str(k), g) for k, g in frame.groupby(by, observed=False, sort=True)]
    rows = []
    for key, g in groups:
        k, n = int(g[flag].sum()), int(g[flag].notna().sum())
        pct, low, high = share_ci(k, n, confidence_level)
        rows.append({"group": key, "n": n, "count": k, "percent": pct, "ci_low": low,
                     "ci_high": high})
    return pd.DataFrame(rows)


def band_sensitivity(delta: pd.Series | np.ndarray, bands: Sequence[float]) -> pd.DataFrame:
    """Percent decreasing / stable / increasing for each stable band."""
    rows = []
    for b in bands:
        c = pd.Series(change_direction(delta, b)).value_counts(normalize=True, sort=False)
        rows.append({"stable_band": float(b), **{k: 100.0 * float(v) for k, v in c.items()}})
    return pd.DataFrame(rows)
