"""A real HTTP server on 127.0.0.1 that replays recorded provider responses and serves faults.

Paths: ``/<mode>/<provider path>``. ``mode`` is ``ok`` (recorded responses, timestamps moved to
now), ``stale`` (recorded responses with their original, old timestamps) or a fault name from
FAULTS. Every request is recorded (path, query, headers) so tests can check what was sent.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FAULTS = ("slow", "http500", "http503", "http429", "http401", "truncated", "malformed", "wrongshape", "empty",
          "negative", "huge", "stale")


def _load(name: str) -> object:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _shift_times(body: object, now: dt.datetime) -> object:
    """Move every timestamp so the earliest one is the current half hour (keeps spacing)."""
    stamps = []

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if k in ("from", "to", "datetime") and isinstance(v, str):
                    stamps.append(dt.datetime.fromisoformat(v.replace("Z", "+00:00")))
                else:
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(body)
    if not stamps:
        return body
    start = now.replace(minute=30 if now.minute >= 30 else 0, second=0, microsecond=0)
    delta = start - min(stamps)

    def move(x):
        if isinstance(x, dict):
            return {k: ((dt.datetime.fromisoformat(v.replace("Z", "+00:00")) + delta).strftime("%Y-%m-%dT%H:%MZ")
                        if k in ("from", "to", "datetime") and isinstance(v, str) else move(v)) for k, v in x.items()}
        if isinstance(x, list):
            return [move(v) for v in x]
        return x

    return move(body)


def recorded(provider_path: str) -> object | None:
    if provider_path == "/intensity":
        return _load("uk-carbonintensity_GET_intensity.json")
    if provider_path.startswith("/intensity/") and provider_path.endswith("/fw48h"):
        return _load("uk-carbonintensity_GET_intensity_from_fw48h.json")
    if provider_path.startswith("/regional/regionid/"):
        return _load("uk-carbonintensity_GET_regional_regionid_3.json")
    if provider_path.startswith("/regional/intensity/"):
        return _load("uk-carbonintensity_GET_intensity_from_fw48h.json")
    if provider_path == "/carbon-intensity/latest":
        return _load("electricitymaps_v3_GET_carbon-intensity_latest.json")
    if provider_path == "/carbon-intensity/forecast":
        return _load("electricitymaps_v3_GET_carbon-intensity_forecast.json")
    return None


def _set_value(body: object, value: float) -> object:
    if isinstance(body, dict):
        return {k: (value if k in ("actual", "forecast", "carbonIntensity") and not isinstance(v, (list, dict))
                     else _set_value(v, value)) for k, v in body.items()}
    if isinstance(body, list):
        return [_set_value(v, value) for v in body]
    return body


class FakeProviders:
    def __init__(self, slow_s: float = 5.0):
        self.requests: list[dict] = []
        self.slow_s = slow_s
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                outer.requests.append({"path": parts.path, "query": parts.query, "headers": dict(self.headers)})
                mode, _, rest = parts.path.lstrip("/").partition("/")
                provider_path = "/" + rest
                body = recorded(provider_path)
                if body is None:
                    return self._send(404, b'{"error": {"code": "404", "message": "not found"}}')
                now = dt.datetime.now(dt.timezone.utc)
                if mode == "slow":
                    time.sleep(outer.slow_s)
                if mode in ("ok", "slow"):
                    return self._json(_shift_times(body, now))
                if mode == "stale":
                    return self._json(body)
                if mode == "http500":
                    return self._send(500, b'{"error": "internal"}')
                if mode == "http503":
                    return self._send(503, b'{"error": "unavailable"}')
                if mode == "http429":
                    return self._send(429, b'{"error": "rate limited"}', {"Retry-After": "30"})
                if mode == "http401":
                    return self._send(401, b'{"error": "invalid auth-token"}')
                if mode == "truncated":
                    return self._send(200, json.dumps(_shift_times(body, now)).encode()[:25])
                if mode == "malformed":
                    return self._send(200, b"<html>Service temporarily down</html>")
                if mode == "wrongshape":
                    return self._json({"results": [{"value": 250}], "status": "ok"})
                if mode == "empty":
                    if provider_path == "/carbon-intensity/latest":
                        return self._json({"zone": "DE", "carbonIntensity": None})
                    return self._json({"data": []} if "carbon-intensity" not in provider_path else {"forecast": [], "zone": "DE"})
                if mode == "negative":
                    return self._json(_set_value(_shift_times(body, now), -5))
                if mode == "huge":
                    return self._json(_set_value(_shift_times(body, now), 90000))
                return self._send(404, b"{}")

            def _json(self, body):
                self._send(200, json.dumps(body).encode())

            def _send(self, code, payload, headers=None):
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    for k, v in (headers or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, mode: str) -> str:
        return f"http://127.0.0.1:{self.port}/{mode}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens."""
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}"
