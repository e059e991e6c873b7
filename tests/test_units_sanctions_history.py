"""studyguide.sanctions_history (chapter 5): tables, charts, the case and Cuba vote explorers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from helpers import HOSTILE, JAPANESE, tags_of, text_of

from studyguide import data
from studyguide import sanctions_history as sh

NAMES = ("sanctions_events", "iran_crude_exports", "cuba_un_vote_tallies", "dprk_nuclear_tests",
         "cuba_un_votes_by_country", "sanctions_cases_compared", "sanctions_ties_cases")


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
    view = sh.case_view(*_case_args(ch5), case)
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
