"""The CLI's human output and one-line errors in French, Simplified and Traditional Chinese (--lang); JSON and CSV
stay English with neutral keys; numbers the CLI reads stay language-neutral."""

from __future__ import annotations

import contextlib
import io
import json
import re
import unicodedata

import pytest

from estimator import label
from estimator.basis import estimate_basis
from estimator.cli import main
from estimator.data import load_data
from estimator.lifecycle import TRAINING_JUDGEMENT
from estimator.present import result_sources
from tests.app_helpers import _LATIN_WORD, _keep_words
from tests.test_card_i18n import _other_owners_english

LANGS = ("fr", "zh-Hans", "zh-Hant")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(list(args))
    return rc, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def usage_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("usage") / "usage.json"
    path.write_text(json.dumps({"lines": [{"task": "chat", "rate": 20, "per": "day", "model": "ChatGPT"},
                                          {"task": "image", "rate": 3, "per": "week"}], "region": "FR"}))
    return str(path)


def _library_english(args: tuple[str, ...]) -> list[str]:
    """English the CLI prints from modules other helpers translate (their functions take no t= on main yet): the
    figure basis' reason, the drivers' names, the life-cycle judgement, the sources' citations, the hour of a
    typical day. Stripped before the check; everything else must be translated."""
    out = [TRAINING_JUDGEMENT, "local time (typical winter day)", "diffusion serving factor",
           "grid carbon intensity", "datacenter PUE", "LLM serving factor", "energy per token", "GPU power draw",
           "server overhead", "idle share", "tokens per second", "power draw"]
    if args and args[0] in ("estimate", "label"):
        fields = dict(zip(args[1::2], args[2::2]))
        lab = label(**{k.lstrip("-"): v for k, v in fields.items() if k != "--lang"})
        data = load_data()
        out.append(estimate_basis(lab.estimate, data).reason)
        out += [src.citation() for _, src in result_sources(lab.estimate, data)]
        out += [name for name, _share in lab.estimate.drivers()]
    if args and args[0] == "link":  # the Changelog's lines for the versions since the link's (estimator/versions.py)
        from urllib.parse import parse_qs

        from estimator.versions import estimate_at, link_version
        params = parse_qs(args[1])
        out += list(estimate_at(link_version(params), params, load_data()).changed)
    return out


def english_left(english: str, translated: str, lang: str, args: tuple[str, ...]) -> list[str]:
    """Lines of the translated output still in English: identical to an English line and holding a Latin word that
    is not a name or unit, or in Chinese any line with two such words (tests/app_helpers.english_left, by line)."""
    keep = _keep_words()
    foreign = sorted(set(_library_english(args) + _other_owners_english(lang)), key=len, reverse=True)

    def words(text: str) -> list[str]:
        text = re.sub(r"https?://\S+|--[a-z-]+", " ", text)
        for f in foreign:
            text = text.replace(f, " ")
        return [w for w in _LATIN_WORD.findall(text) if w not in keep and w.strip("'’-") not in keep]

    seen = set(english.splitlines())
    return [line for line in dict.fromkeys(translated.splitlines())
            if (line in seen and words(line)) or (lang.startswith("zh") and len(words(line)) >= 2)]


COMMANDS = {
    "estimate": ("estimate", "--task", "image", "--model", "sdxl", "--count", "10", "--region", "FR"),
    "label-lifecycle": ("label", "--task", "chat", "--count", "1204", "--boundary", "lifecycle"),
    "label-summary": ("label", "--task", "summarize", "--region", "DE"),
    "rank": ("rank", "--task", "image", "--region", "FR"),
    "compare": ("compare", "--task", "chat", "--model", "llama-3.1-8b,llama-3.1-70b"),
    "link": ("link", "task=image&model=sdxl&v=2026.1"),
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("lang", LANGS)
def test_human_output_is_in_the_readers_language(command, lang):
    args = COMMANDS[command]
    rc_en, english, _ = run(*args)
    rc, translated, err = run(*args, "--lang", lang)
    assert rc == rc_en == 0, err
    assert translated.strip() and translated != english
    assert english_left(english, translated, lang, args) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_year_is_in_the_readers_language(lang, usage_file):
    args = ("year", "--usage", usage_file)
    english = run(*args)[1]
    rc, translated, err = run("--lang", lang, *args)  # before the command works too
    assert rc == 0, err
    assert english_left(english, translated, lang, args) == []


def test_the_check_finds_english_when_there_is_some():
    args = COMMANDS["estimate"]
    english = run(*args)[1]
    assert english_left(english, english, "fr", args)
    assert english_left(english, english, "zh-Hant", args)


def test_numbers_are_the_locales():
    fr = run(*COMMANDS["estimate"], "--lang", "fr")[1]
    assert "0,40\u00a0g CO2e" in fr or "0,40 g CO2e" in fr or "0,40\u202fg CO2e" in fr
    assert "fourchette" in fr and "Périmètre" not in fr.splitlines()[2]  # "(périmètre centre de données)"
    zh = run(*COMMANDS["label-lifecycle"], "--lang", "zh-Hans")[1]
    assert "1,204" in zh and "生命周期核算边界" in zh  # a count is exact, grouped as Chinese groups digits
    assert "1\u202f204" in run(*COMMANDS["label-lifecycle"], "--lang", "fr")[1]


@pytest.mark.parametrize("fmt", ("json", "csv"))
def test_json_and_csv_stay_english_with_neutral_keys(fmt):
    for command in ("estimate", "rank", "compare"):
        english = run(*COMMANDS[command], "--format", fmt)[1]
        for lang in LANGS:
            assert run(*COMMANDS[command], "--format", fmt, "--lang", lang)[1] == english


def test_a_decimal_comma_is_an_error_naming_the_dot_never_fifteen():
    for lang in ("en", *LANGS):
        rc, out, err = run("estimate", "--task", "image", "--count", "1,5", "--lang", lang)
        assert rc == 2 and out == ""
        assert err.count("\n") == 1 and "1.5" in err and "15" not in err.replace("1.5", "")
    assert run("estimate", "--count", "1,5", "--lang", "fr")[2].startswith("erreur\u202f: ")
    assert run("estimate", "--count", "1,5", "--lang", "zh-Hant")[2].startswith("錯誤：")


def test_the_clis_own_errors_are_translated():
    rc, _, err = run("estimate", "--format", "xml", "--lang", "fr")
    assert rc == 2 and err == "erreur\u202f: format inconnu 'xml' — utilisez --format table, json ou csv\n"
    rc, _, err = run("--lang", "zh-Hans")
    assert rc == 2 and err == "错误：未提供命令——试试：python -m estimator estimate --task image --model sdxl\n"
    rc, _, err = run("simulate", "--lang=zh-Hant")
    assert rc == 2 and err.startswith("錯誤：請同時提供 --large 和 --small")
    rc, _, err = run("estimate", "--bogus", "1", "--lang", "fr")
    assert rc == 2 and err.startswith("erreur\u202f: arguments non reconnus\u202f: --bogus 1")


def test_lang_values_and_english_default():
    rc, _, err = run("estimate", "--lang", "xx")
    assert rc == 2 and "unknown language" in err and err.count("\n") == 1
    rc, _, err = run("estimate", "--lang")
    assert rc == 2 and "--lang" in err
    assert run("estimate", "--lang", "zh-TW")[1] == run("estimate", "--lang", "zh-Hant")[1]  # a regional tag
    assert run("estimate")[1] == run("estimate", "--lang", "en")[1] == run("estimate", "--lang=EN")[1]


def test_env_locale_is_not_read(monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert run("estimate")[1].startswith("LLM chat")  # a script's output does not change with the machine


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def test_chinese_tables_line_up_in_a_terminal(usage_file):
    out = run("year", "--usage", usage_file, "--lang", "zh-Hant")[1]
    table = [line for line in out.splitlines() if not line.startswith(" ")][1:]
    assert len(table) >= 4 and "任務" in table[0]
    rule = table[1]
    starts = [m.start() for m in re.finditer(r"-+", rule)]
    for row in (table[0], *table[2:]):
        # every column starts at the same terminal column as its rule
        cols = [_cells(row[:i]) for i in range(len(row) + 1)]
        assert all(c in cols for c in starts[1:]), row
