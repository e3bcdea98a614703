"""Tests of analysis.growth against independent values, hand calculations and properties."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import growth, rawdata
from analysis.growth import Reference


def lms_z(y: float, L: float, M: float, S: float) -> float:
    """Cole's LMS z-score by hand (scalar, math module): the second method for these tests."""
    if abs(L) < 1e-7:
        return math.log(y / M) / S
    return ((y / M) ** L - 1) / (L * S)


# --- independent values ------------------------------------------------------------------------

def test_agd_documented_dutch_1997_boys():
    # AGD's documented output (Dutch 1997 reference, boys): BMI 17.55 @ 4.0 y → 1.299,
    # 19.84 @ 10.0 → 1.416, 23.29 @ 15.0 → 1.426.
    z = growth.bmi_z([17.55, 19.84, 23.29], [4.0, 10.0, 15.0], "M")
    assert np.round(z, 3).tolist() == [1.299, 1.416, 1.426]
    assert growth.bmi_z([17.55, 19.84, 23.29], [4.0, 10.0, 15.0], "M", "nl1997") == \
        pytest.approx(z, abs=0)


def test_who_documented_girl():
    # WHO's own output: girl aged 133.88 months with BMI 22.3316 → BMI-for-age z 1.65.
    for rule in (False, True):
        z = growth.bmi_z(22.3316, 133.88 / 12, "F", "who2007", who_extreme_rule=rule)
        assert round(float(z), 2) == 1.65


def test_hand_checked_interpolated_age():
    # Dutch 1997 girls, 7.25 y: halfway between the 7.0 row (L -1.712, M 15.71, S 0.1101) and
    # the 7.5 row (L -1.722, M 15.85, S 0.1136) of nl_1997_bmi_female_nl.txt.
    L, M, S = (-1.712 - 1.722) / 2, (15.71 + 15.85) / 2, (0.1101 + 0.1136) / 2
    ref = growth.load_reference("nl1997")
    got = ref.lms(7.25, "F")
    assert [float(v) for v in got] == pytest.approx([L, M, S], abs=1e-12)
    assert float(growth.bmi_z(18.0, 7.25, "F")) == pytest.approx(lms_z(18.0, L, M, S), abs=1e-12)
    # by hand: 18/15.78 = 1.14068, ln = 0.13163, x L = -0.22601, exp = 0.79771;
    # (0.79771 - 1) / (L x S = -0.19205) = 1.0533
    assert float(growth.bmi_z(18.0, 7.25, "F")) == pytest.approx(1.0533, abs=1e-4)


def test_who_extreme_rule_hand_checked():
    # WHO 2007 girls at 120 months: L -1.4864, M 16.6133, S 0.12307 (bfawho2007.txt line 232).
    L, M, S = -1.4864, 16.6133, 0.12307

    def at(z):
        return M * (1 + L * S * z) ** (1 / L)

    sd3, sd2 = at(3), at(2)
    expected_hi = 3 + (35.0 - sd3) / (sd3 - sd2)
    sd3n, sd2n = at(-3), at(-2)
    expected_lo = -3 + (10.5 - sd3n) / (sd2n - sd3n)
    got = growth.bmi_z([35.0, 10.5], 10.0, "F", "who2007", who_extreme_rule=True)
    assert got == pytest.approx([expected_hi, expected_lo], abs=1e-12)
    plain = growth.bmi_z([35.0, 10.5], 10.0, "F", "who2007", who_extreme_rule=False)
    assert growth.bmi_z([35.0, 10.5], 10.0, "F", "who2007") == pytest.approx(got, abs=0)  # default
    assert plain == pytest.approx([lms_z(35.0, L, M, S), lms_z(10.5, L, M, S)], abs=1e-12)
    assert plain[0] > 3 and plain[1] < -3 and expected_hi != pytest.approx(plain[0], abs=0.01)


def test_log_form_when_l_is_zero():
    ages = np.array([0.0, 10.0, 20.0])
    one = {"M": np.array([15.0, 17.0, 21.0]), "F": np.array([15.0, 17.0, 21.0])}
    ref = Reference("toy", "toy", 0.0, 20.0, age={"M": ages, "F": ages},
                    L={"M": np.zeros(3), "F": np.array([1e-9, 1e-9, 1e-9])},
                    M=one, S={"M": np.full(3, 0.1), "F": np.full(3, 0.1)})
    z = growth.bmi_z([20.0, 20.0], [10.0, 10.0], ["M", "F"], ref)
    assert z == pytest.approx([math.log(20 / 17) / 0.1] * 2, abs=1e-12)
    assert growth.bmi_from_z(z, 10.0, ["M", "F"], ref) == pytest.approx([20.0, 20.0], abs=1e-12)
    # continuity: L = 1e-5 uses the power form and is within 1e-5 of the log form
    near = Reference("toy2", "toy", 0.0, 20.0, age={"M": ages, "F": ages},
                     L={"M": np.full(3, 1e-5), "F": np.full(3, 1e-5)},
                     M=one, S={"M": np.full(3, 0.1), "F": np.full(3, 0.1)})
    assert float(growth.bmi_z(20.0, 10.0, "M", near)) == pytest.approx(z[0], abs=1e-5)


# --- round trips, vectorised = scalar, monotone ------------------------------------------------

@pytest.mark.parametrize("name", ["nl1997", "nl1980", "who2007"])
def test_round_trip_z_bmi_z(name):
    ref = growth.load_reference(name)
    rng = np.random.default_rng(7)
    n = 5000
    age = rng.uniform(ref.age_min, ref.age_max, n)
    sex = np.where(rng.random(n) < 0.5, "M", "F")
    z = rng.uniform(-3, 3, n)
    bmi = growth.bmi_from_z(z, age, sex, name)
    assert np.isfinite(bmi).all()
    assert growth.bmi_z(bmi, age, sex, name) == pytest.approx(z, abs=1e-9)


def test_round_trip_with_who_extreme_rule():
    rng = np.random.default_rng(8)
    n = 2000
    age = rng.uniform(61 / 12, 19, n)
    sex = np.where(rng.random(n) < 0.5, "M", "F")
    z = rng.uniform(-5, 5, n)
    bmi = growth.bmi_from_z(z, age, sex, "who2007", who_extreme_rule=True)
    back = growth.bmi_z(bmi, age, sex, "who2007", who_extreme_rule=True)
    assert back == pytest.approx(z, abs=1e-9)


def test_vectorised_equals_scalar():
    rng = np.random.default_rng(9)
    n = 200
    age = rng.uniform(-1, 22, n)
    sex = np.where(rng.random(n) < 0.5, "M", "F")
    bmi = rng.uniform(10, 40, n)
    for name in ("nl1997", "nl1980", "who2007"):
        vec = growth.bmi_z(bmi, age, sex, name)
        scalar = np.array([float(growth.bmi_z(b, a, s, name))
                           for b, a, s in zip(bmi, age, sex, strict=True)])
        np.testing.assert_array_equal(vec, scalar)
        assert np.isnan(vec).any() and np.isfinite(vec).any()
    # pandas inputs (Series, categorical and string sex) give the same numbers
    ser = growth.bmi_z(pd.Series(bmi), pd.Series(age), pd.Series(sex, dtype="category"))
    np.testing.assert_array_equal(ser, growth.bmi_z(bmi, age, sex))
    ser = growth.bmi_z(pd.Series(bmi), pd.Series(age), pd.Series(sex, dtype="string"))
    np.testing.assert_array_equal(ser, growth.bmi_z(bmi, age, sex))


def test_interpolation_equals_numpy_interp():
    ref = growth.load_reference("nl1997")
    rng = np.random.default_rng(10)
    age = rng.uniform(0, 21, 20000)
    sex = np.where(rng.random(20000) < 0.5, "M", "F")
    L, M, S = ref.lms(age, sex)
    for got, par in ((L, ref.L), (M, ref.M), (S, ref.S)):
        want = np.where(sex == "M", np.interp(age, ref.age["M"], par["M"]),
                        np.interp(age, ref.age["F"], par["F"]))
        np.testing.assert_array_equal(got, want)


@settings(max_examples=300, deadline=None)
@given(age=st.floats(0, 21), sex=st.sampled_from(["M", "F"]),
       b1=st.floats(8, 60), b2=st.floats(8, 60),
       name=st.sampled_from(["nl1997", "nl1980", "who2007"]), rule=st.booleans())
def test_monotone_in_bmi(age, sex, b1, b2, name, rule):
    ref = growth.load_reference(name)
    z1, z2 = growth.bmi_z([b1, b2], age, sex, name, who_extreme_rule=rule)
    if not ref.age_min <= age <= ref.age_max:
        assert np.isnan(z1) and np.isnan(z2)
        return
    if b1 < b2:
        assert z1 < z2
    elif b1 == b2:
        assert z1 == z2


# --- missing and out of range ------------------------------------------------------------------

def test_missing_and_out_of_range_give_nan():
    z = growth.bmi_z([18.0, np.nan, 18.0, 18.0, 18.0, 18.0, -1.0, 0.0, 18.0],
                     [10.0, 10.0, np.nan, -0.1, 21.01, 10.0, 10.0, 10.0, 21.0],
                     ["M", "M", "M", "M", "M", None, "M", "M", "F"])
    assert np.isfinite(z[[0, 8]]).all()
    assert np.isnan(z[1:8]).all()
    who = growth.bmi_z(18.0, [59.99 / 12, 60 / 12, 61 / 12, 228 / 12, 228.01 / 12], "M", "who2007")
    assert np.isnan(who[[0, 4]]).all() and np.isfinite(who[[1, 2, 3]]).all()


def test_zscore_table_counts_never_drops():
    df = pd.DataFrame({
        "bmi": [18.0, 19.0, None, 17.0, 20.0, 16.0, 0.0],
        "age_years": [8.0, 9.0, 8.0, 25.0, 3.0, None, 7.0],
        "sex": pd.array(["M", "F", "M", "F", "F", "M", pd.NA], dtype="string"),
    }, index=[10, 11, 12, 13, 14, 15, 16])
    z, n_out = growth.zscore_table(df, reference="who2007")
    assert n_out == 2  # 25 y and 3 y are outside WHO 2007 (60-228 months)
    assert list(z.index) == list(df.index) and len(z) == len(df)
    assert z.notna().tolist() == [True, True, False, False, False, False, False]
    counts = z.attrs["counts"]
    assert counts["rows"] == 7 and counts["scored"] == 2 and counts["out_of_range"] == 2
    assert counts["missing"] == 3 and counts["invalid_bmi"] == 1
    z97, n97 = growth.zscore_table(df)  # Dutch 1997 covers 0-21 y: only 25 y is out
    assert n97 == 1 and z97.notna().sum() == 3
    assert z97.loc[10] == pytest.approx(float(growth.bmi_z(18.0, 8.0, "M")), abs=0)


def test_bad_input_errors():
    with pytest.raises(ValueError, match="row 1: 'X'"):
        growth.bmi_z([18, 18], [8, 8], ["M", "X"])
    with pytest.raises(ValueError, match="unknown code 'boy'"):
        growth.bmi_z(18, 8, "boy")
    with pytest.raises(ValueError, match="unknown code 3"):
        growth.bmi_z(18, 8, np.int64(3))
    with pytest.raises(ValueError, match="row 1: 0"):
        growth.iotf_cutoff([8, 8], np.array([1, 0]))
    with pytest.raises(ValueError, match="age_unit must be one of"):
        growth.bmi_z(18, 8, "M", age_unit="weeks")
    with pytest.raises(ValueError, match="unknown growth reference"):
        growth.load_reference("uk90")
    with pytest.raises(ValueError, match="bmi: values must be numeric"):
        growth.bmi_z(["a"], [8.0], ["M"])
    with pytest.raises(KeyError, match="weight"):
        growth.zscore_table(pd.DataFrame({"bmi": [1.0], "age_years": [1.0]}), sex="weight")


# --- references --------------------------------------------------------------------------------

def test_reference_ranges_and_provenance():
    r97, r80, who = (growth.load_reference(n) for n in ("nl1997", "nl1980", "who2007"))
    assert (r97.age_min, r97.age_max) == (0.0, 21.0)
    assert (r80.age_min, r80.age_max) == (0.0383, 20.0)
    assert (who.age_min, who.age_max) == (60 / 12, 19.0)  # 60-228 months, as AnthroPlus scores
    assert "Fredriks" in r97.citation and "Roede" in r80.citation and "de Onis" in who.citation
    assert "nlreferences" in r97.source and "anthroplus" in who.source
    assert {len(r97.age["M"]), len(r97.age["F"])} == {69}
    assert {len(who.age["M"]), len(who.age["F"])} == {170}
    with pytest.raises(ValueError):
        r97.M["M"][0] = 1.0  # read-only
    # tabulated rows come back exactly: Dutch 1997 boys at 4.0 y = L -0.375, M 15.61, S 0.0882
    assert [float(v) for v in r97.lms(4.0, "M")] == [-0.375, 15.61, 0.0882]


def _bends(t: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Change of each point's deviation from the chord of its neighbours (a typo makes a spike)."""
    dev = v[1:-1] - (v[:-2] * (t[2:] - t[1:-1]) + v[2:] * (t[1:-1] - t[:-2])) / (t[2:] - t[:-2])
    return np.abs(np.diff(dev[t[1:-1] > 3.2]))


def test_transcribed_tables_have_no_spikes():
    """A mistyped digit (0.1 in M, 0.03 in L, 0.001 in S) stands out of these smooth curves."""
    for name in ("nl1997", "nl1980", "who2007"):
        ref = growth.load_reference(name)
        for code in ("M", "F"):
            t = ref.age[code]
            assert _bends(t, ref.M[code]).max() < 0.05, (name, code, "M")
            assert _bends(t, ref.L[code]).max() < 0.02, (name, code, "L")
            assert _bends(t, ref.S[code]).max() < 0.001, (name, code, "S")
    iotf = rawdata.load("ref_iotf_cutoffs")
    for (_, col), d in iotf.melt(["sex", "age_years", "line"]).groupby(["sex", "variable"]):
        d = d.sort_values("age_years")
        # real bends reach 0.095 (boys' obesity line at 5.5-6.5 y); a 0.1 typo gives >= 0.15
        assert _bends(d["age_years"].to_numpy(), d["value"].to_numpy()).max() < 0.12, col


# --- cut-offs and weight classes ---------------------------------------------------------------

def test_iotf_cutoffs():
    # Cole et al. 2000 Table 4: boys 2.0 y 18.41 / 20.09; 18 y 25 / 30; girls 10 y 19.86 / 24.11
    assert float(growth.iotf_cutoff(2.0, "M", 25)) == 18.41
    assert float(growth.iotf_cutoff(2.0, "M", 30)) == 20.09
    assert growth.iotf_cutoff([18.0, 18.0], ["M", "F"], 25).tolist() == [25.0, 25.0]
    assert growth.iotf_cutoff([18.0, 18.0], ["M", "F"], 30).tolist() == [30.0, 30.0]
    assert float(growth.iotf_cutoff(10.0, "F", 30)) == 24.11
    assert float(growth.iotf_cutoff(2.25, "M", 25)) == pytest.approx((18.41 + 18.13) / 2)
    assert np.isnan(growth.iotf_cutoff([1.99, 18.01, np.nan], "M", 25)).all()
    with pytest.raises(ValueError):
        growth.iotf_cutoff(5.0, "M", 35)
    # AGD's test points are the IOTF boys' overweight line: z(cut-off) is the same 1.3-1.43 band
    assert growth.iotf_cutoff([4.0, 10.0, 15.0], "M", 25).tolist() == [17.55, 19.84, 23.29]


def test_zorgstandaard_lines_reconstruction():
    # at 18 y the lines pass through 35 and 40 exactly, for both sexes
    for adult in (35, 40):
        assert growth.zorgstandaard_cutoff([18.0, 18.0], ["M", "F"], adult) == \
            pytest.approx([adult, adult], abs=1e-9)
    # z18 for boys by hand from the Dutch 1980 boys' 18-y row (L -1.5752, M 20.488, S 0.1013)
    z18 = lms_z(35.0, -1.5752, 20.488, 0.1013)
    assert z18 == pytest.approx(3.571, abs=5e-4)  # by hand: ln(35/20.488) = 0.5355 ...
    ages = np.arange(2.0, 18.01, 0.25)
    line = growth.zorgstandaard_cutoff(ages, "M", 35)
    assert growth.bmi_z(line, ages, "M", "nl1980") == pytest.approx(np.full(ages.size, z18),
                                                                      abs=1e-9)
    assert np.isnan(growth.zorgstandaard_cutoff([1.9, 18.1], "M", 35)).all()
    with pytest.raises(ValueError):
        growth.zorgstandaard_cutoff(5.0, "M", 30)


def test_lines_are_ordered_at_every_age():
    ages = np.arange(2.0, 18.001, 0.01)
    for sex in ("M", "F"):
        lines = np.stack([growth.iotf_cutoff(ages, sex, 25), growth.iotf_cutoff(ages, sex, 30),
                          growth.zorgstandaard_cutoff(ages, sex, 35),
                          growth.zorgstandaard_cutoff(ages, sex, 40)])
        assert (np.diff(lines, axis=0) > 0).all()


def test_weight_class_boundaries():
    age, sex = 10.0, "M"
    c25 = float(growth.iotf_cutoff(age, sex, 25))
    c30 = float(growth.iotf_cutoff(age, sex, 30))
    c35 = float(growth.zorgstandaard_cutoff(age, sex, 35))
    c40 = float(growth.zorgstandaard_cutoff(age, sex, 40))
    bmi = [c25 - 0.01, c25, c30 - 0.01, c30, c35 - 0.01, c35, c40, np.nan]
    wc = growth.weight_class(bmi, age, sex)
    assert list(wc.categories) == ["healthy", "overweight", "obesity", "morbid obesity"]
    assert wc.ordered
    assert list(wc[:7]) == ["healthy", "overweight", "overweight", "obesity", "obesity",
                            "morbid obesity", "morbid obesity"]
    assert pd.isna(wc[7])
    wc40 = growth.weight_class(bmi, age, sex, morbid_adult_bmi=40)
    assert list(wc40[4:7]) == ["obesity", "obesity", "morbid obesity"]
    grade = growth.obesity_grade(bmi, age, sex)
    assert list(grade[:7]) == ["healthy", "overweight", "overweight", "obesity grade I",
                               "obesity grade I", "obesity grade II", "obesity grade III"]
    assert pd.isna(growth.weight_class(20.0, 1.5, "F")[0])  # below 2 y: no class


# --- decimal age -------------------------------------------------------------------------------

def test_decimal_age():
    assert float(growth.decimal_age("2010-01-01", "2020-01-01")) == pytest.approx(3652 / 365.25)
    assert float(growth.decimal_age(dt.date(2012, 2, 28), dt.date(2012, 3, 1))) == \
        pytest.approx(2 / 365.25)  # leap day counted
    got = growth.decimal_age(pd.Series(["2010-01-01T23:00", None]),
                             pd.Series(["2010-01-02T01:00", "2020-01-01"]))
    assert got[0] == pytest.approx(1 / 365.25) and np.isnan(got[1])
    with pytest.raises(ValueError, match="birth_date: not a date"):
        growth.decimal_age("31-12-2010", "2020-01-01")


def test_scalar_inputs_keep_shape_and_rules():
    z = growth.bmi_z(35.0, 10.0, "F", "who2007", who_extreme_rule=True)
    assert np.shape(z) == () and float(z) == pytest.approx(
        float(growth.bmi_z([35.0], [10.0], ["F"], "who2007", who_extreme_rule=True)[0]), abs=0)
    assert np.isnan(growth.bmi_z(0.0, 8.0, "M")) and np.isnan(growth.bmi_z(np.inf, 8.0, "M"))
    assert growth.bmi_z(18.0, [[8.0, 9.0]], "M").shape == (1, 2)
    y = growth.bmi_from_z(-4.0, 10.0, "F", "who2007", who_extreme_rule=True)
    assert np.shape(y) == () and float(growth.bmi_z(y, 10.0, "F", "who2007", True)) == \
        pytest.approx(-4.0, abs=1e-12)


# --- the API as the peers' users call it (issue 18) -------------------------------------------

SEX_SPELLINGS = [("M", "F"), ("m", "f"), ("male", "female"), ("Male", "FEMALE"), (1, 2),
                 (np.int64(1), np.int64(2)), (1.0, 2.0), ("1", "2")]


@pytest.mark.parametrize("boy,girl", SEX_SPELLINGS)
def test_sex_codes_as_scalars_and_arrays(boy, girl):
    # WHO's documented girl (133.88 months, BMI 22.3316 → 1.65) and AGD's boy (10 y, 19.84 → 1.416)
    assert round(float(growth.bmi_z(22.3316, 133.88 / 12, girl, "who2007")), 2) == 1.65
    assert round(float(growth.bmi_z(19.84, 10.0, boy)), 3) == 1.416
    z = growth.bmi_z([19.84, 19.84], [10.0, 10.0], np.array([boy, girl], dtype=object))
    assert z == pytest.approx(growth.bmi_z([19.84, 19.84], 10.0, ["M", "F"]), abs=0)
    z = growth.bmi_z([19.84, 19.84], [10.0, 10.0], pd.Series([boy, girl]))
    assert z == pytest.approx(growth.bmi_z([19.84, 19.84], 10.0, ["M", "F"]), abs=0)
    assert float(growth.iotf_cutoff(10.0, boy)) == float(growth.iotf_cutoff(10.0, "M"))
    assert growth.weight_class(25.0, 10.0, girl)[0] == growth.weight_class(25.0, 10.0, "F")[0]


def test_numeric_arrays_and_categoricals_of_codes():
    want = growth.bmi_z([18.0, 18.0, 18.0], 8.0, ["M", "F", "M"])
    assert growth.bmi_z([18.0, 18.0, 18.0], 8.0, np.array([1, 2, 1])) == pytest.approx(want, abs=0)
    cat = pd.Categorical(["male", "female", "male"])
    assert growth.bmi_z([18.0, 18.0, 18.0], 8.0, cat) == pytest.approx(want, abs=0)
    z = growth.bmi_z([18.0, 18.0], 8.0, np.array([1.0, np.nan]))
    assert np.isfinite(z[0]) and np.isnan(z[1])


def test_age_unit_is_explicit():
    years = growth.bmi_z(22.3316, 133.88 / 12, "F", "who2007")
    assert growth.bmi_z(22.3316, 133.88, "F", "who2007", age_unit="months") == \
        pytest.approx(years, abs=1e-12)
    assert growth.bmi_z(22.3316, 133.88 / 12 * 365.25, "F", "who2007", age_unit="days") == \
        pytest.approx(years, abs=1e-12)
    # AGD's Dutch 1997 boy at 10 years given as 120 months
    assert round(float(growth.bmi_z(19.84, 120, "M", age_unit="months")), 3) == 1.416
    assert growth.bmi_from_z(1.65, 133.88, 2, "who2007", age_unit="months") == \
        pytest.approx(growth.bmi_from_z(1.65, 133.88 / 12, "F", "who2007"), abs=1e-12)
    df = pd.DataFrame({"bmi": [22.3316], "age_months": [133.88], "sex": [2]})
    z, _ = growth.zscore_table(df, age="age_months", reference="who2007", age_unit="months")
    assert round(float(z.iloc[0]), 2) == 1.65


def test_who_restricted_tail_is_the_default_for_who2007_only():
    on = growth.bmi_z(35.0, 10.0, "F", "who2007", who_extreme_rule=True)
    off = growth.bmi_z(35.0, 10.0, "F", "who2007", who_extreme_rule=False)
    assert float(growth.bmi_z(35.0, 10.0, "F", "who2007")) == float(on) != float(off)
    assert float(growth.bmi_z(35.0, 10.0, "F")) == \
        float(growth.bmi_z(35.0, 10.0, "F", who_extreme_rule=False))


def test_who_range_as_anthroplus_scores_it_and_out_of_range_counted_with_reason():
    assert growth.WHO_VALID_MONTHS == (60, 228)
    z = growth.bmi_z(15.3, [59.9, 60.0, 60.5, 228.0, 228.1], "M", "who2007", age_unit="months")
    assert np.isnan(z[[0, 4]]).all() and np.isfinite(z[1:4]).all()
    # 60 months: the table's own row (M 15.2679) → log-ratio form close to 0
    assert float(z[1]) == pytest.approx(lms_z(15.3, -0.7151, 15.2679, 0.08366), abs=1e-12)
    df = pd.DataFrame({"bmi": [15.3] * 5, "age_years": [3.0, 4.0, 5.0, 10.0, 20.0], "sex": [1] * 5})
    z, n_out = growth.zscore_table(df, reference="who2007")
    assert n_out == 3
    reasons = z.attrs["excluded"].set_index("reason")["rows"]
    assert reasons.filter(like="below").tolist() == [2]
    assert reasons.filter(like="above").tolist() == [1]
    assert "60-228 months (as WHO AnthroPlus scores it)" in reasons.index[0]
    assert z.attrs["counts"]["below_range"] == 2 and z.attrs["counts"]["above_range"] == 1


def test_references_are_named_in_words_from_the_data_dictionary():
    from analysis import growth

    assert [growth.reference_name(r) for r in ("nl1997", "nl1980", "who2007")] == [
        "Dutch 1997", "Dutch 1980", "WHO 2007"]
    with pytest.raises(KeyError, match="unknown growth reference"):
        growth.reference_name("cdc2000")
