"""SPC Brasil — the "Insumo SPC" SOAP web service (shared/protocols/spc_brasil.md).

SOAP 1.1 over HTTPS, HTTP Basic with the operator code and password, UTF-8. A record is
identified by document + contract number + due date: that is what the removal sends.
"""

from __future__ import annotations

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
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.bureaus.http import check_http_status, make_client, transport

NAMESPACE = "http://webservice.spc.insumo.spcjava.spcbrasil.org/"
SERVICE_PATH = "/spc/remoting/ws/insumo/spc/spcWebService"
NAME = "SPC Brasil"

# ---- NOT CONFIRMED with SPC Brasil (public clients only; confirm in homologation) --------
# The element names inside the list answers ("item" with "id" and "descricao" or "nome").
LIST_ITEM, LIST_ID, LIST_NAMES = "item", "id", ("descricao", "nome")
# Fault codes: only these three are known; every other IE_* is read as a rejection.
FAULT_ALREADY_INCLUDED = "IE_SPC001.E09"
FAULT_NOT_FOUND_FOR_REMOVAL = "IE_SPC005.E10"
FAULT_INTERNAL = "CN_GER001.E"
# Some clients read a "protocolo" in the success answer; none is documented.
PROTOCOL_ELEMENT = "protocolo"
# The credit query is another SOAP service on the same host ("consulta"); its path, product
# code and answer elements below are a model of what public clients show.
CREDIT_PATH = "/spc/remoting/ws/consulta/consultaWebService"
CREDIT_NAMESPACE = "http://webservice.consulta.spcjava.spcbrasil.org/"
CREDIT_PRODUCT = "12"
# --------------------------------------------------------------------------------------------


def _datetime(day: date) -> str:
    return f"{day.isoformat()}T00:00:00"


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _document(parent: Element, debtor_document: str, kind: str) -> None:
    if kind == "F":
        soap.child(parent, "cpf", numero=debtor_document)
    else:
        soap.child(parent, "cnpj", numero=debtor_document)


def _debtor(parent: Element, debtor: Debtor) -> None:
    soap.child(parent, "tipo-pessoa", debtor.kind)
    if debtor.kind == "F":
        person = soap.child(parent, "dados-pessoa-fisica")
        soap.child(person, "cpf", numero=debtor.document)
        soap.child(person, "nome", debtor.name)
        if debtor.birth_date:
            soap.child(person, "data-nascimento", _datetime(debtor.birth_date))
        if debtor.email:
            soap.child(person, "email", debtor.email)
        if debtor.phone and len(debtor.phone) >= 10:
            soap.child(person, "telefone", numero_ddd=debtor.phone[:2], numero=debtor.phone[2:])
    else:
        company = soap.child(parent, "dados-pessoa-juridica")
        soap.child(company, "cnpj", numero=debtor.document)
        soap.child(company, "razao-social", debtor.name)


def _address(parent: Element, debtor: Debtor) -> None:
    a = debtor.address
    address = soap.child(parent, "endereco-pessoa")
    soap.child(address, "cep", a.cep)
    soap.child(address, "logradouro", a.street)
    soap.child(address, "numero", a.number or "S/N")
    if a.complement:
        soap.child(address, "complemento", a.complement)
    soap.child(address, "bairro", a.district)
    city = soap.child(address, "cidade", nome=a.city)
    soap.child(city, "estado", sigla_uf=a.uf)


class SpcBrasilAdapter:
    integrator = "spc_brasil"

    def __init__(
        self,
        url: str,
        operator_code: str,
        password: str,
        *,
        timeout: httpx.Timeout | float | None = None,
        max_connections: int = 16,
    ) -> None:
        # the configured URL may be the host only or the whole service address
        base = url.rstrip("/")
        self.url = base if base.endswith(SERVICE_PATH) else base + SERVICE_PATH
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
        if code == FAULT_ALREADY_INCLUDED or code == FAULT_NOT_FOUND_FOR_REMOVAL:
            raise AlreadyDone(message, code=code)
        if code.startswith("CN_") or code == FAULT_INTERNAL:
            raise Transient(message or "erro interno do SPC", code=code)
        if "autentic" in message.lower() or code.startswith("AUTH"):
            raise AuthFailed(message, code=code)
        raise Rejected(message or "registro recusado pelo SPC", code=code)

    def _operation(self, name: str) -> Element:
        return Element(f"{{{NAMESPACE}}}{name}")

    # -- operations -----------------------------------------------------------------------

    def include(self, request: InclusionRequest) -> Outcome:
        operation = self._operation("incluirSpc")
        insumo = soap.child(operation, "insumoSpc")
        _debtor(insumo, request.debtor)
        soap.child(insumo, "data-compra", _datetime(request.contract_date or request.due_date))
        soap.child(insumo, "data-vencimento", _datetime(request.due_date))
        soap.child(insumo, "codigo-tipo-devedor", "C" if request.role == "holder" else "A")
        soap.child(insumo, "numero-contrato", request.contract)
        soap.child(insumo, "valor-debito", _money(request.value))
        if request.nature_code:
            nature = soap.child(insumo, "natureza-inclusao")
            soap.child(nature, "id", request.nature_code)
        _address(insumo, request.debtor)
        body = self._call(operation)
        message = soap.text_of(body, "sucesso") or "incluído"
        return Outcome(None, soap.text_of(body, PROTOCOL_ELEMENT), message)

    def remove(self, ref: RecordRef, reason_code: str | None) -> Outcome:
        operation = self._operation("excluirSpc")
        excluir = soap.child(operation, "excluir")
        soap.child(excluir, "tipo-pessoa", ref.debtor_kind)
        _document(excluir, ref.debtor_document, ref.debtor_kind)
        soap.child(excluir, "data-vencimento", _datetime(ref.due_date))
        soap.child(excluir, "numero-contrato", ref.contract)
        if reason_code:
            reason = soap.child(excluir, "motivo-exclusao")
            soap.child(reason, "id", reason_code)
        body = self._call(operation)
        return Outcome(
            None, soap.text_of(body, PROTOCOL_ELEMENT), soap.text_of(body, "sucesso") or "excluído"
        )

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
        """SPC's "tipo de devedor" list stands in for the document type of the integration."""
        return self._list("listarTipoDevedor")

    def fetch_status(self, bureau_ids: list[str]) -> list[StatusAnswer]:
        raise NotSupported("o SPC Brasil confirma a inclusão na hora; não há consulta de situação")

    def query_credit(self, document: str) -> CreditReport:
        bare = "".join(ch for ch in document if ch.isalnum()).upper()
        operation = Element(f"{{{CREDIT_NAMESPACE}}}consultar")
        filtro = soap.child(operation, "filtro")
        soap.child(filtro, "codigo-produto", CREDIT_PRODUCT)
        soap.child(filtro, "tipo-consumidor", "F" if len(bare) == 11 else "J")
        soap.child(filtro, "documento-consumidor", bare)
        body = self._call(operation, self.url[: -len(SERVICE_PATH)] + CREDIT_PATH)
        result = soap.find(body, "resultado")
        if result is None:
            raise Transient(f"resposta de {NAME} sem resultado")

        def details(
            group: str, item: str, creditor: str, value: str, when: str
        ) -> tuple[Restriction, ...]:
            found = soap.find(result, group)
            out = []
            for element in soap.find_all(found, item) if found is not None else []:
                try:
                    amount = Decimal(soap.text_of(element, value) or "")
                except InvalidOperation:
                    amount = None
                raw_date = soap.text_of(element, when) or ""
                try:
                    day = date.fromisoformat(raw_date[:10]) if raw_date else None
                except ValueError:
                    day = None
                out.append(
                    Restriction(soap.text_of(element, creditor) or "", amount, day, NAME, group)
                )
            return tuple(out)

        def count(group: str) -> int:
            found = soap.find(result, group)
            text = soap.text_of(found, "quantidade-total") if found is not None else None
            return int(text) if text and text.isdigit() else 0

        score = soap.text_of(result, "pontuacao")
        return CreditReport(
            document=document,
            name=soap.text_of(result, "nome") or soap.text_of(result, "razao-social"),
            score=int(score) if score and score.isdigit() else None,
            restrictions=details(
                "spc", "detalhe-spc", "nome-associado", "valor", "data-vencimento"
            ),
            protests=details("protesto", "detalhe-protesto", "cartorio", "valor", "data-protesto"),
            bounced_cheques=count("cheque-sem-fundo"),
            recent_queries=count("consulta-realizada"),
            raw=soap.as_text(body),
        )

    def test_connection(self) -> str:
        reasons = self.list_removal_reasons()
        return f"{NAME}: conexão e operador válidos ({len(reasons)} motivos de baixa)"
