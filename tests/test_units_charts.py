"""studyguide.charts: every chart has its labels, escaped alt text, deterministic SVG."""

from __future__ import annotations

import pytest
from helpers import HOSTILE, JAPANESE, tags_of

from studyguide import charts, data


def _simple_chart(**overrides):
    import matplotlib.pyplot as plt

    with charts.style():
        fig, ax = plt.subplots()
        ax.plot([1, 2], [3, 4])
    kwargs = dict(title="T", xlabel="x (days)", ylabel="y (US$ bn)", alt="A line.", source="S.")
    kwargs.update(overrides)
    return charts.finish(fig, ax, **kwargs)


@pytest.mark.parametrize("missing", ["title", "xlabel", "ylabel", "alt", "source"])
@pytest.mark.parametrize("value", ["  ", None, 3])
def test_chart_refuses_missing_labels(missing, value):
    with pytest.raises(ValueError, match=missing):
        _simple_chart(**{missing: value})


def test_chart_html_has_escaped_alt_and_caption():
    chart = _simple_chart(alt=HOSTILE + JAPANESE, source=HOSTILE)
    html = chart._repr_html_()
    imgs = [a for t, a in tags_of(html) if t == "img"]
    assert len(imgs) == 1 and imgs[0]["alt"] == HOSTILE + JAPANESE  # parsed back, i.e. escaped
    assert imgs[0]["src"].startswith("data:image/svg+xml;base64,")
    assert "<script>" not in html


def test_chart_caption_links_the_data_file():
    html = _simple_chart(source="Data: data/truces.csv (x).")._repr_html_()
    assert any(t == "a" and a["href"] == "../data/truces.csv" for t, a in tags_of(html))


def test_chart_output_is_deterministic():
    assert _simple_chart().svg == _simple_chart().svg


def test_palette_is_okabe_ito_and_categories_differ_by_marker_too():
    kinds = data.vocabulary("us_stance_statements", "kind")
    styles = charts.category_styles(kinds)
    assert {s["color"] for s in styles.values()} <= set(charts.OKABE_ITO.values())
    assert len({s["marker"] for s in styles.values()}) == len(kinds)


def test_chart_html_is_a_figure_with_image_title_and_linked_source():
    chart = charts.Chart(svg=b"<svg/>", title="T <1>", alt='A "b"', source="Data: data/x.csv (X).",
                         width=10, height=20)
    assert chart._repr_html_() == (
        '<figure class="sg-figure"><img src="data:image/svg+xml;base64,PHN2Zy8+" alt="A &quot;b&quot;" '
        'width="10" height="20" /><figcaption><span class="sg-figure-title">T &lt;1&gt;</span> '
        '<span class="sg-source">Data: <a class="sg-internal" href="../data/x.csv" target="_blank" '
        'rel="noopener">data/x.csv</a> (X).</span></figcaption></figure>')


def test_category_legend_shows_a_marker_per_present_category_in_the_given_order():
    import matplotlib.pyplot as plt

    order = ["a", "b", "c"]
    styles = charts.category_styles(order)
    fig = plt.figure()
    legend = charts.category_legend(fig, order, {"a": "Alpha", "b": "Beta", "c": "Gamma"}, styles,
                                    ["c", "a", "c"], title="Letters", ncol=2)
    assert [t.get_text() for t in legend.get_texts()] == ["Alpha", "Gamma"]
    assert legend.get_title().get_text() == "Letters"
    handles = legend.legend_handles
    assert [h.get_linestyle() for h in handles] == ["None", "None"]  # markers only, no line
    assert [(h.get_marker(), h.get_color()) for h in handles] == [
        (styles["a"]["marker"], styles["a"]["color"]), (styles["c"]["marker"], styles["c"]["color"])]
    plt.close(fig)
