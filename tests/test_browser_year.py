"""My AI year in a real headless Chromium: a phone and a projector in both themes, a link that reproduces the
page, and an export dropped in the browser that is counted while no word of it reaches the page, the address
bar, the downloads, the server's log or the disk."""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from pathlib import Path

import pytest

from estimator.present import fmt_grams
from estimator.usage.year import UsageLine, UsageProfile, year
from tests.browser import ARTIFACTS, ROOT, require_chromium, running_app, text_contrast
from tests.test_exports import SENTINEL, T_2024_01, _sentinel_export, as_json, as_zip, chatgpt, message, tree

require_chromium()

WAIT_MS = 45_000
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1280, "height": 720}
LINK = "/year?chat=20/day&chat_model=ChatGPT&image=3/week&region=FR"


def open_year(browser, url: str, scheme: str = "light", viewport: dict = PROJECTOR):
    page = browser.new_page(viewport=viewport, color_scheme=scheme, accept_downloads=True)
    page.goto(url)
    page.wait_for_selector("text=Your year", timeout=WAIT_MS)
    page.wait_for_selector("[data-testid='stMetric']", timeout=WAIT_MS)
    page.wait_for_timeout(1000)
    return page


def metric_value(page, name: str) -> str:
    box = page.locator("[data-testid='stMetric']", has_text=name).first
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["phone", "projector"])
def test_the_year_reads_on_a_phone_and_a_projector_in_light_and_dark(browser, app_url, scheme, size):
    viewport = PHONE if size == "phone" else PROJECTOR
    page = open_year(browser, app_url + LINK, scheme, viewport)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1  # no sideways scroll
    # the year's figure is the page's headline: it is on the first screen, before the form
    year_box = page.locator("[data-testid='stMetric']", has_text="A year").first.bounding_box()
    assert year_box is not None and year_box["y"] + year_box["height"] <= viewport["height"] * 1.5
    value = page.locator("[data-testid='stMetric']", has_text="A year").first.locator("[data-testid='stMetricValue']")
    assert text_contrast(value) >= 4.5
    page.screenshot(path=str(ARTIFACTS / f"year_{size}_{scheme}.png"), full_page=True)
    page.close()


def test_the_link_gives_the_year_of_its_own_rates_and_a_reload_shows_the_same(browser, app_url, data):
    page = open_year(browser, app_url + LINK)
    expected = year(UsageProfile((UsageLine("chat", 20, "day", "ChatGPT"), UsageLine("image", 3, "week")),
                                 region="FR"), data)
    central = fmt_grams(expected.year_g).split(" (")[0].replace(" CO2e", "")  # "420 g"
    shown = metric_value(page, "A year")
    assert shown.replace("CO₂e", "").strip() == central
    # the address bar keeps the profile: opened again, it shows the same year
    again = open_year(browser, page.url)
    assert metric_value(again, "A year") == shown
    again.close()
    page.close()


def exported_conversations() -> list[dict]:
    """The sentinel's conversation (its words everywhere: messages, title, model slug, a tool's image) and one
    January chat of two replies: by hand 2 conversations and 3 replies in all."""
    plain = chatgpt("c-plain", tree(
        ("root", None, None),
        ("u1", "root", message("user", "How tall is Mont Blanc?", T_2024_01 + 60)),
        ("a1", "u1", message("assistant", "About 4,806 metres.", T_2024_01 + 65, "gpt-4o")),
        ("u2", "a1", message("user", "And Everest?", T_2024_01 + 90)),
        ("a2", "u2", message("assistant", "About 8,849 metres.", T_2024_01 + 95, "gpt-4o")),
    ))
    return _sentinel_export() + [plain]


def files_holding(needle: bytes, roots: list[Path], since: float) -> list[str]:
    """Files changed since ``since`` under ``roots`` whose bytes hold ``needle`` (the disk after an upload)."""
    found = []
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in {".git", ".venv", "node_modules"}]
            for name in filenames:
                p = Path(dirpath, name)
                try:
                    if p.is_symlink() or p.stat().st_mtime < since or p.stat().st_size > 50_000_000:
                        continue
                    if needle in p.read_bytes():
                        found.append(str(p))
                except OSError:
                    continue
    return found


@pytest.mark.parametrize("kind", ["json", "zip"])
def test_an_export_dropped_in_the_browser_is_counted_and_none_of_its_words_go_anywhere(browser, tmp_path, kind):
    raw = as_json(exported_conversations())
    content = raw if kind == "json" else as_zip({"conversations.json": raw})
    upload = tmp_path / f"export.{kind}"  # the test's own copy of the file the person picks
    upload.write_bytes(content)
    started = time.time()
    log = tmp_path / "server.log"
    # its own server, at the most talkative log level, so every line it writes can be searched afterwards
    with running_app(env={"STREAMLIT_LOGGER_LEVEL": "debug"}, log_path=log) as base:
        page = browser.new_page(viewport=PROJECTOR, accept_downloads=True)
        page.goto(base + "/year")
        page.wait_for_selector("text=Your year", timeout=WAIT_MS)
        page.get_by_text("My chatbot export").click()
        page.wait_for_selector("text=Privacy", timeout=WAIT_MS)
        privacy = page.locator("[data-testid='stCaptionContainer']", has_text="Privacy").first.inner_text()
        assert "never written to disk" in privacy and "MB" in page.content()
        page.locator("input[type='file']").set_input_files(str(upload))
        page.wait_for_selector("text=What was read", timeout=WAIT_MS)
        page.wait_for_timeout(1500)
        read = page.locator("[data-testid='stMarkdown']", has_text="What was read").first.inner_text()
        assert re.search(r"\b2 conversations\b", read) and re.search(r"\b3 replies\b", read), read
        downloads = {}
        for name in ("Your year (JSON)", "Your year (CSV)"):
            with page.expect_download(timeout=WAIT_MS) as dl:
                page.get_by_role("button", name=name).click()
            downloads[name] = Path(dl.value.path()).read_bytes()
        record = json.loads(downloads["Your year (JSON)"])
        assert record["year_g"]["central"] > 0
        html = page.content()
        text = page.locator("body").inner_text()
        url = page.url
        page.screenshot(path=str(ARTIFACTS / f"year_export_{kind}.png"), full_page=True)
        page.close()
    server_log = log.read_text(encoding="utf-8", errors="replace")
    assert server_log.strip(), "the server's log was captured"
    needle = SENTINEL.lower()
    for where, what in [("page HTML", html), ("page text", text), ("address bar", url), ("server log", server_log),
                        *((f"download {n}", b.decode("utf-8", "replace")) for n, b in downloads.items())]:
        assert needle not in what.lower(), f"the export's words reached the {where}"
    # never written to disk: no file changed during the test (other than the test's own copy) holds the words
    written = files_holding(SENTINEL.encode(), [Path(tempfile.gettempdir()), ROOT], started)
    assert [f for f in written if Path(f) != upload and not f.startswith(str(tmp_path))] == []
