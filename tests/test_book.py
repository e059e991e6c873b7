"""The built book: every toc page present, links and anchors resolve, images have alt text,
no error output, nothing loaded from another site.

The session fixture `built_book` runs the same build as `make book` (-W: warnings are errors).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, toc_pages

pytestmark = pytest.mark.book


def _pages(html_dir: Path) -> list[Path]:
    return sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.parts)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def soups(built_book):
    return {p: _soup(p) for p in _pages(built_book)}


def test_every_toc_page_is_built(built_book):
    for page in toc_pages():
        assert (built_book / f"{page}.html").is_file(), page


def test_toc_lists_only_files_that_exist():
    for page in toc_pages():
        assert any((ROOT / f"{page}{ext}").is_file() for ext in (".md", ".ipynb")), page


def test_every_chapter_notebook_is_in_the_toc():
    listed = set(toc_pages())
    for nb in (ROOT / "chapters").glob("*.ipynb"):
        assert f"chapters/{nb.stem}" in listed, nb.name


def test_internal_links_and_anchors_resolve(built_book, soups):
    ids = {p: {el["id"] for el in s.find_all(id=True)} for p, s in soups.items()}
    broken = []
    for page, soup in soups.items():
        for a in soup.find_all("a", href=True):
            href = a["href"]
            if urlparse(href).scheme or href.startswith(("mailto:", "//")):
                continue
            target, anchor = urldefrag(href)
            dest = (page.parent / unquote(target)).resolve() if target else page
            if dest.is_dir():
                dest = dest / "index.html"
            if not dest.exists():
                broken.append(f"{page.name}: {href} (no file)")
            elif anchor and dest.suffix == ".html" and unquote(anchor) not in ids.get(dest, set()):
                broken.append(f"{page.name}: {href} (no anchor)")
    assert not broken, "\n".join(broken)


def test_every_image_has_alt_text(soups):
    missing = [f"{p.name}: {img.get('src', '')[:60]}" for p, s in soups.items()
               for img in s.find_all("img") if not (img.get("alt") or "").strip()]
    assert not missing, missing


def test_no_error_output(soups):
    for page, soup in soups.items():
        assert not soup.select(".output.error, .output.traceback, .output.stderr"), page.name
        text = soup.get_text()
        assert "Traceback (most recent call last)" not in text, page.name
        assert not re.search(r"\b(DataError|KeyError|ValueError):", text), page.name
        cells = {td.get_text(strip=True) for td in soup.find_all("td")}
        assert not cells & {"NaT", "nan", "<NA>", "None"}, page.name  # missing values leaked


def test_nothing_loads_from_another_site(soups):
    external = []
    for page, soup in soups.items():
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in soup.find_all(tag):
                url = el.get(attr) or ""
                if tag == "link" and "stylesheet" not in (el.get("rel") or []) and \
                        "preload" not in (el.get("rel") or []):
                    continue
                if urlparse(url).scheme in ("http", "https") or url.startswith("//"):
                    external.append(f"{page.name}: <{tag} {attr}={url}>")
        for script in soup.find_all("script"):
            if re.search(r"https?://(unpkg|cdn|cdnjs|ajax\.googleapis)", script.get_text()):
                external.append(f"{page.name}: inline script names a CDN")
    assert not external, "\n".join(external)


def test_only_the_search_page_loads_the_search_index(soups):
    """The 50 kB search index is loaded by search.html alone (studyguide/templates/layout.html);
    the theme would load it on every page for a search-as-you-type box the book does not use."""
    loading = {page.name for page, soup in soups.items()
               if any(s.get("src", "").endswith("searchindex.js") for s in soup.find_all("script"))}
    assert loading == {"search.html"}


def test_no_widget_javascript_and_no_control_before_the_script_runs(soups):
    """The book shows each explorer's static HTML: the default view plus its embedded views.
    Controls are made by the script; none is in the HTML (no dead controls without JS)."""
    explorers = 0
    for page, soup in soups.items():
        html = str(soup)
        assert "application/vnd.jupyter.widget-view+json" not in html, page.name
        assert "widget-state+json" not in html, page.name
        for ex in soup.select(".sg-explorer"):
            explorers += 1
            assert ex.select_one(".sg-explorer-view img, .sg-explorer-view table"), page.name
            assert ex.select_one("script.sg-explorer-states"), page.name
            assert not ex.select("select, input, button"), page.name
    assert explorers >= 2


def test_embedded_views_are_exactly_what_the_view_functions_return(built_book):
    """Every embedded state of chapter 1's explorer, rebuilt, equals the Python view's HTML."""
    import base64
    import json

    from studyguide import data, us_stance

    soup = _soup(built_book / "chapters" / "01_us_stance.html")
    states = json.loads(soup.select_one("#explorer-us-stance script.sg-explorer-states").string)
    explorer = us_stance.explorer(data.load("us_stance_statements"))
    combos = list(explorer.combinations())
    assert sorted(states["views"]) == sorted(".".join(map(str, c)) for c in combos)
    for combo in combos[::7]:  # a spread of them: each costs a chart
        layout = states["layouts"][states["views"][".".join(map(str, combo))]]
        rebuilt = "".join(p if isinstance(p, str) else "data:image/svg+xml;base64," +
                          base64.b64encode(p["s"].encode()).decode()
                          for p in (states["parts"][k] for k in layout))
        assert rebuilt == explorer.render(combo)[0], combo


def test_every_caption_links_its_csv_and_the_csv_is_published(built_book, soups):
    captions = 0
    for page, soup in soups.items():
        for source in soup.select(".sg-source"):
            if "Data: data/" not in source.get_text():
                continue
            captions += 1
            links = [a["href"] for a in source.find_all("a") if a["href"].endswith(".csv")]
            assert links, f"{page.name}: {source.get_text()[:80]}"
            for href in links:
                assert (page.parent / href).resolve().is_file(), href
    assert captions > 10
    assert (built_book / "data" / "datapackage.json").is_file()


def test_the_archive_holds_what_make_lab_needs(built_book):
    import zipfile

    from studyguide.sphinxext import ARCHIVE, ARCHIVE_ROOT

    names = set(zipfile.ZipFile(built_book / ARCHIVE).namelist())
    for needed in ("Makefile", "README.md", "requirements.txt", "pyproject.toml",
                   "data/datapackage.json", "data/sources.csv", "studyguide/__init__.py",
                   "studyguide/static/explorer.js", "_config.yml", "_toc.yml"):
        assert f"{ARCHIVE_ROOT}/{needed}" in names, needed
    for nb in (ROOT / "chapters").glob("*.ipynb"):
        assert f"{ARCHIVE_ROOT}/chapters/{nb.name}" in names
    assert not any("/.venv/" in n or "/_build/" in n for n in names)
    run_page = _soup(built_book / "run.html")
    assert run_page.find("a", href=ARCHIVE)


def test_no_raw_markup_in_the_pages(soups):
    for page, soup in soups.items():
        text = soup.get_text(" ")
        for raw in ("{eval}", "{glue", ":::{", "{term}", "{doc}"):
            assert raw not in text, f"{page.name}: {raw}"


def test_no_launch_buttons_without_a_repository(soups):
    for page, soup in soups.items():
        assert not soup.select(".launch-buttons, a[href*='mybinder'], a[href*='colab']"), page.name


def test_glued_numbers_reached_the_page(built_book):
    soup = _soup(built_book / "chapters" / "01_us_stance.html")
    text = soup.get_text(" ")
    from studyguide import data

    statements = data.load("us_stance_statements")
    n_sources = len(data.cited_sources(statements))
    assert f"The {len(statements)} rows were compiled from {n_sources} sources" in " ".join(text.split())


def test_chapter_tables_link_each_source_to_its_registry_entry(built_book):
    soup = _soup(built_book / "chapters" / "01_us_stance.html")
    hrefs = {a["href"] for a in soup.select("table.sg-table a[href^='sources.html#']")}
    from studyguide import data

    cited = set(data.cited_sources(data.load("us_stance_statements"))["id"])
    assert {h.split("#src-")[1] for h in hrefs} >= cited


def test_japanese_quotes_sit_beside_a_translation(built_book):
    soup = _soup(built_book / "chapters" / "01_us_stance.html")
    section = soup.find(id="what-the-source-says")
    assert section is not None
    items = section.find_all("li")
    assert items and all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", li.get_text()) and
                         re.search(r"“[A-Za-z]", li.get_text()) for li in items)


def _published(notebook: Path) -> dict[str, str]:
    """name -> text/plain of every value a notebook published for its prose (glue records)."""
    out = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("scrapbook")
            if meta:
                text = output["data"].get(meta["mime_prefix"] + "text/plain", "")
                out[meta["name"]] = "".join(text) if isinstance(text, list) else text
    return out


@pytest.mark.parametrize("notebook", sorted(p.name for p in (ROOT / "chapters").glob("*.ipynb")))
def test_numbers_in_prose_are_the_published_values_verbatim(built_book, notebook):
    """Each {eval} value in the page is exactly a value the notebook published: e.g. '2,328' stays
    '2,328' (myst-nb's glue role would have parsed it into the tuple (2, 328))."""
    # Sphinx's smart quotes turn ' and " into typographic quotes in the page: compare without them
    def plain(text: str) -> str:
        return text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'}))

    published = {plain(v) for v in _published(ROOT / "chapters" / notebook).values()}
    page = _soup(built_book / "chapters" / notebook.replace(".ipynb", ".html"))
    shown = [plain(span.get_text()) for span in page.select("span.pasted-text")]
    assert shown, notebook
    strange = [text for text in shown if text not in published]
    assert strange == [], strange[:10]


def _all_explorers():
    from studyguide.bench import _explorers

    return [(name, ex) for name, ex in _explorers().items()]


def _rebuilt(states: dict, key: str) -> str:
    import base64

    layout = states["layouts"][states["views"][key]]
    return "".join(p if isinstance(p, str) else "data:image/svg+xml;base64," +
                   base64.b64encode(p["s"].encode()).decode()
                   for p in (states["parts"][k] for k in layout))


@pytest.mark.parametrize("name", [n for n, _ in _all_explorers()])
def test_every_explorer_in_the_book_embeds_what_its_view_function_returns(built_book, soups, name):
    """For each chapter explorer: the page embeds a view for every valid choice, and a spread of
    them, rebuilt from the page, equals the HTML the Python view function gives for that choice."""
    explorer = dict(_all_explorers())[name]
    holders = [s.select_one(f"#explorer-{explorer.key} script.sg-explorer-states") for s in soups.values()]
    holders = [h for h in holders if h is not None]
    assert len(holders) == 1, f"explorer {explorer.key} should be on exactly one page"
    states = json.loads(holders[0].string)
    combos = [c for c in explorer.combinations() if not explorer.invalid(explorer.choices(c))]
    assert sorted(states["views"]) == sorted(".".join(map(str, c)) for c in combos)
    step = max(1, len(combos) // 5)
    for combo in combos[::step]:
        html, status = explorer.render(combo)
        key = ".".join(map(str, combo))
        assert _rebuilt(states, key) == html, combo
        assert states["status"][states["views"][key]] == status, combo
