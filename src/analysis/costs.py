"""Cost arithmetic shared by every business case: savings, net savings, break-even, sensitivity.

All functions are pure. Sensitivity analyses take a *model*: a callable mapping a dict of named
inputs to one number (e.g. the net saving), so the same code serves the POH Jeugd business case,
the Gezinsregie households and any scenario a user writes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

Model = Callable[[Mapping[str, float]], float]


def avoided_cost(cases_not_referred: float | np.ndarray, cost_per_case: float | np.ndarray):
    """Gross avoided cost = cases that would otherwise have been referred × cost per case."""
    return np.multiply(cases_not_referred, cost_per_case)


def net_saving(gross_avoided: float | np.ndarray, intervention_cost: float | np.ndarray):
    """Net saving = gross avoided cost − cost of the intervention."""
    return np.subtract(gross_avoided, intervention_cost)


def saving_per_unit(before: np.ndarray, after: np.ndarray) -> pd.DataFrame:
    """Per-unit saving table: difference (before − after) and % difference of before."""
    before = np.asarray(before, dtype=float)
    after = np.asarray(after, dtype=float)
    diff = before - after
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(before != 0, 100.0 * diff / before, np.nan)
    return pd.DataFrame({"before": before, "after": after, "saving": diff, "saving_pct": pct})


def break_even_share(intervention_cost: float, gross_avoided_at_full_share: float) -> float:
    """Share of the assumed avoided cases that must truly be avoided for net saving = 0.

    If all assumed cases were avoided the gross avoided cost is ``gross_avoided_at_full_share``;
    gross avoided cost scales linearly with the share, so break-even = cost / gross.
    """
    if gross_avoided_at_full_share <= 0:
        raise ValueError("gross avoided cost must be positive for a break-even share")
    return intervention_cost / gross_avoided_at_full_share


@dataclass(frozen=True)
class Range:
    """Low and high value of one input for a one-way sensitivity analysis."""

    low: float
    high: float
    label: str = ""


def one_way_sensitivity(model: Model, base: Mapping[str, float],
                        ranges: Mapping[str, Range]) -> pd.DataFrame:
    """Vary one input at a time over its range, the others at base (tornado analysis).

    Returns one row per input: ``input, label, low, high, base_value, outcome_low,
    outcome_high, swing`` sorted by swing (largest first), with the base outcome in
    ``df.attrs["base_outcome"]``.
    """
    base = dict(base)
    base_outcome = float(model(base))
    rows = []
    for name, r in ranges.items():
        if name not in base:
            raise KeyError(f"sensitivity input {name!r} is not an input of the base case")
        lo = float(model({**base, name: r.low}))
        hi = float(model({**base, name: r.high}))
        rows.append({"input": name, "label": r.label or name, "low": r.low, "high": r.high,
                     "base_value": base[name], "outcome_low": lo, "outcome_high": hi,
                     "swing": abs(hi - lo)})
    df = pd.DataFrame(rows).sort_values("swing", ascending=False, kind="stable")
    df = df.reset_index(drop=True)
    df.attrs["base_outcome"] = base_outcome
    return df


def probabilistic_sensitivity(
    model: Model,
    base: Mapping[str, float],
    samplers: Mapping[str, Callable[[np.random.Generator, int], np.ndarray]],
    n: int,
    seed: int,
) -> pd.DataFrame:
    """Monte Carlo (probabilistic) sensitivity analysis with a seeded generator.

    ``samplers[name](rng, n)`` draws ``n`` values of input ``name``; inputs without a sampler
    stay at base. Returns the draws and the ``outcome`` column (one row per draw); the same
    seed gives the same table.
    """
    rng = np.random.default_rng(seed)
    draws = {name: np.asarray(s(rng, n), dtype=float) for name, s in sorted(samplers.items())}
    for name in draws:
        if name not in base:
            raise KeyError(f"sampled input {name!r} is not an input of the base case")
    out = np.empty(n)
    for i in range(n):
        out[i] = model({**base, **{k: v[i] for k, v in draws.items()}})
    return pd.DataFrame({**draws, "outcome": out})


def summarise_draws(outcome: np.ndarray, threshold: float = 0.0) -> dict[str, float]:
    """Mean, 2.5/97.5 percentiles and the probability that the outcome exceeds ``threshold``."""
    outcome = np.asarray(outcome, dtype=float)
    lo, hi = np.percentile(outcome, [2.5, 97.5])
    return {"mean": float(outcome.mean()), "p2_5": float(lo), "p97_5": float(hi),
            "prob_above": float((outcome > threshold).mean())}


def probability_above_by(model: Model, base: Mapping[str, float], draws: pd.DataFrame,
                         name: str, grid: np.ndarray, threshold: float = 0.0) -> pd.DataFrame:
    """Probability that the outcome exceeds ``threshold``, input ``name`` fixed at each grid value.

    ``draws`` are the sampled inputs of :func:`probabilistic_sensitivity` (one row per draw); the
    same draws are used at every grid value (common random numbers), so for a model increasing
    in ``name`` the curve is non-decreasing. The model is called once per grid value with arrays
    (one element per draw), so it must be vectorised. Columns: ``name``, ``probability``.
    """
    if name not in base:
        raise KeyError(f"input {name!r} is not an input of the base case")
    sampled = {c: draws[c].to_numpy(dtype=float) for c in draws.columns
               if c not in ("outcome", name)}
    probs = []
    for g in np.asarray(grid, dtype=float):
        out = np.asarray(model({**base, **sampled, name: g}), dtype=float)
        out = np.broadcast_to(out, len(draws))
        probs.append(float((out > threshold).mean()))
    return pd.DataFrame({name: np.asarray(grid, dtype=float), "probability": probs})


def crossing(grid: np.ndarray, values: np.ndarray, level: float = 0.5) -> float:
    """First grid value (linearly interpolated) where ``values`` reaches ``level``; NaN if never."""
    x = np.asarray(grid, dtype=float)
    y = np.asarray(values, dtype=float)
    above = np.flatnonzero(y >= level)
    if above.size == 0:
        return float("nan")
    i = int(above[0])
    if i == 0:
        return float(x[0])
    x0, x1, y0, y1 = x[i - 1], x[i], y[i - 1], y[i]
    return float(x0 + (level - y0) * (x1 - x0) / (y1 - y0))


def gamma_sampler(mean: float, cv: float) -> Callable[[np.random.Generator, int], np.ndarray]:
    """Sampler of a Gamma with the given mean and coefficient of variation (shape 1/cv²)."""
    if cv <= 0:
        raise ValueError(f"coefficient of variation must be positive, got {cv}")
    return lambda rng, n: rng.gamma(1 / cv**2, mean * cv**2, n)


def substitution_psa_samplers(base: Mapping[str, float], n_closed: float, cv: float,
                              substitution_low: float, substitution_high: float
                              ) -> dict[str, Callable[[np.random.Generator, int], np.ndarray]]:
    """Samplers of the POH Jeugd PSA.

    Share not referred ~ Beta with the information of ``n_closed`` closed cases around its base
    value; substitution ~ U(``substitution_low``, ``substitution_high``), an assumption (nothing
    was measured); costs per client and the POH cost ~ Gamma with coefficient of variation ``cv``.
    """
    if not 0 <= substitution_low <= substitution_high <= 1:
        raise ValueError("the substitution prior must lie within 0 ≤ low ≤ high ≤ 1")
    s = base["share_not_referred"]
    return {
        "share_not_referred": lambda rng, n: rng.beta(s * n_closed, (1 - s) * n_closed, n),
        "substitution": lambda rng, n: rng.uniform(substitution_low, substitution_high, n),
        "cost_ggz": gamma_sampler(base["cost_ggz"], cv),
        "cost_jeugdhulp": gamma_sampler(base["cost_jeugdhulp"], cv),
        "intervention_cost": gamma_sampler(base["intervention_cost"], cv),
    }


def substitution_psa(base: Mapping[str, float], n_closed: float, cv: float, substitution_low: float,
                     substitution_high: float, n: int, seed: int) -> pd.DataFrame:
    """The POH Jeugd PSA: :func:`substitution_psa_samplers` run through
    :func:`probabilistic_sensitivity` with :func:`substitution_net_saving` (one row per draw)."""
    samplers = substitution_psa_samplers(base, n_closed, cv, substitution_low, substitution_high)
    return probabilistic_sensitivity(substitution_net_saving, base, samplers, n, seed)


def substitution_base(scope: Mapping[str, float], cases_total: float, not_referred_total: float,
                      share_not_referred: float, cost_ggz: float, cost_jeugdhulp: float,
                      correction: float) -> dict[str, float]:
    """Inputs of :func:`substitution_net_saving` for one scope (region or municipality).

    ``scope`` holds the scope's not-referred ``cases``, ``ggz_cases`` and ``poh_cost``; its part
    of all cases is ``cases_total × cases / not_referred_total``. Substitution starts at 1 (the
    business case's assumption).
    """
    return {
        "cases": cases_total * scope["cases"] / not_referred_total,
        "share_not_referred": float(share_not_referred),
        "share_ggz": scope["ggz_cases"] / scope["cases"],
        "cost_ggz": float(cost_ggz), "cost_jeugdhulp": float(cost_jeugdhulp),
        "intervention_cost": float(scope["poh_cost"]), "substitution": 1.0,
        "correction": float(correction),
    }


def substitution_net_saving(inputs: Mapping[str, float]) -> float | np.ndarray:
    """Net saving of a service that replaces referrals (the POH Jeugd business-case model).

    ``cases × share_not_referred × (1 − correction) × substitution`` cases avoid a referral; of
    these a fraction ``share_ggz`` would have gone to youth mental health care (cost
    ``cost_ggz``) and the rest to youth care (``cost_jeugdhulp``). Net saving = avoided cost −
    ``intervention_cost``. ``substitution`` is the share of not-referred clients who would
    otherwise really have been referred (the business case assumes 1). Scalars give a float;
    arrays (one element per draw) give an array.
    """
    avoided_cases = (inputs["cases"] * inputs["share_not_referred"]
                     * (1.0 - inputs.get("correction", 0.0)) * inputs.get("substitution", 1.0))
    blended = (inputs["share_ggz"] * inputs["cost_ggz"]
               + (1.0 - inputs["share_ggz"]) * inputs["cost_jeugdhulp"])
    out = avoided_cases * blended - inputs["intervention_cost"]
    return float(out) if np.ndim(out) == 0 else np.asarray(out, dtype=float)


# --- appended for the Gezinsregie households (issue 3) ---------------------------------------


def staff_cost(hours_per_week: float | np.ndarray, weeks: float | np.ndarray,
               hourly_rate: float | np.ndarray):
    """Cost of staff time = hours per week × weeks × hourly rate (e.g. 2.5 × 45 × 70 = 7875)."""
    for name, v in (("hours_per_week", hours_per_week), ("weeks", weeks),
                    ("hourly_rate", hourly_rate)):
        if np.any(np.asarray(v, dtype=float) < 0):
            raise ValueError(f"{name} must be non-negative, got {v}")
    return np.multiply(np.multiply(hours_per_week, weeks), hourly_rate)


def scale_up_net_saving(n_units: float | np.ndarray, saving_per_unit: float | np.ndarray,
                        cost_per_unit: float | np.ndarray):
    """Extrapolated net saving = n_units × (saving per unit − intervention cost per unit)."""
    if np.any(np.asarray(n_units, dtype=float) < 0):
        raise ValueError(f"number of units must be non-negative, got {n_units}")
    return np.multiply(n_units, np.subtract(saving_per_unit, cost_per_unit))
