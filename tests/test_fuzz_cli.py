"""The CLI in-process over generated argument lists: exit 0 with output, or exit 2 with exactly one
stderr line. Never a traceback, never exit 1."""

from __future__ import annotations

import contextlib
import dataclasses
import io

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import estimator.fit
import estimator.live
from estimator import load_data
from estimator.cli import main
from tests.fuzz_counts import count, report_counts  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("report_counts")
SUITE = "test_fuzz_cli"

COMMANDS = ["estimate", "label", "compare", "regions", "models", "equivalents", "fit", "rank", "year", "claims",
            "simulate"]
OPTIONS = ["--task", "--model", "--count", "--region", "--hardware", "--datacenter", "--batch", "--boundary",
           "--preset", "--input-tokens", "--output-tokens", "--doc-words", "--summary-words", "--width", "--height",
           "--steps", "--seconds", "--hour", "--season", "--format", "--live", "--kind", "--grams", "--wh", "--help",
           "--usage", "--export", "--claim", "--large", "--small", "--threshold", "--percentile", "--back", "--hours",
           "--rate"]


def _known_words() -> list[str]:
    d = load_data()
    words = list(d.models)[:12] + list(d.zones)[:12] + ["chat", "summarize", "image", "video", "llm", "summarizer",
                                                         "h100", "a100-capped", "typical", "low_load", "large_batch",
                                                         "gpu", "server", "datacenter", "json", "csv", "table",
                                                         "winter", "summer", "FR", "GB", "US-CA", "France", "sdxl",
                                                         "chatgpt", "country", "us_state", "cloud_region", "world"]
    return words


NUMBERS = ["1", "0", "-1", "1.5", "1,5", "1,000", "10,0000", "1_000", "1_0", "1e9", "1e10", "1e400", "-0", "nan",
           "inf", "-inf", "0x10", "１２", "١٢", "12 ", " 3", "1.", ".5", "+2", "23", "24", "5", "3600"]
ODD = ["", " ", "--", "-", "-x", "=", "a\nb", "\r\n", "\x00", "\x1b[31m", "\u2028", "é", "\udcff", ",", ",,", ":",
       ":rocket:", "a@b.example", "'", '"', "\\", "%s", "{}", "x" * 200]
VALUES = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(ODD), st.sampled_from(_known_words()),
                   st.text(max_size=10), st.floats(allow_nan=True, allow_infinity=True).map(repr),
                   st.lists(st.sampled_from(_known_words() + [""]), min_size=2, max_size=3).map(",".join))
TOKEN = st.one_of(
    st.tuples(st.sampled_from(OPTIONS), VALUES).map(lambda t: [t[0], t[1]]),
    st.tuples(st.sampled_from(OPTIONS), VALUES).map(lambda t: [f"{t[0]}={t[1]}"]),
    st.sampled_from(OPTIONS).map(lambda o: [o]),
    VALUES.map(lambda v: [v]),
)
VALID = {  # plausible values per option, so that a good share of the lists is a real request
    "--task": ["chat", "summarize", "image", "video"], "--model": ["typical", "sdxl", "llama-3.1-8b", "gpt-4o", "chatgpt"],
    "--count": ["1", "10", "1,000", "2.5", "1,5"], "--region": ["WORLD", "FR", "France", "US-CA", "europe-west1", "PL,FR"],
    "--hardware": ["h100", "a100", "h100-capped"], "--datacenter": ["typical-cloud", "efficient-hyperscale"],
    "--batch": ["typical", "low_load"], "--boundary": ["gpu", "server", "datacenter"], "--format": ["table", "json", "csv"],
    "--output-tokens": ["100", "1,000"], "--width": ["512", "1,024"], "--steps": ["4", "30"], "--seconds": ["5", "2.5"],
    "--hour": ["3", "23"], "--season": ["winter", "summer"], "--grams": ["100", "2,500"], "--wh": ["0.3", "1,000"],
    "--kind": ["country", "cloud_region"],
    "--claim": ["one-image-four-miles", "nope"], "--large": ["llama-3.1-70b", "sdxl"], "--small": ["llama-3.1-8b", "x"],
    "--threshold": ["300", "1,5"], "--percentile": ["60", "101"], "--hours": ["24", "168", "7"], "--rate": ["1000", "-1"],
}
PLAUSIBLE = st.tuples(
    st.sampled_from(["estimate", "label", "compare", "equivalents", "regions", "models", "rank", "claims",
                     "simulate"]),
    st.lists(st.sampled_from(sorted(VALID)).flatmap(lambda o: st.sampled_from(VALID[o]).map(lambda v: [o, v])),
             max_size=4),
).map(lambda t: [t[0]] + [x for pair in t[1] for x in pair])
RANDOM = st.tuples(st.one_of(st.sampled_from(COMMANDS), st.sampled_from(COMMANDS[:3]), VALUES, st.just("")),
                 st.lists(TOKEN, max_size=6)).map(lambda t: ([t[0]] if t[0] else []) + [x for tok in t[1] for x in tok])
ARGV = st.one_of(RANDOM, PLAUSIBLE)


@pytest.fixture(scope="module", autouse=True)
def offline_and_read_only():
    """`fit` would rewrite data/llm_fit.csv and --live would call the internet: both are stubbed."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(estimator.fit, "write_fit", lambda *a, **k: "data/llm_fit.csv (not written in tests)")
        # live providers point at a closed port on this machine: connection refused at once, no retries
        client = estimator.live.LiveClient({pid: dataclasses.replace(s, base_url="http://127.0.0.1:9", max_retries=0,
                                                                     connect_timeout_s=0.2, read_timeout_s=0.2)
                                            for pid, s in estimator.live.load_settings().items()})
        mp.setattr(estimator.live, "default_client", lambda: client)
        yield


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def check(argv: list[str]) -> None:
    count(f"{SUITE}:argument lists")
    try:
        code, out, err = run(argv)
    except BaseException as exc:  # noqa: BLE001 - anything escaping main() is the defect we look for
        pytest.fail(f"{argv!r} raised {type(exc).__name__}: {exc}")
    count(f"{SUITE}:exit {code}")
    if code == 0:
        assert out.strip(), f"{argv!r}: exit 0 without output"
        assert not err or err.startswith("note:") and err.count("\n") == 1, f"{argv!r}: {err!r}"
    else:
        assert code == 2, f"{argv!r}: exit {code}, {err!r}"
        assert err.startswith("error:") and err.endswith("\n") and len(err.splitlines()) == 1, f"{argv!r}: {err!r}"
        assert "Traceback" not in err and out == "", f"{argv!r}"


@settings(max_examples=2000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ARGV)
def test_no_argument_list_makes_the_cli_raise_or_print_two_error_lines(argv):
    check(argv)


@pytest.mark.parametrize("argv", [
    ["equivalents", "--wh=--"], ["equivalents", "--grams=--"], ["compare", "--region=--"], ["estimate", "--model=--"],
    ["estimate", "--region", "a\nb"], ["estimate", "--bogus\nx"], ["frob\nnicate"], ["estimate", "--count", "1,5"],
    ["estimate", "--count", "\udcff"], ["compare", "--model", ",,", "--region", ","], ["estimate", "--live"],
])
def test_the_cases_the_review_found_follow_the_rule(argv):
    check(argv)
