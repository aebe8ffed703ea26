"""The reader's language: complete catalogues, numbers written as each locale writes them, exact parsing.

English is the source text: every other language must have every message, with the same {fields}, so a
translation can never drop a number from a sentence.
"""

from __future__ import annotations

import datetime as dt

import pytest
from babel.messages.catalog import Catalog

from estimator import load_data
from estimator.errors import EstimatorError
from estimator.i18n import LANGS, Translator, lang_for_locale, parse_lang, translator
from estimator.i18n import catalog
from estimator.present import fmt_amount
from estimator.urlstate import parse_params

NNBSP = "\u202f"  # CLDR's French group separator and the space before "%"


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_every_message_has_a_translation_in_every_language(lang):
    bad = catalog.problems(lang, catalog.read(lang), catalog.wanted())
    assert not bad, "\n".join(bad[:40]) + (f"\n… and {len(bad) - 40} more" if len(bad) > 40 else "")


def test_the_check_catches_a_missing_an_empty_and_a_number_dropping_translation():
    want = {(None, "{count} images"): catalog.Wanted(None, "{count} images", None, "x.py:1"),
            (None, "Range"): catalog.Wanted(None, "Range", None, "x.py:2"),
            (None, "Energy"): catalog.Wanted(None, "Energy", None, "x.py:3")}
    cat = Catalog(locale="fr")
    cat.add("{count} images", string="des images")  # the count is gone: the reader would lose the number
    cat.add("Range", string="")
    bad = catalog.problems("fr", cat, want)
    assert any("fields" in b and "{count} images" in b for b in bad)
    assert any("empty" in b and "Range" in b for b in bad)
    assert any("missing" in b and "Energy" in b for b in bad)


def test_the_code_asks_for_messages_and_the_catalogues_hold_them():
    want = catalog.wanted()
    assert (None, "Language") in want and (None, "Compare") in want
    assert translator("fr")._("Compare") == "Comparer"
    assert translator("zh-Hans")._("Compare") == "比较" and translator("zh-Hant")._("Compare") == "比較"


# ---------------------------------------------------------------- numbers as each locale writes them

def test_french_writes_a_decimal_comma_and_a_narrow_space_between_thousands():
    fr = Translator("fr")
    assert fr.amount(0.17) == "0,17"
    assert fr.count(1204) == f"1{NNBSP}204"
    assert fr.amount(12345.6) == f"12{NNBSP}000"  # two significant figures, as in English
    assert fr.percent(-63, signed=True) == f"−63{NNBSP}%"


def test_chinese_writes_months_and_dates_in_its_own_order():
    day = dt.date(2026, 11, 30)
    assert Translator("zh-Hans").month(day) == "2026年11月"
    assert Translator("zh-Hant").month(day) == "2026年11月"
    assert Translator("zh-Hans").date(day) == "2026年11月30日"
    assert Translator("fr").month(day).lower().startswith("nov")


@pytest.mark.parametrize("value", [0.0042, 0.0123, 0.31, 0.999, 1.0, 7.25, 12.0, 99.5, 123.4, 1204.0, 345_678.0, 2.5e7])
def test_english_amounts_are_written_exactly_as_before(value):
    assert Translator("en").amount(value) == fmt_amount(value)


def test_a_fraction_takes_the_plural_form_its_language_gives_it():
    en, fr = Translator("en"), Translator("fr")
    assert en._n("{n} image", "{n} images", 1.5, n="1.5") == "1.5 images"
    assert en._n("{n} image", "{n} images", 1, n="1") == "1 image"
    # CLDR French: 0 and 1.5 are singular ("1,5 image"); only the form choice is tested, so no catalogue entry needed
    assert fr._n("{n} image", "{n} images", 1.5, n="1,5") == "1,5 image"
    assert fr._n("{n} image", "{n} images", 2, n="2") == "2 images"


# ---------------------------------------------------------------- choosing the language

@pytest.mark.parametrize("given, lang", [("fr", "fr"), ("FR", "fr"), ("zh-hans", "zh-Hans"), ("zh_Hant", "zh-Hant"),
                                         ("zh-TW", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh-CN", "zh-Hans"),
                                         ("zh", "zh-Hans"), ("fr-CA", "fr"), ("en-GB", "en")])
def test_a_language_tag_picks_the_language_and_script_a_reader_expects(given, lang):
    assert parse_lang(given) == lang


@pytest.mark.parametrize("given", ["xx", "de", "", "fr;DROP", "zh-Latn-xx-yy-zz"])
def test_a_language_we_do_not_have_is_one_clear_error(given):
    with pytest.raises(EstimatorError) as info:
        parse_lang(given)
    assert "\n" not in str(info.value) and "fr" in str(info.value)


def test_a_browser_language_we_do_not_have_leaves_the_default():
    assert lang_for_locale("de-DE") is None and lang_for_locale("") is None and lang_for_locale(None) is None


@pytest.mark.parametrize("lang", LANGS)
def test_a_french_decimal_comma_in_a_link_is_never_read_as_a_bigger_number(lang):
    """Links are language-neutral: "1,5" is refused with a notice (never 15), whatever lang= the link carries."""
    data = load_data()
    parsed = parse_params({"n": "1,5", "lang": lang}, data)
    assert parsed.scenario.count != 15
    assert any("n=" in note for note in parsed.notices)
    assert not any("lang" in note for note in parsed.notices)
