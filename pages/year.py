"""My AI year: a person's own use (a few answers, a preset, or their chatbot data export) added up over a year.

Widgets (or an export read in this session's memory) → one ``UsageProfile`` → one library call
(``estimator.usage.year.year``) → week, month and year totals with ranges, the equivalents, the task that
dominates, the year by month, and the single change that would cut most. The URL parameters are
``estimator/usage/links.py``'s (README, "My AI year (the page)"): the address bar always reproduces the page,
and for an export it carries the derived rates only, never anything the export said.
"""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from estimator.card import year_card_png, year_card_svg
from estimator.errors import EstimatorError
from estimator.i18n.names import equivalent_label, model_name, usage_preset_label, zone_name
from estimator.lifecycle import PARTS
from estimator.present import csv_text, grams_unit, wh_unit
from estimator.uncertainty import Range
from estimator.usage import MAX_EXPORT_BYTES, read_export
from estimator.usage.links import matching_preset, model_id, parse_usage_params, usage_params
from estimator.usage.year import (DAYS_PER_YEAR, KINDS, PERIODS_PER_YEAR, UsageLine, UsageProfile, export_notes,
                                  kind_words, pct_words, profile_from_export, usage_presets, usage_products, year,
                                  year_record, year_rows)
from estimator.scenario import LIMITS
from pages import components as c

c.page_setup(c._("My AI year"))
data = c.get_data()
ss = st.session_state
T = c.tr()  # the reader's language: words, numbers and month names
# this run's words, bound once: the widgets' format functions are called between runs too (AppTest, reruns),
# where components' _ could no longer see the session's language
_, _p = T._, T._p

DEFAULT_PRESET = "daily-user"  # the example the issue was filed with: 20 questions a day, a few images a week
MIB = 1024 * 1024
# The smaller of the reader's own limit and the server's (Streamlit refuses a larger upload before the page sees
# it): stated on the page and set on the widget, so the box refuses what the server would.
UPLOAD_LIMIT_MB = min(MAX_EXPORT_BYTES // MIB, int(st.get_option("server.maxUploadSize")))
MAX_RATE = LIMITS["count"] / DAYS_PER_YEAR  # a daily rate above this is more uses a year than the estimator covers
# One task per line at 1280 px; on a 390 px phone the name, then rate and period side by side, then the model.
RATE_NAME_PX, RATE_BOX_PX, PERIOD_BOX_PX = 210, 140, 130
PERIOD_WORDS = {"day": _("a day"), "week": _("a week"), "month": _("a month")}
LIFECYCLE_LABEL = _("Life cycle: hardware and training too")  # short enough for one line on a 390 px phone
SOURCES = {"answers": _("A few answers"), "export": _("My chatbot export")}
# The life-cycle parts' names (estimator.lifecycle.PART_WORDS in English) and the chart legend's short words
# (components.YEAR_PART_SHORT), in the reader's language.
PART_NAMES = {"operation": _p("year", "Operation (electricity at the datacenter)"),
              "embodied_hardware": _p("year", "Embodied hardware"), "amortized_training": _p("year", "Amortized training")}
PART_SHORT = {c.YEAR_TOTAL_PART: _p("year", "Whole footprint"), "operation": _p("year", "Electricity"),
              "embodied_hardware": _p("year", "Hardware"), "amortized_training": _p("year", "Training")}
SIZE_WORDS = {"small": _p("year", "Small"), "medium": _p("year", "Medium"), "large": _p("year", "Large"),
              "frontier": _p("year", "Frontier")}
PRODUCT_WORDS = {"a small open model": _p("year", "a small open model")}  # the one product label that is words


# ------------------------------------------------------------------ words and numbers in the reader's language

def grams_text(r) -> tuple[str, str]:
    """('12 g', '8.1–19 g') with the reader's decimal and thousands separators (components.grams_text in English)."""
    div, unit = grams_unit(r.central)
    return f"{T.amount(r.central / div)} {unit}", f"{T.span(T.amount(r.low / div), T.amount(r.high / div))} {unit}"


def wh_text(r) -> tuple[str, str]:
    div, unit = wh_unit(r.central)
    return f"{T.amount(r.central / div)} {unit}", f"{T.span(T.amount(r.low / div), T.amount(r.high / div))} {unit}"


def zone_label(zone_id: str) -> str:
    """components.zone_label in the reader's language: countries by CLDR, regions as their providers name them."""
    if T.lang == "en" or zone_id not in data.zones:
        return c.zone_label(zone_id, data)
    if zone_id == "WORLD":
        return _p("year", "World average (WORLD)")
    name = zone_name(data.zones[zone_id], T)
    return name if zone_id in name else f"{name} ({zone_id})"


def model_label(mid: str | None, task: str) -> str:
    """components.model_label in the reader's language (model names and their aliases stay as published)."""
    if T.lang == "en":
        return c.model_label(mid, data, task)
    if mid is None or mid == c.TYPICAL_MODEL_PARAM:
        typical = data.models.get(data.tasks[task].typical_model_id) if task in data.tasks else None
        return _p("year", "I don't know — typical model") + (_(" ({items})", items=model_name(typical, T)) if typical else "")
    m = data.models.get(mid)
    if m is None:
        return str(mid)
    group = (_p("year", "Task-specific summarizer") if m.task == "summarizer"
             else SIZE_WORDS.get(m.size_class, m.size_class.capitalize()))
    also = (" · " + _p("year", "also {names}", names=T._(", ").join(m.aliases))) if m.aliases else ""
    return f"{group} · {model_name(m, T)}{also}"


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]

# ------------------------------------------------------------------ model choices per task

def model_choices(kind: str) -> list[str]:
    """The typical model, then the products people know (data/products.csv, by the model behind them), then every
    other model of the task."""
    behind = [mid for _label, mid in usage_products(kind, data)[1:]]
    rest = c.model_choices(KINDS[kind][0], data)[1:]
    return [c.TYPICAL_MODEL_PARAM, *dict.fromkeys(behind), *(m for m in rest if m not in behind)]


def model_words(kind: str, mid: str) -> str:
    """'ChatGPT · GPT-5.5 (size estimated)': the product names first, so "ChatGPT" is what the reader sees (and
    what typing in the box finds)."""
    task = KINDS[kind][0]
    if mid == c.TYPICAL_MODEL_PARAM:
        return model_label(None, task)
    names = [PRODUCT_WORDS.get(label, label) for label, m in usage_products(kind, data)[1:] if m == mid]
    m = data.models.get(mid)
    return " / ".join(names) + f" · {model_name(m, T)}" if names and m else model_label(mid, task)


def error_words(exc: EstimatorError) -> str:
    """An error's one line: in the reader's words when the error carries them (estimator.usage.exports)."""
    words = getattr(exc, "words", None)
    if callable(words):
        return words(T)
    return exc.message + (f" ({exc.hint})" if exc.hint else "")


def upload_error_words(err) -> str:
    """The upload's one-line error (``True``: the reader could not make sense of the file at all)."""
    if err is True:
        return _("Could not read this export: this page could not make sense of the file (upload "
                 "conversations.json or the zip from ChatGPT's or Claude's 'Export data')")
    return _("Could not read this export: {reason}", reason=error_words(err))


# ------------------------------------------------------------------ profile ↔ widgets

def fits_form(lines: tuple[UsageLine, ...]) -> bool:
    """One line per task, no token counts and a rate the widget takes: the answers form can show it."""
    kinds = [ln.kind for ln in lines]
    return (len(kinds) == len(set(kinds)) and all(ln.input_tokens is None and ln.output_tokens is None
                                                  and ln.rate <= MAX_RATE for ln in lines))


FORM_KEYS = tuple(f"yr_{kind}_{field}" for kind in KINDS for field in ("rate", "per", "model"))


def seed_form(lines: tuple[UsageLine, ...]) -> None:
    """The answers ← these lines (a task without a line gets 0)."""
    by_kind = {ln.kind: ln for ln in lines}
    for kind in KINDS:
        ln = by_kind.get(kind)
        ss[f"yr_{kind}_rate"] = float(ln.rate) if ln else 0.0
        ss[f"yr_{kind}_per"] = ln.period if ln else ("week" if kind in ("image", "video") else "day")
        mid = model_id(ln, data) if ln else None
        ss[f"yr_{kind}_model"] = mid if mid in model_choices(kind) else c.TYPICAL_MODEL_PARAM
    keep_answers()


def keep_answers() -> None:
    """A copy of the answers outside the widgets: Streamlit forgets a widget's value on a run that does not draw
    it, and the answers are not drawn while the export is shown."""
    ss._yr_answers = {k: ss[k] for k in FORM_KEYS if k in ss}


def restore_answers() -> None:
    for k, v in ss.get("_yr_answers", {}).items():
        if k not in ss:
            ss[k] = v


def clear_fixed() -> None:
    for key in ("_yr_fixed", "_yr_months", "_yr_notes", "_yr_summary", "_yr_fixed_from"):
        ss.pop(key, None)


def seed(profile: UsageProfile, has_lines: bool) -> None:
    """Widgets ← a link's profile; lines the form cannot show (an export's) are kept as they are."""
    ss.yr_region = profile.region
    ss.yr_lifecycle = profile.boundary == "lifecycle"
    if not has_lines:
        if "_yr_answers" not in ss:  # a first visit without lines: the default preset
            seed_form(usage_presets()[DEFAULT_PRESET].lines)
            ss.yr_source = "answers"
        return
    clear_fixed()
    if fits_form(profile.lines):
        seed_form(profile.lines)
        ss.yr_source = "answers"
    else:
        ss._yr_fixed, ss._yr_fixed_from, ss._yr_notes = profile.lines, "link", profile.notes
        ss.yr_source = "export"
        if "_yr_answers" not in ss:
            seed_form(usage_presets()[DEFAULT_PRESET].lines)


def on_preset() -> None:
    """A preset chosen: its rates fill the form (clicking the chosen one again leaves the answers as they are)."""
    if ss.get("yr_preset"):
        seed_form(usage_presets()[ss.yr_preset].lines)


def form_lines() -> tuple[UsageLine, ...]:
    lines = []
    for kind in KINDS:
        rate = float(ss.get(f"yr_{kind}_rate") or 0.0)
        if rate > 0:
            mid = ss.get(f"yr_{kind}_model")
            lines.append(UsageLine(kind, rate, ss.get(f"yr_{kind}_per", "day"),
                                   None if mid in (None, c.TYPICAL_MODEL_PARAM) else mid))
    return tuple(lines)


# ------------------------------------------------------------------ URL → widgets (only when the URL changed)
raw = c.raw_query()
notices: list[str] = []
if ss.get("_yr_qs") != raw or "yr_region" not in ss:
    parsed = parse_usage_params(raw, data, t=T)
    notices.extend(parsed.notices)
    seed(parsed.profile, parsed.has_lines)

zones = c.zone_options(data)
if ss.get("yr_region") not in zones:
    ss.yr_region = "WORLD"
presets = usage_presets()

st.title(_("My AI year"))
st.caption(_("What your own use of AI adds up to: a few answers about how often you use it, or your chatbot's "
             "data export, summed over a week, a month and a year — each figure with its likely range."))
c.show_notices(notices)

headline = st.container()  # the totals, filled in below once they are computed: the first thing a reader sees
st.radio(_("Your use from"), list(SOURCES), format_func=SOURCES.get, key="yr_source", horizontal=True)
top = st.columns([3, 2])
with top[0]:
    st.selectbox(_("Where you live (electricity grid)"), zones, format_func=zone_label,
                 key="yr_region", help=_("Type to search: a country, a US state or a cloud region. The services' "
                                         "datacenters are not always where you live; the world average is the "
                                         "default."))
with top[1]:
    st.toggle(LIFECYCLE_LABEL, key="yr_lifecycle",
              help=_("Off: the datacenter's electricity. On: also making the hardware and training the model, "
                     "each shown as its own part."))
region, boundary = ss.yr_region, ("lifecycle" if ss.yr_lifecycle else "datacenter")

profile: UsageProfile | None = None
if ss.yr_source == "answers":
    restore_answers()
    ss.yr_preset = matching_preset(form_lines(), data)  # the preset the answers are, if any, shows as chosen
    st.pills(_("Presets: one click fills the rates (illustrations, not measured people)"), list(presets),
             format_func=lambda pid: usage_preset_label(presets[pid], T), key="yr_preset", on_change=on_preset)
    st.caption(_("For each task: how many, how often, and with which product or model (0 leaves it out)."))
    for kind in KINDS:
        words = kind_words(kind, T)
        # a wrapping row: one line per task on a wide screen; on a phone the name, then rate and period side by
        # side, then the model. The widgets' labels stay in the page for screen readers ("How many chat
        # questions"); the task's name shows them.
        row = st.container(horizontal=True, vertical_alignment="center", gap="small")
        row.markdown(f"**{capitalized(words) if T.lang != 'en' else words.capitalize()}**", width=RATE_NAME_PX)
        row.number_input(_("How many {task}", task=words), min_value=0.0, max_value=MAX_RATE, step=1.0, format="%g",
                         key=f"yr_{kind}_rate", label_visibility="collapsed", width=RATE_BOX_PX)
        row.selectbox(_("How often ({task})", task=words), list(PERIODS_PER_YEAR), format_func=PERIOD_WORDS.get,
                      key=f"yr_{kind}_per", label_visibility="collapsed", width=PERIOD_BOX_PX)
        row.selectbox(_("With which product or model ({task})", task=words), model_choices(kind),
                      format_func=lambda m, k=kind: model_words(k, m), key=f"yr_{kind}_model",
                      label_visibility="collapsed", width="stretch")
    keep_answers()
    lines = form_lines()
    if lines:
        profile = UsageProfile(lines, region, boundary)
    else:
        st.info(_("Every rate is 0: give at least one, for example 20 chat questions a day."))
else:
    st.markdown(_("**Your chatbot data export** — ChatGPT's or Claude's `conversations.json`, or the .zip as you "
                  "downloaded it (up to {size} MB).", size=T.count(UPLOAD_LIMIT_MB)))
    st.caption(_("Privacy: the file is read in this server's memory for your session only. It is never written to "
                 "disk, logged or sent anywhere, and nothing you wrote is shown: only counts, dates and model names. "
                 "Every generated reply counts, regenerated ones too (each used energy); the conversation so far, "
                 "resent with every turn, counts as that reply's input."))
    uploaded = st.file_uploader(_("Your export (conversations.json or .zip)"), type=["json", "zip"], key="yr_upload",
                                max_upload_size=UPLOAD_LIMIT_MB)
    if uploaded is not None and ss.get("_yr_upload_id") != uploaded.file_id:
        ss._yr_upload_id = uploaded.file_id
        clear_fixed()
        ss.pop("_yr_upload_error", None)
        try:
            summary = read_export(uploaded)
            from_export = profile_from_export(summary, region, boundary, data)
        except EstimatorError as exc:
            # kept as the error itself: its words follow the reader's language, also after a change of language
            ss._yr_upload_error = exc
        except Exception:  # noqa: BLE001 - a reader bug: one line, never a traceback (its message could quote the file)
            ss._yr_upload_error = True
        else:
            ss._yr_fixed, ss._yr_months, ss._yr_notes = from_export.lines, from_export.months, from_export.notes
            ss._yr_summary, ss._yr_fixed_from = summary, "export"
    if uploaded is None:
        # the box is empty (removed, or left empty while the answers were shown): what was read stays until forgotten
        ss._yr_upload_id = None
        ss.pop("_yr_upload_error", None)
        if ss.get("_yr_fixed_from") == "export":
            st.button(_("Forget this export"), key="yr_forget", on_click=clear_fixed, icon=":material/delete:")
    if ss.get("_yr_upload_error"):
        st.error(c.md(upload_error_words(ss._yr_upload_error)), icon=":material/error:")
    elif ss.get("_yr_fixed"):
        if ss.get("_yr_fixed_from") == "export":
            st.markdown(_("**What was read:** {what}", what=c.md(ss._yr_summary.what_was_read(T))))
        else:
            st.caption(_("This link carries usage lines the answers cannot show (several lines of a task, or tokens "
                         "per reply, as derived from a chatbot export): its rates only, nothing the export said."))
        profile = UsageProfile(ss._yr_fixed, region, boundary, ss.get("_yr_months", ()), ss.get("_yr_notes", ()))
    else:
        st.info(_("Drop your export above, or choose “{answers}”.", answers=SOURCES["answers"]))

# ------------------------------------------------------------------ one library call
result = None
if profile is not None:
    try:
        result = year(profile, data)
    except EstimatorError as exc:
        st.error(c.md(error_words(exc)), icon=":material/error:")

params = usage_params(profile, data) if profile is not None else {}
c.write_query(params)
ss._yr_qs = c.as_query(params)
url = c.year_url(params)


BOUNDARY_NAMES = {"datacenter": _p("year", "Datacenter"), "lifecycle": _p("year", "Life cycle")}
NOT_COUNTED = {"datacenter": _p("year", "Not counted: model training, making the hardware, water use, or your own "
                                        "device."),
               "lifecycle": _p("year", "Not counted: water use, the buildings, or your own device.")}
PRESET_NOTE = _("Presets are illustrations, not measured people: no survey publishes how often a person uses each "
                "task (methodology, “A year of use”).")


def month_words(month: str) -> str:
    """"2026-11" → "nov. 2026", "2026年11月" (English keeps the ISO month "2026-11", as before languages)."""
    if T.lang == "en" or not month[:4].isdigit():
        return month
    return T.month(dt.date(int(month[:4]), int(month[5:7]), 1))


def in_words(spec, words: dict[str, str]):
    """A chart spec (components' year charts) with its English titles, tooltips and legend words replaced by
    the reader's (every string equal to a key, anywhere in the spec; the spec given is not changed)."""
    if T.lang == "en":
        return spec
    if isinstance(spec, dict):
        return {k: in_words(v, words) for k, v in spec.items()}
    if isinstance(spec, list):
        return [in_words(v, words) for v in spec]
    if isinstance(spec, str):
        return words.get(spec, spec)
    return spec


def equivalent_metrics(best) -> None:
    """components.equivalent_metrics with the equivalents named and counted in the reader's language."""
    if T.lang == "en":
        c.equivalent_metrics(best)
        return
    cols = st.columns(len(best))
    for col, v in zip(cols, best):
        col.metric(equivalent_label(v.equivalent, v.amount.central, T), T.amount(v.amount.central),
                   help=_p("year", "Range {span}. Source: {publisher} ({year}).",
                           span=T.span(T.amount(v.amount.low), T.amount(v.amount.high)),
                           publisher=v.equivalent.source.publisher, year=v.equivalent.source.year))


def with_empty_months(by_month):
    """The export's months with the months between them that have no reply added as 0 g (a gap is a month of no
    use, and a chart without it would put March next to January)."""
    have = dict(by_month)
    first, last = by_month[0][0], by_month[-1][0]
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        key = f"{y:04d}-{m:02d}"
        out.append((key, have.get(key, Range.exact(0.0))))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# ------------------------------------------------------------------ render
if result is not None:
    first = result.lines[0].estimate
    with headline:
        st.header(_("Your year"))
        preset = matching_preset(profile.lines, data) if ss.yr_source == "answers" else None
        where = _("{grid} grid · {boundary} boundary", grid=zone_label(first.zone.zone_id),
                  boundary=BOUNDARY_NAMES[boundary])
        st.caption(c.md(where + (_(" · preset “{preset}”", preset=usage_preset_label(presets[preset], T))
                                 if preset else "")))
        cols = st.columns(3)
        for col, (name, r) in zip(cols, ((_("A week"), result.week_g), (_("A month"), result.month_g),
                                         (_("A year"), result.year_g))):
            central, span = grams_text(r)
            col.metric(name, f"{central} CO₂e", help=_("Central estimate; the likely range is under it."))
            col.caption(_("Likely range {span}", span=span))
        w_central, w_span = wh_text(result.energy_wh)
        st.markdown((_("Electricity a year: **{central}** (likely {span}) — the datacenter's; making the hardware and "
                       "training the model are counted in grams only.", central=w_central, span=w_span)
                     if result.parts else
                     _("Electricity a year: **{central}** (likely {span}).", central=w_central, span=w_span)))
        st.markdown(_("**The single change that would cut most**"))
        if result.best_change is not None:
            words = result.best_change.words(T)
            st.success(c.md(_("{change}.", change=words[:1].upper() + words[1:])), icon=":material/savings:")
        else:
            st.info(_("None of the levers we model lowers this year: it is already the leanest option we know of."))

    st.header(_("Your year in detail"))
    st.subheader(_("That is about"))
    best = result.equivalents(data)
    if best:
        equivalent_metrics(best)
    else:
        st.caption(_("No everyday equivalent reads well at this size."))

    st.subheader(_("Which task dominates"))
    share = dict(result.shares)[result.dominant]
    dominant = kind_words(result.dominant, T)
    st.markdown(_("**{task}** are **{share}** of your year.",
                  task=c.md(dominant.capitalize() if T.lang == "en" else capitalized(dominant)),
                  share=pct_words(share, T)))
    parts = PARTS if result.parts else (c.YEAR_TOTAL_PART,)
    by_task: dict[str, dict] = {}
    for ly in result.lines:
        bt = by_task.setdefault(kind_words(ly.line.kind, T), {"total": None, "parts": {}})
        bt["total"] = ly.co2e_g if bt["total"] is None else bt["total"] + ly.co2e_g
        for p in parts:
            r = ly.parts[p] if result.parts else ly.co2e_g
            bt["parts"][p] = r if p not in bt["parts"] else bt["parts"][p] + r
    div, unit = grams_unit(max(bt["total"].high for bt in by_task.values()))
    chart_rows = [{"task": task, "part": c.YEAR_PART_SHORT[p], "order": i,
                   "central": bt["parts"][p].central / div, "value": grams_text(bt["parts"][p])[0]}
                  for task, bt in by_task.items() for i, p in enumerate(parts)]
    totals = [{"task": task, "low": bt["total"].low / div, "high": bt["total"].high / div}
              for task, bt in by_task.items()]
    c.show_chart(in_words(c.year_tasks_chart(chart_rows, totals, unit, parts), {
        **{c.YEAR_PART_SHORT[p]: PART_SHORT[p] for p in parts},
        "Task": _p("year", "Task"), "Part": _p("year", "Part"), "CO₂e a year": _p("year", "CO₂e a year"),
        f"CO₂e a year ({unit})": _("CO₂e a year ({unit})", unit=unit)}))
    task_words = [_("{task}: {central} (likely {span})", task=task, central=grams_text(bt["total"])[0],
                    span=grams_text(bt["total"])[1]) for task, bt in by_task.items()]
    if result.parts:
        st.caption(_("Bar chart of each task's CO₂e a year, stacked by part ({parts}); the line is the likely range. "
                     "{tasks}.", parts=T._(", ").join(_("{part}: {words}", part=PART_SHORT[p].lower(),
                                                        words=PART_NAMES[p].lower()) for p in PARTS),
                     tasks=T._("; ").join(task_words)))
    else:
        st.caption(_("Bar chart of each task's CO₂e a year; the line is the likely range. {tasks}.",
                     tasks=T._("; ").join(task_words)))
    task_col, model_col, rate_col, year_col, co2_col, range_col, share_col = (
        _p("year", "Task"), _p("year", "Model"), _p("year", "Rate"), _p("year", "A year"), _p("year", "CO₂e a year"),
        _p("year", "Range"), _p("year", "Share"))
    table = [{task_col: kind_words(ly.line.kind, T), model_col: model_name(ly.estimate.model, T),
              rate_col: _("{rate} {period}", rate=T.amount(ly.line.rate), period=PERIOD_WORDS[ly.line.period]),
              year_col: T.amount(ly.line.rate * PERIODS_PER_YEAR[ly.line.period])
                        + (" s" if ly.line.kind == "video" else ""),
              co2_col: c.unbroken(grams_text(ly.co2e_g)[0]), range_col: c.unbroken(grams_text(ly.co2e_g)[1]),
              share_col: pct_words(ly.co2e_g.central / result.year_g.central, T)} for ly in result.lines]
    st.table(table, hide_index=True, width="stretch")
    if result.parts:
        st.markdown(_("**Life cycle, part by part (the year)**"))
        st.table([{_p("year", "Part"): PART_NAMES[k], "CO₂e": c.unbroken(grams_text(result.parts[k])[0]),
                   range_col: c.unbroken(grams_text(result.parts[k])[1])} for k in PARTS],
                 hide_index=True, width="stretch")
        st.caption(_p("year", "Amortized training is a judgement: the model's training emissions are spread over the "
                              "number of requests it will serve in its life, which no developer publishes, so that "
                              "part's range is wide."))

    if result.by_month:
        st.subheader(_("Your year by month"))
        mdiv, munit = grams_unit(max(g.high for _m, g in result.by_month))
        month_rows = [{"month": month_words(m), "central": g.central / mdiv, "low": g.low / mdiv,
                       "high": g.high / mdiv, "value": grams_text(g)[0], "range": grams_text(g)[1]}
                      for m, g in with_empty_months(result.by_month)]
        c.show_chart(in_words(c.year_months_chart(month_rows, munit), {
            "Month": _p("year", "Month"), "Likely range": _p("year", "Likely range")}))
        st.caption(_("Bar chart of CO₂e per calendar month of your export (UTC), with the likely range as a line."))
        with st.expander(_("The months as a table")):
            st.table([{_p("year", "Month"): r["month"], "CO₂e": c.unbroken(r["value"]),
                       range_col: c.unbroken(r["range"])} for r in month_rows], hide_index=True, width="stretch")

    # an export's "what was read" and unknown models; a preset's own words that it is an illustration
    shown_notes = profile.notes
    if T.lang != "en" and ss.get("_yr_fixed_from") == "export" and ss.get("_yr_summary") is not None:
        shown_notes = export_notes(ss._yr_summary, data, T)
    elif T.lang != "en" and ss.get("_yr_fixed_from") == "link":
        shown_notes = ()  # a link's lines carry no words of the export
    if preset:
        shown_notes = shown_notes + (presets[preset].notes if T.lang == "en" else (PRESET_NOTE,))
    for note in dict.fromkeys(shown_notes):
        st.caption(c.md(note))
    st.caption(c.md(NOT_COUNTED[boundary]) + " " + _p("year", "Methodology {version}.",
                                                      version=c.methodology_version_text().split()[-1]))

    st.subheader(_("Link and downloads"))
    st.caption(_("Link to this page (it carries the rates only, not your export: its months are not in the link):")
               if ss.get("_yr_fixed_from") == "export" else _("Link to this page (it carries the rates only):"))
    st.code(url, language=None, wrap_lines=True)
    record = year_record(result, url)
    stub = f"ai-flight-label-year-{first.zone.zone_id}-{boundary}"
    dl = st.columns(4)
    # the cards are drawn only when clicked (the PNG takes ~0.1 s): a rerun of the page does not pay for them
    dl[2].download_button(_("Year card (PNG)"), data=lambda: year_card_png(result, url, t=T), file_name=f"{stub}.png",
                          mime="image/png", key="yr_png", on_click="ignore", icon=":material/image:")
    dl[3].download_button(_("Year card (SVG)"), data=lambda: year_card_svg(result, url, t=T), file_name=f"{stub}.svg",
                          mime="image/svg+xml", key="yr_svg", on_click="ignore", icon=":material/draw:")
    dl[0].download_button(_("Your year (JSON)"), data=json.dumps(record, indent=2, ensure_ascii=False).encode("utf-8"),
                          file_name=f"{stub}.json", mime="application/json", key="yr_json", on_click="ignore",
                          icon=":material/data_object:")
    dl[1].download_button(_("Your year (CSV)"), data=csv_text(year_rows(result)).encode("utf-8"),
                          file_name=f"{stub}.csv", mime="text/csv", key="yr_csv", on_click="ignore",
                          icon=":material/table:")
