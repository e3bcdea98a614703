"""Results rows of notebooks/cost_figures_ycnd_ggz.ipynb: every row against its expected file
(tests/results/test_expected_files.py; `make check-evaluation NAME=cost_figures_ycnd_ggz
REGEN=1`), and the YCND cost ranges and the GGZ users per neighbourhood restated by hand.
"""

from __future__ import annotations

import pytest

NB = "cost_figures_ycnd_ggz"


def test_hand_checked(rows):
    assert rows.loc["ycnd_cost_implied_cost_net_low", "reproduced"] == pytest.approx(1072 / 6)
    assert rows.loc["ycnd_cost_implied_cost_net_high", "reproduced"] == pytest.approx(2039 / 3)
    # Wittevrouwenveld specialist outpatient 107 -> 67 (2019, incomplete)
    key = "ggz_cost_users_wittevrouwenveld_sggz_outpatient_change_2016_2019"
    assert rows.loc[key, "reproduced"] == pytest.approx(100 * (67 - 107) / 107)
    assert rows.loc["ycnd_cost_go_saving_low", "published"] == pytest.approx(1072)
