"""A change always reaches the HTML: a copy of the book with one CSV cell changed, or one line of
studyguide/ changed, is built the way `make book` builds it (after a first build, so the execution
cache is warm), and the new text must appear on the page: no stale outputs."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from studyguide.build import build

pytestmark = pytest.mark.book

MARKER = "Freshness marker: this summary was changed by the test"
PAGE = Path("_build", "html", "chapters", "01_us_stance.html")


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    """A copy of the guide, built once; its notebooks import the copy's package and data."""
    target = tmp_path_factory.mktemp("fresh") / "book"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", ".pytest_cache", "*.egg-info", "__pycache__", "mutants"))
    result = build(target, env={"PYTHONPATH": str(target)}, capture=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    (target / "_build" / "first-build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return target


def test_a_cold_build_of_a_clean_copy_takes_every_stored_output_and_executes_nothing(book):
    """The stored outputs of every notebook are current (`make notebooks` was run after the last
    change in chapters/, data/, studyguide/ or requirements.txt), so a clean clone's first build
    executes nothing; each view of an explorer still reaches the page."""
    log = (book / "_build" / "first-build.log").read_text(encoding="utf-8")
    n = len(list((ROOT / "chapters").glob("*.ipynb")))
    assert f"Stored outputs are current for {n} notebook(s)" in log, (
        "a notebook's stored outputs are out of date: run `make notebooks`\n" + log[-2000:])
    assert "Executing" not in log
    page = (book / PAGE).read_text(encoding="utf-8")
    assert page.count('class="sg-explorer-states"') == 1


def _rebuild(book: Path) -> str:
    result = build(book, env={"PYTHONPATH": str(book)}, capture=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return (book / PAGE).read_text(encoding="utf-8")


def test_a_changed_csv_cell_reaches_the_built_page(book):
    path = book / "data" / "us_stance_statements.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index("summary")] = MARKER
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    assert MARKER in _rebuild(book)
    # the stored notebook output (what nbval compares) was not what the book showed
    assert MARKER not in (ROOT / "chapters" / "01_us_stance.ipynb").read_text(encoding="utf-8")


def test_a_changed_line_of_studyguide_reaches_the_built_page(book):
    path = book / "studyguide" / "us_stance.py"
    source = path.read_text(encoding="utf-8")
    assert 'caption=f"US stance: {summary}."' in source
    path.write_text(source.replace('caption=f"US stance: {summary}."',
                                   'caption=f"Changed in studyguide: {summary}."'), encoding="utf-8")
    assert "Changed in studyguide: " in _rebuild(book)


def test_a_rebuild_with_no_change_executes_nothing(book):
    before = (book / PAGE).stat().st_mtime_ns
    result = build(book, env={"PYTHONPATH": str(book)}, capture=True)
    assert result.returncode == 0
    assert "Executing" not in result.stdout + result.stderr
    assert (book / PAGE).stat().st_mtime_ns == before  # Sphinx had nothing to rewrite
