# Solidarity: `make demo` serves the demo registry, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install demo serve test test-suite test-fast lint audit translations bench clean prod-check

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Solidarity needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	$(BIN)/solidarity compiletranslations

demo: install
	PORT=$(PORT) $(BIN)/solidarity demo

serve: install
	PORT=$(PORT) $(BIN)/solidarity serve

lint: $(STAMP)
	$(BIN)/ruff check solidarity bench .ci deploy
	$(BIN)/ruff format --check solidarity bench .ci deploy
	$(BIN)/mypy solidarity bench

test: install lint test-suite

audit: $(STAMP)
	$(BIN)/python .ci/audit.py

test-suite: install
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -x -q

bench: install
	$(BIN)/python bench/registry.py

clean:
	rm -rf $(VENV) var/*.sqlite3* .pytest_cache .mypy_cache .ruff_cache

# The production stack on loopback (PostgreSQL, Redis, gunicorn, an RQ worker, nginx if
# installed) and a smoke test through it. PROD_DATABASE_URL and REDIS_URL override.
prod-check: install
	$(BIN)/python deploy/prod_check.py
