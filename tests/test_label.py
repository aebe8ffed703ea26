"""The flight label: typical is the median option, thresholds follow data/label_rules.csv."""

import statistics

import pytest

from estimator import Range, estimate, label
from estimator.label import classify, typical_scenario
from estimator.scenario import find_model
from tests.conftest import read_rows

TASKS = ("chat", "summarize", "image", "video")


@pytest.mark.parametrize("task", TASKS)
def test_the_typical_option_is_labelled_typical(task, data):
    lab = label(typical_scenario(task, "datacenter", data), data)
    assert lab.category == "typical"
    assert lab.ratio_to_typical == pytest.approx(1.0)


def _median_models(task, data):
    t = data.tasks[task]
    grams = {}
    for m in data.models.values():
        if m.task in t.model_tasks:
            grams[m.model_id] = estimate(task=task, model=m.model_id, preset=t.typical_preset_id, data=data).co2e_g.central
    ranked = sorted(grams, key=grams.get)
    n = len(ranked)
    return {ranked[(n - 1) // 2], ranked[n // 2]}, ranked


@pytest.mark.parametrize("task", TASKS)
def test_the_typical_model_follows_the_documented_rule(task, data):
    """tasks.csv typical_rule: "product" = the row the most-used product's name finds; "median" = the median
    catalogued model (when the product switches models without a published split or has no catalogued row)."""
    row = next(r for r in read_rows("tasks.csv") if r["task_id"] == task)
    t = data.tasks[task]
    assert row["typical_rule"] in ("product", "median") and row["typical_product"].strip()
    assert row["typical_product"] in row["note"] and "Rule" in row["note"]
    if row["typical_rule"] == "product":
        assert find_model(row["typical_product"], data, t.model_tasks).model_id == t.typical_model_id
    else:
        middle, ranked = _median_models(task, data)
        assert t.typical_model_id in middle, ranked


def test_the_typical_image_model_is_what_most_people_use_so_a_closed_model_reads_typical(data):
    for product in ("ChatGPT images", "Midjourney", "DALL·E", "Nano Banana"):
        lab = label(task="image", model=product, data=data)
        assert lab.category == "typical" and lab.ratio_to_typical == pytest.approx(1.0), product
    assert not data.models[data.tasks["image"].typical_model_id].open_weights


def test_a_ratio_range_that_reaches_past_a_threshold_reads_typical(data):
    # central far below typical, but the ratio's high end is above the 0.8 threshold
    assert classify(Range(0.2, 0.5, 1.2), data) == "typical"
    assert classify(Range(0.3, 0.5, 0.85), data) == "typical"
    assert classify(Range(0.8, 2.0, 5.0), data) == "typical"


def test_clear_cases_read_lower_and_higher(data):
    assert classify(Range(0.3, 0.5, 0.7), data) == "lower"
    assert classify(Range(1.5, 2.0, 3.0), data) == "higher"
    # within the 20 % band: typical even with a tight range
    assert classify(Range(0.88, 0.9, 0.92), data) == "typical"


def test_a_small_model_reads_lower_and_a_frontier_model_higher(data):
    assert label(task="chat", model="llama-3.1-8b", data=data).category == "lower"
    assert label(task="chat", model="gpt-4o", data=data).category == "higher"


def test_a_coal_heavy_grid_reads_higher_for_the_typical_model(data):
    assert label(task="image", region="PL", data=data).category in ("typical", "higher")
    assert label(task="image", region="PL", data=data).ratio_to_typical > label(task="image", region="FR", data=data).ratio_to_typical


@pytest.mark.parametrize("task", TASKS)
def test_every_alternative_saves_what_it_claims(task, data):
    lab = label(task=task, model=None, count=5, region="US", data=data)
    assert lab.alternatives, "the typical option always has a greener lever"
    base = lab.estimate.co2e_g.central
    previous = float("inf")
    for o in lab.alternatives:
        again = estimate(o.estimate.scenario, data).co2e_g.central
        assert again == pytest.approx(base - o.saved_g, rel=1e-9)
        assert o.saved_percent == pytest.approx(100 * o.saved_g / base)
        assert 0 < o.saved_percent < 100
        assert o.saved_g <= previous  # ranked by grams saved
        previous = o.saved_g
        assert o.trade_off and o.change


def test_summarizing_with_an_llm_suggests_a_task_specific_model(data):
    lab = label(task="summarize", model="llama-3.1-70b", data=data)
    ids = [o.alternative_id for o in lab.alternatives]
    assert "task_specific" in ids
    ts = next(o for o in lab.alternatives if o.alternative_id == "task_specific")
    assert data.models[ts.estimate.scenario.model].task == "summarizer"
    assert ts.saved_percent > 80


def test_a_cleaner_region_compares_like_with_like(data):
    lab = label(task="chat", region="WORLD", data=data)
    region = next(o for o in lab.alternatives if o.alternative_id == "cleaner_region")
    assert data.zones[region.estimate.scenario.region].scope == "lifecycle"
