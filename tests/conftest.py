import csv
from pathlib import Path

import pytest

from estimator import load_data

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def data():
    return load_data()


def read_rows(name: str) -> list[dict]:
    with (DATA / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def app_url():
    """One real app server on 127.0.0.1 shared by every browser test module (each test opens its own page,
    so each is its own Streamlit session)."""
    from tests.browser import running_app

    with running_app() as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, through Playwright (its own browser download cannot work here)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_FLAGS, chromium_path

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield b
        b.close()
