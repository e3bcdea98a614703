"""The ledger of findings of the cold build: one row per printed number, no printed number
compared twice by the same kind of check, and the index and the audit page agree."""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from analysis import audit, ledger, results
from analysis.pipeline import config as pipeline_config

# Printed numbers that two checks of the same kind still compare, each with why. A ratchet: a new
# duplicate fails the test; removing one here needs only the duplicate to go.
KNOWN_DUPLICATES = {
    # keys are source file:line:value, so two different cells of one line with the same value
    # share a key (different numbers, not a double check)
    "000_b67849be9a3b9684.txt:29:2": "two cells (smallest and largest group) print 2",
    "004_f014f4dd1ed6983f.txt:1339:7": "before and after both print 7",
    "004_f014f4dd1ed6983f.txt:1709:11.1": "two cells of Tabel 5 print 11,1",
    "004_f014f4dd1ed6983f.txt:1711:11.7": "two cells of Tabel 5 print 11,7",
    "004_f014f4dd1ed6983f.txt:1714:4.3": "two cells of Tabel 5 print 4,3",
    "004_f014f4dd1ed6983f.txt:1717:8": "two cells of Tabel 5 print 8",
    "004_f014f4dd1ed6983f.txt:1718:37.5": "two cells of Tabel 5 print 37,5",
    "004_f014f4dd1ed6983f.txt:2275:9": "9 improved on two questions of one sentence",
    "004_f014f4dd1ed6983f.txt:2291:8": "improved and equal both print 8",
    "004_f014f4dd1ed6983f.txt:2305:17": "n = 17 for two questions of one sentence",
    "004_f014f4dd1ed6983f.txt:2313:22": "n = 22 for two questions of one sentence",
    "004_f014f4dd1ed6983f.txt:2384:0": "the UWV row prints 0 in several columns",
    "004_f014f4dd1ed6983f.txt:3817:14": "14 children and 14% on one line",
    "004_f014f4dd1ed6983f.txt:2071:14": "'14 gezinnen' and '12 gezinnen van de 14' on one line",
    # one total, two declared decompositions (by team and by referral type; by group and overall)
    "004_f014f4dd1ed6983f.txt:1310:13": "13 ambassadors = women + men = sum of neighbourhoods",
    "004_f014f4dd1ed6983f.txt:1625:2513": "caseload total of two groupings",
    "004_f014f4dd1ed6983f.txt:1832:1489956": "Tabel 8 total by team and by referral type",
    "004_f014f4dd1ed6983f.txt:1832:413": "Tabel 8 total by team and by referral type",
    # one printed N, several sets of percentages of it (each set is its own group-size check)
    "004_f014f4dd1ed6983f.txt:1760:47": "two questions answered by the 47",
    "004_f014f4dd1ed6983f.txt:1766:44": "two questions answered by the 44",
    "004_f014f4dd1ed6983f.txt:3811:221": "two sets of intake shares of the 221",
    "004_f014f4dd1ed6983f.txt:4412:380": "three triage columns of the 380",
    # two different summary numbers of one line print the same digit (two restatements, each
    # declared once in mr_summary_values' structure)
    "004_f014f4dd1ed6983f.txt:314:3": "§6.2 'drie jaar' and '3 weken' on one line",
    "004_f014f4dd1ed6983f.txt:314:8": "two summary grades of 8 on one line",
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
    assert by_key.loc["004_f014f4dd1ed6983f.txt:2444:49742", "severity"] == "error"
    assert by_key.loc["000_b67849be9a3b9684.txt:138:99", "severity"] == "error"
    assert by_key.loc["004_f014f4dd1ed6983f.txt:2443:99", "rule"] == "source_explains"


def test_index_and_audit_page_agree(full_build):
    def counts(page: str) -> dict:
        html = (full_build.root / "reports" / page).read_text(encoding="utf-8")
        table = BeautifulSoup(html, "html.parser").select_one("table.ledger-counts")
        return {(tr["data-study"], td["data-col"]): td.get_text(strip=True)
                for tr in table.select("tbody tr") for td in tr.select("td")}

    assert counts("index.html") == counts("audit.html")
