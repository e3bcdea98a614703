"""Every notebook is guarded: tagged parameters, stored outputs, configured in the pipeline."""

import json

import nbformat
import pytest

from analysis import paths
from analysis.pipeline import config, params

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_guardable(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", []), "first code cell must be tagged"
    stored = [c for c in code if c.get("outputs")]
    # a stripped notebook would pass nbval vacuously
    assert len(stored) >= len(code) // 2, (
        f"only {len(stored)} of {len(code)} code cells have outputs"
    )
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, "stored outputs contain an error"
    text = json.dumps(nb)
    assert "/work/" not in text and "/home/" not in text, "absolute paths in stored outputs"


def test_every_notebook_is_in_the_pipeline_and_vice_versa():
    configured = {paths.resolve(ev.notebook) for ev in config.evaluations()}
    assert configured == set(NOTEBOOKS)


def test_configured_parameters_match_notebooks():
    params.check_all()


def test_unknown_parameter_is_rejected(tmp_path, monkeypatch):
    ev = config.evaluations()[0]
    bad = config.Evaluation(
        ev.name,
        ev.notebook,
        ev.title,
        ev.study,
        ev.source,
        ev.summary,
        ev.inputs,
        (config.Run("x", ev.notebook, {"no_such_param": 1}, True, ev.name),),
        config_file="config/runs/bad.yaml",
    )
    with pytest.raises(
        config.ConfigError,
        match=r"bad.yaml: run 'x' sets unknown parameter\(s\) \['no_such_param'\]",
    ):
        params.check_evaluation(bad)


def test_unreadable_parameter_line_is_an_error(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('results_path = ""\nx = 1  # a = b (c)\ny = len("a")')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    p = tmp_path / "n.ipynb"
    nbformat.write(nb, p)
    with pytest.raises(config.ConfigError, match="not a literal"):
        params.declared(str(p))


def test_readme_maps_every_notebook():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in NOTEBOOKS if p.name not in readme]
    assert not missing, f"README's table of published tables → notebooks lacks {missing}"


#: the sections of a short paper every study page has, in this order (issue 15, point 1)
PAPER = ("Question", "Data", "Method", "Key findings", "Results", "Limitations",
         "What it means", "Reproducibility")


def _headings(nb) -> list[str]:
    """Level-2 headings of the authored Markdown cells: a heading that a code cell writes is
    shown by the site as a rubric, not a section, and never reaches its table of contents."""
    import re

    texts = [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    return [h.strip() for t in texts for h in re.findall(r"^## +(.+)$", t, re.M)]


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_study_page_has_the_shape_of_a_short_paper(nb_path):
    heads = _headings(nbformat.read(nb_path, as_version=4))
    found = [next((i for i, h in enumerate(heads) if h.startswith(s)), None) for s in PAPER]
    missing = [s for s, i in zip(PAPER, found, strict=True) if i is None]
    assert not missing, f"{nb_path.name} has no section {missing} (level-2 headings: {heads})"
    assert found == sorted(found), f"{nb_path.name}: sections out of order: {heads}"


def test_parameter_defaults_are_the_literals_of_the_parameters_cell():
    got = params.defaults("notebooks/gezinsregie_costs.ipynb")
    assert got["coordinator_cost_used"] == 8000 and got["rho_base"] == 0.6
    assert got["rho_grid"] == [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
