"""One conversation of a ChatGPT or Claude export → its ``Tally`` (counts only; text is measured, not kept).

Both vendors are first turned into the same flat list of ``Node``s (id, parent, role, characters
by script, time, model, generated images), then ``tally_nodes`` walks the tree once:

* every assistant reply counts, regenerated siblings too (each one was computed);
* every reply's **input** is all earlier messages on its branch (the root-to-parent path), because
  the service resends the conversation history with every turn;
* the reply's **output** is its own text.

Rules for what counts follow shared/references/chat-exports.md (sections 1.8, 1.9 and 2.2).
A container of the wrong type (a conversation, mapping, node or message that is not an object, a
message list that is not a list) refuses the whole file; a leaf field of the wrong type (a time
that is text, a part that is a number) is treated as missing, since real exports vary there.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from ..errors import EstimatorError
from .summary import UNKNOWN, Tally
from .tokens import script_chars

# The image tools of ChatGPT: DALL·E 3 (2023–25) and the GPT-4o "Images" generator (2025+).
IMAGE_TOOLS = ("dalle.text2im", "t2uay3k.sj1i4kz")
# Reasoning summaries are not resent as history and are not the reply the person reads.
_NOT_HISTORY = ("thoughts", "reasoning_recap")
_REPLY_TYPES = ("text", "multimodal_text")
# A model slug is a short id; anything else (a sentence, a prompt) is not trusted as one.
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+\-/]{0,63}")
# Epoch seconds outside 2015 → 2100 are not real message times (ChatGPT launched in 2022).
_EPOCH_MIN_S, _EPOCH_MAX_S = 1_420_070_400, 4_102_444_800
_NO_CHARS = (0, 0, 0)


class Malformed(EstimatorError):
    """A conversation whose structure is not the vendor's (the reader adds which conversation)."""


@dataclass
class Node:
    node_id: str
    parent_id: str | None
    role: str  # "user", "reply", or "other" (system, tool, tool calls…)
    history_chars: tuple[int, int, int]  # what this message adds to later turns' input
    time_s: float | None
    model: str
    images: tuple[tuple[str, str], ...] = ()  # (dedup key, generator)


def slug(value) -> str | None:
    """A model slug as written in the export, or None when absent or not slug-like."""
    if isinstance(value, str) and _SLUG.fullmatch(value):
        return value
    return None


def epoch_s(value) -> float | None:
    """Epoch seconds from a JSON number, or None when missing or implausible."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    v = float(value)
    if not math.isfinite(v) or not _EPOCH_MIN_S <= v <= _EPOCH_MAX_S:
        return None
    return v


def iso_s(value) -> float | None:
    """Epoch seconds from an ISO-8601 string ('Z' or offset; no offset is read as UTC), or None."""
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return None
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return epoch_s(moment.timestamp())


def _add(a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _chars_of(texts) -> tuple[int, int, int]:
    total = _NO_CHARS
    for t in texts:
        if isinstance(t, str) and t:
            total = _add(total, script_chars(t))
    return total


# ---------------------------------------------------------------------------------------------
# ChatGPT


def _chatgpt_texts(content: dict):
    """The strings a ChatGPT content object carries: parts, text, result, content (section 1.6)."""
    parts = content.get("parts")
    if isinstance(parts, list):
        for p in parts:
            if isinstance(p, str):
                yield p
            elif isinstance(p, dict) and isinstance(p.get("text"), str):
                yield p["text"]  # audio transcriptions and {text: …} parts
    for key in ("text", "result", "content"):
        if isinstance(content.get(key), str):
            yield content[key]


def _generated_images(message: dict, content: dict, author: dict) -> tuple[tuple[str, str], ...]:
    """Image parts of an image tool's message that carry generation metadata (uploads do not)."""
    name = author.get("name")
    if author.get("role") != "tool" or name not in IMAGE_TOOLS:
        return ()
    parts = content.get("parts")
    if content.get("content_type") != "multimodal_text" or not isinstance(parts, list):
        return ()
    found = []
    for p in parts:
        if not isinstance(p, dict) or p.get("content_type") != "image_asset_pointer":
            continue
        meta = p.get("metadata") if isinstance(p.get("metadata"), dict) else {}
        gen = [m for m in (meta.get("dalle"), meta.get("generation")) if isinstance(m, dict)]
        if not gen:
            continue
        gen_id = next((g["gen_id"] for g in gen if isinstance(g.get("gen_id"), str) and g["gen_id"]), None)
        pointer = p.get("asset_pointer") if isinstance(p.get("asset_pointer"), str) else None
        # the GPT-4o tool writes each image twice (visible and hidden copy): dedupe by id
        key = gen_id or pointer or f"{message.get('id')}#{len(found)}"
        found.append((key, name))
    return tuple(found)


def chatgpt_nodes(conv: dict) -> tuple[list[Node], float | None, float | None]:
    """A ChatGPT conversation's mapping as Nodes, its start time and its update time."""
    mapping = conv.get("mapping")
    if not isinstance(mapping, dict):
        raise Malformed("has no message tree ('mapping' is not an object)")
    default_model = slug(conv.get("default_model_slug")) or UNKNOWN
    nodes = []
    for key, node in mapping.items():
        if not isinstance(node, dict):
            raise Malformed("has a message-tree node that is not an object")
        message = node.get("message")
        if message is not None and not isinstance(message, dict):
            raise Malformed("has a message that is not an object")
        parent = node.get("parent")
        parent = parent if isinstance(parent, str) and parent in mapping and parent != key else None
        if message is None:
            nodes.append(Node(key, parent, "other", _NO_CHARS, None, default_model))
            continue
        author = message.get("author") if isinstance(message.get("author"), dict) else {}
        content = message.get("content") if isinstance(message.get("content"), dict) else {}
        meta = message.get("metadata") if isinstance(message.get("metadata"), dict) else {}
        ctype = content.get("content_type")
        role = author.get("role")
        hidden = meta.get("is_visually_hidden_from_conversation") is True
        chars = _NO_CHARS if ctype in _NOT_HISTORY else _chars_of(_chatgpt_texts(content))
        has_object_part = isinstance(content.get("parts"), list) and any(isinstance(p, dict) for p in content["parts"])
        kind = "other"
        if role == "user" and not hidden and (any(chars) or has_object_part):
            kind = "user"
        elif (role == "assistant" and not hidden and ctype in _REPLY_TYPES
              and message.get("recipient") in (None, "all") and any(chars)):
            kind = "reply"
        model = slug(meta.get("model_slug")) or default_model
        nodes.append(Node(key, parent, kind, chars, epoch_s(message.get("create_time")), model,
                          _generated_images(message, content, author)))
    return nodes, epoch_s(conv.get("create_time")), epoch_s(conv.get("update_time"))


# ---------------------------------------------------------------------------------------------
# Claude


def _claude_texts(message: dict):
    """The flattened ``text``, or when it is empty the text, voice-note and tool-result blocks."""
    text = message.get("text")
    if isinstance(text, str) and text:
        yield text
        return
    blocks = message.get("content")
    if not isinstance(blocks, list):
        return
    for b in blocks:
        if not isinstance(b, dict):
            continue
        if b.get("type") in ("text", "voice_note") and isinstance(b.get("text"), str):
            yield b["text"]
        elif b.get("type") == "tool_result" and isinstance(b.get("content"), list):
            for item in b["content"]:
                if isinstance(item, dict) and isinstance(item.get("text"), str):
                    yield item["text"]


def claude_nodes(conv: dict) -> tuple[list[Node], float | None, float | None]:
    """A Claude conversation's messages as Nodes: branches by ``parent_message_uuid``, else in order."""
    messages = conv.get("chat_messages")
    if not isinstance(messages, list):
        raise Malformed("has no message list ('chat_messages' is not a list)")
    if not all(isinstance(m, dict) for m in messages):
        raise Malformed("has a message that is not an object")
    ids: list[str] = []
    known: set[str] = set()
    for i, m in enumerate(messages):
        uuid = m.get("uuid")
        # a missing or repeated uuid gets its position, so two messages never merge into one
        ids.append(uuid if isinstance(uuid, str) and uuid and not uuid.startswith("#") and uuid not in known else f"#{i}")
        known.add(ids[-1])
    nodes = []
    for i, (node_id, m) in enumerate(zip(ids, messages)):
        if "parent_message_uuid" in m:
            parent = m["parent_message_uuid"]
            parent = parent if isinstance(parent, str) and parent in known and parent != node_id else None
        else:  # older exports are flat and linear: the previous message is the parent
            parent = ids[i - 1] if i else None
        sender = m.get("sender").lower() if isinstance(m.get("sender"), str) else ""
        chars = _chars_of(_claude_texts(m))
        kind = "other"
        if sender in ("human", "user") and (any(chars) or m.get("files") or m.get("attachments")):
            kind = "user"
        elif sender == "assistant" and any(chars):
            kind = "reply"
        # the official export records no model: replies are "unknown" (the page lets the person pick)
        nodes.append(Node(node_id, parent, kind, chars, iso_s(m.get("created_at")), UNKNOWN))
    return nodes, iso_s(conv.get("created_at")), iso_s(conv.get("updated_at"))


# ---------------------------------------------------------------------------------------------
# Shared tree walk


def tally_nodes(nodes: list[Node], start_s: float | None, update_s: float | None) -> Tally:
    """Count one conversation; history is summed along each branch, iteratively (no recursion limit)."""
    tally = Tally()
    by_id = {n.node_id: n for n in nodes}
    children: dict[str | None, list[str]] = {}
    for n in nodes:
        children.setdefault(n.parent_id, []).append(n.node_id)
    times = [n.time_s for n in nodes if n.time_s is not None]
    fallback_s = start_s if start_s is not None else (min(times) if times else update_s)
    tally.conversation(fallback_s)
    tally.seen(fallback_s)
    before: dict[str, tuple[int, int, int]] = {}
    images_seen: set[str] = set()
    # roots first; then any node a cycle kept out of reach starts a walk with no history
    for start in [n.node_id for n in nodes if n.parent_id is None] + [n.node_id for n in nodes]:
        if start in before:
            continue
        before[start] = _NO_CHARS
        stack = [start]
        while stack:
            node = by_id[stack.pop()]
            when = node.time_s if node.time_s is not None else fallback_s
            if node.role == "user":
                tally.user_message(when)
            elif node.role == "reply":
                tally.reply(when, node.model, before[node.node_id], node.history_chars)
            for key, generator in node.images:
                if key not in images_seen:
                    images_seen.add(key)
                    tally.image(when, generator)
            after = _add(before[node.node_id], node.history_chars)
            for child in children.get(node.node_id, ()):
                if child not in before:
                    before[child] = after
                    stack.append(child)
    return tally
