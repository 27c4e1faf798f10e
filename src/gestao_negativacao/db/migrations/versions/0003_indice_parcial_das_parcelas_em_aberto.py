"""Índice parcial (cobrindo) das parcelas em aberto, lido pelas regras.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("installments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_installments_open_rows",
            [
                "earliest_due_date",
                "sale_id",
                "due_date",
                "effective_due_date",
                "adjusted",
                "principal",
                "open_amount",
            ],
            unique=False,
            sqlite_where=sa.text("open_amount > 0"),
            postgresql_where=sa.text("open_amount > 0"),
        )


def downgrade() -> None:
    with op.batch_alter_table("installments", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_installments_open_rows",
            sqlite_where=sa.text("open_amount > 0"),
            postgresql_where=sa.text("open_amount > 0"),
        )
