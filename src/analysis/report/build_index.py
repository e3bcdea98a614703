"""Build ``reports/index.html`` and ``reports/results.csv`` from what the pipeline published.

``python -m analysis.report.build_index``. Files are rewritten only when their content changes,
so a no-op ``make reproduce`` leaves them untouched. Runs that failed are flagged on the page.

The scoreboard and the key discrepancies come from the ledger of findings, ``reports/findings.csv``
(written with ``reports/audit.html`` by the pipeline's ``ledger`` rule, :mod:`analysis.ledger`), so
the index and the audit page show the same counts; without a published ledger (e.g. a partial
build) it is computed here from the published results, in memory. The page is self-contained.
"""

from __future__ import annotations

import base64
import contextlib
import json
import platform
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import jinja2
import pandas as pd

from analysis import ledger, paths
from analysis import versions as versions_mod
from analysis.pipeline.config import evaluations
from analysis.report import discrepancies, numbers, scoreboard
from analysis.report.failures import failed_runs
from analysis.report.placeholder import is_placeholder
from analysis.versions import PACKAGES

TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "index.html.j2"


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless it already holds exactly that; True if written."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True


def git_commit() -> str:
    """The commit the reports were built from, flagged when tracked files had changes."""
    dirty = versions_mod.git("status", "--porcelain", "--untracked-files=no")
    return versions_mod.git_commit() + (" (with uncommitted changes)" if dirty else "")


def run_date() -> str:
    """When the most recent run was published (the newest results file), not 'now'.

    Read from file times rather than the executed notebooks, which are large to parse.
    """
    stamps = [p.stat().st_mtime for p in paths.RESULTS.glob("*.csv")]
    if not stamps:
        return "not run yet"
    return datetime.fromtimestamp(max(stamps), tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


def versions() -> list[str]:
    out = [f"Python {platform.python_version()}"]
    for pkg in PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            out.append(f"{pkg} {metadata.version(pkg)}")
    return out


def _png_data_uri(path: Path) -> str | None:
    """The PNG as a data URI; None when missing or the pipeline's "no figure" placeholder (a
    card shows no empty box)."""
    if not path.is_file():
        return None
    data = path.read_bytes()
    if is_placeholder(data):
        return None
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _card_counts(row: pd.Series | None) -> list[tuple[str, str, str]]:
    """(label, badge class, count) of a card: its printed numbers by verdict, then its
    extensions and synthetic numbers (from the page's row of the scoreboard)."""
    if row is None:
        return []
    items = [("printed numbers", "", "printed numbers"), ("reproduced", "reproduced", "reproduced"),
             ("mismatch", "mismatch", "mismatch"),
             ("not reproducible", "not_reproducible", "not_reproducible"),
             ("extensions", "extension", "extensions"),
             ("synthetic (not counted)", "synthetic", "synthetic (not counted)")]
    return [(label, cls, numbers.integer(int(row[col]))) for label, cls, col in items
            if col in row.index and (int(row[col]) or col in ("printed numbers", "reproduced"))]


def _published(run_id: str) -> bool:
    """Whether the run's executed notebook is published (the site renders its page from it)."""
    return (paths.REPORTS / "executed" / f"{run_id}.ipynb").is_file()


def page_context() -> dict:
    evs = evaluations()
    rows = scoreboard.gather(evs)
    failed = set(failed_runs())
    led = current_ledger() if len(rows) else None
    by_page = scoreboard.by_page(led, rows, evs) if led is not None else None
    titles = {r.id: ev.title for ev in evs for r in ev.runs}
    cards = []
    for ev in evs:
        primary = ev.runs[0]
        cards.append(
            {
                "ev": ev,
                "primary": primary,
                "counts": _card_counts(by_page.loc[primary.id] if by_page is not None
                                       and primary.id in by_page.index else None),
                "built": _published(primary.id),
                "page": paths.site_page(primary.id, primary=True),
                "failed": sorted(r.id for r in ev.runs if r.id in failed),
                "headline": _png_data_uri(paths.FIGURES / f"{primary.id}-headline.png"),
                "synthetic": bool(ev.synthetic_data),
                "other_runs": [
                    {
                        "id": r.id,
                        "parameters": parameters_text(r.parameters),
                        "built": _published(r.id),
                        "page": paths.site_page(r.id, primary=False),
                    }
                    for r in ev.runs[1:]
                ],
            }
        )
    items = [] if led is None else key_discrepancies(led, titles, rows)
    errors, groups = discrepancy_groups(items, [ev.runs[0].id for ev in evs])
    def href(page: str) -> str:
        return paths.site_page(page, primary=True) if _published(page) else ""

    table = scoreboard.board(by_page, titles, href)
    audit = (paths.REPORTS / "audit.html").is_file()
    bench_path = paths.REPORTS / "benchmarks.json"
    bench = json.loads(bench_path.read_text()) if bench_path.is_file() else None
    return {
        "cards": cards,
        **table,
        "key_discrepancies": items,
        "errors": errors,
        "discrepancy_groups": groups,
        "audit": audit,
        # the coverage page is built after the index, from the sources (only where they are)
        "coverage": paths.SEEDS.is_dir(),
        "benchmarks": bench,
        "commit": git_commit(),
        "run_date": run_date(),
        "versions": versions(),
        "parameter_sets": [(r.id, parameters_text(r.parameters)) for ev in evs for r in ev.runs],
        "failed": sorted(failed),
    }, rows


def parameters_text(parameters: dict) -> str:
    """A run's parameters for a reader: "name = value; …" (values as JSON writes them)."""
    return "; ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}"
                     for k, v in sorted(parameters.items())) or "defaults"


def build() -> None:
    ctx, rows = page_context()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE.parent),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    html = env.get_template(TEMPLATE.name).render(**ctx)
    write_if_changed(paths.REPORTS / "index.html", html)
    from analysis.userfiles import neutralise_formula  # no cell may run as a formula

    text = rows.select_dtypes(exclude="number").columns
    csv = rows.assign(**{c: rows[c].map(neutralise_formula) for c in text}).to_csv(
        index=False, float_format="%.10g", lineterminator="\n")
    write_if_changed(paths.REPORTS / "results.csv", csv)


def current_ledger() -> pd.DataFrame:
    """The published ledger (``reports/findings.csv``), or one built in memory from the
    published results when the pipeline has not written it."""
    path = paths.REPORTS / "findings.csv"
    if path.is_file():
        return ledger.read(path)
    return ledger.from_reports()[0]


def key_discrepancies(led: pd.DataFrame, titles: dict[str, str] | None = None,
                      rows: pd.DataFrame | None = None) -> list[dict]:
    """The errors and inconsistencies, one plain sentence each
    (:func:`analysis.report.discrepancies.describe`) with its arithmetic, a link to the section
    of the study page that shows it (named by its title) and one to its ledger row; the file,
    line and key go into the links' titles. ``rows`` (results rows with a ``run`` column) give
    the deciding check's reproduced value and tolerance."""
    titles = titles or {}
    checks = (rows.drop_duplicates(["run", "id"]).set_index(["run", "id"])
              if rows is not None and len(rows) else None)
    out = []
    for r in ledger.key_discrepancies(led).itertuples(index=False):
        page = str(getattr(r, "page", "") or r.run)
        reproduced = tolerance = None
        if checks is not None and (r.run, r.decided_by) in checks.index:
            c = checks.loc[(r.run, r.decided_by)]
            reproduced, tolerance = c["reproduced"], c["tolerance"]
        d = discrepancies.describe(r, reproduced, tolerance)
        out.append({
            "severity": r.severity, "study": r.study, "key": r.key, "page": page,
            "document": d.document, "where": d.where,
            "text": d.text.replace("€ ", "€\u00a0"),  # an amount never breaks after its sign
            "sentence": d.sentence, "arithmetic": d.arithmetic,
            "href": ledger.page_link(page),  # the study page's findings
            "where_title": titles.get(page) or ledger.page_title(page),
            "ledger_href": f"audit.html#{ledger.anchor(r.key)}",  # its row in the ledger
            "provenance": f"{r.source_file}, line {int(r.line)} · {r.key}",
            "ids": r.ids,
        })
    return out


def discrepancy_groups(items: list[dict], order: list[str] | None = None
                       ) -> tuple[list[dict], list[dict]]:
    """(the errors, the other key discrepancies grouped per study page, each group
    ``{"title", "href", "items"}``): groups in ``order`` (the pages' order on the index),
    items in ledger order."""
    first = [d for d in items if d["severity"] == "error"]
    groups: dict[str, dict] = {}
    for d in items:
        if d["severity"] != "error":
            groups.setdefault(d["page"], {"title": d["where_title"], "href": d["href"],
                                          "items": []})["items"].append(d)
    rank = {p: i for i, p in enumerate(order or [])}
    pages = sorted(groups, key=lambda p: rank.get(p, len(rank)))
    return first, [groups[p] for p in pages]


def main() -> None:
    build()
    print(f"index: {paths.REPORTS / 'index.html'}")


if __name__ == "__main__":
    main()
