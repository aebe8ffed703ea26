"""The Streamlit app, driven headless with streamlit.testing.v1.AppTest through app.py's st.navigation.

Numbers are read off the rendered page (the st.metric of the headline) and compared by
direction and ratio; expected values are never recomputed here.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from estimator import Scenario, label
from tests.app_helpers import (PAGE_FILES, ROOT, amount, button, downloads, grams, metric, open_page, texts,
                               warnings)
from pages import components as c

PAGES = {
    "estimate": ("AI Flight Label", ["That is about", "Greener options", "How sure is this?", "Sources"]),
    "compare": ("Compare AI tasks", ["What to compare", "Side by side", "Cite and download"]),
    "methodology": ("Methodology & data", ["Data tables"]),
    "embed": ("Embed this label", ["Preview", "Copy and paste", "Downloads"]),
}


def assert_clean(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    for text in texts(at):
        assert "<script" not in text.lower(), text
        assert "onerror=" not in text.lower(), text


# ------------------------------------------------------------------ every page renders

@pytest.mark.parametrize("page", list(PAGES))
def test_page_defaults_render_with_headings(page):
    at = open_page(page)
    assert_clean(at)
    title, headers = PAGES[page]
    assert [t.value for t in at.title] == [title]
    assert set(headers) <= {h.value for h in at.header}
    assert not warnings(at)


@pytest.mark.parametrize("page", ["compare", "methodology", "embed"])
def test_deep_links_run_through_app_navigation(page):
    """A first visit straight to /compare must still go through app.py's st.navigation (not Streamlit's
    automatic pages/ folder mode, which would list every file of pages/ in a sidebar)."""
    at = open_page(page)
    assert_clean(at)
    paths = {info.get("url_pathname") for info in at._registered_pages.values()}
    assert {"compare", "methodology", "embed"} <= paths and "components" not in paths


def test_app_file_and_page_files_exist():
    assert (ROOT / "app.py").is_file()
    for path in PAGE_FILES.values():
        assert (ROOT / path).is_file()
    text = (ROOT / "app.py").read_text()
    for url_path in ('url_path=""', 'url_path="compare"', 'url_path="methodology"', 'url_path="embed"'):
        assert url_path in text


def test_no_unsafe_html_anywhere():
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        assert "unsafe_allow_html" not in path.read_text(), path


def test_estimate_shows_number_range_label_equivalents_and_citation():
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "FR"})
    assert_clean(at)
    assert grams(at) > 0
    assert amount(metric(at, "Electricity")) > 0
    body = "\n".join(texts(at))
    assert "Likely range" in body
    assert metric(at, "Flight-style label") in ("▼ Lower", "● Typical", "▲ Higher")
    assert any(w in body for w in ("Lower than usual", "Typical for this task", "Higher than usual"))
    assert "vs typical" in body and "Typical for this task:" in body
    assert "Estimate: AI Flight Label, methodology" in body and "?task=image&model=sdxl" in body
    assert "What drives the range" in body and "Boundary in use" in body
    assert len(at.metric) >= 3  # headline, energy, at least one everyday equivalent
    assert any(e.label == "Show all equivalents" for e in at.expander)
    assert len(at.get("vega_lite_chart")) >= 2  # range bar and greener-options chart
    assert len(at.dataframe) >= 1  # all equivalents
    assert "Trade-off:" in body  # greener options, each with its trade-off


# ------------------------------------------------------------------ each input moves the number the right way

def test_more_units_more_grams():
    at = open_page("estimate", {"task": "chat", "model": "gpt-4o"})
    one = grams(at)
    at.number_input(key="est_n").set_value(10.0).run()
    assert_clean(at)
    ten = grams(at)
    assert 8 < ten / one < 12.5  # ten times, within the display's two significant figures
    assert at.query_params["n"] == "10"


def test_cleaner_region_fewer_grams():
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "PL"})
    poland = grams(at)
    at.selectbox(key="est_region").set_value("FR").run()
    assert_clean(at)
    assert grams(at) < poland / 3
    assert at.query_params["region"] == "FR"


def test_bigger_model_more_grams():
    at = open_page("estimate", {"task": "chat", "model": "llama-3.1-8b"})
    small = grams(at)
    at.selectbox(key="est_model").set_value("llama-3.1-405b").run()
    assert_clean(at)
    assert grams(at) > 3 * small
    assert at.query_params["model"] == "llama-3.1-405b"


def test_more_output_tokens_more_grams():
    at = open_page("estimate", {"task": "chat", "model": "llama-3.1-70b"})
    at.number_input(key="est_out").set_value(100).run()
    short = grams(at)
    at.number_input(key="est_out").set_value(2000).run()
    assert_clean(at)
    assert grams(at) > 5 * short
    assert at.query_params["out"] == "2000"


def test_more_steps_more_grams():
    at = open_page("estimate", {"task": "image", "model": "sdxl"})
    at.number_input(key="est_steps").set_value(10).run()
    few = grams(at)
    at.number_input(key="est_steps").set_value(40).run()  # not SDXL's default (50), so the link carries it
    assert_clean(at)
    assert grams(at) > 2 * few
    assert at.query_params["steps"] == "40"


def test_larger_image_more_grams():
    at = open_page("estimate", {"task": "image", "model": "sdxl"})
    base = grams(at)
    at.selectbox(key="est_preset").set_value("wide-hd").run()
    assert grams(at) > base
    at.selectbox(key="est_preset").set_value("square-512").run()
    assert grams(at) < base


def test_boundary_gpu_below_datacenter():
    at = open_page("estimate", {"task": "chat", "model": "gpt-4o", "n": "100"})
    datacenter = grams(at)
    at.radio(key="est_boundary").set_value("gpu").run()
    assert_clean(at)
    gpu = grams(at)
    at.radio(key="est_boundary").set_value("server").run()
    server = grams(at)
    assert gpu < server < datacenter
    assert at.query_params["boundary"] == "server"


def test_video_longer_clip_more_grams():
    at = open_page("estimate", {"task": "video"})
    short = grams(at)
    at.number_input(key="est_secs").set_value(20.0).run()
    assert_clean(at)
    assert grams(at) > 2 * short


def test_every_model_preset_and_kind_of_region_renders(data):
    for m in data.models.values():
        task = next(t.task_id for t in data.tasks.values() if m.task in t.model_tasks)
        at = open_page("estimate", {"task": task, "model": m.model_id})
        assert_clean(at)
        assert not warnings(at), (m.model_id, warnings(at))
        assert at.selectbox(key="est_model").value == m.model_id
    for task_id, preset_id in data.presets:
        at = open_page("estimate", {"task": task_id, "preset": preset_id})
        assert_clean(at)
        assert at.selectbox(key="est_preset").value == preset_id
    for kind in ("country", "us_state", "cloud_region"):
        zone = next((z for z in data.zones.values() if z.kind == kind), None)
        if zone is not None:
            at = open_page("estimate", {"region": zone.zone_id})
            assert_clean(at)
            assert at.selectbox(key="est_region").value == zone.zone_id


def test_model_list_typical_first_and_grouped_by_size(data):
    options = c.model_options("chat", data)
    assert options[0] is None and c.model_label(None, data) == "I don't know — typical model"
    labels = [c.model_label(m, data) for m in options[1:]]
    assert labels[0].startswith("Small · ") and labels[-1].startswith("Frontier · ")
    assert c.zone_options(data)[0] == "WORLD" and c.zone_label("FR", data) == "France (FR)"


def test_hour_of_day_where_a_profile_exists(data):
    if not data.profiles:
        pytest.skip("no hourly profiles in data/ yet")
    zid = sorted(data.profiles)[0]
    at = open_page("estimate", {"task": "image", "region": zid})
    assert_clean(at)
    assert "When is it cleaner?" in [h.value for h in at.header]
    assert at.selectbox(key="est_hour").value is None
    at.selectbox(key="est_hour").set_value(3).run()
    assert_clean(at)  # a notice at most, never a traceback


# ------------------------------------------------------------------ URL ⇄ widgets

def test_url_parameters_set_the_widgets():
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "FR", "n": "3", "steps": "30",
                                "hw": "a100", "boundary": "server"})
    assert_clean(at)
    assert at.radio(key="est_task").value == "image"
    assert at.selectbox(key="est_model").value == "sdxl"
    assert at.selectbox(key="est_region").value == "FR"
    assert at.number_input(key="est_n").value == 3
    assert at.number_input(key="est_steps").value == 30
    assert at.selectbox(key="est_hw").value == "a100"
    assert at.radio(key="est_boundary").value == "server"
    qp = at.query_params
    assert (qp["task"], qp["model"], qp["region"], qp["n"], qp["steps"], qp["hw"], qp["boundary"]) == \
        ("image", "sdxl", "FR", "3", "30", "a100", "server")


def test_aliases_and_names_are_accepted_and_canonicalised():
    at = open_page("estimate", {"task": "image", "model": "SDXL", "region": "France", "count": "2"})
    assert_clean(at)
    assert not warnings(at)
    assert at.query_params["region"] == "FR" and at.query_params["n"] == "2"


def test_typical_model_round_trips_as_typical():
    at = open_page("estimate", {"task": "chat"})
    assert at.selectbox(key="est_model").value == "typical"  # the box shows the typical model, not its placeholder
    assert at.query_params["model"] == "typical"
    at2 = open_page("estimate", dict(at.query_params))
    assert at2.selectbox(key="est_model").value == "typical"
    assert grams(at2) == grams(at)


def test_changed_widget_reproduces_from_its_url():
    at = open_page("estimate")
    at.radio(key="est_task").set_value("summarize").run()
    at.selectbox(key="est_model").set_value("bart-large-cnn").run()
    at.selectbox(key="est_region").set_value("PL").run()
    assert_clean(at)
    shown = grams(at)
    again = open_page("estimate", dict(at.query_params))
    assert_clean(again)
    assert grams(again) == shown
    assert again.selectbox(key="est_model").value == "bart-large-cnn"


def test_task_change_drops_stale_workload_fields():
    at = open_page("estimate", {"task": "image", "model": "sdxl", "w": "512", "steps": "40"})
    assert at.query_params["w"] == "512"
    at.radio(key="est_task").set_value("chat").run()
    assert_clean(at)
    qp = at.query_params
    assert qp["task"] == "chat" and qp["model"] == "typical"
    assert not {"w", "h", "steps", "preset"} & set(qp)


def test_preset_change_resets_the_knobs():
    at = open_page("estimate", {"task": "chat", "out": "777"})
    assert at.number_input(key="est_out").value == 777
    at.selectbox(key="est_preset").set_value("long").run()
    assert at.query_params["preset"] == "long"
    assert "out" not in at.query_params
    assert at.number_input(key="est_out").value != 777


def test_pasted_url_reseeds_widgets():
    at = open_page("estimate", {"task": "chat"})
    at.query_params.clear()
    at.query_params.update({"task": "video", "region": "PL"})
    at.run()
    assert_clean(at)
    assert at.radio(key="est_task").value == "video"
    assert at.selectbox(key="est_region").value == "PL"


# ------------------------------------------------------------------ malformed links: a notice, a default, never a traceback

LONG = "x" * 5000
MALFORMED = [
    ("n negative", {"n": "-1"}),
    ("n text", {"n": "abc"}),
    ("n huge", {"n": "1e99"}),
    ("n NaN", {"n": "NaN"}),
    ("n inf", {"n": "inf"}),
    ("n empty", {"n": ""}),
    ("out zero", {"task": "chat", "out": "0"}),
    ("in negative", {"task": "chat", "in": "-20"}),
    ("width fraction", {"task": "image", "w": "12.5"}),
    ("width tiny", {"task": "image", "w": "8"}),
    ("width huge", {"task": "image", "h": "99999"}),
    ("steps zero", {"task": "image", "steps": "0"}),
    ("secs negative", {"task": "video", "secs": "-5"}),
    ("words text", {"task": "summarize", "words": "many"}),
    ("unknown model", {"model": "gpt-17-ultra"}),
    ("unknown task", {"task": "poetry"}),
    ("unknown region", {"region": "Atlantis"}),
    ("unknown preset", {"preset": "gigantic"}),
    ("unknown hardware", {"hw": "tpu-v9"}),
    ("unknown datacenter", {"dc": "moonbase"}),
    ("unknown batch", {"batch": "infinite"}),
    ("unknown boundary", {"boundary": "planet"}),
    ("script region", {"region": "<script>alert(1)</script>"}),
    ("img onerror model", {"model": '"><img src=x onerror=alert(1)>'}),
    ("javascript url", {"region": "javascript:alert(document.cookie)"}),
    ("markdown link", {"model": "[click me](javascript:alert(1))"}),
    ("markdown image", {"task": "![x](http://evil.example/x.png)"}),
    ("html in key", {"<b>bold</b>": "1"}),
    ("5000 chars", {"model": LONG}),
    ("repeated task", {"task": ["chat", "image"]}),
    ("unknown key", {"colour": "blue"}),
    ("empty model", {"model": ""}),
    ("empty region", {"region": ""}),
    ("unicode junk", {"region": "𝔉𝔯𝔞𝔫𝔠𝔢\u202e\u200b☃"}),
    ("null byte", {"model": "sdxl\x00<script>"}),
    ("model of wrong task", {"task": "chat", "model": "sdxl"}),
    ("bad hour", {"region": "FR", "hour": "25"}),
    ("bad live flag", {"live": "<script>"}),
    ("sql-ish", {"region": "FR'; DROP TABLE zones;--"}),
]
PAGE_MALFORMED = [
    ("compare nonsense", "compare", {"a": "nonsense"}),
    ("compare bad count", "compare", {"a": "chat:gpt-4o:WORLD:-3", "b": "chat::FR"}),
    ("compare script", "compare", {"a": "chat:<script>alert(1)</script>:WORLD"}),
    ("compare too many parts", "compare", {"a": "a:b:c:d:e:f:g"}),
    ("compare repeated", "compare", {"a": ["chat:gpt-4o:WORLD", "image:sdxl:FR"], "b": "chat::PL"}),
    ("compare unknown key", "compare", {"zz": "1"}),
    ("view traversal", "methodology", {"view": "../../etc/passwd"}),
    ("view script", "methodology", {"view": "<script>alert(1)</script>"}),
    ("view repeated", "methodology", {"view": ["models.csv", "tasks.csv"]}),
    ("embed script", "embed", {"region": "<script>alert(1)</script>"}),
    ("embed bad n", "embed", {"n": "1e99"}),
]


def test_at_least_thirty_malformed_cases():
    assert len(MALFORMED) + len(PAGE_MALFORMED) >= 30
    assert len(MALFORMED) >= 30


@pytest.mark.parametrize("name,params", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_estimate_link_shows_notice_and_falls_back(name, params):
    at = open_page("estimate", params)
    assert_clean(at)
    assert warnings(at), f"{name}: no notice"
    assert grams(at) > 0  # the page still shows a result (defaults for the bad field)
    for key, value in at.query_params.items():  # the rewritten URL holds only valid, canonical values
        assert isinstance(value, str) and "<" not in value and len(value) <= 120, (key, value)


@pytest.mark.parametrize("name,page,params", PAGE_MALFORMED, ids=[m[0] for m in PAGE_MALFORMED])
def test_malformed_links_on_other_pages(name, page, params):
    at = open_page(page, params)
    assert_clean(at)
    assert warnings(at), f"{name}: no notice"


def test_bad_field_falls_back_only_for_that_field():
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "FR", "n": "abc"})
    assert len(warnings(at)) == 1
    assert at.query_params["model"] == "sdxl" and at.query_params["region"] == "FR" and at.query_params["n"] == "1"


def test_notice_goes_away_after_the_next_change():
    at = open_page("estimate", {"region": "Atlantis"})
    assert warnings(at)
    at.number_input(key="est_n").set_value(2.0).run()
    assert not warnings(at)


# ------------------------------------------------------------------ downloads

def test_estimate_download_buttons_and_their_bytes(data):
    at = open_page("estimate", {"task": "image", "model": "sdxl", "region": "FR"})
    files = downloads(at)
    assert files["Result (JSON)"].endswith(".json")
    assert files["Result (CSV)"].endswith(".csv")
    assert {"Label card (PNG)", "Label card (SVG)"} <= set(files)  # drawn on click (deferred), so no URL yet
    lab = label(Scenario(task="image", model="sdxl", region="FR"), data)
    url = "http://localhost:8501/?task=image&model=sdxl&n=1&region=FR"
    record = json.loads(c.record_json(lab, data, url))
    assert record["co2e"]["unit"] == "g CO2e" and record["co2e"]["low"] <= record["co2e"]["central"] <= record["co2e"]["high"]
    assert record["citation"].endswith(url) and record["label"]["category"] in ("lower", "typical", "higher")
    rows = list(csv.DictReader(io.StringIO(c.record_csv(lab, data, url).decode("utf-8"))))
    assert len(rows) == 1
    row = rows[0]
    assert float(row["co2e_central"]) == pytest.approx(record["co2e"]["central"])
    assert row["co2e_unit"] == "g CO2e" and row["energy_unit"] == "Wh"
    assert json.loads(row["sources"])[0]["url"].startswith("http")
    assert row["methodology_version"] == record["methodology_version"]


def test_card_downloads_and_embed_preview(data):
    lab = label(Scenario(task="chat"), data)
    assert c.card_png(lab, "http://x/")[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in c.card_svg(lab, "http://x/")
    at = open_page("embed", {"task": "chat"})
    images = at.get("image")
    assert len(images) == 1
    assert images[0].proto.imgs[0].alt.startswith("AI Flight Label card: 1 query with")
    assert images[0].proto.imgs[0].url.startswith("data:image/svg+xml")  # the card itself; the PNG on download
    assert any(x.startswith("Text alternative: AI Flight Label card:") for x in texts(at))


def test_compare_downloads(data):
    at = open_page("compare")
    files = downloads(at)
    assert files["Comparison (CSV)"].endswith(".csv") and files["Comparison (JSON)"].endswith(".json")
    labs = [label(Scenario(task="chat", model=m), data) for m in ("gpt-4o", "llama-3.1-8b")]
    records = json.loads(c.compare_json(labs, data, "http://x/compare"))
    assert [r["option"] for r in records] == ["A", "B"]
    rows = list(csv.DictReader(io.StringIO(c.compare_csv(labs, data, "http://x/compare").decode("utf-8"))))
    assert [r["model_id"] for r in rows] == ["gpt-4o", "llama-3.1-8b"]


def test_methodology_every_table_browsable_and_downloadable(data):
    from estimator.data import DATA_DIR

    tables = [f for f in data.files if (DATA_DIR / f).is_file()]
    assert {"models.csv", "grid_intensity.csv", "presets.csv"} <= set(tables)
    for name in tables:
        at = open_page("methodology", {"view": name})
        assert_clean(at)
        assert not warnings(at), name
        assert at.selectbox(key="meth_view").value == name
        assert at.query_params["view"] == name
        assert len(at.dataframe) == 1
        assert downloads(at)[f"Download {name}"].endswith(".csv")


def test_methodology_shows_version_and_changelog():
    at = open_page("methodology")
    body = "\n".join(texts(at))
    from estimator import methodology_version

    assert f"Methodology version {methodology_version()}" in body
    assert "## Changelog" in body
    assert "view" not in at.query_params  # the plain page link stays plain until a table is picked
    at.selectbox(key="meth_view").set_value("tasks.csv").run()
    assert at.query_params["view"] == "tasks.csv"


# ------------------------------------------------------------------ compare

def test_compare_defaults_cards_and_chart():
    at = open_page("compare")
    assert_clean(at)
    assert at.query_params["a"].startswith("chat:gpt-4o:WORLD") and at.query_params["b"].startswith("chat:llama-3.1-8b")
    values = [amount(m.value) for m in at.metric if m.label == "Carbon footprint"]
    assert len(values) == 2 and values[0] > values[1]  # a frontier model above a small open one
    assert len(at.get("vega_lite_chart")) == 1


def test_compare_classic_buttons_set_the_link():
    at = open_page("compare")
    button(at, "Image in Poland vs in France").click().run()
    assert_clean(at)
    assert at.query_params["a"].startswith("image:sdxl:PL") and at.query_params["b"].startswith("image:sdxl:FR")
    poland, france = [amount(m.value) for m in at.metric if m.label == "Carbon footprint"]
    assert france < poland
    button(at, "Task-specific summarizer vs LLM").click().run()
    summarizer, llm = [amount(m.value) for m in at.metric if m.label == "Carbon footprint"]
    assert summarizer < llm


def test_compare_add_change_remove_options():
    at = open_page("compare", {"a": "image:sdxl:PL", "b": "image:sdxl:FR"})
    button(at, "Add an option").click().run()
    assert_clean(at)
    assert set(at.query_params) == {"a", "b", "c"}
    at.selectbox(key="cmp_2_region").set_value("WORLD").run()
    assert at.query_params["c"].startswith("image:sdxl:WORLD")
    at.selectbox(key="cmp_0_task").set_value("video").run()
    assert at.query_params["a"] == "video::PL:1"  # new task: typical model, default preset
    button(at, "Remove option B").click().run()
    assert_clean(at)
    assert set(at.query_params) == {"a", "b"} and at.query_params["b"].startswith("image:sdxl:WORLD")


def test_compare_link_round_trips():
    at = open_page("compare", {"a": "image:sdxl:PL:10:square-512", "b": "chat::FR:3", "c": "video:wan2.1-1.3b:WORLD"})
    assert_clean(at)
    assert not warnings(at)
    assert at.query_params["a"] == "image:sdxl:PL:10:square-512"
    assert at.query_params["b"] == "chat::FR:3"
    assert at.selectbox(key="cmp_1_model").value == "typical"  # the typical model, named in the box (not empty)
    assert at.number_input(key="cmp_0_n").value == 10


# ------------------------------------------------------------------ embed

def test_embed_snippets():
    at = open_page("embed", {"task": "image", "model": "sdxl", "region": "FR"})
    assert_clean(at)
    codes = [x.value for x in at.code]
    iframe = next(x for x in codes if x.startswith("<iframe"))
    assert '/embed?task=image&model=sdxl' in iframe and "embed=true" in iframe
    # responsive since 2026.2: full width up to 640 px (was width="640", which overflowed a phone's article)
    assert 'width="100%"' in iframe and "max-width:640px" in iframe and 'title="AI Flight Label: ' in iframe
    assert any(x.startswith("http://localhost:8501/?task=image&model=sdxl") for x in codes)
    assert any(x.startswith("Estimate: AI Flight Label, methodology") for x in codes)
    bib = next(x for x in codes if x.startswith("@misc{"))
    for field in ("title =", "note = {Estimate: AI Flight Label", "url = {http", "year =", "version ="):
        assert field in bib


def test_embed_mode_shows_only_the_card():
    at = open_page("embed", {"task": "image", "model": "sdxl", "region": "FR"}, embedded=True)
    assert_clean(at)
    assert not at.title and not at.code and not at.header
    assert grams(at) > 0


def test_live_toggle_only_where_a_provider_covers_the_region(monkeypatch):
    monkeypatch.delenv("ELECTRICITYMAPS_API_KEY", raising=False)
    at = open_page("estimate", {"region": "GB"})
    assert_clean(at)
    live_toggles = lambda at: [t.label for t in at.toggle if t.key not in ("est_lifecycle", "est_present")]  # noqa: E731 (the life-cycle and presentation switches are always there)
    assert live_toggles(at) == ["Use live grid data"]
    at = open_page("estimate", {"region": "WORLD", "live": "1"})  # no provider has a world figure
    assert_clean(at)
    assert not live_toggles(at)
    assert any("not available for this region" in w for w in warnings(at))
    assert "live" not in at.query_params
    at = open_page("estimate", {"region": "PL", "live": "1"})  # covered, but no key here: annual average + why
    assert_clean(at)
    assert at.toggle(key="est_live").value is True
    assert any("annual average" in i.value for i in at.info)
    assert at.query_params["live"] == "1"


def test_base_url_follows_the_browser():
    at = open_page("estimate", {"task": "chat"})
    at.context["url"] = "https://flightlabel.example.org/app"
    at.run()
    assert any("https://flightlabel.example.org/app/?task=chat" in x for x in texts(at))


def test_iframe_snippet_cannot_break_out():
    snippet = c.iframe_snippet('http://x/embed?a="><script>', 'T "<b>"')
    assert "<script" not in snippet and "<b>" not in snippet
