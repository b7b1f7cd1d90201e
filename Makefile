PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test venv clean bench phoenix

$(BIN)/activate:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/pip install -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/activate pyproject.toml
	$(BIN)/pip install -e '.[test]'
	touch $(VENV)/.installed $@

# The .txt example carries no date of its own; --date is the publication date for such records.
run: $(VENV)/.installed
	$(BIN)/eventwire code examples/ --date 2019-04-19 --db eventwire.duckdb
	$(BIN)/eventwire query --db eventwire.duckdb --limit 30
	@echo
	@echo "Open the dashboard on these events:"
	@echo "  $(BIN)/eventwire serve --db eventwire.duckdb    # then browse http://127.0.0.1:8000"

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) eventwire.duckdb

# Rebuild the imported actor layer (data/phoenix/) from the Phoenix dictionaries; the result is committed,
# so `make run` and `make test` never need them.
PHOENIX ?= ../shared/reference/phoenix
phoenix: $(VENV)/.installed
	$(BIN)/eventwire dict build-phoenix $(PHOENIX) src/eventwire/data/phoenix --patterns src/eventwire/data/patterns/phoenix
