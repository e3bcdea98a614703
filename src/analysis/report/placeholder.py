"""The "no figure" placeholder: the headline PNG of a report that has no figure.

:func:`write` draws it (the pipeline, :mod:`analysis.pipeline.render`); :func:`is_placeholder`
recognises it by its PNG ``Title`` text chunk (the index, which then shows no empty thumbnail),
without importing matplotlib.
"""

from __future__ import annotations

import io
from pathlib import Path

#: the ``Title`` text chunk of the placeholder PNG
TITLE = "zorgpilots: no figure in this report"


def write(path: Path) -> None:
    """Draw the placeholder into ``path`` (a small figure saying the report has none)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 2.5))
    ax.text(0.5, 0.5, "no figure in this report", ha="center", va="center")
    ax.set_axis_off()
    fig.savefig(path, metadata={"Software": None, "Title": TITLE})
    plt.close(fig)


def is_placeholder(data: bytes) -> bool:
    """True for a PNG :func:`write` drew (read with Pillow; False for anything else)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.info.get("Title") == TITLE
    except (UnidentifiedImageError, OSError):
        return False
