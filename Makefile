# Shiliu: `make demo` sets up, loads demo content and serves; `make test` runs every suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: bench demo serve install migrate test test-elasticsearch bench-search lint format messages benchmark backup restore clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --no-input

# The background worker (search indexing, emails) runs beside the web server; Ctrl-C stops both.
# A non-interactive shell's background job ignores Ctrl-C, so the trap stops it (SIGTERM: the
# worker finishes its task first).
WITH_WORKER = worker=; trap '[ -n "$$worker" ] && kill $$worker 2>/dev/null; wait' EXIT INT TERM;

# The demo content is indexed as it loads, so search is complete when the server starts (not queued for the worker).
demo: migrate
	TASKS_BACKEND=immediate $(PY) manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ (admin at /admin/) with a background worker; Ctrl-C stops both."
	@$(WITH_WORKER) $(PY) manage.py db_worker --no-reload & worker=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The way production runs: gunicorn (config/gunicorn.conf.py), production settings, WhiteNoise
# serving compressed, hashed static files, renditions from media/images/ with cache headers.
# The secret key is made once into var/secret_key unless SECRET_KEY is set; plain HTTP on loopback.
PROD_ENV = DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}"

var/secret_key:
	mkdir -p var && $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@ && chmod 600 $@

serve: install var/secret_key
	$(PROD_ENV) $(PY) manage.py migrate --no-input
	$(PROD_ENV) $(PY) manage.py collectstatic --no-input -v0
	@echo "Serving on http://$(HOST):$(PORT)/ with gunicorn and a background worker; Ctrl-C stops both."
	@$(WITH_WORKER) $(PROD_ENV) $(PY) manage.py db_worker & worker=$$!; \
	$(PROD_ENV) BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c config/gunicorn.conf.py

# The whole suite on SQLite (browser tests included), then again on PostgreSQL, then the
# Elasticsearch suite against a real server.
# Without a server or Chromium those parts are skipped with a reason; with CI=true they fail.
TEST_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/shiliu
PYTEST_ARGS ?= -n auto --durations=15
# A suite that fails ends the run: stop the node started early for the Elasticsearch suite.
OR_STOP_ES = || { status=$$?; $(PY) scripts/elasticsearch.py stop --state "$(ES_STATE)"; exit $$status; }

test: lint
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test
	@# The Elasticsearch node (fetched from Maven Central on a first run) starts in the background
	@# now and is ready when its suite comes; a failure here shows again in test-elasticsearch.
	@($(PY) scripts/elasticsearch.py start --state "$(ES_STATE)" >/dev/null 2>&1 &)
	@echo "== Suite on SQLite (with browser tests)"
	$(PY) -m pytest -m "not elasticsearch" $(PYTEST_ARGS) --ignore=tests/browser/test_phone_layout.py $(OR_STOP_ES)
	@echo "== Phone layout (its own process: the module empties and restores the test database)"
	$(PY) -m pytest tests/browser/test_phone_layout.py -n 0 $(OR_STOP_ES)
	@echo "== Suite on PostgreSQL ($(TEST_DATABASE_URL))"
	@if DATABASE_URL="$(TEST_DATABASE_URL)" $(PY) scripts/postgres_ready.py; then \
		DATABASE_URL="$(TEST_DATABASE_URL)" $(PY) -m pytest -m "not browser and not elasticsearch" $(PYTEST_ARGS) $(OR_STOP_ES); \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is required when CI=true"; $(PY) scripts/elasticsearch.py stop --state "$(ES_STATE)"; exit 1; \
	else \
		echo "SKIPPED: PostgreSQL suite (no server at TEST_DATABASE_URL)"; \
	fi
	$(MAKE) --no-print-directory test-elasticsearch

# The Elasticsearch suite (pytest -m elasticsearch, on SQLite, one process) against one real
# single-node server from Maven Central (scripts/elasticsearch.py), started for the run and
# stopped after it. Needs mvn and a JDK; without them it is skipped, with CI=true it fails.
ES_STATE ?= $(or $(TMPDIR),/tmp)/shiliu-elasticsearch-$(shell echo "$(CURDIR)" | cksum | cut -d' ' -f1)
test-elasticsearch: install
	@echo "== Elasticsearch suite (a real Elasticsearch server)"
	@if url=$$($(PY) scripts/elasticsearch.py start --state "$(ES_STATE)"); then \
		echo "Elasticsearch at $$url"; \
		ELASTICSEARCH_URL="$$url" ELASTICSEARCH_STATE="$(ES_STATE)" $(PY) -m pytest -m elasticsearch -n 0; \
		status=$$?; $(PY) scripts/elasticsearch.py stop --state "$(ES_STATE)"; exit $$status; \
	elif [ "$$CI" = "true" ]; then \
		echo "Elasticsearch is required when CI=true"; exit 1; \
	else \
		echo "SKIPPED: Elasticsearch suite (the server could not start)"; \
	fi

# Search p50/p95 of the database backend and of a real Elasticsearch server (started for the
# run, then stopped) on the same synthetic corpus of STORIES stories (default 1000) and the same
# 200 queries.
bench-search: install
	@url=$$($(PY) scripts/elasticsearch.py start --state "$(ES_STATE)") || exit 1; \
	ELASTICSEARCH_URL="$$url" $(PY) manage.py search_benchmark --stories $(or $(STORIES),1000) --backend elasticsearch; \
	status=$$?; $(PY) scripts/elasticsearch.py stop --state "$(ES_STATE)"; exit $$status

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
	TASKS_BACKEND=immediate $(PY) manage.py load_demo --no-admin > /dev/null
	DEBUG=false $(PY) manage.py benchmark_pages --runs 100

# Load test of the production server (gunicorn, WhiteNoise, page cache) with wrk (apt-get install
# wrk) on loopback, search on the database and on a real Elasticsearch node, and issue 14's
# targets judged on that run; see README, "Load benchmark". The site: the demo plus BENCH_STORIES
# stories in each language, in var/bench-<key>-<BENCH_STORIES>/ (db.sqlite3 and media/), built
# once per key, a digest of the code that builds it (devtools/benchmarks/cache.py). Options:
# STORIES (search corpus, default 10000; cached in var/ the same way), BENCH_SECONDS (each
# page's wrk run, default 4), ERROR_SECONDS (the run at concurrency 32 that counts errors,
# default 60), ELASTICSEARCH=off (database search only). About 20 minutes with nothing cached.
BENCH_STORIES ?= 2500
BENCH_SECONDS ?= 4
ERROR_SECONDS ?= 60
ELASTICSEARCH ?= on

bench: install var/secret_key
	@set -e; dir="var/bench-$$($(PY) -m devtools.benchmarks.cache)-$(BENCH_STORIES)"; \
	if [ ! -f "$$dir/db.sqlite3" ]; then \
		echo "== Building $$dir: the demo and $(BENCH_STORIES) stories in each language"; \
		rm -rf var/bench-* var/bench.sqlite3*; mkdir -p "$$dir.partial"; \
		( export DATABASE_URL="sqlite:///$(CURDIR)/$$dir.partial/db.sqlite3" MEDIA_ROOT="$(CURDIR)/$$dir.partial/media" \
		  TASKS_BACKEND=immediate; \
		  $(PY) manage.py migrate --no-input -v0 && \
		  $(PY) manage.py load_demo --no-admin > /dev/null && \
		  $(PY) manage.py scale_stories --stories $(BENCH_STORIES) ) && \
		mv "$$dir.partial" "$$dir" || { rm -rf "$$dir.partial"; exit 1; }; \
	fi; \
	$(PROD_ENV) $(PY) manage.py collectstatic --no-input -v0; \
	DATABASE_URL="sqlite:///$(CURDIR)/$$dir/db.sqlite3" MEDIA_ROOT="$(CURDIR)/$$dir/media" DEBUG=false \
		TASKS_BACKEND=immediate $(PY) manage.py benchmark_http --seconds $(BENCH_SECONDS) --error-seconds $(ERROR_SECONDS) \
		--search-stories $(or $(STORIES),10000) $(if $(filter off,$(ELASTICSEARCH)),--no-elasticsearch)

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
