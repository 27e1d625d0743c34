# The two commands of the README: `make demo` and `make test`. Both bootstrap a virtual environment.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-deps
EXTRAS := test,eval,serve,export,dense,dense-en

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet '.[$(EXTRAS)]'
	touch $(STAMP)

# The package is reinstalled (not editable) so tests run against what a user installs, data files included.
install: $(STAMP)
	$(BIN)/python -m pip install --quiet --no-deps --force-reinstall .

demo: install
	$(BIN)/storylens demo

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint
	sh scripts/ensure-chromium.sh
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build src/*.egg-info
