"""The name of a printed number: source file, line and a label computed from its transcription.

Every number transcribed in ``data/raw`` is one cell of a table: a row (on a source ``line``)
and a column. Its *label* names the cell, ``<table>[<row label>].<column>``, where the row label
is the row's ``key`` (the id of an in-text number in a ``text_values`` table, or of a key/value
row), else the columns declared as ``structure.row_label``, else its Dutch label columns
(``*_nl``, at most two), else its first text column, else ``row <n>``. The *key* of the printed
number is ``<source file>:<line>:<label>`` (:func:`key`): two different cells of one line that
print the same value have different keys, and the same cell always has the same key, whichever
check compares it (a notebook's recomputation or the audit's ``structure``).

:func:`cells` lists every transcribed number with its key; :func:`resolve` finds the label of a
number known only by file, line and value (the cell on that line printing that value, when
there is exactly one).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

import pandas as pd

from analysis import rawdata

NOT_NUMBERS = frozenset({"line", "decimals"})


def _blank(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)) or str(x) == ""


def label_columns(entry: rawdata.Entry, columns: list[str] | pd.Index) -> list[str]:
    """The columns whose values name a row of ``entry``'s table, most telling first: ``key``,
    else the declared ``structure.row_label``, else the Dutch labels (``*_nl``), then the other
    text columns (English twins, unit and verbatim statements left out)."""
    if "key" in columns:
        return ["key"]
    declared = (entry.descriptor.get("structure") or {}).get("row_label")
    first = ([declared] if isinstance(declared, str) else list(declared)) if declared else []
    strings = [f["name"] for f in entry.fields if f.get("type", "string") == "string"
               and f["name"] in columns and not f["name"].endswith("_en")
               and f["name"] not in ("unit", "value_text", "statement_nl", "basis")]
    nl = [c for c in strings if c.endswith("_nl")]
    return list(dict.fromkeys([*first, *nl, *strings]))


def row_labels(entry: rawdata.Entry, df: pd.DataFrame) -> pd.Series:
    """The label of every row of a table (module docstring): as few label columns as name each
    row uniquely among the rows of its source line; ``row <n>`` added where none do."""
    cols = label_columns(entry, df.columns)
    line = df["line"].astype("string").fillna("") if "line" in df.columns else pd.Series(
        "", index=df.index)

    def labels(use: list[str]) -> pd.Series:
        return pd.Series([" / ".join(str(df.at[i, c]) for c in use if not _blank(df.at[i, c]))
                          for i in df.index], index=df.index, dtype="object")

    lab = labels(cols[:1])
    for n in range(2, len(cols) + 1):
        if not pd.DataFrame({"l": line, "x": lab}).duplicated().any():
            break
        lab = labels(cols[:n])
    clash = pd.DataFrame({"l": line, "x": lab}).duplicated(keep=False)
    pos = pd.Series(range(1, len(df) + 1), index=df.index)
    return pd.Series([f"{x} / row {p}" if (c and x) else (x or f"row {p}")
                      for x, c, p in zip(lab, clash, pos, strict=True)], index=df.index,
                     dtype="object")


def cell_label(table: str, row: str, column: str) -> str:
    """``"<table>[<row label>].<column>"``."""
    return f"{table}[{row}].{column}"


def key(source_file: str, line: int, label: str) -> str:
    """The key of a printed number: ``"<source file>:<line>:<label>"``."""
    return f"{source_file}:{int(line)}:{label}"


_KEY = re.compile(r"^(.*?):(\d+):(.*)$", re.S)


def split_key(k: str) -> tuple[str, int, str]:
    """``(source file, line, label)`` of a key (file names may hold colons; labels too)."""
    m = _KEY.match(k)
    if not m:
        raise ValueError(f"not a printed-number key: {k!r}")
    return m.group(1), int(m.group(2)), m.group(3)


def _numeric(entry: rawdata.Entry) -> list[str]:
    return [f["name"] for f in entry.fields if f.get("type") in ("number", "integer")
            and f["name"] not in NOT_NUMBERS]


def table_cells(name: str, df: pd.DataFrame, entry: rawdata.Entry) -> pd.DataFrame:
    """Every printed number of one table: ``table, column, row, line, value, label, key``."""
    out = []
    cols = df.columns
    if "line" not in cols:
        return pd.DataFrame(columns=["table", "column", "row", "line", "value", "label", "key"])
    rows = row_labels(entry, df)
    for i, r in df.iterrows():
        if _blank(r["line"]):
            continue
        row = rows[i]
        for c in _numeric(entry):
            if c in cols and not _blank(r[c]):
                lab = cell_label(name, row, c)
                out.append({"table": name, "column": c, "row": i, "line": int(r["line"]),
                            "value": float(r[c]), "label": lab,
                            "key": key(entry.source_file, int(r["line"]), lab)})
    return pd.DataFrame(out, columns=["table", "column", "row", "line", "value", "label", "key"])


@lru_cache(maxsize=1)
def cells() -> pd.DataFrame:
    """Every transcribed number of ``data/raw`` with its source file and key."""
    frames = []
    for name, e in sorted(rawdata.catalog().items()):
        t = table_cells(name, rawdata.load(name), e)
        frames.append(t.assign(source_file=e.source_file))
    return pd.concat(frames, ignore_index=True)


def label_of(table: str, column: str, **where: Any) -> str:
    """The label of the one cell of ``table`` in ``column`` whose row matches ``where``."""
    df = rawdata.load(table)
    mask = pd.Series(True, index=df.index)
    for col, val in where.items():
        mask &= df[col] == val
    idx = list(df.index[mask.fillna(False)])
    if len(idx) != 1:
        raise KeyError(f"{table}: {len(idx)} rows match {where}, expected exactly 1")
    return cell_label(table, row_labels(rawdata.entry(table), df)[idx[0]], column)


def resolve(source_file: str, line: int, value: float) -> str:
    """The label of the number printed as ``value`` on ``line`` of ``source_file``: the one
    transcribed cell there with that value; ``""`` when there is none or several (a caller
    that knows the cell passes its label, e.g. :meth:`analysis.results.Results.compare_table`)."""
    c = cells()
    hit = c[(c["source_file"] == source_file) & (c["line"] == int(line))
            & ((c["value"] - float(value)).abs() <= 1e-9 * max(1.0, abs(float(value))))]
    return str(hit["label"].iat[0]) if hit["label"].nunique() == 1 else ""
