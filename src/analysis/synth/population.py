"""SYNTHETIC population-scale files (illustration and benchmark, not data).

* :func:`generate`: the YCND cohort generator (:mod:`analysis.synth.ycnd`) at the size of a
  region's youth health care records: ``n_children`` children, two measurement rows each, in the
  same schema and with the same published shares.
* :func:`registrations`: the 99 Utrecht registration records (:mod:`analysis.synth.registrations`)
  resampled, whole rows with replacement, to ``n_cases`` cases spread over the practices of a
  city (one practice per :data:`CASES_PER_PRACTICE` cases).

Written as CSV or, for a ``.parquet`` path, as Parquet.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.synth import registrations as synth_reg
from analysis.synth import ycnd

#: cases per SYNTHETIC practice in :func:`registrations`
CASES_PER_PRACTICE = 2_000
#: seed of the 99 records :func:`registrations` resamples (the notebook's default input)
BASE_SEED = 20201


def generate(n_children: int, seed: int) -> pd.DataFrame:
    """``n_children`` SYNTHETIC children (2 rows each), shares as in the published cohort."""
    n_long = round(ycnd.LONG_SIZE / ycnd.GROUP_SIZE * n_children)
    df = ycnd.generate(seed, ycnd.targets(n=n_children, n_long=n_long))
    width = len(str(n_children))
    number = df["child_id"].str.removeprefix("SYN").astype(int)
    df["child_id"] = "SYN" + number.astype(str).str.zfill(width)
    df["birth_date"] = pd.to_datetime(df["birth_date"]).dt.strftime("%Y-%m-%d")
    df["measurement_date"] = pd.to_datetime(df["measurement_date"]).dt.strftime("%Y-%m-%d")
    return df


def registrations(n_cases: int, seed: int) -> pd.DataFrame:
    """``n_cases`` SYNTHETIC registration records: the 99 of the default input, resampled."""
    base = synth_reg.generate(BASE_SEED)
    rng = np.random.default_rng(seed)
    df = base.iloc[rng.integers(0, len(base), n_cases)].reset_index(drop=True)
    width = len(str(n_cases))
    number = pd.Series(np.arange(1, n_cases + 1)).astype(str).str.zfill(width)
    df["case_id"] = "SYN-" + number
    n_practices = max(1, n_cases // CASES_PER_PRACTICE)
    practice = pd.Series(rng.integers(1, n_practices + 1, n_cases)).astype(str)
    df["practice"] = "SYNTHETIC practice " + practice.str.zfill(len(str(n_practices)))
    return df


def write(path: Path | str, n: int, seed: int, kind: str = "ycnd") -> Path:
    """Write ``n`` children (``kind="ycnd"``) or cases (``"registrations"``) to ``path``
    (Parquet if it ends in ``.parquet``, else CSV)."""
    path = Path(path)
    df = generate(n, seed) if kind == "ycnd" else registrations(n, seed)
    if path.suffix == ".parquet":
        df.to_parquet(path, index=False)
    else:
        df.to_csv(path, index=False, float_format="%.1f", lineterminator="\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # python -m analysis.synth.population OUT N SEED [ycnd|registrations]
    write(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]),
          sys.argv[4] if len(sys.argv) > 4 else "ycnd")
