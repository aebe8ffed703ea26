"""Validation kept apart (METHODOLOGY §5): data/validation.csv is never used to fit anything, and the bench
compares every row of it with the estimator at the row's own boundary."""
from __future__ import annotations

import csv
import importlib.util
import shutil
from pathlib import Path

import pytest

from estimator.data import DATA_DIR, read_validation
from estimator.facility import BOUNDARIES
from estimator.errors import DataError

ROOT = Path(__file__).resolve().parent.parent


def _measurement_rows() -> list[dict]:
    with open(DATA_DIR / "measurements.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _precision(name: str) -> str:
    """measurements.csv spells BF16 two ways; validation.csv uses the short names."""
    return {"bfloat16": "bf16"}.get(name or "", name or "")


def _same_figure(v: dict, m: dict) -> bool:
    """Same source, model and conditions, or the same source and model with the same value."""
    if v["source"].title != m["source_title"] or (v["model_id"] or "") != m["model_id"]:
        return False
    conditions = ("boundary", "batch_regime", "input_tokens", "output_tokens", "width", "height", "steps", "frames")
    same_conditions = (all(str(v[c] if v[c] is not None else "") == (m[c] or "") for c in conditions)
                       and _precision(v["precision"]) == _precision(m["precision"]))
    same_value = (v["energy_wh_per_item"] is not None
                  and abs(v["energy_wh_per_item"] - float(m["energy_wh_per_item"])) <= 1e-9 * v["energy_wh_per_item"])
    return same_conditions or same_value


def test_no_validation_figure_is_also_a_fitting_or_reference_row():
    fitted = [m for m in _measurement_rows() if m["use"] != "validation"]
    clashes = [(v["validation_id"], m["measurement_id"]) for v in read_validation() for m in fitted
               if _same_figure(v, m)]
    assert clashes == []


def test_the_kept_apart_check_would_catch_a_fitted_row_copied_into_validation():
    """The rule above can fail: a fit row of measurements.csv, read as a validation row, is caught."""
    m = next(m for m in _measurement_rows() if m["use"] == "fit")
    v = read_validation()[0]
    copied = dict(v, model_id=m["model_id"], energy_wh_per_item=float(m["energy_wh_per_item"]),
                  source=type(v["source"])(**{**v["source"].__dict__, "title": m["source_title"]}))
    assert _same_figure(copied, m)


def test_validation_table_has_forty_rows_eight_sources_and_all_four_tasks():
    rows = read_validation()
    assert len(rows) >= 40
    assert len({r["source"].title for r in rows}) >= 8
    assert {r["task"] for r in rows} == {"chat", "summarize", "image", "video"}
    assert {r["source_type"] for r in rows} == {"production disclosure", "life-cycle study",
                                                 "analyst bottom-up estimate", "lab measurement"}


def test_every_validation_row_names_its_source_and_boundary():
    for r in read_validation():
        assert r["source"].url.startswith("http") and r["source"].year and r["source"].publisher, r["validation_id"]
        assert r["boundary"], r["validation_id"]


@pytest.mark.parametrize("edit, message", [
    (lambda text: text + text.splitlines()[1] + "\n", "duplicate id"),
    (lambda text: text.replace(",0.417389,", ",1e12,", 1), "validation.csv"),
])
def test_a_broken_validation_table_is_refused_with_its_file_named(tmp_path, edit, message):
    shutil.copy(DATA_DIR / "validation.csv", tmp_path / "validation.csv")
    path = tmp_path / "validation.csv"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataError, match=message):
        read_validation(tmp_path)


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_bench_validation_returns_one_result_per_row_at_the_rows_boundary():
    bench = _bench()
    rows = read_validation()
    results = bench.validation_results()
    assert [r["validation_id"] for r in results] == [r["validation_id"] for r in rows]
    for r in results:
        if r["boundary"] not in BOUNDARIES and r["status"] != "no catalogue model":
            assert r["status"].startswith("not modelled yet") and f"boundary {r['boundary']}" in r["status"]
        if r["status"] == "compared":
            assert r["low"] <= r["central"] <= r["high"]
            published = r["energy_wh_per_item"] if r["energy_wh_per_item"] is not None else r["published_value"]
            assert r["inside"] == (r["low"] <= published <= r["high"])
    assert "Validation summary" in bench.validation()


def test_a_validation_row_fit_on_the_same_run_is_caught_even_when_bf16_is_spelled_bfloat16():
    """The kept-apart check compares precision by meaning: 'bf16' in validation.csv is 'bfloat16' in measurements.csv."""
    m = next(m for m in _measurement_rows() if m["use"] == "fit" and m["precision"] == "bfloat16")
    v = dict(read_validation()[0], model_id=m["model_id"], precision="bf16", energy_wh_per_item=None,
             **{c: (int(m[c]) if m[c] else None) for c in ("input_tokens", "output_tokens", "width", "height", "steps",
                                                           "frames")},
             boundary=m["boundary"], batch_regime=m["batch_regime"])
    v["source"] = type(v["source"])(**{**v["source"].__dict__, "title": m["source_title"]})
    assert _same_figure(v, m)


def test_every_validation_row_states_its_serving_mode_and_a_known_precision():
    for r in read_validation():
        assert r["mode"] in ("production", "self-hosted"), r["validation_id"]
        assert r["precision"] in ("", "fp32", "fp16", "bf16", "fp8", "mxfp4", "int4"), r["validation_id"]
        assert r["accounting"] in ("", "location", "market"), r["validation_id"]
        if r["energy_wh_per_item"] is None:  # a gram figure depends on the accounting basis
            assert r["accounting"], r["validation_id"]


@pytest.mark.parametrize("column, bad", [("mode", "batched"), ("precision", "bfloat16"), ("boundary", "full serving fleet"),
                                         ("accounting", "renewable")])
def test_a_validation_row_with_an_unknown_condition_is_refused_with_its_column_named(tmp_path, column, bad):
    rows = list(csv.DictReader(open(DATA_DIR / "validation.csv", newline="", encoding="utf-8")))
    rows[0][column] = bad
    with open(tmp_path / "validation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(DataError, match=f"column {column}"):
        read_validation(tmp_path)


def _row(**changes) -> dict:
    base = next(r for r in read_validation() if r["validation_id"] == "mle3-chat-qwen3-235b-a22b-fp8-typical")
    return dict(base, **changes)


def test_a_condition_the_library_lacks_is_named_not_modelled_yet_and_never_dropped_silently():
    bench, data = _bench(), __import__("estimator").load_data()
    fields_today = ("task", "model", "hardware", "boundary", "batch", "input_tokens", "output_tokens")
    today = ("gpu", "server", "datacenter")
    _, missing, _ = bench.scenario_for_row(_row(mode="self-hosted", boundary="fleet"), data, fields_today, today)
    assert missing == ["boundary fleet", "mode self-hosted", "precision fp8"]
    _, missing, _ = bench.scenario_for_row(_row(precision="bf16", mode="production", boundary="gpu"), data,
                                           fields_today, today)
    assert missing == []


def test_an_operators_datacenter_figure_waits_for_the_fleet_step_and_is_compared_once_it_exists():
    """Operators meter the whole serving fleet (host, idle capacity) under PUE: our datacenter without the fleet
    step counts less, so the row is 'not modelled yet' until facility.BOUNDARIES has fleet."""
    bench, data = _bench(), __import__("estimator").load_data()
    google = next(r for r in read_validation() if r["validation_id"] == "google-gemini-apps-median-comprehensive")
    _, missing, _ = bench.scenario_for_row(google, data, None, ("gpu", "server", "datacenter"))
    assert missing == ["fleet step under datacenter (host and idle capacity)"]
    kw, missing, assumption = bench.scenario_for_row(google, data, None, ("gpu", "server", "fleet", "datacenter"))
    assert missing == [] and kw["model"] is None and "typical" in assumption


def test_once_the_library_has_mode_and_precision_the_same_mapping_passes_them_to_the_scenario():
    bench, data = _bench(), __import__("estimator").load_data()
    after_merge = ("task", "model", "hardware", "boundary", "batch", "input_tokens", "output_tokens", "mode", "precision")
    kw, missing, _ = bench.scenario_for_row(_row(mode="self-hosted", precision="mxfp4"), data, after_merge)
    assert missing == [] and kw["mode"] == "self-hosted" and kw["precision"] == "mxfp4"  # precision.csv's own id
    _, missing, _ = bench.scenario_for_row(_row(precision="fp32"), data, after_merge)
    assert missing == ["precision fp32"]  # FP32 rows (image runs) stay apart: never guessed as BF16


def test_a_miss_is_reported_with_its_cause_one_line_per_cause():
    bench = _bench()
    results = [dict(validation_id=f"r{i}", status="compared", inside=False, ratio=ratio, cause=cause)
               for i, (ratio, cause) in enumerate([(0.4, "long reasoning answers"), (0.5, "long reasoning answers"),
                                                   (2.0, "unexplained: ours high")])]
    results.append(dict(validation_id="ok", status="compared", inside=True, ratio=1.0, cause=None))
    lines = bench.miss_causes(results)
    assert lines == ["- long reasoning answers: 2 row(s), ours ÷ published 0.40–0.50 (r0, r1)",
                     "- unexplained: ours high: 1 row(s), ours ÷ published 2.00–2.00 (r2)"]


def test_every_compared_miss_in_the_bench_names_a_cause():
    for r in _bench().validation_results():
        if r["status"] == "compared" and not r["inside"]:
            assert r["cause"], r["validation_id"]


def test_the_reference_library_is_a_bench_extra_never_a_runtime_or_test_dependency():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(d.startswith("ecologits==") for d in project["optional-dependencies"]["bench"])
    runtime_and_test = project["dependencies"] + project["optional-dependencies"]["test"]
    assert not any("ecologits" in d.lower() for d in runtime_and_test)
    assert "bench-ecologits:" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_without_ecologits_the_comparison_says_why_in_one_line(monkeypatch):
    spec = importlib.util.spec_from_file_location("eco_compare", ROOT / "bench" / "ecologits_compare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(__import__("sys").modules, "ecologits", None)  # as if not installed
    text = module.report()
    assert text.startswith("EcoLogits comparison skipped: EcoLogits is not installed")
    assert "make bench-ecologits" in text and "\n" not in text


WH_PER_UNIT = {"Wh": 1.0, "kWh": 1000.0, "J": 1 / 3600}  # unit definitions, not coefficients


def test_each_energy_figure_in_wh_is_the_published_value_converted_from_its_own_unit():
    for r in read_validation():
        unit = r["published_unit"].split(" per ")[0]
        if unit in WH_PER_UNIT:
            assert r["energy_wh_per_item"] == pytest.approx(r["published_value"] * WH_PER_UNIT[unit], rel=1e-3), \
                r["validation_id"]
        else:  # a figure that is not energy (grams) carries no Wh value
            assert r["energy_wh_per_item"] is None, r["validation_id"]


def test_a_row_outside_the_catalogue_with_a_published_size_is_compared_as_the_custom_model():
    from bench.run import validation_results

    rows = {r["validation_id"]: r for r in validation_results()}
    mistral = rows["mistral-large-2-lca-400-tokens"]  # 123B dense, a gram figure on the French grid
    assert mistral["status"] == "compared" and mistral["params_b"] == 123 and mistral["region"] == "FR"
    from estimator import estimate

    ours = estimate(task="chat", model="custom", custom_total_params_b=123, region="FR", boundary="lifecycle",
                    batch="typical", output_tokens=400, input_tokens=100).co2e_g_per_unit
    assert mistral["central"] == pytest.approx(ours.central)
