"""``make evaluate``: what it runs, with which parameters, and where it writes (never reports/)."""

from __future__ import annotations

import pytest

from analysis import paths
from analysis.pipeline import evaluate


def test_plan_marks_real_data_turns_suppression_on_and_writes_privately(tmp_path):
    f = tmp_path / "jgz.csv"
    f.write_text("x\n", encoding="utf-8")
    m = paths.CONFIG / "mappings" / "ycnd_bmi.yaml"
    nb, params, out = evaluate.plan("notebooks/ycnd_bmi.ipynb", str(f), str(m))
    assert nb == paths.NOTEBOOKS / "ycnd_bmi.ipynb"
    assert params == {"input_path": str(f.resolve()), "mapping_path": str(m.resolve()),
                      "synthetic": False, "min_cell_count": 10}
    assert out == paths.PRIVATE / "reports" / "ycnd_bmi"
    assert not out.is_relative_to(paths.REPORTS)
    _, params, _ = evaluate.plan("prepost_questionnaires", str(f))
    assert params["synthetic_input"] is False and "mapping_path" not in params
    _, params, _ = evaluate.plan("poh_jeugd_referrals", str(f))
    assert params == {"series_path": str(f.resolve()), "series_synthetic": False}


@pytest.mark.parametrize("nb,param", [("poh_jeugd_referrals", "series_path"),
                                      ("gezinsregie_costs", "input_table")])
def test_every_entry_point_takes_its_template_mapping(tmp_path, nb, param):
    f = tmp_path / "export.csv"
    f.write_text("x\n", encoding="utf-8")
    m = paths.CONFIG / "mappings" / f"{nb}.yaml"
    _, params, _ = evaluate.plan(nb, str(f), str(m))
    assert params["mapping_path"] == str(m.resolve())
    assert params[param] == str(f.resolve())


def test_a_relative_households_file_is_the_callers_and_a_table_name_stays(tmp_path, monkeypatch):
    (tmp_path / "hh.csv").write_text("x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, params, _ = evaluate.plan("gezinsregie_costs", "hh.csv")
    assert params["input_table"] == str(tmp_path / "hh.csv")
    _, params, _ = evaluate.plan("gezinsregie_costs", "grc_household_costs")
    assert params["input_table"] == "grc_household_costs"
    # neither a file nor a table: said at once, not by the notebook
    with pytest.raises(evaluate.EvaluateError, match="nor a table of the data dictionary"):
        evaluate.plan("gezinsregie_costs", "data/raw/none.csv")


def test_private_reports_are_ignored_by_git():
    import subprocess

    out = subprocess.run(["git", "check-ignore", "-q", "data/private/reports/ycnd_bmi/report.html"],
                         cwd=paths.ROOT, check=False)
    assert out.returncode == 0


@pytest.mark.parametrize("nb,inp,mapping,msg", [
    ("notebooks/ggz_referrals.ipynb", "x.csv", "", "no individual-level entry point"),
    ("ycnd_bmi", "", "", "INPUT is empty"),
    ("ycnd_bmi", "does/not/exist.csv", "", "no such file"),
    ("ycnd_bmi", "FILE", "nope.yaml", "MAPPING='nope.yaml': no such file"),
])
def test_bad_calls_say_which_argument(tmp_path, nb, inp, mapping, msg, capsys):
    f = tmp_path / "in.csv"
    f.write_text("x\n", encoding="utf-8")
    inp = str(f) if inp == "FILE" else inp
    mapping = str(paths.ROOT / mapping) if mapping.startswith("config") else mapping
    assert evaluate.evaluate(nb, inp, mapping) == 2
    assert msg in capsys.readouterr().err

