"""Every transcribed number can be found on the source line its row cites.

Fields a dictionary marks ``"derived": true`` (values implied rather than printed, e.g. the
lower bound of a cost class) and year columns (printed once, in the header) are not looked up.

For each table in data/raw whose source is one of the seed documents and which has a ``line``
column, every number in the row (as the Dutch source prints it: ``1.074.904``, ``65,7``) must occur
on the cited line or the two lines after it (tables that wrap). This catches typos and wrong line
numbers in the transcription; it cannot catch a number copied from the wrong row of the same line.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import paths, rawdata

SEEDS = paths.SEEDS
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source documents not found at {SEEDS}")


def dutch_forms(value: float, decimals: int | None) -> set[str]:
    """Ways the source may print ``value``: with or without thousands dots, decimal comma."""
    forms = set()
    places = [decimals] if decimals is not None and decimals >= 0 else [0, 1, 2, 3]
    for d in places:
        s = f"{abs(value):,.{d}f}"  # 1,074,904.5
        dutch = s.replace(",", "§").replace(".", ",").replace("§", ".")
        forms |= {dutch, dutch.replace(".", ""), s.replace(",", "")}
    if float(value).is_integer():
        forms.add(str(int(abs(value))))
    return forms


NUMBER_WORDS = {
    "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "drietal": 3, "vier": 4, "vijf": 5,
    "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
    "dertien": 13, "veertien": 14, "vijftien": 15, "twintig": 20, "half": 0.5, "halve": 0.5,
    "derde": 3, "kwart": 0.25, "honderd": 100, "duizend": 1000,
}


def number_tokens(text: str) -> set[str]:
    """Numerals on the line, plus numbers written as Dutch words ('vier weken')."""
    tokens = set(re.findall(r"\d[\d.,]*\d|\d", text))
    if "½" in text:
        tokens.add("0,5")
    for a, b in re.findall(r"(\d+):(\d+)", text):  # '1:2 kinderen' = 50%
        tokens.add(f"{100 * int(a) / int(b):g}".replace(".", ","))
    for n in re.findall(r"(\d+) jaar", text):  # '1 jaar' = 12 months
        tokens.add(str(12 * int(n)))
    if "helft" in text.lower():
        tokens.add("50")
    for word in re.findall(r"[a-zéë]+", text.lower()):
        if word in NUMBER_WORDS:
            v = NUMBER_WORDS[word]
            tokens.add(str(v).replace(".", ",") if not float(v).is_integer() else str(int(v)))
    return tokens


def candidates(table: str):
    e = rawdata.entry(table)
    seed = SEEDS / e.source_file
    if not seed.is_file() or "line" not in [f["name"] for f in e.fields]:
        return None
    lines = seed.read_text(encoding="utf-8").splitlines()
    df = rawdata.load(table)
    numeric = [f for f in e.fields
               if f.get("type") in ("number", "integer")
               and f["name"] not in ("line", "decimals") and not f["name"].endswith("_line")
               and "year" not in f["name"]  # years are column headers, printed once
               and not f.get("derived")]  # e.g. a class's lower bound implied by the row above
    return e, lines, df, numeric


TABLES = sorted(rawdata.catalog())


@pytest.mark.parametrize("table", TABLES)
def test_numbers_are_on_their_cited_line(table):
    found = candidates(table)
    if found is None:
        pytest.skip("no seed source or no line column")
    e, lines, df, numeric = found
    problems = []
    for i, row in df.iterrows():
        if pd.isna(row["line"]):
            continue
        ln = int(row["line"])
        if not 1 <= ln <= len(lines):
            problems.append(f"row {i + 2}: line {ln} is outside the source ({len(lines)} lines)")
            continue
        text = " ".join(lines[ln - 1: ln + 2])
        tokens = number_tokens(text)
        for f in numeric:
            v = row[f["name"]]
            if pd.isna(v) or v == 0:
                continue  # 0 often transcribes a '-' or an empty cell
            dec = row["decimals"] if "decimals" in df.columns and pd.notna(row.get("decimals")) \
                else f.get("decimals")
            dec = None if dec is None or pd.isna(dec) else int(dec)
            forms = dutch_forms(float(v), dec)
            if not (forms & tokens) and not any(fm in text for fm in forms):
                problems.append(f"row {i + 2} ({e.path.name}), column {f['name']!r}: {v} not on "
                                f"line {ln}: {text[:120]!r}")
    assert not problems, "\n".join(problems[:25])
