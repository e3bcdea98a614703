"""Results rows of notebooks/digitale_overlegtafel.ipynb, asserted row by row (status and value)."""

import pytest

from tests.results.expected_rows import check_ids, check_row

EXPECTED: dict[str, tuple[str, float | None]] = {
    "dot_summary_practices": ("reproduced", 2),
    "dot_summary_target_per_practice": ("reproduced", 25),
    "dot_summary_egpo_patients": ("reproduced", 15),
    "dot_summary_helder_practices": ("reproduced", 6),
    "dot_egpo_months": ("mismatch", 6),
    "dot_egpo_users_implied": ("extension", 33),
    "dot_patient_target": ("extension", 50),
    "dot_egpo_patients_share_of_target": ("extension", 30),
    "dot_helder_respondents": ("extension", 8),
    "dot_helder_used_share": ("extension", 25),
}


@pytest.fixture(scope="module")
def rows(notebook_results):
    return notebook_results("digitale_overlegtafel")


def test_every_row_is_expected(rows):
    check_ids(rows, EXPECTED)


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_row(rows, row_id):
    check_row(rows, row_id, EXPECTED)


def test_hand_checked(rows):
    # October, November, December 2018, January, February, March 2019
    assert rows.loc["dot_egpo_months", "reproduced"] == 6
    assert rows.loc["dot_egpo_months", "published"] == 5
    assert round(100 * 18 / 33) == 55 and round(100 * 18 / 32) != 55 and round(100 * 18 / 34) != 55
    share = rows.loc["dot_egpo_patients_share_of_target", "reproduced"]
    assert share == pytest.approx(100 * 15 / 50)
