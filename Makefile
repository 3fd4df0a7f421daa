# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test test-sqlite test-pg test-browser chromium lint format venv setup messages fixtures index bench relevance story-quality story-speed page-quality extraction-quality clean

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
	@$(MAKE) --no-print-directory index

# The search index is built only when it is missing or differs from the database
# (check_index); otherwise a start takes no indexing time at all.
index: venv
	@if $(MANAGE) check_index >/dev/null 2>&1; then \
		echo "Search index: matches the database."; \
	else \
		echo "Search index: missing or out of step, building it."; \
		$(MANAGE) rebuild_index_fast; \
	fi

# PORT=8080 make run (or HOST=0.0.0.0) serves elsewhere.
run: setup
	@echo ""
	@echo "  Archive: http://$(HOST):$(PORT)/  (English: http://$(HOST):$(PORT)/en/)"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/"
	@echo "  A login for the admin: DJANGO_EDITOR_USERNAME=… DJANGO_EDITOR_PASSWORD=… $(MANAGE) create_editor"
	@echo ""
	@# The single indexer runs beside the web server and stops with it.
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) index_worker & worker=$$!; \
	$(MANAGE) runserver $(HOST):$(PORT)

# Debian's Chromium for the browser tests; Playwright drives it and never downloads its own.
chromium:
	scripts/ensure_chromium.sh

# The whole suite on SQLite (the embedded default), then the tests that use the database again
# on PostgreSQL (the scale-out path), with a server scripts/pg.sh starts from the machine's
# binaries and stops afterwards. A test without database access (Arabic text, extraction, a
# subprocess on its own SQLite file) gives the same result on both engines: the PostgreSQL
# pass leaves it out (``--database-only``, tests/conftest.py); PG_TEST_ARGS= runs every test.
# Both passes run in TEST_WORKERS pytest-xdist processes, each taking a whole test file at a
# time (module fixtures are built once), the files with slow tests first (tests/conftest.py);
# TEST_WORKERS=0 runs in one process.
PG_TEST_ARGS ?= --database-only
TEST_WORKERS ?= 2
XDIST_ARGS := -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder
test: venv messages chromium
	$(BIN)/pytest $(XDIST_ARGS)
	scripts/test-pg.sh $(XDIST_ARGS) $(PG_TEST_ARGS)

test-sqlite: venv messages chromium
	$(BIN)/pytest $(XDIST_ARGS)

test-browser: venv messages chromium
	$(BIN)/pytest $(XDIST_ARGS) -m browser

# The tests that use the database against a real PostgreSQL server that the script starts (and
# stops) itself; PG_TEST_ARGS= runs the whole suite there.
test-pg: venv messages chromium
	scripts/test-pg.sh $(XDIST_ARGS) $(PG_TEST_ARGS)

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

# Near-duplicate stories (docs/stories.md): precision and recall of "same story" on the
# labelled pairs; STORY_ARGS="--shingles 4 --thresholds 0.3" narrows the table.
story-quality: venv
	$(PY) bench/stories/evaluate.py $(STORY_ARGS)

# Story rebuild and incremental assignment at 41,000 articles, in a throwaway database.
story-speed: venv
	$(PY) bench/stories/speed.py $(STORY_ARGS)

# The saved-page set (docs/ingest.md): headline, date, start, end and byline per page.
page-quality: venv
	$(PY) bench/pages/evaluate.py $(PAGE_ARGS)

# The entity gold set (docs/entities.md): precision, recall and F1 per kind on the development
# and held-out articles, in a throwaway archive; EXTRACTION_ARGS="--verbose" lists every miss
# and false positive, "--json" prints JSON, "--seeds" measures the five seeds instead.
extraction-quality: venv
	$(PY) bench/extraction_quality.py $(EXTRACTION_ARGS)

clean:
	-scripts/pg.sh stop
	rm -rf var .pytest_cache .ruff_cache
