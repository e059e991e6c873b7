"""studyguide.us_stance (chapter 1): filtering, the statements view, its explorer."""

from __future__ import annotations

import csv
import json
import re

import matplotlib.dates as mdates
import pandas as pd
import pytest
from chartcheck import assert_layout, capture, close, colour, legend_labels, legend_title, points
from helpers import HOSTILE, JAPANESE, text_of
from matplotlib.collections import LineCollection

from studyguide import charts, data, us_stance


@pytest.fixture(scope="module")
def statements():
    return data.load("us_stance_statements")


# A literal fixture: four rows in, the expected rows out.
FOUR = pd.DataFrame({
    "id": ["S01", "S02", "S03", "S04"],
    "date": pd.to_datetime(["2025-03-02", "2025-01-05", "2025-02-01", "2025-02-01"]),
    "actor": ["JD Vance", "Donald Trump", "Donald Trump", "Vladimir Putin"],
    "side": ["US", "US", "US", "Russia"],
    "target": ["Russia", "Russia", "Ukraine", "US"],
    "kind": ["assessment", "threat", "pressure", "threat"],
    "short_label": ["a", "b", "c", "d"],
    "summary": ["sa", "sb", "sc", "sd"], "quote": ["", "", "", ""], "note": ["", "", "", ""],
    "source_ids": ["nbc-pissed-off"] * 4,
})


def test_filter_on_a_literal_frame():
    got = us_stance.filter_statements(FOUR, actors="Donald Trump")
    assert list(got["id"]) == ["S02", "S03"]  # sorted by date
    got = us_stance.filter_statements(FOUR, kinds=["threat"])
    assert list(got["id"]) == ["S02", "S04"]
    got = us_stance.filter_statements(FOUR, actors=["Donald Trump", "Vladimir Putin"], kinds="threat")
    assert list(got["id"]) == ["S02", "S04"]
    got = us_stance.filter_statements(FOUR)
    assert list(got["id"]) == ["S02", "S03", "S04", "S01"]  # same date: by id


def test_view_on_a_literal_frame():
    view = us_stance.statements_view(FOUR, kinds="threat")
    assert view.summary == "2 of 4 statements and actions (all actors; threat)"
    assert view.chart.alt.startswith("Timeline chart of 2 statements and actions (2 threat) from "
                                     "5 January 2025 to 1 February 2025")
    assert "Compiled from 1 source (" in view.table.source


def test_filter_none_means_all(statements):
    assert len(us_stance.filter_statements(statements)) == len(statements)


def test_empty_selection_gives_an_empty_view_that_says_so(statements):
    view = us_stance.statements_view(statements, actors=[], kinds=None)
    assert len(view.frame) == 0
    assert "No rows match" in view.table._repr_html_()
    assert "Timeline chart of 0 statements and actions" in view.chart.alt
    assert "no sources cited" in view.table.source and "Compiled" not in view.table.source
    assert "no actor; all kinds" in view.summary


def test_one_row_is_singular():
    view = us_stance.statements_view(FOUR, actors="JD Vance")
    assert "Timeline chart of 1 statement or action (1 assessment)" in view.chart.alt


def test_an_empty_table_still_draws(statements):
    view = us_stance.statements_view(statements.iloc[0:0])
    assert view.summary.startswith("0 of 0 statements")
    assert view.chart.svg


def test_everything_chosen_says_all_and_repeats_are_dropped(statements):
    every = data.vocabulary("us_stance_statements", "actor")
    view = us_stance.statements_view(statements, actors=every)
    assert "all actors" in view.summary and "Donald Trump" not in view.summary
    view = us_stance.statements_view(statements, actors=["JD Vance", "JD Vance"])
    assert "(JD Vance; all kinds)" in view.summary


@pytest.mark.parametrize("bad", ["Nobody", HOSTILE, JAPANESE, ""])
def test_unknown_actor_or_kind_is_refused(statements, bad):
    with pytest.raises(ValueError, match="unknown actor"):
        us_stance.statements_view(statements, actors=[bad])
    with pytest.raises(ValueError, match="unknown kind"):
        us_stance.statements_view(statements, kinds=[bad])


@pytest.mark.parametrize(("args", "error", "match"), [
    ((None,), TypeError, "DataFrame"),
    (("statements",), TypeError, "DataFrame"),
    ((pd.DataFrame({"id": []}),), ValueError, "lacks column"),
])
def test_bad_frames_are_refused_with_a_clear_message(args, error, match):
    with pytest.raises(error, match=match):
        us_stance.statements_view(*args)


@pytest.mark.parametrize("bad", [5, 2.5, {"Donald Trump": 1}, [1, 2]])
def test_wrong_types_are_refused(statements, bad):
    with pytest.raises(TypeError, match="actor"):
        us_stance.statements_view(statements, actors=bad)


def test_view_counts_and_caption_follow_the_selection(statements):
    kinds = ["threat", "offer"]
    view = us_stance.statements_view(statements, kinds=kinds)
    n = statements["kind"].isin(kinds).sum()
    assert len(view.frame) == n
    assert f"{n} of {len(statements)} statements" in view.table.caption
    counts = statements["kind"].value_counts()
    assert f"{counts['threat']} threat" in view.chart.alt and f"{counts['offer']} offer" in view.chart.alt


def test_hostile_text_in_data_is_escaped(statements):
    frame = statements.copy()
    frame.loc[0, "summary"] = HOSTILE
    frame.loc[0, "short_label"] = HOSTILE[:30]
    html = us_stance.statements_view(frame)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_each_actor_view_holds_exactly_that_actors_rows(statements):
    for actor in data.vocabulary("us_stance_statements", "actor"):
        view = us_stance.statements_view(statements, actors=actor)
        expected = statements[statements["actor"] == actor]
        assert sorted(view.frame["id"]) == sorted(expected["id"]), actor
        assert f"Timeline chart of {len(expected)} statement" in view.chart.alt


def test_counts_table_orders_rows_and_columns_by_the_schema(statements):
    aimed = statements[statements["side"] == "US"]
    counts = pd.crosstab(aimed["kind"], aimed["target"])
    table = us_stance.counts_table(counts, aimed)
    kinds = [k for k in data.vocabulary("us_stance_statements", "kind") if k in counts.index]
    assert list(table.frame["kind"]) == kinds
    targets = [t for t in data.vocabulary("us_stance_statements", "target") if t in counts.columns]
    assert list(table.frame.columns[1:]) == targets
    assert table.frame.iloc[:, 1:].to_numpy().sum() == len(aimed)


def test_a_new_kind_in_the_schema_reaches_chart_legend_alt_text_and_explorer(data_copy, monkeypatch):
    """Add a value to the kind enum and give one row that kind: nothing may drop the row."""
    path = data_copy / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    res = next(r for r in pkg["resources"] if r["name"] == "us_stance_statements")
    kind = next(f for f in res["schema"]["fields"] if f["name"] == "kind")
    kind["constraints"]["enum"].append("ultimatum")
    path.write_text(json.dumps(pkg), encoding="utf-8")
    csv_path = data_copy / "us_stance_statements.csv"
    rows = list(csv.reader(csv_path.open(encoding="utf-8", newline="")))
    rows[1][rows[0].index("kind")] = "ultimatum"
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    monkeypatch.setenv("STUDYGUIDE_DATA", str(data_copy))

    statements = data.load("us_stance_statements")
    view = us_stance.statements_view(statements)
    n = len(statements)
    assert view.summary.startswith(f"{n} of {n} ")
    assert "1 ultimatum" in view.chart.alt  # the alt text counts it
    assert b">ultimatum<" in view.chart.svg  # the legend names it (SVG keeps text as text)
    kinds_control = us_stance.explorer(statements).controls[1]
    assert "ultimatum" in [value for value, _ in kinds_control.options]
    assert len(us_stance.statements_view(statements, kinds="ultimatum").frame) == 1


def test_explorer_default_is_everything_and_each_state_matches_the_view(statements):
    ex = us_stance.explorer(statements)
    assert ex.choices(ex.defaults()) == {"actors": None, "kinds": None}
    html, line = ex.render([1, 0])  # the first actor, all kinds
    actor = ex.controls[0].options[1][0]
    expected = us_stance.statements_view(statements, actors=actor)
    assert html == expected._repr_html_() and line == expected.summary
    assert f"{actor}" in text_of(html)


def test_counts_table_on_a_literal_frame():
    aimed = FOUR[FOUR["side"] == "US"]  # S01 assessment→Russia, S02 threat→Russia, S03 pressure→Ukraine
    table = us_stance.counts_table(pd.crosstab(aimed["kind"], aimed["target"]), aimed)
    assert table.frame.to_dict("list") == {"kind": ["threat", "pressure", "assessment"],
                                           "Russia": [1, 0, 1], "Ukraine": [0, 1, 0]}
    html = table._repr_html_()
    assert re.findall(r'<th scope="col">(.*?)</th>', html) == ["Kind", "Russia", "Ukraine"]
    caption = "US steps by kind and by whom they were addressed to (for talks, the counterpart)."
    assert table.caption == caption and f"<caption>{caption} <span" in html
    # the source line counts the sources of the rows counted, not of the whole file
    assert table.source.startswith("Data: data/us_stance_statements.csv (")
    assert "Compiled from 1 source (1 newspaper), listed on the Sources page." in table.source


def test_filtering_a_wrong_argument_names_the_table_it_wants():
    with pytest.raises(TypeError, match="the 'us_stance_statements' table as a pandas DataFrame"):
        us_stance.filter_statements(None)
    with pytest.raises(ValueError, match=r"the 'us_stance_statements' table lacks column\(s\) \['kind'"):
        us_stance.filter_statements(FOUR.drop(columns="kind"))


# --- the timeline as a reader sees it (chartcheck keeps the figure open) --------------------

def _timeline(selected, full, note="Selection: x."):
    return capture(us_stance.timeline_chart, selected, full, source="Data: S.", note=note)


def _inches(fig, pixels):
    return pixels / fig.dpi


def test_timeline_on_a_literal_frame_draws_each_statement_on_its_own_row():
    chart, fig = _timeline(us_stance.filter_statements(FOUR), FOUR)
    ax = fig.axes[0]
    day = mdates.date2num
    # the earliest statement on top; colour and marker by kind, in the schema's order of kinds
    styles = charts.category_styles(us_stance.kinds())
    got = {(p.x, p.y, p.facecolor) for p in points(ax)}
    assert got == {(day(pd.Timestamp("2025-01-05")), 3, colour(styles["threat"]["color"])),
                   (day(pd.Timestamp("2025-02-01")), 2, colour(styles["pressure"]["color"])),
                   (day(pd.Timestamp("2025-02-01")), 1, colour(styles["threat"]["color"])),
                   (day(pd.Timestamp("2025-03-02")), 0, colour(styles["assessment"]["color"]))}
    assert len({p.marker_path for p in points(ax)}) == 3  # one shape per kind
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "5 Jan · Trump: b", "1 Feb · Trump: c", "1 Feb · Putin: d", "2 Mar · Vance: a"]
    # a grey guide from the axis start to each statement
    start = day(pd.Timestamp("2024-12-31"))  # 5 days before the table's first date
    guides = [(tuple(map(tuple, c.get_segments()[0])), colour(c.get_color()[0]))
              for c in ax.collections if isinstance(c, LineCollection)]
    assert sorted(guides) == sorted([(((start, 3), (day(pd.Timestamp("2025-01-05")), 3)), "#bbbbbb"),
                                     (((start, 2), (day(pd.Timestamp("2025-02-01")), 2)), "#bbbbbb"),
                                     (((start, 1), (day(pd.Timestamp("2025-02-01")), 1)), "#bbbbbb"),
                                     (((start, 0), (day(pd.Timestamp("2025-03-02")), 0)), "#bbbbbb")])
    assert ax.get_xlim() == (start, day(pd.Timestamp("2025-03-09")))  # and a week after the last
    assert [t.get_text() for t in ax.get_xticklabels() if t.get_visible() and t.get_text()] == [
        "Jan", "Feb", "Mar"]
    assert any(g.get_visible() for g in ax.get_xgridlines())
    assert not any(g.get_visible() for g in ax.get_ygridlines())
    assert legend_title(fig) == "Kind" and legend_labels(fig) == ["threat", "pressure", "assessment"]
    assert fig._suptitle.get_text() == "Statements and actions on ending the war, January–May 2025"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Date (2025)", "Statement or action")
    assert chart.alt == ("Timeline chart of 4 statements and actions (2 threat, 1 pressure, "
                         "1 assessment) from 5 January 2025 to 2 March 2025, one row each, ordered "
                         "by date. Selection: x.")
    _assert_compact_layout(fig)
    close(fig)


def _assert_compact_layout(fig):
    """Nothing cut off or overlapping, and the margins hold the labels without empty bands."""
    assert_layout(fig)
    ax = fig.axes[0]
    r = fig.canvas.get_renderer()
    box = ax.get_window_extent(r)
    ylabel = ax.yaxis.label.get_window_extent(r)
    ticks = [t.get_window_extent(r) for t in ax.get_yticklabels() if t.get_text()]
    if ticks:  # the axis title at the figure's edge, just left of the longest row label
        assert 0 <= ylabel.x1 <= min(t.x0 for t in ticks)
        assert _inches(fig, min(t.x0 for t in ticks) - ylabel.x1) < 0.3
        pitch = _inches(fig, box.height) / (ax.get_ylim()[1] - ax.get_ylim()[0])
        assert 0.2 < pitch < (0.4 if len(ticks) >= 3 else 1)  # rows readable, not spread out
        lo, hi = ax.get_ylim()
        assert 0 < 0 - lo < 1 and 0 < hi - (len(ticks) - 1) < 1  # no empty row above or below
    assert abs((ylabel.y0 + ylabel.y1) / 2 - (box.y0 + box.y1) / 2) < 1  # centred on the axes
    assert 0 < _inches(fig, fig.bbox.x1 - box.x1) < 0.3
    title = fig._suptitle.get_window_extent(r)
    assert 0 < _inches(fig, title.y0 - box.y1) < 0.4
    xlabel = ax.xaxis.label.get_window_extent(r)
    if fig.legends:
        legend = fig.legends[0].get_window_extent(r)
        assert 0 < _inches(fig, xlabel.y0 - legend.y1) < 0.4 and _inches(fig, legend.y0) < 0.2


def test_timeline_height_grows_by_the_same_step_per_row_and_fits_the_text_column():
    ordered = us_stance.filter_statements(FOUR)
    heights = [us_stance.timeline_chart(ordered.head(n), FOUR, source="S.").height for n in range(1, 5)]
    assert heights[0] == heights[1] == heights[2] < heights[3]  # at least three rows' height
    widths = {us_stance.timeline_chart(ordered.head(n), FOUR, source="S.").width for n in (1, 4)}
    assert widths == {round(7.2 * 96)}  # the book's text column


def test_timeline_of_one_row_of_many_keeps_the_whole_tables_dates():
    chart, fig = _timeline(us_stance.filter_statements(FOUR, actors="JD Vance"), FOUR, note="")
    ax = fig.axes[0]
    assert ax.get_xlim() == (mdates.date2num(pd.Timestamp("2024-12-31")),
                             mdates.date2num(pd.Timestamp("2025-03-09")))
    assert chart.alt == ("Timeline chart of 1 statement or action (1 assessment) from 2 March 2025 "
                         "to 2 March 2025, one row each, ordered by date.")  # no note, no trailing space
    _assert_compact_layout(fig)
    close(fig)


def test_an_empty_timeline_says_so_in_the_middle_of_the_axes():
    chart, fig = _timeline(FOUR.iloc[0:0], FOUR.iloc[0:0])
    ax = fig.axes[0]
    (message,) = [t for t in ax.texts]
    assert message.get_text() == "No statements match this selection"
    r = fig.canvas.get_renderer()
    box, text = ax.get_window_extent(r), message.get_window_extent(r)
    assert abs((text.x0 + text.x1) / 2 - (box.x0 + box.x1) / 2) < 1
    assert abs((text.y0 + text.y1) / 2 - (box.y0 + box.y1) / 2) < 1
    assert ax.get_yticks().tolist() == [] and points(ax) == []
    assert ax.get_xlim() == (mdates.date2num(pd.Timestamp("2025-01-01")),
                             mdates.date2num(pd.Timestamp("2025-12-31")))  # the schema's bounds
    assert chart.alt == ("Timeline chart of 0 statements and actions (none), one row each, ordered "
                         "by date. Selection: x.")
    _assert_compact_layout(fig)
    close(fig)


def test_timeline_layout_on_the_real_table(statements):
    chart, fig = _timeline(us_stance.filter_statements(statements), statements)
    assert len(points(fig.axes[0])) == len(statements)
    assert legend_labels(fig) == [k for k in us_stance.kinds() if k in set(statements["kind"])]
    _assert_compact_layout(fig)
    close(fig)


def test_view_on_a_literal_frame_labels_its_table_and_notes_the_selection():
    view = us_stance.statements_view(FOUR, actors="Donald Trump", kinds="threat")
    assert list(view.frame["id"]) == ["S02"]  # both filters apply
    assert list(view.frame.columns) == list(FOUR.columns)  # no stray index column
    assert view.summary == "1 of 4 statements and actions (Donald Trump; threat)"
    html = view.table._repr_html_()
    assert re.findall(r'<th scope="col">(.*?)</th>', html) == [
        "Date", "Actor", "Kind", "Addressed to", "What was said or done", "Quoted words",
        "Caveats and disagreements", "Sources"]
    assert view.table.caption == "US stance: 1 of 4 statements and actions (Donald Trump; threat)."
    assert view.table.source == view.chart.source == data.source_line("us_stance_statements", view.frame)
    assert view.chart.alt.endswith("ordered by date. Selection: Donald Trump; threat.")
    one = us_stance.statements_view(FOUR.head(1))
    assert one.summary == "1 of 1 statement or action (all actors; all kinds)"
    with pytest.raises(TypeError, match="'us_stance_statements' table"):
        us_stance.statements_view("not a frame")


def test_explorer_names_its_controls_for_the_reader():
    ex = us_stance.explorer(FOUR)
    assert ex.title == "Filter the record by actor and by kind"
    actors, kinds = ex.controls
    assert (actors.label, kinds.label) == ("Actor", "Kind")
    assert actors.options == ((None, "All actors"), ("Donald Trump", "Donald Trump"),
                              ("JD Vance", "JD Vance"), ("Vladimir Putin", "Vladimir Putin"))
    assert kinds.options == ((None, "All kinds"), ("threat", "threat"), ("pressure", "pressure"),
                             ("assessment", "assessment"))
    with pytest.raises(TypeError, match="'us_stance_statements' table"):
        us_stance.explorer(None)
