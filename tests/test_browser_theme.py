"""Charts in a real browser: readable in the light and the dark theme, and laid out for a 390 px phone.

Contrast is WCAG 2.x's ratio (relative luminance of sRGB colours), computed from the colours the
chart actually draws its text with (the fill of each SVG text element) against the page's
background in that theme. Screenshots land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations


import pytest

from tests.browser import ARTIFACTS, WCAG_AA_TEXT, contrast, luminance, require_chromium, rgb

require_chromium()

WAIT_MS = 45_000
# Every chart page: Estimate with an hourly region and a chosen hour (range bar, greener options, day curve),
# and Compare (one bar per option).
CHART_PAGES = {
    "estimate": ("/?task=image&model=sdxl&n=10&region=FR&hour=3", 3),
    "compare": ("/compare?a=image:sdxl:PL&b=image:sdxl:FR&c=chat:gpt-4o:WORLD", 1),
}

# Every chart's text: its fill, its opacity, and where it sits relative to its chart.
CHART_TEXT_JS = """
() => Array.from(document.querySelectorAll("[data-testid='stVegaLiteChart']")).map((chart) => {
  const box = chart.getBoundingClientRect();
  const texts = Array.from(chart.querySelectorAll("svg text")).filter((t) => t.textContent.trim());
  return {left: box.left, right: box.right, top: box.top, bottom: box.bottom, texts: texts.map((t) => {
    const r = t.getBoundingClientRect();
    const s = getComputedStyle(t);
    return {text: t.textContent, fill: s.fill, opacity: parseFloat(s.opacity) * parseFloat(s.fillOpacity || "1"),
            left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  })};
})
"""


def open_charts(browser, url: str, scheme: str, width: int, expected_charts: int, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    page.goto(url)
    page.wait_for_selector("text=/CO.e/", timeout=WAIT_MS)
    page.wait_for_function(f"document.querySelectorAll(\"[data-testid='stVegaLiteChart'] svg text\").length > 0 && "
                           f"document.querySelectorAll(\"[data-testid='stVegaLiteChart']\").length >= {expected_charts}",
                           timeout=WAIT_MS)
    page.wait_for_timeout(1500)  # let every chart finish drawing and resizing
    return page


def screenshot_charts(page, stem: str) -> None:
    """Each chart on its own (the app scrolls inside its own container, so a full-page shot shows one screen)."""
    charts = page.locator("[data-testid='stVegaLiteChart']")
    for i in range(charts.count()):
        charts.nth(i).screenshot(path=str(ARTIFACTS / f"{stem}_chart{i}.png"))


def page_background(page) -> tuple[float, float, float]:
    return rgb(page.evaluate("getComputedStyle(document.querySelector('.stApp')).backgroundColor"))


@pytest.mark.parametrize("scheme", ["dark", "light"])
@pytest.mark.parametrize("name", list(CHART_PAGES))
def test_every_chart_label_reads_in_both_themes(browser, app_url, name, scheme):
    path, expected = CHART_PAGES[name]
    page = open_charts(browser, app_url + path, scheme, 1366, expected)
    background = page_background(page)
    # the theme really is the one asked for, or the check below would prove nothing
    assert (luminance(background) < 0.2) == (scheme == "dark")
    charts = page.evaluate(CHART_TEXT_JS)
    assert len(charts) >= expected
    for chart in charts:
        assert chart["texts"], "a chart without text in the page (labels must be real text)"
        for t in chart["texts"]:
            assert t["opacity"] >= 0.99, t
            ratio = contrast(rgb(t["fill"]), background)
            assert ratio >= WCAG_AA_TEXT, f"{name}/{scheme}: {t['text']!r} in {t['fill']} has contrast {ratio:.1f}:1"
    screenshot_charts(page, f"browser_theme_{name}_{scheme}")
    page.close()


@pytest.mark.parametrize("scheme", ["dark", "light"])
@pytest.mark.parametrize("name", list(CHART_PAGES))
def test_charts_fit_a_phone_without_clipping_any_word(browser, app_url, name, scheme):
    path, expected = CHART_PAGES[name]
    page = open_charts(browser, app_url + path, scheme, 390, expected, height=844)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling
    for chart in page.evaluate(CHART_TEXT_JS):
        assert chart["right"] <= 390 + 1
        for t in chart["texts"]:
            # every name, value and tick label lies inside its chart, so none is cut off at the edge
            assert chart["left"] - 1 <= t["left"] and t["right"] <= chart["right"] + 1, (name, t)
            assert chart["top"] - 1 <= t["top"] and t["bottom"] <= chart["bottom"] + 1, (name, t)
            assert not t["text"].endswith("…") or t["text"].startswith("Your hour"), (name, t)
    screenshot_charts(page, f"browser_phone_{name}_{scheme}")
    page.close()


def test_greener_options_read_as_a_list_on_a_phone(browser, app_url):
    page = open_charts(browser, app_url + CHART_PAGES["estimate"][0], "light", 390, 3, height=844)
    # no table of narrow columns: each option is one list item whose text spans most of the screen
    # (other tables, e.g. energy at each boundary, wrap their cells and are checked elsewhere)
    assert page.locator("[data-testid='stTable']", has_text="Trade-off").count() == 0
    items = page.evaluate("""() => Array.from(document.querySelectorAll('li')).filter((li) =>
        li.innerText.includes('Trade-off')).map((li) => li.getBoundingClientRect().width)""")
    assert items and min(items) >= 250, items
    page.locator("li", has_text="Trade-off").first.locator("xpath=..").screenshot(
        path=str(ARTIFACTS / "browser_phone_greener_options.png"))
    page.close()
