"""A comparison embedded in an article (Compare with ?embed=true) in a real headless Chromium: at a phone's 320 px
column it fits the iframe height the page's embed code gives, shows no editors, and ends with the citation."""

from __future__ import annotations

import re

import pytest

from pages.components import compare_embed_height_px
from tests.browser import ARTIFACTS, require_chromium

require_chromium()

WAIT_MS = 45_000
LONG = "image:closed-image-large:US-CA"  # the longest model name in the catalogue's image rows, a long region
OPTIONS = {
    2: "a=chat:gpt-4o:WORLD&b=chat:llama-3.1-8b:WORLD",
    3: "a=chat:gpt-4o:WORLD&b=chat:llama-3.1-8b:WORLD&c=image:sdxl:PL",
    4: f"a=chat:gpt-4o:WORLD&b=chat:llama-3.1-8b:WORLD&c=image:sdxl:PL&d={LONG}",
}
CONTENT_BOTTOM_JS = """() => { let max = 0;
  document.querySelectorAll('[data-testid=stMainBlockContainer] *').forEach(e => {
    const r = e.getBoundingClientRect(); if (r.height > 0 && r.bottom > max) max = r.bottom; });
  return max; }"""


@pytest.mark.parametrize("n", [2, 3, 4])
def test_an_embedded_comparison_fits_its_iframe_on_a_phone_and_ends_with_the_citation(browser, app_url, n):
    page = browser.new_page(viewport={"width": 320, "height": 2400})
    page.goto(f"{app_url}/compare?{OPTIONS[n]}&embed=true&embed_options=light_theme")
    page.wait_for_selector("text=Full comparison, sources and method", timeout=WAIT_MS)
    page.wait_for_timeout(1500)
    bottom = page.evaluate(CONTENT_BOTTOM_JS)
    assert bottom <= compare_embed_height_px(n), f"{n} options need {bottom:.0f} px"
    text = page.locator("body").inner_text()
    assert "What to compare" not in text and "Change option" not in text  # no editors inside an article
    assert re.search(r"methodology \d{4}\.\d+", text)
    assert page.evaluate("document.documentElement.scrollWidth") <= 321
    page.screenshot(path=str(ARTIFACTS / f"compare_embed_{n}_phone.png"))
    page.close()


def test_the_compare_page_gives_an_iframe_code_that_opens_the_embedded_comparison(browser, app_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{app_url}/compare?{OPTIONS[2]}")
    page.wait_for_selector("text=Embed this comparison", timeout=WAIT_MS)
    code = page.locator("[data-testid='stCode']", has_text="<iframe").first.inner_text()
    src = re.search(r'src="([^"]+)"', code).group(1).replace("&amp;", "&")
    assert "embed=true" in src and "a=chat" in src and f'height="{compare_embed_height_px(2)}"' in code
    page.goto(src)
    page.wait_for_selector("text=Full comparison, sources and method", timeout=WAIT_MS)
    assert "CO₂e" in page.locator("body").inner_text() and "What to compare" not in page.locator("body").inner_text()
    page.close()
