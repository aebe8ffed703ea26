"""A comparison counts every option at one boundary (METHODOLOGY §1.4: compare like with like), so a
life-cycle result compared with typical stays a life-cycle comparison."""

from __future__ import annotations

import pytest

from estimator import Scenario, estimate, label
from estimator.present import fmt_grams
from estimator.urlstate import compare_params, parse_compare
from pages.components import compare_typical_params
from tests.app_helpers import open_page, texts, warnings


def test_a_compare_link_counts_every_option_at_its_one_boundary(data):
    options, notices = parse_compare({"a": "chat:gpt-4o:WORLD", "b": "image:sdxl:FR", "boundary": "lifecycle"}, data)
    assert not notices
    assert [s.boundary for s in options] == ["lifecycle", "lifecycle"]


def test_without_a_boundary_a_comparison_is_at_the_default_datacenter_boundary(data):
    options, _ = parse_compare({"a": "chat:gpt-4o:WORLD", "b": "chat:llama-3.1-8b:WORLD"}, data)
    assert {s.boundary for s in options} == {"datacenter"}
    assert "boundary" not in compare_params(options)


def test_a_bad_boundary_in_a_compare_link_is_one_notice_and_the_default(data):
    options, notices = parse_compare({"a": "chat:gpt-4o:WORLD", "boundary": "lifecyle"}, data)
    assert len(notices) == 1 and "boundary" in notices[0] and "lifecycle" in notices[0]
    assert options[0].boundary == "datacenter"


@pytest.mark.parametrize("boundary", ("gpu", "fleet", "lifecycle"))
def test_the_boundary_round_trips_through_the_compare_link(boundary, data):
    options = [Scenario(task="chat", model="gpt-4o", boundary=boundary), Scenario(task="image", boundary=boundary)]
    params = compare_params(options)
    assert params["boundary"] == boundary
    parsed, notices = parse_compare(params, data)
    assert not notices and {s.boundary for s in parsed} == {boundary}


def test_compare_with_typical_from_a_life_cycle_self_hosted_result_keeps_both(data):
    lab = label(task="chat", model="llama-3.1-70b", boundary="lifecycle", mode="self-hosted", data=data)
    params = compare_typical_params(lab, data)
    assert params["boundary"] == "lifecycle"
    options, notices = parse_compare(params, data)
    assert not notices
    assert [(s.boundary, s.mode) for s in options] == [("lifecycle", "self-hosted")] * 2


def test_the_compare_page_shows_life_cycle_grams_and_says_which_boundary(data):
    at = open_page("compare", {"a": "chat:gpt-4o:WORLD", "b": "chat:llama-3.1-8b:WORLD", "boundary": "lifecycle"})
    assert not at.exception and not warnings(at)
    body = " ".join(texts(at))
    assert "Every option is counted at the same boundary" in body and "ife cycle" in body
    # the card's number is the library's life-cycle total, not the datacenter one
    life = estimate(task="chat", model="gpt-4o", boundary="lifecycle", data=data).co2e_g
    dc = estimate(task="chat", model="gpt-4o", data=data).co2e_g
    assert fmt_grams(life).split(" (")[0] != fmt_grams(dc).split(" (")[0]
    assert fmt_grams(life).split(" (")[0].split(" g")[0] in body
