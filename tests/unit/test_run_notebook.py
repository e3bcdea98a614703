"""The runner's failure paths that need no kernel: a run that does not finish is kept."""

from __future__ import annotations

import nbformat
from nbclient.exceptions import DeadKernelError

from analysis import paths
from analysis.pipeline import run_notebook


def test_a_dead_kernel_fails_the_run_and_is_kept_for_a_retry(tmp_path, monkeypatch, capsys):
    # papermill writes no notebook when the kernel dies (no cell raised), so the runner records it;
    # reports/failed/<run>.ipynb is what makes the next `make reproduce` retry the run
    monkeypatch.setattr(paths, "REPORTS", tmp_path / "reports")

    def dies(*args, **kwargs):
        raise DeadKernelError("Kernel died")

    monkeypatch.setattr(run_notebook.pm, "execute_notebook", dies)
    assert run_notebook.execute("registration_format", tmp_path / "build") == 1
    err = capsys.readouterr().err
    assert ("FAILED run registration_format: notebook notebooks/registration_format.ipynb did not "
            "finish: DeadKernelError: Kernel died") in err
    kept = nbformat.read(tmp_path / "reports/failed/registration_format.ipynb", as_version=4)
    assert "DeadKernelError" in kept.cells[0].source and "Kernel died" in kept.cells[0].source
    assert not (tmp_path / "build/results.csv").exists()
