"""studyguide.notebooks (clean) and studyguide.sphinxext: what is stored and what is published."""

from __future__ import annotations

import zipfile
from pathlib import Path

import nbformat

from studyguide import notebooks, sphinxext


def test_clean_strips_widget_views_states_and_volatile_metadata():
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"state": {}}
    widget_only = nbformat.v4.new_code_cell("w")
    widget_only.outputs = [nbformat.v4.new_output("display_data", data={
        notebooks.WIDGET_MIME: {"model_id": "abc"}})]
    widget_only.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    explorer = nbformat.v4.new_code_cell("e")
    explorer.outputs = [nbformat.v4.new_output("display_data", data={
        notebooks.WIDGET_MIME: {"model_id": "abc"}, "text/plain": "[Explorer]",
        "text/html": '<div class="sg-explorer"><div class="sg-explorer-view">DEFAULT</div>'
                     '<script type="application/json" class="sg-explorer-states">{"a": 1}</script></div>'})]
    kept = nbformat.v4.new_code_cell("1")
    kept.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "1"},
                                           execution_count=1)]
    nb.cells = [widget_only, explorer, kept]
    cleaned = notebooks.clean(nb)
    assert "widgets" not in cleaned.metadata
    assert cleaned.cells[0].outputs == [] and "execution" not in cleaned.cells[0].metadata
    bundle = cleaned.cells[1].outputs[0]["data"]
    assert notebooks.WIDGET_MIME not in bundle
    assert bundle["text/html"] == '<div class="sg-explorer"><div class="sg-explorer-view">DEFAULT</div></div>'
    assert cleaned.cells[2].outputs == kept.outputs


def test_sphinxext_drops_only_thebe_and_widget_state():
    class Asset(str):
        def __new__(cls, filename, **attributes):
            obj = super().__new__(cls, filename or "")
            obj.filename, obj.attributes = filename, attributes
            return obj

    context = {"script_files": [Asset("_static/doctools.js"), Asset("sphinx-thebe.js"),
                                Asset(None, body='const THEBE_JS_URL = "x"'),
                                Asset(None, type=sphinxext.WIDGET_STATE, body="{}"),
                                Asset("_static/explorer.js")],
               "css_files": [Asset("_static/sphinx-thebe.css"), Asset("_static/studyguide.css")]}
    sphinxext.drop_unwanted(None, "p", "t", context, None)
    assert [a.filename for a in context["script_files"]] == ["_static/doctools.js", "_static/explorer.js"]
    assert [a.filename for a in context["css_files"]] == ["_static/studyguide.css"]


def _tree(root: Path) -> Path:
    for rel in ("Makefile", "data/a.csv", "studyguide/x.py", ".venv/bin/python", "_build/html/i.html",
                "studyguide/__pycache__/x.pyc", "pkg.egg-info/PKG-INFO"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel, encoding="utf-8")
    return root


def test_archive_without_git_leaves_out_build_output_and_environments(tmp_path):
    root = _tree(tmp_path / "guide")
    target = sphinxext.write_archive(root, tmp_path / "out" / "g.zip")
    names = zipfile.ZipFile(target).namelist()
    prefix = sphinxext.ARCHIVE_ROOT + "/"
    assert sorted(names) == [prefix + n for n in ("Makefile", "data/a.csv", "studyguide/x.py")]
    again = sphinxext.write_archive(root, tmp_path / "out" / "h.zip")
    assert target.read_bytes() == again.read_bytes()  # fixed timestamps


def test_archive_of_this_repository_has_what_make_lab_needs():
    root = Path(__file__).resolve().parent.parent
    names = {p.as_posix() for p in sphinxext.guide_files(root)}
    for needed in ("Makefile", "requirements.txt", "pyproject.toml", "README.md",
                   "data/datapackage.json", "studyguide/__init__.py", "studyguide/static/explorer.js",
                   "chapters/01_us_stance.ipynb"):
        assert needed in names, needed
    assert not any(n.startswith((".venv/", "_build/")) for n in names)


def test_publish_data_copies_csvs_and_the_package(tmp_path):
    root = tmp_path / "g"
    (root / "data").mkdir(parents=True)
    (root / "data" / "a.csv").write_text("x\n1\n", encoding="utf-8")
    (root / "data" / "datapackage.json").write_text("{}", encoding="utf-8")
    (root / "data" / "notes.txt").write_text("no", encoding="utf-8")
    sphinxext.publish_data(root, tmp_path / "html")
    assert sorted(p.name for p in (tmp_path / "html" / "data").iterdir()) == ["a.csv", "datapackage.json"]


def test_published_values_are_shown_verbatim():
    assert sphinxext.plain_text({"text/plain": "2,328"}) == "2,328"  # not (2, 328)
    assert sphinxext.plain_text({"text/plain": ["10 May", " 2025"]}) == "10 May 2025"
    assert sphinxext.plain_text({"text/plain": "23"}) == "23"
