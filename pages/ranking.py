"""Ranking: every catalogued model for the task at your workload and region, fewest grams first.

The list of flights: the same URL parameters as the Estimate page (task, model, n, region, preset,
in/out/words/summary/w/h/steps/secs, hw, dc, batch, boundary, params/active), so an Estimate link
opened here ranks the same workload and highlights its model. Widgets → one library call
(``estimator.ranking``) → a table, a CSV download and a link back.
"""

from __future__ import annotations

import streamlit as st

from estimator import Scenario
from estimator.errors import EstimatorError
from estimator.i18n.names import model_name, task_name, task_unit
from estimator.present import csv_text, fmt_range, grams_unit
from estimator.ranking import basis_word, left_out_reason, ranking_records, ranking_with_left_out
from estimator.scenario import LIMITS
from estimator.urlstate import parse_params, safe_snippet, to_params
from pages import components as c
from pages.components import _

c.page_setup(_("Ranking"))
data = c.get_data()
ss = st.session_state
t = c.tr()


def category_words(category: str) -> str:
    """"▼ lower for this task" (the icon first, so the category reads the same without colour)."""
    icon = c.ICONS[category]
    if category == "lower":
        return _("{icon} lower for this task", icon=icon)
    if category == "higher":
        return _("{icon} higher for this task", icon=icon)
    return _("{icon} typical for this task", icon=icon)


def category_short(category: str) -> str:
    """The table's Label column: "▼ lower"."""
    icon = c.ICONS[category]
    if category == "lower":
        return _("{icon} lower", icon=icon)
    if category == "higher":
        return _("{icon} higher", icon=icon)
    return _("{icon} typical", icon=icon)
CURRENT_MARK = "▶"  # the highlighted row reads as such in words too (screen readers, dark theme, print)
RANK_COLUMN_PX = 44  # two digits and the grid's padding: leaves a 390 px phone room for the model and its grams


def seed(s: Scenario) -> None:
    """Widgets ← a resolved scenario (a fresh link); the rest of the scenario stays as the link set it."""
    ss.rk_task, ss.rk_preset, ss.rk_region, ss.rk_n = s.task, s.preset, s.region, float(s.count)
    ss._rk_base = s


def on_task() -> None:
    ss._rk_base = Scenario(task=ss.rk_task, region=ss.rk_region, count=ss.rk_n)
    ss.rk_preset = c.preset_options(ss.rk_task, data)[0]


def on_preset() -> None:
    # a new job size: the link's own token counts or pixels no longer apply
    base = ss._rk_base
    ss._rk_base = Scenario(task=base.task, model=base.model, region=ss.rk_region, count=ss.rk_n,
                           hardware=base.hardware, datacenter=base.datacenter, batch=base.batch,
                           boundary=base.boundary, custom_total_params_b=base.custom_total_params_b,
                           custom_active_params_b=base.custom_active_params_b)


# ------------------------------------------------------------------ URL → widgets (only when the URL changed)
raw = c.raw_query()
notices: list[str] = []
if ss.get("_rk_qs") != raw or "_rk_base" not in ss:
    parsed = parse_params(raw, data, t=c.tr())
    notices.extend(parsed.notices)
    seed(parsed.scenario)

tasks = c.task_options(data)
if ss.get("rk_task") not in tasks:
    ss.rk_task = "chat"
presets = c.preset_options(ss.rk_task, data)
if ss.get("rk_preset") not in presets:
    ss.rk_preset = presets[0]
zones = c.zone_options(data)
if ss.get("rk_region") not in zones:
    ss.rk_region = "WORLD"

st.title(_("Ranking"))
st.caption(_("Every model we cover for this task, at your workload and on your grid, fewest grams first — like "
             "the list of flights for a route. The estimate page shows one of them in detail."))
c.show_notices(notices)
cols = st.columns([2, 2, 3, 1])
with cols[0]:
    st.selectbox(_("Task"), tasks, format_func=lambda t: c.task_label(t, data), key="rk_task", on_change=on_task)
with cols[1]:
    st.selectbox(_("How big a job"), presets, format_func=lambda p: c.preset_label(ss.rk_task, p, data),
                 key="rk_preset", on_change=on_preset)
with cols[2]:
    st.selectbox(_("Where it runs (electricity grid)"), zones, format_func=lambda z: c.zone_label(z, data),
                 key="rk_region", help=_("Type to search: a country, a US state or a cloud region."))
with cols[3]:
    st.number_input(_("How many"), min_value=1.0, max_value=float(LIMITS["count"]), step=1.0, format="%g", key="rk_n")

# ------------------------------------------------------------------ one library call
scenario = ss._rk_base.with_(task=ss.rk_task, preset=ss.rk_preset, region=ss.rk_region, count=ss.rk_n)
try:
    rows, left_out = ranking_with_left_out(scenario, data)
except EstimatorError as exc:
    c.show_notices([_("Could not rank this combination ({reason}); showing the task's default instead.",
                      reason=safe_snippet(exc.message, 90))])
    scenario = Scenario(task=ss.rk_task)
    rows, left_out = ranking_with_left_out(scenario, data)
resolved = rows[0].estimate.scenario
params = to_params(next(r.estimate.scenario for r in rows if r.is_current), data)
c.write_query(params)
ss._rk_qs = c.as_query(params)

# ------------------------------------------------------------------ render
e0 = rows[0].estimate
current = next(r for r in rows if r.is_current)
# the count as before (t.amount equals present.fmt_amount in English), the unit in the plural form of the language
workload = _("{count} {unit}", count=t.amount(resolved.count), unit=task_unit(e0.task, resolved.count, t))
boundary = _("{boundary} boundary", boundary=c.BOUNDARY_WORDS[e0.boundary].split(' — ')[0])
st.markdown(f"**{c.md(task_name(e0.task, t))} · {c.md(workload)} · "
            f"{c.md(c.preset_label(resolved.task, resolved.preset, data))} · {c.md(c.zone_label(e0.zone.zone_id, data))} "
            f"· {c.md(boundary)}"
            f"{c.md(c.serving_suffix(resolved, data).replace(' (', ' · ').rstrip(')'))}**")
central, span = fmt_range(current.estimate.co2e_g, grams_unit, t)  # numbers as the reader's locale writes them
st.markdown(_("{mark} marks **{model}**, the model of your estimate: **number {rank} of {total}**, {grams} CO₂e "
              "(range {range}), {label}.", mark=CURRENT_MARK, model=c.md(model_name(current.model, c.tr())),
              rank=t.count(current.rank), total=t.count(len(rows)), grams=c.md(central), range=c.md(span),
              label=c.md(category_words(current.category))))

# Column headers in the reader's language (the CSV download keeps its English keys: ranking_records)
COL_RANK, COL_MODEL, COL_CO2E = "#", _("Model"), "CO₂e"
COL_RANGE, COL_LABEL, COL_FIGURE = _("Range"), _("Label"), _("Figure")
table = [{
    COL_RANK: r.rank,
    COL_MODEL: (f"{CURRENT_MARK} " if r.is_current else "") + (
        _("{model} (yours)", model=model_name(r.model, c.tr())) if r.is_current else model_name(r.model, c.tr())),
    COL_CO2E: fmt_range(r.estimate.co2e_g, grams_unit, t)[0],
    COL_RANGE: fmt_range(r.estimate.co2e_g, grams_unit, t)[1],
    COL_LABEL: category_short(r.category),
    COL_FIGURE: basis_word(r.basis.kind, t),
} for r in rows]
# On a phone the grid is wider than the screen: the rank and the model stay pinned while the reader swipes to the
# range, label and figure, and the grid is as tall as its rows so the page scrolls, not a box inside it.
st.dataframe(table, hide_index=True, width="stretch", height="content",
             column_config={COL_RANK: st.column_config.NumberColumn(width=RANK_COLUMN_PX, pinned=True),
                            COL_MODEL: st.column_config.TextColumn(width="medium", pinned=True),
                            COL_FIGURE: st.column_config.TextColumn(help=_(
                                "Measured: a published measurement of this model near these settings. "
                                "Extrapolated: from the size fit or a scaling rule."))})
for name, why in left_out:
    st.caption(_("Left out: {model} ({reason}).", model=c.md(name), reason=c.md(left_out_reason(why, t))))
st.caption(_("Label: against the task's typical option, from the ratio's own range (methodology §2). Measured: a "
             "published measurement of that model at or near these settings; extrapolated: from the size fit or a "
             "scaling rule.") + " " + c.md(c.not_counted_words(e0)))  # at this boundary (life cycle counts hardware, training)

base = c.app_base("ranking")
url = c.view_url(base, "ranking", params)
st.download_button(_("Ranking (CSV)"), data=csv_text(ranking_records(rows)).encode("utf-8"),
                   file_name=f"ai-flight-label-ranking-{resolved.task}-{resolved.region}.csv", mime="text/csv",
                   key="rk_csv", icon=":material/download:")
st.caption(_("Link to this ranking:"))
st.code(url, language=None, wrap_lines=True)
c.link_to("estimate", _("See your model's full label"), params, icon=":material/eco:")
