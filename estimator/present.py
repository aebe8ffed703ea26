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
from .label import FlightLabel
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


def label_percent(lab: FlightLabel, data: DataBundle) -> str:
    """The percentage beside the category, worded so the two never disagree.

    lower/higher: "−63% vs typical"; typical inside the ratio band: "−12%, close to typical";
    typical because the range reaches the typical value: "−51%, but ranges overlap".
    """
    p = lab.percent_vs_typical
    signed = f"{'+' if p >= 0 else '−'}{_percent(lab)}"
    if _percent(lab) == "0%":
        return "the typical value"
    if lab.category != "typical":
        return f"{signed} vs typical"
    lower, higher = _rule_ratios(data)
    if lower < lab.ratio_to_typical < higher:
        return f"{signed}, close to typical"
    return f"{signed}, but ranges overlap"


def label_sentence(lab: FlightLabel, data: DataBundle) -> str:
    """One sentence saying why the label reads what it reads (the range rule applied to this result)."""
    lower, higher = _rule_ratios(data)
    pct, where = _percent(lab), _direction(lab)
    if pct == "0%":
        return "Central estimate equal to the typical value: this is the typical option for the task."
    if lab.category == "lower":
        return (f"Central estimate {pct} below typical, and its whole likely range is below the typical value: "
                "lower than usual.")
    if lab.category == "higher":
        return (f"Central estimate {pct} above typical, and its whole likely range is above the typical value: "
                "higher than usual.")
    if lower < lab.ratio_to_typical < higher:
        return (f"Central estimate {pct} {where} typical, within the band that counts as typical "
                f"({lower:g}× to {higher:g}× the typical value).")
    word = "lower" if where == "below" else "higher"
    return (f"Central estimate {pct} {where} typical, but its likely range reaches the typical value, "
            f"so it cannot be called {word}: it reads typical.")


def rule_words(data: DataBundle) -> str:
    """The range rule in words, from data/label_rules.csv."""
    lower, higher = _rule_ratios(data)
    return (f"Lower means the central estimate is at most {lower:g}× the typical value and the whole "
            f"likely range lies below it; higher means at least {higher:g}× and the whole range above "
            "it; anything else, including a range that reaches the typical value, reads typical.")


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
            "explanation": label_sentence(lab, data), "rule": rule_words(data),
            "typical": {"model": lab.typical.model.model_id, "preset": lab.typical.scenario.preset,
                        "region": lab.typical.zone.zone_id, **_range(lab.typical.co2e_g_per_unit, "g CO2e per unit")},
        }
        record["greener_options"] = [
            {"id": o.alternative_id, "label": o.label, "change": o.change, "trade_off": o.trade_off,
             "co2e": _range(o.estimate.co2e_g, "g CO2e"), "saved_g": _exact(round_sig(o.saved_g)), "saved_percent": _exact(round_sig(o.saved_percent))}
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
