"""studyguide.build: one build command, and a dependency hash that notices every change."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from studyguide import build, notebooks

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


# --- Stored outputs: a cold build takes a notebook's outputs from what `make notebooks` stored ---

STATES = '<script type="application/json" class="sg-explorer-states">{"a": 1}</script>'


def _notebook() -> nbformat.NotebookNode:
    """Two code cells: a plain result, then an explorer whose HTML embeds its views."""
    nb = nbformat.v4.new_notebook()
    plain = nbformat.v4.new_code_cell("1 + 1")
    plain.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "2"},
                                            execution_count=1)]
    explorer = nbformat.v4.new_code_cell("explorer")
    explorer.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="note\n"),
        nbformat.v4.new_output("display_data", data={
            "text/plain": "[Explorer]",
            "text/html": ['<div class="sg-explorer">DEFAULT', STATES, "</div>"]})]
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), plain, explorer]
    return nb


def test_explorer_outputs_are_found_by_cell_and_output_with_their_whole_html():
    assert notebooks.explorer_outputs(_notebook()) == [
        {"cell": 2, "output": 1, "html": f'<div class="sg-explorer">DEFAULT{STATES}</div>'}]


def test_restore_puts_the_views_back_into_the_cleaned_notebook():
    executed = _notebook()
    explorers = notebooks.explorer_outputs(executed)
    stored = notebooks.clean(_notebook())
    assert stored.cells[2].outputs[1]["data"]["text/html"] == '<div class="sg-explorer">DEFAULT</div>'
    assert notebooks.restore(stored, explorers) is True
    assert stored.cells[2].outputs[1]["data"]["text/html"] == \
        f'<div class="sg-explorer">DEFAULT{STATES}</div>'
    assert stored.cells[1].outputs[0]["data"] == {"text/plain": "2"}


def test_restore_refuses_views_that_do_not_fit_and_changes_nothing():
    explorers = notebooks.explorer_outputs(_notebook())
    edited = notebooks.clean(_notebook())
    edited.cells[2].outputs[1]["data"]["text/html"] = '<div class="sg-explorer">EDITED</div>'
    before = nbformat.writes(edited)
    assert notebooks.restore(edited, explorers) is False
    assert nbformat.writes(edited) == before
    fewer = notebooks.clean(_notebook())
    fewer.cells[2].outputs = fewer.cells[2].outputs[:1]
    assert notebooks.restore(fewer, explorers) is False
    # a second, fitting explorer does not make a misfit pass
    both = explorers + [{"cell": 1, "output": 0, "html": f"2{STATES}"}]
    assert notebooks.restore(notebooks.clean(_notebook()), both) is False


def test_stored_views_are_written_byte_for_byte_the_same_and_read_back(tmp_path):
    path = tmp_path / "chapters" / "ch.ipynb"
    path.parent.mkdir()
    explorers = [{"cell": 2, "output": 1, "html": "<p>日本語</p>" + STATES}]
    notebooks.write_stored(path, explorers, "k1")
    first = notebooks.stored_path(path).read_bytes()
    assert notebooks.stored_path(path) == tmp_path / "chapters" / ".outputs" / "ch.json.gz"
    notebooks.write_stored(path, explorers, "k1")
    assert notebooks.stored_path(path).read_bytes() == first
    assert notebooks.read_stored(path) == {"key": "k1", "explorers": explorers}
    notebooks.stored_path(path).write_bytes(b"not gzip")
    assert notebooks.read_stored(path) is None
    assert notebooks.read_stored(tmp_path / "chapters" / "other.ipynb") is None


def _tiny_book(root: Path) -> Path:
    """A book folder with one stored notebook, data/, studyguide/ and requirements.txt."""
    for folder in ("chapters", "data", "studyguide"):
        (root / folder).mkdir(parents=True)
    (root / "data" / "t.csv").write_text("a\n1\n", encoding="utf-8")
    (root / "studyguide" / "m.py").write_text("X = 1\n", encoding="utf-8")
    (root / "requirements.txt").write_text("pandas==3.1.1\n", encoding="utf-8")
    path = root / "chapters" / "ch.ipynb"
    executed = _notebook()
    explorers = notebooks.explorer_outputs(executed)
    nbformat.write(notebooks.clean(executed), path)
    notebooks.write_stored(path, explorers, build.outputs_key(path))
    return path


def test_outputs_key_changes_with_the_notebook_data_package_and_requirements(tmp_path):
    path = _tiny_book(tmp_path)
    keys = {build.outputs_key(path)}
    for changed in (path, tmp_path / "data" / "t.csv", tmp_path / "studyguide" / "m.py",
                    tmp_path / "requirements.txt"):
        with changed.open("a", encoding="utf-8") as fh:
            fh.write(" ")
        keys.add(build.outputs_key(path))
    assert len(keys) == 5


def _cache(book: Path):
    from jupyter_cache import get_cache

    cache = get_cache(str(build.cache_dir(book)))
    cache.add_nb_to_project(str((book / "chapters" / "ch.ipynb").resolve()))
    return cache


def test_seed_cache_takes_current_stored_outputs_with_the_views_put_back(tmp_path):
    path = _tiny_book(tmp_path)
    cache = _cache(tmp_path)
    assert len(cache.list_unexecuted()) == 1
    assert build.seed_cache(tmp_path, cache) == [path]
    assert cache.list_unexecuted() == []
    cached = cache.get_cache_bundle(cache.list_cache_records()[0].pk).nb
    (explorer,) = [c for c in cached.cells if c.get("source") == "explorer"]
    assert explorer.outputs[1]["data"]["text/html"] == \
        f'<div class="sg-explorer">DEFAULT{STATES}</div>'
    assert build.seed_cache(tmp_path, cache) == []  # nothing left to seed


def test_seed_cache_leaves_a_notebook_to_execute_after_any_change(tmp_path):
    path = _tiny_book(tmp_path)
    (tmp_path / "data" / "t.csv").write_text("a\n2\n", encoding="utf-8")
    cache = _cache(tmp_path)
    assert build.seed_cache(tmp_path, cache) == [] and len(cache.list_unexecuted()) == 1
    (tmp_path / "data" / "t.csv").write_text("a\n1\n", encoding="utf-8")  # back as stored
    notebooks.stored_path(path).unlink()
    assert build.seed_cache(tmp_path, cache) == [] and len(cache.list_unexecuted()) == 1
