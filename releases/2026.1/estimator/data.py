"""Load and validate the tables in ``data/`` once.

Every table carries provenance columns (source title, publisher, year, URL, note). A table
that fails a check stops loading with a :class:`DataError` naming the file, row and column;
nothing is silently defaulted.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError
from .uncertainty import Range

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
    trade_off: str
    parameter: float | None
    source: Source


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

    def coefficient(self, coefficient_id: str) -> Range:
        return self.coefficients[coefficient_id].value


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
            raise self._fail(column, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def yes_no(self, column: str) -> bool:
        return self.choice(column, ("yes", "no")) == "yes"

    def number(self, column: str, required: bool = True, positive: bool = True) -> float | None:
        text = self.text(column, required)
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            raise self._fail(column, f"{text!r} is not a number") from None
        if not math.isfinite(value):
            raise self._fail(column, f"{text!r} is not a finite number")
        if positive and value <= 0:
            raise self._fail(column, f"{text!r} must be greater than 0")
        return value

    def integer(self, column: str, required: bool = True) -> int | None:
        value = self.number(column, required)
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

    def source(self) -> Source:
        title = self.text("source_title")
        url = self.text("source_url")
        if not (url.startswith("https://") or url.startswith("http://") or url == "METHODOLOGY.md"):
            raise self._fail("source_url", f"{url!r} is not a web address (or METHODOLOGY.md)")
        return Source(title, self.text("source_publisher"), self.text("source_year"), url,
                      self.text("note", required=False))


def _read(data_dir: Path, file: str, columns: tuple[str, ...]) -> list[_Row]:
    path = data_dir / file
    if not path.is_file():
        raise DataError(f"data/{file} is missing", f"expected it in {data_dir}")
    try:
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            missing = [c for c in columns + PROVENANCE if c not in header]
            if missing:
                raise DataError(f"data/{file}: missing column(s) {', '.join(missing)}",
                                "restore the column names listed in METHODOLOGY.md")
            rows = []
            for line, raw in enumerate(reader, start=2):
                if None in raw:
                    raise DataError(f"data/{file} row {line}: more values than columns", "check quoting and commas")
                rows.append(_Row(file, line, raw))
    except UnicodeDecodeError as exc:
        raise DataError(f"data/{file} is not valid UTF-8 ({exc.reason})", "save it as UTF-8") from None
    except csv.Error as exc:
        raise DataError(f"data/{file} is not a readable CSV ({exc})", "check quoting") from None
    if not rows:
        raise DataError(f"data/{file} has no rows", "a table needs at least one row")
    return rows


def _unique(rows: list[_Row], key_column: str, keys: list) -> None:
    seen: dict = {}
    for row, key in zip(rows, keys):
        norm = key.lower() if isinstance(key, str) else key
        if norm in seen:
            raise row._fail(key_column, f"duplicate id {key!r} (first at row {seen[norm]})")
        seen[norm] = row.line


def _aliases(row: _Row) -> tuple[str, ...]:
    return tuple(a.strip() for a in row.text("aliases", required=False).split(";") if a.strip())


def _models(rows: list[_Row], measurements: dict[str, Measurement]) -> dict[str, Model]:
    out = {}
    for r in rows:
        mid = r.text("model_id")
        task = r.choice("task", ("llm", "summarizer", "image", "video"))
        is_diffusion = task in ("image", "video")
        total = r.triple("total_params_b", f"size of {mid}", required=not is_diffusion or False)
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
                raise r._fail("measurement_id", f"{mid_ref!r} is not in measurements.csv")
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
            aliases=_aliases(r), source=r.source(),
        )
    _unique(rows, "model_id", list(out))
    return out


def _measurements(rows: list[_Row]) -> dict[str, Measurement]:
    out = {}
    ids = []
    for r in rows:
        mid = r.text("measurement_id")
        ids.append(mid)
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
    _unique(rows, "measurement_id", ids)
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

    measurements = _measurements(_read(d, "measurements.csv", (
        "measurement_id", "task", "model_id", "model_name", "precision", "hardware_id", "batch_regime",
        "boundary", "energy_wh_per_item", "energy_j_per_output_token", "input_tokens", "output_tokens",
        "width", "height", "steps", "frames", "fps", "use")))

    model_rows = _read(d, "models.csv", (
        "model_id", "name", "task", "family", "open_weights", "architecture", "total_params_b_low",
        "total_params_b_central", "total_params_b_high", "active_params_b_low", "active_params_b_central",
        "active_params_b_high", "size_is_estimate", "size_class", "measurement_id", "ref_energy_wh_gpu_low",
        "ref_energy_wh_gpu_central", "ref_energy_wh_gpu_high", "ref_width", "ref_height", "ref_steps",
        "ref_frames", "ref_fps", "default_steps", "aliases"))
    models = _models(model_rows, measurements)

    hw_rows = _read(d, "hardware.csv", ("hardware_id", "name", "gpu_energy_factor_low", "gpu_energy_factor_central",
                                         "gpu_energy_factor_high", "runtime_factor_low", "runtime_factor_central",
                                         "runtime_factor_high", "power_capped", "capped_variant"))
    hardware = {
        r.text("hardware_id"): Hardware(
            r.text("hardware_id"), r.text("name"), r.triple("gpu_energy_factor", "hardware energy factor"),
            r.triple("runtime_factor", "hardware runtime factor"), r.yes_no("power_capped"),
            r.text("capped_variant", required=False), r.source())
        for r in hw_rows
    }
    _unique(hw_rows, "hardware_id", [r.text("hardware_id") for r in hw_rows])
    for r in hw_rows:
        v = r.text("capped_variant", required=False)
        if v and v not in hardware:
            raise r._fail("capped_variant", f"{v!r} is not a hardware_id in hardware.csv")

    dc_rows = _read(d, "datacenters.csv", ("datacenter_id", "name", "pue_low", "pue_central", "pue_high"))
    datacenters = {}
    for r in dc_rows:
        pue = r.triple("pue", "datacenter PUE")
        if pue.low < 1:
            raise r._fail("pue_low", "a PUE below 1.0 is physically impossible")
        datacenters[r.text("datacenter_id")] = Datacenter(r.text("datacenter_id"), r.text("name"), pue, r.source())
    _unique(dc_rows, "datacenter_id", [r.text("datacenter_id") for r in dc_rows])

    zone_rows = _read(d, "grid_intensity.csv", (
        "zone_id", "name", "kind", "country_iso2", "provider", "aliases", "intensity_g_per_kwh_low",
        "intensity_g_per_kwh_central", "intensity_g_per_kwh_high", "scope", "year"))
    zones = {}
    for r in zone_rows:
        zid = r.text("zone_id")
        zones[zid] = Zone(
            zid, r.text("name"), r.choice("kind", ("world", "country", "us_state", "cloud_region")),
            r.text("country_iso2", required=False), r.text("provider", required=False), _aliases(r),
            r.triple("intensity_g_per_kwh", "grid carbon intensity"), r.choice("scope", ("lifecycle", "direct")),
            r.text("year"), r.source())
        if zones[zid].intensity_g_per_kwh.high > 2000:
            raise r._fail("intensity_g_per_kwh_high", "above 2000 g/kWh is not a plausible grid intensity")
    _unique(zone_rows, "zone_id", [r.text("zone_id") for r in zone_rows])
    if "WORLD" not in zones:
        raise DataError("data/grid_intensity.csv has no WORLD row", "the world average is the default region")

    eq_rows = _read(d, "equivalents.csv", ("equivalent_id", "label_singular", "label_plural", "basis",
                                            "per_unit_low", "per_unit_central", "per_unit_high", "unit",
                                            "display_priority"))
    equivalents = {
        r.text("equivalent_id"): Equivalent(
            r.text("equivalent_id"), r.text("label_singular"), r.text("label_plural"),
            r.choice("basis", ("co2e", "energy")), r.triple("per_unit", f"equivalence factor {r.text('equivalent_id')}"),
            r.text("unit"), r.integer("display_priority"), r.source())
        for r in eq_rows
    }
    _unique(eq_rows, "equivalent_id", [r.text("equivalent_id") for r in eq_rows])

    task_rows = _read(d, "tasks.csv", ("task_id", "name", "unit_singular", "unit_plural", "model_tasks",
                                        "typical_model_id", "typical_preset_id"))
    tasks = {}
    for r in task_rows:
        mt = tuple(x for x in r.text("model_tasks").split(";") if x)
        tmid = r.text("typical_model_id")
        if tmid not in models:
            raise r._fail("typical_model_id", f"{tmid!r} is not a model_id in models.csv")
        if models[tmid].task not in mt:
            raise r._fail("typical_model_id", f"{tmid!r} is a {models[tmid].task} model, not one of {mt}")
        tasks[r.text("task_id")] = Task(r.text("task_id"), r.text("name"), r.text("unit_singular"),
                                        r.text("unit_plural"), mt, tmid, r.text("typical_preset_id"), r.source())
    _unique(task_rows, "task_id", [r.text("task_id") for r in task_rows])

    preset_rows = _read(d, "presets.csv", ("task_id", "preset_id", "label", "input_tokens", "output_tokens",
                                            "doc_words", "summary_words", "width", "height", "steps", "seconds",
                                            "is_default"))
    presets = {}
    for r in preset_rows:
        tid = r.text("task_id")
        if tid not in tasks:
            raise r._fail("task_id", f"{tid!r} is not a task_id in tasks.csv")
        p = Preset(tid, r.text("preset_id"), r.text("label"), r.integer("input_tokens", False),
                   r.integer("output_tokens", False), r.integer("doc_words", False),
                   r.integer("summary_words", False), r.integer("width", False), r.integer("height", False),
                   r.integer("steps", False), r.number("seconds", False), r.yes_no("is_default"), r.source())
        needed = {"chat": ("input_tokens", "output_tokens"), "summarize": ("doc_words", "summary_words"),
                  "image": ("width", "height"), "video": ("width", "height", "seconds")}[tid]
        for col in needed:
            if getattr(p, col) is None:
                raise r._fail(col, f"a {tid} preset needs {col}")
        presets[(tid, p.preset_id)] = p
    _unique(preset_rows, "preset_id", [(r.text("task_id"), r.text("preset_id")) for r in preset_rows])
    for t in tasks.values():
        if (t.task_id, t.typical_preset_id) not in presets:
            raise DataError(f"data/tasks.csv: typical_preset_id {t.typical_preset_id!r} of task {t.task_id!r} "
                            "is not in presets.csv", "add the preset or fix the id")
        defaults = [p for p in presets.values() if p.task_id == t.task_id and p.is_default]
        if len(defaults) != 1:
            raise DataError(f"data/presets.csv: task {t.task_id!r} needs exactly one default preset "
                            f"(has {len(defaults)})", "set is_default=yes on one row")

    coef_rows = _read(d, "coefficients.csv", ("coefficient_id", "value_low", "value_central", "value_high", "unit"))
    coefficients = {
        r.text("coefficient_id"): Coefficient(r.text("coefficient_id"),
                                              r.triple("value", r.text("coefficient_id").replace("_", " ")),
                                              r.text("unit"), r.source())
        for r in coef_rows
    }
    _unique(coef_rows, "coefficient_id", list(coefficients))
    for needed in ("prefill_to_decode_energy_ratio", "tokens_per_word", "host_power_w_per_gpu", "gpu_draw_w_llm",
                   "gpu_draw_w_diffusion", "diffusion_serving_factor", "image_pixel_exponent",
                   "video_token_exponent", "interval_z"):
        if needed not in coefficients:
            raise DataError(f"data/coefficients.csv has no row {needed!r}", "restore the row")

    fit_rows = _read(d, "llm_fit.csv", ("batch_regime", "label", "intercept", "exponent_active", "exponent_total",
                                         "residual_sd_log", "xtx_inv_00", "xtx_inv_01", "xtx_inv_02", "xtx_inv_11",
                                         "xtx_inv_12", "xtx_inv_22", "n_models", "total_params_b_min",
                                         "total_params_b_max"))
    llm_fits = {}
    for r in fit_rows:
        regime = r.choice("batch_regime", ("large_batch", "typical", "low_load"))
        llm_fits[regime] = LlmFit(
            regime, r.text("label"), r.number("intercept", positive=False), r.number("exponent_active", positive=False),
            r.number("exponent_total", positive=False), r.number("residual_sd_log"),
            tuple(r.number(f"xtx_inv_{k}", positive=False) for k in ("00", "01", "02", "11", "12", "22")),
            r.integer("n_models"), r.number("total_params_b_min"), r.number("total_params_b_max"), r.source())
    _unique(fit_rows, "batch_regime", list(llm_fits))
    if "typical" not in llm_fits:
        raise DataError("data/llm_fit.csv has no 'typical' batch regime", "run: python -m estimator fit")

    alt_rows = _read(d, "alternatives.csv", ("alternative_id", "label", "trade_off", "parameter"))
    alternatives = {
        r.text("alternative_id"): Alternative(r.text("alternative_id"), r.text("label"), r.text("trade_off"),
                                              r.number("parameter", required=False), r.source())
        for r in alt_rows
    }
    for r in alt_rows:
        p = r.number("parameter", required=False)
        if p is not None and not p < 1:
            raise r._fail("parameter", "a reduction factor must be below 1")

    rule_rows = _read(d, "label_rules.csv", ("rule_id", "value", "unit"))
    label_rules = {
        r.text("rule_id"): Coefficient(r.text("rule_id"), Range.exact(r.number("value")), r.text("unit"), r.source())
        for r in rule_rows
    }
    for needed in ("lower_if_ratio_at_most", "higher_if_ratio_at_least"):
        if needed not in label_rules:
            raise DataError(f"data/label_rules.csv has no row {needed!r}", "restore the row")
    if not label_rules["lower_if_ratio_at_most"].value.central < 1 < label_rules["higher_if_ratio_at_least"].value.central:
        raise DataError("data/label_rules.csv: thresholds must satisfy lower < 1 < higher", "fix the values")

    # Optional: regions without a profile simply offer no offline "cleaner hour".
    prof_rows = [] if not (d / "hourly_profiles.csv").exists() else _read(d, "hourly_profiles.csv", ("zone_id", "season", "hour_local", "timezone",
                                                   "intensity_g_per_kwh_p10", "intensity_g_per_kwh_mean",
                                                   "intensity_g_per_kwh_p90", "data_year", "scope"))
    profiles: dict[str, dict[str, list[ProfileHour]]] = {}
    for r in prof_rows:
        zid = r.text("zone_id")
        if zid not in zones:
            raise r._fail("zone_id", f"{zid!r} is not a zone_id in grid_intensity.csv")
        season = r.choice("season", ("winter", "spring", "summer", "autumn"))
        hour = r.integer("hour_local", required=False) if r.text("hour_local") != "0" else 0
        if hour is None or not 0 <= hour <= 23:
            raise r._fail("hour_local", "must be a whole hour from 0 to 23")
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

    bundle = DataBundle(
        models=models, hardware=hardware, datacenters=datacenters, zones=zones, equivalents=equivalents,
        presets=presets, tasks=tasks, coefficients=coefficients, llm_fits=llm_fits, alternatives=alternatives,
        label_rules=label_rules, measurements=measurements, profiles=profiles, data_hash=_file_hash(d, TABLES), files=TABLES,
    )
    _BY_HASH[bundle.data_hash] = bundle
    return bundle
