"""Shared assertions for results tests written as an ``EXPECTED = {id: (status, value)}`` table."""

from __future__ import annotations

import math

import pandas as pd
import pytest


def check_ids(rows: pd.DataFrame, expected: dict) -> None:
    """The run wrote exactly the expected rows: none missing, none unexpected."""
    assert sorted(rows.index) == sorted(expected)


def check_row(rows: pd.DataFrame, row_id: str, expected: dict) -> None:
    """Status and reproduced value of one row; a mismatch's note starts with its arithmetic."""
    status, value = expected[row_id]
    row = rows.loc[row_id]
    assert row["status"] == status
    if value is None:
        assert math.isnan(row["reproduced"])
    else:
        assert row["reproduced"] == pytest.approx(value, rel=1e-6, abs=1e-9)
    if status == "mismatch":
        assert str(row["note"]).startswith("reproduced ")
