"""studyguide.build: one build command, and a dependency hash that notices every change."""

from __future__ import annotations

import shutil
from pathlib import Path

from studyguide import build

ROOT = Path(__file__).resolve().parent.parent


def test_the_build_command_treats_warnings_as_errors():
    cmd = build.command(ROOT)
    assert cmd[1] == "build" and {"-W", "-n", "--keep-going", "--all"} <= set(cmd)
    assert "--all" not in build.command(ROOT, everything=False)


def test_deps_hash_changes_with_data_and_package_but_not_with_build_output(tmp_path):
    book = tmp_path / "book"
    for folder in ("data", "studyguide"):
        shutil.copytree(ROOT / folder, book / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    first = build.deps_hash(book)
    assert build.deps_hash(book) == first
    (book / "_build").mkdir()
    (book / "_build" / "x").write_text("x", encoding="utf-8")
    assert build.deps_hash(book) == first
    with (book / "data" / "claims.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    second = build.deps_hash(book)
    assert second != first
    (book / "studyguide" / "text.py").write_text("# changed\n", encoding="utf-8")
    assert build.deps_hash(book) not in (first, second)
