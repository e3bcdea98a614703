"""An audit finding's ``item`` in a reader's words.

The audit writes each finding's item with the transcription's own names (``"Totaal:
cost_t1_eur"``, ``"summary_practices restates practices"``, ``"Totaal (grc_costs_by_category)"``),
which stay in the findings as provenance and for selecting findings by cell. A page shows the item
with each such name replaced by what the data dictionary calls it: a column by its title (else
its description, the printed header), a row of an in-text table by its English quantity, a table
by its title.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from analysis import rawdata

#: a name of the transcription: lower-case words joined by underscores
_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def _short(text: str) -> str:
    """A description up to its first parenthesis or semicolon (the printed header)."""
    return re.split(r"\s*[(;]", text, maxsplit=1)[0].strip() or text.strip()


@cache
def _names(table: str) -> dict[str, str]:
    """Every name of ``table`` a finding's item may use, with its words."""
    catalog = rawdata.catalog()
    out: dict[str, str] = {}
    if table not in catalog:
        return out
    entry = catalog[table]
    for field in entry.descriptor.get("schema", {}).get("fields", []):
        words = field.get("title") or _short(str(field.get("description", "")))
        if words:
            out[field["name"]] = words
    df = rawdata.load(table)
    if {"key", "quantity_en"} <= set(df.columns):
        out.update({str(k): str(q) for k, q in zip(df["key"], df["quantity_en"], strict=True)
                    if not pd.isna(q)})
    return out


@cache
def _any_table_names() -> dict[str, str]:
    """The names of every table with their words (the first table that explains a name): for an
    item that names a cell of another table, as a restatement does."""
    out: dict[str, str] = {}
    for table in sorted(rawdata.catalog()):
        for name, words in _names(table).items():
            out.setdefault(name, words)
    return out


@cache
def _table_title(name: str) -> str | None:
    """A table's title without its parenthesised reference ("(Tabel 3)")."""
    catalog = rawdata.catalog()
    if name not in catalog:
        return None
    return _short(str(catalog[name].descriptor.get("title") or name))


def item_in_words(item: str, table: str) -> str:
    """``item`` with each transcription name of ``table`` (or each table name) in words; a name
    the data dictionary does not explain is kept, in words ("cases_total" → "cases total")."""
    names = _names(table)
    if item.startswith(f"{table}: "):  # the table the page shows already: its caption names it
        item = item[len(table) + 2:]
    # "<title> – <table>: …": the title names the table already
    item = item.replace(f" \u2013 {table}: ", " \u2013 ")

    def words(m: re.Match[str]) -> str:
        name = m.group(0)
        return (names.get(name) or _table_title(name) or _any_table_names().get(name)
                or name.replace("_", " "))

    return _NAME.sub(words, item)


def _column(label: object) -> str:
    """The column of a printed cell's label (``table[row].column``), or ``""``."""
    text = "" if pd.isna(label) else str(label)
    return text.rsplit(".", 1)[-1] if "]." in text else ""


def in_words(found: pd.DataFrame) -> pd.Series:
    """The items of ``found`` (findings with ``item`` and ``table``) in words; where the item
    does not say which column its printed number is in (a restatement of a row, checked per
    column), the column's words follow after a dash."""
    labels = found["published_label"] if "published_label" in found else [None] * len(found)
    out = []
    for item, table, label in zip(found["item"], found["table"], labels, strict=True):
        text = item_in_words(str(item), str(table))
        column = _column(label)
        if column and column != "value" and column not in str(item):
            words = _names(str(table)).get(column, column.replace("_", " "))
            if words not in text:
                text = f"{text} \u2014 {words}"
        out.append(text)
    return pd.Series(out, index=found.index, dtype="object")
