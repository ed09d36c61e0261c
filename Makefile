# One command each: `make site` installs and builds the example site; `make test` installs and runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install site test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet '.[test]'

site: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	$(BIN)/notes-site build . -o public

lint: install
	$(BIN)/ruff check notes_site tests scripts
	$(BIN)/ruff format --check notes_site tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) public build dist *.egg-info
