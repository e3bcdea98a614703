"""Pareto analysis of grouped costs: hand-checked shares, Lorenz curve and Gini."""

import numpy as np
import pytest

from analysis import pareto


def _gini_individual(x: np.ndarray) -> float:
    """Second method: mean absolute difference / (2 × mean)."""
    x = np.asarray(x, dtype=float)
    return float(np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean()))


def test_bin_summary_by_hand():
    s = pareto.bin_summary([3, 1], [30, 70])
    np.testing.assert_allclose(s["units_pct"], [75.0, 25.0])
    np.testing.assert_allclose(s["cost_pct"], [30.0, 70.0])
    np.testing.assert_allclose(s["mean_cost"], [10.0, 70.0])


def test_shares_above_by_hand():
    t = pareto.shares_above([0, 10, 20], [5, 3, 2], [10, 30, 60])
    np.testing.assert_allclose(t["units_above"], [10, 5, 2])
    np.testing.assert_allclose(t["cost_pct"], [100.0, 90.0, 60.0])
    np.testing.assert_allclose(t["mean_cost"], [10.0, 18.0, 30.0])


def test_lorenz_and_gini_two_units():
    # one unit costing 1, one costing 3: Lorenz (0,0), (0.5,0.25), (1,1); Gini 0.25
    pts = pareto.lorenz_points([1, 1], [3, 1])  # unordered input is sorted by mean cost
    np.testing.assert_allclose(pts["units_share"], [0, 0.5, 1])
    np.testing.assert_allclose(pts["cost_share"], [0, 0.25, 1])
    assert pareto.gini_grouped([1, 1], [3, 1]) == pytest.approx(0.25)
    assert _gini_individual(np.array([1, 3])) == pytest.approx(0.25)


def test_gini_grouped_equals_individual_when_bins_are_homogeneous():
    values = np.array([1.0, 1.0, 2.0, 5.0, 5.0, 5.0, 12.0])
    units = np.array([2, 1, 3, 1])
    cost = np.array([2.0, 2.0, 15.0, 12.0])
    assert pareto.gini_grouped(units, cost) == pytest.approx(_gini_individual(values))


def test_tabel6_target_mean_is_not_the_printed_one():
    # Tabel 6 categories above € 30.000: 394, 107, 147 households; costs as printed
    units = np.array([394, 107, 147])
    cost = np.array([13452159, 4335602, 10960737])
    assert cost.sum() / units.sum() == pytest.approx(44365.0, abs=0.5)
    # the printed 49,742 is the unweighted mean of the three category means
    means = pareto.bin_summary(units, cost)["mean_cost"]
    assert means.mean() == pytest.approx(49742, abs=0.5)
    assert pareto.weighted_mean(means, units) == pytest.approx(44365.0, abs=0.5)


def test_errors():
    with pytest.raises(ValueError):
        pareto.bin_summary([1, 0], [1, 1])
    with pytest.raises(ValueError):
        pareto.bin_summary([1, 2], [1])
    with pytest.raises(ValueError, match="ascending"):
        pareto.shares_above([10, 0], [1, 1], [1, 1])
    with pytest.raises(ValueError):
        pareto.weighted_mean([1.0], [0.0])
