"""Carbon-aware switching: a larger model, and a smaller one when the grid is dirty, over a day or a week.

Every input lives in the URL (``estimator.simulate.parse_sim_params``, the pattern of estimator/urlstate.py: a bad
value gets one notice and its default). Widgets → one library call (``estimator.simulate.simulate``) → totals with
ranges, shares of requests, two charts over the hours with their text alternatives, the seed's "nearly 80 %"
beside the simulated saving, CSV/JSON downloads and the link.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import streamlit as st

from estimator.errors import EstimatorError
from estimator.hourly import SEASONS, profile_zone
from estimator.i18n.names import model_name, task_name, zone_name
from estimator.present import csv_text, fmt_amount, grams_unit
from estimator.simulate import (HOURS_PER_DAY, PERCENT, RATE_SEPARATOR, SPANS_H, Policy, SimRequest, default_pair,
                                error_words, grid_words, live_hours, notes_words, parse_rate, parse_sim_params, pct, season_words,
                                seed_comparison, sim_params, simulate, simulation_record, simulation_rows,
                                threshold_max_g_per_kwh)
from estimator.urlstate import safe_snippet
from pages import components as c

c.page_setup(c._("Carbon-aware switching"))
data = c.get_data()
ss = st.session_state
T = c.tr()  # the reader's language: words and numbers
# this run's words, bound once: the widgets' format functions are called between runs too (AppTest, reruns),
# where components' _ could no longer see the session's language
_, _p = T._, T._p
URL_PATH = "simulate"  # app.py's url_path for this page: public, do not rename
SEASON_NOW = "now"  # the selectbox's first choice: the season today in the region
POLICY_WORDS = {"percentile": _("Among the day's dirtiest hours"), "threshold": _("Above a level (gCO₂e/kWh)")}
SPAN_WORDS = {HOURS_PER_DAY: _("A day"), 7 * HOURS_PER_DAY: _("A week")}
SIZE_WORDS = {"small": _p("simulate", "Small"), "medium": _p("simulate", "Medium"), "large": _p("simulate", "Large"),
              "frontier": _p("simulate", "Frontier")}
NOT_COUNTED = {"lifecycle": _p("simulate", "Not counted: water use, the buildings, or your own device.")}
NOT_COUNTED_OTHER = _p("simulate", "Not counted: model training, making the hardware, water use, or your own device.")


def amount(x: float) -> str:
    return T.amount(x)


def grams_text(r) -> tuple[str, str]:
    """('12 g', '8.1–19 g') with the reader's separators (components.grams_text in English)."""
    div, unit = grams_unit(r.central)
    return f"{T.amount(r.central / div)} {unit}", f"{T.span(T.amount(r.low / div), T.amount(r.high / div))} {unit}"


def task_label(task_id: str) -> str:
    return c.task_label(task_id, data) if T.lang == "en" else task_name(data.tasks[task_id], T)


def zone_label(zone_id: str) -> str:
    """components.zone_label in the reader's language: countries by CLDR, regions as their providers name them."""
    if T.lang == "en" or zone_id not in data.zones:
        return c.zone_label(zone_id, data)
    if zone_id == "WORLD":
        return _p("simulate", "World average (WORLD)")
    name = zone_name(data.zones[zone_id], T)
    return name if zone_id in name else f"{name} ({zone_id})"


def model_label(mid: str) -> str:
    """components.model_label in the reader's language (model names and aliases stay as published)."""
    m = data.models.get(mid)
    if T.lang == "en" or m is None:
        return c.model_label(mid, data)
    group = (_p("simulate", "Task-specific summarizer") if m.task == "summarizer"
             else SIZE_WORDS.get(m.size_class, m.size_class.capitalize()))
    also = (" · " + _p("simulate", "also {names}", names=T._(", ").join(m.aliases))) if m.aliases else ""
    return f"{group} · {model_name(m, T)}{also}"


_WHEN = re.compile(r"^(?:day (\d+), )?(\d\d:\d\d)( local| UTC)?(.*)$")


def when_words(when: str) -> str:
    """An hour's label ("day 2, 03:00 local", "14:00 UTC") in the reader's language (English as given)."""
    m = _WHEN.match(when)
    if T.lang == "en" or m is None:
        return when
    day, clock, zone, rest = m.groups()
    text = clock + (_p("simulate", " local") if zone == " local" else (zone or "")) + rest
    return _("day {n}, {time}", n=T.count(int(day)), time=text) if day else text


def axis_label(template: str, expr: str) -> str:
    """A Vega label expression for the reader's words around a number ("day 2", "第2天")."""
    before, _sep, after = template.partition("{n}")

    def quote(text: str) -> str:
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"

    return " + ".join([*([quote(before)] if before else []), expr, *([quote(after)] if after else [])])


def reason_words(exc: EstimatorError, limit: int) -> str:
    """What is wrong, in one short line: the error's English message, or its words in the reader's language."""
    return safe_snippet(exc.message, limit) if T.lang == "en" else safe_snippet(error_words(exc, T), limit + 50)


def page_url(params: dict[str, str]) -> str:
    """This page's link: the app's root (components.app_base, which knows the other pages) + "simulate" + query.
    The path is kept here rather than in components.PAGES, whose every entry the unknown-page notice lists."""
    base = c.app_base("estimate")
    if base.endswith(f"/{URL_PATH}/"):
        base = base[: -len(URL_PATH) - 1]
    return f"{base}{URL_PATH}?{urlencode(params, safe=':;')}"


def models_of(task: str) -> list[str]:
    return [m for m in c.model_options(task, data)[1:] if m != "custom"]


def seed(req: SimRequest, live: bool) -> None:
    """Widgets ← a parsed request (a fresh link)."""
    ss.sim_task, ss.sim_large, ss.sim_small, ss.sim_region = req.task, req.large, req.small, req.region
    ss.sim_season = req.season or SEASON_NOW
    ss.sim_kind = req.policy.kind
    if req.policy.kind == "threshold":
        ss.sim_threshold = float(req.policy.value)
    else:
        ss.sim_pct = float(req.policy.value)
    ss.sim_back_on = req.policy.back is not None
    if req.policy.back is not None:
        ss.sim_back = float(req.policy.back)
    ss.sim_hours = req.hours
    ss.sim_rate = RATE_SEPARATOR.join(fmt_amount(r).replace(",", "") if r == int(r) else repr(r) for r in req.rate)
    ss.sim_live = live


def on_task() -> None:
    ss.sim_large, ss.sim_small = default_pair(ss.sim_task, data)


# ------------------------------------------------------------------ URL → widgets (only when the URL changed)
raw = c.raw_query()
notices: list[str] = []
if ss.get("_sim_qs") != raw:
    parsed, live_asked, url_notices = parse_sim_params(raw, data, t=T)
    notices.extend(url_notices)
    seed(parsed, live_asked)

regions = [z for z in c.zone_options(data) if profile_zone(data.zones[z], data) is not None]
# widgets without a value in the link start here (the policy's other kind keeps a usable value too)
for key, default in (("sim_pct", 50.0), ("sim_threshold", 250.0), ("sim_back", 25.0), ("sim_back_on", False),
                     ("sim_hours", HOURS_PER_DAY), ("sim_live", False)):
    ss.setdefault(key, default)

st.title(_("Carbon-aware switching"))
st.caption(_("A service answers with a larger model, and with a smaller one when the electricity grid is "
             "carbon-intensive. Pick the two models, a grid and a rule, and see a day or a week of requests: grams "
             "with and without switching. The price of switching is the smaller model's answers."))
c.show_notices(notices)

cols = st.columns([2, 3, 3, 2, 2])
with cols[0]:
    st.selectbox(_p("simulate", "Task"), c.task_options(data), format_func=task_label, key="sim_task",
                 on_change=on_task)
options = models_of(ss.sim_task)
for key, fallback in (("sim_large", 0), ("sim_small", 1)):
    if ss.get(key) not in options:
        ss[key] = default_pair(ss.sim_task, data)[fallback]
with cols[1]:
    st.selectbox(_("Larger model (clean hours)"), options, format_func=model_label, key="sim_large")
with cols[2]:
    st.selectbox(_("Smaller model (dirty hours)"), options, format_func=model_label, key="sim_small")
with cols[3]:
    if ss.get("sim_region") not in regions:
        ss.sim_region = regions[0]
    st.selectbox(_("Grid (hourly profile)"), regions, format_func=zone_label, key="sim_region",
                 help=_("Regions with a typical-day profile of their grid, hour by hour."))
with cols[4]:
    st.selectbox(_("Season"), [SEASON_NOW, *SEASONS], key="sim_season",
                 format_func=lambda s: _("Today's season") if s == SEASON_NOW else (
                     s.capitalize() if T.lang == "en" else season_words(s, T).capitalize()))

cols = st.columns([3, 2, 2, 2, 3])
with cols[0]:
    st.radio(_("Smaller model when the grid is"), list(POLICY_WORDS), format_func=POLICY_WORDS.get, key="sim_kind")
with cols[1]:
    if ss.sim_kind == "percentile":
        st.number_input(_("Above this percentile of the day"), 0.0, PERCENT, step=5.0, format="%g", key="sim_pct")
    else:
        st.number_input(_("Above gCO₂e/kWh"), 0.0, threshold_max_g_per_kwh(data), step=10.0, format="%g", key="sim_threshold")
with cols[2]:
    st.checkbox(_("Switch back later"), key="sim_back_on",
                help=_("Stay on the smaller model until the grid falls to a second, lower level (same unit)."))
    if ss.get("sim_back_on"):
        top = PERCENT if ss.sim_kind == "percentile" else threshold_max_g_per_kwh(data)
        ss.sim_back = min(float(ss.sim_back), top)  # a g/kWh level carried over to a percentile stays in range
        st.number_input(_("Back at or below"), 0.0, top, step=5.0, format="%g", key="sim_back")
with cols[3]:
    st.segmented_control(_("Period"), list(SPANS_H), format_func=SPAN_WORDS.get, key="sim_hours", required=True)
with cols[4]:
    st.text_input(_("Requests per hour"), key="sim_rate",
                  help=_("One number for every hour, or 24 separated by '{sep}' (local hours 0–23).",
                         sep=RATE_SEPARATOR))
can_live = False
try:
    from estimator.live import covered
    can_live = covered(data.zones[ss.sim_region], c.get_live_client())
except Exception:  # a live module problem never breaks the offline page
    can_live = False
if can_live:
    st.toggle(_("Live forecast"), key="sim_live", help=_("The next hours' forecast from a live provider, instead of "
                                                         "the typical day; falls back to the typical day."))

# ------------------------------------------------------------------ one library call
page_notices: list[str] = []
try:
    rate = parse_rate(ss.sim_rate)
except EstimatorError as exc:
    page_notices.append(_("Requests per hour “{value}”: {reason}; using {rate} an hour.",
                          value=safe_snippet(ss.sim_rate), reason=reason_words(exc, 90),
                          rate=amount(SimRequest().rate[0])))
    rate = SimRequest().rate
kind = ss.sim_kind
value = ss.sim_pct if kind == "percentile" else ss.sim_threshold
back = ss.get("sim_back") if ss.get("sim_back_on") else None
if back is not None and value is not None and back > value:
    page_notices.append(_("The switch-back level {back} is above the switch level {level}; switching back as soon "
                          "as the grid is at or below the switch level.", back=amount(back), level=amount(value)))
    back = None
request = SimRequest(task=ss.sim_task, large=ss.sim_large, small=ss.sim_small, region=ss.sim_region,
                     policy=Policy(kind, 50.0 if value is None else value, back), hours=ss.sim_hours or HOURS_PER_DAY,
                     rate=rate, season=None if ss.sim_season == SEASON_NOW else ss.sim_season)
use_live = bool(can_live and ss.get("sim_live"))
hours = words = None
if use_live:
    hours, words, live_notice = live_hours(request.region, data, c.get_live_client())
    if live_notice:
        page_notices.append(live_notice)
    hours = hours or None
try:
    sim = simulate(request, data, hours=hours, grid_words=words)
except EstimatorError as exc:
    large, small = default_pair(request.task, data)
    page_notices.append(_("Could not simulate this pair ({reason}); showing the task's default pair instead.",
                          reason=reason_words(exc, 110)))
    request = SimRequest(**{**request.__dict__, "large": large, "small": small})
    sim = simulate(request, data, hours=hours, grid_words=words)
params = sim_params(request, live=use_live)
c.write_query(params)
ss._sim_qs = c.as_query(params)
for n in page_notices:
    st.info(c.md(n))

# ------------------------------------------------------------------ the totals
low, central, high = sim.saved_share
wc, wr = grams_text(sim.with_g)
oc, orr = grams_text(sim.without_g)
st.subheader(_("{large} → {small} when the grid is dirty", large=c.md(model_name(sim.large.model, T)),
               small=c.md(model_name(sim.small.model, T))))
st.caption(_("{task} · {requests} requests over {hours} hours · {policy} · grid: {grid}",
             task=c.md(task_label(sim.large.task.task_id)), requests=c.md(amount(sim.requests)),
             hours=T.count(len(sim.hours)), policy=c.md(request.policy.words(T)),
             grid=c.md(grid_words(sim, data, T))))
m = st.columns(3)
m[0].metric(_("Without switching"), oc, help=_("Every request on {model}.", model=model_name(sim.large.model, T)))
m[0].caption(_p("simulate", "Range {span}", span=orr))
m[1].metric(_("With switching"), wc)
m[1].caption(_p("simulate", "Range {span}", span=wr))
m[2].metric(_("Saved"), pct(central, T))
m[2].caption(_("Range {low} to {high} (inputs both totals share cancel)", low=pct(low, T), high=pct(high, T)))
st.markdown(_("**Requests served:** {large_share} by {large}, {small_share} by {small}.",
              large_share=pct(sim.large_request_share, T), large=c.md(model_name(sim.large.model, T)),
              small_share=pct(sim.small_request_share, T), small=c.md(model_name(sim.small.model, T))))
for note in notes_words(sim, T):
    st.caption(_("Note: {note}.", note=c.md(note)))

# ------------------------------------------------------------------ the charts over the hours
kind_theme = c.theme_kind()
pal = c.chart_palette(kind_theme)
names = {True: model_name(sim.small.model, T), False: model_name(sim.large.model, T)}
colors = {"domain": [model_name(sim.large.model, T), model_name(sim.small.model, T)], "range": [pal["primary"], pal["highlight"]]}
div, unit = grams_unit(max(h.without_g.central for h in sim.hours if h.without_g is not None))
rows = [{"hour": h.index, "when": when_words(h.when), "intensity": round(h.intensity_g_per_kwh.central, 1),
         "level": round(h.threshold_g_per_kwh, 1), "back": round(h.back_g_per_kwh, 1), "model": names[h.small],
         "with": None if h.with_g is None else h.with_g.central / div,
         "without": None if h.without_g is None else h.without_g.central / div} for h in sim.hours]
week = len(rows) > HOURS_PER_DAY
hour_axis = ({"values": list(range(0, len(rows), HOURS_PER_DAY)),
              "labelExpr": axis_label(_("day {n}"), "(datum.value / 24 + 1)")}
             if week else {"values": list(range(0, len(rows), 3)),
                           "labelExpr": "(datum.value < 10 ? '0' : '') + datum.value + ':00'"})
x = {"field": "hour", "type": "quantitative", "axis": hour_axis, "scale": {"domain": [0, len(rows)], "nice": False},
     "title": _("Hours from the forecast's start") if use_live else (_("Days of the week") if week
                                                                   else _("Local hour of the day"))}
legend = {"orient": "top", "title": None, "labelLimit": 300, "direction": "horizontal"}
tooltip = [{"field": "when", "title": _p("simulate", "when")}, {"field": "intensity", "title": "gCO₂e/kWh"},
           {"field": "model", "title": _p("simulate", "model")}]
spec_intensity = c._base_spec(kind_theme, False, height=300, data={"values": rows}, layer=[
    {"mark": {"type": "line", "color": pal["text"], "strokeWidth": 1.5},
     "encoding": {"x": x, "y": {"field": "intensity", "type": "quantitative", "title": _("Grid, gCO₂e/kWh"),
                                "scale": {"zero": False}}}},
    {"mark": {"type": "line", "strokeDash": [6, 4], "color": pal["highlight"], "strokeWidth": 1.5, "interpolate": "step-after"},
     "encoding": {"x": x, "y": {"field": "level", "type": "quantitative"}}},
    *([{"mark": {"type": "line", "strokeDash": [2, 3], "color": pal["primary"], "strokeWidth": 1.5,
                 "interpolate": "step-after"},
        "encoding": {"x": x, "y": {"field": "back", "type": "quantitative"}}}] if request.policy.back is not None else []),
    {"mark": {"type": "point", "filled": True, "size": 60 if len(rows) <= HOURS_PER_DAY else 18},
     "encoding": {"x": x, "y": {"field": "intensity", "type": "quantitative"},
                  "color": {"field": "model", "type": "nominal", "scale": colors, "legend": legend},
                  "shape": {"field": "model", "type": "nominal", "legend": legend,
                            "scale": {"domain": colors["domain"], "range": ["circle", "triangle-up"]}},
                  "tooltip": tooltip}},
])
c.show_chart(spec_intensity)
dirty = [h for h in sim.hours if h.small]
if request.policy.back is not None:
    st.caption(_("Line chart: the grid's intensity at each hour (solid line), the level above which the smaller model "
                 "serves (dashed) and the lower level the grid must fall to before the larger model returns (dotted). "
                 "Each point is coloured and shaped by the model that serves that hour: {dirty} of {hours} hours on "
                 "{small}.", dirty=T.count(len(dirty)), hours=T.count(len(sim.hours)), small=c.md(model_name(sim.small.model, T))))
else:
    st.caption(_("Line chart: the grid's intensity at each hour (solid line), the level above which the smaller model "
                 "serves (dashed). Each point is coloured and shaped by the model that serves that hour: {dirty} of "
                 "{hours} hours on {small}.", dirty=T.count(len(dirty)), hours=T.count(len(sim.hours)),
                 small=c.md(model_name(sim.small.model, T))))
spec_grams = c._base_spec(kind_theme, False, height=280, data={"values": rows}, layer=[
    # each hour's bar spans the hour (hour → hour + 1), like the step line of "without" drawn over it
    {"mark": {"type": "bar", "opacity": c.BAR_OPACITY, "x2Offset": -1},
     "transform": [{"calculate": "datum.hour + 1", "as": "hour_end"}],
     "encoding": {"x": x, "x2": {"field": "hour_end"}, "y2": {"datum": 0}, "y": {"field": "with", "type": "quantitative", "title": _("CO₂e per hour ({unit})", unit=unit)},
                  "color": {"field": "model", "type": "nominal", "scale": colors, "legend": legend},
                  "tooltip": [{"field": "when", "title": _p("simulate", "when")},
                              {"field": "model", "title": _p("simulate", "model")},
                              {"field": "with", "title": _("with switching ({unit})", unit=unit), "format": ".3~g"},
                              {"field": "without", "title": _("without ({unit})", unit=unit), "format": ".3~g"}]}},
    {"mark": {"type": "line", "color": pal["text"], "strokeWidth": 1.5, "interpolate": "step-after"},
     "encoding": {"x": x, "y": {"field": "without", "type": "quantitative"}}},
])
c.show_chart(spec_grams)
st.caption(_("Bar chart: grams CO₂e in each hour with switching (bars, coloured by model) against every request on "
             "{large} (line). Over the {hours} hours: {with_} with switching, {without} without.",
             large=c.md(model_name(sim.large.model, T)), hours=T.count(len(sim.hours)), with_=wc, without=oc))

# ------------------------------------------------------------------ the seed's figure beside ours
cmp_ = seed_comparison(sim, T, data)
st.subheader(_("The seed's “nearly 80 %”, beside this simulation"))
s = st.columns(3)
s[0].metric(_("The seed said"), pct(cmp_["seed_saved_share"].central, T))
if T.lang == "en":
    s[0].caption(f"“{c.md(cmp_['claim'])}” — {c.md(cmp_['said_by'])}; the paper behind it: more than "
                 f"{pct(cmp_['seed_saved_share'].low)}.")
else:  # the seed's words are quoted in translation, and say so
    s[0].caption(_("“{claim}” (translated) — {said_by}; the paper behind it: more than {low}.",
                   claim=c.md(cmp_["claim"]), said_by=c.md(cmp_["said_by"]),
                   low=pct(cmp_["seed_saved_share"].low, T)))
s[1].metric(_("This simulation"), pct(central, T))
s[1].caption(_("Range {low} to {high}.", low=pct(low, T), high=pct(high, T)))
s[2].metric(_("Every request on the smaller model"), pct(cmp_["always_small_saved_share"], T))
s[2].caption(_("The most any switching rule could save with these two models."))
st.markdown(_("**Why the figures differ**") + "\n\n" + "\n".join(f"- {c.md(r)}" for r in cmp_["reasons"]))
src = cmp_["source"]
st.caption(_("Source: [{title}]({url}) — {publisher}, {year}. The comparison is a check, never a tuning of the "
             "estimate.", title=c.md(src.title), url=src.url, publisher=c.md(src.publisher), year=c.md(src.year)))

# ------------------------------------------------------------------ downloads, link
url = page_url(params)
stub = f"ai-flight-label-switching-{sim.large.model.model_id}-{sim.small.model.model_id}-{sim.large.zone.zone_id}"
d = st.columns(2)
d[0].download_button(_("Simulation (CSV)"), data=csv_text(simulation_rows(sim)).encode("utf-8"), file_name=f"{stub}.csv",
                     mime="text/csv", key="sim_csv", icon=":material/download:")
d[1].download_button(_("Simulation (JSON)"), data=json.dumps(simulation_record(sim, url), indent=2,
                                                          ensure_ascii=False).encode("utf-8"),
                     file_name=f"{stub}.json", mime="application/json", key="sim_json", icon=":material/download:")
st.caption(_("Link to this simulation:"))
st.code(url, language=None, wrap_lines=True)
not_counted = (c.not_counted_words(sim.large) if T.lang == "en"
               else NOT_COUNTED.get(sim.large.boundary, NOT_COUNTED_OTHER))
st.caption(c.md(not_counted) + " " + _("Each hour's grams are the estimate of the serving model at that hour's grid "
                                       "intensity (methodology: “Carbon-aware switching”)."))
