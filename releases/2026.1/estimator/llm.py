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
