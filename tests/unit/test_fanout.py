"""Fan-out of runs from a grid of assumptions or a CSV table (analysis.pipeline.fanout)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml

from analysis import paths
from analysis.pipeline import config as pc
from analysis.pipeline import fanout

EXAMPLE = paths.ROOT / "config" / "examples" / "sensitivity_grid.yaml"


def test_grid_is_the_product_first_key_slowest():
    runs = fanout.expand({"id": "x", "grid": {"a": [1, 2], "b": [0.1, 0.2, 0.3]},
                          "parameters": {"c": "k"}}, "f.yaml")
    assert [r for r, _ in runs] == [f"x-{k}" for k in range(1, 7)]
    assert runs[0][1] == {"c": "k", "a": 1, "b": 0.1}
    assert runs[2][1] == {"c": "k", "a": 1, "b": 0.3}
    assert runs[3][1] == {"c": "k", "a": 2, "b": 0.1}


def test_ids_are_zero_padded_to_one_width():
    runs = fanout.expand({"id": "g", "grid": {"a": list(range(12))}}, "f.yaml")
    assert runs[0][0] == "g-01" and runs[-1][0] == "g-12"


def test_csv_rows_become_runs_named_by_the_run_column(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    (tmp_path / "t.csv").write_text("run,municipality,share\nm1,Meerssen,0.6\nm2,Maastricht,\n")
    runs = fanout.expand({"id": "bc", "from_csv": "t.csv"}, "f.yaml")
    assert runs == [("bc-m1", {"municipality": "Meerssen", "share": 0.6}),
                    ("bc-m2", {"municipality": "Maastricht", "share": None})]


def test_csv_without_run_column_is_numbered(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    (tmp_path / "t.csv").write_text("share\n0.5\n0.6\ntrue\n")
    assert fanout.expand({"id": "s", "from_csv": "t.csv"}, "f.yaml") == [
        ("s-1", {"share": 0.5}), ("s-2", {"share": 0.6}), ("s-3", {"share": True})]


@pytest.mark.parametrize(("entry", "message"), [
    ({"id": "x", "grid": {"a": []}}, "grid 'a' must be a non-empty list"),
    ({"id": "x", "grid": {"a": 1}}, "grid 'a' must be a non-empty list"),
    ({"id": "x", "grid": {"a": [1]}, "parameters": {"a": 2}}, "['a'] both fixed and varied"),
    ({"id": "x", "grid": {"a": [1]}, "from_csv": "t.csv"}, "grid or from_csv, not both"),
    ({"id": "x", "griddd": {"a": [1]}}, "unknown key(s) ['griddd']"),
    ({"id": "x", "from_csv": "missing.csv"}, "from_csv file missing.csv does not exist"),
])
def test_bad_entries_name_the_file(entry, message):
    with pytest.raises(fanout.FanoutError, match=re.escape(message)) as err:
        fanout.expand(entry, "config/runs/f.yaml")
    assert "config/runs/f.yaml" in str(err.value)


def test_ragged_csv_names_the_line(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    (tmp_path / "t.csv").write_text("a,b\n1,2\n3\n")
    with pytest.raises(fanout.FanoutError, match=r"t.csv: line 3: 1 cells, the header has 2"):
        fanout.expand({"id": "x", "from_csv": "t.csv"}, "f.yaml")


def test_example_grid_is_300_runs_in_one_line():
    entries = yaml.safe_load(EXAMPLE.read_text())
    grid = next(e for e in entries if e["id"] == "poh_jeugd_business_case__grid")
    assert len(fanout.expand(grid, str(EXAMPLE))) == 300
    lines = [ln for ln in EXAMPLE.read_text().splitlines()
             if "poh_jeugd_business_case__grid," in ln]
    assert len(lines) == 1  # one line of config


def test_shipped_config_has_no_large_grid():
    assert len(pc.runs()) < 50


@pytest.mark.pipeline
def test_dry_run_of_a_300_run_grid(tmp_path):
    """The example grid pasted into a copy's config: Snakemake plans 300 more notebook jobs."""
    from tests.conftest import copy_repo, env_for

    root = copy_repo(tmp_path / "repo")
    cfg_file = root / "config" / "runs" / "poh_jeugd_business_case.yaml"
    cfg = yaml.safe_load(cfg_file.read_text())
    grid = next(e for e in yaml.safe_load(EXAMPLE.read_text())
                if e["id"] == "poh_jeugd_business_case__grid")
    cfg["runs"].append(grid)
    cfg_file.write_text(yaml.safe_dump(cfg, sort_keys=False))
    out = subprocess.run([sys.executable, "-m", "snakemake", "--snakefile", "workflow/Snakefile",
                          "--cores", "1", "--dry-run", "publish_all", "--quiet", "rules"],
                         cwd=root, env={**env_for(root), **os.environ,
                                        "ZORGPILOTS_ROOT": str(root)},
                         capture_output=True, text=True, timeout=600)
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-3000:]
    n = len(pc.runs()) + 300
    assert re.search(rf"^run_notebook\s+{n}$", log, flags=re.M), log[-3000:]
    assert re.search(rf"^publish\s+{n}$", log, flags=re.M), log[-3000:]
