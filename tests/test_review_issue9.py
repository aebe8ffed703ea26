"""Presentation fixes from the browser review of issue 9's features (AppTest; the browser side is in
tests/test_browser_issue9.py): a Compare ratio names how each option runs when that is what differs."""

from __future__ import annotations

from estimator.serving import MODE_LABELS
from tests.app_helpers import open_page, texts


def ratio_words(at) -> str:
    """The ratio block: 'LLM chat query, per query:' then the ratio, then what differs."""
    return next(t for t in texts(at) if "per query:" in t)


def test_a_ratio_between_the_same_model_served_two_ways_names_the_serving_mode(data):
    at = open_page("compare", {"a": "chat:gpt-4o:WORLD:1::self-hosted", "b": "chat:gpt-4o:WORLD"})
    assert not at.exception
    words = ratio_words(at)
    assert "A is " in words  # self-hosted costs more per answer than the batched service
    assert f"{MODE_LABELS['self-hosted'].lower()} vs {MODE_LABELS['production'].lower()}" in words
    assert "same model" not in words  # the ratio never claims the two options are the same


def test_a_ratio_between_two_precisions_names_them(data):
    at = open_page("compare", {"a": "chat:llama-3.1-70b:WORLD", "b": "chat:llama-3.1-70b:WORLD:1::production:int4"})
    assert not at.exception
    words = ratio_words(at)
    # Llama 3.1 70B has no served-precision row, so it runs in BF16 unless told otherwise (METHODOLOGY §1.1)
    bf16, int4 = (data.precisions[p].label.split(" (")[0] for p in ("bf16", "int4"))
    assert f"precision: {bf16} vs {int4}" in words and "same model" not in words


def test_the_compare_chart_names_a_self_hosted_option_as_such(data):
    at = open_page("compare", {"a": "chat:gpt-4o:WORLD:1::self-hosted", "b": "chat:gpt-4o:WORLD"})
    chart_text = next(t for t in texts(at) if t.startswith("Bar chart"))
    name = data.models["gpt-4o"].name
    assert f"A: {name} (self-hosted) · " in chart_text and f"B: {name} · " in chart_text


def _ranking(params: dict):
    from streamlit.testing.v1 import AppTest

    from tests.app_helpers import APP

    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page("pages/ranking.py")
    return at.run()


def test_the_ranking_at_the_life_cycle_boundary_no_longer_says_training_is_not_counted():
    at = _ranking({"task": "chat", "boundary": "lifecycle"})
    assert not at.exception
    not_counted = [t for t in texts(at) if "Not counted" in t]
    assert not_counted and all("training" not in t and "making the hardware" not in t for t in not_counted)


def test_the_ranking_says_how_the_models_run_when_that_is_not_the_default(data):
    at = _ranking({"task": "chat", "mode": "self-hosted", "precision": "fp8"})
    assert not at.exception
    fp8 = data.precisions["fp8"].label.split(" (")[0]
    header = next(t for t in texts(at) if "boundary" in t and "1 query" in t)
    assert "self-hosted" in header and fp8 in header


def test_the_ranking_shows_each_range_in_its_own_column():
    """On a phone the grid shows its first columns; the central value must be whole there, not cut mid-range."""
    table = _ranking({"task": "image", "region": "FR"}).dataframe[0].value
    assert list(table.columns[:3]) == ["#", "Model", "CO₂e"]
    assert all("(" not in v and "–" not in v for v in table["CO₂e"])
    assert all("–" in v for v in table["Range"])
