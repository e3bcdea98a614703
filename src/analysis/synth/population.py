"""A SYNTHETIC population-scale measurement file (illustration and benchmark, not data).

The YCND cohort generator (:mod:`analysis.synth.ycnd`) at the size of a region's youth health
care records: ``n_children`` children, two measurement rows each, in the same schema and with
the same published shares. Written as CSV or, for a ``.parquet`` path, as Parquet.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from analysis.synth import ycnd


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


def write(path: Path | str, n_children: int, seed: int) -> Path:
    """Write the population to ``path`` (Parquet if it ends in ``.parquet``, else CSV)."""
    path = Path(path)
    df = generate(n_children, seed)
    if path.suffix == ".parquet":
        df.to_parquet(path, index=False)
    else:
        df.to_csv(path, index=False, float_format="%.1f", lineterminator="\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # python -m analysis.synth.population OUT N_CHILDREN SEED
    write(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
