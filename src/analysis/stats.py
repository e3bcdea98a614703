"""Shared statistics: Wilson intervals, counts from printed percentages, bootstrap, multiplicity.

One signature each, the field's libraries underneath:

* :func:`wilson` — Wilson score interval (``statsmodels`` ``proportion_confint(method="wilson")``),
  exactly 0 at k = 0 and exactly 1 at k = n (statsmodels leaves float noise such as 1 − 1e-16).
  The level is always ``confidence_level`` (e.g. 0.95), never an ``alpha``.
* :func:`count_from_percent` — the count behind a printed percentage. **One rounding rule: half
  up** (``2.5 → 3``), the rule Dutch reports print with; Python's ``round`` rounds halves to even
  and is not used. :func:`counts_rounding_to` gives every count that prints as the percentage.
* :func:`bootstrap_ci` — ``scipy.stats.bootstrap`` with a seeded generator.
* :func:`adjust_family` — the multiplicity policy of ``docs/statistics.md``: each page declares
  its families of tests; Holm-adjusted p (family-wise error) is reported beside every raw p,
  Benjamini–Hochberg (false discovery rate) beside it as a sensitivity
  (``statsmodels.stats.multitest.multipletests``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
from scipy import stats as _st
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

from analysis.confidence import tails

ROUNDING_RULE = "half up (2.5 → 3, 0.125 → 0.13)"


def wilson(k: float | Sequence[float] | np.ndarray, n: float | Sequence[float] | np.ndarray,
           confidence_level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for k of n, as shares (0–1); exact 0 at k = 0 and 1 at k = n.

    Scalars in, scalars (0-d arrays) out; n = 0 gives NaN.
    """
    if not 0 < confidence_level < 1:
        raise ValueError(f"confidence_level must lie in (0, 1), got {confidence_level}")
    k_arr = np.asarray(k, dtype=float)
    n_arr = np.asarray(n, dtype=float)
    if np.any(k_arr < 0) or np.any(k_arr > n_arr):
        raise ValueError("counts must lie between 0 and n")
    safe_n = np.where(n_arr > 0, n_arr, 1.0)
    low, high = proportion_confint(k_arr, safe_n, alpha=tails(confidence_level), method="wilson")
    low = np.clip(np.where(k_arr > 0, low, 0.0), 0.0, 1.0)
    high = np.clip(np.where(k_arr < n_arr, high, 1.0), 0.0, 1.0)
    empty = n_arr <= 0
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high)


def round_half_up(x: float, decimals: int = 0) -> float:
    """Round half up (away from zero for .5), on the decimal value as printed (no binary noise)."""
    q = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP))


def count_from_percent(pct: float | Sequence[float] | np.ndarray,
                       n: float | Sequence[float] | np.ndarray) -> np.ndarray:
    """Count behind a printed percentage of n: ``pct × n / 100`` rounded half up (integers)."""
    raw = np.asarray(pct, dtype=float) * np.asarray(n, dtype=float) / 100.0
    return np.floor(np.round(raw, 9) + 0.5).astype(int)


def counts_rounding_to(pct: float, n: int, decimals: int = 0) -> list[int]:
    """Every count k (0…n) whose percentage 100·k/n prints as ``pct`` with ``decimals`` digits."""
    return [k for k in range(int(n) + 1)
            if round_half_up(100.0 * k / n, decimals) == round_half_up(pct, decimals)]


def nearest_attainable(pct: float, n: int, decimals: int = 0) -> float:
    """The percentage closest to ``pct`` that a whole count of n can give: 100 · count / n.

    The count is the half-up rounded ``pct × n / 100`` (``decimals`` is accepted for symmetry
    with :func:`counts_rounding_to` and does not change the count).
    """
    del decimals
    return float(100.0 * count_from_percent(pct, n) / n)


def bootstrap_ci(data: Sequence[float] | np.ndarray, statistic: Callable[..., float] = np.mean,
                 confidence_level: float = 0.95, n_resamples: int = 2000, seed: int = 0,
                 method: str = "percentile") -> tuple[float, float]:
    """Bootstrap interval of ``statistic`` over one sample (``scipy.stats.bootstrap``, seeded)."""
    x = np.asarray(data, dtype=float)
    res = _st.bootstrap((x,), statistic, confidence_level=confidence_level, n_resamples=n_resamples,
                        method=method, vectorized=False, rng=np.random.default_rng(seed))
    return float(res.confidence_interval.low), float(res.confidence_interval.high)


def adjust(pvalues: Sequence[float] | np.ndarray, method: str = "holm") -> np.ndarray:
    """Adjusted p-values: ``"holm"`` (family-wise error) or ``"fdr_bh"`` (Benjamini–Hochberg)."""
    p = np.asarray(pvalues, dtype=float)
    if p.size == 0:
        return p
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p-values must lie in [0, 1]")
    return multipletests(p, method=method)[1]


def adjust_family(table: pd.DataFrame, family: str, p: str = "p") -> pd.DataFrame:
    """One declared family of tests: adds ``family``, ``m``, ``p_holm`` and ``p_bh`` beside ``p``.

    ``table`` holds one row per test of the family (all of them, not only the interesting ones).
    """
    if p not in table:
        raise KeyError(f"no p-value column {p!r}")
    if table[p].isna().any():
        raise ValueError(f"family {family!r} has missing p-values")
    out = table.copy()
    out["family"] = family
    out["m"] = len(out)
    out["p_holm"] = adjust(out[p].to_numpy(), "holm")
    out["p_bh"] = adjust(out[p].to_numpy(), "fdr_bh")
    return out


def probability_text(p: float, decimals: int = 1) -> str:
    """A probability as a percentage that never reads as certainty unless it is one.

    ``0.999 → "99.9%"``, ``0.9996 → "99.96%"``, ``1.0 → "100%"``; digits are added (up to six)
    until a value strictly between 0 and 1 no longer prints as 0% or 100%.
    """
    if not 0 <= p <= 1:
        raise ValueError(f"a probability lies in [0, 1], got {p}")
    if p in (0.0, 1.0):
        return f"{100 * p:.0f}%"
    for d in range(decimals, 7):
        text = f"{100 * p:.{d}f}"
        if float(text) not in (0.0, 100.0):
            return f"{text}%"
    return "> 99.9999%" if p > 0.5 else "< 0.0001%"


def chi2_p_range(percents: np.ndarray, denominators: Sequence[Sequence[int]], decimals: int = 1,
                 draws: int = 2000, seed: int = 0) -> dict[str, float]:
    """Range of Pearson's χ² p over the count tables that round to printed row percentages.

    ``percents`` is rows × columns (each row's percentages of its own denominator);
    ``denominators[i]`` lists the denominators row i may have (e.g. the printed n, or every n
    that makes the row's percentages attainable). Every combination of a denominator per row and
    a count per cell that prints as the percentage is admissible; the table of nearest counts
    (first denominator, half-up counts) is always evaluated, plus ``draws`` random admissible
    tables (seeded). Returns ``p_nearest``, ``p_min``, ``p_max`` and ``tables`` evaluated; with
    one admissible table per row the range is exact, otherwise it is the sampled range.
    """
    pct = np.asarray(percents, dtype=float)
    if len(denominators) != pct.shape[0] or any(len(d) == 0 for d in denominators):
        raise ValueError("one non-empty list of denominators per row is needed")
    options: list[list[np.ndarray]] = []
    for row, dens in zip(pct, denominators, strict=True):
        row_opts = []
        for n in dens:
            cells = [counts_rounding_to(p, int(n), decimals) for p in row]
            if all(cells):
                row_opts.append(cells)
        if not row_opts:
            raise ValueError(f"no denominator in {list(dens)} makes {row.tolist()} attainable")
        options.append(row_opts)

    def p_of(table: np.ndarray) -> float:
        return float(_st.chi2_contingency(table)[1])

    nearest = np.array([[int(count_from_percent(p, n)) for p in row]
                        for row, n in zip(pct, [d[0] for d in denominators], strict=True)])
    ps = [p_of(nearest)]
    rng = np.random.default_rng(seed)
    single = all(len(o) == 1 and all(len(c) == 1 for c in o[0]) for o in options)
    for _ in range(0 if single else draws):
        table = []
        for row_opts in options:
            cells = row_opts[rng.integers(len(row_opts))]
            table.append([c[rng.integers(len(c))] for c in cells])
        ps.append(p_of(np.array(table)))
    return {"p_nearest": ps[0], "p_min": float(min(ps)), "p_max": float(max(ps)),
            "tables": float(len(ps))}
