"""Links that keep their numbers: an old link (``v=2026.1``) recomputed with the code and data of its own version.

Every released methodology version before the current one is frozen in ``releases/<version>/`` (its own
``estimator/`` package, ``data/`` and ``METHODOLOGY.md``; see releases/freeze.py). Old numbers need the old
code as well as the old data, because the method changed (how "typical" is chosen, the label's range rule,
video frame rates…), so a frozen package is imported in isolation under its own module name
(``afl_release_2026_1``) and asked for its own estimate, parsing the link with its own URL rules.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.util
import re
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from .data import DataBundle, load_data
from .errors import EstimatorError
from .estimate import estimate
from .i18n import Translator, translator
from .label import label
from .methodology import methodology_text, methodology_version
from .uncertainty import Range
from .urlstate import COMPARE_KEYS, VERSION_PARAM, parse_params, query_values, safe_snippet

RELEASES_DIR = Path(__file__).resolve().parent.parent / "releases"
_VERSION_SHAPE = re.compile(r"^[0-9]{4}\.[0-9]+$")


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def frozen_versions() -> tuple[str, ...]:
    """Versions with a frozen folder (releases/<version>/FROZEN.txt), oldest first."""
    if not RELEASES_DIR.is_dir():
        return ()
    found = [p.name for p in RELEASES_DIR.iterdir()
             if _VERSION_SHAPE.match(p.name) and (p / "FROZEN.txt").is_file()]
    return tuple(sorted(found, key=_version_key))


def released_versions() -> tuple[str, ...]:
    """Every version a link can name, oldest first: the Changelog's versions (a release is listed there before
    it ships), the frozen ones and the current one."""
    return tuple(sorted({*changelog_entries(), *frozen_versions(), methodology_version()}, key=_version_key))


def module_name(version: str) -> str:
    """The frozen package's own module name: 2026.1 → afl_release_2026_1 (never clashes with ``estimator``)."""
    return "afl_release_" + version.replace(".", "_")


@contextlib.contextmanager
def _no_bytecode():
    """No .pyc written while frozen code is imported or run (its lazy imports too): a deployed folder may be
    read-only, and the copy stays byte for byte its commit's."""
    previous, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        yield
    finally:
        sys.dont_write_bytecode = previous


_LOAD_LOCK = threading.Lock()  # two sessions opening old links at once must not import one package twice


def load_release(version: str) -> ModuleType:
    """The frozen ``estimator`` package of a released version (imported once, then cached)."""
    with _LOAD_LOCK:
        return _load_release(version)


@functools.lru_cache(maxsize=None)
def _load_release(version: str) -> ModuleType:
    """The frozen ``estimator`` package of a released version, imported in isolation under its own name.

    Its modules import each other relatively, and its data.py / methodology.py find ``data/`` and
    ``METHODOLOGY.md`` beside their own file, so the frozen copy reads only its own folder. No .pyc is
    written into the frozen folder (a deployed app's folder may be read-only; the copy stays as archived).
    """
    if version not in frozen_versions():
        raise EstimatorError(f"no frozen methodology version “{safe_snippet(version)}”",
                             f"frozen versions: {', '.join(frozen_versions()) or 'none'}")
    package_dir = RELEASES_DIR / version / "estimator"
    name = module_name(version)
    spec = importlib.util.spec_from_file_location(name, package_dir / "__init__.py",
                                                  submodule_search_locations=[str(package_dir)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        with _no_bytecode():
            spec.loader.exec_module(module)
    except BaseException:
        for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
            del sys.modules[key]
        raise
    return module


@dataclass(frozen=True)
class Figure:
    """One version's answer for a link: total grams CO2e (low/central/high) and the label it gave."""
    version: str
    co2e_g: Range
    category: str
    words: str
    percent_vs_typical: float
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThenAndNow:
    then: Figure
    now: Figure
    changed: tuple[str, ...]  # one line per later version, from the Changelog


def is_comparison(params: Mapping) -> bool:
    """A Compare link (options a…d): its v= is not recomputed here (comparison links do not carry v=)."""
    return any(k.strip().lower() in COMPARE_KEYS for k in query_values(params))


def link_version(params: Mapping) -> str | None:
    """The ``v=`` a link carries (first value, trimmed), or None."""
    vals = query_values(params).get(VERSION_PARAM)
    if not vals:
        return None
    return vals[0].strip() or None


def _t(t: Translator | None) -> Translator:
    """The reader's Translator; None is English (the CLI, the JSON and the tests)."""
    return t if t is not None else translator("en")


def version_notice(params: Mapping, t: Translator | None = None) -> str | None:
    """One notice when ``v=`` names no released version; None when it is absent, current or frozen."""
    t = _t(t)
    v = link_version(params)
    if v is None or v == methodology_version() or v in frozen_versions():
        return None
    if v in released_versions():  # released, but its frozen copy is not here (e.g. an install without releases/)
        return t._("This link was made with methodology {version}, whose frozen copy is not installed here, so its "
                   "number cannot be recomputed; showing today's numbers.", version=safe_snippet(v))
    return t._("This link names methodology version “{version}”, which was never released (released: {released}); "
               "showing today's numbers.", version=safe_snippet(v), released=", ".join(released_versions()))


def _without_version(params: Mapping) -> dict[str, list[str]]:
    return {k: v for k, v in query_values(params).items() if k.strip().lower() != VERSION_PARAM}


def _figure(version: str, e, lab, notices) -> Figure:
    r = e.co2e_g
    return Figure(version, Range(r.low, r.central, r.high), lab.category, lab.words, lab.percent_vs_typical,
                  tuple(notices))


def figure_at(version: str, params: Mapping) -> Figure:
    """The link's estimate by a frozen version: its own urlstate parses the link (old links used old parameter
    rules), its own estimate and label compute the number."""
    rel = load_release(version)
    old_errors = rel.EstimatorError
    try:
        with _no_bytecode():
            urlstate = importlib.import_module(rel.__name__ + ".urlstate")
            data = rel.load_data()
            parsed = urlstate.parse_params(_without_version(params), data)
            e = rel.estimate(parsed.scenario, data)
            return _figure(version, e, rel.label(e, data), parsed.notices)
    except old_errors as exc:  # the frozen copy's own error type: same message, today's type
        raise EstimatorError(f"methodology {version} could not estimate this link: {exc.message}", exc.hint) from None
    except (ArithmeticError, ValueError, TypeError, KeyError, IndexError) as exc:
        # a defect of the old code that a later version fixed: frozen copies are never edited, so it is reported in
        # one line here instead of a traceback on today's page
        raise EstimatorError(f"methodology {version} could not read this link ({type(exc).__name__})",
                             "today's number below is unaffected") from None


def figure_now(params: Mapping, data: DataBundle | None = None) -> Figure:
    """The same link by today's method."""
    data = data or load_data()
    parsed = parse_params(_without_version(params), data)
    e = estimate(parsed.scenario, data)
    return _figure(methodology_version(), e, label(e, data), parsed.notices)


def estimate_at(version: str, params: Mapping, data: DataBundle | None = None) -> ThenAndNow:
    """An old link's number by its own version beside today's for the same parameters, and what changed."""
    if version not in frozen_versions():
        if version == methodology_version():
            raise EstimatorError(f"{version} is the current methodology", "a link of this version needs no "
                                 "then-and-now; older versions: " + (", ".join(frozen_versions()) or "none"))
        if version in released_versions():
            raise EstimatorError(f"methodology {version} has no frozen copy in {RELEASES_DIR}",
                                 f"freeze it with: python releases/freeze.py {version}")
        raise EstimatorError(f"no released methodology version “{safe_snippet(version)}”",
                             f"released: {', '.join(released_versions())}")
    return ThenAndNow(figure_at(version, params), figure_now(params, data), what_changed(version))


def changelog_entries(text: str | None = None) -> dict[str, str]:
    """version → its Changelog entry (text after "**version** —", sub-bullets included)."""
    return dict(_changelog_entries(methodology_text() if text is None else text))


@functools.lru_cache(maxsize=4)
def _changelog_entries(text: str) -> tuple[tuple[str, str], ...]:
    body = text.split("## Changelog", 1)[-1]
    body = re.split(r"^## ", body, maxsplit=1, flags=re.M)[0]
    parts = re.split(r"^- \*\*([0-9]{4}\.[0-9]+)\*\*\s*[—-]\s*", body, flags=re.M)
    return tuple((parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2))


def _first_sentence(text: str, limit: int = 200, stop_at_colon: bool = False) -> str:
    """Up to the first ". " or ";" (or ": ") outside brackets, markdown ticks removed, at most ``limit`` characters."""
    text = " ".join(text.replace("`", "").split())
    depth = 0
    for i, ch in enumerate(text):
        depth += ch in "(["
        depth -= ch in ")]"
        ends = ".:" if stop_at_colon else "."
        if depth == 0 and (ch == ";" or (ch in ends and (i + 1 == len(text) or text[i + 1] == " "))):
            text = text[:i]
            break
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def summary_line(entry: str) -> str:
    """An entry's first sentence; an entry that opens with a heading ending in ":" gets its first bullet's too."""
    head, _, rest = entry.partition("\n")
    head = head.strip()
    if head.endswith(":") and rest.strip().startswith("- "):
        first_bullet = re.split(r"\n\s*- ", "\n" + rest.strip())[1]
        return f"{head} {_first_sentence(first_bullet, stop_at_colon=True)}"
    return _first_sentence(entry)


def what_changed(from_version: str, text: str | None = None) -> tuple[str, ...]:
    """One line per version after ``from_version``: "2026.2: <its first sentence>"."""
    entries = changelog_entries(text)
    return tuple(f"{v}: {summary_line(entries[v])}" for v in sorted(entries, key=_version_key)
                 if _version_key(v) > _version_key(from_version))


def _label_words(f: Figure, t: Translator | None = None) -> str:
    """The label's words mid-sentence: "typical for this task" (the old version's own words in English; in another
    language the words of its category, which every version shares)."""
    t = _t(t)
    if t.lang == "en" or f.category not in ("lower", "typical", "higher"):
        return f.words[:1].lower() + f.words[1:]
    if f.category == "lower":
        return t._("lower than usual for this task")
    if f.category == "higher":
        return t._("higher than usual for this task")
    return t._("typical for this task")


def then_and_now_lines(r: ThenAndNow, t: Translator | None = None) -> tuple[str, str]:
    """(then, now) sentences the page and the CLI both print, e.g. "This link was made with methodology 2026.1:
    it showed 7.3 g CO2e (range …), typical for this task." and "Today's method (2026.3) gives 21 g …"."""
    from .present import fmt_grams  # formatting only: the numbers above are the versions' own

    t = _t(t)
    then = t._("This link was made with methodology {version}: it showed {grams}, {label}.", version=r.then.version,
               grams=fmt_grams(r.then.co2e_g, t), label=_label_words(r.then, t))
    now = t._("Today's method ({version}) gives {grams}, {label}.", version=r.now.version,
              grams=fmt_grams(r.now.co2e_g, t), label=_label_words(r.now, t))
    return then, now


def what_changed_heading(version: str, t: Translator | None = None) -> str:
    """The heading over the Changelog lines (the lines themselves are METHODOLOGY.md's, in English)."""
    return _t(t)._("What changed since {version}:", version=version)


def cannot_recompute_words(version: str, message: str, t: Translator | None = None) -> str:
    """The notice when an old version cannot recompute its link (``message``: the error's own words)."""
    return _t(t)._("This link was made with methodology {version}, which cannot recompute it: {message}.",
                   version=version, message=message)


def old_link_rules_words(version: str, t: Translator | None = None) -> str:
    """The caption before the notices an old version's link rules gave (those notices are the frozen code's English)."""
    return _t(t)._("Read by methodology {version}'s own link rules:", version=version)


def figure_record(f: Figure) -> dict:
    """JSON-ready: one version's grams (low/central/high), label and the notices its link rules gave."""
    return {"methodology_version": f.version,
            "co2e_g": {"low": f.co2e_g.low, "central": f.co2e_g.central, "high": f.co2e_g.high},
            "label": f.category, "percent_vs_typical": f.percent_vs_typical, "notices": list(f.notices)}


def then_and_now_record(r: ThenAndNow) -> dict:
    """JSON-ready: both versions' figures and what changed."""
    return {"then": figure_record(r.then), "now": figure_record(r.now), "what_changed": list(r.changed)}
