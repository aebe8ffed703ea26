"""What the user asks about: a task, a workload, a model, hardware, a region — checked and completed."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass, fields, replace

from . import custom
from .data import DataBundle, Model
from .errors import EstimatorError, Words, keyed as _p, plain_number, say
from .facility import BOUNDARIES
from .grid import find_zone
from .hourly import SEASONS, profile_zone, season_for
from .i18n import N_
from .i18n.names import zone_name
from .serving import MODES, PRECISION_TASKS

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
# What a message calls each checked field, said in the reader's language where the message is shown (English:
# the field's own name, as the messages have always written it).
FIELD_WORDS: dict[str, Words] = {
    "count": _p("input.field", "count"),
    "input_tokens": _p("input.field", "input_tokens"),
    "output_tokens": _p("input.field", "output_tokens"),
    "doc_words": _p("input.field", "doc_words"),
    "summary_words": _p("input.field", "summary_words"),
    "width": _p("input.field", "width"),
    "height": _p("input.field", "height"),
    "steps": _p("input.field", "steps"),
    "seconds": _p("input.field", "seconds"),
    "hour": _p("input.field", "hour"),
    "task": _p("input.field", "task"),
    "hardware": _p("input.field", "hardware"),
    "datacenter": _p("input.field", "datacenter"),
    "batch": _p("input.field", "batch"),
    "boundary": _p("input.field", "boundary"),
    "season": _p("input.field", "season"),
    "mode": _p("input.field", "mode"),
    "precision": _p("input.field", "precision"),
    **custom.FIELD_WORDS,
}


def field_words(name: str) -> Words | str:
    """A field's name for a message: said in the reader's language when it is one of ours."""
    if name.endswith(" preset"):  # "chat preset": the task's id stays in the English only
        return _p("input.field", "preset", english=name)
    return FIELD_WORDS.get(name, name)


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
    # model="custom" (estimator/custom.py): the size of a model that is not catalogued, in billions
    custom_total_params_b: float | None = None
    custom_active_params_b: float | None = None  # default: total (a dense model)
    mode: str = "production"  # serving mode: production (batched) | self-hosted (one request at a time)
    precision: str | None = None  # weights' precision (data/precision.csv); None: as the model is served

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
    said = field_words(name)
    if not t:
        raise EstimatorError(say(N_("{name} is empty"), name=said), say(N_("give a number such as {example}"), example="1"))
    shown = t[:40]
    if "," in t or "_" in t:
        if not _GROUPED.match(t):
            if _DECIMAL_COMMA.match(t):  # the value with a dot is what to type (a link's syntax, not prose)
                hint = say(N_("use a dot for decimals: {fixed}"), fixed=t.replace(",", "."))
            else:
                hint = say(N_("use a dot for decimals (1.5) and commas only between groups of three digits (1,000)"))
            sep = _p("input.separator", "comma") if "," in t else _p("input.separator", "underscore")
            raise EstimatorError(say(N_("{name} {value!r} has a {sep} that is not a thousands separator"), name=said,
                                     value=shown, sep=sep), hint)
        t = t.replace(",", "").replace("_", "")
    try:
        return float(t)
    except (ValueError, OverflowError):
        spaced = re.fullmatch(r"[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?", t)
        hint = (say(N_("write thousands as 1,000 or 1000")) if spaced
                else say(N_("for example {param}={example}"), param=name, example="1"))
        raise EstimatorError(say(N_("{name} must be a number, not {value!r}"), name=said, value=shown), hint) from None


def _number(name: str, value: object, integer: bool, minimum: float) -> float | int:
    example = plain_number(max(minimum, 1) if not integer else math.ceil(max(minimum, 1)))
    said = field_words(name)
    for_example = say(N_("for example {param}={example}"), param=name, example=example)  # a link's syntax
    if isinstance(value, bool):
        raise EstimatorError(say(N_("{name} must be a number, not {value}"), name=said, value=repr(value)),
                             say(N_("give a number such as {example}"), example=example))
    if isinstance(value, str):
        value = parse_number_text(name, value)
    if not isinstance(value, (int, float)):
        raise EstimatorError(say(N_("{name} must be a number, not {value}"), name=said, value=type(value).__name__),
                             for_example)
    try:
        v = float(value)
    except OverflowError:  # an int with hundreds of digits
        v = math.inf
    if math.isnan(v) or math.isinf(v):
        raise EstimatorError(say(N_("{name} must be a finite number"), name=said), for_example)
    if v < minimum:
        raise EstimatorError(say(N_("{name} must be at least {minimum}, not {value}"), name=said, minimum=minimum,
                                 value=v),
                             say(N_("negative or zero amounts have no footprint to estimate")) if minimum <= 1
                             else say(N_("the smallest {name} covered is {minimum}"), name=said, minimum=minimum))
    if v > LIMITS[name]:
        raise EstimatorError(say(N_("{name} of {value} is beyond what this estimator covers (max {maximum})"),
                                 name=said, value=v, maximum=LIMITS[name]),
                             say(N_("split it into smaller requests")))
    if integer:
        if v != int(v):
            raise EstimatorError(say(N_("{name} must be a whole number, not {value}"), name=said, value=v),
                                 say(N_("for example {param}={example}"), param=name, example=str(int(round(v)) or 1)))
        return int(v)
    return v


def _choice(name: str, value: object, allowed: list[str]) -> str:
    said = field_words(name)
    choose = say(N_("choose one of: {choices}"), choices=", ".join(allowed))
    if not isinstance(value, str) or not value.strip():
        raise EstimatorError(say(N_("no {name} given"), name=said), choose)
    v = value.strip().lower()
    if v in allowed:
        return v
    close = difflib.get_close_matches(v, allowed, n=3, cutoff=0.5)
    hint = say(N_("did you mean {choices}?"), choices=", ".join(close)) if close else choose
    raise EstimatorError(say(N_("unknown {name} {value!r}"), name=said, value=value.strip()[:60]), hint)


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
    list_them = say(N_("list them with: {command}"), command="python -m estimator models")
    if not isinstance(query, str) or not query.strip():
        raise EstimatorError(say(N_("no model given")), list_them)
    q = " ".join(query.split()).lower()
    hit = _model_index(data).get(q)
    if hit is not None and (model_tasks is None or hit.task in model_tasks):
        return hit
    candidates = [m for m in data.models.values() if model_tasks is None or m.task in model_tasks]
    other = next((m for m in data.models.values() if q == m.model_id.lower() or q in (a.lower() for a in m.aliases)), None)
    if other is not None:
        raise EstimatorError(say(N_("model {model!r} is not a model for this task (it is listed under {task})"),
                                 model=other.model_id, task=other.task),
                             say(N_("pick a model of this task: {command}"), command="python -m estimator models --task …"))
    keys = {m.model_id.lower(): m.model_id for m in candidates}
    keys.update({a.lower(): m.model_id for m in candidates for a in m.aliases})
    close = difflib.get_close_matches(q, list(keys), n=4, cutoff=0.5)
    ids = list(dict.fromkeys(keys[c] for c in close))
    hint = say(N_("did you mean {choices}?"), choices=", ".join(ids)) if ids else list_them
    raise EstimatorError(say(N_("unknown model {value!r}"), value=query.strip()[:60]), hint)


def _serving(s: Scenario, task_id: str, data: DataBundle) -> tuple[str, str | None]:
    """The serving mode and precision, checked. Precision is modelled for text models only, so an image or
    video request drops it (METHODOLOGY §1.1); empty or "as served" means the model's own precision."""
    mode = "production" if s.mode is None or (isinstance(s.mode, str) and not s.mode.strip()) else s.mode
    mode = _choice("mode", mode, list(MODES))
    p = s.precision
    if p is None or (isinstance(p, str) and p.strip().lower() in ("", "as served", "as-served", "auto")):
        return mode, None
    p = _choice("precision", p, sorted(data.precisions))
    return mode, (p if task_id in PRECISION_TASKS else None)


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
    custom_b = _custom_sizes(s)
    if model_q is None or (isinstance(model_q, str) and model_q.strip().lower() in UNKNOWN_MODEL and model_q.strip()):
        model = data.models[task.typical_model_id]
    elif custom.is_custom(model_q):
        model = custom.base_model(task_id, custom_b[0], custom_b[1], data)
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
    model = custom.at_workload(model, workload["width"], workload["height"], workload["steps"], workload["seconds"], data)
    if model.model_id == custom.CUSTOM_ID:
        custom_b = (model.total_params_b.central, model.active_params_b.central)
    else:  # a catalogued model's size is its own: the custom fields are dropped, not carried along
        custom_b = (None, None)
    hour = season = None
    if s.hour is not None and not (isinstance(s.hour, str) and not s.hour.strip()):
        hour = _number("hour", s.hour, integer=True, minimum=0)
        if profile_zone(zone, data) is None:
            raise EstimatorError(say(N_("no hourly data for {zone}"),
                                     zone=lambda t, z=zone: zone_name(z, t) if t is not None else z.name),
                                 say(N_("hourly profiles exist for: {zones}"), zones=", ".join(sorted(data.profiles))))
    if hour is not None or (s.season is not None and not (isinstance(s.season, str) and not s.season.strip())):
        season = (_choice("season", s.season, list(SEASONS)) if s.season not in (None, "")
                  else season_for(dt.date.today(), zone.country_iso2))
    mode, precision = _serving(s, task_id, data)
    resolved = replace(s, task=task_id, model=model.model_id, count=count, region=zone.zone_id, hardware=hardware,
                       datacenter=datacenter, batch=batch, boundary=boundary, preset=preset.preset_id, hour=hour,
                       season=season, custom_total_params_b=custom_b[0], custom_active_params_b=custom_b[1],
                       mode=mode, precision=precision, **workload)
    return Resolved(resolved, model, zone.zone_id)


def _custom_sizes(s: Scenario) -> tuple[float | None, float | None]:
    """The custom size fields, checked whenever given (a bad value is refused even before model=custom)."""
    def read(name: str, value: object) -> float | None:
        if isinstance(value, str) and value.strip():
            value = parse_number_text(name, value)  # the same reading rule as every typed number
        return custom.params_b(name, value)

    return (read("custom total parameters", s.custom_total_params_b),
            read("custom active parameters", s.custom_active_params_b))
