"""Write data/hourly_profiles.csv from data/build/hourly_profiles_raw.csv.

    python data/build/build_hourly_profiles.py

The raw file holds typical-day profiles computed from public hourly generation data (ENTSO-E via
the "Let's Wait Awhile" method for GB, DE, FR; EIA-930-based data for CAISO and ERCOT), per grid,
season, data year and local hour (mean, 10th and 90th percentile across the days of the season).
We keep, per grid, the newest year that has all four seasons, and map grids to zones:
CAISO → US-CA, ERCOT → US-TX. Meteorological seasons: DJF winter, MAM spring, JJA summer, SON autumn.
"""

from __future__ import annotations

import csv
from pathlib import Path

BUILD = Path(__file__).resolve().parent
OUT = BUILD.parent / "hourly_profiles.csv"
ZONES = {"GB": "GB", "DE": "DE", "FR": "FR", "CAISO": "US-CA", "ERCOT": "US-TX"}
SEASONS = {"DJF": "winter", "MAM": "spring", "JJA": "summer", "SON": "autumn"}
COLUMNS = ["zone_id", "season", "hour_local", "timezone", "intensity_g_per_kwh_p10", "intensity_g_per_kwh_mean",
           "intensity_g_per_kwh_p90", "data_year", "scope", "source_title", "source_publisher", "source_year",
           "source_url", "note"]


def main() -> int:
    with (BUILD / "hourly_profiles_raw.csv").open(newline="", encoding="utf-8") as f:
        raw = [r for r in csv.DictReader(f) if r["grid"] in ZONES and r["season"] in SEASONS]
    out = []
    for grid, zone in ZONES.items():
        years = {}
        for r in raw:
            if r["grid"] == grid:
                years.setdefault(r["data_year"], set()).add(r["season"])
        year = max(y for y, seasons in years.items() if seasons == set(SEASONS))
        for r in raw:
            if r["grid"] == grid and r["data_year"] == year:
                out.append({
                    "zone_id": zone, "season": SEASONS[r["season"]], "hour_local": r["hour_local"],
                    "timezone": r["timezone"], "intensity_g_per_kwh_p10": r["p10_g_per_kwh"],
                    "intensity_g_per_kwh_mean": r["mean_g_per_kwh"], "intensity_g_per_kwh_p90": r["p90_g_per_kwh"],
                    "data_year": year, "scope": "lifecycle" if r["scope"].startswith("lifecycle") else "direct",
                    "source_title": r["source_title"], "source_publisher": r["source_publisher"],
                    "source_year": r["source_year"], "source_url": r["source_url"].split(" ")[0],
                    "note": f"{grid} {r['season']} {year}; only the shape (hour / daily mean) is used. {r['note']}",
                })
    out.sort(key=lambda r: (r["zone_id"], list(SEASONS.values()).index(r["season"]), int(r["hour_local"])))
    with OUT.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(out)
    print(f"wrote {len(out)} rows to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
