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
    """(row, column) → count of the ledger table (``table.ledger-counts``), and of the counts
    given beside it (elements with ``data-study`` and ``data-col``)."""
    soup = BeautifulSoup(html, "html.parser")
    table = soup.select_one("table.ledger-counts")
    out = {(tr["data-study"], el["data-col"]): el.get_text(strip=True)
           for tr in table.select("tbody tr") for el in tr.select("[data-col]")}
    out.update({(el["data-study"], el["data-col"]): el.get_text(strip=True)
                for el in soup.select("[data-study][data-col]")})
    return out


def test_index_and_audit_page_counts_agree(reports):
    from analysis.report import audit_page, build_index

    audit_page.build(reports)
    build_index.build()
    index = _counts((reports / "index.html").read_text(encoding="utf-8"))
    page = _counts((reports / "audit.html").read_text(encoding="utf-8"))
    # both count per study page (one row per card), with the same table: every cell agrees
    totals = {c: v for (s, c), v in index.items() if s == "all studies"}
    assert set(totals) >= {"printed numbers", "reproduced", "mismatch", "not_reproducible",
                           "error", "inconsistency", "checks", "extensions",
                           "synthetic (not counted)"}
    assert page == index
    assert page[("gezinsregie_pareto", "printed numbers")] == "3"
    assert page[("gezinsregie_pareto", "error")] == "1"  # € 49.742: the text repeats it
    assert page[("all studies", "synthetic (not counted)")] == "1"
    # the index's row is the study page that shows the numbers (the card), named by its title
    assert index[("gezinsregie_pareto", "printed numbers")] == "3"
    assert index[("gezinsregie_pareto", "mismatch")] == "2"
    assert index[("gezinsregie_pareto", "error")] == "1"
    assert index[("all studies", "printed numbers")] == "3"
    assert index[("all studies", "synthetic (not counted)")] == "1"
    soup = BeautifulSoup((reports / "index.html").read_text(encoding="utf-8"), "html.parser")
    names = [th.get_text(" ", strip=True) for th in soup.select("table.ledger-counts tbody th")]
    assert names[0].startswith("Gezinsregie target group, Pareto analysis")
    assert names[-1] == "All studies"
    assert "gezinsregie" not in names and "audit" not in names
    cell = soup.select_one('tr[data-study="gezinsregie_pareto"] td.mism').get_text(" ", strip=True)
    assert cell == "2 : 1 error, 1 inconsistency"
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
    text = items[0].get_text(" ", strip=True).replace("\u00a0", " ")
    assert text.startswith(
        "error Blauwe Zorg in de wijk (Maastricht-Heuvelland) , Bijlage 4, §8.5, Tabel 6: the "
        "mean cost per household (target group: households above € 30,000) is printed as "
        "“€ 49.742”, but the report's own numbers give € 44,365 (€ 5,377 less). The report's "
        "conclusion rests on it.")
    assert items[0].a["href"] == "site/studies/gezinsregie_pareto.html#key-findings"
    # the key and the file:line are provenance: in the links' titles, not in the text
    key = ("004_f014f4dd1ed6983f.txt:2444:grc_pareto_target[Doelgroep: Huishoudens > € 30.000]"
           ".mean_cost_eur")
    assert key not in text and "mean_cost_eur" not in text
    assert key in items[0].a["title"] and "line 2444" in items[0].a["title"]
    # the inconsistency is folded under its study page
    group = first.select_one("details.discrepancy-group")
    assert group.summary.get_text(strip=True).endswith(": 1 inconsistency")
    assert "is printed as “1,3”" in group.get_text(" ", strip=True)


def test_audit_page_links_findings_to_study_pages_ledger_rows_and_back(reports):
    from analysis.report import audit_page, build_index

    audit_page.build(reports)
    build_index.build()
    audit_soup = BeautifulSoup((reports / "audit.html").read_text(encoding="utf-8"),
                               "html.parser")
    assert audit_soup.select_one("p.back a")["href"] == "index.html"
    ids = {t["id"] for t in audit_soup.find_all(id=True)}
    rows = audit_soup.select("table.ledger-rows tbody tr:not(.group)")
    led = ledger.read(reports / "findings.csv")
    # one anchored row per counted mismatch of the ledger, under its study page's anchor (the
    # study page's link to its audit findings lands there)
    assert [tr["id"] for tr in rows] == [ledger.anchor(k) for k in
                                         led.loc[led["verdict"] == "mismatch", "key"]]
    groups = audit_soup.select("table.ledger-rows tbody tr.group")
    assert [g["id"] for g in groups] == ["study-gezinsregie_pareto"]
    assert " ".join(groups[0].get_text().split()).endswith(": 2 discrepancies")
    # the ledger key is provenance: in the printed number's title, not in the text
    mean = next(tr for tr in rows if "mean_cost_eur" in tr.strong["title"])
    assert "mean_cost_eur" not in mean.get_text()
    assert mean.select_one("a")["href"].startswith("site/studies/gezinsregie_pareto.html")
    # every in-page link of the audit page lands on an anchor that exists
    for a in audit_soup.select('a[href^="#"]'):
        assert a["href"][1:] in ids, a["href"]
    # the index's key discrepancies link to their ledger rows on the audit page
    index = BeautifulSoup((reports / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in index.select("ol.discrepancies a")]
    assert f"audit.html#{ledger.anchor(led['key'].iat[0])}" in links
    assert all(h.split("#")[1] in ids for h in links if h.startswith("audit.html#"))
