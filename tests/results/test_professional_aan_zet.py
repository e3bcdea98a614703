"""Results rows of notebooks/professional_aan_zet.ipynb: every row against its expected file
(tests/results/expected/professional_aan_zet.csv; `make check-evaluation
NAME=professional_aan_zet REGEN=1`), and rows checked by hand.
"""

import pytest

NB = "professional_aan_zet"


def test_hand_checked(rows):
    # (46 − 1 − 3) / 46: every referred case without the Kredietbank, declined help included
    assert rows.loc["paz_without_kredietbank_all_cases", "reproduced"] == pytest.approx(
        100 * 42 / 46)
    # 2019-06-01 to 2020-10-01 is 488 days
    assert rows.loc["paz_ww_referrals_per_week", "reproduced"] == pytest.approx(46 / (488 / 7))
    # the sum of the four outcomes and the 89% are declared in structure: the audit's, not here
    assert "paz_cases_total" not in rows.index
    assert "paz_helped_without_kredietbank" not in rows.index
