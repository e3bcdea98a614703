"""The runner's failure paths that need no kernel: every way a run can fail leaves it marked."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import DeadKernelError

from analysis import paths
from analysis.pipeline import run_notebook

RUN = "registration_format"  # a configured run; papermill is replaced, so nothing executes


@pytest.fixture
def reports(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "REPORTS", tmp_path / "reports")
    return tmp_path / "reports"


def kept(reports) -> str:
    nb = nbformat.read(reports / "failed" / f"{RUN}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells)


def test_a_dead_kernel_fails_the_run_and_is_kept_for_a_retry(reports, tmp_path, monkeypatch,
                                                             capsys):
    # papermill writes no notebook when the kernel dies (no cell raised), so the runner records it;
    # reports/failed/<run>.ipynb is what makes the next `make reproduce` retry the run
    def dies(*args, **kwargs):
        raise DeadKernelError("Kernel died")

    monkeypatch.setattr(run_notebook.pm, "execute_notebook", dies)
    assert run_notebook.execute(RUN, tmp_path / "build") == 1
    err = capsys.readouterr().err
    assert (f"FAILED run {RUN}: notebook notebooks/{RUN}.ipynb did not finish: "
            "DeadKernelError: Kernel died") in err
    assert "DeadKernelError: Kernel died" in kept(reports)
    assert not (tmp_path / "build/results.csv").exists()


def test_an_interrupted_run_stays_marked(reports, tmp_path, monkeypatch):
    # nothing is caught for a Ctrl-C (or a kill): the mark written at the start remains
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(run_notebook.pm, "execute_notebook", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_notebook.execute(RUN, tmp_path / "build")
    assert "did not finish (killed or interrupted)" in kept(reports)


def test_a_run_without_results_is_marked_and_a_good_one_clears_the_mark(reports, tmp_path,
                                                                         monkeypatch, capsys):
    def runs_without_results(input_path, output_path, **kwargs):
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]),
                       output_path)

    monkeypatch.setattr(run_notebook.pm, "execute_notebook", runs_without_results)
    assert run_notebook.execute(RUN, tmp_path / "build", with_headline=False) == 1
    assert "wrote no results" in capsys.readouterr().err
    assert "x = 1" in kept(reports)  # the executed notebook is what is kept

    def runs_well(input_path, output_path, parameters, **kwargs):
        runs_without_results(input_path, output_path)
        from analysis.results import Results

        res = Results(study="test")
        res.extension("v", "a value", "n", 1.0)
        res.write(parameters["results_path"])

    monkeypatch.setattr(run_notebook.pm, "execute_notebook", runs_well)
    assert run_notebook.execute(RUN, tmp_path / "build", with_headline=False) == 0
    assert not (reports / "failed" / f"{RUN}.ipynb").exists()


def test_every_execution_starts_its_kernel_over_ipc_in_a_private_folder(monkeypatch, tmp_path):
    # the one kernel starter: papermill_execute (pipeline, check-evaluation, evaluate) and
    # store_outputs (nbclient) all take these options; two runs never share a socket folder
    from analysis.pipeline.config import settings

    seen = []
    monkeypatch.setattr(run_notebook.pm, "execute_notebook",
                        lambda *a, **kw: seen.append(kw) or None)
    run_notebook.papermill_execute(tmp_path / "a.ipynb", tmp_path / "b.ipynb", {"x": 1})
    run_notebook.papermill_execute(tmp_path / "a.ipynb", tmp_path / "b.ipynb", {"x": 1})
    first, second = (kw["config"]["KernelManager"] for kw in seen)
    assert first["transport"] == second["transport"] == "ipc"
    assert first["ip"] != second["ip"]
    assert seen[0]["kernel_name"] == settings()["kernel"]
    assert seen[0]["parameters"] == {"x": 1} and seen[0]["shutdown_kernel"] == "immediate"
    with run_notebook.kernel_options() as kernel:
        folder = Path(kernel["config"]["KernelManager"]["ip"]).parent
        assert folder.is_dir()
    assert not folder.exists()  # removed with the run


def test_make_notebooks_takes_a_path_or_a_name(monkeypatch, capsys):
    from analysis.pipeline import store_outputs

    stored = []
    monkeypatch.setattr(store_outputs, "store", stored.append)
    assert store_outputs.main(["ggz_referrals", "notebooks/ycnd_bmi.ipynb"]) == 0
    assert stored == [paths.NOTEBOOKS / "ggz_referrals.ipynb", Path("notebooks/ycnd_bmi.ipynb")]


def test_a_parameters_cell_papermill_cannot_read_fails_before_execution(reports, tmp_path,
                                                                        monkeypatch, capsys):
    # the check_parameters rule parses the cell with ast; papermill's own reading is checked here,
    # by the runner, which has papermill loaded anyway: an unreadable line never executes
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('results_path = ""\nx = 1  # a = b (c)')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    run = run_notebook.run_by_id(RUN)
    monkeypatch.setattr(run_notebook, "run_by_id", lambda _id: type(run)(
        run.id, str(path), {}, True, run.evaluation))

    def must_not_run(*args, **kwargs):
        raise AssertionError("executed")

    monkeypatch.setattr(run_notebook.pm, "execute_notebook", must_not_run)
    from analysis.pipeline import params

    assert params.assigned(str(path)) == {"results_path": '""', "x": "1"}  # ast reads it
    assert run_notebook.execute(RUN, tmp_path / "build") == 1
    assert "papermill cannot read parameter(s) ['x']" in capsys.readouterr().err
    assert "papermill cannot read" in kept(reports)
