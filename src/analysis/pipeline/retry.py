"""Retry a run whose last execution failed, through Snakemake's own ``params`` rerun trigger.

A failed run keeps its notebook in ``reports/failed/<run>.ipynb`` while its last good report stays
published and, as far as Snakemake can tell, up to date (nothing it depends on need have changed:
a kernel that died, a full disk). Each such run has a retry counter in
``.build/retries/<run>``; the ``publish`` rule declares it as a parameter, and ``make reproduce``
(:mod:`analysis.pipeline.reproduce`) raises it before Snakemake starts for every run still marked
failed. A parameter that differs from the one recorded with the published files makes Snakemake
publish again, which needs a new execution. Once a run succeeds its mark is gone, the counter stays
as recorded, and the run is up to date again.
"""

from __future__ import annotations

from pathlib import Path

from analysis.outfiles import write_atomic
from analysis.pipeline.config import build_dir
from analysis.report.failures import failed_runs


def counter(run_id: str) -> Path:
    return build_dir() / "retries" / run_id


def attempt(run_id: str) -> int:
    """The run's retry counter (0 if it never failed)."""
    try:
        return int(counter(run_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0


def mark_failed_for_retry() -> list[str]:
    """Raise the counter of every run marked failed; the runs, sorted."""
    failed = failed_runs()
    for run_id in failed:
        write_atomic(counter(run_id), f"{attempt(run_id) + 1}\n")
    return failed
