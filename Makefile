# Two commands for a fresh machine: `make build` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: build site offline validate serve test test-fast bench clean setup browser

build: $(STAMP) validate site offline  ## set up and build site/ plus the offline zip in dist/

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

validate: $(STAMP)  ## check data/ and report every problem
	$(PY) scripts/validate.py

site: $(STAMP)
	$(PY) scripts/build.py --out site

offline: $(STAMP)
	$(PY) scripts/build.py --offline --out build/offline --zip dist

serve: $(STAMP)  ## live preview for editors; rebuilds when data/ changes
	$(PY) -m mkdocs serve --livereload

browser:  ## Debian's Chromium for the browser tests (no browser download)
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

test: $(STAMP) browser  ## set up and run every test, browser tests included
	$(PY) -m pytest

bench: $(STAMP) browser  ## write BENCHMARKS.md
	$(PY) scripts/bench.py

clean:
	rm -rf site build dist .pytest_cache
