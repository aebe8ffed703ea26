"""The static export: every file written, every page parses and fetches nothing from the web, the same numbers
as the library, one line per bad options-file entry, and a user's folder never overwritten."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from dataclasses import asdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from estimator import EstimatorError, label, load_data
from estimator.cli import main
from estimator.present import citation_line, estimate_record, fmt_amount, fmt_range, grams_unit, wh_unit
from estimator.publish import default_entries, export_site
from estimator.publish.options import read_entries
from estimator.publish.static_site import MANIFEST
from estimator.uncertainty import ratio
from estimator.urlstate import parse_compare
from tests.conftest import ROOT

BASE = "https://ai-flight-label.example.org/"
DAY = dt.date(2026, 12, 1)
VOID = {"meta", "link", "br", "img", "hr", "input", "source", "wbr", "area", "base", "col", "embed", "track"}
REMOTE = re.compile(r"^\s*(https?:)?//", re.I)


@pytest.fixture(scope="module")
def data():
    return load_data()


@pytest.fixture(scope="module")
def site(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("site") / "out"
    summary = export_site(folder, base_url=BASE, data=data, day=DAY)
    return folder, summary


class Page(HTMLParser):
    """The tags, attributes, inline CSS and text of a page; raises on a closing tag that does not match."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.css: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("style"):
            self.css.append(a["style"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, text):
        if self.stack and self.stack[-1] == "style":
            self.css.append(text)
        else:
            self.text.append(text)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.stack == [], f"{path.name}: unclosed {page.stack}"
    return page


def text_of(path: Path) -> str:
    return " ".join(" ".join(parse(path).text).split())


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_file_of_every_option_and_comparison_is_written_and_listed(site, data):
    folder, summary = site
    options, comparisons = default_entries(data)
    expected = {"index.html", MANIFEST} | {f"{x.name}{suffix}" for x in [*options, *comparisons]
                                           for suffix in (".html", "-dark.html", ".svg", ".png", ".json")}
    on_disk = {p.name for p in folder.iterdir()}
    assert on_disk == expected == set(summary.files) == set(read_json(folder / MANIFEST)["files"])
    assert all((folder / name).stat().st_size > 0 for name in on_disk)
    assert summary.total_bytes == sum((folder / name).stat().st_size for name in on_disk)


def test_the_default_export_has_each_tasks_typical_option(site, data):
    folder, _ = site
    for task_id, task in data.tasks.items():
        record = read_json(folder / f"typical-{task_id}.json")
        assert record["scenario"]["task"] == task_id
        assert record["model"]["id"] == task.typical_model_id
        assert record["region"]["id"] == "WORLD"
        assert record["label"]["category"] == "typical"


def _compare_page_classics() -> dict[str, dict[str, str]]:
    """pages/compare.py's classic comparisons, read from its source (the export must not import a page)."""
    tree = ast.parse((ROOT / "pages" / "compare.py").read_text(encoding="utf-8"))
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                if node.targets[0].id == "CLASSICS":  # {name: DEFAULT, …}: resolve names assigned above
                    values["CLASSICS"] = {ast.literal_eval(k): values[v.id] if isinstance(v, ast.Name)
                                          else ast.literal_eval(v) for k, v in zip(node.value.keys, node.value.values)}
    return values["CLASSICS"]


def test_the_default_export_holds_the_compare_pages_classic_comparisons(site, data):
    folder, _ = site
    exported = [[r["scenario"] for r in read_json(p)] for p in folder.glob("compare-*.json")]
    classics = _compare_page_classics()
    assert classics
    for name, params in classics.items():
        scenarios, notices = parse_compare(params, data)
        assert not notices
        assert [asdict(s) for s in scenarios] in exported, name  # a record writes count 1.0 as 1: equal in Python


def test_every_page_parses(site):
    folder, _ = site
    pages = sorted(folder.glob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = parse(path)
        assert page.tags[0][0] == "html" and any(t == "title" for t, _ in page.tags), path.name


def test_no_page_fetches_anything_from_the_web(site):
    folder, _ = site
    for path in folder.glob("*.html"):
        page = parse(path)
        for tag, attrs in page.tags:
            assert tag not in ("script", "iframe", "object", "embed", "base"), (path.name, tag)
            for attr in ("src", "srcset", "poster", "data", "background"):
                assert not REMOTE.match(attrs.get(attr) or ""), (path.name, tag, attr)
            if tag == "link":  # a stylesheet, font, icon or preload would be fetched
                assert not REMOTE.match(attrs.get("href") or ""), (path.name, attrs)
            if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
                raise AssertionError(f"{path.name}: a refresh would load another page")
        css = " ".join(page.css)
        assert "@import" not in css and "url(" not in css, path.name
        assert "http://" not in css and "https://" not in css, path.name
    for path in folder.glob("*.svg"):  # the cards: no link or image to load
        svg = path.read_text(encoding="utf-8")
        assert "href" not in svg and "<image" not in svg and "url(" not in svg, path.name


def test_links_to_the_live_app_are_plain_links_only(site):
    folder, _ = site
    page = parse(folder / "typical-image.html")
    live = [a["href"] for t, a in page.tags if t == "a" and REMOTE.match(a.get("href") or "")]
    assert live and all(href.startswith(BASE) for href in live)


def test_each_options_json_is_the_apps_record_of_the_librarys_result(site, data):
    folder, _ = site
    options, _ = default_entries(data)
    for o in options:
        written = read_json(folder / f"{o.name}.json")
        lab = label(o.scenario, data)
        expected = estimate_record(lab.estimate, lab, data)
        assert written["citation"].startswith(citation_line(lab.estimate, None, DAY)[:-len("2026-12-01")])
        assert BASE in written["citation"]
        written.pop("citation"), expected.pop("citation")
        assert written == json.loads(json.dumps(expected)), o.name


def test_each_options_page_shows_the_librarys_numbers_in_both_themes(site, data):
    folder, _ = site
    options, _ = default_entries(data)
    for o in options:
        lab = label(o.scenario, data)
        central, span = fmt_range(lab.estimate.co2e_g, grams_unit)
        wh, wh_span = fmt_range(lab.estimate.energy_wh, wh_unit)
        for page in (f"{o.name}.html", f"{o.name}-dark.html"):
            text = text_of(folder / page)
            assert f"{central} CO₂e" in text and f"Likely range {span}" in text, page
            assert f"electricity {wh} ({wh_span})" in text, page
            assert lab.words in text, page
            assert f"methodology {lab.estimate.methodology_version}, data {lab.estimate.data_hash}, 2026-12-01" in text


def test_light_and_dark_pages_say_the_same_in_other_colours(site):
    folder, _ = site
    light, dark = folder / "typical-chat.html", folder / "typical-chat-dark.html"
    assert text_of(light) == text_of(dark)
    assert "color-scheme:light" in " ".join(parse(light).css) and "color-scheme:dark" in " ".join(parse(dark).css)


def test_each_comparison_page_shows_every_options_grams_and_the_ratio_of_the_first_two(site, data):
    folder, _ = site
    _, comparisons = default_entries(data)
    for c in comparisons:
        labs = [label(s, data) for s in c.scenarios]
        text = text_of(folder / f"{c.name}.html")
        for lab in labs:
            central, span = fmt_range(lab.estimate.co2e_g, grams_unit)
            assert f"{central} CO₂e" in text and f"Likely range {span}" in text, c.name
        a, b = (lab.estimate.co2e_g_per_unit for lab in labs[:2])
        if labs[0].estimate.scenario.task != labs[1].estimate.scenario.task:
            assert "No ratio between A and B" in text, c.name
            continue
        hi, lo = (a, b) if a.central >= b.central else (b, a)
        r = ratio(hi, lo)
        assert f"{fmt_amount(r.central)}× " in text and f"(range {fmt_amount(r.low)}–{fmt_amount(r.high)}×)" in text


def test_the_comparisons_json_is_the_compare_pages_records(site, data):
    folder, _ = site
    _, comparisons = default_entries(data)
    c = comparisons[0]
    written = read_json(folder / f"{c.name}.json")
    assert [r["option"] for r in written] == ["A", "B"][:len(c.scenarios)]
    for r, s in zip(written, c.scenarios):
        lab = label(s, data)
        assert r["co2e"] == json.loads(json.dumps(estimate_record(lab.estimate, lab, data)["co2e"]))


def test_the_index_lists_everything_with_the_methodology_version_and_data_hash(site, data):
    folder, summary = site
    page = parse(folder / "index.html")
    hrefs = {a.get("href") for t, a in page.tags if t == "a"}
    for name in summary.files:
        if name not in ("index.html", MANIFEST):
            assert name in hrefs, name
    text = " ".join(" ".join(page.text).split())
    assert f"Methodology {summary.methodology_version}" in text and data.data_hash in text


# ---------------------------------------------------------------- options files and the CLI

def _write(tmp_path: Path, entries, name: str = "options.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(entries), encoding="utf-8")
    return str(path)


def test_an_options_file_publishes_its_options_and_comparisons_under_their_names(tmp_path, data, capsys):
    options = _write(tmp_path, [
        {"task": "image", "model": "sdxl", "n": 10, "region": "FR", "name": "ten-images-fr"},
        {"task": "chat", "model": "gpt-4o"},
        [{"task": "chat", "model": "gpt-4o"}, {"task": "chat", "model": "llama-3.1-8b", "region": "FR"}],
        {"name": "grids", "compare": [{"task": "image", "region": "PL"}, {"task": "image", "region": "FR"},
                                      {"task": "image", "region": "SE"}]},
    ])
    out = tmp_path / "site"
    assert main(["export", "--out", str(out), "--options", options]) == 0
    assert "wrote" in capsys.readouterr().out
    record = read_json(out / "ten-images-fr.json")
    lab = label(task="image", model="sdxl", count=10, region="FR")
    assert record["co2e"] == json.loads(json.dumps(estimate_record(lab.estimate, lab, data)["co2e"]))
    assert (out / "chat-gpt-4o-1-world.html").is_file()
    assert len(read_json(out / "grids.json")) == 3
    assert len([p for p in out.glob("compare-*.json")]) == 1


@pytest.mark.parametrize("entry, words", [
    ({"task": "image", "model": "nope"}, "model"),
    ({"task": "chat", "n": "abc"}, "abc"),
    ({"task": "chat", "colour": "red"}, "colour"),
    ({"task": "chat", "n": [1, 2]}, "text or a number"),
    ([{"task": "chat"}], "2 to 4 options"),
    ([{"task": "chat"}, {"task": "chat", "boundary": "gpu"}], "one boundary"),
    ({"task": "chat", "name": "../escape"}, "name"),
    ("chat", "object of link parameters"),
])
def test_a_bad_options_entry_gets_one_line_naming_it_and_nothing_is_written(tmp_path, capsys, entry, words):
    options = _write(tmp_path, [{"task": "chat"}, entry])
    out = tmp_path / "site"
    assert main(["export", "--out", str(out), "--options", options]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: entry 2 (") and words in err, err
    assert not out.exists()


def test_several_bad_entries_get_one_line_each(tmp_path, capsys):
    options = _write(tmp_path, [{"task": "image", "model": "nope"}, {"task": "chat"}, {"task": "chat", "n": "x"}])
    assert main(["export", "--out", str(tmp_path / "site"), "--options", options]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert [line.split(" (")[0] for line in lines[:2]] == ["error: entry 1", "error: entry 3"]
    assert len(lines) == 3 and "2 bad entries" in lines[2]


@pytest.mark.parametrize("content, words", [
    ("{not json", "not valid JSON"), ('{"task": "chat"}', "JSON list"), ("[]", "no option"),
])
def test_an_options_file_that_is_not_a_list_of_options_gets_one_line(tmp_path, capsys, content, words):
    path = tmp_path / "options.json"
    path.write_text(content, encoding="utf-8")
    assert main(["export", "--out", str(tmp_path / "site"), "--options", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and words in err, err


def test_a_folder_with_other_files_is_refused_in_one_line_and_left_alone(tmp_path, capsys):
    out = tmp_path / "my-folder"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "index.html").write_text("my own page", encoding="utf-8")
    assert main(["export", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "not a previous export" in err, err
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "notes.txt"]
    assert (out / "index.html").read_text(encoding="utf-8") == "my own page"


def test_a_file_given_as_the_folder_is_refused_in_one_line(tmp_path, capsys):
    path = tmp_path / "a-file"
    path.write_text("x", encoding="utf-8")
    assert main(["export", "--out", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "is a file" in err
    assert path.read_text(encoding="utf-8") == "x"


def test_a_previous_export_is_replaced_and_only_its_own_files_removed(tmp_path, data):
    out = tmp_path / "site"
    export_site(out, _write(tmp_path, [{"task": "chat", "name": "first"}], "a.json"), data=data, day=DAY)
    (out / "readme-for-editors.txt").write_text("mine", encoding="utf-8")
    export_site(out, _write(tmp_path, [{"task": "image", "name": "second"}], "b.json"), data=data, day=DAY)
    names = {p.name for p in out.iterdir()}
    assert "second.html" in names and "readme-for-editors.txt" in names
    assert not any(n.startswith("first") for n in names)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/", "https://exa mple.org/\"><script>"])
def test_a_base_url_that_is_not_a_plain_web_address_is_refused_in_one_line(tmp_path, capsys, url):
    assert main(["export", "--out", str(tmp_path / "site"), "--base-url", url]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--base-url" in err
    assert not (tmp_path / "site").exists()


def test_without_a_base_url_pages_have_no_live_link_and_cite_without_one(tmp_path, data):
    out = tmp_path / "site"
    export_site(out, _write(tmp_path, [{"task": "chat", "name": "one"}]), data=data, day=DAY)
    page = parse(out / "one.html")
    assert not [a for t, a in page.tags if t == "a" and REMOTE.match(a.get("href") or "")]
    assert "http" not in read_json(out / "one.json")["citation"]
    assert "http" not in text_of(out / "one.html")


def test_the_readmes_example_options_file_exports_as_documented(tmp_path, data):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Static export for publishers"):]
    example = re.search(r"```json\n(.*?)```", section, re.S).group(1)
    summary = export_site(tmp_path / "site", _write(tmp_path, json.loads(example)), data=data, day=DAY)
    assert {"ten-images-france.png", "image-grids.svg", "index.html"} <= set(summary.files)


def test_a_file_of_the_users_in_a_previous_export_is_never_replaced(tmp_path, data, capsys):
    out = tmp_path / "site"
    export_site(out, _write(tmp_path, [{"task": "chat", "name": "first"}], "a.json"), data=data, day=DAY)
    (out / "mine.html").write_text("my page", encoding="utf-8")
    options = _write(tmp_path, [{"task": "image", "name": "mine"}], "b.json")
    assert main(["export", "--out", str(out), "--options", options]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "mine.html" in err, err
    assert (out / "mine.html").read_text(encoding="utf-8") == "my page"
    assert (out / "first.html").is_file()  # the refused export changed nothing


def test_the_json_citation_is_dated_like_the_pages(site):
    folder, _ = site
    record = read_json(folder / "typical-chat.json")
    assert f", {DAY.isoformat()}, {BASE}" in record["citation"]
    assert record["citation"] in text_of(folder / "typical-chat.html")


def test_a_folder_that_cannot_be_written_gets_one_line(tmp_path, capsys):
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    assert main(["export", "--out", str(blocked / "site")]) == 2  # a folder inside a file cannot be made
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "cannot write" in err, err


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12),
              st.sampled_from(["chat", "image", "sdxl", "gpt-4o", "FR", "10", "1,5", "", "compare", "name"])),
    lambda inner: st.one_of(st.lists(inner, max_size=5),
                            st.dictionaries(st.sampled_from(["task", "model", "n", "region", "name", "compare", "embed",
                                                             "boundary", "preset", "x\ny"]), inner, max_size=5)),
    max_leaves=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=JSON_VALUES)
def test_any_options_file_is_read_or_refused_with_one_line_per_bad_entry(data, entries):
    try:
        options, comparisons = read_entries(entries, data)
    except EstimatorError as exc:
        lines = getattr(exc, "problems", [exc.message])
        assert all("\n" not in line and "\r" not in line for line in [exc.message, *lines])
        if isinstance(entries, list) and hasattr(exc, "problems"):
            assert len(lines) <= len(entries)
        return
    assert isinstance(entries, list) and len(options) + len(comparisons) == len(entries)
