"""A loopback HTTP server that answers with fixed bodies, shaped as the real services answer
(taken from what public clients parse): for answers the sandbox, written by the same hands
as the adapters, must not be the only judge of — a success without its success text, an
answer whose data are attributes, a fault code the sandbox never sends, a wrong route."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Canned:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/xml; charset=utf-8"
    requests: list[tuple[str, str, bytes]] = field(default_factory=list)  # method, path, body

    def answer(self, status: int, body: str | bytes, content_type: str | None = None) -> None:
        self.status = status
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        if content_type:
            self.content_type = content_type


@contextmanager
def canned_bureau() -> Iterator[tuple[str, Canned]]:
    """(base URL, the answer to give) for the duration of the block."""
    canned = Canned()

    class Handler(BaseHTTPRequestHandler):
        def _reply(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            canned.requests.append((self.command, self.path, self.rfile.read(length)))
            self.send_response(canned.status)
            self.send_header("Content-Type", canned.content_type)
            self.send_header("Content-Length", str(len(canned.body)))
            self.end_headers()
            self.wfile.write(canned.body)

        do_GET = do_POST = _reply

        def log_message(self, *args) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", canned
    finally:
        server.shutdown()
        server.server_close()


SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"


def soap_body(inner: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="{SOAP_ENV}"><S:Body>'
        f"{inner}</S:Body></S:Envelope>"
    )


def soap_fault(code: str, message: str) -> str:
    return soap_body(
        f"<S:Fault><faultcode>S:{code}</faultcode><faultstring>{message}</faultstring></S:Fault>"
    )
