"""Results rows for numbers printed in a report's text (a ``*_text_values`` table, by key).

A study's in-text numbers live in one table with a ``key`` and a ``value`` column (data contract,
``text_values.csv``). :class:`TextValues` binds that table to a :class:`analysis.results.Results`
so a notebook compares or marks them by key, with value, printed decimals and source read from
``data/raw``, never typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis import printed, rawdata
from analysis.results import Results, Row


@dataclass(frozen=True)
class TextValues:
    """In-text numbers of ``table`` (by ``key``) compared into ``res``."""

    res: Results
    table: str
    column: str = "value"

    def published(self, key: str) -> tuple[float, int, str]:
        """(value, decimals, source) of the number ``key``."""
        return rawdata.published(self.table, self.column, key=key)

    def check(self, id_: str, quantity: str, unit: str, key: str, reproduced: float,
              note: str = "", tolerance: float | None = None) -> Row:
        """Compare the printed number ``key`` with its recomputation ``reproduced``."""
        return self.res.compare_table(id_, quantity, unit, self.table, self.column, reproduced,
                                      note=note, tolerance=tolerance, key=key)

    def not_reproducible(self, id_: str, quantity: str, unit: str, key: str, note: str) -> Row:
        """Mark the printed number ``key`` as not recomputable, saying why in ``note``."""
        value, _, src = self.published(key)
        return self.res.not_reproducible(id_, quantity, unit, value, note=note, source=src,
                                         label=printed.label_of(self.table, self.column, key=key))
