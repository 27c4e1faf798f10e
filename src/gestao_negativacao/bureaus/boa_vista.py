"""SPC Boa Vista (Equifax BoaVista) — registration through the distributor-style SOAP model
of shared/protocols/boa_vista.md (namespace tempuri.org, key pair in the body), at the URL
*and port* the integration is configured with (seed 004). The record is identified by the
``idRegistro`` Boa Vista returns: the removal needs it.

Low confidence: Boa Vista's own layout is not public. Everything that must be confirmed in
homologation is in the block below; the credit query (the fixed-width CSR60 string protocol
over TCP) is not integrated yet.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit, urlunsplit
from xml.etree.ElementTree import Element

import httpx

from gestao_negativacao.bureaus import soap
from gestao_negativacao.bureaus.base import (
    CreditReport,
    Debtor,
    InclusionRequest,
    ListItem,
    Outcome,
    RecordRef,
    Restriction,
    StatusAnswer,
)
from gestao_negativacao.bureaus.errors import (
    AlreadyDone,
    AuthFailed,
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.bureaus.http import check_http_status, make_client, transport

NAME = "SPC Boa Vista"
NAMESPACE = "http://tempuri.org/"
CODE_ALREADY_REMOVED = "37"  # public

# ---- NOT CONFIRMED with Boa Vista (distributor model; confirm in homologation) ------------
CODE_AUTH = "01"
CODE_ALREADY_INCLUDED = "36"
INCLUSION_REASON = "1"  # IdMotivoInclusao: "atraso de pagamento"
# Boa Vista keeps these lists with the integration, not in the service:
NATURES = [
    ListItem("1", "Dívida vencida"),
    ListItem("2", "Contrato em atraso"),
    ListItem("3", "Cheque devolvido"),
]
REMOVAL_REASONS = [
    ListItem("1", "Pagamento"),
    ListItem("2", "Renegociação"),
    ListItem("3", "Ordem judicial"),
]
SEND_IBGE_CODE = False  # CodigoIBGECidade: the portfolio has no IBGE codes; sent empty
# Credit query: the CSR60 string (header public, medium confidence) through its HTTP variant
# at the integration's host and port; the answer holds its chunks one after another (record
# separator \x1e), each with its return code at byte 40 (0 done, 1 more follows, 9 not
# performed). The payload lines of a chunk ("NOME", "SCORE", "PEND credor;valor;aaaa-mm-dd",
# "PROT ...", "CHEQ n", "CONS n") are a model.
CREDIT_PATH = "/boavista/csr60"
CSR_QUERY_CODE = "00000001"
CHUNK_HEADER = 40
# ------------------------------------------------------------------------------------------


def _with_port(url: str, port: int | None) -> str:
    if port is None:
        return url.rstrip("/")
    parts = urlsplit(url.rstrip("/"))
    host = parts.hostname or ""
    return urlunsplit((parts.scheme, f"{host}:{port}", parts.path, parts.query, parts.fragment))


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


class BoaVistaAdapter:
    integrator = "boa_vista"

    def __init__(
        self,
        url: str,
        key: str,
        secret: str,
        *,
        port: int | None = None,
        timeout: httpx.Timeout | float | None = None,
        max_connections: int = 16,
    ) -> None:
        self.url = _with_port(url, port)
        self.client = make_client("", timeout=timeout, max_connections=max_connections)
        self._key, self._secret = key, secret

    def close(self) -> None:
        self.client.close()

    def _operation(self, name: str) -> Element:
        operation = Element(f"{{{NAMESPACE}}}{name}")
        auth = soap.child(operation, "p_autenticacao")
        soap.child(auth, "CHAVE", self._key)
        soap.child(auth, "KEY", self._secret)
        return operation

    def _call(self, operation: Element) -> Element:
        name = soap.local(operation.tag)
        result = soap.call_result(self.client, self.url, operation, NAME, f"{NAMESPACE}{name}")
        if (soap.text_of(result, "sucesso") or "").lower() != "true":
            code = soap.text_of(result, "codigoErro") or ""
            message = soap.text_of(result, "mensagem") or f"recusado pela Boa Vista (código {code})"
            if code == CODE_AUTH:
                raise AuthFailed(f"{NAME} recusou a chave de acesso", code=code)
            if code in (CODE_ALREADY_INCLUDED, CODE_ALREADY_REMOVED):
                raise AlreadyDone(message, code=code, bureau_id=soap.text_of(result, "idRegistro"))
            raise Rejected(message, code=code)
        return result

    def _person(self, parent: Element, debtor: Debtor, suffix: str = "") -> None:
        a = debtor.address
        fields = {
            "NumeroDocumento": debtor.document,
            "NomeDevedor": debtor.name,
            "DataNascimento": _day(debtor.birth_date),
            "TipoPessoa": debtor.kind,
            "Endereco": a.street,
            "NumeroEndereco": a.number or "S/N",
            "Bairro": a.district,
            "Complemento": a.complement,
            "CEP": a.cep,
            "UF": a.uf,
            "CodigoIBGECidade": "",
            "Ddd": (debtor.phone or "")[:2],
            "Telefone": (debtor.phone or "")[2:],
            "Email": debtor.email or "",
        }
        for name, value in fields.items():
            soap.child(parent, f"{name}{suffix}", value)

    def include(self, request: InclusionRequest) -> Outcome:
        operation = self._operation("Incluir")
        data = soap.child(operation, "p_inclusao")
        soap.child(data, "DataInclusao", date.today().isoformat())
        soap.child(data, "DataEmissao", _day(request.contract_date or request.due_date))
        soap.child(data, "DataVencimento", request.due_date.isoformat())
        soap.child(data, "ValorTitulo", f"{request.value:.2f}")
        soap.child(data, "IdNatureza", request.nature_code or "")
        soap.child(data, "NumeroContratoCliente", request.contract)
        soap.child(data, "IdMotivoInclusao", INCLUSION_REASON)
        self._person(data, request.debtor)
        soap.child(data, "IsIncluirCoobrigado", "true" if request.co_debtor else "false")
        if request.co_debtor is not None:
            self._person(data, request.co_debtor, "Coobrigado")
        result = self._call(operation)
        record_id = soap.text_of(result, "idRegistro")
        if not record_id:
            raise Transient(f"{NAME} aceitou sem devolver o idRegistro")
        return Outcome(record_id, record_id, "registrado")

    def remove(self, ref: RecordRef, reason_code: str | None) -> Outcome:
        if not ref.bureau_id:
            raise Rejected("falta o idRegistro da Boa Vista para a exclusão")
        operation = self._operation("Excluir")
        data = soap.child(operation, "p_exclusao")
        soap.child(data, "IdRegistro", ref.bureau_id)
        soap.child(data, "IdMotivoBaixa", reason_code or REMOVAL_REASONS[0].code)
        self._call(operation)
        return Outcome(ref.bureau_id, ref.bureau_id, "excluído")

    def fetch_status(self, bureau_ids: list[str]) -> list[StatusAnswer]:
        raise NotSupported("a Boa Vista confirma o registro na hora")

    def list_natures(self, person_kind: str | None = None) -> list[ListItem]:
        return list(NATURES)

    def list_removal_reasons(self) -> list[ListItem]:
        return list(REMOVAL_REASONS)

    def list_document_types(self) -> list[ListItem]:
        raise NotSupported("a Boa Vista não usa tipo de documento no registro")

    def csr60_request(self, document: str) -> str:
        """The fixed-width request: transaction, operator (8, zero padded), password (8),
        query code (8), then the document block, ended by CR."""
        bare = "".join(ch for ch in document if ch.isalnum()).upper()
        kind = "CPF " if len(bare) == 11 else "CNPJ"
        operator = self._key[:8].zfill(8)
        password = self._secret[:8].ljust(8)
        return f"CSR60{operator}{password}{CSR_QUERY_CODE}{kind}{bare.zfill(14)}\r"

    def query_credit(self, document: str) -> CreditReport:
        parts = urlsplit(self.url)
        with transport(NAME):
            response = self.client.post(
                f"{parts.scheme}://{parts.netloc}{CREDIT_PATH}",
                content=self.csr60_request(document).encode("ascii"),
                headers={"Content-Type": "text/plain; charset=ascii"},
            )
        check_http_status(response, NAME)
        lines: list[str] = []
        for chunk in response.text.split("\x1e"):
            if len(chunk) < CHUNK_HEADER or not chunk.startswith("CSR61"):
                raise Transient(f"resposta malformada de {NAME} (CSR61 esperado)")
            code = chunk[CHUNK_HEADER - 1]
            body = chunk[CHUNK_HEADER:]
            if code == "9":
                message = body.strip() or "consulta não realizada"
                if "senha" in message.lower() or "operador" in message.lower():
                    raise AuthFailed(f"{NAME} recusou o operador ou a senha da consulta")
                raise Rejected(message, code="9")
            if code not in ("0", "1"):
                raise Transient(f"resposta malformada de {NAME} (código {code!r} no byte 40)")
            lines.extend(line for line in body.splitlines() if line.strip())
            if code == "0":
                break
        return _report(document, lines, response.text)

    def test_connection(self) -> str:
        operation = self._operation("Consultar")
        soap.child(soap.child(operation, "p_consulta"), "IdRegistro", "0")
        try:
            self._call(operation)
        except Rejected:
            pass  # the key was accepted; record 0 simply does not exist
        return f"{NAME}: chave de acesso válida"


def _report(document: str, lines: list[str], raw: str) -> CreditReport:
    name, score, cheques, queries = None, None, 0, 0
    found: dict[str, list[Restriction]] = {"PEND": [], "PROT": []}
    for line in lines:
        tag, _, rest = line.partition(" ")
        rest = rest.strip()
        if tag == "NOME":
            name = rest or None
        elif tag == "SCORE" and rest.isdigit():
            score = int(rest)
        elif tag in found:
            creditor, _, tail = rest.partition(";")
            value_text, _, day_text = tail.partition(";")
            try:
                value = Decimal(value_text) if value_text else None
            except InvalidOperation:
                value = None
            try:
                day = date.fromisoformat(day_text) if day_text else None
            except ValueError:
                day = None
            found[tag].append(Restriction(creditor, value, day, NAME, tag.lower()))
        elif tag == "CHEQ" and rest.isdigit():
            cheques = int(rest)
        elif tag == "CONS" and rest.isdigit():
            queries = int(rest)
    return CreditReport(
        document, name, score, tuple(found["PEND"]), tuple(found["PROT"]), cheques, queries, raw
    )
