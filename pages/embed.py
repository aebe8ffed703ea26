"""Embed: a compact label card for journalists, with copy-paste iframe, link, citation and BibTeX.

Takes the same scenario parameters as the Estimate page, plus ``theme=light|dark`` for the iframe.
With ``embed=true`` in the URL (Streamlit's embed mode, which hides the app's chrome) only the
compact card is shown; the snippet also sets Streamlit's ``embed_options=light_theme|dark_theme``
so the card keeps the article's look whatever the reader's own dark-mode setting.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from estimator import label
from estimator.urlstate import PRESENT_PARAM, parse_params, parse_present, safe_snippet, to_params
from pages import components as c
from pages.components import _

c.page_setup(_("Embed"))
data = c.get_data()

raw = c.raw_query()
theme_raw = c.first(raw, "theme")
raw = {k: v for k, v in raw.items() if k != "theme"}  # the embed's own parameter, not a scenario field
theme, theme_notices = "light", []
if theme_raw is not None:
    if theme_raw.strip().lower() in c.EMBED_THEMES:
        theme = theme_raw.strip().lower()
    else:
        theme_notices.append(_("Ignored theme=“{value}”: use theme=light or theme=dark. Using light.",
                               value=safe_snippet(theme_raw)))
parsed = parse_params(raw, data, t=c.tr())
model_choice = c.explicit_model(c.first(raw, "model"), parsed.scenario.task, data)
lab = label(parsed.scenario, data)  # parse_params only returns scenarios that resolve
params = to_params(parsed.scenario, data)
if model_choice is None:
    params["model"] = c.TYPICAL_MODEL_PARAM
present, present_notices = parse_present(c.first(raw, PRESENT_PARAM), t=c.tr())
theme_notices.extend(present_notices)
params = c.present_params(params, present)  # a presentation-mode link keeps present=1 in its link and iframe
ss = st.session_state
if not c.is_embedded():
    if ss.get("embed_theme") not in c.EMBED_THEMES or ss.get("_embed_theme_url") != theme:
        ss.embed_theme = theme  # the link's theme wins when the link changes
    ss._embed_theme_url = theme
    theme = ss.embed_theme
c.write_query({**params, "theme": theme} if theme != "light" or theme_raw is not None else params)

base = c.app_base("embed")
estimate_url = c.view_url(base, "estimate", params)
embed_src = c.embed_src(c.view_url(base, "embed", params), theme)
alt_text = c.card_alt_text(lab, data)

if c.is_embedded():  # the card keeps its size inside the iframe (its height is fixed); present=1 rides in the links
    c.show_notices([*theme_notices, *parsed.notices])
    c.compact_card(lab, data, brand=True)
    c.version_block(raw, data, compact=True)  # inside an article: the number it quoted, beside today's
    st.caption(c.md(c.citation(lab, estimate_url)))
else:
    st.title(_("Embed this label"))
    st.caption(_("For articles and slides: a compact label card, with the code and citation to go with it. "
                 "The numbers follow the link's parameters, the same as the Estimate page."))
    c.show_notices([*theme_notices, *parsed.notices])
    c.version_block(raw, data)
    c.link_to("estimate", _("Change the scenario on the Estimate page"), params, icon=":material/tune:")

    st.header(_("Preview"))
    # The SVG of the card (2 ms) as the preview; the PNG (~100 ms to draw) is drawn only when downloaded.
    day = dt.datetime.now(dt.timezone.utc).date()
    st.image(c.card_svg(lab, estimate_url, day), alt=alt_text, width="stretch",
             caption=_("Label card, for articles, slides and social media: download it below as a 1200×630 PNG or an "
                       "SVG."))
    st.caption(_("Text alternative: {text}", text=c.md(alt_text)))
    st.subheader(_("What the iframe shows"))
    left, _rest = st.columns([2, 1])
    with left:
        c.compact_card(lab, data, brand=True)

    st.header(_("Copy and paste"))
    st.subheader(_("Embed code (iframe)"))
    theme_words = {"light": _("Light (white pages)"), "dark": _("Dark (dark pages)")}
    st.radio(_("Colours of the embedded card"), list(c.EMBED_THEMES), key="embed_theme", horizontal=True,
             format_func=theme_words.get,
             help=_("Fixes the card's colours, so it does not turn dark inside a white article when a reader uses "
                    "dark mode. The code below changes with it."))
    st.caption(_("The iframe takes the article's full width up to {width} px and is {height} px tall, enough for the "
                 "card on a phone.", width=c.tr().count(c.EMBED_MAX_WIDTH_PX), height=c.tr().count(c.EMBED_HEIGHT_PX)))
    st.code(c.iframe_snippet(embed_src, _("AI Flight Label: {scenario}", scenario=c.scenario_words(lab.estimate, data))),
            language="html", wrap_lines=True)
    st.subheader(_("Stable link"))
    st.code(estimate_url, language=None, wrap_lines=True)
    st.subheader(_("Citation"))
    st.code(c.citation(lab, estimate_url), language=None, wrap_lines=True)
    st.subheader("BibTeX")
    st.code(c.bibtex(lab, data, estimate_url), language="bibtex", wrap_lines=True)

    st.header(_("Downloads"))
    c.downloads(lab, data, estimate_url, "embed")
    c.link_to("methodology", c.methodology_version_text(), icon=":material/menu_book:")
