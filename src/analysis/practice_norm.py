"""The Praktijkwijzer's rule for youth and family support hours in a GP practice.

Zilveren Kruis's POH GGZ norm is ``norm_hours`` (12) hours per week for a norm practice of
``norm_list_size`` (2350) patients; 20–30% of the POH GGZ's patients are youth (aged 0–18), so the
Praktijkwijzer (Gemeente Utrecht 2020, Stap 2) sets youth support at ``0.25 × 12 = 3`` hours per
week per norm practice. The share is that of the **POH GGZ's patients**, not of the practice's list.
Scaling linearly with list size::

    hours = norm_hours × (list_size / norm_list_size) × poh_ggz_youth_share
"""

from __future__ import annotations

import numpy as np
import pandas as pd

NORM_HOURS = 12.0
NORM_LIST_SIZE = 2350.0


def recommended_hours(list_size: float | np.ndarray, poh_ggz_youth_share: float | np.ndarray,
                      norm_hours: float = NORM_HOURS,
                      norm_list_size: float = NORM_LIST_SIZE) -> np.ndarray | float:
    """Youth/family support hours per week for a practice (formula in the module docstring).

    ``poh_ggz_youth_share`` is a fraction (0.25, not 25). Raises on negative list sizes, shares
    outside [0, 1] and non-positive norms.
    """
    size = np.asarray(list_size, dtype=float)
    share = np.asarray(poh_ggz_youth_share, dtype=float)
    if (size < 0).any():
        raise ValueError(f"list size must be non-negative, got {list_size}")
    if ((share < 0) | (share > 1)).any():
        raise ValueError(f"POH GGZ youth share is a fraction in [0, 1], got {poh_ggz_youth_share}")
    if norm_hours <= 0 or norm_list_size <= 0:
        raise ValueError("norm hours and norm list size must be positive")
    hours = norm_hours * size / norm_list_size * share
    return float(hours) if hours.ndim == 0 else hours


def implied_poh_ggz_youth_share(list_size: float, hours: float, norm_hours: float = NORM_HOURS,
                        norm_list_size: float = NORM_LIST_SIZE) -> float:
    """Share of POH GGZ patients who are youth at which the rule gives ``hours`` (its inverse)."""
    if list_size <= 0:
        raise ValueError("list size must be positive")
    return hours / (norm_hours * list_size / norm_list_size)


def implied_list_size(hours: float, poh_ggz_youth_share: float, norm_hours: float = NORM_HOURS,
                      norm_list_size: float = NORM_LIST_SIZE) -> float:
    """List size at which the rule gives ``hours`` for ``poh_ggz_youth_share`` (its inverse)."""
    if poh_ggz_youth_share <= 0:
        raise ValueError("youth share must be positive")
    return hours * norm_list_size / (norm_hours * poh_ggz_youth_share)


def hours_grid(list_sizes: np.ndarray, poh_ggz_youth_shares: np.ndarray,
               norm_hours: float = NORM_HOURS,
               norm_list_size: float = NORM_LIST_SIZE) -> pd.DataFrame:
    """Tidy table of recommended hours: one row per (list size, youth share)."""
    s, y = np.meshgrid(np.asarray(list_sizes, dtype=float),
                       np.asarray(poh_ggz_youth_shares, dtype=float),
                       indexing="ij")
    return pd.DataFrame({"list_size": s.ravel(), "poh_ggz_youth_share": y.ravel(),
                         "hours_per_week": recommended_hours(s.ravel(), y.ravel(), norm_hours,
                                                             norm_list_size)})
