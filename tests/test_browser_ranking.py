"""The Ranking page in a real headless Chromium: a phone in the dark, and the CSV a visitor downloads."""

from __future__ import annotations

import csv
import io

import pytest

from estimator.data import load_data
from tests.browser import ARTIFACTS, require_chromium, text_contrast

require_chromium()

WAIT_MS = 45_000
PHONE = {"width": 390, "height": 844}
LINK = "/ranking?task=image&model=sdxl&region=FR&n=10"


def open_ranking(browser, url: str, scheme: str, viewport: dict):
    page = browser.new_page(viewport=viewport, color_scheme=scheme, accept_downloads=True)
    page.goto(url)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=WAIT_MS)
    page.wait_for_selector("text=/number \\d+ of \\d+/", timeout=WAIT_MS)
    page.wait_for_timeout(1000)
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_ranking_reads_on_a_phone_in_light_and_dark(browser, app_url, scheme):
    page = open_ranking(browser, app_url + LINK, scheme, PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1  # no sideways scroll
    sentence = page.locator("[data-testid='stMarkdown'] p", has_text="number").first
    assert text_contrast(sentence) >= 4.5
    grid = page.locator("[data-testid='stDataFrame']").first.bounding_box()
    assert grid["x"] >= 0 and grid["x"] + grid["width"] <= PHONE["width"] + 1
    page.screenshot(path=str(ARTIFACTS / f"ranking_phone_{scheme}.png"), full_page=True)
    page.close()


def test_the_ranking_csv_download_lists_every_model_sorted_by_grams(browser, app_url):
    page = open_ranking(browser, app_url + LINK, "light", {"width": 1366, "height": 900})
    with page.expect_download(timeout=WAIT_MS) as dl:
        page.get_by_role("button", name="Ranking (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(dl.value.path(), encoding="utf-8").read())))
    data = load_data()
    assert {r["model_id"] for r in rows} == {m.model_id for m in data.models.values() if m.task == "image"}
    grams = [float(r["co2e_g_central"]) for r in rows]
    assert grams == sorted(grams)
    assert [r["model_id"] for r in rows if r["current"] == "True"] == ["sdxl"]
    assert "model=sdxl" in page.url and "region=FR" in page.url and "n=10" in page.url
    page.close()
