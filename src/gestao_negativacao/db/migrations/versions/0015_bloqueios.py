"""Bloqueios depois de uma baixa (DESIGN §5.6): a baixa manual, por ordem judicial ou por
pagamento parcial, distrato ou renegociação bloqueia a parcela e o devedor para novas
inclusões (motivo ``held``, em todas as integradoras) até alguém com NEG_BAIXA_MANUAL retirar
o bloqueio, com motivo, ou a data final passar.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("installment_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=30), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("negativation_id", sa.Integer(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=60), nullable=False),
        sa.Column("lifted_at", sa.DateTime(), nullable=True),
        sa.Column("lifted_by", sa.String(length=60), nullable=True),
        sa.Column("lift_reason", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["installment_id"], ["installments.id"]),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.ForeignKeyConstraint(["negativation_id"], ["negativations.id"]),
    )
    op.create_index("ix_holds_item", "holds", ["installment_id", "customer_id"])


def downgrade() -> None:
    # the table takes its index along (MariaDB refuses to drop an index a foreign key uses)
    op.drop_table("holds")
