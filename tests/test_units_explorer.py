"""studyguide.explorer: states embedded for the book, the live widget, the MIME bundle."""

from __future__ import annotations

import base64
import json
import re

import pandas as pd
import pytest
from helpers import HOSTILE

from studyguide import charts, tables
from studyguide.common import View
from studyguide.explorer import Control, Explorer, split_parts


def _chart(label: str) -> charts.Chart:
    import matplotlib.pyplot as plt

    with charts.style():
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot([0, 1], [0, 1])
    return charts.finish(fig, ax, title=label, xlabel="x", ylabel="y", alt=f"alt {label}", source="s")


CHARTS = {}


def letters_view(letter=None, size="small"):
    """A toy view: the rows of a fixed frame with `letter` (None = all)."""
    frame = pd.DataFrame({"letter": ["a", "b", "a"], "n": [1, 2, 3]})
    rows = frame if letter is None else frame[frame["letter"] == letter]
    key = (letter, size)
    CHARTS.setdefault(key, _chart(f"{letter}-{size}"))
    return View(tables.table(rows, caption=f"{len(rows)} rows", source="s"), CHARTS[key], rows,
                f"{len(rows)} rows ({letter or 'all'}, {size})")


def toy(**kwargs) -> Explorer:
    return Explorer("toy", "Toy", letters_view, [
        Control("letter", "Letter", ((None, "All"), ("a", "A"), ("b", "B <b>"))),
        Control("size", "Size", (("small", "Small"), ("big", "Big")), "small")], **kwargs)


def test_states_cover_every_combination_and_rebuild_each_view():
    ex = toy()
    states = ex.states()
    assert len(states["views"]) == 3 * 2
    for key, index in states["views"].items():
        combo = [int(i) for i in key.split(".")]
        rebuilt = "".join(part if isinstance(part, str) else
                          "data:image/svg+xml;base64," + base64.b64encode(part["s"].encode()).decode()
                          for part in (states["parts"][k] for k in states["layouts"][index]))
        html, line = ex.render(combo)
        assert rebuilt == html and states["status"][index] == line


def test_shared_rows_are_stored_once():
    states = toy().states()
    row = next(p for p in states["parts"] if isinstance(p, str) and "<td>a</td><td>1</td>" in p)
    assert sum(1 for p in states["parts"] if p == row) == 1
    assert sum(row in layout_parts for layout_parts in (
        [states["parts"][k] for k in layout] for layout in states["layouts"])) >= 2


def test_invalid_combinations_have_no_view_and_a_message():
    ex = toy(invalid=lambda c: "Not b and big." if (c["letter"], c["size"]) == ("b", "big") else None)
    states = ex.states()
    assert "2.1" not in states["views"] and len(states["views"]) == 5
    assert states["missing"] == "Not b and big."


def test_static_html_shows_the_default_and_embeds_safe_json():
    html = toy().static_html()
    assert 'class="sg-explorer-view"' in html and "3 rows (all, small)" in html
    payload = re.search(r'class="sg-explorer-states">(.*?)</script>', html, re.S).group(1)
    assert "</" not in payload  # nothing in the JSON can close the <script> early
    data = json.loads(payload)
    assert data["controls"][0]["options"] == ["All", "A", "B <b>"]
    assert data["defaults"] == [0, 0]


def test_split_parts_turns_svg_data_uris_into_text():
    svg = "<svg>hi</svg>"
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    parts = split_parts(f'<figure><img src="{uri}"></figure><table><tr><td>1</td></tr></table>')
    assert {"s": svg} in parts and all(p != "" for p in parts)


def test_bad_defaults_and_keys_are_refused():
    with pytest.raises(ValueError, match="not an option"):
        Explorer("bad", "Bad", letters_view, [Control("size", "Size", (("small", "S"),), "huge")]).defaults()
    with pytest.raises(ValueError, match="explorer key"):
        Explorer(HOSTILE, "x", letters_view, [])


@pytest.fixture
def fresh_widget_class(monkeypatch):
    """The widget class is made once per process and kept; make it again in this test, so that
    what builds it is exercised here and not by whichever test ran first."""
    from studyguide import explorer

    monkeypatch.setattr(explorer, "_WIDGET", None)
    return explorer


def test_widget_class_carries_the_books_script_and_style(fresh_widget_class):
    explorer = fresh_widget_class
    cls = explorer._widget_class()
    assert cls is explorer._widget_class()  # made once, then reused
    script = (explorer.STATIC / "explorer.js").read_text(encoding="utf-8")
    assert cls._esm.startswith(script) and "export default" in cls._esm[len(script):]
    assert cls._css == (explorer.STATIC / "explorer.css").read_text(encoding="utf-8")
    widget = toy().widget()
    for name in ("spec", "choice", "html", "status"):
        assert widget.trait_metadata(name, "sync") is True, name
    assert widget.spec["title"] == "Toy"
    assert widget.spec["controls"] == [{"label": "Letter", "options": ["All", "A", "B <b>"]},
                                       {"label": "Size", "options": ["Small", "Big"]}]
    assert widget.choice == [0, 0]
    widget.status = "changed by hand"  # only a change of choice redraws
    widget.html = ""
    assert widget.status == "changed by hand"
    widget.choice = [1, 0]
    assert widget.status == "2 rows (a, small)" and "2 rows" in widget.html


def test_widget_redraws_when_the_choice_changes(fresh_widget_class):
    widget = toy().widget()
    assert widget.status == "3 rows (all, small)"
    assert widget.spec["controls"][1]["options"] == ["Small", "Big"]
    widget.choice = [1, 1]
    assert widget.status == "2 rows (a, big)" and "2 rows" in widget.html
    widget.choice = [2, 0]
    assert widget.status == "1 rows (b, small)"


def test_mime_bundle_without_a_kernel_is_static_html_only():
    bundle = toy()._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}


def test_embedded_json_is_compact_keeps_japanese_and_cannot_close_the_script():
    from studyguide.explorer import _script_json

    value = {"q": "停戦", "html": "<b>x</b></script>", "n": [1, 2]}
    text = _script_json(value)
    assert text == '{"q":"停戦","html":"<b>x<\\/b><\\/script>","n":[1,2]}'
    assert "</" not in text and json.loads(text) == value


def test_states_describe_the_controls_and_a_default_message():
    ex = toy(invalid=lambda c: True and None)  # no combination invalid, no message given
    states = ex.states()
    assert states["title"] == "Toy"
    assert states["controls"] == [{"label": "Letter", "options": ["All", "A", "B <b>"]},
                                  {"label": "Size", "options": ["Small", "Big"]}]
    assert states["missing"] == "No view for this choice."
    # every view is reachable: after an invalid combination the rest are still embedded
    some_invalid = toy(invalid=lambda c: "no" if c["letter"] is None else None).states()
    assert sorted(some_invalid["views"]) == ["1.0", "1.1", "2.0", "2.1"]
    # each view's parts, put back together, are the view's HTML
    for key, layout in states["views"].items():
        combo = [int(i) for i in key.split(".")]
        fragment, line = ex.render(combo)
        rebuilt = "".join(
            p if isinstance(p, str) else
            "data:image/svg+xml;base64," + base64.b64encode(p["s"].encode()).decode()
            for p in (states["parts"][k] for k in states["layouts"][layout]))
        assert rebuilt == fragment
        assert states["status"][layout] == line


def test_a_live_only_explorer_embeds_nothing_but_its_default_view():
    from studyguide.summit import LiveExplorer

    live = LiveExplorer("toy", "Toy", letters_view, toy().controls)
    html = live.static_html()
    assert "sg-explorer-states" not in html
    assert html.endswith("</div></div>") and "XX" not in html


class _Shell:
    def __init__(self, kernel):
        if kernel:
            self.kernel = object()


@pytest.mark.parametrize(("shell", "live"), [(None, False), (_Shell(kernel=False), False),
                                             (_Shell(kernel=True), True)])
def test_the_widget_joins_the_bundle_only_with_a_kernel(monkeypatch, fresh_widget_class, shell,
                                                        live):
    import IPython

    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    bundle = toy()._repr_mimebundle_()
    widget_mime = "application/vnd.jupyter.widget-view+json"
    assert (widget_mime in bundle) is live
    assert bundle["text/html"] == toy().static_html()  # the book's part is always there
    assert bundle["text/plain"] == f"[Explorer] {toy().title}"  # no memory address, ever
    if live:
        assert set(bundle[widget_mime]) >= {"model_id", "version_major"}
