"""analysis.pipeline.deps: a notebook depends on the modules it imports, transitively."""

import nbformat

from analysis.pipeline import deps


def make_nb(tmp_path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    p = tmp_path / "n.ipynb"
    nbformat.write(nb, p)
    return p


def test_imports_are_followed_transitively(tmp_path):
    nb = make_nb(tmp_path, "from analysis import costs\nimport numpy as np",
                 "%matplotlib inline\nfrom analysis.results import Results")
    files = deps.notebook_sources(nb)
    assert "src/analysis/costs.py" in files
    assert "src/analysis/results.py" in files
    assert "src/analysis/rawdata.py" in files  # results imports rawdata
    assert "src/analysis/paths.py" in files  # rawdata imports paths
    assert "src/analysis/growth.py" not in files
    assert "src/analysis/pipeline/run_notebook.py" in files  # the runner always counts


def test_submodule_named_in_from_import(tmp_path):
    nb = make_nb(tmp_path, "from analysis.synth import ycnd")
    assert "src/analysis/synth/ycnd.py" in deps.notebook_sources(nb)
    assert "src/analysis/synth/__init__.py" in deps.notebook_sources(nb)


def test_generator_sources():
    files = deps.generator_sources("analysis.synth.ycnd:write")
    assert "src/analysis/synth/ycnd.py" in files and "src/analysis/growth.py" in files
    assert "src/analysis/costs.py" not in files
