"""Pure view functions: state in, table and chart out. Widgets only call these.

Each view takes the validated DataFrame and the widget's state, checks the state, and returns
static objects (`Table`, `Chart`) that render the same in Jupyter and in the HTML book.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from . import charts, data, tables

# Order in which kinds are listed and coloured, from pressure to accommodation.
KIND_ORDER = ["threat", "pressure", "demand", "assessment", "talks", "offer", "agreement"]
STATEMENT_COLUMNS = ["date", "actor", "kind", "summary", "quote", "source_ids"]
ACTOR_SHORT = {"Donald Trump": "Trump", "JD Vance": "Vance", "Marco Rubio": "Rubio",
               "US delegation": "US team", "White House": "White House",
               "US and Ukrainian delegations": "US–Ukraine", "US and Ukrainian governments": "US–Ukraine",
               "Vladimir Putin": "Putin"}
STATEMENT_LABELS = {"date": "Date", "actor": "Actor", "kind": "Kind", "summary": "What was said or done",
                    "quote": "Quoted words", "source_ids": "Sources"}


def allowed(resource: str, field: str) -> list[str]:
    """The values the schema allows in a column (its enum)."""
    fields = data.resource(resource)["schema"]["fields"]
    return list(next(f for f in fields if f["name"] == field)["constraints"]["enum"])


def _check_choice(name: str, chosen: Iterable[str] | None, known: list[str]) -> list[str] | None:
    """None means 'all'; otherwise every chosen value must be known (no silent typos)."""
    if chosen is None:
        return None
    if isinstance(chosen, str):
        chosen = [chosen]
    chosen = list(chosen)
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise ValueError(f"unknown {name} {unknown!r}; choose from {known}")
    return chosen


def filter_statements(frame: pd.DataFrame, actors=None, kinds=None) -> pd.DataFrame:
    """Rows whose actor is in `actors` and kind in `kinds` (None = all), sorted by date and id."""
    actors = _check_choice("actor", actors, allowed("us_stance_statements", "actor"))
    kinds = _check_choice("kind", kinds, allowed("us_stance_statements", "kind"))
    mask = pd.Series(True, index=frame.index)
    if actors is not None:
        mask &= frame["actor"].isin(actors)
    if kinds is not None:
        mask &= frame["kind"].isin(kinds)
    return frame[mask].sort_values(["date", "id"]).reset_index(drop=True)


def long_date(day: pd.Timestamp) -> str:
    """12 February 2025 (no leading zero)."""
    return f"{day.day} {day:%B %Y}"


def _selection_text(actors, kinds) -> str:
    def part(values, noun):
        return f"all {noun}s" if values is None else (", ".join(values) or f"no {noun}")
    return f"{part(actors, 'actor')}; {part(kinds, 'kind')}"


def timeline_chart(selected: pd.DataFrame, full: pd.DataFrame, *, source: str,
                   note: str = "") -> charts.Chart:
    """One row per statement, placed on a shared date axis; colour and marker show the kind."""
    styles = charts.category_styles(KIND_ORDER)
    n = len(selected)
    labels = [f"{d.day} {d:%b} · {ACTOR_SHORT.get(a, a)}: {lbl}" for d, a, lbl in zip(
        selected["date"], selected["actor"], selected["short_label"], strict=True)]
    # 7.2 in is the width of the book's text column: the image is shown at its own size.
    width, height = 7.2, 1.9 + 0.27 * max(n, 3)
    with charts.style():
        fig, ax = plt.subplots(figsize=(width, height))
        # Fixed margins from the label lengths: cheaper than a tight-layout pass.
        left = (0.3 + 0.07 * max((len(s) for s in labels), default=10)) / width
        fig.subplots_adjust(left=left, right=1 - 0.2 / width, top=1 - 0.45 / height,
                            bottom=1.15 / height)
        start = full["date"].min() - pd.Timedelta(days=5)
        end = full["date"].max() + pd.Timedelta(days=7)
        if n == 0:
            ax.text(0.5, 0.5, "No statements match this selection", transform=ax.transAxes,
                    ha="center", va="center")
            ax.set_yticks([])
        else:
            ys = list(range(n))[::-1]
            for kind in KIND_ORDER:
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
        mix = ", ".join(f"{counts[k]} {k}" for k in KIND_ORDER if k in counts) or "none"
        first = long_date(selected["date"].min()) if n else "-"
        last = long_date(selected["date"].max()) if n else "-"
        alt = (f"Timeline chart of {n} statements and actions ({mix}) from {first} to {last}, "
               "one row each, ordered by date." + (f" {note}" if note else ""))
        return charts.finish(fig, ax, title="Statements and actions on ending the war, January–May 2025",
                             xlabel="Date (2025)", ylabel="Statement or action",
                             alt=alt, source=source, tight=False)


@dataclass
class StatementsView:
    table: tables.Table
    chart: charts.Chart
    selected: pd.DataFrame

    def _repr_html_(self) -> str:
        return self.chart._repr_html_() + self.table._repr_html_()


def statements_view(frame: pd.DataFrame, actors=None, kinds=None) -> StatementsView:
    """The chapter-1 explorer: filter by actor and kind; table and timeline of what is left."""
    actors = _check_choice("actor", actors, allowed("us_stance_statements", "actor"))
    kinds = _check_choice("kind", kinds, allowed("us_stance_statements", "kind"))
    selected = filter_statements(frame, actors, kinds)
    source = data.source_line("us_stance_statements", selected if len(selected) else frame)
    selection = _selection_text(actors, kinds)
    table = tables.table(selected, columns=STATEMENT_COLUMNS, labels=STATEMENT_LABELS,
                         source_columns=("source_ids",),
                         caption=f"US stance: {len(selected)} of {len(frame)} statements and actions "
                                 f"({selection}).", source=source)
    chart = timeline_chart(selected, frame, source=source, note=f"Selection: {selection}.")
    return StatementsView(table, chart, selected)
