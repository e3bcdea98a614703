"""Results rows of notebooks/pg_training.ipynb, asserted row by row (status and value)."""

import pytest

from tests.results.expected_rows import check_ids, check_row

EXPECTED: dict[str, tuple[str, float | None]] = {
    "pgt_trained_text_restates_tabel1": ("reproduced", 340),
    "pgt_trainings_text_restates_tabel1": ("reproduced", 38),
    "pgt_followup_text_restates_tabel1": ("reproduced", 70),
    "pgt_followup_meetings_text_restates_tabel1": ("reproduced", 18),
    # text (line 1035) says 758, Tabel 1 (line 1022) 785
    "pgt_workshop_participants_text_restates_tabel1": ("mismatch", 785),
    "pgt_workshops_text_restates_tabel1": ("reproduced", 55),
    "pgt_plus_participants_text_restates_tabel1": ("reproduced", 95),
    "pgt_plus_sessions_text_restates_tabel1": ("reproduced", 10),
    "pgt_summary_grade_mean_of_cohorts": ("reproduced", 8.0),  # (8.3 + 7.7 + 8) / 3
    "pgt_room_change_points": ("extension", 47),  # 56 − 9
}


@pytest.fixture(scope="module")
def rows(notebook_results):
    return notebook_results("pg_training")


def test_every_row_is_expected(rows):
    check_ids(rows, EXPECTED)


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_row(rows, row_id):
    check_row(rows, row_id, EXPECTED)
