"""Fixtures for the trust suite: cold pipeline builds in temporary copies of the repository.

Two copies are built from a clean state (no ``reports/``, no ``data/processed``, no ``.build``)
with the real Snakefile, so that determinism is shown on what ``make reproduce`` really produces.
The first is the session's ``full_build`` (tests/conftest.py: the whole of ``make reproduce``,
``publish_all`` and the index page and site), which the browser, escaping and site tests read.
The second builds every run's results tables and every synthetic dataset but skips the HTML
rendering (``--config render=false``; publishing copies the results byte for byte, so the
rendering adds nothing to the comparison). It runs in the background from the session's first
test, on one core at the lowest priority (``background_results_build``), so it also differs from
the first in core count and job order; only the determinism test waits for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Build, build, build_results_only, copy_repo, env_for  # noqa: F401


@pytest.fixture(scope="session")
def cold_builds(full_build, background_results_build) -> tuple[Build, Build]:
    """Two independent cold builds from the same inputs: full, and results-only."""
    return full_build, background_results_build.result()


@pytest.fixture(scope="session")
def built_repo(full_build) -> Path:
    """The full cold build; fails the dependent test if the build failed."""
    assert full_build.returncode == 0, full_build.log[-4000:]
    return full_build.root
