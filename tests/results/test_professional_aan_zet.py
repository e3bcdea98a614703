"""Results rows of notebooks/professional_aan_zet.ipynb, asserted row by row (status and value)."""

import pytest

from tests.results.expected_rows import check_ids, check_row

EXPECTED: dict[str, tuple[str, float | None]] = {
    "paz_cases_total": ("reproduced", 46),
    "paz_helped_without_kredietbank": ("reproduced", 89.13043478),
    "paz_without_kredietbank_all_cases": ("extension", 91.30434783),
    "paz_ww_referrals_per_week": ("extension", 0.6598360656),
    "paz_team_signups_per_year_low": ("extension", 104),
    "paz_team_signups_per_year_high": ("extension", 208),
    "paz_dng_per_week": ("not_reproducible", None),
    "paz_dng_weeks_implied": ("extension", 44),
    "paz_lvb_lowest_minus_city": ("extension", 3.3),
    "paz_special_education_lowest_minus_city": ("extension", 0.1),
}


@pytest.fixture(scope="module")
def rows(notebook_results):
    return notebook_results("professional_aan_zet")


def test_every_row_is_expected(rows):
    check_ids(rows, EXPECTED)


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_row(rows, row_id):
    check_row(rows, row_id, EXPECTED)


def test_hand_checked(rows):
    assert rows.loc["paz_cases_total", "reproduced"] == 1 + 3 + 41 + 1
    assert rows.loc["paz_helped_without_kredietbank", "reproduced"] == pytest.approx(100 * 41 / 46)
    # 2019-06-01 to 2020-10-01 is 488 days
    assert rows.loc["paz_ww_referrals_per_week", "reproduced"] == pytest.approx(46 / (488 / 7))
