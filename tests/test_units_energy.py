"""studyguide.energy (chapter 3): instruments, timeline, buyers, revenue, Urals, the exposure explorer."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from chartcheck import (
    assert_layout,
    bars,
    capture,
    close,
    legend_labels,
    legend_title,
    lines,
    overlapping_texts,
    points,
)
from helpers import HOSTILE, JAPANESE, text_of
from matplotlib.markers import MarkerStyle

from studyguide import charts, data, energy


@pytest.fixture(scope="module")
def ch3():
    names = ("energy_instruments", "energy_events", "crude_buyers", "russia_oil_gas_revenue",
             "urals_prices", "exposure", "sources")
    return {n: data.load(n) for n in names}


def _exposure(names=("Aland", "Boland")) -> pd.DataFrame:
    return pd.DataFrame({
        "buyer": list(names), "us_imports_2024_usd_bn": [100.0, 40.0],
        "us_duties_2024_usd_bn": [3.0, 1.0], "russian_crude_usd_bn": [50.0, None],
        "russian_crude_period": ["2024", None], "russian_fossil_eur_bn": [60.0, 20.0],
        "russian_fossil_period": ["2024–25", "2024–25"],
        "source_ids": ["census-imports-2024", "census-imports-2024"],
    }).astype({"russian_crude_usd_bn": "Float64", "russian_fossil_eur_bn": "Float64"})


# --- the exposure model ------------------------------------------------------------------------

def test_tariff_bill_on_a_literal_frame():
    got = energy.tariff_bill(_exposure(), 25)
    assert list(got["bill_usd_bn"]) == [25.0, 10.0]
    assert got.loc[0, "bill_pct_of_crude"] == 50.0
    assert pd.isna(got.loc[1, "bill_pct_of_crude"])  # no crude value: no ratio, never 0 or inf
    assert list(energy.tariff_bill(_exposure(), 0)["bill_usd_bn"]) == [0.0, 0.0]
    assert list(energy.tariff_bill(_exposure(), 100)["bill_usd_bn"]) == [100.0, 40.0]


def test_the_euro_column_is_never_converted():
    got = energy.tariff_bill(_exposure(), 50)
    assert list(got["russian_fossil_eur_bn"]) == [60.0, 20.0]


def test_the_view_states_its_assumptions_and_numbers():
    view = energy.exposure_view(_exposure(), 25)
    assert view.summary == ("Secondary tariff of 25%: Aland US$25.0 bn, Boland US$10.0 bn a year "
                            "(static trade)")
    caption = view.table.caption
    assert "Static trade" in caption and "not a forecast" in caption and "pass-through" in caption
    assert "not a forecast" in view.chart.alt
    assert ("Boland: US$10.0 bn of US$40.0 bn US-bound exports, its Russian crude value was not "
            "found") in view.chart.alt
    assert list(view.table.frame["Russian crude bought (US$ bn)"]) == ["50.0", "not found"]
    assert list(view.table.frame["Bill as % of that crude"]) == ["50%", "—"]


@pytest.mark.parametrize("rate", [25.0, 0, 100])
def test_a_whole_number_rate_is_accepted(rate):
    assert energy.exposure_view(_exposure(), rate).frame["rate_pct"].iloc[0] == int(rate)


@pytest.mark.parametrize("bad", ["25", "25%", None, True, [25], HOSTILE, JAPANESE])
def test_a_rate_that_is_not_a_number_is_a_type_error(bad):
    with pytest.raises(TypeError, match="rate must be a number"):
        energy.exposure_view(_exposure(), bad)


@pytest.mark.parametrize("bad", [7, -5, 105, 12.5, float("nan")])
def test_a_rate_not_offered_is_a_value_error(bad):
    with pytest.raises(ValueError, match="choose one of"):
        energy.exposure_view(_exposure(), bad)


def test_a_wrong_table_is_refused():
    with pytest.raises(TypeError, match="DataFrame"):
        energy.exposure_view("exposure.csv", 25)
    with pytest.raises(ValueError, match="lacks column"):
        energy.exposure_view(_exposure().drop(columns="russian_crude_usd_bn"), 25)


def test_an_empty_table_gives_an_empty_view():
    view = energy.exposure_view(_exposure().iloc[0:0], 25)
    assert view.summary == "Secondary tariff of 25%: no buyers"
    assert "No rows match" in view.table._repr_html_()
    ET.fromstring(view.chart.svg)


@pytest.mark.parametrize("name", [HOSTILE, JAPANESE])
def test_hostile_and_japanese_names_are_escaped_and_kept(name):
    view = energy.exposure_view(_exposure((name, "Boland")), 50)
    page = view._repr_html_()
    assert "<script>" not in page
    root = ET.fromstring(view.chart.svg)  # well-formed: the name is escaped inside the SVG
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert name in texts
    assert name in text_of(view.table._repr_html_())


def test_the_chart_scale_is_fixed_for_every_rate():
    """The grey bar (all US-bound exports) keeps its length; the red bill bar grows."""
    def widths(rate):
        root = ET.fromstring(energy.exposure_view(_exposure(), rate).chart.svg)
        rects = [r for r in root.iter("{http://www.w3.org/2000/svg}rect")]
        return [float(r.get("width")) for r in rects[1:]]  # the first is the background

    low, high = widths(10), widths(90)
    assert low[0] == high[0]  # Aland's grey bar
    assert low[1] < high[1]   # Aland's bill
    assert high[1] == pytest.approx(0.9 * high[0])


def test_explorer_offers_21_rates_and_matches_the_view(ch3):
    ex = energy.explorer(ch3["exposure"])
    (control,) = ex.controls
    assert [v for v, _ in control.options] == list(range(0, 101, 5))
    assert control.options[5] == (25, "25%")
    html, line = ex.render(ex.defaults())
    view = energy.exposure_view(ch3["exposure"], 25)
    assert html == view._repr_html_() and line == view.summary
    assert len(ex.states()["views"]) == 21


def test_the_real_data_reproduces_the_worked_example(ch3):
    india = energy.tariff_bill(ch3["exposure"], 25).set_index("buyer").loc["India"]
    assert india["bill_usd_bn"] == pytest.approx(india["us_imports_2024_usd_bn"] / 4)
    assert india["bill_pct_of_crude"] == pytest.approx(
        100 * india["bill_usd_bn"] / india["russian_crude_usd_bn"])


# --- instruments, timeline, buyers, revenue, Urals ---------------------------------------------

def test_instruments_follow_the_schema_order(ch3):
    table = energy.instruments_table(ch3["energy_instruments"].iloc[::-1])
    names = ch3["energy_instruments"].set_index("id")["name"]
    assert list(table.frame["name"]) == [names[i] for i in data.vocabulary("energy_instruments", "id")]
    assert set(table.frame["primary_text_reached"]) <= {"yes", "no: dated from reports"}


def test_timeline_counts_kinds_with_the_schema_labels(ch3):
    events = ch3["energy_events"]
    chart = energy.timeline_chart(events, since="2025-01-01")
    shown = events[events["date"] >= "2025-01-01"]
    labels = data.labels("energy_events", "kind")
    assert f"Timeline of {len(shown)} energy-sanctions events" in chart.alt
    order = [k for k in data.vocabulary("energy_events", "kind") if k in set(shown["kind"])]
    mix = ", ".join(f"{(shown['kind'] == k).sum()} {labels[k].lower()}" for k in order)
    assert f"({mix})" in chart.alt


def test_timeline_of_no_events_still_draws(ch3):
    chart = energy.timeline_chart(ch3["energy_events"], since="2030-01-01")
    assert "Timeline of 0 energy-sanctions events none" in chart.alt


def test_newest_evidence_is_the_latest_date_of_events_buyers_and_prices():
    events = pd.DataFrame({"date": pd.to_datetime(["2026-01-01", "2026-05-18"])})
    buyers = pd.DataFrame({"period_end": pd.to_datetime(["2026-03-11"])})
    urals = pd.DataFrame({"period_end": pd.to_datetime(["2026-06-01"])})
    assert energy.newest_evidence(events, buyers, urals) == pd.Timestamp("2026-06-01")


def test_data_checked_is_the_as_of_date_of_the_source_lines(ch3):
    checked = energy.data_checked()
    assert pd.Timestamp(checked).strftime("%Y-%m-%d") == checked
    assert f"As of {checked}." in data.source_line("energy_events", ch3["energy_events"])
    assert checked == max(data.resource(n)["asOf"] for n in energy.CHAPTER_TABLES)
    newest = energy.newest_evidence(ch3["energy_events"], ch3["crude_buyers"], ch3["urals_prices"])
    assert pd.Timestamp(checked) >= newest  # checked after the newest evidence, never before
    assert energy.data_checked(("urals_prices",)) == data.resource("urals_prices")["asOf"]


BUYERS = pd.DataFrame({
    "id": ["a", "b", "c", "d"],
    "period_start": pd.to_datetime(["2024-07-01", "2024-07-01", "2025-01-01", "2024-07-01"]),
    "period_end": pd.to_datetime(["2024-07-31", "2024-07-31", "2025-06-30", "2024-07-31"]),
    "period_label": ["Jul 2024", "Jul 2024", "early 2025", "Jul 2024"],
    "buyer": ["China", "India", "China + India", "China"],
    "measure": ["share_of_russian_crude_exports"] * 3 + ["share_of_buyer_crude_imports"],
    "value": [47.0, 37.0, 85.0, 20.0], "scope": ["not_stated"] * 4,
    "estimate_source": ["CREA", "CREA", "Reuters", "IEA"], "origin": ["reported"] * 4,
    "source_ids": ["dailypioneer-crea-jul2024", "dailypioneer-crea-jul2024", "euromaidan-china-85pct",
                   "onenewspage-iea-may2023"],
})


def test_joint_shares_are_shown_side_by_side_never_averaged():
    got = energy.joint_share_estimates(BUYERS)
    assert list(got["value"]) == [84.0, 85.0]
    assert list(got["how"]) == ["computed here: China's share + India's share", "reported as a joint share"]
    assert list(got["source_ids"]) == ["dailypioneer-crea-jul2024", "euromaidan-china-85pct"]


def test_a_lone_share_is_not_summed():
    got = energy.joint_share_estimates(BUYERS[BUYERS["buyer"] != "India"])
    assert list(got["value"]) == [85.0]


def test_buyers_chart_keeps_crude_measures_only(ch3):
    chart = energy.buyers_chart(ch3["crude_buyers"])
    assert "Vortexa 91%" in chart.alt and "Splash247 75%" in chart.alt
    assert "fossil" not in chart.alt


def test_evidence_marks_state_media_and_single_sources():
    registry = pd.DataFrame({"id": ["s", "w", "n"], "kind": ["state media", "wire", "newspaper"]})
    got = energy.evidence(pd.Series(["s", "w", "s;w", "w;n", "s;s"]), registry)
    assert list(got) == ["state media only", "single source", "more than one source",
                         "more than one source", "state media only"]


def test_revenue_table_counts_weak_evidence(ch3):
    table = energy.revenue_table(ch3["russia_oil_gas_revenue"], ch3["sources"])
    counts = table.frame["evidence"].value_counts()
    assert f"{counts['state media only']} rest on state media only" in table.caption
    chart = energy.revenue_chart(ch3["russia_oil_gas_revenue"], ch3["sources"])
    assert "<20% (forecast" in chart.alt and "~25% (outturn" in chart.alt


def test_cap_levels_come_from_the_events(ch3):
    caps = energy.cap_levels(ch3["energy_events"])
    assert list(caps["value"]) == sorted(caps["value"], reverse=True)
    assert caps["date"].is_monotonic_increasing
    chart = energy.urals_chart(ch3["urals_prices"], ch3["energy_events"])
    above = (ch3["urals_prices"]["urals_usd_per_bbl"] > caps["value"].iloc[0]).sum()
    assert f"{above} of the {len(ch3['urals_prices'])} points are above" in chart.alt


# --- literal fixtures shaped like the real tables -----------------------------------------------

OKABE = {k: v.lower() for k, v in charts.OKABE_ITO.items()}
WHITE = "#ffffff"


def _frame(columns: str, rows: list[tuple], dates=(), numbers=()) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns.split())
    for c in dates:
        frame[c] = pd.to_datetime(frame[c])
    for c in numbers:
        frame[c] = frame[c].astype("Float64")
    return frame


def _shape(marker: str) -> tuple:
    """A marker's outline as chartcheck.points reports it."""
    style = MarkerStyle(marker)
    path = style.get_path().transformed(style.get_transform())
    return tuple(map(tuple, np.round(path.vertices, 3)))


def _day(text: str) -> float:
    return float(mdates.date2num(pd.Timestamp(text)))


def _annotations(ax) -> dict[str, tuple]:
    """Each annotation's text -> (offset in points, alignment)."""
    return {t.get_text(): (tuple(t.xyann), t.get_ha()) for t in ax.texts}


# --- Russia's oil and gas revenue on a literal frame --------------------------------------------

REVENUE_FIXTURE = _frame(
    "id period_type period_start period_end period_label measure value qualifier status source_ids note", [
        ("share-2011-2014", "multi_year_average", "2011-01-01", "2014-12-31", "2011–14 average",
         "share_of_federal_revenue_pct", 50.3, "exact", "actual", "newspravda-og-share;nifi-og-half", None),
        ("rev-2022", "year", "2022-01-01", "2022-12-31", "2022", "revenue_trn_rub", 11.586, "exact",
         "actual", "reuters-og-revenue-2023", None),
        ("rev-2025-plan", "year", "2025-01-01", "2025-12-31", "2025 (plan)", "revenue_trn_rub", 10.9,
         "exact", "plan", "newspravda-og-share", None),
        ("rev-2025", "year", "2025-01-01", "2025-12-31", "2025", "revenue_trn_rub", 8.48, "exact",
         "actual", "reuters-og-revenue-2025;moscowtimes-urals-70", None),
        ("share-2024", "year", "2024-01-01", "2024-12-31", "2024", "share_of_federal_revenue_pct", 31.3,
         "about", "estimate", "newspravda-og-share", None),
        ("share-2025", "year", "2025-01-01", "2025-12-31", "2025", "share_of_federal_revenue_pct", 25.0,
         "about", "actual", "reuters-og-revenue-2025;tradingkey-og-quarter", None),
        ("share-2026-siluanov", "year", "2026-01-01", "2026-12-31", "2026 (forecast)",
         "share_of_federal_revenue_pct", 20.0, "under", "forecast", "intellinews-siluanov-2026", "a"),
        ("rev-2026-01", "month", "2026-01-01", "2026-01-31", "Jan 2026", "revenue_trn_rub", 0.3933,
         "exact", "actual", "devdiscourse-og-jan2026", None),
    ], dates=("period_start", "period_end"), numbers=("value",))


@pytest.fixture(scope="module")
def registry():
    return data.load("sources")


@pytest.fixture
def revenue_drawn(registry):
    chart, fig = capture(energy.revenue_chart, REVENUE_FIXTURE, registry)
    yield chart, fig
    close(fig)


def test_revenue_chart_bars_outturns_filled_plans_hollow_and_beside(revenue_drawn):
    _, fig = revenue_drawn
    top, bottom = fig.axes
    # 2022 alone: a wide bar on its year; 2025: the outturn left, the plan right, both narrower.
    # The January 2026 monthly figure is not a year and is left out.
    assert np.allclose([(b.x, b.width, b.height) for b in bars(top)],
                       [(2022, 0.6, 11.586), (2024.8, 0.4, 8.48), (2025.2, 0.4, 10.9)])
    single, more, state = OKABE["sky blue"], OKABE["blue"], OKABE["vermillion"]
    assert [(b.facecolor, b.edgecolor, b.hatch) for b in bars(top)] == [
        (single, single, None), (more, more, None), (WHITE, state, "//")]
    assert [(t.get_text(), *t.get_position()) for t in top.texts] == [
        ("11.586", 2022, pytest.approx(11.786)), ("8.48", 2024.8, pytest.approx(8.68)),
        ("10.9 plan", 2025.2, pytest.approx(11.1))]
    assert top.get_ylim() == pytest.approx((0, 11.586 * 1.18))
    assert top.get_ylabel() == "Oil and gas revenue (trillion roubles)"


def test_revenue_chart_shares_marked_by_evidence_and_status(revenue_drawn):
    chart, fig = revenue_drawn
    top, bottom = fig.axes
    more, state, single = OKABE["blue"], OKABE["vermillion"], OKABE["sky blue"]
    got = [(p.x, p.y, p.facecolor, p.edgecolor, p.marker_path) for p in points(bottom)]
    assert got == [
        (2012.5, 50.3, more, more, _shape("o")),           # a four-year average, at its middle
        (2024, 31.3, WHITE, state, _shape("o")),           # an estimate during the year: hollow
        (2025, 25.0, WHITE, more, _shape("o")),            # an outturn, but approximate: hollow
        (pytest.approx(2026.22), 20.0, WHITE, single, _shape("v")),  # a forecast, beside its year
    ]
    # the multi-year average is a bar across its years; single years get none
    assert [(xs, ys, c) for xs, ys, c in lines(bottom)] == [
        ([pytest.approx(2010.7), pytest.approx(2014.3)], [50.3, 50.3], more)]
    assert _annotations(bottom) == {"50.3": ((0, 7), "center"), "~31.3": ((0, 7), "center"),
                                    "~25": ((0, 7), "center"), "<20": ((7, -3), "left")}
    assert bottom.get_ylim() == (0, 60)
    assert bottom.get_xlim() == pytest.approx((2010.3, 2026.9))
    assert [t.get_text() for t in bottom.get_xticklabels()] == [str(y) for y in range(2011, 2027)]
    assert legend_labels(fig) == ["more than one source", "single source", "state media only",
                                  "estimate during the year", "budget plan", "forecast"]
    assert legend_title(fig) == "Evidence (colour) · hollow: approximate, or not an outturn"
    assert (bottom.get_xlabel(), bottom.get_ylabel()) == ("Year", "Share of federal budget revenue (%)")
    assert_layout(fig)
    assert chart.title == "Russia's oil and gas budget revenue and its share"
    assert chart.alt == (
        "Two charts of Russia's federal oil and gas revenue. Top, bars in trillion roubles: "
        "2022: 11.586 trn (outturn, single source); 2025: 8.48 trn (outturn, more than one source); "
        "2025 (plan): 10.9 trn (budget plan, state media only). Bottom, share of federal budget "
        "revenue: 2011–14 average: 50.3% (outturn, more than one source); 2024: ~31.3% (estimate "
        "during the year, state media only); 2025: ~25% (outturn, more than one source); "
        "2026 (forecast): <20% (forecast, single source).")
    # the monthly row's source is not cited: 7 sources, not 8
    assert "Compiled from 7 sources" in chart.source


def test_revenue_chart_layout_on_the_real_data(ch3):
    _, fig = capture(energy.revenue_chart, ch3["russia_oil_gas_revenue"], ch3["sources"])
    assert_layout(fig)
    close(fig)


def test_revenue_table_on_a_literal_frame(registry):
    table = energy.revenue_table(REVENUE_FIXTURE, registry)  # 2025: plan listed before outturn
    assert list(table.frame.columns) == ["period_label", "measure", "value", "qualifier", "status",
                                         "evidence", "source_ids", "note"]
    # money first, then shares (the schema's order), each by date
    assert list(table.frame["period_label"]) == ["2022", "2025", "2025 (plan)", "Jan 2026",
                                                 "2011–14 average", "2024", "2025", "2026 (forecast)"]
    assert list(table.frame["evidence"]) == [
        "single source", "more than one source", "state media only", "single source",
        "more than one source", "state media only", "more than one source", "single source"]
    assert list(table.frame["status"])[:3] == ["Outturn", "Outturn", "Budget plan"]
    assert table.labels["evidence"] == "Evidence"
    assert table.caption == ("Oil and gas revenue of Russia's federal budget: 8 figures, of which 2 "
                             "rest on state media only and 3 on a single other source.")
    assert "Compiled from 8 sources" in table.source


def test_revenue_table_counts_zero_when_no_weak_evidence(registry):
    table = energy.revenue_table(REVENUE_FIXTURE.iloc[[0]], registry)
    assert table.caption == ("Oil and gas revenue of Russia's federal budget: 1 figure, of which 0 "
                             "rest on state media only and 0 on a single other source.")


# --- who buys Russia's crude on a literal frame -------------------------------------------------

def _buyer_row(id_, start, end, label, buyer, measure, value, scope, tracker, source):
    return (id_, start, end, label, buyer, measure, value, scope, tracker, "reported", source)


CRUDE = "share_of_russian_crude_exports"
SEABORNE = "share_of_russian_seaborne_crude_exports"
OWN = "share_of_buyer_crude_imports"
BUYERS_FIXTURE = _frame(
    "id period_start period_end period_label buyer measure value scope estimate_source origin source_ids", [
        _buyer_row("k21-eu", "2021-01-01", "2021-12-31", "2021", "EU", SEABORNE, 55.3, "seaborne",
                   "Kpler (via CREA)", "crea-kpler-crude-ru-exports"),
        _buyer_row("k22-eu", "2022-01-01", "2022-12-31", "2022", "EU", SEABORNE, 40.1, "seaborne",
                   "Kpler (via CREA)", "crea-kpler-crude-ru-exports"),
        _buyer_row("k20-kr", "2020-01-01", "2020-12-31", "2020", "South Korea", SEABORNE, 5.8,
                   "seaborne", "Kpler (via CREA)", "crea-kpler-crude-ru-exports"),
        _buyer_row("r21-cn-own", "2021-01-01", "2021-12-31", "2021", "China", OWN, 15.0,
                   "not_stated", "Reuters", "euromaidan-china-85pct"),
        _buyer_row("v23-ci", "2023-03-01", "2023-03-31", "Mar 2023", "China + India", CRUDE, 91.0,
                   "not_stated", "Vortexa", "vortexa-mar2023-24newsglobe"),
        _buyer_row("v23-cn-mbd", "2023-03-01", "2023-03-31", "Mar 2023", "China", "volume_mbd", 1.65,
                   "not_stated", "Vortexa", "moscowtimes-china-pause"),
        _buyer_row("i23-cn-own", "2023-05-01", "2023-05-31", "May 2023", "China", OWN, 20.0,
                   "not_stated", "IEA", "onenewspage-iea-may2023"),
        _buyer_row("c24-cn", "2024-07-01", "2024-07-31", "Jul 2024", "China", CRUDE, 47.0,
                   "not_stated", "CREA", "dailypioneer-crea-jul2024"),
        _buyer_row("c24-in", "2024-07-01", "2024-07-31", "Jul 2024", "India", CRUDE, 37.0,
                   "not_stated", "CREA", "dailypioneer-crea-jul2024"),
        _buyer_row("c24-eu", "2024-07-01", "2024-07-31", "Jul 2024", "EU", CRUDE, 7.0,
                   "not_stated", "CREA", "dailypioneer-crea-jul2024"),
        _buyer_row("c24-tr", "2024-07-01", "2024-07-31", "Jul 2024", "Türkiye", CRUDE, 6.0,
                   "not_stated", "CREA", "dailypioneer-crea-jul2024"),
        _buyer_row("c24n-cn", "2024-11-01", "2024-11-30", "Nov 2024", "China", CRUDE, 47.0,
                   "not_stated", "CREA", "livemint-crea-nov2024"),
    ], dates=("period_start", "period_end"), numbers=("value",))


@pytest.fixture
def buyers_drawn():
    chart, fig = capture(energy.buyers_chart, BUYERS_FIXTURE)
    yield chart, fig
    close(fig)


def test_buyers_chart_points_lines_and_labels_on_a_literal_frame(buyers_drawn):
    chart, fig = buyers_drawn
    top, bottom = fig.axes
    style = charts.category_styles(energy.CHART_BUYERS)
    col = {b: s["color"].lower() for b, s in style.items()}
    mid21, mid22 = _day("2021-07-02"), _day("2022-07-02")
    jul, nov, mar23 = _day("2024-07-16"), _day("2024-11-15 12:00"), _day("2023-03-16")
    # each estimate at the middle of its period; seaborne-only figures hollow; South Korea and the
    # volume in barrels a day are not drawn
    got = sorted((p.x, p.y, p.facecolor, p.edgecolor, p.marker_path) for p in points(top))
    assert got == sorted([
        (mid21, 55.3, WHITE, col["EU"], _shape("D")), (mid22, 40.1, WHITE, col["EU"], _shape("D")),
        (mar23, 91.0, col["China + India"], col["China + India"], _shape("v")),
        (jul, 47.0, col["China"], col["China"], _shape("o")),
        (jul, 37.0, col["India"], col["India"], _shape("s")),
        (jul, 7.0, col["EU"], col["EU"], _shape("D")),
        (jul, 6.0, col["Türkiye"], col["Türkiye"], _shape("^")),
        (nov, 47.0, col["China"], col["China"], _shape("o"))])
    assert sorted((p.x, p.y) for p in points(bottom)) == [(mid21, 15.0), (_day("2023-05-16"), 20.0)]
    # lines join one tracker's estimates of one measure only: EU 2021-22 (Kpler) and China (CREA),
    # not EU's Kpler seaborne share to its CREA share, nor China's Reuters figure to the IEA one
    assert sorted((tuple(mdates.date2num(xs)), tuple(ys), c) for xs, ys, c in lines(top)) == sorted([
        ((mid21, mid22), (55.3, 40.1), col["EU"]), ((jul, nov), (47.0, 47.0), col["China"])])
    assert lines(bottom) == []
    assert sorted(t.get_text() for t in top.texts) == sorted(
        ["55.3", "40.1", "Vortexa 91", "47", "37", "7", "6", "47"])
    assert sorted(t.get_text() for t in bottom.texts) == ["15", "20"]
    assert [a.get_ylim() for a in fig.axes] == [(0, 100), (0, 100)]
    assert top.get_xlim() == pytest.approx((_day("2020-11-02"), _day("2025-07-28")))
    assert legend_labels(fig) == ["China", "India", "EU", "Türkiye", "China + India",
                                  "seaborne crude only"]
    assert legend_title(fig) == "Buyer"
    assert top.get_ylabel() == "Share of Russia's crude exports (%)"
    assert bottom.get_ylabel() == "Russia's share of the buyer's crude imports (%)"
    assert bottom.get_xlabel() == "Middle of the period the estimate covers"
    assert [t.get_text() for t in bottom.get_xticklabels()
            if top.get_xlim()[0] <= t.get_position()[0] <= top.get_xlim()[1]] == [
        "2021", "2022", "2023", "2024", "2025"]
    assert_layout(fig)
    assert chart.title == "Who buys Russia's crude: estimates side by side"
    assert chart.alt == (
        "Two scatter charts of estimates of who buys Russia's crude, 2021–2024. Top: shares of "
        "Russia's crude exports. China: 47% (Jul 2024, CREA), 47% (Nov 2024, CREA); India: 37% "
        "(Jul 2024, CREA); EU: 55.3% (2021, Kpler (via CREA)), 40.1% (2022, Kpler (via CREA)), 7% "
        "(Jul 2024, CREA); Türkiye: 6% (Jul 2024, CREA). China and India together, by tracker: "
        "Vortexa 91% (Mar 2023). Bottom: Russia's share of each buyer's crude imports: China: 15% "
        "(2021), 20% (May 2023).")
    # the sources of what is drawn: not South Korea's nor the volume's
    assert "Compiled from 6 sources" in chart.source


def test_close_value_labels_at_one_date_go_either_side_of_their_points(buyers_drawn):
    _, fig = buyers_drawn
    top = fig.axes[0]
    at_jul = {t.get_text(): (tuple(t.xyann), t.get_ha()) for t in top.texts
              if t.xy[0] == pd.Timestamp("2024-07-16")}
    # 47 and 37 are far apart: both right of their points; 7 and 6 would touch: 6 goes left
    assert at_jul == {"47": ((5, 3), "left"), "37": ((5, 3), "left"), "7": ((5, 3), "left"),
                      "6": ((-5, 3), "right")}
    assert overlapping_texts(fig) == []


def test_label_offsets_right_then_left_then_a_line_lower():
    # 2 points per percentage point: labels 9 points tall touch when values are < 4.5 apart
    assert energy._label_offsets([40.0, 30.0], 2) == [(5, 3, "left"), (5, 3, "left")]
    assert energy._label_offsets([6.0, 7.0], 2) == [(-5, 3, "right"), (5, 3, "left")]
    assert energy._label_offsets([10.0, 10.0, 10.0], 2) == [
        (5, 3, "left"), (-5, 3, "right"), (5, -6, "left")]
    assert energy._label_offsets([10.0, 5.5], 2) == [(5, 3, "left"), (5, 3, "left")]  # 9 points apart
    assert energy._label_offsets([], 2) == []


def test_buyers_chart_layout_on_the_real_data(ch3):
    _, fig = capture(energy.buyers_chart, ch3["crude_buyers"])
    assert_layout(fig)
    close(fig)


def test_buyers_table_on_a_literal_frame():
    frame = BUYERS_FIXTURE.assign(note=None).iloc[::-1]
    table = energy.buyers_table(frame)
    assert list(table.frame.columns) == ["period_label", "buyer", "measure", "value", "scope",
                                         "estimate_source", "origin", "source_ids", "note"]
    assert list(table.frame["buyer"]) == [  # by measure (schema order), then date, then buyer
        "China + India", "China", "EU", "India", "Türkiye", "China", "South Korea", "EU", "EU",
        "China", "China", "China"]
    assert list(table.frame["value"])[:2] == [91.0, 47.0]
    assert table.frame["measure"].iloc[0] == "Share of Russia's crude exports (%)"
    assert table.caption == "Every estimate of who buys Russia's crude (12 rows; crude only)."
    assert "Compiled from 7 sources" in table.source


def test_joint_share_table_names_how_each_figure_was_obtained():
    table = energy.joint_share_table(BUYERS_FIXTURE)
    assert list(table.frame.columns) == ["period_label", "measure", "scope", "estimate_source", "value",
                                         "how", "source_ids"]
    assert list(table.frame["period_label"]) == ["Mar 2023", "Jul 2024"]
    assert list(table.frame["value"]) == [91.0, 84.0]
    assert (table.labels["value"], table.labels["how"]) == ("China + India (%)", "How obtained")
    assert (table.labels["period_label"], table.labels["estimate_source"]) == ("Period", "Estimate by")
    assert list(table.frame["measure"]) == ["Share of Russia's crude exports (%)"] * 2
    assert table.caption == (
        "China and India together: 2 estimates side by side, never averaged. Trackers, periods and "
        "bases differ (all crude exports or seaborne only).")
    assert "Compiled from 2 sources" in table.source


# --- Urals against the cap, the events, on literal frames ---------------------------------------

def _event(id_, date, precision, announced, kind, actor, instrument, label, value, unit, source):
    return (id_, date, precision, announced, kind, actor, instrument, "Russian crude", label,
            f"{label}.", value, unit, source, None)


EVENTS_FIXTURE = _frame(
    "id date date_precision announced kind actor instrument target short_label summary value unit "
    "source_ids note", [
        _event("E12", "2026-02-01", "reported", None, "measure", "European Union", "price_cap",
               "EU cap $44.10", 44.1, "US$/bbl", "unn-cap-44"),
        _event("E01", "2022-12-05", "day", "2022-12-02", "measure", "G7, EU and Australia",
               "price_cap", "$60 crude price cap", 60.0, "US$/bbl", "canadianinquirer-g7-cap"),
        _event("E02", "2023-02-05", "day", None, "measure", "G7, EU and Australia", "price_cap",
               "Product caps", None, None, "eurlex-2023-250"),
        _event("E05", "2025-08-27", "day", "2025-08-06", "threat", "United States", "secondary_tariff",
               "25% tariff on India", 25.0, "%", "govpulse-eo-14329"),
        _event("E06", "2025-08-30", "day", None, "market", "Traders", "price_cap",
               "Cap breaches", 12.0, "US$ m/day", "babel-cap-44"),
        _event("E07", "2025-09-03", "day", "2025-07-18", "measure", "European Union", "price_cap",
               "EU dynamic cap $47.60", 47.6, "US$/bbl", "kyivindependent-dynamic-cap"),
        _event("E13", "2026-03-01", "month", None, "relief", "United States", "general_licence",
               "GL 133", None, None, "gcaptain-gl133"),
    ], dates=("date", "announced"), numbers=("value",))

URALS_FIXTURE = _frame(
    "id period_start period_end period_label urals_usd_per_bbl qualifier basis source_ids note", [
        ("u-2026-02-late", "2026-02-20", "2026-02-28", "late Feb 2026", 40.0, "about", "market_report",
         "moscowtimes-urals-70", None),
        ("u-2022-06", "2022-06-01", "2022-06-30", "Jun 2022", 87.25, "exact",
         "finance_ministry_average", "hellenic-urals-2023", None),
        ("u-2023-h1", "2023-01-01", "2023-06-30", "H1 2023", 52.17, "exact", "finance_ministry_average",
         "hellenic-urals-2023", None),
        ("u-2023-10", "2023-10-01", "2023-10-31", "Oct 2023", 81.52, "exact", "finance_ministry_average",
         "energyinternat-urals", None),
    ], dates=("period_start", "period_end"), numbers=("urals_usd_per_bbl",))


def test_cap_levels_are_the_crude_caps_in_dollars_in_date_order():
    caps = energy.cap_levels(EVENTS_FIXTURE)
    assert list(caps.columns) == ["id", "date", "actor", "value", "source_ids"]
    assert list(caps["id"]) == ["E01", "E07", "E12"]  # not the product caps, the tariff, the breaches
    assert list(caps["value"]) == [60.0, 47.6, 44.1]
    assert list(caps.index) == [0, 1, 2]


def test_urals_chart_on_a_literal_frame():
    chart, fig = capture(energy.urals_chart, URALS_FIXTURE, EVENTS_FIXTURE)
    (ax,) = fig.axes
    styles = charts.category_styles(data.vocabulary("urals_prices", "basis"))
    fin = styles["finance_ministry_average"]["color"].lower()
    market = styles["market_report"]["color"].lower()
    end = _day("2026-06-28")  # 120 days after the last price or cap
    drawn = [(list(mdates.date2num(xs)), [float(y) for y in ys], c) for xs, ys, c in lines(ax)]
    assert drawn == [
        ([_day("2022-12-05"), end], [60.0, 60.0], "#333333"),  # the first cap, to the end
        ([_day("2025-09-03"), _day("2025-09-03"), _day("2026-02-01"), end],  # EU's steps down
         [60.0, 47.6, 44.1, 44.1], "#333333"),
        ([_day("2023-01-01"), _day("2023-06-30")], [52.17, 52.17], fin),  # a half-year: a bar
    ]
    assert ax.get_lines()[1].get_drawstyle() == "steps-post"
    assert [(p.x, p.y, p.facecolor, p.edgecolor, p.marker_path) for p in points(ax)] == [
        (_day("2022-06-15 12:00"), 87.25, fin, fin, _shape("o")),
        (_day("2023-04-01"), 52.17, fin, fin, _shape("o")),
        (_day("2023-10-16"), 81.52, fin, fin, _shape("o")),
        (_day("2026-02-24"), 40.0, WHITE, market, _shape("D")),  # approximate: hollow
    ]
    assert _annotations(ax) == {t: ((0, 7), "center") for t in ("87.25", "52.17", "81.52", "~40")}
    assert ax.get_xlim() == pytest.approx((_day("2022-04-22"), end))
    assert ax.get_ylim() == pytest.approx((0, 87.25 * 1.15))
    assert legend_labels(fig) == [
        r"\$60 cap (G7, EU and Australia; the US kept it)",
        r"EU dynamic cap: \$47.60 from Sep 2025, \$44.10 from Feb 2026",
        "Finance Ministry average", "Market report", "approximate"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Period the price covers", "US$ per barrel")
    assert_layout(fig)
    close(fig)
    assert chart.title == "Urals crude against the price cap"
    assert chart.alt == (
        "Chart of 4 Urals price points from Jun 2022 to late Feb 2026 against the $60 price cap of "
        "5 December 2022 and the EU's dynamic cap ($47.60 from 3 September 2025, $44.10 from "
        "1 February 2026). Points: Jun 2022 $87.25 (Finance Ministry average); H1 2023 $52.17 "
        "(Finance Ministry average); Oct 2023 $81.52 (Finance Ministry average); late Feb 2026 "
        "about $40 (Market report). 2 of the 4 points are above $60, 1 of them from before the cap "
        "took effect.")
    assert "Compiled from 3 sources" in chart.source


def test_urals_chart_without_an_eu_cap_says_nothing_of_one():
    """With no EU cap change in the events, no step line, no legend entry, no empty "()"."""
    events = EVENTS_FIXTURE[EVENTS_FIXTURE["actor"] != "European Union"]
    chart, fig = capture(energy.urals_chart, URALS_FIXTURE, events)
    (ax,) = fig.axes
    assert len(ax.get_lines()) == 2  # the $60 cap and the H1 2023 bar; no step line
    assert not any(label.startswith("EU dynamic cap") for label in legend_labels(fig))
    close(fig)
    assert chart.alt.startswith(
        "Chart of 4 Urals price points from Jun 2022 to late Feb 2026 against the $60 price cap of "
        "5 December 2022. Points: Jun 2022 $87.25")
    assert "EU" not in chart.alt and "()" not in chart.alt


def test_urals_chart_layout_on_the_real_data(ch3):
    _, fig = capture(energy.urals_chart, ch3["urals_prices"], ch3["energy_events"])
    assert_layout(fig)
    close(fig)


def test_urals_table_on_a_literal_frame():
    table = energy.urals_table(URALS_FIXTURE)
    assert list(table.frame.columns) == ["period_label", "urals_usd_per_bbl", "qualifier", "basis",
                                         "source_ids", "note"]
    assert list(table.frame["period_label"]) == ["Jun 2022", "H1 2023", "Oct 2023", "late Feb 2026"]
    assert list(table.frame["basis"])[-1] == "Market report"
    assert table.caption == ("4 Urals price points: points, not a series; official averages and "
                             "market reports are mixed, as the basis says.")
    assert "Compiled from 3 sources" in table.source


def test_events_table_in_date_order_from_a_day_or_all():
    table = energy.events_table(EVENTS_FIXTURE, since="2025-09-03")  # the day of E07: included
    assert list(table.frame.columns) == energy.EVENT_DETAIL
    assert list(table.frame["summary"]) == ["EU dynamic cap $47.60.", "EU cap $44.10.", "GL 133."]
    assert table.caption == "Energy-sanctions events, from 3 September 2025: 3 events."
    assert "Compiled from 3 sources" in table.source
    short = energy.events_table(EVENTS_FIXTURE, detail=False)
    assert list(short.frame.columns) == ["date", "kind", "actor", "summary", "source_ids"]
    assert len(short.frame) == 7 and short.frame["date"].is_monotonic_increasing
    assert short.frame["kind"].iloc[0] == "Measure"
    assert short.caption == "Energy-sanctions events, all years: 7 events."


def test_timeline_chart_on_a_literal_frame():
    chart, fig = capture(energy.timeline_chart, EVENTS_FIXTURE, since="2025-08-01")
    (ax,) = fig.axes
    # one row per event from the day on, the earliest at the top
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "27 Aug 2025 · 25% tariff on India", "30 Aug 2025 · Cap breaches",
        "3 Sep 2025 · EU dynamic cap $47.60", "c. 1 Feb 2026 · EU cap $44.10", "Mar 2026 · GL 133"]
    assert [round(t) for t in ax.get_yticks()] == [4, 3, 2, 1, 0]
    order = data.vocabulary("energy_events", "kind")
    styles = charts.category_styles(order)
    col = {k: s["color"].lower() for k, s in styles.items()}
    # exact days filled, a reported or month-only date hollow
    assert sorted((p.y, p.facecolor, p.edgecolor, p.marker_path) for p in points(ax)) == [
        (0, WHITE, col["relief"], _shape(styles["relief"]["marker"])),
        (1, WHITE, col["measure"], _shape(styles["measure"]["marker"])),
        (2, col["measure"], col["measure"], _shape(styles["measure"]["marker"])),
        (3, col["market"], col["market"], _shape(styles["market"]["marker"])),
        (4, col["threat"], col["threat"], _shape(styles["threat"]["marker"]))]
    # a thin line from announcement to effect where one was announced earlier
    spans = [(list(mdates.date2num(xs)), ys) for xs, ys, _ in lines(ax) if len(xs) == 2]
    assert spans == [([_day("2025-08-06"), _day("2025-08-27")], [4, 4]),
                     ([_day("2025-07-18"), _day("2025-09-03")], [2, 2])]
    assert legend_labels(fig) == ["Threat", "Measure", "Relief", "Market", "date approximate",
                                  "announced → in effect"]
    assert legend_title(fig) == "Kind"
    assert ax.get_ylim() == pytest.approx((-0.7, 4.7))
    assert ax.get_xlim() == pytest.approx((_day("2025-08-07"), _day("2026-03-21")))
    assert_layout(fig)
    close(fig)
    assert chart.title == "Energy pressure on Russia and its relief, 2025–26"
    assert chart.alt == (
        "Timeline of 5 energy-sanctions events from 27 August 2025 to 1 March 2026 (1 threat, "
        "2 measure, 1 relief, 1 market), one row each in date order. 27 Aug 2025: 25% tariff on "
        "India; 30 Aug 2025: Cap breaches; 3 Sep 2025: EU dynamic cap $47.60; c. 1 Feb 2026: EU cap "
        "$44.10; Mar 2026: GL 133.")


def test_timeline_chart_layout_on_the_real_data(ch3):
    _, fig = capture(energy.timeline_chart, ch3["energy_events"])
    assert_layout(fig)
    close(fig)


# --- instruments, on a literal frame ------------------------------------------------------------

def _instrument(id_, name, channel, date, reached, source):
    return (id_, name, f"{name} (ja)", f"What {name} is.", "United States", "A statute", channel,
            "Buyers", f"An example of {name}", date, "The order", reached, source, None)


INSTRUMENTS_FIXTURE = _frame(
    "id name name_ja definition imposed_by legal_basis channel who_is_hit example example_date "
    "primary_text primary_text_reached source_ids note", [
        _instrument("price_cap", "Oil price cap", "maritime_services", "2022-12-05", False,
                    "canadianinquirer-g7-cap"),
        _instrument("oil_waiver", "Oil-buyer waiver", "finance", "2018-11-05", True,
                    "dailysabah-iran-waivers"),
        _instrument("sdn_designation", "SDN designation", "finance", "2025-10-22", True,
                    "mondaq-rosneft-lukoil"),
    ], dates=("example_date",))


def test_instruments_table_on_a_literal_frame():
    table = energy.instruments_table(INSTRUMENTS_FIXTURE)
    assert list(table.frame.columns) == ["name", "name_ja", "channel", "example", "example_date",
                                         "primary_text_reached", "source_ids"]
    assert list(table.frame["name"]) == ["SDN designation", "Oil price cap", "Oil-buyer waiver"]
    assert list(table.frame["primary_text_reached"]) == ["yes", "no: dated from reports", "yes"]
    assert table.frame["channel"].iloc[1] == "Maritime services (shipping, insurance)"
    assert table.caption == (
        "3 instruments of energy pressure, each with one dated real example. The official text "
        "behind the example was read for 2 of them; for the others the date comes from reports, "
        "law-firm notes or aggregators quoting it.")
    assert "Compiled from 3 sources" in table.source
    detail = energy.instruments_table(INSTRUMENTS_FIXTURE, detail=True)
    assert list(detail.frame.columns) == energy.INSTRUMENT_DETAIL
    assert detail.frame["definition"].iloc[0] == "What SDN designation is."


def test_instruments_caption_counts_one_and_none_read():
    one = energy.instruments_table(INSTRUMENTS_FIXTURE.iloc[[0]])
    assert one.caption.startswith("1 instrument of energy pressure")
    assert "was read for 0 of them" in one.caption


# --- the exposure explorer: its table, its hand-made SVG ----------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def _svg(view) -> tuple[list[tuple], list[tuple]]:
    """(texts as (x, y, text, fill), rects as (x, y, width, height, fill)) of a view's chart."""
    root = ET.fromstring(view.chart.svg)
    words = [(float(t.get("x")), float(t.get("y")), t.text, t.get("fill")) for t in root.iter(f"{SVG}text")]
    rects = [(float(r.get("x")), float(r.get("y")), float(r.get("width")), float(r.get("height")),
              r.get("fill").lower()) for r in root.iter(f"{SVG}rect")]
    return words, rects


def test_exposure_chart_draws_each_buyer_on_its_own_scale():
    view = energy.exposure_view(_exposure(), 25)
    words, rects = _svg(view)
    grey, red, blue = "#e4e4e4", OKABE["vermillion"], OKABE["blue"]
    # 560 px for the larger of US-bound exports and Russian crude, per buyer
    assert rects == [
        (0, 0, 690, 270, "#ffffff"),
        (118, 31, 560, 16, grey), (118, 31, 140, 16, red), (118, 73, 280, 16, blue),  # Aland
        (118, 143, 560, 16, grey), (118, 143, 140, 16, red),  # Boland: no crude value, no blue bar
    ]
    assert [(x, y, t) for x, y, t, _ in words] == [
        (8, 50, "Aland"),
        (118, 26, "Tariff bill at 25%: US$25.0 bn a year, of US$100.0 bn US-bound exports"),
        (118, 68, "Russian crude bought, 2024: US$50.0 bn (bill = 50% of it)"),
        (118, 107, "All Russian fossil fuels bought, 2024–25: €60 bn (in euros, not converted)"),
        (8, 162, "Boland"),
        (118, 138, "Tariff bill at 25%: US$10.0 bn a year, of US$40.0 bn US-bound exports"),
        (118, 180, "Russian crude bought: value not found"),
        (118, 219, "All Russian fossil fuels bought, 2024–25: €20 bn (in euros, not converted)"),
        (118, 244, "US$ bn; each buyer drawn on its own scale. Grey: all US-bound exports; red: the "
                   "tariff bill; blue: Russian crude."),
    ]
    # names bold; missing values and side notes in grey
    assert [f for _, _, _, f in words] == ["#222222", "#222222", "#222222", "#444444", "#222222",
                                           "#222222", "#555555", "#444444", "#444444"]
    root = ET.fromstring(view.chart.svg)
    assert [(t.get("font-weight"), t.get("text-anchor")) for t in root.iter(f"{SVG}text")][:2] == [
        ("bold", "start"), ("normal", "start")]
    assert [r.get("stroke") for r in root.iter(f"{SVG}rect")] == [None, "#999999", None, None,
                                                                 "#999999", None]
    chart = view.chart
    assert (chart.width, chart.height) == (690, 270)
    root = ET.fromstring(chart.svg)
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("690", "270", "0 0 690 270")
    assert chart.title == "A 25% secondary tariff: the bill beside the Russian crude"
    assert chart.alt == (
        "Bar chart, a secondary tariff of 25%: Aland: US$25.0 bn of US$100.0 bn US-bound exports, "
        "against US$50.0 bn of Russian crude bought (2024); Boland: US$10.0 bn of US$40.0 bn "
        "US-bound exports, its Russian crude value was not found. Static trade; a teaching model, "
        "not a forecast.")
    assert chart.source == view.table.source == data.source_line("exposure", view.frame)


def test_exposure_chart_scales_by_the_crude_when_it_is_larger():
    frame = _exposure().assign(us_imports_2024_usd_bn=[10.0, 1234.56],
                               russian_crude_usd_bn=[50.0, 0.0], russian_crude_period=["2024", "2025"],
                               russian_fossil_eur_bn=[None, 20.0]).astype(
        {"russian_crude_usd_bn": "Float64", "russian_fossil_eur_bn": "Float64"})
    view = energy.exposure_view(frame, 50)
    words, rects = _svg(view)
    assert rects[1:4] == [(118, 31, 112, 16, "#e4e4e4"), (118, 31, 56, 16, OKABE["vermillion"]),
                          (118, 73, 560, 16, OKABE["blue"])]
    texts_only = [t for _, _, t, _ in words]
    assert "Russian crude bought, 2024: US$50.0 bn (bill = 10% of it)" in texts_only
    assert sum(t.startswith("All Russian fossil fuels") for t in texts_only) == 1  # Aland has none
    # a crude value of 0: no ratio (never a division by zero), and thousands separated
    assert "Russian crude bought, 2025: US$0.0 bn" in texts_only
    assert "Tariff bill at 50%: US$617.3 bn a year, of US$1,234.6 bn US-bound exports" in texts_only


def test_exposure_table_on_a_literal_frame():
    view = energy.exposure_view(_exposure(), 25)
    table = view.table
    assert table.frame.to_dict("records") == [
        {"Buyer": "Aland", "US-bound exports, 2024 (US$ bn)": "100.0",
         "Tariff bill at 25% (US$ bn a year)": "25.0", "US duties already paid, 2024 (US$ bn)": "3.0",
         "Russian crude bought (US$ bn)": "50.0", "Crude: period": "2024", "Bill as % of that crude": "50%",
         "Russian fossil fuels bought (€ bn)": "60.0", "Fossil fuels: period": "2024–25",
         "Sources": "census-imports-2024"},
        {"Buyer": "Boland", "US-bound exports, 2024 (US$ bn)": "40.0",
         "Tariff bill at 25% (US$ bn a year)": "10.0", "US duties already paid, 2024 (US$ bn)": "1.0",
         "Russian crude bought (US$ bn)": "not found", "Crude: period": "", "Bill as % of that crude": "—",
         "Russian fossil fuels bought (€ bn)": "20.0", "Fossil fuels: period": "2024–25",
         "Sources": "census-imports-2024"}]
    assert table.source_columns == ("Sources",)
    assert table.caption == (
        "A secondary tariff of 25% on all goods: the bill per buyer, beside its Russian oil "
        f"purchases. {energy.ASSUMPTIONS} Euro and dollar figures are not converted into each other.")
    assert list(view.frame["rate_pct"]) == [25, 25]


def test_explorer_is_keyed_titled_and_starts_at_25_percent(ch3):
    ex = energy.explorer(ch3["exposure"])
    assert (ex.key, ex.title) == ("energy-exposure", "Set a secondary-tariff rate")
    (control,) = ex.controls
    assert (control.name, control.label, control.default) == ("rate", "Secondary-tariff rate", 25)
    assert control.options[0] == (0, "0%") and control.options[-1] == (100, "100%")
    assert ex.view(rate=50).summary == energy.exposure_view(ch3["exposure"], 50).summary
    with pytest.raises(ValueError, match="lacks column"):
        energy.explorer(ch3["exposure"].drop(columns="buyer"))


# --- small contracts: which table a wrong frame is, dates, prices -------------------------------

@pytest.mark.parametrize(("call", "table"), [
    (lambda f: energy.instruments_table(f), "energy_instruments"),
    (lambda f: energy.timeline_chart(f), "energy_events"),
    (lambda f: energy.events_table(f), "energy_events"),
    (lambda f: energy.cap_levels(f), "energy_events"),
    (lambda f: energy.buyers_chart(f), "crude_buyers"),
    (lambda f: energy.buyers_table(f), "crude_buyers"),
    (lambda f: energy.joint_share_estimates(f), "crude_buyers"),
    (lambda f: energy.revenue_chart(f, data.load("sources")), "russia_oil_gas_revenue"),
    (lambda f: energy.revenue_table(f, data.load("sources")), "russia_oil_gas_revenue"),
    (lambda f: energy.urals_chart(f, EVENTS_FIXTURE), "urals_prices"),
    (lambda f: energy.urals_table(f), "urals_prices"),
    (lambda f: energy.explorer(f), "exposure"),
    (lambda f: energy.exposure_view(f, 25), "exposure"),
])
def test_a_frame_lacking_a_column_names_the_table_to_load(call, table):
    with pytest.raises(ValueError, match=rf"the '{table}' table lacks column.*; pass load\('{table}'\)"):
        call(pd.DataFrame({"other": [1]}))


@pytest.mark.parametrize("newest", ["events", "buyers", "urals"])
def test_newest_evidence_takes_each_table_into_account(newest):
    late, early = pd.to_datetime(["2026-05-01"]), pd.to_datetime(["2025-01-01"])
    frames = {
        "events": pd.DataFrame({"date": late if newest == "events" else early}),
        "buyers": pd.DataFrame({"period_end": late if newest == "buyers" else early}),
        "urals": pd.DataFrame({"period_end": late if newest == "urals" else early}),
    }
    assert energy.newest_evidence(frames["events"], frames["buyers"], frames["urals"]) == late[0]
    with pytest.raises(ValueError, match="'urals_prices' table lacks"):
        energy.newest_evidence(frames["events"], frames["buyers"], pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="'energy_events' table lacks"):
        energy.newest_evidence(pd.DataFrame({"x": [1]}), frames["buyers"], frames["urals"])
    with pytest.raises(ValueError, match="'crude_buyers' table lacks"):
        energy.newest_evidence(frames["events"], pd.DataFrame({"x": [1]}), frames["urals"])


def test_data_checked_reads_the_data_folder_it_is_given(tmp_path):
    package = json.loads((data.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] == "urals_prices":
            res["asOf"] = "2099-01-02"
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert energy.data_checked(base=tmp_path) == "2099-01-02"
    assert energy.data_checked(("energy_events",), base=tmp_path) != "2099-01-02"


def test_prices_are_quoted_with_cents_unless_whole():
    assert (energy._usd(60), energy._usd(47.6), energy._usd(44.1)) == ("60", "47.60", "44.10")


def test_instruments_whose_reading_is_unknown_count_as_not_read():
    frame = INSTRUMENTS_FIXTURE.astype({"primary_text_reached": object})
    frame.loc[0, "primary_text_reached"] = None
    assert "was read for 2 of them" in energy.instruments_table(frame).caption


def test_joint_share_estimates_columns_and_labels():
    got = energy.joint_share_estimates(BUYERS_FIXTURE)
    assert list(got.columns) == ["period_label", "period_start", "buyer", "measure", "scope",
                                 "estimate_source", "value", "how", "source_ids"]
    assert list(got["buyer"]) == ["China + India", "China + India"]
    assert list(got.index) == [0, 1]


def test_exposure_chart_of_one_buyer_with_tiny_or_no_exports():
    frame = _exposure(("Aland", "Boland")).assign(
        us_imports_2024_usd_bn=[0.5, 0.0], russian_crude_usd_bn=[None, None],
        russian_crude_period=[None, None], russian_fossil_eur_bn=[None, None],
        russian_fossil_period=[None, None]).astype(
        {"russian_crude_usd_bn": "Float64", "russian_fossil_eur_bn": "Float64"})
    view = energy.exposure_view(frame, 100)
    _, rects = _svg(view)
    # 0.5 bn fills the bar (its own scale); no exports at all: an empty bar, no division by zero
    assert [w for _, _, w, _, _ in rects[1:]] == [560, 560, 0, 0]
    assert list(view.table.frame["Fossil fuels: period"]) == ["", ""]
    assert list(view.table.frame["Crude: period"]) == ["", ""]
    one = energy.exposure_view(frame.iloc[[0]], 100)
    assert one.chart.height == 12 + 112 + 34  # one block of 112 px


def test_urals_chart_encodings_the_legend_shows():
    _, fig = capture(energy.urals_chart, URALS_FIXTURE, EVENTS_FIXTURE)
    (ax,) = fig.axes
    first, eu = ax.get_lines()[:2]
    assert (first.get_linestyle(), eu.get_linestyle()) == ("-", "--")  # the EU's cap dashed
    assert [t.get_text() for t in ax.get_xticklabels()
            if ax.get_xlim()[0] <= t.get_position()[0] <= ax.get_xlim()[1]] == [
        "2023", "2024", "2025", "2026"]
    handles = fig.legends[0].legend_handles
    styles = charts.category_styles(data.vocabulary("urals_prices", "basis"))
    finance, market, approximate = handles[2:]
    for handle, basis in ((finance, "finance_ministry_average"), (market, "market_report")):
        assert (handle.get_marker(), handle.get_color()) == (styles[basis]["marker"], styles[basis]["color"])
        assert handle.get_linestyle() == "None"  # a marker, not a line like the caps
    assert (approximate.get_marker(), approximate.get_markerfacecolor(),
            approximate.get_markeredgecolor(), approximate.get_linestyle()) == (
        "o", "white", "#555555", "None")
    close(fig)


def test_urals_bars_from_a_month_and_a_day_on_and_points_above_the_cap_strictly():
    urals = _frame(
        "id period_start period_end period_label urals_usd_per_bbl qualifier basis source_ids note", [
            ("a", "2023-01-01", "2023-02-05", "35 days", 60.0, "exact", "finance_ministry_average",
             "hellenic-urals-2023", None),
            ("b", "2023-03-01", "2023-04-06", "36 days", 61.0, "exact", "finance_ministry_average",
             "hellenic-urals-2023", None),
        ], dates=("period_start", "period_end"), numbers=("urals_usd_per_bbl",))
    more_caps = pd.concat([EVENTS_FIXTURE, EVENTS_FIXTURE.iloc[[0]].assign(
        id="E14", date=pd.Timestamp("2026-03-01"), value=40.0)], ignore_index=True)
    chart, fig = capture(energy.urals_chart, urals, more_caps)
    (ax,) = fig.axes
    bars_drawn = [ys for xs, ys, c in lines(ax)][2:]
    assert bars_drawn == [[61.0, 61.0]]  # only the period longer than 35 days is a bar
    step = ax.get_lines()[1]
    assert [float(y) for y in step.get_ydata()] == [60.0, 47.6, 44.1, 40.0, 40.0]  # ends on the last
    close(fig)
    assert "1 of the 2 points are above $60" in chart.alt  # 60 itself is not above


def test_tariff_bill_columns_and_a_crude_value_under_one_billion():
    frame = _exposure().assign(russian_crude_usd_bn=[0.5, 0.0]).astype({"russian_crude_usd_bn": "Float64"})
    got = energy.tariff_bill(frame, 10)
    assert list(got.columns) == [*energy.EXPOSURE_COLUMNS, "rate_pct", "bill_usd_bn", "bill_pct_of_crude"]
    assert got.loc[0, "bill_pct_of_crude"] == pytest.approx(2000.0)  # 10 bn bill, 0.5 bn of crude
    assert pd.isna(got.loc[1, "bill_pct_of_crude"])  # 0 bn of crude: no ratio
    assert energy.exposure_view(_exposure()).frame["rate_pct"].iloc[0] == 25  # the default rate


def test_a_rate_of_the_wrong_type_names_the_type():
    with pytest.raises(TypeError, match="got str '25%'"):
        energy.check_rate("25%")


def test_legends_show_the_encodings_the_charts_use(registry):
    """Filled markers carry the category's colour and shape; hollow ones are white with a grey
    edge, as the hollow points are; no handle draws a line."""
    _, fig = capture(energy.buyers_chart, BUYERS_FIXTURE)
    top, bottom = fig.axes
    assert top.get_position().height == pytest.approx(1.35 * bottom.get_position().height)
    styles = charts.category_styles(energy.CHART_BUYERS)
    *buyers, seaborne = fig.legends[0].legend_handles
    assert [(h.get_marker(), h.get_color()) for h in buyers] == [
        (styles[b]["marker"], styles[b]["color"]) for b in ("China", "India", "EU", "Türkiye",
                                                            "China + India")]
    assert (seaborne.get_marker(), seaborne.get_markerfacecolor(), seaborne.get_markeredgecolor()) == (
        "o", "white", "#555555")
    assert {h.get_linestyle() for h in fig.legends[0].legend_handles} == {"None"}
    close(fig)
    revenue = REVENUE_FIXTURE.assign(qualifier=["exact", "about", *REVENUE_FIXTURE["qualifier"][2:]])
    _, fig = capture(energy.revenue_chart, revenue, registry)
    top, bottom = fig.axes
    assert top.get_xlim() == bottom.get_xlim()  # the bars stand over the years of the shares
    assert top.texts[0].get_text() == "~11.586"
    *evidence, estimate, plan, forecast = fig.legends[0].legend_handles
    assert [h.get_color() for h in evidence] == [charts.OKABE_ITO[c] for c in
                                                 ("blue", "sky blue", "vermillion")]
    assert [(h.get_marker(), h.get_markerfacecolor(), h.get_markeredgecolor())
            for h in (estimate, plan, forecast)] == [
        ("o", "white", "#555555"), ("s", "white", "#555555"), ("v", "white", "#555555")]
    assert {h.get_linestyle() for h in fig.legends[0].legend_handles} == {"None"}
    close(fig)


def test_buyers_alt_text_lists_every_joint_estimate_and_every_buyer():
    more = _frame(" ".join(energy.BUYER_COLUMNS), [
            _buyer_row("iea23-ci", "2023-05-01", "2023-05-31", "May 2023", "China + India", CRUDE, 80.0,
                       "not_stated", "IEA", "onenewspage-iea-may2023"),
            _buyer_row("iea23-in-own", "2023-05-01", "2023-05-31", "May 2023", "India", OWN, 45.0,
                       "not_stated", "IEA", "onenewspage-iea-may2023"),
        ], dates=("period_start", "period_end"), numbers=("value",))
    chart = energy.buyers_chart(pd.concat([BUYERS_FIXTURE, more], ignore_index=True))
    assert "by tracker: Vortexa 91% (Mar 2023), IEA 80% (May 2023)." in chart.alt
    assert "crude imports: China: 15% (2021), 20% (May 2023); India: 45% (May 2023)." in chart.alt
