"""Servidor compartilhado: a identidade da instalação (as senhas dos operadores ficam
presas a ela e ao endereço para onde podem ir), usuários sem senha no banco quando o login é
o do servidor, e o que a troca das chaves do cofre precisa.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

import json
import uuid
from datetime import UTC, datetime
from urllib.parse import urlsplit

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    installation = op.create_table(
        "installation",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.bulk_insert(
        installation,
        [{"id": str(uuid.uuid4()), "created_at": datetime.now(UTC).replace(tzinfo=None)}],
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("password_hash", existing_type=sa.String(length=255), nullable=True)
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    with op.batch_alter_table("operators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("secret_note", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("legacy_secret_hosts", sa.Text(), nullable=True))
    # The keyring's old keys named only the operator: each workstation moves them, once, to
    # the new keys for the hosts and environments the operator's integrations have *now*,
    # recorded here so that a later change of address cannot redirect them.
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT io.operator_id, i.url, i.environment FROM integration_operators io "
            "JOIN integrations i ON i.id = io.integration_id"
        )
    ).all()
    places: dict[int, set[tuple[str, str]]] = {}
    for operator_id, url, environment in rows:
        host = (urlsplit(url or "").hostname or "").lower()
        if host:
            places.setdefault(operator_id, set()).add((environment, host))
    for operator_id, found in places.items():
        conn.execute(
            sa.text("UPDATE operators SET legacy_secret_hosts = :hosts WHERE id = :id"),
            {"hosts": json.dumps(sorted(found)), "id": operator_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("operators", schema=None) as batch_op:
        batch_op.drop_column("legacy_secret_hosts")
        batch_op.drop_column("secret_note")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
    op.drop_table("installation")
