"""Helpers for the app tests: open a page with URL parameters, read numbers and text off the page."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `from pages import components` as the app itself does
    sys.path.insert(0, str(ROOT))

APP = str(ROOT / "app.py")
PAGE_FILES = {"estimate": "pages/estimate.py", "compare": "pages/compare.py",
              "methodology": "pages/methodology.py", "embed": "pages/embed.py",
              "ranking": "pages/ranking.py", "year": "pages/year.py",
              "claims": "pages/claims.py", "simulate": "pages/simulate.py"}
UNITS = {"g": 1.0, "kg": 1e3, "t": 1e6, "Wh": 1.0, "kWh": 1e3, "MWh": 1e6}


def open_page(page: str = "estimate", params: dict | None = None, embedded: bool = False) -> AppTest:
    """Run one page of the app (through app.py and st.navigation) with these URL parameters."""
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    if embedded:
        at.context["is_embedded"] = True
    if page != "estimate":  # url paths equal file names, so this works before the first run
        at.switch_page(PAGE_FILES[page])
    return at.run()


def amount(text: str) -> float:
    """'1,200 g CO₂e' → 1200.0; '2.1 kg CO₂e' → 2100.0; '0.40 Wh' → 0.4 (in g or Wh)."""
    m = re.match(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(MWh|kWh|Wh|kg|g|t)\b", text)
    assert m, f"no amount in {text!r}"
    return float(m.group(1).replace(",", "")) * UNITS[m.group(2)]


def metric(at: AppTest, label_start: str) -> str:
    for m in at.metric:
        if m.label.startswith(label_start):
            return m.value
    raise AssertionError(f"no metric starting {label_start!r}; have {[m.label for m in at.metric]}")


def grams(at: AppTest) -> float:
    """The headline number on the page, in grams CO2e, read from its st.metric."""
    return amount(metric(at, "Carbon footprint"))


def texts(at: AppTest) -> list[str]:
    """Every piece of rendered text a visitor could read (markdown, notices, headings, metrics, code)."""
    out: list[str] = []
    for kind in ("markdown", "caption", "warning", "info", "error", "success", "title", "header", "subheader",
                 "code", "latex", "text"):
        out.extend(str(getattr(el, "value", "")) for el in at.get(kind))
    for m in at.metric:
        out.extend([str(m.label), str(m.value), str(m.delta or "")])
    out.extend(str(getattr(e, "message", "")) for e in at.exception)
    return out


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def button(at: AppTest, label: str):
    for b in at.button:
        if b.label == label:
            return b
    raise AssertionError(f"no button {label!r}; have {[b.label for b in at.button]}")


def downloads(at: AppTest) -> dict[str, str]:
    """Download buttons by label → their file URL (its extension comes from the mime type)."""
    return {d.label: d.proto.url for d in at.get("download_button")}
