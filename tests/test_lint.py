"""The code is ruff-clean (configuration in pyproject.toml)."""

import subprocess
import sys

from analysis import paths


def test_ruff_clean():
    targets = [p for p in ("src", "tests", "workflow", "benchmarks") if (paths.ROOT / p).exists()]
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *targets],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout[-4000:]
