"""SYNTHETIC quarterly inflow of new youth-care clients, 2017Q1–2020Q4, for the ITS demonstration.

Bijlage 3 §9 (Figuur 1, source lines 1852-1867) shows the quarterly inflow of new clients with a
first indication for Jeugd-GGZ/Jeugdhulp in the four municipalities only as a figure, without
printed values. Nothing here is read from that figure: the magnitudes below are invented, so that
the interrupted-time-series code (:mod:`analysis.its`) can be shown on a series with a known answer.

Model (log scale, quarter ``t = 0…15``, intervention at ``INTERVENTION``, ``D_t = 1{t ≥ t0}``)::

    log μ_t = log(days_t) + log(BASE_PER_DAY) + TREND·t + LEVEL·D_t + SLOPE·(t − t0)·D_t + u_t
    u_t = PHI·u_{t−1} + ε_t,  ε_t ~ N(0, SIGMA²)        (autocorrelated, overdispersed noise)
    count_t ~ Poisson(μ_t)

The default intervention, 2019Q4, is the one dated change the report prints: Maastricht added 50
POH Jeugd hours per week from October 2019 (line 1614).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

START, END = "2017Q1", "2020Q4"
INTERVENTION = "2019Q4"
BASE_PER_DAY = 3.3  # invented: about 300 new clients per quarter at the start
TREND = -0.005  # invented log-change per quarter before the intervention
LEVEL = -0.10  # invented log level change at the intervention (rate ratio 0.905)
SLOPE = -0.03  # invented change in log-trend per quarter after the intervention
PHI = 0.4  # AR(1) coefficient of the log-scale noise
SIGMA = 0.05  # SD of the log-scale innovations

#: what the series shares with the report, and what is made up (shown in the notebook's banner)
MATCHES = ("no counts (Figuur 1 prints no values); only the span 2017Q1-2020Q4 and the "
           "intervention date 2019Q4 (Bijlage 3 line 1614) come from the report")
INVENTED = ("every count, the series' size (about 300 a quarter), its trend, the level and slope "
            "change at the intervention and the autocorrelated noise")

TRUTH = {"const": np.log(BASE_PER_DAY), "time": TREND, "level": LEVEL, "slope": SLOPE}


def series(seed: int, intervention: str = INTERVENTION) -> pd.DataFrame:
    """The synthetic series: ``period, days, count, synthetic`` (one row per quarter)."""
    periods = pd.period_range(START, END, freq="Q")
    t = np.arange(len(periods), dtype=float)
    t0 = float(pd.Period(intervention, freq="Q").ordinal - periods[0].ordinal)
    post = (t >= t0).astype(float)
    days = np.array([(p.end_time.normalize() - p.start_time).days + 1 for p in periods],
                    dtype=float)
    rng = np.random.default_rng(seed)
    eps = rng.normal(0.0, SIGMA, len(t))
    u = np.zeros(len(t))
    for i in range(len(t)):
        u[i] = (PHI * u[i - 1] if i else 0.0) + eps[i]
    log_mu = (np.log(days) + TRUTH["const"] + TREND * t + LEVEL * post
              + SLOPE * np.where(post == 1.0, t - t0, 0.0) + u)
    counts = rng.poisson(np.exp(log_mu))
    return pd.DataFrame({"period": periods.astype(str), "days": days.astype(int),
                         "count": counts.astype(int), "synthetic": True})


def write(path: Path, seed: int) -> None:
    """Write the synthetic series as CSV (deterministic for a given seed)."""
    series(seed).to_csv(path, index=False, lineterminator="\n")
