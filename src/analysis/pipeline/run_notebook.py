"""Execute one configured run with papermill.

Usage: ``python -m analysis.pipeline.run_notebook RUN_ID OUTDIR``.

Writes ``OUTDIR/executed.ipynb`` and ``OUTDIR/results.csv``. On failure it names the notebook and
the cell, keeps the failed notebook in ``reports/failed/<run>.ipynb`` for inspection, and exits
non-zero; the published reports of the last good run are never touched here.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import nbformat
import papermill as pm
from papermill.exceptions import PapermillExecutionError

from analysis import paths, results
from analysis.pipeline.config import run_by_id

KERNEL = "python3"


def describe_cell(executed: Path, exc: PapermillExecutionError) -> str:
    """Name the failing cell as the author sees it: its number in the source notebook
    (papermill's injected-parameters cell not counted) and its first line."""
    if not executed.exists():
        return f"cell index {exc.cell_index} of the executed notebook"
    nb = nbformat.read(executed, as_version=4)
    added = {"injected-parameters", "papermill-error-cell-tag"}
    original = [c for c in nb.cells if not added & set(c.metadata.get("tags", []))]
    for number, cell in enumerate(original, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            first_line = (cell.source.strip().splitlines() or [""])[0][:60]
            return f"cell {number} (counting from 1, markdown included; starts {first_line!r})"
    return f"cell index {exc.cell_index} of the executed notebook"


def execute(run_id: str, outdir: Path) -> int:
    run = run_by_id(run_id)
    outdir = paths.resolve(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    executed = outdir / "executed.ipynb"
    results_csv = outdir / "results.csv"
    results_csv.unlink(missing_ok=True)
    start = time.perf_counter()
    try:
        pm.execute_notebook(
            str(paths.resolve(run.notebook)),
            str(executed),
            parameters={**run.parameters, "results_path": str(results_csv)},
            kernel_name=KERNEL,
            cwd=str(paths.NOTEBOOKS),
            progress_bar=False,
            log_output=False,
        )
    except PapermillExecutionError as exc:
        failed = paths.REPORTS / "failed" / f"{run_id}.ipynb"
        failed.parent.mkdir(parents=True, exist_ok=True)
        if executed.exists():
            shutil.copyfile(executed, failed)
        print(
            f"FAILED run {run_id}: notebook {run.notebook}, {describe_cell(executed, exc)}: "
            f"{exc.ename}: {exc.evalue}\n"
            f"  the failed notebook is kept in {failed.relative_to(paths.ROOT)}; the last good "
            f"report of this run is left in place",
            file=sys.stderr,
        )
        return 1
    if not results_csv.is_file():
        print(
            f"FAILED run {run_id}: {run.notebook} wrote no results (does it call "
            "res.write(results_path)?)",
            file=sys.stderr,
        )
        return 1
    results.read(results_csv)  # contract check
    (paths.REPORTS / "failed" / f"{run_id}.ipynb").unlink(missing_ok=True)
    print(f"ran {run_id} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(execute(sys.argv[1], Path(sys.argv[2])))
