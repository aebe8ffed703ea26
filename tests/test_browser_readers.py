"""What only a browser shows, for readers of an article and first-time users (issue 8).

The Embed page's own iframe snippet is pasted into a 390 px white article served from 127.0.0.1,
read in light and dark colour schemes; screenshots go to tests/artifacts/readers_*.png.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from tests.browser import ARTIFACTS, free_port, require_chromium

require_chromium()

WAIT_MS = 45_000
PHONE = {"width": 390, "height": 844}
ARTICLE = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light"><title>An article</title>
<style>body{{margin:0;background:#fff;color:#111;font:18px/1.5 Georgia,serif}}
main{{max-width:640px;margin:0 auto;padding:16px}}</style></head>
<body><main><h1>What does an AI picture cost the planet?</h1>
<p>Our reporter asked an image model for ten pictures. Here is the estimate:</p>
{snippet}
<p>The article goes on below the card.</p></main></body></html>"""


@pytest.fixture(scope="module")
def article_server(tmp_path_factory):
    """A plain static web server on 127.0.0.1 for the article pages the tests write."""
    root: Path = tmp_path_factory.mktemp("article")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


SHORT = "task=image&model=sdxl&n=10&region=FR"
LONG = "task=chat&model=llama-4-maverick&n=140&region=europe-west1&out=900"  # long names: the tallest card


def embed_snippet(browser, app_url: str, theme: str, query: str = SHORT) -> str:
    """The iframe code exactly as the Embed page offers it (its src points at this running app)."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{app_url}/embed?{query}&theme={theme}")
    page.wait_for_selector("text=<iframe", timeout=WAIT_MS)
    code = next(t for t in page.locator("[data-testid='stCode'] code").all_inner_texts() if t.startswith("<iframe"))
    page.close()
    return code.strip()


def luminance(css_colour: str) -> float:
    """Relative luminance (WCAG) of 'rgb(r, g, b)' / 'rgba(r, g, b, a)'."""
    r, g, b = (int(float(x)) / 255 for x in css_colour[css_colour.index("(") + 1:-1].split(",")[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def read_article(browser, url: str, scheme: str, shot: str):
    """Open the article on a phone in a colour scheme; return (page, iframe box, frame)."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    frame_el = page.wait_for_selector("iframe", timeout=WAIT_MS)
    frame = frame_el.content_frame()
    frame.wait_for_selector("text=/CO.e/", timeout=WAIT_MS)
    frame.wait_for_selector("text=Not counted", timeout=WAIT_MS)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
    return context, page, frame_el.bounding_box(), frame


def app_background(frame) -> str:
    return frame.evaluate("getComputedStyle(document.querySelector('.stApp') || document.body).backgroundColor")


@pytest.mark.parametrize("scheme,query", [("light", SHORT), ("dark", SHORT), ("light", LONG)])
def test_the_iframe_fits_a_phone_article_and_stays_light_in_a_white_article(browser, app_url, article_server, scheme,
                                                                           query):
    root, base = article_server
    snippet = embed_snippet(browser, app_url, "light", query)
    assert 'width="640"' not in snippet
    name = f"{scheme}{'_long' if query == LONG else ''}"
    (root / f"{name}.html").write_text(ARTICLE.format(snippet=snippet), encoding="utf-8")
    context, page, box, frame = read_article(browser, f"{base}/{name}.html", scheme, f"readers_iframe_390_{name}.png")
    try:
        # no horizontal scrolling on the phone, the iframe inside the article's column
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] - 16 + 1
        # the card keeps the article's white look even when the reader uses dark mode
        assert luminance(app_background(frame)) > 0.8, app_background(frame)
        # the whole card, down to the citation under it, is inside the iframe's height
        line = frame.locator("text=Not counted").first.bounding_box()
        assert line is not None and line["y"] + line["height"] <= box["y"] + box["height"]
        cite = frame.locator("text=/^Estimate: AI Flight Label/").first.bounding_box()
        assert cite is not None and cite["y"] + cite["height"] <= box["y"] + box["height"], (cite, box)
    finally:
        context.close()


def test_a_dark_article_gets_a_dark_card_with_theme_dark(browser, app_url, article_server):
    root, base = article_server
    snippet = embed_snippet(browser, app_url, "dark")
    assert "theme=dark" in snippet and "embed_options=dark_theme" in snippet
    (root / "dark.html").write_text(ARTICLE.format(snippet=snippet).replace("background:#fff;color:#111",
                                                                             "background:#111;color:#eee"),
                                    encoding="utf-8")
    context, page, _box, frame = read_article(browser, f"{base}/dark.html", "light", "readers_iframe_390_theme_dark.png")
    try:
        assert luminance(app_background(frame)) < 0.1, app_background(frame)
    finally:
        context.close()


def test_an_unknown_page_says_so_and_links_to_the_pages(browser, app_url):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(app_url + "/admin")
    page.wait_for_selector("text=/There is no page/", timeout=WAIT_MS)
    body = page.inner_text("body")
    assert "/admin" in body and "showing Estimate instead" in body
    for title in ("Compare", "Methodology & data", "Embed"):
        assert page.get_by_role("link", name=title).count() >= 1, title
    page.screenshot(path=str(ARTIFACTS / "readers_unknown_page.png"))
    page.close()


@pytest.mark.parametrize("task,typed,expect", [
    ("chat", "ChatGPT", "GPT-5"), ("chat", "Copilot", "GPT-5"), ("chat", "Claude", "Claude"),
    ("chat", "Gemini", "Gemini"), ("image", "Midjourney", "closed image model"), ("image", "DALL·E", "closed image model"),
])
def test_typing_a_product_in_the_model_box_finds_the_model_behind_it(browser, app_url, task, typed, expect):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{app_url}/?task={task}")
    page.wait_for_selector("text=/CO.e/", timeout=WAIT_MS)
    box = page.locator("[data-testid='stSelectbox']").filter(has_text="Model").first
    shown = box.inner_text() + " " + box.locator("input").input_value()
    assert "Choose an option" not in shown and "typical model" in shown, shown
    box.locator("input").click()
    page.keyboard.type(typed)
    page.wait_for_timeout(500)
    options = page.locator("[role='option']").all_inner_texts()
    if typed == "ChatGPT":
        page.screenshot(path=str(ARTIFACTS / "readers_search_chatgpt.png"))
    assert any(expect in o for o in options), options
    page.close()


def test_downloads_for_one_and_ten_images_save_under_different_names(browser, app_url):
    names = []
    for n in (1, 10):
        page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)
        page.goto(f"{app_url}/?task=image&model=sdxl&n={n}&region=FR")
        page.wait_for_selector("text=/CO.e/", timeout=WAIT_MS)
        with page.expect_download(timeout=WAIT_MS) as dl:
            page.get_by_role("button", name="Result (JSON)").click()
        names.append(dl.value.suggested_filename)
        page.close()
    assert names[0] != names[1] and names[0].endswith("_n1.json") and names[1].endswith("_n10.json"), names
