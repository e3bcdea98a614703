"""Text from data is escaped in every HTML page, and no results cell runs as a formula.

A copy of the repository gets hostile labels in a transcribed table (``<script>`` and an
``=HYPERLINK`` formula) and in its run configuration (title and summary shown on the index);
a probe notebook shows the table the ways the notebooks do (``display`` of a frame, prose via
``analysis.notebook.md``, a figure's title and alt text, a results row). The pipeline builds it;
the rendered reports and the index must carry the labels as text, never as markup, and a real
browser must not run them.
"""

from __future__ import annotations

import csv

import nbformat
import pandas as pd
import pytest
import yaml

from tests.conftest import build, copy_repo

pytestmark = pytest.mark.pipeline

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
FORMULA = '=HYPERLINK("http://example.invalid","klik")'

PROBE = '''
from IPython.display import display
import matplotlib.pyplot as plt
from analysis import rawdata
from analysis.notebook import md, setup, show_figure
from analysis.results import Results

setup()
t = rawdata.load("pohsat_answers")
display(t.head(3))
labels = t["response_en"].head(3).tolist()
md(f"The first answers are **{labels[0]}**, {labels[1]} and {labels[2]}.")
fig, ax = plt.subplots()
ax.bar([0, 1], [1, 2])
ax.set_title(labels[0])
ax.set_xlabel("answer (index)")
ax.set_ylabel("respondents (count)")
show_figure(fig, alt=f"bars for {labels[0]} and {labels[1]}")
res = Results(study="probe")
res.extension("probe_label", labels[1], "n", 1.0, note=labels[0])
res.write(results_path)
'''


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = copy_repo(tmp_path_factory.mktemp("hostile"))
    table = root / "data/raw/poh_jeugd_satisfaction/answers.csv"
    df = pd.read_csv(table, dtype=str, keep_default_na=False)
    df.loc[0, "response_en"] = SCRIPT
    df.loc[1, "response_en"] = FORMULA
    df.loc[2, "response_en"] = IMG
    df.to_csv(table, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for f in (root / "config/runs").glob("*.yaml"):
        f.unlink()
    for f in (root / "notebooks").glob("*.ipynb"):
        f.unlink()
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('results_path = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Probe"), params,
                nbformat.v4.new_code_cell(PROBE.strip())]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, root / "notebooks/probe.ipynb")
    (root / "config/runs/probe.yaml").write_text(yaml.safe_dump({
        "notebook": "notebooks/probe.ipynb", "title": f"Probe {SCRIPT}", "study": "probe",
        "source": f"answers.csv {IMG}", "summary": f"Summary {SCRIPT} {FORMULA}",
        "inputs": ["data/raw/poh_jeugd_satisfaction"],
        "runs": [{"id": "probe", "parameters": {}}]}))
    result = build(root)
    assert result.returncode == 0, result.log[-4000:]
    return root


def test_rendered_pages_escape_data(hostile_build):
    reports = hostile_build / "reports"
    pages = {str(p.relative_to(reports)): p.read_text(encoding="utf-8")
             for p in [reports / "index.html", reports / "site/index.html",
                       *(reports / "site/studies").glob("*.html")]}
    assert set(pages) == {"index.html", "site/index.html", "site/studies/probe.html"}
    for name, html in pages.items():
        assert SCRIPT not in html, f"{name}: unescaped <script> from data"
        assert "onerror=" not in html.replace("onerror=&quot;", "").replace(
            "onerror=&#34;", "") or IMG not in html, f"{name}: unescaped <img onerror> from data"
        assert IMG not in html, f"{name}: unescaped <img> from data"
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, f"{name}: label lost"
    assert "HYPERLINK" in pages["site/studies/probe.html"]  # shown as text


def test_results_tables_neutralise_formulas(hostile_build):
    """A results cell that begins like a formula is written with a leading apostrophe."""
    for path in [hostile_build / "reports/results.csv",
                 hostile_build / "reports/results/probe.csv"]:
        with path.open(newline="", encoding="utf-8") as fh:
            cells = [c for row in csv.reader(fh) for c in row]
        assert "HYPERLINK" in "".join(cells)
        bad = [c for c in cells if c[:1] in ("=", "+", "@") or
               (c[:1] == "-" and not _is_number(c))]
        assert not bad, f"{path.name}: formula-like cells {bad}"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_browser_runs_no_data_as_script(hostile_build, request):
    from tests.trust import test_browser as tb

    exe = tb.chromium_path()
    if exe is None:
        pytest.skip("no Chromium browser installed (CI installs it with "
                    "`apt-get install -y chromium`)")
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    reports = (hostile_build / "reports").resolve()
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(tb._QuietHandler, directory=str(reports)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=exe, args=tb.CHROMIUM_ARGS)
            problems = [p for page in tb.pages_of(reports)
                        for p in tb.check_page(browser, base, reports, page)]
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert not problems, "\n".join(problems)
