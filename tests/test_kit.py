"""The kit from a fresh copy: ``make new-evaluation`` then ``make check-evaluation`` pass on a
throwaway evaluation, and a broken one gets messages that name the fixing command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis import paths
from analysis.kit import scaffold
from tests.conftest import copy_repo, env_for

SOURCE = "004_f014f4dd1ed6983f.txt:3151-3160"


def kit(root, *args):
    env = {**env_for(root), "ZORGPILOTS_SEEDS": str(paths.SEEDS)}
    return subprocess.run([sys.executable, "-m", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    root = copy_repo(tmp_path_factory.mktemp("kit"))
    out = kit(root, "analysis.kit.scaffold", "--name", "throwaway_eval", "--study", "throwaway",
              "--source", SOURCE)
    assert out.returncode == 0, out.stderr[-2000:]
    return root


def test_scaffold_writes_every_file(scaffolded):
    root = scaffolded
    for f in ("data/raw/throwaway/datapackage.json", "data/raw/throwaway/text_values.csv",
              "notebooks/throwaway_eval.ipynb", "config/runs/throwaway_eval.yaml",
              "tests/results/test_throwaway_eval.py"):
        assert (root / f).is_file(), f
    dp = json.loads((root / "data/raw/throwaway/datapackage.json").read_text(encoding="utf-8"))
    res = dp["resources"][0]
    assert res["structure"] == {}
    assert res["sources"][0]["title"] == "004_f014f4dd1ed6983f.txt"
    assert "`throwaway_eval.ipynb`" in (root / "README.md").read_text(encoding="utf-8")
    nb = (root / "notebooks/throwaway_eval.ipynb").read_text(encoding="utf-8")
    for section in ("## Question", "## Data and provenance", "## Method", "## Key findings",
                    "## Results", "## Limitations", "## What it means for the pilot's claim",
                    "## Reproducibility"):
        assert section in nb


def test_check_evaluation_passes_then_names_the_fix(scaffolded):
    root = scaffolded
    out = kit(root, "analysis.kit.check", "throwaway_eval")
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "all checks pass" in out.stdout
    # a number that is not on its cited line, and a stale notebook
    (root / "data/raw/throwaway/text_values.csv").write_text(
        "key,statement_nl,quantity_en,value,unit,decimals,line\n"
        "x,Bijlage 6,wrong number,4242,count,0,3151\n", encoding="utf-8")
    out = kit(root, "analysis.kit.check", "throwaway_eval")
    assert out.returncode == 1
    assert "4242.0 not on line 3151" in out.stdout
    assert "make check-evaluation NAME=throwaway_eval" in out.stdout
    assert "make notebooks NB=notebooks/throwaway_eval.ipynb" in out.stdout


def test_scaffold_refuses_bad_input(tmp_path):
    with pytest.raises(scaffold.ScaffoldError, match="expected file:lines"):
        scaffold.scaffold("x", "y", "no-lines", root=tmp_path)
    with pytest.raises(scaffold.ScaffoldError, match="lower case"):
        scaffold.scaffold("Bad-Name", "y", SOURCE, root=tmp_path)
