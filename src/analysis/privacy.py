"""Keep individual-level data private: small-count suppression and identifier detectors.

**Suppression.** Output from individual records (tables, figures) may not show counts below
a threshold; Statistics Netherlands (CBS) requires at least 10 for output from its microdata.
:func:`suppress_small_counts` blanks every count ``0 < k < threshold`` (zeros stay: an empty
cell reveals no person) and the cells derived from it (shares, intervals) in the same row,
and marks the row. Where a group shows a total, one suppressed cell could be recovered by
subtraction, so the smallest other non-zero count of that group is suppressed as well
(complementary suppression). It applies to **real individual data only**: with
``basis="published"`` (a report's aggregates, already public) or ``basis="synthetic"``
(invented records) nothing is suppressed, so a published "2 of 37" stays visible.

**Identifier detectors** (used by the test that guards files tracked by git):

* :func:`elfproef` — the Dutch citizen service number (BSN) check: for digits d1…d9,
  9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11);
* :func:`name_columns` — columns whose header says they hold personal names;
* :func:`bsn_columns` — columns of 8-9 digit numbers most of which pass the 11-proef;
* :func:`birthdate_postcode` — a full birth date combined with a postcode in one table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

DEFAULT_THRESHOLD = 10
#: what a table rests on (as the results contract's ``basis``); only real data are suppressed
BASES = ("real", "published", "synthetic")
SUPPRESSED = "suppressed"
NAME_HEADERS = re.compile(
    r"^(naam|name|full_?name|voornaam|voornamen|roepnaam|achternaam|geslachtsnaam|"
    r"familienaam|surname|last_?name|first_?name|given_?name|family_?name|voorletters|"
    r"initials|tussenvoegsel|patient_?name|client_?name|cliëntnaam|clientnaam|naam_\w+|"
    r"\w+_naam|\w+_name)$")
#: headers that contain "name" but name no person (organisations, labels of the data dictionary)
NOT_PERSON = re.compile(r"(practice|praktijk|team|municipality|gemeente|organisation|organisatie|"
                        r"instrument|item|file|table|variable|field|category|dataset|scale|"
                        r"parameter|source|column)")
BIRTH_HEADERS = re.compile(r"(birth|geboorte|dob|geb_?datum)")
POSTCODE_HEADERS = re.compile(r"(postcode|post_code|postal|zip|pc4|pc6)")
PC6 = re.compile(r"^[1-9]\d{3}\s?[A-Za-z]{2}$")
FULL_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})$")
BSN_LIKE = re.compile(r"^\d{8,9}$")


def suppress_small_counts(table: pd.DataFrame, count_columns: Sequence[str],
                          threshold: int = DEFAULT_THRESHOLD, *,
                          derived: Sequence[str] = (), group_by: Sequence[str] = (),
                          complementary: bool = False, basis: str = "real") -> pd.DataFrame:
    """Blank counts ``0 < k < threshold`` (and ``derived`` cells of those rows); mark the rows.

    Only for ``basis="real"`` (individual data of real persons); for ``"published"`` and
    ``"synthetic"`` the table comes back unchanged apart from an all-false ``suppressed`` column.

    Returns a copy: suppressed counts are ``<NA>`` (count columns become nullable ``Int64``),
    suppressed derived numbers ``NaN``,
    column ``suppressed`` (bool) marks affected rows and ``attrs["suppressed_cells"]`` holds
    the number of blanked count cells. With ``complementary`` (use it when the table also
    shows group totals), a group (``group_by``) with exactly one suppressed count gets its
    smallest other non-zero count suppressed too. ``threshold <= 1`` suppresses nothing.
    """
    if threshold < 0:
        raise ValueError(f"threshold must be >= 0, not {threshold}")
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, not {basis!r}")
    if basis != "real":
        threshold = 0
    missing = [c for c in [*count_columns, *derived, *group_by] if c not in table.columns]
    if missing:
        raise KeyError(f"suppress_small_counts: no column(s) {missing} in {list(table.columns)}")
    out = table.copy()
    small = pd.DataFrame(False, index=out.index, columns=list(count_columns))
    for c in count_columns:
        values = pd.to_numeric(out[c], errors="raise")
        small[c] = ((values > 0) & (values < threshold)).fillna(False)
    if complementary and len(out):
        keys = list(group_by)
        groups = (out.groupby(keys[0] if len(keys) == 1 else keys, sort=False).groups
                  if keys else {"all": out.index})
        for idx in groups.values():
            for c in count_columns:
                sub = small.loc[idx, c]
                if sub.sum() == 1:
                    values = pd.to_numeric(out.loc[idx, c])
                    candidates = values[(~sub) & (values > 0)]
                    if len(candidates):
                        small.loc[candidates.idxmin(), c] = True
    for c in count_columns:
        out[c] = pd.array(pd.to_numeric(out[c]), dtype="Int64" if _integral(out[c])
                          else "Float64")
        out.loc[small[c], c] = pd.NA
    row = small.any(axis=1)
    for c in derived:  # numbers → float NaN (usable in arithmetic and f-strings), text → None
        if pd.api.types.is_numeric_dtype(out[c]):
            out[c] = pd.to_numeric(out[c]).astype(float).mask(row)
        else:
            out[c] = out[c].astype("object").mask(row, None)
    out[SUPPRESSED] = row.to_numpy()
    out.attrs = {**table.attrs, "suppressed_cells": int(small.to_numpy().sum()),
                 "threshold": threshold, "basis": basis}
    return out


def _integral(s: pd.Series) -> bool:
    v = pd.to_numeric(s).dropna().to_numpy(dtype=float)
    return bool(np.all(np.mod(v, 1) == 0))


def suppression_note(table: pd.DataFrame, what: str = "counts") -> str:
    """One sentence for the report: how many cells were suppressed below which threshold."""
    n = table.attrs.get("suppressed_cells", 0)
    k = table.attrs.get("threshold", DEFAULT_THRESHOLD)
    if table.attrs.get("basis", "real") != "real":
        return (f"No small-count suppression: these {what} are {table.attrs['basis']}, not real "
                "individual data.")
    return (f"Small-count suppression: {what} below {k} (and cells derived from them) are "
            f"blank; {n} cell(s) suppressed in this table.")


def is_small(count: float, threshold: int = DEFAULT_THRESHOLD, basis: str = "real") -> bool:
    """True if a count would be suppressed (``0 < count < threshold``, real data only)."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, not {basis!r}")
    return basis == "real" and bool(0 < count < threshold)


# ---------------------------------------------------------------------------------------------
# Identifier detectors
# ---------------------------------------------------------------------------------------------

def elfproef(value: object) -> bool:
    """True if ``value`` is 8-9 digits passing the BSN 11-proef (weights 9…2 and −1), not 0."""
    s = str(value).strip()
    if not BSN_LIKE.match(s):
        return False
    s = s.zfill(9)
    if int(s) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(s[:8], range(9, 1, -1), strict=True)) - int(s[8])
    return total % 11 == 0


def name_columns(table: pd.DataFrame) -> list[str]:
    """Columns whose header says they hold personal names (``naam``, ``surname``, …)."""
    out = []
    for c in table.columns:
        key = str(c).strip().lower().replace(" ", "_").replace("-", "_")
        if NAME_HEADERS.match(key) and not NOT_PERSON.search(key):
            out.append(str(c))
    return out


def _text(table: pd.DataFrame, column: str) -> pd.Series:
    return table[column].dropna().astype(str).str.strip()


def bsn_columns(table: pd.DataFrame, min_share: float = 0.5) -> list[str]:
    """Columns of 8-9 digit numbers of which at least ``min_share`` pass the 11-proef.

    Random 9-digit numbers pass with probability about 1/11, so a column where most pass is
    almost surely a BSN (or a number built to look like one).
    """
    out = []
    for c in table.columns:
        v = _text(table, c)
        if len(v) == 0 or not v.str.match(BSN_LIKE).all():
            continue
        if v.map(elfproef).mean() >= min_share:
            out.append(str(c))
    return out


def _full_date_column(table: pd.DataFrame, column: str) -> bool:
    v = _text(table, column)
    return len(v) > 0 and bool(v.str.match(FULL_DATE).mean() >= 0.9)


def birthdate_postcode(table: pd.DataFrame) -> list[str]:
    """``[birth column, postcode column]`` if the table has both a full birth date and a
    postcode (header ``postcode``/``pc4``/…, or values like ``6211 AB``); else ``[]``."""
    births = [str(c) for c in table.columns if BIRTH_HEADERS.search(str(c).lower())
              and _full_date_column(table, c)]
    posts = [str(c) for c in table.columns if POSTCODE_HEADERS.search(str(c).lower())
             or (len(_text(table, c)) and _text(table, c).str.match(PC6).mean() >= 0.9)]
    return [births[0], posts[0]] if births and posts else []


def find_identifiers(table: pd.DataFrame) -> list[str]:
    """Every identifier-like finding in a table, one line each (empty: nothing found)."""
    found = [f"column {c!r}: header names a person's name" for c in name_columns(table)]
    found += [f"column {c!r}: BSN-like numbers (pass the 11-proef)" for c in bsn_columns(table)]
    pair = birthdate_postcode(table)
    if pair:
        found.append(f"columns {pair[0]!r} + {pair[1]!r}: full birth date with a postcode")
    return found


def scan_file(path: str | Path) -> list[str]:
    """:func:`find_identifiers` of a CSV file (read as text), each finding prefixed by the file."""
    from analysis import userfiles

    table = userfiles.read_csv(path, formulas="neutralise", cell_errors="collect")
    return [f"{path}: {f}" for f in find_identifiers(table.data)]


def fraction(count: object, n: object, threshold: int = DEFAULT_THRESHOLD) -> str:
    """``"k/n"`` for a results note, or a plain statement when either was suppressed (blank)."""
    if pd.isna(count) or pd.isna(n):
        return f"count suppressed (below {threshold})"
    return f"{int(count)}/{int(n)}"
