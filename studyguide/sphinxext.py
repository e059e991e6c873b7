"""The guide's Sphinx extension: what the HTML book needs beyond Jupyter Book's defaults.

- Drops sphinx-thebe's scripts (registered twice, so every page threw "Identifier 'THEBE_JS_URL'
  has already been declared", and pointing at a CDN) and myst-nb's embedded widget state (dead
  weight: the book shows each explorer's static HTML, not the widget).
- Makes `{eval}`name`` render the value a notebook published with `text.publish` (myst-nb glue),
  as its text/plain, verbatim. (myst-nb's own `eval` role needs inline execution, which bypasses
  the execution cache; its `glue:text` role runs `ast.literal_eval` on the text, which turns
  "2,328" into the tuple (2, 328).) jupyterlab-myst evaluates the same role in the kernel, so one
  markup renders in both.
- Adds the explorers' script and style (studyguide/static), loaded on every page (~3 kB).
- After the build, publishes data/ (every CSV and datapackage.json) under the site's data/ and
  the whole guide as one archive (`ARCHIVE`), so a reader can check every number and run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
STATIC = Path(__file__).resolve().parent / "static"
TEMPLATES = Path(__file__).resolve().parent / "templates"
ARCHIVE = "ceasefire-sanctions-guide.zip"
ARCHIVE_ROOT = "ceasefire-sanctions-guide"
_SKIP_DIRS = {".git", ".venv", "_build", "__pycache__", ".pytest_cache", ".ruff_cache",
              ".ipynb_checkpoints", ".jupyter_cache", "mutants"}


def plain_text(data: dict) -> str:
    """The text/plain of a published value, as the kernel wrote it (never re-parsed)."""
    text = data.get("text/plain", "")
    return "".join(text) if isinstance(text, list) else str(text)


def _eval_role():
    from docutils import nodes
    from myst_nb.core.variables import RetrievalError
    from myst_nb.ext.glue.utils import glue_warning, retrieve_glue_data
    from myst_nb.ext.utils import RoleBase

    class PublishedValueRole(RoleBase):
        """`{eval}`name``: the value published under `name` in this notebook."""

        def run(self):
            try:
                result = retrieve_glue_data(self.document, self.text)
            except RetrievalError as exc:
                return [], [glue_warning(str(exc), self.document, self.line)]
            if "text/plain" not in result.data:
                return [], [glue_warning(f"No text/plain found in {self.text!r} data",
                                         self.document, self.line)]
            text = plain_text(result.data)
            node = nodes.inline(text, text, classes=["pasted-text"])
            self.set_source_info(node)
            return [node], []

    return PublishedValueRole()


def unwanted(asset) -> bool:
    """True for sphinx-thebe's files and inline configuration, and for embedded widget state."""
    name = str(getattr(asset, "filename", None) or asset or "")
    attributes = getattr(asset, "attributes", {}) or {}
    body = str(attributes.get("body", ""))
    return "thebe" in name.lower() or "THEBE" in body or attributes.get("type") == WIDGET_STATE


def drop_unwanted(app, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not unwanted(asset)]


def guide_files(root: Path) -> list[Path]:
    """The files of the guide, relative to `root`: git's tracked files where there is a git
    checkout, else every file outside build output, caches and the virtual environment."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=root, capture_output=True, check=True)
        files = [Path(p) for p in out.stdout.decode("utf-8").split("\0") if p]
        if files:
            return sorted(f for f in files if (root / f).is_file())
    except (OSError, subprocess.CalledProcessError):
        pass
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.endswith(".egg-info"))
        found += [Path(dirpath, f).relative_to(root) for f in filenames]
    return sorted(found)


def write_archive(root: Path, target: Path) -> Path:
    """A zip of the guide with fixed timestamps (the same files give the same bytes)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for rel in guide_files(root):
            info = zipfile.ZipInfo(f"{ARCHIVE_ROOT}/{rel.as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if os.access(root / rel, os.X_OK) else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, (root / rel).read_bytes())
    return target


def publish_data(root: Path, outdir: Path) -> None:
    """Copy data/'s CSVs and datapackage.json next to the pages, under data/."""
    target = outdir / "data"
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted((root / "data").iterdir()):
        if path.suffix in (".csv", ".json"):
            shutil.copy2(path, target / path.name)


def finish(app, exception) -> None:
    root = Path(app.srcdir)
    # a single-page build (`jupyter-book build page.ipynb`) has no data/ next to it: nothing to publish
    if exception is None and app.builder.format == "html" and (root / "data").is_dir():
        publish_data(root, Path(app.outdir))
        write_archive(root, Path(app.outdir) / ARCHIVE)


def add_static(app, config) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


def setup(app):
    app.connect("html-page-context", drop_unwanted, priority=900)
    app.connect("config-inited", add_static)
    app.connect("build-finished", finish)
    app.add_role("eval", _eval_role(), override=True)
    app.add_js_file("explorer.js", defer="defer")
    app.add_css_file("explorer.css")
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
