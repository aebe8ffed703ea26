"""Data tables: provenance on every row, validation that names file, row and column."""

import shutil
import subprocess
import sys

import pytest

from estimator import DataError, EstimatorError, load_data
from estimator.data import TABLES
from estimator.grid import find_zone
from tests.conftest import DATA, ROOT, read_rows


@pytest.mark.parametrize("table", [t for t in TABLES if (DATA / t).exists()])
def test_every_row_names_its_source(table):
    for row in read_rows(table):
        assert row["source_title"].strip() and row["source_url"].strip() and row["source_year"].strip()


def test_the_catalogue_covers_four_tasks_with_at_least_25_models(data):
    tasks = [m.task for m in data.models.values()]
    assert len(tasks) >= 25
    assert {"llm", "summarizer", "image", "video"} <= set(tasks)
    closed = [m for m in data.models.values() if not m.open_weights and m.task == "llm"]
    assert closed and all(m.size_is_estimate and m.active_params_b.high > m.active_params_b.low for m in closed)


def test_grid_covers_world_60_countries_us_states_and_cloud_regions(data):
    kinds = [z.kind for z in data.zones.values()]
    assert kinds.count("world") == 1
    assert kinds.count("country") >= 60
    assert kinds.count("us_state") >= 50
    assert kinds.count("cloud_region") >= 20


@pytest.mark.parametrize("query,zone", [
    ("FR", "FR"), ("fr", "FR"), ("France", "FR"), ("FRANCE", "FR"), ("FRA", "FR"), ("  france ", "FR"),
    ("United Kingdom", "GB"), ("UK", "GB"), ("Germany", "DE"), ("US-CA", "US-CA"), ("California", "US-CA"),
    ("europe-west1", "europe-west1"), ("world", "WORLD"), ("United States", "US"),
])
def test_regions_are_found_by_code_name_and_cloud_id(query, zone, data):
    assert find_zone(query, data).zone_id == zone


def test_an_unknown_region_suggests_the_closest_matches(data):
    with pytest.raises(EstimatorError) as err:
        find_zone("Frnace", data)
    assert "France" in err.value.hint or "FR" in err.value.hint


def _broken_copy(tmp_path, table, edit):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    text = (target / table).read_text(encoding="utf-8")
    (target / table).write_text(edit(text), encoding="utf-8")
    return target


@pytest.mark.parametrize("table,edit,expect", [
    ("models.csv", lambda t: t.replace("llama-3.1-8b,Llama 3.1 8B,llm,llama-3,yes,dense,8.03", "llama-3.1-8b,Llama 3.1 8B,llm,llama-3,yes,dense,eight", 1),
     ["models.csv", "row 2", "total_params_b_low", "not a number"]),
    ("datacenters.csv", lambda t: t.replace("1.1,1.2,1.58", "1.3,1.2,1.58", 1), ["datacenters.csv", "row 2", "pue_low"]),
    ("coefficients.csv", lambda t: t.replace("tokens_per_word,1.25", "tokens_per_word,-1", 1),
     ["coefficients.csv", "row 3", "value_low"]),
    ("tasks.csv", lambda t: t.replace("chat,LLM chat query,query,queries,llm,qwen3-32b", "chat,LLM chat query,query,queries,llm,no-such-model", 1),
     ["tasks.csv", "typical_model_id", "no-such-model"]),
    ("hardware.csv", lambda t: t.replace("hardware_id,", "hw,", 1), ["hardware.csv", "missing column", "hardware_id"]),
    ("equivalents.csv", lambda t: t + t.splitlines()[1] + "\n", ["equivalents.csv", "duplicate id"]),
    ("grid_intensity.csv", lambda t: t.replace(",lifecycle,", ",sideways,", 1), ["grid_intensity.csv", "scope", "sideways"]),
    ("label_rules.csv", lambda t: t.splitlines()[0] + "\n", ["label_rules.csv", "no rows"]),
    ("presets.csv", lambda t: t.replace("https://", "ftp://", 1), ["presets.csv", "source_url"]),
])
def test_a_bad_table_stops_with_file_row_and_column(tmp_path, table, edit, expect):
    broken = _broken_copy(tmp_path, table, edit)
    with pytest.raises(DataError) as err:
        load_data(broken)
    for part in expect:
        assert part in str(err.value)


def test_the_estimator_never_imports_streamlit():
    code = "import sys, estimator, estimator.cli; estimator.label(task='image'); print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_results_carry_methodology_version_and_data_hash(data):
    from estimator import estimate, methodology_version
    e = estimate(task="chat", data=data)
    assert e.methodology_version == methodology_version()
    assert (ROOT / "METHODOLOGY.md").read_text().count(f"Version: {e.methodology_version}") == 1
    assert e.data_hash == data.data_hash and len(e.data_hash) == 10


def test_editing_a_table_changes_the_data_hash(tmp_path, data):
    changed = _broken_copy(tmp_path, "equivalents.csv", lambda t: t.replace("393,393,409", "393,394,409", 1))
    assert load_data(changed).data_hash != data.data_hash
