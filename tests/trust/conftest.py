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

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis import paths

BUILD_TIMEOUT_S = 1500


def repo_files() -> list[str]:
    """Files git tracks or would track (ignored files such as reports/ and .venv/ excluded)."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                         cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    return [f for f in out.splitlines() if (paths.ROOT / f).is_file()]


def copy_repo(dst: Path) -> Path:
    """A clean copy of the working tree (nothing the pipeline builds)."""
    for f in repo_files():
        if f.startswith(("reports/", "data/processed/", ".build/", ".snakemake/")) \
                and not f.endswith(".gitkeep"):
            continue
        target = dst / f
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(paths.ROOT / f, target)
    return dst


def env_for(root: Path) -> dict[str, str]:
    return {**os.environ, "ZORGPILOTS_ROOT": str(root), "MPLBACKEND": "Agg",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}


@dataclass(frozen=True)
class Build:
    root: Path
    returncode: int
    log: str


def build(root: Path, cores: int = 2) -> Build:
    """``make reproduce`` in ``root``: Snakemake ``publish_all`` then the index page."""
    env = env_for(root)
    sm = subprocess.run([sys.executable, "-m", "snakemake", "--snakefile", "workflow/Snakefile",
                         "--cores", str(cores), "--keep-going", "--rerun-incomplete",
                         "publish_all"], cwd=root, env=env, capture_output=True, text=True,
                        timeout=BUILD_TIMEOUT_S)
    idx = subprocess.run([sys.executable, "-m", "analysis.report.build_index"], cwd=root,
                         env=env, capture_output=True, text=True, timeout=300)
    code = sm.returncode or idx.returncode
    return Build(root, code, sm.stdout + sm.stderr + idx.stdout + idx.stderr)


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
def cold_builds(tmp_path_factory) -> tuple[Build, Build]:
    """Two independent cold builds from the same inputs: full, and results-only."""
    first = build(copy_repo(tmp_path_factory.mktemp("build_a")))
    second = build_results_only(copy_repo(tmp_path_factory.mktemp("build_b")))
    return first, second


@pytest.fixture(scope="session")
def built_repo(cold_builds) -> Path:
    """The first cold build; fails the dependent test if the build failed."""
    first = cold_builds[0]
    assert first.returncode == 0, first.log[-4000:]
    return first.root
