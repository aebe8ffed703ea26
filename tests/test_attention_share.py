"""Hybrid Mamba–attention models (METHODOLOGY §1.1, context growth): only attention layers keep a KV cache, so a
model whose token-mixing layers are mostly Mamba-2 keeps that share of the cache the size rule gives a transformer
of its size (data/model_attention.csv). Expected values come from the data rows and the models' layer patterns."""

import shutil

import pytest

from estimator import DataError, load_data
from estimator.estimate import gpu_energy_h100_wh
from estimator.scenario import Scenario, resolve
from tests.conftest import DATA, read_rows

HYBRIDS = ("nemotron-nano-9b", "nemotron-nano-12b")
# NVIDIA's hybrid layer patterns (M = Mamba-2, * = attention, - = MLP), as data/model_attention.csv's notes quote them
PATTERNS = {
    "nemotron-nano-9b": "M-M-M-MM-M-M-M*-M-M-M*-M-M-M-M*-M-M-M-M*-M-MM-M-M-M-M-M-",
    "nemotron-nano-12b": "M-M-M-M*-M-M-M-M*-M-M-M-M*-M-M-M-M*-M-M-M-M*-M-M-M-M*-M-M-M-M-",
}
LONG = dict(input_tokens=0, output_tokens=6000)  # a reasoning answer, as in the ML.ENERGY reasoning runs
SHORT = dict(input_tokens=0, output_tokens=500)  # no prompt: per output token, only the context differs
SERVING = [dict(mode="production", batch=b) for b in ("low_load", "typical", "large_batch")] + [dict(mode="self-hosted")]


def _gpu(data, **fields):
    r = resolve(Scenario(**fields), data)
    return gpu_energy_h100_wh(r.scenario, r.model, data)


def _data_with_attention_rows(tmp_path, name: str, rows: list[str]):
    """A copy of data/ whose model_attention.csv holds only ``rows`` (each 'model_id,low,central,high')."""
    folder = tmp_path / name
    shutil.copytree(DATA, folder)
    table = folder / "model_attention.csv"
    header = table.read_text(encoding="utf-8").splitlines()[0]
    source = ",Test row,tests,2026,https://example.org/pattern,written by the test"
    table.write_text("\n".join([header] + [r + source for r in rows]) + "\n", encoding="utf-8")
    return load_data(folder)


def _data_as_full_transformers(tmp_path):
    """A copy of data/ where the hybrids (and one dense model, explicitly) have share 1: every model a full
    transformer (the loader, like every table's, wants at least one row)."""
    return _data_with_attention_rows(tmp_path, "dense", [f"{m},1,1,1" for m in HYBRIDS + ("llama-3.1-8b",)])


def test_the_share_is_the_attention_layers_among_the_token_mixing_layers_of_the_published_pattern():
    """Central = attention ÷ (attention + Mamba-2) layers; low = attention ÷ every layer of the pattern."""
    rows = {r["model_id"]: r for r in read_rows("model_attention.csv")}
    assert set(rows) == set(HYBRIDS)
    for model, pattern in PATTERNS.items():
        assert pattern in rows[model]["note"], model
        attention, mamba = pattern.count("*"), pattern.count("M")
        assert float(rows[model]["attention_layer_share_central"]) == pytest.approx(attention / (attention + mamba), abs=5e-4)
        assert float(rows[model]["attention_layer_share_low"]) == pytest.approx(attention / len(pattern), abs=5e-4)


def test_a_hybrid_models_long_answer_grows_less_with_context_than_a_dense_model_of_its_size(data, tmp_path):
    """The same model read as a full transformer (no row) against its published hybrid pattern: a 6,000-token answer
    costs more per token than a 500-token one in both, but much less so for the hybrid."""
    dense = _data_as_full_transformers(tmp_path)
    for model in HYBRIDS:
        for serving in SERVING:
            def growth(d):
                return (_gpu(d, model=model, **LONG, **serving).central / LONG["output_tokens"]) / (
                    _gpu(d, model=model, **SHORT, **serving).central / SHORT["output_tokens"])

            hybrid_growth, dense_growth = growth(data), growth(dense)
            assert 1.0 <= hybrid_growth < dense_growth, (model, serving)
            if serving.get("batch") == "large_batch":  # many requests' caches per weight read: context matters most
                assert hybrid_growth - 1 < 0.5 * (dense_growth - 1), (model, serving)


def test_the_hybrid_kv_cache_matches_the_bytes_of_its_attention_layers(data):
    """Cross-check against config shapes: 2 (K, V) × attention layers × 8 KV heads × 128 × 2 bytes per token, over
    BF16 weights, lies inside the estimator's KV ratio range (the size rule's scatter × the attention share)."""
    from estimator import llm

    for model, pattern in PATTERNS.items():
        m = data.models[model]
        kv = llm.kv_bytes_ratio(data.coefficient("kv_cache_bytes_ratio_8b"),
                                data.coefficient("kv_cache_size_exponent").central, m.total_params_b.central,
                                data.attention_shares[model])
        from_config = 2 * pattern.count("*") * 8 * 128 * 2 / (m.total_params_b.central * 1e9 * 2)
        assert kv.low <= from_config <= kv.high, model
        assert kv.central == pytest.approx(from_config, rel=0.15), model


@pytest.mark.parametrize("serving", SERVING, ids=lambda s: s.get("batch", s["mode"]))
def test_fewer_attention_layers_never_raise_the_energy(tmp_path, serving):
    shares = (1.0, 0.5, 0.176, 0.05)
    ests = []
    for i, share in enumerate(shares):
        d = _data_with_attention_rows(tmp_path, f"share{i}", [f"nemotron-nano-12b,{share},{share},{share}"])
        ests.append(_gpu(d, model="nemotron-nano-12b", input_tokens=2000, output_tokens=8000, **serving))
    for more, fewer in zip(ests, ests[1:]):
        assert fewer.low <= more.low and fewer.central <= more.central and fewer.high <= more.high
    # the cache's reads really were a part of it, batched and alone on the GPUs (batch-1 decode bytes) alike
    assert ests[-1].central < ests[0].central


def test_a_model_without_a_row_is_a_full_transformer(data, tmp_path):
    """Its KV ratio is exactly the size rule's, r₈ · 1e-6 · (P_total / 8B)^−g from coefficients.csv, and every LLM
    without a row gives the same estimate as in a copy of data/ where every model has share 1 (Llama 3.1 8B through
    an explicit row of 1); only the hybrids move."""
    from estimator import llm

    coef = {r["coefficient_id"]: r for r in read_rows("coefficients.csv")}
    r8 = float(coef["kv_cache_bytes_ratio_8b"]["value_central"])
    g = float(coef["kv_cache_size_exponent"]["value_central"])
    empty = _data_as_full_transformers(tmp_path)
    llms = [m for m in data.models.values() if m.task == "llm"]
    assert len(llms) > 10
    for m in llms:
        fields = dict(model=m.model_id, input_tokens=3000, output_tokens=8000)
        with_table = [_gpu(data, **fields, **s) for s in SERVING]
        without = [_gpu(empty, **fields, **s) for s in SERVING]
        if m.model_id in HYBRIDS:
            assert all(a.central < b.central for a, b in zip(with_table, without)), m.model_id
            continue
        assert m.model_id not in data.attention_shares
        kv = llm.kv_bytes_ratio(data.coefficient("kv_cache_bytes_ratio_8b"), g, m.total_params_b.central,
                                data.attention_shares.get(m.model_id, llm.FULL_ATTENTION))
        assert kv.central == pytest.approx(r8 * 1e-6 * (m.total_params_b.central / 8.0) ** -g, rel=1e-12)
        for a, b in zip(with_table, without):
            assert (a.low, a.central, a.high) == (b.low, b.central, b.high), m.model_id


@pytest.mark.parametrize("old, new, column", [
    ("nemotron-nano-9b,0.0714,", "no-such-model,0.0714,", "model_id"),
    ("nemotron-nano-9b,0.0714,0.129,0.129,", "nemotron-nano-9b,0.0714,0.129,1.5,", "attention_layer_share_high"),
    ("nemotron-nano-9b,0.0714,", "nemotron-nano-9b,0,", "attention_layer_share_low"),
    ("nemotron-nano-9b,0.0714,", "nemotron-nano-9b,-0.1,", "attention_layer_share_low"),
    ("nemotron-nano-9b,0.0714,0.129,", "nemotron-nano-9b,0.0714,,", "attention_layer_share_central"),
    ("nemotron-nano-9b,0.0714,0.129,0.129,", "nemotron-nano-9b,0.2,0.129,0.129,", "attention_layer_share_low"),
    ("nemotron-nano-12b,", "nemotron-nano-9b,", "model_id"),
])
def test_a_bad_attention_row_stops_the_loader_with_one_line_naming_file_row_and_column(tmp_path, old, new, column):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    table = folder / "model_attention.csv"
    text = table.read_text(encoding="utf-8")
    assert old in text
    table.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_data(folder)
    message = str(exc.value)
    assert "model_attention.csv" in message and "row " in message and column in message
    assert "\n" not in message and "Traceback" not in message


def test_a_changed_attention_table_changes_the_data_hash(data, tmp_path):
    """Caches key on the hash: a new share must never be served from an old estimate."""
    assert "model_attention.csv" in data.files
    changed = _data_with_attention_rows(tmp_path, "changed", ["nemotron-nano-12b,0.5,0.5,0.5"])
    assert changed.data_hash != data.data_hash
