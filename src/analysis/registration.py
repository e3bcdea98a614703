"""A uniform case-registration record for youth/family support in GP practices.

The schema (``data/raw/utrecht/registration_record.schema.json``, a Frictionless Table Schema)
turns the seven questions of the Utrecht registratieformat and the POH Jeugd / GGZ-team outcome
categories into one row per case. :func:`validate_file` checks a CSV against it (types,
required values, enums and ranges with frictionless; ``|``-separated list items and cross-field
rules here) and raises :class:`RegistrationError` naming file, line and column. Files are read
by :func:`analysis.userfiles.read_csv` (encodings, Dutch ``;`` files with decimal commas, Dutch
dates, formula-like text neutralised with a ``'``); its conversions are in ``df.attrs``.
The table builders return what the pilots published — lead after clarification per variant,
referral shares, single vs multiple problems — with Wilson score intervals
(p̂ + z²/2n ± z·sqrt(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n) (``statsmodels`` ``proportion_confint``).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import columnar, paths, rawdata, stats, userfiles
from analysis import mapping as mapping_mod
from analysis.confidence import CONFIDENCE_LEVEL

SCHEMA_PATH = paths.RAW / "utrecht" / "registration_record.schema.json"


class RegistrationError(rawdata.DataValidationError):
    """A registration file breaks the schema; the message names file, line and column."""


@lru_cache(maxsize=2)
def schema(path: str | None = None) -> dict[str, Any]:
    """The registration record schema (a Frictionless Table Schema descriptor)."""
    return json.loads(Path(path or SCHEMA_PATH).read_text(encoding="utf-8"))


def fields() -> list[dict[str, Any]]:
    return schema()["fields"]


def list_fields() -> dict[str, dict[str, Any]]:
    """Multi-value fields: name → {separator, itemEnum, itemLabels}."""
    return {f["name"]: f["x-list"] for f in fields() if "x-list" in f}


def split_list(value: object, separator: str = "|") -> list[str]:
    """``"a|b"`` → ``["a", "b"]``; empty or missing → ``[]``."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [v.strip() for v in str(value).split(separator) if v.strip()]


def _frictionless_problems(path: Path, lines: Sequence[int] | None = None) -> list[str]:
    from frictionless import Resource, Schema

    desc = {k: v for k, v in schema().items() if not k.startswith(("x-", "$"))}
    res = Resource(path=path.name, basepath=str(path.parent),
                   schema=Schema.from_descriptor(desc), format="csv")
    return rawdata.report_problems(res.validate(), lines)


def _rule_problems(df: pd.DataFrame, lines: Sequence[int] | None = None) -> list[str]:
    """List items, exclusive items, date order and lead/destination rules (line of each row)."""
    problems: list[str] = []
    if lines is not None:
        df = df.set_axis([n - 2 for n in lines])  # messages below say "line {i + 2}"
    for name, spec in list_fields().items():
        if name not in df.columns:
            continue
        allowed = set(spec["itemEnum"])
        for i, value in df[name].items():
            items = split_list(value, spec["separator"])
            bad = [it for it in items if it not in allowed]
            if bad:
                problems.append(f"line {i + 2}, column {name!r}: unknown item(s) {bad}; "
                                f"allowed: {sorted(allowed)}")
            if len(items) != len(set(items)):
                problems.append(f"line {i + 2}, column {name!r}: repeated item in {value!r}")
    for f in fields():
        if f.get("type") == "date" and f["name"] in df.columns:
            d = pd.to_datetime(df[f["name"]], errors="coerce", format="ISO8601")
            problems += [f"line {i + 2}, column {f['name']!r}: {df.at[i, f['name']]} is in the "
                         "future" for i in df.index[rawdata.in_future(d)]]
    for rule in schema().get("x-rules", []):
        kind = rule["rule"]
        if kind == "date_order":
            a, b = rule["columns"]
            da = pd.to_datetime(df[a], errors="coerce")
            db = pd.to_datetime(df[b], errors="coerce")
            for i in df.index[(db < da).fillna(False)]:
                problems.append(f"line {i + 2}, column {b!r}: {df.at[i, b]} is before "
                                f"{a} {df.at[i, a]}")
        elif kind == "exclusive_item":
            col, item = rule["column"], rule["item"]
            for i, value in df[col].items():
                items = split_list(value)
                if item in items and len(items) > 1:
                    problems.append(f"line {i + 2}, column {col!r}: {item!r} combined with "
                                    f"other items in {value!r}")
        elif kind == "lead_destination":
            for i, row in df.iterrows():
                ok = rule["allowed"].get(row["lead_after_clarification"])
                if ok is not None and row["referral_destination"] not in ok:
                    problems.append(
                        f"line {i + 2}, column 'referral_destination': "
                        f"{row['referral_destination']!r} contradicts lead_after_clarification "
                        f"{row['lead_after_clarification']!r} (allowed: {ok})")
    return problems


def validate_file(path: str | Path, mapping: Any = None) -> pd.DataFrame:
    """Validate a registration CSV against the schema; return it typed, one row per case.

    ``mapping``: column/code mapping for an export with other names or category codes (YAML path
    or :class:`analysis.mapping.Mapping`; template ``config/mappings/registration_format.yaml``).

    Raises :class:`RegistrationError` listing every problem as ``line N, column 'x': …``
    (line numbers are lines of the file; the header is line 1).
    """
    path = Path(path)
    if path.suffix.lower() == ".parquet" or (
            path.is_file() and path.stat().st_size >= columnar.LARGE_BYTES):
        from analysis import registration_columnar  # population scale: vectorised checks

        return with_problem_type(registration_columnar.validate(path, mapping))
    try:
        table = userfiles.read_csv(
            path, optional=[f["name"] for f in fields()],
            numeric=[f["name"] for f in fields() if f.get("type") in ("number", "integer")],
            dates=[f["name"] for f in fields() if f.get("type") == "date"],
            formulas="neutralise", cell_errors="collect",
            mapping=mapping_mod.as_mapping(mapping))
    except mapping_mod.MappingError as exc:  # names the mapping file, not the data file
        raise RegistrationError(exc.path, exc.problems) from exc
    except userfiles.UserFileError as exc:
        raise RegistrationError(path, exc.problems) from exc
    order = [f["name"] for f in fields() if f["name"] in table.data.columns]
    extra = [c for c in table.data.columns if c not in order]
    # validated in the schema's order, whatever the file's; columns the schema does not know are
    # listed (frictionless would refuse them with a bare "extra-label")
    conversions = list(table.conversions) + ([f"extra column(s) not in the schema, left out: "
                                              f"{', '.join(extra)}"] if extra else [])
    table = replace(table, data=table.data[order], conversions=conversions)
    with tempfile.TemporaryDirectory() as tmp:
        clean = userfiles.to_clean_csv(table, Path(tmp) / path.name)
        problems = _frictionless_problems(clean, table.lines)
        raw = pd.read_csv(clean, dtype=str, keep_default_na=False, na_values=[""])
        missing = [f["name"] for f in fields() if f["name"] not in raw.columns]
        if not missing:  # missing columns are already reported by frictionless
            problems += _rule_problems(raw, table.lines)
        if table.problems:  # the reader's message for a cell replaces the generic one
            cells = {q.split(":")[0] for q in table.problems}
            problems = table.problems + [q for q in problems if q.split(":")[0] not in cells]
        if problems:
            raise RegistrationError(path, problems)
        df = rawdata.read_typed(clean, fields())
    df.attrs["conversions"] = list(table.conversions)
    return with_problem_type(df)


def per_value(s: pd.Series, func: Any) -> pd.Series:
    """``func(value)`` once per distinct non-missing value of ``s`` (a few dozen in a million
    cases), mapped back to every row (missing stays missing)."""
    values = s.dropna().unique()
    return s.map(dict(zip(values, (func(v) for v in values), strict=True)))


def with_problem_type(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``n_domains`` and ``problem_type`` (single / multiple) from the coded domains."""
    df["n_domains"] = per_value(df["help_question_domains"], lambda v: len(split_list(v)))
    df["problem_type"] = df["n_domains"].map(lambda n: "multiple" if n > 1 else "single")
    return df


def wilson(count: Sequence[int] | pd.Series, n: Sequence[int] | pd.Series,
           confidence_level: float = CONFIDENCE_LEVEL) -> tuple[pd.Series, pd.Series]:
    """Wilson interval for count/n as Series (:func:`analysis.stats.wilson`)."""
    low, high = stats.wilson(pd.Series(count, dtype=float), pd.Series(n, dtype=float),
                             confidence_level=confidence_level)
    return pd.Series(low), pd.Series(high)


def share_table(df: pd.DataFrame, category: str, by: str | None = None,
                categories: Sequence[str] | None = None, confidence_level: float = CONFIDENCE_LEVEL,
                total_label: str = "all") -> pd.DataFrame:
    """Counts and shares of ``category`` (per ``by`` group and over all) with Wilson CIs.

    Every category of the schema's enum appears (zero counts included), so tables from
    different files line up. Columns: group, category, count, n, share, ci_low, ci_high.
    """
    if categories is None:
        enum = next((f.get("constraints", {}).get("enum") for f in fields()
                     if f["name"] == category), None)
        categories = enum or sorted(df[category].dropna().unique())
    groups: list[tuple[str, pd.DataFrame]] = []
    if by is not None:
        groups += [(str(k), g) for k, g in df.groupby(by, sort=True)]
    groups.append((total_label, df))
    rows = []
    for name, g in groups:
        counts = g[category].value_counts()
        for cat in categories:
            rows.append({"group": name, "category": cat, "count": int(counts.get(cat, 0)),
                         "n": len(g)})
    out = pd.DataFrame(rows)
    out["share"] = out["count"] / out["n"]
    out["ci_low"], out["ci_high"] = wilson(out["count"], out["n"], confidence_level)
    return out


def lead_by_variant(df: pd.DataFrame, confidence_level: float = CONFIDENCE_LEVEL) -> pd.DataFrame:
    """Lead after clarification per support variant and overall (Utrecht 'Inzichten')."""
    return share_table(df, "lead_after_clarification", by="support_variant",
                       confidence_level=confidence_level)


def referral_shares(df: pd.DataFrame, confidence_level: float = CONFIDENCE_LEVEL) -> pd.DataFrame:
    """Referral destinations overall (POH Jeugd Tabel 4 / Blauwe GGZ style), only used ones."""
    present = set(df["referral_destination"].dropna().unique())
    used = [c for c in schema_enum("referral_destination") if c in present]
    return share_table(df, "referral_destination", categories=used,
                       confidence_level=confidence_level)


def problem_types(df: pd.DataFrame, by: str = "practice",
                  confidence_level: float = CONFIDENCE_LEVEL) -> pd.DataFrame:
    """Single vs multiple help-question domains per ``by`` group and overall."""
    if "problem_type" not in df.columns:
        df = with_problem_type(df.copy())
    return share_table(df, "problem_type", by=by, categories=["single", "multiple"],
                       confidence_level=confidence_level)


def domain_shares(df: pd.DataFrame, confidence_level: float = CONFIDENCE_LEVEL) -> pd.DataFrame:
    """Share of cases touching each domain (multi-response: shares add to more than 1)."""
    n = len(df)
    per_value = df["help_question_domains"].value_counts(dropna=False)
    items = {v: set(split_list(v)) for v in per_value.index}
    rows = [{"group": "all", "category": d,
             "count": int(sum(k for v, k in per_value.items() if d in items[v])), "n": n}
            for d in schema_enum("help_question_domains")]
    out = pd.DataFrame(rows)
    out["share"] = out["count"] / n
    out["ci_low"], out["ci_high"] = wilson(out["count"], out["n"], confidence_level)
    return out


def schema_enum(name: str) -> list[str]:
    """Allowed values of a field (its enum, or the item enum of a list field)."""
    for f in fields():
        if f["name"] == name:
            if "x-list" in f:
                return list(f["x-list"]["itemEnum"])
            return list(f.get("constraints", {}).get("enum", []))
    raise KeyError(f"registration schema has no field {name!r}")


def label(name: str, code: str) -> str:
    """A field's code in English words, from the schema's ``enumLabels`` ("Dutch | English"):
    ``label("support_variant", "poh_jeugd")`` → "practice nurse youth"; the code itself (with
    spaces for underscores) when the schema has no label for it."""
    for f in fields():
        if f["name"] == name:
            labels = f.get("enumLabels") or f.get("x-list", {}).get("itemLabels") or {}
            text = str(labels.get(code, ""))
            return text.split(" | ")[-1].strip() if text else code.replace("_", " ")
    raise KeyError(f"registration schema has no field {name!r}")


def in_words(table: pd.DataFrame, category: str | None = None,
             group: str | None = "support_variant") -> pd.DataFrame:
    """A share table (:func:`share_table`) for a reader: its ``group`` and ``category`` codes in
    English words from the schema's labels (:func:`label`), "all" as "all cases"; ``None``
    leaves that column as it is."""
    out = table.copy()
    if group is not None and "group" in out.columns:
        out["group"] = ["all cases" if g == "all" else label(group, str(g)) for g in out["group"]]
    if category is not None and "category" in out.columns:
        out["category"] = [label(category, str(c)) for c in out["category"]]
    return out


def suppressed(table: pd.DataFrame, min_cell_count: int, basis: str = "real") -> pd.DataFrame:
    """A share table (:func:`share_table` and friends) with counts below ``min_cell_count``
    blanked, with their shares and intervals, complementary within each ``group`` (the
    table shows group totals); only real individual data are suppressed (``basis``)."""
    from analysis import privacy

    return privacy.suppress_small_counts(table, ["count", "n"], min_cell_count,
                                         derived=["share", "ci_low", "ci_high"],
                                         group_by=["group"], complementary=True, basis=basis)


#: published tables a registration file can be set beside: (title, support variants whose
#: cases they count, what they report); see :func:`published_comparisons`
PUBLISHED_TABLES = (
    ("Lead after clarification, 99 cases (Pilot Praktijkvarianten (Utrecht), 'Inzichten')",
     ("buurtteam_gezinswerker", "specialist_jeugdhulp", "poh_jeugd"),
     "counts per lead category"),
    ("Type hulpvragen, 13 cases of two neighbourhood teams, 2019 (Pilot Praktijkvarianten "
     "(Utrecht))", ("buurtteam_gezinswerker",), "single vs multiple problems per case"),
    ("POH Jeugd outcomes (Blauwe Zorg in de wijk, Bijlage 3 Tabel 4)", ("poh_jeugd",),
     "referral outcomes in the report's own categories"),
    ("GGZ-team triage (Blauwe Zorg in de wijk, Bijlage 8 Tabel 3)", ("ggz_team",),
     "route, indication and treatment shares"),
)


def published_comparisons(df: pd.DataFrame, compared: Sequence[str]) -> pd.DataFrame:
    """Which published tables this input was set beside (``compared``: their titles) and,
    for the others, why not: the input has no case of their variants, or this page does not
    compare them (their numbers are checked on their own study pages)."""
    rows = []
    for title, variants, what in PUBLISHED_TABLES:
        k = int(df["support_variant"].isin(variants).sum())
        if title in compared and k:
            why = f"{k:,} case(s) of the variant(s) it counts in this input"
        elif not k:
            why = f"no case of the variant(s) it counts ({', '.join(variants)}) in this input"
        else:
            why = (f"{k:,} case(s) of its variant(s), but its categories are not those of the "
                   "schema one to one; its own numbers are checked on its study page")
        rows.append({"table": title, "reports": what,
                     "compared": "yes" if title in compared and k else "no", "why": why})
    return pd.DataFrame(rows)
