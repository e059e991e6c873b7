# Study guide: every command creates .venv from requirements.txt first if it is missing or stale.
#   make book       execute every notebook and build the HTML book into _build/html/
#   make test       run the whole test suite (unit, data, nbval, book, HTML, browser)
#   make lab        JupyterLab on the chapters, with the studyguide package importable
#   make notebooks  re-execute the notebooks and save their outputs (what nbval compares against)
#   make bench      build and widget timings
#   make clean      remove the built book and caches (keeps .venv)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: venv book test lab notebooks bench clean distclean browser

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip check
	touch $(STAMP)

venv: $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build --all -W -n --keep-going .

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here);
# the CJK fonts let screenshots show the Japanese quotations.
browser:
	@dpkg -s chromium fonts-noto-cjk >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk; }

test: $(STAMP) browser
	$(BIN)/python -m pytest

notebooks: $(STAMP)
	$(BIN)/python -m studyguide.notebooks chapters/*.ipynb

lab: $(STAMP)
	$(BIN)/jupyter lab chapters/

bench: $(STAMP)
	$(BIN)/python -m studyguide.bench

clean:
	rm -rf _build .pytest_cache .jupyter_cache

distclean: clean
	rm -rf $(VENV) *.egg-info
