"""Where the ERP's portfolio comes from (DESIGN §9): a folder the ERP exports to, or a
query on the ERP's database. Saving one is audited with what it was and what it became;
the database password goes to this workstation's keyring, never to the database, the
audit or a message."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import ImportSource
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin.connection import without_password
from gestao_negativacao.services.bureau_setup import credentials
from gestao_negativacao.services.scheduling.erp_source import ErpQueryError, check_query


def source_password_key(source_id: int) -> str:
    return f"erp-{source_id}"


class SourceError(UserFacingError, ValueError):
    """The source cannot be saved as given; the message says why."""


def _shown(source: ImportSource | None) -> dict | None:
    if source is None:
        return None
    return {"nome": source.name, "tipo": source.kind, "pasta": source.path,
            "endereco": source.url, "consulta": source.query}  # fmt: skip


def save_source(
    session_factory: sessionmaker[Session],
    actor: Actor,
    name: str,
    *,
    folder: str | None = None,
    sql_url: str | None = None,
    query: str | None = None,
    password: str | None = None,
) -> int:
    """Create or change (by name) a source; returns its id."""
    actor.require(Perm.NEG_CONFIG)
    name = name.strip()
    if not name:
        raise SourceError("Informe o nome da fonte do ERP.")
    if bool(folder) == bool(sql_url):
        raise SourceError("Informe a pasta de exportação ou o endereço do banco do ERP (um só).")
    url = None
    if sql_url:
        try:
            parsed = make_url(sql_url)
        except ArgumentError:
            raise SourceError(
                "Endereço do banco do ERP inválido (ex.: postgresql://host/erp)."
            ) from None
        try:
            query = check_query(query or "")
        except ErpQueryError as exc:
            raise SourceError(str(exc)) from None
        password = password or parsed.password
        url = without_password(parsed).render_as_string(hide_password=False)
    elif not Path(folder or "").is_dir():
        raise SourceError(f"Pasta do ERP não encontrada: {folder}")
    with session_factory.begin() as session:
        source = session.scalar(select(ImportSource).where(ImportSource.name == name))
        before = _shown(source)
        if source is None:
            source = ImportSource(name=name)
            session.add(source)
        source.kind = "sql" if url else "folder"
        source.path = None if url else folder
        source.url = url
        source.query = query if url else None
        session.flush()
        audit.record(
            session,
            actor,
            "fonte_erp.salvar",
            entity="import_source",
            entity_key=str(source.id),
            details={"antes": before, "depois": _shown(source)},
        )
        source_id = source.id
    if url is not None and password:
        credentials.set_named(source_password_key(source_id), password)
    return source_id


def source_id_named(session_factory: sessionmaker[Session], name: str) -> int | None:
    """The ERP source of that name (a schedule of synchronisation names one)."""
    with session_factory() as session:
        return session.scalar(select(ImportSource.id).where(ImportSource.name == name.strip()))
