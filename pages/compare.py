"""Compare: two to four options side by side on one shared axis (made for projecting in class).

URL: ``?a=task:model:region[:count[:preset]]&b=…`` up to ``d`` (``estimator.urlstate.parse_compare``).
An empty model means the task's typical model.
"""

from __future__ import annotations

import streamlit as st

from estimator import Scenario, label
from estimator.errors import EstimatorError
from estimator.present import fmt_amount
from estimator.scenario import LIMITS
from estimator.urlstate import COMPARE_KEYS, PARAM_ALIASES, PARAMS, compare_params, parse_compare, safe_snippet
from pages import components as c

c.page_setup("Compare")
data = c.get_data()
ss = st.session_state

DEFAULT = {"a": "chat:gpt-4o:WORLD", "b": "chat:llama-3.1-8b:WORLD"}
CLASSICS = {
    "Frontier chat vs small open model": DEFAULT,
    "Image in Poland vs in France": {"a": "image:sdxl:PL", "b": "image:sdxl:FR"},
    "Task-specific summarizer vs LLM": {"a": "summarize:bart-large-cnn:WORLD", "b": "summarize:gpt-4o:WORLD"},
}
FIELDS = ("task", "model", "region", "n", "preset")
MIN_OPTIONS, MAX_OPTIONS = 2, len(COMPARE_KEYS)


def key(i: int, field: str) -> str:
    return f"cmp_{i}_{field}"


def parse_one(k: str, vals: list[str], notices: list[str]) -> tuple[Scenario, str | None] | None:
    """One option of the link → (resolved scenario, model as chosen: None = typical), or None with a notice."""
    options, notes = parse_compare({k: vals}, data)
    notices.extend(notes)
    if not options:
        return None
    s = options[0]
    parts = (vals[0] if vals else "").split(":")
    return s, c.explicit_model(parts[1] if len(parts) > 1 else None, s.task, data)


def options_from_link(raw: dict[str, list[str]], notices: list[str]) -> list[tuple[Scenario, str | None]]:
    for k in raw:
        # An Estimate link's own parameters are not an error here; anything else is.
        if k not in COMPARE_KEYS and k.lower() not in PARAMS and k.lower() not in PARAM_ALIASES:
            notices.append(f"Ignored unknown link parameter “{safe_snippet(k)}”; "
                           "options are a, b, c and d, each task:model:region[:count[:preset]].")
    given = [k for k in COMPARE_KEYS if k in raw]
    options = [o for o in (parse_one(k, raw[k], notices) for k in given) if o is not None]
    if len(options) < MIN_OPTIONS:
        defaults = [parse_one(k, [v], []) for k, v in DEFAULT.items()]
        extra = [d for d in defaults if d is not None and d[0] not in [o[0] for o in options]]
        options.extend(extra[: MIN_OPTIONS - len(options)])
        if given:
            notices.append("A comparison needs at least two options; the default ones fill the gap.")
    return options


def seed(options: list[tuple[Scenario, str | None]]) -> None:
    ss.cmp_len = len(options)
    for i, (s, model) in enumerate(options):
        ss[key(i, "task")], ss[key(i, "model")], ss[key(i, "region")] = s.task, model, s.region
        ss[key(i, "n")], ss[key(i, "preset")] = float(s.count), s.preset


def state_option(i: int) -> Scenario:
    """Option i from its widgets (model None = typical; preset None = the task's default)."""
    task = ss[key(i, "task")]
    preset = ss[key(i, "preset")]
    return Scenario(task=task, model=ss[key(i, "model")], region=ss[key(i, "region")], count=ss[key(i, "n")],
                    preset=None if preset == c.preset_options(task, data)[0] else preset)


def relink(options: list[Scenario]) -> None:
    c.write_query(compare_params(options))
    ss._cmp_qs = None  # the URL changed under the widgets: re-seed them from it


def on_task(i: int) -> None:
    ss[key(i, "model")] = None
    ss[key(i, "preset")] = c.preset_options(ss[key(i, "task")], data)[0]


def remove(i: int) -> None:
    options = [state_option(j) for j in range(ss.cmp_len) if j != i]
    relink(options)


def add() -> None:
    options = [state_option(j) for j in range(ss.cmp_len)]
    relink(options + [options[-1]])


def classic(params: dict[str, str]) -> None:
    st.query_params.from_dict(params)
    ss._cmp_qs = None


# ------------------------------------------------------------------ URL → widgets (only when the URL changed)
raw = c.raw_query()
notices: list[str] = []
if ss.get("_cmp_qs") != raw:
    seed(options_from_link(raw, notices))

st.title("Compare AI tasks")
st.caption("Two to four options side by side, on one shared scale. Pick a classic comparison or change any option.")
c.show_notices(notices)

st.header("What to compare")
st.markdown("**Classic comparisons** — one click sets the options:")
buttons = st.columns(len(CLASSICS))
for col, (name, params) in zip(buttons, CLASSICS.items()):
    col.button(name, on_click=classic, args=(params,), width="stretch", key=f"cmp_classic_{name}")

# ------------------------------------------------------------------ widgets, one column per option
n = max(MIN_OPTIONS, min(MAX_OPTIONS, int(ss.get("cmp_len", 2))))
tasks, zones = c.task_options(data), c.zone_options(data)
columns = st.columns(n, gap="medium")
scenarios: list[Scenario] = []
for i, col in enumerate(columns):
    letter = chr(ord("A") + i)
    with col:
        st.subheader(f"Option {letter}")
        if ss.get(key(i, "task")) not in tasks:
            ss[key(i, "task")] = "chat"
        task = ss[key(i, "task")]
        presets, models = c.preset_options(task, data), c.model_options(task, data)
        for field, options, default in (("preset", presets, presets[0]), ("model", models, None), ("region", zones, "WORLD")):
            if ss.get(key(i, field), object()) not in options:
                ss[key(i, field)] = default
        if not isinstance(ss.get(key(i, "n")), float) or not 1 <= ss[key(i, "n")] <= LIMITS["count"]:
            ss[key(i, "n")] = 1.0
        with st.expander(f"Change option {letter}"):
            st.selectbox("Task", tasks, format_func=lambda t: c.task_label(t, data), key=key(i, "task"),
                         on_change=on_task, args=(i,))
            st.selectbox("Model", models, format_func=lambda m: c.model_label(m, data), key=key(i, "model"),
                         help="Not sure? Keep the typical model.")
            st.selectbox("Where it runs", zones, format_func=lambda z: c.zone_label(z, data), key=key(i, "region"),
                         help="Type to search a country, US state or cloud region.")
            st.number_input("How many", min_value=1.0, max_value=float(LIMITS["count"]), step=1.0, format="%g",
                            key=key(i, "n"))
            st.selectbox("How big a job", presets, format_func=lambda p, t=task: c.preset_label(t, p, data),
                         key=key(i, "preset"))
            if n > MIN_OPTIONS:
                st.button(f"Remove option {letter}", key=f"cmp_remove_{i}", on_click=remove, args=(i,))
        scenarios.append(state_option(i))
if n < MAX_OPTIONS:
    st.button("Add an option", on_click=add, icon=":material/add:")

# ------------------------------------------------------------------ one library call per option
labs = []
for i, s in enumerate(scenarios):
    try:
        labs.append(label(s, data))
    except EstimatorError as exc:  # cannot happen with the widgets' choices, but never a traceback
        c.show_notices([f"Option {chr(65 + i)}: {safe_snippet(exc.message, 90)}; showing the task's default."])
        scenarios[i] = Scenario(task=s.task)
        labs.append(label(scenarios[i], data))

params = compare_params(scenarios)
c.write_query(params)
ss._cmp_qs = c.as_query(params)

for col, lab in zip(columns, labs):
    with col:
        c.compact_card(lab, data)

# ------------------------------------------------------------------ one chart, shared axis
st.header("Side by side")
items = [(f"{chr(65 + i)}: {lab.estimate.model.name} · {c.zone_label(lab.estimate.zone.zone_id, data)}",
          f"{c.count_words(lab.estimate)}, {lab.estimate.task.name}", lab.estimate.co2e_g) for i, lab in enumerate(labs)]
rows, unit = c.bar_rows(items)
c.show_chart(c.error_bar_chart(rows, unit, big=True))
st.caption(c.chart_caption(rows, f"Bar chart on one shared axis in {unit} CO₂e, one bar per option; whiskers show "
                                 "the likely range."))
hi = max(labs, key=lambda lab: lab.estimate.co2e_g.central)
lo = min(labs, key=lambda lab: lab.estimate.co2e_g.central)
if hi is not lo and lo.estimate.co2e_g.central > 0:
    times = fmt_amount(hi.estimate.co2e_g.central / lo.estimate.co2e_g.central)
    st.markdown(f"**Option {chr(65 + labs.index(hi))}** is about **{times}×** option {chr(65 + labs.index(lo))} "
                "(central estimates).")

# ------------------------------------------------------------------ cite and download
base_url = c.app_base("compare")
url = c.view_url(base_url, "compare", params)
st.header("Cite and download")
st.code(c.citation(labs[0], url), language=None, wrap_lines=True)
dl = st.columns(2)
dl[0].download_button("Comparison (CSV)", data=c.compare_csv(labs, data, url), file_name="ai-flight-label_compare.csv",
                      mime="text/csv", on_click="ignore", icon=":material/table:", key="cmp_csv")
dl[1].download_button("Comparison (JSON)", data=c.compare_json(labs, data, url),
                      file_name="ai-flight-label_compare.json", mime="application/json", on_click="ignore",
                      icon=":material/data_object:", key="cmp_json")
c.link_to("methodology", c.methodology_version_text(), icon=":material/menu_book:")
