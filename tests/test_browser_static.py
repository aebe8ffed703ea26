"""The static export in a real headless Chromium, opened from disk: at a 360-px column in light and dark each page
fits (no sideways scroll, within the iframe height the index gives), reads (contrast), and loads nothing from
anywhere but its own folder. Screenshots: tests/artifacts/static-*.png."""

from __future__ import annotations

import json

import pytest

from estimator.publish import export_site
from estimator.publish.static_site import iframe_height_px
from tests.browser import ARTIFACTS, require_chromium, rgb, text_contrast

require_chromium()

COLUMN = {"width": 360, "height": 640}
LONG_ZONE = "australiaeast"  # the longest region name in data/grid_intensity.csv
OPTIONS = [
    {"name": "long-image", "task": "image", "model": "closed-image-large", "n": 1000000, "region": LONG_ZONE},
    {"name": "long-video", "task": "video", "model": "closed-video-large", "n": 250000, "region": LONG_ZONE},
    {"name": "long-chat", "task": "chat", "model": "gemma-4-26b-a4b", "n": 123456, "region": LONG_ZONE,
     "mode": "self-hosted"},
    {"name": "four-options", "compare": [
        {"task": "image", "model": "closed-image-large", "region": LONG_ZONE, "n": 1000000},
        {"task": "image", "model": "sdxl", "region": "PL"},
        {"task": "chat", "model": "gemma-4-26b-a4b", "region": LONG_ZONE},
        {"task": "video", "model": "closed-video-large", "region": LONG_ZONE}]},
    {"name": "two-options", "compare": [{"task": "chat", "model": "gpt-4o"},
                                        {"task": "chat", "model": "llama-3.1-8b"}]},
]
WIDEST = "Math.max(...[...document.querySelectorAll('body *')].map(e => e.getBoundingClientRect().right))"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("static")
    options = folder / "options.json"
    options.write_text(json.dumps(OPTIONS), encoding="utf-8")
    export_site(folder / "site", str(options), base_url="https://ai-flight-label.example.org/")
    return folder / "site"


def open_page(browser, path, scheme: str):
    page = browser.new_page(viewport=COLUMN, color_scheme=scheme)
    fetched: list[str] = []

    def only_local(route):
        fetched.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_local)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, fetched


@pytest.mark.parametrize("name, options", [("long-image", None), ("long-video", None), ("long-chat", None),
                                           ("four-options", 4), ("two-options", 2)])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_page_fits_a_360_px_column_reads_and_fetches_nothing(browser, site, name, options, theme):
    path = site / (f"{name}.html" if theme == "light" else f"{name}-dark.html")
    page, fetched = open_page(browser, path, "dark" if theme == "light" else "light")  # its colours are fixed
    try:
        assert all(url.startswith("file://") for url in fetched), fetched
        assert page.evaluate(WIDEST) <= COLUMN["width"] + 1  # nothing runs off the column
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= iframe_height_px(options), f"{name}: {height} px"
        for selector in (".big", ".band", ".pct", ".muted"):
            element = page.locator(selector).first
            assert text_contrast(element) >= 4.5, selector
        background = rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        assert (sum(background) / 3 > 128) == (theme == "light")  # the variant, not the reader's setting
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"static-{name}-{theme}.png"), full_page=True)
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_index_fits_a_phone_and_follows_the_readers_setting(browser, site, scheme):
    page, fetched = open_page(browser, site / "index.html", scheme)
    try:
        assert all(url.startswith("file://") for url in fetched), fetched
        assert page.evaluate(WIDEST) <= COLUMN["width"] + 1
        background = rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        assert (sum(background) / 3 > 128) == (scheme == "light")
        page.screenshot(path=str(ARTIFACTS / f"static-index-{scheme}.png"), full_page=True)
    finally:
        page.close()
