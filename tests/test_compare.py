"""Comparing options: ratios only between the same task, per unit; one everyday equivalent for every card.

Library rules first (estimator.compare), then the Compare page through AppTest. Expected ratios and
equivalent amounts are computed here from separate library estimates (one per option, count 1 where
the rule is 'per unit'), never read back from the code under test.
"""

from __future__ import annotations

import itertools
import re

import pytest

from estimator import Scenario, estimate
from estimator.compare import PairRatio, parse_equivalent, same_task_pairs, shared_equivalent
from estimator.present import fmt_amount
from tests.app_helpers import amount, button, open_page, texts, warnings

# The readable band of an everyday equivalent, as the issue that introduced equivalents states it:
# "0.3 phone charges" and "120 searches" read well; 0.001 or 40,000 do not.
READABLE = (0.1, 1000)

FOUR = {"a": "chat:gpt-4o:WORLD", "b": "chat:llama-3.1-8b:WORLD", "c": "image:sdxl:PL", "d": "image:sdxl:FR"}


def est(data, **kw):
    return estimate(Scenario(**kw), data)


def per_unit_ratio(data, hi: dict, lo: dict) -> float:
    """Ratio of two single-unit estimates' central grams: the same amount of work on each side."""
    return (est(data, **{**hi, "count": 1}).co2e_g.central / est(data, **{**lo, "count": 1}).co2e_g.central)


# ------------------------------------------------------------------ library: which pairs, which ratio

def test_a_ratio_is_taken_only_between_options_of_the_same_task(data):
    options = [dict(task="chat", model="gpt-4o"), dict(task="image", model="sdxl", region="PL"),
               dict(task="chat", model="llama-3.1-8b"), dict(task="image", model="sdxl", region="FR")]
    pairs = same_task_pairs([est(data, **o) for o in options])
    expected = {(i, j) for i, j in itertools.combinations(range(4), 2) if options[i]["task"] == options[j]["task"]}
    assert {tuple(sorted((p.higher, p.lower))) for p in pairs} == expected == {(0, 2), (1, 3)}
    for p in pairs:
        assert p.task == options[p.higher]["task"] == options[p.lower]["task"]
        assert p.times == pytest.approx(per_unit_ratio(data, options[p.higher], options[p.lower]), rel=1e-9)
        assert p.times >= 1  # the higher option is named first


def test_a_ratio_puts_the_same_amount_of_work_on_each_side(data):
    """140 queries against 1 query compares the model, not the count: the ratio is per query."""
    many, one = dict(task="chat", model="gpt-4o", count=140), dict(task="chat", model="llama-3.1-8b", count=1)
    (p,) = same_task_pairs([est(data, **many), est(data, **one)])
    assert (p.higher, p.lower) == (0, 1)
    assert p.times == pytest.approx(per_unit_ratio(data, many, one), rel=1e-9)
    same_model = [est(data, task="chat", model="gpt-4o", count=140), est(data, task="chat", model="gpt-4o")]
    (q,) = same_task_pairs(same_model)
    assert q.times == pytest.approx(1.0)


def test_the_lower_option_listed_first_is_still_the_divisor(data):
    low, high = dict(task="image", model="sdxl", region="FR"), dict(task="image", model="sdxl", region="PL")
    (p,) = same_task_pairs([est(data, **low), est(data, **high)])
    assert (p.higher, p.lower) == (1, 0)
    assert p.times == pytest.approx(per_unit_ratio(data, high, low), rel=1e-9)


def test_no_ratio_when_no_two_options_share_a_task(data):
    estimates = [est(data, task="chat"), est(data, task="image"), est(data, task="video")]
    assert same_task_pairs(estimates) == []


def test_different_boundaries_are_not_paired(data):
    """GPU-only energy against a whole datacenter is not the same thing measured twice."""
    assert same_task_pairs([est(data, task="chat", boundary="gpu"), est(data, task="chat")]) == []


def test_a_zero_divisor_gives_no_ratio_rather_than_infinity(data):
    """Ranges are positive by construction, but an underflow must still not print '∞×'."""
    from dataclasses import replace
    from types import SimpleNamespace

    normal = est(data, task="chat")
    zero = replace(normal, co2e_g_per_unit=SimpleNamespace(central=0.0))
    assert same_task_pairs([normal, zero]) == [PairRatio(0, 1, "chat", None)]


# ------------------------------------------------------------------ library: one equivalent for every card

def amounts(e, eq) -> float:
    quantity = e.co2e_g if eq.basis == "co2e" else e.energy_wh
    return quantity.central / eq.per_unit.central


def readable_for_all(estimates, eqs) -> list:
    return [eq for eq in eqs if all(READABLE[0] <= amounts(e, eq) <= READABLE[1] for e in estimates)]


def test_the_shared_equivalent_reads_well_for_every_option_when_one_does(data):
    estimates = [est(data, task="chat", model="gpt-4o", count=100), est(data, task="chat", model="llama-3.1-8b", count=100)]
    fits = readable_for_all(estimates, data.equivalents.values())
    assert fits, "the fixture should have an equivalent that reads well for both"
    chosen = shared_equivalent(estimates, data)
    assert chosen in fits
    assert chosen.display_priority == min(eq.display_priority for eq in fits)


def test_on_different_grids_the_shared_equivalent_follows_the_grams(data):
    """Poland vs France: an electricity-based equivalent would show two equal amounts beside a 14× gap."""
    pl, fr = est(data, task="image", model="sdxl", region="PL"), est(data, task="image", model="sdxl", region="FR")
    chosen = shared_equivalent([pl, fr], data)
    assert chosen.basis == "co2e"
    assert amounts(pl, chosen) / amounts(fr, chosen) == pytest.approx(pl.co2e_g.central / fr.co2e_g.central)


def test_when_nothing_reads_well_for_all_the_most_readable_equivalent_is_chosen(data):
    tiny, big = est(data, task="chat", model="llama-3.1-8b"), est(data, task="video", count=1000)
    chosen = shared_equivalent([tiny, big], data)
    assert tiny.intensity_g_per_kwh == big.intensity_g_per_kwh  # one grid: every equivalent is a candidate
    eqs = list(data.equivalents.values())
    best = max(sum(READABLE[0] <= amounts(e, eq) <= READABLE[1] for e in (tiny, big)) for eq in eqs)
    assert sum(READABLE[0] <= amounts(e, chosen) <= READABLE[1] for e in (tiny, big)) == best


def test_the_eq_parameter_is_read_with_one_clear_notice(data):
    assert parse_equivalent({}, data) == (None, ())
    assert parse_equivalent({"eq": "phone_charges"}, data) == ("phone_charges", ())
    assert parse_equivalent({"eq": "auto"}, data) == (None, ())
    eq, notes = parse_equivalent({"eq": "<b>nope</b>"}, data)
    assert eq is None and len(notes) == 1 and "\n" not in notes[0]
    assert "eq=" in notes[0] and "<" not in notes[0] and "phone_charges" in notes[0]
    eq, notes = parse_equivalent({"eq": ["car_km", "car_miles"]}, data)
    assert eq == "car_km" and len(notes) == 1 and "repeats" in notes[0]


# ------------------------------------------------------------------ the page

def page_text(at) -> str:
    return "\n".join(texts(at))


def card_lines(at) -> list[str]:
    """The equivalent line of each card ('≈ **0.35** minutes of HD video streaming')."""
    return [line for t in texts(at) for line in t.split("\n") if line.startswith("≈ ")]


def test_compare_shows_the_ratio_of_each_same_task_pair_and_no_other(data):
    at = open_page("compare", FOUR)
    assert not at.exception and not warnings(at)
    body = page_text(at)
    chat = per_unit_ratio(data, dict(task="chat", model="gpt-4o"), dict(task="chat", model="llama-3.1-8b"))
    image = per_unit_ratio(data, dict(task="image", model="sdxl", region="PL"),
                           dict(task="image", model="sdxl", region="FR"))
    assert f"**A is {fmt_amount(chat)}× B**" in body
    assert f"**C is {fmt_amount(image)}× D**" in body
    for x, y in (("A", "C"), ("A", "D"), ("B", "C"), ("B", "D")):  # never a query against an image
        assert not re.search(rf"\b{x} is [\d.,]+× {y}\b|\b{y} is [\d.,]+× {x}\b", body), (x, y)
    assert "per unit" in body and "per query" in body and "per image" in body


def test_compare_says_so_when_no_two_options_share_a_task():
    at = open_page("compare", {"a": "chat:gpt-4o:WORLD", "b": "image:sdxl:FR"})
    body = page_text(at)
    assert "No ratio: no two options do the same task" in body
    assert not re.search(r"\b[AB] is [\d.,]+× [AB]\b", body)


def test_an_option_without_a_same_task_partner_is_named_without_a_ratio():
    at = open_page("compare", {"a": "chat:gpt-4o:WORLD", "b": "chat:llama-3.1-8b:WORLD", "c": "image:sdxl:FR"})
    body = page_text(at)
    assert "No ratio for C (image generation): no other option does the same task." in body
    assert re.search(r"\*\*A is [\d.,]+× B\*\*", body)
    assert not re.search(r"\b[ABC] is [\d.,]+× C\b|\bC is [\d.,]+×", body)


def test_a_pair_that_differs_only_in_size_of_job_says_so(data):
    at = open_page("compare", {"a": "chat:gpt-4o:WORLD:1:short", "b": "chat:gpt-4o:WORLD:1:long"})
    body = page_text(at)
    ratio = per_unit_ratio(data, dict(task="chat", model="gpt-4o", preset="long"),
                           dict(task="chat", model="gpt-4o", preset="short"))
    assert ratio > 1 and f"**B is {fmt_amount(ratio)}× A**" in body
    long_, short = (data.presets[("chat", p)].label for p in ("long", "short"))
    assert f"size of job: {long_[:1].lower() + long_[1:]} vs {short[:1].lower() + short[1:]}" in body


def test_compare_ratio_is_per_unit_when_counts_differ():
    """140 queries against 1 of the same model: the same work costs the same, whatever the count."""
    at = open_page("compare", {"a": "chat:gpt-4o:WORLD:140", "b": "chat:gpt-4o:WORLD:1"})
    body = page_text(at)
    assert "**A ≈ B**" in body and "× B**" not in body
    assert "same model, region and size of job" in body
    assert "The counts differ (A: 140 queries, B: 1 query)" in body
    totals = [amount(m.value) for m in at.metric if m.label == "Carbon footprint"]
    assert totals[0] > 100 * totals[1]  # the cards still show each option's total


def test_every_card_shows_the_same_everyday_equivalent(data):
    at = open_page("compare", FOUR)
    lines = card_lines(at)
    assert len(lines) == 4
    labels = {re.sub(r"^≈ \*\*[\d.,]+\*\* ", "", line) for line in lines}
    eq_ids = {k for k, eq in data.equivalents.items() for lab in labels if lab.startswith((eq.label_plural, eq.label_singular))}
    assert len(eq_ids) == 1, lines
    assert at.selectbox(key="cmp_eq").value == "auto"
    assert "eq" not in at.query_params  # the automatic choice keeps the link as it was


def test_the_shared_equivalent_switch_lives_in_the_url(data):
    at = open_page("compare", FOUR)
    at.selectbox(key="cmp_eq").set_value("phone_charges").run()
    assert at.query_params["eq"] == "phone_charges"
    per_charge_wh = data.equivalents["phone_charges"].per_unit.central
    options = [dict(task="chat", model="gpt-4o"), dict(task="chat", model="llama-3.1-8b"),
               dict(task="image", model="sdxl", region="PL"), dict(task="image", model="sdxl", region="FR")]
    expected = [fmt_amount(est(data, **o).energy_wh.central / per_charge_wh) for o in options]
    assert [re.match(r"≈ \*\*([\d.,]+)\*\*", line).group(1) for line in card_lines(at)] == expected
    assert all("smartphone charge" in line for line in card_lines(at))
    # the link reproduces the view, and a classic comparison keeps the chosen equivalent
    again = open_page("compare", {**FOUR, "eq": "phone_charges"})
    assert not warnings(again) and again.selectbox(key="cmp_eq").value == "phone_charges"
    button(again, "Image in Poland vs in France").click().run()
    assert again.query_params["eq"] == "phone_charges" and again.query_params["a"].startswith("image:sdxl:PL")


@pytest.mark.parametrize("value", ["nonsense", "<script>alert(1)</script>", "PHONE", ""])
def test_an_unknown_equivalent_gets_one_notice_and_the_default(value):
    at = open_page("compare", {**FOUR, "eq": value})
    assert not at.exception
    notes = warnings(at)
    assert len(notes) == 1 and "eq" in notes[0] and "\n" not in notes[0] and "<script" not in notes[0]
    assert at.selectbox(key="cmp_eq").value == "auto"
    assert "eq" not in at.query_params and at.query_params["a"].startswith("chat:gpt-4o")


def test_a_repeated_eq_uses_the_first_value_with_a_notice():
    at = open_page("compare", {**FOUR, "eq": ["car_km", "phone_charges"]})
    assert any("repeats" in w and "eq" in w for w in warnings(at))
    assert at.query_params["eq"] == "car_km"


def test_card_text_is_body_text_not_a_grey_caption():
    """On a projector every word of a card must be readable: no card line is an st.caption."""
    at = open_page("compare")
    captions = " ".join(c.value for c in at.caption)
    assert "1 query with GPT-4o" not in captions
    assert any(t.startswith("**A** · 1 query with GPT-4o") for t in texts(at))


def test_the_comparison_rules_live_in_the_library_without_streamlit():
    import subprocess
    import sys

    code = "import sys, estimator.compare; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_compare_option_on_the_typical_model_names_it_instead_of_an_empty_box():
    at = open_page("compare", {"a": "chat::WORLD", "b": "image:sdxl:FR"})
    assert not at.exception
    box = at.selectbox(key="cmp_0_model")
    assert box.value is not None  # a None value shows the placeholder "Choose an option"
    shown = box.options[box.index]
    assert shown.startswith("I don't know — typical model") and "Qwen3 32B" in shown
    # the link still says "typical" the short way: an empty model field
    assert at.query_params["a"] in ("chat::WORLD:1", ["chat::WORLD:1"])
