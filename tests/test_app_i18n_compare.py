"""The Compare page in French, Simplified and Traditional Chinese (issue 12): no word the page writes itself is
left in English, its numbers are the locale's, and English stays as it was.

FILTER (drop after the i18n branches are merged): the shared blocks this page calls (pages/components.py: the
option's scenario words, label and percentage words, count words, the chart's caption and tooltips, the citation,
model and region menus, presentation toggle, methodology link) and the data tables' names (task names, units,
equivalents, presets: catalogue entries with context "<table>.<column>") are translated on other branches. So
``own_english_left`` keeps only the texts ``english_left`` reports that contain an English literal from this page's
own source (pages/compare.py, estimator/compare.py) — the words this branch is answerable for — and, for Chinese,
counts words of data rows still untranslated in the catalogue as names. After the merge, replace it by
``english_left`` itself (and the data allowance empties by itself as the data rows get their translations).
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache

import pytest

import app_helpers
from app_helpers import ROOT, english_left, open_page, readable, texts, warnings

LANGS = ("fr", "zh-Hans", "zh-Hant")
OWN_SOURCES = ("pages/compare.py", "estimator/compare.py")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]{2,}")
_FIELD = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")

# French words spelled exactly as in English (the page says "Option A" in both languages): not English left over.
SAME_IN_FRENCH = {"Option A", "Option B", "Option C", "Option D"}


@lru_cache(maxsize=None)
def own_fragments(sources: tuple[str, ...]) -> tuple[str, ...]:
    """Every piece of literal text in these source files (f-strings' literal parts and messages split at their
    {fields}) that holds an English word: what the files could put on a page themselves."""
    out: set[str] = set()
    for rel in sources:
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for piece in _FIELD.split(node.value):
                    piece = piece.strip()
                    words = [w for w in _WORD.findall(piece) if w not in app_helpers.KEEP_WORDS]
                    identifier = " " not in piece and not piece[:1].isupper() or piece.isupper()  # "chat", "WORLD"
                    if words and not identifier and "\n" not in piece and len(piece) <= 300:
                        out.add(piece)
    return tuple(sorted(out))


def _holds(text: str, fragment: str) -> bool:
    """The fragment in the text as whole words ("Model" is not in "model", "mode" not in "Presentation mode"); a
    one-word fragment ("Task", "Higher") only as the whole text: alone it is a widget's label, inside a sentence it
    is more likely a shared block's word."""
    if " " not in fragment:
        return text.strip(" *") == fragment
    left = r"\b" if fragment[:1].isalnum() else ""
    right = r"\b" if fragment[-1:].isalnum() else ""
    return re.search(left + re.escape(fragment) + right, text) is not None


@lru_cache(maxsize=None)
def untranslated_data_words(lang: str) -> frozenset[str]:
    """Latin words of data rows (task names, units, equivalents …) that have no translation in this language yet."""
    from estimator.i18n import load_catalogue
    from estimator.i18n.catalog import data_messages

    have = load_catalogue(lang).messages
    words: set[str] = set()
    for w in data_messages():
        if (w.context, w.msgid) not in have:
            words.update(app_helpers._LATIN_WORD.findall(w.msgid))
    return frozenset(words)


def own_english_left(english, translated, lang: str, sources: tuple[str, ...] = OWN_SOURCES) -> list[str]:
    """english_left, restricted to texts holding this page's own English (see FILTER above)."""
    if app_helpers._KEEP is None:
        app_helpers._KEEP = app_helpers._keep_words()
    keep = app_helpers._KEEP
    app_helpers._KEEP = keep | untranslated_data_words(lang)
    try:
        left = english_left(english, translated, lang)
    finally:
        app_helpers._KEEP = keep
    fragments = own_fragments(sources)
    ours = [text for text in left if any(_holds(text, f) for f in fragments)]
    return [text for text in ours if not (lang == "fr" and text in SAME_IN_FRENCH)]


LINKS = {
    "default": {},
    "three tasks": {"a": "image:sdxl:PL", "b": "image:sdxl:FR", "c": "video::WORLD", "eq": "car_km"},
    "serving and precision": {"a": "chat:llama-3.1-8b:WORLD:1::self-hosted:fp8", "b": "chat:llama-3.1-8b:WORLD"},
    "summaries, life cycle": {"a": "summarize:bart-large-cnn:WORLD", "b": "summarize:gpt-4o:DE:3",
                              "boundary": "lifecycle"},
    "different tasks": {"a": "image::WORLD", "b": "chat::WORLD"},
    "notices": {"a": "chat:gpt-4o:WORLD", "zz": "1", "eq": "unicorns"},
    "presentation": {"a": "chat:gpt-4o:WORLD", "b": "chat:llama-3.1-8b:WORLD", "c": "image:sdxl:FR", "present": "1"},
}


@pytest.fixture(scope="module")
def english_pages():
    return {name: open_page("compare", params) for name, params in LINKS.items()}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("link", list(LINKS))
def test_the_compare_page_writes_no_english_of_its_own(english_pages, link, lang):
    translated = open_page("compare", LINKS[link] | {"lang": lang})
    assert not translated.exception
    assert own_english_left(english_pages[link], translated, lang) == []


def test_the_filter_catches_english_the_page_wrote_itself(english_pages):
    """The test above can fail: the English page itself, read as French, is all English left over."""
    left = own_english_left(english_pages["default"], english_pages["default"], "fr")
    assert "What to compare" in left and any("Classic comparisons" in t for t in left)


def test_the_ratio_is_said_the_way_each_language_says_it():
    params = {"a": "chat:gpt-4o:WORLD", "b": "chat:llama-3.1-8b:WORLD"}
    english = " ".join(texts(open_page("compare", params)))
    ratio = re.search(r"\*\*A is ([0-9.,]+)× B\*\*", english)
    assert ratio, english[:400]
    fr = " ".join(texts(open_page("compare", params | {"lang": "fr"})))
    assert f"**A émet {ratio.group(1).replace('.', ',')} fois plus que B**" in fr
    hans = " ".join(texts(open_page("compare", params | {"lang": "zh-Hans"})))
    assert f"**A 是 B 的 {ratio.group(1)} 倍**" in hans
    hant = " ".join(texts(open_page("compare", params | {"lang": "zh-Hant"})))
    assert f"**A 是 B 的 {ratio.group(1)} 倍**" in hant


def test_french_cards_write_decimal_commas_and_the_shared_equivalent_in_french():
    at = open_page("compare", {"a": "image:sdxl:PL", "b": "image:sdxl:FR", "lang": "fr"})
    cards = [t for t in texts(at) if t.startswith("fourchette probable ")]
    assert len(cards) == 2
    assert all(re.search(r"\d,\d", t) and not re.search(r"\d\.\d", t) for t in cards), cards
    assert at.selectbox(key="cmp_eq").label == "Équivalent du quotidien sur chaque carte"


def test_the_pages_own_notices_are_in_the_readers_language():
    at = open_page("compare", {"a": "chat:gpt-4o:WORLD", "zz": "1", "eq": "unicorns", "lang": "zh-Hant"})
    notes = warnings(at)
    assert any(n.startswith("已忽略未知的連結參數") for n in notes), notes
    assert any("unicorns" in n and "日常等價物" in n for n in notes), notes
    assert any(n.startswith("比較至少需要兩個選項") for n in notes), notes


def test_the_iframe_title_and_downloads_are_translated_and_the_files_keep_their_names():
    at = open_page("compare", {"lang": "fr"})
    code = " ".join(c.value for c in at.code)
    assert 'title="Comparaison AI Flight Label' in code
    labels = [d.label for d in at.get("download_button")]
    assert "Carte de la comparaison (PNG)" in labels and "Comparaison (JSON)" in labels
    assert "lang=fr" in code  # the embedded comparison opens in the reader's language


def test_english_is_unchanged():
    at = open_page("compare", {"a": "chat:gpt-4o:WORLD", "b": "chat:llama-3.1-8b:WORLD"})
    words = readable(at)
    for expected in ("What to compare", "Side by side", "Cite and download", "Everyday equivalent on every card",
                     "Comparison card (PNG)", "Embed this comparison"):
        assert expected in words
    assert any(re.fullmatch(r"\*\*A is [0-9.]+× B\*\*", line) for t in texts(at) for line in t.split("  \n"))
