"""What every screen receives: the open database and who is logged in."""

from __future__ import annotations

from dataclasses import dataclass

from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.database import Database


@dataclass(frozen=True)
class Context:
    db: Database
    actor: Actor

    @property
    def session_factory(self):
        return self.db.session_factory
