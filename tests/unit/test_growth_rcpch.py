"""WHO 2007 BMI-for-age z-scores of analysis.growth against rcpchgrowth (a second implementation).

rcpchgrowth is AGPL: it is a test-only oracle here and is never imported by ``src/analysis``.

How rcpchgrowth (4.6.x) computes a WHO 2007 BMI z-score, read from its source
(``global_functions.sds_for_measurement`` / ``fetch_lms`` / ``nearest_lowest_index``): it keeps the
WHO table by month with ages as decimal years rounded to 10 digits (``5.0833333333``). If the age
rounded to 4 decimals equals a tabulated age rounded to 4 decimals it takes that row as it is
("snapping": ages within about 0.00005 y = 26 minutes of a month boundary); otherwise it calls
``fetch_lms`` with ``interpolation_override=True`` for the WHO reference, so L, M, S are
interpolated *linearly* between the two neighbouring months (its 4-point cubic Lagrange
interpolation is for UK-WHO and the other references, not WHO). Beyond |z| > 3 it applies WHO's
SD23 rule, as our ``who_extreme_rule=True``. Below 1856 days (5.08 y) it switches to the WHO 2006
standard, so the comparison starts at 61 months, where WHO 2007 starts.

Bounds used: at tabulated ages |Δz| <= 1e-6 (same table rows). Between tabulated ages the only
difference their interpolation explains is the snapping: per child we allow
1e-6 + |z(age) − z(snapped age)| (0 for children not snapped; about 3e-5 at most). A second test
pins the whole rule down: our z at rcpchgrowth's effective age (snapped or not) agrees to 1e-6 for
every child (the measured maximum is ~1e-11, from its 10-digit ages).
"""

from __future__ import annotations

import json
import time
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from analysis import growth

rcpch = pytest.importorskip("rcpchgrowth")
from rcpchgrowth.constants import BMI, FEMALE, MALE, WHO  # noqa: E402
from rcpchgrowth.global_functions import sds_for_measurement  # noqa: E402

N_RANDOM = 10_000
SEX_NAME = {"M": MALE, "F": FEMALE}


def rcpch_z(bmi: np.ndarray, age: np.ndarray, sex: np.ndarray) -> np.ndarray:
    return np.array([sds_for_measurement(reference=WHO, age=float(a), measurement_method=BMI,
                                         observation_value=float(b), sex=SEX_NAME[s])
                     for b, a, s in zip(bmi, age, sex, strict=True)], dtype=float)


def rcpch_effective_age(age: np.ndarray) -> np.ndarray:
    """The age rcpchgrowth looks up: the nearest month if equal to it at 4 decimals, else age."""
    month = np.round(age * 12) / 12
    snapped = np.round(age, 4) == np.round(month, 4)
    return np.where(snapped, month, age)


@pytest.fixture(scope="module")
def children():
    """10 000 random children 61-228 months (uniform), plus every tabulated month, both sexes."""
    rng = np.random.default_rng(20070)
    age = rng.uniform(61 / 12, 19.0, N_RANDOM)
    sex = np.where(rng.random(N_RANDOM) < 0.5, "M", "F")
    z_target = rng.normal(0, 1.6, N_RANDOM)  # includes children beyond ±3 SD
    bmi = np.round(growth.bmi_from_z(z_target, age, sex, "who2007", who_extreme_rule=True), 2)
    months = np.arange(61, 229)
    tab_age = np.concatenate([months, months]) / 12
    tab_sex = np.repeat(["M", "F"], months.size)
    tab_bmi = np.round(rng.uniform(11, 38, tab_age.size), 2)
    start = time.perf_counter()
    rc_random = rcpch_z(bmi, age, sex)
    rc_tab = rcpch_z(tab_bmi, tab_age, tab_sex)
    per_child = (time.perf_counter() - start) / (age.size + tab_age.size)
    assert per_child < 5e-3, f"rcpchgrowth takes {per_child * 1e3:.2f} ms per child"
    return {"random": (bmi, age, sex, rc_random), "tabulated": (tab_bmi, tab_age, tab_sex, rc_tab)}


def test_tables_are_the_same():
    """Our transcription of bfawho2007.txt equals rcpchgrowth's WHO 2007 BMI table (60-228 m)."""
    path = resources.files("rcpchgrowth.data_tables").joinpath("who", "who_2007_children.json")
    data = json.loads(path.read_text())["measurement"]["bmi"]
    ref = growth.load_reference("who2007")
    for code, name in (("M", "male"), ("F", "female")):
        rows = data[name]
        n = len(rows)
        assert n == 169
        np.testing.assert_allclose([r["decimal_age"] for r in rows], ref.age[code][:n], atol=1e-9)
        for key, par in (("L", ref.L), ("M", ref.M), ("S", ref.S)):
            np.testing.assert_array_equal([r[key] for r in rows], par[code][:n])


def test_agree_at_tabulated_ages(children):
    bmi, age, sex, rc = children["tabulated"]
    ours = growth.bmi_z(bmi, age, sex, "who2007", who_extreme_rule=True)
    assert np.isfinite(ours).all() and np.isfinite(rc).all()
    assert np.abs(ours - rc).max() <= 1e-6


def test_agree_between_tabulated_ages_within_interpolation_bound(children):
    bmi, age, sex, rc = children["random"]
    ours = growth.bmi_z(bmi, age, sex, "who2007", who_extreme_rule=True)
    at_rcpch_age = growth.bmi_z(bmi, rcpch_effective_age(age), sex, "who2007",
                                who_extreme_rule=True)
    bound = 1e-6 + np.abs(ours - at_rcpch_age)
    assert np.isfinite(ours).all() and np.isfinite(rc).all()
    assert (np.abs(ours - rc) <= bound).all()
    assert bound.max() < 1e-4  # snapping moves z by at most ~3e-5
    assert (np.abs(ours) > 3).sum() > 100  # the WHO tail rule is exercised


def test_installed_rcpchgrowth_interpolates_who_linearly(children):
    """rcpchgrowth 4.6.x: linear between months for WHO after snapping: |Δz| <= 1e-6."""
    bmi, age, sex, rc = children["random"]
    eff = rcpch_effective_age(age)
    assert (eff != age).sum() > 0  # some children are snapped in this sample
    ours = growth.bmi_z(bmi, eff, sex, "who2007", who_extreme_rule=True)
    assert np.abs(ours - rc).max() <= 1e-6
    # the default for WHO 2007 is the tail rule, as rcpchgrowth and AnthroPlus apply it
    assert growth.bmi_z(bmi, eff, sex, "who2007") == pytest.approx(ours, abs=0)
    # without the WHO tail rule the two differ only where |z| > 3
    plain = growth.bmi_z(bmi, eff, sex, "who2007", who_extreme_rule=False)
    differs = np.abs(plain - rc) > 1e-6
    assert not (differs & (np.abs(plain) <= 3)).any()
    assert differs[np.abs(plain) > 3 + 1e-3].all()


def test_codes_and_units_as_rcpchgrowth_users_pass_them(children):
    """The same children with rcpchgrowth's own sex names, WHO's 1/2 and ages in months or days."""
    bmi, age, sex, rc = children["tabulated"]
    names = np.where(sex == "M", "male", "female")
    who_codes = np.where(sex == "M", 1, 2)
    for codes in (names, who_codes, pd.Series(names).str.upper()):
        ours = growth.bmi_z(bmi, age * 12, codes, "who2007", age_unit="months")
        assert np.abs(ours - rc).max() <= 1e-6
    ours = growth.bmi_z(bmi, age * 365.25, who_codes, "who2007", age_unit="days")
    assert np.abs(ours - rc).max() <= 1e-6
