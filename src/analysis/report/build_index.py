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

from analysis import ledger, paths, results
from analysis import versions as versions_mod
from analysis.pipeline.config import evaluations
from analysis.report import scoreboard
from analysis.report.failures import failed_runs
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
    if not path.is_file():
        return None
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def page_context() -> dict:
    evs = evaluations()
    rows = scoreboard.gather(evs)
    failed = set(failed_runs())
    cards = []
    for ev in evs:
        primary = ev.runs[0]
        run_rows = rows[rows["run"] == primary.id]
        counts = {s: int((run_rows["status"] == s).sum()) for s in results.STATUSES}
        html = paths.REPORTS / "html" / f"{primary.id}.html"
        cards.append(
            {
                "ev": ev,
                "primary": primary,
                "counts": counts,
                "built": html.is_file(),
                "failed": sorted(r.id for r in ev.runs if r.id in failed),
                "headline": _png_data_uri(paths.FIGURES / f"{primary.id}-headline.png"),
                "synthetic": bool(ev.synthetic_data),
                "other_runs": [
                    {
                        "id": r.id,
                        "parameters": json.dumps(r.parameters, ensure_ascii=False, sort_keys=True),
                        "built": (paths.REPORTS / "html" / f"{r.id}.html").is_file(),
                    }
                    for r in ev.runs[1:]
                ],
            }
        )
    board = scoreboard.counts(rows) if len(rows) else None
    led = current_ledger() if len(rows) else None
    audit = (paths.REPORTS / "audit.html").is_file()
    bench_path = paths.REPORTS / "benchmarks.json"
    bench = json.loads(bench_path.read_text()) if bench_path.is_file() else None
    return {
        "cards": cards,
        "board": board,
        "ledger_board": None if led is None else ledger.counts(led, rows),
        "key_discrepancies": [] if led is None else key_discrepancies(
            led, {r.id: ev.title for ev in evs for r in ev.runs}),
        "key_shown": KEY_SHOWN,
        "n_rows": len(rows),
        "audit": audit,
        # the coverage page is built after the index, from the sources (only where they are)
        "coverage": paths.SEEDS.is_dir(),
        "benchmarks": bench,
        "commit": git_commit(),
        "run_date": run_date(),
        "versions": versions(),
        "parameter_sets": [
            (r.id, json.dumps(r.parameters, ensure_ascii=False, sort_keys=True))
            for ev in evs
            for r in ev.runs
        ],
        "failed": sorted(failed),
    }, rows


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


#: key discrepancies listed in full on the front page; the rest are folded under them
KEY_SHOWN = 8


def key_discrepancies(led: pd.DataFrame, titles: dict[str, str] | None = None) -> list[dict]:
    """The errors and inconsistencies, one plain sentence each with its arithmetic, a link to
    the section of the page that shows it (named by its title) and the ledger key."""
    titles = titles or {}
    out = []
    for r in ledger.key_discrepancies(led).itertuples(index=False):
        page = str(getattr(r, "page", "") or r.run)
        out.append({
            "severity": r.severity, "study": r.study, "key": r.key,
            "sentence": sentence(r),
            "href": ledger.page_link(page),  # the study page's findings
            "where": titles.get(page) or ledger.page_title(page),
            "ledger_href": f"audit.html#{ledger.anchor(r.key)}",  # its row in the ledger
            "ids": r.ids,
        })
    return out


def _num(x: float) -> str:
    """A number as printed in the text: thousands with '.', decimals with ','."""
    text = f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def sentence(r: object) -> str:
    """One plain sentence for a ledger row: what is printed, where, and the arithmetic."""
    arithmetic = str(getattr(r, "arithmetic", "")).strip().rstrip(".")
    return (f"{r.source} prints {_num(float(r.printed))} ({r.quantity}); "
            f"{arithmetic}. {str(r.reason).capitalize()}.")


def main() -> None:
    build()
    print(f"index: {paths.REPORTS / 'index.html'}")


if __name__ == "__main__":
    main()
