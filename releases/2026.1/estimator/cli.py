"""``python -m estimator``: the library for scripts and journalists.

Every bad argument exits with status 2 and one line on stderr (what is wrong, and a hint);
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import asdict

from .data import load_data
from .errors import EstimatorError
from .estimate import Estimate, estimate
from .label import FlightLabel, label
from .present import citation_line, csv_text, estimate_record, flat_record, fmt_amount, fmt_grams, fmt_wh
from .scenario import Scenario


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage and exit 2; we keep it to one line
        raise EstimatorError(message, f"see: python -m estimator {self.prog.split()[-1]} --help"
                             if " " in self.prog else "see: python -m estimator --help")


def _scenario_args(p: argparse.ArgumentParser, multi: bool = False) -> None:
    p.add_argument("--task", default="chat", help="chat | summarize | image | video (default chat)")
    p.add_argument("--model", default=None, help="model id (see `models`); omit for the task's typical model"
                   + ("; comma-separate several to compare" if multi else ""))
    p.add_argument("--count", default="1", help="how many queries / documents / images / clips (default 1)")
    p.add_argument("--region", default="WORLD", help="ISO code, country or state name, or cloud region id"
                   + ("; comma-separate several to compare" if multi else ""))
    p.add_argument("--hardware", default="h100", help="h100 | a100 | h100-capped | a100-capped")
    p.add_argument("--datacenter", default="typical-cloud", help="typical-cloud | efficient-hyperscale | industry-average")
    p.add_argument("--batch", default="typical", help="LLM serving load: typical | large_batch | low_load")
    p.add_argument("--boundary", default="datacenter", help="gpu | server | datacenter (default datacenter)")
    p.add_argument("--preset", default=None, help="workload preset of the task (see `models --presets`)")
    for name in ("input-tokens", "output-tokens", "doc-words", "summary-words", "width", "height", "steps", "seconds"):
        p.add_argument(f"--{name}", default=None)
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
    sub.add_parser("fit", help="refit data/llm_fit.csv from data/measurements.csv")
    return parser


def _scenario(ns: argparse.Namespace, **override) -> Scenario:
    fields = dict(task=ns.task, model=ns.model, count=ns.count, region=ns.region, hardware=ns.hardware,
                  datacenter=ns.datacenter, batch=ns.batch, boundary=ns.boundary, preset=ns.preset,
                  input_tokens=ns.input_tokens, output_tokens=ns.output_tokens, doc_words=ns.doc_words,
                  summary_words=ns.summary_words, width=ns.width, height=ns.height, steps=ns.steps,
                  seconds=ns.seconds, hour=ns.hour, season=ns.season)
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
    lines = [
        f"{e.task.name}: {fmt_amount(s.count)} {unit} with {e.model.name}, {e.zone.name} grid",
        f"  CO2e ({e.boundary} boundary): {fmt_grams(e.co2e_g)}",
        f"  Energy ({e.boundary} boundary): {fmt_wh(e.energy_wh)}",
        "  Energy by boundary, total: " + ", ".join(
            f"{b} {fmt_wh(r * s.count)}" for b, r in e.energy_wh_per_unit.items()),
        f"  Grid: {e.intensity_g_per_kwh.central:.0f} gCO2e/kWh, {e.grid_label}"
        + (f"; range {e.intensity_g_per_kwh.low:.0f}–{e.intensity_g_per_kwh.high:.0f}" if e.intensity_g_per_kwh.parts else ""),
        "  What drives the range: " + ", ".join(f"{n} {share:.0%}" for n, share in e.drivers()[:3]),
        "  That is about: " + "; ".join(f"{fmt_amount(v.amount.central)} {v.label}" for v in e.best_equivalents(data)),
    ]
    if lab is not None:
        sign = "+" if lab.percent_vs_typical >= 0 else "−"
        lines.append(f"  Label: {lab.words.upper()} ({sign}{abs(lab.percent_vs_typical):.0f}% vs typical: "
                     f"{lab.typical.model.name}, {lab.typical.scenario.preset}, world grid, "
                     f"{fmt_grams(lab.typical.co2e_g_per_unit)} per {e.task.unit_singular})")
        if lab.alternatives:
            lines.append("  Greener options:")
            for o in lab.alternatives:
                lines.append(f"    - {o.label}: {o.change} → {fmt_grams(o.estimate.co2e_g)} "
                             f"(−{o.saved_percent:.0f}%). Trade-off: {o.trade_off}")
    lines.append("  Sources: " + " | ".join(dict.fromkeys(src.citation() for src in e.sources())))
    lines.append("  " + citation_line(e))
    return "\n".join(lines)


def _run(argv: list[str]) -> str:
    parser = build_parser()
    ns = parser.parse_args(argv)
    if ns.command is None:
        raise EstimatorError("no command given", "try: python -m estimator estimate --task image --model sdxl")
    data = load_data()
    if ns.command == "fit":
        from .fit import write_fit
        return f"wrote {write_fit()}"
    fmt = _check_format(ns.format)
    if ns.command in ("estimate", "label"):
        from .live import label_with_live
        lab, notice, _ = label_with_live(_scenario(ns), data, ns.live)
        if notice:
            print(f"note: {notice}", file=sys.stderr)
        return _print_estimate(lab.estimate, lab, fmt)
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
                 "label": l.category, "vs typical": f"{l.percent_vs_typical:+.0f}%"} for l in labs]
        return _table(rows, list(rows[0])) + "\n" + citation_line(labs[0].estimate)
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
            try:
                v = float(text)
            except ValueError:
                raise EstimatorError(f"{name} must be a number, not {text[:30]!r}", f"for example {name} 100") from None
            if not math.isfinite(v) or v <= 0 or v > 1e15:
                raise EstimatorError(f"{name} must be a positive, finite number", f"for example {name} 100")
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
        print(f"error: {exc.message}" + (f" — {exc.hint}" if exc.hint else ""), file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        print(out)
    except BrokenPipeError:  # `| head` closed the pipe: not an error of ours
        return 0
    return 0
