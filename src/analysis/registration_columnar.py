"""Registration files at population scale: the schema's checks, vectorised.

:func:`analysis.registration.validate_file` hands a Parquet file, or a CSV of at least
:data:`analysis.columnar.LARGE_BYTES`, to :func:`validate`: the file is read by
:func:`analysis.columnar.read_table` and every constraint of the schema (required, unique,
pattern, enum, number/integer/date types, minimum/maximum) and every cross-field rule
(``x-list`` items, ``x-rules``, dates in the future) is checked on whole columns, or once per
distinct value of a text column, instead of cell by cell through frictionless and row by row.
Messages have the form of the exact path (``line N, column 'x': …``); at most
:data:`MAX_PROBLEMS` are listed, followed by the number left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis import columnar, rawdata
from analysis import mapping as mapping_mod
from analysis import registration as reg
from analysis.userfiles import UserFileError

#: problems listed in a message; the rest are counted
MAX_PROBLEMS = 50


class _Problems:
    """Problems in file order of discovery, capped at :data:`MAX_PROBLEMS` listed."""

    def __init__(self, lines: np.ndarray) -> None:
        self.lines = lines
        self.listed: list[str] = []
        self.total = 0

    def add(self, mask: np.ndarray | pd.Series, column: str, text: Any) -> None:
        """One problem per row where ``mask`` holds; ``text`` is a string or a function of the
        row position (called only for the rows listed)."""
        rows = np.flatnonzero(np.asarray(mask, dtype=bool))
        self.total += len(rows)
        for i in rows[: max(0, MAX_PROBLEMS - len(self.listed))]:
            msg = text if isinstance(text, str) else text(i)
            self.listed.append(f"line {self.lines[i]}, column {column!r}: {msg}")

    def result(self) -> list[str]:
        more = self.total - len(self.listed)
        return self.listed + ([f"… and {more:,} more problem(s) of the same kinds"] if more else [])


def _field_checks(data: pd.DataFrame, problems: _Problems) -> None:
    for f in reg.fields():
        name, c = f["name"], f.get("constraints", {})
        if name not in data.columns:
            if c.get("required"):
                problems.listed.append(f"header, column {name!r}: required column is missing")
                problems.total += 1
            continue
        s = data[name]
        present = s.notna().to_numpy()
        if c.get("required"):
            problems.add(~present, name, "constraint-error: a value is required")
        kind = f.get("type", "string")
        if kind in ("number", "integer"):
            x = pd.to_numeric(s, errors="coerce")
            problems.add(present & x.isna().to_numpy(), name, f"type-error: not a {kind}")
            if kind == "integer":
                problems.add((x.notna() & (x != np.round(x))).to_numpy(), name,
                             "type-error: not an integer")
            for key, bad in (("minimum", x < c.get("minimum", -np.inf)),
                             ("maximum", x > c.get("maximum", np.inf))):
                if key in c:
                    problems.add(bad.to_numpy(), name, f"constraint-error: {key} is {c[key]}")
        elif kind == "date":
            d = s if pd.api.types.is_datetime64_any_dtype(s) else \
                pd.to_datetime(s, errors="coerce", format="ISO8601")
            problems.add(present & d.isna().to_numpy(), name, "type-error: not a date")
            problems.add(rawdata.in_future(d).to_numpy(), name,
                         lambda i, s=s: f"{s.iloc[i]} is in the future")
        if "enum" in c:
            problems.add(present & ~s.isin(c["enum"]).to_numpy(), name,
                         f"constraint-error: not one of {c['enum']}")
        if "pattern" in c:
            ok = s.str.fullmatch(c["pattern"]).fillna(True).astype(bool)
            problems.add(present & ~ok.to_numpy(), name,
                         f"constraint-error: does not match {c['pattern']!r}")
        if c.get("unique"):
            problems.add((s.duplicated(keep="first") & s.notna()).to_numpy(), name,
                         "unique-error: repeated value")


def _rule_checks(data: pd.DataFrame, problems: _Problems) -> None:
    for name, spec in reg.list_fields().items():
        if name not in data.columns:
            continue
        allowed, sep = set(spec["itemEnum"]), spec["separator"]

        def list_problem(v: str, allowed: set = allowed, sep: str = sep) -> str:
            items = reg.split_list(v, sep)
            bad = [it for it in items if it not in allowed]
            if bad:
                return f"unknown item(s) {bad}; allowed: {sorted(allowed)}"
            return f"repeated item in {v!r}" if len(items) != len(set(items)) else ""

        msg = reg.per_value(data[name], list_problem).fillna("")
        problems.add((msg != "").to_numpy(), name, lambda i, msg=msg: msg.iloc[i])
    for rule in reg.schema().get("x-rules", []):
        kind = rule["rule"]
        if kind == "date_order":
            a, b = rule["columns"]
            da, db = (pd.to_datetime(data[c], errors="coerce") for c in (a, b))
            problems.add((db < da).fillna(False).to_numpy(), b,
                         lambda i, a=a, da=da, db=db: f"{db.iloc[i]:%Y-%m-%d} is before {a} "
                         f"{da.iloc[i]:%Y-%m-%d}")
        elif kind == "exclusive_item":
            col, item = rule["column"], rule["item"]
            if col in data.columns:
                hit = reg.per_value(data[col], lambda v, item=item: item in reg.split_list(v)
                                 and len(reg.split_list(v)) > 1).fillna(False).astype(bool)
                problems.add(hit.to_numpy(), col, lambda i, item=item, s=data[col]:
                             f"{item!r} combined with other items in {s.iloc[i]!r}")
        elif kind == "lead_destination":
            lead, dest = data["lead_after_clarification"], data["referral_destination"]
            bad = np.zeros(len(data), dtype=bool)
            for value, ok in rule["allowed"].items():
                bad |= ((lead == value) & ~dest.isin(ok)).fillna(False).to_numpy()
            problems.add(bad, "referral_destination", lambda i, lead=lead, dest=dest, ok=rule[
                "allowed"]: f"{dest.iloc[i]!r} contradicts lead_after_clarification "
                f"{lead.iloc[i]!r} (allowed: {ok.get(lead.iloc[i])})")


def validate(path: str | Path, mapping: Any = None) -> pd.DataFrame:
    """Validate a large registration file (CSV or Parquet); return it typed, one row per case.

    Same contract as :func:`analysis.registration.validate_file`: raises
    :class:`analysis.registration.RegistrationError` naming line and column of each problem.
    """
    path = Path(path)
    names = [f["name"] for f in reg.fields()]
    try:
        table = columnar.read_table(
            path, optional=names,
            numeric=[f["name"] for f in reg.fields() if f.get("type") in ("number", "integer")],
            dates=[f["name"] for f in reg.fields() if f.get("type") == "date"],
            formulas="neutralise", cell_errors="collect",
            mapping=mapping_mod.as_mapping(mapping))
    except mapping_mod.MappingError as exc:
        raise reg.RegistrationError(exc.path, exc.problems) from exc
    except UserFileError as exc:
        raise reg.RegistrationError(path, exc.problems) from exc
    data = table.data[[n for n in names if n in table.data.columns]]
    problems = _Problems(np.asarray(table.lines))
    _field_checks(data, problems)
    if not any(p.startswith("header") for p in problems.listed):
        _rule_checks(data, problems)
    found = problems.result()
    if table.problems:  # the reader's message for a cell replaces the generic one
        cells = {q.split(":")[0] for q in table.problems}
        found = table.problems + [q for q in found if q.split(":")[0] not in cells]
    if found:
        raise reg.RegistrationError(path, found)
    extra = list(table.extra_columns)
    conversions = list(table.conversions) + ([f"extra column(s) not in the schema, left out: "
                                              f"{', '.join(extra)}"] if extra else [])
    out = pd.DataFrame(index=data.index)
    for f in reg.fields():
        if f["name"] not in data.columns:
            continue
        s, kind = data[f["name"]], f.get("type", "string")
        if kind == "date":
            out[f["name"]] = pd.to_datetime(s, format="ISO8601")
        elif kind in ("number", "integer"):
            out[f["name"]] = pd.to_numeric(s).astype(rawdata.PANDAS_TYPES[kind])
        else:
            out[f["name"]] = s.astype("string")
    out.attrs["conversions"] = conversions
    return out
