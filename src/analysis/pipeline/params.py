"""Check configured parameters against the notebook's declared ones before anything runs.

The declared parameters come from ``papermill.inspect_notebook``; the ``parameters`` cell is also
parsed with :mod:`ast` so that a line papermill cannot read (and would silently ignore) is an error,
not a surprise.

Snakemake parses the Snakefile (and so runs :func:`check_all`) on every invocation, a no-op
included, so the declared parameters are cached in ``.build/notebook-parameters.json``, keyed by
the SHA-256 of what inference and the check read (:func:`parameters_key`: the parameters cell,
the first cell tagged ``parameters``, the kernel's language; the notebook is read with
:mod:`json`). Papermill and nbformat are imported only when one of these changed, not when any
other cell was edited, added or removed.
"""

from __future__ import annotations

import ast
import hashlib
import json
from functools import lru_cache

from analysis import paths
from analysis.pipeline import disk_cache
from analysis.pipeline.config import ConfigError, Evaluation, evaluations

REQUIRED = ("results_path",)
CACHE = "notebook-parameters"
CACHE_VERSION = 4


def _parameters_cell(notebook: str) -> str:
    import nbformat

    nb = nbformat.read(paths.resolve(notebook), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            if "parameters" in cell.metadata.get("tags", []):
                return cell.source
            raise ConfigError(f"{notebook}: the first code cell is not tagged 'parameters'")
    raise ConfigError(f"{notebook}: no code cell")


def declared(notebook: str) -> dict[str, str]:
    """Declared parameters of ``notebook`` → their default source text (read afresh each call;
    :func:`declared_cached` remembers them on disk)."""
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
    import papermill as pm

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


@lru_cache(maxsize=1)
def papermill_version() -> str:
    from importlib.metadata import version

    return version("papermill")


def parameters_key(notebook: str) -> str:
    """SHA-256 of everything parameter inference and the check depend on, read with :mod:`json`
    so that nothing heavy is imported: papermill's version, the kernel and its language, the first
    code cell (this module requires it to be the parameters cell) and the first cell tagged
    ``parameters`` (papermill uses that one, of any type), each with its type, tags and source.
    Other cells can be edited, added or removed without a new inference. A notebook that is not
    JSON gets a key of its whole text, and :func:`declared` names the problem."""
    def described(cell: dict) -> list:
        return [cell.get("cell_type"), cell.get("metadata", {}).get("tags", []),
                cell.get("source")]

    text = paths.resolve(notebook).read_bytes()
    try:
        nb = json.loads(text)
        cells = nb["cells"]  # nbformat 4; older formats are keyed by their whole text
        first_code = next((c for c in cells if c.get("cell_type") == "code"), {})
        tagged = next((c for c in cells
                       if "parameters" in c.get("metadata", {}).get("tags", [])), {})
        meta = nb.get("metadata", {})
        relevant = [papermill_version(), meta.get("kernelspec"),
                    meta.get("language_info", {}).get("name"),
                    described(first_code), described(tagged)]
    except (ValueError, AttributeError, TypeError, KeyError):
        return hashlib.sha256(text).hexdigest()
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()


def declared_cached(notebook: str) -> dict[str, str]:
    """:func:`declared`, remembered on disk per parameters cell (:func:`parameters_key`)."""
    cache = disk_cache.Cache(CACHE, CACHE_VERSION)
    names = cache.get(notebook, parameters_key(notebook), lambda: declared(notebook))
    cache.save()
    return names


def check_evaluation(ev: Evaluation) -> None:
    """Raise :class:`ConfigError` if a run sets a parameter its notebook does not declare."""
    names = declared_cached(ev.notebook)
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
