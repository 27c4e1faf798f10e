"""Serasa through SOA WebServices — SOAP (.asmx), the portal e-mail and password in the
body of every call, asynchronous confirmation (shared/protocols/soa_serasa.md).

An accepted ``Incluir`` is only *pending* at Serasa (processed in daily batches): the adapter
returns it unconfirmed with its ``UniqueID``, and ``fetch_status`` later asks in batched
``Lista`` calls — never a loop of one call per item (distributors block clients that poll).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit
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

NAME = "Serasa (SOA WebServices)"
CODE_AUTH = "G000M000"  # invalid credentials (public)
CODE_INVALID_DOCUMENT = "G000M003"  # invalid document (public)
# Serasa's field sizes (public): longer texts are cut, never refused
SIZES = {"Nome": 70, "Logradouro": 45, "Bairro": 20, "Cidade": 25}

# ---- NOT CONFIRMED with SOA WebServices (confirm in its test-drive environment) ----------
NAMESPACE = "http://www.soawebservices.com.br/"
SOAP_ACTION = NAMESPACE + "{operation}"
CODE_ALREADY_INCLUDED = "G001M010"  # duplicate inclusion; the answer carries the UniqueID
CODE_NOT_FOUND = "G001M020"  # removal of a record unknown or already removed
SEND_NAME = (
    True  # the public notes list no name in Devedor; Serasa's 70-character limit says there is one
)
LIST_RECORD = "Negativacao"  # element of each record in a Lista answer
SITUATIONS = {"Ativas": "ativa", "Erro": "erro", "Baixadas": "baixada", "Pendentes": "pendente"}
# Credit query: REST with the same Credenciais and envelope, at the "services" host
# (homologation host for test-drive URLs); product path and report fields are a model.
CREDIT_HOSTS = {
    "producao": "https://services.soawebservices.com.br",
    "test-drive": "https://homologacao.soawebservices.com.br",
}
CREDIT_PATH = "/api/v2/credito/consulta"
SANDBOX_CREDIT_PREFIX = "/soa"  # any other host (the sandbox) serves it under /soa
# ------------------------------------------------------------------------------------------


def credit_base(url: str) -> str:
    """Where the credit query lives, given the configured negativation URL."""
    parts = urlsplit(url)
    if (parts.hostname or "").endswith("soawebservices.com.br"):
        return CREDIT_HOSTS["test-drive" if "test-drive" in parts.path else "producao"]
    return f"{parts.scheme}://{parts.netloc}{SANDBOX_CREDIT_PREFIX}"


def _cut(field: str, text: str | None) -> str:
    text = (text or "").strip()
    return text[: SIZES[field]] if field in SIZES else text


class SoaSerasaAdapter:
    integrator = "soa_serasa"

    def __init__(
        self,
        url: str,
        email: str,
        password: str,
        *,
        timeout: httpx.Timeout | float | None = None,
        max_connections: int = 16,
    ) -> None:
        self.url = url.rstrip("/")
        self.client = make_client("", timeout=timeout, max_connections=max_connections)
        self._email = email
        self._password = password

    def close(self) -> None:
        self.client.close()

    # -- transport ------------------------------------------------------------------------

    def _operation(self, name: str) -> Element:
        operation = Element(f"{{{NAMESPACE}}}{name}")
        credentials = soap.child(operation, f"{{{NAMESPACE}}}Credenciais")
        soap.child(credentials, f"{{{NAMESPACE}}}Email", self._email)
        soap.child(credentials, f"{{{NAMESPACE}}}Senha", self._password)
        return operation

    @staticmethod
    def _add(parent: Element, name: str, text: str | None = None) -> Element:
        return soap.child(parent, f"{{{NAMESPACE}}}{name}", text)

    def _call(self, operation: Element) -> Element:
        name = soap.local(operation.tag)
        action = SOAP_ACTION.format(operation=name)
        result = soap.call_result(self.client, self.url, operation, NAME, action)
        ok = (soap.text_of(result, "Status") or "").lower() == "true"
        transaction = soap.find(result, "Transacao")
        code = soap.text_of(transaction, "CodigoStatus") if transaction is not None else None
        message = (
            (
                soap.text_of(transaction, "CodigoStatusDescricao")
                if transaction is not None
                else None
            )
            or soap.text_of(result, "Mensagem")
            or ""
        )
        if not ok:
            if code == CODE_AUTH:
                raise AuthFailed(f"{NAME} recusou o e-mail ou a senha", code=code)
            if code == CODE_ALREADY_INCLUDED or code == CODE_NOT_FOUND:
                raise AlreadyDone(message, code=code, bureau_id=soap.text_of(result, "UniqueID"))
            raise Rejected(message or "recusado pela Serasa", code=code)
        return result

    # -- operations -----------------------------------------------------------------------

    def _debtor(self, parent: Element, debtor: Debtor, kind: str) -> None:
        element = self._add(parent, "Devedor")
        self._add(element, "TipoDevedor", kind)
        self._add(element, "Documento", debtor.document)
        if SEND_NAME:
            self._add(element, "Nome", _cut("Nome", debtor.name))
        address = self._add(element, "Endereco")
        a = debtor.address
        self._add(address, "CEP", a.cep)
        self._add(address, "Logradouro", _cut("Logradouro", a.street))
        self._add(address, "Numero", a.number or "S/N")
        self._add(address, "Complemento", a.complement or "")
        self._add(address, "Bairro", _cut("Bairro", a.district))

    def include(self, request: InclusionRequest) -> Outcome:
        operation = self._operation("Incluir")
        inclusion = self._add(operation, "InclusaoNegativacao")
        debtors = self._add(inclusion, "Devedores")
        self._debtor(
            debtors, request.debtor, "Principal" if request.role == "holder" else "CoObrigado"
        )
        if request.co_debtor is not None:  # at most two debtors per record
            self._debtor(debtors, request.co_debtor, "CoObrigado")
        restriction = self._add(inclusion, "Restricao")
        self._add(restriction, "CodigoRestricao", request.nature_code or "")
        self._add(restriction, "Contrato", request.contract)
        self._add(restriction, "NossoNumero", request.contract)
        self._add(restriction, "DataVencimento", request.due_date.isoformat())
        self._add(restriction, "Valor", f"{request.value:.2f}")
        result = self._call(operation)
        unique_id = soap.text_of(result, "UniqueID")
        if not unique_id:
            raise Transient(f"{NAME} aceitou sem devolver o UniqueID")
        message = soap.text_of(result, "Mensagem") or "recebida; aguardando processamento da Serasa"
        return Outcome(unique_id, unique_id, message, confirmed=False)

    def remove(self, ref: RecordRef, reason_code: str | None) -> Outcome:
        if not ref.bureau_id:
            raise Rejected("falta o UniqueID da negativação para a exclusão na Serasa")
        operation = self._operation("Excluir")
        self._add(operation, "UniqueID", ref.bureau_id)
        self._add(operation, "CodigoBaixa", reason_code or "")
        self._add(operation, "DataBaixa", date.today().isoformat())
        result = self._call(operation)
        return Outcome(ref.bureau_id, ref.bureau_id, soap.text_of(result, "Mensagem") or "excluída")

    def fetch_status(self, bureau_ids: list[str]) -> list[StatusAnswer]:
        """One ``Lista`` per situation, whatever the number of items asked about."""
        wanted = set(bureau_ids)
        found: dict[str, StatusAnswer] = {}
        for condition, status in SITUATIONS.items():
            if condition == "Pendentes":
                continue
            operation = self._operation("Lista")
            self._add(operation, "Condicao", condition)
            for record in soap.find_all(self._call(operation), LIST_RECORD):
                unique_id = soap.text_of(record, "UniqueID")
                if unique_id in wanted:
                    message = soap.text_of(record, "Mensagem") or ""
                    found[unique_id] = StatusAnswer(unique_id, status, message)
        return [found.get(i, StatusAnswer(i, "pendente")) for i in bureau_ids]

    def _codes(self, operation_name: str) -> list[ListItem]:
        result = self._call(self._operation(operation_name))
        items = []
        for element in soap.find_all(result, "Codigo"):
            code = soap.text_of(element, "Valor") or (element.text or "").strip()
            description = soap.text_of(element, "Descricao") or code
            if code:
                items.append(ListItem(code, description))
        return items

    def list_removal_reasons(self) -> list[ListItem]:
        return self._codes("CodigosBaixa")

    def list_natures(self, person_kind: str | None = None) -> list[ListItem]:
        return self._codes("CodigosRestricoes")

    def list_document_types(self) -> list[ListItem]:
        raise NotSupported("a Serasa via SOA não usa tipo de documento")

    def query_credit(self, document: str) -> CreditReport:
        payload = {
            "Credenciais": {"Email": self._email, "Senha": self._password},
            "Documento": document,
        }
        with transport(NAME):
            response = self.client.post(credit_base(self.url) + CREDIT_PATH, json=payload)
        check_http_status(response, NAME)
        try:
            body = response.json()
        except ValueError:
            raise Transient(f"resposta malformada de {NAME}") from None
        if not isinstance(body, dict):
            raise Transient(f"resposta malformada de {NAME}")
        transaction = body.get("Transacao") if isinstance(body.get("Transacao"), dict) else {}
        if body.get("Status") is not True:
            code = str(transaction.get("CodigoStatus") or "")
            message = str(transaction.get("CodigoStatusDescricao") or body.get("Mensagem") or "")
            if code == CODE_AUTH:
                raise AuthFailed(f"{NAME} recusou o e-mail ou a senha", code=code)
            raise Rejected(message or "consulta recusada", code=code)

        def items(key: str) -> tuple[Restriction, ...]:
            out = []
            for item in body.get(key) or []:
                if not isinstance(item, dict):
                    continue
                try:
                    value = (
                        Decimal(str(item.get("Valor"))) if item.get("Valor") is not None else None
                    )
                except InvalidOperation:
                    value = None
                try:
                    when = (
                        date.fromisoformat(str(item.get("Data"))[:10]) if item.get("Data") else None
                    )
                except ValueError:
                    when = None
                out.append(
                    Restriction(str(item.get("Credor", "")), value, when, "Serasa", key.lower())
                )
            return tuple(out)

        score = body.get("Score")
        return CreditReport(
            document=document,
            name=body.get("Nome"),
            score=int(score) if isinstance(score, int | float) else None,
            restrictions=items("Pendencias"),
            protests=items("Protestos"),
            bounced_cheques=int(body.get("ChequesSemFundo") or 0),
            recent_queries=int(body.get("ConsultasRecentes") or 0),
            raw=response.text,
        )

    def test_connection(self) -> str:
        reasons = self.list_removal_reasons()
        return f"{NAME}: credenciais válidas ({len(reasons)} códigos de baixa)"
