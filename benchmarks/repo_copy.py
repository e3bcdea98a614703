"""A throw-away copy of the repository for timing the pipeline without touching the working tree.

Copies the files git knows about (tracked and untracked-but-not-ignored, as
``tests/test_pipeline.py`` does) and links the installed ``.venv`` so ``make`` finds its install
stamp and does not reinstall.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from analysis import paths
from analysis.pipeline.config import settings


def repo_files(root: Path = paths.ROOT) -> list[str]:
    """Files of the working tree that git tracks or would track (read-only git query)."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                         cwd=root, capture_output=True, text=True, check=True).stdout
    return [f for f in out.splitlines() if (root / f).is_file()]


def copy_repo(dst: Path, root: Path = paths.ROOT) -> Path:
    """Copy the repository's files into ``dst`` and link ``.venv``; built outputs are not copied."""
    for f in repo_files(root):
        built = ("reports/", "data/processed/", settings()["build_dir"] + "/")
        if f.startswith(built) and not f.endswith(".gitkeep"):
            continue
        target = dst / f
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / f, target)
    venv = root / ".venv"
    if venv.is_dir():
        (dst / ".venv").symlink_to(venv)
    return dst


def env_for(repo: Path) -> dict[str, str]:
    """Environment for the copy: ``analysis.paths`` points at it, its ``src`` comes before the
    editable install of the working tree (so edits others make meanwhile do not leak in), and
    the venv is first on PATH."""
    return {**os.environ, "ZORGPILOTS_ROOT": str(repo), "MPLBACKEND": "Agg",
            "PYTHONPATH": str(repo / "src"),
            "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
