"""``python -m estimator``: the library for scripts and journalists.

Every bad argument exits with status 2 and one line on stderr (what is wrong, and a hint);
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from dataclasses import asdict

from .basis import estimate_basis
from .data import load_data
from .errors import EstimatorError
from .estimate import Estimate, estimate
from .facility import energy_boundary
from .label import FlightLabel, label
from .lifecycle import PART_WORDS, PARTS, TRAINING_JUDGEMENT
from .present import (citation_line, csv_text, estimate_record, flat_record, fmt_amount, fmt_grams, fmt_wh,
                      label_percent, not_counted, result_sources, saved_percent_words, serving_words)
from .present import accounting_lines
from .scenario import Scenario, parse_number_text, plain_number


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage and exit 2; we keep it to one line
        # self.prog is "python -m estimator" or "python -m estimator <command>": the right help either way
        raise EstimatorError(message, f"see: {self.prog} --help")

    def _get_values(self, action, arg_strings):
        # argparse drops a lone "--" from an option's value and hands over an empty list instead of
        # a string (`--wh=--`); every option here takes exactly one value, so that is "no value".
        if action.option_strings and action.nargs is None and list(arg_strings) == ["--"]:
            self.error(f"argument {'/'.join(action.option_strings)}: expected a value, not '--'")
        value = super()._get_values(action, arg_strings)
        if action.option_strings and action.nargs is None and not isinstance(value, str):
            self.error(f"argument {'/'.join(action.option_strings)}: expected one value")
        return value


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
        raise EstimatorError(f"unknown format {fmt[:30]!r}", "use --format table, json or csv")
    return fmt


def _table(rows: list[dict], columns: list[str]) -> str:
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) if rows else len(c) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns), "  ".join("-" * widths[c] for c in columns)]
    lines += ["  ".join(str(r.get(c, "")).ljust(widths[c]) for c in columns) for r in rows]
    return "\n".join(lines)


def _print_estimate(e: Estimate, lab: FlightLabel | None, fmt: str) -> str:
    data = load_data()
    record = estimate_record(e, lab, data)
    if fmt == "json":
        return json.dumps(record, indent=2, ensure_ascii=False)
    if fmt == "csv":
        return csv_text([flat_record(record)])
    s = e.scenario
    unit = e.task.unit_singular if s.count == 1 else e.task.unit_plural
    basis = estimate_basis(e, data)
    lines = [
        f"{e.task.name}: {fmt_amount(s.count)} {unit} with {e.model.name}, {e.zone.name} grid",
        f"  Serving: {serving_words(e, data)}",
        f"  CO2e ({e.boundary} boundary): {fmt_grams(e.co2e_g)}",
        f"  Energy ({energy_boundary(e.boundary)} boundary): {fmt_wh(e.energy_wh)}",
        f"  Figure: {basis.kind} ({basis.reason})",
        "  Energy by boundary, total: " + ", ".join(
            f"{b} {fmt_wh(r * s.count)}" for b, r in e.energy_wh_per_unit.items()),
        f"  Grid: {e.intensity_g_per_kwh.central:.0f} gCO2e/kWh, {e.grid_label}"
        + (f"; range {e.intensity_g_per_kwh.low:.0f}–{e.intensity_g_per_kwh.high:.0f}" if e.intensity_g_per_kwh.parts else ""),
        *("  " + line for line in accounting_lines(e, data)),
        "  What drives the range: " + ", ".join(f"{n} {share:.0%}" for n, share in e.drivers()[:3]),
        "  That is about: " + "; ".join(f"{fmt_amount(v.amount.central)} {v.label}" for v in e.best_equivalents(data)),
    ]
    if lab is not None:
        lines.append(f"  Label: {lab.words.upper()} ({label_percent(lab, data)}; typical: "
                     f"{lab.typical.model.name}, {lab.typical.scenario.preset}, world grid, "
                     f"{fmt_grams(lab.typical.co2e_g_per_unit)} per {e.task.unit_singular})")
        if lab.alternatives:
            lines.append("  Greener options:")
            for o in lab.alternatives:
                lines.append(f"    - {o.label}: {o.change} → {fmt_grams(o.estimate.co2e_g)} "
                             f"({saved_percent_words(o)}). Trade-off: {o.trade_off}")
    if e.parts:
        lines.append("  Life cycle: " + "; ".join(f"{PART_WORDS[k].lower()} {fmt_grams(e.parts[k])}" for k in PARTS))
        lines.append("  " + TRAINING_JUDGEMENT)
    lines.append("  " + not_counted(e.boundary))
    lines.append("  Sources: " + " | ".join(dict.fromkeys(src.citation() for _, src in result_sources(e, data))))
    lines.append("  " + citation_line(e))
    return "\n".join(lines)


def _print_ranking(ns: argparse.Namespace, data, fmt: str) -> str:
    """`rank`: the list of flights (estimator/ranking.py) as a table, JSON or CSV."""
    from .ranking import ranking_records, ranking_with_left_out
    if ns.live:
        raise EstimatorError("--live is not available for rank", "the ranking compares models on the annual average")
    rows, left_out = ranking_with_left_out(_scenario(ns), data)
    for name, why in left_out:
        print(one_line(f"note: left out {name}: {why}"), file=sys.stderr)
    records = ranking_records(rows)
    if fmt == "json":
        return json.dumps(records, indent=2, ensure_ascii=False)
    if fmt == "csv":
        return csv_text(records)
    table = [{"#": r.rank, "model": r.model.model_id + (" ◀ yours" if r.is_current else ""),
              "co2e": fmt_grams(r.estimate.co2e_g), "label": r.category, "figure": r.basis.kind} for r in rows]
    e = rows[0].estimate
    head = (f"{e.task.name}, {fmt_amount(e.scenario.count)} {e.task.unit_plural if e.scenario.count != 1 else e.task.unit_singular}"
            f" at your workload, {e.zone.name} grid, {e.boundary} boundary; fewest grams first")
    return head + "\n" + _table(table, list(table[0])) + "\n" + not_counted(e.boundary) + "\n" + citation_line(e)


def _print_link(ns: argparse.Namespace, data, fmt: str) -> str:
    """`link`: the link's number by its own methodology version (v=) beside today's, and what changed."""
    from urllib.parse import parse_qs, urlsplit

    from .versions import (estimate_at, figure_now, figure_record, frozen_versions, link_version,
                           then_and_now_lines, then_and_now_record, version_notice)
    if fmt == "csv":
        raise EstimatorError("link prints table or json", "use --format table or --format json")
    text = ns.url.strip()
    is_url = "?" in text or "://" in text or text.startswith("/")
    query = urlsplit(text).query if is_url else text
    params = parse_qs(query, keep_blank_values=True)
    if not params:
        raise EstimatorError("the link has no parameters", "paste the whole link, e.g. 'https://…/?task=image&v=2026.1'")
    version = link_version(params)
    if version in frozen_versions():
        r = estimate_at(version, params, data)
        if fmt == "json":
            return json.dumps(then_and_now_record(r), indent=2, ensure_ascii=False)
        lines = [*then_and_now_lines(r), f"What changed since {version}:", *(f"  {c}" for c in r.changed)]
        lines += [f"note ({version}'s own link rules): {n}" for n in r.then.notices]
        lines += [f"note (today's link rules): {n}" for n in r.now.notices]
        return "\n".join(one_line(line) for line in lines)
    notice = version_notice(params) or ("" if version else "This link names no methodology version (links carry "
                                        "v= from 2026.3 on); showing today's numbers.")
    now = figure_now(params, data)
    if fmt == "json":
        return json.dumps({"then": None, "now": figure_record(now), "what_changed": [],
                           "notices": [notice] if notice else []}, indent=2, ensure_ascii=False)
    lines = ([notice] if notice else []) + [f"Today's method ({now.version}) gives {fmt_grams(now.co2e_g)}, "
                                            f"{now.words[:1].lower() + now.words[1:]}."]
    lines += [f"note: {n}" for n in now.notices]
    return "\n".join(one_line(line) for line in lines)


def _year_profile(ns: argparse.Namespace, data):
    """The usage profile from --usage (JSON) or --export (read in memory; errors never quote the file)."""
    from dataclasses import replace
    from .usage import read_export
    from .usage.year import profile_from_export, profile_from_json
    if (ns.usage is None) == (ns.export is None):
        raise EstimatorError("give exactly one of --usage or --export",
                             "for example: python -m estimator year --usage usage.json")
    path = ns.usage if ns.usage is not None else ns.export
    try:
        with open(path, "rb") as f:
            if ns.export is not None:
                return profile_from_export(read_export(f), ns.region or "WORLD", ns.boundary or "datacenter", data)
            raw = f.read(1024 * 1024 + 1)
    except OSError as exc:
        raise EstimatorError(f"cannot read {one_line(path)[:80]} ({exc.strerror or 'error'})",
                             "check the path") from None
    if len(raw) > 1024 * 1024:  # a usage profile is a few lines; a bigger file is something else
        raise EstimatorError("the usage file is larger than 1 MB", "a usage profile is a few lines of JSON")
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise EstimatorError("the usage file is not UTF-8 text", "save it as UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise EstimatorError(f"the usage file is not valid JSON (line {exc.lineno}, column {exc.colno})",
                             "see the shape in README, 'My AI year'") from None
    except RecursionError:
        raise EstimatorError("the usage file is nested too deeply", "see the shape in README, 'My AI year'") from None
    profile = profile_from_json(obj)
    changes = {k: v for k, v in (("region", ns.region), ("boundary", ns.boundary)) if v is not None}
    return replace(profile, **changes) if changes else profile


def _print_year(ns: argparse.Namespace, data, fmt: str) -> str:
    """`year`: totals with ranges, each task line, the dominant task, the best single change, months."""
    from .usage.year import KINDS, pct_words, year, year_record, year_rows
    result = year(_year_profile(ns, data), data)
    record = year_record(result)
    if fmt == "json":
        return json.dumps(record, indent=2, ensure_ascii=False)
    if fmt == "csv":
        rows = year_rows(result)
        return csv_text(rows)
    e = result.lines[0].estimate
    lines = [f"My AI year: {e.zone.name} grid, {e.boundary} boundary",
             f"  Week:  {fmt_grams(result.week_g)}",
             f"  Month: {fmt_grams(result.month_g)}",
             f"  Year:  {fmt_grams(result.year_g)}"]
    rows = [{"task": KINDS[ly.line.kind][2], "model": ly.estimate.model.model_id,
             "rate": f"{fmt_amount(ly.line.rate)} a {ly.line.period}", "per year": fmt_amount(ly.units_per_year),
             "co2e a year": fmt_grams(ly.co2e_g), "share": pct_words(ly.co2e_g.central / result.year_g.central)}
            for ly in result.lines]
    lines.append(_table(rows, list(rows[0])))
    lines.append(f"  Energy a year: {fmt_wh(result.energy_wh)}")
    lines.append("  That is about: " + "; ".join(f"{fmt_amount(v.amount.central)} {v.label}" for v in result.equivalents(data)))
    lines.append(f"  Dominant task: {KINDS[result.dominant][2]} ({pct_words(dict(result.shares)[result.dominant])} of the year)")
    if result.best_change is not None:
        lines.append(f"  The single change that would cut most: {result.best_change.words()}")
    if result.parts:
        lines.append("  Life cycle: " + "; ".join(f"{PART_WORDS[k].lower()} {fmt_grams(result.parts[k])}" for k in PARTS))
    if result.by_month:
        lines.append("  By month: " + "; ".join(f"{m} {fmt_grams(g)}" for m, g in result.by_month))
    lines += [f"  Note: {n}" for n in result.profile.notes]
    lines.append("  " + not_counted(e.boundary))
    lines.append("  " + citation_line(e))
    return "\n".join(lines)


def _print_claims(ns: argparse.Namespace, data, fmt: str) -> str:
    """`claims`: each claim, the library's figure for the same thing, its range, the verdict and why."""
    from .claims import all_claims, check_claim, claim_record, claimed_words, find_claim
    checks = [check_claim(find_claim(ns.claim, data), data)] if ns.claim is not None else all_claims(data)
    records = [claim_record(k) for k in checks]
    if fmt == "json":
        return json.dumps(records, indent=2, ensure_ascii=False)
    if fmt == "csv":
        return csv_text([flat_record(r) for r in records])
    blocks = []
    for k in checks:
        c = k.claim
        lines = [f"{c.claim_id}: \"{c.claim}\"", f"  Said by {c.said_by}, {c.said_where}, {c.said_year}",
                 f"  Quantifies: {c.quantifies}"]
        if k.computed is not None:
            lines.append(f"  Claimed:  {claimed_words(c, data)}")
            lines.append(f"  Computed: {fmt_amount(k.computed.central)} {k.unit} "
                         f"(range {fmt_amount(k.computed.low)}–{fmt_amount(k.computed.high)})"
                         + (f", {c.boundary} boundary" if c.boundary else ""))
        lines += [f"  Verdict:  {k.words}", f"  Why: {k.why}", f"  Source: {c.source.citation()}"]
        blocks.append("\n".join(one_line(line) for line in lines))
    return "\n\n".join(blocks)
def _simulation_request(ns: argparse.Namespace):
    """`simulate`'s flags → a SimRequest (every value checked by the library, one line per error)."""
    from .simulate import Policy, SimRequest, check_hours, parse_rate
    if ns.large is None or ns.small is None:
        raise EstimatorError("give both --large and --small", "for example: python -m estimator simulate --task chat "
                             "--large llama-3.1-70b --small llama-3.1-8b --region US-CA")
    if ns.region is None:
        raise EstimatorError("give --region", "a region with an hourly profile, e.g. US-CA, GB, DE, FR or US-TX")
    if ns.threshold is not None and ns.percentile is not None:
        raise EstimatorError("give --threshold or --percentile, not both", "--threshold in gCO2e/kWh, or --percentile 0-100")
    kind, value = ("threshold", ns.threshold) if ns.threshold is not None else ("percentile", ns.percentile or "50")
    back = None if ns.back is None else parse_number_text(f"--back", ns.back)
    policy = Policy(kind, parse_number_text(f"--{kind}", value), back)
    return SimRequest(task=ns.task, large=ns.large, small=ns.small, region=ns.region, policy=policy,
                      hours=check_hours(ns.hours), rate=parse_rate(ns.rate), season=ns.season, boundary=ns.boundary)


def _print_simulation(ns: argparse.Namespace, data, fmt: str) -> str:
    """`simulate`: with and without switching, % saved, shares, the seed's figure beside ours, then each hour."""
    from .simulate import pct, seed_comparison, simulate, simulation_record, simulation_rows
    sim = simulate(_simulation_request(ns), data)
    if fmt == "json":
        return json.dumps(simulation_record(sim), indent=2, ensure_ascii=False)
    if fmt == "csv":
        return csv_text(simulation_rows(sim))
    cmp_ = seed_comparison(sim)
    low, central, high = sim.saved_share
    seed = cmp_["seed_saved_share"]
    lines = [f"Carbon-aware switching: {sim.large.task.name}, {sim.large.model.name} → {sim.small.model.name} "
             f"when the grid is dirty, {sim.large.zone.name}, {len(sim.hours)} hours, {sim.large.boundary} boundary",
             f"  Policy: {sim.request.policy.words()}",
             f"  Grid: {sim.grid_words}",
             f"  Requests: {fmt_amount(sim.requests)}",
             f"  Without switching: {fmt_grams(sim.without_g)}",
             f"  With switching:    {fmt_grams(sim.with_g)}",
             f"  Saved: {pct(central)} (range {pct(low)} to {pct(high)})",
             f"  Requests served: {pct(sim.large_request_share)} by {sim.large.model.name}, "
             f"{pct(sim.small_request_share)} by {sim.small.model.name}",
             f"  Every request on {sim.small.model.name} would save {pct(cmp_['always_small_saved_share'])}",
             f"  The seed: \"{cmp_['claim']}\" ({cmp_['said_by']}; {pct(seed.central)}, the paper: more than "
             f"{pct(seed.low)}). Why the figures differ:",
             *(f"    - {r}" for r in cmp_["reasons"]),
             *(f"  Note: {n}" for n in sim.notes)]
    rows = [{"hour": h.when, "gCO2e/kWh": f"{h.intensity_g_per_kwh.central:.0f}",
             "switch above": f"{h.threshold_g_per_kwh:.0f}", "requests": fmt_amount(h.requests),
             "model": sim.small.model.model_id if h.small else sim.large.model.model_id,
             "with": "" if h.with_g is None else fmt_grams(h.with_g).split(" (")[0],
             "without": "" if h.without_g is None else fmt_grams(h.without_g).split(" (")[0]} for h in sim.hours]
    lines.append(_table(rows, list(rows[0])))
    lines.append(not_counted(sim.large.boundary))
    lines.append(citation_line(sim.large))
    return "\n".join(lines)


def _print_export(ns: argparse.Namespace, data) -> str:
    """`export`: the static site (estimator/publish); one line per bad options-file entry, then a summary line."""
    from .publish import export_site
    try:
        summary = export_site(ns.out, ns.options, ns.base_url, data)
    except EstimatorError as exc:
        problems = getattr(exc, "problems", [])
        if len(problems) > 1:
            for line in problems:
                print(one_line(f"error: {line}"), file=sys.stderr)
        raise
    return (f"wrote {len(summary.files)} files ({summary.total_bytes / 1000:,.0f} kB) to "
            f"{one_line(str(summary.folder))} in {summary.seconds:.1f} s: open index.html (methodology {summary.methodology_version}, "
            f"data {summary.data_hash})")


def _run(argv: list[str]) -> str:
    parser = build_parser()
    ns, extra = parser.parse_known_args(argv)
    if extra:  # name the subcommand's help, not the top level's, when the flag was given to one
        prog = f"{parser.prog} {ns.command}" if ns.command else parser.prog
        raise EstimatorError(f"unrecognized arguments: {' '.join(extra)}", f"see: {prog} --help")
    if ns.command is None:
        raise EstimatorError("no command given", "try: python -m estimator estimate --task image --model sdxl")
    data = load_data()
    if ns.command == "fit":
        from .custom import write_diffusion_fit
        from .fit import write_fit
        return f"wrote {write_fit()}\nwrote {write_diffusion_fit()}"
    if ns.command == "export":
        return _print_export(ns, data)
    fmt = _check_format(ns.format)
    if ns.command in ("estimate", "label"):
        if ns.live:  # the live module (and its HTTP library) is imported only when live data is asked for
            from .live import label_with_live
            lab, notice, _ = label_with_live(_scenario(ns), data, ns.live)
        else:
            lab, notice = label(_scenario(ns), data), ""  # what label_with_live returns with live off
        if notice:
            print(one_line(f"note: {notice}"), file=sys.stderr)
        return _print_estimate(lab.estimate, lab, fmt)
    if ns.command == "link":
        return _print_link(ns, data, fmt)
    if ns.command == "rank":
        return _print_ranking(ns, data, fmt)
    if ns.command == "year":
        return _print_year(ns, data, fmt)
    if ns.command == "claims":
        return _print_claims(ns, data, fmt)
    if ns.command == "simulate":
        return _print_simulation(ns, data, fmt)
    if ns.command == "compare":
        models = [m.strip() for m in (ns.model or "").split(",")] if ns.model else [None]
        regions = [r.strip() for r in ns.region.split(",")]
        if len(models) * len(regions) > 12:
            raise EstimatorError("too many options to compare (more than 12)", "compare fewer models or regions")
        labs = [label(estimate(_scenario(ns, model=m, region=r), data), data) for m in models for r in regions]
        records = [estimate_record(l.estimate, l, data) for l in labs]
        if fmt == "json":
            return json.dumps(records, indent=2, ensure_ascii=False)
        if fmt == "csv":
            return csv_text([flat_record(r) for r in records])
        rows = [{"model": l.estimate.model.model_id, "region": l.estimate.zone.zone_id,
                 "co2e": fmt_grams(l.estimate.co2e_g), "energy": fmt_wh(l.estimate.energy_wh),
                 "label": l.category, "vs typical": label_percent(l, data)} for l in labs]
        return _table(rows, list(rows[0])) + "\n" + not_counted(labs[0].estimate.boundary) + "\n" + citation_line(labs[0].estimate)
    if ns.command == "regions":
        kinds = ("world", "country", "us_state", "cloud_region")
        if ns.kind is not None and ns.kind not in kinds:
            raise EstimatorError(f"unknown kind {ns.kind[:30]!r}", "use world, country, us_state or cloud_region")
        rows = [{"zone_id": z.zone_id, "name": z.name, "kind": z.kind,
                 "g_per_kwh_low": z.intensity_g_per_kwh.low, "g_per_kwh_central": z.intensity_g_per_kwh.central,
                 "g_per_kwh_high": z.intensity_g_per_kwh.high, "scope": z.scope, "year": z.year,
                 "source": z.source.title, "url": z.source.url}
                for z in data.zones.values() if ns.kind in (None, z.kind)]
    elif ns.command == "models":
        tasks = ("llm", "summarizer", "image", "video")
        if ns.task is not None and ns.task not in tasks:
            raise EstimatorError(f"unknown model task {ns.task[:30]!r}", "use llm, summarizer, image or video")
        rows = [{"model_id": m.model_id, "name": m.name, "task": m.task, "family": m.family,
                 "size_class": m.size_class, "active_params_b": f"{m.active_params_b.central:g}" if m.task in ("llm", "summarizer") else "",
                 "total_params_b": f"{m.total_params_b.central:g}" if m.task in ("llm", "summarizer") else "",
                 "size_is_estimate": "yes" if m.size_is_estimate else "no", "source": m.source.url}
                for m in data.models.values() if ns.task in (None, m.task)]
    else:  # equivalents
        from .equivalents import all_equivalents
        from .uncertainty import Range
        if ns.grams is None and ns.wh is None:
            raise EstimatorError("give --grams, --wh or both", "for example: equivalents --grams 100 --wh 250")
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


def main(argv: list[str] | None = None) -> int:
    try:
        out = _run(sys.argv[1:] if argv is None else argv)
    except EstimatorError as exc:
        print(one_line(f"error: {exc.message}" + (f" — {exc.hint}" if exc.hint else "")), file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        print(out)
    except BrokenPipeError:  # `| head` closed the pipe: not an error of ours
        return 0
    return 0
