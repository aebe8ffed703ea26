"""Write data/grid_intensity.csv: grid carbon intensity (gCO2e/kWh, low/central/high) per zone.

    .venv/bin/python data/build/build_grid_intensity.py [path/to/reference/grid_intensity.csv]

The input is the research file /work/shared/references/grid_intensity.csv (see
grid-and-equivalents.md, section (a)). The output CSV is committed and stands alone; this script
only documents and reproduces the derivation.

Rules
-----
* s = median over all countries with two positive vintages of |ln(codecarbon / EcoLogits)|:
  the typical vintage-to-vintage spread. Every range is at least central x exp(-s) .. central x exp(+s)
  (each side separately: a side is widened only when the vintages do not already reach further).
* Countries (reference alpha-3 rows, mapped to alpha-2 with pycountry): central = EcoLogits 0.11.3
  value quoted in the row note (newest Ember/OWID vintage, lifecycle), else the codecarbon value;
  low/high = min/max of the vintages, widened by s. The eGRID national ``US`` row (direct) is not
  kept as a zone; it is quoted in the US row note. Zones with a zero value are dropped (not > 0).
* WORLD: central = EcoLogits 0.11.3 WOR; low/high = min/max of the lifecycle Ember-based world
  rows (EcoLogits wheel, EcoLogits repo Oct 2025), widened by s. ADEME and IEA rows are only named.
* US states + DC: eGRID2023 (direct), low/high = central x exp(-/+ s).
* GCP regions: Google region-carbon-info 2024 (direct/operational), low/high = central x exp(-/+ s).
* AWS and Azure regions: neither publishes a per-region grid factor, so each region copies the row
  of its host grid (US state row for US regions, country row otherwise), location-based.
"""

from __future__ import annotations

import csv
import math
import re
import statistics
import sys
from pathlib import Path

import pycountry

DATA = Path(__file__).resolve().parents[1]
OUT = DATA / "grid_intensity.csv"
REF = Path("/work/shared/references/grid_intensity.csv")

COLUMNS = [
    "zone_id", "name", "kind", "country_iso2", "provider", "aliases",
    "intensity_g_per_kwh_low", "intensity_g_per_kwh_central", "intensity_g_per_kwh_high",
    "scope", "year", "source_title", "source_publisher", "source_year", "source_url", "note",
]

ECO_RE = re.compile(r"EcoLogits 0\.11\.3 \(newer OWID/Ember vintage\) gives ([0-9.]+) g/kWh")

# Provenance of the EcoLogits 0.11.3 central values. The wheel's models.json carries dates up to
# 2026-04-23, so the package was built in 2026. Its electricity data year is not stated; the
# reference notes describe this vintage as "latest available year per country (2024-2025)".
ECO_TITLE = ("EcoLogits 0.11.3 packaged data ecologits/data/electricity_mixes.json (field gwp) - "
             "GWP from Our World in Data (Ember)")
ECO_PUBLISHER = "GenAI Impact (EcoLogits); underlying data Ember via Our World in Data"
ECO_YEAR = "2026"
ECO_URL = "https://github.com/genai-impact/ecologits"
ECO_DATA_YEAR = "2024/2025"
EGRID_SOURCE_YEAR = "2025"   # eGRID2023 (data year 2023) was published by EPA in January 2025
GCP_SOURCE_YEAR = "2025"     # region-carbon-info yearly/2024.csv (data year 2024) published in 2025

# Extra names users might type (no commas). The reference's own name is added automatically.
COUNTRY_ALIASES = {
    "GB": "UK;United Kingdom;Great Britain;Britain",
    "US": "USA;United States of America;America;U.S.",
    "KR": "Korea;Republic of Korea",
    "KP": "DPRK",
    "CZ": "Czech Republic",
    "TR": "Turkey;Turkiye",
    "RU": "Russia",
    "NL": "Holland;The Netherlands",
    "AE": "UAE",
    "CD": "DR Congo;DRC;Democratic Republic of the Congo",
    "CG": "Republic of the Congo;Congo-Brazzaville",
    "CI": "Ivory Coast;Cote d'Ivoire",
    "MK": "Macedonia",
    "SZ": "Swaziland",
    "MM": "Burma",
    "CV": "Cape Verde",
    "TL": "East Timor",
    "MO": "Macau",
    "BN": "Brunei",
    "CN": "PRC;Mainland China",
    "DE": "Deutschland",
    "CH": "Schweiz;Suisse",
    "ES": "Espana",
    "SA": "KSA",
    "BA": "Bosnia",
    "FK": "Falklands",
}

US_STATE_ALIASES = {"US-DC": "Washington DC;Washington D.C.;DC"}

# GCP region -> ISO country of its location (from the region names in the reference file).
GCP_COUNTRY = {
    "africa-south1": "ZA", "asia-east1": "TW", "asia-east2": "HK", "asia-northeast1": "JP",
    "asia-northeast2": "JP", "asia-northeast3": "KR", "asia-south1": "IN", "asia-south2": "IN",
    "asia-southeast1": "SG", "asia-southeast2": "ID", "australia-southeast1": "AU",
    "australia-southeast2": "AU", "europe-central2": "PL", "europe-north1": "FI",
    "europe-north2": "SE", "europe-southwest1": "ES", "europe-west1": "BE", "europe-west2": "GB",
    "europe-west3": "DE", "europe-west4": "NL", "europe-west6": "CH", "europe-west8": "IT",
    "europe-west9": "FR", "europe-west10": "DE", "europe-west12": "IT", "me-central2": "SA",
    "me-west1": "IL", "northamerica-northeast1": "CA", "northamerica-northeast2": "CA",
    "northamerica-south1": "MX", "southamerica-east1": "BR", "southamerica-west1": "CL",
}

AWS_LIST = "the AWS Regions and Availability Zones list (aws.amazon.com/about-aws/global-infrastructure)"
AZURE_LIST = "the Azure geographies/regions list (azure.microsoft.com/explore/global-infrastructure/geographies)"

# (region id, location label, host grid zone_id, display name used as alias)
AWS_REGIONS = [
    ("us-east-1", "N. Virginia", "US-VA", "US East (N. Virginia)"),
    ("us-east-2", "Ohio", "US-OH", "US East (Ohio)"),
    ("us-west-1", "N. California", "US-CA", "US West (N. California)"),
    ("us-west-2", "Oregon", "US-OR", "US West (Oregon)"),
    ("ca-central-1", "Canada Central", "CA", "Canada (Central)"),
    ("eu-west-1", "Ireland", "IE", "Europe (Ireland)"),
    ("eu-west-2", "London", "GB", "Europe (London)"),
    ("eu-west-3", "Paris", "FR", "Europe (Paris)"),
    ("eu-central-1", "Frankfurt", "DE", "Europe (Frankfurt)"),
    ("eu-north-1", "Stockholm", "SE", "Europe (Stockholm)"),
    ("eu-south-1", "Milan", "IT", "Europe (Milan)"),
    ("ap-south-1", "Mumbai", "IN", "Asia Pacific (Mumbai)"),
    ("ap-southeast-1", "Singapore", "SG", "Asia Pacific (Singapore)"),
    ("ap-southeast-2", "Sydney", "AU", "Asia Pacific (Sydney)"),
    ("ap-northeast-1", "Tokyo", "JP", "Asia Pacific (Tokyo)"),
    ("ap-northeast-2", "Seoul", "KR", "Asia Pacific (Seoul)"),
    ("sa-east-1", "São Paulo", "BR", "South America (São Paulo)"),
]
AZURE_REGIONS = [
    ("eastus", "Virginia", "US-VA", "East US"),
    ("eastus2", "Virginia", "US-VA", "East US 2"),
    ("westus2", "Washington", "US-WA", "West US 2"),
    ("centralus", "Iowa", "US-IA", "Central US"),
    ("southcentralus", "Texas", "US-TX", "South Central US"),
    ("westeurope", "Netherlands", "NL", "West Europe"),
    ("northeurope", "Ireland", "IE", "North Europe"),
    ("uksouth", "London", "GB", "UK South"),
    ("francecentral", "Paris", "FR", "France Central"),
    ("germanywestcentral", "Frankfurt", "DE", "Germany West Central"),
    ("swedencentral", "Sweden", "SE", "Sweden Central"),
    ("japaneast", "Tokyo", "JP", "Japan East"),
    ("australiaeast", "New South Wales", "AU", "Australia East"),
    ("southeastasia", "Singapore", "SG", "Southeast Asia"),
    ("centralindia", "Pune", "IN", "Central India"),
    ("brazilsouth", "São Paulo State", "BR", "Brazil South"),
    ("canadacentral", "Toronto", "CA", "Canada Central"),
]


def fmt(x: float) -> str:
    return f"{round(x, 1):.1f}"


def spread_txt(s: float) -> str:
    return (f"s = {s:.3f}, the median vintage-to-vintage spread |ln(a/b)| across countries, "
            f"±{100 * s:.1f} % in log terms")


def widened_txt(done: list[str], stxt: str) -> str:
    sign = {"low": "exp(-s)", "high": "exp(+s)"}
    if len(done) == 2:
        return f"low and high widened to central×exp(∓s) with {stxt}"
    return f"{done[0]} widened to central×{sign[done[0]]} with {stxt}"


def widen(central: float, lo: float, hi: float, s: float) -> tuple[float, float, list[str]]:
    """Widen each side to central x exp(-/+s) where the vintages do not already reach further."""
    done = []
    if central * math.exp(-s) < lo:
        lo = central * math.exp(-s)
        done.append("low")
    if central * math.exp(s) > hi:
        hi = central * math.exp(s)
        done.append("high")
    return lo, hi, done


def country_name(c) -> str:
    return getattr(c, "common_name", None) or c.name


def join_aliases(*parts: str, exclude: tuple[str, ...] = ()) -> str:
    seen = {e.casefold() for e in exclude if e}
    out = []
    for part in parts:
        for a in (part or "").split(";"):
            a = a.strip()
            if a and "," not in a and a.casefold() not in seen:
                seen.add(a.casefold())
                out.append(a)
    return ";".join(out)


def row(zone_id, name, kind, iso2, provider, aliases, lo, c, hi, scope, year,
        title, publisher, source_year, url, note) -> dict:
    return dict(zip(COLUMNS, [zone_id, name, kind, iso2, provider, aliases, fmt(lo), fmt(c), fmt(hi),
                              scope, year, title, publisher, source_year, url, note]))


def build(ref_path: Path) -> list[dict]:
    ref = list(csv.DictReader(open(ref_path, newline="", encoding="utf-8")))

    # --- vintages per country -------------------------------------------------------------------
    countries = []  # (ref row, pycountry obj, codecarbon value, ecologits value or None)
    dropped = []
    egrid_us = None
    for r in ref:
        if r["kind"] != "country":
            continue
        if r["region_code"] == "US":          # eGRID national (direct): quoted in the US note only
            egrid_us = r
            continue
        c = pycountry.countries.get(alpha_3=r["region_code"])
        if c is None:
            dropped.append(r["region_code"])
            continue
        cc = float(r["g_co2e_per_kwh"])
        m = ECO_RE.search(r["note"])
        eco = float(m.group(1)) if m else None
        if cc <= 0 or (eco is not None and eco <= 0):
            dropped.append(r["region_code"])
            continue
        countries.append((r, c, cc, eco))

    diffs = [abs(math.log(cc / eco)) for _, _, cc, eco in countries if eco is not None]
    s = statistics.median(diffs)
    n_pairs = len(diffs)
    stxt = f"{spread_txt(s)} (n = {n_pairs})"

    rows = []

    # --- WORLD ---------------------------------------------------------------------------------
    world = [r for r in ref if r["kind"] == "world"]
    eco_w = next(r for r in world if r["region_code"] == "WORLD" and r["source_title"].startswith("EcoLogits 0.11.3"))
    repo_w = next(r for r in world if r["region_code"] == "WORLD" and r["source_title"].startswith("EcoLogits repository"))
    iea_w = next(r for r in world if r["region_code"] == "WORLD" and "IEA" in r["publisher"])
    ademe_w = next(r for r in world if r["region_code"] == "WORLD" and "ADEME" in r["publisher"])
    c = float(eco_w["g_co2e_per_kwh"])
    vals = [c, float(repo_w["g_co2e_per_kwh"])]
    lo, hi, done = widen(c, min(vals), max(vals), s)
    note = (f"central: EcoLogits 0.11.3 zone WOR {c} (Ember/OWID, lifecycle; data year not stated). "
            f"low/high: min/max of the lifecycle Ember-based world rows ({vals[0]} EcoLogits 0.11.3; "
            f"{vals[1]} EcoLogits repo Oct 2025, 2024 inferred)"
            + (f", {widened_txt(done, stxt)}" if done else "")
            + f". Not used for the range: IEA 2018/2019 via codecarbon {float(iea_w['g_co2e_per_kwh']):g} "
              f"(old, scope uncertain) and ADEME Base Empreinte {float(ademe_w['g_co2e_per_kwh']):g} "
              f"(older EcoLogits default).")
    rows.append(row("WORLD", "World", "world", "", "", "Global;Worldwide;World average",
                    lo, c, hi, "lifecycle", ECO_DATA_YEAR, ECO_TITLE + " zone WOR", ECO_PUBLISHER,
                    ECO_YEAR, ECO_URL, note))

    # --- countries -----------------------------------------------------------------------------
    crow = []
    for r, pc, cc, eco in countries:
        iso2 = pc.alpha_2
        name = country_name(pc)
        if "," in name:                       # e.g. "Virgin Islands, British": use the reference name
            name = r["region_name"]
        cc_desc = f"codecarbon {r['year']} ({cc:g})"
        if eco is not None:
            c = eco
            vals = [cc, eco]
            central_txt = (f"central: EcoLogits 0.11.3 ({eco:g}; Ember/OWID newest vintage, lifecycle, "
                           f"data year not stated, 2024/2025 per reference notes)")
            title, publisher, syear, url, year = ECO_TITLE, ECO_PUBLISHER, ECO_YEAR, ECO_URL, ECO_DATA_YEAR
            if abs(cc - eco) < 0.05:
                range_txt = f"low/high: the two vintages agree ({cc_desc} and EcoLogits 0.11.3 ({eco:g}))"
            else:
                range_txt = f"low/high: min/max of the two vintages {cc_desc} and EcoLogits 0.11.3 ({eco:g})"
        else:
            c = cc
            vals = [cc]
            central_txt = f"central: {cc_desc} (Ember/OWID, lifecycle); only one vintage"
            title, publisher, syear, url, year = (r["source_title"], r["publisher"], "2024", r["url"], r["year"])
            range_txt = "low/high: single vintage"
        lo, hi, done = widen(c, min(vals), max(vals), s)
        note = central_txt + "; " + range_txt
        if done:
            note += f"; {widened_txt(done, stxt)}"
        note += ". Production-based (imports excluded)."
        if iso2 == "US" and egrid_us is not None:
            note += (f" EPA eGRID2023 national value {float(egrid_us['g_co2e_per_kwh']):g} g/kWh is direct "
                     f"(stack only) and not used here; the US-xx state rows use eGRID.")
        if r["year"] == "2009":
            note += " The codecarbon vintage for this zone is 2009 data."
        aliases = join_aliases(COUNTRY_ALIASES.get(iso2, ""), r["region_name"],
                               getattr(pc, "common_name", ""), exclude=(name, iso2))
        crow.append(row(iso2, name, "country", iso2, "", aliases, lo, c, hi, "lifecycle", year,
                        title, publisher, syear, url, note))
    rows += sorted(crow, key=lambda x: x["zone_id"])
    by_id = {x["zone_id"]: x for x in rows}

    # --- US states + DC ------------------------------------------------------------------------
    srow = []
    for r in ref:
        if r["kind"] != "us_state":
            continue
        c = float(r["g_co2e_per_kwh"])
        lo, hi = c * math.exp(-s), c * math.exp(s)
        name = r["region_name"].replace("District Of Columbia", "District of Columbia")
        note = (f"central: EPA eGRID2023 state CO2e output rate (direct, stack emissions only, "
                f"generation-based; {re.search(r'[0-9.]+ lb/MWh', r['note']).group(0)} x 0.45359237); "
                f"low/high: central×exp(∓s) with {stxt}. Direct scope: lower than a lifecycle value would be.")
        srow.append(row(r["region_code"], name, "us_state", "US", "",
                        US_STATE_ALIASES.get(r["region_code"], ""), lo, c, hi, r["scope"], r["year"],
                        r["source_title"], r["publisher"], EGRID_SOURCE_YEAR, r["url"], note))
    srow.sort(key=lambda x: x["zone_id"])
    rows += srow
    by_id.update({x["zone_id"]: x for x in srow})

    # --- GCP regions ---------------------------------------------------------------------------
    cloud = []
    for r in ref:
        if r["kind"] != "cloud_region":
            continue
        rid = r["region_code"].split(":", 1)[1]
        iso2 = "US" if rid.startswith("us-") else GCP_COUNTRY[rid]
        c = float(r["g_co2e_per_kwh"])
        lo, hi = c * math.exp(-s), c * math.exp(s)
        cfe = re.search(r"CFE%=(\d+)%", r["note"])
        note = (f"central: Google region-carbon-info 2024 grid carbon intensity (direct/operational, "
                f"location-based grid average, not net of Google's clean-energy purchases"
                + (f"; Google CFE% {cfe.group(1)} %" if cfe else "")
                + f"); low/high: central×exp(∓s) with {stxt}.")
        cloud.append(row(rid, r["region_name"], "cloud_region", iso2, "gcp", "", lo, c, hi,
                         r["scope"], r["year"], r["source_title"], r["publisher"], GCP_SOURCE_YEAR,
                         r["url"], note))

    # --- AWS and Azure regions (host-grid rows) -----------------------------------------------
    for provider, label, regions, listing in (("aws", "AWS", AWS_REGIONS, AWS_LIST),
                                              ("azure", "Microsoft Azure", AZURE_REGIONS, AZURE_LIST)):
        for rid, loc, host_id, display in regions:
            h = by_id[host_id]
            iso2 = h["country_iso2"]
            note = (f"location-based: {label} publishes no per-region grid factor; uses the {host_id} "
                    f"grid row ({h['name']}, {h['scope']}); region location from {listing}. "
                    f"low/central/high copied unchanged from that row (its note gives the range rule).")
            cloud.append(dict(zip(COLUMNS, [
                rid, f"{label} {rid} ({loc})", "cloud_region", iso2, provider, display,
                h["intensity_g_per_kwh_low"], h["intensity_g_per_kwh_central"], h["intensity_g_per_kwh_high"],
                h["scope"], h["year"], h["source_title"], h["source_publisher"], h["source_year"],
                h["source_url"], note])))
    cloud.sort(key=lambda x: (x["provider"], x["zone_id"]))
    rows += cloud

    print(f"s = {s:.4f} (±{100 * s:.1f} % log; exp(s) = {math.exp(s):.4f}) from {n_pairs} countries; "
          f"dropped country rows: {dropped}", file=sys.stderr)
    return rows


def main() -> None:
    ref = Path(sys.argv[1]) if len(sys.argv) > 1 else REF
    rows = build(ref)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
