"""Which files of ``src/analysis`` a notebook (or a generator) really depends on.

The pipeline reruns a notebook when one of these files changes, and not when an unrelated module
does: the notebook's code cells are parsed for ``analysis`` imports, and each imported module's
own imports are followed transitively (with :mod:`ast`, nothing is imported or run).
"""

from __future__ import annotations

import ast
import json
from functools import lru_cache
from pathlib import Path

from analysis import paths

PACKAGE = "analysis"
SRC = paths.ROOT / "src"


def module_file(module: str) -> Path | None:
    """``analysis.io`` → ``src/analysis/io.py`` (or the package's ``__init__.py``)."""
    base = SRC.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(tree: ast.AST, current: str | None = None) -> set[str]:
    """Modules of the package named by the import statements of ``tree``."""
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
            # `from analysis import io` names a submodule, not an attribute
            found |= {f"{mod}.{a.name}" for a in node.names if module_file(f"{mod}.{a.name}")}
    return found


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
        todo += list(_imports(ast.parse(path.read_text(encoding="utf-8")), current) - seen)
    return frozenset(seen)


def files_of(modules: frozenset[str]) -> list[str]:
    """Repository-relative paths of the modules' source files, sorted."""
    files = {module_file(m) for m in closure(modules)}
    return sorted(str(f.relative_to(paths.ROOT)) for f in files if f is not None)


def notebook_modules(notebook: str | Path) -> frozenset[str]:
    """The package modules a notebook's code cells import."""
    path = paths.resolve(notebook)
    return _notebook_modules(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=128)
def _notebook_modules(path: str, mtime_ns: int) -> frozenset[str]:
    # plain JSON, not nbformat: no schema validation needed to read the code cells
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    found: set[str] = set()
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        source = "\n".join(line for line in text.splitlines()
                           if not line.lstrip().startswith(("%", "!")))
        try:
            found |= _imports(ast.parse(source))
        except SyntaxError:
            continue
    return frozenset(found)


def notebook_sources(notebook: str | Path) -> list[str]:
    """Source files a notebook run depends on (its imports, transitively, and the runner)."""
    return files_of(notebook_modules(notebook) | {"analysis.pipeline.run_notebook"})


def generator_sources(generator: str) -> list[str]:
    """Source files a synthetic-data generator (``pkg.module:function``) depends on."""
    module = generator.partition(":")[0]
    return files_of(frozenset({module, "analysis.synth.__main__"}))
