"""The index and the audit page read the same ledger: their counts agree, and the index opens
with the key discrepancies (built from constructed results of real primary runs)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from analysis import ledger, paths
from analysis.results import Results

SRC = "004_f014f4dd1ed6983f.txt, Bijlage 4, §8.5, Tabel 6"


@pytest.fixture()
def reports(tmp_path, monkeypatch):
    reports = tmp_path / "reports"
    monkeypatch.setattr(paths, "REPORTS", reports)
    monkeypatch.setattr(paths, "RESULTS", reports / "results")
    monkeypatch.setattr(paths, "FIGURES", reports / "figures")
    nb = Results(study="gezinsregie")
    nb.compare("gr_target_mean", "target-group mean cost", "EUR", 49742, 44365.0,
               source=f"{SRC}, L2444")
    nb.compare("gr_households", "households", "households", 8849, 8849.0, source=f"{SRC}, L2443")
    nb.compare("gr_clients", "clients per household", "ratio", 1.3, 1.1128, source=f"{SRC}, L2437",
               decimals=1)
    nb.extension("gr_ci", "a confidence interval", "EUR", 1.0)
    nb.write(reports / "results" / "gezinsregie_pareto.csv")
    syn = Results(study="ycnd", basis="synthetic")
    syn.compare("ycnd_fu_girls_pct", "% girls", "percent", 49, 40.0,
                source="004_f014f4dd1ed6983f.txt, Bijlage 7, L3846")
    syn.write(reports / "results" / "ycnd_bmi.csv")
    return reports


def _counts(html: str) -> dict[tuple[str, str], str]:
    table = BeautifulSoup(html, "html.parser").select_one("table.ledger-counts")
    return {(tr["data-study"], td["data-col"]): td.get_text(strip=True)
            for tr in table.select("tbody tr") for td in tr.select("td")}


def test_index_and_audit_page_counts_agree(reports):
    from analysis.report import audit_page, build_index

    audit_page.build(reports)
    build_index.build()
    index = (reports / "index.html").read_text(encoding="utf-8")
    page = (reports / "audit.html").read_text(encoding="utf-8")
    assert _counts(index) == _counts(page)
    counts = _counts(index)
    assert counts[("gezinsregie", "printed numbers")] == "3"
    assert counts[("gezinsregie", "mismatch")] == "2"
    assert counts[("gezinsregie", "error")] == "1"  # € 49.742: the text repeats it
    assert counts[("ycnd", "synthetic (not counted)")] == "1"
    assert counts[("all studies", "printed numbers")] == "3"
    led = ledger.read(reports / "findings.csv")
    assert (led["verdict"] != "synthetic").sum() == 3


def test_index_opens_with_the_key_discrepancies(reports):
    from analysis.report import audit_page, build_index

    audit_page.build(reports)
    build_index.build()
    soup = BeautifulSoup((reports / "index.html").read_text(encoding="utf-8"), "html.parser")
    first = soup.select_one("main section")
    assert first.h2.get_text() == "Key discrepancies"
    items = first.select("ol.discrepancies li")
    assert [li.select_one(".badge").get_text() for li in items] == ["error", "inconsistency"]
    text = items[0].get_text(" ", strip=True)
    assert "Blauwe Zorg in de wijk" in text and "prints 49.742" in text
    assert "reproduced 44,365 vs published 49,742" in text
    assert items[0].a["href"] == "html/gezinsregie_pareto.html#Key-findings"
    assert ("004_f014f4dd1ed6983f.txt:2444:grc_pareto_target[Doelgroep: Huishoudens > € 30.000]"
            ".mean_cost_eur") in text


def test_audit_page_links_findings_to_study_pages_ledger_rows_and_back(reports):
    from analysis.report import audit_page, build_index

    audit_page.build(reports)
    build_index.build()
    audit_soup = BeautifulSoup((reports / "audit.html").read_text(encoding="utf-8"),
                               "html.parser")
    assert audit_soup.select_one("p.back a")["href"] == "index.html"
    ids = {t["id"] for t in audit_soup.find_all(id=True)}
    rows = audit_soup.select("table.ledger-rows tbody tr")
    led = ledger.read(reports / "findings.csv")
    # one anchored row per counted mismatch of the ledger
    assert [tr["id"] for tr in rows] == [ledger.anchor(k) for k in
                                         led.loc[led["verdict"] == "mismatch", "key"]]
    mean = next(tr for tr in rows if "mean_cost_eur" in tr.get_text())
    assert mean.select_one("a")["href"].startswith("html/gezinsregie_pareto.html")
    # every in-page link of the audit page lands on an anchor that exists
    for a in audit_soup.select('a[href^="#"]'):
        assert a["href"][1:] in ids, a["href"]
    # the index's key discrepancies link to their ledger rows on the audit page
    index = BeautifulSoup((reports / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in index.select("ol.discrepancies a")]
    assert f"audit.html#{ledger.anchor(led['key'].iat[0])}" in links
    assert all(h.split("#")[1] in ids for h in links if h.startswith("audit.html#"))
