# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test bench lint install clean

$(BIN)/workbench: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/workbench

run: install
	$(BIN)/workbench db upgrade
	$(BIN)/workbench demo
	$(BIN)/workbench serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/fetch.py
	$(BIN)/python bench/match_eval.py
	$(BIN)/python bench/match_speed.py

lint: install
	$(BIN)/ruff check workbench tests bench
	$(BIN)/ruff format --check workbench tests bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
