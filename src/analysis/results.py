"""The results contract: one row per checked quantity, written by every notebook.

Columns: ``id, study, quantity, unit, published, reproduced, tolerance, status, note, source,
basis, key``.
``published`` always comes from ``data/raw`` (see :func:`analysis.rawdata.published`),
``reproduced`` is computed in the run, and ``status`` is decided here, never typed in a notebook:

* ``reproduced`` – |reproduced − published| ≤ tolerance (half a unit of the last printed digit);
* ``mismatch`` – outside the tolerance; the note starts with the arithmetic;
* ``not_reproducible`` – the published number cannot be recomputed from what was published;
* ``extension`` – a result the report did not give.

``basis`` says what a row rests on: ``published`` (the printed numbers), ``synthetic`` (synthetic
individual data: an illustration of the method, never counted as a finding) or ``real`` (a user's
own individual data). A :class:`Results` sets the default for its rows; each call may override it.

``key`` names the printed number a row compares: ``<source file>:<line>:<label>``
(:func:`printed_key`, :mod:`analysis.printed`), the label naming the transcribed cell
(``<table>[<row label>].<column>``), computed from the transcription, never typed. Rows with the
same key compare the same printed number (the ledger, :mod:`analysis.ledger`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from analysis import paths, printed, rawdata
from analysis.outfiles import spreadsheet_csv
from analysis.results_schema import BASES, COLUMNS, STATUSES  # noqa: F401 - part of this module's API


@dataclass(frozen=True)
class Row:
    """One results row (see module docstring)."""

    id: str
    study: str
    quantity: str
    unit: str
    published: float | None
    reproduced: float | None
    tolerance: float | None
    status: str
    note: str = ""
    source: str = ""
    basis: str = "published"
    key: str = ""

    def _ipython_display_(self) -> None:
        """Show nothing when a notebook cell ends in a comparison: rows are shown as a table."""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"{self.id}: status {self.status!r} is not one of {STATUSES}")
        if self.status == "mismatch" and not self.note:
            raise ValueError(f"{self.id}: a mismatch needs its arithmetic in the note")
        if self.basis not in BASES:
            raise ValueError(f"{self.id}: basis {self.basis!r} is not one of {BASES}")


_LINES = re.compile(r", L(\d+)(?:[-,]\d+)*(?:, [\d,-]+)*$")


def printed_key(source: str, published: float | None, line: int | None = None,
                label: str | None = None) -> str:
    """The key of a printed number: ``"<source file>:<line>:<label>"``; ``""`` without one.

    ``line`` is the source line of the printed number; by default the first line of the
    provenance's ``L<lines>`` (for a single-line provenance, the only one). ``label`` names the
    transcribed cell (:func:`analysis.printed.cell_label`); by default the one cell of that line
    printing ``published`` (:func:`analysis.printed.resolve`), else ``"value <published>"``.
    E.g. ``"004_f014f4dd1ed6983f.txt:2444:grc_pareto_target[…].mean_cost_eur"``.
    """
    if published is None or (isinstance(published, float) and math.isnan(published)):
        return ""
    file = (source or "").split(", ")[0].strip()
    if not file:
        return ""
    if line is None:
        m = _LINES.search(source)
        if not m:
            return ""
        line = int(m.group(1))
    if not label:
        label = printed.resolve(file, int(line), float(published)) or (
            f"value {float(published):.10g}")
    return printed.key(file, int(line), label)


def tolerance_for(decimals: int) -> float:
    """Half a unit of the last printed digit: 0 decimals → 0.5, 1 decimal → 0.05, …"""
    return 0.5 * 10.0 ** (-decimals)


def _fmt(x: float) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "NA"
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.0f}"


def within(published: float, reproduced: float, tolerance: float) -> bool:
    """True when the reproduced value rounds to the printed one (with float slack)."""
    slack = 1e-9 * max(1.0, abs(published))
    return abs(reproduced - published) <= tolerance + slack


@dataclass
class Results:
    """Collects the rows of one notebook run; ``write`` saves them under the contract."""

    study: str
    rows: list[Row] = field(default_factory=list)
    basis: str = "published"

    def _add(self, id: str, quantity: str, unit: str, status: str, *, published: float | None,
             reproduced: float | None, tolerance: float | None, note: str, source: str,
             study: str | None, basis: str | None, key: str = "") -> Row:
        """Build the row (study and basis defaulting to this collection's) and record it."""
        if any(r.id == id for r in self.rows):
            raise ValueError(f"duplicate results id {id!r}")
        row = Row(id, study or self.study, quantity, unit, published, reproduced, tolerance,
                  status, note, source, basis or self.basis, key)
        self.rows.append(row)
        return row

    def compare(
        self,
        id: str,
        quantity: str,
        unit: str,
        published: float,
        reproduced: float,
        *,
        source: str,
        decimals: int | None = None,
        tolerance: float | None = None,
        note: str = "",
        study: str | None = None,
        basis: str | None = None,
        line: int | None = None,
        label: str | None = None,
    ) -> Row:
        """Compare a computed value with the printed one and record the row.

        ``line``: the source line of the printed number when ``source`` spans several lines
        (the audit's checks); ``label``: the transcribed cell it is printed in; both go into
        the row's ``key`` (:func:`printed_key`)."""
        if tolerance is None:
            tolerance = tolerance_for(0 if decimals is None else decimals)
        published, reproduced = float(published), float(reproduced)
        ok = within(published, reproduced, tolerance)
        if not ok:
            arithmetic = (
                f"reproduced {_fmt(reproduced)} vs published {_fmt(published)} "
                f"(difference {reproduced - published:+,.6g}; tolerance ±{tolerance:g})"
            )
            note = f"{arithmetic}. {note}".strip() if note else arithmetic
        return self._add(id, quantity, unit, "reproduced" if ok else "mismatch",
                         published=published, reproduced=reproduced, tolerance=tolerance,
                         note=note, source=source, study=study, basis=basis,
                         key=printed_key(source, published, line, label))

    def compare_table(
        self,
        id: str,
        quantity: str,
        unit: str,
        table: str,
        column: str,
        reproduced: float,
        *,
        note: str = "",
        tolerance: float | None = None,
        study: str | None = None,
        basis: str | None = None,
        **where: object,
    ) -> Row:
        """:meth:`compare` with the published value read from ``data/raw`` table ``table``."""
        value, decimals, src = rawdata.published(table, column, **where)
        return self.compare(
            id,
            quantity,
            unit,
            value,
            reproduced,
            source=src,
            decimals=decimals,
            tolerance=tolerance,
            note=note,
            study=study,
            basis=basis,
            label=printed.label_of(table, column, **where),
        )

    def extension(
        self,
        id: str,
        quantity: str,
        unit: str,
        value: float,
        *,
        note: str = "",
        source: str = "",
        study: str | None = None,
        basis: str | None = None,
    ) -> Row:
        """Record a result the report did not give."""
        return self._add(id, quantity, unit, "extension", published=None,
                         reproduced=float(value), tolerance=None, note=note, source=source,
                         study=study, basis=basis)

    def not_reproducible(
        self,
        id: str,
        quantity: str,
        unit: str,
        published: float | None,
        *,
        note: str,
        source: str,
        study: str | None = None,
        basis: str | None = None,
        line: int | None = None,
        label: str | None = None,
    ) -> Row:
        """Record a published number that cannot be recomputed, with the reason (``line`` and
        ``label`` as in :meth:`compare`)."""
        pub = None if published is None else float(published)
        return self._add(id, quantity, unit, "not_reproducible", published=pub,
                         reproduced=None, tolerance=None, note=note, source=source, study=study,
                         basis=basis, key=printed_key(source, pub, line, label))

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame in contract column order."""
        return pd.DataFrame([asdict(r) for r in self.rows], columns=COLUMNS)

    def write(self, path: str | Path) -> Path | None:
        """Write CSV and a JSON twin; an empty ``path`` (interactive run) writes nothing."""
        if not path:
            return None
        return write_frame(self.frame(), paths.resolve(path))


def write_frame(df: pd.DataFrame, path: Path) -> Path:
    """Write a results frame deterministically (fixed float format, LF, UTF-8) + JSON twin.

    In the CSV, text cells that begin like a spreadsheet formula (``=``, ``+``, ``-``, ``@``)
    get a leading ``'`` (CSV injection); the JSON keeps the text as it is.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    df = df[COLUMNS]
    path.write_text(spreadsheet_csv(df), encoding="utf-8")
    records = json.loads(df.to_json(orient="records", double_precision=10))
    path.with_suffix(".json").write_text(
        json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return path


def read(path: str | Path) -> pd.DataFrame:
    """Read a results CSV back, checking the contract's columns and statuses."""
    df = pd.read_csv(
        path,
        dtype={"id": "string", "note": "string", "source": "string", "basis": "string",
               "key": "string"},
        keep_default_na=False,
        na_values=["", "NA"],
    )
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: results file lacks columns {missing}")
    for column, allowed in (("status", STATUSES), ("basis", BASES)):
        bad = df[~df[column].isin(allowed)]
        if len(bad):
            raise ValueError(
                f"{path}: line {bad.index[0] + 2}, column {column!r}: {bad.iloc[0][column]!r}"
            )
    from analysis.userfiles import restore_formula  # undo write_frame's leading apostrophe

    for c in df.select_dtypes(exclude="number").columns:
        df[c] = df[c].map(restore_formula)
    return df
