"""The one way results tests check rows.

* :func:`check_expected_file`: every row of a run (id, status, reproduced value) against
  ``tests/results/expected/<notebook>.csv``, a data file regenerated on purpose
  (``make regen-expected``, i.e. ``pytest tests/results --regen-expected``) and reviewed in the
  diff, never edited by hand.
* :func:`check_row`: one row against a value worked out by hand from the source (the
  hand-checked assertions that pin published values stay in the test files).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from analysis.outfiles import write_atomic

EXPECTED_DIR = Path(__file__).resolve().parent / "expected"
COLUMNS = ["id", "status", "reproduced"]
REGEN = "make regen-expected"
REL, ABS = 1e-6, 1e-9  # results are written with 10 significant digits


def expected_path(notebook: str) -> Path:
    return EXPECTED_DIR / f"{notebook}.csv"


def _table(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.reset_index()[COLUMNS].sort_values("id").reset_index(drop=True)


def check_expected_file(rows: pd.DataFrame, notebook: str, regen: bool) -> None:
    """Ids, statuses and reproduced values of ``rows`` equal the notebook's expected file (or,
    with ``regen``, rewrite that file from them)."""
    path = expected_path(notebook)
    if regen:
        write_atomic(path, _table(rows).to_csv(index=False, float_format="%.10g",
                                               lineterminator="\n"))
        return
    hint = f"if the change is intended, regenerate {path.name} with `{REGEN}` and review the diff"
    assert path.is_file(), f"no expected file {path}; {hint}"
    want = pd.read_csv(path, keep_default_na=False, na_values=[""]).set_index("id")
    got = _table(rows).set_index("id")
    assert sorted(got.index) == sorted(want.index), f"other rows than expected; {hint}"
    wrong = [
        rid for rid in want.index
        if got.at[rid, "status"] != want.at[rid, "status"]
        or not _same(got.at[rid, "reproduced"], want.at[rid, "reproduced"])
    ]
    assert not wrong, (f"{len(wrong)} row(s) differ from {path.name}: "
                       + "; ".join(f"{r}: {got.at[r, 'status']} {got.at[r, 'reproduced']!r}, "
                                   f"expected {want.at[r, 'status']} {want.at[r, 'reproduced']!r}"
                                   for r in wrong[:10]) + f"; {hint}")
    mismatches = rows[rows["status"] == "mismatch"]
    assert all(str(n).startswith("reproduced ") for n in mismatches["note"]), (
        "a mismatch's note starts with its arithmetic")


def _same(got: float, want: float) -> bool:
    if isinstance(got, float) and math.isnan(got):
        return isinstance(want, float) and math.isnan(want)
    return got == pytest.approx(float(want), rel=REL, abs=ABS)


def check_row(rows: pd.DataFrame, row_id: str, status: str, value: float | None,
              rel: float = REL, abs_: float = ABS) -> None:
    """One row: its status and a reproduced value worked out by hand (None: no value)."""
    row = rows.loc[row_id]
    assert row["status"] == status
    if value is None:
        assert math.isnan(row["reproduced"])
    else:
        assert row["reproduced"] == pytest.approx(value, rel=rel, abs=abs_)
