"""Serving conditions of a request: the mode (production or self-hosted) and the weights' numeric precision.

The physics lives in llm.py and diffusion.py; this module only names the choices and says which
precision applies to a model (METHODOLOGY §1.1).
"""

from __future__ import annotations

from .data import REFERENCE_PRECISION, DataBundle, Model

# production: a provider's batched serving (today's estimate; Scenario.batch is the load within it).
# self-hosted: one request at a time with the GPUs to itself (a lab, a company server, a home GPU).
MODES = ("production", "self-hosted")
MODE_LABELS = {"production": "Production service (batched)", "self-hosted": "Self-hosted, one at a time"}  # short: a select box shows ~30 characters
PRECISION_TASKS = ("chat", "summarize")  # precision is modelled for text models only (METHODOLOGY §1.1)
AS_SERVED = "as served"


def served_precision_id(model: Model, data: DataBundle) -> str:
    """The precision a model is served in (data/model_precision.csv); BF16 when the model has no row,
    because the per-token fit was measured in BF16 and most open models ship BF16 weights."""
    return data.model_precisions.get(model.model_id, REFERENCE_PRECISION)


def effective_precision_id(precision: str | None, model: Model, data: DataBundle) -> str:
    """The precision an estimate uses: the one asked for, else the model's own."""
    return precision if precision else served_precision_id(model, data)


def bits_per_weight(precision_id: str, data: DataBundle) -> float:
    return data.precisions[precision_id].bits_per_weight
