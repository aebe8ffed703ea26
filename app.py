"""AI Flight Label — the Streamlit app (``streamlit run app.py``).

Thin on purpose: page set-up and navigation here; each page lives in ``pages/`` and makes one
library call per option (``estimator``), then renders. The ``url_path`` of every page is part
of the public URL interface (journalists link to them): do not rename them.
"""

import streamlit as st

st.set_page_config(page_title="AI Flight Label", page_icon="✈️", layout="wide")

PAGES = [
    st.Page("pages/estimate.py", title="Estimate", icon=":material/eco:", url_path="", default=True),
    st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"),
    st.Page("pages/methodology.py", title="Methodology & data", icon=":material/menu_book:", url_path="methodology"),
    st.Page("pages/embed.py", title="Embed", icon=":material/code:", url_path="embed"),
]

# Embedded (?embed=true, e.g. in a news article's iframe): no navigation, only the page's card.
st.navigation(PAGES, position="hidden" if st.context.is_embedded else "top").run()
