"""The pieces that make rebuilds fast: the on-disk caches and the one-process `make reproduce`."""

from __future__ import annotations

import json
import threading

import pytest

from analysis.pipeline import deps, disk_cache, params, reproduce


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """Caches in a temporary folder, and no import cache left over from earlier tests."""
    monkeypatch.setattr(disk_cache, "cache_path", lambda name: tmp_path / f"{name}.json")
    monkeypatch.setattr(deps, "_CACHE", None)
    deps.closure.cache_clear()
    yield tmp_path
    deps.closure.cache_clear()
    deps._CACHE = None


def forget_in_memory() -> None:
    """A new Snakemake invocation: only the on-disk cache survives."""
    deps._CACHE = None
    deps.closure.cache_clear()


def test_disk_cache_round_trip_and_rejects(cache_dir):
    assert disk_cache.read("c", 1) == {}  # missing
    disk_cache.write("c", 1, {"a": {"sha256": "x"}})
    assert disk_cache.read("c", 1) == {"a": {"sha256": "x"}}
    assert disk_cache.read("c", 2) == {}  # another version
    (cache_dir / "c.json").write_text("{not json")
    assert disk_cache.read("c", 1) == {}  # unreadable
    (cache_dir / "c.json").write_text(json.dumps({"version": 1, "entries": [1, 2]}))
    assert disk_cache.read("c", 1) == {}  # not a mapping



def test_cache_recomputes_only_for_a_new_fingerprint(cache_dir):
    calls = []
    cache = disk_cache.Cache("c", 1)
    assert cache.get("k", "f1", lambda: calls.append(1) or [1]) == [1]
    cache.save()
    again = disk_cache.Cache("c", 1)  # a new invocation: from disk
    assert again.get("k", "f1", lambda: calls.append(2) or [2]) == [1]
    assert again.get("k", "f2", lambda: calls.append(3) or [3]) == [3]
    assert calls == [1, 3]
    assert disk_cache.read("c", 1) == {"k": {"fingerprint": "f1", "value": [1]}}  # not saved yet
    again.save()
    assert disk_cache.read("c", 1) == {"k": {"fingerprint": "f2", "value": [3]}}

def test_import_cache_is_used_only_for_unchanged_files(cache_dir):
    costs = "src/analysis/costs.py"
    assert "src/analysis/growth.py" not in deps.files_of(frozenset({"analysis.costs"}))
    entries = json.loads((cache_dir / "module-imports.json").read_text())["entries"]
    digest, current = entries[costs]["fingerprint"].split(" ")
    assert digest == disk_cache.sha256(deps.paths.ROOT / costs) and current == "analysis.x"
    # an entry whose hash matches is believed (so the cache really saves the parsing) ...
    entries[costs]["value"] = ["analysis.growth"]
    disk_cache.write(deps.IMPORTS_CACHE, deps.IMPORTS_CACHE_VERSION, entries)
    forget_in_memory()
    assert "src/analysis/growth.py" in deps.files_of(frozenset({"analysis.costs"}))
    # ... and one whose hash does not match (the file changed) is parsed again
    entries[costs]["fingerprint"] = "0" * 64 + " analysis.x"
    disk_cache.write(deps.IMPORTS_CACHE, deps.IMPORTS_CACHE_VERSION, entries)
    forget_in_memory()
    assert "src/analysis/growth.py" not in deps.files_of(frozenset({"analysis.costs"}))


def test_pending_timers_are_cancelled():
    fired = threading.Event()
    timer = threading.Timer(60, fired.set)
    timer.start()
    assert reproduce.cancel_pending_timers() >= 1
    timer.join(timeout=5)
    assert not timer.is_alive() and not fired.is_set()


def test_snakemake_exit_code_is_returned(capsys):
    assert reproduce.run_snakemake(["--version"]) == 0
    assert capsys.readouterr().out.strip()[0].isdigit()  # Snakemake printed its version
    assert reproduce.run_snakemake(["--no-such-option"]) != 0


def test_local_builds_get_a_rate_limit_that_never_binds_and_the_greedy_scheduler():
    args = ["--snakefile", "workflow/Snakefile", "--cores", "2", "publish_all"]
    rate = ["--max-jobs-per-timespan", reproduce.LOCAL_RATE_LIMIT]
    greedy = ["--scheduler", "greedy"]
    assert reproduce.snakemake_args(args) == [*rate, *greedy, *args]
    for own in (["--profile", "config/profiles/slurm"], ["--executor", "slurm"]):
        assert reproduce.snakemake_args([*own, *args]) == [*own, *args]
    for own in (["--max-jobs-per-timespan", "5/1s"], ["--max-jobs-per-second=5"]):
        assert reproduce.snakemake_args([*own, *args]) == [*greedy, *own, *args]
    assert reproduce.snakemake_args(["--scheduler", "ilp", *args]) == [
        *rate, "--scheduler", "ilp", *args]
    # Snakemake accepts it (and parses it as 10000 jobs per 3600 s)
    from snakemake.settings.types import MaxJobsPerTimespan

    limit = MaxJobsPerTimespan.parse_choice(reproduce.LOCAL_RATE_LIMIT)
    assert (limit.max_jobs, limit.timespan) == (10000, 3600)


def test_parameter_cache_is_keyed_by_the_parameters_cell(cache_dir, tmp_path, monkeypatch):
    import nbformat

    cell = nbformat.v4.new_code_cell('results_path = ""\nthreshold = 20000')
    cell.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A"), cell,
                                         nbformat.v4.new_code_cell("x = threshold")],
                                  metadata={"kernelspec": {"name": "python3", "language": "python",
                                                           "display_name": "Python 3"}})
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    assert params.declared_cached(str(path)) == {"results_path": '""', "threshold": "20000"}
    # editing, adding or removing any other cell keeps the entry: papermill is not asked again
    monkeypatch.setattr(params, "declared", lambda *a: pytest.fail("inferred again"))
    nb.cells[0].source = "# A, edited"
    nb.cells[2].source = "x = 2 * threshold"
    nb.cells.append(nbformat.v4.new_markdown_cell("a new cell"))
    nb.cells.insert(0, nbformat.v4.new_markdown_cell("# A new title"))
    nbformat.write(nb, path)
    assert params.declared_cached(str(path))["threshold"] == "20000"
    # a new default, a new tag (on any cell) or another kernel language is asked again
    for change in ("source", "tags", "markdown tag", "language"):
        monkeypatch.undo()
        monkeypatch.setattr(disk_cache, "cache_path", lambda name: cache_dir / f"{name}.json")
        params.declared_cached(str(path))  # the entry for the current text
        if change == "source":
            nb.cells[2].source = 'results_path = ""\nthreshold = 40000'
        elif change == "tags":
            nb.cells[2].metadata["tags"] = ["parameters", "other"]
        elif change == "markdown tag":  # papermill would inject above it: declared() refuses
            nb.cells[1].metadata["tags"] = ["parameters"]
        else:
            nb.metadata["kernelspec"] = {"name": "ir", "language": "R", "display_name": "R"}
        nbformat.write(nb, path)
        calls: list[str] = []
        monkeypatch.setattr(params, "declared", lambda nb_, calls=calls: calls.append(nb_) or {})
        params.declared_cached(str(path))
        assert calls == [str(path)], change



def test_a_changed_parameters_cell_is_read_again_in_the_same_process(cache_dir, tmp_path):
    import nbformat

    def write(source: str) -> str:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = ["parameters"]
        nb = nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": {
            "name": "python3", "language": "python", "display_name": "Python 3"}})
        nbformat.write(nb, tmp_path / "n.ipynb")
        return str(tmp_path / "n.ipynb")

    path = write('results_path = ""\nthreshold = 1')
    assert set(params.declared_cached(path)) == {"results_path", "threshold"}
    write('results_path = ""\nthreshold = 1\nnew_param = 2')
    assert params.declared_cached(path)["new_param"] == "2"

def test_failed_runs_are_forced_by_their_published_notebook():
    from snakemake.cli import get_argument_parser

    def parsed(argv):
        return get_argument_parser().parse_args(argv)

    args = ["--cores", "2", "--keep-going", "publish_all"]
    assert reproduce.retry_args(args, [], {"a"}) == args
    forced = ["reports/executed/a.ipynb", "reports/executed/b.ipynb"]
    assert reproduce.retry_args(args, ["a", "gone", "b"], {"a", "b"}) == [
        *args, "--forcerun", *forced]
    # whatever the command line already forces is kept (Snakemake keeps only the last option),
    # in every spelling, and the targets stay targets
    for own in (["-R", "publish"], ["--forcerun=publish"], ["-R", "x", "-R", "publish"],
                ["--config", "render=false", "--forcerun", "publish"]):
        for argv in ([*own, *args], [*args[:-1], *own, "--", "publish_all"]):
            p = parsed(reproduce.retry_args(argv, ["a", "b"], {"a", "b"}))
            assert set(p.forcerun) == {"publish", *forced}, argv
            assert list(p.targets) == ["publish_all"], argv
    # only when everything is built (forcing would add targets to a narrower build)
    assert reproduce.retry_args(["synthetic_all"], ["a"], {"a"}) == ["synthetic_all"]
    p = parsed(reproduce.retry_args(["--config", "render=false", *args], ["a"], {"a"}))
    assert set(p.forcerun) == {"reports/executed/a.ipynb"} and list(p.targets) == ["publish_all"]
    assert p.config == ["render=false"]


def test_rate_limit_is_left_to_profiles_and_executors(monkeypatch):
    for own in (["--profile=config/profiles/slurm"], ["-eslurm"], ["-e", "slurm"]):
        assert reproduce.snakemake_args([*own, "publish_all"]) == [*own, "publish_all"]
    monkeypatch.setenv("SNAKEMAKE_PROFILE", "config/profiles/slurm")
    assert reproduce.snakemake_args(["publish_all"]) == ["publish_all"]
