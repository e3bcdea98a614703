"""Fixtures for the trust suite: cold pipeline builds in temporary copies of the repository.

Two copies are built from a clean state (no ``reports/``, no ``data/processed``, no ``.build``)
with the real Snakefile, so that determinism is shown on what ``make reproduce`` really
produces. The first is the whole of ``make reproduce`` (``publish_all`` and the index page) and
is reused by the browser test. The second builds every run's results tables and every
synthetic dataset but skips the HTML rendering (publishing copies the results byte for byte, so
the rendering adds nothing to the comparison and would double the time). Both run once per
session; on 2 cores they take a few minutes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUILD_TIMEOUT_S, Build, build, copy_repo, env_for  # noqa: F401


def build_results_only(root: Path, cores: int = 2) -> Build:
    """Every run's ``.build/<run>/results.{csv,json}`` and every synthetic dataset, cold."""
    from analysis.pipeline import config as pc

    build_dir = ".build"
    targets = [f"{build_dir}/{r.id}/results.{ext}" for r in pc.runs() for ext in ("csv", "json")]
    sm = subprocess.run([sys.executable, "-m", "snakemake", "--snakefile", "workflow/Snakefile",
                         "--cores", str(cores), "--keep-going", "synthetic_all", *targets],
                        cwd=root, env=env_for(root), capture_output=True, text=True,
                        timeout=BUILD_TIMEOUT_S)
    return Build(root, sm.returncode, sm.stdout + sm.stderr)


@pytest.fixture(scope="session")
def cold_builds(full_build, tmp_path_factory) -> tuple[Build, Build]:
    """Two independent cold builds from the same inputs: full, and results-only."""
    second = build_results_only(copy_repo(tmp_path_factory.mktemp("build_b")))
    return full_build, second


@pytest.fixture(scope="session")
def built_repo(cold_builds) -> Path:
    """The first cold build; fails the dependent test if the build failed."""
    first = cold_builds[0]
    assert first.returncode == 0, first.log[-4000:]
    return first.root
