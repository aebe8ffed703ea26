"""One estimate: task workload → GPU energy → server → fleet → datacenter → grid → CO2e (+ embodied hardware and
amortized training at the lifecycle boundary), per unit and in total."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import diffusion, facility, grid, lifecycle, llm, serving
from .data import DataBundle, Datacenter, Hardware, Model, Source, Task, Zone, load_data
from .errors import EstimatorError, say
from .i18n import N_
from .equivalents import EquivalentValue, all_equivalents, best_equivalents
from .methodology import methodology_version
from .grid import GridOverride
from .hourly import hour_override
from .scenario import Resolved, Scenario, resolve
from .uncertainty import Range


@dataclass(frozen=True)
class Estimate:
    """The footprint of ``scenario.count`` units of a task, with every figure's range and source."""

    scenario: Scenario  # fully resolved: ids checked, workload filled
    task: Task
    model: Model
    zone: Zone
    hardware: Hardware
    datacenter: Datacenter
    energy_wh_per_unit: dict[str, Range]  # by boundary: gpu, server, fleet, datacenter
    co2e_g_per_unit: Range  # at the headline boundary
    energy_wh: Range  # total, headline boundary (lifecycle: the datacenter boundary's electricity)
    co2e_g: Range  # total, headline boundary
    intensity_g_per_kwh: Range
    methodology_version: str
    data_hash: str
    grid_label: str = ""  # where the intensity comes from, in words
    grid_override: GridOverride | None = None
    # lifecycle boundary only: total grams of operation, embodied_hardware, amortized_training (co2e_g is their sum)
    parts: dict[str, Range] = field(default_factory=dict)
    lifecycle_sources: tuple[Source, ...] = ()

    @property
    def boundary(self) -> str:
        return self.scenario.boundary

    def co2e_g_at(self, intensity_g_per_kwh: Range) -> Range:
        """Total grams of the same request on another grid intensity: only the operation part changes."""
        grams = grid.emissions_g(self.energy_wh_per_unit[facility.energy_boundary(self.boundary)],
                                 intensity_g_per_kwh) * self.scenario.count
        if self.parts:
            grams = grams + self.parts["embodied_hardware"] + self.parts["amortized_training"]
        return grams

    def drivers(self) -> list[tuple[str, float]]:
        """Inputs ranked by their share of the range of total CO2e."""
        return self.co2e_g.drivers()

    def equivalents(self, data: DataBundle | None = None) -> list[EquivalentValue]:
        return all_equivalents(self.co2e_g, self.energy_wh, data or load_data())

    def best_equivalents(self, data: DataBundle | None = None, how_many: int = 3) -> list[EquivalentValue]:
        return best_equivalents(self.equivalents(data), how_many)

    def sources(self) -> list[Source]:
        """The data rows behind this number (model, grid, hardware, datacenter)."""
        return [self.model.source, self.zone.source, self.hardware.source, self.datacenter.source,
                *self.lifecycle_sources]


_PER_TOKEN: dict[tuple, Range] = {}


def _model_key(model: Model):
    """A catalogued model is its id; a custom one (same id, any size) is its whole frozen record."""
    return model if model.model_id == "custom" else model.model_id


def _per_token_j(data: DataBundle, model: Model, batch: str) -> Range:
    """Per-token energy depends only on the model, the serving load and the data: computed once."""
    key = (data.data_hash, _model_key(model), batch)
    hit = _PER_TOKEN.get(key)
    if hit is None:
        hit = llm.decode_energy_per_token_j(data.llm_fits[batch], model.active_params_b, model.total_params_b,
                                            data.coefficient("interval_z").central)
        _PER_TOKEN[key] = hit
    return hit


def _chat_tokens(s: Scenario, data: DataBundle) -> tuple[Range, Range]:
    """Input and output tokens of one LLM request (summaries: words × tokens per word)."""
    if s.task == "chat":
        return Range.exact(s.input_tokens), Range.exact(s.output_tokens)
    per_word = data.coefficient("tokens_per_word")
    return per_word * s.doc_words, per_word * s.summary_words


def _llm_production_wh(s: Scenario, model: Model, data: DataBundle, bits: float, kv_ratio: Range,
                       context: float, tokens_in: Range, tokens_out: Range) -> Range:
    """Batched serving: fit per token × precision factor × context factor on output tokens, plus prefill."""
    per_token = _per_token_j(data, model, s.batch)
    per_token = per_token * llm.precision_energy_factor(bits, data.coefficient("decode_byte_share"))
    growth = llm.context_energy_factor(kv_ratio, data.coefficient(f"decode_concurrency_{s.batch}"), bits, context,
                                       data.coefficient("fit_reference_context_tokens"))
    decode = tokens_out * growth
    if s.task == "chat" and s.input_tokens == 0:
        equivalents = decode
    else:
        equivalents = llm.token_equivalents(tokens_in, decode, data.coefficient("prefill_to_decode_energy_ratio"))
    return llm.llm_gpu_energy_wh(per_token, equivalents)


def _llm_self_hosted_wh(model: Model, data: DataBundle, bits: float, kv_ratio: Range, context: float,
                        tokens_in: Range, tokens_out: Range) -> Range:
    """One request alone on the GPUs that hold the model: GPUs × batch-1 draw × (prefill + decode time)."""
    c = data.coefficient
    gpus = llm.gpus_to_hold_weights(model.total_params_b.central, bits, c("gpu_memory_gb").central,
                                    c("gpu_memory_usable_share").central)
    decode = llm.batch1_decode_seconds(model.active_params_b, bits, kv_ratio, model.total_params_b.central, context,
                                       tokens_out.central, gpus, c("gpu_memory_bandwidth_tb_s").central,
                                       c("batch1_bandwidth_efficiency"))
    prefill = llm.batch1_prefill_seconds(model.active_params_b, tokens_in.central, gpus,
                                         c("gpu_bf16_dense_tflops").central, c("batch1_prefill_flops_efficiency"))
    return llm.node_gpu_energy_wh(gpus, c("gpu_draw_w_batch1"), decode + prefill)


def gpu_energy_h100_wh(s: Scenario, model: Model, data: DataBundle) -> Range:
    """GPU energy of one unit of the task on the reference hardware (H100) [Wh], in the scenario's serving
    mode and precision (METHODOLOGY §1.1, §1.2)."""
    if s.task in ("chat", "summarize") and model.task in ("llm", "summarizer"):
        tokens_in, tokens_out = _chat_tokens(s, data)
        bits = serving.bits_per_weight(serving.effective_precision_id(s.precision, model, data), data)
        kv_ratio = llm.kv_bytes_ratio(data.coefficient("kv_cache_bytes_ratio_8b"),
                                      data.coefficient("kv_cache_size_exponent").central, model.total_params_b.central,
                                      data.attention_shares.get(model.model_id, llm.FULL_ATTENTION))
        context = llm.mean_decode_context_tokens(tokens_in.central, tokens_out.central)
        if s.mode == "self-hosted":
            alone = _llm_self_hosted_wh(model, data, bits, kv_ratio, context, tokens_in, tokens_out)
            # A request alone never costs less than at the smallest batch measured (fewer requests share each
            # weight read); for very sparse MoE models the bandwidth physics can undercut that measured floor.
            floor = _llm_production_wh(s.with_(batch="low_load"), model, data, bits, kv_ratio, context,
                                       tokens_in, tokens_out)
            return alone if alone.central >= floor.central else floor
        return _llm_production_wh(s, model, data, bits, kv_ratio, context, tokens_in, tokens_out)
    serving_factor = diffusion.pipeline_factor(s.mode, data.coefficient("diffusion_serving_factor"),
                                               data.coefficient("diffusion_self_hosted_factor"))
    steps = diffusion.steps_factor(s.steps, model.ref_steps)
    if s.task == "image":
        return diffusion.image_gpu_energy_wh(model.ref_energy_wh_gpu, model.ref_width * model.ref_height,
                                             s.width * s.height, model.ref_steps, s.steps,
                                             data.coefficient("image_pixel_exponent"), serving_factor)
    frames = s.seconds * model.ref_fps
    clip = diffusion.video_gpu_energy_wh(model.ref_energy_wh_gpu,
                                         model.ref_width * model.ref_height * model.ref_frames,
                                         s.width * s.height * frames,
                                         data.coefficient("video_token_exponent"), serving_factor)
    return clip * steps if steps != 1 else clip


def gpu_draw_w(task: str, mode: str, data: DataBundle) -> Range:
    """Average GPU draw while the request runs: it sets how long the host runs per Wh of GPU energy."""
    if task in ("chat", "summarize"):
        return data.coefficient("gpu_draw_w_batch1" if mode == "self-hosted" else "gpu_draw_w_llm")
    return data.coefficient("gpu_draw_w_diffusion")


def energy_by_boundary_wh(gpu_h100_wh: Range, task: str, hardware: Hardware, datacenter: Datacenter,
                          data: DataBundle, mode: str = "production") -> dict[str, Range]:
    """Energy of one unit at each boundary: GPU, server (IT), fleet (IT) and datacenter."""
    draw = gpu_draw_w(task, mode, data)
    gpu = facility.gpu_energy_on_hardware_wh(gpu_h100_wh, hardware.gpu_energy_factor)
    host = facility.host_energy_wh(gpu_h100_wh, draw, data.coefficient("host_power_w_per_gpu"), hardware.runtime_factor)
    server = facility.server_energy_wh(gpu, host)
    if mode == "self-hosted":
        # one request holds the node and the host is already charged for the whole request (the batch-1 draw
        # sets its duration); the idle share is a production fleet's capacity held for peaks, and the idle time of
        # your own machine between requests is yours to judge, so the fleet step adds nothing (METHODOLOGY §1.4)
        fleet = server
    else:
        host_full = facility.host_energy_full_time_wh(host, data.coefficient("host_time_factor"))
        fleet = facility.fleet_energy_wh(facility.active_it_energy_wh(gpu, host_full),
                                         data.coefficient("idle_capacity_share"))
    return {"gpu": gpu, "server": server, "fleet": fleet, "datacenter": facility.datacenter_energy_wh(fleet, datacenter.pue)}


_RESOLVED: dict[tuple, Resolved] = {}
_RESOLVED_MAX = 4096  # scenarios remembered; the whole memo is dropped when full (a rare, cheap reset)


def resolved(scenario: Scenario, data: DataBundle) -> Resolved:
    """``resolve(scenario, data)``, remembered: a label resolves its scenario and every greener option's, and
    the app asks again on every rerun. The key holds each field's type as well as its value (1 and 1.0 are
    equal but print differently) and today's date (a missing season defaults to today's)."""
    try:
        key = (data.data_hash, scenario, tuple(type(v) for v in scenario.__dict__.values()), dt.date.today())
        hit = _RESOLVED.get(key)
    except TypeError:  # a field holding something unhashable (a list from a bad caller): resolve() reports it
        return resolve(scenario, data)
    if hit is None:
        hit = resolve(scenario, data)
        if len(_RESOLVED) >= _RESOLVED_MAX:
            _RESOLVED.clear()
        _RESOLVED[key] = hit
    return hit


_ENERGY: dict[tuple, dict[str, Range]] = {}


def _energy_per_unit_wh(s: Scenario, model: Model, hardware: Hardware, datacenter: Datacenter,
                        data: DataBundle) -> dict[str, Range]:
    """Energy of one unit at each boundary, remembered per workload: it does not depend on the grid, the hour or
    the count, so a label's cleaner-region and cleaner-hour options, the day curve and every rerun of the same
    workload reuse it. ``s`` is resolved, so its fields hold canonical values."""
    key = (data.data_hash, s.task, _model_key(model), s.batch, s.input_tokens, s.output_tokens, s.doc_words,
           s.summary_words, s.width, s.height, s.steps, s.seconds, hardware.hardware_id, datacenter.datacenter_id,
           s.mode, s.precision)
    hit = _ENERGY.get(key)
    if hit is None:
        hit = energy_by_boundary_wh(gpu_energy_h100_wh(s, model, data), s.task, hardware, datacenter, data, s.mode)
        if len(_ENERGY) >= _RESOLVED_MAX:
            _ENERGY.clear()
        _ENERGY[key] = hit
    return dict(hit)  # a fresh dict per estimate: nobody can change another estimate's figures through it


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
        raise EstimatorError(say(N_("unknown field(s): {names}"), names=", ".join(unknown)),
                             say(N_("known fields: {names}"), names=", ".join(Scenario.__dataclass_fields__)))
    if scenario is None:
        scenario = Scenario(**fields)
    elif fields:
        scenario = scenario.with_(**fields)
    r = resolved(scenario, data)
    s = r.scenario
    zone = data.zones[r.zone_id]
    if grid_override is None and s.hour is not None:
        grid_override = hour_override(zone, s.hour, s.season, data)
    hardware, datacenter = data.hardware[s.hardware], data.datacenters[s.datacenter]
    per_unit = _energy_per_unit_wh(s, r.model, hardware, datacenter, data)
    intensity = grid_override.intensity_g_per_kwh if grid_override else grid.intensity_g_per_kwh(zone)
    energy_unit = per_unit[facility.energy_boundary(s.boundary)]
    co2e_unit = grid.emissions_g(energy_unit, intensity)
    parts: dict[str, Range] = {}
    lifecycle_sources: tuple[Source, ...] = ()
    if s.boundary == "lifecycle":
        unit_parts = {"operation": co2e_unit, **_non_grid_parts_g(s, r.model, hardware, data)}
        co2e_unit = lifecycle.lifecycle_g(unit_parts)
        parts = {k: v * s.count for k, v in unit_parts.items()}
        lifecycle_sources = tuple(lifecycle.sources(r.model, hardware, data))
    return Estimate(
        scenario=s, task=data.tasks[s.task], model=r.model, zone=zone, hardware=hardware, datacenter=datacenter,
        energy_wh_per_unit=per_unit, co2e_g_per_unit=co2e_unit, energy_wh=energy_unit * s.count,
        co2e_g=lifecycle.lifecycle_g(parts) if parts else co2e_unit * s.count, intensity_g_per_kwh=intensity,
        methodology_version=methodology_version(), data_hash=data.data_hash,
        grid_label=grid_override.label if grid_override else annual_grid_label(zone), grid_override=grid_override,
        parts=parts, lifecycle_sources=lifecycle_sources,
    )


def _non_grid_parts_g(s: Scenario, model: Model, hardware: Hardware, data: DataBundle) -> dict[str, Range]:
    """Embodied hardware and amortized training grams of one unit (lifecycle boundary); the grid plays no part."""
    return lifecycle.non_grid_parts_g(gpu_energy_h100_wh(s, model, data), s.task, model, hardware, data)
