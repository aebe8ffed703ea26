"""The app's URL parameters: a public interface, parsed field by field with friendly fallbacks.

Journalists' links must keep working after every release, so the parameter names below are
stable; a renamed parameter keeps its old spelling in ``PARAM_ALIASES``, and renamed model or
region ids keep theirs in the ``aliases`` column of data/models.csv and data/grid_intensity.csv.
A bad value never breaks the page: that one field falls back to its default and a notice says
what was ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields

from .data import DataBundle
from .errors import EstimatorError
from .facility import BOUNDARIES
from .i18n import Translator, translator
from .methodology import methodology_version
from .scenario import Scenario, resolve

# public name → Scenario field
PARAMS = {
    "task": "task",
    "model": "model",
    "n": "count",
    "region": "region",
    "preset": "preset",
    "in": "input_tokens",
    "out": "output_tokens",
    "words": "doc_words",
    "summary": "summary_words",
    "w": "width",
    "h": "height",
    "steps": "steps",
    "secs": "seconds",
    "hw": "hardware",
    "dc": "datacenter",
    "batch": "batch",
    "boundary": "boundary",
    "hour": "hour",
    "season": "season",
    "params": "custom_total_params_b",
    "active": "custom_active_params_b",
    "mode": "mode",
    "precision": "precision",
}
# old or alternative spellings → public name
PARAM_ALIASES = {
    "count": "n", "hardware": "hw", "datacenter": "dc", "input_tokens": "in", "output_tokens": "out",
    "doc_words": "words", "summary_words": "summary", "width": "w", "height": "h", "seconds": "secs",
}
# parameters that belong to the page, not to the scenario
PAGE_PARAMS = ("embed", "embed_options", "a", "b", "c", "d", "live", "view", "present", "lang")  # lang: the reader's language
PRESENT_PARAM = "present"  # present=1: presentation mode (big type, no sidebar), kept in shared links
PRESENT_ON, PRESENT_OFF = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
COMPARE_KEYS = ("a", "b", "c", "d")
COMPARE_FIELDS = ("task", "model", "region", "count", "preset", "mode", "precision")  # one option, ":"-separated
MAX_VALUE_CHARS = 120
# Order matters: the model depends on the task, the workload on the preset and model.
ORDER = ("task", "custom_total_params_b", "custom_active_params_b", "model", "preset", "count", "region", "input_tokens", "output_tokens", "doc_words",
         "summary_words", "width", "height", "steps", "seconds", "hardware", "datacenter", "batch", "boundary",
         "hour", "season", "mode", "precision")
# v=: the methodology version a link was made with; not a scenario field (estimator/versions.py reads it)
VERSION_PARAM = "v"


def safe_snippet(value: str, limit: int = 40) -> str:
    """A user-supplied value made harmless for a notice: no markup, no control characters, short."""
    text = re.sub(r"[^\w .,:@+\-/]", "", str(value), flags=re.UNICODE)
    text = " ".join(text.split())
    return (text[:limit] + "…") if len(text) > limit else text


def _page_hint(exc: EstimatorError, t: Translator | None = None) -> str:
    """The error's hint when it helps on a web page too ("use a dot for decimals: 1.5"), not a CLI command."""
    if not exc.hint or "python -m" in exc.hint or "--" in exc.hint:
        return ""
    if _english(t):
        return f" ({safe_snippet(exc.hint, 90)})"
    hint = exc.hint_words(t, clean=safe_snippet) if exc.hint_template is not None else safe_snippet(exc.hint, 90)
    return t._(" ({hint})", hint=hint)


def _english(t: Translator | None) -> bool:
    return t is None or t.lang == "en"


def _reason(exc: EstimatorError, t: Translator | None) -> str:
    """What was wrong with a value, for a notice: English as it always read (the whole line made harmless); in
    another language the translated message with every value the user typed made harmless (safe_snippet), so
    the notice keeps its own punctuation."""
    if _english(t) or exc.template is None:  # an English line (not yet marked by its raiser): as it always read
        return safe_snippet(exc.message, 90)
    return exc.words(t, clean=safe_snippet)


def _tr(t: Translator | None) -> Translator:
    return t if t is not None else translator("en")


@dataclass(frozen=True)
class Parsed:
    scenario: Scenario
    notices: tuple[str, ...]


def query_values(params: Mapping) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in params.items():
        vals = value if isinstance(value, (list, tuple)) else [value]
        out[str(key)] = [str(v) for v in vals]
    return out


def parse_params(params: Mapping, data: DataBundle, base: Scenario | None = None, *,
                 t: Translator | None = None) -> Parsed:
    """URL parameters → a valid Scenario plus notices for everything ignored, in t's language (English if None)."""
    w = _tr(t)
    notices: list[str] = []
    given: dict[str, str] = {}
    for key, vals in query_values(params).items():
        name = PARAM_ALIASES.get(key.lower(), key.lower())
        if name in PAGE_PARAMS or name == VERSION_PARAM:
            continue
        if name not in PARAMS:
            notices.append(w._("Ignored unknown link parameter “{param}”.", param=safe_snippet(key)))
            continue
        if len(vals) > 1:
            notices.append(w._("The link repeats “{param}”; using its first value.", param=name))
        value = vals[0] if vals else ""
        if len(value) > MAX_VALUE_CHARS:
            notices.append(w._("Ignored “{param}”: the value is too long.", param=name))
            continue
        given[PARAMS[name]] = value
    scenario = base or Scenario()
    for field in ORDER:
        if field not in given:
            continue
        candidate = scenario.with_(**{field: given[field]})
        try:
            resolve(candidate, data)
        except EstimatorError as exc:
            public = next(k for k, v in PARAMS.items() if v == field)
            notices.append(w._("Ignored {param}=“{value}”: {reason}{hint}. Using the default instead.", param=public,
                               value=safe_snippet(given[field]), reason=_reason(exc, t), hint=_page_hint(exc, t)))
            continue
        scenario = candidate
        if field == "task" and scenario.model is not None:
            scenario = scenario.with_(model=None)
    return Parsed(resolve(scenario, data).scenario, tuple(notices))


def to_params(s: Scenario, data: DataBundle) -> dict[str, str]:
    """A resolved Scenario → the shortest parameters that reproduce it exactly."""
    r = resolve(s, data).scenario
    default = resolve(Scenario(task=r.task, model=r.model, preset=r.preset, custom_total_params_b=r.custom_total_params_b,
                               custom_active_params_b=r.custom_active_params_b), data).scenario
    out = {"task": r.task, "model": r.model, "n": _fmt(r.count), "region": r.region}
    if r.preset != resolve(Scenario(task=r.task), data).scenario.preset:
        out["preset"] = r.preset
    for name, field in PARAMS.items():
        if name in out or field == "preset":
            continue
        value = getattr(r, field)
        if value is not None and value != getattr(default, field):
            out[name] = _fmt(value)
    if r.custom_total_params_b is not None:  # a custom model's size is what makes it this model
        out["params"] = _fmt(r.custom_total_params_b)
        if r.custom_active_params_b != r.custom_total_params_b:
            out["active"] = _fmt(r.custom_active_params_b)
    out[VERSION_PARAM] = methodology_version()  # the version this link's numbers come from, so they can be recomputed
    return out


def _fmt(value) -> str:
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def parse_compare(params: Mapping, data: DataBundle, *,
                  t: Translator | None = None) -> tuple[list[Scenario], tuple[str, ...]]:
    """Compare-page options: ``a``…``d`` each "task:model:region[:count[:preset[:mode[:precision]]]]"; notices in
    t's language (English if None)."""
    w = _tr(t)
    notices: list[str] = []
    options: list[Scenario] = []
    vals = query_values(params)
    boundary = compare_boundary(vals, notices, t=t)
    for key in COMPARE_KEYS:
        if key not in vals:
            continue
        raw = vals[key][0] if vals[key] else ""
        if len(vals[key]) > 1:
            notices.append(w._("The link repeats “{param}”; using its first value.", param=key))
        if len(raw) > MAX_VALUE_CHARS:
            notices.append(w._("Ignored option {key}: the value is too long.", key=key))
            continue
        parts = raw.split(":")
        names = COMPARE_FIELDS
        if not 1 <= len(parts) <= len(names):
            notices.append(w._("Ignored option {key}=“{value}”: expected {form}.", key=key, value=safe_snippet(raw),
                               form="task:model:region[:count[:preset[:mode[:precision]]]]"))
            continue
        fields_ = {n: p for n, p in zip(names, parts) if p != ""}
        try:
            options.append(resolve(Scenario(**fields_, boundary=boundary), data).scenario)
        except EstimatorError as exc:
            notices.append(w._("Ignored option {key}=“{value}”: {reason}{hint}.", key=key, value=safe_snippet(raw),
                               reason=_reason(exc, t), hint=_page_hint(exc, t)))
    return options, tuple(notices)


def compare_boundary(vals: Mapping[str, list[str]], notices: list[str], *, t: Translator | None = None) -> str:
    """The one boundary every option of a comparison is counted at (``boundary=``; like with like, so it is a
    page parameter, not an option's); a bad value gets a notice (in t's language) and the default."""
    given = (vals.get("boundary") or [""])[0].strip().lower()
    if not given:
        return "datacenter"
    if given not in BOUNDARIES:
        notices.append(_tr(t)._("Ignored boundary=“{value}”: choose one of {choices}.", value=safe_snippet(given),
                                choices=", ".join(BOUNDARIES)))
        return "datacenter"
    return given


def compare_params(options: list[Scenario]) -> dict[str, str]:
    """The Compare page's URL for these options; ``boundary`` once for all of them when it is not the default."""
    out = {}
    boundaries = {s.boundary for s in options}
    if len(boundaries) == 1 and (b := boundaries.pop()) != "datacenter":
        out["boundary"] = b
    for key, s in zip(COMPARE_KEYS, options):
        parts = [s.task, s.model or "", s.region, _fmt(s.count), s.preset or ""]
        if s.precision or (s.mode or "production") != "production":  # serving conditions only when not the default
            parts += [s.mode or "production", s.precision or ""]
        out[key] = ":".join(parts).rstrip(":")
    return out


SCENARIO_FIELDS = tuple(f.name for f in fields(Scenario))


def parse_present(value: str | None, *, t: Translator | None = None) -> tuple[bool, tuple[str, ...]]:
    """``present=`` → (presentation mode on?, notices in t's language): 1/true/yes/on turn it on, 0/false/no/off or
    nothing leave it off; anything else leaves it off with a notice."""
    if value is None:
        return False, ()
    v = value.strip().lower()
    if v in PRESENT_ON:
        return True, ()
    if v in PRESENT_OFF:
        return False, ()
    return False, (_tr(t)._("Ignored present=“{value}”: use present=1 for presentation mode.",
                            value=safe_snippet(value)),)
