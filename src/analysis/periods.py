"""Periods and rates printed in running text: calendar months counted inclusively, weeks between
two dates, a count per week, and the group sizes a rounded percentage allows.

Used where a report states a duration or a rate ("vijf maanden", "ruim 5 verwijzingen per week")
alongside the dates it follows from, so that the two can be compared.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from analysis.audit import attainable_group_sizes


def months_inclusive(start: str, end: str) -> int:
    """Calendar months from ``start`` to ``end``, both counted: ``"2018-10"``–``"2019-03"``: 6."""
    y0, m0 = (int(x) for x in start.split("-"))
    y1, m1 = (int(x) for x in end.split("-"))
    months = (y1 - y0) * 12 + (m1 - m0) + 1
    if months < 1:
        raise ValueError(f"period {start} – {end} ends before it starts")
    return months


def weeks_between(start: str, end: str) -> float:
    """Weeks from ISO date ``start`` to ISO date ``end`` (end exclusive)."""
    days = (date.fromisoformat(end) - date.fromisoformat(start)).days
    if days <= 0:
        raise ValueError(f"period {start} – {end} ends before it starts")
    return days / 7


def per_week(count: float, start: str, end: str) -> float:
    """``count`` spread evenly over the weeks from ``start`` to ``end``."""
    return count / weeks_between(start, end)


def implied_denominators(
    count: int, percent: float, decimals: int = 0, n_max: int = 1000
) -> list[int]:
    """Every ``n ≥ count`` with ``100 · count / n`` rounding to the printed ``percent``."""
    sizes = attainable_group_sizes([percent], decimals, n_min=max(1, count), n_max=n_max)
    return [
        int(n)
        for n in sizes
        if abs(100 * count / n - percent) <= 0.5 * 10.0**-decimals + 1e-9 * max(1.0, percent)
    ]


def share(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole``."""
    if whole == 0:
        raise ValueError("share of an empty whole")
    return float(np.float64(100.0) * part / whole)
