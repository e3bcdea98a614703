"""Pareto (concentration) analysis of grouped cost data: shares above thresholds, Lorenz, Gini.

Input is a table of cost categories (bins) with the number of units and their total cost per
bin, as in a printed Pareto table. Within a bin every unit is assumed to have the bin's mean
cost, so the Lorenz curve is piecewise linear between bin edges and the Gini coefficient from it
is a lower bound of the Gini of the individual costs (Gastwirth 1972, Rev Econ Stat 54:306).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _bins(units: np.ndarray, cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    units = np.asarray(units, dtype=float)
    cost = np.asarray(cost, dtype=float)
    if units.shape != cost.shape:
        raise ValueError("units and cost must have the same length")
    if (units <= 0).any() or (cost < 0).any():
        raise ValueError("every bin needs a positive number of units and a non-negative cost")
    return units, cost


def bin_summary(units: np.ndarray, cost: np.ndarray) -> pd.DataFrame:
    """Per bin: share of units and of cost (%) and mean cost per unit (cost / units)."""
    units, cost = _bins(units, cost)
    return pd.DataFrame({
        "units": units, "cost": cost,
        "units_pct": 100.0 * units / units.sum(),
        "cost_pct": 100.0 * cost / cost.sum(),
        "mean_cost": cost / units,
    })


def shares_above(lower: np.ndarray, units: np.ndarray, cost: np.ndarray) -> pd.DataFrame:
    """Share of units and of cost in the bins whose lower edge is ≥ each threshold.

    ``lower`` are the bins' lower edges (ascending); one row per threshold with ``units_above``,
    ``cost_above``, ``units_pct``, ``cost_pct`` and ``mean_cost`` of the units above.
    """
    units, cost = _bins(units, cost)
    lower = np.asarray(lower, dtype=float)
    if (np.diff(lower) <= 0).any():
        raise ValueError("bin lower edges must be strictly ascending")
    u = units[::-1].cumsum()[::-1]
    c = cost[::-1].cumsum()[::-1]
    return pd.DataFrame({"threshold": lower, "units_above": u, "cost_above": c,
                         "units_pct": 100.0 * u / units.sum(), "cost_pct": 100.0 * c / cost.sum(),
                         "mean_cost": c / u})


def lorenz_points(units: np.ndarray, cost: np.ndarray) -> pd.DataFrame:
    """Lorenz curve vertices (0,0) … (1,1): cumulative share of units vs of cost.

    Bins are ordered by mean cost (ascending) so the curve is convex.
    """
    units, cost = _bins(units, cost)
    order = np.argsort(cost / units, kind="stable")
    u = np.concatenate([[0.0], units[order].cumsum() / units.sum()])
    c = np.concatenate([[0.0], cost[order].cumsum() / cost.sum()])
    return pd.DataFrame({"units_share": u, "cost_share": c})


def gini_grouped(units: np.ndarray, cost: np.ndarray) -> float:
    """Gini of the piecewise-linear Lorenz curve: ``1 - Σ (x_k - x_{k-1})(y_k + y_{k-1})``.

    A lower bound for the Gini of the individual values (no inequality within bins).
    """
    pts = lorenz_points(units, cost)
    x = pts["units_share"].to_numpy()
    y = pts["cost_share"].to_numpy()
    return float(1.0 - np.sum(np.diff(x) * (y[1:] + y[:-1])))


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> float:
    """Weighted mean Σ w·v / Σ w (e.g. a group's mean from its bins' means and sizes)."""
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    if weights.sum() <= 0:
        raise ValueError("weights must sum to a positive number")
    return float(np.sum(values * weights) / weights.sum())
