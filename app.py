"""AI Flight Label — the Streamlit app (``streamlit run app.py``).

Thin on purpose: page set-up and navigation here; each page lives in ``pages/`` and makes one
library call per option (``estimator``), then renders. The ``url_path`` of every page is part
of the public URL interface (journalists link to them): do not rename them.
"""

import streamlit as st

from pages import components as c
from pages.components import _

c.start_run()  # the reader's language for this whole run: the link's lang=, the menu, the browser, else English
st.set_page_config(page_title="AI Flight Label", page_icon="✈️", layout="wide")

# Titles are in the reader's language (lang=, the selector, the browser); url paths never change.
PAGES = [
    st.Page("pages/estimate.py", title=_("Estimate"), icon=":material/eco:", url_path="", default=True),
    st.Page("pages/compare.py", title=_("Compare"), icon=":material/compare_arrows:", url_path="compare"),
    st.Page("pages/methodology.py", title=_("Methodology & data"), icon=":material/menu_book:", url_path="methodology"),
    st.Page("pages/embed.py", title=_("Embed"), icon=":material/code:", url_path="embed"),
    st.Page("pages/ranking.py", title=_("Ranking"), icon=":material/format_list_numbered:", url_path="ranking"),
    st.Page("pages/year.py", title=_("My AI year"), icon=":material/calendar_month:", url_path="year"),
    st.Page("pages/claims.py", title=_("Claims check"), icon=":material/fact_check:", url_path="claims"),
    st.Page("pages/simulate.py", title=_("Switching"), icon=":material/swap_horiz:", url_path="simulate"),
]


def requested_page_name() -> str | None:
    """The page path the browser asked for ("admin" for /admin), or None (Streamlit internals: None if they change)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        name = get_script_run_ctx().pages_manager.intended_page_name
    except Exception:
        return None
    return name or None


# Embedded (?embed=true, e.g. in a news article's iframe): no navigation, only the page's card.
requested = requested_page_name()
page = st.navigation(PAGES, position="hidden" if st.context.is_embedded else "top")
if requested is not None and requested.strip("/") not in {p.url_path for p in PAGES}:
    # st.navigation falls back to the default page without a word: say so, and where the pages are.
    from pages.components import unknown_page_notice

    unknown_page_notice(requested)
c.language_notice()
st.session_state[c.PRESENTING] = False  # a page in presentation mode sets it (components.presentation_mode)
try:
    page.run()
finally:
    # The language menu closes every page (not an embedded card): the link's lang= and the browser's language
    # come first, so most readers never need it. A page that stops early (st.stop) still shows it.
    if not st.context.is_embedded and not st.session_state.get(c.PRESENTING):
        c.language_footer()
