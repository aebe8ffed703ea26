"""Which options and comparisons a static export publishes.

An options file is a JSON list. Each entry is either

* one option: an object with the Estimate page's URL parameters (``{"task": "image", "model": "sdxl",
  "n": 10, "region": "FR"}``, see README "Stable links"), optionally ``"name"`` for its file names; or
* a comparison: a list of two to four such objects, or ``{"name": …, "compare": [...]}``.

Every option goes through ``estimator.urlstate.parse_params``, so it is validated exactly like a link;
where a link would fall back to a default with a notice, an export refuses the entry instead, one line
per bad entry naming it (a published number must be the one asked for).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..data import DataBundle
from ..errors import EstimatorError, plain_number
from ..i18n import N_, Translator
from ..scenario import Scenario, resolve
from ..urlstate import COMPARE_KEYS, PAGE_PARAMS, parse_params, safe_snippet

MAX_FILE_BYTES = 1024 * 1024  # a list of options is a few kB; anything bigger is another file
MAX_ENTRIES = 200  # each entry is a few pages and two cards: keeps an export to seconds
MIN_COMPARED, MAX_COMPARED = 2, len(COMPARE_KEYS)  # as on the Compare page
NAME_CHARS = 60
NAME_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
OPTIONS_HINT = "see README, 'Static export for publishers', for the options file's shape"

# The defaults: the Compare page's classic comparisons (pages/compare.py CLASSICS, same options) and one
# across tasks, an image beside a chat answer (the seeds' "one image ≈ …" claims put them side by side).
# The titles are English (the key a translation is found by: an export in another language says them in it).
DEFAULT_COMPARISONS = (
    ("compare-smaller-model", N_("Frontier chat vs small open model"),
     ({"task": "chat", "model": "gpt-4o"}, {"task": "chat", "model": "llama-3.1-8b"})),
    ("compare-image-grid", N_("Image in Poland vs in France"),
     ({"task": "image", "model": "sdxl", "region": "PL"}, {"task": "image", "model": "sdxl", "region": "FR"})),
    ("compare-summarizer", N_("Task-specific summarizer vs LLM"),
     ({"task": "summarize", "model": "bart-large-cnn"}, {"task": "summarize", "model": "gpt-4o"})),
    ("compare-image-vs-text", N_("An image vs a chat answer"), ({"task": "image"}, {"task": "chat"})),
)


@dataclass(frozen=True)
class Option:
    """One published option: its file name, title and the resolved scenario."""

    name: str
    title: str
    scenario: Scenario


@dataclass(frozen=True)
class Comparison:
    name: str
    title: str  # English, as the index of an English export shows it
    scenarios: tuple[Scenario, ...]
    heading: str = ""  # a classic comparison's own English name (the defaults), "" for an options file's


def slug(text: str) -> str:
    """A file-name-safe form: lower case, letters, digits and single hyphens, at most NAME_CHARS long."""
    out = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return out[:NAME_CHARS].rstrip("-") or "option"


def _describe(entry) -> str:
    """An entry in a few characters, for a message that names it."""
    return safe_snippet(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), 60)


def _option(obj, data: DataBundle) -> tuple[Scenario | None, str]:
    """An option object → (resolved scenario, "") or (None, what is wrong)."""
    if not isinstance(obj, dict):
        return None, "an option is an object of link parameters, e.g. {\"task\": \"image\", \"n\": 10}"
    params = {}
    for key, value in obj.items():
        if key == "name":
            continue
        if key.lower() in PAGE_PARAMS:
            return None, f"“{safe_snippet(key)}” is a page parameter, not part of an option"
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None, f"“{safe_snippet(key)}” must be a text or a number"
        params[key] = str(value)
    parsed = parse_params(params, data)
    if parsed.notices:  # a link falls back to the default; a published number must be the one asked for
        words = [n.replace(" Using the default instead.", "") for n in parsed.notices]
        return None, " ".join(n[len("Ignored "):] if n.startswith("Ignored ") else n for n in words)
    return parsed.scenario, ""


def _name(entry, default: str) -> tuple[str, str]:
    """(file name, "") from the entry's "name" or the default; or ("", what is wrong)."""
    given = entry.get("name") if isinstance(entry, dict) else None
    if given is None:
        return default, ""
    if not isinstance(given, str) or not NAME_RE.fullmatch(given) or len(given) > NAME_CHARS or given == "index":
        return "", (f"name “{safe_snippet(str(given))}” must be lower-case letters, digits and hyphens "
                    f"(at most {NAME_CHARS}, not “index”)")
    return given, ""


def option_title(s: Scenario, data: DataBundle, t: Translator | None = None) -> str:
    """"Image generation · 10 images · SDXL · France grid" for the index (in t's language; None: English)."""
    r = resolve(s, data)
    task = data.tasks[r.scenario.task]
    if t is None or t.lang == "en":
        unit = task.unit_singular if r.scenario.count == 1 else task.unit_plural
        count = plain_number(r.scenario.count)
        return f"{task.name} · {count} {unit} · {r.model.name} · {data.zones[r.zone_id].name} grid"
    from ..i18n.names import model_name, task_name, task_unit, zone_name

    count = t._("{count} {unit}", count=t.count(r.scenario.count), unit=task_unit(task, r.scenario.count, t))
    grid = t._("{zone} grid", zone=zone_name(data.zones[r.zone_id], t))
    return " · ".join((task_name(task, t), count, model_name(r.model, t), grid))


def _auto_name(s: Scenario) -> str:
    parts = [s.task, s.model or "", f"{s.count:g}", s.region]
    return slug("-".join(p for p in parts if p))


def read_entries(entries, data: DataBundle) -> tuple[list[Option], list[Comparison]]:
    """Validated options and comparisons, or EstimatorError carrying one line per bad entry (``.problems``)."""
    if not isinstance(entries, list):
        raise EstimatorError("the options file must hold a JSON list of options and comparisons", OPTIONS_HINT)
    if not entries:
        raise EstimatorError("the options file lists no option", OPTIONS_HINT)
    if len(entries) > MAX_ENTRIES:
        raise EstimatorError(f"the options file lists {len(entries)} entries; at most {MAX_ENTRIES}",
                             "split it into several exports")
    options: list[Option] = []
    comparisons: list[Comparison] = []
    problems: list[str] = []
    used: set[str] = {"index"}
    for n, entry in enumerate(entries, start=1):
        where = f"entry {n} ({_describe(entry)})"
        members = entry.get("compare") if isinstance(entry, dict) and "compare" in entry else entry
        if isinstance(members, list):
            if isinstance(entry, dict) and set(entry) - {"name", "compare"}:
                problems.append(f"{where}: a comparison takes only \"name\" and \"compare\"")
                continue
            if not MIN_COMPARED <= len(members) <= MAX_COMPARED:
                problems.append(f"{where}: a comparison lists {MIN_COMPARED} to {MAX_COMPARED} options, "
                                f"not {len(members)}")
                continue
            parsed = [_option(m, data) for m in members]
            bad = [(k, why) for k, (s, why) in enumerate(parsed) if s is None]
            if bad:
                k, why = bad[0]
                problems.append(f"{where}: option {COMPARE_KEYS[k]}: {why}")
                continue
            scenarios = tuple(s for s, _ in parsed)
            if len({s.boundary for s in scenarios}) > 1:
                problems.append(f"{where}: a comparison counts every option at one boundary; give them the same")
                continue
            default = slug("compare-" + "-vs-".join(_auto_name(s) for s in scenarios))
            name, why = _name(entry, default)
            if why:
                problems.append(f"{where}: {why}")
                continue
            name = _unique(name, used, given=isinstance(entry, dict) and "name" in entry)
            if name is None:
                problems.append(f"{where}: the name is already used by another entry")
                continue
            title = " vs ".join(option_title(s, data) for s in scenarios)
            comparisons.append(Comparison(name, title, scenarios))
            continue
        scenario, why = _option(entry, data)
        if scenario is None:
            problems.append(f"{where}: {why}")
            continue
        name, why = _name(entry, _auto_name(scenario))
        if why:
            problems.append(f"{where}: {why}")
            continue
        name = _unique(name, used, given="name" in entry)
        if name is None:
            problems.append(f"{where}: the name is already used by another entry")
            continue
        options.append(Option(name, option_title(scenario, data), scenario))
    if problems:
        err = EstimatorError(problems[0] if len(problems) == 1 else
                             f"{len(problems)} bad entries in the options file; nothing was written", OPTIONS_HINT)
        err.problems = problems
        raise err
    return options, comparisons


def _unique(name: str, used: set[str], given: bool) -> str | None:
    """The name, or name-2, name-3… for a derived one that is taken; None for a given name that is taken.
    Names also must not collide with another entry's dark page (name-dark)."""
    def free(candidate: str) -> bool:
        return not ({candidate, f"{candidate}-dark"} & used) and not (
            candidate.endswith("-dark") and candidate[:-5] in used)

    candidate, k = name, 2
    while not free(candidate):
        if given:
            return None
        candidate, k = f"{name}-{k}", k + 1
    used.add(candidate)
    return candidate


def read_options_file(path: str, data: DataBundle) -> tuple[list[Option], list[Comparison]]:
    """The options file at ``path`` → validated options and comparisons (one line per problem)."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise EstimatorError(f"cannot read the options file {safe_snippet(path, 80)} ({exc.strerror or 'error'})",
                             "check the path") from None
    if len(raw) > MAX_FILE_BYTES:
        raise EstimatorError("the options file is larger than 1 MB", OPTIONS_HINT)
    try:
        entries = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise EstimatorError("the options file is not UTF-8 text", "save it as UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise EstimatorError(f"the options file is not valid JSON (line {exc.lineno}, column {exc.colno})",
                             OPTIONS_HINT) from None
    except RecursionError:
        raise EstimatorError("the options file is nested too deeply", OPTIONS_HINT) from None
    return read_entries(entries, data)


def default_entries(data: DataBundle) -> tuple[list[Option], list[Comparison]]:
    """Each task's typical option (its typical model and workload, world grid) and the classic comparisons."""
    entries: list = [{"name": f"typical-{slug(t)}", "task": t} for t in data.tasks]
    entries += [{"name": name, "compare": list(members)} for name, _, members in DEFAULT_COMPARISONS]
    options, comparisons = read_entries(entries, data)
    titles = {name: title for name, title, _ in DEFAULT_COMPARISONS}
    return options, [Comparison(c.name, f"{titles[c.name]}: {c.title}", c.scenarios, heading=titles[c.name])
                     for c in comparisons]
