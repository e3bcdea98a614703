"""BMI z-score throughput of ``analysis.growth`` against rcpchgrowth, and peak memory on 10 M rows.

rcpchgrowth (AGPL) is only a comparison here; ``src/analysis`` never imports it. Both sides score
the same children with the WHO 2007 BMI-for-age reference and WHO's rule beyond ±3 SD (rcpchgrowth
applies it; ours with ``who_extreme_rule=True``). rcpchgrowth scores one child per call, so it is
timed on a sample of the children; rows per second are ``rows / wall-clock seconds``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from analysis import growth

REFERENCE = "who2007"


def children(n: int, seed: int = 20070) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``n`` children aged 61-228 months (WHO 2007's range), both sexes, z ~ N(0, 1.6)."""
    rng = np.random.default_rng(seed)
    age = rng.uniform(61 / 12, 19.0, n)
    sex = np.where(rng.random(n) < 0.5, "M", "F")
    z = rng.normal(0.0, 1.6, n)
    bmi = np.round(growth.bmi_from_z(z, age, sex, REFERENCE, who_extreme_rule=True), 2)
    return bmi, age, sex


def ours(bmi: np.ndarray, age: np.ndarray, sex: np.ndarray) -> np.ndarray:
    return growth.bmi_z(bmi, age, sex, REFERENCE, who_extreme_rule=True)


def rcpch(bmi: np.ndarray, age: np.ndarray, sex: np.ndarray) -> np.ndarray:
    """rcpchgrowth's WHO 2007 BMI SDS, one call per child (its public per-measurement API)."""
    from rcpchgrowth.constants import BMI, FEMALE, MALE, WHO
    from rcpchgrowth.global_functions import sds_for_measurement

    names = {"M": MALE, "F": FEMALE}
    return np.array([sds_for_measurement(reference=WHO, age=float(a), measurement_method=BMI,
                                         observation_value=float(b), sex=names[s])
                     for b, a, s in zip(bmi, age, sex, strict=True)], dtype=float)


def best_time(fn, *args, repeat: int = 3) -> tuple[float, object]:
    """Smallest wall-clock time of ``repeat`` calls (the least disturbed by other load)."""
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, out


def throughput(n: int = 1_000_000, rcpch_sample: int = 5_000) -> dict:
    bmi, age, sex = children(n)
    growth.load_reference(REFERENCE)  # reading the table is not scoring
    t_ours, z = best_time(ours, bmi, age, sex)
    idx = np.linspace(0, n - 1, rcpch_sample).astype(int)  # an even sample of the same children
    start = time.perf_counter()
    z_rc = rcpch(bmi[idx], age[idx], sex[idx])
    t_rc = time.perf_counter() - start
    diff = np.abs(np.asarray(z)[idx] - z_rc)
    return {"rows": n, "seconds": t_ours, "rows_per_s": n / t_ours,
            "rcpch_rows": rcpch_sample, "rcpch_seconds": t_rc,
            "rcpch_rows_per_s": rcpch_sample / t_rc,
            "ratio": (n / t_ours) / (rcpch_sample / t_rc), "max_abs_diff": float(np.nanmax(diff)),
            "n_scored": int(np.isfinite(z).sum())}


def _vm_hwm_kib() -> int | None:
    """Peak resident set size since the last reset (Linux ``VmHWM``), KiB; None elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark to the current RSS (Linux ``clear_refs`` value 5)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _child_peak(n: int) -> None:
    """In a fresh process: build ``n`` rows as a DataFrame, z-score them with ``zscore_table``,
    print the peak RSS of the whole process and the peak during scoring alone (KiB)."""
    import gc

    import pandas as pd

    bmi, age, sex = children(n, seed=10)
    df = pd.DataFrame({"bmi": bmi, "age_years": age, "sex": sex})
    del bmi, age, sex
    gc.collect()
    growth.load_reference(REFERENCE)
    process_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    reset = _reset_peak()
    start = time.perf_counter()
    z, n_out = growth.zscore_table(df, reference=REFERENCE, who_extreme_rule=True)
    seconds = time.perf_counter() - start
    scoring_peak = _vm_hwm_kib() if reset else None
    process_peak = max(process_peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    print(json.dumps({"rows": n, "peak_kib": process_peak, "scoring_peak_kib": scoring_peak,
                      "seconds": seconds, "scored": z.attrs["counts"]["scored"]}))


def peak_memory(n: int = 10_000_000) -> dict:
    """Peak RSS of a separate process that builds and scores ``n`` rows (bytes)."""
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "peak", str(n)],
                         capture_output=True, text=True, check=True)
    rec = json.loads(out.stdout.strip().splitlines()[-1])
    scoring = rec["scoring_peak_kib"]
    return {"rows": n, "peak_bytes": rec["peak_kib"] * 1024,
            "scoring_peak_bytes": None if scoring is None else scoring * 1024,
            "seconds": rec["seconds"], "scored": rec["scored"]}


if __name__ == "__main__" and sys.argv[1:2] == ["peak"]:
    _child_peak(int(sys.argv[2]))
