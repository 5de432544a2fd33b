# The two commands: `make run` (embedded default: SQLite, jobs in-process) and
# `make test` (the whole suite against real PostgreSQL and Redis).
SHELL := /bin/bash
PYTHON_BOOTSTRAP ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

POSTGRES_HOST ?= 127.0.0.1
POSTGRES_PORT ?= 5432
REDIS_HOST ?= 127.0.0.1
REDIS_PORT ?= 6379

.PHONY: run test lint services install migrate demo check-deploy messages clean bench

$(PY):
	$(PYTHON_BOOTSTRAP) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: install
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py load_demo --if-empty
	@echo "Horisont is at http://127.0.0.1:8000/  (admin: http://127.0.0.1:8000/admin/)"
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py runserver 127.0.0.1:8000

services:
	@bash scripts/ensure-services.sh
	@bash scripts/ensure-chromium.sh

test: install services
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest --create-db $(PYTEST_ARGS)

# Lint, format and the layer contract (docs/architecture.md); .ci/run runs it before the tests.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# The benchmark at national scale against its floors (docs/performance.md); not part of
# `make test`. About 15 minutes; `make bench BENCH_ARGS="--reuse-db --duration 5"` is quick.
bench: install services
	$(PY) bench/run.py $(BENCH_ARGS)

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  DATABASE_URL=postgres://postgres@127.0.0.1:5432/horisont REDIS_URL=redis://127.0.0.1:6379/0 \
	  ALLOWED_HOSTS=horisont.example.org HORISONT_IATI_REPORTING_ORG_REF=$${HORISONT_IATI_REPORTING_ORG_REF:-DK-CVR-12345678} \
	  $(PY) manage.py check --deploy --fail-level WARNING

messages: install
	$(PY) manage.py makemessages -l da -l sv --no-obsolete --ignore=.venv --ignore=bench --ignore=node_modules --ignore=staticfiles
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
