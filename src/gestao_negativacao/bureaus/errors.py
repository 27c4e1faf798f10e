"""The one error taxonomy every adapter maps its bureau's answers to (DESIGN §6).

The sending pipeline decides on these classes alone: Transient → retry with backoff;
Rejected → erro with the bureau's message; AlreadyDone → success; NotFound (removal) →
removed with a warning to check; AuthFailed → the operator's credentials; NotSupported → the
integrator has no such operation.
No message here ever carries a secret.
"""

from __future__ import annotations

from gestao_negativacao.domain.errors import UserFacingError


class BureauError(UserFacingError):
    """Base class. ``message`` is for the clerk (Portuguese where the bureau's is)."""

    def __init__(self, message: str, *, code: str | None = None) -> None:
        self.message = message
        self.code = code
        super().__init__(f"[{code}] {message}" if code else message)


class Transient(BureauError):
    """Transport failure, timeout, 5xx, throttling, malformed answer: try again later."""


class Rejected(BureauError):
    """The bureau refused the data or a business rule; retrying the same data won't help."""


class AlreadyDone(BureauError):
    """Duplicate inclusion, or removal of what is already removed: counts as success.
    ``bureau_id`` carries the record's id at the bureau when the answer gives it."""

    def __init__(self, message: str, *, code: str | None = None, bureau_id: str | None = None):
        super().__init__(message, code=code)
        self.bureau_id = bureau_id


class NotFound(BureauError):
    """A removal of a record the bureau says it does not hold. Not the same as "already
    removed": a removal that names the record differently from its inclusion gets exactly
    this answer, so the pipeline records it as removed *with a warning* to check (DESIGN
    §5.2), never silently."""


class AuthFailed(BureauError):
    """The operator's code or secret was refused."""


class NotSupported(BureauError):
    """The integrator does not offer this operation."""
