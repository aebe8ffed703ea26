"""The ranking: every catalogued model of a task at the person's workload, fewest grams first."""

from __future__ import annotations

import csv
import io
import json

import pytest
from streamlit.testing.v1 import AppTest

from app_helpers import APP
from estimator.basis import KINDS
from estimator.data import load_data
from estimator.estimate import estimate
from estimator.ranking import ranking, ranking_records
from estimator.scenario import Scenario
from estimator.urlstate import parse_params, to_params

DATA = load_data()
TASKS = sorted(DATA.tasks)


def _catalogued(task: str) -> set[str]:
    return {m.model_id for m in DATA.models.values() if m.task in DATA.tasks[task].model_tasks}


@pytest.mark.parametrize("task", TASKS)
def test_the_ranking_lists_every_catalogued_model_of_the_task_once_fewest_grams_first(task):
    rows = ranking(task=task, region="FR")
    assert sorted(r.model.model_id for r in rows) == sorted(_catalogued(task))
    grams = [r.estimate.co2e_g.central for r in rows]
    assert grams == sorted(grams)
    assert [r.rank for r in rows] == list(range(1, len(rows) + 1))
    assert sum(r.is_current for r in rows) == 1
    assert all(r.basis.kind in KINDS and r.category in ("lower", "typical", "higher") for r in rows)


def test_each_row_is_the_same_estimate_as_the_estimate_page_with_that_model():
    rows = ranking(task="chat", region="PL", count=10, output_tokens=800)
    for r in rows:
        alone = estimate(task="chat", model=r.model.model_id, region="PL", count=10, output_tokens=800)
        assert r.estimate.co2e_g.central == alone.co2e_g.central


def test_the_persons_own_model_is_highlighted_and_a_custom_model_joins_the_list():
    rows = ranking(task="chat", model="llama-3.1-70b")
    assert [r.model.model_id for r in rows if r.is_current] == ["llama-3.1-70b"]
    rows = ranking(task="chat", model="custom", custom_total_params_b=70)
    assert [r.model.model_id for r in rows if r.is_current] == ["custom"]
    assert len(rows) == len(_catalogued("chat")) + 1


def test_a_cleaner_grid_lowers_every_row_and_keeps_the_order():
    dirty, clean = ranking(task="image", region="PL"), ranking(task="image", region="FR")
    assert [r.model.model_id for r in dirty] == [r.model.model_id for r in clean]
    assert all(c.estimate.co2e_g.central < d.estimate.co2e_g.central for c, d in zip(clean, dirty))


def test_the_ranking_records_are_json_and_csv_with_language_neutral_keys():
    rows = ranking(task="video", region="SE")
    records = ranking_records(rows)
    json.dumps(records)
    parsed = list(csv.DictReader(io.StringIO(__import__("estimator.present", fromlist=["csv_text"]).csv_text(records))))
    assert [int(r["rank"]) for r in parsed] == [r.rank for r in rows]
    assert {r["figure_basis"] for r in parsed} <= set(KINDS)
    assert all(float(r["co2e_g_low"]) <= float(r["co2e_g_central"]) <= float(r["co2e_g_high"]) for r in parsed)


def test_the_cli_ranks_a_task_as_table_json_and_csv(capsys):
    from estimator.cli import main
    assert main(["rank", "--task", "chat", "--region", "FR"]) == 0
    out = capsys.readouterr().out
    assert "fewest grams first" in out and "llama-3.1-8b" in out
    assert main(["rank", "--task", "image", "--format", "json"]) == 0
    assert {r["model_id"] for r in json.loads(capsys.readouterr().out)} == _catalogued("image")
    assert main(["rank", "--task", "chat", "--region", "XX", "--format", "csv"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize("scenario", [
    Scenario(task="chat", region="FR", count=20, output_tokens=900),
    Scenario(task="image", model="sdxl", region="DE", width=768, height=768),
    Scenario(task="video", model="custom", custom_total_params_b=5, seconds=3),
])
def test_a_ranking_link_round_trips(scenario):
    params = to_params(scenario, DATA)
    again = parse_params(params, DATA)
    assert again.notices == ()
    ours = [(r.model.model_id, r.estimate.co2e_g.central, r.is_current) for r in ranking(scenario, DATA)]
    theirs = [(r.model.model_id, r.estimate.co2e_g.central, r.is_current) for r in ranking(again.scenario, DATA)]
    assert ours == theirs


def _open_ranking(params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page("pages/ranking.py")
    return at.run()


@pytest.mark.parametrize("task", TASKS)
def test_the_ranking_page_renders_every_task_without_an_exception(task):
    at = _open_ranking({"task": task, "region": "FR"})
    assert not at.exception
    assert at.title[0].value == "Ranking"
    table = at.dataframe[0].value
    assert len(table) == len(_catalogued(task))
    assert list(table["#"]) == list(range(1, len(table) + 1))
    assert sum("▶" in name for name in table["Model"]) == 1
    assert at.query_params["task"] == task and at.query_params["region"] == "FR"


def test_the_ranking_page_keeps_the_estimate_pages_parameters_and_highlights_the_model():
    at = _open_ranking({"task": "image", "model": "sdxl", "region": "DE", "w": "768", "h": "768", "n": "5"})
    assert not at.exception
    table = at.dataframe[0].value
    mine = [name for name in table["Model"] if "▶" in name]
    assert mine and DATA.models["sdxl"].name in mine[0]
    assert (at.query_params["model"], at.query_params["w"], at.query_params["n"]) == ("sdxl", "768", "5")


def test_a_bad_link_parameter_on_the_ranking_page_is_a_notice():
    at = _open_ranking({"task": "chat", "region": "nowhere"})
    assert not at.exception
    assert any("nowhere" in w.value for w in at.warning)


def test_the_estimate_page_links_to_the_ranking_with_its_own_parameters():
    from app_helpers import open_page
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "FR"})
    assert not at.exception
    links = [el for el in at.get("page_link") if "ranking" in str(el.proto.page)]
    assert links, "no link to the ranking page"
    assert "model=sdxl" in links[0].proto.query_string and "region=FR" in links[0].proto.query_string


def test_a_model_that_cannot_run_the_workload_is_left_out_and_said():
    from estimator.ranking import ranking_with_left_out
    fast = max((m for m in DATA.models.values() if m.task == "video"), key=lambda m: m.ref_fps)
    slow = min((m for m in DATA.models.values() if m.task == "video"), key=lambda m: m.ref_fps)
    if fast.ref_fps == slow.ref_fps:
        pytest.skip("every video model plays at one frame rate")
    rows, left_out = ranking_with_left_out(task="video", model=fast.model_id, seconds=1 / fast.ref_fps)
    assert slow.name in [name for name, _ in left_out]
    assert slow.model_id not in [r.model.model_id for r in rows] and any(r.is_current for r in rows)
