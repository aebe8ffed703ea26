"""Links journalists have published must keep opening the same view after every release.

Add a link here when its parameters become public; never delete one. A renamed id keeps its old
spelling as an alias (models.csv / grid_intensity.csv ``aliases``; urlstate.PARAM_ALIASES).
"""

import pytest

from estimator import load_data
from estimator.urlstate import parse_params, parse_compare
from tests.app_helpers import open_page

LINKS = [
    ("estimate", {}),
    ("estimate", {"task": "chat", "model": "gpt-4o", "n": "1", "region": "WORLD"}),
    ("estimate", {"task": "chat", "model": "llama-3.1-8b", "out": "1000", "region": "US"}),
    ("estimate", {"task": "chat", "model": "typical", "preset": "reasoning"}),
    ("estimate", {"task": "summarize", "model": "bart-large-cnn", "words": "2000", "summary": "150"}),
    ("estimate", {"task": "image", "model": "sdxl", "n": "10", "region": "FR"}),
    ("estimate", {"task": "image", "model": "flux.1-dev", "w": "1920", "h": "1080", "steps": "30", "region": "PL"}),
    ("estimate", {"task": "video", "model": "wan2.1-14b", "secs": "5", "region": "us-east-1"}),
    ("estimate", {"task": "image", "hw": "h100-capped", "dc": "efficient-hyperscale", "boundary": "gpu"}),
    ("estimate", {"task": "chat", "batch": "low_load", "region": "europe-west1"}),
    # old or alternative spellings that must keep working
    ("estimate", {"task": "chat", "model": "claude", "count": "3", "hardware": "a100"}),
    ("estimate", {"task": "image", "model": "stable-diffusion-xl", "region": "france"}),
    ("compare", {"a": "chat:gpt-4o:WORLD", "b": "chat:llama-3.1-8b:WORLD"}),
    ("compare", {"a": "image:sdxl:PL", "b": "image:sdxl:FR"}),
    ("compare", {"a": "summarize:llama-3.1-70b:WORLD", "b": "summarize:bart-large-cnn:WORLD:1:article"}),
    ("methodology", {"view": "models.csv"}),
    ("embed", {"task": "image", "model": "sdxl", "embed": "true"}),
]


@pytest.mark.parametrize("page,params", LINKS)
def test_published_links_open_without_notices(page, params):
    at = open_page(page, params)
    assert not at.exception
    assert not [w.value for w in at.warning], f"{page} {params}: {[w.value for w in at.warning]}"


@pytest.mark.parametrize("page,params", [l for l in LINKS if l[0] in ("estimate", "embed")])
def test_published_links_parse_cleanly_in_the_library(page, params):
    parsed = parse_params(params, load_data())
    assert parsed.notices == ()


def test_published_compare_links_parse_cleanly():
    for page, params in LINKS:
        if page == "compare":
            options, notices = parse_compare(params, load_data())
            assert len(options) >= 2 and notices == ()
