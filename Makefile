# Two commands do all the set-up on a fresh machine:
#   make example   repair the example page and print the edition
#   make test      lint, type-check and run the whole test suite
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: example test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf,crf,dask,parquet,datatrove]'
	$(BIN)/python -m compileall -q src  # as pip does for an installed package: the CLI starts faster
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

example: $(STAMP)
	$(BIN)/emendo repair examples/damaged-page.txt

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/ruff format --check src tests benchmarks training
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
