"""SHA-256 of a file. (The JSON caches that lived here are gone: Snakemake caches the parameter
check as a rule, and the import tracing is fast enough to run on every call. ``sha256`` stays for
``analysis.report.audit_page`` until that page has a single writer.)"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes (hex)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
