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

from .data import DataBundle, Source
from .estimate import Estimate
from .label import FlightLabel, GreenerOption
from .uncertainty import Range

SIGNIFICANT = 2  # a range spanning ±30 % or more justifies two significant figures, no more
APP_NAME = "AI Flight Label"
GRAMS_PER_KG = 1000.0
GRAMS_PER_TONNE = 1e6
WH_PER_KWH = 1000.0
WH_PER_MWH = 1e6
# What no figure here includes: one wording for the page, the card, the iframe and the JSON/CSV.
NOT_COUNTED = "Not counted: model training, making the hardware, water use, or your own device."
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
    span = f" ({percent_range_words(*lab.percent_vs_typical_range)})" if with_range else ""
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
    if e.grid_override is not None and e.grid_override.kind == "profile":
        from .hourly import profile_zone  # only results at an hour of the day need the profiles

        pid = profile_zone(e.zone, data)
        seasons = data.profiles.get(pid, {}) if pid else {}
        season = e.scenario.season if e.scenario.season in seasons else next(iter(seasons), None)
        if season is not None:
            out.append(("Hourly profile", seasons[season][0].source))
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


def estimate_record(e: Estimate, lab: FlightLabel | None, data: DataBundle, url: str | None = None) -> dict:
    """Every field of a result, with units and sources: the JSON/CSV twin of what the page shows."""
    s = e.scenario
    record = {
        "scenario": {k: _exact(v) for k, v in asdict(s).items()},
        "task": e.task.name,
        "model": {"id": e.model.model_id, "name": e.model.name, "size_is_estimate": e.model.size_is_estimate},
        "region": {"id": e.zone.zone_id, "name": e.zone.name, "scope": e.zone.scope, "year": e.zone.year},
        "boundary": e.boundary,
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
        "not_counted": NOT_COUNTED,
        "precision": PRECISION_NOTE,
        "methodology_version": e.methodology_version,
        "data_hash": e.data_hash,
        "citation": citation_line(e, url),
        "sources": [{"title": src.title, "publisher": src.publisher, "year": src.year, "url": src.url}
                    for src in dict.fromkeys(src for _, src in result_sources(e, data))],
    }
    if lab is not None:
        record["label"] = {
            "category": lab.category, "words": lab.words, "percent_vs_typical": _exact(round_sig(lab.percent_vs_typical)),
            "ratio_to_typical": _range(lab.ratio_range or Range.exact(lab.ratio_to_typical), "option / typical"),
            "explanation": label_sentence(lab, data), "rule": rule_words(data),
            "typical": {"model": lab.typical.model.model_id, "preset": lab.typical.scenario.preset,
                        "region": lab.typical.zone.zone_id, **_range(lab.typical.co2e_g_per_unit, "g CO2e per unit")},
        }
        record["greener_options"] = [
            {"id": o.alternative_id, "label": o.label, "change": o.change, "trade_off": o.trade_off,
             "co2e": _range(o.estimate.co2e_g, "g CO2e"), "saved_g": _exact(round_sig(o.saved_g)), "saved_percent": _exact(round_sig(o.saved_percent)),
             "ratio_to_current": _range(o.ratio_to_current or Range.exact(1 - o.saved_percent / 100), "option / current")}
            for o in lab.alternatives
        ]
    return record


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
