"""Results rows of notebooks/wijkprofiel.ipynb: every row against its expected file
(tests/results/expected/wijkprofiel.csv; `make regen-expected`), and rows checked by hand.
"""



TOTALS = {"blauwe": 130, "limmel": 118, "nazareth": 157, "wittevrouwenveld": 140,
          "wyckerpoort": 103}  # main report lines 617, 788-791
COPIES = {"b2": ["limmel", "nazareth", "wittevrouwenveld", "wyckerpoort"],
          "b5": list(TOTALS), "b6": list(TOTALS),
          "b7": ["limmel", "nazareth", "wittevrouwenveld", "wyckerpoort"],
          "b8": ["limmel", "nazareth", "wittevrouwenveld", "wyckerpoort"]}

NB = "wijkprofiel"


def test_hand_checked(rows):
    mean_hoods = rows.loc["wp_total_mean_of_neighbourhoods", "reproduced"]
    assert mean_hoods == (118 + 157 + 140 + 103) / 4
    themes = [109, 110, 107, 159, 111, 127, 132, 139]  # lines 599-646
    assert rows.loc["wp_total_mean_of_themes", "reproduced"] == sum(themes) / 8
    assert len([r for r in rows.index if r.endswith("_restated")]) == 22
