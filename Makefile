# Two commands for a fresh machine: `make build` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
CHROMIUM ?= /usr/bin/chromium
# pytest-xdist workers, one per core up to four: the suite mostly waits on browsers, servers and builds, and
# each worker builds the shipped site and starts a browser once.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ $$n -gt 4 ] && n=4; echo $$n)

.PHONY: build site offline validate fmt fmt-check serve admin test test-js test-python check bench clean setup browser pins \
	editor-screenshots

build: $(RUNTIME) node_modules/.package-lock.json validate offline site  ## set up and build the offline zip in dist/, then site/ (which offers it)

setup: $(DEV) node_modules/.package-lock.json

# Pinned dependencies with hashes, then the project itself (editable, without resolving anything more).
$(RUNTIME): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements.txt
	$(PIP) install --no-deps --no-build-isolation --editable .
	touch $@

$(DEV): requirements-dev.txt $(RUNTIME)
	$(PIP) install --require-hashes --no-deps -r requirements-dev.txt
	touch $@

validate: $(RUNTIME)  ## check data/ and report every problem
	$(BIN)/wegwijzer validate

site: $(RUNTIME) node_modules/.package-lock.json  ## the site, with the form editor at /admin/ (copied from node_modules)
	$(BIN)/wegwijzer build --out site $$(ls dist/wegwijzer-offline-*.zip >/dev/null 2>&1 && echo --attach-zip dist)

offline: $(RUNTIME)
	$(BIN)/wegwijzer build --offline --out build/offline --zip dist

fmt: $(RUNTIME)  ## write every data file the way the project writes it
	$(BIN)/wegwijzer fmt

fmt-check: $(RUNTIME)
	$(BIN)/wegwijzer fmt --check

serve: $(RUNTIME)  ## live preview for editors; rebuilds when data/ changes
	$(BIN)/wegwijzer serve

admin: $(RUNTIME) node_modules/.package-lock.json  ## the form editor on this machine: saves straight into data/
	$(BIN)/wegwijzer admin

editor-screenshots: $(DEV) browser node_modules/.package-lock.json  ## the screenshots CONTRIBUTING.md shows
	WEGWIJZER_EDITOR_SCREENSHOTS=docs/editor $(BIN)/python -m pytest tests/test_editor.py -k "adds or one_changed or mobile_number or made_invalid"

browser:  ## Debian's Chromium (and pdftotext) for the browser tests; no browser download
	@if [ ! -x $(CHROMIUM) ] || ! command -v pdftotext >/dev/null; then \
	  echo "Installing Debian packages: chromium poppler-utils"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils >/dev/null; \
	fi

node_modules/.package-lock.json: package.json package-lock.json  ## front-end packages, pinned by package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

test: $(DEV) browser node_modules/.package-lock.json test-js test-python  ## set up and run every test

test-js: node_modules/.package-lock.json  ## unit tests of the site's scripts (Node's own test runner)
	node --test tests/js/

check: $(DEV) node_modules/.package-lock.json test-js  ## the fast tier for the inner loop: no site build, no browser
	$(BIN)/python -m pytest -m "not slow" -q -n $(TEST_WORKERS) --dist worksteal

test-python: $(DEV) browser node_modules/.package-lock.json  ## everything else, browser tests included
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

bench: $(DEV) browser node_modules/.package-lock.json  ## write BENCHMARKS.md
	$(BIN)/wegwijzer-dev bench

pins:  ## regenerate requirements*.txt (with hashes) from requirements*.in
	$(PYTHON) -m venv .pins-venv && .pins-venv/bin/pip install --quiet pip-tools==7.6.2
	.pins-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links -o requirements.txt requirements.in
	.pins-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links -o requirements-dev.txt requirements-dev.in
	rm -rf .pins-venv

clean:
	rm -rf site build dist .pytest_cache
