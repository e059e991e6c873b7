"""The built book: every toc page present, links and anchors resolve, images have alt text,
no error output, nothing loaded from another site.

The session fixture `built_book` runs the same build as `make book` (-W: warnings are errors).
"""

from __future__ import annotations

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


def test_no_widget_javascript_or_dead_controls(soups):
    for page, soup in soups.items():
        html = str(soup)
        assert "application/vnd.jupyter.widget-view+json" not in html, page.name
        assert "widget-state+json" not in html, page.name


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
