"""What the user asks about: a task, a workload, a model, hardware, a region — checked and completed."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass, fields, replace

from .data import DataBundle, Model
from .errors import EstimatorError, plain_number
from .facility import BOUNDARIES
from .grid import find_zone
from .hourly import SEASONS, profile_zone, season_for

# Upper bounds that catch typos and absurd requests before they become numbers on a page.
# They are limits on input, not figures in the estimate.
LIMITS = {
    "count": 1e9,
    "input_tokens": 2_000_000,
    "output_tokens": 1_000_000,
    "doc_words": 1_500_000,
    "summary_words": 750_000,
    "width": 8192,
    "height": 8192,
    "steps": 1000,
    "seconds": 600,
    "hour": 23,
}
UNKNOWN_MODEL = ("typical", "unknown", "i don't know", "dont-know", "auto")


@dataclass(frozen=True)
class Scenario:
    """One option to estimate. Unset workload fields come from the task's preset."""

    task: str = "chat"
    model: str | None = None
    count: float = 1
    region: str = "WORLD"
    hardware: str = "h100"
    datacenter: str = "typical-cloud"
    batch: str = "typical"
    boundary: str = "datacenter"
    preset: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    doc_words: int | None = None
    summary_words: int | None = None
    width: int | None = None
    height: int | None = None
    steps: int | None = None
    seconds: float | None = None
    hour: int | None = None  # local hour of day, where an hourly profile exists
    season: str | None = None  # for the hourly profile; default: the season today in that region

    def with_(self, **changes) -> "Scenario":
        return replace(self, **changes)


# How a number typed by a person is read (README "How numbers are read"): a dot is the decimal
# point; a comma or an underscore is accepted only as a thousands separator between correct
# groups of three digits ("1,000", "12,345,678.5", "1_000"). Anything else with a comma or an
# underscore ("1,5", "1,50", "10,0000", "1_0") is refused rather than guessed: "1,5" means 1.5 in
# much of Europe and 15 to a program that drops commas.
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:(?P<sep>[,_])\d{3})(?:(?P=sep)\d{3})*(?:\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


def parse_number_text(name: str, text: str) -> float:
    """Read a typed number by the rule above; refuse an ambiguous separator with a hint."""
    t = text.strip()
    if not t:
        raise EstimatorError(f"{name} is empty", "give a number such as 1")
    shown = t[:40]
    if "," in t or "_" in t:
        if not _GROUPED.match(t):
            if _DECIMAL_COMMA.match(t):
                hint = f"use a dot for decimals: {t.replace(',', '.')}"
            else:
                hint = "use a dot for decimals (1.5) and commas only between groups of three digits (1,000)"
            sep = "comma" if "," in t else "underscore"
            raise EstimatorError(f"{name} {shown!r} has a {sep} that is not a thousands separator", hint)
        t = t.replace(",", "").replace("_", "")
    try:
        return float(t)
    except (ValueError, OverflowError):
        spaced = re.fullmatch(r"[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?", t)
        hint = "write thousands as 1,000 or 1000" if spaced else f"for example {name}=1"
        raise EstimatorError(f"{name} must be a number, not {shown!r}", hint) from None


def _number(name: str, value: object, integer: bool, minimum: float) -> float | int:
    example = plain_number(max(minimum, 1) if not integer else math.ceil(max(minimum, 1)))
    if isinstance(value, bool):
        raise EstimatorError(f"{name} must be a number, not {value!r}", f"give a number such as {example}")
    if isinstance(value, str):
        value = parse_number_text(name, value)
    if not isinstance(value, (int, float)):
        raise EstimatorError(f"{name} must be a number, not {type(value).__name__}", f"for example {name}={example}")
    try:
        v = float(value)
    except OverflowError:  # an int with hundreds of digits
        v = math.inf
    if math.isnan(v) or math.isinf(v):
        raise EstimatorError(f"{name} must be a finite number", f"for example {name}={example}")
    if v < minimum:
        raise EstimatorError(f"{name} must be at least {plain_number(minimum)}, not {plain_number(v)}",
                             "negative or zero amounts have no footprint to estimate" if minimum <= 1
                             else f"the smallest {name} covered is {plain_number(minimum)}")
    if v > LIMITS[name]:
        raise EstimatorError(f"{name} of {plain_number(v)} is beyond what this estimator covers "
                             f"(max {plain_number(LIMITS[name])})", "split it into smaller requests")
    if integer:
        if v != int(v):
            raise EstimatorError(f"{name} must be a whole number, not {plain_number(v)}",
                                 f"for example {name}={int(round(v)) or 1}")
        return int(v)
    return v


def _choice(name: str, value: object, allowed: list[str]) -> str:
    if not isinstance(value, str) or not value.strip():
        raise EstimatorError(f"no {name} given", f"choose one of: {', '.join(allowed)}")
    v = value.strip().lower()
    if v in allowed:
        return v
    close = difflib.get_close_matches(v, allowed, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else f"choose one of: {', '.join(allowed)}"
    raise EstimatorError(f"unknown {name} {value.strip()[:60]!r}", hint)


_MODEL_INDEX: dict[str, dict[str, Model]] = {}


def _model_index(data: DataBundle) -> dict[str, Model]:
    """Lower-case id, name and alias → model, built once per data version (ids win)."""
    idx = _MODEL_INDEX.get(data.data_hash)
    if idx is None:
        idx = {}
        for m in data.models.values():
            for key in (m.name, *m.aliases):
                idx.setdefault(key.lower(), m)
        idx.update({m.model_id.lower(): m for m in data.models.values()})
        _MODEL_INDEX[data.data_hash] = idx
    return idx


def find_model(query: object, data: DataBundle, model_tasks: tuple[str, ...] | None = None) -> Model:
    """A model by id, alias or name (any case); suggests close matches when unknown."""
    if not isinstance(query, str) or not query.strip():
        raise EstimatorError("no model given", "list them with: python -m estimator models")
    q = " ".join(query.split()).lower()
    hit = _model_index(data).get(q)
    if hit is not None and (model_tasks is None or hit.task in model_tasks):
        return hit
    candidates = [m for m in data.models.values() if model_tasks is None or m.task in model_tasks]
    other = next((m for m in data.models.values() if q == m.model_id.lower() or q in (a.lower() for a in m.aliases)), None)
    if other is not None:
        raise EstimatorError(f"model {other.model_id!r} is not a model for this task (it is listed under {other.task})",
                             "pick a model of this task: python -m estimator models --task …")
    keys = {m.model_id.lower(): m.model_id for m in candidates}
    keys.update({a.lower(): m.model_id for m in candidates for a in m.aliases})
    close = difflib.get_close_matches(q, list(keys), n=4, cutoff=0.5)
    ids = list(dict.fromkeys(keys[c] for c in close))
    hint = f"did you mean {', '.join(ids)}?" if ids else "list them with: python -m estimator models"
    raise EstimatorError(f"unknown model {query.strip()[:60]!r}", hint)


@dataclass(frozen=True)
class Resolved:
    """A scenario with every field filled and every id checked."""

    scenario: Scenario
    model: Model
    zone_id: str


def resolve(s: Scenario, data: DataBundle) -> Resolved:
    """Check every field, fill the workload from the preset, and pick the typical model if none is given."""
    task_id = _choice("task", s.task, sorted(data.tasks))
    task = data.tasks[task_id]
    presets = {p.preset_id: p for p in data.presets.values() if p.task_id == task_id}
    if s.preset is None or (isinstance(s.preset, str) and not s.preset.strip()):
        preset = next(p for p in presets.values() if p.is_default)
    else:
        preset = presets[_choice(f"{task_id} preset", s.preset, sorted(presets))]
    model_q = s.model
    if model_q is None or (isinstance(model_q, str) and model_q.strip().lower() in UNKNOWN_MODEL and model_q.strip()):
        model = data.models[task.typical_model_id]
    else:
        model = find_model(model_q, data, task.model_tasks)
    zone = find_zone(s.region, data)
    hardware = _choice("hardware", s.hardware, sorted(data.hardware))
    datacenter = _choice("datacenter", s.datacenter, sorted(data.datacenters))
    batch = _choice("batch", s.batch, sorted(data.llm_fits))
    boundary = _choice("boundary", s.boundary, list(BOUNDARIES))
    count = _number("count", s.count, integer=False, minimum=1)

    def pick(name: str, integer: bool, minimum: float, fallback):
        value = getattr(s, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            value = fallback
        return None if value is None else _number(name, value, integer, minimum)

    workload: dict = {f.name: None for f in fields(Scenario) if f.name in LIMITS and f.name not in ("count", "hour")}
    if task_id == "chat":
        workload["input_tokens"] = pick("input_tokens", True, 0, preset.input_tokens)
        workload["output_tokens"] = pick("output_tokens", True, 1, preset.output_tokens)
    elif task_id == "summarize":
        workload["doc_words"] = pick("doc_words", True, 1, preset.doc_words)
        workload["summary_words"] = pick("summary_words", True, 1, preset.summary_words)
    else:
        workload["width"] = pick("width", True, 64, preset.width)
        workload["height"] = pick("height", True, 64, preset.height)
        workload["steps"] = pick("steps", True, 1, preset.steps or model.default_steps)
        if task_id == "video":
            workload["seconds"] = pick("seconds", False, 1 / model.ref_fps, preset.seconds)
    hour = season = None
    if s.hour is not None and not (isinstance(s.hour, str) and not s.hour.strip()):
        hour = _number("hour", s.hour, integer=True, minimum=0)
        if profile_zone(zone, data) is None:
            raise EstimatorError(f"no hourly data for {zone.name}",
                                 "hourly profiles exist for: " + ", ".join(sorted(data.profiles)))
    if hour is not None or (s.season is not None and not (isinstance(s.season, str) and not s.season.strip())):
        season = (_choice("season", s.season, list(SEASONS)) if s.season not in (None, "")
                  else season_for(dt.date.today(), zone.country_iso2))
    resolved = replace(s, task=task_id, model=model.model_id, count=count, region=zone.zone_id, hardware=hardware,
                       datacenter=datacenter, batch=batch, boundary=boundary, preset=preset.preset_id, hour=hour,
                       season=season, **workload)
    return Resolved(resolved, model, zone.zone_id)
