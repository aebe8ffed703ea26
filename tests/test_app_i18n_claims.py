"""The Claims check in French, Simplified and Traditional Chinese (issue 12): every word in the reader's language,
numbers written the locale's way, quotes marked as translated with their original wording kept, English unchanged."""

from __future__ import annotations

import csv
import re

import pytest

from app_helpers import ROOT, english_left, open_page, readable, texts
from estimator.i18n import LANG_NAMES, translator

LANGS = ("fr", "zh-Hans", "zh-Hant")
CLAIMS_CSV = ROOT / "data" / "claims.csv"
with CLAIMS_CSV.open(newline="", encoding="utf-8") as _fh:
    ROWS = list(csv.DictReader(_fh))
CLAIM_IDS = [r["claim_id"] for r in ROWS]

# Proper names and identifiers a translated page keeps as published (people, studies, models, files, commands).
PROPER_NAMES = ("LLaMA-65B", "BERT", "McDonald", "Oviedo", "Sprout", "EMNLP", "FLOP", "Hölzle", "Jegham",
                "CodeCarbon", "eGRID", "Gradient Updates", "A bottle of water per email", "make bench",
                "bloom_api_carbon.ipynb", "github.com/bigscience-workshop/carbon-footprint", "web_searches",
                "tokens_per_word", "mistral-large-2-lca-400-tokens", *LANG_NAMES.values())
# Words other helpers translate (pages/components.py and the shared data names). Listed only so this test checks
# this page's own words today; once those are translated the English below no longer appears and this is inert.
ELSEWHERE = ("Presentation mode", "Reveal", "Your guess", "The class's guess", "The answer", "Guess again",
             "Likely range", "Methodology")
DATA_NAMES = {"equivalents": ("label_singular", "label_plural"), "tasks": ("unit_singular", "unit_plural", "name")}


def _untranslated_data_names(lang: str) -> list[str]:
    t = translator(lang)
    out = []
    for table, cols in DATA_NAMES.items():
        with (ROOT / "data" / f"{table}.csv").open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                out += [row[col] for col in cols if row.get(col) and t._p(f"{table}.{col}", row[col]) == row[col]]
    return sorted(set(out), key=len, reverse=True)  # longest first: "miles driven …" before "mile"


def _boundary_words() -> list[str]:
    from pages import components
    return list(components.BOUNDARY_WORDS.values())


def claims_english_left(params: dict, lang: str) -> list[str]:
    """english_left for the claims page, less: the original wording of the claims (kept on purpose, in its own
    expander), proper names, badge markup, commands in `code`, and English that other helpers' files still draw."""
    english, translated = open_page("claims", params), open_page("claims", params | {"lang": lang})
    assert not translated.exception
    t = translator(lang)
    originals = {f"“{r['claim']}”" for r in ROWS}
    excused = [*sorted(CLAIM_IDS, key=len, reverse=True), *PROPER_NAMES, *_boundary_words(),
               *_untranslated_data_names(lang), *ELSEWHERE]  # identifiers first: "query" is also a task's unit
    scenario_label = t._("**Scenario:** {scenario}.", scenario="")[:-1]
    left = []
    for text in english_left(english, translated, lang):
        plain = re.sub(r"\\(.)", r"\1", text)  # markdown escapes
        if plain in originals or plain.startswith(scenario_label.replace("\\", "")):  # the scenario is components'
            continue
        plain = re.sub(r":[a-z]+-badge\[:material/\w+: ", " ", plain)
        plain = re.sub(r"`[^`]*`|https?://\S+", " ", plain)
        for phrase in excused:
            plain = plain.replace(phrase, " ")
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]+", plain) if w not in _keep()]
        if len(words) >= (2 if lang.startswith("zh") else 1):
            left.append(text)
    return left


def _keep() -> set[str]:
    import app_helpers
    if app_helpers._KEEP is None:
        app_helpers._KEEP = app_helpers._keep_words()
    return app_helpers._KEEP


# One link of each kind: the list, a claim that holds, one off by a factor, one that holds only in a narrower case,
# one that can't be checked, a reduction at the GPU boundary, a life-cycle claim, a given amount, a bad id.
LINKS = [{}, {"claim": "gpt-4o-query-0.3-wh"}, {"claim": "one-image-four-miles"},
         {"claim": "chatbot-ten-web-searches"}, {"claim": "gemini-prompt-0.03-g"},
         {"claim": "power-cap-20-30-percent"}, {"claim": "mistral-large-2-1.14-g"},
         {"claim": "bloom-50-tonnes-60-flights"}, {"claim": "no-such-claim"},
         {"claim": "one-image-four-miles", "present": "1"}, {"claim": "data-centres-415-twh", "present": "1"}]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("params", LINKS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "list")
def test_no_english_left_on_the_claims_page(params, lang):
    assert claims_english_left(params, lang) == []


@pytest.mark.parametrize("lang,mark", [("fr", "(traduit de l'anglais)"), ("zh-Hans", "（译自英文）"),
                                       ("zh-Hant", "（譯自英文）")])
def test_a_claim_is_shown_translated_marked_so_with_its_original_wording_a_click_away(lang, mark):
    at = open_page("claims", {"claim": "one-image-four-miles", "lang": lang})
    heading = at.subheader[0].value
    assert mark in heading.replace("\\", "") and "four miles" not in heading
    expander = [e for e in at.expander if e.label == translator(lang)._("Original wording")]
    assert len(expander) == 1
    assert any("One image-generation task is roughly equivalent" in m.value for m in expander[0].markdown)


def test_the_english_page_has_no_translation_mark_and_no_original_wording_box():
    at = open_page("claims", {"claim": "one-image-four-miles"})
    assert at.subheader[0].value == "“One image-generation task is roughly equivalent to driving four miles in a gas car”"
    assert not [e for e in at.expander if e.label == "Original wording"]
    assert any(t.startswith("**21 claims: ") and "hold only in a narrower case" in t for t in texts(open_page("claims")))


def test_french_numbers_have_a_decimal_comma_and_chinese_a_decimal_point():
    fr = " ".join(texts(open_page("claims", {"claim": "chatgpt-query-2.9-wh", "lang": "fr"})))
    assert "2,9 Wh" in fr and "2.9 Wh" not in fr
    assert re.search(r"\d,\d+\s?Wh", fr)
    zh = " ".join(texts(open_page("claims", {"claim": "chatgpt-query-2.9-wh", "lang": "zh-Hans"})))
    assert "2.9 Wh" in zh and "2,9 Wh" not in zh


def test_verdicts_read_in_the_readers_language():
    fr = " ".join(texts(open_page("claims", {"lang": "fr"})))
    assert "Écart d'un facteur 6\u202f000" in fr and "Se vérifie" in fr and "Invérifiable" in fr
    assert re.search(r"21 affirmations\u202f: \d+ se vérifient", fr)
    hant = " ".join(texts(open_page("claims", {"lang": "zh-Hant"})))
    assert "相差 6,000 倍" in hant and "無法查核" in hant and "共 21 則說法" in hant


def test_links_on_a_translated_page_keep_the_language():
    at = open_page("claims", {"claim": "gpt-4o-query-0.3-wh", "lang": "zh-Hant"})
    codes = [c.value for c in at.code]
    assert any(v.endswith("claims?claim=gpt-4o-query-0.3-wh&lang=zh-Hant") for v in codes)
    listing = open_page("claims", {"lang": "fr"})
    assert any(c.value.endswith("claims?lang=fr") for c in listing.code)
