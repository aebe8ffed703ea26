"""Presentation mode (present=1) and "How we got this number" on the pages, through AppTest.

The walk-through's rendered numbers are multiplied out here, from the page's text, and must land on the headline
within the rounding the page shows; presentation mode draws no sidebar and no editors, keeps present=1 in its
links, and shows the "guess first" answer only after Reveal.
"""

from __future__ import annotations

import re

import pytest

from estimator import estimate, load_data
from pages.components import PRESENT_CSS
from tests.app_helpers import UNITS, grams, metric, open_page, texts, warnings

NUMBER = r"([0-9][0-9,]*(?:\.[0-9]+)?)"
STEP = re.compile(r"^\*\*(\d+)\. ")


def quantity(text: str) -> tuple[float, float]:
    """'0.041' → (0.041, 0.0005); '1,200 g' → (1200, 50); a unit (g, kg, Wh, kWh …) scales both. The half-width is
    half a unit of the last digit shown; whole numbers are read as two significant figures (the app's rounding)."""
    m = re.match(rf"^\s*{NUMBER}\s*(MWh|kWh|Wh|kg|g|t)?\b", text)
    assert m, f"no number in {text!r}"
    shown, unit = m.group(1).replace(",", ""), m.group(2)
    if "." in shown:
        half = 0.5 * 10 ** -len(shown.split(".")[1])
    else:
        half = 0.5 * 10 ** max(0, len(shown) - 2)
    scale = UNITS.get(unit, 1.0) if unit else 1.0
    return float(shown) * scale, half * scale


def rendered_steps(at) -> list[str]:
    """The walk-through's step blocks, in order, as the page wrote them (markdown)."""
    return [m.value for m in at.markdown if STEP.match(m.value)]


def number_line(block: str) -> str:
    return block.split("  \n")[1]


def fold_interval(blocks: list[str]) -> tuple[float, float, float]:
    """(low, central, high) of the chain worked with the shown, rounded numbers: start, × each factor, + each part."""
    lo = mid = hi = None
    for block in blocks:
        line = number_line(block)
        if line.startswith("≈"):
            continue
        if line.startswith("× ") or line.startswith("+ "):
            v, h = quantity(line[2:])
            if line.startswith("×"):
                lo, mid, hi = lo * (v - h), mid * v, hi * (v + h)
            else:
                lo, mid, hi = lo + v - h, mid + v, hi + v + h
        else:
            v, h = quantity(line.strip("*"))
            assert lo is None, "one start"
            lo, mid, hi = v - h, v, v + h
    return lo, mid, hi


@pytest.mark.parametrize("params", [
    {"task": "image", "model": "sdxl", "region": "FR", "n": "10"},
    {"task": "chat", "model": "gpt-4o", "region": "PL"},
    {"task": "summarize", "boundary": "lifecycle", "n": "3"},
    {"task": "video", "boundary": "server", "mode": "self-hosted"},
    {"task": "chat", "model": "llama-3.1-8b", "mode": "self-hosted", "n": "1000"},
])
def test_the_rendered_steps_multiply_out_to_the_headline_within_rounding(params):
    at = open_page("estimate", params)
    assert not at.exception and not warnings(at)
    blocks = rendered_steps(at)
    assert len(blocks) >= 6
    assert [int(STEP.match(b).group(1)) for b in blocks] == list(range(1, len(blocks) + 1))
    headline = metric(at, "Carbon footprint")
    h_val, h_half = quantity(headline)
    lo, mid, hi = fold_interval(blocks)
    assert lo <= h_val + h_half and hi >= h_val - h_half, (lo, mid, hi, headline)
    assert mid == pytest.approx(h_val, rel=0.15)  # the rounded numbers, worked by hand, land near the total
    # the chain's last value is the headline as shown, word for word
    total = [number_line(b) for b in blocks if not number_line(b).startswith("≈")][-1]
    assert f"**{headline}**" in total


def test_every_step_on_the_page_names_its_source_or_says_arithmetic():
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "FR", "n": "10"})
    for block in rendered_steps(at):
        last = block.split("  \n")[-1]
        assert last.startswith("Source") and "](http" in last or last.startswith("Arithmetic"), block


def test_presentation_mode_draws_no_sidebar_and_no_editors():
    normal = open_page("estimate", {"task": "chat"})
    assert len(normal.sidebar) > 0 and any(n.label == "How many" for n in normal.number_input)
    at = open_page("estimate", {"task": "chat", "present": "1"})
    assert not at.exception and not warnings(at)
    assert len(at.sidebar) == 0
    assert [n.label for n in at.number_input] == ["Your guess"]  # no "How many", no workload boxes
    assert not at.selectbox and not at.radio
    assert any(PRESENT_CSS.strip() in str(h.proto.body) for h in at.get("html"))  # hides the navigation and header
    cmp = open_page("compare", {"a": "image:sdxl:PL", "b": "image:sdxl:FR", "present": "1"})
    assert not cmp.exception and not warnings(cmp)
    assert not cmp.selectbox and not cmp.number_input and len(cmp.sidebar) == 0
    assert len([m for m in cmp.metric if m.label == "Carbon footprint"]) == 2  # the cards are still there
    assert any("A is" in t and "× B" in t for t in texts(cmp))  # and the ratio


def test_the_guess_reveal_shows_the_number_only_after_reveal():
    data = load_data()
    e = estimate(task="image", model="sdxl", region="FR", count=10, data=data)
    best = e.best_equivalents(data, 1)[0]
    from estimator.present import fmt_amount

    answer = f"{fmt_amount(best.amount.central)} {best.label}"
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "FR", "n": "10", "present": "1"})
    before = " ".join(texts(at))
    assert f"How many {best.equivalent.label_plural}" in before
    assert answer not in before and not at.metric  # no number, no headline before Reveal
    at.number_input(key="est_quiz_guess").set_value(5.0).run()
    assert answer not in " ".join(texts(at))  # typing a guess reveals nothing
    at.button(key="est_quiz_reveal").click().run()
    assert metric(at, "The answer") == answer
    too_high = 5.0 / best.amount.central
    assert any(f"{fmt_amount(too_high)}× too high" in t for t in texts(at))
    assert grams(at) == pytest.approx(e.co2e_g.central, rel=0.05)  # then the headline itself
    at.button(key="est_quiz_again").click().run()
    assert answer not in " ".join(texts(at)) and not at.metric


def test_a_guess_inside_the_range_is_called_well_guessed():
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "FR", "n": "10", "present": "1"})
    data = load_data()
    best = estimate(task="image", model="sdxl", region="FR", count=10, data=data).best_equivalents(data, 1)[0]
    at.number_input(key="est_quiz_guess").set_value(round(best.amount.central, 2)).run()
    at.button(key="est_quiz_reveal").click().run()
    assert any("Within the likely range" in t for t in texts(at))


def test_the_walkthrough_in_presentation_mode_goes_one_step_at_a_time():
    at = open_page("estimate", {"task": "chat", "present": "1"})
    at.button(key="est_quiz_reveal").click().run()
    shown = [t for t in texts(at) if STEP.match(t)]
    assert len(shown) == 1
    at.button(key="est_walk_next").click().run()
    at.button(key="est_walk_next").click().run()
    assert len([t for t in texts(at) if STEP.match(t)]) == 3
    at.button(key="est_walk_back").click().run()
    assert len([t for t in texts(at) if STEP.match(t)]) == 2


def test_the_mode_survives_in_the_link_the_citation_and_the_embed_code():
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "FR", "present": "1"})
    assert at.query_params["present"] == ["1"] or at.query_params["present"] == "1"
    normal = open_page("estimate", {"task": "image", "model": "sdxl", "region": "FR"})
    normal.toggle(key="est_present").set_value(True).run()
    assert "present" in normal.query_params and len(normal.sidebar) == 0
    normal.toggle(key="est_present").set_value(False).run()
    assert "present" not in normal.query_params and len(normal.sidebar) > 0
    embed = open_page("embed", {"task": "image", "model": "sdxl", "region": "FR", "present": "1"})
    assert not embed.exception and not warnings(embed)
    code = [c.value for c in embed.code]
    assert any("<iframe" in c and "present=1" in c for c in code)  # the embed code
    assert any(c.startswith("http") and "present=1" in c for c in code)  # the stable link
    cmp = open_page("compare", {"a": "chat:gpt-4o:WORLD", "b": "chat:llama-3.1-8b:WORLD", "present": "1"})
    assert any("present=1" in c.value for c in cmp.code)  # the comparison's citation line


def test_a_bad_present_value_gets_one_notice_and_the_normal_page():
    at = open_page("estimate", {"task": "chat", "present": "maybe"})
    assert not at.exception
    assert len(warnings(at)) == 1 and "present=1" in warnings(at)[0]
    assert len(at.sidebar) > 0


def test_the_question_asks_in_the_plural_even_when_the_answer_is_about_one():
    data = load_data()
    e = estimate(task="image", model="sdxl", region="FR", count=12, data=data)
    best = e.best_equivalents(data, 1)[0]
    assert best.label == best.equivalent.label_singular  # the case this test is about: an answer near 1
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "FR", "n": "12", "present": "1"})
    assert any(f"How many {best.equivalent.label_plural} is 12 images" in t for t in texts(at))


def test_presentation_mode_ends_on_the_greener_options_after_reveal():
    data = load_data()
    from estimator import label

    lab = label(estimate(task="chat", model="gpt-4o", data=data).scenario, data)
    at = open_page("estimate", {"task": "chat", "model": "gpt-4o", "present": "1"})
    assert "Greener options" not in [h.value for h in at.header]
    at.button(key="est_quiz_reveal").click().run()
    assert "Greener options" in [h.value for h in at.header]
    greener = next(m.value for m in at.markdown if m.value.startswith("- **−"))
    assert greener.count("\n- **") + 1 == min(3, len(lab.alternatives))  # one screen: the three biggest savings
    assert lab.alternatives[0].change.split(" ")[0] in greener


def test_a_new_answer_to_the_same_question_is_hidden_again():
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "FR", "n": "10", "present": "1"})
    at.button(key="est_quiz_reveal").click().run()
    assert at.metric
    question = next(t for t in texts(at) if "How many" in t)
    at.query_params["w"], at.query_params["h"] = "512", "512"  # same question, smaller images: another answer
    at.run()
    assert next(t for t in texts(at) if "How many" in t) == question
    assert not at.metric
