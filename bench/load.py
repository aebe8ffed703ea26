"""Load test: concurrent browser sessions against one app server (`make bench-load`; not part of the tests or CI).

One ``streamlit run app.py`` on 127.0.0.1, pinned to CPU 0 (``taskset -c 0``); headless Chromium (Debian's,
through Playwright) and this driver pinned to CPU 1. For 1, 5, 10 and 20 concurrent sessions, each session
opens the Estimate page and changes "How many" 15 times at a person's pace (one change every 2 s); then one
run with no pause between changes finds the server's ceiling. Each level gets a fresh server.

Printed per level: first-load time (page open → headline number shown), input → updated headline number
latency (p50/p95), errors (timeouts, exceptions on the page, lost connections), the server's resident memory
(RSS) after a warm-up session, with every session open, and its growth per session.
Goal at a person's pace: p95 < 1 s at 20 sessions, no errors, < 5 MB per session.

Every loop is bounded in count and time; the only network traffic is to 127.0.0.1.
Usage: .venv/bin/python bench/load.py [--levels 1,5,10,20] [--changes 15] [--pace-s 2] [--burst 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM_FLAGS, chromium_path, free_port  # noqa: E402

PAGE = "/?task=image&model=sdxl&region=FR&hour=3"  # an hourly region with an hour set: the heaviest Estimate view
METRIC = "[data-testid='stMetricValue']"
FIRST_LOAD_TIMEOUT_S = 120
CHANGE_TIMEOUT_S = 30
SERVER_CPU, BROWSER_CPU = 0, 1
GOAL_P95_S, GOAL_MB_PER_SESSION = 1.0, 5.0
MAX_SESSIONS = 40  # a bound on what the command line may ask for


def rss_mb(pid: int) -> float:
    """Resident memory of a process [MB] from /proc (VmRSS is in kB)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def can_pin() -> bool:
    return shutil.which("taskset") is not None and len(os.sched_getaffinity(0)) >= 2


@contextmanager
def server(pinned: bool, timeout_s: float = 60):
    """``streamlit run`` on 127.0.0.1 (on CPU 0 when pinned); yields (base URL, pid)."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    if pinned:
        cmd = ["taskset", "-c", str(SERVER_CPU), *cmd]  # taskset execs: the pid stays the server's
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start")
            time.sleep(0.3)
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


async def headline(page) -> str:
    return await page.locator(METRIC).first.inner_text()


async def page_errors(page) -> int:
    """Exceptions shown on the page plus a lost connection to the server."""
    shown = await page.locator("[data-testid='stException']").count()
    lost = await page.get_by_text("Connection error").count()
    return shown + lost


async def session(browser, url: str, changes: int, pace_s: float, open_pages: list, out: dict) -> None:
    """One reader: open the page, then change 'How many' ``changes`` times, each time waiting for the new number."""
    ctx = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await ctx.new_page()
    open_pages.append(ctx)
    t = time.perf_counter()
    try:
        await page.goto(url, timeout=FIRST_LOAD_TIMEOUT_S * 1000)
        await page.wait_for_selector(METRIC, timeout=FIRST_LOAD_TIMEOUT_S * 1000)
    except Exception:
        out["errors"] += 1
        return
    out["first_load_s"].append(time.perf_counter() - t)
    box = page.get_by_role("spinbutton", name="How many")
    try:
        old = await headline(page)
    except Exception:
        out["errors"] += 1
        return
    for k in range(changes):
        try:
            await box.fill(str(2 ** (k + 1)), timeout=CHANGE_TIMEOUT_S * 1000)  # doubling always changes the number
            t = time.perf_counter()
            await box.press("Enter", timeout=CHANGE_TIMEOUT_S * 1000)
            await page.wait_for_function(
                "(old) => { const m = document.querySelector(\"" + METRIC + "\"); return m && m.innerText !== old; }",
                arg=old, timeout=CHANGE_TIMEOUT_S * 1000)
            latency = time.perf_counter() - t
            out["latency_s"].append(latency)
            old = await headline(page)
        except Exception:  # a timeout or a page that went away: an error, and on to the next change
            out["errors"] += 1
            continue
        if pace_s:
            await asyncio.sleep(max(0.0, pace_s - latency))
    try:
        out["errors"] += await page_errors(page)
    except Exception:
        out["errors"] += 1


async def level(base: str, pid: int, sessions: int, changes: int, pace_s: float) -> dict:
    from playwright.async_api import async_playwright

    out = {"sessions": sessions, "pace_s": pace_s, "first_load_s": [], "latency_s": [], "errors": 0}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        # warm-up: one session loads the data and the pages' imports once, then leaves
        warm: dict = {"first_load_s": [], "latency_s": [], "errors": 0}
        warm_pages: list = []
        await session(browser, base + PAGE, 1, 0, warm_pages, warm)
        for ctx in warm_pages:
            await ctx.close()
        await asyncio.sleep(2)
        out["rss_base_mb"] = rss_mb(pid)
        contexts: list = []
        budget_s = FIRST_LOAD_TIMEOUT_S + changes * (pace_s + CHANGE_TIMEOUT_S) + 60
        started, cpu_start = time.perf_counter(), cpu_s(pid)
        try:
            await asyncio.wait_for(asyncio.gather(*(session(browser, base + PAGE, changes, pace_s, contexts, out)
                                                    for _ in range(sessions))), timeout=budget_s)
        except asyncio.TimeoutError:
            out["errors"] += 1
        out["wall_s"] = time.perf_counter() - started
        out["server_cpu_s"] = cpu_s(pid) - cpu_start
        out["reruns"] = len(out["latency_s"])
        out["rss_end_mb"] = rss_mb(pid)  # every session still open
        for ctx in contexts:
            await ctx.close()
        await browser.close()
    return out


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def row(r: dict) -> list[str]:
    lat, first = r["latency_s"], r["first_load_s"]
    per_session = (r["rss_end_mb"] - r["rss_base_mb"]) / r["sessions"]
    person = r["pace_s"] > 0
    goal = ""
    if person:
        ok = (r["errors"] == 0 and per_session < GOAL_MB_PER_SESSION
              and (r["sessions"] < 20 or pct(lat, 0.95) < GOAL_P95_S))
        goal = "ok" if ok else "MISSED"
    return [str(r["sessions"]), f"{r['pace_s']:g} s" if person else "none", f"{statistics.median(first) if first else float('nan'):.1f}",
            f"{pct(first, 0.95):.1f}", f"{pct(lat, 0.5) * 1000:.0f}", f"{pct(lat, 0.95) * 1000:.0f}", str(len(lat)),
            str(r["errors"]), f"{r['rss_base_mb']:.0f}", f"{r['rss_end_mb']:.0f}", f"{per_session:.1f}",
            f"{100 * r['server_cpu_s'] / r['wall_s']:.0f}",
            f"{1000 * r['server_cpu_s'] / max(1, r['reruns'] + r['sessions']):.0f}", goal]


HEADER = ["sessions", "pause", "first load p50 s", "p95 s", "latency p50 ms", "p95 ms", "changes", "errors",
          "RSS base MB", "RSS end MB", "MB/session", "server CPU %", "server CPU ms/run", "goal", "load avg"]


def table(rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADER)]
    line = lambda cells: "  ".join(c.rjust(w) for c, w in zip(cells, widths))
    return "\n".join([line(HEADER), line(["-" * w for w in widths])] + [line(r) for r in rows])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--levels", default="1,5,10,20", help="concurrent sessions per level (comma-separated)")
    ap.add_argument("--changes", type=int, default=15, help="input changes per session (1–50)")
    ap.add_argument("--pace-s", type=float, default=2.0, help="seconds between a session's changes (0–10)")
    ap.add_argument("--burst", type=int, default=20, help="sessions of the no-pause run (0 to skip)")
    ns = ap.parse_args(argv)
    try:
        levels = [int(x) for x in ns.levels.split(",") if x.strip()]
    except ValueError:
        ap.error("--levels takes whole numbers separated by commas, e.g. 1,5,10,20")
    if not all(1 <= n <= MAX_SESSIONS for n in levels) or not 0 <= ns.burst <= MAX_SESSIONS:
        ap.error(f"sessions must be between 1 and {MAX_SESSIONS}")
    if not 1 <= ns.changes <= 50 or not 0 <= ns.pace_s <= 10:
        ap.error("--changes must be 1–50 and --pace-s 0–10")
    if chromium_path() is None:
        print("bench/load.py: Debian's chromium is not installed (make test installs it)", file=sys.stderr)
        return 2
    pinned = can_pin()
    if pinned:
        os.sched_setaffinity(0, {BROWSER_CPU})  # this driver and the Chromium it starts share CPU 1
    runs = [(n, ns.pace_s) for n in levels] + ([(ns.burst, 0.0)] if ns.burst else [])
    print(f"Load: one server ({'pinned to CPU 0' if pinned else 'NOT pinned: fewer than 2 CPUs or no taskset'}), "
          f"Chromium on CPU 1; Estimate page {PAGE}; {ns.changes} changes of 'How many' per session.\n"
          f"latency = key press → updated headline number in the browser; first load = page open → headline shown.\n"
          f"Goal at a person's pace: p95 < {GOAL_P95_S:g} s at 20 sessions, no errors, < {GOAL_MB_PER_SESSION:g} MB per "
          f"session. server CPU % = the server's CPU time / the level's wall time (100 % = its one core busy); "
          f"server CPU ms/run = that CPU time per script run (page loads and changes), including Streamlit's own work.\n"
          f"Other work on the machine inflates every figure: the load average is printed per row.",
          flush=True)
    rows = []
    for sessions, pace in runs:
        with server(pinned) as (base, pid):
            r = asyncio.run(level(base, pid, sessions, ns.changes, pace))
        rows.append(row(r) + [f"{os.getloadavg()[0]:.1f}"])
        # the table so far after every level, so an interrupted run still reports what it measured
        print(table(rows), flush=True)
        print(f"  ({sessions} sessions, pause {pace:g} s: {r['wall_s']:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
