"""ipywidgets wiring. Each explorer only collects state and calls a pure view in `views`.

In the HTML book these cells are tagged `remove-output`: the reader sees the static default view
printed above them, and a note on how to run the explorer live.
"""

from __future__ import annotations

import ipywidgets as w
from IPython.display import display

from . import views


def _multi(label: str, options: list[str]) -> w.SelectMultiple:
    return w.SelectMultiple(options=options, value=tuple(options), description=label,
                            rows=min(len(options), 8), layout=w.Layout(width="auto"),
                            style={"description_width": "initial"})


def statement_explorer(frame) -> w.Widget:
    """Filter the chapter-1 statements by actor and kind; the table and timeline follow."""
    present = set(frame["actor"])
    actors = _multi("Actor", [a for a in views._enum("us_stance_statements", "actor") if a in present])
    kinds_present = set(frame["kind"])
    kinds = _multi("Kind", [k for k in views.KIND_ORDER if k in kinds_present])
    out = w.Output()

    def redraw(*_):
        out.clear_output(wait=True)
        with out:
            display(views.statements_view(frame, list(actors.value), list(kinds.value)))

    actors.observe(redraw, names="value")
    kinds.observe(redraw, names="value")
    redraw()
    hint = w.HTML("Hold Ctrl (Cmd on a Mac) to pick several; pick none to see an empty selection.")
    return w.VBox([w.HBox([actors, kinds]), hint, out])
