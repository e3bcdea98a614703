"""Fixtures for the trust suite: cold pipeline builds in temporary copies of the repository.

Two copies are built from a clean state (no ``reports/``, no ``data/processed``, no ``.build``)
with the real Snakefile, so that determinism is shown on what ``make reproduce`` really produces.
The first is the whole of ``make reproduce`` (``publish_all`` and the index page) and is reused by
the browser test. The second builds every run's results tables and every synthetic dataset but
skips the HTML rendering (``--config render=false``; publishing copies the results byte for byte,
so the rendering adds nothing to the comparison and would double the time). Both run once per
session; on 2 cores they take a few minutes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Build, build, build_results_only, copy_repo, env_for  # noqa: F401


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
