"""Counts of generated cases per fuzz suite, printed once at the end of the test run."""

from __future__ import annotations

from collections import Counter

import pytest

COUNTS: Counter = Counter()


def count(suite: str, n: int = 1) -> None:
    COUNTS[suite] += n


@pytest.fixture(scope="module", autouse=False)
def report_counts(request):
    """Use in a fuzz module: prints 'fuzz cases run: <suite>=<n>' for the module's suites when it ends."""
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    mine = {k: v for k, v in COUNTS.items() if k.startswith(request.module.__name__.rsplit(".", 1)[-1])}
    line = "fuzz cases run: " + ", ".join(f"{k}={v}" for k, v in sorted(mine.items()))
    capman = request.config.pluginmanager.getplugin("capturemanager")
    if reporter is not None and capman is not None:
        with capman.global_and_fixture_disabled():  # shown even under -q, outside any captured output
            reporter.write_line("")
            reporter.write_line(line)
    else:
        print(line)
