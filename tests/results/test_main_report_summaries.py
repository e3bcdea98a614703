"""Results rows of notebooks/main_report_summaries.ipynb, asserted row by row (status and value).

Each §6 number is compared with the appendix number it restates (value = the appendix's).
"""

import pytest

from tests.results.expected_rows import check_ids, check_row

EXPECTED: dict[str, tuple[str, float | None]] = {
    "mr_pg_years_training_restated": ("mismatch", 2),  # L314 vs L899
    "mr_pg_professionals_trained_restated": ("reproduced", 340),  # L314 vs L899
    "mr_pg_trainings_restated": ("reproduced", 38),  # L314 vs L899
    "mr_pg_grade_training_restated": ("reproduced", 8),  # L314 vs L899
    "mr_pg_grade_satisfaction_restated": ("reproduced", 8),  # L314 vs L899
    "mr_pg_weeks_after_restated": ("reproduced", 3),  # L314 vs L899
    "mr_pg_workshops_restated": ("reproduced", 55),  # L314 vs L899
    "mr_pg_workshop_participants_restated": ("reproduced", 758),  # L314 vs L899
    "mr_pg_workshops_plus_restated": ("reproduced", 10),  # L314 vs L899
    "mr_pg_workshops_plus_participants_restated": ("reproduced", 95),  # L314 vs L899
    "mr_pg_coached_restated": ("reproduced", 70),  # L318 vs L901
    "mr_pg_ambassadors_restated": ("reproduced", 15),  # L322 vs L909
    "mr_pg_ambassador_organisations_restated": ("reproduced", 10),  # L322 vs L909
    "mr_pg_citizen_workshops_2018_restated": ("reproduced", 10),  # L326 vs L915
    "mr_pg_citizen_participants_2018_restated": ("reproduced", 100),  # L326 vs L915
    "mr_pg_citizen_workshops_2019_restated": ("reproduced", 8),  # L326 vs L915
    "mr_pg_citizen_participants_2019_restated": ("reproduced", 115),  # L326 vs L915
    "mr_pg_health_ambassadors_restated": ("reproduced", 13),  # L334 vs L917
    "mr_pg_residents_interviewed_restated": ("reproduced", 49),  # L334 vs L917
    "mr_pg_observations_restated": ("reproduced", 50),  # L334 vs L917
    "mr_poh_clients_noord_oost_restated": ("reproduced", 461),  # L344 vs L1564
    "mr_poh_clients_region_restated": ("reproduced", 2513),  # L348 vs L1564
    "mr_poh_clients_closed_2019_restated": ("reproduced", 480),  # L348 vs L1566
    "mr_poh_clients_2019_restated": ("reproduced", 627),  # L348 vs L1566
    "mr_poh_not_referred_pct_restated": ("reproduced", 66),  # L348 vs L1568
    "mr_poh_saving_restated": ("reproduced", 980000),  # L350 vs L1568
    "mr_gr_first_families_restated": ("reproduced", 4),  # L364 vs L2095
    "mr_gr_families_guided_restated": ("reproduced", 14),  # L370 vs L2033
    "mr_gr_families_costed_restated": ("reproduced", 12),  # L370 vs L2033
    "mr_gr_families_saving_restated": ("reproduced", 12),  # L374 vs L2045
    "mr_gr_saving_total_restated": ("reproduced", 359000),  # L374 vs L2045
    "mr_gr_saving_per_family_restated": ("reproduced", 30000),  # L374 vs L2045
    "mr_gr_net_saving_per_family_restated": ("reproduced", 22000),  # L374 vs L2045
    "mr_dot_patients_restated": ("reproduced", 15),  # L406 vs L3263
    "mr_dot_helder_practices_restated": ("reproduced", 6),  # L410 vs L3207
    "mr_ycnd_nurses_restated": ("reproduced", 3),  # L420 vs L3506
    "mr_ycnd_children_restated": ("reproduced", 103),  # L426 vs L3510
    "mr_ycnd_target_families_restated": ("reproduced", 60),  # L426 vs L3510
    "mr_ycnd_half_year_healthier_pct_restated": ("reproduced", 50),  # L426 vs L3510
    "mr_ycnd_year_healthier_pct_restated": ("reproduced", 79),  # L426 vs L3510
    "mr_ggz_mdos_per_practice_restated": ("reproduced", 12),  # L436 vs L4351
    "mr_ggz_patients_per_mdo_restated": ("reproduced", 10),  # L436 vs L4351
    "mr_ggz_clients_discussed_restated": ("reproduced", 700),  # L436 vs L4351
    "mr_ggz_experts_restated": ("reproduced", 3),  # L440 vs L4357
    "mr_ggz_clients_per_expert_restated": ("reproduced", 6),  # L440 vs L4371
    "mr_ggz_clients_guided_restated": ("reproduced", 78),  # L440 vs L4371
    "mr_ggz_recommend_pct_restated": ("reproduced", 90),  # L446 vs L4425
    "mr_ggz_hoc_pct_restated": ("reproduced", 59),  # L452 vs L4442
    "mr_ggz_not_adult_ggz_pct_restated": ("reproduced", 20),  # L452 vs L4442
    "mr_ggz_no_care_pct_restated": ("reproduced", 12),  # L454 vs L4454
    "mr_ggz_combination_pct_restated": ("reproduced", 7),  # L454 vs L4454
    "mr_ggz_to_wijkteam_pct_pooled": ("reproduced", 72.33770492),
    "mr_ggz_clients_discussed_product": ("extension", 720),
    # Bijlage 9 (Lessons learned, line 4928) against Bijlage 2 (line 917)
    "mr_b9_health_ambassadors_lessons": ("mismatch", 13),  # '(15)' vs 13 bewoners
    "mr_b9_residents_interviewed_lessons": ("reproduced", 49),
    "mr_b9_observations_lessons": ("mismatch", 50),  # 51 observed vs 50 observaties
}


@pytest.fixture(scope="module")
def rows(notebook_results):
    return notebook_results("main_report_summaries")


def test_every_row_is_expected(rows):
    check_ids(rows, EXPECTED)


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_row(rows, row_id):
    check_row(rows, row_id, EXPECTED)


def test_hand_checked(rows):
    # Bijlage 8 line 4395: 68% of 116 and 75% of 189 referrals
    pooled = (68 * 116 + 75 * 189) / (116 + 189)
    assert rows.loc["mr_ggz_to_wijkteam_pct_pooled", "reproduced"] == pytest.approx(pooled)
    # 'In drie jaar tijd' (line 314) against 'In twee jaar tijd' (line 899)
    years = rows.loc["mr_pg_years_training_restated"]
    assert (years["published"], years["reproduced"]) == (3, 2)
