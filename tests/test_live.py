"""Live grid data against a real local server: values when it works, the annual figure and a clear notice when not."""

import dataclasses
import os
import subprocess
import sys
import time

import pytest

from estimator import estimate, label
from estimator.live import LiveClient, as_override, forecast_hours, live_intensity, load_settings
from tests.conftest import ROOT
from tests.fake_providers import FAULTS, FakeProviders, refused_url

SENTINEL = "SENTINEL-KEY-7f3a9c"
FAST = dict(connect_timeout_s=0.5, read_timeout_s=0.6, backoff_s=0.05)
EXPECT = {
    "slow": "timed out after 0.6 s",
    "http500": "HTTP 500",
    "http503": "HTTP 503",
    "http429": "rate-limiting",
    "http401": "API key was rejected",
    "truncated": "malformed JSON",
    "malformed": "malformed JSON",
    "wrongshape": "unexpected response shape",
    "empty": "no data",
    "negative": "implausible value -5",
    "huge": "implausible value 90000",
    "stale": "stale",
}


@pytest.fixture(scope="module")
def server():
    with FakeProviders(slow_s=2.0) as s:
        yield s


def client_for(base: str, **extra) -> LiveClient:
    settings = {pid: dataclasses.replace(s, base_url=base, **FAST, **extra) for pid, s in load_settings().items()}
    return LiveClient(settings, api_keys={"electricitymaps": SENTINEL})


def test_gb_live_value_and_forecast(server, data):
    out = live_intensity(data.zones["GB"], client_for(server.url("ok")))
    assert out.ok, out.notice
    assert out.reading.intensity_g_per_kwh == 263  # the recorded 'actual'
    assert out.reading.scope == "direct"
    assert len(out.forecast) == 8 and min(r.intensity_g_per_kwh for r in out.forecast) == 138


def test_live_value_drives_the_estimate_and_a_cleaner_hour(server, data):
    out = live_intensity(data.zones["GB"], client_for(server.url("ok")))
    e = estimate(task="image", region="GB", data=data, grid_override=as_override(out.reading))
    assert e.intensity_g_per_kwh.central == 263
    assert "live" in e.grid_label and "UTC" in e.grid_label
    lab = label(e, data, hours=forecast_hours(out))
    hour = next(o for o in lab.alternatives if o.alternative_id == "cleaner_hour")
    assert hour.estimate.intensity_g_per_kwh.central == 138
    assert hour.saved_percent == pytest.approx(100 * (1 - 138 / 263), rel=1e-6)


def test_electricity_maps_latest_and_forecast_with_key(server, data):
    out = live_intensity(data.zones["DE"], client_for(server.url("ok")))
    assert out.ok, out.notice
    assert out.reading.intensity_g_per_kwh == 302 and out.reading.scope == "lifecycle"
    assert [r.intensity_g_per_kwh for r in out.forecast] == [318, 341, 352, 329, 297]
    sent = [r for r in server.requests if r["path"].endswith("/carbon-intensity/latest")][-1]
    assert sent["headers"].get("auth-token") == SENTINEL
    assert "zone=DE" in sent["query"]


def test_no_key_means_no_call_and_a_clear_notice(server, data):
    settings = {pid: dataclasses.replace(s, base_url=server.url("ok"), **FAST) for pid, s in load_settings().items()}
    before = len(server.requests)
    old = os.environ.pop("ELECTRICITYMAPS_API_KEY", None)
    try:
        out = live_intensity(data.zones["DE"], LiveClient(settings))
    finally:
        if old is not None:
            os.environ["ELECTRICITYMAPS_API_KEY"] = old
    assert not out.ok and "no API key set" in out.notice
    assert len(server.requests) == before


def test_zones_without_a_provider_say_so(data):
    out = live_intensity(data.zones["WORLD"], client_for(refused_url()))
    assert not out.ok and "no live provider" in out.notice


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("zone", ["GB", "DE"])
def test_every_fault_falls_back_with_the_right_notice(server, data, fault, zone):
    client = client_for(server.url(fault))
    t = time.monotonic()
    out = live_intensity(data.zones[zone], client)
    elapsed = time.monotonic() - t
    assert not out.ok
    assert EXPECT[fault] in out.notice, out.notice
    assert elapsed < FAST["connect_timeout_s"] + FAST["read_timeout_s"] + 0.3
    assert SENTINEL not in out.notice


def test_connection_refused_falls_back(data):
    out = live_intensity(data.zones["GB"], client_for(refused_url()))
    assert not out.ok and "could not connect" in out.notice


def test_retries_are_bounded_and_honour_retry_after(server, data):
    n = len(server.requests)
    live_intensity(data.zones["GB"], client_for(server.url("http503"), max_retries=2))
    assert len(server.requests) - n == 3  # first try + 2 retries with short backoff
    n = len(server.requests)
    t = time.monotonic()
    live_intensity(data.zones["GB"], client_for(server.url("http429"), max_retries=2))
    assert len(server.requests) - n == 1  # Retry-After: 30 s is past the time budget: no retry, no wait
    assert time.monotonic() - t < 0.5


def test_results_are_cached_for_the_ttl(server, data):
    now = [1_000_000.0]
    client = client_for(server.url("ok"))
    client.clock = lambda: time.time()
    live_intensity(data.zones["GB"], client)
    n = len(server.requests)
    live_intensity(data.zones["GB"], client)
    assert len(server.requests) == n  # served from cache
    client.clear_cache()
    live_intensity(data.zones["GB"], client)
    assert len(server.requests) > n


def test_the_key_never_appears_in_urls_messages_or_repr(server, data):
    for fault in ("ok", "http401", "malformed", "slow"):
        client = client_for(server.url(fault))
        out = live_intensity(data.zones["DE"], client)
        assert SENTINEL not in repr(client) and SENTINEL not in out.notice
        if out.ok:
            assert SENTINEL not in repr(out)
    for r in server.requests:
        assert SENTINEL not in r["path"] and SENTINEL not in r["query"]


def _cli(env_base: str, *args: str, key: str | None = SENTINEL):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIFL_")}
    env["AIFL_GB_CI_BASE_URL"] = env_base
    env["AIFL_ELECTRICITYMAPS_BASE_URL"] = env_base
    if key:
        env["ELECTRICITYMAPS_API_KEY"] = key
    return subprocess.run([sys.executable, "-m", "estimator", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_cli_live_shows_the_live_value_and_a_cleaner_hour(server):
    p = _cli(server.url("ok"), "label", "--task", "image", "--region", "GB", "--live")
    assert p.returncode == 0, p.stderr
    assert "live," in p.stdout and "cleaner hour" in p.stdout
    assert SENTINEL not in p.stdout + p.stderr


@pytest.mark.parametrize("fault", ["http500", "malformed", "negative", "stale", "http401"])
def test_cli_live_falls_back_to_the_annual_figure(server, fault):
    annual = _cli(server.url("ok"), "estimate", "--task", "image", "--region", "DE", "--format", "json")
    p = _cli(server.url(fault), "estimate", "--task", "image", "--region", "DE", "--live", "--format", "json")
    assert p.returncode == 0, p.stderr
    assert p.stderr.startswith("note: live data unavailable") and "annual average" in p.stderr
    assert EXPECT[fault] in p.stderr
    import json
    assert json.loads(p.stdout)["co2e"] == json.loads(annual.stdout)["co2e"]
    assert SENTINEL not in p.stdout + p.stderr
