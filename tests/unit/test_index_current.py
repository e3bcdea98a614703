"""A no-op ``make reproduce`` skips the index page only while it is newer than all it is made
from (analysis.pipeline.reproduce.index_is_current)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from analysis.pipeline.reproduce import index_is_current

# Inputs are dated an hour back and the build an hour ahead of the moment the test runs, so the
# folders the test makes (dated "now") are older than the build and newer than the inputs.
HOUR = 3600.0


def _touch(path: Path, when: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    os.utime(path, (when, when))
    return path


def _built(tmp_path: Path) -> tuple[Path, Path, Path, float]:
    now = time.time()
    root, reports = tmp_path, tmp_path / "reports"
    for f in (reports / "results" / "a.csv", reports / "findings.csv",
              root / "src" / "analysis" / "report" / "build_index.py",
              root / "config" / "pipeline.yaml"):
        _touch(f, now - HOUR)
    for f in (reports / "index.html", reports / "results.csv"):
        _touch(f, now + HOUR)
    stamp = _touch(root / ".build" / "index.stamp", now + HOUR)
    return root, reports, stamp, now


def test_current_when_built_after_every_input(tmp_path):
    root, reports, stamp, _ = _built(tmp_path)
    assert index_is_current(root, reports, stamp)


def test_a_newer_published_result_or_code_or_failure_makes_it_stale(tmp_path):
    root, reports, stamp, now = _built(tmp_path)
    for newer in (reports / "results" / "b.csv", root / "src" / "analysis" / "x.py",
                  reports / "failed" / "run.txt", root / "data" / "raw" / "t" / "datapackage.json",
                  root / ".git" / "HEAD"):
        _touch(newer, now + 2 * HOUR)
        assert not index_is_current(root, reports, stamp), newer
        newer.unlink()
        os.utime(newer.parent, (now, now))
        assert index_is_current(root, reports, stamp), newer


def test_never_built_or_missing_page_is_stale(tmp_path):
    root, reports, stamp, _ = _built(tmp_path)
    stamp.unlink()
    assert not index_is_current(root, reports, stamp)
    root, reports, stamp, _ = _built(tmp_path)
    (reports / "index.html").unlink()
    assert not index_is_current(root, reports, stamp)
