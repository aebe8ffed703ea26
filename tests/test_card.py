"""The share card: a 1200×630 PNG and SVG that say the same thing, escaped, and fit on the card."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from estimator import card, label
from estimator.card import CardText, card_png, card_svg
from estimator.present import fmt_amount, fmt_range, grams_unit, wh_unit

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SVG = "{http://www.w3.org/2000/svg}"
URL = "https://example.org/label?task=chat&model=gpt-4o"
DAY = dt.date(2026, 1, 2)
EVIL = "<script>alert('x')</script> & \"quoted\""
CATEGORY_MODELS = {"lower": "llama-3.1-8b", "typical": "gpt-5-mini", "higher": "gpt-4o"}


@pytest.fixture(scope="module")
def image_label():
    return label(task="image", model="sdxl", count=10, region="FR")


def _with_names(lab, model_name: str | None = None, zone_name: str | None = None, alternatives=None):
    """The same label with another model or region name (estimates are frozen dataclasses)."""
    e = lab.estimate
    if model_name is not None:
        e = dataclasses.replace(e, model=dataclasses.replace(e.model, name=model_name))
    if zone_name is not None:
        e = dataclasses.replace(e, zone=dataclasses.replace(e.zone, name=zone_name))
    changes = {"estimate": e}
    if alternatives is not None:
        changes["alternatives"] = alternatives
    return dataclasses.replace(lab, **changes)


def _svg_texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def _png_texts(lab, monkeypatch) -> list[str]:
    """The strings Pillow is asked to draw."""
    drawn: list[str] = []
    original = ImageDraw.ImageDraw.text

    def spy(self, xy, text, *args, **kwargs):
        drawn.append(text)
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", spy)
    card_png(lab, URL, DAY)
    return drawn


def test_png_is_a_1200x630_png(image_label):
    png = card_png(image_label, URL, DAY)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    img = Image.open(io.BytesIO(png))
    img.load()
    assert img.format == "PNG" and img.size == (1200, 630)
    # Not blank: the card has dark text on a white background.
    assert img.convert("L").getextrema()[0] < 60


def test_svg_parses_and_carries_the_numbers_and_citation(image_label):
    svg = card_svg(image_label, URL, DAY)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("1200", "630", "0 0 1200 630")
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    assert "DejaVu Sans" in root.get("font-family")
    texts = " ".join(_svg_texts(svg))
    e = image_label.estimate
    central, span = fmt_range(e.co2e_g, grams_unit)
    wh, wh_span = fmt_range(e.energy_wh, wh_unit)
    for expected in (image_label.words, central, span, wh, wh_span, e.methodology_version, e.data_hash,
                     URL, "2026-01-02", "Datacenter boundary", e.task.name, e.zone.name):
        assert expected in texts, expected
    pct = image_label.percent_vs_typical
    assert f"{'−' if pct < 0 else '+'}{abs(pct):,.0f}% vs typical" in texts
    for v in e.best_equivalents():
        assert f"{fmt_amount(v.amount.central)} " in texts
    top = image_label.alternatives[0]
    assert f"Greener: {top.change}" in texts and f"−{top.saved_percent:.0f}%" in texts
    # The plain-text summary says the same, with the full citation.
    desc = root.find(f"{SVG}desc").text
    assert central in desc and image_label.words in desc and URL in desc


def test_names_cannot_inject_markup(image_label):
    lab = _with_names(image_label, model_name=EVIL, zone_name=EVIL)
    svg = card_svg(lab, url=f"{URL}&x=<script>", date=DAY)
    root = ET.fromstring(svg)  # still well-formed
    assert "<script" not in svg
    assert not [el for el in root.iter() if el.tag.split("}")[-1].lower() == "script"]
    assert "&lt;script&gt;" in svg
    # The text survives, escaped: the summary names the model and region as given.
    assert root.find(f"{SVG}desc").text.count(EVIL) == 2
    assert any("<script>" in t for t in _svg_texts(svg))
    assert Image.open(io.BytesIO(card_png(lab, URL, DAY))).size == (1200, 630)


def test_both_renderers_draw_the_same_strings(image_label, monkeypatch):
    text = card._lines(image_label, URL, DAY)
    assert isinstance(text, CardText)
    svg_texts = _svg_texts(card_svg(image_label, URL, DAY))
    assert _png_texts(image_label, monkeypatch) == svg_texts
    shared = [text.title, text.words, text.percent, text.big, text.range_line, text.energy_line,
              text.greener, text.greener_percent, text.footer, *text.citation,
              *(line for item in text.equivalents for line in item)]
    for s in shared:
        assert s in svg_texts, s


def test_label_without_greener_options_renders(image_label):
    lab = _with_names(image_label, alternatives=())
    texts = _svg_texts(card_svg(lab, URL, DAY))
    assert "No greener option among those checked" in texts
    assert not any(t.startswith("Greener:") for t in texts)
    assert Image.open(io.BytesIO(card_png(lab))).size == (1200, 630)


def test_long_names_are_cut_with_an_ellipsis_and_nothing_overflows(image_label):
    lab = _with_names(image_label, model_name="Extremely Verbose Diffusion Model " * 8,
                      zone_name="W" * 150)
    texts = _svg_texts(card_svg(lab, URL, DAY))
    title = texts[0]
    assert "…" in title and title.startswith(lab.estimate.task.name)
    assert "Extremely" in title and "W" * 150 not in title
    for op in card._layout(card._lines(lab, URL, DAY)):
        if isinstance(op, card._Text):
            w = card._width(op.text, op.size, op.bold)
            left = op.x - w if op.anchor == "end" else op.x
            assert card.MARGIN - 1 <= left and left + w <= card.WIDTH - card.MARGIN + 1, op.text


def test_text_is_large_enough_to_read(image_label):
    ops = [op for op in card._layout(card._lines(image_label, URL, DAY)) if isinstance(op, card._Text)]
    assert min(op.size for op in ops) >= 24
    big = next(op for op in ops if op.text == card._lines(image_label).big)
    assert big.size >= 96


def test_icon_is_a_shape_that_differs_by_category():
    shapes = {c: card._icon(c, 100, 100, "#000") for c in ("lower", "typical", "higher")}
    assert shapes["typical"].kind == "circle"
    down, up = shapes["lower"].points, shapes["higher"].points
    assert down[5] > down[1] and up[5] < up[1]  # apex below the base for ▼, above it for ▲


def test_default_font_is_scalable_and_fallback_renders(image_label, monkeypatch, tmp_path):
    assert isinstance(ImageFont.load_default(size=40), ImageFont.FreeTypeFont)
    monkeypatch.setattr(card, "FONT_DIR", tmp_path)
    monkeypatch.setattr(card, "SYSTEM_FONT_DIRS", ())
    card._font.cache_clear()
    try:
        assert not card._is_dejavu()
        img = Image.open(io.BytesIO(card_png(image_label, URL, DAY)))
        assert img.size == (1200, 630)
    finally:
        monkeypatch.undo()
        card._font.cache_clear()
    assert card._is_dejavu()  # the bundled font is back


@pytest.mark.parametrize("category", list(CATEGORY_MODELS))
def test_save_a_card_per_category(category):
    lab = label(task="chat", model=CATEGORY_MODELS[category])
    assert lab.category == category
    ARTIFACTS.mkdir(exist_ok=True)
    png = card_png(lab, URL, DAY)
    (ARTIFACTS / f"card_{category}.png").write_bytes(png)
    (ARTIFACTS / f"card_{category}.svg").write_text(card_svg(lab, URL, DAY), encoding="utf-8")
    assert Image.open(io.BytesIO(png)).size == (1200, 630)
    assert lab.words in _svg_texts(card_svg(lab, URL, DAY))


# ------------------------------------------------------------------ the "My AI year" card

def _year():
    from estimator.usage.year import UsageLine, UsageProfile, year
    return year(UsageProfile((UsageLine("chat", 20, "day", "ChatGPT"), UsageLine("image", 3, "week", "Midjourney"),
                              UsageLine("summary", 2, "week")), region="FR"))


def test_the_year_card_svg_parses_and_carries_the_years_figures_share_and_best_change():
    from estimator.card import year_card_svg
    from estimator.present import fmt_grams
    r = _year()
    svg = year_card_svg(r, URL, DAY)
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("1200", "630", "0 0 1200 630")
    desc = root.find(f"{SVG}desc").text
    for figure in (r.year_g, r.week_g, r.month_g):
        assert fmt_grams(figure) in desc
    texts = " ".join(_svg_texts(svg))
    assert "My AI year" in texts and "France grid" in texts
    big, span = fmt_range(r.year_g, grams_unit)
    assert big in texts and f"range {span} CO₂e" in texts
    assert f"Week {fmt_range(r.week_g, grams_unit)[0]}" in texts and f"Month {fmt_range(r.month_g, grams_unit)[0]}" in texts
    words = {"chat": "chat questions", "image": "images", "summary": "summaries"}
    for kind, share in r.shares:
        assert f"{words[kind]} {share * 100:.0f} %" in texts
    assert f"−{r.best_change.saved_share * 100:.0f}%" in texts and "Best change: your" in texts
    e = r.lines[0].estimate
    assert f"methodology {e.methodology_version}" in texts and URL in texts and DAY.isoformat() in texts
    assert "boundary" in texts


def test_the_year_card_png_is_the_single_cards_size():
    from estimator.card import year_card_png
    png = year_card_png(_year(), URL, DAY)
    img = Image.open(io.BytesIO(png))
    img.load()
    single = Image.open(io.BytesIO(card_png(label(task="chat"), URL, DAY)))
    assert img.format == "PNG" and img.size == single.size == (1200, 630)
    assert img.convert("L").getextrema()[0] < 60


def test_nothing_an_export_holds_reaches_the_year_card_only_counts_and_model_ids(monkeypatch):
    from estimator.card import year_card_png, year_card_svg
    from estimator.usage import read_export
    from estimator.usage.year import profile_from_export, year
    from tests.test_exports import SENTINEL, T_2024_01, as_json, chatgpt, message, tree
    slug = f"{SENTINEL} <b>"  # a crafted export can put anything where the model name goes
    export = [chatgpt("c", tree(("root", None, None), ("u", "root", message("user", SENTINEL, T_2024_01)),
                                ("a", "u", message("assistant", SENTINEL * 3, T_2024_01 + 5, slug))),
                      title=SENTINEL, default_model=slug)]
    r = year(profile_from_export(read_export(as_json(export))))
    assert r.lines[0].line.kind == "chat"  # read: one reply of an unknown model
    svg = year_card_svg(r, URL, DAY)
    drawn: list[str] = []
    original = ImageDraw.ImageDraw.text
    monkeypatch.setattr(ImageDraw.ImageDraw, "text", lambda self, xy, text, *a, **k: (drawn.append(text),
                                                                                          original(self, xy, text, *a, **k))[1])
    year_card_png(r, URL, DAY)
    for word in (w for w in SENTINEL.split() if len(w) > 3):  # "purple", "walrus", "sings", "dawn"
        assert word not in svg.lower() and all(word not in t.lower() for t in drawn)
