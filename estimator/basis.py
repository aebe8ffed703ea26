"""Is a figure measured or extrapolated? Said for every model, catalogued or custom.

- **measured**: a published measurement of this very model in data/measurements.csv sits at or near
  the request's conditions. LLMs: the model's per-token energy was measured in the request's batch
  regime (rows with use=fit; the figure comes from the size fit those rows anchor). Image and video
  models: the model's reference run (models.csv measurement_id), with the request's resolution,
  steps and frames each within ``measured_if_within_factor`` (data/label_rules.csv) of that run.
- **extrapolated**: everything else: closed models (size estimated), custom models, models with no
  measurement in this regime, and requests scaled far from the measured run.

The kind is language-neutral (``measured`` | ``extrapolated``, the JSON/CSV key ``figure_basis``);
the reason is one short English sentence for people.
"""

from __future__ import annotations

from dataclasses import dataclass

from .data import DataBundle, Measurement, Model
from .scenario import Scenario

MEASURED, EXTRAPOLATED = "measured", "extrapolated"
KINDS = (MEASURED, EXTRAPOLATED)


@dataclass(frozen=True)
class FigureBasis:
    kind: str  # measured | extrapolated
    reason: str  # one short sentence
    measurement_ids: tuple[str, ...] = ()  # the rows behind a "measured" figure

    @property
    def words(self) -> str:
        return "Measured model" if self.kind == MEASURED else "Extrapolated estimate"


def _title(m: Measurement) -> str:
    """The measurement's source title without its bracketed detail ("The ML.ENERGY Leaderboard v3.0")."""
    return m.source.title.split(" (")[0]


def _llm_measurements(model: Model, batch: str, data: DataBundle) -> list[Measurement]:
    """This model's per-token measurements in the request's batch regime (the rows the size fit uses)."""
    return [m for m in data.measurements.values()
            if m.model_id == model.model_id and m.use == "fit" and m.batch_regime == batch]


def _llm_basis(model: Model, s: Scenario, data: DataBundle) -> FigureBasis:
    fit = data.llm_fits[s.batch]
    fit_words = f"the per-token size fit ({fit.n_models} measured models)"
    if model.model_id == "custom":
        return FigureBasis(EXTRAPOLATED, f"From your parameter count through {fit_words}.")
    rows = _llm_measurements(model, s.batch, data)
    if rows:
        return FigureBasis(MEASURED, f"{_title(rows[0])} measured this model at this load; the figure comes from "
                                     f"{fit_words} that includes it.",
                           tuple(m.measurement_id for m in rows))
    if model.size_is_estimate:
        return FigureBasis(EXTRAPOLATED, f"From an estimated size through {fit_words}; the maker publishes no "
                                         "size or energy figure.")
    return FigureBasis(EXTRAPOLATED, f"From its published size through {fit_words}; no measurement of this "
                                     "model at this load.")


def _far_factors(model: Model, s: Scenario) -> list[tuple[str, float]]:
    """(dimension, request / measured run) for resolution, steps and frames."""
    out = [("resolution", s.width * s.height / (model.ref_width * model.ref_height)),
           ("steps", s.steps / model.ref_steps)]
    if s.task == "video":
        out.append(("frames", s.seconds * model.ref_fps / model.ref_frames))
    return out


def _diffusion_basis(model: Model, s: Scenario, data: DataBundle) -> FigureBasis:
    if model.model_id == "custom":
        fit = data.diffusion_fits[model.task]
        return FigureBasis(EXTRAPOLATED, f"From your parameter count through the {model.task} size fit "
                                         f"({fit.n_models} measured models).")
    if not model.measurement_id:
        return FigureBasis(EXTRAPOLATED, "Scaled from measured open models; the maker publishes no size or "
                                         "energy figure.")
    run = data.measurements[model.measurement_id]
    limit = data.label_rules["measured_if_within_factor"].value.central
    far = [(name, f) for name, f in _far_factors(model, s) if not 1 / limit <= f <= limit]
    if far:
        said = ", ".join(f"{name} ×{f:.2g}" for name, f in far)
        return FigureBasis(EXTRAPOLATED, f"Scaled beyond ×{limit:g} from a measured run ({_title(run)}): {said}.")
    return FigureBasis(MEASURED, f"{_title(run)} measured this model; the figure is scaled from that run to your "
                                 "settings.", (run.measurement_id,))


def figure_basis(model: Model, scenario: Scenario, data: DataBundle) -> FigureBasis:
    """Measured or extrapolated, with a short reason, for a resolved scenario's model."""
    if model.task in ("image", "video"):
        return _diffusion_basis(model, scenario, data)
    return _llm_basis(model, scenario, data)


def estimate_basis(e, data: DataBundle) -> FigureBasis:
    """The basis of an Estimate's figure."""
    return figure_basis(e.model, e.scenario, data)
