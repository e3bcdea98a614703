"""The results contract's columns and statuses, and a check of a results file without pandas.

:mod:`analysis.results` builds and reads results tables with pandas. The pipeline's runner only
needs to check each run's file against the contract, and importing pandas there cost about 0.3 s
per run (docs/performance.md), so the check lives here, on the standard library's :mod:`csv`.
"""

from __future__ import annotations

import csv
from pathlib import Path

COLUMNS = [
    "id",
    "study",
    "quantity",
    "unit",
    "published",
    "reproduced",
    "tolerance",
    "status",
    "note",
    "source",
    "basis",
    "key",
]
STATUSES = ("reproduced", "mismatch", "not_reproducible", "extension")
# what a row rests on: the published numbers themselves, synthetic individual data (an illustration
# of the method, never a finding), or a user's real data
BASES = ("published", "synthetic", "real")
#: each status in a reader's words (tables and prose; the results files keep the codes)
STATUS_WORDS = {"reproduced": "reproduced", "mismatch": "does not follow",
                "not_reproducible": "cannot be checked", "extension": "added here"}


def check_file(path: str | Path) -> int:
    """Raise ``ValueError`` (naming the file, line and column) unless ``path`` has the contract's
    columns and every row a known status and basis; return the number of rows."""
    with Path(path).open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: results file lacks columns {missing}")
        rows, start = 0, reader.line_num + 1
        for row in reader:
            rows += 1
            if row["status"] not in STATUSES:  # the line the record starts on (notes may wrap)
                raise ValueError(f"{path}: line {start}, column 'status': {row['status']!r}")
            if row["basis"] not in BASES:
                raise ValueError(f"{path}: line {start}, column 'basis': {row['basis']!r}")
            start = reader.line_num + 1
    return rows
