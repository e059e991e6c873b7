"""JupyterLab, as a learner uses it: open each chapter, Run All, read the rendered prose, and
operate the explorer from the keyboard. Headless Debian Chromium through Playwright.

The prose must render (jupyterlab-myst): no raw `{eval}`, `{glue`, `:::{` or role markup left,
and the numbers in prose filled in by the kernel. Screenshots at 1024 px go to _build/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT
from test_browser import SHOTS

pytestmark = pytest.mark.browser

CHAPTERS = sorted(p.name for p in (ROOT / "chapters").glob("[0-9]*.ipynb"))
RAW = re.compile(r"\{(eval|glue|term|doc|bdg-[a-z-]+|ref|numref)[^}]*\}`|:::\{")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free loopback port, on a scratch copy of the chapters, so that
    nothing the test does (Lab autosaves) touches the repository's notebooks."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    home = tmp_path_factory.mktemp("labhome")
    root = home / "guide"
    shutil.copytree(ROOT / "chapters", root / "chapters")  # the package and data/ stay in ROOT
    # every cell in the DOM (no windowing), no news pop-up over the page
    settings = home / "settings"
    for plugin, values in {"notebook-extension/tracker": {"windowingMode": "none"},
                           "apputils-extension/notification": {"fetchNews": "false"}}.items():
        path = settings / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "HOME": str(home)}
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--allow-root",
         f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={settings}",
         "--ServerApp.open_browser=False",
         "--LabServerApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("JupyterLab did not start")
    yield base, token
    proc.terminate()
    proc.wait(timeout=30)


def _run_all(page, base, token, notebook):
    page.goto(f"{base}/lab/tree/chapters/{notebook}?token={token}&reset", wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    # the kernel has started and is connected (the status bar names it and says Idle)
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).first.wait_for(timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # every code cell has a number once it has run (none left blank or "*")
    page.wait_for_function(
        """() => {
          const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
          return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""", timeout=180_000)
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).first.wait_for(timeout=60_000)


@pytest.mark.parametrize("notebook", CHAPTERS)
def test_run_all_renders_the_prose_and_the_explorer_works_by_keyboard(lab, browser, notebook):
    base, token = lab
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _run_all(page, base, token, notebook)

    # the prose (rendered by jupyterlab-myst): no raw markup, and the numbers filled in (the
    # kernel evaluates each {eval} role once the cells have run; allow it time under load)
    rendered = ".jp-MarkdownCell .myst"
    raw: list[str] = []
    for _ in range(60):
        texts = page.locator(rendered).all_inner_texts()
        raw = [m.group(0) for t in texts for m in RAW.finditer(t)]
        if texts and not raw:
            break
        page.wait_for_timeout(2000)
    assert texts
    assert raw == [], raw[:10]

    # the explorer: the live widget, operated from the keyboard
    live = page.locator(".sg-explorer-live").first
    live.wait_for(timeout=60_000)
    live.scroll_into_view_if_needed()
    status = live.locator(".sg-explorer-status")
    before = status.inner_text()
    select = live.locator("select").first
    select.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_function("([el, old]) => el.textContent !== old", arg=[
        status.element_handle(), before], timeout=30_000)
    after = status.inner_text()
    assert after != before
    # the notebook is still there: Lab's shortcuts did not take the arrow key
    assert page.locator(".jp-Notebook").count() == 1
    # the chart fits its column
    overflow = live.evaluate("el => [...el.querySelectorAll('img')].map(i => i.getBoundingClientRect().right"
                             " - el.getBoundingClientRect().right)")
    assert all(o <= 1 for o in overflow), overflow
    SHOTS.mkdir(parents=True, exist_ok=True)
    live.screenshot(path=str(SHOTS / f"lab-{notebook.replace('.ipynb', '')}-explorer.png"))
    page.screenshot(path=str(SHOTS / f"lab-{notebook.replace('.ipynb', '')}.png"))
    assert errors == []
    context.close()
