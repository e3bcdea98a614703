"""Fan-out: many runs from one entry under ``runs:`` in ``config/runs/<notebook>.yaml``.

An entry is one of

- a single run: ``{id: x, parameters: {a: 1}}``;
- a grid of assumptions: ``{id: x, grid: {a: [1, 2, 3], b: [0.1, 0.2]}, parameters: {c: 5}}``
  gives one run per combination (the product of the lists, in the order written; the first key
  varies slowest), each with the fixed ``parameters`` too;
- a table: ``{id: x, from_csv: config/runs/x.csv, parameters: {c: 5}}`` gives one run per row of
  the CSV; its header names the parameters, and an optional ``run`` column names the run.

Generated runs are named ``<id>-<k>`` (k = 1, 2, …, zero-padded to the same width) or
``<id>-<run>`` from the CSV's ``run`` column. Cells of the CSV are read as YAML scalars, so
``0.6`` is a number, ``true`` a boolean, an empty cell ``None`` and ``Maastricht`` text.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path
from typing import Any

import yaml

from analysis import paths

ENTRY_KEYS = {"id", "parameters", "grid", "from_csv"}
RUN_COLUMN = "run"


class FanoutError(ValueError):
    """A fan-out entry is wrong; the message names the config file (and the CSV row)."""


def _numbered(base: str, combos: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    width = len(str(len(combos)))
    return [(f"{base}-{k:0{width}d}", c) for k, c in enumerate(combos, start=1)]


def grid(base: str, axes: dict[str, list[Any]], where: str) -> list[tuple[str, dict[str, Any]]]:
    """One run per combination of ``axes`` (product of the lists, first key slowest)."""
    if not isinstance(axes, dict) or not axes:
        raise FanoutError(f"{where}: run {base}: grid must map parameter names to lists")
    for name, values in axes.items():
        if not isinstance(values, list) or not values:
            raise FanoutError(f"{where}: run {base}: grid {name!r} must be a non-empty list")
    names = list(axes)
    combos = [dict(zip(names, vals, strict=True)) for vals in itertools.product(*axes.values())]
    return _numbered(base, combos)


def _scalar(text: str) -> Any:
    return None if text.strip() == "" else yaml.safe_load(text)


def from_csv(base: str, csv_path: str, where: str) -> list[tuple[str, dict[str, Any]]]:
    """One run per row of ``csv_path`` (relative to the repository); header = parameter names."""
    path = paths.resolve(csv_path)
    if not Path(path).is_file():
        raise FanoutError(f"{where}: run {base}: from_csv file {csv_path} does not exist")
    with open(path, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    if len(rows) < 2:
        raise FanoutError(f"{csv_path}: needs a header and at least one row")
    header = [h.strip() for h in rows[0]]
    if len(set(header)) != len(header) or "" in header:
        raise FanoutError(f"{csv_path}: line 1: empty or repeated column name in {header}")
    combos, names = [], []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise FanoutError(
                f"{csv_path}: line {line}: {len(row)} cells, the header has {len(header)}"
            )
        cells = dict(zip(header, row, strict=True))
        names.append(cells.pop(RUN_COLUMN, "").strip())
        try:
            combos.append({k: _scalar(v) for k, v in cells.items()})
        except yaml.YAMLError as exc:
            raise FanoutError(f"{csv_path}: line {line}: unreadable cell ({exc})") from exc
    if all(names):
        return [(f"{base}-{n}", c) for n, c in zip(names, combos, strict=True)]
    return _numbered(base, combos)


def expand(entry: dict[str, Any], where: str) -> list[tuple[str, dict[str, Any]]]:
    """The runs (id, parameters) one ``runs:`` entry stands for."""
    if not isinstance(entry, dict):
        raise FanoutError(f"{where}: every entry under runs: must be a mapping, not {entry!r}")
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        raise FanoutError(f"{where}: run entry: unknown key(s) {sorted(unknown)}")
    base = str(entry.get("id", ""))
    fixed = dict(entry.get("parameters") or {})
    if "grid" in entry and "from_csv" in entry:
        raise FanoutError(f"{where}: run {base}: use grid or from_csv, not both")
    if "grid" in entry:
        generated = grid(base, entry["grid"], where)
    elif "from_csv" in entry:
        generated = from_csv(base, str(entry["from_csv"]), where)
    else:
        return [(base, fixed)]
    out = []
    for rid, varying in generated:
        both = set(varying) & set(fixed)
        if both:
            raise FanoutError(f"{where}: run {base}: {sorted(both)} both fixed and varied")
        out.append((rid, {**fixed, **varying}))
    return out
