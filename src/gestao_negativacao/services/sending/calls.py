"""One bureau call for one queue entry (and the co-obligors that travel in its record), on a
worker thread, turned into ``Result``s.

Nothing here touches the database. Every exception becomes a result: a bug in an adapter
or an answer nobody foresaw leaves the item pending with a message, it never stops a run.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from gestao_negativacao.bureaus.base import BureauAdapter
from gestao_negativacao.bureaus.errors import (
    AlreadyDone,
    AuthFailed,
    NotFound,
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.bureaus.registry import CONFIRMS_LATER
from gestao_negativacao.db.models import Integration
from gestao_negativacao.domain.enums import Action
from gestao_negativacao.services.sending.items import WorkItem
from gestao_negativacao.services.sending.outcomes import Kind, Result
from gestao_negativacao.services.sending.selection import Choice

log = logging.getLogger(__name__)


def call_bureau(
    adapter: BureauAdapter, item: WorkItem, integration: Integration | None, choice: Choice
) -> list[Result]:
    """The item's result first, then one per companion: the same answer, since the bureau
    holds one record for all of them."""
    result = _call(adapter, item, integration, choice)
    return [result, *companion_results(result)]


def companion_results(result: Result) -> list[Result]:
    item = result.item
    out = []
    for companion in item.companions:
        if item.action == Action.REMOVAL:
            message = f"registro baixado junto com o de {item.debtor.name}: {result.message}"
        else:
            message = f"coobrigado no registro de {item.debtor.name}: {result.message}"
        out.append(replace(result, item=companion, message=message))
    return out


def _call(
    adapter: BureauAdapter, item: WorkItem, integration: Integration | None, choice: Choice
) -> Result:
    used = {"integration_id": choice.integration_id, "operator_id": choice.operator_id}
    removal = item.action == Action.REMOVAL
    try:
        if removal:
            reason = integration.removal_reason if integration is not None else None
            outcome = adapter.remove(item.record_ref(), reason)
        else:
            outcome = adapter.include(item.inclusion_request(integration))
    except AlreadyDone as exc:
        later = not removal and item.integrator in CONFIRMS_LATER
        what = "já constava baixado no birô" if removal else "já constava no birô"
        return Result(
            item,
            Kind.UNCONFIRMED if later else Kind.ACCEPTED,
            f"{what}: {exc.message}",
            already=True,
            bureau_id=exc.bureau_id,
            **used,
        )
    except NotFound as exc:
        if not removal:  # no protocol answers "not found" to an inclusion
            return Result(item, Kind.REJECTED, str(exc), **used)
        message = f"o birô não encontrou o registro para a baixa: {exc.message}"
        return Result(item, Kind.ACCEPTED, message, not_found=True, **used)
    except (Rejected, NotSupported) as exc:
        return Result(item, Kind.REJECTED, str(exc), **used)
    except AuthFailed as exc:
        return Result(item, Kind.TRANSIENT, str(exc), auth_refused=True, **used)
    except Transient as exc:
        return Result(item, Kind.TRANSIENT, str(exc), **used)
    except Exception as exc:  # noqa: BLE001 - see the module's docstring
        log.exception("erro inesperado no envio ao birô (%s)", item.integrator)
        message = f"erro inesperado ao falar com o birô ({type(exc).__name__}); ver o log"
        return Result(item, Kind.TRANSIENT, message, **used)
    kind = Kind.ACCEPTED if outcome.confirmed else Kind.UNCONFIRMED
    return Result(
        item,
        kind,
        outcome.message,
        protocol=outcome.protocol,
        bureau_id=outcome.bureau_id,
        **used,
    )
