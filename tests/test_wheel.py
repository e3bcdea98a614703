"""The package works installed from a wheel, not only in editable mode: the wheel carries its
templates, and a page renders from a fresh virtual environment outside the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from analysis import paths

pytestmark = pytest.mark.pipeline

RENDER = """
import sys
from pathlib import Path
import analysis
from analysis.pipeline import render
render.render(Path(sys.argv[1]), Path(sys.argv[2]))
print(analysis.__file__)
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """``pip wheel`` of a copy of the package source (so the build leaves nothing in the tree)."""
    src = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(paths.ROOT / name, src / name)
    shutil.copytree(paths.ROOT / "src", src / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(out), str(src)], check=True)
    (built,) = out.glob("analysis-*.whl")
    return built


def test_wheel_carries_the_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in ("analysis/templates/index.html.j2", "analysis/templates/zorg/index.html.j2",
                     "analysis/templates/zorg/conf.json"):
        assert template in names
    shipped = {p.relative_to(paths.ROOT / "src").as_posix()
               for p in (paths.ROOT / "src/analysis").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert shipped <= names  # every file of the package, not only the modules


def test_a_page_renders_from_a_non_editable_install(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True)
    # the dependencies come from this environment's site-packages, after the wheel's own folder
    # (a path in a .pth file: the editable install's own .pth hooks there are not run)
    target = Path(subprocess.check_output(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True).strip())
    (target / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    executed = tmp_path / "executed.ipynb"
    cell = v4.new_code_cell("1 + 1", execution_count=1)
    cell.outputs = [v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    nbformat.write(v4.new_notebook(cells=[v4.new_markdown_cell("# From the wheel"), cell],
                                   metadata={"language_info": {"name": "python"}}), executed)
    # nbconvert's own templates are data files of its installation (share/jupyter), found there
    env = {"PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg", "HOME": str(tmp_path),
           "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")}
    out = subprocess.run([python, "-c", RENDER, str(executed), str(tmp_path / "out")],
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    assert Path(out.stdout.strip()).is_relative_to(target)  # the wheel's copy, not src/
    page = (tmp_path / "out/report.html").read_text(encoding="utf-8")
    assert "From the wheel" in page and "← all evaluations" in page  # the zorg template
    assert (tmp_path / "out/headline.png").is_file()
