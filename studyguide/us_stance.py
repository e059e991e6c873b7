"""Chapter 1, the US stance: dated US statements and actions, January–May 2025.

`statements_view` is the chapter's explorer: filter by actor and by kind; a table and a timeline
of what is left. Orders and labels of actors and kinds come from data/datapackage.json.
"""

from __future__ import annotations

from functools import partial

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from . import charts, data, tables
from .common import View, check_choices, check_frame, selection_text
from .explorer import Control, Explorer
from .text import long_date, plural

RESOURCE = "us_stance_statements"
COLUMNS = ["date", "actor", "kind", "target", "summary", "quote", "note", "source_ids"]
NEEDED = ["id", "date", "actor", "kind", "short_label", "source_ids", *COLUMNS]


def kinds() -> list[str]:
    """Kinds of statement, in display order (from pressure to accommodation)."""
    return data.vocabulary(RESOURCE, "kind")


def actors() -> list[str]:
    return data.vocabulary(RESOURCE, "actor")


def filter_statements(frame: pd.DataFrame, actors=None, kinds=None) -> pd.DataFrame:
    """Rows whose actor is in `actors` and kind in `kinds` (None = all), sorted by date and id."""
    check_frame(frame, RESOURCE, NEEDED)
    chosen_actors, chosen_kinds = _choices(actors, kinds)
    return _filter(frame, chosen_actors, chosen_kinds)


def _choices(actors_, kinds_):
    return (check_choices("actor", actors_, actors()), check_choices("kind", kinds_, kinds()))


def _filter(frame: pd.DataFrame, actors_, kinds_) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    if actors_ is not None:
        mask &= frame["actor"].isin(actors_)
    if kinds_ is not None:
        mask &= frame["kind"].isin(kinds_)
    return frame[mask].sort_values(["date", "id"]).reset_index(drop=True)


def _date_range(full: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The chart's date axis: the whole table's span, or the schema's bounds for an empty one."""
    if len(full):
        return full["date"].min() - pd.Timedelta(days=5), full["date"].max() + pd.Timedelta(days=7)
    bounds = data.field(RESOURCE, "date")["constraints"]
    return pd.Timestamp(bounds["minimum"]), pd.Timestamp(bounds["maximum"])


def timeline_chart(selected: pd.DataFrame, full: pd.DataFrame, *, source: str,
                   note: str = "") -> charts.Chart:
    """One row per statement, placed on a shared date axis; colour and marker show the kind."""
    order = kinds()
    styles = charts.category_styles(order)
    short = data.labels(RESOURCE, "actor", short=True)
    n = len(selected)
    labels = [f"{d.day} {d:%b} · {short.get(a, a)}: {lbl}" for d, a, lbl in zip(
        selected["date"], selected["actor"], selected["short_label"], strict=True)]
    # 7.2 in is the width of the book's text column: the image is shown at its own size.
    width, height = 7.2, 1.9 + 0.27 * max(n, 3)
    with charts.style():
        fig, ax = plt.subplots(figsize=(width, height))
        # Fixed margins from the label lengths: cheaper than a tight-layout pass.
        left = (0.45 + 0.07 * max((len(s) for s in labels), default=10)) / width
        right = 1 - 0.2 / width
        fig.subplots_adjust(left=left, right=right, top=1 - 0.45 / height, bottom=1.15 / height)
        ax.yaxis.set_label_coords((0.03 - left) / (right - left), 0.5)  # at the figure's left edge
        start, end = _date_range(full)
        if n == 0:
            ax.text(0.5, 0.5, "No statements match this selection", transform=ax.transAxes,
                    ha="center", va="center")
            ax.set_yticks([])
        else:
            ys = list(range(n))[::-1]
            for kind in order:
                rows = [(y, d) for y, d, k in zip(ys, selected["date"], selected["kind"], strict=True)
                        if k == kind]
                if rows:
                    ax.scatter([d for _, d in rows], [y for y, _ in rows], s=60, zorder=3,
                               label=kind, **styles[kind])
            for y, d in zip(ys, selected["date"], strict=True):
                ax.hlines(y, start, d, color="#bbbbbb", linewidth=0.6, zorder=1)
            ax.set_yticks(ys, labels)
            ax.set_ylim(-0.7, n - 0.3)
            fig.legend(title="Kind", loc="lower center", ncol=4, fontsize=8, title_fontsize=8,
                       bbox_to_anchor=(0.5, 0.0))
        ax.set_xlim(start, end)
        ax.xaxis.set_major_locator(mdates.MonthLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
        ax.grid(axis="y", visible=False)
        counts = selected["kind"].value_counts()
        mix = ", ".join(f"{counts[k]} {k}" for k in order if k in counts) or "none"
        span = (f" from {long_date(selected['date'].min())} to {long_date(selected['date'].max())}"
                if n else "")
        alt = (f"Timeline chart of {plural(n, 'statement or action', 'statements and actions')} "
               f"({mix}){span}, one row each, ordered by date." + (f" {note}" if note else ""))
        return charts.finish(fig, ax, title="Statements and actions on ending the war, January–May 2025",
                             xlabel="Date (2025)", ylabel="Statement or action",
                             alt=alt, source=source, tight=False)


def statements_view(frame: pd.DataFrame, actors=None, kinds=None) -> View:
    """The chapter-1 explorer: filter by actor and kind; table and timeline of what is left.

    `actors` and `kinds` are None (all), one name, or a list of names from the schema's enums.
    """
    check_frame(frame, RESOURCE, NEEDED)
    chosen_actors, chosen_kinds = _choices(actors, kinds)
    selected = _filter(frame, chosen_actors, chosen_kinds)
    source = data.source_line(RESOURCE, selected)
    selection = f"{selection_text(chosen_actors, 'actor')}; {selection_text(chosen_kinds, 'kind')}"
    total = plural(len(frame), "statement or action", "statements and actions")
    summary = f"{len(selected)} of {total} ({selection})"
    table = tables.table(selected, columns=COLUMNS, resource=RESOURCE,
                         caption=f"US stance: {summary}.", source=source)
    chart = timeline_chart(selected, frame, source=source, note=f"Selection: {selection}.")
    return View(table, chart, selected, summary)


def explorer(frame: pd.DataFrame) -> Explorer:
    """Pick an actor (or all) and a kind (or all): the table and timeline follow."""
    check_frame(frame, RESOURCE, NEEDED)
    present_actors = [a for a in actors() if a in set(frame["actor"])]
    present_kinds = [k for k in kinds() if k in set(frame["kind"])]
    return Explorer("us-stance", "Filter the record by actor and by kind", partial(statements_view, frame), [
        Control("actors", "Actor", ((None, "All actors"), *((a, a) for a in present_actors))),
        Control("kinds", "Kind", ((None, "All kinds"), *((k, k) for k in present_kinds))),
    ])


def counts_table(counts: pd.DataFrame, rows: pd.DataFrame) -> tables.Table:
    """A crosstab of kind (rows) by target (columns), in the schema's orders, as a table."""
    counts = counts.reindex(index=[k for k in kinds() if k in counts.index],
                            columns=[t for t in data.vocabulary(RESOURCE, "target") if t in counts.columns])
    return tables.table(
        counts.rename_axis(index="kind", columns=None).reset_index(), resource=RESOURCE,
        caption="US steps by kind and by whom they were addressed to (for talks, the counterpart).",
        source=data.source_line(RESOURCE, rows))
