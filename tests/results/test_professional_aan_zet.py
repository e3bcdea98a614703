"""Results rows of notebooks/professional_aan_zet.ipynb: every row against its expected file
(tests/results/expected/professional_aan_zet.csv; `make regen-expected`), and rows checked by hand.
"""

import pytest

NB = "professional_aan_zet"


def test_hand_checked(rows):
    assert rows.loc["paz_cases_total", "reproduced"] == 1 + 3 + 41 + 1
    assert rows.loc["paz_helped_without_kredietbank", "reproduced"] == pytest.approx(100 * 41 / 46)
    # 2019-06-01 to 2020-10-01 is 488 days
    assert rows.loc["paz_ww_referrals_per_week", "reproduced"] == pytest.approx(46 / (488 / 7))
