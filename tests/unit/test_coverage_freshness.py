"""The coverage page is rebuilt when what it is made of changed, its own code and template
included (a changed template left the page stale: found by opening it after a change)."""

from __future__ import annotations

import os

from analysis import coverage, paths
from analysis.pipeline import reproduce


def test_a_changed_template_rebuilds_the_coverage_page(tmp_path, monkeypatch):
    reports, root, seeds = tmp_path / "reports", tmp_path / "root", tmp_path / "seeds"
    for d in (reports, root / "data" / "raw" / "x", root / "data" / "coverage", seeds):
        d.mkdir(parents=True)
    monkeypatch.setattr(paths, "REPORTS", reports)
    monkeypatch.setattr(paths, "ROOT", root)
    monkeypatch.setattr(paths, "SEEDS", seeds)
    built = []
    monkeypatch.setattr(coverage, "build", lambda results, out: built.append(out) or "summary")
    template = tmp_path / "templates" / "coverage.html.j2"
    template.parent.mkdir()
    code = tmp_path / "coverage.py"
    for f in (code, template, reports / "results.csv"):
        f.write_text("x")
    monkeypatch.setattr(coverage, "__file__", str(code))
    page = reports / "coverage.html"
    page.write_text("page")
    old, new = 1_000_000_000, 1_000_000_100
    for f in (code, template, reports / "results.csv"):
        os.utime(f, (old, old))
    os.utime(page, (new, new))
    assert reproduce.build_coverage() == 0 and built == []  # current: skipped
    os.utime(template, (new + 1, new + 1))
    assert reproduce.build_coverage() == 0 and built == [reports]  # the template changed
