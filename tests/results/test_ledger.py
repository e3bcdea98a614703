"""The ledger of findings of the cold build: one row per printed number, no printed number
compared twice by the same kind of check, and the index and the audit page agree."""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from analysis import audit, ledger, printed, results
from analysis.pipeline import config as pipeline_config

# Printed numbers that two checks of the same kind still compare, each with why. A ratchet: a new
# duplicate fails the test; removing one here needs only the duplicate to go. Keys are source
# file:line:label (analysis.printed), so two cells of one line printing the same value are two
# numbers, and one total checked against two declared decompositions (Tabel 8 by team and by
# referral type; 13 ambassadors = women + men = the neighbourhoods) or one N with several declared
# sets of percentages is one check per decomposition (analysis.audit.structure.decomposition).
T = "004_f014f4dd1ed6983f.txt"
KNOWN_DUPLICATES = {
    "000_b67849be9a3b9684.txt:29:ut_text_values[practices_per_variant].value":
        "one printed '2' compared with the smallest and the largest variant (utrecht)",
    f"{T}:1310:pga_text_values[residents].value":
        "13 = women + men = sum of neighbourhoods, summed twice in pg_ambassadors (two "
        "decompositions: to declare as two totals in the audit's structure)",
    # compared with Results.compare() without naming the cell, on a line that prints the value in
    # two cells, so both rows get the key "value <n>": use compare_table / TextValues (the label)
    f"{T}:1339:value 7": "before and after both print 7 (pg_ambassadors, compare without cell)",
    f"{T}:2291:value 8": "improved and equal both print 8 (prepost_questionnaires, compare "
                         "without cell)",
}

# One printed number transcribed into two tables has two keys (two ledger rows): the fix is to
# transcribe it once. A ratchet of those the checks still compare, as "file:line:value": a new one
# fails the test.
KNOWN_DOUBLE_TRANSCRIPTIONS: dict[str, str] = {
    f"{T}:1760:47": "the 47 respondents in pohsat_answers and pohsat_summaries",
    f"{T}:1766:44": "the 44 respondents in pohsat_answers and pohsat_summaries",
    f"{T}:3817:14": "the 14% drop-out in ycnd_text_values and yct_text_values",
}


@pytest.fixture(scope="module")
def rows(notebook_results) -> pd.DataFrame:
    frames = []
    for ev in pipeline_config.evaluations():
        df = notebook_results(ev.name).reset_index()
        df.insert(0, "run", ev.runs[0].id)
        frames.append(df[["run", *results.COLUMNS]])
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def checks(rows) -> pd.DataFrame:
    return ledger.checks(rows, audit.run_audit(), ledger.statements())


def test_no_printed_number_is_compared_twice_by_the_same_kind_of_check(checks):
    dup = ledger.duplicate_checks(checks)
    new = dup[~dup["key"].isin(KNOWN_DUPLICATES)]
    assert new.empty, new.to_string()


def double_transcriptions(checks: pd.DataFrame) -> pd.DataFrame:
    """Compared cells of different tables on one source line with the same value and unit."""
    parts = checks["key"].map(printed.split_key)
    df = checks[checks["basis"] == "published"].assign(
        file=parts.str[0], line=parts.str[1], table=parts.str[2].str.split("[").str[0])
    g = df.groupby(["file", "line", "published", "unit"])
    out = g.agg(tables=("table", lambda t: ";".join(sorted(set(t)))),
                n=("table", "nunique"), keys=("key", lambda k: ";".join(sorted(set(k)))))
    out = out[out["n"] > 1].reset_index()
    out["number"] = [f"{r.file}:{r.line}:{r.published:.10g}" for r in out.itertuples()]
    return out


def test_no_printed_number_is_transcribed_twice(checks):
    dup = double_transcriptions(checks)
    new = dup[~dup["number"].isin(KNOWN_DOUBLE_TRANSCRIPTIONS)]
    assert new.empty, new[["number", "unit", "keys"]].to_string()


def test_published_ledger_has_one_row_per_printed_number(full_build, rows):
    led = ledger.read(full_build.root / "reports" / "findings.csv")
    assert led["key"].is_unique
    compared = rows[rows["status"].isin(ledger.COMPARED) & rows["key"].fillna("").ne("")]
    assert set(led["key"]) == set(compared["key"])
    mism = led[led["verdict"] == "mismatch"]
    assert mism["severity"].isin(["error", "inconsistency", "denominator", "rounding",
                                  "wording"]).all()
    assert mism["rule"].ne("").all()
    # the examples of issue 14, each with its rule
    by_key = led.set_index("key")
    mean = f"{T}:2444:grc_pareto_target[Doelgroep: Huishoudens > € 30.000].mean_cost_eur"
    assert by_key.loc[mean, "severity"] == "error"
    utrecht = "000_b67849be9a3b9684.txt:138:ut_registration_lead[registered_total].cases"
    assert by_key.loc[utrecht, "severity"] == "error"  # 21 + 20 + 29 + 31 = 101 outcomes of 99
    # Tabel 6's 99% total share: the footnote on rounding explains it (rounding, not an error)
    share = by_key.loc[f"{T}:2443:grc_pareto[Totaal alle huishoudens].costs_pct"]
    assert (share["severity"], share["rule"]) == ("rounding", "source_explains")
    assert "explains it" in share["reason"] and "afrondingsverschillen" in share["reason"]


def test_index_and_audit_page_agree(full_build):
    def counts(page: str) -> dict:
        html = (full_build.root / "reports" / page).read_text(encoding="utf-8")
        table = BeautifulSoup(html, "html.parser").select_one("table.ledger-counts")
        return {(tr["data-study"], td["data-col"]): td.get_text(strip=True)
                for tr in table.select("tbody tr") for td in tr.select("td")}

    assert counts("index.html") == counts("audit.html")
