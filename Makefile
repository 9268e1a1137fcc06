# Certifiable — the two commands: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install demo serve test test-postgres browsers documents migrate totp bench clean
AXE := node_modules/axe-core/axe.min.js

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test,redis]"
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	@mkdir -p var
	DEBUG=true $(PY) manage.py migrate --noinput

## make demo: set up, load the demo data and run the site with a django-q2 worker on http://$(HOST):$(PORT)
demo: migrate documents
	DEBUG=true $(PY) manage.py load_demo
	@$(MAKE) --no-print-directory serve

serve: install
	@echo "Starting the web server on http://$(HOST):$(PORT) and a django-q2 worker (Ctrl-C stops both)."
	@PY=$(PY) HOST=$(HOST) PORT=$(PORT) exec bin/serve.sh

totp: install
	@DEBUG=true $(PY) manage.py demo_totp admin@example.com

## make test: set up and run the whole suite (browser tests included)
test: install browsers documents $(AXE)
	@mkdir -p var
	$(PY) -m pytest $(PYTEST_ARGS)

browsers:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium for the browser tests (Debian packages)…"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; }

# Certificates: weasyprint renders them with pango; the tests read them back with pdftotext (poppler-utils).
documents:
	@{ command -v pdftotext >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; } || { \
	  echo "Installing pango and poppler-utils for the certificates (Debian packages)…"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 poppler-utils >/dev/null; }

# axe-core, from the npm registry at the version package-lock.json pins: the browser tests run it on every page.
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Node.js and npm for axe-core (Debian packages)…"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(AXE)

## make bench: time the key pages against a bare "floor" view on a small and a large dataset (needs wrk)
bench: install
	@command -v wrk >/dev/null 2>&1 || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get install -y -qq wrk >/dev/null || { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; }; }
	timeout 1800 $(PY) bench/run.py

clean:
	rm -rf $(VENV) var static node_modules
