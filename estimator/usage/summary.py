"""What an export holds, as counts, dates, model names and estimated tokens: never any content.

A ``Tally`` collects one conversation's counts (so a conversation found twice in split files can be
replaced by its newer copy); ``build_summary`` adds the tallies up into a frozen ``ExportSummary``.
Months are calendar months in UTC ("2024-03"), or "unknown" when the export gives no time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from ..i18n import Translator
from .tokens import TokenRatio, tokens_from_chars

UNKNOWN = "unknown"

# cell fields: replies, images, input chars (latin, cjk, other), output chars (latin, cjk, other)
_REPLIES, _IMAGES, _IN, _OUT = 0, 1, 2, 5


@dataclass
class Tally:
    """One conversation's counts, keyed by month and by (month, model)."""

    months: dict[str, list[int]] = field(default_factory=dict)  # month → [conversations, user messages]
    cells: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (month, model) → 8 counts
    first_s: float | None = None
    last_s: float | None = None

    def seen(self, epoch_s: float | None) -> None:
        if epoch_s is None:
            return
        self.first_s = epoch_s if self.first_s is None else min(self.first_s, epoch_s)
        self.last_s = epoch_s if self.last_s is None else max(self.last_s, epoch_s)

    def _month(self, month: str) -> list[int]:
        return self.months.setdefault(month, [0, 0])

    def _cell(self, month: str, model: str) -> list[int]:
        return self.cells.setdefault((month, model), [0] * 8)

    def conversation(self, epoch_s: float | None) -> None:
        self._month(month_of(epoch_s))[0] += 1

    def user_message(self, epoch_s: float | None) -> None:
        self._month(month_of(epoch_s))[1] += 1
        self.seen(epoch_s)

    def reply(self, epoch_s: float | None, model: str, input_chars: tuple[int, int, int],
              output_chars: tuple[int, int, int]) -> None:
        cell = self._cell(month_of(epoch_s), model)
        cell[_REPLIES] += 1
        for i in range(3):
            cell[_IN + i] += input_chars[i]
            cell[_OUT + i] += output_chars[i]
        self.seen(epoch_s)

    def image(self, epoch_s: float | None, generator: str) -> None:
        self._cell(month_of(epoch_s), generator)[_IMAGES] += 1
        self.seen(epoch_s)


def month_of(epoch_s: float | None) -> str:
    """'YYYY-MM' in UTC, or 'unknown'."""
    if epoch_s is None:
        return UNKNOWN
    return datetime.fromtimestamp(epoch_s, tz=timezone.utc).strftime("%Y-%m")


@dataclass(frozen=True)
class Tokens:
    """Estimated tokens, low ≤ central ≤ high (from the script ratios in data/token_ratios.csv).

    Kept unrounded so that sums and comparisons stay exact; presentation rounds.
    """

    low: float
    central: float
    high: float

    def __add__(self, other: "Tokens") -> "Tokens":
        return Tokens(self.low + other.low, self.central + other.central, self.high + other.high)


ZERO = Tokens(0.0, 0.0, 0.0)


@dataclass(frozen=True)
class ModelMonthUsage:
    """One month and one model (or image generator): replies, images and estimated tokens.

    ``input_tokens`` counts, for every reply, all earlier messages on its branch (the history the
    service resends with each turn); ``output_tokens`` counts the replies' own text.
    """

    month: str
    model: str
    replies: int
    images: int
    input_tokens: Tokens
    output_tokens: Tokens


@dataclass(frozen=True)
class MonthUsage:
    """One month: conversations started, the person's messages, replies, images and tokens."""

    month: str
    conversations: int
    user_messages: int
    replies: int
    images: int
    input_tokens: Tokens
    output_tokens: Tokens


@dataclass(frozen=True)
class ExportSummary:
    """Everything read from one export: counts, dates, model names and estimated tokens only."""

    vendor: str  # "chatgpt" or "claude"
    files_read: int
    conversations: int
    user_messages: int
    replies: int
    images: int
    first_day: date | None
    last_day: date | None
    input_tokens: Tokens
    output_tokens: Tokens
    months: tuple[MonthUsage, ...]
    cells: tuple[ModelMonthUsage, ...]
    model_replies: tuple[tuple[str, int], ...]  # model → replies, most used first

    def what_was_read(self, t: Translator | None = None) -> str:
        """One line a person can check against their own memory of their use (English without ``t``)."""
        if t is not None and t.lang != "en":
            return self._what_was_read_in(t)
        if self.first_day and self.last_day:
            span = f"{self.first_day:%Y-%m} → {self.last_day:%Y-%m}"
        else:
            span = "no dates"
        shares = []
        for model, replies in self.model_replies[:4]:
            pct = round(100 * replies / self.replies) if self.replies else 0
            shares.append(f"{model} {pct} %")
        if len(self.model_replies) > 4:
            shares.append("…")
        models = ", ".join(shares) if shares else "none"
        if self.vendor == "claude":  # Claude's export names no model at all
            models = "not recorded in Claude exports"
        line = (f"{self.conversations:,} conversations, {self.user_messages:,} messages, "
                f"{self.replies:,} replies")
        if self.images:
            line += f", {self.images:,} images"
        return f"{line}, {span}, models: {models}"

    def _what_was_read_in(self, t: Translator) -> str:
        """what_was_read in the reader's language: counts as the locale writes them, months by name."""
        if self.first_day and self.last_day:
            span = t._("{first} → {last}", first=t.month(self.first_day), last=t.month(self.last_day))
        else:
            span = t._("no dates")
        shares = []
        for model, replies in self.model_replies[:4]:
            shares.append(f"{model} {t.percent(round(100 * replies / self.replies) if self.replies else 0)}")
        if len(self.model_replies) > 4:
            shares.append("…")
        models = t._(", ").join(shares) if shares else t._("none")
        if self.vendor == "claude":
            models = t._("not recorded in Claude exports")
        counts = [t._n("{n} conversation", "{n} conversations", self.conversations, n=t.count(self.conversations)),
                  t._n("{n} message", "{n} messages", self.user_messages, n=t.count(self.user_messages)),
                  t._n("{n} reply", "{n} replies", self.replies, n=t.count(self.replies))]
        if self.images:
            counts.append(t._n("{n} image", "{n} images", self.images, n=t.count(self.images)))
        return t._("{counts}, {span}, models: {models}", counts=t._(", ").join(counts), span=span, models=models)


def _tokens(chars: list[int], ratios: dict[str, TokenRatio]) -> Tokens:
    return Tokens(*tokens_from_chars((chars[0], chars[1], chars[2]), ratios))


def build_summary(vendor: str, files_read: int, tallies: list[Tally], ratios: dict[str, TokenRatio]) -> ExportSummary:
    """Add the conversations' tallies up: characters are summed per (month, model) cell, then turned into tokens."""
    months: dict[str, list[int]] = {}
    cells: dict[tuple[str, str], list[int]] = {}
    first = last = None
    for t in tallies:
        for month, counts in t.months.items():
            acc = months.setdefault(month, [0, 0])
            acc[0] += counts[0]
            acc[1] += counts[1]
        for key, counts in t.cells.items():
            acc = cells.setdefault(key, [0] * 8)
            for i in range(8):
                acc[i] += counts[i]
        if t.first_s is not None:
            first = t.first_s if first is None else min(first, t.first_s)
            last = t.last_s if last is None else max(last, t.last_s)
    cell_rows = tuple(
        ModelMonthUsage(month, model, c[_REPLIES], c[_IMAGES], _tokens(c[_IN:_IN + 3], ratios),
                        _tokens(c[_OUT:_OUT + 3], ratios))
        for (month, model), c in sorted(cells.items())
    )
    month_names = sorted(set(months) | {c.month for c in cell_rows}, key=lambda m: (m == UNKNOWN, m))
    month_rows = []
    for m in month_names:
        in_month = [c for c in cell_rows if c.month == m]
        conv, users = months.get(m, [0, 0])
        month_rows.append(MonthUsage(
            m, conv, users, sum(c.replies for c in in_month), sum(c.images for c in in_month),
            sum((c.input_tokens for c in in_month), ZERO), sum((c.output_tokens for c in in_month), ZERO)))
    by_model: dict[str, int] = {}
    for c in cell_rows:
        if c.replies:
            by_model[c.model] = by_model.get(c.model, 0) + c.replies
    return ExportSummary(
        vendor=vendor,
        files_read=files_read,
        conversations=sum(m.conversations for m in month_rows),
        user_messages=sum(m.user_messages for m in month_rows),
        replies=sum(m.replies for m in month_rows),
        images=sum(m.images for m in month_rows),
        first_day=None if first is None else datetime.fromtimestamp(first, tz=timezone.utc).date(),
        last_day=None if last is None else datetime.fromtimestamp(last, tz=timezone.utc).date(),
        input_tokens=sum((m.input_tokens for m in month_rows), ZERO),
        output_tokens=sum((m.output_tokens for m in month_rows), ZERO),
        months=tuple(month_rows),
        cells=cell_rows,
        model_replies=tuple(sorted(by_model.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
