"""Serving conditions of a request: the mode (production or self-hosted) and the weights' numeric precision.

The physics lives in llm.py and diffusion.py; this module only names the choices and says which
precision applies to a model (METHODOLOGY §1.1).
"""

from __future__ import annotations

from .data import REFERENCE_PRECISION, DataBundle, Model
from .i18n import Translator, translator

# production: a provider's batched serving (today's estimate; Scenario.batch is the load within it).
# self-hosted: one request at a time with the GPUs to itself (a lab, a company server, a home GPU).
MODES = ("production", "self-hosted")
MODE_LABELS = {"production": "Production service (batched)", "self-hosted": "Self-hosted, one at a time"}  # short: a select box shows ~30 characters
PRECISION_TASKS = ("chat", "summarize")  # precision is modelled for text models only (METHODOLOGY §1.1)
AS_SERVED = "as served"


def _t(t: Translator | None) -> Translator:
    return t if t is not None else translator("en")


def mode_label(mode: str, t: Translator | None = None) -> str:
    """MODE_LABELS in the reader's language (a select box's option)."""
    t = _t(t)
    if mode == "production":
        return t._("Production service (batched)")
    if mode == "self-hosted":
        return t._("Self-hosted, one at a time")
    return MODE_LABELS.get(mode, mode)


def precision_option_label(precision: str, data: DataBundle, t: Translator | None = None) -> str:
    """A precision box's option: "As served (the model's own)" or the format's label (data/precision.csv)."""
    t = _t(t)
    if precision == AS_SERVED:
        return t._("As served (the model's own)")
    from .i18n.names import precision_label

    return precision_label(data.precisions[precision], t)


def batch_label(batch: str, data: DataBundle, t: Translator | None = None) -> str:
    """A serving load (data/llm_fit.csv, column label) in the reader's language. English is the data's own label;
    a row whose label is not the one translated here (added or reworded later) keeps its English label."""
    t = _t(t)
    label = data.llm_fits[batch].label
    if t.lang == "en":
        return label
    words = {
        "Large batches (energy-optimal serving)": t._p("llm_fit.label", "Large batches (energy-optimal serving)"),
        "Typical load (64 concurrent requests)": t._p("llm_fit.label", "Typical load (64 concurrent requests)"),
        "Low load (smallest batches measured)": t._p("llm_fit.label", "Low load (smallest batches measured)"),
    }
    return words.get(label, label)


def served_precision_id(model: Model, data: DataBundle) -> str:
    """The precision a model is served in (data/model_precision.csv); BF16 when the model has no row,
    because the per-token fit was measured in BF16 and most open models ship BF16 weights."""
    return data.model_precisions.get(model.model_id, REFERENCE_PRECISION)


def effective_precision_id(precision: str | None, model: Model, data: DataBundle) -> str:
    """The precision an estimate uses: the one asked for, else the model's own."""
    return precision if precision else served_precision_id(model, data)


def bits_per_weight(precision_id: str, data: DataBundle) -> float:
    return data.precisions[precision_id].bits_per_weight
