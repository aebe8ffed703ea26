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
from .i18n import N_, Translator, translator
from .i18n.names import datacenter_name, equivalent_label, model_name, task_unit, zone_name
from .present import fmt_range, grams_unit, round_sig, wh_unit
from .serving import batch_label
from .uncertainty import Range, ratio

START, TIMES, PLUS, READS = "start", "×", "+", "≈"
ARITHMETIC = N_("Arithmetic: no data row, only the numbers above")  # translated where shown: t._(ARITHMETIC)
# unit conversions, not figures of the estimate
J_PER_WH = llm.J_PER_WH
WH_PER_KWH = 1000.0


@dataclass(frozen=True)
class Step:
    """One line of the walk-through: ``value`` (in ``unit``) is the running result after this step."""

    name: str
    value: Range
    unit: str  # "Wh", "g CO2e" (keys: the number picks its unit), or words: "tokens", an equivalent's plural
    operation: str  # start | × | + | ≈
    factor: Range | None  # what × multiplies by, or what + adds; None for the start and the ≈ reading
    factor_unit: str
    formula: str  # the formula in words, with this request's numbers
    sources: tuple[Source, ...] = ()  # the data rows behind the step; () = arithmetic

    @property
    def is_arithmetic(self) -> bool:
        return not self.sources


# ---------------------------------------------------------------- words for numbers (shared by the page and tests)

def _t(t: Translator | None) -> Translator:
    """The reader's Translator; None is English (the tests, the CLI, and t.amount equals fmt_amount there)."""
    return t if t is not None else translator("en")


def value_text(r: Range, unit: str, t: Translator | None = None) -> tuple[str, str]:
    """('0.52 Wh', '0.30–0.91 Wh'): Wh and grams pick a readable unit, other units are written after
    ('0,52 Wh' in French: the numbers are the reader's)."""
    t = _t(t)
    if unit == "Wh":
        return fmt_range(r, wh_unit, t)
    if unit == "g CO2e":
        central, span = fmt_range(r, grams_unit, t)
        return f"{central} CO₂e", span
    return (t._p("format", "{amount} {unit}", amount=t.amount(r.central), unit=unit),
            t._p("format", "{amount} {unit}", amount=t.span(t.amount(r.low), t.amount(r.high)), unit=unit))


def factor_text(step: Step, t: Translator | None = None) -> str:
    """'× 1.3', '× 0.00012 Wh per token', '+ 0.031 g CO2e'; '' for the start and the ≈ reading."""
    if step.factor is None:
        return ""
    if step.operation == PLUS:
        return f"+ {value_text(step.factor, step.factor_unit, t)[0]}"
    unit = f" {step.factor_unit}" if step.factor_unit else ""
    return f"× {_t(t).amount(step.factor.central)}{unit}"


def _g(x: float, t: Translator) -> str:
    """An exponent as the data gives it ("0.85", up to six figures), with the reader's decimal sign."""
    text = f"{x:g}"
    return text if t.lang == "en" else text.replace(".", t.locale.number_symbols["latn"]["decimal"])


# ---------------------------------------------------------------- the start: the work itself → GPU energy on H100

def _coef_sources(data: DataBundle, *ids: str) -> tuple[Source, ...]:
    return tuple(data.coefficients[i].source for i in ids)


def _unique(sources) -> tuple[Source, ...]:
    out: list[Source] = []
    for s in sources:
        if all((s.title, s.url) != (o.title, o.url) for o in out):
            out.append(s)
    return tuple(out)


def _int(n: int, t: Translator) -> str:
    """A whole number the reader typed (steps, pixels): as typed in English, with the locale's grouping elsewhere."""
    return str(n) if t.lang == "en" else t.count(n)


def _llm_batched_steps(e: Estimate, data: DataBundle, batch: str, gpu_h100: Range, floor_note: bool = False,
                       t: Translator | None = None) -> list[Step]:
    """Production serving: decode-equivalent tokens, then × Wh per token from the size fit (× precision)."""
    t = _t(t)
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
        prompt_words = t._("no prompt tokens")
    else:
        tokens = llm.token_equivalents(tokens_in, decode, prefill_ratio)
        prompt_words = t._("{tokens} prompt tokens, each worth {share} of an answer token (reading a prompt is "
                           "cheaper)", tokens=t.amount(tokens_in.central), share=t.amount(prefill_ratio.central))
    words = ""
    if s.task == "summarize":
        words = " " + t._("({words_in} words in, {words_out} out, × {ratio} tokens per word)",
                          words_in=t.count(s.doc_words), words_out=t.count(s.summary_words),
                          ratio=t.amount(data.coefficient("tokens_per_word").central))
    growth_words = (" " + t._("× {factor}, because the context is longer than in the measurements",
                              factor=t.amount(growth.central)) if growth.central != 1 else "")
    start_sources = _coef_sources(data, "prefill_to_decode_energy_ratio") + (
        _coef_sources(data, "tokens_per_word") if s.task == "summarize" else ()) + (
        _coef_sources(data, "kv_cache_bytes_ratio_8b", "fit_reference_context_tokens") if growth.central != 1 else ())
    per_token_j = _per_token_j(data, model, batch) * llm.precision_energy_factor(bits, data.coefficient("decode_byte_share"))
    fit = data.llm_fits[batch]
    model_words = (t._("{model} at {precision} weights", model=model_name(model, t),
                       precision=data.precisions[precision_id].label.split(" (")[0])
                   if bits != llm.BF16_BITS else model_name(model, t))
    floor_words = (t._("; self-hosted, a request alone never costs less than at the smallest batch measured")
                   if floor_note else "")
    gpu_sources = (fit.source, model.source) + (_coef_sources(data, "decode_byte_share") if bits != llm.BF16_BITS else ())
    return [
        Step(t._("The work: tokens"), tokens, t._p("walkthrough.unit", "tokens"), START, None, "",
             t._("{answer} answer tokens{growth}, plus {prompt}{words}: the answer-token equivalents the GPU works "
                 "through.", answer=t.amount(tokens_out.central), growth=growth_words, prompt=prompt_words,
                 words=words), _unique(start_sources)),
        Step(t._("GPU energy on the reference GPU (H100)"), gpu_h100, "Wh", TIMES, per_token_j / J_PER_WH,
             t._p("walkthrough.unit", "Wh per token"),
             t._("tokens × {joules} joules per token ÷ {per_wh} joules per Wh. Joules per token come from a fit of "
                 "measured models by size ({model}; {fit}){floor}.", joules=t.amount(per_token_j.central),
                 per_wh=t.count(J_PER_WH), model=model_words, fit=batch_label(batch, data, t).lower(),
                 floor=floor_words), _unique(gpu_sources)),
    ]


def _llm_self_hosted_steps(e: Estimate, data: DataBundle, gpu_h100: Range, t: Translator | None = None) -> list[Step]:
    """One request alone on its GPUs: seconds of work, then × GPUs × draw ÷ 3,600."""
    t = _t(t)
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
    work = dict(answer=t.amount(tokens_out.central), gpus=t.count(gpus), prompt=t.amount(tokens_in.central),
                share=t._p("format", "{value}%", value=t.amount(c("batch1_bandwidth_efficiency").central * 100)))
    return [
        Step(t._("The work: seconds on the GPUs"), seconds, "s", START, None, "",
             t._n("{answer} answer tokens, each reading the model's weights and cache from memory at {share} of the "
                  "GPU's bandwidth, plus the time to read {prompt} prompt tokens, on {gpus} GPU that holds the model.",
                  "{answer} answer tokens, each reading the model's weights and cache from memory at {share} of the "
                  "GPU's bandwidth, plus the time to read {prompt} prompt tokens, on {gpus} GPUs that hold the model.",
                  gpus, **work),
             _unique((model.source, *_coef_sources(data, "gpu_memory_bandwidth_tb_s", "batch1_bandwidth_efficiency",
                                                   "gpu_bf16_dense_tflops", "batch1_prefill_flops_efficiency",
                                                   "gpu_memory_gb", "kv_cache_bytes_ratio_8b")))),
        Step(t._("GPU energy on the reference GPU (H100)"), gpu_h100, "Wh", TIMES, draw * (gpus / J_PER_WH),
             t._p("walkthrough.unit", "Wh per second"),
             t._n("seconds × {gpus} GPU × {draw} W each ÷ {per_hour} seconds per hour: one request alone keeps the "
                  "GPUs busy for its whole time.",
                  "seconds × {gpus} GPUs × {draw} W each ÷ {per_hour} seconds per hour: one request alone keeps the "
                  "GPUs busy for its whole time.", gpus, gpus=t.count(gpus), draw=t.amount(draw.central),
                  per_hour=t.count(J_PER_WH)), _coef_sources(data, "gpu_draw_w_batch1")),
    ]


def _diffusion_steps(e: Estimate, data: DataBundle, gpu_h100: Range, t: Translator | None = None) -> list[Step]:
    """A measured reference run, scaled to this size, steps (and length), then × the serving factor."""
    t = _t(t)
    s, model = e.scenario, e.model
    ref = model.ref_energy_wh_gpu
    serving_factor = diffusion.pipeline_factor(s.mode, data.coefficient("diffusion_serving_factor"),
                                               data.coefficient("diffusion_self_hosted_factor"))
    steps = diffusion.steps_factor(s.steps, model.ref_steps)
    sizes = dict(size=f"{s.width}×{s.height}", ref_size=f"{model.ref_width}×{model.ref_height}",
                 steps=_int(s.steps, t), ref_steps=_int(model.ref_steps, t))
    if s.task == "image":
        size = diffusion.ratio_power(s.width * s.height / (model.ref_width * model.ref_height),
                                     data.coefficient("image_pixel_exponent"), "resolution scaling exponent")
        size_formula = t._("(your {size} pixels ÷ the reference's {ref_size}) to the power {exponent} × (your {steps} "
                           "steps ÷ {ref_steps} reference steps).",
                           exponent=_g(data.coefficient("image_pixel_exponent").central, t), **sizes)
        exponent_id = "image_pixel_exponent"
    else:
        frames = s.seconds * model.ref_fps
        size = diffusion.ratio_power(s.width * s.height * frames / (model.ref_width * model.ref_height * model.ref_frames),
                                     data.coefficient("video_token_exponent"), "video length/resolution scaling exponent")
        size_formula = t._("(your {size} pixels × {frames} frames ÷ the reference's {ref_size} × {ref_frames}) to the "
                           "power {exponent} × (your {steps} steps ÷ {ref_steps} reference steps).",
                           frames=t.amount(frames), ref_frames=_int(model.ref_frames, t),
                           exponent=_g(data.coefficient("video_token_exponent").central, t), **sizes)
        exponent_id = "video_token_exponent"
    settings = size * steps if steps != 1 else size
    at_settings = ref * settings
    run = data.measurements.get(model.measurement_id)
    ref_sources = _unique(((run.source,) if run else ()) + (model.source,))
    factor_id = "diffusion_self_hosted_factor" if s.mode == "self-hosted" else "diffusion_serving_factor"
    ref_fields = dict(model=model_name(model, t), size=sizes["ref_size"], steps=_int(model.ref_steps, t))
    if s.task == "image":
        first = (t._("The work: a measured reference image"),
                 t._("GPU energy measured for one image of {model} at {size} pixels, {steps} denoising steps.",
                     **ref_fields))
        second = t._("Your image's size and steps")
    else:
        first = (t._("The work: a measured reference clip"),
                 t._("GPU energy measured for one clip of {model} at {size} pixels, {steps} denoising steps, {frames} "
                     "frames.", frames=_int(model.ref_frames, t), **ref_fields))
        second = t._("Your clip's size and steps")
    return [
        Step(first[0], ref, "Wh", START, None, "", first[1], ref_sources),
        Step(second, at_settings, "Wh", TIMES, settings, "", size_formula, _coef_sources(data, exponent_id)),
        Step(t._("GPU energy on the reference GPU (H100)"), gpu_h100, "Wh", TIMES, serving_factor, "",
             (t._("× the self-hosted pipeline factor: half precision and tuned kernels are not a given at home.")
              if s.mode == "self-hosted" else t._("× the serving factor: a production service batches and tunes what "
                                                  "the benchmark ran one at a time.")),
             _coef_sources(data, factor_id)),
    ]


def _start_steps(e: Estimate, data: DataBundle, gpu_h100: Range, t: Translator | None = None) -> list[Step]:
    s, model = e.scenario, e.model
    if s.task in ("chat", "summarize") and model.task in ("llm", "summarizer"):
        if s.mode != "self-hosted":
            return _llm_batched_steps(e, data, s.batch, gpu_h100, t=t)
        floor = _llm_batched_steps(e, data, "low_load", gpu_h100, t=t)
        if abs(floor[1].factor.central * floor[0].value.central - gpu_h100.central) <= 1e-9 * gpu_h100.central:
            # alone on its GPUs this model would undercut the smallest batch measured: the floor applies
            return _llm_batched_steps(e, data, "low_load", gpu_h100, floor_note=True, t=t)
        return _llm_self_hosted_steps(e, data, gpu_h100, t)
    return _diffusion_steps(e, data, gpu_h100, t)


# ---------------------------------------------------------------- GPU → server → fleet → datacenter

def _draw_id(task: str, mode: str) -> str:
    """The coefficients.csv row of the GPU draw that sets the host's time (estimate.gpu_draw_w reads the same)."""
    if task in ("chat", "summarize"):
        return "gpu_draw_w_batch1" if mode == "self-hosted" else "gpu_draw_w_llm"
    return "gpu_draw_w_diffusion"


def _energy_steps(e: Estimate, data: DataBundle, gpu_h100: Range, t: Translator | None = None) -> list[Step]:
    """Hardware, server, fleet and datacenter steps, up to the result's energy boundary."""
    t = _t(t)
    per_unit, hw, s = e.energy_wh_per_unit, e.hardware, e.scenario
    boundary = facility.energy_boundary(e.boundary)
    draw = gpu_draw_w(s.task, s.mode, data)
    host_w = data.coefficient("host_power_w_per_gpu")
    steps = [Step(t._("On your hardware ({hardware})", hardware=hw.name), per_unit["gpu"], "Wh", TIMES,
                  hw.gpu_energy_factor, "",
                  t._("× the hardware's energy factor against the H100 the measurements ran on (the reference itself: "
                      "× 1).") if hw.gpu_energy_factor.central == 1
                  else t._("× the hardware's energy factor against the H100 the measurements ran on."), (hw.source,))]
    if boundary == "gpu":
        return steps
    host = dict(host=t.amount(host_w.central), draw=t.amount(draw.central))
    server_formula = (
        t._("GPU energy + the host's CPUs, memory and fans at {host} W per GPU for the time the GPU works (GPU energy "
            "÷ {draw} W average draw × {runtime} runtime factor).", runtime=t.amount(hw.runtime_factor.central), **host)
        if hw.runtime_factor.central != 1 else
        t._("GPU energy + the host's CPUs, memory and fans at {host} W per GPU for the time the GPU works (GPU energy "
            "÷ {draw} W average draw).", **host))
    steps.append(Step(t._("Whole server (GPU + host)"), per_unit["server"], "Wh", TIMES,
                      ratio(per_unit["server"], per_unit["gpu"]), "", server_formula,
                      _unique((*_coef_sources(data, "host_power_w_per_gpu", _draw_id(s.task, s.mode)), hw.source))))
    if boundary == "server":
        return steps
    if s.mode != "self-hosted":  # self-hosted: the fleet step adds nothing (METHODOLOGY §1.4)
        steps.append(Step(t._("Serving fleet (idle capacity)"), per_unit["fleet"], "Wh", TIMES,
                          ratio(per_unit["fleet"], per_unit["server"]), "",
                          t._("the host's share × {host_time}, for the whole time a request holds its machine, then "
                              "everything × (1 + {idle}) for machines kept idle for peaks and failover.",
                              host_time=t.amount(data.coefficient("host_time_factor").central),
                              idle=t.amount(data.coefficient("idle_capacity_share").central)),
                          _coef_sources(data, "host_time_factor", "idle_capacity_share")))
    if boundary == "fleet":
        return steps
    steps.append(Step(t._("Datacenter (cooling and building, PUE)"), per_unit["datacenter"], "Wh", TIMES,
                      e.datacenter.pue, "",
                      t._("× the power usage effectiveness (PUE) of the datacenter ({datacenter}): each Wh the "
                          "computers use brings cooling and power conversion with it.",
                          datacenter=datacenter_name(e.datacenter, t)), (e.datacenter.source,)))
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


def _grid_step(e: Estimate, data: DataBundle, t: Translator | None = None) -> Step:
    t = _t(t)
    intensity = e.intensity_g_per_kwh
    name = t._("Grid → grams of CO₂e (operation)") if e.parts else t._("Grid → grams of CO₂e")
    # at the lifecycle boundary co2e_g_per_unit holds all three parts: the operation part is the grid's alone
    grams = grid.emissions_g(e.energy_wh_per_unit[facility.energy_boundary(e.boundary)], intensity) if e.parts \
        else e.co2e_g_per_unit
    # what the intensity is (annual average, an hour of a typical day, a live reading), in the reader's words
    from .card import grid_words  # the card words it the same way; imported here: card reads this module's steps

    return Step(name, grams, "g CO2e", TIMES,
                intensity / WH_PER_KWH, t._p("walkthrough.unit", "g CO₂e per Wh"),
                t._("Wh ÷ {per_kwh} × {intensity} g CO₂e per kWh on the {zone} grid — {grid}.",
                    per_kwh=t.count(WH_PER_KWH), intensity=t.amount(intensity.central), zone=zone_name(e.zone, t),
                    grid=grid_words(e, t)), _grid_sources(e, data))


def _lifecycle_steps(e: Estimate, data: DataBundle, gpu_h100: Range, operation: Range,
                     t: Translator | None = None) -> list[Step]:
    t = _t(t)
    s = e.scenario
    parts = lifecycle.non_grid_parts_g(gpu_h100, s.task, e.model, e.hardware, data)
    lc = data.lifecycle
    embodied_src = _unique((lc.gpu_embodied_kg[e.hardware.hardware_id].source, *(c.source for c in lc.embodied.values())))
    training, requests = lifecycle.training_row(e.model, data)
    training_src = _unique(src for src in lifecycle.sources(e.model, e.hardware, data) if src not in embodied_src)
    with_embodied = operation + parts["embodied_hardware"]
    return [
        Step(t._("+ Making the hardware"), with_embodied, "g CO2e", PLUS, parts["embodied_hardware"], "g CO2e",
             t._("the GPU's and server's manufacturing footprint, spread over the hours they serve in their life, × "
                 "the hours this request holds a GPU slot."), embodied_src),
        Step(t._("+ Training the model"), e.co2e_g_per_unit, "g CO2e", PLUS, parts["amortized_training"], "g CO2e",
             t._("{training} t CO₂e of training ÷ {requests} requests the model serves in its life (a judgement: no "
                 "developer publishes that count).", training=t.amount(training.central),
                 requests=t.amount(requests.central)), training_src),
    ]


def reading_equivalent(e: Estimate, data: DataBundle) -> EquivalentValue:
    """The everyday equivalent the walk-through ends on: the first the page shows, else the first by priority."""
    values = all_equivalents(e.co2e_g, e.energy_wh, data)
    return (best_equivalents(values, 1) or values)[0]


def reading_label(v: EquivalentValue, t: Translator | None = None) -> str:
    """The equivalent's name for its amount: EquivalentValue.label in English, the reader's plural (for the amount as
    written) elsewhere."""
    t = _t(t)
    if t.lang == "en":
        return v.label
    return equivalent_label(v.equivalent, round_sig(v.amount.central), t)


def _per_unit_words(unit: str, t: Translator) -> str:
    """An equivalent's per-unit (data/equivalents.csv, column unit) in the reader's language."""
    words = {
        "g CO2e per mile": t._p("equivalents.unit", "g CO2e per mile"),
        "g CO2e per km": t._p("equivalents.unit", "g CO2e per km"),
        "Wh per full charge": t._p("equivalents.unit", "Wh per full charge"),
        "g CO2e per minute": t._p("equivalents.unit", "g CO2e per minute"),
        "Wh per litre": t._p("equivalents.unit", "Wh per litre"),
        "Wh per hour": t._p("equivalents.unit", "Wh per hour"),
        "Wh per search": t._p("equivalents.unit", "Wh per search"),
        "Wh per mile": t._p("equivalents.unit", "Wh per mile"),
        "g CO2e per passenger": t._p("equivalents.unit", "g CO2e per passenger"),
    }
    return words.get(unit, unit)


def _equivalent_step(e: Estimate, data: DataBundle, t: Translator | None = None) -> Step:
    t = _t(t)
    v = reading_equivalent(e, data)
    eq = v.equivalent
    formula = (t._("total grams ÷ {per_unit} {unit}.", per_unit=t.amount(eq.per_unit.central),
                   unit=_per_unit_words(eq.unit, t)) if eq.basis == "co2e" else
               t._("total Wh of electricity ÷ {per_unit} {unit}.", per_unit=t.amount(eq.per_unit.central),
                   unit=_per_unit_words(eq.unit, t)))
    return Step(t._("That is about"), v.amount, reading_label(v, t), READS, None, "", formula, (eq.source,))


def walkthrough(e: Estimate, data: DataBundle, t: Translator | None = None) -> tuple[Step, ...]:
    """The steps from the work to the headline grams and an everyday equivalent (see the module docstring).
    ``t``: the reader's language for names, units and formulas (None: English); the numbers are the same."""
    t = _t(t)
    gpu_h100 = gpu_energy_h100_wh(e.scenario, e.model, data)
    steps = _start_steps(e, data, gpu_h100, t) + _energy_steps(e, data, gpu_h100, t)
    grid = _grid_step(e, data, t)
    steps.append(grid)
    if e.parts:
        steps += _lifecycle_steps(e, data, gpu_h100, grid.value, t)
    n = e.scenario.count
    if n != 1:
        unit = task_unit(e.task, n, t)
        steps.append(Step(t._("× How many ({count} {unit})", count=t.amount(n), unit=unit), e.co2e_g, "g CO2e", TIMES,
                          Range.exact(n), "",
                          t._("grams per {unit} × {count} {units}.", unit=t._p("tasks.unit_singular",
                                                                               e.task.unit_singular),
                              count=t.amount(n), units=unit), ()))
    steps.append(_equivalent_step(e, data, t))
    return tuple(steps)
