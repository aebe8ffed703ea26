"""The Embed page and the embedded card (?embed=true) in French, Simplified and Traditional Chinese (issue 12):
no English left beside names and units, numbers written the reader's way, the snippet's title in the language."""

from __future__ import annotations

import re

import pytest

from app_helpers import english_left, open_page, readable

LANGS = ("fr", "zh-Hans", "zh-Hant")
LINKS = [
    {},
    {"task": "image", "model": "sdxl", "region": "FR", "boundary": "lifecycle"},
    {"task": "video", "n": "3", "region": "DE"},
    {"task": "summarize", "region": "US-CA", "theme": "dark"},
    {"task": "chat", "model": "gpt-5", "n": "1204", "region": "JP"},
]
# Proper names every page shows in their own spelling: the language menu names each language in itself.
ALLOWED = {"English", "Français"}
# A URL as the page shows it: markdown-safe text breaks "://" and ":word:" with a zero-width space.
URL = re.compile(r"https?:\u200b?//\S+")
# The prose inside the embed code and the BibTeX entry: the iframe's title, the entry's title and note.
CODE_PROSE = re.compile(r'title="([^"]*)"|title = \{\{(.*)\}\},|note = \{(.*)\},')


def _left(english, translated, lang: str) -> list[str]:
    """english_left, less the language names and the words inside links (a link's parameters are not prose)."""
    out = []
    for text in english_left(english, translated, lang):
        if text in ALLOWED:
            continue
        if text.startswith("<iframe") or text.startswith("@misc{"):  # code: only its title and note are prose
            prose = " ".join("".join(m) for m in CODE_PROSE.findall(text))
            if len(_words(prose)) < (2 if lang.startswith("zh") else 1):
                continue
        if URL.search(text) and len(_words(URL.sub(" ", text))) < (2 if lang.startswith("zh") else 1):
            continue
        out.append(text)
    return out


def _words(text: str) -> list[str]:
    from app_helpers import _keep_words

    keep = _keep_words()
    return [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]+", text) if w not in keep and w.strip("'’-") not in keep]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("link", LINKS, ids=lambda link: ",".join(f"{k}={v}" for k, v in link.items()) or "default")
def test_the_embed_page_has_no_english_left(lang, link):
    english = open_page("embed", link)
    translated = open_page("embed", {**link, "lang": lang})
    assert not translated.exception
    assert _left(english, translated, lang) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("link", LINKS[:3], ids=["default", "image-lifecycle", "video"])
def test_the_embedded_card_has_no_english_left(lang, link):
    english = open_page("embed", link, embedded=True)
    translated = open_page("embed", {**link, "lang": lang}, embedded=True)
    assert not translated.exception
    assert _left(english, translated, lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_bad_theme_is_one_notice_in_the_readers_language(lang):
    english = open_page("embed", {"theme": "purple"})
    translated = open_page("embed", {"theme": "purple", "lang": lang})
    notes = [w.value for w in translated.warning if "theme=" in w.value]
    assert len(notes) == 1 and "purple" in notes[0]
    assert notes[0] not in [w.value for w in english.warning]
    assert _left(english, translated, lang) == []


def test_the_french_card_writes_french_numbers_and_the_snippet_title_is_french():
    at = open_page("embed", {"task": "chat", "model": "gpt-5", "n": "1204", "lang": "fr"})
    texts = readable(at)
    footprint = next(m.value for m in at.metric if m.label == "Empreinte carbone")
    assert re.match(r"^[0-9][0-9\u202f\u00a0]*(,[0-9]+)?\u00a0(g|kg|t) CO₂e$", footprint), footprint
    snippet = next(t for t in texts if t.startswith("<iframe"))
    title = re.search(r'title="([^"]*)"', snippet).group(1)
    # a count is an input: written exactly, with the French thousands separator
    assert title.startswith("AI Flight Label\u202f: 1\u202f204 ") and " avec GPT-5 (taille estimée)" in title, title
    assert any(t.startswith("Estimation\u202f: AI Flight Label") or "en français" in t for t in texts)


def test_the_english_embed_page_is_unchanged_in_its_words():
    at = open_page("embed", {"task": "chat", "model": "gpt-5", "n": "1204"})
    texts = readable(at)
    assert "Embed this label" in texts
    snippet = next(t for t in texts if t.startswith("<iframe"))
    assert 'title="AI Flight Label: 1,204 queries with GPT-5 (size estimated), World average (WORLD) grid' in snippet
    assert next(m.value for m in at.metric if m.label == "Carbon footprint").endswith(" CO₂e")
