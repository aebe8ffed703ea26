"""The Claims check page (/claims, /claims?claim=ID), driven headless with AppTest through app.py.

Every verdict and figure on the page must be the library's (``estimator.claims.check_claim``), computed now; the
downloads must be the CLI's records; a bad id must give one notice and the list, never an exception.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from estimator.claims import all_claims, check_claim, find_claim
from estimator.cli import main as cli_main
from estimator.present import fmt_amount
from tests.app_helpers import APP, grams, open_page, texts, warnings

PAGE = "pages/claims.py"
CLAIM_ID = "one-image-four-miles"


def open_claims(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.switch_page(PAGE)
    return at.run()


def links(at: AppTest) -> list[tuple[str, str, str]]:
    """(label, page path, query string) of every page link on the page."""
    return [(x.proto.label, x.proto.page, x.proto.query_string) for x in at.get("page_link")]


def badges(at: AppTest) -> list[str]:
    return [t for t in texts(at) if "-badge[" in t]


def cli(*args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli_main(list(args)) == 0
    return out.getvalue()


@pytest.fixture
def served_files(monkeypatch):
    """The bytes every download button hands to Streamlit's media storage, by file name."""
    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            files[filename] = path_or_data if isinstance(path_or_data, bytes) else str(path_or_data).encode()
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return files


def clean(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not warnings(at), warnings(at)


# ------------------------------------------------------------------ the list

def test_the_list_shows_every_claim_with_the_librarys_verdict_and_its_own_link(data):
    at = open_claims()
    clean(at)
    checks = all_claims(data)
    assert len(checks) >= 15
    page = "\n".join(texts(at))
    for k in checks:
        assert k.claim.claim[:40] in page.replace("\\", ""), k.claim.claim_id
    assert len(badges(at)) == len(checks)  # one verdict badge per claim, no more
    own = [q for label, path, q in links(at) if path == "claims" and q]
    assert own == [f"claim={k.claim.claim_id}" for k in checks]  # in the table's order, one each


def test_a_claim_that_holds_only_in_a_narrower_case_says_which_case_in_the_list(data):
    narrower = [k for k in all_claims(data) if k.verdict == "holds only for"]
    assert narrower
    page = "\n".join(texts(open_claims())).replace("\\", "")
    for k in narrower:
        said = f"Only for {k.claim.alt_words}: the app computes {fmt_amount(k.alt_computed.central)}"
        assert said in page.replace("**", "")


def test_the_list_counts_verdicts_as_the_library_does(data):
    checks = all_claims(data)
    holds = sum(k.verdict == "holds" for k in checks)
    off = sum(k.verdict == "off" for k in checks)
    page = "\n".join(texts(open_claims()))
    assert f"{len(checks)} claims: {holds} hold," in page and f"{off} are off" in page


def test_the_verdict_filter_narrows_the_list_to_that_verdict(data):
    at = open_claims()
    at.segmented_control(key="cl_filter").set_value("Off").run()
    assert not at.exception
    off = [k for k in all_claims(data) if k.verdict == "off"]
    assert len(badges(at)) == len(off) > 0
    own = [q for label, path, q in links(at) if path == "claims" and q]
    assert own == [f"claim={k.claim.claim_id}" for k in off]


# ------------------------------------------------------------------ one claim per URL

@pytest.mark.parametrize("claim_id", [k.claim.claim_id for k in all_claims()])
def test_each_claims_own_url_opens_that_claim_with_the_verdict_computed_by_the_library(data, claim_id):
    k = check_claim(find_claim(claim_id, data), data)
    at = open_claims({"claim": claim_id})
    clean(at)
    page = "\n".join(texts(at)).replace("\\", "")
    assert f"“{k.claim.claim}”" in page
    assert k.claim.said_by in page and str(k.claim.said_year) in page
    assert k.words[:1].upper() + k.words[1:] in page  # the verdict in words
    assert len(badges(at)) == 1
    if k.computed is not None:  # the computed figure and its range, as the library rounds them
        for v in (k.computed.central, k.computed.low, k.computed.high):
            assert fmt_amount(v) in page
    assert k.claim.source.url in "\n".join(texts(at)) + str([m.proto.body for m in at.markdown])
    assert f"claims?claim={claim_id}" in page  # its stable link, to copy
    assert k.claim.why in page  # and why, in the source's own story
    beside_verdict = [x.value for x in at.caption if x.value.startswith("Not an independent check")]
    assert bool(beside_verdict) == (not k.independent)  # said beside the verdict, not only deep in "why"


def test_the_page_computes_from_the_data_it_runs_on_never_a_pasted_number(tmp_path, monkeypatch, data):
    """Oregon's grid made ten times dirtier: the page's figure for 'one image ≈ four miles' (an SDXL image in
    us-west-2) moves tenfold with it, and the claim's own words do not."""
    import shutil

    from estimator import load_data
    from pages import components
    from tests.conftest import DATA

    changed = tmp_path / "data"
    shutil.copytree(DATA, changed)
    grid = changed / "grid_intensity.csv"
    rows = grid.read_text(encoding="utf-8").split("\n")
    rows = [r.replace(",156.0,165.5,175.6,", ",1560.0,1655.0,1756.0,") if r.startswith("us-west-2,") else r
            for r in rows]
    grid.write_text("\n".join(rows), encoding="utf-8")
    dirty = load_data(changed)
    monkeypatch.setattr(components, "get_data", lambda: dirty)
    before = check_claim(find_claim(CLAIM_ID, data), data).computed.central
    after = check_claim(find_claim(CLAIM_ID, dirty), dirty).computed.central
    assert after == pytest.approx(10 * before)
    page = "\n".join(texts(open_claims({"claim": CLAIM_ID})))
    assert f"**{fmt_amount(after)} miles" in page and f"**{fmt_amount(before)} miles" not in page


def test_a_claim_id_in_capitals_or_with_spaces_opens_the_claim_and_tidies_the_link(data):
    at = open_claims({"claim": " One-Image-Four-Miles "})
    clean(at)
    assert at.query_params["claim"] in ("one-image-four-miles", ["one-image-four-miles"])
    assert "“One image-generation task is roughly equivalent" in "\n".join(texts(at))


def test_an_embedded_claim_is_its_card_alone_with_the_verdict_and_a_link_to_the_full_check(data):
    k = check_claim(find_claim("chatgpt-query-2.9-wh", data), data)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["claim"] = k.claim.claim_id
    at.context["is_embedded"] = True
    at.switch_page(PAGE)
    at.run()
    clean(at)
    page = "\n".join(texts(at)).replace("\\", "")
    assert not at.title and not at.header and not at.get("download_button")  # no chrome inside an article
    assert f"“{k.claim.claim}”" in page and f"Verdict: {k.words[:1].upper()}{k.words[1:]}" in page
    assert fmt_amount(k.computed.central) in page
    assert f"Only for {k.claim.alt_words}" in page  # the narrower case it holds for, with the app's figure for it
    assert fmt_amount(k.alt_computed.central) in page
    assert "(http://localhost:8501/claims?claim=chatgpt-query-2.9-wh)" in page  # the full check, one click away
    assert len(badges(at)) == 1


# ------------------------------------------------------------------ bad ids

@pytest.mark.parametrize("bad,closest", [("one-imag", "one-image-four-miles"),
                                         ("bloom-50", "bloom-50-tonnes-60-flights"),
                                         ("<script>alert(1)</script>", None), ("", None), ("x" * 500, None)])
def test_a_bad_claim_id_gives_one_notice_naming_the_closest_ids_then_the_list(data, bad, closest):
    at = open_claims({"claim": bad})
    assert not at.exception, [e.message for e in at.exception]
    assert len(warnings(at)) == 1
    notice = warnings(at)[0]
    assert notice.startswith("There is no claim" if bad else "The link names no claim")
    assert "<script" not in notice and len(notice) < 400
    if closest:
        assert closest.replace("-", "\\-") in notice or closest in notice
    assert len(badges(at)) == len(all_claims(data))  # then the whole list


def test_a_repeated_claim_parameter_opens_the_first_with_one_notice():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["claim"] = ["bloom-19-kg-54-miles", "one-image-four-miles"]
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert len(warnings(at)) == 1 and "repeats" in warnings(at)[0]
    assert "54 miles" in "\n".join(texts(at))


# ------------------------------------------------------------------ downloads = the CLI's records

def test_the_lists_downloads_are_the_clis_json_and_csv(served_files):
    clean(open_claims())
    assert json.loads(served_files["ai-flight-label-claims.json"]) == json.loads(cli("claims", "--format", "json"))
    page_csv = served_files["ai-flight-label-claims.csv"].decode("utf-8")
    assert page_csv.strip() == cli("claims", "--format", "csv").strip()


def test_one_claims_downloads_are_the_clis_records_for_that_claim(served_files):
    clean(open_claims({"claim": "power-cap-20-30-percent"}))
    page = json.loads(served_files["ai-flight-label-claim-power-cap-20-30-percent.json"])
    assert page == json.loads(cli("claims", "--claim", "power-cap-20-30-percent", "--format", "json"))
    assert len(page) == 1


# ------------------------------------------------------------------ links to the Estimate page

@pytest.mark.parametrize("claim_id", [k.claim.claim_id for k in all_claims() if k.claim.method == "estimate"])
def test_the_estimate_link_of_a_claim_opens_the_same_scenario_with_the_same_grams(data, claim_id):
    k = check_claim(find_claim(claim_id, data), data)
    first = next(q for label, path, q in links(open_claims({"claim": claim_id})) if path == "" and q)
    params = dict(p.split("=", 1) for p in first.split("&"))
    est = open_page("estimate", params)
    assert not est.exception
    shown = grams(est)
    assert shown == pytest.approx(k.estimate.co2e_g.central, rel=0.05)  # the headline is rounded to 2 figures


def test_a_reduction_claim_links_both_sides_of_the_change(data):
    found = [q for label, path, q in links(open_claims({"claim": "power-cap-20-30-percent"})) if path == "" and q]
    assert len(found) == 2 and "hw=h100-capped" in found[1] and "hw=" not in found[0]


def test_a_claim_that_gives_its_own_amount_has_no_estimate_link():
    at = open_claims({"claim": "bloom-50-tonnes-60-flights"})
    clean(at)
    assert not [q for label, path, q in links(at) if path == ""]


# ------------------------------------------------------------------ a broken claims table

@pytest.mark.parametrize("params", [{}, {"claim": CLAIM_ID}])
def test_a_broken_claims_table_gives_one_line_naming_it_not_a_traceback(monkeypatch, params):
    import estimator.claims as claims
    from estimator.errors import DataError

    def broken(*args, **kwargs):
        raise DataError("claims.csv row 3, column claimed_low: 'four' is not a number", "write a number: 4")

    monkeypatch.setattr(claims, "read_claims", broken)
    at = open_claims(params)
    assert not at.exception, [e.message for e in at.exception]
    assert [e.value for e in at.error] and len(at.error) == 1
    assert "claims.csv row 3" in at.error[0].value and "write a number" in at.error[0].value
    assert not badges(at)


# ------------------------------------------------------------------ presentation mode (a class checks one claim)

def _checked_claim(data):
    from estimator.claims import all_claims
    return next(k for k in all_claims(data) if k.computed is not None)


def test_in_presentation_mode_a_claim_asks_the_class_first_and_reveals_the_number_and_verdict_after(data):
    from estimator.present import fmt_amount
    from tests.app_helpers import button, open_page, texts

    k = _checked_claim(data)
    at = open_page("claims", {"claim": k.claim.claim_id, "present": "1"})
    assert not at.exception
    before = " ".join(texts(at))
    answer = fmt_amount(k.computed.central)  # the unit is in the question
    assert "What does AI Flight Label compute" in before
    assert "Claims check" not in [t.value for t in at.title]
    assert answer not in [m.value for m in at.metric] and "Verdict:" not in before
    at = button(at, "Reveal").click().run()
    after = " ".join(texts(at))
    assert answer in [m.value for m in at.metric]
    assert "Verdict:" in after
    assert at.query_params["present"] == ["1"] or at.query_params["present"] == "1"


def test_presentation_mode_off_shows_the_full_claim_check_and_drops_present_from_the_link(data):
    from tests.app_helpers import open_page, texts

    k = _checked_claim(data)
    at = open_page("claims", {"claim": k.claim.claim_id, "present": "1"})
    at.toggle(key="clm_present").set_value(False).run()
    shown = " ".join(texts(at))
    assert "Claimed and computed" in shown and "Verdict:" in shown
    assert "present" not in at.query_params
