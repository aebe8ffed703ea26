"""``python -m estimator``: the library for scripts and journalists.

Every bad argument exits with status 2 and one line on stderr (what is wrong, and a hint);
never a traceback.

``--lang fr`` (or zh-Hans, zh-Hant; anywhere on the line, default English) writes the human output
(tables and text) and the one-line errors in that language, numbers as the locale writes them.
``--format json`` and ``csv`` stay English with language-neutral keys whatever the language. The
environment's LANG/LC_ALL is deliberately not read: a script's output does not change with the
machine it runs on. Numbers the CLI reads stay language-neutral: ``--count 1,5 --lang fr`` is an
error that names the dot (1.5), never 15.
"""

from __future__ import annotations

import argparse
import contextvars
import json
import math
import sys
import unicodedata
from dataclasses import asdict

from .card import (CATEGORY_WORDS, FIGURE_WORDS, _best_change_words, _count_words, _equivalent_words, _kind_words,
                   _share_words, boundary_words, grid_words)
from .i18n import LANGS, N_, Translator, parse_lang, translator
from .i18n.names import (alternative_label, alternative_trade_off, preset_label, task_name, task_unit,
                         zone_name)

from .basis import estimate_basis
from .data import load_data
from .errors import EstimatorError
from .estimate import Estimate, estimate
from .facility import energy_boundary
from .label import FlightLabel, label
from .lifecycle import PART_WORDS, PARTS, TRAINING_JUDGEMENT, training_judgement
from .uncertainty import driver_words
from .present import (change_words, citation_line, csv_text, estimate_record, flat_record, fmt_amount, fmt_grams,
                      fmt_range, fmt_wh, grams_unit, label_percent, label_words, not_counted, result_sources,
                      saved_percent_words, serving_words)
from .present import accounting_lines, model_name
from .scenario import Scenario, parse_number_text, plain_number


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage and exit 2; we keep it to one line
        # self.prog is "python -m estimator" or "python -m estimator <command>": the right help either way
        raise EstimatorError(message, _T.get()._("see: {command} --help", command=self.prog))

    def _get_values(self, action, arg_strings):
        # argparse drops a lone "--" from an option's value and hands over an empty list instead of
        # a string (`--wh=--`); every option here takes exactly one value, so that is "no value".
        if action.option_strings and action.nargs is None and list(arg_strings) == ["--"]:
            self.error(f"argument {'/'.join(action.option_strings)}: expected a value, not '--'")
        value = super()._get_values(action, arg_strings)
        if action.option_strings and action.nargs is None and not isinstance(value, str):
            self.error(f"argument {'/'.join(action.option_strings)}: expected one value")
        return value


# The reader's language for this run (--lang), for the few places argparse calls back into.
_T: contextvars.ContextVar[Translator] = contextvars.ContextVar("cli_translator", default=translator("en"))


def _pop_lang(argv: list[str]) -> tuple[str, list[str]]:
    """--lang VALUE or --lang=VALUE anywhere before a lone "--" (before or after the command) → (lang, the rest).
    Read first, so that even an error in the other arguments is written in the reader's language."""
    lang, rest, i = "en", [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg == "--lang" or arg.startswith("--lang="):
            if arg == "--lang":
                if i + 1 >= len(argv):
                    raise EstimatorError("argument --lang: expected one value", "use one of: " + ", ".join(LANGS))
                value, i = argv[i + 1], i + 2
            else:
                value, i = arg[len("--lang="):], i + 1
            lang = parse_lang(value)
            continue
        rest.append(arg)
        i += 1
    return lang, rest


def one_line(text: str) -> str:
    """Text safe to echo on one terminal line: control characters and line breaks shown as escapes."""
    out = []
    for ch in str(text):
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):  # Cf: bidi overrides can reorder a line
            out.append(ascii(ch)[1:-1])
        else:
            out.append(ch)
    return "".join(out)


def _scenario_args(p: argparse.ArgumentParser, multi: bool = False) -> None:
    p.add_argument("--task", default="chat", help="chat | summarize | image | video (default chat)")
    p.add_argument("--model", default=None, help="model id (see `models`), or custom with --params; omit for the "
                   "task's typical model"
                   + ("; comma-separate several to compare" if multi else ""))
    p.add_argument("--count", default="1", help="how many queries / documents / images / clips (default 1)")
    p.add_argument("--region", default="WORLD", help="ISO code, country or state name, or cloud region id"
                   + ("; comma-separate several to compare" if multi else ""))
    p.add_argument("--hardware", default="h100", help="h100 | a100 | h100-capped | a100-capped")
    p.add_argument("--datacenter", default="typical-cloud", help="typical-cloud | efficient-hyperscale | industry-average")
    p.add_argument("--batch", default="typical", help="LLM serving load: typical | large_batch | low_load")
    p.add_argument("--boundary", default="datacenter",
                   help="gpu | server | fleet | datacenter | lifecycle (default datacenter; lifecycle adds "
                        "embodied hardware and amortized training to operation)")
    p.add_argument("--mode", default="production",
                   help="serving mode: production (batched, default) | self-hosted (one request at a time)")
    p.add_argument("--precision", default=None,
                   help="weights' precision for text models: as-served (default: the model's own) | fp32 | bf16 | fp8 | "
                        "mxfp4 | int4 (data/precision.csv)")
    p.add_argument("--preset", default=None, help="workload preset of the task (see `models --presets`)")
    for name in ("input-tokens", "output-tokens", "doc-words", "summary-words", "width", "height", "steps", "seconds"):
        p.add_argument(f"--{name}", default=None)
    p.add_argument("--params", default=None, help="with --model custom: total parameters in billions (e.g. 70)")
    p.add_argument("--active-params", default=None,
                   help="with --model custom: active parameters in billions (mixture of experts; default: total)")
    p.add_argument("--hour", default=None, help="local hour 0-23 on a typical day (regions with an hourly profile)")
    p.add_argument("--season", default=None, help="winter | spring | summer | autumn (with --hour; default: now)")
    p.add_argument("--format", default="table", help="table | json | csv")
    if not multi:
        p.add_argument("--live", action="store_true",
                       help="use live grid data where a provider covers the region (falls back to the annual average)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m estimator", description="AI Flight Label: the footprint of an AI task.")
    parser.add_argument("--lang", default="en", choices=LANGS,
                        help="language of the tables, text and errors (default en; anywhere on the line; "
                             "JSON and CSV stay English with neutral keys)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name, text in (("estimate", "energy, CO2e and equivalents of a task, with its range"),
                       ("label", "the flight label: lower / typical / higher, and greener options")):
        _scenario_args(sub.add_parser(name, help=text, description=text))
    _scenario_args(sub.add_parser("compare", help="several options side by side",
                                  description="Compare options: comma-separate --model or --region values."), multi=True)
    p = sub.add_parser("regions", help="list regions and their grid intensity")
    p.add_argument("--kind", default=None, help="world | country | us_state | cloud_region")
    p.add_argument("--format", default="table")
    p = sub.add_parser("models", help="list models")
    p.add_argument("--task", default=None, help="llm | summarizer | image | video")
    p.add_argument("--format", default="table")
    p = sub.add_parser("equivalents", help="everyday equivalents of an amount")
    p.add_argument("--grams", default=None, help="grams CO2e")
    p.add_argument("--wh", default=None, help="watt-hours")
    p.add_argument("--format", default="table")
    _scenario_args(sub.add_parser("rank", help="every model of the task at your workload, fewest grams first",
                                  description="Rank every catalogued model of the task at your workload and region."))
    p = sub.add_parser("year", help="a person's year of use: a usage profile (JSON) or a chatbot data export",
                       description="Week, month and year grams of a usage profile (--usage usage.json, see README) or "
                                   "of a ChatGPT or Claude export (--export conversations.json or the zip; read in "
                                   "memory only, its content is never printed).")
    p.add_argument("--usage", default=None, help="a JSON usage profile (shape: README, 'My AI year')")
    p.add_argument("--export", default=None, help="conversations.json or the export zip from ChatGPT or Claude")
    p.add_argument("--region", default=None, help="where you live (default: the usage file's, else WORLD)")
    p.add_argument("--boundary", default=None,
                   help="gpu | server | fleet | datacenter | lifecycle (default: the usage file's, else datacenter)")
    p.add_argument("--format", default="table", help="table | json | csv")
    p = sub.add_parser("link", help="a shared link's number by the methodology it was made with (v=), beside today's",
                       description="Recompute a shared link with the code and data of the methodology version it "
                                   "names (v=2026.1; frozen in releases/), beside today's number for the same "
                                   "parameters and one line per later version from the Changelog.")
    p.add_argument("url", help="the whole link, e.g. 'https://…/?task=image&v=2026.1', or its query string")
    p.add_argument("--format", default="table", help="table | json")
    p = sub.add_parser("claims", help="published claims checked against the library: computed value, range, verdict",
                       description="Every claim of data/claims.csv beside the library's own figure for the same thing, "
                                   "computed now at the claim's boundary and accounting basis, with a verdict and why.")
    p.add_argument("--claim", default=None, help="one claim by its id (default: every claim)")
    p.add_argument("--format", default="table", help="table | json | csv")
    p = sub.add_parser("export", help="a static site of label cards for publishers (no server, nothing fetched)",
                       description="Write HTML pages (light and dark), SVG and PNG cards and JSON for each option and "
                                   "comparison, and an index, into a folder any static host can serve.")
    p.add_argument("--out", required=True,
                   help="a new or empty folder, or a previous export's (never a folder of yours)")
    p.add_argument("--options", default=None, help="a JSON list of options and comparisons (shape: README, "
                                                   "'Static export for publishers'; default: each task's typical "
                                                   "option and the classic comparisons)")
    p.add_argument("--base-url", default=None, help="the live app's address, for 'see it live' links and citations")
    sub.add_parser("fit", help="refit data/llm_fit.csv and data/diffusion_fit.csv from the measurements")
    _simulate_args(sub.add_parser("simulate", help="carbon-aware switching: a larger model, a smaller one when the "
                                  "grid is dirty, over a day or a week",
                                  description="Grams with and without switching to a smaller model when the grid "
                                              "is carbon-intensive (typical-day hourly profile of the region)."))
    return parser


def _simulate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--task", default="chat", help="chat | summarize | image | video (default chat)")
    p.add_argument("--large", default=None, help="the larger model (id, alias or name)")
    p.add_argument("--small", default=None, help="the smaller model it switches to when the grid is dirty")
    p.add_argument("--region", default=None, help="a region with an hourly profile (e.g. US-CA, GB, DE, FR, US-TX)")
    p.add_argument("--threshold", default=None, help="switch when the grid is above this many gCO2e/kWh")
    p.add_argument("--percentile", default=None, help="switch when above this percentile (0-100) of the day's hours "
                                                      "(default 50 when --threshold is not given)")
    p.add_argument("--back", default=None, help="switch back to the larger model only at or below this level "
                                                "(same unit as --threshold or --percentile; default: the same level)")
    p.add_argument("--hours", default="24", help="24 (a day, default) or 168 (a week)")
    p.add_argument("--rate", default="1000", help="requests per hour: one number, or 24 separated by ';' "
                                                  "(local hours 0-23)")
    p.add_argument("--season", default=None, help="winter | spring | summer | autumn (default: now, in the region)")
    p.add_argument("--boundary", default="datacenter", help="gpu | server | fleet | datacenter | lifecycle")
    p.add_argument("--format", default="table", help="table | json | csv")


def _scenario(ns: argparse.Namespace, **override) -> Scenario:
    fields = dict(task=ns.task, model=ns.model, count=ns.count, region=ns.region, hardware=ns.hardware,
                  datacenter=ns.datacenter, batch=ns.batch, boundary=ns.boundary, preset=ns.preset,
                  input_tokens=ns.input_tokens, output_tokens=ns.output_tokens, doc_words=ns.doc_words,
                  summary_words=ns.summary_words, width=ns.width, height=ns.height, steps=ns.steps,
                  seconds=ns.seconds, hour=ns.hour, season=ns.season, custom_total_params_b=ns.params,
                  custom_active_params_b=ns.active_params, mode=ns.mode, precision=ns.precision)
    fields.update(override)
    return Scenario(**fields)


def _check_format(fmt: str) -> str:
    if fmt not in ("table", "json", "csv"):
        t = _T.get()
        raise EstimatorError(t._("unknown format {value}", value=repr(fmt[:30])), t._("use --format table, json or csv"))
    return fmt


def _cells(text: str) -> int:
    """Terminal columns a text takes: a Chinese character (East Asian wide or full-width) takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _cells(text))


def _table(rows: list[dict], columns: list[str]) -> str:
    widths = {c: max(_cells(c), *(_cells(str(r.get(c, ""))) for r in rows)) if rows else _cells(c) for c in columns}
    lines = ["  ".join(_pad(c, widths[c]) for c in columns), "  ".join("-" * widths[c] for c in columns)]
    lines += ["  ".join(_pad(str(r.get(c, "")), widths[c]) for c in columns) for r in rows]
    return "\n".join(lines)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _boundary(boundary: str, t: Translator) -> str:
    """"datacenter boundary" inside a sentence."""
    return f"{boundary} boundary" if t.lang == "en" else _lower_first(boundary_words(boundary, t))


def _boundary_short(boundary: str, t: Translator) -> str:
    """A boundary's name alone ("server"), as the energy-by-boundary line lists them."""
    if t.lang == "en":
        return boundary
    return {"gpu": t._p("boundary", "GPU"), "server": t._p("boundary", "server"),
            "fleet": t._p("boundary", "fleet"), "datacenter": t._p("boundary", "datacenter"),
            "lifecycle": t._p("boundary", "life cycle")}.get(boundary, boundary)


def _category(category: str, t: Translator) -> str:
    """lower | typical | higher in a table cell."""
    return category if t.lang == "en" else _lower_first(t._(CATEGORY_WORDS[category]))


def _figure_kind(kind: str, t: Translator) -> str:
    return kind if t.lang == "en" else _lower_first(t._(FIGURE_WORDS[kind]))


def _part_words(part: str, t: Translator) -> str:
    """A life-cycle part, lower case, as the life-cycle line lists them."""
    if t.lang == "en":
        return PART_WORDS[part].lower()
    return {"operation": t._("operation (electricity at the datacenter)"),
            "embodied_hardware": t._("embodied hardware"),
            "amortized_training": t._("amortized training")}.get(part, PART_WORDS[part].lower())


def _print_estimate(e: Estimate, lab: FlightLabel | None, fmt: str, t: Translator | None = None) -> str:
    data = load_data()
    record = estimate_record(e, lab, data)
    if fmt == "json":
        return json.dumps(record, indent=2, ensure_ascii=False)
    if fmt == "csv":
        return csv_text([flat_record(record)])
    t = t or translator("en")
    en = t.lang == "en"
    s = e.scenario
    basis = estimate_basis(e, data)
    tg = None if en else t  # present's functions: None is their English, byte for byte
    intensity = e.intensity_g_per_kwh
    whole = (lambda v: f"{v:.0f}") if en else (lambda v: t.number(v, 0))
    grid = t._("Grid: {intensity} gCO2e/kWh, {source}", intensity=whole(intensity.central), source=grid_words(e, t))
    if intensity.parts:
        grid += t._("; range {span}", span=t.span(whole(intensity.low), whole(intensity.high)))
    lines = [
        t._("{task}: {count} with {model}, {zone} grid", task=task_name(e.task, t),
            count=_count_words(e.task, s.count, t, exact=True), model=model_name(e.model, t), zone=zone_name(e.zone, t)),
        "  " + t._("Serving: {words}", words=serving_words(e, data, tg)),
        "  " + t._("CO2e ({boundary}): {figure}", boundary=_boundary(e.boundary, t), figure=fmt_grams(e.co2e_g, tg)),
        "  " + t._("Energy ({boundary}): {figure}", boundary=_boundary(energy_boundary(e.boundary), t),
                   figure=fmt_wh(e.energy_wh, tg)),
        "  " + t._("Figure: {kind} ({reason})", kind=_figure_kind(basis.kind, t),
                   reason=basis.reason if en else estimate_basis(e, data, t).reason),
        "  " + t._("Energy by boundary, total: {figures}", figures=t._(", ").join(
            f"{_boundary_short(b, t)} {fmt_wh(r * s.count, tg)}" for b, r in e.energy_wh_per_unit.items())),
        "  " + grid,
        *("  " + line for line in accounting_lines(e, data, tg)),
        "  " + t._("What drives the range: {drivers}", drivers=t._(", ").join(
            f"{n} {share:.0%}" if en else f"{driver_words(n, t, data)} {t.percent(share * 100)}"
            for n, share in e.drivers()[:3])),
        "  " + t._("That is about: {things}", things=t._("; ").join(
            _equivalent_words(v, t) for v in e.best_equivalents(data))),
    ]
    if lab is not None:
        typical = lab.typical
        preset = data.presets.get((typical.scenario.task, typical.scenario.preset))
        lines.append("  " + t._(
            "Label: {words} ({percent}; typical: {model}, {preset}, world grid, {figure} per {unit})",
            words=(lab.words if en else label_words(lab, t)).upper(), percent=label_percent(lab, data, t=tg),
            model=model_name(typical.model, t),
            preset=typical.scenario.preset if en or preset is None else preset_label(preset, t),
            figure=fmt_grams(typical.co2e_g_per_unit, tg), unit=task_unit(e.task, 1, t)))
        if lab.alternatives:
            lines.append("  " + t._("Greener options:"))
            for o in lab.alternatives:
                alt = data.alternatives.get(o.alternative_id)
                lines.append("    - " + t._(
                    "{option}: {change} → {figure} ({saved}). Trade-off: {trade_off}",
                    option=o.label if en or alt is None else alternative_label(alt, t),
                    change=o.change if en else change_words(o, e, t), figure=fmt_grams(o.estimate.co2e_g, tg),
                    saved=saved_percent_words(o, tg),
                    trade_off=o.trade_off if en or alt is None else alternative_trade_off(alt, s.task, t)))
    if e.parts:
        lines.append("  " + t._("Life cycle: {parts}", parts=t._("; ").join(
            f"{_part_words(k, t)} {fmt_grams(e.parts[k], tg)}" for k in PARTS)))
        lines.append("  " + (TRAINING_JUDGEMENT if en else training_judgement(t)))
    lines.append("  " + not_counted(e.boundary, tg))
    lines.append("  " + t._("Sources: {sources}", sources=" | ".join(
        dict.fromkeys(src.citation() for _, src in result_sources(e, data)))))
    lines.append("  " + citation_line(e, t=tg))
    return "\n".join(lines)


def _print_ranking(ns: argparse.Namespace, data, fmt: str, t: Translator | None = None) -> str:
    """`rank`: the list of flights (estimator/ranking.py) as a table, JSON or CSV."""
    from .ranking import ranking_records, ranking_with_left_out
    t = t or translator("en")
    en = t.lang == "en"
    if ns.live:
        raise EstimatorError(N_("--live is not available for rank"),
                             N_("the ranking compares models on the annual average"))
    rows, left_out = ranking_with_left_out(_scenario(ns), data)
    for name, why in left_out:  # why: estimator/ranking.py's words
        print(one_line(t._("note: left out {name}: {why}", name=name, why=why)), file=sys.stderr)
    records = ranking_records(rows)
    if fmt == "json":
        return json.dumps(records, indent=2, ensure_ascii=False)
    if fmt == "csv":
        return csv_text(records)
    tg = None if en else t
    cols = {"#": "#", "model": t._p("column", "model"), "co2e": t._p("column", "co2e"),
            "label": t._p("column", "label"), "figure": t._p("column", "figure")}
    table = [{cols["#"]: r.rank, cols["model"]: r.model.model_id + (t._(" ◀ yours") if r.is_current else ""),
              cols["co2e"]: fmt_grams(r.estimate.co2e_g, tg), cols["label"]: _category(r.category, t),
              cols["figure"]: _figure_kind(r.basis.kind, t)} for r in rows]
    e = rows[0].estimate
    count = _count_words(e.task, e.scenario.count, t, exact=True)
    head = t._("{task}, {count} at your workload, {zone} grid, {boundary}; fewest grams first",
               task=task_name(e.task, t), count=count, zone=zone_name(e.zone, t), boundary=_boundary(e.boundary, t))
    return (head + "\n" + _table(table, list(table[0])) + "\n" + not_counted(e.boundary, tg) + "\n"
            + citation_line(e, t=tg))


def _print_link(ns: argparse.Namespace, data, fmt: str, t: Translator | None = None) -> str:
    """`link`: the link's number by its own methodology version (v=) beside today's, and what changed."""
    from urllib.parse import parse_qs, urlsplit

    from .versions import (estimate_at, figure_now, figure_record, frozen_versions, link_version,
                           then_and_now_lines, then_and_now_record, version_notice)
    t = t or translator("en")
    en = t.lang == "en"
    if fmt == "csv":
        raise EstimatorError(N_("link prints table or json"), N_("use --format table or --format json"))
    text = ns.url.strip()
    is_url = "?" in text or "://" in text or text.startswith("/")
    query = urlsplit(text).query if is_url else text
    params = parse_qs(query, keep_blank_values=True)
    if not params:
        raise EstimatorError(N_("the link has no parameters"),
                             N_("paste the whole link, e.g. 'https://…/?task=image&v=2026.1'"))
    version = link_version(params)

    def said(f) -> str:  # "7.3 g CO2e (range …), typical for this task"
        return t._("{figure}, {words}", figure=fmt_grams(f.co2e_g, t), words=_lower_first(t._({
            "lower": "Lower than usual for this task", "higher": "Higher than usual for this task"}.get(
            f.category, "Typical for this task"))))

    # the Changelog's lines are quoted from METHODOLOGY.md, which stays English
    if version in frozen_versions():
        r = estimate_at(version, params, data)
        if fmt == "json":
            return json.dumps(then_and_now_record(r), indent=2, ensure_ascii=False)
        if en:
            then, now = then_and_now_lines(r)
        else:
            then = t._("This link was made with methodology {version}: it showed {said}.", version=r.then.version,
                       said=said(r.then))
            now = t._("Today's method ({version}) gives {said}.", version=r.now.version, said=said(r.now))
        lines = [then, now, t._("What changed since {version}:", version=version), *(f"  {c}" for c in r.changed)]
        lines += [t._("note ({version}'s own link rules): {notice}", version=version, notice=n) for n in r.then.notices]
        lines += [t._("note (today's link rules): {notice}", notice=n) for n in r.now.notices]
        return "\n".join(one_line(line) for line in lines)
    notice = version_notice(params) or ("" if version else t._(
        "This link names no methodology version (links carry v= from 2026.3 on); showing today's numbers."))
    now = figure_now(params, data)
    if fmt == "json":
        return json.dumps({"then": None, "now": figure_record(now), "what_changed": [],
                           "notices": [notice] if notice else []}, indent=2, ensure_ascii=False)
    today = (f"Today's method ({now.version}) gives {fmt_grams(now.co2e_g)}, {now.words[:1].lower() + now.words[1:]}."
             if en else t._("Today's method ({version}) gives {said}.", version=now.version, said=said(now)))
    lines = ([notice] if notice else []) + [today]
    lines += [t._("note: {notice}", notice=n) for n in now.notices]
    return "\n".join(one_line(line) for line in lines)


def _year_profile(ns: argparse.Namespace, data):
    """The usage profile from --usage (JSON) or --export (read in memory; errors never quote the file)."""
    from dataclasses import replace
    from .usage import read_export
    from .usage.year import profile_from_export, profile_from_json
    if (ns.usage is None) == (ns.export is None):
        raise EstimatorError(N_("give exactly one of --usage or --export"),
                             N_("for example: python -m estimator year --usage usage.json"))
    path = ns.usage if ns.usage is not None else ns.export
    try:
        with open(path, "rb") as f:
            if ns.export is not None:
                return profile_from_export(read_export(f), ns.region or "WORLD", ns.boundary or "datacenter", data)
            raw = f.read(1024 * 1024 + 1)
    except OSError as exc:
        t = _T.get()
        raise EstimatorError(t._("cannot read {path} ({reason})", path=one_line(path)[:80],
                                 reason=exc.strerror or "error"), t._("check the path")) from None
    if len(raw) > 1024 * 1024:  # a usage profile is a few lines; a bigger file is something else
        raise EstimatorError(N_("the usage file is larger than 1 MB"), N_("a usage profile is a few lines of JSON"))
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise EstimatorError(N_("the usage file is not UTF-8 text"), N_("save it as UTF-8 JSON")) from None
    except json.JSONDecodeError as exc:
        raise EstimatorError(_T.get()._("the usage file is not valid JSON (line {line}, column {column})",
                                        line=exc.lineno, column=exc.colno),
                             N_("see the shape in README, 'My AI year'")) from None
    except RecursionError:
        raise EstimatorError(N_("the usage file is nested too deeply"), N_("see the shape in README, 'My AI year'")) from None
    profile = profile_from_json(obj)
    changes = {k: v for k, v in (("region", ns.region), ("boundary", ns.boundary)) if v is not None}
    return replace(profile, **changes) if changes else profile


def _rate_words(rate: float, period: str, t: Translator) -> str:
    if t.lang == "en":
        return f"{fmt_amount(rate)} a {period}"
    n = t.amount(rate)
    return {"day": t._("{rate} a day", rate=n), "week": t._("{rate} a week", rate=n),
            "month": t._("{rate} a month", rate=n)}.get(period, f"{n} / {period}")


def _month_words(month: str, t: Translator) -> str:
    """"2026-11" → "nov. 2026", "2026年11月" (English: as the export names it)."""
    import datetime as dt
    if t.lang == "en":
        return month
    try:
        return t.month(dt.date(int(month[:4]), int(month[5:7]), 1))
    except (ValueError, IndexError):
        return month


def _print_year(ns: argparse.Namespace, data, fmt: str, t: Translator | None = None) -> str:
    """`year`: totals with ranges, each task line, the dominant task, the best single change, months."""
    from .usage.year import year, year_record, year_rows
    t = t or translator("en")
    en = t.lang == "en"
    tg = None if en else t
    result = year(_year_profile(ns, data), data)
    record = year_record(result)
    if fmt == "json":
        return json.dumps(record, indent=2, ensure_ascii=False)
    if fmt == "csv":
        rows = year_rows(result)
        return csv_text(rows)
    e = result.lines[0].estimate
    lines = [t._("My AI year: {zone} grid, {boundary}", zone=zone_name(e.zone, t), boundary=_boundary(e.boundary, t)),
             "  " + t._("Week:  {figure}", figure=fmt_grams(result.week_g, tg)),
             "  " + t._("Month: {figure}", figure=fmt_grams(result.month_g, tg)),
             "  " + t._("Year:  {figure}", figure=fmt_grams(result.year_g, tg))]
    cols = [t._p("column", "task"), t._p("column", "model"), t._p("column", "rate"), t._p("column", "per year"),
            t._p("column", "co2e a year"), t._p("column", "share")]
    rows = [dict(zip(cols, (_kind_words(ly.line.kind, t), ly.estimate.model.model_id,
                            _rate_words(ly.line.rate, ly.line.period, t), t.amount(ly.units_per_year),
                            fmt_grams(ly.co2e_g, tg), _share_words(ly.co2e_g.central / result.year_g.central, t))))
            for ly in result.lines]
    lines.append(_table(rows, cols))
    lines.append("  " + t._("Energy a year: {figure}", figure=fmt_wh(result.energy_wh, tg)))
    lines.append("  " + t._("That is about: {things}", things=t._("; ").join(
        _equivalent_words(v, t) for v in result.equivalents(data))))
    lines.append("  " + t._("Dominant task: {kind} ({share} of the year)", kind=_kind_words(result.dominant, t),
                            share=_share_words(dict(result.shares)[result.dominant], t)))
    if result.best_change is not None:
        lines.append("  " + t._("The single change that would cut most: {change}",
                                change=_best_change_words(result, t)))
    if result.parts:
        lines.append("  " + t._("Life cycle: {parts}", parts=t._("; ").join(
            f"{_part_words(k, t)} {fmt_grams(result.parts[k], tg)}" for k in PARTS)))
    if result.by_month:
        lines.append("  " + t._("By month: {months}", months=t._("; ").join(
            f"{_month_words(m, t)} {fmt_grams(g, tg)}" for m, g in result.by_month)))
    # the notes are estimator/usage's words (English until that module takes t=)
    lines += ["  " + t._("Note: {note}", note=n) for n in result.profile.notes]
    lines.append("  " + not_counted(e.boundary, tg))
    lines.append("  " + citation_line(e, t=tg))
    return "\n".join(lines)


def _print_claims(ns: argparse.Namespace, data, fmt: str, t: Translator | None = None) -> str:
    """`claims`: each claim, the library's figure for the same thing, its range, the verdict and why; the claims'
    own words (estimator/claims.py) in the reader's language, the records (JSON/CSV) in English."""
    from .claims import all_claims, check_claim, claim_record, claimed_words, find_claim, read_claims, text_of
    t = t or translator("en")
    en = t.lang == "en"
    checks = [check_claim(find_claim(ns.claim, data), data)] if ns.claim is not None else all_claims(data)
    records = [claim_record(k) for k in checks]
    if fmt == "json":
        return json.dumps(records, indent=2, ensure_ascii=False)
    if fmt == "csv":
        return csv_text([flat_record(r) for r in records])
    tg = None if en else t
    if not en:  # the same checks, worded for the reader
        rules = {key: r.value.central for key, r in read_claims(None, data).rules.items()}
        checks = [check_claim(k.claim, data, rules, t=t) for k in checks]
    blocks = []
    for k in checks:
        c = k.claim
        lines = [f"{c.claim_id}: \"{c.claim}\"" if en
                 else t._("{id}: “{claim}”", id=c.claim_id, claim=text_of(c, "claim", t)),
                 "  " + t._("Said by {who}, {where}, {year}", who=c.said_by, where=text_of(c, "said_where", tg),
                            year=c.said_year),
                 "  " + t._("Quantifies: {what}", what=text_of(c, "quantifies", tg))]
        if k.computed is not None:
            lines.append("  " + t._("Claimed:  {words}", words=claimed_words(c, data, tg)))
            amount = (lambda v: fmt_amount(v)) if en else t.amount
            lines.append("  " + t._("Computed: {central} {unit} (range {low}–{high})", central=amount(k.computed.central),
                                    unit=k.unit, low=amount(k.computed.low), high=amount(k.computed.high))
                         + (t._(", {boundary}", boundary=_boundary(c.boundary, t)) if c.boundary else ""))
        lines += ["  " + t._("Verdict:  {verdict}", verdict=k.words), "  " + t._("Why: {why}", why=k.why),
                  "  " + t._("Source: {source}", source=c.source.citation())]
        blocks.append("\n".join(one_line(line) for line in lines))
    return "\n\n".join(blocks)


def _simulation_request(ns: argparse.Namespace):
    """`simulate`'s flags → a SimRequest (every value checked by the library, one line per error)."""
    from .simulate import Policy, SimRequest, check_hours, parse_rate
    if ns.large is None or ns.small is None:
        raise EstimatorError(N_("give both --large and --small"), "for example: python -m estimator simulate --task chat "
                             "--large llama-3.1-70b --small llama-3.1-8b --region US-CA")
    if ns.region is None:
        raise EstimatorError(N_("give --region"), N_("a region with an hourly profile, e.g. US-CA, GB, DE, FR or US-TX"))
    if ns.threshold is not None and ns.percentile is not None:
        raise EstimatorError(N_("give --threshold or --percentile, not both"), N_("--threshold in gCO2e/kWh, or --percentile 0-100"))
    kind, value = ("threshold", ns.threshold) if ns.threshold is not None else ("percentile", ns.percentile or "50")
    back = None if ns.back is None else parse_number_text(f"--back", ns.back)
    policy = Policy(kind, parse_number_text(f"--{kind}", value), back)
    return SimRequest(task=ns.task, large=ns.large, small=ns.small, region=ns.region, policy=policy,
                      hours=check_hours(ns.hours), rate=parse_rate(ns.rate), season=ns.season, boundary=ns.boundary)


def _print_simulation(ns: argparse.Namespace, data, fmt: str, t: Translator | None = None) -> str:
    """`simulate`: with and without switching, % saved, shares, the seed's figure beside ours, then each hour. The
    policy, grid and reasons' words are estimator/simulate.py's (English until that module takes t=)."""
    from .simulate import pct, seed_comparison, simulate, simulation_record, simulation_rows
    t = t or translator("en")
    en = t.lang == "en"
    tg = None if en else t
    p = pct if en else (lambda share: t.percent(share * 100))
    sim = simulate(_simulation_request(ns), data)
    if fmt == "json":
        return json.dumps(simulation_record(sim), indent=2, ensure_ascii=False)
    if fmt == "csv":
        return csv_text(simulation_rows(sim))
    cmp_ = seed_comparison(sim)
    low, central, high = sim.saved_share
    seed = cmp_["seed_saved_share"]
    large, small = sim.large.model.name, sim.small.model.name
    hours = t._n("{n} hour", "{n} hours", len(sim.hours), n=t.count(len(sim.hours)))
    lines = [t._("Carbon-aware switching: {task}, {large} → {small} when the grid is dirty, {zone}, {hours}, {boundary}",
                 task=task_name(sim.large.task, t), large=large, small=small, zone=zone_name(sim.large.zone, t),
                 hours=hours,
                 boundary=_boundary(sim.large.boundary, t)),
             "  " + t._("Policy: {policy}", policy=sim.request.policy.words()),
             "  " + t._("Grid: {grid}", grid=sim.grid_words),
             "  " + t._("Requests: {count}", count=t.amount(sim.requests)),
             "  " + t._("Without switching: {figure}", figure=fmt_grams(sim.without_g, tg)),
             "  " + t._("With switching:    {figure}", figure=fmt_grams(sim.with_g, tg)),
             "  " + t._("Saved: {central} (range {low} to {high})", central=p(central), low=p(low), high=p(high)),
             "  " + t._("Requests served: {large_share} by {large}, {small_share} by {small}",
                        large_share=p(sim.large_request_share), large=large, small_share=p(sim.small_request_share),
                        small=small),
             "  " + t._("Every request on {small} would save {share}", small=small,
                        share=p(cmp_['always_small_saved_share'])),
             "  " + t._("The seed: \"{claim}\" ({said_by}; {share}, the paper: more than {low}). Why the figures "
                        "differ:", claim=cmp_["claim"], said_by=cmp_["said_by"], share=p(seed.central),
                        low=p(seed.low)),
             *(f"    - {r}" for r in cmp_["reasons"]),
             *("  " + t._("Note: {note}", note=n) for n in sim.notes)]
    cols = {"hour": t._p("column", "hour"), "gCO2e/kWh": t._p("column", "gCO2e/kWh"),
            "switch above": t._p("column", "switch above"), "requests": t._p("column", "requests"),
            "model": t._p("column", "model"), "with": t._p("column", "with"), "without": t._p("column", "without")}
    number = (lambda v: f"{v:.0f}") if en else (lambda v: t.number(v, 0))
    rows = [{cols["hour"]: h.when, cols["gCO2e/kWh"]: number(h.intensity_g_per_kwh.central),
             cols["switch above"]: number(h.threshold_g_per_kwh), cols["requests"]: t.amount(h.requests),
             cols["model"]: sim.small.model.model_id if h.small else sim.large.model.model_id,
             cols["with"]: "" if h.with_g is None else fmt_range(h.with_g, grams_unit, tg)[0] + " CO2e",
             cols["without"]: "" if h.without_g is None else fmt_range(h.without_g, grams_unit, tg)[0] + " CO2e"}
            for h in sim.hours]
    lines.append(_table(rows, list(rows[0])))
    lines.append(not_counted(sim.large.boundary, tg))
    lines.append(citation_line(sim.large, t=tg))
    return "\n".join(lines)


def _print_export(ns: argparse.Namespace, data, t: Translator | None = None) -> str:
    """`export`: the static site (estimator/publish); one line per bad options-file entry, then a summary line.
    The site is written in the --lang language (one language per export)."""
    from .publish import export_site
    t = t or translator("en")
    try:
        summary = export_site(ns.out, ns.options, ns.base_url, data, lang=t.lang)
    except EstimatorError as exc:
        problems = getattr(exc, "problems", [])
        if len(problems) > 1:
            for line in problems:
                print(one_line(t._("error: {message}", message=line)), file=sys.stderr)
        raise
    kb = f"{summary.total_bytes / 1000:,.0f}" if t.lang == "en" else t.number(summary.total_bytes / 1000, 0)
    seconds = f"{summary.seconds:.1f}" if t.lang == "en" else t.number(summary.seconds, 1)
    return t._("wrote {files} files ({kb} kB) to {folder} in {seconds} s: open index.html (methodology {version}, "
               "data {hash})", files=len(summary.files), kb=kb, folder=one_line(str(summary.folder)),
               seconds=seconds, version=summary.methodology_version, hash=summary.data_hash)


def _run(argv: list[str], t: Translator | None = None) -> str:
    t = t or translator("en")
    parser = build_parser()
    ns, extra = parser.parse_known_args(argv)
    if extra:  # name the subcommand's help, not the top level's, when the flag was given to one
        prog = f"{parser.prog} {ns.command}" if ns.command else parser.prog
        raise EstimatorError(t._("unrecognized arguments: {args}", args=" ".join(extra)),
                             t._("see: {command} --help", command=prog))
    if ns.command is None:
        raise EstimatorError(N_("no command given"), N_("try: python -m estimator estimate --task image --model sdxl"))
    data = load_data()
    if ns.command == "fit":
        from .custom import write_diffusion_fit
        from .fit import write_fit
        return t._("wrote {path}", path=write_fit()) + "\n" + t._("wrote {path}", path=write_diffusion_fit())
    if ns.command == "export":
        return _print_export(ns, data, t)
    fmt = _check_format(ns.format)
    if ns.command in ("estimate", "label"):
        if ns.live:  # the live module (and its HTTP library) is imported only when live data is asked for
            from .live import label_with_live
            lab, notice, _ = label_with_live(_scenario(ns), data, ns.live)
        else:
            lab, notice = label(_scenario(ns), data), ""  # what label_with_live returns with live off
        if notice:  # estimator/live.py's words (English until that module takes t=)
            print(one_line(t._("note: {notice}", notice=notice)), file=sys.stderr)
        return _print_estimate(lab.estimate, lab, fmt, t)
    if ns.command == "link":
        return _print_link(ns, data, fmt, t)
    if ns.command == "rank":
        return _print_ranking(ns, data, fmt, t)
    if ns.command == "year":
        return _print_year(ns, data, fmt, t)
    if ns.command == "claims":
        return _print_claims(ns, data, fmt, t)
    if ns.command == "simulate":
        return _print_simulation(ns, data, fmt, t)
    if ns.command == "compare":
        models = [m.strip() for m in (ns.model or "").split(",")] if ns.model else [None]
        regions = [r.strip() for r in ns.region.split(",")]
        if len(models) * len(regions) > 12:
            raise EstimatorError(N_("too many options to compare (more than 12)"),
                                 N_("compare fewer models or regions"))
        labs = [label(estimate(_scenario(ns, model=m, region=r), data), data) for m in models for r in regions]
        records = [estimate_record(l.estimate, l, data) for l in labs]
        if fmt == "json":
            return json.dumps(records, indent=2, ensure_ascii=False)
        if fmt == "csv":
            return csv_text([flat_record(r) for r in records])
        tg = None if t.lang == "en" else t
        cols = [t._p("column", "model"), t._p("column", "region"), t._p("column", "co2e"), t._p("column", "energy"),
                t._p("column", "label"), t._p("column", "vs typical")]
        rows = [dict(zip(cols, (l.estimate.model.model_id, l.estimate.zone.zone_id, fmt_grams(l.estimate.co2e_g, tg),
                                fmt_wh(l.estimate.energy_wh, tg), _category(l.category, t),
                                label_percent(l, data, t=tg)))) for l in labs]
        return (_table(rows, cols) + "\n" + not_counted(labs[0].estimate.boundary, tg) + "\n"
                + citation_line(labs[0].estimate, t=tg))
    if ns.command == "regions":
        kinds = ("world", "country", "us_state", "cloud_region")
        if ns.kind is not None and ns.kind not in kinds:
            raise EstimatorError(f"unknown kind {ns.kind[:30]!r}", N_("use world, country, us_state or cloud_region"))
        rows = [{"zone_id": z.zone_id, "name": z.name, "kind": z.kind,
                 "g_per_kwh_low": z.intensity_g_per_kwh.low, "g_per_kwh_central": z.intensity_g_per_kwh.central,
                 "g_per_kwh_high": z.intensity_g_per_kwh.high, "scope": z.scope, "year": z.year,
                 "source": z.source.title, "url": z.source.url}
                for z in data.zones.values() if ns.kind in (None, z.kind)]
    elif ns.command == "models":
        tasks = ("llm", "summarizer", "image", "video")
        if ns.task is not None and ns.task not in tasks:
            raise EstimatorError(f"unknown model task {ns.task[:30]!r}", N_("use llm, summarizer, image or video"))
        rows = [{"model_id": m.model_id, "name": m.name, "task": m.task, "family": m.family,
                 "size_class": m.size_class, "active_params_b": f"{m.active_params_b.central:g}" if m.task in ("llm", "summarizer") else "",
                 "total_params_b": f"{m.total_params_b.central:g}" if m.task in ("llm", "summarizer") else "",
                 "size_is_estimate": "yes" if m.size_is_estimate else "no", "source": m.source.url}
                for m in data.models.values() if ns.task in (None, m.task)]
    else:  # equivalents
        from .equivalents import all_equivalents
        from .uncertainty import Range
        if ns.grams is None and ns.wh is None:
            raise EstimatorError(N_("give --grams, --wh or both"), N_("for example: equivalents --grams 100 --wh 250"))
        def amount(name: str, text: str | None) -> Range:
            if text is None:
                return Range.exact(1.0)
            v = parse_number_text(name, text)  # the same reading rule as --count and the URL
            if not math.isfinite(v) or v <= 0 or v > 1e15:
                raise EstimatorError(f"{name} must be a positive, finite number up to {plain_number(1e15)}",
                                     f"for example {name} 100")
            return Range.exact(v)
        grams, wh = amount("--grams", ns.grams), amount("--wh", ns.wh)
        rows = [{"equivalent": v.equivalent.equivalent_id, "amount": fmt_amount(v.amount.central),
                 "of": v.label, "basis": v.equivalent.basis, "factor": f"{v.equivalent.per_unit.central:g} {v.equivalent.unit}",
                 "source": v.equivalent.source.title}
                for v in all_equivalents(grams, wh, data)
                if (v.equivalent.basis == "co2e" and ns.grams is not None) or (v.equivalent.basis == "energy" and ns.wh is not None)]
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt == "csv":
        return csv_text(rows)
    return _table(rows, list(rows[0]) if rows else ["(none)"])


def _error_words(exc: EstimatorError, t: Translator) -> str:
    """The one error line in the reader's language: the error's own translation where it carries one
    (``exc.words(t)`` / ``exc.hint_words(t)``), else its catalogue entry when its text is a fixed message
    (marked N_), else the English as raised."""
    message, hint = exc.message, exc.hint
    if t.lang != "en":
        words, hint_words = getattr(exc, "words", None), getattr(exc, "hint_words", None)
        message = words(t) if callable(words) else t._(message)
        hint = hint_words(t) if callable(hint_words) else (t._(hint) if hint else hint)
    line = t._("error: {message}", message=message)
    return line + (t._(" — {hint}", hint=hint) if hint else "")


def main(argv: list[str] | None = None) -> int:
    t = translator("en")
    try:
        lang, args = _pop_lang(sys.argv[1:] if argv is None else list(argv))
        t = translator(lang)
        token = _T.set(t)
        try:
            out = _run(args, t)
        finally:
            _T.reset(token)
    except EstimatorError as exc:
        print(one_line(_error_words(exc, t)), file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        print(out)
    except BrokenPipeError:  # `| head` closed the pipe: not an error of ours
        return 0
    return 0
