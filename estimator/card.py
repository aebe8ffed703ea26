"""The label as a 1200×630 share card (PNG and SVG), drawn without a browser.

``_lines`` turns a FlightLabel into the card's strings (CardText), ``_layout`` places them as a
list of drawing operations, and ``card_svg`` / ``card_png`` only translate those operations, so
both say exactly the same thing in the same place. Text is measured with the bundled DejaVu
Sans (data/fonts/) and shortened with "…" to fit; the SVG names DejaVu Sans first, and the
fallbacks (Arial, Helvetica) are narrower, so the same strings fit there too.

Every card takes the reader's language as a keyword (``lang="fr"``; English by default), and
draws every word and number in it. Chinese needs a font with its characters: Noto Sans CJK
(Debian's ``fonts-noto-cjk``, SIL Open Font License 1.1; ``.ci/install-fonts.sh``), the
Simplified (SC) or Traditional (TC) face by language, since one character can differ in shape.
Chinese text is measured with that face and wrapped or shortened between characters (it has no
spaces). Where the font is missing, the SVG still names the CJK families a reader's system has
(PingFang, Microsoft YaHei/JhengHei …), while the PNG, which Pillow must draw itself, is drawn in
English with a logged warning rather than with empty boxes (``png_lang`` says which it will be).

    >>> from estimator import label
    >>> from estimator.card import card_png, card_svg
    >>> png = card_png(label(task="image", model="sdxl", count=10, region="FR"))
    >>> svg = card_svg(label(task="image", model="sdxl", count=10, region="FR"), lang="zh-Hans")
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import io
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageDraw, ImageFont

from .basis import estimate_basis
from .data import load_data
from .equivalents import EquivalentValue, readable_equivalents
from .errors import plain_number
from .i18n import MINUS, N_, Translator, translator
from .i18n.names import alternative_label, equivalent_label, model_name, preset_label, task_name, task_unit, zone_name
from .label import FlightLabel
from .present import (APP_NAME, change_words, citation_line, not_counted, fmt_amount, fmt_range, grams_unit,
                      label_percent, label_words, round_sig, wh_unit)

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
MARGIN = 56
FONT_FAMILY = "DejaVu Sans, Arial, Helvetica, sans-serif"
FONT_DIR = Path(__file__).resolve().parent.parent / "data" / "fonts"
SYSTEM_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/TTF", "/Library/Fonts",
                    "C:/Windows/Fonts")
FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
# Chinese: Noto Sans CJK (Debian fonts-noto-cjk, SIL OFL 1.1), one collection file per weight holding every face;
# the face is chosen by name, Simplified or Traditional (Taiwan) glyph shapes.
CJK_FONT_FILES = {False: "NotoSansCJK-Regular.ttc", True: "NotoSansCJK-Bold.ttc"}
CJK_FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk",
                 "/usr/share/fonts/OTF", "/usr/local/share/fonts", "/Library/Fonts", "C:/Windows/Fonts")
CJK_FACES = {"zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC"}
# The SVG is drawn by the reader's browser: the same face first, then what Chinese systems have.
CJK_FAMILIES = {
    "zh-Hans": '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
    "zh-Hant": '"Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", '
               'sans-serif',
}
_WIDE = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# Punctuation a line may not start with (it stays with the character before it).
_CLOSING = "，。、；：！？）」』》〉】”’"
_TOKEN = re.compile(f"(?:[{_CLOSING}]+|[{_WIDE}]|[^\\s{_WIDE}]+)[{_CLOSING}]*\\s*")
_HAS_WIDE = re.compile(f"[{_WIDE}]")
# Characters Noto Sans CJK lacks, drawn (and measured) as their plain forms in the PNG: "CO₂e" → "CO2e".
CJK_FALLBACK = str.maketrans({"₂": "2"})
# The language being drawn (set by each public function for the time of one card): which face measures and draws.
_FACE: contextvars.ContextVar[str] = contextvars.ContextVar("card_face", default="en")
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
    band_size: int = BAND_SIZE  # the band's words and percent: a longer language steps down before cutting
    percent_size: int = PERCENT_SIZE


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


@functools.lru_cache(maxsize=8)
def _cjk_font_file(lang: str, bold: bool) -> tuple[str, int] | None:
    """(path, index in the collection) of the Noto Sans CJK face for this language, or None if not installed."""
    name = CJK_FONT_FILES[bold]
    for folder in map(Path, CJK_FONT_DIRS):
        path = folder / name
        if not path.is_file():
            continue
        for index in range(32):  # a collection holds ~10 faces: JP, KR, SC, TC, HK and their Mono
            try:
                font = ImageFont.truetype(str(path), 12, index=index)
            except OSError:
                break
            if font.getname()[0] == CJK_FACES[lang]:
                return str(path), index
    return None


@functools.lru_cache(maxsize=64)
def _cjk_font(lang: str, size: int, bold: bool = False) -> ImageFont.FreeTypeFont | None:
    found = _cjk_font_file(lang, bold) or (_cjk_font_file(lang, False) if bold else None)
    return ImageFont.truetype(found[0], size, index=found[1]) if found else None


def has_font(lang: str) -> bool:
    """Whether the PNG card can be drawn in this language here (Chinese needs Noto Sans CJK installed)."""
    return lang not in CJK_FACES or _cjk_font(lang, BODY_SIZE) is not None


def png_lang(lang: str) -> str:
    """The language a PNG card asked for in ``lang`` is drawn in: ``lang``, or English where the Chinese font is
    missing (logged): a card in English is honest, a card of empty boxes is not."""
    if has_font(lang):
        return lang
    log.warning("no Noto Sans CJK font (%s) for the %s card: drawing the PNG in English; install fonts-noto-cjk "
                "(.ci/install-fonts.sh)", CJK_FACES[lang], lang)
    return "en"


@contextlib.contextmanager
def _drawing(lang: str):
    """Measure and draw with this language's face while one card is made."""
    token = _FACE.set(lang)
    try:
        yield
    finally:
        _FACE.reset(token)


def _draw_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    face = _FACE.get()
    if face in CJK_FACES:
        font = _cjk_font(face, size, bold)
        if font is not None:
            return font
    return _font(size, bold)


def _latin_width(text: str, size: int, bold: bool = False) -> float:
    if not _is_dejavu():
        text = text.translate(ASCII_FALLBACK)
    return _font(size, bold).getlength(text)


def _width(text: str, size: int, bold: bool = False) -> float:
    face = _FACE.get()
    if face in CJK_FACES:
        font = _cjk_font(face, size, bold)
        if font is not None:
            return font.getlength(text.translate(CJK_FALLBACK))
        # no CJK font on this machine (the SVG is still made): a CJK character is one em wide in every CJK font
        wide = len(_HAS_WIDE.findall(text))
        return wide * size + _latin_width(_HAS_WIDE.sub("", text), size, bold)
    return _latin_width(text, size, bold)


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
    return text[:lo].rstrip(" ,·，、；：") + ELLIPSIS


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


def _fit_names(parts: list[str], model: str, zone: str, grid, size: int, max_px: float, bold: bool = False) -> str:
    """A title whose last two names (the model, parts[2], and the region inside ``grid(zone)``, the last part) are
    shortened, the longer first, until it fits: the words around a name are never the ones cut."""
    names = [model, zone]
    while True:
        shown = list(parts)
        shown[2], shown[-1] = names[0], grid(names[1])
        text = " · ".join(shown)
        if _width(text, size, bold) <= max_px:
            return text
        i = 0 if len(names[0]) >= len(names[1]) else 1
        if len(names[i]) <= NAME_MIN_CHARS // 2:
            return _fit(text, size, max_px, bold)
        names[i] = names[i][:len(names[i]) - 2].rstrip() + ELLIPSIS


def _wrap(text: str, size: int, max_px: float, max_lines: int, breaks: str = " ") -> tuple[str, ...]:
    """Greedy word wrap at ``breaks``; the last allowed line is shortened with "…" if needed. Text with Chinese
    characters breaks between any two of them too (never before a closing mark such as "，")."""
    if _HAS_WIDE.search(text):
        return _wrap_wide(text, size, max_px, max_lines)
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
    if len(lines) > max_lines:  # one line allowed: the loop above only stops from the second line on
        lines = lines[:max_lines - 1] + [breaks.join(lines[max_lines - 1:])]
    return tuple(_fit(line, size, max_px) for line in lines)


def _wrap_wide(text: str, size: int, max_px: float, max_lines: int) -> tuple[str, ...]:
    """Greedy wrap for Chinese: a break may fall between two characters or at a space between Latin words."""
    tokens = _TOKEN.findall(text)
    lines: list[str] = []
    current = ""
    for i, token in enumerate(tokens):
        trial = current + token
        if current.strip() and _width(trial.rstrip(), size) > max_px:
            lines.append(current.rstrip())
            current = token
            if len(lines) == max_lines - 1:
                current = "".join(tokens[i:])
                break
        else:
            current = trial
    lines.append(current.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + ["".join(lines[max_lines - 1:])]
    return tuple(_fit(line, size, max_px) for line in lines)


# ---------------------------------------------------------------- the strings

def _tr(t: Translator | None) -> Translator:
    """The reader's Translator; None is English (the words every card had before languages)."""
    return t if t is not None else translator("en")


def _translator_for(lang: str | None, t: Translator | None) -> Translator:
    return t if t is not None else translator(lang or "en")


def _png_translator(lang: str | None, t: Translator | None) -> Translator:
    """The Translator a PNG is drawn with: the reader's, or English where its font is missing (logged)."""
    t = _translator_for(lang, t)
    drawn = png_lang(t.lang)
    return t if drawn == t.lang else translator(drawn)


# Words the card builds from language-neutral keys (marked for the catalogues with N_, translated where drawn).
BOUNDARY_WORDS = {"gpu": N_("GPU boundary"), "server": N_("Server boundary"), "fleet": N_("Fleet boundary"),
                  "datacenter": N_("Datacenter boundary"), "lifecycle": N_("Life-cycle boundary")}
FIGURE_WORDS = {"measured": N_("measured figure"), "extrapolated": N_("extrapolated figure")}
SCOPE_WORDS = {"lifecycle": N_("life-cycle emissions"), "direct": N_("direct emissions")}
HOUR_WORDS = {"winter": N_("{hour}:00 local time on a typical winter day"),
              "spring": N_("{hour}:00 local time on a typical spring day"),
              "summer": N_("{hour}:00 local time on a typical summer day"),
              "autumn": N_("{hour}:00 local time on a typical autumn day")}
_HOUR_LABEL = re.compile(r"(\d{2}):00 local on a typical (winter|spring|summer|autumn) day")
_LIVE_LABEL = re.compile(r"live, (\d{2}:\d{2}) UTC")


def boundary_words(boundary: str, t: Translator | None = None) -> str:
    """"Datacenter boundary" in the reader's language."""
    t = _tr(t)
    if t.lang == "en" or boundary not in BOUNDARY_WORDS:
        return f"{boundary.capitalize()} boundary"  # the English every card has said
    return t._(BOUNDARY_WORDS[boundary])


def grid_words(e, t: Translator | None = None) -> str:
    """Where the grid figure comes from (Estimate.grid_label is the English): the year's average with its scope
    and publisher, an hour of a typical day, or a live reading. A label of another shape stays as given."""
    t = _tr(t)
    if t.lang == "en":
        return e.grid_label
    o = e.grid_override
    if o is None:
        z = e.zone
        scope = t._(SCOPE_WORDS[z.scope]) if z.scope in SCOPE_WORDS else z.scope
        return t._("{year} annual average ({scope}; {publisher})", year=z.year, scope=scope,
                   publisher=z.source.publisher)
    hour, live = _HOUR_LABEL.match(o.label), _LIVE_LABEL.match(o.label)
    if o.kind == "profile" and hour:
        return t._(HOUR_WORDS[hour[2]], hour=hour[1])
    if o.kind == "live" and live:
        return t._("live reading at {time} UTC", time=live[1])
    return o.label


def _sentences(t: Translator, parts: list[str]) -> str:
    """Sentences one after another: a space between them, none in Chinese."""
    return ("" if t.lang.startswith("zh") else " ").join(p for p in parts if p)


def _count_words(task, count: float, t: Translator, exact: bool = False) -> str:
    """"10 images" (a count: exact as typed when ``exact``, else as the card has always rounded it)."""
    amount = (plain_number(count) if t.lang == "en" else t.count(count)) if exact else t.amount(count)
    return t._p("format", "{amount} {unit}", amount=amount, unit=task_unit(task, count, t))


def _equivalent_words(v: EquivalentValue, t: Translator) -> str:
    """"0.80 smartphone charges", the noun in the plural form the written amount takes."""
    a = v.amount.central
    if t.lang == "en":
        thing = v.label
    else:
        thing = equivalent_label(v.equivalent, 1 if 0.95 <= a < 1.05 else round_sig(a), t)
    return t._p("format", "{amount} {unit}", amount=t.amount(a), unit=thing)


def _percent(lab: FlightLabel, with_range: bool = False, t: Translator | None = None) -> str:
    """Worded to agree with the category beside it ("−51%, not surely lower" next to Typical); the band has
    room for the central value only, the card's text alternative carries the range too."""
    return label_percent(lab, load_data(), with_range, t=t)


def _label_words(lab: FlightLabel, t: Translator) -> str:
    return lab.words if t.lang == "en" else label_words(lab, t)


def _equivalents(lab: FlightLabel, t: Translator | None = None) -> tuple[str, list[EquivalentValue]]:
    """The heading and the best 2–3 everyday equivalents, scaled up ("1,000 of these ≈") when one is too small."""
    t = _tr(t)
    e = lab.estimate
    scale, values = readable_equivalents(e.co2e_g, e.energy_wh, load_data())
    if scale == 1:
        return t._("About the same as"), values
    return t._("{scale} of these ≈", scale=t.amount(scale)), values


def _lines(lab: FlightLabel, url: str | None = None, date: dt.date | None = None,
           t: Translator | None = None) -> CardText:
    t = _tr(t)
    en = t.lang == "en"
    e, s = lab.estimate, lab.estimate.scenario
    model, zone = _cut(model_name(e.model, t), NAME_CHARS), _cut(zone_name(e.zone, t), NAME_CHARS)
    full_width = WIDTH - 2 * MARGIN
    grid_part = t._("{zone} grid", zone=zone)
    parts = [task_name(e.task, t), _count_words(e.task, s.count, t, exact=True), model, grid_part]
    summary = " · ".join(parts)
    if s.mode == "self-hosted":  # a self-hosted figure is many times a service's: the card must say which it is
        parts.insert(3, t._("self-hosted"))
    if en:
        title = _fit_parts(parts, {2, len(parts) - 1}, " · ", TITLE_SIZE, full_width)
    else:  # the words around the region's name ("réseau électrique : …") stay; the names themselves shorten
        title = _fit_names(parts, model, zone, lambda z: t._("{zone} grid", zone=z), TITLE_SIZE, full_width)

    big, span = fmt_range(e.co2e_g, grams_unit, t)
    wh, wh_span = fmt_range(e.energy_wh, wh_unit, t)
    percent = _percent(lab, t=t)
    words = _label_words(lab, t)
    band_words, band_size, percent_size = words, BAND_SIZE, PERCENT_SIZE
    if not en:  # French says more than English: a smaller band font, then the shorter words, before any is cut
        tries = [(w, step) for w in (words, t._(SHORT_WORDS[lab.category])) for step in (0, 3, 6)]
        for text, step in tries:
            band_size, percent_size = BAND_SIZE - step, PERCENT_SIZE - step
            if _width(text, band_size, True) <= full_width - ICON - 72 - _width(percent, percent_size, True):
                band_words = text
                break
        else:
            band_size, percent_size = BAND_SIZE - 6, PERCENT_SIZE - 6
    words_w = full_width - ICON - 72 - _width(percent, percent_size, True)

    eq_head, eq_values = _equivalents(lab, t)
    eq_items = [_equivalent_words(v, t) for v in eq_values]
    eq_w = WIDTH - MARGIN - RIGHT_X - 24  # 24: the bullet
    wrapped, used = [], 0
    for item in eq_items:
        lines = _wrap(item, SMALL_SIZE, eq_w, 2)
        if used + len(lines) > EQ_MAX_LINES:
            break
        wrapped.append(lines)
        used += len(lines)

    top = lab.alternatives[0] if lab.alternatives else None
    greener_pct = (t.percent(-top.saved_percent) if round(top.saved_percent) else MINUS + t.percent(0)) if top else ""
    if top:
        change = top.change if en else change_words(top, e, t)
        greener_text = t._("Greener: {change}", change=_cut(change, 2 * NAME_CHARS))
    else:
        greener_text = t._("No greener option among those checked")
    greener = _fit(greener_text, BODY_SIZE, full_width - _width(greener_pct, BODY_SIZE, True) - 24)

    brand_w = _width(APP_NAME, SMALL_SIZE, True) + 32
    basis = estimate_basis(e, load_data())
    boundary = boundary_words(e.boundary, t)
    figure = f"{basis.kind} figure" if en else t._(FIGURE_WORDS[basis.kind])
    grid = grid_words(e, t)
    footer = _fit(t._("{boundary} · {figure} · grid: {grid}", boundary=boundary, figure=figure, grid=grid),
                  SMALL_SIZE, full_width - brand_w)
    cite = citation_line(e, url, date, t)
    citation = _wrap(cite, SMALL_SIZE, full_width, CITATION_MAX_LINES)
    nc = not_counted(e.boundary, t)

    range_line = _fit(t._("range {span} CO₂e", span=span), BODY_SIZE, LEFT_W)
    energy_line = _fit(t._("Energy {amount} ({span})", amount=wh, span=wh_span), BODY_SIZE, LEFT_W)
    desc = _sentences(t, [
        t._("{app} card. {summary}: {big} CO₂e (range {span}), electricity {wh} (range {wh_span}).", app=APP_NAME,
            summary=summary, big=big, span=span, wh=wh, wh_span=wh_span),
        t._("{words} ({percent}).", words=words, percent=_percent(lab, with_range=True, t=t)),
        t._("{head} {items}.", head=eq_head, items=t._("; ").join(eq_items)) if eq_items else "",
        t._("{greener} ({percent}).", greener=greener_text, percent=greener_pct) if top
        else t._("{greener}.", greener=greener_text),
        t._("{boundary}; grid: {grid}.", boundary=boundary, grid=grid),
        f"Figure {basis.kind}: {basis.reason}" if en else t._("Figure: {figure}.", figure=figure),
        nc, cite + ".",
    ])
    return CardText(
        title=title, brand=APP_NAME, category=lab.category, words=_fit(band_words, band_size, words_w, True),
        percent=percent, big=big, big_unit="CO₂e", range_line=range_line, energy_line=energy_line,
        equivalents_head=eq_head if wrapped else "", equivalents=tuple(wrapped), greener=greener,
        greener_percent=greener_pct, not_counted=_fit(nc, SMALL_SIZE, full_width), footer=footer, citation=citation,
        svg_title=t._("{app}: {big} CO₂e, {words} — {summary}", app=APP_NAME, big=big, words=words.lower(),
                      summary=summary), desc=desc, band_size=band_size, percent_size=percent_size,
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
    band_base = band_mid + c.band_size * 0.36  # cap height of DejaVu Sans ≈ 0.73 em
    big_size = next((s for s in range(BIG_MAX, BIG_MIN - 1, -4)
                     if _width(c.big, s, True) + 20 + _width(c.big_unit, BIG_UNIT_SIZE, True) <= LEFT_W), BIG_MIN)
    ops: list[_Text | _Shape] = [
        _Text(MARGIN, TITLE_Y, c.title, TITLE_SIZE),
        _Shape("rect", (MARGIN, BAND_TOP, WIDTH - 2 * MARGIN, BAND_H, BAND_RADIUS), band),
        _icon(c.category, MARGIN + 24 + ICON / 2, band_mid, accent),
        _Text(MARGIN + ICON + 48, band_base, c.words, c.band_size, bold=True),
        _Text(right - 24, band_base, c.percent, c.percent_size, bold=True, fill=accent, anchor="end"),
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
    """A standalone 1200×630 SVG document of drawing operations; every inserted value is XML-escaped. A card in
    another language than English says which (xml:lang) and, for Chinese, names Chinese font families."""
    body = "\n".join(_svg_op(op) for op in ops)
    face = _FACE.get()
    lang = "" if face == "en" else f' xml:lang="{face}"'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="card-title card-desc"{lang} '
        f'font-family={quoteattr(CJK_FAMILIES.get(face, FONT_FAMILY))}>\n'
        f'<title id="card-title">{escape(title)}</title>\n'
        f'<desc id="card-desc">{escape(desc)}</desc>\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{BG}"/>\n'
        f"{body}\n</svg>\n"
    )


def _png_bytes(ops: list[_Text | _Shape]) -> bytes:
    """The same operations as 1200×630 PNG bytes, drawn with Pillow."""
    img = Image.new("RGB", (WIDTH, HEIGHT), BG)
    draw = ImageDraw.Draw(img)
    cjk = _FACE.get() in CJK_FACES and _cjk_font(_FACE.get(), BODY_SIZE) is not None
    ascii_only = not cjk and not _is_dejavu()
    for op in ops:
        if isinstance(op, _Text):
            text = op.text.translate(ASCII_FALLBACK) if ascii_only else op.text
            text = text.translate(CJK_FALLBACK) if cjk else text
            draw.text((op.x, op.y), text, font=_draw_font(op.size, op.bold), fill=op.fill,
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


def card_text(lab: FlightLabel, url: str | None = None, date: dt.date | None = None, *, lang: str = "en",
              t: Translator | None = None) -> CardText:
    """Every string of the card in the reader's language (``desc`` is its text alternative, for alt=)."""
    t = _translator_for(lang, t)
    with _drawing(t.lang):
        return _lines(lab, url, date, t)


def card_svg(lab: FlightLabel, url: str | None = None, date: dt.date | None = None, *, lang: str = "en",
             t: Translator | None = None) -> str:
    """The card as a standalone 1200×630 SVG document; every inserted value is XML-escaped."""
    t = _translator_for(lang, t)
    with _drawing(t.lang):
        c = _lines(lab, url, date, t)
        return _svg_document(_layout(c), c.svg_title, c.desc)


def card_png(lab: FlightLabel, url: str | None = None, date: dt.date | None = None, *, lang: str = "en",
             t: Translator | None = None) -> bytes:
    """The same card as 1200×630 PNG bytes, drawn with Pillow (in English where a Chinese font is missing:
    ``png_lang``)."""
    t = _png_translator(lang, t)
    with _drawing(t.lang):
        return _png_bytes(_layout(_lines(lab, url, date, t)))


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


# Each task of a year in words (the year's own words live in estimator/usage/year.KINDS, in English).
KIND_WORDS = {"chat": N_("chat questions"), "long": N_("long answers / reasoning"), "summary": N_("summaries"),
              "image": N_("images"), "video": N_("video seconds")}


def _kind_words(kind: str, t: Translator) -> str:
    from .usage.year import KINDS
    return KINDS[kind][2] if t.lang == "en" or kind not in KIND_WORDS else t._(KIND_WORDS[kind])


def _share_words(share: float, t: Translator) -> str:
    """"70 %" (as estimator.usage.year.pct_words writes it in English)."""
    from .usage.year import pct_words
    return pct_words(share) if t.lang == "en" else t.percent(share * 100)


def _best_change_words(result, t: Translator) -> str:
    best = result.best_change
    if t.lang == "en":
        return best.words()
    least, most = best.saved_share_range
    option = best.option
    current = result.lines[best.line_index].estimate
    return t._("your {kind} are {share} of your year; {option} ({change}) would save {saved} (range {least} to "
               "{most})", kind=_kind_words(best.kind, t), share=_share_words(best.kind_share, t),
               option=alternative_label(load_data().alternatives[option.alternative_id], t),
               change=change_words(option, current, t), saved=_share_words(best.saved_share, t),
               least=_share_words(least, t), most=_share_words(most, t))


def _year_lines(result, url: str | None = None, date: dt.date | None = None,
                t: Translator | None = None) -> YearCardText:
    from .present import fmt_grams, fmt_wh
    t = _tr(t)
    en = t.lang == "en"
    e = result.lines[0].estimate
    full_width = WIDTH - 2 * MARGIN
    zone = _cut(zone_name(e.zone, t), NAME_CHARS)
    year_title = t._("My AI year")
    title = _fit_parts([year_title, t._("{zone} grid", zone=zone)], {1}, " · ", TITLE_SIZE, full_width, bold=True)
    big, span = fmt_range(result.year_g, grams_unit, t)
    week, _w = fmt_range(result.week_g, grams_unit, t)
    month, _m = fmt_range(result.month_g, grams_unit, t)
    wh, wh_span = fmt_range(result.energy_wh, wh_unit, t)
    share_w = WIDTH - MARGIN - RIGHT_X
    share_text = {kind: t._("{kind} {share}", kind=_kind_words(kind, t), share=_share_words(share, t))
                  for kind, share in result.shares}
    shares = tuple((kind, share, _fit(share_text[kind], SMALL_SIZE, share_w - 24)) for kind, share in result.shares)
    best = result.best_change
    if best:
        best_pct = f"−{best.saved_share * 100:.0f}%" if en else MINUS + t.percent(best.saved_share * 100)
        best_text = t._("Best change: {change}", change=_best_change_words(result, t))
    else:
        best_pct = ""
        best_text = t._("Best change: none of the checked changes a person can make lowers this year")
    best_lines = _wrap(best_text, SMALL_SIZE, full_width - _width(best_pct, BODY_SIZE, True) - 24, BEST_MAX_LINES)
    brand_w = _width(APP_NAME, SMALL_SIZE, True) + 32
    boundary, grid = boundary_words(e.boundary, t), grid_words(e, t)
    footer = _fit(t._("{boundary} · grid: {grid} · methodology {version}", boundary=boundary, grid=grid,
                      version=e.methodology_version), SMALL_SIZE, full_width - brand_w)
    cite = citation_line(e, url, date, t)
    nc = not_counted(e.boundary, t)
    fmt_g = (lambda r: fmt_grams(r)) if en else (lambda r: fmt_grams(r, t))
    share_words = t._("; ").join(share_text[k] for k, _v in result.shares)
    desc = _sentences(t, [
        t._("{app} card. {title}, {zone} grid: year {year}; week {week}; month {month}; electricity {energy}.",
            app=APP_NAME, title=year_title, zone=zone, year=fmt_g(result.year_g), week=fmt_g(result.week_g),
            month=fmt_g(result.month_g), energy=fmt_wh(result.energy_wh, None if en else t)),
        t._("Share by task: {shares}.", shares=share_words), t._("{text}.", text=best_text),
        t._("{boundary}; grid: {grid}.", boundary=boundary, grid=grid), nc, cite + "."])
    return YearCardText(
        title=title, big=big, big_unit=t._("CO₂e a year"),
        range_line=_fit(t._("range {span} CO₂e", span=span), BODY_SIZE, LEFT_W),
        periods_line=_fit(t._("Week {week} · Month {month}", week=week, month=month), BODY_SIZE, LEFT_W),
        energy_line=_fit(t._("Energy {amount} a year ({span})", amount=wh, span=wh_span), SMALL_SIZE, LEFT_W),
        shares_head=t._("Share by task"), shares=shares, best=best_lines, best_percent=best_pct,
        not_counted=_fit(nc, SMALL_SIZE, full_width), footer=footer,
        citation=_wrap(cite, SMALL_SIZE, full_width, CITATION_MAX_LINES),
        svg_title=t._("{app}: {title}, {big} CO₂e a year ({zone} grid)", app=APP_NAME, title=year_title, big=big,
                      zone=zone), desc=desc)


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


def year_card_text(result, url: str | None = None, date: dt.date | None = None, *, lang: str = "en",
                   t: Translator | None = None) -> YearCardText:
    """Every string of the year card in the reader's language (``desc``: its text alternative)."""
    t = _translator_for(lang, t)
    with _drawing(t.lang):
        return _year_lines(result, url, date, t)


def year_card_svg(result, url: str | None = None, date: dt.date | None = None, *, lang: str = "en",
                  t: Translator | None = None) -> str:
    """A "My AI year" (estimator.usage.year.YearResult) as a standalone 1200×630 SVG card."""
    t = _translator_for(lang, t)
    with _drawing(t.lang):
        c = _year_lines(result, url, date, t)
        return _svg_document(_year_layout(c), c.svg_title, c.desc)


def year_card_png(result, url: str | None = None, date: dt.date | None = None, *, lang: str = "en",
                  t: Translator | None = None) -> bytes:
    """The same year card as 1200×630 PNG bytes (in English where a Chinese font is missing: ``png_lang``)."""
    t = _png_translator(lang, t)
    with _drawing(t.lang):
        return _png_bytes(_year_layout(_year_lines(result, url, date, t)))


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


def option_words(lab: FlightLabel, t: Translator | None = None) -> str:
    """"10 images · SDXL · France grid" (plus "self-hosted" when it is): what one option is, in one line."""
    t = _tr(t)
    e, s = lab.estimate, lab.estimate.scenario
    # a count is an input, exact as typed (1,234 images), never rounded like a measured quantity
    parts = [_count_words(e.task, s.count, t, exact=True), _cut(model_name(e.model, t), NAME_CHARS),
             t._("{zone} grid", zone=_cut(zone_name(e.zone, t), NAME_CHARS))]
    if s.mode == "self-hosted":
        parts.insert(2, t._("self-hosted"))
    return " · ".join(parts)


def first_pair_ratio(labs: list[FlightLabel], t: Translator | None = None) -> str:
    """The ratio between the first two options, per unit, higher over lower, with its range (shared inputs
    cancelled: estimator.uncertainty.ratio): "Per image: A is 18× B (range 12–25×)"; or why there is none."""
    from .compare import comparable
    from .uncertainty import ratio
    t = _tr(t)
    a, b = labs[0].estimate, labs[1].estimate
    if not comparable(a, b):
        if a.scenario.task != b.scenario.task:
            return t._("No ratio between A and B: different tasks are different work")
        return t._("No ratio between A and B: different boundaries are different work")
    hi, lo = (0, 1) if a.co2e_g_per_unit.central >= b.co2e_g_per_unit.central else (1, 0)
    high, low = labs[hi].estimate.co2e_g_per_unit, labs[lo].estimate.co2e_g_per_unit
    unit = t._p("tasks.unit_singular", a.task.unit_singular)
    if low.central <= 0:
        return t._("Per {unit}: no ratio ({letter} is zero)", unit=unit, letter=_letter(lo))
    r = ratio(high, low)
    times = t.amount(r.central)
    span = t._("range {low}–{high}×", low=t.amount(r.low), high=t.amount(r.high))
    if t.amount(r.low) == t.amount(r.high) and fmt_amount(r.central) not in ("1", "1.0"):
        # nothing uncertain differs between the two (the same model on two grids): "(range 4.1–4.1×)" says nothing
        return t._("Per {unit}: {high} is {times}× {low}", unit=unit, high=_letter(hi), times=times, low=_letter(lo))
    if fmt_amount(r.central) in ("1", "1.0"):
        return t._("Per {unit}: {high} ≈ {low}, about the same ({span})", unit=unit, high=_letter(hi),
                   low=_letter(lo), span=span)
    return t._("Per {unit}: {high} is {times}× {low} ({span})", unit=unit, high=_letter(hi), times=times,
               low=_letter(lo), span=span)


def first_pair_differences(labs: list[FlightLabel], t: Translator | None = None) -> str:
    """What differs between the first two options: "A vs B: GPT-4o vs Llama 3.1 8B"; only the tasks when those
    differ (then everything else is different work anyway)."""
    t = _tr(t)
    a, b = labs[0].estimate, labs[1].estimate
    vs = t._(" vs ")
    if a.scenario.task != b.scenario.task:
        return t._("A vs B: {what}", what=task_name(a.task, t) + vs + task_name(b.task, t))
    data = load_data()

    def job(e) -> str:
        p = data.presets.get((e.scenario.task, e.scenario.preset))
        return preset_label(p, t) if p else str(e.scenario.preset)

    def mode(e) -> str:
        if t.lang == "en":
            return e.scenario.mode
        return t._("self-hosted") if e.scenario.mode == "self-hosted" else t._("production service (batched)")

    def count(e) -> str:
        return _count_words(e.task, e.scenario.count, t, exact=True)

    def grid(e) -> str:
        return t._("{zone} grid", zone=zone_name(e.zone, t))

    parts = []
    for what in (lambda e: model_name(e.model, t), grid, job, mode, count):
        if what(a) != what(b):
            parts.append(what(a) + vs + what(b))
    return t._("A vs B: {what}", what=t._("; ").join(parts) if parts else t._("the same option twice"))


def percent_words(lab: FlightLabel, with_range: bool = False, t: Translator | None = None) -> str:
    """label_percent with a capital first letter, for a line of its own ("The typical value")."""
    text = _percent(lab, with_range, t)
    return text[:1].upper() + text[1:]


def _first_fitting(candidates: list[str], size: int, max_px: float, bold: bool = False) -> str:
    """The first wording that fits whole (narrow columns get the shorter ones), else the last one cut."""
    for text in candidates:
        if _width(text, size, bold) <= max_px:
            return text
    return _fit(candidates[-1], size, max_px, bold)


def _column_width(n: int) -> float:
    return (WIDTH - 2 * MARGIN - COL_GAP * (n - 1)) / n


SHORT_WORDS = {"lower": N_("Lower than usual"), "typical": N_("Typical"), "higher": N_("Higher than usual")}
CATEGORY_WORDS = {"lower": N_("Lower"), "typical": N_("Typical"), "higher": N_("Higher")}


def _compare_lines(labs: list[FlightLabel], url: str | None = None, date: dt.date | None = None,
                   t: Translator | None = None) -> CompareCardText:
    from .errors import EstimatorError
    t = _tr(t)
    en = t.lang == "en"
    if not 2 <= len(labs) <= COMPARE_MAX_OPTIONS:
        raise EstimatorError(f"a comparison card takes 2 to {COMPARE_MAX_OPTIONS} options, not {len(labs)}",
                             "compare two, three or four options")
    if len({lab.estimate.boundary for lab in labs}) > 1:  # like with like, as on the Compare page
        raise EstimatorError("a comparison counts every option at one boundary",
                             "give every option the same boundary")
    full_width = WIDTH - 2 * MARGIN
    col_w = _column_width(len(labs))
    tasks = list(dict.fromkeys(task_name(lab.estimate.task, t) for lab in labs))
    compare_title = t._("Comparison")
    title = _fit(t._("{title} · {tasks}", title=compare_title, tasks=t._(" vs ").join(tasks)), TITLE_SIZE,
                 full_width, bold=True)
    options, described = [], []
    for i, lab in enumerate(labs):
        e = lab.estimate
        big, span = fmt_range(e.co2e_g, grams_unit, t)
        name = f"{_letter(i)} · {option_words(lab, t)}"
        if en:
            short = [lab.words.replace(" for this task", ""), lab.category.capitalize()]
        else:
            short = [t._(SHORT_WORDS[lab.category]), t._(CATEGORY_WORDS[lab.category])]
        options.append(CompareOptionText(
            letter=_letter(i), name=_wrap(name, SMALL_SIZE, col_w, COL_NAME_LINES), category=lab.category,
            words=_first_fitting(short, SMALL_SIZE, col_w - COL_ICON - 36, True),
            # a narrow column keeps the number whole rather than cut the words: "−98 %" before "−98 % par rapport à l’hab…"
            percent=(_first_fitting([percent_words(lab, t=t), t.percent(lab.percent_vs_typical, signed=True)],
                                    SMALL_SIZE, col_w, True),), big=big,
            range_line=_first_fitting([t._("range {span} CO₂e", span=span), t._("{span} CO₂e", span=span), span],
                                      SMALL_SIZE, col_w)))
        described.append(t._("{name}: {big} CO₂e (range {span}), {words} ({percent})", name=name, big=big,
                             span=span, words=_label_words(lab, t).lower(),
                             percent=_percent(lab, with_range=True, t=t)))
    ratio_line = first_pair_ratio(labs, t)
    differ = first_pair_differences(labs, t)
    e = labs[0].estimate
    brand_w = _width(APP_NAME, SMALL_SIZE, True) + 32
    boundary = boundary_words(e.boundary, t)
    footer = _fit(t._("{boundary} · methodology {version} · data {hash}", boundary=boundary,
                      version=e.methodology_version, hash=e.data_hash), SMALL_SIZE, full_width - brand_w)
    cite = citation_line(e, url, date, t)
    nc = not_counted(e.boundary, t)
    desc = _sentences(t, [
        t._("{app} comparison card. {options}.", app=APP_NAME, options=t._("; ").join(described)),
        t._("{text}.", text=ratio_line), t._("{text}.", text=differ), t._("{text}.", text=boundary),
        nc, cite + "."])
    return CompareCardText(
        title=title, options=tuple(options), ratio=_fit(ratio_line, BODY_SIZE, full_width, bold=True),
        differ=_fit(differ, SMALL_SIZE, full_width), not_counted=_fit(nc, SMALL_SIZE, full_width),
        footer=footer, citation=_wrap(cite, SMALL_SIZE, full_width, CITATION_MAX_LINES),
        svg_title=t._("{app}: {title}, {options}", app=APP_NAME, title=compare_title.lower(),
                      options=t._("; ").join(t._("{letter} {big} CO₂e", letter=o.letter, big=o.big)
                                             for o in options)), desc=desc)


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


def compare_card_text(labs: list[FlightLabel], url: str | None = None, date: dt.date | None = None, *,
                      lang: str = "en", t: Translator | None = None) -> CompareCardText:
    """Every string of the comparison card in the reader's language (``desc``: its text alternative)."""
    t = _translator_for(lang, t)
    with _drawing(t.lang):
        return _compare_lines(list(labs), url, date, t)


def compare_card_svg(labs: list[FlightLabel], url: str | None = None, date: dt.date | None = None, *,
                     lang: str = "en", t: Translator | None = None) -> str:
    """Two to four options side by side as a standalone 1200×630 SVG card, with the ratio of the first two."""
    t = _translator_for(lang, t)
    with _drawing(t.lang):
        c = _compare_lines(list(labs), url, date, t)
        return _svg_document(_compare_layout(c), c.svg_title, c.desc)


def compare_card_png(labs: list[FlightLabel], url: str | None = None, date: dt.date | None = None, *,
                     lang: str = "en", t: Translator | None = None) -> bytes:
    """The same comparison card as 1200×630 PNG bytes (in English where a Chinese font is missing)."""
    t = _png_translator(lang, t)
    with _drawing(t.lang):
        return _png_bytes(_compare_layout(_compare_lines(list(labs), url, date, t)))
