"""Numeric precision (METHODOLOGY §1.1): a model attribute with its source, and an input.

Decode reads every weight once per step, so fewer bits per weight move fewer bytes: per-token energy vs BF16
= (1 − s) + s · bits/16, with s read from measured BF16/FP8 pairs. Expected values come from the data rows.
"""

import pytest

from estimator import estimate, label
from estimator.cli import main
from estimator.estimate import gpu_energy_h100_wh
from estimator.fit import fit_rows
from estimator.scenario import Scenario, resolve
from estimator.urlstate import parse_params, to_params
from tests.conftest import read_rows

LLM_TASKS = ("chat", "summarize")


def _gpu(data, **fields):
    r = resolve(Scenario(**fields), data)
    return gpu_energy_h100_wh(r.scenario, r.model, data)


def _share() -> dict[str, float]:
    row = next(r for r in read_rows("coefficients.csv") if r["coefficient_id"] == "decode_byte_share")
    return {k: float(row[f"value_{k}"]) for k in ("low", "central", "high")}


def _bits() -> dict[str, float]:
    return {r["precision_id"]: float(r["bits_per_weight"]) for r in read_rows("precision.csv")}


@pytest.mark.parametrize("task", LLM_TASKS)
@pytest.mark.parametrize("batch", ["typical", "large_batch", "low_load"])
def test_fp8_never_costs_more_than_bf16_and_4_bit_never_more_than_fp8_nor_fp32_less(task, batch, data):
    for m in data.models.values():
        if m.task not in data.tasks[task].model_tasks:
            continue
        by = {p: _gpu(data, task=task, model=m.model_id, batch=batch, precision=p)
              for p in ("fp32", "bf16", "fp8", "mxfp4", "int4")}
        for end in ("low", "central", "high"):
            assert getattr(by["fp32"], end) >= getattr(by["bf16"], end), (m.model_id, end)
            assert getattr(by["fp8"], end) <= getattr(by["bf16"], end), (m.model_id, end)
            assert getattr(by["mxfp4"], end) <= getattr(by["fp8"], end), (m.model_id, end)
            assert getattr(by["int4"], end) <= getattr(by["fp8"], end), (m.model_id, end)


def test_the_precision_factor_follows_bytes_per_weight(data):
    """fp8 / bf16 for one short chat (no context growth) = 1 − s·(1 − 8/16), computed from the rows."""
    s, bits = _share(), _bits()
    bf16 = _gpu(data, model="llama-3.1-70b", input_tokens=50, output_tokens=100, precision="bf16")
    for pid in ("fp8", "mxfp4", "int4"):
        got = _gpu(data, model="llama-3.1-70b", input_tokens=50, output_tokens=100, precision=pid)
        assert got.central / bf16.central == pytest.approx(1 - s["central"] * (1 - bits[pid] / 16), rel=1e-9)


def test_the_fp8_factor_range_holds_the_measured_bf16_fp8_pairs(data):
    """ML.ENERGY measured Qwen3-235B-A22B chat in BF16 and FP8 on the same 8 GPUs (typical, large batch)."""
    rows = {r["measurement_id"]: float(r["energy_j_per_output_token"]) for r in read_rows("measurements.csv")
            if r["model_id"] == "qwen3-235b-a22b" and r["measurement_id"].startswith("mle3-chat")}
    s, bits = _share(), _bits()
    low, high = 1 - s["high"] * (1 - bits["fp8"] / 16), 1 - s["low"] * (1 - bits["fp8"] / 16)
    for regime in ("typical", "large_batch"):
        measured = rows[f"mle3-chat-qwen3-235b-a22b-fp8-{regime}"] / rows[f"mle3-chat-qwen3-235b-a22b-bfloat16-{regime}"]
        assert low <= measured <= high, regime


def test_bf16_is_the_reference_because_the_fit_was_measured_in_bf16():
    fit = [r for r in read_rows("measurements.csv") if r["use"] == "fit" and r["batch_regime"] == "typical"]
    in_bf16 = [r for r in fit if r["precision"].lower() in ("bfloat16", "bf16")]
    assert len(in_bf16) >= 0.8 * len(fit)  # 13 of 15 models; the two FP8 ones enter the fit BF16-equivalent


def test_the_fit_takes_fp8_measurements_as_bf16_equivalents():
    """Dividing the FP8 rows by their factor is what the committed fit does: without it the intercept differs."""
    committed = {r["batch_regime"]: r for r in read_rows("llm_fit.csv")}
    for row in fit_rows():
        assert float(row["intercept"]) == pytest.approx(float(committed[row["batch_regime"]]["intercept"]), abs=1e-5)
    assert "FP8 rows divided" in committed["typical"]["note"]


def test_a_model_without_a_precision_row_is_served_in_bf16_and_gpt_oss_in_mxfp4(data):
    rows = {r["model_id"]: r for r in read_rows("model_precision.csv")}
    assert rows["gpt-oss-120b"]["precision"] == "mxfp4" and rows["gpt-oss-20b"]["precision"] == "mxfp4"
    for r in rows.values():
        assert r["source_url"].startswith("https://") and r["note"].strip()
    own = _gpu(data, model="gpt-oss-120b")
    assert own.central == pytest.approx(_gpu(data, model="gpt-oss-120b", precision="mxfp4").central, rel=1e-12)
    assert "llama-3.1-8b" not in rows
    assert _gpu(data, model="llama-3.1-8b").central == pytest.approx(
        _gpu(data, model="llama-3.1-8b", precision="bf16").central, rel=1e-12)


def test_gpt_oss_measured_in_mxfp4_falls_inside_its_range(data):
    """The ML.ENERGY gpt-oss rows (kept for validation, not fitted) sit inside the estimate's range."""
    for r in read_rows("measurements.csv"):
        if r["model_id"].startswith("gpt-oss") and r["precision"] == "mxfp4":
            e = _gpu(data, model=r["model_id"], input_tokens=0, output_tokens=int(r["output_tokens"]),
                     batch=r["batch_regime"])
            measured = float(r["energy_wh_per_item"])
            assert e.low <= measured <= e.high, r["measurement_id"]
            assert e.central / measured < 2.5, r["measurement_id"]  # was up to ×3 before precision was modelled


def test_precision_applies_to_text_models_only(data):
    image = estimate(task="image", precision="fp8", data=data)
    assert image.scenario.precision is None
    assert image.co2e_g.central == estimate(task="image", data=data).co2e_g.central


def test_a_chosen_precision_is_compared_with_typical_at_the_same_precision(data):
    chosen = label(task="chat", model="llama-3.1-70b", precision="fp8", data=data)
    assert chosen.typical.scenario.precision == "fp8"
    own = label(task="chat", model="llama-3.1-70b", data=data)
    assert own.typical.scenario.precision is None  # as served: the typical model at its own precision


def test_precision_round_trips_through_the_link_and_a_bad_one_gets_a_notice(data):
    parsed = parse_params({"model": "llama-3.1-70b", "precision": "fp8"}, data)
    assert parsed.notices == () and parsed.scenario.precision == "fp8"
    assert to_params(parsed.scenario, data)["precision"] == "fp8"
    assert parse_params(to_params(parsed.scenario, data), data).scenario == parsed.scenario
    bad = parse_params({"precision": "fp9"}, data)
    assert bad.scenario.precision is None and len(bad.notices) == 1 and "precision" in bad.notices[0]
    assert "precision" not in to_params(resolve(Scenario(), data).scenario, data)


def test_the_cli_refuses_an_unknown_precision_in_one_line_and_its_help_lists_them(capsys, data):
    assert main(["estimate", "--precision", "fp9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown precision") and err.count("\n") == 1
    main(["estimate", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for pid in data.precisions:
        assert pid in out, pid


@pytest.mark.parametrize("table,old,new,column", [
    ("model_precision.csv", "gpt-oss-20b,mxfp4,", "gpt-oss-20b,fp3,", "precision"),
    ("model_precision.csv", "gpt-oss-20b,mxfp4,", "no-such-model,mxfp4,", "model_id"),
    ("precision.csv", "fp8,FP8 (8-bit float weights),8,", "fp8,FP8 (8-bit float weights),80,", "bits_per_weight"),
])
def test_a_bad_precision_row_stops_the_loader_with_file_row_and_column(tmp_path, table, old, new, column):
    import shutil

    from estimator import DataError, load_data
    from tests.conftest import DATA

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    text = (folder / table).read_text(encoding="utf-8")
    assert old in text
    (folder / table).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_data(folder)
    assert table in str(exc.value) and column in str(exc.value)
