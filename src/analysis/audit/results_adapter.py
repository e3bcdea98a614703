"""The audit's findings as results rows (the results contract, :mod:`analysis.results`)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from analysis.results import tolerance_for


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
                        study=study, line=_line(f.published_line),
                        label=f.published_label or None)
        elif f.outcome == "info":
            res.extension(f.id, quantity, f.unit, f.computed, note=f.arithmetic, source=f.source,
                          study=study)
        else:
            res.not_reproducible(f.id, quantity, f.unit,
                                 None if pd.isna(f.published) else f.published,
                                 note=f"check not possible: {f.arithmetic}", source=f.source,
                                 study=study, line=_line(f.published_line),
                                 label=f.published_label or None)


def _line(x: object) -> int | None:
    return None if x is None or pd.isna(x) else int(x)
