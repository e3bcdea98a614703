"""The per-child figure of a BMI z-score evaluation, at any cohort size.

Up to ``max_individual`` children it draws every child: a sorted waterfall of the change and one
line per child from start to follow-up (a spaghetti plot). Above that, a million bars or lines
would be one blot and take minutes to draw, so it switches to a summary form: the sorted change
as a quantile curve (the waterfall's outline, at :data:`QUANTILES` points) and, per direction,
the median start and follow-up z-score with their interquartile ranges. :func:`draw` returns the
sentence the page shows about which form was drawn.
"""

from __future__ import annotations

import matplotlib.axes
import numpy as np
import pandas as pd

from analysis.report import numbers

#: cohorts above this many children get the summary form (a notebook parameter)
MAX_INDIVIDUAL = 2000
QUANTILES = 1001
DECREASE, INCREASE = "#2a9d8f", "#e76f51"


def _colors(dz: np.ndarray, direction: np.ndarray, relevant: float) -> np.ndarray:
    return np.where(dz <= relevant, DECREASE,
                    np.where(direction == "decrease", "#8ecae6",
                             np.where(direction == "stable", "#999999", INCREASE)))


def draw(axes: tuple[matplotlib.axes.Axes, matplotlib.axes.Axes], ev: pd.DataFrame,
         relevant: float, mean: float, reference: str,
         max_individual: int = MAX_INDIVIDUAL) -> str:
    """Waterfall and start-to-follow-up panels of ``ev`` (columns dz, direction, decrease,
    months, z_0, z_1); per child up to ``max_individual`` children, else summarised.
    ``reference`` names the growth reference on the axis, in words ("Dutch 1997")."""
    n = len(ev)
    individual = n <= max_individual
    ax = axes[0]
    dz = np.sort(ev["dz"].to_numpy())
    if individual:
        order = ev.sort_values("dz").reset_index(drop=True)
        ax.bar(np.arange(n), order["dz"],
               color=_colors(order["dz"].to_numpy(), order["direction"].to_numpy(), relevant))
        ax.set_xlabel("children, sorted by change")
        ax.set_title("Change per child")
    else:
        q = np.linspace(0, 1, QUANTILES)
        values = np.quantile(dz, q)
        ax.fill_between(100 * q, values, 0, where=values <= relevant, color=DECREASE, step="mid")
        ax.fill_between(100 * q, values, 0, where=values > relevant, color=INCREASE,
                        alpha=0.6, step="mid")
        ax.plot(100 * q, values, color="black", lw=0.8)
        ax.set_xlabel("children sorted by change (percentile)")
        ax.set_title(f"Change, sorted ({QUANTILES} quantiles of {n:,} children)")
    ax.axhline(relevant, color="black", ls="--", lw=0.8,
               label=f"clinically relevant ({numbers.number(relevant, 2)})")
    ax.axhline(mean, color="#264653", lw=1, label=f"mean {numbers.number(mean, 2)}")
    ax.set_ylabel("change in BMI z-score (SDS)")
    ax.legend(fontsize=8)

    ax = axes[1]
    if individual:
        for months, z0, z1, dec in ev[["months", "z_0", "z_1", "decrease"]].itertuples(
                index=False):
            ax.plot([0, months], [z0, z1], color=DECREASE if dec else INCREASE, alpha=0.5, lw=0.9)
        ax.set_title("Start to follow-up")
    else:
        for dec, label, color, shift in ((True, "decreased", DECREASE, -0.15),
                                         (False, "did not decrease", INCREASE, 0.15)):
            g = ev[ev["decrease"].astype(bool) == dec]
            if g.empty:
                continue
            x = np.array([0.0, float(g["months"].median())]) + shift
            qs = np.array([g[c].quantile([0.25, 0.5, 0.75]).to_numpy() for c in ("z_0", "z_1")])
            ax.errorbar(x, qs[:, 1], yerr=[qs[:, 1] - qs[:, 0], qs[:, 2] - qs[:, 1]],
                        color=color, marker="o", capsize=4, label=f"{label} (n = {len(g):,})")
        ax.legend(fontsize=8)
        ax.set_title("Start to follow-up: median and interquartile range")
    ax.set_xlabel("months since first measurement")
    ax.set_ylabel(f"BMI z-score (SDS, {reference})")
    if individual:
        return ""
    return (f"With {n:,} children (more than `max_individual_lines` = {max_individual:,}) the "
            "per-child figure is drawn in summary form: the sorted changes as a quantile curve "
            "instead of one bar per child, and the median and interquartile range of the BMI "
            "z-score at start and follow-up, by direction, instead of one line per child.")
