"""A small Sphinx extension for the guide's HTML.

Jupyter Book 1.x always loads sphinx-thebe, which (a) registers its configuration script twice,
so every page throws "Identifier 'THEBE_JS_URL' has already been declared", and (b) points at a
CDN. The guide has no live-code buttons, so the thebe scripts and styles are dropped from every
page. The HTML never needs a kernel, and nothing loads from outside the site.

myst-nb also embeds the notebook's widget state (tens of kB of JSON per page) whenever a build
executes a widget cell. The guide's widget outputs are removed from the HTML, so that state is
dead weight and is dropped too.
"""

from __future__ import annotations

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


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


def setup(app):
    app.connect("html-page-context", drop_unwanted, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
