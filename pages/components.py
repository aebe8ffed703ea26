"""Shared pieces of the pages: cached data, URL handling, labels for widgets, result blocks, downloads.

No estimation here: numbers come from one ``estimator`` call per option and are formatted with
``estimator.present`` so the app, the CLI and the downloads say the same thing. Nothing a user
typed is rendered as HTML or markdown except through ``urlstate.safe_snippet`` (notices).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlencode

import pyarrow as pa
import streamlit as st

from estimator import DataBundle, FlightLabel, Scenario, label, load_data
from estimator.card import card_png as _card_png
from estimator.card import card_svg as _card_svg
from estimator.errors import EstimatorError
from estimator.live import LiveClient
from estimator.estimate import Estimate
from estimator.facility import ENERGY_BOUNDARIES
from estimator.lifecycle import PART_WORDS, PARTS, TRAINING_JUDGEMENT, part_words, training_judgement
from estimator.methodology import methodology_version
from estimator.present import accounting_lines
from estimator.present import (APP_NAME, NOT_COUNTED, change_words, citation_line, csv_text, estimate_record, flat_record,
                               fmt_amount, fmt_range, grams_unit, label_percent, label_sentence, not_counted,
                               model_name, saved_percent_words, result_sources, rule_words, source_what_words,
                               wh_unit)
from estimator.present import label_words as present_label_words
from estimator.grid import when_words
from estimator.i18n import names
from estimator.uncertainty import driver_words
from estimator.scenario import UNKNOWN_MODEL, find_model, resolve
from estimator.custom import CUSTOM_ID, is_custom
from estimator.basis import estimate_basis
from estimator.i18n import LANG_NAMES, LANGS, DEFAULT_LANG, Translator, lang_for_locale, parse_lang, translator

FALLBACK_BASE = "http://localhost:8501/"
# page key → (file, url_path); url paths are public: journalists link to them.
PAGES = {
    "estimate": ("pages/estimate.py", ""),
    "compare": ("pages/compare.py", "compare"),
    "methodology": ("pages/methodology.py", "methodology"),
    "embed": ("pages/embed.py", "embed"),
    "ranking": ("pages/ranking.py", "ranking"),
    "year": ("pages/year.py", "year"),
    "claims": ("pages/claims.py", "claims"),
    "simulate": ("pages/simulate.py", "simulate"),
}
TYPICAL_MODEL_PARAM = "typical"  # accepted by the library (scenario.UNKNOWN_MODEL)
ICONS = {"lower": "▼", "typical": "●", "higher": "▲"}
BADGE_COLOURS = {"lower": "green", "typical": "blue", "higher": "orange"}
SIZE_ORDER = {"small": 0, "medium": 1, "large": 2, "frontier": 3}
# Words a reader sees in widgets are functions of the reader's language. TYPICAL_MODEL_LABEL, CUSTOM_MODEL_LABEL,
# BOUNDARY_WORDS, LIFECYCLE_TOGGLE, PRESENT_TOGGLE and YEAR_PART_SHORT are still read as module attributes
# (``c.BOUNDARY_WORDS[b]``): the module's __getattr__ (below) words them in the reader's language at each access.


def typical_model_label() -> str:
    return _("I don't know — typical model")


def custom_model_label() -> str:
    """model=custom (estimator/custom.py)."""
    return _("My model isn't listed — enter its size")


def boundary_words() -> dict[str, str]:
    return {
        "gpu": _("GPU only — the accelerator's own electricity"),
        "server": _("Whole server — GPU plus host CPU, memory and fans"),
        "fleet": _("Serving fleet — host for the whole request plus idle capacity held for peaks"),
        "datacenter": _("Datacenter — serving fleet plus cooling and building overhead (PUE)"),
        "lifecycle": _("Life cycle — datacenter electricity plus making the hardware and training the model"),
    }


def boundary_short(boundary: str) -> str:
    """The boundary's one-word name as in "Carbon footprint (datacenter boundary)" (English: the key itself)."""
    return {"gpu": _p("boundary.short", "gpu"), "server": _p("boundary.short", "server"),
            "fleet": _p("boundary.short", "fleet"), "datacenter": _p("boundary.short", "datacenter"),
            "lifecycle": _p("boundary.short", "lifecycle")}.get(boundary, boundary)


def lifecycle_toggle() -> str:
    """the boundary radio offers ENERGY_BOUNDARIES (estimator.facility); the life-cycle switch adds the last one"""
    return _("Life cycle: add making the hardware and training the model")


ZONE_KIND_ORDER = {"world": 0, "country": 1, "us_state": 2, "cloud_region": 3}


# ---------------------------------------------------------------- set-up, data, URL

@st.cache_resource(show_spinner=False)
def get_live_client() -> LiveClient:
    """One HTTP client per server process (its cache serves every visitor for the TTL).

    The Electricity Maps key comes from the environment or from Streamlit secrets; it is handed
    to the client and never shown, logged or put in a URL.
    """
    keys = {}
    try:
        secret = st.secrets.get("ELECTRICITYMAPS_API_KEY")
    except Exception:  # no secrets.toml at all is the normal case, and Streamlit raises for it
        secret = None
    if secret:
        keys["electricitymaps"] = str(secret)
    return LiveClient(api_keys=keys)


@st.cache_resource(show_spinner=False)
def get_data() -> DataBundle:
    """The validated data tables, loaded once per server process."""
    return load_data()


def _leave_pages_folder_mode() -> None:
    """Hand a deep link over to app.py's st.navigation.

    Streamlit decides once per server process, before any script has run, that an app with a
    ``pages/`` folder is an old-style multipage app; until app.py has called st.navigation, a
    first visit to /compare would run pages/compare.py directly, with an automatic sidebar that
    lists every file of pages/. Clearing that flag and rerunning runs app.py, which routes the
    same URL through st.navigation. (Streamlit internals: a no-op if they change.)
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - a future Streamlit without it
        return
    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_setup(title: str) -> None:
    """Per-page title; safe to call after app.py's own set_page_config (and when a page runs alone)."""
    _leave_pages_folder_mode()
    st.set_page_config(page_title=f"{title} · {APP_NAME}", layout="wide")


def raw_query() -> dict[str, list[str]]:
    """Every URL parameter with all its values, so repeated keys can be reported (embed keys excluded).

    ``lang`` is the reader's, not the page's: every page accepts it and no page parser sees it."""
    return {k: st.query_params.get_all(k) for k in st.query_params if k.lower() != LANG_PARAM}


# ---------------------------------------------------------------- the reader's language

LANG_PARAM = "lang"  # part of the public link interface: lang=en|fr|zh-Hans|zh-Hant
_LANG_STATE = "lang"  # session_state: the language chosen or linked, kept while the reader moves between pages
_LANG_SEEN = "_lang_url"
PRESENTING = "_presenting"


def _browser_lang() -> str | None:
    """The browser's preferred language where Streamlit exposes it (st.context.locale), if we have it."""
    try:
        return lang_for_locale(st.context.locale)
    except Exception:  # no browser (bare mode, an older Streamlit)
        return None


def current_lang() -> str:
    """The link's lang= when it names one of ours, else the reader's choice this session, else the browser's
    language, else English. A lang= we do not have is reported once (language_notice) and never breaks the page."""
    ss = st.session_state
    given = [v for k in st.query_params if k.lower() == LANG_PARAM for v in st.query_params.get_all(k)]
    if given and ss.get(_LANG_SEEN) != given[0]:  # a new link decides; afterwards the selector does
        ss[_LANG_SEEN] = given[0]
        try:
            ss[_LANG_STATE] = parse_lang(given[0])
        except EstimatorError:
            ss["_lang_bad"] = given[0]
    lang = ss.get(_LANG_STATE)
    return lang if lang in LANGS else (_browser_lang() or DEFAULT_LANG)


_LANG_NOW = "_lang_now"  # session_state: the language of this run, settled once by app.py (start_run)


def start_run() -> str:
    """Settle the reader's language once at the start of a run (app.py): every word of the run reads it from here
    instead of re-reading the link, the session and the browser for each message."""
    lang = current_lang()
    st.session_state[_LANG_NOW] = lang
    return lang


def tr() -> Translator:
    """This reader's words and number formats."""
    return translator(st.session_state.get(_LANG_NOW) or current_lang())


def _(msgid: str, /, **fields) -> str:
    return tr()._(msgid, **fields)


def _n(singular: str, plural: str, n: float, /, **fields) -> str:
    return tr()._n(singular, plural, n, **fields)


def _p(context: str, msgid: str, /, **fields) -> str:
    return tr()._p(context, msgid, **fields)


def with_lang(params: dict[str, str]) -> dict[str, str]:
    """A page's link parameters plus lang= when the reader's language is not the default (links keep it)."""
    lang = tr().lang
    return {**params, LANG_PARAM: lang} if lang != DEFAULT_LANG else dict(params)


def language_notice() -> None:
    """One line for a lang= we do not have (the page carries on in the language it can)."""
    from estimator.urlstate import safe_snippet

    bad = st.session_state.pop("_lang_bad", None)
    if bad is not None:
        show_notices([_("Ignored lang=“{value}”: the languages are {langs}.", value=safe_snippet(bad),
                        langs=", ".join(LANGS))])


def _chose_lang(key: str) -> None:
    st.session_state[_LANG_STATE] = st.session_state[key]
    st.query_params[LANG_PARAM] = st.session_state[key]
    st.session_state[_LANG_SEEN] = st.session_state[key]
    st.session_state[_LANG_NOW] = st.session_state[key]


def language_selector(where=None, key: str = "lang_select") -> None:
    """The language menu; each language named in itself. Choosing one puts lang= into the page's link."""
    lang = current_lang()
    st.session_state[key] = lang
    with where if where is not None else st.container():
        st.selectbox("🌐 " + _("Language"), LANGS, format_func=LANG_NAMES.get, key=key,
                     on_change=_chose_lang, args=(key,))


def as_query(params: dict[str, str]) -> dict[str, list[str]]:
    return {k: [v] for k, v in params.items()}


def write_query(params: dict[str, str]) -> None:
    """Replace the URL parameters (Streamlit keeps its own embed flags); the reader's lang= stays."""
    params = with_lang(params)
    if {k: st.query_params.get_all(k) for k in st.query_params} != as_query(params):
        st.query_params.from_dict(params)


def first(raw: dict[str, list[str]], key: str) -> str | None:
    vals = raw.get(key)
    return vals[0] if vals else None


def app_base(current_page: str = "estimate") -> str:
    """The app's root URL ending in '/', from the browser's URL minus the current page's path."""
    url = None
    try:
        url = st.context.url
    except Exception:  # no browser context (tests, bare mode)
        url = None
    if not url:
        return FALLBACK_BASE
    url = url.split("?")[0].split("#")[0].rstrip("/")
    if not re.fullmatch(r"https?://[A-Za-z0-9.\-:\[\]]+(/[A-Za-z0-9._~\-/%]*)?", url):
        return FALLBACK_BASE  # only plain URLs go into citations, links and snippets
    path = PAGES[current_page][1]
    if path and url.endswith("/" + path):
        url = url[: -len(path) - 1]
    return url + "/"


def view_url(base: str, page: str, params: dict[str, str]) -> str:
    """A page's public link; it carries the reader's lang= so a shared link opens in the language it was read in."""
    path = PAGES[page][1]
    query = urlencode(with_lang(params), safe=":")  # keeps compare options (task:model:region) readable
    return f"{base}{path}" + (f"?{query}" if query else "")


def is_embedded() -> bool:
    try:
        return bool(st.context.is_embedded)
    except Exception:
        return False


ZWSP = "\u200b"  # a zero-width space: invisible, but no link or emoji pattern matches across it
# What Streamlit's markdown turns into something other than the typed text: e-mail addresses
# become mailto links, :shortcodes: (and :material/icons:) become emoji or icons.
_EMAIL_AT = re.compile(r"(?<=[\w.+-])@(?=[\w-])")
_SHORTCODE_COLON = re.compile(r":(?=[\w+\-/]+:)")


def md(text: object) -> str:
    """Data or user text made literal inside markdown: markup characters are escaped ('FLUX.1 [dev]',
    '*'), and e-mail addresses and :shortcodes: are broken with a zero-width space so they stay text."""
    # break the patterns on the raw text first: markdown's escapes (":heart\\_eyes:") vanish before emoji run
    broken = _SHORTCODE_COLON.sub(":" + ZWSP, _EMAIL_AT.sub("@" + ZWSP, str(text)))
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~$])", r"\\\1", broken)


def show_notices(notices) -> None:
    """Each notice (already sanitised by urlstate.safe_snippet) as a warning, as literal text: no link,
    no e-mail link, no emoji is ever formed from what a link carried."""
    for n in notices:
        text = md(n).replace("://", ":" + ZWSP + "//").replace("www.", "www" + ZWSP + ".")  # no web address links
        st.warning(text, icon="⚠️")


def link_to(page: str, label: str, params: dict[str, str] | None = None, icon: str | None = None) -> None:
    """A link to another page of the app, keeping the scenario's parameters."""
    params = with_lang(params or {})
    try:
        st.page_link(PAGES[page][0], label=label, icon=icon, query_params=params or None)
    except Exception:  # the page runs without st.navigation (e.g. on its own): a plain link
        st.markdown(f"[{md(label)}](/{PAGES[page][1]}" + (f"?{urlencode(params)}" if params else "") + ")")


def unknown_page_words(requested: str) -> str:
    """The notice for a page path that does not exist (the user's text shown literally)."""
    from estimator.urlstate import safe_snippet

    return _("There is no page “/{page}” in {app}; showing Estimate instead. The pages are listed below.",
             page=safe_snippet(requested.strip('/')), app=APP_NAME)


def unknown_page_notice(requested: str) -> None:
    """A warning plus a link to every page, shown above the default page."""
    show_notices([unknown_page_words(requested)])
    cols = st.columns(len(PAGES))
    titles = {"estimate": _("Estimate"), "compare": _("Compare"), "methodology": _("Methodology & data"),
              "embed": _("Embed"), "ranking": _("Ranking"), "year": _("My AI year"),
              "claims": _("Claims check"), "simulate": _("Switching")}
    for col, page in zip(cols, PAGES):
        with col:
            link_to(page, titles[page])


# ---------------------------------------------------------------- words for ids

def task_options(data: DataBundle) -> list[str]:
    order = ["chat", "summarize", "image", "video"]
    return sorted(data.tasks, key=lambda t: (order.index(t) if t in order else 99, t))


def task_label(task_id: str, data: DataBundle) -> str:
    return names.task_name(data.tasks[task_id], tr())


def model_options(task_id: str, data: DataBundle) -> list[str | None]:
    """None (typical) first, then the task's models grouped by size, smallest first."""
    tasks = data.tasks[task_id].model_tasks
    models = [m for m in data.models.values() if m.task in tasks]
    models.sort(key=lambda m: (0 if m.task == "summarizer" else 1, SIZE_ORDER.get(m.size_class, 9),
                               m.total_params_b.central if m.total_params_b else 0, m.name.lower()))
    return [None, *(m.model_id for m in models)]


def model_choices(task_id: str, data: DataBundle) -> list[str]:
    """model_options with the typical model as the string TYPICAL_MODEL_PARAM, not None: a selectbox whose
    value is None shows its placeholder ("Choose an option") instead of the typical model."""
    return [TYPICAL_MODEL_PARAM, *model_options(task_id, data)[1:]]


def model_label(model_id: str | None, data: DataBundle, task_id: str | None = None) -> str:
    """'Frontier · GPT-5 (size estimated) · also ChatGPT, gpt5, Copilot': the product names and other
    aliases (data/models.csv) are in the label so typing "ChatGPT" in the box finds the model behind it."""
    if model_id == CUSTOM_ID:
        return custom_model_label()
    if model_id is None or model_id == TYPICAL_MODEL_PARAM:
        typical = data.models.get(data.tasks[task_id].typical_model_id) if task_id in data.tasks else None
        return typical_model_label() + (_(" ({items})", items=model_name(typical, tr())) if typical else "")
    m = data.models.get(model_id)
    if m is None:
        return str(model_id)
    group = _("Task-specific summarizer") if m.task == "summarizer" else size_class_words(m.size_class)
    also = _(" · also {names}", names=_(", ").join(m.aliases)) if m.aliases else ""
    return f"{group} · {model_name(m, tr())}{also}"


def size_class_words(size_class: str) -> str:
    """"Small", "Medium", "Large", "Frontier" in the reader's language (an unknown class capitalized)."""
    return {"small": _p("size_class", "Small"), "medium": _p("size_class", "Medium"),
            "large": _p("size_class", "Large"), "frontier": _p("size_class", "Frontier")}.get(
        size_class, size_class.capitalize())


def zone_options(data: DataBundle) -> list[str]:
    """World average first, then countries, US states and cloud regions, each by name."""
    zones = sorted(data.zones.values(), key=lambda z: (z.zone_id != "WORLD", ZONE_KIND_ORDER.get(z.kind, 9),
                                                       z.name.lower()))
    return [z.zone_id for z in zones]


def zone_label(zone_id: str, data: DataBundle) -> str:
    z = data.zones.get(zone_id)
    if z is None:
        return str(zone_id)
    if z.zone_id == "WORLD":
        return _("World average (WORLD)")
    name = names.zone_name(z, tr())
    return name if z.zone_id in name else f"{name} ({z.zone_id})"


def preset_options(task_id: str, data: DataBundle) -> list[str]:
    presets = [p for p in data.presets.values() if p.task_id == task_id]
    presets.sort(key=lambda p: not p.is_default)  # the default first, then as in the table
    return [p.preset_id for p in presets]


def preset_label(task_id: str, preset_id: str, data: DataBundle) -> str:
    p = data.presets.get((task_id, preset_id))
    return names.preset_label(p, tr()) if p else str(preset_id)


def explicit_model(raw_model: str | None, task_id: str, data: DataBundle) -> str | None:
    """The model a link names, or None when it asks for (or falls back to) the typical model."""
    if raw_model is None or not raw_model.strip() or raw_model.strip().lower() in UNKNOWN_MODEL:
        return None
    if is_custom(raw_model):
        return CUSTOM_ID
    try:
        return find_model(raw_model, data, data.tasks[task_id].model_tasks).model_id
    except (EstimatorError, KeyError):
        return None


# ---------------------------------------------------------------- words for results

def grams_text(r) -> tuple[str, str]:
    """('12 g', '8.1–19 g'); in the reader's language ('0,17 g', '0,12–0,25 g')."""
    return fmt_range(r, grams_unit, tr())


def wh_text(r) -> tuple[str, str]:
    return fmt_range(r, wh_unit, tr())


def amount_text(value: float) -> str:
    """A measured amount, 2 significant figures, with the reader's separators (English: fmt_amount)."""
    return tr().amount(value)


def count_words(e: Estimate) -> str:
    """"1,204 queries", "1 204 requêtes": a count is an input, written exactly as asked (never rounded like a
    measured amount)."""
    n = e.scenario.count
    t = tr()
    if t.lang == "en":
        unit = e.task.unit_singular if n == 1 else e.task.unit_plural
        return f"{t.count(n)} {unit}"
    return _p("format", "{count} {unit}", count=t.count(n), unit=names.task_unit(e.task, n, t))


WORKLOAD_FIELDS = ("input_tokens", "output_tokens", "doc_words", "summary_words", "width", "height", "steps", "seconds")


def workload_words(s: Scenario) -> str:
    """The workload of a resolved scenario in words: '100 prompt tokens, 2,000 answer tokens'."""
    t = tr()
    if s.task == "chat":
        return _("{prompt} prompt tokens, {answer} answer tokens", prompt=t.count(s.input_tokens),
                 answer=t.count(s.output_tokens))
    if s.task == "summarize":
        return _("{words} words into a {summary}-word summary", words=t.count(s.doc_words),
                 summary=t.count(s.summary_words))
    if t.lang == "en":
        size = f"{s.width}×{s.height}, {s.steps} steps"
    else:
        size = _n("{width}×{height}, {steps} step", "{width}×{height}, {steps} steps", s.steps, width=s.width,
                  height=s.height, steps=s.steps)
    if s.task == "video":
        seconds = "%g" % s.seconds if t.lang == "en" else t.number(s.seconds)
        return _("{seconds} s at {size}", seconds=seconds, size=size)
    return size


def is_custom_workload(e: Estimate, data: DataBundle) -> bool:
    """True when the workload was changed from its preset's values (tokens, words, pixels, steps, seconds)."""
    s = e.scenario
    preset = resolve(Scenario(task=s.task, model=s.model, preset=s.preset, custom_total_params_b=s.custom_total_params_b,
                              custom_active_params_b=s.custom_active_params_b), data).scenario
    return any(getattr(s, f) != getattr(preset, f) for f in WORKLOAD_FIELDS)


def compare_typical_params(lab: FlightLabel, data: DataBundle) -> dict[str, str]:
    """Compare-page options for "your choice vs the typical option" with the same amount of work on both sides:
    the same count and the same job size (preset); only the model and grid change to the typical option's."""
    from estimator.urlstate import compare_params

    s, typical = lab.estimate.scenario, lab.typical.scenario
    # the same work, counted the same way: count, job size, boundary, and the serving conditions the label's
    # typical was computed in
    same_work = {"task": s.task, "count": s.count, "preset": s.preset, "boundary": s.boundary,
                 "mode": typical.mode, "precision": typical.precision}
    return compare_params([Scenario(model=s.model, region=s.region, **same_work),
                           Scenario(model=typical.model, region=typical.region, **same_work)])


def scenario_words(e: Estimate, data: DataBundle) -> str:
    """'1 image with Stable Diffusion XL base 1.0, France (FR) grid — one 1024×1024 image'; a workload
    changed from its preset is spelled out instead of the preset's name."""
    s = e.scenario
    if is_custom_workload(e, data):
        what = _("custom: {workload}", workload=workload_words(s))
    else:
        what = preset_label(s.task, s.preset, data)
        what = what[:1].lower() + what[1:]
    return _("{count} with {model}{serving}, {zone} grid — {what}", count=count_words(e), model=model_name(e.model, tr()),
             serving=serving_suffix(e.scenario, data), zone=zone_label(e.zone.zone_id, data), what=what)


def serving_suffix(s, data: DataBundle) -> str:
    """' (self-hosted, FP8)' when the option is not the default production service as served; else ''."""
    bits = ([_("self-hosted")] if s.mode == "self-hosted" else []) + (
        [data.precisions[s.precision].label.split(" (")[0]] if s.precision else [])
    return _(" ({items})", items=_(", ").join(bits)) if bits else ""


def label_words(lab: FlightLabel) -> str:
    return f"{ICONS[lab.category]} {present_label_words(lab, tr())}"


def category_words(category: str) -> str:
    """"Lower", "Typical", "Higher": the label's one word."""
    return {"lower": _p("label.category", "Lower"), "typical": _p("label.category", "Typical"),
            "higher": _p("label.category", "Higher")}.get(category, category.capitalize())


def unit_singular(task) -> str:
    """"image", "conversation": the task's unit for one, in the reader's language."""
    return names.task_unit(task, 1, tr())


def percent_words(lab: FlightLabel, data: DataBundle | None = None, with_range: bool = True) -> str:
    """The percentage worded to agree with the category ("−45% (−64% to −14%), not surely lower" beside Typical);
    without the range where a card has one line for it."""
    return label_percent(lab, data or get_data(), with_range, t=tr())


def typical_words(lab: FlightLabel, data: DataBundle) -> str:
    """What "typical" is for this task: its model, workload and grid, per unit, and how it was chosen."""
    typ = lab.typical
    central, span = grams_text(typ.co2e_g_per_unit)
    preset = preset_label(typ.scenario.task, typ.scenario.preset, data)
    return _("Typical for this task: {model}{serving}, {preset}, world-average grid — {central} CO₂e per {unit} "
             "(range {span}). Typical is the model behind the product most people use for the task, or the median "
             "catalogued model when that product's model is not known (Methodology, section 2).",
             model=model_name(typ.model, tr()), serving=serving_suffix(typ.scenario, data),
             preset=preset[:1].lower() + preset[1:],
             central=central, unit=unit_singular(typ.task), span=span)


def not_counted_words(e: Estimate | None = None) -> str:
    return not_counted(e.boundary if e is not None else "datacenter", tr())


NO_BREAK = str.maketrans({" ": "\u00a0", "–": "\u2060–\u2060"})  # no-break space; word joiners around the dash


def unbroken(text: str) -> str:
    """'0.047–0.48 g' that a narrow table cell cannot split between number and unit or across the dash."""
    return text.translate(NO_BREAK)


def lifecycle_block(e: Estimate) -> None:
    """The lifecycle boundary's three parts, each with its range, and why amortized training is a judgement."""
    st.markdown("**" + _("Life cycle, part by part") + "**")
    rows = []
    part, co2e, rng = _p("table.header", "Part"), "CO₂e", _p("table.header", "Range")
    for key in PARTS:
        central, span = (unbroken(text) for text in grams_text(e.parts[key]))
        rows.append({part: part_words(key, tr()), co2e: central, rng: span})
    # a plain table, not a data grid: its cells wrap, so the ranges stay whole on a 390 px phone
    st.table(rows, hide_index=True, width="stretch")
    st.caption(training_judgement(tr()))


def drivers_words(e: Estimate) -> str:
    t = tr()
    if t.lang == "en":
        parts = [f"{name} ({share:.0%})" for name, share in e.drivers()[:3]]
        return ", ".join(parts) if parts else "no uncertain inputs"
    parts = [_("{input} ({share})", input=driver_words(name, t, get_data()), share=t.percent(share * 100))
             for name, share in e.drivers()[:3]]
    return _(", ").join(parts) if parts else _("no uncertain inputs")


def card_alt_text(lab: FlightLabel, data: DataBundle) -> str:
    e = lab.estimate
    central, span = grams_text(e.co2e_g)
    words = present_label_words(lab, tr())
    if tr().lang == "en":
        words = words.lower()
    return _("{app} card: {scenario}: {central} CO2e (range {span}); {label} ({percent}). {not_counted} Methodology "
             "{version}.", app=APP_NAME, scenario=scenario_words(e, data), central=central, span=span, label=words,
             percent=percent_words(lab, data), not_counted=not_counted(e.boundary, tr()),
             version=e.methodology_version)


# ---------------------------------------------------------------- records and downloads (pure: tested directly)

flat = flat_record  # kept for the pages and tests that import it from here


def record(lab: FlightLabel, data: DataBundle, url: str | None) -> dict:
    return estimate_record(lab.estimate, lab, data, url)


def record_json(lab: FlightLabel, data: DataBundle, url: str | None) -> bytes:
    return json.dumps(record(lab, data, url), indent=2, ensure_ascii=False).encode("utf-8")


def record_csv(lab: FlightLabel, data: DataBundle, url: str | None) -> bytes:
    return csv_text([flat(record(lab, data, url))]).encode("utf-8")


def compare_records(labs: list[FlightLabel], data: DataBundle, url: str | None) -> list[dict]:
    return [{"option": chr(ord("A") + i), **record(lab, data, url)} for i, lab in enumerate(labs)]


def compare_json(labs: list[FlightLabel], data: DataBundle, url: str | None) -> bytes:
    return json.dumps(compare_records(labs, data, url), indent=2, ensure_ascii=False).encode("utf-8")


def compare_csv(labs: list[FlightLabel], data: DataBundle, url: str | None) -> bytes:
    return csv_text([flat(r) for r in compare_records(labs, data, url)]).encode("utf-8")


def citation(lab: FlightLabel, url: str | None) -> str:
    """The citation line in the reader's language (it names its language when that is not English)."""
    return citation_line(lab.estimate, url, t=tr())


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def bibtex(lab: FlightLabel, data: DataBundle, url: str, date: dt.date | None = None) -> str:
    e = lab.estimate
    day = date or dt.datetime.now(dt.timezone.utc).date()
    key = f"aiflightlabel_{e.data_hash}_{day.strftime('%Y%m%d')}"
    title = _bibtex_escape(f"{APP_NAME}: {scenario_words(e, data)}")
    return "\n".join([
        f"@misc{{{key},",
        f"  title = {{{{{title}}}}},",
        f"  author = {{{{{APP_NAME}}}}},",
        f"  year = {{{day.year}}},",
        f"  version = {{{e.methodology_version}}},",
        f"  note = {{{_bibtex_escape(citation_line(e, None, day, t=tr()))}}},",
        f"  url = {{{url}}},",
        f"  urldate = {{{day.isoformat()}}}",
        "}",
    ])


EMBED_THEMES = {"light": "light_theme", "dark": "dark_theme"}  # our theme= value → Streamlit's embed_options
EMBED_HEIGHT_PX = 660  # the compact card and its citation down to a 320 px phone, long names included (tests/test_browser_readers.py)
EMBED_MAX_WIDTH_PX = 640


# An embedded comparison stacks on a phone: the ratio, the chart and each option's card one under the other.
# Heights measured at a 320 px column in Chromium with long model names (tests/test_browser_compare_embed.py).
# (measured 2026-12-01: 1,463, 1,411 and 1,869 px; three or four options use the short cards), plus room to spare.
COMPARE_EMBED_HEIGHT_PX = {2: 1540, 3: 1600, 4: 1960}


def compare_embed_height_px(options: int) -> int:
    return COMPARE_EMBED_HEIGHT_PX[max(2, min(4, options))]


def embed_src(base_src: str, theme: str) -> str:
    """The iframe's URL: our theme= (readable, kept in the link) plus the embed_options Streamlit reads on load,
    so the card keeps the article's light (or dark) look whatever the reader's own setting."""
    sep = "&" if "?" in base_src else "?"
    return f"{base_src}{sep}theme={theme}&embed=true&embed_options={EMBED_THEMES[theme]}"


def iframe_snippet(src: str, title: str, height: int = EMBED_HEIGHT_PX) -> str:
    """A responsive iframe: the article's full width up to 640 px, never wider than its column."""
    def attr(text: str) -> str:  # an attribute value that cannot close its quotes or open a tag
        return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")

    src_attr = src.replace('"', "%22").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return (f'<iframe src="{src_attr}" width="100%" height="{height}" title="{attr(title)}" '
            f'style="width:100%;max-width:{EMBED_MAX_WIDTH_PX}px;height:{height}px;border:0;display:block" '
            'loading="lazy"></iframe>')


def card_png(lab: FlightLabel, url: str | None) -> bytes:
    return _card_png(lab, url=url, t=tr())


def card_svg(lab: FlightLabel, url: str | None, date: dt.date | None = None) -> str:
    return _card_svg(lab, url=url, date=date, t=tr())


def card_png_for(scenario: Scenario, url: str, day: str) -> bytes:
    """The PNG card of a (resolved) scenario on the annual-average grid, in the reader's language."""
    return _card_png_cached(scenario, url, day, current_lang())


@st.cache_data(max_entries=256, show_spinner=False)
def _card_png_cached(scenario: Scenario, url: str, day: str, lang: str) -> bytes:
    """Drawn once per scenario, URL, day and language."""
    return _card_png(label(scenario, get_data()), url=url, date=dt.date.fromisoformat(day), lang=lang)


def file_stub(lab: FlightLabel) -> str:
    """'ai-flight-label_image_sdxl_FR_n10': the count is in the name, so n=1 and n=10 never overwrite each other."""
    e = lab.estimate
    s = e.scenario
    count = f"{s.count:g}".replace(".", "p")
    return re.sub(r"[^A-Za-z0-9._-]+", "-",
                  f"ai-flight-label_{s.task}_{e.model.model_id}_{s.region}_n{count}").strip("-")


# ---------------------------------------------------------------- rendering blocks

# Charts are Vega-Lite dicts: a template per (chart, size, theme) built once per process and
# filled with the rerun's rows. Building Altair objects and calling to_dict() cost ~50 ms per
# Estimate rerun; a filled template costs well under 1 ms (`make bench` prints both pages).
# The rows sit in a nested layer's inline values, so Streamlit sends them inside the spec
# instead of converting them to an Arrow table on every rerun.

# Colours per theme. Text, background and primary come from .streamlit/config.toml (both
# palettes are set there); the highlight (the reader's own choice) and grid lines are chart-only.
_THEME_FALLBACK = {
    "light": {"textColor": "#1A1A1A", "backgroundColor": "#FFFFFF", "primaryColor": "#0A5C63"},
    "dark": {"textColor": "#F5F5F5", "backgroundColor": "#0E1117", "primaryColor": "#7FD1C8"},
}
# Brown on white is 7.9:1; amber on the dark background is 10:1 (WCAG AA needs 4.5:1 for text, 3:1 for marks).
_HIGHLIGHT = {"light": "#7A4B00", "dark": "#F2B45A"}
_GRID = {"light": "#D5D9DF", "dark": "#3A4350"}
# Bars are drawn at this opacity so the text-coloured whisker reads on top of them in both themes.
BAR_OPACITY = 0.7
_TEMPLATES: dict[tuple, dict] = {}


def theme_kind() -> str:
    """'dark' or 'light': the reader's theme as the browser reports it (light when unknown, e.g. in tests)."""
    try:
        kind = st.context.theme.type
    except Exception:  # no browser context
        kind = None
    return "dark" if kind == "dark" else "light"


def chart_palette(kind: str) -> dict[str, str]:
    """text, background, primary, highlight and grid colours of one theme."""
    def option(name: str) -> str:
        try:
            value = st.get_option(f"theme.{kind}.{name}")
        except Exception:  # an older Streamlit without per-theme options
            value = None
        return value or _THEME_FALLBACK[kind][name]

    return {"text": option("textColor"), "background": option("backgroundColor"), "primary": option("primaryColor"),
            "highlight": _HIGHLIGHT[kind], "grid": _GRID[kind]}


def _template(key: tuple, build) -> dict:
    spec = _TEMPLATES.get(key)
    if spec is None:
        spec = _TEMPLATES[key] = build()
    return spec


def _filled(template: dict, values: list[dict], extra_layers: list[dict] = ()) -> dict:
    """A template with this rerun's rows (the template itself is never changed)."""
    spec = dict(template)
    spec["layer"] = [{"data": {"values": values}, "layer": template["layer"]}, *extra_layers]
    return spec


def chart_number_locale(t: Translator) -> dict | None:
    """Vega's number locale (d3-format) from CLDR's symbols for the reader's language; None for English (Vega's
    own default, so English charts stay exactly as they were)."""
    if t.lang == "en":
        return None
    symbols = t.locale.number_symbols.get("latn", t.locale.number_symbols)
    return {"decimal": symbols["decimal"], "thousands": symbols["group"], "grouping": [3], "currency": ["", ""]}


def _chart_config(kind: str, big: bool = False) -> dict:
    """Axis and view settings shared by every chart: theme text colours, readable sizes, few ticks."""
    pal = chart_palette(kind)
    size = 16 if big else 13
    return {
        "axis": {"labelFontSize": size, "titleFontSize": size + 1, "labelColor": pal["text"], "titleColor": pal["text"],
                 "gridColor": pal["grid"], "domainColor": pal["grid"], "tickColor": pal["grid"], "labelLimit": 320,
                 "labelOverlap": "greedy", "labelFlush": True},
        "view": {"strokeWidth": 0},
        "text": {"color": pal["text"]},
    }


def _base_spec(kind: str, big: bool, **fields) -> dict:
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "config": _chart_config(kind, big),
            # SVG keeps the chart's text in the page: screen readers, find-in-page and the browser tests read it.
            "usermeta": {"embedOptions": {"renderer": "svg"}}, **fields}


def _titled(spec: dict, channel: str, title: str) -> dict:
    """The filled spec with its first mark's axis title set (copies only the dicts on the way down)."""
    group = dict(spec["layer"][0])
    first = dict(group["layer"][0])
    first["encoding"] = {**first["encoding"], channel: {**first["encoding"][channel], "title": title}}
    group["layer"] = [first, *group["layer"][1:]]
    return {**spec, "layer": [group, *spec["layer"][1:]]}


def show_chart(chart) -> None:
    """Draw a Vega-Lite spec (a dict; an Altair chart is accepted and converted without re-validation)."""
    spec = chart if isinstance(chart, dict) else chart.to_dict(validate=False)
    locale = chart_number_locale(tr())
    if locale is not None:  # every chart's axes write numbers as the reader's locale does: "0,2" in French
        spec = {**spec, "config": {**spec.get("config", {}), "locale": {"number": locale}}}
    st.vega_lite_chart(spec, width="stretch")


def _range_bar_template(kind: str) -> dict:
    pal = chart_palette(kind)
    return _base_spec(kind, False, height=96, padding={"left": 4, "right": 12, "top": 4, "bottom": 20}, layer=[
        # The band in the primary colour; the central tick in the text colour, taller than the band so its
        # ends sit on the page background in either theme.
        {"mark": {"type": "rule", "strokeWidth": 10, "strokeCap": "round", "color": pal["primary"], "opacity": 0.8},
         "encoding": {"x": {"field": "low", "type": "quantitative", "title": None,
                            "scale": {"zero": True}, "axis": {"tickCount": 4}},
                      "x2": {"field": "high"}}},
        {"mark": {"type": "tick", "thickness": 4, "size": 26, "color": pal["text"]},
         "encoding": {"x": {"field": "central", "type": "quantitative"}}},
    ])


def range_bar(e: Estimate) -> None:
    """A thin bar from low to high with the central value marked, plus its text alternative."""
    div, unit = grams_unit(e.co2e_g.central)
    kind = theme_kind()
    spec = _filled(_template(("range", kind), lambda: _range_bar_template(kind)),
                   [{"low": e.co2e_g.low / div, "central": e.co2e_g.central / div, "high": e.co2e_g.high / div}])
    show_chart(_titled(spec, "x", f"CO₂e ({unit})"))
    central, span = grams_text(e.co2e_g)
    st.caption(_("Range bar: the footprint is likely within {span}; the mark shows the central estimate, {central}.",
                 span=span, central=central))


def headline(lab: FlightLabel, data: DataBundle, big: bool = True) -> None:
    """The big number with its range in words, and the energy under it."""
    e = lab.estimate
    central, span = grams_text(e.co2e_g)
    st.metric(_("Carbon footprint ({boundary} boundary)", boundary=boundary_short(e.boundary)), f"{central} CO₂e",
              help=_("Grams of CO₂-equivalent for the whole request, central estimate."))
    st.markdown(_("**Likely range: {span}** — from the low to the high end of what the inputs allow.", span=span))
    if big:
        range_bar(e)
    w_central, w_span = wh_text(e.energy_wh)
    st.metric(_("Electricity"), w_central,
              help=_("Energy for the whole request at the same boundary (at the life-cycle boundary: the datacenter's "
                     "electricity; making the hardware and training the model are counted in grams only).")
              if e.parts else _("Energy for the whole request at the same boundary."))
    st.caption(_("Energy range {span}.", span=w_span))


def basis_block(e: Estimate, data: DataBundle) -> None:
    """Measured or extrapolated (estimator/basis.py), in words, with its one-line reason."""
    b = estimate_basis(e, data, tr())
    icon = ":material/straighten:" if b.kind == "measured" else ":material/trending_up:"
    st.markdown(f"{icon} **{b.words_in(tr())}** — {md(b.reason)}")


def label_block(lab: FlightLabel, data: DataBundle) -> None:
    """The flight-style label: icon and words (never colour alone), % vs typical, what typical is."""
    with st.container(border=True):
        st.metric(_("Flight-style label"), f"{ICONS[lab.category]} {category_words(lab.category)}",
                  delta=percent_words(lab, data), delta_color=BADGE_COLOURS[lab.category], delta_arrow="off",
                  help=_("Compared per unit with the task's typical option, as Google Flights compares a flight "
                         "with the typical flight of its route."))
        st.markdown(_("**{label}** (per {unit}). {sentence}", label=present_label_words(lab, tr()),
                      unit=unit_singular(lab.estimate.task), sentence=md(label_sentence(lab, data, tr()))))
        st.caption(md(typical_words(lab, data)))
        st.caption(_("The range rule: {rule}", rule=md(rule_words(data, tr()))))


def accounting_block(e: Estimate, data: DataBundle) -> None:
    """Location-based (the headline, always first) beside any market-based or hourly-CFE figure published for
    the region, with one sentence on why they differ; else one line saying nothing is published."""
    first, *reasons = accounting_lines(e, data, tr())
    if not reasons:
        st.caption(md(first))
        return
    st.markdown("**" + _("Accounting basis.") + "** " + md(first.replace("CO2e", "CO₂e")))
    for reason in reasons:
        st.caption(md(reason))


def equivalent_metrics(best) -> None:
    """The best everyday equivalents side by side, each with its range and source in the help (estimate and year)."""
    t = tr()
    cols = st.columns(len(best))
    for col, v in zip(cols, best):
        col.metric(v.label_in(t), t.amount(v.amount.central),
                   help=_("Range {range}. Source: {publisher} ({year}).",
                          range=t.span(t.amount(v.amount.low), t.amount(v.amount.high)),
                          publisher=v.equivalent.source.publisher, year=v.equivalent.source.year))


def equivalent_unit_words(unit: str) -> str:
    """An equivalent's factor unit, "g CO2e per km" → « g CO2e par km »: the units stay, the "per" is worded."""
    if " per " not in unit:
        return unit
    head, tail = unit.split(" per ", 1)
    per = {"full charge": _p("equivalents.per", "full charge"), "hour": _p("equivalents.per", "hour"),
           "litre": _p("equivalents.per", "litre"), "mile": _p("equivalents.per", "mile"),
           "search": _p("equivalents.per", "search"), "km": _p("equivalents.per", "km"),
           "minute": _p("equivalents.per", "minute")}
    return _("{quantity} per {unit}", quantity=head, unit=per.get(tail, tail))


def equivalents_block(e: Estimate, data: DataBundle) -> None:
    t = tr()
    best = e.best_equivalents(data)
    if best:
        equivalent_metrics(best)
    else:
        st.caption(_("No everyday equivalent reads well at this size; see them all below."))
    with st.expander(_("Show all equivalents")):
        h = {"Equivalent": _p("table.header", "Equivalent"), "Amount": _p("table.header", "Amount"),
             "Range": _p("table.header", "Range"), "Based on": _p("table.header", "Based on"),
             "Factor": _p("table.header", "Factor"), "Source": _p("table.header", "Source"),
             "Publisher": _p("table.header", "Publisher")}
        rows = [{h["Equivalent"]: v.label_in(t), h["Amount"]: t.amount(v.amount.central),
                 h["Range"]: t.span(t.amount(v.amount.low), t.amount(v.amount.high)),
                 h["Based on"]: "CO₂e" if v.equivalent.basis == "co2e" else _p("equivalents.basis", "energy"),
                 h["Factor"]: f"{t.amount(v.equivalent.per_unit.central)} {equivalent_unit_words(v.equivalent.unit)}",
                 h["Source"]: v.equivalent.source.url if v.equivalent.source.url.startswith("http") else None,
                 h["Publisher"]: f"{v.equivalent.source.publisher} ({v.equivalent.source.year})"}
                for v in e.equivalents(data)]
        # an Arrow table straight from the rows: Streamlit sends Arrow, and a pandas detour costs ~2 ms per rerun
        st.dataframe(pa.Table.from_pylist(rows), hide_index=True, width="stretch",
                     column_config={h["Source"]: st.column_config.LinkColumn(h["Source"],
                                                                             display_text=_p("link", "source"))})


# Row geometry of the bar chart: each option gets its name line, its value line, then its bar, so long
# names and values keep the full width on a phone instead of squeezing the bars (px).
_BAR_SIZES = {False: {"bar": 16, "font": 13, "gap": 6}, True: {"bar": 24, "font": 18, "gap": 6}}
LINE_HEIGHT = 1.25  # text line height as a multiple of the font size


NAME_PARTS = " · "  # "A: GPT-4o · France (FR)": each part of an option's name gets its own line
PHONE_CHART_PX = 500  # below this chart width the big chart's text steps down to PHONE_FONT
PHONE_FONT = 15


def _bar_geometry(big: bool, name_lines: int = 1) -> dict[str, float]:
    """Row height and each part's offset from the row's centre (Vega-Lite puts a band's marks at its centre).

    From the row's top: gap, the name's lines (top-aligned, so extra lines grow downwards), the value line
    (bottom-aligned), 3 px, the bar, gap."""
    g = dict(_BAR_SIZES[big])
    line = g["font"] * LINE_HEIGHT
    name_top = g["gap"]
    value_bottom = name_top + line * (name_lines + 1)
    bar_centre = value_bottom + 3 + g["bar"] / 2
    g["step"] = round(bar_centre + g["bar"] / 2 + g["gap"])
    centre = g["step"] / 2
    g["name_dy"], g["value_dy"], g["bar_dy"] = name_top - centre, value_bottom - centre, bar_centre - centre
    return g


def _error_bar_template(kind: str, big: bool, name_lines: int, lang: str = "en") -> dict:
    pal = chart_palette(kind)
    g = _bar_geometry(big, name_lines)
    y = {"field": "name", "type": "nominal", "axis": None, "title": None, "sort": None}
    x = {"field": "central", "type": "quantitative", "scale": {"zero": True}, "axis": {"tickCount": 3}}
    stroke = 3 if big else 2
    whisker = {"color": pal["text"], "yOffset": g["bar_dy"]}
    fit = {"expr": "width"}  # a line longer than the chart ends in an ellipsis instead of running off the edge
    font = {"expr": f"width < {PHONE_CHART_PX} ? {PHONE_FONT} : {g['font']}"} if big else g["font"]
    return _base_spec(kind, big, height={"step": g["step"]}, padding={"left": 4, "right": 12, "top": 4, "bottom": 20},
                      layer=[
        {"mark": {"type": "bar", "size": g["bar"], "opacity": BAR_OPACITY, "yOffset": g["bar_dy"]},
         "encoding": {"y": y, "x": x,
                      "color": {"condition": {"test": "datum.highlight", "value": pal["highlight"]},
                                "value": pal["primary"]},
                      "tooltip": [{"field": "name", "type": "nominal", "title": translator(lang)._p("chart", "Option")},
                                  {"field": "detail", "type": "nominal", "title": translator(lang)._p("chart", "What")},
                                  {"field": "value", "type": "nominal", "title": "CO₂e"},
                                  {"field": "range", "type": "nominal",
                                   "title": translator(lang)._p("chart", "Likely range")}]}},
        {"mark": {"type": "rule", "strokeWidth": stroke, **whisker},
         "encoding": {"y": y, "x": {"field": "low", "type": "quantitative"}, "x2": {"field": "high"}}},
        {"mark": {"type": "tick", "thickness": stroke, "size": g["bar"], **whisker},
         "encoding": {"y": y, "x": {"field": "low", "type": "quantitative"}}},
        {"mark": {"type": "tick", "thickness": stroke, "size": g["bar"], **whisker},
         "encoding": {"y": y, "x": {"field": "high", "type": "quantitative"}}},
        {"mark": {"type": "text", "align": "left", "baseline": "top", "x": 0, "dy": g["name_dy"], "limit": fit,
                  "lineBreak": "\n", "lineHeight": round(g["font"] * LINE_HEIGHT),
                  "fontSize": font, "fontWeight": "bold" if big else "normal", "color": pal["text"]},
         "encoding": {"y": y, "text": {"field": "name_lines", "type": "nominal"}}},
        {"mark": {"type": "text", "align": "left", "baseline": "bottom", "x": 0, "dy": g["value_dy"], "limit": fit,
                  "fontSize": font, "fontWeight": "bold", "color": pal["text"]},
         "encoding": {"y": y, "text": {"field": "caption", "type": "nominal"}}},
    ])


def error_bar_chart(rows: list[dict], unit: str, big: bool = False) -> dict:
    """Horizontal bars (central) with whiskers (low–high); each bar's name, then its value and range, sit above
    it, so the chart keeps its width on a phone. rows: name, central, low, high (in ``unit``), value, range,
    detail, highlight. Returns a Vega-Lite spec for ``show_chart``; colours follow the reader's theme."""
    kind = theme_kind()
    lines = max(r["name"].count(NAME_PARTS) + 1 for r in rows)
    lang = current_lang()
    template = _template(("bars", kind, big, lines, lang), lambda: _error_bar_template(kind, big, lines, lang))
    values = [{**r, "name_lines": r["name"].replace(NAME_PARTS, "\n"),
               "caption": _("{value} (likely {range})", value=r["value"], range=r["range"])}
              for r in rows]
    return _titled(_filled(template, values), "x", _("CO₂e ({unit}): bar central, whisker likely range", unit=unit))


def bar_rows(items: list[tuple[str, str, object]], first_highlighted: bool = False) -> tuple[list[dict], str]:
    """(name, detail, CO2e range) → chart rows in one unit chosen from the largest central value."""
    div, unit = grams_unit(max(r.central for _, _, r in items))
    rows = [{"name": name, "detail": detail, "central": r.central / div, "low": r.low / div, "high": r.high / div,
             "value": grams_text(r)[0], "range": grams_text(r)[1], "highlight": first_highlighted and i == 0}
            for i, (name, detail, r) in enumerate(items)]
    return rows, unit


def chart_caption(rows: list[dict], what: str) -> str:
    items = _("; ").join(_("{name}: {value} (likely {range})", name=r["name"], value=r["value"], range=r["range"])
                         for r in rows)
    return _("{what} {items}.", what=what, items=items)


def greener_lines(lab: FlightLabel, limit: int | None = None) -> str:
    """The greener options as one markdown list: saving and lever in bold, then what changes, the grams and the
    trade-off on their own lines (reads as a column of short cards on a phone and on a desktop); ``limit``: the
    first few only (presentation mode's one screen)."""
    t = tr()
    items = []
    for o in lab.alternatives[:limit]:
        central, span = grams_text(o.estimate.co2e_g)
        items.append(f"- **{saved_percent_words(o, t)} · {md(greener_label(o))}**  \n"
                     f"  {md(greener_change(o, lab))} → " + _("{central} CO₂e (likely {span})", central=central, span=span)
                     + "  \n  *" + _("Trade-off:") + f"* {md(greener_trade_off(o, lab))}")
    return "\n".join(items)


def _alternative(o):
    return get_data().alternatives.get(o.alternative_id)


def greener_label(o) -> str:
    """A greener option's name in the reader's language (o.label is the English)."""
    alt = _alternative(o)
    return names.alternative_label(alt, tr()) if alt is not None and tr().lang != "en" else o.label


def greener_change(o, lab: FlightLabel) -> str:
    return change_words(o, lab.estimate, tr()) if tr().lang != "en" else o.change


def greener_trade_off(o, lab: FlightLabel) -> str:
    alt = _alternative(o)
    if alt is None or tr().lang == "en":
        return o.trade_off
    return names.alternative_trade_off(alt, lab.estimate.scenario.task, tr())


def greener_block(lab: FlightLabel) -> None:
    e = lab.estimate
    if not lab.alternatives:
        st.info(_("None of the levers we model lowers this footprint: it is already the leanest option we know of."))
        return
    st.markdown(greener_lines(lab))
    items = [(_("Your choice"), _("as chosen"), e.co2e_g)] + [(greener_label(o), greener_change(o, lab),
                                                              o.estimate.co2e_g) for o in lab.alternatives]
    chart_rows, unit = bar_rows(items, first_highlighted=True)
    show_chart(error_bar_chart(chart_rows, unit))
    st.caption(chart_caption(chart_rows, _("Bar chart of CO₂e in {unit}, your choice first (highlighted), then each "
                                           "greener option; whiskers show the likely range.", unit=unit)))


HOUR_TICKS = list(range(0, 24, 4))  # six labels fit a phone's width


def _day_curve_template(kind: str, lang: str = "en") -> dict:
    pal = chart_palette(kind)
    t = translator(lang)
    x = {"field": "hour_of_day", "type": "quantitative", "title": t._("Local hour of the day"),
         "scale": {"domain": [0, 23], "nice": False},
         "axis": {"values": HOUR_TICKS, "labelExpr": "(datum.value < 10 ? '0' : '') + datum.value + ':00'"}}
    return _base_spec(kind, False, height=260, padding={"left": 4, "right": 12, "top": 4, "bottom": 20}, layer=[
        {"mark": {"type": "area", "opacity": 0.3, "color": pal["primary"]},
         "encoding": {"x": x, "y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}}},
        {"mark": {"type": "line", "point": {"filled": True, "size": 30}, "strokeWidth": 2.5},
         # colour as an encoding: Streamlit's chart theme would otherwise paint the line its own blue
         "encoding": {"x": x, "y": {"field": "central", "type": "quantitative"}, "color": {"value": pal["primary"]},
                      "tooltip": [{"field": "when", "type": "nominal", "title": t._p("chart", "When")},
                                  {"field": "value", "type": "nominal", "title": "CO₂e"}]}},
    ])


def _chosen_hour_layers(kind: str, point: dict) -> list[dict]:
    """A dashed rule, a large point and a label at the hour the reader chose."""
    pal = chart_palette(kind)
    x = {"field": "hour_of_day", "type": "quantitative"}
    left = point["hour_of_day"] < 12  # the label runs towards the middle so it stays inside the chart
    return [{"data": {"values": [point]}, "layer": [
        {"mark": {"type": "rule", "strokeDash": [4, 3], "strokeWidth": 2, "color": pal["highlight"]},
         "encoding": {"x": x}},
        {"mark": {"type": "point", "filled": True, "size": 160, "color": pal["highlight"],
                  "stroke": pal["text"], "strokeWidth": 1},
         "encoding": {"x": x, "y": {"field": "central", "type": "quantitative"}}},
        {"mark": {"type": "text", "align": "left" if left else "right", "baseline": "top", "dx": 6 if left else -6,
                  "y": 4, "fontSize": 13, "fontWeight": "bold", "color": pal["text"], "limit": {"expr": "width / 2"}},
         "encoding": {"x": x, "text": {"field": "label", "type": "nominal"}}},
    ]}]


def day_curve_block(e: Estimate, data: DataBundle, hours, chosen_hour: int | None = None) -> None:
    """The same request at each hour of a typical day (hourly profile): central line, likely-range band, and the
    chosen hour marked (``chosen_hour``, or the scenario's own hour when it has one)."""
    from estimator.hourly import day_curve

    if chosen_hour is None:
        chosen_hour = e.scenario.hour
    curve = day_curve(e, data, hours)
    div, unit = grams_unit(max(r.central for _, r in curve))
    t = tr()
    rows = [{"hour_of_day": int(when[:2]), "when": when_words(when, t), "central": r.central / div, "low": r.low / div,
             "high": r.high / div, "value": grams_text(r)[0]} for when, r in curve]
    kind = theme_kind()
    lang = t.lang
    template = _template(("day", kind, lang), lambda: _day_curve_template(kind, lang))
    chosen = next((r for r in rows if r["hour_of_day"] == chosen_hour), None)
    extra = []
    if chosen is not None:
        extra = _chosen_hour_layers(kind, {**chosen, "label": _("Your hour, {time}: {value}", time=chosen["when"][:5],
                                                                 value=chosen["value"])})
    show_chart(_titled(_filled(template, rows, extra), "y", f"CO₂e ({unit})"))
    best = min(curve, key=lambda p: p[1].central)
    worst = max(curve, key=lambda p: p[1].central)
    marked = (" " + _("The marked point is the hour you chose, {time} ({value}).", time=md(chosen["when"][:5]),
                      value=chosen["value"]) if chosen is not None else "")
    st.caption(_("Line chart: the same request at each hour of a typical day in {zone}, with its likely range as a "
                 "band. Lowest at {best} ({best_value}), highest at {worst} ({worst_value}).",
                 zone=md(names.zone_name(e.zone, t)), best=md(when_words(best[0], t)), best_value=grams_text(best[1])[0],
                 worst=md(when_words(worst[0], t)), worst_value=grams_text(worst[1])[0]) + marked)


def sources_block(e: Estimate, base: str, data: DataBundle | None = None) -> None:
    """One line per data row behind the number, the hourly profile's too when an hour of the day is chosen."""
    lines = []
    for what, src in result_sources(e, data or get_data()):
        url = src.url if src.url.startswith("http") else base + PAGES["methodology"][1]
        colon = _p("format", ":")
        lines.append(f"- **{source_what_words(what, tr())}{colon}** [{md(src.title)}]({url}) — "
                     f"{md(src.publisher)}, {md(src.year)}")
    st.markdown("\n".join(lines))


def downloads(lab: FlightLabel, data: DataBundle, url: str, key: str) -> None:
    """Label card (PNG, SVG; drawn only when clicked), result JSON and CSV."""
    stub = file_stub(lab)
    cols = st.columns(4)
    cols[0].download_button(_("Label card (PNG)"), data=lambda: card_png(lab, url), file_name=f"{stub}.png",
                            mime="image/png", key=f"{key}_png", on_click="ignore", icon=":material/image:")
    cols[1].download_button(_("Label card (SVG)"), data=lambda: card_svg(lab, url), file_name=f"{stub}.svg",
                            mime="image/svg+xml", key=f"{key}_svg", on_click="ignore", icon=":material/draw:")
    cols[2].download_button(_("Result (JSON)"), data=record_json(lab, data, url), file_name=f"{stub}.json",
                            mime="application/json", key=f"{key}_json", on_click="ignore", icon=":material/data_object:")
    cols[3].download_button(_("Result (CSV)"), data=record_csv(lab, data, url), file_name=f"{stub}.csv",
                            mime="text/csv", key=f"{key}_csv", on_click="ignore", icon=":material/table:")


def compact_card(lab: FlightLabel, data: DataBundle, title: str | None = None, brand: bool = False) -> None:
    """The label in a small bordered box: summary, big number, range, label, one equivalent."""
    e = lab.estimate
    central, span = grams_text(e.co2e_g)
    with st.container(border=True):
        if title:
            st.subheader(title)
        st.caption(("**AI Flight Label** · " if brand else "") + md(scenario_words(e, data)))
        st.metric(_("Carbon footprint"), f"{central} CO₂e")
        st.markdown(_("Likely range **{span}** · electricity {energy}", span=span, energy=wh_text(e.energy_wh)[0]))
        st.markdown(_("**{label}** ({percent})", label=label_words(lab), percent=md(percent_words(lab, data))))
        best = e.best_equivalents(data, 1)
        if best:
            st.markdown(f"≈ **{amount_text(best[0].amount.central)}** {md(best[0].label_in(tr()))}")
        st.caption(md(not_counted(e.boundary, tr())))


# ---------------------------------------------------------------- how we got this number, presentation mode

def walk_note() -> str:
    return _("Each number is rounded to two significant figures, so multiplying the rounded numbers by hand lands "
             "within a few percent of the total; the app multiplies the unrounded ones.")


def step_source_words(step, base: str) -> str:
    """'Source: [title](url) — publisher, year; …', or that the step is plain arithmetic."""
    from estimator.walkthrough import ARITHMETIC

    if step.is_arithmetic:
        if tr().lang == "en":
            return ARITHMETIC + "."
        return _("Arithmetic: no data row, only the numbers above.")
    links = []
    for src in step.sources:
        url = src.url if src.url.startswith("http") else base + PAGES["methodology"][1]
        links.append(f"[{md(src.title)}]({url}) — {md(src.publisher)}, {md(src.year)}")
    return _n("Source: {links}", "Sources: {links}", len(links), links=_("; ").join(links))


def step_number_line(step) -> str:
    """'× 1.3 → **0.13 Wh** (range 0.084–0.22 Wh)': what the step applies and where it lands (numbers only, so a
    teacher, and the app test, can multiply them out)."""
    from estimator.walkthrough import READS, factor_text, value_text

    central, span = value_text(step.value, step.unit, tr())
    rng = _(" (range {span})", span=span) if step.value.low < step.value.high else ""
    applied = factor_text(step, tr())
    lead = "≈ " if step.operation == READS else (f"{applied} → " if applied else "")
    return f"{lead}**{central}**{rng}"


def walkthrough_lines(steps, base: str) -> list[str]:
    """One markdown block per step: number and name, factor → value, the formula in words, the source."""
    return [f"**{i}. {md(s.name)}**  \n{step_number_line(s)}  \n{md(s.formula)}  \n{step_source_words(s, base)}"
            for i, s in enumerate(steps, 1)]


def walkthrough_block(e: Estimate, data: DataBundle, base: str) -> None:
    """How we got this number: every step of the chain as a numbered block (reads on a phone and projected)."""
    from estimator.walkthrough import walkthrough

    steps = walkthrough(e, data, tr())
    with st.container(key="walkthrough", gap="small"):
        for line in walkthrough_lines(steps, base):
            st.markdown(line)
        st.caption(walk_note())


def present_toggle() -> str:
    return _("Presentation mode")

# Presentation mode (present=1): no sidebar and no navigation, big type, every section one screen tall at
# 1280×720, and a visible keyboard focus ring. Text keeps the theme's text colour on its background (both
# themes ≥ 15:1, WCAG AAA needs 7:1), captions included; the label's coloured badge is plain text in this mode.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarNav"], header[data-testid="stHeader"] { display: none !important; }
.stMainBlockContainer { padding-top: 1.2rem !important; padding-bottom: 1rem !important; max-width: 100% !important; }
.stMainBlockContainer [data-testid="stMarkdown"] p, .stMainBlockContainer [data-testid="stMarkdown"] li { font-size: 1.45rem; line-height: 1.35; }
[data-testid="stMetricValue"] { font-size: 4.5rem !important; line-height: 1.1 !important; }
[data-testid="stMetricLabel"] p { font-size: 1.5rem !important; }
.st-key-present_big [data-testid="stMetricValue"] { font-size: 6rem !important; }
[class*="st-key-present_screen"] { min-height: calc(100vh - 2.5rem); }
[data-testid="stWidgetLabel"] p { font-size: 1.3rem !important; }
.stMainBlockContainer input { font-size: 1.6rem !important; }
.stMainBlockContainer button p { font-size: 1.25rem !important; }
.stMainBlockContainer :focus-visible { outline: 4px solid currentColor !important; outline-offset: 3px !important; }
.st-key-walk_steps [data-testid="stMarkdown"] p { font-size: 1.6rem; line-height: 1.3; margin-bottom: 0.2rem; }
.stMainBlockContainer [data-testid="stCaptionContainer"] { color: inherit !important; font-size: 1.2rem; }
.st-key-present_question [data-testid="stMarkdown"] p { font-size: 2.6rem; line-height: 1.2; }
@media (max-width: 640px) {  /* a phone held up in class: big, but the answer still fits the width */
  .st-key-present_question [data-testid="stMarkdown"] p { font-size: 1.7rem; }
  [data-testid="stMetricValue"], .st-key-present_big [data-testid="stMetricValue"] { font-size: 2.6rem !important; }
  [data-testid="stMetricValue"], [data-testid="stMetricValue"] * { white-space: normal !important; overflow: visible !important; }
}
</style>
"""


def presentation_mode(page_key: str = "page", where=None) -> bool:
    """The Presentation mode toggle, seeded from the link's ``present=`` whenever the link changes, and its CSS
    when on. Pages put ``present=1`` back into their link (``present_params``), so the mode survives sharing.
    ``where``: a column beside the page title to draw the toggle in (no extra row above the first screen)."""
    from estimator.urlstate import PRESENT_PARAM, parse_present

    ss = st.session_state
    given = first(raw_query(), PRESENT_PARAM)
    on, notices = parse_present(given, t=tr())
    key, seen = f"{page_key}_present", f"_{page_key}_present_url"
    if ss.get(seen, object()) != given:  # a new link: it decides; otherwise the toggle does
        ss[key] = on
        ss[seen] = given
    show_notices(notices)
    with where if where is not None else st.container():
        on = st.toggle(present_toggle(), key=key, help=_("Big numbers, no sidebar, one idea per screen, for a "
                                                         "projector. The link keeps it (present=1)."))
    ss[seen] = "1" if on else None  # what the page writes into its link (present_params): not a new link next run
    ss[PRESENTING] = on  # app.py leaves out the language menu on a projector (lang= still works)
    if on:
        st.html(PRESENT_CSS)
    return on


def present_params(params: dict[str, str], on: bool) -> dict[str, str]:
    """A page's link with ``present=1`` when presentation mode is on."""
    from estimator.urlstate import PRESENT_PARAM

    return {**params, PRESENT_PARAM: "1"} if on else params


def guess_distance_words(guess: float, answer) -> str:
    """How far a guess was from a Range: within the likely range, or how many times too high or too low."""
    if answer.low <= guess <= answer.high:
        return _("Within the likely range: well guessed!")
    if guess <= 0:
        return _("Too low: it is more than zero.")
    times = guess / answer.central if guess > answer.central else answer.central / guess
    if guess > answer.central:
        return _("{times}× too high.", times=amount_text(times))
    return _("{times}× too low.", times=amount_text(times))


def guess_first(question: str, answer, answer_words: str, key: str, after: str | None = None) -> bool:
    """Guess first: a question, a box for the class's guess and a Reveal button. The answer (``answer_words``, a
    Range ``answer``) and how far the guess was appear only after Reveal; a new question hides it again.
    Returns True once revealed."""
    if after is None:
        after = _("Scroll down for the grams and how we got them.")
    ss = st.session_state
    flag = f"{key}_revealed_for"
    asked = f"{question}|{answer_words}"  # another region asks the same question with another answer: hide it again

    def reveal() -> None:
        ss[flag] = asked

    def again() -> None:
        ss.pop(flag, None)
        ss[f"{key}_guess"] = None

    with st.container(key="present_question"):
        st.markdown(f"**{md(question)}**")
    box, _rest = st.columns([2, 3])
    guess = box.number_input(_("Your guess"), min_value=0.0, value=None, step=1.0, format="%g", key=f"{key}_guess",
                             placeholder=_("The class's guess"))
    revealed = ss.get(flag) == asked
    if not revealed:
        st.button(_("Reveal"), key=f"{key}_reveal", on_click=reveal, type="primary", icon=":material/visibility:")
        return False
    with st.container(key="present_big"):
        st.metric(_("The answer"), answer_words)
    if guess is not None:
        st.markdown("**" + _("Your guess: {guess}.", guess=amount_text(guess) if guess else "0") + "** "
                    + guess_distance_words(guess, answer))
    st.markdown(_("Likely range {range}. {after}", range=tr().span(amount_text(answer.low), amount_text(answer.high)),
                  after=after))
    st.button(_("Guess again"), key=f"{key}_again", on_click=again, icon=":material/replay:")
    return True


def methodology_version_text() -> str:
    return _("Methodology {version}", version=methodology_version())


# ---------------------------------------------------------------- My AI year (pages/year.py)

YEAR_TOTAL_PART = "total"  # at the datacenter boundary a task's bar is one segment: its whole footprint
# Legend words short enough for a 390 px phone; the caption under the chart gives the parts' full names.
def year_part_short() -> dict[str, str]:
    return {YEAR_TOTAL_PART: _p("year.part", "Whole footprint"), "operation": _p("year.part", "Electricity"),
            "embodied_hardware": _p("year.part", "Hardware"), "amortized_training": _p("year.part", "Training")}


def _year_part_colours(kind: str) -> dict[str, str]:
    """Segment colours of the task bars: electricity in the primary colour, the hardware in the highlight, the
    training in the text colour (each ≥ 3:1 on the background in both themes; the legend names them too)."""
    pal = chart_palette(kind)
    return {YEAR_TOTAL_PART: pal["primary"], "operation": pal["primary"], "embodied_hardware": pal["highlight"],
            "amortized_training": pal["text"]}


def _year_tasks_template(kind: str, parts: tuple[str, ...], lang: str = "en") -> dict:
    pal = chart_palette(kind)
    colours = _year_part_colours(kind)
    t = translator(lang)
    short = {YEAR_TOTAL_PART: t._p("year.part", "Whole footprint"), "operation": t._p("year.part", "Electricity"),
             "embodied_hardware": t._p("year.part", "Hardware"), "amortized_training": t._p("year.part", "Training")}
    words = [short[p] for p in parts]
    y = {"field": "task", "type": "nominal", "title": None, "sort": None, "axis": {"labelLimit": 150}}
    return _base_spec(kind, False, height={"step": 40}, padding={"left": 4, "right": 12, "top": 4, "bottom": 8},
                      layer=[
        {"mark": {"type": "bar", "opacity": BAR_OPACITY, "size": 24},
         "encoding": {"y": y, "x": {"field": "central", "type": "quantitative", "stack": "zero",
                                    "scale": {"zero": True}, "axis": {"tickCount": 3}},
                      "color": {"field": "part", "type": "nominal", "sort": words,
                                "scale": {"domain": words, "range": [colours[p] for p in parts]},
                                "legend": {"orient": "bottom", "title": None, "direction": "vertical",
                                           "labelColor": pal["text"], "labelFontSize": 13}
                                if len(parts) > 1 else None},
                      "order": {"field": "order", "type": "quantitative"},
                      "tooltip": [{"field": "task", "type": "nominal", "title": t._p("chart", "Task")},
                                  {"field": "part", "type": "nominal", "title": t._p("chart", "Part")},
                                  {"field": "value", "type": "nominal", "title": t._("CO₂e a year")}]}},
    ])


def year_tasks_chart(rows: list[dict], totals: list[dict], unit: str, parts: tuple[str, ...]) -> dict:
    """Horizontal bars, one per task, stacked by life-cycle part (one segment at the datacenter boundary), with a
    whisker for each task's likely range. rows: task, part (YEAR_PART_SHORT words), order, central, value; totals: task, low, high
    (all in ``unit``). A Vega-Lite spec for ``show_chart``; colours follow the reader's theme."""
    kind = theme_kind()
    lang = current_lang()
    template = _template(("year_tasks", kind, parts, lang), lambda: _year_tasks_template(kind, parts, lang))
    y = {"field": "task", "type": "nominal", "sort": None}
    whisker = {"data": {"values": totals}, "mark": {"type": "rule", "strokeWidth": 2, "color": chart_palette(kind)["text"]},
               "encoding": {"y": y, "x": {"field": "low", "type": "quantitative"}, "x2": {"field": "high"}}}
    return _titled(_filled(template, rows, [whisker]), "x", _("CO₂e a year ({unit})", unit=unit))


def _year_months_template(kind: str, lang: str = "en") -> dict:
    pal = chart_palette(kind)
    t = translator(lang)
    x = {"field": "month", "type": "ordinal", "title": None, "sort": None, "axis": {"labelAngle": -60}}
    return _base_spec(kind, False, height=220, padding={"left": 4, "right": 12, "top": 4, "bottom": 4}, layer=[
        {"mark": {"type": "bar", "opacity": BAR_OPACITY, "color": pal["primary"], "width": {"band": 0.7}},
         "encoding": {"x": x, "y": {"field": "central", "type": "quantitative", "scale": {"zero": True},
                                    "axis": {"tickCount": 4}},
                      "tooltip": [{"field": "month", "type": "nominal", "title": t._p("chart", "Month")},
                                  {"field": "value", "type": "nominal", "title": "CO₂e"},
                                  {"field": "range", "type": "nominal", "title": t._p("chart", "Likely range")}]}},
        {"mark": {"type": "rule", "strokeWidth": 2, "color": pal["text"]},
         "encoding": {"x": x, "y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}}},
    ])


def year_months_chart(rows: list[dict], unit: str) -> dict:
    """Vertical bars, one per calendar month of an export, with the likely range as a line. rows: month, central,
    low, high (in ``unit``), value, range."""
    kind = theme_kind()
    lang = current_lang()
    template = _template(("year_months", kind, lang), lambda: _year_months_template(kind, lang))
    return _titled(_filled(template, rows), "y", f"CO₂e ({unit})")


YEAR_PATH = "year"  # app.py's url_path of the My AI year page (public: links point to it)


def year_url(params: dict[str, str]) -> str:
    """The My AI year page's address with these parameters, from the browser's URL (app_base strips a known
    page's path; this page's own path is stripped here)."""
    base = app_base("estimate")
    if base.endswith(f"/{YEAR_PATH}/"):
        base = base[: -len(YEAR_PATH) - 1]
    query = urlencode(params, safe=":/")
    return f"{base}{YEAR_PATH}" + (f"?{query}" if query else "")


# ---------------------------------------------------------------- links that keep their numbers
_OLD_LINK_KEY = "_old_version_link"


def _old_link(raw_query, data: DataBundle) -> tuple[str, dict] | None:
    """(version, the link's query) of the old link this page was opened with, or None. The page rewrites its URL
    with today's v= on the first run, so the old link is remembered for this session and shown again on reruns
    while the scenario is still the link's (a download or a reveal keeps it; changing an input drops it)."""
    from estimator.urlstate import parse_params
    from estimator.versions import frozen_versions, link_version

    version = link_version(raw_query)
    if version in frozen_versions():
        st.session_state[_OLD_LINK_KEY] = (version, dict(raw_query))
        return version, dict(raw_query)
    remembered = st.session_state.get(_OLD_LINK_KEY)
    if remembered is None or version not in (None, methodology_version()):
        return None
    if parse_params(remembered[1], data).scenario != parse_params(raw_query, data).scenario:
        del st.session_state[_OLD_LINK_KEY]  # the reader changed the scenario: today's numbers only from now on
        return None
    return remembered


def version_block(raw_query, data: DataBundle, compact: bool = False):
    """When the link's ``v=`` names an older released methodology, its number by that version's own code and
    data beside today's and one line per later version from the Changelog; an unknown ``v=`` gets one notice;
    no ``v=`` or today's version adds nothing. ``compact`` (an embedded card): the two sentences in one caption,
    without the changelog lines. Returns the ThenAndNow shown, or None."""
    from estimator.versions import estimate_at, is_comparison, then_and_now_lines, version_notice

    if is_comparison(raw_query):  # one option's then-and-now would misread a comparison as the default task
        return None
    notice = version_notice(raw_query, tr())
    if notice:
        show_notices([notice])
        return None
    link = _old_link(raw_query, data)
    if link is None:
        return None
    version, link_query = link
    try:
        r = estimate_at(version, link_query, data)
    except EstimatorError as exc:
        show_notices([_("This link was made with methodology {version}, which cannot recompute it: {reason}.",
                        version=version, reason=tr()._(exc.message))])
        return None
    then, now = then_and_now_lines(r, tr())
    if compact:
        st.caption(f"{md(then)} {md(now)}")
        return r
    changed = "\n".join(f"- {md(line)}" for line in r.changed)
    # the two numbers on lines of their own, so a reader sees at once which is the article's and which is today's
    st.info(f"{md(then)}\n\n{md(now)}\n\n**" + _("What changed since {version}:", version=md(version))
            + f"**\n{changed}", icon=":material/history:")
    if tr().lang != "en" and r.changed:
        st.caption(_("The lines on what changed are quoted from the methodology's changelog, which is in English."))
    if r.then.notices:
        st.caption(_("Read by methodology {version}'s own link rules: {notices}", version=md(version),
                     notices=" ".join(md(n) for n in r.then.notices)))
    return r


def language_footer() -> None:
    """The language menu at the foot of a page, narrow so it never pushes the page's own content."""
    st.divider()
    col, _rest = st.columns([1, 3])
    language_selector(col, key="lang_footer")


# Module attributes other pages read as constants, worded in the reader's language at each access (PEP 562).
_WORDED = {"TYPICAL_MODEL_LABEL": typical_model_label, "CUSTOM_MODEL_LABEL": custom_model_label,
           "BOUNDARY_WORDS": boundary_words, "LIFECYCLE_TOGGLE": lifecycle_toggle, "PRESENT_TOGGLE": present_toggle,
           "YEAR_PART_SHORT": year_part_short, "WALK_NOTE": walk_note}


def __getattr__(name: str):
    if name in _WORDED:
        return _WORDED[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
