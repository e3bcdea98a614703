"""``make reproduce`` in one process: Snakemake, the index page, the site, a list of failed runs.

    python -m analysis.pipeline.reproduce SNAKEMAKE_ARGUMENTS...

``make reproduce`` passes ``--snakefile workflow/Snakefile --profile config/profiles/local
--cores N publish_all``; the arguments go to Snakemake unchanged, and the scheduler options are in
the profile. The index page is built even when a run failed (the page flags the run). The exit
code is Snakemake's, or 1 if the index page could not be built or a run's last execution failed
(``reports/failed/``).

A run whose last execution failed is retried on every call: before Snakemake starts, its retry
counter is raised (:mod:`analysis.pipeline.retry`), a parameter of its ``publish`` job, so
Snakemake itself sees the published files as out of date and executes the run again.

One process instead of three (Snakemake, ``analysis.report.build_index``,
``analysis.report.failures``) saves two Python start-ups, and the index reuses what Snakemake has
already imported (pandas, PyYAML, Jinja2).
"""

from __future__ import annotations

import sys
import traceback


def run_snakemake(args: list[str]) -> int:
    """Snakemake's command line, in this process; its exit code."""
    from snakemake.cli import main as snakemake_main

    try:
        snakemake_main(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def _step(what: str, build) -> int:
    """Run one step after Snakemake; 0, or 1 with the error shown in full (it fails the command)."""
    try:
        code = build() or 0
    except Exception:  # noqa: BLE001 - any failure is shown in full and fails the command
        traceback.print_exc()
        code = 1
    if code:
        print(f"{what} could not be built (see the error above)", file=sys.stderr)
    return 1 if code else 0


def build_index() -> int:
    """The index page and ``reports/results.csv``; 0 or 1."""
    from analysis.report import build_index as index

    return _step("the index page", index.main)


def build_coverage() -> int:
    """``reports/coverage.html`` and its CSVs (analysis.coverage), rebuilt only when the results,
    the transcriptions or the coverage tables are newer than the page; 0 or 1."""
    from analysis import coverage, paths

    page, results_csv = paths.REPORTS / "coverage.html", paths.REPORTS / "results.csv"
    if not results_csv.is_file() or not paths.SEEDS.is_dir():
        return 0  # the scan reads the five sources (ZORGPILOTS_SEEDS or ../shared/seeds)
    inputs = [results_csv, *(paths.ROOT / "data").glob("raw/*/*"),
              *(paths.ROOT / "data" / "coverage").glob("*")]
    if page.is_file() and page.stat().st_mtime >= max(p.stat().st_mtime for p in inputs):
        return 0
    return _step("the coverage page", lambda: coverage.build(results_csv, paths.REPORTS) is None)


def build_site() -> int:
    """The reader's site ``reports/site/`` (skipped at once when nothing changed); 0 or 1."""
    from analysis.report import site

    return _step("the site", site.build)


def main(argv: list[str]) -> int:
    from analysis.pipeline import retry
    from analysis.report import failures

    retry.mark_failed_for_retry()
    code = run_snakemake(argv)
    code = build_index() or code
    code = build_coverage() or code
    code = build_site() or code
    # A run that still has a failed notebook keeps the command failing (a retry that succeeds
    # removes it; one that was not configured any more stays flagged on the index).
    if code or failures.failed_runs():
        failures.main()
        code = code or 1
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
