"""The YCND evaluation cohort assembled in the package (hand-built children, every step counted)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import bmi_cohort, growth


def _rows() -> pd.DataFrame:
    # child a: 10 months apart, z falls; b: 3 months apart (outside 6-18); c: baseline only;
    # d: 4 years old under WHO 2007 (no z-score at start); e: 12 months, z rises
    rows = [("a", "F", "baseline", "2019-01-01", 10.0, 24.0),
            ("a", "F", "follow_up", "2019-11-01", 10.8, 23.0),
            ("b", "M", "baseline", "2019-01-01", 9.0, 22.0),
            ("b", "M", "follow_up", "2019-04-01", 9.25, 22.0),
            ("c", "M", "baseline", "2019-01-01", 12.0, 25.0),
            ("d", "F", "baseline", "2019-01-01", 4.0, 19.0),
            ("d", "F", "follow_up", "2019-12-01", 4.9, 18.5),
            ("e", "M", "baseline", "2019-01-01", 11.0, 21.0),
            ("e", "M", "follow_up", "2020-01-10", 12.0, 23.0)]
    df = pd.DataFrame(rows, columns=["child_id", "sex", "phase", "measurement_date",
                                     "age_years", "bmi"])
    df["measurement_date"] = pd.to_datetime(df["measurement_date"])
    return df


def test_steps_count_every_child_and_changes_are_hand_checkable():
    c = bmi_cohort.assemble(_rows(), "who2007", min_months=6, max_months=18, long_months=12,
                            stable_band=0.05, clinically_relevant=-0.15)
    steps = c.steps.set_index("step")["children"]
    assert steps.tolist() == [4, 1, 1, 1, 2]  # pairs a,b,d,e; c unpaired; b outside; d no z
    assert c.evaluated["child_id"].tolist() == ["a", "e"]
    za = growth.bmi_z([24.0, 23.0], [10.0, 10.8], "F", "who2007")
    a = c.evaluated.iloc[0]
    assert a["dz"] == pytest.approx(za[1] - za[0], abs=1e-12)
    assert a["direction"] == "decrease" and a["relevant"] == (a["dz"] <= -0.15)
    assert a["band"] == "6-12 months" and c.evaluated.iloc[1]["band"] == "12-18 months"
    assert c.evaluated.iloc[1]["direction"] == "increase"
    # both measurements of the 4-year-old are counted as below WHO 2007's range, with the reason
    unscored = c.unscored.set_index("reason")["rows"]
    assert int(unscored.filter(like="below").iloc[0]) == 2 and c.n_out_of_range == 2


def test_dutch_reference_scores_the_four_year_old():
    c = bmi_cohort.assemble(_rows(), "nl1997")
    assert c.steps.set_index("step").loc["evaluated", "children"] == 3
    assert c.n_out_of_range == 0
