"""Long contexts and reasoning (METHODOLOGY §1.2): each decoded token reads the request's KV cache, which grows
with the context, while the weights read per token are fixed. Expected values come from the data rows."""

import math

import pytest

from estimator.estimate import gpu_energy_h100_wh
from estimator.scenario import Scenario, resolve
from tests.conftest import read_rows


def _gpu(data, **fields):
    r = resolve(Scenario(**fields), data)
    return gpu_energy_h100_wh(r.scenario, r.model, data)


def _coef(name: str) -> dict[str, float]:
    row = next(r for r in read_rows("coefficients.csv") if r["coefficient_id"] == name)
    return {k: float(row[f"value_{k}"]) for k in ("low", "central", "high")}


def _fit_per_token_j(model_id: str, regime: str = "typical") -> float:
    fit = next(r for r in read_rows("llm_fit.csv") if r["batch_regime"] == regime)
    m = next(r for r in read_rows("models.csv") if r["model_id"] == model_id)
    return math.exp(float(fit["intercept"]) + float(fit["exponent_active"]) * math.log(float(m["active_params_b_central"]))
                    + float(fit["exponent_total"]) * math.log(float(m["total_params_b_central"])))


def test_a_100_token_chat_is_within_5_percent_of_the_per_token_fit(data):
    """Short chats are where the fit was measured: per-token fit × (output + input × prefill ratio), nothing more."""
    tokens_in, tokens_out = 30, 100
    expected = _fit_per_token_j("llama-3.1-8b") * (tokens_out + tokens_in * _coef("prefill_to_decode_energy_ratio")["central"]) / 3600
    got = _gpu(data, model="llama-3.1-8b", input_tokens=tokens_in, output_tokens=tokens_out)
    assert got.central == pytest.approx(expected, rel=0.05)


def test_a_20k_token_reasoning_answer_costs_more_than_20_times_a_1k_answer(data):
    for model in ("llama-3.1-8b", "qwen3-32b", "llama-3.1-70b"):
        short = _gpu(data, model=model, input_tokens=200, output_tokens=1000)
        long = _gpu(data, model=model, input_tokens=200, output_tokens=20000)
        assert long.central > 20 * short.central, model


def test_energy_per_output_token_grows_with_the_answers_length(data):
    per_token = [_gpu(data, model="qwen3-14b", input_tokens=200, output_tokens=n).central / n
                 for n in (1000, 5000, 20000, 100000)]
    assert per_token == sorted(per_token) and per_token[-1] > 2 * per_token[0]


def test_a_long_document_makes_each_summary_token_dearer(data):
    """Summarizing a 10,000-word report decodes against a cache of ~13,000 tokens: more than fit × tokens."""
    per_word = _coef("tokens_per_word")["central"]
    tokens_in, tokens_out = 10000 * per_word, 100 * per_word
    per_token_wh = _fit_per_token_j("llama-3.1-8b") / 3600
    prefill_wh = per_token_wh * tokens_in * _coef("prefill_to_decode_energy_ratio")["central"]
    got = _gpu(data, task="summarize", model="llama-3.1-8b", doc_words=10000, summary_words=100)
    assert got.central - prefill_wh > 3 * per_token_wh * tokens_out  # the summary's tokens cost 3× a short chat's


def test_the_kv_cache_formula_predicts_the_measured_reasoning_to_chat_ratio_of_qwen3_models(data):
    """ML.ENERGY measured the same Qwen3 models on chat (~600 output tokens) and reasoning (~7,000) prompts at the
    same load. The measured per-token ratio is predicted within 25 % and lies inside the factor's range. Prompt
    lengths are not published: 200 tokens for both (the same judgement as fit_reference_context_tokens)."""
    from estimator import llm

    rows = {r["measurement_id"]: r for r in read_rows("measurements.csv")}
    checked = 0
    for model in ("qwen3-8b", "qwen3-14b", "qwen3-32b"):
        chat = rows[f"mle3-chat-{model}-bfloat16-typical"]
        reasoning = rows[f"mle3-reasoning-{model}-bfloat16-typical"]
        measured = float(reasoning["energy_j_per_output_token"]) / float(chat["energy_j_per_output_token"])
        m = data.models[model]
        kv = llm.kv_bytes_ratio(data.coefficient("kv_cache_bytes_ratio_8b"), _coef("kv_cache_size_exponent")["central"],
                                m.total_params_b.central)

        def factor(out: str):
            context = llm.mean_decode_context_tokens(200, float(out))
            return llm.context_energy_factor(kv, data.coefficient("decode_concurrency_typical"), 16, context,
                                             data.coefficient("fit_reference_context_tokens"))

        f_reason, f_chat = factor(reasoning["output_tokens"]), factor(chat["output_tokens"])
        assert f_reason.central / f_chat.central == pytest.approx(measured, rel=0.25), model
        assert f_reason.low / f_chat.high <= measured <= f_reason.high / f_chat.low, model
        checked += 1
    assert checked == 3


def test_the_context_factor_is_one_at_or_below_the_fits_reference_context(data):
    from estimator import llm

    ref = _coef("fit_reference_context_tokens")
    kv = llm.kv_bytes_ratio(data.coefficient("kv_cache_bytes_ratio_8b"), 0.74, 8.0)
    for context in (0, 100, ref["low"]):
        f = llm.context_energy_factor(kv, data.coefficient("decode_concurrency_typical"), 16, context,
                                      data.coefficient("fit_reference_context_tokens"))
        assert f.low == f.central == f.high == 1.0


def test_context_matters_less_when_one_request_has_the_gpus_to_itself(data):
    """At batch 1 the weights are read for one request only, so the cache is a small share of the bytes."""
    def growth(**kw):
        return (_gpu(data, model="llama-3.1-8b", input_tokens=200, output_tokens=20000, **kw).central
                / _gpu(data, model="llama-3.1-8b", input_tokens=200, output_tokens=1000, **kw).central / 20)

    assert 1 < growth(mode="self-hosted") < growth()
