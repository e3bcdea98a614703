"""Dutch number words: the one documented list the provenance check and the coverage scanner use.

A transcribed value may be printed as a word rather than digits ("een zestal", "vier weken",
"de helft"). :data:`NUMBER_WORDS` maps each word (lower case, as it occurs in the sources) to its
value; :func:`word_tokens` turns the words of a line into the digit strings the source would have
printed. Add a word here, once, when a transcription needs it (and a test names the line).
"""

from __future__ import annotations

import re

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
    return tokens


def _digits(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v).replace(".", ",")
