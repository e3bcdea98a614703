"""``make reproduce`` in one process: Snakemake, the index page, the site, a list of failed runs.

    python -m analysis.pipeline.reproduce SNAKEMAKE_ARGUMENTS...

``make reproduce`` passes ``--snakefile workflow/Snakefile --cores N --keep-going
--rerun-incomplete publish_all``; the arguments go to Snakemake unchanged. The index page is
built even when a run failed (the page flags the run). The exit code is Snakemake's, or 1 if the
index page could not be built or a run's last execution failed (``reports/failed/``).

A run whose last execution failed (its notebook is kept in ``reports/failed/``) is retried on
every call: its last good report is still in place and up to date as far as Snakemake can tell
(nothing it depends on need have changed: a kernel that died, a full disk), so the launcher names
its published notebook in ``--forcerun`` and Snakemake runs it again (:func:`retry_args`).

One process instead of three (Snakemake, ``analysis.report.build_index``,
``analysis.report.failures``) saves two Python start-ups, and the index reuses what Snakemake has
already imported (pandas, PyYAML, Jinja2). It also saves the wait for Snakemake's job-rate
limiter (``--max-jobs-per-timespan``, 100 jobs per second by default): every pass of its scheduler
starts a one-second ``threading.Timer`` that only wakes the scheduler again, and Python waits for
the last of them before exiting, up to a second after the work is done. Once Snakemake has
returned, nothing is left to wake, so those timers are cancelled (docs/performance.md).

Those timers also multiply: every scheduler pass that leaves a ready job waiting for a free core
starts one, and each one that fires starts a pass, so after every finished job one more chain of
wake-ups runs for the rest of the build (1,240 scheduler passes in a cold build of 57 jobs, each
re-reading the size of every ready job's input files: 532,000 ``stat`` calls). A local build
needs no submission rate limit (it exists for cluster schedulers), so unless the arguments set
one, the launcher sets a limit that never binds, :data:`LOCAL_RATE_LIMIT`; its timers fire
hourly, and are cancelled like the others.

For the same local builds it also chooses Snakemake's greedy scheduler: the default ILP scheduler
imports PuLP and runs the CBC solver as a subprocess on every scheduler pass (0.9 s of a cold
build under the profiler) to plan temporary-file deletion and resources this workflow does not
have; the greedy one selects by the same job priorities.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback

LOCAL_RATE_LIMIT = "10000/1h"


def snakemake_args(argv: list[str]) -> list[str]:
    """The arguments for Snakemake: ``argv``, for a local build with :data:`LOCAL_RATE_LIMIT`
    and the greedy scheduler unless ``argv`` sets them; a cluster profile or executor keeps
    Snakemake's defaults."""
    given = {a.split("=", 1)[0] for a in argv}
    short_executor = any(a.startswith("-e") and not a.startswith("--") for a in argv)
    if short_executor or os.environ.get("SNAKEMAKE_PROFILE") or given & {
            "--profile", "--workflow-profile", "--executor"}:
        return list(argv)
    rate = [] if given & {"--max-jobs-per-timespan", "--max-jobs-per-second"} else [
        "--max-jobs-per-timespan", LOCAL_RATE_LIMIT]
    scheduler = [] if "--scheduler" in given else ["--scheduler", "greedy"]
    return [*rate, *scheduler, *argv]


def retry_args(argv: list[str], failed: list[str], configured: set[str]) -> list[str]:
    """``argv`` with the configured runs among ``failed`` forced, by their published notebook:
    forcing ``publish`` makes Snakemake execute the run again, because a failed job's built files
    are deleted. Only for ``publish_all`` (what ``make reproduce`` builds). ``--forcerun`` is
    added last among the options, with whatever ``argv`` already forces (Snakemake keeps only the
    last one given; ``argv`` is read with Snakemake's own parser, so every spelling counts)."""
    retry = [f"reports/executed/{run}.ipynb" for run in failed if run in configured]
    if not retry:
        return list(argv)
    from snakemake.cli import get_argument_parser

    try:
        parsed = get_argument_parser().parse_args(argv)
    except SystemExit:  # Snakemake will say what is wrong with the arguments
        return list(argv)
    if "publish_all" not in (parsed.targets or []):
        return list(argv)
    force = ["--forcerun", *sorted(parsed.forcerun or []), *retry]
    end = argv.index("--") if "--" in argv else len(argv)  # after "--" all are targets
    return [*argv[:end], *force, *argv[end:]]


def failed_and_configured() -> tuple[list[str], set[str]]:
    """Runs with a failed notebook, and the configured runs (none if the configuration cannot be
    read: Snakemake then reports the problem itself)."""
    from analysis.pipeline.config import runs
    from analysis.report import failures

    failed = failures.failed_runs()
    if not failed:
        return [], set()
    try:
        return failed, {r.id for r in runs()}
    except Exception:  # noqa: BLE001 - any unreadable configuration: Snakemake reports it
        return failed, set()


def cancel_pending_timers() -> int:
    """Cancel the ``threading.Timer`` threads still waiting; how many there were."""
    timers = [t for t in threading.enumerate() if isinstance(t, threading.Timer)]
    for timer in timers:
        timer.cancel()
    return len(timers)


def run_snakemake(args: list[str]) -> int:
    """Snakemake's command line, in this process; its exit code."""
    from snakemake.cli import main as snakemake_main

    try:
        snakemake_main(args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        cancel_pending_timers()
    return code


def build_index() -> int:
    """The index page and ``reports/results.csv``; 0, or 1 with the error shown."""
    from analysis.report import build_index as index

    try:
        index.main()
    except Exception:  # noqa: BLE001 - any failure is shown in full and fails the command
        traceback.print_exc()
        print("the index page could not be built (see the error above)", file=sys.stderr)
        return 1
    return 0


def build_site() -> int:
    """The reader's site ``reports/site/`` (skipped at once when nothing changed); 0 or 1."""
    from analysis.report import site

    try:
        code = site.build()
    except Exception:  # noqa: BLE001 - any failure is shown in full and fails the command
        traceback.print_exc()
        code = 1
    if code:
        print("the site could not be built (see the error above)", file=sys.stderr)
    return 1 if code else 0


def main(argv: list[str]) -> int:
    from analysis.report import failures

    code = run_snakemake(retry_args(snakemake_args(argv), *failed_and_configured()))
    code = build_index() or code
    code = build_site() or code
    # A run that still has a failed notebook keeps the command failing (a retry that succeeds
    # removes it; one that was not configured any more stays flagged on the index).
    if code or failures.failed_runs():
        failures.main()
        code = code or 1
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
