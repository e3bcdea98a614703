"""Results rows of notebooks/wijkprofiel.ipynb, asserted row by row (status and value)."""

import pytest

from tests.results.expected_rows import check_ids, check_row

TOTALS = {"blauwe": 130, "limmel": 118, "nazareth": 157, "wittevrouwenveld": 140,
          "wyckerpoort": 103}  # main report lines 617, 788-791
COPIES = {"b2": ["limmel", "nazareth", "wittevrouwenveld", "wyckerpoort"],
          "b5": list(TOTALS), "b6": list(TOTALS),
          "b7": ["limmel", "nazareth", "wittevrouwenveld", "wyckerpoort"],
          "b8": ["limmel", "nazareth", "wittevrouwenveld", "wyckerpoort"]}

EXPECTED: dict[str, tuple[str, float | None]] = {
    **{f"wp_{c}_{a}_restated": ("reproduced", TOTALS[a]) for c, areas in COPIES.items()
       for a in areas},
    "wp_total_mean_of_neighbourhoods": ("reproduced", 129.5),
    "wp_total_mean_of_themes": ("extension", 124.25),
    "wp_themes_less_favourable": ("extension", 8),
}


@pytest.fixture(scope="module")
def rows(notebook_results):
    return notebook_results("wijkprofiel")


def test_every_row_is_expected(rows):
    check_ids(rows, EXPECTED)


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_row(rows, row_id):
    check_row(rows, row_id, EXPECTED)


def test_hand_checked(rows):
    mean_hoods = rows.loc["wp_total_mean_of_neighbourhoods", "reproduced"]
    assert mean_hoods == (118 + 157 + 140 + 103) / 4
    themes = [109, 110, 107, 159, 111, 127, 132, 139]  # lines 599-646
    assert rows.loc["wp_total_mean_of_themes", "reproduced"] == sum(themes) / 8
    assert len([r for r in rows.index if r.endswith("_restated")]) == 22
