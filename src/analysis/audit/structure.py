"""The interpreter of ``structure`` blocks: which printed numbers of a table to check, and how.

A block (docs/contracts.md §1) is first validated against ``structure.schema.json`` (JSON Schema,
:mod:`jsonschema`); an invalid block raises :class:`AuditStructureError` naming the datapackage
file, the resource and the path inside the block. The interpreter then resolves operands (a column
of the table, a number, or a reference to one cell ``{"table", "column", "where"}``) and calls the
scalar checks of :mod:`analysis.audit.checks`. Each finding records ``published_line``, the source
line of the printed number it judges.

Keys, each a list of objects (every object may add ``reading``, ``key_figure`` and ``explained``,
the source's own explanation of a discrepancy such as a footnote on rounding):
``totals``, ``column_totals``, ``percentages``, ``percent_groups``, ``means`` (GRIM),
``pooled_means`` (``parts_table``: the part rows printed in another table of the same source
document), ``ratios``, ``restates``, ``same_population`` (a number and the number of the
same population in another table of the same source document), ``row_sums``,
``row_percentages``; and ``row_label`` (the column(s) naming a row in findings).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import numpy as np
import pandas as pd

from analysis import printed, rawdata
from analysis.audit.checks import (
    check_derived_count,
    check_grim,
    check_percent_group,
    check_percentage,
    check_pooled_mean,
    check_ratio,
    check_restatement,
    check_sum,
    sum_tolerance,
)
from analysis.audit.record import (
    CHECKS,
    AuditStructureError,
    _frame,
    _g,
    _lines,
    _num,
    finding,
    to_decimals,
)
from analysis.results import tolerance_for

SCHEMA_PATH = Path(__file__).with_name("structure.schema.json")


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_structure(struct: Any, where: str) -> None:
    """Raise :class:`AuditStructureError` (``where``: file and resource) unless ``struct`` is a
    valid structure block; the message names the path inside the block and the problem."""
    errors = sorted(_validator().iter_errors(struct), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    e = jsonschema.exceptions.best_match(errors)
    path = "structure" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                                 for p in e.absolute_path)
    raise AuditStructureError(f"{where}: {path}: {e.message}")

def _at(at: Cell | int | None, f: dict[str, Any]) -> dict[str, Any]:
    """Record on finding ``f`` the printed number it judges: its source line and, given the
    cell, its label (:mod:`analysis.printed`; together the ledger's key)."""
    if isinstance(at, Cell):
        f["published_line"], f["published_label"] = at.line, at.key
    else:
        f["published_line"] = at
    return f


def _explained(spec: dict | None) -> str:
    """The source's own explanation of a discrepancy, as ``"rounding (line n: 'statement')"``."""
    if not spec:
        return ""
    return f"{spec['reason']} (line {spec['line']}: '{spec['statement_nl']}')"


def decomposition(table: str, check: str, spec: dict, item: str) -> str:
    """What a check adds a printed number up from, when a table declares several ways.

    One printed total may have several declared decompositions (Tabel 8's total by team and by
    referral type; 13 ambassadors = women + men = the sum of the neighbourhoods), and one printed
    N several sets of percentages (two questions answered by the same 47). Each is its own claim
    of the source, so each is its own *kind* of check (``<check> by <decomposition>`` in the
    ledger, :func:`analysis.ledger.checks`): checking one total against two declared
    decompositions is not a double check; checking it twice against the same parts is.
    ``""`` for the checks whose operands are fixed by the number itself (percentages, ratios,
    GRIM, restatements, same population).
    """
    if check in ("totals", "pooled_means"):
        within = f" within {'/'.join(spec['group_by'])}" if spec.get("group_by") else ""
        parts = f" ({'+'.join(spec['part_labels'])})" if spec.get("part_labels") else ""
        if spec.get("parts_table"):
            parts = f" ({spec['parts_table']}: {'+'.join(spec['part_labels'])})"
        return f"{table}.{spec['label_column']}{within}{parts}"
    if check in ("column_totals", "row_sums"):
        return f"{table}: {' + '.join(spec['parts'])}"
    if check == "percent_groups":
        return f"{table}: {item.rsplit(' (', 1)[0]}"
    return ""


@dataclass(frozen=True)
class Cell:
    """One printed number with its printing precision, source line and a readable label."""

    value: float | None
    decimals: int
    line: int | None
    label: str
    exact: bool = False  # an integer-typed field (a count): no rounding of its own
    key: str = ""  # the cell's label in the printed number's key (analysis.printed)


Loader = Callable[[str], pd.DataFrame]


class _Table:
    """A loaded table with its dictionary entry: cells, decimals, row labels."""

    def __init__(self, name: str, df: pd.DataFrame, entry: rawdata.Entry):
        self.name, self.df, self.entry = name, df, entry
        self.fields = {f["name"]: f for f in entry.fields}
        struct = entry.descriptor.get("structure") or {}
        self.label_columns = self._label_columns(struct.get("row_label"))
        self.keys = printed.row_labels(entry, df)

    def _label_columns(self, declared: str | list[str] | None) -> list[str]:
        if declared:
            return [declared] if isinstance(declared, str) else list(declared)
        strings = [c for c, f in self.fields.items()
                   if f.get("type", "string") == "string" and c in self.df.columns
                   and c not in ("unit", "value_text", "statement_nl", "basis")]
        nl = [c for c in strings if c.endswith("_nl")]
        return nl[:2] or strings[:1]

    def where(self) -> str:
        return f"{self.entry.package_path}, resource {self.name!r}"

    def label(self, i: Any) -> str:
        if not self.label_columns:
            return f"row {i}"
        parts = [str(self.df.at[i, c]) for c in self.label_columns
                 if _num(self.df.at[i, c]) is None and not pd.isna(self.df.at[i, c])]
        return " / ".join(parts) or f"row {i}"

    def decimals(self, i: Any, column: str) -> int:
        if "decimals" in self.df.columns and column != "decimals":
            d = self.df.at[i, "decimals"]
            if _num(d) is not None:
                return int(d)
        f = self.fields.get(column, {})
        if "decimals" in f:
            return int(f["decimals"])
        return 0

    def line(self, i: Any) -> int | None:
        if "line" in self.df.columns:
            v = _num(self.df.at[i, "line"])
            return int(v) if v is not None else None
        return None

    def cell(self, i: Any, column: str, decimals: int | None = None) -> Cell:
        return Cell(_num(self.df.at[i, column]),
                    self.decimals(i, column) if decimals is None else int(decimals),
                    self.line(i), self.label(i),
                    self.fields.get(column, {}).get("type") == "integer",
                    printed.cell_label(self.name, self.keys[i], column))

    def unit(self, column: str) -> str:
        return str(self.fields.get(column, {}).get("unit", ""))


class _Audit:
    """Walks the structure blocks of a catalog (see :func:`run_audit`)."""

    def __init__(self, catalog: Mapping[str, rawdata.Entry], loader: Loader):
        self.catalog, self.loader = catalog, loader
        self._tables: dict[str, _Table] = {}

    def table(self, name: str, context: _Table | None = None) -> _Table:
        if name not in self._tables:
            if name not in self.catalog:
                where = context.where() if context else ""
                raise AuditStructureError(f"{where}: structure refers to unknown table {name!r}")
            self._tables[name] = _Table(name, self.loader(name), self.catalog[name])
        return self._tables[name]

    # -- structure validation ----------------------------------------------------------------

    def _err(self, t: _Table, key: str, k: int, msg: str) -> AuditStructureError:
        return AuditStructureError(f"{t.where()}: structure.{key}[{k}]: {msg}")

    def _col(self, t: _Table, key: str, k: int, col: Any) -> str:
        if not isinstance(col, str) or col not in t.df.columns:
            raise self._err(t, key, k, f"column {col!r} is not a field of the table "
                            f"(fields: {', '.join(t.df.columns)})")
        return col


    def _operand(self, t: _Table, key: str, k: int, spec: Any, i: Any,
                 decimals: int | None = None) -> Cell:
        """A column of this table (row ``i``), a constant, or a reference to one cell."""
        if isinstance(spec, bool):
            raise self._err(t, key, k, f"operand {spec!r} is not a column, number or reference")
        if isinstance(spec, int | float):
            return Cell(float(spec), 0, None, _g(float(spec)))
        if isinstance(spec, str):
            if i is None:
                raise self._err(t, key, k, f"column operand {spec!r} needs a row")
            return t.cell(i, self._col(t, key, k, spec), decimals)
        if isinstance(spec, dict) and "column" in spec:
            other = self.table(spec.get("table", t.name), t) if spec.get("table") else t
            col = self._col(other, key, k, spec["column"])
            where = spec.get("where") or {}
            mask = pd.Series(True, index=other.df.index)
            for c, v in where.items():
                mask &= other.df[self._col(other, key, k, c)] == v
            idx = list(other.df.index[mask.fillna(False)])
            if len(idx) != 1:
                raise self._err(t, key, k, f"reference {spec} matches {len(idx)} rows of "
                                f"{other.name!r}, expected exactly 1")
            return other.cell(idx[0], col, decimals)
        raise self._err(t, key, k, f"operand {spec!r} is not a column, number or reference")

    @staticmethod
    def _is_rowwise(*specs: Any) -> bool:
        return any(isinstance(s, str) for s in specs)

    def _rows(self, t: _Table, *specs: Any) -> list[Any]:
        return list(t.df.index) if self._is_rowwise(*specs) else [None]

    # -- grouped totals ----------------------------------------------------------------------

    def _groups(self, t: _Table, key: str, k: int, spec: dict) -> list[tuple[str, list, list]]:
        """(group name, total row indices, part row indices) per group holding a total row."""
        label = self._col(t, key, k, spec["label_column"])
        totals = spec["total_labels"]
        group_by = [self._col(t, key, k, c) for c in spec.get("group_by") or []]
        part_labels = spec.get("part_labels")
        exclude = set(spec.get("exclude_labels") or [])
        df = t.df
        where = spec.get("where") or {}
        for c, v in where.items():  # restrict the rows the check sees, e.g. to total rows only
            vals = v if isinstance(v, list) else [v]
            df = df[df[self._col(t, key, k, c)].isin(vals).fillna(False)]
        keys = (df[group_by].astype("string").fillna("").agg(" / ".join, axis=1)
                if group_by else pd.Series("", index=df.index))
        out = []
        for g in dict.fromkeys(keys):
            rows = df.index[keys == g]
            labs = df.loc[rows, label].astype("string")
            tot = [i for i in rows if labs[i] in totals]
            if not tot:
                continue
            if part_labels is not None:
                parts = [i for i in rows if labs[i] in part_labels]
                absent = set(part_labels) - set(labs[parts])
                if absent:
                    raise self._err(t, key, k, f"part_labels {sorted(absent)} not found in group "
                                    f"{g or '(whole table)'!r}")
            else:
                parts = [i for i in rows if labs[i] not in totals and labs[i] not in exclude]
            out.append((g, tot, parts))
        return out

    def totals(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        cols = [self._col(t, key, k, c) for c in spec["value_columns"]]
        rounded = bool(spec.get("rounded_parts", False))
        out = []
        for g, tot_rows, parts in self._groups(t, key, k, spec):
            for i in tot_rows:
                for c in cols:
                    total = t.cell(i, c)
                    pcs = [t.cell(j, c) for j in parts]
                    item = f"{t.label(i)}: {c}" + (f" (group {g})" if g else "")
                    lines = _lines([total.line, *[p.line for p in pcs]])
                    out.append(_at(total, check_sum(
                        item, total.value, [p.value for p in pcs], decimals=total.decimals,
                        part_decimals=[p.decimals for p in pcs], rounded_parts=rounded,
                        lines=lines, part_names=[p.label for p in pcs], unit=t.unit(c))))
        return out

    def _parts_elsewhere(self, t: _Table, key: str, k: int, spec: dict) -> tuple[_Table, list]:
        """``parts_table``: the part rows (``part_labels`` of ``label_column``) are printed in
        another table of the same source document (Tabel 6's target-group row, a table of its
        own, pools three of Tabel 6's categories)."""
        other = self.table(spec["parts_table"], t)
        if other.entry.source_file != t.entry.source_file:
            raise self._err(t, key, k, f"parts_table {other.name!r} is from "
                            f"{other.entry.source_file}, not {t.entry.source_file}")
        if not spec.get("part_labels"):
            raise self._err(t, key, k, "parts_table needs part_labels (the part rows)")
        lab = other.df[self._col(other, key, k, spec["label_column"])].astype("string")
        parts = [j for j in other.df.index if lab[j] in spec["part_labels"]]
        absent = set(spec["part_labels"]) - set(lab[parts])
        if absent:
            raise self._err(t, key, k, f"part_labels {sorted(absent)} not found in "
                            f"{other.name!r}")
        return other, parts

    def pooled_means(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        mcol, wcol = self._col(t, key, k, spec["mean"]), self._col(t, key, k, spec["weight"])
        out = []
        if spec.get("parts_table"):
            other, parts = self._parts_elsewhere(t, key, k, spec)
            lab = t.df[self._col(t, key, k, spec["label_column"])].astype("string")
            for i in [i for i in t.df.index if lab[i] in spec["total_labels"]]:
                total = t.cell(i, mcol, spec.get("decimals"))
                ms = [other.cell(j, self._col(other, key, k, mcol)) for j in parts]
                ws = [other.cell(j, self._col(other, key, k, wcol)) for j in parts]
                item = f"{t.label(i)}: {mcol} weighted by {wcol} ({other.name})"
                out.append(_at(total, check_pooled_mean(
                    item, total.value, [m.value for m in ms], [w.value for w in ws],
                    decimals=total.decimals, part_decimals=[m.decimals for m in ms],
                    lines=_lines([total.line, *[m.line for m in ms]]), unit=t.unit(mcol))))
            return out
        for g, tot_rows, parts in self._groups(t, key, k, spec):
            for i in tot_rows:
                total = t.cell(i, mcol, spec.get("decimals"))
                ms = [t.cell(j, mcol) for j in parts]
                ws = [t.cell(j, wcol) for j in parts]
                item = f"{t.label(i)}: {mcol} weighted by {wcol}" + (f" (group {g})" if g else "")
                out.append(_at(total, check_pooled_mean(
                    item, total.value, [m.value for m in ms], [w.value for w in ws],
                    decimals=total.decimals, part_decimals=[m.decimals for m in ms],
                    lines=_lines([total.line, *[m.line for m in ms]]), unit=t.unit(mcol))))
        return out

    def column_totals(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        parts = [self._col(t, key, k, c) for c in spec["parts"]]
        total = spec["total"]
        constant = isinstance(total, int | float) and not isinstance(total, bool)
        if not constant:
            total = self._col(t, key, k, total)
        rounded = bool(spec.get("rounded_parts", False))
        out = []
        for i in t.df.index:
            pcs = [t.cell(i, c) for c in parts]
            if constant:  # e.g. shares that must add to 100: the total is exact, not printed
                if all(p.value is None for p in pcs):
                    continue  # a row printing none of the parts holds nothing to check
                # not a printed cell: the key names the row's parts, whose sum is judged
                tc = Cell(float(total), 0, t.line(i), t.label(i),
                          key=printed.cell_label(t.name, t.keys[i], " + ".join(parts)))
                decimals, unit = max(p.decimals for p in pcs), t.unit(parts[0])
            else:
                tc = t.cell(i, total)
                decimals, unit = tc.decimals, t.unit(total)
            f = check_sum(f"{t.label(i)}: {_g(tc.value) if constant else total} = "
                          f"{' + '.join(parts)}", tc.value, [p.value for p in pcs],
                          decimals=decimals, part_decimals=[p.decimals for p in pcs],
                          rounded_parts=rounded, lines=_lines([t.line(i)]), part_names=parts,
                          check="column_totals", unit=unit)
            if constant and f["computed"] is not None:
                # an exact total has no rounding of its own: only the parts' half units count
                f = finding("column_totals", f["item"], tc.value, f["computed"],
                            sum_tolerance(decimals, [p.decimals for p in pcs], rounded)
                            - tolerance_for(decimals) if rounded else tolerance_for(decimals),
                            decimals=decimals, arithmetic=f["arithmetic"].replace(
                                "half a unit each plus half a unit of the total",
                                "half a unit each; the total is exact"),
                            lines=f["lines"], unit=unit)
            out.append(_at(tc, f))
        return out

    def row_sums(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        """Key/value tables: the row labelled ``total`` = Σ rows labelled ``parts``."""
        lab, val = spec["label_column"], spec["value_column"]

        def ref(x: str) -> Cell:
            return self._operand(t, key, k, {"column": val, "where": {lab: x}}, None)

        total, pcs = ref(spec["total"]), [ref(p) for p in spec["parts"]]
        item = f"{total.label}: {spec['total']} = {' + '.join(spec['parts'])}"
        return [_at(total, check_sum(
            item, total.value, [p.value for p in pcs], decimals=total.decimals,
            part_decimals=[p.decimals for p in pcs],
            rounded_parts=bool(spec.get("rounded_parts", False)),
            lines=_lines([total.line, *[p.line for p in pcs]]),
            part_names=list(spec["parts"]), unit=t.unit(val)))]

    # -- cell-wise checks --------------------------------------------------------------------

    def _triples(self, t: _Table, key: str, k: int, spec: dict,
                 names: tuple[str, str, str]) -> Iterator[tuple[str, Cell, Cell, Cell]]:
        """Per row: the printed column's name and the three operands ``names`` of ``spec`` (the
        first printed with ``decimals``); rows where that column prints nothing are skipped."""
        first = spec[names[0]]
        for i in self._rows(t, *(spec[n] for n in names)):
            a = self._operand(t, key, k, first, i, spec.get("decimals"))
            b, c = (self._operand(t, key, k, spec[n], i) for n in names[1:])
            if a.value is None and isinstance(first, str):
                continue  # rows without a printed value hold nothing to check
            yield first if isinstance(first, str) else first.get("column"), a, b, c

    def percentages(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        out = []
        for name, p, c, d in self._triples(t, key, k, spec, ("percent", "count", "denominator")):
            lines = _lines([p.line, c.line, d.line])
            scale = float(spec.get("scale", 100))
            derived = spec.get("derived", "percent")
            if derived == "count":
                out.append(_at(c, check_derived_count(
                    f"{c.label}: count = {name} × denominator", c.value, p.value, d.value,
                    count_decimals=c.decimals, scale=scale, lines=lines)))
            else:
                out.append(_at(p, check_percentage(
                    f"{p.label}: {name}", p.value, c.value, d.value, decimals=p.decimals,
                    scale=scale, lines=lines)))
        return out

    def row_percentages(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        """Key/value tables: row ``percent`` = 100 × row ``count`` / row ``denominator``."""
        lab, val = spec["label_column"], spec["value_column"]
        conv = {"percent": spec["percent"], "count": spec["count"],
                "denominator": spec["denominator"]}
        conv = {n: ({"column": val, "where": {lab: v}} if isinstance(v, str) else v)
                for n, v in conv.items()}
        out = self.percentages(t, key, k, {**spec, **conv})
        for f in out:
            f["item"] = (f"{spec['count']} = {spec['percent']} × {spec['denominator']}"
                         if spec.get("derived") == "count" else
                         f"{spec['percent']} = {spec['count']} / {spec['denominator']}")
        return out

    def ratios(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        out = []
        for name, r, a, b in self._triples(t, key, k, spec, ("ratio", "numerator", "denominator")):
            unit = t.unit(name) if isinstance(spec["ratio"], str) else ""
            out.append(_at(r, check_ratio(
                f"{r.label}: {name}", r.value, a.value, b.value, decimals=r.decimals,
                scale=float(spec.get("scale", 1)), lines=_lines([r.line, a.line, b.line]),
                unit=unit)))
        return out

    def means(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        items = int(spec.get("integer_items", 1))
        out = []
        for i in self._rows(t, spec["mean"], spec["n"]):
            m = self._operand(t, key, k, spec["mean"], i, spec.get("decimals"))
            n = self._operand(t, key, k, spec["n"], i)
            if m.value is None and isinstance(spec["mean"], str):
                continue
            name = spec["mean"] if isinstance(spec["mean"], str) else spec["mean"].get("column")
            out.append(_at(m, check_grim(f"{m.label}: {name}", m.value, n.value,
                                              decimals=m.decimals, items=items,
                                              lines=_lines([m.line, n.line]))))
        return out

    def percent_groups(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        pcols = spec["percent"] if isinstance(spec["percent"], list) else [spec["percent"]]
        pcols = [self._col(t, key, k, c) for c in pcols]
        group_by = [self._col(t, key, k, c) for c in spec.get("group_by") or []]
        n_spec = spec.get("n")
        n_range = tuple(spec["n_range"]) if spec.get("n_range") else None
        df = t.df
        for c, v in (spec.get("where") or {}).items():  # restrict to some rows, e.g. one per entry
            vals = v if isinstance(v, list) else [v]
            df = df[df[self._col(t, key, k, c)].isin(vals).fillna(False)]
        keys = (df[group_by].astype("string").fillna("").agg(" / ".join, axis=1)
                if group_by else pd.Series("", index=df.index))
        out = []
        for g in dict.fromkeys(keys):
            cells = [t.cell(i, c, spec.get("decimals")) for i in df.index[keys == g]
                     for c in pcols]
            cells = [c for c in cells if c.value is not None]
            rows = [i for i in df.index[keys == g] if any(_num(df.at[i, c]) is not None
                                                          for c in pcols)]
            if not rows:
                continue
            n, n_cell = None, None
            if isinstance(n_spec, str):
                ncol = self._col(t, key, k, n_spec)
                ns = {_num(df.at[i, ncol]) for i in rows} - {None}
                if len(ns) > 1:
                    raise self._err(t, key, k, f"group {g!r} has several n values {sorted(ns)}")
                n = ns.pop() if ns else None
                n_cell = next((t.cell(i, ncol) for i in rows if _num(df.at[i, ncol]) == n),
                              None)
            elif n_spec is not None:
                n_cell = self._operand(t, key, k, n_spec, None)
                n = n_cell.value
            # a constant N is not on a line of its own: the group's first line names it
            at = n_cell if n_cell is not None and n_cell.line is not None else (
                cells[0].line if cells else None)
            out.append(_at(at, check_percent_group(
                f"{g or t.name}: {', '.join(pcols)} ({len(cells)} percentages)",
                [c.value for c in cells], [c.decimals for c in cells], n, n_range=n_range,
                lines=_lines([c.line for c in cells]))))
        return out

    def restates(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        origins = spec["origin"] if isinstance(spec["origin"], list) else [spec["origin"]]
        out = []
        for i in self._rows(t, spec["value"], *origins):
            v = self._operand(t, key, k, spec["value"], i)
            if v.value is None and isinstance(spec["value"], str):
                continue
            os_ = [self._operand(t, key, k, o, i) for o in origins]
            if len(os_) == 1:
                o = os_[0]
                out.append(_at(v, check_restatement(
                    f"{v.label} restates {o.label}", v.value, v.decimals, o.value, o.decimals,
                    scale=float(spec.get("scale", 1)), origin_exact=o.exact,
                    lines=_lines([v.line, o.line]))))
                continue
            # a sum of several printed numbers restated as one: each part's rounding adds up
            vals = [o.value for o in os_]
            total = None if any(x is None for x in vals) else float(np.sum(vals))
            f = check_restatement(
                f"{v.label} restates {' + '.join(o.label for o in os_)}", v.value, v.decimals,
                total, 0, scale=float(spec.get("scale", 1)), origin_exact=True,
                lines=_lines([v.line, *[o.line for o in os_]]))
            if total is not None:
                extra = sum(tolerance_for(o.decimals) for o in os_ if not o.exact)
                f = finding("restates", f["item"], v.value, f["computed"],
                            f["tolerance"] + abs(float(spec.get("scale", 1))) * extra,
                            decimals=v.decimals, lines=f["lines"],
                            arithmetic=(f"{' + '.join(_g(x) for x in vals)} = {_g(total)}; "
                                        f"restated as {_g(v.value)} ({to_decimals(v.decimals)}); "
                                        "tolerance: half a unit of the restatement plus half a "
                                        "unit of each rounded part"))
            out.append(_at(v, f))
        return out

    def same_population(self, t: _Table, key: str, k: int, spec: dict) -> list[dict]:
        """A number and the number of the same population in other tables of the same source
        document (e.g. the children counted in Tabel 1 and in Tabel 4 of one appendix)."""
        out = []
        for i in self._rows(t, spec["value"]):
            v = self._operand(t, key, k, spec["value"], i)
            if v.value is None and isinstance(spec["value"], str):
                continue
            for ref in spec["same_as"]:
                other = self.table(ref.get("table", t.name), t)
                if other.entry.source_file != t.entry.source_file:
                    raise self._err(t, key, k, f"same_as table {other.name!r} is from "
                                    f"{other.entry.source_file}, not {t.entry.source_file}")
                o = self._operand(t, key, k, ref, i)
                f = check_restatement(
                    f"{v.label} ({t.name}) = {o.label} ({other.name})", v.value, v.decimals,
                    o.value, o.decimals, origin_exact=o.exact, lines=_lines([v.line, o.line]))
                f["check"] = "same_population"
                out.append(_at(v, f))
        return out

    # -- one table ---------------------------------------------------------------------------

    def audit_table(self, name: str) -> pd.DataFrame:
        entry = self.catalog[name]
        struct = entry.descriptor.get("structure")
        validate_structure(struct, f"{entry.package_path}, resource {name!r}")
        t = self.table(name)
        frames = []
        for key in CHECKS:
            for k, spec in enumerate(struct.get(key) or []):
                rows = getattr(self, key)(t, key, k, spec)
                f = _frame(rows)
                f["reading"] = str(spec.get("reading", ""))
                f["key_figure"] = bool(spec.get("key_figure", False))
                f["explained"] = _explained(spec.get("explained"))
                f["spec"] = f"structure.{key}[{k}]"
                f["decomposition"] = [decomposition(name, key, spec, item) for item in f["item"]]
                frames.append(f)
        if not frames:
            return pd.DataFrame()
        df = pd.concat(frames, ignore_index=True)
        df.insert(0, "table", name)
        df["table_title"] = str(t.entry.descriptor.get("title", name))
        df["folder"] = t.entry.package_path.parent.name
        df["source_file"] = t.entry.source_file
        df["source"] = [rawdata.source(name, ln) if ln else rawdata.source(name)
                        for ln in df["lines"]]
        return df

