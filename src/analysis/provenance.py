"""Every transcribed number can be found on the source line its row cites.

Fields a dictionary marks ``"derived": true`` (values implied rather than printed, e.g. the
lower bound of a cost class) and year columns (printed once, in the header) are not looked up.

For each table in data/raw whose source is one of the seed documents and which has a ``line``
column, every number in the row (as the Dutch source prints it: ``1.074.904``, ``65,7``) must occur
on the cited line or the two lines after it (tables that wrap). Numbers written as words are
read through :mod:`analysis.number_words`. This catches typos and wrong line numbers; it cannot
catch a number copied from the wrong row of the same line. ``tests/test_provenance.py`` runs
:func:`problems` over every table; ``make check-evaluation`` over one study's tables.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis import paths, rawdata
from analysis.number_words import word_tokens
from analysis.report.numbers import dutch_digits

FIX = (
    'fix the value or the `line` in data/raw (or mark an implied field "derived": true), '
    "then rerun `make check-evaluation NAME=<notebook>`"
)


def dutch_forms(value: float, decimals: int | None) -> set[str]:
    """Ways the source may print ``value``: with or without thousands dots, decimal comma."""
    forms = set()
    places = [decimals] if decimals is not None and decimals >= 0 else [0, 1, 2, 3]
    for d in places:
        dutch = dutch_digits(value, d)  # 1.074.904,5
        forms |= {dutch, dutch.replace(".", ""), f"{abs(value):.{d}f}"}
    if float(value).is_integer():
        forms.add(str(int(abs(value))))
    return forms


def number_tokens(text: str) -> set[str]:
    """Numerals on the line, plus numbers written as Dutch words ('vier weken')."""
    tokens = set(re.findall(r"\d[\d.,]*\d|\d", text))
    if "½" in text:
        tokens.add("0,5")
    for a, b in re.findall(r"(\d+):(\d+)", text):  # '1:2 kinderen' = 50%
        tokens.add(f"{100 * int(a) / int(b):g}".replace(".", ","))
    for n in re.findall(r"(\d+) jaar", text):  # '1 jaar' = 12 months
        tokens.add(str(12 * int(n)))
    return tokens | word_tokens(text)


def checked_fields(e: rawdata.Entry) -> list[dict]:
    """The numeric fields looked up on the source line."""
    return [
        f
        for f in e.fields
        if f.get("type") in ("number", "integer")
        and f["name"] not in ("line", "decimals")
        and not f["name"].endswith("_line")
        and "year" not in f["name"]  # years are column headers, printed once
        and not f.get("derived")
    ]  # e.g. a class's lower bound implied by the row above


def applies(table: str) -> bool:
    """True when ``table`` cites a seed document that is present and has a ``line`` column."""
    e = rawdata.entry(table)
    return (paths.SEEDS / e.source_file).is_file() and "line" in [f["name"] for f in e.fields]


def problems(table: str) -> list[str]:
    """Numbers of ``table`` not on their cited line (empty when all are, or not applicable)."""
    if not applies(table):
        return []
    e = rawdata.entry(table)
    lines = (paths.SEEDS / e.source_file).read_text(encoding="utf-8").splitlines()
    df = rawdata.load(table)
    numeric = checked_fields(e)
    found = []
    for i, row in df.iterrows():
        if pd.isna(row["line"]):
            continue
        ln = int(row["line"])
        if not 1 <= ln <= len(lines):
            found.append(
                f"{e.path}: row {i + 2}: line {ln} is outside the source ({len(lines)} lines)"
            )
            continue
        text = " ".join(lines[ln - 1 : ln + 2])
        tokens = number_tokens(text)
        for f in numeric:
            v = row[f["name"]]
            if pd.isna(v) or v == 0:
                continue  # 0 often transcribes a '-' or an empty cell
            dec = (
                row["decimals"]
                if "decimals" in df.columns and pd.notna(row.get("decimals"))
                else f.get("decimals")
            )
            dec = None if dec is None or pd.isna(dec) else int(dec)
            forms = dutch_forms(float(v), dec)
            if not (forms & tokens) and not any(fm in text for fm in forms):
                found.append(
                    f"{e.path}: row {i + 2}, column {f['name']!r}: {v} not on "
                    f"line {ln}: {text[:120]!r}"
                )
    return found
