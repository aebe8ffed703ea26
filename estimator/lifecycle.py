"""The life cycle of one request: operation + embodied hardware + amortized training, each with its own range.

- Operation: the datacenter boundary's energy × the grid's carbon intensity (the only part the grid moves).
- Embodied hardware: the manufacturing footprint of the GPU and its share of the server, spread over the
  hours the hardware serves in its life, times the GPU-slot hours the request holds (data/embodied.csv).
- Amortized training: the model's training emissions spread over the requests it serves in its life
  (data/training.csv, per task and size class).

Embodied and training grams are emitted where the hardware was made and the model trained, so they do not
depend on the grid the request runs on.
"""

from __future__ import annotations

from .data import DataBundle, Hardware, Model
from .errors import EstimatorError
from .i18n import Translator, translator
from .uncertainty import Range

PARTS = ("operation", "embodied_hardware", "amortized_training")  # language-neutral keys (JSON, CSV, Estimate.parts)
PART_WORDS = {"operation": "Operation (electricity at the datacenter)", "embodied_hardware": "Embodied hardware",
              "amortized_training": "Amortized training"}
TRAINING_JUDGEMENT = ("Amortized training is a judgement: the model's training emissions are spread over the number "
                      "of requests it will serve in its life, which no developer publishes, so that part's range is wide.")



def part_words(key: str, t: Translator | None = None) -> str:
    """A life-cycle part's name in the reader's language (PART_WORDS is the English, kept for the JSON)."""
    t = t or translator("en")
    words = {"operation": t._("Operation (electricity at the datacenter)"),
             "embodied_hardware": t._("Embodied hardware"),
             "amortized_training": t._("Amortized training")}
    return words[key]


def training_judgement(t: Translator | None = None) -> str:
    """Why amortized training is a judgement, in the reader's language (TRAINING_JUDGEMENT is the English)."""
    t = t or translator("en")
    return t._("Amortized training is a judgement: the model's training emissions are spread over the number "
               "of requests it will serve in its life, which no developer publishes, so that part's range is wide.")


# Unit conversions, not figures of the estimate.
G_PER_KG = 1_000.0
G_PER_TONNE = 1_000_000.0
HOURS_PER_YEAR = 24 * 365


def slot_hours_per_unit(gpu_energy_h100_wh: Range, gpu_draw_w: Range, runtime_factor: Range,
                        host_time_factor: Range) -> Range:
    """GPU-slot hours a request holds = GPU energy on H100 / average GPU draw (GPU-busy hours) × the hardware's
    runtime factor × the fleet's host time factor (the request holds its slot for its whole time)."""
    return gpu_energy_h100_wh / gpu_draw_w * runtime_factor * host_time_factor


def embodied_g_per_slot_hour(gpu_embodied_kg: Range, host_embodied_kg_per_gpu: Range, lifetime_years: Range,
                             utilisation: Range) -> Range:
    """Manufacturing grams per GPU-slot hour of service = (GPU + its share of the server) kg × 1000 /
    (lifetime years × 8760 h × share of the life spent serving)."""
    return (gpu_embodied_kg + host_embodied_kg_per_gpu) * G_PER_KG / (lifetime_years * HOURS_PER_YEAR * utilisation)


def embodied_hardware_g(slot_hours: Range, g_per_slot_hour: Range) -> Range:
    """Embodied grams of one request = slot hours it holds × manufacturing grams per slot hour."""
    return slot_hours * g_per_slot_hour


def amortized_training_g(training_tco2e: Range, lifetime_requests: Range) -> Range:
    """Training grams of one request = training t CO2e × 10⁶ / requests the model serves in its life."""
    return training_tco2e * G_PER_TONNE / lifetime_requests


def training_row(model: Model, data: DataBundle) -> tuple[Range, Range]:
    """(training t CO2e, lifetime requests) for the model's task and size class (data/training.csv)."""
    lc = data.lifecycle
    row = lc.training_tco2e.get((model.task, model.size_class))
    requests = lc.lifetime_requests.get(model.task)
    if row is None or requests is None:
        raise EstimatorError(f"no training figure for a {model.size_class!r} {model.task} model ({model.model_id})",
                             "use another boundary, or add a row to data/training.csv")
    return row.value, requests.value


def non_grid_parts_g(gpu_energy_h100_wh: Range, task: str, model: Model, hardware: Hardware,
                     data: DataBundle) -> dict[str, Range]:
    """Embodied hardware and amortized training grams of one unit: neither depends on the grid."""
    lc = data.lifecycle
    draw = data.coefficient("gpu_draw_w_llm" if task in ("chat", "summarize") else "gpu_draw_w_diffusion")
    hours = slot_hours_per_unit(gpu_energy_h100_wh, draw, hardware.runtime_factor, data.coefficient("host_time_factor"))
    per_hour = embodied_g_per_slot_hour(lc.gpu_embodied_kg[hardware.hardware_id].value,
                                        lc.embodied["host_embodied_kg_per_gpu"].value,
                                        lc.embodied["hardware_lifetime_years"].value,
                                        lc.embodied["hardware_utilisation"].value)
    training, requests = training_row(model, data)
    return {"embodied_hardware": embodied_hardware_g(hours, per_hour),
            "amortized_training": amortized_training_g(training, requests)}


def lifecycle_g(parts: dict[str, Range]) -> Range:
    """Life-cycle grams = operation + embodied hardware + amortized training."""
    return parts["operation"] + parts["embodied_hardware"] + parts["amortized_training"]


def sources(model: Model, hardware: Hardware, data: DataBundle) -> list:
    """The data rows behind the embodied and training parts."""
    lc = data.lifecycle
    out = [lc.gpu_embodied_kg[hardware.hardware_id].source]
    out += [c.source for c in lc.embodied.values()]
    row = lc.training_tco2e.get((model.task, model.size_class))
    if row is not None:
        out.append(row.source)
    if model.task in lc.lifetime_requests:
        out.append(lc.lifetime_requests[model.task].source)
    return out
