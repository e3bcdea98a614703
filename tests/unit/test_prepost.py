"""analysis.prepost: hand-checked values and second methods for each statistic; the validator."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import prepost, rawdata

# --- counts path -------------------------------------------------------------------------------


def wilson_by_formula(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson (1927): (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(9, 19), (13, 22), (0, 17), (17, 17), (41, 47)])
def test_wilson_matches_the_closed_formula(k, n):
    assert prepost.wilson_interval(k, n) == pytest.approx(wilson_by_formula(k, n), abs=1e-12)


def test_wilson_of_empty_group_is_nan():
    assert all(math.isnan(x) for x in prepost.wilson_interval(0, 0))


def test_sign_test_hand_checked():
    # 9 up, 3 down: 2 · P(X ≤ 3 | 12, ½) = 2 · (1 + 12 + 66 + 220) / 4096
    assert prepost.sign_test(9, 3) == pytest.approx(2 * 299 / 4096, abs=1e-15)
    # 9 up, 0 down: 2 · ½⁹
    assert prepost.sign_test(9, 0) == pytest.approx(2 / 512, abs=1e-15)
    # symmetric split: p = 1; no untied pairs: p = 1
    assert prepost.sign_test(4, 4) == pytest.approx(1.0)
    assert prepost.sign_test(0, 0) == 1.0


def test_holm_and_bh_hand_checked():
    p = np.array([0.01, 0.04, 0.03])
    # Holm: sorted 0.01·3 = 0.03, 0.03·2 = 0.06, max(0.04·1, 0.06) = 0.06
    assert prepost.adjust(p, "holm") == pytest.approx([0.03, 0.06, 0.06])
    # BH: 0.01·3/1 = 0.03, 0.03·3/2 = 0.045 → min with 0.04·3/3 = 0.04
    assert prepost.adjust(p, "fdr_bh") == pytest.approx([0.03, 0.04, 0.04])


def test_change_summary_shares_and_tests():
    counts = pd.DataFrame({"instrument": ["a", "a"], "item": ["x", "y"], "improved": [9, 13],
                           "equal": [7, 7], "declined": [3, 2]})
    s = prepost.change_summary(counts)
    assert s["n"].tolist() == [19, 22]
    assert (s[["share_improved", "share_equal", "share_declined"]].sum(axis=1)).tolist() == \
        pytest.approx([1.0, 1.0])
    assert s.loc[0, "sign_p"] == pytest.approx(2 * 299 / 4096)
    # 13 up, 2 down: 2 · (1 + 15 + 105) / 2^15
    assert s.loc[1, "sign_p"] == pytest.approx(2 * 121 / 32768)
    assert s.loc[1, "p_holm"] == pytest.approx(2 * s.loc[1, "sign_p"])  # smallest of 2, times 2
    assert (s["improved_ci_low"] < s["share_improved"]).all()


def test_change_summary_requires_its_columns():
    with pytest.raises(KeyError, match="declined"):
        prepost.change_summary(pd.DataFrame({"instrument": ["a"], "item": ["x"], "improved": [1],
                                             "equal": [1]}))


# --- effect sizes: hand-written vs an independent computation ------------------------------------

DIFFS = [np.array([1.0, 2, -3, 4]), np.array([0.0, 1, -1, 2, 2, 3, 0, -1, 1, 1]),
         np.random.default_rng(3).normal(0.4, 1.0, 15).round(1)]


@pytest.mark.parametrize("d", DIFFS)
def test_dz_equals_t_over_sqrt_n(d):
    t = stats.ttest_1samp(d, 0.0).statistic
    assert prepost.cohens_dz(d) == pytest.approx(t / math.sqrt(len(d)), rel=1e-12)


def test_dz_edge_cases():
    assert math.isnan(prepost.cohens_dz(np.array([1.0])))
    assert math.isnan(prepost.cohens_dz(np.array([2.0, 2.0, 2.0])))


def test_rank_biserial_hand_checked():
    # ranks 1, 2, 3, 4; T+ = 1 + 2 + 4 = 7, T- = 3 → (7 - 3) / 10
    assert prepost.rank_biserial(np.array([1.0, 2, -3, 4])) == pytest.approx(0.4)
    # zeros dropped; |d| = 1, 1, 2 → midranks 1.5, 1.5, 3; T+ = 4.5, T- = 1.5 → 0.5
    assert prepost.rank_biserial(np.array([0.0, 1, -1, 2])) == pytest.approx(0.5)
    assert prepost.rank_biserial(np.array([1.0, 2.0])) == 1.0
    assert math.isnan(prepost.rank_biserial(np.zeros(3)))


@pytest.mark.parametrize("d", DIFFS)
def test_rank_biserial_equals_kerby_simple_difference_via_scipy(d):
    """Second formula: r = 4·T+ / (m(m+1)) - 1 with T+ from scipy's one-sided Wilcoxon statistic."""
    nz = d[d != 0]
    m = len(nz)
    t_plus = stats.wilcoxon(nz, alternative="greater", method="asymptotic").statistic
    assert prepost.rank_biserial(d) == pytest.approx(4 * t_plus / (m * (m + 1)) - 1, abs=1e-12)


def brute_force_wilcoxon_p(d: np.ndarray) -> float:
    """Exact conditional p: every sign pattern of the non-zero |d| midranks, two-sided."""
    nz = d[d != 0]
    ranks = stats.rankdata(np.abs(nz))
    total = ranks.sum()
    observed = ranks[nz > 0].sum()
    dev = abs(observed - total / 2)
    hits = 0
    for signs in itertools.product((0, 1), repeat=len(nz)):
        tp = float(np.dot(signs, ranks))
        hits += abs(tp - total / 2) >= dev - 1e-9
    return hits / 2 ** len(nz)


@pytest.mark.parametrize("d", [np.array([1.0, 1, 2, 0, -1, 3, 1, 2, 0, -2, 1]),  # ties and zeros
                               np.array([2.0, 2, 2, -1, 0, 0, 1, 1])])
def test_wilcoxon_exact_with_ties_equals_enumeration(d):
    stat, p, method = prepost.wilcoxon_test(d)
    assert method.startswith("exact")
    assert p == pytest.approx(brute_force_wilcoxon_p(d), abs=1e-12)
    tp, tm = prepost.signed_rank_sums(d)
    assert stat == min(tp, tm)


def test_wilcoxon_without_ties_equals_scipy_exact():
    d = np.array([1.5, -0.3, 2.2, 3.1, -0.7, 0.9, 1.1])
    assert prepost.wilcoxon_test(d)[1] == pytest.approx(stats.wilcoxon(d, method="exact").pvalue)
    # T- = 3: 5 of the 128 sign patterns give T ≤ 3; two-sided ×2
    assert prepost.wilcoxon_test(d)[1] == pytest.approx(10 / 128)


def test_wilcoxon_all_zero_and_large_m():
    assert prepost.wilcoxon_test(np.zeros(5))[1] == 1.0
    d = np.arange(1, prepost.EXACT_MAX + 3, dtype=float)
    assert prepost.wilcoxon_test(d)[2].startswith("normal approximation")


def test_sd_threshold_gives_p_of_alpha():
    thr = prepost.sd_threshold(0.5, 13)
    assert thr == pytest.approx(0.5 * math.sqrt(13) / 2.178812829663418, rel=1e-9)
    z = np.random.default_rng(1).normal(size=13)
    x = 0.5 + thr * (z - z.mean()) / z.std(ddof=1)
    assert stats.ttest_1samp(x, 0.0).pvalue == pytest.approx(0.05, rel=1e-9)


def test_attainable_counts():
    assert prepost.attainable_counts(61, 44) == [27]
    assert prepost.attainable_counts(88, 47) == []  # 41/47 = 87.2%, 42/47 = 89.4%
    assert prepost.attainable_counts(95, 700) == list(range(662, 669))


# --- individual data ---------------------------------------------------------------------------

def long_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=prepost.LONG_COLUMNS)


def small_long() -> pd.DataFrame:
    rows = []
    pre_post = {"P1": (3, 4), "P2": (2, 2), "P3": (4, 3), "P4": (1, 3), "P5": (2, 4), "P6": (3, 3)}
    fams = {"P1": "F1", "P2": "F1", "P3": "F2", "P4": "F2", "P5": "F3", "P6": "F3"}
    for p, (a, b) in pre_post.items():
        rows += [(p, fams[p], "general", "health", 1, a), (p, fams[p], "general", "health", 2, b)]
    rows.append(("P7", "F3", "general", "health", 1, 5))  # unpaired
    return long_frame(rows)


def test_pairs_counts_and_exclusions():
    paired, excl = prepost.pairs(small_long())
    assert len(paired) == 6
    assert excl.loc[0, ["only_time_1", "only_time_2"]].tolist() == [1, 0]
    c = prepost.change_counts(paired).iloc[0]
    assert (c["improved"], c["equal"], c["declined"], c["total"]) == (3, 2, 1, 6)


def test_pairs_refuses_duplicates():
    df = pd.concat([small_long(), small_long().iloc[:1]])
    with pytest.raises(ValueError, match="1 rows share|2 rows share"):
        prepost.pairs(df)


def test_paired_tests_against_scipy_and_hand():
    paired, _ = prepost.pairs(small_long())
    t = prepost.paired_tests(paired).iloc[0]
    d = np.array([1, 0, -1, 2, 2, 0], dtype=float)
    assert t["mean_diff"] == pytest.approx(d.mean())
    half = stats.t.ppf(0.975, 5) * d.std(ddof=1) / math.sqrt(6)
    assert (t["ci_low"], t["ci_high"]) == pytest.approx((d.mean() - half, d.mean() + half))
    assert t["p_t"] == pytest.approx(stats.ttest_1samp(d, 0).pvalue)
    assert t["n_nonzero"] == 4 and t["n_families"] == 3


def test_mixed_model_equals_gls_weighted_mean():
    """Second formula: b0 = Σ w_j ȳ_j / Σ w_j, w_j = n_j / (σ² + n_j τ²), SE = 1/sqrt(Σ w_j)."""
    rng = np.random.default_rng(11)
    fam = np.repeat([f"F{i}" for i in range(8)], [3, 2, 2, 1, 3, 2, 1, 2])
    u = dict(zip(sorted(set(fam)), rng.normal(0, 0.8, 8), strict=True))
    diff = 0.5 + np.array([u[f] for f in fam]) + rng.normal(0, 0.6, len(fam))
    g = pd.DataFrame({"diff": diff, "family_id": fam})
    r = prepost.mixed_change(g)
    sizes = g.groupby("family_id")["diff"].size()
    means = g.groupby("family_id")["diff"].mean()
    w = sizes / (r.residual_var + sizes * r.family_var)
    assert r.estimate == pytest.approx((w * means).sum() / w.sum(), rel=1e-6)
    # statsmodels' SE comes from the numerical Hessian of the REML criterion over all parameters at
    # an optimum found without derivatives: it agrees with the GLS formula to a few parts per 1000
    assert r.se == pytest.approx(1 / math.sqrt(w.sum()), rel=5e-3)
    assert r.n == 16 and r.n_families == 8
    assert r.ci_low < r.estimate < r.ci_high


# --- validator ---------------------------------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "long.csv"
    p.write_text(text, encoding="utf-8")
    return p


HEADER = "person_id,family_id,instrument,item,time,score\n"


def test_valid_file_loads(tmp_path):
    p = write(tmp_path, HEADER + "P1,F1,icecap,autonomy,1,2\nP1,F1,icecap,autonomy,2,3\n")
    df = prepost.load_long(p)
    assert df["score"].tolist() == [2.0, 3.0] and df["time"].tolist() == [1, 2]


@pytest.mark.parametrize(("body", "expected"), [
    ("P1,F1,icecap,autonomy,1,5\n", r"line 2, column 'score': 5 outside the ICECAP-A level 1-4"),
    ("P1,F1,icecap,autonomy,1,2.5\n", r"line 2, column 'score': 2.5 is not a level"),
    ("P1,F1,icecap,health,1,2\n",
     r"line 2, column 'item': 'health' is not an item of instrument 'icecap'"),
    ("P1,F1,icecap,autonomy,3,2\n", r"line 2, column 'time'"),
    ("P1,F1,icecap,autonomy,1,abc\n", r"line 2, column 'score'"),
    ("P1,F1,sf36,autonomy,1,2\n", r"line 2, column 'instrument'"),
    ("P1,,icecap,autonomy,1,2\n", r"line 2, column 'family_id'"),
    ("P1,F1,icecap,autonomy,1,2\nP1,F1,icecap,autonomy,1,3\n", r"line 3.*primary-key"),
    ("P1,F1,icecap,autonomy,1,2\nP1,F2,icecap,autonomy,2,3\n",
     r"lines 2, 3, column 'family_id': person 'P1' has 2 different family ids"),
])
def test_bad_rows_are_named_by_line_and_column(tmp_path, body, expected):
    p = write(tmp_path, HEADER + body)
    with pytest.raises(rawdata.DataValidationError, match=expected) as exc:
        prepost.load_long(p)
    assert str(p) in str(exc.value)


def test_missing_column_and_missing_file(tmp_path):
    p = write(tmp_path, "person_id,family_id,instrument,item,time\nP1,F1,icecap,autonomy,1\n")
    with pytest.raises(rawdata.DataValidationError,
                       match="column 'score': required column is missing"):
        prepost.load_long(p)
    with pytest.raises(rawdata.DataValidationError, match="file is missing"):
        prepost.load_long(tmp_path / "nope.csv")


def test_positive_health_accepts_decimal_dimension_scores(tmp_path):
    p = write(tmp_path, HEADER + "P1,F1,positive_health,meaningfulness,1,6.4\n")
    assert prepost.load_long(p)["score"].iloc[0] == pytest.approx(6.4)
