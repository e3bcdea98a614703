"""Performance benchmarks (``make bench``): print every figure beside its target and save them.

    python benchmarks/run.py                         # everything (about 6-10 min on 2 cores)
    python benchmarks/run.py --only growth memory    # some sections; the others keep their
                                                     # last figures in reports/benchmarks.json

Sections (issue 9): ``growth`` (BMI z-score throughput of analysis.growth on 1 000 000 children and
of rcpchgrowth on a sample of the same children, their ratio and largest difference), ``pipeline``
(`make reproduce` cold, no-op and after editing one notebook, with --cores 1 and all cores, in a
temporary copy of the repository; the site is part of each build), ``site`` (the reader's site
alone, cold and no-op, from the working tree's published notebooks), ``memory`` (peak memory of a
z-score run on 10 million rows), ``install`` (time and size of an install from an empty .venv),
``population`` (issue 20: ycnd_bmi end to end on 1 000 000 SYNTHETIC children and
registration_format on 1 000 000 SYNTHETIC cases, CSV and Parquet, against 60 s and 3 GB) and
``fanout`` (dry runs of a 300-run grid, local and SLURM profile; a local build of 20 runs).
Timings are wall-clock and depend on the load of the machine, which is recorded beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fanout_bench  # noqa: E402
import growth_bench  # noqa: E402
import install_bench  # noqa: E402
import pipeline_bench  # noqa: E402
import population_bench  # noqa: E402

from analysis import paths  # noqa: E402

SECTIONS = ("growth", "pipeline", "site", "memory", "install", "population", "fanout")
OUT = paths.REPORTS / "benchmarks.json"
NOOP_TARGET_S = 3.0
THROUGHPUT_TARGET = 5e6
RATIO_TARGET = 500.0
MEMORY_TARGET = 3e9
COLD_FACTOR = 1.5
POPULATION_SECONDS = 60.0
POPULATION_BYTES = 3e9


def figure(section: str, name: str, value: str, target: str = "", met: bool | None = None) -> dict:
    return {"section": section, "name": name, "value": value, "target": target or "–",
            "met": "–" if met is None else ("yes" if met else "NO")}


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def growth_figures(n: int, sample: int) -> list[dict]:
    g = growth_bench.throughput(n, sample)
    s = "growth"
    return [
        figure(s, f"z-scores/s, analysis.growth ({n:,} children, WHO 2007, best of 3)",
               f"{g['rows_per_s'] / 1e6:.1f} M/s ({g['seconds']:.3f} s)",
               f">= {THROUGHPUT_TARGET / 1e6:.0f} M/s", g["rows_per_s"] >= THROUGHPUT_TARGET),
        figure(s, f"z-scores/s, rcpchgrowth ({sample:,} of the same children, one call each)",
               f"{g['rcpch_rows_per_s']:,.0f} /s ({g['rcpch_seconds']:.1f} s)"),
        figure(s, "ratio analysis.growth / rcpchgrowth", f"{g['ratio']:,.0f} x",
               f">= {RATIO_TARGET:.0f} x", g["ratio"] >= RATIO_TARGET),
        figure(s, f"largest |z difference| on the {sample:,} common children",
               f"{g['max_abs_diff']:.1e}",
               "< 1e-4 (rcpchgrowth snaps ages within 26 min of a month)",
               g["max_abs_diff"] < 1e-4),
    ]


def memory_figures(n: int) -> list[dict]:
    m = growth_bench.peak_memory(n)
    during = ("" if m["scoring_peak_bytes"] is None else
              f"; peak while scoring {m['scoring_peak_bytes'] / 1e9:.2f} GB")
    return [figure("memory", f"peak memory, zscore_table on {n:,} rows (whole process, RSS, "
                   "data generation included)",
                   f"{m['peak_bytes'] / 1e9:.2f} GB (scoring {m['seconds']:.1f} s{during})",
                   f"< {MEMORY_TARGET / 1e9:.0f} GB", m["peak_bytes"] < MEMORY_TARGET)]


def pipeline_figures(cores: tuple[str, ...], edited: str) -> list[dict]:
    out = []
    n_cpu = os.cpu_count() or 1
    for r in pipeline_bench.measure(cores, edited):
        c = r["cores"]
        k = n_cpu if c == "all" else int(c)
        label = f"--cores {c}" + (f" (= {k})" if c == "all" else "")
        cold, noop, after = r["cold"], r["noop"], r["after_edit"]
        own = cold.notebook_seconds
        cold_target = COLD_FACTOR * own / k
        edit_own = sum(after.runs.get(i, 0.0) for i in r["edited_runs"])
        s = "pipeline"
        ok = cold.returncode == 0
        out += [
            figure(s, f"cold make reproduce, {label}: {len(cold.runs)} runs",
                   f"{cold.seconds:.0f} s (notebooks' own times sum to {own:.0f} s; "
                   f"{cold.cpu_seconds:.0f} s CPU)"
                   + ("" if ok else " - FAILED"),
                   f"<= {COLD_FACTOR} x {own:.0f} / {k} = {cold_target:.0f} s",
                   ok and cold.seconds <= cold_target),
            figure(s, f"cold make reproduce, {label}: where the time goes (jobs' wall time "
                      "summed per rule; then the pages)",
                   "; ".join(f"{rule} {n} x = {total:.0f} s" for rule, (n, total) in
                             sorted(r["cold_jobs"].items(), key=lambda kv: -kv[1][1]))
                   + (f"; index, coverage and site {r['cold_pages_s']:.0f} s"
                      if r["cold_pages_s"] is not None else "")),
            figure(s, f"no-op make reproduce, {label}",
                   f"{noop.seconds:.2f} s ({noop.cpu_seconds:.2f} s CPU; Snakemake alone "
                   f"{r['noop_snakemake_s']:.2f} s, "
                   f"index {r['noop_index_s']:.2f} s; {len(noop.runs)} runs)",
                   f"< {NOOP_TARGET_S:.0f} s",
                   noop.returncode == 0 and noop.seconds < NOOP_TARGET_S),
            figure(s, f"make reproduce after editing notebooks/{edited}.ipynb, {label}",
                   f"{after.seconds:.1f} s ({len(after.runs)} run(s), own time {edit_own:.1f} s)",
                   f"< {edit_own:.1f} + {NOOP_TARGET_S:.0f} = {edit_own + NOOP_TARGET_S:.1f} s",
                   after.returncode == 0 and sorted(after.runs) == sorted(r["edited_runs"])
                   and after.seconds < edit_own + NOOP_TARGET_S),
        ]
    return out


def site_figures() -> list[dict]:
    """The reader's site from the working tree's published notebooks: cold (cleaned) and no-op."""
    import resource
    import subprocess

    def timed(*args: str) -> tuple[float, int, float]:
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu0, t0 = ru.ru_utime + ru.ru_stime, time.perf_counter()
        rc = subprocess.call([sys.executable, "-m", "analysis.report.site", *args])
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.perf_counter() - t0, rc, ru.ru_utime + ru.ru_stime - cpu0

    if not (paths.REPORTS / "executed").is_dir():
        return [figure("site", "site build", "skipped: run make reproduce first")]
    jobs = str(os.cpu_count() or 1)  # as make reproduce --cores all builds it
    cold, rc_cold, cpu_cold = timed("--clean", "-j", jobs)
    noop, rc_noop, _ = timed()
    return [
        figure("site", f"cold site build (Sphinx + myst-nb, from reports/executed; --clean, "
                       f"-j {jobs})",
               f"{cold:.1f} s ({cpu_cold:.1f} s CPU)" + ("" if rc_cold == 0 else " - FAILED")),
        figure("site", "no-op site build", f"{noop:.2f} s" + ("" if rc_noop == 0 else " - FAILED"),
               f"< {NOOP_TARGET_S:.0f} s", rc_noop == 0 and noop < NOOP_TARGET_S),
    ]


def install_figures() -> list[dict]:
    i = install_bench.measure()
    return [
        figure("install", "install from an empty .venv (python3.11 -m venv; pip install -r "
               "requirements.lock; this machine's pip config and cache)",
               f"{i['seconds']:.0f} s ({i['packages']} packages)"),
        figure("install", "size of that environment", f"{i['bytes'] / 1e6:,.0f} MB"),
    ]


POPULATION_RUNS = (  # (kind, what the run covers)
    ("ycnd", "ycnd_bmi end to end on {n:,} SYNTHETIC children ({rows:,} rows, {fmt} {mb:.0f} MB): "
             "read, validate, z-scores, tables, figures, both pages"),
    ("registrations", "registration_format end to end on {n:,} SYNTHETIC cases ({fmt} {mb:.0f} "
                      "MB): read, validate, tables, figures, both pages"),
)


def population_figures(n: int) -> list[dict]:
    figs = []
    for kind, what in POPULATION_RUNS:
        for fmt in ("csv", "parquet"):
            figs += _population_run(n, fmt, kind, what)
    return figs


def _population_run(n: int, fmt: str, kind: str, what: str) -> list[dict]:
    p = population_bench.measure(n, fmt, kind=kind)
    ok = p["ok"] and p["summary_form_said"]
    return [
        figure("population", what.format(n=n, rows=p["rows"], fmt=fmt, mb=p["file_mb"]),
               f"{p['seconds']:.1f} s ({p['cpu_seconds']:.1f} s CPU)"
               + ("" if p["ok"] else " - FAILED")
               + ("" if p["summary_form_said"] else " - page does not name the summary form"),
               f"<= {POPULATION_SECONDS:.0f} s", ok and p["seconds"] <= POPULATION_SECONDS),
        figure("population", f"peak memory of that run ({population_bench.KINDS[kind][0]}, "
                             f"{fmt}; runner + kernel, RSS)",
               f"{p['peak_bytes'] / 1e9:.2f} GB", f"<= {POPULATION_BYTES / 1e9:.0f} GB",
               p["peak_bytes"] <= POPULATION_BYTES),
    ]


def fanout_figures() -> list[dict]:
    f = fanout_bench.measure()
    s = "fanout"
    return [
        figure(s, "dry run, 300-run grid (one config line) + the shipped runs, local",
               f"{f['dry_run_300_local_s']:.1f} s" + ("" if f["dry_run_300_local_ok"]
                                                     else " - FAILED")),
        figure(s, "dry run, the same, SLURM profile",
               f"{f['dry_run_300_slurm_s']:.1f} s" + ("" if f["dry_run_300_slurm_ok"]
                                                     else " - FAILED")),
        figure(s, "real local build (publish_all, pages included) of the 20-run grid, 2 cores",
               f"{f['build_20_local_s']:.0f} s" + ("" if f["build_20_local_ok"]
                                                  else " - FAILED")),
    ]


def machine() -> str:
    return (f"{platform.node()}: {os.cpu_count()} cores, {cpu_model()}; Python "
            f"{platform.python_version()}; {platform.system()} {platform.release()}")


def merge(previous: dict | None, figures: list[dict], sections: tuple[str, ...]) -> list[dict]:
    """New figures of the sections run; the figures of the other sections as they were."""
    kept = [f for f in (previous or {}).get("figures", []) if f.get("section") not in sections]
    return sorted(kept + figures, key=lambda f: SECTIONS.index(f["section"]))


def print_table(figures: list[dict]) -> None:
    for f in figures:
        target = f"   [target {f['target']}: {'met' if f['met'] == 'yes' else 'NOT MET'}]" \
            if f["met"] != "–" else ""
        print(f"  {f['name']}: {f['value']}{target}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    ap.add_argument("--children", type=int, default=1_000_000)
    ap.add_argument("--rcpch-sample", type=int, default=5_000)
    ap.add_argument("--memory-rows", type=int, default=10_000_000)
    ap.add_argument("--population", type=int, default=population_bench.N_CHILDREN,
                    help="children in the population-scale run of ycnd_bmi")
    ap.add_argument("--cores", nargs="+", default=["1", "all"])
    ap.add_argument("--edit", default="registration_format", help="notebook edited for the rerun")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    sections = tuple(s for s in SECTIONS if s in args.only)
    load_before, start = load(), time.perf_counter()
    figures: list[dict] = []
    for s in sections:
        print(f"== {s} (load average {load()})", flush=True)
        if s == "growth":
            new = growth_figures(args.children, args.rcpch_sample)
        elif s == "memory":
            new = memory_figures(args.memory_rows)
        elif s == "pipeline":
            new = pipeline_figures(tuple(args.cores), args.edit)
        elif s == "population":
            new = population_figures(args.population)
        elif s == "fanout":
            new = fanout_figures()
        elif s == "site":
            new = site_figures()
        else:
            new = install_figures()
        for f in new:
            f["measured"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
            f["load"] = load()
        print_table(new)
        figures += new
    previous = json.loads(args.out.read_text()) if args.out.is_file() else None
    doc = {
        "machine": machine(),
        "load_average": f"1/5/15-min load average {load_before} before, {load()} after "
                        f"({time.perf_counter() - start:.0f} s of benchmarks)",
        "figures": merge(previous, figures, sections),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n{doc['machine']}\n{doc['load_average']}\nwritten: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
