"""Writing output files: atomically (a reader sees the old file or the new one, never half of one),
and CSV that a spreadsheet can open safely."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the type hints: the pipeline's processes write without pandas
    import pandas as pd


def write_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file beside it; the path."""
    return write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file beside it; the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def spreadsheet_csv(df: pd.DataFrame) -> str:
    """``df`` as CSV text (floats ``%.10g``, LF line ends), text cells that a spreadsheet would
    run as a formula neutralised with a leading ``'`` (CSV injection, OWASP)."""
    from analysis.userfiles import neutralise_formula

    text = df.select_dtypes(exclude="number").columns
    return df.assign(**{c: df[c].map(neutralise_formula) for c in text}).to_csv(
        index=False, float_format="%.10g", lineterminator="\n")
