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
from .label import FlightLabel, GreenerOption
from .lifecycle import PARTS, TRAINING_JUDGEMENT
from .serving import MODE_LABELS, PRECISION_TASKS, effective_precision_id
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


def not_counted(boundary: str) -> str:
    """The "not counted" line for a result at this boundary."""
    return NOT_COUNTED_LIFECYCLE if boundary == "lifecycle" else NOT_COUNTED
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


def fmt_range(r: Range, unit_for) -> tuple[str, str]:
    """('12 g', '8.1–19 g') with one unit chosen from the central value."""
    div, unit = unit_for(r.central)
    return f"{fmt_amount(r.central / div)} {unit}", f"{fmt_amount(r.low / div)}–{fmt_amount(r.high / div)} {unit}"


def fmt_grams(r: Range) -> str:
    central, span = fmt_range(r, grams_unit)
    return f"{central} CO2e (range {span})"


def fmt_wh(r: Range) -> str:
    central, span = fmt_range(r, wh_unit)
    return f"{central} (range {span})"


def _percent(lab: FlightLabel) -> str:
    p = lab.percent_vs_typical
    return f"{abs(p):,.0f}%"


def _direction(lab: FlightLabel) -> str:
    return "below" if lab.percent_vs_typical < 0 else "above"


def _rule_ratios(data: DataBundle) -> tuple[float, float]:
    return (data.label_rules["lower_if_ratio_at_most"].value.central,
            data.label_rules["higher_if_ratio_at_least"].value.central)


def _signed(p: float) -> str:
    return f"{'+' if p >= 0 else '−'}{abs(p):,.0f}%"


def percent_range_words(low_pct: float, high_pct: float) -> str:
    """A percentage range in words: "−70% to −55%" (rounded to whole percent)."""
    return f"{_signed(low_pct)} to {_signed(high_pct)}"


def label_percent(lab: FlightLabel, data: DataBundle, with_range: bool = True) -> str:
    """The percentage beside the category with its own range, worded so the two never disagree.

    The range is that of the ratio option / typical (shared inputs cancelled, METHODOLOGY.md §2).
    lower/higher: "−63% vs typical (−70% to −55%)"; typical: "−12% (−20% to −3%), close to typical"
    when the central value is in the typical band, else "−51% (−84% to +3%), not surely lower".
    ``with_range=False`` drops the bracket where space is short (the card's band; its text alternative keeps it).
    """
    p = lab.percent_vs_typical
    if _percent(lab) == "0%" and (lab.ratio_range is None or not lab.ratio_range.parts):
        return "the typical value"
    low, high = lab.percent_vs_typical_range
    # a range whose ends round to the same whole percent says nothing more than the central: "−85% (−85% to −85%)"
    collapsed = _signed(low) == _signed(high)
    span = f" ({percent_range_words(low, high)})" if with_range and not collapsed else ""
    if lab.category != "typical":
        return f"{_signed(p)} vs typical{span}"
    lower, higher = _rule_ratios(data)
    if lower < lab.ratio_to_typical < higher:
        return f"{_signed(p)}{span}, close to typical"
    return f"{_signed(p)}{span}, not surely {'lower' if p < 0 else 'higher'}"


def saved_percent_words(o: GreenerOption) -> str:
    """Change in grams from a greener option, with its own range: "−51% (−61% to −38%)".

    The range is that of the ratio option / current, so inputs both share cancel (METHODOLOGY.md §2).
    """
    least, most = o.saved_percent_range
    central = f"−{o.saved_percent:.0f}%" if o.saved_percent >= 1 else f"−{o.saved_percent:.1g}%"  # never "−0%"
    if round(least) == round(most):
        return central
    return f"{central} ({percent_range_words(-most, -least)})"


def label_sentence(lab: FlightLabel, data: DataBundle) -> str:
    """One sentence saying why the label reads what it reads (the ratio rule applied to this result)."""
    lower, higher = _rule_ratios(data)
    pct, where = _percent(lab), _direction(lab)
    r = lab.ratio_range or Range.exact(lab.ratio_to_typical)
    if pct == "0%" and not r.parts:
        return "Central estimate equal to the typical value: this is the typical option for the task."
    span = f"{r.low:.2g}× to {r.high:.2g}×"
    if lab.category == "lower":
        return (f"Central estimate {pct} below typical; counting only what differs from the typical option, it is "
                f"{span} the typical value, all at most {lower:g}×: lower than usual.")
    if lab.category == "higher":
        return (f"Central estimate {pct} above typical; counting only what differs from the typical option, it is "
                f"{span} the typical value, all at least {higher:g}×: higher than usual.")
    if lower < lab.ratio_to_typical < higher:
        return (f"Central estimate {pct} {where} typical, within the band that counts as typical "
                f"({lower:g}× to {higher:g}× the typical value).")
    word, bound = ("lower", f"at most {lower:g}×") if where == "below" else ("higher", f"at least {higher:g}×")
    return (f"Central estimate {pct} {where} typical, but counting only what differs from the typical option it is "
            f"{span} the typical value, not all {bound}, so it cannot be called {word}: it reads typical.")


def rule_words(data: DataBundle) -> str:
    """The ratio rule in words, from data/label_rules.csv."""
    lower, higher = _rule_ratios(data)
    return (f"We divide this option by the typical one, so inputs both share (the same grid, data centre, "
            f"hardware, fitted coefficients) cancel and only what differs sets the ratio's range. Lower means "
            f"that whole range is at most {lower:g}× the typical value; higher means at least {higher:g}×; "
            "anything else reads typical.")


def citation_line(e: Estimate, url: str | None = None, date: dt.date | None = None) -> str:
    day = (date or dt.datetime.now(dt.timezone.utc).date()).isoformat()
    parts = [f"Estimate: {APP_NAME}, methodology {e.methodology_version}, data {e.data_hash}, {day}"]
    if url:
        parts.append(url)
    return ", ".join(parts)


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


def fmt_span_grams(low: float, central: float, high: float) -> str:
    """Like fmt_grams for figures that may be 0 (an other-basis figure): "0.42 g CO2e (range 0.31–0.95 g)"."""
    div, unit = grams_unit(central if central > 0 else high)
    amounts = [fmt_amount(v / div) if v > 0 else "0" for v in (central, low, high)]
    if amounts[1] == amounts[2]:  # no spread to show (every hour matched: 0 at both ends)
        return f"{amounts[0]} {unit} CO2e"
    return f"{amounts[0]} {unit} CO2e (range {amounts[1]}–{amounts[2]} {unit})"


def accounting_lines(e: Estimate, data: DataBundle) -> list[str]:
    """The accounting basis in words: the location-based headline first (the default), then each other basis
    published for the region with its one-sentence reason, or one line saying none is published."""
    others = accounting.alternative_bases(e, data)
    if not others:
        return [accounting.nothing_published_words(e)]
    head = f"Location-based (default): {fmt_grams(e.co2e_g)}; " + "; ".join(
        f"{b.label}: {fmt_span_grams(b.co2e_g.low, b.co2e_g.central, b.co2e_g.high)}" for b in others) + "."
    return [head, *(b.explanation for b in others)]


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


def serving_words(e: Estimate, data: DataBundle) -> str:
    """"production service (batched), BF16 (as served)" — the conditions behind the number, in words."""
    rec = serving_record(e, data)
    words = MODE_LABELS[rec["mode"]].lower()
    if rec["precision"] is None:
        return words + "; precision applies to text models only"
    label = data.precisions[rec["precision"]].label.split(" (")[0]
    return f"{words}, {label} weights" + (" (as served)" if rec["precision_is_models_own"] else " (chosen)")


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
