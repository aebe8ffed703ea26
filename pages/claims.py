"""Claims check: published claims about AI's footprint beside the library's own figure for the same thing.

One page, one stable URL per claim (journalists link them): ``/claims`` lists every claim of data/claims.csv
with its verdict, ``/claims?claim=ID`` opens one. Every figure is computed now by ``estimator.claims``
(``all_claims`` / ``check_claim``), at the claim's own boundary and accounting basis; nothing is read from the
row but the claim itself. The downloads are the records of ``python -m estimator claims --format json/csv``.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import streamlit as st

from estimator.claims import (CANNOT, HOLDS, HOLDS_ONLY, OFF, ClaimCheck, all_claims, alt_change, check_claim,
                              claim_record, claimed_words, find_claim, scenario_for, value_words,
                              work_words)
from estimator.errors import DataError, EstimatorError
from estimator.methodology import methodology_version
from estimator.present import APP_NAME, csv_text, flat_record, fmt_amount
from estimator.urlstate import safe_snippet, to_params
from pages import components as c

PAGE_FILE, URL_PATH = "pages/claims.py", "claims"  # the url path is public: links to single claims depend on it
# Verdict → (short badge text, badge colour, icon). The words carry the verdict; colour and icon only repeat it.
BADGES = {
    HOLDS: ("Holds", "green", ":material/check_circle:"),
    HOLDS_ONLY: ("Holds only in a narrower case", "blue", ":material/rule:"),
    OFF: ("Off", "red", ":material/close:"),
    CANNOT: ("Can't be checked", "gray", ":material/help:"),
}
FILTERS = {"All claims": None, "Holds": HOLDS, "Holds only in a narrower case": HOLDS_ONLY, "Off": OFF,
           "Can't be checked": CANNOT}
NOT_INDEPENDENT = ("Not an independent check: the app's own figure for this step comes from the claim's source, so "
                   "this shows the app agrees with it, not that a second study does.")
BASIS_WORDS = {"location": "location-based (the grid where the work runs)",
               "market": "market-based (the operator's clean-energy contracts counted)"}

data = c.get_data()


def claims_base() -> str:
    """The app's root URL ('…/'), from the browser's URL on this page."""
    base = c.app_base("estimate")  # the browser's URL with a trailing '/' (this page's path still on it)
    return base[: -len(URL_PATH) - 1] if base.endswith(f"/{URL_PATH}/") else base


def claim_url(base: str, claim_id: str | None = None) -> str:
    return f"{base}{URL_PATH}" + (f"?claim={claim_id}" if claim_id else "")


def open_link(label: str, claim_id: str | None = None, icon: str | None = None) -> None:
    """A link to this page: one claim, or the list (no claim)."""
    params = {"claim": claim_id} if claim_id else None
    try:
        st.page_link(PAGE_FILE, label=label, icon=icon, query_params=params)
    except Exception:  # the page runs on its own, without app.py's st.navigation: a plain link
        st.markdown(f"[{c.md(label)}](/{URL_PATH}" + (f"?claim={claim_id}" if claim_id else "") + ")")


def badge_text(k: ClaimCheck) -> str:
    """The badge: the verdict in two or three words ("Off by a factor of 6,000")."""
    if k.verdict == OFF:  # "off by a factor of 6,000 (the claim is higher)" → "Off by a factor of 6,000"
        short = k.words.split(" (")[0]
        return short[:1].upper() + short[1:]
    return BADGES[k.verdict][0]


def verdict_sentence(k: ClaimCheck) -> str:
    """The verdict in plain words, as a sentence: "Off by a factor of 6,000 (the claim is higher)."."""
    return k.words[:1].upper() + k.words[1:] + ("" if k.words.endswith(".") else ".")


def show_badge(k: ClaimCheck) -> None:
    _, colour, icon = BADGES[k.verdict]
    st.badge(badge_text(k), icon=icon, color=colour)


def source_link(k: ClaimCheck) -> str:
    """The source as a markdown link (only a plain web address becomes a link)."""
    s = k.claim.source
    text = f"{c.md(s.title)} ({c.md(s.publisher)}, {c.md(s.year)})"
    if re.fullmatch(r"https?://[^\s()<>]+", s.url):
        return f"[{text}]({s.url})"
    return text


def said_line(k: ClaimCheck) -> str:
    cl = k.claim
    return f"{c.md(cl.said_by)} · {c.md(cl.said_where)} · {cl.said_year}"


def computed_words(k: ClaimCheck) -> str:
    return value_words(k.computed, k.unit) if k.computed is not None else "nothing: the app has no figure for this"


def summary_line(checks: list[ClaimCheck]) -> str:
    """"21 claims: 7 hold, 2 hold only in a narrower case, 6 are off, 6 can't be checked."."""
    n = {v: sum(k.verdict == v for k in checks) for v in BADGES}
    return (f"{len(checks)} claims: {n[HOLDS]} hold, {n[HOLDS_ONLY]} hold only in a narrower case, "
            f"{n[OFF]} are off, {n[CANNOT]} can't be checked.")


def records_json(checks: list[ClaimCheck]) -> bytes:
    """What `python -m estimator claims --format json` prints (one claim: with --claim ID)."""
    return json.dumps([claim_record(k) for k in checks], indent=2, ensure_ascii=False).encode("utf-8")


def records_csv(checks: list[ClaimCheck]) -> bytes:
    """What `python -m estimator claims --format csv` prints."""
    return csv_text([flat_record(claim_record(k)) for k in checks]).encode("utf-8")


def downloads(checks: list[ClaimCheck], stub: str) -> None:
    with st.container(horizontal=True):  # side by side, wrapping on a phone
        st.download_button("Claims (JSON)" if len(checks) > 1 else "This claim (JSON)", data=records_json(checks),
                           file_name=f"ai-flight-label-{stub}.json", mime="application/json",
                           key=f"cl_json_{stub}", icon=":material/download:")
        st.download_button("Claims (CSV)" if len(checks) > 1 else "This claim (CSV)", data=records_csv(checks),
                           file_name=f"ai-flight-label-{stub}.csv", mime="text/csv",
                           key=f"cl_csv_{stub}", icon=":material/download:")


def citation(k: ClaimCheck, url: str) -> str:
    """The citation line of one check (like an estimate's: app, methodology version, data version, day, link)."""
    day = dt.datetime.now(dt.timezone.utc).date().isoformat()
    return (f"Claim check “{k.claim.claim_id}”: {APP_NAME}, methodology {methodology_version()}, "
            f"data {data.data_hash}, {day}, {url}")


# ------------------------------------------------------------------ the list

def figure_lines(k: ClaimCheck, who: str) -> None:
    """Claimed beside computed in one sentence; the narrower case the claim holds for; whether it is independent."""
    cl = k.claim
    st.markdown(f"Claimed **{c.md(claimed_words(cl, data))}** for {c.md(work_words(cl, data))}; "
                f"{c.md(who)} computes **{c.md(computed_words(k))}**.")
    if k.verdict == HOLDS_ONLY:  # the narrower case the badge stands for
        alt = value_words(k.alt_computed, k.unit)
        st.markdown(f"Only for {c.md(cl.alt_words)}: {c.md(who)} computes **{c.md(alt)}**.")
    if not k.independent:
        st.caption(NOT_INDEPENDENT)


def claim_card(k: ClaimCheck) -> None:
    """One claim in the list: its words, who/where/when, the verdict, claimed beside computed, its own link."""
    cl = k.claim
    with st.container(border=True):
        st.markdown(f"**“{c.md(cl.claim)}”**")
        st.caption(said_line(k))
        show_badge(k)
        if k.computed is not None:
            figure_lines(k, "the app")
        else:
            st.markdown(c.md(verdict_sentence(k)))
        open_link("Open this check", cl.claim_id, icon=":material/arrow_forward:")


def show_list(checks: list[ClaimCheck], base: str) -> None:
    st.markdown(f"**{summary_line(checks)}** Each claim has its own link: open it to see who said it, what the "
                "app computes for the same thing and why the verdict is what it is.")
    shown = st.segmented_control("Show", list(FILTERS), default="All claims", key="cl_filter",
                                 help="Narrow the list by verdict; every claim keeps its own link.") or "All claims"
    chosen = [k for k in checks if FILTERS[shown] is None or k.verdict == FILTERS[shown]]
    for i in range(0, len(chosen), 2):  # two cards a row on a wide screen; the columns stack on a phone
        for col, k in zip(st.columns(2), chosen[i:i + 2]):
            with col:
                claim_card(k)
    st.header("Download every claim")
    st.caption("The same records as `python -m estimator claims --format json` (or `--format csv`).")
    downloads(checks, "claims")
    st.caption("Link to this list:")
    st.code(claim_url(base), language=None, wrap_lines=True)
    c.link_to("methodology", "How claims are checked: " + c.methodology_version_text(), icon=":material/menu_book:")


# ------------------------------------------------------------------ one claim

def estimate_links(k: ClaimCheck, base: str) -> None:
    """Links to the Estimate page for the claim's own scenario (and the changed one, and the narrower case)."""
    cl = k.claim
    if k.estimate is None:
        if k.computed is not None:
            st.caption("The claim gives its own amount; the app converts it with its own factors, so there is no "
                       "task to open on the Estimate page.")
        return
    links = [("Open this scenario on the Estimate page", k.estimate.scenario)]
    if cl.method == "reduction":
        changed = k.estimate.scenario.with_(**{cl.changed_field: cl.changed_value})
        links = [("Without the change, on the Estimate page", k.estimate.scenario),
                 ("With the change, on the Estimate page", changed)]
    if k.alt_computed is not None and cl.method == "estimate":
        links.append((f"For {cl.alt_words.split(' (')[0]}, on the Estimate page",
                      scenario_for(cl, data, alt_change(cl))))
    for text, scenario in links:
        try:
            params = to_params(scenario, data)
        except EstimatorError:  # a scenario the Estimate page cannot show: say nothing rather than link wrongly
            continue
        c.link_to("estimate", text, params, icon=":material/eco:")


def show_claim(k: ClaimCheck, base: str) -> None:
    cl = k.claim
    url = claim_url(base, cl.claim_id)
    open_link("All claims", icon=":material/arrow_back:")
    st.subheader(f"“{c.md(cl.claim)}”", anchor=False)
    st.markdown(f"Said by **{c.md(cl.said_by)}**, in {c.md(cl.said_where)}, {cl.said_year}. "
                f"Traced to: {source_link(k)}.")
    show_badge(k)
    st.markdown(f"**Verdict: {c.md(verdict_sentence(k))}**")
    if not k.independent:
        st.caption(NOT_INDEPENDENT)

    st.header("Claimed and computed")
    if k.computed is not None:
        left, right = st.columns(2)
        with left, st.container(border=True):
            st.caption("The claim")
            st.markdown(f"**{c.md(claimed_words(cl, data))}**")
            st.caption(f"for {c.md(work_words(cl, data))}")
        with right, st.container(border=True):
            st.caption("What the app computes now, for the same thing")
            st.markdown(f"**{c.md(fmt_amount(k.computed.central))} {c.md(k.unit)}**")
            st.caption(f"range {c.md(fmt_amount(k.computed.low))}–{c.md(fmt_amount(k.computed.high))}, "
                       f"for {c.md(work_words(cl, data))}")
        if k.alt_computed is not None:
            st.markdown(f"For {c.md(cl.alt_words)}: **{c.md(value_words(k.alt_computed, k.unit))}**.")
        if k.ratio is not None:
            st.markdown(f"Claimed ÷ computed: **{c.md(value_words(k.ratio, '×').replace(' × (', '× ('))}**.")
    else:  # the reason is the verdict, just above: not said twice
        if k.claimed is not None:
            st.markdown(f"Claimed **{c.md(claimed_words(cl, data))}**.")
        st.markdown("The app has no figure for the same thing (see the verdict above).")
    facts = []
    if cl.boundary:
        facts.append(f"**Boundary:** {c.md(c.BOUNDARY_WORDS.get(cl.boundary, cl.boundary))}.")
    if cl.accounting_basis:
        facts.append(f"**Accounting basis:** {c.md(BASIS_WORDS.get(cl.accounting_basis, cl.accounting_basis))}.")
    if k.estimate is not None:
        facts.append(f"**Scenario:** {c.md(c.scenario_words(k.estimate, data))}.")
    for line in facts:
        st.markdown(line)
    estimate_links(k, base)

    st.header("Why")
    # the library's sentence is the numbers behind the verdict, then the source's own story: two paragraphs
    numbers = k.why[: -len(cl.why)].strip() if cl.why and k.why.endswith(cl.why) else ""
    if numbers:
        st.markdown(c.md(numbers))
    st.markdown(c.md(cl.why if numbers else k.why))
    st.markdown(f"**What the claim quantifies:** {c.md(cl.quantifies)}.")
    if cl.source.note:
        st.caption(c.md(cl.source.note))

    st.header("Cite and download")
    st.caption("Link to this claim check:")
    st.code(url, language=None, wrap_lines=True)
    st.caption("Citation line:")
    st.code(citation(k, url), language=None, wrap_lines=True)
    downloads([k], f"claim-{cl.claim_id}")
    c.link_to("methodology", "How claims are checked: " + c.methodology_version_text(), icon=":material/menu_book:")


def show_claim_present(k: ClaimCheck) -> None:
    """Presentation mode (present=1): the claim big on one screen, the class guesses what the app computes for the
    same thing, Reveal shows it and the verdict; then, on the next screen, why."""
    cl = k.claim
    with st.container(key="present_screen_claim"):
        st.header(f"“{c.md(cl.claim)}”", anchor=False)
        st.markdown(f"— {c.md(cl.said_by)}, {c.md(cl.said_where)}, {cl.said_year}")
        if k.computed is not None:
            st.markdown(f"The claim says **{c.md(claimed_words(cl, data))}** for {c.md(work_words(cl, data))}.")
            # the unit is in the question: the answer is the number alone, so it fits the screen at any unit's length
            revealed = c.guess_first(f"What does AI Flight Label compute for the same thing, in {k.unit}?",
                                     k.computed, fmt_amount(k.computed.central), f"claim_{cl.claim_id}",
                                     after=f"({c.md(k.unit)}.) The verdict is below; why, on the next screen.")
        else:  # nothing to guess: the verdict says what the source does not give
            revealed = True
        if revealed:
            show_badge(k)
            st.markdown(f"**Verdict: {c.md(verdict_sentence(k))}**")
    with st.container(key="present_screen_claim_why"):
        st.header("Why")
        st.markdown(c.md(k.why))
        st.caption(c.md(cl.source.citation()))


def show_claim_embedded(k: ClaimCheck, base: str) -> None:
    """Inside an article's iframe (embed=true): the claim, its verdict, claimed beside computed and the citation,
    with a link to the full check; no navigation, no downloads."""
    cl = k.claim
    url = claim_url(base, cl.claim_id)
    with st.container(border=True):
        st.markdown(f"**“{c.md(cl.claim)}”**")
        st.caption(said_line(k))
        show_badge(k)
        if k.computed is not None:
            figure_lines(k, APP_NAME)
        st.markdown(f"**Verdict: {c.md(verdict_sentence(k))}**")
        st.markdown(f"[Why, and the sources: the full check]({url})")
        st.caption(c.md(citation(k, url)))


# ------------------------------------------------------------------ URL → one claim, or the list

def read_link(raw: dict[str, list[str]]) -> tuple[ClaimCheck | None, list[str]]:
    """The claim the link asks for, checked now (None: show the list), and at most one notice about the link.
    A broken claims table is not the link's fault: its DataError goes up."""
    asked = c.first(raw, "claim")
    if asked is None:
        return None, []
    notices = ["The link repeats “claim”; using its first value."] if len(raw["claim"]) > 1 else []
    try:
        found = find_claim(asked, data)
    except DataError:
        raise
    except EstimatorError as exc:
        close = re.sub(r"^did you mean (.*)\?$", r"\1", exc.hint or "")
        named = (f"There is no claim “{safe_snippet(asked)}”" if asked.strip()
                 else "The link names no claim (claim= is empty)")
        return None, [named + (f"; the closest are: {safe_snippet(close, 200)}." if close != (exc.hint or "") and close
                               else ".") + " Every claim is listed below."]
    try:
        return check_claim(found, data), notices
    except DataError:
        raise
    except EstimatorError as exc:  # a claim the library cannot compute: one line, then the list
        return None, [f"Could not check the claim “{found.claim_id}”: {safe_snippet(exc.message, 120)}. "
                      "Every claim is listed below."]


raw = c.raw_query()
try:
    chosen, notices = read_link(raw)
    checks = [] if chosen is not None else all_claims(data)
except DataError as exc:  # data/claims.csv or claim_rules.csv broken: one line saying where, no traceback
    c.page_setup("Claims check")
    st.title("Claims check")
    st.error(f"The claims table could not be read: {c.md(exc.message)}" + (f" ({c.md(exc.hint)})" if exc.hint else ""),
             icon=":material/error:")
    st.stop()

c.page_setup(f"Claim check: {chosen.claim.claim_id}" if chosen else "Claims check")
present = False
if not (chosen is not None and c.is_embedded()):  # an embedded claim is its card alone
    title_col, toggle_col = st.columns([3, 1], vertical_alignment="bottom")
    if chosen is not None:  # one claim is one idea for a class: presentation mode (present=1) shows it big
        present = c.presentation_mode("clm", toggle_col)
    if not present:
        title_col.title("Claims check")
        st.caption("Popular claims about the footprint of AI, traced to their source and set beside what this app "
                   "computes for the same thing — computed now from the same data and method as every label.")
c.show_notices(notices)
base = claims_base()
if chosen is not None:
    # Always (not only when it changed): after a click on this page's own link the browser's address bar drops the
    # query, and the reader must be able to copy the claim's link from it. ' One-Image ' → the id as listed.
    st.query_params["claim"] = chosen.claim.claim_id
    if present:
        st.query_params["present"] = "1"
    elif "present" in st.query_params:
        del st.query_params["present"]
    if c.is_embedded():
        show_claim_embedded(chosen, base)
    elif present:
        show_claim_present(chosen)
    else:
        show_claim(chosen, base)
else:
    # The address bar must say what is shown: back from one claim (or after a bad id) it is the list's own URL.
    st.query_params.from_dict({k: v for k, v in raw.items() if k != "claim"})
    show_list(checks, base)
