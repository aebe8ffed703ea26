"""The comparison card: two to four options side by side (grams with range, label), the ratio of the first two
with its range, methodology version and citation; SVG and PNG say the same thing at 1200×630."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image, ImageDraw

from estimator import EstimatorError, label
from estimator.card import HEIGHT, WIDTH, compare_card_png, compare_card_svg
from estimator.present import fmt_amount, fmt_range, grams_unit
from estimator.uncertainty import ratio

SVG = "{http://www.w3.org/2000/svg}"
URL = "https://example.org/compare?a=chat:gpt-4o:WORLD&b=chat:llama-3.1-8b:WORLD"
DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def chat_pair():
    return [label(task="chat", model="gpt-4o"), label(task="chat", model="llama-3.1-8b")]


@pytest.fixture(scope="module")
def four():
    return [label(task="image", model="sdxl", region="PL"), label(task="image", model="sdxl", region="FR"),
            label(task="chat"), label(task="video")]


def _texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_each_option_carries_its_grams_and_range_as_the_app_words_them(four):
    texts = _texts(compare_card_svg(four, URL, DAY))
    for lab in four:
        central, span = fmt_range(lab.estimate.co2e_g, grams_unit)
        assert central in texts
        assert any(span in t for t in texts), span


def test_the_ratio_of_the_first_two_is_per_unit_with_the_range_shared_inputs_cancel_from(chat_pair):
    a, b = (lab.estimate.co2e_g_per_unit for lab in chat_pair)
    r = ratio(a, b)  # GPT-4o emits more per query than Llama 3.1 8B, so A is the higher one
    assert a.central > b.central
    expected = f"Per query: A is {fmt_amount(r.central)}× B (range {fmt_amount(r.low)}–{fmt_amount(r.high)}×)"
    assert expected in _texts(compare_card_svg(chat_pair, URL, DAY))


def test_the_higher_option_is_named_first_whatever_the_order(chat_pair):
    r = ratio(chat_pair[0].estimate.co2e_g_per_unit, chat_pair[1].estimate.co2e_g_per_unit)
    expected = f"Per query: B is {fmt_amount(r.central)}× A (range {fmt_amount(r.low)}–{fmt_amount(r.high)}×)"
    assert expected in _texts(compare_card_svg(chat_pair[::-1], URL, DAY))


def test_options_of_different_tasks_get_no_ratio_and_say_why():
    labs = [label(task="image"), label(task="chat")]
    texts = _texts(compare_card_svg(labs))
    assert not any(" is " in t and "×" in t for t in texts)
    assert any("No ratio" in t and "different tasks" in t for t in texts)


def test_the_card_names_the_methodology_version_and_the_citation(chat_pair):
    e = chat_pair[0].estimate
    svg = compare_card_svg(chat_pair, URL, DAY)
    joined = " ".join(_texts(svg))
    assert f"methodology {e.methodology_version}" in joined
    assert f"data {e.data_hash}, {DAY.isoformat()}" in joined
    desc = ET.fromstring(svg).find(f"{SVG}desc").text
    assert URL in desc


def test_each_option_has_its_label_in_words_and_the_text_alternative_says_all(four):
    desc = ET.fromstring(compare_card_svg(four, URL, DAY)).find(f"{SVG}desc").text
    for lab in four:
        assert lab.words.lower() in desc
        assert fmt_range(lab.estimate.co2e_g, grams_unit)[1] in desc


def test_the_png_is_the_cards_size_and_draws_the_svgs_strings(chat_pair, monkeypatch):
    drawn: list[str] = []
    original = ImageDraw.ImageDraw.text

    def spy(self, xy, text, *args, **kwargs):
        drawn.append(text)
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", spy)
    png = compare_card_png(chat_pair, URL, DAY)
    with Image.open(io.BytesIO(png)) as img:
        assert img.size == (WIDTH, HEIGHT) == (1200, 630)
    assert drawn == _texts(compare_card_svg(chat_pair, URL, DAY))


def test_hostile_names_are_escaped_and_the_svg_still_parses(chat_pair):
    evil = "<script>alert('x')</script> & \"q\""
    e = chat_pair[0].estimate
    e = dataclasses.replace(e, model=dataclasses.replace(e.model, name=evil))
    bad = dataclasses.replace(chat_pair[0], estimate=e)
    svg = compare_card_svg([bad, chat_pair[1]], URL, DAY)
    assert "<script>" not in svg
    ET.fromstring(svg)


@pytest.mark.parametrize("n", [1, 5])
def test_a_comparison_card_takes_two_to_four_options(chat_pair, n):
    with pytest.raises(EstimatorError, match="2 to 4 options"):
        compare_card_svg((chat_pair * 3)[:n])


def test_options_at_different_boundaries_are_refused_like_with_like():
    with pytest.raises(EstimatorError, match="one boundary"):
        compare_card_svg([label(task="chat"), label(task="chat", boundary="lifecycle")])


def test_a_count_is_an_input_and_stays_exact_on_the_card():
    labs = [label(task="chat", count=123456), label(task="chat", model="llama-3.1-8b", count=123456)]
    desc = ET.fromstring(compare_card_svg(labs)).find(f"{SVG}desc").text
    assert "123,456 queries" in desc and "120,000 queries" not in desc
