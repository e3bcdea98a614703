"""docs/architecture.md lists every module of src/analysis, and what each one imports."""

from __future__ import annotations

import re

from analysis import paths
from analysis.pipeline import deps

DOC = paths.ROOT / "docs" / "architecture.md"
PACKAGES = {"analysis", "analysis.pipeline", "analysis.report", "analysis.synth"}
ROW = re.compile(r"^\| `(analysis[\w.]*)` \| (.+) \| (.+) \|$", re.M)


def modules() -> dict[str, set[str]]:
    """Every module file of the package (``__init__`` aside) → the package modules it imports."""
    found = {}
    for path in sorted((paths.ROOT / "src" / "analysis").rglob("*.py")):
        if path.name == "__init__.py":
            continue
        parts = path.relative_to(paths.ROOT / "src").with_suffix("").parts
        name = ".".join(parts)
        imported = deps._parse_module(path, ".".join(parts[:-1]) + ".x")
        found[name] = {m for m in imported
                       if deps.module_file(m) and m not in PACKAGES and m != name}
    return found


def documented() -> dict[str, set[str]]:
    rows = {m: calls for m, _, calls in ROW.findall(DOC.read_text(encoding="utf-8"))}
    return {m: set(re.findall(r"`([\w.]+)`", calls)) for m, calls in rows.items()}


def test_every_module_is_on_the_map_and_no_other():
    missing = sorted(set(modules()) - set(documented()))
    gone = sorted(set(documented()) - set(modules()))
    assert not missing, f"add to {DOC.name} (what each is for, what it calls): {missing}"
    assert not gone, f"{DOC.name} lists modules that no longer exist: {gone}"


def test_the_calls_column_is_what_each_module_imports():
    doc = documented()
    wrong = {m: sorted(calls) for m, calls in modules().items() if m in doc and doc[m] != calls}
    assert not wrong, f"in {DOC.name}, set the calls column to: {wrong}"
