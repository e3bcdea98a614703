"""Every synthetic-data generator: the same seed gives the same bytes, another seed other data."""

from __future__ import annotations

import pytest

from analysis.synth import its_series, questionnaires, registrations, ycnd


@pytest.mark.parametrize("generator", [its_series, questionnaires, registrations, ycnd],
                         ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_same_seed_same_bytes_other_seed_other_data(tmp_path, generator):
    a, b, c = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    generator.write(a, 7)
    generator.write(b, 7)
    generator.write(c, 8)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
