"""Results rows of notebooks/gezinsregie_costs.ipynb, asserted row by row.

Every row's id, status and reproduced value are checked against the expected file
(tests/results/expected/, regenerated on purpose with `make regen-expected`); the hand-checked
test below restates the key ones from first principles.
"""

from __future__ import annotations

import pytest

NB = "gezinsregie_costs"



def test_hand_checked(rows):
    # 2.5 × 45 × 70 = 7,875 against the text's printed 8,000 (a model of its parameters)
    assert rows.loc["grc_text_coordinator_cost", "reproduced"] == pytest.approx(7875)
    assert rows.loc["grc_text_coordinator_cost", "published"] == pytest.approx(8000)
    # 11 households fell, 1 (BZHH16) rose: counted from the rows of Tabel 3
    assert rows.loc["grc_text_households_saving", "reproduced"] == 11
    assert rows.loc["grc_text_households_increase", "reproduced"] == 1
    # exact Wilcoxon: only BZHH16 (rank 8 of 12 |differences|) rises; P(T <= 8) = 25 / 4096
    assert rows.loc["grc_wilcoxon_statistic", "reproduced"] == pytest.approx(8)
    assert rows.loc["grc_wilcoxon_p", "reproduced"] == pytest.approx(2 * 25 / 4096)
    # rho = 0.3: remaining = 0.7 mu + 0.3 mean(pre) − mean(post), all domains (a lower bound)
    mu = 88090620 / 8849
    assert rows.loc["grc_rtm_remaining_mean_rho_0_30", "reproduced"] == pytest.approx(
        0.7 * mu + 0.3 * 1074904 / 12 - 715741 / 12)
    # like for like, Tabel 4 municipal row: zero at (post − mu) / (pre − mu) = 0.5913
    assert rows.loc["grc_rtm_municipal_zero_rho", "reproduced"] == pytest.approx(
        (491515 / 12 - mu) / (748644 / 12 - mu))
    # the grid is no longer allowed to start at an implausible rho = 0
    assert not rows.index.str.contains("rho_0_00").any()
    assert "lower bound" in rows.loc["grc_rtm_remaining_mean_rho_0_60", "quantity"]
    # one-way sensitivity: 0.5 h less per week saves 0.5 × 45 × 70 = 1,575 per household
    base = rows.loc["grc_sens_base", "reproduced"]
    assert rows.loc["grc_sens_hours_low", "reproduced"] == pytest.approx(base + 1575)


def test_checks_owned_elsewhere_are_not_repeated(rows):
    # issue 14: the main report's summary (line 374) is main_report_summaries'; Tabel 3-5's own
    # arithmetic and the text's restatements of them are the audit's: the page compares only
    # the counts of Tabel 3's rows (12, 11, 1) and the coordinator's cost as hours × weeks × rate
    keys = rows["key"].fillna("")
    assert not keys.str.contains(":374:").any()
    compared = rows[rows["status"].isin(["reproduced", "mismatch", "not_reproducible"])]
    assert sorted(compared.index) == ["grc_text_coordinator_cost", "grc_text_households_costed",
                                      "grc_text_households_increase", "grc_text_households_saving"]


def test_the_audits_verdicts_on_tabel_3_to_5():
    from analysis import audit

    f = audit.findings_for("grc_costs_by_category", "grc_household_costs", "grc_net_saving")
    cell = f.groupby("published_label")
    # Tabel 3: 19,187 = 68,603 − 49,416; −49,416 / 68,603 = −72.03% (printed −72)
    t2 = cell.get_group("grc_household_costs[BZHH01].cost_t2_eur").iloc[0]
    assert t2["outcome"] == "pass" and t2["computed"] == pytest.approx(68603 - 49416)
    pct = cell.get_group("grc_household_costs[BZHH01].difference_pct").iloc[0]
    assert pct["computed"] == pytest.approx(-72.0318, abs=1e-4)
    # household sum 715,741 − 1,074,904 = −359,163, printed −359,164
    tot = f[(f["published_label"] == "grc_household_costs[Totaal].difference_eur")
            & (f["check"] == "totals")].iloc[0]
    assert (tot["outcome"], tot["computed"], tot["published"]) == ("fail", -359163, -359164)
    # Tabel 4 per-household column: means over 9 or 12 households, each its row's difference over
    # its own households (−60,990 / 9 = −6,777; total −359,164 / 12 = −29,930); not summed, as
    # means over different households do not add up (−32,764 against −29,930)
    means = f[f["published_label"].str.endswith(".mean_per_household_eur")]
    assert set(means["check"]) == {"ratios"}
    label = means["published_label"]
    total = means[label == "grc_costs_by_category[Totaal].mean_per_household_eur"]
    assert total.iloc[0]["computed"] == pytest.approx(-359164 / 12)
    first = means[label == "grc_costs_by_category[niet-geïndiceerd]"
                  ".mean_per_household_eur"]
    assert first.iloc[0]["computed"] == pytest.approx(-60990 / 9)
    # Tabel 5: −263,164 / 12 = −21,930.3 (printed −21,930); its difference = Tabel 3's total
    saldo = cell.get_group("grc_net_saving[Saldo].per_household_eur")
    saldo = saldo[saldo["check"] == "ratios"].iloc[0]
    assert saldo["outcome"] == "pass" and saldo["computed"] == pytest.approx(-263164 / 12)
    same = f[f["check"] == "same_population"]
    assert "grc_net_saving[Verschil kosten ondersteuning].total_eur" in set(same["published_label"])


def test_net_saving_with_the_computed_coordinator_cost(rows):
    # (1,074,904 − 715,741) / 12 − 2.5 × 45 × 70 = 29,930.25 − 7,875
    assert rows.loc["grc_net_saving_per_household_at_7875", "reproduced"] == pytest.approx(
        359163 / 12 - 7875)
