"""The ledger of findings of the cold build: one row per printed number, no printed number
compared twice by the same kind of check, and the index and the audit page agree."""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from analysis import audit, ledger, printed, results
from analysis.pipeline import config as pipeline_config

# Keys are source file:line:label (analysis.printed), so two cells of one line printing the same
# value are two numbers, and one total checked against two declared decompositions (Tabel 8 by team
# and by referral type; 13 ambassadors = women + men = the neighbourhoods) or one N with several
# declared sets of percentages is one check per decomposition
# (analysis.audit.structure.decomposition). No printed number is compared twice by the same kind of
# check, and none is transcribed twice (the former ratchet lists are empty: issue 14).
T = "004_f014f4dd1ed6983f.txt"


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
    assert dup.empty, dup.to_string()


def double_transcriptions(checks: pd.DataFrame) -> pd.DataFrame:
    """Compared cells of different tables on one source line with the same value and unit."""
    parts = checks["key"].map(printed.split_key)
    df = checks[checks["basis"] == "published"].assign(
        file=parts.str[0], line=parts.str[1], table=parts.str[2].str.split("[").str[0])
    # an audit row may carry no unit: a missing unit must not drop the row from the groups
    # (it did, and hid the 80% of line 3844 transcribed in two tables)
    df["unit"] = df["unit"].fillna("").astype(str)
    g = df.groupby(["file", "line", "published", "unit"], dropna=False)
    out = g.agg(tables=("table", lambda t: ";".join(sorted(set(t)))),
                n=("table", "nunique"), keys=("key", lambda k: ";".join(sorted(set(k)))))
    out = out[out["n"] > 1].reset_index()
    out["number"] = [f"{r.file}:{r.line}:{r.published:.10g}" for r in out.itertuples()]
    return out


def test_no_printed_number_is_transcribed_twice(checks):
    dup = double_transcriptions(checks)
    assert dup.empty, dup[["number", "unit", "keys"]].to_string()


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
    """The index counts per study page (a row per card), the audit page per study: the totals
    for all studies are the same cells, read from the same ledger."""
    def counts(page: str) -> dict:
        soup = BeautifulSoup((full_build.root / "reports" / page).read_text(encoding="utf-8"),
                             "html.parser")
        owner = {el: el if el.has_attr("data-study") else el.find_parent(attrs={"data-study": True})
                 for el in soup.select("[data-col]")}
        return {(o["data-study"], el["data-col"]): el.get_text(strip=True)
                for el, o in owner.items() if o is not None}

    index, audit = counts("index.html"), counts("audit.html")
    totals = {c: v for (s, c), v in index.items() if s == "all studies"}
    assert {"printed numbers", "reproduced", "mismatch", "not_reproducible", "error",
            "inconsistency"} <= set(totals)
    assert {c: audit[("all studies", c)] for c in totals} == totals
    led = ledger.read(full_build.root / "reports" / "findings.csv")
    assert int(totals["printed numbers"]) == int((led["verdict"] != "synthetic").sum())


def test_every_evidence_n_names_a_results_row_of_the_build(rows):
    # config/evidence.yaml names the results row holding each pilot's n; a renamed row showed a
    # dash on the evidence page for three pilots without failing anything
    import yaml

    from analysis.report import evidence

    config = yaml.safe_load(evidence.CONFIG.read_text(encoding="utf-8"))
    named = {name: spec["n"]["result"] for name, spec in config.items() if spec.get("n")}
    missing = {name: rid for name, rid in named.items() if rid not in set(rows["id"])}
    assert missing == {}
    shown = {name: evidence.n_of(config[name]["n"], rows) for name in named}
    assert shown["poh_jeugd_business_case"] == "638 cases in 2019"
    assert shown["poh_jeugd_referrals"] == "2,513 clients seen 2016–2020"
    assert shown["prepost_questionnaires"] == "19 family members answering"
