"""A self-contained static site of label cards: what a newsroom hosts on any static host or CDN.

For each option: ``NAME.html`` (light) and ``NAME-dark.html`` (dark), the 1200×630 card as ``NAME.svg``
and ``NAME.png`` (estimator.card) and ``NAME.json`` (the app's JSON download: present.estimate_record);
for each comparison the same five files (the comparison card; the Compare page's JSON). ``index.html``
lists everything with the methodology version and data hash; ``ai-flight-label-export.json`` lists the
files written, so a later export into the same folder knows which files are its own.

No page fetches anything: CSS is inline, cards are local files, no fonts are downloaded and there is no
JavaScript. Light and dark are separate files (without JavaScript a page cannot read ``?theme=``), fixed
like the app's embed, so a card does not turn dark inside a white article when a reader uses dark mode;
the index follows the reader's system setting.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from ..basis import estimate_basis
from ..card import (card_png, card_svg, compare_card_png, compare_card_svg, first_pair_differences,
                    first_pair_ratio, option_words, percent_words)
from ..data import DataBundle, load_data
from ..errors import EstimatorError
from ..label import FlightLabel, label
from ..methodology import methodology_version
from ..present import (APP_NAME, citation_line, estimate_record, fmt_amount, fmt_range, grams_unit,
                       not_counted, saved_percent_words, wh_unit)
from ..urlstate import compare_params, to_params
from .options import Comparison, Option, default_entries, read_options_file

MANIFEST = "ai-flight-label-export.json"
EXPORT_KIND = "ai-flight-label static export"
EMBED_MAX_WIDTH_PX = 640  # as the app's embed: the article's full width up to 640 px
# iframe heights for a 360-px column (measured in Chromium: tests/test_browser_static.py): an option's page, and a
# comparison's, whose options stack on a phone (a base plus one block per option)
EMBED_HEIGHT_PX = 960
COMPARE_BASE_PX, COMPARE_OPTION_PX = 600, 360
ICONS = {"lower": "▼", "typical": "●", "higher": "▲"}
BASE_URL_RE = re.compile(r"https?://[A-Za-z0-9.\-:\[\]]+(/[A-Za-z0-9._~\-/%]*)?")

# Colours: the light theme is the card's (estimator.card); the dark one keeps the same meanings with light text.
THEMES = {
    "light": {"bg": "#FFFFFF", "ink": "#111827", "muted": "#374151", "rule": "#D1D5DB", "link": "#1D4ED8",
              "lower": ("#DCFCE7", "#166534"), "typical": ("#E5E7EB", "#1F2937"), "higher": ("#FFE4D6", "#9A3412")},
    "dark": {"bg": "#0E1117", "ink": "#F9FAFB", "muted": "#D1D5DB", "rule": "#4B5563", "link": "#93C5FD",
             "lower": ("#14532D", "#86EFAC"), "typical": ("#374151", "#F3F4F6"), "higher": ("#7C2D12", "#FDBA74")},
}


@dataclass(frozen=True)
class ExportSummary:
    folder: Path
    files: tuple[str, ...]
    total_bytes: int
    seconds: float
    methodology_version: str
    data_hash: str


# ---------------------------------------------------------------- the folder

def check_base_url(base_url: str | None) -> str | None:
    """The live app's root URL ending in "/", or None; only plain http(s) URLs go into pages and citations."""
    if base_url is None:
        return None
    url = base_url.strip().split("?")[0].split("#")[0]
    if not BASE_URL_RE.fullmatch(url.rstrip("/")):
        raise EstimatorError(f"--base-url {base_url[:60]!r} is not a plain http(s) URL",
                             "for example --base-url https://ai-flight-label.example.org/")
    return url.rstrip("/") + "/"


def previous_files(folder: Path) -> list[str] | None:
    """The files a previous export wrote here (from its manifest), [] for an empty or new folder; None when the
    folder holds anything else: a user's files are never overwritten or deleted."""
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise EstimatorError(f"--out {str(folder)[:80]} is a file, not a folder", "give a new or empty folder")
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise EstimatorError(f"cannot read the folder {str(folder)[:80]} ({exc.strerror or 'error'})",
                             "check the path and its permissions") from None
    if not entries:
        return []
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("kind") == EXPORT_KIND and isinstance(manifest.get("files"), list):
            return [f for f in manifest["files"] if isinstance(f, str) and f == Path(f).name]
    except (OSError, ValueError, AttributeError):
        pass
    return None


def _prepare(folder: Path) -> list[str]:
    """What a previous export wrote in ``folder`` ([] if none); refuses a folder of someone else's files."""
    old = previous_files(folder)
    if old is None:
        raise EstimatorError(f"--out {str(folder)[:80]} is a folder with other files in it, not a previous export",
                             "give a new or empty folder (nothing of yours is overwritten or deleted)")
    return old


def _write(folder: Path, files: dict[str, str | bytes], old: list[str]) -> int:
    """Write every file (bytes as they are, text as UTF-8), then remove the previous export's files this one no
    longer has; the number of bytes written."""
    total = 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            blob = content if isinstance(content, bytes) else content.encode("utf-8")
            (folder / name).write_bytes(blob)
            total += len(blob)
        for stale in set(old) - set(files):  # only files a previous export listed as its own
            path = folder / stale
            if path.is_file():
                path.unlink()
    except OSError as exc:
        raise EstimatorError(f"cannot write into {str(folder)[:80]} ({exc.strerror or 'error'})",
                             "check the path, its permissions and the free space") from None
    return total


# ---------------------------------------------------------------- links

def option_url(base: str | None, lab: FlightLabel, data: DataBundle) -> str | None:
    """The option on the live Estimate page (its URL parameters: estimator.urlstate.to_params)."""
    return f"{base}?{urlencode(to_params(lab.estimate.scenario, data))}" if base else None


def comparison_url(base: str | None, labs: list[FlightLabel]) -> str | None:
    """The comparison on the live Compare page."""
    params = compare_params([lab.estimate.scenario for lab in labs])
    return f"{base}compare?{urlencode(params, safe=':')}" if base else None


# ---------------------------------------------------------------- HTML

def _css(theme: str, auto_dark: bool = False) -> str:
    """The inline style sheet: system fonts only, nothing fetched, readable in a 360-px column."""
    def variables(name: str) -> str:
        t = THEMES[name]
        bands = "".join(f"--{k}-band:{t[k][0]};--{k}-ink:{t[k][1]};" for k in ICONS)
        return (f"color-scheme:{name};--bg:{t['bg']};--ink:{t['ink']};--muted:{t['muted']};--rule:{t['rule']};"
                f"--link:{t['link']};{bands}")

    dark = f"@media (prefers-color-scheme: dark){{:root{{{variables('dark')}}}}}" if auto_dark else ""
    return (
        f":root{{{variables(theme)}}}{dark}"
        "*{box-sizing:border-box;overflow-wrap:break-word}"
        "body{margin:0;background:var(--bg);color:var(--ink);"
        "font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif}"
        "main{max-width:960px;padding:16px}"
        "h1{font-size:1.15rem;margin:0 0 .4rem}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}"
        "p{margin:.35rem 0}a{color:var(--link)}"
        ".brand{font-weight:700;color:var(--muted);font-size:.9rem;margin:0 0 .3rem}"
        ".big{font-size:clamp(2.2rem,11vw,3.4rem);font-weight:700;line-height:1.1;margin:.3rem 0}"
        ".big small{font-size:.45em}"
        ".band{border-radius:10px;padding:.45rem .7rem;font-weight:700}"
        + "".join(f".{k}{{background:var(--{k}-band)}}.{k} .icon,.pct.{k}{{color:var(--{k}-ink)}}" for k in ICONS)
        + ".pct{background:none;padding:0;font-weight:700}"
        ".muted{color:var(--muted);font-size:.92rem}"
        ".options{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px}"
        ".option{border:1px solid var(--rule);border-radius:10px;padding:10px}"
        ".ratio{font-size:1.25rem;font-weight:700;border-top:1px solid var(--rule);padding-top:.6rem}"
        "ul{padding-left:1.2rem}li{margin:.3rem 0}"
        "code,pre{font-size:.85rem;white-space:pre-wrap}pre{background:var(--rule);padding:8px;border-radius:6px}"
        ".items{list-style:none;padding:0}.items li{border-bottom:1px solid var(--rule);padding:.5rem 0}"
    )


def _page(title: str, body: str, theme: str, auto_dark: bool = False) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="color-scheme" content="{"light dark" if auto_dark else theme}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)}</title><style>{_css(theme, auto_dark)}</style></head>\n"
        f"<body><main>\n{body}\n</main></body></html>\n"
    )


def _label_band(lab: FlightLabel, data: DataBundle) -> str:
    return (f'<p class="band {lab.category}"><span class="icon" aria-hidden="true">{ICONS[lab.category]}</span> '
            f"{escape(lab.words)}</p>"
            f'<p class="pct {lab.category}">{escape(percent_words(lab, with_range=True))}</p>')


def _links(name: str, url: str | None, what: str) -> str:
    live = f' · <a href="{escape(url)}" target="_blank" rel="noopener">See it live</a>' if url else ""
    return (f'<p class="muted">{what} card: <a href="{name}.svg">SVG</a> · <a href="{name}.png">PNG</a> · '
            f'data: <a href="{name}.json">JSON</a>{live}</p>')


def option_page(name: str, lab: FlightLabel, data: DataBundle, url: str | None, day: dt.date, theme: str) -> str:
    """One option's label as a page: what it is, grams with range, energy, label, equivalents, greener option,
    what is not counted, boundary, citation, and links to its cards and data."""
    e = lab.estimate
    big, span = fmt_range(e.co2e_g, grams_unit)
    wh, wh_span = fmt_range(e.energy_wh, wh_unit)
    equivalents = "".join(f"<li>≈ <strong>{fmt_amount(v.amount.central)}</strong> {escape(v.label)}</li>"
                          for v in e.best_equivalents(data, 2))
    top = lab.alternatives[0] if lab.alternatives else None
    greener = (f"Greener: {escape(top.change)} ({escape(saved_percent_words(top))})" if top
               else "No greener option among those checked")
    basis = estimate_basis(e, data)
    body = (
        f'<p class="brand">{APP_NAME}</p>'
        f"<h1>{escape(e.task.name)} · {escape(option_words(lab))}</h1>"
        f'<p class="big">{escape(big)} <small>CO₂e</small></p>'
        f"<p>Likely range <strong>{escape(span)}</strong> CO₂e · electricity {escape(wh)} ({escape(wh_span)})</p>"
        f"{_label_band(lab, data)}"
        + (f"<ul>{equivalents}</ul>" if equivalents else "")
        + f"<p>{greener}</p>"
        f'<p class="muted">{escape(not_counted(e.boundary))}</p>'
        f'<p class="muted">{escape(e.boundary.capitalize())} boundary · {escape(basis.kind)} figure · '
        f"grid: {escape(e.grid_label)}</p>"
        f'<p class="muted">{escape(citation_line(e, url, day))}</p>'
        + _links(name, url, "Label")
    )
    return _page(f"{APP_NAME}: {big} CO₂e, {lab.words.lower()}", body, theme)


def comparison_page(name: str, labs: list[FlightLabel], data: DataBundle, url: str | None, day: dt.date,
                    theme: str) -> str:
    """The options side by side (each with grams, range and label), the ratio of the first two, citation."""
    blocks = []
    for i, lab in enumerate(labs):
        e = lab.estimate
        big, span = fmt_range(e.co2e_g, grams_unit)
        blocks.append(
            f'<section class="option"><p><strong>{chr(ord("A") + i)}</strong> · {escape(e.task.name)} · '
            f"{escape(option_words(lab))}</p>"
            f'<p class="big">{escape(big)} <small>CO₂e</small></p>'
            f"<p>Likely range <strong>{escape(span)}</strong> CO₂e</p>{_label_band(lab, data)}</section>")
    e = labs[0].estimate
    body = (
        f'<p class="brand">{APP_NAME}</p>'
        f"<h1>Comparison · {escape(' vs '.join(dict.fromkeys(lab.estimate.task.name for lab in labs)))}</h1>"
        f'<div class="options">{"".join(blocks)}</div>'
        f'<p class="ratio">{escape(first_pair_ratio(labs))}</p>'
        f"<p>{escape(first_pair_differences(labs))}</p>"
        '<p class="muted">A ratio compares the same amount of work (per unit) of the same task; its range counts '
        "only what differs between the two options.</p>"
        f'<p class="muted">{escape(not_counted(e.boundary))}</p>'
        f'<p class="muted">{escape(e.boundary.capitalize())} boundary · '
        f'methodology {escape(e.methodology_version)}</p>'
        f'<p class="muted">{escape(citation_line(e, url, day))}</p>'
        + _links(name, url, "Comparison")
    )
    return _page(f"{APP_NAME}: comparison, " + "; ".join(
        f"{chr(ord('A') + i)} {fmt_range(lab.estimate.co2e_g, grams_unit)[0]} CO₂e" for i, lab in enumerate(labs)),
        body, theme)


def _iframe(src: str, title: str, height: int) -> str:
    return (f'<iframe src="{src}" width="100%" height="{height}" title="{escape(title)}" '
            f'style="width:100%;max-width:{EMBED_MAX_WIDTH_PX}px;height:{height}px;border:0;display:block" '
            'loading="lazy"></iframe>')


def iframe_height_px(options: int | None = None) -> int:
    """How tall an iframe must be for the whole page at 360 px: an option's page, or a comparison of n options."""
    return EMBED_HEIGHT_PX if options is None else COMPARE_BASE_PX + COMPARE_OPTION_PX * options


def index_page(rows: list[tuple[str, str, str, str, int]], version: str, data_hash: str, day: dt.date,
               base: str | None) -> str:
    """Everything exported: (kind, name, title, grams) rows with their files, the methodology version, the data
    hash, how to embed a page and how to cite it."""
    def row(kind: str, name: str, title: str, grams: str, height: int) -> str:
        return (f"<li><strong>{escape(title)}</strong><br>{escape(kind)} · {escape(grams)} CO₂e · "
                f"iframe height {height} px<br>"
                f'<a href="{name}.html">light page</a> · <a href="{name}-dark.html">dark page</a> · '
                f'<a href="{name}.svg">SVG card</a> · <a href="{name}.png">PNG card</a> · '
                f'<a href="{name}.json">JSON</a></li>')

    first = rows[0]
    live = (f'<p>Live app: <a href="{escape(base)}" target="_blank" rel="noopener">{escape(base)}</a></p>'
            if base else "")
    body = (
        f'<p class="brand">{APP_NAME}</p><h1>Label cards: static export</h1>'
        f"<p>Methodology <strong>{escape(version)}</strong> · data <strong>{escape(data_hash)}</strong> · "
        f"made {day.isoformat()}. Every figure was computed by the same library as the app; each page works "
        "without a server and fetches nothing.</p>" + live +
        '<ul class="items">' + "".join(row(*r) for r in rows) + "</ul>"
        "<h2>Embed a card</h2>"
        "<p>Host this folder anywhere, then put a page in an iframe (light pages: <code>NAME.html</code>; dark "
        "pages: <code>NAME-dark.html</code>, for dark articles). Each item's iframe height holds its whole page in "
        "a 360-px column; wider columns need less.</p>"
        f"<pre>{escape(_iframe(f'{first[1]}.html', f'{APP_NAME} label', first[4]))}</pre>"
        "<h2>Cite</h2><p>Each page ends with its citation line: "
        f"<code>Estimate: {APP_NAME}, methodology {escape(version)}, data {escape(data_hash)}, {day.isoformat()}"
        "</code>, followed by the live link when the export was made with one.</p>"
    )
    return _page(f"{APP_NAME}: static export", body, "light", auto_dark=True)


# ---------------------------------------------------------------- writing

def _json(obj) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def _record(lab: FlightLabel, data: DataBundle, url: str | None, day: dt.date) -> dict:
    """The app's JSON record (present.estimate_record), its citation dated like the pages beside it."""
    return estimate_record(lab.estimate, lab, data, url) | {"citation": citation_line(lab.estimate, url, day)}


def _files_for_option(o: Option, data: DataBundle, base: str | None, day: dt.date) -> tuple[dict, FlightLabel]:
    lab = label(o.scenario, data)
    url = option_url(base, lab, data)
    files = {f"{o.name}.html": option_page(o.name, lab, data, url, day, "light"),
             f"{o.name}-dark.html": option_page(o.name, lab, data, url, day, "dark"),
             f"{o.name}.svg": card_svg(lab, url, day), f"{o.name}.png": card_png(lab, url, day),
             f"{o.name}.json": _json(_record(lab, data, url, day))}
    return files, lab


def _files_for_comparison(c: Comparison, data: DataBundle, base: str | None, day: dt.date) -> tuple[dict, list]:
    labs = [label(s, data) for s in c.scenarios]
    url = comparison_url(base, labs)
    records = [{"option": chr(ord("A") + i), **_record(lab, data, url, day)}
               for i, lab in enumerate(labs)]  # the Compare page's JSON download
    files = {f"{c.name}.html": comparison_page(c.name, labs, data, url, day, "light"),
             f"{c.name}-dark.html": comparison_page(c.name, labs, data, url, day, "dark"),
             f"{c.name}.svg": compare_card_svg(labs, url, day), f"{c.name}.png": compare_card_png(labs, url, day),
             f"{c.name}.json": _json(records)}
    return files, labs


def _check_not_theirs(folder: Path, names: list[str], old: list[str]) -> None:
    """Refuse before writing when a file of this export would replace one the previous export did not write (a
    user's own page dropped into the folder) or is a link that would write elsewhere."""
    for name in names:
        path = folder / name
        if path.is_symlink() or (path.exists() and name not in old and name != MANIFEST):
            raise EstimatorError(f"--out {str(folder)[:60]} already holds a {name} that no export wrote",
                                 "move it away or give another folder (nothing of yours is overwritten)")


def export_site(out: str | os.PathLike, options_file: str | None = None, base_url: str | None = None,
                data: DataBundle | None = None, day: dt.date | None = None) -> ExportSummary:
    """Write the static site into ``out`` (new, empty, or a previous export) and say what was written.

    Without ``options_file``: each task's typical option and the classic comparisons (options.default_entries).
    """
    started = time.perf_counter()
    data = data or load_data()
    day = day or dt.datetime.now(dt.timezone.utc).date()
    base = check_base_url(base_url)
    options, comparisons = (read_options_file(options_file, data) if options_file is not None
                            else default_entries(data))
    folder = Path(out)
    old = _prepare(folder)  # checked before anything is drawn: nothing is written into a user's folder
    files: dict[str, str | bytes] = {}
    rows = []
    for o in options:
        written, lab = _files_for_option(o, data, base, day)
        files.update(written)
        rows.append(("Option", o.name, o.title, fmt_range(lab.estimate.co2e_g, grams_unit)[0], iframe_height_px()))
    for c in comparisons:
        written, labs = _files_for_comparison(c, data, base, day)
        files.update(written)
        rows.append(("Comparison", c.name, c.title,
                     " vs ".join(fmt_range(lab.estimate.co2e_g, grams_unit)[0] for lab in labs),
                     iframe_height_px(len(labs))))
    version = methodology_version()
    files["index.html"] = index_page(rows, version, data.data_hash, day, base)
    names = sorted(files) + [MANIFEST]
    _check_not_theirs(folder, names, old)
    files[MANIFEST] = _json({"kind": EXPORT_KIND, "methodology_version": version, "data_hash": data.data_hash,
                             "date": day.isoformat(), "base_url": base, "files": names})
    total = _write(folder, files, old)
    return ExportSummary(folder, tuple(names), total, time.perf_counter() - started, version, data.data_hash)
