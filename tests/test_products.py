"""Products people know (data/products.csv): "ChatGPT", "Midjourney", "a small open model" per usage kind.

Expected models come from the catalogue (models.csv, tasks.csv) and from ``find_model``, never from the products code.
"""

from __future__ import annotations

import os

import pytest

from estimator.data import USAGE_KINDS, load_data
from estimator.errors import DataError, EstimatorError
from estimator.scenario import find_model
from estimator.usage.year import KINDS, UsageLine, UsageProfile, usage_products, year
from tests.conftest import DATA


def test_every_kind_offers_the_typical_model_first_then_the_products_people_know():
    for kind in KINDS:
        choices = usage_products(kind)
        assert choices[0] == ("Typical model", None)
        assert len(choices) >= 3 and all(mid for _, mid in choices[1:])
    chat = [label for label, _ in usage_products("chat")]
    assert {"ChatGPT", "Gemini", "Claude", "Copilot", "Meta AI", "a small open model"} <= set(chat)
    image = [label for label, _ in usage_products("image")]
    assert {"ChatGPT images", "Midjourney", "a small open model"} <= set(image)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_product_label_gives_the_same_year_as_its_model_id(kind):
    for label, model_id in usage_products(kind):
        by_label = year(UsageProfile((UsageLine(kind, 3, "week", label),)))
        by_id = year(UsageProfile((UsageLine(kind, 3, "week", model_id),)))
        assert by_label.year_g == by_id.year_g, label
        expected = model_id or load_data().tasks[USAGE_KINDS[kind]].typical_model_id
        assert by_label.lines[0].estimate.model.model_id == expected


def test_a_product_label_the_catalogue_also_finds_lands_on_the_same_model(data):
    checked = 0
    for p in data.products:
        for kind in p.kinds:
            try:
                found = find_model(p.label, data, data.tasks[USAGE_KINDS[kind]].model_tasks)
            except EstimatorError:
                continue  # a label only products.csv knows ("a small open model")
            assert found.model_id == p.model_id, (p.label, kind)
            checked += 1
    assert checked >= 8  # ChatGPT, Gemini, Claude, Copilot, Meta AI, ChatGPT images, Midjourney, Sora, ...


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_small_open_model_is_the_smallest_open_model_with_a_published_size_for_the_task(kind, data):
    model_task = "llm" if USAGE_KINDS[kind] in ("chat", "summarize") else USAGE_KINDS[kind]
    candidates = [m for m in data.models.values() if m.task == model_task and m.open_weights
                  and not m.size_is_estimate and (model_task == "llm" or m.measurement_id)]
    smallest = min(candidates, key=lambda m: m.total_params_b.central)
    assert dict(usage_products(kind))["a small open model"] == smallest.model_id
    r = year(UsageProfile((UsageLine(kind, 1, "day", "A  Small open MODEL"),)))  # any case and spacing
    assert r.lines[0].estimate.model.model_id == smallest.model_id


def test_an_unknown_kind_is_one_clear_line():
    with pytest.raises(EstimatorError) as info:
        usage_products("poetry")
    assert "poetry" in info.value.message and "chat" in info.value.hint


def _broken(tmp_path, old: str, new: str):
    d = tmp_path / "data"
    d.mkdir()
    for name in os.listdir(DATA):
        if name != "products.csv" and (DATA / name).is_file():
            os.symlink(DATA / name, d / name)
    text = (DATA / "products.csv").read_text(encoding="utf-8")
    assert old in text
    (d / "products.csv").write_text(text.replace(old, new, 1), encoding="utf-8")
    return d


@pytest.mark.parametrize("old,new,expected", [
    ("chatgpt,ChatGPT,chat;long;summary,gpt-5.5,", "chatgpt,ChatGPT,chat;long;summary,gpt-5,",
     ["row 2", "model_id", "ChatGPT", "gpt-5.5", "models.csv"]),
    (",gpt-5.5,", ",gpt-9,", ["row 2", "model_id", "gpt-9", "models.csv"]),
    ("midjourney,Midjourney,image,", "midjourney,Midjourney,chat,", ["model_id", "closed-image-large", "chat"]),
    ("chatgpt,ChatGPT,chat;long;summary,", "chatgpt,ChatGPT,chat;poetry,", ["row 2", "kinds", "poetry"]),
    ("gemini,Gemini,", "gemini,ChatGPT,", ["row 3", "label", "twice"]),
], ids=["alias disagrees", "unknown model", "wrong task", "unknown kind", "label twice"])
def test_a_broken_products_table_names_its_file_row_and_column(old, new, expected, tmp_path):
    with pytest.raises(DataError) as info:
        load_data(_broken(tmp_path, old, new))
    text = str(info.value)
    assert "products.csv" in text and "\n" not in info.value.message
    assert all(word in text for word in expected), text
