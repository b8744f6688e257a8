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
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve --livereload

browser:  ## Debian's Chromium (and pdftotext) for the browser tests; no browser download
	@if [ ! -x $(CHROMIUM) ] || ! command -v pdftotext >/dev/null; then \
	  echo "Installing Debian packages: chromium poppler-utils"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils >/dev/null; \
	fi

node_modules/.package-lock.json: package.json package-lock.json  ## axe-core for the accessibility tests
	npm ci --no-audit --no-fund --ignore-scripts

test: $(STAMP) browser node_modules/.package-lock.json  ## set up and run every test, browser tests included
	$(PY) -m pytest

bench: $(STAMP) browser  ## write BENCHMARKS.md
	$(PY) scripts/bench.py

clean:
	rm -rf site build dist .pytest_cache
