"""Assemble the BMI-change evaluation cohort from checked measurements (YCND, or any like it).

From the kept rows of :func:`analysis.measurements.read_measurements`: score every measurement
(BMI z under a growth reference, BMI as % of the median, distance to the IOTF-30 line, weight
class), pair first and follow-up measurement per child (:func:`analysis.paired_change.paired`),
and keep the children evaluated: a pair inside the follow-up window with a z-score at both
times. Every child not evaluated is counted in :attr:`Cohort.steps` with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import growth, paired_change

PAIRED_COLUMNS = ("z", "age_years", "bmi", "pct_median", "iotf30_distance", "weight_class")


@dataclass(frozen=True)
class Cohort:
    """Scored measurements, pairs, the children evaluated and the counts of every step."""

    scored: pd.DataFrame
    pairs: pd.DataFrame
    unpaired: pd.DataFrame
    evaluated: pd.DataFrame
    steps: pd.DataFrame
    #: rows left without a z-score, per reason (age below/above the reference's range, …)
    unscored: pd.DataFrame
    n_out_of_range: int


def score(data: pd.DataFrame, reference: str = "nl1997") -> tuple[pd.DataFrame, pd.Series]:
    """``data`` with ``z``, ``pct_median``, ``iotf30_distance`` and ``weight_class`` added, and
    the z-scores with their counts (``attrs``, see :func:`analysis.growth.zscore_table`)."""
    d = data.copy()
    # the sex codes read once: each growth function below takes the categorical's codes
    sex = pd.Categorical(d["sex"])
    z, _ = growth.zscore_table(pd.DataFrame({"bmi": d["bmi"], "age_years": d["age_years"],
                                             "sex": sex}, index=d.index), reference=reference)
    d["z"] = z
    d["pct_median"] = growth.percent_of_median(d["bmi"], d["age_years"], sex, reference)
    d["iotf30_distance"] = d["bmi"] - growth.iotf_cutoff(d["age_years"], sex, 30)
    d["weight_class"] = growth.weight_class(d["bmi"], d["age_years"], sex)
    return d, z


def assemble(data: pd.DataFrame, reference: str = "nl1997", *, min_months: float = 6.0,
             max_months: float = 18.0, long_months: float = 12.0, stable_band: float = 0.05,
             clinically_relevant: float = -0.15) -> Cohort:
    """The evaluation cohort: pairs within ``min_months``-``max_months`` with both z-scores.

    ``evaluated`` has one row per child with ``dz`` (z change), ``d_pct_median``, ``d_iotf30``,
    ``band`` (``min-long`` or ``long-max`` months), ``direction`` (band ``stable_band``),
    ``decrease``, ``relevant`` (``dz <= clinically_relevant``) and ``baseline_class``.
    """
    d, z = score(data, reference)
    pairs, unpaired = paired_change.paired(d, list(PAIRED_COLUMNS))
    pairs["dz"] = pairs["z_1"] - pairs["z_0"]
    pairs["d_pct_median"] = pairs["pct_median_1"] - pairs["pct_median_0"]
    pairs["d_iotf30"] = pairs["iotf30_distance_1"] - pairs["iotf30_distance_0"]
    in_window = pairs["months"].between(min_months, max_months)
    no_z = pairs["dz"].isna()
    steps = pd.DataFrame({
        "step": ["children with two measurements", "without a pair (one phase only)",
                 f"outside {min_months:g}-{max_months:g} months",
                 "without a z-score at either time", "evaluated"],
        "children": [len(pairs), len(unpaired), int((~in_window).sum()),
                     int((in_window & no_z).sum()), int((in_window & ~no_z).sum())]})
    ev = pairs[in_window & ~no_z].reset_index(drop=True)
    ev["band"] = np.where(ev["months"] >= long_months, f"{long_months:g}-{max_months:g} months",
                          f"{min_months:g}-{long_months:g} months")
    ev["direction"] = paired_change.change_direction(ev["dz"], stable_band)
    ev["decrease"] = ev["direction"] == "decrease"
    ev["relevant"] = ev["dz"] <= clinically_relevant
    ev["baseline_class"] = ev["weight_class_0"].astype(str)
    return Cohort(d, pairs, unpaired, ev, steps, z.attrs["excluded"],
                  int(z.attrs["counts"]["out_of_range"]))
