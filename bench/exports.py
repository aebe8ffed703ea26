"""Parse speed and peak memory of the chatbot-export reader (`make bench-exports`).

Builds synthetic ChatGPT exports of about 5, 50 and 200 MB (conversations.json with message trees,
a regenerated reply per conversation, French and Chinese text, a DALL·E image every tenth
conversation) in a temporary folder that is deleted afterwards, then reads each one (and the 50 MB
one zipped) in a fresh Python process, so peak RSS is that read's alone, and prints seconds and
peak RSS. The synthetic text repeats, so its zip is far smaller than a real export's.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES_MB = (5, 50, 200)
ZIPPED_MB = 50  # also read from a zip, as downloaded
_T0 = 1_700_000_000.0  # 2023-11-14, epoch seconds

_TEXTS = (
    "Can you explain how a heat pump works, in plain words, for a class of twelve-year-olds? ",
    "Peux-tu résumer ce rapport sur la rénovation énergétique des écoles en cinq points ? ",
    "请用简单的语言解释一下光合作用是如何进行的。",
)


def _message(node_id: str, role: str, text: str, t: float, model: str | None = None, parts=None,
             ctype: str = "text", recipient: str = "all", name: str | None = None) -> dict:
    return {"id": node_id, "author": {"role": role, "name": name, "metadata": {}}, "create_time": t,
            "update_time": None, "content": {"content_type": ctype, "parts": parts if parts is not None else [text]},
            "status": "finished_successfully", "end_turn": role == "assistant", "weight": 1.0,
            "metadata": {"model_slug": model} if model else {}, "recipient": recipient, "channel": None}


def synthetic_conversation(i: int, turns: int = 6) -> dict:
    """One ChatGPT conversation: a null root, a hidden system node, `turns` question/answer pairs,
    a regenerated sibling on the first answer, and every tenth conversation one generated image."""
    t = _T0 + i * 3600.0
    mapping = {"root": {"id": "root", "parent": None, "children": ["sys"], "message": None},
               "sys": {"id": "sys", "parent": "root", "children": [], "message": _message("sys", "system", "", t)}}
    parent = "sys"
    for k in range(turns):
        text = _TEXTS[(i + k) % 3] * 3
        u, a = f"u{k}", f"a{k}"
        mapping[parent]["children"].append(u)
        mapping[u] = {"id": u, "parent": parent, "children": [a],
                      "message": _message(u, "user", text, t + 10 * k)}
        mapping[a] = {"id": a, "parent": u, "children": [],
                      "message": _message(a, "assistant", text * 4, t + 10 * k + 5, "gpt-4o")}
        if k == 0:
            mapping[u]["children"].append("a0b")
            mapping["a0b"] = {"id": "a0b", "parent": u, "children": [],
                              "message": _message("a0b", "assistant", text * 3, t + 4, "gpt-4o-mini")}
        parent = a
    if i % 10 == 0:
        part = {"content_type": "image_asset_pointer", "asset_pointer": f"file-service://file-{i}",
                "metadata": {"dalle": {"gen_id": f"g{i}", "prompt": ""}, "generation": None}}
        mapping[parent]["children"].append("img")
        mapping["img"] = {"id": "img", "parent": parent, "children": [],
                          "message": _message("img", "tool", "", t + 99, parts=[part], ctype="multimodal_text",
                                              name="dalle.text2im")}
    return {"id": f"c{i}", "conversation_id": f"c{i}", "title": None if i % 7 == 0 else f"chat {i}",
            "create_time": t, "update_time": t + 100, "current_node": parent,
            "default_model_slug": "gpt-4o", "mapping": mapping}


def write_export(path: Path, size_mb: float) -> int:
    """Write conversations.json of about `size_mb` MB one conversation at a time; returns the count."""
    target = int(size_mb * 1024 * 1024)
    written = count = 0
    with path.open("wb") as f:
        f.write(b"[")
        while written < target:
            chunk = (b"," if count else b"") + json.dumps(synthetic_conversation(count), ensure_ascii=False).encode()
            f.write(chunk)
            written += len(chunk)
            count += 1
        f.write(b"]")
    return count


def _read_one(path: str) -> None:
    """Child process: read the file as an upload would be read, print seconds, peak RSS and the line."""
    sys.path.insert(0, str(ROOT))
    from estimator.usage import read_export

    start = time.perf_counter()
    with open(path, "rb") as f:
        summary = read_export(f)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_mb, "read": summary.what_was_read()}))


def main() -> None:
    from estimator.usage import MAX_EXPORT_BYTES

    print(f"Reading synthetic ChatGPT exports (upload limit {MAX_EXPORT_BYTES // 2**20} MB; each read in a fresh process)")
    print(f"{'size MB':>8} {'conversations':>14} {'seconds':>8} {'MB/s':>6} {'peak RSS MB':>12}")
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES_MB:
            path = Path(folder) / "conversations.json"
            count = write_export(path, size)
            real_mb = path.stat().st_size / 2**20
            out = subprocess.run([sys.executable, __file__, "--read", str(path)], capture_output=True, text=True,
                                 check=True, cwd=ROOT)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{real_mb:8.1f} {count:14,} {result['seconds']:8.2f} {real_mb / result['seconds']:6.1f} "
                  f"{result['peak_rss_mb']:12.0f}")
            print(f"{'':8} {result['read']}")
            if size == ZIPPED_MB:  # the same export as ChatGPT delivers it: zipped, read from the zip
                zipped = Path(folder) / "export.zip"
                with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as z:
                    z.write(path, "conversations.json")
                out = subprocess.run([sys.executable, __file__, "--read", str(zipped)], capture_output=True,
                                     text=True, check=True, cwd=ROOT)
                result = json.loads(out.stdout.strip().splitlines()[-1])
                print(f"{'(zip)':>8} {count:14,} {result['seconds']:8.2f} {real_mb / result['seconds']:6.1f} "
                      f"{result['peak_rss_mb']:12.0f}   ({zipped.stat().st_size / 2**20:.1f} MB zipped)")
                os.remove(zipped)
            os.remove(path)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--read":
        _read_one(sys.argv[2])
    else:
        sys.path.insert(0, str(ROOT))
        main()
