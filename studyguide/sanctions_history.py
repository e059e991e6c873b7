"""Chapter 5, sanctions history: Iran, Cuba and North Korea, case by case.

Two explorers:
- `case_view`: pick a case (or all three, the static default) and see its sanctions timeline
  above its key indicator (Iran's crude exports, the UN General Assembly vote on the Cuba
  embargo, North Korea's nuclear tests), with the events in a table.
- `country_view`: pick any member of the UN and see how it voted on the Cuba embargo resolution
  every year, beside the yearly tallies. The chart is a small hand-made SVG (one image per
  country, about 1 kB gzip), so that all 194 countries can be embedded in the page.

Orders and labels of cases, directions, layers, estimate types and votes come from
data/datapackage.json.
"""

from __future__ import annotations

import html
from functools import partial

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from . import charts, data, tables
from .common import View, check_frame, check_one
from .explorer import Control, Explorer
from .text import long_date, plural

EVENTS = "sanctions_events"
EXPORTS = "iran_crude_exports"
TALLIES = "cuba_un_vote_tallies"
VOTES = "cuba_un_votes_by_country"
RESOLUTIONS = "unsc_dprk_resolutions"
TESTS = "dprk_nuclear_tests"
COMPARED = "sanctions_cases_compared"
TIES = "sanctions_ties_cases"

EVENT_COLUMNS = ["id", "case", "date", "date_precision", "end_date", "layer", "kind", "direction",
                 "short_label", "summary", "source_ids"]
EXPORT_COLUMNS = ["id", "period_start", "period_end", "period_label", "exports_kbd",
                  "value_qualifier", "estimate_type", "source_ids"]
TALLY_COLUMNS = ["year", "yes", "no", "abstain", "tally_basis", "file_yes", "file_no",
                 "file_abstain", "countries_no", "countries_abstain", "source_ids"]
VOTE_COLUMNS = ["year", "country", "vote"]
TEST_COLUMNS = ["test_no", "date_utc", "yield_kt", "yield_kt_uncertainty", "un_response",
                "source_ids"]

# Preferred looks for the schema's values (colour is never the only cue: markers differ too);
# a value the schema gains later falls back to the palette, in the schema's order.
_DIRECTION_LOOK = {"tighten": {"color": charts.OKABE_ITO["vermillion"], "marker": "^"},
                   "relax": {"color": charts.OKABE_ITO["bluish green"], "marker": "v"},
                   "other": {"color": "#777777", "marker": "o"}}
_ESTIMATE_LOOK = {"official statistics": {"color": "#444444", "marker": "."},
                  "agency estimate": {"color": charts.OKABE_ITO["sky blue"], "marker": "s"},
                  "tanker tracking": {"color": charts.OKABE_ITO["reddish purple"], "marker": "D"},
                  "press estimate": {"color": charts.OKABE_ITO["orange"], "marker": "P"}}
_VOTE_COLOUR = {"yes": charts.OKABE_ITO["blue"], "no": charts.OKABE_ITO["vermillion"],
                "abstain": charts.OKABE_ITO["orange"]}
_VOTE_LETTER = {"yes": "Y", "no": "N", "abstain": "A"}
_ABSTAIN_HATCH = "////"


def cases() -> list[str]:
    """The three cases, in display order (the schema's enum)."""
    return data.vocabulary(EVENTS, "case")


def _looks(resource: str, column: str, preferred: dict) -> dict[str, dict]:
    order = data.vocabulary(resource, column)
    fallback = charts.category_styles(order)
    return {v: preferred.get(v, fallback[v]) for v in order}


def direction_looks() -> dict[str, dict]:
    return _looks(EVENTS, "direction", _DIRECTION_LOOK)


def vote_colours() -> dict[str, str]:
    order = data.vocabulary(VOTES, "vote")
    return {v: _VOTE_COLOUR.get(v, charts.PALETTE[i % len(charts.PALETTE)])
            for i, v in enumerate(order)}


def _check_case(case) -> str | None:
    """None (all three cases) or one case from the schema."""
    if case is None:
        return None
    return check_one("case", case, cases())


# --- Tables ------------------------------------------------------------------------------------

def events_table(events: pd.DataFrame, case: str | None = None, *, full: bool = False) -> tables.Table:
    """The sanctions timeline of one case (or all three), in date order; `full` adds the legal
    instrument, who acted and the caveats."""
    check_frame(events, EVENTS, EVENT_COLUMNS)
    case = _check_case(case)
    rows = events if case is None else events[events["case"] == case]
    rows = _sorted_events(rows)
    columns = ["date", "direction", "layer", "short_label", "summary", "source_ids"]
    if case is None:
        columns.insert(0, "case")
    if full:
        columns = ["date", "date_precision", "end_date", "actor", "layer", "kind", "direction",
                   "summary", "instrument", "note", "source_ids"]
    what = case or "Iran, Cuba and North Korea"
    counts = rows["direction"].value_counts()
    label = data.labels(EVENTS, "direction")
    mix = ", ".join(f"{counts[d]} {label[d].lower()}" for d in data.vocabulary(EVENTS, "direction")
                    if d in counts)
    return tables.table(rows, columns=columns, resource=EVENTS,
                        caption=f"Sanctions on {what}: {plural(len(rows), 'step')} ({mix or 'none'}).")


def _sorted_events(rows: pd.DataFrame) -> pd.DataFrame:
    rank = {c: i for i, c in enumerate(cases())}
    return rows.assign(_r=rows["case"].map(rank)).sort_values(["_r", "date", "id"]).drop(
        columns="_r").reset_index(drop=True)


def estimates_table(exports: pd.DataFrame) -> tables.Table:
    """Iran's export figures after the EIA series ends: who estimated what, and how."""
    check_frame(exports, EXPORTS, EXPORT_COLUMNS)
    rows = exports[exports["estimate_type"] != "official statistics"].sort_values(
        ["period_start", "id"])
    return tables.table(rows, columns=["period_label", "exports_kbd", "value_qualifier", "measure",
                                       "estimate_type", "estimator", "source_ids", "note"],
                        caption="Iran's crude exports after 2016: estimates, not statistics.",
                        source=data.source_line(EXPORTS, rows))


def tallies_table(tallies: pd.DataFrame) -> tables.Table:
    """Every year's tally beside the roll-call file's count, where the file has the vote."""
    check_frame(tallies, TALLIES, TALLY_COLUMNS)
    return tables.table(tallies.sort_values("year"),
                        columns=["year", "vote_date", "resolution", "yes", "no", "abstain",
                                 "tally_basis", "file_yes", "file_no", "file_abstain",
                                 "countries_no", "source_ids", "note"],
                        caption="The UN General Assembly vote on ending the US embargo against Cuba, "
                                "year by year: the preferred tally (a UN press release; else a wire "
                                "or newspaper report; else a state news agency; else the roll-call "
                                "file) and the roll-call file's count.")


def tally_differences(tallies: pd.DataFrame) -> pd.DataFrame:
    """Years in which the roll-call file's counts differ from the preferred tally."""
    check_frame(tallies, TALLIES, TALLY_COLUMNS)
    in_file = tallies[tallies["file_yes"].notna()]
    differs = ((in_file["yes"] != in_file["file_yes"]) | (in_file["no"] != in_file["file_no"])
               | (in_file["abstain"] != in_file["file_abstain"]))
    return in_file[differs].reset_index(drop=True)


def resolutions_table(resolutions: pd.DataFrame) -> tables.Table:
    return tables.table(resolutions.sort_values("date"),
                        columns=["resolution", "date", "votes_for", "votes_against", "abstentions",
                                 "trigger", "trigger_date", "key_measures",
                                 "refined_petroleum_cap_bbl", "source_ids", "note"],
                        caption="The UN Security Council's sanctions resolutions on North Korea, "
                                "1718 (2006) to 2397 (2017). An empty vote means the count was not "
                                "confirmed in the sources used.")


def tests_table(tests: pd.DataFrame) -> tables.Table:
    return tables.table(tests.sort_values("test_no"),
                        columns=["test_no", "date_utc", "yield_kt", "yield_kt_uncertainty",
                                 "magnitude_reported", "yield_reported", "un_response",
                                 "source_ids", "note"],
                        caption="North Korea's six nuclear tests: one study's seismic yield "
                                "estimates beside the figures reported in the press.")


def ties_table(ties: pd.DataFrame) -> tables.Table:
    return tables.table(ties.sort_values(["target", "start_date"], key=lambda s: s.map(
        {c: i for i, c in enumerate(data.vocabulary(TIES, "target"))}) if s.name == "target" else s),
        columns=["target", "start_date", "end_date", "primary_sender", "issues", "other_issue",
                 "final_outcome", "source_ids"],
        caption="Sanction episodes against the three targets in the TIES dataset (cases begun "
                "1945–2005), with the outcome TIES codes.")


def ties_outcomes(ties: pd.DataFrame) -> pd.DataFrame:
    """Episodes per target and outcome (a crosstab; 'not coded' counted too)."""
    counts = pd.crosstab(ties["final_outcome"], ties["target"])
    order = [t for t in data.vocabulary(TIES, "target") if t in counts.columns]
    return counts[order]


# How a TIES episode ended, grouped, and whether sanctions were imposed or only threatened.
TARGET_GAVE = "Target gave in or settled"
SENDER_GAVE = "Sender gave up"
STALEMATE = "Stalemate"
NOT_CODED = "No coded outcome"
IMPOSED = "Sanctions imposed"
THREAT_ONLY = "Threatened only"


def ties_ending(outcome, code) -> str:
    """One TIES outcome (its label and code) in four groups: the target gave in wholly or partly
    or settled; the sender gave up; stalemate; or no coded outcome (mostly ongoing cases)."""
    if pd.isna(code):
        return NOT_CODED
    text = str(outcome).lower()
    if "acquiescence" in text or "settlement" in text:
        return TARGET_GAVE
    if "capitulation by sender" in text:
        return SENDER_GAVE
    if "stalemate" in text:
        return STALEMATE
    raise ValueError(f"unknown TIES outcome {outcome!r} (code {code})")


def ties_episode(row) -> str:
    """One TIES episode in words: 'United Kingdom against Iran, 1987–1988'; an episode with no
    end date says when TIES last saw it running ('from 2001, still running in 2007')."""
    start = pd.Timestamp(row["start_date"]).year
    end = str(row["end_date"])[:4] if isinstance(row["end_date"], str) and row["end_date"] else ""
    if end:
        years = str(start) if int(end) == start else f"{start}–{end}"
    elif pd.notna(row.get("ongoing_as_of")):
        years = f"from {start}, still running in {pd.Timestamp(row['ongoing_as_of']).year}"
    else:
        years = f"from {start}"
    return f"{row['primary_sender']} against {row['target']}, {years}"


def ties_stages(ties: pd.DataFrame) -> pd.DataFrame:
    """Episodes by stage (TIES's `imposition` flag: sanctions imposed, or only threatened) and by
    how they ended (`ties_ending`); every episode counted once, empty groups kept as 0."""
    check_frame(ties, TIES, ["imposition", "final_outcome_code", "final_outcome"])
    stage = ties["imposition"].map({True: IMPOSED, False: THREAT_ONLY}).rename("Episode")
    ending = pd.Series([ties_ending(o, c) for o, c in zip(ties["final_outcome"],
                                                           ties["final_outcome_code"], strict=True)],
                       index=ties.index, name="How it ended (TIES)")
    counts = pd.crosstab(stage, ending)
    return counts.reindex(index=[IMPOSED, THREAT_ONLY],
                          columns=[TARGET_GAVE, SENDER_GAVE, STALEMATE, NOT_CODED], fill_value=0)


class ComparisonTable(tables.Fragment):
    """The cases across, the aspects down: each cell its finding and its sources."""


def comparison_table(compared: pd.DataFrame) -> ComparisonTable:
    """One table across the three cases; every cell carries links to its sources."""
    check_frame(compared, COMPARED, ["case", "aspect", "summary", "source_ids", "note"])
    order = [c for c in data.vocabulary(COMPARED, "case") if c in set(compared["case"])]
    aspects = data.labels(COMPARED, "aspect")
    cells = compared.set_index(["aspect", "case"])
    caption = "Iran, Cuba and North Korea compared; each cell with its sources."
    source = data.source_line(COMPARED, compared)
    head = '<th scope="col">Aspect</th>' + "".join(f'<th scope="col">{html.escape(c)}</th>' for c in order)
    rows, lines = [], []
    for aspect, label in aspects.items():
        tds = []
        for case in order:
            if (aspect, case) not in cells.index:
                tds.append("<td>—</td>")
                continue
            rec = cells.loc[(aspect, case)]
            note = f' <span class="sg-note">({html.escape(rec["note"])})</span>' if isinstance(
                rec["note"], str) and rec["note"].strip() else ""
            tds.append(f"<td>{html.escape(rec['summary'])}{note}<br/><small>Sources: "
                       f"{tables.source_links(rec['source_ids'])}</small></td>")
            lines.append(f"{label} | {case}: {rec['summary']} [{rec['source_ids']}]")
        if any(td != "<td>—</td>" for td in tds):
            rows.append(f'<tr><th scope="row">{html.escape(label)}</th>{"".join(tds)}</tr>')
    body = (f'<div class="sg-table-wrap" tabindex="0" role="region" aria-label="{html.escape(caption)}">'
            f'<table class="sg-table sg-compare"><caption>{html.escape(caption)} '
            f'<span class="sg-source">{tables.source_html(source)}</span></caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
    return ComparisonTable(body, "\n".join([caption, *lines, source]))


# --- Drawing the key indicators (shared by the full charts and the case explorer) --------------

def _year_mid(year: int) -> pd.Timestamp:
    return pd.Timestamp(int(year), 7, 1)


def _draw_exports(ax, exports: pd.DataFrame, *, compact: bool = False) -> list:
    """EIA's annual line, then each estimate as a marker at the middle of its period (with a bar
    over the period), styled by the type of estimate; 'below'/'above' get an arrow."""
    styles = _looks(EXPORTS, "estimate_type", _ESTIMATE_LOOK)
    labels = data.labels(EXPORTS, "estimate_type")
    handles = []
    official = exports[exports["estimate_type"] == "official statistics"].sort_values("period_start")
    if len(official):
        mids = official["period_start"] + (official["period_end"] - official["period_start"]) / 2
        (line,) = ax.plot(mids, official["exports_kbd"].astype(float),
                          color=styles["official statistics"]["color"],
                          marker=".", markersize=3 if compact else 4, linewidth=1.2,
                          label=labels["official statistics"])
        handles.append(line)
    for kind in data.vocabulary(EXPORTS, "estimate_type"):
        if kind == "official statistics":
            continue
        rows = exports[exports["estimate_type"] == kind]
        if not len(rows):
            continue
        mids = rows["period_start"] + (rows["period_end"] - rows["period_start"]) / 2
        values = rows["exports_kbd"].astype(float)
        ax.hlines(values, rows["period_start"], rows["period_end"], color=styles[kind]["color"],
                  linewidth=2, alpha=0.6)
        handles.append(ax.scatter(mids, values, s=16 if compact else 28, zorder=3, label=labels[kind],
                                  edgecolor="white", linewidth=0.4, **styles[kind]))
        for mid, value, qualifier in zip(mids, values, rows["value_qualifier"], strict=True):
            if qualifier in ("below", "above"):
                step = -170 if qualifier == "below" else 170
                ax.annotate("", xy=(mid, value + step), xytext=(mid, value),
                            arrowprops={"arrowstyle": "->", "color": "#333333", "linewidth": 0.8})
    ax.set_ylim(0, max(3000.0, float(exports["exports_kbd"].max()) * 1.1) if len(exports) else 3000)
    return handles


def _draw_votes(ax, tallies: pd.DataFrame, *, compact: bool = False, by_year: bool = False) -> list:
    """Stacked bars per year: in favour, against, abstained (the preferred tally)."""
    colours = vote_colours()
    labels = data.labels(VOTES, "vote")
    held = tallies[tallies["yes"].notna()].sort_values("year")
    xs = held["year"].astype(int).tolist() if by_year else [_year_mid(y) for y in held["year"]]
    width = 0.8 if by_year else 300
    bottom = [0.0] * len(held)
    handles = []
    for vote, column in (("yes", "yes"), ("no", "no"), ("abstain", "abstain")):
        values = held[column].astype(float).tolist()
        handles.append(ax.bar(xs, values, width=width, bottom=bottom, color=colours[vote],
                              label=labels[vote], hatch=_ABSTAIN_HATCH if vote == "abstain" else None,
                              edgecolor="white" if vote != "abstain" else "#8a5a00", linewidth=0.3))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    for year in [] if compact else tallies.loc[tallies["yes"].isna(), "year"]:
        x = int(year) if by_year else _year_mid(year)
        ax.text(x, 8, "no vote", rotation=90, ha="center", va="bottom", fontsize=6 if compact else 7,
                color="#444444")
    ax.set_ylim(0, 200)
    return handles


def _draw_tests(ax, tests: pd.DataFrame, *, compact: bool = False) -> list:
    """Yield (log scale) with the published uncertainty as error bars, each test numbered."""
    rows = tests.sort_values("test_no")
    yields = rows["yield_kt"].astype(float)
    err = rows["yield_kt_uncertainty"].astype(float).fillna(0.0)
    lower = [min(e, y * 0.9) for y, e in zip(yields, err, strict=True)]  # a log axis has no zero
    colour = charts.OKABE_ITO["blue"]
    ax.errorbar(rows["date_utc"], yields, yerr=[lower, err.tolist()], fmt="o", color=colour,
                ecolor="#555555", elinewidth=0.8, capsize=2, markersize=4 if compact else 6)
    ax.set_yscale("log")
    ax.set_ylim(0.2, 400)
    dates, heights = rows["date_utc"].tolist(), yields.tolist()
    for i, rec in enumerate(rows.itertuples(index=False)):
        # A label would run into the next test when that one follows within a year at about the
        # same height (within a factor of 3): it goes to the left of its dot instead, and (in the
        # full chart) above it, clear of the label of the test before.
        crowded = (i + 1 < len(dates) and (dates[i + 1] - rec.date_utc).days < 365
                   and max(heights[i], heights[i + 1]) < 3 * min(heights[i], heights[i + 1]))
        text = f"{rec.test_no}" if compact else (f"Test {rec.test_no}: {float(rec.yield_kt):g} kt"
                                                  f"\n→ UNSCR {rec.un_response}")
        down = (7 if crowded else -4) if compact else (8 if crowded else -24)
        ax.annotate(text, (rec.date_utc, float(rec.yield_kt)),
                    xytext=(-6 if crowded else 6, down), textcoords="offset points",
                    ha="right" if crowded else "left", fontsize=6.5 if compact else 7.5)
    ticks = [t for t in (0.5, 1, 2, 5, 10, 20, 50, 100, 200) if 0.2 <= t <= 400]
    ax.set_yticks(ticks, [f"{t:g}" for t in ticks])
    ax.minorticks_off()
    return []


def _tests_alt(tests: pd.DataFrame) -> str:
    rows = tests.sort_values("test_no")
    return "; ".join(
        f"test {r.test_no} on {long_date(r.date_utc)}: {float(r.yield_kt):g} kt"
        + (f" ± {float(r.yield_kt_uncertainty):g}" if pd.notna(r.yield_kt_uncertainty) else "")
        + f", answered by resolution {r.un_response}" for r in rows.itertuples(index=False))


def exports_chart(exports: pd.DataFrame, marks: pd.DataFrame | None = None) -> charts.Chart:
    """Iran's crude exports: the EIA line to 2016, then estimates by type. `marks` (rows of
    sanctions_events) are drawn as labelled dashed lines."""
    check_frame(exports, EXPORTS, EXPORT_COLUMNS)
    with charts.style():
        fig, ax = plt.subplots(figsize=(7.2, 4.6))
        fig.subplots_adjust(left=0.1, right=0.98, top=0.9, bottom=0.27)
        handles = _draw_exports(ax, exports)
        text = ""
        if marks is not None and len(marks):
            check_frame(marks, EVENTS, EVENT_COLUMNS)
            marks = marks.sort_values("date")
            for rec in marks.itertuples(index=False):
                ax.axvline(rec.date, color="#999999", linewidth=0.7, linestyle="--", zorder=0)
                ax.text(rec.date - pd.Timedelta(days=60), 2950, rec.short_label, rotation=90,
                        ha="right", va="top", fontsize=6.5, color="#333333")
            text = (" Dashed lines mark " + ", ".join(
                f"{r.short_label} ({r.date:%b %Y})" for r in marks.itertuples(index=False)) + ".")
        ax.set_ylim(0, 3000)
        ax.set_xlim(pd.Timestamp("1979-01-01"), pd.Timestamp("2027-01-01"))
        ax.xaxis.set_major_locator(mdates.YearLocator(5))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, title="Type of figure",
                   title_fontsize=8)
        official = exports[exports["estimate_type"] == "official statistics"]
        others = exports[exports["estimate_type"] != "official statistics"]
        counts = others["estimate_type"].value_counts()
        lab = data.labels(EXPORTS, "estimate_type")
        mix = ", ".join(f"{counts[k]} {lab[k]}" for k in data.vocabulary(EXPORTS, "estimate_type")
                        if k in counts)
        alt = (f"Line and point chart of Iran's crude oil exports in thousand barrels a day. "
               f"The EIA annual series runs from {official['period_start'].min():%Y} to "
               f"{official['period_start'].max():%Y}, from {official['exports_kbd'].min():,.0f} to "
               f"{official['exports_kbd'].max():,.0f} kb/d. After it, {len(others)} separate estimates "
               f"({mix}) from {others['period_label'].iloc[0]} ({others['exports_kbd'].iloc[0]:,.0f}) "
               f"to {others['period_label'].iloc[-1]} ({others['exports_kbd'].iloc[-1]:,.0f}), lowest "
               f"{others['exports_kbd'].min():,.0f} kb/d in "
               f"{others.loc[others['exports_kbd'].idxmin(), 'period_label']}.{text}")
        return charts.finish(fig, ax, title="Iran's crude oil exports, 1980–2026: statistics, then estimates",
                             xlabel="Year", ylabel="Exports (thousand barrels/day)", alt=alt,
                             source=data.source_line(EXPORTS, exports), tight=False)


def votes_chart(tallies: pd.DataFrame) -> charts.Chart:
    """The UN General Assembly vote on the Cuba embargo, every year: stacked yes/no/abstain."""
    check_frame(tallies, TALLIES, TALLY_COLUMNS)
    differs = set(tally_differences(tallies)["year"].astype(int))
    with charts.style():
        fig, ax = plt.subplots(figsize=(7.2, 4.0))
        fig.subplots_adjust(left=0.1, right=0.98, top=0.9, bottom=0.24)
        handles = _draw_votes(ax, tallies, by_year=True)
        held = tallies[tallies["yes"].notna()]
        for rec in held.itertuples(index=False):
            if int(rec.year) in differs:
                ax.text(int(rec.year), float(rec.yes + rec.no + rec.abstain) + 2, "*", ha="center",
                        fontsize=9)
        years = tallies["year"].astype(int)
        ax.set_xlim(years.min() - 0.7, years.max() + 0.7)
        ticks = [y for y in years if y % 4 == 0 and years.max() - y > 2]
        ax.set_xticks(sorted({years.min(), *ticks, years.max()}))
        # The legend stands above the footnote, which runs under its first entry.
        fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, bbox_to_anchor=(0.5, 0.04))
        fig.text(0.01, 0.01, "* the roll-call file's count differs from the tally shown", fontsize=7)
        first, last = held.iloc[0], held.iloc[-1]
        alt = (f"Stacked bar chart of the yearly UN General Assembly vote on ending the US embargo "
               f"against Cuba, {years.min()}–{years.max()}. {int(first.year)}: {int(first.yes)} in favour, "
               f"{int(first.no)} against, {int(first.abstain)} abstentions; the yes vote then rises above "
               f"180 from {int(held.loc[held['yes'] > 180, 'year'].min())}; no vote in "
               f"{', '.join(str(int(y)) for y in tallies.loc[tallies['yes'].isna(), 'year'])}; "
               f"{int(last.year)}: {int(last.yes)}–{int(last.no)}–{int(last.abstain)}. Years marked * "
               f"({', '.join(str(y) for y in sorted(differs))}) have a different count in the "
               "roll-call file.")
        return charts.finish(fig, ax, title="The UN vote on ending the US embargo against Cuba, 1992–2025",
                             xlabel="Year of the vote", ylabel="States (count)", alt=alt,
                             source=data.source_line(TALLIES, tallies), tight=False)


def tests_chart(tests: pd.DataFrame) -> charts.Chart:
    """North Korea's six tests: seismic yield estimates on a log scale, with uncertainty."""
    check_frame(tests, TESTS, TEST_COLUMNS)
    with charts.style():
        fig, ax = plt.subplots(figsize=(7.2, 4.0))
        fig.subplots_adjust(left=0.1, right=0.9, top=0.9, bottom=0.13)
        _draw_tests(ax, tests)
        ax.set_xlim(pd.Timestamp("2005-06-01"), pd.Timestamp("2019-01-01"))
        ax.xaxis.set_major_locator(mdates.YearLocator(2))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        alt = ("Dot chart of the estimated yields of North Korea's six nuclear tests on a logarithmic "
               "scale, with error bars: " + _tests_alt(tests) + ".")
        return charts.finish(fig, ax, title="North Korea's nuclear tests: estimated yield (log scale)",
                             xlabel="Date of the test (UTC)", ylabel="Yield (kilotons of TNT, log scale)",
                             alt=alt, source=data.source_line(TESTS, tests), tight=False)


# --- The case explorer -------------------------------------------------------------------------

_INDICATOR = {"Iran": ("Crude exports (thousand b/d)", "crude exports"),
              "Cuba": ("UN vote on the embargo (states)", "the UN vote on the embargo"),
              "North Korea": ("Nuclear test yield (kt, log scale)", "nuclear tests")}
_SPAN = {"Iran": ("1978-01-01", "2027-06-01"), "Cuba": ("1959-01-01", "2027-06-01"),
         "North Korea": ("2005-01-01", "2025-06-01")}


def _draw_indicator(ax, case, exports, tallies, tests, compact):
    if case == "Iran":
        return _draw_exports(ax, exports, compact=compact)
    if case == "Cuba":
        return _draw_votes(ax, tallies, compact=compact)
    return _draw_tests(ax, tests, compact=compact)


def _indicator_alt(case, exports, tallies, tests) -> str:
    if case == "Iran":
        official = exports[exports["estimate_type"] == "official statistics"]
        others = exports[exports["estimate_type"] != "official statistics"]
        return (f"Iran's crude exports: EIA figures {official['period_start'].min():%Y}–"
                f"{official['period_start'].max():%Y}, then {len(others)} estimates from "
                f"{others['exports_kbd'].min():,.0f} to {others['exports_kbd'].max():,.0f} kb/d")
    if case == "Cuba":
        held = tallies[tallies["yes"].notna()].sort_values("year")
        return (f"UN votes on the Cuba embargo: {int(held.iloc[0].yes)} in favour in "
                f"{int(held.iloc[0].year)}, {int(held['yes'].max())} at most, {int(held.iloc[-1].yes)} in "
                f"{int(held.iloc[-1].year)}")
    return "North Korea's nuclear tests: " + _tests_alt(tests)


def _tick_label(rec) -> str:
    prefix = "c. " if rec.date_precision == "approximate" else ""
    return f"{prefix}{rec.date:%b %Y} · {rec.short_label}"


def _one_case_chart(case, rows, exports, tallies, tests, source) -> charts.Chart:
    looks = direction_looks()
    labels = data.labels(EVENTS, "direction")
    n = len(rows)
    top_h, bottom_h = 0.22 * max(n, 4) + 0.3, 2.1
    width, height = 7.2, top_h + bottom_h + 2.0
    start, end = (pd.Timestamp(v) for v in _SPAN[case])
    with charts.style():
        fig, (ax, low) = plt.subplots(2, 1, figsize=(width, height), sharex=True,
                                      gridspec_kw={"height_ratios": [top_h, bottom_h]})
        fig.subplots_adjust(left=0.4, right=0.98, top=1 - 0.75 / height, bottom=1.0 / height,
                            hspace=0.45 / ((top_h + bottom_h) / 2))
        ys = list(range(n))[::-1]
        for y, rec in zip(ys, rows.itertuples(index=False), strict=True):
            ax.hlines(y, start, rec.date, color="#e3e3e3", linewidth=0.5, zorder=0)
            if pd.notna(rec.end_date):
                ax.plot([rec.date, rec.end_date], [y, y], color=looks[rec.direction]["color"],
                        linewidth=4, alpha=0.45, solid_capstyle="butt")
        for direction, look in looks.items():
            sel = [(y, r.date) for y, r in zip(ys, rows.itertuples(index=False), strict=True)
                   if r.direction == direction]
            if sel:
                ax.scatter([d for _, d in sel], [y for y, _ in sel], s=30, zorder=3,
                           label=labels[direction], **look)
        ax.set_yticks(ys, [_tick_label(r) for r in rows.itertuples(index=False)], fontsize=7.5)
        ax.set_ylim(-0.7, n - 0.3)
        ax.grid(axis="y", visible=False)
        ax.set_title("Steps that tightened or relaxed sanctions", fontsize=9, loc="left")
        handles = _draw_indicator(low, case, exports, tallies, tests, case == "North Korea")
        label, _ = _INDICATOR[case]
        low.set_ylabel(label, fontsize=8)
        low.set_title("Key indicator", fontsize=9, loc="left")
        low.set_xlim(start, end)
        # Cuba's timeline spans 68 years: a label every 5 would run together.
        low.xaxis.set_major_locator(mdates.YearLocator({"Cuba": 10, "North Korea": 2}.get(case, 5)))
        low.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        legend = ax.get_legend_handles_labels()[0] + list(handles)
        fig.legend(handles=legend, loc="lower center", ncol=3, fontsize=7.5, bbox_to_anchor=(0.5, 0.0))
        counts = rows["direction"].value_counts()
        mix = ", ".join(f"{counts[d]} {labels[d].lower()}" for d in looks if d in counts)
        alt = (f"Two-panel chart for {case}. Top: timeline of {plural(n, 'sanctions step')} ({mix}) "
               f"from {long_date(rows['date'].min())} to {long_date(rows['date'].max())}, one row each, "
               f"ordered by date; bars show periods such as waivers and licences. Bottom: "
               f"{_indicator_alt(case, exports, tallies, tests)}.")
        title = f"{case}: sanctions pressed and relaxed, and {_INDICATOR[case][1]}"
        return charts.finish(fig, low, title=title, xlabel="Year", ylabel=label, alt=alt,
                             source=source, tight=False)


def _all_cases_chart(events, exports, tallies, tests, source) -> charts.Chart:
    looks = direction_looks()
    dir_labels = data.labels(EVENTS, "direction")
    layers = data.vocabulary(EVENTS, "layer")
    layer_labels = data.labels(EVENTS, "layer")
    order = cases()
    width, height = 7.2, 5.0
    with charts.style():
        fig, axes = plt.subplots(2, len(order), figsize=(width, height),
                                 gridspec_kw={"height_ratios": [1.1, 1]})
        fig.subplots_adjust(left=0.22, right=0.99, top=0.9, bottom=0.17, wspace=0.12, hspace=0.38)
        for col, case in enumerate(order):
            top, low = axes[0][col], axes[1][col]
            rows = events[events["case"] == case]
            ys = {layer: len(layers) - 1 - i for i, layer in enumerate(layers)}
            for direction, look in looks.items():
                sel = rows[rows["direction"] == direction]
                if len(sel):
                    top.scatter(sel["date"], sel["layer"].map(ys), s=18, zorder=3, alpha=0.85,
                                label=dir_labels[direction], **look)
            top.set_yticks(list(ys.values()), [layer_labels[v] for v in ys] if col == 0 else [],
                           fontsize=7)
            top.set_ylim(-0.6, len(layers) - 0.4)
            top.grid(axis="y", visible=False)
            top.set_title(case, fontsize=10, fontweight="bold")
            _draw_indicator(low, case, exports, tallies, tests, True)
            low.set_title(_INDICATOR[case][0], fontsize=7.5)
            for ax in (top, low):
                start, end = (pd.Timestamp(v) for v in _SPAN[case])
                ax.set_xlim(start, end)
                ax.xaxis.set_major_locator(mdates.YearLocator(20 if case == "Cuba" else (
                    15 if case == "Iran" else 6)))
                ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
                ax.tick_params(axis="x", labelsize=7)
            low.tick_params(axis="y", labelsize=6.5)
        handles = axes[0][0].get_legend_handles_labels()[0]
        fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, title="Step",
                   title_fontsize=8)
        parts = []
        for case in order:
            rows = events[events["case"] == case]
            counts = rows["direction"].value_counts()
            mix = ", ".join(f"{counts[d]} {dir_labels[d].lower()}" for d in looks if d in counts)
            parts.append(f"{case}: {plural(len(rows), 'step')} ({mix}) from {rows['date'].min():%Y} to "
                         f"{rows['date'].max():%Y}; {_indicator_alt(case, exports, tallies, tests)}")
        counts = events["direction"].value_counts()
        total = ", ".join(f"{counts[d]} {dir_labels[d].lower()}" for d in looks if d in counts)
        alt = (f"Three columns, one per case, {plural(len(events), 'step')} in all ({total}). "
               "Top row: sanctions steps over time by who acted (United "
               "Nations, United States, EU or E3, Japan or South Korea, others), marked as tightened, "
               "relaxed or other. Bottom row: each case's key indicator. " + ". ".join(parts) + ".")
        return _finish_all(fig, axes, alt, source)


def _finish_all(fig, axes, alt, source) -> charts.Chart:
    """finish() labels one axis; the grid's own labels are set here."""
    axes[0][0].set_ylabel("Who acted", fontsize=8)
    return charts.finish(fig, axes[1][0],
                         title="Three cases side by side: sanctions steps and key indicators",
                         xlabel="Year", ylabel="Indicator (see panel title)", alt=alt, source=source,
                         tight=False)


def case_view(events: pd.DataFrame, exports: pd.DataFrame, tallies: pd.DataFrame,
              tests: pd.DataFrame, case: str | None = None) -> View:
    """The case explorer: one case's timeline above its key indicator, with its events table;
    `case=None` shows all three side by side."""
    check_frame(events, EVENTS, EVENT_COLUMNS)
    check_frame(exports, EXPORTS, EXPORT_COLUMNS)
    check_frame(tallies, TALLIES, TALLY_COLUMNS)
    check_frame(tests, TESTS, TEST_COLUMNS)
    case = _check_case(case)
    rows = _sorted_events(events if case is None else events[events["case"] == case])
    source = data.source_line(EVENTS, rows)
    table = events_table(events, case)
    if case is None:
        chart = _all_cases_chart(events, exports, tallies, tests, source)
    else:
        chart = _one_case_chart(case, rows, exports, tallies, tests, source)
    counts = rows["direction"].value_counts()
    labels = data.labels(EVENTS, "direction")
    mix = ", ".join(f"{counts[d]} {labels[d].lower()}" for d in data.vocabulary(EVENTS, "direction")
                    if d in counts)
    summary = f"{case or 'All three cases'}: {plural(len(rows), 'step')} ({mix})"
    return View(table, chart, rows, summary)


def case_explorer(events, exports, tallies, tests) -> Explorer:
    """Pick a case, or all three (the default). The four views are computed once, here: each
    draws a multi-panel matplotlib chart, too slow to redraw on every choice in Jupyter."""
    views = {c: case_view(events, exports, tallies, tests, c) for c in (None, *cases())}

    def view(case=None):
        key = _check_case(case)
        return views[key]

    return Explorer("sanctions-cases", "Pick a case",
                    view, [Control("case", "Case", ((None, "All three, side by side"),
                                                    *((c, c) for c in cases())))])


# --- The Cuba vote explorer --------------------------------------------------------------------

NOT_IN_FILE = "not in the roll-call file"
ABSENT = "absent or not a member"
NO_VOTE = "no vote held"


def countries(votes: pd.DataFrame) -> list[str]:
    """Every state in the roll-call file, alphabetically."""
    check_frame(votes, VOTES, VOTE_COLUMNS)
    return sorted(set(votes["country"]), key=str.casefold)


def _named(cell) -> set[str]:
    return {n.strip() for n in str(cell).split(";") if n.strip()} if isinstance(cell, str) else set()


def country_votes(votes: pd.DataFrame, tallies: pd.DataFrame, country: str) -> pd.DataFrame:
    """One row per year 1992–2025: the country's vote and where it comes from, and the tally.

    `vote` is yes/no/abstain from the roll-call file; for years the file lacks (2018, 2021–2025)
    a state named against or abstaining in the cited news reports gets that vote (`origin` says
    so); otherwise the vote is unknown. `shown` is the label readers see.
    """
    check_frame(votes, VOTES, VOTE_COLUMNS)
    check_frame(tallies, TALLIES, TALLY_COLUMNS)
    check_one("country", country, countries(votes))
    labels = data.labels(VOTES, "vote")
    mine = votes[votes["country"] == country].set_index("year")["vote"]
    file_years = set(votes["year"].astype(int))
    out = []
    for rec in tallies.sort_values("year").itertuples(index=False):
        year = int(rec.year)
        if rec.tally_basis == "no vote":
            vote, origin, shown = None, "", NO_VOTE
        elif year in file_years:
            vote = mine.get(year)
            origin = "roll-call file"
            shown = labels[vote] if isinstance(vote, str) else ABSENT
        elif country in _named(rec.countries_no):
            vote, origin, shown = "no", "news reports", labels["no"] + " (news reports)"
        elif country in _named(rec.countries_abstain):
            vote, origin, shown = "abstain", "news reports", labels["abstain"] + " (news reports)"
        else:
            vote, origin = None, ""
            shown = f"{NOT_IN_FILE} (in favour or absent)"
        out.append({"year": year, "vote": vote, "origin": origin, "shown": shown,
                    "yes": rec.yes, "no": rec.no, "abstain": rec.abstain,
                    "tally_basis": rec.tally_basis, "source_ids": rec.source_ids})
    return pd.DataFrame(out)


def _svg_text(x, y, text, size=9, anchor="middle", extra="") -> str:
    return (f'<text x="{x:g}" y="{y:g}" font-size="{size}" text-anchor="{anchor}"{extra}>'
            f"{html.escape(str(text))}</text>")


def votes_strip_svg(frame: pd.DataFrame) -> str:
    """A compact SVG: the yearly tallies (grey bars, in favour) above one state's votes."""
    colours = vote_colours()
    n = len(frame)
    cell, left, top = 19, 58, 14
    width = left + n * cell + 6
    bars_h, strip_y = 60, top + 60 + 8
    height = strip_y + cell + 44 + 34
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif">',
           '<defs><pattern id="h" width="4" height="4" patternUnits="userSpaceOnUse" '
           'patternTransform="rotate(45)"><rect width="4" height="4" fill="#f6c766"/>'
           '<line x1="0" y1="0" x2="0" y2="4" stroke="#8a5a00" stroke-width="1.2"/></pattern></defs>',
           _svg_text(4, top + 10, "In favour", 9, "start"), _svg_text(4, top + 21, "(tally)", 8, "start"),
           _svg_text(4, strip_y + 13, "Its vote", 9, "start")]
    scale = bars_h / 200
    for i, rec in enumerate(frame.itertuples(index=False)):
        x = left + i * cell
        if pd.notna(rec.yes):
            h = float(rec.yes) * scale
            out.append(f'<rect x="{x + 3}" y="{top + bars_h - h:.1f}" width="{cell - 6}" height="{h:.1f}" '
                       f'fill="#9a9a9a"/>')
        if rec.vote in colours:
            fill = "url(#h)" if rec.vote == "abstain" else colours[rec.vote]
            dash = ' stroke-dasharray="2 2"' if rec.origin == "news reports" else ""
            out.append(f'<rect x="{x + 1}" y="{strip_y}" width="{cell - 2}" height="{cell - 2}" '
                       f'fill="{fill}" stroke="#222" stroke-width="0.8"{dash}/>')
            out.append(_svg_text(x + cell / 2, strip_y + 13, _VOTE_LETTER.get(rec.vote, "?"), 10,
                                 extra=' font-weight="bold" fill="#111"'))
        else:
            mark = "–" if rec.shown == NO_VOTE else ("·" if rec.shown == ABSENT else "?")
            out.append(f'<rect x="{x + 1}" y="{strip_y}" width="{cell - 2}" height="{cell - 2}" '
                       f'fill="#f2f2f2" stroke="#bbb" stroke-width="0.6"/>')
            out.append(_svg_text(x + cell / 2, strip_y + 13, mark, 10, extra=' fill="#555"'))
        out.append(_svg_text(x + cell / 2 + 3, strip_y + cell + 4, rec.year, 8, "end",
                             extra=f' transform="rotate(-90 {x + cell / 2 + 3:g} {strip_y + cell + 4:g})"'))
    out.append(f'<line x1="{left}" y1="{top + bars_h}" x2="{left + n * cell}" y2="{top + bars_h}" '
               'stroke="#666"/>')
    legend_y = height - 10
    labels = data.labels(VOTES, "vote")
    x = 4
    for key, text in (("yes", f"Y {labels['yes']}"), ("no", f"N {labels['no']}"),
                      ("abstain", f"A {labels['abstain']}"), ("", f"· {ABSENT}"),
                      ("", f"? {NOT_IN_FILE}"), ("", "– no vote (2020)")):
        fill = "url(#h)" if key == "abstain" else colours.get(key, "#f2f2f2")
        out.append(f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{fill}" stroke="#444" '
                   'stroke-width="0.5"/>')
        out.append(_svg_text(x + 13, legend_y, text, 8, "start"))
        x += 13 + 5.0 * len(text) + 10
    out.append("</svg>")
    return "".join(out)


def country_view(votes: pd.DataFrame, tallies: pd.DataFrame, country: str = "United States") -> View:
    """The Cuba vote explorer: one state's vote every year beside the yearly tallies."""
    frame = country_votes(votes, tallies, country)
    labels = data.labels(VOTES, "vote")
    recorded = frame[frame["origin"] == "roll-call file"]
    counts = recorded["vote"].value_counts()
    n_file = len(recorded)
    parts = [f"{labels[v].lower()} {int(counts[v])}" for v in data.vocabulary(VOTES, "vote") if v in counts]
    n_absent = int(recorded["vote"].isna().sum())
    if n_absent:
        parts.append(f"{ABSENT} {n_absent}")
    news = frame[frame["origin"] == "news reports"]
    tail = "".join(
        f"; news reports list it as {labels[v].lower()} in "
        + ", ".join(str(y) for y in news.loc[news["vote"] == v, "year"])
        for v in data.vocabulary(VOTES, "vote") if (news["vote"] == v).any())
    file_years = recorded["year"]
    summary = (f"{country}: of the {n_file} votes in the roll-call file ({file_years.min()}–"
               f"{file_years.max() - 2} and {file_years.max()}), " + ", ".join(parts) + tail)
    svg = votes_strip_svg(frame).encode("utf-8")
    alt = (f"Strip of {country}'s vote on the Cuba embargo resolution for each year from "
           f"{frame['year'].min()} to {frame['year'].max()}, under grey bars of the yes count: "
           + "; ".join(f"{r.year} {r.shown}" for r in frame.itertuples()) + ".")
    source = (f"Votes: data/{VOTES}.csv (roll-call file, 1992–2017 and 2019); tallies: "
              + data.source_line(TALLIES, tallies))
    chart = charts.Chart(svg=svg, title=f"How {country} voted on ending the embargo, year by year",
                         alt=alt, source=source, width=int(svg.split(b'width="')[1].split(b'"')[0]),
                         height=int(svg.split(b'height="')[1].split(b'"')[0]))
    shown = frame.rename(columns={"shown": country})
    table = tables.table(shown, columns=["year", country, "yes", "no", "abstain", "tally_basis"],
                         labels={"year": "Year", "yes": "In favour (tally)", "no": "Against (tally)",
                                 "abstain": "Abstentions (tally)", "tally_basis": "Tally from"},
                         caption=f"{summary}.", source=source)
    return View(table, chart, frame, summary)


def vote_explorer(votes: pd.DataFrame, tallies: pd.DataFrame, default: str = "United States") -> Explorer:
    """Pick any state in the roll-call file: its vote every year, beside the tallies."""
    return Explorer("cuba-votes", "How did a country vote on the Cuba embargo resolution?",
                    partial(country_view, votes, tallies),
                    [Control("country", "Country", tuple((c, c) for c in countries(votes)), default)])


def as_of() -> str:
    """The date the chapter's timeline is current to (the schema's asOf)."""
    return data.resource(EVENTS)["asOf"]
