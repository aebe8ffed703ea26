"""How we got this number: an estimate's chain, step by step, for a teacher to explain line by line.

tokens (or a measured reference image or clip) → GPU energy → your hardware → server → serving fleet →
datacenter (PUE) → grid → grams → (+ making the hardware, + training, at the lifecycle boundary) → × how many
→ an everyday equivalent.

Each step carries its value (a Range with a unit), the factor it applies, the formula in words and the data
rows behind it. The steps fold back to the headline: take the first step's value, multiply by each "×" step's
factor and add each "+" step's amount; the "≈" step only reads the total in other units. The values are the
estimate's own (``Estimate.energy_wh_per_unit``, ``co2e_g_per_unit``, ``co2e_g``, ``parts``), so the chain
ends exactly on the number the page shows. The energy chain stops at the result's boundary (gpu, server or
fleet), and self-hosted serving has no fleet step (METHODOLOGY §1.4). No new figure is made here: every
factor is a ratio of the library's own values or a data row.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import diffusion, facility, grid, lifecycle, llm, serving
from .data import DataBundle, Source
from .equivalents import EquivalentValue, all_equivalents, best_equivalents
from .estimate import Estimate, _chat_tokens, _per_token_j, gpu_draw_w, gpu_energy_h100_wh
from .present import fmt_amount, fmt_range, grams_unit, wh_unit
from .uncertainty import Range, ratio

START, TIMES, PLUS, READS = "start", "×", "+", "≈"
ARITHMETIC = "Arithmetic: no data row, only the numbers above"
# unit conversions, not figures of the estimate
J_PER_WH = llm.J_PER_WH
WH_PER_KWH = 1000.0


@dataclass(frozen=True)
class Step:
    """One line of the walk-through: ``value`` (in ``unit``) is the running result after this step."""

    name: str
    value: Range
    unit: str  # "Wh", "g CO2e", "tokens", or an equivalent's plural
    operation: str  # start | × | + | ≈
    factor: Range | None  # what × multiplies by, or what + adds; None for the start and the ≈ reading
    factor_unit: str
    formula: str  # the formula in words, with this request's numbers
    sources: tuple[Source, ...] = ()  # the data rows behind the step; () = arithmetic

    @property
    def is_arithmetic(self) -> bool:
        return not self.sources


# ---------------------------------------------------------------- words for numbers (shared by the page and tests)

def value_text(r: Range, unit: str) -> tuple[str, str]:
    """('0.52 Wh', '0.30–0.91 Wh'): Wh and grams pick a readable unit, other units are written after."""
    if unit == "Wh":
        return fmt_range(r, wh_unit)
    if unit == "g CO2e":
        central, span = fmt_range(r, grams_unit)
        return f"{central} CO₂e", span
    return f"{fmt_amount(r.central)} {unit}", f"{fmt_amount(r.low)}–{fmt_amount(r.high)} {unit}"


def factor_text(step: Step) -> str:
    """'× 1.3', '× 0.00012 Wh per token', '+ 0.031 g CO2e'; '' for the start and the ≈ reading."""
    if step.factor is None:
        return ""
    if step.operation == PLUS:
        return f"+ {value_text(step.factor, step.factor_unit)[0]}"
    unit = f" {step.factor_unit}" if step.factor_unit else ""
    return f"× {fmt_amount(step.factor.central)}{unit}"


# ---------------------------------------------------------------- the start: the work itself → GPU energy on H100

def _coef_sources(data: DataBundle, *ids: str) -> tuple[Source, ...]:
    return tuple(data.coefficients[i].source for i in ids)


def _unique(sources) -> tuple[Source, ...]:
    out: list[Source] = []
    for s in sources:
        if all((s.title, s.url) != (o.title, o.url) for o in out):
            out.append(s)
    return tuple(out)


def _llm_batched_steps(e: Estimate, data: DataBundle, batch: str, gpu_h100: Range, floor_note: str = "") -> list[Step]:
    """Production serving: decode-equivalent tokens, then × Wh per token from the size fit (× precision)."""
    s, model = e.scenario, e.model
    tokens_in, tokens_out = _chat_tokens(s, data)
    precision_id = serving.effective_precision_id(s.precision, model, data)
    bits = serving.bits_per_weight(precision_id, data)
    kv = llm.kv_bytes_ratio(data.coefficient("kv_cache_bytes_ratio_8b"), data.coefficient("kv_cache_size_exponent").central,
                            model.total_params_b.central, data.attention_shares.get(model.model_id, llm.FULL_ATTENTION))
    context = llm.mean_decode_context_tokens(tokens_in.central, tokens_out.central)
    growth = llm.context_energy_factor(kv, data.coefficient(f"decode_concurrency_{batch}"), bits, context,
                                       data.coefficient("fit_reference_context_tokens"))
    decode = tokens_out * growth
    prefill_ratio = data.coefficient("prefill_to_decode_energy_ratio")
    if s.task == "chat" and s.input_tokens == 0:
        tokens = decode
        prompt_words = "no prompt tokens"
    else:
        tokens = llm.token_equivalents(tokens_in, decode, prefill_ratio)
        prompt_words = (f"{fmt_amount(tokens_in.central)} prompt tokens, each worth "
                        f"{fmt_amount(prefill_ratio.central)} of an answer token (reading a prompt is cheaper)")
    words = ""
    if s.task == "summarize":
        words = (f" ({s.doc_words:,} words in, {s.summary_words:,} out, × "
                 f"{fmt_amount(data.coefficient('tokens_per_word').central)} tokens per word)")
    growth_words = (f" × {fmt_amount(growth.central)}, because the context is longer than in the measurements"
                    if growth.central != 1 else "")
    start_sources = _coef_sources(data, "prefill_to_decode_energy_ratio") + (
        _coef_sources(data, "tokens_per_word") if s.task == "summarize" else ()) + (
        _coef_sources(data, "kv_cache_bytes_ratio_8b", "fit_reference_context_tokens") if growth.central != 1 else ())
    per_token_j = _per_token_j(data, model, batch) * llm.precision_energy_factor(bits, data.coefficient("decode_byte_share"))
    fit = data.llm_fits[batch]
    precision_words = (f" at {data.precisions[precision_id].label.split(' (')[0]} weights"
                       if bits != llm.BF16_BITS else "")
    gpu_sources = (fit.source, model.source) + (_coef_sources(data, "decode_byte_share") if bits != llm.BF16_BITS else ())
    return [
        Step("The work: tokens", tokens, "tokens", START, None, "",
             f"{fmt_amount(tokens_out.central)} answer tokens{growth_words}, plus {prompt_words}{words}: "
             "the answer-token equivalents the GPU works through.", _unique(start_sources)),
        Step("GPU energy on the reference GPU (H100)", gpu_h100, "Wh", TIMES, per_token_j / J_PER_WH, "Wh per token",
             f"tokens × {fmt_amount(per_token_j.central)} joules per token ÷ 3,600 joules per Wh. Joules per token "
             f"come from a fit of measured models by size ({model.name}{precision_words}; {fit.label.lower()})"
             + floor_note + ".", _unique(gpu_sources)),
    ]


def _llm_self_hosted_steps(e: Estimate, data: DataBundle, gpu_h100: Range) -> list[Step]:
    """One request alone on its GPUs: seconds of work, then × GPUs × draw ÷ 3,600."""
    s, model, c = e.scenario, e.model, data.coefficient
    tokens_in, tokens_out = _chat_tokens(s, data)
    bits = serving.bits_per_weight(serving.effective_precision_id(s.precision, model, data), data)
    kv = llm.kv_bytes_ratio(c("kv_cache_bytes_ratio_8b"), c("kv_cache_size_exponent").central,
                            model.total_params_b.central, data.attention_shares.get(model.model_id, llm.FULL_ATTENTION))
    context = llm.mean_decode_context_tokens(tokens_in.central, tokens_out.central)
    gpus = llm.gpus_to_hold_weights(model.total_params_b.central, bits, c("gpu_memory_gb").central,
                                    c("gpu_memory_usable_share").central)
    decode = llm.batch1_decode_seconds(model.active_params_b, bits, kv, model.total_params_b.central, context,
                                       tokens_out.central, gpus, c("gpu_memory_bandwidth_tb_s").central,
                                       c("batch1_bandwidth_efficiency"))
    prefill = llm.batch1_prefill_seconds(model.active_params_b, tokens_in.central, gpus, c("gpu_bf16_dense_tflops").central,
                                         c("batch1_prefill_flops_efficiency"))
    seconds = decode + prefill
    draw = c("gpu_draw_w_batch1")
    return [
        Step("The work: seconds on the GPUs", seconds, "s", START, None, "",
             f"{fmt_amount(tokens_out.central)} answer tokens, each reading the model's weights and cache from memory "
             f"at {fmt_amount(c('batch1_bandwidth_efficiency').central * 100)}% of the GPU's bandwidth, plus the time "
             f"to read {fmt_amount(tokens_in.central)} prompt tokens, on {gpus} GPU"
             f"{'s that hold' if gpus > 1 else ' that holds'} the model.",
             _unique((model.source, *_coef_sources(data, "gpu_memory_bandwidth_tb_s", "batch1_bandwidth_efficiency",
                                                   "gpu_bf16_dense_tflops", "batch1_prefill_flops_efficiency",
                                                   "gpu_memory_gb", "kv_cache_bytes_ratio_8b")))),
        Step("GPU energy on the reference GPU (H100)", gpu_h100, "Wh", TIMES, draw * (gpus / J_PER_WH), "Wh per second",
             f"seconds × {gpus} GPU{'s' if gpus > 1 else ''} × {fmt_amount(draw.central)} W each ÷ 3,600 seconds per "
             "hour: one request alone keeps the GPUs busy for its whole time.", _coef_sources(data, "gpu_draw_w_batch1")),
    ]


def _diffusion_steps(e: Estimate, data: DataBundle, gpu_h100: Range) -> list[Step]:
    """A measured reference run, scaled to this size, steps (and length), then × the serving factor."""
    s, model = e.scenario, e.model
    what = "image" if s.task == "image" else "clip"
    ref = model.ref_energy_wh_gpu
    serving_factor = diffusion.pipeline_factor(s.mode, data.coefficient("diffusion_serving_factor"),
                                               data.coefficient("diffusion_self_hosted_factor"))
    steps = diffusion.steps_factor(s.steps, model.ref_steps)
    if s.task == "image":
        size = diffusion.ratio_power(s.width * s.height / (model.ref_width * model.ref_height),
                                     data.coefficient("image_pixel_exponent"), "resolution scaling exponent")
        size_words = (f"(your {s.width}×{s.height} pixels ÷ the reference's {model.ref_width}×{model.ref_height}) "
                      f"to the power {data.coefficient('image_pixel_exponent').central:g}")
        exponent_id = "image_pixel_exponent"
    else:
        frames = s.seconds * model.ref_fps
        size = diffusion.ratio_power(s.width * s.height * frames / (model.ref_width * model.ref_height * model.ref_frames),
                                     data.coefficient("video_token_exponent"), "video length/resolution scaling exponent")
        size_words = (f"(your {s.width}×{s.height} pixels × {fmt_amount(frames)} frames ÷ the reference's "
                      f"{model.ref_width}×{model.ref_height} × {model.ref_frames}) to the power "
                      f"{data.coefficient('video_token_exponent').central:g}")
        exponent_id = "video_token_exponent"
    settings = size * steps if steps != 1 else size
    at_settings = ref * settings
    run = data.measurements.get(model.measurement_id)
    ref_sources = _unique(((run.source,) if run else ()) + (model.source,))
    factor_id = "diffusion_self_hosted_factor" if s.mode == "self-hosted" else "diffusion_serving_factor"
    return [
        Step(f"The work: a measured reference {what}", ref, "Wh", START, None, "",
             f"GPU energy measured for one {what} of {model.name} at {model.ref_width}×{model.ref_height} pixels, "
             f"{model.ref_steps} denoising steps" + (f", {model.ref_frames} frames" if s.task == "video" else "") + ".",
             ref_sources),
        Step(f"Your {what}'s size and steps", at_settings, "Wh", TIMES, settings, "",
             f"{size_words} × (your {s.steps} steps ÷ {model.ref_steps} reference steps).",
             _coef_sources(data, exponent_id)),
        Step("GPU energy on the reference GPU (H100)", gpu_h100, "Wh", TIMES, serving_factor, "",
             ("× the self-hosted pipeline factor: half precision and tuned kernels are not a given at home."
              if s.mode == "self-hosted" else "× the serving factor: a production service batches and tunes what "
                                              "the benchmark ran one at a time."),
             _coef_sources(data, factor_id)),
    ]


def _start_steps(e: Estimate, data: DataBundle, gpu_h100: Range) -> list[Step]:
    s, model = e.scenario, e.model
    if s.task in ("chat", "summarize") and model.task in ("llm", "summarizer"):
        if s.mode != "self-hosted":
            return _llm_batched_steps(e, data, s.batch, gpu_h100)
        floor = _llm_batched_steps(e, data, "low_load", gpu_h100)
        if abs(floor[1].factor.central * floor[0].value.central - gpu_h100.central) <= 1e-9 * gpu_h100.central:
            # alone on its GPUs this model would undercut the smallest batch measured: the floor applies
            return _llm_batched_steps(e, data, "low_load", gpu_h100, floor_note=(
                "; self-hosted, a request alone never costs less than at the smallest batch measured"))
        return _llm_self_hosted_steps(e, data, gpu_h100)
    return _diffusion_steps(e, data, gpu_h100)


# ---------------------------------------------------------------- GPU → server → fleet → datacenter

def _draw_id(task: str, mode: str) -> str:
    """The coefficients.csv row of the GPU draw that sets the host's time (estimate.gpu_draw_w reads the same)."""
    if task in ("chat", "summarize"):
        return "gpu_draw_w_batch1" if mode == "self-hosted" else "gpu_draw_w_llm"
    return "gpu_draw_w_diffusion"


def _energy_steps(e: Estimate, data: DataBundle, gpu_h100: Range) -> list[Step]:
    """Hardware, server, fleet and datacenter steps, up to the result's energy boundary."""
    per_unit, hw, s = e.energy_wh_per_unit, e.hardware, e.scenario
    boundary = facility.energy_boundary(e.boundary)
    draw = gpu_draw_w(s.task, s.mode, data)
    host_w = data.coefficient("host_power_w_per_gpu")
    steps = [Step(f"On your hardware ({hw.name})", per_unit["gpu"], "Wh", TIMES, hw.gpu_energy_factor, "",
                  "× the hardware's energy factor against the H100 the measurements ran on"
                  + (" (the reference itself: × 1)." if hw.gpu_energy_factor.central == 1 else "."), (hw.source,))]
    if boundary == "gpu":
        return steps
    steps.append(Step("Whole server (GPU + host)", per_unit["server"], "Wh", TIMES, ratio(per_unit["server"], per_unit["gpu"]),
                      "", f"GPU energy + the host's CPUs, memory and fans at {fmt_amount(host_w.central)} W per GPU for "
                          f"the time the GPU works (GPU energy ÷ {fmt_amount(draw.central)} W average draw"
                          + (f" × {fmt_amount(hw.runtime_factor.central)} runtime factor" if hw.runtime_factor.central != 1
                             else "") + ").",
                      _unique((*_coef_sources(data, "host_power_w_per_gpu", _draw_id(s.task, s.mode)), hw.source))))
    if boundary == "server":
        return steps
    if s.mode != "self-hosted":  # self-hosted: the fleet step adds nothing (METHODOLOGY §1.4)
        steps.append(Step("Serving fleet (idle capacity)", per_unit["fleet"], "Wh", TIMES,
                          ratio(per_unit["fleet"], per_unit["server"]), "",
                          f"the host's share × {fmt_amount(data.coefficient('host_time_factor').central)}, for the "
                          "whole time a request holds its machine, then everything × (1 + "
                          f"{fmt_amount(data.coefficient('idle_capacity_share').central)}) for machines kept idle "
                          "for peaks and failover.",
                          _coef_sources(data, "host_time_factor", "idle_capacity_share")))
    if boundary == "fleet":
        return steps
    steps.append(Step("Datacenter (cooling and building, PUE)", per_unit["datacenter"], "Wh", TIMES, e.datacenter.pue, "",
                      f"× the power usage effectiveness (PUE) of the datacenter ({e.datacenter.name}): each Wh the "
                      "computers use brings cooling and power conversion with it.", (e.datacenter.source,)))
    return steps


# ---------------------------------------------------------------- grid → grams, life cycle, count, equivalent

def _grid_sources(e: Estimate, data: DataBundle) -> tuple[Source, ...]:
    """The row behind the intensity used: the hourly profile, the live provider (data/live_providers.csv) or the
    zone's annual average."""
    if e.grid_override is not None and e.grid_override.kind in ("live", "forecast"):
        rows = [r for r in data.live_providers.values() if r["name"] in e.grid_override.label]
        if rows:
            return tuple(Source(f"{r['name']} (live reading)", r["name"], "live", r["source_url"], "") for r in rows)
    if e.grid_override is not None and e.grid_override.kind == "profile":
        from .hourly import profile_zone

        pid = profile_zone(e.zone, data)
        seasons = data.profiles.get(pid, {}) if pid else {}
        season = e.scenario.season if e.scenario.season in seasons else next(iter(seasons), None)
        if season is not None:
            return (seasons[season][0].source, e.zone.source)
    return (e.zone.source,)


def _grid_step(e: Estimate, data: DataBundle) -> Step:
    intensity = e.intensity_g_per_kwh
    name = "Grid → grams of CO₂e" + (" (operation)" if e.parts else "")
    # at the lifecycle boundary co2e_g_per_unit holds all three parts: the operation part is the grid's alone
    grams = grid.emissions_g(e.energy_wh_per_unit[facility.energy_boundary(e.boundary)], intensity) if e.parts \
        else e.co2e_g_per_unit
    return Step(name, grams, "g CO2e", TIMES,
                intensity / WH_PER_KWH, "g CO₂e per Wh",
                f"Wh ÷ 1,000 × {fmt_amount(intensity.central)} g CO₂e per kWh on the {e.zone.name} grid "
                f"— {e.grid_label}.", _grid_sources(e, data))


def _lifecycle_steps(e: Estimate, data: DataBundle, gpu_h100: Range, operation: Range) -> list[Step]:
    s = e.scenario
    parts = lifecycle.non_grid_parts_g(gpu_h100, s.task, e.model, e.hardware, data)
    lc = data.lifecycle
    embodied_src = _unique((lc.gpu_embodied_kg[e.hardware.hardware_id].source, *(c.source for c in lc.embodied.values())))
    training, requests = lifecycle.training_row(e.model, data)
    training_src = _unique(src for src in lifecycle.sources(e.model, e.hardware, data) if src not in embodied_src)
    with_embodied = operation + parts["embodied_hardware"]
    return [
        Step("+ Making the hardware", with_embodied, "g CO2e", PLUS, parts["embodied_hardware"], "g CO2e",
             "the GPU's and server's manufacturing footprint, spread over the hours they serve in their life, × the "
             "hours this request holds a GPU slot.", embodied_src),
        Step("+ Training the model", e.co2e_g_per_unit, "g CO2e", PLUS, parts["amortized_training"], "g CO2e",
             f"{fmt_amount(training.central)} t CO₂e of training ÷ {fmt_amount(requests.central)} requests the model "
             "serves in its life (a judgement: no developer publishes that count).", training_src),
    ]


def reading_equivalent(e: Estimate, data: DataBundle) -> EquivalentValue:
    """The everyday equivalent the walk-through ends on: the first the page shows, else the first by priority."""
    values = all_equivalents(e.co2e_g, e.energy_wh, data)
    return (best_equivalents(values, 1) or values)[0]


def _equivalent_step(e: Estimate, data: DataBundle) -> Step:
    v = reading_equivalent(e, data)
    eq = v.equivalent
    basis = "grams" if eq.basis == "co2e" else "Wh of electricity"
    return Step("That is about", v.amount, v.label, READS, None, "",
                f"total {basis} ÷ {fmt_amount(eq.per_unit.central)} {eq.unit}.", (eq.source,))


def walkthrough(e: Estimate, data: DataBundle) -> tuple[Step, ...]:
    """The steps from the work to the headline grams and an everyday equivalent (see the module docstring)."""
    gpu_h100 = gpu_energy_h100_wh(e.scenario, e.model, data)
    steps = _start_steps(e, data, gpu_h100) + _energy_steps(e, data, gpu_h100)
    grid = _grid_step(e, data)
    steps.append(grid)
    if e.parts:
        steps += _lifecycle_steps(e, data, gpu_h100, grid.value)
    n = e.scenario.count
    if n != 1:
        unit = e.task.unit_plural
        steps.append(Step(f"× How many ({fmt_amount(n)} {unit})", e.co2e_g, "g CO2e", TIMES, Range.exact(n), "",
                          f"grams per {e.task.unit_singular} × {fmt_amount(n)} {unit}.", ()))
    steps.append(_equivalent_step(e, data))
    return tuple(steps)
