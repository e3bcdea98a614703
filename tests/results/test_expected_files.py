"""Every notebook's primary run against its expected file, tests/results/expected/<notebook>.csv
(ids, statuses, reproduced values; regenerated on purpose with `make regen-expected`)."""

from __future__ import annotations

import pytest

from analysis.pipeline import config
from tests.results.expected import check_expected_file


@pytest.mark.parametrize("notebook", sorted(ev.name for ev in config.evaluations()))
def test_rows_match_the_expected_file(notebook_results, regen_expected, notebook):
    check_expected_file(notebook_results(notebook), notebook, regen_expected)
