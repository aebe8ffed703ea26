"""Reading a chatbot data export: hand-made ChatGPT and Claude files that follow the real structures
(shared/references/chat-exports.md), counts worked out by hand here, bad files refused in one line,
and no message content anywhere in the result.
"""

from __future__ import annotations

import builtins
import copy
import csv
import dataclasses
import io
import json
import logging
import os
import zipfile
from pathlib import Path

import pytest

from estimator.errors import EstimatorError
from estimator.usage import exports, read_export
from estimator.usage.tokens import token_ratios

DATA = Path(__file__).resolve().parent.parent / "data"
T_2024_01 = 1704067200.0  # 2024-01-01 00:00 UTC
T_2024_03 = 1709251200.0  # 2024-03-01 00:00 UTC
T_2025_06 = 1748736000.0  # 2025-06-01 00:00 UTC
SENTINEL = "purple walrus sings at dawn"

# chars per token, central, as data/token_ratios.csv states them (checked by the first test)
LATIN, CJK, OTHER = 4.0, 1.0, 2.0


# ------------------------------------------------------------------------------------------------
# Builders for ChatGPT's tree (section 1 of the reference) and Claude's list (section 2)


def message(role, text="", t=None, model=None, ctype="text", parts=None, recipient="all", name=None,
            hidden=False, **content):
    meta = {}
    if model:
        meta["model_slug"] = model
    if hidden:
        meta["is_visually_hidden_from_conversation"] = True
    body = {"content_type": ctype, **content}
    if ctype in ("text", "multimodal_text"):
        body["parts"] = parts if parts is not None else [text]
    elif text:
        body["text"] = text  # code, execution_output, system_error… carry a text field
    return {"id": "x", "author": {"role": role, "name": name, "metadata": {}}, "create_time": t,
            "update_time": None, "content": body, "status": "finished_successfully", "end_turn": None,
            "weight": 1.0, "metadata": meta, "recipient": recipient, "channel": None}


def tree(*nodes):
    """mapping from (id, parent, message) triples; children lists are filled in from the parents."""
    mapping = {nid: {"id": nid, "parent": parent, "children": [], "message": msg} for nid, parent, msg in nodes}
    for nid, parent, _ in nodes:
        if parent is not None:
            mapping[parent]["children"].append(nid)
    return mapping


def chatgpt(cid, mapping, t=T_2024_01, title="A chat", default_model="gpt-4o", update=None):
    return {"id": cid, "conversation_id": cid, "title": title, "create_time": t,
            "update_time": update if update is not None else t, "mapping": mapping, "current_node": None,
            "default_model_slug": default_model, "is_archived": False, "moderation_results": []}


def image_part(gen_id, pointer, generated=True):
    meta = {"dalle": {"gen_id": gen_id, "prompt": "", "seed": None} if generated else None, "sanitized": not generated}
    return {"content_type": "image_asset_pointer", "asset_pointer": pointer, "size_bytes": 1000,
            "width": 1024, "height": 1024, "metadata": meta}


def as_json(conversations) -> bytes:
    return json.dumps(conversations, ensure_ascii=False).encode("utf-8")


def as_zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def cell(summary, month, model):
    found = [c for c in summary.cells if c.month == month and c.model == model]
    assert len(found) == 1, (month, model, summary.cells)
    return found[0]


def month(summary, name):
    found = [m for m in summary.months if m.month == name]
    assert len(found) == 1, (name, summary.months)
    return found[0]


# ------------------------------------------------------------------------------------------------
# The reference's own skeleton (section 1.11): regeneration, DALL·E 3 call, null root, hidden system


def cat_picture():
    return chatgpt("c-1", tree(
        ("root", None, None),
        ("s-0", "root", message("system", "", None, hidden=True)),
        ("u-1", "s-0", message("user", "Draw a cat on a bike", T_2024_01 + 1)),
        ("a-1b", "u-1", message("assistant", "(an earlier answer the user regenerated)", T_2024_01 + 5, "gpt-4o")),
        ("a-1", "u-1", message("assistant", '{"prompt": "A cat riding a bicycle"}', T_2024_01 + 10, "gpt-4o", ctype="code",
                               language="json", recipient="dalle.text2im")),
        ("t-1", "a-1", message("tool", "", T_2024_01 + 30, ctype="multimodal_text", name="dalle.text2im",
                               parts=[image_part("gen1", "file-service://file-Ab12Cd34")])),
        ("t-2", "t-1", message("tool", "DALL·E displayed 1 images.", T_2024_01 + 30.5, name="dalle.text2im")),
        ("a-3", "t-2", message("assistant", "Here is your cat on a bike!", T_2024_01 + 32, "gpt-4o")),
    ), title="Cat picture")


def test_the_token_ratios_table_states_the_central_ratios_these_tests_use():
    with (DATA / "token_ratios.csv").open(encoding="utf-8") as f:
        rows = {r["script"]: r for r in csv.DictReader(f)}
    assert {s: float(r["chars_per_token_central"]) for s, r in rows.items()} == {"latin": LATIN, "cjk": CJK, "other": OTHER}
    for r in rows.values():
        assert float(r["chars_per_token_low"]) < float(r["chars_per_token_central"]) < float(r["chars_per_token_high"])
        assert r["source_url"].startswith("https://")


def test_the_reference_skeleton_counts_one_message_two_replies_one_image():
    s = read_export(as_json([cat_picture()]))
    # the reference's expected counts: 1 user message; 2 replies with the regenerated sibling
    # (the code call to the image tool is not a reply); 1 generated image; month 2024-01
    assert (s.vendor, s.conversations, s.user_messages, s.replies, s.images) == ("chatgpt", 1, 1, 2, 1)
    assert [m.month for m in s.months] == ["2024-01"]
    assert cell(s, "2024-01", "gpt-4o").replies == 2
    assert cell(s, "2024-01", "dalle.text2im").images == 1
    assert str(s.first_day) == str(s.last_day) == "2024-01-01"


def test_every_reply_counts_earlier_messages_on_its_branch_as_input_in_french_chinese_and_russian():
    conv = chatgpt("c-tok", tree(
        ("root", None, None),
        ("u1", "root", message("user", "Bonjour", T_2024_03 + 1)),          # 7 Latin
        ("a1", "u1", message("assistant", "Salut!", T_2024_03 + 2, "gpt-4o")),  # 6 Latin
        ("u2", "a1", message("user", "你好吗", T_2024_03 + 3)),               # 3 CJK
        ("a2", "u2", message("assistant", "Très bien", T_2024_03 + 4, "gpt-4o")),  # 9 Latin (è is Latin-1)
        ("u3", "a2", message("user", "Привет", T_2024_03 + 5)),              # 6 other (Cyrillic)
        ("a3", "u3", message("assistant", "Hi", T_2024_03 + 6, "gpt-4o")),    # 2 Latin
    ))
    s = read_export(as_json([conv]))
    # input: a1 sees 7 Latin; a2 sees 7+6 Latin and 3 CJK; a3 sees 7+6+9 Latin, 3 CJK, 6 other
    input_central = 7 / LATIN + (13 / LATIN + 3 / CJK) + (22 / LATIN + 3 / CJK + 6 / OTHER)
    output_central = (6 + 9 + 2) / LATIN
    c = cell(s, "2024-03", "gpt-4o")
    assert c.replies == 3 and s.user_messages == 3
    assert c.input_tokens.central == pytest.approx(input_central)
    assert c.output_tokens.central == pytest.approx(output_central)
    assert c.input_tokens.low < c.input_tokens.central < c.input_tokens.high
    assert s.input_tokens == c.input_tokens and s.output_tokens == c.output_tokens


def test_regenerated_answers_and_edited_prompts_each_count_with_their_own_branch_history():
    conv = chatgpt("c-branch", tree(
        ("root", None, None),
        ("u1", "root", message("user", "aaaa", T_2024_01 + 1)),
        ("a1", "u1", message("assistant", "bbbbbbbb", T_2024_01 + 2, "gpt-4o")),
        ("a1r", "u1", message("assistant", "cccc", T_2024_01 + 3, "gpt-4o")),  # regenerated
        ("u1e", "root", message("user", "dddddddd", T_2024_01 + 4)),          # edited prompt
        ("a2", "u1e", message("assistant", "eeee", T_2024_01 + 5, "gpt-4o")),
        ("u2", "a1", message("user", "ffff", T_2024_01 + 6)),
        ("a3", "u2", message("assistant", "gggg", T_2024_01 + 7, "gpt-4o")),
    ))
    s = read_export(as_json([conv]))
    assert (s.user_messages, s.replies) == (3, 4)
    # inputs: a1 4, a1r 4, a2 8, a3 4+8+4 = 16 → 32 Latin chars; outputs 8+4+4+4 = 20
    c = cell(s, "2024-01", "gpt-4o")
    assert c.input_tokens.central == pytest.approx(32 / LATIN)
    assert c.output_tokens.central == pytest.approx(20 / LATIN)


def test_null_system_tool_code_and_reasoning_messages_are_not_messages_or_replies():
    conv = chatgpt("c-tools", tree(
        ("root", None, None),
        ("sys", "root", message("system", "", None, hidden=True)),
        ("u1", "sys", message("user", "plot it", T_2024_01 + 1)),                                # 7
        ("th", "u1", message("assistant", "", T_2024_01 + 2, "o3", ctype="thoughts",
                             thoughts=[{"summary": "s", "content": "thinking hard"}])),
        ("code", "th", message("assistant", "print(1)", T_2024_01 + 3, "o3", ctype="code",  # 8
                               recipient="python")),
        ("out", "code", message("tool", "1", T_2024_01 + 4, ctype="execution_output", name="python")),  # 1
        ("nul", "out", None),
        ("a1", "nul", message("assistant", "Done", T_2024_01 + 5, "o3")),
        ("hid", "a1", message("user", "hidden context", T_2024_01 + 6, hidden=True)),
        ("odd", "hid", message("assistant", "zzz", T_2024_01 + 7, "o3", ctype="some_future_type")),
    ))
    s = read_export(as_json([conv]))
    assert (s.user_messages, s.replies, s.images) == (1, 1, 0)
    # a1's input: "plot it" 7 + code 8 + output 1 (thoughts are not resent)
    assert cell(s, "2024-01", "o3").input_tokens.central == pytest.approx(16 / LATIN)


def test_multimodal_parts_images_and_duplicates_count_as_the_export_records_them():
    conv = chatgpt("c-img", tree(
        ("root", None, None),
        # an upload with text, and an upload alone: both are messages the person sent
        ("u1", "root", message("user", "", T_2025_06 + 1, ctype="multimodal_text",
                               parts=[image_part(None, "sediment://file_up1", generated=False), "what is this?"])),
        ("a1", "u1", message("assistant", "A cat.", T_2025_06 + 2, "gpt-4o")),
        ("u2", "a1", message("user", "", T_2025_06 + 3, ctype="multimodal_text",
                             parts=[image_part(None, "sediment://file_up2", generated=False)])),
        ("call", "u2", message("assistant", "{}", T_2025_06 + 4, "gpt-4o", ctype="code",
                               recipient="t2uay3k.sj1i4kz")),
        # GPT-4o images: visible and hidden copy of one image (same gen_id) → 1
        ("t1", "call", message("tool", "", T_2025_06 + 5, ctype="multimodal_text", name="t2uay3k.sj1i4kz",
                               parts=[image_part("g-4o", "sediment://file_a")])),
        ("t1h", "t1", message("tool", "", T_2025_06 + 5, ctype="multimodal_text", name="t2uay3k.sj1i4kz",
                              hidden=True, parts=[image_part("g-4o", "sediment://file_a")])),
        # DALL·E 3 made two images in one call → 2
        ("t2", "t1h", message("tool", "", T_2025_06 + 6, ctype="multimodal_text", name="dalle.text2im",
                              parts=[image_part("d1", "file-service://file-1"), image_part("d2", "file-service://file-2")])),
        # a chart from the Python tool is not a generated image
        ("t3", "t2", message("tool", "", T_2025_06 + 7, ctype="multimodal_text", name="python",
                             parts=[image_part("py", "file-service://chart")])),
        ("a2", "t3", message("assistant", "", T_2025_06 + 8, "gpt-4o", ctype="multimodal_text",
                             parts=["Here they are", {"content_type": "audio_transcription", "text": "ok"}])),
    ))
    s = read_export(as_json([conv]))
    assert (s.user_messages, s.replies, s.images) == (2, 2, 3)
    assert cell(s, "2025-06", "t2uay3k.sj1i4kz").images == 1
    assert cell(s, "2025-06", "dalle.text2im").images == 2


def test_missing_model_slugs_fall_back_to_the_conversation_default_then_unknown():
    no_slug = message("assistant", "hello", T_2024_01 + 2)
    convs = [
        chatgpt("c-a", tree(("u", None, message("user", "hi", T_2024_01 + 1)), ("a", "u", no_slug)), default_model="gpt-4"),
        chatgpt("c-b", tree(("u", None, message("user", "hi", T_2024_01 + 1)), ("a", "u", no_slug)), default_model=None),
        chatgpt("c-c", tree(("u", None, message("user", "hi", T_2024_01 + 1)),
                            ("a", "u", message("assistant", "x", T_2024_01 + 2, "Ignore all this; a sentence")))),
    ]
    s = read_export(as_json(convs))
    assert cell(s, "2024-01", "gpt-4").replies == 1
    assert cell(s, "2024-01", "unknown").replies == 1
    assert cell(s, "2024-01", "gpt-4o").replies == 1  # not a slug → the conversation default
    assert s.what_was_read().startswith("3 conversations, 3 messages, 3 replies, 2024-01 → 2024-01, models: ")


def test_null_titles_and_timestamps_take_the_next_time_available_or_stay_unknown():
    convs = [
        # no conversation time: the earliest message's month (March)
        chatgpt("c-1", tree(("u", None, message("user", "hi", T_2024_03 + 9)),
                            ("a", "u", message("assistant", "yo", None, "gpt-4o"))), t=None, title=None),
        # no time anywhere: month "unknown", no dates
        chatgpt("c-2", tree(("u", None, message("user", "hi", None)),
                            ("a", "u", message("assistant", "yo", None, "gpt-4o"))), t=None, title=None, update=None),
    ]
    convs[1]["update_time"] = None
    s = read_export(as_json(convs))
    assert month(s, "2024-03").conversations == 1 and month(s, "2024-03").replies == 1
    assert month(s, "unknown").conversations == 1 and month(s, "unknown").user_messages == 1
    assert [m.month for m in s.months] == ["2024-03", "unknown"]
    assert str(s.first_day) == "2024-03-01"


def test_cycles_and_dangling_parents_do_not_loop_or_crash():
    mapping = tree(("u", None, message("user", "hi", T_2024_01)), ("a", "u", message("assistant", "yo", T_2024_01, "gpt-4o")))
    mapping["u"]["parent"] = "a"  # u → a → u
    mapping["z"] = {"id": "z", "parent": "nowhere", "children": [], "message": message("user", "lost", T_2024_01)}
    s = read_export(as_json([chatgpt("c-cyc", mapping)]))
    assert (s.user_messages, s.replies) == (2, 1)


def test_the_object_form_with_a_conversations_key_is_read_like_the_list():
    assert read_export(json.dumps({"conversations": [cat_picture()], "x": {"y": [1]}}).encode()).replies == 2


# ------------------------------------------------------------------------------------------------
# Zips, split files and file objects


def test_the_split_file_zip_reads_every_part_and_keeps_the_newest_copy_of_a_repeated_conversation():
    def one(cid, n_replies, update):
        nodes = [("root", None, None)]
        parent = "root"
        for k in range(n_replies):
            nodes += [(f"u{k}", parent, message("user", "q", T_2024_01 + k)),
                      (f"a{k}", f"u{k}", message("assistant", "r", T_2024_01 + k, "gpt-5"))]
            parent = f"a{k}"
        return chatgpt(cid, tree(*nodes), update=update)

    blob = as_zip({
        "conversations-000.json": as_json([one("c1", 1, T_2024_01), one("c2", 2, T_2024_01)]),
        "conversations-001.json": as_json([one("c3", 3, T_2024_01), one("c2", 4, T_2024_01 + 60)]),  # newer c2
        "conversations.json.index": b"{}",
        "user.json": json.dumps({"email": SENTINEL}).encode(),
        "dalle-generations/file-1.webp": b"\x00" * 100,
        "chat.html": b"<html></html>",
    })
    s = read_export(blob)
    assert s.files_read == 2
    assert (s.conversations, s.replies) == (3, 1 + 3 + 4)
    assert SENTINEL not in repr(s)


def test_a_zip_nested_one_folder_deep_and_a_claude_zip_are_read():
    nested = as_zip({"export/conversations.json": as_json([cat_picture()]), "export/deeper/conversations.json": b"[]"})
    assert read_export(nested).replies == 2
    claude_zip = as_zip({"conversations.json": as_json([claude_chat()]), "users.json": b"[]", "projects.json": b"[]"})
    assert read_export(claude_zip).vendor == "claude"


def test_a_binary_file_object_seekable_or_not_gives_the_same_summary_as_bytes():
    data = as_json([cat_picture(), claude_free_chatgpt()])

    class Pipe(io.RawIOBase):  # a stream that cannot seek, as a socket or pipe would be
        def __init__(self):
            self._inner = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, b):
            chunk = self._inner.read(min(len(b), 7))
            b[: len(chunk)] = chunk
            return len(chunk)

    assert read_export(io.BytesIO(data)) == read_export(data) == read_export(io.BufferedReader(Pipe()))


def claude_free_chatgpt():
    return chatgpt("c-extra", tree(("u", None, message("user", "一二三四", T_2024_03)),
                                   ("a", "u", message("assistant", "五六", T_2024_03 + 1, "gpt-4o"))))


# ------------------------------------------------------------------------------------------------
# Claude


def claude_message(uid, sender, text, when, parent=..., blocks=None):
    m = {"uuid": uid, "sender": sender, "text": text, "content": blocks if blocks is not None else [{"type": "text", "text": text}],
         "created_at": when, "updated_at": when, "attachments": [], "files": []}
    if parent is not ...:
        m["parent_message_uuid"] = parent
    return m


def claude_chat(uid="conv-1", messages=None, created="2025-03-02T09:15:04.120000Z"):
    if messages is None:
        messages = [
            claude_message("m-1", "human", "Ideas for Lisbon?", "2025-03-02T09:15:04.120000Z",
                           parent="00000000-0000-4000-8000-000000000000"),
            claude_message("m-2", "assistant", "", "2025-03-02T09:15:20.500000Z", parent="m-1",
                           blocks=[{"type": "thinking", "thinking": "long private thoughts"},
                                   {"type": "text", "text": "Day 1: Alfama"}]),
        ]
    return {"uuid": uid, "name": "", "summary": "", "created_at": created, "updated_at": created,
            "account": {"uuid": "acct-1"}, "chat_messages": messages}


def test_a_claude_export_counts_block_only_replies_and_retries_with_model_unknown():
    retry = claude_chat("conv-2", [
        claude_message("r-1", "Human", "Bonjour", "2025-04-01T10:00:00Z", parent="root-x"),       # 7
        claude_message("r-2", "assistant", "Salut", "2025-04-01T10:00:05Z", parent="r-1"),         # 5
        claude_message("r-3", "assistant", "Coucou", "2025-04-01T10:00:09Z", parent="r-1"),        # retry, 6
        claude_message("r-4", "human", "你好", "2025-04-01T10:01:00+00:00", parent="r-3"),          # 2 CJK
        claude_message("r-5", "assistant", "Hi", "2025-04-01T10:01:30", parent="r-4"),             # no offset: UTC
    ])
    linear = claude_chat("conv-3", [  # older flat export: no parent_message_uuid at all
        claude_message("l-1", "human", "aaaa", "2025-05-01T00:00:00Z"),
        claude_message("l-2", "assistant", "bbbb", "2025-05-01T00:00:01Z"),
        claude_message("l-3", "human", "cccc", "2025-05-01T00:00:02Z"),
        claude_message("l-4", "assistant", "dddd", "2025-05-01T00:00:03Z"),
    ])
    s = read_export(as_json([claude_chat(), retry, linear]))
    assert (s.vendor, s.conversations, s.user_messages, s.replies, s.images) == ("claude", 3, 1 + 2 + 2, 1 + 3 + 2, 0)
    assert {c.model for c in s.cells} == {"unknown"}
    assert s.what_was_read() == ("3 conversations, 5 messages, 6 replies, 2025-03 → 2025-05, "
                                 "models: not recorded in Claude exports")
    april = cell(s, "2025-04", "unknown")
    # r-2 and r-3 see "Bonjour" (7 each); r-5 sees 7 + 6 Latin and 2 CJK
    assert april.input_tokens.central == pytest.approx((7 + 7 + 13) / LATIN + 2 / CJK)
    assert april.output_tokens.central == pytest.approx((5 + 6 + 2) / LATIN)
    may = cell(s, "2025-05", "unknown")
    assert may.input_tokens.central == pytest.approx((4 + 12) / LATIN)  # l-2 sees 4; l-4 sees 12
    march = cell(s, "2025-03", "unknown")
    assert march.output_tokens.central == pytest.approx(len("Day 1: Alfama") / LATIN)  # thinking not counted


# ------------------------------------------------------------------------------------------------
# Scale: doubling


def mixed_chatgpt_export():
    return [cat_picture(), claude_free_chatgpt(),
            chatgpt("c-fr", tree(("u", None, message("user", "Écris un poème", T_2025_06)),
                                 ("a", "u", message("assistant", "Les feuilles tombent", T_2025_06 + 1, "gpt-5"))))]


def test_doubling_every_conversation_doubles_every_count_and_token():
    once = mixed_chatgpt_export()
    twice = once + [dict(copy.deepcopy(c), id=c["id"] + "-copy", conversation_id=c["id"] + "-copy") for c in once]
    a, b = read_export(as_json(once)), read_export(as_json(twice))
    for name in ("conversations", "user_messages", "replies", "images"):
        assert getattr(b, name) == 2 * getattr(a, name), name
    assert [(c.month, c.model) for c in a.cells] == [(c.month, c.model) for c in b.cells]
    for ca, cb in zip(a.cells, b.cells):
        assert (cb.replies, cb.images) == (2 * ca.replies, 2 * ca.images)
        for which in ("input_tokens", "output_tokens"):
            ta, tb = getattr(ca, which), getattr(cb, which)
            assert (tb.low, tb.central, tb.high) == (2 * ta.low, 2 * ta.central, 2 * ta.high)
    assert (a.first_day, a.last_day) == (b.first_day, b.last_day)


# ------------------------------------------------------------------------------------------------
# Bad files: one line, an EstimatorError, no partial total


def _deep_inside():
    inner = "[" * 200 + "]" * 200
    return ('[{"mapping": {"a": {"message": {"content": ' + inner + '}}}}]').encode()


def _lying_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("conversations.json", as_json([cat_picture()] * 20))
        z.filelist[0].file_size = 100  # the directory says 100 bytes; the data inflates to far more
    return buf.getvalue()


def _password_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("conversations.json", b"[]")
        z.filelist[0].flag_bits |= 0x1  # marked encrypted in the directory, as a password zip is
    return buf.getvalue()


VALID = as_json([cat_picture(), claude_free_chatgpt()])

MALFORMED = [
    ("empty file", lambda: b"", "empty"),
    ("only white space", lambda: b"  \n\t ", "empty"),
    ("not JSON", lambda: f"{SENTINEL}, dear diary".encode(), "not JSON"),
    ("a lone bracket", lambda: b"[", "ends in the middle"),
    ("truncated export", lambda: VALID[: len(VALID) // 2], "ends in the middle"),
    ("truncated inside a string", lambda: as_json([chatgpt("c", tree(("u", None, message("user", SENTINEL))))])[:-40], "ends in the middle"),
    ("bad JSON syntax", lambda: b'[{"mapping": {,}}]', "not valid JSON"),
    ("NaN", lambda: b"[NaN]", "not valid JSON"),
    ("a 5,000-digit number", lambda: b'[{"mapping": {}, "x": ' + b"7" * 5000 + b"}]", "not valid JSON"),
    ("an infinite number", lambda: b'[{"mapping": {}, "create_time": 1e999}]', "not valid JSON"),
    ("two arrays one after the other", lambda: VALID + VALID, "not valid JSON"),
    ("trailing text", lambda: VALID + f" {SENTINEL}".encode(), "not valid JSON"),
    ("empty list", lambda: b"[]", "no conversations"),
    ("a JSON object", lambda: b'{"name": "x"}', "not a list of conversations"),
    ("conversations key not a list", lambda: b'{"conversations": 5}', "not a list of conversations"),
    ("a list of numbers", lambda: b"[1, 2, 3]", "not a JSON object"),
    ("Gemini activity", lambda: b'[{"header": "Gemini Apps", "title": "Prompted hi", "time": "2025-09-14T08:03:11Z"}]', "Gemini"),
    ("unknown JSON list", lambda: b'[{"foo": 1}]', "not a ChatGPT or Claude"),
    ("ChatGPT then Claude", lambda: as_json([cat_picture(), claude_chat()]), "another chatbot"),
    ("mapping is a list", lambda: as_json([{"id": "c", "mapping": []}]), "mapping"),
    ("node is a string", lambda: as_json([{"id": "c", "mapping": {"a": "oops"}}]), "node"),
    ("message is a number", lambda: as_json([{"id": "c", "mapping": {"a": {"message": 5}}}]), "message"),
    ("chat_messages is an object", lambda: as_json([{"uuid": "c", "chat_messages": {}}]), "chat_messages"),
    ("a Claude message is a string", lambda: as_json([{"uuid": "c", "chat_messages": [SENTINEL]}]), "message"),
    ("deep nesting", lambda: b"[" * 100_000, "nests deeper"),
    ("deep nesting inside a conversation", _deep_inside, "nests deeper"),
    ("invalid UTF-8", lambda: b'[{"mapping": {"a": {"message": {"id": "\xff\xfe"}}}}]', "not valid JSON"),
    ("UTF-16 text", lambda: VALID.decode().encode("utf-16"), "not JSON"),
    ("gzip", lambda: b"\x1f\x8b\x08\x00" + b"\x00" * 20, "gzip"),
    ("zip without conversations", lambda: as_zip({"user.json": b"{}", "chat.html": b"<html>"}), "no conversations.json"),
    ("zip inside a zip", lambda: as_zip({"export.zip": as_zip({"conversations.json": VALID})}), "zips inside zips"),
    ("zip named as JSON", lambda: as_zip({"conversations.json": as_zip({"a": b"b"})}), "zips inside zips"),
    ("truncated zip", lambda: as_zip({"conversations.json": VALID})[:200], "damaged"),
    ("zip whose declared size lies", _lying_zip, "damaged"),
    ("password zip", _password_zip, "password"),
    ("empty zip", lambda: as_zip({}), "no conversations.json"),
    ("a str, not bytes", lambda: VALID.decode(), "cannot read an export from a str"),
    ("a text-mode file", lambda: io.StringIO(VALID.decode()), "not a binary file"),
]


@pytest.mark.parametrize("name,make,expected", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_bad_file_gives_one_clear_line_and_no_total(name, make, expected):
    with pytest.raises(EstimatorError) as caught:
        read_export(make())
    text = str(caught.value)
    assert expected in text
    assert "\n" not in text and len(text) < 250
    assert SENTINEL not in text and "Traceback" not in text


def test_at_least_twenty_bad_files_are_in_the_table():
    assert len(MALFORMED) >= 20


def test_a_file_or_zip_entry_over_the_stated_limit_is_refused_before_any_total(monkeypatch):
    monkeypatch.setattr(exports, "MAX_EXPORT_BYTES", 100_000)
    huge_string = as_json([chatgpt("c", tree(("u", None, message("user", "x" * 200_000, T_2024_01))))])
    bomb = as_zip({"conversations.json": b"[" + b" " * 5_000_000 + b"]"})  # 5 MB of spaces, a few kB zipped
    assert len(bomb) < 100_000
    for blob in (huge_string, bomb, io.BytesIO(huge_string)):
        with pytest.raises(EstimatorError, match="larger than the"):
            read_export(blob)


def test_a_zip_with_too_many_entries_is_refused(monkeypatch):
    monkeypatch.setattr(exports, "MAX_ZIP_ENTRIES", 5)
    blob = as_zip({f"file-{i}.png": b"" for i in range(6)} | {"conversations.json": VALID})
    with pytest.raises(EstimatorError, match="entries"):
        read_export(blob)


def test_a_huge_string_under_the_limit_is_simply_measured():
    s = read_export(as_json([chatgpt("c", tree(("u", None, message("user", "x" * 3_000_000, T_2024_01))))]))
    assert s.user_messages == 1


# ------------------------------------------------------------------------------------------------
# Privacy


def _sentinel_export():
    return [
        chatgpt("c-s", tree(
            ("root", None, None),
            ("u", "root", message("user", f"Remember: {SENTINEL}", T_2024_01)),
            ("a", "u", message("assistant", f"I will remember that {SENTINEL}.", T_2024_01 + 1, SENTINEL)),
            ("t", "a", message("tool", SENTINEL, T_2024_01 + 2, ctype="multimodal_text", name=SENTINEL,
                               parts=[image_part(SENTINEL, SENTINEL), SENTINEL])),
        ), title=SENTINEL, default_model=SENTINEL),
    ]


def _all_text(value) -> str:
    """repr of the value and of every field, recursively (dataclasses, tuples)."""
    out = [repr(value), str(value)]
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            out.append(_all_text(getattr(value, f.name)))
    elif isinstance(value, (tuple, list)):
        out.extend(_all_text(v) for v in value)
    return "\n".join(out)


def test_the_sentinel_phrase_never_reaches_the_result_its_line_the_logs_or_any_error(caplog, capsys):
    caplog.set_level(logging.DEBUG)
    blob = as_json(_sentinel_export())
    s = read_export(blob)
    assert s.replies == 1 and {c.model for c in s.cells} == {"unknown"}
    assert SENTINEL not in _all_text(s) + s.what_was_read()
    claude = as_json([claude_chat("c", [claude_message("m", "human", SENTINEL, "2025-01-01T00:00:00Z")])])
    assert SENTINEL not in _all_text(read_export(as_zip({"conversations.json": claude})))
    messages = []
    for cut in range(1, len(blob), max(1, len(blob) // 60)):  # truncated everywhere, incl. inside the phrase
        with pytest.raises(EstimatorError) as caught:
            read_export(blob[:cut])
        messages.append(str(caught.value))
    assert messages and not any(SENTINEL in m for m in messages)
    out, err = capsys.readouterr()
    assert SENTINEL not in out + err + caplog.text


def test_reading_an_export_opens_no_file(monkeypatch):
    token_ratios()  # the data table is read once, before; the export itself must not touch the disk

    def refuse(*args, **kwargs):
        raise AssertionError("read_export opened a file")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    monkeypatch.setattr(os, "open", refuse)
    assert read_export(as_zip({"conversations.json": VALID})).replies == 3


def test_a_zip_file_object_that_cannot_seek_reads_like_one_that_can():
    blob = as_zip({"conversations.json": VALID})

    class Pipe(io.RawIOBase):
        def __init__(self):
            self._inner = io.BytesIO(blob)

        def readable(self):
            return True

        def readinto(self, b):
            chunk = self._inner.read(min(len(b), 1000))
            b[: len(chunk)] = chunk
            return len(chunk)

    assert read_export(io.BufferedReader(Pipe())) == read_export(io.BytesIO(blob)) == read_export(VALID)


def test_the_usage_package_imports_no_logging_temp_files_printing_or_app_code():
    import ast

    package = Path(__file__).resolve().parent.parent / "estimator" / "usage"
    for path in package.glob("*.py"):
        tree_ = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree_):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in {"logging", "tempfile", "streamlit", "pages", "shutil"}, (path.name, name)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"print", "open"}, (path.name, node.func.id)


@pytest.mark.parametrize("change,expected", [
    (lambda t: t.replace("latin,3.0,4.0,5.0", "latin,4.5,4.0,5.0", 1), "low ≤ central ≤ high"),
    (lambda t: t.replace("cjk,0.67,1.0,1.25", "cjk,0.67,0,1.25", 1), "greater than 0"),
    (lambda t: "\n".join(line for line in t.splitlines() if not line.startswith("other,")) + "\n", "no row for other"),
    (lambda t: t.replace("latin,", "greek,", 1), "not one of"),
])
def test_a_broken_token_ratio_table_stops_with_the_file_row_and_column(tmp_path, change, expected):
    from estimator.errors import DataError

    from tests.data_folder import data_with
    text = (DATA / "token_ratios.csv").read_text(encoding="utf-8")
    with pytest.raises(DataError) as caught:
        token_ratios(data_with(tmp_path, "token_ratios.csv", change(text)))
    assert "token_ratios.csv" in str(caught.value) and expected in str(caught.value)


def test_random_byte_damage_to_an_export_or_its_zip_never_raises_anything_but_one_line():
    import random

    rng = random.Random(20261201)
    sources = [as_json(_sentinel_export() + mixed_chatgpt_export()), as_json([claude_chat()]),
               as_zip({"conversations.json": as_json(mixed_chatgpt_export())})]
    for _ in range(400):
        blob = bytearray(rng.choice(sources))
        for _ in range(rng.randint(1, 4)):
            blob[rng.randrange(len(blob))] = rng.choice(b'[]{}",:0\x00\xff ')
        try:
            s = read_export(bytes(blob))
        except EstimatorError as exc:
            assert "\n" not in str(exc) and SENTINEL not in str(exc)
        else:
            assert SENTINEL not in _all_text(s)
