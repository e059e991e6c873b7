"""Headless Debian Chromium (through Playwright) loads every page of the built book.

Each page must load with no JavaScript error, no console error and no request leaving the site.
A full-page screenshot of each is kept under _build/screenshots/ for a human to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, toc_pages

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is needed for the browser tests: run `make browser` "
                    "(apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield b
        b.close()


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


@pytest.mark.parametrize("name", toc_pages())
def test_page_loads_cleanly_and_stays_on_site(page, served_book, name):
    outside = []
    page.on("request", lambda r: r.url.startswith(served_book) or r.url.startswith("data:")
            or outside.append(r.url))
    response = page.goto(f"{served_book}/{name}.html", wait_until="networkidle")
    assert response is not None and response.ok
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name.replace('/', '__')}.png"), full_page=True)
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
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"#{target}")
    assert page.locator(f"tr#{target}").is_visible()
