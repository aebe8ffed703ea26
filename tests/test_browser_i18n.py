"""The app in French and Chinese in a real browser: the browser's language picks the app's, Chinese glyphs are
drawn (no tofu boxes), nothing overflows a phone, both themes. Screenshots land in tests/artifacts/ to be looked at.
"""

from __future__ import annotations

import re

import pytest

from tests.browser import ARTIFACTS, require_chromium

require_chromium()

WAIT_MS = 45_000
LINK = "/?task=image&model=sdxl&n=10&region=FR"
# The language menu names each language in itself; its label is translated.
MENU = {"fr": "Langue", "zh-Hans": "语言", "zh-Hant": "語言", "en": "Language"}

# Draw a string on a canvas in the page's own font, and the same number of private-use characters (which no font
# draws: each becomes the .notdef "tofu" box). A string whose pixels equal the tofu's has no glyphs.
GLYPHS_JS = """(text) => {
  const font = getComputedStyle(document.querySelector('.stApp')).fontFamily;
  const draw = (s) => {
    const c = document.createElement('canvas'); c.width = 400; c.height = 60;
    const g = c.getContext('2d'); g.font = '32px ' + font; g.fillStyle = '#000'; g.fillText(s, 4, 44);
    return Array.from(g.getImageData(0, 0, 400, 60).data).join(',');
  };
  return draw(text) !== draw('\\uE000'.repeat(text.length));
}"""


def open_app(browser, url: str, scheme: str = "light", width: int = 1280, locale: str | None = None):
    opts = {"viewport": {"width": width, "height": 900}, "color_scheme": scheme}
    if locale:
        opts["locale"] = locale
    context = browser.new_context(**opts)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("text=/CO.e/", timeout=WAIT_MS)
    page.wait_for_selector("text=/🌐/", timeout=WAIT_MS)  # the language menu closes the page: all of it is drawn
    page.wait_for_timeout(1000)
    return context, page


def body_text(page) -> str:
    return page.inner_text("section.main, [data-testid='stMain']")


@pytest.mark.parametrize("lang", ["fr", "zh-Hans"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_estimate_page_in_french_and_chinese_fits_and_is_drawn(browser, app_url, lang, scheme, width):
    context, page = open_app(browser, f"{app_url}{LINK}&lang={lang}", scheme, width)
    try:
        text = body_text(page)
        assert MENU[lang] in text
        if lang.startswith("zh"):
            assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 30
            assert page.evaluate(GLYPHS_JS, "估算碳足迹"), "Chinese characters drawn as tofu: fonts-noto-cjk missing?"
        else:
            assert re.search(r"\d,\d", text), "a French page writes decimal commas"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{overflow}px wider than a {width}px screen"
        page.screenshot(path=str(ARTIFACTS / f"i18n-estimate-{lang}-{scheme}-{width}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("locale, lang", [("zh-TW", "zh-Hant"), ("fr-FR", "fr"), ("de-DE", "en")])
def test_the_browser_language_chooses_the_app_language(browser, app_url, locale, lang):
    context, page = open_app(browser, f"{app_url}{LINK}", locale=locale)
    try:
        assert MENU[lang] in body_text(page)
    finally:
        context.close()


def test_a_french_chart_writes_its_axis_numbers_with_a_decimal_comma(browser, app_url):
    context, page = open_app(browser, f"{app_url}{LINK}&lang=fr")
    try:
        page.wait_for_function("document.querySelectorAll(\"[data-testid='stVegaLiteChart'] svg text\").length > 0",
                               timeout=WAIT_MS)
        labels = page.evaluate("Array.from(document.querySelectorAll(\"[data-testid='stVegaLiteChart'] svg text\"))"
                               ".map(t => t.textContent)")
        decimals = [x for x in labels if re.fullmatch(r"\d+[.,]\d+", x.strip())]
        assert decimals and all("," in x for x in decimals), decimals
    finally:
        context.close()
