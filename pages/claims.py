"""Claims check: published claims about AI's footprint beside the library's own figure for the same thing.

One page, one stable URL per claim (journalists link them): ``/claims`` lists every claim of data/claims.csv
with its verdict, ``/claims?claim=ID`` opens one. Every figure is computed now by ``estimator.claims``
(``all_claims`` / ``check_claim``), at the claim's own boundary and accounting basis; nothing is read from the
row but the claim itself. The downloads are the records of ``python -m estimator claims --format json/csv``.

Words are in the reader's language (``lang=``): the checks shown are computed with the reader's Translator, the
downloads with none (JSON and CSV stay English). A claim is a quote: shown translated, marked as translated, with
its original wording a click away; a claim said in Chinese is shown to a Chinese reader as said.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlencode

import streamlit as st

from estimator.claims import (CANNOT, HOLDS, HOLDS_ONLY, OFF, ClaimCheck, all_claims, alt_change, check_claim,
                              claim_record, claimed_words, find_claim, quantity, scenario_for, text_of, value_words,
                              work_words)
from estimator.errors import DataError, EstimatorError
from estimator.methodology import methodology_version
from estimator.present import APP_NAME, csv_text, flat_record
from estimator.urlstate import safe_snippet, to_params
from pages import components as c
from pages.components import _, _p

PAGE_FILE, URL_PATH = "pages/claims.py", "claims"  # the url path is public: links to single claims depend on it
# Verdict → (badge colour, icon). The words carry the verdict (badge_words); colour and icon only repeat it.
BADGES = {
    HOLDS: ("green", ":material/check_circle:"),
    HOLDS_ONLY: ("blue", ":material/rule:"),
    OFF: ("red", ":material/close:"),
    CANNOT: ("gray", ":material/help:"),
}
# The filter's values (the link-free state tests set) are the English names; the reader sees filter_words.
FILTERS = {"All claims": None, "Holds": HOLDS, "Holds only in a narrower case": HOLDS_ONLY, "Off": OFF,
           "Can't be checked": CANNOT}
CJK = re.compile(r"[\u3400-\u9fff]")

data = c.get_data()


def badge_words(verdict: str) -> str:
    """The verdict's short name, as the badges and the filter say it."""
    return {HOLDS: _("Holds"), HOLDS_ONLY: _("Holds only in a narrower case"), OFF: _("Off"),
            CANNOT: _("Can't be checked")}[verdict]


def filter_words(option: str) -> str:
    return _("All claims") if FILTERS[option] is None else badge_words(FILTERS[option])


def not_independent() -> str:
    return _("Not an independent check: the app's own figure for this step comes from the claim's source, so "
             "this shows the app agrees with it, not that a second study does.")


def basis_words(basis: str) -> str:
    return {"location": _("location-based (the grid where the work runs)"),
            "market": _("market-based (the operator's clean-energy contracts counted)")}.get(basis, basis)


def end_sentence(text: str) -> str:
    """A sentence's full stop in the reader's script ("." or "。"), unless it has one."""
    if text.endswith((".", "。")):
        return text
    return text + ("。" if c.current_lang().startswith("zh") else ".")


def quoted(text: str) -> str:
    """Quotation marks as the reader's language writes them: “…”, « … », 「…」."""
    return _p("format", "“{quote}”", quote=text)


# ------------------------------------------------------------------ a claim is a quote

def original_lang(cl) -> str:
    """The language the claim was said in: Chinese when its words are, else English (every other row)."""
    return "zh" if CJK.search(cl.claim) else "en"


def claim_quote(cl) -> tuple[str, str]:
    """The claim in the reader's language and a mark saying it is translated ('' when shown as said)."""
    t = c.tr()
    orig = original_lang(cl)
    if t.lang == orig or (orig == "zh" and t.lang.startswith("zh")):  # as said (a Chinese quote in either script)
        return (text_of(cl, "claim", t) if t.lang != "en" else cl.claim), ""
    text = text_of(cl, "claim", t)
    if text == cl.claim:  # no translation: shown as said, not marked
        return text, ""
    return text, (_("(translated from Chinese)") if orig == "zh" else _("(translated from English)"))


def quote_markdown(cl, bold: bool = True) -> str:
    text, mark = claim_quote(cl)
    q = c.md(quoted(text))
    return (f"**{q}**" if bold else q) + (f" *{c.md(mark)}*" if mark else "")


def original_wording(cl) -> None:
    """The claim as said, one click away, when the page shows it translated."""
    if claim_quote(cl)[1]:
        with st.expander(_("Original wording")):
            st.markdown(c.md(f"“{cl.claim}”"))


# ------------------------------------------------------------------ links and small parts

def claims_base() -> str:
    """The app's root URL ('…/'), from the browser's URL on this page."""
    base = c.app_base("estimate")  # the browser's URL with a trailing '/' (this page's path still on it)
    return base[: -len(URL_PATH) - 1] if base.endswith(f"/{URL_PATH}/") else base


def claim_url(base: str, claim_id: str | None = None) -> str:
    """A claim's (or the list's) public link; it keeps the reader's lang= (none for English)."""
    query = urlencode(c.with_lang({"claim": claim_id} if claim_id else {}))
    return f"{base}{URL_PATH}" + (f"?{query}" if query else "")


def open_link(label: str, claim_id: str | None = None, icon: str | None = None) -> None:
    """A link to this page: one claim, or the list (no claim)."""
    params = c.with_lang({"claim": claim_id} if claim_id else {})
    try:
        st.page_link(PAGE_FILE, label=label, icon=icon, query_params=params or None)
    except Exception:  # the page runs on its own, without app.py's st.navigation: a plain link
        st.markdown(f"[{c.md(label)}](/{URL_PATH}" + (f"?{urlencode(params)}" if params else "") + ")")


def badge_text(k: ClaimCheck) -> str:
    """The badge: the verdict in two or three words ("Off by a factor of 6,000")."""
    if k.verdict == OFF:  # "off by a factor of 6,000 (the claim is higher)" → "Off by a factor of 6,000"
        short = re.split(r" \(|（", k.words)[0]
        return short[:1].upper() + short[1:]
    return badge_words(k.verdict)


def verdict_sentence(k: ClaimCheck) -> str:
    """The verdict in plain words, as a sentence: "Off by a factor of 6,000 (the claim is higher)."."""
    return end_sentence(k.words[:1].upper() + k.words[1:])


def show_badge(k: ClaimCheck) -> None:
    colour, icon = BADGES[k.verdict]
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
    return f"{c.md(cl.said_by)} · {c.md(text_of(cl, 'said_where', c.tr()))} · {cl.said_year}"


def computed_words(k: ClaimCheck) -> str:
    return (value_words(k.computed, k.unit, c.tr()) if k.computed is not None
            else _("nothing: the app has no figure for this"))


def summary_line(checks: list[ClaimCheck]) -> str:
    """"21 claims: 7 hold, 2 hold only in a narrower case, 6 are off, 6 can't be checked."."""
    t = c.tr()
    n = {v: t.count(sum(k.verdict == v for k in checks)) for v in BADGES}
    return _("{claims} claims: {holds} hold, {holds_only} hold only in a narrower case, {off} are off, "
             "{cannot} can't be checked.", claims=t.count(len(checks)), holds=n[HOLDS], holds_only=n[HOLDS_ONLY],
             off=n[OFF], cannot=n[CANNOT])


def records_json(checks: list[ClaimCheck]) -> bytes:
    """What `python -m estimator claims --format json` prints (one claim: with --claim ID)."""
    return json.dumps([claim_record(k) for k in checks], indent=2, ensure_ascii=False).encode("utf-8")


def records_csv(checks: list[ClaimCheck]) -> bytes:
    """What `python -m estimator claims --format csv` prints."""
    return csv_text([flat_record(claim_record(k)) for k in checks]).encode("utf-8")


def english(checks: list[ClaimCheck]) -> list[ClaimCheck]:
    """The same checks in English, for the downloads (JSON and CSV keep English words, whatever the page's)."""
    if c.current_lang() == "en":
        return checks
    return [check_claim(k.claim, data) for k in checks]


def downloads(checks: list[ClaimCheck], stub: str) -> None:
    records = english(checks)
    with st.container(horizontal=True):  # side by side, wrapping on a phone
        st.download_button(_("Claims (JSON)") if len(checks) > 1 else _("This claim (JSON)"),
                           data=records_json(records), file_name=f"ai-flight-label-{stub}.json",
                           mime="application/json", key=f"cl_json_{stub}", icon=":material/download:")
        st.download_button(_("Claims (CSV)") if len(checks) > 1 else _("This claim (CSV)"),
                           data=records_csv(records), file_name=f"ai-flight-label-{stub}.csv", mime="text/csv",
                           key=f"cl_csv_{stub}", icon=":material/download:")


def citation(k: ClaimCheck, url: str) -> str:
    """The citation line of one check (like an estimate's: app, methodology version, data version, day, link)."""
    day = dt.datetime.now(dt.timezone.utc).date().isoformat()
    return _("Claim check “{claim}”: {app}, methodology {version}, data {data}, {day}, {url}",
             claim=k.claim.claim_id, app=APP_NAME, version=methodology_version(), data=data.data_hash, day=day,
             url=url)


def methodology_link() -> None:
    c.link_to("methodology", _("How claims are checked: {version}", version=c.methodology_version_text()),
              icon=":material/menu_book:")


# ------------------------------------------------------------------ the list

def figure_lines(k: ClaimCheck, who: str) -> None:
    """Claimed beside computed in one sentence; the narrower case the claim holds for; whether it is independent."""
    cl, t = k.claim, c.tr()
    st.markdown(_("Claimed **{claimed}** for {work}; {who} computes **{computed}**.",
                  claimed=c.md(claimed_words(cl, data, t)), work=c.md(work_words(cl, data, t)), who=c.md(who),
                  computed=c.md(computed_words(k))))
    if k.verdict == HOLDS_ONLY:  # the narrower case the badge stands for
        alt = value_words(k.alt_computed, k.unit, t)
        st.markdown(_("Only for {case}: {who} computes **{computed}**.", case=c.md(text_of(cl, "alt_words", t)),
                      who=c.md(who), computed=c.md(alt)))
    if not k.independent:
        st.caption(not_independent())


def claim_card(k: ClaimCheck) -> None:
    """One claim in the list: its words, who/where/when, the verdict, claimed beside computed, its own link."""
    cl = k.claim
    with st.container(border=True):
        st.markdown(quote_markdown(cl))
        st.caption(said_line(k))
        show_badge(k)
        if k.computed is not None:
            figure_lines(k, _("the app"))
        else:
            st.markdown(c.md(verdict_sentence(k)))
        open_link(_("Open this check"), cl.claim_id, icon=":material/arrow_forward:")


def show_list(checks: list[ClaimCheck], base: str) -> None:
    st.markdown(_("**{summary}** Each claim has its own link: open it to see who said it, what the app computes "
                  "for the same thing and why the verdict is what it is.", summary=summary_line(checks)))
    shown = st.segmented_control(_("Show"), list(FILTERS), format_func=filter_words, default="All claims",
                                 key="cl_filter",
                                 help=_("Narrow the list by verdict; every claim keeps its own link.")) or "All claims"
    chosen = [k for k in checks if FILTERS[shown] is None or k.verdict == FILTERS[shown]]
    for i in range(0, len(chosen), 2):  # two cards a row on a wide screen; the columns stack on a phone
        for col, k in zip(st.columns(2), chosen[i:i + 2]):
            with col:
                claim_card(k)
    if c.current_lang() != "en":
        st.caption(_("Each claim is a quote, translated here; open it to read its original wording."))
    st.header(_("Download every claim"))
    st.caption(_("The same records as `python -m estimator claims --format json` (or `--format csv`), in English."))
    downloads(checks, "claims")
    st.caption(_("Link to this list:"))
    st.code(claim_url(base), language=None, wrap_lines=True)
    methodology_link()


# ------------------------------------------------------------------ one claim

def estimate_links(k: ClaimCheck, base: str) -> None:
    """Links to the Estimate page for the claim's own scenario (and the changed one, and the narrower case)."""
    cl = k.claim
    if k.estimate is None:
        if k.computed is not None:
            st.caption(_("The claim gives its own amount; the app converts it with its own factors, so there is no "
                         "task to open on the Estimate page."))
        return
    links = [(_("Open this scenario on the Estimate page"), k.estimate.scenario)]
    if cl.method == "reduction":
        changed = k.estimate.scenario.with_(**{cl.changed_field: cl.changed_value})
        links = [(_("Without the change, on the Estimate page"), k.estimate.scenario),
                 (_("With the change, on the Estimate page"), changed)]
    if k.alt_computed is not None and cl.method == "estimate":
        case = re.split(r" \(|（", text_of(cl, "alt_words", c.tr()))[0]
        links.append((_("For {case}, on the Estimate page", case=case), scenario_for(cl, data, alt_change(cl))))
    for text, scenario in links:
        try:
            params = to_params(scenario, data)
        except EstimatorError:  # a scenario the Estimate page cannot show: say nothing rather than link wrongly
            continue
        c.link_to("estimate", text, params, icon=":material/eco:")


def show_claim(k: ClaimCheck, base: str) -> None:
    cl, t = k.claim, c.tr()
    url = claim_url(base, cl.claim_id)
    open_link(_("All claims"), icon=":material/arrow_back:")
    st.subheader(quote_markdown(cl, bold=False), anchor=False)
    original_wording(cl)
    st.markdown(_("Said by **{who}**, in {where}, {year}. Traced to: {source}.", who=c.md(cl.said_by),
                  where=c.md(text_of(cl, "said_where", t)), year=cl.said_year, source=source_link(k)))
    show_badge(k)
    st.markdown(_("**Verdict: {verdict}**", verdict=c.md(verdict_sentence(k))))
    if not k.independent:
        st.caption(not_independent())

    st.header(_("Claimed and computed"))
    if k.computed is not None:
        left, right = st.columns(2)
        with left, st.container(border=True):
            st.caption(_("The claim"))
            st.markdown(f"**{c.md(claimed_words(cl, data, t))}**")
            st.caption(_("for {work}", work=c.md(work_words(cl, data, t))))
        with right, st.container(border=True):
            st.caption(_("What the app computes now, for the same thing"))
            st.markdown(f"**{c.md(quantity(t.amount(k.computed.central), k.unit, t))}**")
            st.caption(_("range {span}, for {work}", span=c.md(t.span(t.amount(k.computed.low),
                                                                       t.amount(k.computed.high))),
                         work=c.md(work_words(cl, data, t))))
        if k.alt_computed is not None:
            st.markdown(_("For {case}: **{computed}**.", case=c.md(text_of(cl, "alt_words", t)),
                          computed=c.md(value_words(k.alt_computed, k.unit, t))))
        if k.ratio is not None:
            ratio = value_words(k.ratio, "×", t).replace(" × (", "× (").replace(" ×（", "×（")  # "6,000× (…)"
            st.markdown(_("Claimed ÷ computed: **{ratio}**.", ratio=c.md(ratio)))
    else:  # the reason is the verdict, just above: not said twice
        if k.claimed is not None:
            st.markdown(_("Claimed **{claimed}**.", claimed=c.md(claimed_words(cl, data, t))))
        st.markdown(_("The app has no figure for the same thing (see the verdict above)."))
    facts = []
    if cl.boundary:
        facts.append(_("**Boundary:** {boundary}.", boundary=c.md(c.BOUNDARY_WORDS.get(cl.boundary, cl.boundary))))
    if cl.accounting_basis:
        facts.append(_("**Accounting basis:** {basis}.", basis=c.md(basis_words(cl.accounting_basis))))
    if k.estimate is not None:
        facts.append(_("**Scenario:** {scenario}.", scenario=c.md(c.scenario_words(k.estimate, data))))
    for line in facts:
        st.markdown(line)
    estimate_links(k, base)

    st.header(_("Why"))
    # the library's sentence is the numbers behind the verdict, then the source's own story: two paragraphs
    story = text_of(cl, "why", t)
    numbers = k.why[: -len(story)].strip() if story and k.why.endswith(story) else ""
    if numbers:
        st.markdown(c.md(numbers))
    st.markdown(c.md(story if numbers else k.why))
    st.markdown(_("**What the claim quantifies:** {quantifies}.", quantifies=c.md(text_of(cl, "quantifies", t))))
    if cl.source.note:
        st.caption(c.md(text_of(cl, "note", t)))

    st.header(_("Cite and download"))
    st.caption(_("Link to this claim check:"))
    st.code(url, language=None, wrap_lines=True)
    st.caption(_("Citation line:"))
    st.code(citation(k, url), language=None, wrap_lines=True)
    downloads([k], f"claim-{cl.claim_id}")
    methodology_link()


def show_claim_present(k: ClaimCheck) -> None:
    """Presentation mode (present=1): the claim big on one screen, the class guesses what the app computes for the
    same thing, Reveal shows it and the verdict; then, on the next screen, why."""
    cl, t = k.claim, c.tr()
    with st.container(key="present_screen_claim"):
        st.header(quote_markdown(cl, bold=False), anchor=False)
        st.markdown(f"— {c.md(cl.said_by)}, {c.md(text_of(cl, 'said_where', t))}, {cl.said_year}")
        if k.computed is not None:
            st.markdown(_("The claim says **{claimed}** for {work}.", claimed=c.md(claimed_words(cl, data, t)),
                          work=c.md(work_words(cl, data, t))))
            # the unit is in the question: the answer is the number alone, so it fits the screen at any unit's length
            revealed = c.guess_first(_("What does {app} compute for the same thing, in {unit}?", app=APP_NAME,
                                       unit=k.unit),
                                     k.computed, t.amount(k.computed.central), f"claim_{cl.claim_id}",
                                     after=_("({unit}.) The verdict is below; why, on the next screen.",
                                             unit=c.md(k.unit)))
        else:  # nothing to guess: the verdict says what the source does not give
            revealed = True
        if revealed:
            show_badge(k)
            st.markdown(_("**Verdict: {verdict}**", verdict=c.md(verdict_sentence(k))))
    with st.container(key="present_screen_claim_why"):
        st.header(_("Why"))
        st.markdown(c.md(k.why))
        st.caption(c.md(cl.source.citation()))


def show_claim_embedded(k: ClaimCheck, base: str) -> None:
    """Inside an article's iframe (embed=true): the claim, its verdict, claimed beside computed and the citation,
    with a link to the full check; no navigation, no downloads."""
    cl = k.claim
    url = claim_url(base, cl.claim_id)
    with st.container(border=True):
        st.markdown(quote_markdown(cl))
        st.caption(said_line(k))
        show_badge(k)
        if k.computed is not None:
            figure_lines(k, APP_NAME)
        st.markdown(_("**Verdict: {verdict}**", verdict=c.md(verdict_sentence(k))))
        st.markdown(_("[Why, and the sources: the full check]({url})", url=url))
        st.caption(c.md(citation(k, url)))


# ------------------------------------------------------------------ URL → one claim, or the list

def read_link(raw: dict[str, list[str]]) -> tuple[ClaimCheck | None, list[str]]:
    """The claim the link asks for, checked now (None: show the list), and at most one notice about the link.
    A broken claims table is not the link's fault: its DataError goes up."""
    asked = c.first(raw, "claim")
    if asked is None:
        return None, []
    notices = [_("The link repeats “claim”; using its first value.")] if len(raw["claim"]) > 1 else []
    try:
        found = find_claim(asked, data)
    except DataError:
        raise
    except EstimatorError as exc:
        close = re.sub(r"^did you mean (.*)\?$", r"\1", exc.hint or "")
        if close != (exc.hint or "") and close:
            line = (_("There is no claim “{claim}”; the closest are: {close}. Every claim is listed below.",
                      claim=safe_snippet(asked), close=safe_snippet(close, 200)) if asked.strip() else
                    _("The link names no claim (claim= is empty); the closest are: {close}. Every claim is listed "
                      "below.", close=safe_snippet(close, 200)))
        else:
            line = (_("There is no claim “{claim}”. Every claim is listed below.", claim=safe_snippet(asked))
                    if asked.strip() else _("The link names no claim (claim= is empty). Every claim is listed below."))
        return None, [line]
    try:
        return check_claim(found, data, t=c.tr() if c.current_lang() != "en" else None), notices
    except DataError:
        raise
    except EstimatorError as exc:  # a claim the library cannot compute: one line, then the list
        return None, [_("Could not check the claim “{claim}”: {reason}. Every claim is listed below.",
                        claim=found.claim_id, reason=safe_snippet(exc.message, 120))]


def checks_for_reader() -> list[ClaimCheck]:
    """Every claim checked, its words in the reader's language."""
    if c.current_lang() == "en":
        return all_claims(data)
    from estimator.claims import claim_rules
    from estimator.data import read_claims
    rules = claim_rules(data)
    return [check_claim(cl, data, rules, t=c.tr()) for cl in read_claims(None, data).claims]


raw = c.raw_query()
try:
    chosen, notices = read_link(raw)
    checks = [] if chosen is not None else checks_for_reader()
except DataError as exc:  # data/claims.csv or claim_rules.csv broken: one line saying where, no traceback
    c.page_setup(_("Claims check"))
    st.title(_("Claims check"))
    st.error(_("The claims table could not be read: {reason}", reason=c.md(exc.message))
             + (f" ({c.md(exc.hint)})" if exc.hint else ""), icon=":material/error:")
    st.stop()

c.page_setup(_("Claim check: {claim}", claim=chosen.claim.claim_id) if chosen else _("Claims check"))
present = False
if not (chosen is not None and c.is_embedded()):  # an embedded claim is its card alone
    title_col, toggle_col = st.columns([3, 1], vertical_alignment="bottom")
    if chosen is not None:  # one claim is one idea for a class: presentation mode (present=1) shows it big
        present = c.presentation_mode("clm", toggle_col)
    if not present:
        title_col.title(_("Claims check"))
        st.caption(_("Popular claims about the footprint of AI, traced to their source and set beside what this app "
                     "computes for the same thing — computed now from the same data and method as every label."))
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
    # The address bar must say what is shown: back from one claim (or after a bad id) it is the list's own URL
    # (and the reader's lang=, which raw_query leaves out).
    st.query_params.from_dict({**{k: v for k, v in raw.items() if k != "claim"}, **c.with_lang({})})
    show_list(checks, base)
