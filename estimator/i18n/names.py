"""Names from the data tables in the reader's language.

Each translated data text is a catalogue message whose context names its table and column
("tasks.name", "equivalents.label_plural"), so the English in data/ stays the one source and a
test finds any row without a translation (estimator/i18n/catalog.py, TRANSLATED_COLUMNS).
Countries are named by CLDR (Babel), not by our catalogue; cloud regions keep their providers'
own names; model, product and hardware names stay as published.
"""

from __future__ import annotations

from . import Translator


SIZE_ESTIMATED = " (size estimated)"  # the suffix data/models.csv gives closed models whose size is estimated


def model_name(model, t: Translator | None = None) -> str:
    """A model's published name; the suffix "(size estimated)" that our data adds is worded for the reader."""
    if t is None or t.lang == "en":
        return model.name
    name = t._p("models.name", model.name)  # a generic stand-in ("Large closed image model …") is words
    if name.endswith(SIZE_ESTIMATED):
        return name[: -len(SIZE_ESTIMATED)] + t._(" (size estimated)")
    return name


def task_name(task, t: Translator) -> str:
    return t._p("tasks.name", task.name)


def task_unit(task, count: float, t: Translator) -> str:
    """"image" / "images" for this count, in the reader's language (the count itself is written by the caller)."""
    one = t._p("tasks.unit_singular", task.unit_singular)
    many = t._p("tasks.unit_plural", task.unit_plural)
    return t._n("{one}", "{many}", count, one=one, many=many)


def preset_label(preset, t: Translator) -> str:
    return t._p("presets.label", preset.label)


def alternative_label(alt, t: Translator) -> str:
    return t._p("alternatives.label", alt.label)


def alternative_trade_off(alt, task_id: str, t: Translator) -> str:
    """The trade-off words for this task (trade_off_<task>), else the general ones."""
    for tid, text in alt.trade_off_by_task:
        if tid == task_id:
            column = "alternatives.trade_off_" + tid
            return t._p(column, text)
    return t._p("alternatives.trade_off", alt.trade_off)


def equivalent_label(eq, amount: float, t: Translator) -> str:
    """"km driven" with the plural form this amount takes in the reader's language."""
    one = t._p("equivalents.label_singular", eq.label_singular)
    many = t._p("equivalents.label_plural", eq.label_plural)
    return t._n("{one}", "{many}", amount, one=one, many=many)


def precision_label(precision, t: Translator) -> str:
    return t._p("precision.label", precision.label)


def datacenter_name(dc, t: Translator) -> str:
    return t._p("datacenters.name", dc.name)


def zone_name(zone, t: Translator) -> str:
    """A grid region's name: the world and US states from our catalogue, countries from CLDR, cloud regions as
    their providers name them ("AWS eu-west-3 (Paris)")."""
    if zone.kind == "country" and getattr(zone, "country_iso2", ""):
        return (t.territory(zone.country_iso2) if t.lang != "en" else None) or zone.name
    if zone.kind in ("world", "us_state"):
        return t._p("grid_intensity.name", zone.name)
    return zone.name


def usage_preset_label(preset, t: Translator) -> str:
    return t._p("usage_presets.label", preset.label)
