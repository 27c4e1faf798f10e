"""Acordos (DESIGN §5.6): um acordo com o devedor sobre parcelas vencidas, com as parcelas
novas (vencimento, valor, prazo de tolerância, pagamento). Enquanto é cumprido, as parcelas
originais ficam bloqueadas (``holds.agreement_id``) e suas negativações ativas são baixadas
(gatilho ``agreement``); quebrado, os bloqueios acabam sozinhos.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("tolerance_days", sa.Integer(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"]),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_agreements_customer_id", "agreements", ["customer_id"])
    op.create_table(
        "agreement_installments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("paid_by", sa.String(length=60), nullable=True),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agreement_id", "number"),
    )
    with op.batch_alter_table("holds") as batch:
        batch.add_column(sa.Column("agreement_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_holds_agreement_id_agreements", "agreements", ["agreement_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("holds") as batch:
        batch.drop_constraint("fk_holds_agreement_id_agreements", type_="foreignkey")
        batch.drop_column("agreement_id")
    op.drop_table("agreement_installments")
    op.drop_table("agreements")
