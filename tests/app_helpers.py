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


# ---------------------------------------------------------------- language checks (issue 12)

# Latin-script words a page in any language may keep: units, abbreviations, file formats and the app's name.
# Names of models, products, hardware, grids' operators, publishers and the titles of cited sources are added
# from data/ (they stay as published).
KEEP_WORDS = {"AI", "Flight", "Label", "CO2e", "CO₂e", "Wh", "kWh", "MWh", "GWh", "TWh", "g", "kg", "t", "GPU",
              "GPUs", "CPU", "PUE", "LLM", "API", "JSON", "CSV", "PNG", "SVG", "URL", "HTML", "BibTeX", "iframe",
              "BF16", "FP8", "FP16", "INT4", "INT8", "MXFP4", "MoE", "KV", "H100", "A100", "SDXL", "WUE", "CFE",
              "UTC", "ISO", "HGX", "DGX", "TPU", "MIG", "GPTQ", "AWQ", "English", "Français", "ID", "id", "lang", "en", "fr", "zh", "Hans", "Hant", "v",
              "present", "embed", "true", "theme", "light", "dark", "eq", "task", "model", "region", "n",
              "gpu", "server", "fleet", "datacenter", "lifecycle"}  # boundary ids a notice lists
DATA_NAME_COLUMNS = ("name", "model_name", "label", "source_title", "source_publisher", "source_url", "publisher",
                     "title", "url", "provider", "operator", "family", "aliases", "said_by", "zone_id", "model_id",
                     "said_where",  # where a claim was said: a publication's own title
                     "task_id", "preset_id")  # ids a notice suggests ("did you mean chat?")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]+")


def _keep_words() -> set[str]:
    import csv

    words = set(KEEP_WORDS)
    for path in sorted((ROOT / "data").glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for col in DATA_NAME_COLUMNS:
                    if row.get("model_id", "").startswith("closed-"):
                        # a generic stand-in for closed models is words, translated (catalog.ROW_FILTERS); only the
                        # products it names ("e.g. Sora, Veo") and its aliases are names
                        named = re.search(r"e\.g\. ([^;)]*)", row.get("name", ""))
                        words.update(_LATIN_WORD.findall((named.group(1) if named else "") + " " + row.get("aliases", "")))
                        continue
                    if col in row and row[col] and (col != "label" or path.stem in ("products", "hardware")):
                        # our own suffix on closed models' names is words for the reader, not part of the name
                        words.update(_LATIN_WORD.findall(row[col].replace(" (size estimated)", "")))
    return words


_KEEP: set[str] | None = None


_METHODOLOGY: str | None = None


def _in_methodology(text: str) -> bool:
    """A text quoted from METHODOLOGY.md (the document and its changelog lines stay English, as the page says)."""
    global _METHODOLOGY
    if _METHODOLOGY is None:
        _METHODOLOGY = " ".join((ROOT / "METHODOLOGY.md").read_text(encoding="utf-8").split())
    probe = " ".join(re.sub(r"\\(.)", r"\1", text).split())[:40]
    return len(probe) >= 25 and probe in _METHODOLOGY


def _same_in(lang: str) -> set[str]:
    """Words a translator kept as in English on purpose (a catalogue entry whose translation equals its English:
    "Alabama", "Texas", "image"): not English left over."""
    from estimator.i18n import translator

    if lang == "en":
        return set()
    out: set[str] = set()
    for (_ctx, msgid), text in translator(lang)._cat.messages.items():
        if isinstance(text, str) and text == msgid:
            out.update(_LATIN_WORD.findall(msgid))
    return out


def readable(at: AppTest) -> list[str]:
    """texts() plus the words on widgets: labels, options shown, buttons, tabs and expanders."""
    out = texts(at)
    for kind in ("selectbox", "radio", "multiselect", "select_slider"):
        for w in at.get(kind):
            out.append(str(w.label))
            out.extend(str(o) for o in (getattr(w, "options", None) or []))
    for kind in ("button", "download_button", "checkbox", "toggle", "number_input", "text_input", "slider",
                 "tabs", "tab", "expander"):
        for w in at.get(kind):
            out.append(str(getattr(w, "label", "") or ""))
    return [t for t in out if t and t.strip()]


def english_left(english: AppTest, translated: AppTest, lang: str) -> list[str]:
    """Texts on the translated page that are still English: any text shown identically in English (beyond names
    and numbers), and for Chinese any Latin-script word that is not a name or a unit."""
    global _KEEP
    if _KEEP is None:
        _KEEP = _keep_words()

    def words(text: str) -> list[str]:
        if text.lstrip().startswith(("<iframe", "@misc{")) or _in_methodology(text):
            return []  # code to paste (an iframe, BibTeX) and METHODOLOGY.md itself, which stays English
        # a changelog line quoted from METHODOLOGY.md ("- 2026.2: what …") inside a translated block
        text = "\n".join(line for line in text.splitlines()
                          if not _in_methodology(re.sub(r"^[-*\s]*\d{4}\.\d+:\s*", "", line)))
        text = re.sub(r":material/[a-z_]+:|:[a-z]+-badge\[|`[^`]*`", " ", text)  # icons, badges, code spans
        text = re.sub(r"https?://\S+|\b[\w.-]+\.(?:csv|json|png|svg|md|py)\b", " ", text)
        # link syntax a notice quotes back: a parameter's name, and values as typed ("task=“chta”", «chta»)
        text = re.sub(r"\b\w+=|“[^”]*”|「[^」]*」|«[^»]*»", " ", text)
        return [w for w in _LATIN_WORD.findall(text) if w not in keep and w.strip("'’-") not in keep]

    keep = _KEEP | _same_in(lang)
    seen_in_english = set(readable(english))
    left = []
    for text in dict.fromkeys(readable(translated)):
        if text in seen_in_english and len(words(text)) >= 1:
            left.append(text)
        elif lang.startswith("zh") and len(words(text)) >= 2:
            left.append(text)
    return left
