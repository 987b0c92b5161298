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

.PHONY: install run test test-sqlite test-postgres schema bench bench-bi bench-attachments bench-replica clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: install
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/crm-graphql migrate
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/crm-graphql seed --demo
	DATABASE_URL=$(DEMO_DATABASE_URL) CRM_DEVELOPMENT=1 $(BIN)/crm-graphql serve --host 127.0.0.1 --port $(PORT)

test: install
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$CRM_REQUIRE_POSTGRES" ] || $(BIN)/python -m tests.postgres_reachable; then \
		$(MAKE) --no-print-directory test-postgres; \
	else \
		echo "PostgreSQL is not reachable at $(CRM_TEST_POSTGRES_URL): its run was skipped"; \
	fi

test-sqlite: install
	CRM_TEST_DATABASE=sqlite $(BIN)/pytest -q $(PYTEST_ARGS)

test-postgres: install
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
	rm -rf $(VENV) crm.sqlite3 crm.sqlite3-*
