"""Measurement-file validator and paired-change helpers (hand-checked values)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import measurements as m
from analysis import paired_change as pc
from analysis.rawdata import DataValidationError

HEADER = "child_id,sex,birth_date,measurement_date,height_cm,weight_kg,phase\n"


def _write(tmp_path, body: str, header: str = HEADER):
    p = tmp_path / "meas.csv"
    p.write_text(header + body, encoding="utf-8")
    return p


def test_valid_file_with_birth_dates(tmp_path):
    p = _write(tmp_path, "A,M,2010-01-01,2020-01-01,150.0,40.0,baseline\n"
                         "A,M,2010-01-01,2021-01-01,156.0,42.0,follow_up\n")
    ms = m.read_measurements(p)
    d = ms.data
    assert d["age_years"].iloc[0] == pytest.approx(3652 / 365.25)  # 10 years incl. 2 leap days
    assert d["bmi"].iloc[0] == pytest.approx(40 / 1.5**2)  # 17.78
    assert d["line"].tolist() == [2, 3]
    assert ms.counts.set_index("step")["rows"].to_dict() == {"rows read": 2, "rows kept": 2}


def test_age_years_instead_of_birth_date(tmp_path):
    hdr = "child_id,sex,age_years,measurement_date,height_cm,weight_kg,phase\n"
    p = _write(tmp_path, "A,F,9.5,2020-01-01,140,35,baseline\n", hdr)
    d = m.read_measurements(p).data
    assert d["age_years"].iloc[0] == 9.5


@pytest.mark.parametrize("header, msg", [
    ("child_id,sex,birth_date,measurement_date,height_cm,phase\n", "weight_kg"),
    ("child_id,sex,measurement_date,height_cm,weight_kg,phase\n", "birth_date' or 'age_years"),
])
def test_missing_columns_are_named(tmp_path, header, msg):
    p = _write(tmp_path, "", header)
    with pytest.raises(DataValidationError, match=msg) as exc:
        m.read_measurements(p)
    assert "meas.csv" in str(exc.value)


def test_broken_rows_name_line_and_column(tmp_path):
    p = _write(tmp_path, "A,M,2010-01-01,2020-01-01,abc,40,baseline\n"
                         "B,X,2010-01-01,2020-01-01,150,40,baseline\n"
                         "C,F,2010-01-01,2020-13-45,150,40,baseline\n"
                         "D,F,2010-01-01,2020-01-01,150,40,later\n"
                         "D,F,2010-01-01,2020-01-01,150,40,baseline\n"
                         "D,F,2010-01-01,2020-02-01,150,40,baseline\n")
    with pytest.raises(DataValidationError) as exc:
        m.read_measurements(p)
    text = str(exc.value)
    assert "line 2, column 'height_cm'" in text
    assert "line 3, column 'sex'" in text
    assert "line 4, column 'measurement_date'" in text
    assert "line 5, column 'phase'" in text
    assert "line 7, column 'phase': second 'baseline' row for child 'D'" in text
    assert len(exc.value.problems) == 5


def test_implausible_rows_listed_and_excluded(tmp_path):
    p = _write(tmp_path, "A,M,2010-01-01,2020-01-01,300,40,baseline\n"   # height
                         "B,M,2010-01-01,2020-01-01,150,4,baseline\n"     # weight
                         "C,M,2010-01-01,2020-01-01,100,85,baseline\n"    # BMI 85
                         "D,M,2021-01-01,2020-01-01,150,40,baseline\n"    # before birth
                         "E,F,2010-01-01,2020-01-01,150,40,baseline\n")
    ms = m.read_measurements(p)
    assert ms.data["child_id"].tolist() == ["E"]
    ex = ms.excluded.set_index("child_id")
    assert ex.loc["A", "column"] == "height_cm" and ex.loc["A", "line"] == 2
    assert ex.loc["B", "column"] == "weight_kg"
    assert ex.loc["C", "column"] == "bmi" and ex.loc["C", "value"] == 85.0
    assert ex.loc["D", "reason"].startswith("measured before birth")
    counts = ms.counts.set_index("step")["rows"]
    assert counts["rows read"] == 5 and counts["rows kept"] == 1
    assert counts.drop(["rows read", "rows kept"]).sum() == 4


def test_paired_counts_children_without_a_pair(tmp_path):
    p = _write(tmp_path, "A,M,2010-01-01,2020-01-01,150,40,baseline\n"
                         "A,M,2010-01-01,2020-12-31,155,41,follow_up\n"
                         "B,F,2010-01-01,2020-01-01,150,40,baseline\n"
                         "C,F,2010-01-01,2020-06-01,150,40,follow_up\n")
    d = m.read_measurements(p).data
    pairs, unpaired = pc.paired(d, ["bmi"])
    assert pairs["child_id"].tolist() == ["A"]
    assert pairs["months"].iloc[0] == pytest.approx(365 / 365.25 * 12)
    assert pairs["bmi_1"].iloc[0] == pytest.approx(41 / 1.55**2)
    assert unpaired.to_dict("list") == {"child_id": ["B", "C"],
                                        "phase_present": ["baseline", "follow_up"]}


def test_mean_ci_hand_checked():
    ci = pc.mean_ci([1.0, 2.0, 3.0])
    half = 4.302652729911275 / math.sqrt(3)  # t(0.975, 2) · s / √n with s = 1
    assert (ci.n, ci.mean, ci.sd) == (3, 2.0, 1.0)
    assert ci.low == pytest.approx(2 - half) and ci.high == pytest.approx(2 + half)


def test_change_direction_band_is_inclusive():
    got = pc.change_direction([-0.2, -0.05, 0.0, 0.05, 0.2, np.nan], 0.05)
    assert list(got)[:5] == ["decrease", "stable", "stable", "stable", "increase"]
    assert pd.isna(got[5])


def test_share_ci_is_wilson():
    k, n, z = 24, 50, stats.norm.ppf(0.975)
    p = k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    pct, lo, hi = pc.share_ci(k, n)
    assert pct == 48.0
    assert lo == pytest.approx(100 * (centre - half)) and hi == pytest.approx(100 * (centre + half))
    assert all(math.isnan(x) for x in pc.share_ci(0, 0))


def test_shares_by_group_and_band_sensitivity():
    f = pd.DataFrame({"flag": [True, False, True, True], "g": ["a", "a", "b", "b"]})
    s = pc.shares_by(f, "flag", "g").set_index("group")
    assert s.loc["a", "percent"] == 50.0 and s.loc["b", "count"] == 2
    sens = pc.band_sensitivity([-0.3, -0.1, 0.0, 0.1], [0.0, 0.1, 0.5]).set_index("stable_band")
    assert sens.loc[0.0].tolist() == [50.0, 25.0, 25.0]
    assert sens.loc[0.1].tolist() == [25.0, 75.0, 0.0]
    assert sens.loc[0.5, "stable"] == 100.0
