"""Every results row of notebooks/ycnd_bmi.ipynb (primary run: SYNTHETIC cohort, nl1997)."""

from __future__ import annotations

import pytest

from tests.results.expected import check_row

NB = "ycnd_bmi"

# Hand-derived from the printed numbers: (status, value); value = reproduced, or published for
# not_reproducible rows. Percentages first, as 100 · count / denominator, by denominator:
# {denominator: {row id: (status, count)}}.
PERCENT_OF = {
    # intake: shares vs the nearest count of 221 children
    221: {"ycnd_intake_sex_boys": ("mismatch", 113),
          "ycnd_intake_sex_girls": ("mismatch", 108),
          "ycnd_intake_weight_class_overweight": ("mismatch", 136),
          "ycnd_intake_weight_class_obesity": ("reproduced", 60),
          "ycnd_intake_weight_class_morbid_obesity": ("mismatch", 20),
          "ycnd_intake_weight_class_healthy": ("reproduced", 5)},
    # the 103 enrolled
    103: {"ycnd_funnel_evaluated_share": ("extension", 50),
          "ycnd_network_coach": ("reproduced", 23),
          "ycnd_network_psychological": ("reproduced", 13),
          "ycnd_network_dietitian": ("reproduced", 26), "ycnd_coach_seen_pct": ("reproduced", 28)},
    14: {"ycnd_fu_long_decrease_pct": ("reproduced", 11)},
    28: {"ycnd_coach_high_risk_pct": ("reproduced", 20)},
    118: {"ycnd_coach_referred_not_enrolled_pct": ("mismatch", 4)},
    60: {"ycnd_enrolled_vs_target": ("extension", 103)},
    # the SYNTHETIC cohort of 50 (14 guided 12-18 months) built to agree
    50: {"ycnd_fu_class_overweight": ("mismatch", 26), "ycnd_fu_class_obesity": ("mismatch", 19),
         "ycnd_fu_class_morbid_obesity": ("mismatch", 5), "ycnd_fu_girls_pct": ("mismatch", 25),
         "ycnd_fu_stable_pct": ("reproduced", 2), "ycnd_fu_decrease_pct": ("reproduced", 24),
         "ycnd_fu_stable_or_decrease_pct": ("reproduced", 26)},
}
HAND = {rid: (status, 100 * count / n)
        for n, group in PERCENT_OF.items() for rid, (status, count) in group.items()} | {
    "ycnd_funnel_remaining": ("extension", 103 - 14), "ycnd_funnel_evaluated_n": ("extension", 50),
    "ycnd_funnel_long_n": ("extension", 14), "ycnd_staffing_hours_after": ("reproduced", 3 * 8),
    "ycnd_infographic_participants": ("reproduced", 103), "ycnd_fu_min_age": ("reproduced", 4),
    "ycnd_fu_max_age": ("reproduced", 15),
    "ycnd_ext_implied_mean_decrease": ("extension", 0.31 / 0.48),
    "ycnd_ext_band_10_decrease": ("extension", 48.0), "ycnd_ext_band_00_stable": ("extension", 0.0),
    "ycnd_ext_band_00_decrease": ("extension", 48.0),
    "ycnd_ext_target_gap": ("extension", 48.0 - 70),
    "ycnd_ext_target_gap_published": ("extension", 48.0 - 70),
    "ycnd_ext_target_gap_published_12_18": ("extension", 78.6 - 70),
}

NOT_REPRODUCIBLE = {
    "ycnd_intake_children": 221, "ycnd_enrolled_children": 103, "ycnd_dropout_children": 14,
    "ycnd_over_1y_children": 29, "ycnd_module4_children": 8, "ycnd_completed_children": 2,
    "ycnd_intake_mean_age": 10.75, "ycnd_dropout_mean_consults": 1.7,
    "ycnd_over_1y_mean_consults": 2.7, "ycnd_over_1y_min_consults": 1,
    "ycnd_over_1y_max_consults": 8, "ycnd_first_year_mean_consults": 2.4,
    "ycnd_first_year_min_consults": 1, "ycnd_first_year_max_consults": 4, "ycnd_network_n": 103,
    "ycnd_coach_referred_not_enrolled": 4, "ycnd_target_families": 60,
    "ycnd_target_bmiz_reduction_share": 70, "ycnd_target_nurses_trained": 3,
    "ycnd_target_min_coaches": 2, "ycnd_assumption_overweight_share": 20,
    "ycnd_assumption_target_group": 200, "ycnd_assumption_hours_per_child": 6,
    "ycnd_assumption_hours_per_nurse": 8, "ycnd_assumption_nurses": 3,
    "ycnd_staffing_nurses_before": 1, "ycnd_staffing_nurses_after": 3,
    "ycnd_staffing_hours_before": 4, "ycnd_infographic_nurses": 3,
    "ycnd_clinically_relevant_decrease": -0.15, "ycnd_fu_long_max_months": 18,
    "ycnd_more_than_half_6m": 50,
}

# Built to agree (status) – value checked against the published number's rounding.
ROUNDS_TO = {
    "ycnd_fu_mean_age": (11, 0), "ycnd_fu_mean_months": (10.4, 1),
    "ycnd_fu_min_months": (6, 0), "ycnd_fu_max_months": (18, 0),
    "ycnd_fu_long_min_months": (12, 0), "ycnd_fu_mean_change": (-0.31, 2),
}

def test_every_row_is_asserted(rows):
    # by hand below; the synthetic extensions are pinned by the expected file
    by_hand = set(HAND) | set(NOT_REPRODUCIBLE) | set(ROUNDS_TO)
    assert by_hand | set(rows.index[rows["status"] == "extension"]) == set(rows.index)
    assert rows["status"].value_counts().to_dict() == {
        "reproduced": 21, "not_reproducible": 32, "extension": 40, "mismatch": 9}


def test_restatements_are_the_audits(rows):
    # 103, 60, 14%, 79-80%, '1:2', '8:10', 'de helft' in the text: checked once, by the audit
    from analysis import audit

    f = audit.findings_for("ycnd_text_values").set_index("item")
    assert f.loc["summary_half_improved restates daling", "outcome"] == "fail"
    assert f.loc["conclusion_enrolled_ratio = enrolled_children / intake_children",
                 "outcome"] == "fail"
    assert f.loc["summary_enrolled restates enrolled_children", "outcome"] == "pass"
    assert not rows.index.str.contains("summary_|conclusion_|infographic_improved").any()


@pytest.mark.parametrize("rid", sorted(HAND))
def test_hand_derived(rows, rid):
    check_row(rows, rid, *HAND[rid], abs_=1e-6)


@pytest.mark.parametrize("rid", sorted(NOT_REPRODUCIBLE))
def test_not_reproducible(rows, rid):
    assert rows.loc[rid, "status"] == "not_reproducible"
    assert rows.loc[rid, "published"] == pytest.approx(NOT_REPRODUCIBLE[rid])
    assert rows.loc[rid, "note"]


@pytest.mark.parametrize("rid", sorted(ROUNDS_TO))
def test_built_to_agree(rows, rid):
    value, decimals = ROUNDS_TO[rid]
    assert rows.loc[rid, "status"] == "reproduced"
    assert abs(rows.loc[rid, "reproduced"] - value) <= 0.5 * 10.0**-decimals + 1e-9



def test_relations_between_rows(rows):
    r = rows["reproduced"]
    # the synthetic changes are continuous: the stable band matters (not flat by construction)
    stable = [r[f"ycnd_ext_band_{b}_stable"] for b in ("00", "10", "20")]
    assert stable[0] < stable[1] < stable[2]
    # rows resting on the synthetic cohort say so; the report's own numbers stay 'published'
    assert rows.loc["ycnd_ext_mean_change", "basis"] == "synthetic"
    assert rows.loc["ycnd_fu_decrease_pct", "basis"] == "synthetic"
    assert rows.loc["ycnd_network_coach", "basis"] == "published"
    assert rows.loc["ycnd_ext_target_gap_published", "basis"] == "published"
    low, high = r["ycnd_ext_mean_change_ci_low"], r["ycnd_ext_mean_change_ci_high"]
    assert low < r["ycnd_ext_mean_change"] < high
    assert r["ycnd_ext_mean_change_ci_high"] < 0  # the synthetic decrease is significant
    # compression: less z change per %BMI-M point the heavier the class
    assert (r["ycnd_ext_z_per_point_overweight"] > r["ycnd_ext_z_per_point_obesity"]
            > r["ycnd_ext_z_per_point_morbid_obesity"])


def test_mismatches_carry_their_arithmetic(rows):
    mism = rows[rows["status"] == "mismatch"]
    assert mism["note"].str.startswith("reproduced ").all()
    assert "the printed classes fit n = 48, 96" in rows.loc["ycnd_fu_class_obesity", "note"]
    assert "neither 118 nor 221" in rows.loc["ycnd_coach_referred_not_enrolled_pct", "note"]


def test_real_data_path_with_ages_exclusions_and_unpaired(tmp_path):
    """A researcher's file (age_years instead of birth_date, an implausible row, a child without
    follow-up) runs through the same notebook by the input_path parameter."""
    import pandas as pd

    from analysis import paths
    from tests.conftest import ensure_synthetic_data, run_notebook

    ensure_synthetic_data()
    df = pd.read_csv(paths.PROCESSED / "ycnd_synthetic.csv", parse_dates=["birth_date",
                                                                           "measurement_date"])
    df["age_years"] = ((df["measurement_date"] - df["birth_date"]).dt.days / 365.25).round(4)
    df = df.drop(columns="birth_date")
    df = df[~((df["child_id"] == "SYN001") & (df["phase"] == "follow_up"))]
    bad = df.iloc[[0]].assign(child_id="BAD1", height_cm=300.0)
    df = pd.concat([df, bad], ignore_index=True)
    df["measurement_date"] = df["measurement_date"].dt.strftime("%Y-%m-%d")
    f = tmp_path / "jgz.csv"
    df.to_csv(f, index=False)
    out = run_notebook("ycnd_bmi", tmp_path, input_path=str(f), synthetic=False)
    assert "n = 49" in out.loc["ycnd_ext_mean_change", "note"]
    assert "SYNTHETIC" not in out.loc["ycnd_fu_mean_change", "quantity"]
    assert out.loc["ycnd_fu_long_decrease_pct", "status"] in ("reproduced", "mismatch")
    executed = (tmp_path / "ycnd_bmi.ipynb").read_text(encoding="utf-8")
    assert "implausible height_cm" in executed and "without a pair (one phase only)" in executed


def test_the_drop_out_shares_are_the_audits(rows):
    # issue 14: the funnel's printed shares against their printed counts and the 65% of the 14
    # early stoppers compare printed numbers with printed numbers: the audit's, not this page's
    from analysis import audit

    gone = ["ycnd_enrolled_pct", "ycnd_dropout_pct", "ycnd_over_1y_pct",
            "ycnd_dropout_one_consult_pct"]
    assert not rows.index.isin(gone).any()
    f = audit.findings_for("ycnd_text_values").set_index("published_label")
    for key, count, n in (("enrolled_pct", 103, 221), ("dropout_pct", 14, 103),
                          ("over_1y_pct", 29, 103)):
        r = f.loc[f"ycnd_text_values[{key}].value"]
        assert (r["check"], r["outcome"]) == ("percentages", "pass")
        assert r["computed"] == pytest.approx(100 * count / n)
    # 65% of 14: 9 / 14 = 64.3%, 10 / 14 = 71.4%; the nearest size that fits 65% is 17
    g = f.reset_index()
    one = g[(g["published_label"] == "ycnd_text_values[dropout_children].value")
            & (g["check"] == "percent_groups")].iloc[0]
    assert (one["outcome"], one["published"], one["computed"]) == ("fail", 14, 17)
