"""Alçada de crédito que falha fechada: sem alçada definida, ninguém aprova (nem o
administrador); "sem limite" passa a ser uma escolha explícita, uma linha sem valor em
``approval_limits``. As alçadas já gravadas continuam como estão.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("approval_limits") as batch:
        batch.alter_column("max_amount", existing_type=sa.BigInteger(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM approval_limits WHERE max_amount IS NULL")
    with op.batch_alter_table("approval_limits") as batch:
        batch.alter_column("max_amount", existing_type=sa.BigInteger(), nullable=False)
