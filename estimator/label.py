"""The flight-style label: lower / typical / higher than usual for the task, and greener options.

"Typical" follows Google Flights, which compares a flight with the typical flight of its route:
each task names its typical option in data/tasks.csv (the model behind the product most people
use for the task, or the median catalogued model when that product's model is not known; the
rule and its sources are in the table's notes and METHODOLOGY.md §2), and the thresholds are in
data/label_rules.csv, applied to the ratio option / typical with its own range (uncertainty.ratio).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from .data import DataBundle, bundle_for, load_data
from .estimate import Estimate, estimate, gpu_energy_h100_wh
from .grid import GridOverride, HourOption
from .hourly import hours_for
from .scenario import Scenario
from .uncertainty import Range, ratio

CATEGORIES = ("lower", "typical", "higher")
# English words for the JSON, the CSV and the CLI; a reader's words come from estimator.present.label_words, and a
# greener option's ``change`` from estimator.present.change_words (every alternative in data/alternatives.csv).
WORDS = {
    "lower": "Lower than usual for this task",
    "typical": "Typical for this task",
    "higher": "Higher than usual for this task",
}
# Resolution and token counts are whole numbers; images snap to multiples of 8 pixels, as
# latent-diffusion models require.
PIXEL_MULTIPLE = 8


@dataclass(frozen=True)
class GreenerOption:
    alternative_id: str
    label: str
    change: str  # what changes, in words: "Llama 3.1 8B instead of Llama 3.1 70B"
    trade_off: str
    estimate: Estimate
    saved_g: float  # central grams saved for the whole request
    saved_percent: float
    # option grams / current grams with only what differs between the two in its spread
    ratio_to_current: Range | None = None
    # the cleaner hour itself (cleaner_hour only): its time, so a reader's words for it need not parse ``change``
    hour: HourOption | None = None

    @property
    def saved_percent_range(self) -> tuple[float, float]:
        """(least, most) percent saved: 1 − the ratio's high and low ends."""
        r = self.ratio_to_current
        if r is None:
            return (self.saved_percent, self.saved_percent)
        return ((1 - r.high) * 100, (1 - r.low) * 100)


@dataclass(frozen=True)
class FlightLabel:
    estimate: Estimate
    typical: Estimate  # one unit of the task's typical option, same boundary
    category: str
    ratio_to_typical: float  # central grams per unit / typical central grams per unit
    alternatives: tuple[GreenerOption, ...]
    # the same ratio as a range whose spread comes only from inputs the two options do not share
    ratio_range: Range | None = None

    @property
    def percent_vs_typical_range(self) -> tuple[float, float]:
        r = self.ratio_range or Range.exact(self.ratio_to_typical)
        return ((r.low - 1) * 100, (r.high - 1) * 100)

    @property
    def percent_vs_typical(self) -> float:
        return (self.ratio_to_typical - 1) * 100

    @property
    def words(self) -> str:
        return WORDS[self.category]


def typical_scenario(task_id: str, boundary: str, data: DataBundle, mode: str = "production",
                     precision: str | None = None) -> Scenario:
    """The task's typical option, like with like: the same boundary and serving mode as the option, and the
    same precision when the option names one (None: the typical model at its own served precision)."""
    t = data.tasks[task_id]
    return Scenario(task=task_id, model=t.typical_model_id, preset=t.typical_preset_id, region="WORLD",
                    boundary=boundary, mode=mode, precision=precision)


def classify(ratio_to_typical: Range, data: DataBundle) -> str:
    """Category from the correlated ratio option / typical (uncertainty.ratio), METHODOLOGY.md §2.

    lower: the whole ratio range is at most lower_if_ratio_at_most; higher: the whole ratio
    range is at least higher_if_ratio_at_least; else typical. Shared inputs (the same grid row,
    PUE, hardware, fit coefficients) have cancelled out of the ratio's spread, so the rule asks
    "is this option surely different from typical", not "do two absolute ranges overlap".
    """
    lower = data.label_rules["lower_if_ratio_at_most"].value.central
    higher = data.label_rules["higher_if_ratio_at_least"].value.central
    if ratio_to_typical.high <= lower:
        return "lower"
    if ratio_to_typical.low >= higher:
        return "higher"
    return "typical"


@functools.lru_cache(maxsize=256)  # every model's energy for one workload: computed once per workload
def _most_efficient_model(data_hash: str, s: Scenario, model_task: str) -> str:
    """Model of ``model_task`` with the least GPU energy for this workload (ranking is grid-independent)."""
    data = bundle_for(data_hash)
    best, best_wh = "", math.inf
    for m in data.models.values():
        if m.task != model_task:
            continue
        steps = s.steps if s.steps is not None else m.default_steps
        wh = gpu_energy_h100_wh(s.with_(model=m.model_id, steps=steps), m, data).central
        if wh < best_wh:
            best, best_wh = m.model_id, wh
    return best


def _candidates(e: Estimate, data: DataBundle) -> list[tuple[str, Scenario, str]]:
    """(alternative_id, changed scenario, change in words) for every lever that applies."""
    s, m = e.scenario, e.model
    out: list[tuple[str, Scenario, str]] = []

    def model_swap(alt_id: str, other_id: str) -> None:
        other = data.models[other_id]
        if other.model_id != m.model_id:
            # The other model's own default steps: step counts are part of a diffusion model's recipe.
            changes = {"model": other.model_id}
            if s.task in ("image", "video") and s.steps == m.default_steps:
                changes["steps"] = other.default_steps
            out.append((alt_id, s.with_(**changes), f"{other.name} instead of {m.name}"))

    smaller = [x for x in data.models.values()
               if x.family == m.family and x.task == m.task
               and x.total_params_b.central < m.total_params_b.central]
    if smaller:
        model_swap("smaller_model", max(smaller, key=lambda x: x.total_params_b.central).model_id)
    key = _workload_key(s if not (s.task in ("image", "video") and s.steps == m.default_steps) else s.with_(steps=None))
    model_swap("efficient_model", _most_efficient_model(data.data_hash, key, m.task))
    if s.task == "summarize" and m.task == "llm":
        model_swap("task_specific", _most_efficient_model(data.data_hash, key, "summarizer"))
    cleanest = _cleanest_region(data.data_hash, e.zone.scope)
    if cleanest and data.zones[cleanest].intensity_g_per_kwh.central < e.zone.intensity_g_per_kwh.central:
        z = data.zones[cleanest]
        # the hour of a typical day belongs to this region's profile, not the other's
        out.append(("cleaner_region", s.with_(region=cleanest, hour=None, season=None), f"{z.name} instead of {e.zone.name}"))
    if e.hardware.capped_variant:
        capped = data.hardware[e.hardware.capped_variant]
        out.append(("power_capped", s.with_(hardware=capped.hardware_id), f"{capped.name} instead of {e.hardware.name}"))
    alts = data.alternatives
    if s.task == "chat" and s.output_tokens > 1:
        n = max(1, round(s.output_tokens * alts["shorter_answer"].parameter))
        out.append(("shorter_answer", s.with_(output_tokens=n), f"{n:,} output tokens instead of {s.output_tokens:,}"))
    if s.task == "summarize" and s.summary_words > 1:
        n = max(1, round(s.summary_words * alts["shorter_summary"].parameter))
        out.append(("shorter_summary", s.with_(summary_words=n), f"a {n:,}-word summary instead of {s.summary_words:,}"))
    if s.task in ("image", "video") and s.steps > 1:
        n = max(1, round(s.steps * alts["fewer_steps"].parameter))
        out.append(("fewer_steps", s.with_(steps=n), f"{n} denoising steps instead of {s.steps}"))
    if s.task == "image":
        side = math.sqrt(alts["lower_resolution"].parameter)
        w = max(PIXEL_MULTIPLE * 8, round(s.width * side / PIXEL_MULTIPLE) * PIXEL_MULTIPLE)
        h = max(PIXEL_MULTIPLE * 8, round(s.height * side / PIXEL_MULTIPLE) * PIXEL_MULTIPLE)
        if (w, h) != (s.width, s.height):
            out.append(("lower_resolution", s.with_(width=w, height=h), f"{w}×{h} instead of {s.width}×{s.height}"))
    if s.task == "video":
        secs = s.seconds * alts["shorter_video"].parameter
        if secs * m.ref_fps >= 1:
            out.append(("shorter_video", s.with_(seconds=secs), f"{secs:g} s instead of {s.seconds:g} s"))
    return out


def _workload_key(s: Scenario) -> Scenario:
    """The scenario fields that rank models by energy (region, count and datacenter do not)."""
    return Scenario(task=s.task, batch=s.batch, preset=s.preset, input_tokens=s.input_tokens,
                    output_tokens=s.output_tokens, doc_words=s.doc_words, summary_words=s.summary_words,
                    width=s.width, height=s.height, steps=s.steps, seconds=s.seconds, mode=s.mode,
                    precision=s.precision)


@functools.lru_cache(maxsize=8)
def _cleanest_region(data_hash: str, scope: str) -> str:
    """The cleanest place a cloud provider runs, compared on the same scope as the user's region.

    Direct (combustion-only) figures come out far below lifecycle ones for the same grid, so a
    lifecycle region is compared with the countries that host cloud regions, and a direct one
    with the cloud regions themselves.
    """
    data = bundle_for(data_hash)
    hosts = {z.country_iso2 for z in data.zones.values() if z.kind == "cloud_region"}
    if scope == "lifecycle":
        pool = [z for z in data.zones.values() if z.kind == "country" and z.zone_id in hosts and z.scope == scope]
    else:
        pool = [z for z in data.zones.values() if z.kind == "cloud_region" and z.scope == scope]
    return min(pool, key=lambda z: z.intensity_g_per_kwh.central).zone_id if pool else ""


@functools.lru_cache(maxsize=64)
def _typical(task_id: str, boundary: str, data_hash: str, mode: str = "production",
             precision: str | None = None) -> Estimate:
    data = bundle_for(data_hash)
    return estimate(typical_scenario(task_id, boundary, data, mode, precision), data)


def cleaner_hour(e: Estimate, hours: "tuple[HourOption, ...]") -> "HourOption | None":
    """The hour with the lowest intensity among those offered, if it beats the current intensity."""
    best = min(hours, key=lambda h: h.override.intensity_g_per_kwh.central, default=None)
    if best is None or best.override.intensity_g_per_kwh.central >= e.intensity_g_per_kwh.central:
        return None
    return best


def greener_options(e: Estimate, data: DataBundle | None = None,
                    hours: tuple[HourOption, ...] = ()) -> tuple[GreenerOption, ...]:
    """Every lever that cuts grams, ranked by grams saved (largest first)."""
    data = data or load_data()
    options = []
    candidates = [(alt_id, sc, change, e.grid_override) for alt_id, sc, change in _candidates(e, data)]
    best_hour = cleaner_hour(e, hours)
    if best_hour is not None:
        candidates.append(("cleaner_hour", e.scenario, f"run it at {best_hour.when}", best_hour.override))
    for alt_id, scenario, change, override in candidates:
        hour = best_hour if alt_id == "cleaner_hour" else None
        if alt_id == "cleaner_region":
            override = None  # another region's annual figure: a live reading is for this region only
        alt = estimate(scenario, data, grid_override=override)
        saved = e.co2e_g.central - alt.co2e_g.central
        if saved > 0:
            a = data.alternatives[alt_id]
            options.append(GreenerOption(alt_id, a.label, change, a.trade_off_for(e.scenario.task), alt, saved,
                                         saved / e.co2e_g.central * 100, ratio(alt.co2e_g, e.co2e_g), hour))
    seen: set[str] = set()
    unique = []
    for o in sorted(options, key=lambda o: -o.saved_g):
        key = o.estimate.scenario.model if o.alternative_id in ("smaller_model", "efficient_model", "task_specific") else o.alternative_id
        if key not in seen:
            seen.add(key)
            unique.append(o)
    return tuple(unique)


def label(e: Estimate | Scenario | None = None, data: DataBundle | None = None,
          hours: tuple[HourOption, ...] = (), grid_override: GridOverride | None = None, **fields) -> FlightLabel:
    """The flight label for an estimate (or a scenario, or keyword fields of one).

    ``hours`` offers other times to run the same work (forecast or hourly profile), which adds
    a "cleaner hour" option when one beats the current intensity.
    """
    data = data or load_data()
    if not isinstance(e, Estimate):
        e = estimate(e, data, grid_override=grid_override, **fields)
    typical = _typical(e.scenario.task, e.boundary, data.data_hash, e.scenario.mode, e.scenario.precision)
    vs_typical = ratio(e.co2e_g_per_unit, typical.co2e_g_per_unit)
    category = classify(vs_typical, data)
    if not hours and (e.grid_override is None or e.grid_override.kind == "profile"):
        hours = hours_for(e, data)
    return FlightLabel(e, typical, category, vs_typical.central, greener_options(e, data, hours), vs_typical)
