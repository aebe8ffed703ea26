"""The lifecycle boundary (METHODOLOGY §1.4, §4): operation + embodied hardware + amortized training."""

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

from estimator import estimate, label, load_data
from estimator.card import card_svg
from estimator.hourly import day_curve, hours_for
from estimator.lifecycle import PART_WORDS, PARTS, TRAINING_JUDGEMENT
from estimator.present import NOT_COUNTED, estimate_record
from tests.app_helpers import grams, open_page, texts
from tests.conftest import DATA, ROOT, read_rows

TASKS = ("chat", "summarize", "image", "video")


def assert_clean(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.warning, [w.value for w in at.warning]


def central(table: str, **match) -> float:
    r = next(r for r in read_rows(table) if all(r[k] == v for k, v in match.items()))
    return float(r["value_central"])


@pytest.mark.parametrize("task", TASKS)
def test_lifecycle_is_operation_plus_embodied_plus_training_within_rounding(task, data):
    e = estimate(task=task, count=3, boundary="lifecycle", data=data)
    assert list(e.parts) == list(PARTS)
    assert e.co2e_g.central == pytest.approx(sum(p.central for p in e.parts.values()), rel=1e-12)
    assert e.co2e_g_per_unit.central * 3 == pytest.approx(e.co2e_g.central, rel=1e-12)
    for p in e.parts.values():  # every part has its own range
        assert p.low < p.central < p.high


@pytest.mark.parametrize("task", TASKS)
def test_the_operation_part_is_the_datacenter_boundary(task, data):
    lc = estimate(task=task, boundary="lifecycle", data=data)
    dc = estimate(task=task, boundary="datacenter", data=data)
    for end in ("low", "central", "high"):
        assert getattr(lc.parts["operation"], end) == pytest.approx(getattr(dc.co2e_g, end), rel=1e-12)
    assert lc.energy_wh.central == dc.energy_wh.central  # lifecycle adds grams, not electricity


@pytest.mark.parametrize("task", TASKS)
def test_a_cleaner_grid_lowers_only_the_operation_part(task, data):
    world = estimate(task=task, region="WORLD", boundary="lifecycle", data=data)
    france = estimate(task=task, region="FR", boundary="lifecycle", data=data)
    assert france.parts["operation"].central < world.parts["operation"].central
    for part in ("embodied_hardware", "amortized_training"):
        assert france.parts[part] == world.parts[part]


def test_parts_exist_only_at_the_lifecycle_boundary(data):
    for boundary in ("gpu", "server", "fleet", "datacenter"):
        assert estimate(task="image", boundary=boundary, data=data).parts == {}


def test_embodied_grams_by_hand(data):
    """(GPU + host slot) kg × 1000 / (lifetime h × utilisation) × slot hours; slot hours = GPU Wh / draw × host time."""
    e = estimate(task="chat", model="llama-3.1-70b", boundary="lifecycle", data=data)
    gpu_wh = e.energy_wh_per_unit["gpu"].central  # H100
    slot_hours = (gpu_wh / central("coefficients.csv", coefficient_id="gpu_draw_w_llm")
                  * central("fleet.csv", coefficient_id="host_time_factor"))
    kg = (central("embodied.csv", coefficient_id="gpu_embodied_kg", hardware_ids="h100 h100-capped")
          + central("embodied.csv", coefficient_id="host_embodied_kg_per_gpu"))
    hours = central("embodied.csv", coefficient_id="hardware_lifetime_years") * 8760 \
        * central("embodied.csv", coefficient_id="hardware_utilisation")
    assert e.parts["embodied_hardware"].central == pytest.approx(kg * 1000 / hours * slot_hours, rel=1e-9)


def test_doubling_hardware_lifetime_halves_embodied_grams(tmp_path, data):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "embodied.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for r in rows:
        if r["coefficient_id"] == "hardware_lifetime_years":
            for end in ("value_low", "value_central", "value_high"):
                r[end] = str(2 * float(r[end]))
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    longer = estimate(task="image", boundary="lifecycle", data=load_data(folder))
    base = estimate(task="image", boundary="lifecycle", data=data)
    for end in ("low", "central", "high"):
        assert getattr(longer.parts["embodied_hardware"], end) == pytest.approx(
            getattr(base.parts["embodied_hardware"], end) / 2, rel=1e-9)
    assert longer.parts["operation"] == base.parts["operation"]
    assert longer.parts["amortized_training"] == base.parts["amortized_training"]


def test_amortized_training_by_hand(data):
    """Training t CO2e × 10⁶ g/t ÷ requests the model serves (GPT-5 mini: a medium LLM)."""
    e = estimate(task="chat", model="gpt-5-mini", count=10, boundary="lifecycle", data=data)
    per_request = (central("training.csv", model_task="llm", size_class="medium", quantity="training_tco2e") * 1e6
                   / central("training.csv", model_task="llm", size_class="all", quantity="lifetime_requests"))
    assert e.parts["amortized_training"].central == pytest.approx(10 * per_request, rel=1e-9)


def test_amortized_training_does_not_depend_on_the_workload(data):
    short = estimate(task="chat", output_tokens=50, boundary="lifecycle", data=data)
    long = estimate(task="chat", output_tokens=5000, boundary="lifecycle", data=data)
    assert short.parts["amortized_training"] == long.parts["amortized_training"]
    assert short.parts["embodied_hardware"].central < long.parts["embodied_hardware"].central


def test_every_catalogued_model_has_a_life_cycle(data):
    for m in data.models.values():
        task = {"llm": "chat", "summarizer": "summarize"}.get(m.task, m.task)
        e = estimate(task=task, model=m.model_id, boundary="lifecycle", data=data)
        assert e.co2e_g.central > e.parts["operation"].central, m.model_id


@pytest.mark.parametrize("task", TASKS)
def test_the_label_works_at_the_lifecycle_boundary(task, data):
    lab = label(task=task, boundary="lifecycle", data=data)
    assert lab.typical.boundary == "lifecycle" and lab.typical.parts
    assert lab.category == "typical"  # the typical option compared with itself
    assert lab.ratio_range.low == pytest.approx(1) and lab.ratio_range.high == pytest.approx(1)
    for option in lab.alternatives:
        assert option.estimate.boundary == "lifecycle" and option.estimate.parts


def test_a_cleaner_hour_at_the_lifecycle_boundary_moves_only_operation(data):
    zid = "GB"
    e = estimate(task="image", region=zid, season="winter", boundary="lifecycle", data=data)
    curve = dict(day_curve(e, data, hours_for(e, data)))
    at_three = estimate(task="image", region=zid, season="winter", hour=3, boundary="lifecycle", data=data)
    point = next(g for when, g in curve.items() if when.startswith("03:00"))
    assert point.central == pytest.approx(at_three.co2e_g.central, rel=1e-12)
    assert at_three.parts["embodied_hardware"] == e.parts["embodied_hardware"]


def test_json_and_csv_carry_the_parts_with_language_neutral_keys():
    out = subprocess.run([sys.executable, "-m", "estimator", "label", "--task", "video", "--boundary", "lifecycle",
                          "--format", "json"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert list(rec["parts"]) == ["operation", "embodied_hardware", "amortized_training"]
    assert all(set(p) == {"low", "central", "high", "unit"} for p in rec["parts"].values())
    assert rec["parts_note"] == TRAINING_JUDGEMENT and "judgement" in rec["parts_note"]
    full = rec["values_full_parts"]
    assert sum(full[k]["central"] for k in PARTS) == pytest.approx(rec["values_full"]["co2e"]["central"], rel=1e-9)
    out = subprocess.run([sys.executable, "-m", "estimator", "estimate", "--boundary", "lifecycle", "--format", "csv"],
                         cwd=ROOT, capture_output=True, text=True)
    row = next(csv.DictReader(io.StringIO(out.stdout)))
    for k in PARTS:
        assert float(row[f"parts_{k}_low"]) < float(row[f"parts_{k}_central"]) < float(row[f"parts_{k}_high"])


def test_the_table_output_lists_the_parts_and_says_why_training_is_a_judgement():
    out = subprocess.run([sys.executable, "-m", "estimator", "estimate", "--boundary", "lifecycle"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "embodied hardware" in out.stdout and "amortized training" in out.stdout
    assert TRAINING_JUDGEMENT in out.stdout
    compare = subprocess.run([sys.executable, "-m", "estimator", "compare", "--model", "llama-3.1-8b,gpt-5",
                              "--boundary", "lifecycle"], cwd=ROOT, capture_output=True, text=True)
    assert compare.returncode == 0, compare.stderr


def test_the_not_counted_line_no_longer_excludes_training_and_hardware_at_lifecycle(data):
    lab = label(task="image", boundary="lifecycle", data=data)
    line = estimate_record(lab.estimate, lab, data)["not_counted"]
    assert "training" not in line and "hardware" not in line and "water" in line
    assert "Not counted: water use" in card_svg(lab)
    plain = label(task="image", data=data)
    assert estimate_record(plain.estimate, plain, data)["not_counted"] == NOT_COUNTED


def test_the_app_shows_the_three_parts_and_the_judgement_at_lifecycle():
    at = open_page("estimate", {"task": "image", "boundary": "lifecycle"})
    assert_clean(at)
    assert at.toggle(key="est_lifecycle").value is True
    shown = " ".join(texts(at))
    assert TRAINING_JUDGEMENT in shown
    table = at.table[0].value
    assert list(table["Part"]) == [PART_WORDS[k] for k in PARTS]
    assert "training" not in next(t for t in texts(at) if t.startswith("Not counted"))
    e = estimate(task="image", boundary="lifecycle")
    assert grams(at) == pytest.approx(e.co2e_g.central, rel=0.05)  # shown to two significant figures


def test_the_life_cycle_switch_sets_the_boundary_and_the_link():
    at = open_page("estimate", {"task": "chat"})
    assert_clean(at)
    assert at.toggle(key="est_lifecycle").value is False
    before = grams(at)
    at.toggle(key="est_lifecycle").set_value(True).run()
    assert_clean(at)
    assert at.query_params["boundary"] == "lifecycle"
    assert grams(at) > before
    at.toggle(key="est_lifecycle").set_value(False).run()
    assert "boundary" not in at.query_params


def test_options_compare_only_at_the_same_boundary_including_lifecycle(data):
    from estimator.compare import comparable, same_task_pairs

    small = estimate(task="chat", model="llama-3.1-8b", boundary="lifecycle", data=data)
    large = estimate(task="chat", model="llama-3.1-405b", boundary="lifecycle", data=data)
    pairs = same_task_pairs([small, large])
    assert len(pairs) == 1 and pairs[0].times == pytest.approx(large.co2e_g_per_unit.central / small.co2e_g_per_unit.central)
    assert not comparable(small, estimate(task="chat", model="llama-3.1-405b", data=data))


def test_each_document_behind_a_life_cycle_result_is_listed_once_per_step(data):
    """Several rows of fleet.csv or embodied.csv cite the same paper: the sources list names it once per step."""
    from estimator.present import result_sources

    e = estimate(task="chat", boundary="lifecycle", region="westeurope", data=data)
    listed = [(what, src.title, src.url) for what, src in result_sources(e, data)]
    assert len(listed) == len(set(listed))
    fleet_docs = {(data.coefficients[c].source.title, data.coefficients[c].source.url)
                  for c in ("host_time_factor", "idle_capacity_share")}
    assert sum(what == "Serving fleet" for what, _, _ in listed) == len(fleet_docs)
    # self-hosted adds no fleet step, so its rows are not cited
    own = estimate(task="chat", boundary="lifecycle", mode="self-hosted", data=data)
    assert not any(what == "Serving fleet" for what, _ in result_sources(own, data))
