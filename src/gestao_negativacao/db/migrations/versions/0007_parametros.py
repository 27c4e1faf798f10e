"""Parâmetros gerais (chave → JSON) e por empresa (Sim / Padrão / Não).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "parameters",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "company_parameters",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("auto_include", sa.String(length=10), nullable=False),
        sa.Column("auto_remove", sa.String(length=10), nullable=False),
        sa.Column("days_to_execute", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"]),
        sa.PrimaryKeyConstraint("company_id"),
    )


def downgrade() -> None:
    op.drop_table("company_parameters")
    op.drop_table("parameters")
