"""The confidence level of intervals: one name (``confidence_level``) and one default.

Libraries that take the two tails' probability instead (statsmodels' ``alpha``) get it from
:func:`tails`.
"""

from __future__ import annotations

CONFIDENCE_LEVEL = 0.95
# 1 − 0.95 is 0.050000000000000044 in binary floating point; rounded to this many decimals it is
# the same double as the literal 0.05 (far below any printed precision)
_DECIMALS = 12


def tails(confidence_level: float) -> float:
    """Probability outside a two-sided interval of ``confidence_level`` (statsmodels' ``alpha``)."""
    if not 0.0 < confidence_level < 1.0:
        raise ValueError(f"confidence_level must lie strictly between 0 and 1: {confidence_level}")
    return round(1.0 - confidence_level, _DECIMALS)
