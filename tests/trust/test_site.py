"""The reader's site (``reports/site/``) as a reviewer reads it, in headless Chromium.

Every page of a cold build must have: no empty section (a heading with nothing under it), no
``NaN`` / ``<NA>`` / ``NaT`` / ``nan`` or "rows × columns" in its text, no "€ -12,352" or raw
``= null``, no page title that is a code name, no row-number index column, no
scientific notation in prose, no table wider than its column without a scroll container, no
broken local link or anchor, and a link back to the front page.

Study and scenario pages whose notebooks are still being restructured into the paper shape are
marked xfail, each with the reason; the checks themselves are the same for every page, and
``test_the_site_checker_catches_what_it_promises`` shows each one fires.
"""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from analysis.pipeline import config as pc
from tests.trust.test_browser import _QuietHandler, browser, local_target  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.pipeline]

#: notebooks already in the paper shape (their pages must pass every check)
RESTRUCTURED: set[str] = {
    "ggz_referrals",
    "gezinsregie_costs",
    "gezinsregie_pareto",
    "gezinsregie_referrals",
    "utrecht_registrations",
    "poh_jeugd_business_case",
    "poh_jeugd_referrals",
    "praktijkwijzer_norm",
    "cost_figures_ycnd_ggz",
    "digitale_overlegtafel",
    "professional_aan_zet",
    "wijkprofiel",
    "main_report_summaries",
    "pg_training",
    "pg_ambassadors",
    "ycnd_bmi",
    "ycnd_text",
    "prepost_questionnaires",
    "registration_format",
    "consistency_audit",
}
XFAIL_REASON = ("notebook not yet restructured into the paper shape with analysis.report.tables "
                "(issue 15; owned by another branch)")
STATIC_PAGES = ["index.html", "evidence.html", "glossary.html", "references.html", "audit.html",
                "coverage.html"]

#: per page: every rule above that can be judged in the DOM (one evaluate call)
SITE_JS = r"""() => {
  const out = [];
  const main = document.querySelector('article[role=main], main, .body, body');
  // 1. empty sections: nothing between a heading and the next heading that is not deeper
  const hs = [...main.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  hs.forEach((h, i) => {
    const level = Number(h.tagName[1]);
    const next = hs[i + 1];
    if (next && Number(next.tagName[1]) > level) return;   // a parent of subsections
    const r = document.createRange();
    r.setStartAfter(h);
    if (next) r.setEndBefore(next); else r.setEndAfter(main.lastChild);
    const frag = r.cloneContents();
    const text = (frag.textContent || '').replace(/\s+/g, '');
    if (!text && !frag.querySelector('img, table, svg, iframe, figure, canvas'))
      out.push(`empty section: ${h.textContent.replace('#', '').trim().slice(0, 70)}`);
  });
  // 2. missing-value and pandas-repr artefacts in the rendered text
  const text = main.innerText;
  for (const m of text.matchAll(/(?:^|[^\w<])(NaN|NaT|<NA>)(?![\w>])|<NA>|\d+ rows × \d+ columns/g))
    out.push(`pandas artefact in text: ${JSON.stringify(m[0].trim())}`);
  // 2b. a hyphen for a minus after the euro sign ("€ -12,352"), pandas' lower-case nan, a raw
  // JSON null, and a page title that is a code name (a run id such as gezinsregie_costs__hours_3)
  const prose = main.cloneNode(true);  // code (a colophon's parameters) may print raw values
  prose.querySelectorAll('code, pre').forEach(e => e.remove());
  const raw = /€\s?-\d+(?:[.,]\d+)*|(?<![\w.])nan(?![\w])|=\s*null\b/g;
  for (const m of prose.textContent.matchAll(raw))
    out.push(`raw value in text: ${JSON.stringify(m[0].trim())}`);
  const h1 = main.querySelector('h1');
  const title = h1 ? h1.textContent.replace('#', '').replace('\u00b6', '').trim() : '';
  const code = title.match(/\b[a-z][a-z0-9]*_[a-z0-9_]+\b/);
  if (code) out.push(`page title with a code name: ${code[0]}`);
  // 3. a row-number index column: empty header, then 0..n-1 (or 1..n) down the first column
  for (const t of main.querySelectorAll('table')) {
    const rows = [...t.querySelectorAll('tbody tr')];
    const head = t.querySelector('thead tr');
    if (!rows.length || !head) continue;
    const firstHead = (head.cells[0] || {}).textContent || '';
    const vals = rows.map(r => (r.cells[0] || {}).textContent.trim());
    const start = Number(vals[0]);
    if (firstHead.trim() === '' && (start === 0 || start === 1) &&
        vals.every((v, k) => v === String(start + k)))
      out.push('row-number index column in table: ' +
               ((t.caption || {}).textContent || vals.length + ' rows'));
  }
  // 4. scientific notation in prose
  for (const el of main.querySelectorAll('p, li, td, th, caption, dd, figcaption')) {
    const m = el.innerText.match(/\b\d+(?:\.\d+)?e[+-]?\d+\b/i);
    if (m) out.push(`scientific notation: ${m[0]} in "${el.innerText.trim().slice(0, 60)}"`);
  }
  // 5. a table wider than its column needs a horizontal scroll container
  for (const t of main.querySelectorAll('table')) {
    let el = t.parentElement, scrolls = false;
    while (el && el !== document.body) {
      const ox = getComputedStyle(el).overflowX;
      if (ox === 'auto' || ox === 'scroll') { scrolls = true; break; }
      el = el.parentElement;
    }
    const room = t.parentElement.clientWidth;
    if (!scrolls && t.scrollWidth > room + 1)
      out.push(`table wider than the page (${t.scrollWidth} > ${room} px) ` +
               'without a scroll container');
  }
  const links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  return {problems: out, links, ids};
}"""


def site_pages(site: Path | None = None) -> list[str]:
    """Every page a reader can reach: the static ones and one per configured run."""
    runs = pc.runs()
    primary = {r.id for r in runs if r.primary}
    pages = list(STATIC_PAGES)  # audit.html too: the consistency_audit run writes it
    pages += [f"{'studies' if r.id in primary else 'scenarios'}/{r.id}.html" for r in runs]
    return pages


def check_site_page(browser, base: str, site: Path, page: str,  # noqa: F811
                    ids_of: dict[Path, set[str]] | None = None) -> list[str]:
    """Every problem of one site page (empty: the page is fine)."""
    if not (site / page).is_file():
        return [f"{page}: not built"]
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = ctx.new_page()
    tab.goto(base + page, wait_until="load")
    info = tab.evaluate(SITE_JS)
    ctx.close()
    problems = list(info["problems"])
    ids_of = {} if ids_of is None else ids_of
    ids_of[(site / page).resolve()] = set(info["ids"])
    index = (site / "index.html").resolve()
    back = False
    for url in info["links"]:
        target, fragment = local_target(site, page, url)
        if target is None:
            continue
        back = back or (target == index and page != "index.html")
        if not target.is_file():
            problems.append(f"broken link: {url}")
        elif fragment and target.suffix == ".html":
            if target not in ids_of:
                from bs4 import BeautifulSoup

                soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                ids_of[target] = {el["id"] for el in soup.find_all(id=True)}
            if fragment not in ids_of[target]:
                problems.append(f"broken anchor: {url}")
    if page != "index.html" and not back:
        problems.append("no link back to the index")
    return [f"{page}: {p}" for p in problems]


@pytest.fixture(scope="module")
def served_site(built_repo):
    """``(base_url, site_dir)`` of the cold build's ``reports/site`` over HTTP."""
    site = built_repo / "reports" / "site"
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", site.resolve()
    finally:
        server.shutdown()
        server.server_close()


def _params() -> list:
    out = []
    for page in site_pages(Path("reports/site")):
        run = Path(page).stem
        is_notebook = "/" in page
        base_run = run.split("__")[0]
        marks = [pytest.mark.xfail(reason=XFAIL_REASON, strict=False)] \
            if is_notebook and base_run not in RESTRUCTURED else []
        out.append(pytest.param(page, marks=marks, id=page))
    return out


@pytest.mark.parametrize("page", _params())
def test_site_page_reads_like_a_paper(browser, served_site, page):  # noqa: F811
    base, site = served_site
    if page == "coverage.html" and not (site / page).is_file():
        # built only where the five sources lie beside the checkout (../shared/seeds), which the
        # test's temporary copy of the repository does not have
        pytest.skip("coverage page not built: the sources are not beside this copy")
    problems = check_site_page(browser, base, site, page)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:40])


BAD_SITE_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bad</title>
</head><body><main>
<h1>Title gezinsregie_costs__hours_3</h1><p>Intro: € -12,352, 15 nan, cost = null.</p>
<h2>Reproduce Tabel 7</h2>
<h2>Results</h2>
<p>The saving was 3.823e+05 euros, n = NaN.</p>
<table><thead><tr><th></th><th>team</th></tr></thead>
<tbody><tr><th>0</th><td>A</td></tr><tr><th>1</th><td>&lt;NA&gt;</td></tr></tbody></table>
<p>64 rows × 4 columns</p>
<div style="width:300px"><table><tr><td style="white-space:nowrap">
a very wide cell that cannot wrap and so runs off the right-hand edge of the page
</td></tr></table></div>
<a href="missing.html">broken</a> <a href="#nowhere">anchor</a>
</main></body></html>"""


def test_the_site_checker_catches_what_it_promises(browser, tmp_path):  # noqa: F811
    """A page with every defect: each must be reported; a clean page reports nothing."""
    (tmp_path / "bad.html").write_text(BAD_SITE_PAGE, encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<html lang="en"><body><main><h1>Index</h1><p>Text.</p>'
        '<a href="good.html">good</a></main></body></html>', encoding="utf-8")
    (tmp_path / "good.html").write_text(
        '<html lang="en"><body><main><h1>Good</h1><p>€ 980,235 and p &lt; 0.001.</p>'
        '<div style="overflow-x:auto;width:200px"><table><tr><td style="white-space:nowrap">'
        'a wide cell in a scroll container, which is fine</td></tr></table></div>'
        '<a href="index.html">back</a></main></body></html>', encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        site = tmp_path.resolve()
        bad = "\n".join(check_site_page(browser, base, site, "bad.html"))
        good = check_site_page(browser, base, site, "good.html")
    finally:
        server.shutdown()
        server.server_close()
    assert good == []
    for expected in ("empty section: Reproduce Tabel 7", 'pandas artefact in text: "NaN"',
                     'pandas artefact in text: "<NA>"', "64 rows × 4 columns",
                     "row-number index column", "scientific notation: 3.823e+05",
                     "without a scroll container", "broken link: missing.html",
                     "broken anchor: #nowhere", "no link back to the index",
                     'raw value in text: "€ -12,352"', 'raw value in text: "nan"',
                     'raw value in text: "= null"',
                     "page title with a code name: gezinsregie_costs__hours_3"):
        assert expected in bad, bad
    assert "empty section: Results" not in bad
