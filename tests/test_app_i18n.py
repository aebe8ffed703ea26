"""Choosing the language in the app: the link's lang=, the selector, the browser's language; links keep it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from app_helpers import APP, open_page, warnings


def _selector(at: AppTest):
    return at.selectbox(key="lang_footer")


def test_a_link_with_lang_opens_the_app_in_that_language_and_keeps_it_in_the_address():
    at = open_page("estimate", {"lang": "fr"})
    assert _selector(at).label == "🌐 Langue"
    assert at.query_params["lang"] == ["fr"] or at.query_params["lang"] == "fr"


def test_a_language_we_do_not_have_is_one_notice_and_the_page_still_works():
    at = open_page("estimate", {"lang": "klingon"})
    notes = [w for w in warnings(at) if "lang=" in w]
    assert len(notes) == 1 and "zh-Hant" in notes[0]
    assert not at.exception
    assert _selector(at).label == "🌐 Language"
    assert "lang" not in at.query_params


def test_the_browser_language_is_the_default_when_the_link_names_none():
    at = AppTest.from_file(APP, default_timeout=30)
    at.context["locale"] = "zh-TW"
    at.run()
    assert _selector(at).label == "🌐 語言"


def test_the_link_beats_the_browser():
    at = AppTest.from_file(APP, default_timeout=30)
    at.context["locale"] = "zh-CN"
    at.query_params["lang"] = "fr"
    at.run()
    assert _selector(at).label == "🌐 Langue"


def test_choosing_a_language_switches_the_page_and_the_link():
    at = open_page("estimate")
    _selector(at).select("zh-Hans")
    at.run()
    assert _selector(at).label == "🌐 语言"
    lang = at.query_params["lang"]
    assert (lang[0] if isinstance(lang, list) else lang) == "zh-Hans"


def test_every_page_accepts_lang_without_calling_it_an_unknown_parameter():
    for page in ("estimate", "compare", "methodology", "embed", "ranking", "year", "claims", "simulate"):
        at = open_page(page, {"lang": "fr"})
        assert not at.exception, page
        assert not [w for w in warnings(at) if "lang" in w], page


# ---------------------------------------------------------------- every page, every language, no English left

import pytest  # noqa: E402

from app_helpers import english_left  # noqa: E402

SWEEP = [
    ("estimate", {}),
    ("estimate", {"task": "image", "model": "sdxl", "n": "10", "region": "FR"}),
    ("estimate", {"task": "summarize", "boundary": "lifecycle", "region": "US-CA"}),
    ("compare", {"a": "image:sdxl:PL", "b": "image:sdxl:FR"}),
    ("methodology", {}),
    ("embed", {"task": "chat"}),
    ("ranking", {"task": "chat"}),
    ("year", {}),
    ("claims", {}),
    ("simulate", {}),
]


@pytest.mark.parametrize("lang", ["fr", "zh-Hans", "zh-Hant"])
@pytest.mark.parametrize("page, params", SWEEP, ids=[f"{p}-{i}" for i, (p, _) in enumerate(SWEEP)])
def test_no_page_is_left_in_english(page, params, lang):
    english = open_page(page, params)
    translated = open_page(page, {**params, "lang": lang})
    assert not translated.exception
    left = english_left(english, translated, lang)
    assert not left, f"{len(left)} English texts on /{page} in {lang}: " + " | ".join(t[:80] for t in left[:12])
