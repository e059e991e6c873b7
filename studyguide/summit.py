"""Chapter 4, the China–Russia summit: the visit, the disputed length of the talks, what followed,
trade, alignment in the UN General Assembly, and the seed's statements sorted by type.

`alignment_view` is the chapter's explorer: how often two or three countries cast the same vote in
the General Assembly, year by year, over all roll calls or one issue category. It computes from
the vote matrix (data/unga_votes.csv, any of its 199 members) in a few milliseconds, and draws a
small hand-made SVG chart (about 3 kB) instead of a matplotlib figure, so that the book can embed
every pair of the 15 countries of data/unga_agreement.csv for every issue within the page budget.
Orders and labels come from data/datapackage.json.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from functools import lru_cache, partial

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import charts, data, tables
from .common import View, check_frame, check_one, sort_by_vocabulary
from .explorer import Control, Explorer
from .text import Text, long_date

EVENTS, TALKS, TYPES, TRADE = "summit_events", "talks_length", "summit_claim_types", "china_russia_trade"
VOTES, ROLL_CALLS, COUNTRIES, AGREEMENT = "unga_votes", "unga_roll_calls", "unga_countries", "unga_agreement"
TRIO = ("CN", "RU", "US")
COLD_WAR_END = 1991  # the Soviet Union was dissolved in December 1991: periods split after it
VOTE_CODES = ("y", "n", "a")  # yes, no, abstain: a recorded vote; empty = none recorded


# --- vocabularies --------------------------------------------------------------------------------

def core_countries() -> list[str]:
    """The 15 countries of data/unga_agreement.csv, in the schema's order."""
    return data.vocabulary(AGREEMENT, "country_a")


def issues() -> list[str]:
    """'all' and the six issue categories, in the schema's order."""
    return data.vocabulary(AGREEMENT, "issue")


def issue_labels() -> dict[str, str]:
    return data.labels(AGREEMENT, "issue")


# --- the visit and what followed -----------------------------------------------------------------

def events_table(events: pd.DataFrame) -> tables.Table:
    """Every event of the chapter's timeline, with its status and sources."""
    return tables.table(
        events.sort_values(["date", "id"]),
        columns=["date", "end_date", "status", "event", "documents", "source_ids", "note"],
        caption="The China–Russia summit of May 2025 and what followed, to May 2026, with how firm "
                "each row is.")


def _event_label(rec) -> str:
    day = f"{rec.date.day} {rec.date:%b %Y}"
    if pd.notna(rec.end_date):
        day = f"{rec.date.day}–{rec.end_date.day} {rec.end_date:%b %Y}"
        if rec.end_date.month != rec.date.month:
            day = f"{rec.date.day} {rec.date:%b}–{rec.end_date.day} {rec.end_date:%b %Y}"
    if rec.date_precision == "approximate":
        day = f"{rec.date:%b %Y}, no day given"
    return f"{day} · {rec.short_label}"


def events_chart(events: pd.DataFrame, *, split: str = "2025-06-01") -> charts.Chart:
    """The events on two date axes: spring 2025 (left, by day) and after (right, by month).

    Marker shape and colour show the status; a bar spans a multi-day event.
    """
    frame = events.sort_values(["date", "id"]).reset_index(drop=True)
    order = data.vocabulary(EVENTS, "status")
    label = data.labels(EVENTS, "status")
    styles = charts.category_styles(order)
    cut = pd.Timestamp(split)
    n = len(frame)
    width, height = 7.2, 1.9 + 0.3 * n
    labels = [_event_label(rec) for rec in frame.itertuples()]
    with charts.style():
        fig, (early, late) = plt.subplots(1, 2, figsize=(width, height), sharey=True,
                                          gridspec_kw={"width_ratios": [1, 1.2]})
        left = (0.25 + 0.072 * max(len(s) for s in labels)) / width  # ≈ 0.07 in a character
        fig.subplots_adjust(left=left, right=0.98, top=1 - 0.5 / height, bottom=1.3 / height,
                            wspace=0.06)
        early.yaxis.set_label_coords((0.02 - left) / ((0.98 - left) / 2.26), 0.5)  # figure's left edge
        ys = list(range(n))[::-1]
        for y, rec in zip(ys, frame.itertuples(index=False), strict=True):
            ax = early if rec.date < cut else late
            style = styles[rec.status]
            if pd.notna(rec.end_date):
                ax.plot([rec.date, rec.end_date + pd.Timedelta(days=1)], [y, y], linewidth=5,
                        alpha=0.45, color=style["color"], solid_capstyle="butt")
            hollow = rec.date_precision == "approximate"
            ax.scatter([rec.date], [y], s=40, zorder=3, marker=style["marker"],
                       facecolors="white" if hollow else style["color"],
                       edgecolors=style["color"], linewidths=1.5)
        first = frame["date"].min()
        early.set_xlim(first - pd.Timedelta(days=3), frame.loc[frame["date"] < cut, "end_date"]
                       .max() + pd.Timedelta(days=4))
        early.xaxis.set_major_locator(mdates.DayLocator(bymonthday=[1, 8]))
        early.xaxis.set_major_formatter(plt.FuncFormatter(
            lambda v, _: f"{mdates.num2date(v).day} {mdates.num2date(v):%b}"))
        later = frame[frame["date"] >= cut]
        late.set_xlim(later["date"].min() - pd.Timedelta(days=20),
                      later["end_date"].max() + pd.Timedelta(days=25))
        late.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
        late.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
        late.set_xlabel("Later (by month)")
        late.tick_params(axis="y", length=0)
        early.set_yticks(ys, labels)
        for ax in (early, late):
            ax.grid(axis="y", visible=False)
            ax.tick_params(axis="x", labelsize=8)
        charts.category_legend(fig, order, label, styles, frame["status"], title="Status", ncol=3)
        counts = frame["status"].value_counts()
        mix = ", ".join(f"{counts[s]} {label[s].lower()}" for s in order if s in counts)
        alt = (f"Timeline of {n} events from {long_date(first)} to "
               f"{long_date(frame['end_date'].max())} ({mix}). Left panel, by day: the seed's "
               "'end of April', then the announcement of Xi's visit, the visit and the talks and "
               "documents of 8 May 2025. Right panel, by month: "
               + "; ".join(_event_label(r) for r in later.itertuples()) + ".")
        return charts.finish(fig, early, title="The summit and what followed, 2025–2026",
                             xlabel="May 2025 (by day)", ylabel="Event", alt=alt,
                             source=data.source_line(EVENTS, frame), tight=False)


def when(events: pd.DataFrame, event_id: str) -> str:
    """The date of one event as prose: '8 May 2025', '7–10 May 2025',
    '31 August–1 September 2025'."""
    check_frame(events, EVENTS, ["id", "date", "end_date"])
    rows = events[events["id"] == event_id]
    if rows.empty:
        raise ValueError(f"no event {event_id!r} in {EVENTS}; ids: {list(events['id'])}")
    start, end = rows.iloc[0]["date"], rows.iloc[0]["end_date"]
    if pd.isna(end):
        return Text(long_date(start))
    if start.month == end.month:
        return Text(f"{start.day}–{long_date(end)}")
    return Text(f"{start.day} {start:%B}–{long_date(end)}")


def documents(events: pd.DataFrame) -> pd.DataFrame:
    """The documents of 8 May 2025 (the rows of category 'document' on that day)."""
    rows = events[(events["category"] == "document")]
    return rows.sort_values(["date", "id"]).reset_index(drop=True)


# --- how long were the talks? --------------------------------------------------------------------

def who(rec) -> str:
    """'TASS, via UNN' or 'UPI' for a row of talks_length."""
    if rec.original_source == rec.reported_by:
        return rec.original_source
    if rec.reported_by.lower() == "seed":
        return f"Seed: {rec.original_source}"
    return f"{rec.original_source}, via {rec.reported_by}"


def talks_chart(talks: pd.DataFrame) -> charts.Chart:
    """One bar per published figure, coloured and hatched by what it counts."""
    frame = talks.sort_values(["hours", "id"], ascending=[False, True]).reset_index(drop=True)
    order = data.vocabulary(TALKS, "scope")
    label = data.labels(TALKS, "scope")
    styles = charts.category_styles(order)
    hatches = dict(zip(order, ["", "//", "..", "xx"], strict=False))
    names = [who(r) for r in frame.itertuples()]
    n = len(frame)
    width, height = 7.2, 1.9 + 0.38 * max(n, 3)  # at least 3 rows' height for the axis title
    with charts.style():
        fig, ax = plt.subplots(figsize=(width, height))
        fig.subplots_adjust(left=0.42, right=0.97, top=1 - 0.5 / height, bottom=1.45 / height)
        ax.yaxis.set_label_coords((0.02 - 0.42) / (0.97 - 0.42), 0.5)  # at the figure's left edge
        ys = list(range(n))[::-1]
        for y, rec in zip(ys, frame.itertuples(index=False), strict=True):
            ax.barh(y, float(rec.hours), color=styles[rec.scope]["color"], hatch=hatches[rec.scope],
                    edgecolor="#333333", linewidth=0.6, height=0.65)
            ax.text(float(rec.hours) + 0.1, y, f"{float(rec.hours):g} h", va="center", fontsize=8)
        ax.set_yticks(ys, names)
        ax.set_xlim(0, frame["hours"].max() + 1)
        ax.grid(axis="y", visible=False)
        present = [s for s in order if s in set(frame["scope"])]
        handles = [plt.Rectangle((0, 0), 1, 1, facecolor=styles[s]["color"], hatch=hatches[s],
                                 edgecolor="#333333", linewidth=0.6, label=label[s]) for s in present]
        fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8,
                   title="What the figure counts", title_fontsize=8)
        alt = ("Bar chart of the published lengths of the Xi–Putin talks of 8 May 2025: "
               + "; ".join(f"{nm}: {float(r.hours):g} hours ({label[r.scope].lower()})"
                           for nm, r in zip(names, frame.itertuples(), strict=True)) + ".")
        return charts.finish(fig, ax, title="How long were the talks of 8 May 2025?",
                             xlabel="Length as published (hours)", ylabel="Who gives the figure",
                             alt=alt, source=data.source_line(TALKS, frame), tight=False)


def talks_table(talks: pd.DataFrame) -> tables.Table:
    return tables.table(
        talks.sort_values(["hours", "id"], ascending=[False, True]),
        columns=["reported_by", "original_source", "hours", "hours_text", "scope", "published",
                 "published_time_msk", "explanation", "source_ids"],
        caption="Every published figure for the length of the talks, what it counts and why it "
                "differs.")


# --- evidence or speculation ---------------------------------------------------------------------

def ledger(claims: pd.DataFrame, types: pd.DataFrame) -> pd.DataFrame:
    """The seed's statements about the summit (claims.csv) with their type (summit_claim_types),
    in the schema's order of types, then by id."""
    check_frame(claims, "claims", ["id", "seed_section", "speaker", "quote_ja", "paraphrase_en",
                                   "verdict", "finding", "source_ids"])
    check_frame(types, TYPES, ["claim_id", "statement_type", "marker_ja", "marker_en", "reason"])
    rows = types.merge(claims, left_on="claim_id", right_on="id", how="left", validate="1:1")
    missing = rows.loc[rows["id"].isna(), "claim_id"].tolist()
    if missing:
        raise ValueError(f"claim ids {missing} of {TYPES} are not in data/claims.csv")
    rows["hedge"] = [f"{ja} ({en})" if isinstance(ja, str) and ja else "—"
                     for ja, en in zip(rows["marker_ja"], rows["marker_en"], strict=True)]
    return sort_by_vocabulary(rows, TYPES, "statement_type", "claim_id").reset_index(drop=True)


def ledger_table(rows: pd.DataFrame) -> tables.Table:
    type_label = data.labels(TYPES, "statement_type")
    verdict = data.labels("claims", "verdict")
    shown = rows.assign(statement_type=rows["statement_type"].map(type_label),
                        verdict=rows["verdict"].map(verdict))
    counts = rows["statement_type"].value_counts()
    mix = ", ".join(f"{counts[t]} {type_label[t].lower()}" for t in data.vocabulary(TYPES, "statement_type")
                    if t in counts)
    return tables.table(
        shown, columns=["claim_id", "seed_section", "quote_ja", "paraphrase_en", "statement_type",
                        "hedge", "verdict", "finding", "source_ids"],
        labels={**data.titles("claims"), **data.titles(TYPES), "hedge": "Hedge in the seed"},
        caption=f"Evidence or speculation: the seed's {len(rows)} statements about the summit "
                f"({mix}), with what the record shows.",
        source=(data.source_line(TYPES) + " " + data.source_line("claims", rows)))


# --- trade ---------------------------------------------------------------------------------------

def trade_chart(trade: pd.DataFrame) -> charts.Chart:
    """Goods trade by year (US$ bn), one bar per year with a figure; the bar's colour and hatch
    say whose figure it is; a hollow marker shows a second dollar figure for the same year."""
    frame = trade.sort_values("year").reset_index(drop=True)
    order = data.vocabulary(TRADE, "basis")
    label = data.labels(TRADE, "basis")
    styles = charts.category_styles(order)
    hatches = dict(zip(order, ["", "//", "..", "xx"], strict=False))
    years = list(range(int(frame["year"].min()), int(frame["year"].max()) + 1))
    missing = [y for y in years if y not in set(frame["year"])]
    with charts.style():
        fig, ax = plt.subplots(figsize=(7.2, 4.6))
        fig.subplots_adjust(left=0.1, right=0.98, top=0.9, bottom=0.3)
        for rec in frame.itertuples(index=False):
            ax.bar(int(rec.year), float(rec.trade_usd_bn), width=0.75, color=styles[rec.basis]["color"],
                   hatch=hatches[rec.basis], edgecolor="#333333", linewidth=0.5)
        alt_rows = frame[frame["alt_usd_bn"].notna()]
        ax.scatter(alt_rows["year"].astype(int), alt_rows["alt_usd_bn"].astype(float), s=28,
                   facecolors="white", edgecolors="#000000", zorder=3, linewidths=1.2)
        for y in missing:
            ax.text(y, 4, "no figure", rotation=90, ha="center", va="bottom", fontsize=7,
                    color="#555555")
        ax.set_xlim(years[0] - 0.7, years[-1] + 0.7)
        ax.set_xticks([y for y in years if y % 2 == 1])
        ax.tick_params(axis="x", labelsize=8, rotation=45)
        ax.grid(axis="x", visible=False)
        present = [b for b in order if b in set(frame["basis"])]
        handles = [plt.Rectangle((0, 0), 1, 1, facecolor=styles[b]["color"], hatch=hatches[b],
                                 edgecolor="#333333", linewidth=0.5, label=label[b]) for b in present]
        handles.append(plt.Line2D([], [], linestyle="", marker="o", markerfacecolor="white",
                                  markeredgecolor="#000000", label="Another source's figure, or the "
                                  "yuan total converted"))
        fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, title="Whose figure",
                   title_fontsize=8)
        peak = frame.loc[frame["trade_usd_bn"].idxmax()]
        last = frame.iloc[-1]
        alt = (f"Bar chart of China–Russia goods trade in US dollars, {years[0]}–{years[-1]}, "
               f"from {float(frame.iloc[0]['trade_usd_bn']):g} bn in {years[0]} to a peak of "
               f"{float(peak['trade_usd_bn']):g} bn in {int(peak['year'])} and "
               f"{float(last['trade_usd_bn']):g} bn in {int(last['year'])}. "
               + (f"No figure for {', '.join(map(str, missing))}. " if missing
                  else "Every year has a figure. ")
               + (f"Hollow markers show a second figure for {', '.join(map(str, alt_rows['year']))}."
                  if len(alt_rows) else "No year has a second figure."))
        return charts.finish(fig, ax, title=f"China–Russia goods trade, {years[0]}–{years[-1]}",
                             xlabel="Year", ylabel="Exports plus imports (US$ bn)", alt=alt,
                             source=data.source_line(TRADE, frame), tight=False)


def trade_table(trade: pd.DataFrame) -> tables.Table:
    return tables.table(
        trade.sort_values("year", ascending=False),
        columns=["year", "trade_usd_bn", "yoy_pct_reported", "basis", "trade_cny_trn", "alt_usd_bn",
                 "alt_note", "source_ids", "note"],
        caption="China–Russia goods trade by year, as reported, newest first.")


# --- alignment in the UN General Assembly --------------------------------------------------------

def _canonical(codes: Iterable[str]) -> list[str]:
    """Codes in a fixed order (the 15 of the schema first, then the others alphabetically), so that
    a pair reads the same whichever way round it was chosen."""
    core = {c: i for i, c in enumerate(core_countries())}
    return sorted(codes, key=lambda c: (core.get(c, len(core)), c))


def check_countries(countries, known: Iterable[str]) -> list[str]:
    """Two or three different country codes among `known`; None entries (an unused optional
    slot) are dropped. Returned in the canonical order."""
    if isinstance(countries, str) or not isinstance(countries, Iterable) or isinstance(
            countries, (bytes, dict)):
        raise TypeError("countries must be a list of two or three country codes, e.g. "
                        f"['CN', 'RU', 'US']; got {type(countries).__name__} {countries!r}")
    chosen = []
    for code in countries:
        if code is None:
            continue
        if not isinstance(code, str):
            raise TypeError(f"each country must be a code as a string; got {type(code).__name__} "
                            f"{code!r}")
        chosen.append(code)
    known = set(known)
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise ValueError(f"unknown country code(s) {unknown!r}: use the codes of "
                         "data/unga_countries.csv, e.g. CN (China), RU (Russia), US (United States)")
    if len(set(chosen)) != len(chosen):
        raise ValueError(f"choose different countries (got {chosen!r})")
    if not 2 <= len(chosen) <= 3:
        raise ValueError(f"choose two or three countries (got {len(chosen)})")
    return _canonical(chosen)


def pairs_of(codes: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for i, a in enumerate(codes) for b in codes[i + 1:]]


def _issue_mask(roll_calls: pd.DataFrame, issue: str) -> np.ndarray:
    if issue == "all":
        return np.ones(len(roll_calls), dtype=bool)
    lists = roll_calls["issues"].fillna("").to_numpy(dtype=object).tolist()
    return _issue_mask_of(tuple(lists), issue).copy()


@lru_cache(maxsize=16)
def _issue_mask_of(issue_lists: tuple[str, ...], issue: str) -> np.ndarray:
    """Which roll calls (given their ';'-separated issue lists) are on `issue`; kept for the
    explorer, which asks the same question for every pair."""
    return np.array([issue in text.split(";") for text in issue_lists], dtype=bool)


def _aligned(votes: pd.DataFrame, roll_calls: pd.DataFrame) -> pd.DataFrame:
    """The roll calls in the row order of the vote matrix (joined on rcid)."""
    if np.array_equal(votes["rcid"].to_numpy(), roll_calls["rcid"].to_numpy()):
        return roll_calls
    rc = roll_calls.set_index("rcid").reindex(votes["rcid"].to_numpy())
    if rc["year"].isna().any():
        raise ValueError("the vote matrix has roll calls (rcid) that data/unga_roll_calls.csv lacks")
    return rc.reset_index()


def agreement(votes: pd.DataFrame, roll_calls: pd.DataFrame, countries, issue: str = "all",
              names: dict[str, str] | None = None) -> pd.DataFrame:
    """Per pair of `countries` and per year: roll calls both voted on (yes, no or abstain),
    how many of those votes were the same, and the share.

    Absences (empty cells) count neither way; yes against abstain is a disagreement. Years in
    which the two never both voted have no row. The columns are those of
    data/unga_agreement.csv, plus `pair` (the two names).
    """
    check_frame(votes, VOTES, ["rcid"])
    check_frame(roll_calls, ROLL_CALLS, ["rcid", "year", "year_partial", "issues"])
    codes = check_countries(countries, [c for c in votes.columns if c != "rcid"])
    check_one("issue", issue, issues())
    names = names or {}
    rc = _aligned(votes, roll_calls)
    mask = _issue_mask(rc, issue)
    year = rc["year"].to_numpy(dtype=np.int64)
    first = int(year.min())
    idx = year - first
    size = int(year.max()) - first + 1
    partial_years = set(rc.loc[rc["year_partial"].astype(bool), "year"].astype(int))
    out = []
    for a, b in pairs_of(codes):
        va, vb = votes[a].to_numpy(dtype=object), votes[b].to_numpy(dtype=object)
        both = mask & np.isin(va, VOTE_CODES) & np.isin(vb, VOTE_CODES)
        same = both & (va == vb)
        n_shared = np.bincount(idx[both], minlength=size)
        n_agree = np.bincount(idx[same], minlength=size)
        keep = np.nonzero(n_shared)[0]
        out.append(pd.DataFrame({
            "country_a": a, "country_b": b,
            "pair": f"{names.get(a, a)}–{names.get(b, b)}",
            "year": keep + first, "issue": issue,
            "n_shared": n_shared[keep], "n_agree": n_agree[keep],
            "agreement": n_agree[keep] / n_shared[keep],
            "year_partial": [int(y) + first in partial_years for y in keep],
        }))
    return pd.concat(out, ignore_index=True)


def periods(roll_calls: pd.DataFrame) -> list[tuple[str, int | None, int | None]]:
    """(label, first year, last year) of the periods the alignment table pools: to the end of the
    Cold War, from then to the last complete year, the partial years, and all years. The
    partial years come from the data (`year_partial`)."""
    partial_years = sorted(int(y) for y in roll_calls.loc[roll_calls["year_partial"].astype(bool),
                                                          "year"].unique())
    last_full = (partial_years[0] - 1) if partial_years else int(roll_calls["year"].max())
    out = [(f"to {COLD_WAR_END}", None, COLD_WAR_END),
           (f"{COLD_WAR_END + 1}–{last_full}", COLD_WAR_END + 1, last_full)]
    if partial_years:
        first, last = partial_years[0], partial_years[-1]
        years = f"{first}–{str(last)[-2:]}" if last > first else f"{first}"
        out.append((f"{years} (partial)", first, last))
    out.append(("all years", None, None))
    return out


def _in_span(years: np.ndarray, first: int | None, last: int | None) -> np.ndarray:
    """Which of `years` lie from `first` to `last` (None: no bound)."""
    inside = np.ones(len(years), dtype=bool)
    if first is not None:
        inside &= years >= first
    if last is not None:
        inside &= years <= last
    return inside


def pooled(frame: pd.DataFrame, first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """Agreement per pair pooled over years: Σ same votes / Σ roll calls both voted on (not a
    mean of yearly shares, which would weigh a year of 20 votes like a year of 150)."""
    rows = frame[_in_span(frame["year"].to_numpy(), first, last)]
    out = rows.groupby(["country_a", "country_b"], sort=False)[["n_agree", "n_shared"]].sum()
    out["agreement"] = out["n_agree"] / out["n_shared"]
    return out.reset_index()


def _share_text(n_agree: int, n_shared: int) -> str:
    return f"{100 * n_agree / n_shared:.0f}% of {n_shared:,}" if n_shared else "no shared votes"


PAIR_STYLES = (  # colour and dash per line: colour is never the only cue
    (charts.OKABE_ITO["vermillion"], ""),
    (charts.OKABE_ITO["blue"], "7 4"),
    (charts.OKABE_ITO["bluish green"], "2 3"),
)
_W, _H = 720, 330
_L, _R, _T, _B = 64, 700, 74, 282  # plot area
_YEAR0, _YEAR1 = 1945.5, 2019.5  # the x axis: the data's years, half a year either side


def _x(year: float) -> float:
    return _L + (year - _YEAR0) * (_R - _L) / (_YEAR1 - _YEAR0)


def _y(share: float) -> float:
    return _B - share * (_B - _T)


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _path(years: np.ndarray, shares: np.ndarray) -> tuple[str, list[tuple[float, float]]]:
    """An SVG path in relative steps (short and compressible), a new subpath after each gap;
    the points of one-year segments are returned for a dot."""
    out, dots, prev = [], [], None
    run: list[tuple[float, float]] = []
    for year, share in zip(years, shares, strict=True):
        x, y = round(_x(int(year)), 1), round(_y(float(share)), 1)
        if prev is not None and int(year) == prev[2] + 1:
            out.append(f"l{_fmt(x - prev[0])} {_fmt(y - prev[1])}")
            run.append((x, y))
        else:
            if len(run) == 1:
                dots.append(run[0])
            out.append(f"M{_fmt(x)} {_fmt(y)}")
            run = [(x, y)]
        prev = (x, y, int(year))
    if len(run) == 1:
        dots.append(run[0])
    return "".join(out), dots


def alignment_chart(frame: pd.DataFrame, pairs: list[tuple[str, str, str]], *, title: str,
                    alt: str, source: str, partial_years: list[int]) -> charts.Chart:
    """A line per pair (share of same votes by year), as a small hand-made SVG.

    `pairs` is [(code a, code b, label)]; 2018–19 (or whatever years are partial) are shaded.
    """
    e = html.escape
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H}" '
             f'viewBox="0 0 {_W} {_H}" font-family="sans-serif" font-size="12" fill="#222">',
             f'<text x="6" y="18" font-size="14" font-weight="bold">{e(title)}</text>']
    if partial_years:
        x0, x1 = _x(min(partial_years) - 0.5), _x(max(partial_years) + 0.5)
        parts.append(f'<rect x="{_fmt(x0)}" y="{_T}" width="{_fmt(x1 - x0)}" height="{_B - _T}" '
                     f'fill="#e8e8e8"/><text x="{_fmt(x1)}" y="{_T - 4}" text-anchor="end" '
                     f'font-size="10">partial</text>')
    grid = []
    for pct in (0, 25, 50, 75, 100):
        y = _fmt(_y(pct / 100))
        grid.append(f'<path d="M{_L} {y}H{_R}" stroke="#ddd"/>'
                    f'<text x="{_L - 6}" y="{y}" dy="4" text-anchor="end">{pct}%</text>')
    for year in range(1950, int(_YEAR1) + 1, 10):
        x = _fmt(_x(year))
        grid.append(f'<path d="M{x} {_B}v4" stroke="#555"/>'
                    f'<text x="{x}" y="{_B + 17}" text-anchor="middle">{year}</text>')
    parts += grid
    parts.append(f'<path d="M{_L} {_B}H{_R}" stroke="#555"/>'
                 f'<text x="{(_L + _R) // 2}" y="{_H - 8}" text-anchor="middle">Year of the roll call'
                 f'</text><text transform="translate(16 {(_T + _B) // 2}) rotate(-90)" '
                 f'text-anchor="middle">Same vote (% of roll calls both voted on)</text>')
    legend_x, legend_y = _L, 48
    for (a, b, text), (colour, dash) in zip(pairs, PAIR_STYLES, strict=False):
        rows = frame[(frame["country_a"] == a) & (frame["country_b"] == b)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if len(rows):
            d, dots = _path(rows["year"].to_numpy(), rows["agreement"].to_numpy(dtype=float))
            parts.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2"'
                         f'{dash_attr}/>')
            parts += [f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="2.5" fill="{colour}"/>'
                      for x, y in dots]
        if legend_x > _L and legend_x + 34 + 7.5 * len(text) > _W - 6:  # ≈ 7 px a character
            legend_x, legend_y = _L, legend_y + 18  # a second row, under the first
        parts.append(f'<path d="M{legend_x} {legend_y - 4}h28" stroke="{colour}" stroke-width="2"'
                     f'{dash_attr}/><text x="{legend_x + 34}" y="{legend_y}">{e(text)}</text>')
        legend_x += 48 + 7 * len(text)
    if frame.empty:
        parts.append(f'<text x="{(_L + _R) // 2}" y="{(_T + _B) // 2}" text-anchor="middle">'
                     "No roll call on which these countries both voted</text>")
    parts.append("</svg>")
    svg = "".join(parts).encode("utf-8")
    for label, value in (("title", title), ("alt", alt), ("source", source)):
        if not str(value).strip():
            raise ValueError(f"a chart needs a non-empty {label}")
    return charts.Chart(svg=svg, title=title, alt=alt, source=source, width=_W, height=_H)


def alignment_view(votes: pd.DataFrame, roll_calls: pd.DataFrame, countries_table: pd.DataFrame,
                   countries=TRIO, issue: str = "all") -> View:
    """The chapter-4 explorer: how often two or three countries voted the same way in the UN
    General Assembly, by year, on all roll calls or one issue category.

    `countries` is a list of two or three codes of data/unga_countries.csv (None entries are
    ignored); `issue` is 'all' or a category code (di, co, ec, hr, nu, me).
    """
    check_frame(countries_table, COUNTRIES, ["code", "name"])
    names = dict(zip(countries_table["code"], countries_table["name"], strict=True))
    codes = check_countries(countries, [c for c in votes.columns if c != "rcid" and c in names])
    check_one("issue", issue, issues())
    frame = agreement(votes, roll_calls, codes, issue, names)
    spans = periods(roll_calls)
    partial_years = sorted(int(y) for y in frame.loc[frame["year_partial"], "year"].unique()) or \
        sorted(int(y) for y in roll_calls.loc[roll_calls["year_partial"].astype(bool), "year"].unique())
    pair_list = [(a, b, f"{names[a]}–{names[b]}") for a, b in pairs_of(codes)]
    topic = issue_labels()[issue]
    topic_text = "all roll calls" if issue == "all" else f"roll calls on {topic.lower()}"
    rows, said = [], []
    main_label, main_first, main_last = spans[1]
    for a, b, text in pair_list:
        one = frame[(frame["country_a"] == a) & (frame["country_b"] == b)]
        row = {"pair": text,
               "years": f"{one['year'].min()}–{one['year'].max()}" if len(one) else "none"}
        years = one["year"].to_numpy()
        agree, shared = one["n_agree"].to_numpy(), one["n_shared"].to_numpy()
        for label, first, last in spans:
            # pooled over the span, as `pooled` does (without its per-pair groupby)
            inside = _in_span(years, first, last)
            n_agree, n_shared = int(agree[inside].sum()), int(shared[inside].sum())
            row[label] = _share_text(n_agree, n_shared)
            if label == main_label:
                said.append(f"{text} {100 * n_agree / n_shared:.0f}%" if n_shared
                            else f"{text} no shared votes")
        rows.append(row)
    shown = pd.DataFrame(rows)
    summary = f"Same vote, {main_label}, {topic_text}: " + ", ".join(said)
    source = data.source_line(VOTES)
    method = ("Share of the roll calls on which both countries recorded yes, no or abstain that "
              "saw the same vote; absences count neither way. The Soviet seat is coded as Russia "
              "before 1992.")
    table = tables.table(
        shown, labels={"pair": "Pair", "years": "Years both voted",
                       **{label: f"Same vote, {label}" for label, _, _ in spans}},
        caption=f"How often they voted the same way in the UN General Assembly ({topic_text}). "
                + method, source=source)
    year_span = (f"{frame['year'].min()}–{frame['year'].max()}" if len(frame) else "no years")
    who = [names[c] for c in codes]
    alt = (f"Line chart of the share of UN General Assembly {topic_text.replace('all ', '')} on "
           f"which {', '.join(who[:-1])} and {who[-1]} cast the same vote, by year ({year_span}); "
           f"one line per pair. Pooled {main_label}: " + ", ".join(said) + ".")
    if partial_years:
        alt += (f" {partial_years[0]}{'–' + str(partial_years[-1]) if len(partial_years) > 1 else ''}"
                " shaded: partial years in the data.")
    chart = alignment_chart(frame, pair_list, title=f"Same vote in the UN General Assembly: {topic}",
                            alt=alt, source=source, partial_years=partial_years)
    return View(table, chart, frame, summary)


def _explorer_view(votes, roll_calls, countries_table, first=None, second=None, third=None,
                   issue="all") -> View:
    return alignment_view(votes, roll_calls, countries_table, [first, second, third], issue)


def explorer(votes: pd.DataFrame, roll_calls: pd.DataFrame, countries_table: pd.DataFrame,
             scope: str = "book") -> Explorer:
    """The alignment explorer.

    scope="book": two of the 15 countries of data/unga_agreement.csv and an issue category;
    every combination is embedded in the HTML page. scope="all": two or three of all 199
    members, for Jupyter (the page embeds only the default view: too many combinations).
    """
    check_one("scope", scope, ["book", "all"])
    check_frame(countries_table, COUNTRIES, ["code", "name"])
    names = dict(zip(countries_table["code"], countries_table["name"], strict=True))
    issue_control = Control("issue", "Issue", tuple((i, t) for i, t in issue_labels().items()), "all")
    view = lru_cache(maxsize=None)(partial(_explorer_view, votes, roll_calls, countries_table))

    def cached(first=None, second=None, third=None, issue="all"):
        """The view, computed once per set of countries (a pair reads the same either way)."""
        chosen = (first, second, third)
        if all(c is None or isinstance(c, str) for c in chosen) and isinstance(issue, str):
            codes = _canonical([c for c in chosen if c is not None])
            return view(*codes, *[None] * (3 - len(codes)), issue=issue)
        return _explorer_view(votes, roll_calls, countries_table, first, second, third, issue)

    def invalid(c):
        chosen = [x for x in (c["first"], c["second"], c.get("third")) if x is not None]
        return "Pick different countries." if len(set(chosen)) != len(chosen) else None

    if scope == "book":
        core = [(c, names[c]) for c in core_countries()]
        return Explorer("summit-alignment", "Same vote in the UN General Assembly: two of 15 countries",
                        cached, [Control("first", "First country", tuple(core), "CN"),
                                 Control("second", "Second country", tuple(core), "RU"),
                                 issue_control], invalid=invalid)
    everyone = sorted(((c, n) for c, n in names.items() if c in votes.columns),
                      key=lambda cn: cn[1])
    return LiveExplorer("summit-alignment-all", "Same vote in the UN General Assembly: any two or "
                        "three of 199 members", cached,
                        [Control("first", "First country", tuple(everyone), "CN"),
                         Control("second", "Second country", tuple(everyone), "RU"),
                         Control("third", "Third country (optional)",
                                 ((None, "none"), *everyone), "US"), issue_control],
                        invalid=invalid)


class LiveExplorer(Explorer):
    """An explorer with too many combinations to embed (here 199 × 199 × 200 × 7): its HTML is the
    default view only; in Jupyter the kernel computes every view."""

    def static_html(self, with_states: bool = False) -> str:
        return super().static_html(with_states=False)


def issue_chart(by_issue: pd.DataFrame, *, period: str) -> charts.Chart:
    """Pooled agreement per pair and issue category (grouped bars), e.g. for China, Russia and
    the US over 1992–2017. `by_issue` has country_a, country_b, issue, n_agree, n_shared (an index
    of those columns is fine), as data/unga_agreement.csv summed over years."""
    frame = by_issue.reset_index() if "issue" not in by_issue.columns else by_issue
    check_frame(frame, AGREEMENT, ["country_a", "country_b", "issue", "n_agree", "n_shared"])
    names = data.labels(AGREEMENT, "country_a")
    frame = frame.assign(agreement=frame["n_agree"] / frame["n_shared"])
    frame = sort_by_vocabulary(frame, AGREEMENT, "issue", "country_a", "country_b")
    pairs = list(dict.fromkeys(zip(frame["country_a"], frame["country_b"], strict=True)))
    if len(pairs) > len(PAIR_STYLES):
        raise ValueError(f"at most {len(PAIR_STYLES)} pairs fit this chart; got {len(pairs)}")
    topics = [i for i in issues() if i in set(frame["issue"])]
    if not topics:
        raise ValueError("no rows to chart: by_issue is empty")
    label = issue_labels()
    hatches = ["", "//", ".."]
    height = 1.6 + 0.62 * len(topics)
    with charts.style():
        fig, ax = plt.subplots(figsize=(7.2, height))
        fig.subplots_adjust(left=0.42, right=0.97, top=1 - 0.5 / height, bottom=1.2 / height)
        ax.yaxis.set_label_coords((0.02 - 0.42) / (0.97 - 0.42), 0.5)  # at the figure's left edge
        bar = 0.8 / len(pairs)
        for k, ((a, b), (colour, _), hatch) in enumerate(zip(pairs, PAIR_STYLES, hatches, strict=False)):
            rows = frame[(frame["country_a"] == a) & (frame["country_b"] == b)].set_index("issue")
            ys = [len(topics) - 1 - i + 0.4 - bar * (k + 0.5) for i in range(len(topics))]
            shares = [float(rows.loc[t, "agreement"]) * 100 if t in rows.index else 0 for t in topics]
            ax.barh(ys, shares, height=bar * 0.9, color=colour, hatch=hatch,
                    edgecolor="#333333", linewidth=0.5, label=f"{names[a]}–{names[b]}")
            for y, v in zip(ys, shares, strict=True):
                ax.text(v + 1, y, f"{v:.0f}%", va="center", fontsize=7)
        ax.set_yticks(range(len(topics))[::-1], [label[t] for t in topics])
        ax.set_xlim(0, 100)
        ax.grid(axis="y", visible=False)
        handles, texts = ax.get_legend_handles_labels()
        fig.legend(handles, texts, loc="lower center", ncol=3, fontsize=8)
        said = "; ".join(
            label[t] + ": " + ", ".join(
                f"{names[a]}–{names[b]} {float(r.agreement) * 100:.0f}%"
                for r in frame[frame["issue"] == t].itertuples() for a, b in [(r.country_a, r.country_b)])
            for t in topics)
        alt = (f"Grouped bar chart of how often each pair voted the same way in the UN General "
               f"Assembly, {period}, by issue category: {said}.")
        return charts.finish(fig, ax, title=f"Same vote by issue, {period}",
                             xlabel="Same vote (% of roll calls both voted on)",
                             ylabel="Issue category", alt=alt,
                             source=data.source_line(AGREEMENT), tight=False)


def issue_table(by_issue: pd.DataFrame, *, period: str, issue: str | None = None) -> tables.Table:
    """The pooled counts behind `issue_chart` as a captioned table: per pair (and issue category),
    the roll calls both countries voted on, how many of them saw the same vote, and the share.
    `issue` picks one category ('all' for every roll call); None keeps them all."""
    check_frame(by_issue, AGREEMENT, [])
    frame = by_issue.reset_index() if "issue" not in by_issue.columns else by_issue
    check_frame(frame, AGREEMENT, ["country_a", "country_b", "issue", "n_agree", "n_shared"])
    if not isinstance(period, str) or not period.strip():
        raise TypeError(f"period must be a non-empty string such as '1992–2017'; got {period!r}")
    if issue is not None:
        check_one("issue", issue, issues())
        frame = frame[frame["issue"] == issue]
    names = data.labels(AGREEMENT, "country_a")
    label = issue_labels()
    rank = {v: i for i, v in enumerate([*issues(), *core_countries()])}
    frame = frame.sort_values(["issue", "country_a", "country_b"],
                              key=lambda s: s.map(lambda v: (rank.get(v, len(rank)), v)))
    n_agree, n_shared = frame["n_agree"].astype(int), frame["n_shared"].astype(int)
    shown = pd.DataFrame({
        "pair": [f"{names.get(a, a)}–{names.get(b, b)}"
                 for a, b in zip(frame["country_a"], frame["country_b"], strict=True)],
        "issue": frame["issue"].map(label).to_numpy(),
        "n_shared": [f"{n:,}" for n in n_shared],
        "n_agree": [f"{n:,}" for n in n_agree],
        "share": [f"{100 * a / s:.0f}%" if s else "no shared votes"
                  for a, s in zip(n_agree, n_shared, strict=True)],
    })
    topic = ("all roll calls" if issue == "all" else
             f"roll calls on {label[issue].lower()}" if issue else "by issue category")
    columns = ["pair", "n_shared", "n_agree", "share"] if issue else \
        ["pair", "issue", "n_shared", "n_agree", "share"]
    return tables.table(
        shown, columns=columns,
        labels={"pair": "Pair", "issue": "Issue category",
                "n_shared": "Roll calls both voted on", "n_agree": "Same vote",
                "share": "Same vote (%)"},
        caption=f"How often each pair voted the same way in the UN General Assembly, {period}, "
                f"{topic}: the counts are summed over the years, and the share is the sum of same "
                "votes divided by the sum of roll calls both voted on.",
        source=data.source_line(AGREEMENT))
