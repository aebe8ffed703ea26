"""A usage profile ↔ the "My AI year" page's URL parameters (a public interface, like estimator/urlstate.py).

One parameter per task line, named by its kind (``chat``, ``long``, ``summary``, ``image``, ``video``; a second
line of the same kind is ``chat2``, a third ``chat3`` …) with the value ``RATE/PERIOD`` (period day, week or
month), plus optional ``chat_model=`` (a model id or a product name: ``ChatGPT``), ``chat_in=`` / ``chat_out=``
(tokens per question, as an export derives them) and ``chat_in_range=LOW:HIGH`` / ``chat_out_range=`` (the
export's token range per reply, from the characters-per-token range). ``region=`` and ``boundary=`` (datacenter or lifecycle) apply
to every line; ``preset=daily-user`` stands for a preset's lines. Example:
``?chat=20/day&chat_model=gpt-5.5&image=3/week&region=FR&boundary=lifecycle``.

A link never carries anything but rates, periods, model ids, token counts, a region and a boundary: an export's
profile is written as its derived rates, never its content. A bad value gets one notice (what was ignored and
why) and the rest of the link still applies.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..data import DataBundle
from ..errors import EstimatorError
from ..grid import find_zone
from ..i18n import Translator, translator
from ..scenario import LIMITS, UNKNOWN_MODEL, find_model
from ..urlstate import query_values, safe_snippet
from .year import (KINDS, PERIODS_PER_YEAR, TYPICAL_LABEL, UsageLine, UsageProfile, product_model, units_per_year,
                   usage_presets)

BOUNDARY_CHOICES = ("datacenter", "lifecycle")  # the page's life-cycle toggle: off or on
DEFAULT_REGION = "WORLD"
DEFAULT_BOUNDARY = "datacenter"
PAGE_KEYS = ("embed", "embed_options", "lang")  # Streamlit's own and the reader's language; never the profile's
EN = translator("en")  # notices in English unless the page asks for the reader's language
TOKEN_KINDS = ("chat", "long")  # the kinds whose line is counted in tokens per question
MAX_VALUE_CHARS = 80
_LINE_KEY = re.compile(r"^(chat|long|summary|image|video)([2-9]|[1-9][0-9])?(?:_(model|in|out|in_range|out_range))?$")
_NUMBER = re.compile(r"^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?$|^[0-9]+\.$")


@dataclass(frozen=True)
class ParsedUsage:
    """What a link asks for: the profile (``has_lines`` False when the link names no task line and no preset),
    the preset it named, and one notice per value ignored."""

    profile: UsageProfile
    has_lines: bool
    preset: str | None
    notices: tuple[str, ...]


def _number(text: str) -> float | None:
    """A plain decimal number ("20", "0.5", "2.5e-3"), finite; None for anything else."""
    text = text.strip()
    if not _NUMBER.match(text):
        return None
    v = float(text)
    return v if math.isfinite(v) else None


def _rate_period(key: str, raw: str, data: DataBundle, kind: str, notices: list[str], t: Translator = EN
                 ) -> tuple[float, str] | None:
    """'20/day' → (20.0, 'day'); a bare number is per day. None (and one notice) when it cannot be read."""
    rate_text, _sep, period = raw.partition("/")
    period = (period or "day").strip().lower()
    rate = _number(rate_text)
    if rate is None:
        hint = (t._("use a dot for decimals, for example 2.5/day") if "," in rate_text
                else t._("for example 20/day"))
        notices.append(t._("Ignored {key}=“{value}”: the rate is not a number of at least 0 ({hint}).", key=key,
                           value=safe_snippet(raw), hint=hint))
        return None
    if period not in PERIODS_PER_YEAR:
        notices.append(t._("Ignored {key}=“{value}”: the period must be day, week or month (for example 3/week).",
                           key=key, value=safe_snippet(raw)))
        return None
    if units_per_year(UsageLine(kind, rate, period), data) > LIMITS["count"]:
        notices.append(t._("Ignored {key}=“{value}”: that many uses a year is beyond what this estimator covers.",
                           key=key, value=safe_snippet(raw)))
        return None
    return rate, period


def _reason(exc: EstimatorError, t: Translator) -> str:
    """Why a value was ignored: the library's English message, or (its words being English) a plain line in the
    reader's language."""
    return safe_snippet(exc.message, 90) if t.lang == "en" else t._("this value cannot be used here")


def _is_typical(name: str) -> bool:
    q = " ".join(name.split()).lower()
    return not q or q in UNKNOWN_MODEL or q == TYPICAL_LABEL.lower()


def resolve_model(kind: str, name: str, data: DataBundle) -> str:
    """A product label of the kind ("a small open model", data/products.csv) or a model id or alias → the model id."""
    return product_model(kind, name, data) or find_model(name, data, data.tasks[KINDS[kind][0]].model_tasks).model_id


def _model(key: str, raw: str, kind: str, data: DataBundle, notices: list[str], t: Translator = EN) -> str | None:
    """A model id or product name → the catalogue's model id for the kind's task; typical (None) otherwise."""
    if _is_typical(raw):
        return None
    try:
        return resolve_model(kind, raw, data)
    except EstimatorError as exc:
        notices.append(t._("Ignored {key}=“{value}”: {reason}. Using the task's typical model instead.", key=key,
                           value=safe_snippet(raw), reason=_reason(exc, t)))
        return None


def _tokens(key: str, raw: str, kind: str, field: str, notices: list[str], t: Translator = EN) -> int | None:
    if kind not in TOKEN_KINDS:
        notices.append(t._("Ignored {key}: token counts apply to chat questions and long answers only.", key=key))
        return None
    v = _number(raw)
    limit = LIMITS["input_tokens" if field == "in" else "output_tokens"]
    if v is None or v != int(v) or not 1 <= v <= limit:
        written = t.count(limit)  # "1,000,000" in English, as before
        notices.append(t._("Ignored {key}=“{value}”: tokens must be a whole number from 1 to {limit}. Using the "
                           "task's usual size instead.", key=key, value=safe_snippet(raw), limit=written))
        return None
    return int(v)


def _token_range(key: str, raw: str, kind: str, central: int | None, notices: list[str], t: Translator = EN
                 ) -> tuple[float, float] | None:
    """'7.5:12.25' → (7.5, 12.25): an export's low and high tokens per reply around the central count."""
    if kind not in TOKEN_KINDS or central is None:
        notices.append(t._("Ignored {key}: a token range needs the token count it is around (…_in= or …_out=).",
                           key=key))
        return None
    low_text, _sep, high_text = raw.partition(":")
    low, high = _number(low_text), _number(high_text)
    # low ≤ high only: a count rounded to whole tokens (at least 1) may sit just outside its own unrounded range
    if low is None or high is None or low > high:
        notices.append(t._("Ignored {key}=“{value}”: expected LOW:HIGH tokens per reply, for example 7.5:12.5. "
                           "Using the count without its range.", key=key, value=safe_snippet(raw)))
        return None
    return low, high


def _region(raw: str, data: DataBundle, notices: list[str], t: Translator = EN) -> str:
    try:
        return find_zone(raw, data).zone_id
    except EstimatorError as exc:
        notices.append(t._("Ignored region=“{value}”: {reason}. Using the world average instead.",
                           value=safe_snippet(raw), reason=_reason(exc, t)))
        return DEFAULT_REGION


def _boundary(raw: str, notices: list[str], t: Translator = EN) -> str:
    value = raw.strip().lower()
    if value not in BOUNDARY_CHOICES:
        notices.append(t._("Ignored boundary=“{value}”: this page counts datacenter or lifecycle.",
                           value=safe_snippet(raw)))
        return DEFAULT_BOUNDARY
    return value


def _line_order(name: str) -> tuple[int, int]:
    """'chat' → (0, 1), 'image3' → (3, 3): lines in the order of KINDS, then by their number."""
    m = _LINE_KEY.match(name)
    return list(KINDS).index(m.group(1)), int(m.group(2) or 1)


def parse_usage_params(params: Mapping, data: DataBundle, t: Translator | None = None) -> ParsedUsage:
    """URL parameters → a usage profile plus one notice for every value ignored (never an exception); the notices
    in the reader's language with ``t`` (English without)."""
    t = t or EN
    notices: list[str] = []
    given: dict[str, str] = {}
    for key, vals in query_values(params).items():
        name = key.strip().lower()
        if name in PAGE_KEYS:
            continue
        if name not in ("region", "boundary", "preset") and not _LINE_KEY.match(name):
            notices.append(t._("Ignored unknown link parameter “{name}”.", name=safe_snippet(key)))
            continue
        if len(vals) > 1:
            notices.append(t._("The link repeats “{name}”; using its first value.", name=safe_snippet(name)))
        value = vals[0] if vals else ""
        if len(value) > MAX_VALUE_CHARS:
            notices.append(t._("Ignored “{name}”: the value is too long.", name=safe_snippet(name)))
            continue
        given[name] = value
    region = _region(given["region"], data, notices, t) if "region" in given else DEFAULT_REGION
    boundary = _boundary(given["boundary"], notices, t) if "boundary" in given else DEFAULT_BOUNDARY

    line_names = sorted({m.group(1) + (m.group(2) or "") for k in given if (m := _LINE_KEY.match(k))},
                        key=_line_order)
    lines: list[UsageLine] = []
    for name in line_names:
        kind = _LINE_KEY.match(name).group(1)
        if name not in given:
            notices.append(t._("Ignored {name}_…: the link gives no rate “{name}=”.", name=safe_snippet(name)))
            continue
        rp = _rate_period(name, given[name], data, kind, notices, t)
        if rp is None:
            continue
        model = _model(f"{name}_model", given[f"{name}_model"], kind, data, notices, t) if f"{name}_model" in given \
            else None
        tokens = {f: _tokens(f"{name}_{f}", given[f"{name}_{f}"], kind, f, notices, t) if f"{name}_{f}" in given
                  else None for f in ("in", "out")}
        spans = {f: _token_range(f"{name}_{f}_range", given[f"{name}_{f}_range"], kind, tokens[f], notices, t)
                 if f"{name}_{f}_range" in given else None for f in ("in", "out")}
        lines.append(UsageLine(kind, rp[0], rp[1], model, tokens["in"], tokens["out"],
                               input_tokens_range=spans["in"], output_tokens_range=spans["out"]))

    preset = None
    if "preset" in given:
        presets = usage_presets()
        key = given["preset"].strip().lower().replace(" ", "-")
        if key not in presets:
            notices.append(t._("Ignored preset=“{value}”: choose one of {presets}.",
                               value=safe_snippet(given["preset"]), presets=", ".join(presets)))
        elif line_names:
            notices.append(t._("The link gives both a preset and task lines; using the task lines."))
        else:
            preset = key
            p = presets[key]
            return ParsedUsage(UsageProfile(p.lines, region, boundary, notes=p.notes), True, preset, tuple(notices))
    return ParsedUsage(UsageProfile(tuple(lines), region, boundary), bool(lines), preset, tuple(notices))


# ---------------------------------------------------------------------------------------------
# profile → parameters

# A link is read by people too: an export's derived rates and token spreads are written to six significant digits
# (a rate's relative change under 1e-6, far below the two significant digits a year is shown with), not as
# "12.833333333333334".
LINK_SIGNIFICANT_DIGITS = 6


def _fmt(v: float) -> str:
    """20.0 → '20'; 12.833333333333334 → '12.8333' (six significant digits, no exponent for everyday sizes)."""
    if float(v).is_integer() and abs(v) < 1e15:
        return str(int(v))
    return f"{float(v):.{LINK_SIGNIFICANT_DIGITS}g}"


def model_id(line: UsageLine, data: DataBundle) -> str | None:
    """The catalogue id a line's model names (a product name such as "ChatGPT" resolved), None for typical."""
    if line.model is None or _is_typical(line.model):
        return None
    try:
        return resolve_model(line.kind, line.model, data)
    except EstimatorError:
        return None


def line_key(line: UsageLine, data: DataBundle) -> tuple:
    """What a link keeps of a line: kind, rate, period, model id, token counts and their ranges (not its note)."""
    return (line.kind, float(line.rate), line.period, model_id(line, data), line.input_tokens, line.output_tokens,
            line.input_tokens_range, line.output_tokens_range)


def matching_preset(lines: tuple[UsageLine, ...], data: DataBundle) -> str | None:
    """The preset whose lines these are (models compared by catalogue id), or None."""
    keys = [line_key(ln, data) for ln in lines if ln.rate > 0]
    for pid, p in usage_presets().items():
        if [line_key(ln, data) for ln in p.lines] == keys:
            return pid
    return None


def usage_params(profile: UsageProfile, data: DataBundle) -> dict[str, str]:
    """A usage profile → the shortest parameters that reproduce its lines, region and boundary: a preset's name
    when the lines are a preset's, else one parameter per line with a rate above 0 (the export's months and
    notes are not in a link)."""
    out: dict[str, str] = {}
    preset = matching_preset(profile.lines, data)
    if preset is not None:
        out["preset"] = preset
    else:
        seen: dict[str, int] = {}
        for line in profile.lines:
            if line.rate <= 0:
                continue
            seen[line.kind] = seen.get(line.kind, 0) + 1
            name = line.kind + (str(seen[line.kind]) if seen[line.kind] > 1 else "")
            out[name] = f"{_fmt(line.rate)}/{line.period}"
            mid = model_id(line, data)
            if mid is not None:
                out[f"{name}_model"] = mid
            if line.input_tokens is not None:
                out[f"{name}_in"] = str(int(line.input_tokens))
            if line.output_tokens is not None:
                out[f"{name}_out"] = str(int(line.output_tokens))
            for f, span in (("in", line.input_tokens_range), ("out", line.output_tokens_range)):
                if span is not None:
                    out[f"{name}_{f}_range"] = f"{_fmt(span[0])}:{_fmt(span[1])}"
    if profile.region != DEFAULT_REGION:
        out["region"] = profile.region
    if profile.boundary != DEFAULT_BOUNDARY:
        out["boundary"] = profile.boundary
    return out
