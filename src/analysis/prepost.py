"""Pre/post questionnaire analyses: from published change counts and from individual scores.

Two paths over the same items:

* **counts** (what a report prints: per item how many people improved, stayed equal or declined):
  share improved with a Wilson interval, the exact two-sided sign test of improved vs declined
  (ties excluded), and Holm / Benjamini-Hochberg adjustment across items;
* **individual data** (a long file ``person_id, family_id, instrument, item, time, score``,
  validated by :func:`load_long`): paired differences, the same counts, paired t-test, Wilcoxon
  signed-rank, Cohen's d_z, the matched-pairs rank-biserial correlation and a random-intercept
  model per family.

Formulas (n = pairs, d = post - pre):

* Wilson interval: ``statsmodels.stats.proportion.proportion_confint(method="wilson")``;
* sign test: ``scipy.stats.binomtest(improved, improved + declined, 0.5)``, two-sided;
* d_z = mean(d) / sd(d) with sd on n - 1 degrees of freedom (Cohen 1988, eq. 2.3.5) = t / sqrt(n);
* rank-biserial r = (T+ - T-) / (T+ + T-), T± = sums of the midranks of |d| over the non-zero
  differences with that sign (Kerby 2014, Compr Psychol 3:11.IT.3.1);
* Wilcoxon: ``zero_method="wilcox"`` - zero differences are dropped before ranking, the same pairs
  the sign test drops; the p-value is exact (the exact conditional distribution given the tied
  midranks, by enumerating all 2^m sign patterns with ``scipy.stats.PermutationMethod``) for
  m <= :data:`EXACT_MAX` non-zero differences, else the normal approximation with tie correction.
"""

from __future__ import annotations

import json
import math
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

from analysis import paths, rawdata
from analysis.confidence import CONFIDENCE_LEVEL, tails
from analysis.stats import wilson

LONG_COLUMNS = ["person_id", "family_id", "instrument", "item", "time", "score"]
LONG_SCHEMA = paths.RAW / "gezinsregie_prepost" / "questionnaire_long.schema.json"
EXACT_MAX = 16
"""Largest number of non-zero differences for which the Wilcoxon p-value is enumerated exactly."""


@dataclass(frozen=True)
class Scale:
    """The response scale of an item: range, step (None = any value) and where it comes from."""

    minimum: float
    maximum: float
    step: float | None
    label: str
    basis: str


SMILEY = Scale(1, 5, 1, "smiley scale 1-5",
               "Bijlage 4 line 2263 says 'drie algemene vragen met smileys'; the number of faces "
               "is not printed - five (1 = worst, 5 = best) is assumed")
MARK = Scale(1, 10, 1, "mark 1-10",
             "'Welk cijfer geeft u uw leven?' (line 2286): a Dutch report mark, 1-10")
ICECAP = Scale(1, 4, 1, "ICECAP-A level 1-4",
               "ICECAP-A: five attributes, each with four levels (Al-Janabi, Flynn & Coast 2012, "
               "Qual Life Res 21:167-176); the attribute names of Tabel 2 are ICECAP-A's; coded "
               "1 = no capability ... 4 = full capability")
POSITIVE_HEALTH = Scale(0, 10, None, "dimension score 0-10",
                        "'Mijn Positieve Gezondheid' spider web: 42 questions (line 2265) rated "
                        "0-10; a dimension's score is the mean of its questions, any value in 0-10")

SCALES: dict[str, dict[str, Scale]] = {
    "general": {"health": SMILEY, "care_satisfaction": SMILEY, "life_mark": MARK},
    "icecap": {k: ICECAP for k in ("stability", "attachment", "autonomy", "achievement",
                                   "enjoyment")},
    "positive_health": {k: POSITIVE_HEALTH for k in (
        "daily_functioning", "bodily_functions", "mental_wellbeing", "meaningfulness",
        "participation", "quality_of_life")},
}
"""Assumed scale of every item of Tabel 2, by instrument (see :class:`Scale` ``basis``)."""

COUNT_COLUMNS = ["instrument", "item", "improved", "equal", "declined", "total"]


# --- counts path -------------------------------------------------------------------------------

def wilson_interval(k: int, n: int,
                    confidence_level: float = CONFIDENCE_LEVEL) -> tuple[float, float]:
    """Wilson score interval for k successes of n (:func:`analysis.stats.wilson`)."""
    if n <= 0:
        return (math.nan, math.nan)
    lo, hi = wilson(k, n, confidence_level=confidence_level)
    return float(lo), float(hi)


def sign_test(improved: int, declined: int) -> float:
    """Exact two-sided sign test p-value of improved vs declined, ties already excluded.

    Under H0 each non-tied change is up or down with probability 1/2:
    ``binomtest(improved, improved + declined, 0.5)``. No non-tied change gives p = 1.
    """
    n = int(improved) + int(declined)
    if n == 0:
        return 1.0
    return float(stats.binomtest(int(improved), n, 0.5, alternative="two-sided").pvalue)


def adjust(pvalues: pd.Series | np.ndarray, method: str) -> np.ndarray:
    """Multiplicity-adjusted p-values: ``"holm"`` (FWER) or ``"fdr_bh"`` (Benjamini-Hochberg)."""
    p = np.asarray(pvalues, dtype=float)
    return multipletests(p, method=method)[1]


def change_summary(counts: pd.DataFrame,
                   confidence_level: float = CONFIDENCE_LEVEL) -> pd.DataFrame:
    """Per item: shares improved/equal/declined, Wilson interval, sign test, Holm and BH p-values.

    ``counts`` has columns ``instrument, item, improved, equal, declined`` (``total`` optional;
    n = improved + equal + declined is used). Adjustment runs across all rows given.
    """
    missing = [c for c in ("instrument", "item", "improved", "equal", "declined")
               if c not in counts.columns]
    if missing:
        raise KeyError(f"change_summary: counts lack columns {missing}")
    out = counts[["instrument", "item", "improved", "equal", "declined"]].copy()
    for c in ("improved", "equal", "declined"):
        out[c] = out[c].astype(int)
    out["n"] = out["improved"] + out["equal"] + out["declined"]
    for c in ("improved", "equal", "declined"):
        out[f"share_{c}"] = out[c] / out["n"]
    ci = [wilson_interval(k, n, confidence_level)
          for k, n in zip(out["improved"], out["n"], strict=True)]
    out["improved_ci_low"] = [c[0] for c in ci]
    out["improved_ci_high"] = [c[1] for c in ci]
    out["sign_n"] = out["improved"] + out["declined"]
    out["sign_p"] = [sign_test(i, d) for i, d in zip(out["improved"], out["declined"], strict=True)]
    out["p_holm"] = adjust(out["sign_p"], "holm")
    out["p_bh"] = adjust(out["sign_p"], "fdr_bh")
    return out.reset_index(drop=True)


# --- individual data: loading and validation ---------------------------------------------------

def _schema() -> dict:
    return json.loads(LONG_SCHEMA.read_text(encoding="utf-8"))


def validate_long(path: str | Path,
                  scales: dict[str, dict[str, Scale]] | None = None,
                  mapping: Any = None) -> pd.DataFrame:
    """Check a long questionnaire file; :class:`analysis.rawdata.DataValidationError` on problems.

    The file is read by :func:`analysis.userfiles.read_csv` (UTF-8 with or without BOM or
    cp1252; comma or Dutch ``;`` files with decimal commas; formula-like text rejected). Field
    types, required values, enums and the primary key (person, instrument, item, time) are
    checked by frictionless against ``questionnaire_long.schema.json``; then each item must belong
    to its instrument, each score must lie on the item's scale (:data:`SCALES`) and each person
    must belong to exactly one family. Every problem names the line and the column.
    Returns the typed frame (conversions applied are listed in ``attrs["conversions"]``).
    ``mapping``: column/code mapping for an export with other names or codes (YAML path or
    :class:`analysis.mapping.Mapping`; template ``config/mappings/prepost_questionnaires.yaml``).
    """
    import tempfile

    from frictionless import Resource, Schema

    from analysis import mapping as mapping_mod
    from analysis import userfiles

    path = Path(path)
    scales = SCALES if scales is None else scales
    table = userfiles.read_csv(path, required=LONG_COLUMNS, numeric=["time", "score"],
                               cell_errors="collect", mapping=mapping_mod.as_mapping(mapping))
    if table.extra_columns:
        raise rawdata.DataValidationError(path, [f"header: unexpected column {c!r} (leave it out "
                                                 "with 'ignore:' in a mapping)"
                                            for c in table.extra_columns])
    lines = table.lines
    schema = Schema.from_descriptor({k: v for k, v in _schema().items() if not k.startswith("$")})
    with tempfile.TemporaryDirectory() as tmp:
        clean = userfiles.to_clean_csv(table, Path(tmp) / path.name)
        report = Resource(path=clean.name, basepath=tmp, schema=schema).validate()
        problems = list(table.problems)
        cells = {q.split(":")[0] for q in problems}
        problems += [p for p in rawdata.report_problems(report, lines)
                     if p.split(":")[0] not in cells]
        if problems:
            raise rawdata.DataValidationError(path, problems)
        df = rawdata.read_typed(clean, _schema()["fields"])
    problems = _semantic_problems(df.set_axis([n - 2 for n in lines]), scales)
    if problems:
        raise rawdata.DataValidationError(path, problems)
    df.attrs["conversions"] = list(table.conversions)
    return df


def _semantic_problems(df: pd.DataFrame, scales: dict[str, dict[str, Scale]]) -> list[str]:
    problems: list[str] = []
    for idx, r in df.iterrows():
        line = int(idx) + 2  # line 1 is the header
        items = scales.get(str(r["instrument"]), {})
        scale = items.get(str(r["item"]))
        if scale is None:
            problems.append(f"line {line}, column 'item': {r['item']!r} is not an item of "
                            f"instrument {r['instrument']!r} (known: {sorted(items)})")
            continue
        s = float(r["score"])
        if not scale.minimum <= s <= scale.maximum:
            problems.append(f"line {line}, column 'score': {s:g} outside the {scale.label} "
                            f"[{scale.minimum:g}, {scale.maximum:g}] of item {r['item']!r}")
        elif scale.step is not None and not math.isclose((s - scale.minimum) / scale.step,
                                                          round((s - scale.minimum) / scale.step)):
            problems.append(f"line {line}, column 'score': {s:g} is not a level of the "
                            f"{scale.label} of item {r['item']!r}")
    fam = df.groupby("person_id")["family_id"].nunique()
    for person in fam[fam > 1].index:
        lines = ", ".join(str(i + 2) for i in df.index[df["person_id"] == person][:5])
        problems.append(f"lines {lines}, column 'family_id': person {person!r} has "
                        f"{int(fam[person])} different family ids")
    return problems


def load_long(path: str | Path, scales: dict[str, dict[str, Scale]] | None = None,
              mapping: Any = None) -> pd.DataFrame:
    """Validated, typed long questionnaire file (see :func:`validate_long`)."""
    df = validate_long(path, scales, mapping)
    df["time"] = df["time"].astype(int)
    df.attrs["path"] = str(path)
    return df


# --- individual data: pairs and tests ----------------------------------------------------------

def pairs(long: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Wide pre/post pairs per person and item, and the count of rows that could not be paired.

    Returns ``(paired, exclusions)``: ``paired`` has ``instrument, item, person_id, family_id,
    pre, post, diff`` (diff = post - pre); ``exclusions`` counts, per item, persons with only a
    time-1 or only a time-2 score (they enter no paired analysis; nothing is dropped silently).
    """
    key = ["person_id", "instrument", "item", "time"]
    dup = long.duplicated(key, keep=False)
    if dup.any():
        first = long[dup].iloc[0]
        raise ValueError(f"{int(dup.sum())} rows share a (person, instrument, item, time), e.g. "
                         f"{tuple(first[key])}; validate the file with load_long")
    wide = long.pivot_table(index=["instrument", "item", "person_id", "family_id"],
                            columns="time", values="score", aggfunc="first")
    wide = wide.reindex(columns=[1, 2])
    wide.columns = ["pre", "post"]
    wide = wide.reset_index()
    only_pre = wide["post"].isna() & wide["pre"].notna()
    only_post = wide["pre"].isna() & wide["post"].notna()
    excl = (wide.assign(only_time_1=only_pre, only_time_2=only_post)
            .groupby(["instrument", "item"], sort=False)[["only_time_1", "only_time_2"]].sum()
            .reset_index())
    paired = wide[~(only_pre | only_post)].copy()
    paired["diff"] = paired["post"] - paired["pre"]
    paired = paired.sort_values(["instrument", "item", "family_id", "person_id"])
    return paired.reset_index(drop=True), excl


def change_counts(paired: pd.DataFrame) -> pd.DataFrame:
    """Improved / equal / declined / total per item from paired scores (Tabel 2's layout)."""
    g = paired.groupby(["instrument", "item"], sort=False)["diff"]
    out = pd.DataFrame({
        "improved": g.apply(lambda d: int((d > 0).sum())),
        "equal": g.apply(lambda d: int((d == 0).sum())),
        "declined": g.apply(lambda d: int((d < 0).sum())),
    }).reset_index()
    out["total"] = out[["improved", "equal", "declined"]].sum(axis=1)
    return out[COUNT_COLUMNS]


def cohens_dz(diff: np.ndarray) -> float:
    """Cohen's d_z = mean(d) / sd(d), sd with n - 1 degrees of freedom; NaN if sd = 0 or n < 2."""
    d = np.asarray(diff, dtype=float)
    if len(d) < 2:
        return math.nan
    sd = d.std(ddof=1)
    return math.nan if sd == 0 else float(d.mean() / sd)


def signed_rank_sums(diff: np.ndarray) -> tuple[float, float]:
    """(T+, T-): sums of midranks of |d| over the non-zero differences, by sign."""
    d = np.asarray(diff, dtype=float)
    d = d[d != 0]
    if len(d) == 0:
        return (0.0, 0.0)
    ranks = stats.rankdata(np.abs(d))
    return float(ranks[d > 0].sum()), float(ranks[d < 0].sum())


def rank_biserial(diff: np.ndarray) -> float:
    """Matched-pairs rank-biserial correlation r = (T+ - T-) / (T+ + T-) (Kerby 2014).

    Zero differences are dropped (as in the Wilcoxon test with ``zero_method="wilcox"``).
    NaN when every difference is zero.
    """
    tp, tm = signed_rank_sums(diff)
    return math.nan if tp + tm == 0 else (tp - tm) / (tp + tm)


def wilcoxon_test(diff: np.ndarray) -> tuple[float, float, str]:
    """Wilcoxon signed-rank test of d: (statistic min(T+, T-), two-sided p, method used).

    Zero differences are dropped first (``zero_method="wilcox"``, Wilcoxon's original rule).
    With m <= :data:`EXACT_MAX` non-zero differences the p-value is exact: the complete
    enumeration of the 2^m sign patterns given the (mid)ranks (``PermutationMethod``), which is
    also correct with tied |d|; beyond that the normal approximation with tie correction.
    """
    d = np.asarray(diff, dtype=float)
    nz = d[d != 0]
    m = len(nz)
    if m == 0:
        return (math.nan, 1.0, "no non-zero differences: p = 1")
    if m <= EXACT_MAX:
        method: object = stats.PermutationMethod(n_resamples=2 ** m)
        label = f"exact (enumeration of all 2^{m} sign patterns), zeros dropped"
    else:
        method, label = "asymptotic", "normal approximation with tie correction, zeros dropped"
    res = stats.wilcoxon(nz, zero_method="wilcox", alternative="two-sided", method=method)
    return float(res.statistic), float(res.pvalue), label


def paired_tests(paired: pd.DataFrame, confidence_level: float = CONFIDENCE_LEVEL) -> pd.DataFrame:
    """Per item: paired mean difference with t interval, paired t, Wilcoxon, d_z, rank-biserial."""
    rows = []
    for (instrument, item), g in paired.groupby(["instrument", "item"], sort=False):
        d = g["diff"].to_numpy(dtype=float)
        n = len(d)
        if n >= 2 and np.std(d) > 0:
            tt = stats.ttest_rel(g["post"].to_numpy(float), g["pre"].to_numpy(float))
            ci = tt.confidence_interval(confidence_level=confidence_level)
            t, p_t, lo, hi = float(tt.statistic), float(tt.pvalue), float(ci.low), float(ci.high)
        else:
            t = p_t = lo = hi = math.nan
        w, p_w, w_method = wilcoxon_test(d)
        tp, tm = signed_rank_sums(d)
        rows.append({
            "instrument": instrument, "item": item, "n": n,
            "n_families": int(g["family_id"].nunique()),
            "mean_pre": float(g["pre"].mean()), "mean_post": float(g["post"].mean()),
            "mean_diff": float(d.mean()), "sd_diff": float(d.std(ddof=1)) if n > 1 else math.nan,
            "ci_low": lo, "ci_high": hi, "t": t, "p_t": p_t,
            "n_nonzero": int((d != 0).sum()), "t_plus": tp, "t_minus": tm,
            "wilcoxon_stat": w, "p_wilcoxon": p_w, "wilcoxon_method": w_method,
            "d_z": cohens_dz(d), "rank_biserial": rank_biserial(d),
        })
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class MixedResult:
    """Random-intercept model of the change for one item (see :func:`mixed_change`)."""

    estimate: float
    se: float
    ci_low: float
    ci_high: float
    p: float
    family_var: float
    residual_var: float
    icc: float
    n: int
    n_families: int
    converged: bool
    warnings: str


def mixed_change(g: pd.DataFrame, confidence_level: float = CONFIDENCE_LEVEL) -> MixedResult:
    """Mean change with a random intercept per family: ``diff_ij = b0 + u_j + e_ij``.

    statsmodels ``MixedLM`` (REML, derivative-free Powell then Nelder-Mead: the gradient methods
    fail on a singular family variance), u_j ~ N(0, s2_family), e_ij ~ N(0, s2); b0 is the mean
    change allowing for members of one family being alike - the GLS mean
    sum_j w_j mean_j / sum_j w_j with w_j = n_j / (s2 + n_j s2_family), SE = 1 / sqrt(sum_j w_j);
    ICC = s2_family / (s2_family + s2).
    Warnings (e.g. a family variance on the boundary 0) are kept in ``warnings``, not hidden.
    """
    import statsmodels.formula.api as smf

    data = g[["diff", "family_id"]].astype({"diff": float, "family_id": str}).reset_index(drop=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = smf.mixedlm("diff ~ 1", data, groups=data["family_id"])
        fit = model.fit(reml=True, method=["powell", "nm"])
    msgs = sorted({str(w.message).split(".")[0] for w in caught})
    ci = fit.conf_int(alpha=tails(confidence_level)).loc["Intercept"]
    fam = float(fit.cov_re.iloc[0, 0])
    res = float(fit.scale)
    icc = fam / (fam + res) if fam + res > 0 else math.nan
    return MixedResult(float(fit.fe_params["Intercept"]), float(fit.bse_fe["Intercept"]),
                       float(ci.iloc[0]), float(ci.iloc[1]), float(fit.pvalues["Intercept"]),
                       fam, res, icc, len(data), int(data["family_id"].nunique()),
                       bool(fit.converged), "; ".join(msgs))


def mixed_models(paired: pd.DataFrame, confidence_level: float = CONFIDENCE_LEVEL) -> pd.DataFrame:
    """:func:`mixed_change` for every item, one row per item."""
    rows = []
    for (instrument, item), g in paired.groupby(["instrument", "item"], sort=False):
        r = mixed_change(g, confidence_level)
        rows.append({"instrument": instrument, "item": item, **r.__dict__})
    return pd.DataFrame(rows)


# --- percentages -------------------------------------------------------------------------------

def attainable_counts(percent: float, n: int, decimals: int = 0) -> list[int]:
    """Counts k in 0..n whose percentage 100k/n rounds (half up) to the printed ``percent``."""
    half = 0.5 * 10.0 ** (-decimals)
    return [k for k in range(n + 1) if abs(100.0 * k / n - percent) <= half + 1e-9]


def sd_threshold(mean_change: float, n: int, alpha: float = 0.05) -> float:
    """Largest SD of the individual changes for which a mean change is significant (paired t).

    The two-sided paired t-test rejects when |mean| / (sd / sqrt(n)) > t(1 - alpha/2, n - 1), i.e.
    when sd < |mean| * sqrt(n) / t(1 - alpha/2, n - 1).
    """
    return abs(mean_change) * math.sqrt(n) / float(stats.t.ppf(1 - alpha / 2, n - 1))
