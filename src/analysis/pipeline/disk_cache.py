"""Small JSON caches under ``.build/`` for work Snakemake would otherwise redo on every invocation.

Snakemake parses the Snakefile on every call, a no-op included, so whatever the Snakefile computes
(declared notebook parameters, the modules each notebook imports) is remembered here, keyed by the
SHA-256 of the file it was computed from. A missing, unreadable or older-version cache is simply
empty; a read-only tree loses the cache, never the result.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analysis import paths


def cache_path(name: str) -> Path:
    return paths.ROOT / ".build" / f"{name}.json"


def sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes (hex)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read(name: str, version: int) -> dict:
    """The cache's entries, or ``{}`` if it is missing, unreadable or of another version."""
    try:
        doc = json.loads(cache_path(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    entries = doc.get("entries") if doc.get("version") == version else None
    return entries if isinstance(entries, dict) else {}


def write(name: str, version: int, entries: dict) -> None:
    """Replace the cache atomically (a concurrent reader sees the old or the new file)."""
    path = cache_path(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"version": version, "entries": entries}, indent=1,
                                  sort_keys=True), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


class Cache:
    """One cache file: each entry is a value and the fingerprint of what it was computed from.

    :meth:`get` returns the stored value while the fingerprint is the same and computes (and
    stores) it otherwise; :meth:`save` writes the file once, if anything changed.
    """

    def __init__(self, name: str, version: int) -> None:
        self.name, self.version = name, version
        self.entries = read(name, version)
        self.dirty = False

    def get(self, key: str, fingerprint: str, compute: Callable[[], Any]) -> Any:
        hit = self.entries.get(key)
        if isinstance(hit, dict) and hit.get("fingerprint") == fingerprint and "value" in hit:
            return hit["value"]
        value = compute()
        self.entries[key] = {"fingerprint": fingerprint, "value": value}
        self.dirty = True
        return value

    def save(self) -> None:
        if self.dirty:
            write(self.name, self.version, self.entries)
            self.dirty = False
