"""The credit decision of DESIGN §10 (seed 002), as a pure function: a sale or charge
request is approved at once when paid by card or cash at sight and nothing else applies;
otherwise it goes to analysis with every reason that applies, or is blocked where a
parameter or the customer's status says so."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class PaymentMethod(StrEnum):
    CARD = "cartao"
    CASH = "dinheiro"
    BOLETO = "boleto"
    CHEQUE = "cheque"


class CreditStatus(StrEnum):
    RELEASED = "liberado"
    BLOCKED = "bloqueado"
    DEBTOR = "devedor"
    PROTESTED = "protestado"
    IN_ANALYSIS = "em_analise"


class RequestStatus(StrEnum):
    """Where a credit request stands: one vocabulary for the rules' decision and the
    supervisor's. A request the rules blocked is not final: it waits in the supervisor's
    queue like one in analysis, and only the supervisor's block closes it."""

    APPROVED = "aprovada"  # by the rules at once (decided_by "regras") or by a supervisor
    IN_ANALYSIS = "em_analise"  # waits for a supervisor
    HELD = "retida"  # blocked by the rules (customer or titles): waits for a supervisor
    BLOCKED = "bloqueada"  # blocked by a supervisor, with the reason

    def label(self, decided_by: str | None = None) -> str:
        if self is RequestStatus.APPROVED:
            return "aprovada na hora" if decided_by == RULES_DECIDED else "aprovada"
        return {
            "em_analise": "em análise",
            "retida": "bloqueada pelas regras (aguarda o supervisor)",
            "bloqueada": "bloqueada",
        }[self.value]


RULES_DECIDED = "regras"  # the decided_by of a request decided by the rules at once
AWAITING_SUPERVISOR = (RequestStatus.IN_ANALYSIS.value, RequestStatus.HELD.value)

STATUS_LABELS = {
    "liberado": "Liberado",
    "bloqueado": "Bloqueado",
    "devedor": "Devedor",
    "protestado": "Protestado",
    "em_analise": "Em Análise",
}
METHOD_LABELS = {
    "cartao": "Cartão",
    "dinheiro": "Dinheiro à vista",
    "boleto": "Boleto",
    "cheque": "Cheque",
}
REASONS = {
    "cliente_bloqueado": "cliente bloqueado",
    "cliente_em_analise": "cliente em análise",
    "cliente_devedor": "cliente devedor",
    "cliente_protestado": "cliente com protesto",
    "boleto_cheque": "pagamento em boleto ou cheque",
    "a_prazo": "venda a prazo",
    "saldo_insuficiente": "saldo de crédito insuficiente",
    "titulos_em_atraso": "títulos em atraso",
    "titulos_em_cartorio": "títulos em cartório",
}
TITLE_RULES = ("desativado", "bloquear", "analise")


@dataclass(frozen=True)
class CreditFacts:
    """What the decision needs to know, read from the database on the request's date."""

    status: str
    limit: Decimal  # 0 = unlimited (temporary increases already added)
    used: Decimal  # open amount of the customer's titles
    has_overdue: bool
    has_notary: bool  # overdue more than the parameter's days ("em cartório")

    @property
    def balance(self) -> Decimal | None:
        return None if self.limit == 0 else self.limit - self.used


@dataclass(frozen=True)
class Decision:
    outcome: RequestStatus
    reasons: tuple[str, ...]

    def describe(self) -> str:
        return "; ".join(REASONS[r] for r in self.reasons) or "nada a analisar"


def decide(
    *,
    enabled: bool,
    overdue_rule: str,
    notary_rule: str,
    method: str,
    installments: int,
    amount: Decimal,
    facts: CreditFacts,
) -> Decision:
    if not enabled:
        return Decision(RequestStatus.APPROVED, ())
    blocking: list[str] = []
    analysis: list[str] = []
    status = facts.status
    if status == CreditStatus.BLOCKED:
        blocking.append("cliente_bloqueado")
    elif status == CreditStatus.IN_ANALYSIS:
        analysis.append("cliente_em_analise")
    elif status == CreditStatus.DEBTOR:
        analysis.append("cliente_devedor")
    elif status == CreditStatus.PROTESTED:
        analysis.append("cliente_protestado")
    if method in (PaymentMethod.BOLETO, PaymentMethod.CHEQUE):
        analysis.append("boleto_cheque")
    if installments > 1:
        analysis.append("a_prazo")
    if facts.balance is not None and amount > facts.balance:
        analysis.append("saldo_insuficiente")
    for present, rule, reason in (
        (facts.has_overdue, overdue_rule, "titulos_em_atraso"),
        (facts.has_notary, notary_rule, "titulos_em_cartorio"),
    ):
        if present and rule == "bloquear":
            blocking.append(reason)
        elif present and rule == "analise":
            analysis.append(reason)
    if blocking:
        return Decision(RequestStatus.HELD, tuple(blocking + analysis))
    if analysis:
        return Decision(RequestStatus.IN_ANALYSIS, tuple(analysis))
    return Decision(RequestStatus.APPROVED, ())
