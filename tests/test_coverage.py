"""Coverage of the printed numbers never falls below the floor recorded in
``data/coverage/floor.csv`` (per source section and in total), measured on the session's cold
build (its ``reports/results.csv``)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import coverage, paths

pytestmark = pytest.mark.skipif(not paths.SEEDS.is_dir(),
                                reason=f"source documents not found at {paths.SEEDS}")
FIX = ("compare the numbers reports/coverage.html lists as not covered (a results row citing "
       "their line), transcribe them into data/raw, or give a reason in "
       "data/coverage/left_out.csv; `make coverage` shows the figures")


@pytest.fixture(scope="module")
def table(full_build, tmp_path_factory):
    results = full_build.root / "reports" / "results.csv"
    assert results.is_file(), full_build.log[-3000:]
    return coverage.build(results, tmp_path_factory.mktemp("coverage")).set_index("section")


def test_coverage_does_not_fall(table):
    floor = pd.read_csv(coverage.COVERAGE / "floor.csv").set_index("section")
    fell = [f"{s}: {int(table.loc[s, 'covered'])} covered, floor {int(f.covered)}"
            for s, f in floor.iterrows() if table.loc[s, "covered"] < f.covered]
    assert not fell, "\n".join(fell) + f"\n→ {FIX}"
    assert table.loc["total", "covered_pct"] >= floor.loc["total", "covered_pct"], FIX


def test_every_section_of_the_floor_exists(table):
    floor = pd.read_csv(coverage.COVERAGE / "floor.csv")
    assert set(floor["section"]) <= set(table.index), "data/coverage/floor.csv names a section " \
        "that data/coverage/sections.csv does not have"
