"""How we got this number (estimator/walkthrough.py): the steps fold back to the estimate's own total."""

from __future__ import annotations

import math

import pytest

from estimator import estimate
from estimator.facility import BOUNDARIES
from estimator.serving import MODES
from estimator.walkthrough import PLUS, READS, START, TIMES, factor_text, value_text, walkthrough

TASKS = ("chat", "summarize", "image", "video")
ENERGY_ORDER = ("gpu", "server", "fleet", "datacenter")


def fold(steps) -> float:
    """The chain worked by hand: the first value, × each factor, + each added part (the ≈ reading is not a step
    of the sum)."""
    total = None
    for s in steps:
        if s.operation == START:
            assert total is None, "one start per chain"
            total = s.value.central
        elif s.operation == TIMES:
            total *= s.factor.central
        elif s.operation == PLUS:
            total += s.factor.central
        else:
            assert s.operation == READS
    return total


def chain(steps):
    return [s for s in steps if s.operation != READS]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("boundary", BOUNDARIES)
@pytest.mark.parametrize("task", TASKS)
def test_the_steps_multiply_out_to_the_estimates_total(task, boundary, mode, data):
    e = estimate(task=task, boundary=boundary, mode=mode, count=7, data=data)
    steps = walkthrough(e, data)
    assert fold(steps) == pytest.approx(e.co2e_g.central, rel=1e-9)
    # and every step's running value is the previous value worked by the step (a teacher can check each line)
    run = chain(steps)
    for before, step in zip(run, run[1:]):
        expected = before.value.central * step.factor.central if step.operation == TIMES \
            else before.value.central + step.factor.central
        assert step.value.central == pytest.approx(expected, rel=1e-9), step.name


@pytest.mark.parametrize("mode", MODES)
def test_every_catalogued_model_walks_to_its_own_total(mode, data):
    for model in data.models.values():
        task = {"llm": "chat", "summarizer": "summarize"}.get(model.task, model.task)
        e = estimate(task=task, model=model.model_id, mode=mode, region="FR", data=data)
        assert fold(walkthrough(e, data)) == pytest.approx(e.co2e_g.central, rel=1e-9), (model.model_id, mode)


@pytest.mark.parametrize("fields", [
    {"task": "chat", "input_tokens": 0},  # no prompt: no prefill
    {"task": "chat", "input_tokens": 30000, "precision": "int4"},  # long context grows decode; 4-bit weights
    {"task": "chat", "model": "custom", "custom_total_params_b": 3, "mode": "self-hosted"},
    {"task": "image", "width": 512, "height": 512, "steps": 10, "hardware": "a100-capped"},
    {"task": "video", "seconds": 2, "datacenter": "efficient-hyperscale"},
    {"task": "chat", "region": "GB", "hour": 3},  # an hour of a typical day moves the grid step only
])
def test_unusual_requests_walk_to_their_total_too(fields, data):
    e = estimate(**fields, data=data)
    assert fold(walkthrough(e, data)) == pytest.approx(e.co2e_g.central, rel=1e-9)


@pytest.mark.parametrize("task", TASKS)
def test_the_energy_chain_stops_at_the_boundary(task, data):
    counts = []
    for boundary in ENERGY_ORDER:
        e = estimate(task=task, boundary=boundary, count=2, data=data)
        wh = [s for s in walkthrough(e, data) if s.unit == "Wh"]
        counts.append(len(wh))
        # the last electricity step is the energy the headline counts, per unit
        assert wh[-1].value.central * 2 == pytest.approx(e.energy_wh.central, rel=1e-12)
    assert counts == sorted(counts) and len(set(counts)) == len(counts)  # each boundary adds exactly its step(s)


@pytest.mark.parametrize("task", TASKS)
def test_self_hosted_has_no_fleet_step(task, data):
    served = [s.name for s in walkthrough(estimate(task=task, data=data), data)]
    alone = [s.name for s in walkthrough(estimate(task=task, mode="self-hosted", data=data), data)]
    assert any("fleet" in n.lower() for n in served)
    assert not any("fleet" in n.lower() for n in alone)


@pytest.mark.parametrize("task", TASKS)
def test_lifecycle_adds_hardware_and_training_as_their_own_steps(task, data):
    e = estimate(task=task, boundary="lifecycle", count=4, data=data)
    added = [s for s in walkthrough(e, data) if s.operation == PLUS]
    assert len(added) == 2
    assert sum(s.factor.central for s in added) * 4 == pytest.approx(
        e.parts["embodied_hardware"].central + e.parts["amortized_training"].central, rel=1e-9)
    plain = [s.name for s in walkthrough(estimate(task=task, count=4, data=data), data)]
    assert not any(n.startswith("+") for n in plain)


@pytest.mark.parametrize("boundary", BOUNDARIES)
@pytest.mark.parametrize("task", TASKS)
def test_each_step_cites_a_source_or_says_it_is_arithmetic(task, boundary, data):
    for step in walkthrough(estimate(task=task, boundary=boundary, count=3, data=data), data):
        assert step.formula.strip()
        if step.is_arithmetic:  # only "× how many" is plain arithmetic
            assert step.name.startswith("× How many")
        else:
            for src in step.sources:
                assert src.title.strip() and src.url.strip(), step.name


def test_a_single_unit_has_no_how_many_step(data):
    names = [s.name for s in walkthrough(estimate(task="image", data=data), data)]
    assert not any(n.startswith("× How many") for n in names)


def test_the_reading_is_the_first_everyday_equivalent_the_page_shows(data):
    e = estimate(task="image", model="sdxl", region="FR", count=10, data=data)
    last = walkthrough(e, data)[-1]
    best = e.best_equivalents(data, 1)[0]
    assert last.operation == READS and last.unit == best.label
    assert last.value.central == pytest.approx(best.amount.central)


def test_a_cleaner_grid_changes_only_the_grid_step_and_what_follows(data):
    dirty = walkthrough(estimate(task="chat", region="PL", data=data), data)
    clean = walkthrough(estimate(task="chat", region="FR", data=data), data)
    grid = next(i for i, s in enumerate(dirty) if s.unit == "g CO2e")
    for a, b in zip(dirty[:grid], clean[:grid]):
        assert a.value.central == b.value.central
    assert clean[grid].factor.central < dirty[grid].factor.central


def test_words_for_values_and_factors(data):
    steps = walkthrough(estimate(task="chat", count=3, data=data), data)
    assert value_text(steps[0].value, steps[0].unit)[0].endswith(" tokens")
    assert factor_text(steps[0]) == ""  # the start applies nothing
    assert factor_text(steps[1]).startswith("× ") and factor_text(steps[1]).endswith("Wh per token")
    assert value_text(steps[-2].value, "g CO2e")[0].endswith("CO₂e")
    assert all(math.isfinite(s.value.central) and s.value.central > 0 for s in steps)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("task", TASKS)
def test_the_server_step_cites_the_gpu_draw_the_estimate_used(task, mode, data):
    import sys

    used = sys.modules["estimator.estimate"].gpu_draw_w(task, mode, data)
    row = next(c for c in data.coefficients.values() if c.value == used)
    server = next(s for s in walkthrough(estimate(task=task, mode=mode, data=data), data) if s.name.startswith("Whole"))
    assert row.source in server.sources
    assert f"{used.central:g} W average draw" in server.formula


def test_a_live_reading_is_cited_as_the_live_provider_not_the_annual_average(data):
    from estimator.grid import GridOverride
    from estimator.uncertainty import Range

    provider = next(iter(data.live_providers.values()))
    live = GridOverride(Range.exact(123.0), f"live, 10:00 UTC (3 min old), {provider['name']} (direct)", "direct")
    e = estimate(task="chat", region="GB", grid_override=live, data=data)
    steps = walkthrough(e, data)
    grid = next(s for s in steps if s.unit == "g CO2e")
    assert grid.factor.central == pytest.approx(0.123)
    assert [src.url for src in grid.sources] == [provider["source_url"]]
    assert fold(steps) == pytest.approx(e.co2e_g.central, rel=1e-9)
