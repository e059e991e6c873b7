"""Unit tests of the studyguide plumbing: tables, charts, views, widgets, quiz, notebook cleaning."""

from __future__ import annotations

import string
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest

from studyguide import cards, charts, data, notebooks, quiz, sphinxext, tables, views, widgets

HOSTILE = '<script>alert("x")</script>'
JAPANESE = "米国は制裁・関税貧乏国に成り下がる"


class _Tags(HTMLParser):
    """Collect tags and their attributes, to check structure without string matching."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(fragment: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(fragment)
    return parser.tags


@pytest.fixture(scope="module")
def statements():
    return data.load("us_stance_statements")


# --- tables ---------------------------------------------------------------------------------

def test_table_escapes_every_cell_and_caption():
    frame = pd.DataFrame({"a": [HOSTILE], "b": [JAPANESE]})
    html = tables.table(frame, caption=HOSTILE, source=HOSTILE)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert JAPANESE in html
    assert [t for t, _ in tags_of(html)].count("script") == 0


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "not a url",
                                 'https://x.org/"onmouseover="alert(1)', ""])
def test_safe_link_refuses_non_http(url):
    out = tables.safe_link(url, "label")
    assert "<a " not in out


def test_safe_link_accepts_https():
    out = tables.safe_link("https://example.org/a?b=1&c=2", "A <b>")
    (tag, attrs), = tags_of(out)
    assert tag == "a" and attrs["href"] == "https://example.org/a?b=1&c=2"
    assert "A &lt;b&gt;" in out


def test_source_links_point_at_the_sources_page_anchors():
    html = tables.source_links("nbc-pissed-off; interfax-jeddah")
    hrefs = [a["href"] for t, a in tags_of(html) if t == "a"]
    assert hrefs == ["sources.html#src-nbc-pissed-off", "sources.html#src-interfax-jeddah"]


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


# --- charts ---------------------------------------------------------------------------------

def _simple_chart(**overrides):
    import matplotlib.pyplot as plt

    with charts.style():
        fig, ax = plt.subplots()
        ax.plot([1, 2], [3, 4])
    kwargs = dict(title="T", xlabel="x (days)", ylabel="y (US$ bn)", alt="A line.", source="S.")
    kwargs.update(overrides)
    return charts.finish(fig, ax, **kwargs)


@pytest.mark.parametrize("missing", ["title", "xlabel", "ylabel", "alt", "source"])
def test_chart_refuses_missing_labels(missing):
    with pytest.raises(ValueError, match=missing):
        _simple_chart(**{missing: "  "})


def test_chart_html_has_escaped_alt_and_caption():
    chart = _simple_chart(alt=HOSTILE + JAPANESE, source=HOSTILE)
    html = chart._repr_html_()
    imgs = [a for t, a in tags_of(html) if t == "img"]
    assert len(imgs) == 1 and imgs[0]["alt"] == HOSTILE + JAPANESE  # parsed back, i.e. escaped
    assert imgs[0]["src"].startswith("data:image/svg+xml;base64,")
    assert "<script>" not in html


def test_chart_output_is_deterministic():
    assert _simple_chart().svg == _simple_chart().svg


def test_palette_is_okabe_ito_and_categories_differ_by_marker_too():
    styles = charts.category_styles(views.KIND_ORDER)
    assert {s["color"] for s in styles.values()} <= set(charts.OKABE_ITO.values())
    assert len({(s["color"], s["marker"]) for s in styles.values()}) == len(views.KIND_ORDER)
    assert len({s["marker"] for s in styles.values()}) == len(views.KIND_ORDER)


# --- views ----------------------------------------------------------------------------------

def test_filter_none_means_all(statements):
    assert len(views.filter_statements(statements)) == len(statements)


def test_filter_matches_pandas(statements):
    got = views.filter_statements(statements, ["Donald Trump"], ["threat"])
    expected = statements[(statements["actor"] == "Donald Trump") & (statements["kind"] == "threat")]
    assert sorted(got["id"]) == sorted(expected["id"]) and len(got) > 0
    assert got["date"].is_monotonic_increasing


def test_filter_empty_selection_gives_empty_view(statements):
    view = views.statements_view(statements, actors=[], kinds=None)
    assert len(view.frame) == 0
    assert "No rows match" in view.table._repr_html_()
    assert "0 statements" in view.chart.alt


@pytest.mark.parametrize("bad", ["Nobody", HOSTILE, JAPANESE, ""])
def test_unknown_actor_or_kind_is_refused(statements, bad):
    with pytest.raises(ValueError, match="unknown actor"):
        views.statements_view(statements, actors=[bad])
    with pytest.raises(ValueError, match="unknown kind"):
        views.statements_view(statements, kinds=[bad])


def test_a_single_string_is_one_choice(statements):
    assert len(views.filter_statements(statements, actors="JD Vance")) == (
        statements["actor"] == "JD Vance").sum()


def test_view_counts_and_caption_follow_the_selection(statements):
    kinds = ["threat", "offer"]
    view = views.statements_view(statements, kinds=kinds)
    n = statements["kind"].isin(kinds).sum()
    assert len(view.frame) == n
    assert f"{n} of {len(statements)} statements" in view.table.caption
    counts = statements["kind"].value_counts()
    assert f"{counts['threat']} threat" in view.chart.alt and f"{counts['offer']} offer" in view.chart.alt


def test_hostile_text_in_data_is_escaped(statements):
    frame = statements.copy()
    frame.loc[0, "summary"] = HOSTILE
    frame.loc[0, "short_label"] = HOSTILE[:30]
    html = views.statements_view(frame)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_every_actor_option_renders(statements):
    for actor in views.allowed("us_stance_statements", "actor"):
        views.statements_view(statements, actors=[actor])


# --- widgets --------------------------------------------------------------------------------

def test_explorer_redraws_when_a_control_changes(statements):
    explorer = widgets.statement_explorer(statements)
    controls, _, out = explorer.children
    actors, kinds = controls.children
    assert f"{len(statements)} of {len(statements)}" in out.value
    actors.value = ("JD Vance",)
    n = (statements["actor"] == "JD Vance").sum()
    assert f"{n} of {len(statements)}" in out.value
    kinds.value = ()
    assert "No rows match" in out.value


# --- quiz -----------------------------------------------------------------------------------

def test_quiz_renders_every_question_with_a_hidden_answer():
    frame = data.load("quiz")
    q = quiz.quiz(1)
    html = q._repr_html_()
    n = (frame["chapter"] == 1).sum()
    assert len(q.items) == n > 0
    assert [t for t, _ in tags_of(html)].count("details") == n
    for item in q.items:
        assert item.answer_text in item.choices


def test_quiz_answer_must_name_a_choice():
    frame = data.load("quiz").head(1).copy()
    frame.loc[frame.index[0], "answer"] = string.ascii_lowercase[len(frame.iloc[0]["choices"].split("|"))]
    with pytest.raises(data.DataError, match="answer-out-of-range"):
        quiz.questions(int(frame.iloc[0]["chapter"]), frame)


def test_quiz_escapes_question_text():
    frame = data.load("quiz").head(1).copy()
    frame.loc[frame.index[0], "question"] = HOSTILE
    q = quiz.Quiz(quiz.questions(int(frame.iloc[0]["chapter"]), frame), data.load("sources"))
    assert "<script>" not in q._repr_html_()


# --- cards, reading lists -------------------------------------------------------------------

def test_card_lists_every_field_and_the_as_of_date():
    html = cards.card("us_stance_statements")._repr_html_()
    res = data.resource("us_stance_statements")
    for field in res["schema"]["fields"]:
        assert f"<code>{field['name']}</code>" in html
    assert res["asOf"] in html and "Creative Commons Attribution 4.0" in html


def test_reading_list_links_only_registered_sources():
    sources = data.load("sources")
    out = tables.reading_list(sources, ["nbc-pissed-off"], notes={"nbc-pissed-off": HOSTILE})
    assert "<script>" not in out._repr_html_()
    with pytest.raises(KeyError):
        tables.reading_list(sources, ["not-registered"])


# --- notebooks and the Sphinx extension -----------------------------------------------------

def test_clean_strips_widget_state_and_widget_outputs():
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"state": {}}
    cell = nbformat.v4.new_code_cell("w")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        notebooks.WIDGET_MIME: {"model_id": "abc"}, "text/plain": "VBox()"})]
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    kept = nbformat.v4.new_code_cell("1")
    kept.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "1"},
                                           execution_count=1)]
    nb.cells = [cell, kept]
    cleaned = notebooks.clean(nb)
    assert "widgets" not in cleaned.metadata
    assert cleaned.cells[0].outputs == [] and "execution" not in cleaned.cells[0].metadata
    assert cleaned.cells[1].outputs == kept.outputs


def test_sphinxext_drops_only_thebe_and_widget_state():
    class Asset(str):
        def __new__(cls, filename, **attributes):
            obj = super().__new__(cls, filename or "")
            obj.filename, obj.attributes = filename, attributes
            return obj

    context = {"script_files": [Asset("_static/doctools.js"), Asset("sphinx-thebe.js"),
                                Asset(None, body='const THEBE_JS_URL = "x"'),
                                Asset(None, type=sphinxext.WIDGET_STATE, body="{}")],
               "css_files": [Asset("_static/sphinx-thebe.css"), Asset("_static/studyguide.css")]}
    sphinxext.drop_unwanted(None, "p", "t", context, None)
    assert [a.filename for a in context["script_files"]] == ["_static/doctools.js"]
    assert [a.filename for a in context["css_files"]] == ["_static/studyguide.css"]


# --- chapter 2 views ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ch2():
    return {n: data.load(n) for n in ("positions", "stance_codes", "issues", "truces")}


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
    view = views.compare_actors(ch2["positions"], ch2["stance_codes"], ch2["issues"], *pair)
    assert list(view.frame["issue"]) == list(ch2["issues"]["issue"])
    for rec in view.frame.itertuples():
        assert rec.relation == _expected_relation(ch2["positions"], *pair, rec.issue), rec.issue
    for relation, n in view.frame["relation"].value_counts().items():
        assert f"{n} {views.RELATIONS[relation][1]}" in view.chart.alt


def test_an_actor_agrees_with_itself_wherever_it_has_a_position(ch2):
    view = views.compare_actors(ch2["positions"], ch2["stance_codes"], ch2["issues"],
                                "Ukraine", "Ukraine")
    assert set(view.frame["relation"]) <= {"agree", "neither"}


@pytest.mark.parametrize("bad", ["Atlantis", HOSTILE, JAPANESE, ""])
def test_comparison_refuses_unknown_actors(ch2, bad):
    with pytest.raises(ValueError, match="unknown actor"):
        views.compare_actors(ch2["positions"], ch2["stance_codes"], ch2["issues"], bad, "Russia")


def test_comparison_refuses_unknown_dates(ch2):
    with pytest.raises(ValueError, match="unknown as_of"):
        views.compare_actors(ch2["positions"], ch2["stance_codes"], ch2["issues"], as_of="yesterday")


def test_latest_takes_the_newest_row_per_actor_and_issue(ch2):
    latest = views.stances(ch2["positions"], "latest")
    newest = ch2["positions"].groupby(["actor", "issue"])["date"].max()
    assert len(latest) == len(newest)
    for rec in latest.itertuples():
        assert rec.date == newest[(rec.actor, rec.issue)]


def test_two_snapshot_rows_for_one_cell_are_refused(ch2):
    snap = ch2["positions"][ch2["positions"]["period"] == "snapshot"]
    doubled = pd.concat([ch2["positions"], snap.head(1)])
    with pytest.raises(ValueError, match="more than one snapshot"):
        views.stances(doubled, "snapshot")


def test_matrix_shows_every_snapshot_cell_and_escapes(ch2):
    frame = ch2["positions"].copy()
    codes = ch2["stance_codes"].copy()
    codes.loc[0, "label"] = HOSTILE
    html = views.positions_matrix(frame, codes, ch2["issues"])._repr_html_()
    assert "<script>" not in html
    n_cells = (frame["period"] == "snapshot").sum()
    n_dashes = len(ch2["issues"]) * frame.loc[frame["period"] == "snapshot", "actor"].nunique() - n_cells
    assert html.count("<td>—</td>") == n_dashes


def test_position_changes_are_exactly_the_changed_cells(ch2):
    moves = views.position_changes(ch2["positions"], ch2["stance_codes"], ch2["issues"])
    snap = views.stances(ch2["positions"], "snapshot").set_index(["actor", "issue"])["stance"]
    last = views.stances(ch2["positions"], "latest").set_index(["actor", "issue"])["stance"]
    changed = {k for k in last.index if snap.get(k) != last[k]}
    assert set(zip(moves["actor"], moves["issue"], strict=True)) == changed


def test_truces_chart_describes_its_data(ch2):
    chart = views.truces_chart(ch2["truces"])
    assert f"Timeline of {len(ch2['truces'])} " in chart.alt
    for status, n in ch2["truces"]["status"].value_counts().items():
        assert f"{n} {views.STATUS_LABELS[status]}" in chart.alt


def test_comparison_explorer_redraws(ch2):
    explorer = widgets.comparison_explorer(ch2["positions"], ch2["stance_codes"], ch2["issues"])
    (first, second), as_of, out = explorer.children[0].children, explorer.children[1], explorer.children[2]
    assert "Russia and Ukraine" in out.value
    first.value = "Russia"
    second.value = "United States"
    assert "Russia and United States" in out.value
    as_of.value = "latest"
    assert views.AS_OF["latest"] in out.value


def test_table_labels_and_source_default_to_the_schema():
    claims = data.load("claims")
    t = tables.table(claims, columns=["id", "verdict", "source_ids"], caption="c")
    html = t._repr_html_()
    assert "<th scope=\"col\">Verdict</th>" in html
    assert data.source_line("claims", claims) in t.source
    assert "sources.html#src-" in html
    with pytest.raises(ValueError, match="needs a source"):
        tables.table(pd.DataFrame({"a": [1]}), caption="c")
