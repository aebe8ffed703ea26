"""Comparing options side by side: which pairs may be put as a ratio, and one equivalent for every card.

A ratio makes sense only between two options that do the same task (a chat query and an image are
not the same work) at the same boundary. It is taken per unit — per query, image, summary or clip,
each option with its own model, region and size of job — so a comparison always puts the same
amount of work on each side, whatever count each option was given.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .data import DataBundle, Equivalent
from .equivalents import READABLE_MAX, READABLE_MIN, equivalent_amount
from .estimate import Estimate
from .i18n import Translator, translator
from .urlstate import safe_snippet

EQ_PARAM = "eq"  # the Compare page's URL parameter for the shared equivalent
EQ_AUTO = "auto"  # eq=auto (or no eq) = the automatic shared choice


@dataclass(frozen=True)
class PairRatio:
    """Option ``higher`` emits ``times`` × what option ``lower`` emits, per unit of the same task.

    Indices are positions in the list of options; ``times`` is None when the lower option's central
    estimate is zero (no ratio exists then).
    """

    higher: int
    lower: int
    task: str
    times: float | None


def per_unit_ratio(higher: Estimate, lower: Estimate) -> float | None:
    """Central CO2e per unit of ``higher`` ÷ that of ``lower`` (None when the divisor is zero)."""
    below = lower.co2e_g_per_unit.central
    return higher.co2e_g_per_unit.central / below if below > 0 else None


def comparable(a: Estimate, b: Estimate) -> bool:
    """Same task and same boundary: the only pairs whose ratio means 'the same work, done two ways'."""
    return a.scenario.task == b.scenario.task and a.boundary == b.boundary


def same_task_pairs(estimates: Sequence[Estimate]) -> list[PairRatio]:
    """Every comparable pair (i < j in option order), the larger per-unit central over the smaller.

    A tie keeps option order (the earlier option first, ×1).
    """
    pairs: list[PairRatio] = []
    for i, a in enumerate(estimates):
        for j in range(i + 1, len(estimates)):
            b = estimates[j]
            if not comparable(a, b):
                continue
            hi, lo = (i, j) if a.co2e_g_per_unit.central >= b.co2e_g_per_unit.central else (j, i)
            pairs.append(PairRatio(hi, lo, a.scenario.task, per_unit_ratio(estimates[hi], estimates[lo])))
    return pairs


def _distance_to_readable(amount: float) -> float:
    """How many powers of ten an amount lies outside the readable band (0 inside it)."""
    if amount <= 0:
        return math.inf
    if amount < READABLE_MIN:
        return math.log10(READABLE_MIN / amount)
    if amount > READABLE_MAX:
        return math.log10(amount / READABLE_MAX)
    return 0.0


def shared_equivalent(estimates: Sequence[Estimate], data: DataBundle) -> Equivalent | None:
    """One everyday equivalent for every option's total, so the cards can be read side by side.

    The equivalent that reads well (0.1–1,000 units, as on the Estimate page) for the most options;
    among those, the one whose unreadable amounts lie closest to the readable band; then the first by
    display priority in data/equivalents.csv. When the options run on grids of different carbon
    intensity, only CO2e-based equivalents are candidates: an electricity-based one (phone charges)
    would show the same amount for a clean and a dirty grid while the cards' grams differ.
    None only when the table is empty.
    """
    candidates = sorted(data.equivalents.values(), key=lambda e: e.display_priority)
    if len({e.intensity_g_per_kwh.central for e in estimates}) > 1:
        candidates = [eq for eq in candidates if eq.basis == "co2e"] or candidates
    best: tuple | None = None
    for eq in candidates:
        distances = [_distance_to_readable(equivalent_amount(e.co2e_g, e.energy_wh, eq).central) for e in estimates]
        score = (sum(d > 0 for d in distances), sum(distances))
        if best is None or score < best[0]:
            best = (score, eq)
    return best[1] if best else None


def parse_equivalent(params: Mapping, data: DataBundle,
                     t: Translator | None = None) -> tuple[str | None, tuple[str, ...]]:
    """The ``eq`` URL parameter → (equivalent id, notices in the reader's language; None = English); None = the
    automatic shared choice."""
    t = t if t is not None else translator("en")
    raw = params.get(EQ_PARAM)
    if raw is None:
        return None, ()
    values = [raw] if isinstance(raw, str) else list(raw)
    if not values:
        return None, ()
    notices: list[str] = []
    if len(values) > 1:
        notices.append(t._("The link repeats “{param}”; using its first value.", param=EQ_PARAM))
    value = str(values[0]).strip().lower()
    if value in data.equivalents:
        return value, tuple(notices)
    if value == EQ_AUTO:
        return None, tuple(notices)
    known = ", ".join(sorted(data.equivalents, key=lambda k: data.equivalents[k].display_priority))
    notices.append(t._("Ignored {param}=“{value}”: not an everyday equivalent (use {auto} or one of {known}); "
                       "showing the automatic choice.", param=EQ_PARAM, value=safe_snippet(str(values[0])),
                       auto=EQ_AUTO, known=known))
    return None, tuple(notices)
