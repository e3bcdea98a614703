"""Results rows of notebooks/consistency_audit.ipynb: the audit's findings on the real tables.

Every row is asserted through its status (decided by analysis.results) and, for the findings the
issue names, its value: the Utrecht outcomes add to 101 of 99 cases; Tabel 6 of Bijlage 4 prints
€ 49.742 where its totals give 28.748.498 / 648 = € 44.365 (and the printed value is the unweighted
average of the three category means).
"""

from __future__ import annotations

import numpy as np
import pytest

from analysis import audit, results

NB = "consistency_audit"


@pytest.fixture(scope="module")
def findings():
    return audit.run_audit().set_index("id")


def test_every_finding_is_a_row_with_the_matching_status(rows, findings):
    status = {"pass": "reproduced", "fail": "mismatch", "info": "extension",
              "skipped": "not_reproducible"}
    audit_rows = rows.loc[findings.index]
    assert (audit_rows["status"] == findings["outcome"].map(status)).all()
    checked = findings["outcome"].isin(["pass", "fail"])
    # the CSV keeps 10 significant digits
    assert np.allclose(audit_rows.loc[checked, "reproduced"].astype(float),
                       findings.loc[checked, "computed"].astype(float), rtol=1e-9,
                       equal_nan=True)
    assert set(rows["status"]) <= set(results.STATUSES)
    assert rows.index.is_unique


def test_mismatch_rows_carry_arithmetic_and_source(rows):
    mism = rows[rows["status"] == "mismatch"]
    assert len(mism) > 0
    assert mism["note"].str.startswith("reproduced ").all()
    assert mism["source"].str.contains(r"\.txt, .*L\d", regex=True).all()


def test_utrecht_outcomes_add_to_101_of_99(rows):
    ut = rows[rows.index.str.startswith("audit__ut_registration_lead__totals__registered_total")]
    assert len(ut) == 1
    row = ut.iloc[0]
    assert row["status"] == "mismatch"
    assert row["published"] == 99 and row["reproduced"] == 101
    assert "21 + 20 + 29 + 31 = 101" in row["note"]
    assert row["source"].startswith("000_b67849be9a3b9684.txt")


def test_gezinsregie_target_mean_cost(rows):
    row = rows.loc["audit__grc_pareto_target__ratios__mean_cost_eur__L2444"]
    assert row["status"] == "mismatch"
    assert row["published"] == 49742
    assert row["reproduced"] == pytest.approx(28748498 / 648)  # 44,364.97
    assert "L2444" in row["source"]
    weighted = rows.loc["audit__grc_pareto_target__mean_cost_eur__weighted_mean"]
    # (394×34143 + 107×40520 + 147×74563) / 648 from the printed category means
    assert weighted["status"] == "mismatch"
    assert weighted["reproduced"] == pytest.approx(28748743 / 648)
    # the unweighted average explains the printed value: an extension, not a second check
    unweighted = rows.loc["audit__grc_pareto_target__mean_cost_eur__unweighted_mean"]
    assert unweighted["status"] == "extension"
    assert unweighted["reproduced"] == pytest.approx((34143 + 40520 + 74563) / 3)


def test_gezinsregie_target_per_household_counts(rows):
    # clients 2.9 and provisions 4.9: unweighted (2.4+2.8+3.4)/3, (3.6+4.8+6.2)/3 reproduce them
    assert rows.loc["audit__grc_pareto_target__clients_per_household__unweighted_mean",
                    "reproduced"] == pytest.approx((2.4 + 2.8 + 3.4) / 3)
    assert rows.loc["audit__grc_pareto_target__provisions_per_household__weighted_mean",
                    "reproduced"] == pytest.approx((394 * 3.6 + 107 * 4.8 + 147 * 6.2) / 648)
    assert rows.loc["audit__grc_pareto_target__provisions_per_household__weighted_mean",
                    "status"] == "mismatch"


def test_poh_tabel4_base_is_not_480(rows):
    # 58.2% of 480 is impossible: 279/480 = 58.13%, 280/480 = 58.33%
    row = rows.loc["audit__pohr_followup_2019__percent_groups__pct_all_7_percentages__L1682"]
    assert row["status"] == "mismatch"
    assert row["published"] == 480 and row["reproduced"] == 483


def test_restatements_in_text(rows):
    # conclusions (line 1881): '8%' to GP, voorliggend veld or Team Jeugd = 2.7 + 2.3 + 2.1 = 7.1%
    row = rows.loc["audit__pohr_text_values__restates__other_referral_conclusion__L1685"]
    assert row["status"] == "mismatch"
    assert row["published"] == 8 and row["reproduced"] == pytest.approx(7.1)
    # the summary (line 1566) adds Veilig Thuis: 7.5% restated as 8% is consistent
    row = rows.loc["audit__pohr_text_values__restates__other_referral_summary__L1566"]
    assert row["status"] == "reproduced" and row["reproduced"] == pytest.approx(7.5)
    # 'ca. € 50.000' (to the ten thousand) does restate the printed € 49.742 ...
    row = rows.loc["audit__grc_text_values__restates__target_mean_cost__L2444"]
    assert row["status"] == "reproduced" and row["reproduced"] == 49742
