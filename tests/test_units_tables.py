"""studyguide.tables: escaping, links, labels from the schema, missing values."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import HOSTILE, JAPANESE, tags_of

from studyguide import data, tables


def test_table_escapes_every_cell_and_caption():
    frame = pd.DataFrame({"a": [HOSTILE], "b": [JAPANESE]})
    html = tables.table(frame, caption=HOSTILE, source=HOSTILE)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert JAPANESE in html
    assert [t for t, _ in tags_of(html)].count("script") == 0


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "not a url",
                                 'https://x.org/"onmouseover="alert(1)', ""])
def test_safe_link_refuses_non_http(url):
    assert "<a " not in tables.safe_link(url, "label")


def test_safe_link_accepts_https():
    out = tables.safe_link("https://example.org/a?b=1&c=2", "A <b>")
    (tag, attrs), = tags_of(out)
    assert tag == "a" and attrs["href"] == "https://example.org/a?b=1&c=2"
    assert "A &lt;b&gt;" in out


def test_source_links_point_at_the_sources_page_and_never_navigate_lab_away():
    html = tables.source_links("nbc-pissed-off; interfax-jeddah")
    links = [a for t, a in tags_of(html) if t == "a"]
    assert [a["href"] for a in links] == ["sources.html#src-nbc-pissed-off",
                                          "sources.html#src-interfax-jeddah"]
    assert all(a["target"] == "_blank" and "sg-internal" in a["class"] for a in links)


def test_source_line_links_each_data_file_to_its_published_csv():
    html = tables.source_html("Data: data/claims.csv and data/datapackage.json. <b>")
    hrefs = [a["href"] for t, a in tags_of(html) if t == "a"]
    assert hrefs == ["../data/claims.csv", "../data/datapackage.json"]
    assert "&lt;b&gt;" in html


def test_table_caption_links_its_data_file():
    claims = data.load("claims")
    html = tables.table(claims, columns=["id"], caption="c")._repr_html_()
    assert ("a", {"class": "sg-internal", "href": "../data/claims.csv", "target": "_blank",
                  "rel": "noopener"}) in tags_of(html)


def test_table_rows_get_source_anchors_and_title_links():
    frame = pd.DataFrame({"id": ["a-b"], "title": ["T"], "url": ["https://e.org"]})
    html = tables.table(frame, caption="c", source="s", anchor_column="id",
                        title_links={"title": "url"})._repr_html_()
    found = tags_of(html)
    assert ("tr", {"id": "src-a-b"}) in found
    assert any(t == "a" and a.get("href") == "https://e.org" for t, a in found)
    assert "<th scope=\"col\">url</th>" not in html  # the URL column is folded into the title


def test_missing_values_render_empty_and_dates_as_iso():
    frame = pd.DataFrame({"d": pd.to_datetime(["2025-05-08", None]), "n": [3.0, float("nan")],
                          "s": pd.array(["x", pd.NA], dtype="string")})
    html = tables.table(frame, caption="c", source="s")._repr_html_()
    for missing in ("NaT", "nan", "<NA>", "None"):
        assert missing not in html
    assert "<td>2025-05-08</td>" in html and "<td>3</td>" in html


def test_empty_table_says_so():
    html = tables.table(pd.DataFrame({"a": []}), caption="c", source="s")._repr_html_()
    assert "No rows match" in html


def test_table_rejects_unknown_columns():
    with pytest.raises(KeyError, match="no column"):
        tables.table(pd.DataFrame({"a": [1]}), caption="c", source="s", columns=["b"])


def test_table_labels_and_source_default_to_the_schema():
    claims = data.load("claims")
    t = tables.table(claims, columns=["id", "verdict", "source_ids"], caption="c")
    html = t._repr_html_()
    assert "<th scope=\"col\">Verdict</th>" in html
    assert t.source == data.source_line("claims", claims)
    assert "sources.html#src-" in html
    with pytest.raises(ValueError, match="needs a source"):
        tables.table(pd.DataFrame({"a": [1]}), caption="c")


def test_a_merged_frame_gets_schema_titles_through_resource():
    claims = data.load("claims").head(2)
    merged = claims.merge(pd.DataFrame({"id": claims["id"], "x": [1, 2]}), on="id")
    assert "resource" not in merged.attrs  # pandas drops attrs on merge
    html = tables.table(merged, columns=["id", "finding"], caption="c", source="s",
                        resource="claims")._repr_html_()
    assert f"<th scope=\"col\">{data.titles('claims')['finding']}</th>" in html


def test_enum_labels_from_the_schema_replace_codes(data_copy, monkeypatch):
    import json

    path = data_copy / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    claims = next(r for r in pkg["resources"] if r["name"] == "claims")
    verdict = next(f for f in claims["schema"]["fields"] if f["name"] == "verdict")
    verdict["enumLabels"] = {"accurate": "Holds up"}
    path.write_text(json.dumps(pkg), encoding="utf-8")
    monkeypatch.setenv("STUDYGUIDE_DATA", str(data_copy))
    frame = pd.DataFrame({"id": ["A1", "A2"], "verdict": ["accurate", "opinion"]})
    html = tables.table(frame, caption="c", source="s", resource="claims")._repr_html_()
    assert "<td>Holds up</td>" in html and "<td>opinion</td>" in html


def test_reading_list_comes_from_data_in_order_and_escaped(data_copy, monkeypatch):
    (data_copy / "reading.csv").write_text(
        "chapter,position,source_id,note\n"
        f"1,2,interfax-jeddah,second\n1,1,nbc-pissed-off,\"{HOSTILE.replace(chr(34), '')}\"\n"
        "2,1,cnn-crimea,other chapter\n", encoding="utf-8")
    monkeypatch.setenv("STUDYGUIDE_DATA", str(data_copy))
    out = tables.reading_list(1)
    assert "<script>" not in out._repr_html_()
    lines = repr(out).splitlines()
    assert len(lines) == 2 and "NBC" in lines[0] and lines[1].endswith("— second")


@pytest.mark.parametrize(("url", "sep", "expected"), [
    ("https://e.org/a", ", ", '<a href="https://e.org/a" rel="noopener">Pub, T &lt;x&gt;</a>'),
    ("https://e.org/a", ": ", '<a href="https://e.org/a" rel="noopener">Pub: T &lt;x&gt;</a>'),
    ("", ", ", "Pub, T &lt;x&gt;"),
    (float("nan"), ": ", "Pub: T &lt;x&gt;"),
    ("javascript:alert(1)", ", ", "Pub, T &lt;x&gt;"),
])
def test_citation_names_publisher_and_title_linked_only_to_a_web_url(url, sep, expected):
    row = pd.Series({"publisher": "Pub", "title": "T <x>", "url": url})
    assert tables.citation(row, sep=sep) == expected


def test_reading_list_on_a_literal_registry_is_exactly_what_the_reader_gets(data_copy, monkeypatch):
    (data_copy / "sources.csv").write_text(
        "id,title,publisher,date,url,accessed,kind,language,via\n"
        "web-one,One & only,Pub A,2025-01-02,https://a.example/1,2026-02-27,wire,en,\n"
        "no-url,Printed,Pub B,,,,primary,ja,\n", encoding="utf-8")
    (data_copy / "reading.csv").write_text(
        "chapter,position,source_id,note\n"
        "2,3,web-one,last\n2,1,no-url,first\n1,1,web-one,other chapter\n", encoding="utf-8")
    monkeypatch.setenv("STUDYGUIDE_DATA", str(data_copy))
    out = tables.reading_list(2)
    assert out._repr_html_() == (
        '<ul class="sg-reading">'
        "<li>Pub B, Printed <em>(primary)</em> — first</li>"
        '<li><a href="https://a.example/1" rel="noopener">Pub A, One &amp; only</a> '
        "<em>(wire)</em> — last</li>"
        "</ul>")
    assert repr(out) == "- Pub B, Printed (primary) — first\n- Pub A, One & only (wire) — last"


def test_table_as_text_is_caption_labelled_columns_and_source():
    t = tables.table(pd.DataFrame({"kind": ["wire", "primary"], "n": [2, 10]}), caption="Cap.",
                     source="Src.", labels={"n": "Sources"})
    assert [line.split() for line in repr(t).splitlines()] == [
        ["Cap."], ["kind", "Sources"], ["wire", "2"], ["primary", "10"], ["Src."]]


def test_safe_link_labels_a_bare_url_with_itself_and_accepts_plain_http():
    assert tables.safe_link("http://example.org/X?a=1&b=2") == (
        '<a href="http://example.org/X?a=1&amp;b=2" rel="noopener">http://example.org/X?a=1&amp;b=2</a>')


def test_source_anchor_is_lowercase_letters_digits_and_hyphens():
    assert tables.source_anchor("Reuters.May_8-2025") == "src-reuters-may-8-2025"


def test_table_html_on_a_literal_frame_exactly():
    frame = pd.DataFrame({"id": ["a-1", "b"], "title": ["First", "Second"],
                          "url": ["https://e.org/1", ""], "n": [1.0, None], "note": [None, "x & y"]})
    html = tables.table(frame, caption='The "two" rows', source="Src.", labels={"n": "Count"},
                        title_links={"title": "url"})._repr_html_()
    assert html == (
        '<div class="sg-table-wrap" tabindex="0" role="region" aria-label="The &quot;two&quot; rows">'
        '<table class="sg-table"><caption>The &quot;two&quot; rows <span class="sg-source">Src.</span>'
        '</caption><thead><tr><th scope="col">id</th><th scope="col">title</th>'
        '<th scope="col">Count</th><th scope="col">note</th></tr></thead><tbody>'
        '<tr><td>a-1</td><td><a href="https://e.org/1" rel="noopener">First</a></td><td>1</td><td></td></tr>'
        "<tr><td>b</td><td>Second</td><td></td><td>x &amp; y</td></tr>"
        "</tbody></table></div>")


def test_an_empty_one_column_table_spans_its_message_over_that_column():
    html = tables.table(pd.DataFrame({"a": []}), caption="c", source="s")._repr_html_()
    assert '<tbody><tr><td colspan="1">No rows match this selection.</td></tr></tbody>' in html
