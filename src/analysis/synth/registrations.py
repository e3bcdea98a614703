"""SYNTHETIC: 99 Utrecht registratieformat cases agreeing with the published margins.

Published (``data/raw/utrecht``): 99 cases in six practices (two per variant); lead after
clarification 16 referred to specialist care + 5 taken up by the Extr@ worker in the practice,
20 GP, 29 supporter, 31 buurtteam; GP lead in the POH Jeugd practices 2 of 26 and 0 of 11.

Where the margins disagree: the lead categories add to 21 + 20 + 29 + 31 = 101, not 99. The
text says the buurtteam count *includes* cases taken up by the buurtteam worker in the
practice, i.e. the gezinswerker (the supporter of that variant): the only category described
as overlapping. The generator therefore removes the excess (101 − 99, computed) from the
buurtteam category; its synthetic count is 29, not the printed 31.

Not published, so assumed (and labelled so in every output): which POH Jeugd practice had 26
cases (the first listed), the split of the other 62 cases over the four other practices (as even
as possible), dates, age bands, domains (drawn with the frequencies of the 13 typed 2019 cases in
'Type hulpvragen'), partners, hours, contacts and the referral destination within a lead
category.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis import rawdata

#: what the records share with the report, and what is made up (for the notebook's banner)
MATCHES = ("the 99 cases in six practices; the lead after clarification 16 specialist care + 5 "
           "Extr@ worker, 20 GP, 29 supporter and buurtteam 31 printed, of which 29 are used so "
           "the leads add to 99 (the printed 101 double-counts); GP lead 2 of 26 and 0 of 11 in "
           "the POH Jeugd practices")
INVENTED = ("which POH Jeugd practice had 26 cases, the split of the other 62 cases over four "
            "practices, dates, age bands, domains (drawn with the frequencies of the 13 typed 2019 "
            "cases), partners, hours, contacts and referral destinations within a lead category")
PERIOD = ("2019-04-01", "2019-10-31")
AGE_BANDS = {"0-3": 0.05, "4-11": 0.45, "12-17": 0.45, "18-22": 0.05}  # assumption
HOURS = {0.5: 0.35, 1.0: 0.35, 1.5: 0.15, 2.0: 0.1, 3.0: 0.05}  # assumption (30-min consult)
DOMAIN_KEYS = {"opvoeden & opgroeien": "opvoeden_opgroeien", "o&o": "opvoeden_opgroeien",
               "gezondheid": "gezondheid", "taal": "taal",
               "veranderend ouderschap": "veranderend_ouderschap"}


def published_margins() -> dict[str, int]:
    """Lead counts, total, and POH practice counts from the transcription (nothing typed)."""
    lead = rawdata.load("ut_registration_lead").set_index("key")["cases"].astype(int)
    tv = rawdata.load("ut_text_values").set_index("key")["value"]
    return {
        "total": int(lead["registered_total"]),
        "specialist_referred": int(lead["specialist_referred"]),
        "specialist_in_practice": int(lead["specialist_extra_in_practice"]),
        "huisarts": int(lead["gp"]),
        "ondersteuner": int(lead["supporter"]),
        "buurtteam": int(lead["buurtteam"]),
        "poh_a_cases": int(tv["poh_practice_a_cases"]),
        "poh_a_gp": int(tv["poh_practice_a_gp_lead"]),
        "poh_b_cases": int(tv["poh_practice_b_cases"]),
        "poh_b_gp": int(tv["poh_practice_b_gp_lead"]),
    }


def reconciled_leads(m: dict[str, int]) -> tuple[dict[str, int], int]:
    """Lead counts that add to the total: the excess is taken from 'buurtteam' (see module)."""
    leads = {k: m[k] for k in ("specialist_referred", "specialist_in_practice", "huisarts",
                               "ondersteuner", "buurtteam")}
    excess = sum(leads.values()) - m["total"]
    if excess < 0 or excess > leads["buurtteam"]:
        raise ValueError(f"cannot reconcile lead margins (excess {excess})")
    leads["buurtteam"] -= excess
    return leads, excess


def domain_weights() -> dict[str, float]:
    """Domain frequencies and the share of multi-domain cases in the 13 typed 2019 cases."""
    t = rawdata.load("ut_help_question_types")
    counts: dict[str, int] = {}
    for cell in t["domains_nl"]:
        for part in str(cell).replace(" en ", ",").split(","):
            key = DOMAIN_KEYS[part.strip().lower()]
            counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    w = {k: v / total for k, v in sorted(counts.items())}
    w["_multi"] = float((t["problem_type_en"] == "multiple").mean())
    return w


def generate(seed: int) -> pd.DataFrame:
    """The 99 synthetic cases as a DataFrame under the registration schema."""
    rng = np.random.default_rng(seed)
    m = published_margins()
    leads, _ = reconciled_leads(m)
    practices = rawdata.load("ut_practices")
    poh = practices[practices["variant_key"] == "poh_jeugd"]["practice_nl"].tolist()
    others = practices[practices["variant_key"] != "poh_jeugd"]
    rest = m["total"] - m["poh_a_cases"] - m["poh_b_cases"]
    k = len(others)
    sizes = [rest // k + (1 if i < rest % k else 0) for i in range(k)]
    slots = []  # (practice, variant) per case
    for name, size in [(poh[0], m["poh_a_cases"]), (poh[1], m["poh_b_cases"])]:
        slots += [(name, "poh_jeugd")] * size
    for (_, row), size in zip(others.iterrows(), sizes, strict=True):
        slots += [(row["practice_nl"], row["variant_key"])] * size
    lead = np.array([""] * len(slots), dtype=object)
    idx = np.arange(len(slots))
    variant = np.array([v for _, v in slots])
    practice = np.array([p for p, _ in slots])
    # fixed margins first: Extr@ in-practice cases in Extr@ practices; GP lead per POH practice
    extra_slots = rng.choice(idx[variant == "specialist_jeugdhulp"],
                             leads["specialist_in_practice"], replace=False)
    lead[extra_slots] = "specialist_in_practice"
    lead[rng.choice(idx[practice == poh[0]], m["poh_a_gp"], replace=False)] = "huisarts"
    lead[rng.choice(idx[practice == poh[1]], m["poh_b_gp"], replace=False)] = "huisarts"
    gp_rest = leads["huisarts"] - m["poh_a_gp"] - m["poh_b_gp"]
    free_non_poh = idx[(variant != "poh_jeugd") & (lead == "")]
    lead[rng.choice(free_non_poh, gp_rest, replace=False)] = "huisarts"
    pool = (["specialist_referred"] * leads["specialist_referred"]
            + ["ondersteuner"] * leads["ondersteuner"] + ["buurtteam"] * leads["buurtteam"])
    free = idx[lead == ""]
    lead[free] = rng.permutation(np.array(pool, dtype=object))

    dw = domain_weights()
    multi = dw.pop("_multi")
    dkeys, dprob = list(dw), np.array(list(dw.values()))
    start, end = (pd.Timestamp(d) for d in PERIOD)
    days = (end - start).days
    rows = []
    for i, (p, v) in enumerate(slots):
        nd = 2 if rng.random() < multi else 1
        doms = sorted(rng.choice(dkeys, nd, replace=False, p=dprob).tolist())
        reg = start + pd.Timedelta(days=int(rng.integers(0, days + 1)))
        clar = reg + pd.Timedelta(days=int(rng.integers(0, 29)))
        le = lead[i]
        if le == "specialist_referred":
            dest = str(rng.choice(["jeugdhulp", "jeugd_ggz"]))
        elif le == "buurtteam":
            dest = "buurtteam"
        else:
            dest = "none"
        planned = int(rng.integers(1, 7)) if le in ("ondersteuner", "specialist_in_practice") else 0
        actual = max(0, planned + int(rng.integers(-1, 2))) if planned else 0
        at_reg = "geen" if rng.random() < 0.5 else str(rng.choice(["school", "jgz", "buurtteam"]))
        rows.append({
            "case_id": f"SYN-{i + 1:03d}", "practice": p, "support_variant": v,
            "registration_date": reg.date().isoformat(),
            "clarification_end_date": clar.date().isoformat(), "closed_date": "",
            "age_band": str(rng.choice(list(AGE_BANDS), p=list(AGE_BANDS.values()))),
            "help_question_text": "SYNTHETIC", "help_question_domains": "|".join(doms),
            "partners_at_registration": at_reg,
            "clarification_hours": float(rng.choice(list(HOURS), p=list(HOURS.values()))),
            "partners_in_clarification": "geen",
            "lead_after_clarification": le, "referral_destination": dest, "goals": "",
            "contacts_planned": planned, "contacts_actual": actual,
        })
    return pd.DataFrame(rows)


def write(path: Path, seed: int) -> None:
    """Write the synthetic cases as CSV (deterministic for a given seed)."""
    generate(seed).to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
