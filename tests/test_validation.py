"""Validation kept apart (METHODOLOGY §5): data/validation.csv is never used to fit anything, and the bench
compares every row of it with the estimator at the row's own boundary."""
from __future__ import annotations

import csv
import importlib.util
import shutil
from pathlib import Path

import pytest

from estimator.data import DATA_DIR, read_validation
from estimator.errors import DataError

ROOT = Path(__file__).resolve().parent.parent


def _measurement_rows() -> list[dict]:
    with open(DATA_DIR / "measurements.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _same_figure(v: dict, m: dict) -> bool:
    """Same source, model and conditions, or the same source and model with the same value."""
    if v["source"].title != m["source_title"] or (v["model_id"] or "") != m["model_id"]:
        return False
    conditions = ("boundary", "batch_regime", "precision", "input_tokens", "output_tokens", "width", "height", "steps",
                  "frames")
    same_conditions = all(str(v[c] if v[c] is not None else "") == (m[c] or "") for c in conditions)
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


def test_bench_validation_returns_one_result_per_row_at_the_rows_boundary():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rows = read_validation()
    results = bench.validation_results()
    assert [r["validation_id"] for r in results] == [r["validation_id"] for r in rows]
    for r in results:
        if r["boundary"] in ("full serving fleet", "life cycle"):
            assert r["status"] == "boundary not modelled yet"
        if r["status"] == "compared":
            assert r["low"] <= r["central"] <= r["high"]
            assert r["inside"] == (r["low"] <= r["energy_wh_per_item"] <= r["high"])
    assert "Validation summary" in bench.validation()
