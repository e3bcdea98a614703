"""Results rows of notebooks/praktijkwijzer_norm.ipynb, asserted row by row.

Each row's status and reproduced value are asserted.

Expected values were checked against the source arithmetic; the hand-checked test below restates
the key ones from first principles.
"""


import pytest

from tests.results.expected_rows import check_ids, check_row

EXPECTED = {
    "pw_youth_fraction": ("reproduced", 0.25),
    "pw_youth_norm_hours": ("reproduced", 3),
    "pw_norm_hours_share_low": ("extension", 2.4),
    "pw_norm_hours_share_high": ("extension", 3.6),
    "pw_pilot_consultation_per_week": ("extension", 0.25),
    "pw_pilot_client_hours": ("extension", 3.75),
    "pw_consultation_restated": ("reproduced", 0.5),
    "pw_start_hours_restated": ("reproduced", 4),
    "pw_pilot_implied_share_norm_practice": ("extension", 0.3333333333),
    "pw_pilot_implied_list_size": ("extension", 3133.333333),
    "pw_example_hours_share_20": ("extension", 11.23404255),
    "pw_example_hours_share_25": ("extension", 14.04255319),
    "pw_example_hours_share_30": ("extension", 16.85106383),
    "pw_example_implied_share": ("extension", 0.07121212121),
}


@pytest.fixture(scope="module")
def rows(notebook_results):
    return notebook_results("praktijkwijzer_norm")


def test_every_row_is_expected(rows):
    check_ids(rows, EXPECTED)


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_row(rows, row_id):
    check_row(rows, row_id, EXPECTED)


def test_hand_checked(rows):
    assert rows.loc["pw_youth_norm_hours", "reproduced"] == pytest.approx(3.0)  # 12 × 0.25
    per_norm = 12 * 11000 / 2350  # POH GGZ hours for 11,000 patients
    assert rows.loc["pw_example_hours_share_25", "reproduced"] == pytest.approx(per_norm * 0.25)
    assert rows.loc["pw_example_implied_share", "reproduced"] == pytest.approx(4 / per_norm)
    assert rows.loc["pw_pilot_client_hours", "reproduced"] == pytest.approx(3.75)  # 4 − ½ / 2


def test_the_share_is_named_as_a_share_of_poh_ggz_patients(rows):
    # the 20–30% is the youth share of the POH GGZ's patients, not of the practice's list
    for rid in ("pw_example_implied_share", "pw_pilot_implied_share_norm_practice"):
        assert "POH GGZ patients" in rows.loc[rid, "quantity"]
    implied = rows.loc["pw_example_implied_share", "reproduced"]
    assert implied == pytest.approx(4 / (12 * 11000 / 2350))
