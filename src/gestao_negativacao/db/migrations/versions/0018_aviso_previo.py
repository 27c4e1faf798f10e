"""Aviso prévio ao devedor (sementes 000/001, "contato antes do registro"): por empresa, os
dias entre o e-mail de aviso e a inclusão (``company_parameters.pre_notice_days``); cada
aviso enviado ou tentado (``debtor_notices``). Sem aviso enviado e esperado, a parcela fica
fora da inclusão com o motivo ``notice_pending``.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("company_parameters") as batch:
        batch.add_column(sa.Column("pre_notice_days", sa.Integer(), nullable=True))
    op.create_table(
        "debtor_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("installment_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("eligible_from", sa.Date(), nullable=False),
        sa.Column("email", sa.String(length=150), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("message", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(["installment_id"], ["installments.id"]),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_debtor_notices_item", "debtor_notices", ["installment_id", "customer_id"])


def downgrade() -> None:
    op.drop_table("debtor_notices")
    with op.batch_alter_table("company_parameters") as batch:
        batch.drop_column("pre_notice_days")
