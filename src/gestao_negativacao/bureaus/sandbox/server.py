"""The sandbox's HTTP server: one path prefix per integrator, ``/_sandbox/state`` and
``/_sandbox/reset`` for tests, latency and faults on request.

A threaded HTTP/1.1 server with keep-alive from the standard library: enough for the
loopback load the benchmarks put on it (the figure is in the README), and nothing to install.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from gestao_negativacao.bureaus.sandbox.faults import FaultPlan
from gestao_negativacao.bureaus.sandbox.spc_brasil import SpcBrasilSandbox, fault_body
from gestao_negativacao.bureaus.sandbox.state import SandboxState

DEFAULT_PORT = 8765
SANDBOX_PASSWORD = "sandbox"  # every operator's secret at the sandbox
SPC_PREFIX = "/spc/"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass  # quiet: a benchmark sends thousands of requests

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, document: object) -> None:
        self._send(status, json.dumps(document).encode("utf-8"), "application/json")

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _password_ok(self) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return bool(user) and password == self.server.password

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/_sandbox/state":
            self._json(200, self.server.state.as_json())
        else:
            self._json(404, {"erro": f"caminho desconhecido: {self.path}"})

    def do_POST(self) -> None:  # noqa: N802
        body = self._body()
        if self.path == "/_sandbox/reset":
            self.server.state.reset()
            self._json(200, {"ok": True})
            return
        if not self.path.startswith(SPC_PREFIX):
            self._json(404, {"erro": f"caminho desconhecido: {self.path}"})
            return
        if self.server.latency:
            time.sleep(self.server.latency)
        fault = self.server.faults.draw()
        if fault == "http500":
            self._send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
            return
        if fault == "auth" or not self._password_ok():
            self._send(401, fault_body("AUTH001", "Operador ou senha inválidos"), "text/xml")
            return
        status, answer = self.server.spc.handle(body)
        if fault == "timeout":  # the work is done; the answer never arrives
            time.sleep(self.server.timeout_hold)
            self.close_connection = True
            return
        if fault == "malformed":
            answer = answer[: max(1, len(answer) // 3)]
        self._send(status, answer, "text/xml;charset=UTF-8")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, address, state, faults, latency, password, timeout_hold, today) -> None:
        super().__init__(address, _Handler)
        self.state = state
        self.faults = faults
        self.latency = latency
        self.password = password
        self.timeout_hold = timeout_hold
        self.spc = SpcBrasilSandbox(state, today)


class SandboxServer:
    """Start with ``start()`` (a background thread) or ``serve_forever()``; ``url`` is the
    base every integration of the sandbox points at."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        *,
        latency_ms: float = 0,
        faults: FaultPlan | None = None,
        password: str = SANDBOX_PASSWORD,
        timeout_hold: float = 2.0,
        today: date | None = None,
    ) -> None:
        self.state = SandboxState()
        self._server = _Server(
            (host, port),
            self.state,
            faults or FaultPlan(),
            latency_ms / 1000,
            password,
            timeout_hold,
            today,
        )
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def spc_url(self) -> str:
        return f"{self.url}/spc/remoting/ws/insumo/spc/spcWebService"

    def start(self) -> SandboxServer:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


@contextmanager
def running_sandbox(**kwargs) -> Iterator[SandboxServer]:
    """A sandbox on a free loopback port for the duration of the block."""
    kwargs.setdefault("port", 0)
    server = SandboxServer(**kwargs).start()
    try:
        yield server
    finally:
        server.stop()
