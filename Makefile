# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test test-sqlite test-pg test-browser chromium lint format venv setup messages fixtures index bench relevance extraction-quality clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

messages: $(STAMP)
	@if [ -d locale ]; then $(MANAGE) compilemessages --ignore=.venv -v 0; fi

setup: venv messages
	mkdir -p var
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_fixtures
	$(MANAGE) rebuild_index --noinput -v 0

run: setup
	@echo ""
	@echo "  Archive: http://$(HOST):$(PORT)/"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/  (create a login: $(MANAGE) createsuperuser)"
	@echo ""
	@# The single indexer runs beside the web server and stops with it.
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) index_worker & worker=$$!; \
	$(MANAGE) runserver $(HOST):$(PORT)

# Debian's Chromium for the browser tests; Playwright drives it and never downloads its own.
chromium:
	scripts/ensure_chromium.sh

# The whole suite on SQLite (the embedded default), then again on PostgreSQL (the scale-out
# path) with a server scripts/pg.sh starts from the machine's binaries and stops afterwards.
test: venv messages chromium
	$(BIN)/pytest
	scripts/test-pg.sh

test-sqlite: venv messages chromium
	$(BIN)/pytest

test-browser: venv messages chromium
	$(BIN)/pytest -m browser

# The whole suite against a real PostgreSQL server that the script starts (and stops) itself.
test-pg: venv messages chromium
	scripts/test-pg.sh

# Style, then the direction of dependency between packages ([tool.importlinter] in pyproject.toml).
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmark on the real corpora (docs/performance.md); BENCH_ARGS=--smoke for a quick run.
BENCH_SIZE ?= 41000
bench: venv
	$(PY) bench/run.py --size $(BENCH_SIZE) $(BENCH_ARGS)

# The relevance set (docs/search-quality.md): nDCG@10, recall@50 and zero results per query,
# in a throwaway archive of its pool under var/relevance; RELEVANCE_ARGS="--ranking all" also
# runs the baselines, "--reuse" searches the archive of the previous run.
relevance: venv
	$(PY) bench/relevance/evaluate.py $(RELEVANCE_ARGS)

# The entity gold set (docs/entities.md): precision, recall and F1 per kind on the development
# and held-out articles, in a throwaway archive; EXTRACTION_ARGS="--verbose" lists every miss
# and false positive, "--json" prints JSON, "--seeds" measures the five seeds instead.
extraction-quality: venv
	$(PY) bench/extraction_quality.py $(EXTRACTION_ARGS)

clean:
	-scripts/pg.sh stop
	rm -rf var .pytest_cache .ruff_cache
