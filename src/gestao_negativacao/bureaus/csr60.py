"""Boa Vista's credit query: the CSR60 fixed-width string (shared/protocols/boa_vista.md).

A request is one ASCII line ended by CR, sent over a TCP connection to the query host and
port (``consulta.scpc.inf.br:9164``) or, in the HTTP variant, as a GET parameter. The answer
comes in chunks, each ended by CR: the return code sits at offset 59 (``0`` done, ``1`` more
follows — send a CR to get it —, ``9`` not performed), then records of size (3) + type (3)
+ data. The query uses the SCPC query credentials, not the distributor's CHAVE/KEY.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

import httpx

from gestao_negativacao.bureaus.base import CreditReport, Restriction
from gestao_negativacao.bureaus.errors import AuthFailed, Rejected, Transient
from gestao_negativacao.bureaus.http import check_http_status, transport

NAME = "SPC Boa Vista (consulta CSR60)"
TRANSACTION = "CSR60   "
ANSWER = "CSR61   "
HEADER = 60  # the answer's header; its last character (offset 59) is the return code
CODE_AT = 59
DONE, MORE, NOT_PERFORMED = "0", "1", "9"
DEFAULT_ADDRESS = "tcp://consulta.scpc.inf.br:9164"
MAX_CHUNKS = 50  # a guard against a server that never says "done"

# ---- NOT CONFIRMED with Boa Vista (layout seen in a public client; confirm) --------------
VERSION = "01"
QUERY_VERSION = "01"
ANSWER_TYPE = "1"
TRANSMISSION_TYPE = "1"
DOCUMENT_TYPE = {"F": "1", "J": "2"}
DEFAULT_QUERY_CODE = "391"
# answer record types, and the fixed-width fields inside each record's data
RECORD_NAME = "100"  # name (data = the name)
RECORD_SCORE = "200"  # score (4 digits)
RECORD_DEBT = "300"  # creditor (40) + value in cents (15) + date AAAAMMDD (8)
RECORD_PROTEST = "400"  # registry office (40) + value in cents (15) + date (8)
RECORD_CHEQUES = "500"  # bounced cheques (5)
RECORD_QUERIES = "600"  # recent queries (5)
RECORD_MESSAGE = "999"  # a message (why the query was not performed)
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Credentials:
    address: str  # tcp://host:port or http(s)://host[:port]/path (the HTTP variant)
    code: str  # the SCPC query operator
    password: str
    query_code: str = DEFAULT_QUERY_CODE


def _numeric(text: str, size: int) -> str:
    return text[-size:].zfill(size) if text.isdigit() else text[:size].ljust(size)


def request(credentials: Credentials, document: str) -> str:
    """The request line: transaction (8), version (2), 30 reserved, operator code (8),
    password (8), query (8), query version (2), answer type, transmission type, document
    type (1), document (14), then CR."""
    bare = "".join(ch for ch in document if ch.isalnum()).upper()
    kind = "F" if len(bare) == 11 else "J"
    return (
        TRANSACTION
        + VERSION
        + " " * 30
        + _numeric(credentials.code, 8)
        + credentials.password[:8].ljust(8)
        + _numeric(credentials.query_code, 8)
        + QUERY_VERSION
        + ANSWER_TYPE
        + TRANSMISSION_TYPE
        + DOCUMENT_TYPE[kind]
        + bare.rjust(14, "0")
        + "\r"
    )


def records(chunk: str) -> list[tuple[str, str]]:
    """(type, data) of each record after a chunk's header."""
    out, at = [], HEADER
    while at + 6 <= len(chunk):
        size_text = chunk[at : at + 3]
        if not size_text.isdigit():
            raise Transient(f"resposta malformada de {NAME} (registro sem tamanho)")
        size = int(size_text)
        out.append((chunk[at + 3 : at + 6], chunk[at + 6 : at + 6 + size]))
        at += 6 + size
    return out


def _cents(text: str) -> Decimal | None:
    try:
        return (Decimal(int(text.strip())) / 100).quantize(Decimal("0.01"))
    except (ValueError, InvalidOperation):
        return None


def _day(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def report(document: str, chunks: list[str]) -> CreditReport:
    name, score, cheques, queries = None, None, 0, 0
    debts: list[Restriction] = []
    protests: list[Restriction] = []
    for chunk in chunks:
        for kind, data in records(chunk):
            if kind == RECORD_NAME:
                name = data.strip() or None
            elif kind == RECORD_SCORE and data.strip().isdigit():
                score = int(data.strip())
            elif kind in (RECORD_DEBT, RECORD_PROTEST):
                item = Restriction(
                    data[:40].strip(),
                    _cents(data[40:55]),
                    _day(data[55:63]),
                    "SPC Boa Vista",
                    "pendência" if kind == RECORD_DEBT else "protesto",
                )
                (debts if kind == RECORD_DEBT else protests).append(item)
            elif kind == RECORD_CHEQUES and data.strip().isdigit():
                cheques = int(data.strip())
            elif kind == RECORD_QUERIES and data.strip().isdigit():
                queries = int(data.strip())
    return CreditReport(
        document, name, score, tuple(debts), tuple(protests), cheques, queries, "\n".join(chunks)
    )


def check(chunk: str) -> str:
    """The chunk's return code; a refusal as the taxonomy's error."""
    if len(chunk) < HEADER or not chunk.startswith(ANSWER.strip()):
        raise Transient(f"resposta malformada de {NAME} (CSR61 esperado)")
    code = chunk[CODE_AT]
    if code == NOT_PERFORMED:
        message = " ".join(d.strip() for k, d in records(chunk) if k == RECORD_MESSAGE)
        message = message or "consulta não realizada"
        low = message.lower()
        if "senha" in low or "operador" in low:
            raise AuthFailed(f"{NAME} recusou o operador ou a senha da consulta")
        raise Rejected(message, code=NOT_PERFORMED)
    if code not in (DONE, MORE):
        raise Transient(f"resposta malformada de {NAME} (código {code!r} na posição 59)")
    return code


def _over_tcp(host: str, port: int, line: str, timeout: float) -> list[str]:
    chunks: list[str] = []
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            connection.settimeout(timeout)
            connection.sendall(line.encode("ascii"))
            buffer = b""
            while len(chunks) < MAX_CHUNKS:
                while b"\r" not in buffer:
                    data = connection.recv(65536)
                    if not data:
                        raise Transient(f"{NAME} fechou a conexão no meio da resposta")
                    buffer += data
                raw, _, buffer = buffer.partition(b"\r")
                chunk = raw.decode("latin-1")
                chunks.append(chunk)
                if check(chunk) == DONE:
                    return chunks
                connection.sendall(b"\r")  # "send CR to continue"
    except TimeoutError:
        raise Transient(f"tempo esgotado ao falar com {NAME}") from None
    except OSError as exc:
        raise Transient(f"falha de comunicação com {NAME} ({type(exc).__name__})") from None
    raise Transient(f"{NAME} mandou mais de {MAX_CHUNKS} blocos sem terminar")


def _over_http(url: str, line: str, timeout: float) -> list[str]:
    with httpx.Client(timeout=timeout) as client, transport(NAME):
        response = client.get(url, params={"consulta": line.rstrip("\r")})
    check_http_status(response, NAME)
    chunks = [c for c in response.content.decode("latin-1").split("\r") if c.strip()]
    for chunk in chunks:
        if check(chunk) == DONE:
            return chunks
    raise Transient(f"resposta incompleta de {NAME}")


def query(credentials: Credentials, document: str, *, timeout: float = 60.0) -> CreditReport:
    line = request(credentials, document)
    parts = urlsplit(credentials.address or DEFAULT_ADDRESS)
    if parts.scheme == "tcp":
        if not parts.hostname or not parts.port:
            raise Rejected(f"endereço da consulta CSR60 inválido: {credentials.address}")
        chunks = _over_tcp(parts.hostname, parts.port, line, timeout)
    elif parts.scheme in ("http", "https"):
        chunks = _over_http(credentials.address, line, timeout)
    else:
        raise Rejected(f"endereço da consulta CSR60 inválido: {credentials.address}")
    return report("".join(ch for ch in document if ch.isalnum()).upper(), chunks)
