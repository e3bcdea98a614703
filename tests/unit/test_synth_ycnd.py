"""The SYNTHETIC YCND cohort: group-size arithmetic, targets, determinism and agreement."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import group_sizes, growth, paired_change, rawdata
from analysis.synth import ycnd


def test_largest_remainder_hand_checked():
    # 52.1/37.5/10.4 % of 50 = 26.05, 18.75, 5.2 → floors 26, 18, 5 (49); the largest remainder
    # (0.75) gets the last one.
    assert ycnd.largest_remainder([52.1, 37.5, 10.4], 50) == [26, 19, 5]
    assert ycnd.largest_remainder([52.1, 37.5, 10.4], 48) == [25, 18, 5]
    assert ycnd.largest_remainder([33.3, 33.3, 33.4], 10) == [3, 3, 4]


def test_group_sizes_of_the_printed_percentages():
    t = group_sizes.group_size_table(
        rawdata.load("ycnd_followup_shares"), n_max=100,
        chosen={"group_size": ycnd.GROUP_SIZE, "long_size": ycnd.LONG_SIZE}).set_index("variable")
    # 25/48 = 52.08, 18/48 = 37.50, 5/48 = 10.42: only multiples of 48 up to 100
    assert t.loc["weight_class", "sizes"] == "48, 96"
    # 4,0 % and 48,0 % need k/n exact to a tenth: multiples of 25
    assert t.loc["bmiz_change", "sizes"] == "25, 50, 75, 100"
    assert t.loc["bmiz_change_12_18m", "sizes"].startswith("14, 28, 42")  # 11/14 = 78.57
    sex_sizes = [int(s) for s in t.loc["sex", "sizes"].split(", ")]
    assert 49 in sex_sizes and 51 in sex_sizes and 48 not in sex_sizes and 50 not in sex_sizes
    assert t.loc["bmiz_change", "fits_group_size"]
    assert not t.loc["weight_class", "fits_group_size"]
    assert t.loc["bmiz_change_12_18m", "fits_long_size"]


def test_targets_from_published_aggregates():
    t = ycnd.targets()
    assert (t.n, t.n_long) == (50, 14)
    assert t.n_girls == 25  # 49 % of 50 = 24.5, rounded half up
    assert t.class_counts == (26, 19, 5)
    assert (t.n_stable, t.n_decrease, t.n_long_decrease) == (2, 24, 11)
    assert t.mean_change == pytest.approx(-0.31)
    assert t.mean_months == pytest.approx(10.4)
    assert (t.min_age, t.max_age, t.mean_age) == (4.0, 15.0, 11.0)


def test_written_header(tmp_path):
    ycnd.write(tmp_path / "a.csv", 7)  # same seed, same bytes: tests/unit/test_synth_determinism.py
    head = (tmp_path / "a.csv").read_text().splitlines()[0]
    assert head == "child_id,sex,birth_date,measurement_date,height_cm,weight_kg,phase"


def _summary(df: pd.DataFrame, band: float = 0.05) -> dict:
    d = df.copy()
    d["age_years"] = growth.decimal_age(d["birth_date"], d["measurement_date"])
    d["bmi"] = d["weight_kg"] / (d["height_cm"] / 100) ** 2
    d["z"] = growth.bmi_z(d["bmi"], d["age_years"], d["sex"])
    d["cls"] = growth.weight_class(d["bmi"], d["age_years"], d["sex"])
    p, unpaired = paired_change.paired(d, ["z", "age_years", "cls"])
    dz = p["z_1"] - p["z_0"]
    direction = pd.Series(paired_change.change_direction(dz, band))
    long_ = p["months"] >= 12
    return {
        "n": len(p), "unpaired": len(unpaired), "mean_dz": dz.mean(), "dz": dz,
        "stable": int((direction == "stable").sum()),
        "decrease": int((direction == "decrease").sum()),
        "long": int(long_.sum()),
        "long_decrease": int((direction[long_.to_numpy()] == "decrease").sum()),
        "girls": int((p["sex"] == "F").sum()), "classes": p["cls_0"].value_counts().to_dict(),
        "mean_months": p["months"].mean(), "min_months": p["months"].min(),
        "max_months": p["months"].max(), "mean_age": p["age_years_0"].mean(),
        "min_age": np.floor(p["age_years_0"].min()), "max_age": np.floor(p["age_years_0"].max()),
    }


@pytest.mark.parametrize("seed", [20205, 3])
def test_cohort_agrees_with_the_targets(seed):
    s = _summary(ycnd.generate(seed))
    assert (s["n"], s["unpaired"]) == (50, 0)
    assert round(s["mean_dz"], 2) == -0.31
    assert (s["stable"], s["decrease"]) == (2, 24)
    assert (s["long"], s["long_decrease"]) == (14, 11)
    assert s["girls"] == 25
    assert s["classes"] == {"overweight": 26, "obesity": 19, "morbid obesity": 5, "healthy": 0}
    assert round(s["mean_months"], 1) == 10.4
    assert 6 <= s["min_months"] < 6.5 and 17.5 <= s["max_months"] <= 18
    assert round(s["mean_age"]) == 11 and (s["min_age"], s["max_age"]) == (4, 15)


@pytest.mark.parametrize("band", [ycnd.STABLE_MAX + 0.001, 0.05, ycnd.MIN_CHANGE - 0.001])
def test_shares_hold_for_any_band_between_stable_and_min_change(band):
    s = _summary(ycnd.generate(20205), band)
    assert (s["stable"], s["decrease"]) == (2, 24)


@pytest.mark.parametrize("seed", [20205, 3])
def test_changes_are_continuous_so_the_band_matters(seed):
    """Issue 19: the stable band's sensitivity is not flat by construction."""
    stable = [_summary(ycnd.generate(seed), b)["stable"] for b in (0.0, 0.1, 0.15, 0.2, 0.25)]
    assert stable[0] <= 1  # no change is exactly zero (at most one lands on it after rounding)
    assert all(a < b for a, b in zip(stable[1:], stable[2:], strict=False))  # rises beyond ±0.06
    assert stable[-1] >= 8


def test_label_says_what_is_matched_and_what_is_invented():
    label = ycnd.label()
    assert label.startswith("SYNTHETIC") and label.endswith("are invented.")
    for margin in ("stable 4.0%", "decreasing 48.0%", "78.6% decreasing", "\u22120.31",
                   "52.1% / 37.5% / 10.4%", "49% girls", "n = 50", "mean age 11 (4-15)",
                   "10.4 months"):
        assert margin in label
    assert "," not in label.split("band")[0].split("shares")[1]  # the English convention


def test_infeasible_targets_raise():
    t = ycnd.targets()
    bad = ycnd.Targets(**{**t.__dict__, "mean_change": 0.5})  # increases cannot give +0.5 mean
    with pytest.raises(ValueError, match="infeasible"):
        ycnd.generate(1, bad)


def test_changes_fill_the_band_between_0015_and_010():
    """Issue 16: the band-sensitivity figure is not flat between ±0.015 and ±0.10."""
    dz = _summary(ycnd.generate(20205))["dz"].abs()
    assert ((dz > 0.015) & (dz < 0.05)).sum() >= 1  # stable, but not exactly zero
    assert ((dz > 0.05) & (dz < 0.10)).sum() >= 3  # moving, but by less than 0.10


def test_matches_and_invented_are_stated():
    assert "stable and decreasing" in ycnd.MATCHES and "group size" in ycnd.INVENTED
