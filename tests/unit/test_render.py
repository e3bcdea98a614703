"""The report exporter gives the same pages as nbconvert's own HTMLExporter, faster.

`analysis.pipeline.render.ReportExporter` skips nbconvert's closing BeautifulSoup pass and adds its
two accessibility attributes with `mark_accessible`; the zorg template highlights code without
bleach. The oracle here is nbconvert itself: the stock `HTMLExporter` with the template as it was
(code through `clean_html`). Pages are compared as documents (both parsed by BeautifulSoup), since
the stock exporter re-serialises its page and ours does not.
"""

from __future__ import annotations

import base64
import inspect
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbformat import v4

from analysis import paths
from analysis.pipeline import render

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16).decode()
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
       '<rect width="4" height="4"/></svg>')


def every_kind_of_cell() -> nbformat.NotebookNode:
    """A notebook with each cell and output type the lab template renders differently."""
    code = v4.new_code_cell('label = "</div><script>alert(1)</script>"  # <img src=x onerror=f()>',
                            execution_count=1)
    code.outputs = [
        v4.new_output("stream", name="stdout", text="a < b & c\n"),
        v4.new_output("stream", name="stderr", text="warning\n"),
        v4.new_output("execute_result", {"text/plain": "42"}, execution_count=1),
        v4.new_output("display_data", {"text/html": "<table class='t'><tr><td title='a>b'>1</td>"
                                                    "</tr></table>", "text/plain": "table"}),
        v4.new_output("display_data", {"text/markdown": "see [the source](https://example.org)"}),
        v4.new_output("display_data", {"image/png": PNG, "text/plain": "bars for a and b"}),
        v4.new_output("display_data", {"image/png": PNG}),
        v4.new_output("display_data", {"image/jpeg": PNG}),
        v4.new_output("display_data", {"image/svg+xml": SVG}),
        v4.new_output("error", ename="ValueError", evalue="bad",
                      traceback=["\x1b[0;31mValueError\x1b[0m: bad"]),
    ]
    quiet = v4.new_code_cell("x = 1", execution_count=2)
    return v4.new_notebook(
        cells=[v4.new_markdown_cell('# Title\n\n<img src="a.png">\n\n![](b.png) and '
                                    '<div class="jp-OutputArea-outputs">not an output</div>'),
               code, quiet, v4.new_raw_cell("raw <b>text</b>")],
        metadata={"language_info": {"name": "python", "pygments_lexer": "ipython3"}})


def hostile_markup() -> nbformat.NotebookNode:
    """Outputs whose markup a pattern match could misread: scripts, styles, comments, quoted and
    upper-case attributes, tags inside attribute values, an existing tabindex."""
    cell = v4.new_code_cell("show()", execution_count=1)
    html_out = ('<!-- <img src=x> --><style>/* <img src=y> */</style>'
                "<div class='jp-OutputArea-output'>a</div>"
                '<DIV CLASS="jp-Cell-inputWrapper">b</DIV>'
                '<div class="jp-OutputArea-output" tabindex="-1">c</div>'
                '<a title="<img src=z>">d</a><img title="no alt here" src="e.png"><img src=f/>')
    cell.outputs = [
        v4.new_output("display_data", {"text/html": html_out, "text/plain": "html"}),
        v4.new_output("display_data", {"application/javascript":
                                       'var s = "<img src=" + u + ">";', "text/plain": "js"}),
    ]
    return v4.new_notebook(cells=[cell], metadata={"language_info": {"name": "python"}})


@pytest.fixture(scope="module")
def stock_template(tmp_path_factory) -> Path:
    """The zorg template as it was before the fast path: nbconvert's `input` block (bleach)."""
    root = tmp_path_factory.mktemp("templates")
    source = (render.TEMPLATES / "zorg" / "index.html.j2").read_text(encoding="utf-8")
    without, n = re.subn(r"\{% block input %\}.*?\{%- endblock input %\}", "", source, flags=re.S)
    assert n == 1
    (root / "zorg_stock").mkdir()
    (root / "zorg_stock" / "index.html.j2").write_text(without, encoding="utf-8")
    (root / "zorg_stock" / "conf.json").write_text(
        (render.TEMPLATES / "zorg" / "conf.json").read_text(encoding="utf-8"), encoding="utf-8")
    return root


def stock_exporter(template_root: Path, show_code: bool) -> HTMLExporter:
    exp = HTMLExporter(template_name="zorg_stock",
                       extra_template_basedirs=[str(template_root), str(render.TEMPLATES)])
    exp.exclude_input = not show_code
    exp.exclude_input_prompt = exp.exclude_output_prompt = True
    return exp


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def document(html: str) -> str:
    """The page as BeautifulSoup reads it (the ids the lab template draws for scripts masked)."""
    return UUID.sub("<uuid>", str(BeautifulSoup(html, features="html.parser")))


@pytest.mark.parametrize("show_code", [False, True])
@pytest.mark.parametrize("source", ["every kind of cell", "hostile markup",
                                    "notebooks/utrecht_registrations.ipynb"])
def test_pages_are_the_documents_nbconvert_gives(stock_template, source, show_code):
    if source.startswith("notebooks/"):  # a real notebook with its stored outputs
        nb = nbformat.read(paths.resolve(source), as_version=4)
        assert sum(len(c.get("outputs", [])) for c in nb.cells) > 20
    else:
        nb = every_kind_of_cell() if source == "every kind of cell" else hostile_markup()
    nb = render.escape_markdown_outputs(nb)
    ours, _ = render.exporter(show_code).from_notebook_node(nb)
    stock, _ = stock_exporter(stock_template, show_code).from_notebook_node(nb)
    assert document(ours) == document(stock)


def test_code_stays_text_without_bleach():
    html, _ = render.exporter(show_code=True).from_notebook_node(every_kind_of_cell())
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    soup = BeautifulSoup(html, features="html.parser")
    assert not soup.select("script")  # the zorg template loads no scripts either
    # accessibility as nbconvert gives it: every image described, every area focusable
    assert all(img.has_attr("alt") for img in soup.select("img"))
    # raw <img> in Markdown gets nbconvert's text; ![](b.png) has an (empty) alt already
    assert [i["alt"] for i in soup.select("img")][:2] == [render.MISSING_ALT, ""]
    assert "bars for a and b" in [i["alt"] for i in soup.select("img")]
    areas = soup.select("div.jp-Cell-inputWrapper, div.jp-OutputArea-output")
    assert len(areas) >= 12 and all(a.get("tabindex") == "0" for a in areas)
    assert soup.select_one("div.jp-OutputArea-outputs").get("tabindex") is None


NOTEBOOK_BODY = '<body class="jp-Notebook">'


@pytest.mark.parametrize(("tag", "marked"), [
    ('<img src="a.png">', f'<img src="a.png" alt="{render.MISSING_ALT}">'),
    ('<img src="a.png"/>', f'<img src="a.png" alt="{render.MISSING_ALT}"/>'),
    ("<img src=a/>", f'<img src=a/ alt="{render.MISSING_ALT}">'),  # src is "a/"
    ('<IMG src="a.png" ALT="x">', '<IMG src="a.png" ALT="x">'),
    ('<img alt src="a.png">', '<img alt src="a.png">'),
    ('<img title="no alt here">', f'<img title="no alt here" alt="{render.MISSING_ALT}">'),
    ('<img data-alt="a" src="a.png">',
     f'<img data-alt="a" src="a.png" alt="{render.MISSING_ALT}">'),
    ('<div class="jp-Cell-inputWrapper">', '<div class="jp-Cell-inputWrapper" tabindex="0">'),
    ("<div class='jp-OutputArea-output'>", "<div class='jp-OutputArea-output' tabindex=\"0\">"),
    ('<DIV CLASS="x jp-OutputArea-output">', '<DIV CLASS="x jp-OutputArea-output" tabindex="0">'),
    ('<div data-x="a>b" class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain">',
     '<div data-x="a>b" class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain" '
     'tabindex="0">'),
    ('<div class="jp-OutputArea-output" tabindex="-1" id=x>',
     '<div class="jp-OutputArea-output" tabindex="0" id="x">'),
    ('<div class="jp-OutputArea-outputs">', '<div class="jp-OutputArea-outputs">'),
    ('<div class="x-jp-Cell-inputWrapper">', '<div class="x-jp-Cell-inputWrapper">'),
    ('<span class="jp-OutputArea-output">', '<span class="jp-OutputArea-output">'),
    ("<p>&lt;img src=x&gt;</p>", "<p>&lt;img src=x&gt;</p>"),
    # what html.parser does not read as tags is left alone, as BeautifulSoup leaves it
    ('<script>var s = "<img src=" + u + ">"; "<div class=\\"jp-OutputArea-output\\">"</script>',
     '<script>var s = "<img src=" + u + ">"; "<div class=\\"jp-OutputArea-output\\">"</script>'),
    ("<style>/* <img src=x> */</style>", "<style>/* <img src=x> */</style>"),
    ('<!-- <img src=x> <div class="jp-OutputArea-output"> -->',
     '<!-- <img src=x> <div class="jp-OutputArea-output"> -->'),
    ('<a title="<img src=x>">t</a>', '<a title="<img src=x>">t</a>'),
    # self-closing tags stay self-closing; of a repeated attribute the last counts
    ('<div class="jp-OutputArea-output" hidden/>',
     '<div class="jp-OutputArea-output" hidden tabindex="0"/>'),
    ('<div class="jp-OutputArea-output" tabindex="1" hidden/>',
     '<div class="jp-OutputArea-output" tabindex="0" hidden/>'),
    ('<div class="x" class="jp-OutputArea-output">',
     '<div class="x" class="jp-OutputArea-output" tabindex="0">'),
    ('<div class="jp-OutputArea-output" class="x">',
     '<div class="jp-OutputArea-output" class="x">'),
])
def test_mark_accessible(tag, marked):
    assert render.mark_accessible(NOTEBOOK_BODY + tag) == NOTEBOOK_BODY + marked


def nbconvert_pass(page: str) -> str:
    """nbconvert's BeautifulSoup pass for tabindex (nbconvert.exporters.html), as the oracle."""
    soup = BeautifulSoup(page, features="html.parser")
    for e in soup.select(".jp-Notebook div.jp-Cell-inputWrapper, "
                         ".jp-Notebook div.jp-OutputArea-output"):
        e["tabindex"] = "0"
    return str(soup)


@pytest.mark.parametrize(("page", "focusable"), [
    ('<div class="jp-OutputArea-output">a</div>', 0),  # no notebook element: nothing
    # inside it, nested or not; after it closes, not
    ('<div class="jp-Notebook x"><div><div class="jp-OutputArea-output">a</div></div>'
     '<div class="jp-OutputArea-output">b</div></div><div class="jp-OutputArea-output">c</div>', 2),
    # a stray </body> in an output ends the lab template's jp-Notebook body, as in BeautifulSoup
    ('<body class="jp-Notebook"><div class="jp-OutputArea-output">a</div></body>'
     '<div class="jp-OutputArea-output">b</div></body>', 1),
    ('<body class="jp-Notebook"/><div class="jp-OutputArea-output">a</div>', 0),
])
def test_only_areas_inside_the_notebook_become_focusable(page, focusable):
    ours = str(BeautifulSoup(render.mark_accessible(page), features="html.parser"))
    assert ours == nbconvert_pass(page)
    assert ours.count('tabindex="0"') == focusable


def test_the_copied_exporter_code_matches_the_installed_nbconvert():
    # ReportExporter repeats HTMLExporter.from_notebook_node up to its BeautifulSoup pass; if a new
    # nbconvert changes that method, this fails and the copy must be looked at again
    source = inspect.getsource(HTMLExporter.from_notebook_node)
    for line in ("highlight_code = self.filters.get(",
                 "resources = self._init_resources(resources)",
                 "notebook_metadata=self._nb_metadata, parent=self, resources=resources",
                 'self.register_filter("highlight_code", highlight_code)',
                 'self.register_filter("filter_data_type", filter_data_type)',
                 "html, resources = super().from_notebook_node(nb, resources, **kw)",
                 'soup = BeautifulSoup(html, features="html.parser")',
                 'soup.select("img:not([alt])")',
                 'soup.select(".jp-Notebook div.jp-Cell-inputWrapper")',
                 'soup.select(".jp-Notebook div.jp-OutputArea-output")',
                 "return str(soup), resources"):
        assert line in source, line
    assert source.count("soup.select(") == 3 and source.count("self.register_filter(") == 2
