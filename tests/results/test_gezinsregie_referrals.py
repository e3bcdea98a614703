"""Results rows of notebooks/gezinsregie_referrals.ipynb, asserted row by row (status and value)."""

import pytest

from tests.results.expected_rows import check_ids, check_row

EXPECTED: dict[str, tuple[str, float | None]] = {
    "grr_registered_sum_tabel1": ("reproduced", 20),  # 2+10+1+2+1+1+1+1+1, lines 2119-2127
    "grr_approached_restates": ("reproduced", 20),
    "grr_dropped_reasons": ("reproduced", 6),  # twee + een + twee + een, lines 2131-2134
    "grr_guided": ("reproduced", 14),  # 20 − 6
    "grr_costed": ("reproduced", 12),  # 14 − 2
    "grr_intro_families_registered_restated": ("reproduced", 20),  # line 2069 vs 2115
    "grr_intro_families_guided_restated": ("reproduced", 14),
    "grr_intro_families_costed_restated": ("reproduced", 12),
    "grr_intro_families_guided_of_restated": ("reproduced", 14),
    "grr_families_saving_restated_restated": ("reproduced", 12),
    "grr_conclusion_families_saving_restated": ("reproduced", 12),
    "grr_conclusion_municipal_saving_per_family_restated": ("reproduced", 21427),  # 2474 vs 2046
    "grr_recommendation_similar_families_restated": ("reproduced", 650),  # 2504 vs 2049
    "grr_share_via_gp_practice": ("extension", 70),  # (10 + 1 + 2 + 1) / 20
    "grr_share_costed_of_registered": ("extension", 60),  # 12 / 20
}


@pytest.fixture(scope="module")
def rows(notebook_results):
    return notebook_results("gezinsregie_referrals")


def test_every_row_is_expected(rows):
    check_ids(rows, EXPECTED)


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_row(rows, row_id):
    check_row(rows, row_id, EXPECTED)
