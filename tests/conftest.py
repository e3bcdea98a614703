"""Shared fixtures: run a notebook once per session and hand its results rows to the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import papermill as pm
import pytest

from analysis import paths, results

_CACHE: dict[str, pd.DataFrame] = {}


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
    pm.execute_notebook(
        str(paths.NOTEBOOKS / f"{name}.ipynb"),
        str(tmp_dir / f"{name}.ipynb"),
        parameters={"results_path": str(out_csv), **parameters},
        kernel_name="python3",
        cwd=str(paths.NOTEBOOKS),
        progress_bar=False,
    )
    return results.read(out_csv).set_index("id")


@pytest.fixture(scope="session")
def notebook_results(tmp_path_factory):
    """``notebook_results("poh_jeugd_business_case")`` → its results rows indexed by id."""

    def get(name: str) -> pd.DataFrame:
        if name not in _CACHE:
            _CACHE[name] = run_notebook(name, tmp_path_factory.mktemp(name))
        return _CACHE[name]

    return get
