"""The pipeline in a temporary copy of the repository: caching, reruns and failure isolation.

Runs the real Snakefile (trimmed to two small runs: ``praktijkwijzer_norm``, a real notebook of a
few seconds, and a notebook that fails on demand) so that what `make reproduce` promises is
tested, not claimed: a no-op run does nothing, a change reruns exactly what depends on it, and a
failing notebook leaves the other reports built, names the notebook and cell, exits non-zero and
keeps its own last good report.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from analysis import paths
from tests.conftest import build, copy_repo, env_for, run_snakemake

pytestmark = pytest.mark.pipeline

# the real notebook of the trimmed copy (its run takes a few seconds), the one module of the package
# it imports that the flaky notebook does not, and a parameter it declares
REAL, REAL_MODULE, REAL_PARAMETER = "praktijkwijzer_norm", "practice_norm", "practice_list_size"

FLAKY_NOTEBOOK = """
fail = False
results_path = ""
"""


def edit(path: Path) -> None:
    """Really change a notebook (Snakemake compares checksums, so a bare touch is no change)."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(f"edited {time.time_ns()}"))
    nbformat.write(nb, path)


def make_flaky_notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(FLAKY_NOTEBOOK.strip())
    params.metadata["tags"] = ["parameters"]
    body = nbformat.v4.new_code_cell(
        "from analysis.results import Results\n"
        "res = Results(study='test')\n"
        "res.extension('flaky_value', 'a value', 'n', 1.0)\n"
        "from pathlib import Path\n"
        "if fail or Path('../fail-now').exists():  # the second: a cause outside its inputs\n"
        "    raise RuntimeError('deliberate failure')\n"
        "res.write(results_path)"
    )
    nb.cells = [nbformat.v4.new_markdown_cell("# Flaky"), params, body]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = copy_repo(tmp_path_factory.mktemp("repo"))
    for f in (root / "config" / "runs").glob("*.yaml"):
        f.unlink()
    for f in (root / "notebooks").glob("*.ipynb"):
        if f.stem != REAL:
            f.unlink()
    cfg = yaml.safe_load((paths.ROOT / f"config/runs/{REAL}.yaml").read_text())
    cfg["runs"] = [{"id": REAL, "parameters": {}}]
    (root / f"config/runs/{REAL}.yaml").write_text(yaml.safe_dump(cfg))
    make_flaky_notebook(root / "notebooks" / "flaky.ipynb")
    (root / "config/runs/flaky.yaml").write_text(
        yaml.safe_dump(
            {
                "notebook": "notebooks/flaky.ipynb",
                "title": "Flaky",
                "study": "test",
                "source": "none",
                "summary": "A notebook that fails on demand.",
                "runs": [{"id": "flaky", "parameters": {}}],
            }
        )
    )
    return root


def snakemake(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return run_snakemake(repo, "publish_all", *args)


# a primary run's new results rebuild the ledger of findings and the audit page (one writer)
LEDGER_JOBS = {"ledger": 1, "publish_ledger": 1}


def planned_jobs(repo: Path) -> dict[str, int]:
    out = snakemake(repo, "-n", "--quiet", "rules")
    assert out.returncode == 0, out.stderr
    jobs = {}
    for line in (out.stdout + out.stderr).splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit() and parts[0] not in ("total", "job"):
            jobs[parts[0]] = int(parts[1])
    return jobs


def test_cold_build_then_noop_then_targeted_rerun(repo):
    first = snakemake(repo)
    assert first.returncode == 0, first.stderr[-3000:]
    for run in (REAL, "flaky"):
        assert (repo / f"reports/executed/{run}.ipynb").is_file()
        assert (repo / f"reports/figures/{run}-headline.png").is_file()
        assert (repo / f"reports/results/{run}.csv").is_file()
    # a second run with nothing changed does no notebook work
    assert planned_jobs(repo) == {}
    # touching without a change is not a change (Snakemake compares input checksums)
    os.utime(repo / "notebooks/flaky.ipynb")
    assert planned_jobs(repo) == {}
    # editing one notebook reruns exactly that notebook's parameter check (a rule whose input is
    # the notebook), its run (executed, headline figure) and publish
    edit(repo / "notebooks/flaky.ipynb")
    assert planned_jobs(repo) == {"check_parameters": 1, "run_notebook": 1, "publish": 1,
                                  **LEDGER_JOBS, "publish_all": 1}
    assert snakemake(repo).returncode == 0
    # editing a module reruns the notebooks that import it (REAL uses it; flaky does not)
    with (repo / f"src/analysis/{REAL_MODULE}.py").open("a") as f:
        f.write("\n# edited\n")
    assert planned_jobs(repo) == {"run_notebook": 1, "publish": 1, **LEDGER_JOBS, "publish_all": 1}
    assert snakemake(repo).returncode == 0
    # a parameter change in the config reruns that run
    cfg_path = repo / f"config/runs/{REAL}.yaml"
    cfg = yaml.safe_load(cfg_path.read_text())
    cfg["runs"][0]["parameters"][REAL_PARAMETER] = 8000
    cfg_path.write_text(yaml.safe_dump(cfg))
    assert planned_jobs(repo).get("run_notebook") == 1


def test_failing_notebook_is_isolated(repo):
    assert snakemake(repo).returncode == 0
    good_executed = (repo / "reports/executed/flaky.ipynb").read_bytes()
    good_csv = (repo / "reports/results/flaky.csv").read_bytes()
    cfg_path = repo / "config/runs/flaky.yaml"
    cfg = yaml.safe_load(cfg_path.read_text())
    cfg["runs"][0]["parameters"] = {"fail": True}
    cfg_path.write_text(yaml.safe_dump(cfg))
    edit(repo / f"notebooks/{REAL}.ipynb")  # the other report must rebuild
    before = (repo / f"reports/results/{REAL}.csv").stat().st_mtime_ns
    out = snakemake(repo)
    assert out.returncode != 0
    log = out.stdout + out.stderr
    assert "FAILED run flaky: notebook notebooks/flaky.ipynb, cell 3 (counting from 1" in log, log[
        -3000:
    ]
    assert "RuntimeError: deliberate failure" in log
    # the failing run's last good report is untouched; the failed notebook is kept for inspection
    assert (repo / "reports/executed/flaky.ipynb").read_bytes() == good_executed
    assert (repo / "reports/results/flaky.csv").read_bytes() == good_csv
    assert (repo / "reports/failed/flaky.ipynb").is_file()
    # the other run was rebuilt in the same invocation
    assert (repo / f"reports/results/{REAL}.csv").stat().st_mtime_ns > before
    # `make reproduce` (analysis.pipeline.reproduce): the same failure, the index still built and
    # flagging it, the failed runs listed, a non-zero exit
    out = subprocess.run(
        [sys.executable, "-m", "analysis.pipeline.reproduce", "--snakefile", "workflow/Snakefile",
         "--profile", "config/profiles/local", "--cores", "2", "publish_all"],
        cwd=repo, env=env_for(repo), capture_output=True, text=True,
    )
    assert out.returncode == 1, out.stderr[-3000:]
    assert "index: " in out.stdout
    assert "Failed runs" in out.stderr and "  - flaky: see reports/failed/flaky.ipynb" in out.stderr
    index = (repo / "reports/index.html").read_text()
    assert "Runs that failed in the last build" in index and "flaky" in index
    # ... and the launcher retried it (nothing it depends on changed since the last attempt)
    assert "FAILED run flaky" in out.stderr


def test_failed_run_is_retried_until_it_succeeds(repo):
    # A run can fail with none of its inputs changed (a kernel that died, a full disk). Its last
    # good report then looks up to date to Snakemake, so `make reproduce` raises its retry counter.
    cfg_path = repo / "config/runs/flaky.yaml"
    cfg = yaml.safe_load(cfg_path.read_text())
    cfg["runs"][0]["parameters"] = {}
    cfg_path.write_text(yaml.safe_dump(cfg))
    assert build(repo).returncode == 0
    assert not list((repo / "reports/failed").glob("*.ipynb"))
    good_csv = (repo / "reports/results/flaky.csv").read_bytes()
    (repo / "fail-now").touch()  # not an input of any rule
    edit(repo / "notebooks/flaky.ipynb")  # so that the run is executed (and fails)
    failing = build(repo)
    assert failing.returncode == 1 and "FAILED run flaky" in failing.log
    assert (repo / "reports/failed/flaky.ipynb").is_file()
    assert (repo / "reports/results/flaky.csv").read_bytes() == good_csv
    assert "FAILED run flaky" in build(repo).log  # retried, though nothing it depends on changed
    (repo / "fail-now").unlink()
    retried = build(repo)
    assert retried.returncode == 0, retried.log[-3000:]
    assert "ran flaky in" in retried.log and f"ran {REAL}" not in retried.log
    assert not (repo / "reports/failed/flaky.ipynb").exists()  # a successful retry clears it
    again = build(repo)
    assert again.returncode == 0 and "Nothing to be done" in again.log
