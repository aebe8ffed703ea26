"""Read a ChatGPT or Claude data export from bytes or a binary file object, streaming, in memory.

Accepted: ``conversations.json`` (a JSON array of conversations; ChatGPT's ``{"conversations": [...]}``
too), or a zip holding it, or ChatGPT's newer split ``conversations-000.json`` … files (read in name
order; a conversation found twice keeps its newest copy). The vendor is told from the first
conversation's keys (ChatGPT: ``mapping``; Claude: ``chat_messages``).

Privacy: nothing is written to disk or logged, and the result and every error message hold only
counts, dates, model names, sizes and positions (never text from the file: library error messages,
which can quote the input, are replaced by our own line).

Streaming: the top-level array is parsed one conversation at a time with ``ijson`` (its C backend
when installed), so memory stays near the largest single conversation rather than the file size.
Bad files raise one ``EstimatorError`` line and no partial total.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import BinaryIO, Iterator

import ijson

from ..errors import EstimatorError
from .conversations import Malformed, chatgpt_nodes, claude_nodes, epoch_s, iso_s, tally_nodes
from .summary import ExportSummary, Tally, build_summary
from .tokens import token_ratios

# The largest export read, in bytes, for the uploaded file and for the JSON inside a zip. Why
# 256 MiB: heavy ChatGPT accounts reach 100-200 MB of conversations.json and Streamlit's default
# upload cap is 200 MB, so every file the page can receive fits; the parse streams, so this limit
# bounds the time spent (see `make bench-exports`), not the memory, and it stops a zip bomb early.
MAX_EXPORT_BYTES = 256 * 1024 * 1024
# A real export zip holds one entry per image and upload: thousands, not hundreds of thousands.
# Reading the zip's directory costs memory per entry, so a larger count is refused.
MAX_ZIP_ENTRIES = 100_000
# Real exports nest about a dozen levels (conversation → mapping → node → message → content → part →
# metadata → generation); a deeper file is hostile or not an export, and is refused.
MAX_JSON_DEPTH = 64
_MiB = 1024 * 1024
_CHUNK_BYTES = 64 * 1024
_CONVERSATION_FILE = re.compile(r"(?:^|/)conversations(?:-\d+)?\.json$", re.IGNORECASE)
def _(msgid: str) -> str:
    """Marks an error's words for the catalogue (estimator/i18n/catalog.py); ExportError.words translates them."""
    return msgid


class ExportError(EstimatorError):
    """An EstimatorError whose words can be shown in the reader's language: ``message`` and ``hint`` stay English
    (the CLI, the tests); ``words(t)`` is the one line in ``t``'s language. Text fields are catalogue words too
    ("the zip"), anything else (numbers) is shown as given."""

    def __init__(self, message: str, hint: str = "", **fields):
        english = {k: f"{v:,}" if isinstance(v, int) else v for k, v in fields.items()}  # 1,204 as before
        super().__init__(message.format(**english) if fields else message,
                         hint.format(**english) if fields else hint)
        self.template, self.hint_template, self.fields = message, hint, fields

    def words(self, t) -> str:
        fields = {k: t._(v) if isinstance(v, str) else t.count(v) for k, v in self.fields.items()}
        message = t._(self.template, **fields)
        if not self.hint_template:
            return message
        return t._("{message} ({hint})", message=message, hint=t._(self.hint_template, **fields))


_HINT_EXPORT = _("upload conversations.json or the zip from ChatGPT or Claude's 'Export data'")


class _TooBig(Exception):
    pass


class _LimitedReader(io.RawIOBase):
    """A read-only view of a binary stream that stops past ``limit`` bytes (zip bombs, huge uploads)."""

    def __init__(self, raw, limit: int, head: bytes = b""):
        self._raw, self._limit, self._head, self.count = raw, limit, head, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson probes with read(0) to tell bytes from text
            return b""
        if self._head:
            data, self._head = self._head, b""
        else:
            data = self._raw.read(_CHUNK_BYTES if size is None or size < 0 else size)
        if not isinstance(data, (bytes, bytearray)):
            raise ExportError(_("the upload is not a binary file"), _("open the file in binary mode ('rb')"))
        self.count += len(data)
        if self.count > self._limit:
            raise _TooBig()
        return bytes(data)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _too_big(what: str) -> EstimatorError:
    return ExportError(_("{what} is larger than the {size} MB this reader accepts"),
                       _("export a shorter period, or split the file"), what=what, size=MAX_EXPORT_BYTES // _MiB)


# ---------------------------------------------------------------------------------------------
# From the upload to one or more JSON streams


def _open(source) -> tuple[BinaryIO, bytes]:
    """A binary stream and its first bytes (put back), from bytes or a binary file object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        stream: BinaryIO = io.BytesIO(source)
    elif hasattr(source, "read"):
        stream = source
    else:
        raise EstimatorError(f"cannot read an export from a {type(source).__name__}",
                             "pass the file's bytes or a file opened in binary mode")
    head = stream.read(8)
    if not isinstance(head, (bytes, bytearray)):
        raise ExportError(_("the upload is not a binary file"), _("open the file in binary mode ('rb')"))
    return stream, bytes(head)


def _json_streams(source) -> Iterator[tuple[str, _LimitedReader]]:
    """(label, stream) for each conversations JSON in the upload: the file itself, or the zip's entries."""
    stream, head = _open(source)
    if not head.strip():
        raise ExportError(_("the file is empty"), _HINT_EXPORT)
    if head.startswith(b"\x1f\x8b"):
        raise ExportError(_("the file is gzip-compressed, not a zip or JSON"), _("unpack it, or upload the zip as downloaded"))
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        yield from _zip_streams(stream, head)
        return
    yield _("the file"), _LimitedReader(stream, MAX_EXPORT_BYTES, head)


def _seekable_whole(stream: BinaryIO) -> BinaryIO | None:
    """The stream itself, rewound, when it can seek and holds at most the limit (no copy); else None."""
    try:
        if not stream.seekable() or stream.tell() != 8:  # we have read exactly the 8-byte head from 0
            return None
        size = stream.seek(0, io.SEEK_END)
        stream.seek(0)
    except (AttributeError, OSError, ValueError):
        return None
    if size > MAX_EXPORT_BYTES:
        raise _too_big(_("the zip"))
    return stream


def _zip_streams(stream: BinaryIO, head: bytes) -> Iterator[tuple[str, _LimitedReader]]:
    """The conversations entries of a zip (the shallowest folder holding them), each size-checked."""
    data = _seekable_whole(stream)
    if data is None:  # a stream that cannot seek: copied into memory, at most the limit
        raw = _LimitedReader(stream, MAX_EXPORT_BYTES, head)
        try:
            data = io.BytesIO()
            while chunk := raw.read(_CHUNK_BYTES):
                data.write(chunk)
        except _TooBig:
            raise _too_big(_("the zip")) from None
    try:
        archive = zipfile.ZipFile(data)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, NotImplementedError):
        raise ExportError(_("the zip is damaged or incomplete"), _("download the export again")) from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ExportError(_("the zip holds {entries} entries, more than the {limit} accepted"),
                          _("upload conversations.json on its own"), entries=len(infos), limit=MAX_ZIP_ENTRIES)
    found = [i for i in infos if not i.is_dir() and _CONVERSATION_FILE.search(i.filename)]
    if not found:
        if any(i.filename.lower().endswith(".zip") for i in infos):
            raise ExportError(_("the zip holds another zip and no conversations.json; zips inside zips are not opened"), _("unzip it and upload the inner zip or its conversations.json"))
        raise ExportError(_("the zip holds no conversations.json"), _HINT_EXPORT)
    depth = min(i.filename.count("/") for i in found)
    chosen = sorted((i for i in found if i.filename.count("/") == depth), key=lambda i: i.filename.lower())
    declared = sum(i.file_size for i in chosen)
    if declared > MAX_EXPORT_BYTES:
        raise _too_big(_("the conversations inside the zip"))
    if any(i.flag_bits & 0x1 for i in chosen):
        raise ExportError(_("the zip is password-protected"), _("upload the zip as downloaded, without a password"))
    budget = MAX_EXPORT_BYTES
    for info in chosen:
        label = "the zip entry " + info.filename.rsplit("/", 1)[-1][:60]
        try:
            entry = archive.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError):
            raise EstimatorError(f"{label} cannot be opened (damaged or an unusual compression)",
                                 "download the export again") from None
        # the declared size may lie: count what is actually inflated against the same limit
        reader = _LimitedReader(entry, min(budget, max(info.file_size, 0) or budget))
        yield label, reader
        budget -= reader.count
        entry.close()


# ---------------------------------------------------------------------------------------------
# From a JSON stream to conversations


def _conversations(stream: _LimitedReader) -> Iterator[object]:
    """Each element of the top-level array (or of a top-level object's "conversations" array)."""
    first = stream.read(_CHUNK_BYTES)
    body = first.lstrip()
    if body.startswith(b"\xef\xbb\xbf"):  # a byte-order mark some editors add
        body = body[3:].lstrip()
    if not body:
        raise ExportError(_("the file holds only white space"), _HINT_EXPORT)
    opening = body[:1]
    if opening not in (b"[", b"{"):
        if body[:2] == b"PK":
            raise ExportError(_("a zip sits inside the zip in place of conversations.json; zips inside zips are not opened"), _("upload the inner file"))
        raise ExportError(_("the file is not JSON"), _HINT_EXPORT)
    rest = _LimitedReader(stream, MAX_EXPORT_BYTES, body)
    found_any = False
    for conversation in _top_level_items(ijson.basic_parse(rest, use_float=True), opening == b"{"):
        found_any = True
        yield conversation
    if not found_any and opening == b"{":
        raise ExportError(_("the file is a JSON object, not a list of conversations"), _("this reader knows ChatGPT's and Claude's conversations.json only"))


def _top_level_items(events, in_object: bool) -> Iterator[object]:
    """Elements of the top-level array, or of the top-level object's "conversations" array.

    Built here from the parser's flat events rather than by ijson.items, because its prefix strings
    grow with the nesting depth (a file of 100,000 '[' took 2 GB); here nesting past MAX_JSON_DEPTH
    is refused and everything else at the top level is skipped without being kept.
    """
    events = iter(events)
    next(events)  # the opening '[' or '{'
    if not in_object:
        yield from _array_items(events)
        for _event in events:  # only white space may follow; the parser refuses anything else
            pass
        return
    for event, value in events:
        if event == "end_map":
            for _event in events:
                pass
            return
        # event is a key; the value follows
        if value == "conversations":
            event, value = next(events)
            if event == "start_array":
                yield from _array_items(events)
            elif event in ("start_map", "start_array"):
                _build(events, event)
        else:
            event, value = next(events)
            if event in ("start_map", "start_array"):
                _build(events, event)


def _array_items(events) -> Iterator[object]:
    for event, value in events:
        if event == "end_array":
            return
        yield _build(events, event) if event in ("start_map", "start_array") else value


def _build(events, opening: str) -> object:
    """One JSON object or array from its opening event on, iteratively and at most MAX_JSON_DEPTH deep."""
    root: object = {} if opening == "start_map" else []
    stack: list = [root]
    key = None
    keys: list = [None]
    for event, value in events:
        top = stack[-1]
        if event == "map_key":
            key = value
            continue
        if event in ("end_map", "end_array"):
            stack.pop()
            keys.pop()
            if not stack:
                return root
            key = keys[-1]
            continue
        if event in ("start_map", "start_array"):
            child: object = {} if event == "start_map" else []
            if len(stack) >= MAX_JSON_DEPTH:
                raise EstimatorError(f"the file nests deeper than {MAX_JSON_DEPTH} levels, which no chat export does",
                                     _HINT_EXPORT)
        else:
            child = value
        if isinstance(top, dict):
            top[key] = child
        else:
            top.append(child)
        if event in ("start_map", "start_array"):
            keys[-1] = key
            stack.append(child)
            keys.append(None)
            key = None
    raise ijson.IncompleteJSONError("ended inside a value")


def _vendor_of(conversation: object, position: int) -> str:
    if not isinstance(conversation, dict):
        raise ExportError(_("conversation {position} is not a JSON object"),
                          _("the file does not look like a chat export"), position=position)
    if "mapping" in conversation:
        return "chatgpt"
    if "chat_messages" in conversation:
        return "claude"
    if "header" in conversation and "time" in conversation:
        raise ExportError(_("this looks like a Google activity (Gemini) export, which is not read yet"), _("upload a ChatGPT or Claude export"))
    raise ExportError(_("the file is JSON but not a ChatGPT or Claude conversation list"), _HINT_EXPORT)


def _conversation_id(conv: dict, vendor: str) -> str | None:
    keys = ("id", "conversation_id") if vendor == "chatgpt" else ("uuid",)
    for k in keys:
        if isinstance(conv.get(k), str) and conv[k]:
            return conv[k]
    return None


def _updated_s(conv: dict, vendor: str) -> float:
    value = epoch_s(conv.get("update_time")) if vendor == "chatgpt" else iso_s(conv.get("updated_at"))
    return value if value is not None else float("-inf")


def _read_all(source) -> ExportSummary:
    ratios = token_ratios()
    vendor: str | None = None
    by_id: dict[str, tuple[float, Tally]] = {}
    anonymous: list[Tally] = []
    position = 0
    files = 0
    for label, stream in _json_streams(source):
        files += 1
        try:
            for conv in _conversations(stream):
                position += 1
                kind = _vendor_of(conv, position)
                if vendor is None:
                    vendor = kind
                elif kind != vendor:
                    raise ExportError(_("conversation {position} is from another chatbot than the first"),
                                      _("upload one vendor's export at a time"), position=position)
                try:
                    nodes, start_s, update_s = (chatgpt_nodes if vendor == "chatgpt" else claude_nodes)(conv)
                except Malformed as exc:
                    raise EstimatorError(f"conversation {position:,} {exc.message}",
                                         "the file is damaged or not a chat export") from None
                tally = tally_nodes(nodes, start_s, update_s)
                key = _conversation_id(conv, vendor)
                if key is None:
                    anonymous.append(tally)
                else:
                    updated = _updated_s(conv, vendor)
                    if key not in by_id or updated >= by_id[key][0]:
                        by_id[key] = (updated, tally)
        except _TooBig:
            raise _too_big(label) from None
        except ijson.JSONError as exc:
            # the parser's own message quotes the file, so it is only inspected, never shown
            if "premature EOF" in str(exc) or "ended inside" in str(exc):
                raise ExportError(_("{label} ends in the middle of the JSON (truncated)"),
                                  _("download the export again; the copy may be incomplete"), label=label) from None
            raise ExportError(_("{label} is not valid JSON"), _HINT_EXPORT, label=label) from None
        except UnicodeDecodeError:
            raise ExportError(_("{label} is not valid JSON"), _HINT_EXPORT, label=label) from None
        except (zipfile.BadZipFile, zlib.error, EOFError):
            raise ExportError(_("{label} is damaged inside the zip"), _("download the export again"),
                              label=label) from None
    if vendor is None:
        raise ExportError(_("the export holds no conversations"), _("check that it is the right account and period"))
    return build_summary(vendor, files, [t for _, t in by_id.values()] + anonymous, ratios)


def read_export(source) -> ExportSummary:
    """Counts, dates, models and estimated tokens of a ChatGPT or Claude export (bytes or binary file object).

    Raises ``EstimatorError`` (one line, no content quoted) on any file it cannot read whole.
    """
    try:
        return _read_all(source)
    except EstimatorError:
        raise
    except _TooBig:
        raise _too_big(_("the file")) from None
    except RecursionError:
        raise ExportError(_("the file is nested too deeply to be a chat export"), _HINT_EXPORT) from None
    except MemoryError:
        raise ExportError(_("the file needs more memory than this server has"), _("export a shorter period")) from None
    except (ValueError, TypeError, OverflowError, OSError, RuntimeError, StopIteration):
        # anything else a hostile file can provoke: one line, never the library's text (it can quote the input)
        raise ExportError(_("the file could not be read as a chat export"), _HINT_EXPORT) from None
