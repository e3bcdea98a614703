"""Which files of ``src/analysis`` a notebook (or a generator) really depends on.

The pipeline reruns a notebook when one of these files changes, and not when an unrelated module
does: the notebook's code cells are parsed for ``analysis`` imports, and each imported module's
own imports are followed transitively (with :mod:`ast`, nothing is imported or run), each file
parsed once per process.
"""

from __future__ import annotations

import ast
import json
from functools import cache, lru_cache
from pathlib import Path

from analysis import paths

PACKAGE = "analysis"
SRC = paths.ROOT / "src"


def module_file(module: str) -> Path | None:
    """``analysis.rawdata`` → ``src/analysis/rawdata.py`` (or the package's ``__init__.py``)."""
    base = SRC.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(tree: ast.AST, current: str | None = None) -> set[str]:
    """Modules of the package that the import statements of ``tree`` may name.

    ``from analysis import rawdata`` names the submodule ``analysis.rawdata`` or an attribute of
    ``analysis``; both candidates are kept, and :func:`closure` keeps those that are files.
    """
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == PACKAGE}
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level and current:
                parts = current.split(".")[: -node.level]
                mod = ".".join([*parts, mod] if mod else parts)
            if mod.split(".")[0] != PACKAGE:
                continue
            found.add(mod)
            found |= {f"{mod}.{a.name}" for a in node.names if a.name != "*"}
    return found


@cache
def _cached_imports(path: Path, current: str | None, mtime_ns: int) -> frozenset[str]:
    """Candidate imports of a module (``current`` set) or of a notebook, remembered in this
    process while the file is unchanged."""
    if path.suffix == ".ipynb":
        return frozenset(_parse_notebook(path))
    return frozenset(_parse_module(path, current))


def _imports_of(path: Path, current: str | None = None) -> frozenset[str]:
    return _cached_imports(path, current, path.stat().st_mtime_ns)


def import_statements(text: str) -> list[str]:
    """The import statements of ``text`` (each dedented, parenthesised ones joined): only these
    lines are parsed, which keeps tracing every notebook on each Snakemake call fast."""
    statements: list[str] = []
    lines = iter(text.splitlines())
    for line in lines:
        stripped = line.strip()
        if not stripped.startswith(("import ", "from ")):
            continue
        statement = stripped
        while statement.endswith("\\") or statement.count("(") > statement.count(")"):
            more = next(lines, None)
            if more is None:
                break
            statement = statement.rstrip("\\") + " " + more.strip()
        statements.append(statement)
    return statements


def _parse(text: str, current: str | None) -> set[str]:
    found: set[str] = set()
    for statement in import_statements(text):
        try:
            found |= _imports(ast.parse(statement), current)
        except SyntaxError:  # a docstring line that starts with "from" or "import"
            continue
    return found


def _parse_module(path: Path, current: str | None) -> set[str]:
    return _parse(path.read_text(encoding="utf-8"), current)


def _parse_notebook(path: Path) -> set[str]:
    # plain JSON, not nbformat: no schema validation needed to read the code cells
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = ("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in cells if c["cell_type"] == "code")
    return _parse("\n".join(code), None)


@lru_cache(maxsize=256)
def closure(modules: frozenset[str]) -> frozenset[str]:
    """The modules and everything they import from the package, transitively (with parents)."""
    todo, seen = list(modules), set()
    while todo:
        mod = todo.pop()
        if mod in seen or module_file(mod) is None:
            continue
        seen.add(mod)
        parts = mod.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # parent __init__ files
        path = module_file(mod)
        current = mod if path.name == "__init__.py" else ".".join(parts[:-1]) + ".x"
        todo += list(_imports_of(path, current) - seen)
    return frozenset(seen)


def files_of(modules: frozenset[str]) -> list[str]:
    """Repository-relative paths of the modules' source files, sorted."""
    files = {module_file(m) for m in closure(modules)}
    return sorted(str(f.relative_to(paths.ROOT)) for f in files if f is not None)


def notebook_modules(notebook: str | Path) -> frozenset[str]:
    """The package modules a notebook's code cells import (those that are files)."""
    path = paths.resolve(notebook)
    found = _imports_of(path)
    return frozenset(m for m in found if module_file(m) is not None)


def notebook_sources(notebook: str | Path) -> list[str]:
    """Source files a notebook run depends on (its imports, transitively, and the runner)."""
    return files_of(notebook_modules(notebook) | {"analysis.pipeline.run_notebook"})


def generator_sources(generator: str) -> list[str]:
    """Source files a synthetic-data generator (``pkg.module:function``) depends on."""
    module = generator.partition(":")[0]
    return files_of(frozenset({module, "analysis.synth.__main__"}))
