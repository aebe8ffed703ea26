"""Tokens estimated from text length: characters per token by script, from ``data/token_ratios.csv``.

Each text is split into three scripts by code point (Latin, CJK, other; the ranges are below)
and each part is divided by its script's characters-per-token ratio; the parts add up. The
range comes from the table's low and high ratios: fewer characters per token means more tokens,
so the *high* token count uses the *low* ratio. No tokenizer is downloaded.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..data import DATA_DIR, Source, _read, _refuse_duplicates

SCRIPTS = ("latin", "cjk", "other")

# Han (incl. extensions and compatibility ideographs), Hiragana, Katakana (incl. half-width),
# Hangul (jamo and syllables), Bopomofo, CJK radicals and CJK punctuation: the code points the
# tokenizer measurements in token_ratios.csv were made on.
_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"
)
# Latin: ASCII, Latin-1, Latin Extended A/B, Latin Extended Additional and general punctuation.
_NOT_LATIN_NOT_CJK = re.compile(
    "[^\u0000-\u024f\u1e00-\u1eff\u2000-\u206f"
    "\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"
)


def script_chars(text: str) -> tuple[int, int, int]:
    """(Latin, CJK, other) code-point counts of one text; pure ASCII takes the fast path."""
    if text.isascii():
        return (len(text), 0, 0)
    cjk = _CJK.subn("", text)[1]
    other = _NOT_LATIN_NOT_CJK.subn("", text)[1]
    return (len(text) - cjk - other, cjk, other)


@dataclass(frozen=True)
class TokenRatio:
    """Characters per token for one script (low ≤ central ≤ high) and where the figures come from."""

    script: str
    chars_per_token_low: float
    chars_per_token_central: float
    chars_per_token_high: float
    source: Source


@functools.lru_cache(maxsize=4)
def token_ratios(data_dir: Path = DATA_DIR) -> dict[str, TokenRatio]:
    """The three script rows of data/token_ratios.csv, checked (DataError names file, row and column)."""
    rows = _read(data_dir, "token_ratios.csv", ("script", "chars_per_token_low", "chars_per_token_central",
                                                  "chars_per_token_high", "unit"))
    _refuse_duplicates(rows, "script")
    ratios: dict[str, TokenRatio] = {}
    for r in rows:
        script = r.choice("script", SCRIPTS)
        low, central, high = (r.number(f"chars_per_token_{k}") for k in ("low", "central", "high"))
        if not low <= central <= high:
            raise r._fail("chars_per_token_low", f"low ≤ central ≤ high is broken ({low}, {central}, {high})")
        ratios[script] = TokenRatio(script, low, central, high, r.source())
    missing = [s for s in SCRIPTS if s not in ratios]
    if missing:
        from ..errors import DataError
        raise DataError(f"data/token_ratios.csv has no row for {', '.join(missing)}",
                        "add one row per script: latin, cjk, other")
    return ratios


def tokens_from_chars(chars: tuple[int, int, int], ratios: dict[str, TokenRatio]) -> tuple[float, float, float]:
    """(low, central, high) tokens for per-script character counts: Σ chars_script / chars_per_token_script."""
    low = central = high = 0.0
    for count, script in zip(chars, SCRIPTS):
        if count:
            ratio = ratios[script]
            low += count / ratio.chars_per_token_high
            central += count / ratio.chars_per_token_central
            high += count / ratio.chars_per_token_low
    return (low, central, high)
