"""What a sending run reports while it runs (the GUI's progress bar) and at its end."""

from __future__ import annotations

from dataclasses import dataclass, field

from gestao_negativacao.domain.enums import NegativationStatus
from gestao_negativacao.services.sending.outcomes import Kind, Result

MAX_PROBLEMS = 1000  # the report lists at most this many items that did not go


@dataclass(frozen=True)
class Progress:
    total: int  # entries due when the run started
    done: int  # entries with a final answer in this run
    sent: int
    already: int
    unconfirmed: int
    rejected: int
    pending: int  # still pending after this run's attempts
    no_configuration: int
    cancelled: bool


@dataclass(frozen=True)
class Problem:
    negativation_id: int
    action: str
    sale: str
    installment: int
    debtor_document: str
    status: str  # erro | pendente
    message: str


@dataclass
class SendReport:
    total: int = 0
    sent: int = 0  # accepted and confirmed
    already: int = 0  # the bureau already had it (counted as sent)
    unconfirmed: int = 0  # accepted; the bureau confirms later
    rejected: int = 0
    pending: int = 0
    no_configuration: int = 0
    cancelled: bool = False
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    @property
    def done(self) -> int:
        return (
            self.sent
            + self.already
            + self.unconfirmed
            + self.rejected
            + self.pending
            + self.no_configuration
        )

    def count(self, result: Result) -> None:
        """Count an item's final answer in this run."""
        kind = result.kind
        if kind is Kind.ACCEPTED:
            if result.already:
                self.already += 1
            else:
                self.sent += 1
            return
        if kind is Kind.UNCONFIRMED:
            self.unconfirmed += 1
            return
        if kind is Kind.REJECTED:
            self.rejected += 1
        elif kind is Kind.NO_CONFIGURATION:
            self.no_configuration += 1
        else:
            self.pending += 1
        if len(self.problems) < MAX_PROBLEMS:
            item = result.item
            self.problems.append(
                Problem(
                    item.negativation_id,
                    item.action,
                    item.sale_number,
                    item.installment_number,
                    item.debtor.document,
                    NegativationStatus.ERROR
                    if kind is Kind.REJECTED
                    else NegativationStatus.PENDING,
                    result.message,
                )
            )

    def snapshot(self, *, cancelled: bool) -> Progress:
        return Progress(
            self.total,
            self.done,
            self.sent,
            self.already,
            self.unconfirmed,
            self.rejected,
            self.pending,
            self.no_configuration,
            cancelled,
        )

    def summary(self) -> dict:
        return {
            "total": self.total,
            "sent": self.sent,
            "already": self.already,
            "unconfirmed": self.unconfirmed,
            "rejected": self.rejected,
            "pending": self.pending,
            "no_configuration": self.no_configuration,
            "cancelled": self.cancelled,
            "seconds": round(self.seconds, 3),
        }
