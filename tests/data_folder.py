"""A copy of data/ with one table replaced (the others are symlinks), for tests of the loader's messages."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import DATA


def data_with(folder: Path, table: str, text: str | None) -> Path:
    """``folder``/data where ``table`` holds ``text`` (None: the table is missing) and every other table links to
    data/. load_data caches per folder path, so each call needs a fresh ``folder``."""
    d = folder / "data"
    d.mkdir()
    for name in os.listdir(DATA):
        if name != table and (DATA / name).is_file():
            os.symlink(DATA / name, d / name)
    if text is not None:
        (d / table).write_text(text, encoding="utf-8")
    return d
