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
class LifecycleData:
    """Embodied hardware and training figures (data/embodied.csv, data/training.csv), read by estimator.lifecycle."""

    gpu_embodied_kg: dict[str, Coefficient]  # hardware_id → manufacturing footprint of one GPU
    embodied: dict[str, Coefficient]  # host_embodied_kg_per_gpu, hardware_lifetime_years, hardware_utilisation
    training_tco2e: dict[tuple[str, str], Coefficient]  # (model task, size class) → training emissions
    lifetime_requests: dict[str, Coefficient]  # model task → requests one model version serves


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
class DiffusionFit:
    """ln(GPU Wh per step at one reference size unit) = intercept + exponent·ln(total B), per task.

    Fitted by estimator/custom.py over the catalogued diffusion models with a measured reference;
    the prediction interval uses 1/n + (x − mean)²/sxx like any one-variable least-squares fit."""

    task: str  # image | video
    intercept: float
    exponent_params: float
    residual_sd_log: float
    n_models: int
    mean_ln_params: float
    sxx: float
    params_b_min: float
    params_b_max: float
    size_unit: str  # what one reference size unit is (megapixels, or megapixel-frames)
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
class MarketFactor:
    """A published figure for another accounting basis than location-based (market_factors.csv).

    basis "market": the provider's reported market-based ÷ location-based scope 2 (unit
    market_to_location_ratio), for every region of ``applies_to`` (a provider id);
    basis "hourly_cfe": the share of a cloud region's consumption matched hour by hour with
    carbon-free energy (unit cfe_share), for the zone ``applies_to``. low/central/high may be 0 or 1."""

    factor_id: str
    applies_to: str
    provider: str
    provider_name: str
    basis: str
    low: float
    central: float
    high: float
    unit: str
    data_year: str
    source: Source


@dataclass(frozen=True)
class Precision:
    """A numeric format for a model's weights (data/precision.csv)."""

    precision_id: str
    label: str
    bits_per_weight: float
    source: Source


@dataclass(frozen=True)
class TokenRatio:
    """Characters per token for one script (low ≤ central ≤ high) and where the figures come from."""

    script: str
    chars_per_token_low: float
    chars_per_token_central: float
    chars_per_token_high: float
    source: Source


@dataclass(frozen=True)
class UsagePresetRow:
    """One task line of a plain-language usage preset (data/usage_presets.csv); estimator/usage/year.py groups them."""

    preset_id: str
    label: str
    kind: str  # USAGE_KINDS
    rate: float
    period: str  # USAGE_PERIODS
    model: str | None  # a product label, model id or alias; None: the task's typical model
    source: Source


@dataclass(frozen=True)
class Product:
    """A product people know ("ChatGPT", "Midjourney", "a small open model") and the catalogued model that stands
    for it in the usage kinds it serves (data/products.csv; the note says why, and what is judgement)."""

    product_id: str
    label: str
    kinds: tuple[str, ...]  # usage kinds (USAGE_KINDS)
    model_id: str
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
    market_factors: tuple[MarketFactor, ...] = ()  # other accounting bases; estimator.accounting reads them
    diffusion_fits: dict[str, DiffusionFit] = field(default_factory=dict)  # task → size fit (custom models)
    lifecycle: LifecycleData | None = None  # embodied hardware and training (the lifecycle boundary)
    precisions: dict[str, Precision] = field(default_factory=dict)  # data/precision.csv
    model_precisions: dict[str, str] = field(default_factory=dict)  # model_id → served precision id (model_precision.csv)
    # model_id → share of the size rule's KV cache the model keeps (model_attention.csv); no row: full transformer
    attention_shares: dict[str, Range] = field(default_factory=dict)
    products: tuple[Product, ...] = ()  # data/products.csv, in table order (the usage page lists them so)
    token_ratios: dict[str, TokenRatio] = field(default_factory=dict)  # script → ratio (data/token_ratios.csv)
    usage_presets: tuple[UsagePresetRow, ...] = ()  # data/usage_presets.csv, in table order

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
    ("fleet.csv", "value"): (1e-3, 100, "a time factor or a capacity share near 1"),
    ("embodied.csv", "value"): (1e-3, 100_000, "one GPU or server slot embodies tens to thousands of kg CO2e"),
    ("training.csv", "value"): (1e-3, 1e14, "training is 0.001 to 1e6 t CO2e; a model serves up to about 1e13 requests"),
    ("llm_fit.csv", "intercept"): (-50, 50, "ln(J per token): e^50 J per token is beyond any hardware"),
    ("llm_fit.csv", "exponent_active"): (-5, 5, "energy scales with size to a power near 1"),
    ("llm_fit.csv", "exponent_total"): (-5, 5, "energy scales with size to a power near 1"),
    ("llm_fit.csv", "residual_sd_log"): (1e-6, 3, "a log-residual s.d. of 3 is a factor of 20 per s.d.: no fit at all"),
    **{("llm_fit.csv", f"xtx_inv_{k}"): (-1e6, 1e6, "(X'X)^-1 of a fit on log sizes is of order 1")
       for k in ("00", "01", "02", "11", "12", "22")},
    ("llm_fit.csv", "n_models"): (1, 100_000, "a count of measured models"),
    ("llm_fit.csv", "total_params_b_min"): (1e-4, 100_000, "the largest models are a few thousand billion parameters"),
    ("llm_fit.csv", "total_params_b_max"): (1e-4, 100_000, "the largest models are a few thousand billion parameters"),
    ("diffusion_fit.csv", "intercept"): (-50, 50, "ln(Wh per step): e^50 Wh per step is beyond any hardware"),
    ("diffusion_fit.csv", "exponent_params"): (-5, 5, "energy scales with size to a power near 1"),
    ("diffusion_fit.csv", "residual_sd_log"): (1e-6, 3, "a log-residual s.d. of 3 is a factor of 20 per s.d.: no fit at all"),
    ("diffusion_fit.csv", "n_models"): (3, 100_000, "a fit with a spread needs at least three measured models"),
    ("diffusion_fit.csv", "mean_ln_params"): (-10, 12, "ln of a size in billions of parameters"),
    ("diffusion_fit.csv", "sxx"): (1e-6, 1e6, "sum of squared deviations of ln sizes"),
    ("diffusion_fit.csv", "params_b_min"): (1e-4, 100_000, "the largest models are a few thousand billion parameters"),
    ("diffusion_fit.csv", "params_b_max"): (1e-4, 100_000, "the largest models are a few thousand billion parameters"),
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
                         "video_token_exponent", "interval_z",
                         # serving conditions (llm.py, diffusion.py): precision, context growth, self-hosted mode
                         "decode_byte_share", "kv_cache_bytes_ratio_8b", "kv_cache_size_exponent",
                         "fit_reference_context_tokens", "decode_concurrency_typical", "decode_concurrency_low_load",
                         "decode_concurrency_large_batch", "gpu_memory_gb", "gpu_memory_usable_share",
                         "gpu_memory_bandwidth_tb_s", "gpu_bf16_dense_tflops", "batch1_bandwidth_efficiency",
                         "batch1_prefill_flops_efficiency", "gpu_draw_w_batch1", "diffusion_self_hosted_factor")


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


DIFFUSION_FIT_COLUMNS = ("task", "intercept", "exponent_params", "residual_sd_log", "n_models", "mean_ln_params",
                         "sxx", "params_b_min", "params_b_max", "size_unit")


def _diffusion_fits(rows: list[_Row]) -> dict[str, DiffusionFit]:
    """data/diffusion_fit.csv: one size fit per diffusion task (rewritten by: python -m estimator fit)."""
    _refuse_duplicates(rows, "task")
    fits = {}
    for r in rows:
        task = r.choice("task", ("image", "video"))
        low_b, high_b = r.number("params_b_min"), r.number("params_b_max")
        if low_b > high_b:
            raise r._fail("params_b_min", f"{plain_number(low_b)} is above params_b_max {plain_number(high_b)}")
        fits[task] = DiffusionFit(
            task, r.number("intercept", positive=False), r.number("exponent_params", positive=False),
            r.number("residual_sd_log"), r.integer("n_models"), r.number("mean_ln_params", positive=False),
            r.number("sxx"), low_b, high_b, r.text("size_unit"), r.source())
    _require_rows("diffusion_fit.csv", fits, ("image", "video"), "task")
    return fits


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
    _require_rows("label_rules.csv", label_rules, ("lower_if_ratio_at_most", "higher_if_ratio_at_least",
                                                   "measured_if_within_factor"))
    if not label_rules["lower_if_ratio_at_most"].value.central < 1 < label_rules["higher_if_ratio_at_least"].value.central:
        raise DataError("data/label_rules.csv: thresholds must satisfy lower < 1 < higher", "fix the values")
    if label_rules["measured_if_within_factor"].value.central < 1:
        raise DataError("data/label_rules.csv: measured_if_within_factor must be at least 1 (a factor either way)",
                        "fix the value")
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


MARKET_FACTOR_COLUMNS = ("factor_id", "applies_to", "provider", "provider_name", "basis", "value_low", "value_central",
                         "value_high", "unit", "data_year")
# basis → the one unit its value is read in, and the largest value that unit can take
MARKET_FACTOR_UNITS = {"market": ("market_to_location_ratio", 5.0), "hourly_cfe": ("cfe_share", 1.0)}
BOUNDS[("market_factors.csv", "value")] = (0, 5, "a share is 0 to 1; market-based emissions above 5× location-based "
                                                 "would be a unit slip")


def read_market_factors(data_dir: Path | str | None, zones: dict[str, Zone]) -> tuple[MarketFactor, ...]:
    """data/market_factors.csv checked like every table: one MarketFactor per row.

    A "hourly_cfe" row names a zone_id of grid_intensity.csv with the same provider; a "market" row names a
    provider that some zone carries. Values may be 0 (no clean hour) or 1 (every hour clean), never above the
    unit's limit; each (applies_to, basis) appears once."""
    rows = _read(Path(data_dir) if data_dir else DATA_DIR, "market_factors.csv", MARKET_FACTOR_COLUMNS)
    _refuse_duplicates(rows, "factor_id")
    _refuse_duplicates(rows, "applies_to", "basis")
    providers = {z.provider for z in zones.values() if z.provider}
    out = []
    for r in rows:
        basis = r.choice("basis", tuple(MARKET_FACTOR_UNITS))
        unit, most = MARKET_FACTOR_UNITS[basis]
        if r.text("unit") != unit:
            raise r._fail("unit", f"{r.text('unit')[:40]!r} is not {unit!r}, the unit of basis {basis!r}")
        low, central, high = (r.number(f"value_{k}", positive=False) for k in ("low", "central", "high"))
        if not low <= central <= high:
            raise r._fail("value_low", f"low ≤ central ≤ high is broken ({low}, {central}, {high})")
        if high > most:
            raise r._fail("value_high", f"{high:g} is above {most:g}, the most a {unit} can be")
        applies_to, provider = r.text("applies_to"), r.text("provider")
        if basis == "hourly_cfe":
            if applies_to not in zones:
                raise r._fail("applies_to", f"{applies_to[:40]!r} is not a zone_id in grid_intensity.csv")
            if zones[applies_to].provider != provider:
                raise r._fail("provider", f"{provider[:40]!r} is not the provider of zone {applies_to!r} "
                                          f"({zones[applies_to].provider or 'none'})")
        else:
            if applies_to not in providers or provider != applies_to:
                raise r._fail("applies_to", f"{applies_to[:40]!r} is not a provider in grid_intensity.csv "
                                            f"({', '.join(sorted(providers))}) or differs from the provider column")
        out.append(MarketFactor(r.text("factor_id"), applies_to, provider, r.text("provider_name"), basis,
                                low, central, high, unit, r.text("data_year"), r.source()))
    return tuple(out)


VALIDATION_COLUMNS = (
    "validation_id", "task", "model_id", "model_name", "hardware_id", "gpus", "precision", "mode", "batch_regime",
    "boundary", "accounting", "input_tokens", "output_tokens", "width", "height", "steps", "frames", "fps",
    "published_value", "published_unit", "energy_wh_per_item", "source_type", "known_gap", "params_b", "region")
# The boundaries published figures use (METHODOLOGY §1.3): the estimator may not model all of them yet.
VALIDATION_BOUNDARIES = ("gpu", "server", "fleet", "datacenter", "lifecycle")
# Serving mode and precision as the source ran the model; blank precision = not published.
VALIDATION_MODES = ("production", "self-hosted")
VALIDATION_PRECISIONS = ("", "fp32", "fp16", "bf16", "fp8", "mxfp4", "int4")
VALIDATION_ACCOUNTING = ("", "location", "market")  # only for gram figures; blank for energy
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
            "precision": _optional_choice(r, "precision", VALIDATION_PRECISIONS),
            "mode": r.choice("mode", VALIDATION_MODES),
            "batch_regime": r.choice("batch_regime", ("large_batch", "typical", "low_load", "single")),
            "boundary": r.choice("boundary", VALIDATION_BOUNDARIES),
            "accounting": _optional_choice(r, "accounting", VALIDATION_ACCOUNTING),
            "input_tokens": r.integer("input_tokens", False), "output_tokens": r.integer("output_tokens", False),
            "width": r.integer("width", False), "height": r.integer("height", False),
            "steps": r.integer("steps", False), "frames": r.integer("frames", False), "fps": r.number("fps", False),
            "published_value": r.number("published_value"), "published_unit": r.text("published_unit"),
            "energy_wh_per_item": r.number("energy_wh_per_item", required=False),
            "source_type": r.choice("source_type", VALIDATION_SOURCE_TYPES),
            "known_gap": r.text("known_gap", required=False),
            # a model outside the catalogue with a published size is compared as the custom model (§1.2a); a gram
            # figure names the grid it was computed on
            "params_b": r.number("params_b", required=False), "region": r.text("region", required=False),
            "source": r.source(),
        })
    return out


def _optional_choice(r: _Row, column: str, allowed: tuple[str, ...]) -> str:
    """A column that may be blank (not published) but otherwise must be one of ``allowed``."""
    return r.choice(column, allowed) if r.text(column, required=False) else ""


# ---------------------------------------------------------------------------
# Published claims (estimator/claims.py checks them): read and checked like every table, never used to fit or
# tune anything. One row per claim: who said it, what it quantifies, how the library computes the same thing.

CLAIM_COLUMNS = (
    "claim_id", "claim", "said_by", "said_where", "said_year", "quantifies", "method", "task", "model", "params_b",
    "hardware", "region", "datacenter", "mode", "batch", "boundary", "accounting_basis", "count", "output_tokens",
    "output_words", "changed_field", "changed_value", "given_amount", "given_unit", "claimed_low", "claimed_high",
    "claimed_unit", "alt_field", "alt_value", "alt_words", "cannot_check_because", "why")
# estimate: the library's estimate of the claim's scenario; reduction: 1 - scenario with one field changed / scenario;
# given_equivalent: the source's own amount in an everyday equivalent; given_grid: the source's own energy × our grid;
# none: cannot be checked (the row says why)
CLAIM_METHODS = ("estimate", "reduction", "given_equivalent", "given_grid", "none")
# unit → (what it measures, how many grams or Wh one unit is): conversions, not figures of the estimate
CLAIM_UNITS = {"g CO2e": ("co2e", 1.0), "kg CO2e": ("co2e", 1e3), "t CO2e": ("co2e", 1e6),
               "Wh": ("energy", 1.0), "kWh": ("energy", 1e3), "MWh": ("energy", 1e6)}
CLAIM_PERCENT = "% less"
CLAIM_CHANGEABLE = ("hardware", "datacenter", "region", "model")
# a condition the claim is tried again under ("holds only for …"): one scenario field and its value
CLAIM_ALT_FIELDS = ("count", "preset", "hardware", "datacenter", "region", "model", "mode", "batch")
CLAIM_RULES = ("holds_margin", "say_factor_from")
BOUNDS.update({
    ("claims.csv", "said_year"): (1900, 2100, "a year a claim was published"),
    ("claims.csv", "count"): (1, 1e9, "the estimator's own limit on a count"),
    ("claims.csv", "alt_value"): (1, 1e9, "the estimator's own limit on a count (alt_field count)"),
    ("claims.csv", "output_tokens"): _TOKENS, ("claims.csv", "output_words"): _TOKENS,
    ("claims.csv", "params_b"): (1e-4, 100_000, "the largest models are a few thousand billion parameters"),
    ("claims.csv", "given_amount"): (1e-6, 1e15, "from a milligram or a milliwatt-hour to a world total"),
    ("claims.csv", "claimed_low"): (1e-9, 1e15, "a claimed amount in its own unit"),
    ("claims.csv", "claimed_high"): (1e-9, 1e15, "a claimed amount in its own unit"),
    ("claim_rules.csv", "value"): (1e-3, 100, "a share or a factor near 1"),
})


@dataclass(frozen=True)
class Claim:
    """One published claim and the scenario (or given amount) the library checks it with (data/claims.csv)."""

    claim_id: str
    claim: str
    said_by: str
    said_where: str
    said_year: int
    quantifies: str
    method: str
    task: str
    model: str
    params_b: float | None
    hardware: str
    region: str
    datacenter: str
    mode: str
    batch: str
    boundary: str
    accounting_basis: str
    count: float | None
    output_tokens: int | None
    output_words: int | None
    changed_field: str
    changed_value: str
    given_amount: float | None
    given_unit: str
    claimed_low: float | None
    claimed_high: float | None
    claimed_unit: str
    alt_field: str  # "" or one of CLAIM_ALT_FIELDS
    alt_value: str
    alt_words: str  # the condition in words: "1,000 images (the amount of work the paper measured)"
    cannot_check_because: str
    why: str
    source: Source
    row: int  # line in data/claims.csv (header = 1), for messages


@dataclass(frozen=True)
class ClaimTable:
    claims: tuple[Claim, ...]
    rules: dict[str, Coefficient]  # data/claim_rules.csv: the verdict thresholds


def _claim_ref(r: _Row, column: str, allowed, what: str, default: str = "") -> str:
    """An id that must exist in another table (blank: ``default``)."""
    value = r.text(column, required=False) or default
    if value and value not in allowed:
        raise r._fail(column, f"{value[:40]!r} is not {what}")
    return value


def _claim_scenario(r: _Row, bundle: DataBundle) -> dict:
    """The scenario columns of a row, each id checked against its table."""
    from .facility import BOUNDARIES
    task = _claim_ref(r, "task", bundle.tasks, "a task_id in tasks.csv")
    if not task:
        raise r._fail("task", "is empty")
    model = r.text("model", required=False)
    if model == "custom":
        r.number("params_b")
    elif model and model not in bundle.models:
        raise r._fail("model", f"{model[:40]!r} is not a model_id in models.csv (or custom with params_b)")
    if r.text("output_tokens", required=False) and r.text("output_words", required=False):
        raise r._fail("output_words", "give output_tokens or output_words, not both")
    return dict(
        task=task, model=model,
        hardware=_claim_ref(r, "hardware", bundle.hardware, "a hardware_id in hardware.csv", "h100"),
        region=_claim_ref(r, "region", bundle.zones, "a zone_id in grid_intensity.csv", "WORLD"),
        datacenter=_claim_ref(r, "datacenter", bundle.datacenters, "a datacenter_id in datacenters.csv", "typical-cloud"),
        mode=_claim_ref(r, "mode", ("production", "self-hosted"), "production or self-hosted", "production"),
        batch=_claim_ref(r, "batch", bundle.llm_fits, "a batch_regime in llm_fit.csv", "typical"),
        boundary=_claim_ref(r, "boundary", BOUNDARIES, "one of " + ", ".join(BOUNDARIES), "datacenter"))


def _claim_unit(r: _Row, column: str, bundle: DataBundle, method: str) -> str:
    unit = r.text(column)
    if method == "reduction":
        allowed = (CLAIM_PERCENT,)
    elif method == "given_grid":
        allowed = tuple(u for u, (kind, _) in CLAIM_UNITS.items() if kind == "co2e")
    elif method == "given_equivalent":
        allowed = tuple(bundle.equivalents)
    else:
        allowed = (*CLAIM_UNITS, *bundle.equivalents)
    if unit not in allowed:
        raise r._fail(column, f"{unit[:40]!r} is not one of {', '.join(allowed)} (for method {method}; "
                              "an everyday unit is an equivalent_id in equivalents.csv)")
    return unit


CLAIM_NUMBERS = ("params_b", "count", "output_tokens", "output_words", "given_amount", "claimed_low", "claimed_high")


def _claim_alternative(r: _Row, bundle: DataBundle, method: str, task: str) -> tuple[str, str, str]:
    """(field, value, words) of the condition the claim is tried again under; all three empty when none."""
    if not r.text("alt_field", required=False):
        for column in ("alt_value", "alt_words"):
            if r.text(column, required=False):
                raise r._fail(column, "is set while alt_field is empty")
        return "", "", ""
    field_ = r.choice("alt_field", CLAIM_ALT_FIELDS)
    if method not in ("estimate", "reduction"):
        raise r._fail("alt_field", f"a condition needs a scenario (method estimate or reduction, not {method})")
    if field_ == "count":
        value = plain_number(r.number("alt_value"))
    elif field_ == "preset":
        value = r.text("alt_value")
        if (task, value) not in bundle.presets:
            raise r._fail("alt_value", f"{value[:40]!r} is not a preset of task {task!r} in presets.csv")
    else:
        tables = {"hardware": (bundle.hardware, "a hardware_id in hardware.csv"),
                  "datacenter": (bundle.datacenters, "a datacenter_id in datacenters.csv"),
                  "region": (bundle.zones, "a zone_id in grid_intensity.csv"),
                  "model": (bundle.models, "a model_id in models.csv"),
                  "mode": (("production", "self-hosted"), "production or self-hosted"),
                  "batch": (bundle.llm_fits, "a batch_regime in llm_fit.csv")}
        value = _claim_ref(r, "alt_value", *tables[field_])
        if not value:
            raise r._fail("alt_value", "is empty")
    return field_, value, r.text("alt_words")


def _claim(r: _Row, bundle: DataBundle) -> Claim:
    for column in CLAIM_NUMBERS:  # every number is checked, also where the method does not use it
        r.number(column, required=False)
    method = r.choice("method", CLAIM_METHODS)
    checkable = method != "none"
    reason = r.text("cannot_check_because", required=not checkable)
    if checkable and reason:
        raise r._fail("cannot_check_because", f"is set while method is {method}; use method none")
    basis = r.choice("accounting_basis", ("location", "market")) if r.text("accounting_basis", False) else ""
    if checkable and basis == "market":
        raise r._fail("accounting_basis", "market-based claims need a provider's factor; check them as method none")
    scenario = dict(task="", model="", hardware="", region="", datacenter="", mode="", batch="", boundary="")
    if method in ("estimate", "reduction"):
        scenario = _claim_scenario(r, bundle)
    elif method == "given_grid":
        scenario["region"] = _claim_ref(r, "region", bundle.zones, "a zone_id in grid_intensity.csv")
        if not scenario["region"]:
            raise r._fail("region", "is empty (given_grid multiplies the given energy by this region's grid)")
    changed_field = changed_value = ""
    if method == "reduction":
        changed_field = r.choice("changed_field", CLAIM_CHANGEABLE)
        table = {"hardware": bundle.hardware, "datacenter": bundle.datacenters, "region": bundle.zones,
                 "model": bundle.models}[changed_field]
        changed_value = _claim_ref(r, "changed_value", table, f"a {changed_field} id")
        if not changed_value:
            raise r._fail("changed_value", "is empty")
    given_amount, given_unit = None, ""
    if method in ("given_equivalent", "given_grid"):
        given_amount = r.number("given_amount")
        kinds = ("energy",) if method == "given_grid" else ("co2e", "energy")
        given_unit = r.text("given_unit")
        if given_unit not in CLAIM_UNITS or CLAIM_UNITS[given_unit][0] not in kinds:
            raise r._fail("given_unit", f"{given_unit[:40]!r} is not one of "
                          + ", ".join(u for u, (k, _) in CLAIM_UNITS.items() if k in kinds))
    low = r.number("claimed_low", required=checkable)
    high = r.number("claimed_high", required=checkable)
    if low is not None and high is not None and low > high:
        raise r._fail("claimed_low", f"{plain_number(low)} is above claimed_high {plain_number(high)}")
    unit = _claim_unit(r, "claimed_unit", bundle, method) if checkable else r.text("claimed_unit", False)
    if method == "given_equivalent" and bundle.equivalents[unit].basis != CLAIM_UNITS[given_unit][0]:
        raise r._fail("claimed_unit", f"{unit!r} counts {bundle.equivalents[unit].basis}, the given amount "
                                      f"{CLAIM_UNITS[given_unit][0]}")
    alt_field, alt_value, alt_words = _claim_alternative(r, bundle, method, scenario["task"])
    return Claim(
        claim_id=r.text("claim_id"), claim=r.text("claim"), said_by=r.text("said_by"), said_where=r.text("said_where"),
        said_year=r.integer("said_year"), quantifies=r.text("quantifies"), method=method, **scenario,
        params_b=r.number("params_b", required=False), accounting_basis=basis,
        count=r.number("count", required=method in ("estimate", "reduction")),
        output_tokens=r.integer("output_tokens", required=False), output_words=r.integer("output_words", required=False),
        changed_field=changed_field, changed_value=changed_value, given_amount=given_amount, given_unit=given_unit,
        claimed_low=low, claimed_high=high, claimed_unit=unit, alt_field=alt_field, alt_value=alt_value, alt_words=alt_words,
        cannot_check_because=reason, why=r.text("why"), source=r.source(), row=r.line)


def _claim_id(r: _Row) -> str:
    """Claim ids are the claim's address (one stable URL per claim): lower-case letters, digits, '-' and '.'."""
    cid = r.text("claim_id")
    if not all(c.islower() or c.isdigit() or c in "-." for c in cid) or not cid[0].isalnum():
        raise r._fail("claim_id", f"{cid[:40]!r} is not URL-safe (use a-z, 0-9, '-' and '.')")
    return cid


def read_claims(data_dir: Path | str | None, bundle: DataBundle) -> ClaimTable:
    """data/claims.csv and data/claim_rules.csv, every id checked against ``bundle``'s tables.

    Nothing in the estimator reads them: estimator/claims.py compares each claim with the estimate."""
    d = Path(data_dir) if data_dir else DATA_DIR
    rows = _read(d, "claims.csv", CLAIM_COLUMNS)
    _refuse_duplicates(rows, "claim_id")
    for r in rows:
        _claim_id(r)
    claims = tuple(_claim(r, bundle) for r in rows)
    rule_rows = _read(d, "claim_rules.csv", ("rule_id", "value", "unit"))
    _refuse_duplicates(rule_rows, "rule_id")
    rules = {r.text("rule_id"): Coefficient(r.text("rule_id"), Range.exact(r.number("value")), r.text("unit"),
                                            r.source()) for r in rule_rows}
    _require_rows("claim_rules.csv", rules, CLAIM_RULES)
    return ClaimTable(claims, rules)
# ---------------------------------------------------------------------------
# The fleet step and the life cycle (facility.py, lifecycle.py): their own tables.

FLEET_COEFFICIENTS = ("host_time_factor", "idle_capacity_share")
EMBODIED_COEFFICIENTS = ("host_embodied_kg_per_gpu", "hardware_lifetime_years", "hardware_utilisation")
TRAINING_QUANTITIES = ("training_tco2e", "lifetime_requests")
TRAINING_TASKS = ("llm", "summarizer", "image", "video")  # models.csv task values
SIZE_CLASSES = ("small", "medium", "large", "frontier")


def _fleet(rows: list[_Row]) -> dict[str, Coefficient]:
    """data/fleet.csv: the same columns as coefficients.csv; read into the same dictionary."""
    _refuse_duplicates(rows, "coefficient_id")
    out = {r.text("coefficient_id"): Coefficient(r.text("coefficient_id"),
                                                 r.triple("value", r.text("coefficient_id").replace("_", " ")),
                                                 r.text("unit"), r.source()) for r in rows}
    _require_rows("fleet.csv", out, FLEET_COEFFICIENTS)
    return out


def _lifecycle(embodied_rows: list[_Row], training_rows: list[_Row], hardware: dict[str, Hardware],
               models: dict[str, Model]) -> LifecycleData:
    """data/embodied.csv and data/training.csv: every hardware has a GPU row, every model's task and size class a
    training row, every task a lifetime-requests row (a gap would be a KeyError at the lifecycle boundary)."""
    gpu: dict[str, Coefficient] = {}
    other: dict[str, Coefficient] = {}
    for r in embodied_rows:
        cid = r.text("coefficient_id")
        ids = r.text("hardware_ids", required=False).split()
        value = r.triple("value", keyed(cid.replace("_", " "), ids[0] if ids else cid))
        coefficient = Coefficient(cid, value, r.text("unit"), r.source())
        if cid == "gpu_embodied_kg":
            for hw in ids or [""]:
                if hw not in hardware:
                    raise r._fail("hardware_ids", f"{hw!r} is not a hardware id in hardware.csv")
                if hw in gpu:
                    raise r._fail("hardware_ids", f"duplicate GPU row for {hw!r}")
                gpu[hw] = coefficient
        elif cid in EMBODIED_COEFFICIENTS:
            if cid in other:
                raise r._fail("coefficient_id", f"duplicate id {cid!r}")
            other[cid] = coefficient
        else:
            raise r._fail("coefficient_id", f"{cid[:40]!r} is not one of gpu_embodied_kg, {', '.join(EMBODIED_COEFFICIENTS)}")
    _require_rows("embodied.csv", other, EMBODIED_COEFFICIENTS)
    _require_rows("embodied.csv", gpu, hardware, "gpu_embodied_kg row for hardware")
    _refuse_duplicates(training_rows, "model_task", "size_class", "quantity")
    training: dict[tuple[str, str], Coefficient] = {}
    requests: dict[str, Coefficient] = {}
    for r in training_rows:
        task, size, quantity = (r.choice("model_task", TRAINING_TASKS), r.text("size_class"),
                                r.choice("quantity", TRAINING_QUANTITIES))
        if quantity == "lifetime_requests":
            name = keyed("requests served per model", task)
            requests[task] = Coefficient(quantity, r.triple("value", name), r.text("unit"), r.source())
        else:
            if size not in SIZE_CLASSES:
                raise r._fail("size_class", f"{size[:40]!r} is not one of {', '.join(SIZE_CLASSES)}")
            name = keyed("training emissions", f"{task} {size}")
            training[(task, size)] = Coefficient(quantity, r.triple("value", name), r.text("unit"), r.source())
    _require_rows("training.csv", requests, sorted({m.task for m in models.values()}), "lifetime_requests row for task")
    _require_rows("training.csv", training, sorted({(m.task, m.size_class) for m in models.values()}),
                  "training_tco2e row for (task, size class)")
    return LifecycleData(gpu, other, training, requests)


BOUNDS[("precision.csv", "bits_per_weight")] = (1, 32, "weights are stored in 1 to 32 bits")
REFERENCE_PRECISION = "bf16"  # the precision of the per-token fit's measurements (precision.csv note)


def _precisions(rows: list[_Row]) -> dict[str, Precision]:
    _refuse_duplicates(rows, "precision_id")
    out = {r.text("precision_id"): Precision(r.text("precision_id"), r.text("label"), r.number("bits_per_weight"),
                                             r.source()) for r in rows}
    _require_rows("precision.csv", out, (REFERENCE_PRECISION,), "precision_id")
    return out


def _model_precisions(rows: list[_Row], models: dict, precisions: dict) -> dict[str, str]:
    _refuse_duplicates(rows, "model_id")
    out = {}
    for r in rows:
        mid, pid = r.text("model_id"), r.text("precision")
        if mid not in models:
            raise r._fail("model_id", f"{mid[:40]!r} is not a model_id in models.csv")
        if pid not in precisions:
            raise r._fail("precision", f"{pid[:40]!r} is not a precision_id in precision.csv")
        out[mid] = pid
    return out


BOUNDS[("model_attention.csv", "attention_layer_share")] = (0, 1, "a share of a model's layers is above 0 and at most 1")


def _attention_shares(rows: list[_Row], models: dict) -> dict[str, Range]:
    """data/model_attention.csv: models whose token-mixing layers are not all attention (hybrid Mamba–attention).

    A model without a row is a transformer with attention in every layer (share 1), the shape the KV-cache size
    rule was fitted on (coefficients.csv kv_cache_bytes_ratio_8b)."""
    _refuse_duplicates(rows, "model_id")
    out = {}
    for r in rows:
        mid = r.text("model_id")
        if mid not in models:
            raise r._fail("model_id", f"{mid[:40]!r} is not a model_id in models.csv")
        out[mid] = r.triple("attention_layer_share", keyed("attention layer share", mid))
    return out


# ---------------------------------------------------------------------------
# Usage tables ("My AI year", estimator/usage): a person's task kinds map onto the library's tasks.

# usage kind → library task (tasks.csv); estimator/usage/year.py adds the workload preset and the words
USAGE_KINDS: dict[str, str] = {"chat": "chat", "long": "chat", "summary": "summarize", "image": "image",
                               "video": "video"}
USAGE_PERIODS = ("day", "week", "month")
PRODUCT_COLUMNS = ("product_id", "label", "kinds", "model_id")
TOKEN_RATIO_COLUMNS = ("script", "chars_per_token_low", "chars_per_token_central", "chars_per_token_high", "unit")
USAGE_PRESET_COLUMNS = ("preset_id", "label", "kind", "rate", "period", "model")
SCRIPTS = ("latin", "cjk", "other")  # estimator/usage/tokens.py splits text into these by code point
BOUNDS[("token_ratios.csv", "chars_per_token")] = (0.1, 20, "tokenizers put 0.5 to 6 characters in a token")
BOUNDS[("usage_presets.csv", "rate")] = (1e-3, 10_000, "a person uses a task at most thousands of times per period")


def _name_index(models: dict[str, Model]) -> dict[str, Model]:
    """Lower-case name, alias and id → model, ids winning: the rule scenario.find_model looks names up by
    (a test checks the two agree on every product label)."""
    idx: dict[str, Model] = {}
    for m in models.values():
        for key in (m.name, *m.aliases):
            idx.setdefault(" ".join(key.split()).lower(), m)
    idx.update({m.model_id.lower(): m for m in models.values()})
    return idx


def _products(rows: list[_Row], models: dict[str, Model], tasks: dict[str, Task]) -> tuple[Product, ...]:
    """Each product's model exists and serves every kind it is listed for; a label that the catalogue's names and
    aliases (models.csv) also find must find the same model, so the two never disagree on what "ChatGPT" is."""
    _refuse_duplicates(rows, "product_id")
    names = _name_index(models)
    out = []
    seen: dict[tuple[str, str], int] = {}
    for r in rows:
        label = " ".join(r.text("label").split())
        kinds = tuple(k.strip() for k in r.text("kinds").split(";") if k.strip())
        if not kinds:
            raise r._fail("kinds", "is empty")
        mid = r.text("model_id")
        if mid not in models:
            raise r._fail("model_id", f"{mid[:40]!r} is not a model_id in models.csv")
        model = models[mid]
        for kind in kinds:
            if kind not in USAGE_KINDS:
                raise r._fail("kinds", f"{kind[:40]!r} is not one of {', '.join(USAGE_KINDS)}")
            task = tasks.get(USAGE_KINDS[kind])
            if task is None:
                raise r._fail("kinds", f"{kind!r} needs task {USAGE_KINDS[kind]!r}, which tasks.csv does not have")
            if model.task not in task.model_tasks:
                raise r._fail("model_id", f"{mid!r} is a {model.task} model and cannot do {kind} "
                                          f"(task {task.task_id} takes {', '.join(task.model_tasks)})")
            key = (label.lower(), kind)
            if key in seen:
                raise r._fail("label", f"{label[:40]!r} is listed twice for {kind} (first at row {seen[key]})")
            seen[key] = r.line
            named = names.get(label.lower())
            if named is not None and named.task in task.model_tasks and named.model_id != mid:
                raise r._fail("model_id", f"{label[:40]!r} is {mid!r} here but models.csv finds it as "
                                          f"{named.model_id!r} (a name or alias); make the two agree")
        out.append(Product(r.text("product_id"), label, kinds, mid, r.source()))
    return tuple(out)


def _token_ratios(rows: list[_Row]) -> dict[str, TokenRatio]:
    """One row per script, low ≤ central ≤ high characters per token."""
    _refuse_duplicates(rows, "script")
    ratios: dict[str, TokenRatio] = {}
    for r in rows:
        script = r.choice("script", SCRIPTS)
        low, central, high = (r.number(f"chars_per_token_{k}") for k in ("low", "central", "high"))
        if not low <= central <= high:
            raise r._fail("chars_per_token_low", f"low ≤ central ≤ high is broken ({low}, {central}, {high})")
        ratios[script] = TokenRatio(script, low, central, high, r.source())
    missing = [s for s in SCRIPTS if s not in ratios]
    if missing:
        raise DataError(f"data/token_ratios.csv has no row for {', '.join(missing)}",
                        "add one row per script: latin, cjk, other")
    return ratios


def _usage_presets(rows: list[_Row], products: tuple[Product, ...], models: dict[str, Model],
                   tasks: dict[str, Task]) -> tuple[UsagePresetRow, ...]:
    """Each line's kind, period and rate; its model a product label of that kind or a catalogued name of the
    kind's task (so a typo stops here, not on the page); one label per preset."""
    names = _name_index(models)
    labels: dict[str, str] = {}
    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for r in rows:
        pid, label = r.text("preset_id"), r.text("label")
        key = (pid.lower(), r.text("kind").lower(), r.text("model", required=False).lower())
        if key in seen:  # the same task and model twice in one preset: the last row would silently win
            raise r._fail("preset_id", f"duplicate line {pid[:40]!r} {key[1][:20]} (first at row {seen[key]})")
        seen[key] = r.line
        if labels.setdefault(pid, label) != label:
            raise r._fail("label", f"{label[:40]!r} differs from this preset's label {labels[pid][:40]!r}")
        kind = r.choice("kind", tuple(USAGE_KINDS))
        model = " ".join(r.text("model", required=False).split()) or None
        if model is not None:
            is_product = any(kind in p.kinds and p.label.lower() == model.lower() for p in products)
            named = names.get(model.lower())
            task = tasks.get(USAGE_KINDS[kind])
            if not is_product and (named is None or task is None or named.task not in task.model_tasks):
                raise r._fail("model", f"{model[:40]!r} is not a product of {kind} in products.csv nor a "
                                       f"{kind} model in models.csv")
        out.append(UsagePresetRow(pid, label, kind, r.number("rate"), r.choice("period", USAGE_PERIODS), model,
                                  r.source()))
    return tuple(out)


# ---------------------------------------------------------------------------
# Carbon-aware switching (estimator/simulate.py): published savings shown beside the simulated ones, never fitted.

SWITCHING_STUDY_COLUMNS = ("study_id", "claim", "said_by", "saved_share_low", "saved_share_central", "saved_share_high",
                           "duration_hours_low", "duration_hours_high", "task", "models_switched", "other_levers",
                           "quality_cost", "grid_trace")
BOUNDS[("switching_studies.csv", "saved_share")] = (0, 1, "a share of emissions saved is above 0 and at most 1")
BOUNDS[("switching_studies.csv", "duration_hours")] = (1, 8784, "an experiment of an hour to a year")


def read_switching_studies(data_dir: Path | str | None = None) -> tuple[dict, ...]:
    """data/switching_studies.csv checked like every table: what each study measured, its saving and its period."""
    rows = _read(Path(data_dir) if data_dir else DATA_DIR, "switching_studies.csv", SWITCHING_STUDY_COLUMNS)
    _refuse_duplicates(rows, "study_id")
    out = []
    for r in rows:
        hours_low, hours_high = r.number("duration_hours_low"), r.number("duration_hours_high")
        if hours_low > hours_high:
            raise r._fail("duration_hours_low", f"{hours_low:g} is above duration_hours_high {hours_high:g}")
        out.append({"study_id": r.text("study_id"), "claim": r.text("claim"), "said_by": r.text("said_by"),
                    "saved_share": r.triple("saved_share", keyed("published saving", r.text("study_id"))),
                    "duration_hours": (hours_low, hours_high),
                    **{c: r.text(c) for c in ("task", "models_switched", "other_levers", "quality_cost", "grid_trace")},
                    "source": r.source()})
    return tuple(out)


def _file_hash(data_dir: Path, files: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for name in sorted(f for f in files if (data_dir / f).exists()):
        h.update(name.encode())
        h.update((data_dir / name).read_bytes())
    return h.hexdigest()[:10]


TABLES = (
    "alternatives.csv", "coefficients.csv", "datacenters.csv", "equivalents.csv", "grid_intensity.csv",
    "hardware.csv", "hourly_profiles.csv", "label_rules.csv", "live_providers.csv", "llm_fit.csv", "measurements.csv",
    "models.csv", "presets.csv", "tasks.csv", "market_factors.csv", "diffusion_fit.csv", "fleet.csv", "embodied.csv",
    "training.csv", "precision.csv", "model_precision.csv", "model_attention.csv", "products.csv",
    "token_ratios.csv", "usage_presets.csv", "claims.csv", "claim_rules.csv",
    "switching_studies.csv",
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
    coefficients.update(_fleet(_read(d, "fleet.csv", ("coefficient_id", "value_low", "value_central", "value_high",
                                                      "unit"))))
    lifecycle = _lifecycle(
        _read(d, "embodied.csv", ("coefficient_id", "hardware_ids", "value_low", "value_central", "value_high", "unit")),
        _read(d, "training.csv", ("model_task", "size_class", "quantity", "value_low", "value_central", "value_high",
                                  "unit")),
        hardware, models)
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
    diffusion_fits = _diffusion_fits(_read(d, "diffusion_fit.csv", DIFFUSION_FIT_COLUMNS))
    precisions = _precisions(_read(d, "precision.csv", ("precision_id", "label", "bits_per_weight")))
    model_precisions = _model_precisions(_read(d, "model_precision.csv", ("model_id", "precision")), models, precisions)
    attention_shares = _attention_shares(_read(d, "model_attention.csv", (
        "model_id", "attention_layer_share_low", "attention_layer_share_central", "attention_layer_share_high")),
        models)
    products = _products(_read(d, "products.csv", PRODUCT_COLUMNS), models, tasks)
    token_ratios = _token_ratios(_read(d, "token_ratios.csv", TOKEN_RATIO_COLUMNS))
    usage_presets = _usage_presets(_read(d, "usage_presets.csv", USAGE_PRESET_COLUMNS), products, models, tasks)
    read_validation(d)  # never used by the estimator; read so that a broken file is refused like any table
    read_switching_studies(d)  # the simulator's published comparisons, refused like any table when broken
    market_factors = read_market_factors(d, zones)  # other accounting bases, shown beside the headline only

    bundle = DataBundle(
        models=models, hardware=hardware, datacenters=datacenters, zones=zones, equivalents=equivalents,
        presets=presets, tasks=tasks, coefficients=coefficients, llm_fits=llm_fits, alternatives=alternatives,
        label_rules=label_rules, measurements=measurements, profiles=profiles, data_hash=_file_hash(d, TABLES),
        files=TABLES, live_providers=live_providers, market_factors=market_factors, diffusion_fits=diffusion_fits,
        lifecycle=lifecycle, precisions=precisions, model_precisions=model_precisions,
        attention_shares=attention_shares, products=products,
        token_ratios=token_ratios, usage_presets=usage_presets,
    )
    read_claims(d, bundle)  # published claims: checked against the estimate, never read by it; refused if broken
    _BY_HASH[bundle.data_hash] = bundle
    return bundle
