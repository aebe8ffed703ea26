"""The model catalogue (data/models.csv, METHODOLOGY §1.1/§1.2): today's products, each row sourced,
closed models as estimates with ranges, names people type, reference clips, and a build that
reproduces the table."""

from __future__ import annotations

import csv
import math
import shutil
import subprocess
import sys

import pytest

from estimator import DataError, EstimatorError, estimate
from estimator.data import load_data
from estimator.scenario import find_model
from tests.conftest import DATA, read_rows

ROOT = DATA.parent
BUILD = ROOT / "data" / "build" / "build_models.py"

# What a person types, the task they type it for, and the catalogue row it must find. Written out
# here from the products' own announcements cited in the rows' notes, not read from the table.
PRODUCTS = [
    ("ChatGPT", "llm", "gpt-5.5"), ("Copilot", "llm", "gpt-5"), ("Claude", "llm", "claude-sonnet-5.5"),
    ("Gemini", "llm", "gemini-3.6-flash"), ("Grok", "llm", "grok-4"), ("Le Chat", "llm", "mistral-medium-3.5"),
    ("Mistral", "llm", "mistral-medium-3.5"), ("DeepSeek", "llm", "deepseek-v4-pro"),
    ("Qwen", "llm", "qwen3.5-397b-a17b"), ("Llama", "llm", "llama-4-maverick"), ("Meta AI", "llm", "muse-spark"),
    ("GPT-6", "llm", "gpt-6-sol"), ("opus", "llm", "claude-opus-5.5"), ("haiku", "llm", "claude-haiku-5.5"),
    ("Midjourney", "image", "closed-image-large"), ("GPT Image", "image", "closed-image-large"),
    ("Imagen 4", "image", "closed-image-large"), ("Nano Banana", "image", "closed-image-large"),
    ("DALL·E", "image", "closed-image-large"), ("Flux", "image", "flux.1-dev"),
    ("Sora", "video", "closed-video-large"), ("Veo", "video", "closed-video-large"),
    ("Runway", "video", "closed-video-large"), ("Kling", "video", "closed-video-large"),
    ("Mochi", "video", "mochi-1"), ("LTX-Video", "video", "ltx-video-13b"), ("Wan", "video", "wan2.1-14b"),
]

# Frames, frames per second and clip seconds each card or reference script documents (sources in
# the rows' notes), for the rows this catalogue update added.
DOCUMENTED_CLIPS = {"cogvideox-5b": (49, 8, 6), "mochi-1": (84, 30, 2.8), "ltx-video-13b": (121, 24, 5),
                    "closed-video-large": (129, 24, 5)}

MAKERS = {"openai": ("gpt-",), "anthropic": ("claude-",), "google": ("gemini-", "gemma-"), "meta": ("llama-", "muse-"),
          "mistral": ("mistral-",), "deepseek": ("deepseek-",), "alibaba": ("qwen",), "xai": ("grok-",)}


def _rows() -> list[dict]:
    return read_rows("models.csv")


def _measurements() -> dict[str, dict]:
    return {r["measurement_id"]: r for r in read_rows("measurements.csv")}


def _task_for(model_task: str) -> str:
    return {"llm": "chat", "summarizer": "summarize", "image": "image", "video": "video"}[model_task]


def test_every_row_names_its_source_with_a_web_address_and_a_publisher():
    for r in _rows():
        assert r["source_title"].strip() and r["source_publisher"].strip(), r["model_id"]
        assert r["source_url"].startswith("https://"), r["model_id"]
        assert 2020 <= int(r["source_year"]) <= 2026, r["model_id"]
        assert r["note"].strip(), r["model_id"]


def test_every_closed_model_is_an_estimate_with_a_range():
    closed = [r for r in _rows() if r["open_weights"] == "no"]
    assert len(closed) >= 20
    for r in closed:
        assert r["size_is_estimate"] == "yes", r["model_id"]
        if r["task"] == "llm":
            assert float(r["active_params_b_low"]) < float(r["active_params_b_high"]), r["model_id"]
        else:
            assert float(r["ref_energy_wh_gpu_low"]) < float(r["ref_energy_wh_gpu_high"]), r["model_id"]


def test_open_models_carry_the_exact_count_of_their_card():
    for r in _rows():
        if r["open_weights"] == "yes" and r["task"] == "llm":
            assert r["size_is_estimate"] == "no", r["model_id"]
            assert r["total_params_b_low"] == r["total_params_b_central"] == r["total_params_b_high"], r["model_id"]
            assert r["source_url"].startswith("https://huggingface.co/"), r["model_id"]


def test_the_catalogue_has_current_chat_models_of_eight_makers():
    ids = [r["model_id"] for r in _rows() if r["task"] == "llm"]
    for maker, prefixes in MAKERS.items():
        assert any(i.startswith(prefixes) for i in ids), maker
    for newest in ("gpt-5.5", "claude-sonnet-5.5", "gemini-3.6-flash", "muse-spark", "mistral-medium-3.5",
                   "deepseek-v4-pro", "qwen3.5-397b-a17b", "grok-4"):
        assert newest in ids


@pytest.mark.parametrize("typed,task,model_id", PRODUCTS)
def test_a_product_name_people_type_finds_the_model_behind_it(typed, task, model_id, data):
    assert find_model(typed, data, (task,)).model_id == model_id
    assert find_model(typed.upper(), data, (task,)).model_id == model_id


def test_no_two_models_claim_the_same_name_or_alias():
    owner: dict[str, str] = {}
    for r in _rows():
        keys = {r["model_id"].lower(), r["name"].lower()} | {a.strip().lower() for a in r["aliases"].split(";") if a.strip()}
        for k in keys:
            assert owner.setdefault(k, r["model_id"]) == r["model_id"], (k, owner[k], r["model_id"])


def test_an_unknown_product_gets_one_line_with_close_names(data):
    with pytest.raises(EstimatorError) as err:
        find_model("Grokk", data, ("llm",))
    assert "\n" not in str(err.value) and "grok" in str(err.value).lower()


@pytest.mark.parametrize("model_id", sorted(DOCUMENTED_CLIPS))
def test_a_new_reference_clip_lasts_what_its_card_says(model_id):
    frames, fps, seconds = DOCUMENTED_CLIPS[model_id]
    m = load_data().models[model_id]
    assert (m.ref_frames, m.ref_fps, m.ref_clip_seconds) == (frames, fps, seconds)
    assert m.ref_frames / m.ref_fps == pytest.approx(seconds, abs=0.5)


def test_every_video_row_plays_for_its_documented_length():
    rows = [r for r in _rows() if r["task"] == "video" and r["ref_clip_seconds"]]
    assert len(rows) >= 9
    for r in rows:
        assert abs(int(r["ref_frames"]) / float(r["ref_fps"]) - float(r["ref_clip_seconds"])) <= 0.5, r["model_id"]


def test_every_catalogued_model_estimates_its_tasks_without_error(data):
    checked = 0
    for m in data.models.values():
        for task_id, t in data.tasks.items():
            if m.task not in t.model_tasks:
                continue
            e = estimate(task=task_id, model=m.model_id, preset=t.typical_preset_id, data=data)
            for r in (e.energy_wh, e.co2e_g):
                assert 0 < r.low <= r.central <= r.high and math.isfinite(r.high), (task_id, m.model_id)
            checked += 1
    assert checked >= len(data.models)


def test_ecologits_rows_take_the_geometric_middle_of_the_published_range():
    for r in _rows():
        if r["source_title"].startswith("EcoLogits"):
            lo, c, hi = (float(r[f"active_params_b_{k}"]) for k in ("low", "central", "high"))
            assert c == pytest.approx(math.sqrt(lo * hi), rel=0.03), r["model_id"]


def test_the_closed_video_row_follows_its_written_rule():
    """Central and reference settings = HunyuanVideo's measurement; low = central / 3; high = 3 x central."""
    hv = _measurements()["mle3-hunyuanvideo"]
    row = next(r for r in _rows() if r["model_id"] == "closed-video-large")
    central = float(hv["energy_wh_per_item"])
    assert float(row["ref_energy_wh_gpu_central"]) == pytest.approx(central)
    assert float(row["ref_energy_wh_gpu_low"]) == pytest.approx(central / 3, rel=1e-5)
    assert float(row["ref_energy_wh_gpu_high"]) == pytest.approx(central * 3, rel=1e-5)
    assert (row["ref_width"], row["ref_height"], row["ref_steps"], row["ref_frames"]) == (
        hv["width"], hv["height"], hv["steps"], hv["frames"])


def test_models_measured_only_in_their_reference_pipeline_reach_down_to_the_optimised_stack():
    """Low = measured x the smallest ML.ENERGY / Delavande per-step ratio among models both measured."""
    meas = _measurements()
    pairs = [("vkeb-wan2.1-14b", "mle3-wan2.1-14b"), ("vkeb-wan2.1-1.3b", "mle3-wan2.1-1.3b"),
             ("vkeb-cogvideox-2b", "mle3-cogvideox-2b")]
    ratio = min((float(meas[m]["energy_wh_per_item"]) / float(meas[m]["steps"]))
                / (float(meas[v]["energy_wh_per_item"]) / float(meas[v]["steps"])) for v, m in pairs)
    assert 0.2 < ratio < 0.4  # the reference pipeline with CPU offload costs about 3-4x per step
    for model_id in ("cogvideox-5b", "mochi-1", "ltx-video-13b"):
        row = next(r for r in _rows() if r["model_id"] == model_id)
        measured = float(meas[row["measurement_id"]]["energy_wh_per_item"])
        assert row["measurement_id"].startswith("vkeb-")
        assert float(row["ref_energy_wh_gpu_central"]) == float(row["ref_energy_wh_gpu_high"]) == pytest.approx(measured)
        assert float(row["ref_energy_wh_gpu_low"]) == pytest.approx(measured * ratio, rel=1e-5)


def test_new_measurement_rows_state_their_conditions_and_source():
    rows = [r for r in read_rows("measurements.csv") if r["measurement_id"].startswith("vkeb-")]
    assert len(rows) == 6
    for r in rows:
        assert r["source_url"] == "https://arxiv.org/abs/2509.19222"
        assert "CPU offload" in r["note"] and "batch 1" in r["note"] and r["boundary"] == "gpu"
        assert all(r[c] for c in ("width", "height", "steps", "frames", "fps", "precision"))


def _build_module():
    sys.path.insert(0, str(BUILD.parent))
    try:
        import build_models
    finally:
        sys.path.remove(str(BUILD.parent))
    return build_models


def test_the_build_script_reproduces_the_committed_catalogue_byte_for_byte():
    build = _build_module()
    assert build.render(build.build_rows(DATA)) == (DATA / "models.csv").read_bytes().decode("utf-8")
    run = subprocess.run([sys.executable, str(BUILD), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and "is what" in run.stdout, run.stdout + run.stderr


def test_the_build_check_names_a_row_edited_by_hand(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "models.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    next(r for r in rows if r["model_id"] == "gpt-5.5")["active_params_b_central"] = "90"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    diff = _build_module().first_difference(folder)
    assert diff is not None and "gpt-5.5" in diff and "active_params_b_central" in diff


def test_a_closed_row_whose_range_is_upside_down_is_refused(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "models.csv"
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    row = next(r for r in rows if r["model_id"] == "grok-4")
    row["active_params_b_low"], row["active_params_b_high"] = row["active_params_b_high"], row["active_params_b_low"]
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(DataError) as err:
        load_data(folder)
    assert "models.csv" in str(err.value) and "\n" not in str(err.value)


def test_typing_a_product_for_the_wrong_task_says_so_in_one_line(data):
    with pytest.raises(EstimatorError) as err:
        find_model("Sora", data, ("llm",))
    assert "\n" not in str(err.value) and "video" in str(err.value)


# Native resolution each image model's card states (SD 1.5 and SDXL-Turbo 512², SD 2.1 768², the rest 1024²).
CARD_RESOLUTION = {"sd-1.5": 512, "sdxl-turbo": 512, "sd-2.1": 768, "ssd-1b": 1024, "pixart-sigma": 1024,
                   "sana-1.5-1.6b": 1024, "sana-1.5-4.8b": 1024, "sdxl": 1024, "kandinsky-3": 1024,
                   "sd3-medium": 1024, "sd3.5-medium": 1024, "sd3.5-large": 1024, "hunyuan-dit": 1024,
                   "flux.1-dev": 1024, "closed-image-large": 1024}


def test_every_image_row_is_referenced_at_its_cards_native_resolution():
    rows = {r["model_id"]: r for r in _rows() if r["task"] == "image"}
    assert set(rows) == set(CARD_RESOLUTION)
    for model_id, side in CARD_RESOLUTION.items():
        assert (int(rows[model_id]["ref_width"]), int(rows[model_id]["ref_height"])) == (side, side), model_id


def test_a_model_added_as_one_row_at_the_end_of_the_catalogue_is_kept_by_the_build(tmp_path):
    """README "Add a model": one CSV row. The build keeps it after the rows it derives, the check passes, and the
    loader estimates with it."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "models.csv"
    text = path.read_bytes().decode("utf-8")
    row = ('my-13b,My 13B,llm,my-13b,yes,dense,13,13,13,13,13,13,no,small,,,,,,,,,,,,,My 13B model card,Me,2026,'
           'https://example.org/my-13b,Published parameter count.\r\n')
    path.write_bytes((text + row).encode("utf-8"))
    build = _build_module()
    assert build.first_difference(folder) is None
    assert build.render(build.build_rows(folder)) == text + row
    from estimator import estimate, load_data

    mine = estimate(task="chat", model="my-13b", data=load_data(folder))
    same_size = estimate(task="chat", model="custom", custom_total_params_b=13, data=load_data(folder))
    assert mine.co2e_g.central == same_size.co2e_g.central
