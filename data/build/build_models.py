"""Write data/models.csv: the model catalogue, one row per model, with the source of each size.

    python data/build/build_models.py

Image and video rows take their reference energy from data/measurements.csv (the row named in
``measurement_id``), so the two tables cannot drift apart; the loader checks it again.
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]

COLUMNS = [
    "model_id", "name", "task", "family", "open_weights", "architecture",
    "total_params_b_low", "total_params_b_central", "total_params_b_high",
    "active_params_b_low", "active_params_b_central", "active_params_b_high",
    "size_is_estimate", "size_class", "measurement_id",
    "ref_energy_wh_gpu_low", "ref_energy_wh_gpu_central", "ref_energy_wh_gpu_high",
    "ref_width", "ref_height", "ref_steps", "ref_frames", "ref_fps", "default_steps", "aliases",
    "ref_clip_seconds", "source_title", "source_publisher", "source_year", "source_url", "note",
]

HF = ("Hugging Face model card", "model authors via Hugging Face", "2025")
ECO = ("EcoLogits model repository (ecologits/data/models.json, package 0.11.3, MPL-2.0)",
       "GenAI Impact / CodeCarbon (mlco2)", "2026", "https://github.com/mlco2/ecologits")
MLE3 = ("The ML.ENERGY Leaderboard v3.0 (data: public/data/tasks/*.json)",
        "Chung, Ma, Wu, Liu, Kweon, Xia, Wu, Chowdhury (ML.ENERGY Initiative)", "2025",
        "https://github.com/ml-energy/leaderboard")
MLE2 = ("The ML.ENERGY Leaderboard v2.0 (data directory)", "Chung et al. (ML.ENERGY Initiative)", "2024",
        "https://github.com/ml-energy/leaderboard-v2")

# (id, name, family, open, arch, total, active or None (=total), size_class, url, aliases, note)
LLMS = [
    ("llama-3.1-8b", "Llama 3.1 8B", "llama-3", "yes", "dense", 8.03, None, "small",
     "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct", "llama3.1-8b;llama-8b", ""),
    ("qwen3-8b", "Qwen3 8B", "qwen3", "yes", "dense", 8.2, None, "small",
     "https://huggingface.co/Qwen/Qwen3-8B", "", ""),
    ("nemotron-nano-9b", "NVIDIA Nemotron Nano 9B v2", "nemotron-nano", "yes", "dense", 8.9, None, "small",
     "https://huggingface.co/nvidia/NVIDIA-Nemotron-Nano-9B-v2", "", "Hybrid Mamba-Transformer."),
    ("gemma-3-12b", "Gemma 3 12B", "gemma-3", "yes", "dense", 12.2, None, "small",
     "https://huggingface.co/google/gemma-3-12b-it", "", ""),
    ("nemotron-nano-12b", "NVIDIA Nemotron Nano 12B v2", "nemotron-nano", "yes", "dense", 12.3, None, "small",
     "https://huggingface.co/nvidia/NVIDIA-Nemotron-Nano-12B-v2", "", "Hybrid Mamba-Transformer."),
    ("qwen3-14b", "Qwen3 14B", "qwen3", "yes", "dense", 14.8, None, "small",
     "https://huggingface.co/Qwen/Qwen3-14B", "", ""),
    ("gpt-oss-20b", "gpt-oss-20b", "gpt-oss", "yes", "moe", 21.0, 3.6, "small",
     "https://huggingface.co/openai/gpt-oss-20b", "", "Served in MXFP4 in the ML.ENERGY runs."),
    ("gemma-3-27b", "Gemma 3 27B", "gemma-3", "yes", "dense", 27.4, None, "medium",
     "https://huggingface.co/google/gemma-3-27b-it", "", ""),
    ("qwen3-30b-a3b", "Qwen3 30B-A3B", "qwen3", "yes", "moe", 30.5, 3.3, "medium",
     "https://huggingface.co/Qwen/Qwen3-30B-A3B-Instruct-2507", "", ""),
    ("qwen3-32b", "Qwen3 32B", "qwen3", "yes", "dense", 32.8, None, "medium",
     "https://huggingface.co/Qwen/Qwen3-32B", "", ""),
    ("llama-3.1-70b", "Llama 3.1 70B", "llama-3", "yes", "dense", 70.6, None, "medium",
     "https://huggingface.co/meta-llama/Llama-3.1-70B-Instruct", "llama-70b", ""),
    ("llama-3.3-70b", "Llama 3.3 70B", "llama-3.3", "yes", "dense", 70.6, None, "medium",
     "https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct", "", ""),
    ("llama-4-scout", "Llama 4 Scout (17B active, 109B total)", "llama-4", "yes", "moe", 109.0, 17.0, "medium",
     "https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct", "", ""),
    ("gpt-oss-120b", "gpt-oss-120b", "gpt-oss", "yes", "moe", 117.0, 5.1, "medium",
     "https://huggingface.co/openai/gpt-oss-120b", "", "Served in MXFP4 in the ML.ENERGY runs."),
    ("qwen3-235b-a22b", "Qwen3 235B-A22B", "qwen3", "yes", "moe", 235.0, 22.0, "large",
     "https://huggingface.co/Qwen/Qwen3-235B-A22B-Instruct-2507", "", ""),
    ("llama-4-maverick", "Llama 4 Maverick (17B active, 400B total)", "llama-4", "yes", "moe", 400.0, 17.0,
     "large", "https://huggingface.co/meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "", ""),
    ("llama-3.1-405b", "Llama 3.1 405B", "llama-3", "yes", "dense", 405.0, None, "large",
     "https://huggingface.co/meta-llama/Llama-3.1-405B-Instruct-FP8", "llama-405b", ""),
    ("deepseek-v3", "DeepSeek-V3 (37B active, 671B total)", "deepseek", "yes", "moe", 671.0, 37.0, "large",
     "https://huggingface.co/deepseek-ai/DeepSeek-V3", "deepseek", "Outside the measured range of total parameters: extrapolated."),
]

# Closed models: EcoLogits' published guesses; (id, name, family, arch, total (lo, c, hi), active (lo, c, hi), class, aliases)
CLOSED = [
    ("gpt-4o-mini", "GPT-4o mini (size estimated)", "gpt-4o", "dense", (8, 15, 28), None, "small", "4o-mini"),
    ("gpt-4o", "GPT-4o (size estimated)", "gpt-4o", "moe", (440, 440, 440), (44, 76, 132), "frontier", "4o;chatgpt-4o"),
    ("gpt-5-nano", "GPT-5 nano (size estimated)", "gpt-5", "dense", (5, 9.6, 18.5), None, "small", ""),
    ("gpt-5-mini", "GPT-5 mini (size estimated)", "gpt-5", "dense", (25, 42, 70), None, "medium", ""),
    ("gpt-5", "GPT-5 (size estimated)", "gpt-5", "moe", (300, 300, 300), (30, 52, 90), "frontier", "chatgpt;gpt5"),
    ("claude-haiku-4.5", "Claude Haiku 4.5 (size estimated)", "claude-4.5", "dense", (10, 19, 35), None, "medium",
     "claude-haiku-4-5;haiku"),
    ("claude-sonnet-4.5", "Claude Sonnet 4.5 (size estimated)", "claude-4.5", "moe", (440, 440, 440), (44, 76, 132),
     "frontier", "claude-sonnet-4-5;claude;sonnet"),
    ("claude-opus-4.5", "Claude Opus 4.5 (size estimated)", "claude-4.5", "moe", (670, 670, 670), (67, 116, 200),
     "frontier", "claude-opus-4-5;opus"),
    ("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite (size estimated)", "gemini-2.5", "dense", (8, 15, 28), None,
     "small", ""),
    ("gemini-2.5-flash", "Gemini 2.5 Flash (size estimated)", "gemini-2.5", "moe", (440, 440, 440), (44, 76, 132),
     "frontier", "gemini-flash"),
    ("gemini-2.5-pro", "Gemini 2.5 Pro (size estimated)", "gemini-2.5", "moe", (2000, 2000, 2000), (200, 346, 600),
     "frontier", "gemini;gemini-pro"),
]

SUMMARIZERS = [
    ("distilbart-cnn-12-6", "DistilBART CNN 12-6", "bart", 0.306, "https://huggingface.co/sshleifer/distilbart-cnn-12-6"),
    ("bart-large-cnn", "BART large CNN", "bart", 0.406, "https://huggingface.co/facebook/bart-large-cnn"),
    ("pegasus-cnn-dailymail", "PEGASUS CNN/DailyMail", "pegasus", 0.568, "https://huggingface.co/google/pegasus-cnn_dailymail"),
    ("flan-t5-large", "FLAN-T5 large", "t5", 0.783, "https://huggingface.co/google/flan-t5-large"),
]

# (id, name, family, class, params_b, aliases, url)
DIFFUSION = [
    ("sd-1.5", "Stable Diffusion 1.5 (openjourney-v4 fine-tune measured)", "stable-diffusion", "small", 0.86,
     "stable-diffusion-1.5;sd15", "https://huggingface.co/prompthero/openjourney-v4"),
    ("sd-2.1", "Stable Diffusion 2.1", "stable-diffusion", "small", 0.87, "sd21", "https://huggingface.co/stabilityai/stable-diffusion-2-1"),
    ("sdxl-turbo", "SDXL Turbo", "sdxl", "small", 3.5, "", "https://huggingface.co/stabilityai/sdxl-turbo"),
    ("ssd-1b", "Segmind SSD-1B", "sdxl", "small", 1.3, "", "https://huggingface.co/segmind/SSD-1B"),
    ("pixart-sigma", "PixArt-Σ", "pixart", "small", 0.6, "pixart", "https://huggingface.co/PixArt-alpha/PixArt-Sigma-XL-2-1024-MS"),
    ("sana-1.5-1.6b", "SANA 1.5 1.6B", "sana", "small", 1.6, "sana", "https://huggingface.co/Efficient-Large-Model/SANA1.5_1.6B_1024px"),
    ("sdxl", "Stable Diffusion XL base 1.0", "sdxl", "medium", 3.5, "sd-xl;stable-diffusion-xl", "https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0"),
    ("kandinsky-3", "Kandinsky 3", "kandinsky", "medium", 11.9, "", "https://huggingface.co/kandinsky-community/kandinsky-3"),
    ("sd3-medium", "Stable Diffusion 3 Medium", "sd3", "medium", 2.0, "sd3", "https://huggingface.co/stabilityai/stable-diffusion-3-medium-diffusers"),
    ("sana-1.5-4.8b", "SANA 1.5 4.8B", "sana", "medium", 4.8, "", "https://huggingface.co/Efficient-Large-Model/SANA1.5_4.8B_1024px"),
    ("sd3.5-medium", "Stable Diffusion 3.5 Medium", "sd3", "medium", 2.5, "", "https://huggingface.co/stabilityai/stable-diffusion-3.5-medium"),
    ("sd3.5-large", "Stable Diffusion 3.5 Large", "sd3", "large", 8.1, "sd3.5", "https://huggingface.co/stabilityai/stable-diffusion-3.5-large"),
    ("hunyuan-dit", "HunyuanDiT 1.2", "hunyuan", "large", 1.5, "", "https://huggingface.co/Tencent-Hunyuan/HunyuanDiT-v1.2-Diffusers"),
    ("flux.1-dev", "FLUX.1 [dev]", "flux", "large", 12.0, "flux;flux-dev", "https://huggingface.co/black-forest-labs/FLUX.1-dev"),
]
VIDEO = [
    ("modelscope-t2v", "ModelScope text-to-video 1.7B", "modelscope", "small", 1.7, "", "https://huggingface.co/ali-vilab/text-to-video-ms-1.7b"),
    ("cogvideox-2b", "CogVideoX 2B", "cogvideox", "small", 2.0, "cogvideox", "https://huggingface.co/zai-org/CogVideoX-2b"),
    ("wan2.1-1.3b", "Wan 2.1 1.3B", "wan", "small", 1.3, "wan-1.3b", "https://huggingface.co/Wan-AI/Wan2.1-T2V-1.3B-Diffusers"),
    ("cogvideox-1.5-5b", "CogVideoX 1.5 5B", "cogvideox", "medium", 5.0, "", "https://huggingface.co/zai-org/CogVideoX1.5-5B"),
    ("wan2.1-14b", "Wan 2.1 14B", "wan", "large", 14.0, "wan;wan-14b", "https://huggingface.co/Wan-AI/Wan2.1-T2V-14B-Diffusers"),
    ("hunyuanvideo", "HunyuanVideo", "hunyuan", "large", 13.0, "hunyuan-video", "https://huggingface.co/tencent/HunyuanVideo"),
]
# Models distilled for few-step sampling, run by default with far fewer steps than measured.
DEFAULT_STEPS = {"sdxl-turbo": "4"}  # SDXL-Turbo model card: "1 to 4 steps"
V2_FRAMES = {"modelscope-t2v": ("16", "8")}
# Frame rate and clip length each video model's own card or reference script documents: the
# measurement table's fps metadata is kept in measurements.csv as published, but the model row
# takes the documented playback rate, since seconds x fps decides how many frames a clip needs.
# id: (fps, clip seconds, where it is stated)
VIDEO_CARD = {
    "cogvideox-1.5-5b": ("16", "5", "Frame rate 16 fps and clip length 5 s (81 frames) from the model card "
                         "https://huggingface.co/zai-org/CogVideoX1.5-5B (its table lists 16 frames per second "
                         "and 5- or 10-second videos); the measurement metadata said 8 fps."),
    "hunyuanvideo": ("24", "5", "Frame rate 24 fps from the reference sampling script of "
                     "https://github.com/Tencent/HunyuanVideo (sample_video.py saves the 129 generated frames at "
                     "24 fps, about 5 s); the measurement metadata said 15 fps."),
    "cogvideox-2b": ("8", "6", 'Clip length 6 s at 8 fps and 720x480 as the model card https://huggingface.co/zai-org/CogVideoX-2b lists (49 frames = 6 s plus the first frame).'),
    "wan2.1-1.3b": ("16", "5", "Frame rate 16 fps and 81 frames from the Wan team's reference config (wan/configs/shared_config.py in https://github.com/Wan-Video/Wan2.1 sets sample_fps 16, frame_num 81), a 5-second 480P clip as the model card says; the measurement metadata said 15 fps."),
    "wan2.1-14b": ("16", "5", "Frame rate 16 fps and 81 frames from the Wan team's reference config (wan/configs/shared_config.py in https://github.com/Wan-Video/Wan2.1 sets sample_fps 16, frame_num 81), a 5-second 480P clip as the model card says; the measurement metadata said 15 fps."),
}


def _blank() -> dict:
    return {c: "" for c in COLUMNS}


def main() -> int:
    with (DATA / "measurements.csv").open(newline="", encoding="utf-8") as f:
        meas = {r["measurement_id"]: r for r in csv.DictReader(f)}
    rows = []
    for mid, name, fam, open_, arch, total, active, cls, url, aliases, note in LLMS:
        act = active if active is not None else total
        rows.append({**_blank(), "model_id": mid, "name": name, "task": "llm", "family": fam, "open_weights": open_,
                     "architecture": arch, "total_params_b_low": total, "total_params_b_central": total,
                     "total_params_b_high": total, "active_params_b_low": act, "active_params_b_central": act,
                     "active_params_b_high": act, "size_is_estimate": "no", "size_class": cls, "aliases": aliases,
                     "source_title": f"{name} model card", "source_publisher": HF[1], "source_year": HF[2],
                     "source_url": url, "note": note or "Published parameter count."})
    for mid, name, fam, arch, total, active, cls, aliases in CLOSED:
        act = active if active is not None else total
        rows.append({**_blank(), "model_id": mid, "name": name, "task": "llm", "family": fam, "open_weights": "no",
                     "architecture": arch, "total_params_b_low": total[0], "total_params_b_central": total[1],
                     "total_params_b_high": total[2], "active_params_b_low": act[0], "active_params_b_central": act[1],
                     "active_params_b_high": act[2], "size_is_estimate": "yes", "size_class": cls, "aliases": aliases,
                     "source_title": ECO[0], "source_publisher": ECO[1], "source_year": ECO[2], "source_url": ECO[3],
                     "note": ("Size not released; low/high are EcoLogits' published range, central is their geometric "
                              "mean (our judgement: the range spans a factor of about 3, so the middle is taken on a log scale).")})
    for mid, name, fam, params, url in SUMMARIZERS:
        rows.append({**_blank(), "model_id": mid, "name": name, "task": "summarizer", "family": fam,
                     "open_weights": "yes", "architecture": "seq2seq", "total_params_b_low": params,
                     "total_params_b_central": params, "total_params_b_high": params, "active_params_b_low": params,
                     "active_params_b_central": params, "active_params_b_high": params, "size_is_estimate": "no",
                     "size_class": "small", "source_title": f"{name} model card", "source_publisher": HF[1],
                     "source_year": HF[2], "source_url": url,
                     "note": "Task-specific encoder-decoder summarizer; per-token energy extrapolated below the measured LLM range."})
    for task, table in (("image", DIFFUSION), ("video", VIDEO)):
        for mid, name, fam, cls, params, aliases, url in table:
            m = next(r for r in meas.values() if r["model_id"] == mid and r["use"] == "reference")
            e = m["energy_wh_per_item"]
            frames = m["frames"] or V2_FRAMES.get(mid, ("", ""))[0]
            fps = m["fps"] or V2_FRAMES.get(mid, ("", ""))[1]
            card_fps, clip_s, card_note = VIDEO_CARD.get(mid, (fps, "", ""))
            src = MLE3 if m["measurement_id"].startswith("mle3") else MLE2
            rows.append({**_blank(), "model_id": mid, "name": name, "task": task, "family": fam, "open_weights": "yes",
                         "architecture": "diffusion", "total_params_b_low": params, "total_params_b_central": params,
                         "total_params_b_high": params, "active_params_b_low": params,
                         "active_params_b_central": params, "active_params_b_high": params,
                         "size_is_estimate": "no", "size_class": cls, "measurement_id": m["measurement_id"],
                         "ref_energy_wh_gpu_low": e, "ref_energy_wh_gpu_central": e, "ref_energy_wh_gpu_high": e,
                         "ref_width": m["width"], "ref_height": m["height"], "ref_steps": m["steps"],
                         "ref_frames": frames, "ref_fps": card_fps, "ref_clip_seconds": clip_s, "aliases": aliases,
                         "default_steps": DEFAULT_STEPS.get(mid, m["steps"]),
                         "source_title": src[0], "source_publisher": src[1], "source_year": src[2], "source_url": src[3],
                         "note": f"Reference energy measured on one H100 at batch 1 ({m['measurement_id']}); parameters from {url}."
                                 + (" Frames/fps: model default (16 frames at 8 fps), judgement." if mid in V2_FRAMES else "")
                                 + (" " + card_note if card_note else "")})
    flux = next(r for r in rows if r["model_id"] == "flux.1-dev")
    sd35l = next(r for r in rows if r["model_id"] == "sd3.5-large")
    high = float(flux["ref_energy_wh_gpu_central"]) * 3
    rows.append({**_blank(), "model_id": "closed-image-large", "name": "Large closed image model (e.g. GPT Image, Imagen; estimated)",
                 "task": "image", "family": "closed-image", "open_weights": "no", "architecture": "diffusion",
                 "size_is_estimate": "yes", "size_class": "large",
                 "ref_energy_wh_gpu_low": sd35l["ref_energy_wh_gpu_central"],
                 "ref_energy_wh_gpu_central": flux["ref_energy_wh_gpu_central"],
                 "ref_energy_wh_gpu_high": f"{high:.6g}", "ref_width": "1024", "ref_height": "1024", "ref_steps": "50", "default_steps": "50",
                 "aliases": "gpt-image;dall-e;dalle;imagen;midjourney",
                 "source_title": MLE3[0], "source_publisher": MLE3[1], "source_year": MLE3[2], "source_url": MLE3[3],
                 "note": ("No measurement or size published. Judgement: central = the largest measured open model "
                          "(FLUX.1-dev, 12B, 1024², 50 steps), low = SD 3.5 Large, high = 3× FLUX.1-dev because closed "
                          "services may use larger or autoregressive generators.")})
    for r in rows:
        for c in COLUMNS:
            if isinstance(r[c], float):
                r[c] = f"{r[c]:g}"
    with (DATA / "models.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} models")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
