"""Chapter 2, the ceasefire conflict: stated positions issue by issue, truces, Minsk.

`comparison_view` is the chapter's explorer: two parties, issue by issue, as of 10 May 2025 or
their latest stated positions. Orders and labels come from data/datapackage.json.
"""

from __future__ import annotations

from functools import partial

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.collections import PatchCollection

from . import charts, data, tables
from .common import View, check_frame, check_one, sort_by_vocabulary
from .explorer import Control, Explorer
from .text import long_date

POSITION_COLUMNS = ["id", "actor", "issue", "period", "date", "stance", "source_ids", "caveat"]
WHEN = ("snapshot", "latest")
RELATIONS = {  # relation -> (symbol, label, colour); colour is never the only cue
    "agree": ("=", "agree", charts.OKABE_ITO["bluish green"]),
    "differ": ("≠", "differ", charts.OKABE_ITO["vermillion"]),
    "only_a": ("?", "only the first stated a position", "#d9d9d9"),
    "only_b": ("?", "only the second stated a position", "#d9d9d9"),
    "neither": ("–", "neither stated a position", "#f2f2f2"),
}


def parties() -> list[str]:
    return data.vocabulary("positions", "actor")


def as_of_label(positions: pd.DataFrame, as_of: str) -> str:
    """'as of 10 May 2025', or 'latest stated position (to <month of the newest row>)'."""
    check_one("as_of", as_of, list(WHEN))
    if as_of == "snapshot":
        return "as of 10 May 2025"
    newest = positions["date"].max()
    return f"latest stated position (to {newest:%B %Y})" if pd.notna(newest) else "latest stated position"


def stances(positions: pd.DataFrame, as_of: str = "snapshot") -> pd.DataFrame:
    """One row per actor and issue: the snapshot position (10 May 2025) or the latest one."""
    check_frame(positions, "positions", POSITION_COLUMNS)
    check_one("as_of", as_of, list(WHEN))
    if as_of == "snapshot":
        rows = positions[positions["period"] == "snapshot"]
    else:
        rows = positions.sort_values(["date", "id"]).groupby(["actor", "issue"]).tail(1)
    if rows.duplicated(["actor", "issue"]).any():
        raise ValueError("more than one snapshot position for an actor and issue")
    return rows.reset_index(drop=True)


def _labelled(rows: pd.DataFrame, codes: pd.DataFrame) -> pd.DataFrame:
    labels = codes.rename(columns={"code": "stance", "label": "stance_label"})[
        ["issue", "stance", "stance_label"]]
    return rows.merge(labels, on=["issue", "stance"], how="left")


CAVEAT_MARK = "†"


def _marked(label, caveat) -> str:
    """A stance label, with a dagger where the position carries a caveat."""
    if not isinstance(label, str):
        return label
    return f"{label} {CAVEAT_MARK}" if isinstance(caveat, str) and caveat.strip() else label


def caveats(rows: pd.DataFrame, issues: pd.DataFrame) -> list[str]:
    """'Party – Issue: caveat' for every row shown that carries a caveat, in issue order."""
    order = {issue: i for i, issue in enumerate(issues["issue"])}
    flagged = rows[rows["caveat"].fillna("").str.strip() != ""]
    flagged = flagged.assign(rank=flagged["issue"].map(order)).sort_values(["rank", "actor"])
    label = issues.set_index("issue")["label"]
    return [f"{rec.actor} – {label[rec.issue]}: {rec.caveat}" for rec in flagged.itertuples()]


def _caveat_note(notes: list[str]) -> str:
    return (f" {CAVEAT_MARK} marks a cell with a caveat: " + "; ".join(notes) + ".") if notes else ""


def positions_table(positions, codes, issues, as_of: str = "snapshot") -> tables.Table:
    """Issues down, parties across, each cell the stance's label (with a dagger where the
    position carries a caveat, listed in the caption): the whole matrix, static."""
    rows = _labelled(stances(positions, as_of), codes)
    rows["stance_label"] = [_marked(lbl, cav) for lbl, cav in
                            zip(rows["stance_label"], rows["caveat"], strict=True)]
    present = [a for a in parties() if a in set(rows["actor"])]
    matrix = rows.pivot(index="issue", columns="actor", values="stance_label")
    matrix = matrix.reindex(index=list(issues["issue"]), columns=present).fillna("—")
    matrix.insert(0, "Issue", issues.set_index("issue").loc[matrix.index, "label"].to_numpy())
    return tables.table(matrix.reset_index(drop=True), caption=(
        f"Stated positions, {as_of_label(positions, as_of)}. '—' means no stated position was found."
        + _caveat_note(caveats(rows, issues))), source=data.source_line("positions", rows))


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


def changes_table(positions, codes, issues) -> tables.Table:
    """The positions that changed, or were first stated, after 10 May 2025."""
    moves = position_changes(positions, codes, issues)
    moves["latest"] = moves["stance_label_latest"] + " (" + moves["date_latest"].dt.strftime("%b %Y") + ")"
    later = positions[positions["period"] == "later"]
    return tables.table(
        moves, columns=["actor", "label", "stance_label_may", "latest", "document_latest",
                        "source_ids_latest"],
        labels={"actor": "Party", "label": "Issue", "stance_label_may": "10 May 2025",
                "latest": "Latest", "document_latest": "Where", "source_ids_latest": "Sources"},
        source_columns=("source_ids_latest",),
        caption=f"Positions that changed, or were first stated, between 10 May 2025 and "
                f"{positions['date'].max():%B %Y}.",
        source=data.source_line("positions", later))


def _relation(a, b) -> str:
    if pd.isna(a) and pd.isna(b):
        return "neither"
    if pd.isna(b):
        return "only_a"
    if pd.isna(a):
        return "only_b"
    return "agree" if a == b else "differ"


def compare(positions, codes, issues, first: str, second: str, as_of: str = "snapshot") -> pd.DataFrame:
    """Issue by issue, the two parties' stances and their relation (a table, no chart)."""
    known = parties()
    check_one("first", first, known)
    check_one("second", second, known)
    if first == second:
        raise ValueError(f"compare two different parties (both are {first!r})")
    rows = _labelled(stances(positions, as_of), codes)
    by_actor = {a: rows[rows["actor"] == a].set_index("issue") for a in (first, second)}
    out = issues[["issue", "label"]].copy()
    for key, actor in (("a", first), ("b", second)):
        out[f"stance_{key}"] = out["issue"].map(by_actor[actor]["stance"])
        out[f"label_{key}"] = out["issue"].map(by_actor[actor]["stance_label"])
        out[f"source_{key}"] = out["issue"].map(by_actor[actor]["source_ids"])
        out[f"caveat_{key}"] = out["issue"].map(by_actor[actor]["caveat"])
    out["relation"] = [_relation(a, b) for a, b in zip(out["stance_a"], out["stance_b"], strict=True)]
    return out


def comparison_view(positions, codes, issues, first: str = "Russia", second: str = "Ukraine",
                    as_of: str = "snapshot") -> View:
    """The chapter-2 explorer: where two parties agree, differ, or one has no stated position."""
    out = compare(positions, codes, issues, first, second, as_of)
    counts = out["relation"].value_counts()
    summary = ", ".join(f"{counts[r]} {RELATIONS[r][1]}" for r in RELATIONS if r in counts)
    when = as_of_label(positions, as_of)
    rows = stances(positions, as_of)
    cited = rows[rows["actor"].isin([first, second])]
    source = data.source_line("positions", cited)
    notes = caveats(cited, issues)
    shown = out.assign(
        relation=out["relation"].map(lambda r: f"{RELATIONS[r][0]} {RELATIONS[r][1]}"),
        label_a=[_marked(lbl, cav) for lbl, cav in zip(
            out["label_a"].astype(object).fillna("no stated position"), out["caveat_a"], strict=True)],
        label_b=[_marked(lbl, cav) for lbl, cav in zip(
            out["label_b"].astype(object).fillna("no stated position"), out["caveat_b"], strict=True)],
        sources=[data.LIST_SEP.join(s for s in (x, y) if isinstance(s, str))
                 for x, y in zip(out["source_a"], out["source_b"], strict=True)],
    )
    table = tables.table(shown, columns=["label", "label_a", "relation", "label_b", "sources"],
                         labels={"label": "Issue", "label_a": first, "relation": "",
                                 "label_b": second, "sources": "Sources"},
                         source_columns=("sources",),
                         caption=f"{first} and {second}, {when}: {summary}.{_caveat_note(notes)}",
                         source=source)
    marked = out.assign(label_a=[_marked(lbl, cav) for lbl, cav in zip(out["label_a"], out["caveat_a"],
                                                                       strict=True)],
                        label_b=[_marked(lbl, cav) for lbl, cav in zip(out["label_b"], out["caveat_b"],
                                                                       strict=True)])
    chart = comparison_chart(marked, first, second, when=when, summary=summary, source=source,
                             notes=notes)
    return View(table, chart, out, f"{first} and {second}, {when}: {summary}")


def comparison_chart(frame: pd.DataFrame, first: str, second: str, *, when: str, summary: str,
                     source: str, notes: list[str] | None = None) -> charts.Chart:
    """A three-column matrix: first party's stance, the relation (symbol and colour), second's."""
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
               f"{when}: {summary}. " + "; ".join(
                   f"{rec.label}: {RELATIONS[rec.relation][1]}" for rec in frame.itertuples()) + "."
               + _caveat_note(notes or []))
        return charts.finish(fig, ax, title=f"{first} and {second}: where they agree and differ",
                             xlabel=f"Stance ({when})", ylabel="Issue", alt=alt,
                             source=source, tight=False)


def explorer(positions, codes, issues) -> Explorer:
    """Pick two parties and a date; see issue by issue where they agree and differ."""
    present = [a for a in parties() if a in set(positions["actor"])]
    return Explorer(
        "ceasefire-compare", "Compare two parties",
        partial(comparison_view, positions, codes, issues),
        [Control("first", "First party", tuple((a, a) for a in present), "Russia"),
         Control("second", "Second party", tuple((a, a) for a in present), "Ukraine"),
         Control("as_of", "Positions", tuple((w, as_of_label(positions, w)) for w in WHEN), "snapshot")],
        invalid=lambda c: "Pick two different parties to compare." if c["first"] == c["second"] else None)


# --- Truces and proposals ----------------------------------------------------------------------

def truces_chart(truces: pd.DataFrame, *, zoom_from: str = "2025-02-20",
                 zoom_to: str = "2025-06-10") -> charts.Chart:
    """Every truce and proposal on one time axis (left) and, enlarged, spring 2025 (right).

    A marker shows when each was announced (shape and colour by status); a bar shows the days it
    was in force, where it began. Durations are written beside each row.
    """
    frame = truces.sort_values(["announced", "id"]).reset_index(drop=True)
    order = data.vocabulary("truces", "status")
    label = data.labels("truces", "status")
    styles = charts.category_styles(order)
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
        charts.category_legend(fig, order, label, styles, frame["status"], title="Status")
        counts = frame["status"].value_counts()
        mix = ", ".join(f"{counts[s]} {label[s]}" for s in order if s in counts)
        alt = (f"Timeline of {n} ceasefire agreements, declared truces and proposals from "
               f"{long_date(frame['announced'].min())} to {long_date(frame['announced'].max())} ({mix}). "
               "Left: all years on one axis; right: spring 2025 enlarged, with durations. "
               f"Open-ended, with no end date: {', '.join(open_ended['short_name']) or 'none'}.")
        return charts.finish(fig, left, title="Truces and ceasefire proposals, 2014–2025",
                             xlabel="Year announced", ylabel="Truce or proposal", alt=alt,
                             source=data.source_line("truces", frame), tight=False)



def all_positions_table(positions, issues) -> tables.Table:
    """Every stated position in the data, with its quoted words, document and sources."""
    rows = positions.merge(issues[["issue", "label"]], on="issue").sort_values(
        ["period", "actor", "issue", "date"])
    return tables.table(
        rows, columns=["period", "actor", "label", "date", "document", "position", "quote",
                       "source_ids", "note"],
        resource="positions", labels={"label": "Issue"},
        caption="Every stated position in the data, with its sources.",
        source=data.source_line("positions", positions))


def truces_table(truces) -> tables.Table:
    return tables.table(
        truces.sort_values(["announced", "id"]),
        columns=["name", "proposed_by", "announced", "start", "end", "duration_days", "accepted_by",
                 "status", "outcome", "violations_alleged_by", "source_ids"],
        caption="Ceasefire proposals and declared truces, with what happened.")


def minsk_table(minsk) -> tables.Table:
    """The Minsk claims grouped by aspect, in the schema's order of aspects, then by date."""
    return tables.table(
        sort_by_vocabulary(minsk, "minsk", "aspect", "date"),
        columns=["aspect", "subject", "claim", "claimant", "date", "source_ids"],
        caption="The Minsk accords: what they required, recorded violations, and who says who broke them.")
