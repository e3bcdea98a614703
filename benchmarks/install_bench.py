"""Install time from an empty virtual environment and the environment's size on disk.

``python3.11 -m venv X && X/bin/pip install -r requirements.lock`` in a temporary folder, with the
machine's pip configuration as it is (its index, mirrors and cache decide most of the time).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from analysis import paths


def tree_bytes(root: Path) -> int:
    """Bytes of all regular files under ``root`` (as ``du -sb``, symlinks not followed)."""
    total = 0
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = Path(dirpath) / f
            if not p.is_symlink():
                total += p.stat().st_size
    return total


def measure(python: str = "python3.11") -> dict:
    exe = shutil.which(python) or python
    with tempfile.TemporaryDirectory(prefix="zorgpilots-venv-") as tmp:
        venv = Path(tmp) / "venv"
        start = time.perf_counter()
        subprocess.run([exe, "-m", "venv", str(venv)], check=True)
        out = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "-r",
                              str(paths.ROOT / "requirements.lock")],
                             capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if out.returncode != 0:
            raise RuntimeError(f"pip install -r requirements.lock failed:\n{out.stderr[-2000:]}")
        n_packages = len(subprocess.run([str(venv / "bin" / "pip"), "list", "--format=freeze"],
                                        capture_output=True, text=True).stdout.splitlines())
        return {"seconds": seconds, "bytes": tree_bytes(venv), "packages": n_packages}
