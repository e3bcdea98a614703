"""Large user files: a columnar reader with the checks and conversions of :mod:`analysis.userfiles`.

:func:`read_table` is what loaders call for a user file of any size:

* a ``.parquet`` file is read with pyarrow (columns typed by the file; numbers and dates are
  turned into the same text the CSV reader gives, so the loader's checks are the same);
* a CSV of at least :data:`LARGE_BYTES` is parsed by pyarrow's multi-threaded CSV reader into
  text columns, and every cell check of :func:`analysis.userfiles.read_csv` (Dutch numbers, Dutch
  dates, formula-like text) runs once per *distinct* value rather than once per cell;
* where every cell of a numeric or date column converts, it is returned as float64 or
  datetime64 (the loader's own checks then pass it through) instead of text;
* anything else, and any large CSV the fast path cannot number line by line (blank lines,
  quoted fields, a bare carriage return, ragged rows, an encoding other than UTF-8; Windows line
  ends are fine), goes to
  :func:`analysis.userfiles.read_csv`, which names file, line and column for every problem.

Line numbers are those of the file (header = line 1); in a Parquet file, line k + 1 is row k.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis import userfiles
from analysis.userfiles import UserFileError, UserTable

#: CSV files at least this large (bytes) take the columnar path; about 100 000 rows
LARGE_BYTES = 8_000_000
_BOM = b"\xef\xbb\xbf"
#: text columns are Arrow-backed: strip, match and compare run as Arrow kernels, not per cell
TEXT = pd.StringDtype("pyarrow")


def read_table(path: str | Path, *, required: Sequence[str] = (),
               optional: Sequence[str] = (), numeric: Sequence[str] = (),
               dates: Sequence[str] = (), formulas: Literal["reject", "neutralise"] = "reject",
               cell_errors: Literal["raise", "collect"] = "raise",
               large_bytes: int = LARGE_BYTES, mapping: Any = None) -> UserTable:
    """Read a user file (CSV of any size, or Parquet) as :func:`userfiles.read_csv` does.

    A column/code ``mapping`` (:mod:`analysis.mapping`) is applied by the exact reader, so a
    mapped CSV export takes that path whatever its size; Parquet files are read without one.
    """
    path = Path(path)
    kw = dict(required=required, optional=optional, numeric=numeric, dates=dates,
              formulas=formulas, cell_errors=cell_errors)
    if mapping is not None:
        if path.suffix.lower() == ".parquet":
            raise UserFileError(path, ["a column mapping applies to CSV exports; write the "
                                       "Parquet file with the schema's column names instead"])
        return userfiles.read_csv(path, mapping=mapping, **kw)  # type: ignore[arg-type]
    if path.suffix.lower() == ".parquet":
        return _finish(path, _parquet(path, numeric, dates), "utf-8", ",", [], **kw)
    if not path.is_file() or path.stat().st_size < large_bytes:
        return userfiles.read_csv(path, **kw)  # type: ignore[arg-type]
    raw = path.read_bytes()
    fast = _csv(raw)
    if fast is None:
        return userfiles.read_csv(path, **kw)  # type: ignore[arg-type]
    data, delimiter, conversions = fast
    return _finish(path, data, "utf-8", delimiter, conversions, **kw)


def _parquet(path: Path, numeric: Sequence[str] = (), dates: Sequence[str] = ()
             ) -> pd.DataFrame:
    """The columns of a Parquet file: text Arrow-backed, as the CSV path gives them.

    Columns typed by the file are not sent through text and back: a float column named in
    ``numeric`` comes back as float64 rounded to 15 significant digits (what reading its text
    ``format(x, ".15g")`` gives, computed once per distinct value), a date/time column named in
    ``dates`` as datetime64[s] of its date (what reading its ``%Y-%m-%d`` text gives). Other
    typed columns are turned into that text; a float column with an infinite value too, so the
    number check names its line.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise UserFileError(path, [f"not a readable Parquet file ({exc})"]) from exc
    text = (pa.types.is_string, pa.types.is_large_string, pa.types.is_string_view)
    df = table.to_pandas(types_mapper=lambda t: TEXT if any(f(t) for f in text) else None)
    numeric = {userfiles.normalise_name(c) for c in numeric}
    dates = {userfiles.normalise_name(c) for c in dates}
    out = {}
    for col in df.columns:
        s, key = df[col], userfiles.normalise_name(str(col))
        if pd.api.types.is_datetime64_any_dtype(s):
            if key in dates:
                if isinstance(s.dtype, pd.DatetimeTZDtype):
                    s = s.dt.tz_localize(None)  # the local date, as strftime gives it
                out[col] = s.dt.floor("D").astype("datetime64[s]")
                continue
            s = s.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_object_dtype(s) and s.notna().any() and hasattr(
                s.dropna().iloc[0], "isoformat"):
            s = pd.to_datetime(s).dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_float_dtype(s):
            x = s.to_numpy(dtype="float64", na_value=np.nan)
            codes, uniques = pd.factorize(x)
            if key in numeric and np.isfinite(uniques).all():
                canon = np.append([float(format(u, ".15g")) for u in uniques], np.nan)
                # factorize takes 0.0 and -0.0 as one value: the sign comes from the cell
                out[col] = pd.Series(np.copysign(canon[codes], x), index=s.index)
                continue
            shown = np.array([format(u, ".15g") for u in uniques] + [None], dtype=object)
            s = pd.Series(shown[codes], index=s.index, dtype=object)
        out[col] = s if s.dtype == TEXT else s.astype(TEXT)
    return pd.DataFrame(out, index=df.index)


def _csv(raw: bytes) -> tuple[pd.DataFrame, str, list[str]] | None:
    """Text columns of a large UTF-8 CSV, or None where line numbers could not be kept."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    conversions = []
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
        conversions.append("read as utf-8-sig (UTF-8 with byte-order mark)")
    blank = b"\n\n" in raw or b"\n\r\n" in raw
    lone_cr = raw.count(b"\r") != raw.count(b"\r\n")
    if b'"' in raw or blank or lone_cr or not raw.endswith(b"\n"):
        return None  # quoted fields, blank lines, bare CR: the exact reader numbers the lines
    header = raw[: raw.find(b"\n")].rstrip(b"\r").decode("utf-8", errors="replace")
    delimiter = userfiles.sniff_delimiter(header)
    if delimiter != ",":
        conversions.append(f"{'semicolon' if delimiter == ';' else 'tab'}-separated file")
    names = header.split(delimiter)
    try:
        table = pacsv.read_csv(
            pa.py_buffer(raw),
            read_options=pacsv.ReadOptions(use_threads=True),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char=False),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None  # ragged rows or undecodable bytes: the exact reader names the line
    data = table.to_pandas(types_mapper=lambda _t: TEXT)
    return data, delimiter, conversions


def _finish(path: Path, data: pd.DataFrame, encoding: str, delimiter: str,
            conversions: list[str], *, required: Sequence[str], optional: Sequence[str],
            numeric: Sequence[str], dates: Sequence[str],
            formulas: Literal["reject", "neutralise"],
            cell_errors: Literal["raise", "collect"]) -> UserTable:
    """Header checks, blanks, numbers, dates and formulas, each cell rule once per value."""
    header = list(data.columns)
    names = [userfiles.normalise_name(h) for h in header]
    problems: list[str] = []
    if len(set(names)) != len(names) or "" in names:
        problems.append(f"line 1: empty or repeated column name in {header}")
    if names != header:
        conversions.append("header names stripped of blanks and lower-cased")
    for col in required:
        if col not in names:
            problems.append(f"line 1, column {col!r}: required column is missing; "
                            f"found {names}")
    if problems:
        raise UserFileError(path, problems)
    if data.empty:
        raise UserFileError(path, ["no data rows"])
    data.columns = names
    lines = list(range(2, len(data) + 2))
    # columns a Parquet file typed (float64, datetime64) are checked already (:func:`_parquet`)
    typed = {c for c in names if data[c].dtype != TEXT}
    for col in [c for c in names if c not in typed]:
        data[col] = data[col].str.strip(userfiles._BLANKS).replace("", pd.NA)

    counts: dict[str, int] = {}

    def cells(col: str, rule, rows: pd.Series | None = None) -> None:
        """Apply ``rule(value) -> (new value, problem | None)`` once per distinct value of
        ``data[col]`` (only in ``rows`` if given); problems name each line."""
        s = data[col] if rows is None else data.loc[rows, col]
        outcome = {v: rule(v) for v in s.dropna().unique()}
        bad = {v: p for v, (_, p) in outcome.items() if p}
        if bad:
            for i in s.index[s.isin(list(bad))]:
                problems.append(f"line {lines[i]}, column {col!r}: {bad[s.loc[i]]}")
        changed = {v: new for v, (new, _) in outcome.items() if new != v}
        if changed:
            hit = s.isin(list(changed))
            data.loc[s.index[hit], col] = s[hit].map(changed)
            counts[col] = int(hit.sum())

    def number(v: str) -> tuple[str, str | None]:
        try:
            x = userfiles.to_number(v, delimiter)
        except ValueError as exc:
            return v, str(exc)
        if x is None:
            return v, f"{v!r} is not a number"
        return (format(x, ".15g") if delimiter == ";" else v), None

    for col in [c for c in numeric if c in names and c not in typed]:
        cells(col, number)
    n_num = sum(counts.pop(c, 0) for c in numeric)
    if n_num:
        conversions.append(f"{n_num} number(s) in Dutch notation (decimal comma, thousands "
                           "dots) read")

    def date(v: str) -> tuple[str, None]:
        m = userfiles._DUTCH_DATE.match(v)
        if not m:
            return v, None
        day, month, year = m.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}", None

    for col in [c for c in dates if c in names and c not in typed]:
        cells(col, date)
    n_dates = sum(counts.pop(c, 0) for c in dates)
    if n_dates:
        conversions.append(f"{n_dates} date(s) in day-month-year order rewritten as ISO")

    def formula(v: str) -> tuple[str, str | None]:
        if not userfiles.is_formula(v):
            return v, None
        if formulas == "reject":
            return v, (f"{v[:40]!r} starts like a spreadsheet formula (=, +, -, @); remove the "
                       "sign or quote the text")
        return "'" + v, None

    for col in [c for c in names if c not in set(numeric) | set(dates)]:
        s = data[col]
        # only text starting like a formula can be one: test those few distinct values
        suspect = s.str.match(r"^[=+\-@\t\r]").fillna(False).astype(bool)
        if suspect.any():
            cells(col, formula, suspect)
    n_formula = sum(counts.values())
    if n_formula:
        conversions.append(f"{n_formula} formula-like text cell(s) prefixed with ' "
                           "(kept as text)")
    if problems and cell_errors == "raise":
        raise UserFileError(path, problems)
    _typed(data, [c for c in numeric if c in names and c not in typed],
           [c for c in dates if c in names and c not in typed])
    known = {*required, *optional, *numeric, *dates}
    extra = [c for c in names if known and c not in known]
    return UserTable(data, lines, path, encoding, delimiter, conversions, extra, problems)


def _typed(data: pd.DataFrame, numeric: Sequence[str], dates: Sequence[str]) -> None:
    """Numbers as float64 and ISO dates as datetime64 where every cell of a column converts
    (pyarrow casts, far faster than parsing text again); a column with any other cell stays
    text, for the loader's own checks to name."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for col in numeric:
        try:
            arr = pc.cast(pa.array(data[col], from_pandas=True), pa.float64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue
        data[col] = arr.to_numpy(zero_copy_only=False)
    for col in dates:
        try:
            arr = pc.strptime(pa.array(data[col], from_pandas=True), format="%Y-%m-%d",
                              unit="s", error_is_null=False)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue
        data[col] = pd.Series(arr.to_numpy(zero_copy_only=False), index=data.index)
