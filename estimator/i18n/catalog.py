"""Keep the message catalogues in step with the code and the data: ``python -m estimator.i18n.catalog``.

``update`` finds every message the code asks for (``_("…")``, ``_n("…", "…", n)``, ``_p("context", "…")``
in estimator/, pages/ and app.py) and every data text a reader sees (TRANSLATED_COLUMNS), and appends
what a catalogue lacks, empty, at its end: existing entries never move, so two branches that each add
messages merge line by line. ``check`` lists what is missing or broken and exits 1 (the tests run the
same check). ``--prune`` drops entries nothing asks for any more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from . import LANGS, LOCALE_IDS, SOURCE_LANG, catalogue_path

ROOT = Path(__file__).resolve().parents[2]
CODE = ("app.py", "pages", "estimator")
SKIP = ("estimator/i18n/catalog.py",)
# N_ marks a message where no reader is known yet (an error raised deep in the library); it is translated where
# it is shown, with the reader's Translator.
KEYWORDS = {"_": None, "_n": (1, 2), "_p": ((1, "c"), 2), "N_": None}
# Data a reader sees, by table and column; each value is a message with context "<table>.<column>".
# Names of products, models, hardware and publishers stay as published and are not here.
TRANSLATED_COLUMNS: dict[str, tuple[str, ...]] = {
    "tasks": ("name", "unit_singular", "unit_plural"),

    "presets": ("label",),

    "alternatives": ("label", "trade_off", "trade_off_chat", "trade_off_summarize", "trade_off_image",
                     "trade_off_video"),

    "equivalents": ("label_singular", "label_plural"),

    "precision": ("label",),

    "datacenters": ("name",),

    "grid_intensity": ("name",),

    "usage_presets": ("label",),

    "models": ("name",),  # only the generic stand-ins for closed models (ROW_FILTERS); real names stay as published

    "claims": ("claim", "said_where", "quantifies", "alt_words", "cannot_check_because", "why", "note"),

    "switching_studies": ("claim", "task", "models_switched", "other_levers", "quality_cost", "grid_trace"),
}
# Rows whose text is named elsewhere: countries by CLDR, cloud regions by their providers (names.zone_name).
ROW_FILTERS = {"grid_intensity": lambda row: row.get("kind") in ("world", "us_state"),
               "models": lambda row: row.get("model_id", "").startswith("closed-")}
LANG_TITLES = {"en": "English", "fr": "French", "zh-Hans": "Simplified Chinese", "zh-Hant": "Traditional Chinese"}
FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[!:][^}]*)?\}")


@dataclass(frozen=True)
class Wanted:
    context: str | None
    msgid: str
    plural: str | None
    where: str


def code_messages(root: Path = ROOT) -> list[Wanted]:
    out: list[Wanted] = []
    files: list[Path] = []
    for name in CODE:
        p = root / name
        files.extend([p] if p.is_file() else sorted(p.rglob("*.py")))
    for path in files:
        rel = path.relative_to(root).as_posix()
        if rel in SKIP:
            continue
        for lineno, message, _comments, context in extract_from_file("python", str(path), keywords=KEYWORDS):
            if isinstance(message, tuple):
                msgid, plural = message[0], message[1]
            else:
                msgid, plural = message, None
            if msgid:
                out.append(Wanted(context, msgid, plural, f"{rel}:{lineno}"))
    return out


def data_messages(root: Path = ROOT) -> list[Wanted]:
    out: list[Wanted] = []
    for table, columns in TRANSLATED_COLUMNS.items():
        path = root / "data" / f"{table}.csv"
        with path.open(newline="", encoding="utf-8") as fh:
            for i, row in enumerate(csv.DictReader(fh), start=2):
                if table in ROW_FILTERS and not ROW_FILTERS[table](row):
                    continue
                for col in columns:
                    text = (row.get(col) or "").strip()
                    if text:
                        out.append(Wanted(f"{table}.{col}", text, None, f"data/{table}.csv:{i}"))
    return out


def wanted(root: Path = ROOT) -> dict[tuple[str | None, str], Wanted]:
    """Every message a reader can see, once each: (context, msgid) → where it is first asked for."""
    out: dict[tuple[str | None, str], Wanted] = {}
    for w in code_messages(root) + data_messages(root):
        out.setdefault((w.context, w.msgid), w)
    return out


# Plural forms as the catalogues order them: [one, other], one form for Chinese. Which form a number takes
# comes from CLDR at run time (estimator.i18n.Translator._n); the header says the same for whole numbers.
PLURAL_FORMS = {"en": (2, "(n != 1)"), "fr": (2, "(n > 1)"), "zh-Hans": (1, "0"), "zh-Hant": (1, "0")}
CREATED = dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc)  # a fixed header, so catalogues change only where a message does


def read(lang: str) -> Catalog:
    path = catalogue_path(lang)
    if not path.exists():
        cat = Catalog(locale=LOCALE_IDS[lang], project="AI Flight Label", version="1", fuzzy=False)
    else:
        with path.open("rb") as fh:
            cat = read_po(fh, locale=LOCALE_IDS[lang])
    cat._num_plurals, cat._plural_expr = PLURAL_FORMS[lang]
    return cat


def write(lang: str, cat: Catalog) -> None:
    path = catalogue_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    cat.header_comment = (f"# {LANG_TITLES[lang]} messages for AI Flight Label: every word a reader sees.\n"
                          "# Update with `python -m estimator.i18n.catalog update`; check with `… check`.")
    cat.creation_date = cat.revision_date = CREATED
    cat.last_translator = cat.language_team = "AI Flight Label contributors"
    cat.msgid_bugs_address = ""
    with path.open("wb") as fh:
        write_po(fh, cat, width=0, omit_header=False, sort_output=False, include_lineno=False,
                 include_previous=False)


def fields(text: str) -> set[str]:
    return set(FIELD.findall(text))


def problems(lang: str, cat: Catalog, want: dict) -> list[str]:
    """Missing or empty translations, and translations whose {fields} differ from the English (a dropped
    {count} would drop a number from the sentence)."""
    out = []
    for (ctx, msgid), w in want.items():
        m = cat.get(msgid if w.plural is None else msgid, context=ctx)
        where = f"{w.where} [{ctx}] " if ctx else f"{w.where} "
        if m is None:
            out.append(f"{lang}: missing {where}{msgid!r}")
            continue
        strings = list(m.string) if isinstance(m.string, (tuple, list)) else [m.string]
        if lang == SOURCE_LANG:
            continue  # English is the msgid itself (and its plural the msgid_plural)
        if not all(s and s.strip() for s in strings):
            out.append(f"{lang}: empty {where}{msgid!r}")
            continue
        expected = fields(msgid) | (fields(w.plural) if w.plural else set())
        for s in strings:
            if fields(s) - expected or (fields(msgid) - fields(s) and len(strings) == 1 and w.plural is None):
                out.append(f"{lang}: fields {sorted(fields(s))} ≠ {sorted(expected)} in {where}{msgid!r}")
                break
    return out


def update(prune: bool = False, root: Path = ROOT) -> dict[str, int]:
    want = wanted(root)
    added = {}
    for lang in LANGS:
        cat = read(lang)
        n = 0
        for (ctx, msgid), w in want.items():
            if cat.get(msgid, context=ctx) is None:
                if w.plural is not None:
                    cat.add((msgid, w.plural), string=("",) * PLURAL_FORMS[lang][0], context=ctx)
                else:
                    cat.add(msgid, string="", context=ctx)
                n += 1
        if prune:
            for m in list(cat):
                if m.id and (m.context, m.id[0] if isinstance(m.id, (tuple, list)) else m.id) not in want:
                    cat.delete(m.id, context=m.context)
        write(lang, cat)
        added[lang] = n
    return added


def fill(entries: list[dict]) -> dict[str, int]:
    """Set translations from a list of {"id", "context" (optional), "fr", "zh-Hans", "zh-Hant"} (a plural
    message's translation is a list of forms [one, other]; one form for Chinese). Entries not yet in a
    catalogue are added; existing ones keep their place."""
    want = wanted()
    counts = {}
    for lang in LANGS:
        if lang == SOURCE_LANG:
            continue
        cat = read(lang)
        n = 0
        for e in entries:
            if lang not in e:
                continue
            ctx, msgid = e.get("context"), e["id"]
            text = e[lang]
            w = want.get((ctx, msgid))
            string = tuple(text) if isinstance(text, list) else text
            m = cat.get(msgid, context=ctx)
            if m is None:
                key = (msgid, w.plural) if w is not None and w.plural else msgid
                cat.add(key, string=string, context=ctx)
            else:
                m.string = string
            n += 1
        write(lang, cat)
        counts[lang] = n
    return counts


def _read_path(path: str, lang: str) -> Catalog:
    with open(path, "rb") as fh:
        cat = read_po(fh, locale=LOCALE_IDS[lang])
    cat._num_plurals, cat._plural_expr = PLURAL_FORMS[lang]
    return cat


def merge_files(base: str, ours: str, theirs: str, lang: str) -> Catalog:
    """A three-way merge by message, not by line (a git merge driver): every message of either side, ours in our
    order then theirs' new ones; where both changed a translation, ours wins unless ours is empty or unchanged."""
    b, o, t = (_read_path(p, lang) for p in (base, ours, theirs))
    for m in t:
        if not m.id:
            continue
        mine = o.get(m.id, context=m.context)
        if mine is None:
            o.add(m.id, string=m.string, context=m.context)
            continue
        old = b.get(m.id, context=m.context)
        empty = not any(mine.string) if isinstance(mine.string, (tuple, list)) else not mine.string
        if empty or (old is not None and old.string == mine.string):
            if m.string:
                mine.string = m.string
    return o


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m estimator.i18n.catalog", description=__doc__.splitlines()[0])
    p.add_argument("command", choices=("update", "check", "fill", "merge"))
    p.add_argument("file", nargs="*", help="fill: a JSON list of {id, context, fr, zh-Hans, zh-Hant}; "
                                            "merge: BASE OURS THEIRS (git's %%O %%A %%B), the result written to OURS")
    p.add_argument("--prune", action="store_true", help="update: drop entries nothing asks for")
    ns = p.parse_args(argv)
    if ns.command == "merge":
        base, ours, theirs = ns.file
        with open(ours, "rb") as fh:
            header_locale = str(read_po(fh).locale or "")  # the catalogue's "Language:" header
        lang = next((k for k, v in LOCALE_IDS.items() if v == header_locale), SOURCE_LANG)
        cat = merge_files(base, ours, theirs, lang)
        with open(ours, "wb") as fh:
            write_po(fh, cat, width=0, sort_output=False, include_lineno=False, include_previous=False)
        return 0
    if ns.command == "fill":
        import json

        with open(ns.file[0], encoding="utf-8") as fh:
            for lang, n in fill(json.load(fh)).items():
                print(f"{lang}: {n} set")
        return 0
    if ns.command == "update":
        for lang, n in update(ns.prune).items():
            print(f"{lang}: {n} new")
        return 0
    want = wanted()
    bad = [line for lang in LANGS for line in problems(lang, read(lang), want)]
    print("\n".join(bad) if bad else f"{len(want)} messages, every language complete")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
