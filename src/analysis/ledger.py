"""The ledger of findings: one row per distinct printed number the repository compares.

A printed number is named by its key, ``<source file>:<line>:<label>`` (the results rows' ``key``
column, :func:`analysis.results.printed_key`; the label names the transcribed cell,
:mod:`analysis.printed`), so two cells of one line printing the same value are two numbers.
Every results row of every evaluation's primary run that compares a printed number (status
``reproduced``, ``mismatch`` or ``not_reproducible``) is one *check* of it; the audit's rows are
joined with their findings for the kind of check (totals, percentages, …), whether a conclusion
rests on the number, the source's own explanation and the subgroup sizes a share fits.
Per printed number:

* ``verdict`` – the worst of its checks (``mismatch`` > ``not_reproducible`` > ``reproduced``),
  over the checks that rest on the published numbers; ``synthetic`` when every check rests on
  synthetic (or real) individual data: outside every count;
* ``severity`` / ``rule`` / ``reason`` – for a mismatch, the worst severity of its mismatched
  checks (:mod:`analysis.severity`) and the rule that decided it;
* ``ids`` – every results row that checks it.

:func:`build` makes the ledger, :func:`counts` the scoreboard both the index and the audit page
show, :func:`write` ``reports/findings.csv`` with its Frictionless description.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import yaml

from analysis import paths, printed, rawdata, results, severity

if TYPE_CHECKING:
    from analysis.ledger_inputs import LedgerInputs

COLUMNS = ["key", "study", "source", "source_file", "line", "printed", "unit", "quantity",
           "verdict", "severity", "rule", "reason", "arithmetic", "n_checks", "kinds", "ids",
           "decided_by", "decided_kind", "run", "page"]
VERDICTS = ("mismatch", "not_reproducible", "reproduced", "synthetic")
COMPARED = ("reproduced", "mismatch", "not_reproducible")
SOURCES = paths.ROOT / "config" / "sources.yaml"

FIELDS = {
    "key": "the printed number: source file, line and the label of its transcribed cell "
           "(source file:line:table[row].column)",
    "study": "the study the number belongs to",
    "source": "where it is printed: document title, section, table, line",
    "source_file": "the source file (provenance)",
    "line": "line of the source file the number is printed on",
    "printed": "the printed value (as transcribed in data/raw)",
    "unit": "unit of the printed value",
    "quantity": "what the number is (from the deciding check)",
    "verdict": "worst of its checks: mismatch, not_reproducible, reproduced; synthetic when "
               "every check rests on synthetic data (not counted)",
    "severity": "for a mismatch: error, inconsistency, denominator, rounding or wording "
                "(analysis.severity); synthetic when every mismatch rests on synthetic data",
    "rule": "the rule that decided the severity (analysis.severity)",
    "reason": "the rule's reading, e.g. which subgroup sizes a share fits",
    "arithmetic": "the arithmetic of the deciding check",
    "n_checks": "number of results rows that check the number",
    "kinds": "the kinds of check, ';'-separated (audit checks, or recomputation)",
    "ids": "ids of every results row that checks the number, ';'-separated",
    "decided_by": "id of the results row that decided the verdict and severity",
    "decided_kind": "its kind of check (an audit check, or recomputation)",
    "run": "the run of the deciding results row",
    "page": "the study page (primary run) that shows the number: the deciding run, or for the "
            "audit's checks the study whose transcription the number belongs to",
}


@cache
def source_titles() -> dict[str, str]:
    """Source file name → reader-facing document title (``config/sources.yaml``)."""
    data = yaml.safe_load(SOURCES.read_text(encoding="utf-8")) or {}
    return {f: str(v["title"]) for f, v in data.items()}


def source_title(source: str) -> str:
    """``"004_….txt, Bijlage 4, §8.5, Tabel 6, L2444"`` → ``"Blauwe Zorg in de wijk
    (Maastricht-Heuvelland), Bijlage 4, §8.5, Tabel 6, line 2444"``."""
    file, _, rest = (source or "").partition(", ")
    title = source_titles().get(file, file)
    rest = rest.replace(", L", ", line ").removeprefix("L")
    return f"{title}, {rest}" if rest else title


def statements(catalog: Mapping[str, rawdata.Entry] | None = None) -> dict[str, tuple[str, int]]:
    """Key → (verbatim statement, printed decimals) for every in-text number (tables with
    ``statement_nl``, ``value`` and ``line`` columns)."""
    catalog = rawdata.catalog() if catalog is None else catalog
    out: dict[str, tuple[str, int]] = {}
    for name in sorted(catalog):
        names = {f["name"] for f in catalog[name].fields}
        if not {"statement_nl", "value", "line"} <= names:
            continue
        df = rawdata.load(name)
        labels = printed.row_labels(catalog[name], df)
        for i, r in zip(df.index, df.itertuples(index=False), strict=True):
            if pd.isna(r.value) or pd.isna(r.line):
                continue
            dec = int(r.decimals) if "decimals" in df.columns and pd.notna(r.decimals) else 0
            key = printed.key(catalog[name].source_file, int(r.line),
                              printed.cell_label(name, labels[i], "value"))
            out.setdefault(key, (str(r.statement_nl), dec))
    return out


def _decimals(tolerance: float | None) -> int:
    if tolerance is None or pd.isna(tolerance) or tolerance <= 0:
        return 0
    return max(0, round(-math.log10(2 * tolerance)))


def finding_keys(findings: pd.DataFrame) -> pd.Series:
    """The key of each audit finding's printed number (``""`` when it judges none)."""
    return pd.Series([
        results.printed_key(r.source_file, float(r.published), int(r.published_line),
                            getattr(r, "published_label", "") or None)
        if pd.notna(r.published_line) and pd.notna(r.published) else ""
        for r in findings.itertuples(index=False)], index=findings.index, dtype="object")


def checks(rows: pd.DataFrame, findings: pd.DataFrame | None = None,
           texts: Mapping[str, tuple[str, int]] | None = None,
           keys: pd.Series | None = None) -> pd.DataFrame:
    """The results rows that compare a printed number, one per check, with what the severity
    rules need (kind, key figure, the source's explanation, statement, subgroup fits) and the
    severity of each mismatch. ``keys`` are the findings' :func:`finding_keys` (computed here
    when not given)."""
    df = rows[rows["status"].isin(COMPARED) & rows["key"].fillna("").ne("")].copy()
    df["kind"] = "recomputation"
    for c, default in (("key_figure", False), ("explained", ""), ("fits", ""),
                       ("folder", ""), ("table", ""), ("decomposition", "")):
        df[c] = default
    if findings is not None and len(findings):
        f = findings.set_index("id")
        hit = df["id"].isin(f.index)
        ids = df.loc[hit, "id"]
        df.loc[hit, "kind"] = f.loc[ids, "check"].to_numpy()
        df.loc[hit, "key_figure"] = f.loc[ids, "key_figure"].astype(bool).to_numpy()
        df.loc[hit, "explained"] = f.loc[ids, "explained"].fillna("").to_numpy()
        df.loc[hit, "fits"] = f.loc[ids, "fits"].fillna("").to_numpy()
        df.loc[hit, "folder"] = f.loc[ids, "folder"].to_numpy()
        if "table" in f.columns:
            df.loc[hit, "table"] = f.loc[ids, "table"].fillna("").to_numpy()
        if "decomposition" in f.columns:
            df.loc[hit, "decomposition"] = f.loc[ids, "decomposition"].fillna("").to_numpy()
    # the kind of claim a check tests: its kind, and for a sum or a set of percentages the
    # declared decomposition (analysis.audit.structure.decomposition): one printed total with
    # two declared decompositions is two claims, each checked once
    df["claim"] = [f"{k} by {d}" if d else k for k, d in zip(df["kind"], df["decomposition"],
                                                              strict=True)]
    # a conclusion rests on a number when any audit finding on it says so (declared, or the
    # report's text repeats it), whichever check compares it
    if findings is not None and len(findings):
        fk = finding_keys(findings) if keys is None else keys
        df["key_figure"] |= df["key"].isin(set(fk[findings["key_figure"].astype(bool)]))
    df["key_figure"] = df.groupby("key")["key_figure"].transform("any").astype(bool)
    texts = texts or {}
    sev, rule, reason = [], [], []
    for r in df.itertuples(index=False):
        if r.status != "mismatch":
            sev.append(""), rule.append(""), reason.append("")
            continue
        statement, dec = texts.get(r.key, ("", _decimals(r.tolerance)))
        s = severity.classify(severity.Check(
            published=float(r.published),
            reproduced=None if pd.isna(r.reproduced) else float(r.reproduced),
            tolerance=None if pd.isna(r.tolerance) else float(r.tolerance),
            basis=str(r.basis), kind=str(r.kind), key_figure=bool(r.key_figure),
            explained=str(r.explained), statement=statement, decimals=dec, fits=str(r.fits),
            unit=str(r.unit)))
        sev.append(s.severity), rule.append(s.rule), reason.append(s.reason)
    df["severity"], df["rule"], df["reason"] = sev, rule, reason
    return df.reset_index(drop=True)


_VERDICT_RANK = {"mismatch": 0, "not_reproducible": 1, "reproduced": 2}
_SEVERITY_RANK = {s: i for i, s in enumerate(severity.SEVERITIES)}


def deciders(ch: pd.DataFrame) -> pd.DataFrame:
    """Per printed number (index: key), the check that decides its verdict: published basis
    first, then the worst status, then the worst severity, then the audit's checks before
    recomputations (the audit owns internal consistency), then the id (deterministic)."""
    order = ch.assign(
        _b=(ch["basis"] != "published").astype(int),
        _v=ch["status"].map(_VERDICT_RANK),
        _s=ch["severity"].map(lambda s: _SEVERITY_RANK.get(s, len(_SEVERITY_RANK))),
        _k=(ch["kind"] == "recomputation").astype(int),
    ).sort_values(["key", "_b", "_v", "_s", "_k", "id"], kind="stable")
    return order.drop_duplicates("key", keep="first").set_index("key", drop=False)


def build(rows: pd.DataFrame, findings: pd.DataFrame | None = None,
          texts: Mapping[str, tuple[str, int]] | None = None,
          folder_study: Mapping[str, str] | None = None,
          folder_run: Mapping[str, str] | None = None,
          table_run: Mapping[str, str] | None = None,
          keys: pd.Series | None = None) -> pd.DataFrame:
    """The ledger (module docstring) from results rows (with a ``run`` column) and the audit's
    findings (with their :func:`finding_keys`, computed when not given); sorted by verdict,
    severity, study and key (deterministic). An audit check's page is the run whose notebook
    shows the audit's findings on its table (``table_run``), else the run that owns the table's
    folder (``folder_run``)."""
    ch = checks(rows, findings, texts, keys)
    folder_study, folder_run = folder_study or {}, folder_run or {}
    table_run = table_run or {}
    out = []
    decided = deciders(ch)
    for key, g in ch.groupby("key", sort=True):
        d = decided.loc[key]
        counted = g[g["basis"] == "published"]
        verdict = "synthetic" if counted.empty else d["status"]
        own = [s for s in g["study"] if s != "audit"]
        study = own[0] if own else folder_study.get(str(d["folder"]), str(d["study"]))
        file, line, _ = printed.split_key(key)
        out.append({
            "key": key, "study": study, "source": source_title(str(d["source"])),
            "source_file": file, "line": int(line), "printed": float(d["published"]),
            "unit": d["unit"], "quantity": d["quantity"], "verdict": verdict,
            "severity": d["severity"] if d["status"] == "mismatch" else "",
            "rule": d["rule"], "reason": d["reason"],
            "arithmetic": str(d["note"]) if d["status"] == "mismatch" else "",
            "n_checks": len(g), "kinds": ";".join(sorted(set(g["kind"]))),
            "ids": ";".join(sorted(g["id"])), "decided_by": d["id"], "decided_kind": d["kind"],
            "run": d["run"],
            "page": (table_run.get(str(d["table"])) or folder_run.get(str(d["folder"]), d["run"])
                     if d["kind"] != "recomputation" else d["run"]),
        })
    df = pd.DataFrame(out, columns=COLUMNS)
    rank_v = df["verdict"].map({v: i for i, v in enumerate(VERDICTS)})
    rank_s = df["severity"].map(lambda s: _SEVERITY_RANK.get(s, len(_SEVERITY_RANK)))
    df = df.assign(_v=rank_v, _s=rank_s).sort_values(["_v", "_s", "study", "key"],
                                                     kind="stable")
    return df.drop(columns=["_v", "_s"]).reset_index(drop=True)


def duplicate_checks(ch: pd.DataFrame) -> pd.DataFrame:
    """Printed numbers compared more than once by the same kind of check (should be empty).

    The kind is the ``claim`` of :func:`checks`: a recomputation, or an audit check with, for
    sums and sets of percentages, its declared decomposition (a total checked by team and by
    referral type is checked once per decomposition, not twice). A recomputation that arrives
    at the value an audit check of the same printed number computes compares the same two
    printed numbers, so it is the audit's claim made a second time (a notebook redoing the
    audit's arithmetic by hand): claim ``"<audit claim> (recomputed)"``. A recomputation from
    inputs or a model that arrives at another value is a claim of its own, and so is one that
    arrives at the same whole number: counts and euro totals agree whenever the report is right,
    whichever way they are reached (6 practices recounted in the practice list and 6 = 5 + 1
    printed; a model's € 980,235 and the printed total the text restates), so only a fractional
    value reached twice (a share, a ratio, a mean) shows the same arithmetic done twice."""
    counted = ch[ch["basis"] == "published"]
    frames = [counted.assign(_claim=counted["claim"])]
    rec = counted[counted["kind"] == "recomputation"]
    aud = counted[counted["kind"] != "recomputation"]
    if len(rec) and len(aud):
        pairs = rec[["key", "id", "reproduced"]].merge(
            aud[["key", "id", "reproduced", "claim"]], on="key", suffixes=("", "_audit"))
        a, b = pairs["reproduced"].astype("float64"), pairs["reproduced_audit"].astype("float64")
        same = (a - b).abs() <= 1e-9 * np.maximum(1.0, b.abs())
        same &= b != b.round()  # whole numbers: see the docstring
        for r in pairs[same.fillna(False)].itertuples(index=False):
            frames.append(pd.DataFrame({
                "key": [r.key, r.key], "id": [r.id, r.id_audit],
                "_claim": [f"{r.claim} (recomputed)"] * 2}))
    both = pd.concat(frames, ignore_index=True).drop_duplicates(["key", "_claim", "id"])
    n = both.groupby(["key", "_claim"])["id"].agg(["count", lambda s: ";".join(sorted(s))])
    n.columns = ["count", "ids"]
    n.index.names = ["key", "claim"]
    return n[n["count"] > 1].reset_index()


def counts(ledger: pd.DataFrame, rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """The scoreboard: distinct printed numbers per study by verdict and, for mismatches, by
    severity; synthetic numbers in their own column (not counted); with ``rows``, the checks
    (results rows comparing a counted printed number, under that number's study) and the
    extensions (results rows on published data the reports did not give) as well.
    A last row ``all studies`` sums the columns."""
    counted = ledger[ledger["verdict"] != "synthetic"]
    by_v = pd.crosstab(counted["study"], counted["verdict"]).reindex(
        columns=list(VERDICTS[:3]), fill_value=0)
    mism = counted[counted["verdict"] == "mismatch"]
    by_s = pd.crosstab(mism["study"], mism["severity"]).reindex(
        columns=list(severity.COUNTED), fill_value=0)
    table = by_v.join(by_s, how="outer").fillna(0)
    table.insert(0, "printed numbers", table[list(VERDICTS[:3])].sum(axis=1))
    syn = ledger[ledger["verdict"] == "synthetic"].groupby("study").size()
    table = table.reindex(table.index.union(syn.index), fill_value=0)
    table["synthetic (not counted)"] = syn.reindex(table.index, fill_value=0)
    if rows is not None and len(rows):
        # checks under the study of the number they check (the audit's under that study too)
        pub = rows[rows["basis"] == "published"]
        cmp_ = pd.to_numeric(counted["n_checks"]).groupby(counted["study"]).sum()
        ext = pub[pub["status"] == "extension"].groupby("study").size()
        table = table.reindex(table.index.union(cmp_.index).union(ext.index), fill_value=0)
        table["checks"] = cmp_.reindex(table.index, fill_value=0)
        table["extensions"] = ext.reindex(table.index, fill_value=0)
    table = table.fillna(0).astype(int)
    table.index.name = "study"
    table.loc["all studies"] = table.sum()
    return table


def key_discrepancies(ledger: pd.DataFrame) -> pd.DataFrame:
    """The errors and inconsistencies (counted), most severe first."""
    sel = ledger[(ledger["verdict"] == "mismatch")
                 & ledger["severity"].isin(["error", "inconsistency"])]
    return sel.reset_index(drop=True)


def descriptor(path: str = "findings.csv") -> dict:
    """The Frictionless resource describing ``findings.csv``."""
    types = {"line": "integer", "printed": "number", "n_checks": "integer"}
    return {
        "name": "findings", "path": path, "profile": "tabular-data-resource",
        "title": "Ledger of findings: one row per distinct printed number compared",
        "description": __doc__.split("\n\n")[1].replace("\n", " "),
        "format": "csv", "encoding": "utf-8",
        "schema": {"fields": [{"name": c, "type": types.get(c, "string"),
                               "description": FIELDS[c]} for c in COLUMNS],
                   "primaryKey": ["key"]},
    }


def to_csv(ledger: pd.DataFrame) -> str:
    """The ledger as CSV text (deterministic; text cells that look like spreadsheet formulas
    get a leading apostrophe)."""
    from analysis.userfiles import neutralise_formula

    text = ledger.select_dtypes(exclude="number").columns
    return ledger.assign(**{c: ledger[c].map(neutralise_formula) for c in text}).to_csv(
        index=False, float_format="%.10g", lineterminator="\n")


def write(ledger: pd.DataFrame, folder: Path) -> Path:
    """Write ``findings.csv`` and ``findings.resource.json`` into ``folder`` (atomically, only
    when changed); return the CSV's path."""
    from analysis.report.build_index import write_if_changed

    folder = Path(folder)
    write_if_changed(folder / "findings.csv", to_csv(ledger))
    write_if_changed(folder / "findings.resource.json",
                     json.dumps(descriptor(), indent=1, ensure_ascii=False) + "\n")
    return folder / "findings.csv"


def read(path: Path) -> pd.DataFrame:
    """Read ``findings.csv`` back."""
    from analysis.userfiles import restore_formula

    df = pd.read_csv(path, dtype={c: "string" for c in COLUMNS
                                  if c not in ("line", "printed", "n_checks")},
                     keep_default_na=False, na_values=[""])
    for c in df.select_dtypes(exclude="number").columns:
        df[c] = df[c].fillna("").astype(str).map(restore_formula)
    return df


def from_reports(inputs: LedgerInputs | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ledger, rows) from the published results of every evaluation's primary run and what the
    ledger takes from ``data/raw`` (:mod:`analysis.ledger_inputs`; computed here when not
    given)."""
    from analysis import ledger_inputs
    from analysis.pipeline.config import evaluations
    from analysis.report import scoreboard

    evs = evaluations()
    rows = scoreboard.gather(evs)
    folder_study: dict[str, str] = {}
    folder_run: dict[str, str] = {}

    def raw_folders(ev: object) -> int:
        return sum(Path(i).parts[:2] == ("data", "raw") for i in ev.inputs)

    # a folder belongs to the most specific evaluation that reads it (fewest raw folders)
    for ev in sorted(evs, key=raw_folders):
        for item in ev.inputs:
            parts = Path(item).parts
            if len(parts) >= 3 and parts[:2] == ("data", "raw") and ev.study != "audit":
                folder_study.setdefault(parts[2], ev.study)
                folder_run.setdefault(parts[2], ev.runs[0].id)
    inputs = ledger_inputs.compute() if inputs is None else inputs
    return build(rows, inputs.findings, inputs.statements, folder_study, folder_run,
                 shown_tables(evs), inputs.finding_keys), rows


_FINDINGS_FOR = re.compile(r"findings_for\(([^)]*)\)")


def shown_tables(evs: list) -> dict[str, str]:
    """Table → the primary run whose notebook shows the audit's findings on it (a
    ``findings_for("table", …)`` call in a code cell; the first evaluation in order wins), so
    that a ledger row decided by the audit links to the page that shows it (Tabel 6's target row
    is read by two notebooks of one folder; only the Pareto page shows its findings)."""
    out: dict[str, str] = {}
    for ev in evs:
        if ev.study == "audit":
            continue
        nb = json.loads((paths.ROOT / ev.notebook).read_text(encoding="utf-8"))
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        for call in _FINDINGS_FOR.findall(code):
            for name in re.findall(r"[\"']([A-Za-z0-9_]+)[\"']", call):
                out.setdefault(name, ev.runs[0].id)
    return out


def anchor(key: str) -> str:
    """The HTML anchor of a ledger row on the audit page (stable: a hash of the key)."""
    import hashlib

    return "ledger-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@cache
def section(run: str) -> str:
    """The anchor of the section of a study page that shows its findings: ``key-findings``
    when the notebook has that heading, else ``reproducibility``, else ``""`` (the page's top);
    the site's heading ids (Sphinx), read from the notebook's markdown."""
    from analysis.pipeline.config import evaluations

    for ev in evaluations():
        if any(r.id == run for r in ev.runs):
            nb = json.loads((paths.ROOT / ev.notebook).read_text(encoding="utf-8"))
            heads = {line.strip().lower() for c in nb["cells"] if c["cell_type"] == "markdown"
                     for line in "".join(c["source"]).splitlines() if line.startswith("## ")}
            for h, a in (("## key findings", "key-findings"),
                         ("## reproducibility", "reproducibility")):
                if h in heads:
                    return a
    return ""


@cache
def page_title(run: str) -> str:
    """The title of the study page of ``run`` (its evaluation's title), for link texts."""
    from analysis.pipeline.config import evaluations

    return next((ev.title for ev in evaluations() for r in ev.runs if r.id == run), run)


def page_link(run: str) -> str:
    """``site/studies/<run>.html#<section>``: the study page on the site and the Sphinx id of
    the section that shows its findings (relative to ``reports/``; the site rewrites it for its
    own pages)."""
    a = section(run)
    return paths.site_page(run, primary=True) + (f"#{a}" if a else "")

