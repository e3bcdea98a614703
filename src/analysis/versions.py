"""What every colophon (notebook and index page) reports: package versions and the git commit."""

import subprocess
from collections.abc import Iterable
from importlib import metadata

from analysis import paths

PACKAGES = (
    "numpy",
    "pandas",
    "scipy",
    "statsmodels",
    "matplotlib",
    "seaborn",
    "frictionless",
    "papermill",
    "nbconvert",
    "snakemake",
)


def package_versions(packages: Iterable[str] = PACKAGES) -> list[str]:
    """``name version`` of each of ``packages`` that is installed (the others left out)."""
    out = []
    for pkg in packages:
        try:
            out.append(f"{pkg} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            continue
    return out


def git(*args: str) -> str:
    """Output of a git command in the repository, or "" when git is unavailable."""
    try:
        out = subprocess.run(["git", *args], cwd=paths.ROOT, capture_output=True, text=True,
                             timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip()


def git_commit(short: bool = False) -> str:
    """The checked-out commit (``unknown`` outside a git checkout)."""
    return git("rev-parse", *(["--short"] if short else []), "HEAD") or "unknown"
