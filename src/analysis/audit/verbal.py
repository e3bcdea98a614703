"""Numbers stated in words against the printed numbers they restate ("de helft" for 47%).

The tables of ``data/raw/number_words`` (one per source file; columns ``key``,
``statement_nl``, ``phrase_nl``, ``value``, ``unit``, ``decimals``, ``line``, ``restates``)
hold every number the sources state in words that restates a result. ``phrase_nl`` is the phrase
verbatim as :func:`analysis.number_words.spelled_numbers` finds it on ``line``; ``value`` is
what the phrase states, computed by that function (a row whose ``value`` differs is an error
naming the file, the row and the column); ``restates`` is the key of the printed number it
restates (``<source file>:<line>:<table>[<row>].<column>``, :mod:`analysis.printed`), or empty
when the words state a result printed nowhere in digits (then the row is its transcription,
compared by nothing).

Each restatement is one ``restates`` finding (:func:`analysis.audit.checks.check_restatement`,
the phrase printed to whole units): equal within rounding → ``pass``; otherwise ``fail``, which
the ledger's severity rules call ``wording`` (:mod:`analysis.severity`, rule ``verbal``).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis import printed, rawdata
from analysis.audit.checks import check_restatement
from analysis.audit.record import _frame
from analysis.audit.structure import Loader, _Table
from analysis.number_words import spelled_numbers

FOLDER = "number_words"


class VerbalRestatementError(ValueError):
    """A row of ``data/raw/number_words`` does not say what its phrase says."""


def tables(catalog: Mapping[str, rawdata.Entry]) -> list[str]:
    """The number-word tables of ``catalog`` (the resources of ``data/raw/number_words``)."""
    return sorted(n for n, e in catalog.items() if e.package_path.parent.name == FOLDER)


def phrase_value(phrase: str) -> tuple[float, str]:
    """(value, ``percent`` or ``count``) of a phrase: the one number words state in it."""
    found = spelled_numbers(phrase)
    if len(found) != 1 or found[0].phrase != phrase:
        raise ValueError(f"{phrase!r} is not one number in words "
                         f"(found: {[f.phrase for f in found]})")
    return float(found[0].value), found[0].unit


LOWER = ("ruim", "meer dan", "minimaal", "ten minste", "tenminste")
UPPER = ("bijna", "minder dan", "maximaal", "krap")


def bound(phrase: str, value: float, origin: float | None) -> str:
    """``"; read as a lower bound ('ruim'): 27 ≥ 25 holds"`` for a phrase with a bounding qualifier,
    else ``""``. A reading for the arithmetic; the verdict stays the comparison of values."""
    low = phrase.lower()
    q = next((w for w in LOWER + UPPER if low.startswith(w + " ")), "")
    if not q or origin is None:
        return ""
    lower = q in LOWER
    holds = origin >= value if lower else origin <= value
    return (f"; read as a{' lower' if lower else 'n upper'} bound ('{q}'): {origin:g} "
            f"{'≥' if lower else '≤'} {value:.4g} {'holds' if holds else 'does not hold'}")


def _source(entry: rawdata.Entry, lines: str) -> str:
    """Provenance of a finding (as :func:`analysis.rawdata.source`, from the entry itself)."""
    where = entry.source_path.split(", lines")[0].split(", line")[0]
    return f"{entry.source_file}, {where}, L{lines}"


def validate(name: str, entry: rawdata.Entry, df: pd.DataFrame, lines: list[str]) -> None:
    """Raise :class:`VerbalRestatementError` unless every row's statement and phrase are on its
    line and the phrase states its ``value`` and its kind of unit (``percent`` for a share, a
    count otherwise)."""
    for i, r in enumerate(df.itertuples(index=False)):
        where = f"{entry.path}, row {i + 2} (key {r.key}), column {{!r}}"
        if not 1 <= int(r.line) <= len(lines) or not any(
                s.phrase == r.phrase_nl for s in spelled_numbers(lines[int(r.line) - 1])):
            raise VerbalRestatementError(
                where.format("phrase_nl") + f": {r.phrase_nl!r} is not a number in words on "
                f"line {r.line} of {entry.source_file} (analysis.number_words.spelled_numbers)")
        if str(r.statement_nl) not in lines[int(r.line) - 1]:
            raise VerbalRestatementError(
                where.format("statement_nl") + f": not verbatim on line {r.line} of "
                f"{entry.source_file}")
        try:
            value, kind = phrase_value(str(r.phrase_nl))
        except ValueError as e:
            raise VerbalRestatementError(where.format("phrase_nl") + f": {e}") from None
        if abs(value - float(r.value)) > 1e-6 * max(1.0, abs(value)):
            raise VerbalRestatementError(
                where.format("value") + f": {r.value:g}, but {r.phrase_nl!r} states {value:.6g} "
                "(analysis.number_words)")
        if (kind == "percent") != (str(r.unit) == "percent"):
            raise VerbalRestatementError(
                where.format("unit") + f": {r.unit!r}, but {r.phrase_nl!r} states a "
                f"{'share (percent)' if kind == 'percent' else 'count'}")


def _origin(key: str, catalog: Mapping[str, rawdata.Entry], loader: Loader,
            cache: dict[str, _Table]) -> tuple[_Table, int, str]:
    """The table, row and column of the printed number named by ``key``."""
    file, line, label = printed.split_key(key)
    table, _, rest = label.partition("[")
    column = rest.rsplit("].", 1)[-1]
    if table not in catalog:
        raise VerbalRestatementError(f"restates {key!r}: no table {table!r} in data/raw")
    if table not in cache:
        cache[table] = _Table(table, loader(table), catalog[table])
    t = cache[table]
    for i in t.df.index:
        if (t.line(i) == line and column in t.df.columns
                and printed.cell_label(table, t.keys[i], column) == label
                and t.entry.source_file == file):
            return t, i, column
    raise VerbalRestatementError(f"restates {key!r}: no such printed number "
                                 "(analysis.printed.cells lists the keys)")


def findings(catalog: Mapping[str, rawdata.Entry] | None = None,
             loader: Loader | None = None, seeds: object = None) -> pd.DataFrame:
    """One ``restates`` finding per number-word row with a ``restates`` key, in the columns of
    :meth:`analysis.audit.structure._Audit.audit_table` (empty when there is no such table)."""
    from analysis import paths

    catalog = rawdata.catalog() if catalog is None else catalog
    loader = loader or rawdata.load
    seeds = paths.SEEDS if seeds is None else seeds
    frames, cache = [], {}
    for name in tables(catalog):
        entry = catalog[name]
        df = loader(name)
        src = seeds / entry.source_file  # type: ignore[operator]
        if src.is_file():
            validate(name, entry, df, src.read_text(encoding="utf-8").splitlines())
        labels = printed.row_labels(entry, df)
        rows = []
        for i, r in zip(df.index, df.itertuples(index=False), strict=True):
            if pd.isna(r.restates) or not str(r.restates):
                continue
            t, j, col = _origin(str(r.restates), catalog, loader, cache)
            o = t.cell(j, col)
            f = check_restatement(
                f"{r.key} restates {o.key}, in words '{r.phrase_nl}'", float(r.value),
                int(r.decimals),
                o.value, o.decimals, origin_exact=o.exact, unit=str(r.unit),
                lines=f"{int(r.line)},{o.line}" if o.line and o.line != r.line else str(r.line))
            f["arithmetic"] = (f"'{r.phrase_nl}' (line {int(r.line)}) states {float(r.value):.4g}"
                               f" ({r.unit}); it restates {o.key} = {o.value:g} (line {o.line})"
                               f"{bound(str(r.phrase_nl), float(r.value), o.value)}; "
                               f"{f['arithmetic']}")
            f["published_line"] = int(r.line)
            f["published_label"] = printed.cell_label(name, labels[i], "value")
            rows.append(f)
        if not rows:
            continue
        out = _frame(rows)
        out.insert(0, "table", name)
        out["table_title"] = str(entry.descriptor.get("title", name))
        out["folder"] = FOLDER
        out["source_file"] = entry.source_file
        out["source"] = [_source(entry, ln) for ln in out["lines"]]
        out["reading"] = "a number stated in words restates a printed number"
        out["key_figure"] = False
        out["explained"] = ""
        out["spec"] = "number_words.restates"
        out["decomposition"] = ""
        frames.append(out)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
