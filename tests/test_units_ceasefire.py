"""studyguide.ceasefire (chapter 2): stances, comparison, truces, Minsk, the explorer."""

from __future__ import annotations

import re

import chartcheck
import matplotlib.dates as mdates
import pandas as pd
import pytest
from helpers import HOSTILE, JAPANESE

from studyguide import ceasefire, charts, data


@pytest.fixture(scope="module")
def ch2():
    return {n: data.load(n) for n in ("positions", "stance_codes", "issues", "truces", "minsk")}


def _args(ch2):
    return ch2["positions"], ch2["stance_codes"], ch2["issues"]


# Literal fixtures: two issues, two parties.
ISSUES = pd.DataFrame({"issue": ["territory", "crimea"], "label": ["Territory", "Crimea"]})
CODES = pd.DataFrame({"issue": ["territory", "territory", "crimea"], "code": ["keep", "give", "ru"],
                      "label": ["Keep all", "Give some", "Russian"]})
POS = pd.DataFrame({
    "id": ["P1", "P2", "P3", "P4"], "actor": ["Russia", "Ukraine", "Russia", "Ukraine"],
    "issue": ["territory", "territory", "crimea", "territory"],
    "period": ["snapshot", "snapshot", "snapshot", "later"],
    "date": pd.to_datetime(["2025-05-01", "2025-05-02", "2025-05-03", "2025-12-24"]),
    "stance": ["keep", "give", "ru", "keep"], "source_ids": ["nbc-pissed-off"] * 4,
    "caveat": ["", "", "Press reports only", ""],
})


def test_compare_on_a_literal_frame():
    got = ceasefire.compare(POS, CODES, ISSUES, "Russia", "Ukraine")
    assert list(got["relation"]) == ["differ", "only_a"]
    got = ceasefire.compare(POS, CODES, ISSUES, "Russia", "Ukraine", "latest")
    assert list(got["relation"]) == ["agree", "only_a"]
    assert list(got["label_b"].fillna("-")) == ["Keep all", "-"]


def test_comparison_view_on_a_literal_frame():
    view = ceasefire.comparison_view(POS, CODES, ISSUES, "Ukraine", "Russia", "latest")
    assert view.summary == ("Ukraine and Russia, latest stated position (to December 2025): "
                            "1 agree, 1 only the second stated a position")


def test_a_caveat_reaches_the_matrix_the_comparison_table_and_chart():
    matrix = ceasefire.positions_table(POS, CODES, ISSUES)
    assert "Russian †" in list(matrix.frame["Russia"])
    assert "Russia – Crimea: Press reports only" in matrix.caption
    view = ceasefire.comparison_view(POS, CODES, ISSUES, "Russia", "Ukraine")
    assert list(view.table.frame["label_a"]) == ["Keep all", "Russian †"]
    assert "Russia – Crimea: Press reports only" in view.table.caption
    assert "Russia – Crimea: Press reports only" in view.chart.alt
    assert "Russian †".encode() in view.chart.svg
    latest = ceasefire.comparison_view(POS, CODES, ISSUES, "Ukraine", "Russia", "latest")
    assert "Keep all †" not in list(latest.table.frame["label_a"])  # only flagged rows are marked


def test_positions_matrix_on_a_literal_frame():
    """Issues down in the issues table's order, parties across in the schema's order, the
    stance's label in each cell, a dash where none was stated; snapshot or latest."""
    snapshot = ceasefire.positions_table(POS, CODES, ISSUES)
    assert list(snapshot.frame.columns) == ["Issue", "Russia", "Ukraine"]
    assert snapshot.frame.to_dict("list") == {"Issue": ["Territory", "Crimea"],
                                              "Russia": ["Keep all", "Russian †"],
                                              "Ukraine": ["Give some", "—"]}
    assert list(snapshot.frame.index) == [0, 1]
    assert snapshot.caption.startswith("Stated positions, as of 10 May 2025. '—' means no stated "
                                       "position was found. † marks a cell with a caveat: "
                                       "Russia – Crimea: Press reports only.")
    assert "4 sources" not in snapshot.source and "1 source" in snapshot.source
    latest = ceasefire.positions_table(POS, CODES, ISSUES, "latest")
    assert latest.frame["Ukraine"].tolist() == ["Keep all", "—"]  # December's position
    assert "latest stated position (to December 2025)" in latest.caption
    # the issues table decides the rows, the vocabulary the columns
    flipped = ceasefire.positions_table(POS, CODES, ISSUES.iloc[::-1])
    assert flipped.frame["Issue"].tolist() == ["Crimea", "Territory"]
    only_ukraine = ceasefire.positions_table(POS[POS["actor"] == "Ukraine"], CODES, ISSUES)
    assert list(only_ukraine.frame.columns) == ["Issue", "Ukraine"]


def test_position_changes_on_a_literal_frame():
    later = pd.concat([POS, pd.DataFrame({
        "id": ["P5"], "actor": ["Ukraine"], "issue": ["crimea"], "period": ["later"],
        "date": pd.to_datetime(["2026-01-05"]), "stance": ["ru"], "source_ids": ["nbc-pissed-off"],
        "caveat": [""]})], ignore_index=True)
    moves = ceasefire.position_changes(later, CODES, ISSUES)
    assert moves[["actor", "label", "change", "stance_label_may", "stance_label_latest"]].to_dict(
        "records") == [
        {"actor": "Ukraine", "label": "Territory", "change": "changed",
         "stance_label_may": "Give some", "stance_label_latest": "Keep all"},
        {"actor": "Ukraine", "label": "Crimea", "change": "first stated",
         "stance_label_may": "no stated position", "stance_label_latest": "Russian"}]
    assert list(moves.index) == [0, 1] and "index" not in moves.columns
    assert ceasefire.position_changes(POS[POS["period"] == "snapshot"], CODES, ISSUES).empty


def test_minsk_table_on_a_literal_frame():
    minsk = pd.DataFrame({
        "id": ["M1", "M2", "M3"],
        "aspect": list(reversed(data.vocabulary("minsk", "aspect")[:2])) + [
            data.vocabulary("minsk", "aspect")[0]],
        "subject": ["b", "a2", "a1"], "claim": ["cb", "ca2", "ca1"], "claimant": ["x", "y", "z"],
        "date": pd.to_datetime(["2015-01-01", "2022-02-22", "2015-02-12"]),
        "source_ids": ["nbc-pissed-off"] * 3})
    minsk.attrs["resource"] = "minsk"  # as data.load() marks it
    table = ceasefire.minsk_table(minsk)
    assert table.frame["subject"].tolist() == ["a1", "a2", "b"]  # aspect (schema order), then date
    assert list(table.frame.columns) == ["aspect", "subject", "claim", "claimant", "date",
                                         "source_ids"]
    assert table.caption == ("The Minsk accords: what they required, recorded violations, and who "
                             "says who broke them.")


def _expected_relation(positions, a, b, issue):
    snap = positions[positions["period"] == "snapshot"]
    sa = snap[(snap["actor"] == a) & (snap["issue"] == issue)]["stance"].tolist()
    sb = snap[(snap["actor"] == b) & (snap["issue"] == issue)]["stance"].tolist()
    if not sa and not sb:
        return "neither"
    if not sb:
        return "only_a"
    if not sa:
        return "only_b"
    return "agree" if sa == sb else "differ"


@pytest.mark.parametrize("pair", [("Russia", "Ukraine"), ("United States", "Russia"),
                                  ("European leaders", "Germany"), ("France", "United Kingdom")])
def test_comparison_matches_the_data(ch2, pair):
    view = ceasefire.comparison_view(*_args(ch2), *pair)
    assert list(view.frame["issue"]) == list(ch2["issues"]["issue"])
    for rec in view.frame.itertuples():
        assert rec.relation == _expected_relation(ch2["positions"], *pair, rec.issue), rec.issue
    for relation, n in view.frame["relation"].value_counts().items():
        assert f"{n} {ceasefire.RELATIONS[relation][1]}" in view.chart.alt


def test_a_party_is_never_compared_with_itself(ch2):
    with pytest.raises(ValueError, match="two different parties"):
        ceasefire.comparison_view(*_args(ch2), "Ukraine", "Ukraine")


@pytest.mark.parametrize("bad", ["Atlantis", HOSTILE, JAPANESE, ""])
def test_comparison_refuses_unknown_parties(ch2, bad):
    with pytest.raises(ValueError, match="unknown first"):
        ceasefire.comparison_view(*_args(ch2), bad, "Russia")


def test_a_list_where_one_party_is_expected_is_a_type_error(ch2):
    with pytest.raises(TypeError, match="second must be one of"):
        ceasefire.comparison_view(*_args(ch2), "Ukraine", ["Russia"])


def test_comparison_refuses_unknown_dates(ch2):
    with pytest.raises(ValueError, match="unknown as_of"):
        ceasefire.comparison_view(*_args(ch2), as_of="yesterday")


def test_latest_takes_the_newest_row_per_actor_and_issue(ch2):
    latest = ceasefire.stances(ch2["positions"], "latest")
    newest = ch2["positions"].groupby(["actor", "issue"])["date"].max()
    assert len(latest) == len(newest)
    for rec in latest.itertuples():
        assert rec.date == newest[(rec.actor, rec.issue)]


def test_latest_label_is_the_month_of_the_newest_row(ch2):
    newest = ch2["positions"]["date"].max()
    assert ceasefire.as_of_label(ch2["positions"], "latest") == (
        f"latest stated position (to {newest:%B %Y})")


def test_two_snapshot_rows_for_one_cell_are_refused(ch2):
    snap = ch2["positions"][ch2["positions"]["period"] == "snapshot"]
    doubled = pd.concat([ch2["positions"], snap.head(1)])
    with pytest.raises(ValueError, match="more than one snapshot"):
        ceasefire.stances(doubled, "snapshot")


def test_matrix_shows_every_snapshot_cell_and_escapes(ch2):
    codes = ch2["stance_codes"].copy()
    codes.loc[0, "label"] = HOSTILE
    html = ceasefire.positions_table(ch2["positions"], codes, ch2["issues"])._repr_html_()
    assert "<script>" not in html
    frame = ch2["positions"]
    n_cells = (frame["period"] == "snapshot").sum()
    n_dashes = len(ch2["issues"]) * frame.loc[frame["period"] == "snapshot", "actor"].nunique() - n_cells
    assert html.count("<td>—</td>") == n_dashes


def test_position_changes_are_exactly_the_changed_cells(ch2):
    moves = ceasefire.position_changes(*_args(ch2))
    snap = ceasefire.stances(ch2["positions"], "snapshot").set_index(["actor", "issue"])["stance"]
    last = ceasefire.stances(ch2["positions"], "latest").set_index(["actor", "issue"])["stance"]
    changed = {k for k in last.index if snap.get(k) != last[k]}
    assert set(zip(moves["actor"], moves["issue"], strict=True)) == changed


def test_truces_chart_describes_its_data_with_the_schema_labels(ch2):
    chart = ceasefire.truces_chart(ch2["truces"])
    labels = data.labels("truces", "status")
    assert f"Timeline of {len(ch2['truces'])} " in chart.alt
    for status, n in ch2["truces"]["status"].value_counts().items():
        assert f"{n} {labels[status]}" in chart.alt


def _truces() -> pd.DataFrame:
    """Four truces written by hand: one with an end date, one with only a duration (hours),
    one open-ended, one never in force; given out of date order."""
    ts = pd.Timestamp
    frame = pd.DataFrame({
        "id": ["T4", "T1", "T2", "T3"],
        "short_name": ["Never", "Ended", "Hours", "Open"],
        "announced": [ts("2025-05-20"), ts("2025-03-01"), ts("2025-04-19"), ts("2015-02-12")],
        "start": [pd.NaT, ts("2025-03-10"), ts("2025-04-19"), ts("2015-02-15")],
        "end": [pd.NaT, ts("2025-03-12"), pd.NaT, pd.NaT],
        "duration_days": [None, 3.0, 1.25, None],
        "status": ["proposed_not_accepted", "agreed", "declared_unilaterally", "agreed"],
        "source_ids": ["paxdb-minsk-protocol", "censor-minsk-protocol", "osce-smm-debaltseve",
                       "kyivpost-minsk-ii-text"],
    })
    return frame.astype({"duration_days": "Float64"})


def test_truces_chart_draws_each_truce_where_and_as_long_as_the_data_say():
    chart, fig = chartcheck.capture(ceasefire.truces_chart, _truces())
    left, right = fig.axes
    # rows top to bottom in order of announcement: Open (2015), Ended, Hours, Never
    assert [t.get_text() for t in left.get_yticklabels()] == ["Open", "Ended", "Hours", "Never"]
    assert list(left.get_yticks()) == [3, 2, 1, 0]
    styles = charts.category_styles(data.vocabulary("truces", "status"))
    for ax in (left, right):
        marks = {(mdates.num2date(p.x).date().isoformat(), p.y): p.facecolor
                 for p in chartcheck.points(ax)}
        assert marks == {("2015-02-12", 3): chartcheck.colour(styles["agreed"]["color"]),
                         ("2025-03-01", 2): chartcheck.colour(styles["agreed"]["color"]),
                         ("2025-04-19", 1): chartcheck.colour(
                             styles["declared_unilaterally"]["color"]),
                         ("2025-05-20", 0): chartcheck.colour(
                             styles["proposed_not_accepted"]["color"])}
        spans = {y[0]: [mdates.num2date(mdates.date2num(x)).strftime("%Y-%m-%d %H:%M")
                        for x in xs] for xs, y, _ in chartcheck.lines(ax)}
        # `end` is the last day in force: the bar runs to the end of it; a duration counts on
        assert spans == {2: ["2025-03-10 00:00", "2025-03-13 00:00"],
                         1: ["2025-04-19 00:00", "2025-04-20 06:00"]}
    # durations beside the spring-2025 rows only (the zoom), in days or, under two days, hours
    assert sorted(t.get_text() for t in right.texts) == sorted(["3 days", "30 h"])
    # the open-ended truce: an arrow and a label on the long axis, no claimed end
    assert [t.get_text() for t in left.texts if t.get_text()] == ["open-ended"]
    assert right.get_xlim() == (mdates.date2num(pd.Timestamp("2025-02-20")),
                                mdates.date2num(pd.Timestamp("2025-06-10")))
    assert chartcheck.legend_labels(fig) == [
        data.labels("truces", "status")[s] for s in
        ("agreed", "declared_unilaterally", "proposed_not_accepted")]
    assert chartcheck.legend_title(fig) == "Status"
    assert chart.alt == (
        "Timeline of 4 ceasefire agreements, declared truces and proposals from 12 February 2015 "
        "to 20 May 2025 (2 " + data.labels("truces", "status")["agreed"] + ", 1 "
        + data.labels("truces", "status")["declared_unilaterally"] + ", 1 "
        + data.labels("truces", "status")["proposed_not_accepted"] + "). Left: all years on one "
        "axis; right: spring 2025 enlarged, with durations. Open-ended, with no end date: Open.")
    assert "truces.csv" in chart.source and "4 sources" in chart.source
    assert chart.title == "Truces and ceasefire proposals, 2014–2025"
    chartcheck.assert_layout(fig, data_in_axes=False)  # the right axes zooms on purpose
    chartcheck.close(fig)


def test_truces_chart_layout_on_the_real_data(ch2):
    chart, fig = chartcheck.capture(ceasefire.truces_chart, ch2["truces"])
    chartcheck.assert_layout(fig, data_in_axes=False)
    left, right = fig.axes
    assert chartcheck.outside_the_axes(left) == []  # the long axis shows every truce
    assert left.get_xlabel() == "Year announced" and right.get_xlabel() == "Spring 2025 (enlarged)"
    assert left.get_ylabel() == "Truce or proposal"
    truces = ch2["truces"].sort_values(["announced", "id"])
    open_ended = truces[truces["start"].notna() & truces["end"].isna() & truces["duration_days"].isna()]
    assert len(open_ended) >= 2  # Minsk I and II
    assert chart.alt.endswith(f"Open-ended, with no end date: {', '.join(open_ended['short_name'])}.")
    assert fig.get_size_inches()[1] == pytest.approx(1.9 + 0.3 * len(ch2["truces"]))
    chartcheck.close(fig)


def test_minsk_table_follows_the_schema_order_of_aspects(ch2):
    table = ceasefire.minsk_table(ch2["minsk"])
    order = data.vocabulary("minsk", "aspect")
    ranks = [order.index(a) for a in table.frame["aspect"]]
    assert ranks == sorted(ranks) and len(table.frame) == len(ch2["minsk"])


def test_explorer_offers_every_party_in_the_data_and_both_dates(ch2):
    ex = ceasefire.explorer(*_args(ch2))
    assert (ex.key, ex.title) == ("ceasefire-compare", "Compare two parties")
    present = [a for a in data.vocabulary("positions", "actor")
               if a in set(ch2["positions"]["actor"])]
    first, second, as_of = ex.controls
    assert [(c.name, c.label) for c in ex.controls] == [
        ("first", "First party"), ("second", "Second party"), ("as_of", "Positions")]
    assert first.options == second.options == tuple((a, a) for a in present)
    assert as_of.options == tuple((w, ceasefire.as_of_label(ch2["positions"], w))
                                  for w in ("snapshot", "latest"))
    assert ex.choices(ex.defaults()) == {"first": "Russia", "second": "Ukraine",
                                         "as_of": "snapshot"}
    assert ex.invalid({"first": "Russia", "second": "Russia", "as_of": "latest"}) == \
        "Pick two different parties to compare."
    assert ex.invalid({"first": "Russia", "second": "Ukraine", "as_of": "latest"}) is None
    # a party with no row in the data is not offered
    fewer = ch2["positions"][ch2["positions"]["actor"] != "Ukraine"]
    offered = [v for v, _ in ceasefire.explorer(fewer, *_args(ch2)[1:]).controls[0].options]
    assert "Ukraine" not in offered and offered == [a for a in present if a != "Ukraine"]


def test_explorer_offers_no_self_comparison_and_matches_the_view(ch2):
    ex = ceasefire.explorer(*_args(ch2))
    html, line = ex.render([0, 0, 0])
    assert html == "" and "different parties" in line
    first, second = ex.controls[0].options[2][0], ex.controls[1].options[0][0]
    html, line = ex.render([2, 0, 1])
    view = ceasefire.comparison_view(*_args(ch2), first, second, "latest")
    assert html == view._repr_html_() and line == view.summary


# --- the three static tables of the chapter, on literal fixtures --------------------------------

def _with_words(frame: pd.DataFrame) -> pd.DataFrame:
    """A positions fixture with the text columns of the real file (document, position, ...)."""
    return frame.assign(document=[f"Doc {i}" for i in frame["id"]],
                        position=[f"Said {i}" for i in frame["id"]],
                        quote=[f"q{i}" for i in frame["id"]], note=[""] * len(frame))


def _header(table) -> list[str]:
    return re.findall(r'<th scope="col">(.*?)</th>', table._repr_html_())


LATER = _with_words(pd.concat([POS, pd.DataFrame({
    "id": ["P5"], "actor": ["Ukraine"], "issue": ["crimea"], "period": ["later"],
    "date": pd.to_datetime(["2026-01-05"]), "stance": ["ru"], "source_ids": ["ap-riyadh"],
    "caveat": [""]})], ignore_index=True).assign(
    source_ids=["politico-riyadh", "politico-riyadh", "politico-riyadh", "afp-trump-presses-putin",
                "ap-riyadh"]))


def test_changes_table_lists_each_move_with_its_month_and_where_it_was_said():
    table = ceasefire.changes_table(LATER, CODES, ISSUES)
    assert table.frame.to_dict("list") == {
        "actor": ["Ukraine", "Ukraine"], "label": ["Territory", "Crimea"],
        "stance_label_may": ["Give some", "no stated position"],
        "latest": ["Keep all (Dec 2025)", "Russian (Jan 2026)"],
        "document_latest": ["Doc P4", "Doc P5"],
        "source_ids_latest": ["afp-trump-presses-putin", "ap-riyadh"]}
    assert _header(table) == ["Party", "Issue", "10 May 2025", "Latest", "Where", "Sources"]
    assert 'href="sources.html#src-ap-riyadh"' in table._repr_html_()  # sources are links
    assert table.caption == ("Positions that changed, or were first stated, between 10 May 2025 "
                             "and January 2026.")
    # the source line cites the later rows only (two wires), not the May snapshot's newspaper
    assert table.source == data.source_line("positions", LATER[LATER["period"] == "later"])
    assert "Compiled from 2 sources (2 wire)" in table.source


def test_all_positions_table_lists_every_row_later_first_then_by_actor_issue_and_date():
    doubled = pd.concat([LATER, LATER[LATER["id"] == "P1"].assign(
        id="P0", date=pd.Timestamp("2025-04-01"))], ignore_index=True)
    table = ceasefire.all_positions_table(doubled, ISSUES)
    frame = table.frame
    # "later" before "snapshot"; then by actor; crimea before territory (by issue code, not
    # by the issues table's order); the earlier of Russia's two territory rows first
    assert list(frame["document"]) == ["Doc P5", "Doc P4", "Doc P3", "Doc P1", "Doc P1", "Doc P2"]
    assert list(frame["date"].dt.strftime("%Y-%m-%d")) == [
        "2026-01-05", "2025-12-24", "2025-05-03", "2025-04-01", "2025-05-01", "2025-05-02"]
    assert list(frame["label"]) == ["Crimea", "Territory", "Crimea", "Territory", "Territory",
                                    "Territory"]
    assert _header(table) == ["Period", "Actor", "Issue", "Date", "Document", "Stated position",
                              "Quoted words", "Sources", "Note"]
    assert table.caption == "Every stated position in the data, with its sources."
    assert table.source == data.source_line("positions", doubled)
    assert "Compiled from 3 sources" in table.source


def test_truces_table_in_order_of_announcement_with_the_schema_labels():
    truces = _truces().assign(
        name=["Never n", "Ended n", "Hours n", "Open n"], proposed_by="x", accepted_by="y",
        outcome="o", violations_alleged_by="")
    truces.attrs["resource"] = "truces"  # as data.load() marks it
    table = ceasefire.truces_table(truces)
    assert list(table.frame["name"]) == ["Open n", "Ended n", "Hours n", "Never n"]
    labels = data.labels("truces", "status")
    assert list(table.frame["status"]) == [labels["agreed"], labels["agreed"],
                                           labels["declared_unilaterally"],
                                           labels["proposed_not_accepted"]]
    assert _header(table) == ["Truce or proposal", "Proposed by", "Announced", "Start", "End",
                              "Duration (days)", "Accepted by", "Status", "What happened",
                              "Violations alleged by", "Sources"]
    assert table.caption == "Ceasefire proposals and declared truces, with what happened."
    assert "Compiled from 4 sources" in table.source
    # same announcement day: by id
    same = truces.assign(announced=pd.Timestamp("2025-01-01"))
    assert list(ceasefire.truces_table(same).frame["name"]) == ["Ended n", "Hours n", "Open n",
                                                                "Never n"]


def test_the_three_tables_on_the_real_data(ch2):
    positions, codes, issues = _args(ch2)
    changes = ceasefire.changes_table(positions, codes, issues)
    assert len(changes.frame) == len(ceasefire.position_changes(positions, codes, issues)) > 0
    every = ceasefire.all_positions_table(positions, issues)
    assert len(every.frame) == len(positions)
    truces = ceasefire.truces_table(ch2["truces"])
    assert list(truces.frame["announced"]) == sorted(ch2["truces"]["announced"])


# --- the comparison matrix as a reader sees it ------------------------------------------------

def _captured_comparison(*args):
    """comparison_view's result and the comparison chart's figure, kept open."""
    kept = []
    original = ceasefire.comparison_chart

    def keep(*a, **k):
        chart, fig = chartcheck.capture(original, *a, **k)
        kept.append(fig)
        return chart

    ceasefire.comparison_chart = keep
    try:
        view = ceasefire.comparison_view(*args)
    finally:
        ceasefire.comparison_chart = original
    return view, kept[0]


def _cells(ax):
    """{(column, row): (text, text colour)} of the matrix; column 0, 1 (relation), 2."""
    return {(int(t.get_position()[0]), int(t.get_position()[1])): (t.get_text(),
                                                                   chartcheck.colour(t.get_color()))
            for t in ax.texts}


def _boxes(ax):
    """[(x0, y0, x1, y1, face colour)] of the matrix's boxes, in drawing order."""
    (coll,) = ax.collections
    out = []
    for path, face in zip(coll.get_paths(), coll.get_facecolors(), strict=True):
        (x0, y0), (x1, y1) = path.vertices.min(axis=0), path.vertices.max(axis=0)
        out.append((round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2), chartcheck.colour(face)))
    return out


def _assert_matrix_layout(fig):
    """Nothing cut off or on top of another; the axis title at the figure's left edge, left of
    the issue names; the party names between the matrix and the title; no wide empty margin."""
    chartcheck.assert_layout(fig)
    ax = fig.axes[0]
    r = fig.canvas.get_renderer()
    box = ax.get_window_extent(r)
    inch = fig.dpi
    ylabel = ax.yaxis.label.get_window_extent(r)
    issues = [t.get_window_extent(r) for t in ax.get_yticklabels() if t.get_text()]
    assert 0 <= ylabel.x0 < 0.1 * inch and ylabel.x1 < min(t.x0 for t in issues)
    assert abs((ylabel.y0 + ylabel.y1) / 2 - (box.y0 + box.y1) / 2) < 1
    assert all(t.x1 <= box.x0 for t in issues)
    names = [t.get_window_extent(r) for t in ax.get_xticklabels() if t.get_text()]
    title = fig._suptitle.get_window_extent(r)
    assert all(box.y1 <= t.y0 and t.y1 <= title.y0 for t in names)
    assert 0 < (title.y0 - max(t.y1 for t in names)) / inch < 0.4
    xlabel = ax.xaxis.label.get_window_extent(r)
    assert xlabel.y1 <= box.y0 and 0 < xlabel.y0 / inch < 0.3
    assert 0 < (fig.bbox.x1 - box.x1) / inch < 0.2


def test_comparison_chart_on_a_literal_frame():
    view, fig = _captured_comparison(POS, CODES, ISSUES, "Russia", "Ukraine")
    ax = fig.axes[0]
    # issues top to bottom in the issues table's order: Territory (row 1), Crimea (row 0)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Territory", "Crimea"]
    assert list(ax.get_yticks()) == [1.5, 0.5]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Russia", "", "Ukraine"]
    assert list(ax.get_xticks()) == [0.5, 1.5, 2.5]
    assert ax.xaxis.get_ticks_position() == "top"  # party names above the matrix
    assert (ax.get_xlim(), ax.get_ylim()) == ((0, 3), (0, 2))
    dark, grey = "#222222", "#666666"
    assert _cells(ax) == {(0, 1): ("Keep all", dark), (1, 1): ("≠ differ", "#111111"),
                          (2, 1): ("Give some", dark),
                          (0, 0): ("Russian †", dark), (1, 0): ("?", "#111111"),
                          (2, 0): ("no stated position", grey)}
    differ = chartcheck.colour(ceasefire.RELATIONS["differ"][2])
    # each box sits inside its row and column; the relation box in its own narrower column
    assert _boxes(ax) == [(0, 1.06, 1, 1.94, "#ffffff"), (2, 1.06, 3, 1.94, "#ffffff"),
                          (1.1, 1.06, 1.9, 1.94, differ),
                          (0, 0.06, 1, 0.94, "#ffffff"), (2, 0.06, 3, 0.94, "#f2f2f2"),
                          (1.1, 0.06, 1.9, 0.94, "#d9d9d9")]
    assert fig._suptitle.get_text() == "Russia and Ukraine: where they agree and differ"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Stance (as of 10 May 2025)", "Issue")
    assert view.chart.alt == (
        "Matrix comparing the stated positions of Russia and Ukraine on 2 issues, as of 10 May "
        "2025: 1 differ, 1 only the first stated a position. Territory: differ; Crimea: only the "
        "first stated a position. † marks a cell with a caveat: Russia – Crimea: Press reports only.")
    assert view.chart.source == view.table.source == data.source_line(
        "positions", POS[(POS["period"] == "snapshot")])
    assert tuple(fig.get_size_inches()) == pytest.approx((7.2, 1.3 + 0.42 * 2))
    _assert_matrix_layout(fig)
    chartcheck.close(fig)


def test_comparison_table_on_a_literal_frame():
    view = ceasefire.comparison_view(POS, CODES, ISSUES, "Ukraine", "Russia", "latest")
    assert view.table.frame.to_dict("list") == {
        "label": ["Territory", "Crimea"], "label_a": ["Keep all", "no stated position"],
        "relation": ["= agree", "? only the second stated a position"],
        "label_b": ["Keep all", "Russian †"], "sources": ["nbc-pissed-off;nbc-pissed-off",
                                                         "nbc-pissed-off"]}
    assert _header(view.table) == ["Issue", "Ukraine", "", "Russia", "Sources"]
    assert view.table.caption == (
        "Ukraine and Russia, latest stated position (to December 2025): 1 agree, 1 only the "
        "second stated a position. † marks a cell with a caveat: Russia – Crimea: Press reports "
        "only.")
    assert 'href="sources.html#src-nbc-pissed-off"' in view.table._repr_html_()
    # the view's frame keeps the codes and the plain labels, for a reader's own analysis
    assert list(view.frame["stance_a"].fillna("-")) == ["keep", "-"]
    assert list(view.frame["label_b"]) == ["Keep all", "Russian"]
    assert list(view.frame["relation"]) == ["agree", "only_b"]


def test_comparison_chart_names_agreement_in_words_as_well_as_colour():
    view, fig = _captured_comparison(POS, CODES, ISSUES, "Ukraine", "Russia", "latest")
    cells = _cells(fig.axes[0])
    assert (cells[(1, 1)][0], cells[(1, 0)][0]) == ("= agree", "?")
    assert _boxes(fig.axes[0])[2][4] == chartcheck.colour(ceasefire.RELATIONS["agree"][2])
    chartcheck.close(fig)


def test_comparison_of_parties_with_no_positions_says_neither():
    view, fig = _captured_comparison(POS, CODES, ISSUES, "France", "Germany")
    assert list(view.frame["relation"]) == ["neither", "neither"]
    assert view.summary == "France and Germany, as of 10 May 2025: 2 neither stated a position"
    assert "no sources cited" in view.table.source
    assert _cells(fig.axes[0])[(1, 0)] == ("–", "#111111")
    assert [b[4] for b in _boxes(fig.axes[0])][:3] == ["#f2f2f2", "#f2f2f2", "#f2f2f2"]
    chartcheck.close(fig)


def test_comparison_chart_layout_on_the_real_data(ch2):
    view, fig = _captured_comparison(*_args(ch2), "United States", "European leaders", "latest")
    assert len(fig.axes[0].get_yticklabels()) == len(ch2["issues"])
    _assert_matrix_layout(fig)
    chartcheck.close(fig)


# --- the truces timeline: the zoom, the open-ended arrow, the labels, the margins ---------------

def _day(ts) -> float:
    return mdates.date2num(pd.Timestamp(ts))


def _drawn_ticks(ax) -> list[str]:
    lo, hi = ax.get_xlim()
    return [t.get_text() for t, loc in zip(ax.get_xticklabels(), ax.get_xticks(), strict=True)
            if lo <= loc <= hi]


def test_truces_chart_marks_the_zoom_and_the_open_ended_truce_and_keeps_its_margins():
    _, fig = chartcheck.capture(ceasefire.truces_chart, _truces())
    left, right = fig.axes
    styles = charts.category_styles(data.vocabulary("truces", "status"))
    # bars in the colour of their status, on both axes
    for ax in (left, right):
        assert sorted(c for _, _, c in chartcheck.lines(ax)) == sorted(
            [chartcheck.colour(styles["agreed"]["color"]),
             chartcheck.colour(styles["declared_unilaterally"]["color"])])
    # the long axis: 2014 to 2025 in four-year steps, the enlarged months shaded
    assert left.get_xlim() == (_day("2014-01-01"), _day("2026-01-01"))
    assert _drawn_ticks(left) == ["2016", "2020", "2024"]
    (span,) = left.patches
    assert (span.get_x(), span.get_width()) == (_day("2025-02-20"), 110)
    assert chartcheck.colour(span.get_facecolor()) == "#eeeeee"
    assert _drawn_ticks(right) == ["Mar", "Apr", "May", "Jun"]
    # Minsk II (open-ended, from 15 Feb 2015): a dashed arrow 500 days long, its label beyond it
    label, arrow = left.texts
    assert (label.get_text(), label.xy, label.xyann) == (
        "open-ended", (pd.Timestamp("2016-06-29"), 3), (pd.Timestamp("2016-08-28"), 3))
    assert label.arrow_patch is None
    assert (arrow.xy, arrow.xyann) == ((pd.Timestamp("2016-06-29"), 3), (pd.Timestamp("2015-02-15"), 3))
    assert arrow.arrow_patch is not None and arrow.arrow_patch.get_linestyle() == "--"
    # durations two days right of the end (or of the announcement, when no end is given)
    assert sorted((t.get_text(), t.get_position()) for t in right.texts) == [
        ("3 days", (pd.Timestamp("2025-03-14"), 2)), ("30 h", (pd.Timestamp("2025-04-21"), 1))]
    # the shared row axis: names on the left only; rows without grid lines, years with them
    assert right.yaxis.get_major_ticks()[0].tick1line.get_markersize() == 0
    assert right.xaxis.get_major_ticks()[0].tick1line.get_markersize() > 0
    for ax in (left, right):
        assert not any(g.get_visible() for g in ax.get_ygridlines())
        assert any(g.get_visible() for g in ax.get_xgridlines())
    # margins: the enlarged axes 1.35 times as wide, the two close together, no wide empty band
    r = fig.canvas.get_renderer()
    lb, rb = left.get_window_extent(r), right.get_window_extent(r)
    assert rb.width / lb.width == pytest.approx(1.35)
    assert 0 < (rb.x0 - lb.x1) / fig.dpi < 0.3
    assert 0 < (fig.bbox.x1 - rb.x1) / fig.dpi < 0.2
    assert 0.2 < (fig._suptitle.get_window_extent(r).y0 - lb.y1) / fig.dpi < 0.4
    assert fig.get_size_inches()[0] == 7.2
    chartcheck.close(fig)


def test_truces_chart_edges_of_the_zoom_and_of_the_day_count():
    """Announced on the zoom's first and last day: both labelled. Exactly two days is written in
    days, half a day in hours. An end date with no duration still gets its bar."""
    ts = pd.Timestamp
    frame = pd.DataFrame({
        "id": ["E1", "E2", "E3"], "short_name": ["First day", "Last day", "End only"],
        "announced": [ts("2025-02-20"), ts("2025-06-10"), ts("2025-04-01")],
        "start": [ts("2025-02-21"), pd.NaT, ts("2025-04-02")],
        "end": [ts("2025-02-22"), pd.NaT, ts("2025-04-05")],
        "duration_days": [2.0, 0.5, None],
        "status": ["agreed", "proposed_not_accepted", "accepted_by_one_side"],
        "source_ids": ["paxdb-minsk-protocol"] * 3}).astype({"duration_days": "Float64"})
    chart, fig = chartcheck.capture(ceasefire.truces_chart, frame)
    left, right = fig.axes
    assert sorted((t.get_text(), t.get_position()) for t in right.texts) == [
        ("12 h", (ts("2025-06-12"), 0)), ("2 days", (ts("2025-02-24"), 2))]
    spans = sorted([x.strftime("%Y-%m-%d") for x in xs] for xs, _, _ in chartcheck.lines(right))
    assert spans == [["2025-02-21", "2025-02-23"], ["2025-04-02", "2025-04-06"]]
    assert chart.alt.endswith("Open-ended, with no end date: none.")
    styles = charts.category_styles(data.vocabulary("truces", "status"))
    assert sorted((xs[0].strftime("%Y-%m-%d"), c) for xs, _, c in chartcheck.lines(right)) == [
        ("2025-02-21", chartcheck.colour(styles["agreed"]["color"])),
        ("2025-04-02", chartcheck.colour(styles["accepted_by_one_side"]["color"]))]
    chartcheck.close(fig)


def test_positions_matrix_puts_parties_in_the_schemas_order_not_alphabetically():
    """The schema lists the United States before European leaders; so must the matrix."""
    pos = POS.assign(actor=["United States", "European leaders", "United States", "European leaders"])
    table = ceasefire.positions_table(pos, CODES, ISSUES)
    assert table.frame.to_dict("list") == {"Issue": ["Territory", "Crimea"],
                                           "United States": ["Keep all", "Russian †"],
                                           "European leaders": ["Give some", "—"]}


def test_truce_bars_end_exactly_where_the_truce_ended():
    """Butt caps: a thick line with round or projecting caps would reach past its last day."""
    _, fig = chartcheck.capture(ceasefire.truces_chart, _truces())
    for ax in fig.axes:
        assert {line.get_solid_capstyle() for line in ax.get_lines()} == {"butt"}
    chartcheck.close(fig)


def test_edge_cases_of_the_stances_and_their_labels():
    # two different snapshot rows for one actor and issue are refused, not only exact copies
    clash = pd.concat([POS, POS.head(1).assign(id="P9", stance="give")], ignore_index=True)
    with pytest.raises(ValueError, match="more than one snapshot position"):
        ceasefire.stances(clash)
    with pytest.raises(ValueError, match="'positions' table lacks"):
        ceasefire.stances(POS.drop(columns="caveat"))
    with pytest.raises(ValueError, match="unknown as_of"):
        ceasefire.as_of_label(POS, "today")
    assert ceasefire.as_of_label(POS.iloc[0:0], "latest") == "latest stated position"
    # the second party's missing position and its caveat reach the table and the chart
    view, fig = _captured_comparison(POS, CODES, ISSUES, "Ukraine", "Russia")
    assert list(view.table.frame["label_a"]) == ["Give some", "no stated position"]
    assert list(view.table.frame["label_b"]) == ["Keep all", "Russian †"]
    assert _cells(fig.axes[0])[(2, 0)][0] == "Russian †"
    chartcheck.close(fig)
    view = ceasefire.comparison_view(POS, CODES, ISSUES, "Russia", "Ukraine")
    assert list(view.table.frame["label_b"]) == ["Give some", "no stated position"]
