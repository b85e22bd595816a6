# Targets named by intent: setup · run · test · lint · format · bench.
# `make run` and `make test` are the two commands in README; .ci/run calls `make test`.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup run test lint format bench

# A fresh virtualenv with the package (editable) and its dev extras; redone when
# pyproject.toml changes.
setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Build (SHACL validation, materialisation, HermiT check), report validation, then serve.
run: setup
	$(BIN)/werkagenda build
	$(BIN)/werkagenda validate
	$(BIN)/werkagenda serve --host $(HOST) --port $(PORT)

# Every test; the browser tests need Debian's chromium + chromedriver.
test: setup
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	fi
	@command -v java >/dev/null || { apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y default-jre-headless; }
	@test ! -f package.json || npm install --no-audit --no-fund --silent
	cd tests/editions && npm ci --no-audit --no-fund --silent   # the LDES client the feed tests run
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src
	$(BIN)/werkagenda fmt --check

format: setup
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/werkagenda fmt

bench: setup
	$(BIN)/python benchmarks/build_bench.py
	$(BIN)/python benchmarks/run.py --quick
