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

One export holds one language (``export_site(..., lang="fr")``; English by default): every word of the pages
is in that language, numbers are written as its locale writes them ("0,17 g", "1 204") and the pages carry
its BCP 47 tag (``<html lang="fr">``, ``zh-Hans``, ``zh-Hant``). File names, the JSON records and the manifest
stay language-neutral (the JSON keeps the app's English words, like the app's downloads), so a newsroom that
publishes two languages exports twice, into two folders. An English export is byte-for-byte what it was
before languages existed.
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
from ..card import NAME_CHARS, _cut, card_png, card_svg, compare_card_png, compare_card_svg, first_pair_ratio
from ..data import DataBundle, load_data
from ..errors import EstimatorError, plain_number
from ..i18n import N_, Translator, parse_lang, translator
from ..i18n.names import (equivalent_label, model_name, preset_label, task_name, task_unit, zone_name)
from ..label import FlightLabel, label
from ..methodology import methodology_version
from ..present import (APP_NAME, change_words, citation_line, estimate_record, fmt_amount, fmt_range, grams_unit,
                       label_percent, label_words, not_counted, round_sig, saved_percent_words, wh_unit)
from ..urlstate import compare_params, to_params
from .options import Comparison, Option, default_entries, option_title, read_options_file

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


# Words the pages take from ids (the boundary, the figure's basis, the grid's scope, the serving mode)
BOUNDARY_WORDS = {"gpu": N_("Gpu"), "server": N_("Server"), "fleet": N_("Fleet"), "datacenter": N_("Datacenter"),
                  "lifecycle": N_("Lifecycle")}
BASIS_WORDS = {"measured": N_("measured"), "extrapolated": N_("extrapolated")}
SCOPE_WORDS = {"lifecycle": N_("lifecycle"), "direct": N_("direct")}
MODE_WORDS = {"production": N_("production"), "self-hosted": N_("self-hosted")}


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


# ---------------------------------------------------------------- words (in the export's language)

def _word(table: dict[str, str], key: str, t: Translator) -> str:
    """An id's word from one of the tables above (the id itself when the table lacks it)."""
    return t._(table[key]) if key in table else key


def _count(n: float, t: Translator) -> str:
    """A count as typed, exact: "1,234" (English as the cards write it), "1 234", "1,234"."""
    return plain_number(n) if t.lang == "en" else t.count(n)


def count_words(e, t: Translator) -> str:
    """"10 images", "10 images" (fr), "10 张图片"."""
    return t._("{count} {unit}", count=_count(e.scenario.count, t), unit=task_unit(e.task, e.scenario.count, t))


def grid_words(zone, t: Translator) -> str:
    """"France grid" / "réseau électrique : France" / "法国电网"."""
    return t._("{zone} grid", zone=_cut(zone_name(zone, t), NAME_CHARS))


def option_words(lab: FlightLabel, t: Translator) -> str:
    """"10 images · SDXL · France grid" (plus "self-hosted" when it is): what one option is, in one line (the
    words of estimator.card.option_words, in the export's language)."""
    e, s = lab.estimate, lab.estimate.scenario
    parts = [count_words(e, t), _cut(model_name(e.model, t), NAME_CHARS), grid_words(e.zone, t)]
    if s.mode == "self-hosted":
        parts.insert(2, _word(MODE_WORDS, "self-hosted", t))
    return " · ".join(parts)


def versus(items, t: Translator) -> str:
    """"A vs B", "A vs B vs C" as the language joins things compared (two: "A face à B", "A 与 B")."""
    items = list(items)
    if len(items) == 2:
        return t._("{a} vs {b}", a=items[0], b=items[1])
    return t._(" vs ").join(items)


def percent_words(lab: FlightLabel, data: DataBundle, t: Translator) -> str:
    """The label's percentage with its range, a capital first letter (a line of its own)."""
    text = label_percent(lab, data, True, t)
    return text[:1].upper() + text[1:]


def first_pair_differences(labs: list[FlightLabel], data: DataBundle, t: Translator) -> str:
    """What differs between the first two options: "A vs B: GPT-4o vs Llama 3.1 8B"; only the tasks when those
    differ (then everything else is different work anyway). Compared on the ids, said in the export's language."""
    a, b = labs[0].estimate, labs[1].estimate
    if a.scenario.task != b.scenario.task:
        return t._("A vs B: {differences}", differences=versus((task_name(a.task, t), task_name(b.task, t)), t))

    def job(e) -> str:
        p = data.presets.get((e.scenario.task, e.scenario.preset))
        return preset_label(p, t) if p else str(e.scenario.preset)

    aspects = (  # (what is compared, how it is said)
        (lambda e: model_name(e.model, t), lambda e: model_name(e.model, t)),
        (lambda e: e.zone.zone_id, lambda e: grid_words(e.zone, t)),
        (lambda e: e.scenario.preset, job),
        (lambda e: e.scenario.mode, lambda e: _word(MODE_WORDS, e.scenario.mode, t)),
        (lambda e: e.scenario.count, lambda e: count_words(e, t)),
    )
    parts = [versus((said(a), said(b)), t) for key, said in aspects if key(a) != key(b)]
    if not parts:
        return t._("A vs B: the same option twice")
    return t._("A vs B: {differences}", differences=t._("; ").join(parts))


def grid_label(e, t: Translator) -> str:
    """Where the grid intensity comes from, in words: "2024/2025 annual average (lifecycle; Ember)". An hourly or
    live reading keeps the library's own label (an export computes annual averages only)."""
    if e.grid_override is not None:
        return e.grid_label
    zone = e.zone
    return t._("{year} annual average ({scope}; {publisher})", year=zone.year, scope=_word(SCOPE_WORDS, zone.scope, t),
               publisher=zone.source.publisher)


def equivalent_words(v, t: Translator) -> str:
    """An everyday equivalent's name for its amount: English keeps the library's own singular band (0.95–1.05);
    another language takes the plural its grammar gives the number shown."""
    return v.label if t.lang == "en" else equivalent_label(v.equivalent, round_sig(v.amount.central), t)


def greener_words(lab: FlightLabel, t: Translator) -> str:
    top = lab.alternatives[0] if lab.alternatives else None
    if top is None:
        return t._("No greener option among those checked")
    change = top.change if t.lang == "en" else change_words(top, lab.estimate, t)
    return t._("Greener: {change} ({saved})", change=escape(change), saved=escape(saved_percent_words(top, t)))


def comparison_title(c: Comparison, data: DataBundle, t: Translator) -> str:
    """The index's title of a comparison: its classic name (the defaults), then what each option is."""
    if t.lang == "en":
        return c.title
    options = versus((option_title(s, data, t) for s in c.scenarios), t)
    return t._("{heading}: {options}", heading=t._(c.heading), options=options) if c.heading else options


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


def _page(title: str, body: str, theme: str, auto_dark: bool = False, lang: str = "en") -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="color-scheme" content="{"light dark" if auto_dark else theme}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)}</title><style>{_css(theme, auto_dark)}</style></head>\n"
        f"<body><main>\n{body}\n</main></body></html>\n"
    )


def _label_band(lab: FlightLabel, data: DataBundle, t: Translator) -> str:
    return (f'<p class="band {lab.category}"><span class="icon" aria-hidden="true">{ICONS[lab.category]}</span> '
            f"{escape(label_words(lab, t))}</p>"
            f'<p class="pct {lab.category}">{escape(percent_words(lab, data, t))}</p>')


def _links(name: str, url: str | None, comparison: bool, t: Translator) -> str:
    see = escape(t._("See it live"))
    live = f' · <a href="{escape(url)}" target="_blank" rel="noopener">{see}</a>' if url else ""
    links = dict(svg=f'<a href="{name}.svg">SVG</a>', png=f'<a href="{name}.png">PNG</a>',
                 json=f'<a href="{name}.json">JSON</a>')
    words = (t._("Comparison card: {svg} · {png} · data: {json}", **links) if comparison
             else t._("Label card: {svg} · {png} · data: {json}", **links))
    return f'<p class="muted">{words}{live}</p>'


def _boundary(e, t: Translator) -> str:
    return _word(BOUNDARY_WORDS, e.boundary, t) if e.boundary in BOUNDARY_WORDS else e.boundary.capitalize()


def option_page(name: str, lab: FlightLabel, data: DataBundle, url: str | None, day: dt.date, theme: str,
                t: Translator | None = None) -> str:
    """One option's label as a page: what it is, grams with range, energy, label, equivalents, greener option,
    what is not counted, boundary, citation, and links to its cards and data (in t's language; None: English)."""
    t = t if t is not None else translator("en")
    e = lab.estimate
    big, span = fmt_range(e.co2e_g, grams_unit, t)
    wh, wh_span = fmt_range(e.energy_wh, wh_unit, t)
    equivalents = "".join(f"<li>≈ <strong>{t.amount(v.amount.central)}</strong> {escape(equivalent_words(v, t))}</li>"
                          for v in e.best_equivalents(data, 2))
    basis = estimate_basis(e, data)
    body = (
        f'<p class="brand">{APP_NAME}</p>'
        f"<h1>{escape(task_name(e.task, t))} · {escape(option_words(lab, t))}</h1>"
        f'<p class="big">{escape(big)} <small>CO₂e</small></p>'
        "<p>" + t._("Likely range <strong>{range}</strong> CO₂e · electricity {energy} ({energy_range})",
                    range=escape(span), energy=escape(wh), energy_range=escape(wh_span)) + "</p>"
        f"{_label_band(lab, data, t)}"
        + (f"<ul>{equivalents}</ul>" if equivalents else "")
        + f"<p>{greener_words(lab, t)}</p>"
        f'<p class="muted">{escape(not_counted(e.boundary, t))}</p>'
        '<p class="muted">' + t._("{boundary} boundary · {basis} figure · grid: {grid}",
                                  boundary=escape(_boundary(e, t)), basis=escape(_word(BASIS_WORDS, basis.kind, t)),
                                  grid=escape(grid_label(e, t))) + "</p>"
        f'<p class="muted">{escape(citation_line(e, url, day, t))}</p>'
        + _links(name, url, False, t)
    )
    title = t._("{app}: {amount} CO₂e, {label}", app=APP_NAME, amount=big, label=label_words(lab, t).lower())
    return _page(title, body, theme, lang=t.lang)


def comparison_page(name: str, labs: list[FlightLabel], data: DataBundle, url: str | None, day: dt.date,
                    theme: str, t: Translator | None = None) -> str:
    """The options side by side (each with grams, range and label), the ratio of the first two, citation (in t's
    language; None: English)."""
    t = t if t is not None else translator("en")
    blocks = []
    for i, lab in enumerate(labs):
        e = lab.estimate
        big, span = fmt_range(e.co2e_g, grams_unit, t)
        blocks.append(
            f'<section class="option"><p><strong>{chr(ord("A") + i)}</strong> · {escape(task_name(e.task, t))} · '
            f"{escape(option_words(lab, t))}</p>"
            f'<p class="big">{escape(big)} <small>CO₂e</small></p>'
            "<p>" + t._("Likely range <strong>{range}</strong> CO₂e", range=escape(span)) + "</p>"
            f"{_label_band(lab, data, t)}</section>")
    e = labs[0].estimate
    tasks = versus(dict.fromkeys(task_name(lab.estimate.task, t) for lab in labs), t)
    body = (
        f'<p class="brand">{APP_NAME}</p>'
        "<h1>" + escape(t._("Comparison · {tasks}", tasks=tasks)) + "</h1>"
        f'<div class="options">{"".join(blocks)}</div>'
        f'<p class="ratio">{escape(first_pair_ratio(labs, t))}</p>'
        f"<p>{escape(first_pair_differences(labs, data, t))}</p>"
        '<p class="muted">' + escape(t._("A ratio compares the same amount of work (per unit) of the same task; its "
                                         "range counts only what differs between the two options.")) + "</p>"
        f'<p class="muted">{escape(not_counted(e.boundary, t))}</p>'
        '<p class="muted">' + escape(t._("{boundary} boundary · methodology {version}", boundary=_boundary(e, t),
                                         version=e.methodology_version)) + "</p>"
        f'<p class="muted">{escape(citation_line(e, url, day, t))}</p>'
        + _links(name, url, True, t)
    )
    options = t._("; ").join(t._("{option} {amount} CO₂e", option=chr(ord("A") + i),
                                 amount=fmt_range(lab.estimate.co2e_g, grams_unit, t)[0]) for i, lab in enumerate(labs))
    return _page(t._("{app}: comparison, {options}", app=APP_NAME, options=options), body, theme, lang=t.lang)


def _iframe(src: str, title: str, height: int) -> str:
    return (f'<iframe src="{src}" width="100%" height="{height}" title="{escape(title)}" '
            f'style="width:100%;max-width:{EMBED_MAX_WIDTH_PX}px;height:{height}px;border:0;display:block" '
            'loading="lazy"></iframe>')


def iframe_height_px(options: int | None = None) -> int:
    """How tall an iframe must be for the whole page at 360 px: an option's page, or a comparison of n options."""
    return EMBED_HEIGHT_PX if options is None else COMPARE_BASE_PX + COMPARE_OPTION_PX * options


def index_page(rows: list[tuple[str, str, str, str, int]], version: str, data_hash: str, day: dt.date,
               base: str | None, t: Translator | None = None) -> str:
    """Everything exported: (kind, name, title, grams) rows with their files, the methodology version, the data
    hash, how to embed a page and how to cite it (kind: "option" or "comparison"; in t's language)."""
    t = t if t is not None else translator("en")

    def row(kind: str, name: str, title: str, grams: str, height: int) -> str:
        what = t._("Comparison") if kind == "comparison" else t._("Option")
        words = [escape(w) for w in (t._("light page"), t._("dark page"), t._("SVG card"), t._("PNG card"))]
        links = dict(light=f'<a href="{name}.html">{words[0]}</a>', dark=f'<a href="{name}-dark.html">{words[1]}</a>',
                     svg=f'<a href="{name}.svg">{words[2]}</a>', png=f'<a href="{name}.png">{words[3]}</a>',
                     json=f'<a href="{name}.json">JSON</a>')
        files = t._("{light} · {dark} · {svg} · {png} · {json}", **links)
        return (f"<li><strong>{escape(title)}</strong><br>"
                + escape(t._("{kind} · {grams} CO₂e · iframe height {height} px", kind=what, grams=grams,
                             height=height))
                + f"<br>{files}</li>")

    first = rows[0]
    made = day.isoformat() if t.lang == "en" else t.date(day)
    link = f'<a href="{escape(base)}" target="_blank" rel="noopener">{escape(base)}</a>' if base else ""
    live = "<p>" + t._("Live app: {link}", link=link) + "</p>" if base else ""
    citation = t._("Estimate: {app}, methodology {version}, data {hash}, {day}", app=APP_NAME, version=version,
                   hash=data_hash, day=day.isoformat())  # as present.citation_line writes it
    if t.lang != "en":
        citation = t._(", ").join([citation, t._("in English")])
    body = (
        f'<p class="brand">{APP_NAME}</p><h1>' + escape(t._("Label cards: static export")) + "</h1>"
        "<p>" + t._("Methodology <strong>{version}</strong> · data <strong>{hash}</strong> · made {day}. Every figure "
                    "was computed by the same library as the app; each page works without a server and fetches "
                    "nothing.", version=escape(version), hash=escape(data_hash), day=escape(made)) + "</p>" + live +
        '<ul class="items">' + "".join(row(*r) for r in rows) + "</ul>"
        + "<h2>" + escape(t._("Embed a card")) + "</h2>"
        "<p>" + t._("Host this folder anywhere, then put a page in an iframe (light pages: <code>NAME.html</code>; "
                    "dark pages: <code>NAME-dark.html</code>, for dark articles). Each item's iframe height holds its "
                    "whole page in a 360-px column; wider columns need less.") + "</p>"
        + "<pre>" + escape(_iframe(f"{first[1]}.html", t._("{app} label", app=APP_NAME), first[4])) + "</pre>"
        + "<h2>" + escape(t._("Cite")) + "</h2><p>"
        + t._("Each page ends with its citation line: {citation}, followed by the live link when the export was made "
              "with one.", citation="<code>" + escape(citation) + "</code>") + "</p>"
    )
    return _page(t._("{app}: static export", app=APP_NAME), body, "light", auto_dark=True, lang=t.lang)


# ---------------------------------------------------------------- writing

def _json(obj) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def _record(lab: FlightLabel, data: DataBundle, url: str | None, day: dt.date) -> dict:
    """The app's JSON record (present.estimate_record), its citation dated like the pages beside it."""
    return estimate_record(lab.estimate, lab, data, url) | {"citation": citation_line(lab.estimate, url, day)}


def _cards(labs: list[FlightLabel], url: str | None, day: dt.date, t: Translator) -> tuple[str, bytes]:
    """An option's card (one lab) or a comparison's (several) as (SVG, PNG), in the export's language."""
    if len(labs) == 1:
        return card_svg(labs[0], url, day, t=t), card_png(labs[0], url, day, t=t)
    return compare_card_svg(labs, url, day, t=t), compare_card_png(labs, url, day, t=t)


def _files_for_option(o: Option, data: DataBundle, base: str | None, day: dt.date,
                      t: Translator) -> tuple[dict, FlightLabel]:
    lab = label(o.scenario, data)
    url = option_url(base, lab, data)
    svg, png = _cards([lab], url, day, t)
    files = {f"{o.name}.html": option_page(o.name, lab, data, url, day, "light", t),
             f"{o.name}-dark.html": option_page(o.name, lab, data, url, day, "dark", t),
             f"{o.name}.svg": svg, f"{o.name}.png": png,
             f"{o.name}.json": _json(_record(lab, data, url, day))}
    return files, lab


def _files_for_comparison(c: Comparison, data: DataBundle, base: str | None, day: dt.date,
                          t: Translator) -> tuple[dict, list]:
    labs = [label(s, data) for s in c.scenarios]
    url = comparison_url(base, labs)
    records = [{"option": chr(ord("A") + i), **_record(lab, data, url, day)}
               for i, lab in enumerate(labs)]  # the Compare page's JSON download
    svg, png = _cards(labs, url, day, t)
    files = {f"{c.name}.html": comparison_page(c.name, labs, data, url, day, "light", t),
             f"{c.name}-dark.html": comparison_page(c.name, labs, data, url, day, "dark", t),
             f"{c.name}.svg": svg, f"{c.name}.png": png,
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
                data: DataBundle | None = None, day: dt.date | None = None, lang: str = "en") -> ExportSummary:
    """Write the static site into ``out`` (new, empty, or a previous export) and say what was written.

    Without ``options_file``: each task's typical option and the classic comparisons (options.default_entries).
    ``lang``: the pages' one language (en, fr, zh-Hans, zh-Hant; "zh-TW" and the like are understood, anything
    else is one EstimatorError before anything is written). File names and JSON are the same in every language.
    """
    started = time.perf_counter()
    t = translator(parse_lang(lang))
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
        written, lab = _files_for_option(o, data, base, day, t)
        files.update(written)
        title = o.title if t.lang == "en" else option_title(o.scenario, data, t)
        rows.append(("option", o.name, title, fmt_range(lab.estimate.co2e_g, grams_unit, t)[0], iframe_height_px()))
    for c in comparisons:
        written, labs = _files_for_comparison(c, data, base, day, t)
        files.update(written)
        rows.append(("comparison", c.name, comparison_title(c, data, t),
                     versus((fmt_range(lab.estimate.co2e_g, grams_unit, t)[0] for lab in labs), t),
                     iframe_height_px(len(labs))))
    version = methodology_version()
    files["index.html"] = index_page(rows, version, data.data_hash, day, base, t)
    names = sorted(files) + [MANIFEST]
    _check_not_theirs(folder, names, old)
    files[MANIFEST] = _json({"kind": EXPORT_KIND, "methodology_version": version, "data_hash": data.data_hash,
                             "date": day.isoformat(), "base_url": base, "files": names})
    total = _write(folder, files, old)
    return ExportSummary(folder, tuple(names), total, time.perf_counter() - started, version, data.data_hash)
