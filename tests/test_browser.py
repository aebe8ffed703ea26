"""What only a browser shows: the real app in Debian's Chromium, downloads, desktop and phone widths."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.browser import ARTIFACTS, require_chromium

require_chromium()

WAIT_MS = 45_000


def open_page(browser, url: str, width: int = 1366, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    page.goto(url)
    page.wait_for_selector("text=/CO.e/", timeout=WAIT_MS)
    page.wait_for_timeout(1500)  # let the charts finish drawing before a screenshot
    return page


def big_number_grams(page) -> float:
    text = page.locator("[data-testid='stMetricValue']").first.inner_text()
    m = re.match(r"([\d.,]+)\s*(g|kg|t)", text.replace("\u2009", " "))
    assert m, text
    return float(m.group(1).replace(",", "")) * {"g": 1, "kg": 1e3, "t": 1e6}[m.group(2)]


def test_estimate_page_shows_number_label_and_greener_options(browser, app_url):
    page = open_page(browser, app_url + "/?task=image&model=sdxl&n=10&region=FR")
    # the citation line is drawn last: wait for it rather than for a fixed time (a loaded machine is slower)
    page.wait_for_selector("text=/methodology 2026/", timeout=WAIT_MS)
    body = page.inner_text("body")
    assert "Lower than usual for this task" in body
    assert "Greener options" in body and "% vs typical" in body
    assert "methodology 2026" in body
    assert big_number_grams(page) > 0
    page.screenshot(path=str(ARTIFACTS / "browser_estimate_desktop.png"), full_page=True)
    page.close()


def test_the_page_reads_on_a_phone(browser, app_url):
    page = open_page(browser, app_url + "/?task=chat&model=gpt-4o", width=390, height=844)
    assert "Higher than usual for this task" in page.inner_text("body")
    # nothing wider than the screen: no horizontal scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    page.screenshot(path=str(ARTIFACTS / "browser_estimate_phone.png"), full_page=True)
    page.close()


def test_a_link_reproduces_the_view(browser, app_url):
    a = open_page(browser, app_url + "/?task=image&model=sdxl&n=3&region=PL")
    b = open_page(browser, app_url + "/?task=image&model=sdxl&n=3&region=PL")
    assert big_number_grams(a) == big_number_grams(b)
    c = open_page(browser, app_url + "/?task=image&model=sdxl&n=3&region=FR")
    assert big_number_grams(c) < big_number_grams(a)  # a cleaner grid never raises grams
    for p in (a, b, c):
        p.close()


def test_downloads_are_real_files_that_match_the_page(browser, app_url, tmp_path):
    page = open_page(browser, app_url + "/?task=image&model=sdxl&n=10&region=FR")
    shown = big_number_grams(page)
    with page.expect_download(timeout=WAIT_MS) as dl:
        page.get_by_role("button", name="Label card (PNG)").click()
    png = tmp_path / "card.png"
    dl.value.save_as(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download(timeout=WAIT_MS) as dl:
        page.get_by_role("button", name="Result (CSV)").click()
    path = tmp_path / "result.csv"
    dl.value.save_as(path)
    row = next(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert float(row["co2e_central"]) == pytest.approx(shown, rel=0.06)  # the page rounds to 2 figures
    with page.expect_download(timeout=WAIT_MS) as dl:
        page.get_by_role("button", name="Result (JSON)").click()
    record = json.loads(open(dl.value.path(), encoding="utf-8").read())
    assert record["region"]["id"] == "FR" and record["scenario"]["count"] == 10
    page.close()


def test_compare_methodology_and_embed_pages(browser, app_url):
    page = open_page(browser, app_url + "/compare?a=image:sdxl:PL&b=image:sdxl:FR")
    body = page.inner_text("body")
    assert "Poland" in body and "France" in body
    page.screenshot(path=str(ARTIFACTS / "browser_compare_desktop.png"), full_page=True)
    page.close()

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(app_url + "/methodology")
    page.wait_for_selector("text=Version", timeout=WAIT_MS)
    assert "What is not counted" in page.inner_text("body")
    page.close()

    page = open_page(browser, app_url + "/embed?task=image&model=sdxl&embed=true", width=640, height=420)
    assert "AI Flight Label" in page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / "browser_embed.png"))
    page.close()


def test_a_hostile_link_shows_a_notice_and_no_script(browser, app_url):
    page = open_page(browser, app_url + "/?region=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E&n=-4")
    assert "Ignored" in page.inner_text("body")
    assert page.evaluate("window.pwned === undefined")
    page.close()
