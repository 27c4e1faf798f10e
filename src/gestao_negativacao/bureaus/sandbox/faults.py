"""Seeded fault injection: ``timeout=0.1,http500=0.05,malformed=0.02,auth=0.01``.

- ``http500``: answers 500 before doing anything;
- ``auth``: answers as if the credentials were wrong;
- ``malformed``: does the work, then answers garbage (the client can't tell it happened);
- ``timeout``: does the work, then holds the connection and closes it unanswered: the worst
  case for a sender, who must re-send and get "already there".
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field

from gestao_negativacao.domain.errors import UserFacingError

KINDS = ("timeout", "http500", "malformed", "auth")


class FaultSpecError(UserFacingError, ValueError):
    pass


@dataclass
class FaultPlan:
    rates: dict[str, float] = field(default_factory=dict)
    seed: int = 0
    _rng: random.Random = field(init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        if sum(self.rates.values()) > 1:
            raise FaultSpecError("a soma das taxas de falha passa de 1")

    @classmethod
    def parse(cls, spec: str | None, seed: int = 0) -> FaultPlan:
        rates: dict[str, float] = {}
        for part in (spec or "").split(","):
            if not part.strip():
                continue
            name, _, value = part.partition("=")
            name = name.strip()
            if name not in KINDS:
                raise FaultSpecError(f"falha desconhecida {name!r} (use {', '.join(KINDS)})")
            try:
                rate = float(value)
            except ValueError:
                raise FaultSpecError(f"taxa inválida para {name}: {value!r}") from None
            if not 0 <= rate <= 1:
                raise FaultSpecError(f"taxa de {name} fora de 0..1: {rate}")
            rates[name] = rate
        return cls(rates, seed)

    def draw(self) -> str | None:
        """The fault for the next request, or None."""
        if not self.rates:
            return None
        with self._lock:
            roll = self._rng.random()
        for name in KINDS:
            rate = self.rates.get(name, 0.0)
            if roll < rate:
                return name
            roll -= rate
        return None
