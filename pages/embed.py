"""Embed: a compact label card for journalists, with copy-paste iframe, link, citation and BibTeX.

Takes the same scenario parameters as the Estimate page. With ``embed=true`` in the URL
(Streamlit's embed mode, which hides the app's chrome) only the compact card is shown.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from estimator import label
from estimator.urlstate import parse_params, to_params
from pages import components as c

c.page_setup("Embed")
data = c.get_data()

raw = c.raw_query()
parsed = parse_params(raw, data)
model_choice = c.explicit_model(c.first(raw, "model"), parsed.scenario.task, data)
lab = label(parsed.scenario, data)  # parse_params only returns scenarios that resolve
params = to_params(parsed.scenario, data)
if model_choice is None:
    params["model"] = c.TYPICAL_MODEL_PARAM
c.write_query(params)

base = c.app_base("embed")
estimate_url = c.view_url(base, "estimate", params)
embed_src = c.view_url(base, "embed", params) + "&embed=true"
alt_text = c.card_alt_text(lab, data)

if c.is_embedded():
    c.show_notices(parsed.notices)
    c.compact_card(lab, data, brand=True)
    st.caption(c.md(c.citation(lab, estimate_url)))
else:
    st.title("Embed this label")
    st.caption("For articles and slides: a compact label card, with the code and citation to go with it. "
               "The numbers follow the link's parameters, the same as the Estimate page.")
    c.show_notices(parsed.notices)
    c.link_to("estimate", "Change the scenario on the Estimate page", params, icon=":material/tune:")

    st.header("Preview")
    # The SVG of the card (2 ms) as the preview; the PNG (~100 ms to draw) is drawn only when downloaded.
    day = dt.datetime.now(dt.timezone.utc).date()
    st.image(c.card_svg(lab, estimate_url, day), alt=alt_text, width="stretch",
             caption="Label card, for articles, slides and social media: download it below as a 1200×630 PNG or an SVG.")
    st.caption("Text alternative: " + c.md(alt_text))
    st.subheader("What the iframe shows")
    left, _ = st.columns([2, 1])
    with left:
        c.compact_card(lab, data, brand=True)

    st.header("Copy and paste")
    st.subheader("Embed code (iframe)")
    st.code(c.iframe_snippet(embed_src, f"AI Flight Label: {c.scenario_words(lab.estimate, data)}"), language="html",
            wrap_lines=True)
    st.subheader("Stable link")
    st.code(estimate_url, language=None, wrap_lines=True)
    st.subheader("Citation")
    st.code(c.citation(lab, estimate_url), language=None, wrap_lines=True)
    st.subheader("BibTeX")
    st.code(c.bibtex(lab, data, estimate_url), language="bibtex", wrap_lines=True)

    st.header("Downloads")
    c.downloads(lab, data, estimate_url, "embed")
    c.link_to("methodology", c.methodology_version_text(), icon=":material/menu_book:")
