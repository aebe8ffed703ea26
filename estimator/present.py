"""Words and numbers for people: rounding that the range justifies, units, citation, records.

Shared by the CLI and the app so both say the same thing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from dataclasses import asdict

from . import accounting
from .basis import estimate_basis
from .data import FLEET_COEFFICIENTS, DataBundle, Source
from .estimate import Estimate
from .i18n import Translator, translator
from .label import FlightLabel, GreenerOption
from .lifecycle import PARTS, TRAINING_JUDGEMENT
from .serving import PRECISION_TASKS, effective_precision_id
from .uncertainty import Range

SIGNIFICANT = 2  # a range spanning ±30 % or more justifies two significant figures, no more
APP_NAME = "AI Flight Label"
GRAMS_PER_KG = 1000.0
GRAMS_PER_TONNE = 1e6
WH_PER_KWH = 1000.0
WH_PER_MWH = 1e6
# What no figure here includes: one wording for the page, the card, the iframe and the JSON/CSV.
NOT_COUNTED = "Not counted: model training, making the hardware, water use, or your own device."
# At the lifecycle boundary training and the hardware's manufacturing are counted (METHODOLOGY §4).
NOT_COUNTED_LIFECYCLE = "Not counted: water use, the buildings, or your own device."


def _t(t: Translator | None) -> Translator:
    """The reader's Translator; None is English, the words of the JSON, the CSV and the tests."""
    return t if t is not None else translator("en")


def not_counted(boundary: str, t: Translator | None = None) -> str:
    """The "not counted" line for a result at this boundary."""
    t = _t(t)
    if boundary == "lifecycle":
        return t._("Not counted: water use, the buildings, or your own device.")
    return t._("Not counted: model training, making the hardware, water use, or your own device.")
PRECISION_NOTE = (f"Measured quantities are rounded to {SIGNIFICANT} significant figures, the precision their "
                  "ranges justify; inputs (scenario) are exact; values_full keeps every digit.")


def round_sig(value: float, digits: int = SIGNIFICANT) -> float:
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - int(math.floor(math.log10(abs(value)))))


def fmt_amount(value: float, digits: int = SIGNIFICANT) -> str:
    """2 significant figures with thousands separators: 0.0042, 0.31, 12, 1,200, 340,000."""
    v = round_sig(value, digits)
    if v >= 100 or (value >= 1 and value == int(value)):  # counts stay whole: "10 images"
        return f"{v:,.0f}"
    decimals = max(0, digits - 1 - int(math.floor(math.log10(abs(v))))) if v else 0
    return f"{v:,.{decimals}f}"


def grams_unit(grams: float) -> tuple[float, str]:
    """The unit that keeps the number readable: g below 1 kg, kg below 1 t, t above."""
    if grams >= GRAMS_PER_TONNE:
        return GRAMS_PER_TONNE, "t"
    if grams >= GRAMS_PER_KG:
        return GRAMS_PER_KG, "kg"
    return 1.0, "g"


def wh_unit(wh: float) -> tuple[float, str]:
    if wh >= WH_PER_MWH:
        return WH_PER_MWH, "MWh"
    if wh >= WH_PER_KWH:
        return WH_PER_KWH, "kWh"
    return 1.0, "Wh"


def fmt_range(r: Range, unit_for, t: Translator | None = None) -> tuple[str, str]:
    """('12 g', '8.1–19 g') with one unit chosen from the central value; ('0,17 g', '0,12–0,25 g') in French."""
    t = _t(t)
    div, unit = unit_for(r.central)
    central = t._p("format", "{amount} {unit}", amount=t.amount(r.central / div), unit=unit)
    span = t._p("format", "{amount} {unit}", amount=t.span(t.amount(r.low / div), t.amount(r.high / div)), unit=unit)
    return central, span


def fmt_grams(r: Range, t: Translator | None = None) -> str:
    central, span = fmt_range(r, grams_unit, t)
    return _t(t)._("{central} CO2e (range {span})", central=central, span=span)


def fmt_wh(r: Range, t: Translator | None = None) -> str:
    central, span = fmt_range(r, wh_unit, t)
    return _t(t)._("{central} (range {span})", central=central, span=span)


def _percent(lab: FlightLabel, t: Translator | None = None) -> str:
    return _t(t).percent(abs(lab.percent_vs_typical))


def _rule_ratios(data: DataBundle) -> tuple[float, float]:
    return (data.label_rules["lower_if_ratio_at_most"].value.central,
            data.label_rules["higher_if_ratio_at_least"].value.central)


def _signed(p: float, t: Translator | None = None) -> str:
    return _t(t).percent(p, signed=True)


def percent_range_words(low_pct: float, high_pct: float, t: Translator | None = None) -> str:
    """A percentage range in words: "−70% to −55%" (rounded to whole percent)."""
    return _t(t)._("{low} to {high}", low=_signed(low_pct, t), high=_signed(high_pct, t))


def label_percent(lab: FlightLabel, data: DataBundle, with_range: bool = True, t: Translator | None = None) -> str:
    """The percentage beside the category with its own range, worded so the two never disagree.

    The range is that of the ratio option / typical (shared inputs cancelled, METHODOLOGY.md §2).
    lower/higher: "−63% vs typical (−70% to −55%)"; typical: "−12% (−20% to −3%), close to typical"
    when the central value is in the typical band, else "−51% (−84% to +3%), not surely lower".
    ``with_range=False`` drops the bracket where space is short (the card's band; its text alternative keeps it).
    """
    t = _t(t)
    p = lab.percent_vs_typical
    if round(abs(p)) == 0 and (lab.ratio_range is None or not lab.ratio_range.parts):
        return t._("the typical value")
    low, high = lab.percent_vs_typical_range
    # a range whose ends round to the same whole percent says nothing more than the central: "−85% (−85% to −85%)"
    collapsed = _signed(low) == _signed(high)
    span = t._(" ({range})", range=percent_range_words(low, high, t)) if with_range and not collapsed else ""
    if lab.category != "typical":
        return t._("{percent} vs typical{range}", percent=_signed(p, t), range=span)
    lower, higher = _rule_ratios(data)
    if lower < lab.ratio_to_typical < higher:
        return t._("{percent}{range}, close to typical", percent=_signed(p, t), range=span)
    if p < 0:
        return t._("{percent}{range}, not surely lower", percent=_signed(p, t), range=span)
    return t._("{percent}{range}, not surely higher", percent=_signed(p, t), range=span)


def saved_percent_words(o: GreenerOption, t: Translator | None = None) -> str:
    """Change in grams from a greener option, with its own range: "−51% (−61% to −38%)".

    The range is that of the ratio option / current, so inputs both share cancel (METHODOLOGY.md §2).
    """
    t = _t(t)
    least, most = o.saved_percent_range
    if o.saved_percent >= 1:
        central = t.percent(-o.saved_percent)
    else:  # never "−0%": one significant figure below 1 %
        shown = float(f"{o.saved_percent:.1g}")
        decimals = max(0, -int(math.floor(math.log10(shown)))) if shown > 0 else 0
        central = t.percent(-o.saved_percent, decimals=decimals)
    if round(least) == round(most):
        return central
    return t._("{central} ({range})", central=central, range=percent_range_words(-most, -least, t))


def _general(x: float, spec: str, t: Translator) -> str:
    """A number as Python's general format writes it ("0.5", "1.2", "0.8"; no trailing zeros), with the reader's
    decimal sign; an exponent form ("1.5e+02") stays as it is."""
    text = format(x, spec)
    return text if ("e" in text or "n" in text) else t.number(float(text))


def _times(x: float, t: Translator, exact: bool = False) -> str:
    """A ratio as "0.45×" ("0,45×" in French) to two significant figures as the English always wrote it ({:.2g}:
    "0.5×", not "0.50×"); ``exact`` for a rule's threshold from the data ("0.8×", "1.25×", as in label_rules.csv)."""
    return t._p("format", "{ratio}×", ratio=_general(x, "g" if exact else ".2g", t))


def label_words(lab: FlightLabel, t: Translator | None = None) -> str:
    """"Lower than usual for this task" in the reader's language (FlightLabel.words is the English)."""
    t = _t(t)
    if lab.category == "lower":
        return t._("Lower than usual for this task")
    if lab.category == "higher":
        return t._("Higher than usual for this task")
    return t._("Typical for this task")


from .i18n.names import SIZE_ESTIMATED, model_name  # noqa: E402,F401  (kept importable from here)


def change_words(o: GreenerOption, current: Estimate, t: Translator | None = None) -> str:
    """What a greener option changes, in words: "Llama 3.1 8B instead of Llama 3.1 70B", "a 60-word summary instead
    of 120". Rebuilt from the two scenarios (o.change is the English, kept for the JSON)."""
    t = _t(t)
    a, b = o.estimate.scenario, current.scenario
    kind = o.alternative_id
    if kind in ("smaller_model", "efficient_model", "task_specific"):
        return t._("{new} instead of {old}", new=model_name(o.estimate.model, t), old=model_name(current.model, t))
    if kind == "cleaner_region":
        from .i18n.names import zone_name

        return t._("{new} instead of {old}", new=zone_name(o.estimate.zone, t), old=zone_name(current.zone, t))
    if kind == "power_capped":
        return t._("{new} instead of {old}", new=o.estimate.hardware.name, old=current.hardware.name)
    if kind == "shorter_answer":
        return t._("{new} output tokens instead of {old}", new=t.count(a.output_tokens), old=t.count(b.output_tokens))
    if kind == "shorter_summary":
        return t._("a {new}-word summary instead of {old}", new=t.count(a.summary_words), old=t.count(b.summary_words))
    if kind == "fewer_steps":
        return t._("{new} denoising steps instead of {old}", new=t.count(a.steps), old=t.count(b.steps))
    if kind == "lower_resolution":
        return t._("{new} instead of {old}", new="%d×%d" % (a.width, a.height), old="%d×%d" % (b.width, b.height))
    if kind == "shorter_video":
        return t._("{new} s instead of {old} s", new=t.number(a.seconds), old=t.number(b.seconds))
    if kind == "cleaner_hour" and o.change.startswith("run it at "):
        from .grid import when_words

        return t._("run it at {when}", when=when_words(o.change[len("run it at "):], t))
    return o.change


def label_sentence(lab: FlightLabel, data: DataBundle, t: Translator | None = None) -> str:
    """One sentence saying why the label reads what it reads (the ratio rule applied to this result)."""
    t = _t(t)
    lower, higher = _rule_ratios(data)
    pct = _percent(lab, t)
    below = lab.percent_vs_typical < 0
    r = lab.ratio_range or Range.exact(lab.ratio_to_typical)
    if round(abs(lab.percent_vs_typical)) == 0 and not r.parts:
        return t._("Central estimate equal to the typical value: this is the typical option for the task.")
    f = dict(percent=pct, low=_times(r.low, t), high=_times(r.high, t), lower=_times(lower, t, exact=True),
             higher=_times(higher, t, exact=True))
    if lab.category == "lower":
        return t._("Central estimate {percent} below typical; counting only what differs from the typical option, it "
                   "is {low} to {high} the typical value, all at most {lower}: lower than usual.", **f)
    if lab.category == "higher":
        return t._("Central estimate {percent} above typical; counting only what differs from the typical option, it "
                   "is {low} to {high} the typical value, all at least {higher}: higher than usual.", **f)
    if lower < lab.ratio_to_typical < higher:
        if below:
            return t._("Central estimate {percent} below typical, within the band that counts as typical ({lower} "
                       "to {higher} the typical value).", **f)
        return t._("Central estimate {percent} above typical, within the band that counts as typical ({lower} to "
                   "{higher} the typical value).", **f)
    if below:
        return t._("Central estimate {percent} below typical, but counting only what differs from the typical option "
                   "it is {low} to {high} the typical value, not all at most {lower}, so it cannot be called lower: "
                   "it reads typical.", **f)
    return t._("Central estimate {percent} above typical, but counting only what differs from the typical option it "
               "is {low} to {high} the typical value, not all at least {higher}, so it cannot be called higher: it "
               "reads typical.", **f)


def rule_words(data: DataBundle, t: Translator | None = None) -> str:
    """The ratio rule in words, from data/label_rules.csv."""
    t = _t(t)
    lower, higher = _rule_ratios(data)
    return t._("We divide this option by the typical one, so inputs both share (the same grid, data centre, hardware, "
               "fitted coefficients) cancel and only what differs sets the ratio's range. Lower means that whole "
               "range is at most {lower} the typical value; higher means at least {higher}; anything else reads "
               "typical.", lower=_times(lower, t, exact=True), higher=_times(higher, t, exact=True))


def citation_line(e: Estimate, url: str | None = None, date: dt.date | None = None,
                  t: Translator | None = None) -> str:
    """"Estimate: AI Flight Label, methodology 2026.3, data 1a2b3c, 2026-11-30, <url>"; in another language the
    line is in that language and names it ("…, en français, …"), so an editor knows which wording was cited.
    The date stays ISO 8601: a citation is read by people of every locale."""
    day = (date or dt.datetime.now(dt.timezone.utc).date()).isoformat()
    t = _t(t)
    parts = [t._("Estimate: {app}, methodology {version}, data {hash}, {day}", app=APP_NAME,
                 version=e.methodology_version, hash=e.data_hash, day=day)]
    if t.lang != "en":
        parts.append(t._("in English"))  # each catalogue puts its own language here: "en français", "简体中文版"
    if url:
        parts.append(url)
    return t._(", ").join(parts)


def result_sources(e: Estimate, data: DataBundle) -> list[tuple[str, Source]]:
    """(what, source) behind a result: model, grid, hardware, datacenter, and the hourly profile when an hour
    of a typical day moved the grid figure (the annual row alone would not explain that number)."""
    out = [("Model", e.model.source), ("Grid", e.zone.source), ("Hardware", e.hardware.source),
           ("Datacenter", e.datacenter.source)]
    # the fleet step is inside every boundary from fleet up, for production serving (self-hosted adds none, §1.4)
    if e.boundary not in ("gpu", "server") and e.scenario.mode != "self-hosted":
        out += [("Serving fleet", data.coefficients[c].source) for c in FLEET_COEFFICIENTS]
    out += [("Life cycle", src) for src in e.lifecycle_sources]
    if e.grid_override is not None and e.grid_override.kind == "profile":
        from .hourly import profile_zone  # only results at an hour of the day need the profiles

        pid = profile_zone(e.zone, data)
        seasons = data.profiles.get(pid, {}) if pid else {}
        season = e.scenario.season if e.scenario.season in seasons else next(iter(seasons), None)
        if season is not None:
            out.append(("Hourly profile", seasons[season][0].source))
    for b in accounting.alternative_bases(e, data):  # the rows behind the figures shown beside the headline
        out.append(("Market-based factor" if b.basis == "market" else "Hourly carbon-free-energy share", b.source))
    # several rows of one table often cite the same document: list each (what, document) once
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for what, src in out:
        key = (what, src.title, src.url)
        if key not in seen:
            seen.add(key)
            unique.append((what, src))
    return unique


def source_what_words(what: str, t: Translator | None = None) -> str:
    """What a source is behind ("Model", "Grid" … the first item of result_sources) in the reader's language."""
    t = _t(t)
    words = {"Model": t._p("sources.what", "Model"), "Grid": t._p("sources.what", "Grid"),
             "Hardware": t._p("sources.what", "Hardware"), "Datacenter": t._p("sources.what", "Datacenter"),
             "Serving fleet": t._p("sources.what", "Serving fleet"), "Life cycle": t._p("sources.what", "Life cycle"),
             "Hourly profile": t._p("sources.what", "Hourly profile"),
             "Market-based factor": t._p("sources.what", "Market-based factor"),
             "Hourly carbon-free-energy share": t._p("sources.what", "Hourly carbon-free-energy share")}
    return words.get(what, what)


def fmt_span_grams(low: float, central: float, high: float, t: Translator | None = None) -> str:
    """Like fmt_grams for figures that may be 0 (an other-basis figure): "0.42 g CO2e (range 0.31–0.95 g)"."""
    t = _t(t)
    div, unit = grams_unit(central if central > 0 else high)
    amounts = [t.amount(v / div) if v > 0 else t.count(0) for v in (central, low, high)]
    head = t._p("format", "{amount} {unit}", amount=amounts[0], unit=unit)
    if amounts[1] == amounts[2]:  # no spread to show (every hour matched: 0 at both ends)
        return t._("{central} CO2e", central=head)
    span = t._p("format", "{amount} {unit}", amount=t.span(amounts[1], amounts[2]), unit=unit)
    return t._("{central} CO2e (range {span})", central=head, span=span)


def accounting_lines(e: Estimate, data: DataBundle, t: Translator | None = None) -> list[str]:
    """The accounting basis in words: the location-based headline first (the default), then each other basis
    published for the region with its one-sentence reason, or one line saying none is published."""
    t = _t(t)
    others = accounting.alternative_bases(e, data)
    if not others:
        return [accounting.nothing_published_words(e, t=t)]
    figures = [t._("{basis}: {figure}", basis=accounting.basis_label(b.factor, t=t),
                   figure=fmt_span_grams(b.co2e_g.low, b.co2e_g.central, b.co2e_g.high, t)) for b in others]
    head = t._("Location-based (default): {figure}; {others}.", figure=fmt_grams(e.co2e_g, t),
               others=t._("; ").join(figures))
    return [head, *(accounting.explanation_words(b, t=t) for b in others)]


def _span(s, unit: str) -> dict:
    """An other-basis figure, rounded like _range (0 stays 0)."""
    return {k: _exact(round_sig(v)) for k, v in s.as_dict().items()} | {"unit": unit}


def accounting_fields(e: Estimate, data: DataBundle) -> dict:
    """Language-neutral keys for the JSON/CSV: accounting_basis is always "location" (the headline's basis);
    market_based_* and cfe_view_* appear only where a figure is published for the region."""
    prefix = {"market": "market_based", "hourly_cfe": "cfe_view"}
    out: dict = {"accounting_basis": accounting.LOCATION}
    others = accounting.alternative_bases(e, data)
    for b in others:
        p = prefix[b.basis]
        out[f"{p}_co2e_g"] = _span(b.co2e_g, "g CO2e")
        out[f"{p}_intensity_g_per_kwh"] = _span(b.intensity_g_per_kwh, "g CO2e/kWh")
        out[f"{p}_factor"] = {"id": b.factor.factor_id, "value": b.factor.central, "unit": b.factor.unit,
                              "year": b.factor.data_year, "source": b.source.url}
        out[f"{p}_explanation"] = b.explanation
    if not others:
        out["other_bases"] = accounting.nothing_published_words(e)
    return out


def _range(r: Range, unit: str) -> dict:
    """A measured range, rounded to the figures it justifies."""
    return {"low": _exact(round_sig(r.low)), "central": _exact(round_sig(r.central)), "high": _exact(round_sig(r.high)),
            "unit": unit}


def _range_full(r: Range, unit: str) -> dict:
    """The same range with every digit, for re-use in further calculations (named *_full)."""
    return {"low": r.low, "central": r.central, "high": r.high, "unit": unit}


def _exact(value):
    """An input as typed: a whole float is written as an integer (count 10, not 10.0)."""
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return int(value)
    return value


def serving_record(e: Estimate, data: DataBundle) -> dict:
    """The serving mode and the precision the estimate used, and whether that precision is the model's own."""
    s = e.scenario
    used = effective_precision_id(s.precision, e.model, data)
    text_task = s.task in PRECISION_TASKS
    return {"mode": s.mode, "precision": used if text_task else None,
            "precision_is_models_own": text_task and s.precision is None}


def serving_words(e: Estimate, data: DataBundle, t: Translator | None = None) -> str:
    """"production service (batched), BF16 weights (as served)" — the conditions behind the number, in words."""
    t = _t(t)
    rec = serving_record(e, data)
    mode = (t._("production service (batched)") if rec["mode"] == "production"
            else t._("self-hosted, one at a time"))
    if rec["precision"] is None:
        return t._("{mode}; precision applies to text models only", mode=mode)
    label = data.precisions[rec["precision"]].label.split(" (")[0]  # "BF16": the format's own name
    if rec["precision_is_models_own"]:
        return t._("{mode}, {precision} weights (as served)", mode=mode, precision=label)
    return t._("{mode}, {precision} weights (chosen)", mode=mode, precision=label)


def estimate_record(e: Estimate, lab: FlightLabel | None, data: DataBundle, url: str | None = None) -> dict:
    """Every field of a result, with units and sources: the JSON/CSV twin of what the page shows."""
    s = e.scenario
    basis = estimate_basis(e, data)
    record = {
        "scenario": {k: _exact(v) for k, v in asdict(s).items()},
        "task": e.task.name,
        "model": {"id": e.model.model_id, "name": e.model.name, "size_is_estimate": e.model.size_is_estimate},
        # measured | extrapolated (estimator/basis.py): language-neutral, with its reason in words
        "figure_basis": basis.kind,
        "figure_basis_reason": basis.reason,
        "region": {"id": e.zone.zone_id, "name": e.zone.name, "scope": e.zone.scope, "year": e.zone.year},
        "boundary": e.boundary,
        "serving": serving_record(e, data),
        "co2e": _range(e.co2e_g, "g CO2e"),
        "co2e_per_unit": _range(e.co2e_g_per_unit, "g CO2e"),
        "energy": _range(e.energy_wh, "Wh"),
        "energy_per_unit_by_boundary": {b: _range(r, "Wh") for b, r in e.energy_wh_per_unit.items()},
        "grid_intensity": _range(e.intensity_g_per_kwh, "g CO2e/kWh"),
        "range_drivers": [{"input": n, "share": round_sig(sh)} for n, sh in e.drivers()],
        "equivalents": [{"id": v.equivalent.equivalent_id, "label": v.label, **_range(v.amount, v.equivalent.unit.split(" per ")[-1]),
                         "source": v.equivalent.source.url} for v in e.equivalents(data)],
        # Every digit, for re-use in further calculations and to trace each figure to its data row.
        "values_full": {
            "co2e": _range_full(e.co2e_g, "g CO2e"), "co2e_per_unit": _range_full(e.co2e_g_per_unit, "g CO2e"),
            "energy": _range_full(e.energy_wh, "Wh"),
            "energy_per_unit_by_boundary": {b: _range_full(r, "Wh") for b, r in e.energy_wh_per_unit.items()},
            "grid_intensity": _range_full(e.intensity_g_per_kwh, "g CO2e/kWh"),
        },
        **accounting_fields(e, data),  # beside the headline, never instead of it (METHODOLOGY.md §1.5)
        "not_counted": not_counted(e.boundary),
        "precision": PRECISION_NOTE,
        "methodology_version": e.methodology_version,
        "data_hash": e.data_hash,
        "citation": citation_line(e, url),
        "sources": [{"title": src.title, "publisher": src.publisher, "year": src.year, "url": src.url}
                    for src in dict.fromkeys(src for _, src in result_sources(e, data))],
    }
    if e.parts:
        record.update(lifecycle_record(e))
    if lab is not None:
        record["label"] = {
            "category": lab.category, "words": lab.words, "percent_vs_typical": _exact(round_sig(lab.percent_vs_typical)),
            "ratio_to_typical": _range(lab.ratio_range or Range.exact(lab.ratio_to_typical), "option / typical"),
            "explanation": label_sentence(lab, data), "rule": rule_words(data),
            "typical": {"model": lab.typical.model.model_id, "preset": lab.typical.scenario.preset,
                        "mode": lab.typical.scenario.mode, "precision": lab.typical.scenario.precision,
                        "region": lab.typical.zone.zone_id, **_range(lab.typical.co2e_g_per_unit, "g CO2e per unit")},
        }
        record["greener_options"] = [
            {"id": o.alternative_id, "label": o.label, "change": o.change, "trade_off": o.trade_off,
             "co2e": _range(o.estimate.co2e_g, "g CO2e"), "saved_g": _exact(round_sig(o.saved_g)), "saved_percent": _exact(round_sig(o.saved_percent)),
             "ratio_to_current": _range(o.ratio_to_current or Range.exact(1 - o.saved_percent / 100), "option / current")}
            for o in lab.alternatives
        ]
    return record


def lifecycle_record(e: Estimate) -> dict:
    """The lifecycle boundary's three parts (language-neutral keys), each with its range, and why training is a
    judgement; values_full_parts keeps every digit."""
    return {"parts": {k: _range(e.parts[k], "g CO2e") for k in PARTS},
            "parts_note": TRAINING_JUDGEMENT,
            "values_full_parts": {k: _range_full(e.parts[k], "g CO2e") for k in PARTS}}


def flat_record(record: dict, prefix: str = "") -> dict:
    """A nested record → one flat row: nested keys joined with '_', lists as JSON text (for CSV)."""
    out: dict = {}
    for k, v in record.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flat_record(v, key + "_"))
        elif isinstance(v, (list, tuple)):
            out[key] = json.dumps(v, ensure_ascii=False)
        else:
            out[key] = v
    return out


def csv_text(rows: list[dict]) -> str:
    """Rows → CSV text with the union of their columns, in first-seen order."""
    buf = io.StringIO()
    cols = list(dict.fromkeys(k for r in rows for k in r))
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()
