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
from .i18n import Translator, translator
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
        return self.words_in()

    def words_in(self, t: Translator | None = None) -> str:
        """"Measured model" / "Extrapolated estimate" in the reader's language."""
        t = t or translator("en")
        return t._("Measured model") if self.kind == MEASURED else t._("Extrapolated estimate")


def _title(m: Measurement) -> str:
    """The measurement's source title without its bracketed detail ("The ML.ENERGY Leaderboard v3.0")."""
    return m.source.title.split(" (")[0]


def _llm_measurements(model: Model, batch: str, data: DataBundle) -> list[Measurement]:
    """This model's per-token measurements in the request's batch regime (the rows the size fit uses)."""
    return [m for m in data.measurements.values()
            if m.model_id == model.model_id and m.use == "fit" and m.batch_regime == batch]


def _llm_basis(model: Model, s: Scenario, data: DataBundle, t: Translator) -> FigureBasis:
    fit = data.llm_fits[s.batch]
    n = fit.n_models
    fields = {"n": t.count(n)}
    if model.model_id == "custom":
        return FigureBasis(EXTRAPOLATED, t._n("From your parameter count through the per-token size fit ({n} measured "
                                              "model).", "From your parameter count through the per-token size fit "
                                              "({n} measured models).", n, **fields))
    rows = _llm_measurements(model, s.batch, data)
    if rows:
        return FigureBasis(MEASURED, t._n("{source} measured this model at this load; the figure comes from the "
                                          "per-token size fit ({n} measured model) that includes it.",
                                          "{source} measured this model at this load; the figure comes from the "
                                          "per-token size fit ({n} measured models) that includes it.", n,
                                          source=_title(rows[0]), **fields),
                           tuple(m.measurement_id for m in rows))
    if model.size_is_estimate:
        return FigureBasis(EXTRAPOLATED, t._n("From an estimated size through the per-token size fit ({n} measured "
                                              "model); the maker publishes no size or energy figure.",
                                              "From an estimated size through the per-token size fit ({n} measured "
                                              "models); the maker publishes no size or energy figure.", n, **fields))
    return FigureBasis(EXTRAPOLATED, t._n("From its published size through the per-token size fit ({n} measured "
                                          "model); no measurement of this model at this load.",
                                          "From its published size through the per-token size fit ({n} measured "
                                          "models); no measurement of this model at this load.", n, **fields))


def _far_factors(model: Model, s: Scenario) -> list[tuple[str, float]]:
    """(dimension, request / measured run) for resolution, steps and frames."""
    out = [("resolution", s.width * s.height / (model.ref_width * model.ref_height)),
           ("steps", s.steps / model.ref_steps)]
    if s.task == "video":
        out.append(("frames", s.seconds * model.ref_fps / model.ref_frames))
    return out


def _dimension(name: str, t: Translator) -> str:
    return {"resolution": t._("resolution"), "steps": t._("steps"), "frames": t._("frames")}[name]


def _g2(x: float, t: Translator) -> str:
    """A factor to two significant figures as Python's {:.2g} writes it, with the locale's decimal sign."""
    text = f"{x:.2g}"
    return t.number(float(text)) if "e" not in text else text


def _diffusion_basis(model: Model, s: Scenario, data: DataBundle, t: Translator) -> FigureBasis:
    if model.model_id == "custom":
        fit = data.diffusion_fits[model.task]
        n, fields = fit.n_models, {"n": t.count(fit.n_models)}
        if model.task == "video":
            return FigureBasis(EXTRAPOLATED, t._n("From your parameter count through the video size fit ({n} "
                                                  "measured model).", "From your parameter count through the video "
                                                  "size fit ({n} measured models).", n, **fields))
        return FigureBasis(EXTRAPOLATED, t._n("From your parameter count through the image size fit ({n} measured "
                                              "model).", "From your parameter count through the image size fit ({n} "
                                              "measured models).", n, **fields))
    if not model.measurement_id:
        return FigureBasis(EXTRAPOLATED, t._("Scaled from measured open models; the maker publishes no size or "
                                             "energy figure."))
    run = data.measurements[model.measurement_id]
    limit = data.label_rules["measured_if_within_factor"].value.central
    far = [(name, f) for name, f in _far_factors(model, s) if not 1 / limit <= f <= limit]
    if far:
        said = t._(", ").join(t._("{dimension} ×{factor}", dimension=_dimension(name, t), factor=_g2(f, t))
                              for name, f in far)
        limit_text = _g2(limit, t) if t.lang != "en" else "%g" % limit
        return FigureBasis(EXTRAPOLATED, t._("Scaled beyond ×{limit} from a measured run ({source}): {factors}.",
                                             limit=limit_text,
                                             source=_title(run), factors=said))
    return FigureBasis(MEASURED, t._("{source} measured this model; the figure is scaled from that run to your "
                                     "settings.", source=_title(run)), (run.measurement_id,))


def figure_basis(model: Model, scenario: Scenario, data: DataBundle, t: Translator | None = None) -> FigureBasis:
    """Measured or extrapolated, with a short reason (in the reader's language; English by default), for a
    resolved scenario's model."""
    t = t or translator("en")
    if model.task in ("image", "video"):
        return _diffusion_basis(model, scenario, data, t)
    return _llm_basis(model, scenario, data, t)


def estimate_basis(e, data: DataBundle, t: Translator | None = None) -> FigureBasis:
    """The basis of an Estimate's figure."""
    return figure_basis(e.model, e.scenario, data, t)
