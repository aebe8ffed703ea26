"""Links that keep their numbers: an old link (v=2026.1) shows the number its own version computed, beside today's.

The old number is computed here by importing the frozen package directly (under a name of this test's own) and
calling its own ``estimate`` — never a literal copied from a run.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import math
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from estimator import estimate, label, load_data, methodology_version
from estimator.errors import EstimatorError
from estimator.urlstate import parse_params, to_params
from estimator.scenario import Scenario
from estimator import versions as V

ROOT = Path(__file__).resolve().parent.parent
RELEASES = ROOT / "releases"
DATA = load_data()
EXCLUDED = ("data/build/", "data/fonts/")


def _frozen_directly(version: str):
    """The frozen package imported by path under this test's own module name (not through estimator.versions)."""
    name = "frozen_under_test_" + version.replace(".", "_")
    if name in sys.modules:
        return sys.modules[name]
    folder = RELEASES / version / "estimator"
    spec = importlib.util.spec_from_file_location(name, folder / "__init__.py", submodule_search_locations=[str(folder)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    previous, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # the frozen copy stays as archived
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = previous
    return module


def _frozen_commit(version: str) -> str:
    lines = (RELEASES / version / "FROZEN.txt").read_text(encoding="utf-8").splitlines()
    return next(line.split(":", 1)[1].strip() for line in lines if line.startswith("commit:"))


def _has_git_commit(commit: str) -> bool:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", commit + "^{commit}"],
                              capture_output=True).returncode == 0
    except OSError:
        return False


FROZEN = V.frozen_versions()
# a link whose number moved between versions: the video model's frame rate was audited in 2026.3
MOVED = {"task": "video", "model": "cogvideox-1.5-5b", "n": "1", "region": "FR"}


def test_every_version_before_the_current_one_is_frozen():
    assert FROZEN == ("2026.1", "2026.2")
    assert V.released_versions() == (*FROZEN, methodology_version())
    for v in FROZEN:
        assert f"Version: {v}\n" in (RELEASES / v / "METHODOLOGY.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("version", FROZEN)
def test_an_old_link_shows_the_number_its_own_version_computes_and_todays(version):
    old = _frozen_directly(version)
    old_data = old.load_data()
    old_e = old.estimate(old.Scenario(task="video", model="cogvideox-1.5-5b", count=1, region="FR"), old_data)
    today = estimate(Scenario(task="video", model="cogvideox-1.5-5b", count=1, region="FR"), DATA)

    r = V.estimate_at(version, {**MOVED, "v": version}, DATA)
    assert (r.then.co2e_g.low, r.then.co2e_g.central, r.then.co2e_g.high) == (old_e.co2e_g.low, old_e.co2e_g.central,
                                                                              old_e.co2e_g.high)
    assert r.then.category == old.label(old_e, old_data).category
    assert (r.now.co2e_g.central, r.now.category) == (today.co2e_g.central, label(today, DATA).category)
    assert r.then.co2e_g.central != r.now.co2e_g.central  # the frame-rate audit moved this link's number


def test_an_old_link_is_read_with_its_own_versions_link_rules():
    """2026.1 had no serving mode: its parser ignored mode= (with a notice); today's reads it."""
    r = V.estimate_at("2026.1", {**MOVED, "mode": "self-hosted", "v": "2026.1"}, DATA)
    assert any("mode" in n for n in r.then.notices)
    assert not r.now.notices
    old = _frozen_directly("2026.1")
    old_e = old.estimate(old.Scenario(task="video", model="cogvideox-1.5-5b", count=1, region="FR"), old.load_data())
    assert r.then.co2e_g.central == old_e.co2e_g.central


@pytest.mark.parametrize("version", FROZEN)
def test_the_frozen_folder_is_git_archive_of_its_commit(version):
    commit = _frozen_commit(version)
    if not (ROOT / ".git").exists() or not _has_git_commit(commit):
        pytest.skip("no git history here (e.g. a tarball): the folder cannot be compared with its commit")
    blob = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, "estimator", "data",
                           "METHODOLOGY.md"], capture_output=True, check=True).stdout
    tar = tarfile.open(fileobj=io.BytesIO(blob))
    archived = {m.name: tar.extractfile(m).read() for m in tar.getmembers()
                if m.isfile() and not m.name.startswith(EXCLUDED)}
    folder = RELEASES / version
    on_disk = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and p.name != "FROZEN.txt"}
    assert sorted(on_disk) == sorted(archived)
    assert on_disk == archived


def test_every_version_in_the_changelog_before_todays_is_frozen():
    """Starting a new version without freezing the one before would break that version's links: this fails then."""
    older = [v for v in V.changelog_entries() if v != methodology_version()]
    assert older and set(older) <= set(FROZEN)


def _freeze_script():
    spec = importlib.util.spec_from_file_location("freeze_under_test", RELEASES / "freeze.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("version", FROZEN)
def test_the_frozen_commit_is_the_last_one_of_its_version(version):
    """The commit that starts the next version (its Version: line changes) has the frozen commit as its parent."""
    commit = _frozen_commit(version)
    if not (ROOT / ".git").exists() or not _has_git_commit(commit):
        pytest.skip("no git history here (e.g. a tarball)")
    git = ["git", "-C", str(ROOT)]
    changes = subprocess.run([*git, "log", "--format=%H %P", "-G^Version: ", "--", "METHODOLOGY.md"],
                             capture_output=True, text=True, check=True).stdout.split("\n")
    starts = {}
    for line in filter(None, changes):
        sha, *parents = line.split()  # the first commit has no parent
        parent = parents[0] if parents else None
        text = subprocess.run([*git, "show", f"{sha}:METHODOLOGY.md"], capture_output=True, text=True).stdout
        starts[next(x.split()[1] for x in text.splitlines() if x.startswith("Version:"))] = parent
    later = sorted((v for v in starts if V._version_key(v) > V._version_key(version)), key=V._version_key)
    assert later and starts[later[0]] == commit


@pytest.mark.parametrize("version", FROZEN)
def test_freezing_again_writes_the_same_frozen_txt(version):
    freeze = _freeze_script()
    commit, why = freeze.RELEASES[version]
    if not (ROOT / ".git").exists() or not _has_git_commit(commit):
        pytest.skip("no git history here (e.g. a tarball)")
    assert freeze.frozen_note(version, commit, why) == (RELEASES / version / "FROZEN.txt").read_text(encoding="utf-8")
    assert set(freeze.RELEASES) == set(FROZEN)


@pytest.mark.parametrize("version", FROZEN)
def test_frozen_txt_names_the_commit_its_date_and_why(version):
    text = (RELEASES / version / "FROZEN.txt").read_text(encoding="utf-8")
    assert f"version: {version}\n" in text and "\ndate: " in text and "\nwhy: " in text
    assert len(_frozen_commit(version)) == 40


@pytest.mark.parametrize("version", FROZEN)
def test_every_released_version_loads_and_estimates_each_tasks_default(version):
    old = _frozen_directly(version)
    for task in old.load_data().tasks:
        f = V.figure_at(version, {"task": task})
        assert 0 < f.co2e_g.low <= f.co2e_g.central <= f.co2e_g.high and math.isfinite(f.co2e_g.high), task
        assert f.category in ("lower", "typical", "higher")


def test_loading_a_frozen_version_leaves_todays_library_alone():
    before = sys.modules["estimator"]
    rel = V.load_release("2026.1")
    assert rel.__name__ == "afl_release_2026_1" and sys.modules["estimator"] is before
    assert Path(rel.__file__).is_relative_to(RELEASES / "2026.1")
    assert Path(importlib.import_module("afl_release_2026_1.data").DATA_DIR) == RELEASES / "2026.1" / "data"
    assert rel.methodology_version() == "2026.1" and methodology_version() != "2026.1"


def test_loading_a_frozen_version_writes_nothing_into_its_folder(tmp_path):
    """A deployed folder may be read-only, and the copy must stay byte for byte its commit's: no .pyc, even in a
    Python that writes bytecode (a fresh interpreter without PYTHONDONTWRITEBYTECODE)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    code = "from estimator import versions as V; print(V.figure_at('2026.2', {'task': 'chat'}).co2e_g.central)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert float(out.stdout) > 0
    assert not list((RELEASES / "2026.2").rglob("__pycache__"))


def test_an_unknown_version_gives_one_notice_naming_the_released_versions():
    notice = V.version_notice({"task": "image", "v": "1999.9"})
    assert notice is not None and "1999.9" in notice
    assert all(v in notice for v in V.released_versions())
    with pytest.raises(EstimatorError):
        V.estimate_at("1999.9", {"task": "image"}, DATA)


def test_a_released_version_without_its_frozen_copy_says_so(monkeypatch, tmp_path):
    monkeypatch.setattr(V, "RELEASES_DIR", tmp_path / "not-installed")
    notice = V.version_notice({"task": "image", "v": "2026.1"})
    assert notice is not None and "2026.1" in notice and "never released" not in notice
    with pytest.raises(EstimatorError) as exc:
        V.estimate_at("2026.1", {"task": "image"}, DATA)
    assert "freeze.py" in exc.value.hint


def test_a_link_of_todays_version_or_without_one_adds_nothing():
    assert V.version_notice({"task": "image", "v": methodology_version()}) is None
    assert V.version_notice({"task": "image"}) is None
    assert V.version_notice({"task": "image", "v": "2026.1"}) is None


def test_links_written_now_carry_the_current_version_and_read_back_without_a_notice():
    params = to_params(Scenario(task="image"), DATA)
    assert params["v"] == methodology_version()
    parsed = parse_params(params, DATA)
    assert parsed.notices == ()
    assert parsed.scenario == parse_params({k: v for k, v in params.items() if k != "v"}, DATA).scenario


def test_what_changed_has_one_line_per_later_version_from_the_changelog():
    lines = V.what_changed("2026.1")
    assert [line.split(":", 1)[0] for line in lines] == ["2026.2", methodology_version()]
    entries = V.changelog_entries()
    for line in lines:
        version, text = line.split(": ", 1)
        assert text.split(":")[0] in entries[version]  # the entry's own words
    assert V.what_changed(methodology_version()) == ()


def test_a_first_sentence_stops_outside_brackets():
    text = "- **2099.1** — one thing (a; b) changed; the rest did not.\n- **2099.2** — heading:\n  - first bullet: more"
    entries = V.changelog_entries("## Changelog\n\n" + text)
    assert V.summary_line(entries["2099.1"]) == "one thing (a; b) changed"
    assert V.summary_line(entries["2099.2"]) == "heading: first bullet"


def test_then_and_now_sentences_name_both_versions():
    then, now = V.then_and_now_lines(V.estimate_at("2026.1", MOVED, DATA))
    assert then.startswith("This link was made with methodology 2026.1: it showed ")
    assert now.startswith(f"Today's method ({methodology_version()}) gives ")


# ---- the page side: version_block in a tiny page of its own (pages/estimate.py calls it in the app)

def _version_page():
    import streamlit as st

    from estimator import load_data as _load
    from pages.components import version_block

    version_block(st.query_params.to_dict(), _load())


def _run_version_page(params: dict):
    from streamlit.testing.v1 import AppTest

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    at = AppTest.from_function(_version_page, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def _rewriting_page():
    """Like the Estimate page: the block first, then the URL rewritten to today's canonical link (v=<current>)."""
    import streamlit as st

    from estimator import load_data as _load
    from estimator.urlstate import parse_params as _parse, to_params as _to_params
    from pages.components import version_block

    data = _load()
    raw = {k: st.query_params.get_all(k) for k in st.query_params}
    version_block(raw, data)
    st.query_params.from_dict(_to_params(_parse(raw, data).scenario, data))


def test_the_old_number_stays_while_the_scenario_is_the_links_and_goes_when_it_changes():
    from streamlit.testing.v1 import AppTest

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    at = AppTest.from_function(_rewriting_page, default_timeout=60)
    for k, v in {**MOVED, "v": "2026.1"}.items():
        at.query_params[k] = v
    at.run()
    assert len(at.info) == 1 and at.query_params["v"] == methodology_version()  # the URL now carries today's v=
    at.run()  # a rerun (a download, a reveal) with the scenario unchanged
    assert len(at.info) == 1 and "2026.1" in at.info[0].value
    at.query_params["n"] = "5"  # the reader changed an input
    at.run()
    assert not at.info and not at.exception


def test_an_old_v_link_page_shows_the_old_number_and_todays():
    at = _run_version_page({**MOVED, "v": "2026.1"})
    assert not at.exception
    infos = [i.value for i in at.info]
    assert len(infos) == 1
    old = _frozen_directly("2026.1")
    old_e = old.estimate(old.Scenario(task="video", model="cogvideox-1.5-5b", count=1, region="FR"), old.load_data())
    from estimator.present import fmt_grams
    from estimator.uncertainty import Range
    old_words = fmt_grams(Range(old_e.co2e_g.low, old_e.co2e_g.central, old_e.co2e_g.high))
    today_words = fmt_grams(estimate(Scenario(**{"task": "video", "model": "cogvideox-1.5-5b", "region": "FR"}),
                                     DATA).co2e_g)
    text = infos[0].replace("\\", "")
    assert "made with methodology 2026.1" in text and old_words in text and today_words in text
    assert "What changed since 2026.1" in text and "2026.2:" in text


def _compact_page():
    import streamlit as st

    from estimator import load_data as _load
    from pages.components import version_block

    version_block(st.query_params.to_dict(), _load(), compact=True)


def test_an_embedded_old_link_shows_both_numbers_in_one_caption():
    from streamlit.testing.v1 import AppTest

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    at = AppTest.from_function(_compact_page, default_timeout=60)
    for k, v in {**MOVED, "v": "2026.2"}.items():
        at.query_params[k] = v
    at.run()
    assert not at.info and len(at.caption) == 1
    text = at.caption[0].value.replace("\\", "")
    assert "made with methodology 2026.2" in text and f"Today's method ({methodology_version()})" in text
    assert "What changed" not in text


def test_an_unknown_v_link_page_shows_one_notice_and_no_old_number():
    at = _run_version_page({"task": "image", "v": "1999.9"})
    assert not at.exception
    assert len(at.warning) == 1 and "1999.9" in at.warning[0].value
    assert not at.info


def test_a_comparison_link_with_an_old_v_is_not_read_as_one_default_estimate():
    at = _run_version_page({"a": "image:sdxl:PL", "b": "image:sdxl:FR", "v": "2026.1"})
    assert not at.exception and not at.info and not at.warning


def test_a_current_v_link_page_shows_nothing_extra():
    at = _run_version_page({"task": "image", "v": methodology_version()})
    assert not at.exception and not at.warning and not at.info


# ---- the command line: python -m estimator link URL

def _old_estimate(version: str):
    old = _frozen_directly(version)
    return old.estimate(old.Scenario(task="video", model="cogvideox-1.5-5b", count=1, region="FR"), old.load_data())


def test_the_link_command_prints_the_old_number_beside_todays(capsys):
    import json

    from estimator.cli import main
    url = "https://example.org/?task=video&model=cogvideox-1.5-5b&n=1&region=FR&v=2026.1"
    assert main(["link", url, "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["then"]["co2e_g"]["central"] == _old_estimate("2026.1").co2e_g.central
    today = estimate(Scenario(task="video", model="cogvideox-1.5-5b", region="FR"), DATA)
    assert record["now"]["co2e_g"]["central"] == today.co2e_g.central
    assert [line.split(":")[0] for line in record["what_changed"]] == ["2026.2", methodology_version()]
    assert main(["link", url]) == 0
    text = capsys.readouterr().out
    assert "made with methodology 2026.1" in text and f"Today's method ({methodology_version()})" in text


@pytest.mark.parametrize("argv", [["link", "https://example.org/"], ["link", ""], ["link", "task=image", "--format", "csv"]])
def test_the_link_command_refuses_bad_input_in_one_line(argv, capsys):
    from estimator.cli import main
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_the_link_command_names_an_unknown_version_and_shows_todays(capsys):
    from estimator.cli import main
    assert main(["link", "task=image&v=1999.9"]) == 0
    out = capsys.readouterr().out
    assert "1999.9" in out and "never released" in out and f"Today's method ({methodology_version()})" in out


# ---- old code meets odd links: one clear line, never a traceback

from hypothesis import HealthCheck, given, settings, strategies as hs  # noqa: E402

ODD_VALUES = ["", " ", "1,5", "1,000", "1e400", "-1", "nan", "inf", "0x10", "１２", "\x00", "é", "x" * 200, "sdxl",
              "gpt-4o", "FR", "US-CA", "lifecycle", "self-hosted", "custom", "70", "3", "winter", "0.5", "24"]
KEYS = ["task", "model", "n", "region", "preset", "in", "out", "words", "summary", "w", "h", "steps", "secs", "hw",
        "dc", "batch", "boundary", "hour", "season", "params", "active", "mode", "precision", "count", "zzz"]


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(hs.sampled_from(FROZEN),
       hs.dictionaries(hs.sampled_from(KEYS), hs.one_of(hs.sampled_from(ODD_VALUES), hs.text(max_size=8)), max_size=5))
def test_any_old_link_gives_numbers_or_one_clear_line(version, params):
    try:
        r = V.estimate_at(version, {**params, "v": version}, DATA)
    except EstimatorError as exc:
        assert exc.message and "\n" not in exc.message
        return
    assert 0 < r.then.co2e_g.central and 0 < r.now.co2e_g.central
