"""The data tables in French, Simplified and Traditional Chinese: names a reader sees, read as a native reader would.

The English in data/*.csv stays the one source; each translated text is a catalogue entry whose context names
its table and column (estimator/i18n/names.py). These tests check what a reader meets: a unit word after a
number, a state's standard name, a country named by CLDR, a plural French grammar asks for, the typography and
the key terms of each language, and English left exactly as it was.
"""

from __future__ import annotations

import re

import pytest

from estimator import load_data
from estimator.i18n import Translator, names
from estimator.i18n.catalog import data_messages

CHINESE = ("zh-Hans", "zh-Hant")
TRANSLATED = ("fr",) + CHINESE
LATIN = re.compile(r"[A-Za-z]")
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def data():
    return load_data()


def _t(lang: str) -> Translator:
    return Translator(lang)


def _data_texts(lang: str) -> list[tuple[str, str, str]]:
    """(context, English, translation) for every data text a reader sees."""
    t = _t(lang)
    return [(w.context, w.msgid, t._p(w.context, w.msgid)) for w in data_messages()
            if w.context.split(".")[0] in NAME_TABLES]


# The tables of names and short texts tested here; the claims' texts have their own tests (tests/test_claims_i18n.py).
NAME_TABLES = {"tasks", "presets", "alternatives", "equivalents", "precision", "datacenters", "grid_intensity",
               "usage_presets"}


# ---------------------------------------------------------------- every data text is translated, English untouched

@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_data_text_comes_from_the_catalogue_not_from_the_english_fallback(lang):
    cat = _t(lang)._cat.messages
    missing = [f"{w.where} [{w.context}] {w.msgid!r}" for w in data_messages() if (w.context, w.msgid) not in cat]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("lang", CHINESE)
def test_every_chinese_data_text_is_written_in_chinese(lang):
    # model and format names (BF16, GPTQ/AWQ, AI, GPU, LED) stay Latin inside the sentence; the sentence is Chinese
    not_chinese = [(ctx, en, tr) for ctx, en, tr in _data_texts(lang) if not CJK.search(tr)]
    assert not not_chinese


# French writes these exactly as English does: US states that keep their name, and two words French shares.
SAME_IN_FRENCH = {("tasks.unit_singular", "document"), ("tasks.unit_plural", "documents"),
                  ("tasks.unit_singular", "image"), ("tasks.unit_plural", "images")}


def test_french_data_texts_differ_from_the_english_except_names_and_shared_words():
    same = [(ctx, en) for ctx, en, tr in _data_texts("fr")
            if tr == en and (ctx, en) not in SAME_IN_FRENCH and ctx != "grid_intensity.name"]
    assert not same


def test_english_readers_see_the_data_exactly_as_written(data):
    en = _t("en")
    for task in data.tasks.values():
        assert names.task_name(task, en) == task.name
        assert names.task_unit(task, 1, en) == task.unit_singular
        assert names.task_unit(task, 3, en) == task.unit_plural
    for eq in data.equivalents.values():
        assert names.equivalent_label(eq, 2.0, en) == eq.label_plural
    for alt in data.alternatives.values():
        assert names.alternative_label(alt, en) == alt.label
        for task_id in data.tasks:
            assert names.alternative_trade_off(alt, task_id, en) == alt.trade_off_for(task_id)
    for z in data.zones.values():
        assert names.zone_name(z, en) == z.name


# ---------------------------------------------------------------- unit words read after a number

MEASURE_WORDS = {"zh-Hans": ("次", "篇", "张", "段", "个", "份"), "zh-Hant": ("次", "篇", "張", "段", "個", "份")}


@pytest.mark.parametrize("lang", CHINESE)
def test_a_chinese_unit_word_reads_after_a_number_with_its_measure_word(lang, data):
    t = _t(lang)
    for task in data.tasks.values():
        for n in (1, 3, 1204):
            unit = names.task_unit(task, n, t)
            text = f"{t.count(n)} {unit}"
            assert not LATIN.search(unit), text
            assert unit.startswith(MEASURE_WORDS[lang]), text  # "3 张图片", never "3 图片"
        assert names.task_unit(task, 1, t) == names.task_unit(task, 3, t)  # Chinese has one form


def test_a_french_unit_word_takes_the_plural_french_grammar_gives_it(data):
    fr = _t("fr")
    for task in data.tasks.values():
        one, three = names.task_unit(task, 1, fr), names.task_unit(task, 3, fr)
        assert one != three and three.split()[0].endswith(("s", "x")), (one, three)
        assert names.task_unit(task, 1.5, fr) == one  # French: "1,5 image" (CLDR), English "1.5 images"
    chat, video = data.tasks["chat"], data.tasks["video"]
    assert f"{fr.count(1204)} {names.task_unit(chat, 1204, fr)}" == "1\u202f204 requêtes"
    assert names.task_unit(video, 2, fr) == "clips vidéo"  # the noun takes the plural, not the adjective


@pytest.mark.parametrize("lang", TRANSLATED)
def test_task_names_are_translated(lang, data):
    t = _t(lang)
    for task in data.tasks.values():
        assert names.task_name(task, t) != task.name


# ---------------------------------------------------------------- places: US states by their standard names, countries by CLDR

@pytest.mark.parametrize("lang", CHINESE)
def test_every_us_state_in_chinese_ends_with_zhou_and_the_capital_district_is_a_district(lang, data):
    t = _t(lang)
    states = [z for z in data.zones.values() if z.kind == "us_state"]
    assert len(states) == 51
    written = {z.zone_id: names.zone_name(z, t) for z in states}
    assert len(set(written.values())) == 51  # no two states share a name
    for zone_id, name in written.items():
        if zone_id == "US-DC":
            assert name.endswith("特区" if lang == "zh-Hans" else "特區"), name
        else:
            assert name.endswith("州") and not LATIN.search(name), (zone_id, name)


def test_standard_chinese_names_of_a_few_states_as_each_script_writes_them(data):
    z = data.zones
    hans, hant = _t("zh-Hans"), _t("zh-Hant")
    assert names.zone_name(z["US-CA"], hans) == "加利福尼亚州" and names.zone_name(z["US-CA"], hant) == "加利福尼亞州"
    assert names.zone_name(z["US-NY"], hans) == "纽约州" and names.zone_name(z["US-NY"], hant) == "紐約州"
    # Taiwan's own transcriptions, not a character-by-character conversion of the mainland names
    assert names.zone_name(z["US-NJ"], hant) == "紐澤西州" and names.zone_name(z["US-NJ"], hans) == "新泽西州"
    assert names.zone_name(z["US-VA"], hant) == "維吉尼亞州" and names.zone_name(z["US-VA"], hans) == "弗吉尼亚州"


FRENCH_STATES = {
    "US-CA": "Californie", "US-NC": "Caroline du Nord", "US-SC": "Caroline du Sud", "US-ND": "Dakota du Nord",
    "US-SD": "Dakota du Sud", "US-FL": "Floride", "US-GA": "Géorgie", "US-LA": "Louisiane",
    "US-NM": "Nouveau-Mexique", "US-NY": "New York", "US-PA": "Pennsylvanie", "US-VA": "Virginie",
    "US-WV": "Virginie-Occidentale", "US-HI": "Hawaï", "US-DC": "District de Columbia",
}


def test_french_writes_the_states_french_names_differently(data):
    fr = _t("fr")
    written = {zone_id: names.zone_name(data.zones[zone_id], fr) for zone_id in FRENCH_STATES}
    assert written == FRENCH_STATES
    assert names.zone_name(data.zones["US-TX"], fr) == "Texas"  # names French keeps as they are


@pytest.mark.parametrize("lang, france, world", [("fr", "France", "Monde"), ("zh-Hans", "法国", "全球"),
                                                 ("zh-Hant", "法國", "全球")])
def test_countries_come_from_cldr_the_world_from_the_catalogue_and_cloud_regions_keep_their_names(lang, france, world, data):
    t = _t(lang)
    assert names.zone_name(data.zones["FR"], t) == france
    assert names.zone_name(data.zones["WORLD"], t) == world
    region = data.zones["eu-central-1"]
    assert names.zone_name(region, t) == region.name == "AWS eu-central-1 (Frankfurt)"


# ---------------------------------------------------------------- everyday equivalents

def test_french_equivalents_take_the_plural_after_two_and_the_singular_below_two(data):
    fr = _t("fr")
    for eq in data.equivalents.values():
        one, half, two = (names.equivalent_label(eq, x, fr) for x in (1, 0.5, 2))
        assert one != two, eq.equivalent_id  # "1 recharge de smartphone", "2 recharges de smartphone"
        assert half == one, eq.equivalent_id  # "0,5 kilomètre parcouru": French singular below 2
    car = data.equivalents["car_km"]
    assert f"{fr.amount(2.4)} {names.equivalent_label(car, 2.4, fr)}" == "2,4 kilomètres parcourus en voiture à essence"


@pytest.mark.parametrize("lang", CHINESE)
def test_chinese_equivalents_read_after_a_number(lang, data):
    t = _t(lang)
    for eq in data.equivalents.values():
        label = names.equivalent_label(eq, 2.4, t)
        assert label == names.equivalent_label(eq, 1, t)  # one form
        # the word right after the number is a unit or a measure word ("2.4 公里的燃油车车程", "2.4 次…充电")
        assert CJK.match(label), label
    phone = data.equivalents["phone_charges"]
    assert names.equivalent_label(phone, 3, t) == {"zh-Hans": "次智能手机充电", "zh-Hant": "次智慧型手機充電"}[lang]


# ---------------------------------------------------------------- greener options: advice in each language's own key terms

KEY_TERMS = {  # English word in the data text → the word each translation must use for it
    "prompt": {"fr": "requête", "zh-Hans": "提示词", "zh-Hant": "提示詞"},
    "datacenter": {"fr": "centre de données", "zh-Hans": "数据中心", "zh-Hant": "資料中心"},
    "grid": {"fr": "réseau électrique", "zh-Hans": "电网", "zh-Hant": "電網"},
}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_key_terms_are_the_projects_words_in_every_data_text(lang):
    wrong = []
    for ctx, en, tr in _data_texts(lang):
        for word, want in KEY_TERMS.items():
            if word in en.lower() and want[lang] not in tr.lower():
                wrong.append((ctx, en, tr, want[lang]))
    assert not wrong


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_trade_off_is_the_translated_text_for_its_task(lang, data):
    t = _t(lang)
    for alt in data.alternatives.values():
        assert names.alternative_label(alt, t) != alt.label
        for task_id in data.tasks:
            words = names.alternative_trade_off(alt, task_id, t)
            assert words != alt.trade_off_for(task_id) and words.strip()
    small = data.alternatives["smaller_model"]
    # the task's own words, not the general ones
    assert names.alternative_trade_off(small, "image", t) != names.alternative_trade_off(small, "chat", t)


# ---------------------------------------------------------------- typography

def test_french_uses_a_narrow_no_break_space_before_high_punctuation_and_curly_apostrophes():
    bad = []
    for ctx, en, tr in _data_texts("fr"):
        if re.search(r"[^\u202f\u00a0][;:!?]", tr) or "'" in tr or re.search(r"«[^\u202f]|[^\u202f]»", tr):
            bad.append(tr)
    assert not bad


@pytest.mark.parametrize("lang", CHINESE)
def test_chinese_uses_full_width_punctuation_and_no_space_between_characters(lang):
    bad = []
    for ctx, en, tr in _data_texts(lang):
        if re.search(r"[,;:()]", tr) or re.search(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])", tr):
            bad.append(tr)
        if tr.endswith(".") or (en.endswith(".") and not tr.endswith("。")):
            bad.append(tr)
    assert not bad


# Characters only one script writes: a Traditional text containing a Simplified form was not written for Taiwan.
SIMPLIFIED_ONLY = set("这们为个张数据电网图视频软络对话简较时间页报终结钟动车满线")
TRADITIONAL_ONLY = set("這們為個張數據電網圖視頻軟絡對話簡較時間頁報終結鐘動車滿線")


def test_each_chinese_script_is_written_in_its_own_characters_and_taiwan_words():
    hans = _data_texts("zh-Hans")
    hant = _data_texts("zh-Hant")
    assert not [tr for _c, _e, tr in hant if set(tr) & SIMPLIFIED_ONLY]
    assert not [tr for _c, _e, tr in hans if set(tr) & TRADITIONAL_ONLY]
    # Taiwan usage, not a conversion of mainland words
    assert not [tr for _c, _e, tr in hant if re.search("數據|視頻|網絡|軟件|分辨率|信息", tr)]
    hant_text = "".join(tr for _c, _e, tr in hant)
    assert "資料" in hant_text and "影片" in hant_text and "解析度" in hant_text
