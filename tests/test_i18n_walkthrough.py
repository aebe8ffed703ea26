"""The walk-through, the serving words and the then-and-now of old links in French and Chinese.

The steps are the same steps with the same numbers in every language (they still multiply out to the headline), and
their names, units and formulas have no English words left beyond names (models, hardware, sources), units and
the words other modules or data rows supply (the grid's label from estimator/grid.py, data rows whose
translation is not in the catalogues yet).
"""

from __future__ import annotations

import re

import pytest

from app_helpers import _LATIN_WORD, _keep_words
from estimator import estimate
from estimator.facility import BOUNDARIES
from estimator.i18n import translator
from estimator.i18n.catalog import data_messages
from estimator.serving import MODES, batch_label, mode_label, precision_option_label, AS_SERVED
from estimator.walkthrough import ARITHMETIC, READS, factor_text, value_text, walkthrough

from test_walkthrough import fold

LANGS = ("fr", "zh-Hans", "zh-Hant")
TASKS = ("chat", "summarize", "image", "video")
UNIT_WORDS = {"s", "W", "joules", "INT", "FP", "MXFP", "BF"}  # units; number formats as the regex cuts them (INT4 → INT)


def _others(lang: str, e) -> list[str]:
    """Exact English phrases that are other modules' or not-yet-translated data rows' words, longest first."""
    t = translator(lang)
    phrases = {w.msgid for w in data_messages() if t._p(w.context, w.msgid) == w.msgid}
    phrases.add(e.grid_label)
    return sorted(phrases, key=len, reverse=True)


def _vocabularies() -> tuple[set[str], set[str]]:
    """Latin-script words of the English messages and of their French translations (the French catalogue)."""
    from estimator.i18n import load_catalogue

    english, french = set(), set()
    for (_ctx, msgid), text in load_catalogue("fr").messages.items():
        english.update(_LATIN_WORD.findall(msgid))
        for form in (text if isinstance(text, tuple) else (text,)):
            french.update(_LATIN_WORD.findall(form))
    return english, french


EN_VOCAB, FR_VOCAB = _vocabularies()


def english_words(text: str, phrases: list[str], keep: set[str], lang: str = "zh-Hans") -> list[str]:
    """Latin-script words left in a translated text once names, units and other modules' phrases are out. In Chinese
    any such word is English; French is written in Latin letters, so there a word is English when the English
    messages use it and no French translation does ("the", "energy", "per")."""
    for p in phrases:
        if len(p) > 2 and p in text:
            text = text.replace(p, " ")
    words = [w for w in _LATIN_WORD.findall(text) if w not in keep and w.strip("'’-") not in keep]
    if lang == "fr":
        words = [w for w in words if w in EN_VOCAB and w not in FR_VOCAB]
    return words


@pytest.fixture(scope="module")
def keep():
    return _keep_words() | UNIT_WORDS


CASES = [
    *({"task": task, "boundary": boundary, "count": 7} for task in TASKS for boundary in BOUNDARIES),
    *({"task": task, "mode": "self-hosted", "count": 3} for task in TASKS),
    {"task": "chat", "input_tokens": 0},
    {"task": "chat", "input_tokens": 30000, "precision": "int4"},
    {"task": "chat", "model": "custom", "custom_total_params_b": 3, "mode": "self-hosted"},
    {"task": "chat", "model": "custom", "custom_total_params_b": 70, "mode": "self-hosted"},
    {"task": "image", "width": 512, "height": 512, "steps": 10, "hardware": "a100-capped"},
    {"task": "video", "seconds": 2, "datacenter": "efficient-hyperscale"},
    {"task": "chat", "region": "GB", "hour": 3},
    {"task": "image", "model": "sdxl", "region": "FR", "count": 10},
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fields", CASES, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()))
def test_the_steps_are_the_same_numbers_in_every_language_and_speak_it(fields, lang, data, keep):
    e = estimate(**fields, data=data)
    english = walkthrough(e, data)
    t = translator(lang)
    steps = walkthrough(e, data, t)
    # the same chain: same operations, values and factors, so it still folds back to the headline
    assert [(s.operation, s.value, s.factor, s.sources) for s in steps] == \
           [(s.operation, s.value, s.factor, s.sources) for s in english]
    assert fold(steps) == pytest.approx(e.co2e_g.central, rel=1e-9)
    phrases = _others(lang, e)
    for s, en in zip(steps, english):
        assert s.name != en.name, f"step name still English: {en.name!r}"
        assert s.formula != en.formula, f"formula still English: {en.formula!r}"
        for shown in (s.name, s.formula, *value_text(s.value, s.unit, t), factor_text(s, t)):
            assert english_words(shown, phrases, keep, lang) == [], (lang, en.name, shown)
            if lang.startswith("zh"):
                assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", shown), shown  # no space between two Hanzi


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_in_the_steps_are_written_the_readers_way(lang, data):
    e = estimate(task="chat", count=1204, data=data)
    t = translator(lang)
    steps = walkthrough(e, data, t)
    how_many = next(s for s in steps if s.operation == "×" and s.factor.central == 1204)
    assert t.amount(1204) in how_many.name
    gpu = steps[1]
    assert t.count(3600) in gpu.formula  # joules per Wh
    if lang == "fr":
        assert "3\u202f600" in gpu.formula and "," in factor_text(gpu, t)  # "× 0,00024 Wh par jeton"
        assert "3,600" not in gpu.formula


def test_english_steps_are_unchanged_when_asked_for_explicitly(data):
    e = estimate(task="video", boundary="lifecycle", count=2, data=data)
    assert walkthrough(e, data) == walkthrough(e, data, translator("en"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_arithmetic_note_and_units_have_translations(lang):
    t = translator(lang)
    assert t._(ARITHMETIC) != ARITHMETIC
    assert t._p("walkthrough.unit", "tokens") != "tokens"


@pytest.mark.parametrize("lang", LANGS)
def test_serving_words_for_the_widgets(lang, data, keep):
    t = translator(lang)
    words = [mode_label(m, t) for m in MODES] + [batch_label(b, data, t) for b in data.llm_fits]
    words.append(precision_option_label(AS_SERVED, data, t))
    for w, en in zip(words, [mode_label(m) for m in MODES] + [batch_label(b, data) for b in data.llm_fits]
                     + [precision_option_label(AS_SERVED, data)]):
        assert w != en
        assert english_words(w, [], keep, lang) == [], w


def test_english_serving_words_are_the_data_and_the_old_constants(data):
    from estimator.serving import MODE_LABELS

    assert [mode_label(m) for m in MODES] == [MODE_LABELS[m] for m in MODES]
    assert [batch_label(b, data) for b in data.llm_fits] == [f.label for f in data.llm_fits.values()]
    assert precision_option_label(AS_SERVED, data) == "As served (the model's own)"


# ---------------------------------------------------------------- old links: then and now

@pytest.fixture(scope="module")
def then_and_now():
    from estimator.versions import estimate_at

    return estimate_at("2026.1", {"task": ["image"], "model": ["sdxl"], "region": ["FR"], "n": ["10"]})


def test_then_and_now_in_english_is_unchanged(then_and_now):
    from estimator.versions import then_and_now_lines

    then, now = then_and_now_lines(then_and_now)
    assert then.startswith("This link was made with methodology 2026.1: it showed ")
    assert then_and_now_lines(then_and_now) == then_and_now_lines(then_and_now, translator("en"))


@pytest.mark.parametrize("lang", LANGS)
def test_then_and_now_speaks_the_readers_language(lang, then_and_now, keep):
    from estimator.present import fmt_grams
    from estimator.versions import (cannot_recompute_words, old_link_rules_words, then_and_now_lines,
                                    what_changed_heading)

    t = translator(lang)
    then, now = then_and_now_lines(then_and_now, t)
    assert fmt_grams(then_and_now.then.co2e_g, t) in then and fmt_grams(then_and_now.now.co2e_g, t) in now
    assert "2026.1" in then and then_and_now.now.version in now
    for text in (then, now, what_changed_heading("2026.1", t), old_link_rules_words("2026.1", t),
                 cannot_recompute_words("2026.1", "—", t)):
        assert english_words(text, [], keep, lang) == [], text


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_version_notice_speaks_the_readers_language(lang, keep):
    from estimator.versions import version_notice

    en = version_notice({"v": ["1999.9"]})
    text = version_notice({"v": ["1999.9"]}, translator(lang))
    assert text != en and "1999.9" in text
    assert english_words(text, [], keep, lang) == [], text
