"""A holder and its guarantor as one record at the bureau (Serasa through SOA: ``Devedores``
with ``Principal`` + ``CoObrigado``; Boa Vista: ``IsIncluirCoobrigado``).

Each (installment, debtor) keeps its own negativation, queue entry and history, but where
the protocol has one record for both, they are sent as one call:
- an inclusion of the holder carries the first queued guarantor of that installment as its
  co-obligor, and both are answered together; a further guarantor cannot go (one
  co-obligor per record) and is refused with the reason;
- a guarantor queued without its holder is refused before anything is sent: the protocol
  has no way to send it alone, nor to add it to a record already registered;
- a removal names the record, so every queued removal of that record goes in one call.

A process sends a group only when it holds every member: when another process holds one,
this one gives its part back for a moment (without counting an attempt) and takes it again
later, so two workstations never send half a record each.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import timedelta

from sqlalchemy import and_, or_, select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.bureaus.registry import CO_OBLIGOR_WITH_HOLDER
from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import Negativation, SendQueueEntry
from gestao_negativacao.domain.enums import (
    Action,
    DebtorRole,
    Integrator,
    NegativationStatus,
    Processing,
)
from gestao_negativacao.services.sending import claims
from gestao_negativacao.services.sending.items import WorkItem, load_items
from gestao_negativacao.services.sending.outcomes import Kind, Result

N = Negativation.__table__
Q = SendQueueEntry.__table__
Key = tuple[str, str, object]  # (action, integrator, installment id | bureau id)


@dataclass
class Grouped:
    items: list[WorkItem] = field(default_factory=list)  # to send, companions attached
    results: list[Result] = field(default_factory=list)  # refused before sending
    deferred: list[int] = field(default_factory=list)  # queue ids given back for a moment


def key_of(item: WorkItem) -> Key | None:
    if item.integrator not in CO_OBLIGOR_WITH_HOLDER:
        return None
    if item.action == Action.INCLUSION:
        return (Action.INCLUSION, item.integrator, item.installment_id)
    if item.bureau_id:
        return (Action.REMOVAL, item.integrator, item.bureau_id)
    return None


def _members(session: Session, keys: list[Key]) -> dict[Key, list[int]]:
    """Every queue entry of each record, whoever holds it."""
    out: dict[Key, list[int]] = {}
    inclusions = [(k[1], k[2]) for k in keys if k[0] == Action.INCLUSION]
    removals = [(k[1], k[2]) for k in keys if k[0] == Action.REMOVAL]
    conditions = []
    if inclusions:
        conditions.append(
            and_(
                Q.c.action == Action.INCLUSION,
                tuple_(N.c.integrator, N.c.installment_id).in_(inclusions),
            )  # fmt: skip
        )
    if removals:
        conditions.append(
            and_(Q.c.action == Action.REMOVAL, tuple_(N.c.integrator, N.c.bureau_id).in_(removals))
        )
    rows = session.execute(
        select(Q.c.id, Q.c.action, N.c.integrator, N.c.installment_id, N.c.bureau_id)
        .join(N, N.c.id == Q.c.negativation_id)
        .where(or_(*conditions))
    )
    for queue_id, action, integrator, installment_id, bureau_id in rows:
        key = (action, integrator, installment_id if action == Action.INCLUSION else bureau_id)
        out.setdefault(key, []).append(queue_id)
    return out


def _holder_registered(session: Session, integrator: str, installment_id: int) -> bool:
    return bool(
        session.scalar(
            select(N.c.id).where(
                N.c.integrator == integrator,
                N.c.installment_id == installment_id,
                N.c.debtor_role == DebtorRole.HOLDER,
                or_(
                    N.c.status == NegativationStatus.ACTIVE,
                    and_(N.c.status == NegativationStatus.PENDING, N.c.processing == Processing.OK),
                ),
            )
        )
    )


def _assemble_inclusion(session: Session, members: list[WorkItem], out: Grouped) -> None:
    name = Integrator(members[0].integrator).label
    holders = [m for m in members if m.role == DebtorRole.HOLDER]
    guarantors = [m for m in members if m.role != DebtorRole.HOLDER]
    if not holders:
        registered = _holder_registered(session, members[0].integrator, members[0].installment_id)
        for guarantor in guarantors:
            if registered:
                message = (
                    f"o titular desta parcela já foi incluído na {name} sem este avalista, e a "
                    f"{name} não acrescenta coobrigado a um registro existente: para incluí-lo, "
                    "dê baixa no registro do titular e inclua os dois juntos"
                )
            else:
                message = (
                    f"na {name} o avalista vai no registro do titular, como coobrigado: inclua "
                    "o titular desta parcela junto (regra com devedores 'ambos')"
                )
            out.results.append(Result(guarantor, Kind.REJECTED, message))
        return
    lead, *others = holders + guarantors
    with_lead = [m for m in others if m.role != DebtorRole.HOLDER][:1]
    for extra in others:
        if extra in with_lead:
            continue
        out.results.append(
            Result(
                extra,
                Kind.REJECTED,
                f"a {name} aceita um só coobrigado por registro e o registro de "
                f"{lead.debtor.name} já leva {with_lead[0].debtor.name}",
            )
        )
    out.items.append(replace(lead, companions=tuple(with_lead)))


def group(
    session_factory: sessionmaker[Session],
    me: str,
    lease: timedelta,
    items: list[WorkItem],
    rng: random.Random,
) -> Grouped:
    out = Grouped()
    groups: dict[Key, list[WorkItem]] = {}
    for item in items:
        key = key_of(item)
        if key is None:
            out.items.append(item)
        else:
            groups.setdefault(key, []).append(item)
    if not groups:
        return out
    with session_factory() as session:
        members = _members(session, list(groups))
    for key, mine in groups.items():
        held = {item.queue_id for item in mine}
        wanted = [q for q in members.get(key, []) if q not in held]
        got = claims.claim_ids(session_factory, me, wanted, lease)
        if len(got) < len(wanted):  # another process holds part of this record
            back = sorted(held | set(got))
            later = utc_now() + timedelta(seconds=rng.uniform(1.0, 3.0))
            claims.defer(session_factory, me, back, later)
            out.deferred.extend(back)
            continue
        with session_factory() as session:
            everyone = sorted(mine + load_items(session, got), key=lambda i: i.queue_id)
            if key[0] == Action.INCLUSION:
                _assemble_inclusion(session, everyone, out)
            else:
                everyone.sort(key=lambda i: (i.role != DebtorRole.HOLDER, i.queue_id))
                out.items.append(replace(everyone[0], companions=tuple(everyone[1:])))
    return out
