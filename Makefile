# The register's everyday commands. `make run` and `make test` set up everything they need:
# without DATABASE_URL they run under an embedded PostgreSQL kept in .data/postgres.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements-dev.lock pyproject.toml | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Links in the e-mails of `make run` point at the address it serves (a server listening on
# every interface is reached on this machine's loopback address).
SITE_URL ?= http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
# Runs a command with DATABASE_URL set: the one given, or the embedded server's (config/devdb.py).
DEVDB  := $(BIN)/python -m config.devdb run
MANAGE := $(BIN)/python manage.py

.PHONY: help install run serve test bench bench-quick wrk lint format check worker beat assets messages lock clean clean-data

help:
	@echo "make run        serve the demo register at http://$(HOST):$(PORT) (embedded PostgreSQL unless DATABASE_URL is set);"
	@echo "               make run PORT=8101 HOST=0.0.0.0 serves elsewhere; e-mail links follow"
	@echo "make test       run the whole test suite (DATABASE_URL and REDIS_URL, or embedded servers)"
	@echo "make bench      the benchmark at 100,000 published systems (bench/; make bench-quick: 10,000)"
	@echo "make lint       ruff lint and format check, migration check, catalogues up to date"
	@echo "make worker     run a Celery worker (needs CELERY_BROKER_URL)"
	@echo "make beat       run the Celery beat scheduler (needs CELERY_BROKER_URL)"
	@echo "make assets     rebuild the front-end assets from package.json (needs Node.js)"
	@echo "make messages   update and compile the kk and ru translation catalogues (needs gettext)"
	@echo "make lock       re-pin every dependency from pyproject.toml"
	@echo "make clean-data stop the embedded PostgreSQL and delete its data (.data/)"

$(STAMP): requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# The quick start: debug mode, demo banner, tasks in-process unless CELERY_BROKER_URL is set.
# The embedded server (when DATABASE_URL is not set) lives as long as the register: Ctrl-C, or
# SIGTERM to make, stops both (`exec` so that make's signal reaches the wrapper itself).
run: install
	exec env DEBUG=$${DEBUG:-true} DEMO_MODE=$${DEMO_MODE:-true} $(DEVDB) -- \
		$(MAKE) --no-print-directory serve

# What `make run` runs once DATABASE_URL is set.
serve:
	$(MANAGE) migrate --noinput
	SITE_URL=$(SITE_URL) $(MANAGE) seed_demo
	SITE_URL=$(SITE_URL) $(MANAGE) runserver $(HOST):$(PORT)

# Redis too: REDIS_URL, or a private one for the run.
test: install
	exec $(DEVDB) --redis -- $(BIN)/python -m pytest $(PYTEST_ARGS)

# The benchmark (bench/__init__.py): a database of its own next to the register's, gunicorn with
# production settings, Debian's wrk. BENCH_ARGS="--only card --reuse" measures some pages again.
bench: install wrk
	exec $(DEVDB) -- $(BIN)/python -m bench $(BENCH_ARGS)

bench-quick: install wrk
	exec $(DEVDB) -- $(BIN)/python -m bench --count 10000 $(BENCH_ARGS)

wrk:
	@command -v wrk >/dev/null || { test "$$(id -u)" = 0 && command -v apt-get >/dev/null \
		&& apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk; } \
		|| { echo "The benchmark drives the register with wrk: sudo apt-get install wrk" >&2; exit 2; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	PYTHON=$(BIN)/python bash scripts/check-messages.sh

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install
	exec $(DEVDB) -- $(BIN)/celery -A config worker --loglevel=INFO

beat: install
	$(BIN)/celery -A config beat --loglevel=INFO

assets:
	bash scripts/build-assets.sh

messages: install
	DEBUG=true $(BIN)/python manage.py makemessages -l kk -l ru --no-location \
		--ignore=.venv --ignore=node_modules --ignore=staticfiles
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet . && \
		{ echo "# Exact versions of everything the register needs at run time. Regenerate with \`make lock\`."; \
		  .lock-venv/bin/pip freeze --exclude-editable | grep -v '^ai-register'; } > requirements.lock
	.lock-venv/bin/pip install --quiet '.[dev]' && \
		{ echo "# Exact versions of everything the test suite needs (runtime and development). Regenerate with \`make lock\`."; \
		  .lock-venv/bin/pip freeze --exclude-editable | grep -v '^ai-register'; } > requirements-dev.lock
	rm -rf .lock-venv build *.egg-info

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache build *.egg-info

clean-data:
	if test -x $(BIN)/python; then $(BIN)/python -m config.devdb stop; fi
	rm -rf .data
