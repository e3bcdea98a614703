"""The helpers that replaced repeated code: atomic writes, spreadsheet-safe CSV, dates in the
future, validation reports and package versions."""

from __future__ import annotations

import pandas as pd

from analysis import outfiles, rawdata, versions


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "a" / "x.txt"
    outfiles.write_atomic(path, "one\n")
    outfiles.write_atomic(path, "two\n")
    assert path.read_text() == "two\n"
    assert [p.name for p in path.parent.iterdir()] == ["x.txt"]


def test_spreadsheet_csv_neutralises_formulas_only_in_text():
    df = pd.DataFrame({"label": ["=1+1", "-", "plain", "-3"], "value": [-1.5, 2.0, 1 / 3, 4.0]})
    assert outfiles.spreadsheet_csv(df) == (
        "label,value\n'=1+1,-1.5\n'-,2\nplain,0.3333333333\n-3,4\n")


def test_in_future_ignores_missing_dates():
    today = pd.Timestamp.today().normalize()
    dates = pd.Series([today, today + pd.Timedelta(days=1), pd.NaT, pd.Timestamp("2000-01-01")])
    assert rawdata.in_future(dates).tolist() == [False, True, False, False]


def test_report_problems_name_the_users_line_and_column(tmp_path):
    from frictionless import Resource, Schema

    (tmp_path / "t.csv").write_text("n\n1\nx\n")
    schema = Schema.from_descriptor({"fields": [{"name": "n", "type": "integer"}]})
    report = Resource(path="t.csv", basepath=str(tmp_path), schema=schema).validate()
    assert rawdata.report_problems(report) == [
        "line 3, column 'n': type-error: type is \"integer/default\""]
    assert rawdata.report_problems(report, lines=[10, 12])[0].startswith("line 12, column 'n'")


def test_package_versions_leave_out_what_is_not_installed():
    import pandas

    assert versions.package_versions(["pandas", "no-such-package-xyz"]) == [
        f"pandas {pandas.__version__}"]
