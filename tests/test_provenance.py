"""Every transcribed number can be found on the source line its row cites (rules:
:mod:`analysis.provenance`; number words: :mod:`analysis.number_words`)."""

from __future__ import annotations

import pytest

from analysis import paths, provenance, rawdata
from analysis.number_words import word_tokens

pytestmark = pytest.mark.skipif(not paths.SEEDS.is_dir(),
                                reason=f"source documents not found at {paths.SEEDS}")

TABLES = sorted(rawdata.catalog())


@pytest.mark.parametrize("table", TABLES)
def test_numbers_are_on_their_cited_line(table):
    if not provenance.applies(table):
        pytest.skip("no seed source or no line column")
    found = provenance.problems(table)
    assert not found, "\n".join(found[:25]) + f"\n→ {provenance.FIX}"


def test_number_words_and_forms():
    assert {"6", "4"} <= word_tokens("een zestal gezinnen in vier weken")
    assert "50" in word_tokens("de helft van de kinderen")
    assert provenance.dutch_forms(1074904, 0) >= {"1.074.904", "1074904"}
    assert "65,7" in provenance.dutch_forms(65.7, 1)
    assert "50" in provenance.number_tokens("1:2 kinderen")


def _explained(structure: dict) -> list[dict]:
    return [spec["explained"] for specs in structure.values() if isinstance(specs, list)
            for spec in specs if isinstance(spec, dict) and "explained" in spec]


def test_the_sources_own_explanations_are_on_their_lines():
    """A structure entry's ``explained`` (e.g. a footnote on rounding) quotes its source line."""
    found = 0
    for name, e in rawdata.catalog().items():
        for ex in _explained(e.descriptor.get("structure") or {}):
            lines = (paths.SEEDS / e.source_file).read_text(encoding="utf-8").splitlines()
            assert ex["statement_nl"] in lines[ex["line"] - 1], (name, ex)
            found += 1
    assert found >= 1  # Tabel 6 of Bijlage 4: 'Door afrondingsverschillen …' (line 2448)
