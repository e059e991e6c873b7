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
from matplotlib.collections import PatchCollection

from . import charts, data, tables

# Order in which kinds are listed and coloured, from pressure to accommodation.
KIND_ORDER = ["threat", "pressure", "demand", "assessment", "talks", "offer", "agreement"]
STATEMENT_COLUMNS = ["date", "actor", "kind", "target", "summary", "quote", "note", "source_ids"]
ACTOR_SHORT = {"Donald Trump": "Trump", "JD Vance": "Vance", "Marco Rubio": "Rubio",
               "US delegation": "US team", "White House": "White House",
               "US and Ukrainian delegations": "US–Ukraine", "US and Ukrainian governments": "US–Ukraine",
               "Vladimir Putin": "Putin"}


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


def _statement_choices(actors, kinds) -> tuple[list[str] | None, list[str] | None]:
    return (_check_choice("actor", actors, allowed("us_stance_statements", "actor")),
            _check_choice("kind", kinds, allowed("us_stance_statements", "kind")))


def filter_statements(frame: pd.DataFrame, actors=None, kinds=None) -> pd.DataFrame:
    """Rows whose actor is in `actors` and kind in `kinds` (None = all), sorted by date and id."""
    actors, kinds = _statement_choices(actors, kinds)
    return _filter_statements(frame, actors, kinds)


def _filter_statements(frame: pd.DataFrame, actors, kinds) -> pd.DataFrame:
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
        left = (0.45 + 0.07 * max((len(s) for s in labels), default=10)) / width
        right = 1 - 0.2 / width
        fig.subplots_adjust(left=left, right=right, top=1 - 0.45 / height, bottom=1.15 / height)
        ax.yaxis.set_label_coords((0.03 - left) / (right - left), 0.5)  # at the figure's left edge
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
class View:
    """What a view function returns: a chart, a table, and the rows behind both."""

    table: tables.Table
    chart: charts.Chart
    frame: pd.DataFrame

    def _repr_html_(self) -> str:
        return self.chart._repr_html_() + self.table._repr_html_()


def statements_view(frame: pd.DataFrame, actors=None, kinds=None) -> View:
    """The chapter-1 explorer: filter by actor and kind; table and timeline of what is left."""
    actors, kinds = _statement_choices(actors, kinds)
    selected = _filter_statements(frame, actors, kinds)
    source = data.source_line("us_stance_statements", selected if len(selected) else frame)
    selection = _selection_text(actors, kinds)
    table = tables.table(selected, columns=STATEMENT_COLUMNS,  # column titles from the schema
                         caption=f"US stance: {len(selected)} of {len(frame)} statements and actions "
                                 f"({selection}).", source=source)
    chart = timeline_chart(selected, frame, source=source, note=f"Selection: {selection}.")
    return View(table, chart, selected)


# --- Chapter 2: positions on the issues of a settlement --------------------------------------

AS_OF = {"snapshot": "as of 10 May 2025", "latest": "latest stated position (to February 2026)"}
RELATIONS = {  # relation -> (symbol, label, colour); colour is never the only cue
    "agree": ("=", "agree", charts.OKABE_ITO["bluish green"]),
    "differ": ("≠", "differ", charts.OKABE_ITO["vermillion"]),
    "only_a": ("?", "only the first stated a position", "#d9d9d9"),
    "only_b": ("?", "only the second stated a position", "#d9d9d9"),
    "neither": ("–", "neither stated a position", "#f2f2f2"),
}


def stances(positions: pd.DataFrame, as_of: str = "snapshot") -> pd.DataFrame:
    """One row per actor and issue: the snapshot position (10 May 2025) or the latest one."""
    if as_of == "snapshot":
        rows = positions[positions["period"] == "snapshot"]
    elif as_of == "latest":
        rows = positions.sort_values(["date", "id"]).groupby(["actor", "issue"]).tail(1)
    else:
        raise ValueError(f"unknown as_of {as_of!r}; choose from {list(AS_OF)}")
    if rows.duplicated(["actor", "issue"]).any():
        raise ValueError("more than one snapshot position for an actor and issue")
    return rows.reset_index(drop=True)


def _labelled(rows: pd.DataFrame, codes: pd.DataFrame) -> pd.DataFrame:
    labels = codes.rename(columns={"code": "stance", "label": "stance_label"})[
        ["issue", "stance", "stance_label"]]
    return rows.merge(labels, on=["issue", "stance"], how="left")


def positions_matrix(positions, codes, issues, as_of: str = "snapshot") -> tables.Table:
    """Issues down, actors across, each cell the stance's label: the whole matrix, static."""
    rows = _labelled(stances(positions, as_of), codes)
    actors = [a for a in allowed("positions", "actor") if a in set(rows["actor"])]
    matrix = rows.pivot(index="issue", columns="actor", values="stance_label")
    matrix = matrix.reindex(index=list(issues["issue"]), columns=actors).fillna("—")
    matrix.insert(0, "Issue", issues.set_index("issue").loc[matrix.index, "label"].to_numpy())
    source = data.source_line("positions", rows)
    return tables.table(matrix.reset_index(drop=True), caption=(
        f"Stated positions, {AS_OF[as_of]}. '—' means no stated position was found."), source=source)


def position_changes(positions, codes, issues) -> pd.DataFrame:
    """Actor-issue pairs whose latest stated stance differs from the 10 May 2025 snapshot.

    `change` is "changed" where there was a May position, "first stated" where there was none.
    """
    snap = _labelled(stances(positions, "snapshot"), codes)
    last = _labelled(stances(positions, "latest"), codes)
    both = snap.merge(last, on=["actor", "issue"], how="right", suffixes=("_may", "_latest"))
    moved = both[both["stance_may"] != both["stance_latest"]].merge(
        issues[["issue", "label"]], on="issue")
    moved["change"] = moved["stance_may"].map(lambda v: "first stated" if pd.isna(v) else "changed")
    moved["stance_label_may"] = moved["stance_label_may"].fillna("no stated position")
    return moved.sort_values(["actor", "date_latest"]).reset_index(drop=True)


def _relation(a, b) -> str:
    if pd.isna(a) and pd.isna(b):
        return "neither"
    if pd.isna(b):
        return "only_a"
    if pd.isna(a):
        return "only_b"
    return "agree" if a == b else "differ"


def compare_actors(positions, codes, issues, first: str = "Russia", second: str = "Ukraine",
                   as_of: str = "snapshot") -> View:
    """Issue by issue: where two actors agree, differ, or one has no stated position."""
    known = allowed("positions", "actor")
    for actor in (first, second):
        _check_choice("actor", [actor], known)
    rows = _labelled(stances(positions, as_of), codes)
    by_actor = {a: rows[rows["actor"] == a].set_index("issue") for a in (first, second)}
    out = issues[["issue", "label"]].copy()
    for key, actor in (("a", first), ("b", second)):
        out[f"stance_{key}"] = out["issue"].map(by_actor[actor]["stance"])
        out[f"label_{key}"] = out["issue"].map(by_actor[actor]["stance_label"])
        out[f"source_{key}"] = out["issue"].map(by_actor[actor]["source_ids"])
    out["relation"] = [_relation(a, b) for a, b in zip(out["stance_a"], out["stance_b"], strict=True)]
    counts = out["relation"].value_counts()
    summary = ", ".join(f"{counts[r]} {RELATIONS[r][1]}" for r in RELATIONS if r in counts)
    cited = rows[rows["actor"].isin([first, second])]
    source = data.source_line("positions", cited if len(cited) else positions)
    shown = out.assign(
        relation=out["relation"].map(lambda r: f"{RELATIONS[r][0]} {RELATIONS[r][1]}"),
        label_a=out["label_a"].fillna("no stated position"),
        label_b=out["label_b"].fillna("no stated position"),
        sources=[";".join(s for s in (x, y) if isinstance(s, str))
                 for x, y in zip(out["source_a"], out["source_b"], strict=True)],
    )
    table = tables.table(shown, columns=["label", "label_a", "relation", "label_b", "sources"],
                         labels={"label": "Issue", "label_a": first, "relation": "",
                                 "label_b": second, "sources": "Sources"},
                         source_columns=("sources",),
                         caption=f"{first} and {second}, {AS_OF[as_of]}: {summary}.", source=source)
    chart = comparison_chart(out, first, second, as_of=as_of, summary=summary, source=source)
    return View(table, chart, out)


def comparison_chart(frame: pd.DataFrame, first: str, second: str, *, as_of: str, summary: str,
                     source: str) -> charts.Chart:
    """A three-column matrix: first actor's stance, the relation (symbol and colour), second's."""
    n = len(frame)
    width, height = 7.2, 1.3 + 0.42 * n
    with charts.style():
        fig, ax = plt.subplots(figsize=(width, height))
        fig.subplots_adjust(left=0.36, right=0.99, top=1 - 0.75 / height, bottom=0.45 / height)
        boxes, faces = [], []  # one PatchCollection draws faster than many patches
        for y, rec in enumerate(frame.itertuples(index=False)):
            y = n - 1 - y
            symbol, _, colour = RELATIONS[rec.relation]
            for x, text in ((0, rec.label_a), (2, rec.label_b)):
                stated = isinstance(text, str)
                boxes.append(plt.Rectangle((x, y + 0.06), 1, 0.88))
                faces.append("#ffffff" if stated else "#f2f2f2")
                ax.text(x + 0.5, y + 0.5, text if stated else "no stated position", ha="center",
                        va="center", fontsize=7.5, color="#222222" if stated else "#666666")
            boxes.append(plt.Rectangle((1.1, y + 0.06), 0.8, 0.88))
            faces.append(colour)
            word = rec.relation if rec.relation in ("agree", "differ") else ""
            ax.text(1.5, y + 0.5, f"{symbol} {word}".strip(), ha="center", va="center", fontsize=9,
                    fontweight="bold", color="#111111")  # dark text: contrast above 5:1 on both colours
        ax.add_collection(PatchCollection(boxes, facecolors=faces, edgecolors="#999999",
                                          linewidths=0.6))
        ax.set_xlim(0, 3)
        ax.set_ylim(0, n)
        ax.set_xticks([0.5, 1.5, 2.5], [first, "", second])
        ax.xaxis.tick_top()
        ax.set_yticks([n - 0.5 - i for i in range(n)], list(frame["label"]))
        ax.tick_params(length=0)
        ax.yaxis.set_label_coords(-0.53, 0.5)
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        alt = (f"Matrix comparing the stated positions of {first} and {second} on {n} issues, "
               f"{AS_OF[as_of]}: {summary}. " + "; ".join(
                   f"{rec.label}: {RELATIONS[rec.relation][1]}" for rec in frame.itertuples()) + ".")
        return charts.finish(fig, ax, title=f"{first} and {second}: where they agree and differ",
                             xlabel=f"Stance ({AS_OF[as_of]})", ylabel="Issue", alt=alt,
                             source=source, tight=False)


# --- Chapter 2: truces and proposals ---------------------------------------------------------

STATUS_ORDER = ["agreed", "declared_unilaterally", "accepted_by_one_side", "proposed_not_accepted"]
STATUS_LABELS = {"agreed": "agreed by both sides", "declared_unilaterally": "declared by one side",
                 "accepted_by_one_side": "accepted by one side only",
                 "proposed_not_accepted": "proposed, not accepted"}


def truces_chart(truces: pd.DataFrame, *, zoom_from: str = "2025-02-20",
                 zoom_to: str = "2025-06-10") -> charts.Chart:
    """Every truce and proposal on one time axis (left) and, enlarged, spring 2025 (right).

    A marker shows when each was announced (shape and colour by status); a bar shows the days it
    was in force, where it began. Durations are written beside each row.
    """
    frame = truces.sort_values(["announced", "id"]).reset_index(drop=True)
    styles = charts.category_styles(STATUS_ORDER)
    n = len(frame)
    width, height = 7.2, 1.9 + 0.3 * n
    open_ended = frame[frame["start"].notna() & frame["end"].isna() & frame["duration_days"].isna()]
    lo, hi = pd.Timestamp(zoom_from), pd.Timestamp(zoom_to)
    with charts.style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(width, height), sharey=True,
                                          gridspec_kw={"width_ratios": [1, 1.35]})
        fig.subplots_adjust(left=0.37, right=0.99, top=1 - 0.5 / height, bottom=1.25 / height,
                            wspace=0.08)
        ys = list(range(n))[::-1]
        for ax in (left, right):
            for y, rec in zip(ys, frame.itertuples(index=False), strict=True):
                if pd.notna(rec.start):
                    # `end` is the last day in force, so the bar runs to the end of that day
                    end = rec.end + pd.Timedelta(days=1) if pd.notna(rec.end) else (
                        rec.start + pd.Timedelta(days=float(rec.duration_days))
                        if pd.notna(rec.duration_days) else None)
                    if end is not None:
                        ax.plot([rec.start, end], [y, y], color=styles[rec.status]["color"],
                                linewidth=5, alpha=0.5, solid_capstyle="butt")
                    elif ax is left:  # open-ended: a short dashed arrow, no claimed end
                        ax.annotate("open-ended", xy=(rec.start + pd.Timedelta(days=500), y),
                                    xytext=(rec.start + pd.Timedelta(days=560), y), fontsize=7,
                                    va="center", textcoords="data")
                        ax.annotate("", xy=(rec.start + pd.Timedelta(days=500), y),
                                    xytext=(rec.start, y), arrowprops={
                                        "arrowstyle": "->", "linestyle": "--",
                                        "color": styles[rec.status]["color"]})
                ax.scatter([rec.announced], [y], s=36, zorder=3, **styles[rec.status])
        for y, rec in zip(ys, frame.itertuples(index=False), strict=True):
            if lo <= rec.announced <= hi and pd.notna(rec.duration_days):
                days = float(rec.duration_days)
                text = f"{days:g} days" if days >= 2 else f"{days * 24:g} h"
                right.text(max(rec.announced, rec.end if pd.notna(rec.end) else rec.announced)
                           + pd.Timedelta(days=2), y, text, va="center", fontsize=7)
        left.set_xlim(pd.Timestamp("2014-01-01"), pd.Timestamp("2026-01-01"))
        left.xaxis.set_major_locator(mdates.YearLocator(4))
        left.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        left.axvspan(lo, hi, color="#eeeeee", zorder=0)
        right.set_xlim(lo, hi)
        right.xaxis.set_major_locator(mdates.MonthLocator())
        right.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
        right.set_xlabel("Spring 2025 (enlarged)")
        right.tick_params(axis="y", length=0)
        left.set_yticks(ys, list(frame["short_name"]))
        for ax in (left, right):
            ax.grid(axis="y", visible=False)
        handles = [plt.Line2D([], [], linestyle="", markersize=6, label=STATUS_LABELS[s], **styles[s])
                   for s in STATUS_ORDER if s in set(frame["status"])]
        fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, title="Status",
                   title_fontsize=8)
        counts = frame["status"].value_counts()
        mix = ", ".join(f"{counts[s]} {STATUS_LABELS[s]}" for s in STATUS_ORDER if s in counts)
        alt = (f"Timeline of {n} ceasefire agreements, declared truces and proposals from "
               f"{long_date(frame['announced'].min())} to {long_date(frame['announced'].max())} ({mix}). "
               "Left: all years on one axis; right: spring 2025 enlarged, with durations. "
               f"Open-ended, with no end date: {', '.join(open_ended['short_name']) or 'none'}.")
        return charts.finish(fig, left, title="Truces and ceasefire proposals, 2014–2025",
                             xlabel="Year announced", ylabel="Truce or proposal", alt=alt,
                             source=data.source_line("truces", frame), tight=False)
