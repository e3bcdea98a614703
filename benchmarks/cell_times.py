"""Where a notebook run's time goes: per-cell durations recorded by papermill in executed notebooks.

``python benchmarks/cell_times.py [reports/executed]`` prints, per run, papermill's total, the
kernel start-up (papermill's start to the first cell), the cells that import, the sum of all cell
durations and the slowest cell with its first line.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import nbformat

from analysis import paths


def _seconds(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def summary(executed: Path) -> dict:
    nb = nbformat.read(executed, as_version=4)
    pm = nb.metadata.get("papermill", {})
    cells = [c for c in nb.cells if c.cell_type == "code"]
    durations = [float(c.metadata.get("papermill", {}).get("duration") or 0.0) for c in cells]
    first_start = next((c.metadata["papermill"]["start_time"] for c in cells
                        if c.metadata.get("papermill", {}).get("start_time")), None)
    total = float(pm.get("duration") or 0.0)
    startup = _seconds(pm["start_time"], first_start) if first_start and pm.get("start_time") else 0
    slow = max(range(len(cells)), key=durations.__getitem__) if cells else None
    imports = sum(d for c, d in zip(cells, durations, strict=True)
                  if "import " in c.source.split("\n", 1)[0] or c.source.startswith("import"))
    return {"run": executed.stem, "total_s": total, "cells_s": sum(durations),
            "startup_s": startup, "import_cells_s": imports,
            "slowest_s": durations[slow] if slow is not None else 0.0,
            "slowest": (cells[slow].source.strip().splitlines() or [""])[0][:60] if cells else ""}


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else paths.REPORTS / "executed"
    rows = sorted((summary(p) for p in folder.glob("*.ipynb")), key=lambda r: -r["total_s"])
    keys = ("total_s", "startup_s", "import_cells_s", "cells_s")
    print(f"{'run':<45} {'total':>6} {'start':>6} {'import':>6} {'cells':>6}  slowest cell")
    for r in rows:
        print(f"{r['run']:<45} " + " ".join(f"{r[k]:6.1f}" for k in keys)
              + f"  {r['slowest_s']:5.1f} s: {r['slowest']}")
    tot = {k: sum(r[k] for r in rows) for k in keys}
    print(f"{'all ' + str(len(rows)) + ' runs':<45} " + " ".join(f"{tot[k]:6.1f}" for k in keys))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
