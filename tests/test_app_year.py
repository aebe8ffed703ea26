"""The My AI year page (pages/year.py), driven headless with AppTest through app.py's st.navigation.

Totals on the page are checked against ``year()`` of a profile the test builds from its own rates; export
counts are worked out by hand from the hand-made file; nothing an export says may reach the page, the link
or a download.
"""

from __future__ import annotations

import csv
import io
import json
import logging

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from estimator.card import year_card_png, year_card_svg
from estimator.cli import main
from estimator.usage import read_export
from estimator.data import load_data
from estimator.present import fmt_range, grams_unit
from estimator.uncertainty import Range
from estimator.usage.year import KINDS, UsageLine, UsageProfile, profile_from_export, usage_presets, year
from tests.app_helpers import APP, amount, texts, warnings
from tests.test_exports import (SENTINEL, T_2024_01, T_2024_03, _sentinel_export, as_json, as_zip, chatgpt, message,
                                tree)

PAGE = "pages/year.py"


@pytest.fixture(scope="module")
def data():
    return load_data()


@pytest.fixture
def payloads(monkeypatch):
    """Every file the page hands to a download button, as bytes (captured when Streamlit stores it)."""
    seen: list[bytes] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def capture(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes):
            seen.append(path_or_data)
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", capture)
    return seen


def open_year(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.switch_page(PAGE)
    return at.run()


def shown(at: AppTest, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label!r}; have {[m.label for m in at.metric]}")


def grams_words(r) -> tuple[str, str]:
    """('4.6 kg', '2.7–8.9 kg'): the same two significant figures any reader of the range would write."""
    return fmt_range(r, grams_unit)


def assert_totals_are(at: AppTest, result) -> None:
    body = "\n".join(texts(at))
    for label, r in (("A week", result.week_g), ("A month", result.month_g), ("A year", result.year_g)):
        central, span = grams_words(r)
        assert shown(at, label) == f"{central} CO₂e"
        assert f"Likely range {span}" in body
        assert amount(shown(at, label)) == pytest.approx(r.central, rel=0.05)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def json_payload(payloads: list[bytes]) -> dict:
    return json.loads(next(p for p in reversed(payloads) if p.startswith(b"{")))


# ------------------------------------------------------------------ presets and answers

@pytest.mark.parametrize("preset_id", list(usage_presets()))
def test_every_preset_renders_its_own_year(preset_id, data):
    p = usage_presets()[preset_id]
    at = open_year({"preset": preset_id, "region": "FR"})
    assert_clean(at)
    assert not warnings(at)
    assert_totals_are(at, year(UsageProfile(p.lines, "FR"), data))
    assert "**The single change that would cut most**" in [m.value for m in at.markdown]
    assert len(at.success) == 1 and "would save" in at.success[0].value
    assert dict(at.query_params) == {"preset": preset_id, "region": "FR"}


def test_the_model_boxes_offer_the_products_people_know_by_name(data):
    from estimator.usage.year import usage_products
    at = open_year()
    for kind in KINDS:
        box = at.selectbox(key=f"yr_{kind}_model")
        for label, _ in usage_products(kind, data)[1:]:
            assert any(label in option for option in box.options), (kind, label)


def test_a_preset_button_fills_the_rates_and_the_totals_follow(data):
    at = open_year()
    assert_clean(at)
    at.button_group(key="yr_preset").set_value("heavy-image-maker").run()
    assert_clean(at)
    lines = usage_presets()["heavy-image-maker"].lines
    for ln in lines:
        assert at.number_input(key=f"yr_{ln.kind}_rate").value == ln.rate
        assert at.selectbox(key=f"yr_{ln.kind}_per").value == ln.period
    assert_totals_are(at, year(UsageProfile(lines), data))
    assert at.query_params["preset"] == "heavy-image-maker"
    assert at.button_group(key="yr_preset").value == "heavy-image-maker"
    at.number_input(key="yr_chat_rate").set_value(11.0).run()  # answers changed: no longer the preset
    assert at.button_group(key="yr_preset").value is None and "preset" not in at.query_params


def test_answers_typed_in_give_the_year_of_those_rates_and_a_link_that_reproduces_them(data):
    at = open_year()
    for kind in KINDS:
        at.number_input(key=f"yr_{kind}_rate").set_value(0.0)
    at.number_input(key="yr_chat_rate").set_value(12.0)
    at.selectbox(key="yr_chat_model").set_value("claude-sonnet-5.5")
    at.number_input(key="yr_image_rate").set_value(2.0)
    at.selectbox(key="yr_image_model").set_value("typical")
    at.selectbox(key="yr_image_per").set_value("month")
    at.toggle(key="yr_lifecycle").set_value(True)
    at.run()
    assert_clean(at)
    profile = UsageProfile((UsageLine("chat", 12, "day", "claude-sonnet-5.5"), UsageLine("image", 2, "month")),
                           boundary="lifecycle")
    result = year(profile, data)
    assert_totals_are(at, result)
    params = dict(at.query_params)
    assert params == {"chat": "12/day", "chat_model": "claude-sonnet-5.5", "image": "2/month", "boundary": "lifecycle"}
    assert any(c.value.endswith("year?" + "&".join(f"{k}={v}" for k, v in params.items()).replace(" ", "+"))
               for c in at.code)
    again = open_year(params)  # the link opened in a new session: the same page
    assert_clean(again)
    assert_totals_are(again, result)
    assert again.number_input(key="yr_chat_rate").value == 12 and again.toggle(key="yr_lifecycle").value


def test_at_the_life_cycle_boundary_the_three_parts_are_shown_and_add_to_the_year(data):
    at = open_year({"chat": "20/day", "image": "3/week", "boundary": "lifecycle"})
    assert_clean(at)
    result = year(UsageProfile((UsageLine("chat", 20), UsageLine("image", 3, "week")), boundary="lifecycle"), data)
    parts_table = next(t for t in at.table if "Part" in t.value.columns)
    assert list(parts_table.value["Part"]) == ["Operation (electricity at the datacenter)", "Embodied hardware",
                                               "Amortized training"]
    assert sum(r.central for r in result.parts.values()) == pytest.approx(result.year_g.central, rel=1e-9)
    assert_totals_are(at, result)


def test_doubling_the_rates_doubles_the_years_central_grams(payloads):
    at = open_year({"chat": "10/day", "long": "1/day", "image": "2/week"})
    assert_clean(at)
    first = json_payload(payloads)["year_g"]["central"]
    for kind in ("chat", "long", "image"):
        box = at.number_input(key=f"yr_{kind}_rate")
        box.set_value(box.value * 2)
    at.run()
    assert_clean(at)
    assert dict(at.query_params) == {"chat": "20/day", "long": "2/day", "image": "4/week"}
    assert json_payload(payloads)["year_g"]["central"] == pytest.approx(2 * first, rel=1e-9)


def test_every_rate_at_zero_shows_no_total_and_says_what_to_do():
    at = open_year({"chat": "20/day"})
    at.number_input(key="yr_chat_rate").set_value(0.0).run()
    assert not at.exception
    assert not at.metric
    assert any("Every rate is 0" in i.value for i in at.info)


# ------------------------------------------------------------------ links

BAD_LINKS = [
    {"chat": "abc"}, {"chat": "1,5/day"}, {"chat": "-3/day"}, {"chat": "5/year"}, {"chat": "1e99/day"},
    {"chat": "2/day", "chat_model": "no-such-model"}, {"chat": "2/day", "chat_in": "0.5"},
    {"region": "Atlantis"}, {"boundary": "gpu"}, {"preset": "nobody"}, {"favourite": "x"},
    {"chat11": "<img src=x onerror=alert(1)>"}, {"video": "9" * 200},
]


@pytest.mark.parametrize("bad", BAD_LINKS, ids=[next(iter(b)) + str(i) for i, b in enumerate(BAD_LINKS)])
def test_each_bad_link_value_gets_one_notice_and_the_page_still_works(bad, data):
    at = open_year({"image": "3/week", **bad})
    assert not at.exception, [e.message for e in at.exception]
    assert len(warnings(at)) == 1, warnings(at)
    assert "onerror=" not in warnings(at)[0] and "<" not in warnings(at)[0]
    assert amount(shown(at, "A year")) > 0
    assert at.query_params["image"] == "3/week"
    assert not any(k in at.query_params for k in ("favourite", "chat11"))  # the address bar is cleaned


def test_a_link_with_an_exports_rates_and_tokens_reproduces_the_same_year(data):
    params = {"chat": "0.666667/month", "chat_model": "gpt-4o", "chat_in": "10", "chat_out": "20",
              "chat2": "0.5/month", "chat2_in": "9", "chat2_out": "12", "region": "DE"}
    at = open_year(params)
    assert_clean(at)
    assert at.radio(key="yr_source").value == "export"
    profile = UsageProfile((UsageLine("chat", 0.666667, "month", "gpt-4o", 10, 20), UsageLine("chat", 0.5, "month",
                                                                                          None, 9, 12)), "DE")
    assert_totals_are(at, year(profile, data))
    assert dict(at.query_params) == params


# ------------------------------------------------------------------ the page and the CLI

def test_the_page_and_the_cli_give_the_same_year(tmp_path, capsys, payloads):
    usage = {"region": "FR", "boundary": "lifecycle",
             "lines": [{"task": "chat", "rate": 20, "per": "day", "model": "ChatGPT"},
                       {"task": "summary", "rate": 4, "per": "week"},
                       {"task": "image", "rate": 3, "per": "week", "model": "Midjourney"}]}
    path = tmp_path / "usage.json"
    path.write_text(json.dumps(usage), encoding="utf-8")
    assert main(["year", "--usage", str(path), "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    at = open_year({"chat": "20/day", "chat_model": "ChatGPT", "summary": "4/week", "image": "3/week",
                    "image_model": "Midjourney", "region": "FR", "boundary": "lifecycle"})
    assert_clean(at)
    page = json_payload(payloads)
    for k in ("week_g", "month_g", "year_g"):
        assert page[k] == pytest.approx(cli[k], rel=1e-12)
    assert page["methodology_version"] == cli["methodology_version"] and page["url"].endswith("boundary=lifecycle")
    body = "\n".join(texts(at))
    for label, k in (("A week", "week_g"), ("A month", "month_g"), ("A year", "year_g")):
        central, span = grams_words(Range(cli[k]["low"], cli[k]["central"], cli[k]["high"]))
        assert shown(at, label) == f"{central} CO₂e" and f"Likely range {span}" in body


# ------------------------------------------------------------------ an export

def hand_made_export() -> list[dict]:
    """Two conversations. January: one question answered twice (the first answer regenerated) and a follow-up
    answered once. March: one question, one answer by a model the catalogue does not know. By hand: 2
    conversations, 3 messages from the person, 4 replies (3 in January, 1 in March)."""
    jan = chatgpt("c-jan", tree(
        ("root", None, None),
        ("s", "root", message("system", "", None, hidden=True)),
        ("u1", "s", message("user", "Why is the sky blue?", T_2024_01 + 1)),
        ("a1", "u1", message("assistant", "Rayleigh scattering.", T_2024_01 + 5, "gpt-4o")),
        ("a1b", "u1", message("assistant", "Because of scattering of sunlight.", T_2024_01 + 9, "gpt-4o")),
        ("u2", "a1b", message("user", "And sunsets?", T_2024_01 + 20)),
        ("a2", "u2", message("assistant", "Longer path through the air.", T_2024_01 + 25, "gpt-4o")),
    ))
    mar = chatgpt("c-mar", tree(
        ("root", None, None),
        ("u1", "root", message("user", "Bonjour, une recette de crêpes ?", T_2024_03 + 1)),
        ("a1", "u1", message("assistant", "Farine, œufs, lait.", T_2024_03 + 4, "text-davinci-002-render-sha")),
    ), t=T_2024_03, default_model="text-davinci-002-render-sha")
    return [jan, mar]


def upload(at: AppTest, name: str, content: bytes, mime: str = "application/json") -> AppTest:
    at.radio(key="yr_source").set_value("export").run()
    return at.file_uploader(key="yr_upload").set_value((name, content, mime)).run()


def test_the_upload_states_its_size_limit_and_that_nothing_is_kept():
    at = open_year()
    at.radio(key="yr_source").set_value("export").run()
    body = "\n".join(texts(at))
    from estimator.usage import MAX_EXPORT_BYTES
    limit_mb = at.file_uploader(key="yr_upload").proto.max_upload_size_mb
    assert f"up to {limit_mb} MB" in body  # the limit the box enforces is the one stated
    # never above what the reader or the server accepts (Streamlit refuses a bigger upload with no page message)
    import streamlit as st
    assert 0 < limit_mb <= MAX_EXPORT_BYTES // (1024 * 1024) and limit_mb <= st.get_option("server.maxUploadSize")
    assert "never written to disk, logged or sent anywhere" in body


@pytest.mark.parametrize("name,wrap", [("conversations.json", lambda b: b),
                                       ("export.zip", lambda b: as_zip({"conversations.json": b}))])
def test_an_uploaded_export_shows_the_counts_read_and_the_year_by_month(name, wrap, data):
    at = upload(open_year(), name, wrap(as_json(hand_made_export())), "application/zip" if name.endswith("zip") else
                "application/json")
    assert_clean(at)
    read = next(m.value for m in at.markdown if m.value.startswith("**What was read:**"))
    assert "2 conversations, 3 messages, 4 replies, 2024-01 → 2024-03" in read
    assert [h.value for h in at.subheader].count("Your year by month") == 1
    months = next(t for t in at.table if "Month" in t.value.columns)
    assert list(months.value["Month"]) == ["2024-01", "2024-02", "2024-03"]  # February: no reply, shown as 0 g
    assert months.value["CO₂e"].iloc[1].replace("\u00a0", " ") == "0 g"
    assert all(amount(v.replace("\u00a0", " ")) > 0 for v in months.value["CO₂e"].iloc[[0, 2]])
    assert amount(shown(at, "A year")) > 0
    assert "chat" in at.query_params and all(k.startswith(("chat", "image")) for k in at.query_params)


@pytest.mark.parametrize("content", [b"{not json", b"", b"[]", b"PK\x03\x04 not a zip", as_json([{"x": 1}])[:-3]],
                         ids=["not-json", "empty", "no-conversations", "broken-zip", "truncated"])
def test_a_bad_upload_gives_one_error_line_and_no_total(content):
    at = upload(open_year(), "conversations.json", content)
    assert not at.exception, [e.message for e in at.exception]
    assert len(at.error) == 1 and "\n" not in at.error[0].value
    assert at.error[0].value.startswith("Could not read this export")
    assert not at.metric and not at.get("download_button")
    assert "Your year" not in [h.value for h in at.header]


def test_a_bad_upload_after_a_good_one_leaves_no_total_of_the_old_file():
    at = upload(open_year(), "conversations.json", as_json(hand_made_export()))
    assert at.metric
    at = at.file_uploader(key="yr_upload").set_value(("conversations.json", b"{oops", "application/json")).run()
    assert len(at.error) == 1 and not at.metric


def test_no_word_of_an_uploaded_export_reaches_the_page_the_link_the_logs_or_the_downloads(payloads, caplog):
    caplog.set_level(logging.DEBUG)
    at = upload(open_year(), "conversations.json", as_json(_sentinel_export() + hand_made_export()))
    assert_clean(at)
    assert "walrus" not in caplog.text.lower() and "Rayleigh" not in caplog.text
    page = "\n".join(texts(at))
    charts = [el.proto.spec for el in at.get("vega_lite_chart")]
    assert len(charts) == 2 and "2024-03" in charts[1]  # the tasks and the months, their data inline
    page += "\n".join(charts)
    page += "\n".join(str(t.value) for t in at.table)
    link = json.dumps(dict(at.query_params))
    files = b"\n".join(payloads).decode("utf-8", "replace")
    assert files  # the downloads were built
    for where in (page, link, files):
        assert SENTINEL not in where
        assert not any(w in where.lower() for w in ("walrus", "purple"))
    assert "crêpes" not in page + link + files and "Rayleigh" not in page + link + files
    rows = list(csv.DictReader(io.StringIO(next(p for p in reversed(payloads) if p.startswith(b"scope")).decode())))
    assert {r["scope"] for r in rows} >= {"total", "line", "month"}
    # the cards are drawn on click: draw them as the page does, from the same file and the page's own link
    url = at.code[0].value
    result = year(profile_from_export(read_export(as_json(_sentinel_export() + hand_made_export()))))
    assert amount(shown(at, "A year")) == pytest.approx(result.year_g.central, rel=0.05)
    svg, png = year_card_svg(result, url), year_card_png(result, url)
    assert SENTINEL not in svg and "walrus" not in svg.lower() and SENTINEL.encode() not in png


def test_the_downloads_offer_the_year_card_json_and_csv():
    at = open_year({"preset": "daily-user"})
    labels = [d.label for d in at.get("download_button")]
    assert labels == ["Your year (JSON)", "Your year (CSV)", "Year card (PNG)", "Year card (SVG)"]


def test_what_was_read_stays_while_the_answers_are_shown_and_goes_when_forgotten():
    at = upload(open_year(), "conversations.json", as_json(hand_made_export()))
    year_with_export = shown(at, "A year")
    at.radio(key="yr_source").set_value("answers").run()
    at.radio(key="yr_source").set_value("export").run()
    assert_clean(at)
    assert shown(at, "A year") == year_with_export
    assert any(m.value.startswith("**What was read:**") for m in at.markdown)
    at.button(key="yr_forget").click().run()
    assert not at.metric and not any(m.value.startswith("**What was read:**") for m in at.markdown)


def test_the_lines_table_counts_video_in_seconds_a_year():
    at = open_year({"video": "30/week"})
    assert_clean(at)
    lines = next(t for t in at.table if "Task" in t.value.columns)
    row = lines.value.iloc[0]
    assert row["Task"] == "video seconds" and row["A year"].endswith(" s")
    assert float(row["A year"][:-2].replace(",", "")) == pytest.approx(30 * 365 / 7, rel=0.05)  # seconds, not clips


def test_the_page_and_the_cli_give_the_same_year_for_an_export(tmp_path, capsys, payloads):
    raw = as_json(hand_made_export())
    path = tmp_path / "export.zip"
    path.write_bytes(as_zip({"conversations.json": raw}))
    assert main(["year", "--export", str(path), "--format", "json", "--boundary", "lifecycle"]) == 0
    cli = json.loads(capsys.readouterr().out)
    at = open_year({"boundary": "lifecycle"})
    at = upload(at, "export.zip", path.read_bytes(), "application/zip")
    assert_clean(at)
    page = json_payload(payloads)
    for k in ("week_g", "month_g", "year_g"):
        assert page[k] == pytest.approx(cli[k], rel=1e-12)
    assert [m["month"] for m in page["by_month"]] == [m["month"] for m in cli["by_month"]] == ["2024-01", "2024-03"]


def test_the_answers_stay_while_the_export_side_is_shown():
    at = open_year({"preset": "daily-user"})
    at.number_input(key="yr_chat_rate").set_value(7.0).run()
    at.radio(key="yr_source").set_value("export").run()
    at.radio(key="yr_source").set_value("answers").run()
    assert_clean(at)
    assert at.number_input(key="yr_chat_rate").value == 7 and at.number_input(key="yr_image_rate").value == 3
    assert at.query_params["chat"] == "7/day"


def test_an_unexpected_reader_failure_is_one_line_that_quotes_nothing_of_the_file(monkeypatch):
    import estimator.usage

    def broken(_source):
        raise RuntimeError(f"unexpected token near {SENTINEL!r}")

    monkeypatch.setattr(estimator.usage, "read_export", broken)
    at = upload(open_year(), "conversations.json", as_json(hand_made_export()))
    assert not at.exception
    assert len(at.error) == 1 and SENTINEL not in at.error[0].value and not at.metric


@pytest.mark.parametrize("served_at", ["https://flights.example.org/year", "https://example.org/tools/label/year/"])
def test_the_link_shown_is_this_pages_address_on_the_server_it_is_served_from(served_at):
    at = AppTest.from_file(APP, default_timeout=30)
    at.context["url"] = served_at
    at.query_params["chat"] = "5/week"
    at.switch_page(PAGE)
    at.run()
    assert_clean(at)
    assert at.code[0].value == served_at.rstrip("/") + "?chat=5/week"
