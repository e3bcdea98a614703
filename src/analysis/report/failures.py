"""Summarise failed runs after ``make reproduce``: ``python -m analysis.report.failures``."""

from __future__ import annotations

import sys

from analysis import paths


def failed_runs() -> list[str]:
    folder = paths.REPORTS / "failed"
    return sorted(p.stem for p in folder.glob("*.ipynb")) if folder.is_dir() else []


def main() -> int:
    failed = failed_runs()
    if failed:
        print(
            "\nFailed runs (their last good reports, if any, are left in place):", file=sys.stderr
        )
        for run in failed:
            print(f"  - {run}: see reports/failed/{run}.ipynb", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
