"""ipywidgets wiring. Each explorer only collects state and calls a pure view in `views`.

In the HTML book these cells are tagged `remove-output`: the reader sees the static default view
printed above them, and a note on how to run the explorer live.
"""

from __future__ import annotations

import ipywidgets as w

from . import views


def _multi(label: str, options: list[str]) -> w.SelectMultiple:
    return w.SelectMultiple(options=options, value=tuple(options), description=label,
                            rows=min(len(options), 8), layout=w.Layout(width="auto"),
                            style={"description_width": "initial"})


def statement_explorer(frame) -> w.VBox:
    """Filter the chapter-1 statements by actor and kind; the table and timeline follow.

    The view's HTML goes into an HTML widget (not an Output area), so the wiring can be tested
    without a kernel: change a control, read `explorer.children[-1].value`.
    """
    present = set(frame["actor"])
    actors = _multi("Actor", [a for a in views.allowed("us_stance_statements", "actor") if a in present])
    kinds_present = set(frame["kind"])
    kinds = _multi("Kind", [k for k in views.KIND_ORDER if k in kinds_present])
    out = w.HTML()

    def redraw(*_):
        out.value = views.statements_view(frame, list(actors.value), list(kinds.value))._repr_html_()

    actors.observe(redraw, names="value")
    kinds.observe(redraw, names="value")
    redraw()
    hint = w.HTML("Hold Ctrl (Cmd on a Mac) to pick several; pick none to see an empty selection.")
    return w.VBox([w.HBox([actors, kinds]), hint, out])


def comparison_explorer(positions, codes, issues) -> w.VBox:
    """Pick two parties and a date; see issue by issue where they agree and differ."""
    present = [a for a in views.allowed("positions", "actor") if a in set(positions["actor"])]
    first = w.Dropdown(options=present, value="Russia", description="First")
    second = w.Dropdown(options=present, value="Ukraine", description="Second")
    as_of = w.ToggleButtons(options=[(label, key) for key, label in views.AS_OF.items()],
                            value="snapshot", description="Positions")
    out = w.HTML()

    def redraw(*_):
        out.value = views.compare_actors(positions, codes, issues, first.value, second.value,
                                         as_of.value)._repr_html_()

    for control in (first, second, as_of):
        control.observe(redraw, names="value")
    redraw()
    return w.VBox([w.HBox([first, second]), as_of, out])
