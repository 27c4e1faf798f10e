"""Serasa through SOA WebServices as the sandbox answers it: SOAP with the credentials in
the body, the answer envelope Status / Mensagem / Transacao, and the asynchronous life of a
negativation — received as *pendente*, turned *ativa* (or *erro*) when the sandbox processes
its batch: on ``POST /_sandbox/process``, or by itself ``process_after`` seconds later.

No easier than SOA: another SOAPAction is a client fault (HTTP 500), only elements in the
service's namespace are read, a ``CoObrigado`` needs its ``Principal`` in the same call (and
one at most), and an empty restriction or removal code is refused. The batch refuses, as a
business rule, values above R$ 1.000.000,00 (the plan's limit). ``Concentre`` answers the
credit query from the records the sandbox holds."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

from gestao_negativacao.bureaus.sandbox.common import (
    Fields,
    Refused,
    asmx_fault,
    asmx_response,
    escape,
    record_by_bureau_id,
    soap_operation,
    wrong_soap_action,
)
from gestao_negativacao.bureaus.sandbox.state import Record, SandboxState, sandbox_score
from gestao_negativacao.bureaus.soa_serasa import (
    CODE_ALREADY_INCLUDED,
    CODE_AUTH,
    CODE_INVALID_DOCUMENT,
    CODE_NOT_FOUND,
    DEBT_DETAIL,
    LIST_RECORD,
    NAMESPACE,
    SOAP_ACTION,
)
from gestao_negativacao.bureaus.soap import local
from gestao_negativacao.domain.documents import InvalidDocument, parse_document

F = Fields(NAMESPACE)
REMOVAL_CODES = [("01", "Pagamento"), ("02", "Renegociação"), ("03", "Decisão judicial")]
RESTRICTION_CODES = [("AD", "Atraso de pagamento"), ("CT", "Contrato inadimplente")]
BATCH_LIMIT = Decimal("1000000.00")
CONDITIONS = {"Pendentes": "pendente", "Ativas": "ativa", "Erro": "erro", "Baixadas": "baixada",
              "Indiponivel": "indisponivel"}  # fmt: skip


def _answer(operation: str, ok: bool, message: str, code: str, extra: str = "") -> bytes:
    status = "true" if ok else "false"
    inner = (
        f"<Status>{status}</Status><Mensagem>{escape(message)}</Mensagem>{extra}"
        f"<Transacao><Status>{status}</Status><CodigoStatus>{code}</CodigoStatus>"
        f"<CodigoStatusDescricao>{escape(message)}</CodigoStatusDescricao></Transacao>"
    )
    return asmx_response(NAMESPACE, operation, inner)


def _refuse_batch(record: Record) -> str | None:
    return "valor acima do limite do plano" if record.value > BATCH_LIMIT else None


class SoaSerasaSandbox:
    integrator = "soa_serasa"

    def __init__(
        self,
        state: SandboxState,
        password: str,
        today: date | None = None,
        process_after: float | None = 5.0,
    ) -> None:
        self.state = state
        self.password = password
        self.today = today
        self.process_after = process_after

    def handle(self, body: bytes, soap_action: str, *, credit: bool = False) -> tuple[int, bytes]:
        operation = soap_operation(body)
        if operation is None:
            return 500, asmx_fault("Client", "There is an error in the XML document.")
        name = local(operation.tag)
        handlers = (
            {"Concentre": self._concentre}
            if credit
            else {
                "Incluir": self._include,
                "Excluir": self._remove,
                "Consulta": self._query,
                "Lista": self._list,
                "CodigosBaixa": self._removal_codes,
                "CodigosRestricoes": self._restriction_codes,
            }
        )
        if operation.tag != f"{{{NAMESPACE}}}{name}" or name not in handlers:
            return 500, asmx_fault("Client", f"Unable to handle request: {name}")
        wrong = wrong_soap_action(soap_action, SOAP_ACTION.format(operation=name))
        if wrong is not None:
            return 500, wrong
        credentials = F.get(operation, "Credenciais")
        if not F.text(credentials, "Email") or F.text(credentials, "Senha") != self.password:
            return 200, _answer(name, False, "Credenciais inválidas", CODE_AUTH)
        try:
            message, extra = handlers[name](operation)
        except Refused as refused:
            extra = f"<UniqueID>{refused.bureau_id}</UniqueID>" if refused.bureau_id else ""
            return 200, _answer(name, False, refused.message, refused.code, extra)
        return 200, _answer(name, True, message, "G000M999", extra)

    # -- the batch ------------------------------------------------------------------------

    def process(self, *, everything: bool = False) -> int:
        """Turn received negativations active (or erro) as Serasa's batch would."""
        return self.state.process_pending(
            self.integrator, self.process_after, _refuse_batch, everything=everything
        )

    # -- operations -----------------------------------------------------------------------

    def _debtor(self, devedor: Element) -> str:
        try:
            document = parse_document(F.text(devedor, "Documento") or "").value
        except InvalidDocument:
            raise Refused(CODE_INVALID_DOCUMENT, "Documento inválido") from None
        cep = F.text(devedor, "Endereco", "CEP")
        if (
            not cep
            or len(cep) != 8
            or not cep.isdigit()
            or not F.text(devedor, "Endereco", "Logradouro")
        ):
            raise Refused("G002M002", "endereço do devedor incompleto para o comunicado")
        return document

    def _include(self, operation: Element) -> tuple[str, str]:
        inclusion = F.get(operation, "InclusaoNegativacao")
        devedores = F.all(F.get(inclusion, "Devedores"), "Devedor")
        kinds = [F.text(d, "TipoDevedor") for d in devedores]
        if not devedores or len(devedores) > 2:
            raise Refused("G002M001", "informe um ou dois devedores")
        if kinds.count("Principal") != 1 or kinds[0] != "Principal":
            raise Refused("G002M009", "informe o devedor principal (o coobrigado vai com ele)")
        if len(kinds) == 2 and kinds[1] != "CoObrigado":
            raise Refused("G002M010", "o segundo devedor deve ser o coobrigado")
        documents = [self._debtor(d) for d in devedores]
        restriction = F.get(inclusion, "Restricao")
        if restriction is None:
            raise Refused("G002M003", "restrição não informada")
        if F.text(restriction, "CodigoRestricao") not in {c for c, _ in RESTRICTION_CODES}:
            raise Refused("G002M004", "código de restrição inválido")
        contract = F.text(restriction, "Contrato")
        try:
            due = date.fromisoformat((F.text(restriction, "DataVencimento") or "")[:10])
            value = Decimal(F.text(restriction, "Valor") or "")
        except (ValueError, InvalidOperation):
            raise Refused("G002M005", "data de vencimento ou valor inválidos") from None
        if not contract or value <= 0:
            raise Refused("G002M006", "contrato e valor maior que zero obrigatórios")
        if due >= (self.today or date.today()):
            raise Refused("G002M007", "a dívida ainda não venceu")
        key = (documents[0], contract, due.isoformat())
        with self.state.lock:
            record = self.state.inclusion_received(
                self.integrator, key, documents[0], contract, None, value, due.isoformat(), "SOA"
            )
            if record.situation in ("pendente", "ativa"):
                raise Refused(CODE_ALREADY_INCLUDED, "negativação já existente", record.bureau_id)
            record.situation, record.active, record.value = "pendente", False, value
            record.co_obligor = documents[1] if len(documents) == 2 else ""
            record.received_at = time.monotonic()
            return (
                "negativação recebida; processamento em lote",
                f"<UniqueID>{record.bureau_id}</UniqueID>",
            )

    def _remove(self, operation: Element) -> tuple[str, str]:
        unique_id = F.text(operation, "UniqueID")
        if F.text(operation, "CodigoBaixa") not in {c for c, _ in REMOVAL_CODES}:
            raise Refused("G002M011", "código de baixa inválido")
        with self.state.lock:
            self.state.requests[self.integrator] += 1
            record = record_by_bureau_id(self.state, self.integrator, unique_id)
            if record is not None:
                record.removals += 1
            if record is None or record.situation != "ativa":
                raise Refused(CODE_NOT_FOUND, "negativação não encontrada ou já excluída")
            record.situation, record.active = "baixada", False
        return "negativação excluída", f"<UniqueID>{unique_id}</UniqueID>"

    def _query(self, operation: Element) -> tuple[str, str]:
        self.process()
        with self.state.lock:
            record = record_by_bureau_id(self.state, self.integrator, F.text(operation, "UniqueID"))
            if record is None:
                raise Refused(CODE_NOT_FOUND, "negativação não encontrada")
            return (
                record.message or record.situation,
                f"<UniqueID>{record.bureau_id}</UniqueID><Situacao>{record.situation}</Situacao>",
            )

    def _list(self, operation: Element) -> tuple[str, str]:
        self.process()
        wanted = CONDITIONS.get(F.text(operation, "Condicao") or "")
        if wanted is None:
            raise Refused("G002M008", "condição inválida")
        with self.state.lock:
            items = "".join(
                f"<{LIST_RECORD}><UniqueID>{r.bureau_id}</UniqueID>"
                f"<Situacao>{r.situation}</Situacao><Mensagem>{escape(r.message)}</Mensagem>"
                f"</{LIST_RECORD}>"
                for r in self.state.records[self.integrator].values()
                if r.situation == wanted
            )
        return "ok", f"<Negativacoes>{items}</Negativacoes>"

    @staticmethod
    def _codes(codes: list[tuple[str, str]]) -> tuple[str, str]:
        items = "".join(
            f"<Codigo><Valor>{c}</Valor><Descricao>{escape(d)}</Descricao></Codigo>"
            for c, d in codes
        )
        return "ok", f"<Codigos>{items}</Codigos>"

    def _removal_codes(self, operation: Element) -> tuple[str, str]:
        return self._codes(REMOVAL_CODES)

    def _restriction_codes(self, operation: Element) -> tuple[str, str]:
        return self._codes(RESTRICTION_CODES)

    def _concentre(self, operation: Element) -> tuple[str, str]:
        """The credit report (``Concentre``), answered from the records the sandbox holds."""
        try:
            document = parse_document(F.text(operation, "Documento") or "").value
        except InvalidDocument:
            raise Refused(CODE_INVALID_DOCUMENT, "Documento inválido") from None
        active = self.state.active_records_of(document)
        details = "".join(
            f"<{DEBT_DETAIL}><DataOcorrencia>{r.due_date}</DataOcorrencia>"
            f"<Valor>{r.value:.2f}</Valor><Contrato>{escape(r.contract)}</Contrato>"
            f"<NomeCredor>Contrato {escape(r.contract)} ({integrator})</NomeCredor>"
            f"</{DEBT_DETAIL}>"
            for integrator, r in active
        )
        kind = "PessoaFisica" if len(document) == 11 else "PessoaJuridica"
        score = sandbox_score(document, len(active))
        extra = (
            f"<SinteseCadastral><Documento>{document}</Documento><Nome></Nome></SinteseCadastral>"
            f"<TotalOcorrencias>{len(active)}</TotalOcorrencias>"
            f"<PendenciasFinanceiras><TotalOcorrencias>{len(active)}</TotalOcorrencias>"
            f"{details}</PendenciasFinanceiras>"
            "<Protestos><TotalOcorrencias>0</TotalOcorrencias></Protestos>"
            f"<RiskScore><{kind}><Score>{score}</Score></{kind}></RiskScore>"
        )
        return "consulta realizada", extra
