"""SYNTHETIC Gezinsregie questionnaire scores whose change counts equal Tabel 2 exactly.

The real individual scores of Bijlage 4 §7.1 are not public. This generator writes a long file
(``person_id, family_id, instrument, item, time, score``; schema in
``data/raw/gezinsregie_prepost/questionnaire_long.schema.json``) such that, per item, the numbers
of persons whose score rose, stayed equal or fell are exactly those of Tabel 2
(``grpp_change_counts``). Everything else is an assumption, stated here:

* families and persons (from the text, lines 2273-2309): 11 families answered the Positive Health
  questionnaire (22 persons); 9 of them (19 persons) answered Vragenlijst 1 and the ICECAP, of
  whom 17 the ICECAP (two persons - assumed children, from two different families - did not).
  Family sizes are invented: 3, 3, 2, 2, 2, 2, 2, 2, 1 persons in families F01-F09 and 2, 1 in
  F10-F11;
* the one person of Vragenlijst 1 missing from 'Hoe tevreden bent u over de zorg' (18 of 19) has a
  time-1 score only, so the analysis shows one unpaired person for that item;
* scales: :data:`analysis.prepost.SCALES` (smileys 1-5, mark 1-10, ICECAP-A levels 1-4, Positive
  Health dimension 0-10 stored as whole numbers here);
* who improves: each family has a latent propensity (normal, sd 1) plus a personal one (sd 1); per
  item the persons with the highest propensity improve and the lowest decline, so changes cluster
  within families (something for the family random intercept to find);
* sizes: a change is 1 point plus a binomial extra (more room on longer scales), kept on the scale;
  baseline scores start around the middle-low part of each scale with a family level.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis import rawdata
from analysis.prepost import LONG_COLUMNS, SCALES

FAMILY_SIZES = {"F01": 3, "F02": 3, "F03": 2, "F04": 2, "F05": 2, "F06": 2, "F07": 2, "F08": 2,
                "F09": 1, "F10": 2, "F11": 1}
Q1_FAMILIES = ("F01", "F02", "F03", "F04", "F05", "F06", "F07", "F08", "F09")
BASELINE_SHARE = {"general": 0.55, "icecap": 0.55, "positive_health": 0.55}
"""Mean baseline as a share of the scale range (an assumption; families vary around it)."""

#: what the file shares with the report, and what is made up (shown in the notebook's banner)
MATCHES = ("per item of Tabel 2 (Bijlage 4 §7.1), the numbers of persons whose score rose, stayed "
           "equal or fell, exactly; the numbers of families and persons per questionnaire that the "
           "text counts (lines 2273-2309)")
INVENTED = ("every score, the size of each change, the baselines, the family sizes and who belongs "
            "to which family; hence every mean, interval, p-value, effect size and family effect "
            "computed from the file")


def persons() -> pd.DataFrame:
    """The synthetic persons: ``person_id, family_id`` (P01..P22 in family order)."""
    rows = []
    i = 0
    for fam, size in FAMILY_SIZES.items():
        for _ in range(size):
            i += 1
            rows.append({"person_id": f"P{i:02d}", "family_id": fam})
    return pd.DataFrame(rows)


def _respondents(people: pd.DataFrame, instrument: str, rng: np.random.Generator,
                 children: set[str]) -> list[str]:
    if instrument == "positive_health":
        return list(people["person_id"])
    q1 = list(people.loc[people["family_id"].isin(Q1_FAMILIES), "person_id"])
    if instrument == "icecap":
        return [p for p in q1 if p not in children]
    return q1


def generate(seed: int, counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The synthetic long table (sorted, integer scores) for ``seed``; counts default to Tabel 2."""
    counts = rawdata.load("grpp_change_counts") if counts is None else counts
    rng = np.random.default_rng(seed)
    people = persons()
    fam_ids = sorted(people["family_id"].unique())
    fam_effect = dict(zip(fam_ids, rng.normal(0.0, 1.0, len(fam_ids)), strict=True))
    fam_level = dict(zip(fam_ids, rng.normal(0.0, 0.12, len(fam_ids)), strict=True))
    # the two who skip the ICECAP: one person from each of two families with 2+ members, so that
    # the ICECAP keeps all 9 families (line 2303)
    sizes = people[people["family_id"].isin(Q1_FAMILIES)].groupby("family_id").size()
    two_families = rng.choice(sorted(sizes[sizes >= 2].index), size=2, replace=False)
    children = {str(rng.choice(people.loc[people["family_id"] == f, "person_id"].tolist()))
                for f in sorted(two_families)}
    rows: list[dict] = []
    for _, c in counts.iterrows():
        instrument, item = str(c["instrument"]), str(c["item"])
        scale = SCALES[instrument][item]
        lo, hi = int(scale.minimum), int(scale.maximum)
        resp = _respondents(people, instrument, rng, children)
        n = int(c["improved"]) + int(c["equal"]) + int(c["declined"])
        unpaired: list[str] = []
        if len(resp) > n:  # e.g. 18 of 19 answered the care item at both times
            unpaired = sorted(rng.choice(resp, size=len(resp) - n, replace=False).tolist())
            resp = [p for p in resp if p not in unpaired]
        if len(resp) != n:
            raise ValueError(f"{item}: {len(resp)} synthetic respondents for a printed n of {n}")
        fam_of = dict(zip(people["person_id"], people["family_id"], strict=True))
        propensity = np.array([fam_effect[fam_of[p]] for p in resp]) + rng.normal(0, 1, n)
        order = [resp[i] for i in np.argsort(-propensity, kind="stable")]
        k_up, k_down = int(c["improved"]), int(c["declined"])
        direction = {p: (1 if i < k_up else (-1 if i >= n - k_down else 0))
                     for i, p in enumerate(order)}
        for p in sorted(resp + unpaired):
            base = lo + (hi - lo) * (BASELINE_SHARE[instrument] + fam_level[fam_of[p]])
            pre = int(np.clip(np.rint(base + rng.normal(0, (hi - lo) / 6)), lo, hi))
            sign = direction.get(p, 0)
            if sign > 0:
                pre = min(pre, hi - 1)
            elif sign < 0:
                pre = max(pre, lo + 1)
            room = (hi - pre) if sign > 0 else (pre - lo)
            size = 1 + int(rng.binomial(max(room - 1, 0), 0.25)) if sign else 0
            post = pre + sign * min(size, room) if sign else pre
            fam = fam_of[p]
            rows.append({"person_id": p, "family_id": fam, "instrument": instrument,
                         "item": item, "time": 1, "score": pre})
            if p not in unpaired:
                rows.append({"person_id": p, "family_id": fam, "instrument": instrument,
                             "item": item, "time": 2, "score": post})
    df = pd.DataFrame(rows, columns=LONG_COLUMNS)
    return df.sort_values(["person_id", "instrument", "item", "time"], kind="stable") \
        .reset_index(drop=True)


def write(path: Path, seed: int) -> None:
    """Write the synthetic long file for ``seed`` to ``path`` (UTF-8, LF, deterministic)."""
    generate(seed).to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def label() -> str:
    """One sentence for pages and banners: which published margins the file matches (read from
    ``data/raw/gezinsregie_prepost``) and what is invented."""
    t2 = rawdata.load("grpp_change_counts")
    n_persons = sum(FAMILY_SIZES.values())
    return (f"SYNTHETIC file (analysis.synth.questionnaires): per item, the numbers of persons "
            f"improved / equal / declined equal Tabel 2 of Bijlage 4 exactly ({len(t2)} items, "
            f"at most {int(t2['total'].max())} persons), and the {len(FAMILY_SIZES)} families "
            f"and {n_persons} persons are those the text counts; invented are every score, the "
            "size of each change, the baselines, the family sizes and who belongs to which "
            "family, and so every paired statistic, effect size and family effect shown.")
