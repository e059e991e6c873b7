"""A small Sphinx extension for the guide's HTML.

Jupyter Book 1.x always loads sphinx-thebe, which (a) registers its configuration script twice,
so every page throws "Identifier 'THEBE_JS_URL' has already been declared", and (b) points at a
CDN. The guide has no live-code buttons, so the thebe scripts and styles are dropped from every
page. The HTML never needs a kernel, and nothing loads from outside the site.
"""

from __future__ import annotations


def is_thebe(asset) -> bool:
    """True for sphinx-thebe's files and its inline configuration script."""
    name = str(getattr(asset, "filename", None) or asset or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in name.lower() or "THEBE" in body


def drop_thebe(app, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not is_thebe(asset)]


def setup(app):
    app.connect("html-page-context", drop_thebe, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
