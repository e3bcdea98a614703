"""The environment files agree: pyproject, the lock that make installs, and environment.yml."""

import re
import tomllib
from importlib import metadata

import yaml
from packaging.requirements import Requirement

from analysis import paths


def lock_pins(name: str = "requirements.lock") -> dict[str, str]:
    pins = {}
    for line in (paths.ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            req = Requirement(line)
            spec = str(req.specifier)
            assert spec.startswith("=="), f"{name}: {line} is not pinned with =="
            pins[req.name.lower().replace("_", "-")] = spec[2:]
    return pins


def test_environment_yml_installs_the_lock_with_python_311():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    deps = env["dependencies"]
    assert "python=3.11" in deps
    pip_section = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    assert "-r requirements.lock" in pip_section
    assert "-e ." in pip_section


def test_pyproject_python_matches():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11,<3.12"


def test_every_declared_dependency_is_pinned_in_the_lock():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    pins = lock_pins()
    missing = [d for d in declared if Requirement(d).name.lower() not in pins]
    assert not missing, f"declared but not locked (run make lock): {missing}"


def test_installed_versions_are_the_locked_ones():
    pins = lock_pins()
    wrong = {}
    for name in ("numpy", "pandas", "scipy", "statsmodels", "papermill", "snakemake", "nbval"):
        if metadata.version(name) != pins[name]:
            wrong[name] = (metadata.version(name), pins[name])
    assert not wrong, f"installed ≠ locked: {wrong} (run make install)"


def test_runtime_dependencies_are_permissive():
    """Runtime dependencies are not GPL/AGPL (rcpchgrowth and pingouin only as test oracles)."""
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    runtime = [Requirement(d).name.lower() for d in project["dependencies"]]
    assert "rcpchgrowth" not in runtime and "pingouin" not in runtime
    src = "\n".join(p.read_text() for p in (paths.ROOT / "src").rglob("*.py"))
    assert not re.search(r"^\s*(import|from)\s+(rcpchgrowth|pingouin)\b", src, re.M)
