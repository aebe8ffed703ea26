"""The library's result words in the reader's language (issue 12): life-cycle parts, the drivers of a range, the
figure basis, hours of the day, equivalents, sources, and the numbers written the locale's way. English stays the
words of the JSON, the CSV and the CLI, unchanged."""

from __future__ import annotations

import re

import pytest

from app_helpers import _keep_words
from estimator import label, load_data
from estimator.basis import estimate_basis
from estimator.grid import when_words
from estimator.i18n import translator
from estimator.lifecycle import PART_WORDS, PARTS, TRAINING_JUDGEMENT, part_words, training_judgement
from estimator.present import (accounting_lines, fmt_range, grams_unit, label_percent, label_sentence, rule_words,
                               saved_percent_words, source_what_words, result_sources)
from estimator.scenario import Scenario
from estimator.uncertainty import DRIVER_NAMES, Range, driver_words

LANGS = ("fr", "zh-Hans", "zh-Hant")
LATIN = re.compile(r"[A-Za-z][A-Za-z'’\-]+")
# Scenarios that between them reach every kind of word: the four tasks, a measured and an extrapolated model,
# a custom size, the life-cycle boundary, a grid with market-based figures, a cleaner-hour option.
SCENARIOS = [
    Scenario(task="chat"),
    Scenario(task="chat", model="gpt-5", region="US", boundary="lifecycle"),
    Scenario(task="chat", model="llama-3.1-8b", region="FR"),
    Scenario(task="summarize", region="DE"),
    Scenario(task="image", model="sdxl", region="FR", boundary="lifecycle"),
    Scenario(task="image", model="sdxl", width=4096, height=4096),
    Scenario(task="video", region="WORLD"),
    Scenario(task="chat", model="custom", custom_total_params_b=70),
    Scenario(task="image", model="custom", custom_total_params_b=3),
]


@pytest.fixture(scope="module")
def data():
    return load_data()


@pytest.fixture(scope="module")
def labels(data):
    return [label(s, data) for s in SCENARIOS]


def plain(text: str) -> str:
    """No-break and narrow no-break spaces as plain spaces, to compare with a typed string."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _english_words(text: str, keep: set[str]) -> list[str]:
    text = re.sub(r"https?://\S+", " ", text)
    return [w for w in LATIN.findall(text) if w not in keep and w.strip("'’-") not in keep]


@pytest.fixture(scope="module")
def keep(data):
    """Latin words any language may keep: units, names of models, sources and publishers (tests/app_helpers.py),
    plus model ids (a driver names a model by its published name, an unknown one by its id)."""
    return _keep_words() | {w for m in data.models for w in LATIN.findall(m)}


@pytest.mark.parametrize("lang", LANGS)
def test_every_life_cycle_part_and_the_training_note_are_translated(lang):
    t = translator(lang)
    for key in PARTS:
        assert part_words(key, t) and part_words(key, t) != PART_WORDS[key], (lang, key)
    assert training_judgement(t) != TRAINING_JUDGEMENT
    # English: the constants the JSON keeps
    assert [part_words(k) for k in PARTS] == [PART_WORDS[k] for k in PARTS]
    assert training_judgement() == TRAINING_JUDGEMENT


@pytest.mark.parametrize("lang", LANGS)
def test_every_driver_name_is_translated(lang, labels, data):
    t = translator(lang)
    for name in DRIVER_NAMES:
        assert driver_words(name, t) != name, (lang, name)
    seen = {n for lab in labels for n, _ in lab.estimate.drivers()}
    seen |= {n for lab in labels for o in lab.alternatives for n, _ in o.estimate.drivers()}
    for name in seen:
        words = driver_words(name, t, data)
        assert words != name, (lang, name)
        if lang.startswith("zh"):
            assert not LATIN.sub("", words).isascii(), (lang, name, words)


def test_the_english_drivers_keep_their_own_names(labels, data):
    for lab in labels:
        for name, _ in lab.estimate.drivers():
            assert driver_words(name, None, data) == name
            assert driver_words(name, translator("en"), data) == name


def test_a_driver_built_from_a_model_id_names_the_model(data):
    words = driver_words("size of gpt-5|gpt-5", translator("fr"), data)
    assert data.models["gpt-5"].name == "GPT-5 (size estimated)"
    assert words == "taille de GPT-5 (taille estimée)"  # our data's "(size estimated)" is worded too


@pytest.mark.parametrize("lang", LANGS)
def test_every_boundary_word_is_translated(lang):
    from pages import components as c

    english = c.boundary_words()  # no reader outside a page: English
    assert set(english) == {"gpu", "server", "fleet", "datacenter", "lifecycle"}
    t = translator(lang)
    for key, text in english.items():
        assert t._(text) != text, (lang, key)
        assert t._p("boundary.short", key) != key or key == "gpu", (lang, key)
    assert t._(c.lifecycle_toggle()) != c.lifecycle_toggle()


def test_a_french_result_writes_its_numbers_the_french_way():
    t = translator("fr")
    central, span = (plain(x) for x in fmt_range(Range.of(0.31, 0.4, 0.95, "x"), grams_unit, t))
    assert central == "0,40 g"  # a no-break space between number and unit
    assert span == "0,31–0,95 g"
    assert fmt_range(Range.of(0.31, 0.4, 0.95, "x"), grams_unit) == ("0.40 g", "0.31–0.95 g")
    assert plain(fmt_range(Range.of(900, 1204, 1500, "x"), grams_unit, t)[0]) == "1,2 kg"
    assert plain(t.count(1204)) == "1 204"


@pytest.mark.parametrize("lang", LANGS)
def test_a_result_in_chinese_or_french_has_no_english_word(lang, labels, data, keep):
    """Every sentence the result blocks take from the library, for every sample scenario."""
    t = translator(lang)
    en = translator("en")
    for lab in labels:
        e = lab.estimate
        texts = [label_sentence(lab, data, t), rule_words(data, t), label_percent(lab, data, True, t),
                 estimate_basis(e, data, t).reason, estimate_basis(e, data, t).words_in(t),
                 *accounting_lines(e, data, t), *(source_what_words(w, t) for w, _ in result_sources(e, data)),
                 *(saved_percent_words(o, t) for o in lab.alternatives)]  # data names: tests/test_i18n_data.py
        if e.parts:
            texts += [part_words(k, t) for k in PARTS] + [training_judgement(t)]
        for text in texts:
            left = _english_words(text, keep)
            if lang.startswith("zh"):
                assert len(left) < 2, (lang, text, left)
            else:  # French shares words with English ("date", "source"): no sentence may be the English one
                english = {label_sentence(lab, data, en), rule_words(data, en), estimate_basis(e, data, en).reason}
                assert text not in english or not left, (lang, text)


def test_the_english_rule_keeps_the_thresholds_as_the_data_writes_them(data):
    lower = data.label_rules["lower_if_ratio_at_most"].value.central
    higher = data.label_rules["higher_if_ratio_at_least"].value.central
    words = rule_words(data)
    assert f"{lower:g}×" in words and f"{higher:g}×" in words
    assert f"{lower:g} ×".replace(".", ",") in plain(rule_words(data, translator("fr")))


@pytest.mark.parametrize("lang", LANGS)
def test_hours_of_the_day_are_worded_for_the_reader(lang):
    t = translator(lang)
    for season in ("winter", "spring", "summer", "autumn"):
        when = f"03:00 local time (typical {season} day)"
        words = when_words(when, t)
        assert words != when and "03:00" in words
        assert not any(w in words for w in ("local time", "typical", season))
    assert "14:00" in when_words("14:00 UTC", t)
    assert when_words("03:00 local time (typical winter day)", None) == "03:00 local time (typical winter day)"


def test_the_figure_basis_is_english_by_default_and_french_for_a_french_reader(labels, data):
    for lab in labels:
        english = estimate_basis(lab.estimate, data)
        french = estimate_basis(lab.estimate, data, translator("fr"))
        assert english.kind == french.kind
        assert english.reason != french.reason
        assert english.words in ("Measured model", "Extrapolated estimate")
        assert french.words_in(translator("fr")) in ("Modèle mesuré", "Estimation extrapolée")


def test_an_equivalent_takes_the_plural_its_amount_takes_in_french(data):
    t = translator("fr")
    lab = label(Scenario(task="chat"), data)
    for v in lab.estimate.equivalents(data):
        words = v.label_in(t)
        assert words
        assert v.label_in(None) == v.label
