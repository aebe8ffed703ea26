"""The Switching page in a real headless Chromium: 1280×720 in light and dark, a 390 px phone, the charts drawn,
no sideways scroll, and the CSV a visitor downloads equals the library's simulation."""

from __future__ import annotations

import csv
import io

import pytest

from estimator.data import load_data
from estimator.simulate import Policy, SimRequest, simulate
from tests.browser import ARTIFACTS, require_chromium, text_contrast

require_chromium()

WAIT_MS = 45_000
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
LINK = "/simulate?task=chat&large=llama-3.1-70b&small=llama-3.1-8b&region=US-CA&season=summer&pct=60"


def open_sim(browser, url: str, scheme: str, viewport: dict):
    page = browser.new_page(viewport=viewport, color_scheme=scheme, accept_downloads=True)
    page.goto(url)
    page.wait_for_selector("text=Why the figures differ", timeout=WAIT_MS)
    page.wait_for_selector("[data-testid='stVegaLiteChart'] svg", timeout=WAIT_MS)
    page.wait_for_timeout(1500)
    return page


def paragraph_contrast(page, has_text: str) -> float:
    return text_contrast(page.locator("[data-testid='stMarkdown'] p", has_text=has_text).first)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("where,viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_switching_page_reads_at_1280_and_on_a_phone_in_light_and_dark(browser, app_url, scheme, where, viewport):
    page = open_sim(browser, app_url + LINK, scheme, viewport)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1  # no sideways scroll
    charts = page.locator("[data-testid='stVegaLiteChart']")
    assert charts.count() == 2
    for i in range(2):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 0.6 * min(viewport["width"], 1280) - 120 and box["x"] + box["width"] <= viewport["width"] + 1
    # both models named in the legend, in the chart's own text (SVG renderer)
    legend = charts.first.evaluate("el => Array.from(el.querySelectorAll('svg text')).map(t => t.textContent).join(' ')")
    assert "Llama 3.1 70B" in legend and "Llama 3.1 8B" in legend
    assert paragraph_contrast(page, "Requests served") >= 4.5
    page.screenshot(path=str(ARTIFACTS / f"simulate_{where}_{scheme}.png"), full_page=where == "phone")
    page.close()


def test_the_csv_download_is_the_librarys_simulation(browser, app_url):
    page = open_sim(browser, app_url + LINK, "light", DESKTOP)
    with page.expect_download(timeout=WAIT_MS) as dl:
        page.get_by_role("button", name="Simulation (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(dl.value.path(), encoding="utf-8").read())))
    sim = simulate(SimRequest(task="chat", large="llama-3.1-70b", small="llama-3.1-8b", region="US-CA",
                              season="summer", policy=Policy("percentile", 60)), load_data())
    assert [r["scope"] for r in rows].count("hour") == 24
    total = rows[-1]
    assert float(total["with_switching_g"]) == pytest.approx(sim.with_g.central)
    assert float(total["saved_share"]) == pytest.approx(sim.saved_share[1])
    assert "pct=60" in page.url and "large=llama-3.1-70b" in page.url
    page.close()
