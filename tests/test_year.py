"""My AI year: a person's rates (or an export) summed over a year from one estimate() per task line.

Expected values are computed here from the library's single-request ``estimate()`` and by hand from the
hand-made export, never copied from the year code.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from estimator.cli import main
from estimator.data import load_data
from estimator.estimate import estimate
from estimator.label import label
from estimator.usage import read_export
from estimator.usage.year import (UsageLine, UsageProfile, preset_profile, profile_from_export, profile_from_json,
                                  usage_presets, year)
from tests.conftest import ROOT
from tests.test_exports import SENTINEL, T_2024_01, T_2024_03, _sentinel_export, as_json, as_zip, chatgpt, message, tree

MIXED = UsageProfile((
    UsageLine("chat", 20, "day", "ChatGPT"),
    UsageLine("long", 2, "week", "Claude"),
    UsageLine("summary", 4, "month", "Gemini"),
    UsageLine("image", 3, "week", "Midjourney"),
    UsageLine("video", 30, "month", "Sora"),
))


def test_a_year_of_20_questions_a_day_is_20_times_365_times_one_question():
    one_g = estimate(task="chat", model="ChatGPT").co2e_g.central
    r = year(UsageProfile((UsageLine("chat", 20, "day", "ChatGPT"),)))
    assert r.year_g.central == pytest.approx(20 * 365 * one_g, rel=1e-9)
    assert r.week_g.central == pytest.approx(20 * 7 * one_g, rel=1e-9)
    assert r.month_g.central == pytest.approx(20 * 365 / 12 * one_g, rel=1e-9)
    assert r.year_g.low < r.year_g.central < r.year_g.high


def test_the_same_rate_per_week_or_per_month_is_the_same_year_as_its_daily_equivalent():
    per_day = year(UsageProfile((UsageLine("image", 1, "day"),))).year_g.central
    per_week = year(UsageProfile((UsageLine("image", 7, "week"),))).year_g.central
    assert per_week == pytest.approx(per_day, rel=1e-9)
    one_image_g = estimate(task="image").co2e_g.central
    assert year(UsageProfile((UsageLine("image", 10, "month"),))).year_g.central == pytest.approx(120 * one_image_g)


def test_video_seconds_become_clips_of_the_default_clip_length():
    data = load_data()
    clip_s = next(p.seconds for p in data.presets.values() if p.task_id == "video" and p.is_default)
    one_clip_g = estimate(task="video", model="Sora").co2e_g.central
    r = year(UsageProfile((UsageLine("video", 60, "month", "Sora"),)))
    assert r.year_g.central == pytest.approx(60 * 12 / clip_s * one_clip_g, rel=1e-9)


def test_doubling_every_rate_doubles_the_grams():
    once = year(MIXED)
    twice = year(UsageProfile(tuple(UsageLine(ln.kind, ln.rate * 2, ln.period, ln.model) for ln in MIXED.lines)))
    for a, b in ((once.year_g, twice.year_g), (once.week_g, twice.week_g)):
        assert b.central == pytest.approx(2 * a.central, rel=1e-9)
        assert b.low == pytest.approx(2 * a.low, rel=1e-9)
        assert b.high == pytest.approx(2 * a.high, rel=1e-9)


def test_the_year_is_the_sum_of_its_lines_and_the_shares_add_to_one():
    r = year(MIXED)
    assert r.year_g.central == pytest.approx(sum(ly.co2e_g.central for ly in r.lines), rel=1e-9)
    assert sum(share for _, share in r.shares) == pytest.approx(1.0)
    # independent lines add in quadrature: the year's range is narrower, relatively, than the lines' ends summed
    assert r.year_g.high <= sum(ly.co2e_g.high for ly in r.lines)
    assert r.year_g.low >= sum(ly.co2e_g.low for ly in r.lines)


def test_the_grid_is_one_row_for_every_line_so_its_spread_moves_together_in_the_year():
    r = year(UsageProfile((UsageLine("chat", 20, "day", "ChatGPT"), UsageLine("image", 3, "week")), region="FR"))

    def grid_spread(rng):
        (part,) = [p for p in rng.parts if p[0] == "grid carbon intensity|FR"]
        return part[1:]

    # the same row in both lines: its relative spread in the year equals each line's (not shrunk in quadrature)
    for ly in r.lines:
        assert grid_spread(r.year_g) == pytest.approx(grid_spread(ly.co2e_g), rel=1e-9)


def test_the_years_energy_is_the_lines_energy_and_its_equivalents_follow_the_grams():
    one = estimate(task="chat", model="ChatGPT")
    r = year(UsageProfile((UsageLine("chat", 20, "day", "ChatGPT"),)))
    assert r.energy_wh.central == pytest.approx(20 * 365 * one.energy_wh.central, rel=1e-9)
    from estimator.equivalents import all_equivalents
    data = load_data()
    by_id = {v.equivalent.equivalent_id: v.amount.central for v in all_equivalents(r.year_g, r.energy_wh, data)}
    shown = r.equivalents(data)
    assert shown and all(v.amount.central == pytest.approx(by_id[v.equivalent.equivalent_id]) for v in shown)


def test_the_dominant_task_is_the_one_with_the_largest_share():
    r = year(MIXED)
    grams = {}
    for ly in r.lines:
        grams[ly.line.kind] = grams.get(ly.line.kind, 0.0) + ly.co2e_g.central
    assert r.dominant == max(grams, key=grams.get)
    heavy = year(preset_profile("heavy-image-maker"))
    assert heavy.dominant == "image"


def test_the_best_single_change_saves_at_least_as_much_as_any_other_option():
    r = year(MIXED)
    best = r.best_change
    assert best is not None and best.saved_g > 0
    data = load_data()
    for ly in r.lines:
        for o in label(ly.estimate, data).alternatives:
            if o.alternative_id not in NOT_THE_PERSONS:
                assert o.saved_g * ly.scale <= best.saved_g * (1 + 1e-12)
    assert best.saved_share == pytest.approx(best.saved_g / r.year_g.central)
    least, most = best.saved_share_range
    assert least <= best.saved_share <= most
    words = best.words()
    assert f"{round(dict(r.shares)[best.kind] * 100)} % of your year" in words and "would save" in words


# The grid region, the datacenter's hour and its GPUs' power cap are the provider's, not a product user's choice
NOT_THE_PERSONS = {"cleaner_region", "cleaner_hour", "power_capped"}
MODEL_CHANGES = {"smaller_model", "efficient_model", "task_specific"}


def test_where_a_cleaner_region_would_save_most_the_best_change_is_still_one_the_person_can_make():
    data = load_data()
    r = year(UsageProfile((UsageLine("chat", 20, "day", "Meta AI"),), region="ZA"))
    options = label(r.lines[0].estimate, data).alternatives
    assert options[0].alternative_id == "cleaner_region"  # the premise: moving the datacenter would save most
    own = [o for o in options if o.alternative_id not in NOT_THE_PERSONS]
    best = r.best_change
    assert best.option.alternative_id in MODEL_CHANGES
    assert best.saved_g == pytest.approx(max(o.saved_g for o in own) * r.lines[0].scale, rel=1e-12)
    assert "region" not in best.words() and "grid" not in best.words()


def test_every_greener_option_is_sorted_into_the_persons_or_the_providers_choice():
    from estimator.usage.year import OPEN_MODEL_CHOICES, PERSON_CHOICES, PROVIDER_CHOICES
    from tests.conftest import read_rows
    ids = {row["alternative_id"] for row in read_rows("alternatives.csv")}
    groups = (PERSON_CHOICES, OPEN_MODEL_CHOICES, PROVIDER_CHOICES)
    assert all(sum(i in g for g in groups) == 1 for i in ids), ids
    assert PROVIDER_CHOICES == NOT_THE_PERSONS


def test_denoising_steps_are_a_change_only_for_an_open_model_the_person_runs():
    data = load_data()
    for model, allowed in (("Midjourney", False), ("a small open model", True)):
        ly = year(UsageProfile((UsageLine("image", 30, "day", model),))).lines[0]
        steps = [o for o in label(ly.estimate, data).alternatives if o.alternative_id == "fewer_steps"]
        from estimator.usage.year import persons_choice
        assert steps and persons_choice(steps[0], ly.estimate.model.open_weights) is allowed


def test_a_rate_of_zero_leaves_its_line_out_and_all_zero_is_one_clear_line():
    with_zero = year(UsageProfile((UsageLine("chat", 20, "day"), UsageLine("image", 0, "day"))))
    alone = year(UsageProfile((UsageLine("chat", 20, "day"),)))
    assert with_zero.year_g.central == alone.year_g.central
    with pytest.raises(Exception, match="every rate"):
        year(UsageProfile((UsageLine("image", 0, "day"),)))


def test_less_than_one_use_a_year_is_scaled_not_refused():
    one_g = estimate(task="image").co2e_g.central
    r = year(UsageProfile((UsageLine("image", 0.05, "month"),)))
    assert r.year_g.central == pytest.approx(0.6 * one_g, rel=1e-9)


def test_at_the_lifecycle_boundary_each_part_is_summed_on_its_own_and_they_add_to_the_year():
    lines = (UsageLine("chat", 20, "day", "ChatGPT"), UsageLine("image", 3, "week"))
    r = year(UsageProfile(lines, boundary="lifecycle"))
    assert set(r.parts) == {"operation", "embodied_hardware", "amortized_training"}
    for k, part in r.parts.items():
        assert part.central == pytest.approx(sum(ly.parts[k].central for ly in r.lines), rel=1e-9)
    assert r.year_g.central == pytest.approx(sum(p.central for p in r.parts.values()), rel=1e-9)
    operation_only = year(UsageProfile(lines, boundary="datacenter"))
    assert r.parts["operation"].central == pytest.approx(operation_only.year_g.central, rel=1e-9)
    assert not operation_only.parts


def test_the_presets_load_each_row_says_it_is_an_illustration_and_each_gives_a_year():
    with (ROOT / "data" / "usage_presets.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert all("illustration" in r["note"].lower() for r in rows)
    presets = usage_presets()
    assert set(presets) == {"light-user", "daily-user", "heavy-image-maker", "student-exam-week"}
    assert [ln.rate for ln in presets["daily-user"].lines] == [float(r["rate"]) for r in rows
                                                                if r["preset_id"] == "daily-user"]
    for pid in presets:
        assert year(preset_profile(pid)).year_g.central > 0
    # a heavier user adds up to more than a light one
    assert year(preset_profile("daily-user")).year_g.central > year(preset_profile("light-user")).year_g.central


def test_a_product_name_resolves_through_the_catalogue_aliases():
    r = year(UsageProfile((UsageLine("chat", 1, "day", "ChatGPT"), UsageLine("image", 1, "day", "Midjourney"))))
    data = load_data()
    from estimator.scenario import find_model
    assert [ly.estimate.model.model_id for ly in r.lines] == [
        find_model("ChatGPT", data).model_id, find_model("Midjourney", data).model_id]


# ------------------------------------------------------------------------------------------------
# From an export


def two_month_export(model="gpt-4o"):
    """Two conversations, January and March 2024: each a 40-character question and an 80-character reply."""
    q, a = "abcd" * 10, "wxyz" * 20
    return [chatgpt(f"c-{i}", tree(
        ("root", None, None),
        ("u", "root", message("user", q, t)),
        ("a", "u", message("assistant", a, t + 5, model)),
    ), t=t) for i, t in enumerate((T_2024_01, T_2024_03))]


def test_an_export_becomes_chat_lines_with_its_own_mean_tokens_and_a_year_by_month():
    summary = read_export(as_json(two_month_export()))
    profile = profile_from_export(summary)
    (line,) = profile.lines
    # by hand: 2 replies over January → March = 3 months; 40 chars of history = 10 tokens in, 80 chars = 20 out
    assert (line.kind, line.model, line.period) == ("chat", "gpt-4o", "month")
    assert line.rate == pytest.approx(2 / 3)
    assert (line.input_tokens, line.output_tokens) == (10, 20)
    r = year(profile)
    one_g = estimate(task="chat", model="gpt-4o", input_tokens=10, output_tokens=20).co2e_g.central
    assert r.year_g.central == pytest.approx(2 / 3 * 12 * one_g, rel=1e-9)
    assert [m for m, _ in r.by_month] == ["2024-01", "2024-03"]
    assert all(g.central == pytest.approx(one_g, rel=1e-9) for _, g in r.by_month)


def test_generated_images_in_an_export_become_an_image_line():
    from tests.test_exports import cat_picture
    profile = profile_from_export(read_export(as_json([cat_picture()])))
    # by hand: the reference skeleton holds 2 replies (one regenerated) and 1 generated image, all in 2024-01
    by_kind = {ln.kind: ln for ln in profile.lines}
    assert by_kind["chat"].rate == 2 and by_kind["image"].rate == 1 and by_kind["image"].period == "month"
    r = year(profile)
    one_image_g = estimate(task="image").co2e_g.central  # the generator is not a catalogued model: typical
    image_line = next(ly for ly in r.lines if ly.line.kind == "image")
    assert image_line.co2e_g.central == pytest.approx(12 * one_image_g, rel=1e-9)


def test_an_unknown_model_in_an_export_is_read_as_the_tasks_typical_model():
    profile = profile_from_export(read_export(as_json(two_month_export("text-davinci-002-render-sha"))))
    assert profile.lines[0].model is None
    r = year(profile)
    assert r.lines[0].estimate.model.model_id == load_data().tasks["chat"].typical_model_id
    assert any("not in the catalogue" in n for n in profile.notes)


# ------------------------------------------------------------------------------------------------
# The CLI


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


USAGE = {"region": "FR", "lines": [{"task": "chat", "rate": 20, "per": "day", "model": "ChatGPT"},
                                   {"task": "image", "rate": 3, "per": "week", "model": "Midjourney"}]}


def test_the_cli_and_the_library_agree_for_a_usage_file(tmp_path, capsys):
    path = tmp_path / "usage.json"
    path.write_text(json.dumps(USAGE), encoding="utf-8")
    code, out, err = run(capsys, "year", "--usage", str(path), "--format", "json")
    assert code == 0, err
    lib = year(profile_from_json(USAGE))
    record = json.loads(out)
    assert record["year_g"] == pytest.approx(lib.year_g.as_dict(), rel=1e-12)
    assert record["week_g"] == pytest.approx(lib.week_g.as_dict(), rel=1e-12)
    assert record["region"] == "FR" and record["dominant"] == lib.dominant
    code, out, _ = run(capsys, "year", "--usage", str(path), "--format", "csv", "--boundary", "lifecycle")
    rows = {(r["scope"], r["name"]): r for r in csv.DictReader(io.StringIO(out))}
    lib = year(profile_from_json({**USAGE, "boundary": "lifecycle"}))
    assert float(rows[("total", "year")]["co2e_g_central"]) == pytest.approx(lib.year_g.central, rel=1e-12)
    assert ("part", "amortized_training") in rows
    code, out, _ = run(capsys, "year", "--usage", str(path))
    assert code == 0 and "Year:" in out and "would save" in out


def test_the_cli_and_the_library_agree_for_an_export_and_a_zip(tmp_path, capsys):
    raw = as_json(two_month_export())
    lib = year(profile_from_export(read_export(raw)))
    for name, content in (("conversations.json", raw), ("export.zip", as_zip({"conversations.json": raw}))):
        path = tmp_path / name
        path.write_bytes(content)
        code, out, err = run(capsys, "year", "--export", str(path), "--format", "json")
        assert code == 0, err
        record = json.loads(out)
        assert record["year_g"] == pytest.approx(lib.year_g.as_dict(), rel=1e-12)
        assert [m["month"] for m in record["by_month"]] == ["2024-01", "2024-03"]


BAD_USAGE = [
    ("not an object", [1, 2], "JSON object"),
    ("rate as text", {"lines": [{"task": "chat", "rate": "many"}]}, "rate must be a number"),
    ("rate as true", {"lines": [{"task": "chat", "rate": True}]}, "rate must be a number"),
    ("negative rate", {"lines": [{"task": "chat", "rate": -3}]}, "at least 0"),
    ("unknown period", {"lines": [{"task": "chat", "rate": 3, "per": "fortnight"}]}, "unknown period"),
    ("unknown model", {"lines": [{"task": "chat", "rate": 3, "model": "no-such-bot-9000"}]}, "unknown model"),
    ("image model for chat", {"lines": [{"task": "chat", "rate": 3, "model": "Midjourney"}]}, "not a model for this task"),
    ("unknown task", {"lines": [{"task": "poetry", "rate": 3}]}, "unknown task"),
    ("lines not a list", {"lines": {"task": "chat"}}, "non-empty list"),
    ("no lines", {"lines": []}, "non-empty list"),
    ("unknown key", {"lines": [{"task": "chat", "rate": 3, "sauce": 1}]}, "unknown key"),
    ("missing rate", {"lines": [{"task": "chat"}]}, "needs"),
    ("region as a number", {"region": 7, "lines": [{"task": "chat", "rate": 3}]}, "region must be text"),
    ("unknown preset", {"preset": "night owl"}, "unknown usage preset"),
    ("infinite rate", {"lines": [{"task": "chat", "rate": 1e400}]}, "finite"),
    ("tokens as text", {"lines": [{"task": "chat", "rate": 3, "output_tokens": "lots"}]}, "output_tokens must be"),
]


@pytest.mark.parametrize("name,usage,expected", BAD_USAGE, ids=[b[0] for b in BAD_USAGE])
def test_a_bad_usage_file_gives_one_clear_line_and_exit_2(name, usage, expected, tmp_path, capsys):
    path = tmp_path / "usage.json"
    path.write_text(json.dumps(usage), encoding="utf-8")
    code, out, err = run(capsys, "year", "--usage", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error:") and "Traceback" not in err
    assert expected in err


@pytest.mark.parametrize("content", [b"{not json", b"", b"\xff\xfe\x00", b"[" * 100_000],
                         ids=["broken", "empty", "not utf-8", "deep"])
def test_a_usage_file_that_is_not_json_gives_one_line(content, tmp_path, capsys):
    path = tmp_path / "usage.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "year", "--usage", str(path))
    assert code == 2 and err.count("\n") == 1 and err.startswith("error:")


def test_the_cli_wants_exactly_one_source_and_a_readable_file(tmp_path, capsys):
    assert run(capsys, "year")[0] == 2
    assert run(capsys, "year", "--usage", "a.json", "--export", "b.zip")[0] == 2
    code, _, err = run(capsys, "year", "--usage", str(tmp_path / "missing.json"))
    assert code == 2 and err.count("\n") == 1
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run(capsys, "year", "--export", str(bad))
    assert code == 2 and err.count("\n") == 1


def test_the_sentinel_phrase_from_an_export_never_appears_in_the_cli_output(tmp_path, capsys):
    path = tmp_path / "conversations.json"
    path.write_bytes(as_json(_sentinel_export() + two_month_export()))
    for fmt in ("table", "json", "csv"):
        code, out, err = run(capsys, "year", "--export", str(path), "--format", fmt)
        assert code == 0, err
        assert SENTINEL not in out and SENTINEL not in err
        assert SENTINEL.split()[1] not in out.lower()  # not even one word of it


@pytest.mark.parametrize("change,expected", [
    (lambda t: t.replace("light-user,Light user,chat,", "light-user,Light user,poetry,", 1), ["row 2", "kind", "poetry"]),
    (lambda t: t.replace(",5,week,", ",-5,week,", 1), ["row 2", "rate"]),
    (lambda t: t.replace(",5,week,", ",5,fortnight,", 1), ["row 2", "period"]),
    (lambda t: t.replace("METHODOLOGY.md", "somewhere", 1), ["row 2", "source_url"]),
    (lambda t: t.replace("preset_id,", "id,", 1), ["missing column", "preset_id"]),
], ids=["kind", "negative rate", "period", "no source", "column"])
def test_a_broken_presets_table_names_its_file_row_and_column(change, expected, tmp_path):
    from estimator.errors import DataError
    from tests.data_folder import data_with
    text = (ROOT / "data" / "usage_presets.csv").read_text(encoding="utf-8")
    with pytest.raises(DataError) as info:
        usage_presets(data_with(tmp_path, "usage_presets.csv", change(text)))
    assert all(word in str(info.value) for word in ["usage_presets.csv", *expected])


def test_the_periods_and_kinds_of_a_year_are_those_the_data_tables_are_checked_against():
    from estimator.data import USAGE_KINDS, USAGE_PERIODS
    from estimator.usage.year import KINDS, PERIODS_PER_YEAR
    assert tuple(PERIODS_PER_YEAR) == USAGE_PERIODS
    assert {k: v[0] for k, v in KINDS.items()} == USAGE_KINDS


def test_two_unknown_model_slugs_become_one_typical_line_with_summed_replies_and_weighted_tokens():
    q = "abcd" * 10  # 40 characters: 10 tokens of history for each reply
    conversations = [
        chatgpt("c-a", tree(("root", None, None), ("u", "root", message("user", q, T_2024_01)),
                            ("a", "u", message("assistant", "wxyz" * 20, T_2024_01 + 5, "mystery-a"))), t=T_2024_01),
    ] + [
        chatgpt(f"c-b{i}", tree(("root", None, None), ("u", "root", message("user", q, T_2024_03)),
                                ("a", "u", message("assistant", "wxyz" * 40, T_2024_03 + 5, "mystery-b"))), t=T_2024_03)
        for i in range(2)
    ]
    profile = profile_from_export(read_export(as_json(conversations)))
    (line,) = profile.lines  # one line, not two lines of the same typical model
    # by hand: 3 replies over January → March (3 months); input 10 tokens each; output (20 + 40 + 40) / 3
    assert (line.kind, line.model, line.period) == ("chat", None, "month")
    assert line.rate == pytest.approx(3 / 3)
    assert (line.input_tokens, line.output_tokens) == (10, round(100 / 3))
    assert "'mystery-a'" in line.note and "'mystery-b'" in line.note
    assert profile.months == (("2024-01", (1.0,)), ("2024-03", (2.0,)))
    r = year(profile)
    one_g = estimate(task="chat", input_tokens=10, output_tokens=33).co2e_g.central
    assert r.year_g.central == pytest.approx(12 * one_g, rel=1e-9)
    assert [(m, g.central) for m, g in r.by_month] == [("2024-01", pytest.approx(one_g, rel=1e-9)),
                                                       ("2024-03", pytest.approx(2 * one_g, rel=1e-9))]


# ------------------------------------------------------------------------------------------------
# Records and rows (JSON and CSV downloads of the page and the CLI)


def _methodology_version_in_the_document() -> str:
    import re
    text = (ROOT / "METHODOLOGY.md").read_text(encoding="utf-8")
    return re.search(r"^Version:\s*(\S+)\s*$", text, re.M).group(1)


def test_a_year_record_is_stamped_with_the_methodology_version_and_the_link_when_given():
    from estimator.usage.year import year_record
    r = year(MIXED)
    plain = year_record(r)
    assert plain["methodology_version"] == _methodology_version_in_the_document()
    assert plain["data_hash"] == load_data().data_hash and "url" not in plain
    url = "https://example.org/year?chat=20"
    assert year_record(r, url)["url"] == url


def test_year_rows_are_flat_language_neutral_and_hold_totals_lines_best_change_and_months(tmp_path, capsys):
    import re
    from estimator.present import csv_text
    from estimator.usage.year import year_rows
    profile = profile_from_export(read_export(as_json(two_month_export())))
    r = year(profile)
    rows = year_rows(r)
    assert all(re.fullmatch(r"[a-z0-9_]+", k) for row in rows for k in row)
    assert all(not isinstance(v, (dict, list)) for row in rows for v in row.values())
    by = {(row["scope"], row["name"]): row for row in rows}
    assert by[("total", "year")]["co2e_g_central"] == r.year_g.central
    assert by[("total", "week")]["co2e_g_low"] == r.week_g.low
    assert by[("line", "chat")]["model"] == "gpt-4o" and by[("line", "chat")]["share"] == pytest.approx(1.0)
    assert [name for scope, name in by if scope == "month"] == ["2024-01", "2024-03"]
    best = [row for row in rows if row["scope"] == "best_change"]
    assert len(best) == 1 and best[0]["name"] == r.best_change.option.alternative_id
    assert best[0]["co2e_g_central"] == pytest.approx(r.best_change.saved_g, rel=1e-9)
    assert best[0]["co2e_g_low"] <= best[0]["co2e_g_central"] <= best[0]["co2e_g_high"]
    assert {row["methodology_version"] for row in rows} == {_methodology_version_in_the_document()}
    path = tmp_path / "conversations.json"
    path.write_bytes(as_json(two_month_export()))
    code, out, _ = run(capsys, "year", "--export", str(path), "--format", "csv")
    assert code == 0 and out == csv_text(rows) + "\n"  # the CLI and the page's download share one function


# ------------------------------------------------------------------------------------------------
# An export's token range carried to the grams


def _year_of_export_with_ratios(monkeypatch, tmp_path, latin_row: str | None):
    from dataclasses import replace
    from estimator.usage import exports
    if latin_row is not None:
        from tests.data_folder import data_with
        text = (ROOT / "data" / "token_ratios.csv").read_text(encoding="utf-8")
        assert "latin,3.0,4.0,5.0" in text
        ratios = load_data(data_with(tmp_path, "token_ratios.csv", text.replace("latin,3.0,4.0,5.0", latin_row, 1))
                           ).token_ratios
        monkeypatch.setattr(exports, "token_ratios", lambda: ratios)
    profile = profile_from_export(read_export(as_json(two_month_export())))
    return year(profile), year(replace(profile, lines=tuple(replace(ln, input_tokens_range=None,
                                                                        output_tokens_range=None)
                                                             for ln in profile.lines)))


def test_an_exports_token_range_widens_the_years_range_and_never_moves_its_central(monkeypatch, tmp_path):
    with_tokens, central_tokens_only = _year_of_export_with_ratios(monkeypatch, tmp_path, None)
    assert with_tokens.year_g.central == pytest.approx(central_tokens_only.year_g.central, rel=1e-12)
    assert with_tokens.year_g.low < central_tokens_only.year_g.low
    assert with_tokens.year_g.high > central_tokens_only.year_g.high
    assert "tokens estimated from text length" in [n for n, _, _ in with_tokens.year_g.parts]
    # the months are the year's lines month by month: the same spread reaches them
    assert with_tokens.by_month[0][1].high / with_tokens.by_month[0][1].central == pytest.approx(
        with_tokens.lines[0].co2e_g.high / with_tokens.lines[0].co2e_g.central, rel=1e-9)


def test_a_wider_characters_per_token_range_widens_the_year_and_keeps_the_central(monkeypatch, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    narrow, _ = _year_of_export_with_ratios(monkeypatch, tmp_path / "a", "latin,3.0,4.0,5.0")
    wide, _ = _year_of_export_with_ratios(monkeypatch, tmp_path / "b", "latin,2.0,4.0,8.0")
    assert wide.year_g.central == pytest.approx(narrow.year_g.central, rel=1e-12)
    assert wide.year_g.low < narrow.year_g.low and wide.year_g.high > narrow.year_g.high


def test_a_usage_file_line_has_no_token_spread_of_its_own():
    r = year(UsageProfile((UsageLine("chat", 20, "day", "ChatGPT"),)))
    assert r.lines[0].token_factor is None
    assert "tokens estimated from text length" not in [n for n, _, _ in r.year_g.parts]


def test_replies_the_export_records_no_model_for_are_said_so_not_named_unknown(data):
    """Two replies without a model slug (and a conversation without a default) and one by a model the catalogue
    does not know: the notes say which is which, and never quote the placeholder 'unknown' as a model name."""
    convs = [
        chatgpt("c-none", tree(("root", None, None),
                               ("u", "root", message("user", "Hi", T_2024_01 + 1)),
                               ("a", "u", message("assistant", "Hello", T_2024_01 + 2)),
                               ("a2", "u", message("assistant", "Hello again", T_2024_01 + 3))),
                default_model=None),
        chatgpt("c-odd", tree(("root", None, None),
                              ("u", "root", message("user", "Hi", T_2024_01 + 4)),
                              ("a", "u", message("assistant", "Hello", T_2024_01 + 5, "zz-model-9")))),
    ]
    profile = profile_from_export(read_export(as_json(convs)), data=data)
    notes = " | ".join(profile.notes)
    assert "does not record" in notes or "no model recorded" in notes
    assert "'zz-model-9'" in notes
    assert "'unknown'" not in notes


def test_doubling_every_conversation_of_an_export_doubles_the_years_grams_and_every_month(data):
    """Each copy is a conversation of its own (a new id), on the same dates: twice the replies in each month."""
    import copy

    from tests.test_exports import mixed_chatgpt_export

    once = mixed_chatgpt_export()
    twice = once + [dict(copy.deepcopy(c), id=c["id"] + "-copy", conversation_id=c["id"] + "-copy") for c in once]
    a = year(profile_from_export(read_export(as_json(once)), "FR", data=data), data)
    b = year(profile_from_export(read_export(as_json(twice)), "FR", data=data), data)
    assert b.year_g.central == pytest.approx(2 * a.year_g.central, rel=1e-9)
    assert [m for m, _ in b.by_month] == [m for m, _ in a.by_month]
    for (_, ga), (_, gb) in zip(a.by_month, b.by_month):
        assert gb.central == pytest.approx(2 * ga.central, rel=1e-9)
