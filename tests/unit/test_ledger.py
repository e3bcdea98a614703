"""The ledger of findings (analysis.ledger) on constructed results rows and findings."""

from __future__ import annotations

import frictionless
import pandas as pd

from analysis import ledger
from analysis.audit.checks import subgroup_sizes
from analysis.results import Results, printed_key

SRC = "004_f014f4dd1ed6983f.txt, Bijlage 4, §8.5, Tabel 6"


def _rows() -> pd.DataFrame:
    nb = Results(study="gezinsregie")
    # € 49.742 checked by a recomputation (mismatch) …
    nb.compare("gr_target_mean", "target-group mean cost", "EUR", 49742, 28748498 / 648,
               source=f"{SRC}, L2444")
    nb.compare("gr_total_households", "households", "persons", 8849, 8849.0,
               source=f"{SRC}, L2443")
    nb.extension("gr_ci", "a confidence interval", "EUR", 1.0)
    syn = Results(study="ycnd", basis="synthetic")
    syn.compare("ycnd_fu_class_obese", "share obese at follow-up", "percent", 30.0, 12.0,
                source="004_f014f4dd1ed6983f.txt, Bijlage 7, L3900", decimals=0)
    au = Results(study="audit")
    # … and by the audit's ratio check (key figure), and the 99% cost share with its footnote
    au.compare("audit__t__ratios__mean_cost_eur__L2437", "ratio", "EUR", 49742, 28748498 / 648,
               source=f"{SRC}, L2437-2444", line=2444)
    au.compare("audit__t__percentages__costs_pct__L2443", "share", "percent", 99, 100.0,
               source=f"{SRC}, L2443", decimals=0)
    au.compare("audit__t__totals__costs_pct__L2437", "sum", "percent", 99, 99.0,
               source=f"{SRC}, L2437-2443", line=2443)
    frames = []
    for run, r in (("gezinsregie_pareto", nb), ("ycnd_bmi", syn), ("consistency_audit", au)):
        f = r.frame()
        f.insert(0, "run", run)
        frames.append(f)
    return pd.concat(frames, ignore_index=True)


def _findings() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["audit__t__ratios__mean_cost_eur__L2437", "audit__t__percentages__costs_pct__L2443",
               "audit__t__totals__costs_pct__L2437"],
        "check": ["ratios", "percentages", "totals"],
        "key_figure": [True, False, False],
        "explained": ["", "rounding (line 2448: 'Door afrondingsverschillen')", ""],
        "fits": ["", "", ""], "folder": ["gezinsregie_costs"] * 3,
        "source_file": ["004_f014f4dd1ed6983f.txt"] * 3, "published_line": [2444, 2443, 2443],
        "published": [49742.0, 99.0, 99.0],
    })


MEAN = "004_f014f4dd1ed6983f.txt:2444:grc_pareto_target[Doelgroep: Huishoudens > € 30.000]" \
    ".mean_cost_eur"
SHARE = "004_f014f4dd1ed6983f.txt:2443:grc_pareto[Totaal alle huishoudens].costs_pct"


def test_key_is_file_line_label():
    # the label names the transcribed cell: table, row label, column (analysis.printed)
    assert printed_key(f"{SRC}, L2444", 49742) == MEAN
    assert printed_key(f"{SRC}, L2437-2444", 49742, line=2444) == MEAN
    assert printed_key(f"{SRC}, L2443", 99) == SHARE
    # a caller that knows the cell passes its label; a value in no cell of the line keeps it
    assert printed_key(f"{SRC}, L2443", 99, label="t[r].c") == (
        "004_f014f4dd1ed6983f.txt:2443:t[r].c")
    assert printed_key(f"{SRC}, L3900", 30) == "004_f014f4dd1ed6983f.txt:3900:value 30"
    assert printed_key(f"{SRC}, L2444", None) == ""
    assert printed_key("", 3.0) == ""


def test_two_cells_of_one_line_printing_the_same_value_have_two_keys():
    # Tabel 5 of Bijlage 3 prints 11,1 twice on line 1709 (two columns of one row)
    from analysis import printed

    c = printed.cells()
    same = c[(c["line"] == 1709) & (c["value"] == 11.1)
             & (c["source_file"] == "004_f014f4dd1ed6983f.txt")]
    assert len(same) == 2 and same["key"].nunique() == 2
    assert printed_key("004_f014f4dd1ed6983f.txt, Tabel 5, L1709", 11.1) == (
        "004_f014f4dd1ed6983f.txt:1709:value 11.1")  # ambiguous: the caller must name the cell
    assert c["key"].is_unique


def test_one_row_per_printed_number_worst_verdict_and_every_id():
    led = ledger.build(_rows(), _findings())
    assert led["key"].is_unique
    row = led.set_index("key").loc[MEAN]
    assert row["verdict"] == "mismatch"
    assert (row["severity"], row["rule"]) == ("error", "key_figure")
    assert row["ids"] == "audit__t__ratios__mean_cost_eur__L2437;gr_target_mean"
    assert row["n_checks"] == 2 and row["study"] == "gezinsregie"
    assert row["source"].startswith("Blauwe Zorg in de wijk")
    # the 99%: passes a totals check, fails a percentage check the footnote explains
    cost = led.set_index("key").loc[SHARE]
    assert (cost["verdict"], cost["severity"], cost["rule"]) == (
        "mismatch", "rounding", "source_explains")
    assert cost["kinds"] == "percentages;totals"


def test_synthetic_rows_are_outside_the_counts():
    rows = _rows()
    led = ledger.build(rows, _findings())
    syn = led[led["key"].str.contains(":3900:")].iloc[0]
    assert syn["verdict"] == "synthetic" and syn["severity"] == "synthetic"
    board = ledger.counts(led, rows)
    assert board.loc["all studies", "printed numbers"] == 3
    assert board.loc["all studies", "synthetic (not counted)"] == 1
    assert board.loc["all studies", "mismatch"] == 2
    assert board.loc["all studies", "error"] == 1 and board.loc["all studies", "rounding"] == 1
    # checks count under the study of the number they check: € 49.742 (2) and 8849 (1)
    assert board.loc["gezinsregie", "checks"] == 3 and board.loc["gezinsregie", "extensions"] == 1
    # the 99% is checked by the audit only and no folder maps it to a study here
    assert board.loc["audit", "checks"] == 2
    assert board.loc["all studies", "checks"] == 5


def test_key_discrepancies_are_errors_and_inconsistencies_only():
    led = ledger.build(_rows(), _findings())
    keys = ledger.key_discrepancies(led)
    assert keys["key"].tolist() == [MEAN]


def test_duplicate_checks_are_found():
    rows = _rows()
    extra = rows[rows["id"] == "gr_target_mean"].assign(id="gr_target_mean_again")
    ch = ledger.checks(pd.concat([rows, extra], ignore_index=True), _findings())
    dup = ledger.duplicate_checks(ch)
    assert "gr_target_mean;gr_target_mean_again" in dup["ids"].tolist()
    # without the notebook's recomputation of € 49.742 the audit's checks stand alone
    alone = rows[rows["id"] != "gr_target_mean"]
    assert ledger.duplicate_checks(ledger.checks(alone, _findings())).empty


def test_a_notebook_redoing_the_audits_arithmetic_is_a_double_check():
    # issue 14: the notebook compares the printed € 49.742 with 28,748,498 / 648 = 44,365, the
    # audit's ratio check compares the same two printed numbers: one claim, made twice
    dup = ledger.duplicate_checks(ledger.checks(_rows(), _findings()))
    assert dup["claim"].tolist() == ["ratios (recomputed)"]
    assert dup["ids"].tolist() == ["audit__t__ratios__mean_cost_eur__L2437;gr_target_mean"]
    assert dup["key"].tolist() == [MEAN]
    # a recomputation from inputs (other households, another value) is a claim of its own
    rows = _rows()
    rows.loc[rows["id"] == "gr_target_mean", "reproduced"] = 44371.5
    assert ledger.duplicate_checks(ledger.checks(rows, _findings())).empty
    # a synthetic recomputation is outside the counts, so it cannot double a published check
    rows = _rows()
    rows.loc[rows["id"] == "gr_target_mean", "basis"] = "synthetic"
    assert ledger.duplicate_checks(ledger.checks(rows, _findings())).empty


def test_written_ledger_is_valid_frictionless_and_reads_back(tmp_path):
    led = ledger.build(_rows(), _findings())
    ledger.write(led, tmp_path)
    report = frictionless.Resource(str(tmp_path / "findings.resource.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    back = ledger.read(tmp_path / "findings.csv")
    assert back["key"].tolist() == led["key"].tolist()


def test_subgroup_sizes_of_a_printed_share():
    # 61,7% is 29/47, not 29 of all 221 children
    assert subgroup_sizes(61.7, 29, 221, 1) == [47]
    assert subgroup_sizes(50, 3, 10, 0) == [6]
    assert subgroup_sizes(50, 30, 20, 0) == []


def test_subgroup_sizes_searches_only_the_window_that_can_fit():
    # the same sizes as testing every n below N, for shares printed to 0-2 decimals, zeros and
    # counts of zero included
    import numpy as np

    def every_n(percent, count, denominator, decimals):
        n = np.arange(max(int(count), 1), int(denominator), dtype=float)
        tol = 0.5 * 10.0 ** -decimals + 1e-9 * abs(percent)
        return n[np.abs(100.0 * count / n - percent) <= tol].astype(int).tolist()

    rng = np.random.default_rng(3)
    cases = [(0, 0, 40, 0), (0.0, 3, 5000, 1), (100, 7, 30, 0), (33.33, 1, 900, 2)]
    for _ in range(300):
        d = int(rng.integers(0, 3))
        count = int(rng.integers(0, 400))
        cases.append((round(float(rng.uniform(0, 100)), d), count,
                      int(rng.integers(1, 5000)), d))
    for percent, count, denominator, d in cases:
        assert subgroup_sizes(percent, count, denominator, d) == \
            every_n(percent, count, denominator, d), (percent, count, denominator, d)
    assert any(subgroup_sizes(*c) for c in cases[4:])


def test_a_whole_number_reached_twice_is_not_a_double_check():
    # 8849 households recounted from an input (the notebook) and the printed categories' sum
    # (the audit's totals check) agree whenever the report is right: two claims, not one
    rows = _rows()
    au = Results(study="audit")
    au.compare("audit__t__totals__households__L2437", "sum", "households", 8849, 8849.0,
               source=f"{SRC}, L2437-2443", line=2443)
    f = au.frame()
    f.insert(0, "run", "consistency_audit")
    found = pd.concat([_findings(), pd.DataFrame({
        "id": ["audit__t__totals__households__L2437"], "check": ["totals"], "key_figure": [False],
        "explained": [""], "fits": [""], "folder": ["gezinsregie_costs"],
        "source_file": ["004_f014f4dd1ed6983f.txt"], "published_line": [2443],
        "published": [8849.0]})], ignore_index=True)
    alone = pd.concat([rows[rows["id"] != "gr_target_mean"], f], ignore_index=True)
    ch = ledger.checks(alone, found)
    assert ch.loc[ch["id"] == "gr_total_households", "key"].iloc[0] == ch.loc[
        ch["id"] == "audit__t__totals__households__L2437", "key"].iloc[0]
    assert ledger.duplicate_checks(ch).empty


def test_an_audit_decided_row_links_to_the_page_that_shows_its_table():
    # two notebooks read Tabel 6's folder; the page of a number only the audit checks is the one
    # whose notebook shows the audit's findings on its table, else the folder's first run
    found = _findings().assign(table="grc_pareto")
    led = ledger.build(_rows(), found, folder_run={"gezinsregie_costs": "gezinsregie_costs"},
                       table_run={"grc_pareto": "gezinsregie_pareto"}).set_index("key")
    assert led.loc[SHARE, "page"] == "gezinsregie_pareto"
    led = ledger.build(_rows(), found, folder_run={"gezinsregie_costs": "gezinsregie_costs"}
                       ).set_index("key")
    assert led.loc[SHARE, "page"] == "gezinsregie_costs"


def test_shown_tables_reads_the_notebooks_findings_for_calls():
    from analysis.pipeline.config import evaluations

    shown = ledger.shown_tables(evaluations())
    assert shown["grc_pareto_target"] == "gezinsregie_pareto"
    assert shown["grc_costs_by_category"] == "gezinsregie_costs"
    assert shown["yct_text_values"] == "ycnd_text"
