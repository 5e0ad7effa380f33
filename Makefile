# The two set-up commands of the README: `make run` (demo) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.run-installed
DEV_STAMP := $(VENV)/.dev-installed
# axe-core (npm), injected into every page by the accessibility browser test.
AXE := tests/browser/axe/node_modules/axe-core/axe.min.js
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint system-deps clean prod

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(RUN_STAMP)

$(AXE): tests/browser/axe/package.json tests/browser/axe/package-lock.json
	npm ci --prefix tests/browser/axe --no-audit --no-fund --loglevel=error
	touch $@

run: $(RUN_STAMP)
	$(PY) -m queue_server serve --demo --host $(HOST) --port $(PORT)

prod: $(RUN_STAMP)
	scripts/prod-stack.sh

system-deps:
	scripts/system-deps.sh

lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy  # files and strictness: [tool.mypy] in pyproject.toml

# Byte-code written once before the run, even where PYTHONDONTWRITEBYTECODE is set: the
# suite starts Python processes by the hundred (servers, commands), each else compiling
# ~430 modules of ours (~0.5 s).
test: system-deps $(DEV_STAMP) $(AXE) lint
	$(PY) -m compileall -q -j 0 queue_server mobile_api kiosk display_board tests bench
	$(PY) -m pytest -n 2

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
