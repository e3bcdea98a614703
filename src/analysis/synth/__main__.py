"""Run one synthetic-data generator: ``python -m analysis.synth pkg.module:func SEED OUTPUT``."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    target, seed, output = argv
    module, _, func = target.partition(":")
    generator = getattr(importlib.import_module(module), func or "write")
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    generator(tmp, int(seed))
    tmp.replace(out)  # never leave a half-written dataset in place of the last good one
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
