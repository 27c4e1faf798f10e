"""LGPD: o dia em que os dados de um titular foram anonimizados.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


# plain ALTER TABLE on every database (SQLite 3.35+ drops a column in place): a batch
# rebuild of ``customers`` would drop a table that negativations and sales point to


def upgrade() -> None:
    op.add_column("customers", sa.Column("anonymised_on", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("customers", "anonymised_on")
