"""Scalar checks of printed arithmetic: each returns one finding (:mod:`analysis.audit.record`).

* :func:`check_sum` – printed total ``T`` vs Σ parts;
* :func:`check_percentage` – printed ``p`` vs ``scale · count / denominator``;
* :func:`check_derived_count` – a count derived from a printed percentage;
* :func:`attainable_group_sizes` / :func:`check_percent_group` – every ``n`` for which each
  printed percentage ``p_i`` is ``100 · k_i / n`` rounded, for some integer ``k_i``;
* :func:`grim` / :func:`check_grim` – GRIM (Brown & Heathers 2017);
* :func:`check_ratio` – printed ``r`` vs ``scale · numerator / denominator``;
* :func:`check_pooled_mean` – printed mean of a group of rows vs ``Σ w_i m_i / Σ w_i``;
* :func:`check_restatement` – a number restated in the text vs its origin, both rounded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from analysis.audit.record import _g, finding, to_decimals
from analysis.results import tolerance_for, within


def sum_tolerance(total_decimals: int, part_decimals: Sequence[int], rounded_parts: bool) -> float:
    """Tolerance of ``T = Σ parts``.

    Exact parts: half a unit of the total's last digit. Rounded parts (each printed value within
    half its unit of the true one): half a unit of the total plus half a unit per part.
    """
    tol = tolerance_for(total_decimals)
    if rounded_parts:
        tol += sum(tolerance_for(d) for d in part_decimals)
    return tol


def check_sum(item: str, total: float | None, parts: Sequence[float | None], *,
              decimals: int = 0, part_decimals: Sequence[int] | None = None,
              rounded_parts: bool = False, lines: str = "", part_names: Sequence[str] = (),
              check: str = "totals", unit: str = "") -> dict[str, Any]:
    """Printed total against the sum of its printed parts (one finding)."""
    if total is None:
        return finding(check, item, None, None, None, decimals=decimals, lines=lines, unit=unit,
                       arithmetic="total not printed", outcome="skipped")
    missing = [n for n, p in zip(part_names or [""] * len(parts), parts, strict=True) if p is None]
    if not parts:
        return finding(check, item, total, None, None, decimals=decimals, lines=lines, unit=unit,
                       arithmetic="no part rows to add up", outcome="skipped")
    if missing:
        return finding(check, item, total, None, None, decimals=decimals, lines=lines, unit=unit,
                       arithmetic=f"{len(missing)} part(s) not printed ({', '.join(missing)})",
                       outcome="skipped")
    vals = [float(p) for p in parts]  # type: ignore[arg-type]
    computed = float(np.sum(vals))
    pd_ = list(part_decimals) if part_decimals is not None else [decimals] * len(vals)
    tol = sum_tolerance(decimals, pd_, rounded_parts)
    terms = " + ".join(_g(v) for v in vals)
    arith = f"{terms} = {_g(computed)}; printed total {_g(total)}"
    if rounded_parts:
        arith += (f" (tolerance ±{tol:g}: the {len(vals)} parts are rounded too, half a unit "
                  "each plus half a unit of the total)")
    return finding(check, item, total, computed, tol, decimals=decimals, arithmetic=arith,
                   lines=lines, unit=unit)


def check_percentage(item: str, percent: float | None, count: float | None,
                     denominator: float | None, *, decimals: int = 0, scale: float = 100.0,
                     lines: str = "", unit: str = "percent") -> dict[str, Any]:
    """Printed percentage ``p`` against ``scale × count / denominator`` (tolerance: half unit)."""
    missing = [n for n, v in (("percentage", percent), ("count", count),
                              ("denominator", denominator)) if v is None]
    if missing:
        return finding("percentages", item, percent, None, None, decimals=decimals, lines=lines,
                       unit=unit, outcome="skipped",
                       arithmetic=f"{' and '.join(missing)} not printed")
    if denominator == 0:
        return finding("percentages", item, percent, None, None, decimals=decimals, lines=lines,
                       unit=unit, outcome="skipped", arithmetic="denominator is 0")
    computed = scale * count / denominator
    arith = (f"{_g(count)} / {_g(denominator)} × {_g(scale)} = {computed:.4g}; "
             f"printed {_g(percent)} ({to_decimals(decimals)})")
    f = finding("percentages", item, percent, computed, tolerance_for(decimals),
                decimals=decimals, arithmetic=arith, lines=lines, unit=unit)
    if f["outcome"] == "fail" and scale == 100 and float(count).is_integer():
        sizes = subgroup_sizes(percent, count, denominator, decimals)
        f["fits"] = (f"{_g(count)} of n for n = {_ranges(sizes)} (of {_g(denominator)})"
                     if len(sizes) else "")
    return f


def subgroup_sizes(percent: float, count: float, denominator: float,
                   decimals: int = 0) -> list[int]:
    """Group sizes ``n`` below ``denominator`` (and at least ``count``) for which
    ``100 · count / n`` rounds to the printed ``percent``: the unstated subgroups a printed
    share fits, e.g. 61,7% = 29 / 47 (not 29 / 221)."""
    lo, hi = max(int(count), 1), int(denominator) - 1
    tol = tolerance_for(decimals) + 1e-9 * abs(percent)
    # 100·count/n falls as n grows, so the sizes that fit form one interval: solve for its ends
    # (widened by two for floating point) and test only that window, not every n below N
    if percent + tol > 0:
        lo = max(lo, math.floor(100.0 * count / (percent + tol)) - 2)
    if percent - tol > 0:
        hi = min(hi, math.ceil(100.0 * count / (percent - tol)) + 2)
    if hi < lo:
        return []
    n = np.arange(lo, hi + 1, dtype=float)
    ok = np.abs(100.0 * count / n - percent) <= tol
    return n[ok].astype(int).tolist()


def check_derived_count(item: str, count: float | None, percent: float | None,
                        denominator: float | None, *, count_decimals: int = 0,
                        scale: float = 100.0, lines: str = "", unit: str = "") -> dict[str, Any]:
    """A count the table *derives* from a printed percentage: ``count`` vs ``p / scale × N``.

    Used when the source says it calculated the count from the percentage (e.g. 65% × 638):
    the printed count must then follow from the printed percentage, to half a unit of the count.
    The note also gives the share the count implies (``scale × count / N``).
    """
    if percent is None or count is None or denominator is None:
        return finding("percentages", item, count, None, None, decimals=count_decimals,
                       lines=lines, unit=unit, outcome="skipped",
                       arithmetic="count, percentage or denominator not printed")
    computed = percent / scale * denominator
    implied = scale * count / denominator if denominator else math.nan
    arith = (f"{_g(percent)}/{_g(scale)} × {_g(denominator)} = {_g(computed)}; printed count "
             f"{_g(count)} (which is {implied:.4g}% of {_g(denominator)})")
    return finding("percentages", item, count, computed, tolerance_for(count_decimals),
                   decimals=count_decimals, arithmetic=arith, lines=lines, unit=unit)


def check_ratio(item: str, ratio: float | None, numerator: float | None,
                denominator: float | None, *, decimals: int = 0, scale: float = 1.0,
                lines: str = "", unit: str = "") -> dict[str, Any]:
    """Printed ratio ``r`` (e.g. a mean = total / n) against ``scale × numerator / denominator``."""
    if ratio is None or numerator is None or denominator is None or denominator == 0:
        return finding("ratios", item, ratio, None, None, decimals=decimals, lines=lines,
                       unit=unit, outcome="skipped",
                       arithmetic="ratio, numerator or denominator not printed (or 0)")
    computed = scale * numerator / denominator
    sc = "" if scale == 1 else f" × {_g(scale)}"
    arith = f"{_g(numerator)} / {_g(denominator)}{sc} = {_g(computed)}; printed {_g(ratio)}"
    return finding("ratios", item, ratio, computed, tolerance_for(decimals), decimals=decimals,
                   arithmetic=arith, lines=lines, unit=unit)


def attainable_group_sizes(percents: Sequence[float], decimals: int | Sequence[int] = 0,
                           n_min: int = 1, n_max: int = 1000) -> np.ndarray:
    """Every group size ``n`` in ``[n_min, n_max]`` making all printed percentages attainable.

    ``p_i`` is attainable with ``n`` if some integer ``k`` has ``|100 k / n − p_i| ≤`` half a unit
    of ``p_i``'s last printed digit; the nearest candidate is ``k = round(p_i n / 100)``.
    """
    if n_min < 1 or n_max < n_min:
        raise ValueError(f"group size range [{n_min}, {n_max}] is empty or below 1")
    pcts = np.asarray(percents, dtype=float)
    decs = np.broadcast_to(np.asarray(decimals, dtype=int), pcts.shape)
    n = np.arange(n_min, n_max + 1, dtype=float)
    ok = np.ones(n.shape, dtype=bool)
    for p, d in zip(pcts, decs, strict=True):
        tol = tolerance_for(int(d)) + 1e-9 * max(1.0, abs(p))
        k = np.round(p * n / 100.0)
        best = np.min(np.abs(100.0 * np.stack([k - 1, k, k + 1]) / n - p), axis=0)
        ok &= best <= tol
    return n[ok].astype(int)


def _ranges(values: Sequence[int], limit: int = 12) -> str:
    """``[3, 4, 5, 9]`` → ``"3–5, 9"`` (at most ``limit`` pieces, then ``…``)."""
    vals = list(values)
    if not vals:
        return "none"
    pieces, start, prev = [], vals[0], vals[0]
    for v in vals[1:] + [None]:
        if v is not None and v == prev + 1:
            prev = v
            continue
        pieces.append(str(start) if start == prev else f"{start}–{prev}")
        if v is not None:
            start = prev = v
    more = f", … ({len(pieces) - limit} more ranges)" if len(pieces) > limit else ""
    return ", ".join(pieces[:limit]) + more


def check_percent_group(item: str, percents: Sequence[float], decimals: int | Sequence[int] = 0,
                        n: float | None = None, *, n_range: tuple[int, int] | None = None,
                        lines: str = "") -> dict[str, Any]:
    """Denominator check: which group sizes make all ``percents`` attainable, and is ``n`` one?

    With a printed ``n`` the finding compares ``n`` with the nearest attainable size (pass if
    ``n`` itself is attainable); without one it is an ``info`` finding listing the sizes.
    """
    if n_range is None:
        hi = max(1000, 2 * int(n)) if n is not None else 1000
        n_range = (1, hi)
    sizes = attainable_group_sizes(percents, decimals, *n_range)
    shown = ", ".join(_g(p) for p in percents)
    which = ("the printed percentage" if len(percents) == 1
             else f"all {len(percents)} printed percentages")
    arith = (f"group sizes {n_range[0]}–{n_range[1]} that make {which} ({shown}) attainable: "
             f"{_ranges(sizes.tolist())}")
    if n is None:
        smallest = float(sizes[0]) if len(sizes) else None
        return finding("percent_groups", item, None, smallest, None, decimals=0, lines=lines,
                       unit="persons", outcome="info",
                       arithmetic=arith + "; no N printed (computed = smallest such size)")
    if len(sizes) == 0:
        return finding("percent_groups", item, n, math.nan, 0.5, decimals=0, lines=lines,
                       unit="persons", outcome="fail",
                       arithmetic=arith + f"; printed N = {_g(n)} is impossible")
    nearest = float(sizes[np.argmin(np.abs(sizes - n))])
    verdict = "is among them" if nearest == n else f"is not (nearest {_g(nearest)})"
    f = finding("percent_groups", item, n, nearest, 0.5, decimals=0, lines=lines,
                unit="persons", arithmetic=arith + f"; printed N = {_g(n)} {verdict}")
    sub = sizes[sizes < n].tolist()  # unstated subgroups of the printed N
    f["fits"] = f"n = {_ranges(sub)} (of {_g(n)})" if f["outcome"] == "fail" and sub else ""
    return f


def grim(mean: float, n: int, decimals: int, items: int = 1) -> tuple[bool, float]:
    """GRIM test: can ``n`` integer values (sums of ``items`` integer items) have this mean?

    The sum is an integer ``K`` over ``N = n · items`` units, so the mean is ``K / N``; the printed
    mean is consistent if ``K / N`` rounds to it for ``K = floor(mean · N)`` or ``ceil(mean · N)``.
    Returns (consistent, nearest attainable mean). Example: 5.19 with n = 28 → (False, 5.1786).
    """
    if n < 1 or items < 1:
        raise ValueError("GRIM needs n ≥ 1 and items ≥ 1")
    N = n * items
    cands = np.array([math.floor(mean * N), math.ceil(mean * N)], dtype=float) / N
    nearest = float(cands[np.argmin(np.abs(cands - mean))])
    return within(mean, nearest, tolerance_for(decimals)), nearest


def check_grim(item: str, mean: float | None, n: float | None, *, decimals: int = 2,
               items: int = 1, lines: str = "", unit: str = "") -> dict[str, Any]:
    """GRIM finding: printed mean vs the nearest mean that ``n`` integer values can have."""
    if mean is None or n is None or n < 1 or not float(n).is_integer():
        return finding("means", item, mean, None, None, decimals=decimals, lines=lines,
                       unit=unit, outcome="skipped", arithmetic="mean or integer n not printed")
    N = int(n) * items
    _, nearest = grim(mean, int(n), decimals, items)
    note = ""
    if 10**decimals <= N:
        note = f" (n·items = {N} ≥ 10^{decimals}: every mean is attainable, GRIM cannot fail)"
    arith = (f"GRIM: with n = {_g(n)}" + (f" × {items} items" if items > 1 else "")
             + f", attainable means near {_g(mean)} are K/{N}; nearest {nearest:.6g}"
             + f" rounds to {nearest:.{max(decimals, 0)}f}" + note)
    return finding("means", item, mean, nearest, tolerance_for(decimals), decimals=decimals,
                   arithmetic=arith, lines=lines, unit=unit)


def check_pooled_mean(item: str, total_mean: float | None, means: Sequence[float | None],
                      weights: Sequence[float | None], *, decimals: int = 1,
                      part_decimals: Sequence[int] | None = None, lines: str = "",
                      unit: str = "") -> dict[str, Any]:
    """Mean printed for a group of rows vs the weighted mean of its parts ``Σ w_i m_i / Σ w_i``.

    The part means are rounded, so the pooled value is uncertain by up to the largest part's half
    unit; the tolerance is that plus half a unit of the printed total mean.
    """
    if total_mean is None or not means or any(v is None for v in [*means, *weights]):
        return finding("pooled_means", item, total_mean, None, None, decimals=decimals,
                       lines=lines, unit=unit, outcome="skipped",
                       arithmetic="total mean, a part mean or a part weight not printed")
    m = np.asarray(means, dtype=float)
    w = np.asarray(weights, dtype=float)
    if w.sum() <= 0:
        return finding("pooled_means", item, total_mean, None, None, decimals=decimals,
                       lines=lines, unit=unit, outcome="skipped", arithmetic="weights sum to 0")
    pooled = float(np.average(m, weights=w))
    pdec = list(part_decimals) if part_decimals is not None else [decimals] * len(m)
    tol = tolerance_for(decimals) + max(tolerance_for(d) for d in pdec)
    unweighted = float(m.mean())
    terms = " + ".join(f"{_g(wi)}×{_g(mi)}" for wi, mi in zip(w, m, strict=True))
    arith = (f"({terms}) / {_g(w.sum())} = {_g(pooled)}; printed {_g(total_mean)} "
             f"(tolerance ±{tol:g}: the part means are rounded too). "
             f"Unweighted mean of the part means = {_g(unweighted)}")
    return finding("pooled_means", item, total_mean, pooled, tol, decimals=decimals,
                   arithmetic=arith, lines=lines, unit=unit)


def check_restatement(item: str, value: float | None, value_decimals: int,
                      origin: float | None, origin_decimals: int, *, scale: float = 1.0,
                      origin_exact: bool = False, lines: str = "",
                      unit: str = "") -> dict[str, Any]:
    """A number restated in the text (``value``) vs its origin (``scale × origin``).

    Both are roundings of one true value ``x``: ``|x − origin| ≤`` half a unit of the origin
    (× scale; nothing for an exact origin, a count: ``origin_exact``) and ``|x − value| ≤`` half
    a unit of the restatement, so tolerance = the sum of the two. At the same printed precision
    both must round ``x`` to the same digit, so the restatement must equal its origin (tolerance:
    half a unit). ``decimals = -3`` = printed to the thousand.
    """
    if value is None or origin is None:
        return finding("restates", item, value, None, None, decimals=value_decimals,
                       lines=lines, unit=unit, outcome="skipped",
                       arithmetic="restated value or origin not printed")
    computed = scale * origin
    tol = tolerance_for(value_decimals)
    same = value_decimals == origin_decimals and abs(scale) == 1
    if not origin_exact and not same:
        tol += abs(scale) * tolerance_for(origin_decimals)
    sc = "" if scale == 1 else f" × {_g(scale)}"
    why = ("half a unit of the restated value; the origin is an exact count" if origin_exact
           else "half a unit: printed to the same digit, the two must be equal" if same
           else "half a unit of each, both are rounded")
    arith = (f"origin {_g(origin)}{sc} = {_g(computed)} (printed "
             f"{to_decimals(origin_decimals)}); restated as {_g(value)} "
             f"({to_decimals(value_decimals)}); tolerance ±{tol:g} = {why}")
    return finding("restates", item, value, computed, tol, decimals=value_decimals,
                   arithmetic=arith, lines=lines, unit=unit)

