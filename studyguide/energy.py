"""Chapter 3, energy pressure: the instruments, the 2025–26 timeline, who buys Russia's crude,
Russia's oil and gas revenue, Urals against the price cap, and the exposure explorer.

`exposure_view` is the chapter's explorer: a secondary-tariff rate in, per buyer the US-bound
exports that would face it and the tariff bill, beside its purchases of Russian oil. It is a
teaching model (static trade), not a forecast. Orders and labels come from data/datapackage.json.
"""

from __future__ import annotations

import html
import numbers
from functools import partial

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from . import charts, data, tables
from .common import View, check_frame, sort_by_vocabulary
from .explorer import Control, Explorer
from .text import long_date, plural

INSTRUMENTS = "energy_instruments"
EVENTS = "energy_events"
BUYERS = "crude_buyers"
REVENUE = "russia_oil_gas_revenue"
URALS = "urals_prices"
EXPOSURE = "exposure"

EVENT_COLUMNS = ["id", "date", "date_precision", "announced", "kind", "actor", "instrument",
                 "target", "short_label", "summary", "value", "unit", "source_ids"]
BUYER_COLUMNS = ["id", "period_start", "period_end", "period_label", "buyer", "measure", "value",
                 "scope", "estimate_source", "origin", "source_ids"]
REVENUE_COLUMNS = ["id", "period_type", "period_start", "period_end", "period_label", "measure",
                   "value", "qualifier", "status", "source_ids"]
URALS_COLUMNS = ["id", "period_start", "period_end", "period_label", "urals_usd_per_bbl",
                 "qualifier", "basis", "source_ids"]
EXPOSURE_COLUMNS = ["buyer", "us_imports_2024_usd_bn", "us_duties_2024_usd_bn",
                    "russian_crude_usd_bn", "russian_crude_period", "russian_fossil_eur_bn",
                    "russian_fossil_period", "source_ids"]

RATES = tuple(range(0, 101, 5))  # the secondary-tariff rates the explorer offers, in %
ASSUMPTIONS = (
    "Static trade: 2024 flows stay as they were, so no importer switches supplier and no buyer "
    "stops buying Russian oil. Who pays: with full pass-through US importers and consumers pay "
    "the bill, with none the exporters absorb it in lower prices; the bill is the same either way. "
    "A teaching model, not a forecast.")


CHAPTER_TABLES = (INSTRUMENTS, EVENTS, BUYERS, REVENUE, URALS, EXPOSURE)


def data_checked(names=CHAPTER_TABLES, base=None) -> str:
    """The latest "as of" date (the schema's asOf, YYYY-MM-DD) of the chapter's tables: the day
    the data were compiled and checked against their sources, printed at the end of every source
    line. Not the date of the newest evidence (`newest_evidence`)."""
    return max(data.resource(name, base)["asOf"] for name in names)


def newest_evidence(events: pd.DataFrame, buyers: pd.DataFrame, urals: pd.DataFrame) -> pd.Timestamp:
    """The date of the newest dated evidence: an event, a buyer estimate or a Urals price.
    (Budget plans and forecasts reach into the future, so revenue rows do not count.)"""
    check_frame(events, EVENTS, ["date"])
    check_frame(buyers, BUYERS, ["period_end"])
    check_frame(urals, URALS, ["period_end"])
    return max(events["date"].max(), buyers["period_end"].max(), urals["period_end"].max())


# --- Instruments -------------------------------------------------------------------------------

INSTRUMENT_COLUMNS = ["name", "name_ja", "channel", "example", "example_date", "primary_text_reached",
                      "source_ids"]
INSTRUMENT_DETAIL = ["name", "name_ja", "definition", "imposed_by", "legal_basis", "channel",
                     "who_is_hit", "example", "example_date", "primary_text", "primary_text_reached",
                     "source_ids", "note"]


def instruments_table(instruments: pd.DataFrame, detail: bool = False) -> tables.Table:
    """One row per instrument, in the schema's order, with its dated example and whether the
    official text behind the example was read; `detail=True` adds the definition, who imposes
    it, the legal basis, who is hit, the official text and the notes."""
    check_frame(instruments, INSTRUMENTS, ["id", "name", "example_date", "primary_text_reached"])
    rows = sort_by_vocabulary(instruments, INSTRUMENTS, "id")
    rows = rows.assign(primary_text_reached=rows["primary_text_reached"].map(
        {True: "yes", False: "no: dated from reports"}))
    reached = int(instruments["primary_text_reached"].fillna(False).astype(bool).sum())
    return tables.table(
        rows, resource=INSTRUMENTS,
        columns=INSTRUMENT_DETAIL if detail else INSTRUMENT_COLUMNS,
        caption=(f"{plural(len(rows), 'instrument')} of energy pressure, each with one dated real "
                 f"example. The official text behind the example was read for {reached} of them; "
                 "for the others the date comes from reports, law-firm notes or aggregators "
                 "quoting it."),
        source=data.source_line(INSTRUMENTS, rows))


# --- The timeline ------------------------------------------------------------------------------

def _day_label(day: pd.Timestamp, precision: str) -> str:
    if precision == "month":
        return f"{day:%b %Y}"
    return f"{'c. ' if precision == 'reported' else ''}{day.day} {day:%b %Y}"


def timeline_chart(events: pd.DataFrame, since: str = "2025-01-01") -> charts.Chart:
    """Events from `since` on, one row each in date order; colour and marker show the kind (the
    schema's order), a hollow marker an approximate date, a thin line the time from
    announcement to effect."""
    check_frame(events, EVENTS, EVENT_COLUMNS)
    frame = events[events["date"] >= pd.Timestamp(since)].sort_values(["date", "id"])
    frame = frame.reset_index(drop=True)
    order = data.vocabulary(EVENTS, "kind")
    label = data.labels(EVENTS, "kind")
    styles = charts.category_styles(order)
    n = len(frame)
    ticks = [f"{_day_label(d, p)} · {s}" for d, p, s in zip(
        frame["date"], frame["date_precision"], frame["short_label"], strict=True)]
    width, height = 7.2, 2.1 + 0.24 * max(n, 3)
    with charts.style():
        fig, ax = plt.subplots(figsize=(width, height))
        left = (0.35 + 0.062 * max((len(t) for t in ticks), default=10)) / width
        fig.subplots_adjust(left=left, right=1 - 0.15 / width, top=1 - 0.45 / height,
                            bottom=1.45 / height)
        ax.yaxis.set_label_coords((0.03 - left) / (1 - 0.15 / width - left), 0.5)
        ys = list(range(n))[::-1]
        for y, rec in zip(ys, frame.itertuples(index=False), strict=True):
            if pd.notna(rec.announced) and rec.announced < rec.date:
                ax.plot([rec.announced, rec.date], [y, y], color=styles[rec.kind]["color"],
                        linewidth=1.2, zorder=2)
                ax.plot([rec.announced], [y], marker="|", markersize=7,
                        color=styles[rec.kind]["color"], zorder=2)
        for kind in order:
            rows = frame[frame["kind"] == kind]
            if rows.empty:
                continue
            at = [ys[i] for i in rows.index]
            exact = (rows["date_precision"] == "day").to_numpy()
            style = styles[kind]
            ax.scatter(rows["date"][exact], [y for y, e in zip(at, exact, strict=True) if e], s=48,
                       zorder=3, color=style["color"], marker=style["marker"])
            if (~exact).any():
                ax.scatter(rows["date"][~exact], [y for y, e in zip(at, exact, strict=True) if not e],
                           s=48, zorder=3, facecolors="white", edgecolors=style["color"],
                           linewidths=1.5, marker=style["marker"])
        start = frame["date"].min() if n else pd.Timestamp(since)
        end = frame["date"].max() if n else pd.Timestamp(since) + pd.Timedelta(days=365)
        ax.set_xlim(start - pd.Timedelta(days=20), end + pd.Timedelta(days=20))
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
        ax.tick_params(axis="x", labelsize=8)
        ax.set_yticks(ys, ticks, fontsize=8)
        ax.set_ylim(-0.7, max(n, 1) - 0.3)
        ax.grid(axis="y", visible=False)
        present = [k for k in order if k in set(frame["kind"])]
        handles = [plt.Line2D([], [], linestyle="", markersize=7, label=label[k], **styles[k])
                   for k in present]
        handles += [plt.Line2D([], [], linestyle="", marker="o", markersize=7, markerfacecolor="white",
                               markeredgecolor="#555555", label="date approximate"),
                    plt.Line2D([], [], color="#555555", marker="|", markersize=7,
                               label="announced → in effect")]
        fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=8, title="Kind",
                   title_fontsize=8, bbox_to_anchor=(0.5, 0.0))
        counts = frame["kind"].value_counts()
        mix = ", ".join(f"{counts[k]} {label[k].lower()}" for k in present)
        span = f"from {long_date(start)} to {long_date(end)}" if n else "none"
        alt = (f"Timeline of {plural(n, 'energy-sanctions event')} {span} ({mix}), one row each in "
               "date order. " + "; ".join(
                   f"{_day_label(d, p)}: {s}" for d, p, s in zip(
                       frame["date"], frame["date_precision"], frame["short_label"], strict=True))
               + ".")
        years = f"{start:%Y}–{end:%y}" if n and start.year != end.year else f"{start:%Y}"
        return charts.finish(fig, ax, title=f"Energy pressure on Russia and its relief, {years}",
                             xlabel="Date", ylabel="Event", alt=alt,
                             source=data.source_line(EVENTS, frame), tight=False)


EVENT_SHORT = ["date", "kind", "actor", "summary", "source_ids"]
EVENT_DETAIL = ["date", "date_precision", "announced", "kind", "actor", "instrument", "target",
                "summary", "value", "unit", "source_ids", "note"]


def events_table(events: pd.DataFrame, since: str | None = None, detail: bool = True) -> tables.Table:
    """The events in date order (from `since`, if given), with what happened and the sources;
    `detail=False` keeps only the date, kind, who, what happened and the sources."""
    check_frame(events, EVENTS, EVENT_COLUMNS)
    rows = events if since is None else events[events["date"] >= pd.Timestamp(since)]
    rows = rows.sort_values(["date", "id"])
    when = f"from {long_date(since)}" if since else "all years"
    return tables.table(
        rows, resource=EVENTS,
        columns=EVENT_DETAIL if detail else EVENT_SHORT,
        caption=f"Energy-sanctions events, {when}: {plural(len(rows), 'event')}.",
        source=data.source_line(EVENTS, rows))


# --- Who buys Russia's crude -------------------------------------------------------------------

SHARE_OF_EXPORTS = ("share_of_russian_crude_exports", "share_of_russian_seaborne_crude_exports")
CHART_BUYERS = ("China", "India", "EU", "Türkiye", "China + India")


def _mid(start: pd.Series, end: pd.Series) -> pd.Series:
    return start + (end - start) / 2


_LABEL_HEIGHT = 9  # points: a 7-point value label and a little air


def _label_offsets(values, points_per_unit: float) -> list[tuple[int, int, str]]:
    """Where to put the value labels of points at one date, highest first, so that none sits on
    another: (x, y offset in points, alignment). Right of its point if free, else left of it,
    else one line lower (right, then left)."""
    placed: list[tuple[int, float]] = []  # (side, height of the label's foot in points)
    out: list[tuple[int, int, str]] = [(5, 3, "left")] * len(values)
    for i in sorted(range(len(values)), key=lambda i: -float(values[i])):
        y = float(values[i]) * points_per_unit
        for dy in range(3, -100 * _LABEL_HEIGHT, -_LABEL_HEIGHT):
            free = [(dx, ha) for dx, ha in ((5, "left"), (-5, "right"))
                    if all(side != dx or abs(y + dy - foot) >= _LABEL_HEIGHT for side, foot in placed)]
            if free:
                dx, ha = free[0]
                placed.append((dx, y + dy))
                out[i] = (dx, dy, ha)
                break
    return out


def buyers_chart(buyers: pd.DataFrame) -> charts.Chart:
    """Top: each buyer's share of Russia's crude exports; bottom: Russia's share of the buyer's
    crude imports. Each estimate is a point at the middle of its period, labelled by who made it
    where buyers' shares are joint; a hollow marker is a seaborne-only figure. Lines join only
    estimates of the same tracker and measure."""
    check_frame(buyers, BUYERS, BUYER_COLUMNS)
    styles = charts.category_styles(CHART_BUYERS)
    measure_label = data.labels(BUYERS, "measure")
    frame = buyers[buyers["buyer"].isin(CHART_BUYERS)].copy()
    frame["mid"] = _mid(frame["period_start"], frame["period_end"])
    panels = (("top", list(SHARE_OF_EXPORTS), "Share of Russia's crude exports (%)"),
              ("bottom", ["share_of_buyer_crude_imports"], measure_label["share_of_buyer_crude_imports"]))
    width, height = 7.2, 7.4
    shown = []
    with charts.style():
        fig, axes = plt.subplots(2, 1, figsize=(width, height), sharex=True,
                                 gridspec_kw={"height_ratios": [1.35, 1]})
        fig.subplots_adjust(left=0.1, right=0.98, top=1 - 0.5 / height, bottom=1.2 / height,
                            hspace=0.16)
        for ax, (_, measures, ylabel) in zip(axes, panels, strict=True):
            rows = frame[frame["measure"].isin(measures)].sort_values(["mid", "buyer"])
            shown.append(rows)
            points_per_unit = ax.get_position().height * height * 72 / 100  # y runs 0-100
            place = {}
            for _, same_date in rows.groupby("mid"):
                place.update(zip(same_date.index,
                                 _label_offsets(list(same_date["value"]), points_per_unit), strict=True))
            for (buyer, _tracker, _measure), group in rows.groupby(
                    ["buyer", "estimate_source", "measure"], sort=False):
                style = styles[buyer]
                if len(group) > 1:
                    ax.plot(group["mid"], group["value"], color=style["color"], linewidth=1,
                            alpha=0.7, zorder=2)
                seaborne = (group["scope"] == "seaborne").to_numpy()
                ax.scatter(group["mid"][~seaborne], group["value"][~seaborne], s=44, zorder=3,
                           **style)
                ax.scatter(group["mid"][seaborne], group["value"][seaborne], s=44, zorder=3,
                           facecolors="white", edgecolors=style["color"], linewidths=1.5,
                           marker=style["marker"])
                for rec in group.itertuples():
                    text = f"{rec.value:g}"
                    if buyer == "China + India":
                        text = f"{rec.estimate_source} {rec.value:g}"
                    dx, dy, ha = place[rec.Index]
                    ax.annotate(text, (rec.mid, rec.value), textcoords="offset points",
                                xytext=(dx, dy), ha=ha, fontsize=7, color="#333333")
            ax.set_ylabel(ylabel, fontsize=9)
            ax.set_ylim(0, 100)
            ax.set_xlim(frame["period_start"].min() - pd.Timedelta(days=60),
                        frame["period_end"].max() + pd.Timedelta(days=240))
        handles = [plt.Line2D([], [], linestyle="", markersize=7, label=b, **styles[b])
                   for b in CHART_BUYERS if b in set(frame["buyer"])]
        handles.append(plt.Line2D([], [], linestyle="", marker="o", markersize=7,
                                  markerfacecolor="white", markeredgecolor="#555555",
                                  label="seaborne crude only"))
        fig.legend(handles=handles, loc="lower center", ncol=6, fontsize=8, title="Buyer",
                   title_fontsize=8)
        axes[1].xaxis.set_major_locator(mdates.YearLocator())
        axes[1].xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        top, bottom = shown
        joint = top[top["buyer"] == "China + India"].sort_values("mid")
        alt = ("Two scatter charts of estimates of who buys Russia's crude, "
               f"{top['period_start'].min():%Y}–{frame['period_end'].max():%Y}. Top: shares of "
               "Russia's crude exports. " + "; ".join(
                   f"{b}: " + ", ".join(f"{r.value:g}% ({r.period_label}, {r.estimate_source})"
                                        for r in top[top["buyer"] == b].itertuples())
                   for b in CHART_BUYERS if b in set(top["buyer"]) and b != "China + India")
               + ". China and India together, by tracker: " + ", ".join(
                   f"{r.estimate_source} {r.value:g}% ({r.period_label})" for r in joint.itertuples())
               + ". Bottom: Russia's share of each buyer's crude imports: " + "; ".join(
                   f"{b}: " + ", ".join(f"{r.value:g}% ({r.period_label})"
                                        for r in bottom[bottom["buyer"] == b].itertuples())
                   for b in CHART_BUYERS if b in set(bottom["buyer"])) + ".")
        return charts.finish(fig, axes[1], title="Who buys Russia's crude: estimates side by side",
                             xlabel="Middle of the period the estimate covers", ylabel=panels[1][2],
                             alt=alt, source=data.source_line(BUYERS, pd.concat(shown)), tight=False)


def joint_share_estimates(buyers: pd.DataFrame) -> pd.DataFrame:
    """China and India together: every reported joint share, plus the sum of their separate
    shares where one tracker gives both for the same period (marked as computed here)."""
    check_frame(buyers, BUYERS, BUYER_COLUMNS)
    shares = buyers[buyers["measure"].isin(SHARE_OF_EXPORTS)]
    joint = shares[shares["buyer"] == "China + India"].assign(how="reported as a joint share")
    pair = shares[shares["buyer"].isin(["China", "India"])]
    keys = ["period_start", "period_end", "period_label", "measure", "scope", "estimate_source"]
    summed = pair.groupby(keys, as_index=False).agg(
        value=("value", "sum"), n=("buyer", "nunique"), source_ids=(
            "source_ids", lambda s: data.LIST_SEP.join(dict.fromkeys(
                i for v in s for i in data.split_ids(v)))))
    summed = summed[summed["n"] == 2].drop(columns="n").assign(
        buyer="China + India", how="computed here: China's share + India's share")
    out = pd.concat([joint, summed], ignore_index=True).sort_values(["period_start", "estimate_source"])
    return out[["period_label", "period_start", "buyer", "measure", "scope", "estimate_source", "value",
                "how", "source_ids"]].reset_index(drop=True)


def joint_share_table(buyers: pd.DataFrame) -> tables.Table:
    rows = joint_share_estimates(buyers)
    return tables.table(
        rows, resource=BUYERS, columns=["period_label", "measure", "scope", "estimate_source", "value",
                                        "how", "source_ids"],
        labels={"value": "China + India (%)", "how": "How obtained"},
        caption=(f"China and India together: {plural(len(rows), 'estimate')} side by side, never "
                 "averaged. Trackers, periods and bases differ (all crude exports or seaborne only)."),
        source=data.source_line(BUYERS, rows))


def buyers_table(buyers: pd.DataFrame) -> tables.Table:
    check_frame(buyers, BUYERS, BUYER_COLUMNS)
    rows = sort_by_vocabulary(buyers, BUYERS, "measure", "period_start", "buyer")
    return tables.table(
        rows, resource=BUYERS,
        columns=["period_label", "buyer", "measure", "value", "scope", "estimate_source", "origin",
                 "source_ids", "note"],
        caption=f"Every estimate of who buys Russia's crude ({plural(len(rows), 'row')}; crude only).",
        source=data.source_line(BUYERS, rows))


# --- Russia's oil and gas revenue --------------------------------------------------------------

EVIDENCE = ("more than one source", "single source", "state media only")


def evidence(source_ids: pd.Series, registry: pd.DataFrame) -> pd.Series:
    """For each row: 'state media only' if every source is state media, 'single source' if it
    rests on one source that is not, else 'more than one source'."""
    kind = registry.set_index("id")["kind"]

    def one(ids) -> str:
        ids = data.split_ids(ids)
        if ids and all(kind.get(i) == "state media" for i in ids):
            return "state media only"
        return "single source" if len(ids) == 1 else "more than one source"

    return source_ids.map(one)


def _value_text(value: float, qualifier: str) -> str:
    return {"about": "~", "under": "<"}.get(qualifier, "") + f"{value:g}"


def revenue_chart(revenue: pd.DataFrame, registry: pd.DataFrame) -> charts.Chart:
    """Top: oil and gas revenue (trn roubles) by year, outturns filled, plans hollow. Bottom: its
    share of federal revenue, marked by evidence (state media only, single source, more); a
    multi-year average is a bar across its years; ~ approximate, < an upper bound."""
    check_frame(revenue, REVENUE, REVENUE_COLUMNS)
    rows = revenue[revenue["period_type"] != "month"].copy()
    rows["evidence"] = evidence(rows["source_ids"], registry)
    rows["x0"] = rows["period_start"].dt.year
    rows["x1"] = rows["period_end"].dt.year
    status_label = data.labels(REVENUE, "status")
    measure_label = data.labels(REVENUE, "measure")
    colours = {"more than one source": charts.OKABE_ITO["blue"],
               "single source": charts.OKABE_ITO["sky blue"],
               "state media only": charts.OKABE_ITO["vermillion"]}
    markers = {"actual": "o", "estimate": "o", "plan": "s", "forecast": "v"}
    width, height = 7.2, 6.6
    with charts.style():
        fig, (top, bottom) = plt.subplots(2, 1, figsize=(width, height), sharex=True)
        fig.subplots_adjust(left=0.1, right=0.98, top=1 - 0.5 / height, bottom=1.35 / height,
                            hspace=0.14)
        money = rows[rows["measure"] == "revenue_trn_rub"].sort_values(["x0", "status"])
        for rec in money.itertuples(index=False):
            plan = rec.status != "actual"
            shift = 0.2 if plan else -0.2 if (money["x0"] == rec.x0).sum() > 1 else 0
            colour = colours[rec.evidence]
            top.bar(rec.x0 + shift, rec.value, width=0.4 if shift else 0.6,
                    color="white" if plan else colour, edgecolor=colour, linewidth=1.5,
                    hatch="//" if plan else None, zorder=3)
            top.text(rec.x0 + shift, rec.value + 0.2, _value_text(rec.value, rec.qualifier)
                     + (" plan" if plan else ""), ha="center", fontsize=7,
                     zorder=4)
        top.set_ylabel(measure_label["revenue_trn_rub"], fontsize=9)
        top.set_ylim(0, max(money["value"].max() * 1.18, 1))
        share = rows[rows["measure"] == "share_of_federal_revenue_pct"].sort_values("x0")
        for rec in share.itertuples(index=False):
            colour = colours[rec.evidence]
            hollow = rec.status != "actual" or rec.qualifier != "exact"
            if rec.x1 > rec.x0:
                bottom.plot([rec.x0 - 0.3, rec.x1 + 0.3], [rec.value, rec.value], color=colour,
                            linewidth=3, alpha=0.6, zorder=2)
            x = (rec.x0 + rec.x1) / 2
            offset = 0.22 if rec.status in ("plan", "forecast") else 0
            bottom.scatter([x + offset], [rec.value], s=46, zorder=3, marker=markers[rec.status],
                           color="white" if hollow else colour, edgecolors=colour, linewidths=1.5)
            bottom.annotate(_value_text(rec.value, rec.qualifier), (x + offset, rec.value),
                            textcoords="offset points", xytext=(7, -3) if offset else (0, 7),
                            ha="left" if offset else "center", fontsize=7)
        bottom.set_ylabel(measure_label["share_of_federal_revenue_pct"], fontsize=9)
        bottom.set_ylim(0, 60)
        bottom.set_xlim(rows["x0"].min() - 0.7, rows["x1"].max() + 0.9)
        bottom.set_xticks(range(int(rows["x0"].min()), int(rows["x1"].max()) + 1))
        bottom.tick_params(axis="x", labelsize=8)
        for ax in (top, bottom):
            ax.grid(axis="x", visible=False)
        handles = [plt.Line2D([], [], linestyle="", marker="o", markersize=7, color=colours[e],
                              label=e) for e in EVIDENCE if e in set(rows["evidence"])]
        handles += [plt.Line2D([], [], linestyle="", marker=markers[s], markersize=7,
                               markerfacecolor="white", markeredgecolor="#555555",
                               label=status_label[s].lower())
                    for s in ("estimate", "plan", "forecast") if s in set(rows["status"])]
        fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8,
                   title="Evidence (colour) · hollow: approximate, or not an outturn", title_fontsize=8)

        def described(frame, unit):
            return "; ".join(
                f"{r.period_label}: {_value_text(r.value, r.qualifier)}{unit} "
                f"({status_label[r.status].lower()}, {r.evidence})" for r in frame.itertuples())

        alt = ("Two charts of Russia's federal oil and gas revenue. Top, bars in trillion roubles: "
               + described(money, " trn") + ". Bottom, share of federal budget revenue: "
               + described(share, "%") + ".")
        return charts.finish(fig, bottom, title="Russia's oil and gas budget revenue and its share",
                             xlabel="Year", ylabel=measure_label["share_of_federal_revenue_pct"],
                             alt=alt, source=data.source_line(REVENUE, rows), tight=False)


def revenue_table(revenue: pd.DataFrame, registry: pd.DataFrame) -> tables.Table:
    check_frame(revenue, REVENUE, REVENUE_COLUMNS)
    rows = sort_by_vocabulary(revenue, REVENUE, "measure", "period_start", "status")
    rows = rows.assign(evidence=evidence(rows["source_ids"], registry))
    counts = rows["evidence"].value_counts()
    return tables.table(
        rows, resource=REVENUE,
        columns=["period_label", "measure", "value", "qualifier", "status", "evidence", "source_ids",
                 "note"],
        labels={"evidence": "Evidence"},
        caption=(f"Oil and gas revenue of Russia's federal budget: {plural(len(rows), 'figure')}, "
                 f"of which {counts.get('state media only', 0)} rest on state media only and "
                 f"{counts.get('single source', 0)} on a single other source."),
        source=data.source_line(REVENUE, rows))


# --- Urals against the cap ---------------------------------------------------------------------

def _usd(value: float) -> str:
    """47.6 -> '47.60', 60 -> '60' (prices as they are quoted)."""
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def cap_levels(events: pd.DataFrame) -> pd.DataFrame:
    """The crude price cap's levels (US$ per barrel) from the events: who set each, from when."""
    check_frame(events, EVENTS, EVENT_COLUMNS)
    caps = events[(events["instrument"] == "price_cap") & (events["unit"] == "US$/bbl")
                  & events["value"].notna()]
    return caps.sort_values("date")[["id", "date", "actor", "value", "source_ids"]].reset_index(drop=True)


def urals_chart(urals: pd.DataFrame, events: pd.DataFrame) -> charts.Chart:
    """Urals price points (a bar across the period each covers, a marker at its middle; marker
    by basis, hollow if approximate) against the cap: the coalition's first level throughout
    (the US kept it) and the EU's dynamic cap as a step line from its first change."""
    check_frame(urals, URALS, URALS_COLUMNS)
    caps = cap_levels(events)
    basis_order = data.vocabulary(URALS, "basis")
    basis_label = data.labels(URALS, "basis")
    styles = charts.category_styles(basis_order)
    rows = urals.sort_values("period_start").assign(mid=lambda f: _mid(f["period_start"], f["period_end"]))
    end = max(rows["period_end"].max(), caps["date"].max()) + pd.Timedelta(days=120)
    start = min(rows["period_start"].min(), caps["date"].min()) - pd.Timedelta(days=40)
    first = caps.iloc[0]
    eu = caps[caps["actor"] == "European Union"]
    width, height = 7.2, 4.6
    with charts.style():
        fig, ax = plt.subplots(figsize=(width, height))
        fig.subplots_adjust(left=0.1, right=0.98, top=1 - 0.5 / height, bottom=1.35 / height)
        ax.plot([first["date"], end], [first["value"], first["value"]], color="#333333", linewidth=1.5,
                label=rf"\${first['value']:g} cap ({first['actor']}; the US kept it)")
        if len(eu):
            xs = [eu["date"].iloc[0]] + list(eu["date"]) + [end]
            ys = [first["value"]] + list(eu["value"]) + [eu["value"].iloc[-1]]
            ax.step(xs, ys, where="post", color="#333333", linestyle="--", linewidth=1.5,
                    label="EU dynamic cap: " + ", ".join(
                        rf"\${_usd(r.value)} from {r.date:%b %Y}" for r in eu.itertuples()))
        for rec in rows.itertuples(index=False):
            style = styles[rec.basis]
            if rec.period_end > rec.period_start + pd.Timedelta(days=35):
                ax.plot([rec.period_start, rec.period_end], [rec.urals_usd_per_bbl] * 2,
                        color=style["color"], linewidth=3, alpha=0.45, zorder=2)
            exact = rec.qualifier == "exact"
            ax.scatter([rec.mid], [rec.urals_usd_per_bbl], s=46, zorder=3, marker=style["marker"],
                       color=style["color"] if exact else "white", edgecolors=style["color"],
                       linewidths=1.5)
            ax.annotate(("" if exact else "~") + f"{rec.urals_usd_per_bbl:g}",
                        (rec.mid, rec.urals_usd_per_bbl), textcoords="offset points",
                        xytext=(0, 7), ha="center", fontsize=7)
        handles, _ = ax.get_legend_handles_labels()
        handles += [plt.Line2D([], [], linestyle="", markersize=7, label=basis_label[b], **styles[b])
                    for b in basis_order if b in set(rows["basis"])]
        handles.append(plt.Line2D([], [], linestyle="", marker="o", markersize=7,
                                  markerfacecolor="white", markeredgecolor="#555555",
                                  label="approximate"))
        fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8)
        ax.set_xlim(start, end)
        ax.set_ylim(0, max(rows["urals_usd_per_bbl"].max(), first["value"]) * 1.15)
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        above = rows[rows["urals_usd_per_bbl"] > first["value"]]
        alt = (f"Chart of {plural(len(rows), 'Urals price point')} from {rows['period_label'].iloc[0]} "
               f"to {rows['period_label'].iloc[-1]} against the ${first['value']:g} price cap of "
               f"{long_date(first['date'])}"
               + (" and the EU's dynamic cap (" + ", ".join(
                   f"${_usd(r.value)} from {long_date(r.date)}" for r in eu.itertuples()) + ")"
                  if len(eu) else "")
               + ". Points: " + "; ".join(
                   f"{r.period_label} {'' if r.qualifier == 'exact' else 'about '}"
                   f"${r.urals_usd_per_bbl:g} ({basis_label[r.basis]})" for r in rows.itertuples())
               + f". {len(above)} of the {len(rows)} points are above ${first['value']:g}, "
               f"{len(above[above['period_end'] < first['date']])} of them from before the cap took "
               "effect.")
        return charts.finish(fig, ax, title="Urals crude against the price cap",
                             xlabel="Period the price covers", ylabel="US$ per barrel", alt=alt,
                             source=data.source_line(URALS, rows), tight=False)


# --- The exposure model (the explorer) ---------------------------------------------------------

def check_rate(rate) -> int:
    """A secondary-tariff rate in % among RATES (0, 5, ..., 100)."""
    if isinstance(rate, bool) or not isinstance(rate, numbers.Real):
        raise TypeError(f"rate must be a number of percent, one of {list(RATES)}; got "
                        f"{type(rate).__name__} {rate!r}")
    if rate != rate or float(rate) not in {float(r) for r in RATES}:  # NaN, or not a step of 5
        raise ValueError(f"rate {rate!r} is not offered; choose one of {list(RATES)} (% steps of 5)")
    return int(rate)


def tariff_bill(exposure: pd.DataFrame, rate) -> pd.DataFrame:
    """Per buyer, the tariff bill (US$ bn a year) if `rate` % were added on all its 2024 exports
    to the US, static trade, beside its purchases of Russian oil. The euro column is never
    converted into dollars."""
    check_frame(exposure, EXPOSURE, EXPOSURE_COLUMNS)
    rate = check_rate(rate)
    out = exposure[EXPOSURE_COLUMNS].copy()
    out["rate_pct"] = rate
    out["bill_usd_bn"] = out["us_imports_2024_usd_bn"] * rate / 100
    crude = out["russian_crude_usd_bn"].astype("Float64")
    out["bill_pct_of_crude"] = (out["bill_usd_bn"] / crude.where(crude > 0) * 100).astype("Float64")
    return out.reset_index(drop=True)


def _bn(value, digits: int = 1) -> str:
    return "not found" if pd.isna(value) else f"{value:,.{digits}f}"


def exposure_table(bill: pd.DataFrame, rate: int, source: str) -> tables.Table:
    shown = pd.DataFrame({
        "Buyer": bill["buyer"],
        "US-bound exports, 2024 (US$ bn)": bill["us_imports_2024_usd_bn"].map(_bn),
        f"Tariff bill at {rate}% (US$ bn a year)": bill["bill_usd_bn"].map(_bn),
        "US duties already paid, 2024 (US$ bn)": bill["us_duties_2024_usd_bn"].map(_bn),
        "Russian crude bought (US$ bn)": bill["russian_crude_usd_bn"].map(_bn),
        "Crude: period": bill["russian_crude_period"].fillna(""),
        "Bill as % of that crude": bill["bill_pct_of_crude"].map(
            lambda v: "—" if pd.isna(v) else f"{v:.0f}%"),
        "Russian fossil fuels bought (€ bn)": bill["russian_fossil_eur_bn"].map(_bn),
        "Fossil fuels: period": bill["russian_fossil_period"].fillna(""),
        "Sources": bill["source_ids"],
    })
    return tables.table(shown, source_columns=("Sources",), source=source, caption=(
        f"A secondary tariff of {rate}% on all goods: the bill per buyer, beside its Russian oil "
        f"purchases. {ASSUMPTIONS} Euro and dollar figures are not converted into each other."))


_W, _LEFT, _RIGHT = 690, 118, 12
_BLOCK, _TOP = 112, 12


def _svg_text(x, y, text, *, size=12, weight="normal", anchor="start", fill="#222222") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}" fill="{fill}">{html.escape(str(text))}</text>')


def _svg_rect(x, y, w, h, fill, stroke=None) -> str:
    line = f' stroke="{stroke}" stroke-width="1"' if stroke else ""
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h}" fill="{fill}"{line}/>'


def exposure_chart(bill: pd.DataFrame, rate: int, *, source: str) -> charts.Chart:
    """A compact hand-made SVG: per buyer, the tariff bill inside a bar of all its US-bound
    exports, and below it the value of its Russian crude purchases. Each buyer has its own scale
    (fixed for every rate, so that the bill bar grows as the rate rises)."""
    n = len(bill)
    height = _TOP + _BLOCK * max(n, 1) + 34
    span = _W - _LEFT - _RIGHT
    red, blue, grey = charts.OKABE_ITO["vermillion"], charts.OKABE_ITO["blue"], "#e4e4e4"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{height}" '
             f'viewBox="0 0 {_W} {height}" font-family="DejaVu Sans, Arial, sans-serif">',
             _svg_rect(0, 0, _W, height, "#ffffff")]
    for i, rec in enumerate(bill.itertuples(index=False)):
        y = _TOP + i * _BLOCK
        crude = rec.russian_crude_usd_bn
        scale = span / max(rec.us_imports_2024_usd_bn, 0 if pd.isna(crude) else crude, 1e-9)
        parts.append(_svg_text(8, y + 38, rec.buyer, size=13, weight="bold"))
        parts.append(_svg_text(_LEFT, y + 14, f"Tariff bill at {rate}%: US${_bn(rec.bill_usd_bn)} bn a "
                               f"year, of US${_bn(rec.us_imports_2024_usd_bn)} bn US-bound exports",
                               size=11))
        parts.append(_svg_rect(_LEFT, y + 19, rec.us_imports_2024_usd_bn * scale, 16, grey, "#999999"))
        parts.append(_svg_rect(_LEFT, y + 19, rec.bill_usd_bn * scale, 16, red))
        if pd.isna(crude):
            parts.append(_svg_text(_LEFT, y + 56, "Russian crude bought: value not found", size=11,
                                   fill="#555555"))
        else:
            share = "" if pd.isna(rec.bill_pct_of_crude) else f" (bill = {rec.bill_pct_of_crude:.0f}% of it)"
            parts.append(_svg_text(_LEFT, y + 56, f"Russian crude bought, {rec.russian_crude_period}: "
                                   f"US${_bn(crude)} bn{share}", size=11))
            parts.append(_svg_rect(_LEFT, y + 61, crude * scale, 16, blue))
        if pd.notna(rec.russian_fossil_eur_bn):
            parts.append(_svg_text(_LEFT, y + 95, f"All Russian fossil fuels bought, "
                                   f"{rec.russian_fossil_period}: €{_bn(rec.russian_fossil_eur_bn, 0)} bn "
                                   "(in euros, not converted)", size=11, fill="#444444"))
    base = _TOP + _BLOCK * max(n, 1) + 8
    parts.append(_svg_text(_LEFT, base, "US$ bn; each buyer drawn on its own scale. Grey: all US-bound "
                           "exports; red: the tariff bill; blue: Russian crude.", size=10, fill="#444444"))
    parts.append("</svg>")
    lines = []
    for rec in bill.itertuples(index=False):
        crude = ("its Russian crude value was not found" if pd.isna(rec.russian_crude_usd_bn) else
                 f"against US${_bn(rec.russian_crude_usd_bn)} bn of Russian crude bought "
                 f"({rec.russian_crude_period})")
        lines.append(f"{rec.buyer}: US${_bn(rec.bill_usd_bn)} bn of US${_bn(rec.us_imports_2024_usd_bn)} bn "
                     f"US-bound exports, {crude}")
    alt = (f"Bar chart, a secondary tariff of {rate}%: " + "; ".join(lines) + ". Static trade; "
           "a teaching model, not a forecast.")
    return charts.Chart(svg="".join(parts).encode("utf-8"),
                        title=f"A {rate}% secondary tariff: the bill beside the Russian crude",
                        alt=alt, source=source, width=_W, height=height)


def exposure_view(exposure: pd.DataFrame, rate=25) -> View:
    """The chapter-3 explorer: a secondary-tariff rate (0–100% in steps of 5) in; per buyer the
    tariff bill on its US-bound exports, beside its Russian oil purchases."""
    bill = tariff_bill(exposure, rate)
    rate = check_rate(rate)
    source = data.source_line(EXPOSURE, bill)
    summary = (f"Secondary tariff of {rate}%: " + ", ".join(
        f"{b} US${_bn(v)} bn" for b, v in zip(bill["buyer"], bill["bill_usd_bn"], strict=True))
        + " a year (static trade)") if len(bill) else f"Secondary tariff of {rate}%: no buyers"
    return View(exposure_table(bill, rate, source), exposure_chart(bill, rate, source=source), bill,
                summary)


def explorer(exposure: pd.DataFrame) -> Explorer:
    """Set a secondary-tariff rate; see each buyer's bill beside its Russian oil purchases."""
    check_frame(exposure, EXPOSURE, EXPOSURE_COLUMNS)
    return Explorer("energy-exposure", "Set a secondary-tariff rate",
                    partial(exposure_view, exposure),
                    [Control("rate", "Secondary-tariff rate", tuple((r, f"{r}%") for r in RATES), 25)])


def urals_table(urals: pd.DataFrame) -> tables.Table:
    check_frame(urals, URALS, URALS_COLUMNS)
    rows = urals.sort_values(["period_start", "id"])
    return tables.table(
        rows, resource=URALS,
        columns=["period_label", "urals_usd_per_bbl", "qualifier", "basis", "source_ids", "note"],
        caption=(f"{plural(len(rows), 'Urals price point')}: points, not a series; official "
                 "averages and market reports are mixed, as the basis says."),
        source=data.source_line(URALS, rows))
