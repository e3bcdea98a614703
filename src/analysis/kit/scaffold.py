"""``make new-evaluation NAME=… STUDY=… SOURCE=file:lines``: the files of a new evaluation.

Creates (never overwrites) ``data/raw/<study>/`` (``datapackage.json`` with provenance and an
empty ``structure``, a ``text_values.csv`` with the header only), ``notebooks/<name>.ipynb`` (the
page sections, with outputs stored), ``config/runs/<name>.yaml``, ``tests/results/test_<name>.py``
and the README row. Then: transcribe, compute, ``make check-evaluation NAME=<name>``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import nbformat

from analysis import paths

NAME = re.compile(r"^[a-z][a-z0-9_]*$")
TEXT_FIELDS = [
    {
        "name": "key",
        "type": "string",
        "description": "Stable English key",
        "constraints": {"required": True, "unique": True},
    },
    {"name": "statement_nl", "type": "string", "description": "Short verbatim Dutch snippet"},
    {"name": "quantity_en", "type": "string", "description": "What the number is (English)"},
    {
        "name": "value",
        "type": "number",
        "description": "Printed value (Dutch decimal comma converted)",
    },
    {"name": "unit", "type": "string", "description": "Unit"},
    {
        "name": "decimals",
        "type": "integer",
        "description": "Digits printed after the decimal point",
    },
    {
        "name": "line",
        "type": "integer",
        "description": "Line in the source file",
        "constraints": {"required": True},
    },
]
SECTIONS = [
    ("Question", "What the source evaluated, where (title, section), and what this page adds."),
    ("Data and provenance", "The numbers as transcribed, each with its source line."),
    ("Method", "How each published number is recomputed, and what is added; internal "
     "consistency (sums, restatements) is declared in the table's `structure`: the audit's."),
    ("Key findings", "Three to seven plain sentences, numbers from variables through `fmt` "
     "(`md(f'…')`), no statistic on synthetic data."),
    ("Results", "One `###` subsection per table or analysis: tables through `show_table` or "
     "`show_results`, figures through `show_figure`."),
    ("Limitations", "What the source does not allow."),
    ("What it means for the pilot's claim", "The report's conclusion in the light of the results."),
    ("Reproducibility", "The results rows by status, the mismatches with their arithmetic, the "
     "colophon."),
]
IMPORTS = """from analysis import rawdata
from analysis.notebook import colophon, md, setup, show_reproducibility, show_results
from analysis.report import numbers as fmt  # noqa: F401 - for the key findings
from analysis.report.tables import Col, show_table
from analysis.results import Results

setup()
res = Results(study="{study}")
PARAMETERS = {{}}"""
DATA = """tv = rawdata.load("{prefix}_text_values")
show_table(tv, {{"statement_nl": "As printed (Dutch)", "quantity_en": "Quantity",
                "value": Col("Value", "number", 1, unit=""), "unit": "Unit",
                "line": Col("Source line", "id", unit="")}},
           caption=tv.attrs["title"], source=tv.attrs["source"])"""
FINDINGS = 'md("- TODO the first finding, its numbers from the results rows.")'
RESULTS_MD = "### TODO the first table or analysis\n\n*What it compares, in one sentence.*"
RESULTS = """# res.compare_table(id, quantity, unit, table, column, reproduced, key=...)
show_results(res.frame(), "TODO caption", note=True)"""
REPRO = "res.write(results_path)\nshow_reproducibility(res.frame())\ncolophon(PARAMETERS)"


class ScaffoldError(ValueError):
    """The kit cannot scaffold; the message says what to change."""


def parse_source(source: str) -> tuple[str, str]:
    """``"004_f014f4dd1ed6983f.txt:3500-3560"`` → (file, "3500-3560")."""
    m = re.fullmatch(r"([^:]+):(\d+(?:-\d+)?)", source.strip())
    if not m:
        raise ScaffoldError(
            f"SOURCE={source!r}: expected file:lines, e.g. "
            "SOURCE=004_f014f4dd1ed6983f.txt:3500-3560"
        )
    return m.group(1), m.group(2)


def datapackage(study: str, prefix: str, file: str, lines: str) -> dict:
    return {
        "name": study,
        "title": f"TODO title of the source section ({study})",
        "description": f"Numbers transcribed from {file}, lines {lines}.",
        "licenses": [
            {"name": "CC-BY-4.0", "title": "Transcription: Creative Commons Attribution 4.0"}
        ],
        "resources": [
            {
                "name": f"{prefix}_text_values",
                "path": "text_values.csv",
                "title": "TODO Dutch title of the section",
                "description": "In-text numbers (English).",
                "sources": [{"title": file, "path": f"TODO section, lines {lines}"}],
                "schema": {"fields": TEXT_FIELDS, "primaryKey": ["key"]},
                "structure": {},
            }
        ],
    }


def notebook(name: str, study: str, prefix: str, file: str, lines: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        'results_path = ""  # set by the pipeline; empty: write nothing'
    )
    params.metadata["tags"] = ["parameters"]
    cells = [
        nbformat.v4.new_markdown_cell(
            f"# TODO title\n\nSource: TODO title of the report, section "
            f"(file `{file}`, lines {lines})."
        ),
        params,
        nbformat.v4.new_code_cell(IMPORTS.format(study=study)),
    ]
    for title, hint in SECTIONS:
        cells.append(nbformat.v4.new_markdown_cell(f"## {title}\n\n*{hint}*"))
        code = {"Data and provenance": DATA.format(prefix=prefix), "Key findings": FINDINGS,
                "Results": RESULTS, "Reproducibility": REPRO}.get(title)
        if title == "Results":
            cells.append(nbformat.v4.new_markdown_cell(RESULTS_MD))
        if code:
            cells.append(nbformat.v4.new_code_cell(code))
    nb.cells = cells
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def run_config(name: str, study: str, file: str, lines: str) -> str:
    return (
        f"notebook: notebooks/{name}.ipynb\ntitle: TODO title for the index\nstudy: {study}\n"
        f'source: "{file}, TODO section, lines {lines}"\n'
        "summary: >-\n  TODO one paragraph for the index page.\n"
        f"inputs:\n  - data/raw/{study}\nruns:\n  - id: {name}\n    parameters: {{}}\n"
    )


def results_test(name: str) -> str:
    return f'''"""Results rows of notebooks/{name}.ipynb: every row against its expected file
(tests/results/expected/{name}.csv; `make check-evaluation NAME={name} REGEN=1` or
`make regen-expected`), and rows checked by hand.
"""

NB = "{name}"


def test_hand_checked(rows):
    # restate the key rows from the source, e.g.
    # assert rows.loc["x_total", "reproduced"] == 1 + 3 + 41 + 1
    assert rows.index.is_unique
'''


# the expected file of an evaluation with no rows yet (tests/results/expected.py)
EXPECTED_HEADER = "id,status,reproduced\n"


README_ANCHOR = "| every transcribed table |"


def readme_row(name: str, file: str, lines: str) -> str:
    return f"| {file[:3]} TODO section (lines {lines}) | TODO tables / numbers | `{name}.ipynb` |\n"


def scaffold(
    name: str,
    study: str,
    source: str,
    prefix: str = "",
    root: Path | None = None,
    store: bool = True,
) -> list[Path]:
    """Create the files of a new evaluation under ``root``; return the paths written."""
    root = root or paths.ROOT
    for what, value in (("NAME", name), ("STUDY", study)):
        if not NAME.match(value):
            raise ScaffoldError(f"{what}={value!r}: use lower case letters, digits and _")
    file, lines = parse_source(source)
    if paths.SEEDS.is_dir() and not (paths.SEEDS / file).is_file():
        raise ScaffoldError(f"SOURCE={source!r}: no file {file} in {paths.SEEDS}")
    prefix = prefix or study
    nb_path = root / "notebooks" / f"{name}.ipynb"
    targets = {
        nb_path,
        root / "config" / "runs" / f"{name}.yaml",
        root / "tests" / "results" / f"test_{name}.py",
    }
    exists = sorted(str(p.relative_to(root)) for p in targets if p.exists())
    if exists:
        raise ScaffoldError(f"{exists} already exist: choose another NAME or remove them")
    written = []
    data = root / "data" / "raw" / study
    if not data.exists():  # an existing study keeps its dictionary; add tables there
        data.mkdir(parents=True)
        dp = datapackage(study, prefix, file, lines)
        (data / "datapackage.json").write_text(
            json.dumps(dp, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (data / "text_values.csv").write_text(
            ",".join(f["name"] for f in TEXT_FIELDS) + "\n", encoding="utf-8"
        )
        written += [data / "datapackage.json", data / "text_values.csv"]
    nbformat.write(notebook(name, study, prefix, file, lines), nb_path)
    (root / "config" / "runs" / f"{name}.yaml").write_text(
        run_config(name, study, file, lines), encoding="utf-8"
    )
    (root / "tests" / "results" / "expected" / f"{name}.csv").write_text(
        EXPECTED_HEADER, encoding="utf-8")
    (root / "tests" / "results" / f"test_{name}.py").write_text(
        results_test(name), encoding="utf-8"
    )
    written += sorted(targets)
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    if f"`{name}.ipynb`" not in text and README_ANCHOR in text:
        readme.write_text(
            text.replace(README_ANCHOR, readme_row(name, file, lines) + README_ANCHOR, 1),
            encoding="utf-8",
        )
        written.append(readme)
    if store:
        from analysis.pipeline.store_outputs import store as store_outputs

        store_outputs(nb_path)
    return written


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="make new-evaluation", description=__doc__)
    ap.add_argument("--name", required=True)
    ap.add_argument("--study", required=True)
    ap.add_argument(
        "--source", required=True, help="file:lines, e.g. 004_f014f4dd1ed6983f.txt:3500-3560"
    )
    ap.add_argument("--prefix", default="", help="table-name prefix (default: the study)")
    a = ap.parse_args(argv)
    try:
        written = scaffold(a.name, a.study, a.source, a.prefix)
    except ScaffoldError as exc:
        print(f"new-evaluation: {exc}", file=sys.stderr)
        return 2
    for p in written:
        print(f"  wrote {p.relative_to(paths.ROOT)}")
    print(
        f"next: transcribe into data/raw/{a.study}/, compute in notebooks/{a.name}.ipynb, then "
        f"`make check-evaluation NAME={a.name}`"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
