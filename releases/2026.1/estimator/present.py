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

from .data import DataBundle
from .estimate import Estimate
from .label import FlightLabel
from .uncertainty import Range

SIGNIFICANT = 2  # a range spanning ±30 % or more justifies two significant figures, no more
APP_NAME = "AI Flight Label"
GRAMS_PER_KG = 1000.0
GRAMS_PER_TONNE = 1e6
WH_PER_KWH = 1000.0
WH_PER_MWH = 1e6


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


def citation_line(e: Estimate, url: str | None = None, date: dt.date | None = None) -> str:
    day = (date or dt.datetime.now(dt.timezone.utc).date()).isoformat()
    parts = [f"Estimate: {APP_NAME}, methodology {e.methodology_version}, data {e.data_hash}, {day}"]
    if url:
        parts.append(url)
    return ", ".join(parts)


def _range(r: Range, unit: str) -> dict:
    return {"low": r.low, "central": r.central, "high": r.high, "unit": unit}


def estimate_record(e: Estimate, lab: FlightLabel | None, data: DataBundle, url: str | None = None) -> dict:
    """Every field of a result, with units and sources: the JSON/CSV twin of what the page shows."""
    s = e.scenario
    record = {
        "scenario": {k: v for k, v in asdict(s).items()},
        "task": e.task.name,
        "model": {"id": e.model.model_id, "name": e.model.name, "size_is_estimate": e.model.size_is_estimate},
        "region": {"id": e.zone.zone_id, "name": e.zone.name, "scope": e.zone.scope, "year": e.zone.year},
        "boundary": e.boundary,
        "co2e": _range(e.co2e_g, "g CO2e"),
        "co2e_per_unit": _range(e.co2e_g_per_unit, "g CO2e"),
        "energy": _range(e.energy_wh, "Wh"),
        "energy_per_unit_by_boundary": {b: _range(r, "Wh") for b, r in e.energy_wh_per_unit.items()},
        "grid_intensity": _range(e.intensity_g_per_kwh, "g CO2e/kWh"),
        "range_drivers": [{"input": n, "share": round(sh, 3)} for n, sh in e.drivers()],
        "equivalents": [{"id": v.equivalent.equivalent_id, "label": v.label, **_range(v.amount, v.equivalent.unit.split(" per ")[-1]),
                         "source": v.equivalent.source.url} for v in e.equivalents(data)],
        "methodology_version": e.methodology_version,
        "data_hash": e.data_hash,
        "citation": citation_line(e, url),
        "sources": [{"title": src.title, "publisher": src.publisher, "year": src.year, "url": src.url}
                    for src in dict.fromkeys(e.sources())],
    }
    if lab is not None:
        record["label"] = {
            "category": lab.category, "words": lab.words, "percent_vs_typical": lab.percent_vs_typical,
            "typical": {"model": lab.typical.model.model_id, "preset": lab.typical.scenario.preset,
                        "region": lab.typical.zone.zone_id, **_range(lab.typical.co2e_g_per_unit, "g CO2e per unit")},
        }
        record["greener_options"] = [
            {"id": o.alternative_id, "label": o.label, "change": o.change, "trade_off": o.trade_off,
             "co2e": _range(o.estimate.co2e_g, "g CO2e"), "saved_g": o.saved_g, "saved_percent": o.saved_percent}
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
