"""Check configured parameters against the notebook's declared ones before anything runs.

The declared parameters come from ``papermill.inspect_notebook``; the ``parameters`` cell is also
parsed with :mod:`ast` so that a line papermill cannot read (and would silently ignore) is an error,
not a surprise.
"""

from __future__ import annotations

import ast
from functools import lru_cache

import nbformat
import papermill as pm

from analysis import paths
from analysis.pipeline.config import ConfigError, Evaluation, evaluations

REQUIRED = ("results_path",)


def _parameters_cell(notebook: str) -> str:
    nb = nbformat.read(paths.resolve(notebook), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            if "parameters" in cell.metadata.get("tags", []):
                return cell.source
            raise ConfigError(f"{notebook}: the first code cell is not tagged 'parameters'")
    raise ConfigError(f"{notebook}: no code cell")


@lru_cache(maxsize=64)
def declared(notebook: str, mtime: float = 0.0) -> dict[str, str]:
    """Declared parameters of ``notebook`` → their default source text."""
    source = _parameters_cell(notebook)
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ConfigError(f"{notebook}: parameters cell line {exc.lineno}: {exc.msg}") from exc
    assigned: list[str] = []
    for node in tree.body:
        if not (isinstance(node, ast.Assign | ast.AnnAssign)):
            raise ConfigError(
                f"{notebook}: parameters cell line {node.lineno}: only assignments allowed"
            )
        value = node.value
        try:
            ast.literal_eval(value)
        except (ValueError, TypeError) as exc:
            raise ConfigError(
                f"{notebook}: parameters cell line {node.lineno}: value is not a literal"
            ) from exc
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        assigned += [t.id for t in targets if isinstance(t, ast.Name)]
    inspected = pm.inspect_notebook(str(paths.resolve(notebook)))
    unreadable = [a for a in assigned if a not in inspected]
    if unreadable:
        raise ConfigError(
            f"{notebook}: papermill cannot read parameter(s) {unreadable} "
            "(avoid '=' and parentheses in their comments)"
        )
    missing = [r for r in REQUIRED if r not in inspected]
    if missing:
        raise ConfigError(f"{notebook}: the parameters cell must declare {missing}")
    return {k: v["default"] for k, v in inspected.items()}


def check_evaluation(ev: Evaluation) -> None:
    """Raise :class:`ConfigError` if a run sets a parameter its notebook does not declare."""
    nb_path = paths.resolve(ev.notebook)
    names = declared(ev.notebook, nb_path.stat().st_mtime)
    for run in ev.runs:
        unknown = sorted(set(run.parameters) - set(names))
        if unknown:
            raise ConfigError(
                f"{ev.config_file}: run {run.id!r} sets unknown parameter(s) {unknown}; "
                f"{ev.notebook} declares {sorted(names)}"
            )


def check_all() -> None:
    """Check every evaluation of the configuration; the first problem raises."""
    for ev in evaluations():
        check_evaluation(ev)


if __name__ == "__main__":
    check_all()
    print("parameters: all runs match their notebooks")
