"""The methodology's version, read from METHODOLOGY.md so the document and the stamp cannot drift."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .errors import DataError

METHODOLOGY_PATH = Path(__file__).resolve().parent.parent / "METHODOLOGY.md"


@functools.lru_cache(maxsize=1)
def methodology_version() -> str:
    try:
        text = METHODOLOGY_PATH.read_text(encoding="utf-8")
    except OSError:
        raise DataError("METHODOLOGY.md is missing", "it sits beside data/ in the repository") from None
    m = re.search(r"^Version:\s*([0-9]{4}\.[0-9]+(?:\.[0-9]+)?)\s*$", text, re.M)
    if not m:
        raise DataError("METHODOLOGY.md has no 'Version: YYYY.N' line", "add one under the title")
    return m.group(1)


def methodology_text() -> str:
    return METHODOLOGY_PATH.read_text(encoding="utf-8")
