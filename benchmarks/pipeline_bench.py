"""Timings of `make reproduce` in a temporary copy of the repo: cold, no-op, one notebook edited.

Each notebook run prints ``ran <run> in <s> s`` (papermill execution, kernel start-up included);
their sum is "the notebooks' own run times". Everything else in a rebuild (Snakefile parsing and the
parameter check, synthetic data, rendering HTML, copying, the index page) is overhead.
"""

from __future__ import annotations

import re
import resource
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from analysis.pipeline import config as pc

try:  # run as a script (benchmarks/run.py) or imported as benchmarks.pipeline_bench
    from repo_copy import copy_repo, env_for
except ImportError:  # pragma: no cover
    from benchmarks.repo_copy import copy_repo, env_for

RAN = re.compile(r"^(?:\N{CHECK MARK} )?ran (\S+) in ([0-9.]+) s\b", re.M)


@dataclass
class Rebuild:
    seconds: float
    returncode: int
    runs: dict[str, float] = field(default_factory=dict)  # run id -> its own seconds
    cpu_seconds: float = 0.0  # user + system time of all child processes (load-independent)
    pages_seconds: float | None = None  # index, coverage and site after Snakemake

    @property
    def notebook_seconds(self) -> float:
        return sum(self.runs.values())


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed(repo: Path, cmd: list[str], label: str) -> Rebuild:
    """Run ``cmd`` in ``repo``; wall-clock and CPU seconds, and the runs it executed."""
    cpu, start = _children_cpu(), time.perf_counter()
    out = subprocess.run(cmd, cwd=repo, env=env_for(repo), capture_output=True, text=True,
                         timeout=3600)
    seconds = time.perf_counter() - start
    log = out.stdout + out.stderr
    if out.returncode != 0:
        print(f"{label}: exit {out.returncode}\n{log[-3000:]}", flush=True)
    rebuild = Rebuild(seconds, out.returncode, {r: float(s) for r, s in RAN.findall(log)},
                      _children_cpu() - cpu, pages_seconds(log))
    print(f"  {label}: {seconds:.2f} s wall, {rebuild.cpu_seconds:.2f} s CPU, "
          f"{len(rebuild.runs)} runs (notebooks' own {rebuild.notebook_seconds:.1f} s)", flush=True)
    return rebuild


def make_reproduce(repo: Path, cores: str, label: str) -> Rebuild:
    return timed(repo, ["make", "--no-print-directory", "reproduce", f"CORES={cores}"], label)


def edit_notebook(path: Path) -> None:
    """A real change (Snakemake compares checksums, so a bare touch is not one): add a cell."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(f"benchmark edit {time.time_ns()}"))
    nbformat.write(nb, path)


PAGES = re.compile(r"^Pages: .* in (?:(\d+) min )?([0-9.]+) s\b", re.M)


def job_times(repo: Path) -> dict[str, tuple[int, float]]:
    """Per rule: (jobs, summed wall seconds) of the last build, from the table `make reproduce`
    writes (analysis.pipeline.reproduce.JobLines)."""
    table = repo / pc.settings()["build_dir"] / "reproduce-jobs.tsv"
    out: dict[str, tuple[int, float]] = {}
    if table.is_file():
        for line in table.read_text(encoding="utf-8").splitlines()[1:]:
            rule, _, seconds, _ = line.split("\t")
            n, total = out.get(rule, (0, 0.0))
            out[rule] = (n + 1, total + float(seconds or 0))
    return out


def pages_seconds(log: str) -> float | None:
    """The index, coverage page and site after Snakemake, from the build's "Pages:" line."""
    m = PAGES.search(log)
    return None if m is None else 60 * int(m.group(1) or 0) + float(m.group(2))


def one_setting(cores: str, edited: str, workdir: Path) -> dict:
    repo = copy_repo(workdir / f"repo-cores-{cores}")
    cold = make_reproduce(repo, cores, f"cold, cores {cores}")
    cold_jobs = job_times(repo)
    noop = make_reproduce(repo, cores, f"no-op, cores {cores}")
    # where a no-op's time goes: Snakemake (parse, parameter check, DAG, nothing to run) + the index
    snake = timed(repo, [".venv/bin/snakemake", "--snakefile", "workflow/Snakefile", "--cores",
                         cores, "--profile", "config/profiles/local", "publish_all"],
                  "no-op, Snakemake alone")
    index = timed(repo, [".venv/bin/python", "-m", "analysis.report.build_index"],
                  "no-op, index page alone")
    edited_runs = [r.id for r in pc.runs() if Path(r.notebook).stem == edited]
    edit_notebook(repo / "notebooks" / f"{edited}.ipynb")
    after_edit = make_reproduce(repo, cores, f"after editing {edited}, cores {cores}")
    return {"cores": cores, "cold": cold, "noop": noop, "after_edit": after_edit,
            "cold_jobs": cold_jobs, "cold_pages_s": cold.pages_seconds,
            "noop_snakemake_s": snake.seconds, "noop_index_s": index.seconds, "edited": edited,
            "edited_runs": edited_runs}


def measure(cores: tuple[str, ...] = ("1", "all"),
            edited: str = "registration_format") -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="zorgpilots-bench-") as tmp:
        return [one_setting(c, edited, Path(tmp)) for c in cores]
