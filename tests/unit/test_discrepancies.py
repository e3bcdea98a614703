"""The key discrepancies in words: constructed ledger rows (real keys of the transcriptions, so
the quantity is named by the data dictionary's field titles and row labels) give one plain
sentence each, with the printed value quoted as printed and the arithmetic apart."""

from __future__ import annotations

import pytest

from analysis import rawdata
from analysis.report import discrepancies, numbers
from analysis.report.discrepancies import describe

BZ = "004_f014f4dd1ed6983f.txt"
UT = "000_b67849be9a3b9684.txt"
BZ_TITLE = "Blauwe Zorg in de wijk (Maastricht-Heuvelland)"


def row(**kw: object) -> dict:
    base = {"source_file": BZ, "unit": "", "rule": "disagree", "reason": "",
            "arithmetic": "", "decided_kind": "recomputation", "decided_by": "x"}
    return {**base, **kw}


def test_an_error_in_one_sentence_then_its_arithmetic():
    d = describe(row(
        key=f"{BZ}:2444:grc_pareto_target[Doelgroep: Huishoudens > € 30.000].mean_cost_eur",
        source=f"{BZ_TITLE}, Bijlage 4, §8.5, Tabel 6, line 2444", line=2444, printed=49742.0,
        unit="EUR", decided_kind="ratios", rule="key_figure",
        reason="the report's conclusion rests on this number (declared or repeated in its text)",
        arithmetic="reproduced 44,365 vs published 49,742 (difference -5,377.03; tolerance "
                   "±0.5). 28,748,498 / 648 = 44,365; printed 49,742."), 44365.03, 0.5)
    assert d.sentence == (
        f"{BZ_TITLE}, Bijlage 4, §8.5, Tabel 6: the mean cost per household (target group: "
        "households above € 30,000) is printed as “€ 49.742”, but the table's own numerator "
        "and denominator give € 44,365 (€ 5,377 less). The report's conclusion rests on it.")
    assert d.arithmetic == "28,748,498 / 648 = 44,365; printed 49,742."
    # no file name, line, key or internal column name in the sentence
    for internal in (BZ, "2444", "mean_cost_eur", "[ratios]", "-5,377"):
        assert internal not in d.sentence


def test_an_inconsistency_at_the_printed_precision():
    d = describe(row(
        key=f"{BZ}:2437:grc_pareto[Tot € 10.000].clients_per_household",
        source=f"{BZ_TITLE}, Bijlage 4, §8.5, Tabel 6, line 2437", line=2437, printed=1.3,
        unit="clients", decided_kind="ratios",
        arithmetic="reproduced 1.11285 vs published 1.3 (difference -0.187154; tolerance "
                   "±0.05). 5,986 / 5,379 = 1.11285; printed 1.3."), 1.112846254, 0.05)
    assert d.text == (
        "the mean number of clients per household (up to € 10,000) is printed as “1,3”, but "
        "the table's own numerator and denominator give 1.1 (0.2 less). No stated total or "
        "conclusion rests on it.")
    assert d.arithmetic == "5,986 / 5,379 = 1.11285; printed 1.3."


def test_a_rounding_in_percentage_points():
    d = describe(row(
        key=f"{UT}:280:ut_referrals_2018_2019[Verwijzingen overige praktijken].percent",
        source_file=UT, line=280, printed=4.79, unit="percent", decided_kind="ratios",
        source="Pilot Praktijkvarianten (Utrecht), Data verwijzingen aanvullende jeugdhulp, "
               "Aantallen table, line 280", rule="one_printed_unit",
        reason="off by 0.009302, within one unit of the last printed digit (±0.01): rounding "
               "or truncation"), 4.79930192, 0.005)
    assert d.sentence == (
        "Pilot Praktijkvarianten (Utrecht), Data verwijzingen aanvullende jeugdhulp, Aantallen "
        "table: the referrals per registration (referrals by other GP practices) is printed as "
        "“4,79%”, but the table's own numerator and denominator give 4.80% (0.01 percentage "
        "points more). That is within one unit of the last printed digit: rounding or "
        "truncation.")


def test_a_denominator_names_the_subgroup_sizes_that_fit():
    d = describe(row(
        key=f"{BZ}:1706:pohr_help_questions[Stemmingsklachten/depressie].n",
        source=f"{BZ_TITLE}, Bijlage 3, §5.4, Tabel 5 and footnote 1, line 1706", line=1706,
        printed=131.0, unit="persons", decided_kind="percent_groups", rule="subgroup",
        decided_by="audit__pohr_help_questions__percent_groups__pct_closed__L1706",
        reason="the printed share fits an unstated subgroup: n = 130 (of 131)",
        arithmetic="reproduced 130 vs published 131 (difference -1; tolerance ±0.5). group "
                   "sizes 1–1000 that make all 4 printed percentages attainable: 130"), 130.0, 0.5)
    assert d.text == (
        "the number of closed help questions (mood complaints/depression) is printed as “131”, "
        "but no group of that size gives all the percentages printed with it; the nearest size "
        "that does is 130 (1 less). The share fits an unstated subgroup: n = 130 (of 131).")
    assert d.arithmetic.startswith("Group sizes 1–1000")


def test_a_negative_amount_keeps_the_printed_form_and_a_true_minus():
    d = describe(row(
        key=f"{BZ}:2386:grc_costs_by_category[Totaal].mean_per_household_eur",
        source=f"{BZ_TITLE}, Bijlage 4, §8.2, Tabel 4, line 2386", line=2386, printed=-29930.0,
        unit="EUR", arithmetic="reproduced -32,764 vs published -29,930 (difference -2,834; "
                               "tolerance ±0.5). -6,777 + -21,427 = x"), -32764.0, 0.5)
    assert "printed as “-€ 29.930”" in d.text  # as the source prints it
    assert "give −€ 32,764 (€ 2,834 less)" in d.text  # the one convention: a true minus
    assert d.arithmetic == "\u22126,777 \u2212 21,427 = x"  # adding a negative: a subtraction


def test_a_number_restated_in_words_quotes_its_words():
    assert discrepancies.printed_as(50.0, 0, "percent", statement="De helft van de kinderen") \
        == "“De helft van de kinderen”"
    assert discrepancies.printed_as(1074904.0, 0, "EUR") == "“€ 1.074.904”"
    assert discrepancies.dutch(4.7993, 2) == "4,80"


@pytest.mark.parametrize("severity", ["error", "inconsistency"])
def test_every_key_discrepancy_column_has_a_title(severity):
    """The plain names come from the data dictionary: every column of a transcribed table that
    a mismatch of these kinds names has a Frictionless ``title``."""
    keys = {
        "error": ["grc_pareto_target.mean_cost_eur", "ut_registration_lead.cases"],
        "inconsistency": ["grc_pareto.clients_per_household", "pohr_help_questions.pct_jeugd_ggz",
                          "grc_costs_by_category.mean_per_household_eur",
                          "ycnd_intake_shares.percent", "poh_bc_parameters.value"],
    }[severity]
    for k in keys:
        table, column = k.split(".")
        assert rawdata.entry(table).field(column).get("title"), k


def test_ledger_rows_in_words_for_a_reader_table():
    import pandas as pd

    led = pd.DataFrame([
        {"key": f"{BZ}:2444:grc_pareto_target[Doelgroep: Huishoudens > € 30.000].mean_cost_eur",
         "printed": 49742.0, "unit": "EUR", "quantity": "x – mean_cost_eur [ratios]",
         "arithmetic": "reproduced 44,365 vs published 49,742 (difference -5,377.03; tolerance "
                       "±0.5). 28,748,498 / 648 = 44,365; printed 49,742."},
        {"key": f"{BZ}:1:nowhere[x].value", "printed": 4.5, "unit": float("nan"),
         "quantity": "Some table – some_value restates other [restates]",
         "arithmetic": "-2 + 6.5"}])
    out = discrepancies.in_words(led)
    assert list(out["name"]) == [
        "Mean cost per household (target group: households above € 30,000)",
        "Some table – some_value restates other"]
    assert list(out["printed_text"]) == ["€ 49,742", "4.5"]
    key = f"{BZ}:1850:poh_bc_text_values[net_saving_text].value"
    rounded = discrepancies.in_words(led.assign(key=key, printed=980000.0, unit="EUR").iloc[:1])
    assert rounded["printed_text"].iat[0] == "€ 980,000"  # printed to thousands: 0 decimals
    assert list(out["arithmetic_text"]) == ["28,748,498 / 648 = 44,365; printed 49,742.",
                                            "\u22122 + 6.5"]


def test_a_note_after_the_preamble_keeps_the_preamble_as_its_arithmetic():
    # the note says what the recomputed value is, not how: the values must stay beside it
    text = ("reproduced 4.38796 vs published 4.9 (difference -0.512037; tolerance ±0.05). "
            "the correct pooled mean of the categories above € 30,000")
    assert numbers.arithmetic(text) == (
        "Recomputed 4.388 against the printed 4.9 (difference \u22120.512); the correct pooled "
        "mean of the categories above € 30,000.")
    # whole numbers with separators, not four significant digits
    assert numbers.arithmetic(
        "reproduced 1074904 vs published 1074900 (difference +4; tolerance ±0.5)") == (
        "Recomputed 1,074,904 against the printed 1,074,900 (difference +4)")
    assert numbers.arithmetic(
        "reproduced 2 vs published 3 (difference -1); 1 + 1 = 2") == "1 + 1 = 2"
