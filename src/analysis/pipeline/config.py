"""Read and validate the pipeline configuration (``config/pipeline.yaml`` + ``config/runs/*.yaml``).

One YAML file per notebook lists its runs (parameter sets), the data it reads and the synthetic
datasets it needs. Validation happens before anything runs: unknown keys, duplicate run ids,
missing notebooks or inputs, and parameters the notebook does not declare all stop the pipeline
with a message naming the config file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from analysis import paths
from analysis.pipeline import fanout

RUN_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
NOTEBOOK_KEYS = {
    "notebook",
    "title",
    "study",
    "source",
    "summary",
    "inputs",
    "runs",
    "synthetic_data",
    "order",
    "priority",
}
RESERVED_PARAMETERS = {"results_path"}
SETTINGS = {"runs_dir", "build_dir", "kernel"}


class ConfigError(ValueError):
    """The pipeline configuration is wrong; the message names the file."""


@dataclass(frozen=True)
class SyntheticDataset:
    output: str
    generator: str
    seed: int
    inputs: tuple[str, ...] = ()
    config_file: str = ""


@dataclass(frozen=True)
class Run:
    id: str
    notebook: str
    parameters: dict[str, Any]
    primary: bool
    evaluation: str


@dataclass(frozen=True)
class Evaluation:
    name: str
    notebook: str
    title: str
    study: str
    source: str
    summary: str
    inputs: tuple[str, ...]
    runs: tuple[Run, ...]
    synthetic_data: tuple[SyntheticDataset, ...] = field(default_factory=tuple)
    order: int = 100
    config_file: str = ""
    # Snakemake's scheduling priority for this notebook's runs (higher starts first when a core is
    # free): the slowest notebooks get one, so that they do not run alone at the end of a build.
    priority: int = 0


def _fail(file: Path, msg: str) -> ConfigError:
    return ConfigError(f"{file.relative_to(paths.ROOT) if file.is_absolute() else file}: {msg}")


def _read_evaluation(file: Path) -> Evaluation:
    doc = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    unknown = set(doc) - NOTEBOOK_KEYS
    if unknown:
        raise _fail(file, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(NOTEBOOK_KEYS)}")
    for key in ("notebook", "title", "study", "source", "summary", "runs"):
        if key not in doc:
            raise _fail(file, f"missing key {key!r}")
    notebook = doc["notebook"]
    if not paths.resolve(notebook).is_file():
        raise _fail(file, f"notebook {notebook} does not exist")
    inputs = tuple(doc.get("inputs") or ())
    for inp in inputs:
        if not paths.resolve(inp).exists():
            raise _fail(file, f"input {inp} does not exist")
    name = Path(notebook).stem
    runs = []
    where = str(file.relative_to(paths.ROOT) if file.is_absolute() else file)
    try:  # a grid or a CSV entry stands for many runs (analysis.pipeline.fanout)
        expanded = [run for entry in doc["runs"] for run in fanout.expand(entry, where)]
    except fanout.FanoutError as exc:
        raise ConfigError(str(exc)) from exc
    for i, (rid, params) in enumerate(expanded):
        if not RUN_ID.match(rid):
            raise _fail(file, f"run {i}: id {rid!r} must match {RUN_ID.pattern}")
        bad = RESERVED_PARAMETERS & set(params)
        if bad:
            raise _fail(file, f"run {rid}: {sorted(bad)} is set by the pipeline, not the config")
        runs.append(Run(rid, notebook, dict(params), i == 0, name))
    synth = tuple(
        SyntheticDataset(
            s["output"], s["generator"], int(s["seed"]), tuple(s.get("inputs") or ()), str(file)
        )
        for s in doc.get("synthetic_data") or ()
    )
    return Evaluation(
        name,
        notebook,
        doc["title"],
        doc["study"],
        doc["source"],
        doc["summary"],
        inputs,
        tuple(runs),
        synth,
        int(doc.get("order", 100)),
        str(file),
        int(doc.get("priority", 0)),
    )


@lru_cache(maxsize=1)
def settings() -> dict[str, str]:
    """``config/pipeline.yaml``: where the run files are, where runs are built, which kernel."""
    file = paths.CONFIG / "pipeline.yaml"
    doc = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    if set(doc) != SETTINGS:
        raise _fail(file, f"keys {sorted(doc)}; expected exactly {sorted(SETTINGS)}")
    return {k: str(v) for k, v in doc.items()}


def build_dir() -> Path:
    """The folder runs are built in before they are published (``build_dir``)."""
    return paths.resolve(settings()["build_dir"])


@lru_cache(maxsize=1)
def evaluations(runs_dir: Path | None = None) -> tuple[Evaluation, ...]:
    """All evaluations, in index order; run ids checked for uniqueness across files."""
    runs_dir = runs_dir or paths.resolve(settings()["runs_dir"])
    evs = [_read_evaluation(f) for f in sorted(runs_dir.glob("*.yaml"))]
    seen: dict[str, str] = {}
    for ev in evs:
        for run in ev.runs:
            if run.id in seen:
                raise ConfigError(f"run id {run.id!r} in {ev.config_file} also in {seen[run.id]}")
            seen[run.id] = ev.config_file
    return tuple(sorted(evs, key=lambda e: (e.order, e.name)))


def runs() -> list[Run]:
    return [r for ev in evaluations() for r in ev.runs]


def run_by_id(run_id: str) -> Run:
    for r in runs():
        if r.id == run_id:
            return r
    raise KeyError(run_id)


def synthetic_datasets() -> list[SyntheticDataset]:
    out: dict[str, SyntheticDataset] = {}
    for ev in evaluations():
        for s in ev.synthetic_data:
            if s.output in out and out[s.output] != s:
                raise ConfigError(f"{s.output} is declared differently in {s.config_file}")
            out[s.output] = s
    return list(out.values())
