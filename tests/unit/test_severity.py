"""Severity rules (analysis.severity) on constructed cases, one per rule, and their order."""

from __future__ import annotations

import pytest

from analysis.severity import Check, classify, is_verbal, worst


def test_synthetic_basis_is_never_a_finding():
    s = classify(Check(published=61.7, reproduced=40.0, tolerance=0.05, basis="synthetic",
                       kind="totals", key_figure=True))
    assert (s.severity, s.rule) == ("synthetic", "basis")


def test_source_footnote_explains_rounding():
    # Tabel 6 (Bijlage 4): cost shares printed as 99% total; 100 computed; footnote on rounding
    s = classify(Check(published=99, reproduced=100.0, tolerance=0.5, kind="percentages",
                       explained="rounding (line 2448: 'Door afrondingsverschillen …')"))
    assert (s.severity, s.rule) == ("rounding", "source_explains")
    assert "line 2448" in s.reason


@pytest.mark.parametrize(("statement", "value", "decimals", "verbal"), [
    ("De helft van de kinderen", 50, 0, True),
    ("1:2 kinderen heeft een gezonder gewicht", 50, 0, True),
    ("8 van de 10 ouders", 80, 0, True),
    ("48,0% van de kinderen", 48.0, 1, False),
    ("een besparing van € 1.074.904", 1074904, 0, False),
    ("", 50, 0, False),
])
def test_is_verbal(statement, value, decimals, verbal):
    assert is_verbal(statement, value, decimals) is verbal


def test_wording_de_helft_for_48_percent():
    s = classify(Check(published=50, reproduced=48.0, tolerance=0.5,
                       statement="De helft van de kinderen", key_figure=True))
    assert (s.severity, s.rule) == ("wording", "verbal")


def test_truncation_is_rounding():
    # 4,79 printed for 4.7993: 0.0093 off, within one unit of the second decimal (0.01)
    s = classify(Check(published=4.79, reproduced=4.7993, tolerance=0.005, key_figure=True))
    assert (s.severity, s.rule) == ("rounding", "one_printed_unit")
    # two units off is not rounding any more
    s = classify(Check(published=4.79, reproduced=4.8101, tolerance=0.005))
    assert s.severity == "inconsistency"


def test_whole_numbers_are_not_rounded():
    # 13 printed as the total of 3 + 9 = 12: one unit off, but counts are exact
    s = classify(Check(published=13, reproduced=12.0, tolerance=0.5, kind="totals",
                       unit="cases"))
    assert (s.severity, s.rule) == ("error", "stated_total")
    # euros printed whole are rounded from cents: € 1 off a total of rounded parts is rounding
    s = classify(Check(published=-359164, reproduced=-359163.0, tolerance=0.5, kind="totals",
                       unit="EUR"))
    assert (s.severity, s.rule) == ("rounding", "one_printed_unit")


def test_share_of_an_unstated_subgroup():
    s = classify(Check(published=61.7, reproduced=12.67, tolerance=0.05, kind="percentages",
                       fits="28 of n for n = 47 (of 221)"))
    assert (s.severity, s.rule) == ("denominator", "subgroup")
    assert "n = 47" in s.reason


def test_total_that_contradicts_its_parts_is_an_error():
    # Utrecht: 101 outcomes for 99 cases
    s = classify(Check(published=99, reproduced=101.0, tolerance=0.5, kind="totals"))
    assert (s.severity, s.rule) == ("error", "stated_total")


def test_key_figure_mismatch_is_an_error():
    # Tabel 6: € 49.742 printed, € 44.365 from its own totals; the text repeats it
    s = classify(Check(published=49742, reproduced=44365.0, tolerance=0.5, kind="ratios",
                       key_figure=True))
    assert (s.severity, s.rule) == ("error", "key_figure")


def test_other_disagreement_is_an_inconsistency():
    s = classify(Check(published=12.0, reproduced=14.0, tolerance=0.5, kind="ratios"))
    assert (s.severity, s.rule) == ("inconsistency", "disagree")


def test_worst():
    assert worst(["rounding", "error", "wording"]) == "error"
    assert worst(["denominator", "inconsistency"]) == "inconsistency"
    assert worst([]) == ""


def test_whole_restatement_of_a_whole_number_is_not_rounding():
    # the text restates 50 observations as 51: both printed to the unit, nothing was rounded
    s = classify(Check(published=51, reproduced=50.0, tolerance=0.5, kind="restates"))
    assert (s.severity, s.rule) == ("inconsistency", "disagree")
    # a restatement of a sum of rounded parts (tolerance wider than half a unit) can be rounding
    s = classify(Check(published=8, reproduced=7.1, tolerance=0.65, kind="restates"))
    assert (s.severity, s.rule) == ("rounding", "one_printed_unit")
    # a total of whole euros that are themselves rounded stays a rounding
    s = classify(Check(published=715741, reproduced=715740.0, tolerance=0.5, kind="totals",
                       unit="EUR"))
    assert (s.severity, s.rule) == ("rounding", "one_printed_unit")
