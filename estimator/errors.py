"""The one error type the library raises on bad input or bad data, and how its messages write numbers.

A message is English (``exc.message``, ``exc.hint``, ``str(exc)``) and, where the raise marks it, can also be
said in the reader's language: the raise gives a :class:`Words` (a template marked with ``N_`` plus its fields)
instead of a finished string, and ``exc.words(t)`` / ``exc.hint_words(t)`` say it with the reader's Translator.
The library never knows a "current language": the reader is known only where the message is shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Words:
    """A message said later, in the reader's language: a catalogue message (English, a Python format string with
    named fields) and its fields. A field is

    - a number (int or float, not bool): written by :func:`plain_number` for the language ("1,000" / "1 000");
    - a string: put in as it is (ids, the user's own text, a link's syntax such as "n=1.5");
    - another :class:`Words`: said in the same language (a field's name, "comma", "underscore");
    - a function of the Translator (None for English) returning the text: a name only the data can give.

    ``context`` keys a short text ("input.field", "count") as ``Translator._p`` does. ``english`` replaces the
    English text where it says more than the message (a data table's own wording, "chat preset").
    """

    msgid: str
    fields: Mapping = field(default_factory=dict)
    context: str | None = None
    english_text: str | None = None

    def english(self) -> str:
        if self.english_text is not None:
            return self.english_text
        if not self.fields:
            return self.msgid
        return self.msgid.format(**{k: _field(v, None, None) for k, v in self.fields.items()})

    def say(self, t=None, clean: Callable[[str], str] | None = None) -> str:
        """The message in t's language (English if t is None). ``clean`` is applied to every string field (the
        user's text) and never to the translated template, so a notice keeps its own punctuation."""
        if t is None or t.lang == "en":
            return self.english()
        values = {k: _field(v, t, clean) for k, v in self.fields.items()}
        if self.context is not None:
            return t._p(self.context, self.msgid, **values)
        return t._(self.msgid, **values)


def _field(value, t, clean) -> str:
    if isinstance(value, Words):
        return value.english() if t is None else value.say(t, clean)
    if callable(value):
        return value(t)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return plain_number(value, t)
    text = str(value)
    return clean(text) if clean is not None and t is not None else text


def say(msgid: str, /, **fields) -> Words:
    """A message to say later: ``say(N_("unknown model {value!r}"), value=text)``."""
    return Words(msgid, fields)


def keyed(context: str, msgid: str, english: str | None = None) -> Words:
    """A short keyed text to say later (a field's name); modules import it as ``_p`` so that the catalogue tool
    finds ``_p("input.field", "count")`` like any keyed text."""
    return Words(msgid, {}, context, english)


class EstimatorError(ValueError):
    """A clear, user-facing problem: bad input, unknown id, or an invalid data table.

    ``message`` says what is wrong in one line; ``hint`` says what to do instead. Either may be given as
    :class:`Words` so that ``words(t)`` and ``hint_words(t)`` can say it in the reader's language; a plain
    string stays English in every language.
    """

    def __init__(self, message: str | Words, hint: str | Words = ""):
        self.template = message if isinstance(message, Words) else None
        self.hint_template = hint if isinstance(hint, Words) else None
        self.message = message.english() if isinstance(message, Words) else message
        self.hint = hint.english() if isinstance(hint, Words) else hint
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def words(self, t=None, clean: Callable[[str], str] | None = None) -> str:
        """What is wrong, in t's language (``message`` for English or a message nobody has marked yet). ``clean``
        (e.g. urlstate.safe_snippet) makes the user's text harmless: each field of a translated message, or the
        whole line of an English one."""
        if t is None or t.lang == "en" or self.template is None:  # the whole line is the user's text and ours
            return clean(self.message) if clean is not None else self.message
        return self.template.say(t, clean)

    def hint_words(self, t=None, clean: Callable[[str], str] | None = None) -> str:
        """What to do instead, in t's language (``hint`` for English or a hint nobody has marked yet)."""
        if t is None or t.lang == "en" or self.hint_template is None:
            return clean(self.hint) if clean is not None and self.hint else self.hint
        return self.hint_template.say(t, clean)

    def line(self, t=None) -> str:
        """``str(exc)`` in t's language: the message and, in brackets, the hint."""
        if t is None or t.lang == "en":
            return str(self)
        message, hint = self.words(t), self.hint_words(t)
        return t._("{message} ({hint})", message=message, hint=hint) if hint else message


class DataError(EstimatorError):
    """A data table failed validation: names the file, row and column."""


def plain_number(value: float, t=None) -> str:
    """A number as people write it in a message: 1,000,000,000 (not 1e+09), 0.0625, 12.5; with a Translator, as
    its language writes it ("1 000 000 000", "0,0625")."""
    v = float(value)
    if not math.isfinite(v):
        return str(v)
    if t is not None and t.lang != "en":
        if abs(v) > 1e15 or (v != 0 and abs(v) < 1e-4):
            mantissa, _, exponent = f"{v:.3g}".partition("e")
            return t.number(float(mantissa)) + ("e" + exponent if exponent else "")
        if v == int(v):
            return t.number(int(v))
        return t.number(round(v, 6))
    if abs(v) > 1e15 or (v != 0 and abs(v) < 1e-4):
        return f"{v:.3g}"  # beyond the everyday range: only reachable by typing an exponent
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.6f}".rstrip("0").rstrip(".")
