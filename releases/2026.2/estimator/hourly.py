"""Hour-of-day grid intensity from typical daily profiles (data/hourly_profiles.csv), offline.

A profile gives, for a grid, a season and each local hour, the mean intensity and its 10th and
90th percentiles across the days of the source year. We use its *shape* — each hour relative to
that season's daily mean — on top of the region's annual figure, so the scope and year of the
headline number stay those of grid_intensity.csv and only the time of day moves it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from .data import DataBundle, Zone, bundle_for
from .errors import EstimatorError
from .grid import GridOverride, HourOption, emissions_g
from .uncertainty import Range, keyed

SEASONS = ("winter", "spring", "summer", "autumn")
# Meteorological seasons by month, northern hemisphere; the southern hemisphere is shifted by two.
_NORTH = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
          6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}
_FLIP = {"winter": "summer", "summer": "winter", "spring": "autumn", "autumn": "spring"}
SOUTHERN = {"AU", "NZ", "ZA", "AR", "CL", "BR", "UY", "PY"}


@dataclass(frozen=True)
class HourShape:
    hour: int
    relative: Range  # intensity at this hour / the season's daily mean


def season_for(date: dt.date, country_iso2: str) -> str:
    season = _NORTH[date.month]
    return _FLIP[season] if country_iso2 in SOUTHERN else season


def profile_zone(zone: Zone, data: DataBundle) -> str | None:
    """The profiled grid that covers a zone: itself, or its country for cloud regions outside the US."""
    if zone.zone_id in data.profiles:
        return zone.zone_id
    if zone.kind == "cloud_region" and zone.country_iso2 != "US" and zone.country_iso2 in data.profiles:
        return zone.country_iso2
    return None


def shape(profile_id: str, season: str, data: DataBundle) -> list[HourShape]:
    """Each hour's intensity relative to the season's daily mean (computed once per data version)."""
    return list(_shape(data.data_hash, profile_id, season))


@functools.lru_cache(maxsize=64)
def _shape(data_hash: str, profile_id: str, season: str) -> tuple[HourShape, ...]:
    data = bundle_for(data_hash)
    rows = data.profiles[profile_id].get(season)
    if not rows:
        raise EstimatorError(f"no {season} profile for {profile_id}", f"seasons: {', '.join(sorted(data.profiles[profile_id]))}")
    daily_mean = sum(r.mean for r in rows) / len(rows)
    return tuple(HourShape(r.hour, Range.of(r.p10 / daily_mean, r.mean / daily_mean, r.p90 / daily_mean,
                                            keyed("hour-of-day variation", f"{profile_id}/{season}/{r.hour}")))
                 for r in rows)


def hour_override(zone: Zone, hour: int, season: str, data: DataBundle) -> GridOverride:
    """The zone's annual intensity moved to one local hour of a typical day in the season."""
    if profile_zone(zone, data) is None:
        raise EstimatorError(f"no hourly data for {zone.name}", "hourly profiles exist for: " + ", ".join(sorted(data.profiles)))
    return _hour_override(data.data_hash, zone.zone_id, hour, season)


# Caches key on the data version (its hash) and ids, so a rerun of the app or a label() call for an
# hourly region reuses the 24 overrides instead of rebuilding them (`make bench` prints label() µs).
@functools.lru_cache(maxsize=1024)
def _hour_override(data_hash: str, zone_id: str, hour: int, season: str) -> GridOverride:
    data = bundle_for(data_hash)
    zone = data.zones[zone_id]
    pid = profile_zone(zone, data)
    h = next(x for x in _shape(data_hash, pid, season) if x.hour == hour)
    src = data.profiles[pid][season][0].source
    return GridOverride(zone.intensity_g_per_kwh * h.relative,
                        f"{hour:02d}:00 local on a typical {season} day ({pid} profile, {src.publisher} {src.year}; "
                        f"annual {zone.year} level, {zone.scope})", zone.scope, "profile")


def profile_hours(zone: Zone, season: str, data: DataBundle) -> tuple[HourOption, ...]:
    """All 24 hours as options for the "cleaner hour" lever; empty where no profile exists."""
    return _profile_hours(data.data_hash, zone.zone_id, season)


@functools.lru_cache(maxsize=256)
def _profile_hours(data_hash: str, zone_id: str, season: str) -> tuple[HourOption, ...]:
    data = bundle_for(data_hash)
    zone = data.zones[zone_id]
    pid = profile_zone(zone, data)
    if pid is None or season not in data.profiles[pid]:
        return ()
    return tuple(HourOption(f"{h.hour:02d}:00 local time (typical {season} day)",
                            _hour_override(data_hash, zone_id, h.hour, season))
                 for h in _shape(data_hash, pid, season))


def day_curve(e, data: DataBundle, hours: tuple[HourOption, ...]) -> list[tuple[str, Range]]:
    """Grams CO2e of the same request at each offered hour (forecast or typical profile), in order.

    Only the grid intensity changes with the hour, so each point is the estimate's own energy at its
    boundary times that hour's intensity, times the count: the same steps, in the same order, as
    ``estimate()`` with that hour's override, without resolving the scenario 24 times.
    """
    per_unit_wh = e.energy_wh_per_unit[e.boundary]
    return [(h.when, emissions_g(per_unit_wh, h.override.intensity_g_per_kwh) * e.scenario.count) for h in hours]


def hours_for(e, data: DataBundle) -> tuple[HourOption, ...]:
    """The hourly options for an estimate's region: its typical-day profile, if one exists."""
    if profile_zone(e.zone, data) is None:
        return ()
    season = e.scenario.season or season_for(dt.date.today(), e.zone.country_iso2)
    return profile_hours(e.zone, season, data)
