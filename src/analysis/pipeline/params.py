"""Check configured parameters against the notebook's declared ones before a run executes.

    python -m analysis.pipeline.params CONFIG_FILE OUTPUT

The ``parameters`` cell is parsed with :mod:`ast` (:func:`assigned`): only assignments of literals,
``results_path`` among them, and a run may set only names the cell assigns. The pipeline runs this
check as a rule (``check_parameters`` in workflow/Snakefile) whose inputs are the notebook and its
run file, so Snakemake reruns it only when one of them changed; its output (the declared
parameters, JSON) is an input of every run of the notebook.

:func:`declared` adds papermill's own reading of the cell (``papermill.inspect_notebook``): a line
papermill cannot read would be silently ignored by it, so it is an error. That needs papermill
(0.3 s to import), which the notebook runner has loaded anyway: it calls :func:`declared` before
it executes (:mod:`analysis.pipeline.run_notebook`), and ``make check-evaluation`` calls it too.
"""

from __future__ import annotations

import ast
import json
import sys
from functools import lru_cache
from pathlib import Path

from analysis import paths
from analysis.outfiles import write_atomic
from analysis.pipeline.config import ConfigError, Evaluation, evaluations

REQUIRED = ("results_path",)


def parameters_cell(notebook: str) -> str:
    """The source of the notebook's ``parameters`` cell (its first code cell, tagged so). Read
    once per version of the file (the site asks for each scenario's notebook several times)."""
    path = paths.resolve(notebook)
    stat = path.stat()
    return _parameters_cell(notebook, str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=128)
def _parameters_cell(notebook: str, path: str, mtime_ns: int, size: int) -> str:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            if "parameters" in cell.metadata.get("tags", []):
                return cell.source
            raise ConfigError(f"{notebook}: the first code cell is not tagged 'parameters'")
    raise ConfigError(f"{notebook}: no code cell")


def defaults(notebook: str) -> dict[str, object]:
    """Each parameter's default value: the literal its ``parameters`` cell assigns (names the
    cell assigns something other than a literal are left out; :func:`declared` rejects them)."""
    out: dict[str, object] = {}
    for node in ast.parse(parameters_cell(notebook)).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            try:
                out[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return out


def assigned(notebook: str) -> dict[str, str]:
    """Names the ``parameters`` cell assigns → the source text of their literal values;
    :class:`ConfigError` for a statement that is not an assignment of a literal, or without
    ``results_path``."""
    source = parameters_cell(notebook)
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ConfigError(f"{notebook}: parameters cell line {exc.lineno}: {exc.msg}") from exc
    out: dict[str, str] = {}
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
        for t in targets:
            if isinstance(t, ast.Name):
                out[t.id] = ast.get_source_segment(source, value) or ""
    missing = [r for r in REQUIRED if r not in out]
    if missing:
        raise ConfigError(f"{notebook}: the parameters cell must declare {missing}")
    return out


def declared(notebook: str) -> dict[str, str]:
    """Declared parameters of ``notebook`` → their default source text, as papermill reads them:
    :func:`assigned`, and :class:`ConfigError` if papermill cannot read one of its names."""
    names = assigned(notebook)
    import papermill as pm

    inspected = pm.inspect_notebook(str(paths.resolve(notebook)))
    unreadable = [a for a in names if a not in inspected]
    if unreadable:
        raise ConfigError(
            f"{notebook}: papermill cannot read parameter(s) {unreadable} "
            "(avoid '=' and parentheses in their comments)"
        )
    return {k: v["default"] for k, v in inspected.items()}


def check_evaluation(ev: Evaluation, papermill: bool = True) -> dict[str, str]:
    """The notebook's declared parameters (:func:`declared`, or :func:`assigned` with
    ``papermill=False``); :class:`ConfigError` if a run sets one it does not declare."""
    names = declared(ev.notebook) if papermill else assigned(ev.notebook)
    for run in ev.runs:
        unknown = sorted(set(run.parameters) - set(names))
        if unknown:
            raise ConfigError(
                f"{ev.config_file}: run {run.id!r} sets unknown parameter(s) {unknown}; "
                f"{ev.notebook} declares {sorted(names)}"
            )
    return names


def check_all() -> None:
    """Check every evaluation of the configuration; the first problem raises."""
    for ev in evaluations():
        check_evaluation(ev)


def main(argv: list[str]) -> int:
    """Check the evaluation of one run file and write its notebook's declared parameters."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    config_file, output = (paths.resolve(a) for a in argv)
    matching = [ev for ev in evaluations() if paths.resolve(ev.config_file) == config_file]
    if not matching:
        print(f"{argv[0]}: not a run file of the pipeline", file=sys.stderr)
        return 2
    try:
        names = check_evaluation(matching[0], papermill=False)  # the runner asks papermill
    except ConfigError as exc:
        print(f"parameter check failed: {exc}", file=sys.stderr)
        return 1
    write_atomic(Path(output), json.dumps(names, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
