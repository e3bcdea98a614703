"""The Praktijkwijzer's hours rule, checked against the document's own numbers."""

import numpy as np
import pytest

from analysis import practice_norm


def test_norm_practice_gives_three_hours():
    # 0,25 × 12 = 3 hours per week for the norm practice of 2350 patients
    assert practice_norm.recommended_hours(2350, 0.25) == pytest.approx(3.0)
    assert practice_norm.recommended_hours(2350, 0.20) == pytest.approx(2.4)
    assert practice_norm.recommended_hours(2350, 0.30) == pytest.approx(3.6)


def test_eleven_thousand_patients():
    # 12 × 11000 / 2350 × 0.25 = 14.0426
    assert practice_norm.recommended_hours(11000, 0.25) == pytest.approx(14.0426, abs=1e-4)
    # 4 hours for 11000 patients only at a youth share of 4 / (12 × 11000 / 2350) = 0.07121
    assert practice_norm.implied_poh_ggz_youth_share(11000, 4) == pytest.approx(0.07121, abs=1e-5)


def test_inverses_round_trip():
    size = practice_norm.implied_list_size(4, 0.25)
    assert size == pytest.approx(3133.33, abs=0.01)
    assert practice_norm.recommended_hours(size, 0.25) == pytest.approx(4.0)


def test_grid_and_custom_norm():
    g = practice_norm.hours_grid([1000, 2000], [0.2, 0.3])
    assert len(g) == 4
    np.testing.assert_allclose(g["hours_per_week"], 12 / 2350 * np.array([200, 300, 400, 600]))
    own = practice_norm.recommended_hours(3000, 0.5, norm_hours=10, norm_list_size=3000)
    assert own == pytest.approx(5)


def test_errors():
    with pytest.raises(ValueError, match="fraction"):
        practice_norm.recommended_hours(2350, 25)
    with pytest.raises(ValueError, match="non-negative"):
        practice_norm.recommended_hours(-1, 0.25)
    with pytest.raises(ValueError):
        practice_norm.recommended_hours(2350, 0.25, norm_hours=0)
    with pytest.raises(ValueError):
        practice_norm.implied_poh_ggz_youth_share(0, 4)
    with pytest.raises(ValueError):
        practice_norm.implied_list_size(4, 0)
