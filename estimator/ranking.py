"""Every catalogued model for a task, at the person's own workload, sorted by grams: the list of flights.

One row per model of the task (data/tasks.csv model_tasks), each an ordinary estimate of the person's
scenario with only the model changed: the same workload, count, region, hardware, datacenter, serving
load and boundary. A diffusion model keeps its own default steps unless the person set the steps
(step counts are part of a model's recipe, as in the label's model swaps). A custom model, when it is
the person's choice, is listed too. Each row carries its range, its label category against the task's
typical option (label.classify on the correlated ratio) and whether its figure is measured or
extrapolated (basis.py).

    python -m estimator rank --task chat --region FR --format csv
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .basis import FigureBasis, figure_basis
from .data import DataBundle, Model, load_data
from .errors import EstimatorError
from .estimate import Estimate, estimate, resolved
from .i18n import Translator, translator
from .label import classify, typical_scenario
from .present import round_sig
from .scenario import Scenario
from .uncertainty import Range, ratio


@dataclass(frozen=True)
class Ranked:
    rank: int  # 1 = fewest grams
    estimate: Estimate
    category: str  # lower | typical | higher, against the task's typical option
    ratio_to_typical: Range  # option / typical, shared inputs cancelled
    basis: FigureBasis
    is_current: bool  # the model the person chose (or the typical one when they chose none)

    @property
    def model(self) -> Model:
        return self.estimate.model


def _model_scenario(s: Scenario, current: Model, other: Model) -> Scenario:
    """The person's resolved scenario with another model; steps follow the model unless set by hand."""
    changes: dict = {"model": other.model_id}
    if s.task in ("image", "video") and s.steps == current.default_steps:
        changes["steps"] = None
    return s.with_(**changes)


def ranking(scenario: Scenario | None = None, data: DataBundle | None = None, **fields) -> tuple[Ranked, ...]:
    """Every model of the scenario's task at its workload, fewest grams first (ties by name)."""
    return ranking_with_left_out(scenario, data, **fields)[0]


def ranking_with_left_out(scenario: Scenario | None = None, data: DataBundle | None = None,
                          **fields) -> tuple[tuple[Ranked, ...], tuple[tuple[str, str], ...]]:
    """The ranking, plus (model name, reason) for each model that cannot run this workload at all
    (a clip shorter than one of its frames): left out and said, never estimated at other settings."""
    data = data or load_data()
    scenario = (scenario or Scenario()).with_(**fields) if fields else (scenario or Scenario())
    r = resolved(scenario, data)
    s, current = r.scenario, r.model
    task = data.tasks[s.task]
    typical = estimate(typical_scenario(s.task, s.boundary, data), data)
    models = [m for m in data.models.values() if m.task in task.model_tasks]
    if current.model_id not in data.models:  # a custom model: the person's own, listed among the others
        models.append(current)
    rows, left_out = [], []
    for m in models:
        try:
            e = estimate(s if m.model_id == current.model_id else _model_scenario(s, current, m), data)
        except EstimatorError as exc:  # the person's own model always resolves: only another one lands here
            left_out.append((m.name, exc.message))
            continue
        vs = ratio(e.co2e_g_per_unit, typical.co2e_g_per_unit)
        rows.append((e, classify(vs, data), vs, figure_basis(e.model, e.scenario, data), m.model_id == current.model_id))
    rows.sort(key=lambda x: (x[0].co2e_g.central, x[0].model.name.lower()))
    return tuple(Ranked(i, *row) for i, row in enumerate(rows, start=1)), tuple(left_out)


_TOO_SHORT = re.compile(r"seconds must be at least ([0-9.]+), not ([0-9.]+)")
BASIS_WORDS = {"measured": "Measured", "extrapolated": "Extrapolated"}  # figure_basis kind → the table's word


def basis_word(kind: str, t: Translator | None = None) -> str:
    """"Measured" / "Extrapolated" for a row's figure, in the reader's language (the CSV keeps the kind)."""
    t = t if t is not None else translator("en")
    if kind == "measured":
        return t._("Measured")
    if kind == "extrapolated":
        return t._("Extrapolated")
    return kind


def left_out_reason(why: str, t: Translator | None = None) -> str:
    """Why a model was left out, in the reader's language. The one case a ranking leaves a model out for — a clip
    shorter than one of the model's frames (scenario's "seconds must be at least …") — is said in words; any other
    reason stays as the library wrote it. English (t None) returns ``why`` unchanged."""
    if t is None or t.lang == "en":
        return why
    m = _TOO_SHORT.fullmatch(why.strip())
    if not m:
        return why
    return t._("the clip ({given} s) is shorter than one frame of this model (at least {minimum} s)",
               given=t.number(float(m.group(2))), minimum=t.number(float(m.group(1))))


def _rounded(value: float) -> float | int:
    """Two significant figures (present.round_sig), a whole number written as an integer."""
    v = round_sig(value)
    return int(v) if float(v).is_integer() else v


def ranking_records(rows: tuple[Ranked, ...]) -> list[dict]:
    """One flat dict per row (JSON and CSV alike), rounded as the range justifies, language-neutral keys."""
    out = []
    for row in rows:
        e = row.estimate
        co2e = {k: _rounded(v) for k, v in e.co2e_g.as_dict().items()}
        energy = {k: _rounded(v) for k, v in e.energy_wh.as_dict().items()}
        out.append({
            "rank": row.rank, "model_id": e.model.model_id, "model_name": e.model.name,
            "current": row.is_current, "size_is_estimate": e.model.size_is_estimate,
            "co2e_g_low": co2e["low"], "co2e_g_central": co2e["central"], "co2e_g_high": co2e["high"],
            "energy_wh_low": energy["low"], "energy_wh_central": energy["central"], "energy_wh_high": energy["high"],
            "label_category": row.category,
            "ratio_to_typical_low": _rounded(row.ratio_to_typical.low),
            "ratio_to_typical_central": _rounded(row.ratio_to_typical.central),
            "ratio_to_typical_high": _rounded(row.ratio_to_typical.high),
            "figure_basis": row.basis.kind, "figure_basis_reason": row.basis.reason,
            "task": e.scenario.task, "region": e.zone.zone_id, "boundary": e.boundary, "count": int(e.scenario.count) if float(e.scenario.count).is_integer() else e.scenario.count,
            "methodology_version": e.methodology_version, "data_hash": e.data_hash,
        })
    return out
