"""Default denoising steps (METHODOLOGY §1.2): when a person does not choose steps, an image or video
estimate runs the steps the model card recommends or its own example runs (the top of a stated range),
else the default of the diffusers pipeline the card calls; the measured run's steps stay ref_steps."""

from __future__ import annotations

import pytest

from estimator import estimate
from tests.conftest import read_rows

DIFFUSERS = "https://github.com/huggingface/diffusers"  # src/diffusers/pipelines/*/pipeline_*.py, num_inference_steps

# Written from the cards (and, where a card's example leaves steps unset, the pipeline's signature), not
# read from the table.
CARD_DEFAULT_STEPS = {
    # https://huggingface.co/stable-diffusion-v1-5/stable-diffusion-v1-5: pipe(prompt), StableDiffusionPipeline 50
    "sd-1.5": 50,
    # https://huggingface.co/stabilityai/stable-diffusion-2-1: pipe(prompt), StableDiffusionPipeline 50
    "sd-2.1": 50,
    # https://huggingface.co/stabilityai/sdxl-turbo: "1 to 4 steps" (example runs 1); top of the range
    "sdxl-turbo": 4,
    # https://huggingface.co/segmind/SSD-1B: pipe(prompt=..., negative_prompt=...), StableDiffusionXLPipeline 50
    "ssd-1b": 50,
    # https://huggingface.co/PixArt-alpha/PixArt-Sigma-XL-2-1024-MS: no steps given; PixArtSigmaPipeline 20
    "pixart-sigma": 20,
    # https://nvlabs.github.io/Sana/docs/sana: num_inference_steps=20 (SanaPipeline default 20)
    "sana-1.5-1.6b": 20,
    "sana-1.5-4.8b": 20,
    # https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0: pipe(prompt=prompt), default 50
    "sdxl": 50,
    # https://huggingface.co/kandinsky-community/kandinsky-3: num_inference_steps=25
    "kandinsky-3": 25,
    # https://huggingface.co/stabilityai/stable-diffusion-3-medium-diffusers: num_inference_steps=28
    "sd3-medium": 28,
    # https://huggingface.co/stabilityai/stable-diffusion-3.5-medium: num_inference_steps=40
    "sd3.5-medium": 40,
    # https://huggingface.co/stabilityai/stable-diffusion-3.5-large: num_inference_steps=28
    "sd3.5-large": 28,
    # https://huggingface.co/Tencent-Hunyuan/HunyuanDiT-v1.2-Diffusers: pipe(prompt), HunyuanDiTPipeline 50
    "hunyuan-dit": 50,
    # https://huggingface.co/black-forest-labs/FLUX.1-dev: num_inference_steps=50 (FluxPipeline default is 28)
    "flux.1-dev": 50,
    # closed-image-large: by its written rule, FLUX.1-dev's settings (1024², 50 steps)
    "closed-image-large": 50,
    # https://huggingface.co/ali-vilab/text-to-video-ms-1.7b: num_inference_steps=25
    "modelscope-t2v": 25,
    # https://huggingface.co/zai-org/CogVideoX-2b, -5b, CogVideoX1.5-5B: num_inference_steps=50
    "cogvideox-2b": 50,
    "cogvideox-5b": 50,
    "cogvideox-1.5-5b": 50,
    # https://huggingface.co/Wan-AI/Wan2.1-T2V-1.3B-Diffusers and -14B-Diffusers: no steps, WanPipeline 50
    "wan2.1-1.3b": 50,
    "wan2.1-14b": 50,
    # https://huggingface.co/tencent/HunyuanVideo: --infer-steps 50
    "hunyuanvideo": 50,
    # closed-video-large: by its written rule, HunyuanVideo's settings
    "closed-video-large": 50,
    # https://huggingface.co/genmo/mochi-1-preview: pipe(prompt, num_frames=84), MochiPipeline 64
    "mochi-1": 64,
    # https://huggingface.co/Lightricks/LTX-Video-0.9.7-dev: first stage num_inference_steps=30
    "ltx-video-13b": 30,
}

# Steps the ML.ENERGY v2 harness ran every model at (its data directory; measurements.csv rows mle2-*).
ML_ENERGY_V2_STEPS = 25


def _diffusion_rows() -> list[dict]:
    return [r for r in read_rows("models.csv") if r["task"] in ("image", "video")]


def test_every_image_and_video_row_has_an_audited_default():
    assert {r["model_id"] for r in _diffusion_rows()} == set(CARD_DEFAULT_STEPS)


@pytest.mark.parametrize("model_id,steps", sorted(CARD_DEFAULT_STEPS.items()))
def test_default_steps_are_what_the_model_card_runs(model_id, steps):
    row = next(r for r in _diffusion_rows() if r["model_id"] == model_id)
    assert int(row["default_steps"]) == steps


def test_reference_steps_stay_those_of_the_measured_run():
    runs = {m["measurement_id"]: m for m in read_rows("measurements.csv")}
    for r in _diffusion_rows():
        if r["measurement_id"]:
            assert r["ref_steps"] == runs[r["measurement_id"]]["steps"], r["model_id"]


def test_every_open_row_names_where_its_default_steps_come_from():
    for r in _diffusion_rows():
        if r["open_weights"] == "yes":
            assert f"Default steps {CARD_DEFAULT_STEPS[r['model_id']]}: " in r["note"], r["model_id"]


def test_an_sdxl_image_at_its_default_costs_the_measured_run_times_fifty_over_twenty_five():
    # By hand: SDXL was measured at 1024x1024 with 25 steps (mle2-sdxl); its card runs 50; the
    # default image is 1024x1024, so only steps scale: GPU energy = measured x 50 / 25 x serving 1.
    run = next(m for m in read_rows("measurements.csv") if m["measurement_id"] == "mle2-sdxl")
    assert (run["width"], run["height"], run["steps"]) == ("1024", "1024", "25")
    e = estimate(task="image", model="sdxl", boundary="gpu")
    assert e.scenario.steps == 50
    assert e.energy_wh_per_unit["gpu"].central == pytest.approx(float(run["energy_wh_per_item"]) * 50 / 25)


def test_doubling_the_default_steps_doubles_the_default_sdxl_estimate():
    default = estimate(task="image", model="sdxl")
    harness = estimate(task="image", model="sdxl", steps=ML_ENERGY_V2_STEPS)
    for end in ("low", "central", "high"):
        assert getattr(default.energy_wh, end) == pytest.approx(2 * getattr(harness.energy_wh, end))
        assert getattr(default.co2e_g, end) == pytest.approx(2 * getattr(harness.co2e_g, end))


def test_sd35_medium_default_is_forty_over_twenty_eight_of_its_measured_run():
    default = estimate(task="image", model="sd3.5-medium")
    measured = estimate(task="image", model="sd3.5-medium", steps=28)
    assert default.energy_wh.central == pytest.approx(measured.energy_wh.central * 40 / 28)


def test_a_chosen_step_count_still_wins_over_the_default():
    assert estimate(task="image", model="sdxl", steps=30).scenario.steps == 30
