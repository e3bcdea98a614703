"""Severity rules (analysis.severity) on constructed cases, one per rule, and their order."""

from __future__ import annotations

import pytest

from analysis.severity import Check, classify, is_verbal, worst

#: (the check, its severity, the rule that decides it, a text its reason must contain)
CASES = [
    pytest.param(Check(published=61.7, reproduced=40.0, tolerance=0.05, basis="synthetic",
                       kind="totals", key_figure=True), "synthetic", "basis", "",
                 id="synthetic_basis_is_never_a_finding"),
    # Tabel 6 (Bijlage 4): cost shares printed as 99% total; 100 computed; footnote on rounding
    pytest.param(Check(published=99, reproduced=100.0, tolerance=0.5, kind="percentages",
                       explained="rounding (line 2448: 'Door afrondingsverschillen …')"),
                 "rounding", "source_explains", "line 2448", id="source_footnote_explains"),
    pytest.param(Check(published=50, reproduced=48.0, tolerance=0.5,
                       statement="De helft van de kinderen", key_figure=True),
                 "wording", "verbal", "", id="de_helft_for_48_percent"),
    # 4,79 printed for 4.7993: 0.0093 off, within one unit of the second decimal (0.01)
    pytest.param(Check(published=4.79, reproduced=4.7993, tolerance=0.005, key_figure=True),
                 "rounding", "one_printed_unit", "", id="truncation_is_rounding"),
    # two units off is not rounding any more
    pytest.param(Check(published=4.79, reproduced=4.8101, tolerance=0.005),
                 "inconsistency", "disagree", "", id="two_units_off"),
    # 13 printed as the total of 3 + 9 = 12: one unit off, but counts are exact
    pytest.param(Check(published=13, reproduced=12.0, tolerance=0.5, kind="totals",
                       unit="cases"), "error", "stated_total", "", id="whole_counts_not_rounded"),
    # euros printed whole are rounded from cents: € 1 off a total of rounded parts is rounding
    pytest.param(Check(published=-359164, reproduced=-359163.0, tolerance=0.5, kind="totals",
                       unit="EUR"), "rounding", "one_printed_unit", "", id="whole_euros_rounded"),
    pytest.param(Check(published=61.7, reproduced=12.67, tolerance=0.05, kind="percentages",
                       fits="28 of n for n = 47 (of 221)"), "denominator", "subgroup", "n = 47",
                 id="share_of_an_unstated_subgroup"),
    # Utrecht: 101 outcomes for 99 cases
    pytest.param(Check(published=99, reproduced=101.0, tolerance=0.5, kind="totals"),
                 "error", "stated_total", "", id="total_contradicts_its_parts"),
    # Tabel 6: € 49.742 printed, € 44.365 from its own totals; the text repeats it
    pytest.param(Check(published=49742, reproduced=44365.0, tolerance=0.5, kind="ratios",
                       key_figure=True), "error", "key_figure", "", id="key_figure_mismatch"),
    pytest.param(Check(published=12.0, reproduced=14.0, tolerance=0.5, kind="ratios"),
                 "inconsistency", "disagree", "", id="other_disagreement"),
    # the text restates 50 observations as 51: both printed to the unit, nothing was rounded
    pytest.param(Check(published=51, reproduced=50.0, tolerance=0.5, kind="restates"),
                 "inconsistency", "disagree", "", id="whole_restatement_of_a_whole_number"),
    # a restatement of a sum of rounded parts (tolerance wider than half a unit) can be rounding
    pytest.param(Check(published=8, reproduced=7.1, tolerance=0.65, kind="restates"),
                 "rounding", "one_printed_unit", "", id="restatement_of_rounded_parts"),
    # a total of whole euros that are themselves rounded stays a rounding
    pytest.param(Check(published=715741, reproduced=715740.0, tolerance=0.5, kind="totals",
                       unit="EUR"), "rounding", "one_printed_unit", "",
                 id="total_of_rounded_whole_euros"),
]


@pytest.mark.parametrize(("check", "severity", "rule", "reason"), CASES)
def test_classify(check, severity, rule, reason):
    s = classify(check)
    assert (s.severity, s.rule) == (severity, rule)
    assert reason in s.reason


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


def test_worst():
    assert worst(["rounding", "error", "wording"]) == "error"
    assert worst(["denominator", "inconsistency"]) == "inconsistency"
    assert worst([]) == ""
