"""Every results row of the POH Jeugd referrals notebook, asserted (status and value).

Values are worked out by hand from Bijlage 3 Tabel 1, 2, 4, 5 and the text (source lines in
comments).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from analysis import paths
from tests.results.expected import check_row

NB = "poh_jeugd_referrals"

# Tabel 1 (lines 1620-1625)
T1 = {
    "maastricht": [74, 263, 431, 381, 378],
    "eijsden_margraten": [12, 70, 46, 82, 89],
    "meerssen": [0, 43, 94, 90, 96],
    "valkenburg_aan_de_geul": [74, 87, 71, 74, 58],
}
YEARS = ["2016", "2017", "2018", "2019", "2020"]
# Tabel 5 (lines 1705-1720): N and the four outcome percentages (for the reconstructed counts)
T5 = {
    "anxiety": (173, [69.9, 21.4, 4.6, 4.0]),
    "mood_complaints": (131, [53.1, 41.5, 2.3, 3.1]),
    "behavioural_problems": (123, [44.6, 29.8, 10.7, 14.9]),
    "other": (121, [62.5, 20.8, 10.0, 6.7]),
    "divorce": (100, [74.7, 3.0, 11.1, 11.1]),
    "concentration": (77, [29.9, 57.1, 9.1, 3.9]),
    "multiple_problems": (60, [28.3, 48.3, 11.7, 11.7]),
    "school_and_bullying_problems": (55, [50.9, 9.1, 16.4, 23.6]),
    "parenting_problems": (50, [68.0, 8.0, 14.0, 10.0]),
    "family-system_problems": (47, [61.7, 14.9, 19.1, 4.3]),
    "psychosomatic_complaints": (39, [68.4, 13.2, 2.6, 15.8]),
    "social_problems": (27, [51.9, 22.2, 18.5, 7.4]),
    "stress": (25, [84.0, 8.0, 8.0, 0.0]),
    "trauma": (24, [37.5, 37.5, 20.8, 4.2]),
    "grief": (16, [81.3, 6.3, 12.5, 0.0]),
}
# Issue 14: the totals of Tabel 1, 2 and 5, the shares of Tabel 5, the attainability of the outcome
# percentages and the restatements in the text are the consistency audit's (declared `structure`),
# asserted in test_internal_consistency_is_the_audits; the notebook keeps its recomputations and
# extensions.
EXPECTED: list[tuple[str, str, float]] = [
    ("pohr_noord_oost_share_of_maastricht", "extension", 100 * 461 / 1527),
    ("pohr_mean_clients_per_year_2017_2020", "extension", (463 + 642 + 627 + 621) / 4),
    # Tabel 2 (lines 1636-1642)
    ("pohr_t2_share_4_17_2018", "extension", 100 * (187 + 273) / 543),
    ("pohr_t2_share_4_17_2019", "extension", 100 * (272 + 284) / 622),
    ("pohr_t2_share_4_17_2020", "extension", 100 * (206 + 297) / 621),
    ("pohr_t2_share_18plus_2018", "extension", 100 * 70 / 543),
    ("pohr_t2_share_18plus_2019", "extension", 100 * 51 / 622),
    ("pohr_t2_share_18plus_2020", "extension", 100 * 114 / 621),
    ("pohr_t2_share_unknown_2018", "extension", 100 * 99 / 642),
    ("pohr_sex_sum_2018", "extension", 100),
    ("pohr_sex_sum_2019", "extension", 100),
    ("pohr_school_other_2019", "extension", 17),
    ("pohr_fte_end2020", "reproduced", 3.8 + 50 / 38),
    # Tabel 4 (lines 1682-1690)
    ("pohr_t4_sum_all", "extension", 99.9),
    ("pohr_t4_smallest_consistent_n", "extension", 483),
    ("pohr_contacts_mean_all", "reproduced", (65.7 * 4.4 + 25.9 * 3.3 + 8.3 * 3.1) / 99.9),
    ("pohr_t4_ci_treated_closed", "extension", 100 * 279 / 480),
    ("pohr_t4_ci_jeugd_ggz", "extension", 100 * 124 / 480),
    ("pohr_t4_ci_jeugdhulp", "extension", 100 * 40 / 480),
    ("pohr_t4_ci_not_referred_total", "extension", 100 * 315 / 480),
    ("pohr_share_closed_2019", "extension", 100 * 480 / 627),
    # Tabel 5: denominators that fit all four shares (mood: 69/130 = 53.08% → 53.1,
    # 54/130 = 41.54% → 41.5), the audit's nearest attainable size
    ("pohr_t5_fitting_n_mood_complaints", "extension", 130),
    ("pohr_t5_fitting_n_behavioural_problems", "extension", 121),
    ("pohr_t5_fitting_n_other", "extension", 120),
    ("pohr_t5_fitting_n_divorce", "extension", 99),
    ("pohr_t5_fitting_n_psychosomatic_complaints", "extension", 38),
    ("pohr_t5_named_ggz_in_top5", "extension", 5),
    ("pohr_t5_named_self_below_half", "extension", 1),
]


@pytest.mark.parametrize(("rid", "status", "value"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_row(rows, rid, status, value):
    check_row(rows, rid, status, value, rel=1e-9)


def test_every_row_is_checked(rows):
    checked = (
        {e[0] for e in EXPECTED}
        | {
            "pohr_clients_noord_oost",
            "pohr_inflow_decline",
            "pohr_fig_followup_by_question",
            "pohr_t5_chi2",
            "pohr_t5_pooled_no_referral",
            "pohr_t5_pooled_ggz",
        }
        | {r for r in rows.index
           if r.startswith(("pohr_its_", "pohr_t5_ggz_vs_rest_", "pohr_t5_chi2_p_"))}
    )
    assert set(rows.index) == checked


def test_not_reproducible_rows(rows):
    nr = rows[rows["status"] == "not_reproducible"]
    assert set(nr.index) == {
        "pohr_clients_noord_oost", "pohr_inflow_decline", "pohr_fig_followup_by_question",
    }
    assert nr.loc["pohr_clients_noord_oost", "published"] == 461
    assert "Figuur 1" in nr.loc["pohr_inflow_decline", "note"]


def test_internal_consistency_is_the_audits(rows):
    """Issue 14: the notebook compares no printed number with another printed number; the audit
    does, once, from the declared structure (values worked out by hand from Tabel 1, 2, 5)."""
    from analysis import audit

    moved = ("pohr_t1_", "pohr_t2_total_", "pohr_t5_total_", "pohr_t5_share_",
             "pohr_t5_attainable_", "pohr_t5_categorised_", "pohr_t5_max_rowsum", "pohr_text_",
             "pohr_contacts_summary")
    assert not rows.index.str.startswith(moved).any()
    compared = rows[rows["status"].isin(["reproduced", "mismatch"])]
    assert set(compared.index) == {"pohr_fte_end2020", "pohr_contacts_mean_all"}
    t1 = audit.findings_for("pohr_caseload", "pohr_clients_by_age")
    assert len(t1) == 11 + 3 and set(t1["outcome"]) == {"pass"}
    years = dict(zip(YEARS, zip(*T1.values(), strict=True), strict=True))
    totals = t1[t1["table"] == "pohr_caseload"].set_index("item")["published"]
    for y, v in years.items():
        assert totals[f"Totaal: clients (group {y})"] == sum(v)
    t5 = audit.findings_for("pohr_help_questions")
    by = t5.groupby("check")["outcome"].agg(lambda o: sorted(o))
    assert by["totals"] == ["pass", "pass"]
    assert by["percentages"] == ["pass"] * 17  # 15 themes, not registered, total over 1086
    assert by["column_totals"] == ["pass"] * 15  # the four outcome shares add to 100
    groups = t5[t5["check"] == "percent_groups"].set_index("published_label")
    fails = {lab.split("[")[1].split("]")[0]: c for lab, c, o in
             zip(groups.index, groups["computed"], groups["outcome"], strict=True) if o == "fail"}
    assert fails == {"Stemmingsklachten/depressie": 130, "Gedragsproblematiek": 121, "Overig": 120,
                     "Echtscheiding": 99, "Psychosomatische klachten": 38}
    text = audit.findings_for("pohr_text_values").set_index("published_label")
    assert len(text) == 25 + 11
    failed = text[text["outcome"] == "fail"]
    assert set(failed.index) == {"pohr_text_values[other_referral_conclusion].value",
                                 "pohr_text_values[questions_footnote].value"}
    assert "2.7 + 2.3 + 2.1 = 7.1" in failed["arithmetic"].iloc[0] + failed["arithmetic"].iloc[1]
    foot = failed.loc["pohr_text_values[questions_footnote].value"]
    assert (foot["published"], foot["computed"]) == (1086, 1086 - 18)
    for label, value in (("clients_2016_2020", 2513), ("clients_unique_2019", 627),
                         ("clients_2019_closed_base", 627), ("closed_2019_summary", 480),
                         ("contacts_summary", 4.4), ("poh_fte_summary", 5)):
        r = text.loc[f"pohr_text_values[{label}].value"]
        assert (r["outcome"], r["computed"]) == ("pass", value)


def rebuilt_counts() -> np.ndarray:
    fit_n = {
        "mood_complaints": 130,
        "behavioural_problems": 121,
        "other": 120,
        "divorce": 99,
        "psychosomatic_complaints": 38,
    }
    return np.array(
        [[np.floor(p * fit_n.get(k, n) / 100 + 0.5) for p in ps] for k, (n, ps) in T5.items()]
    )


def test_chi2_and_pooled_shares_by_hand(rows):
    c = rebuilt_counts()
    expected = np.outer(c.sum(1), c.sum(0)) / c.sum()
    chi2 = ((c - expected) ** 2 / expected).sum()
    assert rows.loc["pohr_t5_chi2", "reproduced"] == pytest.approx(chi2, rel=1e-9)
    assert "df = 42" in rows.loc["pohr_t5_chi2", "note"]
    assert rows.loc["pohr_t5_pooled_no_referral", "reproduced"] == pytest.approx(
        100 * c[:, 0].sum() / c.sum()
    )
    assert rows.loc["pohr_t5_pooled_ggz", "reproduced"] == pytest.approx(
        100 * c[:, 1].sum() / c.sum()
    )


def test_its_rows_match_a_direct_statsmodels_fit(rows):
    s = pd.read_csv(paths.resolve("data/processed/poh_jeugd_inflow_synthetic.csv"))
    t = np.arange(16.0)
    post = (t >= 11).astype(float)  # 2019Q4 is the 12th quarter from 2017Q1
    X = np.column_stack([np.ones(16), t, post, np.where(post == 1, t - 11, 0.0)])
    ols = sm.OLS(s["count"].to_numpy(float), X).fit()
    assert rows.loc["pohr_its_ols_level", "reproduced"] == pytest.approx(ols.params[2], rel=1e-9)
    assert rows.loc["pohr_its_ols_slope", "reproduced"] == pytest.approx(ols.params[3], rel=1e-9)
    pois = sm.GLM(
        s["count"].to_numpy(float),
        X,
        family=sm.families.Poisson(),
        offset=np.log(s["days"].to_numpy(float)),
    ).fit()
    assert rows.loc["pohr_its_poisson_level_rr", "reproduced"] == pytest.approx(
        np.exp(pois.params[2]), rel=1e-6
    )
    assert rows.loc["pohr_its_poisson_slope_rr", "reproduced"] == pytest.approx(
        np.exp(pois.params[3]), rel=1e-6
    )
    for rid in (
        "pohr_its_negbin_level_rr",
        "pohr_its_negbin_slope_rr",
        "pohr_its_negbin_effect_end",
    ):
        assert rows.loc[rid, "status"] == "extension" and "SYNTHETIC" in rows.loc[rid, "quantity"]
        assert 0.5 < rows.loc[rid, "reproduced"] < 1.5


def test_chi2_is_labelled_as_reconstructed_with_its_p_range(rows):
    from scipy import stats

    assert "reconstructed from rounded percentages" in rows.loc["pohr_t5_chi2", "quantity"]
    p = stats.chi2_contingency(rebuilt_counts())[1]
    lo = rows.loc["pohr_t5_chi2_p_min", "reproduced"]
    hi = rows.loc["pohr_t5_chi2_p_max", "reproduced"]
    assert lo <= p * (1 + 1e-9) and p <= hi * (1 + 1e-9)
    assert hi < 1e-20  # the conclusion does not rest on the rounding


def test_help_questions_are_one_family_with_holm_and_bh(rows):
    fam = rows[rows.index.str.startswith("pohr_t5_ggz_vs_rest_p_")]
    raw = fam[~fam.index.str.contains("_holm_|_bh_")]
    m = len(raw)
    assert m == len(T5)
    p = np.sort(raw["reproduced"].to_numpy())
    holm_by_hand = np.minimum(1, np.maximum.accumulate(p * (m - np.arange(m))))
    holm = np.sort(fam[fam.index.str.contains("_holm_")]["reproduced"].to_numpy())
    assert holm == pytest.approx(holm_by_hand, rel=1e-9)
    for slug in (r.removeprefix("pohr_t5_ggz_vs_rest_p_") for r in raw.index):
        a, h, b = (rows.loc[f"pohr_t5_ggz_vs_rest_{x}_{slug}", "reproduced"]
                   for x in ("p", "p_holm", "p_bh"))
        assert a <= b <= h
        assert f"{m} themes" in rows.loc[f"pohr_t5_ggz_vs_rest_p_holm_{slug}", "note"]


def test_its_on_synthetic_data_is_marked_as_an_illustration(rows):
    its_rows = rows[rows.index.str.startswith("pohr_its_")]
    assert len(its_rows) == 7 and set(its_rows["basis"]) == {"synthetic"}
    assert (rows.drop(its_rows.index)["basis"] == "published").all()


def test_tabel4_internal_consistency_is_the_audits(rows):
    """Issue 14: the sums of Tabel 4's subtotals and the attainability of its percentages from
    the 480 closed cases are checked once, by the consistency audit (declared `structure`)."""
    from analysis import audit

    assert not rows.index.str.startswith(("pohr_t4_attainable_", "pohr_t4_not_referred_sum",
                                          "pohr_t4_referred_sum")).any()
    f = audit.findings_for("pohr_followup_2019")
    sums = f[f["arithmetic"].str.contains("printed total")]
    assert set(sums["outcome"]) == {"pass"} and len(sums) == 2
    assert "58.2 + 2.3 + 2.7 + 2.1 + 0.4 = 65.7" in " ".join(sums["arithmetic"])
    grim = f[f["arithmetic"].str.contains("printed N = 480 is not")]
    assert len(grim) == 1 and grim["outcome"].iloc[0] == "fail"
    # the smallest case count the extension finds is the audit's nearest attainable size
    assert "nearest 483" in grim["arithmetic"].iloc[0]
    assert rows.loc["pohr_t4_smallest_consistent_n", "reproduced"] == 483
