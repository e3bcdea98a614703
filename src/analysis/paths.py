"""Where things are: repository root, data and report folders.

Every notebook and module builds paths from here, so a notebook runs the same from the
repository root, from ``notebooks/`` or from a temporary papermill folder.
"""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    env = os.environ.get("ZORGPILOTS_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in [Path.cwd().resolve(), *Path.cwd().resolve().parents, *here.parents]:
        if (parent / "pyproject.toml").is_file() and (parent / "data" / "raw").is_dir():
            return parent
    raise FileNotFoundError(
        "cannot find the repository root (a folder with pyproject.toml and data/raw); "
        "set ZORGPILOTS_ROOT"
    )


ROOT: Path = _find_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
PRIVATE = DATA / "private"
REPORTS = ROOT / "reports"
RESULTS = REPORTS / "results"
FIGURES = REPORTS / "figures"
NOTEBOOKS = ROOT / "notebooks"
CONFIG = ROOT / "config"
# the five source documents; ZORGPILOTS_SEEDS points a copy of the repository at them
SEEDS = Path(os.environ.get("ZORGPILOTS_SEEDS") or ROOT.parent / "shared" / "seeds")


def resolve(path: str | os.PathLike[str]) -> Path:
    """Resolve a path given as a notebook parameter: absolute, or relative to the repo root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else ROOT / p


def site_page(run_id: str, primary: bool) -> str:
    """The page of a run on the site, relative to ``reports/``: ``site/studies/<run>.html`` for
    an evaluation's primary run, ``site/scenarios/<run>.html`` for its other runs."""
    return f"site/{'studies' if primary else 'scenarios'}/{run_id}.html"
