"""The Claims check page in a real headless Chromium: one claim on a phone in light and dark, and the list's own
links opening one claim (a journalist's link must open the same check)."""

from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, require_chromium, text_contrast

require_chromium()

WAIT_MS = 45_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 720}
CLAIM = "one-image-four-miles"


def open_claim(browser, url: str, scheme: str, viewport: dict):
    page = browser.new_page(viewport=viewport, color_scheme=scheme)
    page.goto(url)
    page.wait_for_selector("text=/^Verdict: /", timeout=WAIT_MS)
    page.wait_for_timeout(1000)
    return page


def readable(page, locator) -> float:
    return text_contrast(locator)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_claim_reads_on_a_phone_in_light_and_dark(browser, app_url, scheme):
    page = open_claim(browser, f"{app_url}/claims?claim={CLAIM}", scheme, PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1  # no sideways scroll
    quote = page.get_by_text("One image-generation task is roughly equivalent").first
    verdict = page.get_by_text("Verdict: Off by a factor of").first
    for element in (quote, verdict):
        box = element.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
        assert readable(page, element) >= 4.5  # WCAG AA for body text
    badge = page.get_by_text("Off by a factor of", exact=False).first.bounding_box()
    assert badge["x"] + badge["width"] <= PHONE["width"] + 1
    page.set_viewport_size({"width": PHONE["width"], "height": 3400})  # the whole check in one picture
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / f"claim_phone_{scheme}.png"))
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_claim_at_1280_by_720_shows_claim_verdict_and_both_figures(browser, app_url, scheme):
    page = open_claim(browser, f"{app_url}/claims?claim=chatgpt-query-2.9-wh", scheme, DESKTOP)
    page.get_by_text("Claimed and computed").first.scroll_into_view_if_needed()
    box = page.get_by_text("What the app computes now").first.bounding_box()
    assert 0 <= box["y"] <= DESKTOP["height"]
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"claim_desktop_{scheme}.png"))
    page.close()


def test_the_lists_link_opens_that_claim_at_its_own_url(browser, app_url):
    page = browser.new_page(viewport=PHONE, color_scheme="light")
    page.goto(f"{app_url}/claims")
    page.wait_for_selector("text=/\\d+ claims: /", timeout=WAIT_MS)
    page.wait_for_timeout(1000)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1  # the list too
    page.get_by_role("link", name="Open this check").nth(1).click()
    page.wait_for_selector("text=/^Verdict: /", timeout=WAIT_MS)
    assert page.url.endswith("/claims?claim=ev-charge-1500-summaries")
    assert page.get_by_text("to charge an electric car").first.is_visible()
    page.get_by_role("link", name="All claims").first.click()  # and back to the list, at the list's own URL
    page.wait_for_selector("text=/\\d+ claims: /", timeout=WAIT_MS)
    page.wait_for_timeout(500)
    assert page.url.endswith("/claims")
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_embedded_claim_fits_a_phone_column_with_its_verdict_and_link(browser, app_url, scheme):
    page = open_claim(browser, f"{app_url}/claims?claim=chatgpt-query-2.9-wh&embed=true", scheme, PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    link = page.get_by_role("link", name="Why, and the sources: the full check")
    assert link.get_attribute("href").endswith("/claims?claim=chatgpt-query-2.9-wh")
    assert readable(page, page.get_by_text("Verdict: Holds only for").first) >= 4.5
    assert not page.get_by_role("button", name="This claim (JSON)").count()  # no chrome in an article
    page.screenshot(path=str(ARTIFACTS / f"claim_embed_phone_{scheme}.png"))
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_claim_in_presentation_mode_asks_first_on_one_projector_screen(browser, app_url, scheme):
    page = browser.new_page(viewport=DESKTOP, color_scheme=scheme)
    page.goto(f"{app_url}/claims?claim={CLAIM}&present=1")
    question = page.get_by_text("What does AI Flight Label compute", exact=False).first
    question.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(1000)
    assert not page.locator("[data-testid='stSidebarNav'], header[data-testid='stHeader']").first.is_visible()
    assert question.bounding_box()["y"] + question.bounding_box()["height"] <= DESKTOP["height"]
    assert page.get_by_text("Verdict:", exact=False).count() == 0  # the class guesses first
    assert text_contrast(question) >= 7
    page.screenshot(path=str(ARTIFACTS / f"claim_present_question_{scheme}.png"))
    page.get_by_role("button", name="Reveal").click()
    page.get_by_text("Verdict:", exact=False).first.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / f"claim_present_answer_{scheme}.png"))
    page.close()
