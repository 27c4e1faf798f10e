"""Integrations: create, edit, build the adapter of an (integration, operator) with the
secret from this workstation's keyring, test the connection, fetch the bureau's lists.
Operators live in ``bureau_setup.operators``. Permission ``NEG_CONFIG``; everything audited."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import urlparse

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.bureaus.base import BureauAdapter, ListItem
from gestao_negativacao.bureaus.credito_na_medida import TokenStore
from gestao_negativacao.bureaus.csr60 import DEFAULT_ADDRESS, Credentials
from gestao_negativacao.bureaus.errors import NotSupported
from gestao_negativacao.bureaus.registry import make_adapter
from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import (
    BureauListItem,
    Company,
    Integration,
    IntegrationCompany,
    IntegrationOperator,
    Operator,
)
from gestao_negativacao.domain.documents import InvalidDocument, parse_cnpj
from gestao_negativacao.domain.enums import Integrator
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.bureau_setup import credentials

ENVIRONMENTS = {"homologacao": "Homologação", "producao": "Produção"}


class ConfigError(UserFacingError, ValueError):
    """Invalid configuration; the message tells the admin what to fix."""


@dataclass(frozen=True)
class IntegrationInfo:
    id: int
    name: str
    integrator: str
    environment: str
    url: str
    port: int | None
    operator_ids: tuple[int, ...]
    company_cnpjs: tuple[str, ...]
    document_type: str | None
    removal_reason: str | None
    nature_person: str | None
    nature_company: str | None
    auto_include: bool
    auto_remove: bool
    active: bool
    credit_product: str | None = None
    query_url: str | None = None


def check_integrator(value: str) -> str:
    try:
        return Integrator(value).value
    except ValueError:
        names = ", ".join(i.value for i in Integrator)
        raise ConfigError(f"Integradora desconhecida: {value!r}. Use {names}.") from None


def company_id_of(session: Session, cnpj: str) -> int:
    try:
        bare = parse_cnpj(cnpj).value
    except InvalidDocument as exc:
        raise ConfigError(str(exc)) from None
    company_id = session.scalar(select(Company.id).where(Company.cnpj == bare))
    if company_id is None:
        raise ConfigError(f"Empresa {cnpj} não encontrada (importe a carteira dela primeiro).")
    return company_id


def _check_url(url: str, environment: str) -> str:
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError(f"Endereço inválido: {url!r} (ex.: https://servicos.spc.org.br/...).")
    if environment == "producao" and parsed.scheme != "https":
        raise ConfigError("Em produção o endereço precisa ser https:// (os dados vão cifrados).")
    return url.strip()


def _check_query_url(url: str | None) -> str | None:
    """Where Boa Vista's CSR60 listens: ``tcp://host:porta`` or an http(s) address."""
    url = (url or "").strip()
    if not url:
        return None
    parsed = urlparse(url)
    if parsed.scheme == "tcp" and parsed.hostname and parsed.port:
        return url
    if parsed.scheme in ("http", "https") and parsed.hostname:
        return url
    raise ConfigError(
        f"Endereço da consulta inválido: {url!r} (ex.: tcp://consulta.scpc.inf.br:9164)."
    )


def create_integration(
    session_factory: sessionmaker[Session],
    actor: Actor,
    name: str,
    integrator: str,
    url: str,
    *,
    environment: str = "homologacao",
    port: int | None = None,
    operator_ids: tuple[int, ...] = (),
    company_cnpjs: tuple[str, ...] = (),
    auto_include: bool = False,
    auto_remove: bool = False,
    nature_person: str | None = None,
    nature_company: str | None = None,
    removal_reason: str | None = None,
    document_type: str | None = None,
    credit_product: str | None = None,
    query_url: str | None = None,
) -> IntegrationInfo:
    actor.require(Perm.NEG_CONFIG)
    integrator = check_integrator(integrator)
    if environment not in ENVIRONMENTS:
        raise ConfigError("Ambiente deve ser homologacao ou producao.")
    url = _check_url(url, environment)
    if port is not None and not 0 < port < 65536:
        raise ConfigError(f"Porta inválida: {port}.")
    if not name.strip():
        raise ConfigError("Informe o nome da integração.")
    with session_factory.begin() as session:
        integration = Integration(
            name=name.strip(),
            integrator=integrator,
            environment=environment,
            url=url,
            port=port,
            auto_include=auto_include,
            auto_remove=auto_remove,
            nature_person=nature_person,
            nature_company=nature_company,
            removal_reason=removal_reason,
            document_type=document_type,
            credit_product=(credit_product or "").strip() or None,
            query_url=_check_query_url(query_url),
            active=True,
        )
        session.add(integration)
        session.flush()
        for position, operator_id in enumerate(operator_ids):
            operator = session.get(Operator, operator_id)
            if operator is None or operator.integrator != integrator:
                raise ConfigError(f"O operador {operator_id} não é de {integrator}.")
            session.add(
                IntegrationOperator(
                    integration_id=integration.id, operator_id=operator_id, position=position
                )
            )
        for cnpj in company_cnpjs:
            session.add(
                IntegrationCompany(
                    integration_id=integration.id, company_id=company_id_of(session, cnpj)
                )
            )
        session.flush()
        audit.record(
            session,
            actor,
            "integracao.criar",
            entity="integration",
            entity_key=integration.name,
            details={"integradora": integrator, "ambiente": environment, "url": url},
        )
        return get_integration(session, integration.id)


def get_integration(session: Session, integration_id: int) -> IntegrationInfo:
    i = session.get(Integration, integration_id)
    if i is None:
        raise ConfigError("Integração não encontrada.")
    operators = session.scalars(
        select(IntegrationOperator.operator_id)
        .where(IntegrationOperator.integration_id == i.id)
        .order_by(IntegrationOperator.position)
    ).all()
    cnpjs = session.scalars(
        select(Company.cnpj)
        .join(IntegrationCompany, IntegrationCompany.company_id == Company.id)
        .where(IntegrationCompany.integration_id == i.id)
        .order_by(Company.cnpj)
    ).all()
    return IntegrationInfo(
        i.id,
        i.name,
        i.integrator,
        i.environment,
        i.url,
        i.port,
        tuple(operators),
        tuple(cnpjs),
        i.document_type,
        i.removal_reason,
        i.nature_person,
        i.nature_company,
        i.auto_include,
        i.auto_remove,
        i.active,
        i.credit_product,
        i.query_url,
    )


def place(
    session_factory: sessionmaker[Session], info: IntegrationInfo, operator_id: int
) -> credentials.Place:
    """Where the operator's secret for this integration lives in the keyring: bound to
    this database, the integration's environment and the host of its URL."""
    return credentials.Place(
        credentials.installation(session_factory),
        operator_id,
        info.environment,
        credentials.host_of(info.url),
    )


def query_place(
    session_factory: sessionmaker[Session], info: IntegrationInfo, operator_id: int
) -> credentials.Place:
    """Boa Vista's CSR60 password goes to the query's own host."""
    return credentials.Place(
        credentials.installation(session_factory),
        operator_id,
        info.environment,
        credentials.host_of(info.query_url or DEFAULT_ADDRESS),
    )


def operator_places(
    session_factory: sessionmaker[Session], operator_id: int
) -> list[tuple[IntegrationInfo, credentials.Place]]:
    """Every integration the operator belongs to, with where its secret lives for it."""
    with session_factory() as session:
        ids = session.scalars(
            select(IntegrationOperator.integration_id).where(
                IntegrationOperator.operator_id == operator_id
            )
        ).all()
        infos = [get_integration(session, i) for i in ids]
    return [(info, place(session_factory, info, operator_id)) for info in infos]


def secret_check(session_factory: sessionmaker[Session]):
    """``(integration id, operator id) → bool``: whether this workstation holds the
    operator's secret for that integration's address (asked once per pair)."""
    infos: dict[int, IntegrationInfo] = {}

    @functools.cache
    def check(integration_id: int, operator_id: int) -> bool:
        if integration_id not in infos:
            with session_factory() as session:
                infos[integration_id] = get_integration(session, integration_id)
        return credentials.has(place(session_factory, infos[integration_id], operator_id))

    return check


def adapter_for(
    session_factory: sessionmaker[Session],
    integration_id: int,
    operator_id: int,
    *,
    timeout: float | None = None,
) -> BureauAdapter:
    """The adapter of an integration with one of its operators, secret from this
    workstation's keyring for that very address (MissingSecret when it has none)."""
    with session_factory() as session:
        integration = get_integration(session, integration_id)
        operator = session.get(Operator, operator_id)
    if operator is None or operator_id not in integration.operator_ids:
        raise ConfigError("O operador não pertence a esta integração.")
    where = place(session_factory, integration, operator_id)
    secret = credentials.get(where)
    if secret is None:
        raise credentials.MissingSecret(operator.code, operator_id, operator.secret_note)
    # Crédito na Medida's token is obtained on the first call and kept in the keyring too
    tokens = TokenStore(
        lambda: credentials.get(where, "token"),
        lambda token: credentials.put(where, token, "token"),
    )
    query = None
    query_password = credentials.get(query_place(session_factory, integration, operator_id),
                                     "consulta")  # fmt: skip
    if operator.query_code and query_password:
        query = Credentials(
            integration.query_url or DEFAULT_ADDRESS,
            operator.query_code,
            query_password,
            *([integration.credit_product] if integration.credit_product else []),
        )
    return make_adapter(
        integration.integrator,
        integration.url,
        operator.code,
        secret,
        port=integration.port,
        timeout=timeout,
        tokens=tokens,
        credit_product=integration.credit_product,
        query=query,
    )


def check_connection(
    session_factory: sessionmaker[Session], actor: Actor, integration_id: int, operator_id: int
) -> str:
    actor.require(Perm.NEG_CONFIG)
    adapter = adapter_for(session_factory, integration_id, operator_id, timeout=15)
    try:
        answer = adapter.test_connection()
    finally:
        adapter.close()
    with session_factory.begin() as session:
        audit.record(
            session,
            actor,
            "integracao.testar",
            entity="integration",
            entity_key=str(integration_id),
        )
    return answer


def refresh_lists(
    session_factory: sessionmaker[Session], actor: Actor, integration_id: int, operator_id: int
) -> dict[str, list[ListItem]]:
    """Fetch removal reasons, document types and natures from the bureau and cache them.
    (For SPC Brasil this is what needs URL and operator first, as seed 004 says.)"""
    actor.require(Perm.NEG_CONFIG)
    adapter = adapter_for(session_factory, integration_id, operator_id, timeout=30)
    lists: dict[str, list[ListItem]] = {}
    try:
        for kind, fetch in (
            ("removal_reason", adapter.list_removal_reasons),
            ("nature", adapter.list_natures),
        ):
            try:
                lists[kind] = fetch()
            except NotSupported:  # e.g. Boa Vista has no document types: nothing to choose
                lists[kind] = []
    finally:
        adapter.close()
    with session_factory.begin() as session:
        session.execute(
            delete(BureauListItem).where(BureauListItem.integration_id == integration_id)
        )
        for kind, items in lists.items():
            for item in items:
                session.add(
                    BureauListItem(
                        integration_id=integration_id,
                        kind=kind,
                        code=item.code,
                        description=item.description,
                    )
                )
        audit.record(
            session,
            actor,
            "integracao.listas",
            entity="integration",
            entity_key=str(integration_id),
            details={k: len(v) for k, v in lists.items()},
        )
    return lists


def _secrets_must_be_typed_again(session: Session, integration: Integration) -> None:
    """An integration now pointing at another host or environment: its operators' secrets
    were stored for the old one and are never sent to the new one; the admin types them
    again (the database does the same when the change comes from a SQL client)."""
    note = (
        f"o endereço ou o ambiente da integração {integration.name} mudou em "
        f"{utc_now().astimezone():%d/%m/%Y}; informe a senha de novo"
    )
    ids = select(IntegrationOperator.operator_id).where(
        IntegrationOperator.integration_id == integration.id
    )
    session.execute(
        update(Operator).where(Operator.id.in_(ids)).values(secret_set=False, secret_note=note)
    )


def cached_list(
    session_factory: sessionmaker[Session], integration_id: int, kind: str
) -> list[ListItem]:
    with session_factory() as session:
        rows = session.execute(
            select(BureauListItem.code, BureauListItem.description)
            .where(BureauListItem.integration_id == integration_id, BureauListItem.kind == kind)
            .order_by(BureauListItem.id)
        ).all()
    return [ListItem(code, description) for code, description in rows]


_EDITABLE = (
    "name",
    "url",
    "port",
    "environment",
    "document_type",
    "removal_reason",
    "nature_person",
    "nature_company",
    "auto_include",
    "auto_remove",
    "active",
    "credit_product",
    "query_url",
)


def update_integration(
    session_factory: sessionmaker[Session],
    actor: Actor,
    integration_id: int,
    *,
    operator_ids: tuple[int, ...] | None = None,
    company_cnpjs: tuple[str, ...] | None = None,
    **changes: object,
) -> IntegrationInfo:
    """Change an integration; operators (in order) and companies are replaced when given."""
    actor.require(Perm.NEG_CONFIG)
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ConfigError(f"Campos desconhecidos: {', '.join(sorted(unknown))}.")
    with session_factory.begin() as session:
        integration = session.get(Integration, integration_id)
        if integration is None:
            raise ConfigError("Integração não encontrada.")
        before = {field: getattr(integration, field) for field in changes}
        environment = str(changes.get("environment", integration.environment))
        if environment not in ENVIRONMENTS:
            raise ConfigError("Ambiente deve ser homologacao ou producao.")
        changes["url"] = _check_url(str(changes.get("url", integration.url)), environment)
        moved = (
            credentials.host_of(str(changes["url"])) != credentials.host_of(integration.url)
            or environment != integration.environment
        )
        if "query_url" in changes:
            changes["query_url"] = _check_query_url(changes["query_url"])  # type: ignore[arg-type]
        if "credit_product" in changes:
            changes["credit_product"] = str(changes["credit_product"] or "").strip() or None
        for field, value in changes.items():
            setattr(integration, field, value)
        if operator_ids is not None:
            session.execute(
                delete(IntegrationOperator).where(
                    IntegrationOperator.integration_id == integration_id
                )
            )
            for position, operator_id in enumerate(operator_ids):
                operator = session.get(Operator, operator_id)
                if operator is None or operator.integrator != integration.integrator:
                    raise ConfigError(
                        f"O operador {operator_id} não é de {integration.integrator}."
                    )
                session.add(
                    IntegrationOperator(
                        integration_id=integration_id, operator_id=operator_id, position=position
                    )
                )
        if company_cnpjs is not None:
            session.execute(
                delete(IntegrationCompany).where(
                    IntegrationCompany.integration_id == integration_id
                )
            )
            for cnpj in company_cnpjs:
                session.add(
                    IntegrationCompany(
                        integration_id=integration_id, company_id=company_id_of(session, cnpj)
                    )
                )
        if moved:
            _secrets_must_be_typed_again(session, integration)
        session.flush()
        audit.record(
            session,
            actor,
            "integracao.alterar",
            entity="integration",
            entity_key=integration.name,
            details={"antes": before, "depois": {k: changes[k] for k in before}},
        )
        return get_integration(session, integration_id)


def negativations_sent_through(session: Session, *, integration_id=None, operator_id=None) -> int:
    """How many negativations went through this integration (or operator): their history
    names it, so it can be inactivated but never deleted."""
    from sqlalchemy import func

    from gestao_negativacao.db.models import Negativation

    query = select(func.count()).select_from(Negativation)
    if integration_id is not None:
        query = query.where(Negativation.integration_id == integration_id)
    if operator_id is not None:
        query = query.where(Negativation.operator_id == operator_id)
    return session.scalar(query) or 0


def delete_integration(
    session_factory: sessionmaker[Session], actor: Actor, integration_id: int
) -> str:
    """Delete an integration that never sent anything (seed 004 §2), with its operator and
    company links and its cached lists; one that did can only be inactivated. Returns its
    name."""
    actor.require(Perm.NEG_CONFIG)
    with session_factory.begin() as session:
        integration = session.get(Integration, integration_id)
        if integration is None:
            raise ConfigError("Integração não encontrada.")
        used = negativations_sent_through(session, integration_id=integration_id)
        if used:
            raise ConfigError(
                f"A integração {integration.name} já enviou {used} negativação(ões) e não pode "
                "ser excluída: o histórico delas a menciona. Desmarque Ativa para que não "
                "seja mais usada."
            )
        name = integration.name
        for table in (IntegrationOperator, IntegrationCompany, BureauListItem):
            session.execute(delete(table).where(table.integration_id == integration_id))
        session.delete(integration)
        audit.record(
            session,
            actor,
            "integracao.excluir",
            entity="integration",
            entity_key=name,
            details={"integradora": integration.integrator},
        )
    return name
