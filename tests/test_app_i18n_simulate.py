"""Carbon-aware switching in French, Simplified and Traditional Chinese (issue 12): no English left beyond names and
link syntax, the seed's claim quoted in translation and marked so, percentages written the reader's way; English
unchanged (tests/test_app_simulate.py)."""

from __future__ import annotations

from functools import lru_cache

import pytest

from estimator.i18n import Translator
from tests.app_helpers import english_left, open_page
from tests.test_app_i18n_year import LANGS, strict_left

SIM_LINKS = {
    "default": {},
    "week-back": {"task": "chat", "hours": "168", "pct": "70", "back": "30", "region": "DE", "season": "summer"},
    "threshold-shape": {"threshold": "200", "rate": ";".join(str(10 + h) for h in range(24))},
    "bad-values": {"rate": "abc", "season": "monsoon", "pct": "150", "colour": "red"},
}


@lru_cache(maxsize=None)
def english(name: str):
    return open_page("simulate", SIM_LINKS[name])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(SIM_LINKS))
def test_no_english_is_left_on_the_switching_page(name, lang):
    at = open_page("simulate", SIM_LINKS[name] | {"lang": lang})
    assert not at.exception, [e.message for e in at.exception]
    assert strict_left(english_left(english(name), at, lang), lang, SIM_LINKS[name]) == []


@pytest.mark.parametrize("lang,mark", [("fr", "(traduit)"), ("zh-Hans", "（译文）"), ("zh-Hant", "（譯文）")])
def test_the_seeds_claim_is_quoted_in_translation_and_says_so(lang, mark):
    at = open_page("simulate", {"lang": lang})
    claim = next(c.value for c in at.caption if mark in c.value)
    assert "nearly 80 percent" not in claim
    assert Translator(lang)._p("switching_studies.claim", "a nearly 80 percent reduction in carbon emissions over "
                                                         "a one- to two-day period") in claim
    # and the English page quotes the seed's own words, unmarked
    assert any("“a nearly 80 percent reduction" in c.value for c in english("default").caption)


def test_percentages_are_written_the_french_way():
    at = open_page("simulate", {"lang": "fr"})
    saved = next(m for m in at.metric if m.label == "Économisé").value
    assert saved.endswith("\u00a0%") or saved.endswith("\u202f%"), repr(saved)


def test_a_bad_links_notices_are_in_the_readers_language():
    at = open_page("simulate", SIM_LINKS["bad-values"] | {"lang": "fr"})
    notices = [w.value for w in at.warning]
    assert len(notices) == len([w.value for w in english("bad-values").warning]) >= 3
    assert all("ignoré" in n.lower() for n in notices), notices
