"""Write ``reports/audit.html``: the consistency audit's findings per source document.

Findings come from :func:`analysis.audit.run_audit`. Per source document the failed checks are
listed most consequential first (:func:`analysis.audit.consequence`: relative size of the
discrepancy × 3 when the number feeds the report's conclusion, else × 1), each with the arithmetic,
the source lines and a one-line reading of what it means for the report's conclusion (the
structure entry's ``reading`` when the transcriber wrote one, else a reading built from the
check). Passed, informational and skipped checks follow in a collapsed list, so nothing checked
is hidden. Text from the data is escaped (jinja2 autoescape).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import jinja2
import pandas as pd

from analysis import audit
from analysis.pipeline.disk_cache import sha256 as file_sha256

_RESULTS_SHA = re.compile(r'<meta name="zorg-audit-results-sha256" content="([0-9a-f]{64})">')

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consistency audit of the published tables</title>
{% if results_sha256 %}<meta name="zorg-audit-results-sha256" content="{{ results_sha256 }}">
{% endif %}<style>
body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1a1a1a; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.92rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.finding { border-left: 4px solid #b22; padding: 0.4rem 0.8rem; margin: 0.8rem 0;
           background: #fdf5f5; }
.finding.minor { border-color: #d90; background: #fffaf0; }
.reading { font-weight: 600; }
.arith, .src { font-size: 0.88rem; color: #333; }
.src { color: #555; }
details { margin: 0.5rem 0 1.5rem; }
.badge { display: inline-block; padding: 0 0.4rem; border-radius: 0.3rem; font-size: 0.8rem;
         background: #eee; }
</style>
</head>
<body>
<h1>Consistency audit of the published tables</h1>
<p>Every transcribed table whose data dictionary declares its arithmetic (which rows are totals,
which columns are percentages of what, which means rest on which counts) was checked against
itself: totals against their parts, percentages against counts and denominators, the group sizes a
set of percentages allows, means of integer data (GRIM), means of groups against their parts,
ratios against their numerator and denominator, and numbers restated in the text against their
origin. A printed number passes when the value its own table gives rounds to it (half a unit of
its last printed digit; wider only where both numbers are rounded, as each finding says).</p>
<p><strong>Consequence</strong> = relative size of the discrepancy
(|computed − printed| / |printed|), tripled when the number feeds the report's conclusion.
Findings are listed most consequential first. These are findings about the published reports'
arithmetic, not about this repository's reproductions.</p>

<h2>Summary per source document</h2>
<table>
<thead><tr><th>source document</th>
{% for c in summary_columns %}<th class="num">{{ c }}</th>{% endfor %}</tr></thead>
<tbody>
{% for name, row in summary %}<tr><td>{{ name }}</td>
{% for v in row %}<td class="num">{{ v }}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>

<p>Tables without a declared structure, not checked ({{ unchecked|length }}):
{{ unchecked|join(", ") if unchecked else "none" }}.</p>

{% for doc in documents %}
<section id="{{ doc.anchor }}">
<h2>{{ doc.source_file }}</h2>
<p>{{ doc.n_fail }} finding(s) of {{ doc.n_checked }} checked numbers; tables: {{ doc.tables }}.</p>
{% for f in doc.failures %}
<div class="finding{% if f.minor %} minor{% endif %}" id="{{ f.id }}">
<div><span class="badge">{{ f.check }}</span> {{ f.table_title }} — {{ f.item }}</div>
<div class="reading">{{ f.reading }}</div>
<div class="arith">Printed {{ f.published }}; its own numbers give {{ f.computed }}
{%- if f.rel %} ({{ f.rel }} off){% endif %}. {{ f.arithmetic }}</div>
{% if f.restated %}<div class="src">Repeated in the report's text: {{ f.restated }}</div>
{% endif %}<div class="src">Source: {{ f.source }} · consequence {{ f.consequence }} ·
id <code>{{ f.id }}</code></div>
</div>
{% else %}
<p>No inconsistencies found.</p>
{% endfor %}
<details><summary>{{ doc.others|length }} other check(s): passed, informational or skipped
</summary>
<table>
<thead><tr><th>outcome</th><th>check</th><th>table</th><th>item</th><th>arithmetic</th>
<th>lines</th></tr></thead>
<tbody>
{% for f in doc.others %}<tr><td>{{ f.outcome }}</td><td>{{ f.check }}</td><td>{{ f.table }}</td>
<td>{{ f.item }}</td><td>{{ f.arithmetic }}</td><td>{{ f.lines }}</td></tr>
{% endfor %}</tbody>
</table>
</details>
</section>
{% endfor %}
</body>
</html>
"""

MINOR = 0.005  # below half a percent relative discrepancy a slip cannot move a conclusion


def _fmt(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:,.0f}" if float(x).is_integer() or abs(x) >= 1000 else f"{x:,.4g}"


def default_reading(f: pd.Series) -> str:
    """One line on what a failed check means for the report's conclusion (built from the check)."""
    pub, comp, rel = f["published"], f["computed"], f["rel_difference"]
    size = "" if rel is None or pd.isna(rel) else (f"{rel:.1%}" if rel >= 0.001 else
                                                    f"{100 * rel:.1g}%")
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


def _documents(findings: pd.DataFrame) -> list[dict]:
    docs = []
    for source_file, g in findings.groupby("source_file", sort=True):
        fails = g[g["outcome"] == "fail"].sort_values(["consequence", "id"],
                                                      ascending=[False, True], kind="stable")
        others = g[g["outcome"] != "fail"].sort_values(["outcome", "table", "id"], kind="stable")
        items = []
        for _, f in fails.iterrows():
            rel = f["rel_difference"]
            items.append({
                "id": f["id"], "check": f["check"], "table_title": f["table_title"],
                "item": f["item"], "reading": f["reading"] or default_reading(f),
                "published": _fmt(f["published"]), "computed": _fmt(f["computed"]),
                "rel": "" if pd.isna(rel) else f"{rel:.2%}", "arithmetic": f["arithmetic"],
                "source": f["source"], "consequence": f"{f['consequence']:.4f}",
                "restated": f["restated_in_text"],
                "minor": bool(pd.notna(rel) and rel < MINOR),
            })
        docs.append({
            "source_file": source_file, "anchor": audit.slug(str(source_file)),
            "n_fail": len(fails), "n_checked": int(g["outcome"].isin(["pass", "fail"]).sum()),
            "tables": ", ".join(sorted(g["table"].unique())),
            "failures": items, "others": others.to_dict("records"),
        })
    return docs


def render_audit_page(findings: pd.DataFrame, results_sha256: str = "") -> str:
    """The audit page's HTML for ``findings`` (see :func:`analysis.audit.run_audit`).

    ``results_sha256`` (the SHA-256 of the audit's results table from the same findings) is
    recorded in the page, so :func:`page_is_current` can tell whether the page still matches the
    published results without running the audit again.
    """
    missing = [c for c in audit.FINDING_COLUMNS if c not in findings.columns]
    if missing:
        raise ValueError(f"findings lack columns {missing}")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    summary = audit.audit_summary(findings) if len(findings) else pd.DataFrame(
        columns=[*audit.OUTCOMES, "checked"])
    return env.from_string(TEMPLATE).render(
        summary_columns=list(summary.columns),
        summary=[(str(i), [int(v) for v in row]) for i, row in summary.iterrows()],
        documents=_documents(findings),
        unchecked=list(findings.attrs.get("unchecked_tables", [])),
        results_sha256=results_sha256,
    )


def build_audit_page(findings: pd.DataFrame, out_path: Path,
                     results_csv: Path | str | None = None) -> None:
    """Write the audit page to ``out_path`` (only when its content changed).

    ``results_csv``: the results table written from the same ``findings``; its SHA-256 goes into
    the page (see :func:`page_is_current`).
    """
    out_path = Path(out_path)
    html = render_audit_page(findings, file_sha256(results_csv) if results_csv else "")
    if out_path.is_file() and out_path.read_text(encoding="utf-8") == html:
        return
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name("." + out_path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out_path)


def page_is_current(page: Path, results_csv: Path) -> bool:
    """True if ``page`` was built from the findings behind ``results_csv`` (by content, not by
    file times: publishing copies the results after the audit run wrote its page)."""
    if not (page.is_file() and results_csv.is_file()):
        return False
    found = _RESULTS_SHA.search(page.read_text(encoding="utf-8"))
    return bool(found) and found.group(1) == file_sha256(results_csv)
