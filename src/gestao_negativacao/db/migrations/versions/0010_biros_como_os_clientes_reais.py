"""Birôs como os clientes reais: aviso de baixa não encontrada, consulta de crédito com
produto e endereço próprios, código da consulta CSR60 no operador.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("negativations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attention", sa.String(length=40), nullable=True))
    with op.batch_alter_table("operators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("query_code", sa.String(length=120), nullable=True))
    with op.batch_alter_table("integrations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("credit_product", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("query_url", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("integrations", schema=None) as batch_op:
        batch_op.drop_column("query_url")
        batch_op.drop_column("credit_product")
    with op.batch_alter_table("operators", schema=None) as batch_op:
        batch_op.drop_column("query_code")
    with op.batch_alter_table("negativations", schema=None) as batch_op:
        batch_op.drop_column("attention")
