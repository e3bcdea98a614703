"""Run the audit over a catalog: finding ids, matching with the report's text, ranking, counts.

* :func:`run_audit` – every declared check of every table with a ``structure`` block;
* :func:`restated_in_text` – which findings the report's text repeats (matching);
* :func:`consequence` – the ranking of failed checks (relative size × weight);
* :func:`audit_summary` – outcomes per source document.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import rawdata
from analysis.audit.record import FINDING_COLUMNS, OUTCOMES
from analysis.audit.structure import Loader, _Audit
from analysis.audit.verbal import findings as verbal_findings


def slug(s: str) -> str:
    """Lower-case ASCII identifier from a label (ids and HTML anchors)."""
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")


def _ids(df: pd.DataFrame) -> list[str]:
    out, seen = [], {}
    for r in df.itertuples(index=False):
        col = (r.item.split(" restates ")[0] if r.check == "restates"
               else r.item.rsplit(": ", 1)[-1])
        base = f"audit__{r.table}__{r.check}__{slug(col)[:48]}"
        if r.lines:
            base += f"__L{r.lines.split('-')[0].split(',')[0]}"
        n = seen.get(base, 0) + 1
        seen[base] = n
        out.append(base if n == 1 else f"{base}_{n}")
    return out


def restated_in_text(findings: pd.DataFrame, catalog: Mapping[str, rawdata.Entry],
                     loader: Loader) -> pd.Series:
    """For each finding, the text-values rows of its folder that repeat its printed number.

    A text-values table is a table of the same folder whose name contains ``text_values`` and
    that has ``value`` and ``line`` columns. A row repeats the number when the number rounds to
    the row's value at the row's printed precision (``decimals`` column; 0 if absent), the row's
    ``unit`` equals the finding's unit, and that precision is at most 10% of the value. Numbers
    that are 0, or whole numbers below 10, are too common to attribute and are not matched.
    Returns ``"key (line n); …"`` or ``""`` per finding.
    """
    texts: dict[str, list[pd.DataFrame]] = {}
    folders = set(findings["folder"])  # only the folders of these findings are read
    for name in sorted(catalog):
        e = catalog[name]
        if "text_values" not in name or e.package_path.parent.name not in folders:
            continue
        df = loader(name)
        if not {"value", "line"} <= set(df.columns):
            continue
        df = df.assign(_table=name)
        texts.setdefault(e.package_path.parent.name, []).append(df)
    out = []
    for r in findings.itertuples(index=False):
        pub = r.published
        hits: list[str] = []
        small = pd.isna(pub) or pub == 0 or (float(pub).is_integer() and abs(pub) < 10)
        for df in [] if small else texts.get(r.folder, []):
            if df["_table"].iat[0] == r.table:
                continue
            dec = (df["decimals"].fillna(0).astype(int) if "decimals" in df.columns
                   else pd.Series(0, index=df.index))
            tol = 0.5 * 10.0 ** (-dec.astype(float))
            vals = df["value"].astype("float64")
            match = ((vals - pub).abs() <= tol + 1e-9 * abs(pub)) & vals.notna()
            match &= tol <= 0.1 * vals.abs()
            units = (df["unit"].astype("string").str.lower() if "unit" in df.columns
                     else pd.Series("", index=df.index))
            match &= (units == str(r.unit).lower()).fillna(False) & (str(r.unit) != "")
            key = df["key"] if "key" in df.columns else df.index.astype(str)
            hits += [f"{k} (line {int(ln)})" for k, ln in zip(key[match], df["line"][match],
                                                               strict=True)]
        out.append("; ".join(hits))
    return pd.Series(out, index=findings.index, dtype="object")


def consequence(df: pd.DataFrame) -> pd.Series:
    """Consequence of a finding = relative size of the discrepancy × weight.

    ``rel_difference = |computed − published| / |published|`` (0 for passes); the weight is 3 when
    the number feeds the report's conclusion – declared (``key_figure: true`` in the structure
    entry) or because the report's text repeats it (:func:`restated_in_text`) – and 1 otherwise.
    Failures without a computable difference (impossible N) count as 1.
    """
    rel = df["rel_difference"].where(df["outcome"] == "fail", 0.0).fillna(1.0)
    rel = rel.where(np.isfinite(rel), 1.0)
    weight = np.where(df["key_figure"].astype(bool), 3.0, 1.0)
    return (rel * weight).astype("float64")


def run_audit(catalog: Mapping[str, rawdata.Entry] | None = None,
              loader: Loader | None = None,
              tables: Collection[str] | None = None) -> pd.DataFrame:
    """Run every declared check of every table with a ``structure`` block, and every
    restatement in words of ``data/raw/number_words`` (:mod:`analysis.audit.verbal`).

    ``tables`` restricts the run to the checks of those tables: the same findings, with the
    same ids, as a whole run gives for them (an id is numbered within its own table), at a
    fraction of the time (:func:`findings_for`).

    ``catalog`` defaults to :func:`analysis.rawdata.catalog` (all of ``data/raw``) and tables are
    read with :func:`analysis.rawdata.load` (validated). Returns the findings in
    :data:`FINDING_COLUMNS` order, sorted by table and the order of the declarations
    (deterministic). ``attrs`` lists the tables that yielded no finding (``unchecked_tables``)
    and those without a declared structure (``tables_without_structure``).
    """
    catalog = rawdata.catalog() if catalog is None else catalog
    audit = _Audit(catalog, loader or rawdata.load)
    wanted = set(catalog) if tables is None else set(tables)
    frames = [audit.audit_table(name) for name in sorted(catalog)
              if name in wanted and "structure" in catalog[name].descriptor]
    if tables is None or any(catalog[t].package_path.parent.name == "number_words"
                             for t in wanted & set(catalog)):
        verbal = verbal_findings(catalog, loader)  # numbers in words (data/raw/number_words)
        frames.append(verbal[verbal["table"].isin(wanted)] if len(verbal) else verbal)
    frames = [f for f in frames if len(f)]
    declared = {name for name in catalog if catalog[name].descriptor.get("structure")}
    unchecked = sorted(wanted & set(catalog) - set().union(*[set(f["table"]) for f in frames]))
    attrs = {"unchecked_tables": unchecked,
             "tables_without_structure": sorted(wanted & set(catalog) - declared)}
    if not frames:
        empty = pd.DataFrame(columns=FINDING_COLUMNS)
        empty.attrs.update(attrs)
        return empty
    df = pd.concat(frames, ignore_index=True)
    df["id"] = _ids(df)
    df["explained"] = df["explained"].fillna("").astype(str)
    df["decomposition"] = df["decomposition"].fillna("").astype(str)
    df["restated_in_text"] = restated_in_text(df, catalog, loader or rawdata.load)
    df["key_figure"] = df["key_figure"].astype(bool) | (df["restated_in_text"] != "")
    df["consequence"] = consequence(df)
    out = df[FINDING_COLUMNS].reset_index(drop=True)
    out.attrs.update(attrs)  # tables the audit could not check: listed, never hidden
    return out


def audit_summary(findings: pd.DataFrame) -> pd.DataFrame:
    """Counts of outcomes per source document (and overall), for the index and the audit page."""
    counts = (findings.groupby(["source_file", "outcome"]).size().unstack(fill_value=0)
              .reindex(columns=list(OUTCOMES), fill_value=0))
    counts.loc["all"] = counts.sum()
    counts["checked"] = counts["fail"] + counts["pass"]
    counts.columns.name = None
    return counts.astype("int64")


def group_row_means(parts: pd.DataFrame, group: pd.Series, columns: Sequence[str],
                    weight: str) -> pd.DataFrame:
    """How a group row's printed means relate to the means of its part rows.

    For each column: the printed group mean, the weighted mean of the part means
    ``Σ w_i m_i / Σ w_i`` (correct when each part mean is over ``w_i`` units) and the unweighted
    mean of the part means ``Σ m_i / k`` (what a spreadsheet gives when it averages a column).
    One row per column: ``column, printed, weighted, unweighted, parts``.
    """
    rows = []
    w = parts[weight].astype("float64")
    for c in columns:
        m = parts[c].astype("float64")
        rows.append({"column": c, "printed": float(group[c]),
                     "weighted": float(np.average(m, weights=w)),
                     "unweighted": float(m.mean()), "parts": len(m)})
    return pd.DataFrame(rows)



def findings_for(*tables: str) -> pd.DataFrame:
    """The audit's findings on ``tables`` (item, the item in words as ``relation``
    (:mod:`analysis.audit.words`: what a page shows), outcome, arithmetic, id; and the check, the
    printed and computed values and the printed cell's label, to pick a finding by its cell):
    what a notebook shows when it needs the internal consistency of its own tables, instead of
    checking it again."""
    from analysis.audit.words import in_words

    f = run_audit(tables=tables)
    cols = ["table", "item", "outcome", "arithmetic", "id", "check", "published", "computed",
            "published_label"]
    f = f.loc[f["table"].isin(tables), cols].reset_index(drop=True)
    f.insert(2, "relation", in_words(f))
    return f
