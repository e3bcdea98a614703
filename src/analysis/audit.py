"""Consistency audit of published tables: does every printed number follow from the others?

Each check is a pure function returning *findings*: a tidy DataFrame, one row per checked
number, with the printed value (``published``), the value that the table's own numbers give
(``computed``), the tolerance, the outcome and the arithmetic in words. The tolerance is half a
unit of the last printed digit (:func:`analysis.results.tolerance_for`) unless the check says why
it is wider (e.g. both numbers are rounded). Outcomes: ``pass``, ``fail``, ``info`` (a derived
fact, e.g. the group sizes a set of percentages allows when no N is printed) and ``skipped``
(the check cannot run on that row, e.g. a part is not printed; counted, never dropped).

Checks (formulas):

* :func:`check_totals` – printed total ``T`` vs Σ parts, per group of rows;
* :func:`check_column_totals` – ``T = Σ parts`` within a row;
* :func:`check_percentage` – printed ``p`` vs ``scale · count / denominator``;
* :func:`attainable_group_sizes` / :func:`check_percent_group` – every ``n`` for which each
  printed percentage ``p_i`` is ``100 · k_i / n`` rounded, for some integer ``k_i``;
* :func:`grim` / :func:`check_grim` – GRIM (Brown & Heathers 2017): a mean of ``n`` integer
  values (or of sums over ``items`` integer items) is ``K / (n · items)`` for an integer ``K``;
* :func:`check_ratio` – printed ``r`` vs ``scale · numerator / denominator``;
* :func:`check_pooled_mean` – printed mean of a group of rows vs ``Σ w_i m_i / Σ w_i``;
* :func:`check_restatement` – a number restated in the text vs its origin, both rounded.

:func:`run_audit` walks every table in ``data/raw/*/datapackage.json`` whose entry declares a
``structure`` block (docs/contracts.md §1) and runs the declared checks; a malformed block
raises :class:`AuditStructureError` naming the datapackage file and the resource.

Structure keys (each a list of objects; every object may add ``reading``, a one-line meaning for
the report's conclusion, and ``key_figure: true`` when the number feeds it):

* ``totals``: ``label_column``, ``total_labels``, ``value_columns``; optional ``group_by``,
  ``part_labels`` (the parts, when not all other rows), ``exclude_labels``, ``where``
  (``{column: value | [values]}``: only these rows take part) and ``rounded_parts``;
* ``column_totals``: ``parts``, ``total`` (a column, or a number such as 100);
* ``percentages``: ``percent``, ``count``, ``denominator``; optional ``decimals``, ``scale``
  (100) and ``derived: "count"`` when the source computed the count from the percentage;
* ``percent_groups``: ``percent`` (a column or a list of columns); optional ``group_by``, ``n``
  (number, column or null), ``decimals``, ``n_range``;
* ``means`` (GRIM): ``mean``, ``n``; optional ``decimals``, ``integer_items``;
* ``pooled_means``: as ``totals`` with ``mean`` and ``weight`` instead of ``value_columns``;
* ``ratios``: ``numerator``, ``denominator``, ``ratio``; optional ``scale`` (1), ``decimals``;
* ``restates``: ``value``, ``origin``; optional ``scale``;
* ``row_sums`` / ``row_percentages``: key/value tables, naming rows by ``label_column`` and
  reading ``value_column`` (``total`` + ``parts``; ``percent`` + ``count`` + ``denominator``);
* ``row_label``: the column(s) that name a row in findings (default: the ``*_nl`` columns).

An operand (``count``, ``denominator``, ``ratio``, ``value``, ``origin``, …) is a column of the
table (checked row by row), a number, or a reference to one cell,
``{"table": name (default: this one), "column": c, "where": {column: value}}``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis import rawdata
from analysis.results import tolerance_for, within

FINDING_COLUMNS = [
    "id", "folder", "source_file", "table", "table_title", "check", "item", "unit",
    "published", "computed", "tolerance", "decimals", "difference", "rel_difference",
    "outcome", "arithmetic", "reading", "key_figure", "restated_in_text", "consequence", "lines",
    "source",
]
OUTCOMES = ("fail", "pass", "info", "skipped")
CHECKS = ("totals", "column_totals", "percentages", "percent_groups", "means", "pooled_means",
          "ratios", "restates", "row_sums", "row_percentages")


class AuditStructureError(ValueError):
    """A ``structure`` block is malformed; the message names the datapackage file and resource."""


# ---------------------------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------------------------

def _num(x: Any) -> float | None:
    """A float, or None for missing values (pandas NA, NaN, None)."""
    if x is None or x is pd.NA:
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def _g(x: float | None) -> str:
    """Compact number for arithmetic strings: integers without decimals, else 6 significant."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "NA"
    if float(x).is_integer() and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.2f}"


def _lines(lines: Iterable[Any]) -> str:
    """Sorted unique line numbers as ``"12"`` or ``"12-14"`` or ``"12,15"``."""
    vals = sorted({int(v) for v in lines if _num(v) is not None})
    if not vals:
        return ""
    if vals == list(range(vals[0], vals[-1] + 1)) and len(vals) > 1:
        return f"{vals[0]}-{vals[-1]}"
    return ",".join(str(v) for v in vals)


def finding(check: str, item: str, published: float | None, computed: float | None,
            tolerance: float | None, *, decimals: int | None = None, arithmetic: str = "",
            lines: str = "", outcome: str | None = None, unit: str = "") -> dict[str, Any]:
    """One finding; ``outcome`` is decided by :func:`analysis.results.within` unless given."""
    diff = rel = None
    if published is not None and computed is not None:
        diff = computed - published
        rel = abs(diff) / abs(published) if published else (0.0 if diff == 0 else math.inf)
    if outcome is None:
        if published is None or computed is None or tolerance is None:
            outcome = "skipped"
        else:
            outcome = "pass" if within(published, computed, tolerance) else "fail"
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome {outcome!r} is not one of {OUTCOMES}")
    return {"check": check, "item": item, "unit": unit, "published": published,
            "computed": computed, "tolerance": tolerance, "decimals": decimals,
            "difference": diff, "rel_difference": rel, "outcome": outcome,
            "arithmetic": arithmetic, "lines": lines}


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = ["check", "item", "unit", "published", "computed", "tolerance", "decimals",
            "difference", "rel_difference", "outcome", "arithmetic", "lines"]
    df = pd.DataFrame(rows, columns=cols)
    for c in ("published", "computed", "tolerance", "difference", "rel_difference"):
        df[c] = df[c].astype("float64")
    df["decimals"] = df["decimals"].astype("Int64")
    return df


# ---------------------------------------------------------------------------------------------
# Scalar checks
# ---------------------------------------------------------------------------------------------

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
             f"printed {_g(percent)} (to {decimals} decimal(s))")
    return finding("percentages", item, percent, computed, tolerance_for(decimals),
                   decimals=decimals, arithmetic=arith, lines=lines, unit=unit)


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
    arith = (f"{_g(percent)}/{_g(scale)} × {_g(denominator)} = {computed:,.6g}; printed count "
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
    arith = f"{_g(numerator)} / {_g(denominator)}{sc} = {computed:,.6g}; printed {_g(ratio)}"
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
    arith = (f"group sizes {n_range[0]}–{n_range[1]} that make all {len(percents)} printed "
             f"percentages ({shown}) attainable: {_ranges(sizes.tolist())}")
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
    return finding("percent_groups", item, n, nearest, 0.5, decimals=0, lines=lines,
                   unit="persons", arithmetic=arith + f"; printed N = {_g(n)} {verdict}")


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
    arith = (f"({terms}) / {_g(w.sum())} = {pooled:,.6g}; printed {_g(total_mean)} "
             f"(tolerance ±{tol:g}: the part means are rounded too). "
             f"Unweighted mean of the part means = {unweighted:,.6g}")
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
    arith = (f"origin {_g(origin)}{sc} = {computed:,.6g} (printed to {origin_decimals} "
             f"decimal(s)); restated as {_g(value)} (to {value_decimals} decimal(s)); tolerance "
             f"±{tol:g} = {why}")
    return finding("restates", item, value, computed, tol, decimals=value_decimals,
                   arithmetic=arith, lines=lines, unit=unit)


# ---------------------------------------------------------------------------------------------
# Tables: operands, row labels, structure walker
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """One printed number with its printing precision, source line and a readable label."""

    value: float | None
    decimals: int
    line: int | None
    label: str
    exact: bool = False  # an integer-typed field (a count): no rounding of its own


Loader = Callable[[str], pd.DataFrame]


class _Table:
    """A loaded table with its dictionary entry: cells, decimals, row labels."""

    def __init__(self, name: str, df: pd.DataFrame, entry: rawdata.Entry):
        self.name, self.df, self.entry = name, df, entry
        self.fields = {f["name"]: f for f in entry.fields}
        struct = entry.descriptor.get("structure") or {}
        self.label_columns = self._label_columns(struct.get("row_label"))

    def _label_columns(self, declared: str | list[str] | None) -> list[str]:
        if declared:
            return [declared] if isinstance(declared, str) else list(declared)
        strings = [c for c, f in self.fields.items()
                   if f.get("type", "string") == "string" and c in self.df.columns
                   and c not in ("unit", "value_text", "statement_nl", "basis")]
        nl = [c for c in strings if c.endswith("_nl")]
        return nl[:2] or strings[:1]

    def where(self) -> str:
        return f"{self.entry.package_path}, resource {self.name!r}"

    def label(self, i: Any) -> str:
        if not self.label_columns:
            return f"row {i}"
        parts = [str(self.df.at[i, c]) for c in self.label_columns
                 if _num(self.df.at[i, c]) is None and not pd.isna(self.df.at[i, c])]
        return " / ".join(parts) or f"row {i}"

    def decimals(self, i: Any, column: str) -> int:
        if "decimals" in self.df.columns and column != "decimals":
            d = self.df.at[i, "decimals"]
            if _num(d) is not None:
                return int(d)
        f = self.fields.get(column, {})
        if "decimals" in f:
            return int(f["decimals"])
        return 0

    def line(self, i: Any) -> int | None:
        if "line" in self.df.columns:
            v = _num(self.df.at[i, "line"])
            return int(v) if v is not None else None
        return None

    def cell(self, i: Any, column: str, decimals: int | None = None) -> Cell:
        return Cell(_num(self.df.at[i, column]),
                    self.decimals(i, column) if decimals is None else int(decimals),
                    self.line(i), self.label(i),
                    self.fields.get(column, {}).get("type") == "integer")

    def unit(self, column: str) -> str:
        return str(self.fields.get(column, {}).get("unit", ""))


class _Audit:
    """Walks the structure blocks of a catalog (see :func:`run_audit`)."""

    def __init__(self, catalog: Mapping[str, rawdata.Entry], loader: Loader):
        self.catalog, self.loader = catalog, loader
        self._tables: dict[str, _Table] = {}

    def table(self, name: str, context: _Table | None = None) -> _Table:
        if name not in self._tables:
            if name not in self.catalog:
                where = context.where() if context else ""
                raise AuditStructureError(f"{where}: structure refers to unknown table {name!r}")
            self._tables[name] = _Table(name, self.loader(name), self.catalog[name])
        return self._tables[name]

    # -- structure validation ----------------------------------------------------------------

    def _err(self, t: _Table, key: str, k: int, msg: str) -> AuditStructureError:
        return AuditStructureError(f"{t.where()}: structure.{key}[{k}]: {msg}")

    def _col(self, t: _Table, key: str, k: int, col: Any) -> str:
        if not isinstance(col, str) or col not in t.df.columns:
            raise self._err(t, key, k, f"column {col!r} is not a field of the table "
                            f"(fields: {', '.join(t.df.columns)})")
        return col

    def _require(self, t: _Table, key: str, k: int, spec: Any, *names: str) -> None:
        if not isinstance(spec, dict):
            raise self._err(t, key, k, f"expected an object, got {type(spec).__name__}")
        missing = [n for n in names if n not in spec]
        if missing:
            raise self._err(t, key, k, f"missing key(s) {missing}")

    def _operand(self, t: _Table, key: str, k: int, spec: Any, i: Any,
                 decimals: int | None = None) -> Cell:
        """A column of this table (row ``i``), a constant, or a reference to one cell."""
        if isinstance(spec, bool):
            raise self._err(t, key, k, f"operand {spec!r} is not a column, number or reference")
        if isinstance(spec, int | float):
            return Cell(float(spec), 0, None, _g(float(spec)))
        if isinstance(spec, str):
            if i is None:
                raise self._err(t, key, k, f"column operand {spec!r} needs a row")
            return t.cell(i, self._col(t, key, k, spec), decimals)
        if isinstance(spec, dict) and "column" in spec:
            other = self.table(spec.get("table", t.name), t) if spec.get("table") else t
            col = self._col(other, key, k, spec["column"])
            where = spec.get("where") or {}
            mask = pd.Series(True, index=other.df.index)
            for c, v in where.items():
                mask &= other.df[self._col(other, key, k, c)] == v
            idx = list(other.df.index[mask.fillna(False)])
            if len(idx) != 1:
                raise self._err(t, key, k, f"reference {spec} matches {len(idx)} rows of "
                                f"{other.name!r}, expected exactly 1")
            return other.cell(idx[0], col, decimals)
        raise self._err(t, key, k, f"operand {spec!r} is not a column, number or reference")

    @staticmethod
    def _is_rowwise(*specs: Any) -> bool:
        return any(isinstance(s, str) for s in specs)

    def _rows(self, t: _Table, *specs: Any) -> list[Any]:
        return list(t.df.index) if self._is_rowwise(*specs) else [None]

    # -- grouped totals ----------------------------------------------------------------------

    def _groups(self, t: _Table, key: str, k: int, spec: dict) -> list[tuple[str, list, list]]:
        """(group name, total row indices, part row indices) per group holding a total row."""
        label = self._col(t, key, k, spec["label_column"])
        totals = spec["total_labels"]
        if not isinstance(totals, list) or not totals:
            raise self._err(t, key, k, "total_labels must be a non-empty list")
        group_by = [self._col(t, key, k, c) for c in spec.get("group_by") or []]
        part_labels = spec.get("part_labels")
        exclude = set(spec.get("exclude_labels") or [])
        df = t.df
        where = spec.get("where") or {}
        if not isinstance(where, dict):
            raise self._err(t, key, k, "where must map columns to a value or a list of values")
        for c, v in where.items():  # restrict the rows the check sees, e.g. to total rows only
            vals = v if isinstance(v, list) else [v]
            df = df[df[self._col(t, key, k, c)].isin(vals).fillna(False)]
        keys = (df[group_by].astype("string").fillna("").agg(" / ".join, axis=1)
                if group_by else pd.Series("", index=df.index))
        out = []
        for g in dict.fromkeys(keys):
            rows = df.index[keys == g]
            labs = df.loc[rows, label].astype("string")
            tot = [i for i in rows if labs[i] in totals]
            if not tot:
                continue
            if part_labels is not None:
                parts = [i for i in rows if labs[i] in part_labels]
                absent = set(part_labels) - set(labs[parts])
                if absent:
                    raise self._err(t, key, k, f"part_labels {sorted(absent)} not found in group "
                                    f"{g or '(whole table)'!r}")
            else:
                parts = [i for i in rows if labs[i] not in totals and labs[i] not in exclude]
            out.append((g, tot, parts))
        return out

    def totals(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        self._require(t, key, k, spec, "label_column", "total_labels", "value_columns")
        cols = [self._col(t, key, k, c) for c in spec["value_columns"]]
        rounded = bool(spec.get("rounded_parts", False))
        out = []
        for g, tot_rows, parts in self._groups(t, key, k, spec):
            for i in tot_rows:
                for c in cols:
                    total = t.cell(i, c)
                    pcs = [t.cell(j, c) for j in parts]
                    item = f"{t.label(i)}: {c}" + (f" (group {g})" if g else "")
                    lines = _lines([total.line, *[p.line for p in pcs]])
                    out.append(check_sum(item, total.value, [p.value for p in pcs],
                                         decimals=total.decimals,
                                         part_decimals=[p.decimals for p in pcs],
                                         rounded_parts=rounded, lines=lines,
                                         part_names=[p.label for p in pcs], unit=t.unit(c)))
        return out

    def pooled_means(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        self._require(t, key, k, spec, "label_column", "total_labels", "mean", "weight")
        mcol, wcol = self._col(t, key, k, spec["mean"]), self._col(t, key, k, spec["weight"])
        out = []
        for g, tot_rows, parts in self._groups(t, key, k, spec):
            for i in tot_rows:
                total = t.cell(i, mcol, spec.get("decimals"))
                ms = [t.cell(j, mcol) for j in parts]
                ws = [t.cell(j, wcol) for j in parts]
                item = f"{t.label(i)}: {mcol} weighted by {wcol}" + (f" (group {g})" if g else "")
                out.append(check_pooled_mean(
                    item, total.value, [m.value for m in ms], [w.value for w in ws],
                    decimals=total.decimals, part_decimals=[m.decimals for m in ms],
                    lines=_lines([total.line, *[m.line for m in ms]]), unit=t.unit(mcol)))
        return out

    def column_totals(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        self._require(t, key, k, spec, "parts", "total")
        parts = [self._col(t, key, k, c) for c in spec["parts"]]
        total = spec["total"]
        constant = isinstance(total, int | float) and not isinstance(total, bool)
        if not constant:
            total = self._col(t, key, k, total)
        rounded = bool(spec.get("rounded_parts", False))
        out = []
        for i in t.df.index:
            pcs = [t.cell(i, c) for c in parts]
            if constant:  # e.g. shares that must add to 100: the total is exact, not printed
                if all(p.value is None for p in pcs):
                    continue  # a row printing none of the parts holds nothing to check
                tc = Cell(float(total), 0, t.line(i), t.label(i))
                decimals, unit = max(p.decimals for p in pcs), t.unit(parts[0])
            else:
                tc = t.cell(i, total)
                decimals, unit = tc.decimals, t.unit(total)
            f = check_sum(f"{t.label(i)}: {_g(tc.value) if constant else total} = "
                          f"{' + '.join(parts)}", tc.value, [p.value for p in pcs],
                          decimals=decimals, part_decimals=[p.decimals for p in pcs],
                          rounded_parts=rounded, lines=_lines([t.line(i)]), part_names=parts,
                          check="column_totals", unit=unit)
            if constant and f["computed"] is not None:
                # an exact total has no rounding of its own: only the parts' half units count
                f = finding("column_totals", f["item"], tc.value, f["computed"],
                            sum_tolerance(decimals, [p.decimals for p in pcs], rounded)
                            - tolerance_for(decimals) if rounded else tolerance_for(decimals),
                            decimals=decimals, arithmetic=f["arithmetic"].replace(
                                "half a unit each plus half a unit of the total",
                                "half a unit each; the total is exact"),
                            lines=f["lines"], unit=unit)
            out.append(f)
        return out

    def row_sums(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        """Key/value tables: the row labelled ``total`` = Σ rows labelled ``parts``."""
        self._require(t, key, k, spec, "label_column", "value_column", "total", "parts")
        lab, val = spec["label_column"], spec["value_column"]

        def ref(x: str) -> Cell:
            return self._operand(t, key, k, {"column": val, "where": {lab: x}}, None)

        total, pcs = ref(spec["total"]), [ref(p) for p in spec["parts"]]
        item = f"{total.label}: {spec['total']} = {' + '.join(spec['parts'])}"
        return [check_sum(item, total.value, [p.value for p in pcs], decimals=total.decimals,
                          part_decimals=[p.decimals for p in pcs],
                          rounded_parts=bool(spec.get("rounded_parts", False)),
                          lines=_lines([total.line, *[p.line for p in pcs]]),
                          part_names=list(spec["parts"]), unit=t.unit(val))]

    # -- cell-wise checks --------------------------------------------------------------------

    def percentages(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        self._require(t, key, k, spec, "percent", "count", "denominator")
        out = []
        for i in self._rows(t, spec["percent"], spec["count"], spec["denominator"]):
            p = self._operand(t, key, k, spec["percent"], i, spec.get("decimals"))
            c = self._operand(t, key, k, spec["count"], i)
            d = self._operand(t, key, k, spec["denominator"], i)
            if p.value is None and isinstance(spec["percent"], str):
                continue  # rows without a printed percentage hold nothing to check
            name = spec["percent"] if isinstance(spec["percent"], str) else spec["percent"].get(
                "column")
            lines = _lines([p.line, c.line, d.line])
            scale = float(spec.get("scale", 100))
            derived = spec.get("derived", "percent")
            if derived not in ("percent", "count"):
                raise self._err(t, key, k, f"derived must be 'percent' or 'count', not {derived!r}")
            if derived == "count":
                out.append(check_derived_count(f"{c.label}: count = {name} × denominator",
                                               c.value, p.value, d.value,
                                               count_decimals=c.decimals, scale=scale,
                                               lines=lines))
            else:
                out.append(check_percentage(f"{p.label}: {name}", p.value, c.value, d.value,
                                            decimals=p.decimals, scale=scale, lines=lines))
        return out

    def row_percentages(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        """Key/value tables: row ``percent`` = 100 × row ``count`` / row ``denominator``."""
        self._require(t, key, k, spec, "label_column", "value_column", "percent", "count",
                      "denominator")
        lab, val = spec["label_column"], spec["value_column"]
        conv = {"percent": spec["percent"], "count": spec["count"],
                "denominator": spec["denominator"]}
        conv = {n: ({"column": val, "where": {lab: v}} if isinstance(v, str) else v)
                for n, v in conv.items()}
        out = self.percentages(t, key, k, {**spec, **conv})
        for f in out:
            f["item"] = (f"{spec['count']} = {spec['percent']} × {spec['denominator']}"
                         if spec.get("derived") == "count" else
                         f"{spec['percent']} = {spec['count']} / {spec['denominator']}")
        return out

    def ratios(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        self._require(t, key, k, spec, "numerator", "denominator", "ratio")
        out = []
        for i in self._rows(t, spec["ratio"], spec["numerator"], spec["denominator"]):
            r = self._operand(t, key, k, spec["ratio"], i, spec.get("decimals"))
            a = self._operand(t, key, k, spec["numerator"], i)
            b = self._operand(t, key, k, spec["denominator"], i)
            if r.value is None and isinstance(spec["ratio"], str):
                continue
            name = spec["ratio"] if isinstance(spec["ratio"], str) else spec["ratio"].get("column")
            unit = t.unit(name) if isinstance(spec["ratio"], str) else ""
            out.append(check_ratio(f"{r.label}: {name}", r.value, a.value, b.value,
                                   decimals=r.decimals, scale=float(spec.get("scale", 1)),
                                   lines=_lines([r.line, a.line, b.line]), unit=unit))
        return out

    def means(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        self._require(t, key, k, spec, "mean", "n")
        items = int(spec.get("integer_items", 1))
        out = []
        for i in self._rows(t, spec["mean"], spec["n"]):
            m = self._operand(t, key, k, spec["mean"], i, spec.get("decimals"))
            n = self._operand(t, key, k, spec["n"], i)
            if m.value is None and isinstance(spec["mean"], str):
                continue
            name = spec["mean"] if isinstance(spec["mean"], str) else spec["mean"].get("column")
            out.append(check_grim(f"{m.label}: {name}", m.value, n.value, decimals=m.decimals,
                                  items=items, lines=_lines([m.line, n.line])))
        return out

    def percent_groups(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        self._require(t, key, k, spec, "percent")
        pcols = spec["percent"] if isinstance(spec["percent"], list) else [spec["percent"]]
        pcols = [self._col(t, key, k, c) for c in pcols]
        group_by = [self._col(t, key, k, c) for c in spec.get("group_by") or []]
        n_spec = spec.get("n")
        n_range = tuple(spec["n_range"]) if spec.get("n_range") else None
        df = t.df
        keys = (df[group_by].astype("string").fillna("").agg(" / ".join, axis=1)
                if group_by else pd.Series("", index=df.index))
        out = []
        for g in dict.fromkeys(keys):
            cells = [t.cell(i, c, spec.get("decimals")) for i in df.index[keys == g]
                     for c in pcols]
            cells = [c for c in cells if c.value is not None]
            rows = [i for i in df.index[keys == g] if any(_num(df.at[i, c]) is not None
                                                          for c in pcols)]
            if not rows:
                continue
            n = None
            if isinstance(n_spec, str):
                ns = {_num(df.at[i, self._col(t, key, k, n_spec)]) for i in rows} - {None}
                if len(ns) > 1:
                    raise self._err(t, key, k, f"group {g!r} has several n values {sorted(ns)}")
                n = ns.pop() if ns else None
            elif n_spec is not None:
                n = self._operand(t, key, k, n_spec, None).value
            out.append(check_percent_group(
                f"{g or t.name}: {', '.join(pcols)} ({len(cells)} percentages)",
                [c.value for c in cells], [c.decimals for c in cells], n, n_range=n_range,
                lines=_lines([c.line for c in cells])))
        return out

    def restates(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        self._require(t, key, k, spec, "value", "origin")
        origins = spec["origin"] if isinstance(spec["origin"], list) else [spec["origin"]]
        if not origins:
            raise self._err(t, key, k, "origin must not be an empty list")
        out = []
        for i in self._rows(t, spec["value"], *origins):
            v = self._operand(t, key, k, spec["value"], i)
            if v.value is None and isinstance(spec["value"], str):
                continue
            os_ = [self._operand(t, key, k, o, i) for o in origins]
            if len(os_) == 1:
                o = os_[0]
                out.append(check_restatement(
                    f"{v.label} restates {o.label}", v.value, v.decimals, o.value, o.decimals,
                    scale=float(spec.get("scale", 1)), origin_exact=o.exact,
                    lines=_lines([v.line, o.line])))
                continue
            # a sum of several printed numbers restated as one: each part's rounding adds up
            vals = [o.value for o in os_]
            total = None if any(x is None for x in vals) else float(np.sum(vals))
            f = check_restatement(
                f"{v.label} restates {' + '.join(o.label for o in os_)}", v.value, v.decimals,
                total, 0, scale=float(spec.get("scale", 1)), origin_exact=True,
                lines=_lines([v.line, *[o.line for o in os_]]))
            if total is not None:
                extra = sum(tolerance_for(o.decimals) for o in os_ if not o.exact)
                f = finding("restates", f["item"], v.value, f["computed"],
                            f["tolerance"] + abs(float(spec.get("scale", 1))) * extra,
                            decimals=v.decimals, lines=f["lines"],
                            arithmetic=(f"{' + '.join(_g(x) for x in vals)} = {_g(total)}; "
                                        f"restated as {_g(v.value)} (to {v.decimals} decimal(s)); "
                                        "tolerance: half a unit of the restatement plus half a "
                                        "unit of each rounded part"))
            out.append(f)
        return out

    # -- one table ---------------------------------------------------------------------------

    def audit_table(self, name: str) -> pd.DataFrame:
        t = self.table(name)
        struct = t.entry.descriptor.get("structure")
        if not isinstance(struct, dict):
            raise AuditStructureError(f"{t.where()}: structure must be an object")
        unknown = set(struct) - set(CHECKS) - {"row_label"}
        if unknown:
            raise AuditStructureError(f"{t.where()}: unknown structure key(s) {sorted(unknown)}; "
                                      f"known: {', '.join(CHECKS)}, row_label")
        frames = []
        for key in CHECKS:
            specs = struct.get(key) or []
            if not isinstance(specs, list):
                raise AuditStructureError(f"{t.where()}: structure.{key} must be a list")
            for k, spec in enumerate(specs):
                self._require(t, key, k, spec)
                rows = getattr(self, key)(t, key, k, spec)
                f = _frame(rows)
                f["reading"] = str(spec.get("reading", ""))
                f["key_figure"] = bool(spec.get("key_figure", False))
                f["spec"] = f"structure.{key}[{k}]"
                frames.append(f)
        if not frames:
            return pd.DataFrame()
        df = pd.concat(frames, ignore_index=True)
        df.insert(0, "table", name)
        df["table_title"] = str(t.entry.descriptor.get("title", name))
        df["folder"] = t.entry.package_path.parent.name
        df["source_file"] = t.entry.source_file
        df["source"] = [rawdata.source(name, ln) if ln else rawdata.source(name)
                        for ln in df["lines"]]
        return df


def slug(s: str) -> str:
    """Lower-case ASCII identifier from a label (ids and HTML anchors)."""
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")


def _ids(df: pd.DataFrame) -> list[str]:
    out, seen = [], {}
    for r in df.itertuples(index=False):
        col = (r.item.split(" restates ")[0] if r.check == "restates"
               else r.item.rsplit(": ", 1)[-1])
        base = f"audit__{r.table}__{r.check}__{slug(col)[:48]}"
        if r.lines:
            base += f"__L{r.lines.split('-')[0].split(',')[0]}"
        n = seen.get(base, 0) + 1
        seen[base] = n
        out.append(base if n == 1 else f"{base}_{n}")
    return out


def restated_in_text(findings: pd.DataFrame, catalog: Mapping[str, rawdata.Entry],
                     loader: Loader) -> pd.Series:
    """For each finding, the text-values rows of its folder that repeat its printed number.

    A text-values table is a table of the same folder whose name contains ``text_values`` and
    that has ``value`` and ``line`` columns. A row repeats the number when the number rounds to
    the row's value at the row's printed precision (``decimals`` column; 0 if absent), the row's
    ``unit`` equals the finding's unit, and that precision is at most 10% of the value. Numbers
    that are 0, or whole numbers below 10, are too common to attribute and are not matched.
    Returns ``"key (line n); …"`` or ``""`` per finding.
    """
    texts: dict[str, list[pd.DataFrame]] = {}
    for name in sorted(catalog):
        e = catalog[name]
        if "text_values" not in name:
            continue
        df = loader(name)
        if not {"value", "line"} <= set(df.columns):
            continue
        df = df.assign(_table=name)
        texts.setdefault(e.package_path.parent.name, []).append(df)
    out = []
    for r in findings.itertuples(index=False):
        pub = r.published
        hits: list[str] = []
        small = pd.isna(pub) or pub == 0 or (float(pub).is_integer() and abs(pub) < 10)
        for df in [] if small else texts.get(r.folder, []):
            if df["_table"].iat[0] == r.table:
                continue
            dec = (df["decimals"].fillna(0).astype(int) if "decimals" in df.columns
                   else pd.Series(0, index=df.index))
            tol = 0.5 * 10.0 ** (-dec.astype(float))
            vals = df["value"].astype("float64")
            match = ((vals - pub).abs() <= tol + 1e-9 * abs(pub)) & vals.notna()
            match &= tol <= 0.1 * vals.abs()
            units = (df["unit"].astype("string").str.lower() if "unit" in df.columns
                     else pd.Series("", index=df.index))
            match &= (units == str(r.unit).lower()).fillna(False) & (str(r.unit) != "")
            key = df["key"] if "key" in df.columns else df.index.astype(str)
            hits += [f"{k} (line {int(ln)})" for k, ln in zip(key[match], df["line"][match],
                                                               strict=True)]
        out.append("; ".join(hits))
    return pd.Series(out, index=findings.index, dtype="object")


def consequence(df: pd.DataFrame) -> pd.Series:
    """Consequence of a finding = relative size of the discrepancy × weight.

    ``rel_difference = |computed − published| / |published|`` (0 for passes); the weight is 3 when
    the number feeds the report's conclusion – declared (``key_figure: true`` in the structure
    entry) or because the report's text repeats it (:func:`restated_in_text`) – and 1 otherwise.
    Failures without a computable difference (impossible N) count as 1.
    """
    rel = df["rel_difference"].where(df["outcome"] == "fail", 0.0).fillna(1.0)
    rel = rel.where(np.isfinite(rel), 1.0)
    weight = np.where(df["key_figure"].astype(bool), 3.0, 1.0)
    return (rel * weight).astype("float64")


def run_audit(catalog: Mapping[str, rawdata.Entry] | None = None,
              loader: Loader | None = None) -> pd.DataFrame:
    """Run every declared check of every table with a ``structure`` block.

    ``catalog`` defaults to :func:`analysis.rawdata.catalog` (all of ``data/raw``) and tables are
    read with :func:`analysis.rawdata.load` (validated). Returns the findings in
    :data:`FINDING_COLUMNS` order, sorted by table and the order of the declarations
    (deterministic). ``attrs`` lists the tables that yielded no finding (``unchecked_tables``)
    and those without a declared structure (``tables_without_structure``).
    """
    catalog = rawdata.catalog() if catalog is None else catalog
    audit = _Audit(catalog, loader or rawdata.load)
    frames = [audit.audit_table(name) for name in sorted(catalog)
              if "structure" in catalog[name].descriptor]
    frames = [f for f in frames if len(f)]
    declared = {name for name in catalog if catalog[name].descriptor.get("structure")}
    unchecked = sorted(set(catalog) - set().union(*[set(f["table"]) for f in frames]))
    attrs = {"unchecked_tables": unchecked,
             "tables_without_structure": sorted(set(catalog) - declared)}
    if not frames:
        empty = pd.DataFrame(columns=FINDING_COLUMNS)
        empty.attrs.update(attrs)
        return empty
    df = pd.concat(frames, ignore_index=True)
    df["id"] = _ids(df)
    df["restated_in_text"] = restated_in_text(df, catalog, loader or rawdata.load)
    df["key_figure"] = df["key_figure"].astype(bool) | (df["restated_in_text"] != "")
    df["consequence"] = consequence(df)
    out = df[FINDING_COLUMNS].reset_index(drop=True)
    out.attrs.update(attrs)  # tables the audit could not check: listed, never hidden
    return out


def audit_summary(findings: pd.DataFrame) -> pd.DataFrame:
    """Counts of outcomes per source document (and overall), for the index and the audit page."""
    counts = (findings.groupby(["source_file", "outcome"]).size().unstack(fill_value=0)
              .reindex(columns=list(OUTCOMES), fill_value=0))
    counts.loc["all"] = counts.sum()
    counts["checked"] = counts["fail"] + counts["pass"]
    counts.columns.name = None
    return counts.astype("int64")


def group_row_means(parts: pd.DataFrame, group: pd.Series, columns: Sequence[str],
                    weight: str) -> pd.DataFrame:
    """How a group row's printed means relate to the means of its part rows.

    For each column: the printed group mean, the weighted mean of the part means
    ``Σ w_i m_i / Σ w_i`` (correct when each part mean is over ``w_i`` units) and the unweighted
    mean of the part means ``Σ m_i / k`` (what a spreadsheet gives when it averages a column).
    One row per column: ``column, printed, weighted, unweighted, parts``.
    """
    rows = []
    w = parts[weight].astype("float64")
    for c in columns:
        m = parts[c].astype("float64")
        rows.append({"column": c, "printed": float(group[c]),
                     "weighted": float(np.average(m, weights=w)),
                     "unweighted": float(m.mean()), "parts": len(m)})
    return pd.DataFrame(rows)


def to_results(findings: pd.DataFrame, res: Any, study: str | None = None) -> None:
    """Add one results row per finding to ``res`` (an :class:`analysis.results.Results`).

    ``pass``/``fail`` → :meth:`~analysis.results.Results.compare` (the status is decided there,
    with the finding's tolerance, and the arithmetic goes into the note); ``info`` →
    ``extension`` (e.g. the group sizes a set of percentages allows); ``skipped`` →
    ``not_reproducible`` with the reason.
    """
    for f in findings.itertuples(index=False):
        quantity = f"{f.table_title} – {f.item} [{f.check}]"
        if f.outcome in ("pass", "fail"):
            tol = float(f.tolerance)
            why = "" if math.isclose(tol, tolerance_for(int(f.decimals))) else (
                f" Tolerance ±{tol:g} rather than half a printed unit: see the arithmetic.")
            res.compare(f.id, quantity, f.unit, f.published,
                        math.nan if pd.isna(f.computed) else f.computed,
                        source=f.source, tolerance=tol, note=f"{f.arithmetic}.{why}",
                        study=study)
        elif f.outcome == "info":
            res.extension(f.id, quantity, f.unit, f.computed, note=f.arithmetic, source=f.source,
                          study=study)
        else:
            res.not_reproducible(f.id, quantity, f.unit,
                                 None if pd.isna(f.published) else f.published,
                                 note=f"check not possible: {f.arithmetic}", source=f.source,
                                 study=study)
