"""A no-op ``make reproduce`` skips the index page only while it is newer than all it is made
from (analysis.pipeline.reproduce.index_is_current)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from analysis.pipeline.reproduce import index_is_current


def _touch(path: Path, when: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    os.utime(path, (when, when))
    return path


NOW = time.time()  # folders made by the test carry this time; the build is later


def _built(tmp_path: Path) -> tuple[Path, Path, Path]:
    root, reports = tmp_path, tmp_path / "reports"
    _touch(reports / "results" / "a.csv", NOW - 100)
    _touch(reports / "findings.csv", NOW - 100)
    _touch(root / "src" / "analysis" / "report" / "build_index.py", NOW - 100)
    _touch(root / "config" / "pipeline.yaml", NOW - 100)
    _touch(reports / "index.html", NOW + 100)
    _touch(reports / "results.csv", NOW + 100)
    stamp = _touch(root / ".build" / "index.stamp", NOW + 100)
    return root, reports, stamp


def test_current_when_built_after_every_input(tmp_path):
    assert index_is_current(*_built(tmp_path))


def test_a_newer_published_result_or_code_or_failure_makes_it_stale(tmp_path):
    root, reports, stamp = _built(tmp_path)
    for newer in (reports / "results" / "b.csv", root / "src" / "analysis" / "x.py",
                  reports / "failed" / "run.txt", root / "data" / "raw" / "t" / "datapackage.json",
                  root / ".git" / "HEAD"):
        _touch(newer, NOW + 200)
        assert not index_is_current(root, reports, stamp), newer
        newer.unlink()
        os.utime(newer.parent, (NOW, NOW))
        assert index_is_current(root, reports, stamp), newer


def test_never_built_or_missing_page_is_stale(tmp_path):
    root, reports, stamp = _built(tmp_path)
    stamp.unlink()
    assert not index_is_current(root, reports, stamp)
    root, reports, stamp = _built(tmp_path)
    (reports / "index.html").unlink()
    assert not index_is_current(root, reports, stamp)
