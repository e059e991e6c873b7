"""studyguide.summit (chapter 4): events, talks, ledger, trade, UN alignment, the explorer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers import HOSTILE, JAPANESE, tags_of, text_of

from studyguide import data, summit


@pytest.fixture(scope="module")
def un():
    return {n: data.load(n) for n in ("unga_votes", "unga_roll_calls", "unga_countries",
                                      "unga_agreement")}


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
    import xml.dom.minidom
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
    with pytest.raises(ValueError):
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


def test_talks_chart_names_whose_figure_and_what_it_counts():
    chart = summit.talks_chart(data.load("talks_length"))
    assert "TASS, via UNN: 7 hours (all formats, including the afternoon tea)" in chart.alt
    assert "UPI: 4 hours (formal talks up to the signing)" in chart.alt
    assert "Seed: Korybko (as summarised): 7 hours" in chart.alt


def test_trade_chart_marks_gaps_and_second_figures():
    chart = summit.trade_chart(data.load("china_russia_trade"))
    assert "No figure for 2001, 2004, 2012" in chart.alt
    assert b"no figure" in chart.svg


def test_events_chart_and_table():
    events = data.load("summit_events")
    chart = summit.events_chart(events)
    assert chart.alt.startswith(f"Timeline of {len(events)} events from 30 April 2025")
    assert "Seed's claim (wrong)" in chart.svg.decode()
    table = summit.events_table(events)
    assert "Compiled from" in table.source


def test_issue_chart_refuses_too_many_pairs():
    agreement = data.load("unga_agreement")
    rows = agreement[(agreement["country_a"] == "CN") & (agreement["year"] == 2017)]
    by = rows.groupby(["country_a", "country_b", "issue"])[["n_agree", "n_shared"]].sum()
    with pytest.raises(ValueError, match="at most 3 pairs"):
        summit.issue_chart(by, period="2017")
    few = by[by.index.get_level_values("country_b").isin(["RU", "US"])]
    chart = summit.issue_chart(few, period="2017")
    assert "China–Russia" in chart.alt and "China–United States" in chart.alt
    with pytest.raises(ValueError, match="empty"):
        summit.issue_chart(few.iloc[:0], period="2017")


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
