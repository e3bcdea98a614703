"""Gather every run's results and count them per study and status (the index's scoreboard)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis import paths, results
from analysis.pipeline.config import Evaluation

STATUS_ORDER = list(results.STATUSES)


def gather(evaluations: tuple[Evaluation, ...]) -> pd.DataFrame:
    """Results rows of every evaluation's primary run (in index order), with a ``run`` column."""
    frames = []
    for ev in evaluations:
        primary = ev.runs[0]
        path = paths.RESULTS / f"{primary.id}.csv"
        if path.is_file():
            df = results.read(path)
            df.insert(0, "run", primary.id)
            frames.append(df)
    if not frames:
        return pd.DataFrame(columns=["run", *results.COLUMNS])
    return pd.concat(frames, ignore_index=True)


def counts(rows: pd.DataFrame, by: str = "study") -> pd.DataFrame:
    """Rows per ``by`` × status, with an overall total row, statuses in contract order."""
    table = pd.crosstab(rows[by], rows["status"]).reindex(columns=STATUS_ORDER, fill_value=0)
    table.loc["all studies"] = table.sum()
    # results rows, not printed numbers: a number may be compared by several rows (the ledger,
    # analysis.ledger, counts each printed number once)
    table["published numbers checked"] = table[["reproduced", "mismatch", "not_reproducible"]].sum(
        axis=1
    )
    return table.astype(int)


def by_page(led: pd.DataFrame, rows: pd.DataFrame | None,
            evaluations: tuple[Evaluation, ...]) -> pd.DataFrame:
    """The ledger's counts (:func:`analysis.ledger.counts`) per study page, i.e. per card of the
    index: each printed number under the page that shows it (the ledger's ``page``), checks and
    extensions under the run of their results row; pages in index order, then ``all studies``
    (the same totals as the audit page's table, which counts per study)."""
    from analysis import ledger

    table = ledger.counts(led.assign(study=led["page"]),
                          None if rows is None else rows.assign(study=rows["run"]))
    order = [ev.runs[0].id for ev in evaluations]
    pages = [p for p in order if p in table.index]
    pages += sorted(p for p in table.index if p not in pages and p != "all studies")
    return table.reindex([*pages, "all studies"])


#: the severities of a mismatch in the scoreboard's folded cell, with their words (one, many)
SEVERITY_WORDS = {"error": ("error", "errors"),
                  "inconsistency": ("inconsistency", "inconsistencies"),
                  "denominator": ("unstated denominator", "unstated denominators"),
                  "rounding": ("rounding", "rounding"), "wording": ("wording", "wording")}


def board(by_page_table: pd.DataFrame | None, titles: dict[str, str],
          href: Callable[[str], str]) -> dict:
    """What ``templates/scoreboard_table.html.j2`` shows (the index and the audit page): a row
    per study page named by its title (linked where ``href`` gives a link), pages with no printed
    number left out, then ``All studies``; and the totals row."""
    if by_page_table is None:
        return {"page_board": [], "page_total": None, "severities": list(SEVERITY_WORDS),
                "severity_words": SEVERITY_WORDS}
    rows = [{"page": page, "total": page == "all studies",
             "title": "All studies" if page == "all studies" else titles.get(page, page),
             "href": "" if page == "all studies" else href(page), "row": row}
            for page, row in by_page_table.iterrows()
            if page == "all studies" or row["printed numbers"] or row["synthetic (not counted)"]]
    return {"page_board": rows, "page_total": by_page_table.loc["all studies"],
            "severities": list(SEVERITY_WORDS), "severity_words": SEVERITY_WORDS}
