"""Speed and validation tables: `make bench` (or `.venv/bin/python bench/run.py [--only speed|validation]`).

Speed: median time per single estimate and per full label (estimate + every greener option),
over many timed batches. Validation: the estimator's central value and range next to every
published measurement in data/measurements.csv at the same boundary and setting.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from estimator import estimate, label, load_data  # noqa: E402
from estimator.data import Measurement  # noqa: E402
from estimator.errors import EstimatorError  # noqa: E402

TARGET_ESTIMATE_US = 60
TARGET_LABEL_US = 600
CASES = {
    "chat, llama-3.1-70b": dict(task="chat", model="llama-3.1-70b"),
    "chat, gpt-4o (closed)": dict(task="chat", model="gpt-4o", region="US"),
    "summarize, typical": dict(task="summarize"),
    "image, sdxl x10, FR": dict(task="image", model="sdxl", count=10, region="FR"),
    "video, wan2.1-14b": dict(task="video", model="wan2.1-14b"),
}
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
    data = load_data()
    rows = []
    for name, kw in CASES.items():
        est = _median_us(lambda: estimate(data=data, **kw))
        lab = _median_us(lambda: label(data=data, **kw), batches=30, per_batch=10)
        rows.append([name, f"{est:.1f}", f"{lab:.1f}", "ok" if est < TARGET_ESTIMATE_US and lab < TARGET_LABEL_US else "SLOW"])
    return (f"Speed (median µs per call; targets: estimate < {TARGET_ESTIMATE_US} µs, full label < {TARGET_LABEL_US} µs)\n"
            + _table(rows, ["case", "estimate µs", "label µs", "target"]))


def _scenario_for(m: Measurement) -> tuple[dict, str] | None:
    """The estimator inputs that match a measurement's setting, and a note on assumptions."""
    base = dict(model=m.model_id, hardware=m.hardware_id, boundary=m.boundary)
    if m.task == "chat":
        batch = m.batch_regime if m.batch_regime != "single" else "low_load"
        tokens_in = m.input_tokens if m.input_tokens is not None else ASSUMED_CHAT_INPUT_TOKENS
        note = "" if m.input_tokens is not None else f"input {ASSUMED_CHAT_INPUT_TOKENS} tok assumed"
        return dict(base, task="chat", batch=batch, input_tokens=tokens_in, output_tokens=m.output_tokens), note
    if m.task == "summarize":
        return dict(base, task="summarize", batch="low_load", preset="article"), "800-word article, batch-1 run vs low-load fit"
    if m.task == "image":
        if m.width:
            return dict(base, task="image", width=m.width, height=m.height, steps=m.steps), ""
        model = load_data().models[m.model_id]
        return (dict(base, task="image", width=model.ref_width, height=model.ref_height, steps=model.ref_steps),
                "size/steps not recorded: model reference used")
    if m.task == "video":
        return dict(base, task="video", width=m.width, height=m.height, seconds=m.frames / m.fps, steps=m.steps), ""
    return None


def validation() -> str:
    data = load_data()
    rows, ratios, uses, inside = [], [], [], 0
    for m in data.measurements.values():
        if m.use == "reference" or not m.model_id:
            continue
        spec = _scenario_for(m)
        if spec is None:
            continue
        kw, note = spec
        kw = {k: v for k, v in kw.items() if v is not None}
        try:
            e = estimate(data=data, **kw)
        except EstimatorError as exc:
            rows.append([m.measurement_id, m.use, m.boundary, f"{m.energy_wh_per_item:.4g}", "—", "—", "—", f"skipped: {exc.message}"])
            continue
        r = e.energy_wh_per_unit[m.boundary]
        ratio = r.central / m.energy_wh_per_item
        ok = r.low <= m.energy_wh_per_item <= r.high
        ratios.append(ratio)
        uses.append(m.use)
        inside += ok
        rows.append([m.measurement_id, m.use, m.boundary, f"{m.energy_wh_per_item:.4g}", f"{r.central:.4g}",
                     f"{r.low:.3g}–{r.high:.3g}", f"{ratio:.2f}", ("in range" if ok else "OUTSIDE") + (f"; {note}" if note else "")])
    held_out = [x for x, (m_use) in zip(ratios, uses) if m_use != "fit"]
    summary = (f"\nheld-out measurements: {len(held_out)}, median ratio {statistics.median(held_out):.2f}" if held_out else "")
    summary = (f"\n{len(ratios)} measurements: median ratio estimate/measured {statistics.median(ratios):.2f}, "
               f"geometric spread ×{statistics.geometric_mean([max(x, 1 / x) for x in ratios]):.2f}, "
               f"{inside} of {len(ratios)} inside the estimator's range" + summary)
    return ("Validation (energy per item at the measurement's own boundary; Wh)\n"
            + _table(rows, ["measurement", "use", "boundary", "measured", "estimate", "range", "ratio", "note"]) + summary
            + "\n(use=fit rows are in-sample for the LLM fit; validation and prefill rows were not used to fit anything)")


TARGET_RERUN_MS = 50
TARGET_FIRST_MS = 1000


def _app_timings(page: str, change, params: dict | None = None, reruns: int = 20) -> tuple[float, float]:
    """(first run ms, median rerun-after-a-widget-change ms) of one page through AppTest."""
    from tests.app_helpers import open_page

    t = time.perf_counter()
    at = open_page(page, params)
    first = (time.perf_counter() - t) * 1000
    times = []
    for i in range(reruns):
        change(at, i)
        t = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - t) * 1000)
        assert not at.exception, at.exception
    return first, statistics.median(times)


def app() -> str:
    import os

    import streamlit as st

    from tests.fake_providers import FakeProviders

    def bump_count(at, i):
        at.number_input(key="est_n").set_value(float(1 + i % 7))

    def bump_compare(at, i):
        at.number_input[0].set_value(float(1 + i % 7))

    rows = []
    first, rerun = _app_timings("estimate", bump_count, {"task": "image", "model": "sdxl"})
    rows.append(["Estimate (first run in a fresh process)", f"{first:.0f}", f"{rerun:.1f}"])
    first, rerun = _app_timings("compare", bump_compare)
    rows.append(["Compare", f"{first:.0f}", f"{rerun:.1f}"])
    with FakeProviders(slow_s=30) as fake:
        os.environ["AIFL_GB_CI_BASE_URL"] = fake.url("ok")
        st.cache_resource.clear()
        first, rerun = _app_timings("estimate", bump_count, {"task": "image", "region": "GB", "live": "1"})
        rows.append(["Estimate, live on, warm cache (fake GB provider)", f"{first:.0f}", f"{rerun:.1f}"])
        os.environ["AIFL_GB_CI_BASE_URL"] = fake.url("slow")
        st.cache_resource.clear()
        from tests.app_helpers import open_page
        t = time.perf_counter()
        at = open_page("estimate", {"task": "image", "region": "GB", "live": "1"})
        hang = (time.perf_counter() - t) * 1000
        rows.append(["Estimate, live on, provider hangs (timeout 1 s + 3 s)", f"{hang:.0f}", "—"])
        del os.environ["AIFL_GB_CI_BASE_URL"]
        st.cache_resource.clear()
    return (f"App (AppTest, server side; targets: rerun median < {TARGET_RERUN_MS} ms, first run < {TARGET_FIRST_MS} ms, "
            "provider hang ≤ timeout + 100 ms)\n" + _table(rows, ["page", "first run ms", "rerun median ms"]))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--only", choices=["speed", "validation", "app"], default=None)
    ns = p.parse_args(argv)
    parts = []
    if ns.only in (None, "speed"):
        parts.append(speed())
    if ns.only in (None, "validation"):
        parts.append(validation())
    if ns.only in (None, "app"):
        parts.append(app())
    print("\n\n".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
