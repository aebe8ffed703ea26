"""Issue 9's new views in a real headless Chromium: the life-cycle parts, the accounting basis, the figure basis,
the serving selectors, a custom model, the Ranking page and Compare's serving conditions — at 1280×720 (a laptop
or a projector) and at a 390 px phone, in the light and the dark theme. Screenshots land in tests/artifacts/.

Contrast is WCAG 2.x's ratio between each text's colour and the colour actually behind it (translucent colours
and opacity blended over the page), so a faded caption is measured as drawn.
"""

from __future__ import annotations

import re

import pytest

from tests.browser import ARTIFACTS, WCAG_AA_TEXT, contrast, luminance, require_chromium, rgb

require_chromium()

WAIT_MS = 45_000
LAPTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
# Every new control at once: life cycle, self-hosted, FP8 weights, a cloud region with a market-based figure.
EVERYTHING = "/?task=chat&model=gpt-4o&boundary=lifecycle&mode=self-hosted&precision=fp8&region=westeurope"
CUSTOM = "/?task=chat&model=custom&params=70&active=12&region=europe-west2&boundary=lifecycle"
RANKING = "/ranking?task=chat&model=gpt-4o&region=westeurope&mode=self-hosted&boundary=lifecycle"
# The texts the new features add to the Estimate page (each must be on the page and readable).
NEW_TEXTS = ("Extrapolated estimate", "Accounting basis.", "Market-based accounting", "Life cycle, part by part",
             "Embodied hardware", "Amortized training is a judgement")

# Every visible text on the page (or inside ``root``) with its colour and the colour behind it, both as drawn:
# translucent backgrounds are stacked over the page, and the text's own alpha and its ancestors' opacity applied.
TEXT_COLOURS_JS = r"""(root) => {
  const parse = (c) => { const m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/);
                         return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null; };
  const page = parse(getComputedStyle(document.querySelector('.stApp')).backgroundColor).slice(0, 3);
  const behind = (el) => {
    const layers = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let col = page;
    if (layers.length && layers[layers.length - 1][3] >= 1) col = layers.pop().slice(0, 3);
    for (const l of layers.reverse()) col = col.map((v, i) => v * (1 - l[3]) + l[i] * l[3]);
    return col;
  };
  const out = [], seen = new Set();
  const walker = document.createTreeWalker(root || document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || s.visibility === 'hidden') continue;
    if (el.closest('[disabled], [aria-disabled="true"]')) continue;  // WCAG 1.4.3 exempts inactive controls
    let alpha = 1;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) alpha *= parseFloat(getComputedStyle(n).opacity);
    const bg = behind(el), fg = parse(s.color);
    alpha *= fg[3];
    out.push({text: node.textContent.trim().slice(0, 80), bg,
              fg: fg.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha))});
  }
  return out;
}"""

# Anything that sticks out past the right edge of the screen (a phone must never scroll sideways).
OVERFLOW_JS = """() => Array.from(document.querySelectorAll('body *')).filter((el) => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.right > window.innerWidth + 1;
}).map((el) => (el.getAttribute('data-testid') || el.tagName) + ': ' + (el.innerText || '').slice(0, 40))"""


def open_estimate(browser, url: str, scheme: str, viewport: dict):
    page = browser.new_page(viewport=viewport, color_scheme=scheme)
    page.goto(url)
    page.wait_for_selector("text=/methodology 2026/", timeout=WAIT_MS)  # drawn last
    page.wait_for_timeout(800)  # the range bar's resize
    return page


def assert_theme(page, scheme: str) -> None:
    """The page really is in the theme asked for, or a contrast check would prove nothing."""
    background = rgb(page.evaluate("getComputedStyle(document.querySelector('.stApp')).backgroundColor"))
    assert (luminance(background) < 0.2) == (scheme == "dark")


def low_contrast(page, selector: str) -> list[str]:
    texts = page.evaluate(TEXT_COLOURS_JS, page.locator(selector).first.element_handle())
    assert texts, selector
    return [f"{t['text']!r} {contrast(tuple(t['fg']), tuple(t['bg'])):.2f}:1" for t in texts
            if contrast(tuple(t["fg"]), tuple(t["bg"])) < WCAG_AA_TEXT]


def bottom(page, locator) -> float:
    box = locator.bounding_box()
    assert box, locator
    return box["y"] + box["height"]


def chosen(sidebar, name: str) -> str:
    """What a select box shows (its value sits in a combobox input)."""
    return sidebar.get_by_role("combobox", name=name, exact=True).input_value()


def headline_value(page):
    return page.locator("[data-testid='stMetric']", has_text="Carbon footprint").locator(
        "[data-testid='stMetricValue']").first


def label_value(page):
    return page.locator("[data-testid='stMetric']", has_text="Flight-style label").locator(
        "[data-testid='stMetricValue']").first


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_with_every_new_option_on_the_number_and_the_label_stay_on_a_laptops_first_screen(browser, app_url, scheme):
    page = open_estimate(browser, app_url + EVERYTHING, scheme, LAPTOP)
    assert_theme(page, scheme)
    # the headline number, its label and the label's percentage are all above the fold at 1280×720
    assert bottom(page, headline_value(page)) <= LAPTOP["height"]
    assert bottom(page, label_value(page)) <= LAPTOP["height"]
    assert bottom(page, page.locator("[data-testid='stMetricDelta']").first) <= LAPTOP["height"]
    # the link reproduced every control: the switch is on and the serving selectors show the link's values
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_role("switch").first.is_checked()
    assert "Self-hosted" in chosen(sidebar, "How it runs") and "FP8" in chosen(sidebar, "Numeric precision")
    assert "westeurope" in chosen(sidebar, "Where it runs (electricity grid)")
    # the serving selectors and everything in the main column read in this theme (disabled controls are exempt)
    assert low_contrast(page, "[data-testid='stSidebar']") == []
    assert low_contrast(page, "[data-testid='stMain']") == []
    page.screenshot(path=str(ARTIFACTS / f"issue9_estimate_laptop_{scheme}.png"))
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_phone_shows_life_cycle_self_hosted_westeurope_without_sideways_scrolling(browser, app_url, scheme):
    page = open_estimate(browser, app_url + EVERYTHING, scheme, PHONE)
    assert_theme(page, scheme)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert page.evaluate(OVERFLOW_JS) == []  # nothing cut at the edge either (a grid scrolls inside itself)
    body = page.inner_text("body")
    for text in NEW_TEXTS:
        assert text in body, text
    # every part's grams and range are whole: no cell is wider than its column
    cells = page.locator("[data-testid='stTable'] td, [data-testid='stTable'] th")
    assert cells.count() >= 9
    assert page.evaluate("""() => Array.from(document.querySelectorAll("[data-testid='stTable'] td"))
        .every((td) => td.scrollWidth <= td.clientWidth + 1)""")
    # the label comes straight after the number, before the accounting lines and the life-cycle parts
    label_box = label_value(page).bounding_box()
    assert label_box["y"] < page.get_by_text("Life cycle, part by part").bounding_box()["y"]
    assert label_box["y"] < page.get_by_text("Accounting basis.").bounding_box()["y"]
    assert low_contrast(page, "[data-testid='stMain']") == []
    # the energy at each boundary (fleet among them) is on the screen too, not beyond the long boundary names
    page.get_by_text("at each boundary").click()
    page.wait_for_selector("[data-testid='stExpander'] [data-testid='stTable'] td", timeout=WAIT_MS)
    energy = page.locator("[data-testid='stExpander'] [data-testid='stTable'] td", has_text="Wh").first.bounding_box()
    assert energy["x"] + energy["width"] <= PHONE["width"] + 1
    assert page.evaluate(OVERFLOW_JS) == []
    page.set_viewport_size({"width": PHONE["width"], "height": 3000})  # the app scrolls inside its own box
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / f"issue9_estimate_phone_{scheme}.png"))
    page.close()


def test_a_custom_model_link_reproduces_its_size_and_its_number(browser, app_url):
    page = open_estimate(browser, app_url + CUSTOM, "light", LAPTOP)
    sidebar = page.locator("[data-testid='stSidebar']")
    assert "My model isn't listed" in chosen(sidebar, "Model")
    sizes = [sidebar.get_by_role("spinbutton", name=name, exact=True).input_value() for name in
             ("Total parameters (billions)", "Active parameters per token (billions)")]
    assert sizes == ["70", "12"]
    first = headline_value(page).inner_text()
    assert re.search(r"\d", first)
    again = open_estimate(browser, page.url, "light", LAPTOP)  # the page's own link, opened afresh
    assert headline_value(again).inner_text() == first
    assert "params=70" in again.url and "active=12" in again.url and "region=europe-west2" in again.url
    page.close()
    again.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_ranking_reads_on_a_phone_with_every_row_in_the_page(browser, app_url, scheme):
    page = browser.new_page(viewport=PHONE, color_scheme=scheme)
    page.goto(app_url + RANKING)
    page.wait_for_selector("text=/number \\d+ of \\d+/", timeout=WAIT_MS)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=WAIT_MS)
    page.wait_for_timeout(800)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    grid = page.locator("[data-testid='stDataFrame']").first.bounding_box()
    assert grid["x"] >= 0 and grid["x"] + grid["width"] <= PHONE["width"] + 1
    # the grid is as tall as its rows: the reader scrolls the page to their model, not a small box inside it
    rows = int(re.search(r"number \d+ of (\d+)", page.inner_text("body")).group(1))
    assert grid["height"] >= rows * 30, (grid["height"], rows)
    header = page.locator("[data-testid='stMarkdown']", has_text="boundary").first.inner_text()
    assert "Life cycle boundary" in header and "self-hosted" in header  # the link's state, said in words
    assert low_contrast(page, "[data-testid='stMain']") == []
    page.screenshot(path=str(ARTIFACTS / f"issue9_ranking_phone_{scheme}.png"))
    page.close()


def test_compare_keeps_a_self_hosted_fp8_option_on_a_phone(browser, app_url):
    page = browser.new_page(viewport=PHONE, color_scheme="dark")
    page.goto(app_url + "/compare?a=chat:gpt-4o:westeurope:1::self-hosted:fp8&b=chat:gpt-4o:westeurope")
    page.wait_for_selector("text=/per query:/", timeout=WAIT_MS)
    page.wait_for_timeout(800)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    body = page.inner_text("body")
    assert "(self-hosted, FP8)" in body  # option A's card says how it runs
    assert "same model, region and size of job" not in body  # the ratio names what differs
    assert "self-hosted%3Afp8" in page.url or "self-hosted:fp8" in page.url
    page.screenshot(path=str(ARTIFACTS / "issue9_compare_phone_dark.png"))
    page.close()
