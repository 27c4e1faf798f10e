"""SPC Brasil — the "Insumo SPC" SOAP web service (shared/protocols/spc_brasil.md).

SOAP 1.1 over HTTPS, HTTP Basic with the operator code and password, UTF-8. A record is
identified by document + contract number + due date, and a removal must name the debtor
with the very block the inclusion sent (``dados-pessoa-fisica`` / ``-juridica``): SPC
answers "não encontrado" to a removal shaped otherwise, and the record stays.

Every shape below follows what independent public clients send; the credit query is the
separate "consulta" service on the same host (``web:filtro`` in, attributes out).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
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
    NotFound,
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.bureaus.http import check_http_status, make_client, transport
from gestao_negativacao.domain.enums import DebtorRole

NAMESPACE = "http://webservice.spc.insumo.spcjava.spcbrasil.org/"
SERVICE_PATH = "/spc/remoting/ws/insumo/spc/spcWebService"
NAME = "SPC Brasil"
FAULT_ALREADY_INCLUDED = "IE_SPC001.E09"  # "Registro de SPC já existe"
FAULT_NOT_FOUND_FOR_REMOVAL = "IE_SPC005.E10"  # "Registro não encontrado para a exclusão"
FAULT_INTERNAL = "CN_GER001"  # internal error / unavailable: retry
# consulta service: CN_INT005.E2.x wrong operator or password, E3 no access to the system,
# E4 no access to the product, E8.x a document the product cannot take
FAULT_AUTH = re.compile(r"^CN_INT005\.E[23](\.|$)")
FAULT_BAD_DOCUMENT = re.compile(r"^CN_INT005\.E(4|8)(\.|$)")
# success is read from the answer's text too: an answer with neither a fault nor one of
# these is not a success
SUCCESS_INCLUDED = ("inseridos com sucesso",)
SUCCESS_REMOVED = ("removido com sucesso", "excluído com sucesso", "excluido com sucesso")
CREDIT_PATH = "/spc/remoting/ws/consulta/consultaWebService"
CREDIT_NAMESPACE = "http://webservice.consulta.spcjava.spcbrasil.org/"

# ---- NOT CONFIRMED with SPC Brasil (public clients only; confirm in homologation) --------
# The element names inside the list answers ("item" with "id" and "descricao" or "nome").
LIST_ITEM, LIST_ID, LIST_NAMES = "item", "id", ("descricao", "nome")
# Some clients read a "protocolo" in the success answer; none is documented.
PROTOCOL_ELEMENT = "protocolo"
# The credit product is per contract (clients show 13, 198, 325…); the integration may set
# its own, this is only the default.
CREDIT_PRODUCT = "325"
# --------------------------------------------------------------------------------------------


def _datetime(day: date) -> str:
    return f"{day.isoformat()}T00:00:00"


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _person(parent: Element, kind: str, document: str, name: str) -> Element:
    """The debtor block, the same in an inclusion and in its removal."""
    if kind == "F":
        person = soap.child(parent, "dados-pessoa-fisica")
        soap.child(person, "cpf", numero=document)
        soap.child(person, "nome", name)
    else:
        person = soap.child(parent, "dados-pessoa-juridica")
        soap.child(person, "cnpj", numero=document)
        soap.child(person, "razao-social", name)
        soap.child(person, "nome-comercial", name)
    return person


def _debtor(parent: Element, debtor: Debtor) -> None:
    soap.child(parent, "tipo-pessoa", debtor.kind)
    person = _person(parent, debtor.kind, debtor.document, debtor.name)
    if debtor.kind == "F":
        if debtor.birth_date:
            soap.child(person, "data-nascimento", _datetime(debtor.birth_date))
        if debtor.email:
            soap.child(person, "email", debtor.email)
        if debtor.phone and len(debtor.phone) >= 10:
            soap.child(person, "telefone", numero_ddd=debtor.phone[:2], numero=debtor.phone[2:])


def _address(parent: Element, debtor: Debtor) -> None:
    """In the order public clients write it: cep, logradouro, bairro, numero,
    complemento, cidade."""
    a = debtor.address
    address = soap.child(parent, "endereco-pessoa")
    soap.child(address, "cep", a.cep)
    soap.child(address, "logradouro", a.street)
    soap.child(address, "bairro", a.district)
    soap.child(address, "numero", a.number or "S/N")
    if a.complement:
        soap.child(address, "complemento", a.complement)
    city = soap.child(address, "cidade", nome=a.city)
    soap.child(city, "estado", sigla_uf=a.uf)


def _says(text: str | None, phrases: tuple[str, ...]) -> bool:
    low = (text or "").lower()
    return any(phrase in low for phrase in phrases)


class SpcBrasilAdapter:
    integrator = "spc_brasil"
    confirms_later = False

    def __init__(
        self,
        url: str,
        operator_code: str,
        password: str,
        *,
        timeout: httpx.Timeout | float | None = None,
        max_connections: int = 16,
        credit_product: str | None = None,
    ) -> None:
        # the configured URL may be the host only or the whole service address
        base = url.rstrip("/")
        self.url = base if base.endswith(SERVICE_PATH) else base + SERVICE_PATH
        self.credit_product = credit_product or CREDIT_PRODUCT
        self.client = make_client(
            "", auth=(operator_code, password), timeout=timeout, max_connections=max_connections
        )

    def close(self) -> None:
        self.client.close()

    # -- transport ------------------------------------------------------------------------

    def _call(self, operation: Element, url: str | None = None) -> Element:
        payload = soap.envelope(operation)
        with transport(NAME):
            response = self.client.post(
                url or self.url,
                content=payload,
                headers={"Content-Type": "text/xml;charset=UTF-8", "SOAPAction": ""},
            )
        if response.status_code in (401, 403):
            raise AuthFailed(f"{NAME} recusou o operador ou a senha (HTTP {response.status_code})")
        root = soap.parse(response.content, NAME) if response.content else None
        found = soap.fault(root) if root is not None else None
        if found is not None:
            self._raise_fault(*found)
        check_http_status(response, NAME)
        if root is None or response.status_code != 200:
            raise Transient(f"{NAME} respondeu HTTP {response.status_code} sem conteúdo")
        return soap.body_of(root, NAME)

    @staticmethod
    def _raise_fault(code: str, message: str) -> None:
        if code == FAULT_ALREADY_INCLUDED:
            raise AlreadyDone(message, code=code)
        if code == FAULT_NOT_FOUND_FOR_REMOVAL:
            raise NotFound(message or "registro não encontrado para a exclusão", code=code)
        if FAULT_AUTH.match(code):
            raise AuthFailed(f"{NAME} recusou o operador ou a senha: {message}", code=code)
        if FAULT_BAD_DOCUMENT.match(code):
            raise Rejected(message or "documento recusado pelo SPC", code=code)
        if code.startswith(FAULT_INTERNAL) or code.startswith("CN_"):
            raise Transient(message or "erro interno do SPC", code=code)
        raise Rejected(message or "registro recusado pelo SPC", code=code)

    def _operation(self, name: str) -> Element:
        return Element(f"{{{NAMESPACE}}}{name}")

    # -- operations -----------------------------------------------------------------------

    def include(self, request: InclusionRequest) -> Outcome:
        if not request.nature_code:
            raise Rejected(
                "a integração do SPC não tem natureza de inclusão para este tipo de pessoa; "
                "escolha uma em Integrações"
            )
        operation = self._operation("incluirSpc")
        insumo = soap.child(operation, "insumoSpc")
        _debtor(insumo, request.debtor)
        bought = min(request.contract_date or request.due_date, request.due_date)
        soap.child(insumo, "data-compra", _datetime(bought))
        soap.child(insumo, "data-vencimento", _datetime(request.due_date))
        soap.child(insumo, "codigo-tipo-devedor", "C" if request.role == DebtorRole.HOLDER else "A")
        soap.child(insumo, "numero-contrato", request.contract)
        soap.child(insumo, "valor-debito", _money(request.value))
        nature = soap.child(insumo, "natureza-inclusao")
        soap.child(nature, "id", request.nature_code)
        _address(insumo, request.debtor)
        body = self._call(operation)
        message = soap.text_of(body, "sucesso")
        if not _says(message, SUCCESS_INCLUDED):
            raise Transient(f"{NAME} respondeu sem confirmar a inclusão ({message or 'vazio'})")
        return Outcome(None, soap.text_of(body, PROTOCOL_ELEMENT), message or "incluído")

    def remove(self, ref: RecordRef, reason_code: str | None) -> Outcome:
        if not reason_code:
            raise Rejected(
                "a integração do SPC não tem motivo de baixa configurado; escolha um em "
                "Integrações (Buscar na integradora)"
            )
        operation = self._operation("excluirSpc")
        excluir = soap.child(operation, "excluir")
        soap.child(excluir, "tipo-pessoa", ref.debtor_kind)
        _person(excluir, ref.debtor_kind, ref.debtor_document, ref.debtor_name)
        soap.child(excluir, "data-vencimento", _datetime(ref.due_date))
        soap.child(excluir, "numero-contrato", ref.contract)
        reason = soap.child(excluir, "motivo-exclusao")
        soap.child(reason, "id", reason_code)
        body = self._call(operation)
        message = soap.text_of(body, "sucesso")
        if not _says(message, SUCCESS_REMOVED):
            raise Transient(f"{NAME} respondeu sem confirmar a exclusão ({message or 'vazio'})")
        return Outcome(None, soap.text_of(body, PROTOCOL_ELEMENT), message or "excluído")

    def _list(self, operation_name: str) -> list[ListItem]:
        body = self._call(self._operation(operation_name))
        items = []
        for item in soap.find_all(body, LIST_ITEM):
            code = soap.text_of(item, LIST_ID)
            name = next((soap.text_of(item, n) for n in LIST_NAMES if soap.text_of(item, n)), None)
            if code:
                items.append(ListItem(code, name or code))
        return items

    def list_removal_reasons(self) -> list[ListItem]:
        return self._list("listarMotivoExclusao")

    def list_natures(self, person_kind: str | None = None) -> list[ListItem]:
        return self._list("listarNaturezaInclusao")

    def list_document_types(self) -> list[ListItem]:
        raise NotSupported("o SPC Brasil não tem tipo de documento na inclusão")

    def fetch_status(self, bureau_ids: list[str]) -> list[StatusAnswer]:
        raise NotSupported("o SPC Brasil confirma a inclusão na hora; não há consulta de situação")

    def query_credit(self, document: str) -> CreditReport:
        bare = "".join(ch for ch in document if ch.isalnum()).upper()
        # the body holds the filter itself, qualified; its fields are not
        filtro = Element(f"{{{CREDIT_NAMESPACE}}}filtro")
        soap.child(filtro, "codigo-produto", self.credit_product)
        soap.child(filtro, "tipo-consumidor", "F" if len(bare) == 11 else "J")
        soap.child(filtro, "documento-consumidor", bare)
        body = self._call(filtro, self.url[: -len(SERVICE_PATH)] + CREDIT_PATH)
        result = soap.direct(body, "resultado")
        if result is None or result.get("nil") == "true":
            raise Transient(f"resposta de {NAME} sem resultado")
        return credit_report(document, result, soap.as_text(body))

    def test_connection(self) -> str:
        reasons = self.list_removal_reasons()
        return f"{NAME}: conexão e operador válidos ({len(reasons)} motivos de baixa)"


def _amount(text: str | None) -> Decimal | None:
    try:
        return Decimal((text or "").replace(",", ".")) if text else None
    except InvalidOperation:
        return None


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _total(block: Element | None) -> int:
    summary = soap.direct(block, "resumo") if block is not None else None
    text = summary.get("quantidade-total") if summary is not None else None
    return int(text) if text and text.isdigit() else 0


def credit_report(document: str, result: Element, raw: str) -> CreditReport:
    """The consulta answer: every datum is an attribute (public clients read them so)."""
    consumer = soap.direct(result, "consumidor")
    name = None
    if consumer is not None:
        person = soap.direct(consumer, "consumidor-pessoa-fisica")
        company = soap.direct(consumer, "consumidor-pessoa-juridica")
        if person is not None:
            name = person.get("nome") or None
        elif company is not None:
            name = company.get("razao-social") or company.get("nome-comercial") or None

    def details(group: str, item: str, creditor: str, value: str, when: str):
        block = soap.direct(result, group)
        found = [e for e in block if soap.local(e.tag) == item] if block is not None else []
        return tuple(
            Restriction(
                e.get(creditor) or "",
                _amount(e.get(value)),
                _day(e.get(when)),
                NAME,
                group,
            )
            for e in found
        )

    score = None
    for source in ("spc-score-12-meses", "spc-score-3-meses", "score-cadastro-positivo"):
        block = soap.direct(result, source)
        detail = next(
            (
                e
                for e in (block if block is not None else [])
                if soap.local(e.tag).startswith("detalhe-")
            ),
            None,
        )
        text = detail.get("score") if detail is not None else None
        if text and text.strip().isdigit():
            score = max(0, min(1000, int(text.strip())))
            break
    return CreditReport(
        document=document,
        name=name,
        score=score,
        restrictions=details("spc", "detalhe-spc", "nome-associado", "valor", "data-inclusao"),
        protests=details("protesto", "detalhe-protesto", "cartorio", "valor", "data-protesto"),
        bounced_cheques=_total(soap.direct(result, "ccf")),
        recent_queries=_total(soap.direct(result, "consulta-realizada")),
        raw=raw,
    )
