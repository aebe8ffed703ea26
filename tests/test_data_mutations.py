"""Mutated data tables: every table, every kind of damage → it loads and works, or one DataError naming the file.

Each case copies data/ to a fresh folder (symlinks for the untouched tables; load_data is cached
per folder path, so every case gets its own), damages one table and loads it.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from estimator import DataError, EstimatorError, label
from estimator.data import BOUNDS, TABLES, _BY_HASH, load_data
from tests.conftest import DATA
from tests.fuzz_counts import count, report_counts  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("report_counts")
SUITE = "test_data_mutations"
_case = itertools.count()
TEXT_NUMBER_COLUMNS = {"source_year", "year", "data_year"}  # numbers that are kept as text
ABSURD = ("1e308", "-1e308", "inf", "-inf", "nan", "-1", "1e-308", "0")


def _rows(table: str) -> list[list[str]]:
    with (DATA / table).open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def _folder(tmp_root, table: str, content: bytes | None):
    """A data folder where ``table`` has ``content`` (None: the file is missing) and the rest link to data/."""
    d = tmp_root / f"case{next(_case)}"
    d.mkdir()
    for name in os.listdir(DATA):
        if name != table and (DATA / name).is_file():
            os.symlink(DATA / name, d / name)
    if content is not None:
        (d / table).write_bytes(content)
    return d


def _outcome(folder, table: str, kind: str) -> DataError | None:
    """Load the folder: a working bundle (label() runs for every task) or one DataError naming the file."""
    count(f"{SUITE}:{kind}")
    try:
        data = load_data(folder)
    except DataError as exc:
        text = str(exc)
        # names the damaged file (a broken cross-reference may be reported from the row that points at it)
        assert table in text, f"{kind} in {table}: the error does not name the file: {text}"
        assert "\n" not in exc.message
        return exc
    except Exception as exc:  # anything else is a defect: a traceback for the reader
        pytest.fail(f"{kind} in {table}: {type(exc).__name__}: {exc}")
    try:
        for task in data.tasks:
            try:
                label(task=task, data=data)
            except EstimatorError as exc:  # a clear error on odd-but-plausible data is allowed
                assert "\n" not in exc.message
    except Exception as exc:
        pytest.fail(f"{kind} in {table}: loaded, then {type(exc).__name__}: {exc}")
    finally:
        _BY_HASH.pop(data.data_hash, None)  # keep memory flat over a thousand bundles
    return None


def _numeric_columns(table: str) -> list[str]:
    header, first = _rows(table)[0], _rows(table)[1]
    out = []
    for col, value in zip(header, first):
        if col in TEXT_NUMBER_COLUMNS:
            continue
        try:
            float(value)
            out.append(col)
        except ValueError:
            if any(k == (table, col) or k == (table, col.rsplit("_", 1)[0]) for k in BOUNDS):
                out.append(col)
    return out


# ------------------------------------------------------------------ every table × every kind of damage

@pytest.mark.parametrize("table", TABLES)
def test_a_duplicated_row_is_refused_naming_file_and_row(table, tmp_path):
    rows = _rows(table)
    err = _outcome(_folder(tmp_path, table, _csv_bytes(rows + [rows[1]])), table, "duplicate row")
    assert err is not None and "duplicate" in err.message and f"row {len(rows) + 1}" in err.message


@pytest.mark.parametrize("table", TABLES)
def test_a_missing_row_loads_correctly_or_names_the_file(table, tmp_path):
    rows = _rows(table)
    drop = range(1, len(rows)) if len(rows) <= 25 else (1, len(rows) // 2, len(rows) - 1)
    for i in drop:
        _outcome(_folder(tmp_path, table, _csv_bytes(rows[:i] + rows[i + 1:])), table, "missing row")


@pytest.mark.parametrize("table", TABLES)
def test_a_short_row_is_refused(table, tmp_path):
    rows = _rows(table)
    err = _outcome(_folder(tmp_path, table, _csv_bytes([rows[0], rows[1][:-1]] + rows[2:])), table, "short row")
    assert err is not None and "row 2" in err.message and "fewer values" in err.message


@pytest.mark.parametrize("table", TABLES)
def test_a_row_with_extra_values_is_refused(table, tmp_path):
    rows = _rows(table)
    err = _outcome(_folder(tmp_path, table, _csv_bytes([rows[0], rows[1] + ["extra"]] + rows[2:])), table,
                   "extra values")
    assert err is not None and "row 2" in err.message


@pytest.mark.parametrize("table", TABLES)
def test_a_byte_order_mark_is_accepted(table, tmp_path):
    raw = (DATA / table).read_bytes()
    assert _outcome(_folder(tmp_path, table, b"\xef\xbb\xbf" + raw), table, "BOM") is None


@pytest.mark.parametrize("table", TABLES)
def test_bytes_that_are_not_utf8_name_the_file_and_the_row(table, tmp_path):
    raw = (DATA / table).read_bytes()
    lines = raw.split(b"\n")
    lines[2] = lines[2][:3] + b"\xff\xfe" + lines[2][3:]  # inside row 3 (no table quotes a line break before it)
    err = _outcome(_folder(tmp_path, table, b"\n".join(lines)), table, "non-UTF-8")
    assert err is not None and "row 3" in err.message and "UTF-8" in err.message


@pytest.mark.parametrize("table", TABLES)
def test_an_empty_or_header_only_file_is_refused(table, tmp_path):
    assert _outcome(_folder(tmp_path, table, b""), table, "empty file") is not None
    header_only = (DATA / table).read_bytes().split(b"\n")[0] + b"\n"
    assert _outcome(_folder(tmp_path, table, header_only), table, "header only") is not None


@pytest.mark.parametrize("table", TABLES)
def test_a_missing_file_is_refused_unless_optional(table, tmp_path):
    err = _outcome(_folder(tmp_path, table, None), table, "missing file")
    assert (err is None) == (table == "hourly_profiles.csv")


@pytest.mark.parametrize("table", TABLES)
def test_absurd_numbers_in_every_numeric_column_never_get_past_the_loader(table, tmp_path):
    rows = _rows(table)
    header = rows[0]
    for col in _numeric_columns(table):
        i = header.index(col)
        for value in ABSURD:
            broken = [list(r) for r in rows]
            broken[1][i] = value
            err = _outcome(_folder(tmp_path, table, _csv_bytes(broken)), table, "absurd number")
            if value in ("1e308", "-1e308", "inf", "-inf", "nan"):
                assert err is not None, f"{table} {col}={value} was accepted"


# ------------------------------------------------------------------ the cases the review found

def test_a_copied_model_row_with_other_sizes_is_refused(tmp_path):
    rows = _rows("models.csv")
    header = rows[0]
    copy = next(list(r) for r in rows if r[0] == "llama-3.1-8b")
    for col in ("total_params_b_low", "total_params_b_central", "total_params_b_high",
                "active_params_b_low", "active_params_b_central", "active_params_b_high"):
        copy[header.index(col)] = "70"
    err = _outcome(_folder(tmp_path, "models.csv", _csv_bytes(rows + [copy])), "models.csv", "duplicate row")
    assert err is not None and "llama-3.1-8b" in err.message and "duplicate" in err.message


@pytest.mark.parametrize("alt_id", ["shorter_answer", "fewer_steps", "cleaner_region", "power_capped"])
def test_a_missing_alternative_that_the_label_needs_is_a_data_error(alt_id, tmp_path):
    rows = [r for r in _rows("alternatives.csv") if r[0] != alt_id]
    err = _outcome(_folder(tmp_path, "alternatives.csv", _csv_bytes(rows)), "alternatives.csv", "missing row")
    assert err is not None and alt_id in err.message


def test_a_residual_sd_of_1e308_is_refused_with_its_reason(tmp_path):
    rows = _rows("llm_fit.csv")
    rows[1][rows[0].index("residual_sd_log")] = "1e308"
    err = _outcome(_folder(tmp_path, "llm_fit.csv", _csv_bytes(rows)), "llm_fit.csv", "absurd number")
    assert err is not None and "residual_sd_log" in err.message and "plausible" in err.message


@pytest.mark.parametrize("value", ["inf", "1e9", "0", "-3", "nan", "3600"])
def test_an_infinite_or_absurd_live_timeout_is_refused(value, tmp_path):
    rows = _rows("live_providers.csv")
    rows[1][rows[0].index("read_timeout_s")] = value
    err = _outcome(_folder(tmp_path, "live_providers.csv", _csv_bytes(rows)), "live_providers.csv", "absurd number")
    assert err is not None and "read_timeout_s" in err.message


def test_a_measurement_of_an_unknown_model_is_refused(tmp_path):
    rows = _rows("measurements.csv")
    rows[1][rows[0].index("model_id")] = "no-such-model"
    err = _outcome(_folder(tmp_path, "measurements.csv", _csv_bytes(rows)), "measurements.csv", "bad reference")
    assert err is not None and "no-such-model" in err.message and "models.csv" in err.message


def test_every_command_refuses_a_broken_live_providers_table(tmp_path, monkeypatch, capsys):
    from estimator import data as data_module
    from estimator.cli import main
    raw = (DATA / "live_providers.csv").read_bytes()
    folder = _folder(tmp_path, "live_providers.csv", raw.replace(b"NESO", b"NES\xff", 1))
    monkeypatch.setattr(data_module, "DATA_DIR", folder)
    for argv in (["models"], ["regions"], ["estimate"], ["equivalents", "--grams", "1"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "data/live_providers.csv row 2" in err


# ------------------------------------------------------------------ random damage to a random cell

CELL_VALUES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "1e308", "inf", "nan", "-1", "0", "1,5", "1_000", "yes", "no", "WORLD", "\n", '"']),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-10**20, 10**20).map(str),
)


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(table=st.sampled_from(TABLES), where=st.tuples(st.integers(1, 10_000), st.integers(0, 100)), value=CELL_VALUES)
def test_any_value_in_any_cell_loads_or_names_the_file(table, where, value, tmp_path_factory):
    rows = _rows(table)
    r = 1 + where[0] % (len(rows) - 1)
    c = where[1] % len(rows[0])
    rows[r][c] = value
    _outcome(_folder(tmp_path_factory.mktemp("cell"), table, _csv_bytes(rows)), table, "random cell")


def test_a_fit_covariance_that_is_not_positive_definite_is_refused(tmp_path):
    """A negative leverage would reach sqrt() in llm.py: the loader refuses the matrix instead."""
    rows = _rows("llm_fit.csv")
    rows[1][rows[0].index("xtx_inv_00")] = "-1"
    err = _outcome(_folder(tmp_path, "llm_fit.csv", _csv_bytes(rows)), "llm_fit.csv", "bad covariance")
    assert err is not None and "positive-definite" in err.message


def test_the_loader_requires_every_greener_option_the_label_offers():
    """If label.py gains a lever, data.REQUIRED_ALTERNATIVES must name it, or a missing row is a KeyError."""
    import re
    from estimator.data import REQUIRED_ALTERNATIVES
    from tests.conftest import ROOT
    src = (ROOT / "estimator" / "label.py").read_text(encoding="utf-8")
    offered = set(re.findall(r'(?:model_swap\(|out\.append\(\(|candidates\.append\(\()"([a-z_]+)"', src))
    assert offered and offered <= set(REQUIRED_ALTERNATIVES), offered - set(REQUIRED_ALTERNATIVES)


# ------------------------------------------------------------------ the usage tables ("My AI year")

@pytest.mark.parametrize("table,old,new,expected", [
    ("usage_presets.csv", ",week,ChatGPT,", ",week,ChatGTP,", ["row 2", "column model", "ChatGTP"]),
    ("usage_presets.csv", ",30,day,Midjourney,", ",30,day,ChatGPT,", ["column model", "ChatGPT", "image"]),
    ("usage_presets.csv", "daily-user,Daily user,image", "daily-user,Daily person,image", ["row 4", "column label"]),
    ("usage_presets.csv", ",5,week,", ",1e9,week,", ["row 2", "column rate", "plausible"]),
    ("token_ratios.csv", "latin,3.0,4.0,5.0", "latin,3.0,4.0,500", ["row 2", "chars_per_token_high", "plausible"]),
    ("products.csv", ",gpt-5.5,", ",sdxl,", ["row 2", "column model_id", "sdxl"]),
], ids=["preset model typo", "preset model of another task", "two labels for one preset", "absurd rate",
        "absurd token ratio", "product of another task"])
def test_a_broken_usage_table_is_refused_at_load_in_one_line_naming_file_row_and_column(table, old, new, expected,
                                                                                       tmp_path):
    text = (DATA / table).read_text(encoding="utf-8")
    assert old in text
    err = _outcome(_folder(tmp_path, table, text.replace(old, new, 1).encode("utf-8")), table, "usage table")
    assert err is not None and all(word in err.message for word in expected), err


def test_the_usage_tables_are_in_the_bundle_so_the_data_hash_and_the_methodology_page_cover_them(tmp_path):
    data = load_data()
    assert {"products.csv", "token_ratios.csv", "usage_presets.csv"} <= set(data.files)
    text = (DATA / "usage_presets.csv").read_text(encoding="utf-8")
    changed = load_data(_folder(tmp_path, "usage_presets.csv", text.replace(",5,week,", ",6,week,", 1).encode()))
    assert changed.data_hash != data.data_hash
    assert [r.rate for r in changed.usage_presets][0] == 6 and [r.rate for r in data.usage_presets][0] == 5
