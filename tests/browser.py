"""Start the real app on 127.0.0.1 and drive Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@contextmanager
def running_app(env: dict | None = None, timeout_s: float = 60, log_path: Path | None = None):
    """A real app server on 127.0.0.1; with ``log_path`` everything it prints goes to that file (a test reads it)."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    log = open(log_path, "w", encoding="utf-8") if log_path is not None else None
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=log if log is not None else subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read() if proc.stdout else log_path.read_text(errors="replace")
                raise RuntimeError(f"streamlit did not start: {out[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log is not None:
            log.close()


def chromium_path() -> str | None:
    return shutil.which("chromium")


# ---------------------------------------------------------------- colour contrast (WCAG 2.x)

WCAG_AA_TEXT = 4.5  # WCAG 2.1 success criterion 1.4.3, normal-size text


def rgb(css: str) -> tuple[float, float, float]:
    m = re.match(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)", css)
    assert m, f"not a colour: {css!r}"
    return tuple(float(v) for v in m.groups())


def luminance(colour: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour (0–255 channels)."""
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def require_chromium() -> None:
    """Skip a browser test module where Debian's chromium is missing — except on CI, where browser tests
    must run: there a missing chromium is an install failure and fails loudly."""
    import pytest

    if chromium_path() is None:
        if os.environ.get("CI"):
            raise RuntimeError("chromium is missing on CI: .ci/install-chromium.sh should have installed it")
        pytest.skip("Debian's chromium is not installed (make test installs it)", allow_module_level=True)
    try:
        import playwright.sync_api  # noqa: F401  (a test dependency in pyproject.toml)
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("playwright is not installed (make test installs it)", allow_module_level=True)


# The first opaque background behind an element, walking up its parents (Streamlit nests transparent boxes).
_TEXT_COLOURS_JS = """el => {
    let node = el, bg = null;
    while (node && node.nodeType === 1) {
        const c = getComputedStyle(node).backgroundColor;
        if (c && !c.endsWith(', 0)') && c !== 'transparent') { bg = c; break; }
        node = node.parentElement;
    }
    return {fg: getComputedStyle(el).color, bg: bg || getComputedStyle(document.body).backgroundColor};
}"""


def text_contrast(locator) -> float:
    """WCAG contrast of an element's text against what is behind it, as the browser computed both."""
    colours = locator.evaluate(_TEXT_COLOURS_JS)
    return contrast(rgb(colours["fg"]), rgb(colours["bg"]))
