"""Numbers stated in words against the printed numbers they restate (:mod:`analysis.audit.verbal`):
constructed cases, bad rows, and the real rows of ``data/raw/number_words``.

The real rows' expected ids, statuses and values are kept here (``EXPECTED``) rather than in
``tests/results/expected/consistency_audit.csv``: they join that file when the audit notebook's
expected results are regenerated (``make check-evaluation NAME=consistency_audit REGEN=1``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import audit, paths, rawdata, severity
from analysis.audit import verbal
from analysis.results import Results

FIELDS = [{"name": n, "type": t} for n, t in (
    ("key", "string"), ("statement_nl", "string"), ("phrase_nl", "string"), ("value", "number"),
    ("unit", "string"), ("decimals", "integer"), ("line", "integer"), ("restates", "string"),
    ("share", "number"))]


def entry(tmp: Path, name: str, folder: str, fields: list[dict]) -> rawdata.Entry:
    return rawdata.Entry(name, {"name": name, "path": f"{name}.csv", "title": name,
                                "sources": [{"title": "src.txt", "path": "p, lines 1-2"}],
                                "schema": {"fields": fields}},
                         tmp / folder / "datapackage.json")


@pytest.fixture
def case(tmp_path):
    """A source of two lines, a printed table (48.0% on line 2) and one restatement in words."""
    (tmp_path / "src.txt").write_text("De helft van de kinderen.\nTabel: 48,0% en 50,2%\n",
                                      encoding="utf-8")
    origin = pd.DataFrame({"key": ["a", "b"], "share": [48.0, 50.2], "decimals": [1, 1],
                           "line": [2, 2]})
    words = pd.DataFrame({"key": ["half"], "statement_nl": ["De helft van de kinderen"],
                          "phrase_nl": ["De helft"], "value": [50.0], "unit": ["percent"],
                          "decimals": [0], "line": [1], "restates": ["src.txt:2:tab[a].share"]})
    tables = {"tab": origin, "nw": words}
    catalog = {
        "tab": entry(tmp_path, "tab", "study", [FIELDS[0], FIELDS[8], FIELDS[5], FIELDS[6]]),
        "nw": entry(tmp_path, "nw", verbal.FOLDER, FIELDS[:8]),
    }
    return catalog, tables, tmp_path


def run(case):
    catalog, tables, seeds = case
    return verbal.findings(catalog, lambda n: tables[n].copy(), seeds)


def test_a_verbal_restatement_that_differs_fails_and_is_wording(case):
    f = run(case).iloc[0]
    assert (f["check"], f["published"], f["computed"], f["outcome"]) == (
        "restates", 50.0, 48.0, "fail")
    assert f["tolerance"] == pytest.approx(0.55)  # half a unit of each: 0.5 + 0.05
    assert f["published_line"] == 1 and f["published_label"] == "nw[half].value"
    s = severity.classify(severity.Check(published=50.0, reproduced=48.0, tolerance=0.55,
                                         kind="restates", statement="De helft van de kinderen"))
    assert (s.severity, s.rule) == ("wording", "verbal")


def test_a_verbal_restatement_that_equals_passes(case):
    case[1]["nw"].loc[0, "restates"] = "src.txt:2:tab[b].share"  # 50.2: 'de helft' holds
    f = run(case).iloc[0]
    assert (f["computed"], f["outcome"]) == (50.2, "pass")


def test_no_restates_key_is_a_transcription_only(case):
    case[1]["nw"].loc[0, "restates"] = pd.NA
    assert run(case).empty


@pytest.mark.parametrize(("column", "bad", "message"), [
    ("value", 48.0, "'De helft' states 50"),
    ("phrase_nl", "Twee derde", "is not a number in words on line 1"),
    ("unit", "children", "states a share (percent)"),
    ("statement_nl", "De helft van de ouders", "not verbatim on line 1"),
    ("restates", "src.txt:2:tab[c].share", "no such printed number"),
])
def test_bad_rows_name_file_row_and_column(case, column, bad, message):
    case[1]["nw"].loc[0, column] = bad
    with pytest.raises(verbal.VerbalRestatementError) as e:
        run(case)
    assert message in str(e.value)
    if column != "restates":
        assert "nw.csv, row 2 (key half), column" in str(e.value) and column in str(e.value)


def test_bounds_are_read_in_the_arithmetic():
    assert "47 ≥ 50 does not hold" in verbal.bound("Minimaal de helft", 50, 47)
    assert "holds" in verbal.bound("ruim een kwart", 25, 27.3)
    assert verbal.bound("de helft", 50, 47) == ""


# The audit's rows for data/raw/number_words: (id, status, reproduced).
EXPECTED = [
    ("audit__nw_blauwe_zorg__restates__ycnd_start_half_main__L424", "mismatch", 47),
    ("audit__nw_blauwe_zorg__restates__ycnd_start_half_summary__L3510", "mismatch", 47),
    ("audit__nw_blauwe_zorg__restates__ycnd_start_at_least_half__L3935", "mismatch", 47),
    ("audit__nw_blauwe_zorg__restates__pg_ambassadors_b2__L1193", "reproduced", 15),
    ("audit__nw_blauwe_zorg__restates__pg_ambassador_organisations_b2__L1374", "reproduced", 10),
    ("audit__nw_blauwe_zorg__restates__pg_ambassadors_conclusions__L1374", "reproduced", 15),
    ("audit__nw_blauwe_zorg__restates__pg_interventions_results__L941", "reproduced", 6),
    ("audit__nw_blauwe_zorg__restates__ycnd_nurses_interviewed__L3759", "reproduced", 3),
    ("audit__nw_blauwe_zorg__restates__ycnd_nurses_intake__L3811", "reproduced", 3),
    ("audit__nw_blauwe_zorg__restates__dot_tool_two_attempts__L3327", "reproduced", 2),
    ("audit__nw_blauwe_zorg__restates__grs_families_dropped_summary__L2071", "reproduced", 6),
    ("audit__nw_blauwe_zorg__restates__grs_related_families__L2189", "reproduced", 5),
    ("audit__nw_blauwe_zorg__restates__grs_mean_duration_years_main__L374", "reproduced", 1),
    ("audit__nw_blauwe_zorg__restates__grs_mean_duration_years_costs__L2472", "reproduced", 1),
    ("audit__nw_blauwe_zorg__restates__dot_tool_stopped_conclusions__L3333", "reproduced", 2),
    ("audit__nw_blauwe_zorg__restates__dot_tool_stopped_lessons__L3339", "reproduced", 2),
    ("audit__nw_blauwe_zorg__restates__bggz_mdo_years_main__L436", "reproduced", 3),
    ("audit__nw_blauwe_zorg__restates__bggz_peer_experts_started_summary__L4355", "reproduced", 3),
    ("audit__nw_blauwe_zorg__restates__bggz_peer_experts_started__L4702", "reproduced", 3),
    ("audit__nw_blauwe_zorg__restates__bggz_peer_expert_organisations__L4683", "reproduced", 4),
    ("audit__nw_utrecht__restates__variants_summary__L19", "reproduced", 3),
    ("audit__nw_utrecht__restates__variants_intro__L25", "reproduced", 3),
    ("audit__nw_utrecht_news__restates__practices_taking_part__L11", "reproduced", 6),
]


@pytest.mark.skipif(not paths.SEEDS.is_dir(), reason="source documents not found")
def test_the_real_restatements_in_words():
    f = audit.run_audit()
    f = f[f["folder"] == verbal.FOLDER]
    res = Results(study="audit")
    audit.to_results(f, res)
    got = [(r.id, r.status, r.reproduced) for r in res.rows]
    assert sorted(got) == sorted(EXPECTED)
    mism = [r for r in res.rows if r.status == "mismatch"]
    # 'de helft' starting the programme vs 103 of 221 = 47% (Bijlage 7, line 3813)
    assert all(r.published == 50 and "line 3813" in r.note for r in mism)
    # each row names its printed number: the phrase's own cell (file:line:nw_…[key].value)
    assert all(":nw_" in r.key and r.key.endswith("].value") for r in res.rows)
    assert len({r.key for r in res.rows}) == len(res.rows)
