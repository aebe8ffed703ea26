"""Grid carbon intensity: find a region by code, name or cloud-region id, and turn energy into CO2e."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .data import DataBundle, Zone
from .errors import EstimatorError, say
from .i18n import N_, Translator
from .uncertainty import Range

WH_PER_KWH = 1000.0
_INDEX: dict[str, dict[str, str]] = {}


def _index(data: DataBundle) -> dict[str, str]:
    """Lower-case id, alias and name → zone_id, built once per data version."""
    idx = _INDEX.get(data.data_hash)
    if idx is None:
        idx = {}
        for z in data.zones.values():
            for key in (z.name, *z.aliases):
                idx.setdefault(key.lower(), z.zone_id)
        for z in data.zones.values():  # ids win over names and aliases
            idx[z.zone_id.lower()] = z.zone_id
        _INDEX[data.data_hash] = idx
    return idx


def find_zone(query: object, data: DataBundle) -> Zone:
    """The zone for an ISO code (FR, FRA), a country or state name in any case, or a cloud region id.

    Raises EstimatorError with the closest matches when nothing fits.
    """
    if not isinstance(query, str) or not query.strip():
        raise EstimatorError(say(N_("no region given")),
                             say(N_("try WORLD, a country code such as FR, or a cloud region such as europe-west1")))
    text = " ".join(query.split())
    idx = _index(data)
    hit = idx.get(text.lower())
    if hit:
        return data.zones[hit]
    import pycountry  # here, not at the top: it is 40 % of the CLI's import time and only needed for a miss

    try:
        country = pycountry.countries.lookup(text)
    except LookupError:
        country = None
    if country is not None and country.alpha_2 in data.zones:
        return data.zones[country.alpha_2]
    if country is not None:
        raise EstimatorError(say(N_("no grid data for {country}"), country=lambda t, c=country: (
                                 t.territory(c.alpha_2) if t is not None else None) or c.name),
                             say(N_("pick a neighbouring country or WORLD")))
    close = difflib.get_close_matches(text.lower(), list(idx), n=4, cutoff=0.6)
    names = []
    for c in close:
        z = data.zones[idx[c]]
        label = f"{z.zone_id} ({z.name})"
        if label not in names:
            names.append(label)
    hint = (say(N_("did you mean {choices}?"), choices=", ".join(names)) if names
            else say(N_("list them with: {command}"), command="python -m estimator regions"))
    raise EstimatorError(say(N_("unknown region {value!r}"), value=text[:60]), hint)


def intensity_g_per_kwh(zone: Zone) -> Range:
    """Annual-average carbon intensity of the zone's electricity [gCO2e/kWh] with its range."""
    return zone.intensity_g_per_kwh


def emissions_g(energy_wh: Range, intensity: Range) -> Range:
    """CO2e [g] = energy [Wh] / 1000 × grid intensity [gCO2e/kWh]."""
    return energy_wh * intensity / WH_PER_KWH


@dataclass(frozen=True)
class GridOverride:
    """An intensity that replaces the region's annual average: a live reading, a forecast hour or an hourly profile."""

    intensity_g_per_kwh: Range
    label: str  # "live, 14:30 UTC, GB Carbon Intensity API (direct)"
    scope: str
    kind: str = "live"  # live | forecast | profile


@dataclass(frozen=True)
class HourOption:
    """A time the same work could run, with the grid intensity then (from a forecast or a profile)."""

    when: str  # "03:00 UTC" or "03:00 local (typical winter day)"
    override: GridOverride


_LOCAL_WHEN = re.compile(r"^(\d\d:\d\d) local time \(typical (winter|spring|summer|autumn) day\)$")
_UTC_WHEN = re.compile(r"^(\d\d:\d\d) UTC$")


def when_words(when: str, t: Translator | None = None) -> str:
    """An HourOption's time in the reader's language: "03:00 local time (typical winter day)" → « 03:00, heure
    locale (journée d'hiver typique) »; "14:00 UTC" keeps UTC. The English (HourOption.when) is also a key of the
    JSON, so it is worded here, where a reader sees it."""
    if t is None or t.lang == "en":
        return when
    m = _LOCAL_WHEN.match(when)
    if m:
        time, season = m.groups()
        words = {"winter": t._("{time} local time (typical winter day)", time=time),
                 "spring": t._("{time} local time (typical spring day)", time=time),
                 "summer": t._("{time} local time (typical summer day)", time=time),
                 "autumn": t._("{time} local time (typical autumn day)", time=time)}
        return words[season]
    m = _UTC_WHEN.match(when)
    if m:
        return t._("{time} UTC", time=m.group(1))
    return when
