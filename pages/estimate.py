"""Estimate (home page): one AI task in, its footprint and flight-style label out.

Every input lives in the URL (``estimator.urlstate``): a link reproduces the view, a bad
parameter falls back to its default with a notice. Widgets → one library call → render.
``present=1`` (presentation mode): no sidebar, the link sets every input; guess first, then the number and the
walk-through one step at a time ("How we got this number", ``estimator.walkthrough``).
"""

from __future__ import annotations

import streamlit as st

from estimator import Scenario
from estimator.custom import CUSTOM_ID, PARAMS_MAX_B, PARAMS_MIN_B
from estimator.errors import EstimatorError
from estimator.hourly import SEASONS, hours_for, profile_zone
from estimator.card import grid_words
from estimator.i18n import N_
from estimator.i18n.names import datacenter_name, model_name
from estimator.live import covered, label_with_live
from estimator.scenario import LIMITS, resolve
from estimator.present import serving_words
from estimator.serving import AS_SERVED, MODES, PRECISION_TASKS, batch_label, mode_label, precision_option_label
from estimator.urlstate import compare_params, parse_params, safe_snippet, to_params
from pages import components as c
from pages.components import _, _n, _p

c.page_setup(_("Estimate"))
data = c.get_data()
ss = st.session_state

# Task knobs: (Scenario field, widget key, label, help, smallest value the library accepts). The words are English
# here (N_ marks them for the catalogues) and translated where drawn.
KNOBS = {
    "chat": [
        ("input_tokens", "est_in", N_("Prompt length (tokens)"), N_("Tokens you send, including any pasted text. "
         "100 tokens ≈ 75 English words."), 0),
        ("output_tokens", "est_out", N_("Answer length (tokens)"), N_("Tokens the model writes back. Reasoning models "
         "also count their hidden thinking tokens."), 1),
    ],
    "summarize": [
        ("doc_words", "est_words", N_("Document length (words)"), N_("Words in the text to summarize."), 1),
        ("summary_words", "est_summary", N_("Summary length (words)"), N_("Words in the summary it writes."), 1),
    ],
    "image": [
        ("width", "est_w", N_("Width (pixels)"), N_("Image width."), 64),
        ("height", "est_h", N_("Height (pixels)"), N_("Image height."), 64),
        ("steps", "est_steps", N_("Denoising steps"), N_("Diffusion steps; each model has its own default."), 1),
    ],
    "video": [
        ("width", "est_w", N_("Width (pixels)"), N_("Frame width."), 64),
        ("height", "est_h", N_("Height (pixels)"), N_("Frame height."), 64),
        ("steps", "est_steps", N_("Denoising steps"), N_("Diffusion steps; each model has its own default."), 1),
        ("seconds", "est_secs", N_("Length (seconds)"), N_("Clip length."), None),  # minimum: one frame of the model
    ],
}
FLOAT_FIELDS = {"seconds"}
LIVE_ON, LIVE_OFF = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


def season_label(season: str | None) -> str:
    """The Season box's option: "This season" or a season's name (estimator.hourly.SEASONS) in the reader's words."""
    names = {"winter": _p("season", "Winter"), "spring": _p("season", "Spring"), "summer": _p("season", "Summer"),
             "autumn": _p("season", "Autumn")}
    if season is None:
        return _("This season")
    return names.get(season, season.capitalize())


def chosen_model(choice: str | None) -> str | None:
    """The Model box's value → the Scenario's model (None = the task's typical model)."""
    return None if choice in (None, c.TYPICAL_MODEL_PARAM) else choice


def model_id_or_typical(task: str, model: str | None) -> str:
    """A catalogued model id; a custom model's clip length follows the typical model's frame rate (custom.py)."""
    chosen = chosen_model(model)
    return chosen if chosen in data.models else data.tasks[task].typical_model_id


def custom_fields() -> dict:
    """The custom model's size boxes as Scenario fields (empty unless "My model isn't listed" is chosen)."""
    if ss.get("est_model") != CUSTOM_ID:
        return {}
    active = ss.get("est_active") if ss.est_task in ("chat", "summarize") else None
    return {"custom_total_params_b": ss.get("est_params"), "custom_active_params_b": active}


def seed_custom(s: Scenario) -> None:
    """Size boxes ← the link's custom size, else the task's typical model's size (a starting point from data)."""
    typical = data.models[data.tasks[s.task].typical_model_id]
    ss.est_params = float(s.custom_total_params_b or typical.total_params_b.central)
    ss.est_active = float(s.custom_active_params_b) if (
        s.custom_active_params_b and s.custom_active_params_b != s.custom_total_params_b) else None


def knob_minimum(field: str, minimum, task: str, model: str | None):
    if field == "seconds":
        return 1 / data.models[model_id_or_typical(task, model)].ref_fps
    return minimum


def seed_knobs(s: Scenario) -> None:
    """Workload widgets ← a resolved scenario (its preset's values unless the link set them)."""
    for field, key, *_rest in KNOBS[s.task]:
        value = getattr(s, field)
        ss[key] = float(value) if field in FLOAT_FIELDS else int(value)


def seed(s: Scenario, model_choice: str | None, live: bool) -> None:
    """All widgets ← a resolved scenario (a fresh link, the back button, a pasted URL)."""
    ss.est_task, ss.est_model, ss.est_preset = s.task, model_choice or c.TYPICAL_MODEL_PARAM, s.preset
    ss.est_n, ss.est_region = float(s.count), s.region
    ss.est_hw, ss.est_dc, ss.est_batch = s.hardware, s.datacenter, s.batch
    # the life-cycle toggle holds boundary=lifecycle; the radio keeps the energy boundaries
    ss.est_lifecycle = s.boundary == "lifecycle"
    ss.est_boundary = "datacenter" if ss.est_lifecycle else s.boundary
    ss.est_hour, ss.est_season, ss.est_live = s.hour, s.season, live
    seed_custom(s)
    ss.est_mode, ss.est_precision = s.mode, s.precision or AS_SERVED
    seed_knobs(s)


def fresh_workload() -> None:
    """Task or preset changed: the old width/tokens no longer apply; take the preset's values."""
    r = resolve(Scenario(task=ss.est_task, model=chosen_model(ss.get("est_model")), preset=ss.get("est_preset"),
                         **custom_fields()), data).scenario
    seed_knobs(r)


def on_task() -> None:
    ss.est_model = c.TYPICAL_MODEL_PARAM
    ss.est_preset = c.preset_options(ss.est_task, data)[0]
    fresh_workload()


def on_model() -> None:
    # Step counts are part of a diffusion model's recipe: switch to the new model's default.
    if ss.est_model == CUSTOM_ID and ss.get("est_params") is None:
        seed_custom(Scenario(task=ss.est_task))
    if ss.est_task in ("image", "video"):
        r = resolve(Scenario(task=ss.est_task, model=chosen_model(ss.est_model), preset=ss.est_preset,
                             **custom_fields()), data).scenario
        ss.est_steps = int(r.steps)


def ensure_choice(key: str, options: list, default) -> None:
    if ss.get(key, object()) not in options:
        ss[key] = default


def ensure_number(key: str, lo, hi, default) -> None:
    v = ss.get(key)
    if v is None:
        ss[key] = default
    else:
        ss[key] = type(default)(min(max(v, lo), hi))


def parse_live(raw_value: str | None, notices: list[str]) -> bool:
    if raw_value is None:
        return False
    v = raw_value.strip().lower()
    if v in LIVE_ON:
        return True
    if v not in LIVE_OFF:
        notices.append(_("Ignored live=“{value}”: use live=1 for live grid data. Using the annual average instead.",
                         value=safe_snippet(raw_value)))
    return False


PRESENT_GREENER = 3  # greener options that fit one 1280×720 screen in presentation mode's type


def present_view(lab, base: str) -> None:
    """Presentation mode: guess first, then the number and the label, then the walk-through step by step; each
    one screen tall at 1280×720. Nothing of the answer is on the page before Reveal."""
    from estimator.walkthrough import reading_equivalent, value_text, walkthrough

    e, t = lab.estimate, c.tr()
    steps = walkthrough(e, data, t)
    reading = steps[-1]  # the walk-through ends on the first everyday equivalent the page would show
    with st.container(key="present_screen_guess"):
        st.markdown(f"**{c.md(c.scenario_words(e, data))}**")
        # "how many smartphone charges", even near 1 (the question asks for a count, so the plural)
        plural = _p("equivalents.label_plural", reading_equivalent(e, data).equivalent.label_plural)
        question = _("How many {things} is {work} with {model}?", things=plural, work=c.count_words(e),
                     model=model_name(e.model, c.tr()))
        revealed = c.guess_first(question, reading.value, value_text(reading.value, reading.unit, t)[0], "est_quiz",
                                 after=_("Scroll down for the grams and how we got them."))
    if not revealed:
        return
    with st.container(key="present_screen_number"):
        c.headline(lab, data, big=False)
        st.markdown("## " + _("{label} ({percent})", label=c.md(c.label_words(lab)),
                                  percent=c.md(c.percent_words(lab, data, with_range=False))))
        st.caption(c.md(c.not_counted_words(e)))
    with st.container(key="present_screen_walk"):
        st.header(_("How we got this number"))
        walk_steps(steps, base, question)
    if lab.alternatives:  # the last screen: what would lower it (the chart stays on the full page)
        with st.container(key="present_screen_greener"):
            st.header(_("Greener options"))
            st.markdown(c.greener_lines(lab, limit=PRESENT_GREENER))
            if len(lab.alternatives) > PRESENT_GREENER:
                more = len(lab.alternatives) - PRESENT_GREENER
                st.markdown(_n("… and {n} more on the full page (switch presentation mode off).",
                               "… and {n} more on the full page (switch presentation mode off).", more,
                               n=c.tr().count(more)))


def walk_steps(steps, base: str, scope: str) -> None:
    """The walk-through one step at a time: the steps so far as short lines, the current one with its formula and
    source; Next and Back buttons (keyboard: Tab, then Enter)."""
    at = "est_walk_step"
    if ss.get("est_walk_for") != scope:  # a new scenario starts again at its first step
        ss.est_walk_for, ss[at] = scope, 1
    shown = max(1, min(len(steps), int(ss.get(at, 1))))
    with st.container(key="walk_steps", gap="small"):
        for i, s in enumerate(steps[:shown], 1):
            st.markdown(_("**{number}. {name}:** {line}", number=i, name=c.md(s.name), line=c.step_number_line(s)))
        current = steps[shown - 1]
        st.markdown(f"{c.md(current.formula)}  \n{c.step_source_words(current, base)}")

    def move(by: int) -> None:
        ss[at] = max(1, min(len(steps), shown + by))

    back, nxt, _rest = st.columns([1, 1, 3])
    back.button(_("Back"), key="est_walk_back", on_click=move, args=(-1,), disabled=shown == 1,
                icon=":material/arrow_back:")
    nxt.button(_("Next step"), key="est_walk_next", on_click=move, args=(1,), disabled=shown == len(steps),
               type="primary", icon=":material/arrow_forward:")


# ------------------------------------------------------------------ URL → widgets (only when the URL changed)
raw = c.raw_query()
notices: list[str] = []
title_col, toggle_col = st.columns([3, 1], vertical_alignment="bottom")
present = c.presentation_mode("est", toggle_col)  # present=1: no sidebar, so the link alone sets the scenario on every run
if present or ss.get("_est_qs") != raw:
    parsed = parse_params(raw, data, t=c.tr())
    notices.extend(parsed.notices)
    live = parse_live(c.first(raw, "live"), notices)
    choice = c.explicit_model(c.first(raw, "model"), parsed.scenario.task, data)
    if choice == CUSTOM_ID and parsed.scenario.model != CUSTOM_ID:  # the link's custom size was refused
        choice = None
    seed(parsed.scenario, choice, live)

# ------------------------------------------------------------------ widgets
tasks = c.task_options(data)
ensure_choice("est_task", tasks, "chat")
task = ss.est_task
presets = c.preset_options(task, data)
models = [*c.model_choices(task, data), CUSTOM_ID]
zones = c.zone_options(data)
ensure_choice("est_preset", presets, presets[0])
ensure_choice("est_model", models, c.TYPICAL_MODEL_PARAM)
ensure_choice("est_region", zones, "WORLD")
ensure_number("est_n", 1.0, float(LIMITS["count"]), 1.0)

zone = data.zones[ss.est_region]
has_profile = profile_zone(zone, data) is not None
can_live = covered(zone, c.get_live_client())
if not present:  # presentation mode has no sidebar: the link sets every input
    with st.sidebar:
        st.header(_("Your AI task"))
        st.radio(_("Task"), tasks, format_func=lambda t: c.task_label(t, data), key="est_task", on_change=on_task,
                 help=_("What you ask the AI to do."))
        st.selectbox(_("How big a job"), presets, format_func=lambda p: c.preset_label(task, p, data), key="est_preset",
                     on_change=fresh_workload, help=_("A plain-language size for the task; fine-tune it below."))
        st.selectbox(_("Model"), models, format_func=lambda m: c.model_label(m, data, task), key="est_model",
                     on_change=on_model, help=_("Grouped by size; type a product (ChatGPT, Gemini, Claude, Copilot, "
                     "Midjourney, DALL·E) to find the model behind it. Closed models' sizes are estimates. "
                     "Not sure? Keep the typical model. Missing? Choose “My model isn't listed” (the last option)."))
        if ss.est_model == CUSTOM_ID:
            if ss.get("est_params") is None:
                seed_custom(Scenario(task=task))
            st.number_input(_("Total parameters (billions)"), min_value=float(PARAMS_MIN_B),
                            max_value=float(PARAMS_MAX_B), step=1.0, format="%g", key="est_params",
                            help=_("The model's size, e.g. 8 for an 8B model, 0.5 for 500M."))
            if task in ("chat", "summarize"):
                st.number_input(_("Active parameters per token (billions)"), min_value=float(PARAMS_MIN_B),
                                max_value=float(PARAMS_MAX_B), value=None, step=1.0, format="%g", key="est_active",
                                placeholder=_("Same as total (dense)"),
                                help=_("Mixture-of-experts models use only some of their weights per token "
                                       "(e.g. 37 of 671). Leave empty for a dense model."))
        st.number_input(_("How many"), min_value=1.0, max_value=float(LIMITS["count"]), step=1.0, format="%g",
                        key="est_n", help=_("Number of queries, documents, images or clips."))
        st.selectbox(_("Where it runs (electricity grid)"), zones, format_func=lambda z: c.zone_label(z, data),
                     key="est_region", help=_("Type to search: a country, a US state or a cloud region. "
                                              "Not sure? Keep the world average."))
        with st.expander(_("Fine-tune the workload")):
            for field, key, text, help_text, minimum in KNOBS[task]:
                lo = knob_minimum(field, minimum, task, ss.est_model)
                hi = LIMITS[field]
                if field in FLOAT_FIELDS:
                    ensure_number(key, float(lo), float(hi), float(max(lo, 1.0)))
                    st.number_input(_(text), min_value=float(lo), max_value=float(hi), step=1.0, format="%g",
                                    key=key, help=_(help_text))
                else:
                    ensure_number(key, int(lo), int(hi), int(max(lo, 1)))
                    st.number_input(_(text), min_value=int(lo), max_value=int(hi),
                                    step=64 if field in ("width", "height") else 1, key=key, help=_(help_text))
        ensure_choice("est_lifecycle", [True, False], False)
        st.toggle(c.LIFECYCLE_TOGGLE, key="est_lifecycle",
                  help=_("Adds the manufacturing of the GPUs and servers and the model's training, spread over the "
                         "requests they serve, to the electricity of this request (the lifecycle boundary)."))
        # serving conditions (METHODOLOGY §1.1): how the model runs, and its weights' precision for text models
        ensure_choice("est_mode", list(MODES), "production")
        st.selectbox(_("How it runs"), list(MODES), format_func=lambda m: mode_label(m, c.tr()), key="est_mode",
                     help=_("A provider's service answers many requests at once; on your own server one request "
                            "has the GPUs to itself, which costs many times more energy per answer."))
        precisions = [AS_SERVED, *data.precisions]
        ensure_choice("est_precision", precisions, AS_SERVED)
        if task in PRECISION_TASKS:
            st.selectbox(_("Numeric precision"), precisions, key="est_precision",
                         format_func=lambda p: precision_option_label(p, data, c.tr()),
                         help=_("Fewer bits per weight means fewer bytes read per token: FP8 and 4-bit use less "
                                "energy."))
        with st.expander(_("Advanced: hardware, datacenter, boundary")):
            hardware = list(data.hardware)
            datacenters = list(data.datacenters)
            batches = list(data.llm_fits)
            ensure_choice("est_hw", hardware, "h100")
            ensure_choice("est_dc", datacenters, "typical-cloud")
            ensure_choice("est_batch", batches, "typical")
            ensure_choice("est_boundary", list(c.ENERGY_BOUNDARIES), "datacenter")
            st.selectbox(_("Hardware"), hardware, format_func=lambda h: data.hardware[h].name, key="est_hw",
                         help=_("The GPU the model runs on; power caps trade speed for energy."))
            st.selectbox(_("Datacenter"), datacenters, format_func=lambda d: datacenter_name(data.datacenters[d], c.tr()),
                         key="est_dc", help=_("How much extra energy the building uses for cooling and power (its PUE)."))
            st.selectbox(_("Serving load (LLM tasks)"), batches, format_func=lambda b: batch_label(b, data, c.tr()),
                         key="est_batch",
                         help=_("Busy servers share each GPU across many requests, which lowers energy per answer."))
            st.radio(_("What the headline counts (boundary)"), list(c.ENERGY_BOUNDARIES),
                     format_func=lambda b: c.BOUNDARY_WORDS[b], key="est_boundary", disabled=ss.est_lifecycle,
                     help=_("The datacenter boundary is the most complete electricity figure and the default; "
                            "the life-cycle switch above adds hardware and training to it."))
            if has_profile:
                ensure_choice("est_hour", [None, *range(24)], None)
                ensure_choice("est_season", [None, *SEASONS], None)
                st.selectbox(_("Time of day (local)"), [None, *range(24)], key="est_hour",
                             format_func=lambda h: _("Any time (annual average)") if h is None else f"{h:02d}:00",
                             help=_("A typical day's grid mix at that hour, from the region's hourly profile."))
                st.selectbox(_("Season"), [None, *SEASONS], key="est_season", format_func=season_label)
            if can_live:
                st.toggle(_("Use live grid data"), key="est_live",
                          help=_("Today's grid intensity from a live provider; falls back to the annual average."))

# ------------------------------------------------------------------ one library call
knobs = {field: ss[key] for field, key, *_ in KNOBS[task]}
hour = ss.get("est_hour") if has_profile else None
season = ss.get("est_season") if has_profile else None
scenario = Scenario(task=task, model=chosen_model(ss.est_model), count=ss.est_n, region=ss.est_region, hardware=ss.est_hw,
                    datacenter=ss.est_dc, batch=ss.est_batch,
                    boundary="lifecycle" if ss.est_lifecycle else ss.est_boundary, preset=ss.est_preset,
                    hour=hour, season=season, mode=ss.est_mode,
                    precision=None if ss.est_precision == AS_SERVED or task not in PRECISION_TASKS else ss.est_precision,
                    **knobs, **custom_fields())
use_live = bool(can_live and ss.get("est_live"))
if ss.get("est_live") and not can_live and ss.get("_est_qs") != raw:
    notices.append(_("Live grid data is not available for this region; showing the annual average."))
reseed_next = False
try:
    lab, live_notice, _live_hour = label_with_live(scenario, data, use_live, c.get_live_client())
except EstimatorError as exc:
    reseed_next = True  # the widgets show the failed combination: re-seed them from the URL on the next run
    fallback = (scenario.with_(hour=None, season=None) if scenario.hour is not None else Scenario(task=task))
    # exc.message is the library's own words (errors are another module's): shown as they come
    if scenario.hour is not None:
        notices.append(_("Could not estimate this combination ({reason}), at that hour, so this shows the annual "
                         "average.", reason=safe_snippet(exc.message, 90)))
    else:
        notices.append(_("Could not estimate this combination ({reason}), so this shows the task's default.",
                         reason=safe_snippet(exc.message, 90)))
    scenario, use_live = fallback, False
    try:
        lab, live_notice, _live_hour = label_with_live(scenario, data, False)
    except EstimatorError:
        scenario = Scenario(task=task)
        lab, live_notice, _live_hour = label_with_live(scenario, data, False)

# ------------------------------------------------------------------ widgets → URL
params = to_params(scenario, data)
if scenario.model is None:
    params["model"] = c.TYPICAL_MODEL_PARAM
if use_live:
    params["live"] = "1"
params = c.present_params(params, present)  # the mode survives in the link, the citation and the embed code
c.write_query(params)
ss._est_qs = None if reseed_next or present else c.as_query(params)

# ------------------------------------------------------------------ render
e = lab.estimate
base = c.app_base("estimate")
url = c.view_url(base, "estimate", params)

if present:
    c.show_notices(notices)
    present_view(lab, base)
    st.stop()

title_col.title("AI Flight Label")
st.caption(_("The footprint of an AI task before you use it — like the emissions Google Flights shows for a flight. "
             "Change the task in the sidebar (the » button on a phone)."))
c.show_notices(notices)
c.version_block(raw, data)  # an article's old link (v=2026.1): its number then, beside today's, and what changed
if live_notice:
    st.info(c.md(live_notice))
st.markdown(f"**{c.md(c.scenario_words(e, data))}**")

left, right = st.columns([3, 2], gap="large")
with left:
    c.headline(lab, data)
    c.basis_block(e, data)
with right:
    c.label_block(lab, data)
    st.caption(_("Grid: {zone}, {grid}. Boundary: {boundary}.", zone=c.md(c.zone_label(e.zone.zone_id, data)),
                 grid=c.md(grid_words(e, c.tr())), boundary=c.md(c.BOUNDARY_WORDS[e.boundary])))

# Under both columns, not in the left one: on a phone the columns stack, and the label must follow the number
# rather than come after the accounting lines and the life-cycle table.
c.accounting_block(e, data)  # other accounting bases under the location-based headline (§1.5.1)
if e.parts:
    c.lifecycle_block(e)

st.caption(c.md(c.not_counted_words(e)))

st.header(_("That is about"))
c.equivalents_block(e, data)

st.header(_("Greener options"))
c.greener_block(lab)

hours = hours_for(e, data) if has_profile else ()
if hours:
    st.header(_("When is it cleaner?"))
    c.day_curve_block(e, data, hours)

st.header(_("How sure is this?"))
st.markdown(_("**What drives the range:** {drivers}.", drivers=c.md(c.drivers_words(e))))
st.markdown(_("**Boundary in use:** {boundary}.", boundary=c.md(c.BOUNDARY_WORDS[e.boundary])))
st.markdown(_("**Serving:** {serving}.", serving=c.md(serving_words(e, data, c.tr()))))
with st.expander(_("Energy per {unit} at each boundary", unit=_p("tasks.unit_singular", e.task.unit_singular))):
    # a wrapping table: in a data grid a phone showed only the long boundary names, the energy off-screen
    columns = (_("Boundary"), _("Energy"), _("Range"))
    st.table([{columns[0]: c.BOUNDARY_WORDS[b], columns[1]: c.unbroken(c.wh_text(r)[0]),
               columns[2]: c.unbroken(c.wh_text(r)[1])} for b, r in e.energy_wh_per_unit.items()],
             hide_index=True, width="stretch")

st.header(_("How we got this number"))
st.markdown(_("Step by step, from the work the AI does to the grams above: each step's value, what it multiplies by, "
              "the formula in words and the data behind it."))
with st.expander(_("Show the steps"), expanded=False, icon=":material/calculate:"):
    c.walkthrough_block(e, data, base)

st.header(_("Sources"))
c.sources_block(e, base, data)

st.header(_("Cite, share and download"))
st.caption(_("Citation line (copy it with the button on the right):"))
st.code(c.citation(lab, url), language=None, wrap_lines=True)
c.downloads(lab, data, url, "est")
links = st.columns(3)
with links[0]:
    c.link_to("methodology", c.methodology_version_text(), icon=":material/menu_book:")
with links[1]:
    c.link_to("embed", _("Embed this label"), params, icon=":material/code:")
with links[2]:
    if e.model.model_id == CUSTOM_ID:  # Compare options name catalogued models only (task:model:region)
        st.caption(_("Compare lists catalogued models; the ranking below shows yours among them."))
    else:
        c.link_to("compare", _("Compare with the typical option (same amount of work)"),
                  c.compare_typical_params(lab, data), icon=":material/compare_arrows:")
c.link_to("ranking", _("Every model for this task at your workload, fewest grams first"), params,
          icon=":material/format_list_numbered:")
if c.is_custom_workload(e, data):
    st.caption(_("Compare takes each option's size from the list of job sizes, so your custom workload is compared "
                 "as “{size}” on both sides.", size=c.md(c.preset_label(task, e.scenario.preset, data))))
