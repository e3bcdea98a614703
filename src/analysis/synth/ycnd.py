"""SYNTHETIC measurement cohort for the Your Coach Next Door (YCND) BMI evaluation.

The report (004, Bijlage 7, §5.6, lines 3846-3852) gives only aggregates of the children guided
6-18 months: weight class at start (52,1 / 37,5 / 10,4 %), 49 % girls, mean age 11 (4-15),
mean 10,4 months in guidance, mean BMI z-score change −0,31, 4,0 % stable and 48,0 % decreasing,
and 78,6 % decreasing among those guided 12-18 months. No group size is printed, and the
percentages do not all fit one size (:func:`analysis.group_sizes.group_size_table`, via
:func:`analysis.audit.attainable_group_sizes`): the weight classes need n ∈ {48, 96, …}, the
change shares n ∈ {25, 50, 75, …}, 49 % girls n ∈ {49, 51, …}, 78,6 % a subgroup of 14, 28, ….

**Chosen:** n = 50 (:data:`GROUP_SIZE`, the smallest size ≥ 30 that fits the outcome shares
4,0 % and 48,0 %, the headline result) with a 12-18-month subgroup of 14 (:data:`LONG_SIZE`,
the smallest fitting 78,6 %; the report's 29 children guided > 1 year include children beyond
18 months). The weight classes and the share of girls then cannot be matched exactly; their
counts are the nearest attainable (largest-remainder rounding) and the notebook reports the
resulting mismatches.

Every count and target below is read from ``data/raw/ycnd`` (never typed). The individual
values are generated with a fixed seed; assumptions that are *not* published (heights, the
spread of the changes, dates) are module constants marked SYNTHETIC ASSUMPTION.

**What it matches and what is invented** (:func:`label`, shown on every page that uses it):
matched exactly at n = 50: the shares stable (4,0 %) and decreasing (48,0 %) at a ±0.05 band,
78,6 % decreasing among the 14 guided 12-18 months, the mean BMI z change (−0,31, to two
decimals), mean age 11 (youngest 4, oldest 15), mean 10,4 months (6-18); nearest attainable
only: the weight classes (52,1 / 37,5 / 10,4 % need n = 48) and 49 % girls. Invented: every
individual value, the spread and shape of the changes, heights, growth, dates, the sex and class
of each child and any association between them.
Output schema: ``child_id, sex, birth_date, measurement_date, height_cm, weight_kg, phase``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import growth, rawdata
from analysis.report import numbers

GROUP_SIZE = 50
LONG_SIZE = 14
REFERENCE = "nl1997"
#: SYNTHETIC ASSUMPTION: the report never defines "stable"; the cohort is built so that the
#: published shares (4,0 % stable, 48,0 % decreasing) hold for the notebook's default band of
#: ±0.05 SDS. Changes are continuous: stable children lie in [−STABLE_MAX, STABLE_MAX], the others
#: start at MIN_CHANGE and spread out (gamma, shape CHANGE_SHAPE) from there, so the shares move
#: with every band outside [STABLE_MAX, MIN_CHANGE] (a margin of 0.01 SDS for the rounding of
#: weights to 0.1 kg) and the band-sensitivity figure is not flat by construction.
STABLE_BAND = 0.05
STABLE_MAX = STABLE_BAND - 0.01
MIN_CHANGE = STABLE_BAND + 0.01
CHANGE_SHAPE = 1.5
# SYNTHETIC ASSUMPTIONS (not published): height ≈ 76 + 6·age cm (sd 5 cm), growth 5.5 cm/year,
# mean increase of the increasing children 0.10 SDS above MIN_CHANGE, baseline dates from
# September 2018 so that every follow-up falls before December 2020 (the report's period ends
# November 2020, line 3617).
HEIGHT_INTERCEPT_CM, HEIGHT_SLOPE_CM, HEIGHT_SD_CM, GROWTH_CM_PER_YEAR = 76.0, 6.0, 5.0, 5.5
INCREASE_EXTRA_MEAN = 0.10
FIRST_BASELINE, LAST_FOLLOW_UP = pd.Timestamp("2018-09-01"), pd.Timestamp("2020-11-30")
DAYS_PER_MONTH = 365.25 / 12
CLASSES = ("overweight", "obesity", "morbid obesity")
#: what the cohort shares with the report, and what is made up (banner and illustration blocks)
MATCHES = ("exactly, at the chosen group size: the §5.6 shares stable and decreasing (at the "
           "default band), the share decreasing among those guided 12-18 months, the mean "
           "change in BMI z, the mean, youngest and oldest age and the mean, shortest and "
           "longest months in guidance; the weight classes at start and the share of girls only "
           "as near as that size allows (values in the label)")
INVENTED = ("the group size (not printed), every individual value, the spread and shape of the "
            "changes, heights, growth, dates, each child's sex and class and every association "
            "between them; hence every interval, correlation and test computed from the cohort")


def _half_up(x: float) -> int:
    """Round half away from zero (24.5 → 25), unlike Python's bankers' rounding."""
    return int(np.floor(x + 0.5))


def largest_remainder(percents: list[float], n: int) -> list[int]:
    """Integer counts summing to ``n`` closest to ``p_i · n / 100`` (Hamilton's method)."""
    raw = np.asarray(percents, dtype=float) * n / 100.0
    counts = np.floor(raw).astype(int)
    order = np.argsort(-(raw - counts), kind="stable")
    counts[order[: n - counts.sum()]] += 1
    return counts.tolist()


@dataclass(frozen=True)
class Targets:
    """What the synthetic cohort is built to show (counts at the chosen group size)."""

    n: int
    n_long: int
    n_girls: int
    class_counts: tuple[int, int, int]
    n_stable: int
    n_decrease: int
    n_long_decrease: int
    mean_change: float
    mean_months: float
    mean_age: float
    min_age: float
    max_age: float
    min_months: float
    max_months: float
    long_min_months: float


def targets(n: int = GROUP_SIZE, n_long: int = LONG_SIZE) -> Targets:
    """Counts and means at group size ``n`` from the published aggregates (data/raw/ycnd)."""
    shares = rawdata.load("ycnd_followup_shares").set_index(["variable", "category_en"])["percent"]
    tv = rawdata.load("ycnd_text_values").set_index("key")["value"]
    classes = [float(shares["weight_class", c]) for c in CLASSES]
    return Targets(
        n=n, n_long=n_long,
        n_girls=_half_up(shares["sex", "girls"] * n / 100),
        class_counts=tuple(largest_remainder(classes, n)),
        n_stable=_half_up(shares["bmiz_change", "stable"] * n / 100),
        n_decrease=_half_up(shares["bmiz_change", "decrease"] * n / 100),
        n_long_decrease=_half_up(shares["bmiz_change_12_18m", "decrease"] * n_long / 100),
        mean_change=float(tv["mean_bmiz_change"]), mean_months=float(tv["followup_mean_months"]),
        mean_age=float(tv["followup_mean_age"]), min_age=float(tv["followup_min_age"]),
        max_age=float(tv["followup_max_age"]), min_months=float(tv["followup_min_months"]),
        max_months=float(tv["followup_max_months"]),
        long_min_months=float(tv["long_followup_min_months"]),
    )


def _ages(rng: np.random.Generator, t: Targets) -> np.ndarray:
    """Decimal ages at baseline: floor(min) = min_age, floor(max) = max_age, mean = mean_age."""
    lo, hi = t.min_age + 1.0, t.max_age
    ages = lo + (hi - lo) * rng.beta(2.5, 1.8, t.n)
    ages[0] = t.min_age + rng.uniform(0.1, 0.9)
    ages[1] = t.max_age + rng.uniform(0.1, 0.9)
    rest = np.arange(2, t.n)
    for _ in range(20):  # shift the others until the mean is the target (clipped to the range)
        ages[rest] = np.clip(ages[rest] + (t.mean_age - ages.mean()), lo, hi - 1e-3)
        if abs(ages.mean() - t.mean_age) < 1e-6:
            break
    return ages


def _days(rng: np.random.Generator, t: Targets) -> np.ndarray:
    """Whole days in guidance: first n_long children 12-18 months, others 6-12; mean fixed."""
    lo_s, hi_s = int(np.ceil(t.min_months * DAYS_PER_MONTH)), int(t.long_min_months
                                                                  * DAYS_PER_MONTH)
    lo_l, hi_l = int(np.ceil(t.long_min_months * DAYS_PER_MONTH)), int(t.max_months
                                                                       * DAYS_PER_MONTH)
    days = np.concatenate([rng.uniform(lo_l, hi_l, t.n_long), rng.uniform(lo_s, hi_s,
                                                                           t.n - t.n_long)])
    days[0], days[t.n_long] = hi_l - rng.uniform(0, 10), lo_s + rng.uniform(0, 10)
    short = np.arange(t.n_long + 1, t.n)
    target = t.mean_months * DAYS_PER_MONTH * t.n
    for _ in range(20):
        days[short] = np.clip(days[short] + (target - days.sum()) / len(short), lo_s, hi_s)
    return np.round(days).astype(int)


def _directions(rng: np.random.Generator, t: Targets) -> np.ndarray:
    """-1 decrease, 0 stable, +1 increase: the long group first (n_long_decrease decreasing)."""
    long_ = np.array([-1] * t.n_long_decrease + [1] * (t.n_long - t.n_long_decrease))
    n_short = t.n - t.n_long
    short_dec = t.n_decrease - t.n_long_decrease
    short = np.array([-1] * short_dec + [0] * t.n_stable + [1] * (n_short - short_dec
                                                                   - t.n_stable))
    return np.concatenate([rng.permutation(long_), rng.permutation(short)])


def _baseline_bmi(rng: np.random.Generator, cls: np.ndarray, age: np.ndarray,
                  sex: np.ndarray) -> np.ndarray:
    """BMI between the class's lines (IOTF 25/30, reconstructed grade II/III 35/40)."""
    lines = np.stack([growth.iotf_cutoff(age, sex, 25), growth.iotf_cutoff(age, sex, 30),
                      growth.zorgstandaard_cutoff(age, sex, 35),
                      growth.zorgstandaard_cutoff(age, sex, 40)])
    u = rng.uniform(0.15, 0.85, len(age))
    i = np.arange(len(age))
    return lines[cls, i] * (1 - u) + lines[cls + 1, i] * u


def generate(seed: int, t: Targets | None = None, reference: str = REFERENCE) -> pd.DataFrame:
    """The SYNTHETIC cohort (long format, two rows per child), agreeing with ``t``."""
    t = t or targets()
    rng = np.random.default_rng(seed)
    n = t.n
    sex = rng.permutation(np.array(["F"] * t.n_girls + ["M"] * (n - t.n_girls)))
    cls = rng.permutation(np.repeat(np.arange(3), t.class_counts))
    age0 = rng.permutation(_ages(rng, t))
    days = _days(rng, t)
    direction = _directions(rng, t)
    span = (LAST_FOLLOW_UP - FIRST_BASELINE).days - days
    date0 = FIRST_BASELINE + pd.to_timedelta(np.floor(rng.uniform(0, 1, n) * span), unit="D")
    date1 = date0 + pd.to_timedelta(days, unit="D")
    birth = date0 - pd.to_timedelta(np.round(age0 * 365.25), unit="D")
    age0 = growth.decimal_age(birth, date0)
    age1 = growth.decimal_age(birth, date1)
    bmi0 = _baseline_bmi(rng, cls, age0, sex)
    z0 = growth.bmi_z(bmi0, age0, sex, reference)

    size = np.where(direction == 0, rng.uniform(-STABLE_MAX, STABLE_MAX, n),
                    rng.gamma(CHANGE_SHAPE, 1.0 / CHANGE_SHAPE, n))  # mean 1
    inc = direction == 1
    size[inc] = MIN_CHANGE + INCREASE_EXTRA_MEAN * size[inc]
    dec = direction == -1
    fixed = size[~dec].sum()
    need = t.mean_change * n - fixed  # Σ of the decreases (negative)
    scale = (-need - MIN_CHANGE * dec.sum()) / size[dec].sum()
    if scale <= 0:
        raise ValueError("targets infeasible: the increases outweigh the published mean change")
    delta = np.where(dec, -(MIN_CHANGE + scale * size), size)

    h0 = HEIGHT_INTERCEPT_CM + HEIGHT_SLOPE_CM * age0 + rng.normal(0, HEIGHT_SD_CM, n)
    h1 = h0 + GROWTH_CM_PER_YEAR * (age1 - age0)
    h0, h1 = np.round(h0, 1), np.round(h1, 1)
    w0 = np.round(bmi0 * (h0 / 100) ** 2, 1)
    z0 = growth.bmi_z(w0 / (h0 / 100) ** 2, age0, sex, reference)
    target_z1 = z0 + delta
    for _ in range(10):  # weights are printed to 0.1 kg: correct the mean after rounding
        w1 = np.round(growth.bmi_from_z(target_z1, age1, sex, reference) * (h1 / 100) ** 2, 1)
        z1 = growth.bmi_z(w1 / (h1 / 100) ** 2, age1, sex, reference)
        err = t.mean_change - (z1 - z0).mean()
        if abs(err) < 5e-4:
            break
        target_z1[dec] += err * n / dec.sum()
    ids = np.array([f"SYN{i + 1:03d}" for i in range(n)])
    wide = pd.DataFrame({"child_id": ids, "sex": sex, "birth_date": birth})
    rows = []
    for phase, date, h, w in (("baseline", date0, h0, w0), ("follow_up", date1, h1, w1)):
        rows.append(wide.assign(measurement_date=np.asarray(date), height_cm=h, weight_kg=w,
                                phase=phase))
    out = pd.concat(rows, ignore_index=True).sort_values(["child_id", "phase"],
                                                         ignore_index=True)
    return out[["child_id", "sex", "birth_date", "measurement_date", "height_cm", "weight_kg",
                "phase"]]


def label(t: Targets | None = None) -> str:
    """One sentence for pages and banners: which published margins the cohort matches, which
    only approximately, and what is invented (numbers read from ``data/raw/ycnd``, shown in the
    one number convention of :mod:`analysis.report.numbers`)."""
    t = t or targets()
    sh = rawdata.load("ycnd_followup_shares").set_index(["variable", "category_en"])["percent"]
    classes = " / ".join(numbers.percent(sh["weight_class", c], 1) for c in CLASSES)
    stable, decrease = sh["bmiz_change", "stable"], sh["bmiz_change", "decrease"]
    long_decrease = sh["bmiz_change_12_18m", "decrease"]
    return (f"SYNTHETIC cohort: it matches the published §5.6 shares stable "
            f"{numbers.percent(stable, 1)} and decreasing {numbers.percent(decrease, 1)} (band "
            f"±{numbers.number(STABLE_BAND, 2)}), {numbers.percent(long_decrease, 1)} "
            f"decreasing at 12-18 months (n = {t.n_long}), mean change "
            f"{numbers.number(t.mean_change, 2)}, mean age {t.mean_age:g} "
            f"({t.min_age:g}-{t.max_age:g}) and {numbers.number(t.mean_months, 1)} months "
            f"({t.min_months:g}-{t.max_months:g}) at n = {t.n}; the weight classes ({classes}) "
            f"and {numbers.percent(sh['sex', 'girls'], 0)} girls only as near as n = {t.n} "
            "allows; every individual value, the spread of the changes, heights, dates and all "
            "associations are invented.")


def write(path: Path, seed: int) -> None:
    """Write the SYNTHETIC cohort as CSV (byte-identical for the same seed)."""
    df = generate(seed)
    df["birth_date"] = pd.to_datetime(df["birth_date"]).dt.strftime("%Y-%m-%d")
    df["measurement_date"] = pd.to_datetime(df["measurement_date"]).dt.strftime("%Y-%m-%d")
    df.to_csv(path, index=False, float_format="%.1f", lineterminator="\n", encoding="utf-8")
