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

# Every benchmark runs even when an earlier one misses a target, so no figure is hidden;
# make fails at the end if any of them did.
BENCHES := ingest fetch match_eval match_speed extract_eval real_eval

bench: install
	@failed=""; \
	for name in $(BENCHES); do \
		echo "== bench/$$name.py"; \
		$(BIN)/python bench/$$name.py || failed="$$failed $$name"; \
		echo; \
	done; \
	if [ -n "$$failed" ]; then echo "missed a target or failed:$$failed"; exit 1; fi

lint: install
	$(BIN)/ruff check workbench tests bench
	$(BIN)/ruff format --check workbench tests bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
