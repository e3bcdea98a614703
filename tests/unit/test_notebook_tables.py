"""The notebook helpers that show results rows and audit findings as reader tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import notebook
from analysis.results import Results


def rows() -> pd.DataFrame:
    res = Results(study="t")
    res.compare("t_sum", "sum of the parts", "cases", 46, 1 + 3 + 41 + 1, source="f.txt, L1",
                decimals=0)
    res.compare("t_share", "share", "percent", 88.5, 100 * 41 / 46, source="f.txt, L2",
                decimals=1)
    res.extension("t_rate", "cases per week", "cases per week", 46 / (488 / 7))
    res.extension("t_count", "referrals a year", "referrals", 208)
    res.not_reproducible("t_fig", "shown only in a figure", "percent", None, note="Figuur 3",
                         source="f.txt, L3")
    return res.frame()


@pytest.mark.parametrize(("tolerance", "value", "decimals"), [
    (0.5, 46.0, 0), (0.05, 89.1, 1), (0.005, 4.79, 2), (None, 208.0, 0), (None, 0.66, 2),
    (None, math.nan, 0)])
def test_decimals_follow_the_printed_digit(tolerance, value, decimals):
    assert notebook._decimals(tolerance, value) == decimals


def test_results_view_formats_every_number_through_the_formatter():
    view = notebook.results_view(rows()).set_index("quantity")
    assert view.loc["sum of the parts", "published"] == "46"
    # a mismatch shows the printed digit on both sides: 88.5 against 41/46 = 89.13…
    assert view.loc["share", ["published", "reproduced"]].tolist() == ["88.5", "89.1"]
    assert view.loc["share", "status"] == "does not follow"
    assert view.loc["share", "note"].startswith("reproduced 89.13")
    # an extension has no printed number: a dash, and its value to two decimals
    assert view.loc["cases per week", "published"] == "\u2013"
    assert view.loc["cases per week", "reproduced"] == "0.66"
    assert view.loc["referrals a year", "reproduced"] == "208"
    assert view.loc["shown only in a figure", "reproduced"] == "\u2013"
    assert view.loc["shown only in a figure", "status"] == "cannot be checked"


def test_show_reproducibility_counts_rows_and_lists_mismatches(monkeypatch):
    shown = []
    monkeypatch.setattr("analysis.report.tables.show_table",
                        lambda frame, columns=None, **kw: shown.append((frame, kw["caption"])))
    notebook.show_reproducibility(rows())
    counts, caption = shown[0]
    assert dict(zip(counts["status"], counts["rows"], strict=True)) == {
        "reproduced": 1, "does not follow": 1, "cannot be checked": 1, "added here": 2}
    mism, caption = shown[1]
    assert caption.startswith("Published numbers that do not follow")
    assert mism["quantity"].tolist() == ["share"]


def test_show_audit_puts_verdicts_in_words(monkeypatch):
    shown = []
    monkeypatch.setattr("analysis.report.tables.show_table",
                        lambda frame, columns=None, **kw: shown.append(frame))
    found = pd.DataFrame({"table": ["x", "x"], "item": ["a", "b"], "outcome": ["pass", "fail"],
                          "arithmetic": ["1 + 1 = 2", "2 ≠ 3"], "id": ["i1", "i2"]})
    notebook.show_audit(found, "caption")
    assert shown[0]["outcome"].tolist() == ["holds", "does not hold"]


def test_as_printed_keeps_the_printed_digits():
    tv = pd.DataFrame({"value": [10.0, 8.3, 1074904.0], "decimals": [0, 1, 0]})
    assert notebook.as_printed(tv)["value"].tolist() == ["10", "8.3", "1,074,904"]


def test_an_audit_rows_quantity_reads_in_words_without_the_checks_name():
    from analysis.notebook import results_view

    frame = pd.DataFrame({
        "id": ["audit__pohr_followup_2019__percent_groups__L1682", "own_row"],
        "quantity": ["Opvolging (Tabel 4, N=480) \u2013 pohr_followup_2019: pct_all "
                     "(7 percentages) [percent_groups]", "mean_change stays as written"],
        "unit": ["persons", ""], "published": [480.0, 1.0], "reproduced": [483.0, 1.0],
        "tolerance": [0.5, 0.5], "status": ["mismatch", "reproduced"], "note": ["", ""]})
    shown = list(results_view(frame)["quantity"])
    assert shown[0] == ("Opvolging (Tabel 4, N=480) \u2013 Percentage of all 480 closed clients "
                        "(7 percentages)")
    assert shown[1] == "mean_change stays as written"  # not an audit row: the notebook's words


def test_reproducibility_never_says_nothing_failed_beside_a_failed_audit_check(monkeypatch):
    shown, said = [], []
    monkeypatch.setattr("analysis.report.tables.show_table",
                        lambda frame, columns=None, **kw: shown.append((frame, kw["caption"])))
    monkeypatch.setattr(notebook, "md", said.append)
    clean = rows()
    clean = clean[clean["status"] != "mismatch"]
    found = pd.DataFrame({"table": ["x", "x"], "item": ["a", "b"], "outcome": ["pass", "fail"],
                          "arithmetic": ["1 + 1 = 2", "2 ≠ 3"], "id": ["i1", "i2"]})
    notebook.show_reproducibility(clean, found.iloc[:1], found.iloc[1:])
    assert said == ["Every recomputation of this run follows from its inputs, but 1 check of "
                    "the consistency audit on the tables this page shows does not hold:"]
    assert shown[-1][1] == "Checks of the consistency audit that do not hold"
    assert shown[-1][0]["outcome"].tolist() == ["does not hold"]
    said.clear()
    notebook.show_reproducibility(clean, found.iloc[:1])
    assert said[0].startswith("No published number compared on this page fails")
    said.clear()
    notebook.show_reproducibility(clean)  # without the audit's findings it claims no more
    assert said[0].startswith("No recomputation in this run's results table fails")


def test_failed_checks_in_words_say_what_is_printed_and_what_it_should_be():
    found = pd.DataFrame({
        "outcome": ["fail", "pass", "fail"], "check": ["restates", "restates", "totals"],
        "relation": ["workshop participants (text) restates Tabel 1 / Trainer",
                     "x restates y", "Totaal = a + b"],
        "published": [758.0, 1.0, 46.0], "computed": [785.0, 1.0, 45.5]})
    assert notebook.failed_checks_in_words(found) == (
        "workshop participants (text) is printed as 758, but Tabel 1 / Trainer is 785; "
        "Totaal = a + b: printed 46, while the report's own numbers give 45.50")
