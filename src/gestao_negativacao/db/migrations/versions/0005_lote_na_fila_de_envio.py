"""Lote (chamada de enfileiramento) de cada entrada da fila de envio.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("send_queue", schema=None) as batch_op:
        batch_op.add_column(sa.Column("batch", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_send_queue_batch"), ["batch"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("send_queue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_send_queue_batch"))
        batch_op.drop_column("batch")
