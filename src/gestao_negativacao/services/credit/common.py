"""What the parts of credit analysis share: the refusal and zero."""

from __future__ import annotations

from decimal import Decimal

from gestao_negativacao.domain.errors import UserFacingError

ZERO = Decimal("0.00")


class CreditError(UserFacingError, ValueError):
    """A credit request or change cannot be done; the message says what to fix."""
