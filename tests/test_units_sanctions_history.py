"""studyguide.sanctions_history (chapter 5): tables, charts, the case and Cuba vote explorers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from chartcheck import (
    assert_layout,
    bars,
    capture,
    close,
    colour,
    legend_labels,
    legend_title,
    lines,
    points,
    texts,
)
from helpers import HOSTILE, JAPANESE, tags_of, text_of
from matplotlib.collections import LineCollection

from studyguide import data
from studyguide import sanctions_history as sh

NAMES = ("sanctions_events", "iran_crude_exports", "cuba_un_vote_tallies", "dprk_nuclear_tests",
         "cuba_un_votes_by_country", "sanctions_cases_compared", "sanctions_ties_cases",
         "unsc_dprk_resolutions")


@pytest.fixture(scope="module")
def ch5():
    return {n: data.load(n) for n in NAMES}


def _case_args(ch5):
    return (ch5["sanctions_events"], ch5["iran_crude_exports"], ch5["cuba_un_vote_tallies"],
            ch5["dprk_nuclear_tests"])


# A literal roll-call file and tallies: three years, one of them missing from the file.
VOTES = pd.DataFrame({"year": [1992, 1992, 1993], "country": ["Japan", "Cuba", "Cuba"],
                      "vote": ["abstain", "yes", "yes"]})
TALLIES = pd.DataFrame({
    "year": [1992, 1993, 2018, 2020], "yes": [59, 88, 189, None], "no": [3, 4, 2, None],
    "abstain": [71, 57, 0, None],
    "tally_basis": ["wire or newspaper report", "state media report", "wire or newspaper report",
                    "no vote"],
    "file_yes": [58, 87, None, None], "file_no": [3, 4, None, None], "file_abstain": [71, 57, None, None],
    "countries_no": ["", "", "Japan", ""], "countries_abstain": ["", "", "", ""],
    "source_ids": ["unvotes-dgrtwo"] * 4})


def test_country_votes_on_a_literal_frame():
    got = sh.country_votes(VOTES, TALLIES, "Japan")
    assert list(got["year"]) == [1992, 1993, 2018, 2020]
    assert list(got["vote"].fillna("-")) == ["abstain", "-", "no", "-"]
    assert list(got["origin"]) == ["roll-call file", "roll-call file", "news reports", ""]
    assert list(got["shown"]) == ["Abstained", sh.ABSENT, "Against (news reports)", sh.NO_VOTE]
    cuba = sh.country_votes(VOTES, TALLIES, "Cuba")
    assert cuba.loc[2, "shown"].startswith(sh.NOT_IN_FILE)  # 2018, not named by the news


def test_country_view_summary_and_table_on_a_literal_frame():
    view = sh.country_view(VOTES, TALLIES, "Japan")
    assert view.summary.startswith("Japan: of the 2 votes in the roll-call file")
    assert "abstained 1" in view.summary and f"{sh.ABSENT} 1" in view.summary
    assert "news reports list it as against in 2018" in view.summary
    assert list(view.table.frame["Japan"])[0] == "Abstained"


def test_tally_differences_are_the_years_whose_counts_differ():
    got = sh.tally_differences(TALLIES)
    assert list(got["year"]) == [1992, 1993]


@pytest.mark.parametrize("bad", ["Atlantis", HOSTILE, JAPANESE, ""])
def test_country_view_refuses_unknown_countries(ch5, bad):
    with pytest.raises(ValueError, match="unknown country"):
        sh.country_view(ch5["cuba_un_votes_by_country"], ch5["cuba_un_vote_tallies"], bad)


@pytest.mark.parametrize("bad", [["Japan"], 3, None])
def test_country_view_wants_one_name(ch5, bad):
    with pytest.raises(TypeError, match="country must be one of"):
        sh.country_view(ch5["cuba_un_votes_by_country"], ch5["cuba_un_vote_tallies"], bad)


def test_views_refuse_a_table_that_is_not_a_frame(ch5):
    with pytest.raises(TypeError, match="as a pandas DataFrame"):
        sh.country_view([], ch5["cuba_un_vote_tallies"], "Japan")
    with pytest.raises(ValueError, match="lacks column"):
        sh.case_view(ch5["sanctions_events"].drop(columns="direction"), *_case_args(ch5)[1:])


@pytest.mark.parametrize("bad", ["Syria", HOSTILE, JAPANESE, ""])
def test_case_view_refuses_unknown_cases(ch5, bad):
    with pytest.raises(ValueError, match="unknown case"):
        sh.case_view(*_case_args(ch5), bad)


def test_case_view_wants_one_case_or_none(ch5):
    with pytest.raises(TypeError, match="case must be one of"):
        sh.case_view(*_case_args(ch5), ["Iran"])


@pytest.mark.parametrize("case", [None, "Iran", "Cuba", "North Korea"])
def test_case_view_matches_the_data(ch5, case):
    view, fig = capture(sh.case_view, *_case_args(ch5), case)
    assert_layout(fig)  # nothing cut off, no labels running together, on the real data
    close(fig)
    events = ch5["sanctions_events"]
    rows = events if case is None else events[events["case"] == case]
    assert sorted(view.frame["id"]) == sorted(rows["id"])
    assert view.summary.startswith(f"{case or 'All three cases'}: {len(rows)} steps")
    labels = data.labels("sanctions_events", "direction")
    for direction, n in rows["direction"].value_counts().items():
        assert f"{n} {labels[direction].lower()}" in view.summary
        assert f"{n} {labels[direction].lower()}" in view.chart.alt
    assert view.chart.source == view.table.source


def test_a_hostile_label_is_escaped_in_table_and_chart(ch5):
    events = ch5["sanctions_events"].copy()
    events.loc[events["case"] == "Cuba", "short_label"] = HOSTILE
    view = sh.case_view(events, *_case_args(ch5)[1:], "Cuba")
    page = view._repr_html_()
    assert "<script>" not in page
    assert b"<script>" not in view.chart.svg


def test_the_comparison_table_links_every_cell_and_escapes(ch5):
    compared = ch5["sanctions_cases_compared"].copy()
    compared.loc[0, "summary"] = HOSTILE + JAPANESE
    table = sh.comparison_table(compared)
    assert "<script>" not in table.html and JAPANESE in table.html
    links = [a for tag, a in tags_of(table.html) if tag == "a" and "sources.html#src-" in a.get("href", "")]
    n_ids = sum(len(data.split_ids(v)) for v in compared["source_ids"])
    assert len(links) == n_ids + 0 and n_ids > 0  # one link per cited id, in every cell
    headers = [a for a in data.labels("sanctions_cases_compared", "aspect").values()]
    text = text_of(table.html)
    assert all(h in text for h in headers)
    assert text.index(headers[0]) < text.index(headers[-1])  # the schema's order of aspects


def test_every_country_named_by_the_news_is_in_the_roll_call_file(ch5):
    known = set(ch5["cuba_un_votes_by_country"]["country"])
    for column in ("countries_no", "countries_abstain"):
        for cell in ch5["cuba_un_vote_tallies"][column]:
            assert sh._named(cell) <= known, cell


def test_the_us_votes_match_the_roll_call_file(ch5):
    votes = ch5["cuba_un_votes_by_country"]
    frame = sh.country_votes(votes, ch5["cuba_un_vote_tallies"], "United States")
    mine = votes[votes["country"] == "United States"].set_index("year")["vote"]
    for rec in frame[frame["origin"] == "roll-call file"].itertuples():
        assert rec.vote == mine.get(rec.year), rec.year
    assert len(frame) == len(ch5["cuba_un_vote_tallies"])


def test_the_vote_strip_is_well_formed_svg_with_one_cell_per_year(ch5):
    frame = sh.country_votes(ch5["cuba_un_votes_by_country"], ch5["cuba_un_vote_tallies"], "Japan")
    svg = sh.votes_strip_svg(frame)
    root = ET.fromstring(svg)  # raises if the SVG is not well-formed XML
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for year in frame["year"]:
        assert str(year) in texts
    view = sh.country_view(ch5["cuba_un_votes_by_country"], ch5["cuba_un_vote_tallies"], "Japan")
    assert view.chart.width == int(root.get("width")) and view.chart.alt.startswith("Strip of Japan")


def test_vote_explorer_offers_every_country_and_matches_the_view(ch5):
    votes, tallies = ch5["cuba_un_votes_by_country"], ch5["cuba_un_vote_tallies"]
    ex = sh.vote_explorer(votes, tallies)
    assert [v for v, _ in ex.controls[0].options] == sh.countries(votes)
    assert ex.choices(ex.defaults()) == {"country": "United States"}
    i = sh.countries(votes).index("Japan")
    html, line = ex.render([i])
    view = sh.country_view(votes, tallies, "Japan")
    assert html == view._repr_html_() and line == view.summary


def test_case_explorer_defaults_to_all_three_and_matches_the_view(ch5):
    ex = sh.case_explorer(*_case_args(ch5))
    assert ex.choices(ex.defaults()) == {"case": None}
    assert [v for v, _ in ex.controls[0].options][1:] == sh.cases()
    html, line = ex.render([2])
    assert line == sh.case_view(*_case_args(ch5), "Cuba").summary
    with pytest.raises(ValueError, match="unknown case"):
        ex.view(case="Syria")


def test_exports_chart_keeps_estimates_apart_and_names_them(ch5):
    exports = ch5["iran_crude_exports"]
    chart = sh.exports_chart(exports, ch5["sanctions_events"].query("id == 'IR10'"))
    others = exports[exports["estimate_type"] != "official statistics"]
    assert f"{len(others)} separate estimates" in chart.alt
    for kind, n in others["estimate_type"].value_counts().items():
        assert f"{n} {data.labels('iran_crude_exports', 'estimate_type')[kind]}" in chart.alt
    assert "US leaves the JCPOA (May 2018)" in chart.alt


def test_votes_chart_and_tests_chart_describe_their_data(ch5):
    tallies = ch5["cuba_un_vote_tallies"]
    chart = sh.votes_chart(tallies)
    last = tallies.sort_values("year").iloc[-1]
    assert f"{int(last.year)}: {int(last.yes)}–{int(last.no)}–{int(last.abstain)}" in chart.alt
    tests = ch5["dprk_nuclear_tests"]
    chart = sh.tests_chart(tests)
    for rec in tests.itertuples():
        assert f"answered by resolution {rec.un_response}" in chart.alt


def test_ties_outcomes_count_every_episode(ch5):
    ties = ch5["sanctions_ties_cases"]
    counts = sh.ties_outcomes(ties)
    assert int(counts.to_numpy().sum()) == len(ties)
    assert list(counts.columns) == [t for t in data.vocabulary("sanctions_ties_cases", "target")
                                    if t in set(ties["target"])]


def test_events_table_follows_the_schema_order_of_cases(ch5):
    table = sh.events_table(ch5["sanctions_events"])
    order = sh.cases()
    ranks = [order.index(c) for c in table.frame["case"]]
    assert ranks == sorted(ranks) and len(table.frame) == len(ch5["sanctions_events"])


def test_ties_stages_separate_threats_from_impositions(ch5):
    ties = ch5["sanctions_ties_cases"]
    counts = sh.ties_stages(ties)
    assert int(counts.to_numpy().sum()) == len(ties)
    assert list(counts.index) == [sh.IMPOSED, sh.THREAT_ONLY]
    assert int(counts.loc[sh.THREAT_ONLY].sum()) == int((~ties["imposition"]).sum())
    assert int(counts[sh.NOT_CODED].sum()) == int(ties["final_outcome_code"].isna().sum())


def test_ties_ending_on_literal_outcomes():
    assert sh.ties_ending("Negotiated settlement (threat stage)", 5) == sh.TARGET_GAVE
    assert sh.ties_ending("Partial acquiescence by target after imposition", 6) == sh.TARGET_GAVE
    assert sh.ties_ending("Capitulation by sender after imposition", 8) == sh.SENDER_GAVE
    assert sh.ties_ending("Stalemate after imposition", 9) == sh.STALEMATE
    assert sh.ties_ending("not coded (case ongoing or outcome missing)", pd.NA) == sh.NOT_CODED
    with pytest.raises(ValueError, match="unknown TIES outcome"):
        sh.ties_ending("Something else", 11)


def test_ties_episode_in_words():
    row = {"primary_sender": "United Kingdom", "target": "Iran", "start_date": pd.Timestamp("1987-07-18"),
           "end_date": "1988-08-20", "ongoing_as_of": pd.NaT}
    assert sh.ties_episode(row) == "United Kingdom against Iran, 1987–1988"
    assert sh.ties_episode({**row, "end_date": "1987-12-01"}) == "United Kingdom against Iran, 1987"
    assert sh.ties_episode({**row, "end_date": None, "ongoing_as_of": pd.Timestamp("2007-09-18")}) == (
        "United Kingdom against Iran, from 1987, still running in 2007")


# --- The vote strip (hand-written SVG): what it shows and where it puts it ---------------------

SVG = "{http://www.w3.org/2000/svg}"
# One year of each kind a reader can meet: the six symbols of the legend.
STRIP = pd.DataFrame({
    "year": [1992, 1993, 1994, 2018, 2019, 2020],
    "vote": ["yes", "abstain", None, "no", None, None],
    "origin": ["roll-call file", "roll-call file", "roll-call file", "news reports", "", ""],
    "shown": ["In favour", "Abstained", sh.ABSENT, "Against (news reports)",
              f"{sh.NOT_IN_FILE} (in favour or absent)", sh.NO_VOTE],
    "yes": [100, 60, 20, 180, 190, None], "no": [3, 4, 5, 2, 2, None],
    "abstain": [71, 57, 60, 0, 0, None]})
LEGEND = ["Y In favour", "N Against", "A Abstained", f"· {sh.ABSENT}", f"? {sh.NOT_IN_FILE}",
          "– no vote (2020)"]
SIDE = ("In favour", "(tally)", "Its vote")


def _text_width(t) -> float:
    """A generous estimate of a text's width in px (sans-serif, ~0.6 em a character)."""
    return 0.6 * float(t["font-size"]) * len(t["text"])


def _strip(svg: str) -> dict:
    """The parts of a vote strip, each as a list of attribute dicts (rect numbers as floats)."""
    root = ET.fromstring(svg)
    parts = {"root": root, "bars": [], "cells": [], "swatches": [], "marks": [], "years": [],
             "legend": [], "side": [], "lines": [], "defs": root.findall(f"{SVG}defs")}
    for el in root:
        a = dict(el.attrib)
        if el.tag == f"{SVG}rect":
            for k in ("x", "y", "width", "height"):
                a[k] = float(a[k])
            kind = "bars" if a["fill"] == "#9a9a9a" else "swatches" if a["width"] == 10 else "cells"
            parts[kind].append(a)
        elif el.tag == f"{SVG}text":
            a["text"], a["el"] = el.text, el
            kind = ("side" if el.text in SIDE else "years" if "transform" in a
                    else "marks" if len(el.text) == 1 else "legend")
            parts[kind].append(a)
        elif el.tag == f"{SVG}line":
            parts["lines"].append({k: float(v) for k, v in a.items() if k[0] in "xy"})
    return parts


def test_the_vote_strip_shows_each_year_in_its_own_cell():
    p = _strip(sh.votes_strip_svg(STRIP))
    colours = sh.vote_colours()
    cells = p["cells"]
    assert len(cells) == 6
    # Equal squares side by side in one row, left to right in year order, not touching.
    assert {(c["width"], c["height"]) for c in cells} == {(cells[0]["width"], cells[0]["width"])}
    assert len({c["y"] for c in cells}) == 1
    for a, b in zip(cells, cells[1:], strict=False):
        assert a["x"] + a["width"] < b["x"] <= a["x"] + a["width"] + 3
    assert [c["fill"] for c in cells] == [colours["yes"], "url(#h)", "#f2f2f2", colours["no"],
                                         "#f2f2f2", "#f2f2f2"]
    # Abstentions are hatched (a pattern defined in the SVG), not told apart by colour alone.
    pattern = p["defs"][0].find(f"{SVG}pattern")
    assert pattern.get("id") == "h"
    # Only the vote taken from news reports has a dashed outline.
    assert [("stroke-dasharray" in c) for c in cells] == [False, False, False, True, False, False]
    # A letter or mark in every cell: centred across it, its glyph centred down it.
    assert [m["text"] for m in p["marks"]] == ["Y", "A", "·", "N", "?", "–"]
    for cell, mark in zip(cells, p["marks"], strict=True):
        assert float(mark["x"]) == cell["x"] + cell["width"] / 2
        glyph_middle = float(mark["y"]) - 0.35 * float(mark["font-size"])
        assert abs(glyph_middle - (cell["y"] + cell["height"] / 2)) <= 1.5
    # The year under each cell, turned to read upwards, starting just below the cell.
    assert [y["text"] for y in p["years"]] == ["1992", "1993", "1994", "2018", "2019", "2020"]
    for cell, year in zip(cells, p["years"], strict=True):
        x, y = float(year["x"]), float(year["y"])
        assert year["transform"] == f"rotate(-90 {x:g} {y:g})" and year["text-anchor"] == "end"
        assert cell["x"] < x - 0.35 * float(year["font-size"]) and x < cell["x"] + cell["width"]
        assert cell["y"] + cell["height"] < y <= cell["y"] + cell["height"] + 6


def test_the_vote_strip_draws_the_tally_as_bars_on_one_baseline():
    p = _strip(sh.votes_strip_svg(STRIP))
    cells, tally = p["cells"], p["bars"]
    assert len(tally) == 5  # no bar in 2020: no vote was held
    (base,) = p["lines"]
    assert p["root"].find(f"{SVG}line").get("stroke")  # drawn, not an invisible line
    assert base["y1"] == base["y2"] < cells[0]["y"]  # the baseline sits above the strip of votes
    assert base["x1"] <= cells[0]["x"] and base["x2"] >= cells[-1]["x"] + cells[-1]["width"]
    assert base["x2"] - (cells[-1]["x"] + cells[-1]["width"]) <= 2 and cells[0]["x"] - base["x1"] <= 2
    for cell, bar, yes in zip(cells, tally, [100, 60, 20, 180, 190], strict=False):
        assert bar["x"] + bar["width"] / 2 == cell["x"] + cell["width"] / 2  # above its own year
        assert cell["x"] < bar["x"] and bar["x"] + bar["width"] < cell["x"] + cell["width"]
        assert bar["y"] + bar["height"] == pytest.approx(base["y1"], abs=0.11)  # standing on the line
        assert bar["height"] == pytest.approx(yes * 60 / 200, abs=0.06)  # 60 px for 200 states
    # The labels at the left: "In favour (tally)" beside the bars, "Its vote" beside the strip.
    side = {t["text"]: t for t in p["side"]}
    band_top = base["y1"] - 60
    assert band_top < float(side["In favour"]["y"]) < float(side["(tally)"]["y"]) < base["y1"]
    assert float(side["(tally)"]["y"]) - float(side["In favour"]["y"]) >= float(side["(tally)"]["font-size"])
    strip_middle = cells[0]["y"] + cells[0]["height"] / 2
    its = side["Its vote"]
    assert abs(float(its["y"]) - 0.35 * float(its["font-size"]) - strip_middle) <= 1.5
    for t in side.values():
        assert t["text-anchor"] == "start" and 0 < float(t["x"])
        assert float(t["x"]) + _text_width(t) < cells[0]["x"]


def test_the_vote_strip_legend_names_every_symbol_in_one_row():
    p = _strip(sh.votes_strip_svg(STRIP))
    colours = sh.vote_colours()
    assert [t["text"] for t in p["legend"]] == LEGEND
    assert [s["fill"] for s in p["swatches"]] == [colours["yes"], colours["no"], "url(#h)",
                                                  "#f2f2f2", "#f2f2f2", "#f2f2f2"]
    last_year = max(float(y["y"]) + _text_width(y) for y in p["years"])
    for swatch, text in zip(p["swatches"], p["legend"], strict=True):
        assert swatch["y"] > last_year  # below the years (which read downwards from the strip)
        assert swatch["x"] + swatch["width"] < float(text["x"]) <= swatch["x"] + swatch["width"] + 5
        assert swatch["y"] < float(text["y"]) <= swatch["y"] + swatch["height"]  # same line
    for text, nxt in zip(p["legend"], p["swatches"][1:], strict=False):
        assert float(text["x"]) + _text_width(text) <= nxt["x"]  # entries do not run into each other
    assert len({s["y"] for s in p["swatches"]}) == 1


@pytest.mark.parametrize("country", ["United States", "Israel", "Japan"])
def test_the_real_vote_strip_fits_its_canvas(ch5, country):
    frame = sh.country_votes(ch5["cuba_un_votes_by_country"], ch5["cuba_un_vote_tallies"], country)
    svg = sh.votes_strip_svg(frame)
    p = _strip(svg)
    root = p["root"]
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {width:g} {height:g}"
    assert len(p["cells"]) == len(p["years"]) == len(frame) == 34
    for r in [*p["bars"], *p["cells"], *p["swatches"]]:
        assert 0 <= r["x"] and r["x"] + r["width"] <= width
        assert 0 <= r["y"] and r["y"] + r["height"] <= height
    for t in [*p["legend"], *p["side"]]:
        assert float(t["x"]) + _text_width(t) <= width and float(t["y"]) <= height - 2
    for t in p["years"]:  # read upwards: the text runs down from its anchor
        assert float(t["y"]) + _text_width(t) <= min(s["y"] for s in p["swatches"])
    # No wide empty margins: the strip and the legend use the canvas.
    assert width - (p["cells"][-1]["x"] + p["cells"][-1]["width"]) <= 10
    assert height - max(s["y"] + s["height"] for s in p["swatches"]) <= 10
    assert root.get("font-family") == "sans-serif"
    view = sh.country_view(ch5["cuba_un_votes_by_country"], ch5["cuba_un_vote_tallies"], country)
    assert (view.chart.width, view.chart.height) == (int(width), int(height))


# --- Charts: what they draw, how, and where --------------------------------------------------

def _day(value) -> float:
    return float(mdates.date2num(pd.Timestamp(value)))


# Three EIA years (not in value order), then one estimate of each other type; two flagged.
EXPORTS = pd.DataFrame({
    "id": ["eia-2014", "eia-2015", "eia-2016", "press-2018", "iea-2019", "kpler-2020", "kpler-2026"],
    "period_start": pd.to_datetime(["2014-01-01", "2015-01-01", "2016-01-01", "2018-04-01",
                                    "2019-04-01", "2020-03-01", "2026-01-01"]),
    "period_end": pd.to_datetime(["2014-12-31", "2015-12-31", "2016-12-31", "2018-04-30",
                                  "2019-04-30", "2020-03-31", "2026-01-31"]),
    "period_label": ["2014", "2015", "2016", "Apr 2018", "Apr 2019", "Mar 2020", "Jan 2026"],
    "exports_kbd": pd.array([1110.0, 1081.0, 1800.0, 2500.0, 1100.0, 160.0, 1390.0], dtype="Float64"),
    "value_qualifier": ["as stated", "as stated", "as stated", "above", "about", "as stated", "below"],
    "estimate_type": ["official statistics"] * 3 + ["press estimate", "agency estimate",
                                                    "tanker tracking", "tanker tracking"],
    "source_ids": ["eia-intl-crude-exports"] * 3 + ["kayhanlife-reuters-may2019", "defencepoint-iea-apr2019",
                                                    "ifmat-kpler-2020", "ifmat-kpler-2026"]})
EVENTS = pd.DataFrame({
    "id": ["IR10", "IR07"], "case": ["Iran", "Iran"],
    "date": pd.to_datetime(["2018-05-08", "2012-01-23"]), "date_precision": ["day", "day"],
    "end_date": pd.to_datetime([None, None]), "layer": ["US", "US"],
    "kind": ["law or executive measure"] * 2, "direction": ["tighten", "tighten"],
    "short_label": ["US leaves the JCPOA", "EU oil embargo"], "summary": ["", ""],
    "source_ids": ["a", "b"]})


def test_exports_chart_draws_the_eia_line_then_each_estimate_by_type():
    chart, fig = capture(sh.exports_chart, EXPORTS, EVENTS)
    ax = fig.axes[0]
    (eia,) = [ln for ln in lines(ax) if len(ln[0]) == 3]
    # The EIA line: one point a year at mid-year, in the order of the years.
    assert [_day(x) for x in eia[0]] == [_day(d) for d in
                                         ("2014-07-02", "2015-07-02", "2016-07-01 12:00")]
    assert eia[1] == [1110.0, 1081.0, 1800.0] and eia[2] == "#444444"
    # Estimates: a point in the middle of each period, coloured and shaped by the type of figure.
    got = {(round(p.x), p.y): p for p in points(ax)}
    looks = sh._ESTIMATE_LOOK
    expected = {("2018-04-15 12:00", 2500.0): "press estimate",
                ("2019-04-15 12:00", 1100.0): "agency estimate",
                ("2020-03-16", 160.0): "tanker tracking", ("2026-01-16", 1390.0): "tanker tracking"}
    assert set(got) == {(round(_day(d)), v) for d, v in expected}
    for (d, v), kind in expected.items():
        assert got[(round(_day(d)), v)].facecolor == colour(looks[kind]["color"])
    shapes = {kind: got[(round(_day(d)), v)].marker_path for (d, v), kind in expected.items()}
    assert len(set(shapes.values())) == 3  # three types, three marker shapes
    # Each estimate also spans its period as a bar: from its first to its last day.
    spans = sorted((seg[0][0], seg[1][0] - seg[0][0], seg[0][1])
                   for coll in ax.collections if isinstance(coll, LineCollection)
                   for seg in coll.get_segments())
    assert spans == [(_day("2018-04-01"), 29, 2500.0), (_day("2019-04-01"), 29, 1100.0),
                     (_day("2020-03-01"), 30, 160.0), (_day("2026-01-01"), 30, 1390.0)]
    # 'above' and 'below' values carry an arrow pointing up or down from the value.
    arrows = sorted((round(_day(a.xyann[0])), a.xyann[1], a.xy[1]) for a in ax.texts
                    if hasattr(a, "xyann") and a.arrow_patch is not None)
    assert arrows == [(round(_day("2018-04-15 12:00")), 2500.0, 2670.0),
                      (round(_day("2026-01-16")), 1390.0, 1220.0)]
    # A dashed line and a label for each marked event, the label just before the line.
    marks = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert sorted(round(_day(ln.get_xdata()[0])) for ln in marks) == [
        round(_day("2012-01-23")), round(_day("2018-05-08"))]
    labels = {t.get_text(): t for t in ax.texts if t.get_text() in ("EU oil embargo", "US leaves the JCPOA")}
    x, y = labels["US leaves the JCPOA"].get_position()
    assert round(_day(x)) == round(_day("2018-05-08")) - 60 and y == 2950
    assert labels["US leaves the JCPOA"].get_rotation() == 90
    assert ax.get_ylim() == (0, 3000)
    assert [round(v) for v in ax.get_xlim()] == [round(_day("1979-01-01")), round(_day("2027-01-01"))]
    # The legend: the types present, in the schema's order, under one title.
    assert legend_labels(fig) == ["Official statistics (EIA)", "Agency estimate (IEA)",
                                  "Tanker tracking (Kpler, Vortexa, TankerTrackers…)", "Press estimate"]
    assert legend_title(fig) == "Type of figure"
    assert ax.get_xlabel() == "Year" and ax.get_ylabel() == "Exports (thousand barrels/day)"
    assert "2015" in texts(fig) and "2500" in texts(fig)
    assert chart.alt == (
        "Line and point chart of Iran's crude oil exports in thousand barrels a day. The EIA annual "
        "series runs from 2014 to 2016, from 1,081 to 1,800 kb/d. After it, 4 separate estimates "
        "(1 Agency estimate (IEA), 2 Tanker tracking (Kpler, Vortexa, TankerTrackers…), 1 Press "
        "estimate) from Apr 2018 (2,500) to Jan 2026 (1,390), lowest 160 kb/d in Mar 2020. Dashed "
        "lines mark EU oil embargo (Jan 2012), US leaves the JCPOA (May 2018).")
    assert chart.title == "Iran's crude oil exports, 1980–2026: statistics, then estimates"
    assert chart.source == data.source_line("iran_crude_exports", EXPORTS)
    assert (chart.width, chart.height) == (691, 442)  # 7.2 × 4.6 inches at 96 px an inch
    assert_layout(fig)
    close(fig)


def test_exports_chart_on_the_real_data_keeps_everything_in_view(ch5):
    events = ch5["sanctions_events"]
    marks = events[events["id"].isin(["IR07", "IR09", "IR10", "IR15", "IR20"])]  # as in the chapter
    chart, fig = capture(sh.exports_chart, ch5["iran_crude_exports"], marks)
    assert_layout(fig)
    ax = fig.axes[0]
    assert max(p.y for p in points(ax)) < 3000 and min(p.y for p in points(ax)) > 0
    assert "Dashed lines mark" in chart.alt
    close(fig)
    chart, fig = capture(sh.exports_chart, ch5["iran_crude_exports"])  # no marks: no dashed lines
    assert not [ln for ln in fig.axes[0].get_lines() if ln.get_linestyle() == "--"]
    assert "Dashed" not in chart.alt
    close(fig)


# Six years: one whose roll-call count differs (1993), one the file lacks (1996), no vote in 2020.
YEARS = pd.DataFrame({
    "year": [1992, 1993, 1996, 2019, 2020, 2021],
    "yes": pd.array([59, 88, 137, 187, None, 184], dtype="Int64"),
    "no": pd.array([3, 4, 3, 3, None, 2], dtype="Int64"),
    "abstain": pd.array([71, 57, 25, 2, None, 3], dtype="Int64"),
    "tally_basis": ["roll-call file", "state media report", "state media report", "roll-call file",
                    "no vote", "UN press release"],
    "file_yes": pd.array([59, 87, None, 187, None, None], dtype="Int64"),
    "file_no": pd.array([3, 4, None, 3, None, None], dtype="Int64"),
    "file_abstain": pd.array([71, 57, None, 2, None, None], dtype="Int64"),
    "countries_no": [""] * 6, "countries_abstain": [""] * 6,
    "source_ids": ["unvotes-dgrtwo"] * 6})


def test_votes_chart_stacks_each_year_and_flags_what_differs():
    chart, fig = capture(sh.votes_chart, YEARS)
    ax = fig.axes[0]
    colours = sh.vote_colours()
    drawn = bars(ax)
    held = [1992, 1993, 1996, 2019, 2021]
    assert [b.x for b in drawn] == held * 3  # in favour, then against, then abstained
    assert all(b.width == pytest.approx(0.8) for b in drawn)
    yes, no, abstain = drawn[:5], drawn[5:10], drawn[10:]
    assert [b.height for b in yes] == [59, 88, 137, 187, 184] and {b.bottom for b in yes} == {0}
    assert [(b.bottom, b.height) for b in no] == [(59, 3), (88, 4), (137, 3), (187, 3), (184, 2)]
    assert [(b.bottom, b.height) for b in abstain] == [(62, 71), (92, 57), (140, 25), (190, 2),
                                                       (186, 3)]
    assert {b.facecolor for b in yes} == {colour(colours["yes"])}
    assert {b.facecolor for b in no} == {colour(colours["no"])}
    assert {b.facecolor for b in abstain} == {colour(colours["abstain"])}
    assert {b.hatch for b in yes + no} == {None} and all(b.hatch for b in abstain)
    # 2020: no bar, but words saying no vote was held, standing upright at the foot of the chart.
    (gap,) = [t for t in ax.texts if t.get_text() == "no vote"]
    assert gap.get_position() == (2020, 8) and gap.get_rotation() == 90
    # 1993 alone is starred, just above its stack; the footnote says what the star means.
    (star,) = [t for t in ax.texts if t.get_text() == "*"]
    assert star.get_position() == (1993, 88 + 4 + 57 + 2)
    assert "* the roll-call file's count differs from the tally shown" in texts(fig)
    assert ax.get_xlim() == pytest.approx((1991.3, 2021.7))
    assert list(ax.get_xticks()) == [1992, 1996, 2021] and ax.get_ylim() == (0, 200)
    assert legend_labels(fig) == ["In favour", "Against", "Abstained"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Year of the vote", "States (count)")
    assert chart.alt == (
        "Stacked bar chart of the yearly UN General Assembly vote on ending the US embargo against "
        "Cuba, 1992–2021. 1992: 59 in favour, 3 against, 71 abstentions; the yes vote then rises "
        "above 180 from 2019; no vote in 2020; 2021: 184–2–3. Years marked * (1993) have a "
        "different count in the roll-call file.")
    assert chart.title == "The UN vote on ending the US embargo against Cuba, 1992–2025"
    assert chart.source == data.source_line("cuba_un_vote_tallies", YEARS)
    assert (chart.width, chart.height) == (691, 384)  # 7.2 × 4 inches at 96 px an inch
    assert_layout(fig)
    close(fig)


def test_votes_chart_on_the_real_data_keeps_everything_in_view(ch5):
    tallies = ch5["cuba_un_vote_tallies"]
    chart, fig = capture(sh.votes_chart, tallies)
    assert_layout(fig)
    ax = fig.axes[0]
    stars = [t for t in ax.texts if t.get_text() == "*"]
    assert len(stars) == len(sh.tally_differences(tallies)) > 0
    assert all(t.get_position()[1] < 200 for t in stars)
    ticks = list(ax.get_xticks())
    assert ticks[0] == 1992 and ticks[-1] == 2025
    assert all(b - a >= 3 for a, b in zip(ticks, ticks[1:], strict=False))
    close(fig)


# Four tests: the first without an uncertainty; the 2nd and 3rd less than a year apart at about
# the same height; the 4th within a year of the 3rd but far higher; one uncertainty larger than
# its yield (a log axis cannot reach zero).
TESTS = pd.DataFrame({
    "test_no": pd.array([1, 2, 3, 4], dtype="Int64"),
    "date_utc": pd.to_datetime(["2006-10-09", "2016-01-06", "2016-09-09", "2017-09-03"]),
    "yield_kt": pd.array([0.48, 11.4, 5.0, 109.4], dtype="Float64"),
    "yield_kt_uncertainty": pd.array([None, 4.4, 6.0, 48.6], dtype="Float64"),
    "un_response": pd.array([1718, 2270, 2321, 2375], dtype="Int64"),
    "source_ids": ["yao2018-dprk-tests"] * 4})


def test_tests_chart_marks_each_yield_with_its_uncertainty():
    chart, fig = capture(sh.tests_chart, TESTS)
    ax = fig.axes[0]
    dots = lines(ax)[0]  # then the caps of the error bars
    assert [_day(x) for x in dots[0]] == [_day(d) for d in ("2006-10-09", "2016-01-06", "2016-09-09",
                                                            "2017-09-03")]
    assert dots[1] == [0.48, 11.4, 5.0, 109.4]
    # Error bars: none for test 1; ±4.4 for test 2; test 3 from 0.5 (not below zero) to 11.0.
    (errs,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    spans = [(seg[0][1], seg[1][1]) for seg in errs.get_segments()]
    assert spans == [(0.48, 0.48), (pytest.approx(7.0), pytest.approx(15.8)),
                     (pytest.approx(0.5), pytest.approx(11.0)), (pytest.approx(60.8), pytest.approx(158.0))]
    # Each test is labelled with its yield and the resolution that answered it; a label whose
    # next test follows within a year at about the same height goes above and to the left.
    notes = {a.get_text(): a for a in ax.texts}
    assert list(notes) == ["Test 1: 0.48 kt\n→ UNSCR 1718", "Test 2: 11.4 kt\n→ UNSCR 2270",
                           "Test 3: 5 kt\n→ UNSCR 2321", "Test 4: 109.4 kt\n→ UNSCR 2375"]
    placed = [(a.xy[1], a.xyann, a.get_horizontalalignment()) for a in notes.values()]
    assert placed == [(0.48, (6, -24), "left"), (11.4, (-6, 8), "right"), (5.0, (6, -24), "left"),
                      (109.4, (6, -24), "left")]
    assert ax.get_yscale() == "log" and ax.get_ylim() == pytest.approx((0.2, 400))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0.5", "1", "2", "5", "10", "20", "50",
                                                            "100", "200"]
    assert [round(v) for v in ax.get_xlim()] == [round(_day("2005-06-01")), round(_day("2019-01-01"))]
    lo, hi = ax.get_xlim()
    shown = [t.get_text() for t in ax.get_xticklabels() if lo <= t.get_position()[0] <= hi]
    assert shown == ["2006", "2008", "2010", "2012", "2014", "2016", "2018"]
    assert ax.get_xlabel() == "Date of the test (UTC)"
    assert ax.get_ylabel() == "Yield (kilotons of TNT, log scale)"
    assert chart.alt == (
        "Dot chart of the estimated yields of North Korea's six nuclear tests on a logarithmic scale, "
        "with error bars: test 1 on 9 October 2006: 0.48 kt, answered by resolution 1718; test 2 on "
        "6 January 2016: 11.4 kt ± 4.4, answered by resolution 2270; test 3 on 9 September 2016: "
        "5 kt ± 6, answered by resolution 2321; test 4 on 3 September 2017: 109.4 kt ± 48.6, "
        "answered by resolution 2375.")
    assert chart.title == "North Korea's nuclear tests: estimated yield (log scale)"
    assert chart.source == data.source_line("dprk_nuclear_tests", TESTS)
    assert (chart.width, chart.height) == (691, 384)  # 7.2 × 4 inches at 96 px an inch
    assert_layout(fig)
    close(fig)


def test_tests_chart_on_the_real_data_keeps_everything_in_view(ch5):
    chart, fig = capture(sh.tests_chart, ch5["dprk_nuclear_tests"])
    assert_layout(fig)
    close(fig)


def test_country_view_on_a_literal_frame_words_every_year():
    view = sh.country_view(VOTES, TALLIES, "Japan")
    assert view.chart.title == "How Japan voted on ending the embargo, year by year"
    assert view.chart.alt == (
        "Strip of Japan's vote on the Cuba embargo resolution for each year from 1992 to 2020, under "
        "grey bars of the yes count: 1992 Abstained; 1993 absent or not a member; 2018 Against "
        "(news reports); 2020 no vote held.")
    root = ET.fromstring(view.chart.svg)
    assert (view.chart.width, view.chart.height) == (int(root.get("width")), int(root.get("height")))
    assert view.chart.source.startswith("Votes: data/cuba_un_votes_by_country.csv (roll-call file, "
                                        "1992–2017 and 2019); tallies: ")
    assert view.table.source == view.chart.source and view.table.caption == view.summary + "."
    frame = view.table.frame
    assert list(frame.columns) == ["year", "Japan", "yes", "no", "abstain", "tally_basis"]
    assert list(frame["Japan"]) == ["Abstained", sh.ABSENT, "Against (news reports)", sh.NO_VOTE]
    assert {k: view.table.labels[k] for k in ("year", "yes", "no", "abstain", "tally_basis")} == {
        "year": "Year", "yes": "In favour (tally)", "no": "Against (tally)",
        "abstain": "Abstentions (tally)", "tally_basis": "Tally from"}


def test_country_view_summary_on_the_real_roll_call(ch5):
    votes, tallies = ch5["cuba_un_votes_by_country"], ch5["cuba_un_vote_tallies"]
    view = sh.country_view(votes, tallies)  # the United States by default
    assert view.summary == (
        "United States: of the 27 votes in the roll-call file (1992–2017 and 2019), against 26, "
        "abstained 1; news reports list it as against in 2018, 2021, 2022, 2023, 2024, 2025")
    assert list(view.frame.loc[view.frame["year"] == 2016, "shown"]) == ["Abstained"]


def test_comparison_table_on_a_literal_frame():
    compared = pd.DataFrame({
        "case": ["Cuba", "Iran", "Iran"], "aspect": ["senders", "senders", "duration"],
        "summary": ["The United States", "The US & the UN", "Since 1979"],
        "source_ids": ["ucsb-eo-12170", "ucsb-eo-12170", "ucsb-eo-12170"],
        "note": ["", "  ", "disputed"]})
    table = sh.comparison_table(compared)
    # Cases across in the schema's order (North Korea has no cell: no column); aspects down in the
    # schema's order, only those with a cell; a missing cell is a dash.
    assert ('<thead><tr><th scope="col">Aspect</th><th scope="col">Iran</th><th scope="col">Cuba</th>'
            '</tr></thead>') in table.html
    assert table.html.index("Sender(s)") < table.html.index("Duration")
    assert "Stated goals" not in table.html
    assert ('<th scope="row">Duration</th><td>Since 1979 <span class="sg-note">(disputed)</span>'
            in table.html)
    assert '<td>—</td></tr>' in table.html  # Cuba's duration
    assert "The US &amp; the UN<br/><small>Sources: " in table.html
    assert "sg-note" not in table.html.split("Duration")[0]  # a blank note adds nothing
    assert table.text.split("\n")[1:4] == ["Sender(s) | Iran: The US & the UN [ucsb-eo-12170]",
                                           "Sender(s) | Cuba: The United States [ucsb-eo-12170]",
                                           "Duration | Iran: Since 1979 [ucsb-eo-12170]"]
    assert table.text.startswith("Iran, Cuba and North Korea compared; each cell with its sources.")


# --- The reference tables: which rows, in which order, under which caption ---------------------

def test_tallies_table_lists_every_year_in_order_beside_the_file_count(ch5):
    tallies = ch5["cuba_un_vote_tallies"]
    table = sh.tallies_table(tallies.iloc[::-1])  # the table sorts, whatever order it is given
    assert list(table.frame["year"]) == sorted(tallies["year"])
    assert list(table.frame.columns) == ["year", "vote_date", "resolution", "yes", "no", "abstain",
                                         "tally_basis", "file_yes", "file_no", "file_abstain",
                                         "countries_no", "source_ids", "note"]
    assert table.caption == (
        "The UN General Assembly vote on ending the US embargo against Cuba, year by year: the "
        "preferred tally (a UN press release; else a wire or newspaper report; else a state news "
        "agency; else the roll-call file) and the roll-call file's count.")
    assert table.source == data.source_line("cuba_un_vote_tallies", tallies)
    assert table.labels["file_yes"] == data.titles("cuba_un_vote_tallies")["file_yes"]
    with pytest.raises(ValueError, match="the 'cuba_un_vote_tallies' table lacks column"):
        sh.tallies_table(tallies.drop(columns="file_no"))


def test_estimates_table_leaves_out_the_official_series(ch5):
    exports = ch5["iran_crude_exports"]
    table = sh.estimates_table(exports.iloc[::-1])
    others = exports[exports["estimate_type"] != "official statistics"]
    assert len(table.frame) == len(others) > 0
    assert "Official statistics (EIA)" not in set(table.frame["estimate_type"])  # shown by label
    expected = others.sort_values(["period_start", "id"])
    assert list(table.frame["period_label"]) == list(expected["period_label"])
    assert list(table.frame.columns) == ["period_label", "exports_kbd", "value_qualifier", "measure",
                                         "estimate_type", "estimator", "source_ids", "note"]
    assert table.caption == "Iran's crude exports after 2016: estimates, not statistics."
    assert table.source == data.source_line("iran_crude_exports", others)
    with pytest.raises(ValueError, match="the 'iran_crude_exports' table lacks column"):
        sh.estimates_table(exports.drop(columns="estimate_type"))


def test_estimates_table_on_a_literal_frame_sorts_by_period_then_id():
    exports = EXPORTS.assign(id=["e1", "e2", "e3", "p", "b", "a", "z"],
                             period_start=EXPORTS["period_start"].where(EXPORTS.index != 4,
                                                                        pd.Timestamp("2020-03-01")))
    exports["measure"] = exports["estimator"] = exports["note"] = ""
    table = sh.estimates_table(exports)
    # Two estimates of March 2020 (ids b and a): by id within the same month.
    assert list(table.frame["period_label"]) == ["Apr 2018", "Mar 2020", "Apr 2019", "Jan 2026"]


def test_resolutions_tests_and_ties_tables_in_reading_order(ch5):
    res = sh.resolutions_table(ch5["unsc_dprk_resolutions"].iloc[::-1])
    assert list(res.frame["resolution"]) == [1718, 1874, 2087, 2094, 2270, 2321, 2356, 2371, 2375, 2397]
    assert list(res.frame.columns) == ["resolution", "date", "votes_for", "votes_against", "abstentions",
                                       "trigger", "trigger_date", "key_measures",
                                       "refined_petroleum_cap_bbl", "source_ids", "note"]
    assert res.caption == ("The UN Security Council's sanctions resolutions on North Korea, 1718 (2006) "
                           "to 2397 (2017). An empty vote means the count was not confirmed in the "
                           "sources used.")
    assert res.source == data.source_line("unsc_dprk_resolutions", ch5["unsc_dprk_resolutions"])
    tests = sh.tests_table(ch5["dprk_nuclear_tests"].iloc[::-1])
    assert list(tests.frame["test_no"]) == [1, 2, 3, 4, 5, 6]
    assert list(tests.frame.columns) == ["test_no", "date_utc", "yield_kt", "yield_kt_uncertainty",
                                         "magnitude_reported", "yield_reported", "un_response",
                                         "source_ids", "note"]
    assert tests.caption == ("North Korea's six nuclear tests: one study's seismic yield estimates "
                             "beside the figures reported in the press.")
    ties = ch5["sanctions_ties_cases"]
    table = sh.ties_table(ties.iloc[::-1])
    # Targets in the schema's order (Iran, Cuba, North Korea), each one's episodes by start date.
    expected = [(t, d) for t in ("Iran", "Cuba", "North Korea")
                for d in sorted(ties.loc[ties["target"] == t, "start_date"])]
    assert list(zip(table.frame["target"], table.frame["start_date"], strict=True)) == expected
    assert list(table.frame.columns) == ["target", "start_date", "end_date", "primary_sender", "issues",
                                         "other_issue", "final_outcome", "source_ids"]
    assert table.caption == ("Sanction episodes against the three targets in the TIES dataset (cases "
                             "begun 1945–2005), with the outcome TIES codes.")
    assert table.source == data.source_line("sanctions_ties_cases", ties)


def test_as_of_is_the_timeline_date():
    assert sh.as_of() == data.resource("sanctions_events")["asOf"]
    assert pd.Timestamp(sh.as_of()) >= pd.Timestamp("2026-01-01")


def test_ties_stages_on_a_literal_frame():
    ties = pd.DataFrame({
        "imposition": [True, True, False, True, False],
        "final_outcome_code": pd.array([10, None, 3, 9, 1], dtype="Int64"),
        "final_outcome": ["Negotiated settlement after imposition",
                          "not coded (case ongoing or outcome missing)",
                          "Capitulation by sender in threat stage", "Stalemate after imposition",
                          "Partial acquiescence by target to threat"]})
    got = sh.ties_stages(ties)
    assert list(got.index) == ["Sanctions imposed", "Threatened only"]
    assert list(got.columns) == ["Target gave in or settled", "Sender gave up", "Stalemate",
                                 "No coded outcome"]
    assert got.to_numpy().tolist() == [[1, 0, 1, 1], [1, 1, 0, 0]]
    assert got.index.name == "Episode" and got.columns.name == "How it ended (TIES)"
    with pytest.raises(ValueError, match="the 'sanctions_ties_cases' table lacks column"):
        sh.ties_stages(ties.drop(columns="imposition"))
    # A selection of episodes (its own index), all of them threats: both stages still shown.
    threats = ties[~ties["imposition"]].set_axis([7, 3])
    got = sh.ties_stages(threats)
    assert got.to_numpy().tolist() == [[0, 0, 0, 0], [1, 1, 0, 0]]
    assert list(got.index) == ["Sanctions imposed", "Threatened only"]


# --- The case explorer on a literal timeline ---------------------------------------------------

# Six steps, given out of order: Iran's first two on the same day (the id breaks the tie), one of
# them approximate and with a period (a bar); each direction and several layers present.
STEPS = pd.DataFrame({
    "id": ["CU05", "IR03", "KP01", "IR02", "CU02", "IR01"],
    "case": ["Cuba", "Iran", "North Korea", "Iran", "Cuba", "Iran"],
    "date": pd.to_datetime(["1992-11-24", "1981-01-19", "2006-10-14", "1979-11-12", "1962-02-03",
                            "1979-11-12"]),
    "date_precision": ["day", "day", "day", "approximate", "day", "day"],
    "end_date": pd.to_datetime([None, None, None, "1981-01-19", None, None]),
    "actor": ["UNGA", "US", "UNSC", "UN", "US", "US"],
    "layer": ["UN", "US", "UN", "UN", "US", "US"],
    "kind": ["vote", "agreement", "UN resolution or decision", "other", "law or executive measure",
             "law or executive measure"],
    "direction": ["other", "relax", "tighten", "other", "tighten", "tighten"],
    "short_label": ["First UNGA vote", "Algiers declarations", "UNSCR 1718", "Assets frozen",
                    "Full embargo", "Oil imports banned"],
    "summary": ["s1", "s2", "s3", "s4", "s5", "s6"], "instrument": [""] * 6, "note": [""] * 6,
    "source_ids": ["greenleft-1992-vote", "ucsb-eo-12170", "un-sc8853", "ucsb-eo-12170",
                   "troy-proclamation-3447", "ucsb-eo-12170"]})
IRAN_ALT = ("Iran's crude exports: EIA figures 2014–2016, then 4 estimates from 160 to 2,500 kb/d")
CUBA_ALT = "UN votes on the Cuba embargo: 59 in favour in 1992, 187 at most, 184 in 2021"


def _lit_args():
    return STEPS, EXPORTS, YEARS, TESTS


def test_events_table_on_a_literal_timeline():
    table = sh.events_table(STEPS)
    assert list(table.frame["short_label"]) == ["Oil imports banned", "Assets frozen",
                                                "Algiers declarations", "Full embargo",
                                                "First UNGA vote", "UNSCR 1718"]
    assert list(table.frame.columns) == ["case", "date", "direction", "layer", "short_label", "summary",
                                         "source_ids"]
    assert list(table.frame["direction"])[:3] == ["Tightened", "Other", "Relaxed"]  # by label
    assert table.caption == ("Sanctions on Iran, Cuba and North Korea: 6 steps (3 tightened, "
                             "1 relaxed, 2 other).")
    iran = sh.events_table(STEPS, "Iran")
    assert list(iran.frame.columns) == ["date", "direction", "layer", "short_label", "summary",
                                        "source_ids"]
    assert list(iran.frame["summary"]) == ["s6", "s4", "s2"]
    assert iran.caption == "Sanctions on Iran: 3 steps (1 tightened, 1 relaxed, 1 other)."
    assert iran.source == data.source_line("sanctions_events", STEPS[STEPS["case"] == "Iran"])
    full = sh.events_table(STEPS, "Cuba", full=True)
    assert list(full.frame.columns) == ["date", "date_precision", "end_date", "actor", "layer", "kind",
                                        "direction", "summary", "instrument", "note", "source_ids"]
    assert list(full.frame["summary"]) == ["s5", "s1"]
    assert full.caption == "Sanctions on Cuba: 2 steps (1 tightened, 1 other)."
    none = sh.events_table(STEPS[STEPS["case"] != "North Korea"], "North Korea")
    assert len(none.frame) == 0 and none.caption == "Sanctions on North Korea: 0 steps (none)."
    one = sh.events_table(STEPS, "North Korea")
    assert one.caption == "Sanctions on North Korea: 1 step (1 tightened)."
    with pytest.raises(ValueError, match="unknown case"):
        sh.events_table(STEPS, "Syria")


def test_case_view_for_one_case_on_a_literal_timeline():
    view, fig = capture(sh.case_view, *_lit_args(), "Iran")
    assert list(view.frame["id"]) == ["IR01", "IR02", "IR03"]
    assert list(view.frame.columns) == list(STEPS.columns) and list(view.frame.index) == [0, 1, 2]
    assert view.summary == "Iran: 3 steps (1 tightened, 1 relaxed, 1 other)"
    assert view.table.caption == "Sanctions on Iran: 3 steps (1 tightened, 1 relaxed, 1 other)."
    assert view.chart.source == data.source_line("sanctions_events", STEPS[STEPS["case"] == "Iran"])
    ax, low = fig.axes
    # The timeline: one row per step, the first at the top, each labelled with its date and name
    # ("c." for an approximate date).
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Nov 1979 · Oil imports banned", "c. Nov 1979 · Assets frozen", "Jan 1981 · Algiers declarations"]
    assert list(ax.get_yticks()) == [2, 1, 0] and ax.get_ylim() == pytest.approx((-0.7, 2.7))
    looks = sh.direction_looks()
    got = {(round(p.x), p.y): p for p in points(ax)}
    assert set(got) == {(round(_day("1979-11-12")), 2), (round(_day("1979-11-12")), 1),
                        (round(_day("1981-01-19")), 0)}
    assert got[(round(_day("1979-11-12")), 2)].facecolor == colour(looks["tighten"]["color"])
    assert got[(round(_day("1979-11-12")), 1)].facecolor == colour(looks["other"]["color"])
    assert got[(round(_day("1981-01-19")), 0)].facecolor == colour(looks["relax"]["color"])
    assert len({p.marker_path for p in got.values()}) == 3
    # A faint guide from the left edge to each step; a bar over the period of the step that has one.
    guides = sorted((seg[0][1], seg[0][0], seg[1][0]) for coll in ax.collections
                    if isinstance(coll, LineCollection) for seg in coll.get_segments())
    start = _day("1978-01-01")
    assert guides == [(0, start, _day("1981-01-19")), (1, start, _day("1979-11-12")),
                      (2, start, _day("1979-11-12"))]
    (period,) = lines(ax)
    assert [_day(x) for x in period[0]] == [_day("1979-11-12"), _day("1981-01-19")]
    assert period[1] == [1, 1] and period[2] == colour(looks["other"]["color"])
    assert ax.get_title(loc="left") == "Steps that tightened or relaxed sanctions"
    # The indicator below, on the case's own span of years, a label every 5 years.
    assert low.get_title(loc="left") == "Key indicator"
    assert (low.get_xlabel(), low.get_ylabel()) == ("Year", "Crude exports (thousand b/d)")
    assert [round(v) for v in low.get_xlim()] == [round(_day("1978-01-01")), round(_day("2027-06-01"))]
    lo, hi = low.get_xlim()
    assert [t.get_text() for t in low.get_xticklabels() if lo <= t.get_position()[0] <= hi][:3] == [
        "1980", "1985", "1990"]
    assert len(lines(low)[0][0]) == 3 and len(points(low)) == 4  # the EIA line and 4 estimates
    assert low.get_ylim() == (0, 3000)  # a fixed 3000 kb/d unless a figure is higher
    assert legend_labels(fig) == ["Tightened", "Relaxed", "Other", "Official statistics (EIA)",
                                  "Agency estimate (IEA)",
                                  "Tanker tracking (Kpler, Vortexa, TankerTrackers…)", "Press estimate"]
    # The figure grows with the number of steps (at least four rows' worth).
    assert tuple(fig.get_size_inches()) == pytest.approx((7.2, 0.22 * 4 + 0.3 + 2.1 + 2.0))
    assert ax.get_position().y0 > low.get_position().y1
    assert view.chart.title == "Iran: sanctions pressed and relaxed, and crude exports"
    assert view.chart.alt == (
        "Two-panel chart for Iran. Top: timeline of 3 sanctions steps (1 tightened, 1 relaxed, 1 other) "
        "from 12 November 1979 to 19 January 1981, one row each, ordered by date; bars show periods "
        f"such as waivers and licences. Bottom: {IRAN_ALT}.")
    assert_layout(fig)
    close(fig)


def test_case_view_for_cuba_and_north_korea_on_literal_data():
    view, fig = capture(sh.case_view, *_lit_args(), "Cuba")
    ax, low = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Feb 1962 · Full embargo",
                                                            "Nov 1992 · First UNGA vote"]
    # The vote below: a stacked bar at mid-year for each vote held, 'no vote' where none was.
    drawn = bars(low)
    assert sorted({round(b.x) for b in drawn}) == [round(_day(f"{y}-07-01")) for y in
                                                   (1992, 1993, 1996, 2019, 2021)]
    assert [b.height for b in drawn[:5]] == [59, 88, 137, 187, 184]
    (gap,) = [t for t in low.texts if t.get_text() == "no vote"]
    assert _day(gap.get_position()[0]) == _day("2020-07-01")
    assert low.get_ylabel() == "UN vote on the embargo (states)" and low.get_ylim() == (0, 200)
    assert [round(v) for v in low.get_xlim()] == [round(_day("1959-01-01")), round(_day("2027-06-01"))]
    lo, hi = low.get_xlim()
    assert [t.get_text() for t in low.get_xticklabels() if lo <= t.get_position()[0] <= hi] == [
        "1960", "1970", "1980", "1990", "2000", "2010", "2020"]
    assert legend_labels(fig) == ["Tightened", "Other", "In favour", "Against", "Abstained"]
    # Bars of 300 days centred on mid-year; stacked in favour, against, abstained.
    assert all(b.width == pytest.approx(300) for b in drawn)
    assert [(b.bottom, b.height) for b in drawn[5:10]] == [(59, 3), (88, 4), (137, 3), (187, 3), (184, 2)]
    assert {b.hatch for b in drawn[:10]} == {None} and all(b.hatch for b in drawn[10:])
    assert view.chart.title == "Cuba: sanctions pressed and relaxed, and the UN vote on the embargo"
    assert view.chart.alt.endswith(f"Bottom: {CUBA_ALT}.")
    assert "timeline of 2 sanctions steps (1 tightened, 1 other) from 3 February 1962 to 24 November " \
           "1992" in view.chart.alt
    assert_layout(fig)
    close(fig)
    view, fig = capture(sh.case_view, *_lit_args(), "North Korea")
    ax, low = fig.axes
    assert view.summary == "North Korea: 1 step (1 tightened)"
    # Compact: each test labelled by its number only. Test 2 is followed within a year by test 3
    # at about the same height: its number goes to the left and above its dot; the others to the
    # right and just below.
    placed = [(a.get_text(), a.xyann, a.get_horizontalalignment()) for a in low.texts]
    assert placed == [("1", (6, -4), "left"), ("2", (-6, 7), "right"), ("3", (6, -4), "left"),
                      ("4", (6, -4), "left")]
    assert low.get_ylim() == pytest.approx((0.2, 400))
    assert [t.get_text() for t in low.get_yticklabels()] == ["0.5", "1", "2", "5", "10", "20", "50",
                                                             "100", "200"]
    assert low.get_yscale() == "log"
    lo, hi = low.get_xlim()
    assert [round(lo), round(hi)] == [round(_day("2005-01-01")), round(_day("2025-06-01"))]
    assert [t.get_text() for t in low.get_xticklabels() if lo <= t.get_position()[0] <= hi][:3] == [
        "2006", "2008", "2010"]
    assert legend_labels(fig) == ["Tightened"]
    assert view.chart.alt.endswith("Bottom: North Korea's nuclear tests: " + sh._tests_alt(TESTS) + ".")
    assert "test 4 on 3 September 2017: 109.4 kt ± 48.6" in view.chart.alt
    assert_layout(fig)
    close(fig)


def test_case_view_of_all_three_on_a_literal_timeline():
    view, fig = capture(sh.case_view, *_lit_args())
    assert list(view.frame["id"]) == ["IR01", "IR02", "IR03", "CU02", "CU05", "KP01"]
    assert view.summary == "All three cases: 6 steps (3 tightened, 1 relaxed, 2 other)"
    tops, lows = fig.axes[:3], fig.axes[3:6]
    assert [a.get_title() for a in tops] == ["Iran", "Cuba", "North Korea"]
    assert [a.get_title() for a in lows] == ["Crude exports (thousand b/d)",
                                             "UN vote on the embargo (states)",
                                             "Nuclear test yield (kt, log scale)"]
    # Each step at the row of who acted: United Nations at the top, Others at the foot.
    layers = ["United Nations", "United States", "EU / UK, France, Germany", "Japan / South Korea",
              "Others"]
    assert [t.get_text() for t in tops[0].get_yticklabels()] == layers
    assert list(tops[0].get_yticks()) == [4, 3, 2, 1, 0]
    assert all(t.get_text() == "" for a in tops[1:] for t in a.get_yticklabels())
    assert tops[0].get_ylim() == pytest.approx((-0.6, 4.6))
    assert sorted((round(p.x), p.y) for p in points(tops[0])) == [
        (round(_day("1979-11-12")), 3), (round(_day("1979-11-12")), 4), (round(_day("1981-01-19")), 3)]
    assert sorted((round(p.x), p.y) for p in points(tops[1])) == [
        (round(_day("1962-02-03")), 3), (round(_day("1992-11-24")), 4)]
    assert [(round(p.x), p.y) for p in points(tops[2])] == [(round(_day("2006-10-14")), 4)]
    # Coloured and shaped by direction, as in the legend.
    looks = sh.direction_looks()
    by_day = {round(p.x): p for p in points(tops[1])}
    assert by_day[round(_day("1962-02-03"))].facecolor == colour(looks["tighten"]["color"])
    assert by_day[round(_day("1992-11-24"))].facecolor == colour(looks["other"]["color"])
    assert len({p.marker_path for p in by_day.values()}) == 2
    # The timelines get a little more height than the indicators below them.
    assert tops[0].get_position().height > lows[0].get_position().height
    # Each case on its own span of years, top and bottom alike.
    for top, low, (a, b) in zip(tops, lows, [("1978-01-01", "2027-06-01"), ("1959-01-01", "2027-06-01"),
                                             ("2005-01-01", "2025-06-01")], strict=True):
        for axis in (top, low):
            assert [round(v) for v in axis.get_xlim()] == [round(_day(a)), round(_day(b))]
    shown = []
    for axis in tops:
        lo, hi = axis.get_xlim()
        shown.append([t.get_text() for t in axis.get_xticklabels() if lo <= t.get_position()[0] <= hi])
    assert shown == [["1980", "1995", "2010", "2025"], ["1960", "1980", "2000", "2020"],
                     ["2010", "2016", "2022"]]
    assert len(bars(lows[1])) == 15 and not [t for t in lows[1].texts if t.get_text() == "no vote"]
    assert [t.get_text() for t in lows[2].texts] == ["1", "2", "3", "4"]  # compact test labels
    assert legend_labels(fig) == ["Tightened", "Relaxed", "Other"] and legend_title(fig) == "Step"
    assert tops[0].get_ylabel() == "Who acted"
    assert (lows[0].get_xlabel(), lows[0].get_ylabel()) == ("Year", "Indicator (see panel title)")
    assert view.chart.title == "Three cases side by side: sanctions steps and key indicators"
    assert view.chart.alt == (
        "Three columns, one per case, 6 steps in all (3 tightened, 1 relaxed, 2 other). Top row: "
        "sanctions steps over time by who acted (United Nations, United States, EU or E3, Japan or "
        "South Korea, others), marked as tightened, relaxed or other. Bottom row: each case's key "
        f"indicator. Iran: 3 steps (1 tightened, 1 relaxed, 1 other) from 1979 to 1981; {IRAN_ALT}. "
        f"Cuba: 2 steps (1 tightened, 1 other) from 1962 to 1992; {CUBA_ALT}. North Korea: 1 step "
        "(1 tightened) from 2006 to 2006; North Korea's nuclear tests: " + sh._tests_alt(TESTS) + ".")
    assert (view.chart.width, view.chart.height) == (691, 480)  # 7.2 × 5 inches
    assert view.chart.source == data.source_line("sanctions_events", STEPS)
    assert_layout(fig)
    close(fig)


def test_looks_follow_the_schema_and_fall_back_for_a_new_value(monkeypatch):
    looks = sh.direction_looks()
    assert list(looks) == ["tighten", "relax", "other"]
    assert looks["tighten"] == {"color": "#D55E00", "marker": "^"}
    assert looks["relax"] == {"color": "#009E73", "marker": "v"}
    assert looks["other"] == {"color": "#777777", "marker": "o"}
    assert sh.vote_colours() == {"yes": "#0072B2", "no": "#D55E00", "abstain": "#E69F00"}
    # A value the schema gains later gets the palette's look for its place in the schema's order.
    original = data.vocabulary
    monkeypatch.setattr(data, "vocabulary", lambda res, col: [*original(res, col), "paused"])
    looks = sh.direction_looks()
    assert list(looks) == ["tighten", "relax", "other", "paused"]
    assert looks["paused"] == {"color": "#0072B2", "marker": "^"}  # the palette's 4th colour and marker
    assert looks["tighten"]["marker"] == "^"
    assert sh.vote_colours()["paused"] == "#0072B2"
    assert list(sh.vote_colours()) == ["yes", "no", "abstain", "paused"]


def test_case_view_of_iran_makes_room_for_a_record_export_figure():
    exports = EXPORTS.copy()
    exports.loc[1, "exports_kbd"] = 4000.0  # an EIA year far above the usual 3000 kb/d ceiling
    view, fig = capture(sh.case_view, STEPS, exports, YEARS, TESTS, "Iran")
    low = fig.axes[1]
    assert low.get_ylim() == pytest.approx((0, 4400))  # 10 % headroom above the highest value
    assert max(lines(low)[0][1]) == 4000.0
    assert_layout(fig)
    close(fig)


# A roll-call file with a gap (1994) between its years, and news reports naming Japan against in
# 1994 and abstaining in 2021.
VOTES2 = pd.DataFrame({"year": [1992, 1992, 1993, 1995, 1995],
                       "country": ["Japan", "Cuba", "Cuba", "Japan", "Cuba"],
                       "vote": ["abstain", "yes", "yes", "no", "yes"]})
TALLIES2 = pd.DataFrame({
    "year": [2021, 1992, 1993, 1994, 1995, 2020], "yes": [184, 59, 88, 101, 117, None],
    "no": [2, 3, 4, 2, 3, None], "abstain": [3, 71, 57, 48, 38, None],
    "tally_basis": ["UN press release", "roll-call file", "roll-call file", "wire or newspaper report",
                    "roll-call file", "no vote"],
    "file_yes": [None, 59, 88, None, 117, None], "file_no": [None, 3, 4, None, 3, None],
    "file_abstain": [None, 71, 57, None, 38, None],
    "countries_no": ["", "", "", "Israel; Japan ", "", "Japan"],
    "countries_abstain": ["Japan", "", "", "", "", ""],
    "source_ids": ["unvotes-dgrtwo"] * 6})


def test_country_view_words_file_votes_absences_and_news_reports():
    frame = sh.country_votes(VOTES2, TALLIES2, "Japan")
    assert list(frame["year"]) == [1992, 1993, 1994, 1995, 2020, 2021]  # sorted by year
    assert list(frame["vote"].fillna("-")) == ["abstain", "-", "no", "no", "-", "abstain"]
    assert list(frame["origin"]) == ["roll-call file", "roll-call file", "news reports", "roll-call file",
                                     "", "news reports"]
    assert list(frame["shown"]) == ["Abstained", sh.ABSENT, "Against (news reports)", "Against",
                                    sh.NO_VOTE, "Abstained (news reports)"]
    assert list(frame["yes"].fillna(-1)) == [59, 88, 101, 117, -1, 184]
    assert list(frame["no"].fillna(-1)) == [3, 4, 2, 3, -1, 2]
    assert list(frame["abstain"].fillna(-1)) == [71, 57, 48, 38, -1, 3]
    assert frame.loc[5, "tally_basis"] == "UN press release"
    assert set(frame["source_ids"]) == {"unvotes-dgrtwo"}
    view = sh.country_view(VOTES2, TALLIES2, "Japan")
    assert view.summary == (
        "Japan: of the 3 votes in the roll-call file (1992–1993 and 1995), against 1, abstained 1, "
        f"{sh.ABSENT} 1; news reports list it as against in 1994; news reports list it as abstained "
        "in 2021")
    assert view.table.caption == view.summary + "."
    cuba = sh.country_view(VOTES2, TALLIES2, "Cuba")
    assert cuba.summary == "Cuba: of the 3 votes in the roll-call file (1992–1993 and 1995), in favour 3"
    assert list(cuba.frame["shown"])[2] == f"{sh.NOT_IN_FILE} (in favour or absent)"
    assert list(cuba.frame["origin"]) == ["roll-call file", "roll-call file", "", "roll-call file", "", ""]
    assert cuba.chart.alt.endswith("1994 not in the roll-call file (in favour or absent); 1995 In favour; "
                                   "2020 no vote held; 2021 not in the roll-call file (in favour or "
                                   "absent).")
    assert sh.countries(VOTES2) == ["Cuba", "Japan"]
    assert sh.countries(pd.DataFrame({"year": [1992] * 3, "country": ["b", "C", "a"],
                                      "vote": ["yes"] * 3})) == ["a", "b", "C"]  # case-blind order


@pytest.mark.parametrize("which, name", [(0, "sanctions_events"), (1, "iran_crude_exports"),
                                         (2, "cuba_un_vote_tallies"), (3, "dprk_nuclear_tests")])
def test_case_view_names_the_table_that_lacks_a_column(which, name):
    args = list(_lit_args())
    args[which] = args[which].drop(columns=args[which].columns[1])
    with pytest.raises(ValueError, match=f"the '{name}' table lacks column"):
        sh.case_view(*args, "Iran")


def test_country_view_names_the_table_that_lacks_a_column():
    with pytest.raises(ValueError, match="the 'cuba_un_votes_by_country' table lacks column"):
        sh.country_view(VOTES2.drop(columns="vote"), TALLIES2, "Japan")
    with pytest.raises(ValueError, match="the 'cuba_un_votes_by_country' table lacks column"):
        sh.countries(VOTES2.drop(columns="year"))
    with pytest.raises(ValueError, match="the 'cuba_un_vote_tallies' table lacks column"):
        sh.country_view(VOTES2, TALLIES2.drop(columns="countries_no"), "Japan")
    with pytest.raises(ValueError, match="the 'sanctions_events' table lacks column"):
        sh.events_table(STEPS.drop(columns="layer"))
    with pytest.raises(ValueError, match="the 'sanctions_cases_compared' table lacks column"):
        sh.comparison_table(pd.DataFrame({"case": ["Iran"]}))


def test_draw_exports_skips_a_missing_type_and_keeps_the_rest():
    fig, ax = plt.subplots()
    # No agency estimate and no EIA figure: the other two types are still drawn and named.
    rows = EXPORTS[EXPORTS["estimate_type"].isin(["tanker tracking", "press estimate"])]
    handles = sh._draw_exports(ax, rows)
    assert [h.get_label() for h in handles] == ["Tanker tracking (Kpler, Vortexa, TankerTrackers…)",
                                                "Press estimate"]
    assert sorted(p.y for p in points(ax)) == [160.0, 1390.0, 2500.0]
    assert not lines(ax) and ax.get_ylim() == (0, 3000)
    close(fig)
