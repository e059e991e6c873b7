"""studyguide.notebooks (clean) and studyguide.sphinxext: what is stored and what is published."""

from __future__ import annotations

import io
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
    assert cleaned.metadata["language_info"] == {"name": "python", "pygments_lexer": "ipython3"}
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
    assert sphinxext.plain_text({"text/html": "<b>23</b>"}) == ""  # nothing to show, not "None"


def test_sphinxext_drops_unwanted_assets_given_as_plain_names_or_objects():
    class Asset:  # like Sphinx 7's _JavaScript: not a str, with filename and attributes
        def __init__(self, filename, **attributes):
            self.filename, self.attributes = filename, attributes

    scripts = ["_static/doctools.js", "_static/sphinx-thebe.js",  # plain names (older Sphinx)
               Asset("_static/Thebe-config.js"), Asset("_static/explorer.js", defer="defer"),
               Asset(None, body="var THEBE_JS_URL = 1;"), Asset(None, body="{}", type=sphinxext.WIDGET_STATE),
               Asset(None, body="var other = 1;"), Asset("_static/plain.js", body=None)]
    kept = [a for a in scripts if not sphinxext.unwanted(a)]
    assert kept == [scripts[0], scripts[3], scripts[6], scripts[7]]
    css = [Asset("_static/sphinx-thebe.css"), "_static/studyguide.css"]
    assert [a for a in css if not sphinxext.unwanted(a)] == ["_static/studyguide.css"]


def _git(root: Path, *args: str) -> None:
    import subprocess

    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_guide_files_in_a_git_checkout_are_the_tracked_and_new_files_not_the_ignored(tmp_path):
    root = tmp_path / "guide"
    for rel in (".gitignore", "Makefile", "data/a.csv", "data/日本 語.csv", "gone.txt", "notes.md",
                "secret.txt", "build/x.html"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("secret.txt\nbuild/\n" if rel == ".gitignore" else rel, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", ".gitignore", "Makefile", "data", "gone.txt")
    (root / "gone.txt").unlink()  # deleted but not yet committed: nothing to archive
    files = sphinxext.guide_files(root)
    assert files == sorted(files)
    # tracked, and new but not ignored; a name with a space and Japanese survives intact
    assert {f.as_posix() for f in files} == {".gitignore", "Makefile", "data/a.csv", "data/日本 語.csv",
                                            "notes.md"}


def test_archive_keeps_executable_bits_and_a_fixed_date(tmp_path):
    root = _tree(tmp_path / "guide")
    (root / "run.sh").write_text("#!/bin/sh\n", encoding="utf-8")
    (root / "run.sh").chmod(0o755)
    (root / "Makefile").chmod(0o644)
    target = sphinxext.write_archive(root, tmp_path / "out" / "deep" / "g.zip")  # parents made
    with zipfile.ZipFile(target) as zf:
        infos = {i.filename.removeprefix(sphinxext.ARCHIVE_ROOT + "/"): i for i in zf.infolist()}
        assert zf.read(sphinxext.ARCHIVE_ROOT + "/data/a.csv") == b"data/a.csv"
    assert sorted(infos) == ["Makefile", "data/a.csv", "run.sh", "studyguide/x.py"]
    assert infos["run.sh"].external_attr >> 16 == 0o755
    assert infos["Makefile"].external_attr >> 16 == 0o644
    assert {i.date_time for i in infos.values()} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos.values()} == {zipfile.ZIP_DEFLATED}


def test_publish_data_twice_overwrites(tmp_path):
    root = tmp_path / "g"
    (root / "data").mkdir(parents=True)
    (root / "data" / "a.csv").write_text("x\n1\n", encoding="utf-8")
    sphinxext.publish_data(root, tmp_path / "html")
    (root / "data" / "a.csv").write_text("x\n2\n", encoding="utf-8")
    sphinxext.publish_data(root, tmp_path / "html")  # a rebuild into the same output
    assert (tmp_path / "html" / "data" / "a.csv").read_text(encoding="utf-8") == "x\n2\n"


class _App:
    """What the extension's hooks use of a Sphinx application, recording the calls."""

    def __init__(self, srcdir=None, outdir=None, fmt="html"):
        from types import SimpleNamespace

        self.srcdir, self.outdir, self.builder = srcdir, outdir, SimpleNamespace(format=fmt)
        self.calls: list = []

    def __getattr__(self, name):
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))


def test_setup_registers_the_hooks_the_role_and_the_explorer_assets(monkeypatch):
    monkeypatch.setattr(sphinxext, "_eval_role", lambda: "the eval role")
    app = _App()
    meta = sphinxext.setup(app)
    assert app.calls == [
        ("connect", ("html-page-context", sphinxext.drop_unwanted), {"priority": 900}),
        ("connect", ("config-inited", sphinxext.add_static), {}),
        ("connect", ("build-finished", sphinxext.finish), {}),
        ("add_role", ("eval", "the eval role"), {"override": True}),
        ("add_js_file", ("explorer.js",), {"defer": "defer"}),
        ("add_css_file", ("explorer.css",), {}),
    ]
    assert meta == {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}


def test_add_static_appends_the_packages_static_and_template_folders():
    from types import SimpleNamespace

    config = SimpleNamespace(html_static_path=["_static"], templates_path=["_templates"])
    sphinxext.add_static(None, config)
    assert config.html_static_path == ["_static", str(sphinxext.STATIC)]
    assert config.templates_path == ["_templates", str(sphinxext.TEMPLATES)]
    assert (sphinxext.STATIC / "explorer.js").is_file() and sphinxext.TEMPLATES.is_dir()


def test_finish_publishes_data_and_the_archive_only_after_a_good_html_build(tmp_path):
    root = _tree(tmp_path / "guide")
    sphinxext.finish(_App(root, tmp_path / "failed"), RuntimeError("build broke"))
    sphinxext.finish(_App(root, tmp_path / "pdf", fmt="latex"), None)
    sphinxext.finish(_App(root / "studyguide", tmp_path / "page"), None)  # no data/ next to it
    assert not any(tmp_path.joinpath(d).exists() for d in ("failed", "pdf", "page"))
    sphinxext.finish(_App(str(root), str(tmp_path / "html")), None)
    assert [p.name for p in (tmp_path / "html" / "data").iterdir()] == ["a.csv"]
    names = zipfile.ZipFile(tmp_path / "html" / sphinxext.ARCHIVE).namelist()
    assert sphinxext.ARCHIVE_ROOT + "/data/a.csv" in names


def _role_call(key: str, line: int, glue_data: dict):
    """Run the `{eval}` role on `key` in a docutils document holding `glue_data`, as myst-nb does."""
    from types import SimpleNamespace

    from docutils.frontend import get_default_settings
    from docutils.utils import new_document

    settings = get_default_settings()
    settings.warning_stream = io.StringIO()  # not sys.stderr, which a test runner may have closed
    document = new_document("chapters/page.md", settings)
    document["nb_renderer"] = SimpleNamespace(renderer=SimpleNamespace(
        nb_client=SimpleNamespace(glue_data=glue_data)))
    inliner = SimpleNamespace(document=document, reporter=SimpleNamespace(
        get_source_and_line=lambda lineno: ("chapters/page.md", lineno)))
    return sphinxext._eval_role()("eval", f":eval:`{key}`", key, line, inliner)


def test_eval_role_shows_the_published_text_verbatim_where_the_role_stands():
    glue = {"n_rows": {"data": {"text/plain": "2,328", "text/html": "<b>2,328</b>"}},
            "when": {"data": {"text/plain": ["10 May", " 2025"]}}}
    (node,), messages = _role_call("n_rows", 7, glue)
    assert messages == []
    assert (node.tagname, node.astext(), node.rawsource) == ("inline", "2,328", "2,328")
    assert node["classes"] == ["pasted-text"]
    assert (node.source, node.line) == ("chapters/page.md", 7)
    (node,), _ = _role_call("when", 8, glue)
    assert node.astext() == "10 May 2025"


def test_eval_role_warns_with_the_name_when_a_value_is_missing_or_has_no_text():
    nodes, (message,) = _role_call("n_sources", 9, {"n_rows": {"data": {"text/plain": "1"}}})
    assert nodes == [] and message["line"] == 9 and message["type"] == "WARNING"
    assert "No key 'n_sources' found in glue data" in message.astext()
    nodes, (message,) = _role_call("chart", 11, {"chart": {"data": {"image/png": "iVBOR"}}})
    assert nodes == [] and message["line"] == 11
    assert "No text/plain found in 'chart' data" in message.astext()
