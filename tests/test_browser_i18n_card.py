"""The SVG share cards in a real browser (Debian's Chromium) in Simplified Chinese, Traditional Chinese and French:
the CJK face named first is the one used, every line stays inside the card, screenshots saved to look at."""

from __future__ import annotations

import datetime as dt

import pytest

from estimator import label
from estimator.card import compare_card_svg, card_svg, has_font, year_card_svg
from tests.browser import ARTIFACTS, require_chromium

require_chromium()

URL = "https://ai-flight-label.example/?task=image&model=sdxl&region=FR"
DAY = dt.date(2026, 11, 30)

# Each <text>'s box as the browser laid it out, in the SVG's own units (the card is shown at 1200×630).
_BOXES_JS = """() => Array.from(document.querySelectorAll('svg text')).map(t => {
    const b = t.getBBox();
    return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height, end: t.getAttribute('text-anchor')};
})"""


def _cards(lang: str) -> dict[str, str]:
    from estimator.usage.year import UsageLine, UsageProfile, year
    r = year(UsageProfile((UsageLine("chat", 20, "day", "ChatGPT"), UsageLine("image", 3, "week", "Midjourney"),
                           UsageLine("summary", 2, "week")), region="FR"))
    return {
        "single": card_svg(label(task="image", model="sdxl", count=10, region="FR"), URL, DAY, lang=lang),
        "lifecycle": card_svg(label(task="chat", count=1204, boundary="lifecycle", region="DE"), URL, DAY, lang=lang),
        "compare": compare_card_svg([label(task="image", model="sdxl", count=10, region="FR"),
                                     label(task="image", model="flux.1-dev", count=10, region="FR"),
                                     label(task="image", model="sdxl", count=10, region="PL")], URL, DAY, lang=lang),
        "year": year_card_svg(r, URL, DAY, lang=lang),
    }


@pytest.mark.parametrize("lang", ("zh-Hans", "zh-Hant", "fr"))
def test_svg_cards_lay_out_inside_the_card_and_are_saved_for_a_look(browser, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 630})
    try:
        for name, svg in _cards(lang).items():
            page.set_content(f"<!doctype html><html lang='{lang}'><body style='margin:0'>{svg}</body></html>")
            page.evaluate("() => document.fonts.ready")
            boxes = page.evaluate(_BOXES_JS)
            assert len(boxes) >= 8
            for b in boxes:
                assert b["x"] >= 0 and b["x"] + b["w"] <= 1200 - 40, (name, b)  # inside the card's margins
                assert b["y"] >= 0 and b["y"] + b["h"] <= 630, (name, b)
            page.screenshot(path=str(ARTIFACTS / f"card_i18n_{lang}_{name}.png"))
            if lang.startswith("zh") and has_font(lang):
                face = "Noto Sans CJK SC" if lang == "zh-Hans" else "Noto Sans CJK TC"
                assert page.evaluate(f"() => document.fonts.check('24px \"{face}\"', '电網')")
    finally:
        page.close()


def test_a_line_measured_in_python_is_as_wide_in_the_browser(browser):
    """The card measures Chinese with Noto Sans CJK: the browser, drawing with the same face, agrees within a few
    per cent, so a line fitted in Python does not overflow on screen."""
    if not has_font("zh-Hans"):
        pytest.skip("Noto Sans CJK is not installed")
    from estimator import card
    text = "未计入：模型训练、硬件制造、用水以及您自己的设备。"
    with card._drawing("zh-Hans"):
        expected = card._width(text, card.SMALL_SIZE)
    page = browser.new_page()
    try:
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="100" font-family=\'{card.CJK_FAMILIES["zh-Hans"]}\'>'
               f'<text x="0" y="50" font-size="{card.SMALL_SIZE}">{text}</text></svg>')
        page.set_content(f"<!doctype html><html lang='zh-Hans'><body style='margin:0'>{svg}</body></html>")
        page.evaluate("() => document.fonts.ready")
        width = page.evaluate("() => document.querySelector('text').getComputedTextLength()")
    finally:
        page.close()
    assert abs(width - expected) <= 0.03 * expected, (width, expected)
