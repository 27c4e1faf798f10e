"""Serasa through SOA WebServices as the sandbox answers it: SOAP with the credentials in
the body, the answer envelope Status / Mensagem / Transacao, and the asynchronous life of a
negativation — received as *pendente*, turned *ativa* (or *erro*) when the sandbox processes
its batch: on ``POST /_sandbox/process``, or by itself ``process_after`` seconds later.

The batch refuses, as a business rule, values above R$ 1.000.000,00 (the plan's limit)."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

from gestao_negativacao.bureaus.sandbox.common import (
    Refused,
    asmx_response,
    escape,
    record_by_bureau_id,
    soap_operation,
)
from gestao_negativacao.bureaus.sandbox.state import SandboxState, sandbox_score
from gestao_negativacao.bureaus.soa_serasa import (
    CODE_ALREADY_INCLUDED,
    CODE_AUTH,
    CODE_INVALID_DOCUMENT,
    CODE_NOT_FOUND,
    NAMESPACE,
)
from gestao_negativacao.bureaus.soap import find, find_all, local, text_of
from gestao_negativacao.domain.documents import InvalidDocument, parse_document

REMOVAL_CODES = [("01", "Pagamento"), ("02", "Renegociação"), ("03", "Decisão judicial")]
RESTRICTION_CODES = [("AD", "Atraso de pagamento"), ("CT", "Contrato inadimplente")]
BATCH_LIMIT = Decimal("1000000.00")


def _answer(operation: str, ok: bool, message: str, code: str, extra: str = "") -> bytes:
    status = "true" if ok else "false"
    inner = (
        f"<Status>{status}</Status><Mensagem>{escape(message)}</Mensagem>{extra}"
        f"<Transacao><Status>{status}</Status><CodigoStatus>{code}</CodigoStatus>"
        f"<CodigoStatusDescricao>{escape(message)}</CodigoStatusDescricao></Transacao>"
    )
    return asmx_response(NAMESPACE, operation, inner)


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

    def handle(self, body: bytes) -> tuple[int, bytes]:
        operation = soap_operation(body)
        if operation is None:
            return 500, b"<html>XML malformado</html>"
        name = local(operation.tag)
        credentials = find(operation, "Credenciais")
        if (
            credentials is None
            or not text_of(credentials, "Email")
            or text_of(credentials, "Senha") != self.password
        ):
            return 200, _answer(name, False, "Credenciais inválidas", CODE_AUTH)
        handlers = {
            "Incluir": self._include,
            "Excluir": self._remove,
            "Consulta": self._query,
            "Lista": self._list,
            "CodigosBaixa": self._removal_codes,
            "CodigosRestricoes": self._restriction_codes,
        }
        handler = handlers.get(name)
        if handler is None:
            return 500, b"<html>operacao desconhecida</html>"
        try:
            message, extra = handler(operation)
        except Refused as refused:
            extra = f"<UniqueID>{refused.bureau_id}</UniqueID>" if refused.bureau_id else ""
            return 200, _answer(name, False, refused.message, refused.code, extra)
        return 200, _answer(name, True, message, "G000M999", extra)

    # -- the batch ------------------------------------------------------------------------

    def process(self, *, everything: bool = False) -> int:
        """Turn received negativations active (or erro) as Serasa's batch would."""
        now, done = time.monotonic(), 0
        with self.state.lock:
            for record in self.state.records[self.integrator].values():
                if record.situation != "pendente":
                    continue
                if not everything and (
                    self.process_after is None or now - record.received_at < self.process_after
                ):
                    continue
                if record.value > BATCH_LIMIT:
                    record.situation, record.message = "erro", "valor acima do limite do plano"
                else:
                    record.situation, record.active, record.message = (
                        "ativa",
                        True,
                        "negativação ativa",
                    )
                done += 1
        return done

    # -- operations -----------------------------------------------------------------------

    def _include(self, operation: Element) -> tuple[str, str]:
        devedores = find_all(operation, "Devedor")
        if not devedores or len(devedores) > 2:
            raise Refused("G002M001", "informe um ou dois devedores")
        documents = []
        for devedor in devedores:
            try:
                documents.append(parse_document(text_of(devedor, "Documento") or "").value)
            except InvalidDocument:
                raise Refused(CODE_INVALID_DOCUMENT, "Documento inválido") from None
            address = find(devedor, "Endereco")
            cep = text_of(address, "CEP") if address is not None else None
            if not cep or len(cep) != 8 or not cep.isdigit() or not text_of(address, "Logradouro"):
                raise Refused("G002M002", "endereço do devedor incompleto para o comunicado")
        restriction = find(operation, "Restricao")
        if restriction is None:
            raise Refused("G002M003", "restrição não informada")
        if text_of(restriction, "CodigoRestricao") not in {c for c, _ in RESTRICTION_CODES}:
            raise Refused("G002M004", "código de restrição inválido")
        contract = text_of(restriction, "Contrato")
        try:
            due = date.fromisoformat(text_of(restriction, "DataVencimento") or "")
            value = Decimal(text_of(restriction, "Valor") or "")
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
            record.received_at = time.monotonic()
            return (
                "negativação recebida; processamento em lote",
                f"<UniqueID>{record.bureau_id}</UniqueID>",
            )

    def _remove(self, operation: Element) -> tuple[str, str]:
        unique_id = text_of(operation, "UniqueID")
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
            record = record_by_bureau_id(
                self.state, self.integrator, text_of(operation, "UniqueID")
            )
            if record is None:
                raise Refused(CODE_NOT_FOUND, "negativação não encontrada")
            return (
                record.message or record.situation,
                f"<UniqueID>{record.bureau_id}</UniqueID><Situacao>{record.situation}</Situacao>",
            )

    def _list(self, operation: Element) -> tuple[str, str]:
        self.process()
        wanted = {
            "Pendentes": "pendente",
            "Ativas": "ativa",
            "Erro": "erro",
            "Baixadas": "baixada",
        }.get(text_of(operation, "Condicao") or "")
        if wanted is None:
            raise Refused("G002M008", "condição inválida (Pendentes, Ativas, Erro ou Baixadas)")
        with self.state.lock:
            items = "".join(
                f"<Negativacao><UniqueID>{r.bureau_id}</UniqueID><Situacao>{r.situation}</Situacao>"
                f"<Mensagem>{escape(r.message)}</Mensagem></Negativacao>"
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

    def credit_report(self, body: object) -> tuple[int, dict]:
        """The REST credit query, answered from the records the sandbox holds."""
        credentials = body.get("Credenciais") if isinstance(body, dict) else None
        if not isinstance(credentials, dict) or credentials.get("Senha") != self.password:
            return 200, _envelope_json(False, CODE_AUTH, "Credenciais inválidas")
        try:
            document = parse_document(str(body.get("Documento", ""))).value
        except InvalidDocument:
            return 200, _envelope_json(False, CODE_INVALID_DOCUMENT, "Documento inválido")
        active = self.state.active_records_of(document)
        answer = _envelope_json(True, "G000M999", "consulta realizada")
        answer.update(
            Nome=None,
            Score=sandbox_score(document, len(active)),
            Pendencias=[
                {"Credor": f"Contrato {r.contract}", "Valor": f"{r.value:.2f}", "Data": r.due_date}
                for _, r in active
            ],
            Protestos=[],
            ChequesSemFundo=0,
            ConsultasRecentes=len(active),
        )
        return 200, answer


def _envelope_json(ok: bool, code: str, message: str) -> dict:
    return {
        "Status": ok,
        "Mensagem": message,
        "Transacao": {"Status": ok, "CodigoStatus": code, "CodigoStatusDescricao": message},
    }
