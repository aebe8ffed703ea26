"""Checking published claims (METHODOLOGY "Checking published claims"): each row of data/claims.csv against the
library's own figure for the same thing, computed live, at the claim's boundary and accounting basis.

A check never changes the estimator: the claimed value is only ever divided by the computed one.

- estimate: the claim's scenario through ``estimate()``, in the claim's unit (grams, Wh, or an everyday equivalent
  such as miles driven, through the equivalents table);
- reduction: 1 − (the scenario with one field changed ÷ the scenario), in percent, with ``uncertainty.ratio``;
- given_equivalent: the source's own amount (e.g. 50 t CO2e) in an everyday equivalent;
- given_grid: the source's own energy (e.g. 433,196 kWh) times the library's grid intensity for the region;
- none: cannot be checked; the row says why.

Verdict: "holds" when the claimed value (or range) meets the computed range, allowing the data row
``holds_margin`` for rounding; "holds only for …" when it meets the range only under the row's other condition
(``alt_field`` = ``alt_value``: the amount of work the original source measured, a reasoning answer…);
otherwise "off by a factor of N" (N = claimed ÷ computed, central values), said in percent below the data row
``say_factor_from``. Thresholds: data/claim_rules.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import grid
from .accounting import Span
from .data import CLAIM_UNITS, Claim, DataBundle, load_data, read_claims
from .equivalents import equivalent_amount
from .errors import EstimatorError, plain_number
from .estimate import Estimate, estimate
from .i18n import Translator
from .i18n import names
from .methodology import methodology_version
from .present import fmt_amount
from .scenario import Scenario
from .uncertainty import Range, ratio

HOLDS, HOLDS_ONLY, OFF, CANNOT = "holds", "holds only for", "off", "can't be checked"
VERDICTS = (HOLDS, HOLDS_ONLY, OFF, CANNOT)
PERCENT = 100.0  # a share written as a percentage (a unit conversion)
SCENARIO_KEYS = ("task", "model", "count", "region", "hardware", "datacenter", "boundary", "mode", "output_tokens")


@dataclass(frozen=True)
class ClaimCheck:
    """A claim beside the library's figure for the same thing, and the verdict in plain words."""

    claim: Claim
    verdict: str  # one of VERDICTS
    words: str  # "holds", "holds only for 1,000 images …", "off by a factor of 15 (the claim is higher)", "can't be …"
    why: str  # the numbers behind the verdict, then the source's own story
    unit: str  # the unit both values are in, as a reader says it
    claimed: Span | None  # the claimed value (low = high for a single figure)
    computed: Range | Span | None  # the library's figure in the same unit (Span: a reduction may reach 0 or below)
    ratio: Span | None  # claimed ÷ computed: low = claimed low ÷ computed high, high = claimed high ÷ computed low
    alt_computed: Range | Span | None  # under the row's other condition (alt_field = alt_value), when tried
    estimate: Estimate | None  # the estimate behind the figure (estimate and reduction methods)
    independent: bool  # False when the library's own figure comes from the claim's source (a consistency check)


def claim_rules(data: DataBundle, data_dir: Path | str | None = None) -> dict[str, float]:
    """The verdict thresholds of data/claim_rules.csv by rule id."""
    return {k: c.value.central for k, c in read_claims(data_dir, data).rules.items()}


def alt_change(c: Claim) -> dict:
    """The row's other condition as a scenario change ({} when it has none)."""
    if not c.alt_field:
        return {}
    return {c.alt_field: float(c.alt_value.replace(",", "")) if c.alt_field == "count" else c.alt_value}


def scenario_for(c: Claim, data: DataBundle, change: dict | None = None) -> Scenario:
    """The claim's own scenario (with ``change`` applied); words of output become tokens with tokens_per_word."""
    tokens = c.output_tokens
    if c.output_words is not None:
        tokens = round(c.output_words * data.coefficient("tokens_per_word").central)
    s = Scenario(task=c.task, model=c.model or None, count=c.count, region=c.region, hardware=c.hardware,
                 datacenter=c.datacenter, batch=c.batch, boundary=c.boundary, mode=c.mode, output_tokens=tokens,
                 custom_total_params_b=c.params_b if c.model == "custom" else None)
    if change and "preset" in change:  # a preset brings its own lengths: the row's tokens are for its own preset
        s = s.with_(output_tokens=None)
    return s.with_(**change) if change else s


def in_claimed_unit(co2e_g: Range, energy_wh: Range, unit: str, data: DataBundle) -> Range:
    """Grams and watt-hours in the claim's unit: g/kg/t CO2e, Wh/kWh/MWh, or an everyday equivalent's units."""
    if unit in CLAIM_UNITS:
        kind, per_unit = CLAIM_UNITS[unit]
        return (co2e_g if kind == "co2e" else energy_wh) / per_unit
    return equivalent_amount(co2e_g, energy_wh, data.equivalents[unit])


def _reduction_pct(c: Claim, data: DataBundle, change: dict | None = None) -> tuple[Span, tuple[Estimate, ...]]:
    """Percent less = (1 − changed ÷ base) × 100, with the ratio's range (shared inputs cancel). Grams when the
    change moves the grid or the life cycle, else energy."""
    base = estimate(scenario_for(c, data, change), data)
    changed = estimate(base.scenario.with_(**{c.changed_field: c.changed_value}), data)
    grams = c.changed_field == "region" or c.boundary == "lifecycle"
    r = ratio(changed.co2e_g, base.co2e_g) if grams else ratio(changed.energy_wh, base.energy_wh)
    return Span(PERCENT * (1 - r.high), PERCENT * (1 - r.central), PERCENT * (1 - r.low)), (base, changed)


def computed_value(c: Claim, data: DataBundle, change: dict | None = None
                   ) -> tuple[Range | Span, tuple[Estimate, ...]]:
    """The library's figure for the claim, in the claim's unit, computed now (never read from the row), and the
    estimates behind it (none for a given amount)."""
    if c.method == "estimate":
        e = estimate(scenario_for(c, data, change), data)
        return in_claimed_unit(e.co2e_g, e.energy_wh, c.claimed_unit, data), (e,)
    if c.method == "reduction":
        return _reduction_pct(c, data, change)
    given = Range.exact(c.given_amount * CLAIM_UNITS[c.given_unit][1])  # in g or Wh
    if c.method == "given_equivalent":
        return equivalent_amount(given, given, data.equivalents[c.claimed_unit]), ()
    if c.method == "given_grid":
        grams = grid.emissions_g(given, grid.intensity_g_per_kwh(data.zones[c.region]))
        return grams / CLAIM_UNITS[c.claimed_unit][1], ()
    raise EstimatorError(f"claim {c.claim_id!r} has no figure to compute (method {c.method})", "see its reason")


def claimed_span(c: Claim) -> Span:
    """The claimed value or range; its central is the middle of the range as said."""
    return Span(c.claimed_low, (c.claimed_low + c.claimed_high) / 2, c.claimed_high)


def ratio_span(claimed: Span, computed: Range | Span) -> Span | None:
    """claimed ÷ computed, end by end (None when the computed figure reaches 0 or below: no ratio to state)."""
    if computed.low <= 0:
        return None
    return Span(claimed.low / computed.high, claimed.central / computed.central, claimed.high / computed.low)


def meets(claimed: Span, computed: Range | Span, margin: float) -> bool:
    """The claimed value or range meets the computed range, widened by ``margin`` for the claim's rounding."""
    low = computed.low / (1 + margin) if computed.low > 0 else computed.low * (1 + margin)
    return claimed.high >= low and claimed.low <= computed.high * (1 + margin)


LESS = "% less"  # the unit of a reduction claim (data.CLAIM_UNITS)


def text_of(c: Claim, column: str, t: Translator | None = None) -> str:
    """A reader-facing column of the claim's row (claim, why, quantifies, alt_words, cannot_check_because,
    said_where, note) in the reader's language; English (the row itself) when ``t`` is None."""
    text = c.source.note if column == "note" else getattr(c, column)
    if t is None or not text:
        return text
    context = "claims." + column  # the data column, as catalog.TRANSLATED_COLUMNS names it
    return t._p(context, text)


def _join(t: Translator | None, *sentences: str) -> str:
    """Sentences one after another: a space between them, none in Chinese (full-width stops end each one)."""
    gap = "" if t is not None and t.lang.startswith("zh") else " "
    return gap.join(s for s in sentences if s)


def unit_words(c: Claim, data: DataBundle, amount: float | None = None, t: Translator | None = None) -> str:
    """The claim's unit as a reader says it ("miles driven in a gasoline car"; singular for exactly one)."""
    if c.claimed_unit in data.equivalents:
        eq = data.equivalents[c.claimed_unit]
        if t is None:
            return eq.label_singular if amount == 1 else eq.label_plural
        if amount is None:
            return t._p("equivalents.label_plural", eq.label_plural)
        return names.equivalent_label(eq, amount, t)
    if t is not None and c.claimed_unit == LESS:
        return t._("% less")
    return c.claimed_unit


def quantity(value: str, unit: str, t: Translator | None = None) -> str:
    """A written number (or range) with its unit: "4 miles …", "23 % less" ("降低 23%" in Chinese)."""
    if t is not None and unit in (LESS, t._("% less")):
        return t._("{value} % less", value=value)
    return f"{value} {unit}"


def work_words(c: Claim, data: DataBundle, t: Translator | None = None) -> str:
    """The amount of work the figure is for: "1 image", "1,500 documents", "433,196 kWh given by the source"."""
    if c.method in ("given_equivalent", "given_grid"):
        if t is None:
            return f"{plain_number(c.given_amount)} {c.given_unit} (the source's own figure)"
        return t._("{amount} {unit} (the source's own figure)", amount=t.count(c.given_amount), unit=c.given_unit)
    n = c.count
    task = data.tasks[c.task]
    if t is None:
        return f"{plain_number(n)} {task.unit_singular if n == 1 else task.unit_plural}"
    return t._("{count} {unit}", count=t.count(n), unit=names.task_unit(task, n, t))


def value_words(v: Range | Span, unit: str, t: Translator | None = None) -> str:
    if t is None:
        return f"{fmt_amount(v.central)} {unit} (range {fmt_amount(v.low)}–{fmt_amount(v.high)})"
    return t._("{value} (range {span})", value=quantity(t.amount(v.central), unit, t),
               span=t.span(t.amount(v.low), t.amount(v.high)))


def factor_words(claimed: float, computed: float, factor_from: float, t: Translator | None = None) -> str:
    """"off by a factor of 15 (the claim is higher)" or "off by 12 % (the claim is higher)"."""
    if t is None:
        if computed <= 0:
            return "off: the library computes no saving at all"
        side = "higher" if claimed > computed else "lower"
        n = max(claimed, computed) / min(claimed, computed)
        if n >= factor_from:
            return f"off by a factor of {fmt_amount(n)} (the claim is {side})"
        return f"off by {fmt_amount((n - 1) * PERCENT)} % (the claim is {side})"
    if computed <= 0:
        return t._("off: the library computes no saving at all")
    n = max(claimed, computed) / min(claimed, computed)
    if n >= factor_from:
        if claimed > computed:
            return t._("off by a factor of {factor} (the claim is higher)", factor=t.amount(n))
        return t._("off by a factor of {factor} (the claim is lower)", factor=t.amount(n))
    if claimed > computed:
        return t._("off by {percent} % (the claim is higher)", percent=t.amount((n - 1) * PERCENT))
    return t._("off by {percent} % (the claim is lower)", percent=t.amount((n - 1) * PERCENT))


def _midpoint(a: float, b: float) -> float:
    """Halfway on the scale the range is built on: geometric for positive ends (ranges are log-normal)."""
    return (a * b) ** 0.5 if a > 0 and b > 0 else (a + b) / 2


def _position(claimed: Span, computed: Range | Span) -> str:
    """Where a claim that holds sits in our range, in words (an end: beyond halfway from central to that end)."""
    if claimed.low <= computed.central <= claimed.high:
        return "across our central value"
    if claimed.central < computed.central:
        return ("at the low end of our range" if claimed.central < _midpoint(computed.low, computed.central)
                else "a little below our central value")
    return ("at the high end of our range" if claimed.central > _midpoint(computed.central, computed.high)
            else "a little above our central value")


def _sits_sentence(position: str, t: Translator | None) -> str:
    """"The claim sits at the low end of our range." in the reader's language."""
    if t is None:
        return f"The claim sits {position}."
    return {
        "across our central value": t._("The claim sits across our central value."),
        "at the low end of our range": t._("The claim sits at the low end of our range."),
        "a little below our central value": t._("The claim sits a little below our central value."),
        "at the high end of our range": t._("The claim sits at the high end of our range."),
        "a little above our central value": t._("The claim sits a little above our central value."),
    }[position]


def boundary_name(boundary: str, t: Translator | None = None) -> str:
    """A boundary id as the 'at the … boundary' sentence names it ("server"; « serveur »)."""
    if t is None:
        return boundary
    return {"gpu": t._p("claims.boundary", "gpu"), "server": t._p("claims.boundary", "server"),
            "fleet": t._p("claims.boundary", "fleet"), "datacenter": t._p("claims.boundary", "datacenter"),
            "lifecycle": t._p("claims.boundary", "lifecycle")}.get(boundary, boundary)


def _sources_of(estimates: tuple[Estimate, ...], data: DataBundle) -> set[str]:
    """Addresses of every data row behind the estimates (the hardware row included: a power cap lives there)."""
    from .present import result_sources
    return {src.url for e in estimates for _, src in result_sources(e, data)} | {e.hardware.source.url for e in estimates}


def _said(c: Claim, data: DataBundle, computed: Range | Span, unit: str, t: Translator | None) -> str:
    """"Claimed … for …; the library computes … at the … boundary." """
    if t is None:
        return (f"Claimed {claimed_words(c, data)} for {work_words(c, data)}; the library computes "
                + value_words(computed, unit) + (f" at the {c.boundary} boundary" if c.boundary else "") + ".")
    fields = dict(claimed=claimed_words(c, data, t), work=work_words(c, data, t), value=value_words(computed, unit, t))
    if c.boundary:
        return t._("Claimed {claimed} for {work}; the library computes {value} at the {boundary} boundary.",
                   boundary=boundary_name(c.boundary, t), **fields)
    return t._("Claimed {claimed} for {work}; the library computes {value}.", **fields)


def check_claim(c: Claim, data: DataBundle | None = None, rules: dict[str, float] | None = None,
                data_dir: Path | str | None = None, t: Translator | None = None) -> ClaimCheck:
    """The claim against the library's live figure for the same thing: computed value, ratio and verdict.
    The verdict thresholds are ``rules`` (data/claim_rules.csv of ``data_dir`` when not given).
    ``t``: the words (``words``, ``why``, ``unit``) in a reader's language; English, as JSON and CSV keep, when None."""
    data = data or load_data(data_dir)
    rules = rules or claim_rules(data, data_dir)
    why = text_of(c, "why", t)
    if c.method == "none":
        words = (f"{CANNOT}: {c.cannot_check_because}" if t is None
                 else t._("can't be checked: {reason}", reason=text_of(c, "cannot_check_because", t)))
        return ClaimCheck(c, CANNOT, words, why, unit_words(c, data, t=t) if t is not None else c.claimed_unit,
                          claimed_span(c) if c.claimed_low is not None else None, None, None, None, None, True)
    claimed = claimed_span(c)
    computed, estimates = computed_value(c, data)
    e = estimates[0] if estimates else None
    independent = c.source.url not in _sources_of(estimates, data)
    unit = unit_words(c, data, t=t)
    said = _said(c, data, computed, unit, t)
    if not independent:
        said = _join(t, said, ("Not an independent check: the library's own figure for this step comes from the "
                               "claim's source, so this shows the library is consistent with it.") if t is None else
                     t._("Not an independent check: the library's own figure for this step comes from the claim's "
                         "source, so this shows the library is consistent with it."))
    margin, factor_from = rules["holds_margin"], rules["say_factor_from"]
    alt = None
    if meets(claimed, computed, margin):
        verdict, words = HOLDS, (HOLDS if t is None else t._("holds"))
        said = _join(t, said, _sits_sentence(_position(claimed, computed), t))
    else:
        off = factor_words(claimed.central, computed.central, factor_from, t)
        if c.alt_field:
            alt, _ = computed_value(c, data, alt_change(c))
            alt_words = text_of(c, "alt_words", t)
            even = factor_words(claimed.central, alt.central, factor_from, t)
            if meets(claimed, alt, margin):
                verdict = HOLDS_ONLY
                if t is None:
                    words = f"{HOLDS_ONLY} {c.alt_words}"
                    more = (f"As said, it is {off}; for {c.alt_words} the library computes "
                            f"{value_words(alt, unit)}, which the claim meets.")
                else:
                    words = t._("holds only for {case}", case=alt_words)
                    more = t._("As said, it is {off}; for {case} the library computes {value}, which the claim meets.",
                               off=off, case=alt_words, value=value_words(alt, unit, t))
            else:
                verdict, words = OFF, off
                if t is None:
                    more = f"Even for {c.alt_words} the library computes {value_words(alt, unit)}: {even}."
                else:
                    more = t._("Even for {case} the library computes {value}: {off}.", case=alt_words,
                               value=value_words(alt, unit, t), off=even)
            said = _join(t, said, more)
        else:
            verdict, words = OFF, off
    return ClaimCheck(c, verdict, words, _join(t, said, why) if t is not None else f"{said} {c.why}", unit, claimed,
                      computed, ratio_span(claimed, computed), alt, e, independent)


def all_claims(data: DataBundle | None = None, data_dir: Path | str | None = None) -> list[ClaimCheck]:
    """Every claim of data/claims.csv, checked, in the table's order."""
    data = data or load_data(data_dir)
    table = read_claims(data_dir, data)
    rules = {k: c.value.central for k, c in table.rules.items()}
    return [check_claim(c, data, rules) for c in table.claims]


def find_claim(claim_id: object, data: DataBundle | None = None, data_dir: Path | str | None = None) -> Claim:
    """A claim by its id; an unknown id gets one line naming the closest ids."""
    import difflib
    data = data or load_data(data_dir)
    claims = {c.claim_id: c for c in read_claims(data_dir, data).claims}
    key = claim_id.strip().lower() if isinstance(claim_id, str) else ""
    if key in claims:
        return claims[key]
    close = difflib.get_close_matches(key, list(claims), n=3, cutoff=0.4)
    hint = f"did you mean {', '.join(close)}?" if close else "list them with: python -m estimator claims"
    raise EstimatorError(f"unknown claim {str(claim_id)[:60]!r}", hint)


def _values(v: Range | Span | None) -> dict:
    """low/central/high, or the same keys with null: the shape never depends on the claim (JSON and CSV)."""
    return {"low": None if v is None else v.low, "central": None if v is None else v.central,
            "high": None if v is None else v.high}


def _as_typed(value):
    """A whole count is written as an integer (1, not 1.0), as the estimate's own records do."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def claimed_words(c: Claim, data: DataBundle, t: Translator | None = None) -> str:
    """"4 miles driven in a gasoline car", "20–30 % less": the claimed value as said, in its unit."""
    if c.claimed_low is None:
        return ""
    if t is None:
        span = plain_number(c.claimed_low) + (f"–{plain_number(c.claimed_high)}"
                                              if c.claimed_high != c.claimed_low else "")
    else:
        span = (t.count(c.claimed_low) if c.claimed_high == c.claimed_low
                else t.span(t.count(c.claimed_low), t.count(c.claimed_high)))
    return quantity(span, unit_words(c, data, c.claimed_high, t), t)


def claim_record(k: ClaimCheck) -> dict:
    """The JSON shape of one check (stable: every key always present, null where it does not apply)."""
    c = k.claim
    return {
        "claim_id": c.claim_id, "claim": c.claim, "said_by": c.said_by, "said_where": c.said_where,
        "said_year": c.said_year, "quantifies": c.quantifies, "method": c.method,
        "boundary": c.boundary or None, "accounting_basis": c.accounting_basis or None,
        "unit": k.unit, "claimed": _values(k.claimed), "computed": _values(k.computed), "ratio": _values(k.ratio),
        "alternative": {"field": c.alt_field or None, "value": c.alt_value or None, "words": c.alt_words or None},
        "computed_alternative": _values(k.alt_computed),
        "verdict": k.verdict, "verdict_words": k.words, "why": k.why, "independent": k.independent,
        "scenario": {name: None if k.estimate is None else _as_typed(getattr(k.estimate.scenario, name))
                     for name in SCENARIO_KEYS},
        "methodology_version": methodology_version(),
        "source": {"title": c.source.title, "publisher": c.source.publisher, "year": c.source.year,
                   "url": c.source.url, "note": c.source.note},
    }
