"""Write (or check) data/models.csv: the model catalogue, one row per model, with the source of each size.

    python data/build/build_models.py           # rewrite data/models.csv
    python data/build/build_models.py --check   # exit 1 and name the first differing row if it would change

Image and video rows take their reference energy from data/measurements.csv (the row named in
``measurement_id``), so the two tables cannot drift apart; the loader checks it again. The rows of
closed models whose size or energy is not published are built here by written rules (see the
functions named ``*_rule``), so the rule and the number cannot drift apart either.
tests/test_catalog.py runs ``--check``: the committed CSV is exactly what this script writes.
"""

from __future__ import annotations

import csv
import io
import math
import sys
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
VKEB = ("Video Killed the Energy Budget: Characterizing the Latency and Power Regimes of Open Text-to-Video "
        "Models (arXiv:2509.19222; data: text2video_energy_benchmark.csv)",
        "Delavande, Pierrard, Luccioni (Hugging Face)", "2025", "https://arxiv.org/abs/2509.19222")

# Open LLMs, parameter counts as their model cards state them.
# (id, name, family, arch, total, active or None (=total), size_class, card url, aliases, note, card year)
LLMS = [
    ("llama-3.1-8b", "Llama 3.1 8B", "llama-3", "dense", 8.03, None, "small",
     "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct", "llama3.1-8b;llama-8b", "", "2025"),
    ("qwen3-8b", "Qwen3 8B", "qwen3", "dense", 8.2, None, "small",
     "https://huggingface.co/Qwen/Qwen3-8B", "", "", "2025"),
    ("nemotron-nano-9b", "NVIDIA Nemotron Nano 9B v2", "nemotron-nano", "dense", 8.9, None, "small",
     "https://huggingface.co/nvidia/NVIDIA-Nemotron-Nano-9B-v2", "", "Hybrid Mamba-Transformer.", "2025"),
    ("gemma-3-12b", "Gemma 3 12B", "gemma-3", "dense", 12.2, None, "small",
     "https://huggingface.co/google/gemma-3-12b-it", "", "", "2025"),
    ("nemotron-nano-12b", "NVIDIA Nemotron Nano 12B v2", "nemotron-nano", "dense", 12.3, None, "small",
     "https://huggingface.co/nvidia/NVIDIA-Nemotron-Nano-12B-v2", "", "Hybrid Mamba-Transformer.", "2025"),
    ("qwen3-14b", "Qwen3 14B", "qwen3", "dense", 14.8, None, "small",
     "https://huggingface.co/Qwen/Qwen3-14B", "", "", "2025"),
    ("gpt-oss-20b", "gpt-oss-20b", "gpt-oss", "moe", 21.0, 3.6, "small",
     "https://huggingface.co/openai/gpt-oss-20b", "", "Served in MXFP4 in the ML.ENERGY runs.", "2025"),
    ("gemma-3-27b", "Gemma 3 27B", "gemma-3", "dense", 27.4, None, "medium",
     "https://huggingface.co/google/gemma-3-27b-it", "", "", "2025"),
    ("qwen3-30b-a3b", "Qwen3 30B-A3B", "qwen3", "moe", 30.5, 3.3, "medium",
     "https://huggingface.co/Qwen/Qwen3-30B-A3B-Instruct-2507", "", "", "2025"),
    ("qwen3-32b", "Qwen3 32B", "qwen3", "dense", 32.8, None, "medium",
     "https://huggingface.co/Qwen/Qwen3-32B", "", "", "2025"),
    ("llama-3.1-70b", "Llama 3.1 70B", "llama-3", "dense", 70.6, None, "medium",
     "https://huggingface.co/meta-llama/Llama-3.1-70B-Instruct", "llama-70b", "", "2025"),
    ("llama-3.3-70b", "Llama 3.3 70B", "llama-3.3", "dense", 70.6, None, "medium",
     "https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct", "", "", "2025"),
    ("llama-4-scout", "Llama 4 Scout (17B active, 109B total)", "llama-4", "moe", 109.0, 17.0, "medium",
     "https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct", "", "", "2025"),
    ("gpt-oss-120b", "gpt-oss-120b", "gpt-oss", "moe", 117.0, 5.1, "medium",
     "https://huggingface.co/openai/gpt-oss-120b", "", "Served in MXFP4 in the ML.ENERGY runs.", "2025"),
    ("qwen3-235b-a22b", "Qwen3 235B-A22B", "qwen3", "moe", 235.0, 22.0, "large",
     "https://huggingface.co/Qwen/Qwen3-235B-A22B-Instruct-2507", "", "", "2025"),
    ("llama-4-maverick", "Llama 4 Maverick (17B active, 400B total)", "llama-4", "moe", 400.0, 17.0,
     "large", "https://huggingface.co/meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "Llama;llama-4",
     "Product alias: Llama 4 Maverick is the newest open-weights Llama flagship (Meta's assistant moved to the "
     "closed Muse Spark in April 2026, see the muse-spark row), so typing Llama finds it.", "2025"),
    ("llama-3.1-405b", "Llama 3.1 405B", "llama-3", "dense", 405.0, None, "large",
     "https://huggingface.co/meta-llama/Llama-3.1-405B-Instruct-FP8", "llama-405b", "", "2025"),
    ("deepseek-v3", "DeepSeek-V3 (37B active, 671B total)", "deepseek", "moe", 671.0, 37.0, "large",
     "https://huggingface.co/deepseek-ai/DeepSeek-V3", "deepseek-v3.2",
     "Outside the measured range of total parameters: extrapolated. DeepSeek-V3.2 keeps this architecture "
     "(671B total, 37B active; https://huggingface.co/deepseek-ai/DeepSeek-V3.2), so its name finds this row.", "2025"),
    # 2026 open-weights releases (catalogue 2026.3).
    ("gemma-4-26b-a4b", "Gemma 4 26B A4B (3.8B active, 25.2B total)", "gemma-4", "moe", 25.2, 3.8, "medium",
     "https://huggingface.co/google/gemma-4-26B-A4B-it", "gemma-4-26b;gemma 4",
     "Published parameter count (25.2B total, 3.8B active, vision encoder included).", "2026"),
    ("gemma-4-31b", "Gemma 4 31B", "gemma-4", "dense", 31.0, None, "medium",
     "https://huggingface.co/google/gemma-4-31B-it", "",
     "Published parameter count (31B dense, as the card and https://ai.google.dev/gemma/docs/core state it).", "2026"),
    ("qwen3.5-27b", "Qwen3.5 27B", "qwen3.5-dense", "dense", 27.0, None, "medium",
     "https://huggingface.co/Qwen/Qwen3.5-27B", "", "Published parameter count (27B dense).", "2026"),
    ("qwen3.5-35b-a3b", "Qwen3.5 35B-A3B", "qwen3.5", "moe", 35.0, 3.0, "medium",
     "https://huggingface.co/Qwen/Qwen3.5-35B-A3B", "", "Published parameter count (35B total, 3B active).", "2026"),
    ("qwen3.5-122b-a10b", "Qwen3.5 122B-A10B", "qwen3.5", "moe", 122.0, 10.0, "medium",
     "https://huggingface.co/Qwen/Qwen3.5-122B-A10B", "", "Published parameter count (122B total, 10B active).",
     "2026"),
    ("mistral-medium-3.5", "Mistral Medium 3.5 (128B)", "mistral-3", "dense", 128.0, None, "large",
     "https://huggingface.co/mistralai/Mistral-Medium-3.5-128B", "Le Chat;Mistral;mistral-medium",
     "Published parameter count (128B dense). Product alias: Mistral Medium 3.5 replaced Mistral Medium 3.1 and "
     "Magistral in Le Chat, Mistral's assistant (Mistral's model description, 2026-04-29, as republished at "
     "https://build.nvidia.com/mistralai/mistral-medium-3.5-128b).", "2026"),
    ("qwen3.5-397b-a17b", "Qwen3.5 397B-A17B", "qwen3.5", "moe", 397.0, 17.0, "large",
     "https://huggingface.co/Qwen/Qwen3.5-397B-A17B", "Qwen;Qwen Chat;qwen3.5",
     "Published parameter count (397B total, 17B active). Product alias (judgement): Qwen3.5-397B-A17B is "
     "Alibaba's flagship open-weights model; which model Qwen Chat serves by default is not published as a split, "
     "so typing Qwen finds the flagship.", "2026"),
    ("mistral-large-3", "Mistral Large 3 (41B active, 675B total)", "mistral-3", "moe", 675.0, 41.0, "large",
     "https://huggingface.co/mistralai/Mistral-Large-3-675B-Instruct-2512", "mistral-large",
     "Published parameter count (675B total, 41B active).", "2026"),
    ("deepseek-v4-flash", "DeepSeek-V4-Flash (13B active, 284B total)", "deepseek-v4", "moe", 284.0, 13.0, "large",
     "https://huggingface.co/deepseek-ai/DeepSeek-V4-Flash", "",
     "Published parameter count (284B total, 13B active).", "2026"),
    ("deepseek-v4-pro", "DeepSeek-V4-Pro (49B active, 1.6T total)", "deepseek-v4", "moe", 1600.0, 49.0, "frontier",
     "https://huggingface.co/deepseek-ai/DeepSeek-V4-Pro", "DeepSeek;deepseek-v4",
     "Published parameter count (1.6T total, 49B active); outside the measured range of total parameters: "
     "extrapolated. Product alias (judgement): the DeepSeek app's split between V4-Pro and V4-Flash is not "
     "published, so typing DeepSeek finds the flagship, as it found DeepSeek-V3 before.", "2026"),
]

ECO_NOTE = ("Size not released; low/high are EcoLogits' published range, central is their geometric mean (our "
            "judgement: the range spans a factor of about 3, so the middle is taken on a log scale).")

# Closed models with EcoLogits' published guesses:
# (id, name, family, arch, total (lo, c, hi), active (lo, c, hi) or None (=total), class, aliases, extra note)
CLOSED = [
    ("gpt-4o-mini", "GPT-4o mini (size estimated)", "gpt-4o", "dense", (8, 15, 28), None, "small", "4o-mini", ""),
    ("gpt-4o", "GPT-4o (size estimated)", "gpt-4o", "moe", (440, 440, 440), (44, 76, 132), "frontier", "4o;chatgpt-4o",
     ""),
    ("gpt-5-nano", "GPT-5 nano (size estimated)", "gpt-5", "dense", (5, 9.6, 18.5), None, "small", "", ""),
    ("gpt-5-mini", "GPT-5 mini (size estimated)", "gpt-5", "dense", (25, 42, 70), None, "medium", "", ""),
    ("gpt-5", "GPT-5 (size estimated)", "gpt-5", "moe", (300, 300, 300), (30, 52, 90), "frontier",
     "gpt5;Copilot;Microsoft Copilot",
     " Product aliases: GPT-5 was the default model of ChatGPT from 2025-08-07 (OpenAI, Introducing GPT-5, "
     "https://openai.com/index/introducing-gpt-5/; since May 2026 it is GPT-5.5, see that row) and runs Microsoft "
     "Copilot (Microsoft 365 blog, 2025-08-07, https://www.microsoft.com/en-us/microsoft-365/blog/2025/08/07/"
     "available-today-gpt-5-in-microsoft-365-copilot/)."),
    ("claude-haiku-4.5", "Claude Haiku 4.5 (size estimated)", "claude-4.5", "dense", (10, 19, 35), None, "medium",
     "claude-haiku-4-5", ""),
    ("claude-sonnet-4.5", "Claude Sonnet 4.5 (size estimated)", "claude-4.5", "moe", (440, 440, 440), (44, 76, 132),
     "frontier", "claude-sonnet-4-5", ""),
    ("claude-opus-4.5", "Claude Opus 4.5 (size estimated)", "claude-4.5", "moe", (670, 670, 670), (67, 116, 200),
     "frontier", "claude-opus-4-5", ""),
    ("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite (size estimated)", "gemini-2.5", "dense", (8, 15, 28), None,
     "small", "", ""),
    ("gemini-2.5-flash", "Gemini 2.5 Flash (size estimated)", "gemini-2.5", "moe", (440, 440, 440), (44, 76, 132),
     "frontier", "", ""),
    ("gemini-2.5-pro", "Gemini 2.5 Pro (size estimated)", "gemini-2.5", "moe", (2000, 2000, 2000), (200, 346, 600),
     "frontier", "", ""),
    # Current generation (catalogue 2026.3): EcoLogits 0.11.3 entries gpt-5.5, gpt-6-sol, gpt-6-luna,
    # claude-*-5-5, claude-fable-5, gemini-3.1-pro-preview, gemini-3.6-flash, gemini-3.5-flash-lite.
    ("gpt-6-luna", "GPT-6 Luna (size estimated)", "gpt-6", "moe", (38, 38, 38), (3.8, 6.5, 11), "small",
     "gpt6-luna", ""),
    ("gpt-6-sol", "GPT-6 Sol (size estimated)", "gpt-6", "moe", (375, 375, 375), (38, 65, 112), "frontier",
     "GPT-6;gpt6", ""),
    ("gpt-5.5", "GPT-5.5 (size estimated)", "gpt-5", "moe", (900, 900, 900), (90, 164, 300), "frontier",
     "ChatGPT;gpt-5.5-instant;gpt55",
     " Product alias: GPT-5.5 Instant replaced GPT-5.3 Instant as ChatGPT's default model on 2026-05-05/06 (as "
     "reported at https://thewiseoperator.com/glossary/default-model/; OpenAI, Introducing GPT-5.5, "
     "https://openai.com/index/introducing-gpt-5-5/). ChatGPT also routes some messages to other models without "
     "publishing the split (data/tasks.csv)."),
    ("claude-haiku-5.5", "Claude Haiku 5.5 (size estimated)", "claude-5.5", "dense", (10, 19, 35), None, "medium",
     "claude-haiku-5-5;haiku", ""),
    ("claude-sonnet-5.5", "Claude Sonnet 5.5 (size estimated)", "claude-5.5", "moe", (293, 293, 293), (29, 51, 88),
     "frontier", "claude-sonnet-5-5;Claude;sonnet",
     " Product alias (judgement): Sonnet is the default tier of Claude's apps, so typing Claude finds the newest "
     "Sonnet (https://www.anthropic.com/claude-sonnet-5-5)."),
    ("claude-opus-5.5", "Claude Opus 5.5 (size estimated)", "claude-5.5", "moe", (670, 670, 670), (70, 118, 200),
     "frontier", "claude-opus-5-5;opus", ""),
    ("claude-fable-5", "Claude Fable 5 (size estimated)", "claude-5", "moe", (1340, 1340, 1340), (134, 232, 400),
     "frontier", "claude-fable-5;fable", ""),
    ("gemini-3.5-flash-lite", "Gemini 3.5 Flash-Lite (size estimated)", "gemini-3", "dense", (30, 56, 105), None,
     "medium", "gemini-flash-lite", ""),
    ("gemini-3.6-flash", "Gemini 3.6 Flash (size estimated)", "gemini-3", "moe", (750, 750, 750), (75, 122, 200),
     "frontier", "Gemini;gemini-flash;Gemini app",
     " Product alias (judgement): the Gemini app answers with its Flash model unless a person picks another, so "
     "typing Gemini finds the newest Flash with its own model card (https://deepmind.google/models/model-cards/"
     "gemini-3-6-flash/)."),
    ("gemini-3.1-pro", "Gemini 3.1 Pro (size estimated)", "gemini-3", "moe", (1200, 1200, 1200), (120, 208, 360),
     "frontier", "gemini-3.1-pro-preview;gemini-pro", ""),
]

# Closed models with no EcoLogits entry. Grok: sizes its maker's CEO stated in public; Muse Spark: nothing
# published, so the size-class rule applies. (id, name, family, class, aliases, source, note)
GROK_SOURCE = ("Report of xAI CEO statements on Grok model sizes (Grok 3/4 about 3T; Grok 4.3 beta 0.5T; Grok 4.4 1T)",
               "BestHub (press report of posts on X and the Baron Capital conference)", "2026",
               "https://www.besthub.dev/articles/musk-claims-grok-5-is-agi-as-xai-unveils-two-trillion-parameter-"
               "models-in-one-month-3796582c1bf4")
MUSE_SOURCE = ("Meta launches proprietary AI model Muse Spark (report of Meta's announcement)",
               "RocketNews (from VentureBeat)", "2026",
               "https://rocketnews.com/2026/04/goodbye-llama-meta-launches-new-proprietary-ai-model-muse-spark-first-"
               "since-superintelligence-labs-formation")
# EcoLogits gives closed mixture-of-experts models an active share of 10 % to 30 % of the total (gpt-5: 300B
# total, 30-90B active; gemini-2.5-pro: 2000B, 200-600B); the Grok row uses the same share.
ECO_ACTIVE_SHARE = (0.1, 0.3)
GROK_TOTAL_B = (500.0, 3000.0)

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
    # Measured only in the reference Hugging Face pipeline (Delavande et al. 2025): see REFERENCE_PIPELINE.
    ("cogvideox-5b", "CogVideoX 5B", "cogvideox", "medium", 5.0, "", "https://huggingface.co/zai-org/CogVideoX-5b"),
    ("mochi-1", "Mochi 1 (preview)", "mochi", "large", 10.0, "mochi;mochi-1-preview",
     "https://huggingface.co/genmo/mochi-1-preview"),
    ("ltx-video-13b", "LTX-Video 0.9.7 13B (dev)", "ltx-video", "large", 13.0, "ltx-video;ltx;ltxv",
     "https://huggingface.co/Lightricks/LTX-Video-0.9.7-dev"),
]
# Default steps (used when the person does not choose steps), audited in 2026.3. Rule: the number of
# denoising steps the model card recommends or its own example runs; when the card gives a range, its top
# (steps scale the whole measured energy, and at the fewest steps fixed work such as text encoding and
# decoding is a larger share: judgement, errs high); when the card's example leaves steps unset, the
# default of the diffusers pipeline it calls (num_inference_steps in src/diffusers/pipelines/, read at
# https://github.com/huggingface/diffusers). ref_steps stays the measured run's.
# id: (default steps, where it is stated)
DIFFUSERS = "https://github.com/huggingface/diffusers"
CARD_STEPS = {
    "sd-1.5": ("50", "the openjourney-v4 card gives no steps (it is a Stable Diffusion 1.5 fine-tune); the SD 1.5 "
               "card https://huggingface.co/stable-diffusion-v1-5/stable-diffusion-v1-5 calls StableDiffusionPipeline "
               "without steps, whose default is 50 (" + DIFFUSERS + ")"),
    "sd-2.1": ("50", "the card https://huggingface.co/stabilityai/stable-diffusion-2-1 calls StableDiffusionPipeline "
               "without steps, whose default is 50 (" + DIFFUSERS + ")"),
    "sdxl-turbo": ("4", "the card https://huggingface.co/stabilityai/sdxl-turbo says 1 to 4 steps (its example runs "
                   "1); the top of the range, judgement"),
    "ssd-1b": ("50", "the card https://huggingface.co/segmind/SSD-1B calls StableDiffusionXLPipeline without steps, "
               "whose default is 50 (" + DIFFUSERS + ")"),
    "pixart-sigma": ("20", "the card https://huggingface.co/PixArt-alpha/PixArt-Sigma-XL-2-1024-MS gives no steps; "
                     "PixArtSigmaPipeline's default is 20 (" + DIFFUSERS + ")"),
    "sana-1.5-1.6b": ("20", "SANA's diffusers example (https://nvlabs.github.io/Sana/docs/sana) runs 20 steps, "
                      "SanaPipeline's default (" + DIFFUSERS + ")"),
    "sdxl": ("50", "the card https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0 calls the base pipeline "
             "without steps, whose default is 50 (" + DIFFUSERS + ")"),
    "kandinsky-3": ("25", "the card https://huggingface.co/kandinsky-community/kandinsky-3 runs 25 steps, "
                    "Kandinsky3Pipeline's default"),
    "sd3-medium": ("28", "the card https://huggingface.co/stabilityai/stable-diffusion-3-medium-diffusers runs 28 "
                   "steps (guidance 7), StableDiffusion3Pipeline's default"),
    "sana-1.5-4.8b": ("20", "SANA's diffusers example (https://nvlabs.github.io/Sana/docs/sana) runs 20 steps, "
                      "SanaPipeline's default (" + DIFFUSERS + ")"),
    "sd3.5-medium": ("40", "the card https://huggingface.co/stabilityai/stable-diffusion-3.5-medium runs 40 steps "
                     "(guidance 4.5); the pipeline default is 28"),
    "sd3.5-large": ("28", "the card https://huggingface.co/stabilityai/stable-diffusion-3.5-large runs 28 steps "
                    "(guidance 3.5)"),
    "hunyuan-dit": ("50", "the card https://huggingface.co/Tencent-Hunyuan/HunyuanDiT-v1.2-Diffusers (and "
                    "https://tencent.github.io/HunyuanDiT/diffusers) calls HunyuanDiTPipeline without steps, whose "
                    "default is 50 (" + DIFFUSERS + ")"),
    "flux.1-dev": ("50", "the card https://huggingface.co/black-forest-labs/FLUX.1-dev runs 50 steps (guidance 3.5); "
                   "FluxPipeline's default is 28"),
    "modelscope-t2v": ("25", "the card https://huggingface.co/ali-vilab/text-to-video-ms-1.7b runs 25 steps "
                       "(pipeline default 50)"),
    "cogvideox-2b": ("50", "the card https://huggingface.co/zai-org/CogVideoX-2b runs 50 steps"),
    "wan2.1-1.3b": ("50", "the card https://huggingface.co/Wan-AI/Wan2.1-T2V-1.3B-Diffusers calls WanPipeline "
                    "without steps, whose default is 50 (" + DIFFUSERS + "; the reference generate.py samples text-to-video with 50 steps too)"),
    "cogvideox-1.5-5b": ("50", "the card https://huggingface.co/zai-org/CogVideoX1.5-5B runs 50 steps"),
    "wan2.1-14b": ("50", "the card https://huggingface.co/Wan-AI/Wan2.1-T2V-14B-Diffusers calls WanPipeline without "
                   "steps, whose default is 50 (" + DIFFUSERS + ")"),
    "hunyuanvideo": ("50", "the card https://huggingface.co/tencent/HunyuanVideo samples with --infer-steps 50, "
                     "HunyuanVideoPipeline's default"),
    "cogvideox-5b": ("50", "the card https://huggingface.co/zai-org/CogVideoX-5b runs 50 steps"),
    "mochi-1": ("64", "the card https://huggingface.co/genmo/mochi-1-preview calls MochiPipeline without steps, whose "
                "default is 64 (" + DIFFUSERS + ")"),
    "ltx-video-13b": ("30", "the card https://huggingface.co/Lightricks/LTX-Video-0.9.7-dev runs 30 steps in its "
                      "first stage (then 10 refinement steps), as measured"),
}
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
    "cogvideox-5b": ("8", "6", "Clip length 6 s at 8 fps and 720x480 as the model card https://huggingface.co/zai-org/CogVideoX-5b lists (49 frames = 6 s plus the first frame)."),
    "mochi-1": ("30", "2.8", "Frame rate 30 fps and 84 frames (2.8 s) at 848x480 as the model card's diffusers example "
                "https://huggingface.co/genmo/mochi-1-preview writes the clip (num_frames=84, export fps=30); 64 steps "
                "is the pipeline default."),
    "ltx-video-13b": ("24", "5", "Frame rate 24 fps and 121 frames (about 5 s) at 704x512 as the model card "
                      "https://huggingface.co/Lightricks/LTX-Video-0.9.7-dev runs it; the pipeline is two-stage (30 "
                      "steps at 448x320, latent upscaling, 10 refinement steps at 704x512) and steps scale the whole "
                      "measured energy (judgement)."),
}
# Reference energies measured in each model's reference Hugging Face pipeline with CPU offload (Delavande et al.
# 2025) rather than an optimised serving stack: the same study measured Wan 2.1 at 3.7x (14B) and 3.6x (1.3B) the
# per-step GPU energy ML.ENERGY measured for the same model and clip (rows vkeb-wan2.1-14b, vkeb-wan2.1-1.3b), and
# CogVideoX 2B at 1.04x (vkeb-cogvideox-2b). Rule: central = high = the measurement; low = the measurement x the
# smallest ML.ENERGY/Delavande per-step ratio of those three models, computed in reference_pipeline_low_rule.
REFERENCE_PIPELINE = ("cogvideox-5b", "mochi-1", "ltx-video-13b")
CROSS_STUDY_PAIRS = (("vkeb-wan2.1-14b", "mle3-wan2.1-14b"), ("vkeb-wan2.1-1.3b", "mle3-wan2.1-1.3b"),
                     ("vkeb-cogvideox-2b", "mle3-cogvideox-2b"))

CLOSED_IMAGE_ALIASES = ("gpt-image;GPT Image;gpt-image-1;ChatGPT images;DALL·E;dall-e;dalle;Gemini image;Nano Banana;"
                        "Nano Banana Pro;imagen;Imagen 4;Midjourney;Midjourney v7")
CLOSED_IMAGE_NOTE = (
    "No measurement or size published. Judgement: central = the largest measured open model (FLUX.1-dev, 12B, "
    "1024², 50 steps), low = SD 3.5 Large, high = 3× FLUX.1-dev because closed services may use larger or "
    "autoregressive generators. Product aliases: the image generators in ChatGPT (GPT-4o / GPT Image; 130 million "
    "users made 700 million images in its first week, OpenAI COO B. Lightcap on X, 2025-04-03, reported by "
    "https://the-decoder.com/chatgpts-image-generation-explodes-with-700m-creations-in-first-week/), DALL·E, Gemini "
    "(Nano Banana, Imagen) and Midjourney are all closed and unmeasured; this row stands for them and is the typical "
    "image model (data/tasks.csv).")
CLOSED_VIDEO_ALIASES = "Sora;Sora 2;Sora 2 Pro;Veo;Veo 3;Veo 3.1;Runway;Runway Gen-4;Gen-4.5;Kling;Seedance"
# EcoLogits 0.11.3's own latency-based estimates (ecologits/data/video_models.json x its server power, whole
# 8-accelerator server, 1280x720): shown beside this row's range as a cross-check, never used to build it.
CLOSED_VIDEO_NOTE = (
    "No measurement or size published. Rule (the image rule's counterpart): reference settings and central = the "
    "largest measured open video model at 720p (HunyuanVideo, 13B, 1280x720, 129 frames at 24 fps, 50 steps, "
    "mle3-hunyuanvideo); low = central / 3 because closed services distil to fewer steps; high = 3x central "
    "because they may use larger models, audio and upscaling. Cross-check, not used: EcoLogits 0.11.3 "
    "(ecologits/data/video_models.json) puts a 720p clip at about 200 Wh for Sora 2 Pro (97 frames) and 190 Wh "
    "for Runway Gen-4.5 (121 frames) per 8-GPU server, inside this range, and 13 Wh for Veo 3 on TPUs, below it. "
    "Product aliases: Sora, Veo, Runway, Kling and Seedance are closed and unmeasured; this row stands for them and "
    "is the typical video model (data/tasks.csv).")


def _blank() -> dict:
    return {c: "" for c in COLUMNS}


def _fmt(x: float) -> str:
    return f"{x:g}"


def geometric_mean(low: float, high: float) -> float:
    """Middle of a range spanning a factor of several, taken on a log scale; rounded as the EcoLogits rows are."""
    g = math.sqrt(low * high)
    return round(g) if g >= 10 else round(g, 1)


def _llm_row(mid, name, fam, open_, arch, total, active, estimate, cls, aliases, source, note) -> dict:
    return {**_blank(), "model_id": mid, "name": name, "task": "llm", "family": fam, "open_weights": open_,
            "architecture": arch, "total_params_b_low": total[0], "total_params_b_central": total[1],
            "total_params_b_high": total[2], "active_params_b_low": active[0], "active_params_b_central": active[1],
            "active_params_b_high": active[2], "size_is_estimate": estimate, "size_class": cls, "aliases": aliases,
            "source_title": source[0], "source_publisher": source[1], "source_year": source[2],
            "source_url": source[3], "note": note}


def open_llm_rows() -> list[dict]:
    rows = []
    for mid, name, fam, arch, total, active, cls, url, aliases, note, year in LLMS:
        act = active if active is not None else total
        rows.append(_llm_row(mid, name, fam, "yes", arch, (total,) * 3, (act,) * 3, "no", cls, aliases,
                             (f"{name} model card", HF[1], year, url), note or "Published parameter count."))
    return rows


def ecologits_rows() -> list[dict]:
    rows = []
    for mid, name, fam, arch, total, active, cls, aliases, extra in CLOSED:
        rows.append(_llm_row(mid, name, fam, "no", arch, total, active if active is not None else total, "yes", cls,
                             aliases, ECO, ECO_NOTE + extra))
    return rows


def grok_rule() -> dict:
    """Total = the range of sizes xAI's CEO stated; active = EcoLogits' 10-30 % share; centrals on a log scale."""
    lo, hi = GROK_TOTAL_B
    act_lo, act_hi = lo * ECO_ACTIVE_SHARE[0], hi * ECO_ACTIVE_SHARE[1]
    return _llm_row("grok-4", "Grok 4 (size estimated)", "grok-4", "no", "moe",
                    (lo, geometric_mean(lo, hi), hi), (act_lo, geometric_mean(act_lo, act_hi), act_hi), "yes",
                    "frontier", "Grok;grok-4.3;grok-4.20;xAI", GROK_SOURCE,
                    "Size not released by xAI in a model card. Judgement: total = the range of sizes xAI's CEO stated "
                    "in public for the Grok 4 line (about 0.5T for the Grok 4.3 beta, 1T for Grok 4.4, about 3T for "
                    "Grok 3/4), reported by the press, not a specification; active = 10-30 % of the total, EcoLogits' "
                    "rule for closed mixture-of-experts models; centrals are geometric means. The widest LLM range "
                    "in the catalogue, on purpose. Product alias: Grok is xAI's assistant.")


def size_class_rule(cls: str, estimated: list[dict]) -> tuple[float, float, float]:
    """Active-parameter range of a size class = the widest range EcoLogits gives closed dense rows of that class."""
    dense = [r for r in estimated if r["size_class"] == cls and r["architecture"] == "dense"
             and r["source_title"] == ECO[0]]
    lo = min(float(r["active_params_b_low"]) for r in dense)
    hi = max(float(r["active_params_b_high"]) for r in dense)
    return lo, geometric_mean(lo, hi), hi


def muse_spark_row(estimated: list[dict]) -> dict:
    size = size_class_rule("medium", estimated)
    return _llm_row("muse-spark", "Meta Muse Spark (size class estimated)", "muse", "no", "dense", size, size, "yes",
                    "medium", "Meta AI;meta-ai;Muse", MUSE_SOURCE,
                    "No size or estimate published. Meta describes Muse Spark as small and fast, so the medium size "
                    "class applies: its range is the widest EcoLogits gives the catalogue's closed dense medium rows "
                    "(size_class_rule in data/build/build_models.py; judgement, treated as dense). Product alias: "
                    "Muse Spark replaced Llama behind the Meta AI app and meta.ai on 2026-04-08.")


def _measured(meas: dict, mid: str) -> dict:
    return next(r for r in meas.values() if r["model_id"] == mid and r["use"] == "reference")


def reference_pipeline_low_rule(meas: dict) -> float:
    """Smallest ML.ENERGY / Delavande per-step GPU-energy ratio over the models both measured."""
    ratios = []
    for vkeb_id, mle_id in CROSS_STUDY_PAIRS:
        v, m = meas[vkeb_id], meas[mle_id]
        ratios.append((float(m["energy_wh_per_item"]) / float(m["steps"]))
                      / (float(v["energy_wh_per_item"]) / float(v["steps"])))
    return min(ratios)


def diffusion_rows(meas: dict) -> list[dict]:
    rows = []
    low_factor = reference_pipeline_low_rule(meas)
    for task, table in (("image", DIFFUSION), ("video", VIDEO)):
        for mid, name, fam, cls, params, aliases, url in table:
            m = _measured(meas, mid)
            e = m["energy_wh_per_item"]
            low = f"{float(e) * low_factor:.6g}" if mid in REFERENCE_PIPELINE else e
            frames = m["frames"] or V2_FRAMES.get(mid, ("", ""))[0]
            fps = m["fps"] or V2_FRAMES.get(mid, ("", ""))[1]
            card_fps, clip_s, card_note = VIDEO_CARD.get(mid, (fps, "", ""))
            src = {"mle3": MLE3, "mle2": MLE2, "vkeb": VKEB}[m["measurement_id"].split("-")[0]]
            where = ("in its reference Hugging Face pipeline with CPU offload on one H100 at batch 1"
                     if mid in REFERENCE_PIPELINE else "on one H100 at batch 1")
            note = (f"Reference energy measured {where} ({m['measurement_id']}); parameters from {url}."
                    + (" Frames/fps: model default (16 frames at 8 fps), judgement." if mid in V2_FRAMES else "")
                    + (" " + card_note if card_note else "")
                    + (f" Low = measured x {low_factor:.3g}: the reference pipeline can use several times what an "
                       "optimised stack uses (rule in data/build/build_models.py, REFERENCE_PIPELINE)."
                       if mid in REFERENCE_PIPELINE else "")
                    + f" Default steps {CARD_STEPS[mid][0]}: {CARD_STEPS[mid][1]}.")
            rows.append({**_blank(), "model_id": mid, "name": name, "task": task, "family": fam, "open_weights": "yes",
                         "architecture": "diffusion", "total_params_b_low": params, "total_params_b_central": params,
                         "total_params_b_high": params, "active_params_b_low": params,
                         "active_params_b_central": params, "active_params_b_high": params,
                         "size_is_estimate": "no", "size_class": cls, "measurement_id": m["measurement_id"],
                         "ref_energy_wh_gpu_low": low, "ref_energy_wh_gpu_central": e, "ref_energy_wh_gpu_high": e,
                         "ref_width": m["width"], "ref_height": m["height"], "ref_steps": m["steps"],
                         "ref_frames": frames, "ref_fps": card_fps, "ref_clip_seconds": clip_s, "aliases": aliases,
                         "default_steps": CARD_STEPS[mid][0],
                         "source_title": src[0], "source_publisher": src[1], "source_year": src[2], "source_url": src[3],
                         "note": note})
    return rows


def closed_image_rule(rows: list[dict]) -> dict:
    """Low = SD 3.5 Large, central = FLUX.1-dev (largest measured open model), high = 3 x FLUX.1-dev."""
    flux = next(r for r in rows if r["model_id"] == "flux.1-dev")
    sd35l = next(r for r in rows if r["model_id"] == "sd3.5-large")
    high = float(flux["ref_energy_wh_gpu_central"]) * 3
    return {**_blank(), "model_id": "closed-image-large", "name": "Large closed image model (e.g. GPT Image, Imagen; estimated)",
            "task": "image", "family": "closed-image", "open_weights": "no", "architecture": "diffusion",
            "size_is_estimate": "yes", "size_class": "large",
            "ref_energy_wh_gpu_low": sd35l["ref_energy_wh_gpu_central"],
            "ref_energy_wh_gpu_central": flux["ref_energy_wh_gpu_central"],
            "ref_energy_wh_gpu_high": f"{high:.6g}", "ref_width": "1024", "ref_height": "1024", "ref_steps": "50",
            "default_steps": "50", "aliases": CLOSED_IMAGE_ALIASES,
            "source_title": MLE3[0], "source_publisher": MLE3[1], "source_year": MLE3[2], "source_url": MLE3[3],
            "note": CLOSED_IMAGE_NOTE}


def closed_video_rule(rows: list[dict]) -> dict:
    """Reference settings and central = HunyuanVideo (largest measured open 720p model); low = /3, high = x3."""
    hv = next(r for r in rows if r["model_id"] == "hunyuanvideo")
    central = float(hv["ref_energy_wh_gpu_central"])
    return {**_blank(), "model_id": "closed-video-large",
            "name": "Large closed video model (e.g. Sora, Veo, Runway; estimated)", "task": "video",
            "family": "closed-video", "open_weights": "no", "architecture": "diffusion", "size_is_estimate": "yes",
            "size_class": "large", "ref_energy_wh_gpu_low": f"{central / 3:.6g}",
            "ref_energy_wh_gpu_central": hv["ref_energy_wh_gpu_central"], "ref_energy_wh_gpu_high": f"{central * 3:.6g}",
            **{c: hv[c] for c in ("ref_width", "ref_height", "ref_steps", "ref_frames", "ref_fps", "ref_clip_seconds",
                                  "default_steps")},
            "aliases": CLOSED_VIDEO_ALIASES,
            "source_title": MLE3[0], "source_publisher": MLE3[1], "source_year": MLE3[2], "source_url": MLE3[3],
            "note": CLOSED_VIDEO_NOTE}


def summarizer_rows() -> list[dict]:
    return [{**_blank(), "model_id": mid, "name": name, "task": "summarizer", "family": fam,
             "open_weights": "yes", "architecture": "seq2seq", "total_params_b_low": params,
             "total_params_b_central": params, "total_params_b_high": params, "active_params_b_low": params,
             "active_params_b_central": params, "active_params_b_high": params, "size_is_estimate": "no",
             "size_class": "small", "source_title": f"{name} model card", "source_publisher": HF[1],
             "source_year": HF[2], "source_url": url,
             "note": "Task-specific encoder-decoder summarizer; per-token energy extrapolated below the measured LLM range."}
            for mid, name, fam, params, url in SUMMARIZERS]


def build_rows(data_dir: Path = DATA) -> list[dict]:
    """Every catalogue row, in file order, with numbers formatted as the CSV stores them."""
    with (data_dir / "measurements.csv").open(newline="", encoding="utf-8") as f:
        meas = {r["measurement_id"]: r for r in csv.DictReader(f)}
    closed = ecologits_rows()
    diffusion = diffusion_rows(meas)
    image = [r for r in diffusion if r["task"] == "image"]
    video = [r for r in diffusion if r["task"] == "video"]
    rows = (open_llm_rows() + closed + [grok_rule(), muse_spark_row(closed)] + summarizer_rows()
            + image + [closed_image_rule(image)] + video + [closed_video_rule(video)])
    for r in rows:
        for c in COLUMNS:
            if isinstance(r[c], float | int):
                r[c] = _fmt(r[c])
    return rows + added_rows(data_dir, {r["model_id"] for r in rows})


def added_rows(data_dir: Path, built_ids: set[str]) -> list[dict]:
    """Rows someone added at the end of models.csv by hand ("Add a model" in the README): kept as written, after
    the rows this script derives, so adding a model is one CSV row and the build still reproduces the file."""
    path = data_dir / "models.csv"
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        committed = list(csv.DictReader(f))
    return [{c: r.get(c) or "" for c in COLUMNS} for r in committed if r["model_id"] not in built_ids]


def render(rows: list[dict]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def first_difference(data_dir: Path = DATA) -> str | None:
    """None when data/models.csv is exactly what build_rows writes; else one line naming the first difference."""
    with (data_dir / "models.csv").open(newline="", encoding="utf-8") as f:
        committed = list(csv.DictReader(f))
    built = build_rows(data_dir)
    for i, (a, b) in enumerate(zip(committed, built, strict=False)):
        for c in COLUMNS:
            if a.get(c, "") != b[c]:
                return f"row {i + 2} ({b['model_id']}): {c} is {a.get(c, '')[:60]!r}, the build gives {b[c][:60]!r}"
    if len(committed) != len(built):
        return f"models.csv has {len(committed)} rows, the build gives {len(built)}"
    return None


def main(argv: list[str]) -> int:
    if "--check" in argv:
        diff = first_difference()
        print(diff or "data/models.csv is what data/build/build_models.py writes")
        return 1 if diff else 0
    rows = build_rows()
    (DATA / "models.csv").write_text(render(rows), encoding="utf-8", newline="")
    print(f"wrote {len(rows)} models")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
