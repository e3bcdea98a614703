"""The code, notebooks included, is ruff-clean (pyproject.toml: rules and per-file exceptions)."""

import subprocess
import sys

from analysis import paths


def test_ruff_clean():
    folders = ("src", "tests", "workflow", "benchmarks", "notebooks")
    targets = [p for p in folders if (paths.ROOT / p).exists()]
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *targets],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout[-4000:]
