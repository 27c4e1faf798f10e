"""Serasa through SOA WebServices — SOAP (.asmx), the portal e-mail and password in the
body of every call, asynchronous confirmation (shared/protocols/soa_serasa.md).

An accepted ``Incluir`` is only *pending* at Serasa (processed in daily batches): the adapter
returns it unconfirmed with its ``UniqueID``, and ``fetch_status`` later asks in batched
``Lista`` calls — never a loop of one call per item (distributors block clients that poll).
A guarantor goes in the holder's ``Incluir`` as its ``CoObrigado``, never alone. The credit
query is SOA's SOAP ``Concentre`` service beside the negativation one.
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
    NotFound,
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.bureaus.http import make_client
from gestao_negativacao.domain.enums import DebtorRole, NegativationStatus

NAME = "Serasa (SOA WebServices)"
CODE_AUTH = "G000M000"  # invalid credentials (public)
CODE_INVALID_DOCUMENT = "G000M003"  # invalid document (public)
# Serasa's field sizes (public): longer texts are cut, never refused
SIZES = {"Nome": 70, "Logradouro": 45, "Bairro": 20, "Cidade": 25}
NEGATIVATION_SERVICE = "negativacao.asmx"
CREDIT_SERVICE = "concentre.asmx"  # serasa/concentre.asmx, beside negativacao.asmx

# ---- NOT CONFIRMED with SOA WebServices (confirm in its test-drive environment) ----------
# SOA's other services and a client generated from SOA's own description use these; read
# negativacao.asmx?WSDL at homologation and change only here if it differs.
NAMESPACE = "SOAWebServices"
SOAP_ACTION = NAMESPACE + "/{operation}"
CODE_ALREADY_INCLUDED = "G001M010"  # duplicate inclusion; the answer carries the UniqueID
CODE_NOT_FOUND = "G001M020"  # removal of a record the bureau does not hold
SEND_NAME = True  # the notes list no name in Devedor; Serasa's 70-character limit says there is
LIST_RECORD = "Negativacao"  # element of each record in a Lista answer
# the Lista conditions asked by the follow-up, and what each means here ("Indiponivel" [sic]
# and "Pendentes" change nothing)
SITUATIONS = {
    "Ativas": NegativationStatus.ACTIVE,
    "Erro": NegativationStatus.ERROR,
    "Baixadas": NegativationStatus.REMOVED,
}
# the Concentre answer's detail elements
DEBT_DETAIL = "PendenciasFinanceirasDetalhe"
PROTEST_DETAIL = "ProtestosDetalhe"
# ------------------------------------------------------------------------------------------


def _cut(field: str, text: str | None) -> str:
    text = (text or "").strip()
    return text[: SIZES[field]] if field in SIZES else text


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00"


def credit_url(url: str) -> str:
    """The Concentre service beside the configured negativation service."""
    base = url.rstrip("/")
    if base.endswith(NEGATIVATION_SERVICE):
        return base[: -len(NEGATIVATION_SERVICE)] + CREDIT_SERVICE
    return base.rsplit("/", 1)[0] + "/" + CREDIT_SERVICE


class SoaSerasaAdapter:
    integrator = "soa_serasa"
    confirms_later = True

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

    def _add(self, parent: Element, name: str, text: str | None = None) -> Element:
        return soap.qualified(parent, NAMESPACE, name, text)

    def _operation(self, name: str) -> Element:
        operation = Element(f"{{{NAMESPACE}}}{name}")
        credentials = self._add(operation, "Credenciais")
        self._add(credentials, "Email", self._email)
        self._add(credentials, "Senha", self._password)
        return operation

    def _call(self, operation: Element, url: str | None = None) -> Element:
        name = soap.local(operation.tag)
        action = SOAP_ACTION.format(operation=name)
        result = soap.call_result(self.client, url or self.url, operation, NAME, action)
        ok = (soap.direct_text(result, "Status") or "").lower() == "true"
        transaction = soap.direct(result, "Transacao")
        code = soap.direct_text(transaction, "CodigoStatus") if transaction is not None else None
        message = (
            soap.direct_text(transaction, "CodigoStatusDescricao") if transaction is not None
            else None
        ) or soap.direct_text(result, "Mensagem") or ""  # fmt: skip
        if not ok:
            if code == CODE_AUTH:
                raise AuthFailed(f"{NAME} recusou o e-mail ou a senha", code=code)
            if code == CODE_ALREADY_INCLUDED and name == "Incluir":
                existing = soap.direct_text(result, "UniqueID")
                raise AlreadyDone(message, code=code, bureau_id=existing)
            if code == CODE_NOT_FOUND and name == "Excluir":
                raise NotFound(message or "negativação não encontrada", code=code)
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
        if request.role != DebtorRole.HOLDER:
            raise Rejected(
                "na Serasa (SOA) o avalista vai na inclusão do titular (CoObrigado), nunca sozinho"
            )
        if not request.nature_code:
            raise Rejected(
                "a integração da Serasa não tem código de restrição para este tipo de pessoa; "
                "escolha um em Integrações (Buscar na integradora)"
            )
        operation = self._operation("Incluir")
        inclusion = self._add(operation, "InclusaoNegativacao")
        debtors = self._add(inclusion, "Devedores")
        self._debtor(debtors, request.debtor, "Principal")
        if request.co_debtor is not None:  # at most two debtors per record
            self._debtor(debtors, request.co_debtor, "CoObrigado")
        restriction = self._add(inclusion, "Restricao")
        self._add(restriction, "CodigoRestricao", request.nature_code)
        self._add(restriction, "Contrato", request.contract)
        self._add(restriction, "NossoNumero", request.contract)
        self._add(restriction, "DataVencimento", _stamp(request.due_date))
        self._add(restriction, "Valor", f"{request.value:.2f}")
        result = self._call(operation)
        unique_id = soap.direct_text(result, "UniqueID")
        if not unique_id:
            raise Transient(f"{NAME} aceitou sem devolver o UniqueID")
        message = soap.direct_text(result, "Mensagem") or "recebida; aguardando a Serasa"
        return Outcome(unique_id, unique_id, message, confirmed=False)

    def remove(self, ref: RecordRef, reason_code: str | None) -> Outcome:
        if not ref.bureau_id:
            raise Rejected("falta o UniqueID da negativação para a exclusão na Serasa")
        if not reason_code:
            raise Rejected(
                "a integração da Serasa não tem código de baixa configurado; escolha um em "
                "Integrações (Buscar na integradora)"
            )
        operation = self._operation("Excluir")
        self._add(operation, "UniqueID", ref.bureau_id)
        self._add(operation, "CodigoBaixa", reason_code)
        self._add(operation, "DataBaixa", _stamp(date.today()))
        result = self._call(operation)
        message = soap.direct_text(result, "Mensagem") or "excluída"
        return Outcome(ref.bureau_id, ref.bureau_id, message)

    def fetch_status(self, bureau_ids: list[str]) -> list[StatusAnswer]:
        """One ``Lista`` per situation, whatever the number of items asked about."""
        wanted = set(bureau_ids)
        found: dict[str, StatusAnswer] = {}
        for condition, status in SITUATIONS.items():
            operation = self._operation("Lista")
            self._add(operation, "Condicao", condition)
            for record in soap.find_all(self._call(operation), LIST_RECORD):
                unique_id = soap.direct_text(record, "UniqueID")
                if unique_id in wanted:
                    message = soap.direct_text(record, "Mensagem") or ""
                    found[unique_id] = StatusAnswer(unique_id, status, message)
        return [found.get(i, StatusAnswer(i, NegativationStatus.PENDING)) for i in bureau_ids]

    def _codes(self, operation_name: str) -> list[ListItem]:
        result = self._call(self._operation(operation_name))
        items = []
        for element in soap.find_all(result, "Codigo"):
            code = soap.direct_text(element, "Valor") or (element.text or "").strip()
            description = soap.direct_text(element, "Descricao") or code
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
        operation = self._operation("Concentre")
        self._add(operation, "Documento", document)
        result = self._call(operation, credit_url(self.url))
        return concentre_report(document, result)

    def test_connection(self) -> str:
        reasons = self.list_removal_reasons()
        return f"{NAME}: credenciais válidas ({len(reasons)} códigos de baixa)"


def _amount(text: str | None) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ".")) if text else None
    except InvalidOperation:
        return None


def _day(text: str | None) -> date | None:
    if not text:
        return None
    text = text.strip()
    try:
        if "/" in text:  # dd/mm/aaaa
            day, month, year = text[:10].split("/")
            return date(int(year), int(month), int(day))
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def concentre_report(document: str, result: Element) -> CreditReport:
    synthesis = soap.direct(result, "SinteseCadastral")
    name = (soap.direct_text(synthesis, "Nome") if synthesis is not None else None) or None

    def details(group: str, detail: str, creditor: str) -> tuple[Restriction, ...]:
        block = soap.direct(result, group)
        if block is None:
            return ()
        return tuple(
            Restriction(
                soap.direct_text(item, creditor) or soap.direct_text(item, "Origem") or "",
                _amount(soap.direct_text(item, "Valor")),
                _day(soap.direct_text(item, "DataOcorrencia")),
                "Serasa",
                group,
            )
            for item in block
            if soap.local(item.tag) == detail
        )

    score = None
    risk = soap.direct(result, "RiskScore")
    for kind in ("PessoaFisica", "PessoaJuridica"):
        block = soap.direct(risk, kind) if risk is not None else None
        text = soap.direct_text(block, "Score") if block is not None else None
        if text and text.isdigit():
            score = int(text)
            break
    cheques = soap.direct(result, "AcheiRecheque")
    cheque_total = soap.direct_text(cheques, "TotalOcorrencias") if cheques is not None else None
    return CreditReport(
        document=document,
        name=name,
        score=score,
        restrictions=details("PendenciasFinanceiras", DEBT_DETAIL, "NomeCredor"),
        protests=details("Protestos", PROTEST_DETAIL, "Cartorio"),
        bounced_cheques=int(cheque_total) if cheque_total and cheque_total.isdigit() else 0,
        recent_queries=0,
        raw=soap.as_text(result),
    )
