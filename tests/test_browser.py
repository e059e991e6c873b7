"""Headless Debian Chromium (through Playwright) loads every page of the built book.

Each page must load with no JavaScript error, no console error and no request leaving the site.
A full-page screenshot of each is kept under _build/screenshots/ for a human to look at.
"""

from __future__ import annotations

import pytest
from conftest import ROOT, toc_pages

pytestmark = pytest.mark.browser

SHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type in ("error", "warning") and pg.problems.append(
        f"console {m.type}: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    yield pg
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", toc_pages())
def test_page_loads_cleanly_and_stays_on_site(page, served_book, name, width):
    outside = []
    page.set_viewport_size({"width": width, "height": 900})
    page.on("request", lambda r: r.url.startswith(served_book) or r.url.startswith("data:")
            or outside.append(r.url))
    response = page.goto(f"{served_book}/{name}.html", wait_until="networkidle")
    assert response is not None and response.ok
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name.replace('/', '__')}-{width}.png"), full_page=True)
    # nothing is wider than the window (a wide table scrolls inside its own box)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the window"
    assert page.problems == [], page.problems
    assert outside == [], outside
    images = page.eval_on_selector_all(
        "img", "els => els.map(e => [e.getAttribute('alt'), e.complete && e.naturalWidth > 0])")
    assert all(alt and alt.strip() for alt, _ in images)
    assert all(loaded for _, loaded in images), "an image failed to load"


@pytest.mark.parametrize("name", toc_pages())
def test_no_serious_accessibility_findings(page, served_book, name):
    """axe-core (bundled by axe-playwright-python) finds nothing serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{served_book}/{name}.html", wait_until="networkidle")
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


def test_quiz_answer_is_hidden_until_opened(page, served_book):
    page.goto(f"{served_book}/chapters/01_us_stance.html", wait_until="networkidle")
    first = page.locator(".sg-quiz-q details").first
    answer = first.locator("p").first
    assert not answer.is_visible()
    first.locator("summary").click()
    assert answer.is_visible() and answer.inner_text().startswith("(")


def test_review_solution_is_hidden_until_opened(page, served_book):
    page.goto(f"{served_book}/chapters/01_us_stance.html", wait_until="networkidle")
    solution = page.locator(".solution").first
    body = solution.locator(".admonition-title ~ *").first
    assert not body.is_visible()
    solution.locator(".admonition-title").click()
    body.wait_for(state="visible", timeout=3000)


def test_source_link_jumps_to_the_registry_entry(page, served_book):
    page.goto(f"{served_book}/chapters/01_us_stance.html", wait_until="networkidle")
    link = page.locator("table.sg-table a[href^='sources.html#src-']").first
    target = link.get_attribute("href").split("#")[1]
    assert link.get_attribute("target") is None  # the book opens its own pages in place
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"#{target}")
    assert page.locator(f"tr#{target}").is_visible()


# --- explorers: operated in the page, compared with the Python view function -------------------

def _visible(page, root):
    """What a reader sees of an explorer: status line, chart alt text, table caption and rows."""
    return {
        "status": page.locator(f"{root} .sg-explorer-status").inner_text(),
        "alt": page.locator(f"{root} .sg-explorer-view img").first.get_attribute("alt"),
        "caption": " ".join(page.locator(f"{root} .sg-explorer-view caption").first.inner_text().split()),
        "rows": page.locator(f"{root} .sg-explorer-view tbody tr").count(),
    }


def _expected(view):
    caption = " ".join(f"{view.table.caption} {view.table.source}".split())
    return {"status": view.summary, "alt": view.chart.alt, "caption": caption,
            "rows": max(len(view.table.frame), 1)}


def test_us_stance_explorer_by_mouse_and_keyboard(page, served_book):
    from studyguide import data, us_stance

    statements = data.load("us_stance_statements")
    page.goto(f"{served_book}/chapters/01_us_stance.html", wait_until="networkidle")
    root = "#explorer-us-stance"
    actor = page.get_by_label("Actor", exact=True)
    kind = page.get_by_label("Kind", exact=True)
    assert _visible(page, root) == _expected(us_stance.statements_view(statements))
    actor.select_option(label="JD Vance")  # as a mouse user picks from the list
    assert _visible(page, root) == _expected(us_stance.statements_view(statements, actors="JD Vance"))
    kind.focus()
    page.keyboard.press("ArrowDown")  # the first kind after "All kinds"
    first_kind = [k for k in data.vocabulary("us_stance_statements", "kind")
                  if k in set(statements["kind"])][0]
    expected = us_stance.statements_view(statements, actors="JD Vance", kinds=first_kind)
    assert _visible(page, root) == _expected(expected)
    page.screenshot(path=str(SHOTS / "explorer-us-stance.png"))
    assert page.problems == []


def test_ceasefire_explorer_by_mouse_and_keyboard(page, served_book):
    from studyguide import ceasefire, data

    tables_ = [data.load(n) for n in ("positions", "stance_codes", "issues")]
    page.goto(f"{served_book}/chapters/02_ceasefire_conflict.html", wait_until="networkidle")
    root = "#explorer-ceasefire-compare"
    assert _visible(page, root) == _expected(ceasefire.comparison_view(*tables_))
    page.get_by_label("Second party", exact=True).select_option(label="United States")
    page.get_by_label("Positions", exact=True).focus()
    page.keyboard.press("ArrowDown")
    assert _visible(page, root) == _expected(
        ceasefire.comparison_view(*tables_, "Russia", "United States", "latest"))
    page.get_by_label("First party", exact=True).select_option(label="United States")
    assert "different parties" in page.locator(f"{root} .sg-explorer-status").inner_text()
    assert page.locator(f"{root} .sg-explorer-view img").count() == 0
    assert page.problems == []


def test_without_javascript_the_default_view_stays_and_no_control_appears(browser, served_book):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_book}/chapters/01_us_stance.html")
    assert page.locator("#explorer-us-stance .sg-explorer-view img").count() == 1
    assert page.locator("#explorer-us-stance select").count() == 0
    context.close()


def test_caption_links_reach_the_published_csv(page, served_book):
    page.goto(f"{served_book}/chapters/01_us_stance.html", wait_until="networkidle")
    href = page.locator(".sg-source a[href$='.csv']").first.get_attribute("href")
    response = page.request.get(f"{served_book}/chapters/{href}")
    assert response.ok and response.text().startswith("id,")


def test_every_explorer_answers_the_keyboard_with_its_embedded_view(page, served_book):
    """On every chapter page, each explorer's first menu, moved with the arrow key, shows the view
    the page embeds for that choice (status line and chart alt text), with no page error."""
    import html
    import json

    chapters = [p for p in toc_pages() if p.startswith("chapters/0")]
    seen = 0
    for name in chapters:
        page.goto(f"{served_book}/{name}.html", wait_until="networkidle")
        for root in page.locator(".sg-explorer[data-sg-active]").all():
            seen += 1
            states = json.loads(root.locator("script.sg-explorer-states").text_content())
            select = root.locator("select").first
            select.focus()
            page.keyboard.press("ArrowDown")
            chosen = [int(s.evaluate("el => el.value")) for s in root.locator("select").all()]
            key = ".".join(map(str, chosen))
            status = root.locator(".sg-explorer-status").inner_text()
            if key in states["views"]:
                index = states["views"][key]
                assert status == states["status"][index], (name, key)
                alts = root.locator(".sg-explorer-view img").evaluate_all("els => els.map(e => e.alt)")
                layout_html = "".join(p for p in (states["parts"][k] for k in states["layouts"][index])
                                      if isinstance(p, str))
                assert alts and all(f'alt="{html.escape(alt)}"' in layout_html for alt in alts), (name, key)
            else:
                assert status == states["missing"], (name, key)
    assert seen >= 6
    assert page.problems == []


def test_search_finds_a_term_from_any_page(page, served_book):
    """Pages no longer load the 50 kB search index (nothing on them uses it); the search box still
    leads to results, because search.html loads the index itself."""
    page.goto(f"{served_book}/chapters/01_us_stance.html", wait_until="networkidle")
    page.keyboard.press("Control+k")
    field = page.locator("#pst-search-dialog input[name='q']")
    field.wait_for(state="visible")
    field.fill("Minsk")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=Minsk*")
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    found = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(e => e.href)")
    assert any("02_ceasefire_conflict" in href for href in found), found
    assert page.problems == [], page.problems
