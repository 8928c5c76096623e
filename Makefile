# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run serve-prod test bench bench-load lint install clean

$(BIN)/workbench: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/workbench

# For one person on their own machine: the public development secret key is allowed.
run: export WORKBENCH_ENV = development
run: install
	$(BIN)/workbench db upgrade
	$(BIN)/workbench demo
	$(BIN)/workbench serve --host $(HOST) --port $(PORT)

# The production stack on this machine: gunicorn with WEB_WORKERS web workers, one job
# worker, PostgreSQL database PROD_DB (created when missing) and Redis db 1. The secret key
# is WORKBENCH_SECRET_KEY from the environment, else instance/secret_key, generated on the
# first run and readable by its owner only. Ctrl+C stops the web server and the worker.
PROD_DB ?= workbench
PG ?= -h 127.0.0.1 -U postgres
WEB_WORKERS ?= 4
PROD_INSTANCE := $(or $(WORKBENCH_INSTANCE_PATH),instance)
PROD_KEY = WORKBENCH_SECRET_KEY="$${WORKBENCH_SECRET_KEY:-$$(cat $(PROD_INSTANCE)/secret_key)}"

$(VENV)/.prod-installed: pyproject.toml $(BIN)/workbench
	$(BIN)/pip install --quiet -e '.[prod]'
	touch $@

serve-prod: export WORKBENCH_ENV = production
serve-prod: export WORKBENCH_DATABASE_URL = postgresql://postgres@127.0.0.1:5432/$(PROD_DB)
serve-prod: export WORKBENCH_REDIS_URL = redis://127.0.0.1:6379/1
serve-prod: $(VENV)/.prod-installed
	psql $(PG) -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$(PROD_DB)'" \
		| grep -q 1 || createdb $(PG) $(PROD_DB)
	@test -n "$$WORKBENCH_SECRET_KEY" || test -s $(PROD_INSTANCE)/secret_key || { \
		mkdir -p $(PROD_INSTANCE) && umask 077 && \
		$(BIN)/python -c 'import secrets; print(secrets.token_hex(32))' \
			> $(PROD_INSTANCE)/secret_key && \
		echo "generated a secret key in $(PROD_INSTANCE)/secret_key"; }
	$(PROD_KEY) $(BIN)/workbench check-config --web-workers $(WEB_WORKERS)
	$(PROD_KEY) $(BIN)/workbench db upgrade
	$(PROD_KEY); export WORKBENCH_SECRET_KEY; \
	$(BIN)/workbench worker & worker=$$!; \
	$(BIN)/gunicorn --workers $(WEB_WORKERS) --bind $(HOST):$(PORT) --access-logfile - \
		'workbench.wsgi:app' & web=$$!; \
	trap 'kill -INT $$worker $$web 2>/dev/null; wait; exit 130' INT; \
	trap 'kill -TERM $$worker $$web 2>/dev/null; wait; exit 143' TERM; \
	trap 'kill $$worker $$web 2>/dev/null' EXIT; \
	wait $$web

test: install
	$(BIN)/pytest

# Every benchmark runs even when an earlier one misses a target, so no figure is hidden;
# make fails at the end if any of them did.
BENCHES := ingest fetch match_eval match_speed extract_eval real_eval triage_eval memory

bench: install
	@failed=""; \
	for name in $(BENCHES); do \
		echo "== bench/$$name.py"; \
		$(BIN)/python bench/$$name.py || failed="$$failed $$name"; \
		echo; \
	done; \
	if [ -n "$$failed" ]; then echo "missed a target or failed:$$failed"; exit 1; fi

# Not in BENCHES nor CI: it fills a PostgreSQL database of its own (workbench_load), takes
# minutes and wants the machine to itself. `make bench-load ARGS=--quick` tries it.
bench-load: install
	$(BIN)/python bench/load.py $(ARGS)

lint: install
	$(BIN)/ruff check workbench tests bench
	$(BIN)/ruff format --check workbench tests bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
