"""Tests of analysis.audit: each check on cases built to pass and to fail, values hand-checked."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import audit, paths, rawdata

# --- GRIM ------------------------------------------------------------------------------------


def test_grim_impossible_mean():
    # 5.19 × 28 = 145.32: K = 145 gives 5.1786 (→ 5.18), K = 146 gives 5.2143 (→ 5.21)
    ok, nearest = audit.grim(5.19, 28, 2)
    assert not ok
    assert nearest == pytest.approx(145 / 28)


def test_grim_possible_mean():
    ok, nearest = audit.grim(5.18, 28, 2)
    assert ok
    assert nearest == pytest.approx(145 / 28)


def test_grim_items_multiply_granularity():
    # sums over 2 integer items, n = 10: means are K/20; 3.45 = 69/20 possible, 3.47 is not
    assert audit.grim(3.45, 10, 2, items=2)[0]
    assert not audit.grim(3.47, 10, 2, items=2)[0]
    # with one item, K/10: 3.45 is not attainable (3.4 or 3.5)
    assert not audit.grim(3.45, 10, 2, items=1)[0]


def test_check_grim_finding_and_uninformative_note():
    f = audit.check_grim("x", 5.19, 28, decimals=2)
    assert f["outcome"] == "fail"
    assert f["tolerance"] == pytest.approx(0.005)
    f = audit.check_grim("x", 5.19, 100, decimals=2)  # n ≥ 10^2: every mean is attainable
    assert f["outcome"] == "pass"
    assert "cannot fail" in f["arithmetic"]
    assert audit.check_grim("x", None, 28)["outcome"] == "skipped"


def test_grim_rejects_bad_n():
    with pytest.raises(ValueError):
        audit.grim(1.0, 0, 1)


# --- denominators ------------------------------------------------------------------------------


def test_attainable_group_sizes_thirds():
    # 33.3 and 66.7 (1 decimal) need k/n within 0.05 of a third: n = 3, 6, 9 up to 10
    assert audit.attainable_group_sizes([33.3, 66.7], 1, 1, 10).tolist() == [3, 6, 9]


def test_attainable_group_sizes_half():
    # 50% (0 decimals): even n work; odd n only when 100·k/n lands within [49.5, 50.5]
    sizes = audit.attainable_group_sizes([50], 0, 1, 101).tolist()
    assert 2 in sizes and 4 in sizes and 100 in sizes
    assert 3 not in sizes and 99 not in sizes  # 49/99 = 49.49, 50/99 = 50.51
    assert 101 in sizes  # 50/101 = 49.505


def test_percent_group_pass_fail_info():
    utrecht = [16, 5, 20, 29, 31]  # percentages of 99 registered cases (000, lines 235-238)
    f = audit.check_percent_group("u", utrecht, 0, 99)
    assert f["outcome"] == "pass" and f["computed"] == 99
    f = audit.check_percent_group("h", [50], 0, 99)
    assert f["outcome"] == "fail" and f["computed"] in (98, 100)
    assert "not (nearest" in f["arithmetic"]
    f = audit.check_percent_group("t", [33.3, 66.7], 1, None, n_range=(1, 10))
    assert f["outcome"] == "info" and f["computed"] == 3
    assert "3, 6, 9" in f["arithmetic"]


def test_percent_group_nothing_attainable():
    # 14.3% (≈ 1/7) and 33.3% (≈ 1/3) at once need n = 21 or more: n ≤ 20 has none
    assert audit.attainable_group_sizes([14.3, 33.3], 1, 1, 21).tolist() == [21]
    f = audit.check_percent_group("z", [14.3, 33.3], 1, 12, n_range=(1, 20))
    assert f["outcome"] == "fail"
    assert math.isnan(f["computed"])


def test_attainable_group_sizes_bad_range():
    with pytest.raises(ValueError):
        audit.attainable_group_sizes([10], 0, 5, 4)


# --- totals, percentages, ratios, pooled means, restatements -----------------------------------


def test_check_sum_utrecht_outcomes_fail():
    f = audit.check_sum("lead", 99, [21, 20, 29, 31])
    assert f["outcome"] == "fail"
    assert f["computed"] == 101 and f["difference"] == 2
    assert "21 + 20 + 29 + 31 = 101" in f["arithmetic"]


def test_check_sum_pass_and_missing_part():
    assert audit.check_sum("t", 135, [60, 75])["outcome"] == "pass"
    f = audit.check_sum("t", 135, [60, None], part_names=["a", "b"])
    assert f["outcome"] == "skipped" and "(b)" in f["arithmetic"]


def test_check_sum_rounded_parts_tolerance():
    # three thirds printed as 33 each: strict half-unit fails, rounded parts (0.5 + 3 × 0.5) pass
    assert audit.check_sum("p", 100, [33, 33, 33])["outcome"] == "fail"
    f = audit.check_sum("p", 100, [33, 33, 33], rounded_parts=True)
    assert f["outcome"] == "pass" and f["tolerance"] == pytest.approx(2.0)
    assert "rounded too" in f["arithmetic"]


def test_check_percentage():
    assert audit.check_percentage("a", 16, 16, 99)["outcome"] == "pass"  # 16.16%
    f = audit.check_percentage("b", 4.79, 55, 1146, decimals=2)  # 4.7993% → 4.80
    assert f["outcome"] == "fail"
    assert f["computed"] == pytest.approx(4.79930, abs=1e-5)
    assert audit.check_percentage("c", 10, 1, 0)["outcome"] == "skipped"


def test_check_derived_count_poh():
    # Tabel 6 of Bijlage 3: 65% of 638 cases = 414.7, printed 413 (= 64.73%)
    f = audit.check_derived_count("poh", 413, 65, 638)
    assert f["outcome"] == "fail"
    assert f["computed"] == pytest.approx(414.7)
    assert "64.73%" in f["arithmetic"]
    assert audit.check_derived_count("ok", 415, 65, 638)["outcome"] == "pass"


def test_check_ratio_gezinsregie_mean():
    # Tabel 6 of Bijlage 4: 28,748,498 / 648 = 44,364.97, printed 49,742
    f = audit.check_ratio("target", 49742, 28748498, 648)
    assert f["outcome"] == "fail"
    assert f["computed"] == pytest.approx(44364.97, abs=0.01)
    assert f["rel_difference"] == pytest.approx((49742 - 28748498 / 648) / 49742)
    assert audit.check_ratio("ok", 44365, 28748498, 648)["outcome"] == "pass"


def test_check_pooled_mean():
    f = audit.check_pooled_mean("ok", 3.0, [2.0, 4.0], [1, 1], decimals=1)
    assert f["outcome"] == "pass"
    # the target group's mean: weighted (394×34143 + 107×40520 + 147×74563)/648 = 44,365.34
    f = audit.check_pooled_mean("t", 49742, [34143, 40520, 74563], [394, 107, 147], decimals=0)
    assert f["outcome"] == "fail"
    assert f["computed"] == pytest.approx(28748743 / 648)
    assert "Unweighted mean of the part means = 49,742" in f["arithmetic"]


def test_check_restatement():
    # 'ruim € 980.000' (to the thousand) restating 980,235
    f = audit.check_restatement("r", 980000, -3, 980235, 0)
    assert f["outcome"] == "pass" and f["tolerance"] == pytest.approx(500.5)
    # 80% restating 78.6%: 0.5 + 0.05 < 1.4
    f = audit.check_restatement("r", 80, 0, 78.6, 1)
    assert f["outcome"] == "fail" and f["tolerance"] == pytest.approx(0.55)
    # the same printed precision: the restatement must equal its origin (4 vs 3 fails)
    f = audit.check_restatement("c", 4, 0, 3, 0)
    assert f["outcome"] == "fail" and f["tolerance"] == 0.5
    # a count (exact) restated to the hundred: 'ruim 600' for 627 passes (±50), 700 does not
    assert audit.check_restatement("c", 600, -2, 627, 0, origin_exact=True)["tolerance"] == 50
    assert audit.check_restatement("c", 600, -2, 627, 0, origin_exact=True)["outcome"] == "pass"
    assert audit.check_restatement("c", 700, -2, 627, 0, origin_exact=True)["outcome"] == "fail"


# --- run_audit over a constructed data package -------------------------------------------------


def _field(name, type_="integer", **kw):
    return {"name": name, "type": type_, **kw}


def _write_package(root, structure_main, structure_text=None):
    folder = root / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({
        "team_nl": ["A", "A", "A", "B", "B", "B", "Totaal"],
        "kind_nl": ["x", "y", "totaal", "x", "y", "subtotaal", "totaal"],
        "cases": [1, 2, 3, 4, 5, 9, 13],
        "pct": [33.3, 66.7, 100, 44.4, 55.6, 100, 100],
        "line": [10, 11, 12, 13, 14, 15, 16],
    }).to_csv(folder / "main.csv", index=False)
    pd.DataFrame({
        "key": ["n", "share", "derived", "text_total"],
        "value": [638, 65, 413, 3],
        "decimals": [0, 0, 0, 0],
        "line": [20, 21, 22, 23],
    }).to_csv(folder / "text.csv", index=False)
    res_main = {
        "name": "demo_main", "path": "main.csv", "title": "Demo table",
        "sources": [{"title": "999_demo.txt", "path": "Tabel 1, lines 10-16"}],
        "schema": {"fields": [_field("team_nl", "string"), _field("kind_nl", "string"),
                              _field("cases"), _field("pct", "number", decimals=1),
                              _field("line")]},
        "structure": structure_main,
    }
    res_text = {
        "name": "demo_text", "path": "text.csv", "title": "Demo text values",
        "sources": [{"title": "999_demo.txt", "path": "text, lines 20-23"}],
        "schema": {"fields": [_field("key", "string"), _field("value", "number"),
                              _field("decimals"), _field("line")]},
    }
    if structure_text is not None:
        res_text["structure"] = structure_text
    pkg = folder / "datapackage.json"
    pkg.write_text(json.dumps({"name": "demo", "resources": [res_main, res_text]}))
    return pkg


@pytest.fixture
def raw_root(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "RAW", tmp_path)
    rawdata.catalog.cache_clear()
    yield tmp_path
    rawdata.catalog.cache_clear()


GOOD = {
    "totals": [
        {"label_column": "kind_nl", "total_labels": ["totaal", "subtotaal"],
         "group_by": ["team_nl"], "value_columns": ["cases"]},
        {"label_column": "team_nl", "total_labels": ["Totaal"],
         "where": {"kind_nl": ["totaal", "subtotaal"]}, "value_columns": ["cases"],
         "key_figure": True, "reading": "The grand total is overstated."},
    ],
    "percent_groups": [{"percent": "pct", "group_by": ["team_nl"], "n": None, "decimals": 1,
                        "n_range": [1, 10]}],
}
TEXT = {
    "row_percentages": [{"label_column": "key", "value_column": "value", "percent": "share",
                         "count": "derived", "denominator": "n", "derived": "count"}],
    "restates": [{"value": {"column": "value", "where": {"key": "text_total"}},
                  "origin": {"table": "demo_main", "column": "cases",
                             "where": {"team_nl": "A", "kind_nl": "totaal"}}}],
}


def test_run_audit_on_constructed_package(raw_root):
    _write_package(raw_root, GOOD, TEXT)
    f = audit.run_audit()
    assert list(f.columns) == audit.FINDING_COLUMNS
    assert f["id"].is_unique
    totals = f[f["check"] == "totals"].set_index("lines")
    # team A: 1 + 2 = 3 (pass); team B: 4 + 5 = 9 (pass); grand: 3 + 9 = 12 vs 13 (fail)
    assert totals.loc["10-12", "outcome"] == "pass"
    assert totals.loc["13-15", "outcome"] == "pass"
    grand = totals.loc["12,15,16"]
    assert grand["outcome"] == "fail" and grand["computed"] == 12 and grand["published"] == 13
    assert grand["reading"] == "The grand total is overstated." and grand["key_figure"]
    assert grand["consequence"] == pytest.approx(3 * 1 / 13)
    assert grand["source"] == "999_demo.txt, Tabel 1, L12,15,16"
    groups = f[f["check"] == "percent_groups"].set_index("item")
    # team A prints 33.3, 66.7 and 100.0: sizes 3, 6, 9 in 1..10
    assert groups.loc["A: pct (3 percentages)", "computed"] == 3
    assert groups.loc["A: pct (3 percentages)", "outcome"] == "info"
    derived = f[(f["table"] == "demo_text") & (f["check"] == "percentages")].iloc[0]
    assert derived["outcome"] == "fail" and derived["computed"] == pytest.approx(414.7)
    restated = f[f["check"] == "restates"].iloc[0]
    assert restated["outcome"] == "pass" and restated["computed"] == 3
    assert restated["tolerance"] == 0.5  # the origin is an integer count: exact
    skipped = f[f["outcome"] == "skipped"].iloc[0]
    assert skipped["item"] == "Totaal / totaal: cases (group Totaal)"
    assert skipped["arithmetic"] == "no part rows to add up"
    assert restated["folder"] == "demo" and restated["source_file"] == "999_demo.txt"


def test_run_audit_is_deterministic(raw_root):
    _write_package(raw_root, GOOD, TEXT)
    a = audit.run_audit()
    b = audit.run_audit()
    pd.testing.assert_frame_equal(a, b)


def test_audit_summary_counts(raw_root):
    _write_package(raw_root, GOOD, TEXT)
    s = audit.audit_summary(audit.run_audit())
    row = s.loc["999_demo.txt"]
    # the grand-total row forms its own group 'Totaal' without parts: skipped, and counted
    assert (row["fail"], row["pass"], row["info"], row["skipped"]) == (2, 3, 3, 1)
    assert row["checked"] == 5
    assert s.loc["all", "fail"] == 2


@pytest.mark.parametrize(("structure", "message"), [
    ({"totalz": []}, "structure: Additional properties are not allowed ('totalz' was unexpected)"),
    ({"totals": [{"label_column": "team_nl", "total_labels": ["Totaal"]}]},
     "structure.totals[0]: 'value_columns' is a required property"),
    ({"totals": [{"label_column": "team_nl", "total_labels": ["Totaal"],
                  "value_columns": ["nope"]}]},
     "structure.totals[0]: column 'nope' is not a field"),
    ({"percentages": [{"percent": "pct", "count": "cases",
                       "denominator": {"column": "cases", "where": {"team_nl": "A"}}}]},
     "matches 3 rows"),
    ({"ratios": "not a list"}, "structure.ratios: 'not a list' is not of type 'array'"),
    ({"column_totals": [{"parts": ["cases"], "total": True}]},
     "structure.column_totals[0].total: True is not valid"),
    ({"percentages": [{"percent": "pct", "count": "cases", "denominator": 10,
                       "derived": "both"}]},
     "structure.percentages[0].derived: 'both' is not one of"),
    ({"totals": [{"label_column": "team_nl", "total_labels": ["Totaal"],
                  "value_columns": ["cases"], "where": ["kind_nl"]}]},
     "structure.totals[0].where: ['kind_nl'] is not of type 'object'"),
    ({"restates": [{"value": "cases", "origin": {"table": "nope", "column": "x"}}]},
     "unknown table 'nope'"),
    ({"totals": [{"label_column": "team_nl", "total_labels": ["Totaal"],
                  "value_columns": ["cases"], "part_labels": ["Z"]}]}, "part_labels ['Z']"),
])
def test_malformed_structure_names_file_and_resource(raw_root, structure, message):
    pkg = _write_package(raw_root, structure)
    with pytest.raises(audit.AuditStructureError) as exc:
        audit.run_audit()
    text = str(exc.value)
    assert str(pkg) in text
    assert "resource 'demo_main'" in text
    assert message in text


def test_no_structure_no_findings(raw_root):
    _write_package(raw_root, {})
    f = audit.run_audit()
    assert len(f) == 0 and list(f.columns) == audit.FINDING_COLUMNS
    assert f.attrs["unchecked_tables"] == ["demo_main", "demo_text"]
    assert f.attrs["tables_without_structure"] == ["demo_main", "demo_text"]


def test_unchecked_tables_are_listed(raw_root):
    _write_package(raw_root, GOOD)
    f = audit.run_audit()
    assert f.attrs["unchecked_tables"] == ["demo_text"]
    from analysis import ledger
    from analysis.report.audit_page import render_audit_page

    html = render_audit_page(f, ledger.build(_no_rows()))
    # named by its title for the reader; the table's name stays in the markup as provenance
    assert "not checked\n(1)</summary>" in html
    assert '<li data-table="demo_text">' in html


# --- results rows, group means, text restatements, the audit page ------------------------------


def test_to_results_statuses(raw_root):
    from analysis.results import Results

    _write_package(raw_root, GOOD, TEXT)
    f = audit.run_audit()
    res = Results(study="audit")
    audit.to_results(f, res)
    frame = res.frame().set_index("id")
    status = frame.loc[f["id"], "status"].tolist()
    expected = {"pass": "reproduced", "fail": "mismatch", "info": "extension",
                "skipped": "not_reproducible"}
    assert status == [expected[o] for o in f["outcome"]]
    grand = frame[frame["published"] == 13].iloc[-1]
    assert grand["status"] == "mismatch" and "3 + 9 = 12" in grand["note"]


def test_group_row_means():
    parts = pd.DataFrame({"m": [34143.0, 40520.0, 74563.0], "w": [394, 107, 147]})
    out = audit.group_row_means(parts, pd.Series({"m": 49742.0}), ["m"], "w").iloc[0]
    assert out["unweighted"] == pytest.approx(49742.0)
    assert out["weighted"] == pytest.approx(28748743 / 648)
    assert out["printed"] == 49742.0 and out["parts"] == 3


def test_restated_in_text_marks_key_figures(raw_root):
    pkg = _write_package(raw_root, {"totals": GOOD["totals"][:1] + [
        {"label_column": "team_nl", "total_labels": ["Totaal"],
         "where": {"kind_nl": ["totaal", "subtotaal"]}, "value_columns": ["cases"]}]})
    folder = pkg.parent
    pd.DataFrame({"key": ["grand", "small"], "value": [13, 3], "unit": ["", ""],
                  "decimals": [0, 0], "line": [30, 31]}).to_csv(folder / "tv.csv", index=False)
    desc = json.loads(pkg.read_text())
    desc["resources"].append({
        "name": "demo_text_values", "path": "tv.csv",
        "sources": [{"title": "999_demo.txt", "path": "text, lines 30-31"}],
        "schema": {"fields": [_field("key", "string"), _field("value", "number"),
                              _field("unit", "string"), _field("decimals"), _field("line")]}})
    pkg.write_text(json.dumps(desc))
    rawdata.catalog.cache_clear()
    # units must agree: the table's 'cases' field has no unit, so nothing matches yet
    f = audit.run_audit()
    assert (f["restated_in_text"] == "").all()
    # give both a unit: the grand total 13 is repeated in the text, the small 3 is not attributed
    for r in desc["resources"]:
        if r["name"] == "demo_main":
            r["schema"]["fields"][2]["unit"] = "cases"
    pkg.write_text(json.dumps(desc))
    pd.DataFrame({"key": ["grand", "small"], "value": [13, 3], "unit": ["cases", "cases"],
                  "decimals": [0, 0], "line": [30, 31]}).to_csv(folder / "tv.csv", index=False)
    rawdata.catalog.cache_clear()
    f = audit.run_audit().set_index("lines")
    assert f.loc["12,15,16", "restated_in_text"] == "grand (line 30)"
    assert f.loc["12,15,16", "key_figure"]
    assert f.loc["12,15,16", "consequence"] == pytest.approx(3 / 13)
    assert f.loc["10-12", "restated_in_text"] == ""  # 3 < 10: too common to attribute


def _no_rows() -> pd.DataFrame:
    from analysis.results import Results

    return Results(study="audit").frame().assign(run="consistency_audit")


def test_audit_page_escapes_and_orders(raw_root, tmp_path):
    from analysis import ledger
    from analysis.report.audit_page import render_audit_page
    from analysis.results import Results

    structure = {"totals": [
        {"label_column": "kind_nl", "total_labels": ["totaal", "subtotaal"],
         "group_by": ["team_nl"], "value_columns": ["cases"]},
        {"label_column": "team_nl", "total_labels": ["Totaal"],
         "where": {"kind_nl": ["totaal", "subtotaal"]}, "value_columns": ["cases"],
         "reading": "<script>alert(1)</script> overstated"}]}
    _write_package(raw_root, structure, TEXT)
    f = audit.run_audit()
    res = Results(study="audit")
    audit.to_results(f, res)
    led = ledger.build(res.frame().assign(run="consistency_audit"), f)
    html = render_audit_page(f, led)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; overstated" in html
    # most consequential first: the grand total (1/13 = 7.7%) before 414.7 vs 413 (0.4%)
    per_doc = html[html.index('<section id="999_demo_txt">'):]  # after the ledger's table
    assert per_doc.index("overstated") < per_doc.index("derived = share × n")
    assert "999_demo.txt" in html
    # the failed grand total carries its ledger key and severity with the rule that decided it
    assert "ledger key <code>999_demo.txt:16:demo_main[Totaal].cases</code>" in html
    assert '<div class="arith" title="rule: one_printed_unit">Severity rounding:' in html


def test_percent_groups_row_wise_with_n_column(raw_root):
    # each row is one group: its n and several percentages of that n (as in a cross-table)
    folder = raw_root / "demo"
    folder.mkdir()
    pd.DataFrame({"theme_nl": ["a", "b"], "n": [173, 16], "p1": [69.9, 81.3],
                  "p2": [21.4, 6.3], "p3": [4.6, 12.4], "line": [1, 2]}).to_csv(
        folder / "x.csv", index=False)
    fields = [_field("theme_nl", "string"), _field("n"),
              *[_field(c, "number", decimals=1) for c in ("p1", "p2", "p3")], _field("line")]
    (folder / "datapackage.json").write_text(json.dumps({"name": "demo", "resources": [{
        "name": "demo_x", "path": "x.csv", "sources": [{"title": "999_demo.txt", "path": "T"}],
        "schema": {"fields": fields},
        "structure": {"percent_groups": [{"percent": ["p1", "p2", "p3"], "group_by": ["theme_nl"],
                                          "n": "n"}]}}]}))
    f = audit.run_audit().set_index("lines")
    # a: 121/173 = 69.94, 37/173 = 21.39, 8/173 = 4.62 → all attainable with 173
    assert f.loc["1", "outcome"] == "pass" and f.loc["1", "computed"] == 173
    # b: 13/16 = 81.25 → 81.3, 1/16 = 6.25 → 6.3, but 12.4% of 16 is impossible (2/16 = 12.5)
    assert f.loc["2", "outcome"] == "fail" and f.loc["2", "published"] == 16


def test_restates_a_sum_of_parts(raw_root):
    # '8%' restating 2.7 + 2.3 + 2.1 = 7.1 (each to 1 decimal): tolerance 0.5 + 3 × 0.05 = 0.65
    folder = raw_root / "demo"
    folder.mkdir()
    pd.DataFrame({"key": ["a", "b", "c", "d", "text8", "text7"],
                  "value": [2.7, 2.3, 2.1, 0.4, 8, 7], "decimals": [1, 1, 1, 1, 0, 0],
                  "line": [1, 2, 3, 4, 5, 6]}).to_csv(folder / "t.csv", index=False)
    ref = [{"column": "value", "where": {"key": k}} for k in ("a", "b", "c")]
    (folder / "datapackage.json").write_text(json.dumps({"name": "demo", "resources": [{
        "name": "demo_t", "path": "t.csv", "sources": [{"title": "999_demo.txt", "path": "T"}],
        "schema": {"fields": [_field("key", "string"), _field("value", "number"),
                              _field("decimals"), _field("line")]},
        "structure": {"restates": [
            {"value": {"column": "value", "where": {"key": "text8"}}, "origin": ref},
            {"value": {"column": "value", "where": {"key": "text7"}}, "origin": ref},
            {"value": {"column": "value", "where": {"key": "text8"}},
             "origin": [*ref, {"column": "value", "where": {"key": "d"}}]}]}}]}))
    f = audit.run_audit()
    assert f["outcome"].tolist() == ["fail", "pass", "pass"]
    assert f["computed"].tolist() == pytest.approx([7.1, 7.1, 7.5])
    assert f["tolerance"].tolist() == pytest.approx([0.65, 0.65, 0.7])
    assert "2.7 + 2.3 + 2.1 = 7.1" in f["arithmetic"].iloc[0]


# --- second methods: brute force and properties ------------------------------------------------

def _brute_sizes(percents, decimals, n_max):
    """Oracle: enumerate every k in 0..n exactly (fractions), no rounding shortcuts."""
    half = Fraction(1, 2) / 10**decimals
    out = []
    for n in range(1, n_max + 1):
        if all(any(abs(Fraction(100 * k, n) - Fraction(str(p))) <= half for k in range(n + 1))
               for p in percents):
            out.append(n)
    return out


@pytest.mark.parametrize(("percents", "decimals"), [
    ([16, 5, 20, 29, 31], 0), ([58.2, 25.9, 8.3], 1), ([12.5], 1), ([0, 100], 0), ([66.7], 1),
])
def test_attainable_group_sizes_match_brute_force(percents, decimals):
    assert audit.attainable_group_sizes(percents, decimals, 1, 120).tolist() == _brute_sizes(
        percents, decimals, 120)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 400), st.lists(st.integers(0, 400), min_size=1, max_size=5),
       st.integers(0, 2))
def test_true_group_size_is_always_found(n, ks, decimals):
    pcts = [round(100 * min(k, n) / n, decimals) for k in ks]
    assert n in audit.attainable_group_sizes(pcts, decimals, 1, 400)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10), min_size=1, max_size=60), st.integers(1, 3))
def test_grim_accepts_every_real_mean(values, decimals):
    mean = round(sum(values) / len(values), decimals)
    assert audit.grim(mean, len(values), decimals)[0]


def test_same_population_across_tables_of_one_source(raw_root):
    # text_total (3, line 23) and team A's total in Tabel 1 (3, line 12) count the same cases;
    # the text's n (638) is no count of Tabel 1's grand total (13): one pass, one fail
    same = {"same_population": [
        {"value": {"column": "value", "where": {"key": "text_total"}},
         "same_as": [{"table": "demo_main", "column": "cases",
                      "where": {"team_nl": "A", "kind_nl": "totaal"}}]},
        {"value": {"column": "value", "where": {"key": "n"}},
         "same_as": [{"table": "demo_main", "column": "cases",
                      "where": {"team_nl": "Totaal"}}]}]}
    _write_package(raw_root, GOOD, same)
    f = audit.run_audit()
    f = f[f["check"] == "same_population"].reset_index(drop=True)
    assert f["outcome"].tolist() == ["pass", "fail"]
    assert f.loc[1, "published"] == 638 and f.loc[1, "computed"] == 13
    assert f["published_line"].tolist() == [23, 20]
    assert "(demo_text) = " in f.loc[0, "item"] and "(demo_main)" in f.loc[0, "item"]


def test_same_population_must_stay_in_one_source_document(raw_root):
    pkg = _write_package(raw_root, GOOD)
    desc = json.loads(pkg.read_text())
    desc["resources"][1]["sources"] = [{"title": "998_other.txt", "path": "text, lines 20-23"}]
    desc["resources"][1]["structure"] = {"same_population": [
        {"value": {"column": "value", "where": {"key": "text_total"}},
         "same_as": [{"table": "demo_main", "column": "cases",
                      "where": {"team_nl": "A", "kind_nl": "totaal"}}]}]}
    pkg.write_text(json.dumps(desc))
    rawdata.catalog.cache_clear()
    with pytest.raises(audit.AuditStructureError, match="is from 999_demo.txt, not 998_other.txt"):
        audit.run_audit()


def test_same_population_finding_names_the_printed_cell(raw_root):
    same = {"same_population": [
        {"value": {"column": "value", "where": {"key": "text_total"}},
         "same_as": [{"table": "demo_main", "column": "cases",
                      "where": {"team_nl": "A", "kind_nl": "totaal"}}]}]}
    _write_package(raw_root, GOOD, same)
    f = audit.run_audit()
    f = f[f["check"] == "same_population"].iloc[0]
    # the judged number is the text's 3 (line 23), named by its text-value id
    assert f["published_label"] == "demo_text[text_total].value"
    assert f["decomposition"] == ""


def test_one_total_with_two_declared_decompositions_is_two_claims(raw_root):
    from analysis import ledger
    from analysis.results import Results

    # the grand total 13 (line 16) = the sum of the teams' totals, and = the parts x + y of
    # every team (rows 'x' and 'y' only): two declared decompositions of one printed total
    by_team = {"label_column": "team_nl", "total_labels": ["Totaal"],
               "where": {"kind_nl": ["totaal", "subtotaal"]}, "value_columns": ["cases"]}
    by_kind = {"label_column": "kind_nl", "total_labels": ["totaal"],
               "where": {"kind_nl": ["x", "y", "totaal"], "team_nl": ["A", "B", "Totaal"]},
               "part_labels": ["x", "y"], "value_columns": ["cases"]}
    _write_package(raw_root, {"totals": [by_team, by_kind]})
    f = audit.run_audit()
    grand = f[f["published_label"] == "demo_main[Totaal].cases"]
    assert sorted(grand["decomposition"]) == ["demo_main.kind_nl (x+y)", "demo_main.team_nl"]
    res = Results(study="audit")
    audit.to_results(f, res)
    ch = ledger.checks(res.frame().assign(run="consistency_audit"), f)
    assert ledger.duplicate_checks(ch).empty
    # the same decomposition declared twice is a double check of the same claim
    _write_package(raw_root, {"totals": [by_team, by_team]})
    rawdata.catalog.cache_clear()
    f = audit.run_audit()
    res = Results(study="audit")
    audit.to_results(f, res)
    dup = ledger.duplicate_checks(ledger.checks(res.frame().assign(run="consistency_audit"), f))
    assert dup["key"].tolist() == ["999_demo.txt:16:demo_main[Totaal].cases"]
    assert dup["claim"].tolist() == ["totals by demo_main.team_nl"]


def test_percent_groups_where_with_a_referenced_n(raw_root):
    """One entry per row (``where``), its N a reference to the one transcription of that N in
    another table (issue 14: a number printed once is transcribed and keyed once)."""
    _write_package(raw_root, {}, {
        "percent_groups": [
            # 65% of the printed 638 (same table): attainable, 415 / 638 = 65.05%
            {"percent": "value", "where": {"key": "share"},
             "n": {"column": "value", "where": {"key": "n"}}, "decimals": 0},
            # the text's '3' read as 3% of team A's 3 cases: no count gives it; the N is the main
            # table's printed cell
            {"percent": "value", "where": {"key": "text_total"},
             "n": {"table": "demo_main", "column": "cases",
                   "where": {"team_nl": "A", "kind_nl": "totaal"}}, "decimals": 0},
        ]})
    f = audit.run_audit()
    g = f[f["check"] == "percent_groups"]
    assert len(g) == 2  # each entry sees only its own row
    ref = g[g["published_label"].str.startswith("demo_main[")]
    assert len(ref) == 1 and ref["published"].iloc[0] == 3 and ref["outcome"].iloc[0] == "fail"
    assert ref["published_line"].iloc[0] == 12  # the referenced cell's line, not the text's
    own = g[g["published_label"] == "demo_text[n].value"]
    assert own["published"].iloc[0] == 638 and own["outcome"].iloc[0] == "pass"
    with pytest.raises(audit.AuditStructureError, match=r"percent_groups\[0\].where"):
        _write_package(raw_root, {}, {"percent_groups": [
            {"percent": "value", "where": ["key"], "n": None}]})
        rawdata.catalog.cache_clear()
        audit.run_audit()


def test_findings_for_gives_the_cell_of_each_finding(raw_root, monkeypatch):
    _write_package(raw_root, GOOD, TEXT)
    from analysis.audit import findings as fmod

    monkeypatch.setattr(fmod, "run_audit", audit.run_audit)
    f = audit.findings_for("demo_text")
    assert set(f["table"]) == {"demo_text"}
    assert {"check", "published", "computed", "published_label"} <= set(f.columns)
    r = f[f["check"] == "restates"].iloc[0]
    assert (r["published"], r["computed"]) == (3, 3)
    assert r["published_label"] == "demo_text[text_total].value"


def _write_pooled_package(root, structure, other_source="999_demo.txt", target=4.9):
    """Categories (one table) and a target row pooling three of them (a table of its own)."""
    folder = root / "pool"
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"cat_nl": ["a", "b", "c", "d"], "households": [100, 30, 10, 5],
                  "per_household": [1.9, 3.6, 4.8, 6.2], "line": [30, 31, 32, 33]}
                 ).to_csv(folder / "cats.csv", index=False)
    pd.DataFrame({"cat_nl": ["target"], "households": [45], "per_household": [target],
                  "line": [34]}).to_csv(folder / "target.csv", index=False)
    fields = [_field("cat_nl", "string"), _field("households"),
              _field("per_household", "number", decimals=1), _field("line")]
    res = [{"name": "pool_cats", "path": "cats.csv", "title": "Categories",
            "sources": [{"title": other_source, "path": "Tabel 6, lines 30-33"}],
            "schema": {"fields": fields}},
           {"name": "pool_target", "path": "target.csv", "title": "Target row",
            "sources": [{"title": "999_demo.txt", "path": "Tabel 6, line 34"}],
            "schema": {"fields": fields}, "structure": structure}]
    (folder / "datapackage.json").write_text(json.dumps({"name": "pool", "resources": res}))


POOLED_ELSEWHERE = {"pooled_means": [
    {"label_column": "cat_nl", "total_labels": ["target"], "mean": "per_household",
     "weight": "households", "parts_table": "pool_cats", "part_labels": ["b", "c", "d"]}]}


def test_pooled_mean_with_its_parts_in_another_table(raw_root):
    # the target row (4.9, line 34) pools categories b-d of the other table:
    # (30 × 3.6 + 10 × 4.8 + 5 × 6.2) / 45 = 187 / 45 = 4.16, not 4.9
    _write_pooled_package(raw_root, POOLED_ELSEWHERE)
    f = audit.run_audit()
    f = f[f["check"] == "pooled_means"].reset_index(drop=True)
    assert len(f) == 1 and f.loc[0, "outcome"] == "fail"
    assert f.loc[0, "computed"] == pytest.approx(187 / 45)
    assert f.loc[0, "published_label"] == "pool_target[target].per_household"
    assert f.loc[0, "published_line"] == 34
    assert f.loc[0, "decomposition"] == "pool_target.cat_nl (pool_cats: b+c+d)"
    # a target row printing the pooled mean to its one decimal passes
    _write_pooled_package(raw_root, POOLED_ELSEWHERE, target=4.2)
    rawdata.catalog.cache_clear()
    f = audit.run_audit()
    assert f.loc[f["check"] == "pooled_means", "outcome"].tolist() == ["pass"]


@pytest.mark.parametrize("change, message", [
    ({"part_labels": ["b", "z"]}, r"part_labels \['z'\] not found in 'pool_cats'"),
    ({"part_labels": None}, "parts_table needs part_labels"),
    ({"parts_table": "nowhere"}, "unknown table 'nowhere'"),
])
def test_pooled_mean_parts_table_errors_name_the_entry(raw_root, change, message):
    spec = {**POOLED_ELSEWHERE["pooled_means"][0], **change}
    spec = {k: v for k, v in spec.items() if v is not None}
    _write_pooled_package(raw_root, {"pooled_means": [spec]})
    with pytest.raises(audit.AuditStructureError, match=message):
        audit.run_audit()


def test_pooled_mean_parts_table_must_be_of_the_same_source(raw_root):
    _write_pooled_package(raw_root, POOLED_ELSEWHERE, other_source="998_other.txt")
    with pytest.raises(audit.AuditStructureError, match="is from 998_other.txt, not 999_demo.txt"):
        audit.run_audit()


def test_a_run_restricted_to_tables_gives_the_whole_runs_findings_and_ids_for_them():
    """findings_for runs only the named tables' checks; ids are numbered within a table, so the
    findings (ids, verdicts, key figures) are those of the whole run."""
    from analysis.audit.findings import run_audit

    full = run_audit()
    for tables in (["grc_costs_by_category", "grc_net_saving"], ["ut_news_text_values"],
                   ["pohr_help_questions"], ["nw_blauwe_zorg"]):
        part = run_audit(tables=tables)
        expected = full[full["table"].isin(tables)].reset_index(drop=True)
        assert len(expected) > 0
        pd.testing.assert_frame_equal(part, expected)
    assert run_audit(tables=["pohr_help_questions"]).attrs["tables_without_structure"] == []


def test_how_a_number_was_printed_in_words():
    from analysis.audit.record import to_decimals

    assert [to_decimals(d) for d in (0, 1, 2, -1, -3)] == [
        "to 0 decimals", "to 1 decimal", "to 2 decimals", "to the nearest 10",
        "to the nearest 1,000"]
