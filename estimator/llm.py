"""Energy of one LLM request: decode (output tokens) and prefill (input tokens), GPU only, on H100.

Steps, one function each:
1. ``decode_energy_per_token_j`` — GPU joules per output token from the size fit (data/llm_fit.csv).
2. ``token_equivalents`` — input tokens weighted by the prefill/decode energy ratio, plus output tokens.
3. ``llm_gpu_energy_wh`` — (1) × (2) in watt-hours.
"""

from __future__ import annotations

import math

from .data import LlmFit
from .uncertainty import Range

J_PER_WH = 3600.0


def decode_energy_per_token_j(fit: LlmFit, active_params_b: Range, total_params_b: Range, z: float) -> Range:
    """GPU energy per output token [J] on H100 for a model of the given size.

    E = exp(a) · P_active^b · P_total^c   (fit on ML.ENERGY leaderboard v3, see estimator/fit.py)

    The fit's own scatter enters as the 90 % prediction interval ±z·σ·sqrt(1 + x'(X'X)⁻¹x),
    which widens for sizes outside the measured range; uncertain model sizes (closed models)
    add their own spread through the exponents.
    """
    x1 = math.log(active_params_b.central)
    x2 = math.log(total_params_b.central)
    v00, v01, v02, v11, v12, v22 = fit.xtx_inv
    leverage = v00 + 2 * v01 * x1 + 2 * v02 * x2 + v11 * x1 * x1 + 2 * v12 * x1 * x2 + v22 * x2 * x2
    spread = z * fit.residual_sd_log * math.sqrt(1 + leverage)
    scatter = Range(math.exp(-spread), 1.0, math.exp(spread), (("per-token energy fit (model-to-model scatter)", spread, spread),))
    size = (active_params_b ** fit.exponent_active) * (total_params_b ** fit.exponent_total)
    return size * scatter * math.exp(fit.intercept)


def token_equivalents(input_tokens: Range, output_tokens: Range, prefill_ratio: Range) -> Range:
    """Output tokens plus input tokens weighted by (energy per input token / energy per output token)."""
    return output_tokens + input_tokens * prefill_ratio


def llm_gpu_energy_wh(energy_per_token_j: Range, token_equivalents_count: Range) -> Range:
    """GPU energy of one request [Wh] = J per output token × decode-equivalent tokens / 3600."""
    return energy_per_token_j * token_equivalents_count / J_PER_WH


# --- Serving conditions (METHODOLOGY §1.1): numeric precision, context length, self-hosted mode -------------

BF16_BITS = 16.0  # the per-token fit's measurements were made with BF16 weights (data/precision.csv)
GB = 1e9
TB = 1e12
TERA = 1e12


def precision_energy_factor(bits_per_weight: float, byte_share: Range) -> Range:
    """Per-token decode energy relative to BF16 = (1 − s) + s · bits/16.

    Decode is memory-bound: the share s of its energy that scales with the bytes of weights read
    shrinks with the weights' width; the rest (compute, KV cache, static power) does not. s comes
    from measured BF16/FP8 pairs (coefficients.csv decode_byte_share). Exactly 1 for BF16.
    """
    if bits_per_weight == BF16_BITS:
        return Range.exact(1.0)
    saved = 1.0 - bits_per_weight / BF16_BITS
    values = sorted(1.0 - s * saved for s in (byte_share.low, byte_share.central, byte_share.high))
    return Range.of(values[0], 1.0 - byte_share.central * saved, values[2], "precision energy factor (bytes per weight)")


FULL_ATTENTION = Range.exact(1.0)  # a transformer with attention in every layer: the shape the size rule was fitted on


def kv_bytes_ratio(ratio_8b_per_million: Range, size_exponent: float, total_params_b: float,
                   attention_share: Range = FULL_ATTENTION) -> Range:
    """KV-cache bytes per context token ÷ BF16 weight bytes = r₈ · (P_total / 8B)^−g · a.

    From the attention shapes in the models' config.json (2 · layers · KV heads · head size · 2 bytes)
    against their weights; bigger models keep relatively smaller caches (coefficients.csv). Only attention
    layers keep a cache: a hybrid Mamba–attention model keeps the share a = attention ÷ token-mixing layers
    of it (data/model_attention.csv, from the models' hybrid layer pattern); a = 1 for a full transformer.
    """
    return ratio_8b_per_million * attention_share * (1e-6 * (total_params_b / 8.0) ** -size_exponent)


def mean_decode_context_tokens(input_tokens: float, output_tokens: float) -> float:
    """Tokens in context while decoding, averaged over the answer: the prompt plus half the answer."""
    return input_tokens + output_tokens / 2.0


def context_energy_factor(kv_ratio: Range, concurrency: Range, bits_per_weight: float, context_tokens: float,
                          reference_context_tokens: Range) -> Range:
    """Per-token decode energy at a mean context L relative to the fit's reference context L₀.

    Each decode step reads the weights once for all B requests in the batch and each request's own
    KV cache of L tokens, so bytes per output token ∝ W/B + kv·L = (W/B)·(1 + κL), κ = B · kv/W.
    Lower-precision weights make the (16-bit) cache relatively larger: κ scales by 16/bits.
    factor = max(1, (1 + κL) / (1 + κL₀)); contexts at or below the fit's are left as measured.
    """
    widen = BF16_BITS / bits_per_weight
    kappas = [k * b * widen for k in (kv_ratio.low, kv_ratio.central, kv_ratio.high)
              for b in (concurrency.low, concurrency.central, concurrency.high)]
    refs = (reference_context_tokens.low, reference_context_tokens.central, reference_context_tokens.high)

    def factor(kappa: float, ref: float) -> float:
        return max(1.0, (1.0 + kappa * context_tokens) / (1.0 + kappa * ref))

    central = factor(kv_ratio.central * concurrency.central * widen, reference_context_tokens.central)
    corners = [factor(k, r) for k in kappas for r in refs]
    low, high = min(corners), max(corners)
    if low == central == high:
        return Range.exact(central)
    return Range.of(low, central, high, "context growth (KV-cache reads)")


def gpus_to_hold_weights(total_params_b: float, bits_per_weight: float, gpu_memory_gb: float,
                         usable_share: float) -> int:
    """GPUs a self-hosted model needs: weight bytes ÷ usable memory per GPU, rounded up to a power of two
    (tensor parallelism splits a model over 1, 2, 4, 8 … GPUs)."""
    need = total_params_b * GB * bits_per_weight / 8.0 / (gpu_memory_gb * GB * usable_share)
    return 1 << max(0, math.ceil(math.log2(max(need, 1.0))))


def batch1_decode_seconds(active_params_b: Range, bits_per_weight: float, kv_ratio: Range, total_params_b: float,
                          context_tokens: float, output_tokens: float, gpus: int, bandwidth_tb_s: float,
                          bandwidth_efficiency: Range) -> Range:
    """Time to decode one request alone [s] = output tokens × bytes read per token ÷ achieved bandwidth.

    Alone on the GPUs, each token reads the active weights (at their precision) and the request's
    KV cache (16-bit, mean context L): bytes = P_active · bits/8 + kv · 2 · P_total · L.
    """
    weight_bytes = active_params_b * (GB * bits_per_weight / 8.0)
    cache_bytes = kv_ratio * (2.0 * total_params_b * GB * context_tokens)
    bandwidth = bandwidth_efficiency * (gpus * bandwidth_tb_s * TB)
    return (weight_bytes + cache_bytes) / bandwidth * output_tokens


def batch1_prefill_seconds(active_params_b: Range, input_tokens: float, gpus: int, tflops: float,
                           flops_efficiency: Range) -> Range:
    """Time to read the prompt [s] = 2 · P_active · input tokens FLOPs ÷ achieved FLOP/s (compute-bound)."""
    if input_tokens <= 0:
        return Range.exact(1e-12)  # no prompt: nothing to prefill (a positive stand-in keeps the sum a Range)
    return active_params_b * (2.0 * GB * input_tokens) / (flops_efficiency * (gpus * tflops * TERA))


def node_gpu_energy_wh(gpus: int, gpu_draw_w: Range, seconds: Range) -> Range:
    """GPU energy of a request that has the GPUs to itself [Wh] = GPUs × draw × duration / 3600."""
    return gpu_draw_w * seconds * (gpus / J_PER_WH)
