"""Enumerations shared by every layer. Values are the stable codes of DESIGN §9 and §13."""

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


class QueueAction(StrEnum):
    INCLUSION = "inclusion"
    REMOVAL = "removal"


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
