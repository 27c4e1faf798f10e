"""Visível a partir de: cada negativação guarda quando o birô passa a mostrá-la (a inclusão
mais a espera da carta comunicado da integradora, Parâmetros). As já incluídas recebem a
data calculada com a espera geral guardada hoje (ou a padrão, 10 dias).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

import json
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

DEFAULT_WAIT = 10  # GeneralParameters.notice_wait_days
# as tables of this revision (``key`` needs quoting on MariaDB; dates need their type on
# SQLite, where they are text)
parameters = sa.table("parameters", sa.column("key", sa.String), sa.column("value", sa.Text))
negativations = sa.table(
    "negativations",
    sa.column("id", sa.Integer),
    sa.column("integrator", sa.String),
    sa.column("included_on", sa.Date),
    sa.column("visible_from", sa.Date),
)


def upgrade() -> None:
    with op.batch_alter_table("negativations") as batch:
        batch.add_column(sa.Column("visible_from", sa.Date(), nullable=True))
    conn = op.get_bind()
    stored = conn.scalar(sa.select(parameters.c.value).where(parameters.c.key == "geral"))
    general = json.loads(stored) if stored else {}
    default = int(general.get("notice_wait_days", DEFAULT_WAIT))
    waits = {k: int(v) for k, v in (general.get("notice_waits") or {}).items()}
    n = negativations.c
    rows = conn.execute(
        sa.select(n.id, n.integrator, n.included_on).where(n.included_on.is_not(None))
    ).all()
    # the date arithmetic is done here, the same on every database (a few per row)
    values = [
        {"b_id": row.id, "v": row.included_on + timedelta(days=waits.get(row.integrator, default))}
        for row in rows
    ]
    if values:
        update = negativations.update().where(n.id == sa.bindparam("b_id"))
        conn.execute(update.values(visible_from=sa.bindparam("v")), values)


def downgrade() -> None:
    with op.batch_alter_table("negativations") as batch:
        batch.drop_column("visible_from")
