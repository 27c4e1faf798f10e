"""The sandbox's HTTP server: one path prefix per integrator, ``/_sandbox/state`` and
``/_sandbox/reset`` for tests, latency and faults on request.

aiohttp on an asyncio loop: thousands of requests a second on loopback, so the sandbox is
never what limits a benchmark (the measured figure is in the README). Tests run it on a
background thread with ``running_sandbox()``.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from aiohttp import web

from gestao_negativacao.bureaus.sandbox.boa_vista import (
    BoaVistaSandbox,
    csr60_chunks,
    serve_csr60_connection,
)
from gestao_negativacao.bureaus.sandbox.credito_na_medida import CreditoNaMedidaSandbox
from gestao_negativacao.bureaus.sandbox.faults import FaultPlan
from gestao_negativacao.bureaus.sandbox.soa_serasa import SoaSerasaSandbox
from gestao_negativacao.bureaus.sandbox.spc_brasil import SpcBrasilSandbox, fault_body
from gestao_negativacao.bureaus.sandbox.state import SandboxState

DEFAULT_PORT = 8765
SANDBOX_PASSWORD = "sandbox"  # every operator's secret at the sandbox
SPC_PATH = "/spc/remoting/ws/insumo/spc/spcWebService"
SPC_CREDIT_PATH = "/spc/remoting/ws/consulta/consultaWebService"
CNM_PREFIX = "/cnm"
SOA_PATH = "/soa/webservices/serasa/negativacao.asmx"
SOA_CREDIT_PATH = "/soa/webservices/serasa/concentre.asmx"
BOA_VISTA_PATH = "/boavista/registro.asmx"
CSR60_HTTP_PATH = "/boavista/csr60"
XML = "text/xml"


class SandboxServer:
    """``start()`` runs it on a background thread, ``serve_forever()`` in the foreground;
    ``url`` is the base every integration of the sandbox points at."""

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
        process_after: float | None = 5.0,
        csr60_port: int | None = None,
    ) -> None:
        """``process_after``: seconds after which the queuing bureaus (SOA, Boa Vista's
        distributor, Crédito na Medida) register what they received; None: only on
        ``POST /_sandbox/process``. ``csr60_port``: Boa Vista's CSR60 TCP query (default:
        the next port, or any free one with ``port`` 0)."""
        self.state = SandboxState()
        self.faults = faults or FaultPlan()
        self.latency = latency_ms / 1000
        self.password = password
        self.timeout_hold = timeout_hold
        self.spc = SpcBrasilSandbox(self.state, today)
        self.cnm = CreditoNaMedidaSandbox(self.state, password, today, process_after)
        self.soa = SoaSerasaSandbox(self.state, password, today, process_after)
        self.boa_vista = BoaVistaSandbox(self.state, password, today, process_after)
        # bound now, so that port 0 gets its real number before the loop starts
        self._socket = self._listen(host, port)
        if csr60_port is None:
            csr60_port = 0 if port == 0 else port + 1
        self._csr60_socket = self._listen(host, csr60_port)
        self._csr60_server: asyncio.AbstractServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None

    @staticmethod
    def _listen(host: str, port: int) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(1024)
        return sock

    @property
    def csr60_address(self) -> str:
        """Where Boa Vista's CSR60 credit query listens (an integration's query address)."""
        host, port = self._csr60_socket.getsockname()[:2]
        return f"tcp://{host}:{port}"

    @property
    def url(self) -> str:
        host, port = self._socket.getsockname()[:2]
        return f"http://{host}:{port}"

    @property
    def spc_url(self) -> str:
        return f"{self.url}{SPC_PATH}"

    @property
    def cnm_url(self) -> str:
        return f"{self.url}{CNM_PREFIX}"

    @property
    def soa_url(self) -> str:
        return f"{self.url}{SOA_PATH}"

    @property
    def boa_vista_url(self) -> str:
        return f"{self.url}{BOA_VISTA_PATH}"

    # -- requests -------------------------------------------------------------------------

    def _password_ok(self, request: web.Request) -> bool:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return bool(user) and password == self.password

    async def _state(self, request: web.Request) -> web.Response:
        return web.json_response(self.state.as_json())

    async def _info(self, request: web.Request) -> web.Response:
        """Where each service listens (the CSR60 query is on a TCP port of its own)."""
        return web.json_response({"csr60": self.csr60_address})

    async def _reset(self, request: web.Request) -> web.Response:
        self.state.reset()
        return web.json_response({"ok": True})

    async def _before(self, request: web.Request) -> str | None:
        """Latency and the fault drawn for this request; ``http500`` answers at once."""
        if self.latency:
            await asyncio.sleep(self.latency)
        return self.faults.draw()

    async def _after(
        self, request: web.Request, fault: str | None, status: int, body: bytes, content_type: str
    ) -> web.StreamResponse:
        if fault == "timeout":  # the work is done; the answer never arrives
            await asyncio.sleep(self.timeout_hold)
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=status)
        if fault == "malformed":
            body = body[: max(1, len(body) // 3)]
        return web.Response(status=status, body=body, content_type=content_type, charset="utf-8")

    async def _spc(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        fault = await self._before(request)
        if fault == "http500":
            return web.Response(status=500, text="Internal Server Error", content_type="text/html")
        authorised = fault != "auth" and self._password_ok(request)
        if request.path == SPC_CREDIT_PATH:
            status, answer = self.spc.credit(body, authorised)
        elif not authorised:  # the Insumo service's container refuses Basic auth itself
            answer = fault_body("AUTH001", "Operador ou senha inválidos")
            return web.Response(status=401, body=answer, content_type=XML)
        else:
            status, answer = self.spc.handle(body)
        return await self._after(request, fault, status, answer, XML)

    @staticmethod
    def _refused_secret(body: bytes, tag: str, secret: str) -> bytes:
        """An injected auth fault: the secret in the body, however prefixed, replaced."""
        return re.sub(
            rb"(<(?:\w+:)?" + tag.encode() + rb">)" + re.escape(secret.encode()) + rb"(</)",
            rb"\1?\2",
            body,
        )

    async def _soa(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        fault = await self._before(request)
        if fault == "http500":
            return web.Response(status=500, text="Internal Server Error", content_type="text/html")
        if fault == "auth":  # SOA answers bad credentials inside the envelope
            body = self._refused_secret(body, "Senha", self.password)
        action = request.headers.get("SOAPAction", "")
        status, answer = self.soa.handle(body, action, credit=request.path == SOA_CREDIT_PATH)
        return await self._after(request, fault, status, answer, XML)

    async def _boa_vista(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        fault = await self._before(request)
        if fault == "http500":
            return web.Response(status=500, text="Internal Server Error", content_type="text/html")
        if fault == "auth":  # Boa Vista answers a refused key inside the envelope
            body = self._refused_secret(body, "KEY", self.password)
        status, answer = self.boa_vista.handle(body, request.headers.get("SOAPAction", ""))
        return await self._after(request, fault, status, answer, XML)

    async def _csr60_http(self, request: web.Request) -> web.StreamResponse:
        """CSR60's HTTP variant: the request line as a GET parameter, every chunk at once."""
        fault = await self._before(request)
        if fault == "http500":
            return web.Response(status=500, text="Internal Server Error", content_type="text/html")
        password = "?" if fault == "auth" else self.password
        line = request.query.get("consulta", "")
        chunks = csr60_chunks(self.state, password, line)
        answer = "".join(chunk + "\r" for chunk in chunks).encode("latin-1")
        return await self._after(request, fault, 200, answer, "text/plain")

    async def _csr60_tcp(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        await serve_csr60_connection(self.state, self.password, reader, writer)

    def process(self, *, everything: bool = True) -> int:
        """Run the queuing bureaus' batches now."""
        return sum(
            sandbox.process(everything=everything)
            for sandbox in (self.soa, self.boa_vista, self.cnm)
        )

    async def _process(self, request: web.Request) -> web.Response:
        return web.json_response({"processed": self.process()})

    async def _cnm(self, request: web.Request) -> web.StreamResponse:
        fault = await self._before(request)
        if fault == "http500":
            return web.json_response({"erro": "erro interno"}, status=500)
        route = request.match_info.route.name
        if route == "cnm_token":
            if fault == "auth":
                return web.json_response({"erro": "client id ou secret inválidos"}, status=401)
            status, document = self.cnm.token(dict(await request.post()))
        elif fault == "auth" or not self.cnm.authorised(request.headers.get("Authorization", "")):
            return web.json_response({"erro": "token inválido ou expirado"}, status=401)
        elif route == "cnm_restrictions":
            status, document = self.cnm.restrictions(request.query.get("tipo_pessoa", ""))
        elif route == "cnm_include":
            try:
                payload = await request.json()
            except ValueError:
                payload = None
            status, document = self.cnm.include(payload)
        elif route == "cnm_remove":
            status, document = self.cnm.remove(request.match_info["id"])
        elif route == "cnm_status":
            status, document = self.cnm.status(request.match_info["id"])
        else:
            status, document = self.cnm.report(request.match_info["document"])
            if isinstance(document, bytes):
                return await self._after(request, fault, status, document, "application/pdf")
        body = json.dumps(document, ensure_ascii=False).encode("utf-8")
        return await self._after(request, fault, status, body, "application/json")

    async def _expire_tokens(self, request: web.Request) -> web.Response:
        self.cnm.expire_tokens()
        return web.json_response({"ok": True})

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/_sandbox/state", self._state)
        app.router.add_get("/_sandbox/info", self._info)
        app.router.add_post("/_sandbox/reset", self._reset)
        app.router.add_post("/_sandbox/expire-tokens", self._expire_tokens)
        app.router.add_post("/_sandbox/process", self._process)
        app.router.add_post(SPC_PATH, self._spc)
        app.router.add_post(SPC_CREDIT_PATH, self._spc)
        app.router.add_post(SOA_PATH, self._soa)
        app.router.add_post(SOA_CREDIT_PATH, self._soa)
        app.router.add_post(BOA_VISTA_PATH, self._boa_vista)
        app.router.add_get(CSR60_HTTP_PATH, self._csr60_http)
        cnm = CNM_PREFIX
        app.router.add_post(f"{cnm}/oauth/token", self._cnm, name="cnm_token")
        app.router.add_get(f"{cnm}/restricoes", self._cnm, name="cnm_restrictions")
        app.router.add_post(f"{cnm}/negativacoes", self._cnm, name="cnm_include")
        app.router.add_post(f"{cnm}/negativacoes/{{id}}/baixa", self._cnm, name="cnm_remove")
        app.router.add_get(f"{cnm}/negativacoes/{{id}}", self._cnm, name="cnm_status")
        app.router.add_get(f"{cnm}/consultas/{{document}}", self._cnm, name="cnm_report")
        return app

    # -- life cycle -----------------------------------------------------------------------

    async def _open(self) -> None:
        self._runner = web.AppRunner(self._app(), access_log=None)
        await self._runner.setup()
        await web.SockSite(self._runner, self._socket).start()
        self._csr60_server = await asyncio.start_server(self._csr60_tcp, sock=self._csr60_socket)

    async def _close(self) -> None:
        if self._csr60_server is not None:
            self._csr60_server.close()
            await self._csr60_server.wait_closed()
        if self._runner is not None:
            await self._runner.cleanup()

    def start(self) -> SandboxServer:
        loop = asyncio.new_event_loop()
        self._loop = loop
        ready = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(self._open())
            ready.set()
            loop.run_forever()

        self._thread = threading.Thread(target=run, name="sandbox", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop.close()
            self._loop = None
        self._socket.close()
        self._csr60_socket.close()

    def serve_forever(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._open())
            loop.run_forever()
        finally:
            loop.run_until_complete(self._close())
            loop.close()
            self._loop = None
            self._socket.close()
            self._csr60_socket.close()


@contextmanager
def running_sandbox(**kwargs) -> Iterator[SandboxServer]:
    """A sandbox on a free loopback port for the duration of the block."""
    kwargs.setdefault("port", 0)
    server = SandboxServer(**kwargs).start()
    try:
        yield server
    finally:
        server.stop()
