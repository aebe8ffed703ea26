"""In the real browser: text a link carries shows as typed in a notice — no mailto link, no emoji."""

from __future__ import annotations

from tests.browser import require_chromium

require_chromium()


def test_an_email_and_shortcodes_in_a_link_show_as_plain_text_in_the_notices(browser, app_url):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        page.goto(app_url + "/?support@evil.example=1&n=:rocket:&region=:heart_eyes:")
        page.wait_for_selector("text=/Ignored/", timeout=45_000)
        page.wait_for_timeout(1000)
        alerts = page.locator("[data-testid='stAlert']")
        text = " ".join(alerts.all_inner_texts()).replace("\u200b", "")
        assert "support@evil.example" in text and ":rocket:" in text and ":heart_eyes:" in text, text
        assert "🚀" not in text and "😍" not in text
        assert page.locator("[data-testid='stAlert'] a[href^='mailto:']").count() == 0
        assert page.locator("[data-testid='stAlert'] a").count() == 0
    finally:
        page.close()
