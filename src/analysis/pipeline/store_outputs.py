"""Execute notebooks in place with their default parameters, so nbval has outputs to guard.

``python -m analysis.pipeline.store_outputs notebooks/a.ipynb [b ...]`` (``make notebooks NB=…``,
a path or a notebook's name).
Volatile metadata (execution timings, papermill bookkeeping) is stripped so that rerunning on
unchanged inputs leaves the files byte-identical.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from analysis import paths


def strip_volatile(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for key in ("execution", "papermill", "collapsed", "scrolled", "jupyter"):
            cell.metadata.pop(key, None)
    return nb


def store(path: Path) -> None:
    from analysis.pipeline.run_notebook import kernel_options

    nb = nbformat.read(path, as_version=4)
    with kernel_options() as kernel:
        client = NotebookClient(
            nb, timeout=900, resources={"metadata": {"path": str(paths.NOTEBOOKS)}}, **kernel)
        client.execute()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(strip_volatile(nb), path)


def main(argv: list[str]) -> int:
    # a path, or a notebook's name (`make notebooks NB=ggz_referrals`)
    targets = [Path(a) if a.endswith(".ipynb") else paths.NOTEBOOKS / f"{a}.ipynb"
               for a in argv] or sorted(paths.NOTEBOOKS.glob("*.ipynb"))
    for t in targets:
        print(f"storing outputs of {t}", flush=True)
        store(t)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
