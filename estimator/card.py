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

from .basis import estimate_basis
from .data import load_data
from .equivalents import EquivalentValue, readable_equivalents
from .errors import plain_number
from .label import FlightLabel
from .present import APP_NAME, citation_line, not_counted, fmt_amount, fmt_range, grams_unit, label_percent, wh_unit

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
RULE_Y, GREENER_Y, NOT_COUNTED_Y, FOOTER_Y, CITATION_LINE = 418, 456, 490, 526, 34
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
    not_counted: str  # present.not_counted(boundary): what the figure does not include
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

def _percent(lab: FlightLabel, with_range: bool = False) -> str:
    """Worded to agree with the category beside it ("−51%, not surely lower" next to Typical); the band has
    room for the central value only, the card's text alternative carries the range too."""
    return label_percent(lab, load_data(), with_range)


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
    parts = [e.task.name, f"{fmt_amount(s.count)} {unit}", model, f"{zone} grid"]
    if s.mode == "self-hosted":  # a self-hosted figure is many times a service's: the card must say which it is
        parts.insert(3, "self-hosted")
    title = _fit_parts(parts, {2, len(parts) - 1}, " · ", TITLE_SIZE, full_width)

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
    basis = estimate_basis(e, load_data())
    footer = _fit(f"{e.boundary.capitalize()} boundary · {basis.kind} figure · grid: {e.grid_label}", SMALL_SIZE,
                  full_width - brand_w)
    cite = citation_line(e, url, date)
    citation = _wrap(cite, SMALL_SIZE, full_width, CITATION_MAX_LINES)

    range_line = _fit(f"range {span} CO₂e", BODY_SIZE, LEFT_W)
    energy_line = _fit(f"Energy {wh} ({wh_span})", BODY_SIZE, LEFT_W)
    summary = f"{e.task.name} · {fmt_amount(s.count)} {unit} · {model} · {zone} grid"
    desc = (f"{APP_NAME} card. {summary}: {big} CO₂e (range {span}), electricity {wh} (range {wh_span}). "
            f"{lab.words} ({_percent(lab, with_range=True)}). {eq_head + ' ' + '; '.join(eq_items) + '. ' if eq_items else ''}"
            f"{greener_text}{f' ({greener_pct})' if top else ''}. {e.boundary.capitalize()} boundary; grid: "
            f"{e.grid_label}. Figure {basis.kind}: {basis.reason} {not_counted(e.boundary)} {cite}.")
    return CardText(
        title=title, brand=APP_NAME, category=lab.category, words=_fit(lab.words, BAND_SIZE, words_w, True),
        percent=percent, big=big, big_unit="CO₂e", range_line=range_line, energy_line=energy_line,
        equivalents_head=eq_head if wrapped else "", equivalents=tuple(wrapped), greener=greener,
        greener_percent=greener_pct, not_counted=_fit(not_counted(e.boundary), SMALL_SIZE, full_width), footer=footer, citation=citation,
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
        _Text(MARGIN, NOT_COUNTED_Y, c.not_counted, SMALL_SIZE, fill=MUTED),
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


def _svg_document(ops: list[_Text | _Shape], title: str, desc: str) -> str:
    """A standalone 1200×630 SVG document of drawing operations; every inserted value is XML-escaped."""
    body = "\n".join(_svg_op(op) for op in ops)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="card-title card-desc" '
        f'font-family={quoteattr(FONT_FAMILY)}>\n'
        f'<title id="card-title">{escape(title)}</title>\n'
        f'<desc id="card-desc">{escape(desc)}</desc>\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{BG}"/>\n'
        f"{body}\n</svg>\n"
    )


def _png_bytes(ops: list[_Text | _Shape]) -> bytes:
    """The same operations as 1200×630 PNG bytes, drawn with Pillow."""
    img = Image.new("RGB", (WIDTH, HEIGHT), BG)
    draw = ImageDraw.Draw(img)
    ascii_only = not _is_dejavu()
    for op in ops:
        if isinstance(op, _Text):
            text = op.text.translate(ASCII_FALLBACK) if ascii_only else op.text
            draw.text((op.x, op.y), text, font=_font(op.size, op.bold), fill=op.fill,
                      anchor="rs" if op.anchor == "end" else "ls")
        elif op.kind == "rect":
            x, y, w, h, r = op.points
            if r:
                draw.rounded_rectangle((x, y, x + w, y + h), radius=r, fill=op.fill)
            else:
                draw.rectangle((x, y, x + w, y + h), fill=op.fill)
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


def card_svg(lab: FlightLabel, url: str | None = None, date: dt.date | None = None) -> str:
    """The card as a standalone 1200×630 SVG document; every inserted value is XML-escaped."""
    c = _lines(lab, url, date)
    return _svg_document(_layout(c), c.svg_title, c.desc)


def card_png(lab: FlightLabel, url: str | None = None, date: dt.date | None = None) -> bytes:
    """The same card as 1200×630 PNG bytes, drawn with Pillow."""
    return _png_bytes(_layout(_lines(lab, url, date)))


# ---------------------------------------------------------------- the "My AI year" card
# Same size, fonts, colours and renderers as the single-estimate card; only counts, model names from the
# catalogue and grams reach it (never an export's text, titles or notes).

YEAR_TITLE = "My AI year"
YEAR_BIG_Y, YEAR_RANGE_Y, YEAR_PERIODS_Y, YEAR_ENERGY_Y = 200, 248, 288, 324
SHARE_HEAD_Y, SHARE_BAR_TOP, SHARE_BAR_H, SHARE_LIST_Y, SHARE_LINE = 130, 146, 28, 208, 34
YEAR_RULE_Y, BEST_Y, BEST_LINE, BEST_MAX_LINES = 352, 388, 32, 3
# One colour per task in the share bar (Okabe–Ito, readable by most colour-blind readers); the list beside it
# names each task, so the colour is never the only carrier.
KIND_COLOURS = {"chat": "#0072B2", "long": "#E69F00", "summary": "#009E73", "image": "#CC79A7", "video": "#56B4E9"}


@dataclass(frozen=True)
class YearCardText:
    """Every string and share on the year card, shared by the SVG and PNG renderers."""

    title: str  # "My AI year · France grid"
    big: str  # "1.2 kg"
    big_unit: str  # "CO₂e a year"
    range_line: str
    periods_line: str  # "Week 23 g · Month 100 g"
    energy_line: str
    shares_head: str
    shares: tuple[tuple[str, float, str], ...]  # (kind, share, "images 70 %")
    best: tuple[str, ...]  # the best change in words, wrapped
    best_percent: str
    not_counted: str
    footer: str
    citation: tuple[str, ...]
    svg_title: str
    desc: str


def _year_lines(result, url: str | None = None, date: dt.date | None = None) -> YearCardText:
    from .present import fmt_grams, fmt_wh
    from .usage.year import KINDS, pct_words
    e = result.lines[0].estimate
    full_width = WIDTH - 2 * MARGIN
    zone = _cut(e.zone.name, NAME_CHARS)
    title = _fit_parts([YEAR_TITLE, f"{zone} grid"], {1}, " · ", TITLE_SIZE, full_width, bold=True)
    big, span = fmt_range(result.year_g, grams_unit)
    week, _ = fmt_range(result.week_g, grams_unit)
    month, _ = fmt_range(result.month_g, grams_unit)
    wh, wh_span = fmt_range(result.energy_wh, wh_unit)
    share_w = WIDTH - MARGIN - RIGHT_X
    shares = tuple((kind, share, _fit(f"{KINDS[kind][2]} {pct_words(share)}", SMALL_SIZE, share_w - 24))
                   for kind, share in result.shares)
    best = result.best_change
    best_pct = f"−{best.saved_share * 100:.0f}%" if best else ""
    best_text = (f"Best change: {best.words()}" if best else
                 "Best change: none of the checked changes a person can make lowers this year")
    best_lines = _wrap(best_text, SMALL_SIZE, full_width - _width(best_pct, BODY_SIZE, True) - 24, BEST_MAX_LINES)
    brand_w = _width(APP_NAME, SMALL_SIZE, True) + 32
    footer = _fit(f"{e.boundary.capitalize()} boundary · grid: {e.grid_label} · methodology {e.methodology_version}",
                  SMALL_SIZE, full_width - brand_w)
    cite = citation_line(e, url, date)
    share_words = "; ".join(f"{KINDS[k][2]} {pct_words(v)}" for k, v in result.shares)
    desc = (f"{APP_NAME} card. {YEAR_TITLE}, {zone} grid: year {fmt_grams(result.year_g)}; week "
            f"{fmt_grams(result.week_g)}; month {fmt_grams(result.month_g)}; electricity {fmt_wh(result.energy_wh)}. "
            f"Share by task: {share_words}. {best_text}. {e.boundary.capitalize()} boundary; grid: {e.grid_label}. "
            f"{not_counted(e.boundary)} {cite}.")
    return YearCardText(
        title=title, big=big, big_unit="CO₂e a year", range_line=_fit(f"range {span} CO₂e", BODY_SIZE, LEFT_W),
        periods_line=_fit(f"Week {week} · Month {month}", BODY_SIZE, LEFT_W),  # their ranges: in desc
        energy_line=_fit(f"Energy {wh} a year ({wh_span})", SMALL_SIZE, LEFT_W),
        shares_head="Share by task", shares=shares, best=best_lines, best_percent=best_pct,
        not_counted=_fit(not_counted(e.boundary), SMALL_SIZE, full_width), footer=footer,
        citation=_wrap(cite, SMALL_SIZE, full_width, CITATION_MAX_LINES),
        svg_title=f"{APP_NAME}: {YEAR_TITLE}, {big} CO₂e a year ({zone} grid)", desc=desc)


def _year_layout(c: YearCardText) -> list[_Text | _Shape]:
    right = WIDTH - MARGIN
    big_size = next((s for s in range(BIG_MAX, BIG_MIN - 1, -4)
                     if _width(c.big, s, True) + 20 + _width(c.big_unit, BIG_UNIT_SIZE, True) <= LEFT_W), BIG_MIN)
    ops: list[_Text | _Shape] = [
        _Text(MARGIN, TITLE_Y, c.title, TITLE_SIZE, bold=True),
        _Text(MARGIN, YEAR_BIG_Y, c.big, big_size, bold=True),
        _Text(MARGIN + _width(c.big, big_size, True) + 20, YEAR_BIG_Y, c.big_unit, BIG_UNIT_SIZE, bold=True),
        _Text(MARGIN, YEAR_RANGE_Y, c.range_line, BODY_SIZE, fill=MUTED),
        _Text(MARGIN, YEAR_PERIODS_Y, c.periods_line, BODY_SIZE, fill=MUTED),
        _Text(MARGIN, YEAR_ENERGY_Y, c.energy_line, SMALL_SIZE, fill=MUTED),
        _Text(RIGHT_X, SHARE_HEAD_Y, c.shares_head, SMALL_SIZE, bold=True, fill=MUTED),
    ]
    bar_w = right - RIGHT_X
    x = RIGHT_X
    for i, (kind, share, _) in enumerate(c.shares):  # the stacked bar: each task's share of the year
        w = bar_w - (x - RIGHT_X) if i == len(c.shares) - 1 else bar_w * share
        ops.append(_Shape("rect", (x, SHARE_BAR_TOP, max(w, 0.0), SHARE_BAR_H, 0), KIND_COLOURS[kind]))
        x += w
    for i, (kind, _, words) in enumerate(c.shares):
        y = SHARE_LIST_Y + i * SHARE_LINE
        ops.append(_Shape("rect", (RIGHT_X, y - 16, 16, 16, 0), KIND_COLOURS[kind]))
        ops.append(_Text(RIGHT_X + 24, y, words, SMALL_SIZE))
    ops.append(_Shape("line", (MARGIN, YEAR_RULE_Y, right, YEAR_RULE_Y), RULE))
    ops += [_Text(MARGIN, BEST_Y + i * BEST_LINE, line, SMALL_SIZE) for i, line in enumerate(c.best)]
    ops.append(_Text(right, BEST_Y, c.best_percent, BODY_SIZE, bold=True, fill=STYLE["lower"][1], anchor="end"))
    return _with_footer(ops, c, right)


def _with_footer(ops: list, c, right: float) -> list:
    """The year's and the comparison's shared foot: what is not counted, the stamp, the brand and the citation lines
    (``c`` has ``not_counted``, ``footer`` and ``citation``); texts left empty are dropped."""
    ops = ops + [
        _Text(MARGIN, NOT_COUNTED_Y, c.not_counted, SMALL_SIZE, fill=MUTED),
        _Text(MARGIN, FOOTER_Y, c.footer, SMALL_SIZE, fill=MUTED),
        _Text(right, FOOTER_Y, APP_NAME, SMALL_SIZE, bold=True, fill=MUTED, anchor="end"),
    ]
    ops += [_Text(MARGIN, FOOTER_Y + CITATION_LINE * (i + 1), line, SMALL_SIZE, fill=MUTED)
            for i, line in enumerate(c.citation)]
    return [op for op in ops if not isinstance(op, _Text) or op.text]


def year_card_svg(result, url: str | None = None, date: dt.date | None = None) -> str:
    """A "My AI year" (estimator.usage.year.YearResult) as a standalone 1200×630 SVG card."""
    c = _year_lines(result, url, date)
    return _svg_document(_year_layout(c), c.svg_title, c.desc)


def year_card_png(result, url: str | None = None, date: dt.date | None = None) -> bytes:
    """The same year card as 1200×630 PNG bytes."""
    return _png_bytes(_year_layout(_year_lines(result, url, date)))


# ---------------------------------------------------------------- the comparison card
# Two to four options side by side on the same 1200×630 card, fonts, colours and renderers as the single
# estimate: each option's name, grams with range and label, then the ratio between the first two options
# (per unit, with its own range: estimator.uncertainty.ratio, shared inputs cancelled), as the Compare page
# states it ("A is 18× B").

COMPARE_TITLE = "Comparison"
COMPARE_MAX_OPTIONS = 4
COL_GAP = 24
COL_NAME_Y, COL_NAME_LINE, COL_NAME_LINES = 118, 30, 2
COL_BIG_Y, COL_BIG_MAX, COL_BIG_MIN = 232, 84, 40
COL_RANGE_Y, COL_BAND_TOP, COL_BAND_H, COL_PERCENT_Y = 270, 290, 56, 378
COL_ICON = 26
CMP_RULE_Y, RATIO_Y, DIFFER_Y = 394, 428, 460


@dataclass(frozen=True)
class CompareOptionText:
    """One option's strings on the comparison card."""

    letter: str  # "A"
    name: tuple[str, ...]  # "A · 10 images · SDXL · France grid", wrapped to the column
    category: str
    words: str  # "Lower than usual" (fitted to the band)
    percent: tuple[str, ...]  # "−63% vs typical", wrapped
    big: str  # "12 g"
    range_line: str  # "range 8.1–19 g CO₂e"


@dataclass(frozen=True)
class CompareCardText:
    title: str
    options: tuple[CompareOptionText, ...]
    ratio: str  # "Per image: A is 18× B (range 12–25×)"
    differ: str  # "Stable Diffusion XL vs FLUX.1 [schnell]"
    not_counted: str
    footer: str
    citation: tuple[str, ...]
    svg_title: str
    desc: str


def _letter(i: int) -> str:
    return chr(ord("A") + i)


def option_words(lab: FlightLabel) -> str:
    """"10 images · SDXL · France grid" (plus "self-hosted" when it is): what one option is, in one line."""
    e, s = lab.estimate, lab.estimate.scenario
    unit = e.task.unit_singular if s.count == 1 else e.task.unit_plural
    # a count is an input, exact as typed (1,234 images), never rounded like a measured quantity
    parts = [f"{plain_number(s.count)} {unit}", _cut(e.model.name, NAME_CHARS), f"{_cut(e.zone.name, NAME_CHARS)} grid"]
    if s.mode == "self-hosted":
        parts.insert(2, "self-hosted")
    return " · ".join(parts)


def first_pair_ratio(labs: list[FlightLabel]) -> str:
    """The ratio between the first two options, per unit, higher over lower, with its range (shared inputs
    cancelled: estimator.uncertainty.ratio): "Per image: A is 18× B (range 12–25×)"; or why there is none."""
    from .compare import comparable
    from .uncertainty import ratio
    a, b = labs[0].estimate, labs[1].estimate
    if not comparable(a, b):
        why = "different tasks" if a.scenario.task != b.scenario.task else "different boundaries"
        return f"No ratio between A and B: {why} are different work"
    hi, lo = (0, 1) if a.co2e_g_per_unit.central >= b.co2e_g_per_unit.central else (1, 0)
    high, low = labs[hi].estimate.co2e_g_per_unit, labs[lo].estimate.co2e_g_per_unit
    per = f"Per {a.task.unit_singular}"
    if low.central <= 0:
        return f"{per}: no ratio ({_letter(lo)} is zero)"
    r = ratio(high, low)
    times = fmt_amount(r.central)
    span = f"range {fmt_amount(r.low)}–{fmt_amount(r.high)}×"
    if times in ("1", "1.0"):
        return f"{per}: {_letter(hi)} ≈ {_letter(lo)}, about the same ({span})"
    return f"{per}: {_letter(hi)} is {times}× {_letter(lo)} ({span})"


def first_pair_differences(labs: list[FlightLabel]) -> str:
    """What differs between the first two options: "A vs B: GPT-4o vs Llama 3.1 8B"; only the tasks when those
    differ (then everything else is different work anyway)."""
    a, b = labs[0].estimate, labs[1].estimate
    if a.scenario.task != b.scenario.task:
        return f"A vs B: {a.task.name} vs {b.task.name}"
    data = load_data()

    def job(e) -> str:
        p = data.presets.get((e.scenario.task, e.scenario.preset))
        return p.label if p else str(e.scenario.preset)

    def count(e) -> str:
        return f"{plain_number(e.scenario.count)} {e.task.unit_singular if e.scenario.count == 1 else e.task.unit_plural}"

    parts = []
    for what in (lambda e: e.model.name, lambda e: f"{e.zone.name} grid", job, lambda e: e.scenario.mode, count):
        if what(a) != what(b):
            parts.append(f"{what(a)} vs {what(b)}")
    return "A vs B: " + ("; ".join(parts) if parts else "the same option twice")


def percent_words(lab: FlightLabel, with_range: bool = False) -> str:
    """label_percent with a capital first letter, for a line of its own ("The typical value")."""
    text = _percent(lab, with_range)
    return text[:1].upper() + text[1:]


def _first_fitting(candidates: list[str], size: int, max_px: float, bold: bool = False) -> str:
    """The first wording that fits whole (narrow columns get the shorter ones), else the last one cut."""
    for text in candidates:
        if _width(text, size, bold) <= max_px:
            return text
    return _fit(candidates[-1], size, max_px, bold)


def _column_width(n: int) -> float:
    return (WIDTH - 2 * MARGIN - COL_GAP * (n - 1)) / n


def _compare_lines(labs: list[FlightLabel], url: str | None = None, date: dt.date | None = None) -> CompareCardText:
    from .errors import EstimatorError
    if not 2 <= len(labs) <= COMPARE_MAX_OPTIONS:
        raise EstimatorError(f"a comparison card takes 2 to {COMPARE_MAX_OPTIONS} options, not {len(labs)}",
                             "compare two, three or four options")
    if len({lab.estimate.boundary for lab in labs}) > 1:  # like with like, as on the Compare page
        raise EstimatorError("a comparison counts every option at one boundary",
                             "give every option the same boundary")
    full_width = WIDTH - 2 * MARGIN
    col_w = _column_width(len(labs))
    tasks = list(dict.fromkeys(lab.estimate.task.name for lab in labs))
    title = _fit(f"{COMPARE_TITLE} · {' vs '.join(tasks)}", TITLE_SIZE, full_width, bold=True)
    options, described = [], []
    for i, lab in enumerate(labs):
        e = lab.estimate
        big, span = fmt_range(e.co2e_g, grams_unit)
        name = f"{_letter(i)} · {option_words(lab)}"
        options.append(CompareOptionText(
            letter=_letter(i), name=_wrap(name, SMALL_SIZE, col_w, COL_NAME_LINES), category=lab.category,
            words=_first_fitting([lab.words.replace(" for this task", ""), lab.category.capitalize()], SMALL_SIZE,
                                 col_w - COL_ICON - 36, True),
            percent=_wrap(percent_words(lab), SMALL_SIZE, col_w, 1), big=big,
            range_line=_first_fitting([f"range {span} CO₂e", f"{span} CO₂e", span], SMALL_SIZE, col_w)))
        described.append(f"{name}: {big} CO₂e (range {span}), {lab.words.lower()} ({_percent(lab, with_range=True)})")
    ratio_line = first_pair_ratio(labs)
    differ = first_pair_differences(labs)
    e = labs[0].estimate
    brand_w = _width(APP_NAME, SMALL_SIZE, True) + 32
    footer = _fit(f"{e.boundary.capitalize()} boundary · methodology {e.methodology_version} · data {e.data_hash}",
                  SMALL_SIZE, full_width - brand_w)
    cite = citation_line(e, url, date)
    desc = (f"{APP_NAME} comparison card. " + "; ".join(described) + f". {ratio_line}. {differ}. "
            f"{e.boundary.capitalize()} boundary. {not_counted(e.boundary)} {cite}.")
    return CompareCardText(
        title=title, options=tuple(options), ratio=_fit(ratio_line, BODY_SIZE, full_width, bold=True),
        differ=_fit(differ, SMALL_SIZE, full_width), not_counted=_fit(not_counted(e.boundary), SMALL_SIZE, full_width),
        footer=footer, citation=_wrap(cite, SMALL_SIZE, full_width, CITATION_MAX_LINES),
        svg_title=f"{APP_NAME}: {COMPARE_TITLE.lower()}, " + "; ".join(
            f"{o.letter} {o.big} CO₂e" for o in options), desc=desc)


def _compare_layout(c: CompareCardText) -> list[_Text | _Shape]:
    right = WIDTH - MARGIN
    col_w = _column_width(len(c.options))
    ops: list[_Text | _Shape] = [_Text(MARGIN, TITLE_Y, c.title, TITLE_SIZE, bold=True)]
    for i, o in enumerate(c.options):
        x = MARGIN + i * (col_w + COL_GAP)
        band, accent = STYLE[o.category]
        big_size = next((s for s in range(COL_BIG_MAX, COL_BIG_MIN - 1, -4) if _width(o.big, s, True) <= col_w),
                        COL_BIG_MIN)
        ops += [_Text(x, COL_NAME_Y + k * COL_NAME_LINE, line, SMALL_SIZE)
                for k, line in enumerate(o.name)]
        ops += [
            _Text(x, COL_BIG_Y, _fit(o.big, big_size, col_w, True), big_size, bold=True),
            _Text(x, COL_RANGE_Y, o.range_line, SMALL_SIZE, fill=MUTED),
            _Shape("rect", (x, COL_BAND_TOP, col_w, COL_BAND_H, BAND_RADIUS), band),
            _icon_sized(o.category, x + 14 + COL_ICON / 2, COL_BAND_TOP + COL_BAND_H / 2, accent, COL_ICON),
            _Text(x + COL_ICON + 28, COL_BAND_TOP + COL_BAND_H / 2 + SMALL_SIZE * 0.36, o.words, SMALL_SIZE, bold=True),
        ]
        ops += [_Text(x, COL_PERCENT_Y + k * COL_NAME_LINE, line, SMALL_SIZE, bold=True, fill=accent)
                for k, line in enumerate(o.percent)]
    ops += [
        _Shape("line", (MARGIN, CMP_RULE_Y, right, CMP_RULE_Y), RULE),
        _Text(MARGIN, RATIO_Y, c.ratio, BODY_SIZE, bold=True),
        _Text(MARGIN, DIFFER_Y, c.differ, SMALL_SIZE, fill=MUTED),
    ]
    return _with_footer(ops, c, right)


def _icon_sized(category: str, cx: float, cy: float, colour: str, size: float) -> _Shape:
    """``_icon`` at another size: the same shapes, scaled about their centre."""
    shape = _icon(category, cx, cy, colour)
    k = size / ICON
    pts = shape.points
    if shape.kind == "circle":
        return _Shape("circle", (cx, cy, pts[2] * k), colour)
    return _Shape(shape.kind, tuple(c + (v - c) * k for v, c in zip(pts, (cx, cy) * (len(pts) // 2))), colour)


def compare_card_svg(labs: list[FlightLabel], url: str | None = None, date: dt.date | None = None) -> str:
    """Two to four options side by side as a standalone 1200×630 SVG card, with the ratio of the first two."""
    c = _compare_lines(list(labs), url, date)
    return _svg_document(_compare_layout(c), c.svg_title, c.desc)


def compare_card_png(labs: list[FlightLabel], url: str | None = None, date: dt.date | None = None) -> bytes:
    """The same comparison card as 1200×630 PNG bytes."""
    return _png_bytes(_compare_layout(_compare_lines(list(labs), url, date)))
