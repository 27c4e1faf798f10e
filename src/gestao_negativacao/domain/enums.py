"""Enumerations shared by every layer. Values are the stable codes of DESIGN §9 and §13,
stored in the database and written in rule files; ``label`` is what a person reads (DESIGN
§2, §11): no code ever reaches a screen or an export."""

from __future__ import annotations

from enum import StrEnum


class SaleSituation(StrEnum):
    ACTIVE = "ativa"
    TERMINATED_NORMAL = "distrato_normal"
    TERMINATED_ADMINISTRATIVE = "distrato_administrativo"
    RENEGOTIATED = "renegociada"

    @property
    def label(self) -> str:
        return {
            "ativa": "Ativa",
            "distrato_normal": "Distrato normal",
            "distrato_administrativo": "Distrato administrativo",
            "renegociada": "Renegociada",
        }[self.value]


class DebtorRole(StrEnum):
    HOLDER = "holder"
    GUARANTOR = "guarantor"

    @property
    def label(self) -> str:
        return {"holder": "Titular", "guarantor": "Avalista"}[self.value]


class PersonKind(StrEnum):
    """F = pessoa física (CPF), J = pessoa jurídica (CNPJ), as the bureaus write it."""

    PERSON = "F"
    COMPANY = "J"


class Integrator(StrEnum):
    SPC_BRASIL = "spc_brasil"
    BOA_VISTA = "boa_vista"
    SOA_SERASA = "soa_serasa"
    CREDITO_NA_MEDIDA = "credito_na_medida"

    @property
    def label(self) -> str:
        return {
            "spc_brasil": "SPC Brasil",
            "boa_vista": "SPC Boa Vista",
            "soa_serasa": "Serasa (SOA WebServices)",
            "credito_na_medida": "Crédito na Medida",
        }[self.value]


class NegativationStatus(StrEnum):
    PENDING = "pendente"
    ACTIVE = "ativa"
    REMOVED = "baixada"
    REMOVED_MANUALLY = "baixada_manual"
    ERROR = "erro"

    @property
    def label(self) -> str:
        return {
            "pendente": "Pendente",
            "ativa": "Ativa",
            "baixada": "Baixada",
            "baixada_manual": "Baixada manualmente",
            "erro": "Erro",
        }[self.value]


class Processing(StrEnum):
    """Where a negativation stands in our own processing (seed 004 §8–9): ``pendente``
    while it waits in the send queue, ``ok`` once the bureau answered, ``liberada`` when
    a clerk took it out of the queue ("Liberar parcelas") before it was sent."""

    PENDING = "pendente"
    OK = "ok"
    RELEASED = "liberada"

    @property
    def label(self) -> str:
        # DESIGN §6 names them so: Pendente, OK, Liberada
        return {"pendente": "Pendente", "ok": "OK", "liberada": "Liberada"}[self.value]


class RunStatus(StrEnum):
    """How a schedule's run ended (DESIGN §7)."""

    OK = "ok"
    ERROR = "erro"

    @property
    def label(self) -> str:
        return {"ok": "Concluída", "erro": "Com erro"}[self.value]


class Action(StrEnum):
    """What is asked of a bureau: include a record or remove it; also the kind of a rule
    (§13) and of a send queue entry."""

    INCLUSION = "inclusion"
    REMOVAL = "removal"

    @property
    def label(self) -> str:
        return {"inclusion": "Inclusão", "removal": "Baixa"}[self.value]


QueueAction = Action  # the queue's name for it (DESIGN §9)


class ExclusionReason(StrEnum):
    """Why an item a rule found is not sent (DESIGN §4–5)."""

    OLDER_THAN_FIVE_YEARS = "older_than_five_years"
    DISPUTED = "disputed"
    HELD = "held"
    NOTICE_PENDING = "notice_pending"
    MINOR = "minor"
    BIRTH_DATE_UNKNOWN = "birth_date_unknown"
    MISSING_ADDRESS = "missing_address"
    ALREADY_ACTIVE = "already_active"
    QUEUED = "queued"

    @property
    def label(self) -> str:
        return {
            "older_than_five_years": "vencida há mais de cinco anos",
            "disputed": "em disputa",
            "held": "bloqueada (baixa anterior ou acordo; veja Enviados ou Acordos)",
            "notice_pending": "aviso prévio ao devedor pendente",
            "minor": "devedor menor de idade",
            "birth_date_unknown": "data de nascimento desconhecida",
            "missing_address": "endereço incompleto para a carta comunicado",
            "already_active": "já negativada nesta integradora",
            "queued": "já na fila de envio",
        }[self.value]


class RemovalTrigger(StrEnum):
    """Why a removal is owed (DESIGN §5); the first six are a removal rule's triggers (§13),
    the others come from the law, an agreement or a clerk's hand."""

    PAID = "paid"
    PARTIAL_PAYMENT = "partial_payment"
    TERMINATION = "termination"
    RENEGOTIATED = "renegotiated"
    DAYS_OVERDUE = "days_overdue"
    DAYS_NEGATIVATED = "days_negativated"
    FIVE_YEARS = "five_years"
    DISPUTED = "disputed"
    AGREEMENT = "agreement"
    MANUAL = "manual"

    @property
    def label(self) -> str:
        return {
            "paid": "paga",
            "partial_payment": "pagamento parcial",
            "termination": "distrato",
            "renegotiated": "renegociada",
            "days_overdue": "dias de atraso",
            "days_negativated": "dias negativada",
            "five_years": "cinco anos",
            "disputed": "em disputa",
            "agreement": "acordo em dia",
            "manual": "escolha manual",
        }[self.value]


class ScheduleAction(StrEnum):
    """What a schedule runs (DESIGN §7)."""

    INCLUSION = "inclusion"
    REMOVAL = "removal"
    LEGAL = "legal"
    SYNC = "sync"
    FOLLOW_UP = "follow_up"
    LGPD = "lgpd"

    @property
    def label(self) -> str:
        return {
            "inclusion": "Inclusão (job 44)",
            "removal": "Baixa (job 43)",
            "legal": "Baixas legais (pagamentos e cinco anos)",
            "sync": "Sincronização com o ERP",
            "follow_up": "Atualizar situação (confirmações do Serasa e do Crédito na Medida)",
            "lgpd": "Anonimização LGPD (titulares sem pendência após o prazo de guarda)",
        }[self.value]


class EventKind(StrEnum):
    """One line of a negativation's history (DESIGN §6)."""

    QUEUED_FOR_INCLUSION = "inclusao_enfileirada"
    QUEUED_FOR_REMOVAL = "baixa_enfileirada"
    INCLUDED = "incluida"
    INCLUDED_ALREADY_THERE = "incluida_ja_constava"
    REMOVED = "baixada"
    REMOVED_ALREADY = "baixada_ja_constava"
    AWAITING_CONFIRMATION = "aguardando_confirmacao"
    AWAITING_CONFIRMATION_ALREADY_THERE = "aguardando_confirmacao_ja_constava"
    CONFIRMED = "confirmada"
    REFUSED_IN_PROCESSING = "recusada_no_processamento"
    INCLUSION_REFUSED = "inclusao_rejeitada"
    REMOVAL_REFUSED = "baixa_rejeitada"
    SEND_FAILED = "falha_envio"
    NO_CONFIGURATION = "sem_configuracao"
    RELEASED = "liberada"
    MANUAL_REMOVAL = "baixa_manual"
    REMOVAL_NOT_FOUND = "baixa_nao_encontrada"
    REMOVED_WITH_HOLDER = "baixada_com_o_registro"
    REMOVED_AT_BUREAU = "baixada_no_biro"
    CHECKED = "conferida"

    @property
    def label(self) -> str:
        return _EVENT_LABELS[self.value]


_EVENT_LABELS = {
    "inclusao_enfileirada": "posta na fila para inclusão",
    "baixa_enfileirada": "posta na fila para baixa",
    "incluida": "incluída no birô",
    "incluida_ja_constava": "incluída (o birô já tinha o registro)",
    "baixada": "baixada no birô",
    "baixada_ja_constava": "baixada (o birô já a tinha baixado)",
    "aguardando_confirmacao": "aceita; aguardando confirmação do birô",
    "aguardando_confirmacao_ja_constava": "aceita (já constava); aguardando confirmação",
    "confirmada": "confirmada pelo birô",
    "recusada_no_processamento": "recusada no processamento do birô",
    "inclusao_rejeitada": "inclusão recusada pelo birô",
    "baixa_rejeitada": "baixa recusada pelo birô",
    "falha_envio": "falha de comunicação; nova tentativa depois",
    "sem_configuracao": "sem configuração válida para envio",
    "liberada": "liberada da fila de envio",
    "baixa_manual": "baixa manual",
    "baixa_nao_encontrada": "baixada, mas o birô não encontrou o registro: conferir no site",
    "baixada_com_o_registro": "baixada junto com o registro do titular no birô",
    "baixada_no_biro": "baixada no birô (vista ao atualizar a situação)",
    "conferida": "conferida",
}


class NoticeOutcome(StrEnum):
    """What became of a notice e-mail to a debtor (LEGAL.md, prior notice)."""

    SENT = "enviado"
    FAILED = "falhou"
    NO_EMAIL = "sem_email"

    @property
    def label(self) -> str:
        return {"enviado": "enviado", "falhou": "falhou", "sem_email": "devedor sem e-mail"}[
            self.value
        ]


def labels(enum: type[StrEnum]) -> dict[str, str]:
    """Code → label of every member: for a SQL CASE or a lookup that may meet old codes."""
    return {member.value: member.label for member in enum}


class HoldOrigin(StrEnum):
    """What put a hold on an item (DESIGN §5.6)."""

    MANUAL_REMOVAL = "manual_removal"
    COURT_ORDER = "court_order"
    PARTIAL_PAYMENT = "partial_payment"
    TERMINATION = "termination"
    RENEGOTIATED = "renegotiated"
    AGREEMENT = "agreement"

    @property
    def label(self) -> str:
        return {
            "manual_removal": "baixa manual",
            "court_order": "baixa por ordem judicial",
            "partial_payment": "baixa por pagamento parcial",
            "termination": "baixa por distrato",
            "renegotiated": "baixa por renegociação",
            "agreement": "acordo",
        }[self.value]
