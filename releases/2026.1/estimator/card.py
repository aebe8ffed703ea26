"""The label as a 1200×630 share card (PNG and SVG), drawn without a browser.

``_lines`` turns a FlightLabel into the card's strings (CardText), ``_layout`` places them as a
list of drawing operations, and ``card_svg`` / ``card_png`` only translate those operations, so
both say exactly the same thing in the same place. Text is measured with the bundled DejaVu
Sans (data/fonts/) and shortened with "…" to fit; the SVG names DejaVu Sans first, and the
fallbacks (Arial, Helvetica) are narrower, so the same strings fit there too.

    >>> from estimator import label
    >>> from estimator.card import card_png, card_svg
    >>> png = card_png(label(task="image", model="sdxl", count=10, region="FR"))
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageDraw, ImageFont

from .data import load_data
from .equivalents import EquivalentValue, readable_equivalents
from .label import FlightLabel
from .present import APP_NAME, citation_line, fmt_amount, fmt_range, grams_unit, wh_unit

WIDTH, HEIGHT = 1200, 630
MARGIN = 56
FONT_FAMILY = "DejaVu Sans, Arial, Helvetica, sans-serif"
FONT_DIR = Path(__file__).resolve().parent.parent / "data" / "fonts"
SYSTEM_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/TTF", "/Library/Fonts",
                    "C:/Windows/Fonts")
FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
# Glyphs the fallback font (Pillow's built-in Aileron) lacks, in plain ASCII.
ASCII_FALLBACK = str.maketrans({"−": "-", "–": "-", "×": "x", "₂": "2", "≈": "~"})

BG, INK, MUTED, RULE = "#FFFFFF", "#111827", "#374151", "#D1D5DB"
# Category: (band fill, icon and percent colour). The words and the icon's shape carry the meaning.
STYLE = {"lower": ("#DCFCE7", "#166534"), "typical": ("#E5E7EB", "#1F2937"), "higher": ("#FFE4D6", "#9A3412")}

# Font sizes (px) and where things sit: y values are text baselines.
TITLE_SIZE, BAND_SIZE, PERCENT_SIZE = 28, 34, 30
BIG_MAX, BIG_MIN, BIG_UNIT_SIZE, BODY_SIZE, SMALL_SIZE = 120, 96, 40, 28, 24
TITLE_Y = 66
BAND_TOP, BAND_H, BAND_RADIUS, ICON = 90, 80, 14, 34
BIG_Y, RANGE_Y, ENERGY_Y = 300, 350, 390
LEFT_W = 620  # big number, range, energy
RIGHT_X = MARGIN + LEFT_W + 36  # equivalents
EQ_HEAD_Y, EQ_LINE, EQ_GAP, EQ_MAX_LINES = 216, 32, 8, 5
RULE_Y, GREENER_Y, FOOTER_Y, CITATION_LINE = 418, 462, 520, 34
CITATION_MAX_LINES = 2
NAME_CHARS = 60  # a model or region name longer than this is cut before anything is measured
NAME_MIN_CHARS = 12  # when the title is too wide, names are shortened down to this first
ELLIPSIS = "…"


@dataclass(frozen=True)
class CardText:
    """Every string on the card, shared by the SVG and PNG renderers."""

    title: str  # "Image generation · 10 images · SDXL · France grid"
    brand: str
    category: str  # lower | typical | higher
    words: str  # "Lower than usual for this task"
    percent: str  # "−63% vs typical"
    big: str  # "12 g"
    big_unit: str  # "CO₂e"
    range_line: str  # "range 8.1–19 g CO₂e"
    energy_line: str  # "Energy 35 Wh (20–60 Wh)"
    equivalents_head: str
    equivalents: tuple[tuple[str, ...], ...]  # each equivalent, wrapped to the column
    greener: str  # "Greener: Llama 3.1 8B instead of GPT-4o" or "no greener option …"
    greener_percent: str  # "−94%" or ""
    footer: str  # "Datacenter boundary · grid: 2024 annual average (…)"
    citation: tuple[str, ...]  # the citation line, wrapped
    svg_title: str
    desc: str  # a plain-text paragraph saying everything the card shows


# ---------------------------------------------------------------- fonts and fitting

@functools.lru_cache(maxsize=32)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Bundled DejaVu Sans, else a system copy, else Pillow's built-in scalable font."""
    name = FONT_FILES[bold]
    for folder in (FONT_DIR, *map(Path, SYSTEM_FONT_DIRS)):
        if (folder / name).is_file():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size=size)


def _is_dejavu() -> bool:
    return _font(BODY_SIZE).getname()[0].startswith("DejaVu")


def _width(text: str, size: int, bold: bool = False) -> float:
    if not _is_dejavu():
        text = text.translate(ASCII_FALLBACK)
    return _font(size, bold).getlength(text)


def _cut(text: str, chars: int) -> str:
    """At most ``chars`` characters, the last one "…" when anything was cut."""
    return text if len(text) <= chars else text[:chars - 1].rstrip() + ELLIPSIS


def _fit(text: str, size: int, max_px: float, bold: bool = False) -> str:
    """The longest start of ``text`` (with "…" when cut) that is at most ``max_px`` wide."""
    if _width(text, size, bold) <= max_px:
        return text
    lo, hi = 0, len(text)  # binary search: the widest prefix that fits with the ellipsis
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _width(text[:mid].rstrip() + ELLIPSIS, size, bold) <= max_px:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip(" ,·") + ELLIPSIS


def _fit_parts(parts: list[str], shrinkable: set[int], sep: str, size: int, max_px: float,
               bold: bool = False) -> str:
    """Join ``parts``; while too wide, shorten the longest shrinkable part (a model or region name)."""
    parts = list(parts)
    while _width(sep.join(parts), size, bold) > max_px:
        i = max(shrinkable, key=lambda k: len(parts[k]), default=None)
        if i is None or len(parts[i]) <= NAME_MIN_CHARS:
            break
        parts[i] = parts[i][:len(parts[i]) - 2].rstrip() + ELLIPSIS
    return _fit(sep.join(parts), size, max_px, bold)


def _wrap(text: str, size: int, max_px: float, max_lines: int, breaks: str = " ") -> tuple[str, ...]:
    """Greedy word wrap at ``breaks``; the last allowed line is shortened with "…" if needed."""
    words = text.split(breaks)
    lines: list[str] = []
    current = ""
    for i, word in enumerate(words):
        trial = f"{current}{breaks}{word}" if current else word
        if current and _width(trial, size) > max_px:
            lines.append(current)
            current = word
            if len(lines) == max_lines - 1:
                current = breaks.join(words[i:])
                break
        else:
            current = trial
    lines.append(current)
    return tuple(_fit(line, size, max_px) for line in lines)


# ---------------------------------------------------------------- the strings

def _percent(lab: FlightLabel) -> str:
    p = lab.percent_vs_typical
    return f"{'+' if p >= 0 else '−'}{abs(p):,.0f}% vs typical"


def _equivalents(lab: FlightLabel) -> tuple[str, list[EquivalentValue]]:
    """The heading and the best 2–3 everyday equivalents, scaled up ("1,000 of these ≈") when one is too small."""
    e = lab.estimate
    scale, values = readable_equivalents(e.co2e_g, e.energy_wh, load_data())
    if scale == 1:
        return "About the same as", values
    return f"{fmt_amount(scale)} of these ≈", values


def _lines(lab: FlightLabel, url: str | None = None, date: dt.date | None = None) -> CardText:
    e, s = lab.estimate, lab.estimate.scenario
    model, zone = _cut(e.model.name, NAME_CHARS), _cut(e.zone.name, NAME_CHARS)
    unit = e.task.unit_singular if s.count == 1 else e.task.unit_plural
    full_width = WIDTH - 2 * MARGIN
    title = _fit_parts([e.task.name, f"{fmt_amount(s.count)} {unit}", model, f"{zone} grid"], {2, 3}, " · ",
                       TITLE_SIZE, full_width)

    big, span = fmt_range(e.co2e_g, grams_unit)
    wh, wh_span = fmt_range(e.energy_wh, wh_unit)
    percent = _percent(lab)
    words_w = full_width - ICON - 72 - _width(percent, PERCENT_SIZE, True)

    eq_head, eq_values = _equivalents(lab)
    eq_items = [f"{fmt_amount(v.amount.central)} {v.label}" for v in eq_values]
    eq_w = WIDTH - MARGIN - RIGHT_X - 24  # 24: the bullet
    wrapped, used = [], 0
    for item in eq_items:
        lines = _wrap(item, SMALL_SIZE, eq_w, 2)
        if used + len(lines) > EQ_MAX_LINES:
            break
        wrapped.append(lines)
        used += len(lines)

    top = lab.alternatives[0] if lab.alternatives else None
    greener_pct = f"−{top.saved_percent:.0f}%" if top else ""
    greener_text = f"Greener: {_cut(top.change, 2 * NAME_CHARS)}" if top else "No greener option among those checked"
    greener = _fit(greener_text, BODY_SIZE, full_width - _width(greener_pct, BODY_SIZE, True) - 24)

    brand_w = _width(APP_NAME, SMALL_SIZE, True) + 32
    footer = _fit(f"{e.boundary.capitalize()} boundary · grid: {e.grid_label}", SMALL_SIZE, full_width - brand_w)
    cite = citation_line(e, url, date)
    citation = _wrap(cite, SMALL_SIZE, full_width, CITATION_MAX_LINES)

    range_line = _fit(f"range {span} CO₂e", BODY_SIZE, LEFT_W)
    energy_line = _fit(f"Energy {wh} ({wh_span})", BODY_SIZE, LEFT_W)
    summary = f"{e.task.name} · {fmt_amount(s.count)} {unit} · {model} · {zone} grid"
    desc = (f"{APP_NAME} card. {summary}: {big} CO₂e (range {span}), electricity {wh} (range {wh_span}). "
            f"{lab.words} ({percent}). {eq_head + ' ' + '; '.join(eq_items) + '. ' if eq_items else ''}"
            f"{greener_text}{f' ({greener_pct})' if top else ''}. {e.boundary.capitalize()} boundary; grid: "
            f"{e.grid_label}. {cite}.")
    return CardText(
        title=title, brand=APP_NAME, category=lab.category, words=_fit(lab.words, BAND_SIZE, words_w, True),
        percent=percent, big=big, big_unit="CO₂e", range_line=range_line, energy_line=energy_line,
        equivalents_head=eq_head if wrapped else "", equivalents=tuple(wrapped), greener=greener,
        greener_percent=greener_pct, footer=footer, citation=citation,
        svg_title=f"{APP_NAME}: {big} CO₂e, {lab.words.lower()} — {summary}", desc=desc,
    )


# ---------------------------------------------------------------- layout: drawing operations

@dataclass(frozen=True)
class _Text:
    x: float
    y: float  # baseline
    text: str
    size: int
    bold: bool = False
    fill: str = INK
    anchor: str = "start"  # start | end


@dataclass(frozen=True)
class _Shape:
    kind: str  # rect | line | polygon | circle
    points: tuple[float, ...]  # rect: x, y, w, h, radius; line: x1, y1, x2, y2; polygon: x, y, …; circle: cx, cy, r
    fill: str


def _icon(category: str, cx: float, cy: float, colour: str) -> _Shape:
    """▼ lower, ● typical, ▲ higher, drawn as shapes so they never depend on a font's glyphs."""
    h = ICON / 2
    if category == "lower":
        return _Shape("polygon", (cx - h, cy - h * 0.8, cx + h, cy - h * 0.8, cx, cy + h * 0.95), colour)
    if category == "higher":
        return _Shape("polygon", (cx - h, cy + h * 0.8, cx + h, cy + h * 0.8, cx, cy - h * 0.95), colour)
    return _Shape("circle", (cx, cy, h * 0.85), colour)


def _layout(c: CardText) -> list[_Text | _Shape]:
    band, accent = STYLE[c.category]
    right = WIDTH - MARGIN
    band_mid = BAND_TOP + BAND_H / 2
    band_base = band_mid + BAND_SIZE * 0.36  # cap height of DejaVu Sans ≈ 0.73 em
    big_size = next((s for s in range(BIG_MAX, BIG_MIN - 1, -4)
                     if _width(c.big, s, True) + 20 + _width(c.big_unit, BIG_UNIT_SIZE, True) <= LEFT_W), BIG_MIN)
    ops: list[_Text | _Shape] = [
        _Text(MARGIN, TITLE_Y, c.title, TITLE_SIZE),
        _Shape("rect", (MARGIN, BAND_TOP, WIDTH - 2 * MARGIN, BAND_H, BAND_RADIUS), band),
        _icon(c.category, MARGIN + 24 + ICON / 2, band_mid, accent),
        _Text(MARGIN + ICON + 48, band_base, c.words, BAND_SIZE, bold=True),
        _Text(right - 24, band_base, c.percent, PERCENT_SIZE, bold=True, fill=accent, anchor="end"),
        _Text(MARGIN, BIG_Y, c.big, big_size, bold=True),
        _Text(MARGIN + _width(c.big, big_size, True) + 20, BIG_Y, c.big_unit, BIG_UNIT_SIZE, bold=True),
        _Text(MARGIN, RANGE_Y, c.range_line, BODY_SIZE, fill=MUTED),
        _Text(MARGIN, ENERGY_Y, c.energy_line, BODY_SIZE, fill=MUTED),
        _Text(RIGHT_X, EQ_HEAD_Y, c.equivalents_head, SMALL_SIZE, bold=True, fill=MUTED),
    ]
    y = EQ_HEAD_Y
    for item in c.equivalents:
        y += EQ_GAP
        for i, line in enumerate(item):
            y += EQ_LINE
            if i == 0:
                ops.append(_Shape("circle", (RIGHT_X + 6, y - SMALL_SIZE * 0.36, 4), INK))
            ops.append(_Text(RIGHT_X + 24, y, line, SMALL_SIZE))
    ops += [
        _Shape("line", (MARGIN, RULE_Y, right, RULE_Y), RULE),
        _Text(MARGIN, GREENER_Y, c.greener, BODY_SIZE),
        _Text(right, GREENER_Y, c.greener_percent, BODY_SIZE, bold=True, fill=STYLE["lower"][1], anchor="end"),
        _Text(MARGIN, FOOTER_Y, c.footer, SMALL_SIZE, fill=MUTED),
        _Text(right, FOOTER_Y, c.brand, SMALL_SIZE, bold=True, fill=MUTED, anchor="end"),
    ]
    ops += [_Text(MARGIN, FOOTER_Y + CITATION_LINE * (i + 1), line, SMALL_SIZE, fill=MUTED)
            for i, line in enumerate(c.citation)]
    return [op for op in ops if not isinstance(op, _Text) or op.text]


# ---------------------------------------------------------------- renderers

def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _svg_op(op: _Text | _Shape) -> str:
    if isinstance(op, _Text):
        attrs = f'x="{_num(op.x)}" y="{_num(op.y)}" font-size="{op.size}" fill="{op.fill}"'
        attrs += ' font-weight="bold"' if op.bold else ""
        attrs += ' text-anchor="end"' if op.anchor == "end" else ""
        return f"<text {attrs}>{escape(op.text)}</text>"
    p = [_num(v) for v in op.points]
    if op.kind == "rect":
        return f'<rect x="{p[0]}" y="{p[1]}" width="{p[2]}" height="{p[3]}" rx="{p[4]}" fill="{op.fill}"/>'
    if op.kind == "line":
        return f'<line x1="{p[0]}" y1="{p[1]}" x2="{p[2]}" y2="{p[3]}" stroke="{op.fill}" stroke-width="2"/>'
    if op.kind == "circle":
        return f'<circle cx="{p[0]}" cy="{p[1]}" r="{p[2]}" fill="{op.fill}"/>'
    pairs = " ".join(f"{p[i]},{p[i + 1]}" for i in range(0, len(p), 2))
    return f'<polygon points="{pairs}" fill="{op.fill}"/>'


def card_svg(lab: FlightLabel, url: str | None = None, date: dt.date | None = None) -> str:
    """The card as a standalone 1200×630 SVG document; every inserted value is XML-escaped."""
    c = _lines(lab, url, date)
    body = "\n".join(_svg_op(op) for op in _layout(c))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="card-title card-desc" '
        f'font-family={quoteattr(FONT_FAMILY)}>\n'
        f'<title id="card-title">{escape(c.svg_title)}</title>\n'
        f'<desc id="card-desc">{escape(c.desc)}</desc>\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{BG}"/>\n'
        f"{body}\n</svg>\n"
    )


def card_png(lab: FlightLabel, url: str | None = None, date: dt.date | None = None) -> bytes:
    """The same card as 1200×630 PNG bytes, drawn with Pillow."""
    img = Image.new("RGB", (WIDTH, HEIGHT), BG)
    draw = ImageDraw.Draw(img)
    ascii_only = not _is_dejavu()
    for op in _layout(_lines(lab, url, date)):
        if isinstance(op, _Text):
            text = op.text.translate(ASCII_FALLBACK) if ascii_only else op.text
            draw.text((op.x, op.y), text, font=_font(op.size, op.bold), fill=op.fill,
                      anchor="rs" if op.anchor == "end" else "ls")
        elif op.kind == "rect":
            x, y, w, h, r = op.points
            draw.rounded_rectangle((x, y, x + w, y + h), radius=r, fill=op.fill)
        elif op.kind == "line":
            draw.line(op.points, fill=op.fill, width=2)
        elif op.kind == "circle":
            cx, cy, r = op.points
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=op.fill)
        else:
            draw.polygon(list(zip(op.points[::2], op.points[1::2])), fill=op.fill)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()
