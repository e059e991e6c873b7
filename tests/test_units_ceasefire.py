"""studyguide.ceasefire (chapter 2): stances, comparison, truces, Minsk, the explorer."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import HOSTILE, JAPANESE

from studyguide import ceasefire, data


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


def test_minsk_table_follows_the_schema_order_of_aspects(ch2):
    table = ceasefire.minsk_table(ch2["minsk"])
    order = data.vocabulary("minsk", "aspect")
    ranks = [order.index(a) for a in table.frame["aspect"]]
    assert ranks == sorted(ranks) and len(table.frame) == len(ch2["minsk"])


def test_explorer_offers_no_self_comparison_and_matches_the_view(ch2):
    ex = ceasefire.explorer(*_args(ch2))
    html, line = ex.render([0, 0, 0])
    assert html == "" and "different parties" in line
    first, second = ex.controls[0].options[2][0], ex.controls[1].options[0][0]
    html, line = ex.render([2, 0, 1])
    view = ceasefire.comparison_view(*_args(ch2), first, second, "latest")
    assert html == view._repr_html_() and line == view.summary
