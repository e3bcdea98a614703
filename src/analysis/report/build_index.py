"""Build ``reports/index.html`` and ``reports/results.csv`` from what the pipeline published.

``python -m analysis.report.build_index``. Files are rewritten only when their content changes,
so a no-op ``make reproduce`` leaves them untouched. Runs that failed are flagged on the page.
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

from analysis import paths, results
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
    audit = (paths.REPORTS / "audit.html").is_file()
    bench_path = paths.REPORTS / "benchmarks.json"
    bench = json.loads(bench_path.read_text()) if bench_path.is_file() else None
    return {
        "cards": cards,
        "board": board,
        "n_rows": len(rows),
        "audit": audit,
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
    build_audit()


def build_audit() -> bool:
    """(Re)write reports/audit.html unless it was built from the published audit results (the
    audit run writes the page itself; the check is by content, so this rarely runs the audit
    again). True if the audit was run here."""
    audit_csv = paths.RESULTS / "consistency_audit.csv"
    page = paths.REPORTS / "audit.html"
    if not audit_csv.is_file():
        return False
    from analysis.report.audit_page import build_audit_page, page_is_current

    if page_is_current(page, audit_csv):
        return False
    from analysis import audit

    build_audit_page(audit.run_audit(), page, results_csv=audit_csv)
    return True


def main() -> None:
    build()
    print(f"index: {paths.REPORTS / 'index.html'}")


if __name__ == "__main__":
    main()
