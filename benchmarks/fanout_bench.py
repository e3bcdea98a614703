"""Fan-out at scale: the example grids of config/examples/sensitivity_grid.yaml.

``python benchmarks/fanout_bench.py`` measures, in temporary copies of the repository:
the dry run of the 300-run grid added to the shipped runs (local, and with the SLURM profile),
and a real local build (``publish_all``, pages included) of the 20-run grid alone.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import repo_copy  # noqa: E402

from analysis import paths  # noqa: E402

EXAMPLE = paths.ROOT / "config" / "examples" / "sensitivity_grid.yaml"
CONFIG = "config/runs/poh_jeugd_business_case.yaml"


def _with_entry(repo: Path, entry_id: str, alone: bool) -> None:
    entry = next(e for e in yaml.safe_load(EXAMPLE.read_text()) if e["id"] == entry_id)
    cfg_file = repo / CONFIG
    cfg = yaml.safe_load(cfg_file.read_text())
    cfg["runs"] = [entry] if alone else [*cfg["runs"], entry]
    cfg_file.write_text(yaml.safe_dump(cfg, sort_keys=False))
    if alone:
        for other in (repo / "config" / "runs").glob("*.yaml"):
            if other != cfg_file:
                other.unlink()


def _snakemake(repo: Path, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "snakemake", "--snakefile", "workflow/Snakefile",
                          *args], cwd=repo, env=repo_copy.env_for(repo), capture_output=True,
                         text=True, timeout=3000)
    return time.perf_counter() - t0, out


def measure(cores: int = 2) -> dict:
    """Seconds: dry run of 300 runs (local, SLURM profile) and a local build of 20 runs."""
    figures: dict[str, float | int | bool] = {}
    with tempfile.TemporaryDirectory(prefix="zorg-fanout-") as tmp:
        repo = repo_copy.copy_repo(Path(tmp) / "grid300")
        _with_entry(repo, "poh_jeugd_business_case__grid", alone=False)
        secs, out = _snakemake(repo, "--cores", str(cores), "--dry-run", "publish_all",
                               "--quiet", "rules")
        figures["dry_run_300_local_s"] = secs
        figures["dry_run_300_local_ok"] = out.returncode == 0
        secs, out = _snakemake(repo, "--profile", "config/profiles/slurm", "--dry-run",
                               "publish_all", "--quiet", "rules")
        figures["dry_run_300_slurm_s"] = secs
        figures["dry_run_300_slurm_ok"] = out.returncode == 0
        repo = repo_copy.copy_repo(Path(tmp) / "grid20")
        _with_entry(repo, "poh_jeugd_business_case__grid20", alone=True)
        secs, out = _snakemake(repo, "--cores", str(cores), "publish_all")
        figures["build_20_local_s"] = secs
        figures["build_20_local_ok"] = out.returncode == 0 and len(
            list((repo / "reports" / "results").glob("*.csv"))) == 20
    return figures


if __name__ == "__main__":
    print(measure())
