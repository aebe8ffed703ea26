"""Honest comparisons: a ratio of two options carries only the spread of what differs (METHODOLOGY.md §2)."""

import math
import random
import statistics

import pytest

from estimator import Range, estimate, label
from estimator.label import classify
from estimator.uncertainty import display_name, ratio


def test_the_same_option_twice_has_ratio_exactly_one_with_zero_width(data):
    e = estimate(task="chat", model="llama-3.1-70b", region="FR", data=data)
    r = ratio(e.co2e_g, e.co2e_g)
    assert (r.low, r.central, r.high) == (1.0, 1.0, 1.0)
    assert r.parts == ()


def test_a_cleaner_grid_alone_gives_a_ratio_whose_width_comes_only_from_the_grid_ranges(data):
    fr = estimate(task="chat", model="llama-3.1-70b", region="FR", data=data)
    world = estimate(task="chat", model="llama-3.1-70b", region="WORLD", data=data)
    r = ratio(fr.co2e_g, world.co2e_g)
    assert {display_name(n) for n, _, _ in r.parts} == {"grid carbon intensity"}
    g_fr, g_world = data.zones["FR"].intensity_g_per_kwh, data.zones["WORLD"].intensity_g_per_kwh
    # independent rows: log spreads add in quadrature; the world's enters inverted
    down = math.hypot(math.log(g_fr.central / g_fr.low), math.log(g_world.high / g_world.central))
    up = math.hypot(math.log(g_fr.high / g_fr.central), math.log(g_world.central / g_world.low))
    assert r.central == pytest.approx(g_fr.central / g_world.central)
    assert r.low == pytest.approx(r.central * math.exp(-down))
    assert r.high == pytest.approx(r.central * math.exp(up))


def test_two_zones_with_the_same_input_name_are_not_treated_as_one_input(data):
    fr = data.zones["FR"].intensity_g_per_kwh
    world = data.zones["WORLD"].intensity_g_per_kwh
    assert fr.parts[0][0] != world.parts[0][0]
    assert display_name(fr.parts[0][0]) == display_name(world.parts[0][0]) == "grid carbon intensity"


def test_readers_see_input_names_without_the_data_row_key(data):
    e = estimate(task="chat", model="llama-3.1-70b", region="FR", data=data)
    assert "grid carbon intensity" in [n for n, _ in e.drivers()]
    assert not any("|" in n for n, _ in e.drivers())


def test_an_option_whose_ratio_range_lies_below_the_threshold_reads_lower(data):
    lower = data.label_rules["lower_if_ratio_at_most"].value.central
    assert classify(Range(lower * 0.5, lower * 0.7, lower * 0.99), data) == "lower"
    assert classify(Range(lower * 0.5, lower * 0.7, lower * 1.01), data) == "typical"


def test_a_small_model_reads_lower_because_its_ratio_range_lies_below_the_threshold(data):
    lab = label(task="chat", model="llama-3.1-8b", data=data)
    lower = data.label_rules["lower_if_ratio_at_most"].value.central
    assert lab.ratio_range.high <= lower
    assert lab.category == "lower"
    assert lab.ratio_range.central == pytest.approx(lab.ratio_to_typical)
    # shared inputs cancelled: the ratio is narrower than the option's own range
    own = lab.estimate.co2e_g_per_unit
    assert lab.ratio_range.high / lab.ratio_range.low < own.high / own.low


def test_a_saved_percent_carries_its_own_range(data):
    lab = label(task="chat", model="llama-3.1-70b", region="PL", data=data)
    assert lab.alternatives
    for o in lab.alternatives:
        least, most = o.saved_percent_range
        assert least <= o.saved_percent <= most


def _draw(rng: Range, z: float) -> float:
    """A log-normal draw whose 5th/95th percentiles sit at the range's ends (z from N(0,1))."""
    (_, d, u), = rng.parts
    return rng.central * math.exp(z * (u if z > 0 else d) / 1.645)


def test_the_correlated_ratio_matches_a_monte_carlo_draw_with_different_exponents():
    # A = X^1.5 * Y, B = X^0.5 * Z: ln(A/B) = 1.0 ln X + ln Y - ln Z
    x = Range.of(0.5, 1.0, 2.0, "shared|row")
    y = Range.of(0.8, 1.0, 1.25, "only in a|row")
    z = Range.of(0.7, 1.0, 1.43, "only in b|row")
    r = ratio(x**1.5 * y, x**0.5 * z)
    rnd = random.Random(9)
    samples = []
    for _ in range(40000):
        zx, zy, zz = rnd.gauss(0, 1), rnd.gauss(0, 1), rnd.gauss(0, 1)
        xs = _draw(x, zx)
        samples.append(xs**1.5 * _draw(y, zy) / (xs**0.5 * _draw(z, zz)))
    q = statistics.quantiles(samples, n=20)
    assert r.low == pytest.approx(q[0], rel=0.06)
    assert r.high == pytest.approx(q[-1], rel=0.06)
    # ignoring the correlation (plain division) would be visibly wider
    naive = (x**1.5 * y) / (x**0.5 * z)
    assert naive.high / naive.low > 1.5 * (r.high / r.low)


def test_the_record_and_the_words_carry_the_ratio_range(data):
    from estimator.present import estimate_record, label_percent, saved_percent_words

    lab = label(task="chat", model="gpt-4o-mini", data=data)
    rec = estimate_record(lab.estimate, lab, data)["label"]["ratio_to_typical"]
    assert rec["low"] < rec["central"] < rec["high"]
    assert rec["central"] == pytest.approx(lab.ratio_to_typical, rel=0.05)  # two significant figures
    low_pct, high_pct = lab.percent_vs_typical_range
    words = label_percent(lab, data)
    assert f"{low_pct:.0f}%".replace("-", "−") in words and f"{high_pct:.0f}%".replace("-", "−") in words
    big = label(task="chat", model="llama-3.1-70b", region="PL", data=data)
    o = big.alternatives[0]
    assert estimate_record(big.estimate, big, data)["greener_options"][0]["ratio_to_current"]["low"] > 0
    assert saved_percent_words(o).startswith("−")


def test_two_hours_of_the_same_profile_are_different_inputs(data):
    from estimator.hourly import _shape

    profile_id = next(iter(data.profiles))
    season = next(iter(data.profiles[profile_id]))
    shape = _shape(data.data_hash, profile_id, season)
    names = {h.relative.parts[0][0] for h in shape if h.relative.parts}
    assert len(names) == len([h for h in shape if h.relative.parts])
    assert {display_name(n) for n in names} == {"hour-of-day variation"}
