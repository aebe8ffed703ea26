"""Accounting basis (METHODOLOGY.md §1.5.1): location-based is the headline; market-based and the 24/7 CFE view are
shown beside it only where a provider or cloud region publishes what they need."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os

import pytest

from estimator import DataError, estimate, label, load_data
from estimator.accounting import (Span, alternative_bases, cfe_view_intensity_g_per_kwh, market_intensity_g_per_kwh,
                                  nothing_published_words)
from estimator.cli import main
from estimator.grid import GridOverride
from estimator.present import accounting_lines, csv_text, estimate_record, flat_record
from estimator.uncertainty import Range
from tests.conftest import DATA, read_rows

AZURE = "westeurope"  # Microsoft publishes a market-based ratio (company-wide)
GCP = "europe-west2"  # Google Cloud publishes an hourly CFE share per region (2024: 79 %)
NOTHING = "FR"  # a country: no provider, nothing published


def _approx(span: Span, low: float, central: float, high: float) -> bool:
    return (span.low, span.central, span.high) == pytest.approx((low, central, high), rel=1e-9, abs=1e-12)


# ------------------------------------------------------------------ the formulas, computed by hand

def test_a_100_percent_cfe_hour_gives_zero_in_the_cfe_view():
    grid = Range.of(90, 100, 110, "grid")
    assert _approx(cfe_view_intensity_g_per_kwh(grid, Span(1.0, 1.0, 1.0)), 0, 0, 0)


def test_the_cfe_view_counts_only_unmatched_hours_at_the_grid_average():
    # 400 g/kWh grid, 75 % (70–80 %) of hours matched: 400 × 0.25 = 100; ends 360 × 0.20 = 72 and 440 × 0.30 = 132
    view = cfe_view_intensity_g_per_kwh(Range.of(360, 400, 440, "grid"), Span(0.70, 0.75, 0.80))
    assert _approx(view, 72, 100, 132)


def test_a_zero_cfe_share_leaves_the_grid_intensity_unchanged():
    assert _approx(cfe_view_intensity_g_per_kwh(Range.of(360, 400, 440, "grid"), Span(0, 0, 0)), 360, 400, 440)


def test_market_based_intensity_is_location_times_the_reported_ratio():
    # 250 g/kWh (200–300) × 0.04 (0.02–0.08) = 10 (4–24)
    assert _approx(market_intensity_g_per_kwh(Range.of(200, 250, 300, "grid"), Span(0.02, 0.04, 0.08)), 4, 10, 24)


def test_a_cleaner_hourly_share_never_raises_the_cfe_view():
    grid = Range.of(360, 400, 440, "grid")
    views = [cfe_view_intensity_g_per_kwh(grid, Span(s, s, s)).central for s in (0, 0.1, 0.5, 0.9, 1.0)]
    assert views == sorted(views, reverse=True)


def test_microsofts_ratio_row_is_the_reported_fy21_market_over_location_scope_2(data):
    # Microsoft 2021 report, Appendix D Table 1: market-based 163,935 and location-based 4,745,197 mtCO2e (FY21)
    row = next(f for f in data.market_factors if f.factor_id == "azure-market-fy21")
    assert row.central == pytest.approx(163_935 / 4_745_197, abs=5e-5)
    assert row.low <= row.central <= row.high and row.high == pytest.approx(275_420 / 3_557_518, abs=5e-5)  # FY19


# ------------------------------------------------------------------ the headline stays location-based

def test_market_based_never_replaces_the_headline(data):
    without = dataclasses.replace(data, market_factors=())
    for region in (AZURE, GCP):
        e = estimate(region=region, data=data)
        assert alternative_bases(e, data), region
        plain = estimate(region=region, data=without)
        assert (e.co2e_g.low, e.co2e_g.central, e.co2e_g.high) == (plain.co2e_g.low, plain.co2e_g.central,
                                                                   plain.co2e_g.high)
        assert e.intensity_g_per_kwh == e.zone.intensity_g_per_kwh  # the grid row, not a contract-adjusted one
        rec = estimate_record(e, None, data)
        assert rec["accounting_basis"] == "location"
        assert rec["values_full"]["co2e"]["central"] == plain.co2e_g.central


def test_the_label_and_greener_options_do_not_use_market_figures(data):
    without = dataclasses.replace(data, market_factors=())
    lab, plain = label(region=AZURE, data=data), label(region=AZURE, data=without)
    assert lab.category == plain.category and lab.percent_vs_typical == plain.percent_vs_typical


def test_market_based_is_never_called_the_default(data):
    for region in (AZURE, GCP, NOTHING):
        lines = accounting_lines(estimate(region=region, data=data), data)
        text = " ".join(lines)
        assert text.count("default") <= 1
        if "default" in text:
            assert lines[0].startswith("Location-based (default): ")


def test_the_market_figure_scales_the_headline_grams_by_the_ratio(data):
    e = estimate(region=AZURE, count=1000, data=data)
    (market,) = alternative_bases(e, data)
    assert market.basis == "market"
    assert market.co2e_g.central == pytest.approx(e.co2e_g.central * 163_935 / 4_745_197, rel=2e-3)
    assert market.co2e_g.central < e.co2e_g.central


def test_the_cfe_view_for_london_keeps_21_percent_of_the_headline(data):
    e = estimate(region=GCP, count=1000, data=data)
    (view,) = alternative_bases(e, data)
    assert view.basis == "hourly_cfe" and "79%" in view.explanation
    assert view.co2e_g.central == pytest.approx(e.co2e_g.central * (1 - 0.79), rel=1e-9)
    assert view.co2e_g.low <= view.co2e_g.central <= view.co2e_g.high


def test_a_region_with_no_published_factor_shows_no_market_figure(data):
    for region in (NOTHING, "WORLD", "US-CA", "eu-west-1"):  # eu-west-1: AWS, no verified figure yet
        e = estimate(region=region, data=data)
        assert alternative_bases(e, data) == []
        rec = estimate_record(e, None, data)
        assert not [k for k in rec if k.startswith(("market_based", "cfe_view"))]
        assert "market-based factor" in rec["other_bases"] and e.zone.name in rec["other_bases"]
        assert accounting_lines(e, data) == [nothing_published_words(e)]


def test_a_cloud_region_without_a_row_is_not_said_to_have_nothing_published_by_its_provider(data):
    # Amazon reports company-wide scope 2 totals; none is sourced here yet, and no per-region factor exists
    words = nothing_published_words(estimate(region="us-east-1", data=data))
    assert "per region" in words and "sourced" in words


def test_a_result_at_one_hour_gets_no_annual_market_figure(data):
    at_one_hour = GridOverride(Range.of(90, 100, 110, "live"), "live, test", "direct")
    e = estimate(region=GCP, data=data, grid_override=at_one_hour)
    assert alternative_bases(e, data) == []
    assert "one time" in nothing_published_words(e)


# ------------------------------------------------------------------ JSON, CSV and the CLI

def test_json_and_csv_carry_language_neutral_market_keys(data):
    e = estimate(region=AZURE, data=data)
    flat = flat_record(estimate_record(e, None, data))
    for end in ("low", "central", "high"):
        assert flat[f"market_based_co2e_g_{end}"] >= 0
    assert flat["accounting_basis"] == "location"
    assert flat["market_based_co2e_g_low"] <= flat["market_based_co2e_g_central"] <= flat["market_based_co2e_g_high"]
    header = next(csv.reader(io.StringIO(csv_text([flat]))))
    assert "market_based_co2e_g_central" in header and "co2e_central" in header
    gcp = flat_record(estimate_record(estimate(region="europe-north2", data=data), None, data))
    assert gcp["cfe_view_co2e_g_central"] == 0  # Stockholm: every hour matched in 2024


def test_the_cli_prints_location_first_then_market_and_json_carries_it(capsys):
    assert main(["estimate", "--region", AZURE]) == 0
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if "Location-based (default)" in l)
    assert line.index("Location-based (default)") < line.index("market-based as reported by Microsoft")
    assert out.index("CO2e (datacenter boundary)") < out.index("Location-based (default)")
    assert main(["label", "--region", AZURE, "--format", "json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["accounting_basis"] == "location" and rec["market_based_co2e_g"]["central"] < rec["co2e"]["central"]
    assert main(["estimate", "--region", NOTHING]) == 0
    out = capsys.readouterr().out
    assert "no provider publishes a market-based factor or hourly carbon-free-energy share for France" in out
    assert "market-based as reported" not in out


# ------------------------------------------------------------------ bad rows are refused with one line

def _folder_with(tmp_path, rows: list[dict]):
    d = tmp_path / "data"
    d.mkdir()
    for name in os.listdir(DATA):
        if name != "market_factors.csv" and (DATA / name).is_file():
            os.symlink(DATA / name, d / name)
    with (d / "market_factors.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return d


@pytest.mark.parametrize("column,value,says", [
    ("value_high", "1.2", "above 1"),  # a share of hours above 100 %
    ("value_central", "-0.1", "plausible"),
    ("value_low", "0.99", "low ≤ central ≤ high"),
    ("applies_to", "europe-west99", "not a zone_id"),
    ("unit", "market_to_location_ratio", "not 'cfe_share'"),
    ("basis", "annual_recs", "not one of"),
    ("provider", "aws", "not the provider"),
])
def test_a_bad_cfe_row_is_refused_naming_file_and_row(tmp_path, column, value, says):
    rows = read_rows("market_factors.csv")
    i = next(i for i, r in enumerate(rows) if r["applies_to"] == GCP)
    rows[i][column] = value
    with pytest.raises(DataError) as exc:
        load_data(_folder_with(tmp_path, rows))
    msg = exc.value.message
    assert msg.startswith(f"data/market_factors.csv row {i + 2}") and says in msg and "\n" not in msg


def test_a_market_row_for_a_provider_with_no_region_is_refused(tmp_path):
    rows = read_rows("market_factors.csv")
    i = next(i for i, r in enumerate(rows) if r["basis"] == "market")
    rows[i]["applies_to"] = rows[i]["provider"] = "meta"
    with pytest.raises(DataError) as exc:
        load_data(_folder_with(tmp_path, rows))
    assert f"data/market_factors.csv row {i + 2}" in exc.value.message and "'meta'" in exc.value.message


def test_two_rows_for_the_same_region_and_basis_are_refused(tmp_path):
    rows = read_rows("market_factors.csv")
    copy = dict(next(r for r in rows if r["applies_to"] == GCP), factor_id="london-again")
    with pytest.raises(DataError) as exc:
        load_data(_folder_with(tmp_path, rows + [copy]))
    assert f"row {len(rows) + 2}" in exc.value.message and "duplicate" in exc.value.message


def test_every_market_factor_row_states_what_was_read_where():
    for row in read_rows("market_factors.csv"):
        assert row["source_url"].startswith("https://") and len(row["note"]) > 80, row["factor_id"]


# ------------------------------------------------------------------ the app

def test_the_estimate_page_shows_both_bases_where_published_and_only_location_elsewhere():
    from tests.app_helpers import grams, open_page, texts

    at = open_page("estimate", {"region": AZURE})
    assert not at.exception
    shown = " ".join(texts(at))
    assert "Location-based \\(default\\)" in shown and "market-based as reported by Microsoft" in shown
    assert shown.index("Location-based \\(default\\)") < shown.index("market-based as reported by Microsoft")
    assert "Market-based accounting counts the renewable-energy contracts" in shown  # the one-sentence reason
    e = estimate(region=AZURE)
    assert grams(at) == pytest.approx(e.co2e_g.central, rel=0.05)  # the big number is the location-based one

    at = open_page("estimate", {"region": NOTHING})
    assert not at.exception
    shown = " ".join(texts(at))
    assert "market-based as reported" not in shown and "carbon-free-energy view" not in shown
    assert "no provider publishes a market-based factor or hourly carbon-free-energy share for France" in shown


def test_the_methodology_worked_example_holds_for_london_and_west_europe(data):
    """METHODOLOGY.md §1.5.1, computed by hand there: London 8.0 / 22.2 / 23.6 g/kWh in the CFE view,
    Azure West Europe 8.25 / 8.75 / 20.8 g/kWh market-based."""
    london = estimate(region=GCP, data=data)
    (view,) = alternative_bases(london, data)
    assert _approx_to(view.intensity_g_per_kwh, 8.0, 22.2, 23.6, 0.05)
    west = estimate(region=AZURE, data=data)
    (market,) = alternative_bases(west, data)
    assert _approx_to(market.intensity_g_per_kwh, 8.25, 8.75, 20.8, 0.05)


def _approx_to(span: Span, low: float, central: float, high: float, tol: float) -> bool:
    return all(abs(a - b) <= tol for a, b in ((span.low, low), (span.central, central), (span.high, high)))
