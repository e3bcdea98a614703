"""Write ``reports/audit.html`` and the ledger of findings (``findings.csv``) the index reads.

``python -m analysis.report.audit_page OUT_DIR`` (the Snakemake rule ``ledger``, the page's one
writer) writes ``findings.csv``, ``findings.resource.json`` and ``audit.html`` into ``OUT_DIR``;
the pipeline publishes them into ``reports/`` on success. The page opens with the ledger's counts
(:func:`analysis.ledger.counts`, the same table the index shows) and takes its template from
``templates/audit.html.j2``. Findings come from :func:`analysis.audit.run_audit`. Per source
document the failed checks are listed most consequential first
(:func:`analysis.audit.consequence`: relative size of the discrepancy, × 3 when the number feeds
the report's conclusion), each with its ledger severity, the arithmetic, the source lines and a
one-line reading (the structure entry's ``reading`` when the transcriber wrote one, else one
built from the check). Passed, informational and skipped checks follow in a collapsed list, so
nothing checked is hidden. Text from the data is escaped (jinja2 autoescape).
"""

from __future__ import annotations

import math
import sys
from functools import cache
from pathlib import Path

import jinja2
import pandas as pd

from analysis import audit, ledger, paths
from analysis.report import discrepancies, numbers

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

MINOR = 0.005  # below half a percent relative discrepancy a slip cannot move a conclusion


#: the ledger's and the audit's column names in words (the cells keep the names as data-col)
COLUMN_WORDS = {"printed numbers": "Printed numbers", "mismatch": "Mismatch",
                "not_reproducible": "Not reproducible", "reproduced": "Reproduced",
                "error": "Error", "inconsistency": "Inconsistency", "denominator": "Denominator",
                "rounding": "Rounding", "wording": "Wording",
                "synthetic (not counted)": "Synthetic (not counted)", "checks": "Checks",
                "extensions": "Extensions", "fail": "Fail", "pass": "Pass",
                "info": "Informational", "skipped": "Could not run", "checked": "Checked",
                "all studies": "All studies", "all": "All documents"}


def _fmt(x: float | None) -> str:
    """A printed or computed value in the one number convention, with the decimals it has
    (up to four significant ones below 1,000; never scientific notation)."""
    if x is None or numbers.is_missing(x):
        return numbers.DASH
    x = float(x)
    if x.is_integer() or abs(x) >= 1000:
        return numbers.number(x, 0)
    digits = max(0, 3 - math.floor(math.log10(abs(x)))) if x else 0
    return numbers.number(x, digits).rstrip("0").rstrip(".") if digits else numbers.number(x, 0)


def default_reading(f: pd.Series) -> str:
    """One line on what a failed check means for the report's conclusion (built from the check)."""
    pub, comp, rel = f["published"], f["computed"], f["rel_difference"]
    size = "" if rel is None or pd.isna(rel) else numbers.share(rel, 1)
    direction = ("overstates" if pd.notna(comp) and pub > comp else "understates")
    if pd.notna(rel) and rel < MINOR and f["check"] not in ("percent_groups", "means"):
        return (f"A slip of {size} ({_fmt(pub)} printed, {_fmt(comp)} computed): too small to "
                "change any conclusion, but the table is not internally exact.")
    check = f["check"]
    if check in ("totals", "column_totals"):
        return (f"The printed total {direction} the sum of its own parts by {size}; any statement "
                "built on this total inherits that error.")
    if check == "percentages":
        return (f"The printed figure does not follow from its count and denominator (off by "
                f"{size}); the share or count quoted in the report rests on different arithmetic "
                "than the table shows.")
    if check == "ratios":
        return (f"The printed value {direction} what its own numerator and denominator give by "
                f"{size}; a conclusion quoting it should use {_fmt(comp)}.")
    if check == "pooled_means":
        return (f"The group's mean {direction} the weighted mean of its parts by {size}; it was "
                "probably averaged without weighting by group size.")
    if check == "restates":
        return (f"The text {direction} the figure it restates by {size}; readers of the summary "
                "get a different number than the table supports.")
    if check == "percent_groups":
        return ("No group of the printed size yields all these rounded percentages at once; they "
                "were computed on a different base than the N the report gives.")
    if check == "means":
        return ("This mean is impossible for the printed number of integer values (GRIM); the "
                "mean, the n, or both are misprinted.")
    return f"Printed {_fmt(pub)}, computed {_fmt(comp)}."


@cache
def table_title(name: str) -> str:
    """A transcribed table named for a reader: its title (the data dictionary's) and its source
    document's title; the table's name stays in the page's markup as provenance."""
    from analysis import rawdata
    from analysis.report.sources import name_sources

    try:
        descriptor = rawdata.entry(name).descriptor
    except (KeyError, FileNotFoundError):
        return name
    source = (descriptor.get("sources") or [{}])[0].get("title", "")
    title = str(descriptor.get("title") or name)
    return f"{title} ({name_sources(source)})" if source else title


def environment() -> jinja2.Environment:
    """The templates of the reports (``src/analysis/templates``), autoescaped."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def _documents(findings: pd.DataFrame, led: pd.DataFrame) -> list[dict]:
    by_key = led.set_index("key") if len(led) else pd.DataFrame()
    if "key" not in findings.columns:  # the ledger's inputs carry it (analysis.ledger_inputs)
        findings = findings.assign(key=ledger.finding_keys(findings))
    docs = []
    for source_file, g in findings.groupby("source_file", sort=True):
        fails = g[g["outcome"] == "fail"].sort_values(["consequence", "id"],
                                                      ascending=[False, True], kind="stable")
        others = g[g["outcome"] != "fail"].sort_values(["outcome", "table", "id"], kind="stable")
        items = []
        for _, f in fails.iterrows():
            rel = f["rel_difference"]
            entry = by_key.loc[f["key"]] if f["key"] in by_key.index else None
            page = "" if entry is None else str(entry["page"])
            items.append({
                "page_href": ledger.page_link(page) if page else "",
                "page": ledger.page_title(page) if page else "",
                "ledger_anchor": "" if entry is None else ledger.anchor(f["key"]),
                "id": f["id"], "check": f["check"], "table_title": f["table_title"],
                "item": f["item"], "reading": f["reading"] or default_reading(f),
                "published": _fmt(f["published"]), "computed": _fmt(f["computed"]),
                "rel": "" if pd.isna(rel) else numbers.share(rel, 2),
                "arithmetic": numbers.in_text(f["arithmetic"]),
                "source": f["source"], "consequence": f"{f['consequence']:.4f}",
                "restated": f["restated_in_text"], "key": f["key"],
                "severity": "" if entry is None else entry["severity"],
                "rule": "" if entry is None else entry["rule"],
                "severity_reason": "" if entry is None else entry["reason"],
                "minor": bool(pd.notna(rel) and rel < MINOR),
            })
        docs.append({
            "source_file": source_file, "anchor": audit.slug(str(source_file)),
            "title": ledger.source_titles().get(str(source_file), str(source_file)),
            "n_fail": len(fails), "n_checked": int(g["outcome"].isin(["pass", "fail"]).sum()),
            "tables": [(table_title(t), t) for t in sorted(g["table"].unique())],
            "failures": items,
            "others": others.assign(table_title=[table_title(t) for t in others["table"]])
            .to_dict("records"),
        })
    return docs


def _ledger_groups(led: pd.DataFrame) -> list[dict]:
    """The ledger's discrepancies (counted mismatches) per study page, pages in the index's
    order and most severe first within each; a page's group carries the anchor
    ``study-<run>`` its study page links to (:func:`analysis.report.site.audit_link`)."""
    from analysis.pipeline.config import evaluations

    order = {ev.runs[0].id: i for i, ev in enumerate(evaluations())}
    rows = _ledger_rows(led)
    pages = sorted({r["page_run"] for r in rows},
                   key=lambda run: (order.get(run, len(order)), run))
    return [{"anchor": f"study-{run}", "title": ledger.page_title(run),
             "rows": [r for r in rows if r["page_run"] == run]} for run in pages]


def _ledger_rows(led: pd.DataFrame) -> list[dict]:
    """The ledger's discrepancies (counted mismatches), each with its anchor and links."""
    rows = []
    mism = led[led["verdict"] == "mismatch"]
    if len(mism):
        mism = discrepancies.in_words(mism)
    for r in mism.itertuples(index=False):
        rows.append({"anchor": ledger.anchor(r.key), "key": r.key, "study": r.study,
                     "name": r.name, "printed_text": r.printed_text,
                     "source": r.source, "printed": _fmt(float(r.printed)),
                     "unit": "" if numbers.is_missing(r.unit) else r.unit,
                     "quantity": r.quantity, "severity": r.severity, "rule": r.rule,
                     "reason": r.reason, "arithmetic": numbers.in_text(r.arithmetic),
                     "ids": str(r.ids).split(";"), "decided_by": r.decided_by,
                     "audit": str(r.decided_kind) != "recomputation",
                     "run": r.run, "page_run": str(r.page),
                     "page": ledger.page_title(str(r.page)),
                     "page_href": ledger.page_link(str(r.page))})
    return rows


def render_audit_page(findings: pd.DataFrame, led: pd.DataFrame,
                      rows: pd.DataFrame | None = None, audit_results: bool = True) -> str:
    """The audit page's HTML for ``findings`` (see :func:`analysis.audit.run_audit`) and the
    ledger ``led`` (:func:`analysis.ledger.build`); ``rows`` (the results rows) adds the counts
    of checks and extensions to the ledger's table, as on the index; ``audit_results``: the audit
    notebook's results file is published beside the page (its rows are linked)."""
    missing = [c for c in audit.FINDING_COLUMNS if c not in findings.columns]
    if missing:
        raise ValueError(f"findings lack columns {missing}")
    summary = audit.audit_summary(findings) if len(findings) else pd.DataFrame(
        columns=[*audit.OUTCOMES, "checked"])
    from analysis.pipeline.config import evaluations
    from analysis.report import scoreboard

    evs = evaluations()
    titles = {r.id: ev.title for ev in evs for r in ev.runs}
    def href(run: str) -> str:
        return paths.site_page(run, primary=True) if run in titles else ""

    board = scoreboard.board(scoreboard.by_page(led, rows, evs), titles, href)
    return environment().get_template("audit.html.j2").render(
        **board, words=COLUMN_WORDS,
        summary_columns=list(summary.columns),
        summary=[(str(i), [int(v) for v in row]) for i, row in summary.iterrows()],
        documents=_documents(findings, led),
        ledger_groups=_ledger_groups(led),
        unchecked=[(table_title(t), t) for t in findings.attrs.get("unchecked_tables", [])],
        # only the audit's findings have an anchor on this page (a results row id may not)
        finding_ids=set(findings["id"].astype(str)) if "id" in findings.columns else set(),
        audit_results=audit_results,
    )


def build(out_dir: Path, inputs_file: Path | None = None) -> None:
    """Write ``findings.csv``, ``findings.resource.json`` and ``audit.html`` into ``out_dir``
    from the published results of every primary run and the audit's findings with what else the
    ledger takes from ``data/raw``: read from ``inputs_file``
    (``python -m analysis.ledger_inputs`` wrote it), else computed here."""
    from analysis import ledger_inputs
    from analysis.report.build_index import write_if_changed

    inputs = (ledger_inputs.compute() if inputs_file is None
              else ledger_inputs.read(inputs_file))
    findings = inputs.findings.assign(key=inputs.finding_keys)
    led, rows = ledger.from_reports(inputs)
    ledger.write(led, out_dir)
    published = (Path(out_dir) / "results" / "consistency_audit.csv").is_file()
    write_if_changed(Path(out_dir) / "audit.html",
                     render_audit_page(findings, led, rows, audit_results=published))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2):
        print("usage: python -m analysis.report.audit_page OUT_DIR [LEDGER_INPUTS_FILE]",
              file=sys.stderr)
        return 2
    build(Path(args[0]), Path(args[1]) if len(args) == 2 else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
