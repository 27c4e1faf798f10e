"""Protocolo da baixa: a baixa passa a guardar o seu protocolo em ``removal_protocol`` e o
da inclusão fica em ``protocol`` (até aqui a baixa o sobrescrevia). Nas negativações já
baixadas, o protocolo que ficou (o da baixa) passa para ``removal_protocol`` e o da inclusão
é recuperado do histórico (o evento de inclusão mais recente, ou o de espera pela
confirmação, no Serasa).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

REMOVED = "('baixada', 'baixada_manual')"
INCLUSION_PROTOCOL = """(
    SELECT e.protocol FROM negativation_events e
    WHERE e.negativation_id = negativations.id AND e.protocol IS NOT NULL
      AND (e.kind LIKE 'incluida%' OR (e.kind = 'aguardando_confirmacao'
                                      AND e.status_before = 'pendente'))
    ORDER BY e.id DESC LIMIT 1)"""


def upgrade() -> None:
    with op.batch_alter_table("negativations") as batch:
        batch.add_column(sa.Column("removal_protocol", sa.String(120), nullable=True))
    op.execute(f"UPDATE negativations SET removal_protocol = protocol WHERE status IN {REMOVED}")
    op.execute(
        f"UPDATE negativations SET protocol = {INCLUSION_PROTOCOL} WHERE status IN {REMOVED}"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE negativations SET protocol = removal_protocol "
        f"WHERE status IN {REMOVED} AND removal_protocol IS NOT NULL"
    )
    with op.batch_alter_table("negativations") as batch:
        batch.drop_column("removal_protocol")
