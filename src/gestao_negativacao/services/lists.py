"""The lists of the configuration screens as paged queries (``services.listing``)."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import (
    Company,
    Integration,
    IntegrationOperator,
    Operator,
    RuleRecord,
    User,
)
from gestao_negativacao.services.listing import Column, PagedQuery


def operators_list(session_factory: sessionmaker[Session]) -> PagedQuery:
    query = select(
        Operator.id.label("id"),
        Operator.integrator.label("integrator"),
        Operator.code.label("code"),
        Operator.name.label("name"),
        Company.cnpj.label("company"),
        Operator.active.label("active"),
    ).outerjoin(Company, Company.id == Operator.company_id)
    return PagedQuery(
        session_factory,
        query,
        [
            Column("id", "Id", "number"),
            Column("integrator", "Integradora", "integrator", searchable=True),
            Column("code", "Código", searchable=True),
            Column("name", "Nome", searchable=True),
            Column("company", "Empresa", "document", searchable=True),
            Column("active", "Ativo", "bool"),
        ],
        default_order="integrator",
    )


def integrations_list(session_factory: sessionmaker[Session]) -> PagedQuery:
    operators = (
        select(func.count())
        .where(IntegrationOperator.integration_id == Integration.id)
        .correlate(Integration)
        .scalar_subquery()
    )
    environment = case((Integration.environment == "producao", "Produção"), else_="Homologação")
    query = select(
        Integration.id.label("id"),
        Integration.name.label("name"),
        Integration.integrator.label("integrator"),
        environment.label("environment"),
        Integration.url.label("url"),
        operators.label("operators"),
        Integration.active.label("active"),
    )
    return PagedQuery(
        session_factory,
        query,
        [
            Column("id", "Id", "number"),
            Column("name", "Nome", searchable=True),
            Column("integrator", "Integradora", "integrator", searchable=True),
            Column("environment", "Ambiente"),
            Column("url", "URL", searchable=True),
            Column("operators", "Operadores", "number"),
            Column("active", "Ativa", "bool"),
        ],
        default_order="name",
    )


def rules_list(session_factory: sessionmaker[Session], kind: str) -> PagedQuery:
    query = select(
        RuleRecord.id.label("id"),
        RuleRecord.name.label("name"),
        RuleRecord.active.label("active"),
        RuleRecord.updated_at.label("updated_at"),
    ).where(RuleRecord.kind == kind)
    return PagedQuery(
        session_factory,
        query,
        [
            Column("id", "Id", "number"),
            Column("name", "Nome", searchable=True),
            Column("active", "Ativa", "bool"),
            Column("updated_at", "Alterada em", "datetime"),
        ],
        default_order="name",
    )


def users_list(session_factory: sessionmaker[Session]) -> PagedQuery:
    query = select(
        User.id.label("id"),
        User.login.label("login"),
        User.name.label("name"),
        User.role_code.label("role"),
        User.active.label("active"),
        User.last_login_at.label("last_login"),
    )
    return PagedQuery(
        session_factory,
        query,
        [
            Column("id", "Id", "number"),
            Column("login", "Login", searchable=True),
            Column("name", "Nome", searchable=True),
            Column("role", "Perfil", searchable=True),
            Column("active", "Ativo", "bool"),
            Column("last_login", "Último acesso", "datetime"),
        ],
        default_order="login",
    )
