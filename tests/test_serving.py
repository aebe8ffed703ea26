"""Serving mode (METHODOLOGY §1.1): production (batched) or self-hosted (one request at a time on its own GPUs).

Expected values are recomputed here from the data rows (coefficients.csv, models.csv), not read back from
the code under test.
"""

import json
import math

import pytest

from estimator import estimate, label, load_data
from estimator.cli import main
from estimator.estimate import gpu_energy_h100_wh
from estimator.scenario import resolve
from estimator.scenario import Scenario
from estimator.urlstate import parse_params, to_params
from tests.conftest import read_rows

TASKS = ("chat", "summarize", "image", "video")


def _coef(name: str) -> dict[str, float]:
    row = next(r for r in read_rows("coefficients.csv") if r["coefficient_id"] == name)
    return {k: float(row[f"value_{k}"]) for k in ("low", "central", "high")}


def _gpu(data, **fields):
    r = resolve(Scenario(**fields), data)
    return gpu_energy_h100_wh(r.scenario, r.model, data)


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("batch", ["typical", "large_batch", "low_load"])
def test_self_hosted_never_costs_less_than_production_for_the_same_request(task, batch, data):
    t = data.tasks[task]
    for m in data.models.values():
        if m.task not in t.model_tasks:
            continue
        prod = _gpu(data, task=task, model=m.model_id, batch=batch)
        own = _gpu(data, task=task, model=m.model_id, batch=batch, mode="self-hosted")
        assert own.central >= prod.central, m.model_id
        assert own.high >= prod.central, m.model_id
        if task in ("image", "video"):  # the same measured run scaled by two factor ranges: every end ordered
            assert own.low >= prod.low and own.high >= prod.high, m.model_id


def test_a_70b_model_self_hosted_is_node_power_times_the_requests_duration(data):
    """Llama 3.1 70B in BF16, 100 tokens in, 400 out, alone on the GPUs that hold it."""
    m = next(r for r in read_rows("models.csv") if r["model_id"] == "llama-3.1-70b")
    total_b, active_b = float(m["total_params_b_central"]), float(m["active_params_b_central"])
    mem, usable = _coef("gpu_memory_gb")["central"], _coef("gpu_memory_usable_share")["central"]
    gpus = 2 ** math.ceil(math.log2(total_b * 2 / (mem * usable)))  # 141 GB of BF16 weights → 2 GPUs
    assert gpus == 2
    kv_per_byte = _coef("kv_cache_bytes_ratio_8b")["central"] * 1e-6 * (total_b / 8) ** -_coef("kv_cache_size_exponent")["central"]
    context = 100 + 400 / 2
    bytes_per_token = active_b * 1e9 * 2 + kv_per_byte * total_b * 1e9 * 2 * context
    bandwidth = gpus * _coef("gpu_memory_bandwidth_tb_s")["central"] * 1e12 * _coef("batch1_bandwidth_efficiency")["central"]
    decode_s = 400 * bytes_per_token / bandwidth
    prefill_s = 2 * active_b * 1e9 * 100 / (gpus * _coef("gpu_bf16_dense_tflops")["central"] * 1e12
                                           * _coef("batch1_prefill_flops_efficiency")["central"])
    expected_wh = gpus * _coef("gpu_draw_w_batch1")["central"] * (decode_s + prefill_s) / 3600
    got = _gpu(data, model="llama-3.1-70b", input_tokens=100, output_tokens=400, mode="self-hosted")
    assert got.central == pytest.approx(expected_wh, rel=1e-9)
    assert got.low < got.central < got.high


def test_the_host_runs_for_the_whole_self_hosted_request(data):
    """Server − GPU = host power per GPU × GPUs × duration, and the duration is GPU energy ÷ batch-1 draw."""
    e = estimate(model="llama-3.1-70b", mode="self-hosted", data=data)
    gpu, server = e.energy_wh_per_unit["gpu"].central, e.energy_wh_per_unit["server"].central
    expected_host = gpu / _coef("gpu_draw_w_batch1")["central"] * _coef("host_power_w_per_gpu")["central"]
    assert server - gpu == pytest.approx(expected_host, rel=1e-9)


def test_a_bigger_model_needs_more_gpus_to_hold_its_weights(data):
    from estimator.llm import gpus_to_hold_weights

    assert gpus_to_hold_weights(8.03, 16, 80, 0.9) == 1
    assert gpus_to_hold_weights(70.6, 16, 80, 0.9) == 2
    assert gpus_to_hold_weights(405, 8, 80, 0.9) == 8  # why Meta ships 405B in FP8: one 8-GPU node
    assert gpus_to_hold_weights(405, 16, 80, 0.9) == 16
    assert gpus_to_hold_weights(117, 4.25, 80, 0.9) == 1  # gpt-oss-120b in MXFP4 fits one GPU


@pytest.mark.parametrize("task", ["image", "video"])
def test_a_self_hosted_image_or_clip_scales_the_measured_batch1_run_by_the_reference_pipeline_factor(task, data):
    prod = _gpu(data, task=task)
    own = _gpu(data, task=task, mode="self-hosted")
    expected = _coef("diffusion_self_hosted_factor")["central"] / _coef("diffusion_serving_factor")["central"]
    assert own.central / prod.central == pytest.approx(expected, rel=1e-9)


def test_self_hosting_a_chat_answer_costs_many_times_the_production_answer(data):
    prod = estimate(model="llama-3.1-70b", data=data).energy_wh_per_unit["datacenter"]
    own = estimate(model="llama-3.1-70b", mode="self-hosted", data=data).energy_wh_per_unit["datacenter"]
    assert own.central > 10 * prod.central


def test_the_label_compares_a_self_hosted_option_with_the_typical_option_self_hosted(data):
    lab = label(task="chat", model="llama-3.1-8b", mode="self-hosted", data=data)
    assert lab.typical.scenario.mode == "self-hosted"
    prod = label(task="chat", model="llama-3.1-8b", data=data)
    assert prod.typical.scenario.mode == "production"
    # the typical option, self-hosted, reads typical against itself
    t = data.tasks["chat"]
    same = label(task="chat", model=t.typical_model_id, preset=t.typical_preset_id, mode="self-hosted", data=data)
    assert same.category == "typical" and same.ratio_to_typical == pytest.approx(1.0)


def test_the_mode_round_trips_through_the_link(data):
    parsed = parse_params({"model": "llama-3.1-70b", "mode": "self-hosted"}, data)
    assert parsed.notices == () and parsed.scenario.mode == "self-hosted"
    params = to_params(parsed.scenario, data)
    assert params["mode"] == "self-hosted"
    assert parse_params(params, data).scenario == parsed.scenario
    assert "mode" not in to_params(resolve(Scenario(), data).scenario, data)  # the default stays out of links


def test_a_bad_mode_in_a_link_gets_one_notice_and_the_default(data):
    parsed = parse_params({"mode": "cloudy"}, data)
    assert parsed.scenario.mode == "production"
    assert len(parsed.notices) == 1 and "mode" in parsed.notices[0] and "self-hosted" in parsed.notices[0]


def test_the_cli_takes_a_mode_and_refuses_a_bad_one_in_one_line(capsys):
    assert main(["estimate", "--model", "llama-3.1-70b", "--mode", "self-hosted"]) == 0
    out = capsys.readouterr().out
    assert "Serving: self-hosted" in out
    assert main(["estimate", "--mode", "selfhosted"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown mode") and "self-hosted" in err and err.count("\n") == 1


def test_the_cli_help_lists_the_modes(capsys):
    main(["estimate", "--help"])
    out = " ".join(capsys.readouterr().out.split()).replace("- ", "-")  # argparse wraps at hyphens
    assert "--mode" in out and "production" in out and "self-hosted" in out


def test_json_and_csv_carry_the_mode_and_precision(capsys):
    assert main(["estimate", "--model", "gpt-oss-120b", "--mode", "self-hosted", "--format", "json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["serving"] == {"mode": "self-hosted", "precision": "mxfp4", "precision_is_models_own": True}
    assert rec["scenario"]["mode"] == "self-hosted"
    assert rec["label"]["typical"]["mode"] == "self-hosted"  # the label's typical is in the same mode
    assert main(["estimate", "--model", "llama-3.1-70b", "--precision", "fp8", "--format", "csv"]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    cols = dict(zip(header.split(","), row.split(",")))
    assert cols["serving_mode"] == "production" and cols["serving_precision"] == "fp8"


def test_the_estimate_page_has_a_mode_and_a_precision_selector_seeded_from_the_link():
    from tests.app_helpers import open_page

    at = open_page("estimate", {"model": "llama-3.1-70b", "mode": "self-hosted", "precision": "fp8"})
    assert not at.exception
    boxes = {s.label: s for s in at.selectbox}
    assert boxes["How it runs"].value == "self-hosted"
    assert boxes["Numeric precision"].value == "fp8"
    assert any("self-hosted" in m.value and "FP8" in m.value for m in at.markdown)
    page = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "Llama 3.1 70B \\(self-hosted, FP8\\)" in page  # the headline names the conditions
    typical = load_data().models[load_data().tasks["chat"].typical_model_id].name
    typical = typical.replace("(", "\\(").replace(")", "\\)")  # markdown-escaped on the page
    assert f"Typical for this task: {typical} \\(self-hosted, FP8\\)" in page  # like with like
    assert at.query_params["mode"] == ["self-hosted"] or at.query_params["mode"] == "self-hosted"


def test_a_compare_link_carries_each_options_mode_and_precision(data):
    from estimator.urlstate import compare_params, parse_compare

    options, notices = parse_compare({"a": "chat:llama-3.1-70b:WORLD:1:typical:self-hosted",
                                      "b": "chat:llama-3.1-70b:WORLD:1:typical:production:fp8",
                                      "c": "chat:llama-3.1-70b:WORLD"}, data)
    assert notices == ()
    assert [(o.mode, o.precision) for o in options] == [("self-hosted", None), ("production", "fp8"), ("production", None)]
    link = compare_params(options)
    assert link["a"].endswith(":self-hosted") and link["b"].endswith(":production:fp8")
    assert link["c"].count(":") == 4  # the default conditions stay out of the link
    assert parse_compare(link, data)[0] == options
    bad = parse_compare({"a": "chat:llama-3.1-70b:WORLD:1:typical:cloudy"}, data)
    assert bad[0] == [] and "mode" in bad[1][0]


def test_the_compare_page_sets_each_options_mode_from_the_link():
    from tests.app_helpers import open_page

    at = open_page("compare", {"a": "chat:llama-3.1-70b:WORLD:1:typical:self-hosted", "b": "chat:llama-3.1-70b:WORLD"})
    assert not at.exception
    assert at.selectbox(key="cmp_0_mode").value == "self-hosted"
    assert at.selectbox(key="cmp_1_mode").value == "production"
    link = at.query_params["a"]
    link = link[0] if isinstance(link, list) else link
    assert link.endswith(":self-hosted")  # the page's link keeps the mode (the default preset may be left empty)
    from estimator.urlstate import parse_compare
    assert parse_compare({"a": link}, load_data())[0][0].mode == "self-hosted"


def test_the_card_says_when_a_figure_is_self_hosted(data):
    from estimator.card import card_svg

    own = card_svg(label(task="chat", model="llama-3.1-70b", mode="self-hosted", data=data))
    assert "self-hosted" in own
    assert "self-hosted" not in card_svg(label(task="chat", model="llama-3.1-70b", data=data))


def test_a_bad_mode_or_precision_in_a_link_gets_the_pages_one_line_notice():
    from tests.app_helpers import open_page

    at = open_page("estimate", {"model": "llama-3.1-70b", "mode": "cloudy", "precision": "fp9"})
    assert not at.exception
    shown = " ".join(x.value for x in [*at.warning, *at.info, *at.markdown, *at.caption])
    assert "Ignored mode=“cloudy”" in shown and "Ignored precision=“fp9”" in shown
    boxes = {s.label: s for s in at.selectbox}
    assert boxes["How it runs"].value == "production" and boxes["Numeric precision"].value == "as served"
