# Ilot — the two commands: `make demo` and `make test`. Both bootstrap the machine first.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: help bootstrap demo test test-sqlite test-postgres lint format messages clean

help:
	@echo "make demo   - install what is needed, load the demo data, run server + worker on :8000"
	@echo "make test   - install what is needed, lint, then the whole suite on SQLite and PostgreSQL"
	@echo "make lint   - ruff and mypy"

bootstrap:
	@scripts/bootstrap.sh

demo: bootstrap
	@scripts/demo.sh

lint: bootstrap
	$(VENV)/bin/ruff check src tests bench conftest.py
	$(VENV)/bin/ruff format --check src tests bench conftest.py
	ILOT_TESTING=1 $(VENV)/bin/mypy

test: bootstrap lint test-sqlite test-postgres

test-sqlite:
	ILOT_TEST_DB=sqlite $(VENV)/bin/pytest -q

# Uses ILOT_TEST_DATABASE_URL when set, else starts a throwaway PostgreSQL cluster.
test-postgres:
	ILOT_TEST_DB=postgres $(VENV)/bin/pytest -q

format: bootstrap
	$(VENV)/bin/ruff format src tests bench conftest.py
	$(VENV)/bin/ruff check --fix src tests bench conftest.py

messages: bootstrap
	cd src/ilot && ../../$(VENV)/bin/ilot makemessages -l en --no-location --no-obsolete -i 'testing/*'

clean:
	rm -rf $(VENV) node_modules src/ilot/web/static/vendor
