"""studyguide.reference: data cards, the source registry page, claims tables."""

from __future__ import annotations

from helpers import tags_of

from studyguide import data, reference


def test_card_lists_every_field_links_the_csv_and_states_the_as_of_date():
    html = reference.card("us_stance_statements")._repr_html_()
    res = data.resource("us_stance_statements")
    for field in res["schema"]["fields"]:
        assert f"<code>{field['name']}</code>" in html
    assert res["asOf"] in html and "Creative Commons Attribution 4.0" in html
    assert any(t == "a" and a["href"] == "../data/us_stance_statements.csv" for t, a in tags_of(html))


def test_every_resource_has_a_card():
    cards = reference.all_cards()
    assert len(cards) == len(data.package()["resources"])


def test_cited_in_names_every_table_citing_a_source():
    sources = reference.sources_with_citations()
    row = sources.set_index("id").loc["nbc-pissed-off", "cited_in"]
    statements = data.load("us_stance_statements")
    assert ("us_stance_statements" in row) == statements["source_ids"].str.contains("nbc-pissed-off").any()
    assert "reading" in row  # the reading list cites it too


def test_kinds_table_counts_every_source_once_in_schema_order():
    sources = data.load("sources")
    table = reference.kinds_table(sources)
    assert table.frame["sources"].sum() == len(sources)
    order = data.vocabulary("sources", "kind")
    assert list(table.frame["kind"]) == [k for k in order if k in set(sources["kind"])]


def test_registry_table_anchors_every_source():
    html = reference.registry_table(reference.sources_with_citations())._repr_html_()
    anchors = {a["id"] for t, a in tags_of(html) if t == "tr" and "id" in a}
    assert len(anchors) == len(data.load("sources"))


def test_claims_table_shows_who_said_it():
    claims = data.load("claims")
    table = reference.claims_table(claims[claims["chapter"] == 1], "x")
    assert "speaker" in table.frame.columns and table.caption == "The seed's claims about x, with verdicts."
