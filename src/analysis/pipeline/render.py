"""Render an executed notebook to two stand-alone HTML pages:
``python -m analysis.pipeline.render EXECUTED OUTDIR``.

Writes ``report.html`` (code hidden), ``report-code.html`` (code shown) and ``headline.png``
(:mod:`analysis.pipeline.headline`). Figures are embedded; the pages load nothing from the web.
These are the pages of ``make evaluate`` (an evaluator's own data, outside the site); the
pipeline's runs are read on the site, which renders the executed notebooks itself
(:mod:`analysis.report.site`).

The pages come from nbconvert's public ``HTMLExporter``, configured with traitlets: the ``zorg``
template (``analysis/templates/zorg``, extending nbconvert's ``lab`` template) and two
preprocessors, :class:`EscapeMarkdownOutputs` and :class:`NameSources` (a source by its title, not
its hashed file name). nbconvert itself adds the accessibility attributes (alt text, focusable
areas).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets.config import Config

from analysis.pipeline import headline
from analysis.report.sources import name_sources

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


class EscapeMarkdownOutputs(Preprocessor):
    """Escape ``<`` in Markdown *outputs* (prose built from data by ``analysis.notebook.md``).

    Markdown passes raw HTML through, so a data label such as ``<script>…</script>`` would
    become markup in the report. The prose of the notebooks uses no HTML, so ``<`` → ``&lt;``
    changes nothing visible and makes every data label text. Authored Markdown cells are kept.
    """

    def preprocess_cell(self, cell: nbformat.NotebookNode, resources: dict[str, Any],
                        index: int) -> tuple[nbformat.NotebookNode, dict[str, Any]]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/markdown" in data:
                data["text/markdown"] = data["text/markdown"].replace("<", "&lt;")
        return cell, resources


class NameSources(Preprocessor):
    """Name each source by its title in what a reader sees: prose, tables and captions.

    The transcriptions cite a source by its file name and line (``004_….txt, line 3811``); the
    page says *Blauwe Zorg in de wijk, Eindrapport, line 3811*. Code cells are left as written.
    """

    def preprocess_cell(self, cell: nbformat.NotebookNode, resources: dict[str, Any],
                        index: int) -> tuple[nbformat.NotebookNode, dict[str, Any]]:
        if cell.cell_type == "markdown":
            cell.source = name_sources(cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for mime in ("text/markdown", "text/html", "text/plain"):
                if isinstance(data.get(mime), str):
                    data[mime] = name_sources(data[mime])
        return cell, resources


def exporter(show_code: bool) -> HTMLExporter:
    """nbconvert's HTML exporter with the zorg template, code cells shown or hidden."""
    c = Config()
    c.HTMLExporter.template_name = "zorg"
    c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.HTMLExporter.exclude_input = not show_code
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    c.HTMLExporter.preprocessors = [EscapeMarkdownOutputs, NameSources]
    return HTMLExporter(config=c)


def render(executed: Path, outdir: Path) -> None:
    nb = nbformat.read(executed, as_version=4)
    outdir.mkdir(parents=True, exist_ok=True)
    exp = exporter(show_code=False)  # one exporter: its templates are loaded and compiled once
    for name, show in (("report.html", False), ("report-code.html", True)):
        exp.exclude_input = not show
        html, _ = exp.from_notebook_node(nb)
        (outdir / name).write_text(html, encoding="utf-8")
    headline.write(nb, outdir / "headline.png")


if __name__ == "__main__":
    render(Path(sys.argv[1]), Path(sys.argv[2]))
