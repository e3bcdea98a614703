"""Numbers written as words: the finder's rules (:mod:`analysis.number_words`), on constructed
phrases and on lines of the sources."""

from __future__ import annotations

import pytest

from analysis import paths
from analysis.number_words import spelled_numbers, word_tokens, word_value


def found(text: str) -> list[tuple[str, float, str]]:
    return [(s.phrase, round(s.value, 4), s.unit) for s in spelled_numbers(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("de helft van de kinderen", [("de helft", 50, "percent")]),
    ("drie op de vier ouders", [("drie op de vier", 75, "percent")]),
    ("8 van de 10 kinderen", [("8 van de 10", 80, "percent")]),
    ("bijna 1 op de 5 huishoudens", [("bijna 1 op de 5", 20, "percent")]),
    ("twee derde van de gezinnen", [("twee derde", 66.6667, "percent")]),
    ("tweederde", [("tweederde", 66.6667, "percent")]),
    ("Driekwart van de kinderen", [("Driekwart", 75, "percent")]),
    ("ruim een kwart", [("ruim een kwart", 25, "percent")]),
    ("een derde van de ouders", [("een derde", 33.3333, "percent")]),
    ("ongeveer een vijfde.", [("ongeveer een vijfde", 20, "percent")]),
    ("een zestal gezinnen", [("een zestal", 6, "count")]),
    ("Vijf van de zes praktijken", [("Vijf van de zes", 5, "count")]),
    ("Twaalf van de 22 mensen", [("Twaalf van de 22", 12, "count")]),
    ("tweeëntwintig kinderen", [("tweeëntwintig", 22, "count")]),
    ("Minimaal de helft", [("Minimaal de helft", 50, "percent")]),
])
def test_shares_and_counts_in_words(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "een gesprek met een huisarts",          # the article "een"
    "de derde bijeenkomst",                  # an ordinal
    "het vijfde jaar",
    "een derde training",
    "meer dan een half jaar",                # a duration
    "de tweede helft van 2019",              # a period, not half of something
    "een één op één gesprek",                # idioms
    "één of meerdere dagdelen",
    "aan één tafel",
    "in acht te worden genomen",
    "een drie gesprek voeren",
    "40 van de 44 respondenten",             # digits only: the digit scanner counts them
    "1 van de 7 rapporten",
])
def test_not_numbers_in_words(text):
    assert found(text) == []


def test_word_values_and_tokens():
    assert word_value("zestal") == 6
    assert word_value("vijfenveertig") == 45
    assert word_value("een") == 1 and word_value("huis") is None
    assert {"75", "3", "4"} <= word_tokens("drie op de vier")


@pytest.mark.skipif(not paths.SEEDS.is_dir(), reason="source documents not found")
def test_on_source_lines():
    lines = (paths.SEEDS / "004_f014f4dd1ed6983f.txt").read_text(encoding="utf-8").splitlines()
    # Bijlage 7, the COACH study quoted at line 3903: three shares in words and "één uur"
    assert [p for p, _, u in found(lines[3903 - 1]) if u == "percent"] == [
        "Driekwart", "Eén op de drie", "Eén op de vijf"]
    assert found(lines[1310 - 1]) == [("twee", 2, "count")]  # 'het derde kwartaal' is no number
