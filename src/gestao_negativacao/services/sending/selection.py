"""Which integration and operator send an item (DESIGN §5; seed 004, item 11).

Take the active integrations of the item's integrator, those linked to the item's company
first; within one, walk its operators, those linked to the item's company first (then in the
integration's order). An operator qualifies when the acting user is among its linked users,
or, when it has none, the user has permission ``CRSPC``; it must also be active and have its
secret in this workstation's keyring. The local system operator (the command line without
``--user``, who can open the database and so has every right over it) may use any operator.
The first qualifying pair is used. When none qualifies, the item fails with "nenhuma
configuração válida encontrada para envio" and the reason each candidate was skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from gestao_negativacao.db.models import (
    Company,
    Integration,
    IntegrationCompany,
    IntegrationOperator,
    Operator,
    OperatorUser,
)
from gestao_negativacao.domain.enums import Action
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services.actor import Actor

NO_VALID_CONFIGURATION = "nenhuma configuração válida encontrada para envio"
AUTOMATIC_FLAGS = {Action.INCLUSION: "Inclusão automática", Action.REMOVAL: "Baixa automática"}


@dataclass(frozen=True)
class OperatorOption:
    id: int
    code: str
    company_id: int | None
    user_ids: frozenset[int]
    active: bool = True
    secret_note: str | None = None  # why its secret must be typed again

    @property
    def note(self) -> str:
        return f" ({self.secret_note})" if self.secret_note else ""


@dataclass(frozen=True)
class IntegrationOption:
    id: int
    name: str
    integrator: str
    company_ids: frozenset[int]
    operators: tuple[OperatorOption, ...]  # in the integration's order
    active: bool = True
    # the actions its "Incluir/Remover automaticamente" flags allow the scheduler (seed 000)
    automatic: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Choice:
    integration_id: int
    operator_id: int


@dataclass
class NoConfiguration(UserFacingError):
    """No (integration, operator) may send this item; ``skipped`` says why, one per candidate."""

    skipped: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        details = "; ".join(self.skipped) if self.skipped else "nenhuma integração cadastrada"
        return f"{NO_VALID_CONFIGURATION}: {details}"


def _linked_first(options, company_id: int | None, linked: Callable) -> list:
    """Stable: those linked to the company first, the rest keep their order."""
    return sorted(options, key=lambda option: 0 if linked(option, company_id) else 1)


def choose(
    integrations: list[IntegrationOption],
    integrator: str,
    company_id: int,
    actor: Actor,
    has_secret: Callable[[int, int], bool],
    automatic: str | None = None,
) -> Choice:
    """The first (integration, operator) that may send for ``company_id``; ``automatic``
    (an action) when a schedule sends: then only integrations whose flag allows it."""
    skipped: list[str] = []
    candidates = [i for i in integrations if i.integrator == integrator]
    ordered = _linked_first(candidates, company_id, lambda i, c: c in i.company_ids)
    for integration in ordered:
        if not integration.active:
            skipped.append(f"integração {integration.name}: inativa")
            continue
        if automatic is not None and automatic not in integration.automatic:
            flag = AUTOMATIC_FLAGS[automatic]
            skipped.append(f"integração {integration.name}: “{flag}” desligado")
            continue
        if not integration.operators:
            skipped.append(f"integração {integration.name}: sem operadores")
            continue
        operators = _linked_first(integration.operators, company_id, lambda o, c: o.company_id == c)
        for operator in operators:
            where = f"integração {integration.name}, operador {operator.code}"
            if not operator.active:
                skipped.append(f"{where}: inativo")
            elif operator.company_id is not None and operator.company_id != company_id:
                skipped.append(f"{where}: vinculado a outra empresa")
            elif (
                operator.user_ids and actor.user_id not in operator.user_ids and not actor.is_system
            ):
                skipped.append(f"{where}: o usuário {actor.login} não está vinculado a ele")
            elif not operator.user_ids and not actor.has(Perm.CRSPC):
                skipped.append(f"{where}: sem usuários vinculados e {actor.login} não tem CRSPC")
            elif not has_secret(integration.id, operator.id):
                skipped.append(f"{where}: esta estação não tem a senha dele{operator.note}")
            else:
                return Choice(integration.id, operator.id)
    raise NoConfiguration(skipped)


def load_options(session: Session, integrator: str | None = None) -> list[IntegrationOption]:
    """The integrations with their operators, users and companies, in one read."""
    query = select(Integration).order_by(Integration.id)
    if integrator:
        query = query.where(Integration.integrator == integrator)
    integrations = session.scalars(query).all()
    users: dict[int, set[int]] = {}
    for operator_id, user_id in session.execute(
        select(OperatorUser.operator_id, OperatorUser.user_id)
    ):
        users.setdefault(operator_id, set()).add(user_id)
    operators = {o.id: o for o in session.scalars(select(Operator))}
    links: dict[int, list[int]] = {}
    for integration_id, operator_id in session.execute(
        select(IntegrationOperator.integration_id, IntegrationOperator.operator_id).order_by(
            IntegrationOperator.integration_id, IntegrationOperator.position
        )
    ):
        links.setdefault(integration_id, []).append(operator_id)
    companies: dict[int, set[int]] = {}
    for integration_id, company_id in session.execute(
        select(IntegrationCompany.integration_id, Company.id).join(
            Company, Company.id == IntegrationCompany.company_id
        )
    ):
        companies.setdefault(integration_id, set()).add(company_id)
    return [
        IntegrationOption(
            i.id,
            i.name,
            i.integrator,
            frozenset(companies.get(i.id, ())),
            tuple(
                OperatorOption(
                    o.id,
                    o.code,
                    o.company_id,
                    frozenset(users.get(o.id, ())),
                    o.active,
                    o.secret_note,
                )  # fmt: skip
                for o in (operators[op_id] for op_id in links.get(i.id, []))
            ),
            i.active,
            frozenset(
                action
                for action, on in (
                    (Action.INCLUSION, i.auto_include),
                    (Action.REMOVAL, i.auto_remove),
                )
                if on
            ),
        )
        for i in integrations
    ]
