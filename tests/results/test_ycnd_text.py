"""Results rows of notebooks/ycnd_text.ipynb: every row against its expected file
(tests/results/expected/ycnd_text.csv; `make regen-expected`), and rows checked by hand.
"""

from __future__ import annotations

import pytest

NB = "ycnd_text"


@pytest.fixture(scope="module")
def rows(notebook_results):
    return notebook_results(NB)


def test_implied_numbers(rows):
    r = rows["reproduced"]
    assert r["yct_population_2_18"] == pytest.approx(200 / 0.20)
    assert r["yct_capacity_children_per_week"] == pytest.approx(3 * 8 / 6)
    assert r["yct_module4_share"] == pytest.approx(100 * 8 / 103)


def test_the_texts_consistency_is_the_audits(rows):
    # issue 14: restatements, the drop-out share and the summary's 79% are checked once, by the
    # audit; the infographic's '8:10' (line 3921) only on the YCND page, against 78,6%
    from analysis import audit

    f = audit.findings_for("yct_text_values")
    assert not rows.index.str.contains("restated|dropped_pct|body_vs_summary").any()
    # the 14% drop-out (line 3817) is checked once, on its YCND transcription (ycnd_text_values)
    assert (f["outcome"] == "pass").sum() == 4
    assert not f["item"].str.contains("dropped_pct").any()
    fail = f[f["outcome"] == "fail"]
    assert len(fail) == 1 and "79" in fail["arithmetic"].iloc[0]
    assert not f["item"].str.contains("year_healthier_ratio").any()
