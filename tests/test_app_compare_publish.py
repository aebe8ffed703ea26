"""A comparison publishes like a single estimate: a card to download (PNG, SVG), a citation, and an iframe that
shows only the comparison inside an article."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from estimator import Scenario, label
from estimator.card import compare_card_svg
from estimator.present import fmt_grams
from tests.app_helpers import downloads, open_page, texts

LINK = {"a": "chat:gpt-4o:WORLD", "b": "chat:llama-3.1-8b:WORLD"}


def test_the_compare_page_offers_the_comparison_card_as_png_and_svg_beside_csv_and_json():
    at = open_page("compare", LINK)
    assert not at.exception
    files = downloads(at)
    for name in ("Comparison card (PNG)", "Comparison card (SVG)", "Comparison (CSV)", "Comparison (JSON)"):
        assert name in files, sorted(files)


def test_the_comparison_card_carries_each_options_grams_as_the_library_computes_them(data):
    labs = [label(Scenario(task="chat", model="gpt-4o"), data), label(Scenario(task="chat", model="llama-3.1-8b"), data)]
    svg = compare_card_svg(labs, "https://example.org/compare?a=chat:gpt-4o:WORLD&b=chat:llama-3.1-8b:WORLD")
    ET.fromstring(svg)  # well-formed
    for lab in labs:
        central = fmt_grams(lab.estimate.co2e_g).split(" CO2e")[0]
        assert central in svg, central


def test_the_page_gives_iframe_code_for_the_comparison_with_embed_true():
    at = open_page("compare", LINK)
    code = next(t for t in texts(at) if "<iframe" in t)
    src = re.search(r'src="([^"]+)"', code).group(1)
    assert "embed=true" in src and "a=chat" in src and "b=chat" in src and "present=" not in src


def test_inside_an_iframe_the_comparison_has_no_editors_and_ends_with_its_citation():
    at = open_page("compare", LINK, embedded=True)
    assert not at.exception
    shown = " ".join(texts(at))
    assert "What to compare" not in shown and not at.get("selectbox") and not at.get("download_button")
    assert "Full comparison, sources and method" in shown
    assert re.search(r"methodology \d{4}\.\d+", shown)
    assert "A is" in shown  # the ratio stays: it is the comparison's point
