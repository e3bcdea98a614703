"""The audit's figure of its largest discrepancies: one bar per printed number, named in words
(the data dictionary's titles, never an internal id), sorted by what it plots, and the text beside
each bar is the text a notebook quotes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.report import figures  # noqa: E402

BZ = "004_f014f4dd1ed6983f.txt"
TARGET = "grc_pareto_target[Doelgroep: Huishoudens > € 30.000]"


def fails() -> pd.DataFrame:
    base = {"source_file": BZ, "decimals": 0, "unit": ""}
    rows = [
        # the Tabel 6 target group's mean cost, a real transcribed cell (named by its dictionary)
        {"id": "a", "published": 49742.0, "computed": 44364.966, "unit": "EUR",
         "rel_difference": 0.10809, "published_line": 2444,
         "published_label": f"{TARGET}.mean_cost_eur", "item": "x: mean_cost_eur"},
        # a second, smaller failed check of the same printed number: not a second bar
        {"id": "b", "published": 49742.0, "computed": 49000.0, "unit": "EUR",
         "rel_difference": 0.0149, "published_line": 2444,
         "published_label": f"{TARGET}.mean_cost_eur", "item": "x: mean_cost_eur"},
        {"id": "c", "published": 3.0, "computed": 2.0, "rel_difference": 1 / 3,
         "published_line": 314, "published_label": "mr_summary_values[pg_years_training].value",
         "item": "pg_years_training restates Bijlage 2, §1"},
        {"id": "d", "published": 50.0, "computed": 46.606, "unit": "percent",
         "rel_difference": 0.0679, "published_line": 9999,
         "published_label": "no_such_table[row].value", "item": "a share printed as half"},
        # a check without a relative difference (nothing to plot)
        {"id": "e", "published": 0.0, "computed": 1.0, "rel_difference": float("nan"),
         "published_line": 10, "published_label": "no_such_table[zero].value", "item": "zero"},
    ]
    return pd.DataFrame([{**base, **r} for r in rows])


def test_one_bar_per_printed_number_named_in_words_largest_first():
    key_cost = f"{BZ}:2444:{TARGET}.mean_cost_eur"
    top = figures.largest_discrepancies(fails(), {key_cost: "error"}, n=10)
    # as a share of the computed (correct) value: (3 - 2) / 2, (49,742 - 44,365) / 44,365, …
    assert list(top["rel_difference"]) == pytest.approx([1 / 2, 5377 / 44365, 3.4 / 46.6],
                                                        abs=2e-4)
    assert top["key"].is_unique and len(top) == 3
    assert list(top["label"]) == [
        "Years in which the professionals were trained (2018-2020)",
        "Mean cost per household (target group: households above € 30,000)",
        "A share printed as half"]  # no dictionary entry: the finding's own item
    assert list(top["severity"]) == ["", "error", ""]
    assert list(top["shown"]) == [
        "50.0% (3 printed, 2 computed)",
        "12.1% (€ 49,742 printed, € 44,365 computed)",
        "7.3% (50% printed, 46.6% computed)"]
    assert list(figures.largest_discrepancies(fails(), {}, n=1)["label"]) == [
        "Years in which the professionals were trained (2018-2020)"]
    with pytest.raises(ValueError, match="at least 1"):
        figures.largest_discrepancies(fails(), {}, n=0)


def test_the_figure_shows_what_the_frame_says_sorted_and_without_ids():
    top = figures.largest_discrepancies(fails(), {f"{BZ}:2444:{TARGET}.mean_cost_eur": "error"})
    fig = figures.discrepancy_figure(top.iloc[::-1], "Largest")  # any order in, sorted out
    ax = fig.axes[0]
    widths = [p.get_width() for p in ax.patches if p.get_width() > 0]
    assert widths == pytest.approx([50, 12.12, 7.28], abs=0.01)
    labels = [t.get_text().replace("\n", " ").replace("\u00a0", " ")
              for t in ax.get_yticklabels()]
    assert labels == list(top["label"])
    assert all("_" not in lab for lab in labels)
    assert [t.get_text() for t in ax.texts] == list(top["shown"])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["error"]
    assert min(t.get_fontsize() for t in [*ax.get_yticklabels(), *ax.texts]) >= 10
    plt.close(fig)
    with pytest.raises(ValueError, match="no discrepancies"):
        figures.discrepancy_figure(top.iloc[0:0], "none")


def test_an_error_is_shown_even_when_it_is_not_among_the_furthest():
    key_cost = f"{BZ}:2444:{TARGET}.mean_cost_eur"
    top = figures.largest_discrepancies(fails(), {key_cost: "error"}, n=1)
    assert list(top["severity"]) == ["", "error"]  # the furthest, then the error, by distance
    assert list(figures.largest_discrepancies(fails(), {key_cost: "error"}, n=1,
                                              always=())["severity"]) == [""]
