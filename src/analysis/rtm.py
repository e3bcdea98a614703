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

from collections.abc import Sequence

import numpy as np
import pandas as pd


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
