"""Audit log writes. Called inside the service's own transaction so that the entry and
the change it describes commit (or roll back) together."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import AuditEntry
from gestao_negativacao.services.actor import Actor


def _default(value: Any) -> str:
    if isinstance(value, Decimal | date):
        return str(value)
    raise TypeError(f"not serialisable in the audit log: {type(value).__name__}")


def record(
    session: Session,
    actor: Actor,
    action: str,
    *,
    entity: str = "",
    entity_key: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Add an audit entry. ``details`` must already have documents masked and must never
    hold a secret. A plain INSERT, nothing read back: on a server application users may
    append to the audit log but not read it (and its user is the session's, set there)."""
    record_many(session, actor, action, entity=entity, entries=[(entity_key, details or {})])


def record_many(
    session: Session,
    actor: Actor,
    action: str,
    *,
    entity: str,
    entries: list[tuple[str, dict[str, Any]]],
) -> None:
    """One entry per (key, details) in a single statement: an action over many records
    each of which must be findable by its own key (an anonymised person, say)."""
    if not entries:
        return
    at = utc_now()
    session.execute(
        insert(AuditEntry.__table__),
        [
            {
                "at": at,
                "user_id": actor.user_id,
                "login": actor.login,
                "workstation": actor.workstation,
                "action": action,
                "entity": entity,
                "entity_key": key[:200],
                "details": json.dumps(details, default=_default, ensure_ascii=False),
            }
            for key, details in entries
        ],
    )
