"""What people read and download: label words, the not-counted line, rounding, file names, trade-offs, sources.

Direct tests of estimator/present.py, estimator/card.py and the pure helpers of pages/components.py.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
from pathlib import Path

import pytest

from estimator import label
from estimator.card import _lines, card_svg
from estimator.present import (NOT_COUNTED, csv_text, estimate_record, flat_record, label_percent, label_sentence,
                               result_sources, round_sig, rule_words)

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from pages import components as c  # noqa: E402  (the app's own helpers; they need the repo root on the path)

# Real results from the catalogue, one per way the label can read.
LOWER = dict(task="chat", model="llama-3.1-8b")
HIGHER = dict(task="chat", model="gpt-4o")
TYPICAL_FAR_BELOW = dict(task="chat", model="gpt-5-mini", region="WORLD")  # central 0.66× typical, range reaches it
TYPICAL_CLOSE = dict(task="chat", model="llama-3.3-70b")  # central 1.04× typical


def _floats(value, path=""):
    """Every float in a nested record with its path."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _floats(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _floats(v, f"{path}[{i}]")
    elif isinstance(value, float):
        yield path, value


# ---------------------------------------------------------------- the label never contradicts itself

def test_a_typical_result_whose_range_reaches_typical_says_why_it_cannot_be_called_lower(data):
    lab = label(data=data, **TYPICAL_FAR_BELOW)
    assert lab.category == "typical" and lab.ratio_to_typical < 0.8  # the case the review saw beside "● Typical"
    percent = label_percent(lab, data)
    assert "vs typical" not in percent and "not surely lower" in percent and percent.startswith("−")
    # the percentage carries the ratio's own range, and that range reaches past the 0.8 threshold
    low_pct, high_pct = lab.percent_vs_typical_range
    assert low_pct < lab.percent_vs_typical < high_pct and high_pct > -20
    assert " to " in percent
    sentence = label_sentence(lab, data)
    assert "below typical" in sentence and "cannot be called lower" in sentence


def test_a_typical_result_inside_the_band_reads_close_to_typical(data):
    lab = label(data=data, **TYPICAL_CLOSE)
    assert lab.category == "typical" and 0.8 < lab.ratio_to_typical < 1.25
    assert "close to typical" in label_percent(lab, data)
    assert "within the band" in label_sentence(lab, data)


@pytest.mark.parametrize("fields,word", [(LOWER, "below"), (HIGHER, "above")])
def test_lower_and_higher_state_the_percentage_in_the_same_direction(fields, word, data):
    lab = label(data=data, **fields)
    assert lab.category == {"below": "lower", "above": "higher"}[word]
    assert label_percent(lab, data).startswith("−" if word == "below" else "+")
    assert f"{word} typical" in label_sentence(lab, data)


def test_the_range_rule_is_stated_with_the_thresholds_of_the_data(data):
    words = rule_words(data)
    lower = data.label_rules["lower_if_ratio_at_most"].value.central
    higher = data.label_rules["higher_if_ratio_at_least"].value.central
    assert f"{lower:g}×" in words and f"{higher:g}×" in words and "reads typical" in words


def test_the_card_uses_the_same_words_beside_its_category(data):
    lab = label(data=data, **TYPICAL_FAR_BELOW)
    # the band has room for the words without the bracketed range; its text alternative keeps the range
    assert _lines(lab).percent == label_percent(lab, data, with_range=False)
    assert "vs typical" not in _lines(lab).percent and "not surely lower" in _lines(lab).percent
    assert label_percent(lab, data) in _lines(lab).desc


# ---------------------------------------------------------------- what is not counted, everywhere

def test_what_is_not_counted_is_one_line_in_the_card_the_json_and_the_csv(data):
    lab = label(data=data, task="image", model="sdxl", count=10, region="FR")
    for word in ("training", "hardware", "water", "device"):
        assert word in NOT_COUNTED
    record = estimate_record(lab.estimate, lab, data)
    assert record["not_counted"] == NOT_COUNTED
    row = next(csv.DictReader(io.StringIO(csv_text([flat_record(record)]))))
    assert row["not_counted"] == NOT_COUNTED
    assert _lines(lab).not_counted == NOT_COUNTED  # whole, not cut with "…"
    assert NOT_COUNTED in card_svg(lab)
    assert NOT_COUNTED in c.card_alt_text(lab, data)


# ---------------------------------------------------------------- downloads: precision and names

def test_downloads_round_measured_figures_to_two_significant_figures_and_keep_counts_whole(data):
    lab = label(data=data, task="chat", count=10, region="FR")
    record = estimate_record(lab.estimate, lab, data)
    assert record["scenario"]["count"] == 10 and isinstance(record["scenario"]["count"], int)
    noisy = [(p, v) for p, v in _floats(record) if not p.startswith((".values_full", ".scenario"))
             and round_sig(v) != v]
    assert not noisy
    text = csv_text([flat_record({k: v for k, v in record.items() if k != "values_full"})])
    assert not re.search(r"\d\.\d{7,}", text), "float noise in the CSV"
    assert ",10.0," not in text


def test_full_precision_is_kept_only_where_the_field_says_so(data):
    lab = label(data=data, task="chat", count=10, region="FR")
    record = estimate_record(lab.estimate, lab, data)
    full = record["values_full"]["co2e"]
    assert full["central"] == lab.estimate.co2e_g.central
    assert record["co2e"]["central"] == pytest.approx(full["central"], rel=0.05)
    assert "values_full" in record["precision"]


def test_download_names_carry_the_count_so_one_and_ten_differ(data):
    one = c.file_stub(label(data=data, task="image", model="sdxl", count=1, region="FR"))
    ten = c.file_stub(label(data=data, task="image", model="sdxl", count=10, region="FR"))
    assert one != ten and one.endswith("_n1") and ten.endswith("_n10")
    typical = c.file_stub(label(data=data, task="chat", count=2.5))
    assert "None" not in typical and typical.endswith("_n2p5") and data.tasks["chat"].typical_model_id in typical


# ---------------------------------------------------------------- greener options speak of their own task

def test_an_image_trade_off_is_written_for_images_not_for_chat(data):
    lab = label(data=data, task="image", model="sdxl")
    smaller = next(o for o in lab.alternatives if o.alternative_id == "smaller_model")
    assert "SSD-1B" in smaller.change
    assert not re.search(r"question|reasoning|answer", smaller.trade_off, re.I), smaller.trade_off
    chat = next(o for o in label(data=data, task="chat", model="llama-3.1-70b").alternatives
                if o.alternative_id == "smaller_model")
    assert chat.trade_off != smaller.trade_off and "question" in chat.trade_off


@pytest.mark.parametrize("alt_id", ["smaller_model", "efficient_model"])
def test_model_swaps_have_their_own_words_for_each_task(alt_id, data):
    texts = {t: data.alternatives[alt_id].trade_off_for(t) for t in data.tasks}
    assert len(set(texts.values())) == len(texts), texts


# ---------------------------------------------------------------- sources at an hour of the day

def test_a_result_at_an_hour_of_the_day_cites_the_hourly_profile_too(data):
    annual = label(data=data, task="image", model="sdxl", region="GB").estimate
    hourly = label(data=data, task="image", model="sdxl", region="GB", hour=18, season="autumn").estimate
    assert "Hourly profile" not in dict(result_sources(annual, data))
    src = dict(result_sources(hourly, data))["Hourly profile"]
    assert src == data.profiles["GB"]["autumn"][0].source
    assert dict(result_sources(hourly, data))["Grid"] == hourly.zone.source  # the annual row is still cited
    urls = [s["url"] for s in estimate_record(hourly, None, data)["sources"]]
    assert src.url in urls


# ---------------------------------------------------------------- like-for-like comparison, embeds, products

def test_compare_with_the_typical_option_puts_the_same_work_on_both_sides(data):
    lab = label(data=data, task="chat", model="llama-3.1-70b", count=140, region="FR", preset="reasoning")
    params = c.compare_typical_params(lab, data)
    a, b = params["a"].split(":"), params["b"].split(":")
    assert a[3] == b[3] == "140"  # the same count
    assert a[4] == b[4] == "reasoning"  # the same job size
    assert a[1] == "llama-3.1-70b" and b[1] == data.tasks["chat"].typical_model_id


def test_the_iframe_takes_the_article_width_and_fixes_its_theme():
    snippet = c.iframe_snippet(c.embed_src("https://x.example/embed?task=chat", "light"), "t")
    assert 'width="100%"' in snippet and "max-width:640px" in snippet and 'width="640"' not in snippet
    assert "theme=light" in snippet and "embed=true" in snippet and "embed_options=light_theme" in snippet
    dark = c.embed_src("https://x.example/embed?task=chat", "dark")
    assert dark.endswith("theme=dark&embed=true&embed_options=dark_theme")


@pytest.mark.parametrize("task,product", [
    ("chat", "ChatGPT"), ("chat", "Gemini"), ("chat", "Claude"), ("chat", "Copilot"),
    ("image", "Midjourney"), ("image", "DALL·E"), ("image", "ChatGPT"), ("image", "Nano Banana"),
])
def test_every_product_name_people_type_is_in_a_model_label(task, product, data):
    labels = [c.model_label(m, data, task) for m in c.model_choices(task, data)]
    assert any(product.lower() in x.lower() for x in labels), labels


def test_the_model_box_value_for_the_typical_model_is_not_none(data):
    choices = c.model_choices("image", data)
    assert choices[0] == c.TYPICAL_MODEL_PARAM and None not in choices
    assert data.models[data.tasks["image"].typical_model_id].name in c.model_label(choices[0], data, "image")


def test_an_unknown_page_notice_shows_the_path_as_literal_text():
    words = c.unknown_page_words("admin")
    assert "/admin" in words and "Estimate" in words
    assert "[" not in c.unknown_page_words("[x](http://evil.example)").split("”")[0].split("“")[0]


def test_not_counted_wording_is_shared_not_copied():
    assert c.not_counted_words() is NOT_COUNTED
    assert math.isfinite(len(NOT_COUNTED)) and NOT_COUNTED.count(".") == 1


def test_the_cli_prints_the_same_label_words_and_the_not_counted_line(data, capsys):
    from estimator.cli import main

    assert main(["label", "--task", "chat", "--model", "gpt-5-mini", "--region", "WORLD"]) in (0, None)
    out = capsys.readouterr().out
    assert "not surely lower" in out and "vs typical" not in out and NOT_COUNTED in out


def test_the_cli_compare_table_words_each_percentage_like_its_label(data, capsys):
    from estimator.cli import main

    assert main(["compare", "--task", "chat", "--model", "gpt-5-mini,gpt-4o", "--region", "WORLD"]) in (0, None)
    out = capsys.readouterr().out
    typical_row = next(line for line in out.splitlines() if line.startswith("gpt-5-mini"))
    assert "typical" in typical_row and "not surely lower" in typical_row and "vs typical" not in typical_row
    assert NOT_COUNTED in out


def test_a_percent_range_whose_ends_round_alike_is_not_printed_as_a_range(data):
    """Options differing only in what cancels in the ratio (the same model elsewhere) have a tight ratio range."""
    from estimator import Scenario, label
    from estimator.present import label_percent

    seen = 0
    for model in ("llama-3.1-8b", "gpt-oss-20b", "llama-3.1-70b", "gpt-4o"):
        lab = label(Scenario(task="chat", model=model), data)
        low, high = lab.percent_vs_typical_range
        words = label_percent(lab, data)
        if round(low) == round(high):
            seen += 1
            assert " to " not in words, words
        else:
            assert " to " in words, words
    assert seen >= 1  # Llama 3.1 8B vs the typical Llama 4 Scout: the same fit, so the ratio is nearly exact
