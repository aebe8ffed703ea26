"""Tokens estimated from text length: characters per token by script, from ``data/token_ratios.csv``.

Each text is split into three scripts by code point (Latin, CJK, other; the ranges are below)
and each part is divided by its script's characters-per-token ratio; the parts add up. The
range comes from the table's low and high ratios: fewer characters per token means more tokens,
so the *high* token count uses the *low* ratio. No tokenizer is downloaded.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..data import DATA_DIR, SCRIPTS, TokenRatio, load_data

__all__ = ["SCRIPTS", "TokenRatio", "script_chars", "token_ratios", "tokens_from_chars"]

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


def token_ratios(data_dir: Path = DATA_DIR) -> dict[str, TokenRatio]:
    """The three script rows of data/token_ratios.csv, checked once with every table by ``load_data``
    (a DataError names file, row and column)."""
    return load_data(data_dir).token_ratios


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
