"""A run's headline figure: ``headline.png``, the thumbnail of its card on the index.

The figure of the cell tagged ``headline``, else the notebook's first figure, else the "no figure"
placeholder (:mod:`analysis.report.placeholder`). Read from the executed notebook with nbformat
alone: the notebook runner writes it without importing a renderer.
"""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat

from analysis.report import placeholder


def headline_png(nb: nbformat.NotebookNode) -> bytes | None:
    """PNG of the headline cell's figure (tag ``headline``), else of the first figure."""

    def pngs(cells):
        for cell in cells:
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                if "image/png" in data:
                    yield base64.b64decode(data["image/png"])

    tagged = [c for c in nb.cells if "headline" in c.get("metadata", {}).get("tags", [])]
    for candidate in (tagged, nb.cells):
        for png in pngs(candidate):
            return png
    return None


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write the headline figure of ``nb`` (or the placeholder) to ``path``."""
    png = headline_png(nb)
    if png is None:
        placeholder.write(path)
    else:
        path.write_bytes(png)
