"""Look inside a chart before it becomes SVG: what is drawn, where, and in which style.

A chart function returns a `charts.Chart` (SVG bytes; the figure is closed). `capture` runs the
function while keeping the matplotlib figure, so a test can check what a reader would see:
the values drawn (bars, points, lines), their encoding (fill, hatch, marker), the words (labels,
legend, annotations), and the layout (nothing outside the figure, no two texts on top of each
other, every value inside its axes).

    chart, fig = capture(energy.revenue_chart, revenue, registry)
    assert bars(fig.axes[0])[0].height == 9.1
    assert_layout(fig)
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from studyguide import charts


def capture(chart_function, *args, **kwargs):
    """(Chart, Figure): the chart function's result and its figure, kept open and drawn."""
    kept = []
    original_finish = charts.finish
    original_close = plt.close

    def finish(fig, ax, **kw):
        kept.append(fig)
        plt.close = lambda *a, **k: None
        try:
            return original_finish(fig, ax, **kw)
        finally:
            plt.close = original_close

    charts.finish = finish
    try:
        chart = chart_function(*args, **kwargs)
    finally:
        charts.finish = original_finish
        plt.close = original_close
    if not kept:
        raise AssertionError(f"{chart_function.__name__} did not call charts.finish")
    fig = kept[-1]
    fig.canvas.draw()
    return chart, fig


def close(fig) -> None:
    plt.close(fig)


def colour(value) -> str:
    """A colour as '#rrggbb' (lower case), whatever form matplotlib holds it in."""
    return mcolors.to_hex(value).lower()


@dataclass(frozen=True)
class Bar:
    x: float  # centre
    width: float
    bottom: float
    height: float
    facecolor: str
    edgecolor: str
    hatch: str | None


def bars(ax) -> list[Bar]:
    """The bars of an axes (Rectangle patches from bar/barh), left to right as drawn."""
    out = []
    for p in ax.patches:
        if isinstance(p, Rectangle):
            out.append(Bar(x=p.get_x() + p.get_width() / 2, width=p.get_width(), bottom=p.get_y(),
                           height=p.get_height(), facecolor=colour(p.get_facecolor()),
                           edgecolor=colour(p.get_edgecolor()), hatch=p.get_hatch()))
    return out


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    facecolor: str
    edgecolor: str
    marker_path: tuple  # the marker's outline, to tell shapes apart


def points(ax) -> list[Point]:
    """Every scatter point of an axes, with its fill and outline colour."""
    out = []
    for coll in ax.collections:
        if not isinstance(coll, PathCollection):
            continue
        offsets = coll.get_offsets()
        faces = coll.get_facecolors()
        edges = coll.get_edgecolors()
        paths = coll.get_paths()
        for i, (x, y) in enumerate(np.asarray(offsets)):
            face = colour(faces[i % len(faces)]) if len(faces) else "none"
            edge = colour(edges[i % len(edges)]) if len(edges) else "none"
            path = paths[i % len(paths)] if paths else None
            shape = tuple(map(tuple, np.round(path.vertices, 3))) if path is not None else ()
            out.append(Point(float(x), float(y), face, edge, shape))
    return out


def lines(ax) -> list[tuple[list, list, str]]:
    """(x data, y data, colour) of every visible line, legend handles excluded."""
    return [(list(line.get_xdata()), list(line.get_ydata()), colour(line.get_color()))
            for line in ax.get_lines() if line.get_visible()]


def _undrawn_tick_labels(fig) -> set[int]:
    """Tick labels matplotlib keeps but does not draw: their tick lies outside the view."""
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            slack = (hi - lo) * 1e-6
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                loc = tick.get_loc()
                if loc is None or not (lo - slack <= loc <= hi + slack):
                    hidden.update({id(tick.label1), id(tick.label2)})
    return hidden


def _visible_texts(fig) -> list[Text]:
    hidden = _undrawn_tick_labels(fig)
    found = []
    for t in fig.findobj(Text):
        if (t.get_visible() and t.get_text().strip() and t.get_figure() is not None
                and id(t) not in hidden):
            found.append(t)
    return found


def texts(fig) -> list[str]:
    """Every visible piece of text: titles, axis and tick labels, legend, annotations."""
    return [t.get_text() for t in _visible_texts(fig)]


def legend_labels(fig) -> list[str]:
    """The entries of every legend (figure and axes), in order."""
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    return [t.get_text() for leg in legends for t in leg.get_texts()]


def legend_title(fig) -> str:
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    return " | ".join(leg.get_title().get_text() for leg in legends)


def _extent(artist, renderer):
    box = artist.get_window_extent(renderer)
    return box.x0, box.y0, box.x1, box.y1


def outside_the_figure(fig, tolerance: float = 1.0) -> list[str]:
    """Texts and legends that stick out of the figure (they would be cut off in the image)."""
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    out = []
    for artist in [*_visible_texts(fig), *fig.legends,
                   *[ax.get_legend() for ax in fig.axes if ax.get_legend()]]:
        x0, y0, x1, y1 = _extent(artist, renderer)
        if x0 < -tolerance or y0 < -tolerance or x1 > width + tolerance or y1 > height + tolerance:
            label = artist.get_text() if isinstance(artist, Text) else "legend"
            out.append(f"{label!r} at ({x0:.0f},{y0:.0f})-({x1:.0f},{y1:.0f}) in "
                       f"{width:.0f}x{height:.0f}")
    return out


def overlapping_texts(fig, tolerance: float = 1.0, include_ticks: bool = True) -> list[tuple]:
    """Pairs of visible texts drawn on top of each other (unreadable)."""
    renderer = fig.canvas.get_renderer()
    legend_texts = {id(t) for leg in [*fig.legends, *[ax.get_legend() for ax in fig.axes
                                                    if ax.get_legend()]]
                    for t in [*leg.get_texts(), leg.get_title()]}
    candidates = []
    for t in _visible_texts(fig):
        if not include_ticks and any(t in ax.get_xticklabels() + ax.get_yticklabels()
                                     for ax in fig.axes):
            continue
        candidates.append((t, _extent(t, renderer)))
    pairs = []
    for (a, ea), (b, eb) in combinations(candidates, 2):
        if id(a) in legend_texts and id(b) in legend_texts:
            continue  # the legend lays out its own entries
        if (min(ea[2], eb[2]) - max(ea[0], eb[0]) > tolerance
                and min(ea[3], eb[3]) - max(ea[1], eb[1]) > tolerance):
            pairs.append((a.get_text(), b.get_text()))
    return pairs


def legend_over_axes(fig, tolerance: float = 1.0) -> list[str]:
    """Figure legends that cover part of a plotting area."""
    renderer = fig.canvas.get_renderer()
    out = []
    for leg in fig.legends:
        lx0, ly0, lx1, ly1 = _extent(leg, renderer)
        for i, ax in enumerate(fig.axes):
            ax0, ay0, ax1, ay1 = _extent(ax.patch, renderer)
            if min(lx1, ax1) - max(lx0, ax0) > tolerance and min(ly1, ay1) - max(ly0, ay0) > tolerance:
                out.append(f"legend covers axes {i}")
    return out


def outside_the_axes(ax) -> list[tuple]:
    """Data drawn outside the axes' limits (cut off): bars, points and line vertices."""
    x0, x1 = sorted(ax.get_xlim())
    y0, y1 = sorted(ax.get_ylim())
    out = []
    for b in bars(ax):
        if b.width and b.height:
            lo, hi = sorted((b.bottom, b.bottom + b.height))
            if b.x < x0 or b.x > x1 or lo < y0 - 1e-9 or hi > y1 + 1e-9:
                out.append(("bar", b.x, b.height))
    for p in points(ax):
        if not (x0 <= p.x <= x1 and y0 <= p.y <= y1):
            out.append(("point", p.x, p.y))
    for xs, ys, _ in lines(ax):
        for x, y in zip(xs, ys, strict=True):
            try:
                fx, fy = float(x), float(y)
            except (TypeError, ValueError):
                continue  # dates or categories: checked by the chart's own tests
            if not (x0 - 1e-9 <= fx <= x1 + 1e-9 and y0 - 1e-9 <= fy <= y1 + 1e-9):
                out.append(("line", fx, fy))
    return out


def assert_layout(fig, *, ticks_may_touch: bool = False, data_in_axes: bool = True) -> None:
    """Nothing cut off at the figure's edge, no text on top of another, no legend over the data,
    and (unless the chart zooms on purpose) no data outside its axes."""
    assert outside_the_figure(fig) == []
    assert overlapping_texts(fig, include_ticks=not ticks_may_touch) == []
    assert legend_over_axes(fig) == []
    if data_in_axes:
        for ax in fig.axes:
            assert outside_the_axes(ax) == []
