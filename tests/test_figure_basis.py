"""Measured or extrapolated: every figure says whether a published measurement of that model is behind it."""

from __future__ import annotations

import json

import pytest

from estimator.basis import EXTRAPOLATED, KINDS, MEASURED, estimate_basis
from estimator.card import card_svg
from estimator.data import load_data
from estimator.estimate import estimate
from estimator.label import label
from estimator.present import estimate_record, flat_record

DATA = load_data()


def _measured_llm_ids():
    return sorted({m.model_id for m in DATA.measurements.values() if m.use == "fit" and m.batch_regime == "typical"})


@pytest.mark.parametrize("model_id", _measured_llm_ids())
def test_an_llm_with_a_measurement_row_at_this_load_reads_measured(model_id):
    b = estimate_basis(estimate(task="chat", model=model_id), DATA)
    assert b.kind == MEASURED and b.measurement_ids
    assert all(DATA.measurements[i].model_id == model_id for i in b.measurement_ids)


def test_a_measured_diffusion_model_at_its_reference_reads_measured():
    for m in DATA.models.values():
        if m.task == "image" and m.measurement_id:
            e = estimate(task="image", model=m.model_id, width=m.ref_width, height=m.ref_height, steps=m.ref_steps)
            assert estimate_basis(e, DATA).kind == MEASURED, m.model_id


def test_a_request_scaled_far_from_the_measured_run_reads_extrapolated():
    limit = DATA.label_rules["measured_if_within_factor"].value.central
    m = DATA.models["sdxl"]
    near = estimate(task="image", model="sdxl", width=m.ref_width, height=m.ref_height, steps=m.ref_steps)
    far = estimate(task="image", model="sdxl", width=m.ref_width, height=m.ref_height,
                   steps=int(m.ref_steps * limit * 2))
    assert estimate_basis(near, DATA).kind == MEASURED
    b = estimate_basis(far, DATA)
    assert b.kind == EXTRAPOLATED and "steps" in b.reason


@pytest.mark.parametrize("model_id", sorted(m.model_id for m in DATA.models.values() if m.size_is_estimate))
def test_a_closed_model_reads_extrapolated(model_id):
    m = DATA.models[model_id]
    task = {"llm": "chat", "summarizer": "summarize"}.get(m.task, m.task)
    b = estimate_basis(estimate(task=task, model=model_id), DATA)
    assert b.kind == EXTRAPOLATED and not b.measurement_ids


@pytest.mark.parametrize("task", ["chat", "summarize", "image", "video"])
def test_the_custom_model_reads_extrapolated_from_the_size_fit(task):
    b = estimate_basis(estimate(task=task, model="custom", custom_total_params_b=8), DATA)
    assert b.kind == EXTRAPOLATED and "size fit" in b.reason and "measured models" in b.reason


def test_the_json_csv_and_cli_carry_a_language_neutral_basis():
    lab = label(task="chat", model="llama-3.1-8b")
    rec = estimate_record(lab.estimate, lab, DATA)
    assert rec["figure_basis"] in KINDS and rec["figure_basis_reason"]
    flat = flat_record(json.loads(json.dumps(rec)))
    assert flat["figure_basis"] == MEASURED


def test_the_cli_table_says_measured_or_extrapolated(capsys):
    from estimator.cli import main
    assert main(["estimate", "--task", "chat", "--model", "custom", "--params", "70"]) == 0
    assert "Figure: extrapolated" in capsys.readouterr().out


def test_the_card_says_whether_the_figure_is_measured():
    svg = card_svg(label(task="image", model="sdxl"))
    assert "measured figure" in svg
    svg = card_svg(label(task="chat", model="custom", custom_total_params_b=70))
    assert "extrapolated figure" in svg


_CLOSED_LLM = next(m.model_id for m in DATA.models.values() if m.task == "llm" and m.size_is_estimate)


@pytest.mark.parametrize("params, words", [({"task": "chat", "model": _measured_llm_ids()[0]}, "Measured model"),
                                           ({"task": "chat", "model": _CLOSED_LLM}, "Extrapolated estimate")])
def test_the_estimate_page_says_measured_or_extrapolated(params, words):
    from app_helpers import open_page, texts
    at = open_page("estimate", params)
    assert not at.exception
    assert any(words in t for t in texts(at))
