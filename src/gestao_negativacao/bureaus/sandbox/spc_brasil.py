"""The SPC Brasil protocol as the sandbox answers it (shared/protocols/spc_brasil.md):
SOAP 1.1, HTTP Basic, faults with SPC's codes for duplicates and unknown removals. Codes
``IE_SB*`` are the sandbox's own for validation errors (the real table is not public).

It is no easier than SPC: a removal must name the debtor in the same ``dados-pessoa-*``
block as the inclusion (otherwise SPC finds no record and answers ``IE_SPC005.E10``) and
always carries ``motivo-exclusao/id``; the credit query takes ``filtro`` directly in the
body and answers with its data in attributes, and a wrong operator or password there is
``CN_INT005.E2.3``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

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

FAULT_AUTH = "CN_INT005.E2.3"  # the consulta service's "operador e senha inválidos"
FAULT_BAD_DOCUMENT = "CN_INT005.E8.2"
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
    """The document where every client puts it: ``dados-pessoa-fisica/cpf@numero`` or
    ``dados-pessoa-juridica/cnpj@numero``, directly under the request's root."""
    tag = "cpf" if kind == "F" else "cnpj"
    block = parent.find("dados-pessoa-fisica" if kind == "F" else "dados-pessoa-juridica")
    element = block.find(tag) if block is not None else None
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
        if _date(text_of(insumo, "data-compra"), "data-compra") > due:
            raise Fault("IE_SB003.E04", "data da compra posterior ao vencimento")
        if insumo.findtext("natureza-inclusao/id") not in {c for c, _ in NATURES}:
            raise Fault("IE_SB003.E05", "natureza de inclusão inválida")
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

    def _removal_key(self, excluir: Element) -> tuple[str, str, str] | None:
        """The record a removal names, or None when it names none the way SPC reads it."""
        kind = text_of(excluir, "tipo-pessoa") or ""
        try:
            document = _document(excluir, kind)
        except Fault:
            return None
        due = _date(text_of(excluir, "data-vencimento"), "data-vencimento")
        return (document, _required(excluir, "numero-contrato"), due.isoformat())

    def _remove(self, operation: Element) -> bytes:
        excluir = find(operation, "excluir")
        if excluir is None:
            raise Fault("IE_SB001.E01", "campo obrigatório ausente: excluir")
        if not excluir.findtext("motivo-exclusao/id"):
            raise Fault("IE_SB001.E01", "campo obrigatório ausente: motivo-exclusao")
        key = self._removal_key(excluir)
        with self.state.lock:
            self.state.requests[self.integrator] += 1
            record = self.state.records[self.integrator].get(key) if key else None
            if record is not None:
                record.removals += 1
            if record is None or not record.active:
                raise Fault(FAULT_NOT_FOUND_FOR_REMOVAL, "Registro não encontrado para a exclusão")
            record.active = False
        return _response("excluirSpc", "<sucesso>Registro removido com sucesso!</sucesso>")

    def credit(self, body: bytes, authorised: bool) -> tuple[int, bytes]:
        """The consulta service (answered from the records the sandbox holds): ``filtro``
        directly in the body, data in attributes, as public clients send and read it."""
        filtro = soap_operation(body)
        if filtro is None or filtro.tag != f"{{{CREDIT_NAMESPACE}}}filtro":
            return 500, fault_body("CN_GER002.E1", "requisição sem filtro de consulta")
        if not authorised:
            return 500, fault_body(FAULT_AUTH, "Operador e senha inválidos")
        number = text_of(filtro, "documento-consumidor") or ""
        try:
            document = parse_document(number).value
        except InvalidDocument:
            return 500, fault_body(FAULT_BAD_DOCUMENT, f"CPF/CNPJ inválido: {number}")
        if not text_of(filtro, "codigo-produto"):
            return 500, fault_body("CN_INT005.E4", "produto não informado")
        active = self.state.active_records_of(document)
        person = len(document) == 11
        consumer = (
            '<consumidor-pessoa-fisica nome="" data-nascimento="1980-01-01T00:00:00-03:00">'
            f'<cpf numero="{document}"/></consumidor-pessoa-fisica>'
            if person
            else f'<consumidor-pessoa-juridica razao-social="" nome-comercial="">'
            f'<cnpj numero="{document}"/></consumidor-pessoa-juridica>'
        )
        total = sum(r.value for _, r in active)
        details = "".join(
            f'<detalhe-spc nome-associado="Contrato {escape(r.contract)} ({integrator})" '
            f'valor="{r.value:.2f}" data-inclusao="{r.due_date}T00:00:00-03:00" '
            f'data-vencimento="{r.due_date}T00:00:00-03:00" contrato="{escape(r.contract)}"/>'
            for integrator, r in active
        )
        score = sandbox_score(document, len(active))
        inner = (
            f'<ns2:resultado xmlns:ns2="{CREDIT_NAMESPACE}" restricao="{str(bool(active)).lower()}"'
            f' data="{(self.today or date.today()).isoformat()}T00:00:00-03:00">'
            '<protocolo numero="123456" digito="7"/>'
            f"<consumidor>{consumer}</consumidor>"
            f'<spc><resumo quantidade-total="{len(active)}" valor-total="{total:.2f}"/>'
            f"{details}</spc>"
            '<protesto><resumo quantidade-total="0" valor-total="0.00"/></protesto>'
            '<ccf><resumo quantidade-total="0"/></ccf>'
            f'<consulta-realizada><resumo quantidade-total="{len(active)}"/></consulta-realizada>'
            f'<spc-score-12-meses><resumo quantidade-total="1"/>'
            f'<detalhe-spc-score-12-meses score="{score}" classe="C"/></spc-score-12-meses>'
            "</ns2:resultado>"
        )
        return 200, _envelope(inner)
