"""The test bureau (sandbox) started for a person: its fault plan read from the command
line's words, and a port already taken said plainly. The server itself lives with the
adapters (``bureaus.sandbox``); the command line reaches it through here."""

from __future__ import annotations

from gestao_negativacao.domain.errors import UserFacingError


class SandboxError(UserFacingError):
    """The sandbox cannot start as asked; the message says why."""


def start_sandbox(host: str, port: int, latency_ms: float, faults: str | None, seed: int):
    from gestao_negativacao.bureaus.sandbox import SandboxServer
    from gestao_negativacao.bureaus.sandbox.faults import FaultPlan, FaultSpecError

    try:
        plan = FaultPlan.parse(faults, seed=seed)
    except FaultSpecError as exc:
        raise SandboxError(f"--faults: {exc}") from None
    try:
        return SandboxServer(host, port, latency_ms=latency_ms, faults=plan)
    except OSError as exc:
        raise SandboxError(f"Não foi possível abrir a porta {port}: {exc.strerror}") from None
