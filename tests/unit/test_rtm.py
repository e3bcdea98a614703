"""Regression to the mean: hand-checked values and the linearity in rho."""

import numpy as np
import pytest

from analysis import rtm


def test_expected_post_by_hand():
    # mu = 20, rho = 0.5: 20 + 0.5 × (100 − 20) = 60
    assert rtm.expected_post(100.0, 20.0, 0.5) == pytest.approx(60.0)
    # rho = 1: no regression; rho = 0: straight to the mean
    assert rtm.expected_post(100.0, 20.0, 1.0) == pytest.approx(100.0)
    assert rtm.expected_post(100.0, 20.0, 0.0) == pytest.approx(20.0)
    assert rtm.expected_fall(100.0, 20.0, 0.25) == pytest.approx(60.0)  # 0.75 × 80


def test_remaining_saving_by_hand():
    pre, post = np.array([100.0, 60.0]), np.array([50.0, 50.0])
    # rho 0.5, mu 20: expected post 60 and 40; remaining 60 − 50 = 10 and 40 − 50 = −10
    np.testing.assert_allclose(rtm.remaining_saving(pre, post, 20.0, 0.5), [10.0, -10.0])


def test_scenarios_table():
    pre, post = np.array([100.0, 60.0]), np.array([50.0, 50.0])
    tbl = rtm.rtm_scenarios(pre, post, 20.0, [0.0, 0.5, 1.0])
    assert list(tbl["rho"]) == [0.0, 0.5, 1.0]
    assert tbl["observed_saving_total"].tolist() == [60.0, 60.0, 60.0]
    # expected fall at rho 0: 80 + 40 = 120; at 0.5: 60; at 1: 0
    np.testing.assert_allclose(tbl["expected_rtm_total"], [120.0, 60.0, 0.0])
    np.testing.assert_allclose(tbl["remaining_saving_total"], [-60.0, 0.0, 60.0])
    np.testing.assert_allclose(tbl["remaining_saving_mean"], [-30.0, 0.0, 30.0])
    np.testing.assert_allclose(tbl["remaining_share"], [-1.0, 0.0, 1.0])


def test_break_even_rho_matches_scenarios():
    rng = np.random.default_rng(1)
    pre = rng.uniform(50, 150, 12)
    post = pre * rng.uniform(0.4, 1.1, 12)
    mu, cost = 10.0, 8.0
    rho = rtm.break_even_rho(pre, post, mu, cost)
    # second method: the mean remaining saving at that rho equals the cost
    assert rtm.remaining_saving(pre, post, mu, rho).mean() == pytest.approx(cost)


def test_gezinsregie_break_even_by_hand():
    # Tabel 3 means: pre 1,074,904/12, post 715,741/12; mu = 88,090,620/8,849
    pre_m, post_m, mu = 1074904 / 12, 715741 / 12, 88090620 / 8849
    expected = (8000 - (mu - post_m)) / (pre_m - mu)
    pre = np.full(12, pre_m)
    post = np.full(12, post_m)
    assert rtm.break_even_rho(pre, post, mu, 8000) == pytest.approx(expected)
    assert expected == pytest.approx(0.72457, abs=1e-4)


def test_errors():
    with pytest.raises(ValueError, match="rho"):
        rtm.expected_post(1.0, 0.0, 1.5)
    with pytest.raises(ValueError, match="shape"):
        rtm.remaining_saving(np.ones(3), np.ones(2), 0.0, 0.5)
    with pytest.raises(ValueError, match="mu"):
        rtm.break_even_rho(np.ones(3), np.ones(3), 1.0, 0.0)


def test_scenarios_from_means_equal_the_per_unit_calculation():
    pre, post = np.array([60000.0, 40000.0]), np.array([30000.0, 20000.0])
    a = rtm.rtm_scenarios(pre, post, 10000, [0.3, 0.6])
    b = rtm.scenarios_from_means(50000, 25000, 2, 10000, [0.3, 0.6])
    assert np.allclose(a.to_numpy(), b.to_numpy())
    # mean remaining = mu (1 − rho) + rho · pre − post = 10000 · 0.7 + 0.3 · 50000 − 25000 = −3000
    assert b.loc[0, "remaining_saving_mean"] == pytest.approx(-3000)


def test_rho_from_persistence_hand_checks():
    # independence would keep 5% of the top 5%; Monheit 2003's 30% → ≈ 0.59
    assert 0 < rtm.rho_from_persistence(0.05, 0.06) < 0.1
    assert rtm.rho_from_persistence(0.05, 0.30) == pytest.approx(0.5855, abs=1e-3)
    assert rtm.rho_from_persistence(0.05, 0.45) > rtm.rho_from_persistence(0.05, 0.30)


def test_net_saving_beyond_rtm_subtracts_staff_cost():
    pre, post = np.array([50000.0]), np.array([25000.0])
    # remaining at rho 0.3, mu 10000: −3000; staff 2.5 × 45 × 70 = 7875
    assert rtm.net_saving_beyond_rtm(pre, post, 10000, 0.3, 2.5, 45, 70) == pytest.approx(-10875)


def test_net_saving_model_by_hand():
    pre, post = np.array([100.0, 60.0]), np.array([50.0, 30.0])
    model = rtm.net_saving_model(pre, post)
    # mu 20, rho 0.5: expected post 60 and 40, remaining 10 and 10 → mean 10;
    # staff 1 h × 2 weeks × € 3 = 6 → net 4
    x = {"mu": 20.0, "rho": 0.5, "hours": 1.0, "weeks": 2.0, "rate": 3.0}
    assert model(x) == pytest.approx(4.0)
    with pytest.raises(KeyError):
        model({"mu": 20.0, "rho": 0.5})
