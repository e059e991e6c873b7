"""Explorers: one set of choices, one Python view function, two front ends.

An `Explorer` displays as a MIME bundle with
- `text/html`: the default view plus, embedded as JSON, the view for every combination of choices,
  computed now by the same view function. In the HTML book a small local script
  (`static/explorer.js`) adds labelled `<select>` controls and swaps the views, with no kernel.
  Without JavaScript, or in a notebook opened without running it, the default view is shown.
- the widget (`application/vnd.jupyter.widget-view+json`), when a kernel is running: an anywidget
  that draws the same controls and asks the kernel for each view. The book is configured to ignore
  this part (`nb_mime_priority_overrides`), JupyterLab shows it.

Views are split into parts (table rows, chart images) that are stored once, so states that share
rows cost little; chart SVGs are embedded as text, which compresses far better than base64.
"""

from __future__ import annotations

import base64
import html
import itertools
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .common import View

STATIC = Path(__file__).resolve().parent / "static"
_SVG_URI = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")
_SPLIT = re.compile(r"(?=<tr[ >])|(?=</tbody>)|(?=<figure)")


@dataclass(frozen=True)
class Control:
    """One choice: the view function's keyword `name`, its `label`, and its options as
    (value passed to the view, text shown). A value of None means "all"."""

    name: str
    label: str
    options: tuple[tuple[object, str], ...]
    default: object = None

    def default_index(self) -> int:
        values = [v for v, _ in self.options]
        if self.default not in values:
            raise ValueError(f"default {self.default!r} of control {self.name!r} is not an option")
        return values.index(self.default)


def split_parts(fragment: str) -> list[object]:
    """A view's HTML as parts: text pieces split before each table row and figure, and each
    embedded SVG image as {"s": svg text} (the script turns it back into a data URI)."""
    parts: list[object] = []
    for piece in _SPLIT.split(fragment):
        pos = 0
        for m in _SVG_URI.finditer(piece):
            parts.append(piece[pos:m.start()])
            parts.append({"s": base64.b64decode(m.group(1)).decode("utf-8")})
            pos = m.end()
        parts.append(piece[pos:])
    return [p for p in parts if p != ""]


def _script_json(value) -> str:
    """JSON that is safe inside <script>: no '</' can close the element early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


class Explorer:
    """Choices in, a `View` out, in the book (precomputed) and in Jupyter (live).

    `view(**choices)` is the chapter's view function with its tables bound. `invalid(choices)`
    returns a message for a combination that has no view (e.g. a party compared with itself).
    """

    def __init__(self, key: str, title: str, view: Callable[..., View], controls: Sequence[Control],
                 *, invalid: Callable[[dict], str | None] | None = None):
        if not re.fullmatch(r"[a-z0-9-]+", key):
            raise ValueError(f"explorer key {key!r}: use lower-case letters, digits and '-'")
        self.key, self.title, self.view, self.controls = key, title, view, tuple(controls)
        self.invalid = invalid or (lambda choices: None)

    # -- choices ----------------------------------------------------------------------------
    def choices(self, indices: Sequence[int]) -> dict:
        if len(indices) != len(self.controls):
            raise ValueError(f"expected {len(self.controls)} choices, got {len(indices)}")
        return {c.name: c.options[int(i)][0] for c, i in zip(self.controls, indices, strict=True)}

    def defaults(self) -> list[int]:
        return [c.default_index() for c in self.controls]

    def combinations(self):
        """Every combination of option indices, in order."""
        return itertools.product(*(range(len(c.options)) for c in self.controls))

    def render(self, indices: Sequence[int]) -> tuple[str, str]:
        """(HTML, status line) for one combination; an invalid one gives ("", its message)."""
        chosen = self.choices(indices)
        message = self.invalid(chosen)
        if message:
            return "", message
        shown = self.view(**chosen)
        return shown._repr_html_(), shown.summary

    # -- the book ---------------------------------------------------------------------------
    def states(self) -> dict:
        """Every view, as the page embeds it (see explorer.js)."""
        parts: list[object] = []
        index: dict[str, int] = {}
        layouts: list[list[int]] = []
        layout_index: dict[tuple, int] = {}
        status: list[str] = []
        views: dict[str, int] = {}
        for combo in self.combinations():
            fragment, line = self.render(combo)
            if not fragment:
                continue
            ids = []
            for part in split_parts(fragment):
                k = json.dumps(part, sort_keys=True)
                if k not in index:
                    index[k] = len(parts)
                    parts.append(part)
                ids.append(index[k])
            sig = (tuple(ids), line)
            if sig not in layout_index:
                layout_index[sig] = len(layouts)
                layouts.append(ids)
                status.append(line)
            views[".".join(map(str, combo))] = layout_index[sig]
        missing = next((m for m in (self.invalid(self.choices(c)) for c in self.combinations()) if m),
                       None)
        return {"title": self.title, "controls": [
            {"label": c.label, "options": [text for _, text in c.options]} for c in self.controls],
            "defaults": self.defaults(), "views": views, "layouts": layouts, "status": status,
            "parts": parts, "missing": missing or "No view for this choice."}

    def static_html(self, with_states: bool = True) -> str:
        fragment, line = self.render(self.defaults())
        states = (f'<script type="application/json" class="sg-explorer-states">'
                  f"{_script_json(self.states())}</script>") if with_states else ""
        return (f'<div class="sg-explorer" id="explorer-{self.key}" data-sg-explorer="{self.key}">'
                f'<p class="sg-explorer-title"><strong>{html.escape(self.title)}</strong> '
                f'<span class="sg-explorer-default">Showing: {html.escape(line)}</span></p>'
                f'<div class="sg-explorer-view">{fragment}</div>{states}</div>')

    def _repr_html_(self) -> str:
        return self.static_html()

    # -- Jupyter ----------------------------------------------------------------------------
    def widget(self):
        """The live explorer (anywidget): same controls, each view computed by the kernel."""
        return _widget_class()(explorer=self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/html": self.static_html(), "text/plain": f"[Explorer] {self.title}"}
        try:
            from IPython import get_ipython

            live = get_ipython() is not None and getattr(get_ipython(), "kernel", None) is not None
        except ImportError:  # pragma: no cover - IPython comes with ipykernel
            live = False
        if live:
            view = self.widget()._repr_mimebundle_() or {}
            view = view[0] if isinstance(view, tuple) else view  # (data, metadata)
            # the widget's own text/plain names a memory address: it would change on every run
            bundle.update({mime: v for mime, v in view.items() if mime != "text/plain"})
        return bundle

    def __repr__(self) -> str:
        return f"[Explorer] {self.title}: " + "; ".join(
            f"{c.label} ({len(c.options)} options)" for c in self.controls)


_WIDGET = None


def _widget_class():
    """The anywidget class, made on first use (importing anywidget costs time the book's pages
    that have no live kernel do not need)."""
    global _WIDGET
    if _WIDGET is None:
        import anywidget
        import traitlets

        esm = (STATIC / "explorer.js").read_text(encoding="utf-8") + _ESM_TAIL

        class ExplorerWidget(anywidget.AnyWidget):
            _esm = esm
            _css = (STATIC / "explorer.css").read_text(encoding="utf-8")
            spec = traitlets.Dict().tag(sync=True)
            choice = traitlets.List(traitlets.Int()).tag(sync=True)
            html = traitlets.Unicode("").tag(sync=True)
            status = traitlets.Unicode("").tag(sync=True)

            def __init__(self, explorer: Explorer, **kwargs):
                self.explorer = explorer
                spec = {"title": explorer.title, "controls": [
                    {"label": c.label, "options": [t for _, t in c.options]}
                    for c in explorer.controls]}
                super().__init__(spec=spec, choice=explorer.defaults(), **kwargs)
                self._redraw()
                self.observe(self._redraw, names="choice")

            def _redraw(self, *_):
                fragment, line = self.explorer.render(self.choice)
                self.html, self.status = fragment, line

        _WIDGET = ExplorerWidget
    return _WIDGET


_ESM_TAIL = """
export default {
  render({ model, el }) {
    const api = globalThis.sgExplorer;
    const root = document.createElement("div");
    root.className = "sg-explorer sg-explorer-live";
    const say = api.status();
    const view = document.createElement("div");
    view.className = "sg-explorer-view";
    const draw = () => {
      view.innerHTML = model.get("html");
      say.textContent = model.get("status");
    };
    const box = api.controls(model.get("spec"), model.get("choice"), (chosen) => {
      model.set("choice", chosen);
      model.save_changes();
    });
    root.append(box, say, view);
    el.appendChild(root);
    model.on("change:html", draw);
    model.on("change:status", draw);
    draw();
  },
};
"""
