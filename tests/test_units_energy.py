"""studyguide.energy (chapter 3): instruments, timeline, buyers, revenue, Urals, the exposure explorer."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from helpers import HOSTILE, JAPANESE, text_of

from studyguide import data, energy


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
