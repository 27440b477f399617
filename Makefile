# regionportal — `make run` serves the demo portal, `make test` runs the tests.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_PORT ?= 8098
# Nu HTML Checker from npm (vnu-jar), project-local and git-ignored; runs on Java 17. Each npm tool
# has its own prefix below .tools/ (npm removes what a prefix's last install did not ask for).
TOOLS := .tools
VNU_VERSION ?= 26.9.27
VNU_JAR := $(TOOLS)/vnu/node_modules/vnu-jar/build/dist/vnu.jar

.DEFAULT_GOAL := help
.PHONY: help run dev static bench lighthouse test test-service test-postgres test-browser test-html vnu lint check setup demo clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,browser]"
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the dependencies

demo: $(STAMP) ## Migrate, load the demo content and make sure an admin login exists
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_content --hostname $(HOST) --port $(PORT)
	$(BIN)/python manage.py ensure_admin --demo-users

# Links in admin e-mails (workflow, reminders) follow HOST and PORT unless the variable is set.
# `make run` serves as production does (regionportal/settings/local.py): gunicorn with WORKERS web
# workers, compressed static files, the page cache, DEBUG off; the worker runs beside it.
WORKERS ?= 3
run: export DJANGO_SETTINGS_MODULE = regionportal.settings.local
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: demo static ## Set everything up and serve the portal on http://127.0.0.1:8000 (gunicorn, worker)
	@echo "Portal: http://$(HOST):$(PORT)/   Redaktion: http://$(HOST):$(PORT)/admin/"
	$(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn regionportal.wsgi --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile -

static: $(STAMP) ## Collect and compress the static files (for make run and make bench)
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0

# For template and CSS work: Django's autoreloading development server, static files from source.
dev: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
dev: demo ## Serve with the autoreloading development server (DEBUG on, no collectstatic)
	$(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

bench: export DJANGO_SETTINGS_MODULE = regionportal.settings.local
bench: demo static ## Measure req/s, latency, queries and bytes per page (gunicorn, 2 workers, wrk)
	$(BIN)/python tools/bench.py --host $(HOST) --port $(BENCH_PORT)

LIGHTHOUSE := $(TOOLS)/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	@command -v npm >/dev/null || (echo "npm is missing: apt-get install npm" && exit 2)
	npm install --prefix $(TOOLS)/lighthouse --no-save --no-audit --no-fund lighthouse@12

lighthouse: $(STAMP) $(LIGHTHOUSE) ## Lighthouse mobile scores of the main pages of a running make run (BASE=…)
	$(BIN)/python tools/lighthouse.py --base $(or $(BASE),http://$(HOST):$(PORT))

test: $(STAMP) ## Run the test suite (SQLite, no browser)
	$(BIN)/python -m pytest -m "not browser and not service" $(PYTEST_ARGS)

test-postgres: $(STAMP) ## Run the test suite against DATABASE_URL (PostgreSQL)
	@test -n "$(DATABASE_URL)" || (echo "Set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/regionportal" && exit 2)
	DATABASE_URL=$(DATABASE_URL) $(BIN)/python -m pytest -m "not browser and not service" $(PYTEST_ARGS)

test-service: $(STAMP) ## Run the tests that start servers of their own (gunicorn, caches; REDIS_URL if set)
	$(BIN)/python -m pytest -m service $(PYTEST_ARGS)

test-browser: $(STAMP) ## Run the browser tests in headless Chromium (/usr/bin/chromium)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

$(VNU_JAR):
	@command -v npm >/dev/null || (echo "npm is missing: apt-get install npm" && exit 2)
	npm install --prefix $(TOOLS)/vnu --no-save --no-audit --no-fund --ignore-scripts vnu-jar@$(VNU_VERSION)
	@test -s $(VNU_JAR) && touch $(VNU_JAR)

vnu: $(VNU_JAR) ## Install the Nu HTML Checker (npm vnu-jar) into .tools/

test-html: $(STAMP) $(VNU_JAR) ## Validate the HTML of every page with the Nu HTML Checker (needs Java 17)
	@command -v java >/dev/null || (echo "java is missing: apt-get install default-jre-headless" && exit 2)
	VNU_JAR=$(VNU_JAR) $(BIN)/python -m pytest -m html $(PYTEST_ARGS)

lint: $(STAMP) ## Ruff lint and format check, Django checks, missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Vendored assets, trimmed from the full builds in assets/ (outside static/, never collected).
.PHONY: fonts kern-css
fonts: $(STAMP) ## Subset Fira Sans (assets/fonts/) into static/vendor/kern/fonts/ with fira-sans.css
	$(BIN)/python tools/subset_fonts.py

kern-css: $(STAMP) ## Trim KERN (assets/kern/kern.min.css) to the classes the templates use
	$(BIN)/python tools/trim_kern_css.py

clean: ## Remove the virtualenv, local database, media and collected static files
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache *.egg-info
