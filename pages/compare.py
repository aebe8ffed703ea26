"""Compare: two to four options side by side on one shared axis (made for projecting in class).

URL: ``?a=task:model:region[:count[:preset[:mode[:precision]]]]&b=…`` up to ``d`` (``estimator.urlstate.parse_compare``),
plus ``eq=<equivalent_id>`` for the everyday equivalent shared by every card (``estimator.compare``).
An empty model means the task's typical model.

Laid out for a projector: at 1280×720 the cards, the ratios and the chart fit the first screen; the
option editors come after them. Ratios are shown only between options of the same task, per unit.
``present=1`` (presentation mode, ``components.presentation_mode``): no editors, sidebar or navigation, big type,
and with three or four options short cards, so ratios, chart and cards still share that first screen.
"""

from __future__ import annotations

import streamlit as st

from estimator import FlightLabel, Scenario, label
from estimator.compare import EQ_AUTO, EQ_PARAM, PairRatio, parse_equivalent, same_task_pairs, shared_equivalent
from estimator.card import compare_card_png, compare_card_svg
from estimator.data import Equivalent
from estimator.equivalents import EquivalentValue, equivalent_amount
from estimator.errors import EstimatorError
from estimator.i18n import N_
from estimator.i18n.names import equivalent_label, precision_label, task_name, zone_name
from estimator.i18n.names import model_name
from estimator.present import fmt_amount, fmt_range, grams_unit, round_sig, serving_record, wh_unit
from estimator.scenario import LIMITS
from estimator.serving import AS_SERVED, MODE_LABELS, MODES, PRECISION_TASKS
from estimator.urlstate import (COMPARE_KEYS, PARAM_ALIASES, PARAMS, PRESENT_PARAM, compare_boundary, compare_params,
                               parse_compare, safe_snippet)
from pages import components as c
from pages.components import _, _p

c.page_setup(_("Compare"))
data = c.get_data()
ss = st.session_state
t = c.tr()  # this reader's words and number formats

DEFAULT = {"a": "chat:gpt-4o:WORLD", "b": "chat:llama-3.1-8b:WORLD"}
# English names are the buttons' keys; the reader sees them translated. The catalogues get these names from the
# static export's classics (estimator/publish/options.py DEFAULT_COMPARISONS, the same names marked with N_).
CLASSICS = {
    "Frontier chat vs small open model": DEFAULT,
    "Image in Poland vs in France": {"a": "image:sdxl:PL", "b": "image:sdxl:FR"},
    "Task-specific summarizer vs LLM": {"a": "summarize:bart-large-cnn:WORLD", "b": "summarize:gpt-4o:WORLD"},
}
# How an option runs, as the menu shows it (serving.MODE_LABELS is the English) and inside a sentence
MODE_MENU = {"production": N_("Production service (batched)"), "self-hosted": N_("Self-hosted, one at a time")}
MODE_IN_SENTENCE = {"production": N_("production service (batched)"), "self-hosted": N_("self-hosted, one at a time")}
FIELDS = ("task", "model", "region", "n", "preset")
MIN_OPTIONS, MAX_OPTIONS = 2, len(COMPARE_KEYS)


def key(i: int, field: str) -> str:
    return f"cmp_{i}_{field}"


def parse_one(k: str, vals: list[str], notices: list[str]) -> tuple[Scenario, str | None] | None:
    """One option of the link → (resolved scenario, model as chosen: None = typical), or None with a notice."""
    options, notes = parse_compare({k: vals, "boundary": [ss.get("cmp_boundary", "datacenter")]}, data, t=c.tr())
    notices.extend(notes)
    if not options:
        return None
    s = options[0]
    parts = (vals[0] if vals else "").split(":")
    return s, c.explicit_model(parts[1] if len(parts) > 1 else None, s.task, data)


def options_from_link(raw: dict[str, list[str]], notices: list[str]) -> list[tuple[Scenario, str | None]]:
    for k in raw:
        # An Estimate link's own parameters are not an error here; anything else is.
        if k not in (*COMPARE_KEYS, EQ_PARAM, PRESENT_PARAM) and k.lower() not in PARAMS and k.lower() not in PARAM_ALIASES:
            notices.append(_("Ignored unknown link parameter “{param}”; options are a, b, c and d, each "
                             "task:model:region[:count[:preset[:mode[:precision]]]], and eq.", param=safe_snippet(k)))
    given = [k for k in COMPARE_KEYS if k in raw]
    options = [o for o in (parse_one(k, raw[k], notices) for k in given) if o is not None]
    if len(options) < MIN_OPTIONS:
        defaults = [parse_one(k, [v], []) for k, v in DEFAULT.items()]
        extra = [d for d in defaults if d is not None and d[0] not in [o[0] for o in options]]
        options.extend(extra[: MIN_OPTIONS - len(options)])
        if given:
            notices.append(_("A comparison needs at least two options; the default ones fill the gap."))
    return options


def seed(options: list[tuple[Scenario, str | None]], eq: str | None) -> None:
    ss.cmp_len = len(options)
    ss.cmp_eq = eq or EQ_AUTO
    for i, (s, model) in enumerate(options):
        ss[key(i, "task")], ss[key(i, "model")], ss[key(i, "region")] = s.task, model or c.TYPICAL_MODEL_PARAM, s.region
        ss[key(i, "n")], ss[key(i, "preset")] = float(s.count), s.preset
        ss[key(i, "mode")], ss[key(i, "precision")] = s.mode, s.precision or AS_SERVED


def state_option(i: int) -> Scenario:
    """Option i from its widgets (model None = typical; preset None = the task's default)."""
    task = ss[key(i, "task")]
    preset = ss[key(i, "preset")]
    model = ss[key(i, "model")]
    precision = ss.get(key(i, "precision"), AS_SERVED)
    return Scenario(task=task, model=None if model == c.TYPICAL_MODEL_PARAM else model, region=ss[key(i, "region")], count=ss[key(i, "n")],
                    boundary=ss.get("cmp_boundary", "datacenter"),
                    preset=None if preset == c.preset_options(task, data)[0] else preset,
                    mode=ss.get(key(i, "mode"), "production"),
                    precision=None if precision == AS_SERVED or task not in PRECISION_TASKS else precision)


def page_params(options: list[Scenario]) -> dict[str, str]:
    """The view's URL: the options, then the shared equivalent when the user picked one."""
    params = compare_params(options)
    if ss.get("cmp_eq", EQ_AUTO) != EQ_AUTO:
        params[EQ_PARAM] = ss.cmp_eq
    return c.present_params(params, bool(ss.get("cmp_present")))


def relink(options: list[Scenario]) -> None:
    c.write_query(page_params(options))
    ss._cmp_qs = None  # the URL changed under the widgets: re-seed them from it


def on_task(i: int) -> None:
    ss[key(i, "model")] = c.TYPICAL_MODEL_PARAM
    ss[key(i, "preset")] = c.preset_options(ss[key(i, "task")], data)[0]


def remove(i: int) -> None:
    options = [state_option(j) for j in range(ss.cmp_len) if j != i]
    relink(options)


def add() -> None:
    options = [state_option(j) for j in range(ss.cmp_len)]
    relink(options + [options[-1]])


def classic(params: dict[str, str]) -> None:
    eq = ss.get("cmp_eq", EQ_AUTO)
    st.query_params.from_dict({**params, **({EQ_PARAM: eq} if eq != EQ_AUTO else {})})
    ss._cmp_qs = None


# ------------------------------------------------------------------ the card and the ratios (this page only)

CARD_CSS = """
<style>
/* Projector: the cards, the ratios and the chart fit 1280×720, so less empty space above the title. */
.stMainBlockContainer:has(.st-key-cmp_cards) { padding-top: 4rem; }
/* Read from the back of a room: every word on a card at least 1.2rem, in the body colour. */
.st-key-cmp_cards [data-testid="stMarkdown"] p { font-size: 1.2rem; line-height: 1.4; }
.st-key-cmp_ratios [data-testid="stMarkdown"] p { font-size: 1.2rem; line-height: 1.3; }
.st-key-cmp_ratios [data-testid="stMarkdown"] strong { font-size: 2rem; }
</style>
"""


# Presentation mode (present=1, on top of components.PRESENT_CSS): the ratios, the chart and the cards share the
# first 1280×720 screen, so the cards keep a smaller number than the single-estimate headline.
PRESENT_COMPARE_CSS = """
<style>
.st-key-cmp_cards [data-testid="stMetricValue"] { font-size: 3rem !important; }
.st-key-cmp_cards [data-testid="stMarkdown"] p { font-size: 1.25rem; }
.st-key-cmp_ratios [data-testid="stMarkdown"] p { font-size: 1.5rem; }
.st-key-cmp_ratios [data-testid="stMarkdown"] strong { font-size: 2.6rem; }
.st-key-cmp_cards_crowded [data-testid="stMetricValue"] { font-size: 2.2rem !important; }
.st-key-cmp_cards_crowded [data-testid="stMarkdown"] p { font-size: 1.15rem; }
</style>
"""


def letter(i: int) -> str:
    return chr(ord("A") + i)


def in_sentence(name: str) -> str:
    """'Image generation' → 'image generation' inside a sentence; 'LLM chat query' keeps its acronym."""
    return name if name[:2].isalpha() and name[:2].isupper() else name[:1].lower() + name[1:]


def versus(a: str, b: str) -> str:
    """'GPT-4o vs Llama 3.1 8B' as the reader's language joins two things compared."""
    return _("{a} vs {b}", a=a, b=b)


def category_word(category: str) -> str:
    """'Lower', 'Typical', 'Higher': the label's category alone, capitalised (presentation cards)."""
    if category == "lower":
        return _p("label.category", "Lower")
    if category == "higher":
        return _p("label.category", "Higher")
    return _p("label.category", "Typical")


def card_equivalent(lab: FlightLabel, eq: Equivalent | None) -> EquivalentValue | None:
    e = lab.estimate
    return EquivalentValue(eq, equivalent_amount(e.co2e_g, e.energy_wh, eq)) if eq else None


def compare_card(i: int, lab: FlightLabel, eq: Equivalent | None, short: bool = False) -> None:
    """One option as a card: what it is, the big number, its range, its label and the shared equivalent.

    Every line is body text (no grey caption) so it can be read on a projector. ``short`` (presentation mode with
    three or four options): the model and region only, and no range line — the chart beside it names each option
    in full and draws its range — so cards, ratios and chart still share one 1280×720 screen.
    """
    e = lab.estimate
    central, span = fmt_range(e.co2e_g, grams_unit, t)  # written as the reader's locale writes numbers
    lines = [_("likely {range} · electricity {energy}", range=span, energy=fmt_range(e.energy_wh, wh_unit, t)[0]),
             f"**{c.md(c.label_words(lab))}** ({c.percent_words(lab, with_range=False)})"]  # projector fit; the range is on the estimate page
    v = card_equivalent(lab, eq)
    if short:
        lines = [f"**{c.md(c.ICONS[lab.category])} {category_word(lab.category)}** "
                 f"({c.percent_words(lab, with_range=False)})"]
    elif v:
        # English keeps the equivalent's own singular band (0.95–1.05); other languages take the plural their
        # grammar gives the number shown
        what_eq = v.label if t.lang == "en" else equivalent_label(v.equivalent, round_sig(v.amount.central), t)
        text = (_("≈ **{amount}** {equivalent}", amount=t.amount(v.amount.central), equivalent=c.md(what_eq))
                if v.equivalent.basis == "co2e" else
                _("≈ **{amount}** {equivalent}, by electricity", amount=t.amount(v.amount.central),
                  equivalent=c.md(what_eq)))
        lines.append(text)
    what = f"{c.md(model_name(e.model, c.tr()))}, {c.md(e.zone.zone_id)}" if short else c.md(c.scenario_words(e, data))
    with st.container(border=True, key=f"cmp_card_{i}", gap="small"):
        st.markdown(f"**{letter(i)}** · {what}")
        st.metric(_("Carbon footprint"), f"{central} CO₂e", label_visibility="collapsed")
        st.markdown("  \n".join(lines))  # one block: no gap between the lines


def ratio_line(p: PairRatio) -> str:
    """'**A is 18× B**' (large type on the page)."""
    hi, lo = letter(p.higher), letter(p.lower)
    if p.times is None:
        return _("**{higher} vs {lower}: no ratio** ({lower} is zero)", higher=hi, lower=lo)
    if fmt_amount(p.times) in ("1", "1.0"):  # decided on the number, whatever the language writes
        return _("**{higher} ≈ {lower}** (about the same)", higher=hi, lower=lo)
    return _("**{higher} is {times}× {lower}**", higher=hi, lower=lo, times=t.amount(p.times))


def serving_differences(hi, lo) -> list[str]:
    """'self-hosted, one request at a time vs production service (batched)', 'precision: FP8 vs BF16': how the two
    options run, when that differs (a pair can differ in nothing else, and the ratio must say why)."""
    a, b = serving_record(hi, data), serving_record(lo, data)
    parts = []
    if a["mode"] != b["mode"]:
        parts.append(versus(*(_(MODE_IN_SENTENCE[r["mode"]]) for r in (a, b))))
    if a["precision"] != b["precision"] and a["precision"] and b["precision"]:
        parts.append(_("precision: {choices}", choices=versus(*(
            c.md(precision_label(data.precisions[r["precision"]], t).split(" (")[0]) for r in (a, b)))))
    return parts


def pair_words(p: PairRatio, labs: list[FlightLabel]) -> str:
    """What differs between the two options of a pair: 'GPT-4o vs Llama 3.1 8B'."""
    hi, lo = labs[p.higher].estimate, labs[p.lower].estimate
    parts = []
    if hi.model.model_id != lo.model.model_id:
        parts.append(versus(c.md(model_name(hi.model, c.tr())), c.md(model_name(lo.model, c.tr()))))
    if hi.zone.zone_id != lo.zone.zone_id:
        parts.append(versus(c.md(zone_name(hi.zone, t)), c.md(zone_name(lo.zone, t))))
    if hi.scenario.preset != lo.scenario.preset:
        parts.append(_("size of job: {choices}", choices=versus(*(
            in_sentence(c.preset_label(e.scenario.task, e.scenario.preset, data)) for e in (hi, lo)))))
    parts += serving_differences(hi, lo)
    return _("; ").join(parts) or _("same model, region and size of job, served the same way")


def ratios_block(labs: list[FlightLabel]) -> list[PairRatio]:
    """Ratios in large type, only between options of the same task, per unit; or why there is none."""
    estimates = [lab.estimate for lab in labs]
    pairs = same_task_pairs(estimates)
    with st.container(key="cmp_ratios", gap="small"):
        if not pairs:
            tasks = _(", ").join(dict.fromkeys(in_sentence(task_name(e.task, t)) for e in estimates))
            st.markdown(_("No ratio: no two options do the same task ({tasks}). Different tasks are different work: "
                          "read them on the chart's shared axis.", tasks=c.md(tasks)))
        for task in dict.fromkeys(p.task for p in pairs):
            group = [p for p in pairs if p.task == task]
            unit = _p("tasks.unit_singular", data.tasks[task].unit_singular)
            lines = [_("{task}, per {unit}:", task=c.md(task_name(data.tasks[task], t)), unit=unit),
                     *(ratio_line(p) for p in group)]
            if len(group) == 1:
                lines.append(pair_words(group[0], labs))
            st.markdown("  \n".join(lines))
        paired = {i for p in pairs for i in (p.higher, p.lower)}
        alone = [i for i in range(len(labs)) if i not in paired]
        if pairs and alone:
            st.markdown(_("No ratio for {options}: no other option does the same task.", options=_(", ").join(
                _("{option} ({task})", option=letter(i), task=c.md(in_sentence(task_name(estimates[i].task, t))))
                for i in alone)))
    return pairs


def ratios_note(labs: list[FlightLabel], pairs: list[PairRatio]) -> str:
    """What a ratio compares, said on the page: same task, per unit, central estimates."""
    estimates = [lab.estimate for lab in labs]
    text = _("Ratios are shown only between options of the same task and compare the same amount of work: "
             "**per unit** (per query, image, document or clip), central estimates, each option with its own "
             "model, region and size of job. The cards and the chart show each option's total.")
    differ = sorted({i for p in pairs if estimates[p.higher].scenario.count != estimates[p.lower].scenario.count
                     for i in (p.higher, p.lower)})
    if differ:
        text += _(" The counts differ ({counts}), so the totals are not in the same ratio.", counts=_(", ").join(
            _("{option}: {count}", option=letter(i), count=c.count_words(estimates[i])) for i in differ))
    return text


def equivalent_switch(auto: Equivalent | None) -> Equivalent | None:
    """One equivalent for every card: the automatic fit, or the one the user picks (URL ``eq``)."""
    ids = sorted(data.equivalents, key=lambda k: data.equivalents[k].display_priority)

    def plural(eq: Equivalent) -> str:
        return _p("equivalents.label_plural", eq.label_plural)

    def words(eq_id: str) -> str:
        if eq_id == EQ_AUTO:
            return _("Best fit: {equivalent}", equivalent=plural(auto)) if auto else _("Best fit")
        text = plural(data.equivalents[eq_id])
        return text[:1].upper() + text[1:]

    chosen = st.selectbox(_("Everyday equivalent on every card"), [EQ_AUTO, *ids], format_func=words, key="cmp_eq",
                          help=_("One equivalent for all the cards, so they can be read side by side. CO₂e-based "
                                 "ones follow the grid; electricity-based ones (phone charges) do not."))
    return data.equivalents.get(chosen, auto)


# ------------------------------------------------------------------ URL → widgets (only when the URL changed)
raw = c.raw_query()
notices: list[str] = []
# Embedded (?embed=true, a news article's iframe): the chart, ratio and cards only, set by the link every run.
embedded = c.is_embedded()
if embedded:
    present = False
else:
    title_col, toggle_col = st.columns([3, 1], vertical_alignment="bottom")
    present = c.presentation_mode("cmp", toggle_col)  # present=1: the options' editors are not drawn, so the link sets them every run
fixed = present or embedded  # no editors drawn: the link sets every option on every run
if fixed or ss.get("_cmp_qs") != raw:
    ss.cmp_boundary = compare_boundary({k.lower(): v for k, v in raw.items()}, notices, t=c.tr())
    eq_id, eq_notes = parse_equivalent(raw, data, t=t)
    seed(options_from_link(raw, notices), eq_id)
    notices.extend(eq_notes)
if ss.get("cmp_eq") not in (EQ_AUTO, *data.equivalents):
    ss.cmp_eq = EQ_AUTO

st.html(CARD_CSS)
if present:
    st.html(PRESENT_COMPARE_CSS)
elif not embedded:
    title_col.title(_("Compare AI tasks"), anchor=False,
                    help=_("Two to four options side by side, on one shared scale. Change them, or pick a classic "
                           "comparison, under “What to compare”, below the chart."))
c.show_notices(notices)
if ss.get("cmp_boundary", "datacenter") != "datacenter":  # like with like: every option at the link's boundary
    st.caption(_("Every option is counted at the same boundary: {boundary}.",
                 boundary=c.md(c.BOUNDARY_WORDS.get(ss.cmp_boundary, ss.cmp_boundary))))
top = st.container()  # cards, ratios and chart come first; filled once the options are known

# ------------------------------------------------------------------ the options' editors, out of the way
n = max(MIN_OPTIONS, min(MAX_OPTIONS, int(ss.get("cmp_len", 2))))
if fixed:  # the link set every option this run (no editors drawn in presentation mode or in an iframe)
    scenarios = [state_option(i) for i in range(n)]
else:
    st.header(_("What to compare"), anchor="what-to-compare")  # the link above it needs one anchor in every language
    st.markdown(_("**Classic comparisons** — one click sets the options:"))
    buttons = st.columns(len(CLASSICS))
    for col, (name, params) in zip(buttons, CLASSICS.items()):
        col.button(_(name), on_click=classic, args=(params,), width="stretch", key=f"cmp_classic_{name}")

    tasks, zones = c.task_options(data), c.zone_options(data)
    columns = st.columns(n, gap="medium")
    scenarios: list[Scenario] = []
    for i, col in enumerate(columns):
        with col:
            st.subheader(_("Option {letter}", letter=letter(i)))
            if ss.get(key(i, "task")) not in tasks:
                ss[key(i, "task")] = "chat"
            task = ss[key(i, "task")]
            presets, models = c.preset_options(task, data), c.model_choices(task, data)
            for field, options, default in (("preset", presets, presets[0]), ("model", models, c.TYPICAL_MODEL_PARAM),
                                            ("region", zones, "WORLD")):
                if ss.get(key(i, field), object()) not in options:
                    ss[key(i, field)] = default
            if not isinstance(ss.get(key(i, "n")), float) or not 1 <= ss[key(i, "n")] <= LIMITS["count"]:
                ss[key(i, "n")] = 1.0
            with st.expander(_("Change option {letter}", letter=letter(i))):
                st.selectbox(_("Task"), tasks, format_func=lambda tid: c.task_label(tid, data), key=key(i, "task"),
                             on_change=on_task, args=(i,))
                st.selectbox(_("Model"), models, format_func=lambda m, tk=task: c.model_label(m, data, tk),
                             key=key(i, "model"), help=_("Not sure? Keep the typical model."))
                st.selectbox(_("Where it runs"), zones, format_func=lambda z: c.zone_label(z, data), key=key(i, "region"),
                             help=_("Type to search a country, US state or cloud region."))
                st.number_input(_("How many"), min_value=1.0, max_value=float(LIMITS["count"]), step=1.0, format="%g",
                                key=key(i, "n"))
                st.selectbox(_("How big a job"), presets, format_func=lambda p, tk=task: c.preset_label(tk, p, data),
                             key=key(i, "preset"))
                if ss.get(key(i, "mode")) not in MODES:
                    ss[key(i, "mode")] = "production"
                st.selectbox(_("How it runs"), list(MODES), format_func=lambda m: _(MODE_MENU.get(m, MODE_LABELS[m])),
                             key=key(i, "mode"))
                if ss.get(key(i, "precision")) not in (AS_SERVED, *data.precisions):
                    ss[key(i, "precision")] = AS_SERVED
                if task in PRECISION_TASKS:
                    st.selectbox(_("Numeric precision"), [AS_SERVED, *data.precisions], key=key(i, "precision"),
                                 format_func=lambda p: _("As served (the model's own)") if p == AS_SERVED
                                 else precision_label(data.precisions[p], t))
                if n > MIN_OPTIONS:
                    st.button(_("Remove option {letter}", letter=letter(i)), key=f"cmp_remove_{i}", on_click=remove, args=(i,))
            scenarios.append(state_option(i))
    if n < MAX_OPTIONS:
        st.button(_("Add an option"), on_click=add, icon=":material/add:")

# ------------------------------------------------------------------ one library call per option
labs = []
for i, s in enumerate(scenarios):
    try:
        labs.append(label(s, data))
    except EstimatorError as exc:  # cannot happen with the widgets' choices, but never a traceback
        c.show_notices([_("Option {letter}: {message}; showing the task's default.", letter=letter(i),
                          message=safe_snippet(exc.message, 90))])
        scenarios[i] = Scenario(task=s.task)
        labs.append(label(scenarios[i], data))

# ------------------------------------------------------------------ first screen: cards, ratios, chart
with top:
    auto_eq = shared_equivalent([lab.estimate for lab in labs], data)
    eq = data.equivalents.get(ss.cmp_eq, auto_eq)
    # one screen tall in presentation mode: the next idea starts on the next screen
    with st.container(key="present_screen_compare" if present else None):
        left, right = st.columns([2, 3], gap="large")
        with left:
            ratios = ratios_block(labs)
            if not fixed:  # in presentation mode and in an iframe the link sets the equivalent and the options
                equivalent_switch(auto_eq)
                st.markdown(_("[Change the options ↓](#what-to-compare)"))
        with right:
            items = [(f"{letter(i)}: {model_name(lab.estimate.model, c.tr())}{c.serving_suffix(lab.estimate.scenario, data)} · "
                      f"{c.zone_label(lab.estimate.zone.zone_id, data)}",
                      _("{count}, {task}", count=c.count_words(lab.estimate), task=task_name(lab.estimate.task, t)),
                      lab.estimate.co2e_g)
                     for i, lab in enumerate(labs)]
            rows, unit = c.bar_rows(items)
            crowded = fixed and n > MIN_OPTIONS  # three or four options on one projector screen or in one iframe
            c.show_chart(c.error_bar_chart(rows, unit, big=not crowded))
        with st.container(key="cmp_cards_crowded" if crowded else None), st.container(key="cmp_cards"):
            for i, (col, lab) in enumerate(zip(st.columns(n), labs)):
                with col:
                    compare_card(i, lab, eq, short=crowded)
    if embedded:  # the iframe ends with the citation and a link to the full comparison
        params = page_params(scenarios)
        full = c.view_url(c.app_base("compare"), "compare", params)
        st.caption(c.md(c.citation(labs[0], full)) + " · " + _("[Full comparison, sources and method]({url})", url=full))
        st.stop()
    st.header(_("Side by side"), anchor="side-by-side")
    st.markdown(ratios_note(labs, ratios))
    st.caption(c.chart_caption(rows, _("Bar chart on one shared axis in {unit} CO₂e, one bar per option (totals); "
                                       "whiskers show the likely range.", unit=unit)))

params = page_params(scenarios)
c.write_query(params)
ss._cmp_qs = c.as_query(params)

# ------------------------------------------------------------------ cite and download
base_url = c.app_base("compare")
url = c.view_url(base_url, "compare", params)
st.header(_("Cite and download"), anchor="cite-and-download")
st.code(c.citation(labs[0], url), language=None, wrap_lines=True)
dl = st.columns(4)
# the cards are drawn only when clicked (the PNG takes ~100 ms), like the single estimate's
dl[0].download_button(_("Comparison card (PNG)"), data=lambda: compare_card_png(labs, url, t=c.tr()), file_name="ai-flight-label_compare.png",
                      mime="image/png", on_click="ignore", icon=":material/image:", key="cmp_png")
dl[1].download_button(_("Comparison card (SVG)"), data=lambda: compare_card_svg(labs, url, t=c.tr()),
                      file_name="ai-flight-label_compare.svg", mime="image/svg+xml", on_click="ignore",
                      icon=":material/draw:", key="cmp_svg")
dl[2].download_button(_("Comparison (CSV)"), data=c.compare_csv(labs, data, url), file_name="ai-flight-label_compare.csv",
                      mime="text/csv", on_click="ignore", icon=":material/table:", key="cmp_csv")
dl[3].download_button(_("Comparison (JSON)"), data=c.compare_json(labs, data, url),
                      file_name="ai-flight-label_compare.json", mime="application/json", on_click="ignore",
                      icon=":material/data_object:", key="cmp_json")
st.subheader(_("Embed this comparison"), anchor="embed-this-comparison")
if ss.get("cmp_embed_theme") not in c.EMBED_THEMES:
    ss.cmp_embed_theme = "light"
st.radio(_("Colours of the embedded comparison"), list(c.EMBED_THEMES), key="cmp_embed_theme", horizontal=True,
         format_func=lambda th: _("Light (white pages)") if th == "light" else _("Dark (dark pages)"),
         help=_("Fixes the colours, so the comparison does not turn dark inside a white article when a reader uses "
                "dark mode. The code below changes with it."))
st.caption(_("The iframe shows the chart, the ratio and the cards, then the citation; it takes the article's width "
             "up to {width} px and is {height} px tall.", width=c.EMBED_MAX_WIDTH_PX,
             height=c.compare_embed_height_px(len(labs))))
embed_url = c.view_url(base_url, "compare", {k: v for k, v in params.items() if k != PRESENT_PARAM})
st.code(c.iframe_snippet(c.embed_src(embed_url, ss.cmp_embed_theme),
                         _("AI Flight Label comparison: {options}",
                           options=_(" vs ").join(model_name(lab.estimate.model, c.tr()) for lab in labs)),
                         height=c.compare_embed_height_px(len(labs))), language="html", wrap_lines=True)
c.link_to("methodology", c.methodology_version_text(), icon=":material/menu_book:")
