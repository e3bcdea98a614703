"""Render an executed notebook to HTML: ``python -m analysis.pipeline.render EXECUTED OUTDIR``.

Writes ``report.html`` (code hidden), ``report-code.html`` (code shown) and ``headline.png`` (the
figure of the cell tagged ``headline``, or the first figure). Figures are embedded; the pages load
nothing from the web.

:class:`ReportExporter` is nbconvert's ``HTMLExporter`` without its closing BeautifulSoup pass,
which re-parsed and re-serialised each page only to add two accessibility attributes (alt text on
images that lack it, ``tabindex="0"`` on input and output areas): half of the rendering time.
:func:`mark_accessible` adds the same attributes to the same elements; tests/unit/test_render.py
checks that the two exporters give the same document.
"""

from __future__ import annotations

import base64
import re
import sys
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


# nbconvert's own text for an image without alt text (nbconvert.exporters.html)
MISSING_ALT = "No description has been provided for this image"
# the rest of a start tag, whose quoted attribute values may contain ">"
_TAG = r"""(?:[^>"']|"[^"]*"|'[^']*')*>"""
_IMG = re.compile(r"<img\b" + _TAG, re.IGNORECASE)
_FOCUSABLE_DIV = re.compile(
    r"""<div\b(?=(?:[^>"']|"[^"]*"|'[^']*')*?\sclass="(?:[^"]*\s)?"""
    r"""(?:jp-Cell-inputWrapper|jp-OutputArea-output)[\s"])""" + _TAG)
_ALT = re.compile(r"""\salt(?:\s*=|[\s/>])""", re.IGNORECASE)
_TABINDEX = re.compile(r"""\stabindex\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""")


def _add_attribute(tag: str, attribute: str) -> str:
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    return f"{tag[:end].rstrip()} {attribute}{tag[end:]}"


def mark_accessible(html: str) -> str:
    """What nbconvert's HTMLExporter adds in its BeautifulSoup pass, without parsing the page:
    ``alt`` on every ``img`` that has none, and ``tabindex="0"`` on every ``div`` of class
    ``jp-Cell-inputWrapper`` or ``jp-OutputArea-output`` (the lab template puts all of them in the
    ``jp-Notebook`` body, which is where nbconvert looks)."""
    html = _IMG.sub(lambda m: m.group(0) if _ALT.search(m.group(0))
                    else _add_attribute(m.group(0), f'alt="{MISSING_ALT}"'), html)

    def focusable(m: re.Match) -> str:
        tag = m.group(0)
        if _TABINDEX.search(tag):
            return _TABINDEX.sub(' tabindex="0"', tag)
        return _add_attribute(tag, 'tabindex="0"')

    return _FOCUSABLE_DIV.sub(focusable, html)


class ReportExporter(HTMLExporter):
    """``HTMLExporter`` without the BeautifulSoup pass at the end of ``from_notebook_node``."""

    def from_notebook_node(self, nb: nbformat.NotebookNode, resources: dict | None = None,
                           **kw: Any) -> tuple[str, dict]:
        # HTMLExporter.from_notebook_node (nbconvert 7.17) up to its BeautifulSoup pass
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight_code = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return mark_accessible(html), resources


def exporter(show_code: bool) -> HTMLExporter:
    exp = ReportExporter(template_name="zorg", extra_template_basedirs=[str(TEMPLATES)])
    exp.exclude_input = not show_code
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    return exp


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


def escape_markdown_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Escape ``<`` in Markdown *outputs* (prose built from data by ``analysis.notebook.md``).

    Markdown passes raw HTML through, so a data label such as ``<script>…</script>`` would
    become markup in the report. The prose of the notebooks uses no HTML, so ``<`` → ``&lt;``
    changes nothing visible and makes every data label text. Authored Markdown cells are kept.
    """
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/markdown" in data:
                data["text/markdown"] = data["text/markdown"].replace("<", "&lt;")
    return nb


def render(executed: Path, outdir: Path) -> None:
    nb = escape_markdown_outputs(nbformat.read(executed, as_version=4))
    outdir.mkdir(parents=True, exist_ok=True)
    exp = exporter(show_code=False)  # one exporter: its templates are loaded and compiled once
    for name, show in (("report.html", False), ("report-code.html", True)):
        exp.exclude_input = not show
        html, _ = exp.from_notebook_node(nb)
        (outdir / name).write_text(html, encoding="utf-8")
    png = headline_png(nb)
    if png is None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(4, 2.5))
        ax.text(0.5, 0.5, "no figure in this report", ha="center", va="center")
        ax.set_axis_off()
        fig.savefig(outdir / "headline.png", metadata={"Software": None})
        plt.close(fig)
    else:
        (outdir / "headline.png").write_bytes(png)


if __name__ == "__main__":
    render(Path(sys.argv[1]), Path(sys.argv[2]))
