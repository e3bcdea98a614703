"""The key discrepancies in words: one plain sentence per ledger row, then its arithmetic.

A policy reader gets, per discrepancy of the ledger (:mod:`analysis.ledger`), where it is printed
(document title and section, no file or line), what the number is, how it is printed (the Dutch
value verbatim, in quotation marks), what the report's own numbers give instead and by how much
(at the printed precision), and what hangs on it (from the severity rule). The arithmetic follows
separately; file, line and key go into link titles and the ledger row.

The name of the quantity comes from the data dictionary, never from Python: the Frictionless
field ``title`` of the column in ``data/raw/<study>/datapackage.json`` and the English label of
the row (``quantity_en``, else the English twin ``*_en`` of the row's label column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd

from analysis import ledger, paths, printed, rawdata
from analysis.report import numbers

_CELL = re.compile(r"^(\w+)\[(.*)\]\.(\w+)$", re.S)

#: what the report's own numbers are, per kind of check (the audit's check names)
BASIS = {
    "totals": "the table's own parts add up to",
    "column_totals": "the table's own parts add up to",
    "row_sums": "the table's own parts add up to",
    "ratios": "the table's own numerator and denominator give",
    "percentages": "the table's own count and denominator give",
    "pooled_means": "the weighted mean of its parts is",
    "restates": "the number it restates is printed as",
    "same_population": "the same number elsewhere in the report is",
}
DEFAULT_BASIS = "the report's own numbers give"


@dataclass(frozen=True)
class Quantity:
    """A printed number as the data dictionary names it."""

    name: str  # e.g. "mean cost per household (target group: households above € 30,000)"
    decimals: int | None = None  # printed decimals, when the dictionary or the row says
    statement: str = ""  # the verbatim Dutch statement of an in-text number


@dataclass(frozen=True)
class Discrepancy:
    """One key discrepancy in words."""

    document: str  # the source document's title
    where: str  # section and table within it (no file, no line)
    text: str  # the rest of the sentence
    arithmetic: str  # the arithmetic of the deciding check

    @property
    def sentence(self) -> str:
        return f"{self.document}{', ' + self.where if self.where else ''}: {self.text}"


def _tidy(label: str) -> str:
    """Euro amounts in an English label in the one number convention ("€ 30000" → "€ 30,000")."""
    return re.sub(r"€ ?(\d{4,})(?![\d.,])", lambda m: numbers.eur(int(m.group(1))), label)


def _english(entry: rawdata.Entry, row: pd.Series) -> str:
    """The row's English label: ``quantity_en``, else the ``*_en`` twin of its label column,
    else the first ``*_en`` column with a value; ``""`` when the table has none."""
    cols = list(row.index)
    twins = [c[:-3] + "_en" for c in printed.label_columns(entry, cols) if c.endswith("_nl")]
    for c in ["quantity_en", *twins, *[c for c in cols if c.endswith("_en")]]:
        if c in cols and not numbers.is_missing(row[c]) and str(row[c]).strip():
            return _tidy(str(row[c]).strip())
    return ""


@cache
def quantity(key: str) -> Quantity | None:
    """The quantity a ledger key names (:mod:`analysis.printed`), from the data dictionary;
    None when the key names no transcribed cell (or the cell is not found)."""
    file, line, label = printed.split_key(key)
    m = _CELL.match(label)
    cat = rawdata.catalog()
    if not m or m.group(1) not in cat:
        return None
    table, row_label, column = m.groups()
    entry = cat[table]
    df = rawdata.load(table, check=False)  # words only; the build validated data/raw
    labels = printed.row_labels(entry, df)
    hit = df[(labels == row_label).to_numpy()]
    if "line" in hit.columns and len(hit) > 1:
        hit = hit[hit["line"] == line]
    if hit.empty:
        return None
    row = hit.iloc[0]
    try:
        field: dict[str, Any] = entry.field(column)
    except KeyError:
        return None
    title = str(field.get("title", "")).strip()
    english = _english(entry, row)
    if column == "value" and english:  # an in-text number or a parameter: the row names it
        name = english
    elif english and (english.lower() in title.lower() or title.lower() in english.lower()):
        name = title or english  # the row label says no more than the column's title
    else:
        name = f"{title} ({english})" if title and english else (title or english or column)
    decimals = 0 if field.get("type") == "integer" else field.get("decimals")
    # a row's own ``decimals`` says how its value (or its percentage) was printed, not its count
    if ("decimals" in row.index and not numbers.is_missing(row["decimals"])
            and field.get("type") != "integer" and (column == "value" or decimals is None)):
        decimals = int(row["decimals"])
    statement = str(row["statement_nl"]) if "statement_nl" in row.index and not \
        numbers.is_missing(row["statement_nl"]) else ""
    return Quantity(name, None if decimals is None else int(decimals), statement)


@cache
def _source_line(file: str, line: int) -> str:
    path = paths.SEEDS / file
    if not path.is_file():
        return ""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def dutch(value: float, decimals: int) -> str:
    """Digits as a Dutch report prints them: "49.742", "1,3", "-29.930"."""
    text = numbers.dutch_digits(value, decimals)
    return ("-" if value < 0 and set(text) - set("0.,") else "") + text


def printed_as(value: float, decimals: int, unit: str, source_line: str = "",
               statement: str = "") -> str:
    """The printed value, quoted verbatim (:func:`analysis.report.numbers.quoted_nl`): the
    form found on the source line when the source is at hand ("-€ 29.930"), else the Dutch
    digits with the unit's sign ("€ 49.742", "53,1%"); a number restated in words quotes
    its statement ("de helft")."""
    digits = dutch(value, decimals)
    bare = digits.lstrip("-")
    sign = "-" if digits.startswith("-") else ""
    if unit == "EUR":
        forms = [f"{sign}€ {bare}", f"€ {sign}{bare}", f"{sign}€{bare}", digits]
    elif unit == "percent":
        forms = [f"{digits}%", f"{digits} %", digits]
    else:
        forms = [digits]
    if statement and not any(f in statement for f in forms):
        return numbers.quoted_nl(statement)  # a verbal restatement: quote its words
    text = source_line or statement
    found = next((f for f in forms if text and re.search(
        r"(?<![\d.,])" + re.escape(f) + r"(?![\d])", text)), None)
    return numbers.quoted_nl(found or forms[0])


def _fmt(x: float, decimals: int, unit: str) -> str:
    if unit == "EUR":
        return numbers.eur(x, decimals)
    if unit == "percent":
        return numbers.percent(x, decimals)
    return numbers.number(x, decimals)


def _shown_decimals(printed_value: float, reproduced: float, decimals: int, unit: str) -> int:
    """The printed precision, or as many more decimals as it takes for the two to differ."""
    d = max(decimals, 0)
    while d < 4 and _fmt(reproduced, d, unit) == _fmt(printed_value, d, unit):
        d += 1
    return d


def _natural_decimals(x: float, most: int = 3) -> int:
    text = f"{round(x, most):.{most}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _difference(printed_value: float, reproduced: float, d: int, unit: str) -> str:
    diff = reproduced - printed_value
    size = numbers.number(abs(diff), d)
    if unit == "percent":
        size += " percentage point" + ("" if size == "1" else "s")
    elif unit == "EUR":
        size = numbers.eur(abs(diff), d)
    return f"{size} {'more' if diff > 0 else 'less'}"


def consequence(rule: str, reason: str) -> str:
    """What hangs on the discrepancy, from the severity rule that decided it."""
    detail = reason.split(": ", 1)[1].strip().rstrip(".") if ": " in reason else ""
    texts = {
        "key_figure": "The report's conclusion rests on it.",
        "stated_total": "The report states it as a total.",
        "disagree": "No stated total or conclusion rests on it.",
        "subgroup": f"The share fits an unstated subgroup: {detail}." if detail else
                    "The share fits an unstated subgroup.",
        "one_printed_unit": "That is within one unit of the last printed digit: rounding or "
                            "truncation.",
        "source_explains": f"The source itself explains it: {detail}." if detail else
                           "The source itself explains it.",
        "verbal": "The report restates the number in words.",
        "basis": "It rests on synthetic data: an illustration, not a finding.",
    }
    return texts.get(rule, "")


def _where(source: str, document: str) -> str:
    rest = source[len(document):] if source.startswith(document) else source
    rest = re.split(r",? lines? [\d,\-– ]+", rest)[0]
    return rest.strip(" ,")


def _table_of(decided_by: str) -> str:
    """The table an audit finding's id names (``audit__<table>__<check>__…``)."""
    m = re.match(r"audit__(\w+?)__", decided_by or "")
    return m.group(1) if m and m.group(1) in rawdata.catalog() else ""


def describe(r: Any, reproduced: float | None, tolerance: float | None = None) -> Discrepancy:
    """One ledger row (``r``: a namedtuple or mapping with the ledger's columns) in words;
    ``reproduced`` and ``tolerance`` from the results row that decided it."""
    get = (lambda k: r[k]) if isinstance(r, dict | pd.Series) else (lambda k: getattr(r, k))
    file, line = str(get("source_file")), int(get("line"))
    document = ledger.source_titles().get(file, file)
    where = _where(str(get("source")), document)
    unit, value = str(get("unit") or ""), float(get("printed"))
    q = quantity(str(get("key")))
    decimals = (q.decimals if q and q.decimals is not None
                else ledger._decimals(tolerance))  # noqa: SLF001 - the ledger's own rule
    shown = printed_as(value, decimals, unit, _source_line(file, line), q.statement if q else "")
    kind = str(get("decided_kind"))
    if kind == "percent_groups":  # the number is a group size N: whole, named by its table
        table = _table_of(str(get("decided_by")))
        title = rawdata.entry(table).descriptor.get("title", table) if table else ""
        name = q.name if q else (f"group size N of {numbers.quoted_nl(title)}" if title
                                  else "group size N")
        shown = printed_as(value, 0, "", _source_line(file, line))
        text = f"the {name} is printed as {shown}, but no group of that size gives all the " \
               "percentages printed with it"
        if reproduced is not None and not numbers.is_missing(reproduced):
            text += (f"; the nearest size that does is {numbers.number(reproduced)} "
                     f"({_difference(value, float(reproduced), 0, '')})")
    else:
        name = q.name if q else str(get("quantity")).split(" [")[0]
        name = name[:1].lower() + name[1:] if name[1:2].islower() else name
        text = f"the {name} is printed as {shown}"
        if reproduced is not None and not numbers.is_missing(reproduced):
            d = _shown_decimals(value, float(reproduced), decimals, unit)
            if kind in ("restates", "same_population"):  # the origin as it is printed
                d = max(d, _natural_decimals(float(reproduced)))
            text += (f", but {BASIS.get(kind, DEFAULT_BASIS)} {_fmt(float(reproduced), d, unit)}"
                     f" ({_difference(value, float(reproduced), d, unit)})")
    rest = consequence(str(get("rule")), str(get("reason")))
    return Discrepancy(document, where, f"{text}. {rest}".strip(),
                       numbers.arithmetic(get("arithmetic")))


def in_words(led: pd.DataFrame) -> pd.DataFrame:
    """Ledger rows with three columns for a reader's table: ``name`` (the quantity as the data
    dictionary names it), ``printed_text`` (the printed value in the one number convention, at
    its printed decimals, with its unit's sign) and ``arithmetic_text`` (:func:`arithmetic`)."""
    names, shown = [], []
    for r in led.itertuples(index=False):
        q = quantity(str(r.key))
        name = q.name if q else str(r.quantity).split(" [")[0]
        names.append(name[:1].upper() + name[1:])
        value = float(r.printed)
        d = q.decimals if q and q.decimals is not None else _natural_decimals(value)
        d = max(d, 0)  # printed to tens or thousands ("ruim € 980.000"): no decimals shown
        shown.append(_fmt(value, d, "" if numbers.is_missing(r.unit) else str(r.unit)))
    return led.assign(name=names, printed_text=shown,
                      arithmetic_text=[numbers.arithmetic(a) for a in led["arithmetic"]])


def parts_against_total(parts: list[float], total: float, what: str,
                        unit: str = "cases") -> str:
    """A printed total that its own parts contradict, in the words every page uses for it.

    The audit calls it an *error* (rule ``stated_total``); what caused it the report does not say,
    so the sentence names both readings: a misprinted total, or units counted in two categories
    (parts above the total) or in none (parts below it).
    """
    added = sum(parts)
    terms = " + ".join(numbers.integer(p) for p in parts)
    diff = added - total
    if diff == 0:
        return (f"The {what} add up to {terms} = {numbers.integer(added)} {unit}, the printed "
                "total.")
    gap = f"{numbers.integer(abs(diff))} {unit}"
    cause = (f"{gap} are counted in two categories" if diff > 0 else f"{gap} are in none of them")
    return (f"The {what} add up to {terms} = {numbers.integer(added)} {unit}, "
            f"{gap} {'more' if diff > 0 else 'fewer'} than the printed total of "
            f"{numbers.integer(total)}: the printed total contradicts its own parts. Either the "
            f"total is misprinted or {cause}; the report does not say which.")
