"""Shared fixtures: one cold build of the whole pipeline per session, and the results rows of
every notebook's primary run taken from it (so each notebook runs once for all the tests).

When a selected test needs the determinism suite's second cold build (``cold_builds``), that build
starts with the session in the background, on one core at the lowest priority
(:func:`background_results_build`): the suite is single-threaded most of the time, so it uses
the core the tests leave idle instead of a stretch of the session of its own."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from analysis import paths, results
from analysis.pipeline.config import settings
from analysis.pipeline.run_notebook import papermill_execute

BUILD = settings()["build_dir"]  # config/pipeline.yaml, relative to a repository (or its copy)

_CACHE: dict[str, pd.DataFrame] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-expected", action="store_true", default=False,
                     help="rewrite tests/results/expected/*.csv from this build's results rows")


@pytest.fixture(scope="session")
def regen_expected(request: pytest.FixtureRequest) -> bool:
    """True when the expected results files are being regenerated on purpose."""
    return bool(request.config.getoption("--regen-expected"))


def ensure_synthetic_data() -> None:
    """Build the synthetic datasets the notebooks read by default (the pipeline's rule)."""
    from analysis.pipeline import config as pipeline_config

    missing = [
        d for d in pipeline_config.synthetic_datasets() if not paths.resolve(d.output).exists()
    ]
    for d in missing:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "analysis.synth",
                d.generator,
                str(d.seed),
                str(paths.resolve(d.output)),
            ],
            check=True,
            cwd=paths.ROOT,
        )


def run_notebook(name: str, tmp_dir: Path, **parameters: object) -> pd.DataFrame:
    """Execute ``notebooks/<name>.ipynb`` with papermill; return its results rows (by id)."""
    ensure_synthetic_data()
    out_csv = tmp_dir / f"{name}.csv"
    papermill_execute(paths.NOTEBOOKS / f"{name}.ipynb", tmp_dir / f"{name}.ipynb",
                      {"results_path": str(out_csv), **parameters})  # as every run does
    return results.read(out_csv).set_index("id")


@pytest.fixture(scope="session")
def notebook_results(request):
    """``notebook_results("poh_jeugd_business_case")`` → results rows of its primary run (by id),
    as the pipeline's cold build produced them; or, when ``ZORGPILOTS_RESULTS_DIR`` is set (by
    ``make check-evaluation``), as one papermill run wrote them into that folder."""
    from analysis.pipeline import config as pipeline_config

    quick = os.environ.get("ZORGPILOTS_RESULTS_DIR")

    def get(name: str) -> pd.DataFrame:
        if name not in _CACHE:
            ev = next(e for e in pipeline_config.evaluations() if e.name == name)
            if quick:
                path = Path(quick) / f"{ev.runs[0].id}.csv"
                assert path.is_file(), f"{path} missing → `make check-evaluation NAME={name}`"
                _CACHE[name] = results.read(path).set_index("id")
                return _CACHE[name]
            full_build = request.getfixturevalue("full_build")
            path = full_build.root / "reports" / "results" / f"{ev.runs[0].id}.csv"
            assert path.is_file(), (
                f"the cold build did not produce {path.name}:\n{full_build.log[-3000:]}"
            )
            _CACHE[name] = results.read(path).set_index("id")
        return _CACHE[name]

    return get


BUILD_TIMEOUT_S = 1500


def repo_files() -> list[str]:
    """Files git tracks or would track (ignored files such as reports/ and .venv/ excluded)."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                         cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    return [f for f in out.splitlines() if (paths.ROOT / f).is_file()]


def copy_repo(dst: Path) -> Path:
    """A clean copy of the working tree (nothing the pipeline builds)."""
    for f in repo_files():
        if f.startswith(("reports/", "data/processed/", f"{BUILD}/", ".snakemake/")) \
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


def snakemake_command(*targets: str, cores: int = 2) -> list[str]:
    """The real Snakefile with ``make reproduce``'s profile (run in a repository or its copy)."""
    return [sys.executable, "-m", "snakemake", "--snakefile", "workflow/Snakefile",
            "--profile", "config/profiles/local", "--cores", str(cores), *targets]


def run_snakemake(root: Path, *targets: str, cores: int = 2) -> subprocess.CompletedProcess:
    """The real Snakefile in ``root``, cold or not, with ``make reproduce``'s profile."""
    return subprocess.run(snakemake_command(*targets, cores=cores), cwd=root, env=env_for(root),
                          capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)


def build(root: Path, cores: int = 2) -> Build:
    """``make reproduce`` in ``root``: Snakemake ``publish_all`` then the index page, in one
    process (``analysis.pipeline.reproduce``, the command ``make reproduce`` runs)."""
    out = subprocess.run([sys.executable, "-m", "analysis.pipeline.reproduce", "--snakefile",
                          "workflow/Snakefile", "--profile", "config/profiles/local",
                          "--cores", str(cores), "publish_all"],
                         cwd=root, env=env_for(root), capture_output=True, text=True,
                         timeout=BUILD_TIMEOUT_S)
    return Build(root, out.returncode, out.stdout + out.stderr)


def results_only_targets() -> list[str]:
    """Every run's ``<build_dir>/<run>/results.{csv,json}`` and every synthetic dataset, without
    rendering HTML (``--config render=false``)."""
    from analysis.pipeline import config as pc

    targets = [f"{BUILD}/{r.id}/results.{ext}" for r in pc.runs() for ext in ("csv", "json")]
    return ["synthetic_all", *targets, "--config", "render=false"]


def build_results_only(root: Path, cores: int = 2) -> Build:
    """Every run's results tables and every synthetic dataset, cold, without rendering HTML."""
    sm = run_snakemake(root, *results_only_targets(), cores=cores)
    return Build(root, sm.returncode, sm.stdout + sm.stderr)


class BackgroundBuild:
    """:func:`build_results_only` in its own process group, started now; :meth:`result` waits.
    Its output goes to a file (a pipe nobody reads would fill up and stop the build)."""

    def __init__(self, root: Path, cores: int = 1, niceness: int = 19) -> None:
        self.root, self.log = root, root.parent / f"{root.name}.log"
        with self.log.open("w", encoding="utf-8") as out:
            self.proc = subprocess.Popen(
                ["nice", "-n", str(niceness), *snakemake_command(*results_only_targets(),
                                                                 cores=cores)],
                cwd=root, env=env_for(root), stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)

    def result(self, timeout: float = BUILD_TIMEOUT_S) -> Build:
        """The finished build (waits at most ``timeout`` seconds more, then stops it)."""
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise
        return Build(self.root, code, self.log.read_text(encoding="utf-8", errors="replace"))

    def stop(self) -> None:
        """End the build's processes if it is still running (the session ends without it)."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


#: the fixture whose tests need the second cold build (tests/trust/conftest.py)
SECOND_BUILD_USER = "cold_builds"


@pytest.fixture(scope="session", autouse=True)
def background_results_build(request, tmp_path_factory) -> Iterator[BackgroundBuild | None]:
    """The determinism test's second cold build (results only), started at the session's first
    test when a selected test needs it, with ``--cores 1`` at the lowest priority (``nice -n
    19``): it takes what the full build and the tests leave of the two cores, and a core count
    and job order other than the full build's. ``None`` when no selected test needs it."""
    if not any(SECOND_BUILD_USER in item.fixturenames for item in request.session.items):
        yield None
        return
    second = BackgroundBuild(copy_repo(tmp_path_factory.mktemp("build_b")))
    try:
        yield second
    finally:
        second.stop()


@pytest.fixture(scope="session")
def full_build(tmp_path_factory) -> Build:
    """``make reproduce`` from a clean state in a temporary copy of the repository, or the copy
    named by ``ZORGPILOTS_TEST_BUILD`` (one already built that way: no second cold build)."""
    built = os.environ.get("ZORGPILOTS_TEST_BUILD")
    if built:
        return Build(Path(built), 0, f"reused the build in {built}")
    return build(copy_repo(tmp_path_factory.mktemp("build_a")))
