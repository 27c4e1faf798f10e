"""Rules: list, save, import/export in the §13 format, activate, delete.

A rule that has produced a negativation cannot be deleted, only made inactive: the service
says so, and the database's foreign key refuses it anyway.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import Negativation, RuleRecord
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.domain.rule_format import parse_rule, parse_rule_file
from gestao_negativacao.domain.rules import Rule, RuleError
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor


class RuleNotFound(UserFacingError, LookupError):
    def __init__(self, name: str) -> None:
        super().__init__(f"Regra não encontrada: {name!r}.")


class RuleInUse(UserFacingError):
    """Deleting a rule that produced negativations."""


@dataclass(frozen=True)
class StoredRule:
    id: int
    rule: Rule

    @property
    def name(self) -> str:
        return self.rule.name


def _definition(rule: Rule) -> str:
    doc = rule.to_json()
    for key in ("name", "kind", "active"):
        doc.pop(key)
    return json.dumps(doc, ensure_ascii=False, sort_keys=True)


def _load(record: RuleRecord) -> StoredRule:
    doc: dict[str, Any] = json.loads(record.definition)
    doc.update(name=record.name, kind=record.kind, active=record.active)
    return StoredRule(record.id, parse_rule(doc))


def list_rules(session_factory: sessionmaker[Session], kind: str | None = None) -> list[StoredRule]:
    with session_factory() as session:
        query = select(RuleRecord).order_by(RuleRecord.name)
        if kind:
            query = query.where(RuleRecord.kind == kind)
        return [_load(r) for r in session.scalars(query)]


def get_rule(session_factory: sessionmaker[Session], name: str) -> StoredRule:
    with session_factory() as session:
        record = session.scalar(select(RuleRecord).where(RuleRecord.name == name.strip()))
        if record is None:
            raise RuleNotFound(name)
        return _load(record)


def _upsert(session: Session, actor: Actor, rule: Rule) -> tuple[int, bool]:
    record = session.scalar(select(RuleRecord).where(RuleRecord.name == rule.name))
    created = record is None
    before = None
    if record is None:
        record = RuleRecord(name=rule.name, kind=rule.kind)
        session.add(record)
    else:
        if record.kind != rule.kind:
            raise RuleError([f"regra {rule.name!r}: já existe como regra de {record.kind}"])
        before = {"active": record.active, "definition": json.loads(record.definition)}
    record.active = rule.active
    record.definition = _definition(rule)
    session.flush()
    audit.record(
        session,
        actor,
        "regra.criar" if created else "regra.alterar",
        entity="rule",
        entity_key=rule.name,
        details={"antes": before, "depois": rule.to_json()},
    )
    return record.id, created


def save_rule(session_factory: sessionmaker[Session], actor: Actor, rule: Rule) -> int:
    actor.require(Perm.NEG_REGRAS)
    with session_factory.begin() as session:
        return _upsert(session, actor, rule)[0]


def import_rules(session_factory: sessionmaker[Session], actor: Actor, text: str) -> dict[str, int]:
    """A whole §13 file in one transaction: every rule is valid or nothing is written."""
    actor.require(Perm.NEG_REGRAS)
    try:
        raw = json.loads(text)
        rules = parse_rule_file(raw)
    except json.JSONDecodeError as exc:
        raise RuleError(
            [f"JSON inválido na linha {exc.lineno}, coluna {exc.colno}: {exc.msg}"]
        ) from None
    except RecursionError:  # a file nested thousands of levels deep: no rule looks like it
        raise RuleError(
            ["o arquivo tem listas ou objetos aninhados demais para ser um arquivo de regras"]
        ) from None
    counts = {"created": 0, "updated": 0}
    with session_factory.begin() as session:
        for rule in rules:
            _, created = _upsert(session, actor, rule)
            counts["created" if created else "updated"] += 1
    return counts


def export_rules(session_factory: sessionmaker[Session]) -> list[dict[str, Any]]:
    return [stored.rule.to_json() for stored in list_rules(session_factory)]


def set_active(
    session_factory: sessionmaker[Session], actor: Actor, name: str, active: bool
) -> None:
    actor.require(Perm.NEG_REGRAS)
    with session_factory.begin() as session:
        record = session.scalar(select(RuleRecord).where(RuleRecord.name == name))
        if record is None:
            raise RuleNotFound(name)
        record.active = active
        audit.record(
            session,
            actor,
            "regra.ativar" if active else "regra.inativar",
            entity="rule",
            entity_key=name,
        )


def negativations_produced(session: Session, rule_id: int) -> int:
    return len(
        session.scalars(
            select(Negativation.id)
            .where(or_(Negativation.rule_id == rule_id, Negativation.removal_rule_id == rule_id))
            .limit(1)
        ).all()
    )


def delete_rule(session_factory: sessionmaker[Session], actor: Actor, name: str) -> None:
    actor.require(Perm.NEG_REGRAS)
    with session_factory.begin() as session:
        record = session.scalar(select(RuleRecord).where(RuleRecord.name == name))
        if record is None:
            raise RuleNotFound(name)
        if negativations_produced(session, record.id):
            raise RuleInUse(
                f"A regra {name!r} já gerou negativações e não pode ser excluída; "
                "inative-a para que não seja mais usada."
            )
        session.delete(record)
        audit.record(session, actor, "regra.excluir", entity="rule", entity_key=name)
