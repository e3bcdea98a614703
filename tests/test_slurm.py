"""The SLURM profile on a real (single-node, localhost) SLURM cluster.

`pytest -m slurm tests/test_slurm.py` starts munged, slurmctld and slurmd with state in a
temporary folder (tests/slurm_cluster.py), runs ``snakemake --profile config/profiles/slurm
publish_all`` on a fresh copy of the repository, and checks that every job went through
``sbatch`` (the controller's job-completion log lists each one, by job id, as COMPLETED in that
copy) and that the results tables are byte-identical to the local build of the same runs. Where
SLURM and munge are not installed, or this is not root, the test is skipped with that reason.

To keep CI short, the copy configures a few evaluations (SLURM_EVALUATIONS: one run per
notebook with synthetic data and one without); ``ZORGPILOTS_SLURM_ALL=1`` runs every configured
run. Without an accounting database the plugin asks ``squeue`` for job states (the profile
itself keeps the plugin's default, ``sacct``, for real clusters).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from analysis import paths
from analysis.pipeline import config as pc
from tests import slurm_cluster
from tests.conftest import copy_repo, env_for

pytestmark = pytest.mark.slurm

SLURM_EVALUATIONS = ("registration_format", "ycnd_bmi", "praktijkwijzer_norm")
TIMEOUT_S = 1200


def _keep_only(root, names) -> None:
    for f in (root / "config" / "runs").glob("*.yaml"):
        if f.stem not in names:
            f.unlink()


@pytest.fixture(scope="module")
def slurm_build(tmp_path_factory):
    reason = slurm_cluster.unavailable()
    if reason:
        pytest.skip(reason)
    cluster = slurm_cluster.start(tmp_path_factory.mktemp("slurm"))
    try:
        root = copy_repo(tmp_path_factory.mktemp("repo_slurm"))
        everything = os.environ.get("ZORGPILOTS_SLURM_ALL") == "1"
        if not everything:
            _keep_only(root, SLURM_EVALUATIONS)
        env = {**env_for(root), "SLURM_CONF": cluster.env["SLURM_CONF"],
               "PATH": f"{cluster.root / 'bin'}:{env_for(root)['PATH']}"}
        out = subprocess.run(
            [sys.executable, "-m", "snakemake", "--snakefile", "workflow/Snakefile",
             "--profile", "config/profiles/slurm", "--slurm-status-command", "squeue",
             "--slurm-init-seconds-before-status-checks", "1", "--latency-wait", "5",
             "publish_all"],
            cwd=root, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
        queue = cluster.run("squeue", "-h", "-t", "all", "-o", "%i %T %Z").stdout
        yield root, out, cluster.log("jobcomp.log"), queue
    finally:
        cluster.stop()


def test_every_job_went_through_sbatch(slurm_build):
    root, out, jobcomp, _queue = slurm_build
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-4000:]
    submitted = re.findall(r"submitted with SLURM jobid (\d+)", log)
    if os.environ.get("ZORGPILOTS_SLURM_ALL") == "1":
        runs = pc.runs()
        synth = pc.synthetic_datasets()
    else:
        evs = [e for e in pc.evaluations() if e.name in SLURM_EVALUATIONS]
        runs = [r for e in evs for r in e.runs]
        synth = {s.output for e in evs for s in e.synthetic_data}
    # + 2: the ledger inputs (findings, keys and statements from data/raw) and the
    # ledger (findings table and audit page) are cluster jobs too
    assert len(submitted) == len(runs) + len(synth) + 2, log[-4000:]
    completed = {m.group(1) for m in re.finditer(
        r"JobId=(\d+) .*JobState=COMPLETED .*WorkDir=" + re.escape(str(root)) + r" ", jobcomp)}
    assert completed == set(submitted), jobcomp
    # the published reports of every run exist, built on the cluster
    for run in runs:
        for rel in (f"reports/results/{run.id}.csv", f"reports/executed/{run.id}.ipynb"):
            assert (root / rel).is_file(), rel


def test_results_are_byte_identical_to_a_local_build(slurm_build, full_build):
    root, out, _jobcomp, _queue = slurm_build
    assert out.returncode == 0, (out.stdout + out.stderr)[-4000:]
    tables = sorted((root / "reports" / "results").glob("*.[cj]s*"))
    assert tables
    for table in tables:
        local = full_build.root / "reports" / "results" / table.name
        assert local.read_bytes() == table.read_bytes(), table.name
    for data in sorted((root / "data" / "processed").glob("*.csv")):
        assert (full_build.root / "data" / "processed" / data.name).read_bytes() == \
            data.read_bytes(), data.name
    assert root != paths.ROOT
