"""The one reader for CSV files that users supply (their own measurements, registrations, …).

Real files come from Excel, registration systems and hand edits. :func:`read_csv` reads them
into a frame of *strings* (loaders type and check them) and applies only these documented
conversions, each listed in :attr:`UserTable.conversions`:

* **Encoding**: UTF-8, UTF-8 with a byte-order mark (Excel's "CSV UTF-8") and Windows-1252
  (Excel's plain "CSV" on a Dutch Windows). Bytes that are neither are an error naming the line.
* **Delimiter**: ``,``, ``;`` (Dutch Excel) or tab, sniffed from the header line.
* **Numbers** (columns named in ``numeric``): in a ``;`` file Dutch notation is read —
  decimal comma and thousands dots (``1.234,5`` → ``1234.5``); a dot not followed by groups of
  exactly three digits there (``12.5``) is ambiguous and an error. In a ``,`` or tab file a
  decimal point is expected and a decimal comma is an error. Surrounding blanks (also
  non-breaking spaces) are removed. Anything else non-numeric is an error naming line and column.
* **Dates** (columns named in ``dates``): ISO ``2019-04-13`` is kept; Dutch ``13-04-2019`` (and
  ``13/04/2019``, ``13.04.2019``) is rewritten as ISO. Other text is left for the loader to reject.
* **Header names** are matched after stripping blanks and lower-casing (``" Child_ID"`` →
  ``child_id``). Missing required columns are an error (with a "did you mean" for renamed ones);
  columns nobody asked for are kept and listed in :attr:`UserTable.extra_columns`.
* **Blank lines** are skipped and counted.
* **Mapping** (``mapping=``, an :class:`analysis.mapping.Mapping` read from a YAML file): the
  user's column names are renamed to the schema's, listed columns are left out, codes are
  translated per column, and ``decimal: ","`` reads decimal commas whatever the delimiter;
  each step is listed in the conversions.
* **Spreadsheet formulas**: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
  return (and not a plain number) would run as a formula when a results table is opened in a
  spreadsheet (CSV/formula injection, OWASP). ``formulas="reject"`` (default) raises naming line
  and column; ``"neutralise"`` prefixes a ``'`` so it stays text, and counts it.

Every problem raises :class:`UserFileError` (a :class:`analysis.rawdata.DataValidationError`) that
names the file and, per problem, the line (header = line 1) and the column.
"""

from __future__ import annotations

import csv
import difflib
import io as _io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from analysis.rawdata import DataValidationError

if TYPE_CHECKING:
    from analysis.mapping import Mapping

DELIMITERS = (",", ";", "\t")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: bytes that Windows-1252 leaves undefined: their presence means the file is not cp1252 either
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_DOT_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DUTCH = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_BLANKS = " \t\u00a0\u202f"


class UserFileError(DataValidationError):
    """A user-supplied file cannot be read; the message names file, line and column."""


@dataclass(frozen=True)
class UserTable:
    """A user file read as text: the data, its line numbers and what was converted."""

    data: pd.DataFrame
    lines: list[int]
    path: Path
    encoding: str
    delimiter: str
    conversions: list[str] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    #: cell problems (``line N, column 'x': …``) when read with ``cell_errors="collect"``
    problems: list[str] = field(default_factory=list)

    def line(self, i: int) -> int:
        """File line of data row ``i`` (0-based position)."""
        return self.lines[i]


def detect_encoding(raw: bytes, path: Path | str = "<bytes>") -> str:
    """``"utf-8-sig"`` (BOM), ``"utf-8"`` or ``"cp1252"``; raise if it is none of these."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserFileError(path, ["line 1: the file is UTF-16 encoded; save it as "
                                   "'CSV UTF-8' (or plain CSV)"])
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        bad = [b for b in raw if b in _CP1252_UNDEFINED]
        if bad or b"\x00" in raw:
            line = raw[: exc.start].count(b"\n") + 1
            raise UserFileError(path, [f"line {line}: byte 0x{raw[exc.start]:02x} is neither "
                                       "UTF-8 nor Windows-1252 text; save the file as "
                                       "'CSV UTF-8'"]) from exc
        return "cp1252"


def sniff_delimiter(header: str) -> str:
    """The delimiter of a header line: the most frequent of ``,``, ``;`` and tab outside quotes.

    A tie (e.g. a one-column file) falls back to ``,``.
    """
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] > 0 else ","


def normalise_name(name: str) -> str:
    """Header matching key: blanks stripped, lower case."""
    return name.strip(_BLANKS + "\ufeff").lower()


def is_formula(value: str) -> bool:
    """True if a spreadsheet would treat ``value`` as a formula (and it is not a plain number)."""
    return value.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.match(value.strip(_BLANKS))


def to_number(value: str, delimiter: str) -> float | None:
    """One cell as a number (see the module docstring), or None if it is not one.

    Raises ``ValueError`` with a reason for an ambiguous or wrong-notation number.
    """
    v = value.strip(_BLANKS)
    if delimiter == ";":
        if _DUTCH.match(v):
            return float(v.replace(".", "").replace(",", "."))
        if _DOT_DECIMAL.match(v):
            if "." not in v:
                return float(v)
            raise ValueError(f"{value!r} has a decimal point in a ';'-separated (Dutch) file, "
                             "where '.' separates thousands; write a decimal comma")
        return None
    if _DOT_DECIMAL.match(v):
        return float(v)
    if _DUTCH.match(v) and "," in v:
        raise ValueError(f"{value!r} has a decimal comma in a {delimiter!r}-separated file; "
                         "write a decimal point (or save the file as ';'-separated)")
    return None


def _decode(path: Path) -> tuple[str, str]:
    if not path.is_file():
        raise UserFileError(path, ["file is missing"])
    raw = path.read_bytes()
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        raise UserFileError(path, ["file is empty (not even a header line)"])
    enc = detect_encoding(raw, path)
    return raw.decode(enc), enc


def _records(text: str, delimiter: str) -> tuple[list[str], list[tuple[int, list[str]]], int]:
    """Header, (line, fields) of every non-blank record, and the number of blank lines."""
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    blank, prev_end = 0, 0
    for fields in reader:
        start, prev_end = prev_end + 1, reader.line_num
        if not fields or all(not f.strip(_BLANKS) for f in fields):
            blank += 1
            continue
        if header is None:
            header = fields
        else:
            rows.append((start, fields))
    return header or [], rows, blank


def read_csv(path: str | Path, *, required: Sequence[str] = (), optional: Sequence[str] = (),
             numeric: Sequence[str] = (), dates: Sequence[str] = (),
             formulas: Literal["reject", "neutralise"] = "reject",
             cell_errors: Literal["raise", "collect"] = "raise",
             mapping: Mapping | None = None) -> UserTable:
    """Read a user CSV into strings (missing cells → ``<NA>``), with documented conversions.

    ``required`` columns must be present (matched case- and blank-insensitively); columns in
    neither ``required`` nor ``optional`` are listed as extra (kept, reported). ``numeric``
    columns are converted to numbers written with a decimal point (as strings, so the loader's
    own checks see them), ``dates`` columns in Dutch day-month-year are rewritten as ISO.
    Raises :class:`UserFileError` naming file, line and column for every problem found; with
    ``cell_errors="collect"`` problems in cells (numbers, formulas) are returned in
    :attr:`UserTable.problems` instead, so a loader can report them with its own checks.
    ``mapping`` renames columns, leaves some out, translates codes and sets the decimal mark
    (module docstring); its target columns must be among the columns this call names.
    """
    path = Path(path)
    text, encoding = _decode(path)
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = sniff_delimiter(first)
    header, rows, blank = _records(text, delimiter)
    conversions: list[str] = []
    if encoding != "utf-8":
        conversions.append(f"read as {encoding}" + (" (Windows-1252)" if encoding == "cp1252"
                                                     else " (UTF-8 with byte-order mark)"))
    if delimiter != ",":
        conversions.append(f"{'semicolon' if delimiter == ';' else 'tab'}-separated file")

    names = [normalise_name(h) for h in header]
    if mapping is not None:
        mapping.check_targets({*required, *optional, *numeric, *dates},
                              f"the schema of {path.name}")
        names, renamed = mapping.rename(names)
        if renamed:
            conversions.append(f"columns renamed by mapping {Path(mapping.path).name}: "
                               + ", ".join(renamed))
    problems: list[str] = []
    if not any(names):
        raise UserFileError(path, ["line 1: the header line is empty"])
    seen: dict[str, int] = {}
    for pos, n in enumerate(names, start=1):
        if not n:
            problems.append(f"line 1, column {pos}: empty column name")
        elif n in seen:
            problems.append(f"line 1, column {n!r}: appears twice (columns {seen[n]} and {pos})")
        else:
            seen[n] = pos
    if [h for h in header if h != normalise_name(h)]:
        conversions.append("header names stripped of blanks and lower-cased")
    for col in required:
        if col not in seen:
            near = difflib.get_close_matches(col, list(seen), n=1, cutoff=0.6)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            src = mapping.source_of(col) if mapping is not None else None
            if src is not None:
                hint = f" (the mapping takes it from column {src!r}, which is not in the file)"
            problems.append(f"line 1, column {col!r}: required column is missing{hint}; "
                            f"found {list(seen)}")
    if problems:
        raise UserFileError(path, problems)
    if blank:
        conversions.append(f"{blank} blank line(s) skipped")

    width = len(names)
    for line, fields in rows:
        if len(fields) != width:
            problems.append(f"line {line}: {len(fields)} fields, the header has {width} "
                            f"(delimiter {delimiter!r})")
    if problems:
        raise UserFileError(path, problems)

    lines = [line for line, _ in rows]
    data = pd.DataFrame([f for _, f in rows], columns=names, dtype="string")
    data = data.apply(lambda s: s.str.strip(_BLANKS)).replace("", pd.NA)
    number_style = delimiter
    if mapping is not None:
        data, names, number_style = _apply_mapping(data, mapping, conversions, delimiter)

    n_num = 0
    for col in [c for c in numeric if c in data.columns]:
        for i, v in data[col].items():
            if pd.isna(v):
                continue
            try:
                x = to_number(v, number_style)
            except ValueError as exc:
                problems.append(f"line {lines[i]}, column {col!r}: {exc}")
                continue
            if x is None:
                problems.append(f"line {lines[i]}, column {col!r}: {v!r} is not a number")
                continue
            if number_style == ";":
                text_x = format(x, ".15g")
                n_num += text_x != v
                data.at[i, col] = text_x
    if n_num and number_style == ";":
        conversions.append(f"{n_num} number(s) in Dutch notation (decimal comma, thousands "
                           "dots) read")
    n_dates = 0
    for col in [c for c in dates if c in data.columns]:
        for i, v in data[col].items():
            m = _DUTCH_DATE.match(v) if isinstance(v, str) else None
            if m:
                day, month, year = m.groups()
                data.at[i, col] = f"{year}-{int(month):02d}-{int(day):02d}"
                n_dates += 1
    if n_dates:
        conversions.append(f"{n_dates} date(s) in day-month-year order rewritten as ISO")

    n_formula = 0
    text_cols = [c for c in data.columns if c not in set(numeric) | set(dates)]
    for col in text_cols:
        for i, v in data[col].items():
            if isinstance(v, str) and is_formula(v):
                if formulas == "reject":
                    problems.append(f"line {lines[i]}, column {col!r}: {v[:40]!r} starts like a "
                                    "spreadsheet formula (=, +, -, @); remove the sign or quote "
                                    "the text")
                else:
                    data.at[i, col] = "'" + v
                    n_formula += 1
    if n_formula:
        conversions.append(f"{n_formula} formula-like text cell(s) prefixed with ' "
                           "(kept as text)")
    if problems and cell_errors == "raise":
        raise UserFileError(path, problems)
    known = {*required, *optional, *numeric, *dates}
    extra = [c for c in names if known and c not in known]
    return UserTable(data, lines, path, encoding, delimiter, conversions, extra, problems)


def _apply_mapping(data: pd.DataFrame, mapping: Mapping, conversions: list[str],
                   delimiter: str) -> tuple[pd.DataFrame, list[str], str]:
    """Leave out ``mapping.ignore`` columns and translate codes; the number style to read."""
    dropped = [c for c in data.columns if c in mapping.ignore]
    if dropped:
        data = data.drop(columns=dropped)
        conversions.append(f"column(s) left out by the mapping: {', '.join(dropped)}")
    for col in [c for c in mapping.codes if c in data.columns]:
        before = data[col]
        table = {k: v for k, v in mapping.codes[col].items()}
        after = before.map(lambda v, t=table: t.get(v.strip().lower(), v), na_action="ignore")
        n = int((after.fillna("") != before.fillna("")).sum())
        data[col] = after.astype("string")
        if n:
            conversions.append(f"{n} code(s) in column {col!r} translated by the mapping")
    style = ";" if mapping.decimal == "," else ("," if mapping.decimal == "." else delimiter)
    if style != delimiter:
        conversions.append(f"numbers read with a decimal {'comma' if style == ';' else 'point'} "
                           "(mapping)")
    return data, list(data.columns), style


def neutralise_formula(value: object) -> object:
    """``'=1+1'`` → ``"'=1+1"`` for text written to a CSV a spreadsheet may open; else as is."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def restore_formula(value: object) -> object:
    """Inverse of :func:`neutralise_formula`: ``"'=1+1"`` → ``"=1+1"``; else as is."""
    if isinstance(value, str) and value.startswith("'") and is_formula(value[1:]):
        return value[1:]
    return value


def to_clean_csv(table: UserTable, path: Path) -> Path:
    """Write the converted table as plain UTF-8, comma-separated CSV (for schema validators)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table.data.to_csv(path, index=False, lineterminator="\n")
    return path
