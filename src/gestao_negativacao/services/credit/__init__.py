"""Credit analysis (DESIGN §10, seed 002): the customer's credit profile (status, limit,
temporary increases, used, balance), credit requests decided at once by the rules and
queued for a supervisor otherwise, approval within the supervisor's authority (alçada)
generating exactly the installments saved with the request, blocking with a comment.
Everything that changes data is audited.

The package's parts: ``profile`` (status, limit, increases), ``requests`` (submit,
approve, block, the queue), ``authority`` (alçada), ``queries`` (the bureau reports kept).
Callers use the names below, as they did when this was one module.
"""

from gestao_negativacao.domain.credit import METHOD_LABELS, STATUS_LABELS, RequestStatus
from gestao_negativacao.services.credit.authority import (
    NO_AUTHORITY,
    Authority,
    authority_of,
    set_authority,
)
from gestao_negativacao.services.credit.common import ZERO, CreditError
from gestao_negativacao.services.credit.profile import (
    Profile,
    add_increase,
    profile,
    set_profile,
)
from gestao_negativacao.services.credit.requests import (
    RequestInfo,
    RequestInput,
    approve,
    block,
    decisions,
    get_request,
    parse_request,
    queue,
    recent_requests,
    submit,
)

__all__ = [
    "METHOD_LABELS", "NO_AUTHORITY", "STATUS_LABELS", "ZERO", "Authority", "CreditError",
    "Profile", "RequestInfo", "RequestInput", "RequestStatus", "add_increase", "approve",
    "authority_of", "block", "decisions", "get_request", "parse_request", "profile", "queue",
    "recent_requests", "set_authority", "set_profile", "submit",
]  # fmt: skip
