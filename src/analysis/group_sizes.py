"""Which group sizes make a set of printed, rounded percentages attainable (published data).

A report that prints the shares of one group but not its size leaves the size to be inferred:
only some sizes n give counts k with 100·k/n rounding to every printed percentage
(:func:`analysis.audit.attainable_group_sizes`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis import audit


def group_size_table(shares: pd.DataFrame, n_max: int,
                     chosen: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Per ``variable`` of ``shares`` (columns ``variable, percent, decimals``): its printed
    percentages, the group sizes 1..``n_max`` that make all of them attainable, and for each
    ``name: size`` of ``chosen`` whether that size is among them (column ``fits_<name>``)."""
    rows = []
    for var, g in shares.groupby("variable", sort=False):
        sizes = audit.attainable_group_sizes(g["percent"].tolist(), g["decimals"].tolist(),
                                             1, n_max)
        rows.append({"variable": var, "percents": ", ".join(f"{p:g}" for p in g["percent"]),
                     "sizes": ", ".join(str(s) for s in sizes),
                     **{f"fits_{name}": bool(size in sizes)
                        for name, size in (chosen or {}).items()}})
    return pd.DataFrame(rows)
