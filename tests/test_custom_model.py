"""The custom model: a model that is not catalogued, estimated from its size like any catalogued one."""

from __future__ import annotations

import csv
import math

import pytest

from estimator import custom
from estimator.data import DATA_DIR, load_data
from estimator.errors import EstimatorError
from estimator.estimate import estimate
from estimator.label import label
from estimator.scenario import Scenario, resolve

DATA = load_data()


def _open_llms():
    return [m for m in DATA.models.values() if m.task == "llm" and not m.size_is_estimate
            and m.total_params_b.low == m.total_params_b.high and m.active_params_b.low == m.active_params_b.high]


@pytest.mark.parametrize("model_id", [m.model_id for m in _open_llms()])
def test_a_custom_llm_of_a_catalogued_open_models_exact_size_gives_the_same_grams(model_id):
    m = DATA.models[model_id]
    for task in ("chat", "summarize"):
        ours = estimate(task=task, model=model_id, region="FR")
        # at the catalogued model's served precision (a custom model is BF16 unless the person says otherwise)
        theirs = estimate(task=task, model="custom", region="FR", custom_total_params_b=m.total_params_b.central,
                          custom_active_params_b=m.active_params_b.central,
                          precision=DATA.model_precisions.get(model_id))
        assert theirs.model.model_id == "custom"
        if model_id in DATA.attention_shares:
            # a custom model is a full transformer; a hybrid Mamba–attention model keeps a smaller KV cache (§1.1)
            assert theirs.co2e_g.central >= ours.co2e_g.central
            continue
        assert (theirs.co2e_g.low, theirs.co2e_g.central, theirs.co2e_g.high) == (
            ours.co2e_g.low, ours.co2e_g.central, ours.co2e_g.high)


def test_the_same_size_test_covers_dense_and_mixture_of_experts_models():
    open_llms = _open_llms()
    assert any(m.active_params_b.central < m.total_params_b.central for m in open_llms)
    assert any(m.active_params_b.central == m.total_params_b.central for m in open_llms)


def test_active_parameters_default_to_total_so_a_custom_model_is_dense():
    e = estimate(task="chat", model="custom", custom_total_params_b=70)
    assert e.model.architecture == "dense"
    assert e.model.active_params_b.central == e.model.total_params_b.central == 70
    assert estimate(task="chat", model="custom", custom_total_params_b=70,
                    custom_active_params_b=7).model.architecture == "moe"


def test_two_custom_sizes_never_share_a_remembered_figure():
    small = estimate(task="chat", model="custom", custom_total_params_b=8)
    large = estimate(task="chat", model="custom", custom_total_params_b=400)
    again = estimate(task="chat", model="custom", custom_total_params_b=8)
    assert large.co2e_g.central > small.co2e_g.central
    assert again.co2e_g.central == small.co2e_g.central


def test_a_bigger_custom_model_never_uses_less_energy():
    for task in ("chat", "image", "video"):
        wh = [estimate(task=task, model="custom", custom_total_params_b=p).energy_wh.central for p in (1, 10, 100)]
        assert wh == sorted(wh), task


@pytest.mark.parametrize("fields, words", [
    ({"custom_total_params_b": -7}, "positive"),
    ({"custom_total_params_b": 0}, "positive"),
    ({"custom_total_params_b": 8, "custom_active_params_b": 70}, "exceed"),
    ({"custom_total_params_b": 1e9}, "outside"),
    ({"custom_total_params_b": "seven"}, "number"),
    ({"custom_total_params_b": float("nan")}, "positive"),
    ({"custom_total_params_b": 10**400}, "finite"),  # an int too large for a float
    ({}, "needs its total parameter count"),
])
def test_a_bad_custom_size_is_one_line_with_a_hint(fields, words):
    with pytest.raises(EstimatorError) as exc:
        estimate(task="chat", model="custom", **fields)
    assert words in exc.value.message and exc.value.hint and "\n" not in exc.value.message


def test_a_catalogued_model_ignores_and_drops_the_custom_size():
    s = resolve(Scenario(task="chat", model="llama-3.1-8b", custom_total_params_b=400), DATA).scenario
    assert s.custom_total_params_b is None and s.custom_active_params_b is None


def test_a_custom_image_model_at_a_catalogued_models_reference_is_within_the_fits_range():
    """The size fit's range comes from the scatter of the measured models: most of them lie inside it."""
    inside = 0
    measured = [m for m in DATA.models.values() if m.task == "image" and m.measurement_id]
    for m in measured:
        e = estimate(task="image", model="custom", custom_total_params_b=m.total_params_b.central,
                     width=m.ref_width, height=m.ref_height, steps=m.ref_steps)
        inside += e.model.ref_energy_wh_gpu.contains(m.ref_energy_wh_gpu.central)
    assert inside >= 0.8 * len(measured)


def test_a_custom_image_models_reference_is_the_requested_resolution_and_steps():
    e = estimate(task="image", model="custom", custom_total_params_b=5, width=768, height=512, steps=30)
    assert (e.model.ref_width, e.model.ref_height, e.model.ref_steps) == (768, 512, 30)
    more_steps = estimate(task="image", model="custom", custom_total_params_b=5, width=768, height=512, steps=60)
    assert math.isclose(more_steps.energy_wh.central, 2 * e.energy_wh.central)


def test_the_stored_diffusion_size_fit_matches_a_refit_of_the_catalogue():
    with (DATA_DIR / "diffusion_fit.csv").open(newline="", encoding="utf-8") as f:
        stored = list(csv.DictReader(f))
    assert stored == custom.diffusion_fit_rows(), "rerun: python -m estimator fit"


def test_a_custom_models_label_offers_catalogued_models_and_keeps_its_own_size():
    lab = label(task="chat", model="custom", custom_total_params_b=400)
    swaps = [o for o in lab.alternatives if o.alternative_id == "efficient_model"]
    assert swaps and swaps[0].estimate.model.model_id in DATA.models
    shorter = [o for o in lab.alternatives if o.alternative_id == "shorter_answer"]
    assert shorter and shorter[0].estimate.scenario.custom_total_params_b == 400


@pytest.mark.parametrize("scenario", [
    Scenario(task="chat", model="custom", custom_total_params_b=70, custom_active_params_b=7, region="FR"),
    Scenario(task="summarize", model="custom", custom_total_params_b=8),
    Scenario(task="image", model="custom", custom_total_params_b=3.5, width=768, height=768, steps=30),
    Scenario(task="video", model="custom", custom_total_params_b="1,000", seconds=3),
])
def test_a_custom_model_link_reproduces_the_same_scenario(scenario):
    from estimator.urlstate import parse_params, to_params
    params = to_params(scenario, DATA)
    assert params["model"] == "custom" and "params" in params
    parsed = parse_params(params, DATA)
    assert parsed.notices == ()
    assert parsed.scenario == resolve(scenario, DATA).scenario


def test_a_bad_size_in_a_link_is_a_notice_not_an_error():
    from estimator.urlstate import parse_params
    parsed = parse_params({"task": "chat", "model": "custom", "params": "-5"}, DATA)
    assert parsed.scenario.model != "custom"
    assert any("params" in n and "positive" in n for n in parsed.notices)


def test_the_cli_estimates_a_custom_model_and_refuses_a_bad_size_in_one_line(capsys):
    from estimator.cli import main
    assert main(["estimate", "--task", "chat", "--model", "custom", "--params", "70", "--active-params", "7",
                 "--format", "json"]) == 0
    assert '"id": "custom"' in capsys.readouterr().out
    assert main(["estimate", "--task", "chat", "--model", "custom", "--params", "7", "--active-params", "70"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "exceed" in err and "—" in err


def test_the_estimate_page_reads_a_custom_model_link_and_shows_its_size_boxes():
    from app_helpers import grams, open_page
    at = open_page("estimate", {"task": "chat", "model": "custom", "params": "70", "active": "7", "region": "FR"})
    assert not at.exception
    boxes = {n.label: n.value for n in at.number_input}
    assert boxes["Total parameters (billions)"] == 70 and boxes["Active parameters per token (billions)"] == 7
    expected = estimate(task="chat", model="custom", region="FR", custom_total_params_b=70, custom_active_params_b=7)
    assert grams(at) == pytest.approx(expected.co2e_g.central, rel=0.05)  # the page rounds to 2 figures
    assert (at.query_params["params"], at.query_params["active"]) == ("70", "7")


def test_choosing_my_model_isnt_listed_on_the_page_gives_the_catalogued_grams_at_the_same_size():
    from app_helpers import grams, open_page
    at = open_page("estimate", {"task": "chat"})
    model_box = next(b for b in at.sidebar.selectbox if b.label == "Model")
    model_box.set_value("custom").run()
    assert not at.exception
    m = DATA.models["llama-3.1-8b"]
    at.number_input(key="est_params").set_value(m.total_params_b.central).run()
    assert not at.exception
    assert at.query_params["model"] == "custom"
    assert grams(at) == pytest.approx(estimate(task="chat", model="llama-3.1-8b").co2e_g.central, rel=0.05)


def test_a_refused_custom_size_in_a_link_falls_back_with_a_notice_on_the_page():
    from app_helpers import open_page
    at = open_page("estimate", {"task": "chat", "model": "custom", "params": "7", "active": "70"})
    assert not at.exception
    assert any("exceed" in w.value for w in at.warning)
    assert at.query_params["model"] != "custom"


def test_a_custom_model_result_never_links_to_a_compare_option_that_cannot_open():
    from app_helpers import open_page
    at = open_page("estimate", {"task": "chat", "model": "custom", "params": "70"})
    assert not at.exception
    assert not [el for el in at.get("page_link") if "compare" in str(el.proto.page)]
    assert [el for el in at.get("page_link") if "ranking" in str(el.proto.page)]


def test_a_custom_model_takes_the_size_class_of_the_catalogued_models_of_its_size():
    """The size class picks the training row at the lifecycle boundary: a custom model the size of a catalogued one
    is classed like it (where every catalogued model of that size shares one class)."""
    from estimator.custom import size_class_of

    by_size: dict[float, set[str]] = {}
    for m in _open_llms():
        by_size.setdefault(m.total_params_b.central, set()).add(m.size_class)
    checked = 0
    for size, classes in by_size.items():
        if len(classes) == 1:
            assert size_class_of("llm", size, DATA) == next(iter(classes)), size
            checked += 1
    assert checked >= 10
    assert size_class_of("llm", 2000, DATA) != size_class_of("llm", 8, DATA)
