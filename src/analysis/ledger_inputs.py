"""What the ledger takes from ``data/raw``, computed once per change of ``data/raw``.

The ledger (:mod:`analysis.ledger`) joins the published results of every study with three
things that depend only on the transcriptions and the audit's code: the audit's findings
(:func:`analysis.audit.run_audit`), the key of the printed number each finding judges
(:func:`analysis.ledger.finding_keys`) and the report's statements of its in-text numbers
(:func:`analysis.ledger.statements`). Together they cost about 10 s (the whole audit, and every
transcribed table read and validated). ``python -m analysis.ledger_inputs OUT`` writes them to
``OUT`` (a pickle: every dtype survives); the pipeline's rule ``ledger_inputs`` runs it, so that
a rerun of one notebook rebuilds the ledger from this file instead of redoing the audit.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.outfiles import write_atomic_bytes


@dataclass(frozen=True)
class LedgerInputs:
    """The audit's findings, the printed-number key of each, and the in-text statements."""

    findings: pd.DataFrame
    finding_keys: pd.Series
    statements: dict[str, tuple[str, int]]


def compute() -> LedgerInputs:
    """Run the audit and read the transcriptions (all of ``data/raw``)."""
    from analysis import audit, ledger

    findings = audit.run_audit()
    return LedgerInputs(findings, ledger.finding_keys(findings), ledger.statements())


def write(inputs: LedgerInputs, path: str | Path) -> Path:
    """Write ``inputs`` to ``path`` (atomically; a pickle of plain pandas objects)."""
    parts = {"findings": inputs.findings, "finding_keys": inputs.finding_keys,
             "statements": inputs.statements}
    return write_atomic_bytes(path, pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL))


def read(path: str | Path) -> LedgerInputs:
    """The inputs :func:`write` wrote to ``path``."""
    with open(path, "rb") as fh:
        parts = pickle.load(fh)
    if not isinstance(parts, dict) or set(parts) != {"findings", "finding_keys", "statements"}:
        raise TypeError(f"{path}: not the ledger's inputs (rebuild it with "
                        "python -m analysis.ledger_inputs)")
    return LedgerInputs(**parts)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m analysis.ledger_inputs OUT", file=sys.stderr)
        return 2
    write(compute(), args[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
