"""Claims words in the reader's language (estimator.claims with t=Translator): English unchanged without one,
every verdict and sentence translated with one, numbers written the locale's way."""

from __future__ import annotations

import re

import pytest

from estimator.claims import (CANNOT, HOLDS, HOLDS_ONLY, OFF, check_claim, claim_record, claimed_words, factor_words,
                              find_claim, text_of, value_words, work_words)
from estimator.data import load_data, read_claims
from estimator.i18n import translator
from estimator.uncertainty import Range

DATA = load_data()
CLAIMS = read_claims(None, DATA).claims
NNBSP = "\u202f"


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.claim_id)
def test_the_english_translator_says_exactly_what_no_translator_says(claim):
    plain, english = check_claim(claim, DATA), check_claim(claim, DATA, t=translator("en"))
    assert (english.words, english.why, english.unit) == (plain.words, plain.why, plain.unit)
    assert claimed_words(claim, DATA, translator("en")) == claimed_words(claim, DATA)


def test_records_stay_english_whatever_the_language_of_the_words():
    c = find_claim("one-image-four-miles", DATA)
    assert claim_record(check_claim(c, DATA))["verdict_words"].startswith("off by a factor of")
    assert check_claim(c, DATA, t=translator("fr")).verdict == check_claim(c, DATA).verdict == OFF


@pytest.mark.parametrize("lang", ["fr", "zh-Hans", "zh-Hant"])
def test_every_claims_words_are_translated(lang):
    t = translator(lang)
    seen = set()
    for c in CLAIMS:
        k = check_claim(c, DATA, t=t)
        seen.add(k.verdict)
        english = check_claim(c, DATA)
        assert k.words != english.words, c.claim_id
        assert k.why != english.why and text_of(c, "why", t) in k.why, c.claim_id
        for column in ("claim", "quantifies", "said_where"):
            if column != "said_where" or c.said_where != "MIT Technology Review":  # a name, as published
                assert text_of(c, column, t) != getattr(c, column), (c.claim_id, column)
        if lang.startswith("zh"):  # a Chinese sentence has no run of English words left (names aside)
            assert not re.search(r"\b(the|library|computes|claimed|range|boundary|holds)\b", k.why + k.words)
    assert seen == {HOLDS, HOLDS_ONLY, OFF, CANNOT}


def test_verdict_words_read_naturally():
    fr, hans, hant = translator("fr"), translator("zh-Hans"), translator("zh-Hant")
    assert factor_words(60, 4, 2, fr) == "écart d'un facteur 15 (l'affirmation est plus élevée)"
    assert factor_words(1.12, 1, 2, fr) == f"écart de 12{NNBSP}% (l'affirmation est plus élevée)"
    assert factor_words(4, 60, 2, hans) == "相差 15 倍（说法偏低）"
    assert factor_words(60, 4, 2, hant) == "相差 15 倍（說法偏高）"
    gemini = find_claim("gpt-4o-query-0.3-wh", DATA)
    assert check_claim(gemini, DATA, t=fr).words.startswith("écart")
    cannot = find_claim("gpt-4-email-bottle-of-water", DATA)
    assert check_claim(cannot, DATA, t=hant).words == "無法查核：本工具不估算用水量"


def test_numbers_are_written_the_locales_way():
    fr, hans = translator("fr"), translator("zh-Hans")
    c = find_claim("chatgpt-query-2.9-wh", DATA)
    assert claimed_words(c, DATA, fr) == "2,9 Wh" and claimed_words(c, DATA) == "2.9 Wh"
    assert claimed_words(c, DATA, hans) == "2.9 Wh"
    cap = find_claim("power-cap-20-30-percent", DATA)
    assert claimed_words(cap, DATA) == "20–30 % less"
    assert claimed_words(cap, DATA, fr) == f"20–30{NNBSP}% de moins"
    assert claimed_words(cap, DATA, hans) == "降低 20–30%"
    assert value_words(Range(0.31, 0.5, 0.95), "Wh", fr) == "0,50 Wh (fourchette 0,31–0,95)"
    assert value_words(Range(0.31, 0.5, 0.95), "Wh") == "0.50 Wh (range 0.31–0.95)"
    summaries = find_claim("ev-charge-1500-summaries", DATA)
    assert work_words(summaries, DATA).startswith("1,500 ")
    assert work_words(summaries, DATA, fr).startswith(f"1{NNBSP}500 ")
