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
from estimator.present import csv_text, fmt_amount
from estimator.ranking import ranking_records, ranking_with_left_out
from estimator.scenario import LIMITS
from estimator.urlstate import parse_params, safe_snippet, to_params
from pages import components as c

c.page_setup("Ranking")
data = c.get_data()
ss = st.session_state
CURRENT_MARK = "▶"  # the highlighted row reads as such in words too (screen readers, dark theme, print)
RANK_COLUMN_PX = 44  # two digits and the grid's padding: leaves a 390 px phone room for the model and its grams
BASIS_WORDS = {"measured": "Measured", "extrapolated": "Extrapolated"}


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
    parsed = parse_params(raw, data)
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

st.title("Ranking")
st.caption("Every model we cover for this task, at your workload and on your grid, fewest grams first — like "
           "the list of flights for a route. The estimate page shows one of them in detail.")
c.show_notices(notices)
cols = st.columns([2, 2, 3, 1])
with cols[0]:
    st.selectbox("Task", tasks, format_func=lambda t: c.task_label(t, data), key="rk_task", on_change=on_task)
with cols[1]:
    st.selectbox("How big a job", presets, format_func=lambda p: c.preset_label(ss.rk_task, p, data),
                 key="rk_preset", on_change=on_preset)
with cols[2]:
    st.selectbox("Where it runs (electricity grid)", zones, format_func=lambda z: c.zone_label(z, data),
                 key="rk_region", help="Type to search: a country, a US state or a cloud region.")
with cols[3]:
    st.number_input("How many", min_value=1.0, max_value=float(LIMITS["count"]), step=1.0, format="%g", key="rk_n")

# ------------------------------------------------------------------ one library call
scenario = ss._rk_base.with_(task=ss.rk_task, preset=ss.rk_preset, region=ss.rk_region, count=ss.rk_n)
try:
    rows, left_out = ranking_with_left_out(scenario, data)
except EstimatorError as exc:
    c.show_notices([f"Could not rank this combination ({safe_snippet(exc.message, 90)}); "
                    "showing the task's default instead."])
    scenario = Scenario(task=ss.rk_task)
    rows, left_out = ranking_with_left_out(scenario, data)
resolved = rows[0].estimate.scenario
params = to_params(next(r.estimate.scenario for r in rows if r.is_current), data)
c.write_query(params)
ss._rk_qs = c.as_query(params)

# ------------------------------------------------------------------ render
e0 = rows[0].estimate
current = next(r for r in rows if r.is_current)
unit = e0.task.unit_singular if resolved.count == 1 else e0.task.unit_plural
st.markdown(f"**{c.md(e0.task.name)} · {c.md(fmt_amount(resolved.count))} {c.md(unit)} · "
            f"{c.md(c.preset_label(resolved.task, resolved.preset, data))} · {c.md(c.zone_label(e0.zone.zone_id, data))} "
            f"· {c.md(c.BOUNDARY_WORDS[e0.boundary].split(' — ')[0])} boundary"
            f"{c.md(c.serving_suffix(resolved, data).replace(' (', ' · ').rstrip(')'))}**")
st.markdown(f"{CURRENT_MARK} marks **{c.md(current.model.name)}**, the model of your estimate: **number "
            f"{current.rank} of {len(rows)}**, "
            f"{c.md(c.grams_text(current.estimate.co2e_g)[0])} CO₂e "
            f"(range {c.md(c.grams_text(current.estimate.co2e_g)[1])}), {c.md(c.ICONS[current.category])} "
            f"{c.md(current.category)} for this task.")

table = [{
    "#": r.rank,
    "Model": (f"{CURRENT_MARK} " if r.is_current else "") + r.model.name + (" (yours)" if r.is_current else ""),
    "CO₂e": c.grams_text(r.estimate.co2e_g)[0],
    "Range": c.grams_text(r.estimate.co2e_g)[1],
    "Label": f"{c.ICONS[r.category]} {r.category}",
    "Figure": BASIS_WORDS[r.basis.kind],
} for r in rows]
# On a phone the grid is wider than the screen: the rank and the model stay pinned while the reader swipes to the
# range, label and figure, and the grid is as tall as its rows so the page scrolls, not a box inside it.
st.dataframe(table, hide_index=True, width="stretch", height="content",
             column_config={"#": st.column_config.NumberColumn(width=RANK_COLUMN_PX, pinned=True),
                            "Model": st.column_config.TextColumn(width="medium", pinned=True),
                            "Figure": st.column_config.TextColumn(help="Measured: a published measurement of this "
                                                                  "model near these settings. Extrapolated: from the "
                                                                  "size fit or a scaling rule.")})
for name, why in left_out:
    st.caption(f"Left out: {c.md(name)} ({c.md(why)}).")
st.caption("Label: against the task's typical option, from the ratio's own range (methodology §2). Measured: a "
           "published measurement of that model at or near these settings; extrapolated: from the size fit or a "
           "scaling rule. " + c.md(c.not_counted_words(e0)))  # at this boundary (life cycle counts hardware, training)

base = c.app_base("ranking")
url = c.view_url(base, "ranking", params)
st.download_button("Ranking (CSV)", data=csv_text(ranking_records(rows)).encode("utf-8"),
                   file_name=f"ai-flight-label-ranking-{resolved.task}-{resolved.region}.csv", mime="text/csv",
                   key="rk_csv", icon=":material/download:")
st.caption("Link to this ranking:")
st.code(url, language=None, wrap_lines=True)
c.link_to("estimate", "See your model's full label", params, icon=":material/eco:")
