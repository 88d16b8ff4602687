# Two commands on a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
PORT ?= 8000

.PHONY: run install test test-fast lint messages chromium pdflibs ocr oidc-provider clean

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

# WeasyPrint subsets the fonts it embeds with HarfBuzz-Subset when the library is there (as in
# production, deploy/README.md); without it, it falls back to fontTools, which makes every PDF
# take nearly twice the CPU (the agreement PDF: ~0.8 s instead of ~0.45 s on a loaded machine).
pdflibs: install
	@if ! $(PY) -c "from weasyprint.text.ffi import harfbuzz_subset as h; raise SystemExit(h is None)"; then \
		echo "Installing libharfbuzz-subset0 for WeasyPrint's font subsetting"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libharfbuzz-subset0 >/dev/null) \
			|| echo "Could not install libharfbuzz-subset0: PDFs still work, with about twice the CPU"; \
	fi

# Scanned agreements are read by OCR (OCRmyPDF, Tesseract and its Swedish model; Ghostscript
# comes with them) and its misreadings of å, ä, ö corrected against a Swedish word list
# (wswedish). Without them a scanned PDF is refused with a message saying so.
OCR_PACKAGES := ocrmypdf tesseract-ocr tesseract-ocr-swe wswedish
ocr:
	@if ! command -v ocrmypdf >/dev/null || [ ! -f /usr/share/tesseract-ocr/5/tessdata/swe.traineddata ] \
		|| [ ! -f /usr/share/dict/swedish ]; then \
		echo "Installing OCR for scanned agreements: $(OCR_PACKAGES)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(OCR_PACKAGES) >/dev/null) \
			|| echo "Could not install OCR: scanned PDFs are refused with a message"; \
	fi

run: install messages pdflibs ocr
	IOP_DEMO=1 $(PY) manage.py migrate --noinput
	IOP_DEMO=1 $(PY) manage.py create_demo_seal
	IOP_DEMO=1 $(PY) manage.py load_demo
	IOP_DEMO=1 $(PY) manage.py rebuild_deadlines
	IOP_DEMO=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium; install it when it is missing.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# The sign-in tests start a real OpenID provider (npm's oidc-provider, tests/oidc/) with Node;
# install its locked dependencies when they are missing.
oidc-provider:
	@if [ ! -d tests/oidc/node_modules ]; then \
		echo "Installing the test OpenID provider (npm ci in tests/oidc)"; \
		cd tests/oidc && npm ci --no-audit --no-fund --silent; \
	fi

# Across every core (pytest-xdist); pytest exits 5 when it collected no tests, and that must
# fail, never pass silently.
test: install messages chromium pdflibs ocr oidc-provider
	$(PY) -m pytest -p no:cacheprovider -n auto $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$status

test-fast: install
	$(PY) -m pytest -m "not browser" -x -q $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .demo
