"""Generated URL parameters and library calls: a page with notices (one line each, literal text) or a
result; never an exception."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from estimator import EstimatorError, Scenario, estimate, label, load_data
from estimator.urlstate import COMPARE_KEYS, PAGE_PARAMS, PARAM_ALIASES, PARAMS, parse_compare, parse_params
from tests.app_helpers import PAGE_FILES, open_page, warnings
from tests.fuzz_counts import count, report_counts  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("report_counts")
SUITE = "test_fuzz_urls"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")  # what markdown would turn into a mailto link
SHORTCODE = re.compile(r":[\w+\-/]+:")  # what Streamlit would turn into an emoji or icon

KEYS = sorted(PARAMS) + sorted(PARAM_ALIASES) + list(PAGE_PARAMS) + ["admin", "support@evil.example", ":rocket:", "N",
                                                                     "Task", "x" * 130]
WORDS = ["chat", "summarize", "image", "video", "sdxl", "gpt-4o", "chatgpt", "typical", "FR", "France", "US-CA",
         "europe-west1", "h100", "a100-capped", "gpu", "datacenter", "winter", "models.csv", "true", "1", "0",
         "chat:gpt-4o:WORLD", "image:sdxl:FR:10", "summarize:bart-large-cnn:WORLD:1:article", "a:b:c:d:e:f"]
NUMBERS = ["1", "1,5", "1,000", "10,0000", "1_000", "1e9", "1e10", "1e400", "nan", "inf", "-1", "0", "2.5", "23", "24"]
ODD = ["", " ", ":rocket:", ":heart_eyes:", "a_b@c_d.example", ":material/home:", "support@evil.example", "http://evil.example", "www.evil.example",
       "[x](http://e.x)", "<b>x</b>", "**x**", "$x$", "a\nb", "\x00", "\u2028", "x" * 130, "é", "%0A", "`x`", "#x"]
VALUES = st.one_of(st.sampled_from(WORDS), st.sampled_from(NUMBERS), st.sampled_from(ODD), st.text(max_size=12))
PARAMS_ST = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=8)), VALUES, max_size=5)


def _check_notices(notices, where) -> None:
    for n in notices:
        assert "\n" not in n and "\r" not in n and "\u2028" not in n, f"{where}: {n!r}"


# ------------------------------------------------------------------ the library: URL parsing and estimates

@settings(max_examples=1500, deadline=None, derandomize=True, database=None)
@given(PARAMS_ST)
def test_any_link_parameters_parse_to_a_valid_scenario_with_one_line_notices(params):
    count(f"{SUITE}:parse_params")
    data = load_data()
    parsed = parse_params(params, data)
    _check_notices(parsed.notices, params)
    label(parsed.scenario, data)  # what the page does next must work too


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.dictionaries(st.sampled_from(list(COMPARE_KEYS) + ["e"]), VALUES, max_size=4))
def test_any_compare_options_parse_or_give_one_line_notices(params):
    count(f"{SUITE}:parse_compare")
    options, notices = parse_compare(params, load_data())
    _check_notices(notices, params)
    for s in options:
        label(s, load_data())


ANY = st.one_of(st.none(), st.sampled_from(WORDS + NUMBERS + ODD), st.text(max_size=10),
                st.integers(-10**400, 10**400), st.floats(allow_nan=True, allow_infinity=True), st.booleans())


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.dictionaries(st.sampled_from(list(Scenario.__dataclass_fields__)), ANY, max_size=6))
def test_label_returns_a_sane_label_or_one_clear_error(fields):
    count(f"{SUITE}:label")
    try:
        lab = label(**fields)
    except EstimatorError as exc:
        assert exc.message and "\n" not in exc.message
        return
    r = lab.estimate.co2e_g
    assert all(math.isfinite(v) and v > 0 for v in (r.low, r.central, r.high))
    assert lab.category in ("lower", "typical", "higher")


# ------------------------------------------------------------------ every page through AppTest

@pytest.mark.parametrize("page", sorted(PAGE_FILES))
@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(params=PARAMS_ST)
def test_any_url_opens_every_page_with_one_line_literal_notices(page, params):
    count(f"{SUITE}:AppTest {page}")
    at = open_page(page, params)
    assert not at.exception, f"{page} {params!r}: {[e.message for e in at.exception]}"
    notes = warnings(at)
    _check_notices(notes, f"{page} {params!r}")
    for n in notes:
        shown = re.sub(r"\\(.)", r"\1", n)  # the text once markdown has read its escapes
        assert not EMAIL.search(shown) and not SHORTCODE.search(shown), f"{page} {params!r}: {n!r}"
