"""Functions appended to analysis.costs for the Gezinsregie households."""

import numpy as np
import pytest

from analysis import costs


def test_staff_cost_by_hand():
    # 2,5 h × 45 weeks × € 70 = € 7.875 (the report uses € 8.000)
    assert costs.staff_cost(2.5, 45, 70) == pytest.approx(7875.0)
    np.testing.assert_allclose(costs.staff_cost(np.array([2.0, 3.0]), 45, 70), [6300.0, 9450.0])
    with pytest.raises(ValueError, match="hours_per_week"):
        costs.staff_cost(-1, 45, 70)


def test_scale_up_net_saving_by_hand():
    # 648 × (29,930.25 − 8,000) = 14,210,802
    assert costs.scale_up_net_saving(648, 359163 / 12, 8000) == pytest.approx(14210802.0)
    assert costs.scale_up_net_saving(10, 5, 8) == pytest.approx(-30.0)
    with pytest.raises(ValueError):
        costs.scale_up_net_saving(-1, 1, 1)


def test_tabel5_balance_with_shared_functions():
    # Tabel 5: −359,164 + 12 × 8,000 = −263,164 (the household sum gives 359,163)
    assert costs.net_saving(359164, 12 * 8000) == pytest.approx(263164)
    per = costs.saving_per_unit([68603, 68893], [19187, 108341])
    np.testing.assert_allclose(per["saving"], [49416, -39448])
    np.testing.assert_allclose(per["saving_pct"].round(2), [72.03, -57.26])
