"""Presentation mode (present=1) in a real headless Chromium at a projector's 1280×720, light and dark.

Screenshots go to tests/artifacts/ (present_estimate_{question,answer,number,walk,greener}_{light,dark}.png,
present_compare_{two,four}_{light,dark}.png, present_estimate_answer_phone_dark.png) and were looked at when this test was written.
"""

from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, contrast, require_chromium, rgb

require_chromium()

WAIT_MS = 45_000
PROJECTOR = {"width": 1280, "height": 720}
WCAG_AAA_TEXT = 7.0  # WCAG 2.1 success criterion 1.4.6 (enhanced contrast)
ESTIMATE = "/?task=image&model=sdxl&region=FR&n=10&present=1"
COMPARE = "/compare?a=image:sdxl:PL&b=image:sdxl:FR&present=1"
COMPARE_FOUR = "/compare?a=chat:gpt-4o:WORLD&b=chat:llama-3.1-8b:WORLD&c=image:sdxl:PL&d=image:sdxl:FR&present=1"

# The text colour of an element and the first opaque background behind it.
COLOURS_JS = """el => {
  let node = el, bg = null;
  while (node && node.nodeType === 1) {
    const c = getComputedStyle(node).backgroundColor;
    if (c && c !== 'transparent' && !/,\\s*0\\)$/.test(c)) { bg = c; break; }
    node = node.parentElement;
  }
  return {fg: getComputedStyle(el).color, bg: bg || getComputedStyle(document.body).backgroundColor};
}"""


def open_present(browser, url: str, scheme: str, ready: str):
    page = browser.new_page(viewport=PROJECTOR, color_scheme=scheme)
    page.goto(url)
    page.wait_for_selector(ready, timeout=WAIT_MS)
    page.wait_for_timeout(1000)
    return page


def assert_no_chrome(page) -> None:
    """No sidebar, no header with the page navigation, nothing to open them."""
    for sel in ("[data-testid='stSidebar']", "[data-testid='stSidebarCollapsedControl']",
                "[data-testid='stExpandSidebarButton']", "header[data-testid='stHeader']"):
        loc = page.locator(sel)
        assert loc.count() == 0 or not loc.first.is_visible(), sel
    for name in ("Compare", "Methodology & data", "Ranking"):
        links = page.get_by_role("link", name=name, exact=True)
        assert all(not links.nth(i).is_visible() for i in range(links.count())), name


def big_number_contrast(page, selector: str = "[data-testid='stMetricValue']") -> float:
    values = page.locator(selector)
    assert values.count() >= 1
    worst = min(contrast(rgb(c["fg"]), rgb(c["bg"])) for c in
                (values.nth(i).evaluate(COLOURS_JS) for i in range(values.count())))
    return worst


def tab_to(page, label: str, tries: int = 25) -> dict:
    """Press Tab until the button named ``label`` has the focus; returns its focus ring's computed style."""
    for _ in range(tries):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const el = document.activeElement;
            const s = getComputedStyle(el);
            return {text: el.innerText || '', outline: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0}; }""")
        if label in focused["text"]:
            return focused
    raise AssertionError(f"Tab never reached {label!r}")


def scroll_to(page, selector: str) -> None:
    page.locator(selector).first.scroll_into_view_if_needed()
    page.locator(selector).first.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(600)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_estimate_in_presentation_mode_guess_then_reveal_by_keyboard(browser, app_url, scheme):
    page = open_present(browser, app_url + ESTIMATE, scheme, "text=How many smartphone charges")
    assert_no_chrome(page)
    assert page.locator("[data-testid='stMetricValue']").count() == 0  # nothing revealed yet
    page.screenshot(path=str(ARTIFACTS / f"present_estimate_question_{scheme}.png"))
    page.get_by_label("Your guess").fill("5")
    ring = tab_to(page, "Reveal")  # reachable by keyboard, with a visible focus ring
    assert ring["outline"] != "none" and ring["width"] >= 2
    page.keyboard.press("Enter")
    page.wait_for_selector("text=The answer", timeout=WAIT_MS)
    page.wait_for_timeout(800)
    answer = page.locator(".st-key-present_big [data-testid='stMetricValue']").first
    assert "smartphone charges" in answer.inner_text()
    assert answer.bounding_box()["y"] + answer.bounding_box()["height"] <= PROJECTOR["height"]
    assert page.get_by_text("too high").count() >= 1
    assert big_number_contrast(page) >= WCAG_AAA_TEXT
    page.screenshot(path=str(ARTIFACTS / f"present_estimate_answer_{scheme}.png"))
    scroll_to(page, ".st-key-present_screen_number")
    assert big_number_contrast(page, ".st-key-present_screen_number [data-testid='stMetricValue']") >= WCAG_AAA_TEXT
    words = page.locator(".st-key-present_screen_number p")  # every line of that screen, captions included
    assert min(contrast(*(rgb(c) for c in words.nth(i).evaluate(COLOURS_JS).values()))
               for i in range(words.count())) >= WCAG_AAA_TEXT
    page.screenshot(path=str(ARTIFACTS / f"present_estimate_number_{scheme}.png"))
    scroll_to(page, ".st-key-present_screen_walk")
    for _ in range(3):
        page.get_by_role("button", name="Next step").click()
        page.wait_for_timeout(700)
    page.screenshot(path=str(ARTIFACTS / f"present_estimate_walk_{scheme}.png"))
    if page.locator(".st-key-present_screen_greener").count():
        scroll_to(page, ".st-key-present_screen_greener")
        page.screenshot(path=str(ARTIFACTS / f"present_estimate_greener_{scheme}.png"))
    page.close()


@pytest.mark.parametrize("link, scheme, name", [(COMPARE, "light", "two"), (COMPARE, "dark", "two"),
                                                (COMPARE_FOUR, "light", "four"), (COMPARE_FOUR, "dark", "four")])
def test_compare_cards_ratio_and_chart_fit_one_projector_screen(browser, app_url, link, scheme, name):
    page = open_present(browser, app_url + link, scheme, "[data-testid='stVegaLiteChart'] svg")
    assert_no_chrome(page)
    page.wait_for_timeout(800)
    cards = [f".st-key-cmp_card_{i}" for i in range(4 if name == "four" else 2)]
    for sel in (".st-key-cmp_ratios", *cards, "[data-testid='stVegaLiteChart']"):
        box = page.locator(sel).first.bounding_box()
        assert box is not None, sel
        assert box["y"] >= 0 and box["y"] + box["height"] <= PROJECTOR["height"], (sel, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= PROJECTOR["width"]
    assert big_number_contrast(page) >= WCAG_AAA_TEXT
    ratio = page.locator(".st-key-cmp_ratios strong").first
    assert contrast(*(rgb(c) for c in ratio.evaluate(COLOURS_JS).values())) >= WCAG_AAA_TEXT
    values = page.locator("[data-testid='stMetricValue']")  # no card's number cut short ("0.014 g C…")
    assert all(values.nth(i).evaluate("el => el.scrollWidth <= el.clientWidth + 1") for i in range(values.count()))
    page.screenshot(path=str(ARTIFACTS / f"present_compare_{name}_{scheme}.png"))
    page.close()


def test_a_phone_held_up_in_class_shows_the_whole_answer(browser, app_url):
    page = browser.new_page(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page.goto(app_url + ESTIMATE)
    page.wait_for_selector("text=How many smartphone charges", timeout=WAIT_MS)
    page.get_by_role("button", name="Reveal").click()
    page.wait_for_selector("text=The answer", timeout=WAIT_MS)
    page.wait_for_timeout(800)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391  # no sideways scroll
    answer = page.locator(".st-key-present_big [data-testid='stMetricValue']").first
    assert answer.evaluate("el => el.scrollWidth <= el.clientWidth + 1")  # wrapped, not cut to "0.80 smartphone …"
    page.screenshot(path=str(ARTIFACTS / "present_estimate_answer_phone_dark.png"))
    page.close()
