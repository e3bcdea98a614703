"""A column and code mapping (a small YAML file) from a user's export to a loader's schema.

Evaluators' files come from registration systems with their own column names, code lists and
number formats (a youth health care (JGZ) export has ``geboortedatum``, ``meetdatum``,
``lengte``, ``gewicht``, ``geslacht``, decimal commas and its own phase names). Instead of
renaming anything by hand, the user writes (or copies from ``config/mappings/``) a mapping::

    columns:            # schema column: column in your file (matched blank- and case-insensitively)
      child_id: clientnummer
      birth_date: geboortedatum
    codes:              # schema column: {code in your file: schema code} (case-insensitive)
      sex: {jongen: M, meisje: F}
      phase: {intake: baseline, evaluatie: follow_up}
    decimal: ","        # optional: numbers have a decimal comma, whatever the delimiter
    ignore: [opmerking] # optional: columns of your file to leave out
    description: JGZ export of …   # optional, free text

:func:`load` checks the file (unknown keys, wrong types and target columns the loader does not
know are errors naming the file and the key); :func:`analysis.userfiles.read_csv` applies it and
lists every rename and recode in its conversions. Codes not in the mapping are left as they are,
so the loader still names the line and column of an unknown code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from analysis.rawdata import DataValidationError

KEYS = ("columns", "codes", "decimal", "ignore", "description", "entry_point")


class MappingError(DataValidationError):
    """A mapping file cannot be used; the message names the file and the key."""


def _key(value: object) -> str:
    return str(value).strip().lower()


@dataclass(frozen=True)
class Mapping:
    """Renames (schema column → user column), code tables per schema column, number style."""

    columns: dict[str, str] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    decimal: str = ""
    ignore: tuple[str, ...] = ()
    path: str = ""

    def rename(self, names: list[str]) -> tuple[list[str], list[str]]:
        """Header names after renaming, and a description of each rename made."""
        source_to_target = {_key(src): tgt for tgt, src in self.columns.items()}
        out, done = [], []
        for n in names:
            tgt = source_to_target.get(_key(n))
            if tgt is not None and tgt != n:
                done.append(f"{n} → {tgt}")
            out.append(tgt if tgt is not None else n)
        return out, done

    def source_of(self, column: str) -> str | None:
        """The user's column name mapped to schema ``column`` (None if not mapped)."""
        return self.columns.get(column)

    def recode(self, column: str, value: object) -> object:
        """``value`` of schema ``column`` translated by the code table (else unchanged)."""
        table = self.codes.get(column)
        if table is None or not isinstance(value, str):
            return value
        return table.get(_key(value), value)

    def check_targets(self, known: Iterable[str], what: str = "this entry point") -> None:
        """Raise if the mapping names schema columns the loader does not know."""
        known = set(known)
        if not known:
            return
        problems = [f"key 'columns', {t!r}: not a column of {what} (known: {sorted(known)})"
                    for t in self.columns if t not in known]
        problems += [f"key 'codes', {t!r}: not a column of {what} (known: {sorted(known)})"
                     for t in self.codes if t not in known]
        if problems:
            raise MappingError(self.path, problems)


def _str_dict(raw: Any, where: str, problems: list[str]) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(f"key {where!r}: must be a mapping of names, not {type(raw).__name__}")
        return {}
    out = {}
    for k, v in raw.items():
        if isinstance(v, (dict, list)) or v is None:
            problems.append(f"key {where!r}, {k!r}: must be a single name or code, not {v!r}")
        else:
            out[str(k)] = str(v)
    return out


def load(path: str | Path | None) -> Mapping | None:
    """The mapping in YAML file ``path`` (None or ``""``: no mapping); errors name file and key."""
    if path is None or str(path) == "":
        return None
    path = Path(path)
    if not path.is_file():
        raise MappingError(path, ["mapping file is missing"])
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise MappingError(path, [f"not valid YAML: {exc}"]) from exc
    if not isinstance(raw, dict):
        raise MappingError(path, ["the file must hold a mapping with keys "
                                  f"{list(KEYS)}"])
    problems = [f"key {k!r}: unknown (use {list(KEYS)})" for k in raw if k not in KEYS]
    columns = _str_dict(raw.get("columns"), "columns", problems)
    codes: dict[str, dict[str, str]] = {}
    raw_codes = raw.get("codes") or {}
    if not isinstance(raw_codes, dict):
        problems.append("key 'codes': must map schema columns to code tables")
    else:
        for col, table in raw_codes.items():
            codes[str(col)] = {_key(k): v for k, v in
                               _str_dict(table, f"codes.{col}", problems).items()}
    decimal = str(raw.get("decimal") or "")
    if decimal not in ("", ",", "."):
        problems.append(f"key 'decimal': {decimal!r} is not ',' or '.'")
    ignore = raw.get("ignore") or []
    if not isinstance(ignore, list):
        problems.append("key 'ignore': must be a list of column names")
        ignore = []
    if problems:
        raise MappingError(path, problems)
    return Mapping(columns, codes, decimal, tuple(_key(c) for c in ignore), str(path))


def as_mapping(mapping: Mapping | str | Path | None) -> Mapping | None:
    """A :class:`Mapping` as is, a path loaded with :func:`load`, ``None``/``""`` as no mapping."""
    return mapping if isinstance(mapping, Mapping) else load(mapping)
