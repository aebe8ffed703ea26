"""The reader's language: message catalogues and locale-aware numbers, dates and ranges.

Four languages: English (the source text), French, Simplified and Traditional Chinese. Words come
from one gettext catalogue per language (``locales/<lang>/LC_MESSAGES/messages.po``, read at run
time); numbers, dates and plurals come from the Unicode CLDR through Babel, so "0,17 g",
"1 204 conversations" and "2026年11月" are each written the way the locale writes them.

Nothing here decides a number: only how a number already computed is written. JSON and CSV keep
language-neutral keys and dot decimals whatever the language (``estimator.present``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from ..errors import EstimatorError, say

LANGS = ("en", "fr", "zh-Hans", "zh-Hant")
DEFAULT_LANG = "en"
SOURCE_LANG = "en"  # msgids are the English text; the English catalogue only holds plurals and keyed texts
# Each language named in itself, for the selector (a reader looks for their own language's name).
LANG_NAMES = {"en": "English", "fr": "Français", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}
LOCALE_IDS = {"en": "en", "fr": "fr", "zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant"}
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
SIGNIFICANT = 2  # as estimator.present: the precision the ranges justify
MINUS = "\u2212"
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])[ \u00a0]+(?=[{_CJK}])")


def catalogue_path(lang: str) -> Path:
    return LOCALES_DIR / LOCALE_IDS[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"


def parse_lang(value: object) -> str:
    """A language code as a link or the CLI gives it → one of LANGS; anything else is one clear error.

    Case and separators are forgiven ("ZH_hans", "zh-hant"); a regional tag picks its script
    ("zh-TW" → zh-Hant, "fr-CA" → fr), through CLDR's likely subtags.
    """
    text = str(value or "").strip()
    if not re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}", text):
        raise EstimatorError(say(N_("unknown language “{value}”"), value=text[:20]),
                             say(N_("use one of: {choices}"), choices=", ".join(LANGS)))
    for lang in LANGS:
        if text.replace("_", "-").lower() == lang.lower():
            return lang
    guess = lang_for_locale(text)
    if guess is not None:
        return guess
    raise EstimatorError(say(N_("unknown language “{value}”"), value=text[:20]),
                         say(N_("use one of: {choices}"), choices=", ".join(LANGS)))


@lru_cache(maxsize=256)
def lang_for_locale(tag: str | None) -> str | None:
    """A browser or system locale ("fr-FR", "zh-CN", "zh-HK", "en-GB") → the language we have for it, or None."""
    if not tag:
        return None
    text = str(tag).strip().split(",")[0].split(";")[0].replace("-", "_")
    try:
        loc = Locale.parse(text)
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    if loc.language == "zh":
        script = loc.script or Locale.parse(text, resolve_likely_subtags=True).script or "Hans"
        return "zh-Hant" if script == "Hant" else "zh-Hans"
    return loc.language if loc.language in LANGS else None


@dataclass(frozen=True)
class Catalogue:
    """One language's messages: (context, msgid) → translation (a tuple of plural forms for plural messages)."""

    lang: str
    messages: dict


@lru_cache(maxsize=None)
def load_catalogue(lang: str) -> Catalogue:
    path = catalogue_path(lang)
    with path.open("rb") as fh:
        cat = read_po(fh, locale=LOCALE_IDS[lang])
    messages: dict = {}
    for m in cat:
        if not m.id:
            continue
        key = (m.context, m.id[0] if isinstance(m.id, (tuple, list)) else m.id)
        if isinstance(m.string, (tuple, list)):
            if all(m.string):
                messages[key] = tuple(m.string)
        elif m.string:
            messages[key] = m.string
    return Catalogue(lang, messages)


class Translator:
    """Words and numbers for one language. ``_`` translates, ``_n`` picks a plural, ``_p`` reads keyed text.

    Messages are Python format strings with named fields (``"{count} images"``): word order is the
    translator's, the numbers are filled in already written for the locale.
    """

    def __init__(self, lang: str = DEFAULT_LANG):
        self.lang = parse_lang(lang)
        self.locale = Locale.parse(LOCALE_IDS[self.lang])
        self._cat = load_catalogue(self.lang)

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"

    # ---- words
    def _(self, msgid: str, /, **fields) -> str:
        """The message in this language (English if a translation is missing: a test forbids that)."""
        text = self._cat.messages.get((None, msgid), msgid)
        return self._tidy(text.format(**fields)) if fields else text

    def _p(self, context: str, msgid: str, /, **fields) -> str:
        """Text keyed by where it comes from, e.g. ("tasks.name", "LLM chat"): data rows and short words."""
        text = self._cat.messages.get((context, msgid), msgid)
        return self._tidy(text.format(**fields)) if fields else text

    def _tidy(self, text: str) -> str:
        """Chinese sets no space between two Chinese characters: a field that is itself Chinese ("为 {region}" →
        "为 法国") loses the space the template kept for Latin names and numbers ("为 AWS", "为 12 g")."""
        return _CJK_GAP.sub("", text) if self.lang.startswith("zh") else text

    def _n(self, singular: str, plural: str, n: float, /, **fields) -> str:
        """The plural form the language uses for n ("1 image", "2 images"; French "1,5 image"; Chinese one form)."""
        forms = self._cat.messages.get((None, singular)) or (singular, plural)
        if not isinstance(forms, tuple):
            forms = (forms,)
        # The catalogue's forms are ordered [one, other] (one form for Chinese); CLDR says which a number takes,
        # fractions included: French "1,5 image" (one), English "1.5 images" (other).
        one = self.locale.plural_form(abs(n)) == "one" if math.isfinite(n) else False
        text = forms[0] if one or len(forms) == 1 else forms[-1]
        return self._tidy(text.format(**fields))

    # ---- numbers (already rounded by the caller where a range justifies it)
    def number(self, value: float, decimals: int | None = None) -> str:
        """A number with the locale's separators: 1,204 / 1 204 / 1,204; decimals fixed if given."""
        if decimals is None:
            return format_decimal(value, locale=self.locale, decimal_quantization=False)
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def amount(self, value: float, digits: int = SIGNIFICANT) -> str:
        """A measured amount to the significant figures its range justifies: 0.0042, 0.31, 12, 1,200."""
        if value == 0 or not math.isfinite(value):
            return self.number(value, 0) if math.isfinite(value) else str(value)
        v = round(value, digits - 1 - int(math.floor(math.log10(abs(value)))))
        if abs(v) >= 100 or (abs(value) >= 1 and value == int(value)):  # counts stay whole
            return self.number(v, 0)
        decimals = max(0, digits - 1 - int(math.floor(math.log10(abs(v))))) if v else 0
        return self.number(v, decimals)

    def count(self, n: float) -> str:
        """An exact count as typed: 1,204 (never rounded)."""
        return self.number(n)

    def percent(self, value: float, signed: bool = False, decimals: int = 0) -> str:
        """A whole percentage as the locale writes it: "63%", "63 %"; signed with a true minus: "−63 %"."""
        body = format_decimal(round(abs(value), decimals), format="#,##0" + ("." + "0" * decimals if decimals else ""),
                              locale=self.locale)
        text = self._p("format", "{value}%", value=body)
        if not signed:
            return (MINUS + text) if value < 0 and round(abs(value), decimals) else text
        return ("+" if value >= 0 else MINUS) + text

    def span(self, low: str, high: str) -> str:
        """Two written numbers as a range: "0.31–0.95"."""
        return self._p("format", "{low}–{high}", low=low, high=high)

    def month(self, day: dt.date) -> str:
        """"Nov 2026", "nov. 2026", "2026年11月"."""
        return format_skeleton("yMMM", day, locale=self.locale)

    def date(self, day: dt.date) -> str:
        """"30 Nov 2026" / "30 nov. 2026" / "2026年11月30日" (CLDR medium date)."""
        return format_date(day, format="medium", locale=self.locale)

    def territory(self, code: str) -> str | None:
        """A country's name in this language from CLDR ("FR" → "France", "法国"), or None if CLDR has none."""
        return self.locale.territories.get(code.upper())

    @property
    def name(self) -> str:
        return LANG_NAMES[self.lang]

    @property
    def english_name(self) -> str:
        return Locale.parse(LOCALE_IDS[self.lang]).get_display_name("en")


def N_(msgid: str) -> str:
    """Mark a message for the catalogues without translating it: the text is translated later, where a reader is
    known (``Translator._(msgid, **fields)``). Returns the English unchanged."""
    return msgid


@lru_cache(maxsize=None)
def translator(lang: str = DEFAULT_LANG) -> Translator:
    """One shared Translator per language (catalogues are read once per process)."""
    return Translator(lang)
