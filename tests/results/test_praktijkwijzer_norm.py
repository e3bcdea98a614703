"""Results rows of notebooks/praktijkwijzer_norm.ipynb, asserted row by row.

Every row's id, status and reproduced value are checked against the expected file
(tests/results/expected/, regenerated on purpose with `make regen-expected`); the hand-checked
test below restates the key ones from first principles.
"""

from __future__ import annotations

import pytest

NB = "praktijkwijzer_norm"



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
