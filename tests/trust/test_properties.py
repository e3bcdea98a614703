"""Property-based tests (hypothesis): invariants the statistical and trust functions must keep.

Each property is one that a plausible bug breaks: a swapped argument, a sign error, an interval
that misses its own estimate, a reader that loses a digit, a writer that loses text.
"""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from analysis import (
    growth,
    paired_change,
    prepost,
    privacy,
    registration,
    results,
    userfiles,
)

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
REFERENCES = ("nl1997", "who2007", "nl1980")


@st.composite
def child(draw, reference: str):
    ref = growth.load_reference(reference)
    lo, hi = float(ref.age_min), float(ref.age_max)
    age = draw(st.floats(min_value=max(lo, 2.0), max_value=min(hi, 18.0)))
    sex = draw(st.sampled_from(["M", "F"]))
    return age, sex


# --- growth ----------------------------------------------------------------------------------

@pytest.mark.parametrize("reference", REFERENCES)
@SETTINGS
@given(data=st.data(), bmi=st.floats(12.0, 45.0), step=st.floats(0.01, 10.0))
def test_z_increases_with_bmi(reference, data, bmi, step):
    age, sex = data.draw(child(reference))
    z1, z2 = growth.bmi_z([bmi, bmi + step], [age, age], [sex, sex], reference)
    assert z2 > z1


@pytest.mark.parametrize("reference", REFERENCES)
@SETTINGS
@given(data=st.data(), z=st.floats(-4.0, 4.0))
def test_z_to_bmi_to_z_round_trip(reference, data, z):
    age, sex = data.draw(child(reference))
    bmi = growth.bmi_from_z([z], [age], [sex], reference)
    back = growth.bmi_z(bmi, [age], [sex], reference)
    assert back[0] == pytest.approx(z, abs=1e-9)


@SETTINGS
@given(bmi=st.floats(12.0, 45.0), age=st.floats(2.0, 18.0))
def test_z_of_the_median_is_zero_and_percent_of_median_is_monotone(bmi, age):
    median = growth.bmi_from_z([0.0], [age], ["F"], "nl1997")[0]
    assert growth.bmi_z([median], [age], ["F"], "nl1997")[0] == pytest.approx(0.0, abs=1e-9)
    p1, p2 = growth.percent_of_median([bmi, bmi * 1.1], [age, age], ["F", "F"], "nl1997")
    assert p2 > p1 and p1 == pytest.approx(100 * bmi / median)


# --- tests and intervals ---------------------------------------------------------------------

@SETTINGS
@given(improved=st.integers(0, 400), declined=st.integers(0, 400))
def test_sign_test_is_symmetric_in_improved_and_declined(improved, declined):
    p = prepost.sign_test(improved, declined)
    assert p == prepost.sign_test(declined, improved)
    assert 0.0 <= p <= 1.0
    if improved == declined:
        assert p == pytest.approx(1.0)


@SETTINGS
@given(k=st.integers(0, 300), extra=st.integers(0, 300),
       confidence_level=st.sampled_from([0.99, 0.95, 0.9]))
def test_wilson_interval_contains_the_estimate_and_mirrors(k, extra, confidence_level):
    n = k + extra
    assume(n > 0)
    lo, hi = prepost.wilson_interval(k, n, confidence_level)
    assert 0.0 <= lo <= k / n <= hi <= 1.0
    lo_m, hi_m = prepost.wilson_interval(n - k, n, confidence_level)
    assert lo == pytest.approx(1 - hi_m, abs=1e-12) and hi == pytest.approx(1 - lo_m, abs=1e-12)
    # the same interval from the other modules' helpers
    rlo, rhi = registration.wilson([k], [n], confidence_level)
    assert (rlo[0], rhi[0]) == pytest.approx((lo, hi), abs=1e-12)
    pct, mlo, mhi = paired_change.share_ci(k, n, confidence_level)
    assert (mlo / 100, mhi / 100) == pytest.approx((lo, hi), abs=1e-12)
    assert mlo <= pct <= mhi
    # a wider level gives a wider interval
    wlo, whi = prepost.wilson_interval(k, n, (1 + confidence_level) / 2)
    assert wlo <= lo + 1e-15 and whi >= hi - 1e-15


@SETTINGS
@given(x=st.lists(st.floats(-5, 5, allow_nan=False), min_size=3, max_size=60))
def test_mean_ci_contains_the_mean_and_flips_with_the_sign(x):
    assume(np.std(x) > 1e-6)
    ci = paired_change.mean_ci(x)
    assert ci.low <= ci.mean <= ci.high
    neg = paired_change.mean_ci([-v for v in x])
    assert (neg.low, neg.high) == pytest.approx((-ci.high, -ci.low), abs=1e-9)


@SETTINGS
@given(d=st.lists(st.floats(-2, 2, allow_nan=False), min_size=1, max_size=40),
       band=st.floats(0, 0.5))
def test_change_direction_is_symmetric(d, band):
    up = pd.Series(paired_change.change_direction(np.array(d), band)).astype(str)
    down = pd.Series(paired_change.change_direction(-np.array(d), band)).astype(str)
    swap = {"increase": "decrease", "decrease": "increase", "stable": "stable"}
    assert down.tolist() == up.map(swap).tolist()


# --- suppression -----------------------------------------------------------------------------

@SETTINGS
@given(counts=st.lists(st.integers(0, 60), min_size=1, max_size=12),
       threshold=st.integers(0, 20), complementary=st.booleans())
def test_suppression_hides_every_small_count_and_nothing_else(counts, threshold, complementary):
    t = pd.DataFrame({"g": ["a"] * len(counts), "count": counts,
                      "share": [c / max(sum(counts), 1) for c in counts]})
    s = privacy.suppress_small_counts(t, ["count"], threshold, derived=["share"],
                                      group_by=["g"], complementary=complementary)
    shown = s["count"].dropna()
    assert not ((shown > 0) & (shown < threshold)).any()
    small = [(0 < c < threshold) for c in counts]
    assert s["suppressed"].sum() >= sum(small)
    if not complementary:
        assert s["suppressed"].tolist() == small
        assert shown.tolist() == [c for c, sm in zip(counts, small, strict=True) if not sm]
    if complementary and sum(small) == 1 and sum(c > 0 for c in counts) > 1:
        assert s["suppressed"].sum() == 2  # the lone cell cannot be recovered from the total
    assert s["share"].isna().tolist() == s["suppressed"].tolist()
    again = privacy.suppress_small_counts(s.drop(columns="suppressed"), ["count"], threshold)
    assert again["count"].isna().sum() == s["count"].isna().sum()  # idempotent


# --- reading and writing ---------------------------------------------------------------------

@SETTINGS
@given(value=st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False,
                         allow_infinity=False))
def test_dutch_number_notation_round_trips(value):
    """A number written as Dutch Excel writes it (1.234.567,891) reads back exactly."""
    text = f"{value:,.3f}".replace(",", "_").replace(".", ",").replace("_", ".")
    assert userfiles.to_number(text, ";") == pytest.approx(float(value), abs=1e-9)
    plain = f"{value:.3f}"
    assert userfiles.to_number(plain, ",") == pytest.approx(float(value), abs=1e-9)


#: any printable text (control characters such as a bare carriage return are not labels)
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


@SETTINGS
@given(label=TEXT)
def test_formula_neutralising_is_reversible(label):
    safe = userfiles.neutralise_formula(label)
    assert not userfiles.is_formula(safe)
    assert userfiles.restore_formula(safe) == label or (
        label.startswith("'") and userfiles.is_formula(label[1:]))


@SETTINGS
@given(labels=st.lists(TEXT, min_size=1, max_size=5), value=st.floats(-1e6, 1e6))
def test_results_file_keeps_any_text_and_runs_none(tmp_path, labels, value):
    assume(all(not (lb.startswith("'") and userfiles.is_formula(lb[1:])) for lb in labels))
    res = results.Results(study="prop")
    for i, lb in enumerate(labels):
        res.extension(f"prop_{i}", lb.strip() or "x", "n", value, note=lb)
    path = res.write(tmp_path / "prop.csv")
    back = results.read(path)
    assert back["note"].fillna("").tolist() == res.frame()["note"].fillna("").tolist()
    assert back["reproduced"].tolist() == pytest.approx([value] * len(labels), rel=1e-9)
    with path.open(newline="", encoding="utf-8") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert not any(userfiles.is_formula(c) for c in cells)


@SETTINGS
@given(digits=st.lists(st.integers(0, 9), min_size=8, max_size=8), pos=st.integers(0, 8),
       delta=st.integers(1, 9))
def test_elfproef_detects_every_single_digit_error(digits, pos, delta):
    total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
    last = total % 11
    assume(last < 10)  # a check digit exists
    bsn = "".join(map(str, digits)) + str(last)
    assume(int(bsn) != 0)
    assert privacy.elfproef(bsn)
    wrong = list(bsn)
    wrong[pos] = str((int(wrong[pos]) + delta) % 10)
    assert not privacy.elfproef("".join(wrong))


def test_known_bsn_values():
    assert privacy.elfproef("111222333") and privacy.elfproef("123456782")
    assert not privacy.elfproef("123456789") and not privacy.elfproef("000000000")
    assert not privacy.elfproef("12345678a")
