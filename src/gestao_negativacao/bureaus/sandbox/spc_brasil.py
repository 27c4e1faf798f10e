"""The SPC Brasil protocol as the sandbox answers it (shared/protocols/spc_brasil.md):
SOAP 1.1, HTTP Basic, faults with SPC's codes for duplicates and unknown removals. Codes
``IE_SB*`` are the sandbox's own for validation errors (the real table is not public)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element, ParseError

from defusedxml.ElementTree import fromstring

from gestao_negativacao.bureaus.sandbox.common import escape, soap_operation
from gestao_negativacao.bureaus.sandbox.state import (
    SandboxState,
    installment_of,
    sandbox_score,
)
from gestao_negativacao.bureaus.soap import SOAP_ENV, find, local, text_of
from gestao_negativacao.bureaus.spc_brasil import (
    CREDIT_NAMESPACE,
    FAULT_ALREADY_INCLUDED,
    FAULT_NOT_FOUND_FOR_REMOVAL,
    NAMESPACE,
)
from gestao_negativacao.domain.address import UFS
from gestao_negativacao.domain.documents import InvalidDocument, parse_document

REMOVAL_REASONS = [("1", "Pagamento da dívida"), ("2", "Renegociação da dívida"),
                   ("3", "Ordem judicial"), ("4", "Inclusão indevida")]  # fmt: skip
NATURES = [("1", "Atraso de pagamento"), ("75", "Contrato em atraso"), ("104", "Cheque sem fundo")]
DEBTOR_TYPES = [("C", "Comprador"), ("A", "Avalista")]


class Fault(Exception):
    def __init__(self, code: str, message: str) -> None:
        self.code, self.message = code, message
        super().__init__(message)


def _envelope(inner: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="{SOAP_ENV}">'
        f"<soap:Body>{inner}</soap:Body></soap:Envelope>"
    ).encode()


def fault_body(code: str, message: str) -> bytes:
    return _envelope(
        f"<soap:Fault><faultcode>soap:{code}</faultcode>"
        f"<faultstring>{escape(message)}</faultstring></soap:Fault>"
    )


def _response(operation: str, inner: str) -> bytes:
    return _envelope(
        f'<ns2:{operation}Response xmlns:ns2="{NAMESPACE}">{inner}</ns2:{operation}Response>'
    )


def _list(operation: str, items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f"<item><id>{code}</id><descricao>{escape(name)}</descricao></item>" for code, name in items
    )
    return _response(operation, body)


def _date(text: str | None, field: str) -> date:
    if not text:
        raise Fault("IE_SB001.E01", f"campo obrigatório ausente: {field}")
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise Fault("IE_SB001.E02", f"data inválida em {field}: {text}") from None


def _document(parent: Element, kind: str) -> str:
    tag = "cpf" if kind == "F" else "cnpj"
    element = find(parent, tag)
    number = element.get("numero") if element is not None else None
    if not number:
        raise Fault("IE_SB001.E01", f"campo obrigatório ausente: {tag}")
    try:
        doc = parse_document(number)
    except InvalidDocument:
        raise Fault("IE_SB002.E01", f"{tag.upper()} inválido: {number}") from None
    if (doc.kind.value == "F") != (kind == "F"):
        raise Fault("IE_SB002.E02", f"tipo-pessoa {kind} não corresponde ao documento")
    return doc.value


def _required(parent: Element, name: str) -> str:
    value = text_of(parent, name)
    if not value:
        raise Fault("IE_SB001.E01", f"campo obrigatório ausente: {name}")
    return value


class SpcBrasilSandbox:
    integrator = "spc_brasil"

    def __init__(self, state: SandboxState, today: date | None = None) -> None:
        self.state = state
        self.today = today

    def handle(self, body: bytes) -> tuple[int, bytes]:
        operation = soap_operation(body)
        if operation is None:
            return 500, fault_body("IE_SB000.E01", "XML malformado ou corpo SOAP vazio")
        name = local(operation.tag)
        try:
            if name == "incluirSpc":
                return 200, self._include(operation)
            if name == "excluirSpc":
                return 200, self._remove(operation)
            if name == "listarMotivoExclusao":
                return 200, _list(name, REMOVAL_REASONS)
            if name == "listarNaturezaInclusao":
                return 200, _list(name, NATURES)
            if name == "listarTipoDevedor":
                return 200, _list(name, DEBTOR_TYPES)
        except Fault as fault:
            return 500, fault_body(fault.code, fault.message)
        return 500, fault_body("IE_SB000.E03", f"operação desconhecida: {name}")

    def _include(self, operation: Element) -> bytes:
        insumo = find(operation, "insumoSpc")
        if insumo is None:
            raise Fault("IE_SB001.E01", "campo obrigatório ausente: insumoSpc")
        kind = _required(insumo, "tipo-pessoa")
        document = _document(insumo, kind)
        _required(insumo, "nome" if kind == "F" else "razao-social")
        due = _date(text_of(insumo, "data-vencimento"), "data-vencimento")
        if due >= (self.today or date.today()):
            raise Fault("IE_SB003.E01", "data de vencimento ainda não passou")
        contract = _required(insumo, "numero-contrato")
        try:
            value = Decimal(_required(insumo, "valor-debito"))
        except InvalidOperation:
            raise Fault("IE_SB003.E02", "valor do débito inválido") from None
        if value <= 0:
            raise Fault("IE_SB003.E03", "valor do débito deve ser maior que zero")
        address = find(insumo, "endereco-pessoa")
        if address is None:
            raise Fault("IE_SB004.E01", "endereço obrigatório para a carta de comunicado")
        cep = _required(address, "cep")
        if len(cep) != 8 or not cep.isdigit():
            raise Fault("IE_SB004.E02", f"CEP inválido: {cep}")
        _required(address, "logradouro")
        city = find(address, "cidade")
        state = find(city, "estado") if city is not None else None
        if (
            city is None
            or not city.get("nome")
            or state is None
            or state.get("sigla-uf") not in UFS
        ):
            raise Fault("IE_SB004.E03", "cidade e UF obrigatórias para a carta de comunicado")
        key = (document, contract, due.isoformat())
        with self.state.lock:
            record = self.state.inclusion_received(
                self.integrator,
                key,
                document,
                contract,
                installment_of(contract),
                value,
                due.isoformat(),
                "SPC",
            )
            if record.active:
                raise Fault(FAULT_ALREADY_INCLUDED, "Registro de SPC já existe")
            record.active, record.value = True, value
            protocol = record.bureau_id
        return _response(
            "incluirSpc",
            f"<sucesso>Dados inseridos com sucesso!</sucesso><protocolo>{protocol}</protocolo>",
        )

    def _remove(self, operation: Element) -> bytes:
        excluir = find(operation, "excluir")
        if excluir is None:
            raise Fault("IE_SB001.E01", "campo obrigatório ausente: excluir")
        kind = _required(excluir, "tipo-pessoa")
        document = _document(excluir, kind)
        due = _date(text_of(excluir, "data-vencimento"), "data-vencimento")
        contract = _required(excluir, "numero-contrato")
        key = (document, contract, due.isoformat())
        with self.state.lock:
            self.state.requests[self.integrator] += 1
            record = self.state.records[self.integrator].get(key)
            if record is not None:
                record.removals += 1
            if record is None or not record.active:
                raise Fault(FAULT_NOT_FOUND_FOR_REMOVAL, "Registro não encontrado para a exclusão")
            record.active = False
        return _response("excluirSpc", "<sucesso>Registro excluído com sucesso!</sucesso>")

    def credit(self, body: bytes) -> tuple[int, bytes]:
        """The credit query service (a model), answered from the records the sandbox holds."""
        try:
            root = fromstring(body)
        except (ParseError, ValueError):
            return 500, fault_body("IE_SB000.E01", "XML malformado")
        number = text_of(root, "documento-consumidor") or ""
        try:
            document = parse_document(number).value
        except InvalidDocument:
            return 500, fault_body("IE_SB002.E01", f"documento inválido: {number}")
        active = self.state.active_records_of(document)
        details = "".join(
            f"<detalhe-spc><nome-associado>Contrato {escape(r.contract)} ({integrator})"
            f"</nome-associado><valor>{r.value:.2f}</valor>"
            f"<data-vencimento>{r.due_date}</data-vencimento></detalhe-spc>"
            for integrator, r in active
        )
        inner = (
            f"<resultado><consumidor><nome></nome></consumidor>"
            f"<pontuacao>{sandbox_score(document, len(active))}</pontuacao>"
            f"<spc><resumo><quantidade-total>{len(active)}</quantidade-total></resumo>{details}</spc>"
            f"<protesto><resumo><quantidade-total>0</quantidade-total></resumo></protesto>"
            "<cheque-sem-fundo><resumo><quantidade-total>0</quantidade-total></resumo>"
            "</cheque-sem-fundo>"
            f"<consulta-realizada><resumo><quantidade-total>{len(active)}</quantidade-total></resumo>"
            f"</consulta-realizada></resultado>"
        )
        return 200, _envelope(
            f'<ns2:consultarResponse xmlns:ns2="{CREDIT_NAMESPACE}">{inner}</ns2:consultarResponse>'
        )
