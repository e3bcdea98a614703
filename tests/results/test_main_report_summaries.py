"""Results rows of notebooks/main_report_summaries.ipynb: every row against its expected file
(tests/results/expected/main_report_summaries.csv; `make regen-expected`), and rows checked by hand.
"""

import pytest

NB = "main_report_summaries"


def test_hand_checked(rows):
    # Bijlage 8 line 4395: 68% of 116 and 75% of 189 referrals
    pooled = (68 * 116 + 75 * 189) / (116 + 189)
    assert rows.loc["mr_ggz_to_wijkteam_pct_pooled", "reproduced"] == pytest.approx(pooled)
    # 'In drie jaar tijd' (line 314) against 'In twee jaar tijd' (line 899)
    years = rows.loc["mr_pg_years_training_restated"]
    assert (years["published"], years["reproduced"]) == (3, 2)
