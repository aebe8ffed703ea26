"""The result blocks the Estimate page takes from pages/components.py, in French, Simplified and Traditional Chinese
(issue 12): headline, label, greener options, equivalents, range, life cycle, accounting, sources, downloads, the day
curve and the figure basis. The page's own words are tested with the page (tests/test_app_i18n_estimate.py); here
only the texts these blocks write are checked, picked out by how each block begins in English."""

from __future__ import annotations

import re

import pytest

from app_helpers import _keep_words, english_left, open_page, readable

LANGS = ("fr", "zh-Hans", "zh-Hant")
LINKS = {
    "default": {},
    "image-lifecycle": {"task": "image", "model": "sdxl", "region": "FR", "boundary": "lifecycle"},
    "video": {"task": "video", "n": "3", "region": "DE"},
    "summarize-market": {"task": "summarize", "region": "westeurope"},
    "chat-hour": {"task": "chat", "model": "gpt-5", "region": "FR", "hour": "3", "n": "1204"},
    "self-hosted": {"task": "chat", "model": "llama-3.1-8b", "mode": "self-hosted", "precision": "fp8",
                    "region": "us-west1", "boundary": "server"},
}
# The messages the result blocks begin their texts with; a text is the blocks' when it begins with one of them,
# in English or in the page's language (the words before the message's first field).
BLOCK_MESSAGES = (
    "**Likely range: {span}** — from the low to the high end of what the inputs allow.",
    "Range bar: the footprint is likely within {span}; the mark shows the central estimate, {central}.",
    "Energy range {span}.",
    "Typical for this task: {model}{serving}, {preset}, world-average grid — {central} CO₂e per {unit} (range {span}). "
    "Typical is the model behind the product most people use for the task, or the median catalogued model when that "
    "product's model is not known (Methodology, section 2).",
    "The range rule: {rule}", "**Accounting basis.**", "**Life cycle, part by part**",
    "Amortized training is a judgement: the model's training emissions are spread over the number of requests it "
    "will serve in its life, which no developer publishes, so that part's range is wide.",
    "Not counted: model training, making the hardware, water use, or your own device.",
    "Not counted: water use, the buildings, or your own device.",
    "Location-based (default): {figure}; {others}.",
    "Bar chart of CO₂e in {unit}, your choice first (highlighted), then each greener option; whiskers show the "
    "likely range.",
    "Line chart: the same request at each hour of a typical day in {zone}, with its likely range as a band. Lowest at "
    "{best} ({best_value}), highest at {worst} ({worst_value}).",
    "No everyday equivalent reads well at this size; see them all below.",
    "None of the levers we model lowers this footprint: it is already the leanest option we know of.",
    "Each number is rounded to two significant figures, so multiplying the rounded numbers by hand lands within a few "
    "percent of the total; the app multiplies the unrounded ones.",
    "Carbon footprint ({boundary} boundary)", "Electricity", "Flight-style label", "Label card (PNG)",
    "Label card (SVG)", "Result (JSON)", "Result (CSV)", "Show all equivalents",
    "Estimate: {app}, methodology {version}, data {hash}, {day}",
)
LABEL_WORDS = ("Lower than usual for this task", "Higher than usual for this task", "Typical for this task")


def _markers(lang: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(beginnings, contained) of the blocks' texts in English and in ``lang``."""
    from estimator.i18n import translator

    starts, contains = [], []
    for t in {translator("en"), translator(lang or "en")}:
        starts += [t._(m.strip("*")).split("{")[0] for m in BLOCK_MESSAGES]
        starts += ["**" + t._(m.strip("*")).split("{")[0] for m in BLOCK_MESSAGES if m.startswith("**")]
        starts += ["**" + t._(w) for w in LABEL_WORDS]
        starts += ["- **" + t._p("sources.what", "Model") + t._p("format", ":") + "**"]
        starts += [f"{icon} **{t._(w)}**" for icon, w in ((":material/straighten:", "Measured model"),
                                                          (":material/trending_up:", "Extrapolated estimate"))]
        contains += ["*" + t._("Trade-off:") + "*"]
    return tuple(s for s in starts if len(s) >= 2), tuple(contains)


ICON = re.compile(r":material/[a-z_]+:")
URL = re.compile(r"\]\([^)]*\)|https?:\u200b?//\S+")
LATIN = re.compile(r"[A-Za-z][A-Za-z'’\-]+")


def _mine(text: str, lang: str | None = None) -> bool:
    starts, contains = _markers(lang)
    return text.startswith(starts) or any(m in text for m in contains)


def _english_words(text: str) -> list[str]:
    keep = _keep_words()
    text = URL.sub(" ", ICON.sub(" ", text))
    return [w for w in LATIN.findall(text) if w not in keep and w.strip("'’-") not in keep]


def _blocks_left(english, translated, lang: str) -> list[str]:
    """The result blocks' texts still in English on the translated page (icons and link targets are not words)."""
    left = [t for t in english_left(english, translated, lang) if _mine(t, lang)]
    return [t for t in left if len(_english_words(t)) >= (2 if lang.startswith("zh") else 1)]


@pytest.fixture(scope="module")
def pages():
    return {}


def _open(pages: dict, name: str, lang: str | None):
    key = (name, lang)
    if key not in pages:
        pages[key] = open_page("estimate", {**LINKS[name], **({"lang": lang} if lang else {})})
    return pages[key]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(LINKS))
def test_the_result_blocks_have_no_english_left(pages, name, lang):
    english = _open(pages, name, None)
    translated = _open(pages, name, lang)
    assert not translated.exception
    # the blocks are all there in English (the markers above still find them)
    assert sum(_mine(t) for t in readable(english)) >= 10
    assert sum(_mine(t, lang) for t in readable(translated)) >= 10
    assert _blocks_left(english, translated, lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_metric_and_download_label_is_in_the_readers_language(pages, lang):
    english = _open(pages, "image-lifecycle", None)
    translated = _open(pages, "image-lifecycle", lang)
    english_labels = {m.label for m in english.metric} | {d.label for d in english.get("download_button")}
    labels = [m.label for m in translated.metric] + [d.label for d in translated.get("download_button")]
    assert len(labels) >= 8
    for text in labels:
        assert text not in english_labels or not _english_words(text), (lang, text)


@pytest.mark.parametrize("lang", LANGS)
def test_the_life_cycle_table_is_translated(pages, lang):
    translated = _open(pages, "image-lifecycle", lang)
    table = translated.get("table")[0].value
    columns = list(table.columns)
    assert "Part" not in columns and "Range" not in columns
    for part in table.iloc[:, 0]:
        assert part not in ("Operation (electricity at the datacenter)", "Embodied hardware", "Amortized training")


def test_a_french_result_writes_french_numbers(pages):
    at = _open(pages, "image-lifecycle", "fr")
    headline = next(m for m in at.metric if m.label.startswith("Empreinte carbone"))
    assert re.fullmatch(r"0,[0-9]+\u00a0g CO₂e", headline.value), headline.value
    texts = readable(at)
    assert any(t.startswith("**Fourchette probable\u202f: 0,") for t in texts)
    assert any(t.startswith("Barre de fourchette\u202f:") for t in texts)


def test_the_english_blocks_are_as_before(pages):
    at = _open(pages, "image-lifecycle", None)
    labels = [m.label for m in at.metric]
    assert "Carbon footprint (lifecycle boundary)" in labels and "Electricity" in labels
    assert "Flight-style label" in labels
    texts = readable(at)
    assert any(t.startswith("**Likely range: 0.") for t in texts)
    assert any(t.startswith("Typical for this task: ") for t in texts)
    assert {d.label for d in at.get("download_button")} >= {"Label card (PNG)", "Label card (SVG)", "Result (JSON)",
                                                            "Result (CSV)"}
