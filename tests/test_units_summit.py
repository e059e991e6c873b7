"""studyguide.summit (chapter 4): events, talks, ledger, trade, UN alignment, the explorer."""

from __future__ import annotations

import re
import xml.dom.minidom

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from chartcheck import assert_layout, bars, capture, close, colour, legend_labels, legend_title, lines, points
from helpers import HOSTILE, JAPANESE, tags_of, text_of

from studyguide import data, summit


@pytest.fixture(scope="module")
def un():
    return {n: data.load(n) for n in ("unga_votes", "unga_roll_calls", "unga_countries",
                                      "unga_agreement")}


@pytest.fixture(scope="module")
def events():
    return data.load("summit_events")


def _args(un):
    return un["unga_votes"], un["unga_roll_calls"], un["unga_countries"]


# Literal fixtures: five roll calls in two years, three countries.
VOTES = pd.DataFrame({"rcid": [1, 2, 3, 4, 5],
                      "AA": ["y", "y", "n", "a", "y"],
                      "BB": ["y", "n", "n", "y", ""],
                      "CC": ["", "y", "n", "a", "y"]})
ROLLS = pd.DataFrame({"rcid": [1, 2, 3, 4, 5], "year": [2000, 2000, 2000, 2001, 2001],
                      "year_partial": [False, False, False, True, True],
                      "issues": ["hr", "", "hr;nu", "nu", ""]})
NAMES = pd.DataFrame({"code": ["AA", "BB", "CC"], "name": ["Aland", "Borduria", "Carpania"]})


def test_agreement_on_a_literal_frame():
    got = summit.agreement(VOTES, ROLLS, ["AA", "BB"])
    # 2000: three shared, two same (y/y, n/n); 2001: one shared (a/y), none same; rcid 5 BB absent
    assert list(got["year"]) == [2000, 2001]
    assert list(got["n_shared"]) == [3, 1]
    assert list(got["n_agree"]) == [2, 0]
    assert list(got["year_partial"]) == [False, True]
    hr = summit.agreement(VOTES, ROLLS, ["AA", "BB"], issue="hr")
    assert list(hr["n_shared"]) == [2] and list(hr["n_agree"]) == [2]  # 'hr;nu' counts as hr


def test_abstain_against_yes_is_a_disagreement_and_absence_counts_neither_way():
    got = summit.agreement(VOTES, ROLLS, ["AA", "CC"])
    assert list(got["n_shared"]) == [2, 2] and list(got["n_agree"]) == [2, 2]


def test_roll_calls_are_joined_on_rcid_not_by_position():
    shuffled = ROLLS.iloc[::-1].reset_index(drop=True)
    pd.testing.assert_frame_equal(summit.agreement(VOTES, shuffled, ["AA", "BB"]),
                                  summit.agreement(VOTES, ROLLS, ["AA", "BB"]))


def test_pooled_is_a_ratio_of_sums_not_a_mean_of_shares():
    frame = pd.DataFrame({"country_a": ["A", "A"], "country_b": ["B", "B"], "year": [1, 2],
                          "n_agree": [1, 90], "n_shared": [10, 100]})
    got = summit.pooled(frame)
    assert got["agreement"].iloc[0] == pytest.approx(91 / 110)


def test_view_on_a_literal_frame():
    view = summit.alignment_view(VOTES, ROLLS, NAMES, ["BB", "AA", "CC"])
    assert list(view.table.frame["pair"]) == ["Aland–Borduria", "Aland–Carpania", "Borduria–Carpania"]
    assert view.summary.startswith("Same vote, 1992–2000, all roll calls: Aland–Borduria")
    assert view.chart.svg.startswith(b"<svg") and b"Aland" in view.chart.svg


@pytest.mark.parametrize("issue", ["all", "nu", "me", "hr"])
@pytest.mark.parametrize("pair", [("CN", "RU"), ("CN", "US"), ("RU", "US"), ("IN", "KP"), ("DE", "UA")])
def test_view_matches_the_precomputed_table(un, pair, issue):
    """The view (computed from the vote matrix) equals data/unga_agreement.csv, row for row."""
    view = summit.alignment_view(*_args(un), list(pair), issue)
    a, b = sorted(pair, key=summit.core_countries().index)
    file = un["unga_agreement"]
    file = file[(file["country_a"] == a) & (file["country_b"] == b) & (file["issue"] == issue)]
    got = view.frame
    assert list(got["year"]) == list(file["year"])
    assert list(got["n_shared"]) == list(file["n_shared"])
    assert list(got["n_agree"]) == list(file["n_agree"])
    assert np.allclose(got["agreement"].round(4), file["agreement"].astype(float))


def test_the_order_of_the_pair_does_not_matter(un):
    one = summit.alignment_view(*_args(un), ["RU", "CN"])
    other = summit.alignment_view(*_args(un), ["CN", "RU"])
    assert one.summary == other.summary and one.chart.svg == other.chart.svg


def test_a_country_outside_the_15_works(un):
    view = summit.alignment_view(*_args(un), ["ZA", "BR", "IN"], "hr")
    assert view.table.frame["pair"].tolist() == ["India–Brazil", "India–South Africa",
                                                 "Brazil–South Africa"]


def test_partial_years_are_flagged_and_shaded(un):
    view = summit.alignment_view(*_args(un))
    assert set(view.frame.loc[view.frame["year_partial"], "year"]) == {2018, 2019}
    assert b">partial<" in view.chart.svg
    assert "2018–19 (partial)" in " ".join(view.table.frame.columns) or any(
        "(partial)" in c for c in view.table.labels.values())


def test_the_chart_is_valid_accessible_svg(un):
    view = summit.alignment_view(*_args(un))
    fragment = view.chart._repr_html_()
    img = [attrs for tag, attrs in tags_of(fragment) if tag == "img"][0]
    assert img["alt"].startswith("Line chart of the share of UN General Assembly roll calls on which "
                                 "China, Russia and United States cast the same vote")
    xml.dom.minidom.parseString(view.chart.svg)  # well-formed
    assert "data/unga_votes.csv" in text_of(fragment)


def test_a_pair_that_never_voted_together_says_so():
    votes = VOTES.assign(CC=["", "", "", "", ""])
    view = summit.alignment_view(votes, ROLLS, NAMES, ["AA", "CC"])
    assert view.frame.empty
    assert b"No roll call on which these countries both voted" in view.chart.svg
    assert "no shared votes" in view.summary


@pytest.mark.parametrize("countries, error", [
    ("CN", TypeError), (None, TypeError), (42, TypeError), (["CN", 7], TypeError),
    (["CN"], ValueError), (["CN", "RU", "US", "GB"], ValueError), (["CN", "CN"], ValueError),
    (["CN", "XX"], ValueError), (["CN", HOSTILE], ValueError), (["CN", JAPANESE], ValueError),
    ([], ValueError),
])
def test_bad_countries(un, countries, error):
    with pytest.raises(error):
        summit.alignment_view(*_args(un), countries)


@pytest.mark.parametrize("issue, error", [("xx", ValueError), (HOSTILE, ValueError),
                                          (JAPANESE, ValueError), (["nu"], TypeError),
                                          (None, TypeError)])
def test_bad_issue(un, issue, error):
    with pytest.raises(error):
        summit.alignment_view(*_args(un), ["CN", "RU"], issue)


def test_wrong_tables_are_named():
    with pytest.raises(TypeError, match="unga_votes"):
        summit.agreement("votes.csv", ROLLS, ["AA", "BB"])
    with pytest.raises(ValueError, match="unga_roll_calls"):
        summit.agreement(VOTES, ROLLS.drop(columns="issues"), ["AA", "BB"])


def test_book_explorer_covers_every_pair_of_15_and_every_issue(un):
    """The page's explorer offers every ordered pair of the 15 countries and every issue; the
    book test checks that the built page embeds a view for each (computing all 1,470 here would
    make the fast layer slow), and `make bench` reports their size."""
    ex = summit.explorer(*_args(un))
    assert [len(c.options) for c in ex.controls] == [15, 15, 7]
    valid = [c for c in ex.combinations() if not ex.invalid(ex.choices(c))]
    assert len(valid) == 15 * 14 * 7
    assert ex.render([0, 0, 0]) == ("", "Pick different countries.")
    fragment, line = ex.render([0, 1, 0])
    assert line.startswith("Same vote, 1992–2017, all roll calls: China–Russia")
    assert ex.render([1, 0, 0]) == (fragment, line)  # (a, b) and (b, a) share one view


def test_live_explorer_offers_all_members_and_embeds_no_states(un):
    ex = summit.explorer(*_args(un), scope="all")
    assert len(ex.controls[0].options) == len(un["unga_countries"])
    assert ex.controls[2].options[0] == (None, "none")
    assert "sg-explorer-states" not in ex.static_html()
    _, line = ex.render([ex.controls[0].options.index(("IN", "India")),
                         ex.controls[1].options.index(("BR", "Brazil")), 0, 0])
    assert "India–Brazil" in line and "–" in line
    with pytest.raises(ValueError, match="unknown scope 'everything'"):
        summit.explorer(*_args(un), scope="everything")


# --- the other tables and charts -------------------------------------------------------------

def test_ledger_joins_types_to_claims_in_the_schema_order():
    claims = pd.DataFrame({"id": ["X1", "X2", "X3"], "seed_section": ["概要"] * 3,
                           "speaker": ["korybko"] * 3, "quote_ja": [JAPANESE, HOSTILE, "q"],
                           "paraphrase_en": ["a", "b", "c"], "verdict": ["opinion"] * 3,
                           "finding": ["f"] * 3, "source_ids": ["seed-commentary"] * 3})
    types = pd.DataFrame({"claim_id": ["X3", "X1", "X2"],
                          "statement_type": ["speculation", "fact", "interpretation"],
                          "marker_ja": ["推測している", "", ""], "marker_en": ["speculates", "", ""],
                          "reason": ["r"] * 3})
    rows = summit.ledger(claims, types)
    assert list(rows["claim_id"]) == ["X1", "X2", "X3"]
    assert list(rows["hedge"]) == ["—", "—", "推測している (speculates)"]
    html = summit.ledger_table(rows)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and JAPANESE in html
    with pytest.raises(ValueError, match="not in data/claims.csv"):
        summit.ledger(claims[claims["id"] != "X1"], types)


def test_ledger_of_the_data_covers_every_chapter_4_claim():
    claims, types = data.load("claims"), data.load("summit_claim_types")
    rows = summit.ledger(claims, types)
    assert set(rows["claim_id"]) == set(claims.loc[claims["chapter"] == 4, "id"])


def test_when():
    events = data.load("summit_events")
    assert summit.when(events, "E04") == "8 May 2025"
    assert summit.when(events, "E03") == "7–10 May 2025"
    assert summit.when(events, "E09") == "31 August–1 September 2025"
    with pytest.raises(ValueError, match="no event"):
        summit.when(events, HOSTILE)


def test_issue_chart_refuses_too_many_pairs():
    agreement = data.load("unga_agreement")
    rows = agreement[(agreement["country_a"] == "CN") & (agreement["year"] == 2017)]
    by = rows.groupby(["country_a", "country_b", "issue"])[["n_agree", "n_shared"]].sum()
    with pytest.raises(ValueError, match="at most 3 pairs"):
        summit.issue_chart(by, period="2017")
    with pytest.raises(ValueError, match="empty"):
        summit.issue_chart(by.iloc[:0], period="2017")


BY_ISSUE = pd.DataFrame({"country_a": ["RU", "CN", "CN", "CN"], "country_b": ["US", "RU", "RU", "US"],
                         "issue": ["all", "nu", "all", "all"],
                         "n_agree": [1, 2, 1544, 0], "n_shared": [4, 4, 2222, 0]})


def test_issue_table_on_a_literal_frame():
    table = summit.issue_table(BY_ISSUE, period="1992–2017", issue="all")
    expected = pd.DataFrame({"pair": ["China–Russia", "China–United States", "Russia–United States"],
                             "n_shared": ["2,222", "0", "4"], "n_agree": ["1,544", "0", "1"],
                             "share": ["69%", "no shared votes", "25%"]})
    pd.testing.assert_frame_equal(table.frame, expected)
    assert table.caption.startswith("How often each pair voted the same way in the UN General "
                                    "Assembly, 1992–2017, all roll calls:")
    assert "unga_agreement.csv" in table.source
    assert "Same vote (%)" in table._repr_html_()
    every = summit.issue_table(BY_ISSUE.set_index(["country_a", "country_b", "issue"]), period="2017")
    assert list(every.frame["issue"]) == ["All roll calls", "All roll calls", "All roll calls",
                                          "Nuclear weapons and nuclear material"]
    assert "by issue category" in every.caption


def test_issue_table_empty_unknown_wrong_type_and_hostile_text():
    empty = summit.issue_table(BY_ISSUE.iloc[:0], period="2017")
    assert empty.frame.empty and "No rows match" in empty._repr_html_()
    assert summit.issue_table(BY_ISSUE, period="2017", issue="hr").frame.empty
    with pytest.raises(ValueError, match="unknown issue"):
        summit.issue_table(BY_ISSUE, period="2017", issue="xx")
    with pytest.raises(TypeError, match="issue must be one of"):
        summit.issue_table(BY_ISSUE, period="2017", issue=["all"])
    with pytest.raises(TypeError, match="period"):
        summit.issue_table(BY_ISSUE, period=2017)
    with pytest.raises(TypeError, match="DataFrame"):
        summit.issue_table(BY_ISSUE.to_dict(), period="2017")
    with pytest.raises(ValueError, match="lacks column"):
        summit.issue_table(BY_ISSUE.drop(columns="n_shared"), period="2017")
    page = summit.issue_table(BY_ISSUE, period=HOSTILE + JAPANESE, issue="all")._repr_html_()
    assert HOSTILE not in page and JAPANESE in page
    assert "script" not in [tag for tag, _ in tags_of(page)]


# --- the charts and tables of the visit, the talks and trade, on literal fixtures --------------

def _frame(resource: str, **columns) -> pd.DataFrame:
    frame = pd.DataFrame(columns)
    frame.attrs["resource"] = resource
    return frame


def _events() -> pd.DataFrame:
    """Six events, given out of order: a seed claim with no day, a visit over four days, two rows
    on 8 May (E4 before E3 here), a summit across a month's end, and a planned visit in 2026."""
    rows = [  # id, date, end_date, precision, status, short_label
        ("E4", "2025-05-08", None, "day", "claimed_by_one_side", "Pipeline memo"),
        ("E6", "2026-05-19", "2026-05-20", "range", "announced", "Beijing (planned)"),
        ("E1", "2025-04-30", None, "approximate", "seed_claim", "Seed: end of April"),
        ("E3", "2025-05-08", None, "day", "confirmed", "Talks"),
        ("E5", "2025-08-31", "2025-09-01", "range", "confirmed", "SCO summit"),
        ("E2", "2025-05-07", "2025-05-10", "range", "confirmed", "State visit"),
    ]
    ids, dates, ends, precision, status, short = zip(*rows, strict=True)
    return _frame("summit_events", id=list(ids), date=pd.to_datetime(list(dates)),
                  end_date=pd.to_datetime(list(ends)), date_precision=list(precision),
                  category=["visit"] * 6, status=list(status), event=[f"What {i} was" for i in ids],
                  short_label=list(short), actors=["Xi Jinping"] * 6, documents=[""] * 6,
                  source_ids=["seed-commentary"] * 6, note=[""] * 6)


EVENT_LABELS = ["Apr 2025, no day given · Seed: end of April", "7–10 May 2025 · State visit",
                "8 May 2025 · Talks", "8 May 2025 · Pipeline memo", "31 Aug–1 Sep 2025 · SCO summit",
                "19–20 May 2026 · Beijing (planned)"]


def test_event_labels_say_one_day_a_range_a_range_over_a_month_end_or_no_day():
    frame = _events().sort_values(["date", "id"])
    assert [summit._event_label(r) for r in frame.itertuples()] == EVENT_LABELS


def _day(text: str) -> float:
    return float(mdates.date2num(pd.Timestamp(text)))


def test_events_chart_puts_spring_2025_left_by_day_and_the_rest_right_by_month():
    chart, fig = capture(summit.events_chart, _events())
    try:
        early, late = fig.axes
        # one row per event, first at the top, labelled with its date and short label
        assert [(t.get_position()[1], t.get_text()) for t in early.get_yticklabels()] == \
            list(zip(range(5, -1, -1), EVENT_LABELS, strict=True))
        orange, green, blue, vermillion = "#e69f00", "#009e73", "#0072b2", "#d55e00"
        assert [(p.x, p.y, p.facecolor, p.edgecolor) for p in points(early)] == [
            (_day("2025-04-30"), 5, "#ffffff", vermillion),  # no day given: hollow
            (_day("2025-05-07"), 4, orange, orange), (_day("2025-05-08"), 3, orange, orange),
            (_day("2025-05-08"), 2, green, green)]
        assert [(p.x, p.y, p.facecolor) for p in points(late)] == [
            (_day("2025-08-31"), 1, orange), (_day("2026-05-19"), 0, blue)]
        shapes = {(p.edgecolor, p.marker_path) for p in points(early) + points(late)}
        assert len(shapes) == 4 == len({shape for _, shape in shapes})  # a shape per status
        # a bar spans a multi-day event up to the end of its last day
        assert lines(early) == [([pd.Timestamp("2025-05-07"), pd.Timestamp("2025-05-11")], [4, 4],
                                 orange)]
        assert lines(late) == [
            ([pd.Timestamp("2025-08-31"), pd.Timestamp("2025-09-02")], [1, 1], orange),
            ([pd.Timestamp("2026-05-19"), pd.Timestamp("2026-05-21")], [0, 0], blue)]
        # a few days' margin on the left panel, a few weeks' on the right
        assert early.get_xlim() == (_day("2025-04-27"), _day("2025-05-14"))
        assert late.get_xlim() == (_day("2025-08-11"), _day("2026-06-14"))
        assert [t.get_text() for t in early.get_xticklabels()] == ["1 May", "8 May"]
        assert [t.get_text() for t in late.get_xticklabels()] == ["Oct\n2025", "Jan\n2026",
                                                                  "Apr\n2026"]
        assert (early.get_xlabel(), late.get_xlabel(), early.get_ylabel()) == (
            "May 2025 (by day)", "Later (by month)", "Event")
        assert fig.texts[0].get_text() == "The summit and what followed, 2025–2026"
        assert legend_title(fig) == "Status"
        assert legend_labels(fig) == ["Confirmed", "Claimed by one side only",
                                      "Announced; outcome unconfirmed", "Seed's claim (wrong)"]
        assert_layout(fig)
        ylabel = early.yaxis.label.get_window_extent(fig.canvas.get_renderer())
        assert ylabel.x0 < 0.05 * fig.bbox.width  # at the figure's left edge, clear of the labels
    finally:
        close(fig)
    assert chart.alt == (
        "Timeline of 6 events from 30 April 2025 to 20 May 2026 (3 confirmed, 1 claimed by one "
        "side only, 1 announced; outcome unconfirmed, 1 seed's claim (wrong)). Left panel, by day: "
        "the seed's 'end of April', then the announcement of Xi's visit, the visit and the talks "
        "and documents of 8 May 2025. Right panel, by month: 31 Aug–1 Sep 2025 · SCO summit; "
        "19–20 May 2026 · Beijing (planned).")
    assert (chart.width, chart.height) == (691, 355)  # 7.2 in wide, 1.9 in + 0.3 in per event
    assert chart.source.startswith("Data: data/summit_events.csv")
    assert "Compiled from 1 source" in chart.source


def test_events_chart_layout_on_the_data_and_on_a_long_label(events):
    """The left margin grows with the longest label: one as long as the data's longest (51
    characters) in the middle row, beside the axis title, is clear of it."""
    long = "Talks in the Kremlin and an afternoon tea in the office"[:38]
    for frame in (events, _events().assign(short_label=lambda f: f["short_label"].where(
            f["id"] != "E3", long))):
        chart, fig = capture(summit.events_chart, frame)
        try:
            assert_layout(fig)
            assert len(fig.axes[0].get_yticklabels()) == len(frame)
        finally:
            close(fig)
        if frame is events:
            assert chart.alt.startswith(f"Timeline of {len(events)} events from 30 April 2025 to ")
            assert "Seed's claim (wrong)" in chart.svg.decode()
    assert "Compiled from" in summit.events_table(events).source


def test_events_table_lists_every_event_by_date_then_id():
    table = summit.events_table(_events())
    assert list(table.frame.columns) == ["date", "end_date", "status", "event", "documents",
                                         "source_ids", "note"]
    assert list(table.frame["event"]) == [f"What {i} was" for i in
                                          ["E1", "E2", "E3", "E4", "E5", "E6"]]
    assert list(table.frame["status"])[:2] == ["Seed's claim (wrong)", "Confirmed"]
    assert table.caption.startswith("The China–Russia summit of May 2025 and what followed")
    assert table.labels["end_date"] == "Until"


def _talks() -> pd.DataFrame:
    """Four figures, given out of order: two of 7 hours (L2 before L1 here), 4 and 3.5 hours;
    no figure of the scope 'part'."""
    return _frame("talks_length", id=["L4", "L2", "L1", "L3"],
                  reported_by=["KVIA", "Seed", "UNN", "UPI"],
                  original_source=["CNN", "Korybko", "TASS", "UPI"],
                  hours=[3.5, 7.0, 7.0, 4.0], hours_text=["about 3.5", "7時間", "7 hours", "four"],
                  scope=["formal_talks", "unspecified", "whole_day", "formal_talks"],
                  published=pd.to_datetime(["2025-05-08"] * 4), published_time_msk=["", "", "", "16:14"],
                  explanation=["e"] * 4, source_ids=["cnn-xi-moscow", "seed-commentary",
                                                     "unn-tass-seven-hours", "upi-xi-victory-day"],
                  note=[""] * 4)


def test_who_gives_the_figure():
    rows = _talks().itertuples()
    assert [summit.who(r) for r in rows] == ["CNN, via KVIA", "Seed: Korybko", "TASS, via UNN", "UPI"]


def test_talks_chart_draws_one_bar_per_figure_longest_first():
    chart, fig = capture(summit.talks_chart, _talks())
    try:
        ax = fig.axes[0]
        assert [(t.get_position()[1], t.get_text()) for t in ax.get_yticklabels()] == [
            (3, "TASS, via UNN"), (2, "Seed: Korybko"), (1, "UPI"), (0, "CNN, via KVIA")]
        got = [(b.width, round(b.bottom + b.height / 2, 9), b.facecolor, b.hatch) for b in bars(ax)]
        assert got == [(7.0, 3, "#e69f00", ""), (7.0, 2, "#0072b2", "xx"),
                       (4.0, 1, "#56b4e9", "//"), (3.5, 0, "#56b4e9", "//")]
        assert all(b.x == b.width / 2 for b in bars(ax))  # from zero
        labels = [(t.get_position(), t.get_text()) for t in ax.texts]
        assert labels == [((7.1, 3), "7 h"), ((7.1, 2), "7 h"), ((4.1, 1), "4 h"),
                          ((3.6, 0), "3.5 h")]
        assert ax.get_xlim() == (0, 8)
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("Length as published (hours)",
                                                      "Who gives the figure")
        assert legend_title(fig) == "What the figure counts"
        assert legend_labels(fig) == ["All formats, including the afternoon tea",
                                      "Formal talks up to the signing", "Not stated"]
        handles = fig.legends[0].legend_handles
        assert [h.get_hatch() for h in handles] == ["", "//", "xx"]
        assert [colour(h.get_facecolor()) for h in handles] == ["#e69f00", "#56b4e9", "#0072b2"]
        assert_layout(fig)
        ylabel = ax.yaxis.label.get_window_extent(fig.canvas.get_renderer())
        assert ylabel.x0 < 0.05 * fig.bbox.width  # at the figure's left edge
    finally:
        close(fig)
    assert chart.title == "How long were the talks of 8 May 2025?"
    assert chart.alt == (
        "Bar chart of the published lengths of the Xi–Putin talks of 8 May 2025: TASS, via UNN: "
        "7 hours (all formats, including the afternoon tea); Seed: Korybko: 7 hours (not stated); "
        "UPI: 4 hours (formal talks up to the signing); CNN, via KVIA: 3.5 hours (formal talks up "
        "to the signing).")
    assert (chart.width, chart.height) == (691, 328)  # 1.9 in + 0.38 in per figure
    assert "Compiled from 4 sources" in chart.source


def test_talks_chart_layout_on_the_data_and_on_one_long_figure():
    one = _talks().iloc[[1]].assign(hours=[30.0])
    for frame in (data.load("talks_length"), one):
        chart, fig = capture(summit.talks_chart, frame)
        try:
            assert_layout(fig)
            assert fig.axes[0].get_xlim()[1] > frame["hours"].max() + 0.5  # room for "30 h"
        finally:
            close(fig)
        if len(frame) > 1:
            assert "TASS, via UNN: 7 hours (all formats, including the afternoon tea)" in chart.alt
            assert "UPI: 4 hours (formal talks up to the signing)" in chart.alt
            assert "Seed: Korybko (as summarised): 7 hours" in chart.alt


def test_talks_table_longest_first():
    table = summit.talks_table(_talks())
    assert list(table.frame["hours"]) == [7.0, 7.0, 4.0, 3.5]
    assert list(table.frame["original_source"]) == ["TASS", "Korybko", "UPI", "CNN"]
    assert table.caption == ("Every published figure for the length of the talks, what it counts "
                             "and why it differs.")
    assert list(table.frame.columns)[:3] == ["reported_by", "original_source", "hours"]


def _trade() -> pd.DataFrame:
    """Five years out of order, with no figure for 2001 and 2004, a peak (2003) before the last
    year, three kinds of figure (no Russian trade mission) and two second figures."""
    return _frame("china_russia_trade", year=[2003, 1999, 2005, 2000, 2002],
                  trade_usd_bn=[20.0, 5.7, 15.0, 8.0, 12.0], yoy_pct_reported=[None] * 5,
                  basis=["gacc", "gacc", "gacc", "unstated", "chinese_official"],
                  trade_cny_trn=[None] * 5, alt_usd_bn=[None, 5.72, 17.0, None, None],
                  alt_note=["", "x", "y", "", ""], source_ids=["tass-trade-2014"] * 5,
                  note=[""] * 5)


def test_trade_chart_draws_a_bar_per_year_and_says_which_years_have_none():
    chart, fig = capture(summit.trade_chart, _trade())
    try:
        ax = fig.axes[0]
        orange, sky, blue = "#e69f00", "#56b4e9", "#0072b2"
        assert [(b.x, b.bottom, b.height, b.facecolor, b.hatch) for b in bars(ax)] == [
            (1999, 0, 5.7, orange, ""), (2000, 0, 8.0, blue, "xx"), (2002, 0, 12.0, sky, "//"),
            (2003, 0, 20.0, orange, ""), (2005, 0, 15.0, orange, "")]
        assert [(p.x, p.y, p.facecolor, p.edgecolor) for p in points(ax)] == [
            (1999, 5.72, "#ffffff", "#000000"), (2005, 17.0, "#ffffff", "#000000")]
        gaps = [(t.get_position(), t.get_rotation()) for t in ax.texts if t.get_text() == "no figure"]
        assert gaps == [((2001, 4), 90), ((2004, 4), 90)]
        assert ax.get_xlim() == pytest.approx((1998.3, 2005.7))
        assert [t.get_text() for t in ax.get_xticklabels()] == ["1999", "2001", "2003", "2005"]
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("Year", "Exports plus imports (US$ bn)")
        assert legend_title(fig) == "Whose figure"
        assert legend_labels(fig) == ["Chinese customs (GACC)", "Chinese official; customs not named",
                                      "Customs not stated",
                                      "Another source's figure, or the yuan total converted"]
        handles = fig.legends[0].legend_handles
        assert [h.get_hatch() for h in handles[:3]] == ["", "//", "xx"]
        assert [colour(h.get_facecolor()) for h in handles[:3]] == [orange, sky, blue]
        assert colour(handles[3].get_markerfacecolor()) == "#ffffff"
        assert_layout(fig)
    finally:
        close(fig)
    assert chart.title == "China–Russia goods trade, 1999–2005"
    assert chart.alt == (
        "Bar chart of China–Russia goods trade in US dollars, 1999–2005, from 5.7 bn in 1999 to a "
        "peak of 20 bn in 2003 and 15 bn in 2005. No figure for 2001, 2004. Hollow markers show "
        "a second figure for 1999, 2005.")
    assert "Compiled from 1 source" in chart.source


def test_trade_chart_layout_on_the_data_and_on_one_year():
    one = _trade().iloc[[0]].assign(trade_usd_bn=[400.0], alt_usd_bn=[380.0])
    for frame in (data.load("china_russia_trade"), one):
        chart, fig = capture(summit.trade_chart, frame)
        try:
            assert_layout(fig)
        finally:
            close(fig)
        if len(frame) > 1:
            assert "No figure for 2001, 2004, 2012" in chart.alt
            assert b"no figure" in chart.svg
    assert chart.alt.startswith("Bar chart of China–Russia goods trade in US dollars, 2003–2003, "
                                "from 400 bn in 2003 to a peak of 400 bn in 2003")


def test_trade_chart_alt_reads_well_with_no_gap_and_no_second_figure():
    frame = _trade().iloc[[1, 3]].assign(alt_usd_bn=[None, None])  # 1999 and 2000
    chart, fig = capture(summit.trade_chart, frame)
    try:
        assert not [t for t in fig.axes[0].texts if t.get_text() == "no figure"]
        assert_layout(fig)
    finally:
        close(fig)
    assert chart.alt == (
        "Bar chart of China–Russia goods trade in US dollars, 1999–2000, from 5.7 bn in 1999 to a "
        "peak of 8 bn in 2000 and 8 bn in 2000. Every year has a figure. No year has a second "
        "figure.")


def test_trade_table_newest_first():
    table = summit.trade_table(_trade())
    assert list(table.frame["year"]) == [2005, 2003, 2002, 2000, 1999]
    assert list(table.frame["basis"])[:2] == ["Chinese customs (GACC)", "Chinese customs (GACC)"]
    assert list(table.frame.columns) == ["year", "trade_usd_bn", "yoy_pct_reported", "basis",
                                         "trade_cny_trn", "alt_usd_bn", "alt_note", "source_ids",
                                         "note"]
    assert table.caption == "China–Russia goods trade by year, as reported, newest first."


# Pooled counts of two pairs: China–Russia on all roll calls and on nuclear questions, China–US on
# all only (no nuclear row: its bar is drawn at 0). Given out of order, with 'nu' first.
BY_PAIR_ISSUE = pd.DataFrame({"country_a": ["CN", "CN", "CN"], "country_b": ["RU", "US", "RU"],
                              "issue": ["nu", "all", "all"], "n_agree": [3, 20, 60],
                              "n_shared": [4, 100, 100]})


def test_issue_chart_groups_bars_by_issue_one_per_pair():
    chart, fig = capture(summit.issue_chart, BY_PAIR_ISSUE, period="1992–2017")
    try:
        ax = fig.axes[0]
        assert [(t.get_position()[1], t.get_text()) for t in ax.get_yticklabels()] == [
            (1, "All roll calls"), (0, "Nuclear weapons and nuclear material")]
        vermillion, blue = "#d55e00", "#0072b2"
        got = [(round(b.bottom + b.height / 2, 9), round(b.height, 9), b.width, b.facecolor, b.hatch)
               for b in bars(ax)]
        # two pairs: bars 0.4 apart, 0.36 thick, the first pair above the second in each group
        assert got == [(1.2, 0.36, 60, vermillion, ""), (0.2, 0.36, 75, vermillion, ""),
                       (0.8, 0.36, 20, blue, "//"), (-0.2, 0.36, 0, blue, "//")]
        assert [(tuple(np.round(t.get_position(), 9)), t.get_text()) for t in ax.texts] == [
            ((61, 1.2), "60%"), ((76, 0.2), "75%"), ((21, 0.8), "20%"), ((1, -0.2), "0%")]
        assert ax.get_xlim() == (0, 100)
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("Same vote (% of roll calls both voted on)",
                                                      "Issue category")
        assert legend_labels(fig) == ["China–Russia", "China–United States"]
        assert_layout(fig)
        ylabel = ax.yaxis.label.get_window_extent(fig.canvas.get_renderer())
        assert ylabel.x0 < 0.05 * fig.bbox.width  # at the figure's left edge
    finally:
        close(fig)
    assert chart.title == "Same vote by issue, 1992–2017"
    assert chart.alt == (
        "Grouped bar chart of how often each pair voted the same way in the UN General Assembly, "
        "1992–2017, by issue category: All roll calls: China–Russia 60%, China–United States 20%; "
        "Nuclear weapons and nuclear material: China–Russia 75%.")
    assert chart.height == 273  # 1.6 in + 0.62 in per issue
    assert chart.source.startswith("Data: data/unga_agreement.csv")
    indexed = summit.issue_chart(BY_PAIR_ISSUE.set_index(["country_a", "country_b", "issue"]),
                                 period="1992–2017")
    assert indexed.alt == chart.alt


def test_issue_chart_layout_on_the_data_three_pairs_and_seven_issues(un):
    rows = un["unga_agreement"]
    rows = rows[(rows["country_a"].isin(["CN", "RU"])) & rows["country_b"].isin(["RU", "US"])
                & rows["year"].between(1992, 2017)]
    by = rows.groupby(["country_a", "country_b", "issue"])[["n_agree", "n_shared"]].sum()
    _, fig = capture(summit.issue_chart, by, period="1992–2017")
    try:
        assert_layout(fig)
        assert len(bars(fig.axes[0])) == 3 * 7
        assert legend_labels(fig) == ["China–Russia", "China–United States", "Russia–United States"]
        hatches = [b.hatch for b in bars(fig.axes[0])]
        assert hatches[::7] == ["", "//", ".."]
    finally:
        close(fig)


# --- evidence or speculation: the ledger --------------------------------------------------------

def _claims_and_types():
    claims = pd.DataFrame({"id": ["X1", "X2", "X4"], "seed_section": ["概要", "要点", "詳細"],
                           "speaker": ["korybko"] * 3, "quote_ja": ["q1", "q2", "q4"],
                           "paraphrase_en": ["p1", "p2", "p4"],
                           "verdict": ["inaccurate", "opinion", "accurate"],
                           "finding": ["f1", "f2", "f4"], "source_ids": ["seed-commentary"] * 3})
    types = pd.DataFrame({"claim_id": ["X4", "X2", "X1"],
                          "statement_type": ["fact", "speculation", "fact"],
                          "marker_ja": ["", "可能性がある", None], "marker_en": ["", "may", None],
                          "reason": ["r4", "r2", "r1"]})
    return claims, types


def test_ledger_sorts_by_type_then_claim_and_keeps_a_plain_index():
    rows = summit.ledger(*_claims_and_types())
    assert list(rows["claim_id"]) == ["X1", "X4", "X2"]  # two facts by id, then the speculation
    assert list(rows["hedge"]) == ["—", "—", "可能性がある (may)"]
    assert list(rows["verdict"]) == ["inaccurate", "accurate", "opinion"]
    assert list(rows.index) == [0, 1, 2] and "index" not in rows.columns


def test_ledger_names_the_wrong_table_and_refuses_a_claim_typed_twice():
    claims, types = _claims_and_types()
    with pytest.raises(TypeError, match="'claims'"):
        summit.ledger("claims.csv", types)
    with pytest.raises(ValueError, match="'claims' table lacks"):
        summit.ledger(claims.drop(columns="verdict"), types)
    with pytest.raises(TypeError, match="'summit_claim_types'"):
        summit.ledger(claims, "types.csv")
    with pytest.raises(pd.errors.MergeError):
        summit.ledger(claims, pd.concat([types, types.iloc[[0]]]))


def test_ledger_table_shows_labels_and_counts_the_types():
    rows = summit.ledger(*_claims_and_types())
    table = summit.ledger_table(rows)
    assert table.frame.to_dict("list") == {
        "claim_id": ["X1", "X4", "X2"], "seed_section": ["概要", "詳細", "要点"],
        "quote_ja": ["q1", "q4", "q2"], "paraphrase_en": ["p1", "p4", "p2"],
        "statement_type": ["Stated as fact", "Stated as fact", "Speculation"],
        "hedge": ["—", "—", "可能性がある (may)"], "verdict": ["inaccurate", "accurate", "opinion"],
        "finding": ["f1", "f4", "f2"],
        "source_ids": ["seed-commentary"] * 3}
    assert table.caption == ("Evidence or speculation: the seed's 3 statements about the summit "
                             "(2 stated as fact, 1 speculation), with what the record shows.")
    assert (table.labels["hedge"], table.labels["statement_type"], table.labels["quote_ja"],
            table.labels["finding"]) == ("Hedge in the seed", "Type of statement",
                                         "Seed (Japanese)", "What the sources show")
    assert table.source.startswith("Data: data/summit_claim_types.csv (")
    assert ". Data: data/claims.csv (" in table.source
    assert "Compiled from 1 source" in table.source  # the rows' sources, not every claim's


# --- the alignment explorer in detail, on literal fixtures --------------------------------------

# The same five roll calls spread over five years: 1991 (before the Cold War's end), 1992 and
# 2000, then two partial years (2001, 2002).
SPREAD = ROLLS.assign(year=[1991, 1992, 2000, 2001, 2002])


def test_periods_split_after_the_cold_war_and_before_the_partial_years():
    assert summit.periods(SPREAD) == [("to 1991", None, 1991), ("1992–2000", 1992, 2000),
                                      ("2001–02 (partial)", 2001, 2002), ("all years", None, None)]
    one = summit.periods(ROLLS)  # a single partial year, 2001
    assert one[1:3] == [("1992–2000", 1992, 2000), ("2001 (partial)", 2001, 2001)]
    complete = summit.periods(SPREAD.assign(year_partial=[0, 0, 0, 0, 0]))  # 0/1 as in a CSV
    assert complete == [("to 1991", None, 1991), ("1992–2002", 1992, 2002), ("all years", None, None)]


def test_pooled_keeps_the_years_asked_for_per_pair_in_the_frame_order():
    frame = pd.DataFrame({"country_a": ["RU", "CN", "CN", "CN"], "country_b": ["US", "RU", "RU", "RU"],
                          "year": [1992, 1991, 1992, 1993], "n_agree": [3, 1, 2, 4],
                          "n_shared": [6, 10, 4, 5]})
    got = summit.pooled(frame, first=1992)
    assert got.to_dict("list") == {"country_a": ["RU", "CN"], "country_b": ["US", "RU"],
                                   "n_agree": [3, 6], "n_shared": [6, 9],
                                   "agreement": [0.5, 6 / 9]}
    assert summit.pooled(frame, last=1992)["n_shared"].tolist() == [6, 14]
    assert summit.pooled(frame, 1993, 1993).to_dict("list") == {
        "country_a": ["CN"], "country_b": ["RU"], "n_agree": [4], "n_shared": [5], "agreement": [0.8]}


def test_agreement_returns_the_columns_of_the_precomputed_table():
    got = summit.agreement(VOTES, SPREAD, ["CC", "AA"], names={"AA": "Aland"})
    assert got.to_dict("list") == {
        "country_a": ["AA"] * 4, "country_b": ["CC"] * 4, "pair": ["Aland–CC"] * 4,
        "year": [1992, 2000, 2001, 2002], "issue": ["all"] * 4,
        "n_shared": [1, 1, 1, 1], "n_agree": [1, 1, 1, 1], "agreement": [1.0] * 4,
        "year_partial": [False, False, True, True]}
    three = summit.agreement(VOTES, SPREAD, ("BB", "AA", "CC"), issue="nu")
    # nuclear: rcid 3 ('hr;nu', 2000) and rcid 4 ('nu', 2001)
    assert list(zip(three["pair"], three["year"], three["n_shared"], three["n_agree"],
                    strict=True)) == [("AA–BB", 2000, 1, 1), ("AA–BB", 2001, 1, 0),
                                      ("AA–CC", 2000, 1, 1), ("AA–CC", 2001, 1, 1),
                                      ("BB–CC", 2000, 1, 1), ("BB–CC", 2001, 1, 0)]
    assert set(three["issue"]) == {"nu"} and list(three.index) == list(range(6))


def test_agreement_reads_a_missing_issue_list_as_no_issue_and_needs_every_roll_call():
    rolls = SPREAD.assign(issues=["hr", None, "hr;nu", np.nan, "nu"])
    got = summit.agreement(VOTES, rolls, ["AA", "CC"], issue="nu")
    assert list(zip(got["year"], got["n_shared"], strict=True)) == [(2000, 1), (2002, 1)]
    extra = pd.concat([SPREAD, pd.DataFrame({"rcid": [9], "year": [2019], "year_partial": [True],
                                             "issues": ["hr"]})]).iloc[::-1]
    pd.testing.assert_frame_equal(summit.agreement(VOTES, extra, ["AA", "BB"]),
                                  summit.agreement(VOTES, SPREAD, ["AA", "BB"]))
    with pytest.raises(ValueError, match="rcid.*unga_roll_calls.csv lacks"):
        summit.agreement(VOTES, SPREAD.iloc[1:], ["AA", "BB"])
    with pytest.raises(ValueError, match="unknown issue"):
        summit.agreement(VOTES, SPREAD, ["AA", "BB"], issue="xx")
    with pytest.raises(ValueError, match="unknown country"):
        summit.agreement(VOTES, SPREAD, ["AA", "rcid"])


def test_countries_are_put_in_the_schema_order_then_alphabetically():
    assert summit._canonical(["ZA", "US", "BR", "CN", "AO"]) == ["CN", "US", "BR", "AO", "ZA"]
    assert summit.check_countries(("KP", None, "CN"), ["CN", "KP", "XX"]) == ["CN", "KP"]
    assert summit.check_countries(iter(["AO", "US", "ZA"]), {"AO", "US", "ZA"}) == ["US", "AO", "ZA"]
    assert summit.pairs_of(["CN", "RU", "US"]) == [("CN", "RU"), ("CN", "US"), ("RU", "US")]
    assert summit.pairs_of(["CN", "RU"]) == [("CN", "RU")]


@pytest.mark.parametrize("countries, error, message", [
    (b"CN", TypeError, "^countries must be a list of two or three country codes, e.g. "),
    ({"CN": 1, "RU": 2}, TypeError, "got dict"),
    ("CN RU", TypeError, "got str 'CN RU'"),
    (["CN", 7], TypeError, "each country must be a code as a string; got int 7"),
    (["CN", "XX"], ValueError, r"unknown country code\(s\) \['XX'\]: use the codes of "
                               r"data/unga_countries.csv, e.g. CN \(China\), RU \(Russia\), US "
                               r"\(United States\)$"),
    (["CN", "RU", "CN"], ValueError, "choose different countries"),
    (["CN", None, None], ValueError, r"choose two or three countries \(got 1\)"),
    (["CN", "RU", "US", "GB"], ValueError, r"choose two or three countries \(got 4\)"),
])
def test_check_countries_says_what_is_wrong(countries, error, message):
    with pytest.raises(error, match=message):
        summit.check_countries(countries, ["CN", "RU", "US", "GB"])


def test_vocabularies_come_from_the_schema():
    assert summit.core_countries()[:3] == ["CN", "RU", "US"] and len(summit.core_countries()) == 15
    assert summit.issues() == ["all", "di", "co", "ec", "hr", "nu", "me"]
    assert summit.issue_labels()["hr"] == "Human rights"
    assert summit.issue_labels()["all"] == "All roll calls"


def test_share_text():
    assert summit._share_text(2, 3) == "67% of 3"
    assert summit._share_text(1544, 2222) == "69% of 2,222"
    assert summit._share_text(0, 0) == "no shared votes"


def test_view_table_pools_each_period_on_a_literal_frame():
    view = summit.alignment_view(VOTES, SPREAD, NAMES, ["BB", "AA", "CC"])
    # by hand: Aland–Borduria same in 1991 (y/y) and 2000 (n/n), not in 1992 (y/n) nor 2001
    # (a/y), Borduria absent in 2002; Aland–Carpania same whenever both voted (1992–2002);
    # Borduria–Carpania differ in 1992 (n/y) and 2001 (y/a), same in 2000 (n/n)
    assert view.table.frame.to_dict("list") == {
        "pair": ["Aland–Borduria", "Aland–Carpania", "Borduria–Carpania"],
        "years": ["1991–2001", "1992–2002", "1992–2001"],
        "to 1991": ["100% of 1", "no shared votes", "no shared votes"],
        "1992–2000": ["50% of 2", "100% of 2", "50% of 2"],
        "2001–02 (partial)": ["0% of 1", "100% of 2", "0% of 1"],
        "all years": ["50% of 4", "100% of 4", "33% of 3"]}
    assert view.table.labels == {"pair": "Pair", "years": "Years both voted",
                                 "to 1991": "Same vote, to 1991", "1992–2000": "Same vote, 1992–2000",
                                 "2001–02 (partial)": "Same vote, 2001–02 (partial)",
                                 "all years": "Same vote, all years"}
    assert view.table.caption == (
        "How often they voted the same way in the UN General Assembly (all roll calls). Share of "
        "the roll calls on which both countries recorded yes, no or abstain that saw the same vote; "
        "absences count neither way. The Soviet seat is coded as Russia before 1992.")
    assert view.table.source == view.chart.source == data.source_line("unga_votes")
    assert view.summary == ("Same vote, 1992–2000, all roll calls: Aland–Borduria 50%, "
                            "Aland–Carpania 100%, Borduria–Carpania 50%")
    assert view.chart.title == "Same vote in the UN General Assembly: All roll calls"
    assert view.chart.alt == (
        "Line chart of the share of UN General Assembly roll calls on which Aland, Borduria and "
        "Carpania cast the same vote, by year (1991–2002); one line per pair. Pooled 1992–2000: "
        "Aland–Borduria 50%, Aland–Carpania 100%, Borduria–Carpania 50%. 2001–2002 shaded: "
        "partial years in the data.")
    assert list(view.frame["pair"].unique()) == list(view.table.frame["pair"])


def test_view_on_one_issue_names_it_and_still_shades_the_partial_years():
    view = summit.alignment_view(VOTES, SPREAD, NAMES, ["AA", "BB"], "hr")
    # human rights: rcid 1 (1991, y/y) and rcid 3 (2000, n/n); none in the partial years
    assert view.table.frame.to_dict("list") == {
        "pair": ["Aland–Borduria"], "years": ["1991–2000"], "to 1991": ["100% of 1"],
        "1992–2000": ["100% of 1"], "2001–02 (partial)": ["no shared votes"],
        "all years": ["100% of 2"]}
    assert view.summary == "Same vote, 1992–2000, roll calls on human rights: Aland–Borduria 100%"
    assert view.chart.title == "Same vote in the UN General Assembly: Human rights"
    assert view.table.caption.startswith("How often they voted the same way in the UN General "
                                         "Assembly (roll calls on human rights). Share")
    assert view.chart.alt.startswith("Line chart of the share of UN General Assembly roll calls on "
                                     "human rights on which Aland and Borduria cast the same vote, "
                                     "by year (1991–2000); one line per pair. Pooled 1992–2000: "
                                     "Aland–Borduria 100%. 2001–2002 shaded")
    svg = _svg(view.chart)
    assert [t for t in _texts(svg) if t[0] == "partial"]  # shaded although no vote falls there
    only = summit.alignment_view(VOTES, ROLLS, NAMES, ["AA", "BB"], "nu")  # nuclear: 2000, 2001
    assert only.chart.alt.endswith("Pooled 1992–2000: Aland–Borduria 100%. 2001 shaded: partial "
                                   "years in the data.")


def test_view_without_partial_years_says_nothing_about_shading():
    view = summit.alignment_view(VOTES, SPREAD.assign(year_partial=False), NAMES, ["AA", "BB"])
    assert view.chart.alt.endswith("Pooled 1992–2002: Aland–Borduria 33%.")
    assert "shaded" not in view.chart.alt and b"<rect" not in view.chart.svg
    assert list(view.table.frame.columns) == ["pair", "years", "to 1991", "1992–2002", "all years"]


def test_view_of_a_pair_with_no_shared_vote_in_the_main_period():
    votes = VOTES.assign(CC=["y", "", "", "", ""])  # Carpania votes only in 1991
    view = summit.alignment_view(votes, SPREAD, NAMES, ["AA", "CC"])
    assert view.summary == "Same vote, 1992–2000, all roll calls: Aland–Carpania no shared votes"
    assert view.table.frame["years"].tolist() == ["1991–1991"]
    assert "Pooled 1992–2000: Aland–Carpania no shared votes. 2001–2002 shaded" in view.chart.alt
    never = summit.alignment_view(votes.assign(CC=""), SPREAD, NAMES, ["AA", "CC"])
    assert never.table.frame["years"].tolist() == ["none"]
    assert "by year (no years)" in never.chart.alt


# The hand-made SVG chart: read it back as a reader's eye would, through its axis labels.

def _svg(chart):
    return xml.dom.minidom.parseString(chart.svg).documentElement


def _texts(svg) -> list[tuple[str, dict]]:
    return [(t.firstChild.data, {k: v for k, v in t.attributes.items()})
            for t in svg.getElementsByTagName("text")]


def _axes(svg):
    """Year → x and share → y, from the positions of the axis labels (1950 … 2010, 0% … 100%)."""
    ticks = [(int(s), float(a["x"])) for s, a in _texts(svg) if s.isdigit()]
    pcts = [(int(s[:-1]) / 100, float(a["y"])) for s, a in _texts(svg) if s.endswith("%")]
    (y0, x0), (y1, x1) = ticks[0], ticks[-1]
    (s0, v0), (s1, v1) = pcts[0], pcts[-1]
    return (lambda year: x0 + (year - y0) * (x1 - x0) / (y1 - y0),
            lambda share: v0 + (share - s0) * (v1 - v0) / (s1 - s0), ticks, pcts)


def _subpaths(d: str) -> list[list[tuple[float, float]]]:
    """The absolute points of an SVG path of M (move) and l (relative line) steps."""
    out: list[list[tuple[float, float]]] = []
    for cmd, a, b in re.findall(r"([Ml])(-?[\d.]+) (-?[\d.]+)", d):
        if cmd == "M":
            out.append([(float(a), float(b))])
        else:
            x, y = out[-1][-1]
            out[-1].append((x + float(a), y + float(b)))
    return out


def _box(text: str, attrs: dict) -> tuple[float, float, float, float]:
    """A generous estimate of a text's extent: 0.6 em per character, 1 em high above the baseline."""
    size = float(attrs.get("font-size", 12))
    width = 0.6 * size * len(text)
    if "transform" in attrs:  # translate(x y) rotate(-90): a vertical text centred on (x, y)
        x, y = map(float, re.findall(r"translate\(([\d.]+) ([\d.]+)\)", attrs["transform"])[0])
        return x - size, y - width / 2, x, y + width / 2
    x, y = float(attrs["x"]), float(attrs["y"]) + float(attrs.get("dy", 0))
    anchor = attrs.get("text-anchor", "start")
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, y - size, left + width, y + 0.25 * size


def _assert_svg_layout(chart):
    svg = _svg(chart)
    width, height = float(svg.getAttribute("width")), float(svg.getAttribute("height"))
    assert (chart.width, chart.height) == (width, height)
    assert svg.getAttribute("viewBox") == f"0 0 {width:g} {height:g}"
    boxes = [(t, _box(t, a)) for t, a in _texts(svg)]
    for t, (x0, y0, x1, y1) in boxes:
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, f"{t!r} is cut off"
    for i, (t, a) in enumerate(boxes):
        for u, b in boxes[i + 1:]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"{t!r} overlaps {u!r}"
    # no stray characters outside the text elements
    stray = [n.data for n in svg.childNodes if n.nodeType == n.TEXT_NODE and n.data.strip()]
    assert not stray
    return svg


def test_alignment_chart_draws_each_share_at_its_year_on_labelled_axes():
    view = summit.alignment_view(VOTES, SPREAD, NAMES, ["BB", "AA", "CC"])
    svg = _assert_svg_layout(view.chart)
    x, y, ticks, pcts = _axes(svg)
    assert [t for t, _ in ticks] == [1950, 1960, 1970, 1980, 1990, 2000, 2010]
    assert [round(p * 100) for p, _ in pcts] == [0, 25, 50, 75, 100]
    assert pcts[0][1] > pcts[-1][1]  # 100% at the top
    # every tick and gridline at its label; the plot area spans 1946–2019 with half a year spare
    marks = [p.getAttribute("d") for p in svg.getElementsByTagName("path")]
    for _, tx in ticks:
        assert any(d.startswith(f"M{tx:g} ") and d.endswith("v4") for d in marks)
    axis, = [re.fullmatch(r"M([\d.]+) ([\d.]+)H([\d.]+)", p.getAttribute("d"))
             for p in svg.getElementsByTagName("path") if p.getAttribute("stroke") == "#555"
             and "H" in p.getAttribute("d")]
    left, bottom, right = map(float, axis.groups())
    assert (x(1945.5), x(2019.5)) == (pytest.approx(left, abs=0.2), pytest.approx(right, abs=0.2))
    assert bottom == pytest.approx(y(0), abs=0.1)
    for _, py in pcts:
        assert f"M{left:g} {py:g}H{right:g}" in marks  # a gridline at 0%, 25%, … 100%
    # the axis labels sit outside the plot area: percentages left of it, years under it
    assert all(_box(t, a)[2] < left for t, a in _texts(svg) if t.endswith("%"))
    assert all(_box(t, a)[1] > bottom for t, a in _texts(svg) if t.isdigit())
    # one line per pair, in its colour and dash, through each year's share
    expected = {  # pair: runs of consecutive years, (year, share)
        "Aland–Borduria": [[(1991, 1), (1992, 0)], [(2000, 1), (2001, 0)]],
        "Aland–Carpania": [[(1992, 1)], [(2000, 1), (2001, 1), (2002, 1)]],
        "Borduria–Carpania": [[(1992, 0)], [(2000, 1), (2001, 0)]]}
    styles = [("#D55E00", ""), ("#0072B2", "7 4"), ("#009E73", "2 3")]
    data_lines = [p for p in svg.getElementsByTagName("path") if p.getAttribute("fill") == "none"]
    assert len(data_lines) == 3
    for line, (colour_, dash), runs in zip(data_lines, styles, expected.values(), strict=True):
        assert (line.getAttribute("stroke"), line.getAttribute("stroke-dasharray")) == (colour_, dash)
        got = _subpaths(line.getAttribute("d"))
        assert len(got) == len(runs)
        for drawn, run in zip(got, runs, strict=True):
            assert drawn == [(pytest.approx(x(yr), abs=0.25), pytest.approx(y(s), abs=0.25))
                             for yr, s in run]
    # a year with no neighbour gets a dot, in the pair's colour
    dots = [(c.getAttribute("fill"), float(c.getAttribute("cx")), float(c.getAttribute("cy")))
            for c in svg.getElementsByTagName("circle")]
    assert dots == [("#0072B2", pytest.approx(x(1992), abs=0.25), pytest.approx(y(1), abs=0.25)),
                    ("#009E73", pytest.approx(x(1992), abs=0.25), pytest.approx(y(0), abs=0.25))]
    # the legend names the pairs in order, each beside a sample of its line
    legend = [(t, float(a["x"])) for t, a in _texts(svg) if "–" in t and not t.startswith("Same")]
    assert [t for t, _ in legend] == list(expected)
    samples = [p for p in svg.getElementsByTagName("path") if p.getAttribute("d").endswith("h28")]
    assert [(s.getAttribute("stroke"), s.getAttribute("stroke-dasharray")) for s in samples] == styles
    for sample, (_, tx) in zip(samples, legend, strict=True):
        start = float(sample.getAttribute("d")[1:].split()[0])
        assert start + 28 < tx < start + 40
    # the partial years shaded, from 2000.5 to 2002.5, labelled at the shade's right edge
    rect, = svg.getElementsByTagName("rect")
    rx, rw = float(rect.getAttribute("x")), float(rect.getAttribute("width"))
    assert (rx, rx + rw) == (pytest.approx(x(2000.5), abs=0.2), pytest.approx(x(2002.5), abs=0.2))
    assert float(rect.getAttribute("y")) == pytest.approx(y(1))
    assert float(rect.getAttribute("height")) == pytest.approx(y(0) - y(1))
    label = [a for t, a in _texts(svg) if t == "partial"][0]
    assert float(label["x"]) == pytest.approx(rx + rw, abs=0.2) and label["text-anchor"] == "end"
    assert float(label["y"]) < y(1)  # above the plot area
    words = [t for t, _ in _texts(svg)]
    assert words[0] == "Same vote in the UN General Assembly: All roll calls"
    assert "Year of the roll call" in words
    assert "Same vote (% of roll calls both voted on)" in words


def test_alignment_chart_layout_with_long_names_on_the_data(un):
    view = summit.alignment_view(*_args(un), ["GB", "KP", "US"], "me")
    svg = _assert_svg_layout(view.chart)
    assert len(svg.getElementsByTagName("rect")) == 1
    legend = [(t, float(a["x"]), float(a["y"])) for t, a in _texts(svg) if "x" in a][-3:]
    assert [t for t, _, _ in legend] == ["United States–United Kingdom", "United States–North Korea",
                                         "United Kingdom–North Korea"]
    # too long for one row: the third pair starts a second row, at the left
    assert legend[0][2] == legend[1][2] < legend[2][2] < float(view.chart.height) * 0.25
    assert legend[2][1] == legend[0][1]
    short = summit.alignment_view(*_args(un), ["CN", "RU", "US"], "me")
    assert len({float(a["y"]) for t, a in _texts(_assert_svg_layout(short.chart))
                if t in ("China–Russia", "China–United States", "Russia–United States")}) == 1
    empty = summit.alignment_view(VOTES.assign(CC=""), SPREAD, NAMES, ["AA", "CC"])
    _assert_svg_layout(empty.chart)


def test_alignment_chart_refuses_an_empty_title_alt_or_source():
    frame = summit.agreement(VOTES, SPREAD, ["AA", "BB"])
    pairs = [("AA", "BB", "Aland–Borduria")]
    ok = dict(title="t", alt="a", source="s", partial_years=[])
    assert summit.alignment_chart(frame, pairs, **ok).alt == "a"
    for label in ("title", "alt", "source"):
        with pytest.raises(ValueError, match=f"non-empty {label}"):
            summit.alignment_chart(frame, pairs, **{**ok, label: "  "})
    page = summit.alignment_chart(frame, pairs, **{**ok, "title": HOSTILE}).svg.decode()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_path_starts_a_new_run_after_each_gap_and_dots_single_years():
    d, dots = summit._path(np.array([1990, 1995, 1996, 2000]), np.array([0.5, 1.0, 0.0, 0.25]))
    x, y = summit._x, summit._y
    assert re.fullmatch(r"(?:[Ml]-?[\d.]+ -?[\d.]+)+", d)
    runs = _subpaths(d)
    assert [[(round(px, 1), round(py, 1)) for px, py in run] for run in runs] == [
        [(round(x(1990), 1), round(y(0.5), 1))],
        [(round(x(1995), 1), round(y(1.0), 1)), (round(x(1996), 1), round(y(0.0), 1))],
        [(round(x(2000), 1), round(y(0.25), 1))]]
    assert dots == [(round(x(1990), 1), round(y(0.5), 1)), (round(x(2000), 1), round(y(0.25), 1))]
    assert summit._path(np.array([], dtype=int), np.array([])) == ("", [])
    assert (summit._x(1945.5), summit._x(2019.5), summit._y(0), summit._y(1)) == (64, 700, 282, 74)
    assert [summit._fmt(v) for v in (12.0, 12.34, 0.0, -3.5, 100.0, 0.04)] == [
        "12", "12.3", "0", "-3.5", "100", "0"]


# --- the explorer's controls and its cache ------------------------------------------------------

def test_book_explorer_controls_and_checks(un):
    ex = summit.explorer(*_args(un))
    assert (ex.key, ex.title) == ("summit-alignment",
                                  "Same vote in the UN General Assembly: two of 15 countries")
    assert [(c.name, c.label, c.default) for c in ex.controls] == [
        ("first", "First country", "CN"), ("second", "Second country", "RU"), ("issue", "Issue", "all")]
    assert ex.controls[0].options[:3] == (("CN", "China"), ("RU", "Russia"), ("US", "United States"))
    assert ex.controls[2].options[4] == ("hr", "Human rights")
    assert ex.invalid({"first": "CN", "second": "RU", "issue": "all"}) is None
    assert ex.invalid({"first": "CN", "second": "RU", "third": "CN"}) == "Pick different countries."
    assert ex.invalid({"first": "CN", "second": "RU", "third": None}) is None
    # a view is computed once per set of countries, whichever way round they were picked
    one = ex.view(first="RU", second="CN", issue="hr")
    assert ex.view(first="CN", second="RU", issue="hr") is one
    assert one.summary.startswith("Same vote, 1992–2017, roll calls on human rights: China–Russia")
    with pytest.raises(TypeError, match="each country must be a code"):
        ex.view(first="CN", second=7)
    with pytest.raises(TypeError, match="issue must be one of"):
        ex.view(first="CN", second="RU", issue=["hr"])
    with pytest.raises(TypeError, match="'unga_countries'"):
        summit.explorer(*_args(un)[:2], "countries.csv")


def test_live_explorer_lists_members_with_votes_by_name():
    votes = VOTES.rename(columns={"AA": "CN", "BB": "RU", "CC": "US"}).assign(AA=VOTES["AA"])
    names = pd.DataFrame({"code": ["US", "CN", "RU", "AA", "ZZ"],  # no column of votes for ZZ
                          "name": ["United States", "China", "Russia", "Zedland", "Absentia"]})
    ex = summit.explorer(votes, ROLLS, names, scope="all")
    assert (ex.key, ex.title) == ("summit-alignment-all", "Same vote in the UN General Assembly: "
                                  "any two or three of 199 members")
    people = (("CN", "China"), ("RU", "Russia"), ("US", "United States"), ("AA", "Zedland"))
    assert [(c.name, c.label, c.options, c.default) for c in ex.controls] == [
        ("first", "First country", people, "CN"), ("second", "Second country", people, "RU"),
        ("third", "Third country (optional)", ((None, "none"), *people), "US"),
        ("issue", "Issue", tuple(summit.issue_labels().items()), "all")]
    view = ex.view(first="AA", second="CN", third=None)
    assert view.summary.startswith("Same vote, 1992–2000, all roll calls: China–Zedland")
    three = ex.view(first="US", second="AA", third="CN", issue="nu")
    assert three.table.frame["pair"].tolist() == ["China–United States", "China–Zedland",
                                                  "United States–Zedland"]
    assert ex.view(first="AA", second="CN", third="US", issue="nu") is three
    assert ex.invalid({"first": "CN", "second": "US", "third": "US"}) == "Pick different countries."
    assert "sg-explorer-states" not in ex.static_html(with_states=True)


def test_documents_are_the_document_rows_by_date():
    events = _events().assign(category=["document", "visit", "visit", "document", "visit",
                                        "document"])  # in the fixture's row order: E4 … E2
    got = summit.documents(events)  # documents: E4 (8 May), E3 (8 May), E2 (7 May)
    assert list(got["id"]) == ["E2", "E3", "E4"]
    assert list(got.index) == [0, 1, 2] and "index" not in got.columns
    real = summit.documents(data.load("summit_events"))
    assert len(real) and set(real["category"]) == {"document"}


def test_issue_table_sorts_by_issue_then_the_schema_order_of_countries_then_the_others():
    rows = pd.concat([BY_ISSUE, pd.DataFrame({
        "country_a": ["ZA", "CN", "GB", "CN", "US"], "country_b": ["AO", "ZA", "FR", "GB", "GB"],
        "issue": ["all"] * 5, "n_agree": [3, 1, 9, 2, 5], "n_shared": [4, 2, 10, 8, 10]})],
        ignore_index=True)
    table = summit.issue_table(rows, period="1992–2017")
    # the schema puts the US before the UK (GB), the UK before France: not alphabetical
    assert table.frame.to_dict("list") == {
        "pair": ["China–Russia", "China–United States", "China–United Kingdom", "China–ZA",
                 "Russia–United States", "United States–United Kingdom", "United Kingdom–France",
                 "ZA–AO", "China–Russia"],
        "issue": ["All roll calls"] * 8 + ["Nuclear weapons and nuclear material"],
        "n_shared": ["2,222", "0", "8", "2", "4", "10", "10", "4", "4"],
        "n_agree": ["1,544", "0", "2", "1", "1", "5", "9", "3", "2"],
        "share": ["69%", "no shared votes", "25%", "50%", "25%", "50%", "90%", "75%", "50%"]}
    assert table.labels == {"pair": "Pair", "issue": "Issue category",
                            "n_shared": "Roll calls both voted on", "n_agree": "Same vote",
                            "share": "Same vote (%)"}
    assert table.caption == (
        "How often each pair voted the same way in the UN General Assembly, 1992–2017, by issue "
        "category: the counts are summed over the years, and the share is the sum of same votes "
        "divided by the sum of roll calls both voted on.")
    nuclear = summit.issue_table(rows, period="2017", issue="nu")
    assert list(nuclear.frame.columns) == ["pair", "n_shared", "n_agree", "share"]
    assert nuclear.frame["share"].tolist() == ["50%"]
    assert nuclear.caption.startswith("How often each pair voted the same way in the UN General "
                                      "Assembly, 2017, roll calls on nuclear weapons and nuclear "
                                      "material: the counts")
    with pytest.raises(TypeError, match="non-empty string"):
        summit.issue_table(rows, period="  ")
