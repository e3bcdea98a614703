"""An audit finding's item in a reader's words (analysis.audit.words): the transcription's names
replaced by what the data dictionary calls them."""

from __future__ import annotations

import pandas as pd

from analysis import audit
from analysis.audit.words import in_words, item_in_words


def test_columns_rows_and_tables_are_named_in_words():
    # a column by its title, a row of an in-text table by its English quantity, a table by its
    # title (without its "(Tabel 3)"), a column without a title by its printed header
    assert item_in_words("Doelgroep: mean_cost_eur", "grc_pareto_target") == (
        "Doelgroep: mean cost per household")
    assert item_in_words("Tot € 10.000: households_pct", "grc_pareto") == "Tot € 10.000: % gezinnen"
    assert item_in_words("summary_practices restates practices", "dot_text_values") == (
        "GP practices to start with (summary) restates practices")
    assert item_in_words("Totaal (grc_costs_by_category) = Totaal (grc_household_costs)",
                         "grc_costs_by_category") == (
        "Totaal (Totale kosten per onderdeel en de gemiddelde besparingen per huishouden) = "
        "Totaal (Kostenbesparingen van de 12 huishoudens)")
    # the page's own table is named by its caption: not repeated before each item
    assert item_in_words("bggz_triage: pct_treatment (10 percentages)", "bggz_triage").startswith(
        "Column 'Behandeling")
    # a name nothing explains is kept, in words
    assert item_in_words("no_such_name", "no_such_table") == "no such name"


def test_a_restatement_checked_per_column_names_its_column():
    found = audit.findings_for("grc_pareto_target")
    words = found.loc[found["check"] == "restates", "relation"].tolist()
    assert [w.rsplit(" \u2014 ", 1)[1] for w in words] == [
        "aantal huishoudens", "aantal cliënten", "totaal kosten"]
    assert all("_" not in w for w in found["relation"])
    # the raw item stays, for selecting findings by cell
    assert found["item"].str.contains("mean_cost_eur").any()


def test_in_words_without_labels():
    found = pd.DataFrame({"item": ["Totaal: cost_t1_eur"], "table": ["grc_costs_by_category"]})
    assert in_words(found).tolist() == ["Totaal: meetmoment 1"]
