"""A person's year of AI use: a few rates (or an export) → week, month and year grams with ranges.

Each task line of a ``UsageProfile`` (chat questions, long answers / reasoning, summaries, images, video
seconds) is one call of the library's ``estimate()`` with count = rate × periods in a year; the lines'
ranges add as in METHODOLOGY §3 (``Range.__add__``: independent inputs in quadrature, the same data row,
such as the grid, moves together). The single change that would cut most is the greener option
(``label(...).alternatives``) that saves the most grams of the whole year.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..data import DATA_DIR, USAGE_KINDS, DataBundle, load_data
from ..equivalents import EquivalentValue, all_equivalents, best_equivalents
from ..errors import EstimatorError, plain_number
from ..estimate import Estimate, estimate
from ..i18n import Translator
from ..i18n.names import model_name
from ..label import GreenerOption, label
from ..scenario import LIMITS, Scenario, find_model
from ..uncertainty import Range
from .summary import UNKNOWN, ZERO, ExportSummary

# kind → (library task, workload preset or None for the task's default, words for a person)
# (the kind → task map itself lives with the data tables, estimator.data.USAGE_KINDS, which products.csv is checked on)
KINDS: dict[str, tuple[str, str | None, str]] = {
    "chat": (USAGE_KINDS["chat"], None, "chat questions"),
    "long": (USAGE_KINDS["long"], "reasoning", "long answers / reasoning"),
    "summary": (USAGE_KINDS["summary"], None, "summaries"),
    "image": (USAGE_KINDS["image"], None, "images"),
    "video": (USAGE_KINDS["video"], None, "video seconds"),
}
TYPICAL_LABEL = "Typical model"  # the first choice of every kind: the task's typical model (tasks.csv)
# Calendar arithmetic, not a figure of the estimate: a year of 365 days, 7 days a week, 12 months.
DAYS_PER_YEAR = 365
PERIODS_PER_YEAR = {"day": DAYS_PER_YEAR, "week": DAYS_PER_YEAR / 7, "month": 12}  # the keys are USAGE_PERIODS
WEEKS_PER_YEAR = PERIODS_PER_YEAR["week"]
MONTHS_PER_YEAR = PERIODS_PER_YEAR["month"]


@dataclass(frozen=True)
class UsageLine:
    """One task at a rate: ``rate`` units (video: seconds) per ``period`` with a model or product name."""

    kind: str
    rate: float
    period: str = "day"
    model: str | None = None  # a model id, alias or product name ("ChatGPT"); None: the task's typical model
    input_tokens: int | None = None  # chat only; None: the preset's
    output_tokens: int | None = None
    note: str = ""  # why the line is as it is (an export's unknown model, …)
    # an export's chat line: (low, high) tokens per reply from the characters-per-token range (token_ratios.csv)
    input_tokens_range: tuple[float, float] | None = None
    output_tokens_range: tuple[float, float] | None = None


@dataclass(frozen=True)
class UsageProfile:
    """A person's use: task lines, where they live, the boundary; an export adds units per month per line."""

    lines: tuple[UsageLine, ...]
    region: str = "WORLD"
    boundary: str = "datacenter"
    # (month "YYYY-MM", units of each line in that month, aligned with ``lines``)
    months: tuple[tuple[str, tuple[float, ...]], ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class LineYear:
    """One line's year: its estimate (count = the year's units) and its grams (scaled when under one unit)."""

    line: UsageLine
    units_per_year: float
    estimate: Estimate
    scale: float  # grams = estimate × scale (1 unless the year holds less than one unit)
    co2e_g: Range
    parts: dict[str, Range]
    energy_wh: Range  # electricity at the datacenter boundary (at gpu/server/fleet: that boundary's)
    token_factor: Range | None = None  # an export's token-count spread (central 1), already in co2e_g and parts

    @property
    def per_unit_g(self) -> Range:
        per_unit = self.estimate.co2e_g_per_unit
        return per_unit * self.token_factor if self.token_factor is not None else per_unit


@dataclass(frozen=True)
class BestChange:
    """The one greener option that saves the most grams of the whole year."""

    line_index: int
    kind: str
    option: GreenerOption
    saved_g: float  # central grams of the year
    saved_share: float  # of the year's central grams
    saved_share_range: tuple[float, float]  # least, most (from the option's ratio to the current line)
    kind_share: float  # the changed task's share of the year
    current: Estimate | None = None  # the changed line's estimate (for the change in the reader's words)

    def words(self, t: Translator | None = None) -> str:
        """The change in one sentence (English without ``t``: the JSON record and the card keep these words)."""
        least, most = self.saved_share_range
        if t is None or t.lang == "en":
            return (f"your {KINDS[self.kind][2]} are {pct_words(self.kind_share)} of your year; "
                    f"{self.option.label[0].lower() + self.option.label[1:]} ({self.option.change}) would save "
                    f"{pct_words(self.saved_share)} (range {pct_words(least)} to {pct_words(most)})")
        from ..i18n.names import alternative_label
        return t._("your {task} are {share} of your year; {option} ({change}) would save {saved} "
                   "(range {least} to {most})", task=kind_words(self.kind, t),
                   share=pct_words(self.kind_share, t), option=lowered(alternative_label(self.option, t)),
                   change=change_words(self.option, self.current, t), saved=pct_words(self.saved_share, t), least=pct_words(least, t),
                   most=pct_words(most, t))


def lowered(text: str) -> str:
    """A label inside a sentence: its first letter in lower case ("Smaller model" → "smaller model")."""
    return text[:1].lower() + text[1:]


def pct_words(share: float, t: Translator | None = None) -> str:
    """A share as a whole percentage: "63 %" (English without ``t``), "63 %" / "63%" as the reader's locale writes it."""
    if t is None or t.lang == "en":
        return f"{share * 100:.0f} %"
    return t.percent(share * 100)


def change_words(option: GreenerOption, current: Estimate | None, t: Translator) -> str:
    """What the change is ("Llama 3.1 8B instead of GPT-4o"), in the reader's language; the English words of
    ``GreenerOption.change`` when the lever is not one a person takes (or the current estimate is unknown)."""
    alt = option.estimate
    if current is None or alt is None:
        return option.change
    a, s = alt.scenario, current.scenario
    aid = option.alternative_id
    if aid in ("smaller_model", "efficient_model", "task_specific"):
        return t._("{new} instead of {old}", new=model_name(alt.model, t), old=model_name(current.model, t))
    if aid == "shorter_answer" and a.output_tokens and s.output_tokens:
        return t._n("{new} output token instead of {old}", "{new} output tokens instead of {old}", a.output_tokens,
                    new=t.count(a.output_tokens), old=t.count(s.output_tokens))
    if aid == "shorter_summary" and a.summary_words and s.summary_words:
        return t._("a {new}-word summary instead of {old}", new=t.count(a.summary_words), old=t.count(s.summary_words))
    if aid == "fewer_steps" and a.steps and s.steps:
        return t._n("{new} denoising step instead of {old}", "{new} denoising steps instead of {old}", a.steps,
                    new=t.count(a.steps), old=t.count(s.steps))
    if aid == "lower_resolution" and a.width and s.width:
        new, old = f"{a.width}×{a.height}", f"{s.width}×{s.height}"
        return t._("{new} instead of {old}", new=new, old=old)
    if aid == "shorter_video" and a.seconds and s.seconds:
        new, old = t.number(a.seconds) + " s", t.number(s.seconds) + " s"
        return t._("{new} instead of {old}", new=new, old=old)
    return option.change


def kind_words(kind: str, t: Translator | None = None) -> str:
    """The words a person uses for a kind of use ("chat questions"), in the reader's language."""
    if t is None:
        return KINDS[kind][2]
    return {"chat": t._("chat questions"), "long": t._("long answers / reasoning"), "summary": t._("summaries"),
            "image": t._("images"), "video": t._("video seconds")}[kind]


@dataclass(frozen=True)
class YearResult:
    profile: UsageProfile
    lines: tuple[LineYear, ...]
    year_g: Range
    month_g: Range
    week_g: Range
    shares: tuple[tuple[str, float], ...]  # kind → share of the year's central grams, largest first
    dominant: str
    best_change: BestChange | None
    parts: dict[str, Range]  # lifecycle only: operation, embodied_hardware, amortized_training for the year
    by_month: tuple[tuple[str, Range], ...]  # an export's months with dates
    energy_wh: Range  # the year's electricity, summed like the grams

    def equivalents(self, data: DataBundle | None = None, how_many: int = 3) -> list[EquivalentValue]:
        """The year in everyday terms (data/equivalents.csv), as for one estimate."""
        data = data or load_data()
        return best_equivalents(all_equivalents(self.year_g, self.energy_wh, data), how_many)


def _fail(where: str, message: str, hint: str) -> EstimatorError:
    return EstimatorError(f"{where}: {message}", hint)


def _rate(where: str, value: object) -> float:
    """A rate: a finite number ≥ 0 (0 leaves the line out)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(where, f"rate must be a number, not {type(value).__name__}", "for example \"rate\": 20")
    v = float(value)
    if not math.isfinite(v) or v < 0:
        raise _fail(where, f"rate must be a finite number of at least 0, not {plain_number(v)}",
                    "a rate counts uses per period, for example \"rate\": 20")
    return v


def check_line(where: str, line: UsageLine) -> UsageLine:
    """Kind, rate and period checked (the model and workload are checked by ``estimate``)."""
    if not isinstance(line.kind, str) or line.kind.strip().lower() not in KINDS:
        raise _fail(where, f"unknown task {str(line.kind)[:30]!r}", f"use one of: {', '.join(KINDS)}")
    if not isinstance(line.period, str) or line.period.strip().lower() not in PERIODS_PER_YEAR:
        raise _fail(where, f"unknown period {str(line.period)[:30]!r}", "use day, week or month")
    if line.model is not None and not isinstance(line.model, str):
        raise _fail(where, f"model must be a name, not {type(line.model).__name__}", "for example \"model\": \"ChatGPT\"")
    for name in ("input_tokens", "output_tokens"):
        v = getattr(line, name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            raise _fail(where, f"{name} must be a number, not {type(v).__name__}", f"for example \"{name}\": 400")
    return replace(line, kind=line.kind.strip().lower(), rate=_rate(where, line.rate), period=line.period.strip().lower())


def units_per_year(line: UsageLine, data: DataBundle) -> float:
    """Units in a year: rate × periods per year; video seconds become clips of the task's default clip length."""
    units = line.rate * PERIODS_PER_YEAR[line.period]
    if line.kind == "video":
        task, preset_id, _ = KINDS["video"]
        preset = next(p for p in data.presets.values() if p.task_id == task and (p.preset_id == preset_id or
                                                                                 (preset_id is None and p.is_default)))
        units /= preset.seconds
    return units


def usage_products(kind: str, data: DataBundle | None = None) -> list[tuple[str, str | None]]:
    """(label, model_id) a person can pick for one kind: the typical model first (model None), then the products
    of data/products.csv that serve the kind, in the table's order."""
    data = data or load_data()
    key = kind.strip().lower() if isinstance(kind, str) else ""
    if key not in KINDS:
        raise EstimatorError(f"unknown task {str(kind)[:30]!r}", f"use one of: {', '.join(KINDS)}")
    return [(TYPICAL_LABEL, None)] + [(p.label, p.model_id) for p in data.products if key in p.kinds]


def product_model(kind: str, name: str | None, data: DataBundle) -> str | None:
    """The model id a product label stands for in this kind ("a small open model" → llama-3.1-8b for chat), or
    None when the name is not a product label of the kind (then it is a model id or alias for ``find_model``)."""
    if not isinstance(name, str):
        return None
    q = " ".join(name.split()).lower()
    if q == TYPICAL_LABEL.lower():
        return data.tasks[KINDS[kind][0]].typical_model_id
    return next((p.model_id for p in data.products if kind in p.kinds and p.label.lower() == q), None)


def line_scenario(line: UsageLine, region: str, boundary: str, count: float, data: DataBundle | None = None
                  ) -> Scenario:
    task, preset, _ = KINDS[line.kind]
    model = (product_model(line.kind, line.model, data) if data is not None else None) or line.model
    return Scenario(task=task, model=model, preset=preset, count=count, region=region, boundary=boundary,
                    input_tokens=line.input_tokens, output_tokens=line.output_tokens)


def line_year(where: str, line: UsageLine, region: str, boundary: str, data: DataBundle) -> LineYear:
    """One ``estimate()`` call: count = the year's units (at least one unit is estimated, then scaled down)."""
    units = units_per_year(line, data)
    if units > LIMITS["count"]:
        raise _fail(where, f"{plain_number(units)} uses a year is beyond what this estimator covers",
                    "check the rate and its period")
    count, scale = (units, 1.0) if units >= 1 else (1, units)
    try:
        e = estimate(line_scenario(line, region, boundary, count, data), data)
    except EstimatorError as exc:
        raise _fail(where, exc.message, exc.hint) from None
    factor = token_factor(line, e, region, boundary, count, data)
    spread = scale if factor is None else factor * scale  # Range × float keeps the factor's named spread
    grams = e.co2e_g * spread if spread != 1 else e.co2e_g
    parts = {k: (v * spread if spread != 1 else v) for k, v in e.parts.items()}
    return LineYear(line, units, e, scale, grams, parts, e.energy_wh * spread if spread != 1 else e.energy_wh,
                    factor)


TOKEN_SPREAD = "tokens estimated from text length"  # one input for every line: the same token_ratios.csv rows


def token_factor(line: UsageLine, e: Estimate, region: str, boundary: str, count: float, data: DataBundle
                 ) -> Range | None:
    """An export's token range as a factor on the line's grams (METHODOLOGY, "A year of use"): the line estimated
    at its low and at its high tokens per reply, ÷ at its central tokens. Central 1, so the central never moves;
    one named input shared by every line (the same characters-per-token rows), independent of all others."""
    if line.input_tokens_range is None and line.output_tokens_range is None:
        return None
    ends = []
    for end in (0, 1):
        tin = line.input_tokens if line.input_tokens_range is None else line.input_tokens_range[end]
        tout = line.output_tokens if line.output_tokens_range is None else line.output_tokens_range[end]
        # whole tokens within what the estimator covers (a range end past the limit is held at it)
        tin = None if tin is None else min(LIMITS["input_tokens"], round(tin))
        tout = None if tout is None else min(LIMITS["output_tokens"], max(1, round(tout)))
        other = estimate(line_scenario(replace(line, input_tokens=tin, output_tokens=tout), region, boundary, count,
                                       data), data)
        ends.append(other.co2e_g.central / e.co2e_g.central)
    low, high = min(ends[0], 1.0), max(ends[1], 1.0)
    return Range.of(low, 1.0, high, TOKEN_SPREAD)


def _sum(ranges: list[Range]) -> Range:
    """Ranges of the year's lines added (METHODOLOGY §3): shared rows move together, others in quadrature."""
    return functools.reduce(lambda a, b: a + b, ranges)


def _where(i: int, line: UsageLine) -> str:
    kind = line.kind if isinstance(line.kind, str) else "?"
    return f"usage line {i + 1} ({kind[:20]})"


# Which greener options (data/alternatives.csv, estimator/label.py) a person using a product can take. The
# grid region, the hour the datacenter runs at and its GPUs' power cap are the provider's choices, not the person's;
# denoising steps are a setting only where a person runs an open model themself.
PERSON_CHOICES = frozenset({"smaller_model", "efficient_model", "task_specific", "shorter_answer",
                            "shorter_summary", "lower_resolution", "shorter_video"})
OPEN_MODEL_CHOICES = frozenset({"fewer_steps"})
PROVIDER_CHOICES = frozenset({"cleaner_region", "cleaner_hour", "power_capped"})


def persons_choice(option: GreenerOption, model_open_weights: bool) -> bool:
    """True when the person can make this change themself when using the product (another model, a smaller job)."""
    return option.alternative_id in PERSON_CHOICES or (
        model_open_weights and option.alternative_id in OPEN_MODEL_CHOICES)


def best_change(lines: tuple[LineYear, ...], year_central_g: float, shares: dict[str, float],
                data: DataBundle) -> BestChange | None:
    """For every line, the greener options the person can take themself (``persons_choice``); the one saving the
    most grams of the year wins."""
    best: BestChange | None = None
    for i, ly in enumerate(lines):
        for o in label(ly.estimate, data).alternatives:
            if not persons_choice(o, ly.estimate.model.open_weights):
                continue
            saved = o.saved_g * ly.scale
            if best is not None and saved <= best.saved_g:
                continue
            r = o.ratio_to_current or Range.exact(1 - o.saved_percent / 100)
            line_g = ly.co2e_g.central
            span = (line_g * (1 - r.high) / year_central_g, line_g * (1 - r.low) / year_central_g)
            best = BestChange(i, ly.line.kind, o, saved, saved / year_central_g, span, shares[ly.line.kind],
                              ly.estimate)
    return best


def year(profile: UsageProfile, data: DataBundle | None = None) -> YearResult:
    """Week, month and year grams of a usage profile, by task, with the single change that would cut most."""
    data = data or load_data()
    if not profile.lines:
        raise EstimatorError("the usage profile has no task lines", "add at least one, for example chat 20 a day")
    checked = [check_line(_where(i, ln), ln) for i, ln in enumerate(profile.lines)]
    results = tuple(line_year(_where(i, ln), ln, profile.region, profile.boundary, data)
                    for i, ln in enumerate(checked) if ln.rate > 0)
    if not results:
        raise EstimatorError("every rate in the usage profile is 0", "give at least one rate above 0")
    year_g = _sum([r.co2e_g for r in results])
    by_kind: dict[str, float] = {}
    for r in results:
        by_kind[r.line.kind] = by_kind.get(r.line.kind, 0.0) + r.co2e_g.central
    shares = {k: g / year_g.central for k, g in by_kind.items()}
    ordered = tuple(sorted(shares.items(), key=lambda kv: -kv[1]))
    parts: dict[str, Range] = {}
    if results[0].parts:
        parts = {k: _sum([r.parts[k] for r in results]) for k in results[0].parts}
    return YearResult(
        profile=profile, lines=results, year_g=year_g, month_g=year_g / MONTHS_PER_YEAR,
        week_g=year_g / WEEKS_PER_YEAR, shares=ordered, dominant=ordered[0][0],
        best_change=best_change(results, year_g.central, shares, data), parts=parts,
        by_month=_by_month(profile, checked, results), energy_wh=_sum([r.energy_wh for r in results]))


def _by_month(profile: UsageProfile, checked: list[UsageLine], results: tuple[LineYear, ...]
              ) -> tuple[tuple[str, Range], ...]:
    """An export's months: Σ over lines of one unit's grams × the line's units that month."""
    per_unit = {}
    j = 0
    for i, ln in enumerate(checked):
        if ln.rate > 0:
            per_unit[i] = results[j].per_unit_g
            j += 1
    out = []
    for month, units in profile.months:
        ranges = [per_unit[i] * u for i, u in enumerate(units) if u > 0 and i in per_unit]
        if ranges and month != UNKNOWN:
            out.append((month, _sum(ranges)))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Presets: data/usage_presets.csv

@dataclass(frozen=True)
class UsagePreset:
    preset_id: str
    label: str
    lines: tuple[UsageLine, ...]
    notes: tuple[str, ...]


def usage_presets(data_dir: Path = DATA_DIR) -> dict[str, UsagePreset]:
    """The plain-language presets, one row per task line (each row's note says it is an illustration); the rows
    are checked once with every table by ``load_data`` (a DataError names file, row and column)."""
    grouped: dict[str, list] = {}
    for r in load_data(data_dir).usage_presets:
        line = UsageLine(r.kind, r.rate, r.period, r.model, note=r.source.note)
        grouped.setdefault(r.preset_id, []).append((r.label, line))
    return {pid: UsagePreset(pid, items[0][0], tuple(ln for _, ln in items), tuple(ln.note for _, ln in items))
            for pid, items in grouped.items()}


def preset_profile(preset_id: str, region: str = "WORLD", boundary: str = "datacenter") -> UsageProfile:
    presets = usage_presets()
    key = preset_id.strip().lower().replace(" ", "-") if isinstance(preset_id, str) else ""
    if key not in presets:
        raise EstimatorError(f"unknown usage preset {str(preset_id)[:40]!r}", f"use one of: {', '.join(presets)}")
    p = presets[key]
    return UsageProfile(p.lines, region, boundary, notes=p.notes)


# ---------------------------------------------------------------------------------------------
# A usage profile from JSON (the CLI's --usage file)

def profile_from_json(obj: object) -> UsageProfile:
    """``{"region": "FR", "boundary": "lifecycle", "lines": [{"task": "chat", "rate": 20, "per": "day",
    "model": "ChatGPT"}, …]}`` or ``{"preset": "daily-user"}``; wrong shapes and types get one line."""
    hint = 'expected {"lines": [{"task": "chat", "rate": 20, "per": "day", "model": "ChatGPT"}]}'
    if not isinstance(obj, dict):
        raise EstimatorError(f"the usage file must hold a JSON object, not a {type(obj).__name__}", hint)
    known = {"region", "boundary", "lines", "preset"}
    extra = sorted(str(k)[:30] for k in obj if k not in known)
    if extra:
        raise EstimatorError(f"unknown key(s) in the usage file: {', '.join(extra)}", f"known keys: {', '.join(sorted(known))}")
    region = obj.get("region", "WORLD")
    boundary = obj.get("boundary", "datacenter")
    for name, value in (("region", region), ("boundary", boundary)):
        if not isinstance(value, str):
            raise EstimatorError(f"{name} must be text, not {type(value).__name__}", f'for example "{name}": "WORLD"')
    if "preset" in obj:
        if "lines" in obj:
            raise EstimatorError("the usage file gives both a preset and lines", "give one of them")
        return preset_profile(obj["preset"], region, boundary)
    lines = obj.get("lines")
    if not isinstance(lines, list) or not lines:
        raise EstimatorError("the usage file needs a non-empty list \"lines\"", hint)
    out = []
    line_keys = {"task", "rate", "per", "model", "input_tokens", "output_tokens"}
    for i, item in enumerate(lines):
        where = f"usage line {i + 1}"
        if not isinstance(item, dict):
            raise EstimatorError(f"{where} must be a JSON object, not a {type(item).__name__}", hint)
        extra = sorted(str(k)[:30] for k in item if k not in line_keys)
        if extra:
            raise EstimatorError(f"{where}: unknown key(s) {', '.join(extra)}", f"known keys: {', '.join(sorted(line_keys))}")
        if "task" not in item or "rate" not in item:
            raise EstimatorError(f"{where}: needs \"task\" and \"rate\"", hint)
        out.append(UsageLine(item["task"], item["rate"], item.get("per", "day"), item.get("model"),
                             item.get("input_tokens"), item.get("output_tokens")))
    return UsageProfile(tuple(out), region, boundary)


# ---------------------------------------------------------------------------------------------
# A usage profile from an export (estimator/usage/summary.py)

def _span_months(first: date | None, last: date | None) -> int | None:
    """Calendar months from the first to the last dated message, both included."""
    if first is None or last is None:
        return None
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _known(name: str, kind: str, data: DataBundle) -> str | None:
    """The export's model name when the catalogue knows it for this task (id or alias), else None (typical)."""
    try:
        return find_model(name, data, data.tasks[KINDS[kind][0]].model_tasks).model_id
    except EstimatorError:
        return None


def _slugs_note(model: str | None, slugs: list[str], t: Translator | None = None) -> str:
    """Why a line is as it is: unknown slugs read as the typical model, or several names of one model merged."""
    named = [x for x in slugs if x != UNKNOWN]
    unrecorded = len(named) < len(slugs)  # replies for which the export records no model at all
    shown = ", ".join(repr(x[:40]) for x in named[:6]) + (", …" if len(named) > 6 else "")
    if t is not None and t.lang != "en":
        if model is None:
            if not named:
                return t._("replies whose model the export does not record: the task's typical model is used")
            if unrecorded:
                return t._n("model {names} is not in the catalogue (and replies with no model recorded): the task's "
                            "typical model is used",
                            "models {names} are not in the catalogue (and replies with no model recorded): the "
                            "task's typical model is used", len(named), names=shown)
            return t._n("model {names} is not in the catalogue: the task's typical model is used",
                        "models {names} are not in the catalogue: the task's typical model is used", len(named),
                        names=shown)
        if len(slugs) > 1:
            return t._("models {names} are all {model} in the catalogue: one line", names=shown, model=model)
        return ""
    if model is None:
        if not named:
            return "replies whose model the export does not record: the task's typical model is used"
        word = "model" if len(named) == 1 else "models"
        tail = " (and replies with no model recorded)" if unrecorded else ""
        verb = "is" if len(named) == 1 else "are"
        return f"{word} {shown} {verb} not in the catalogue{tail}: the task's typical model is used"
    if len(slugs) > 1:
        return f"models {shown} are all {model} in the catalogue: one line"
    return ""


def export_notes(summary: ExportSummary, data: DataBundle | None = None, t: Translator | None = None
                 ) -> tuple[str, ...]:
    """The notes ``profile_from_export`` gives this export, in the reader's language (English without ``t``)."""
    return profile_from_export(summary, data=data, t=t).notes


def profile_from_export(summary: ExportSummary, region: str = "WORLD", boundary: str = "datacenter",
                        data: DataBundle | None = None, t: Translator | None = None) -> UsageProfile:
    """Replies per month per model → chat lines with the export's mean input/output tokens per reply; images →
    image lines; an unknown model → the task's typical model. The rate is the export's mean month (its first to
    its last dated month); without dates the whole export is read as one year."""
    data = data or load_data()
    months = _span_months(summary.first_day, summary.last_day)
    if t is not None and t.lang == "en":
        t = None
    notes = [f"read from the export: {summary.what_was_read()}" if t is None else
             t._("read from the export: {what}", what=summary.what_was_read(t))]
    if months is None:
        notes.append("the export has no dates: its whole content is read as one year" if t is None else
                     t._("the export has no dates: its whole content is read as one year"))
        months = 12
    # Lines are keyed by (kind, catalogued model or None): slugs that land on the same model (two unknown slugs
    # both read as the typical model, or two names of one model) become one line, so a model is never listed twice.
    line_of: dict[tuple[str, str], tuple[str, str | None]] = {}  # (kind, slug) → line key
    totals: dict[tuple[str, str | None], list] = {}  # line key → [units, input tokens, output tokens, slugs]
    for c in summary.cells:
        for kind, units in (("chat", c.replies), ("image", c.images)):
            if not units:
                continue
            key = line_of.setdefault((kind, c.model), (kind, _known(c.model, kind, data)))
            tot = totals.setdefault(key, [0, ZERO, ZERO, []])
            tot[0] += units
            if kind == "chat":
                tot[1] += c.input_tokens
                tot[2] += c.output_tokens
            if c.model not in tot[3]:
                tot[3].append(c.model)
    if not totals:
        raise EstimatorError("the export holds no replies or images to add up", "export a period in which you used it")
    keys = sorted(totals, key=lambda k: (k[0], -totals[k][0], k[1] or ""))
    lines = []
    for kind, model in keys:
        units, tin, tout, slugs = totals[(kind, model)]
        note = _slugs_note(model, sorted(slugs), t)
        if note:
            notes.append(note)
        if kind == "chat":  # tokens per reply: the slugs' token sums over their replies, so weighted by replies
            lines.append(UsageLine("chat", units / months, "month", model, round(tin.central / units),
                                   max(1, round(tout.central / units)), note,
                                   input_tokens_range=(tin.low / units, tin.high / units),
                                   output_tokens_range=(tout.low / units, tout.high / units)))
        else:
            lines.append(UsageLine("image", units / months, "month", model, note=note))
    by_month: dict[str, list[float]] = {}
    for c in summary.cells:
        row = by_month.setdefault(c.month, [0.0] * len(keys))
        for kind, units in (("chat", c.replies), ("image", c.images)):
            if units:
                row[keys.index(line_of[(kind, c.model)])] += units
    month_rows = tuple((m, tuple(v)) for m, v in sorted(by_month.items()) if m != UNKNOWN)
    return UsageProfile(tuple(lines), region, boundary, month_rows, tuple(dict.fromkeys(notes)))


# ---------------------------------------------------------------------------------------------
# One record of a year, for JSON and CSV (the CLI; the page later): counts, model ids and grams only

def _r(r: Range) -> dict[str, float]:
    return r.as_dict()


def year_record(result: YearResult, url: str | None = None) -> dict:
    """The year as plain data: totals, lines, shares, the best change, life-cycle parts and months, stamped with
    the methodology version and data hash (and the link that reproduces it, when given)."""
    p = result.profile
    best = result.best_change
    e = result.lines[0].estimate
    record = {
        "region": e.zone.zone_id,
        "boundary": e.boundary,
        "week_g": _r(result.week_g), "month_g": _r(result.month_g), "year_g": _r(result.year_g),
        "year_energy_wh": _r(result.energy_wh),
        "year_equivalents": [{"equivalent": v.equivalent.equivalent_id, "amount": v.amount.central, "of": v.label}
                             for v in result.equivalents()],
        "lines": [{"task": ly.line.kind, "task_words": KINDS[ly.line.kind][2], "model": ly.estimate.model.model_id,
                   "rate": ly.line.rate, "per": ly.line.period, "units_per_year": ly.units_per_year,
                   "input_tokens": ly.estimate.scenario.input_tokens, "output_tokens": ly.estimate.scenario.output_tokens,
                   "year_g": _r(ly.co2e_g), "share": ly.co2e_g.central / result.year_g.central,
                   **({"token_factor": _r(ly.token_factor)} if ly.token_factor is not None else {}),
                   **({"parts_g": {k: _r(v) for k, v in ly.parts.items()}} if ly.parts else {})}
                  for ly in result.lines],
        "shares": dict(result.shares),
        "dominant": result.dominant,
        "best_change": None if best is None else {
            "task": best.kind, "option": best.option.alternative_id, "change": best.option.change,
            "saved_g": best.saved_g, "saved_share": best.saved_share,
            "saved_share_range": list(best.saved_share_range), "words": best.words()},
        "parts_g": {k: _r(v) for k, v in result.parts.items()},
        "by_month": [{"month": m, "co2e_g": _r(g)} for m, g in result.by_month],
        "notes": list(p.notes),
        "methodology_version": e.methodology_version,
        "data_hash": e.data_hash,
    }
    if url:
        record["url"] = url
    return record


YEAR_ROW_EXTRA = ("task", "model", "rate", "per", "units_per_year", "share")


def year_rows(result: YearResult) -> list[dict]:
    """The year as flat rows for CSV (the CLI's ``--format csv`` and the page's download): one row per total,
    line, life-cycle part, best change and month, with language-neutral keys; every row carries the region,
    boundary, methodology version and data hash so a row read alone still says what it is."""
    rec = year_record(result)
    stamp = {k: rec[k] for k in ("region", "boundary", "methodology_version", "data_hash")}

    def row(scope: str, name: str, g: dict, **extra) -> dict:  # every row has every column, in one order
        return {"scope": scope, "name": name, **{k: extra.get(k) for k in YEAR_ROW_EXTRA}, "co2e_g_low": g["low"],
                "co2e_g_central": g["central"], "co2e_g_high": g["high"], **stamp}

    rows = [row("total", k, rec[f"{k}_g"]) for k in ("week", "month", "year")]
    rows += [row("line", ln["task"], ln["year_g"], task=ln["task"], model=ln["model"], rate=ln["rate"], per=ln["per"],
                 units_per_year=ln["units_per_year"], share=ln["share"]) for ln in rec["lines"]]
    rows += [row("part", k, g) for k, g in rec["parts_g"].items()]
    best = result.best_change
    if best is not None:
        saved = result.year_g.central * best.saved_share
        least, most = best.saved_share_range
        rows.append(row("best_change", best.option.alternative_id,
                        {"low": result.year_g.central * least, "central": saved,
                         "high": result.year_g.central * most},
                        task=best.kind, model=best.option.estimate.model.model_id, share=best.saved_share))
    rows += [row("month", m["month"], m["co2e_g"]) for m in rec["by_month"]]
    return rows
