"""My AI year: a person's own use (a few answers, a preset, or their chatbot data export) added up over a year.

Widgets (or an export read in this session's memory) → one ``UsageProfile`` → one library call
(``estimator.usage.year.year``) → week, month and year totals with ranges, the equivalents, the task that
dominates, the year by month, and the single change that would cut most. The URL parameters are
``estimator/usage/links.py``'s (README, "My AI year (the page)"): the address bar always reproduces the page,
and for an export it carries the derived rates only, never anything the export said.
"""

from __future__ import annotations

import json

import streamlit as st

from estimator.card import year_card_png, year_card_svg
from estimator.errors import EstimatorError
from estimator.lifecycle import PART_WORDS, PARTS, TRAINING_JUDGEMENT
from estimator.present import csv_text, fmt_amount, grams_unit, not_counted
from estimator.uncertainty import Range
from estimator.usage import MAX_EXPORT_BYTES, read_export
from estimator.usage.links import matching_preset, model_id, parse_usage_params, usage_params
from estimator.usage.year import (DAYS_PER_YEAR, KINDS, PERIODS_PER_YEAR, UsageLine, UsageProfile, pct_words,
                                  profile_from_export, usage_presets, usage_products, year, year_record, year_rows)
from estimator.scenario import LIMITS
from pages import components as c

c.page_setup("My AI year")
data = c.get_data()
ss = st.session_state

DEFAULT_PRESET = "daily-user"  # the example the issue was filed with: 20 questions a day, a few images a week
MIB = 1024 * 1024
# The smaller of the reader's own limit and the server's (Streamlit refuses a larger upload before the page sees
# it): stated on the page and set on the widget, so the box refuses what the server would.
UPLOAD_LIMIT_MB = min(MAX_EXPORT_BYTES // MIB, int(st.get_option("server.maxUploadSize")))
MAX_RATE = LIMITS["count"] / DAYS_PER_YEAR  # a daily rate above this is more uses a year than the estimator covers
# One task per line at 1280 px; on a 390 px phone the name, then rate and period side by side, then the model.
RATE_NAME_PX, RATE_BOX_PX, PERIOD_BOX_PX = 210, 140, 130
PERIOD_WORDS = {"day": "a day", "week": "a week", "month": "a month"}
LIFECYCLE_LABEL = "Life cycle: hardware and training too"  # short enough for one line on a 390 px phone
SOURCES = {"answers": "A few answers", "export": "My chatbot export"}

# ------------------------------------------------------------------ model choices per task

def model_choices(kind: str) -> list[str]:
    """The typical model, then the products people know (data/products.csv, by the model behind them), then every
    other model of the task."""
    behind = [mid for _, mid in usage_products(kind, data)[1:]]
    rest = c.model_choices(KINDS[kind][0], data)[1:]
    return [c.TYPICAL_MODEL_PARAM, *dict.fromkeys(behind), *(m for m in rest if m not in behind)]


def model_words(kind: str, mid: str) -> str:
    """'ChatGPT · GPT-5.5 (size estimated)': the product names first, so "ChatGPT" is what the reader sees (and
    what typing in the box finds)."""
    task = KINDS[kind][0]
    if mid == c.TYPICAL_MODEL_PARAM:
        return c.model_label(None, data, task)
    names = [label for label, m in usage_products(kind, data)[1:] if m == mid]
    m = data.models.get(mid)
    return " / ".join(names) + f" · {m.name}" if names and m else c.model_label(mid, data, task)


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
    for key in ("_yr_fixed", "_yr_months", "_yr_notes", "_yr_read", "_yr_fixed_from"):
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
    parsed = parse_usage_params(raw, data)
    notices.extend(parsed.notices)
    seed(parsed.profile, parsed.has_lines)

zones = c.zone_options(data)
if ss.get("yr_region") not in zones:
    ss.yr_region = "WORLD"
presets = usage_presets()

st.title("My AI year")
st.caption("What your own use of AI adds up to: a few answers about how often you use it, or your chatbot's "
           "data export, summed over a week, a month and a year — each figure with its likely range.")
c.show_notices(notices)

headline = st.container()  # the totals, filled in below once they are computed: the first thing a reader sees
st.radio("Your use from", list(SOURCES), format_func=SOURCES.get, key="yr_source", horizontal=True)
top = st.columns([3, 2])
with top[0]:
    st.selectbox("Where you live (electricity grid)", zones, format_func=lambda z: c.zone_label(z, data),
                 key="yr_region", help="Type to search: a country, a US state or a cloud region. The services' "
                                       "datacenters are not always where you live; the world average is the default.")
with top[1]:
    st.toggle(LIFECYCLE_LABEL, key="yr_lifecycle",
              help="Off: the datacenter's electricity. On: also making the hardware and training the model, each "
                   "shown as its own part.")
region, boundary = ss.yr_region, ("lifecycle" if ss.yr_lifecycle else "datacenter")

profile: UsageProfile | None = None
if ss.yr_source == "answers":
    restore_answers()
    ss.yr_preset = matching_preset(form_lines(), data)  # the preset the answers are, if any, shows as chosen
    st.pills("Presets: one click fills the rates (illustrations, not measured people)", list(presets),
             format_func=lambda pid: presets[pid].label, key="yr_preset", on_change=on_preset)
    st.caption("For each task: how many, how often, and with which product or model (0 leaves it out).")
    for kind, (_, _, words) in KINDS.items():
        # a wrapping row: one line per task on a wide screen; on a phone the name, then rate and period side by
        # side, then the model. The widgets' labels stay in the page for screen readers ("How many chat
        # questions"); the task's name shows them.
        row = st.container(horizontal=True, vertical_alignment="center", gap="small")
        row.markdown(f"**{words.capitalize()}**", width=RATE_NAME_PX)
        row.number_input(f"How many {words}", min_value=0.0, max_value=MAX_RATE, step=1.0, format="%g",
                         key=f"yr_{kind}_rate", label_visibility="collapsed", width=RATE_BOX_PX)
        row.selectbox(f"How often ({words})", list(PERIODS_PER_YEAR), format_func=PERIOD_WORDS.get,
                      key=f"yr_{kind}_per", label_visibility="collapsed", width=PERIOD_BOX_PX)
        row.selectbox(f"With which product or model ({words})", model_choices(kind),
                      format_func=lambda m, k=kind: model_words(k, m), key=f"yr_{kind}_model",
                      label_visibility="collapsed", width="stretch")
    keep_answers()
    lines = form_lines()
    if lines:
        profile = UsageProfile(lines, region, boundary)
    else:
        st.info("Every rate is 0: give at least one, for example 20 chat questions a day.")
else:
    st.markdown(f"**Your chatbot data export** — ChatGPT's or Claude's `conversations.json`, or the .zip as you "
                f"downloaded it (up to {UPLOAD_LIMIT_MB} MB).")
    st.caption("Privacy: the file is read in this server's memory for your session only. It is never written to "
               "disk, logged or sent anywhere, and nothing you wrote is shown: only counts, dates and model names. "
               "Every generated reply counts, regenerated ones too (each used energy); the conversation so far, "
               "resent with every turn, counts as that reply's input.")
    uploaded = st.file_uploader("Your export (conversations.json or .zip)", type=["json", "zip"], key="yr_upload",
                                max_upload_size=UPLOAD_LIMIT_MB)
    if uploaded is not None and ss.get("_yr_upload_id") != uploaded.file_id:
        ss._yr_upload_id = uploaded.file_id
        clear_fixed()
        ss.pop("_yr_upload_error", None)
        try:
            summary = read_export(uploaded)
            from_export = profile_from_export(summary, region, boundary, data)
        except EstimatorError as exc:
            ss._yr_upload_error = "Could not read this export: " + exc.message + (f" ({exc.hint})" if exc.hint else "")
        except Exception:  # noqa: BLE001 - a reader bug: one line, never a traceback (its message could quote the file)
            ss._yr_upload_error = ("Could not read this export: this page could not make sense of the file (upload "
                                   "conversations.json or the zip from ChatGPT's or Claude's 'Export data')")
        else:
            ss._yr_fixed, ss._yr_months, ss._yr_notes = from_export.lines, from_export.months, from_export.notes
            ss._yr_read, ss._yr_fixed_from = summary.what_was_read(), "export"
    if uploaded is None:
        # the box is empty (removed, or left empty while the answers were shown): what was read stays until forgotten
        ss._yr_upload_id = None
        ss.pop("_yr_upload_error", None)
        if ss.get("_yr_fixed_from") == "export":
            st.button("Forget this export", key="yr_forget", on_click=clear_fixed, icon=":material/delete:")
    if ss.get("_yr_upload_error"):
        st.error(c.md(ss._yr_upload_error), icon=":material/error:")
    elif ss.get("_yr_fixed"):
        if ss.get("_yr_fixed_from") == "export":
            st.markdown(f"**What was read:** {c.md(ss._yr_read)}")
        else:
            st.caption("This link carries usage lines the answers cannot show (several lines of a task, or tokens per "
                       "reply, as derived from a chatbot export): its rates only, nothing the export said.")
        profile = UsageProfile(ss._yr_fixed, region, boundary, ss.get("_yr_months", ()), ss.get("_yr_notes", ()))
    else:
        st.info("Drop your export above, or choose “A few answers”.")

# ------------------------------------------------------------------ one library call
result = None
if profile is not None:
    try:
        result = year(profile, data)
    except EstimatorError as exc:
        st.error(c.md(exc.message + (f" ({exc.hint})" if exc.hint else "")), icon=":material/error:")

params = usage_params(profile, data) if profile is not None else {}
c.write_query(params)
ss._yr_qs = c.as_query(params)
url = c.year_url(params)


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
        st.header("Your year")
        preset = matching_preset(profile.lines, data) if ss.yr_source == "answers" else None
        where = f"{c.zone_label(first.zone.zone_id, data)} grid · {c.BOUNDARY_WORDS[boundary].split(' — ')[0]} boundary"
        st.caption(c.md(where + (f" · preset “{presets[preset].label}”" if preset else "")))
        cols = st.columns(3)
        for col, (name, r) in zip(cols, (("A week", result.week_g), ("A month", result.month_g),
                                         ("A year", result.year_g))):
            central, span = c.grams_text(r)
            col.metric(name, f"{central} CO₂e", help="Central estimate; the likely range is under it.")
            col.caption(f"Likely range {span}")
        w_central, w_span = c.wh_text(result.energy_wh)
        st.markdown(f"Electricity a year: **{w_central}** (likely {w_span})"
                    + (" — the datacenter's; making the hardware and training the model are counted in grams only."
                       if result.parts else "."))
        st.markdown("**The single change that would cut most**")
        if result.best_change is not None:
            words = result.best_change.words()
            st.success(c.md(words[:1].upper() + words[1:] + "."), icon=":material/savings:")
        else:
            st.info("None of the levers we model lowers this year: it is already the leanest option we know of.")

    st.header("Your year in detail")
    st.subheader("That is about")
    best = result.equivalents(data)
    if best:
        c.equivalent_metrics(best)
    else:
        st.caption("No everyday equivalent reads well at this size.")

    st.subheader("Which task dominates")
    share = dict(result.shares)[result.dominant]
    st.markdown(f"**{c.md(KINDS[result.dominant][2].capitalize())}** are **{pct_words(share)}** of your year.")
    parts = PARTS if result.parts else (c.YEAR_TOTAL_PART,)
    by_task: dict[str, dict] = {}
    for ly in result.lines:
        t = by_task.setdefault(KINDS[ly.line.kind][2], {"total": None, "parts": {}})
        t["total"] = ly.co2e_g if t["total"] is None else t["total"] + ly.co2e_g
        for p in parts:
            r = ly.parts[p] if result.parts else ly.co2e_g
            t["parts"][p] = r if p not in t["parts"] else t["parts"][p] + r
    div, unit = grams_unit(max(t["total"].high for t in by_task.values()))
    chart_rows = [{"task": task, "part": c.YEAR_PART_SHORT[p], "order": i,
                   "central": t["parts"][p].central / div, "value": c.grams_text(t["parts"][p])[0]}
                  for task, t in by_task.items() for i, p in enumerate(parts)]
    totals = [{"task": task, "low": t["total"].low / div, "high": t["total"].high / div} for task, t in by_task.items()]
    c.show_chart(c.year_tasks_chart(chart_rows, totals, unit, parts))
    st.caption("Bar chart of each task's CO₂e a year"
               + (", stacked by part (" + ", ".join(f"{c.YEAR_PART_SHORT[p].lower()}: {PART_WORDS[p].lower()}"
                                                    for p in PARTS) + ")" if result.parts else "")
               + "; the line is the likely range. "
               + "; ".join(f"{task}: {c.grams_text(t['total'])[0]} (likely {c.grams_text(t['total'])[1]})"
                           for task, t in by_task.items()) + ".")
    table = [{"Task": KINDS[ly.line.kind][2], "Model": ly.estimate.model.name,
              "Rate": f"{fmt_amount(ly.line.rate)} {PERIOD_WORDS[ly.line.period]}",
              "A year": fmt_amount(ly.line.rate * PERIODS_PER_YEAR[ly.line.period])
                        + (" s" if ly.line.kind == "video" else ""),
              "CO₂e a year": c.unbroken(c.grams_text(ly.co2e_g)[0]), "Range": c.unbroken(c.grams_text(ly.co2e_g)[1]),
              "Share": pct_words(ly.co2e_g.central / result.year_g.central)} for ly in result.lines]
    st.table(table, hide_index=True, width="stretch")
    if result.parts:
        st.markdown("**Life cycle, part by part (the year)**")
        st.table([{"Part": PART_WORDS[k], "CO₂e": c.unbroken(c.grams_text(result.parts[k])[0]),
                   "Range": c.unbroken(c.grams_text(result.parts[k])[1])} for k in PARTS],
                 hide_index=True, width="stretch")
        st.caption(TRAINING_JUDGEMENT)

    if result.by_month:
        st.subheader("Your year by month")
        mdiv, munit = grams_unit(max(g.high for _, g in result.by_month))
        month_rows = [{"month": m, "central": g.central / mdiv, "low": g.low / mdiv, "high": g.high / mdiv,
                       "value": c.grams_text(g)[0], "range": c.grams_text(g)[1]} for m, g in with_empty_months(result.by_month)]
        c.show_chart(c.year_months_chart(month_rows, munit))
        st.caption("Bar chart of CO₂e per calendar month of your export (UTC), with the likely range as a line.")
        with st.expander("The months as a table"):
            st.table([{"Month": r["month"], "CO₂e": c.unbroken(r["value"]), "Range": c.unbroken(r["range"])}
                      for r in month_rows], hide_index=True, width="stretch")

    # an export's "what was read" and unknown models; a preset's own words that it is an illustration
    for note in dict.fromkeys(profile.notes + (presets[preset].notes if preset else ())):
        st.caption(c.md(note))
    st.caption(c.md(not_counted(boundary)) + f" {c.methodology_version_text()}.")

    st.subheader("Link and downloads")
    st.caption("Link to this page (it carries the rates only" +
               (", not your export: its months are not in the link)" if ss.get("_yr_fixed_from") == "export" else ")")
               + ":")
    st.code(url, language=None, wrap_lines=True)
    record = year_record(result, url)
    stub = f"ai-flight-label-year-{first.zone.zone_id}-{boundary}"
    dl = st.columns(4)
    # the cards are drawn only when clicked (the PNG takes ~0.1 s): a rerun of the page does not pay for them
    dl[2].download_button("Year card (PNG)", data=lambda: year_card_png(result, url), file_name=f"{stub}.png",
                          mime="image/png", key="yr_png", on_click="ignore", icon=":material/image:")
    dl[3].download_button("Year card (SVG)", data=lambda: year_card_svg(result, url), file_name=f"{stub}.svg",
                          mime="image/svg+xml", key="yr_svg", on_click="ignore", icon=":material/draw:")
    dl[0].download_button("Your year (JSON)", data=json.dumps(record, indent=2, ensure_ascii=False).encode("utf-8"),
                          file_name=f"{stub}.json", mime="application/json", key="yr_json", on_click="ignore",
                          icon=":material/data_object:")
    dl[1].download_button("Your year (CSV)", data=csv_text(year_rows(result)).encode("utf-8"),
                          file_name=f"{stub}.csv", mime="text/csv", key="yr_csv", on_click="ignore",
                          icon=":material/table:")
