"""Methodology & data: METHODOLOGY.md with its version and changelog, and every data table, browsable.

``?view=models.csv`` selects a table, so each table has a stable link.

In the reader's language (``lang=``): the page's own words. METHODOLOGY.md itself stays English (the page says so,
in short, with the document to download), and the data tables keep their English column names and cells: they
are the cited data.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from estimator.data import DATA_DIR
from estimator.methodology import methodology_text, methodology_version
from estimator.urlstate import MAX_VALUE_CHARS, safe_snippet
from pages import components as c
from pages.components import _

c.page_setup(_("Methodology & data"))
data = c.get_data()
ss = st.session_state
DEFAULT_VIEW = "models.csv"


@st.cache_data(show_spinner=False)
def read_table(name: str, data_hash: str) -> tuple[pd.DataFrame, bytes]:
    """A table as a DataFrame (for browsing) and its exact bytes (for download); keyed by the data hash."""
    path = DATA_DIR / name
    return pd.read_csv(path, keep_default_na=False, na_values=[""]), path.read_bytes()


@st.cache_data(show_spinner=False)
def methodology_body(version: str) -> str:
    """The document without its title and version lines (the page shows those itself)."""
    text = methodology_text()
    text = re.sub(r"\A#\s.*\n", "", text)
    return re.sub(r"^Version:.*\n", "", text, count=1, flags=re.M).strip()


tables = [f for f in data.files if (DATA_DIR / f).is_file()]


def view_from_link(raw: dict[str, list[str]], notices: list[str]) -> str:
    for k in raw:
        if k != "view":
            notices.append(_("Ignored unknown link parameter “{name}”.", name=safe_snippet(k)))
    vals = raw.get("view")
    if not vals:
        return DEFAULT_VIEW
    if len(vals) > 1:
        notices.append(_("The link repeats “view”; using its first value."))
    value = vals[0].strip()
    if len(value) > MAX_VALUE_CHARS:
        notices.append(_("Ignored “view”: the value is too long. Showing {table}.", table=DEFAULT_VIEW))
        return DEFAULT_VIEW
    for candidate in (value, value + ".csv"):
        if candidate in tables:  # only names of the data tables: never a path
            return candidate
    notices.append(_("Ignored view=“{value}”: there is no such data table. Showing {table}.",
                      value=safe_snippet(value), table=DEFAULT_VIEW))
    return DEFAULT_VIEW


def chose_table() -> None:
    ss.meth_explicit = True


raw = c.raw_query()
notices: list[str] = []
if ss.get("_meth_qs") != raw:
    ss.meth_view = view_from_link(raw, notices)
    ss.meth_explicit = "view" in raw  # a link to a table opens the data tab
if ss.get("meth_view") not in tables:
    ss.meth_view = DEFAULT_VIEW if DEFAULT_VIEW in tables else tables[0]

version = methodology_version()
st.title(_("Methodology & data"))
st.caption(_("Methodology version {version} · data tables {hash}. Every number on this site is a row of these "
             "tables with its source; every result is stamped with this version and hash.", version=version,
             hash=data.data_hash))
c.show_notices(notices)

METHOD_TAB, DATA_TAB = _("Method and changelog"), _("Data tables")
method_tab, data_tab = st.tabs([METHOD_TAB, DATA_TAB], default=DATA_TAB if ss.get("meth_explicit") else METHOD_TAB)
with method_tab:
    if c.current_lang() != "en":  # the document is English: say so, in the reader's words, with what it covers
        st.info(_("The full methodology below is in English (METHODOLOGY.md, the reference text). In short: each "
                  "estimate multiplies the electricity a task needs on the chosen hardware by the carbon intensity "
                  "of the grid where it runs; the boundary says what is counted (the GPU alone, the whole server, "
                  "the serving fleet, the datacenter with its cooling, or the whole life cycle with making the "
                  "hardware and training the model). Every input is a row of the data tables with its source and "
                  "a low–high range, so every result is a range as well as a figure. Published claims are checked "
                  "the same way, on the Claims page."), icon=":material/translate:")
        st.download_button(_("Download METHODOLOGY.md (English)"), data=methodology_text().encode("utf-8"),
                           file_name="METHODOLOGY.md", mime="text/markdown", on_click="ignore",
                           icon=":material/download:", key="meth_doc_download")
    st.markdown(methodology_body(version))

with data_tab:
    st.header(_("Data tables"))
    st.caption(_("Pick a table: the link in your address bar then points to it. Source links open the publication "
                 "each row cites."))
    if c.current_lang() != "en":
        st.caption(_("The tables keep their English column names and cell texts: they are the cited data, "
                     "exactly as the downloads and the sources give them."))
    st.selectbox(_("Table"), tables, key="meth_view", on_change=chose_table,
                 help=_("Each table of data/ with its provenance columns."))
    params = {"view": ss.meth_view} if ss.get("meth_explicit") else {}
    c.write_query(params)
    ss._meth_qs = c.as_query(params)

    df, raw_bytes = read_table(ss.meth_view, data.data_hash)
    shown = df.copy()
    config = {}
    if "source_url" in shown.columns:
        shown["source_url"] = [u if isinstance(u, str) and u.startswith("http") else None for u in shown["source_url"]]
        config["source_url"] = st.column_config.LinkColumn("source_url", help=_("The publication this row cites"))
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)
    st.caption(_("{rows} rows × {columns} columns of data/{table}. Rows whose source is “METHODOLOGY.md” are our "
                 "own documented conventions, explained in the method.", rows=c.tr().count(len(df)),
                 columns=c.tr().count(len(df.columns)), table=ss.meth_view))
    st.download_button(_("Download {table}", table=ss.meth_view), data=raw_bytes, file_name=ss.meth_view,
                       mime="text/csv", on_click="ignore", icon=":material/download:", key="meth_download")
    st.caption(_("Stable link to this table:"))
    st.code(c.view_url(c.app_base("methodology"), "methodology", {"view": ss.meth_view}), language=None,
            wrap_lines=True)
