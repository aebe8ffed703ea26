"""The words of estimator/usage and estimator/simulate in the reader's language (issue 12): with ``t`` they follow
the Translator, without it (and with English) they are the English words the CLI, JSON and CSV keep."""

from __future__ import annotations

import pytest

from estimator.data import load_data
from estimator.errors import EstimatorError
from estimator.i18n import Translator
from estimator.simulate import (Policy, SimError, SimRequest, default_pair, error_words, grid_words, notes_words, parse_sim_params,
                                pct, seed_comparison, simulate, simulation_record)
from estimator.usage import read_export
from estimator.usage.exports import ExportError
from estimator.usage.links import parse_usage_params
from estimator.usage.year import (export_notes, kind_words, pct_words, preset_profile, profile_from_export, year,
                                  year_record)
from tests.test_exports import T_2024_01, as_json, chatgpt, message, tree

FR, ZH, EN = Translator("fr"), Translator("zh-Hans"), Translator("en")


@pytest.fixture(scope="module")
def data():
    return load_data()


def export(n: int = 3, model: str = "gpt-4o") -> bytes:
    return as_json([chatgpt(f"c{i}", tree(("root", None, None),
                                          ("u", "root", message("user", "Q?", T_2024_01 + 10 * i + 1)),
                                          ("a", "u", message("assistant", "A.", T_2024_01 + 10 * i + 5, model))))
                    for i in range(n)])


def test_shares_are_written_the_readers_way_and_english_stays_as_it_was():
    assert pct_words(0.634) == pct_words(0.634, EN) == "63 %"
    assert pct_words(0.634, FR) == FR.percent(63.4)
    assert pct(0.5) == pct(0.5, EN) == "50 %"
    assert pct(-0.2, FR).startswith("\u2212")  # a true minus, not a hyphen


def test_what_was_read_counts_in_the_readers_numbers_and_plurals():
    summary = read_export(export(1204))
    english = summary.what_was_read()
    assert english.startswith("1,204 conversations, 1,204 messages, 1,204 replies, 2024-01 → 2024-01")
    assert summary.what_was_read(EN) == english
    french = summary.what_was_read(FR)
    assert french.startswith("1\u202f204 conversations, 1\u202f204 messages, 1\u202f204 réponses, janv. 2024 → janv. 2024")
    assert "1 个对话" in read_export(export(1)).what_was_read(ZH)
    assert "1 conversation," in read_export(export(1)).what_was_read(FR)  # the French singular


def test_an_exports_notes_follow_the_reader_and_the_profile_keeps_english(data):
    summary = read_export(export(2, model="some-unknown-model"))
    profile = profile_from_export(summary, data=data)
    assert profile.notes[0].startswith("read from the export: 2 conversations")
    assert any("is not in the catalogue" in n for n in profile.notes)
    french = export_notes(summary, data, FR)
    assert french[0].startswith("lu dans l’export") or french[0].startswith("lu dans l'export")
    assert any("n'est pas dans le catalogue" in n or "n’est pas dans le catalogue" in n for n in french)
    assert export_notes(summary, data, EN) == profile.notes


def test_the_best_change_in_words_and_the_record_in_english(data):
    result = year(preset_profile("daily-user"), data)
    best = result.best_change
    assert best is not None
    assert best.words(EN) == best.words() and "would save" in best.words()
    french = best.words(FR)
    assert "économiserait" in french and "would save" not in french and kind_words("chat", FR) in french
    assert year_record(result)["best_change"]["words"] == best.words()


def test_export_errors_say_themselves_in_the_readers_language_and_stay_english_for_the_cli():
    with pytest.raises(ExportError) as info:
        read_export(b"")
    assert str(info.value).startswith("the file is empty (upload conversations.json")
    assert info.value.words(FR).startswith("le fichier est vide")
    assert info.value.words(EN) == str(info.value)


def test_link_notices_in_the_readers_language(data):
    raw = {"chat": ["2,5/day"], "boundary": ["gpu"], "colour": ["red"]}
    english = parse_usage_params(raw, data).notices
    assert parse_usage_params(raw, data, t=EN).notices == english
    assert english[0].startswith("Ignored unknown link parameter")
    french = parse_usage_params(raw, data, t=FR).notices
    assert len(french) == len(english) == 3 and all("ignoré" in n.lower() for n in french)


def test_the_switching_words_follow_the_reader_and_the_record_stays_english(data):
    large, small = default_pair("chat", data)
    sim = simulate(SimRequest(large=large, small=small, hours=168, policy=Policy("percentile", 60, 30)), data)
    assert Policy("percentile", 60, 30).words(FR).startswith("petit modèle quand le réseau dépasse le 60e centile")
    assert Policy("threshold", 250).words(EN) == Policy("threshold", 250).words()
    assert "journée type" in grid_words(sim, data, FR) and grid_words(sim, data) == sim.grid_words
    assert notes_words(sim, FR) and all("typical" not in n for n in notes_words(sim, FR))
    english, french = seed_comparison(sim), seed_comparison(sim, FR, data)
    assert len(french["reasons"]) == len(english["reasons"])
    assert french["claim"] != english["claim"] and "80" in french["claim"]
    assert simulation_record(sim)["seed"]["reasons"] == english["reasons"]  # the JSON keeps English


def test_switching_link_errors_say_themselves_in_the_readers_language(data):
    english = parse_sim_params({"season": ["monsoon"], "pct": ["150"]}, data)[2]
    assert english[0] == ("Ignored season=“monsoon”: unknown season monsoon (choose one of: winter, spring, "
                          "summer, autumn). Using the default instead.")
    french = parse_sim_params({"season": ["monsoon"], "pct": ["150"]}, data, t=FR)[2]
    assert "saison inconnue" in french[0] and "centile doit être un nombre de 0 à 100" in french[1]
    with pytest.raises(SimError) as info:
        large, small = default_pair("chat", data)
        simulate(SimRequest(large=large, small=small, rate=(0.0,)), data)
    assert str(info.value) == "rate is 0 in every hour (give at least one request in one hour)"
    assert error_words(info.value, FR).startswith("les requêtes par heure valent 0")
    assert error_words(EstimatorError("something else"), FR) == FR._("this value cannot be used here")
