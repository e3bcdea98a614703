"""Report pages come from nbconvert's public HTMLExporter with the zorg template and one
preprocessor; nothing of nbconvert is copied or reached into."""

from __future__ import annotations

import ast
import base64
import inspect

import nbformat
from bs4 import BeautifulSoup
from nbformat import v4

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


def test_code_stays_text_and_pages_are_accessible():
    html, _ = render.exporter(show_code=True).from_notebook_node(every_kind_of_cell())
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    soup = BeautifulSoup(html, features="html.parser")
    assert not soup.select("script")  # the zorg template loads no scripts either
    # accessibility as nbconvert gives it: every image described, every area focusable
    assert all(img.has_attr("alt") for img in soup.select("img"))
    # raw <img> in Markdown gets nbconvert's text; ![](b.png) has an (empty) alt already
    nbconvert_alt = "No description has been provided for this image"
    assert [i["alt"] for i in soup.select("img")][:2] == [nbconvert_alt, ""]
    assert "bars for a and b" in [i["alt"] for i in soup.select("img")]
    areas = soup.select("div.jp-Cell-inputWrapper, div.jp-OutputArea-output")
    assert len(areas) >= 12 and all(a.get("tabindex") == "0" for a in areas)
    assert soup.select_one("div.jp-OutputArea-outputs").get("tabindex") is None



def test_markdown_outputs_are_escaped_and_authored_markdown_is_kept():
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("<b>authored</b>"),
                                v4.new_code_cell("md()", execution_count=1)])
    nb.cells[1].outputs = [v4.new_output("display_data", {
        "text/markdown": "label <script>alert(1)</script>"})]
    html, _ = render.exporter(show_code=False).from_notebook_node(nb)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>authored</b>" in html


def test_sources_are_named_by_their_titles_in_prose_and_tables():
    cite = "004_f014f4dd1ed6983f.txt, Bijlage 7 (YCND), line 3811"
    nb = v4.new_notebook(cells=[v4.new_markdown_cell(f"From {cite}."),
                                v4.new_code_cell(f"src = '{cite}'", execution_count=1)])
    nb.cells[1].outputs = [v4.new_output("display_data", {
        "text/html": f"<table><caption>Source: {cite}</caption></table>",
        "text/markdown": f"Source: {cite}"})]
    html, _ = render.exporter(show_code=False).from_notebook_node(nb)
    text = BeautifulSoup(html, "html.parser").get_text()
    assert "004_f014f4dd1ed6983f" not in text
    assert text.count("Blauwe Zorg in de wijk, Eindrapport, Bijlage 7 (YCND), line 3811") == 2
    code, _ = render.exporter(show_code=True).from_notebook_node(nb)
    assert "004_f014f4dd1ed6983f" in code  # code is shown as written


def test_render_writes_both_pages_and_the_headline_figure(tmp_path):
    nb = every_kind_of_cell()
    tagged = v4.new_code_cell("plot()", execution_count=3)
    png = base64.b64encode(b"\x89PNG headline").decode()
    tagged.outputs = [v4.new_output("display_data", {"image/png": png})]
    tagged.metadata["tags"] = ["headline"]
    nb.cells.append(tagged)
    nbformat.write(nb, tmp_path / "executed.ipynb")
    render.render(tmp_path / "executed.ipynb", tmp_path / "out")
    hidden = (tmp_path / "out/report.html").read_text()
    shown = (tmp_path / "out/report-code.html").read_text()
    assert "alert(1)" not in hidden and "alert(1)" in shown  # code only on the code page
    assert (tmp_path / "out/headline.png").read_bytes() == b"\x89PNG headline"


def test_no_private_names_of_any_library():
    tree = ast.parse(inspect.getsource(render))
    private = [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)
               and n.attr.startswith("_") and not n.attr.startswith("__")]
    private += [a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                for a in n.names if a.name.startswith("_")]
    assert private == []


def test_the_index_recognises_the_placeholder_by_its_title_only(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.report import placeholder

    placeholder.write(tmp_path / "p.png")
    assert placeholder.is_placeholder((tmp_path / "p.png").read_bytes())
    # a real figure of the same size is not one, nor is something that is no PNG
    fig, ax = plt.subplots(figsize=(4, 2.5))
    ax.text(0.5, 0.5, "no figure in this report", ha="center", va="center")
    fig.savefig(tmp_path / "real.png", metadata={"Software": None})
    plt.close(fig)
    assert not placeholder.is_placeholder((tmp_path / "real.png").read_bytes())
    assert not placeholder.is_placeholder(b"not a png")
