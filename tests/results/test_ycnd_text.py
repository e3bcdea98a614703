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


def test_the_80_percent_of_line_3844_has_one_transcription():
    # issue 14: §5.6's 80% is transcribed once (ycnd_text_values, data/raw/ycnd); the running
    # text's structure block refers to that cell, so the number has one key in the ledger
    from analysis import audit, rawdata

    assert "year_healthier_pct" not in set(rawdata.load("yct_text_values")["key"])
    f = audit.findings_for("yct_text_values")
    fail = f[f["outcome"] == "fail"].iloc[0]
    assert fail["check"] == "same_population" and fail["published"] == 80
    assert fail["published_label"].startswith("ycnd_text_values[")
