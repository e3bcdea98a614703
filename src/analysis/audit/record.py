"""One finding: the record every check returns, and the number formatting its arithmetic uses.

A finding is one printed number checked against what the table's own numbers give: the printed
value (``published``), the computed value, the tolerance, the outcome (``pass``, ``fail``,
``info``: a derived fact; ``skipped``: the check cannot run) and the arithmetic in words.
``published_line`` is the source line of the printed number itself and ``published_label`` the
cell it is printed in (with the source file, the ledger's key, :mod:`analysis.printed`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.results import within

FINDING_COLUMNS = [
    "id", "folder", "source_file", "table", "table_title", "check", "item", "unit",
    "published", "computed", "tolerance", "decimals", "difference", "rel_difference",
    "outcome", "arithmetic", "reading", "key_figure", "restated_in_text", "consequence", "lines",
    "source", "published_line", "published_label", "explained", "fits", "decomposition",
]
OUTCOMES = ("fail", "pass", "info", "skipped")
CHECKS = ("totals", "column_totals", "percentages", "percent_groups", "means", "pooled_means",
          "ratios", "restates", "same_population", "row_sums", "row_percentages")


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


def to_decimals(decimals: int) -> str:
    """How a number was printed, for arithmetic strings: "to 0 decimals", "to 1 decimal", "to
    the nearest 1,000" (decimals −3: printed to thousands)."""
    if decimals < 0:
        return f"to the nearest {10 ** -decimals:,}"
    return f"to {decimals} decimal{'' if decimals == 1 else 's'}"


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
            "arithmetic": arithmetic, "lines": lines, "published_line": None,
            "published_label": "", "fits": ""}


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = ["check", "item", "unit", "published", "computed", "tolerance", "decimals",
            "difference", "rel_difference", "outcome", "arithmetic", "lines", "published_line",
            "published_label", "fits"]
    df = pd.DataFrame(rows, columns=cols)
    for c in ("published", "computed", "tolerance", "difference", "rel_difference"):
        df[c] = df[c].astype("float64")
    df["decimals"] = df["decimals"].astype("Int64")
    df["published_line"] = df["published_line"].astype("Int64")
    return df

