"""Privacy: no identifiers in git, real data only by path, small counts suppressed.

* every file git tracks (or would track) under ``data/`` is scanned for identifier-like
  columns: personal-name headers, BSN-like numbers that pass the 11-proef, and a full birth
  date combined with a postcode; ``data/private/`` must be ignored by git;
* the detectors are shown to catch each kind (so a clean scan means something);
* suppression is shown working on the synthetic data, in the functions and in a notebook run
  as if the records were real.
"""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pandas as pd
import pytest

from analysis import paths, privacy, registration
from analysis.pipeline import config as pc
from analysis.pipeline.run_notebook import papermill_execute
from tests.conftest import repo_files


def test_tracked_data_files_have_no_identifier_columns():
    data_files = [f for f in repo_files() if f.startswith("data/")
                  and f.endswith((".csv", ".tsv", ".txt"))]
    assert data_files, "no data files found"
    findings = [x for f in data_files for x in privacy.scan_file(paths.ROOT / f)]
    assert not findings, "identifier-like columns in files under data/:\n" + "\n".join(findings)


def test_private_folder_is_ignored_by_git():
    for probe in ("data/private/measurements.csv", "data/private/sub/registrations.csv",
                  "data/processed/anything.csv"):
        out = subprocess.run(["git", "check-ignore", "-q", probe], cwd=paths.ROOT)
        assert out.returncode == 0, f"{probe} would be tracked by git"


def test_notebooks_take_individual_data_by_path_parameter():
    """Every notebook that reads individual records names them in a path parameter."""
    for name, param in (("ycnd_bmi", "input_path"), ("registration_format", "input_path"),
                        ("prepost_questionnaires", "input_path")):
        nb = nbformat.read(paths.NOTEBOOKS / f"{name}.ipynb", as_version=4)
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        assert f"{param} = " in cell.source and "min_cell_count = 10" in cell.source, name
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert f"paths.resolve({param})" in code, name


@pytest.mark.parametrize("frame, expected", [
    (pd.DataFrame({"naam": ["Jan Jansen"], "score": [3]}), "column 'naam': header names"),
    (pd.DataFrame({"Achternaam": ["de Vries"]}), "column 'Achternaam'"),
    (pd.DataFrame({"client": ["a", "b", "c"], "id": ["111222333", "123456782", "100000009"]}),
     "column 'id': BSN-like numbers"),
    (pd.DataFrame({"geboortedatum": ["2012-03-04", "2011-12-31"], "pc": ["6211 AB", "6212CD"]}),
     "columns 'geboortedatum' + 'pc': full birth date with a postcode"),
    (pd.DataFrame({"birth_date": ["04-03-2012"], "postcode": ["6211"]}), "full birth date"),
])
def test_detectors_find_identifiers(frame, expected):
    assert any(expected in f for f in privacy.find_identifiers(frame)), \
        privacy.find_identifiers(frame)


@pytest.mark.parametrize("frame", [
    pd.DataFrame({"practice_name": ["Huisartsenpraktijk Aletta"], "team": ["Noord"]}),
    pd.DataFrame({"amount": ["123456789", "987654321"]}),      # 9 digits, fail the 11-proef
    pd.DataFrame({"birth_date": ["2012-03-04"], "phase": ["baseline"]}),  # no postcode
    pd.DataFrame({"year": ["2019"], "pc4_share": ["12.5"], "measurement_date": ["2019-01-01"]}),
])
def test_detectors_leave_ordinary_tables_alone(frame):
    assert privacy.find_identifiers(frame) == []


def test_scan_file_reports_the_file(tmp_path):
    p = tmp_path / "leak.csv"
    pd.DataFrame({"voornaam": ["Anna"], "bsn": ["111222333"]}).to_csv(p, index=False)
    found = privacy.scan_file(p)
    assert len(found) == 2 and all(str(p) in f for f in found)


@pytest.fixture(scope="module")
def synthetic_registrations(tmp_path_factory):
    ds = next(d for d in pc.synthetic_datasets() if "registrations" in d.output)
    out = tmp_path_factory.mktemp("reg") / "registrations.csv"
    subprocess.run([sys.executable, "-m", "analysis.synth", ds.generator, str(ds.seed), str(out)],
                   check=True, cwd=paths.ROOT, capture_output=True)
    return out


def test_suppression_on_synthetic_registrations(synthetic_registrations):
    cases = registration.validate_file(synthetic_registrations)
    table = registration.lead_by_variant(cases)
    shown = privacy.suppress_small_counts(table, ["count", "n"], 10,
                                          derived=["share", "ci_low", "ci_high"],
                                          group_by=["group"], complementary=True)
    small = (table["count"] > 0) & (table["count"] < 10)
    assert small.sum() > 0, "the synthetic data should contain small counts"
    assert shown.loc[small, "count"].isna().all() and shown.loc[small, "share"].isna().all()
    visible = shown["count"].dropna()
    assert ((visible == 0) | (visible >= 10)).all()
    big = table["count"] >= 10
    assert (shown.loc[big & ~shown["suppressed"], "count"] == table.loc[
        big & ~shown["suppressed"], "count"]).all()
    assert shown.attrs["suppressed_cells"] >= int(small.sum())
    assert "suppressed" in privacy.suppression_note(shown)


def _run(tmp_path, name: str, **parameters) -> tuple[pd.DataFrame, str]:
    out_nb, out_csv = tmp_path / f"{name}.ipynb", tmp_path / f"{name}.csv"
    papermill_execute(paths.NOTEBOOKS / f"{name}.ipynb", out_nb,
                      {"results_path": str(out_csv), **parameters})
    nb = nbformat.read(out_nb, as_version=4)
    text = "\n".join(str(v) for c in nb.cells for o in c.get("outputs", [])
                     for k, v in o.get("data", {}).items() if k.startswith("text/"))
    return pd.read_csv(out_csv).set_index("id"), text


def test_notebook_suppresses_as_if_real(synthetic_registrations, tmp_path):
    """registration_format on the synthetic file declared real: tables, figure and results rows."""
    rows, text = _run(tmp_path, "registration_format", input_path=str(synthetic_registrations),
                      synthetic=False)
    assert "Small-count suppression: counts below 10" in text
    assert "bars based on fewer than 10 cases are left out (suppressed)" in text
    assert "SYN-001" not in text  # individual records are not shown for real data
    # results rows built on small counts carry no value and say why
    gp = rows.loc[[i for i in rows.index if i.startswith("ut_regfmt_gp_lead_")]]
    hidden = gp[gp["note"].str.contains("count suppressed (below 10)", regex=False)]
    assert len(hidden) > 0 and hidden["reproduced"].isna().all()
    # with suppression switched off the same rows have values
    rows0, text0 = _run(tmp_path, "registration_format", input_path=str(synthetic_registrations),
                        synthetic=False, min_cell_count=0)
    assert rows0.loc[hidden.index, "reproduced"].notna().all()
    assert "0 cell(s) suppressed" in text0
