"""Figures for readers: the audit's largest discrepancies as a bar chart a reviewer can read.

Labels name each printed number as the data dictionary does (:func:`discrepancies.quantity`),
never by an internal id; bars are sorted by what they plot; the text beside each bar
(``shown``) is the string a notebook quotes, so text and figure cannot disagree.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis import ledger
from analysis.report import discrepancies, numbers

#: bar colour per severity (analysis.severity), most severe first
SEVERITY_COLOURS = {"error": "#b2182b", "inconsistency": "#ef8a62", "denominator": "#9970ab",
                    "rounding": "#999999", "wording": "#67a9cf"}
UNITS = {"percent": ("", "%"), "EUR": ("€ ", "")}


def _value(x: float, decimals: int, unit: str) -> str:
    before, after = UNITS.get(unit, ("", ""))
    return f"{before}{numbers.number(x, decimals)}{after}"


def largest_discrepancies(fails: pd.DataFrame, severity: pd.Series | dict,
                          n: int = 10, always: tuple[str, ...] = ("error",)) -> pd.DataFrame:
    """The ``n`` printed numbers furthest from what their own table gives (relative), one row
    per printed number (its largest failed check), most distant first; a printed number of a
    severity in ``always`` (an error a conclusion rests on) is shown even when it is not among
    the ``n`` furthest, in its place by distance.

    ``fails``: failed audit findings (:func:`analysis.audit.run_audit`); ``severity``: the
    ledger's severity by key. Columns: ``key``, ``label`` (the quantity in words), ``published``,
    ``computed``, ``rel_difference`` (of the computed value), ``severity``, ``shown`` (the text
    beside the bar).
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    df = fails[fails["rel_difference"].notna()].assign(key=ledger.finding_keys(fails))
    # the distance as a share of what the report's own numbers give (the correct value), the
    # base the pages' sentences use ("overstates it by 12%"); of the printed number if that is 0
    computed = pd.to_numeric(df["computed"], errors="coerce").abs()
    df = df.assign(rel_difference=((pd.to_numeric(df["published"], errors="coerce")
                                    - pd.to_numeric(df["computed"], errors="coerce")).abs()
                                   / computed).where(computed > 0, df["rel_difference"]))
    df = df[df["key"] != ""].sort_values(["rel_difference", "id"], ascending=[False, True],
                                         kind="stable")
    df = df.drop_duplicates("key")
    sev = dict(severity)
    df = df[(np.arange(len(df)) < n) | df["key"].map(sev).isin(always).to_numpy()]
    rows = []
    for r in df.itertuples(index=False):
        q = discrepancies.quantity(r.key)
        name = q.name if q is not None else str(r.item)
        decimals = 0 if pd.isna(r.decimals) else int(r.decimals)
        extra = 0 if float(r.computed).is_integer() or abs(r.computed) >= 100 else 1
        unit = "" if pd.isna(r.unit) else str(r.unit)
        rows.append({
            "key": r.key, "label": name[:1].upper() + name[1:],
            "published": r.published, "computed": r.computed,
            "rel_difference": float(r.rel_difference), "severity": sev.get(r.key, ""),
            "shown": (f"{numbers.share(r.rel_difference, 1)} "
                      f"({_value(r.published, decimals, unit)} printed, "
                      f"{_value(r.computed, decimals + extra, unit)} computed)")})
    return pd.DataFrame(rows, columns=["key", "label", "published", "computed", "rel_difference",
                                       "severity", "shown"])


def discrepancy_figure(top: pd.DataFrame, title: str) -> Figure:
    """Horizontal bars of ``top`` (:func:`largest_discrepancies`), largest at the top, coloured by
    severity, each labelled in words with its ``shown`` text beside it."""
    if top.empty:
        raise ValueError("no discrepancies to draw")
    top = top.sort_values("rel_difference", ascending=False, kind="stable")
    # an amount is never split from its currency sign
    labels = ["\n".join(textwrap.wrap(t.replace("€ ", "€\u00a0"), 32)) for t in top["label"]]
    lines = sum(lab.count("\n") + 1 for lab in labels)
    fig, ax = plt.subplots(figsize=(7.6, max(3.0, 0.22 * lines + 0.3 * len(labels) + 1.2)))
    y = range(len(top))
    pct = 100 * top["rel_difference"]
    colours = [SEVERITY_COLOURS.get(s, "#4d4d4d") for s in top["severity"]]
    ax.barh(y, pct, color=colours, height=0.7)
    ax.set_yticks(list(y), labels, fontsize=11.5)
    ax.invert_yaxis()
    for yi, (p, text) in enumerate(zip(pct, top["shown"], strict=True)):
        ax.text(p + pct.max() * 0.015, yi, text, va="center", fontsize=11.5)
    ax.set_xlim(0, pct.max() * 1.9)
    ax.xaxis.set_major_formatter(numbers.axis_formatter("percent", 0))
    ax.tick_params(axis="x", labelsize=11)
    ax.set_xlabel("distance of the printed number from what its own numbers give (% of the latter)",
                  fontsize=11.5)
    ax.set_title(title, fontsize=13, loc="left")
    ax.grid(axis="y", visible=False)
    present = [s for s in SEVERITY_COLOURS if s in set(top["severity"])]
    for s in present:
        ax.barh([0], [0], color=SEVERITY_COLOURS[s], label=s)
    if present:
        ax.legend(title="severity", loc="upper center", bbox_to_anchor=(0.5, -0.11),
                  ncols=len(present), fontsize=11, title_fontsize=11, frameon=False)
    fig.tight_layout()
    return fig


__all__ = ["SEVERITY_COLOURS", "discrepancy_figure", "largest_discrepancies"]
