"""``make check-evaluation NAME=…``: the quick loop for one evaluation, without a cold build.

Checks, in order, and prints for each problem the command that fixes it:

1. config: ``config/runs/<name>.yaml`` is read and its parameters match the notebook;
2. README: the table of published tables names ``<name>.ipynb``;
3. data: every table of the study's ``data/raw`` folders validates against its dictionary, and
   every number is on its cited source line (:mod:`analysis.provenance`);
4. results: the notebook runs once (papermill, primary run), its results file meets the
   contract, and ``tests/results/test_<name>.py`` passes on those rows;
5. stored outputs: nbval over ``notebooks/<name>.ipynb`` (and the notebook's guard rules);
6. audit: when ``data/raw`` changed after the audit notebook's outputs were stored, a hint.

With ``REGEN=1`` the expected results file is rewritten and, before step 5, the outputs of
``notebooks/<name>.ipynb`` (and of the audit notebook when ``data/raw`` changed) are re-stored.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis import paths

STORE = "make notebooks NB=notebooks/{name}.ipynb"


def _rel(p: Path) -> str:
    return str(p.relative_to(paths.ROOT)) if p.is_relative_to(paths.ROOT) else str(p)


def check_config(name: str) -> list[str]:
    from analysis.pipeline import config, params

    try:
        evs = {e.name: e for e in config.evaluations()}
    except config.ConfigError as exc:
        return [f"{exc} → fix that file"]
    if name not in evs:
        return [
            f"no config/runs/{name}.yaml → "
            f"`make new-evaluation NAME={name} STUDY=… SOURCE=file:lines`"
        ]
    try:
        params.check_evaluation(evs[name])
    except config.ConfigError as exc:
        return [f"{exc} → fix config/runs/{name}.yaml or the notebook's `parameters` cell"]
    return []


def check_readme(name: str) -> list[str]:
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    if f"{name}.ipynb" in text:
        return []
    return [
        f"README.md's table of published tables does not name {name}.ipynb → add its row "
        "(`make new-evaluation` writes one)"
    ]


def study_tables(name: str) -> list[str]:
    """Tables of the ``data/raw`` folders the evaluation's config lists as inputs."""
    from analysis import rawdata
    from analysis.pipeline import config

    ev = next(e for e in config.evaluations() if e.name == name)
    folders = {paths.resolve(i).resolve() for i in ev.inputs}
    return sorted(
        t
        for t, e in rawdata.catalog().items()
        if e.path.parent.resolve() in folders or e.path.resolve() in folders
    )


def check_data(name: str) -> list[str]:
    from analysis import provenance, rawdata

    found = []
    for t in study_tables(name):
        try:
            rawdata.validate(t)
        except rawdata.DataValidationError as exc:
            found.append(f"{exc} → fix the CSV or its datapackage.json")
            continue
        found += [
            f"{p} → {provenance.FIX.replace('<notebook>', name)}" for p in provenance.problems(t)
        ]
    return found


def _pytest(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def check_results(name: str, tmp: Path) -> list[str]:
    from papermill.exceptions import PapermillExecutionError

    from analysis import results_schema
    from analysis.pipeline import config
    from analysis.pipeline.run_notebook import papermill_execute

    ev = next(e for e in config.evaluations() if e.name == name)
    run = ev.runs[0]
    out = tmp / f"{run.id}.csv"
    try:
        papermill_execute(paths.NOTEBOOKS / f"{name}.ipynb", tmp / f"{run.id}.ipynb",
                          {**run.parameters, "results_path": str(out)})
    except PapermillExecutionError as exc:
        return [
            f"notebooks/{name}.ipynb failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue} "
            f"→ fix the cell, then `{STORE.format(name=name)}`"
        ]
    if not out.is_file():
        return [f"notebooks/{name}.ipynb wrote no results → end it with `res.write(results_path)`"]
    try:
        results_schema.check_file(out)
    except ValueError as exc:
        return [f"{exc} → build rows only with analysis.results.Results"]
    test = paths.ROOT / "tests" / "results" / f"test_{name}.py"
    if not test.is_file():
        return [f"no {_rel(test)} → copy the stub `make new-evaluation` writes"]
    expected = ["tests/results/test_expected_files.py", "-k", name]
    regen = ["--regen-expected"] if os.environ.get("REGEN") else []
    r = _pytest(_rel(test), *expected, *regen, env={"ZORGPILOTS_RESULTS_DIR": str(tmp)})
    if r.returncode:
        tail = "\n".join(r.stdout.splitlines()[-15:])
        return [
            f"{_rel(test)} or the expected file fails on the rows just written ({out.name}):\n"
            f"{tail}\n→ fix the notebook or the hand-checked test; if the rows are right, "
            f"`make check-evaluation NAME={name} REGEN=1` rewrites "
            f"tests/results/expected/{name}.csv (review the diff)"
        ]
    return []


def check_outputs(name: str) -> list[str]:
    r = _pytest(
        "--nbval", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", f"notebooks/{name}.ipynb"
    )
    guard = _pytest("tests/test_notebooks.py", "-k", f"guardable and {name}")
    found = []
    if r.returncode:
        found.append(
            f"stored outputs of notebooks/{name}.ipynb are stale (nbval) → "
            f"`{STORE.format(name=name)}`"
        )
    if guard.returncode:
        found.append(
            f"notebooks/{name}.ipynb breaks a notebook rule (tagged parameters cell, "
            f"outputs in half the code cells, no errors or absolute paths) → "
            f"`{STORE.format(name=name)}`\n" + "\n".join(guard.stdout.splitlines()[-6:])
        )
    return found


def audit_hint() -> list[str]:
    """A hint (not a failure) when data/raw changed after the audit's outputs were stored."""

    def last(path: str) -> int:
        r = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", path],
            cwd=paths.ROOT,
            capture_output=True,
            text=True,
        )
        return int(r.stdout.strip() or 0)

    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "data/raw"],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    changed = dirty or last("data/raw") > last("notebooks/consistency_audit.ipynb")
    newest = max((f.stat().st_mtime for f in paths.RAW.rglob("*") if f.is_file()), default=0)
    audit_nb = paths.NOTEBOOKS / f"{AUDIT}.ipynb"
    restored = audit_nb.is_file() and audit_nb.stat().st_mtime > newest
    if changed and not restored:
        return [
            "data/raw changed after the audit notebook's outputs were stored → "
            "`make notebooks NB=notebooks/consistency_audit.ipynb` "
            "(or `make check-evaluation NAME=… REGEN=1`, which does it too)"
        ]
    return []


AUDIT = "consistency_audit"


def restore_outputs(name: str) -> list[str]:
    """Re-store the stored outputs of ``name`` (and of the audit when ``data/raw`` changed)."""
    from analysis.pipeline.store_outputs import store

    names = [name] + ([AUDIT] if name != AUDIT and audit_hint() else [])
    for n in names:
        print(f"     re-storing the outputs of notebooks/{n}.ipynb", flush=True)
        try:
            store(paths.NOTEBOOKS / f"{n}.ipynb")
        except Exception as exc:  # noqa: BLE001 - reported with the fixing command
            return [f"notebooks/{n}.ipynb failed while storing outputs: {exc} → fix the cell, "
                    f"then `{STORE.format(name=n)}`"]
    return []


def check(name: str) -> int:
    """Run every check on evaluation ``name``; print results; 0 when all pass."""
    failed = 0
    start = time.monotonic()
    regen = bool(os.environ.get("REGEN"))
    steps = [("config", lambda: check_config(name)), ("README", lambda: check_readme(name))]
    with tempfile.TemporaryDirectory() as tmp:
        steps += [
            ("data + provenance", lambda: check_data(name)),
            ("results", lambda: check_results(name, Path(tmp))),
            *([("re-store outputs", lambda: restore_outputs(name))] if regen else []),
            ("stored outputs", lambda: check_outputs(name)),
        ]
        for label, step in steps:
            found = step()
            print(f"{'ok  ' if not found else 'FAIL'} {label}", flush=True)
            for f in found:
                print(f"     {f}")
            failed += bool(found)
            if found and label == "config":
                break
    for hint in audit_hint():
        print(f"note {hint}")
    print(
        f"check-evaluation {name}: "
        f"{'all checks pass' if not failed else f'{failed} check(s) failed'}"
        f" ({time.monotonic() - start:.0f} s)"
    )
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: make check-evaluation NAME=<notebook name>", file=sys.stderr)
        return 2
    return check(argv[0])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
