"""Pieces of the reader's site: scenario titles in words, parameter tables, links, evidence."""

import pandas as pd
from bs4 import BeautifulSoup

from analysis.pipeline.config import Evaluation, Run, evaluations
from analysis.report import evidence, site
from analysis.report.sources import name_sources


def run(parameters, rid="x__y"):
    return Run(id=rid, notebook="notebooks/x.ipynb", parameters=parameters, primary=False,
               evaluation="x")


def test_parameters_in_words():
    assert site.describe("municipality", "Maastricht") == "Maastricht only"
    assert site.describe("share_not_referred", 0.657) == "share not referred 65.7%"
    assert site.describe("target_threshold", 20000.0) == "target threshold € 20,000"
    assert site.describe("practice_list_size", 11000) == "practice list size 11,000"
    assert site.describe("coordinator_hours_per_week", 3.0) == "coordinator hours per week 3"
    assert site.describe("reference", "who2007") == "the WHO 2007 reference"
    assert site.describe("reference", "nl1997") == "the Dutch 1997 reference"
    # an empty value by what the notebook's comment says it means
    assert site.describe("municipality", "", "empty: the whole region; or one municipality") == \
        "the whole region"
    assert site.describe("mapping_path", "") == "no mapping path"
    assert site.describe("poh_ggz_youth_share", 0.25) == "POH GGZ youth share 25.0%"
    assert site.describe("input_path", "data/processed/q_seed7.csv") == \
        "another synthetic sample (seed 7)"
    assert site.describe("input_path", "data/raw/x/own_file.csv") == "input from own file"
    assert site.describe("coordinator_cost_used", None) == \
        "coordinator cost computed from the report's own figures"
    note = "EUR per household as used in Tabel 5; set to None to use hours × weeks × rate"
    assert site.describe("coordinator_cost_used", None, note) == \
        "coordinator cost from hours × weeks × rate"
    assert site.none_means("mean cost (EUR/year); None: Tabel 6 total cost / households") == \
        "Tabel 6 total cost / households"
    assert site.none_means("hours per week (printed, line 2327)") == ""


def test_parameter_notes_are_read_from_the_notebook():
    notes = site.parameter_notes("notebooks/gezinsregie_costs.ipynb")
    assert "None" in notes["coordinator_cost_used"]
    assert site.parameter_notes("notebooks/no_such_notebook.ipynb") == {}


def test_every_configured_scenario_has_a_title_in_words():
    for ev in evaluations():
        for r in ev.runs[1:]:
            title = site.scenario_title(ev, r)
            assert title.startswith(ev.title + ": ")
            assert r.id not in title and "{" not in title and "_" not in title.split(": ", 1)[1]


def test_parameter_table_says_what_changes_in_words_against_the_study_page():
    # gezinsregie_costs declares coordinator_cost_used = 8000 (the printed € 8.000)
    study = Run(id="gezinsregie_costs", notebook="notebooks/gezinsregie_costs.ipynb",
                parameters={}, primary=True, evaluation="gezinsregie_costs")
    scenario = Run(id="gezinsregie_costs__x", notebook="notebooks/gezinsregie_costs.ipynb",
                   parameters={"coordinator_cost_used": 7875.0}, primary=False,
                   evaluation="gezinsregie_costs")
    ev = Evaluation(name="gezinsregie_costs", notebook=study.notebook, title="Costs", study="s",
                    source="", summary="", inputs=(), runs=(study, scenario))
    table = site.parameter_table(ev, scenario)
    assert table.splitlines()[0] == ("| Parameter | In this scenario | On the study page "
                                     "| Name in the notebook |")
    assert table.splitlines()[2] == ("| Coordinator cost | € 7,875 | € 8,000 "
                                     "| `coordinator_cost_used` |")
    assert site.scenario_title(ev, scenario) == "Costs: coordinator cost € 7,875"
    # a parameter set to the value the study page uses anyway is no change: not in the title
    same = Run(id="gezinsregie_costs__y", notebook=study.notebook,
               parameters={"coordinator_cost_used": 8000, "rho_base": 0.3}, primary=False,
               evaluation="gezinsregie_costs")
    ev2 = Evaluation(name="gezinsregie_costs", notebook=study.notebook, title="Costs", study="s",
                     source="", summary="", inputs=(), runs=(study, same))
    assert "coordinator" not in site.scenario_title(ev2, same)


def test_index_links_point_at_site_pages():
    html = ('<main><a href="site/studies/a.html">A</a> '
            '<a href="site/scenarios/a__b.html">a__b</a>: <code>{"k": 1}</code> '
            '<a href="executed/a.ipynb">code</a> <a href="results.csv">rows</a> '
            '<a href="audit.html">audit</a> <a href="#scoreboard">here</a> '
            '<a href="site/studies/a.html#key-findings">findings</a></main>')
    soup = BeautifulSoup(html, "html.parser")
    site.rewrite_links(soup, {"a"}, {"a": "A", "a__b": "A: Maastricht only"})
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs == ["studies/a.html", "scenarios/a__b.html", "../executed/a.ipynb",
                     "../results.csv", "audit.html", "#scoreboard", "studies/a.html#key-findings"]
    assert soup.find_all("a")[1].string == "A: Maastricht only"
    assert soup.find("code") is None
    assert "Maastricht only:" not in soup.get_text()  # no colon left where the parameters were


def test_sources_by_title():
    text = "004_f014f4dd1ed6983f.txt, Bijlage 3 §8; 001_05c47cd6b59af492.txt"
    assert name_sources(text) == "Blauwe Zorg in de wijk, Eindrapport, Bijlage 3 §8; Praktijkwijzer"


def test_verdict_and_n():
    rows = pd.DataFrame({"status": ["reproduced"] * 47 + ["mismatch", "extension"],
                         "id": [f"r{i}" for i in range(49)],
                         "reproduced": [638.0] + [1.0] * 48, "published": [638] * 49})
    counts = pd.Series({"printed numbers": 47, "reproduced": 45, "mismatch": 1,
                        "not_reproducible": 1})
    assert evidence.verdict(counts) == ("45 of 47 printed numbers reproduced; **1 mismatch**; "
                                        "1 not reproducible")
    assert evidence.verdict(None) == "no published number to check"
    assert evidence.n_of({"result": "r0", "label": "cases in 2019"}, rows) == "638 cases in 2019"
    assert evidence.n_of(None, rows) == "\u2013"


def test_printed_dollar_signs_are_not_math():
    # the Praktijkwijzer's text conversion marks a formula "$0,25 * 12 = 3$"; unescaped, MyST
    # showed "\\(0,25 * 12 = 3\\)", escaped it showed the markup: the quote drops it
    assert evidence.escape_myst("$5 uur") == "\\$5 uur"
    (claim,) = evidence.claims([{"table": "pw_text_values", "key": "youth_norm_hours"}])
    assert claim.startswith("\u201c0,25 * 12 = 3  uur per week") and "line 69" in claim


def test_design_cell_names_comparison_n_and_data():
    rows = pd.DataFrame({"id": ["r0"], "reproduced": [627.0], "published": [627]})
    cell = evidence.design({"comparison": "none", "n": {"result": "r0", "label": "clients"},
                            "data": "aggregates only"}, rows)
    assert cell == "*Comparison:* none<br>*n:* 627 clients<br>*Data:* aggregates only"


def test_claims_are_the_printed_words():
    (claim,) = evidence.claims([{"table": "poh_bc_text_values", "key": "net_saving_text"}])
    assert claim.startswith("\u201ceen besparing heeft opgeleverd van ruim € 980.000\u201d")
    assert "Blauwe Zorg in de wijk, Eindrapport" in claim and "line 1850" in claim
    assert "004_" not in claim


def test_evidence_config_names_configured_evaluations():
    import yaml

    names = {ev.name for ev in evaluations()}
    config = yaml.safe_load(evidence.CONFIG.read_text(encoding="utf-8"))
    assert set(config) <= names
    assert isinstance(evaluations()[0], Evaluation)


def test_the_build_folder_is_read_from_the_pipeline_config_only():
    # config/pipeline.yaml's build_dir is the one place it is named; no module types ".build"
    from pathlib import Path

    from analysis import paths
    from analysis.pipeline.config import build_dir

    assert site.SRC.parent == site.DOCTREES.parent == site.STAMP.parent == build_dir()
    package = Path(site.__file__).resolve().parents[1]
    typed = [str(f.relative_to(package)) for f in package.rglob("*.py")
             if '".build' in f.read_text(encoding="utf-8")
             or "'.build" in f.read_text(encoding="utf-8")]
    assert typed == [], f"the build folder is typed in {typed}; use config.build_dir()"
    assert build_dir() == paths.resolve(".build")  # what config/pipeline.yaml says today


def test_a_changed_navigation_rewrites_every_page(tmp_path, monkeypatch):
    """Each page's sidebar is the toctree: a build after it changed writes every page (-a)."""
    from analysis import paths
    from analysis.pipeline.config import evaluations

    monkeypatch.setattr(site, "SRC", tmp_path / "src")
    monkeypatch.setattr(paths, "REPORTS", tmp_path / "reports")
    (tmp_path / "reports").mkdir()
    evs = evaluations()
    assert site.NAV_STAMP in site.stage(evs)
    assert site.NAV_STAMP not in site.stage(evs)  # unchanged: only changed pages are written
    (tmp_path / "reports" / "audit.html").write_text("<html><body><h1>A</h1></body></html>")
    assert site.NAV_STAMP in site.stage(evs)  # the audit page joins the "Reading" section
    # a page renamed: every sidebar shows its title (it kept the old one before the stamp held
    # the titles)
    monkeypatch.setitem(site.WRAPPED, "audit.html", "Ledger, renamed")
    assert site.NAV_STAMP in site.stage(evs)


def test_a_value_with_a_meaning_of_its_own_is_shown_in_words():
    # praktijkwijzer_norm declares practice_list_size = 0  # …; 0: no own practice
    nb = "notebooks/praktijkwijzer_norm.ipynb"
    study = Run(id="p", notebook=nb, parameters={}, primary=True, evaluation="p")
    scenario = Run(id="p__6000", notebook=nb, parameters={"practice_list_size": 6000},
                   primary=False, evaluation="p")
    ev = Evaluation(name="p", notebook=nb, title="P", study="s", source="", summary="",
                    inputs=(), runs=(study, scenario))
    assert site.parameter_table(ev, scenario).splitlines()[2] == \
        "| Practice list size | 6,000 | no own practice | `practice_list_size` |"


def test_the_evidence_page_says_what_each_study_page_concludes(tmp_path, monkeypatch):
    import nbformat

    from analysis import paths

    nb = nbformat.v4.new_notebook()
    said = nbformat.v4.new_code_cell("md(...)")
    said.outputs = [nbformat.v4.new_output("display_data", data={
        "text/markdown": "The saving holds if at least 34.2% <b> would otherwise be referred."})]
    nb.cells = [nbformat.v4.new_markdown_cell("## Results\n\nNot this."),
                nbformat.v4.new_markdown_cell("## What it means for the pilot's claim\n\n"
                                              "The claim is sound arithmetic."),
                said, nbformat.v4.new_markdown_cell("## Reproducibility\n\nNor this.")]
    (tmp_path / "executed").mkdir()
    nbformat.write(nb, tmp_path / "executed" / "x.ipynb")
    monkeypatch.setattr(paths, "REPORTS", tmp_path)
    text = evidence.what_it_means("x")
    assert text == ("The claim is sound arithmetic. The saving holds if at least 34.2% <b> would "
                    "otherwise be referred.")
    assert evidence.plain(text).endswith("34.2% &lt;b> would otherwise be referred.")
    assert evidence.what_it_means("missing") == ""
