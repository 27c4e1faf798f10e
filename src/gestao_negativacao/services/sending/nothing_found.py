"""Why a Buscar on Inclusão or Baixa found nothing at all (nothing found, nothing left
out): the first cause a clerk can act on, in words — the portfolio never imported,
nothing overdue on the reference date, nothing active at that bureau to remove. When none
of these holds, the rule or the filters are what left everything out."""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import Installment, Negativation
from gestao_negativacao.domain.display import show
from gestao_negativacao.domain.enums import Action, Integrator, NegativationStatus


def why_nothing(
    session_factory: sessionmaker[Session], kind: str, integrator: str, as_of: date
) -> str:
    bureau = Integrator(integrator).label
    on = show(as_of, "date")
    with session_factory() as session:

        def some(query) -> bool:
            return bool(session.scalar(select(exists(query))))

        if kind == Action.REMOVAL:
            if not some(
                select(Negativation.id).where(
                    Negativation.integrator == integrator,
                    Negativation.status == NegativationStatus.ACTIVE,
                )
            ):
                return f"Nada a baixar: nenhuma negativação ativa na {bureau}."
            return (
                f"Nada a baixar: nenhuma negativação ativa na {bureau} atende à regra ou aos "
                f"filtros em {on} (os gatilhos da regra não ocorreram)."
            )
        if not some(select(Installment.id)):
            return (
                "Nada a enviar: a carteira está vazia. Importe o arquivo do ERP em "
                "Sistema → Importação."
            )
        if not some(
            select(Installment.id).where(
                Installment.open_amount > 0, Installment.effective_due_date < as_of
            )
        ):
            return f"Nada a enviar: nenhuma parcela vencida e em aberto em {on}."
        return f"Nada a enviar: nenhuma parcela vencida atende à regra ou aos filtros em {on}."
