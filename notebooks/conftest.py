"""nbval over the stored notebooks: a failing cell names the command that re-stores its outputs.

nbval reports "Cell outputs differ" without saying how to fix it; this hook adds the line.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def fix_command(notebook: Path) -> str:
    """The commands that make a notebook's stored outputs current again."""
    name = notebook.stem
    store = f"make notebooks NB=notebooks/{notebook.name}"
    if name == "consistency_audit":
        return f"→ re-store the audit's outputs: `{store}`"
    return (f"→ re-store the outputs: `make check-evaluation NAME={name} REGEN=1` (also checks "
            f"the results rows) or `{store}`")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed and item.fspath and str(item.fspath).endswith(".ipynb"):
        report.sections.append(("how to fix", fix_command(Path(str(item.fspath)))))
