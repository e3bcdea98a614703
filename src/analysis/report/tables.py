"""One table helper for readers, built on pandas' Styler (no hand-written table HTML).

``reader_table(frame, columns, caption=...)`` returns the HTML of a table a reviewer can read:

- no row-number index; headers in words with their unit ("Net saving (€)");
- every number through :mod:`analysis.report.numbers` (thousands separators, true minus sign,
  decimals fixed per column);
- a missing value (NaN, ``<NA>``, NaT, None) shown as a dash, with a footnote saying why;
- long tables (more than ``fold_after`` rows) folded in ``<details>``, optionally with a CSV link;
- every table inside a horizontal scroll container, so a wide one never clips at the page edge;
- an optional "Synthetic data — illustration" label.

``show_table(...)`` displays the same HTML in a notebook.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.report import numbers
from analysis.results_schema import STATUS_WORDS


def _share_cell(value: float, decimals: int = 1) -> str:
    return numbers.share(value, decimals).removesuffix("%")


def _p_cell(value: float, decimals: int = 0) -> str:
    return numbers.p_value(value).removeprefix("p = ").removeprefix("p ")


# the unit is in the header, so cells carry the bare number ("980,235" under "Net saving (€)")
KINDS: dict[str, Callable[..., str]] = {
    "eur": numbers.number,
    "number": numbers.number,
    "integer": lambda v, _d=0: numbers.integer(v),
    "percent": numbers.number,
    "share": _share_cell,
    "signed": numbers.signed,
    "p": _p_cell,
    "id": lambda v, _d=0: str(int(v)),  # a source line or year: no thousands separator
}
UNIT_OF_KIND = {"eur": "€", "percent": "%", "share": "%"}
SYNTHETIC_LABEL = "Synthetic data — illustration, not the pilot's records"
FOLD_AFTER = 15


@dataclass(frozen=True)
class Col:
    """How one column is shown: header in words, kind of number, decimals, unit."""

    label: str
    # text | arithmetic (a check's arithmetic: numbers in the convention, the "reproduced … vs
    # published …" preamble in words, numbers.arithmetic) | eur | number | integer | percent
    # | share | signed | p | id | status (a results row's status in words)
    kind: str = "text"
    decimals: int = 0
    unit: str | None = None  # defaults from the kind ("€", "%"); "" for none

    def header(self) -> str:
        unit = UNIT_OF_KIND.get(self.kind, "") if self.unit is None else self.unit
        return f"{self.label} ({unit})" if unit else self.label

    def formatter(self) -> Callable[[object], str]:
        dash = numbers.DASH
        if self.kind == "text":
            return lambda v: dash if numbers.is_missing(v) else str(v)
        if self.kind == "status":  # a results row's status in words ("does not follow")
            return lambda v: dash if numbers.is_missing(v) else STATUS_WORDS.get(str(v), str(v))
        if self.kind == "arithmetic":
            return lambda v: dash if numbers.is_missing(v) else numbers.arithmetic(str(v))
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}; one of {sorted(KINDS)}, text")
        fmt = KINDS[self.kind]
        return lambda v: dash if numbers.is_missing(v) else fmt(v, self.decimals)


def _escaped(fmt: Callable[[object], str]) -> Callable[[object], str]:
    return lambda v: html.escape(fmt(v))


def _uuid(frame: pd.DataFrame, caption: str) -> str:
    """A stable table id (Styler's default is random, which would break determinism)."""
    key = caption + "|" + "|".join(map(str, frame.columns)) + f"|{len(frame)}"
    return "t" + hashlib.sha256(key.encode()).hexdigest()[:10]


def styled(frame: pd.DataFrame, columns: Mapping[str, Col | str] | None = None,
           caption: str = "") -> pd.io.formats.style.Styler:
    """The Styler behind :func:`reader_table`: selected columns, renamed headers, formatters."""
    specs = {c: (v if isinstance(v, Col) else Col(v)) for c, v in (columns or {}).items()}
    if not specs:
        specs = {c: Col(str(c), "number" if pd.api.types.is_numeric_dtype(frame[c]) else "text")
                 for c in frame.columns}
    missing = [c for c in specs if c not in frame.columns]
    if missing:
        raise KeyError(f"columns not in the table: {missing}")
    shown = frame.loc[:, list(specs)].reset_index(drop=True)
    headers = [spec.header() for spec in specs.values()]
    if len(set(headers)) != len(headers):
        raise ValueError(f"two columns share a header: {headers}")
    # format on the original names, then rename through Styler's public relabelling
    cells = {c: _escaped(spec.formatter()) for c, spec in specs.items()}
    styler = shown.style.format(cells)
    styler = styler.hide(axis="index").relabel_index([html.escape(h) for h in headers],
                                                      axis="columns")
    numeric = [c for c, spec in specs.items() if spec.kind not in ("text", "arithmetic")]
    styler = styler.set_properties(subset=numeric, **{"text-align": "right"})
    styler = styler.set_uuid(_uuid(frame, caption)).set_table_attributes('class="reader-table"')
    if caption:
        styler = styler.set_caption(html.escape(caption))
    return styler


def reader_table(frame: pd.DataFrame, columns: Mapping[str, Col | str] | None = None, *,
                 caption: str = "", missing_reason: str = "", synthetic: bool = False,
                 source: str = "", fold_after: int = FOLD_AFTER, csv_href: str = "") -> str:
    """HTML of ``frame`` for readers (see the module docstring).

    ``columns`` maps column names to a :class:`Col` (or just a header label for text) and
    chooses and orders the columns shown. ``missing_reason`` is required when a shown cell is
    missing: the footnote says why there is a dash.
    """
    specs = {c: (v if isinstance(v, Col) else Col(v)) for c, v in (columns or {}).items()}
    shown = frame.loc[:, list(specs)] if specs else frame
    has_missing = bool(shown.isna().to_numpy().any())
    if has_missing and not missing_reason.strip():
        raise ValueError(f"table {caption!r} has missing cells: say why with missing_reason=")
    table = styled(frame, specs or None, caption).to_html()
    notes = []
    if has_missing:
        notes.append(f"{numbers.DASH}: {html.escape(missing_reason.strip())}")
    if source:
        notes.append(f"Source: {html.escape(source)}")
    if csv_href:
        notes.append(f'<a href="{html.escape(csv_href, quote=True)}">Download as CSV</a>')
    parts = []
    if synthetic:
        parts.append(f'<p class="synthetic-label"><strong>{SYNTHETIC_LABEL}.</strong></p>')
    parts.append(f'<div class="table-scroll" style="overflow-x:auto">{table}</div>')
    parts += [f'<p class="table-note">{note}</p>' for note in notes]
    body = "\n".join(parts)
    if len(shown) > fold_after:
        summary = html.escape(caption or "Table") + f" ({numbers.integer(len(shown))} rows)"
        body = f'<details class="long-table"><summary>{summary}</summary>\n{body}\n</details>'
    return f'<div class="reader-table-block">\n{body}\n</div>'


def show_table(frame: pd.DataFrame, columns: Mapping[str, Col | str] | None = None,
               **options: object) -> None:
    """Display :func:`reader_table` in a notebook (same arguments)."""
    from IPython.display import HTML, display

    display(HTML(reader_table(frame, columns, **options)))
