"""The SLURM profile (config/profiles/slurm) plans the real pipeline without a cluster.

A dry run (`snakemake -n --profile config/profiles/slurm`) in a temporary copy of the repository
(nothing built yet, so every job is planned) must: use the SLURM executor plugin, plan one
`run_notebook` job (execute and render) per configured run with the profile's resources, and never
call submit or cancel anything. Stand-ins for the SLURM commands that record being called and fail
are put first on PATH, so a dry run that needed the cluster would be caught, not skipped. (The
plugin probes `scontrol show config` and carries on when it fails; probes that only read are
allowed.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from analysis import paths
from analysis.pipeline import config as pc

pytestmark = pytest.mark.pipeline

PROFILE = paths.ROOT / "config" / "profiles" / "slurm"
SLURM_COMMANDS = ("sbatch", "squeue", "sacct", "sinfo", "scancel", "srun", "sacctmgr", "scontrol")
SUBMITTING = ("sbatch", "srun", "scancel")
READ_ONLY = ("scontrol", "sinfo", "squeue", "sacct", "sacctmgr")
COPIED = ("workflow", "config", "notebooks", "data/raw", "src", "pyproject.toml")


@pytest.fixture(scope="module")
def dry_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    root = tmp_path_factory.mktemp("repo")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints")
    for item in COPIED:
        src = paths.ROOT / item
        if src.is_dir():
            shutil.copytree(src, root / item, ignore=ignore)
        else:
            shutil.copy2(src, root / item)
    fake_bin = tmp_path_factory.mktemp("fake_slurm")
    calls = fake_bin / "calls.log"
    for cmd in SLURM_COMMANDS:
        script = fake_bin / cmd
        script.write_text(f'#!/bin/sh\necho "{cmd} $*" >> "{calls}"\nexit 1\n')
        script.chmod(0o755)
    env = {**os.environ, "ZORGPILOTS_ROOT": str(root),
           "PATH": f"{fake_bin}:{Path(sys.executable).parent}:{os.environ['PATH']}"}
    out = subprocess.run(
        [sys.executable, "-m", "snakemake", "--snakefile", "workflow/Snakefile",
         "--profile", "config/profiles/slurm", "--dry-run", "publish_all"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300)
    return out, calls


def test_profile_is_a_documented_slurm_profile():
    cfg = yaml.safe_load((PROFILE / "config.yaml").read_text())
    assert cfg["executor"] == "slurm"
    resources = dict(r.split("=", 1) for r in cfg["default-resources"])
    assert {"runtime", "mem_mb", "cpus_per_task"} <= set(resources)
    text = (PROFILE / "config.yaml").read_text()
    assert "slurm_account" in text and "slurm_partition" in text  # how to fill in a site
    import snakemake_executor_plugin_slurm  # noqa: F401  the plugin is installed (lock file)


def test_dry_run_plans_every_configured_run_as_a_cluster_job(dry_run):
    out, calls = dry_run
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-3000:]
    assert "Using profile config/profiles/slurm" in log
    called = calls.read_text().splitlines() if calls.exists() else []
    submitting = [c for c in called if c.split()[0] in SUBMITTING]
    assert not submitting, f"the dry run submitted to SLURM: {submitting}"
    assert all(c.split()[0] in READ_ONLY for c in called), called
    n_runs = len(pc.runs())
    stats = dict(re.findall(r"^(run_notebook|render|publish)\s+(\d+)$", log, flags=re.M))
    assert stats == {"run_notebook": str(n_runs), "publish": str(n_runs)}
    # every configured run, by id, is one job with the profile's resources
    for run in pc.runs():
        assert f"python -m analysis.pipeline.run_notebook {run.id} .build/{run.id}" in log
    blocks = log.split("\nrule ")
    notebook_jobs = [b for b in blocks if b.startswith("run_notebook:")]
    assert len(notebook_jobs) == n_runs
    for block in notebook_jobs:
        assert re.search(r"resources: .*mem_mb=4000.*runtime=20.*cpus_per_task=1", block), block
    # each job also takes its headline figure, and renders no HTML (the site does)
    for block in notebook_jobs:
        assert re.search(r"output: .*/executed\.ipynb, .*/headline\.png", block), block
        assert ".html" not in block, block
    # copying into reports/ is a local rule (a dry run shows every job as local, so read the
    # directive itself)
    snakefile = (paths.ROOT / "workflow" / "Snakefile").read_text()
    local = re.search(r"^localrules:(.*)$", snakefile, flags=re.M)
    assert local and {"publish", "publish_all"} <= {r.strip() for r in local.group(1).split(",")}
