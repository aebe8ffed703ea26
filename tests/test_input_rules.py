"""Bad input gets one clear line and numbers are never misread (CLI, URL parameters, library)."""

import pytest

from estimator import EstimatorError, Scenario, estimate, load_data
from estimator.cli import main
from estimator.scenario import LIMITS, plain_number
from estimator.urlstate import parse_params


def cli(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ the CLI: one line, the right help

@pytest.mark.parametrize("argv", [
    ["equivalents", "--wh=--"],
    ["equivalents", "--grams=--"],
    ["compare", "--region=--"],
    ["compare", "--model=--"],
    ["estimate", "--model=--"],
    ["estimate", "--count=--"],
    ["label", "--region=--"],
    ["models", "--task=--"],
])
def test_a_lone_double_dash_as_a_value_is_an_error_line_not_a_traceback(argv, capsys):
    code, out, err = cli(argv, capsys)
    assert code == 2 and out == ""
    assert err.startswith("error:") and err.count("\n") == 1
    assert argv[1].split("=")[0] in err  # names the option


def test_an_empty_model_value_never_falls_back_to_the_typical_model(capsys):
    code, out, _ = cli(["estimate", "--model=--"], capsys)
    assert code == 2 and "GPT" not in out


@pytest.mark.parametrize("argv", [
    ["estimate", "--region", "Atl\nantis"],
    ["estimate", "--model", "gpt\r\n-17"],
    ["estimate", "--bogus\nflag"],
    ["regions", "--kind", "a\nb\x1b[31m"],
    ["frob\nnicate"],
    ["estimate", "--count", "1\n5"],
    ["estimate", "--task", "chat\u2028x"],
    ["equivalents", "--grams", "1\x0b2"],
])
def test_a_line_break_in_an_argument_never_makes_a_second_error_line(argv, capsys):
    code, out, err = cli(argv, capsys)
    assert code == 2
    assert err.startswith("error:") and len(err.splitlines()) == 1, err
    assert "\x1b" not in err


@pytest.mark.parametrize("argv,hint", [
    (["frobnicate"], "see: python -m estimator --help"),
    (["--bogus"], "see: python -m estimator --help"),
    (["estimate", "--bogus"], "see: python -m estimator estimate --help"),
    (["compare", "--format"], "see: python -m estimator compare --help"),
    (["equivalents", "--grams", "1", "extra"], "see: python -m estimator equivalents --help"),
])
def test_parse_errors_point_to_the_help_of_the_command_that_was_typed(argv, hint, capsys):
    code, _, err = cli(argv, capsys)
    assert code == 2 and err.rstrip().endswith(hint), err
    assert "estimator estimator" not in err


# ------------------------------------------------------------------ numbers: a comma is only ever a thousands separator

@pytest.mark.parametrize("text,value", [
    ("1,000", 1000), ("12,345", 12345), ("1,234,567", 1234567), ("1_000", 1000), ("2,500.5", 2500.5),
    ("1.5", 1.5), (" 3 ", 3), ("+7", 7),
])
def test_thousands_separators_in_groups_of_three_are_read_as_thousands(text, value):
    assert Scenario(count=text).count == text  # the scenario keeps the text; resolve reads it
    assert estimate(count=text).scenario.count == value


@pytest.mark.parametrize("text", ["1,5", "1,50", "10,0000", "1,0000,000", ",100", "100,", "1,,000", "1_0",
                                  "1__000", "1,000_000", "1.000,5", "1,000,00"])
def test_a_comma_or_underscore_that_is_not_a_thousands_separator_is_refused(text):
    with pytest.raises(EstimatorError) as exc:
        estimate(count=text)
    assert "separator" in exc.value.message or "must be a number" in exc.value.message


def test_a_decimal_comma_gets_the_hint_to_use_a_dot(capsys):
    code, out, err = cli(["estimate", "--count", "1,5"], capsys)
    assert code == 2 and out == ""
    assert "use a dot for decimals: 1.5" in err


def test_a_decimal_comma_in_a_link_is_ignored_with_a_notice_not_read_as_fifteen():
    parsed = parse_params({"n": "1,5"}, load_data())
    assert parsed.scenario.count == 1  # the default, not 15
    assert len(parsed.notices) == 1 and "1.5" in parsed.notices[0]


def test_a_grouped_count_in_a_link_is_read_as_thousands():
    parsed = parse_params({"n": "2,000"}, load_data())
    assert parsed.scenario.count == 2000 and parsed.notices == ()


@pytest.mark.parametrize("argv", [["equivalents", "--grams", "1,5"], ["equivalents", "--wh", "2,50"],
                                  ["estimate", "--task", "image", "--width", "10,24"],
                                  ["estimate", "--hour", "1,5", "--region", "FR"]])
def test_every_number_option_of_the_cli_follows_the_same_rule(argv, capsys):
    code, out, err = cli(argv, capsys)
    assert code == 2 and "thousands separator" in err, err


def test_a_grouped_width_and_grams_are_read_as_thousands(capsys):
    code, out, err = cli(["estimate", "--task", "image", "--width", "1,024", "--format", "json"], capsys)
    assert code == 0, err
    assert '"width": 1024' in out
    code, out, err = cli(["equivalents", "--grams", "1,000", "--format", "csv"], capsys)
    assert code == 0, err


# ------------------------------------------------------------------ numbers in messages read as people write them

def test_the_count_limit_reads_with_thousands_separators_not_an_exponent():
    with pytest.raises(EstimatorError) as exc:
        estimate(count=LIMITS["count"] * 10)
    assert "1e+" not in exc.value.message and "e+" not in exc.value.message
    assert "max 1,000,000,000" in exc.value.message


@pytest.mark.parametrize("value,text", [(1e9, "1,000,000,000"), (600, "600"), (0.0625, "0.0625"), (12.5, "12.5"),
                                        (2_000_000, "2,000,000")])
def test_plain_numbers_have_no_exponent(value, text):
    assert plain_number(value) == text


def test_a_huge_integer_is_a_clear_error_not_an_overflow():
    with pytest.raises(EstimatorError):
        estimate(count=10**400)


# ------------------------------------------------------------------ user text in notices stays literal text

EMAIL = r"[\w.+-]+@[\w-]+(\.[\w-]+)+"  # what GitHub-flavoured markdown turns into a mailto link
SHORTCODE = r":[\w+\-/]+:"  # what Streamlit turns into an emoji or icon


def _components():
    import sys
    from tests.app_helpers import ROOT
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from pages import components
    return components


@pytest.mark.parametrize("text", ["support@evil.example", "n=:rocket:", "x :material/home: y", "a@b.co and :+1:",
                                  "mail me: first.last+tag@sub.example.org", ":heart_eyes:", "a_b@c_d.example"])
def test_markdown_helper_leaves_no_email_link_or_emoji_pattern(text):
    import re
    out = _components().md(text)
    unescaped = re.sub(r"\\(.)", r"\1", out)  # what markdown shows once its escapes are read
    assert not re.search(EMAIL, unescaped) and not re.search(SHORTCODE, unescaped), repr(out)
    assert unescaped.replace("\u200b", "") == text  # the same text to the eye


@pytest.mark.parametrize("params", [{"support@evil.example": "1"}, {"n": ":rocket:"}, {"region": ":fire:"},
                                    {"n": ":heart_eyes:"}, {"a_b@c_d.example": "1"},
                                    {"model": "a@b.example"}, {":material/home:": "x"}])
def test_a_notice_shows_link_text_literally_on_the_page(params):
    import re
    from tests.app_helpers import open_page, warnings
    at = open_page("estimate", params)
    assert not at.exception
    notes = warnings(at)
    assert notes, params
    for n in notes:
        shown = re.sub(r"\\(.)", r"\1", n)  # the text once markdown has read its escapes
        assert not re.search(EMAIL, shown) and not re.search(SHORTCODE, shown), repr(n)
        assert "\n" not in n


def test_an_invisible_direction_override_in_an_argument_is_shown_escaped(capsys):
    code, _, err = cli(["estimate", "--bogus\u202eflag"], capsys)
    assert code == 2 and "\u202e" not in err and "\\u202e" in err


def test_the_largest_amount_equivalents_accepts_reads_in_plain_digits(capsys):
    code, _, err = cli(["equivalents", "--grams", "1e16"], capsys)
    assert code == 2 and "1,000,000,000,000,000" in err and "e+" not in err


def test_a_space_as_thousands_separator_is_refused_with_the_accepted_spellings(capsys):
    code, out, err = cli(["estimate", "--count", "1 000"], capsys)
    assert code == 2 and out == "" and "1,000 or 1000" in err
