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
import html
import logging
import re
import sys
from html.parser import HTMLParser
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
# the classes whose div nbconvert makes focusable, inside the element of class jp-Notebook
FOCUSABLE = frozenset({"jp-Cell-inputWrapper", "jp-OutputArea-output"})


class _AccessibilityEdits(HTMLParser):
    """The start tags nbconvert's BeautifulSoup pass changes, found with the tokenizer that pass
    uses (``html.parser``), so script and style contents, comments and attribute values are read
    exactly as there. ``edits`` holds (offset, old start tag, new start tag)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", html))]
        self.edits: list[tuple[int, str, str]] = []
        self.missing_alt = 0
        # the open jp-Notebook element: its tag, and how many of that tag are open inside it
        self.notebook_tag: str | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]],
                        self_closing: bool = False) -> None:
        values = dict(attrs)  # as BeautifulSoup: of a repeated attribute, the last one counts
        classes = set((values.get("class") or "").split())
        if tag == "img" and "alt" not in values:
            self.missing_alt += 1
            self._edit(_with_attribute(self.get_starttag_text(), "alt", MISSING_ALT,
                                       self_closing))
        elif tag == "div" and self.notebook_tag and classes & FOCUSABLE:
            if "tabindex" in values:  # BeautifulSoup replaces the value in place
                self._edit(_start_tag(tag, [(n, "0" if n == "tabindex" else v)
                                            for n, v in attrs], self_closing))
            else:
                self._edit(_with_attribute(self.get_starttag_text(), "tabindex", "0",
                                           self_closing))
        if self_closing:
            return
        if self.notebook_tag is None and "jp-Notebook" in classes:
            self.notebook_tag, self.depth = tag, 1
        elif tag == self.notebook_tag:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs, self_closing=True)

    def handle_endtag(self, tag: str) -> None:
        # the element closes where BeautifulSoup closes it: at the end tag of its own kind
        # (a stray </body> in an output ends the lab template's jp-Notebook body there too)
        if tag == self.notebook_tag:
            self.depth -= 1
            if self.depth == 0:
                self.notebook_tag = None

    def _edit(self, new: str) -> None:
        line, column = self.getpos()
        self.edits.append((self.line_starts[line - 1] + column, self.get_starttag_text(), new))


def _with_attribute(tag: str, name: str, value: str, self_closing: bool) -> str:
    """``tag`` (a start tag's text) with ``name="value"`` added as its last attribute."""
    body, closing = (tag[:-2], "/>") if self_closing else (tag[:-1], ">")
    return f'{body.rstrip()} {name}="{html.escape(value)}"{closing}'


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> str:
    parts = "".join(f" {n}" if v is None else f' {n}="{html.escape(v)}"' for n, v in attrs)
    return f"<{tag}{parts}{'/>' if self_closing else '>'}"


def mark_accessible(page: str, log: logging.Logger | None = None) -> str:
    """What nbconvert's HTMLExporter adds in its BeautifulSoup pass, without building a tree or
    re-serialising the page: ``alt`` on every ``img`` that has none (with nbconvert's warning), and
    ``tabindex="0"`` on every ``div`` of class ``jp-Cell-inputWrapper`` or
    ``jp-OutputArea-output`` after the start of the ``jp-Notebook`` element (the lab template's
    ``body``, which closes at the end of the page)."""
    parser = _AccessibilityEdits(page)
    parser.feed(page)
    parser.close()
    if parser.missing_alt and log is not None:
        log.warning("Alternative text is missing on %s image(s).", parser.missing_alt)
    pieces, done = [], 0
    for offset, old, new in parser.edits:
        if page[offset:offset + len(old)] != old:
            raise RuntimeError(f"start tag not found where the parser saw it: {old[:80]!r}")
        pieces += [page[done:offset], new]
        done = offset + len(old)
    return "".join([*pieces, page[done:]])


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
        return mark_accessible(html, self.log), resources


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
