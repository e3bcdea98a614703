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

Output: Snakemake is quiet about rules (the profile's ``quiet``); each notebook run
prints its own line ("✓ ran ycnd_bmi in 8.1 s (pages 0.4 s)"), :class:`JobLines` prints one line for
each other job that makes something (synthetic data, the ledger) and for each failed job, and a
summary ends the build. Snakemake's scheduler lines ("Execute 1 jobs...", "Provided cores") are
held back through the logging hook (:class:`JobLines`, a filter on Snakemake's logger).

With ``-n`` (``make dry-run``) nothing is executed or written: one line per job that would make
something ("· would run run_notebook ycnd_bmi") and a summary, no pages.

One process instead of three (Snakemake, ``analysis.report.build_index``,
``analysis.report.failures``) saves two Python start-ups, and the index reuses what Snakemake has
already imported (pandas, PyYAML, Jinja2).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

#: jobs that copy files or check parameters: counted in the summary, no line of their own
BOOKKEEPING = {"publish", "publish_ledger", "publish_all", "synthetic_all", "check_parameters"}


def seconds_text(seconds: float) -> str:
    """``12.3 s`` or ``4 min 05 s``."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    return f"{int(seconds // 60)} min {int(seconds % 60):02d} s"


#: Snakemake's scheduler chatter, not shown by `make reproduce` (its job events are read instead)
CHATTER = re.compile(r"\s*(Select jobs to execute|Execute \d+ jobs|Using shell"
                     r"|Assuming unrestricted|Building DAG of jobs|Complete log|Elapsed time"
                     r"|Provided cores|Rules claiming more threads|Reasons:|This was a dry-run)")


def is_dry_run(argv: list[str]) -> bool:
    """Whether Snakemake's arguments ask for a dry run (``make dry-run``)."""
    return any(a in ("-n", "--dry-run", "--dryrun") for a in argv)


class JobLines(logging.Filter):
    """One line per job that makes something, one per failed job, and the counts for a summary,
    from the events Snakemake logs. A filter on Snakemake's logger (Python's logging API): it
    reads every record and holds back the scheduler's chatter and its per-job progress lines,
    which this output replaces; everything else, errors included, is shown as Snakemake formats
    it (the profile's ``quiet: [rules, host]`` drops the blocks of paths per job)."""

    def __init__(self, dry_run: bool = False) -> None:
        super().__init__()
        self.dry_run = dry_run  # a dry run: one line per job that would run, nothing executes
        self.started: dict[int, tuple[str, dict, float]] = {}
        self.done: Counter[str] = Counter()
        self.failed: list[str] = []
        self.rows: list[str] = []  # rule, what, seconds, status: one row per job (write_table)

    @staticmethod
    def label(rule: str, wildcards: dict) -> str:
        what = " ".join(str(v) for v in wildcards.values())
        if rule.startswith("synthetic_") and rule != "synthetic_all":
            return f"made synthetic data {rule.removeprefix('synthetic_')}"
        return f"{rule} {what}".strip()

    def filter(self, record: logging.LogRecord) -> bool:
        """Read the record; False for the lines this output replaces."""
        from snakemake_interface_logger_plugins.common import LogEvent

        self.read(record)
        event = getattr(record, "event", None)
        if event in (LogEvent.JOB_STARTED, LogEvent.JOB_FINISHED, LogEvent.PROGRESS,
                     LogEvent.RUN_INFO, LogEvent.RESOURCES_INFO):
            # "Execute n jobs...", per-job progress, "Provided cores", the table of job counts:
            # the lines of this output and its summary say it
            return False
        if self.dry_run and event == LogEvent.JOB_INFO:
            return False  # the job's block of paths: its line is printed instead
        return not (event is None and record.levelno == logging.INFO
                    and CHATTER.match(record.getMessage()))

    def read(self, record: logging.LogRecord) -> None:
        from snakemake_interface_logger_plugins.common import LogEvent

        event = getattr(record, "event", None)
        if event == LogEvent.JOB_INFO and self.dry_run:
            rule = record.rule_name
            self.done[rule] += 1
            if rule not in BOOKKEEPING:
                print(f"\N{MIDDLE DOT} would run {self.label(rule, dict(record.wildcards or {}))}",
                      flush=True)
        elif event == LogEvent.JOB_INFO:
            self.started[record.jobid] = (record.rule_name, dict(record.wildcards or {}),
                                          time.perf_counter())
        elif event == LogEvent.JOB_FINISHED and record.job_id in self.started:
            rule, wildcards, start = self.started.pop(record.job_id)
            self.done[rule] += 1
            self.rows.append(f"{rule}\t{self.label(rule, wildcards)}\t"
                             f"{time.perf_counter() - start:.2f}\tdone")
            if rule not in BOOKKEEPING and rule != "run_notebook":  # runs print their own line
                took = seconds_text(time.perf_counter() - start)
                print(f"\N{CHECK MARK} {self.label(rule, wildcards)} in {took}", flush=True)
        elif event == LogEvent.JOB_ERROR:
            what = self.label(record.rule_name, dict(getattr(record, "wildcards", None) or {}))
            self.failed.append(what)
            self.rows.append(f"{record.rule_name}\t{what}\t\tfailed")
            print(f"\N{BALLOT X} {what} failed (its error is above)", flush=True)

    def write_table(self, path: Path) -> None:
        """Each job's wall time (from Snakemake starting it to its end), for profiling a build:
        ``<build_dir>/reproduce-jobs.tsv`` (docs/performance.md)."""
        if self.rows:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("rule\tjob\tseconds\tstatus\n" + "\n".join(self.rows) + "\n",
                            encoding="utf-8")

    def summary(self, seconds: float) -> str:
        """The build in one line: what ran, how long, what failed."""
        runs, synth = self.done["run_notebook"], sum(
            n for rule, n in self.done.items() if rule.startswith("synthetic_"))
        parts = [f"{runs} notebook run{'s' * (runs != 1)}"] if runs else []
        parts += [f"{synth} synthetic dataset{'s' * (synth != 1)}"] if synth else []
        parts += ["the ledger"] if self.done["ledger"] else []
        jobs = sum(self.done.values())
        if not jobs and not self.failed:
            return f"Snakemake: every report is up to date (checked in {seconds_text(seconds)})"
        if self.dry_run:
            return (f"Snakemake (dry run, nothing executed): would run "
                    f"{', '.join(parts) or 'bookkeeping only'} ({jobs} jobs)")
        failed = f"; FAILED: {', '.join(self.failed)}" if self.failed else ""
        return (f"Snakemake: {', '.join(parts) or 'bookkeeping only'} ({jobs} jobs) in "
                f"{seconds_text(seconds)}{failed}")


def run_snakemake(args: list[str], lines: JobLines | None = None) -> int:
    """Snakemake's command line, in this process; its exit code. ``lines`` (if given) receives
    Snakemake's log events for the one-line-per-job output."""
    from snakemake.cli import main as snakemake_main

    log = logging.getLogger("snakemake.logging")  # Snakemake replaces its handlers, not filters
    if lines is not None:
        log.addFilter(lines)
    try:
        snakemake_main(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        if lines is not None:
            log.removeFilter(lines)
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


def index_inputs(root: Path, reports: Path) -> list[Path]:
    """What the index page is made from: the published results, figures and ledger, the list
    of failed runs, the configuration, the data dictionary (its titles name the quantities), the
    package's code and templates, and git's state (the page names the commit)."""
    files = [root / ".git" / "HEAD", root / ".git" / "index",
             *(reports / "results").glob("*"), *(reports / "figures").glob("*"),
             reports / "findings.csv", reports / "failed", *(reports / "failed").glob("*"),
             *(root / "config").rglob("*"), *(root / "data" / "raw").glob("*/datapackage.json"),
             *(root / "src" / "analysis").rglob("*")]
    return [f for f in files if f.exists() and "__pycache__" not in f.parts]


def newer_than_inputs(made: Path, inputs: list[Path]) -> bool:
    """Whether ``made`` exists and is at least as new as every one of ``inputs`` (make's rule)."""
    return made.is_file() and made.stat().st_mtime >= max(
        (p.stat().st_mtime for p in inputs), default=0.0)


def index_is_current(root: Path, reports: Path, stamp: Path) -> bool:
    """Whether the index page and ``reports/results.csv`` exist and were last built (``stamp``,
    touched after each build) after every input changed: a no-op ``make reproduce`` then skips
    them, as ``make`` would. The page itself is rewritten only when its text changes."""
    return (all((reports / f).is_file() for f in ("index.html", "results.csv"))
            and newer_than_inputs(stamp, index_inputs(root, reports)))


def build_index() -> int:
    """The index page and ``reports/results.csv``, unless they are current; 0 or 1."""
    from analysis import paths
    from analysis.pipeline.config import build_dir
    from analysis.report import build_index as index

    stamp = build_dir() / "index.stamp"
    if index_is_current(paths.ROOT, paths.REPORTS, stamp):
        return 0
    code = _step("the index page", index.main)
    if not code:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    return code


def build_coverage() -> int:
    """``reports/coverage.html`` and its CSVs (analysis.coverage), rebuilt only when the results,
    the transcriptions, the coverage tables or the page's code and template are newer than the
    page; 0 or 1."""
    from analysis import coverage, paths

    page, results_csv = paths.REPORTS / "coverage.html", paths.REPORTS / "results.csv"
    if not results_csv.is_file() or not paths.SEEDS.is_dir():
        return 0  # the scan reads the five sources (ZORGPILOTS_SEEDS or ../shared/seeds)
    code = Path(coverage.__file__)
    inputs = [results_csv, *(paths.ROOT / "data").glob("raw/*/*"),
              *(paths.ROOT / "data" / "coverage").glob("*"),
              code, code.parent / "templates" / "coverage.html.j2"]  # a changed page, too
    if newer_than_inputs(page, inputs):
        return 0
    return _step("the coverage page", lambda: coverage.build(results_csv, paths.REPORTS) is None)


def cores(argv: list[str]) -> int:
    """The ``--cores`` of the command line as a number (``all``: this machine's), for the site."""
    value = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ("--cores", "-c")), "1")
    if value == "all":
        return os.cpu_count() or 1
    return int(value) if value.isdigit() else 1


def build_site(jobs: int = 1) -> int:
    """The reader's site ``reports/site/`` (skipped at once when nothing changed); 0 or 1.
    Sphinx reads the pages in ``jobs`` processes."""
    from analysis.report import site

    return _step("the site", lambda: site.build(jobs=jobs))


def main(argv: list[str]) -> int:
    from analysis.pipeline import retry
    from analysis.pipeline.config import build_dir
    from analysis.report import failures

    if is_dry_run(argv):  # `make dry-run`: what would run, one line per job; nothing written
        lines, start = JobLines(dry_run=True), time.perf_counter()
        code = run_snakemake(argv, lines)
        print(lines.summary(time.perf_counter() - start), flush=True)
        return code
    retry.mark_failed_for_retry()
    lines, start = JobLines(), time.perf_counter()
    code = run_snakemake(argv, lines)
    print(lines.summary(time.perf_counter() - start), flush=True)
    lines.write_table(build_dir() / "reproduce-jobs.tsv")
    start, took = time.perf_counter(), []
    for what, step in (("index", build_index), ("coverage", build_coverage),
                       ("site", lambda: build_site(cores(argv)))):
        began = time.perf_counter()
        code = step() or code
        took.append(f"{what} {time.perf_counter() - began:.1f} s")
    print(f"Pages: the index, the coverage page and the site in "
          f"{seconds_text(time.perf_counter() - start)} ({', '.join(took)})", flush=True)
    # A run that still has a failed notebook keeps the command failing (a retry that succeeds
    # removes it; one that was not configured any more stays flagged on the index).
    if code or failures.failed_runs():
        failures.main()
        code = code or 1
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
