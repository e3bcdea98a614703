"""The pieces that keep rebuilds fast and retries automatic: the import tracing, the parameter
check as a rule, the retry counter and the local Snakemake profile."""

from __future__ import annotations

import ast
import json

import nbformat
import pytest
import yaml

from analysis import paths
from analysis.pipeline import config, deps, params, reproduce, retry


def test_import_statements_are_found_whole():
    text = ('"""Doc.\n\nfrom the source import nothing\n"""\nimport os\n'
            "from analysis import (\n    costs,\n    rtm,\n)\n"
            "def f():\n    from analysis.pareto import frontier  # inside a function\n"
            "x = 1  # import analysis.growth\n")
    assert deps.import_statements(text) == [
        "from the source import nothing", "import os", "from analysis import ( costs, rtm, )",
        "from analysis.pareto import frontier  # inside a function"]
    assert deps._parse(text, None) == {"analysis", "analysis.costs", "analysis.rtm",
                                       "analysis.pareto", "analysis.pareto.frontier"}


def test_tracing_only_import_lines_finds_what_a_full_parse_finds():
    # never fewer imports than a full parse (a missed one would skip a needed rerun); more only
    # where a string holds import lines (the kit's notebook template), which reruns more, safely
    extra_allowed = {paths.ROOT / "src/analysis/kit/scaffold.py"}
    for path in sorted((paths.ROOT / "src/analysis").rglob("*.py")):
        parts = path.relative_to(paths.ROOT / "src").with_suffix("").parts
        current = ".".join(parts) if path.name == "__init__.py" else ".".join(parts[:-1]) + ".x"
        full = deps._imports(ast.parse(path.read_text(encoding="utf-8")), current)
        traced = deps._parse_module(path, current)
        if path in extra_allowed:
            assert full < traced, path
        else:
            assert traced == full, path


def test_a_notebooks_sources_follow_its_imports():
    sources = deps.notebook_sources("notebooks/gezinsregie_pareto.ipynb")
    assert "src/analysis/pareto.py" in sources
    assert "src/analysis/pipeline/run_notebook.py" in sources
    assert "src/analysis/growth.py" not in sources


def test_snakemake_exit_code_is_returned(capfd):
    assert reproduce.run_snakemake(["--version"]) == 0
    assert capfd.readouterr().out.strip()[0].isdigit()  # Snakemake printed its version
    assert reproduce.run_snakemake(["--no-such-option"]) != 0


def test_local_profile_holds_the_scheduler_options():
    profile = yaml.safe_load((paths.CONFIG / "profiles/local/config.yaml").read_text())
    assert profile == {"keep-going": True, "rerun-incomplete": True, "scheduler": "greedy",
                       "quiet": ["rules", "host"]}
    makefile = (paths.ROOT / "Makefile").read_text()
    assert "--profile config/profiles/local" in makefile


def test_every_pipeline_setting_is_read():
    assert config.settings() == {"runs_dir": "config/runs", "build_dir": ".build",
                                 "kernel": "python3"}
    assert config.build_dir() == paths.ROOT / ".build"


@pytest.fixture
def build_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(retry, "build_dir", lambda: tmp_path)
    return tmp_path


def test_a_failed_run_gets_a_new_retry_counter_each_call(build_dir, monkeypatch):
    failed = ["a"]
    monkeypatch.setattr(retry, "failed_runs", lambda: failed)
    assert retry.attempt("a") == 0
    assert retry.mark_failed_for_retry() == ["a"]
    assert retry.attempt("a") == 1
    retry.mark_failed_for_retry()
    assert retry.attempt("a") == 2 and retry.attempt("b") == 0
    failed.clear()  # it succeeded: the counter stays as Snakemake recorded it
    retry.mark_failed_for_retry()
    assert retry.attempt("a") == 2


def write_notebook(path, source: str) -> None:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": {
        "name": "python3", "language": "python", "display_name": "Python 3"}})
    nbformat.write(nb, path)


def test_parameter_check_writes_the_declared_parameters(tmp_path):
    ev = config.evaluations()[0]
    out = tmp_path / "p.json"
    assert params.main([ev.config_file, str(out)]) == 0
    declared = json.loads(out.read_text())
    assert "results_path" in declared
    assert all(set(r.parameters) <= set(declared) for r in ev.runs)


def test_parameter_check_names_the_run_file(tmp_path, monkeypatch, capsys):
    nb = tmp_path / "n.ipynb"
    write_notebook(nb, 'results_path = ""\nthreshold = 1')
    ev = config.Evaluation("n", str(nb), "t", "s", "src", "sum", (),
                           (config.Run("r", str(nb), {"treshold": 2}, True, "n"),),
                           config_file=str(tmp_path / "n.yaml"))
    monkeypatch.setattr(params, "evaluations", lambda: (ev,))
    assert params.main([ev.config_file, str(tmp_path / "out.json")]) == 1
    err = capsys.readouterr().err
    assert "n.yaml: run 'r' sets unknown parameter(s) ['treshold']" in err
    assert not (tmp_path / "out.json").exists()


def _python(code: str) -> str:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=paths.ROOT, check=True)
    return out.stdout.strip()


def test_the_pipelines_own_processes_do_not_import_pandas():
    # the parameter check, the notebook runner and the ledger's input step start without
    # pandas (0.65 s each, 60 processes in a cold build); the notebooks' kernels import it
    assert _python("import sys, analysis.pipeline.params, analysis.pipeline.run_notebook, "
                   "analysis.outfiles; print('pandas' in sys.modules)") == "False"


@pytest.mark.parametrize("order", ["import analysis.paths, pandas",
                                   "import pandas, analysis.paths",
                                   "import analysis.report.numbers, pandas"])
def test_pandas_keeps_its_own_string_storage_whichever_is_imported_first(order):
    assert _python(f"{order}; print(pandas.get_option('mode.string_storage'), "
                   "type(pandas.array(['a', None]).dtype).__name__, "
                   "pandas.array(['a', None]).dtype.storage)") == "python StringDtype python"
