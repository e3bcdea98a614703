import pytest

from analysis import periods


def test_months_inclusive():
    assert periods.months_inclusive("2018-10", "2019-03") == 6  # Oct, Nov, Dec, Jan, Feb, Mar
    assert periods.months_inclusive("2020-01", "2020-01") == 1
    with pytest.raises(ValueError, match="ends before"):
        periods.months_inclusive("2020-02", "2020-01")


def test_weeks_and_rate():
    assert periods.weeks_between("2020-01-01", "2020-01-15") == 2
    assert periods.per_week(10, "2020-01-01", "2020-01-15") == 5
    with pytest.raises(ValueError):
        periods.weeks_between("2020-01-02", "2020-01-01")


def test_implied_denominators():
    # 18 of n = 55% (rounded): 18/33 = 54.5 rounds to 55; 18/32 = 56.3 and 18/34 = 52.9 do not
    assert periods.implied_denominators(18, 55) == [33]
    assert periods.implied_denominators(1, 50) == [2]
    assert periods.share(41, 46) == pytest.approx(89.130434, rel=1e-6)
