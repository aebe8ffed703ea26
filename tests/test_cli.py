"""The command line: readable results with sources, and one clear line for every bad argument."""

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from estimator.cli import main
from tests.conftest import ROOT, read_rows


def run(*args: str):
    proc = subprocess.run([sys.executable, "-m", "estimator", *args], cwd=ROOT, capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("args", [
    ["estimate", "--task", "chat", "--model", "llama-3.1-70b"],
    ["estimate", "--task", "summarize", "--model", "bart-large-cnn", "--doc-words", "2000"],
    ["estimate", "--task", "image", "--model", "sdxl", "--count", "10", "--region", "FR"],
    ["estimate", "--task", "video", "--model", "wan2.1-14b", "--seconds", "5"],
])
def test_estimate_prints_a_labelled_sourced_estimate_with_a_range(args):
    code, out, err = run(*args)
    assert code == 0, err
    assert "range" in out and "Label:" in out and "Sources:" in out
    assert "methodology 2026" in out
    assert "–" in out  # a low–high range


def test_bad_arguments_exit_2_with_one_clear_line():
    cases = [
        ["estimate", "--task", "poetry"],
        ["estimate", "--model", "gpt-17"],
        ["estimate", "--region", "Atlantis"],
        ["estimate", "--count", "-3"],
        ["estimate", "--count", "nan"],
        ["estimate", "--count", ""],
        ["estimate", "--count", "1e30"],
        ["estimate", "--output-tokens", "0"],
        ["estimate", "--task", "image", "--width", "12.5"],
        ["estimate", "--format", "xml"],
        ["estimate", "--boundary", "lifecyle"],  # a typo (lifecycle is a boundary since 2026.3)
        ["estimate", "--model", ""],
        ["estimate", "--no-such-flag"],
        ["label", "--task", "image", "--model", "llama-3.1-8b"],
        ["regions", "--kind", "planet"],
        ["equivalents", "--grams", "lots"],
        ["frobnicate"],
        [],
    ]
    for args in cases:
        code, out, err = run(*args)
        assert code == 2, (args, out, err)
        lines = [l for l in err.splitlines() if l.strip()]
        assert len(lines) == 1 and lines[0].startswith("error:"), (args, err)
        assert "Traceback" not in err


def test_an_unknown_model_gets_a_suggestion():
    code, _, err = run("estimate", "--task", "image", "--model", "sdxll")
    assert code == 2 and "sdxl" in err


def test_every_number_in_the_json_traces_to_a_data_row():
    code, out, err = run("estimate", "--task", "image", "--model", "sdxl", "--region", "DE", "--format", "json")
    assert code == 0, err
    rec = json.loads(out)
    zone = next(r for r in read_rows("grid_intensity.csv") if r["zone_id"] == "DE")
    # shown figures are rounded to 2 significant figures; values_full keeps every digit of the data row
    full = rec["values_full"]
    assert full["grid_intensity"]["central"] == pytest.approx(float(zone["intensity_g_per_kwh_central"]))
    assert full["grid_intensity"]["low"] == pytest.approx(float(zone["intensity_g_per_kwh_low"]))
    assert rec["grid_intensity"]["central"] == pytest.approx(float(zone["intensity_g_per_kwh_central"]), rel=0.05)
    urls = {r["source_url"] for t in ("models.csv", "grid_intensity.csv", "hardware.csv", "datacenters.csv", "fleet.csv")
            for r in read_rows(t)}
    assert all(s["url"] in urls for s in rec["sources"])
    eq_urls = {r["source_url"] for r in read_rows("equivalents.csv")}
    assert all(e["source"] in eq_urls for e in rec["equivalents"])
    dc = next(r for r in read_rows("datacenters.csv") if r["datacenter_id"] == "typical-cloud")
    # datacenter = serving fleet × PUE (2026.3: the fleet step sits between server and datacenter)
    ratio = full["energy_per_unit_by_boundary"]["datacenter"]["central"] / full["energy_per_unit_by_boundary"]["fleet"]["central"]
    assert ratio == pytest.approx(float(dc["pue_central"]))


def test_csv_output_parses_and_has_the_range(tmp_path):
    import csv, io
    code, out, _ = run("estimate", "--task", "chat", "--format", "csv")
    assert code == 0
    row = next(csv.DictReader(io.StringIO(out)))
    assert float(row["co2e_low"]) < float(row["co2e_central"]) < float(row["co2e_high"])


def test_compare_shows_each_option(tmp_path):
    code, out, err = run("compare", "--task", "image", "--model", "sdxl", "--region", "PL,FR")
    assert code == 0, err
    assert "PL" in out and "FR" in out


def test_listings_work():
    for args in (["regions"], ["models", "--task", "image"], ["equivalents", "--grams", "100", "--wh", "250"]):
        code, out, err = run(*args)
        assert code == 0 and out.strip(), (args, err)


TEXT = st.one_of(st.text(max_size=12), st.sampled_from(["nan", "inf", "-1", "0", "1e400", "", " ", "sdxl", "FR", "1.5"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cmd=st.sampled_from(["estimate", "label", "compare"]),
       flags=st.lists(st.tuples(st.sampled_from(["--task", "--model", "--count", "--region", "--hardware", "--batch",
                                                 "--boundary", "--preset", "--output-tokens", "--width", "--steps",
                                                 "--seconds", "--doc-words", "--format"]), TEXT), max_size=4))
def test_no_argument_makes_the_cli_raise(cmd, flags, capsys):
    argv = [cmd] + [x for pair in flags for x in pair]
    code = main(argv)
    captured = capsys.readouterr()
    assert code in (0, 2)
    if code == 2:
        assert captured.err.startswith("error:") and captured.err.count("\n") == 1
