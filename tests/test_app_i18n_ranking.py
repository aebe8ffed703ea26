"""The Ranking page in French, Simplified and Traditional Chinese (issue 12): headings, filters, the table's column
headers and words, captions and the ranking's own reasons in the reader's language; the CSV keeps English keys.

The check is ``own_english_left`` (tests/test_app_i18n_compare.py, see FILTER there): english_left restricted to
texts holding an English literal of pages/ranking.py or estimator/ranking.py, until the shared blocks and the data
names are merged.
"""

from __future__ import annotations

import re

import pytest

from app_helpers import open_page, texts
from test_app_i18n_compare import LANGS, own_english_left

OWN_SOURCES = ("pages/ranking.py", "estimator/ranking.py")
LINKS = {
    "default": {},
    "image in France": {"task": "image", "model": "sdxl", "region": "FR", "n": "10"},
    "summaries, life cycle": {"task": "summarize", "boundary": "lifecycle", "region": "DE"},
    "video, a model left out": {"task": "video", "seconds": "0.05"},
    "a notice": {"task": "chat", "region": "atlantis"},
}


@pytest.fixture(scope="module")
def english_pages():
    return {name: open_page("ranking", params) for name, params in LINKS.items()}


def _table(at) -> list[dict]:
    return at.dataframe[0].value.to_dict("records")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("link", list(LINKS))
def test_the_ranking_page_writes_no_english_of_its_own(english_pages, link, lang):
    translated = open_page("ranking", LINKS[link] | {"lang": lang})
    assert not translated.exception
    assert own_english_left(english_pages[link], translated, lang, OWN_SOURCES) == []


@pytest.mark.parametrize("lang, headers, words", [
    ("en", ["#", "Model", "CO₂e", "Range", "Label", "Figure"], {"Measured", "Extrapolated"}),
    ("fr", ["#", "Modèle", "CO₂e", "Fourchette", "Étiquette", "Chiffre"], {"Mesuré", "Extrapolé"}),
    ("zh-Hans", ["#", "模型", "CO₂e", "范围", "标签", "数据类型"], {"实测", "外推"}),
    ("zh-Hant", ["#", "模型", "CO₂e", "範圍", "標籤", "資料類型"], {"實測", "外推"}),
])
def test_the_tables_headers_and_words_are_the_readers(lang, headers, words):
    at = open_page("ranking", {"task": "chat", "lang": lang})
    rows = _table(at)
    assert list(rows[0]) == headers
    assert {r[headers[-1]] for r in rows} <= words and len({r[headers[-1]] for r in rows}) >= 1


def test_french_grams_have_decimal_commas_and_the_rank_sentence_is_french():
    at = open_page("ranking", {"task": "chat", "model": "llama-3.1-8b", "lang": "fr"})
    grams = [r["CO₂e"] for r in _table(at)]
    assert any("," in g for g in grams) and not any(re.search(r"\d\.\d", g) for g in grams), grams
    assert any("le modèle de votre estimation" in t and "n°\u00a0" in t and " sur " in t for t in texts(at))


def test_a_model_left_out_is_said_in_the_readers_language():
    at = open_page("ranking", {"task": "video", "seconds": "0.05", "lang": "zh-Hans"})
    left = [t for t in texts(at) if t.startswith("未列入：")]
    if not left:
        pytest.skip("every video model can make a 0.05 s clip")
    assert all("短于该模型的一帧" in t for t in left), left


def test_the_csv_download_keeps_english_keys():
    at = open_page("ranking", {"task": "chat", "lang": "zh-Hant"})
    assert [d.label for d in at.get("download_button")] == ["排名（CSV）"]
    from estimator.ranking import ranking, ranking_records
    from estimator.present import csv_text
    header = csv_text(ranking_records(ranking(task="chat"))).splitlines()[0]
    assert header.startswith("rank,model_id,model_name")
