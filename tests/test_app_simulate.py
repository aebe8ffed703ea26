"""The Switching page (/simulate): renders the library's numbers, keeps its inputs in the URL, one notice per bad value."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from estimator import load_data
from estimator.present import fmt_range, grams_unit
from estimator.simulate import Policy, SimRequest, pct, simulate
from tests.app_helpers import APP, amount, metric, texts

PAGE = "pages/simulate.py"


def open_sim(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.switch_page(PAGE)
    return at.run()


def warnings(at: AppTest) -> list[str]:
    return [str(w.value) for w in at.warning]


def test_the_page_renders_the_librarys_totals_saving_and_the_seeds_figure():
    params = {"task": "chat", "large": "llama-3.1-70b", "small": "llama-3.1-8b", "region": "GB", "season": "winter",
              "pct": "75"}
    at = open_sim(params)
    assert not at.exception
    sim = simulate(SimRequest(task="chat", large="llama-3.1-70b", small="llama-3.1-8b", region="GB", season="winter",
                              policy=Policy("percentile", 75)), load_data())
    # the page rounds as every page does (two significant digits): the same rounding of the library's grams
    assert metric(at, "Without switching") == fmt_range(sim.without_g, grams_unit)[0]
    assert metric(at, "With switching") == fmt_range(sim.with_g, grams_unit)[0]
    assert amount(metric(at, "With switching")) < amount(metric(at, "Without switching"))
    assert metric(at, "Saved") == pct(sim.saved_share[1])
    assert metric(at, "The seed said") == "80 %"
    text = "\n".join(texts(at))
    assert f"{pct(sim.large_request_share)} by" in text and f"{pct(sim.small_request_share)} by" in text
    assert "Why the figures differ" in text and "accuracy" in text
    assert "Line chart:" in text and "Bar chart:" in text  # the charts' text alternatives
    assert len(at.get("vega_lite_chart")) == 2
    assert not warnings(at)


def test_the_link_keeps_the_inputs():
    at = open_sim({"task": "image", "large": "flux.1-dev", "small": "sdxl-turbo", "region": "DE", "threshold": "300",
                   "back": "250", "hours": "168", "rate": "5"})
    assert not at.exception and not warnings(at)
    q = {k: at.query_params[k] for k in at.query_params}
    flat = {k: (v[0] if isinstance(v, list) else v) for k, v in q.items()}
    assert flat["large"] == "flux.1-dev" and flat["small"] == "sdxl-turbo" and flat["region"] == "DE"
    assert flat["threshold"] == "300" and flat["back"] == "250" and flat["hours"] == "168" and flat["rate"] == "5"
    assert any("over 168 hours" in t for t in texts(at))
    link = next(str(b.value) for b in at.code if "simulate?" in str(b.value))
    assert link.split("?")[0].endswith("/simulate") and "threshold=300" in link and "rate=5" in link


@pytest.mark.parametrize("name,value,fragment", [
    ("region", "WORLD", "no hourly data"),
    ("pct", "200", "from 0 to 100"),
    ("threshold", "-3", "from 0 to 2,000"),
    ("hours", "36", "hours must be 24"),
    ("rate", "1,5", "comma"),
    ("large", "nonsense-model", "unknown model"),
    ("task", "poetry", "unknown task"),
    ("season", "monsoon", "unknown season"),
    ("live", "maybe", "live=1"),
    ("color", "red", "unknown link parameter"),
])
def test_each_bad_link_value_gets_one_notice_and_the_page_still_renders(name, value, fragment):
    at = open_sim({name: value})
    assert not at.exception
    got = warnings(at)
    assert len(got) == 1 and fragment in got[0], got
    assert metric(at, "Saved").endswith("%")


def test_a_pair_in_the_wrong_order_gets_a_notice_and_the_default_pair():
    at = open_sim({"large": "llama-3.1-8b", "small": "llama-3.1-70b"})
    assert not at.exception
    got = warnings(at)
    assert len(got) == 1 and "uses no less energy" in got[0]
    assert at.query_params["large"] != "llama-3.1-8b"


def test_changing_the_rule_reruns_the_simulation():
    at = open_sim({"large": "llama-3.1-70b", "small": "llama-3.1-8b", "region": "US-TX", "pct": "50"})
    half = metric(at, "Saved")
    at.radio(key="sim_kind").set_value("threshold").run()
    at.number_input(key="sim_threshold").set_value(0.0).run()
    assert not at.exception
    everything = metric(at, "Saved")
    assert everything == metric(at, "Every request on the smaller model") and everything != half
    assert at.query_params["threshold"] == "0"


def test_live_on_uses_the_forecast_and_a_failing_provider_falls_back_to_the_typical_day(monkeypatch):
    import streamlit as st
    from tests.fake_providers import FakeProviders

    with FakeProviders(slow_s=2.0) as server:
        for mode, expect in (("ok", "the live forecast for"), ("http500", "a typical")):
            monkeypatch.setenv("AIFL_GB_CI_BASE_URL", server.url(mode))
            st.cache_resource.clear()
            at = open_sim({"large": "llama-3.1-70b", "small": "llama-3.1-8b", "region": "GB", "live": "1"})
            assert not at.exception
            text = "\n".join(texts(at))
            assert expect in text, mode
            if mode == "http500":
                assert any("live forecast unavailable" in str(i.value) for i in at.info)
    st.cache_resource.clear()
