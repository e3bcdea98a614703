"""Dutch number words: the one documented list the provenance check and the coverage scanner use.

A transcribed value may be printed as a word rather than digits ("een zestal", "vier weken",
"de helft"). :data:`NUMBER_WORDS` maps each word (lower case, as it occurs in the sources) to its
value; :func:`word_tokens` turns the words of a line into the digit strings the source would have
printed. Add a word here, once, when a transcription needs it (and a test names the line).

:func:`spelled_numbers` finds the numbers a line states in words, each with its value and unit:

* shares (unit ``percent``): :data:`FRACTIONS` after a count word ("de helft", "een derde",
  "twee derde", "tweederde", "driekwart", "een kwart", "een vijfde"), and ratios "X op de Y"
  (always a share: "drie op de vier", "1 op de 5") and "X van de Y" when Y is 10, 100 or
  1000 ("8 van de 10");
* counts (unit ``count``): the cardinals and approximate counts of :data:`NUMBER_WORDS`
  ("drie", "een zestal", "tweeëntwintig"), and "X van de Y" with a word in it ("vijf van de
  zes praktijken", "Twaalf van de 22"): the count X of a whole of Y, one phrase;
* a qualifier before the number ("ruim", "bijna", "meer dan", "ongeveer", …) is part of the
  phrase and kept in :attr:`Spelled.qualifier`.

Left out by rule (not quantities): the article "een" (only "één"/"eén" is the numeral); the
ordinals "derde"/"vijfde"/"tiende" unless a count word precedes and "van", "deel", "procent" or
punctuation follows ("de derde bijeenkomst", "een derde training"); a "helft" after
"eerste"/"tweede" ("de tweede helft van 2019", a period); "half"/"halve" on their own ("een half
jaar", a duration, read by :func:`word_tokens` only); and the
idioms of :data:`IDIOMS` ("één op één", "één van de", "aan één tafel", "één of meer", "in acht
nemen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS: dict[str, float] = {
    "een": 1,
    "één": 1,
    "eén": 1,
    "twee": 2,
    "drie": 3,
    "drietal": 3,
    "vier": 4,
    "viertal": 4,
    "vijf": 5,
    "vijftal": 5,
    "zes": 6,
    "zestal": 6,
    "zeven": 7,
    "zevental": 7,
    "acht": 8,
    "achttal": 8,
    "negen": 9,
    "negental": 9,
    "tien": 10,
    "tiental": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "twintig": 20,
    "twintigtal": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
    "honderd": 100,
    "duizend": 1000,
    "half": 0.5,
    "halve": 0.5,
    "derde": 3,
    "kwart": 0.25,
}
"""Word → value. ``derde`` is the ordinal (third); ``half``/``halve``/``kwart`` are fractions."""

PHRASES: dict[str, float] = {"helft": 50}
"""Phrases read as a percentage: ``de helft`` = 50 (percent)."""

FRACTIONS: dict[str, float] = {
    "helft": 50,
    "derde": 100 / 3,
    "kwart": 25,
    "vijfde": 20,
    "tiende": 10,
    "tweederde": 200 / 3,
    "driekwart": 75,
}
"""Fraction word → share in percent; after a count word ("twee derde" = 2 × derde)."""

QUALIFIERS = ("ruim", "bijna", "ongeveer", "circa", "ca.", "zo'n", "zo’n", "meer dan",
              "minder dan", "ten minste", "tenminste", "maximaal", "minimaal", "slechts", "krap")
"""Words before a number that make it a bound or an approximation (kept in the phrase)."""

IDIOMS = re.compile(
    r"\b(?:[eé][eé]n|een) op [eé][eé]n\b|\b[eé][eé]n van de\b|\btwee kanten\b|"
    r"\b[eé][eé]n (?:taal|lijn|geheel|loket|tafel)\b|\bvier ogen\b|"
    r"\b[eé][eé]n of meer(?:dere)?\b|\bdrie ?gesprek(?:ken)?\b|"
    r"\b[eé][eé]n van (?:deze|die)\b|\bin acht (?:te )?(?:worden )?(?:nemen|genomen)\b|"
    r"\b[eé][eé]n (?:gezin|huishouden) [eé][eé]n plan\b",
    re.IGNORECASE)
"""Phrases with a number word that state no quantity ("één op één" = one-to-one)."""

_UNITS = r"een|twee|drie|vier|vijf|zes|zeven|acht|negen"
_TENS = r"twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig"
COMPOUND = re.compile(rf"^({_UNITS})[eë]n({_TENS})$")
_COUNT_WORD = r"[eé][eé]n|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien"
_CARDINALS = sorted((w for w in NUMBER_WORDS if not w.endswith("tal")), key=len, reverse=True)
_NUM = rf"[0-9]+|{'|'.join(_CARDINALS)}"
_QUAL = "|".join(re.escape(q) for q in QUALIFIERS)
_RATIO = re.compile(rf"\b(?P<x>{_NUM}) (?P<rel>op|van) de (?P<y>{_NUM})\b", re.IGNORECASE)
_FRACTION = re.compile(
    rf"(?<![\w-])(?:(?P<n>de|{_COUNT_WORD})\s+)?(?P<f>tweederde|driekwart|helft|derde|kwart|"
    rf"vijfde|tiende)(?![\w-])", re.IGNORECASE)
# what follows a fraction ("een derde van de ouders", "twee derde deel", "een vijfde (20%)");
# any other word makes it an ordinal ("een derde bijeenkomst")
_FRACTION_AFTER = re.compile(r"\s*(?:$|van\b|deel\b|procent\b|[(),.;:!?%–-])", re.IGNORECASE)
_WORD = re.compile(r"(?<![\w-])[a-zéëï]+(?![\w-])", re.IGNORECASE)
_QUALIFIER = re.compile(rf"(?:{_QUAL})\s+(?:(?:een|de)\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Spelled:
    """One number stated in words on a line: where, the phrase verbatim, its value and unit."""

    start: int
    end: int
    phrase: str
    value: float
    unit: str  # "percent" (a share) or "count"
    qualifier: str = ""


def word_value(word: str) -> float | None:
    """The value of one number word (``zestal`` → 6, ``tweeëntwintig`` → 22), else None."""
    w = word.lower()
    if w in NUMBER_WORDS:
        return float(NUMBER_WORDS[w])
    m = COMPOUND.match(w)
    if m:
        return float(NUMBER_WORDS[m.group(1)] + NUMBER_WORDS[m.group(2)])
    return None


def _operand(token: str) -> float | None:
    return float(token) if token.isdigit() else word_value(token)


def spelled_numbers(text: str) -> list[Spelled]:
    """The numbers ``text`` states in words (rules: module docstring), in order of position."""
    taken = [(m.start(), m.end()) for m in IDIOMS.finditer(text)]
    found: list[Spelled] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(a: int, b: int, value: float, unit: str) -> None:
        q = _QUALIFIER.search(text[:a])
        if q:
            a = q.start()
        taken.append((a, b))
        qual = text[q.start():q.end()].split()[0].lower() if q else ""
        found.append(Spelled(a, b, text[a:b], value, unit, qual))

    for m in _RATIO.finditer(text):
        x, y = _operand(m.group("x")), _operand(m.group("y"))
        words = not (m.group("x").isdigit() and m.group("y").isdigit())
        if x is None or not y or not free(m.start(), m.end()) or x > y:
            continue
        if m.group("rel").lower() == "op" or y in (10, 100, 1000):
            add(m.start(), m.end(), 100 * x / y, "percent")
        elif words:  # "vijf van de zes praktijken", "Twaalf van de 22": the count of a whole
            add(m.start(), m.end(), x, "count")
    for m in _FRACTION.finditer(text):
        n, f = (m.group("n") or "").lower(), m.group("f").lower()
        before = text[: m.start()].lower().rstrip()
        if f == "helft":
            if n != "de" and n not in ("een", "één") or re.search(r"(eerste|tweede)$", before):
                continue
            value = FRACTIONS[f]
        elif f in ("tweederde", "driekwart"):
            value = FRACTIONS[f]
        elif n and n != "de" and (f == "kwart" or _FRACTION_AFTER.match(text[m.end():])):
            value = (word_value(n) or 1) * FRACTIONS[f]
        else:
            continue  # an ordinal: "de derde bijeenkomst", "een derde training"
        if free(m.start(), m.end()):
            add(m.start(), m.end(), value, "percent")
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if w == "een" or w in ("half", "halve", "derde", "kwart") or not free(m.start(), m.end()):
            continue
        value = word_value(w)
        if value is not None:  # "een zestal": the article belongs to the approximate count
            art = re.search(r"\been\s+$", text[: m.start()], re.IGNORECASE)
            a = art.start() if art and w.endswith("tal") else m.start()
            add(a, m.end(), value, "count")
    return sorted(found, key=lambda s: s.start)


def word_tokens(text: str) -> set[str]:
    """Digit strings (Dutch decimal comma) for the number words and phrases in ``text``."""
    tokens: set[str] = set()
    low = text.lower()
    for phrase, value in PHRASES.items():
        if phrase in low:
            tokens.add(_digits(value))
    for word in re.findall(r"[a-zéë]+", low):
        if word in NUMBER_WORDS:
            tokens.add(_digits(NUMBER_WORDS[word]))
    for s in spelled_numbers(text):  # "drie op de vier" → 75, "tweeëntwintig" → 22
        tokens.add(_digits(round(s.value, 6)))
    return tokens


def _digits(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v).replace(".", ",")
