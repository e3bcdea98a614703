"""Results rows of notebooks/wijkprofiel.ipynb: every row against its expected file
(tests/results/expected/wijkprofiel.csv; `make check-evaluation NAME=wijkprofiel REGEN=1`), and
rows checked by hand.
"""



TOTALS = {"blauwe": 130, "limmel": 118, "nazareth": 157, "wittevrouwenveld": 140,
          "wyckerpoort": 103}  # main report lines 617, 788-791


NB = "wijkprofiel"


def test_hand_checked(rows):
    mean_hoods = rows.loc["wp_total_mean_of_neighbourhoods", "reproduced"]
    assert mean_hoods == (118 + 157 + 140 + 103) / 4
    assert mean_hoods == sum(v for k, v in TOTALS.items() if k != "blauwe") / 4
    themes = [109, 110, 107, 159, 111, 127, 132, 139]  # lines 599-646
    assert rows.loc["wp_total_mean_of_themes", "reproduced"] == sum(themes) / 8
    # the 22 copies in the appendices are declared restatements: the audit's, not compared here
    assert not [r for r in rows.index if r.endswith("_restated")]
