"""analysis.costs, checked against values computed by hand."""

import numpy as np
import pytest

from analysis import costs

BASE = {
    "cases": 638,
    "share_not_referred": 413 / 638,
    "share_ggz": 321 / 413,
    "cost_ggz": 3940,
    "cost_jeugdhulp": 2448,
    "intervention_cost": 509721,
    "substitution": 1.0,
    "correction": 0.0,
}


def test_avoided_and_net_saving():
    assert costs.avoided_cost(51, 3940) == 200940  # Tabel 8, Eijsden-Margraten GGZ
    assert costs.net_saving(1489956, 509721) == 980235  # Tabel 9 total


def test_substitution_model_reproduces_the_business_case():
    # 321 × 3940 + 92 × 2448 − 509721 = 1264740 + 225216 − 509721 = 980235
    assert costs.substitution_net_saving(BASE) == pytest.approx(980235)


def test_substitution_and_correction_scale_the_avoided_cost():
    half = costs.substitution_net_saving({**BASE, "substitution": 0.5})
    assert half == pytest.approx(1489956 / 2 - 509721)
    corr = costs.substitution_net_saving({**BASE, "correction": 0.2})
    assert corr == pytest.approx(1489956 * 0.8 - 509721)


def test_break_even_share():
    assert costs.break_even_share(509721, 1489956) == pytest.approx(0.342105, abs=1e-6)
    with pytest.raises(ValueError):
        costs.break_even_share(1, 0)


def test_saving_per_unit():
    df = costs.saving_per_unit(np.array([100.0, 50.0, 0.0]), np.array([60.0, 75.0, 0.0]))
    assert df["saving"].tolist() == [40.0, -25.0, 0.0]
    assert df["saving_pct"].iloc[0] == 40.0 and df["saving_pct"].iloc[1] == -50.0
    assert np.isnan(df["saving_pct"].iloc[2])


def test_one_way_sensitivity_orders_by_swing():
    ranges = {"substitution": costs.Range(0.5, 1.0), "cost_jeugdhulp": costs.Range(2000, 3000)}
    df = costs.one_way_sensitivity(costs.substitution_net_saving, BASE, ranges)
    assert df["input"].tolist() == ["substitution", "cost_jeugdhulp"]
    assert df.loc[0, "outcome_low"] == pytest.approx(1489956 / 2 - 509721)
    # 92 × (3000 − 2000) = 92000
    assert df.loc[1, "swing"] == pytest.approx(92000)
    assert df.attrs["base_outcome"] == pytest.approx(980235)
    with pytest.raises(KeyError):
        costs.one_way_sensitivity(costs.substitution_net_saving, BASE, {"nope": costs.Range(0, 1)})


def test_probabilistic_sensitivity_is_seeded():
    samplers = {"substitution": lambda rng, n: rng.uniform(0.5, 1.0, n)}
    a = costs.probabilistic_sensitivity(costs.substitution_net_saving, BASE, samplers, 200, seed=1)
    b = costs.probabilistic_sensitivity(costs.substitution_net_saving, BASE, samplers, 200, seed=1)
    c = costs.probabilistic_sensitivity(costs.substitution_net_saving, BASE, samplers, 200, seed=2)
    assert a.equals(b) and not a.equals(c)
    expected = a["substitution"] * 1489956 - 509721
    assert np.allclose(a["outcome"], expected)


def test_summarise_draws():
    s = costs.summarise_draws(np.arange(-10.0, 90.0))
    assert s["mean"] == pytest.approx(39.5)
    assert s["prob_above"] == pytest.approx(89 / 100)


def _poh_base():
    # region totals of Tabel 6-9: 413 of 638 not referred, 321 to Jeugd-GGZ, POH cost 509,721
    scope = {"cases": 413.0, "ggz_cases": 321.0, "poh_cost": 509721.0}
    return costs.substitution_base(scope, 638, 413, 413 / 638, 3940, 2448, 0.0)


def test_substitution_base_reproduces_the_business_case():
    assert costs.substitution_net_saving(_poh_base()) == pytest.approx(980235)


def test_probability_of_saving_is_monotone_in_substitution_and_crosses_half_near_break_even():
    base = _poh_base()
    samplers = costs.substitution_psa_samplers(base, 480, 0.125, 0.0, 1.0)
    draws = costs.probabilistic_sensitivity(costs.substitution_net_saving, base, samplers, 2000, 7)
    grid = np.linspace(0, 1, 101)
    curve = costs.probability_above_by(costs.substitution_net_saving, base, draws, "substitution",
                                       grid)
    p = curve["probability"].to_numpy()
    assert np.all(np.diff(p) >= 0)
    assert p[0] == 0.0 and p[-1] > 0.99
    be = costs.break_even_share(509721, 1489956)  # 0.342
    cross = costs.crossing(grid, p, 0.5)
    assert abs(cross - be) < 0.03


def test_crossing_interpolates_and_says_never():
    assert costs.crossing([0, 1], [0.0, 1.0]) == pytest.approx(0.5)
    assert np.isnan(costs.crossing([0, 1], [0.1, 0.2]))


def test_substitution_prior_must_lie_in_unit_interval():
    with pytest.raises(ValueError):
        costs.substitution_psa_samplers(_poh_base(), 480, 0.125, 0.5, 1.2)


def test_substitution_psa_is_the_samplers_through_the_model_and_deterministic():
    base = _poh_base()
    a = costs.substitution_psa(base, 480, 0.125, 0.0, 1.0, 500, 3)
    b = costs.substitution_psa(base, 480, 0.125, 0.0, 1.0, 500, 3)
    assert a.equals(b)
    assert a["substitution"].between(0, 1).all()
    assert a["outcome"].to_numpy() == pytest.approx(
        costs.substitution_net_saving(
            {**base, **{c: a[c].to_numpy() for c in a if c != "outcome"}}))
