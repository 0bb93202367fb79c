# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/portal
PG_REDIS_URL ?= redis://127.0.0.1:6379/0
PYTEST_ARGS ?= -n 2

export PIP_DISABLE_PIP_VERSION_CHECK := 1
# The Makefile is for development and CI; production runs gunicorn and celery (README).
export DEBUG ?= on

.PHONY: help install install-dev system-deps browser-deps messages run test test-pg check-runtime lint bench bench-deps clean

help:
	@echo "make run      install, migrate, load demo data and serve http://127.0.0.1:8000 (web, worker, beat)"
	@echo "make test     install and run the whole test suite on SQLite"
	@echo "make test-pg  the suite on PostgreSQL and Redis, with the PostgreSQL-only tests"
	@echo "make check-runtime  requirements.txt alone in a fresh venv: Celery worker and beat on Redis"
	@echo "make lint     ruff, makemigrations --check and missing Danish translations"
	@echo "make bench   every page against a baseline view under gunicorn, contract PDF, deadline scan (N=100000)"

$(PY):
	python3.11 -m venv $(VENV) || python3 -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# gettext compiles the translations; WeasyPrint needs Pango, and embeds fonts with HarfBuzz's
# subsetter (without it a slower pure-Python fallback). Installed only when missing.
system-deps:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	ldconfig -p | grep -q libpango-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	ldconfig -p | grep -q libharfbuzz-subset || missing="$$missing libharfbuzz-subset0"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $$(command -v sudo) apt-get update -qq && $$(command -v sudo) apt-get install -y -qq $$missing; \
	fi

# Debian's Chromium for the browser tests (never a downloaded browser), pdftotext for PDFs.
browser-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $$(command -v sudo) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$(command -v sudo) apt-get install -y -qq $$missing; \
	fi

messages: system-deps install
	$(MANAGE) compilemessages --ignore=$(VENV) --ignore=var -v 0

# honcho runs the Procfile's commands with the virtualenv first on PATH. E-mail links point
# at the port the portal serves on: `make run PORTAL_PORT=8001`.
export PORTAL_PORT ?= 8000
export PORTAL_BASE_URL ?= http://127.0.0.1:$(PORTAL_PORT)
run: export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
run: messages
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput -v 0
	$(MANAGE) seed_demo
	$(VENV)/bin/honcho start

test: install-dev messages browser-deps
	$(VENV)/bin/pytest -m "not postgres" $(PYTEST_ARGS)

test-pg: install-dev messages browser-deps
	DATABASE_URL=$(PG_URL) REDIS_URL=$(PG_REDIS_URL) $(VENV)/bin/pytest $(PYTEST_ARGS)

# requirements.txt alone, in its own fresh virtualenv (var/ci-runtime-venv), runs a Celery
# worker and beat against Redis with DEBUG off; a task must round-trip (.ci/check-runtime-requirements).
check-runtime:
	.ci/check-runtime-requirements

lint: install-dev messages
	$(VENV)/bin/ruff check .
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check_translations

# wrk drives the pages in `make bench`; Debian's package, installed only when missing.
bench-deps:
	@command -v wrk >/dev/null || { \
	  echo "Installing: wrk"; \
	  $$(command -v sudo) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$(command -v sudo) apt-get install -y -qq wrk; \
	}

# Benchmarks report numbers against targets; they are not pass/fail tests (README,
# "Performance"). N requests are seeded once into BENCH_DB (default portal_bench, or
# portal_bench_<N> for another N) and reused; `make bench N=1000` is a quick run.
N ?= 100000
BENCH_DB ?=
BENCH_PG_URL ?= $(PG_URL)
BENCH_REDIS_URL ?= $(PG_REDIS_URL)
bench: install-dev messages bench-deps
	BENCH_N=$(N) BENCH_DB=$(BENCH_DB) BENCH_PG_URL=$(BENCH_PG_URL) \
	  BENCH_REDIS_URL=$(BENCH_REDIS_URL) $(PY) -m tests.bench.run

# 50 users of every role for 2 minutes on gunicorn against PostgreSQL (tests/load/loadtest.py):
# no 5xx, no lost write, every frame within its amount. LOAD_USERS= and LOAD_SECONDS= for less.
loadtest: install-dev messages
	LOAD_PG_URL=$(PG_URL) LOAD_REDIS_URL=$(PG_REDIS_URL) $(PY) -m tests.load.loadtest

# The database (DATABASE_URL, else the SQLite file of `make run`) and the media files, with
# SHA-256 sums: `make backup` writes var/backups/<time>; `make restore BACKUP=var/backups/<time>`.
BACKUP ?= var/backups/$(shell date -u +%Y%m%dT%H%M%SZ)
backup: install
	$(MANAGE) backup $(BACKUP)

restore: install
	@test -n "$(BACKUP)" && test -d "$(BACKUP)" || (echo "make restore BACKUP=<directory of a backup>"; exit 1)
	$(MANAGE) restore --yes $(BACKUP)

clean:
	rm -rf var/test staticfiles
