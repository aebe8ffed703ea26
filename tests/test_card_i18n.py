"""The share cards in French, Simplified and Traditional Chinese: every word translated, the locale's numbers,
Chinese drawn with the Noto Sans CJK face of its script (no empty boxes), an honest fallback without that font."""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image, ImageDraw, ImageFont

from estimator import card, label
from estimator.card import (card_png, card_svg, card_text, compare_card_png, compare_card_svg, compare_card_text,
                            year_card_png, year_card_svg, year_card_text)
from estimator.data import load_data
from estimator.i18n import translator
from tests.app_helpers import _LATIN_WORD, _keep_words

URL = "https://ai-flight-label.example/?task=image&model=sdxl"
DAY = dt.date(2026, 11, 30)
LANGS = ("fr", "zh-Hans", "zh-Hant")
SVG = "{http://www.w3.org/2000/svg}"
CJK = re.compile("[\u3400-\u9fff]")
HAS_CJK_FONT = card.has_font("zh-Hans") and card.has_font("zh-Hant")


@pytest.fixture
def cjk_font():
    """Noto Sans CJK must be here for the glyph tests: skipped on a developer machine without it, a failure on CI."""
    if not HAS_CJK_FONT:
        if os.environ.get("CI"):
            pytest.fail("Noto Sans CJK is missing on CI: .ci/install-fonts.sh should have installed it")
        pytest.skip("Noto Sans CJK is not installed (bash .ci/install-fonts.sh as root)")

SINGLE = {  # several tasks, a life-cycle boundary, self-hosted, an hour of a typical day, a count with a fraction
    "image": dict(task="image", model="sdxl", count=10, region="FR"),
    "chat": dict(task="chat", count=1204, region="US-CA"),
    "summary-lifecycle": dict(task="summarize", boundary="lifecycle", region="DE"),
    "video": dict(task="video", count=3),
    "self-hosted": dict(task="chat", mode="self-hosted", count=1.5, region="SE"),
    "hour": dict(task="image", count=1, region="FR", hour=3, season="winter"),
}


def _year(boundary: str = "datacenter"):
    from estimator.usage.year import UsageLine, UsageProfile, year
    return year(UsageProfile((UsageLine("chat", 20, "day", "ChatGPT"), UsageLine("image", 3, "week", "Midjourney"),
                              UsageLine("summary", 2, "week")), region="FR", boundary=boundary))


# ------------------------------------------------------------------ what is still English

def _other_owners_english(lang: str) -> list[str]:
    """English the card gets from data rows whose translations another helper adds (tasks, units, equivalents,
    presets, alternatives): stripped before the check only while the catalogue still lacks them, so the check
    tightens by itself once they are translated."""
    t = translator(lang)
    data = load_data()
    out = []
    rows = ([("tasks.name", x.name) for x in data.tasks.values()]
            + [("tasks.unit_singular", x.unit_singular) for x in data.tasks.values()]
            + [("tasks.unit_plural", x.unit_plural) for x in data.tasks.values()]
            + [("equivalents.label_singular", x.label_singular) for x in data.equivalents.values()]
            + [("equivalents.label_plural", x.label_plural) for x in data.equivalents.values()]
            + [("presets.label", x.label) for x in data.presets.values()]
            + [("alternatives.label", x.label) for x in data.alternatives.values()]
            + [("alternatives.trade_off", x.trade_off) for x in data.alternatives.values()]
            + [("alternatives.trade_off_" + tid, text) for x in data.alternatives.values()
               for tid, text in x.trade_off_by_task]
            + [("grid_intensity.name", z.name) for z in data.zones.values() if z.kind in ("world", "us_state")])
    for context, text in rows:
        if t._p(context, text) == text:
            out.append(text)
    # an hour of a typical day as estimator/hourly.py words it (inside present.change_words: another helper's)
    out.append("local time (typical winter day)")
    return sorted(set(out), key=len, reverse=True)


def english_left(english: list[str], translated: list[str], lang: str) -> list[str]:
    """tests/app_helpers.english_left on a card's strings: a string identical to the English card's with a Latin
    word that is not a name or unit, or in Chinese any string with two such words."""
    keep = _keep_words()
    foreign = _other_owners_english(lang)

    def words(text: str) -> list[str]:
        text = re.sub(r"https?://\S+", " ", text)
        for f in foreign:
            text = text.replace(f, " ")
        return [w for w in _LATIN_WORD.findall(text) if w not in keep and w.strip("'’-") not in keep]

    seen = set(english)
    left = []
    for text in dict.fromkeys(translated):
        if (text in seen and words(text)) or (lang.startswith("zh") and len(words(text)) >= 2):
            left.append(text)
    return left


def _strings(c) -> list[str]:
    """Every string of a CardText, YearCardText or CompareCardText, flattened."""
    out: list[str] = []

    def walk(v):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, (tuple, list)) and v and all(isinstance(x, str) for x in v):
            out.append(" ".join(v))  # one wrapped text (an equivalent, the citation): checked whole
        elif isinstance(v, (tuple, list)):
            for x in v:
                walk(x)
        elif hasattr(v, "__dataclass_fields__"):
            for name in v.__dataclass_fields__:
                if name == "shares":  # (kind key, share, words): only the words are drawn
                    walk([words for _kind, _share, words in v.shares])
                elif name not in ("category", "letter"):
                    walk(getattr(v, name))
    walk(c)
    return [s for s in out if s.strip()]


@pytest.mark.parametrize("case", list(SINGLE))
@pytest.mark.parametrize("lang", LANGS)
def test_every_word_of_the_single_card_is_translated(case, lang):
    lab = label(**SINGLE[case])
    english = _strings(card_text(lab, URL, DAY))
    translated = _strings(card_text(lab, URL, DAY, lang=lang))
    assert english_left(english, translated, lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_word_of_the_comparison_and_year_cards_is_translated(lang):
    same_task = [label(task="image", model="sdxl", count=10, region="FR"),
                 label(task="image", model="flux.1-dev", count=10, region="FR")]
    tasks = [label(task="chat"), label(task="image"), label(task="chat", region="FR", mode="self-hosted")]
    for labs in (same_task, tasks):
        english = _strings(compare_card_text(labs, URL, DAY))
        assert english_left(english, _strings(compare_card_text(labs, URL, DAY, lang=lang)), lang) == []
    for boundary in ("datacenter", "lifecycle"):
        r = _year(boundary)
        english = _strings(year_card_text(r, URL, DAY))
        assert english_left(english, _strings(year_card_text(r, URL, DAY, lang=lang)), lang) == []


def test_the_check_finds_english_when_there_is_some():
    lab = label(**SINGLE["image"])
    english = _strings(card_text(lab, URL, DAY))
    assert english_left(english, english, "fr")  # an untranslated card is caught
    assert english_left(english, english, "zh-Hans")


def test_numbers_are_written_the_locales_way():
    lab = label(**SINGLE["image"])
    fr, en = card_text(lab, URL, DAY, lang="fr"), card_text(lab, URL, DAY)
    assert en.big == "0.40 g" and fr.big in ("0,40\u00a0g", "0,40\u202fg", "0,40 g")
    assert "\u202f%" in fr.percent or "\u00a0%" in fr.percent  # "−98 %"
    chat = card_text(label(**SINGLE["chat"]), URL, DAY, lang="fr")
    assert "1\u202f204" in chat.title or "1\u00a0204" in chat.title  # the exact count, with a French thousands space
    assert fr.citation[-1].endswith(URL) and "en français" in " ".join(fr.citation).replace("\n", " ")


def test_alt_text_and_citation_are_in_the_readers_language():
    lab = label(**SINGLE["image"])
    svg = card_svg(lab, URL, DAY, lang="zh-Hant")
    root = ET.fromstring(svg)
    desc, title = root.find(f"{SVG}desc").text, root.find(f"{SVG}title").text
    assert "繁體中文版" in desc and "估算" in desc and "資料中心核算邊界" in desc
    assert "電網" in title and "电网" not in title  # Traditional, not the Simplified text
    assert card_text(lab, URL, DAY, lang="zh-Hant").desc == desc


def test_english_stays_the_default_and_new_parameters_are_keyword_only():
    lab = label(**SINGLE["image"])
    assert card_svg(lab, URL, DAY) == card_svg(lab, URL, DAY, lang="en")
    assert card_png(lab, URL, DAY) == card_png(lab, URL, DAY, t=translator("en"))
    with pytest.raises(TypeError):
        card_svg(lab, URL, DAY, "fr")  # the pages' positional calls keep working: lang is keyword-only
    svg = card_svg(lab, URL, DAY, t=translator("fr"))
    assert 'xml:lang="fr"' in svg and "Périmètre centre de données" in svg


@pytest.mark.parametrize("lang", LANGS)
def test_every_card_renders_in_every_language(lang):
    lab = label(**SINGLE["summary-lifecycle"])
    labs = [label(task="chat"), label(task="chat", region="FR")]
    r = _year()
    for svg in (card_svg(lab, URL, DAY, lang=lang), compare_card_svg(labs, URL, DAY, lang=lang),
                year_card_svg(r, URL, DAY, lang=lang)):
        root = ET.fromstring(svg)
        assert root.get("width") == "1200" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for png in (card_png(lab, URL, DAY, lang=lang), compare_card_png(labs, URL, DAY, lang=lang),
                year_card_png(r, URL, DAY, lang=lang)):
        img = Image.open(io.BytesIO(png))
        img.load()
        assert img.size == (1200, 630)


def test_the_svg_names_chinese_font_families_by_script():
    lab = label(**SINGLE["image"])
    hans, hant = card_svg(lab, lang="zh-Hans"), card_svg(lab, lang="zh-Hant")
    fam_hans = ET.fromstring(hans).get("font-family")
    fam_hant = ET.fromstring(hant).get("font-family")
    assert fam_hans.startswith('"Noto Sans CJK SC"') and "PingFang SC" in fam_hans and "Microsoft YaHei" in fam_hans
    assert fam_hant.startswith('"Noto Sans CJK TC"') and "PingFang TC" in fam_hant and "Microsoft JhengHei" in fam_hant
    assert fam_hans.endswith("sans-serif") and fam_hant.endswith("sans-serif")
    assert ET.fromstring(card_svg(lab)).get("font-family") == card.FONT_FAMILY  # English as before


# ------------------------------------------------------------------ fonts: the right face, no tofu

def _notdef(font: ImageFont.FreeTypeFont) -> bytes:
    """What the font draws for a character it lacks (a plane-15 private-use code point no font here has)."""
    return _mask(font, "\U000F0000")


def _mask(font: ImageFont.FreeTypeFont, ch: str) -> bytes:
    m = font.getmask(ch)
    return bytes(m) + repr(m.size).encode()


def test_the_tofu_check_can_fail():
    """DejaVu Sans has no Chinese: each character comes out as its .notdef box, which the check recognises."""
    dejavu = card._font(card.BODY_SIZE)
    assert dejavu.getname()[0] == "DejaVu Sans"
    assert _mask(dejavu, "碳") == _notdef(dejavu)


@pytest.mark.usefixtures("cjk_font")
def test_each_script_gets_its_own_noto_face():
    sc, tc = card._cjk_font("zh-Hans", 40), card._cjk_font("zh-Hant", 40)
    assert sc.getname()[0] == "Noto Sans CJK SC" and tc.getname()[0] == "Noto Sans CJK TC"
    assert card._cjk_font("zh-Hans", 40, True).getname() == ("Noto Sans CJK SC", "Bold")
    # the same character, drawn the way each script writes it: 骨 and 直 differ between SC and TC
    assert _mask(sc, "骨") != _mask(tc, "骨") or _mask(sc, "直") != _mask(tc, "直")


def _drawn(monkeypatch, render) -> list[tuple[str, ImageFont.FreeTypeFont]]:
    calls = []
    original = ImageDraw.ImageDraw.text

    def spy(self, xy, text, *args, **kwargs):
        calls.append((text, kwargs["font"]))
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", spy)
    render()
    monkeypatch.undo()
    return calls


@pytest.mark.usefixtures("cjk_font")
@pytest.mark.parametrize("lang", ("zh-Hans", "zh-Hant"))
def test_chinese_png_text_is_drawn_with_glyphs_not_boxes(lang, monkeypatch):
    lab = label(**SINGLE["image"])
    face = card.CJK_FACES[lang]
    for render in (lambda: card_png(lab, URL, DAY, lang=lang), lambda: year_card_png(_year(), URL, DAY, lang=lang),
                   lambda: compare_card_png([label(task="chat"), label(task="chat", region="FR")], URL, DAY,
                                            lang=lang)):
        calls = _drawn(monkeypatch, render)
        chinese = [(text, font) for text, font in calls if CJK.search(text)]
        assert len(chinese) >= 5  # the band, not counted, the footer, the citation …
        for text, font in chinese:
            assert font.getname()[0] == face
            tofu = _notdef(font)
            missing = {ch for ch in text if not ch.isspace() and _mask(font, ch) == tofu}
            assert not missing, (text, missing)


def test_chinese_text_wraps_between_characters_and_fits():
    text = "估算：AI Flight Label，方法 2026.3，数据 b8365c194f，2026-11-30，简体中文版，" + "https://example.org/" + "很长" * 40
    with card._drawing("zh-Hans"):
        lines = card._wrap(text, card.SMALL_SIZE, 500, 4)
        assert len(lines) == 4
        assert all(card._width(line, card.SMALL_SIZE) <= 500 for line in lines)
        assert lines[-1].endswith("…")
        assert not any(line[:1] in "，。、；：）」" for line in lines)  # no line starts with a closing mark
        assert "".join(lines[:3]) == text[:sum(map(len, lines[:3]))].replace(" ", "") or lines[0].startswith("估算：")
        # a short Chinese line is never cut
        assert card._wrap("未计入：模型训练。", card.SMALL_SIZE, 500, 2) == ("未计入：模型训练。",)


def test_french_band_steps_down_before_cutting_words():
    lab = label(task="chat", model="llama-3.1-8b")
    c = card_text(lab, URL, DAY, lang="fr")
    assert "…" not in c.words and c.band_size <= card.BAND_SIZE
    assert card_text(lab, URL, DAY).band_size == card.BAND_SIZE  # English as before


# ------------------------------------------------------------------ without the font: honest fallback

@pytest.fixture
def no_cjk_font(monkeypatch, tmp_path):
    monkeypatch.setattr(card, "CJK_FONT_DIRS", (str(tmp_path),))
    card._cjk_font_file.cache_clear()
    card._cjk_font.cache_clear()
    yield
    monkeypatch.undo()
    card._cjk_font_file.cache_clear()
    card._cjk_font.cache_clear()


def test_without_the_cjk_font_the_png_is_english_and_says_why(no_cjk_font, caplog):
    lab = label(**SINGLE["image"])
    assert not card.has_font("zh-Hans") and card.has_font("fr")
    with caplog.at_level(logging.WARNING, logger="estimator.card"):
        png = card_png(lab, URL, DAY, lang="zh-Hans")
    assert png == card_png(lab, URL, DAY)  # the English card, not a card of boxes
    assert any("fonts-noto-cjk" in r.getMessage() and "English" in r.getMessage() for r in caplog.records)
    assert card.png_lang("zh-Hant") == "en" and card.png_lang("fr") == "fr"
    # the SVG is drawn by the reader's browser (its own Chinese fonts): still Chinese, measured one em a character
    svg = card_svg(lab, URL, DAY, lang="zh-Hans")
    assert "电网" in svg and ET.fromstring(svg).get("font-family").startswith('"Noto Sans CJK SC"')
    with card._drawing("zh-Hans"):
        assert card._width("电网电网", 20) == 80
