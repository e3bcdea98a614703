"""Execute one configured run with papermill and take its headline figure.

Usage: ``python -m analysis.pipeline.run_notebook RUN_ID OUTDIR [--no-render]``.

Writes ``OUTDIR/executed.ipynb``, ``OUTDIR/results.{csv,json}`` and, unless ``--no-render``, the
headline figure of the index card (``headline.png``, :mod:`analysis.pipeline.headline`). The
reader's page of the run is rendered by the site from the published executed notebook
(:mod:`analysis.report.site`), not here: a run renders no HTML, which saved about 0.8 s of CPU per
run (docs/performance.md). On failure it names the notebook and the cell,
keeps the failed notebook in ``reports/failed/<run>.ipynb`` for inspection, and exits non-zero;
the published reports of the last good run are never touched here.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat
import papermill as pm
from papermill.exceptions import PapermillExecutionError

from analysis import paths, results_schema
from analysis.pipeline import headline, params
from analysis.pipeline.config import ConfigError, run_by_id, settings


def kernel_config(folder: str):
    """nbclient's configuration for the kernel: local IPC sockets instead of TCP on localhost, so
    the kernel has no unencrypted port (and prints no warning about one on every run).

    The sockets go in ``folder``, private to this run: jupyter_client numbers IPC sockets by
    probing which files exist, so two kernels started at once with one prefix (two Snakemake
    jobs in one working directory) would share sockets and reject each other's messages
    ("Invalid Signature")."""
    from traitlets.config import Config

    return Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(folder, "ipc")}})


@contextmanager
def kernel_options() -> Iterator[dict[str, Any]]:
    """The one way this project starts a kernel: the keyword arguments papermill and nbclient
    take for it (``kernel_name`` from ``config/pipeline.yaml``, ``config`` of
    :func:`kernel_config`), with a private socket folder that is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="zorgpilots-kernel-") as sockets:
        yield {"kernel_name": settings()["kernel"], "config": kernel_config(sockets)}


def papermill_execute(notebook: Path, output: Path, parameters: dict[str, Any]) -> None:
    """Execute ``notebook`` into ``output`` with papermill, as every run does (the pipeline's,
    ``make check-evaluation``'s, ``make evaluate``'s): in ``notebooks/``, on the kernel of
    :func:`kernel_options`; raises papermill's ``PapermillExecutionError`` when a cell raised."""
    with kernel_options() as kernel:
        pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            cwd=str(paths.NOTEBOOKS),
            progress_bar=False,
            log_output=False,
            # The kernel is stopped at once when the last cell is done: everything the run
            # produces is in the executed notebook and the results file by then. A graceful
            # shutdown waited 0.3-2.5 s per run for the kernel's interpreter to tear down.
            shutdown_kernel="immediate",
            # Written once at the end (or, when a cell raised, with the error marked)
            # instead of after every cell: papermill's progress saves re-serialised the
            # growing notebook 2-3 times per cell, up to 50 times a run
            # (docs/performance.md).
            request_save_on_cell_execute=False,
            **kernel,
        )


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


def shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    return str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)


def keep_failed(run_id: str, executed: Path | None = None, note: str = "") -> Path:
    """Mark the run failed in ``reports/failed/<run>.ipynb``: a copy of ``executed`` (the notebook
    with its error) if given, else a notebook that says ``note``. The next ``make reproduce``
    retries every run marked so (``analysis.pipeline.reproduce``); success removes the mark."""
    failed = paths.REPORTS / "failed" / f"{run_id}.ipynb"
    failed.parent.mkdir(parents=True, exist_ok=True)
    if executed is not None and executed.exists():
        shutil.copyfile(executed, failed)
    else:
        cell = nbformat.v4.new_markdown_cell(f"# Run `{run_id}` failed\n\n{note}")
        nbformat.write(nbformat.v4.new_notebook(cells=[cell]), failed)
    return failed


def fail(run_id: str, message: str, note: str = "", executed: Path | None = None) -> int:
    """Mark the run failed, say why on stderr (naming where it is kept), and return 1."""
    kept = keep_failed(run_id, executed, note or message)
    print(f"FAILED run {run_id}: {message}\n  kept in {shown(kept)}; the last good report of "
          "this run is left in place", file=sys.stderr)
    return 1


def execute(run_id: str, outdir: Path, with_headline: bool = True) -> int:
    run = run_by_id(run_id)
    outdir = paths.resolve(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    executed = outdir / "executed.ipynb"
    results_csv = outdir / "results.csv"
    results_csv.unlink(missing_ok=True)
    # Marked failed until it has succeeded, so that a run killed or interrupted on the way (no
    # exception reaches this code) is retried by the next `make reproduce` too.
    keep_failed(run_id, note="It was started and did not finish (killed or interrupted).")
    try:  # papermill's own reading of the parameters cell (the check_parameters rule parsed it)
        params.declared(run.notebook)
    except (ConfigError, ValueError) as exc:  # ValueError: papermill finds no kernel name
        return fail(run_id, f"parameters of {run.notebook}: {exc}")
    start = time.perf_counter()
    try:
        papermill_execute(paths.resolve(run.notebook), executed,
                          {**run.parameters, "results_path": str(results_csv)})
    except PapermillExecutionError as exc:
        return fail(run_id, f"notebook {run.notebook}, {describe_cell(executed, exc)}: "
                            f"{exc.ename}: {exc.evalue}", executed=executed)
    except Exception as exc:  # noqa: BLE001 - a dead kernel, a timeout, a kernel that won't start
        # no cell raised, so papermill wrote no notebook: the mark records what happened
        return fail(run_id, f"notebook {run.notebook} did not finish: "
                            f"{type(exc).__name__}: {exc}")
    if not results_csv.is_file():
        return fail(run_id, f"{run.notebook} wrote no results (does it call "
                            "res.write(results_path)?)", executed=executed)
    ran = time.perf_counter() - start
    try:
        results_schema.check_file(results_csv)  # the contract, without importing pandas
    except Exception as exc:  # noqa: BLE001 - the contract's message names file, line, column
        return fail(run_id, f"{run.notebook} wrote results that break the contract: {exc}",
                    executed=executed)
    if with_headline:
        try:
            headline.write(nbformat.read(executed, as_version=4), outdir / "headline.png")
        except Exception as exc:  # noqa: BLE001 - any error here fails the run, by name
            return fail(run_id, f"taking the headline figure of {shown(executed)}: "
                                f"{type(exc).__name__}: {exc}", executed=executed)
    (paths.REPORTS / "failed" / f"{run_id}.ipynb").unlink(missing_ok=True)
    # the run's one line in `make reproduce`; "ran" is the notebook's own time (papermill, kernel
    # start-up included), which benchmarks/pipeline_bench.py reads
    print(f"\N{CHECK MARK} ran {run_id} in {ran:.1f} s", flush=True)
    return 0


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "--no-render"]
    if len(args) != 2:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    return execute(args[0], Path(args[1]), with_headline="--no-render" not in argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
