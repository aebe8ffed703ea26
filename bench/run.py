"""Speed and validation tables: `make bench` (or `.venv/bin/python bench/run.py [--only SECTION]`).

Sections (all by default): ``label`` — median µs per label() call for every task and region kind;
``validation`` — the estimator next to every row of data/validation.csv (figures never used to fit), with a summary;
``reruns`` — CPU time of the script thread per rerun of each page (AppTest, medians); ``cli`` —
wall time of ``python -m estimator estimate``; ``live`` — the live-provider paths (fake provider).
The concurrent-browser load test is separate: `make bench-load` (bench/load.py).
Figures depend on the machine and on what else runs on it: compare rows of one run, side by side.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from estimator import estimate, label, load_data  # noqa: E402
from estimator.data import read_validation  # noqa: E402
from estimator.errors import EstimatorError  # noqa: E402
from estimator.facility import BOUNDARIES  # noqa: E402
from estimator.scenario import Scenario  # noqa: E402

TARGET_ESTIMATE_US = 60
TARGET_LABEL_US = 300
TARGET_RERUN_MS = 20
TARGET_CLI_MS = 120
TASKS = ("chat", "summarize", "image", "video")
# Region kinds: annual average only, a grid with an hourly profile (with and without a chosen hour), a cloud region.
REGION_KINDS = {
    "WORLD (annual)": dict(region="WORLD"),
    "PL (country, annual)": dict(region="PL"),
    "FR (hourly profile)": dict(region="FR"),
    "FR hour=3": dict(region="FR", hour=3),
    "US-CA hour=13": dict(region="US-CA", hour=13),
    "europe-west1 (cloud)": dict(region="europe-west1"),
}
# A workload field per task that changes every call in the "new workload" column (nothing remembered helps).
FRESH_FIELD = {"chat": ("output_tokens", 200), "summarize": ("summary_words", 100), "image": ("steps", 10),
               "video": ("steps", 10)}
# Chat prompts in the ML.ENERGY runs: output length is published per model, input length is not.
ASSUMED_CHAT_INPUT_TOKENS = 100


def _median_us(fn, batches: int = 60, per_batch: int = 40) -> float:
    fn()
    times = []
    for _ in range(batches):
        t = time.perf_counter()
        for _ in range(per_batch):
            fn()
        times.append((time.perf_counter() - t) / per_batch)
    return statistics.median(times) * 1e6


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def speed() -> str:
    """label() for every task × region kind: the same call repeated, and a new workload on every call."""
    data = load_data()
    rows, worst = [], 0.0
    for task in TASKS:
        field, base = FRESH_FIELD[task]
        for kind, kw in REGION_KINDS.items():
            same = _median_us(lambda: label(task=task, data=data, **kw), batches=30, per_batch=10)
            counter = iter(range(base, base + 10_000))
            fresh = _median_us(lambda: label(task=task, data=data, **kw, **{field: next(counter)}), batches=20, per_batch=10)
            est = _median_us(lambda: estimate(task=task, data=data, **kw), batches=20, per_batch=20)
            worst = max(worst, same)
            rows.append([task, kind, f"{est:.0f}", f"{same:.0f}", f"{fresh:.0f}",
                         "ok" if same <= TARGET_LABEL_US else "SLOW"])
    return (f"label() speed (median µs per call; target: label ≤ {TARGET_LABEL_US} µs for every task and region)\n"
            + _table(rows, ["task", "region", "estimate µs", "label µs", "label µs, new workload", "label target"])
            + f"\nslowest label(): {worst:.0f} µs. 'new workload' changes {', '.join(sorted({f for f, _ in FRESH_FIELD.values()}))}"
              " on every call, so no remembered resolution or energy applies (a first visit to a scenario).")


# How a source's precision reads in the estimator's names (data/precision.csv after issue 9): FP16 has BF16's
# width and speed on H100 (judgement); MXFP4 is a 4-bit format. FP32 has no precision row: not modelled.
PRECISION_NAMES = {"bf16": "bf16", "fp16": "bf16", "fp8": "fp8", "mxfp4": "mxfp4", "int4": "int4"}
# validation.csv's model_id for a published median/average query of a product whose model is not stated: compared
# with the estimator's typical query for the task (tasks.csv), the headline the app shows.
TYPICAL = "typical"
# The estimator's default precision when a model has no served-precision row (METHODOLOGY §1.2).
DEFAULT_PRECISION = "bf16"
# Targets from issue 9 §5: share inside, median factor, worst factor, median range width (high/low)
TARGET_INSIDE, TARGET_MEDIAN_FACTOR, TARGET_WORST_FACTOR, TARGET_MEDIAN_WIDTH = 0.90, 1.5, 3.0, 4.0


def _workload_fields(v: dict, data) -> tuple[dict, str]:
    """The row's workload as Scenario fields, and a note on what had to be assumed."""
    task = v["task"]
    if v["model_id"] == TYPICAL:
        return {}, "model and workload not published: the estimator's typical query for the task"
    if task == "chat":
        batch = v["batch_regime"] if v["batch_regime"] != "single" else "low_load"
        kw = dict(batch=batch, input_tokens=v["input_tokens"], output_tokens=v["output_tokens"])
        if v["output_tokens"] is None:
            return kw, "output length not published: chat preset"
        if v["input_tokens"] is None:
            return dict(kw, input_tokens=ASSUMED_CHAT_INPUT_TOKENS), f"input {ASSUMED_CHAT_INPUT_TOKENS} tok assumed"
        return kw, ""
    if task == "summarize":
        return dict(batch="low_load", preset="article"), "800-word article, batch-1 run vs low-load fit"
    model = data.models[v["model_id"]]  # image and video rows name a catalogued model: its reference settings
    width, height, steps = v["width"] or model.ref_width, v["height"] or model.ref_height, v["steps"] or model.ref_steps
    note = "" if v["width"] and v["steps"] else "size/steps not recorded: model reference used"
    if task == "image":
        return dict(width=width, height=height, steps=steps), note
    seconds = v["frames"] / v["fps"] if v["frames"] and v["fps"] else model.ref_clip_seconds
    if not (v["frames"] and v["fps"]):
        note = (note + "; " if note else "") + "clip length not recorded: reference clip"
    return dict(width=width, height=height, steps=steps, seconds=seconds), note


def scenario_for_row(v: dict, data, scenario_fields=None, boundaries=None) -> tuple[dict, list[str], str]:
    """THE mapping from a validation row's conditions to Scenario fields: (fields, not modelled yet, assumption).

    Boundary, serving mode and precision go to the Scenario only when this library has the field and value
    (Scenario.__dataclass_fields__, facility.BOUNDARIES); otherwise they are listed as not modelled yet, so the
    same code computes them once the library accepts them."""
    known = set(scenario_fields if scenario_fields is not None else Scenario.__dataclass_fields__)
    boundaries = boundaries if boundaries is not None else BOUNDARIES
    missing = []
    if v["boundary"] not in boundaries:
        missing.append(f"boundary {v['boundary']}")
    elif v["boundary"] == "datacenter" and v["source_type"] == "production disclosure" and "fleet" not in boundaries:
        # an operator meters its whole serving fleet: our datacenter counts idle capacity only once the fleet step exists
        missing.append("fleet step under datacenter (host and idle capacity)")
    if v["energy_wh_per_item"] is None and not (_is_grams(v) and v["region"] and v["accounting"] != "market"):
        missing.append(f"a {v['published_unit'].split(' per ')[0]} figure (needs the source's grid"
                       + (f", {v['accounting']}-based" if v["accounting"] else "") + ")")
    kw = dict(task=v["task"], model=None if v["model_id"] == TYPICAL else v["model_id"],
              hardware=v["hardware_id"] or "h100", boundary=v["boundary"])
    if not v["model_id"] and v["params_b"]:  # outside the catalogue, published size: the custom model
        kw.update(model="custom", custom_total_params_b=v["params_b"])
    if v["region"]:
        kw["region"] = v["region"]
    if "mode" in known:
        kw["mode"] = v["mode"]
    elif v["mode"] != "production":
        missing.append(f"mode {v['mode']}")
    precision = PRECISION_NAMES.get(v["precision"]) if v["precision"] else None
    if v["precision"] and precision is None:
        missing.append(f"precision {v['precision']}")
    elif precision and "precision" in known:
        kw["precision"] = precision
    elif precision and precision != DEFAULT_PRECISION:
        missing.append(f"precision {v['precision']}")
    workload, assumption = _workload_fields(v, data)
    kw.update({k: x for k, x in workload.items() if x is not None})
    return kw, missing, assumption


def _is_grams(v: dict) -> bool:
    return v["published_unit"].startswith("g CO2e")


def _ours(kw: dict, boundary: str, data, grams: bool = False):
    """Our figure per item at the row's boundary: energy [Wh], or grams on the row's grid for a gram figure."""
    e = estimate(data=data, **kw)
    return e.co2e_g_per_unit if grams else e.energy_wh_per_unit[boundary]


def validation_results(data=None) -> list[dict]:
    """One result per data/validation.csv row: our low/central/high at the row's boundary, mode and precision.

    status: 'compared'; 'not modelled yet: <what>' (a boundary, mode, precision or gram figure this library does not
    accept yet; 'forced' then holds today's estimate without that condition where one exists); or 'no catalogue
    model'. Only 'compared' rows carry low/central/high, ratio (ours ÷ published) and inside."""
    data = data or load_data()
    results = []
    for v in read_validation():
        res = dict(v, status="compared", low=None, central=None, high=None, ratio=None, inside=None, forced=None,
                   assumption="", cause=None)
        if (not v["model_id"] and not v["params_b"]) or (v["model_id"] and v["model_id"] not in data.models
                                                         and v["model_id"] != TYPICAL):
            res["status"] = "no catalogue model"
            results.append(res)
            continue
        kw, missing, res["assumption"] = scenario_for_row(v, data)
        if not missing:
            try:
                r = _ours(kw, v["boundary"], data, grams=v["energy_wh_per_item"] is None)
            except EstimatorError as exc:
                missing.append(exc.message)
            except KeyError:
                missing.append(f"boundary {v['boundary']}")
        if missing:
            res["status"] = "not modelled yet: " + "; ".join(missing)
            if v["boundary"] in BOUNDARIES and v["energy_wh_per_item"] is not None:
                try:  # what today's library says when the condition is ignored: the cost of not modelling it
                    res["forced"] = _ours(kw, v["boundary"], data).central / v["energy_wh_per_item"]
                except (EstimatorError, KeyError):
                    pass
            results.append(res)
            continue
        published = v["energy_wh_per_item"] if v["energy_wh_per_item"] is not None else v["published_value"]
        res.update(low=r.low, central=r.central, high=r.high, ratio=r.central / published,
                   inside=r.low <= published <= r.high)
        if not res["inside"]:
            res["cause"] = v["known_gap"] or f"unexplained: ours {'high' if res['ratio'] > 1 else 'low'}"
        results.append(res)
    return results


def _factor(ratio: float) -> float:
    return max(ratio, 1 / ratio)


def _summary_row(name: str, group: list[dict]) -> list[str]:
    done = [g for g in group if g["status"] == "compared"]
    pending = sum(g["status"].startswith("not modelled yet") for g in group)
    no_model = sum(g["status"] == "no catalogue model" for g in group)
    counts = [name, str(len(group)), str(len(done)), str(pending), str(no_model)]
    if not done:
        return counts + ["—", "—", "—", "—", "no compared row"]
    factors = [_factor(g["ratio"]) for g in done]
    share = sum(g["inside"] for g in done) / len(done)
    med, worst = statistics.median(factors), max(factors)
    width = statistics.median(g["high"] / g["low"] for g in done)
    misses = [t for t, ok in (("inside", share >= TARGET_INSIDE), ("median", med <= TARGET_MEDIAN_FACTOR),
                              ("worst", worst <= TARGET_WORST_FACTOR), ("width", width <= TARGET_MEDIAN_WIDTH)) if not ok]
    return counts + [f"{share:.0%}", f"×{med:.2f}", f"×{worst:.2f}", f"×{width:.2f}",
                     "meets all" if not misses else "misses " + ", ".join(misses)]


def summary_groups(results: list[dict]) -> list[tuple[str, list[dict]]]:
    """All rows, per task and per source type: the groups the summary reports against the targets."""
    groups = [("all", results)]
    groups += [(f"task {t}", [r for r in results if r["task"] == t]) for t in TASKS]
    groups += [(s, [r for r in results if r["source_type"] == s]) for s in sorted({r["source_type"] for r in results})]
    return groups


def miss_causes(results: list[dict]) -> list[str]:
    """One line per cause of a miss (a compared row outside our range): the cause, how many rows, their ratios."""
    by_cause: dict[str, list[dict]] = {}
    for r in results:
        if r["status"] == "compared" and not r["inside"]:
            by_cause.setdefault(r["cause"], []).append(r)
    lines = []
    for cause, rows in sorted(by_cause.items(), key=lambda kv: -len(kv[1])):
        ratios = sorted(r["ratio"] for r in rows)
        lines.append(f"- {cause}: {len(rows)} row(s), ours ÷ published {ratios[0]:.2f}–{ratios[-1]:.2f} "
                     f"({', '.join(r['validation_id'] for r in rows)})")
    return lines


def validation() -> str:
    results = validation_results()
    rows = []
    for r in results:
        published = f"{r['published_value']:.4g} {r['published_unit']}"
        if r["status"] != "compared":
            forced = f"today ×{r['forced']:.2f}" if r["forced"] else ""
            rows.append([r["validation_id"], r["task"], r["source_type"], r["boundary"], r["mode"], r["precision"] or "—",
                         published, "—", "—", "—", r["status"], forced])
            continue
        rows.append([r["validation_id"], r["task"], r["source_type"], r["boundary"], r["mode"], r["precision"] or "—",
                     f"{r['energy_wh_per_item']:.4g} Wh" if r["energy_wh_per_item"] is not None else published,
                     f"{r['central']:.4g}", f"{r['low']:.3g}–{r['high']:.3g}",
                     f"{r['ratio']:.2f}", "in range" if r["inside"] else "OUTSIDE",
                     r["assumption"] if r["inside"] else r["cause"]])
    summary = [_summary_row(name, g) for name, g in summary_groups(results)]
    forced = [r for r in results if r["forced"]]
    forced_line = ""
    if forced:
        f = [_factor(r["forced"]) for r in forced]
        forced_line = (f"\nNot modelled yet, estimated today without the missing condition ({len(forced)} rows): median factor "
                       f"×{statistics.median(f):.2f}, worst ×{max(f):.2f}, beyond ×3: {sum(x > 3 for x in f)} — what the "
                       "missing conditions cost; never part of the score above.")
    causes = miss_causes(results)
    return ("Validation against data/validation.csv (published figures never used to fit anything; energy per item "
            "at the row's own boundary, mode and precision; ours in Wh, or in g CO2e for a gram figure on its grid)\n"
            + _table(rows, ["row", "task", "source type", "boundary", "mode", "precision", "published", "ours",
                            "our range", "ratio", "inside?", "cause of a miss / assumption"])
            + "\n\nValidation summary (compared rows only; targets: ≥ 90 % inside, median factor ≤ ×1.5, "
              "none beyond ×3, median range width ≤ ×4)\n"
            + _table(summary, ["group", "rows", "compared", "not modelled yet", "no catalogue model", "inside",
                               "median factor", "worst factor", "median width", "against targets"])
            + forced_line
            + "\n\nMisses by cause (one line per cause; compared rows outside our range):\n"
            + ("\n".join(causes) if causes else "- none")
            + "\n(factor = max(ours/published, published/ours); width = our high/low. 'Not modelled yet' rows are "
              "counted apart and computed by the same code once the library accepts their boundary, mode or precision.)")


# ---------------------------------------------------------------- page reruns (AppTest)

def _rerun_timer():
    """Patch Streamlit so every script run records its thread CPU time, and compiles each file once.

    AppTest makes a fresh script cache per run, so every rerun would recompile app.py and the page; a
    served app compiles them once per process. One shared cache removes that; ``_compile_ms`` reports it apart.
    """
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_runner

    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared
    local_runner.ScriptCache = lambda: shared
    times: list[float] = []
    original = script_runner.ScriptRunner._run_script
    if getattr(original, "_timed", False):
        return times

    def timed(self, rerun_data):
        t = time.thread_time()
        try:
            return original(self, rerun_data)
        finally:
            times.append((time.thread_time() - t) * 1000)

    timed._timed = True
    script_runner.ScriptRunner._run_script = timed
    _rerun_timer.times = times
    return times


def _compile_ms(page_file: str) -> float:
    """CPU ms to compile app.py and one page: what AppTest adds to each rerun (a server does it once)."""
    root = Path(__file__).resolve().parent.parent
    sources = [(root / f).read_text(encoding="utf-8") for f in ("app.py", page_file)]
    runs = []
    for _ in range(10):
        t = time.thread_time()
        for i, src in enumerate(sources):
            compile(src, f"<page {i}>", "exec")
        runs.append((time.thread_time() - t) * 1000)
    return statistics.median(runs)


def _page_reruns(page: str, params: dict, change, reruns: int) -> tuple[float, float, float]:
    """(first run ms, median rerun CPU ms, 90th percentile) of one page, an input changed before each rerun."""
    from tests.app_helpers import open_page

    times = getattr(_rerun_timer, "times", None) or _rerun_timer()
    times.clear()
    at = open_page(page, params)
    first = times[-1] if times else float("nan")
    times.clear()
    for i in range(reruns):
        change(at, i)
        at.run()
        assert not at.exception, at.exception
    runs = sorted(times)
    return first, statistics.median(runs), runs[int(0.9 * (len(runs) - 1))]


def reruns(count: int = 25) -> str:
    """Every page's rerun cost: CPU time of the script thread, median over ``count`` reruns, each after a change."""
    def count_up(at, i):  # a new count on every rerun: a new scenario, never a repeat
        at.number_input(key="est_n").set_value(float(2 + i))

    def compare_count(at, i):
        at.number_input[0].set_value(float(2 + i))

    def embed_count(at, i):  # Embed has no widgets: a new link each time
        at.query_params["n"] = str(2 + i)

    def nothing(at, i):
        pass

    def year_rate(at, i):  # a new chat rate on every rerun: a new year, never a repeat
        at.number_input(key="yr_chat_rate").set_value(float(2 + i))

    cases = [
        ("Estimate (image, SDXL, world)", "estimate", {"task": "image", "model": "sdxl"}, count_up, "pages/estimate.py"),
        ("Estimate (chat, GB: hourly profile)", "estimate", {"task": "chat", "region": "GB"}, count_up, "pages/estimate.py"),
        ("Estimate (image, FR, hour=3)", "estimate", {"task": "image", "model": "sdxl", "region": "FR", "hour": "3"},
         count_up, "pages/estimate.py"),
        ("Compare (two options)", "compare", {}, compare_count, "pages/compare.py"),
        ("Methodology", "methodology", {}, nothing, "pages/methodology.py"),
        ("Embed (new scenario each rerun)", "embed", {"task": "image", "model": "sdxl"}, embed_count, "pages/embed.py"),
        ("My AI year (daily user)", "year", {"preset": "daily-user"}, year_rate, "pages/year.py"),
        ("My AI year (exam week, life cycle)", "year", {"preset": "student-exam-week", "boundary": "lifecycle"},
         year_rate, "pages/year.py"),
    ]
    rows = []
    for name, page, params, change, page_file in cases:
        first, median, p90 = _page_reruns(page, params, change, count)
        rows.append([name, f"{median:.1f}", f"{p90:.1f}", f"{first:.0f}", f"{_compile_ms(page_file):.1f}",
                     f"≤ {TARGET_RERUN_MS}", "ok" if median <= TARGET_RERUN_MS else "SLOW"])
    return (f"Page reruns (CPU ms of the script thread per rerun, {count} reruns after an input change, AppTest with "
            "compilation done once as a server does; target: median ≤ 20 ms)\n"
            + _table(rows, ["page", "median ms", "p90 ms", "first run ms", "compile ms (apart)", "target", ""]))


def cli(runs: int = 9) -> str:
    """Wall time of the CLI as a person runs it: a fresh Python process each time (median of ``runs``)."""
    root = Path(__file__).resolve().parent.parent
    commands = {
        "python -m estimator estimate": [sys.executable, "-m", "estimator", "estimate"],
        "python -m estimator label --task image --model sdxl --region FR --hour 3":
            [sys.executable, "-m", "estimator", "label", "--task", "image", "--model", "sdxl", "--region", "FR", "--hour", "3"],
        "python -c pass (the interpreter alone)": [sys.executable, "-c", "pass"],
    }
    import resource

    rows = []
    for name, cmd in commands.items():
        walls, cpus = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            done = subprocess.run(cmd, cwd=root, capture_output=True, timeout=60)
            walls.append((time.perf_counter() - t) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
            if done.returncode != 0:
                walls = cpus = [float("nan")]
                break
        med = statistics.median(walls)
        target = "" if "pass" in name else ("ok" if med <= TARGET_CLI_MS else "SLOW")
        rows.append([name, f"{med:.0f}", f"{min(walls):.0f}", f"{statistics.median(cpus):.0f}", target])
    return (f"CLI start-up (wall ms, median and best of {runs} fresh processes; target: median wall ≤ {TARGET_CLI_MS} ms; "
            "CPU ms = user + system of the process, which other load on the machine does not inflate)\n"
            + _table(rows, ["command", "median ms", "best ms", "CPU ms", "target"]))


def live() -> str:
    """The live-provider paths through AppTest, against a fake provider on 127.0.0.1."""
    import streamlit as st

    from tests.app_helpers import open_page
    from tests.fake_providers import FakeProviders

    def count_up(at, i):
        at.number_input(key="est_n").set_value(float(2 + i))

    rows = []
    with FakeProviders(slow_s=30) as fake:
        os.environ["AIFL_GB_CI_BASE_URL"] = fake.url("ok")
        st.cache_resource.clear()
        first, median, _ = _page_reruns("estimate", {"task": "image", "region": "GB", "live": "1"}, count_up, 15)
        rows.append(["Estimate, live on, warm cache (fake GB provider)", f"{first:.0f}", f"{median:.1f}"])
        os.environ["AIFL_GB_CI_BASE_URL"] = fake.url("slow")
        st.cache_resource.clear()
        t = time.perf_counter()
        open_page("estimate", {"task": "image", "region": "GB", "live": "1"})
        hang = (time.perf_counter() - t) * 1000
        rows.append(["Estimate, live on, provider hangs (timeout 1 s + 3 s), wall", f"{hang:.0f}", "—"])
        del os.environ["AIFL_GB_CI_BASE_URL"]
        st.cache_resource.clear()
    return ("Live grid data (AppTest; first run: script CPU ms except the hang row, which is wall time; "
            "target: a hang costs at most the timeouts + 100 ms)\n"
            + _table(rows, ["case", "first run ms", "rerun median ms"]))


SECTIONS = {"label": speed, "validation": validation, "reruns": reruns, "cli": cli, "live": live}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", choices=list(SECTIONS), action="append", default=None,
                   help="run only this section (repeatable)")
    ns = p.parse_args(argv)
    for name in ns.only or list(SECTIONS):
        print(SECTIONS[name](), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
