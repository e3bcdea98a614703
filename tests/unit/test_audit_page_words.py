"""The audit page speaks words and one number convention: its counts tables are headed in words,
its tables named by their titles, and no value reads in scientific notation or as nan."""

from __future__ import annotations

import pandas as pd

from analysis import ledger, severity
from analysis.report import audit_page


def test_values_in_the_one_convention_never_scientific():
    fmt = audit_page._fmt  # noqa: SLF001 - the page's one value formatter
    assert fmt(1074904.0) == "1,074,904"
    assert fmt(-29930.0) == "\u221229,930"
    assert fmt(2.4583333) == "2.458"
    assert fmt(0.0000123456) == "0.00001235"
    assert fmt(4.78) == "4.78"
    assert fmt(float("nan")) == fmt(None) == "\u2013"


def test_every_count_column_and_study_has_words():
    board = ledger.counts(pd.DataFrame(
        {"key": ["k"], "study": ["gezinsregie"], "verdict": ["mismatch"], "severity": ["error"],
         "n_checks": [1]}), pd.DataFrame(
        {"basis": ["published"], "status": ["extension"], "study": ["gezinsregie"]}))
    assert set(board.columns) | set(severity.COUNTED) <= set(audit_page.COLUMN_WORDS)
    # a transcribed table is named by its title and its document's, never by its key alone
    assert audit_page.table_title("ut_practices") == (
        "Deelnemende praktijken en varianten (Pilot Praktijkvarianten)")
    assert audit_page.table_title("no_such_table") == "no_such_table"


def test_arithmetic_gets_true_minus_signs():
    from analysis.report import numbers

    text = "reproduced 44,365 vs published 49,742 (difference -5,377.03); 4.9-2 = 2.9; L12-14"
    assert numbers.in_text(text) == (
        "reproduced 44,365 vs published 49,742 (difference \u22125,377.03); 4.9-2 = 2.9; L12-14")
    assert numbers.in_text(float("nan")) == ""
