"""Regras no PostgreSQL: o índice parcial das parcelas em aberto passa a levar o id da
parcela (INCLUDE), para que as listas agrupadas das regras (vendas e clientes) leiam só o
índice, sem visitar a tabela. No SQLite e no MariaDB todo índice já leva a chave primária.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

COLUMNS = [
    "earliest_due_date",
    "sale_id",
    "due_date",
    "effective_due_date",
    "adjusted",
    "principal",
    "open_amount",
]
OPEN = sa.text("open_amount > 0")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_installments_open_rows", table_name="installments")
    op.create_index(
        "ix_installments_open_rows",
        "installments",
        COLUMNS,
        postgresql_where=OPEN,
        postgresql_include=["id"],
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_installments_open_rows", table_name="installments")
    op.create_index("ix_installments_open_rows", "installments", COLUMNS, postgresql_where=OPEN)
