"""Results rows of notebooks/pg_ambassadors.ipynb, asserted row by row (status and value)."""

import pytest

from tests.results.expected_rows import check_ids, check_row

EXPECTED: dict[str, tuple[str, float | None]] = {
    "pga_residents_by_neighbourhood": ("reproduced", 13),  # 1 + 3 + 4 + 5, line 1315
    "pga_residents_by_sex": ("reproduced", 13),  # 12 + 1, line 1310
    "pga_women_restated": ("reproduced", 12),
    "pga_men_restated": ("reproduced", 1),
    "pga_age_min_restated": ("reproduced", 33),
    "pga_age_max_restated": ("reproduced", 83),
    "pga_ambassadors_restated": ("reproduced", 13),
    "pga_interviews_restated": ("reproduced", 49),
    "pga_observations_restated": ("mismatch", 50),  # '51 observaties' vs '50', line 1321
    "pga_interviews_per_ambassador": ("extension", 49 / 13),
}


@pytest.fixture(scope="module")
def rows(notebook_results):
    return notebook_results("pg_ambassadors")


def test_every_row_is_expected(rows):
    check_ids(rows, EXPECTED)


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_row(rows, row_id):
    check_row(rows, row_id, EXPECTED)
