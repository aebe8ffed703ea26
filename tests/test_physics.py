"""The methodology's physical claims, one test each."""

import math

import numpy as np
import pytest

from estimator import Range, Scenario, estimate
from estimator import diffusion, grid
from tests.conftest import read_rows

TASKS = ("chat", "summarize", "image", "video")


@pytest.mark.parametrize("task", TASKS)
def test_a_cleaner_grid_never_raises_grams(task, data):
    zones = sorted(data.zones.values(), key=lambda z: z.intensity_g_per_kwh.central)
    grams = [estimate(task=task, region=z.zone_id, data=data).co2e_g.central for z in zones[::7]]
    assert all(a <= b for a, b in zip(grams, grams[1:]))


@pytest.mark.parametrize("task", TASKS)
def test_grams_are_linear_in_count(task, data):
    one = estimate(task=task, count=1, data=data).co2e_g
    many = estimate(task=task, count=37, data=data).co2e_g
    for a, b in ((one.low, many.low), (one.central, many.central), (one.high, many.high)):
        assert b == pytest.approx(37 * a, rel=1e-12)


def test_doubling_output_tokens_doubles_decode_energy(data):
    e1 = estimate(task="chat", input_tokens=0, output_tokens=300, data=data).energy_wh
    e2 = estimate(task="chat", input_tokens=0, output_tokens=600, data=data).energy_wh
    assert e2.central == pytest.approx(2 * e1.central, rel=1e-9)


def test_doubling_output_tokens_roughly_doubles_energy_with_a_prompt(data):
    e1 = estimate(task="chat", input_tokens=100, output_tokens=400, data=data).energy_wh.central
    e2 = estimate(task="chat", input_tokens=100, output_tokens=800, data=data).energy_wh.central
    assert 1.8 < e2 / e1 < 2.0  # the prompt's prefill share does not double


def test_long_inputs_cost_prefill_energy(data):
    short = estimate(task="chat", input_tokens=100, output_tokens=400, data=data).energy_wh.central
    long = estimate(task="chat", input_tokens=4000, output_tokens=400, data=data).energy_wh.central
    assert long > 2 * short


def test_a_bigger_model_of_the_same_family_never_uses_less(data):
    families = {}
    for m in data.models.values():
        if m.task == "llm":
            families.setdefault(m.family, []).append(m)
    checked = 0
    for members in families.values():
        members.sort(key=lambda m: m.total_params_b.central)
        grams = [estimate(task="chat", model=m.model_id, data=data).co2e_g.central for m in members]
        assert grams == sorted(grams), [m.model_id for m in members]
        checked += len(members) > 1
    assert checked >= 6


def test_mixture_of_experts_pays_for_total_parameters(data):
    # Llama 4 Scout and Maverick both have 17B active parameters; Maverick holds 400B, Scout 109B.
    scout = estimate(task="chat", model="llama-4-scout", data=data).energy_wh.central
    maverick = estimate(task="chat", model="llama-4-maverick", data=data).energy_wh.central
    assert maverick > scout


def test_boundaries_nest_gpu_within_server_within_datacenter(data):
    for task in TASKS:
        e = estimate(task=task, data=data)
        gpu, server, dc = (e.energy_wh_per_unit[b] for b in ("gpu", "server", "datacenter"))
        assert gpu.central < server.central < dc.central


def test_boundary_choice_changes_the_headline(data):
    g = estimate(task="image", boundary="gpu", data=data)
    d = estimate(task="image", boundary="datacenter", data=data)
    assert g.co2e_g.central < d.co2e_g.central
    assert g.energy_wh.central == pytest.approx(g.energy_wh_per_unit["gpu"].central)


def test_power_capped_gpus_use_less_energy(data):
    for task in TASKS:
        plain = estimate(task=task, data=data).energy_wh.central
        capped = estimate(task=task, hardware="h100-capped", data=data).energy_wh.central
        assert capped < plain


def test_image_energy_is_linear_in_steps(data):
    e20 = estimate(task="image", model="sdxl", steps=20, data=data).energy_wh.central
    e40 = estimate(task="image", model="sdxl", steps=40, data=data).energy_wh.central
    assert e40 == pytest.approx(2 * e20)


def test_sdxl_at_its_reference_setting_matches_the_published_measurement(data):
    # ML.ENERGY v2, H100, batch 1, 25 steps, 1024x1024: 969.4 J per image = 0.26928 Wh (GPU).
    e = estimate(task="image", model="sdxl", width=1024, height=1024, steps=25, boundary="gpu", data=data)
    assert e.energy_wh.central == pytest.approx(969.4 / 3600, rel=1e-3)


def test_four_times_the_pixels_costs_four_to_eight_times_the_energy(data):
    base = estimate(task="image", model="flux.1-dev", width=1024, height=1024, data=data).energy_wh.central
    big = estimate(task="image", model="flux.1-dev", width=2048, height=2048, data=data).energy_wh.central
    # pixel exponent between 1 and 1.5 (coefficients.csv): 4^1 = 4, 4^1.5 = 8
    assert 4 <= big / base <= 8


def test_longer_video_costs_more(data):
    five = estimate(task="video", model="wan2.1-1.3b", seconds=5, data=data).energy_wh.central
    ten = estimate(task="video", model="wan2.1-1.3b", seconds=10, data=data).energy_wh.central
    assert ten > 2 * five * 0.99


def test_a_task_specific_summarizer_uses_far_less_than_a_general_llm(data):
    bart = estimate(task="summarize", model="bart-large-cnn", data=data).energy_wh.central
    llm = estimate(task="summarize", model="llama-3.1-70b", data=data).energy_wh.central
    assert llm > 10 * bart


def test_worked_example_emissions_from_energy_and_intensity():
    # 1 Wh on a 400 g/kWh grid = 0.4 g
    g = grid.emissions_g(Range.exact(1.0), Range.exact(400.0))
    assert g.central == pytest.approx(0.4)


def test_resolution_scaling_is_exact_at_the_reference():
    assert diffusion.ratio_power(1.0, Range.of(1, 1.15, 1.5, "k"), "k").central == 1.0


@pytest.mark.parametrize("task", TASKS)
def test_the_range_contains_the_central_value(task, data):
    e = estimate(task=task, data=data)
    for r in (e.co2e_g, e.energy_wh, *e.energy_wh_per_unit.values()):
        assert 0 < r.low < r.central < r.high


def test_the_llm_fit_predicts_its_own_measurements_within_the_interval(data):
    rows = [r for r in read_rows("measurements.csv") if r["use"] == "fit" and r["batch_regime"] == "typical"]
    outside = 0
    for r in rows:
        m = data.models[r["model_id"]]
        from estimator import llm
        fit = data.llm_fits["typical"]
        pred = llm.decode_energy_per_token_j(fit, m.active_params_b, m.total_params_b, 1.645)
        measured = float(r["energy_j_per_output_token"])
        outside += not (pred.low <= measured <= pred.high)
    assert outside <= 2  # a 90 % interval may miss about 1 in 10


def test_committed_fit_matches_a_refit_of_the_measurements():
    from estimator.fit import fit_rows
    committed = {r["batch_regime"]: r for r in read_rows("llm_fit.csv")}
    for row in fit_rows():
        for col in ("intercept", "exponent_active", "exponent_total", "residual_sd_log"):
            assert float(committed[row["batch_regime"]][col]) == pytest.approx(float(row[col]), abs=1e-5), col


def test_log_quadrature_matches_monte_carlo_for_a_product():
    rng = np.random.default_rng(7)
    z = 1.645
    spec = [(0.5, 1.0, 2.0), (0.8, 1.0, 1.3), (0.9, 1.0, 1.5)]
    product = Range.exact(1.0)
    samples = np.ones(200_000)
    for i, (lo, c, hi) in enumerate(spec):
        product = product * Range.of(lo, c, hi, f"x{i}")
        sd_down, sd_up = math.log(c / lo) / z, math.log(hi / c) / z
        n = rng.standard_normal(samples.size)
        samples *= np.exp(np.where(n < 0, n * sd_down, n * sd_up))
    p5, p95 = np.percentile(samples, [5, 95])
    assert product.low == pytest.approx(p5, rel=0.08)
    assert product.high == pytest.approx(p95, rel=0.08)
