"""The static export in one language (issue 12): ``export_site(..., lang=…)`` writes every page's words in that
language, numbers as its locale writes them and ``<html lang>`` its BCP 47 tag; file names, JSON and the manifest
are the same in every language, and an English export is what it always was.

Until the data tables' names are translated (catalogue entries "<table>.<column>", another branch), words of data
rows that have no translation yet count as names here (``untranslated_data_words``); the allowance empties by
itself as they get one. The cards are the card helper's (estimator/card.py): they are not read here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from estimator import EstimatorError, label, load_data
from estimator.card import first_pair_differences as card_differences
from estimator.card import first_pair_ratio as card_ratio
from estimator.card import option_words as card_option_words
from estimator.i18n import translator
from estimator.publish import default_entries, export_site
from estimator.publish import static_site
from estimator.publish.options import read_entries

import app_helpers
from test_app_i18n_compare import untranslated_data_words

BASE = "https://ai-flight-label.example.org/"
DAY = dt.date(2026, 12, 1)
# Options beyond the defaults: a count, a country, self-hosted serving, a chosen precision, the life-cycle boundary,
# a cloud region, three options of two tasks
ENTRIES = [
    {"name": "ten-images-france", "task": "image", "model": "sdxl", "n": 10, "region": "FR"},
    {"name": "self-hosted", "task": "chat", "model": "llama-3.1-8b", "mode": "self-hosted"},
    {"name": "life-cycle", "task": "chat", "boundary": "lifecycle", "region": "US-CA"},
    {"name": "clips-paris", "task": "video", "n": 3, "region": "eu-west-3"},
    {"name": "served-two-ways", "compare": [{"task": "chat", "model": "gpt-4o", "n": 5},
                                            {"task": "chat", "model": "llama-3.1-8b", "mode": "self-hosted",
                                             "precision": "fp8"}]},
    {"name": "summaries-and-image", "compare": [{"task": "summarize", "model": "bart-large-cnn"},
                                                {"task": "summarize", "model": "gpt-4o", "region": "DE",
                                                 "preset": "report"},
                                                {"task": "image"}]},
]
# Words a reader may meet in any language's page: units, formats and what the iframe snippet's HTML names
CODE_WORDS = {"NAME", "html", "dark"}
# English words that never belong in a French sentence (a French page holding one has English left in it)
ENGLISH_ONLY = {"the", "and", "of", "per", "likely", "range", "boundary", "grid", "greener", "counted",
                "electricity", "made", "see", "live", "card", "light", "dark", "methodology",
                "comparison", "label", "embed", "vs", "is", "about", "same", "different"}
# ("page", "figure", "ratio" and "cite" are French words too: a French page may use them)


class Text(HTMLParser):
    """The words a reader sees: text outside <style>, <pre> and <code> (code is code in every language), the title
    included; and the <html lang> attribute."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.lang = None
        self.nodes: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in ("style", "pre", "code"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "pre", "code"):
            self.skip -= 1

    def handle_data(self, text):
        if not self.skip and text.strip():
            self.nodes.append(" ".join(text.split()))


def read(path: Path) -> Text:
    page = Text()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def data():
    return load_data()


@pytest.fixture(scope="module")
def options_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("opts") / "options.json"
    path.write_text(json.dumps(ENTRIES), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def sites(tmp_path_factory, data, options_file):
    """(default entries, options file) exports in English, French and Simplified Chinese."""
    root = tmp_path_factory.mktemp("sites")
    out = {}
    for lang in ("en", "fr", "zh-Hans"):
        for kind, opts in (("default", None), ("options", options_file)):
            folder = root / f"{kind}-{lang}"
            export_site(folder, opts, base_url=BASE, data=data, day=DAY, lang=lang)
            out[kind, lang] = folder
    return out


def _keep(lang: str) -> set[str]:
    if app_helpers._KEEP is None:
        app_helpers._KEEP = app_helpers._keep_words()
    return app_helpers._KEEP | untranslated_data_words(lang) | CODE_WORDS


def _latin_words(text: str, keep: set[str]) -> list[str]:
    text = re.sub(r"https?://\S+|\b[\w.-]+\.(?:html|json|png|svg|csv)\b", " ", text)
    return [w for w in app_helpers._LATIN_WORD.findall(text) if w not in keep and w.strip("'’-") not in keep]


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


@pytest.mark.parametrize("lang", ["fr", "zh-Hans"])
@pytest.mark.parametrize("kind", ["default", "options"])
def test_every_page_carries_its_languages_tag(sites, kind, lang):
    for path in _pages(sites[kind, lang]):
        assert read(path).lang == lang, path.name
    assert all(read(p).lang == "en" for p in _pages(sites[kind, "en"]))


@pytest.mark.parametrize("kind", ["default", "options"])
def test_chinese_pages_have_no_english_word_beyond_names_and_units(sites, kind):
    keep = _keep("zh-Hans")
    left = {path.name: [n for n in read(path).nodes if _latin_words(n, keep)]
            for path in _pages(sites[kind, "zh-Hans"])}
    assert {k: v for k, v in left.items() if v} == {}


@pytest.mark.parametrize("kind", ["default", "options"])
def test_french_pages_have_no_english_left(sites, kind):
    keep = _keep("fr")
    for path in _pages(sites[kind, "fr"]):
        english = set(read(sites[kind, "en"] / path.name).nodes)
        nodes = read(path).nodes
        same = [n for n in nodes if n in english and _latin_words(n, keep)]  # said exactly as the English page
        words = {w.lower() for n in nodes for w in _latin_words(n, keep)}
        assert same == [], path.name
        assert words & ENGLISH_ONLY == set(), path.name


def test_the_french_filter_can_fail(sites):
    """The checks above read English as English: the English index fails both."""
    en = read(sites["default", "en"] / "index.html").nodes
    assert {w.lower() for n in en for w in _latin_words(n, _keep("fr"))} & ENGLISH_ONLY
    assert [n for n in en if _latin_words(n, _keep("zh-Hans"))]


@pytest.mark.parametrize("kind", ["default", "options"])
def test_french_figures_have_decimal_commas(sites, kind):
    seen = 0
    for path in _pages(sites[kind, "fr"]):
        html = path.read_text(encoding="utf-8")
        for big in re.findall(r'<p class="big">([^<]+) <small>', html):
            assert not re.search(r"\d\.\d", big), (path.name, big)
            seen += bool(re.search(r"\d,\d", big))
        likely = re.findall(r"Fourchette probable <strong>([^<]+)</strong>", html)
        assert path.name == "index.html" or likely, path.name
        assert all(not re.search(r"\d\.\d", s) for s in likely), path.name
    assert seen >= 3


def test_the_same_files_and_json_in_every_language(sites):
    for kind in ("default", "options"):
        en = sites[kind, "en"]
        for lang in ("fr", "zh-Hans"):
            other = sites[kind, lang]
            assert sorted(p.name for p in other.iterdir()) == sorted(p.name for p in en.iterdir())
            for path in list(en.glob("*.json")):
                assert (other / path.name).read_bytes() == path.read_bytes(), path.name


def test_english_is_the_default_and_unchanged_by_the_language_option(tmp_path, data, options_file):
    a = export_site(tmp_path / "a", options_file, base_url=BASE, data=data, day=DAY)
    b = export_site(tmp_path / "b", options_file, base_url=BASE, data=data, day=DAY, lang="en")
    assert a.files == b.files
    for name in a.files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_the_pages_english_words_are_the_cards_words(data):
    """The export's own translatable copies of the card's sentences say exactly what estimator.card says in
    English, for every default and listed option (English pages stay byte-identical)."""
    en = translator("en")
    options, comparisons = default_entries(data)
    more_options, more_comparisons = read_entries(ENTRIES, data)
    for o in options + more_options:
        lab = label(o.scenario, data)
        assert static_site.option_words(lab, en) == card_option_words(lab)
    for c in comparisons + more_comparisons:
        labs = [label(s, data) for s in c.scenarios]
        assert static_site.first_pair_ratio(labs, en) == card_ratio(labs)
        assert static_site.first_pair_differences(labs, data, en) == card_differences(labs)


def test_a_language_we_do_not_have_is_refused_before_anything_is_written(tmp_path, data):
    with pytest.raises(EstimatorError) as err:
        export_site(tmp_path / "site", data=data, day=DAY, lang="klingon")
    assert "zh-Hant" in str(err.value)
    assert not (tmp_path / "site").exists()


def test_a_regional_tag_picks_its_language(tmp_path, data):
    export_site(tmp_path / "tw", data=data, day=DAY, lang="zh-TW")
    assert read(tmp_path / "tw" / "index.html").lang == "zh-Hant"
    nodes = read(tmp_path / "tw" / "index.html").nodes
    assert any("靜態匯出" in n for n in nodes)
