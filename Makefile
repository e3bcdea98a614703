# zorgpilots: every target is documentation. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml 2>/dev/null | sha1sum | cut -c1-12)
CORES ?= all
PIP := $(BIN)/python -m pip --quiet
# the machine's pip config names local mirrors that may not exist; keep their warnings out of the log
QUIET := 2> >(grep -v 'is ignored: it is neither' >&2)
SNAKEMAKE := $(BIN)/snakemake --snakefile workflow/Snakefile --cores $(CORES)
export PATH := $(abspath $(BIN)):$(PATH)
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help install reproduce test regen-expected lint lab clean bench lock dry-run notebooks new-evaluation check-evaluation coverage evaluate

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(PIP) install --upgrade pip==24.3.1 setuptools==80.9.0 wheel==0.45.1 $(QUIET)
	$(PIP) install -r requirements.lock $(QUIET)
	$(PIP) install --no-deps --no-build-isolation -e . $(QUIET)
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP) ## create .venv (if missing) and install the pinned lock file

reproduce: $(STAMP) ## rebuild every report and the site reports/site/ (only what changed); exits non-zero if a notebook failed
	$(BIN)/python -m analysis.pipeline.reproduce --snakefile workflow/Snakefile \
	  --profile config/profiles/local --cores $(CORES) publish_all

test: $(STAMP) ## run the whole test suite: unit, results, nbval over the stored notebooks, pipeline, browser
	$(SNAKEMAKE) synthetic_all --quiet all
	$(BIN)/python -m pytest --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg --durations=30 tests notebooks

regen-expected: $(STAMP) ## rewrite tests/results/expected/*.csv from a fresh build (review the diff before committing)
	$(BIN)/python -m pytest tests/results --regen-expected -q

lint: $(STAMP) ## ruff over the package, tests, workflow, benchmarks and notebooks
	$(BIN)/ruff check src tests workflow benchmarks notebooks

dry-run: $(STAMP) ## show what `make reproduce` would run (one line per job), without running it
	$(BIN)/python -m analysis.pipeline.reproduce --snakefile workflow/Snakefile \
	  --profile config/profiles/local --cores $(CORES) --dry-run publish_all

lab: $(STAMP) ## JupyterLab on the notebooks
	$(BIN)/python -m pip install --quiet -r requirements-lab.lock
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(STAMP) ## performance benchmarks; prints figures and writes reports/benchmarks.json
	$(BIN)/python benchmarks/run.py

lock: ## regenerate the pinned lock files from pyproject.toml (needs uv)
	uv pip compile pyproject.toml --extra test --python-version 3.11 --python-platform x86_64-manylinux_2_28 -o requirements.lock --no-header --annotation-style line
	uv pip compile pyproject.toml --extra test --extra lab --python-version 3.11 --python-platform x86_64-manylinux_2_28 -o requirements-lab.lock --no-header --annotation-style line

clean: ## remove everything the pipeline built (reports, processed data, caches); keeps .venv
	rm -rf reports/executed reports/html reports/results reports/figures reports/index.html reports/results.csv \
	  reports/audit.html reports/findings.csv reports/findings.resource.json reports/coverage.html reports/coverage.csv reports/coverage_numbers.csv reports/coverage_words.csv reports/coverage_words_summary.csv reports/failed reports/site .build .snakemake data/processed/*.csv data/processed/*.json
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

notebooks: $(STAMP) ## re-execute notebooks/*.ipynb in place so their stored outputs (guarded by nbval) are current
	$(SNAKEMAKE) synthetic_all --quiet all
	$(BIN)/python -m analysis.pipeline.store_outputs $(NB)

new-evaluation: $(STAMP) ## scaffold an evaluation: make new-evaluation NAME=x STUDY=y SOURCE=file:lines
	@test -n "$(NAME)" -a -n "$(STUDY)" -a -n "$(SOURCE)" || \
	  { echo "usage: make new-evaluation NAME=<notebook> STUDY=<data/raw folder> SOURCE=<file:lines>"; exit 2; }
	$(BIN)/python -m analysis.kit.scaffold --name "$(NAME)" --study "$(STUDY)" --source "$(SOURCE)" \
	  $(if $(PREFIX),--prefix "$(PREFIX)")

check-evaluation: $(STAMP) ## quick loop for one evaluation (config, data, provenance, results, nbval): NAME=x [REGEN=1]
	@test -n "$(NAME)" || { echo "usage: make check-evaluation NAME=<notebook name>"; exit 2; }
	$(SNAKEMAKE) synthetic_all --quiet all
	REGEN=$(REGEN) $(BIN)/python -m analysis.kit.check "$(NAME)"

coverage: $(STAMP) ## scan the sources for printed numbers; write reports/coverage.{csv,html}
	$(BIN)/python -m analysis.coverage

evaluate: $(STAMP) ## run one notebook on your own file into data/private/reports/: make evaluate NB=notebooks/ycnd_bmi.ipynb INPUT=data/private/x.csv [MAPPING=config/mappings/ycnd_bmi.yaml]
	$(BIN)/python -m analysis.pipeline.evaluate "$(NB)" "$(INPUT)" $(if $(MAPPING),"$(MAPPING)")
