"""Uma só palavra para a decisão de crédito: as regras gravavam ``aprovado``, ``analise`` e
``bloqueado``; o supervisor, ``aprovada`` e ``bloqueada``. Agora toda solicitação fica
``aprovada`` (pelas regras na hora — ``decided_by`` = ``regras`` — ou pelo supervisor),
``em_analise``, ``retida`` (bloqueada pelas regras, esperando o supervisor, como estava) ou
``bloqueada`` (pelo supervisor).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

FORWARD = {"aprovado": "aprovada", "analise": "em_analise", "bloqueado": "retida"}


def upgrade() -> None:
    requests = sa.table(
        "credit_requests",
        sa.column("status", sa.String),
        sa.column("decided_by", sa.String),
        sa.column("decided_at", sa.DateTime),
    )
    for old, new in FORWARD.items():
        op.execute(requests.update().where(requests.c.status == old).values(status=new))
    # a request the rules blocked waits for the supervisor: nobody has decided it yet
    op.execute(
        requests.update()
        .where(requests.c.status == "retida", requests.c.decided_by == "regras")
        .values(decided_by=None, decided_at=None)
    )


def downgrade() -> None:
    requests = sa.table(
        "credit_requests", sa.column("status", sa.String), sa.column("decided_by", sa.String)
    )
    op.execute(
        requests.update()
        .where(requests.c.status == "aprovada", requests.c.decided_by == "regras")
        .values(status="aprovado")
    )
    op.execute(
        requests.update()
        .where(requests.c.status == "retida")
        .values(status="bloqueado", decided_by="regras")
    )
    op.execute(requests.update().where(requests.c.status == "em_analise").values(status="analise"))
