"""One bureau call for one queue entry, on a worker thread, turned into a ``Result``.

Nothing here touches the database. Every exception becomes a result: a bug in an adapter
or an answer nobody foresaw leaves the item pending with a message, it never stops a run.
"""

from __future__ import annotations

import logging

from gestao_negativacao.bureaus.base import BureauAdapter
from gestao_negativacao.bureaus.errors import (
    AlreadyDone,
    AuthFailed,
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.db.models import Integration
from gestao_negativacao.services.sending.items import WorkItem
from gestao_negativacao.services.sending.outcomes import Kind, Result
from gestao_negativacao.services.sending.selection import Choice

log = logging.getLogger(__name__)

# integrators that accept now and confirm later, in batches (DESIGN §5)
CONFIRMS_LATER = frozenset({"soa_serasa"})


def call_bureau(
    adapter: BureauAdapter, item: WorkItem, integration: Integration | None, choice: Choice
) -> Result:
    used = {"integration_id": choice.integration_id, "operator_id": choice.operator_id}
    removal = item.action == "removal"
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
