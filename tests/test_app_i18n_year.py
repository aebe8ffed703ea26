"""My AI year in French, Simplified and Traditional Chinese (issue 12): no English left on the page beyond names,
counts and months written the reader's way, English unchanged (tests/test_app_year.py).

What a translated page may still show in English without being this page's fault is found from the data, not
listed by hand:
- proper names that read the same in the language: a country whose CLDR name is spelled as in English
  ("Portugal (PT)" in French), and each language's own name in the language menu ("English");
- data rows other pages' translators fill (data/*.csv columns of estimator.i18n.catalog.TRANSLATED_COLUMNS) whose
  catalogue entry is still empty: once filled, the text is no longer excused and these tests get strict.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import pytest
from babel.messages.pofile import read_po

from estimator.data import load_data
from estimator.i18n import LANG_NAMES, LOCALE_IDS, Translator, catalogue_path
from estimator.i18n.catalog import TRANSLATED_COLUMNS
from tests.app_helpers import english_left, open_page, readable
from tests.test_exports import as_json, chatgpt, message, tree

LANGS = ("fr", "zh-Hans", "zh-Hant")
MIN_NAME_CHARS = 4  # a shorter data text ("kg") could match inside any sentence


@lru_cache(maxsize=None)
def pending_data(lang: str) -> frozenset[str]:
    """English data texts whose translation into ``lang`` is still empty."""
    tables = set(TRANSLATED_COLUMNS)
    with catalogue_path(lang).open("rb") as fh:
        cat = read_po(fh, locale=LOCALE_IDS[lang])
    out = set()
    for m in cat:
        if not m.id or not m.context or m.context.split(".")[0] not in tables:
            continue
        ids = m.id if isinstance(m.id, (tuple, list)) else (m.id,)
        strings = m.string if isinstance(m.string, (tuple, list)) else (m.string,)
        if not all(strings):
            out.update(i for i in ids if len(i) >= MIN_NAME_CHARS)
    return frozenset(out)


@lru_cache(maxsize=None)
def same_names(lang: str) -> frozenset[str]:
    """Names spelled as in English: countries by CLDR and the language menu's own names."""
    t = Translator(lang)
    names = set(LANG_NAMES.values())  # the language menu names each language in itself
    for z in load_data().zones.values():
        if z.kind == "country" and getattr(z, "country_iso2", "") and t.territory(z.country_iso2) == z.name:
            names.add(f"{z.name} ({z.zone_id})")
            names.add(z.name)
    return frozenset(names)


def excused(text: str, lang: str) -> bool:
    """True when the text is a same-spelled name, or holds a data text not yet translated by its owner."""
    if text in same_names(lang):
        return True
    low = text.lower()  # a label inside a sentence starts in lower case ("the most efficient … model")
    return any(name.lower() in low for name in pending_data(lang))


# A notice quotes the link it ignores ("boundary=“gpu”") and names the values a link accepts: link syntax, typed
# as is in any language, not English prose.
LINK_SYNTAX = {"day", "week", "month", "datacenter", "lifecycle", "boundary", "preset", "region", "threshold", "pct",
               "live", "large", "small", "rate", "hours", "season", "back", "in", "out", "range", "winter", "spring",
               "summer", "autumn"}


def only_link_syntax(text: str, lang: str, link: dict) -> bool:
    """True when the text's Latin words beyond names and units are the link's own keys and values, or link syntax."""
    from tests.app_helpers import _LATIN_WORD, _keep_words

    echoed = {w for kv in link.items() for part in kv for w in _LATIN_WORD.findall(str(part))}
    keep = _keep_words() | LINK_SYNTAX | echoed
    words = [w for w in _LATIN_WORD.findall(text) if w not in keep and w.strip("'’-") not in keep]
    return len(words) < (2 if lang.startswith("zh") else 1)


def strict_left(left: list[str], lang: str, link: dict | None = None) -> list[str]:
    """english_left(...) without the excused texts (and, for a link's notices, its own words)."""
    return [text for text in left if not excused(text, lang)
            and not (link is not None and only_link_syntax(text, lang, link))]


def epoch(day: dt.date) -> float:
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone.utc).timestamp()


# ------------------------------------------------------------------ the page in each language

YEAR_LINKS = {
    "default": {},
    "preset": {"preset": "heavy-image-maker"},
    "lifecycle": {"preset": "daily-user", "boundary": "lifecycle", "region": "FR"},
    "several-lines": {"chat": "20/day", "long": "2/day", "summary": "3/week", "image": "4/week", "video": "30/month",
                      "chat_model": "claude", "region": "DE"},
    "export-lines": {"chat": "31.5/month", "chat_in": "900", "chat_out": "350", "chat_in_range": "700:1100",
                     "chat2": "4/month", "chat2_model": "llama-3.1-8b"},
    "bad-values": {"chat": "2,5/day", "boundary": "gpu", "chat_in": "12", "image": "3/year"},
}


@lru_cache(maxsize=None)
def english(name: str):
    return open_page("year", YEAR_LINKS[name])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(YEAR_LINKS))
def test_no_english_is_left_on_the_year_page(name, lang):
    at = open_page("year", YEAR_LINKS[name] | {"lang": lang})
    assert not at.exception, [e.message for e in at.exception]
    assert strict_left(english_left(english(name), at, lang), lang, YEAR_LINKS[name]) == []


def test_the_bad_link_values_get_their_notices_in_the_readers_language():
    at = open_page("year", YEAR_LINKS["bad-values"] | {"lang": "fr"})
    notices = [w.value for w in at.warning]
    assert len(notices) == len([w.value for w in english("bad-values").warning]) >= 3
    assert all("ignoré" in n for n in notices), notices


@pytest.mark.parametrize("lang,words", [("fr", "Votre année"), ("zh-Hans", "你的一年"), ("zh-Hant", "你的一年")])
def test_the_totals_are_headed_and_written_the_readers_way(lang, words):
    at = open_page("year", {"preset": "daily-user", "lang": lang})
    assert words in [h.value for h in at.header]
    year = next(m for m in at.metric if m.label == Translator(lang)._("A year"))
    if lang == "fr":  # a decimal comma, never a dot, in French figures
        assert "." not in year.value and re.match(r"^[0-9]", year.value)


# ------------------------------------------------------------------ an uploaded export, read in French and Chinese

N_CONVERSATIONS = 1204


def big_export() -> bytes:
    """1,204 conversations of one question and one answer: 1,000 in November 2026, 204 in January 2027."""
    convs = []
    for i in range(N_CONVERSATIONS):
        when = epoch(dt.date(2026, 11, 1 + i % 28) if i < 1000 else dt.date(2027, 1, 1 + i % 28))
        convs.append(chatgpt(f"c{i}", tree(("root", None, None),
                                           ("u", "root", message("user", "A question?", when + 1)),
                                           ("a", "u", message("assistant", "An answer.", when + 5, "gpt-4o"))),
                             t=when))
    return as_json(convs)


def upload(lang: str, content: bytes):
    at = open_page("year", {"lang": lang})
    at.radio(key="yr_source").set_value("export").run()
    return at.file_uploader(key="yr_upload").set_value(("conversations.json", content, "application/json")).run()


@lru_cache(maxsize=None)
def uploaded(lang: str):
    return upload(lang, big_export())


def what_was_read(at) -> str:
    return next(m.value for m in at.markdown if "conversations.json" not in m.value and "1" in m.value
                and ("**" in m.value) and ("204" in m.value))


def test_a_french_reader_sees_the_exports_counts_written_the_french_way():
    at = uploaded("fr")
    assert not at.exception and not at.error
    read = what_was_read(at)
    assert read.startswith("**Ce qui a été lu\u202f:**")
    # 1 204 with the narrow no-break space French writes between thousands, and the French plural
    assert re.search(r"1\u202f204 conversations, 1\u202f204 messages, 1\u202f204 réponses", read), read
    assert "1,204" not in read and "2026-11" not in read
    assert "nov. 2026 → janv. 2027" in read


@pytest.mark.parametrize("lang,first,last", [("zh-Hans", "2026年11月", "2027年1月"), ("zh-Hant", "2026年11月", "2027年1月")])
def test_the_months_of_an_export_are_named_the_chinese_way(lang, first, last):
    at = uploaded(lang)
    assert not at.exception and not at.error
    months = next(t for t in at.table if Translator(lang)._p("year", "Month") in t.value.columns)
    assert list(months.value[Translator(lang)._p("year", "Month")]) == [first, "2026年12月", last]
    assert f"{first} → {last}" in what_was_read(at)
    assert "1,204 个对话" in what_was_read(at) or "1,204 個對話" in what_was_read(at)


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_is_left_after_an_upload(lang):
    english_page = upload("en", big_export())
    at = uploaded(lang)
    assert strict_left(english_left(english_page, at, lang), lang) == []


@pytest.mark.parametrize("lang,start", [("fr", "Impossible de lire cet export"), ("zh-Hans", "无法读取此导出文件"),
                                        ("zh-Hant", "無法讀取此匯出檔")])
@pytest.mark.parametrize("content", [b"{not json", b"", b"[]", b"PK\x03\x04 not a zip"],
                         ids=["not-json", "empty", "no-conversations", "broken-zip"])
def test_a_bad_upload_says_so_in_one_line_in_the_readers_language(lang, start, content):
    at = upload(lang, content)
    assert not at.exception and len(at.error) == 1 and "\n" not in at.error[0].value
    assert at.error[0].value.startswith(start)
    assert strict_left(english_left(upload("en", content), at, lang), lang) == []
