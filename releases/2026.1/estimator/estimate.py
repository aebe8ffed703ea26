"""One estimate: task workload → GPU energy → server → datacenter → grid → CO2e, per unit and in total."""

from __future__ import annotations

from dataclasses import dataclass

from . import diffusion, facility, grid, llm
from .data import DataBundle, Datacenter, Hardware, Model, Source, Task, Zone, load_data
from .errors import EstimatorError
from .equivalents import EquivalentValue, all_equivalents, best_equivalents
from .methodology import methodology_version
from .scenario import Scenario, resolve
from .uncertainty import Range


@dataclass(frozen=True)
class GridOverride:
    """An intensity that replaces the region's annual average: a live reading, a forecast hour or an hourly profile."""

    intensity_g_per_kwh: Range
    label: str  # "live, 14:30 UTC, GB Carbon Intensity API (direct)"
    scope: str
    kind: str = "live"  # live | forecast | profile


@dataclass(frozen=True)
class Estimate:
    """The footprint of ``scenario.count`` units of a task, with every figure's range and source."""

    scenario: Scenario  # fully resolved: ids checked, workload filled
    task: Task
    model: Model
    zone: Zone
    hardware: Hardware
    datacenter: Datacenter
    energy_wh_per_unit: dict[str, Range]  # by boundary: gpu, server, datacenter
    co2e_g_per_unit: Range  # at the headline boundary
    energy_wh: Range  # total, headline boundary
    co2e_g: Range  # total, headline boundary
    intensity_g_per_kwh: Range
    methodology_version: str
    data_hash: str
    grid_label: str = ""  # where the intensity comes from, in words
    grid_override: GridOverride | None = None

    @property
    def boundary(self) -> str:
        return self.scenario.boundary

    def drivers(self) -> list[tuple[str, float]]:
        """Inputs ranked by their share of the range of total CO2e."""
        return self.co2e_g.drivers()

    def equivalents(self, data: DataBundle | None = None) -> list[EquivalentValue]:
        return all_equivalents(self.co2e_g, self.energy_wh, data or load_data())

    def best_equivalents(self, data: DataBundle | None = None, how_many: int = 3) -> list[EquivalentValue]:
        return best_equivalents(self.equivalents(data), how_many)

    def sources(self) -> list[Source]:
        """The data rows behind this number (model, grid, hardware, datacenter)."""
        return [self.model.source, self.zone.source, self.hardware.source, self.datacenter.source]


_PER_TOKEN: dict[tuple[str, str, str], Range] = {}


def _per_token_j(data: DataBundle, model: Model, batch: str) -> Range:
    """Per-token energy depends only on the model, the serving load and the data: computed once."""
    key = (data.data_hash, model.model_id, batch)
    hit = _PER_TOKEN.get(key)
    if hit is None:
        hit = llm.decode_energy_per_token_j(data.llm_fits[batch], model.active_params_b, model.total_params_b,
                                            data.coefficient("interval_z").central)
        _PER_TOKEN[key] = hit
    return hit


def gpu_energy_h100_wh(s: Scenario, model: Model, data: DataBundle) -> Range:
    """GPU energy of one unit of the task on the reference hardware (H100) [Wh]."""
    if s.task in ("chat", "summarize") and model.task in ("llm", "summarizer"):
        per_token = _per_token_j(data, model, s.batch)
        if s.task == "chat":
            tokens_in, tokens_out = Range.exact(s.input_tokens), Range.exact(s.output_tokens)
        else:
            per_word = data.coefficient("tokens_per_word")
            tokens_in, tokens_out = per_word * s.doc_words, per_word * s.summary_words
        if s.task == "chat" and s.input_tokens == 0:
            equivalents = tokens_out
        else:
            equivalents = llm.token_equivalents(tokens_in, tokens_out, data.coefficient("prefill_to_decode_energy_ratio"))
        return llm.llm_gpu_energy_wh(per_token, equivalents)
    serving = data.coefficient("diffusion_serving_factor")
    steps = diffusion.steps_factor(s.steps, model.ref_steps)
    if s.task == "image":
        return diffusion.image_gpu_energy_wh(model.ref_energy_wh_gpu, model.ref_width * model.ref_height,
                                             s.width * s.height, model.ref_steps, s.steps,
                                             data.coefficient("image_pixel_exponent"), serving)
    frames = s.seconds * model.ref_fps
    clip = diffusion.video_gpu_energy_wh(model.ref_energy_wh_gpu,
                                         model.ref_width * model.ref_height * model.ref_frames,
                                         s.width * s.height * frames,
                                         data.coefficient("video_token_exponent"), serving)
    return clip * steps if steps != 1 else clip


def energy_by_boundary_wh(gpu_h100_wh: Range, task: str, hardware: Hardware, datacenter: Datacenter,
                          data: DataBundle) -> dict[str, Range]:
    """Energy of one unit at each boundary: GPU, server (IT) and datacenter."""
    draw = data.coefficient("gpu_draw_w_llm" if task in ("chat", "summarize") else "gpu_draw_w_diffusion")
    gpu = facility.gpu_energy_on_hardware_wh(gpu_h100_wh, hardware.gpu_energy_factor)
    host = facility.host_energy_wh(gpu_h100_wh, draw, data.coefficient("host_power_w_per_gpu"), hardware.runtime_factor)
    server = facility.server_energy_wh(gpu, host)
    return {"gpu": gpu, "server": server, "datacenter": facility.datacenter_energy_wh(server, datacenter.pue)}


def annual_grid_label(zone: Zone) -> str:
    return f"{zone.year} annual average ({zone.scope}; {zone.source.publisher})"


def estimate(scenario: Scenario | None = None, data: DataBundle | None = None,
             grid_override: GridOverride | None = None, **fields) -> Estimate:
    """Estimate a scenario (or keyword fields of one): the library's main entry point.

    Raises EstimatorError for any bad input, with a one-line message and a hint.
    """
    data = data or load_data()
    unknown = sorted(set(fields) - set(Scenario.__dataclass_fields__))
    if unknown:
        raise EstimatorError(f"unknown field(s): {', '.join(unknown)}",
                             f"known fields: {', '.join(Scenario.__dataclass_fields__)}")
    if scenario is None:
        scenario = Scenario(**fields)
    elif fields:
        scenario = scenario.with_(**fields)
    r = resolve(scenario, data)
    s = r.scenario
    zone = data.zones[r.zone_id]
    if grid_override is None and s.hour is not None:
        from .hourly import hour_override
        grid_override = hour_override(zone, s.hour, s.season, data)
    hardware, datacenter = data.hardware[s.hardware], data.datacenters[s.datacenter]
    per_unit = energy_by_boundary_wh(gpu_energy_h100_wh(s, r.model, data), s.task, hardware, datacenter, data)
    intensity = grid_override.intensity_g_per_kwh if grid_override else grid.intensity_g_per_kwh(zone)
    co2e_unit = grid.emissions_g(per_unit[s.boundary], intensity)
    return Estimate(
        scenario=s, task=data.tasks[s.task], model=r.model, zone=zone, hardware=hardware, datacenter=datacenter,
        energy_wh_per_unit=per_unit, co2e_g_per_unit=co2e_unit, energy_wh=per_unit[s.boundary] * s.count,
        co2e_g=co2e_unit * s.count, intensity_g_per_kwh=intensity,
        methodology_version=methodology_version(), data_hash=data.data_hash,
        grid_label=grid_override.label if grid_override else annual_grid_label(zone), grid_override=grid_override,
    )
