"""Errors and link notices in the reader's language (issue 12): an EstimatorError says itself in any of our
languages (exc.words(t), exc.hint_words(t), exc.line(t)) while the library keeps no "current language", and
urlstate's notices come in the language of the Translator the page passes (t=None: English, as before)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from estimator import EstimatorError, Scenario, estimate, load_data
from estimator import custom
from estimator.data import BOUNDS
from estimator.errors import Words, plain_number, say
from estimator.i18n import LANGS, N_, parse_lang, translator
from estimator.i18n.catalog import code_messages, fields
from estimator.scenario import find_model, parse_number_text, resolve
from estimator.urlstate import (PAGE_PARAMS, PARAM_ALIASES, PARAMS, compare_boundary, parse_compare, parse_params,
                                parse_present, safe_snippet)

OTHER = [lang for lang in LANGS if lang != "en"]
MINE = ("estimator/errors.py", "estimator/urlstate.py", "estimator/scenario.py", "estimator/custom.py",
        "estimator/estimate.py", "estimator/i18n/__init__.py")
CJK = re.compile(r"[\u3400-\u9fff]")
# Catalogue messages that are only punctuation around fields may read the same in French.
SAME_IN_FRENCH = {"{message} ({hint})", " ({hint})"}


def _raises(call) -> EstimatorError:
    with pytest.raises(EstimatorError) as info:
        call()
    return info.value


def _data():
    return load_data()


# Every error my files raise on input, with the user's text the message must keep (None: nothing typed is shown).
CASES = {
    "empty number": (lambda: parse_number_text("count", "  "), None),
    "decimal comma": (lambda: estimate(count="1,5"), "1,5"),
    "odd comma": (lambda: estimate(count="10,0000"), "10,0000"),
    "underscore": (lambda: estimate(count="1_0"), "1_0"),
    "not a number": (lambda: estimate(count="abc"), "abc"),
    "spaced thousands": (lambda: estimate(count="1 000"), "1 000"),
    "a bool": (lambda: estimate(count=True), None),
    "a list": (lambda: resolve(Scenario(count=[1]), _data()), None),
    "not finite": (lambda: estimate(count=float("inf")), None),
    "too small": (lambda: estimate(task="image", width=10), None),
    "too small seconds": (lambda: estimate(task="video", seconds=0.01), None),
    "too large": (lambda: estimate(count=5e9), None),
    "not whole": (lambda: estimate(input_tokens=2.5), None),
    "no task": (lambda: estimate(task=" "), None),
    "unknown task": (lambda: estimate(task="chta"), "chta"),
    "unknown preset": (lambda: estimate(task="chat", preset="zzz"), "zzz"),
    "unknown boundary": (lambda: estimate(boundary="moon"), "moon"),
    "no model": (lambda: find_model("", _data()), None),
    "wrong task model": (lambda: estimate(task="chat", model="sdxl"), "sdxl"),
    "unknown model": (lambda: estimate(model="gpt-99-ultra"), "gpt-99-ultra"),
    "no hourly data": (lambda: estimate(region="WORLD", hour=5), None),
    "custom not a number": (lambda: custom.params_b("custom total parameters", [70]), None),
    "custom not finite": (lambda: custom.params_b("custom total parameters", float("nan")), None),
    "custom not positive": (lambda: estimate(model="custom", custom_total_params_b=-3), None),
    "custom out of bounds": (lambda: estimate(model="custom", custom_total_params_b=1e9), None),
    "custom without size": (lambda: estimate(model="custom"), None),
    "custom active above total": (lambda: estimate(model="custom", custom_total_params_b=7,
                                                   custom_active_params_b=70), None),
    "unknown field": (lambda: estimate(colour="green"), "colour"),
    "unknown language": (lambda: parse_lang("klingon"), "klingon"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_english_is_exactly_the_message_and_hint_as_before(case):
    exc = _raises(CASES[case][0])
    for t in (None, translator("en")):
        assert exc.words(t) == exc.message and exc.hint_words(t) == exc.hint and exc.line(t) == str(exc)
    assert exc.template is not None, f"{case}: the raise is not marked for translation"
    assert str(exc) == (f"{exc.message} ({exc.hint})" if exc.hint else exc.message)


@pytest.mark.parametrize("lang", OTHER)
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_error_is_said_in_the_readers_language_and_keeps_the_users_value(case, lang):
    call, value = CASES[case]
    exc = _raises(call)
    t = translator(lang)
    said, hint = exc.words(t), exc.hint_words(t)
    assert said and said != exc.message and "\n" not in said
    if exc.hint:
        assert hint and hint != exc.hint
    if value is not None:
        assert value in said, (case, said)
    if lang.startswith("zh"):
        assert CJK.search(said), said
    else:
        # no English phrase left: no two English words of the message in a row (ids and the user's text aside)
        words = [w for w in re.split(r"[\s,()]+", exc.message.lower()) if w]
        pairs = {f"{x} {y}" for x, y in zip(words, words[1:]) if x.isalpha() and y.isalpha()}
        assert not [p for p in pairs if p in said.lower()], said
    line = exc.line(t)
    assert said in line and (not hint or hint in line)


def test_a_cli_looking_hint_is_translated_but_its_command_is_not():
    exc = _raises(lambda: estimate(model="zzzzqqqqxxxx"))
    assert "python -m estimator models" in exc.hint  # no close match: the listing command
    for lang in OTHER:
        assert "python -m estimator models" in exc.hint_words(translator(lang))


def test_numbers_in_messages_are_written_the_way_the_readers_language_writes_them():
    exc = _raises(lambda: estimate(count=5e9))
    assert "max 1,000,000,000" in exc.message  # English as before
    fr = exc.words(translator("fr"))
    assert "1\u202f000\u202f000\u202f000" in fr and "5\u202f000\u202f000\u202f000" in fr and "e+" not in fr
    assert "1,000,000,000" in exc.words(translator("zh-Hans"))
    assert plain_number(0.0625, translator("fr")) == "0,0625" and plain_number(12.5, translator("fr")) == "12,5"
    assert plain_number(2_000_000, translator("fr")) == "2\u202f000\u202f000"
    assert plain_number(1e20, translator("fr")) == "1e+20" and plain_number(1e20) == "1e+20"
    for value in (1e9, 600, 0.0625, 12.5, 1e-7, float("inf")):
        assert plain_number(value, translator("en")) == plain_number(value)


def test_a_french_link_with_a_decimal_comma_gets_a_french_notice_that_names_the_dot_and_never_reads_fifteen():
    parsed = parse_params({"n": "1,5", "lang": "fr"}, load_data(), t=translator("fr"))
    assert parsed.scenario.count == 1
    assert len(parsed.notices) == 1
    notice = parsed.notices[0]
    assert "point" in notice and "décimales" in notice and "1.5" in notice and "«\u202f1,5\u202f»" in notice
    assert not re.search(r"(?<![\d,.])15(?![\d,.])", notice), notice
    assert "Ignored" not in notice and "default" not in notice and "\u202f:" in notice
    for lang in ("zh-Hans", "zh-Hant"):
        n = parse_params({"n": "1,5"}, load_data(), t=translator(lang)).notices[0]
        assert "1.5" in n and "1,5" in n and CJK.search(n) and not re.search(r"(?<![\d,.])15(?![\d,.])", n)
        assert ("句点" if lang == "zh-Hans" else "句點") in n


@pytest.mark.parametrize("params", [
    {"n": "1,5"}, {"task": "chta"}, {"task": "image", "w": "10"}, {"foo": "x"}, {"n": ["2", "3"]},
    {"n": "5e9"}, {"model": "custom", "params": "-3"}, {"hour": "5"}, {"model": "sdxl"}, {"n": "1 000"},
    {"in": "2.5"}, {"preset": "zz"}, {"task": "x" * 200}, {"boundary": "moon"}, {"season": "monsoon", "region": "FR"},
])
def test_link_notices_in_english_are_unchanged_and_in_every_language_are_translated(params):
    data = load_data()
    english = parse_params(params, data)
    assert parse_params(params, data, t=translator("en")) == english
    assert english.notices
    for lang in OTHER:
        parsed = parse_params(params, data, t=translator(lang))
        assert parsed.scenario == english.scenario and len(parsed.notices) == len(english.notices)
        for ours, theirs in zip(parsed.notices, english.notices):
            assert ours != theirs and "\n" not in ours
            assert not re.search(r"\b(Ignored|Using the default|The link repeats)\b", ours), ours
            if lang.startswith("zh"):
                assert CJK.search(ours)


def test_the_users_value_in_a_translated_notice_is_made_harmless():
    evil = "<b>x</b>[y](http://e.x)*z*`q`"
    for lang in LANGS:
        t = translator(lang)
        for n in parse_params({"task": evil, "model": evil, "n": evil}, load_data(), t=t).notices:
            assert "<b>" not in n and "](" not in n and "*z*" not in n and "`q`" not in n, n
        assert safe_snippet(evil) in parse_params({"task": evil}, load_data(), t=t).notices[0]


def test_compare_and_present_notices_follow_the_language():
    data = load_data()
    params = {"a": "chat:zz:WORLD", "b": "x:y:z:1:2:3:4:5", "c": "y" * 130, "boundary": "moon"}
    options, english = parse_compare(params, data)
    assert english == parse_compare(params, data, t=translator("en"))[1]
    assert english[0] == "Ignored boundary=“moon”: choose one of gpu, server, fleet, datacenter, lifecycle."
    for lang in OTHER:
        _, notices = parse_compare(params, data, t=translator(lang))
        assert len(notices) == len(english) and not set(notices) & set(english)
        notes: list[str] = []
        assert compare_boundary({"boundary": ["moon"]}, notes, t=translator(lang)) == "datacenter"
        assert notes and "moon" in notes[0] and "Ignored" not in notes[0]
        on, said = parse_present("maybe", t=translator(lang))
        assert not on and "present=1" in said[0] and "maybe" in said[0] and "Ignored" not in said[0]
    assert parse_present("maybe") == (False, ("Ignored present=“maybe”: use present=1 for presentation mode.",))


def test_every_message_of_these_files_has_every_language_with_the_same_fields():
    wanted = [w for w in code_messages() if w.where.split(":")[0] in MINE and w.context != "format"]
    assert len(wanted) >= 70
    for lang in OTHER:
        cat = translator(lang)._cat.messages
        for w in wanted:
            text = cat.get((w.context, w.msgid))
            assert text, f"{lang}: no translation of {w.msgid!r} ({w.where})"
            assert fields(text) == fields(w.msgid), f"{lang}: {w.msgid!r} → {text!r}"
            if lang.startswith("zh"):
                assert not re.search(r"[\u3400-\u9fff] [\u3400-\u9fff]", text), text
                assert ":" not in text.replace("{", "").split("=")[0] or "：" in text or w.msgid.count(":") == 0 \
                    or re.search(r"\w:\w", text), text
            elif w.msgid not in SAME_IN_FRENCH:
                assert text != w.msgid, f"fr: {w.msgid!r} is not translated"
            if lang == "fr":
                assert not re.search(r"(?<![\u202f\u00a0]) ?[:;?!](?=\s|$)", text.replace("{", "")), text
                assert not re.search(r"«(?!\u202f)|(?<!\u202f)»", text), text


def test_the_custom_size_bound_reason_is_the_data_tables_words():
    assert custom._PARAMS_WHY == BOUNDS[("models.csv", "total_params_b")][2]
    assert custom._PARAMS_WHY_WORDS.msgid == custom._PARAMS_WHY


def test_words_fields_are_numbers_text_nested_words_or_names_from_data():
    w = say(N_("{name} must be at least {minimum}, not {value}"), name=Words("count", context="input.field"),
            minimum=1, value=0.5)
    assert w.english() == "count must be at least 1, not 0.5"
    assert w.say(translator("fr")) == "la quantité doit valoir au moins 1, pas 0,5"
    assert w.say(translator("zh-Hant")) == "數量至少應為 1，不能是 0.5"
    exc = EstimatorError("a plain English message", "a plain hint")  # not yet marked by its owner: stays English
    assert exc.words(translator("fr")) == "a plain English message" and exc.hint_words(translator("fr")) == "a plain hint"
    assert exc.line(translator("fr")) == "a plain English message (a plain hint)"


# ------------------------------------------------------------------ fuzz: any link, any language

KEYS = sorted(PARAMS) + sorted(PARAM_ALIASES) + list(PAGE_PARAMS) + ["admin", "support@evil.example", ":rocket:"]
VALUES = st.one_of(st.sampled_from(["chat", "image", "video", "sdxl", "FR", "1", "1,5", "1,000", "10,0000", "1_0",
                                    "1e400", "nan", "-1", "0", "2.5", "24", "custom", "<b>x</b>", "a\nb", "\u2028",
                                    "x" * 130, ":rocket:", "**x**", "[x](http://e.x)"]),
                   st.text(max_size=12))
LINKS = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=8)), VALUES, max_size=5)


def _one_line(notices) -> None:
    for n in notices:
        assert n and "\n" not in n and "\r" not in n and "\u2028" not in n and "\u2029" not in n, n
        assert "Traceback" not in n and "Error" not in n and "<b>" not in n and "](" not in n, n


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(LINKS, st.sampled_from(LANGS))
def test_any_link_in_any_language_gives_the_same_scenario_and_one_line_notices(params, lang):
    data = load_data()
    english = parse_params(params, data)
    parsed = parse_params(params, data, t=translator(lang))
    assert parsed.scenario == english.scenario and len(parsed.notices) == len(english.notices)
    _one_line(parsed.notices)
    if lang == "en":
        assert parsed.notices == english.notices


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e", "boundary"]),
                       st.one_of(VALUES, st.sampled_from(["chat:gpt-4o:WORLD", "image:sdxl:FR:10", "a:b:c:d:e:f:g:h"])),
                       max_size=4),
       st.sampled_from(LANGS))
def test_any_comparison_link_in_any_language_gives_one_line_notices(params, lang):
    data = load_data()
    options, english = parse_compare(params, data)
    ours, notices = parse_compare(params, data, t=translator(lang))
    assert ours == options and len(notices) == len(english)
    _one_line(notices)
