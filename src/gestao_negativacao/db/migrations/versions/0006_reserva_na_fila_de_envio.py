"""Reserva (claim) das entradas da fila de envio por um processo de envio, e a
integradora na própria fila, para que a reserva filtre sem junção.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("send_queue", schema=None) as batch_op:
        batch_op.add_column(sa.Column("integrator", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(), nullable=True))
    queue = sa.table("send_queue", sa.column("negativation_id"), sa.column("integrator"))
    negativations = sa.table("negativations", sa.column("id"), sa.column("integrator"))
    op.execute(
        queue.update().values(
            integrator=sa.select(negativations.c.integrator)
            .where(negativations.c.id == queue.c.negativation_id)
            .scalar_subquery()
        )
    )
    with op.batch_alter_table("send_queue", schema=None) as batch_op:
        batch_op.alter_column("integrator", existing_type=sa.String(length=30), nullable=False)
        batch_op.create_index(
            "ix_send_queue_claimable", ["integrator", "action", "next_attempt_at"], unique=False
        )
        batch_op.create_index("ix_send_queue_claimed_by", ["claimed_by"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("send_queue", schema=None) as batch_op:
        batch_op.drop_index("ix_send_queue_claimed_by")
        batch_op.drop_index("ix_send_queue_claimable")
        batch_op.drop_column("claimed_until")
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("integrator")
