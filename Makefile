# Study guide: every command creates .venv from requirements.txt first if it is missing or stale.
#   make book       execute what changed and build the HTML book into _build/html/
#   make test       run the whole test suite (unit, data, nbval, book, HTML, browser, JupyterLab)
#   make check      the fast inner loop: ruff, unit and data tests (seconds; no browser, no build)
#   make lab        JupyterLab on the guide (headless: prints the URL to open)
#   make notebooks  re-execute the notebooks and save their outputs (what nbval compares against)
#   make bench      build times, notebook times, page weights, explorer sizes, view latencies
#   make mutation   mutation score of studyguide/ under the fast tests (mutmut; a benchmark)
#   make clean      remove the built book and caches (keeps .venv)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
FAST   := tests/test_units_*.py tests/test_data.py tests/test_lint.py

.PHONY: venv book test check lab notebooks bench mutation clean distclean browser

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip check
	touch $(STAMP)

venv: $(STAMP)

book: $(STAMP)
	$(BIN)/python -m studyguide.build

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here);
# the CJK fonts let screenshots show the Japanese quotations.
browser:
	@dpkg -s chromium fonts-noto-cjk >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk; }

test: $(STAMP) browser
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/ruff check studyguide tests
	$(BIN)/python -m pytest -q -o addopts=-ra $(FAST)

notebooks: $(STAMP)
	$(BIN)/python -m studyguide.notebooks chapters/*.ipynb

lab: $(STAMP)
	$(BIN)/jupyter lab --no-browser $(ROOT_FLAG) --notebook-dir=. chapters/

bench: $(STAMP)
	$(BIN)/python -m studyguide.bench

mutation: $(STAMP)
	$(BIN)/python -m studyguide.mutation

clean:
	rm -rf _build .pytest_cache .jupyter_cache mutants

distclean: clean
	rm -rf $(VENV) *.egg-info
