"""analysis.stats: hand-checked values and edge cases."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis import stats


def test_wilson_hand_checked():
    # k = 2, n = 26, z = 1.959964: centre (p + z²/2n)/(1 + z²/n),
    # half-width z·sqrt(p(1-p)/n + z²/4n²)/(1 + z²/n)
    z = 1.959963984540054
    p, n = 2 / 26, 26
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    lo, hi = stats.wilson(2, 26)
    assert float(lo) == pytest.approx(centre - half, rel=1e-12)
    assert float(hi) == pytest.approx(centre + half, rel=1e-12)


def test_wilson_exact_at_zero_and_n_and_nan_at_empty():
    lo, hi = stats.wilson([0, 11, 0], [11, 11, 0])
    assert lo[0] == 0.0 and hi[1] == 1.0
    assert 0 < hi[0] < 1 and 0 < lo[1] < 1
    assert np.isnan(lo[2]) and np.isnan(hi[2])


def test_wilson_level_widens_interval_and_rejects_bad_input():
    lo95, hi95 = stats.wilson(10, 40, confidence_level=0.95)
    lo99, hi99 = stats.wilson(10, 40, confidence_level=0.99)
    assert lo99 < lo95 < hi95 < hi99
    with pytest.raises(ValueError):
        stats.wilson(5, 4)
    with pytest.raises(ValueError):
        stats.wilson(1, 4, confidence_level=5)


def test_count_from_percent_rounds_half_up_not_to_even():
    # 50% of 5 = 2.5 → 3 (round() would give 2); 12.5% of 20 = 2.5 → 3; 65% of 638 = 414.7 → 415
    assert stats.count_from_percent(50, 5) == 3
    assert stats.count_from_percent(12.5, 20) == 3
    assert stats.count_from_percent(65, 638) == 415
    assert list(stats.count_from_percent([14.5, 10], [200, 30])) == [29, 3]
    assert stats.round_half_up(0.125, 2) == 0.13 and stats.round_half_up(2.5) == 3.0


def test_counts_rounding_to_and_nearest_attainable():
    # 33% of 37: 12/37 = 32.4 → 32, 13/37 = 35.1 → 35: none; 32% → 12 only
    assert stats.counts_rounding_to(33, 37) == []
    assert stats.counts_rounding_to(32, 37) == [12]
    # 10% of 200: 19/200 = 9.5 → 10, 20/200 = 10.0, 21/200 = 10.5 → 11
    assert stats.counts_rounding_to(10, 200) == [19, 20]
    assert stats.nearest_attainable(33, 37) == pytest.approx(100 * 12 / 37)


def test_bootstrap_ci_is_scipy_and_deterministic():
    x = np.arange(20, dtype=float)
    a = stats.bootstrap_ci(x, seed=1, n_resamples=999)
    b = stats.bootstrap_ci(x, seed=1, n_resamples=999)
    assert a == b
    assert a[0] < x.mean() < a[1]


def test_adjust_family_holm_and_bh_hand_checked():
    fam = pd.DataFrame({"test": list("abcd"), "p": [0.01, 0.04, 0.03, 0.20]})
    out = stats.adjust_family(fam, "help questions")
    # Holm: sorted 0.01, 0.03, 0.04, 0.20 × 4, 3, 2, 1 = 0.04, 0.09, 0.08→0.09 (monotone), 0.20
    assert out["p_holm"].tolist() == pytest.approx([0.04, 0.09, 0.09, 0.20])
    # BH: 0.01·4/1 = 0.04, 0.03·4/2 = 0.06, 0.04·4/3 = 0.0533, 0.20 → monotone from the top
    assert out["p_bh"].tolist() == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.20])
    assert set(out["family"]) == {"help questions"} and set(out["m"]) == {4}
    assert (out["p_holm"] >= out["p"]).all() and (out["p_bh"] <= out["p_holm"]).all()


def test_adjust_family_refuses_missing_p():
    with pytest.raises(ValueError):
        stats.adjust_family(pd.DataFrame({"p": [0.1, np.nan]}), "x")
    with pytest.raises(ValueError):
        stats.adjust([1.2])


def test_probability_text_never_rounds_to_certainty():
    assert stats.probability_text(0.999) == "99.9%"
    assert stats.probability_text(0.9996) == "99.96%"
    assert stats.probability_text(0.0004) == "0.04%"
    assert stats.probability_text(1.0) == "100%"
    assert stats.probability_text(0.96) == "96.0%"


def test_chi2_p_range_exact_when_one_table_fits_and_spans_when_several_do():
    # 50% / 50% of 10 → only 5/5; one table, so the range is the single p
    one = stats.chi2_p_range(np.array([[50.0, 50.0], [20.0, 80.0]]), [[10], [10]], decimals=0)
    assert one["tables"] == 1 and one["p_min"] == one["p_max"] == one["p_nearest"]
    # several admissible denominators per row widen the range
    many = stats.chi2_p_range(np.array([[30.0, 70.0], [60.0, 40.0]]), [[20, 30, 40], [20, 30]],
                              decimals=0, draws=200, seed=1)
    assert many["p_min"] <= many["p_nearest"] <= many["p_max"]
    assert many["p_min"] < many["p_max"]
    with pytest.raises(ValueError):
        stats.chi2_p_range(np.array([[33.0, 67.0]]), [[37]], decimals=0)  # 33% of 37: none


def test_illustration_block_and_banner_statements():
    from analysis import notebook

    with pytest.raises(ValueError):
        notebook.illustration(" ")
    with pytest.raises(ValueError):
        notebook.synthetic_banner("x", matches="the total", invented="")
