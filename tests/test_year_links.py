"""The My AI year page's link: a usage profile ↔ URL parameters (estimator/usage/links.py).

A link reproduces the profile (its lines, region and boundary); a bad value gets one notice and the rest of the
link still applies; an export's profile travels as its derived rates only.
"""

from __future__ import annotations

import re

import pytest

from estimator.data import load_data
from estimator.scenario import find_model
from estimator.usage import read_export
from estimator.usage.links import line_key, parse_usage_params, usage_params
from estimator.usage.year import UsageLine, UsageProfile, preset_profile, profile_from_export, usage_presets, year
from tests.test_exports import SENTINEL, T_2024_01, T_2024_03, _sentinel_export, as_json, chatgpt, message, tree
from tests.test_year import two_month_export


def two_models_export():
    """Three conversations: gpt-4o in January and March, gpt-4o-mini in March, each one question and one reply."""
    return [chatgpt(f"c-{i}", tree(("root", None, None), ("u", "root", message("user", "abcd" * (i + 1), t)),
                                   ("a", "u", message("assistant", "wxyz" * 5, t + 5, model))), t=t)
            for i, (t, model) in enumerate(((T_2024_01, "gpt-4o"), (T_2024_03, "gpt-4o"), (T_2024_03, "gpt-4o-mini")))]


@pytest.fixture(scope="module")
def data():
    return load_data()


def round_trip(profile, data):
    parsed = parse_usage_params(usage_params(profile, data), data)
    assert parsed.notices == ()
    return parsed


def test_a_profile_of_answers_comes_back_from_its_link_unchanged(data):
    profile = UsageProfile((UsageLine("chat", 20, "day", "gpt-5.5"), UsageLine("long", 2.5, "week"),
                            UsageLine("image", 3, "week", "closed-image-large"), UsageLine("video", 40, "month")),
                           region="FR", boundary="lifecycle")
    parsed = round_trip(profile, data)
    assert parsed.profile == profile and parsed.has_lines


def test_a_link_reads_like_its_profile(data):
    profile = UsageProfile((UsageLine("chat", 20, "day", "gpt-5.5"), UsageLine("image", 3, "week")), region="FR",
                           boundary="lifecycle")
    assert usage_params(profile, data) == {"chat": "20/day", "chat_model": "gpt-5.5", "image": "3/week",
                                           "region": "FR", "boundary": "lifecycle"}


def test_the_defaults_are_left_out_and_a_rate_of_zero_is_not_written(data):
    profile = UsageProfile((UsageLine("chat", 7, "week"), UsageLine("image", 0, "day")))
    assert usage_params(profile, data) == {"chat": "7/week"}


@pytest.mark.parametrize("preset_id", list(usage_presets()))
def test_a_presets_lines_travel_as_its_name_and_come_back_whole(preset_id, data):
    profile = preset_profile(preset_id, "DE", "lifecycle")
    params = usage_params(profile, data)
    assert params == {"preset": preset_id, "region": "DE", "boundary": "lifecycle"}
    parsed = round_trip(profile, data)
    assert parsed.profile == profile and parsed.preset == preset_id


def test_a_preset_chosen_by_model_id_instead_of_product_name_is_still_the_preset(data):
    p = usage_presets()["daily-user"]
    by_id = tuple(UsageLine(ln.kind, ln.rate, ln.period, find_model(ln.model, data).model_id) for ln in p.lines)
    assert usage_params(UsageProfile(by_id), data) == {"preset": "daily-user"}


def test_an_exports_profile_travels_as_rates_models_and_tokens_and_gives_the_same_year(data):
    profile = profile_from_export(read_export(as_json(two_models_export())),
                                  "FR", "datacenter", data)
    assert len(profile.lines) == 2 and {ln.kind for ln in profile.lines} == {"chat"}  # two chat lines, two models
    parsed = round_trip(profile, data)

    def rounded(key: tuple) -> tuple:  # a link writes numbers to six significant digits (readable, not 2/3's 16)
        return tuple(float(f"{v:.6g}") if isinstance(v, float) else
                     tuple(float(f"{x:.6g}") for x in v) if isinstance(v, tuple) else v for v in key)
    assert [rounded(line_key(ln, data)) for ln in parsed.profile.lines] == \
        [rounded(line_key(ln, data)) for ln in profile.lines]
    assert (parsed.profile.region, parsed.profile.boundary) == ("FR", "datacenter")
    # rates such as 2/3 a month come back within a millionth: the year is the same to far more digits than shown
    got, want = year(parsed.profile, data).year_g, year(profile, data).year_g
    for a, b in ((got.low, want.low), (got.central, want.central), (got.high, want.high)):
        assert a == pytest.approx(b, rel=1e-5)


def test_an_exports_link_is_short_enough_to_read_no_sixteen_digit_fractions(data):
    profile = profile_from_export(read_export(as_json(two_models_export())), "FR", "datacenter", data)
    for key, value in usage_params(profile, data).items():
        for number in re.findall(r"[0-9.]+", value):
            assert len(number.replace(".", "").lstrip("0")) <= 6, (key, value)


def test_an_exports_link_holds_no_word_of_its_content(data):
    profile = profile_from_export(read_export(as_json(_sentinel_export() + two_month_export())), data=data)
    text = repr(usage_params(profile, data))
    assert SENTINEL not in text
    assert not any(word in text.lower() for word in SENTINEL.split() if len(word) > 3)


def test_product_names_in_a_link_resolve_to_the_catalogue_model(data):
    parsed = parse_usage_params({"chat": "20/day", "chat_model": "ChatGPT", "image": "3/week",
                                 "image_model": "Midjourney"}, data)
    assert parsed.notices == ()
    assert [ln.model for ln in parsed.profile.lines] == [find_model("ChatGPT", data).model_id,
                                                         find_model("Midjourney", data).model_id]


def test_a_product_label_of_the_products_table_resolves_to_its_model(data):
    from estimator.usage.year import usage_products
    for kind in ("chat", "image", "video"):
        for label, model in usage_products(kind, data)[1:]:
            parsed = parse_usage_params({kind: "1/week", f"{kind}_model": label}, data)
            assert parsed.notices == () and parsed.profile.lines[0].model == model, (kind, label)


def test_a_bare_rate_is_per_day_and_a_second_line_of_a_kind_is_numbered(data):
    parsed = parse_usage_params({"chat": "5", "chat2": "1/week", "chat2_model": "Claude"}, data)
    assert [(ln.kind, ln.rate, ln.period) for ln in parsed.profile.lines] == [("chat", 5, "day"), ("chat", 1, "week")]
    assert parsed.profile.lines[1].model == find_model("Claude", data).model_id


GOOD = {"image": "3/week"}
BAD = [
    ({"chat": "abc"}, "chat"),
    ({"chat": "1,5/day"}, "dot"),
    ({"chat": "-3/day"}, "chat"),
    ({"chat": "nan/day"}, "chat"),
    ({"chat": "inf"}, "chat"),
    ({"chat": "5/year"}, "period"),
    ({"chat": "1e99/day"}, "beyond"),
    ({"chat": "2/day", "chat_model": "no-such-model"}, "typical model"),
    ({"chat_model": "ChatGPT"}, "no rate"),
    ({"chat": "2/day", "chat_in": "0.5"}, "whole number"),
    ({"chat": "2/day", "chat_out": "99999999999"}, "whole number"),
    ({"image_in": "300"}, "chat questions and long answers"),
    ({"region": "Atlantis"}, "world average"),
    ({"boundary": "gpu"}, "datacenter or lifecycle"),
    ({"preset": "nobody"}, "choose one of"),
    ({"favourite": "x"}, "unknown link parameter"),
    ({"chat": "2" * 200}, "too long"),
    ({"chat11": "<script>alert(1)</script>"}, "chat11"),
    ({"chat": ["2/day", "3/day"]}, "repeats"),
    ({"chat": "2/day", "chat_in": "10", "chat_in_range": "12:8"}, "LOW:HIGH"),
    ({"chat": "2/day", "chat_out_range": "1:3"}, "needs the token count"),
]


@pytest.mark.parametrize("bad,words", BAD, ids=[next(iter(b)) + str(i) for i, (b, _) in enumerate(BAD)])
def test_each_bad_value_gets_one_notice_and_the_rest_of_the_link_still_applies(bad, words, data):
    parsed = parse_usage_params({**GOOD, **bad}, data)
    assert len(parsed.notices) == 1, parsed.notices
    assert words in parsed.notices[0]
    assert "<" not in parsed.notices[0] and "script>" not in parsed.notices[0]
    assert ("image", 3, "week") in [(ln.kind, ln.rate, ln.period) for ln in parsed.profile.lines]
    year(parsed.profile, data)  # what is left is a valid profile


def test_a_preset_with_task_lines_uses_the_lines_and_says_so(data):
    parsed = parse_usage_params({"preset": "daily-user", "chat": "1/day"}, data)
    assert len(parsed.notices) == 1 and "using the task lines" in parsed.notices[0]
    assert [(ln.kind, ln.rate) for ln in parsed.profile.lines] == [("chat", 1)]


def test_a_link_with_no_lines_says_so_and_keeps_its_region(data):
    parsed = parse_usage_params({"region": "fr"}, data)
    assert not parsed.has_lines and parsed.profile.region == "FR" and parsed.notices == ()
