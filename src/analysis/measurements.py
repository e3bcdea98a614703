"""Read and check a file of child height/weight measurements (real or synthetic).

Schema (CSV, one row per child per measurement): ``child_id, sex, birth_date`` *or*
``age_years``, ``measurement_date, height_cm, weight_kg, phase``. Sex may be written as the growth
module reads it (``M``/``F``, ``m``/``f``, ``male``/``female``, ``1``/``2``) and is stored as
``M``/``F``. An export with other column names, codes or a decimal comma is read through a
``mapping`` (:mod:`analysis.mapping`; template ``config/mappings/ycnd_bmi.yaml``). Broken rows
(missing or unparseable values, unknown sex or phase, duplicate child × phase, dates in the
future) stop the load with a :class:`analysis.rawdata.DataValidationError` naming file, line and
column.
*Implausible* rows (height, weight or BMI outside :data:`PLAUSIBLE`, or measured before birth)
are not errors: they are listed in :attr:`Measurements.excluded` with the reason and
excluded, with the count shown.

The file is read by :func:`analysis.userfiles.read_csv` (UTF-8 with or without BOM, cp1252;
comma or Dutch semicolon files with decimal commas; Dutch day-month-year dates; formula-like
labels rejected); its documented conversions are listed in :attr:`Measurements.conversions`.

BMI = weight_kg / (height_cm / 100)²; decimal age = days / 365.25 (when computed from dates).

The paired statistics on the checked rows (first vs follow-up measurement) are in
:mod:`analysis.paired_change`; a column and code mapping for exports with other names is in
:mod:`analysis.mapping`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import columnar, growth
from analysis import mapping as mapping_mod
from analysis.rawdata import DataValidationError, in_future

REQUIRED = ("child_id", "sex", "measurement_date", "height_cm", "weight_kg", "phase")
AGE_COLUMNS = ("birth_date", "age_years")
SEXES = ("M", "F")
PHASES = ("baseline", "follow_up")
#: Plausible ranges (inclusive) for children aged 2-18; outside → listed and excluded.
PLAUSIBLE: dict[str, tuple[float, float]] = {
    "height_cm": (60.0, 220.0),
    "weight_kg": (8.0, 250.0),
    "bmi": (10.0, 80.0),
}
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Measurements:
    """Checked measurements: the rows kept, the rows excluded (with reasons) and the counts."""

    data: pd.DataFrame
    excluded: pd.DataFrame
    path: str
    conversions: tuple[str, ...] = ()

    @property
    def counts(self) -> pd.DataFrame:
        """Rows read, excluded per reason and kept (every row is accounted for)."""
        read = len(self.data) + len(self.excluded)
        rows = [("rows read", read)]
        for reason, n in self.excluded["reason"].value_counts().sort_index().items():
            rows.append((f"excluded: {reason}", int(n)))
        rows.append(("rows kept", len(self.data)))
        return pd.DataFrame(rows, columns=["step", "rows"])


def _problems_numeric(df: pd.DataFrame, col: str, lines: list[int]
                      ) -> tuple[pd.Series, list[str]]:
    raw = df[col]
    num = pd.to_numeric(raw, errors="coerce")
    bad = num.isna()
    probs = [f"line {lines[i]}, column {col!r}: missing or not a number ({raw[i]!r})"
             for i in df.index[bad]]
    return num, probs


def _problems_date(df: pd.DataFrame, col: str, lines: list[int]
                   ) -> tuple[pd.Series, list[str]]:
    raw = df[col]
    dates = pd.to_datetime(raw, format="ISO8601", errors="coerce")
    bad = dates.isna()
    probs = [f"line {lines[i]}, column {col!r}: missing or not an ISO date ({raw[i]!r})"
             for i in df.index[bad]]
    return dates, probs


def read_measurements(path: str | Path, *, phases: Sequence[str] = PHASES,
                      plausible: dict[str, tuple[float, float]] | None = None,
                      mapping: mapping_mod.Mapping | str | Path | None = None) -> Measurements:
    """Read and check a measurement file (see module docstring); raise on broken rows.

    Returns the kept rows with added columns ``age_years`` (if computed from dates) and
    ``bmi``, plus the excluded rows (``line, child_id, phase, column, value, reason``).
    """
    path = Path(path)
    limits = {**PLAUSIBLE, **(plausible or {})}
    # large CSVs and Parquet take the columnar path (analysis.columnar); small files as before
    table = columnar.read_table(path, required=REQUIRED, optional=AGE_COLUMNS,
                               numeric=("height_cm", "weight_kg", "age_years"),
                               dates=("birth_date", "measurement_date"), cell_errors="collect",
                               mapping=mapping_mod.as_mapping(mapping))
    raw = table.data
    lines = table.lines  # file line of each data row (header = line 1)
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise DataValidationError(path, [f"header: missing column(s) {missing}; required "
                                         f"{list(REQUIRED)} and one of {list(AGE_COLUMNS)}"])
    if not any(c in raw.columns for c in AGE_COLUMNS):
        raise DataValidationError(path, [f"header: needs a column 'birth_date' or 'age_years' "
                                         f"(found {list(raw.columns)})"])
    if raw.empty:
        raise DataValidationError(path, ["no data rows"])
    problems: list[str] = []
    df = pd.DataFrame(index=raw.index)
    df["child_id"] = raw["child_id"].str.strip()
    problems += [f"line {lines[i]}, column 'child_id': missing"
                 for i in df.index[df.child_id.isna()]]
    code = raw["sex"].str.strip().str.lower()
    df["sex"] = pd.Series(pd.NA, index=raw.index, dtype="string")
    df.loc[code.isin(growth.MALE_CODES).fillna(False), "sex"] = "M"
    df.loc[code.isin(growth.FEMALE_CODES).fillna(False), "sex"] = "F"
    bad_sex = df["sex"].isna()
    problems += [f"line {lines[i]}, column 'sex': {raw['sex'][i]!r} is not a sex code "
                 f"({list(SEXES)}, m/f, male/female or 1/2; other codes: use a mapping)"
                 for i in df.index[bad_sex]]
    df["phase"] = raw["phase"].str.strip()
    bad_phase = ~df["phase"].isin(list(phases)).fillna(False)
    problems += [f"line {lines[i]}, column 'phase': {raw['phase'][i]!r} is not one of "
                 f"{list(phases)}" for i in df.index[bad_phase]]
    df["measurement_date"], p = _problems_date(raw, "measurement_date", lines)
    problems += p
    if "birth_date" in raw.columns:
        df["birth_date"], p = _problems_date(raw, "birth_date", lines)
        problems += p
    for col in ("height_cm", "weight_kg") + (("age_years",) if "age_years" in raw.columns
                                            and "birth_date" not in raw.columns else ()):
        df[col], p = _problems_numeric(raw, col, lines)
        problems += p
    for col in ("measurement_date", "birth_date"):
        if col in df.columns:
            problems += [f"line {lines[i]}, column {col!r}: {raw[col][i]} is in the future"
                         for i in df.index[in_future(df[col])]]
    ok_keys = df["child_id"].notna() & df["phase"].notna()
    dup = df[ok_keys].duplicated(["child_id", "phase"], keep="first")
    problems += [f"line {lines[i]}, column 'phase': second {df.at[i, 'phase']!r} row for child "
                 f"{df.at[i, 'child_id']!r}" for i in dup[dup].index]
    if problems or table.problems:
        # the reader's message for a cell (e.g. a decimal comma) replaces the generic one
        cells = {q.split(":")[0] for q in table.problems}
        problems = table.problems + [q for q in problems if q.split(":")[0] not in cells]
        problems.sort(key=lambda s: int(s.split(",")[0].split()[1]) if s.startswith("line")
                      else 0)
        raise DataValidationError(path, problems)

    if "birth_date" in df.columns:
        df["age_years"] = (df["measurement_date"] - df["birth_date"]).dt.days / DAYS_PER_YEAR
    df["bmi"] = df["weight_kg"] / (df["height_cm"] / 100.0) ** 2
    df.insert(0, "line", np.asarray(lines, dtype=np.int64)[df.index.to_numpy()])

    reasons: list[pd.DataFrame] = []
    before_birth = df["age_years"] < 0
    reasons.append(_excl(df, before_birth, "age_years", "measured before birth (age < 0)"))
    for col in ("height_cm", "weight_kg", "bmi"):
        lo, hi = limits[col]
        out = (df[col] < lo) | (df[col] > hi)
        reasons.append(_excl(df, out & ~before_birth, col,
                             f"implausible {col} (outside {lo:g}-{hi:g})"))
    excluded = pd.concat(reasons, ignore_index=True)
    excluded = excluded.drop_duplicates("line", keep="first").sort_values("line",
                                                                          ignore_index=True)
    kept = df[~df["line"].isin(excluded["line"])].reset_index(drop=True)
    return Measurements(kept, excluded, str(path), tuple(table.conversions))


def _excl(df: pd.DataFrame, mask: pd.Series, column: str, reason: str) -> pd.DataFrame:
    sub = df.loc[mask.fillna(False), ["line", "child_id", "phase", column]]
    return pd.DataFrame({"line": sub["line"], "child_id": sub["child_id"], "phase": sub["phase"],
                         "column": column, "value": sub[column].astype(float).round(2),
                         "reason": reason})
