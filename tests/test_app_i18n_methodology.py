"""The Methodology page in French, Simplified and Traditional Chinese (issue 12): the page's own words translated;
METHODOLOGY.md itself and the data tables stay English (cited text and data), and the page says so."""

from __future__ import annotations

import re

import pytest

from app_helpers import english_left, open_page, readable, texts
from estimator.i18n import LANG_NAMES, translator

LANGS = ("fr", "zh-Hans", "zh-Hant")
VIEWS = [{}, {"view": "tasks.csv"}, {"view": "claims.csv"}, {"view": "models"}, {"view": "zz9"},
         {"view": "tasks.csv", "view2": "x"}]


def _is_methodology_document(text: str) -> bool:
    """The full METHODOLOGY.md, shown in English on purpose (the reference text); the page says so above it."""
    return text.startswith("This document is the method behind every number")


def _only_the_link_parameter(text: str, lang: str) -> bool:
    """A notice naming the link's parameter (view=, typed as-is) and the value the link carried: no other English."""
    t = translator(lang)
    notice = t._("Ignored view=“{value}”: there is no such data table. Showing {table}.", value="(.*)",
                 table="models.csv")
    return lang.startswith("zh") and re.fullmatch(re.escape(notice).replace(re.escape("(.*)"), ".*"), text) is not None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("params", VIEWS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "default")
def test_no_english_left_on_the_methodology_page(params, lang):
    english = open_page("methodology", params)
    translated = open_page("methodology", params | {"lang": lang})
    assert not translated.exception
    left = [t for t in english_left(english, translated, lang)
            if not _is_methodology_document(t) and t not in LANG_NAMES.values()  # language names, in themselves
            and not _only_the_link_parameter(t, lang)]
    assert left == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_says_the_document_and_the_tables_stay_english(lang):
    t = translator(lang)
    at = open_page("methodology", {"view": "tasks.csv", "lang": lang})
    shown = texts(at)
    note = [i.value for i in at.info]
    assert len(note) == 1 and "METHODOLOGY.md" in note[0] and not note[0].startswith("The full methodology")
    stay = t._("The tables keep their English column names and cell texts: they are the cited data, exactly as the "
               "downloads and the sources give them.")
    assert stay in shown and stay != t._p("none", "The tables keep their English column names and cell texts: they "
                                          "are the cited data, exactly as the downloads and the sources give them.")
    assert t._("Download METHODOLOGY.md (English)") in readable(at)
    assert any(_is_methodology_document(s) for s in shown)  # still there, in English


def test_the_english_page_is_as_before():
    at = open_page("methodology", {"view": "tasks.csv"})
    assert at.title[0].value == "Methodology & data"
    assert not at.info  # no note about the language for an English reader
    assert "Download METHODOLOGY.md (English)" not in readable(at)
    assert any(re.fullmatch(r"\d+ rows × \d+ columns of data/tasks\.csv\. .*", s) for s in texts(at))


def test_counts_are_written_the_locales_way():
    fr = texts(open_page("methodology", {"view": "grid_intensity.csv", "lang": "fr"}))
    line = next(s for s in fr if "lignes ×" in s)
    assert re.match(r"\d{1,3}(\u202f\d{3})* lignes × \d+ colonnes de data/grid_intensity\.csv", line)
    zh = texts(open_page("methodology", {"view": "tasks.csv", "lang": "zh-Hant"}))
    assert any(s.startswith("data/tasks.csv 共 ") for s in zh)
