"""Every results row of notebooks/registration_format.ipynb (synthetic default input)."""

from __future__ import annotations

import pytest

NB = "registration_format"
N = 99
# lead counts of the synthetic file: the published margins with the 2 surplus cases taken
# from 'buurtteam' (31 -> 29); POH Jeugd 2 of 37 with the GP in the lead (2/26 + 0/11)
LEAD = {"huisarts": 20, "ondersteuner": 29, "buurtteam": 29, "specialist_in_practice": 5,
        "specialist_referred": 16, "other": 0}
EXPECTED = {f"ut_regfmt_lead_{k}": v / N for k, v in LEAD.items()}
EXPECTED["ut_regfmt_gp_lead_poh_jeugd"] = 2 / 37
EXPECTED["ut_regfmt_margin_excess"] = 21 + 20 + 29 + 31 - 99


def test_all_rows_are_synthetic_extensions(rows):
    assert (rows["status"] == "extension").all()
    synthetic = rows.drop(index="ut_regfmt_margin_excess")
    assert synthetic["note"].str.startswith("SYNTHETIC").all()
    assert synthetic["quantity"].str.startswith("SYNTHETIC").all()


@pytest.mark.parametrize("row_id", sorted(EXPECTED))
def test_margin_rows(rows, row_id):
    assert rows.loc[row_id, "reproduced"] == pytest.approx(EXPECTED[row_id])


def test_gp_lead_of_other_variants_adds_up(rows):
    # 20 GP-lead cases in all: 2 in the POH Jeugd practices, 18 in the four others (62 cases)
    others = rows.loc[["ut_regfmt_gp_lead_buurtteam_gezinswerker",
                       "ut_regfmt_gp_lead_specialist_jeugdhulp"]]
    counts = others["note"].str.extract(r"(\d+)/(\d+)").astype(int)
    assert counts[0].sum() == 18 and counts[1].sum() == 62


def test_referral_and_problem_rows_are_consistent(rows):
    referral = rows[rows.index.str.startswith("ut_regfmt_referral_")]
    assert referral["reproduced"].sum() == pytest.approx(1.0)
    # every specialist referral goes to youth care or youth mental health care
    spec = rows.loc[["ut_regfmt_referral_jeugdhulp", "ut_regfmt_referral_jeugd_ggz"], "reproduced"]
    assert spec.sum() == pytest.approx(16 / N)
    assert rows.loc["ut_regfmt_referral_buurtteam", "reproduced"] == pytest.approx(29 / N)
    assert 0 < rows.loc["ut_regfmt_multiple_share", "reproduced"] < 1
    assert 0.5 <= rows.loc["ut_regfmt_hours_mean", "reproduced"] <= 3.0


def test_every_row_is_known(rows):
    known = set(EXPECTED) | {
        "ut_regfmt_gp_lead_buurtteam_gezinswerker", "ut_regfmt_gp_lead_specialist_jeugdhulp",
        "ut_regfmt_referral_none", "ut_regfmt_referral_buurtteam", "ut_regfmt_referral_jeugdhulp",
        "ut_regfmt_referral_jeugd_ggz", "ut_regfmt_multiple_share", "ut_regfmt_hours_mean",
        "ut_regfmt_contacts_actual_minus_planned"}
    assert set(rows.index) == known
