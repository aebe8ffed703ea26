"""Carbon-aware switching (estimator/simulate.py): never worse than not switching, honest ends, the CLI = the library."""

import csv
import io
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from estimator import EstimatorError, estimate
from estimator.cli import main
from estimator.hourly import profile_hours
from estimator.simulate import (Policy, SimRequest, choose_small, live_hours, parse_rate, percentile, seed_comparison,
                                simulate)
from tests.conftest import ROOT

PAIRS = [("chat", "llama-3.1-70b", "llama-3.1-8b"), ("image", "flux.1-dev", "sdxl-turbo"),
         ("summarize", "bart-large-cnn", "distilbart-cnn-12-6")]
REGIONS = ["US-CA", "GB", "DE", "FR", "US-TX"]


def day_intensities(region: str, season: str, data) -> list[float]:
    zone = data.zones[region]
    return [h.override.intensity_g_per_kwh.central for h in profile_hours(zone, season, data)]


def per_request_g(model: str, task: str, region: str, data) -> float:
    return estimate(task=task, model=model, region=region, data=data).co2e_g.central


@settings(max_examples=40, deadline=None)
@given(pair=st.sampled_from(PAIRS), region=st.sampled_from(REGIONS), season=st.sampled_from(["winter", "summer"]),
       kind=st.sampled_from(["threshold", "percentile"]), level=st.floats(0, 1), back=st.floats(0, 1),
       week=st.booleans())
def test_switching_to_the_smaller_model_only_when_dirty_never_emits_more_than_not_switching(
        pair, region, season, kind, level, back, week):
    task, large, small = pair
    top = 100 if kind == "percentile" else 600
    policy = Policy(kind, level * top, min(level, back) * top)
    sim = simulate(SimRequest(task=task, large=large, small=small, region=region, policy=policy,
                              hours=168 if week else 24, season=season))
    assert sim.with_g.central <= sim.without_g.central
    for h in sim.hours:
        assert h.with_g.central <= h.without_g.central
    assert sim.saved_share[1] >= 0
    low, central, high = sim.saved_share
    assert low <= central <= high <= 1


@pytest.mark.parametrize("task,large,small", PAIRS)
@pytest.mark.parametrize("region", ["US-CA", "DE"])
def test_a_threshold_above_every_hour_saves_nothing(data, task, large, small, region):
    top = max(day_intensities(region, "summer", data))
    sim = simulate(SimRequest(task=task, large=large, small=small, region=region, season="summer",
                              policy=Policy("threshold", top + 1)), data)
    assert sim.saved_share == (0.0, 0.0, 0.0)
    assert sim.small_request_share == 0 and sim.with_g == sim.without_g


@pytest.mark.parametrize("task,large,small", PAIRS)
@pytest.mark.parametrize("region", ["GB", "FR"])
def test_a_threshold_below_every_hour_saves_the_small_to_large_ratio(data, task, large, small, region):
    bottom = min(day_intensities(region, "winter", data))
    sim = simulate(SimRequest(task=task, large=large, small=small, region=region, season="winter",
                              policy=Policy("threshold", bottom / 2)), data)
    expected = 1 - per_request_g(small, task, region, data) / per_request_g(large, task, region, data)
    assert sim.small_request_share == 1
    assert sim.saved_share[1] == pytest.approx(expected, rel=1e-9)
    low, central, high = sim.saved_share
    assert low <= central <= high


@pytest.mark.parametrize("rate", ["1000", "0;0;0;0;0;0;10;50;100;100;100;100;100;100;100;100;100;80;60;40;20;10;5;0"])
@pytest.mark.parametrize("policy", [Policy("percentile", 50), Policy("percentile", 80, 30), Policy("threshold", 150)])
def test_the_shares_of_requests_add_to_one_and_count_every_request(data, rate, policy):
    rates = parse_rate(rate)
    sim = simulate(SimRequest(task="chat", large="llama-3.1-70b", small="llama-3.1-8b", region="US-CA",
                              policy=policy, rate=rates, hours=168), data)
    assert sim.small_request_share + sim.large_request_share == pytest.approx(1)
    assert 0 <= sim.small_request_share <= 1
    day_total = sum(rates) if len(rates) == 24 else rates[0] * 24
    assert sim.requests == pytest.approx(7 * day_total)
    counted = sum(h.requests for h in sim.hours if h.small) / sim.requests
    assert sim.small_request_share == pytest.approx(counted)


def test_a_week_of_typical_days_is_seven_times_the_day_with_the_same_saving(data):
    req = SimRequest(task="chat", large="llama-3.1-70b", small="llama-3.1-8b", region="GB", season="autumn")
    day, week = simulate(req, data), simulate(SimRequest(**{**req.__dict__, "hours": 168}), data)
    assert week.with_g.central == pytest.approx(7 * day.with_g.central)
    assert week.saved_share[1] == pytest.approx(day.saved_share[1])
    assert any("same day" in n for n in week.notes)


def test_each_hour_is_the_estimate_of_its_model_at_that_hours_intensity(data):
    sim = simulate(SimRequest(task="image", large="sdxl", small="sd-2.1", region="DE", season="winter",
                              policy=Policy("percentile", 50), rate=(10,)), data)
    hours = profile_hours(data.zones["DE"], "winter", data)
    for h, opt in zip(sim.hours, hours):
        model = "sd-2.1" if h.small else "sdxl"
        e = estimate(task="image", model=model, region="DE", count=10, data=data, grid_override=opt.override)
        assert h.with_g.central == pytest.approx(e.co2e_g.central)


def test_the_switch_back_level_keeps_the_smaller_model_until_the_grid_is_that_clean():
    intensities = [100, 300, 250, 220, 150, 320, 190]
    plain, _ = choose_small(intensities, Policy("threshold", 200))
    held, _ = choose_small(intensities, Policy("threshold", 200, 160))
    assert plain == [False, True, True, True, False, True, False]
    assert held == [False, True, True, True, False, True, True]


def test_a_percentile_of_the_day_follows_the_closest_ranks():
    assert percentile([4, 1, 3, 2], 0) == 1 and percentile([4, 1, 3, 2], 100) == 4
    assert percentile([1, 2, 3, 4], 50) == pytest.approx(2.5)


def test_the_seeds_figure_sits_beside_the_simulated_one_with_reasons(data):
    sim = simulate(SimRequest(task="chat", large="llama-3.1-70b", small="llama-3.1-8b", region="US-CA"), data)
    cmp_ = seed_comparison(sim)
    assert cmp_["seed_saved_share"].central == pytest.approx(0.8)  # "nearly 80 percent", the data row
    assert "80 percent" in cmp_["claim"]
    assert cmp_["always_small_saved_share"] >= sim.saved_share[1]
    words = " ".join(cmp_["reasons"])
    for what in ("accuracy", "MIG", "48", "Llama 3.1 8B", "over 40 %"):
        assert what in words


@pytest.mark.parametrize("change,fragment", [
    ({"large": "llama-3.1-8b", "small": "llama-3.1-70b"}, "uses no less energy"),
    ({"large": "llama-3.1-8b", "small": "llama-3.1-8b"}, "both"),
    ({"small": "sdxl"}, "not a model for this task"),
    ({"region": "WORLD"}, "no hourly data"),
    ({"region": "Atlantis"}, "unknown region"),
    ({"policy": Policy("percentile", 101)}, "from 0 to 100"),
    ({"policy": Policy("threshold", -5)}, "from 0 to 2,000"),
    ({"policy": Policy("threshold", 200, 300)}, "above the switch"),
    ({"policy": Policy("median", 50)}, "unknown policy"),
    ({"hours": 48}, "24 (a day) or 168"),
    ({"rate": (1, 2)}, "rate has 2 values"),
    ({"rate": (0,)}, "0 in every hour"),
    ({"rate": (-1,)}, "at least 0"),
    ({"season": "monsoon"}, "unknown season"),
])
def test_bad_input_is_one_clear_line(data, change, fragment):
    req = SimRequest(**{**SimRequest(task="chat", large="llama-3.1-70b", small="llama-3.1-8b").__dict__, **change})
    with pytest.raises(EstimatorError) as exc:
        simulate(req, data)
    assert fragment in str(exc.value) and "\n" not in str(exc.value)


@pytest.mark.parametrize("text", ["1,5", "abc", "1;2;3", ""])
def test_a_bad_rate_text_is_refused(text):
    with pytest.raises(EstimatorError):
        parse_rate(text)


# ------------------------------------------------------------------ the command line is the library

ARGS = ["simulate", "--task", "chat", "--large", "llama-3.1-70b", "--small", "llama-3.1-8b", "--region", "US-TX",
        "--season", "summer", "--percentile", "60", "--back", "40", "--rate", "1,000"]


def cli(*args: str) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-m", "estimator", *args], cwd=ROOT, capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def test_the_cli_json_equals_the_library(data):
    code, out, err = cli(*ARGS, "--format", "json")
    assert code == 0, err
    got = json.loads(out)
    sim = simulate(SimRequest(task="chat", large="llama-3.1-70b", small="llama-3.1-8b", region="US-TX",
                              season="summer", policy=Policy("percentile", 60, 40), rate=(1000,)), data)
    assert got["with_switching_g"]["central"] == pytest.approx(sim.with_g.central)
    assert got["without_switching_g"]["high"] == pytest.approx(sim.without_g.high)
    assert got["saved_share"]["central"] == pytest.approx(sim.saved_share[1])
    assert got["small_request_share"] == pytest.approx(sim.small_request_share)
    assert [h["model"] for h in got["by_hour"]] == [
        "llama-3.1-8b" if h.small else "llama-3.1-70b" for h in sim.hours]


def test_the_cli_csv_has_each_hour_and_the_total(capsys):
    assert main([*ARGS, "--hours", "168", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["scope"] for r in rows].count("hour") == 168 and rows[-1]["scope"] == "total"


def test_the_cli_table_says_saved_shares_and_the_seed(capsys):
    assert main(ARGS) == 0
    out = capsys.readouterr().out
    for what in ("Without switching:", "With switching:", "Saved:", "Requests served:", "nearly 80 percent",
                 "methodology"):
        assert what in out


@pytest.mark.parametrize("args,fragment", [
    (["--large", "llama-3.1-70b", "--region", "GB"], "give both --large and --small"),
    (["--large", "llama-3.1-70b", "--small", "llama-3.1-8b"], "give --region"),
    (["--large", "llama-3.1-70b", "--small", "llama-3.1-8b", "--region", "GB", "--threshold", "1", "--percentile", "2"],
     "not both"),
    (["--large", "llama-3.1-70b", "--small", "llama-3.1-8b", "--region", "GB", "--threshold", "abc"], "--threshold"),
    (["--large", "llama-3.1-70b", "--small", "llama-3.1-8b", "--region", "GB", "--hours", "7"], "hours"),
    (["--large", "llama-3.1-70b", "--small", "llama-3.1-8b", "--region", "GB", "--format", "xml"], "format"),
])
def test_a_bad_cli_argument_is_one_line_with_status_2(capsys, args, fragment):
    assert main(["simulate", *args]) == 2
    err = capsys.readouterr().err
    assert fragment in err and err.count("\n") == 1 and "Traceback" not in err


# ------------------------------------------------------------------ live forecast hours (local fake providers only)

@pytest.fixture(scope="module")
def providers():
    from tests.fake_providers import FakeProviders
    with FakeProviders(slow_s=2.0) as s:
        yield s


def test_live_forecast_hours_drive_the_simulation_one_request_count_per_whole_hour(data, providers):
    from tests.test_live import client_for
    hours, words, notice = live_hours("GB", data, client_for(providers.url("ok")))
    assert not notice and hours and "live forecast" in words
    assert all(h.when[3:5] == "00" for h in hours)  # half-hourly points thinned to whole hours
    sim = simulate(SimRequest(task="chat", large="llama-3.1-70b", small="llama-3.1-8b", region="GB",
                              policy=Policy("percentile", 50)), data, hours=hours, grid_words=words)
    assert len(sim.hours) == len(hours) and sim.requests == 1000 * len(hours)
    assert [h.intensity_g_per_kwh.central for h in sim.hours] == [h.override.intensity_g_per_kwh.central for h in hours]
    assert sim.with_g.central <= sim.without_g.central
    assert any("forecast covers" in n for n in sim.notes)


def test_a_failing_provider_gives_a_notice_and_no_hours(data, providers):
    from tests.test_live import client_for
    hours, words, notice = live_hours("GB", data, client_for(providers.url("http500")))
    assert hours == () and "typical day" in notice and "\n" not in notice


# ------------------------------------------------------------------ the page's link parameters (library side)

LINK_VALUES = st.one_of(st.text(max_size=30), st.sampled_from(["", "0", "-1", "1e308", "nan", "inf", "1,000", "1,5",
                                                                "50", "168", "GB", "llama-3.1-8b", "summer", "1"]))


@settings(max_examples=150, deadline=None)
@given(params=st.dictionaries(st.sampled_from(["task", "large", "small", "region", "season", "threshold", "pct", "back",
                                               "hours", "rate", "boundary", "live", "other"]), LINK_VALUES, max_size=6))
def test_any_link_gives_a_valid_simulation_and_notices_never_an_error(params):
    from estimator import load_data
    from estimator.simulate import parse_sim_params, sim_params
    data = load_data()
    req, live, notices = parse_sim_params(params, data)
    sim = simulate(req, data)  # what the link parsed to always runs
    assert sim.with_g.central <= sim.without_g.central
    assert all("\n" not in n for n in notices)
    again, _, more = parse_sim_params(sim_params(req, live), data)  # the page's own link reproduces it, silently
    assert again == req and not more


FLAGS = ["--task", "--large", "--small", "--region", "--threshold", "--percentile", "--back", "--hours", "--rate",
         "--season", "--boundary", "--format"]


@settings(max_examples=150, deadline=None)
@given(args=st.lists(st.one_of(st.sampled_from(FLAGS), LINK_VALUES), max_size=10))
def test_any_simulate_command_line_exits_0_or_2_with_one_line(args):
    import contextlib
    import io as _io
    err = _io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(_io.StringIO()):
        code = main(["simulate", "--large", "llama-3.1-70b", "--small", "llama-3.1-8b", "--region", "GB", *args])
    assert code in (0, 2)
    if code == 2:
        assert err.getvalue().count("\n") == 1 and err.getvalue().startswith("error: ")


def test_a_day_shape_of_requests_is_read_at_each_hours_clock_hour(data):
    shape = tuple(float(h + 1) for h in range(24))  # 1 request at 00:00 … 24 at 23:00
    sim = simulate(SimRequest(task="chat", large="llama-3.1-70b", small="llama-3.1-8b", region="FR", season="spring",
                              rate=shape, hours=168), data)
    for h in sim.hours:
        assert h.requests == shape[h.index % 24]
        assert h.when.endswith(f"{h.index % 24:02d}:00 local time")


@pytest.mark.parametrize("region", ["GB", "US-TX"])
def test_the_share_needed_for_a_saving_is_what_a_threshold_policy_would_move(data, region):
    from estimator.simulate import share_needed
    req = SimRequest(task="chat", large="llama-3.1-70b", small="llama-3.1-8b", region=region, season="summer",
                     policy=Policy("percentile", 75))
    sim = simulate(req, data)
    # the policy moved the dirtiest quarter of the hours: reaching its own saving needs no more than that share
    assert share_needed(sim, sim.saved_share[1]) == pytest.approx(sim.small_request_share)
    assert share_needed(sim, sim.always_small_saved_share + 0.01) is None
    lean = simulate(SimRequest(task="image", large="sdxl", small="sd-2.1", region=region, season="summer"), data)
    assert share_needed(lean, 0.8) is None and "No rule reaches 80 %" in " ".join(seed_comparison(lean)["reasons"])
