"""Small display helpers for notebooks: prose from variables, figures with alt text, colophon.

Kept apart from computation: nothing here calculates a result.
"""

from __future__ import annotations

import base64
import io as _io
import platform
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from IPython.display import Markdown, display  # noqa: E402

from analysis.results_schema import STATUS_WORDS  # noqa: E402, F401 - a name notebooks use
from analysis.versions import git_commit, package_versions  # noqa: E402


def setup() -> None:
    """Plot style and deterministic PNG output for every notebook.

    Uses matplotlib's copy of the seaborn 'whitegrid' style, so that notebooks which do not
    plot with seaborn do not pay for importing it.
    """
    plt.style.use("seaborn-v0_8-whitegrid")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "figure.figsize": (8, 4.5),
                         "svg.hashsalt": "zorgpilots"})


def md(text: str) -> None:
    """Show Markdown built from variables (never type a number into prose)."""
    display(Markdown(text))


def figure_png(fig: matplotlib.figure.Figure) -> bytes:
    """PNG bytes of a figure without volatile metadata (same figure → same bytes)."""
    buf = _io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def show_figure(fig: matplotlib.figure.Figure, alt: str) -> None:
    """Display a figure as PNG with ``alt`` as its text (used as the HTML alt attribute)."""
    if not alt.strip():
        raise ValueError("a figure needs alt text")
    data = base64.b64encode(figure_png(fig)).decode("ascii")
    display({"image/png": data, "text/plain": alt}, raw=True)
    plt.close(fig)


def synthetic_banner(what: str, aggregates: bool = True, *, matches: str | None = None,
                     invented: str | None = None) -> None:
    """A visible warning that the following results rest on synthetic individual data.

    Say exactly what the data share with the report: ``matches`` names the published margins
    the generator reproduces ("none" if nothing published constrains them) and ``invented``
    what it makes up (each synthetic module states both as ``MATCHES`` and ``INVENTED``).
    Without them, ``aggregates=False`` marks data that no published aggregate constrains.
    """
    if matches is not None or invented is not None:
        if not (matches and invented):
            raise ValueError("state both what the synthetic data match and what is invented")
        how = (f"generated with a fixed seed. Published margins they match: {matches}. "
               f"Invented: {invented}")
    elif aggregates:
        how = "generated (fixed seed) to agree with the published aggregates"
    else:
        how = "generated (fixed seed) for illustration; nothing published constrains them"
    md(f"> **SYNTHETIC DATA.** {what} These individual records were {how}; they are not the "
       "pilot's real data. Results that depend on individual variation illustrate the method only.")


class illustration:  # noqa: N801 - used as ``with illustration("…"):``
    """A visibly distinct block for statistics computed on synthetic data.

    ``with illustration("interrupted time series on a synthetic series"): ...`` shows a header
    before the block's output and a footer after it. Everything inside illustrates the method:
    never a finding, never quoted in key findings; its results rows carry ``basis="synthetic"``.
    """

    def __init__(self, what: str) -> None:
        if not what.strip():
            raise ValueError("say what the illustration shows")
        self.what = what

    def __enter__(self) -> illustration:
        md(f"> **ILLUSTRATION OF THE METHOD — synthetic data, not a finding.** {self.what} Every "
           "number from here to the end marker is computed on invented records and shows only how "
           "the method works.")
        return self

    def __exit__(self, *exc: object) -> None:
        md("> **End of the illustration.** The numbers above are not results of the pilot.")


def colophon(parameters: dict[str, Any]) -> None:
    """Show what produced this run: commit, Python and package versions, parameters."""
    versions = package_versions()
    params = ", ".join(f"`{k}` = `{v!r}`" for k, v in sorted(parameters.items())) or "(defaults)"
    md(
        "**Colophon.** "
        f"git commit: {git_commit(short=True)}; Python {platform.python_version()}; "
        + "; ".join(versions)
        + f".\n\nParameters: {params}."
    )




def _decimals(tolerance: float | None, value: float | None) -> int:
    """Digits to show: those the tolerance implies (±0.5 → 0, ±0.05 → 1), else 0 or 2."""
    import math

    if tolerance is not None and not math.isnan(tolerance) and 0 < tolerance < 1:
        return max(0, min(4, round(-math.log10(2 * tolerance))))
    if value is None or math.isnan(value) or float(value).is_integer():
        return 0
    return 2


def _quantity_in_words(quantity: str, row_id: str) -> str:
    """A results row's quantity for a reader: an audit row's item (``audit__<table>__…``) with
    the transcription's names in words and without the check's name in brackets."""
    import re

    if not row_id.startswith("audit__"):
        return quantity
    from analysis.audit.words import item_in_words

    table = row_id.split("__")[1]
    return re.sub(r"\s*\[[a-z_ ]+\]$", "", item_in_words(quantity, table))


def results_view(frame: Any) -> Any:
    """Results rows for a reader: quantity, unit, published, recomputed, status, note as text."""
    from analysis.report import numbers

    def cell(value: Any, tolerance: Any) -> str:
        if numbers.is_missing(value):
            return numbers.DASH
        tol = None if numbers.is_missing(tolerance) else float(tolerance)
        return numbers.number(float(value), _decimals(tol, float(value)))

    out = frame[["quantity", "unit"]].copy()
    out["quantity"] = [_quantity_in_words(str(q), str(i)) for q, i in
                       zip(frame["quantity"], frame["id"], strict=True)]
    out["published"] = [cell(v, t) for v, t in zip(frame["published"], frame["tolerance"],
                                                  strict=True)]
    out["reproduced"] = [cell(v, t if not numbers.is_missing(p) else None) for v, t, p in
                         zip(frame["reproduced"], frame["tolerance"], frame["published"],
                             strict=True)]
    out["status"] = frame["status"].map(STATUS_WORDS).fillna(frame["status"])
    out["note"] = frame["note"].fillna("")
    return out.reset_index(drop=True)


RESULT_COLUMNS = {"quantity": "Quantity", "unit": "Unit", "published": "Published",
                  "reproduced": "Recomputed", "status": "Status"}


def show_results(frame: Any, caption: str, ids: list[str] | None = None,
                 note: bool = False) -> None:
    """Show results rows (all, or ``ids`` in that order) as a reader's table."""
    from analysis.report.tables import show_table

    rows = frame.set_index("id").loc[ids].reset_index() if ids is not None else frame
    from analysis.report.tables import Col

    cols = dict(RESULT_COLUMNS,
                **({"note": Col("Arithmetic and note", "arithmetic")} if note else {}))
    show_table(results_view(rows), cols, caption=caption)


def show_reproducibility(frame: Any, *audit_findings: Any) -> None:
    """The results rows counted by status, then every mismatch with its arithmetic; with
    ``audit_findings`` (the consistency audit's findings on the tables this page shows,
    :func:`analysis.audit.findings_for`, one frame or several), the checks of those that do not
    hold too, so the section never says "nothing failed" beside a failed check."""
    import pandas as pd

    from analysis.report import numbers
    from analysis.report.tables import Col, show_table

    counts = frame["status"].value_counts()
    order = [s for s in STATUS_WORDS if s in counts.index]
    table = pd.DataFrame({"status": [STATUS_WORDS[s] for s in order],
                          "rows": [int(counts[s]) for s in order]})
    show_table(table, {"status": "Status", "rows": Col("Results rows", "integer", unit="n")},
               caption="Results rows of this run by status")
    mism = frame[frame["status"] == "mismatch"]
    found = pd.concat(audit_findings) if audit_findings else None
    failed = found[found["outcome"] == "fail"] if found is not None else None
    if len(mism):
        show_results(mism, caption="Published numbers that do not follow, with their arithmetic",
                     note=True)
    elif failed is None:
        md("No recomputation in this run's results table fails to follow from its inputs (the "
           "consistency audit's checks of the tables it shows are counted on the audit page).")
    elif not len(failed):
        md("No published number compared on this page fails to follow from its inputs: neither "
           "a recomputation of this run nor a check of the consistency audit on its tables.")
    else:
        md(f"Every recomputation of this run follows from its inputs, but "
           f"{numbers.count(len(failed), 'check')} of the consistency audit on the tables this "
           f"page shows {'does' if len(failed) == 1 else 'do'} not hold:")
    if failed is not None and len(failed):
        show_audit(failed, caption="Checks of the consistency audit that do not hold")


AUDIT_WORDS = {"pass": "holds", "fail": "does not hold", "info": "information",
               "skipped": "cannot be checked"}


def show_audit(found: Any, caption: str) -> None:
    """Show the audit's findings on a notebook's tables (``analysis.audit.findings_for``)."""
    from analysis.report.tables import Col, show_table

    view = found.assign(outcome=found["outcome"].map(AUDIT_WORDS).fillna(found["outcome"]))
    show_table(view, {"relation": "Relation declared in the table", "outcome": "Verdict",
                      "arithmetic": Col("Arithmetic", "arithmetic")}, caption=caption)


def failed_checks_in_words(found: Any) -> str:
    """The consistency audit's failed checks in ``found`` as plain clauses joined by "; ": what
    is printed and what the report's own numbers give ("workshop participants (text) is printed
    as 758, but Workshops/Inspiratiesessies / Trainer is 785"); the arithmetic stays in the
    tables."""
    from analysis.report import numbers

    def value(v: Any) -> str:
        x = float(v)
        return numbers.number(x, 0 if x.is_integer() else 2)

    out = []
    for r in found[found["outcome"] == "fail"].itertuples():
        pub, comp, rel = value(r.published), value(r.computed), str(r.relation)
        if r.check == "restates" and " restates " in rel:
            restated, origin = rel.split(" restates ", 1)
            out.append(f"{restated} is printed as {pub}, but {origin} is {comp}")
        else:
            out.append(f"{rel}: printed {pub}, while the report's own numbers give {comp}")
    return "; ".join(out)


def as_printed(frame: Any, column: str = "value", decimals: str = "decimals") -> Any:
    """``frame`` with ``column`` as text, each value to the digits the source printed (its
    ``decimals`` column), through :mod:`analysis.report.numbers`: a count stays "10", not "10.0"."""
    from analysis.report import numbers

    shown = [numbers.number(float(v), int(d)) if not numbers.is_missing(v) else numbers.DASH
             for v, d in zip(frame[column], frame[decimals].fillna(0), strict=True)]
    return frame.assign(**{column: shown})
