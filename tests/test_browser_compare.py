"""The Compare page in a real headless Chromium: one projector screen (1280×720), readable cards, a phone.

Screenshots go to tests/artifacts/ (compare_projector_{light,dark}.png, compare_four_{light,dark}.png,
compare_phone.png) and were looked at when this test was written.
"""

from __future__ import annotations


import pytest

from tests.browser import ARTIFACTS, require_chromium

require_chromium()

WAIT_MS = 45_000
PROJECTOR = (1280, 720)
PHONE = (390, 844)
# Readable from the back of a room: body text is 16 px; the review found 14 px grey captions too small.
# 18 px is the smallest size large-print guidance accepts; WCAG AA asks 4.5:1 contrast for text.
MIN_CARD_TEXT_PX = 18
MIN_CONTRAST = 4.5
FOUR = "/compare?a=chat:gpt-4o:WORLD&b=chat:llama-3.1-8b:WORLD&c=image:sdxl:PL&d=image:sdxl:FR"

# The computed colour of an element's text and of the first opaque background behind it.
COLOURS_JS = """el => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  let bg = null, node = el;
  while (node && node.nodeType === 1) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.length >= 3 && (c.length < 4 || c[3] > 0.99)) { bg = c.slice(0, 3); break; }
    node = node.parentElement;
  }
  const s = getComputedStyle(el);
  return {fg: parse(s.color).slice(0, 3), alpha: parse(s.color)[3] ?? 1, bg: bg || [255, 255, 255],
          size: parseFloat(s.fontSize), opacity: parseFloat(s.opacity)};
}"""


def luminance(rgb) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0–255 channels)."""
    def lin(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg, alpha: float = 1.0) -> float:
    """WCAG contrast ratio, the text colour blended over its background by its alpha."""
    mixed = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg)]
    hi, lo = sorted((luminance(mixed), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def open_compare(browser, url: str, size=PROJECTOR, scheme: str = "light"):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]}, color_scheme=scheme)
    page.goto(url)
    page.wait_for_selector("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg",
                           timeout=WAIT_MS)
    page.wait_for_timeout(1500)  # let the chart and fonts settle before measuring
    return page


def box(locator) -> dict:
    b = locator.bounding_box()
    assert b is not None, "element not rendered"
    return b


def descriptions(page):
    """Each card's description paragraph ('A · 1 query with GPT-4o …'), as body text (not a caption)."""
    return card_lines(page, " with ").filter(has_text=" grid — ")


def card_lines(page, text: str):
    """Body-text paragraphs (markdown, not a grey st.caption) holding ``text``."""
    return page.locator("[data-testid='stMarkdown'] p:not([data-testid='stCaptionContainer'] p)", has_text=text)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_at_1280x720_the_cards_and_the_chart_share_the_first_screen(browser, app_url, scheme):
    page = open_compare(browser, app_url + "/compare", scheme=scheme)
    chart = box(page.locator("[data-testid='stVegaLiteChart']").first)
    assert chart["y"] >= 0 and chart["y"] + chart["height"] <= PROJECTOR[1], chart
    cards = descriptions(page)
    assert cards.count() == 2
    for i in range(2):
        assert 0 <= box(cards.nth(i))["y"] < PROJECTOR[1]
    # with two options (the classroom case) every line of every card is on the first screen
    for line in card_lines(page, "≈ ").all():
        b = box(line)
        assert b["y"] + b["height"] <= PROJECTOR[1], b
    ratio = box(page.get_by_text("A is ", exact=False).first)
    assert ratio["y"] + ratio["height"] <= PROJECTOR[1]
    page.screenshot(path=str(ARTIFACTS / f"compare_projector_{scheme}.png"))
    page.close()


def test_the_option_editors_are_one_click_away_below_the_chart(browser, app_url):
    page = open_compare(browser, app_url + "/compare")
    heading = page.get_by_role("heading", name="What to compare")
    assert box(heading)["y"] > PROJECTOR[1]  # out of the way of the projected comparison
    page.get_by_role("link", name="Change the options ↓").click()
    page.wait_for_timeout(1000)
    b = box(heading)
    assert 0 <= b["y"] < PROJECTOR[1], b
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_with_four_options_the_chart_and_the_cards_tops_are_on_the_first_screen(browser, app_url, scheme):
    page = open_compare(browser, app_url + FOUR, scheme=scheme)
    chart = box(page.locator("[data-testid='stVegaLiteChart']").first)
    assert chart["y"] + chart["height"] <= PROJECTOR[1], chart
    cards = descriptions(page)
    assert cards.count() == 4
    for i in range(4):
        assert 0 <= box(cards.nth(i))["y"] < PROJECTOR[1]
    page.screenshot(path=str(ARTIFACTS / f"compare_four_{scheme}.png"))
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_word_on_a_card_is_large_and_dark_enough_to_read_in_a_classroom(browser, app_url, scheme):
    page = open_compare(browser, app_url + FOUR, scheme=scheme)
    lines = [*descriptions(page).all(), *card_lines(page, "≈ ").all(), *card_lines(page, "likely ").all()]
    assert len(lines) >= 8
    for line in lines:
        c = line.evaluate(COLOURS_JS)
        text = line.inner_text()[:40]
        assert c["size"] >= MIN_CARD_TEXT_PX, (text, c)
        assert c["opacity"] == 1
        assert contrast(c["fg"], c["bg"], c["alpha"]) >= MIN_CONTRAST, (text, c)
    ratio = page.locator("strong", has_text="A is ").first.evaluate(COLOURS_JS)
    assert ratio["size"] >= 1.5 * MIN_CARD_TEXT_PX  # the ratio is the headline: large type
    page.close()


def test_on_a_phone_the_cards_stack_and_stay_readable(browser, app_url):
    page = open_compare(browser, app_url + FOUR, size=PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0] + 1
    cards = descriptions(page)
    boxes = [box(cards.nth(i)) for i in range(cards.count())]
    assert len(boxes) == 4
    for above, below in zip(boxes, boxes[1:]):  # one card per row, in option order
        assert below["y"] > above["y"] + above["height"]
    for b in boxes:
        assert b["x"] >= 0 and b["x"] + b["width"] <= PHONE[0]
    assert cards.first.evaluate(COLOURS_JS)["size"] >= MIN_CARD_TEXT_PX
    # a tall viewport shows the whole page in one picture (Streamlit scrolls inside its own container)
    page.set_viewport_size({"width": PHONE[0], "height": 2600})
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "compare_phone.png"))
    page.close()
