# Two commands matter: `make run` (demo API on SQLite) and `make test` (every test on
# SQLite, then on PostgreSQL when it is reachable or required).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
DEMO_DATABASE_URL ?= sqlite://crm.sqlite3
PORT ?= 8000
CRM_TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export CRM_TEST_POSTGRES_URL

.PHONY: install test-tools run test test-sqlite test-postgres schema bench bench-bi bench-attachments bench-replica bench-live clean

# Node tools the tests run: graphql-inspector (schema diff of a rename, tests/schema_diff)
# and graphql-http's audit (tests/http_audit), pinned by their lockfiles. `make run` needs
# neither; `make test` needs npm (.ci/run installs it).
NODE_MODULES := tests/schema_diff/node_modules/.package-lock.json tests/http_audit/node_modules/.package-lock.json

install: $(STAMP)

test-tools: $(NODE_MODULES)

%/node_modules/.package-lock.json: %/package.json %/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make test needs Node.js and npm (apt-get install nodejs npm)"; exit 1; }
	cd $* && npm ci --no-audit --no-fund --loglevel=error

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: install
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/crm-graphql migrate
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/crm-graphql seed --demo
	DATABASE_URL=$(DEMO_DATABASE_URL) CRM_DEVELOPMENT=1 $(BIN)/crm-graphql serve --host 127.0.0.1 --port $(PORT)

# Both runs always happen (PostgreSQL's even when SQLite's failed); the target fails if either did.
test: install
	@sqlite=0; $(MAKE) --no-print-directory test-sqlite || sqlite=$$?; \
	postgres=0; \
	if [ -n "$$CRM_REQUIRE_POSTGRES" ] || $(BIN)/python -m tests.postgres_reachable; then \
		$(MAKE) --no-print-directory test-postgres || postgres=$$?; \
	else \
		echo "PostgreSQL is not reachable at $(CRM_TEST_POSTGRES_URL): its run was skipped"; \
	fi; \
	if [ $$sqlite -ne 0 ] || [ $$postgres -ne 0 ]; then \
		echo "test runs failed: SQLite exit $$sqlite, PostgreSQL exit $$postgres"; exit 1; \
	fi

test-sqlite: install test-tools
	CRM_TEST_DATABASE=sqlite $(BIN)/pytest -q $(PYTEST_ARGS)

test-postgres: install test-tools
	CRM_TEST_DATABASE=postgres $(BIN)/pytest -q $(PYTEST_ARGS)

schema: install
	$(BIN)/crm-graphql export-schema -o schema.graphql

bench: install
	$(BIN)/python bench/nested_view.py
	$(BIN)/python bench/bi.py $(BENCH_BI_ARGS)

# BI on 1,000,000 people and activities: grouped aggregate, export rate against COPY, memory.
# BENCH_BI_ARGS=--reuse keeps the seeded database (crm_bench_bi) between runs.
bench-bi: install
	$(BIN)/python bench/bi.py $(BENCH_BI_ARGS)

# Server memory and rate of a 10 MB attachment's upload and download, database store vs disk.
bench-attachments: install
	$(BIN)/python bench/attachments.py

# The nested view, the export and write latency with a primary + streaming replica vs the
# primary alone (a throwaway pair on ports 5440/5441, see bench/replica.py).
bench-replica: install
	$(BIN)/python bench/replica.py $(BENCH_REPLICA_ARGS)

clean:
	rm -rf $(VENV) crm.sqlite3 crm.sqlite3-* tests/schema_diff/node_modules tests/http_audit/node_modules

# Live updates (PostgreSQL, 2 workers): writes/s with the change feed on vs off, and commit-to-message
# latency at 100 subscribers (bench/live.py; BENCH_LIVE_ARGS="--rounds 1" for a quick look).
bench-live: install
	$(BIN)/python bench/live.py $(BENCH_LIVE_ARGS)
