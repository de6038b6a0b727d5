# Shiliu: `make demo` sets up, loads demo content and serves; `make test` runs every suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo serve install migrate test lint format messages benchmark backup restore clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ (admin at /admin/); Ctrl-C stops."
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: install
	$(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite on SQLite (browser tests included), then again on PostgreSQL.
# Without a server or Chromium those parts are skipped with a reason; with CI=true they fail.
TEST_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/shiliu
PYTEST_ARGS ?= -n auto

test: lint
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test
	@echo "== Suite on SQLite (with browser tests)"
	$(PY) -m pytest $(PYTEST_ARGS)
	@echo "== Suite on PostgreSQL ($(TEST_DATABASE_URL))"
	@if DATABASE_URL="$(TEST_DATABASE_URL)" $(PY) scripts/postgres_ready.py; then \
		DATABASE_URL="$(TEST_DATABASE_URL)" $(PY) -m pytest -m "not browser" $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is required when CI=true"; exit 1; \
	else \
		echo "SKIPPED: PostgreSQL suite (no server at TEST_DATABASE_URL)"; \
	fi

# Style, templates and the layers (import-linter contracts in pyproject.toml).
lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(BIN)/djhtml --check site/templates
	$(BIN)/lint-imports

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .
	$(BIN)/djhtml site/templates

# Needs GNU gettext (apt-get install gettext); the compiled .mo files are committed.
messages: install
	$(PY) manage.py makemessages -l zh_Hans -l mn_Mong --no-obsolete --add-location=file \
		--ignore='.venv/*' --ignore='static/*' --ignore='test-artifacts/*' --ignore='tests/*'
	$(PY) manage.py compilemessages --ignore='.venv/*'

# Page figures for README: latency p50/p95, queries and bytes per page, on the demo database.
benchmark: migrate
	$(PY) manage.py load_demo --no-admin > /dev/null
	DEBUG=false $(PY) manage.py benchmark_pages --runs 100

# Database and media into backups/<date-time>/ (or BACKUP=folder); `make restore BACKUP=folder` puts
# them back (stop the site first). See README, "Backup and restore".
BACKUP ?= backups/$(shell date -u +%Y%m%dT%H%M%SZ)

backup: install
	$(PY) manage.py backup "$(BACKUP)"

restore: install
	@test -n "$(BACKUP)" -a -f "$(BACKUP)/manifest.json" || { echo "make restore BACKUP=backups/<folder>"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)"

clean:
	rm -rf $(VENV) static test-artifacts .pytest_cache
