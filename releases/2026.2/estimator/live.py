"""Live grid carbon intensity: the only module that talks to the network.

Providers (data/live_providers.csv):
- ``gb-carbon-intensity``: the GB Carbon Intensity API (NESO), national and the 14 regions,
  current half hour and 48 h forecast; no key.
- ``electricitymaps``: Electricity Maps v3, latest and forecast per zone; key from the
  environment variable named in the table (or passed in by the app from Streamlit secrets).

Every call has connect and read timeouts, at most ``max_retries`` retries with backoff that
honours ``Retry-After`` but never beyond the request's time budget, and validated responses
(shape, units, 0–2000 g/kWh, timestamps). Results are cached in-process with a TTL, so the CLI
benefits too. Any failure becomes a :class:`LiveError` with a one-line reason for a person;
:func:`live_intensity` never raises — it returns the annual figure with that reason instead.
The API key goes in a request header only, never in a URL, message or log line.

Adding a provider is one class with ``covers``, ``latest`` and ``forecast``, and one row in
data/live_providers.csv.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Callable, Protocol

import requests

from .data import DATA_DIR, DataBundle, Zone, read_live_providers

UTC = dt.timezone.utc
RETRY_STATUSES = (HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.INTERNAL_SERVER_ERROR, HTTPStatus.BAD_GATEWAY,
                  HTTPStatus.SERVICE_UNAVAILABLE, HTTPStatus.GATEWAY_TIMEOUT)
# The 14 DNO regions of the GB Carbon Intensity API (ids 15-17 are England, Scotland, Wales).
GB_REGION_COUNT = 14
GB_REGION_IDS = range(1, GB_REGION_COUNT + 1)


class LiveError(Exception):
    """A live call failed; ``reason`` is one line for a person ("timed out after 3 s")."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ProviderSettings:
    provider_id: str
    name: str
    base_url: str
    key_env: str
    scope: str
    covers: str
    connect_timeout_s: float
    read_timeout_s: float
    max_retries: int
    backoff_s: float
    ttl_s: float
    stale_after_s: float
    plausible_min: float
    plausible_max: float
    docs_url: str


@dataclass(frozen=True)
class Reading:
    provider: str  # provider display name
    zone: str  # the provider's zone or region label
    intensity_g_per_kwh: float
    at: dt.datetime  # start of the period the value is for (UTC)
    scope: str
    fetched_at: dt.datetime
    is_forecast: bool = False


@dataclass(frozen=True)
class LiveOutcome:
    """What the app and CLI show: a live reading and forecast, or the reason they are absent."""

    reading: Reading | None
    forecast: tuple[Reading, ...]
    notice: str  # empty when live data is in use

    @property
    def ok(self) -> bool:
        return self.reading is not None


def load_settings(data_dir: Path = DATA_DIR) -> dict[str, ProviderSettings]:
    """Provider settings from data/live_providers.csv, checked by data.read_live_providers (bounded
    timeouts, no duplicate ids, one DataError line for any bad row); a base URL may come from the env."""
    out = {}
    for pid, r in read_live_providers(data_dir).items():
        base = (os.environ.get(r["base_url_env"]) if r["base_url_env"] else None) or r["base_url"]
        out[pid] = ProviderSettings(
            pid, r["name"], base.rstrip("/"), r["key_env"], r["scope"], r["covers"],
            r["connect_timeout_s"], r["read_timeout_s"], r["max_retries"], r["backoff_s"], r["ttl_s"],
            r["stale_after_s"], r["plausible_min_g_per_kwh"], r["plausible_max_g_per_kwh"], r["source_url"])
    return out


def _parse_time(text: object) -> dt.datetime:
    if not isinstance(text, str) or not text:
        raise LiveError("the response has no valid timestamp")
    t = text.strip().replace("Z", "+00:00")
    try:
        value = dt.datetime.fromisoformat(t)
    except ValueError:
        raise LiveError("the response has no valid timestamp") from None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


class Provider(Protocol):
    settings: ProviderSettings

    def covers(self, zone: Zone) -> str | None: ...
    def latest(self, client: "LiveClient", target: str) -> Reading: ...
    def forecast(self, client: "LiveClient", target: str) -> tuple[Reading, ...]: ...


class LiveClient:
    """HTTP access with timeouts, bounded retries and a TTL cache; one per process is enough."""

    def __init__(self, settings: dict[str, ProviderSettings] | None = None,
                 api_keys: dict[str, str] | None = None, clock: Callable[[], float] = time.time,
                 session: requests.Session | None = None):
        self.settings = settings or load_settings()
        self._keys = dict(api_keys or {})
        self.clock = clock
        self.session = session or requests.Session()
        self._cache: dict[tuple, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never shows keys
        return f"LiveClient(providers={sorted(self.settings)})"

    def key_for(self, s: ProviderSettings) -> str:
        return self._keys.get(s.provider_id) or (os.environ.get(s.key_env, "") if s.key_env else "")

    def cached(self, key: tuple, ttl_s: float, fetch: Callable[[], object]) -> object:
        now = self.clock()
        with self._lock:
            hit = self._cache.get(key)
            if hit and hit[0] > now:
                return hit[1]
        value = fetch()
        with self._lock:
            self._cache[key] = (now + ttl_s, value)
        return value

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()

    def get_json(self, s: ProviderSettings, path: str, params: dict | None = None, headers: dict | None = None) -> object:
        """GET base_url + path; JSON body or LiveError. Never waits past connect + read timeout overall."""
        url = s.base_url + path
        deadline = time.monotonic() + s.connect_timeout_s + s.read_timeout_s
        attempt = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LiveError(f"timed out after {s.read_timeout_s:g} s")
            try:
                resp = self.session.get(url, params=params, headers={"Accept": "application/json", **(headers or {})},
                                        timeout=(min(s.connect_timeout_s, remaining), min(s.read_timeout_s, remaining)),
                                        allow_redirects=False)
            except requests.exceptions.Timeout:
                raise LiveError(f"timed out after {s.read_timeout_s:g} s") from None
            except requests.exceptions.ConnectionError:
                raise LiveError("could not connect to the provider") from None
            except requests.exceptions.RequestException:
                raise LiveError("the request to the provider failed") from None
            if resp.status_code == HTTPStatus.OK:
                try:
                    return resp.json()
                except ValueError:
                    raise LiveError("the provider sent malformed JSON") from None
            if resp.status_code in (HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN):
                raise LiveError(f"the API key was rejected (HTTP {resp.status_code})")
            if resp.status_code in RETRY_STATUSES and attempt < s.max_retries:
                wait = _retry_after_s(resp.headers.get("Retry-After"), s.backoff_s * (2 ** attempt))
                if wait < deadline - time.monotonic():
                    attempt += 1
                    time.sleep(wait)
                    continue
            if resp.status_code == HTTPStatus.TOO_MANY_REQUESTS:
                raise LiveError("the provider is rate-limiting requests (HTTP 429)")
            raise LiveError(f"the provider answered HTTP {resp.status_code}")


def _retry_after_s(header: str | None, default: float) -> float:
    if not header:
        return default
    try:
        return max(0.0, float(header))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(header)
        return max(0.0, (when - dt.datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return default


def _plausible(s: ProviderSettings, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise LiveError("the response has no carbon-intensity number")
    v = float(value)
    if not (s.plausible_min <= v <= s.plausible_max):
        raise LiveError(f"implausible value {v:g} g/kWh (expected {s.plausible_min:g}–{s.plausible_max:g})")
    return v


class GBCarbonIntensity:
    """NESO's Carbon Intensity API: ``GB`` for national, ``GB-1``…``GB-14`` for its regions."""

    def __init__(self, settings: ProviderSettings):
        self.settings = settings

    def covers(self, zone: Zone) -> str | None:
        return "GB" if zone.zone_id == "GB" or zone.country_iso2 == "GB" else None

    def _items(self, body: object) -> list:
        if not isinstance(body, dict) or not isinstance(body.get("data"), list):
            raise LiveError("unexpected response shape")
        if not body["data"]:
            raise LiveError("the provider returned no data")
        return body["data"]

    def _reading(self, item: object, target: str, now: dt.datetime, forecast: bool) -> Reading:
        if not isinstance(item, dict) or not isinstance(item.get("intensity"), dict):
            raise LiveError("unexpected response shape")
        val = item["intensity"].get("actual")
        if val is None or forecast:
            val = item["intensity"].get("forecast")
        return Reading(self.settings.name, target, _plausible(self.settings, val), _parse_time(item.get("from")),
                       self.settings.scope, now, forecast)

    def latest(self, client: LiveClient, target: str) -> Reading:
        now = dt.datetime.fromtimestamp(client.clock(), UTC)
        if target == "GB":
            return self._reading(self._items(client.get_json(self.settings, "/intensity"))[0], target, now, False)
        region = _region_id(target)
        body = self._items(client.get_json(self.settings, f"/regional/regionid/{region}"))
        inner = body[0].get("data") if isinstance(body[0], dict) else None
        if not isinstance(inner, list) or not inner:
            raise LiveError("unexpected response shape")
        return self._reading(inner[0], target, now, False)

    def forecast(self, client: LiveClient, target: str) -> tuple[Reading, ...]:
        now = dt.datetime.fromtimestamp(client.clock(), UTC)
        start = now.replace(minute=30 if now.minute >= 30 else 0, second=0, microsecond=0)
        path = f"/intensity/{start.strftime('%Y-%m-%dT%H:%MZ')}/fw48h"
        if target != "GB":
            path = f"/regional/intensity/{start.strftime('%Y-%m-%dT%H:%MZ')}/fw48h/regionid/{_region_id(target)}"
            body = client.get_json(self.settings, path)
            items = self._items(body.get("data") if isinstance(body, dict) and isinstance(body.get("data"), dict)
                                else body)
            if isinstance(items[0], dict) and "data" in items[0]:
                items = items[0]["data"]
        else:
            items = self._items(client.get_json(self.settings, path))
        return tuple(self._reading(i, target, now, True) for i in items)


def _region_id(target: str) -> int:
    try:
        region = int(target.split("-", 1)[1])
    except (IndexError, ValueError):
        raise LiveError(f"unknown GB region {target[:12]!r}") from None
    if region not in GB_REGION_IDS:
        raise LiveError(f"unknown GB region {target[:12]!r}")
    return region


class ElectricityMaps:
    """Electricity Maps v3; zone = the region's country code."""

    def __init__(self, settings: ProviderSettings):
        self.settings = settings

    def covers(self, zone: Zone) -> str | None:
        if zone.kind in ("country", "cloud_region") and zone.country_iso2:
            return zone.country_iso2
        return None

    def _headers(self, client: LiveClient) -> dict:
        key = client.key_for(self.settings)
        if not key:
            raise LiveError(f"no API key set (environment variable {self.settings.key_env})")
        return {"auth-token": key}

    def latest(self, client: LiveClient, target: str) -> Reading:
        now = dt.datetime.fromtimestamp(client.clock(), UTC)
        body = client.get_json(self.settings, "/carbon-intensity/latest", {"zone": target}, self._headers(client))
        if not isinstance(body, dict) or ("carbonIntensity" not in body and "zone" not in body):
            raise LiveError("unexpected response shape")
        if body.get("carbonIntensity") is None:
            raise LiveError("the provider returned no data")
        scope = body.get("emissionFactorType") or self.settings.scope
        return Reading(self.settings.name, target, _plausible(self.settings, body["carbonIntensity"]),
                       _parse_time(body.get("datetime")), str(scope), now)

    def forecast(self, client: LiveClient, target: str) -> tuple[Reading, ...]:
        now = dt.datetime.fromtimestamp(client.clock(), UTC)
        body = client.get_json(self.settings, "/carbon-intensity/forecast", {"zone": target}, self._headers(client))
        if not isinstance(body, dict) or not isinstance(body.get("forecast"), list):
            raise LiveError("unexpected response shape")
        if not body["forecast"]:
            raise LiveError("the provider returned no data")
        out = []
        for p in body["forecast"]:
            if not isinstance(p, dict):
                raise LiveError("unexpected response shape")
            out.append(Reading(self.settings.name, target, _plausible(self.settings, p.get("carbonIntensity")),
                               _parse_time(p.get("datetime")), self.settings.scope, now, True))
        return tuple(out)


PROVIDER_CLASSES = {"gb-carbon-intensity": GBCarbonIntensity, "electricitymaps": ElectricityMaps}


def providers(client: LiveClient) -> list[Provider]:
    return [PROVIDER_CLASSES[pid](s) for pid, s in client.settings.items() if pid in PROVIDER_CLASSES]


def provider_for(zone: Zone, client: LiveClient) -> tuple[Provider, str] | None:
    """The first provider that covers the zone (GB's own API before Electricity Maps), with its target id."""
    for p in providers(client):
        target = p.covers(zone)
        if target:
            return p, target
    return None


def _check_fresh(r: Reading, s: ProviderSettings, now: dt.datetime) -> None:
    age = (now - r.at).total_seconds()
    if age > s.stale_after_s:
        hours = age / 3600
        raise LiveError(f"the latest value is stale ({hours:.0f} h old)")
    if age < -s.stale_after_s:
        raise LiveError("the latest value is timestamped in the future")


def live_intensity(zone: Zone, client: LiveClient, with_forecast: bool = True) -> LiveOutcome:
    """Latest (and forecast) intensity for a zone, or the reason there is none. Never raises."""
    found = provider_for(zone, client)
    if found is None:
        return LiveOutcome(None, (), f"no live provider covers {zone.name}")
    provider, target = found
    s = provider.settings
    try:
        reading = client.cached((s.provider_id, target, "latest"), s.ttl_s, lambda: provider.latest(client, target))
        _check_fresh(reading, s, dt.datetime.fromtimestamp(client.clock(), UTC))
    except LiveError as exc:
        return LiveOutcome(None, (), f"live data unavailable from {s.name}: {exc.reason}")
    forecast: tuple[Reading, ...] = ()
    if with_forecast:
        try:
            forecast = client.cached((s.provider_id, target, "forecast"), s.ttl_s,
                                     lambda: provider.forecast(client, target))
        except LiveError:
            forecast = ()  # the forecast is an extra: the live value stands without it
    return LiveOutcome(reading, forecast, "")


_DEFAULT_CLIENT: LiveClient | None = None


def default_client() -> LiveClient:
    global _DEFAULT_CLIENT
    if _DEFAULT_CLIENT is None:
        _DEFAULT_CLIENT = LiveClient()
    return _DEFAULT_CLIENT


FORECAST_HORIZON_H = 24  # "when would it be cleaner?" looks one day ahead


def as_override(reading: Reading) -> "GridOverride":
    """A live reading as the intensity of an estimate, labelled with its time, source and scope."""
    from .grid import GridOverride
    from .uncertainty import Range

    age_min = max(0, round((reading.fetched_at - reading.at).total_seconds() / 60))
    return GridOverride(Range.exact(reading.intensity_g_per_kwh),
                        f"live, {reading.at.strftime('%H:%M')} UTC ({age_min} min old), {reading.provider} ({reading.scope})",
                        reading.scope, "live")


def forecast_hours(outcome: LiveOutcome) -> "tuple[HourOption, ...]":
    """Forecast points within the next day, as options for the "cleaner hour" lever."""
    from .grid import GridOverride, HourOption
    from .uncertainty import Range

    if not outcome.ok or not outcome.forecast:
        return ()
    start = outcome.reading.fetched_at
    end = start + dt.timedelta(hours=FORECAST_HORIZON_H)
    out = []
    for r in outcome.forecast:
        if start - dt.timedelta(hours=1) <= r.at <= end:
            when = f"{r.at.strftime('%H:%M')} UTC"
            out.append(HourOption(when, GridOverride(Range.exact(r.intensity_g_per_kwh),
                                                     f"forecast for {when}, {r.provider} ({r.scope})", r.scope, "forecast")))
    return tuple(out)


def fallback_notice(outcome: LiveOutcome, zone: Zone) -> str:
    """'live data unavailable: timed out after 3 s — showing the 2023 annual average'."""
    return f"{outcome.notice} — showing the {zone.year} annual average"


def label_with_live(scenario, data: DataBundle, use_live: bool, client: LiveClient | None = None):
    """The flight label, using live grid data when asked and available: (label, notice, outcome).

    The one call the app and the CLI make. With live off, or when the provider fails in any
    way, the label is the annual-average one and ``notice`` says why live data is absent.
    """
    from .estimate import estimate
    from .grid import find_zone
    from .label import label

    if not use_live:
        return label(scenario, data), "", None
    zone = find_zone(scenario.region, data)
    outcome = live_intensity(zone, client or default_client())
    if not outcome.ok:
        return label(scenario, data), fallback_notice(outcome, zone), outcome
    e = estimate(scenario, data, grid_override=as_override(outcome.reading))
    return label(e, data, hours=forecast_hours(outcome)), "", outcome


def covered(zone: Zone, client: LiveClient | None = None) -> bool:
    """Whether a live provider covers the zone (the app shows its live toggle only then)."""
    return provider_for(zone, client or default_client()) is not None
