"""One look for every chart: colour-blind-safe colours, a title, labelled axes, alt text, a source.

A chart is returned as a `Chart`, which renders as an HTML <figure> holding the image with its alt
text and a caption generated from the data's metadata. The HTML needs no kernel and no script.

Images are SVG with text kept as text (`svg.fonttype: none`): about half the bytes of a PNG, sharp
at any zoom, identical from run to run, and about twice as fast to produce (see `make bench`).
"""

from __future__ import annotations

import base64
import html
import io
from contextlib import contextmanager
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .tables import source_html  # noqa: E402

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision
# deficiencies. Charts also vary marker shape, so colour is never the only cue.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
# Yellow last: as a marker or thin line on white it is hard to see.
PALETTE = [OKABE_ITO[c] for c in ("orange", "sky blue", "bluish green", "blue", "vermillion",
                                  "reddish purple", "black", "yellow")]
MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*"]

STYLE = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 110,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "legend.frameon": False,
    "svg.hashsalt": "studyguide",  # stable ids inside the SVG
    "svg.fonttype": "none",  # keep text as <text>, not glyph outlines
    "font.family": "sans-serif",
}


@contextmanager
def style():
    """Apply the guide's matplotlib style inside a `with` block."""
    with plt.rc_context(STYLE):
        yield


def category_styles(categories) -> dict[str, dict]:
    """A fixed colour and marker per category, in the order given."""
    return {
        str(cat): {"color": PALETTE[i % len(PALETTE)], "marker": MARKERS[i % len(MARKERS)]}
        for i, cat in enumerate(categories)
    }


def category_legend(fig, order, labels: dict, styles: dict, present, *, title: str, ncol: int = 2):
    """A legend at the foot of the figure with one marker per category present, in `order`
    (the schema's), labelled by `labels`."""
    present = set(present)
    handles = [plt.Line2D([], [], linestyle="", markersize=6, label=labels[c], **styles[c])
               for c in order if c in present]
    return fig.legend(handles=handles, loc="lower center", ncol=ncol, fontsize=8, title=title,
                      title_fontsize=8)


@dataclass
class Chart:
    """A finished figure: SVG bytes plus what a reader without sight or kernel needs."""

    svg: bytes
    title: str
    alt: str
    source: str
    width: int
    height: int

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.svg).decode("ascii")
        return (
            '<figure class="sg-figure">'
            f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(self.alt)}" '
            f'width="{self.width}" height="{self.height}" />'
            f'<figcaption><span class="sg-figure-title">{html.escape(self.title)}</span> '
            f'<span class="sg-source">{source_html(self.source)}</span></figcaption>'
            "</figure>"
        )

    def __repr__(self) -> str:
        return f"[Chart] {self.title}\nAlt text: {self.alt}\n{self.source}"


def finish(fig, ax, *, title: str, xlabel: str, ylabel: str, alt: str, source: str,
           tight: bool = True) -> Chart:
    """Check the chart has what every chart needs, render it to SVG and close the figure.

    `tight=False` keeps margins the caller set with `fig.subplots_adjust` (one layout pass less).

    Axis labels should name units ("US$ bn", "days", "date"). A title, axis label, alt text or
    source that is empty or not a string raises ValueError: an unlabelled chart is a bug (and
    `None` would print as the word "None").
    """
    for label, value in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel),
                         ("alt", alt), ("source", source)):
        if not isinstance(value, str) or not value.strip():
            plt.close(fig)
            raise ValueError(f"a chart needs a non-empty {label}")
    # A figure-level title, left-aligned to the figure: long titles are not clipped by wide
    # y-axis labels.
    fig.suptitle(title, x=0.01, ha="left", fontsize=STYLE["axes.titlesize"],
                 fontweight=STYLE["axes.titleweight"])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if tight:
        fig.tight_layout()
    buf = io.BytesIO()
    with plt.rc_context(STYLE):
        # Date=None keeps the bytes identical from run to run
        fig.savefig(buf, format="svg", metadata={"Date": None})
    width, height = (int(round(v)) for v in fig.get_size_inches() * 96)
    plt.close(fig)
    return Chart(svg=buf.getvalue(), title=title, alt=alt, source=source,
                 width=width, height=height)
