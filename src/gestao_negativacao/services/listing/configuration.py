"""The lists of the configuration screens as paged queries (``services.listing``): each
column declared once, with what the database selects and what the grid shows."""

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
from gestao_negativacao.services.listing import Column, PagedQuery, selecting


def operators_list(session_factory: sessionmaker[Session]) -> PagedQuery:
    columns = [
        Column("id", "Id", Operator.id, "number"),
        Column("integrator", "Integradora", Operator.integrator, "integrator", searchable=True),
        Column("code", "Código", Operator.code, searchable=True),
        Column("name", "Nome", Operator.name, searchable=True),
        Column("company", "Empresa", Company.cnpj, "document", searchable=True),
        Column("active", "Ativo", Operator.active, "bool"),
    ]
    query = selecting(columns).outerjoin(Company, Company.id == Operator.company_id)
    return PagedQuery(session_factory, query, columns, default_order="integrator")


def integrations_list(session_factory: sessionmaker[Session]) -> PagedQuery:
    operators = (
        select(func.count())
        .where(IntegrationOperator.integration_id == Integration.id)
        .correlate(Integration)
        .scalar_subquery()
    )
    environment = case((Integration.environment == "producao", "Produção"), else_="Homologação")
    columns = [
        Column("id", "Id", Integration.id, "number"),
        Column("name", "Nome", Integration.name, searchable=True),
        Column("integrator", "Integradora", Integration.integrator, "integrator", searchable=True),
        Column("environment", "Ambiente", environment),
        Column("url", "URL", Integration.url, searchable=True),
        Column("operators", "Operadores", operators, "number"),
        Column("active", "Ativa", Integration.active, "bool"),
    ]
    return PagedQuery(session_factory, selecting(columns), columns, default_order="name")


def rules_list(session_factory: sessionmaker[Session], kind: str) -> PagedQuery:
    columns = [
        Column("id", "Id", RuleRecord.id, "number"),
        Column("name", "Nome", RuleRecord.name, searchable=True),
        Column("active", "Ativa", RuleRecord.active, "bool"),
        Column("updated_at", "Alterada em", RuleRecord.updated_at, "datetime"),
    ]
    query = selecting(columns).where(RuleRecord.kind == kind)
    return PagedQuery(session_factory, query, columns, default_order="name")


def users_list(session_factory: sessionmaker[Session]) -> PagedQuery:
    columns = [
        Column("id", "Id", User.id, "number"),
        Column("login", "Login", User.login, searchable=True),
        Column("name", "Nome", User.name, searchable=True),
        Column("role", "Perfil", User.role_code, "user_role"),
        Column("active", "Ativo", User.active, "bool"),
        Column("last_login", "Último acesso", User.last_login_at, "datetime"),
    ]
    return PagedQuery(session_factory, selecting(columns), columns, default_order="login")
