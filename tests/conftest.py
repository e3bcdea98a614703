"""Shared fixtures: one cold build of the whole pipeline per session, and the results rows of
every notebook's primary run taken from it (so each notebook runs once for all the tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


def run_snakemake(root: Path, *targets: str, cores: int = 2) -> subprocess.CompletedProcess:
    """The real Snakefile in ``root``, cold or not, with ``make reproduce``'s profile."""
    return subprocess.run([sys.executable, "-m", "snakemake", "--snakefile", "workflow/Snakefile",
                           "--profile", "config/profiles/local", "--cores", str(cores), *targets],
                          cwd=root, env=env_for(root), capture_output=True, text=True,
                          timeout=BUILD_TIMEOUT_S)


def build(root: Path, cores: int = 2) -> Build:
    """``make reproduce`` in ``root``: Snakemake ``publish_all`` then the index page, in one
    process (``analysis.pipeline.reproduce``, the command ``make reproduce`` runs)."""
    out = subprocess.run([sys.executable, "-m", "analysis.pipeline.reproduce", "--snakefile",
                          "workflow/Snakefile", "--profile", "config/profiles/local",
                          "--cores", str(cores), "publish_all"],
                         cwd=root, env=env_for(root), capture_output=True, text=True,
                         timeout=BUILD_TIMEOUT_S)
    return Build(root, out.returncode, out.stdout + out.stderr)


def build_results_only(root: Path, cores: int = 2) -> Build:
    """Every run's ``<build_dir>/<run>/results.{csv,json}`` and every synthetic dataset, cold,
    without rendering HTML (``--config render=false``)."""
    from analysis.pipeline import config as pc

    targets = [f"{BUILD}/{r.id}/results.{ext}" for r in pc.runs() for ext in ("csv", "json")]
    sm = run_snakemake(root, "synthetic_all", *targets, "--config", "render=false", cores=cores)
    return Build(root, sm.returncode, sm.stdout + sm.stderr)


@pytest.fixture(scope="session")
def full_build(tmp_path_factory) -> Build:
    """``make reproduce`` from a clean state in a temporary copy of the repository, or the copy
    named by ``ZORGPILOTS_TEST_BUILD`` (one already built that way: no second cold build)."""
    built = os.environ.get("ZORGPILOTS_TEST_BUILD")
    if built:
        return Build(Path(built), 0, f"reused the build in {built}")
    return build(copy_repo(tmp_path_factory.mktemp("build_a")))
