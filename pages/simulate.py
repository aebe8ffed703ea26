"""Carbon-aware switching: a larger model, and a smaller one when the grid is dirty, over a day or a week.

Every input lives in the URL (``estimator.simulate.parse_sim_params``, the pattern of estimator/urlstate.py: a bad
value gets one notice and its default). Widgets → one library call (``estimator.simulate.simulate``) → totals with
ranges, shares of requests, two charts over the hours with their text alternatives, the seed's "nearly 80 %"
beside the simulated saving, CSV/JSON downloads and the link.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import streamlit as st

from estimator.errors import EstimatorError
from estimator.hourly import SEASONS, profile_zone
from estimator.present import csv_text, fmt_amount, grams_unit
from estimator.simulate import (HOURS_PER_DAY, PERCENT, RATE_SEPARATOR, SPANS_H, Policy, SimRequest, default_pair, live_hours,
                                parse_rate, parse_sim_params, pct, seed_comparison, sim_params, simulate,
                                simulation_record, simulation_rows, threshold_max_g_per_kwh)
from estimator.urlstate import safe_snippet
from pages import components as c

c.page_setup("Carbon-aware switching")
data = c.get_data()
ss = st.session_state
URL_PATH = "simulate"  # app.py's url_path for this page: public, do not rename
SEASON_NOW = "now"  # the selectbox's first choice: the season today in the region
POLICY_WORDS = {"percentile": "Among the day's dirtiest hours", "threshold": "Above a level (gCO₂e/kWh)"}
SPAN_WORDS = {HOURS_PER_DAY: "A day", 7 * HOURS_PER_DAY: "A week"}


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
    parsed, live_asked, url_notices = parse_sim_params(raw, data)
    notices.extend(url_notices)
    seed(parsed, live_asked)

regions = [z for z in c.zone_options(data) if profile_zone(data.zones[z], data) is not None]
# widgets without a value in the link start here (the policy's other kind keeps a usable value too)
for key, default in (("sim_pct", 50.0), ("sim_threshold", 250.0), ("sim_back", 25.0), ("sim_back_on", False),
                     ("sim_hours", HOURS_PER_DAY), ("sim_live", False)):
    ss.setdefault(key, default)

st.title("Carbon-aware switching")
st.caption("A service answers with a larger model, and with a smaller one when the electricity grid is "
           "carbon-intensive. Pick the two models, a grid and a rule, and see a day or a week of requests: grams "
           "with and without switching. The price of switching is the smaller model's answers.")
c.show_notices(notices)

cols = st.columns([2, 3, 3, 2, 2])
with cols[0]:
    st.selectbox("Task", c.task_options(data), format_func=lambda t: c.task_label(t, data), key="sim_task",
                 on_change=on_task)
options = models_of(ss.sim_task)
for key, fallback in (("sim_large", 0), ("sim_small", 1)):
    if ss.get(key) not in options:
        ss[key] = default_pair(ss.sim_task, data)[fallback]
with cols[1]:
    st.selectbox("Larger model (clean hours)", options, format_func=lambda m: c.model_label(m, data), key="sim_large")
with cols[2]:
    st.selectbox("Smaller model (dirty hours)", options, format_func=lambda m: c.model_label(m, data), key="sim_small")
with cols[3]:
    if ss.get("sim_region") not in regions:
        ss.sim_region = regions[0]
    st.selectbox("Grid (hourly profile)", regions, format_func=lambda z: c.zone_label(z, data), key="sim_region",
                 help="Regions with a typical-day profile of their grid, hour by hour.")
with cols[4]:
    st.selectbox("Season", [SEASON_NOW, *SEASONS], key="sim_season",
                 format_func=lambda s: "Today's season" if s == SEASON_NOW else s.capitalize())

cols = st.columns([3, 2, 2, 2, 3])
with cols[0]:
    st.radio("Smaller model when the grid is", list(POLICY_WORDS), format_func=POLICY_WORDS.get, key="sim_kind")
with cols[1]:
    if ss.sim_kind == "percentile":
        st.number_input("Above this percentile of the day", 0.0, PERCENT, step=5.0, format="%g", key="sim_pct")
    else:
        st.number_input("Above gCO₂e/kWh", 0.0, threshold_max_g_per_kwh(data), step=10.0, format="%g", key="sim_threshold")
with cols[2]:
    st.checkbox("Switch back later", key="sim_back_on",
                help="Stay on the smaller model until the grid falls to a second, lower level (same unit).")
    if ss.get("sim_back_on"):
        top = PERCENT if ss.sim_kind == "percentile" else threshold_max_g_per_kwh(data)
        ss.sim_back = min(float(ss.sim_back), top)  # a g/kWh level carried over to a percentile stays in range
        st.number_input("Back at or below", 0.0, top, step=5.0, format="%g", key="sim_back")
with cols[3]:
    st.segmented_control("Period", list(SPANS_H), format_func=SPAN_WORDS.get, key="sim_hours", required=True)
with cols[4]:
    st.text_input("Requests per hour", key="sim_rate",
                  help=f"One number for every hour, or 24 separated by '{RATE_SEPARATOR}' (local hours 0–23).")
can_live = False
try:
    from estimator.live import covered
    can_live = covered(data.zones[ss.sim_region], c.get_live_client())
except Exception:  # a live module problem never breaks the offline page
    can_live = False
if can_live:
    st.toggle("Live forecast", key="sim_live", help="The next hours' forecast from a live provider, instead of the "
                                                    "typical day; falls back to the typical day.")

# ------------------------------------------------------------------ one library call
page_notices: list[str] = []
try:
    rate = parse_rate(ss.sim_rate)
except EstimatorError as exc:
    page_notices.append(f"Requests per hour “{safe_snippet(ss.sim_rate)}”: {safe_snippet(exc.message, 90)}; "
                        f"using {fmt_amount(SimRequest().rate[0])} an hour.")
    rate = SimRequest().rate
kind = ss.sim_kind
value = ss.sim_pct if kind == "percentile" else ss.sim_threshold
back = ss.get("sim_back") if ss.get("sim_back_on") else None
if back is not None and value is not None and back > value:
    page_notices.append(f"The switch-back level {fmt_amount(back)} is above the switch level {fmt_amount(value)}; "
                        "switching back as soon as the grid is at or below the switch level.")
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
    page_notices.append(f"Could not simulate this pair ({safe_snippet(exc.message, 110)}); showing the task's "
                        f"default pair instead.")
    request = SimRequest(**{**request.__dict__, "large": large, "small": small})
    sim = simulate(request, data, hours=hours, grid_words=words)
params = sim_params(request, live=use_live)
c.write_query(params)
ss._sim_qs = c.as_query(params)
for n in page_notices:
    st.info(c.md(n))

# ------------------------------------------------------------------ the totals
low, central, high = sim.saved_share
wc, wr = c.grams_text(sim.with_g)
oc, orr = c.grams_text(sim.without_g)
st.subheader(f"{c.md(sim.large.model.name)} → {c.md(sim.small.model.name)} when the grid is dirty")
st.caption(f"{c.md(sim.large.task.name)} · {c.md(fmt_amount(sim.requests))} requests over {len(sim.hours)} hours · "
           f"{c.md(request.policy.words())} · grid: {c.md(sim.grid_words)}")
m = st.columns(3)
m[0].metric("Without switching", oc, help=f"Every request on {sim.large.model.name}.")
m[0].caption(f"Range {orr}")
m[1].metric("With switching", wc)
m[1].caption(f"Range {wr}")
m[2].metric("Saved", pct(central))
m[2].caption(f"Range {pct(low)} to {pct(high)} (inputs both totals share cancel)")
st.markdown(f"**Requests served:** {pct(sim.large_request_share)} by {c.md(sim.large.model.name)}, "
            f"{pct(sim.small_request_share)} by {c.md(sim.small.model.name)}.")
for n in sim.notes:
    st.caption(f"Note: {c.md(n)}.")

# ------------------------------------------------------------------ the charts over the hours
kind_theme = c.theme_kind()
pal = c.chart_palette(kind_theme)
names = {True: sim.small.model.name, False: sim.large.model.name}
colors = {"domain": [sim.large.model.name, sim.small.model.name], "range": [pal["primary"], pal["highlight"]]}
div, unit = grams_unit(max(h.without_g.central for h in sim.hours if h.without_g is not None))
rows = [{"hour": h.index, "when": h.when, "intensity": round(h.intensity_g_per_kwh.central, 1),
         "level": round(h.threshold_g_per_kwh, 1), "back": round(h.back_g_per_kwh, 1), "model": names[h.small],
         "with": None if h.with_g is None else h.with_g.central / div,
         "without": None if h.without_g is None else h.without_g.central / div} for h in sim.hours]
week = len(rows) > HOURS_PER_DAY
hour_axis = ({"values": list(range(0, len(rows), HOURS_PER_DAY)), "labelExpr": "'day ' + (datum.value / 24 + 1)"}
             if week else {"values": list(range(0, len(rows), 3)),
                           "labelExpr": "(datum.value < 10 ? '0' : '') + datum.value + ':00'"})
x = {"field": "hour", "type": "quantitative", "axis": hour_axis, "scale": {"domain": [0, len(rows)], "nice": False},
     "title": "Hours from the forecast's start" if use_live else ("Days of the week" if week else "Local hour of the day")}
legend = {"orient": "top", "title": None, "labelLimit": 300, "direction": "horizontal"}
tooltip = [{"field": "when"}, {"field": "intensity", "title": "gCO₂e/kWh"}, {"field": "model"}]
spec_intensity = c._base_spec(kind_theme, False, height=300, data={"values": rows}, layer=[
    {"mark": {"type": "line", "color": pal["text"], "strokeWidth": 1.5},
     "encoding": {"x": x, "y": {"field": "intensity", "type": "quantitative", "title": "Grid, gCO₂e/kWh",
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
back_words = (" and the lower level the grid must fall to before the larger model returns (dotted)"
              if request.policy.back is not None else "")
st.caption(f"Line chart: the grid's intensity at each hour (solid line), the level above which the smaller model "
           f"serves (dashed){back_words}. Each point is coloured and shaped by the model that serves that hour: "
           f"{len(dirty)} of {len(sim.hours)} hours on {c.md(sim.small.model.name)}.")
spec_grams = c._base_spec(kind_theme, False, height=280, data={"values": rows}, layer=[
    # each hour's bar spans the hour (hour → hour + 1), like the step line of "without" drawn over it
    {"mark": {"type": "bar", "opacity": c.BAR_OPACITY, "x2Offset": -1},
     "transform": [{"calculate": "datum.hour + 1", "as": "hour_end"}],
     "encoding": {"x": x, "x2": {"field": "hour_end"}, "y2": {"datum": 0}, "y": {"field": "with", "type": "quantitative", "title": f"CO₂e per hour ({unit})"},
                  "color": {"field": "model", "type": "nominal", "scale": colors, "legend": legend},
                  "tooltip": [{"field": "when"}, {"field": "model"},
                              {"field": "with", "title": f"with switching ({unit})", "format": ".3~g"},
                              {"field": "without", "title": f"without ({unit})", "format": ".3~g"}]}},
    {"mark": {"type": "line", "color": pal["text"], "strokeWidth": 1.5, "interpolate": "step-after"},
     "encoding": {"x": x, "y": {"field": "without", "type": "quantitative"}}},
])
c.show_chart(spec_grams)
st.caption(f"Bar chart: grams CO₂e in each hour with switching (bars, coloured by model) against every request on "
           f"{c.md(sim.large.model.name)} (line). Over the {len(sim.hours)} hours: {wc} with switching, {oc} without.")

# ------------------------------------------------------------------ the seed's figure beside ours
cmp_ = seed_comparison(sim)
st.subheader("The seed's “nearly 80 %”, beside this simulation")
s = st.columns(3)
s[0].metric("The seed said", pct(cmp_["seed_saved_share"].central))
s[0].caption(f"“{c.md(cmp_['claim'])}” — {c.md(cmp_['said_by'])}; the paper behind it: more than "
             f"{pct(cmp_['seed_saved_share'].low)}.")
s[1].metric("This simulation", pct(central))
s[1].caption(f"Range {pct(low)} to {pct(high)}.")
s[2].metric("Every request on the smaller model", pct(cmp_["always_small_saved_share"]))
s[2].caption("The most any switching rule could save with these two models.")
st.markdown("**Why the figures differ**\n\n" + "\n".join(f"- {c.md(r)}" for r in cmp_["reasons"]))
src = cmp_["source"]
st.caption(f"Source: [{c.md(src.title)}]({src.url}) — {c.md(src.publisher)}, {c.md(src.year)}. "
           "The comparison is a check, never a tuning of the estimate.")

# ------------------------------------------------------------------ downloads, link
url = page_url(params)
stub = f"ai-flight-label-switching-{sim.large.model.model_id}-{sim.small.model.model_id}-{sim.large.zone.zone_id}"
d = st.columns(2)
d[0].download_button("Simulation (CSV)", data=csv_text(simulation_rows(sim)).encode("utf-8"), file_name=f"{stub}.csv",
                     mime="text/csv", key="sim_csv", icon=":material/download:")
d[1].download_button("Simulation (JSON)", data=json.dumps(simulation_record(sim, url), indent=2,
                                                          ensure_ascii=False).encode("utf-8"),
                     file_name=f"{stub}.json", mime="application/json", key="sim_json", icon=":material/download:")
st.caption("Link to this simulation:")
st.code(url, language=None, wrap_lines=True)
st.caption(c.md(c.not_counted_words(sim.large)) + " Each hour's grams are the estimate of the serving model at that "
           "hour's grid intensity (methodology: “Carbon-aware switching”).")
