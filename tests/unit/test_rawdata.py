"""analysis.rawdata: dictionary lookup, validation errors that name file/line/column, provenance."""

import json

import pytest

from analysis import rawdata

DESCRIPTOR = {
    "name": "t",
    "path": "t.csv",
    "sources": [{"title": "004.txt", "path": "Tabel 1, lines 10-12"}],
    "schema": {
        "fields": [
            {"name": "team", "type": "string"},
            {"name": "n", "type": "integer", "constraints": {"minimum": 0}},
            {"name": "line", "type": "integer"},
        ]
    },
}


def write(tmp_path, text):
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    return tmp_path


def test_good_table_passes(tmp_path):
    rawdata.check_table(DESCRIPTOR, write(tmp_path, "team,n,line\nA,5,10\n"))


def test_text_in_integer_column_names_line_and_column(tmp_path):
    with pytest.raises(rawdata.DataValidationError) as err:
        rawdata.check_table(DESCRIPTOR, write(tmp_path, "team,n,line\nA,5,10\nB,vijf,11\n"))
    msg = str(err.value)
    assert "t.csv" in msg and "line 3" in msg and "column 'n'" in msg and "type-error" in msg


def test_negative_count_violates_constraint(tmp_path):
    with pytest.raises(rawdata.DataValidationError) as err:
        rawdata.check_table(DESCRIPTOR, write(tmp_path, "team,n,line\nA,-3,10\n"))
    assert "line 2, column 'n': constraint-error" in str(err.value)


def test_missing_column_is_reported(tmp_path):
    with pytest.raises(rawdata.DataValidationError) as err:
        rawdata.check_table(DESCRIPTOR, write(tmp_path, "team,line\nA,10\n"))
    assert "n" in str(err.value)


def test_empty_and_missing_files(tmp_path):
    with pytest.raises(rawdata.DataValidationError, match="missing"):
        rawdata.check_table(DESCRIPTOR, tmp_path)
    with pytest.raises(rawdata.DataValidationError, match="empty"):
        rawdata.check_table(DESCRIPTOR, write(tmp_path, ""))


def test_load_poh_parameters_typed_with_provenance():
    df = rawdata.load("poh_bc_parameters")
    assert str(df["value"].dtype) == "float64"
    assert str(df["line"].dtype) == "Int64"
    assert df.set_index("key").loc["cases_total", "value"] == 638
    assert df.attrs["source"].startswith("004_f014f4dd1ed6983f.txt, Bijlage 3")


def test_published_returns_value_decimals_and_line():
    value, decimals, source = rawdata.published("poh_bc_parameters", "value",
                                                key="share_helped_update")
    assert (value, decimals) == (65.7, 1)
    assert source.endswith("L1794")


def test_published_requires_exactly_one_row():
    with pytest.raises(KeyError, match="3 rows"):
        rawdata.published("poh_bc_savings_by_team", "avoided_cost_eur", team_nl="Meerssen")
    with pytest.raises(KeyError, match="0 rows"):
        rawdata.published("poh_bc_savings_by_team", "avoided_cost_eur", team_nl="Nergens")


def test_unknown_table_name():
    with pytest.raises(KeyError, match="no table named"):
        rawdata.entry("does_not_exist")


def test_every_dictionary_entry_has_provenance_and_a_line_column():
    """Every transcribed table names its source file and section, and each row its line."""
    problems = []
    for name, e in rawdata.catalog().items():
        src = e.descriptor.get("sources") or [{}]
        if not src[0].get("title") or not src[0].get("path"):
            problems.append(f"{name}: no source title/path")
    assert not problems, problems


def test_every_table_validates():
    """Every table in data/raw matches its dictionary entry (the loaders' contract)."""
    failures = {}
    for name in rawdata.catalog():
        try:
            rawdata.validate(name)
        except rawdata.DataValidationError as exc:
            failures[name] = str(exc)
    assert not failures, json.dumps(failures, indent=1)


def _one_table(tmp_path, monkeypatch, text):
    pkg = write(tmp_path, text) / "datapackage.json"
    pkg.write_text(json.dumps({"resources": [DESCRIPTOR]}), encoding="utf-8")
    entry = rawdata.Entry("t", DESCRIPTOR, pkg)
    monkeypatch.setattr(rawdata, "catalog", lambda root=None: {"t": entry})


def test_load_without_check_reads_the_same_table_and_still_names_a_bad_cell(tmp_path,
                                                                           monkeypatch):
    _one_table(tmp_path, monkeypatch, "team,n,line\nA,5,10\n")
    unchecked = rawdata.load("t", check=False)
    assert unchecked["n"].tolist() == [5] and str(unchecked["n"].dtype) == "Int64"
    assert unchecked.equals(rawdata.load("t"))
    bad = tmp_path / "bad"
    bad.mkdir()  # another folder: the loads are cached per file
    _one_table(bad, monkeypatch, "team,n,line\nA,5,10\nB,vijf,11\n")
    with pytest.raises(rawdata.DataValidationError) as err:
        rawdata.load("t", check=False)  # pandas cannot read it: validated after all
    assert "line 3" in str(err.value) and "column 'n'" in str(err.value)
