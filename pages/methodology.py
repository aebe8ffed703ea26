"""Methodology & data: METHODOLOGY.md with its version and changelog, and every data table, browsable.

``?view=models.csv`` selects a table, so each table has a stable link.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from estimator.data import DATA_DIR
from estimator.methodology import methodology_text, methodology_version
from estimator.urlstate import MAX_VALUE_CHARS, safe_snippet
from pages import components as c

c.page_setup("Methodology & data")
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
            notices.append(f"Ignored unknown link parameter “{safe_snippet(k)}”.")
    vals = raw.get("view")
    if not vals:
        return DEFAULT_VIEW
    if len(vals) > 1:
        notices.append("The link repeats “view”; using its first value.")
    value = vals[0].strip()
    if len(value) > MAX_VALUE_CHARS:
        notices.append("Ignored “view”: the value is too long. Showing models.csv.")
        return DEFAULT_VIEW
    for candidate in (value, value + ".csv"):
        if candidate in tables:  # only names of the data tables: never a path
            return candidate
    notices.append(f"Ignored view=“{safe_snippet(value)}”: there is no such data table. Showing {DEFAULT_VIEW}.")
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
st.title("Methodology & data")
st.caption(f"Methodology version {version} · data tables {data.data_hash}. Every number on this site is a row "
           "of these tables with its source; every result is stamped with this version and hash.")
c.show_notices(notices)

method_tab, data_tab = st.tabs(["Method and changelog", "Data tables"],
                               default="Data tables" if ss.get("meth_explicit") else "Method and changelog")
with method_tab:
    st.markdown(methodology_body(version))

with data_tab:
    st.header("Data tables")
    st.caption("Pick a table: the link in your address bar then points to it. Source links open the publication "
               "each row cites.")
    st.selectbox("Table", tables, key="meth_view", on_change=chose_table,
                 help="Each table of data/ with its provenance columns.")
    params = {"view": ss.meth_view} if ss.get("meth_explicit") else {}
    c.write_query(params)
    ss._meth_qs = c.as_query(params)

    df, raw_bytes = read_table(ss.meth_view, data.data_hash)
    shown = df.copy()
    config = {}
    if "source_url" in shown.columns:
        shown["source_url"] = [u if isinstance(u, str) and u.startswith("http") else None for u in shown["source_url"]]
        config["source_url"] = st.column_config.LinkColumn("source_url", help="The publication this row cites")
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)
    st.caption(f"{len(df):,} rows × {len(df.columns)} columns of data/{ss.meth_view}. Rows whose source is "
               "“METHODOLOGY.md” are our own documented conventions, explained in the method.")
    st.download_button(f"Download {ss.meth_view}", data=raw_bytes, file_name=ss.meth_view, mime="text/csv",
                       on_click="ignore", icon=":material/download:", key="meth_download")
    st.caption("Stable link to this table:")
    st.code(c.view_url(c.app_base("methodology"), "methodology", {"view": ss.meth_view}), language=None,
            wrap_lines=True)
