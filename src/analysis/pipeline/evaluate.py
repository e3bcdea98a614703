"""Run one evaluation on the user's own file: ``make evaluate NB=… INPUT=… [MAPPING=…]``.

Usage: ``python -m analysis.pipeline.evaluate NOTEBOOK INPUT [MAPPING]``.

The notebook runs with papermill on ``INPUT`` (its file parameter, see :data:`ENTRY_POINTS`),
marked as real data (its synthetic flag off, so every row built from the file gets
``basis="real"``), with small-count suppression on (``min_cell_count`` at least the CBS threshold
of :data:`analysis.privacy.DEFAULT_THRESHOLD`), and with the column and code ``MAPPING`` if given.
Everything it writes goes to ``data/private/reports/<notebook>/`` (git-ignored, like all of
``data/private``): ``executed.ipynb``, ``results.csv``, ``report.html`` (code hidden),
``report-code.html`` and ``headline.png``. Nothing is written to ``reports/``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import papermill as pm
from papermill.exceptions import PapermillExecutionError

from analysis import paths, privacy, rawdata, results_schema
from analysis.pipeline import render
from analysis.pipeline.run_notebook import describe_cell, papermill_execute

OUT = paths.PRIVATE / "reports"


@dataclass(frozen=True)
class EntryPoint:
    """The parameters through which a notebook takes a user's data."""

    input: str
    synthetic_flag: str | None = None
    mapping: str = "mapping_path"
    #: False: ``input`` takes a table name of the data dictionary or a file path
    is_file: bool = True


ENTRY_POINTS = {
    "ycnd_bmi": EntryPoint("input_path", "synthetic"),
    "prepost_questionnaires": EntryPoint("input_path", "synthetic_input"),
    "registration_format": EntryPoint("input_path", "synthetic"),
    "poh_jeugd_referrals": EntryPoint("series_path", "series_synthetic"),
    "gezinsregie_costs": EntryPoint("input_table", is_file=False),
}


class EvaluateError(ValueError):
    """The call cannot run; the message says which argument and why."""


def plan(notebook: str, input_: str, mapping: str = "") -> tuple[Path, dict, Path]:
    """(notebook path, papermill parameters, output folder); raises :class:`EvaluateError`."""
    name = Path(notebook).stem
    if name not in ENTRY_POINTS:
        raise EvaluateError(f"NB={notebook!r}: no individual-level entry point; use one of "
                            f"{sorted(ENTRY_POINTS)}")
    nb_path = paths.NOTEBOOKS / f"{name}.ipynb"
    entry = ENTRY_POINTS[name]
    if not input_:
        raise EvaluateError(f"INPUT is empty: give the file {name} should read ({entry.input})")
    params: dict[str, object] = {}
    if not entry.is_file and input_ in rawdata.catalog():
        params[entry.input] = input_  # a data dictionary table name
    else:
        # a path is the user's: relative to where they run the command, not to the repository
        data = Path(input_).expanduser().resolve()
        if not data.is_file():
            raise EvaluateError(f"INPUT={input_!r}: no such file" + (
                "" if entry.is_file else " (nor a table of the data dictionary)"))
        params[entry.input] = str(data)
    if mapping:
        m = Path(mapping).expanduser().resolve()
        if not m.is_file():
            raise EvaluateError(f"MAPPING={mapping!r}: no such file")
        params[entry.mapping] = str(m)
    declared = pm.inspect_notebook(str(nb_path))
    if entry.synthetic_flag:
        params[entry.synthetic_flag] = False
    if "min_cell_count" in declared:
        default = declared["min_cell_count"].get("default")
        try:
            threshold = max(int(str(default)), privacy.DEFAULT_THRESHOLD)
        except ValueError:
            threshold = privacy.DEFAULT_THRESHOLD
        params["min_cell_count"] = threshold
    unknown = [p for p in params if p not in declared]
    if unknown:
        raise EvaluateError(f"{nb_path.name} does not declare parameter(s) {unknown}")
    return nb_path, params, OUT / name


def evaluate(notebook: str, input_: str, mapping: str = "") -> int:
    """Run, check the results contract, render; print where the page is. 0 on success."""
    try:
        nb_path, params, outdir = plan(notebook, input_, mapping)
    except EvaluateError as exc:
        print(f"make evaluate: {exc}", file=sys.stderr)
        return 2
    outdir.mkdir(parents=True, exist_ok=True)
    executed, results_csv = outdir / "executed.ipynb", outdir / "results.csv"
    results_csv.unlink(missing_ok=True)
    threshold = params.get("min_cell_count")
    privacy_note = (f"counts below {threshold} suppressed" if threshold is not None else
                    "the notebook has no small-count suppression: keep its page private")
    print(f"running {nb_path.name} on {input_} (real data; {privacy_note}) ...")
    try:
        papermill_execute(nb_path, executed, {**params, "results_path": str(results_csv)})
    except PapermillExecutionError as exc:
        print(f"make evaluate: {nb_path.name} stopped in {describe_cell(executed, exc)}:\n"
              f"  {exc.ename}: {exc.evalue}\n  the notebook with the message: {executed}",
              file=sys.stderr)
        return 1
    results_schema.check_file(results_csv)
    render.render(executed, outdir)
    bases = _bases(results_csv)
    print(f"page:    {outdir / 'report.html'}\nresults: {results_csv} "
          f"({', '.join(f'{n} {b}' for b, n in sorted(bases.items()))})")
    if bases.get("synthetic"):
        print(f"note: {bases['synthetic']} row(s) still say basis 'synthetic': the notebook does "
              "not mark its rows from the synthetic flag", file=sys.stderr)
    return 0


def _bases(results_csv: Path) -> dict[str, int]:
    import csv

    counts: dict[str, int] = {}
    with results_csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            counts[row["basis"]] = counts.get(row["basis"], 0) + 1
    return counts


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    return evaluate(argv[0], argv[1], argv[2] if len(argv) == 3 else "")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
