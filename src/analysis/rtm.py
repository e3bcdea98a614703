"""Regression to the mean (RTM) for units selected because their costs were high.

If costs in two years are bivariate normal with common mean ``mu`` and year-to-year correlation
``rho`` (equal variances), the expected cost in year 2 given year 1 is (Barnett, van der Pols &
Dobson 2005, Int J Epidemiol 34:215, eq. 1)::

    E[post | pre] = mu + rho * (pre - mu)

so a unit selected at ``pre > mu`` is expected to fall by ``(1 - rho) * (pre - mu)`` without any
intervention. The saving that remains attributable to the intervention is the observed fall minus
that expected fall, ``expected_post - post``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.costs import staff_cost


def _check_rho(rho: float) -> None:
    if not -1.0 <= rho <= 1.0:
        raise ValueError(f"correlation rho must lie in [-1, 1], got {rho}")


def expected_post(pre: np.ndarray | float, mu: float, rho: float) -> np.ndarray:
    """Expected follow-up value without effect: ``mu + rho * (pre - mu)``."""
    _check_rho(rho)
    return mu + rho * (np.asarray(pre, dtype=float) - mu)


def expected_fall(pre: np.ndarray | float, mu: float, rho: float) -> np.ndarray:
    """Fall expected from RTM alone: ``(1 - rho) * (pre - mu)``."""
    return np.asarray(pre, dtype=float) - expected_post(pre, mu, rho)


def remaining_saving(pre: np.ndarray, post: np.ndarray, mu: float, rho: float) -> np.ndarray:
    """Per-unit saving beyond RTM: ``expected_post - post`` (= observed fall − expected fall)."""
    pre = np.asarray(pre, dtype=float)
    post = np.asarray(post, dtype=float)
    if pre.shape != post.shape:
        raise ValueError(f"pre and post differ in shape: {pre.shape} vs {post.shape}")
    return expected_post(pre, mu, rho) - post


def rtm_scenarios(pre: np.ndarray, post: np.ndarray, mu: float,
                  rhos: Sequence[float]) -> pd.DataFrame:
    """Observed, RTM-expected and remaining saving (total and mean per unit) for each ``rho``.

    One row per correlation: ``rho, observed_saving_total, expected_rtm_total,
    remaining_saving_total, remaining_saving_mean, remaining_share`` (remaining / observed).
    """
    pre = np.asarray(pre, dtype=float)
    post = np.asarray(post, dtype=float)
    observed = float(np.sum(pre - post))
    rows = []
    for rho in rhos:
        rem = remaining_saving(pre, post, mu, float(rho))
        rows.append({
            "rho": float(rho),
            "observed_saving_total": observed,
            "expected_rtm_total": float(np.sum(expected_fall(pre, mu, float(rho)))),
            "remaining_saving_total": float(rem.sum()),
            "remaining_saving_mean": float(rem.mean()),
            "remaining_share": float(rem.sum() / observed) if observed else float("nan"),
        })
    return pd.DataFrame(rows)


def break_even_rho(pre: np.ndarray, post: np.ndarray, mu: float, cost_per_unit: float) -> float:
    """Correlation at which the mean remaining saving equals ``cost_per_unit``.

    Mean remaining saving is linear in rho: ``mean(mu - post) + rho * mean(pre - mu)``, so the
    root is ``(cost - mean(mu - post)) / mean(pre - mu)``; values outside [-1, 1] are returned
    as they are (no break-even within the admissible range).
    """
    pre = np.asarray(pre, dtype=float)
    post = np.asarray(post, dtype=float)
    slope = float(np.mean(pre - mu))
    if slope == 0:
        raise ValueError("mean pre value equals mu: remaining saving does not depend on rho")
    return (cost_per_unit - float(np.mean(mu - post))) / slope


def scenarios_from_means(pre_mean: float, post_mean: float, n: int, mu: float,
                         rhos: Sequence[float]) -> pd.DataFrame:
    """:func:`rtm_scenarios` from group means only (e.g. one cost domain printed as a total).

    The remaining saving is linear in pre and post, so its total and mean depend on the group
    means alone: mean remaining = ``mu (1 - rho) + rho · pre_mean - post_mean``.
    """
    if n <= 0:
        raise ValueError(f"group size must be positive, got {n}")
    return rtm_scenarios(np.full(n, float(pre_mean)), np.full(n, float(post_mean)), mu, rhos)


def rho_from_persistence(top_share: float, stay_share: float) -> float:
    """Bivariate-normal correlation at which ``stay_share`` of the top ``top_share`` stay on top.

    Converts a published persistence figure (e.g. "of the top 5% of spenders, 30% are in the
    top 5% the next year") into the year-to-year correlation that produces it when the two
    years are bivariate normal with equal margins (on whatever scale that holds, usually log cost).
    """
    if not 0 < top_share < 1 or not top_share <= stay_share < 1:
        raise ValueError("need 0 < top_share ≤ stay_share < 1")
    from scipy import optimize
    from scipy.stats import multivariate_normal, norm

    z = norm.ppf(1 - top_share)

    def stay(rho: float) -> float:
        both_below = multivariate_normal(mean=[0, 0], cov=[[1, rho], [rho, 1]]).cdf([z, z])
        both_above = 1 - 2 * (1 - top_share) + both_below
        return both_above / top_share - stay_share

    return float(optimize.brentq(stay, 0.0, 0.999, xtol=1e-10))


def net_saving_beyond_rtm(pre: np.ndarray, post: np.ndarray, mu: float, rho: float,
                          hours_per_week: float, weeks: float, hourly_rate: float) -> float:
    """Mean saving per unit beyond RTM minus the staff cost hours/week × weeks × rate per unit."""
    remaining = float(remaining_saving(pre, post, mu, rho).mean())
    return remaining - float(staff_cost(hours_per_week, weeks, hourly_rate))


def net_saving_model(pre: np.ndarray, post: np.ndarray) -> Callable[[Mapping[str, float]], float]:
    """:func:`net_saving_beyond_rtm` of these units as a model of its inputs, for
    :func:`analysis.costs.one_way_sensitivity` (keys mu, rho, hours, weeks, rate)."""
    pre_a, post_a = np.asarray(pre, dtype=float), np.asarray(post, dtype=float)

    def model(x: Mapping[str, float]) -> float:
        return net_saving_beyond_rtm(pre_a, post_a, x["mu"], x["rho"], x["hours"], x["weeks"],
                                     x["rate"])

    return model
