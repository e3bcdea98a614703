"""How much a discrepancy matters: one severity per mismatched check, decided by a named rule.

Rules, tried in this order (the first that applies decides):

1. ``synthetic`` (rule ``basis``): the check rests on synthetic data; an illustration, never a
   finding, and not counted.
2. ``rounding`` (rule ``source_explains``): the source itself explains the discrepancy (e.g. the
   footnote "Door afrondingsverschillen tellen de % niet op tot 100%").
3. ``wording`` (rule ``verbal``): the printed number is a verbal restatement ("de helft",
   "1:2", "8 van de 10"): its statement does not print the value's digits.
4. ``rounding`` (rule ``one_printed_unit``): within one unit of the printed number's last digit
   (twice the half-unit tolerance): a rounding or truncation (4,79 printed for 4,7993). Not for
   counts (:data:`COUNT_UNITS`, whole numbers on both sides): nothing was rounded there.
5. ``denominator`` (rule ``subgroup``): the printed share fits an unstated subgroup; the rule
   says which group sizes fit.
6. ``error`` (rule ``stated_total`` or ``key_figure``): the printed number is a stated total, or
   the report's conclusion rests on it (declared ``key_figure`` or repeated in its text).
7. ``inconsistency`` (rule ``disagree``): the printed number disagrees with what the report's own
   numbers give; no stated total or conclusion hangs on it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

SEVERITIES = ("error", "inconsistency", "denominator", "rounding", "wording", "synthetic")
COUNTED = SEVERITIES[:-1]  # synthetic rows are illustrations, outside every count
TOTAL_CHECKS = ("totals", "column_totals", "row_sums")
RESTATEMENTS = ("restates", "same_population")
# units of whole things counted one by one: a count is exact, never rounded
COUNT_UNITS = frozenset({
    "persons", "clients", "cases", "registrations", "children", "help questions", "households",
    "practices", "respondents", "consultations", "provisions", "families", "nurses", "contacts",
    "workshops", "variants", "themes", "forms", "referrals", "count", "client discussions",
    "providers", "patients", "observations", "questionnaires", "care providers", "person-items"})


@dataclass(frozen=True)
class Check:
    """One comparison of a printed number, with what the rules need to know about it."""

    published: float
    reproduced: float | None
    tolerance: float | None
    basis: str = "published"
    kind: str = "recomputation"  # the audit's check (totals, percentages, …) or recomputation
    key_figure: bool = False
    explained: str = ""
    statement: str = ""  # the verbatim text the number is printed in (in-text numbers)
    decimals: int = 0
    fits: str = ""  # unstated subgroup sizes the printed share fits (from the audit)
    unit: str = ""


@dataclass(frozen=True)
class Severity:
    severity: str
    rule: str
    reason: str


def is_verbal(statement: str, value: float, decimals: int = 0) -> bool:
    """True if ``statement`` prints ``value`` in words or as a ratio rather than in digits.

    The value is looked for as printed in Dutch (``48,0``, ``1.074.904``, ``50``); a statement
    with none of those forms restates it verbally.
    """
    if not statement:
        return False
    d = max(int(decimals), 0)
    plain = f"{value:.{d}f}"
    forms = {plain, plain.replace(".", ","), f"{value:,.{d}f}".replace(",", "X")
             .replace(".", ",").replace("X", ".")}
    digits = re.findall(r"\d[\d.,]*\d|\d", statement)
    return not any(tok.rstrip(".,") in forms for tok in digits)


def classify(c: Check) -> Severity:
    """The severity of one mismatched check, and the rule that decided it (module docstring)."""
    if c.basis != "published":
        return Severity("synthetic", "basis",
                        f"rests on {c.basis} data: an illustration, not a finding")
    if c.explained:
        return Severity("rounding", "source_explains", f"the source explains it: {c.explained}")
    if is_verbal(c.statement, c.published, c.decimals):
        return Severity("wording", "verbal",
                        f"a verbal restatement ('{c.statement}') of {c.published:g}")
    diff = None if c.reproduced is None or math.isnan(c.reproduced) else abs(
        c.reproduced - c.published)
    whole = (diff is not None and float(c.published).is_integer()
             and float(c.reproduced).is_integer())
    # counts on both sides, or a whole number restating a whole number printed to the same digit
    # (tolerance half a unit: no rounded parts): nothing was rounded
    exact = whole and (c.unit in COUNT_UNITS or (
        c.kind in RESTATEMENTS and c.tolerance is not None and c.tolerance <= 0.5 * (1 + 1e-9)))
    if (diff is not None and not exact and c.tolerance is not None
            and diff <= 2 * c.tolerance * (1 + 1e-9)):
        return Severity("rounding", "one_printed_unit",
                        f"off by {diff:.4g}, within one unit of the last printed digit "
                        f"(±{2 * c.tolerance:g}): rounding or truncation")
    if c.fits:
        return Severity("denominator", "subgroup",
                        f"the printed share fits an unstated subgroup: {c.fits}")
    if c.kind in TOTAL_CHECKS:
        return Severity("error", "stated_total",
                        "a printed total contradicts its own parts")
    if c.key_figure:
        return Severity("error", "key_figure",
                        "the report's conclusion rests on this number (declared or repeated "
                        "in its text)")
    return Severity("inconsistency", "disagree",
                    "the printed number disagrees with what the report's own numbers give; no "
                    "stated total or conclusion rests on it")


def worst(severities: list[str]) -> str:
    """The most severe of ``severities`` (in :data:`SEVERITIES` order); ``""`` for none."""
    ranked = [s for s in SEVERITIES if s in severities]
    return ranked[0] if ranked else ""
