"""The pages as a reader sees them (AppTest): the label's words, what typical is, what is not counted,
the Model box, like-for-like comparison, sources at an hour of the day, the embed's theme."""

from __future__ import annotations

from urllib.parse import parse_qs

from estimator.present import NOT_COUNTED
from tests.app_helpers import open_page, texts, warnings


def assert_clean(at):
    assert not at.exception, [e.message for e in at.exception]


def page_link(at, label_start: str):
    for p in at.get("page_link"):
        if p.proto.label.startswith(label_start):
            return p.proto
    raise AssertionError(f"no link starting {label_start!r}")


def test_the_model_box_shows_the_typical_model_instead_of_a_placeholder():
    at = open_page("estimate", {"task": "image"})
    assert_clean(at)
    box = at.selectbox(key="est_model")
    assert box.value == "typical"
    shown = box.options[box.index]
    assert shown.startswith("I don't know — typical model") and "closed image model" in shown


def test_a_typical_label_with_a_central_value_far_below_says_why_it_is_still_typical():
    at = open_page("estimate", {"task": "chat", "model": "gpt-5-mini", "region": "WORLD"})
    assert_clean(at)
    label = next(m for m in at.metric if m.label == "Flight-style label")
    assert "Typical" in label.value
    assert "vs typical" not in label.delta and "not surely lower" in label.delta
    page = " ".join(texts(at))
    assert "cannot be called lower" in page
    assert "The range rule:" in page and "reads typical" in page
    assert "Typical for this task:" in page and "most people use" in page and "median" in page


def test_the_result_states_what_is_not_counted():
    at = open_page("estimate", {"task": "image", "model": "sdxl", "n": "10", "region": "FR"})
    assert_clean(at)
    assert NOT_COUNTED in texts(at)


def test_the_embedded_card_states_what_is_not_counted():
    at = open_page("embed", {"task": "image", "model": "sdxl"}, embedded=True)
    assert_clean(at)
    assert any(NOT_COUNTED in t for t in texts(at))


def test_compare_with_the_typical_option_opens_the_same_amount_of_work_on_both_sides():
    at = open_page("estimate", {"task": "chat", "model": "llama-3.1-70b", "n": "140", "preset": "reasoning"})
    assert_clean(at)
    q = parse_qs(page_link(at, "Compare with the typical option").query_string)
    a, b = q["a"][0].split(":"), q["b"][0].split(":")
    assert a[3] == b[3] == "140" and a[4] == b[4] == "reasoning"
    compare = open_page("compare", {"a": q["a"][0], "b": q["b"][0]})
    assert_clean(compare)
    assert not warnings(compare)
    assert sum("140 queries" in t for t in texts(compare)) >= 2


def test_choosing_an_hour_cites_the_hourly_profile_beside_the_annual_grid_row():
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "GB", "hour": "18", "season": "autumn"})
    assert_clean(at)
    sources = next(t for t in texts(at) if "**Model:**" in t)
    assert "**Grid:**" in sources and "**Hourly profile:**" in sources and "lets-wait-awhile" in sources
    plain = open_page("estimate", {"task": "image", "model": "sdxl", "region": "GB"})
    assert "**Hourly profile:**" not in next(t for t in texts(plain) if "**Model:**" in t)


def test_image_greener_options_speak_of_images():
    at = open_page("estimate", {"task": "image", "model": "sdxl"})
    assert_clean(at)
    # the greener options are a list of short cards, one markdown item each: saving · lever, change, trade-off
    listing = next(m.value for m in at.markdown if "A smaller model of the same family" in m.value)
    item = next(i for i in listing.split("\n- ") if "A smaller model of the same family" in i)
    change, trade_off = item.split("*Trade-off:*")
    assert "SSD-1B" in change and "question" not in trade_off and "reasoning" not in trade_off
    assert "detail" in trade_off  # written for pictures


def test_the_embed_theme_parameter_sets_the_snippet_and_a_bad_one_gets_a_notice():
    at = open_page("embed", {"task": "image", "model": "sdxl", "theme": "dark"})
    assert_clean(at)
    assert not warnings(at)
    assert at.radio(key="embed_theme").value == "dark"
    iframe = next(x.value for x in at.code if x.value.startswith("<iframe"))
    assert "theme=dark" in iframe and "embed_options=dark_theme" in iframe and 'width="100%"' in iframe
    at.radio(key="embed_theme").set_value("light").run()
    iframe = next(x.value for x in at.code if x.value.startswith("<iframe"))
    assert "embed_options=light_theme" in iframe and at.query_params["theme"] in ("light", ["light"])

    bad = open_page("embed", {"task": "image", "theme": "<b>blue</b>"})
    assert_clean(bad)
    notice = " ".join(warnings(bad))
    assert "Ignored theme" in notice and "<b>" not in notice
    assert "embed_options=light_theme" in next(x.value for x in bad.code if x.value.startswith("<iframe"))
