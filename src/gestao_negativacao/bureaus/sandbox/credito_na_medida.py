"""Crédito na Medida as the sandbox answers it (the REST model of
shared/protocols/credito_na_medida.md): client-credentials token, JSON, 409 with the
existing id for a duplicate, 422 with the list of errors. An inclusion is received as
*pendente* and registered by the partner's batch later (``process``); a removal of an unknown
record is 404 ``NAO_ENCONTRADA``, of a removed one 409 ``JA_BAIXADA``; the credit report is
a PDF."""

from __future__ import annotations

import secrets
import time
from datetime import date
from decimal import Decimal, InvalidOperation

from fpdf import FPDF

from gestao_negativacao.bureaus.credito_na_medida import CODE_ALREADY_REMOVED, CODE_NOT_FOUND
from gestao_negativacao.bureaus.sandbox.common import record_by_bureau_id
from gestao_negativacao.bureaus.sandbox.state import Record, SandboxState, sandbox_score
from gestao_negativacao.domain.address import UFS
from gestao_negativacao.domain.documents import InvalidDocument, parse_document

RESTRICTIONS = {
    "F": [
        {"codigo": "PF01", "descricao": "Dívida vencida - pessoa física"},
        {"codigo": "PF02", "descricao": "Contrato inadimplente - pessoa física"},
    ],
    "J": [{"codigo": "PJ01", "descricao": "Dívida vencida - pessoa jurídica"}],
}

Answer = tuple[int, object]
BATCH_LIMIT = Decimal("1000000.00")


def _refuse_batch(record: Record) -> str | None:
    return "valor acima do limite do contrato" if record.value > BATCH_LIMIT else None


class CreditoNaMedidaSandbox:
    integrator = "credito_na_medida"

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
        self.tokens: set[str] = set()

    def process(self, *, everything: bool = False) -> int:
        return self.state.process_pending(
            self.integrator, self.process_after, _refuse_batch, everything=everything
        )

    def token(self, form: dict[str, str]) -> Answer:
        if form.get("grant_type") != "client_credentials" or not form.get("client_id"):
            return 400, {"erro": "grant_type client_credentials e client_id obrigatórios"}
        if form.get("client_secret") != self.password:
            return 401, {"erro": "client id ou secret inválidos"}
        token = secrets.token_hex(16)
        with self.state.lock:
            self.tokens.add(token)
        return 200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600}

    def authorised(self, header: str) -> bool:
        return header.startswith("Bearer ") and header[7:] in self.tokens

    def expire_tokens(self) -> None:
        with self.state.lock:
            self.tokens.clear()

    def restrictions(self, kind: str) -> Answer:
        return 200, RESTRICTIONS.get(kind, [])

    def include(self, body: object) -> Answer:
        if not isinstance(body, dict):
            return 422, {"erros": ["corpo JSON inválido"]}
        errors = []
        kind = body.get("tipo_pessoa")
        try:
            document = parse_document(str(body.get("documento", ""))).value
            if (len(document) == 11) != (kind == "F"):
                errors.append("tipo_pessoa não corresponde ao documento")
        except InvalidDocument as exc:
            document = ""
            errors.append(str(exc))
        if not body.get("nome"):
            errors.append("nome obrigatório")
        address = body.get("endereco") if isinstance(body.get("endereco"), dict) else {}
        cep = str(address.get("cep", ""))
        if len(cep) != 8 or not cep.isdigit():
            errors.append("CEP inválido para a carta comunicado")
        if (
            not address.get("logradouro")
            or not address.get("cidade")
            or address.get("uf") not in UFS
        ):
            errors.append("endereço incompleto para a carta comunicado")
        try:
            value = Decimal(str(body.get("valor")))
            if value <= 0:
                errors.append("valor deve ser maior que zero")
        except InvalidOperation:
            value = Decimal(0)
            errors.append("valor inválido")
        try:
            due = date.fromisoformat(str(body.get("vencimento")))
            if due >= (self.today or date.today()):
                errors.append("só é possível negativar parcela já vencida")
        except ValueError:
            due = None
            errors.append("vencimento inválido")
        contract, installment = body.get("contrato"), body.get("parcela")
        if not contract or not isinstance(installment, int):
            errors.append("contrato e parcela obrigatórios")
        codes = {r["codigo"] for r in RESTRICTIONS.get(str(kind), [])}
        if body.get("codigo_restricao") not in codes:
            errors.append("código de restrição inválido para o tipo de pessoa")
        if errors:
            return 422, {"erros": errors}
        key = (document, str(contract), installment)
        with self.state.lock:
            record = self.state.inclusion_received(
                self.integrator, key, document, str(contract), installment, value, str(due), "CNM"
            )
            if record.situation in ("pendente", "ativa"):
                return 409, {"id": record.bureau_id, "erro": "negativação já existe"}
            record.situation, record.active, record.value = "pendente", False, value
            record.received_at = time.monotonic()
            return 201, {"id": record.bureau_id, "status": "pendente"}

    def remove(self, bureau_id: str) -> Answer:
        with self.state.lock:
            self.state.requests[self.integrator] += 1
            record = record_by_bureau_id(self.state, self.integrator, bureau_id)
            if record is None:
                return 404, {"codigo": CODE_NOT_FOUND, "erro": "negativação não encontrada"}
            record.removals += 1
            if record.situation in ("baixada", "erro"):
                return 409, {"codigo": CODE_ALREADY_REMOVED, "erro": "negativação já baixada"}
            record.situation, record.active = "baixada", False
            return 200, {"id": bureau_id, "status": "baixada"}

    def status(self, bureau_id: str) -> Answer:
        self.process()
        with self.state.lock:
            record = record_by_bureau_id(self.state, self.integrator, bureau_id)
            if record is None:
                return 404, {"codigo": CODE_NOT_FOUND, "erro": "negativação não encontrada"}
            situation = {"ativa": "ativo"}.get(record.situation, record.situation)
            return 200, {"id": bureau_id, "status": situation, "mensagem": record.message}

    def report(self, document: str) -> tuple[int, object]:
        """The credit report as the partner gives it: a PDF."""
        try:
            document = parse_document(document).value
        except InvalidDocument as exc:
            return 422, {"erros": [str(exc)]}
        active = self.state.active_records_of(document)
        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("helvetica", size=14)
        pdf.cell(0, 10, "Credito na Medida - relatorio de credito (sandbox)")
        pdf.ln(12)
        pdf.set_font("helvetica", size=11)
        pdf.cell(0, 8, f"Documento: {document}")
        pdf.ln(8)
        pdf.cell(0, 8, f"Score: {sandbox_score(document, len(active))}")
        pdf.ln(8)
        pdf.cell(0, 8, f"Restricoes: {len(active)}")
        pdf.ln(8)
        for integrator, r in active:
            pdf.cell(0, 8, f"Contrato {r.contract} ({integrator}) R$ {r.value:.2f} {r.due_date}")
            pdf.ln(8)
        return 200, bytes(pdf.output())
