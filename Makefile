# spf-warehouse: two commands do everything on a fresh machine (Python 3.11 and make).
#   make run    set up, then ingest the inbox, validate, dbt build, publish; print a summary
#   make test   set up, then ruff, sqlfluff and pytest
#   make ui     the Dagster UI on the same data home and instance
SHELL := /bin/bash
.DEFAULT_GOAL := help

export SPF_HOME ?= $(CURDIR)/data
export DAGSTER_HOME ?= $(SPF_HOME)/dagster
export GX_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

PYTHON ?= python3
BOOTSTRAP := .bootstrap
UV := $(shell command -v uv 2>/dev/null || echo $(BOOTSTRAP)/bin/uv)
VENV := .venv
RUN := $(UV) run --frozen --no-sync
DBT_FILES := $(shell find dbt/models dbt/macros dbt/tests -type f 2>/dev/null) dbt/dbt_project.yml dbt/profiles.yml
MANIFEST := dbt/target/manifest.json


.PHONY: help setup run test lint ui clean bench bench-reports screenshots

help:
	@echo "make run   - set up and run the whole pipeline on \$$SPF_HOME (default ./data)"
	@echo "make test  - set up and run ruff, sqlfluff and pytest"
	@echo "make ui    - Dagster UI on http://127.0.0.1:3000"

$(BOOTSTRAP)/bin/uv:
	$(PYTHON) -m venv $(BOOTSTRAP)
	$(BOOTSTRAP)/bin/pip install --quiet "uv>=0.5,<1"

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-groups
	@touch $@

$(MANIFEST): $(VENV)/.synced $(DBT_FILES)
	cd dbt && $(CURDIR)/$(VENV)/bin/dbt parse --quiet --project-dir . --profiles-dir .

setup: $(VENV)/.synced $(MANIFEST)

run: setup
	$(RUN) spf run

ui: setup
	$(RUN) spf init
	$(RUN) dagster dev -w workspace.yaml

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	@# sqlfluff's dbt templater opens the warehouse: give it a scratch data home of its own
	mkdir -p build/lint-home/warehouse
	SPF_HOME=$(CURDIR)/build/lint-home $(RUN) sqlfluff lint dbt/models dbt/tests dbt/macros

test: lint
	$(RUN) pytest -n 2 --dist loadgroup

clean:
	rm -rf dbt/target dbt/logs .pytest_cache .ruff_cache

# Read + validate speed next to pandas and raw calamine, peak memory, drop-to-marts (tests/bench.py)
bench: setup
	$(RUN) python -m tests.bench

# Time to render the briefing book's eight variants of one period from $SPF_HOME's release
# (tests/bench_reports.py; run `make run` first)
bench-reports: setup
	$(RUN) python -m tests.bench_reports
# Photographs of the Dagster UI for the README (docs/images/), on $SPF_HOME as `make run` built it
screenshots: setup
	$(RUN) spf init
	$(RUN) python -m tools.screenshots
