# Set-up is two commands: `make demo` and `make test`. Everything the project needs is installed
# from here into .venv (Python packages) and Maven's cache (the Neo4j engine) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEPS_STAMP := $(VENV)/.deps-installed
CHROMIUM := /usr/bin/chromium
EDITABLE := --no-deps --no-build-isolation -e . --config-settings editable_mode=strict

.PHONY: demo test test-shuffled lint typecheck pytest install check-tools clean-venv messages bench-tools

demo: install
	$(BIN)/kennisgraaf demo $(DEMO_FLAGS)

test: install $(CHROMIUM) lint typecheck pytest

# The page test drives a real headless Chromium (Debian's package).
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else echo "the browser test needs Chromium: sudo apt-get install -y chromium"; exit 1; fi

# The HTTP load generator the API benchmarks drive (Debian's package).
bench-tools:
	@command -v wrk >/dev/null || if [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
	apt-get install -y -qq wrk; else echo "the API benchmarks need wrk: sudo apt-get install -y wrk"; \
	exit 1; fi

check-tools:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed")'
	@command -v java >/dev/null || { echo "Java 17+ is needed for the local Neo4j"; exit 1; }
	@command -v mvn >/dev/null || { echo "Maven is needed to fetch the local Neo4j"; exit 1; }

$(DEPS_STAMP): pyproject.toml constraints.txt
	@$(MAKE) --no-print-directory check-tools
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]' --config-settings editable_mode=strict
	touch $@

# The strict editable install links files into a tree mypy can read; re-linking picks up new files.
install: $(DEPS_STAMP)
	$(BIN)/python -m pip install -q $(EDITABLE)

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The package and the tests, both strict (pyproject.toml [tool.mypy]).
typecheck:
	$(BIN)/mypy -p kennisgraaf
	$(BIN)/mypy tests

# Prints the line coverage of the kennisgraaf package by the tests in the test processes (not by
# the CLI or worker processes they start) and fails below the floor, set just below the figure of
# the last full run (92.7 % on 2 December 2026): raise it when coverage grows.
# `.venv/bin/coverage report` lists the files.
# The test files are shared out to TEST_WORKERS processes (pytest-xdist), each with its own
# local Neo4j; a file's tests stay together on one worker (--dist loadfile), so a module's
# declared graph is built once. TEST_WORKERS=0 runs everything in this process, as it must with
# an external Neo4j (NEO4J_URI): the workers would wipe each other's database.
COVERAGE_FLOOR ?= 92
TEST_WORKERS ?= $(if $(NEO4J_URI),0,2)
pytest:
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --cov=kennisgraaf --cov-report= \
		--cov-fail-under=$(COVERAGE_FLOOR)

# The tests in random order (pytest-randomly): each module starts from the state it declares,
# whatever ran before. The seed is printed; `make test-shuffled PYTEST_ARGS=--randomly-seed=N`
# repeats an order, PYTEST_ARGS=tests/integration shuffles one folder.
test-shuffled: install
	$(BIN)/pytest -p randomly $(PYTEST_ARGS)

# The pages' Dutch (api/i18n.py): the texts marked in api/ merged into api/locale/nl/…/pages.po,
# new ones with an empty translation for a translator to fill in (a test holds every one filled).
messages: install
	$(BIN)/pybabel extract -F api/locale/babel.cfg -k translate:2 -k N_ --no-wrap --sort-by-file \
		--add-location=file --project kennisgraaf -o build/pages.pot .
	$(BIN)/pybabel update -i build/pages.pot -d api/locale -D pages -l nl --no-wrap -N --ignore-obsolete

clean-venv:
	rm -rf $(VENV) build
