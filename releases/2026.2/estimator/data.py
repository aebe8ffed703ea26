"""Load and validate the tables in ``data/`` once.

Every table carries provenance columns (source title, publisher, year, URL, note). A table
that fails a check stops loading with a :class:`DataError` naming the file, row and column;
nothing is silently defaulted.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, plain_number
from .uncertainty import Range, keyed

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PROVENANCE = ("source_title", "source_publisher", "source_year", "source_url", "note")


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    year: str
    url: str
    note: str

    def citation(self) -> str:
        return f"{self.publisher} ({self.year}). {self.title}. {self.url}"


@dataclass(frozen=True)
class Model:
    model_id: str
    name: str
    task: str  # llm | summarizer | image | video
    family: str
    open_weights: bool
    architecture: str
    total_params_b: Range
    active_params_b: Range
    size_is_estimate: bool
    size_class: str
    measurement_id: str
    ref_energy_wh_gpu: Range | None
    ref_width: int | None
    ref_height: int | None
    ref_steps: int | None
    ref_frames: int | None
    ref_fps: float | None
    default_steps: int | None
    aliases: tuple[str, ...]
    source: Source
    ref_clip_seconds: float | None = None  # clip length the model card states, checks frames / fps


@dataclass(frozen=True)
class Hardware:
    hardware_id: str
    name: str
    gpu_energy_factor: Range
    runtime_factor: Range
    power_capped: bool
    capped_variant: str
    source: Source


@dataclass(frozen=True)
class Datacenter:
    datacenter_id: str
    name: str
    pue: Range
    source: Source


@dataclass(frozen=True)
class Zone:
    zone_id: str
    name: str
    kind: str
    country_iso2: str
    provider: str
    aliases: tuple[str, ...]
    intensity_g_per_kwh: Range
    scope: str
    year: str
    source: Source


@dataclass(frozen=True)
class Equivalent:
    equivalent_id: str
    label_singular: str
    label_plural: str
    basis: str  # co2e (grams) | energy (Wh)
    per_unit: Range
    unit: str
    display_priority: int
    source: Source


@dataclass(frozen=True)
class Preset:
    task_id: str
    preset_id: str
    label: str
    input_tokens: int | None
    output_tokens: int | None
    doc_words: int | None
    summary_words: int | None
    width: int | None
    height: int | None
    steps: int | None
    seconds: float | None
    is_default: bool
    source: Source


@dataclass(frozen=True)
class Task:
    task_id: str
    name: str
    unit_singular: str
    unit_plural: str
    model_tasks: tuple[str, ...]
    typical_model_id: str
    typical_preset_id: str
    source: Source


@dataclass(frozen=True)
class Coefficient:
    coefficient_id: str
    value: Range
    unit: str
    source: Source


@dataclass(frozen=True)
class LlmFit:
    """ln(J per output token) = intercept + b·ln(active B) + c·ln(total B), with its covariance."""

    batch_regime: str
    label: str
    intercept: float
    exponent_active: float
    exponent_total: float
    residual_sd_log: float
    # (X'X)^-1 of the regression, upper triangle: 00, 01, 02, 11, 12, 22
    xtx_inv: tuple[float, float, float, float, float, float]
    n_models: int
    total_params_b_min: float
    total_params_b_max: float
    source: Source


@dataclass(frozen=True)
class Alternative:
    alternative_id: str
    label: str
    trade_off: str  # for any task without its own text
    parameter: float | None
    source: Source
    trade_off_by_task: tuple[tuple[str, str], ...] = ()  # (task_id, text) from the trade_off_<task> columns

    def trade_off_for(self, task_id: str) -> str:
        """The trade-off written for this task (a chat lever's words never describe an image)."""
        return dict(self.trade_off_by_task).get(task_id) or self.trade_off


@dataclass(frozen=True)
class Measurement:
    measurement_id: str
    task: str
    model_id: str
    model_name: str
    precision: str
    hardware_id: str
    batch_regime: str
    boundary: str
    energy_wh_per_item: float
    energy_j_per_output_token: float | None
    input_tokens: int | None
    output_tokens: int | None
    width: int | None
    height: int | None
    steps: int | None
    frames: int | None
    fps: float | None
    use: str
    source: Source


@dataclass(frozen=True)
class ProfileHour:
    hour: int
    p10: float
    mean: float
    p90: float
    timezone: str
    source: Source


@dataclass(frozen=True)
class DataBundle:
    models: dict[str, Model]
    hardware: dict[str, Hardware]
    datacenters: dict[str, Datacenter]
    zones: dict[str, Zone]
    equivalents: dict[str, Equivalent]
    presets: dict[tuple[str, str], Preset]
    tasks: dict[str, Task]
    coefficients: dict[str, Coefficient]
    llm_fits: dict[str, LlmFit]
    alternatives: dict[str, Alternative]
    label_rules: dict[str, Coefficient]
    measurements: dict[str, Measurement]
    profiles: dict[str, dict[str, list[ProfileHour]]]  # zone → season → 24 hours
    data_hash: str
    files: tuple[str, ...] = field(default=())
    live_providers: dict[str, dict] = field(default_factory=dict)  # validated rows; estimator.live builds on them

    def coefficient(self, coefficient_id: str) -> Range:
        return self.coefficients[coefficient_id].value


# ---------------------------------------------------------------------------
# Plausible bounds. A number far outside them is a typo, a unit slip or a corrupted file, and
# would otherwise reach a page as inf, 0 or a silently absurd figure (1e308 overflows exp()).
# Keyed by (file, column); the _low/_central/_high columns of a triple share their base name.
# Each bound says why it is a bound; numbers without one get DEFAULT_BOUND.

DEFAULT_BOUND = (-1e9, 1e9, "no figure in these tables comes near a billion; larger is a typo or an overflow")
_PIXELS = (1, 16384, "no image or video model here renders more than 16,384 px a side")
_STEPS = (1, 10000, "diffusion samplers run 1 to a few hundred steps")
_TOKENS = (0, 10_000_000, "no context window holds more than ten million tokens")
_INTENSITY = (0, 2000, "no electricity grid emits more than 2,000 g CO2e/kWh (coal is about 1,000)")
_ITEM_WH = (0, 100_000, "one generated item using 100 kWh would be a week of a GPU server")
BOUNDS: dict[tuple[str, str], tuple[float, float, str]] = {
    ("models.csv", "total_params_b"): (1e-4, 100_000, "the largest models are a few thousand billion parameters"),
    ("models.csv", "active_params_b"): (1e-4, 100_000, "active parameters never exceed total parameters"),
    ("models.csv", "ref_energy_wh_gpu"): _ITEM_WH,
    ("models.csv", "ref_width"): _PIXELS, ("models.csv", "ref_height"): _PIXELS,
    ("models.csv", "ref_steps"): _STEPS, ("models.csv", "default_steps"): _STEPS,
    ("models.csv", "ref_frames"): (1, 1_000_000, "a clip of a million frames is over nine hours"),
    ("models.csv", "ref_fps"): (1, 1000, "video runs at 8 to 60 frames per second"),
    ("models.csv", "ref_clip_seconds"): (0.1, 3600, "a reference clip lasts seconds, not hours"),
    ("measurements.csv", "energy_wh_per_item"): _ITEM_WH,
    ("measurements.csv", "energy_j_per_output_token"): (0, 10_000, "measured LLMs use 0.01 to tens of J per token"),
    ("measurements.csv", "input_tokens"): _TOKENS, ("measurements.csv", "output_tokens"): _TOKENS,
    ("measurements.csv", "width"): _PIXELS, ("measurements.csv", "height"): _PIXELS,
    ("measurements.csv", "steps"): _STEPS,
    ("measurements.csv", "frames"): (1, 1_000_000, "a clip of a million frames is over nine hours"),
    ("measurements.csv", "fps"): (1, 1000, "video runs at 8 to 60 frames per second"),
    ("measurements.csv", "gpus"): (1, 100_000, "GPUs serving one measured model"),
    ("hardware.csv", "gpu_energy_factor"): (0.01, 100, "a factor relative to an H100: two orders of magnitude either way"),
    ("hardware.csv", "runtime_factor"): (0.01, 100, "a factor relative to an H100: two orders of magnitude either way"),
    ("datacenters.csv", "pue"): (1, 5, "PUE is at least 1 by definition; the worst surveyed data centres are near 3"),
    ("grid_intensity.csv", "intensity_g_per_kwh"): _INTENSITY,
    ("hourly_profiles.csv", "intensity_g_per_kwh_p10"): _INTENSITY,
    ("hourly_profiles.csv", "intensity_g_per_kwh_mean"): _INTENSITY,
    ("hourly_profiles.csv", "intensity_g_per_kwh_p90"): _INTENSITY,
    ("hourly_profiles.csv", "hour_local"): (0, 23, "hours of a day"),
    ("equivalents.csv", "per_unit"): (1e-6, 1e7, "an everyday unit is between a milligram and ten tonnes CO2e or kWh"),
    ("equivalents.csv", "display_priority"): (0, 1000, "an ordering rank"),
    ("presets.csv", "input_tokens"): _TOKENS, ("presets.csv", "output_tokens"): _TOKENS,
    ("presets.csv", "doc_words"): _TOKENS, ("presets.csv", "summary_words"): _TOKENS,
    ("presets.csv", "width"): _PIXELS, ("presets.csv", "height"): _PIXELS, ("presets.csv", "steps"): _STEPS,
    ("presets.csv", "seconds"): (0, 3600, "a generated clip is seconds to minutes long"),
    ("coefficients.csv", "value"): (1e-6, 10_000, "the largest coefficient is a GPU's draw in W (hundreds)"),
    ("llm_fit.csv", "intercept"): (-50, 50, "ln(J per token): e^50 J per token is beyond any hardware"),
    ("llm_fit.csv", "exponent_active"): (-5, 5, "energy scales with size to a power near 1"),
    ("llm_fit.csv", "exponent_total"): (-5, 5, "energy scales with size to a power near 1"),
    ("llm_fit.csv", "residual_sd_log"): (1e-6, 3, "a log-residual s.d. of 3 is a factor of 20 per s.d.: no fit at all"),
    **{("llm_fit.csv", f"xtx_inv_{k}"): (-1e6, 1e6, "(X'X)^-1 of a fit on log sizes is of order 1")
       for k in ("00", "01", "02", "11", "12", "22")},
    ("llm_fit.csv", "n_models"): (1, 100_000, "a count of measured models"),
    ("llm_fit.csv", "total_params_b_min"): (1e-4, 100_000, "the largest models are a few thousand billion parameters"),
    ("llm_fit.csv", "total_params_b_max"): (1e-4, 100_000, "the largest models are a few thousand billion parameters"),
    ("alternatives.csv", "parameter"): (1e-6, 1, "a reduction factor is between 0 and 1"),
    ("label_rules.csv", "value"): (0.01, 100, "a ratio of an option to typical"),
    ("live_providers.csv", "connect_timeout_s"): (0.01, 30, "a page waits at most connect + read timeout; "
                                                  "past 30 s the reader has gone"),
    ("live_providers.csv", "read_timeout_s"): (0.01, 30, "a page waits at most connect + read timeout; "
                                               "past 30 s the reader has gone"),
    ("live_providers.csv", "max_retries"): (0, 5, "each retry adds a wait the reader sees"),
    ("live_providers.csv", "backoff_s"): (0, 30, "a retry later than 30 s is after the page gave up"),
    ("live_providers.csv", "ttl_s"): (1, 86_400, "grid intensity changes every half hour; a day-old value is stale"),
    ("live_providers.csv", "stale_after_s"): (1, 7 * 86_400, "a reading older than a week is not live"),
    ("live_providers.csv", "plausible_min_g_per_kwh"): _INTENSITY,
    ("live_providers.csv", "plausible_max_g_per_kwh"): _INTENSITY,
}


# ---------------------------------------------------------------------------
# Reading helpers: each names the file, the 1-based row (header = row 1) and the column.


class _Row:
    def __init__(self, file: str, line: int, raw: dict[str, str]):
        self.file, self.line, self.raw = file, line, raw

    def _fail(self, column: str, problem: str) -> DataError:
        return DataError(
            f"data/{self.file} row {self.line}, column {column}: {problem}",
            "fix the table; values must match METHODOLOGY.md's data rules",
        )

    def text(self, column: str, required: bool = True) -> str:
        value = (self.raw.get(column) or "").strip()
        if required and not value:
            raise self._fail(column, "is empty")
        return value

    def choice(self, column: str, allowed: tuple[str, ...]) -> str:
        value = self.text(column)
        if value not in allowed:
            raise self._fail(column, f"{value[:40]!r} is not one of {', '.join(allowed)}")
        return value

    def yes_no(self, column: str) -> bool:
        return self.choice(column, ("yes", "no")) == "yes"

    def _bound(self, column: str) -> tuple[float, float, str]:
        base = column.rsplit("_", 1)[0] if column.endswith(("_low", "_central", "_high")) else column
        return BOUNDS.get((self.file, column)) or BOUNDS.get((self.file, base)) or DEFAULT_BOUND

    def number(self, column: str, required: bool = True, positive: bool = True) -> float | None:
        text = self.text(column, required)
        if not text:
            return None
        if "_" in text:  # float() reads "1_0" as 10: never guess in a data table
            raise self._fail(column, f"{text[:40]!r} is not a number (no underscores)")
        try:
            value = float(text)
        except ValueError:
            raise self._fail(column, f"{text[:40]!r} is not a number") from None
        if not math.isfinite(value):
            raise self._fail(column, f"{text[:40]!r} is not a finite number")
        if positive and value <= 0:
            raise self._fail(column, f"{text[:40]!r} must be greater than 0")
        low, high, why = self._bound(column)
        if not low <= value <= high:
            raise self._fail(column, f"{text[:40]} is outside the plausible {plain_number(low)} to {plain_number(high)} ({why})")
        return value

    def integer(self, column: str, required: bool = True, positive: bool = True) -> int | None:
        value = self.number(column, required, positive)
        if value is None:
            return None
        if value != int(value):
            raise self._fail(column, f"{value!r} must be a whole number")
        return int(value)

    def triple(self, prefix: str, name: str, required: bool = True) -> Range | None:
        cols = [f"{prefix}_low", f"{prefix}_central", f"{prefix}_high"]
        values = [self.number(c, required) for c in cols]
        if all(v is None for v in values):
            return None
        if any(v is None for v in values):
            raise self._fail(cols[values.index(None)], "is empty while the other two of low/central/high are set")
        low, central, high = values
        if not low <= central <= high:
            raise self._fail(cols[0], f"low ≤ central ≤ high is broken ({low}, {central}, {high})")
        return Range.of(low, central, high, name)

    def web_address(self, column: str) -> str:
        url = self.text(column)
        if not (url.startswith("https://") or url.startswith("http://") or url == "METHODOLOGY.md"):
            raise self._fail(column, f"{url[:60]!r} is not a web address (or METHODOLOGY.md)")
        return url

    def source(self) -> Source:
        title = self.text("source_title")
        url = self.web_address("source_url")
        return Source(title, self.text("source_publisher"), self.text("source_year"), url,
                      self.text("note", required=False))


def _decode(file: str, raw: bytes) -> str:
    """UTF-8 text (a leading byte-order mark is accepted); bad bytes name the file, row and line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        bad_line = raw[:offset].count(b"\n") + 1
        row = bad_line
        # a quoted value can span lines: the CSV row is the record whose lines include the bad one
        reader = csv.reader(io.StringIO(raw.decode("utf-8-sig", errors="replace"), newline=""))
        try:
            for number, _ in enumerate(reader, start=1):
                if reader.line_num >= bad_line:
                    row = number
                    break
        except csv.Error:
            pass
        raise DataError(f"data/{file} row {row} (line {bad_line}) is not valid UTF-8 ({exc.reason})",
                        "save the file as UTF-8") from None


def _read(data_dir: Path, file: str, columns: tuple[str, ...]) -> list[_Row]:
    path = data_dir / file
    if not path.is_file():
        raise DataError(f"data/{file} is missing", f"expected it in {data_dir}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"data/{file} cannot be read ({exc.strerror})", "check the file's permissions") from None
    text = _decode(file, raw)
    if not text.strip():
        raise DataError(f"data/{file} is empty", "restore the header row and the table's rows")
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        missing = [c for c in columns + PROVENANCE if c not in header]
        if missing:
            raise DataError(f"data/{file}: missing column(s) {', '.join(missing)}",
                            "restore the column names listed in METHODOLOGY.md")
        repeated = sorted({c for c in header if header.count(c) > 1})
        if repeated:
            raise DataError(f"data/{file}: column(s) {', '.join(repeated)} appear twice", "keep one of each")
        rows = []
        for line, raw_row in enumerate(reader, start=2):
            if None in raw_row:
                raise DataError(f"data/{file} row {line}: more values than columns", "check quoting and commas")
            if any(v is None for v in raw_row.values()):
                have = sum(v is not None for v in raw_row.values())
                raise DataError(f"data/{file} row {line}: fewer values than columns ({have} of {len(header)})",
                                "check for a missing comma or a line break inside a value")
            rows.append(_Row(file, line, raw_row))
    except csv.Error as exc:
        raise DataError(f"data/{file} is not a readable CSV ({exc})", "check quoting") from None
    if not rows:
        raise DataError(f"data/{file} has no rows", "a table needs at least one row")
    return rows


def _refuse_duplicates(rows: list[_Row], *key_columns: str) -> None:
    """Each key (one column, or several together) appears once; a copy would make the last row win."""
    seen: dict = {}
    for row in rows:
        key = tuple(row.text(c).lower() for c in key_columns)
        if key in seen:
            shown = ", ".join(row.text(c) for c in key_columns)
            raise row._fail(key_columns[0], f"duplicate id {shown!r} (first at row {seen[key]})")
        seen[key] = row.line


def _require_rows(file: str, present, needed, what: str = "row") -> None:
    """Rows the code relies on by id: a missing one is a data error here, not a KeyError later."""
    for key in needed:
        if key not in present:
            raise DataError(f"data/{file} has no {what} {key!r}", "restore the row")


def _aliases(row: _Row) -> tuple[str, ...]:
    return tuple(a.strip() for a in row.text("aliases", required=False).split(";") if a.strip())


# ---------------------------------------------------------------------------
# One reader per table.

MEASUREMENT_COLUMNS = (
    "measurement_id", "task", "model_id", "model_name", "precision", "hardware_id", "batch_regime",
    "boundary", "energy_wh_per_item", "energy_j_per_output_token", "input_tokens", "output_tokens",
    "width", "height", "steps", "frames", "fps", "use")
MODEL_COLUMNS = (
    "model_id", "name", "task", "family", "open_weights", "architecture", "total_params_b_low",
    "total_params_b_central", "total_params_b_high", "active_params_b_low", "active_params_b_central",
    "active_params_b_high", "size_is_estimate", "size_class", "measurement_id", "ref_energy_wh_gpu_low",
    "ref_energy_wh_gpu_central", "ref_energy_wh_gpu_high", "ref_width", "ref_height", "ref_steps",
    "ref_frames", "ref_fps", "default_steps", "aliases", "ref_clip_seconds")


def _measurements(rows: list[_Row]) -> dict[str, Measurement]:
    _refuse_duplicates(rows, "measurement_id")
    out = {}
    for r in rows:
        mid = r.text("measurement_id")
        if "gpus" in r.raw:  # provenance only (the energy is per item already), but never an absurd value
            r.integer("gpus", required=False)
        out[mid] = Measurement(
            measurement_id=mid, task=r.choice("task", ("chat", "summarize", "image", "video")),
            model_id=r.text("model_id", required=False), model_name=r.text("model_name"),
            precision=r.text("precision", required=False), hardware_id=r.text("hardware_id"),
            batch_regime=r.choice("batch_regime", ("large_batch", "typical", "low_load", "single")),
            boundary=r.choice("boundary", ("gpu", "server", "datacenter")),
            energy_wh_per_item=r.number("energy_wh_per_item"),
            energy_j_per_output_token=r.number("energy_j_per_output_token", required=False),
            input_tokens=r.integer("input_tokens", False), output_tokens=r.integer("output_tokens", False),
            width=r.integer("width", False), height=r.integer("height", False), steps=r.integer("steps", False),
            frames=r.integer("frames", False), fps=r.number("fps", False),
            use=r.choice("use", ("fit", "reference", "validation", "prefill")), source=r.source(),
        )
    return out


def _check_measurement_refs(rows: list[_Row], models: dict, hardware: dict) -> None:
    """A measurement's model_id (may be empty: a model outside the catalogue) and hardware_id must exist."""
    for r in rows:
        mid = r.text("model_id", required=False)
        if mid and mid not in models:
            raise r._fail("model_id", f"{mid[:40]!r} is not a model_id in models.csv")
        hid = r.text("hardware_id")
        if hid not in hardware:
            raise r._fail("hardware_id", f"{hid[:40]!r} is not a hardware_id in hardware.csv")


def _models(rows: list[_Row], measurements: dict[str, Measurement]) -> dict[str, Model]:
    _refuse_duplicates(rows, "model_id")
    out = {}
    for r in rows:
        mid = r.text("model_id")
        task = r.choice("task", ("llm", "summarizer", "image", "video"))
        is_diffusion = task in ("image", "video")
        total = r.triple("total_params_b", f"size of {mid}", required=not is_diffusion)
        active = r.triple("active_params_b", f"size of {mid}", required=False)
        ref = r.triple("ref_energy_wh_gpu", f"reference energy of {mid}", required=is_diffusion)
        if not is_diffusion:
            if total is None or active is None:
                raise r._fail("active_params_b_central", "LLMs and summarizers need total and active parameters")
            if active.central > total.central:
                raise r._fail("active_params_b_central", "active parameters exceed total parameters")
        mid_ref = r.text("measurement_id", required=False)
        if mid_ref:
            m = measurements.get(mid_ref)
            if m is None:
                raise r._fail("measurement_id", f"{mid_ref[:40]!r} is not in measurements.csv")
            if ref is not None and not math.isclose(m.energy_wh_per_item, ref.central, rel_tol=1e-3):
                raise r._fail("ref_energy_wh_gpu_central",
                              f"{ref.central} differs from measurement {mid_ref} ({m.energy_wh_per_item})")
        out[mid] = Model(
            model_id=mid, name=r.text("name"), task=task, family=r.text("family"),
            open_weights=r.yes_no("open_weights"), architecture=r.text("architecture"),
            total_params_b=total if total is not None else Range.exact(1.0),
            active_params_b=active if active is not None else (total or Range.exact(1.0)),
            size_is_estimate=r.yes_no("size_is_estimate"),
            size_class=r.choice("size_class", ("small", "medium", "large", "frontier")),
            measurement_id=mid_ref, ref_energy_wh_gpu=ref,
            ref_width=r.integer("ref_width", is_diffusion), ref_height=r.integer("ref_height", is_diffusion),
            ref_steps=r.integer("ref_steps", is_diffusion), ref_frames=r.integer("ref_frames", task == "video"),
            ref_fps=r.number("ref_fps", task == "video"), default_steps=r.integer("default_steps", is_diffusion),
            aliases=_aliases(r), source=r.source(), ref_clip_seconds=_clip_seconds(r, task),
        )
    return out


def _clip_seconds(r: _Row, task: str) -> float | None:
    """Documented clip length; ref_frames / ref_fps must round to it (cards state whole seconds)."""
    clip_s = r.number("ref_clip_seconds", False)
    if clip_s is None or task != "video":
        return clip_s
    played_s = r.integer("ref_frames", True) / r.number("ref_fps", True)
    if abs(played_s - clip_s) > 0.5:
        raise r._fail("ref_fps", f"{r.integer('ref_frames', True)} frames at {r.number('ref_fps', True):g} fps last "
                                 f"{played_s:.2f} s, but the model card's clip is {clip_s:g} s; check ref_fps or ref_frames")
    return clip_s


def _hardware(rows: list[_Row]) -> dict[str, Hardware]:
    _refuse_duplicates(rows, "hardware_id")
    hardware = {
        r.text("hardware_id"): Hardware(
            r.text("hardware_id"), r.text("name"), r.triple("gpu_energy_factor", keyed("hardware energy factor", r.text("hardware_id"))),
            r.triple("runtime_factor", keyed("hardware runtime factor", r.text("hardware_id"))), r.yes_no("power_capped"),
            r.text("capped_variant", required=False), r.source())
        for r in rows
    }
    for r in rows:
        v = r.text("capped_variant", required=False)
        if v and v not in hardware:
            raise r._fail("capped_variant", f"{v[:40]!r} is not a hardware_id in hardware.csv")
    return hardware


def _datacenters(rows: list[_Row]) -> dict[str, Datacenter]:
    _refuse_duplicates(rows, "datacenter_id")
    datacenters = {}
    for r in rows:
        pue = r.triple("pue", keyed("datacenter PUE", r.text("datacenter_id")))
        if pue.low < 1:
            raise r._fail("pue_low", "a PUE below 1.0 is physically impossible")
        datacenters[r.text("datacenter_id")] = Datacenter(r.text("datacenter_id"), r.text("name"), pue, r.source())
    return datacenters


def _zones(rows: list[_Row]) -> dict[str, Zone]:
    _refuse_duplicates(rows, "zone_id")
    zones = {}
    for r in rows:
        zid = r.text("zone_id")
        zones[zid] = Zone(
            zid, r.text("name"), r.choice("kind", ("world", "country", "us_state", "cloud_region")),
            r.text("country_iso2", required=False), r.text("provider", required=False), _aliases(r),
            r.triple("intensity_g_per_kwh", keyed("grid carbon intensity", zid)), r.choice("scope", ("lifecycle", "direct")),
            r.text("year"), r.source())
    if "WORLD" not in zones:
        raise DataError("data/grid_intensity.csv has no WORLD row", "the world average is the default region")
    return zones


def _equivalents(rows: list[_Row]) -> dict[str, Equivalent]:
    _refuse_duplicates(rows, "equivalent_id")
    return {
        r.text("equivalent_id"): Equivalent(
            r.text("equivalent_id"), r.text("label_singular"), r.text("label_plural"),
            r.choice("basis", ("co2e", "energy")), r.triple("per_unit", f"equivalence factor {r.text('equivalent_id')}"),
            r.text("unit"), r.integer("display_priority"), r.source())
        for r in rows
    }


def _tasks(rows: list[_Row], models: dict[str, Model]) -> dict[str, Task]:
    _refuse_duplicates(rows, "task_id")
    tasks = {}
    for r in rows:
        mt = tuple(x for x in r.text("model_tasks").split(";") if x)
        tmid = r.text("typical_model_id")
        if tmid not in models:
            raise r._fail("typical_model_id", f"{tmid[:40]!r} is not a model_id in models.csv")
        if models[tmid].task not in mt:
            raise r._fail("typical_model_id", f"{tmid!r} is a {models[tmid].task} model, not one of {mt}")
        tasks[r.text("task_id")] = Task(r.text("task_id"), r.text("name"), r.text("unit_singular"),
                                        r.text("unit_plural"), mt, tmid, r.text("typical_preset_id"), r.source())
    return tasks


PRESET_NEEDS = {"chat": ("input_tokens", "output_tokens"), "summarize": ("doc_words", "summary_words"),
                "image": ("width", "height"), "video": ("width", "height", "seconds")}


def _presets(rows: list[_Row], tasks: dict[str, Task]) -> dict[tuple[str, str], Preset]:
    _refuse_duplicates(rows, "task_id", "preset_id")
    presets = {}
    for r in rows:
        tid = r.text("task_id")
        if tid not in tasks:
            raise r._fail("task_id", f"{tid[:40]!r} is not a task_id in tasks.csv")
        p = Preset(tid, r.text("preset_id"), r.text("label"), r.integer("input_tokens", False),
                   r.integer("output_tokens", False), r.integer("doc_words", False),
                   r.integer("summary_words", False), r.integer("width", False), r.integer("height", False),
                   r.integer("steps", False), r.number("seconds", False), r.yes_no("is_default"), r.source())
        for col in PRESET_NEEDS.get(tid, ()):
            if getattr(p, col) is None:
                raise r._fail(col, f"a {tid} preset needs {col}")
        presets[(tid, p.preset_id)] = p
    for t in tasks.values():
        if (t.task_id, t.typical_preset_id) not in presets:
            raise DataError(f"data/tasks.csv: typical_preset_id {t.typical_preset_id[:40]!r} of task "
                            f"{t.task_id[:40]!r} is not in presets.csv", "add the preset or fix the id")
        defaults = [p for p in presets.values() if p.task_id == t.task_id and p.is_default]
        if len(defaults) != 1:
            raise DataError(f"data/presets.csv: task {t.task_id[:40]!r} needs exactly one default preset "
                            f"(has {len(defaults)})", "set is_default=yes on one row")
    return presets


# Coefficients the estimate reads by id (estimate.py, llm.py, diffusion.py, uncertainty interval).
REQUIRED_COEFFICIENTS = ("prefill_to_decode_energy_ratio", "tokens_per_word", "host_power_w_per_gpu", "gpu_draw_w_llm",
                         "gpu_draw_w_diffusion", "diffusion_serving_factor", "image_pixel_exponent",
                         "video_token_exponent", "interval_z")


def _coefficients(rows: list[_Row]) -> dict[str, Coefficient]:
    _refuse_duplicates(rows, "coefficient_id")
    coefficients = {
        r.text("coefficient_id"): Coefficient(r.text("coefficient_id"),
                                              r.triple("value", r.text("coefficient_id").replace("_", " ")),
                                              r.text("unit"), r.source())
        for r in rows
    }
    _require_rows("coefficients.csv", coefficients, REQUIRED_COEFFICIENTS)
    return coefficients


def _check_positive_definite(r: _Row, v: tuple[float, ...]) -> None:
    """(X'X)^-1 of a least-squares fit is positive definite, so the prediction leverage x'(X'X)^-1 x
    is never negative (llm.py takes its square root). Sylvester's criterion: all leading minors > 0."""
    v00, v01, v02, v11, v12, v22 = v
    minor2 = v00 * v11 - v01 * v01
    det = v00 * (v11 * v22 - v12 * v12) - v01 * (v01 * v22 - v12 * v02) + v02 * (v01 * v12 - v11 * v02)
    if not (v00 > 0 and minor2 > 0 and det > 0):
        raise r._fail("xtx_inv_00", "the (X'X)^-1 entries do not form a positive-definite matrix; "
                                    "rerun: python -m estimator fit")


def _llm_fits(rows: list[_Row]) -> dict[str, LlmFit]:
    _refuse_duplicates(rows, "batch_regime")
    llm_fits = {}
    for r in rows:
        regime = r.choice("batch_regime", ("large_batch", "typical", "low_load"))
        low_b, high_b = r.number("total_params_b_min"), r.number("total_params_b_max")
        if low_b > high_b:
            raise r._fail("total_params_b_min", f"{plain_number(low_b)} is above total_params_b_max {plain_number(high_b)}")
        xtx_inv = tuple(r.number(f"xtx_inv_{k}", positive=False) for k in ("00", "01", "02", "11", "12", "22"))
        _check_positive_definite(r, xtx_inv)
        llm_fits[regime] = LlmFit(
            regime, r.text("label"), r.number("intercept", positive=False), r.number("exponent_active", positive=False),
            r.number("exponent_total", positive=False), r.number("residual_sd_log"), xtx_inv,
            r.integer("n_models"), low_b, high_b, r.source())
    if "typical" not in llm_fits:
        raise DataError("data/llm_fit.csv has no 'typical' batch regime", "run: python -m estimator fit")
    return llm_fits


# The greener-option levers label.py offers, by alternative_id; the parameter-driven ones need a factor.
REQUIRED_ALTERNATIVES = ("smaller_model", "efficient_model", "task_specific", "cleaner_region", "power_capped",
                         "shorter_answer", "shorter_summary", "fewer_steps", "lower_resolution", "shorter_video",
                         "cleaner_hour")
ALTERNATIVES_WITH_PARAMETER = ("shorter_answer", "shorter_summary", "fewer_steps", "lower_resolution", "shorter_video")


def _alternative(r: _Row, task_ids: tuple[str, ...]) -> Alternative:
    p = r.number("parameter", required=False)
    if p is not None and not p < 1:
        raise r._fail("parameter", "a reduction factor must be below 1")
    by_task = tuple((t, r.text(f"trade_off_{t}", required=False)) for t in task_ids
                    if r.text(f"trade_off_{t}", required=False))
    return Alternative(r.text("alternative_id"), r.text("label"), r.text("trade_off"), p, r.source(), by_task)


def _alternatives(rows: list[_Row], tasks: dict[str, "Task"]) -> dict[str, Alternative]:
    _refuse_duplicates(rows, "alternative_id")
    return {a.alternative_id: a for a in (_alternative(r, tuple(tasks)) for r in rows)}


def _require_alternatives(alternatives: dict[str, Alternative]) -> None:
    """Every lever label.py offers has its row (label and trade-off), with a factor where it scales."""
    _require_rows("alternatives.csv", alternatives, REQUIRED_ALTERNATIVES, "alternative_id")
    for alt_id in ALTERNATIVES_WITH_PARAMETER:
        if alternatives[alt_id].parameter is None:
            raise DataError(f"data/alternatives.csv: {alt_id!r} needs a parameter (its reduction factor)",
                            "set the parameter column")


def _label_rules(rows: list[_Row]) -> dict[str, Coefficient]:
    _refuse_duplicates(rows, "rule_id")
    label_rules = {
        r.text("rule_id"): Coefficient(r.text("rule_id"), Range.exact(r.number("value")), r.text("unit"), r.source())
        for r in rows
    }
    _require_rows("label_rules.csv", label_rules, ("lower_if_ratio_at_most", "higher_if_ratio_at_least"))
    if not label_rules["lower_if_ratio_at_most"].value.central < 1 < label_rules["higher_if_ratio_at_least"].value.central:
        raise DataError("data/label_rules.csv: thresholds must satisfy lower < 1 < higher", "fix the values")
    return label_rules


def _profiles(rows: list[_Row], zones: dict[str, Zone]) -> dict[str, dict[str, list[ProfileHour]]]:
    _refuse_duplicates(rows, "zone_id", "season", "hour_local")
    profiles: dict[str, dict[str, list[ProfileHour]]] = {}
    for r in rows:
        zid = r.text("zone_id")
        if zid not in zones:
            raise r._fail("zone_id", f"{zid[:40]!r} is not a zone_id in grid_intensity.csv")
        season = r.choice("season", ("winter", "spring", "summer", "autumn"))
        hour = r.integer("hour_local", positive=False)
        p10, mean, p90 = (r.number(f"intensity_g_per_kwh_{k}") for k in ("p10", "mean", "p90"))
        if not p10 <= mean <= p90:
            raise r._fail("intensity_g_per_kwh_p10", f"p10 ≤ mean ≤ p90 is broken ({p10}, {mean}, {p90})")
        profiles.setdefault(zid, {}).setdefault(season, []).append(
            ProfileHour(hour, p10, mean, p90, r.text("timezone"), r.source()))
    for zid, seasons in profiles.items():
        for season, hours in seasons.items():
            hours.sort(key=lambda h: h.hour)
            if [h.hour for h in hours] != list(range(24)):
                raise DataError(f"data/hourly_profiles.csv: {zid} {season} must have each hour 0-23 exactly once",
                                "complete the profile")
    return profiles


LIVE_PROVIDER_COLUMNS = ("provider_id", "name", "base_url", "base_url_env", "key_env", "scope", "covers",
                         "connect_timeout_s", "read_timeout_s", "max_retries", "backoff_s", "ttl_s", "stale_after_s",
                         "plausible_min_g_per_kwh", "plausible_max_g_per_kwh")


def read_live_providers(data_dir: Path | str | None = None) -> dict[str, dict]:
    """data/live_providers.csv checked like every table: provider_id → its settings (numbers parsed).

    estimator.live builds its ProviderSettings from this; load_data() calls it so that every
    command, not only --live, refuses a broken file."""
    rows = _read(Path(data_dir) if data_dir else DATA_DIR, "live_providers.csv", LIVE_PROVIDER_COLUMNS)
    _refuse_duplicates(rows, "provider_id")
    out = {}
    for r in rows:
        entry = {
            "provider_id": r.text("provider_id"), "name": r.text("name"), "base_url": r.web_address("base_url"),
            "base_url_env": r.text("base_url_env", required=False), "key_env": r.text("key_env", required=False),
            "scope": r.choice("scope", ("direct", "lifecycle")), "covers": r.text("covers"),
            "connect_timeout_s": r.number("connect_timeout_s"), "read_timeout_s": r.number("read_timeout_s"),
            "max_retries": r.integer("max_retries", positive=False),
            "backoff_s": r.number("backoff_s", positive=False), "ttl_s": r.number("ttl_s"),
            "stale_after_s": r.number("stale_after_s"),
            "plausible_min_g_per_kwh": r.number("plausible_min_g_per_kwh", positive=False),
            "plausible_max_g_per_kwh": r.number("plausible_max_g_per_kwh"),
            "source_url": r.source().url,
        }
        if not entry["plausible_min_g_per_kwh"] < entry["plausible_max_g_per_kwh"]:
            raise r._fail("plausible_min_g_per_kwh", "must be below plausible_max_g_per_kwh")
        out[entry["provider_id"]] = entry
    return out


VALIDATION_COLUMNS = (
    "validation_id", "task", "model_id", "model_name", "hardware_id", "gpus", "precision", "batch_regime", "boundary",
    "input_tokens", "output_tokens", "width", "height", "steps", "frames", "fps", "published_value", "published_unit",
    "energy_wh_per_item", "source_type")
VALIDATION_BOUNDARIES = ("gpu", "server", "datacenter", "full serving fleet", "life cycle")  # last two: not modelled yet
VALIDATION_SOURCE_TYPES = ("production disclosure", "life-cycle study", "analyst bottom-up estimate", "lab measurement")
# the same plausible bounds as the measurement table: a validation figure is a measurement kept apart
BOUNDS.update({("validation.csv", c): BOUNDS[("measurements.csv", c)] for c in (
    "energy_wh_per_item", "input_tokens", "output_tokens", "width", "height", "steps", "frames", "fps", "gpus")})


def read_validation(data_dir: Path | str | None = None) -> list[dict]:
    """data/validation.csv checked like every table: published per-request figures never used to fit anything.

    One dict per row, numbers parsed; energy_wh_per_item is None where the figure is not energy (e.g. g CO2e).
    bench/run.py compares the estimator with each row at the row's own boundary and conditions."""
    rows = _read(Path(data_dir) if data_dir else DATA_DIR, "validation.csv", VALIDATION_COLUMNS)
    _refuse_duplicates(rows, "validation_id")
    out = []
    for r in rows:
        out.append({
            "validation_id": r.text("validation_id"), "task": r.choice("task", ("chat", "summarize", "image", "video")),
            "model_id": r.text("model_id", required=False), "model_name": r.text("model_name"),
            "hardware_id": r.text("hardware_id", required=False), "gpus": r.integer("gpus", False),
            "precision": r.text("precision", required=False),
            "batch_regime": r.choice("batch_regime", ("large_batch", "typical", "low_load", "single")),
            "boundary": r.choice("boundary", VALIDATION_BOUNDARIES),
            "input_tokens": r.integer("input_tokens", False), "output_tokens": r.integer("output_tokens", False),
            "width": r.integer("width", False), "height": r.integer("height", False),
            "steps": r.integer("steps", False), "frames": r.integer("frames", False), "fps": r.number("fps", False),
            "published_value": r.number("published_value"), "published_unit": r.text("published_unit"),
            "energy_wh_per_item": r.number("energy_wh_per_item", required=False),
            "source_type": r.choice("source_type", VALIDATION_SOURCE_TYPES), "source": r.source(),
        })
    return out


def _file_hash(data_dir: Path, files: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for name in sorted(f for f in files if (data_dir / f).exists()):
        h.update(name.encode())
        h.update((data_dir / name).read_bytes())
    return h.hexdigest()[:10]


TABLES = (
    "alternatives.csv", "coefficients.csv", "datacenters.csv", "equivalents.csv", "grid_intensity.csv",
    "hardware.csv", "hourly_profiles.csv", "label_rules.csv", "live_providers.csv", "llm_fit.csv", "measurements.csv",
    "models.csv", "presets.csv", "tasks.csv",
)


_BY_HASH: dict[str, DataBundle] = {}


def bundle_for(data_hash: str) -> DataBundle:
    """The loaded bundle with this hash (lets caches key on the hash instead of the bundle)."""
    return _BY_HASH[data_hash]


def load_data(data_dir: Path | str | None = None) -> DataBundle:
    """Read and check every table; cached per folder, so the app and CLI read the files once."""
    return _load_cached(str(Path(data_dir) if data_dir else DATA_DIR))


@functools.lru_cache(maxsize=8)
def _load_cached(data_dir_str: str) -> DataBundle:
    d = Path(data_dir_str)
    measurement_rows = _read(d, "measurements.csv", MEASUREMENT_COLUMNS)
    measurements = _measurements(measurement_rows)
    models = _models(_read(d, "models.csv", MODEL_COLUMNS), measurements)
    hardware = _hardware(_read(d, "hardware.csv", (
        "hardware_id", "name", "gpu_energy_factor_low", "gpu_energy_factor_central", "gpu_energy_factor_high",
        "runtime_factor_low", "runtime_factor_central", "runtime_factor_high", "power_capped", "capped_variant")))
    _check_measurement_refs(measurement_rows, models, hardware)
    datacenters = _datacenters(_read(d, "datacenters.csv", ("datacenter_id", "name", "pue_low", "pue_central",
                                                            "pue_high")))
    zones = _zones(_read(d, "grid_intensity.csv", (
        "zone_id", "name", "kind", "country_iso2", "provider", "aliases", "intensity_g_per_kwh_low",
        "intensity_g_per_kwh_central", "intensity_g_per_kwh_high", "scope", "year")))
    equivalents = _equivalents(_read(d, "equivalents.csv", (
        "equivalent_id", "label_singular", "label_plural", "basis", "per_unit_low", "per_unit_central",
        "per_unit_high", "unit", "display_priority")))
    tasks = _tasks(_read(d, "tasks.csv", ("task_id", "name", "unit_singular", "unit_plural", "model_tasks",
                                          "typical_model_id", "typical_preset_id")), models)
    presets = _presets(_read(d, "presets.csv", (
        "task_id", "preset_id", "label", "input_tokens", "output_tokens", "doc_words", "summary_words", "width",
        "height", "steps", "seconds", "is_default")), tasks)
    coefficients = _coefficients(_read(d, "coefficients.csv", ("coefficient_id", "value_low", "value_central",
                                                               "value_high", "unit")))
    llm_fits = _llm_fits(_read(d, "llm_fit.csv", (
        "batch_regime", "label", "intercept", "exponent_active", "exponent_total", "residual_sd_log", "xtx_inv_00",
        "xtx_inv_01", "xtx_inv_02", "xtx_inv_11", "xtx_inv_12", "xtx_inv_22", "n_models", "total_params_b_min",
        "total_params_b_max")))
    alternatives = _alternatives(_read(d, "alternatives.csv", ("alternative_id", "label", "trade_off", "parameter")),
                                 tasks)
    _require_alternatives(alternatives)
    label_rules = _label_rules(_read(d, "label_rules.csv", ("rule_id", "value", "unit")))
    # Optional: regions without a profile simply offer no offline "cleaner hour".
    profiles = {} if not (d / "hourly_profiles.csv").exists() else _profiles(_read(d, "hourly_profiles.csv", (
        "zone_id", "season", "hour_local", "timezone", "intensity_g_per_kwh_p10", "intensity_g_per_kwh_mean",
        "intensity_g_per_kwh_p90", "data_year", "scope")), zones)
    live_providers = read_live_providers(d)
    read_validation(d)  # never used by the estimator; read so that a broken file is refused like any table

    bundle = DataBundle(
        models=models, hardware=hardware, datacenters=datacenters, zones=zones, equivalents=equivalents,
        presets=presets, tasks=tasks, coefficients=coefficients, llm_fits=llm_fits, alternatives=alternatives,
        label_rules=label_rules, measurements=measurements, profiles=profiles, data_hash=_file_hash(d, TABLES),
        files=TABLES, live_providers=live_providers,
    )
    _BY_HASH[bundle.data_hash] = bundle
    return bundle
