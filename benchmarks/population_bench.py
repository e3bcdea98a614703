"""Population scale, end to end: ``ycnd_bmi`` on a SYNTHETIC region of 1 000 000 children, and
``registration_format`` on 1 000 000 SYNTHETIC cases (every practice of a city).

``python benchmarks/population_bench.py [N] [csv|parquet] [EXISTING_FILE] [ycnd|registrations]``
writes the file (not timed; analysis.synth.population) unless given one (``-`` for none), adds a
run reading it to a temporary copy of the repository and times the pipeline's own runner on it:
reading and validation, z-scores (ycnd), tables, figures and the two rendered pages (`python -m
analysis.pipeline.run_notebook`). Peak memory is the largest
sum of the resident memory of the runner and its kernel, sampled every 0.1 s; CPU seconds are
those of the same processes (user + system), which a busy machine does not inflate.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import repo_copy  # noqa: E402

N_CHILDREN = 1_000_000
SEED = 20205
#: kind of file → (notebook whose run config gets the run, run id)
KINDS = {"ycnd": ("ycnd_bmi", "ycnd_bmi__population"),
         "registrations": ("registration_format", "registration_format__population")}


def _peak_rss(proc: subprocess.Popen, peak: list[int], cpu: dict[int, float]) -> None:
    """Largest summed RSS of ``proc``'s tree; the last CPU seconds seen of each process."""
    try:
        root = psutil.Process(proc.pid)
    except psutil.NoSuchProcess:
        return
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak[0] = max(peak[0], sum(p.memory_info().rss for p in tree))
            for p in tree:
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system
        except psutil.NoSuchProcess:
            pass
        time.sleep(0.1)


def measure(n_children: int = N_CHILDREN, fmt: str = "csv", existing: Path | None = None,
            kind: str = "ycnd") -> dict:
    """Seconds and peak bytes of one run of ycnd_bmi on ``n_children`` SYNTHETIC children (or of
    registration_format on as many cases, ``kind="registrations"``)."""
    notebook, run_id = KINDS[kind]
    with tempfile.TemporaryDirectory(prefix="zorg-pop-") as tmp:
        repo = repo_copy.copy_repo(Path(tmp) / "repo")
        env = repo_copy.env_for(repo)
        data = existing or Path(tmp) / f"population.{fmt}"
        t0 = time.perf_counter()
        if existing is None:
            subprocess.run([sys.executable, "-m", "analysis.synth.population", str(data),
                            str(n_children), str(SEED), kind], cwd=repo, env=env, check=True)
        generated = time.perf_counter() - t0
        # the synthetic default inputs the notebook also reads (published aggregates, references)
        cfg_file = repo / "config" / "runs" / f"{notebook}.yaml"
        cfg = yaml.safe_load(cfg_file.read_text())
        cfg["runs"] = [{"id": run_id, "parameters": {"input_path": str(data)}}]
        cfg_file.write_text(yaml.safe_dump(cfg, sort_keys=False))
        out = Path(tmp) / "out"
        peak, cpu = [0], {}
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "analysis.pipeline.run_notebook", run_id,
                                 str(out)], cwd=repo, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        watcher = threading.Thread(target=_peak_rss, args=(proc, peak, cpu), daemon=True)
        watcher.start()
        log, _ = proc.communicate()
        seconds = time.perf_counter() - t0
        watcher.join()
        ok = proc.returncode == 0 and (out / "report.html").is_file()
        page = (out / "report.html").read_text(errors="replace") if ok else ""
        return {"kind": kind, "children": n_children,
                "rows": (2 if kind == "ycnd" else 1) * n_children, "format": fmt,
                "file_mb": data.stat().st_size / 1e6, "generate_s": generated,
                "seconds": seconds, "cpu_seconds": sum(cpu.values()), "peak_bytes": peak[0],
                "ok": ok,
                "summary_form_said": "summary form" in page, "log": log[-2000:]}


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else N_CHILDREN
    fmt = sys.argv[2] if len(sys.argv) > 2 else "csv"
    given = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] != "-" else None
    r = measure(n, fmt, Path(given) if given else None,
                sys.argv[4] if len(sys.argv) > 4 else "ycnd")
    print({k: v for k, v in r.items() if k != "log"})
    if not r["ok"]:
        print(r["log"])
