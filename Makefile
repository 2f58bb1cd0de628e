# econdesk — two commands: `make run` and `make test`. Each sets everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint format check setup demo bench clean e2e-deps

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

setup: $(STAMP)
	@mkdir -p var
	$(VENV)/bin/econdesk setup

demo: setup
	ECONDESK_DEBUG=$${ECONDESK_DEBUG:-1} $(VENV)/bin/econdesk demo --url http://$(HOST):$(PORT)/

## make run: set up, load the 示例 demo city once, and serve on http://127.0.0.1:8000/
run: demo
	@echo "econdesk 已启动：http://$(HOST):$(PORT)/  （Ctrl+C 停止）"
	ECONDESK_DEBUG=$${ECONDESK_DEBUG:-1} $(VENV)/bin/econdesk runserver $(HOST):$(PORT)

## make test: set up and run the whole suite (DATABASE_URL picks SQLite or PostgreSQL)
test: $(STAMP)
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "not e2e"

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

## make bench: every benchmark (≤ 10 minutes), bench/README.md's tables rewritten from the run
bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# --- web workspace: screenshots (maintained with econdesk/web; appended, separate from the above)
.PHONY: screenshots
## make screenshots: the main pages with the demo city, as PNGs in docs/screenshots/ (Debian Chromium)
screenshots: $(STAMP)
	$(PY) scripts/screenshots.py
