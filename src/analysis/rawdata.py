"""Read transcribed tables from ``data/raw`` by their dictionary name, validated.

Every folder under ``data/raw`` holds a Frictionless ``datapackage.json`` (the data dictionary)
describing its CSV files: provenance (``sources``), field types, units, constraints and, for
the audit, the table's arithmetic ``structure``. :func:`load` validates a table against its
entry with frictionless and returns a typed :class:`pandas.DataFrame`; a bad file raises
:class:`DataValidationError` naming the file, the line and the column.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import paths

PANDAS_TYPES = {
    "integer": "Int64",
    "number": "float64",
    "string": "string",
    "boolean": "boolean",
    "year": "Int64",
}


class DataValidationError(ValueError):
    """A data file does not match its dictionary entry; the message names file, line, column."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        shown = "\n  ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{self.path}: {len(problems)} problem(s)\n  {shown}{more}")


@dataclass(frozen=True)
class Entry:
    """One table of the data dictionary: its descriptor and the folder it lives in."""

    name: str
    descriptor: dict[str, Any]
    package_path: Path

    @property
    def path(self) -> Path:
        return self.package_path.parent / self.descriptor["path"]

    @property
    def fields(self) -> list[dict[str, Any]]:
        return self.descriptor["schema"]["fields"]

    def field(self, name: str) -> dict[str, Any]:
        for f in self.fields:
            if f["name"] == name:
                return f
        raise KeyError(f"{self.name}: no field {name!r}")

    @property
    def source_file(self) -> str:
        return self.descriptor["sources"][0]["title"]

    @property
    def source_path(self) -> str:
        return self.descriptor["sources"][0].get("path", "")


def _packages(root: Path) -> list[Path]:
    return sorted(root.rglob("datapackage.json"))


@lru_cache(maxsize=4)
def catalog(root: Path | None = None) -> dict[str, Entry]:
    """All tables of all data dictionaries under ``data/raw`` (or ``root``), by name."""
    root = root or paths.RAW
    entries: dict[str, Entry] = {}
    for pkg in _packages(root):
        try:
            descriptor = json.loads(pkg.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise DataValidationError(
                pkg, [f"line {exc.lineno}: invalid JSON ({exc.msg})"]
            ) from exc
        for res in descriptor.get("resources", []):
            name = res["name"]
            if name in entries:
                raise DataValidationError(
                    pkg, [f"table name {name!r} is also declared in {entries[name].package_path}"]
                )
            entries[name] = Entry(name, res, pkg)
    return entries


def entry(name: str) -> Entry:
    """The dictionary entry of table ``name``."""
    cat = catalog()
    if name not in cat:
        raise KeyError(
            f"no table named {name!r} in the data dictionary (data/raw/*/datapackage.json)"
        )
    return cat[name]


def _frictionless_problems(descriptor: dict[str, Any], basepath: Path) -> list[str]:
    from frictionless import Resource

    desc = {k: v for k, v in descriptor.items() if k not in ("structure",)}
    resource = Resource.from_descriptor(desc, basepath=str(basepath))
    return report_problems(resource.validate())


def report_problems(report: Any, lines: Sequence[int] | None = None) -> list[str]:
    """A frictionless validation report as ``line N, column 'x': type: note`` strings.

    ``lines`` maps the CSV's data rows back to lines of the file the user gave (row 2 of the
    CSV is ``lines[0]``); a header problem is ``header``.
    """
    problems = []
    for row, field, kind, note in report.flatten(["rowNumber", "fieldName", "type", "note"]):
        if row and lines is not None and 2 <= row < len(lines) + 2:
            row = lines[row - 2]
        where = f"line {row}" if row else "header"
        col = f", column {field!r}" if field else ""
        problems.append(f"{where}{col}: {kind}: {note}")
    return problems


def in_future(dates: pd.Series) -> pd.Series:
    """True where a date (``datetime64``) lies after today; missing dates are not."""
    return (dates > pd.Timestamp.today().normalize()).fillna(False)


def check_table(descriptor: dict[str, Any], basepath: Path) -> None:
    """Validate the CSV a resource descriptor points to; raise naming file, line and column."""
    path = Path(basepath) / descriptor["path"]
    if not path.is_file():
        raise DataValidationError(path, ["file is missing"])
    if path.stat().st_size == 0:
        raise DataValidationError(path, ["file is empty (not even a header line)"])
    problems = _frictionless_problems(descriptor, Path(basepath))
    if problems:
        raise DataValidationError(path, problems)


def validate(name: str) -> None:
    """Validate table ``name`` against its dictionary entry; raise on any problem."""
    e = entry(name)
    check_table(e.descriptor, e.package_path.parent)


def read_typed(path: Path, fields: list[dict[str, Any]], **read_kw: Any) -> pd.DataFrame:
    """Read a validated CSV with the pandas dtypes its schema fields declare."""
    dtypes = {f["name"]: PANDAS_TYPES.get(f.get("type", "string"), "string") for f in fields}
    dates = [f["name"] for f in fields if f.get("type") in ("date", "datetime")]
    for d in dates:
        dtypes.pop(d)
    df = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""], **read_kw)
    for d in dates:
        df[d] = pd.to_datetime(df[d], format="ISO8601")
    return df


_LOADED: dict[tuple[str, float, float], pd.DataFrame] = {}  # validated tables
_READ: dict[tuple[str, float, float], pd.DataFrame] = {}  # tables read with check=False


def load(name: str, check: bool = True) -> pd.DataFrame:
    """Validated, typed table ``name`` from ``data/raw`` (a fresh copy on every call).

    The frame carries its provenance in ``df.attrs`` (``name``, ``title``, ``source``).
    Validation results are cached per file modification time, so repeated loads are cheap.
    ``check=False`` skips the Frictionless validation (about 45 ms a table) for a reader of the
    dictionary's words in a build that has validated ``data/raw`` already (the ledger and the
    index, after the pipeline's ``ledger_inputs`` job); a file pandas cannot read is then
    validated after all, so its error still names the file, line and column.
    """
    e = entry(name)
    if not e.path.is_file():
        raise DataValidationError(e.path, ["file is missing"])
    key = (name, e.path.stat().st_mtime, e.package_path.stat().st_mtime)
    if key not in _LOADED and check:
        validate(name)
        _LOADED[key] = _read(name, e)
    elif key not in _LOADED and key not in _READ:
        try:
            _READ[key] = _read(name, e)
        except (ValueError, TypeError):
            validate(name)  # raises, naming the file, line and column
            raise
    return (_LOADED[key] if key in _LOADED else _READ[key]).copy()


def _read(name: str, e: Entry) -> pd.DataFrame:
    df = read_typed(e.path, e.fields)
    df.attrs.update(name=name, title=e.descriptor.get("title", name), source=source(name))
    return df


def source(name: str, lines: int | str | None = None) -> str:
    """Provenance string for a results row: ``"<file>, <section/table>, L<lines>"``.

    ``lines`` narrows it to one line (an int) or a range (``"1808-1834"``); by default the
    table's own line range from its dictionary entry is used.
    """
    e = entry(name)
    where = e.source_path
    if lines is not None:
        where = where.split(", lines")[0].split(", line")[0]
        return f"{e.source_file}, {where}, L{lines}"
    return f"{e.source_file}, {where}"


def published(name: str, column: str, **where: Any) -> tuple[float, int, str]:
    """One published value: (value, printed decimals, provenance) from table ``name``.

    ``where`` selects exactly one row by column values, e.g. ``published("poh_bc_parameters",
    "value", parameter_key="cases_total")``. The printed decimals come from the row's
    ``decimals`` column when the table has one, else from the field's ``decimals`` property.
    """
    df = load(name)
    mask = pd.Series(True, index=df.index)
    for col, val in where.items():
        mask &= df[col] == val
    rows = df[mask]
    if len(rows) != 1:
        raise KeyError(f"{name}: {len(rows)} rows match {where}, expected exactly 1")
    row = rows.iloc[0]
    if "decimals" in df.columns and pd.notna(row["decimals"]):
        decimals = int(row["decimals"])
    else:
        decimals = int(entry(name).field(column).get("decimals", 0))
    line = int(row["line"]) if "line" in df.columns and pd.notna(row["line"]) else None
    return float(row[column]), decimals, source(name, line)
