"""studyguide.reference: data cards, the source registry page, claims tables."""

from __future__ import annotations

import re

import pandas as pd
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


# --- what a reader of the Sources page sees: headers, caption, source line ------------------

REGISTRY_LINE = ("Data: data/sources.csv (Source registry). Fact sheet and timeline of the guide's "
                 "research (as of 27 Feb 2026); Updates to mid-2026 and the fact-check of issue 8 "
                 "(checked 30 Nov 2026). As of ")


def _headers(html: str) -> list[str]:
    return re.findall(r'<th scope="col">(.*?)</th>', html)


def _caption(html: str) -> str:
    return re.search(r"<caption>(.*?) <span", html).group(1)


# Registry rows as sources_with_citations() returns them, without the attrs data.load() sets.
SOURCES = pd.DataFrame({
    "id": ["zeta-wire", "alpha-post", "beta-post", "seed"],
    "title": ["Z story", "A & B", "B story", "The seed"],
    "publisher": ["Reuters", "The Post", "The Post", "Seed blog"],
    "date": pd.to_datetime(["2025-03-01", None, "2025-02-01", None]),
    "url": ["https://z.example/1", "https://a.example/2", "https://b.example/3", ""],
    "accessed": pd.to_datetime(["2026-02-27"] * 4),
    "kind": ["wire", "newspaper", "newspaper", "analysis"],
    "language": ["en", "en", "ja", "en"],
    "via": ["", "", "", ""],
    "cited_in": ["claims, reading", "", "quiz", "claims"],
})


def test_kinds_table_on_a_literal_registry_labels_columns_and_names_its_source():
    table = reference.kinds_table(SOURCES)
    # the schema's order of kinds is primary, wire, newspaper, analysis, ...; absent kinds left out
    assert table.frame.to_dict("list") == {"kind": ["wire", "newspaper", "analysis"],
                                           "sources": [1, 2, 1]}
    html = table._repr_html_()
    assert _headers(html) == ["Kind", "Sources"]
    assert table.caption == "Sources by kind." and _caption(html) == "Sources by kind."
    assert table.source.startswith(REGISTRY_LINE)
    assert table.source == f"{REGISTRY_LINE}{data.resource('sources')['asOf']}."
    assert repr(table).splitlines()[1].split() == ["Kind", "Sources"]


def test_registry_table_on_a_literal_registry():
    table = reference.registry_table(SOURCES)
    html = table._repr_html_()
    # the URL column is folded into the title's link; columns in the order a reader scans them
    assert _headers(html) == ["Source id", "Title", "Publisher", "Published", "Kind",
                              "Original publisher", "Language", "Accessed", "Cited in"]
    assert list(table.frame["id"]) == ["zeta-wire", "seed", "alpha-post", "beta-post"]  # by publisher, id
    rows = [a["id"] for t, a in tags_of(html) if t == "tr" and "id" in a]
    assert rows == ["src-zeta-wire", "src-seed", "src-alpha-post", "src-beta-post"]
    body = html.split("<tbody>")[1]
    links = [a["href"] for t, a in tags_of(body) if t == "a"]
    assert links == ["https://z.example/1", "https://a.example/2", "https://b.example/3"]
    assert '<a href="https://a.example/2" rel="noopener">A &amp; B</a>' in html
    assert "<td>The seed</td>" in html  # no URL: the title as text
    assert "<td>claims, reading</td>" in html
    assert table.caption == "Every source the guide cites, once."
    assert _caption(html) == "Every source the guide cites, once."
    assert table.source == f"{REGISTRY_LINE}{data.resource('sources')['asOf']}."


def test_cited_in_lists_table_names_sorted_and_comma_separated():
    sources = reference.sources_with_citations()
    names = {r["name"] for r in data.package()["resources"]}
    for sid, cell in zip(sources["id"], sources["cited_in"], strict=True):
        parts = cell.split(", ") if cell else []
        assert set(parts) <= names and parts == sorted(set(parts)), (sid, cell)
    assert "reading" in sources.set_index("id").loc["nbc-pissed-off", "cited_in"].split(", ")


def test_claims_table_shows_the_seed_the_verdict_and_the_sources():
    claims = data.load("claims")
    table = reference.claims_table(claims[claims["chapter"] == 1], "the US stance")
    html = table._repr_html_()
    assert _headers(html) == ["Claim", "Whose claim", "Seed (Japanese)", "Seed (English paraphrase)",
                              "Verdict", "What the sources show", "Sources"]
    assert _caption(html) == "The seed&#x27;s claims about the US stance, with verdicts."
    assert table.source.startswith("Data: data/claims.csv (")


def test_corrections_table_on_a_literal_log_newest_issue_last():
    log = pd.DataFrame({
        "id": ["C003", "C002", "C001"], "date": pd.to_datetime(["2026-12-01", "2026-11-30", "2026-11-30"]),
        "issue": [9, 8, 8], "point": [1, 2, 1], "chapter": [1, 2, 2],
        "target": ["claims/A1", "minsk/M1", "claims/A13"], "what_was_wrong": ["w3", "w2", "w1"],
        "old_value": ["o3", "o2", "o1"], "new_value": ["n3", "n2", "n1"],
        "source_ids": ["nbc-pissed-off", "interfax-jeddah", "nbc-pissed-off"],
        "status": ["fixed", "fixed", "explained"], "note": ["", "", "x"]})
    log.attrs["resource"] = "corrections"  # as data.load("corrections") returns it
    table = reference.corrections_table(log)
    assert list(table.frame["id"]) == ["C001", "C002", "C003"]  # by date, then id
    html = table._repr_html_()
    assert _headers(html) == ["Correction", "Date", "Chapter", "Where", "What was wrong", "Old value",
                              "New value", "Status", "Note", "Sources"]
    assert _caption(html) == "Corrections: every fix to the guide&#x27;s prose and data, newest issue last."
    assert table.source.startswith("Data: data/corrections.csv (Corrections log). Compiled from 2 "
                                   "sources (1 newspaper, 1 wire), listed on the Sources page.")
    assert 'href="sources.html#src-interfax-jeddah"' in html  # each id links to the Sources page


def test_card_of_a_literal_package_is_exactly_what_the_reader_gets(tmp_path, monkeypatch):
    import json

    registry = data.resource("sources")
    tiny = {
        "name": "tiny_things", "path": "tiny_things.csv", "title": "Tiny <things>",
        "description": "Two rows & a key.", "coverage": "2025", "asOf": "2026-01-02",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "CC BY 4.0"}, {"name": "ODbL"}],
        "sources": [{"title": "Notes A"}, {"title": "Notes <B>"}],
        "schema": {"fields": [
            {"name": "id", "type": "string", "title": "Id", "description": "The key.",
             "constraints": {"required": True, "unique": True, "pattern": "[a-z]+"}},
            {"name": "n", "type": "integer", "title": "Count", "constraints": {"minimum": 0, "maximum": 9}},
            {"name": "size", "title": "Size", "constraints": {"enum": ["S", "M"]}},
            {"name": "source_ids", "type": "string", "sourceRegistry": "sources"}],
            "primaryKey": ["id", "n"]}}
    bare = {"name": "bare", "path": "bare.csv", "title": "Bare",
            "schema": {"fields": [{"name": "x", "type": "string"}]}}
    (tmp_path / "datapackage.json").write_text(json.dumps({
        "name": "t", "licenses": [{"name": "CC0-1.0", "path": "https://x.example/cc0", "title": "CC0"}],
        "resources": [registry, tiny, bare]}), encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "id,title,publisher,date,url,accessed,kind,language,via\n"
        "src-one,One,Pub,,https://a.example/1,,wire,en,\n", encoding="utf-8")
    (tmp_path / "tiny_things.csv").write_text("id,n,size,source_ids\na,1,S,src-one\nb,2,M,src-one\n",
                                              encoding="utf-8")
    (tmp_path / "bare.csv").write_text("x\n1\n", encoding="utf-8")  # one row: "1 row", not "1 rows"
    monkeypatch.setenv("STUDYGUIDE_DATA", str(tmp_path))

    card = reference.card("tiny_things")
    assert card._repr_html_() == (
        '<div class="sg-card" id="data-tiny-things"><p><strong>Tiny &lt;things&gt;</strong> — '
        '<a class="sg-internal" href="../data/tiny_things.csv" target="_blank" rel="noopener">'
        "data/tiny_things.csv</a>, 2 rows. Two rows &amp; a key.</p>"
        "<p>Coverage: 2025. As of: 2026-01-02. Licence: "
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="noopener">CC BY 4.0</a>, ODbL. '
        "Sources: Notes A; Notes &lt;B&gt;. Key: <code>id, n</code>.</p>"
        '<div class="sg-table-wrap" tabindex="0" role="region" aria-label="Columns of tiny_things">'
        '<table class="sg-table"><thead><tr><th scope="col">Column</th><th scope="col">Type</th>'
        '<th scope="col">Meaning</th><th scope="col">Rules</th></tr></thead><tbody>'
        "<tr><td><code>id</code></td><td>string</td><td>The key.</td>"
        "<td>required; unique; pattern [a-z]+</td></tr>"
        "<tr><td><code>n</code></td><td>integer</td><td>Count</td><td>maximum 9; minimum 0</td></tr>"
        "<tr><td><code>size</code></td><td>string</td><td>Size</td><td>one of: S, M</td></tr>"
        "<tr><td><code>source_ids</code></td><td>string</td><td></td>"
        "<td>ids must exist in data/sources.csv</td></tr>"
        "</tbody></table></div></div>")
    assert repr(card) == "Tiny <things> (data/tiny_things.csv, 2 rows; as of 2026-01-02)"
    # a resource without its own licence, sources, coverage or key: the package's licence, blanks
    html = reference.card("bare")._repr_html_()
    assert ("<p>Coverage: . As of: . Licence: "
            '<a href="https://x.example/cc0" rel="noopener">CC0</a>. Sources: . Key: <code></code>.</p>'
            ) in html
    assert "data/bare.csv</a>, 1 row. </p>" in html
    assert repr(reference.card("bare")) == "Bare (data/bare.csv, 1 row; as of )"
