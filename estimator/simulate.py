"""Carbon-aware model switching, simulated: a day or a week of requests served by a larger or a smaller model.

The policy looks at each hour's grid intensity. When it is above a threshold (in gCO2e/kWh, or a percentile of
that day's hours) the requests of that hour go to the smaller model; otherwise to the larger. With a second,
lower "back" threshold the policy switches back to the larger model only once the grid is that clean
(hysteresis); without it, as soon as the hour is at or below the threshold.

Every gram is ``estimate()`` of one model at one hour's intensity (``grid_override``) with count = that hour's
requests; the hours add as in METHODOLOGY §3 (``Range.__add__``: the same data row, such as the region's annual
intensity or a model's energy fit, moves together; independent inputs add in quadrature). The share saved is
1 − with/without from ``ratio``, so the inputs both totals share cancel (the grid level cancels entirely).

The offline hours are the region's typical-day profile (data/hourly_profiles.csv) for a season; a week repeats the
typical day seven times (a profile has no day-to-day variation). Live forecast hours (estimator/live.py) can be
passed instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass

from .data import DataBundle, load_data, read_switching_studies
from .errors import EstimatorError, plain_number
from .estimate import Estimate, estimate
from .grid import HourOption, find_zone
from .hourly import SEASONS, profile_hours, profile_zone, season_for
from .i18n import Translator
from .i18n.names import model_name
from .methodology import methodology_version
from .scenario import LIMITS, Scenario, find_model, parse_number_text
from .uncertainty import Range, ratio

def _(msgid: str) -> str:
    """Marks an error's words for the catalogue (estimator/i18n/catalog.py); SimError.words translates them."""
    return msgid


class SimError(EstimatorError):
    """An EstimatorError that can also say itself in the reader's language: ``message`` and ``hint`` stay English
    (the CLI, JSON, the tests), ``words(t)`` is the one line in ``t``'s language. ``english``: an error raised
    elsewhere whose English words are kept as they were."""

    def __init__(self, message: str, hint: str = "", english: EstimatorError | None = None, **fields):
        plain = {k: plain_number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                 for k, v in fields.items()}
        super().__init__(english.message if english else message.format(**plain),
                         english.hint if english else hint.format(**plain))
        self.template, self.hint_template, self.fields = message, hint, fields

    def words(self, t: Translator) -> str:
        fields = {k: t.number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                  for k, v in self.fields.items()}
        message = t._(self.template, **fields)
        if not self.hint_template or "--" in self.hint_template:  # a command-line hint helps no reader of a page
            return message
        return t._("{message} ({hint})", message=message, hint=t._(self.hint_template, **fields))


def error_words(exc: EstimatorError, t: Translator | None = None) -> str:
    """An error's one line, "message (hint)", in the reader's language when the error can say it."""
    if t is None or t.lang == "en":
        return str(exc)
    return exc.words(t) if isinstance(exc, SimError) else t._("this value cannot be used here")


HOURS_PER_DAY = 24  # calendar arithmetic: a day of hours, a week of days
SPANS_H = (HOURS_PER_DAY, 7 * HOURS_PER_DAY)
POLICY_KINDS = ("threshold", "percentile")
RATE_SEPARATOR = ";"  # between the 24 hourly rates of a day shape (a comma is a thousands separator: "1,000")


@dataclass(frozen=True)
class Policy:
    """Switch to the smaller model when the hour's intensity is above ``value`` (g/kWh, or a percentile 0–100 of
    the day's hours); back to the larger at or below ``back`` (same kind; None: at or below ``value``)."""

    kind: str = "percentile"
    value: float = 50
    back: float | None = None

    def words(self, t: Translator | None = None) -> str:
        """The rule in words (English without ``t``: the JSON record and the CLI keep these)."""
        if t is not None and t.lang != "en":
            unit = (lambda v: t._("{value} gCO2e/kWh", value=t.number(v))) if self.kind == "threshold" else (
                lambda v: t._("the day's {value}th percentile", value=t.number(v)))
            if self.back is None:
                return t._("smaller model when the grid is above {level}", level=unit(self.value))
            return t._("smaller model when the grid is above {level}; back to the larger model only at or below "
                       "{back}", level=unit(self.value), back=unit(self.back))
        unit = (lambda v: f"{plain_number(v)} gCO2e/kWh") if self.kind == "threshold" else (
            lambda v: f"the day's {ordinal(v)} percentile")
        back = "" if self.back is None else f"; back to the larger model only at or below {unit(self.back)}"
        return f"smaller model when the grid is above {unit(self.value)}{back}"


def ordinal(value: float) -> str:
    v = plain_number(value)
    if not v.isdigit():
        return v
    n = int(v)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class SimRequest:
    """What to simulate. ``rate``: requests per hour, one value (constant) or 24 (a day shape, repeated)."""

    task: str = "chat"
    large: str | None = None
    small: str | None = None
    region: str = "US-CA"
    policy: Policy = Policy()
    hours: int = HOURS_PER_DAY
    rate: tuple[float, ...] = (1000.0,)
    season: str | None = None  # default: the season today in the region
    boundary: str = "datacenter"


@dataclass(frozen=True)
class SimHour:
    index: int  # 0 … hours − 1
    when: str
    intensity_g_per_kwh: Range
    threshold_g_per_kwh: float  # the level above which this hour switches (the policy's value that day)
    requests: float
    small: bool  # served by the smaller model
    with_g: Range | None  # None when the hour has no requests
    without_g: Range | None
    back_g_per_kwh: float | None = None  # the level at or below which the larger model returns (= threshold without one)
    small_g: Range | None = None  # the hour's requests on the smaller model, whichever model served it


@dataclass(frozen=True)
class Simulation:
    request: SimRequest
    large: Estimate  # one request, annual grid (names, workload, boundary)
    small: Estimate
    hours: tuple[SimHour, ...]
    with_g: Range
    without_g: Range
    ratio: Range  # with / without
    saved_share: tuple[float, float, float]  # low, central, high (1 − ratio)
    small_request_share: float
    grid_words: str  # where the hours' intensities come from
    notes: tuple[str, ...]
    methodology_version: str
    data_hash: str

    @property
    def large_request_share(self) -> float:
        return 1.0 - self.small_request_share

    @property
    def requests(self) -> float:
        return sum(h.requests for h in self.hours)

    always_small_g: Range  # every request on the smaller model: the floor no switching rule goes below
    offline: bool = True  # the hours are a typical day's (False: a live forecast's)

    @property
    def always_small_saved_share(self) -> float:
        """What serving every request with the smaller model would save (central): no threshold policy saves more."""
        return 1 - ratio(self.always_small_g, self.without_g).central


# ------------------------------------------------------------------ inputs, checked (one clear line each)

def parse_rate(text: object) -> tuple[float, ...]:
    """"1000" (every hour) or 24 values separated by ";" (a day shape, local hours 0–23)."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        values = [float(text)]
    elif isinstance(text, (list, tuple)):
        values = [float(parse_number_text("rate", str(v))) if isinstance(v, str) else v for v in text]
    elif isinstance(text, str):
        pieces = [p for p in text.replace(" ", "").split(RATE_SEPARATOR)]
        try:
            values = [parse_number_text("rate", p) for p in pieces]
        except EstimatorError as exc:
            raise SimError(_("each rate must be a number, with a dot for decimals"),
                           _("one number, or 24 separated by '{sep}'"), english=exc, sep=RATE_SEPARATOR) from None
    else:
        raise EstimatorError(f"rate must be a number, not {type(text).__name__}", "for example rate=1000")
    return check_rate(tuple(values))


def check_rate(values: tuple) -> tuple[float, ...]:
    if len(values) not in (1, HOURS_PER_DAY):
        raise SimError(_("rate has {n} values"), _("give one (every hour) or {hours} separated by '{sep}' (local "
                                                   "hours 0 to 23)"), n=len(values), hours=HOURS_PER_DAY,
                       sep=RATE_SEPARATOR)
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise EstimatorError(f"rate must be a finite number, not {str(v)[:30]!r}", "for example rate=1000")
        if v < 0:
            raise SimError(_("rate must be at least 0, not {value}"), _("requests per hour count up from 0"), value=v)
        if v > LIMITS["count"]:
            raise SimError(_("rate of {value} requests an hour is beyond what this estimator covers (max {max})"),
                           _("lower the rate"), value=v, max=LIMITS["count"])
        out.append(float(v))
    if not any(out):
        raise SimError(_("rate is 0 in every hour"), _("give at least one request in one hour"))
    return tuple(out)


PERCENT = 100.0  # a percentile runs from 0 to 100


def threshold_max_g_per_kwh(data: DataBundle) -> float:
    """The highest grid intensity any reading can have: the live providers' plausible maximum (live_providers.csv)."""
    return max(float(p["plausible_max_g_per_kwh"]) for p in data.live_providers.values())


def check_policy(p: Policy, data: DataBundle | None = None) -> Policy:
    if p.kind not in POLICY_KINDS:
        raise EstimatorError(f"unknown policy {str(p.kind)[:30]!r}", "use threshold (gCO2e/kWh) or percentile (0-100)")
    top = PERCENT if p.kind == "percentile" else threshold_max_g_per_kwh(data or load_data())
    out_of_range = {("percentile", ""): _("percentile must be a number from 0 to {top}, not {shown}"),
                    ("percentile", " back"): _("percentile back must be a number from 0 to {top}, not {shown}"),
                    ("threshold", ""): _("threshold must be a number from 0 to {top}, not {shown}"),
                    ("threshold", " back"): _("threshold back must be a number from 0 to {top}, not {shown}")}
    for name, v in (("", p.value), (" back", p.back)):
        if v is None:
            continue
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or not 0 <= v <= top:
            shown = plain_number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)[:30]
            raise SimError(out_of_range[(p.kind, name)],
                           _("for example 50") if p.kind == "percentile" else _("for example 250 (gCO2e/kWh)"),
                           top=top, shown=shown)
    if p.back is not None and p.back > p.value:
        raise SimError(_("the back percentile {back} is above the switch percentile {value}") if p.kind == "percentile"
                       else _("the back threshold {back} is above the switch threshold {value}"),
                       _("switch back at a cleaner (lower) level, or leave it out"), back=p.back, value=p.value)
    return Policy(p.kind, float(p.value), None if p.back is None else float(p.back))


def check_hours(hours: object) -> int:
    try:
        n = int(str(hours).strip())
    except ValueError:
        n = None
    if n not in SPANS_H:
        raise SimError(_("hours must be 24 (a day) or 168 (a week), not {value}"), _("for example --hours 24"),
                       value=repr(str(hours)[:20]))
    return n


def _models(r: SimRequest, data: DataBundle) -> tuple[str, str]:
    task = data.tasks.get(r.task) if isinstance(r.task, str) else None
    if task is None:
        raise EstimatorError(f"unknown task {str(r.task)[:30]!r}", f"choose one of: {', '.join(sorted(data.tasks))}")
    for name, q in (("large", r.large), ("small", r.small)):
        if q is None or (isinstance(q, str) and not q.strip()):
            raise EstimatorError(f"no {name} model given", "pick two models of the task: a larger and a smaller one")
    large = find_model(r.large, data, task.model_tasks).model_id
    small = find_model(r.small, data, task.model_tasks).model_id
    if large == small:
        raise SimError(_("the larger and the smaller model are both {model}"), _("pick two different models"),
                       model=large)
    return large, small


# ------------------------------------------------------------------ the grid's hours

def typical_hours(region: str, season: str | None, span_h: int, data: DataBundle) -> tuple[tuple[HourOption, ...], str]:
    """The region's typical day (hourly profile) for the season, repeated to fill ``span_h`` hours."""
    zone = find_zone(region, data)
    if profile_zone(zone, data) is None:
        raise EstimatorError(f"no hourly data for {zone.name}",
                             "hourly profiles exist for: " + ", ".join(sorted(data.profiles)))
    if season is None or (isinstance(season, str) and not season.strip()):
        season = season_for(dt.date.today(), zone.country_iso2)
    elif not isinstance(season, str) or season.strip().lower() not in SEASONS:
        raise SimError(_("unknown season {value}"), _("choose one of: {choices}"), value=repr(str(season)[:30]),
                       choices=", ".join(SEASONS))
    season = season.strip().lower()
    day = profile_hours(zone, season, data)
    days = span_h // HOURS_PER_DAY
    hours = tuple(HourOption((f"day {d + 1}, " if days > 1 else "") + h.when.split(" (")[0], h.override)
                  for d in range(days) for h in day)
    return hours, typical_words(zone, season, days, data)


def season_words(season: str, t: Translator) -> str:
    return {"winter": t._("winter"), "spring": t._("spring"), "summer": t._("summer"),
            "autumn": t._("autumn")}.get(season, season)


def typical_words(zone, season: str, days: int, data: DataBundle, t: Translator | None = None) -> str:
    """Where a typical day's hours come from, in words (English without ``t``)."""
    pid = profile_zone(zone, data)
    year = data.profiles[pid][season][0].source.year
    if t is None or t.lang == "en":
        return (f"a typical {season} day in {zone.name} ({pid} hourly profile, {year}), "
                f"scaled to the {zone.year} annual level" + (f"; repeated for {days} days" if days > 1 else ""))
    from .i18n.names import zone_name
    words = t._("a typical {season} day in {zone} ({profile} hourly profile, {year}), scaled to the {level_year} "
                "annual level", season=season_words(season, t), zone=zone_name(zone, t), profile=pid, year=year,
                level_year=zone.year)
    if days > 1:
        words += t._n("; repeated for {n} day", "; repeated for {n} days", days, n=t.count(days))
    return words


def grid_words(sim: Simulation, data: DataBundle, t: Translator | None = None) -> str:
    """``sim.grid_words`` in the reader's language (a live forecast's words stay as its provider's line gave them)."""
    if t is None or t.lang == "en" or not sim.offline:
        return sim.grid_words
    zone = find_zone(sim.request.region, data)
    season = sim.request.season or season_for(dt.date.today(), zone.country_iso2)
    return typical_words(zone, season.strip().lower(), len(sim.hours) // HOURS_PER_DAY, data, t)


def notes_words(sim: Simulation, t: Translator | None = None) -> tuple[str, ...]:
    """``sim.notes`` in the reader's language."""
    if t is None or t.lang == "en":
        return sim.notes
    notes = []
    if not sim.offline:
        if len(sim.hours) < sim.request.hours:
            notes.append(t._n("the forecast covers {n} hour, so {n} is simulated",
                              "the forecast covers {n} hours, so {n} are simulated", len(sim.hours),
                              n=t.count(len(sim.hours))))
        if len(sim.request.rate) > 1:
            notes.append(t._("the day shape of requests follows each forecast hour's clock hour (UTC)"))
    elif len(sim.hours) > HOURS_PER_DAY:
        notes.append(t._("a typical-day profile has no day-to-day variation: each day of the week is the same day"))
    return tuple(notes)


# ------------------------------------------------------------------ the policy

def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0–100) by linear interpolation between the closest ranks (numpy's default rule)."""
    ordered = sorted(values)
    pos = p / 100 * (len(ordered) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def levels(intensities: list[float], policy: Policy) -> list[tuple[float, float]]:
    """(switch above, back at or below) in g/kWh for each hour: the policy's values, or that day's percentiles."""
    if policy.kind == "threshold":
        back = policy.value if policy.back is None else policy.back
        return [(policy.value, back)] * len(intensities)
    out = []
    for start in range(0, len(intensities), HOURS_PER_DAY):
        day = intensities[start:start + HOURS_PER_DAY]
        up = percentile(day, policy.value)
        back = up if policy.back is None else percentile(day, policy.back)
        out += [(up, back)] * len(day)
    return out


def choose_small(intensities: list[float], policy: Policy) -> tuple[list[bool], list[tuple[float, float]]]:
    """For each hour, whether the smaller model serves it, and the (switch, back) levels it was judged against.

    Start on the larger model; go small when above the switch level; come back at or below the back level."""
    marks = levels(intensities, policy)
    small, out = False, []
    for i, (up, back) in zip(intensities, marks):
        if not small and i > up:
            small = True
        elif small and i <= back:
            small = False
        out.append(small)
    return out, marks


# ------------------------------------------------------------------ the simulation

def _hour_g(scenario: Scenario, requests: float, hour: HourOption, data: DataBundle) -> Range:
    """Grams of one hour's requests on one model: estimate() at that hour's intensity (under 1 request: scaled)."""
    count, scale = (requests, 1.0) if requests >= 1 else (1, requests)
    g = estimate(scenario.with_(count=count), data, grid_override=hour.override).co2e_g
    return g * scale if scale != 1 else g


def _clock_hour(hour: HourOption, index: int) -> int:
    """The hour of the day (0–23) a day shape of requests is read at: a typical day's local hour, or a forecast's
    clock hour ("14:00 UTC"); by position when the label has none."""
    text = hour.when.rsplit(", ", 1)[-1][:2]
    return int(text) % HOURS_PER_DAY if text.isdigit() else index % HOURS_PER_DAY


def _sum(ranges: list[Range]) -> Range:
    return functools.reduce(lambda a, b: a + b, ranges)


def simulate(request: SimRequest, data: DataBundle | None = None,
             hours: tuple[HourOption, ...] | None = None, grid_words: str | None = None) -> Simulation:
    """Grams with and without switching over the hours (typical-day profile unless ``hours`` are given)."""
    data = data or load_data()
    policy = check_policy(request.policy, data)
    span = check_hours(request.hours)
    rate = check_rate(tuple(request.rate))
    large_id, small_id = _models(request, data)
    base = Scenario(task=request.task, region=request.region, boundary=request.boundary)
    large1 = estimate(base.with_(model=large_id), data)
    small1 = estimate(base.with_(model=small_id), data)
    if small1.energy_wh.central >= large1.energy_wh.central:
        raise EstimatorError(f"{small1.model.name} uses no less energy per {large1.task.unit_singular} than "
                             f"{large1.model.name}", "give the model that uses less energy per request as the smaller one")
    notes: list[str] = []
    offline = hours is None
    if offline:
        hours, grid_words = typical_hours(request.region, request.season, span, data)
    else:
        hours = tuple(hours)[:span]
        grid_words = grid_words or "forecast hours"
        if len(hours) < span:
            notes.append(f"the forecast covers {len(hours)} hours, so {len(hours)} are simulated")
        if len(rate) > 1:
            notes.append("the day shape of requests follows each forecast hour's clock hour (UTC)")
    intensities = [h.override.intensity_g_per_kwh.central for h in hours]
    small_flags, marks = choose_small(intensities, policy)
    out, with_parts, without_parts, small_parts = [], [], [], []
    for i, (h, is_small, (mark, back_mark)) in enumerate(zip(hours, small_flags, marks)):
        n = rate[0] if len(rate) == 1 else rate[_clock_hour(h, i)]
        w = wo = on_small = None
        if n > 0:
            wo = _hour_g(large1.scenario, n, h, data)
            on_small = _hour_g(small1.scenario, n, h, data)
            w = on_small if is_small else wo
            if on_small.central > wo.central:
                raise EstimatorError(f"{small1.model.name} emits more per {large1.task.unit_singular} than "
                                     f"{large1.model.name} at {h.when}",
                                     "give the model that uses less energy per request as the smaller one")
            with_parts.append(w)
            without_parts.append(wo)
            small_parts.append(on_small)
        out.append(SimHour(i, h.when, h.override.intensity_g_per_kwh, mark, n, is_small, w, wo, back_mark, on_small))
    if not with_parts:
        raise EstimatorError("no requests in the simulated hours", "the day shape is 0 in every hour simulated")
    with_g, without_g = _sum(with_parts), _sum(without_parts)
    r = ratio(with_g, without_g)
    saved = (1 - r.high, 1 - r.central, 1 - r.low)  # the low end may fall below 0: said, never clipped
    total = sum(h.requests for h in out)
    small_share = sum(h.requests for h in out if h.small) / total
    if offline and len(hours) > HOURS_PER_DAY:
        notes.append("a typical-day profile has no day-to-day variation: each day of the week is the same day")
    return Simulation(request, large1, small1, tuple(out), with_g, without_g, r, saved, small_share, grid_words,
                      tuple(notes), methodology_version(), data.data_hash, _sum(small_parts), offline)


# ------------------------------------------------------------------ the seed's figure beside ours

def studies() -> tuple[dict, ...]:
    """The published switching results (data/switching_studies.csv)."""
    return read_switching_studies()


def share_needed(sim: Simulation, target: float) -> float | None:
    """The share of requests the smaller model must serve, dirtiest hours first (what any threshold does), for the
    central saving to reach ``target``; None when even every request on the smaller model saves less."""
    hours = sorted((h for h in sim.hours if h.without_g is not None), key=lambda h: -h.intensity_g_per_kwh.central)
    without = sum(h.without_g.central for h in hours)
    saved = moved = 0.0
    for h in hours:
        saved += h.without_g.central - h.small_g.central
        moved += h.requests
        if saved / without >= target * (1 - 1e-12):  # the same sum in another order may differ in its last bit
            return moved / sim.requests
    return None


def seed_comparison(sim: Simulation, t: Translator | None = None, data: DataBundle | None = None) -> dict:
    """The seed's "nearly 80 %" beside the simulated saving, with the reasons they differ, in words (English
    without ``t``; with it the reasons and the studies' words are the reader's, the claim marked as translated)."""
    seed = next(s for s in studies() if s["study_id"] == "seed-clover")
    ceiling = sim.always_small_saved_share
    if t is not None and t.lang != "en":
        return _seed_comparison_in(sim, seed, ceiling, t, data or load_data())
    reasons = [
        f"What was switched: in the study ({seed['task']}), {seed['models_switched']}; here {sim.small.model.name} "
        f"stands in for {sim.large.model.name}, and serving every request with it would save at most "
        f"{pct(ceiling)} — no threshold can save more than that gap.",
        f"Other levers: the study also used {seed['other_levers']}; the simulation changes only the model.",
        f"Quality: the study accepted {seed['quality_cost']}; here the answers of {sim.small.model.name} are "
        f"not judged — that trade-off is yours.",
        f"Grid: the study ran on {seed['grid_trace']}; here {sim.grid_words}, {len(sim.hours)} hours.",
        f"Share of requests moved: here {pct(sim.small_request_share)} of the requests go to the smaller model; the "
        f"saving grows with that share and with the gap between the two models.",
    ]
    needed = share_needed(sim, seed["saved_share"].central)
    reasons.append(
        f"To save {pct(seed['saved_share'].central)} here, the smaller model would have to serve "
        f"{pct(needed)} of the requests (the dirtiest hours first)." if needed is not None else
        f"No rule reaches {pct(seed['saved_share'].central)} with these two models: even every request on "
        f"{sim.small.model.name} saves {pct(ceiling)}.")
    follow_up = next((x for x in studies() if x["study_id"] == "sprout"), None)
    if follow_up is not None:  # the seed's "extended to text summarization ... the same results"
        reasons.append(f"Text: the seed says the idea gave \"the same results\" on text; the same group's generative "
                       f"study ({follow_up['source'].title}, {follow_up['source'].publisher}) reports "
                       f"{follow_up['claim']} with {follow_up['models_switched']}, about half the vision figure.")
    return {"claim": seed["claim"], "said_by": seed["said_by"], "seed_saved_share": seed["saved_share"],
            "simulated_saved_share": sim.saved_share, "always_small_saved_share": ceiling, "reasons": reasons,
            "duration_hours": seed["duration_hours"], "share_needed_for_seed": needed,
            "source": seed["source"]}


def _study(study: dict, column: str, t: Translator) -> str:
    """A switching study's words (data/switching_studies.csv) in the reader's language."""
    return t._p("switching_studies." + column, study[column])


def _seed_comparison_in(sim: Simulation, seed: dict, ceiling: float, t: Translator, data: DataBundle) -> dict:
    def p(share: float) -> str:
        return pct(share, t)

    small, large = model_name(sim.small.model, t), model_name(sim.large.model, t)
    reasons = [
        t._("What was switched: in the study ({task}), {switched}; here {small} stands in for {large}, and serving "
            "every request with it would save at most {ceiling} — no threshold can save more than that gap.",
            task=_study(seed, "task", t), switched=_study(seed, "models_switched", t), small=small, large=large,
            ceiling=p(ceiling)),
        t._("Other levers: the study also used {levers}; the simulation changes only the model.",
            levers=_study(seed, "other_levers", t)),
        t._("Quality: the study accepted {cost}; here the answers of {small} are not judged — that trade-off is "
            "yours.", cost=_study(seed, "quality_cost", t), small=small),
        t._n("Grid: the study ran on {trace}; here {grid}, {n} hour.", "Grid: the study ran on {trace}; here {grid}, "
             "{n} hours.", len(sim.hours), trace=_study(seed, "grid_trace", t), grid=grid_words(sim, data, t),
             n=t.count(len(sim.hours))),
        t._("Share of requests moved: here {share} of the requests go to the smaller model; the saving grows with "
            "that share and with the gap between the two models.", share=p(sim.small_request_share)),
    ]
    needed = share_needed(sim, seed["saved_share"].central)
    reasons.append(
        t._("To save {target} here, the smaller model would have to serve {needed} of the requests (the dirtiest "
            "hours first).", target=p(seed["saved_share"].central), needed=p(needed)) if needed is not None else
        t._("No rule reaches {target} with these two models: even every request on {small} saves {ceiling}.",
            target=p(seed["saved_share"].central), small=small, ceiling=p(ceiling)))
    follow_up = next((x for x in studies() if x["study_id"] == "sprout"), None)
    if follow_up is not None:
        reasons.append(t._("Text: the seed says the idea gave “the same results” on text; the same group's "
                           "generative study ({title}, {publisher}) reports {claim} with {switched}, about half the "
                           "vision figure.", title=follow_up["source"].title, publisher=follow_up["source"].publisher,
                           claim=_study(follow_up, "claim", t), switched=_study(follow_up, "models_switched", t)))
    return {"claim": _study(seed, "claim", t), "said_by": seed["said_by"], "seed_saved_share": seed["saved_share"],
            "simulated_saved_share": sim.saved_share, "always_small_saved_share": ceiling, "reasons": reasons,
            "duration_hours": seed["duration_hours"], "share_needed_for_seed": needed,
            "source": seed["source"]}


def pct(share: float, t: Translator | None = None) -> str:
    """A share as a whole percentage ("63 %"; the reader's locale with ``t``, a true minus below 0)."""
    if t is None or t.lang == "en":
        return f"{share * 100:.0f} %"
    return t.percent(share * 100)


# ------------------------------------------------------------------ records shared by the CLI and the page

def _r(r: Range) -> dict[str, float]:
    return {"low": r.low, "central": r.central, "high": r.high}


def simulation_record(sim: Simulation, url: str | None = None) -> dict:
    """The whole simulation as JSON-ready data, stamped with the methodology version and data hash."""
    req, cmp_ = sim.request, seed_comparison(sim)
    return {
        "task": sim.large.task.task_id, "large_model": sim.large.model.model_id, "small_model": sim.small.model.model_id,
        "region": sim.large.zone.zone_id, "boundary": sim.large.boundary, "hours": len(sim.hours),
        "policy": {"kind": req.policy.kind, "value": req.policy.value, "back": req.policy.back,
                   "words": req.policy.words()},
        "requests": sim.requests, "grid": sim.grid_words,
        "with_switching_g": _r(sim.with_g), "without_switching_g": _r(sim.without_g),
        "saved_share": dict(zip(("low", "central", "high"), sim.saved_share)),
        "small_request_share": sim.small_request_share, "large_request_share": sim.large_request_share,
        "always_small_saved_share": cmp_["always_small_saved_share"],
        "seed": {"claim": cmp_["claim"], "said_by": cmp_["said_by"], "saved_share": _r(cmp_["seed_saved_share"]),
                 "duration_hours": list(cmp_["duration_hours"]),
                 "small_request_share_needed": cmp_["share_needed_for_seed"],
                 "reasons": cmp_["reasons"], "source_url": cmp_["source"].url},
        "notes": list(sim.notes),
        "by_hour": [{"hour": h.index, "when": h.when, "intensity_g_per_kwh": h.intensity_g_per_kwh.central,
                     "switch_above_g_per_kwh": h.threshold_g_per_kwh, "back_at_or_below_g_per_kwh": h.back_g_per_kwh,
                     "requests": h.requests,
                     "model": sim.small.model.model_id if h.small else sim.large.model.model_id,
                     "with_switching_g": None if h.with_g is None else h.with_g.central,
                     "without_switching_g": None if h.without_g is None else h.without_g.central} for h in sim.hours],
        "methodology_version": sim.methodology_version, "data_hash": sim.data_hash,
        **({"url": url} if url else {}),
    }


def simulation_rows(sim: Simulation) -> list[dict]:
    """Flat CSV rows, every row with every column: one per hour, then the totals."""
    cols = ("scope", "hour", "when", "intensity_g_per_kwh", "switch_above_g_per_kwh", "back_at_or_below_g_per_kwh",
            "requests", "model",
            "with_switching_g", "with_switching_g_low", "with_switching_g_high", "without_switching_g",
            "without_switching_g_low", "without_switching_g_high", "saved_share", "saved_share_low", "saved_share_high")

    def row(**kw) -> dict:
        return {c: kw.get(c, "") for c in cols}

    def g(prefix: str, r: Range | None) -> dict:
        return {} if r is None else {prefix: r.central, f"{prefix}_low": r.low, f"{prefix}_high": r.high}

    rows = [row(scope="hour", hour=h.index, when=h.when, intensity_g_per_kwh=h.intensity_g_per_kwh.central,
                switch_above_g_per_kwh=h.threshold_g_per_kwh, back_at_or_below_g_per_kwh=h.back_g_per_kwh,
                requests=h.requests,
                model=sim.small.model.model_id if h.small else sim.large.model.model_id,
                **g("with_switching_g", h.with_g), **g("without_switching_g", h.without_g)) for h in sim.hours]
    low, central, high = sim.saved_share
    rows.append(row(scope="total", requests=sim.requests, **g("with_switching_g", sim.with_g),
                    **g("without_switching_g", sim.without_g), saved_share=central, saved_share_low=low,
                    saved_share_high=high))
    return rows


# ------------------------------------------------------------------ live forecast hours (estimator/live.py)

def live_hours(region: str, data: DataBundle, client=None) -> tuple[tuple[HourOption, ...], str, str]:
    """The live forecast's whole hours for the region: (hours, words, notice). Never raises for a provider's
    fault: no hours and a one-line notice instead, and the caller keeps the typical day."""
    from .live import default_client, forecast_hours, live_intensity, provider_for

    zone = find_zone(region, data)
    client = client or default_client()
    if provider_for(zone, client) is None:
        return (), "", f"no live provider covers {zone.name}; showing its typical day"
    outcome = live_intensity(zone, client)
    # the rate is per hour: half-hourly points (GB) are thinned to the whole hours so no request is counted twice
    hours = tuple(h for h in forecast_hours(outcome) if h.when[3:5] == "00")
    if not hours:
        why = outcome.notice or "the provider sent no forecast"
        return (), "", f"live forecast unavailable ({why}); showing the typical day"
    first = hours[0].override.label.split(", ", 1)[-1]
    return hours, f"the live forecast for {zone.name}, {len(hours)} hours from {hours[0].when} ({first})", ""


# ------------------------------------------------------------------ the page's URL (the pattern of estimator/urlstate.py)

# public name → what it sets; the names are a public interface (links keep working), do not rename
SIM_PARAMS = ("task", "large", "small", "region", "season", "threshold", "pct", "back", "hours", "rate", "boundary",
              "live")
DEFAULT_REGION = "US-CA"  # the seed's study ran on the California grid


def default_pair(task: str, data: DataBundle) -> tuple[str, str]:
    """The task's typical model as the larger one, and its model with the fewest grams per request as the smaller."""
    t = data.tasks[task]
    grams = {m.model_id: estimate(task=task, model=m.model_id, data=data).co2e_g.central
             for m in data.models.values() if m.task in t.model_tasks and m.model_id != "custom"}
    small = min(grams, key=grams.get)
    large = t.typical_model_id
    if small == large:  # the typical model is already the leanest: switch between it and the next
        small = sorted(grams, key=grams.get)[1]
        large, small = small, large
        large, small = (large, small) if grams[large] > grams[small] else (small, large)
    return large, small


def _notice(name: str, value: str, exc: EstimatorError, t: Translator | None = None) -> str:
    """The urlstate notice: the value, what is wrong and a hint that helps on a web page."""
    from .i18n import translator
    from .urlstate import _page_hint, safe_snippet
    if t is not None and t.lang != "en":
        reason = (safe_snippet(exc.words(t), 140) if isinstance(exc, SimError)
                  else t._("this value cannot be used here"))  # another module's English words are not shown
        return t._("Ignored {name}=“{value}”: {reason}. Using the default instead.", name=name,
                   value=safe_snippet(value), reason=reason)
    return translator("en")._("Ignored {name}=“{value}”: {reason}. Using the default instead.", name=name,
                              value=safe_snippet(value), reason=safe_snippet(exc.message, 90) + _page_hint(exc))


def parse_sim_params(params, data: DataBundle, t: Translator | None = None
                     ) -> tuple[SimRequest, bool, tuple[str, ...]]:
    """URL parameters → (a valid SimRequest, live on?, one notice per value ignored). Never raises. The notices are
    in the reader's language with ``t`` (English without)."""
    from .i18n import translator
    from .urlstate import MAX_VALUE_CHARS, query_values, safe_snippet

    t = t or translator("en")

    notices: list[str] = []
    given: dict[str, str] = {}
    for key, vals in query_values(params).items():
        name = key.lower()
        if name in ("embed", "embed_options", "lang"):
            continue
        if name not in SIM_PARAMS:
            notices.append(t._("Ignored unknown link parameter “{name}”.", name=safe_snippet(key)))
            continue
        if len(vals) > 1:
            notices.append(t._("The link repeats “{name}”; using its first value.", name=name))
        value = vals[0] if vals else ""
        if len(value) > MAX_VALUE_CHARS * 2:  # a day shape of 24 rates is longer than any other value
            notices.append(t._("Ignored “{name}”: the value is too long.", name=name))
            continue
        given[name] = value.strip()

    def read(name: str, check, default):
        if name not in given or given[name] == "":
            return default
        try:
            return check(given[name])
        except EstimatorError as exc:
            notices.append(_notice(name, given[name], exc, t))
            return default

    def task_of(v: str) -> str:
        v = v.lower()
        if v not in data.tasks:
            raise SimError(_("unknown task {value}"), _("choose one of: {choices}"), value=repr(v[:30]),
                           choices=", ".join(sorted(data.tasks)))
        return v

    task = read("task", task_of, "chat")
    large_d, small_d = default_pair(task, data)
    model_tasks = data.tasks[task].model_tasks
    large = read("large", lambda v: find_model(v, data, model_tasks).model_id, large_d)
    small = read("small", lambda v: find_model(v, data, model_tasks).model_id, small_d)

    def region_of(v: str) -> str:
        zone = find_zone(v, data)
        if profile_zone(zone, data) is None:
            raise EstimatorError(f"no hourly data for {zone.name}", "hourly profiles exist for: "
                                 + ", ".join(sorted(data.profiles)))
        return zone.zone_id

    def season_of(v: str) -> str:
        if v.lower() not in SEASONS:
            raise SimError(_("unknown season {value}"), _("choose one of: {choices}"), value=repr(v[:30]),
                           choices=", ".join(SEASONS))
        return v.lower()

    def boundary_of(v: str) -> str:
        from .facility import BOUNDARIES
        if v.lower() not in BOUNDARIES:
            raise SimError(_("unknown boundary {value}"), _("choose one of: {choices}"), value=repr(v[:30]),
                           choices=", ".join(BOUNDARIES))
        return v.lower()

    def number(name: str, v: str) -> float:
        try:
            return parse_number_text(name, v)
        except EstimatorError as exc:
            raise SimError(_("{name} must be a number"), _("use a dot for decimals, for example 1.5"), english=exc,
                           name=name) from None

    def policy_value(kind: str):
        return lambda v: check_policy(Policy(kind, number(kind, v)), data).value

    region = read("region", region_of, DEFAULT_REGION)
    season = read("season", season_of, None)
    if "threshold" in given and "pct" in given and given["threshold"] and given["pct"]:
        notices.append(t._("The link gives both threshold and pct; using threshold=“{value}”.",
                           value=safe_snippet(given["threshold"])))
        given.pop("pct")
    policy = Policy()
    if given.get("threshold"):
        value = read("threshold", policy_value("threshold"), None)
        policy = Policy("threshold", value) if value is not None else policy
    elif given.get("pct"):
        policy = Policy("percentile", read("pct", policy_value("percentile"), policy.value))
    back = read("back", lambda v: check_policy(Policy(policy.kind, policy.value, number("back", v)), data).back,
                None)
    policy = Policy(policy.kind, policy.value, back)
    hours = read("hours", check_hours, HOURS_PER_DAY)
    rate = read("rate", parse_rate, SimRequest().rate)
    boundary = read("boundary", boundary_of, "datacenter")
    live_text = given.get("live", "").lower()
    live = live_text in ("1", "true", "yes", "on")
    if live_text and not live and live_text not in ("0", "false", "no", "off"):
        notices.append(t._("Ignored live=“{value}”: use live=1 for the live forecast. Using the typical day instead.",
                           value=safe_snippet(live_text)))
    req = SimRequest(task=task, large=large, small=small, region=region, policy=policy, hours=hours, rate=rate,
                     season=season, boundary=boundary)
    try:
        simulate(req, data)
    except EstimatorError as exc:  # a pair in the wrong order, or a boundary where the smaller model is not leaner
        reason = safe_snippet(exc.message, 90) if t.lang == "en" else safe_snippet(error_words(exc, t), 140)
        notices.append(t._("Ignored large=“{large}” and small=“{small}”: {reason}. Using the task's default pair "
                           "instead.", large=safe_snippet(large), small=safe_snippet(small), reason=reason))
        req = SimRequest(**{**req.__dict__, "large": large_d, "small": small_d})
    return req, live, tuple(notices)


def sim_params(req: SimRequest, live: bool = False) -> dict[str, str]:
    """A SimRequest → the URL parameters that reproduce it (defaults left out, except the models and region)."""
    def fmt(v: float) -> str:
        return plain_number(v).replace(",", "")

    out = {"task": req.task, "large": str(req.large), "small": str(req.small), "region": req.region}
    if req.season:
        out["season"] = req.season
    out["threshold" if req.policy.kind == "threshold" else "pct"] = fmt(req.policy.value)
    if req.policy.back is not None:
        out["back"] = fmt(req.policy.back)
    if req.hours != HOURS_PER_DAY:
        out["hours"] = str(req.hours)
    if tuple(req.rate) != SimRequest().rate:
        out["rate"] = RATE_SEPARATOR.join(fmt(r) for r in req.rate)
    if req.boundary != "datacenter":
        out["boundary"] = req.boundary
    if live:
        out["live"] = "1"
    return out
