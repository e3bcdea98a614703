"""Results rows of notebooks/pg_training.ipynb: every row against its expected file
(tests/results/expected/pg_training.csv; `make check-evaluation NAME=pg_training REGEN=1`), and
rows checked by hand.
"""

import pytest

NB = "pg_training"


def test_hand_checked(rows):
    # 'Groepen 2017 = 8,3', 'Groepen 2018 = 7,7', 'Groepen 2019 = 8' (lines 1051-1055)
    grade = rows.loc["pgt_summary_grade_mean_of_cohorts"]
    assert grade["reproduced"] == pytest.approx((8.3 + 7.7 + 8) / 3)
    assert (grade["published"], grade["status"]) == (8, "reproduced")
    # 'Groepen 2018: 9%', 'Groepen 2019: 56%' (lines 1059, 1061)
    assert rows.loc["pgt_room_change_points", "reproduced"] == 56 - 9
    # shares printed without the number of people asked (lines 915, 1083)
    for key, printed in (("burgerkracht_aware_pct", 95), ("burgerkracht_spiderweb_pct", 90),
                         ("concrete_all_pct", 60), ("concrete_part_pct", 40)):
        row = rows.loc[f"pgt_{key}"]
        assert (row["published"], row["status"]) == (printed, "not_reproducible")
    # the text's restatements of Tabel 1 are declared in structure: the audit's, not here
    assert not [r for r in rows.index if r.endswith("_restates_tabel1")]
