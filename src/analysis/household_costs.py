"""Per-household costs before and after (Gezinsregie Tabel 3, or an evaluator's own file).

:func:`load` takes either the name of a table in the data dictionary (the published
``grc_household_costs``) or the path of a CSV file of the same shape: one row per household with
its yearly cost at measurement 1 and 2. Any number of households is accepted; extra columns are
kept and listed; a printed total row (household ``Totaal``) is set aside. A missing cost column
or a non-numeric cell stops with a message naming the file, line and column
(:class:`analysis.userfiles.UserFileError`). An export with other column names or a decimal comma
is read through a column mapping (template: ``config/mappings/gezinsregie_costs.yaml``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import mapping as mapping_mod
from analysis import paths, rawdata, userfiles

#: the columns a households file must have (costs in euros per year)
REQUIRED = ("household", "cost_t1_eur", "cost_t2_eur")
#: the published table this module's notebook compares with
PUBLISHED = "grc_household_costs"
TOTAL_LABEL = "Totaal"


def load(source: str, mapping: mapping_mod.Mapping | str | Path | None = None) -> pd.DataFrame:
    """Households and their costs from a dictionary table name or a CSV path.

    ``mapping`` (a YAML path or :class:`analysis.mapping.Mapping`) renames an export's columns to
    ``household``, ``cost_t1_eur`` and ``cost_t2_eur``; it applies to a CSV file only.

    ``attrs``: ``published`` (True only for the report's own table), ``source`` (provenance
    or file name), ``extra_columns``, ``conversions`` (what the reader did with the file: separator,
    mapping, Dutch number notation), ``total_rows`` (printed total rows set aside) and
    ``households`` (rows kept).
    """
    mapped = mapping_mod.as_mapping(mapping)
    if source in rawdata.catalog():
        if mapped is not None:
            raise ValueError(f"input_table {source!r} is a table of the data dictionary; a column "
                             "mapping applies to your own CSV file only (leave mapping_path empty)")
        table = rawdata.load(source)
        extra: list[str] = []
        conversions: list[str] = []
        origin = table.attrs.get("source", source)
        title = table.attrs.get("title", source)
    else:
        path = paths.resolve(source)
        if not path.is_file():
            raise KeyError(f"input_table {source!r}: neither a table in the data dictionary "
                           "(data/raw/*/datapackage.json) nor an existing CSV file")
        read = userfiles.read_csv(path, required=REQUIRED, numeric=REQUIRED[1:], mapping=mapped)
        table = read.data.copy()
        for c in REQUIRED[1:]:
            table[c] = pd.to_numeric(table[c])
        missing = table[list(REQUIRED)].isna()
        if missing.to_numpy().any():
            i, j = (int(v[0]) for v in missing.to_numpy().nonzero())
            raise userfiles.UserFileError(path, [f"line {read.line(i)}, column {REQUIRED[j]!r}: "
                                                 "empty cell (every household needs both costs)"])
        extra, origin, title = list(read.extra_columns), path.name, f"household costs ({path.name})"
        conversions = list(read.conversions)
    is_total = table["household"].astype(str).str.strip() == TOTAL_LABEL
    kept = table[~is_total].reset_index(drop=True)
    if len(kept) < 2:
        raise ValueError(f"{origin}: {len(kept)} household row(s); "
                         "paired statistics need at least 2")
    kept.attrs.update(published=source == PUBLISHED, source=origin, title=title,
                      extra_columns=extra, conversions=conversions,
                      total_rows=int(is_total.sum()), households=len(kept))
    return kept

