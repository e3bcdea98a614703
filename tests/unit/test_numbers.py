"""The one number convention (analysis.report.numbers), with values the reports print."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis.report import numbers as n

M = "\u2212"


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (980235, 0, "€ 980,235"),          # POH Jeugd net saving, printed "€ 980.235"
    (49742, 0, "€ 49,742"),            # Gezinsregie target-group mean, printed "€ 49.742"
    (7875, 0, "€ 7,875"),
    (-12352, 0, f"{M}€ 12,352"),        # not "€ -12,352"
    (1074904.4, 0, "€ 1,074,904"),
    (7875.5, 2, "€ 7,875.50"),
    (0.4, 0, "€ 0"),
])
def test_eur(value, decimals, text):
    assert n.eur(value, decimals) == text


def test_number_minus_sign_and_separators():
    assert n.number(-0.31, 2) == f"{M}0.31"
    assert n.number(0.31, 2) == "0.31"
    assert n.number(11000) == "11,000"
    assert n.number(382300.0) == "382,300"        # not 3.823e+05
    assert n.number(638.0) == "638"               # not 638.0
    assert n.number(-0.001, 2) == "0.00"          # no "−0.00"
    assert n.number(np.float64(222972.0)) == "222,972"
    assert n.number(1e-7, 3) == "0.000"


def test_integer_rejects_fractions():
    assert n.integer(99) == "99"
    assert n.integer(np.int64(11000)) == "11,000"
    with pytest.raises(ValueError, match="whole"):
        n.integer(12.5)


def test_signed():
    assert n.signed(0.12, 2) == "+0.12"
    assert n.signed(-0.31, 2) == f"{M}0.31"
    assert n.signed(0.0, 2) == "0.00"


def test_percent_and_share():
    assert n.percent(65.7) == "65.7%"
    assert n.share(0.657) == "65.7%"
    assert n.share(413 / 638) == "64.7%"
    assert n.share(1.0) == "100.0%"
    assert n.share(0.0) == "0.0%"


@pytest.mark.parametrize(("fraction", "text"), [
    (0.999, "99.9%"),
    (0.9996, "99.96%"),       # would round to 100.0%: a probability short of certainty
    (0.99999, "99.999%"),
    (0.0004, "0.04%"),
])
def test_probabilities_never_rounded_to_certainty(fraction, text):
    assert n.share(fraction) == text


@pytest.mark.parametrize(("p", "text"), [
    (0.0123, "p = 0.012"),
    (0.54, "p = 0.54"),
    (0.049, "p = 0.049"),
    (4e-25, "p < 0.001"),      # the page printed "p = 4e-25"
    (0.001, "p = 0.001"),
    (0.9996, "p = 0.9996"),
    (1.0, "p = 1.00"),
])
def test_p_value(p, text):
    assert n.p_value(p) == text


def test_p_value_range():
    with pytest.raises(ValueError):
        n.p_value(1.2)


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT, np.nan])
def test_missing_is_a_dash(missing):
    assert n.eur(missing) == n.DASH
    assert n.number(missing, 2) == n.DASH
    assert n.share(missing) == n.DASH
    assert n.p_value(missing) == n.DASH


def test_no_scientific_notation_anywhere():
    for value in (3.823e05, 1e12, 1.5e-9, -2.5e7):
        for text in (n.number(value, 2), n.eur(value), n.percent(value)):
            assert "e" not in text.lower().replace("€", "")


def test_bad_input():
    with pytest.raises(TypeError):
        n.number("12")
    with pytest.raises(TypeError):
        n.number(True)
    with pytest.raises(ValueError):
        n.number(math.inf)


def test_quoted_nl_keeps_the_printed_text():
    assert n.quoted_nl("€ 980.235") == "\u201c€ 980.235\u201d"
    assert n.quoted_nl("−0,31") == "\u201c−0,31\u201d"
    with pytest.raises(ValueError):
        n.quoted_nl("  ")


def test_axis_formatter():
    fmt = n.axis_formatter("eur")
    assert fmt(20000, 0) == "€ 20,000"
    assert n.axis_formatter("share", 0)(0.25, 0) == "25%"
    with pytest.raises(ValueError):
        n.axis_formatter("euro")


def test_numbers_inside_an_arithmetic_text_follow_the_convention():
    from analysis.report.numbers import in_text

    assert in_text("origin 1,074,904 = 1.0749e+06") == "origin 1,074,904 = 1,074,900"
    assert in_text("748,644 + -257,130 = 491,514") == "748,644 \u2212 257,130 = 491,514"
    assert in_text("difference -125; origin -359,164 × -1") == \
        "difference \u2212125; origin \u2212359,164 × \u22121"
    # ranges, keys and line spans keep their hyphens; a tiny number is not written with 24 zeros
    assert in_text("2019-2020, L12-14, pohr_t4-b") == "2019-2020, L12-14, pohr_t4-b"
    assert in_text("p 4e-25, share 1.5e-05") == "p 4 \u00d7 10\u207b\u00b2\u2075, share 0.000015"
    assert in_text(None) == ""


def test_a_count_with_its_noun_in_the_right_number():
    from analysis.report.numbers import count

    assert count(1, "item") == "1 item"
    assert count(1086, "printed number") == "1,086 printed numbers"
    assert [count(n, "child", "children") for n in (0, 1, 3)] == [
        "0 children", "1 child", "3 children"]


def test_a_statement_without_the_text_conversions_formula_markup():
    from analysis.report.numbers import printed_text, quoted_nl

    assert printed_text("$0,25 * 12 = 3$  uur per week") == "0,25 * 12 = 3  uur per week"
    assert printed_text("€ 5 en $ 6") == "€ 5 en $ 6"  # one sign is no markup
    assert quoted_nl("$0,25 * 12 = 3$") == "\u201c0,25 * 12 = 3\u201d"
