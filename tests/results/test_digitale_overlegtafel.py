"""Results rows of notebooks/digitale_overlegtafel.ipynb: every row against its expected file
(tests/results/expected/digitale_overlegtafel.csv; `make regen-expected`), and rows checked by hand.
"""

import pytest

NB = "digitale_overlegtafel"


def test_hand_checked(rows):
    # October, November, December 2018, January, February, March 2019
    assert rows.loc["dot_egpo_months", "reproduced"] == 6
    assert rows.loc["dot_egpo_months", "published"] == 5
    assert round(100 * 18 / 33) == 55 and round(100 * 18 / 32) != 55 and round(100 * 18 / 34) != 55
    share = rows.loc["dot_egpo_patients_share_of_target", "reproduced"]
    assert share == pytest.approx(100 * 15 / 50)
