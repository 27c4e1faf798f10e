"""Operators: the bureau logins, their linked company and users, and their secret, kept in
this workstation's OS keyring only (DESIGN §7). Permission ``NEG_CONFIG``; audited; no secret
is ever written to the database, a log or an audit entry."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import (
    Company,
    Integration,
    IntegrationOperator,
    Operator,
    OperatorUser,
    User,
)
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.bureau_setup import credentials
from gestao_negativacao.services.bureau_setup.integrations import (
    ConfigError,
    check_integrator,
    company_id_of,
    negativations_sent_through,
    operator_places,
    query_place,
)


@dataclass(frozen=True)
class OperatorInfo:
    id: int
    integrator: str
    code: str
    name: str
    company_cnpj: str | None
    user_logins: tuple[str, ...]
    secret_set: bool
    active: bool
    query_code: str | None = None  # Boa Vista's CSR60 query operator


def _operator_info(session: Session, operator: Operator) -> OperatorInfo:
    logins = session.scalars(
        select(User.login)
        .join(OperatorUser, OperatorUser.user_id == User.id)
        .where(OperatorUser.operator_id == operator.id)
        .order_by(User.login)
    ).all()
    cnpj = (
        session.scalar(select(Company.cnpj).where(Company.id == operator.company_id))
        if operator.company_id
        else None
    )
    return OperatorInfo(
        operator.id,
        operator.integrator,
        operator.code,
        operator.name,
        cnpj,
        tuple(logins),
        operator.secret_set,
        operator.active,
        operator.query_code,
    )


def create_operator(
    session_factory: sessionmaker[Session],
    actor: Actor,
    integrator: str,
    code: str,
    name: str = "",
    *,
    company_cnpj: str | None = None,
    user_logins: tuple[str, ...] = (),
) -> OperatorInfo:
    actor.require(Perm.NEG_CONFIG)
    integrator = check_integrator(integrator)
    code = code.strip()
    if not code:
        raise ConfigError("Informe o código do operador.")
    with session_factory.begin() as session:
        if session.scalar(
            select(Operator.id).where(Operator.integrator == integrator, Operator.code == code)
        ):
            raise ConfigError(f"Já existe o operador {code} para {integrator}.")
        operator = Operator(integrator=integrator, code=code, name=name.strip() or code)
        if company_cnpj:
            operator.company_id = company_id_of(session, company_cnpj)
        session.add(operator)
        session.flush()
        for login in user_logins:
            user_id = session.scalar(select(User.id).where(User.login == login))
            if user_id is None:
                raise ConfigError(f"Usuário {login} não encontrado.")
            session.add(OperatorUser(operator_id=operator.id, user_id=user_id))
        session.flush()
        audit.record(
            session,
            actor,
            "operador.criar",
            entity="operator",
            entity_key=f"{integrator}:{code}",
            details={"usuarios": list(user_logins), "empresa": bool(company_cnpj)},
        )
        return _operator_info(session, operator)


def set_operator_secret(
    session_factory: sessionmaker[Session], actor: Actor, operator_id: int, secret: str
) -> None:
    """Keep the secret in this workstation's keyring, bound to the host and environment of
    each integration the operator belongs to; the database learns only that one was set."""
    actor.require(Perm.NEG_CONFIG)
    if not secret:
        raise ConfigError("A senha não pode ser vazia.")
    places = operator_places(session_factory, operator_id)
    if not places:
        raise ConfigError(
            "Vincule o operador a uma integração antes de informar a senha: ela fica guardada "
            "para o endereço da integração, e só para ele."
        )
    with session_factory.begin() as session:
        operator = session.get(Operator, operator_id)
        if operator is None:
            raise ConfigError("Operador não encontrado.")
        for _info, place in places:
            credentials.put(place, secret)
        operator.secret_set = True
        operator.secret_note = None
        audit.record(
            session,
            actor,
            "operador.senha_definida",
            entity="operator",
            entity_key=f"{operator.integrator}:{operator.code}",
        )


def clear_operator_secret(
    session_factory: sessionmaker[Session], actor: Actor, operator_id: int
) -> None:
    actor.require(Perm.NEG_CONFIG)
    with session_factory.begin() as session:
        operator = session.get(Operator, operator_id)
        if operator is None:
            raise ConfigError("Operador não encontrado.")
        for info, place in operator_places(session_factory, operator_id):
            credentials.forget(place)
            credentials.forget(place, "token")
            credentials.forget(query_place(session_factory, info, operator_id), "consulta")
        audit.record(
            session,
            actor,
            "operador.senha_removida",
            entity="operator",
            entity_key=f"{operator.integrator}:{operator.code}",
        )


def set_query_credentials(
    session_factory: sessionmaker[Session],
    actor: Actor,
    operator_id: int,
    code: str,
    password: str,
) -> None:
    """Boa Vista's credit query (CSR60) logs in with SCPC query credentials of its own,
    not the distributor's key: the code goes to the database, the password to this
    workstation's keyring beside the operator's secret."""
    actor.require(Perm.NEG_CONFIG)
    code = code.strip()
    if not code or not password:
        raise ConfigError("Informe o código e a senha da consulta.")
    with session_factory.begin() as session:
        operator = session.get(Operator, operator_id)
        if operator is None:
            raise ConfigError("Operador não encontrado.")
        if operator.integrator != "boa_vista":
            raise ConfigError("Só a Boa Vista tem código e senha próprios para a consulta.")
        places = operator_places(session_factory, operator_id)
        if not places:
            raise ConfigError("Vincule o operador a uma integração antes da consulta.")
        for info, _place in places:
            credentials.put(query_place(session_factory, info, operator_id), password, "consulta")
        operator.query_code = code
        audit.record(
            session,
            actor,
            "operador.consulta_definida",
            entity="operator",
            entity_key=f"{operator.integrator}:{operator.code}",
            details={"codigo_consulta": code},
        )


def update_operator(
    session_factory: sessionmaker[Session],
    actor: Actor,
    operator_id: int,
    *,
    name: str | None = None,
    company_cnpj: str | None = "",
    user_logins: tuple[str, ...] | None = None,
    active: bool | None = None,
) -> OperatorInfo:
    """Change an operator; ``company_cnpj`` None unlinks the company, "" keeps it."""
    actor.require(Perm.NEG_CONFIG)
    with session_factory.begin() as session:
        operator = session.get(Operator, operator_id)
        if operator is None:
            raise ConfigError("Operador não encontrado.")
        if name is not None:
            operator.name = name.strip() or operator.code
        if company_cnpj is None:
            operator.company_id = None
        elif company_cnpj:
            operator.company_id = company_id_of(session, company_cnpj)
        if active is not None:
            operator.active = active
        if user_logins is not None:
            session.execute(delete(OperatorUser).where(OperatorUser.operator_id == operator_id))
            for login in user_logins:
                user_id = session.scalar(select(User.id).where(User.login == login))
                if user_id is None:
                    raise ConfigError(f"Usuário {login} não encontrado.")
                session.add(OperatorUser(operator_id=operator_id, user_id=user_id))
        session.flush()
        audit.record(
            session,
            actor,
            "operador.alterar",
            entity="operator",
            entity_key=f"{operator.integrator}:{operator.code}",
        )
        return _operator_info(session, operator)


def list_operators(session_factory: sessionmaker[Session]) -> list[OperatorInfo]:
    with session_factory() as session:
        operators = session.scalars(select(Operator).order_by(Operator.integrator, Operator.code))
        return [_operator_info(session, operator) for operator in operators]


def get_operator(session_factory: sessionmaker[Session], operator_id: int) -> OperatorInfo:
    with session_factory() as session:
        operator = session.get(Operator, operator_id)
        if operator is None:
            raise ConfigError("Operador não encontrado.")
        return _operator_info(session, operator)


def user_logins(session_factory: sessionmaker[Session]) -> list[str]:
    """The active users, for the operator's two-list picker."""
    with session_factory() as session:
        return list(session.scalars(select(User.login).where(User.active).order_by(User.login)))


def secrets_here(session_factory: sessionmaker[Session], actor: Actor) -> tuple[int, int]:
    """(with their secret on this workstation, total) of the active operators this user
    may send through: linked to them, or with no linked users when they have CRSPC."""
    with session_factory() as session:
        linked: dict[int, set[int]] = {}
        for operator_id, user_id in session.execute(
            select(OperatorUser.operator_id, OperatorUser.user_id)
        ):
            linked.setdefault(operator_id, set()).add(user_id)
        usable = [
            operator_id
            for operator_id in session.scalars(select(Operator.id).where(Operator.active))
            if actor.user_id in linked.get(operator_id, ())
            or (not linked.get(operator_id) and actor.has(Perm.CRSPC))
        ]
    return sum(1 for operator_id in usable if has_secret_here(session_factory, operator_id)), len(
        usable
    )


def has_secret_here(session_factory: sessionmaker[Session], operator_id: int) -> bool:
    """This workstation holds the operator's secret for every integration it is in."""
    places = operator_places(session_factory, operator_id)
    return bool(places) and all(credentials.has(place) for _info, place in places)


def integration_of(session_factory: sessionmaker[Session], operator_id: int) -> int | None:
    """An integration that uses this operator (to test its connection), active first."""
    with session_factory() as session:
        return session.scalar(
            select(Integration.id)
            .join(IntegrationOperator, IntegrationOperator.integration_id == Integration.id)
            .where(IntegrationOperator.operator_id == operator_id)
            .order_by(Integration.active.desc(), Integration.id)
            .limit(1)
        )


def delete_operator(session_factory: sessionmaker[Session], actor: Actor, operator_id: int) -> str:
    """Delete an operator that never sent anything (seed 004 §2): its user and integration
    links go with it, and its secrets leave this workstation's keyring; one that sent can
    only be inactivated. Returns ``integrator:code``."""
    actor.require(Perm.NEG_CONFIG)
    places = operator_places(session_factory, operator_id)
    with session_factory.begin() as session:
        operator = session.get(Operator, operator_id)
        if operator is None:
            raise ConfigError("Operador não encontrado.")
        key = f"{operator.integrator}:{operator.code}"
        used = negativations_sent_through(session, operator_id=operator_id)
        if used:
            raise ConfigError(
                f"O operador {operator.code} já enviou {used} negativação(ões) e não pode ser "
                "excluído: o histórico delas o menciona. Desmarque Ativo para que não seja "
                "mais usado."
            )
        session.execute(delete(OperatorUser).where(OperatorUser.operator_id == operator_id))
        session.execute(
            delete(IntegrationOperator).where(IntegrationOperator.operator_id == operator_id)
        )
        session.delete(operator)
        audit.record(session, actor, "operador.excluir", entity="operator", entity_key=key)
    try:  # after the row is gone: a secret without its operator would be of no use to anyone
        for info, place in places:
            credentials.forget(place)
            credentials.forget(place, "token")
            credentials.forget(query_place(session_factory, info, operator_id), "consulta")
    except credentials.CredentialStoreUnavailable:
        pass  # nothing could have been kept here either
    return key
