"""Which files of ``src/analysis`` a notebook (or a generator) really depends on.

The pipeline reruns a notebook when one of these files changes, and not when an unrelated module
does: the notebook's code cells are parsed for ``analysis`` imports, and each imported module's
own imports are followed transitively (with :mod:`ast`, nothing is imported or run). What each
file imports is cached in ``.build/module-imports.json`` by the file's SHA-256.
"""

from __future__ import annotations

import ast
import json
from functools import lru_cache
from pathlib import Path

from analysis import paths
from analysis.pipeline import disk_cache

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
    """Modules of the package that the import statements of ``tree`` may name.

    ``from analysis import io`` names the submodule ``analysis.io`` or an attribute of
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


IMPORTS_CACHE, IMPORTS_CACHE_VERSION = "module-imports", 2
_CACHE: disk_cache.Cache | None = None


def _cache() -> disk_cache.Cache:
    """Each file's candidate imports, remembered on disk by the file's SHA-256 (and the module
    name its relative imports resolve against). Snakemake parses the Snakefile, and so traces every
    notebook's imports, on every invocation; parsing each module with :mod:`ast` each time cost
    about 0.6 s of a no-op."""
    global _CACHE
    if _CACHE is None:
        _CACHE = disk_cache.Cache(IMPORTS_CACHE, IMPORTS_CACHE_VERSION)
    return _CACHE


def _cached_imports(path: Path, current: str | None, parse) -> frozenset[str]:
    key = str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)
    fingerprint = f"{disk_cache.sha256(path)} {current}"
    return frozenset(_cache().get(key, fingerprint, lambda: sorted(parse(path, current))))


def _parse_module(path: Path, current: str | None) -> set[str]:
    return _imports(ast.parse(path.read_text(encoding="utf-8")), current)


def _parse_notebook(path: Path, current: str | None = None) -> set[str]:
    # plain JSON, not nbformat: no schema validation needed to read the code cells
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
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
        todo += list(_cached_imports(path, current, _parse_module) - seen)
    _cache().save()
    return frozenset(seen)


def files_of(modules: frozenset[str]) -> list[str]:
    """Repository-relative paths of the modules' source files, sorted."""
    files = {module_file(m) for m in closure(modules)}
    return sorted(str(f.relative_to(paths.ROOT)) for f in files if f is not None)


def notebook_modules(notebook: str | Path) -> frozenset[str]:
    """The package modules a notebook's code cells import (those that are files)."""
    path = paths.resolve(notebook)
    found = _cached_imports(path, None, _parse_notebook)
    _cache().save()
    return frozenset(m for m in found if module_file(m) is not None)


def notebook_sources(notebook: str | Path) -> list[str]:
    """Source files a notebook run depends on (its imports, transitively, and the runner)."""
    return files_of(notebook_modules(notebook) | {"analysis.pipeline.run_notebook"})


def generator_sources(generator: str) -> list[str]:
    """Source files a synthetic-data generator (``pkg.module:function``) depends on."""
    module = generator.partition(":")[0]
    return files_of(frozenset({module, "analysis.synth.__main__"}))
