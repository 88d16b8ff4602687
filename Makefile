# Two commands on a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: run install test test-fast lint messages chromium clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

messages: install
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null)
	$(PY) manage.py compilemessages --ignore=.venv >/dev/null

run: install messages
	IOP_DEMO=1 $(PY) manage.py migrate --noinput
	IOP_DEMO=1 $(PY) manage.py load_demo
	IOP_DEMO=1 $(PY) manage.py rebuild_deadlines
	IOP_DEMO=1 $(PY) manage.py runserver 127.0.0.1:8000

# Browser tests drive Debian's Chromium; install it when it is missing.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# Across every core (pytest-xdist); pytest exits 5 when it collected no tests, and that must
# fail, never pass silently.
test: install messages chromium
	$(PY) -m pytest -p no:cacheprovider -n auto $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$status

test-fast: install
	$(PY) -m pytest -m "not browser" -x -q $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
