"""One number convention for English prose, tables and figure labels.

Every number a reader sees goes through these functions, so that one page never mixes
"€ 49.742" with "€ 49,742" or "-0.31" with "−0.31":

- thousands separated by commas, decimal point: ``integer(11000)`` → "11,000";
- a true minus sign (U+2212), never a hyphen: ``number(-0.31, 2)`` → "−0.31";
- euros with a space after the sign: ``eur(980235)`` → "€ 980,235", ``eur(-12352)`` → "−€ 12,352";
- percentages: ``percent(65.7)`` → "65.7%"; ``share(0.657)`` → "65.7%";
- p-values: ``p_value(0.0123)`` → "p = 0.012", ``p_value(4e-25)`` → "p < 0.001";
- probabilities that are not certain are never rounded to certainty: ``share(0.9996)`` → "99.96%";
- a value quoted as the Dutch report printed it stays verbatim in quotation marks:
  ``quoted_nl("€ 980.235")`` → "“€ 980.235”".

No scientific notation is ever produced.
"""

from __future__ import annotations

import math
import re
from numbers import Real

MINUS = "\u2212"
DASH = "\u2013"  # shown for a missing value

__all__ = ["DASH", "MINUS", "axis_formatter", "count", "eur", "in_text", "integer", "is_missing",
           "number", "p_value", "percent", "printed_text", "quoted_nl", "share", "signed"]


_SCIENTIFIC = re.compile(r"(?<![\w.])(\d+(?:\.(\d+))?)e([+-]?\d+)\b")
_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3"
                             "\u2074\u2075\u2076\u2077\u2078\u2079")
_HYPHEN_MINUS = re.compile(r"(?<![\w.,])-(?=\d)")


#: adding a negative number, as the code wrote it ("a + −b")
_PLUS_MINUS = re.compile("\\+ " + MINUS + r"(?=\d)")


def in_text(text: object) -> str:
    """Numbers inside a text the code wrote (an audit's arithmetic) in the convention: a true
    minus sign before a negative number ("-5,377" → "−5,377"), a negative number added written as
    a subtraction ("a + -b" → "a − b") and no scientific notation, written out to the digits it
    had ("1.0749e+06" → "1,074,900")."""
    text = "" if is_missing(text) else str(text)

    def written_out(m: re.Match[str]) -> str:
        digits = len((m.group(1)).replace(".", "").lstrip("0")) or 1
        exponent = int(m.group(3))
        if abs(exponent) > 9:  # 30 zeros say nothing: "4 × 10⁻²⁵"
            return f"{m.group(1)} × 10{str(exponent).translate(_SUPERSCRIPT)}"
        return number(float(m.group(0)), max(0, digits - 1 - exponent))

    text = _HYPHEN_MINUS.sub(MINUS, _SCIENTIFIC.sub(written_out, text))
    return _PLUS_MINUS.sub(MINUS + " ", text)  # "748,644 + −257,130" → "748,644 − 257,130"


def is_missing(value: object) -> bool:
    """True for None, NaN, pandas' NA and NaT (anything a reader should see as a dash)."""
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _check(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"not a number: {value!r}")
    x = float(value)
    if math.isinf(x):
        raise ValueError("an infinite value has no reader-facing form")
    return x


def number(value: float, decimals: int = 0, *, missing: str = DASH) -> str:
    """``value`` with ``decimals`` fixed decimals, comma thousands and a true minus sign.

    A value that rounds to zero is shown without a sign ("0.00", not "−0.00").
    """
    if is_missing(value):
        return missing
    x = _check(value)
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    text = f"{abs(x):,.{decimals}f}"
    negative = x < 0 and any(ch not in "0.," for ch in text)
    return (MINUS + text) if negative else text


def integer(value: float, *, missing: str = DASH) -> str:
    """A count: "11,000"; raises if ``value`` is not whole (a count with decimals is a bug)."""
    if is_missing(value):
        return missing
    x = _check(value)
    if x != round(x):
        raise ValueError(f"{value!r} is not a whole number")
    return number(x, 0)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: ``count(1, "item")`` → "1 item",
    ``count(1086, "item")`` → "1,086 items", ``count(3, "child", "children")`` → "3 children"."""
    return f"{integer(n)} {noun if int(n) == 1 else (plural or noun + 's')}"


def signed(value: float, decimals: int = 0, *, missing: str = DASH) -> str:
    """A change with its sign always shown: "+0.12", "−0.31", "0.00"."""
    text = number(value, decimals, missing=missing)
    if text == missing or text.startswith(MINUS) or float(value) == 0 or set(text) <= set("0.,"):
        return text
    return "+" + text


def eur(value: float, decimals: int = 0, *, missing: str = DASH) -> str:
    """Euros: "€ 980,235", "€ 7,875.50", "−€ 12,352" (minus before the sign)."""
    text = number(value, decimals, missing=missing)
    if text == missing:
        return text
    if text.startswith(MINUS):
        return f"{MINUS}€ {text[1:]}"
    return f"€ {text}"


def _probability_decimals(fraction: float, decimals: int) -> int:
    """Add decimals until a probability strictly between 0 and 1 no longer shows as 0% or 100%."""
    d = decimals
    while d < 12:
        shown = round(fraction * 100, d)
        if 0 < fraction < 1 and shown in (0, 100):
            d += 1
            continue
        break
    return d


def percent(value: float, decimals: int = 1, *, missing: str = DASH) -> str:
    """A value already in percent: ``percent(65.7)`` → "65.7%"."""
    text = number(value, decimals, missing=missing)
    return text if text == missing else text + "%"


def share(fraction: float, decimals: int = 1, *, missing: str = DASH) -> str:
    """A fraction of one as a percentage: ``share(0.657)`` → "65.7%".

    A fraction strictly between 0 and 1 (a probability that is not certain) gets as many
    extra decimals as it needs never to read "0%" or "100%": ``share(0.9996)`` → "99.96%".
    """
    if is_missing(fraction):
        return missing
    x = _check(fraction)
    return percent(x * 100, _probability_decimals(x, decimals))


def p_value(p: float, *, threshold: float = 0.001, missing: str = DASH) -> str:
    """A p-value for prose: "p = 0.012", "p = 0.54", "p < 0.001"; never scientific notation.

    Values of 0.1 and above get two decimals ("p = 0.54"), smaller ones three ("p = 0.012");
    a p-value just below 1 gets the decimals it needs not to read "p = 1.00".
    """
    if is_missing(p):
        return missing
    x = _check(p)
    if not 0 <= x <= 1:
        raise ValueError(f"a p-value lies in [0, 1], got {p!r}")
    if x < threshold:
        return f"p < {number(threshold, max(0, -math.floor(math.log10(threshold))))}"
    decimals = 3 if x < 0.1 else 2
    text = number(x, decimals)
    while x < 1 and float(text) == 1 and decimals < 12:
        decimals += 1
        text = number(x, decimals)
    return f"p = {text}"


def dutch_digits(value: float, decimals: int) -> str:
    """Digits as a Dutch report prints them, no sign: 49742 → "49.742", 1.3 → "1,3"."""
    text = f"{abs(value):,.{max(int(decimals), 0)}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def printed_text(text: str) -> str:
    """A transcribed statement as the page printed it: the text conversion of the sources marks
    a formula with ``$…$`` ("$0,25 * 12 = 3$"), which the printed page does not show."""
    return re.sub(r"\$([^$\n]+)\$", r"\1", text)


def quoted_nl(printed: str) -> str:
    """A Dutch value quoted exactly as the source printed it: "“€ 980.235”" (never reformatted;
    only the text conversion's formula markup removed, :func:`printed_text`)."""
    if not isinstance(printed, str) or not printed.strip():
        raise ValueError("quote the printed text itself, as a non-empty string")
    return f"\u201c{printed_text(printed.strip())}\u201d"


def axis_formatter(kind: str = "number", decimals: int = 0):
    """A matplotlib tick formatter in the same convention (``kind``: number, eur, percent, share).

    ``ax.yaxis.set_major_formatter(axis_formatter("eur"))`` labels ticks "€ 20,000", "−€ 5,000".
    """
    from matplotlib.ticker import FuncFormatter

    functions = {"number": number, "eur": eur, "percent": percent, "share": share}
    if kind not in functions:
        raise ValueError(f"kind must be one of {sorted(functions)}, got {kind!r}")
    fmt = functions[kind]
    return FuncFormatter(lambda x, _pos: fmt(x, decimals))


_PREFIX = re.compile(r"^\s*reproduced .*? vs published .*?\(difference [^;)]*(; tolerance [^)]*)?\)"
                     r"\.?\s*", re.S)
_VALUES = re.compile(r"reproduced (\S+) vs published (\S+) \(difference ([^;)]+)")


def _short(value: str) -> str:
    """A value as the arithmetic shows it: whole numbers with separators ("1,074,904"), else
    one decimal from 100 up and four significant digits below ("4.388")."""
    try:
        x = float(value)
    except ValueError:
        return value
    sign = "+" if value.startswith("+") else ""
    if x.is_integer():
        return sign + integer(x)
    return sign + (number(x, 1) if abs(x) >= 100 else format(x, ".4g"))


def arithmetic(text: str) -> str:
    """The arithmetic of a ledger row without its "reproduced … vs published …" preamble (the
    sentence before it says both values), unless what follows the preamble is a note without a
    computation or a list of its own (no "=" or ":"): then the preamble is the arithmetic and
    stays."""
    rest = _PREFIX.sub("", str(text or "")).strip().lstrip(";,. ")
    if "=" not in rest and ":" not in rest:
        m = _VALUES.match(str(text or "").strip())
        head = (f"Recomputed {_short(m.group(1))} against the printed {_short(m.group(2))} "
                f"(difference {_short(m.group(3))})" if m else "")
        rest = (f"{head}; {rest.rstrip('.')}." if head and rest else head) \
            or str(text or "").strip()
        rest = re.sub(r"\. ([a-z])", lambda m: ". " + m.group(1).upper(), rest)
    rest = in_text(rest)  # a true minus before a number, no scientific notation
    return rest[:1].upper() + rest[1:] if rest else ""
