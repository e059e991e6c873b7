"""A data change always reaches the HTML: a copy of the book with one CSV cell changed is built
the way `make book` builds it, and the new text must appear on the page (no stale outputs)."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.book

MARKER = "Freshness marker: this summary was changed by the test"


def test_a_changed_csv_cell_reaches_the_built_page(tmp_path: Path):
    book = tmp_path / "book"
    shutil.copytree(ROOT, book, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", ".pytest_cache", "*.egg-info", "__pycache__"))
    path = book / "data" / "us_stance_statements.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index("summary")] = MARKER
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)

    jb = Path(sys.executable).parent / "jupyter-book"
    # The copy's notebooks import studyguide from the copy, through STUDYGUIDE_DATA.
    env = {"STUDYGUIDE_DATA": str(book / "data"),
           "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    result = subprocess.run([str(jb), "build", "--all", "-W", "-n", "--keep-going", str(book)],
                            capture_output=True, text=True, cwd=book, env=env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    page = (book / "_build" / "html" / "chapters" / "01_us_stance.html").read_text(encoding="utf-8")
    assert MARKER in page
    # the stored notebook output (what nbval compares) was not what the book showed
    stored = (ROOT / "chapters" / "01_us_stance.ipynb").read_text(encoding="utf-8")
    assert MARKER not in stored
