"""Results rows of notebooks/ycnd_text.ipynb, asserted row by row (status and value)."""

import pytest

from tests.results.expected_rows import check_ids, check_row

EXPECTED: dict[str, tuple[str, float | None]] = {
    "yct_overweight_share_summary_restated": ("reproduced", 20),
    "yct_overweight_children_summary_restated": ("reproduced", 200),
    "yct_children_started_m4_restated": ("reproduced", 103),
    "yct_year_healthier_ratio_restated": ("reproduced", 80),  # 8:10 (line 3921) vs 80% (3844)
    "yct_nurses_positioned_restated": ("reproduced", 3),  # line 3649 vs 3689
    "yct_dropped_pct": ("reproduced", 13.59223301),  # 14 / 103
    "yct_year_healthier_body_vs_summary": ("mismatch", 79),  # 80% (3844) vs 79% (3510)
    "yct_population_2_18": ("extension", 1000),  # 200 / 20%
    "yct_capacity_children_per_week": ("extension", 4),  # 3 × 8 h / 6 h
    "yct_module4_share": ("extension", 7.766990291),  # 8 / 103
}


@pytest.fixture(scope="module")
def rows(notebook_results):
    return notebook_results("ycnd_text")


def test_every_row_is_expected(rows):
    check_ids(rows, EXPECTED)


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_row(rows, row_id):
    check_row(rows, row_id, EXPECTED)
