"""Determinism: two cold builds give byte-identical results tables and processed data.

Every random draw in the pipeline goes through a generator seeded by a parameter (the
``seed`` of a notebook or of a synthetic dataset in ``config/runs/*.yaml``); this test is the
proof that nothing else (time, dict order, hash seeds, thread scheduling) leaks into the outputs.
The two builds (``cold_builds``, tests/trust/conftest.py) run in separate processes with other
hash seeds, at ``--cores 2`` and ``--cores 1``, so with other job orders and other runs side by
side; every run's tables are compared byte for byte.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import nbformat
import pytest

from analysis import paths
from analysis.pipeline import config as pc

BUILD = pc.settings()["build_dir"]

pytestmark = pytest.mark.pipeline


def digests(files: dict[str, Path]) -> dict[str, str]:
    return {k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in sorted(files.items())}


def test_two_cold_builds_are_byte_identical(cold_builds):
    a, b = cold_builds
    assert a.returncode == 0, a.log[-4000:]
    assert b.returncode == 0, b.log[-4000:]
    runs = [r.id for r in pc.runs()]
    assert runs, "no runs configured"
    # results tables: published copies of build A against the built tables of build B
    for ext in ("csv", "json"):
        got_a = {r: a.root / "reports" / "results" / f"{r}.{ext}" for r in runs}
        got_b = {r: b.root / BUILD / r / f"results.{ext}" for r in runs}
        assert all(p.is_file() for p in got_a.values()), sorted(
            r for r, p in got_a.items() if not p.is_file())
        assert digests(got_a) == digests(got_b), f"results .{ext} differ between cold builds"
        # publishing copies byte for byte
        assert digests(got_a) == digests({r: a.root / BUILD / r / f"results.{ext}"
                                          for r in runs})
    # processed data: every file either build wrote under data/processed
    pa = {str(p.relative_to(a.root)): p for p in (a.root / "data/processed").rglob("*")
          if p.is_file() and p.name != ".gitkeep"}
    pb = {str(p.relative_to(b.root)): p for p in (b.root / "data/processed").rglob("*")
          if p.is_file() and p.name != ".gitkeep"}
    assert sorted(pa) == sorted(pb)
    assert len(pa) >= len(pc.synthetic_datasets())
    assert digests(pa) == digests(pb), "processed data differ between cold builds"
    # the combined results table of the index is the same as well
    assert (a.root / "reports" / "results.csv").is_file()


def test_every_random_draw_is_seeded_by_a_parameter():
    """Code may draw random numbers only from a generator it was given or seeded explicitly.

    Flags the global NumPy/`random` state (np.random.rand, random.random, …) and
    ``default_rng()`` without a seed anywhere in ``src/analysis`` and in the notebooks' code.
    """
    global_state = re.compile(r"\bnp\.random\.(rand|randn|randint|random|choice|normal|uniform|"
                              r"poisson|binomial|shuffle|permutation|seed)\(|"
                              r"(^|[^.\w])random\.(random|randint|choice|shuffle|gauss|seed)\(|"
                              r"default_rng\(\s*\)")
    sources = {str(p.relative_to(paths.ROOT)): p.read_text(encoding="utf-8")
               for p in sorted((paths.ROOT / "src" / "analysis").rglob("*.py"))}
    for nb_path in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        sources[str(nb_path.relative_to(paths.ROOT))] = "\n".join(
            c.source for c in nb.cells if c.cell_type == "code")
    offenders = [f"{name}:{i}: {line.strip()}" for name, text in sources.items()
                 for i, line in enumerate(text.splitlines(), start=1)
                 if global_state.search(line) and "noqa: seed" not in line]
    assert not offenders, "unseeded random draws:\n" + "\n".join(offenders)


def test_synthetic_datasets_have_a_seed_parameter():
    for ds in pc.synthetic_datasets():
        assert isinstance(ds.seed, int), ds
