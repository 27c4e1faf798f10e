"""Regras de inclusão e de baixa, negativações com histórico e a fila de envio.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rules")),
        sa.UniqueConstraint("name", name=op.f("uq_rules_name")),
    )
    with op.batch_alter_table("rules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rules_kind"), ["kind"], unique=False)

    op.create_table(
        "negativations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("installment_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("debtor_role", sa.String(length=10), nullable=False),
        sa.Column("integrator", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("processing", sa.String(length=20), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=True),
        sa.Column("removal_rule_id", sa.Integer(), nullable=True),
        sa.Column("integration_id", sa.Integer(), nullable=True),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("protocol", sa.String(length=120), nullable=True),
        sa.Column("bureau_id", sa.String(length=120), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("included_at", sa.DateTime(), nullable=True),
        sa.Column("included_on", sa.Date(), nullable=True),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.Column("removal_reason", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_negativations_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["installment_id"],
            ["installments.id"],
            name=op.f("fk_negativations_installment_id_installments"),
        ),
        sa.ForeignKeyConstraint(
            ["removal_rule_id"], ["rules.id"], name=op.f("fk_negativations_removal_rule_id_rules")
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["rules.id"], name=op.f("fk_negativations_rule_id_rules")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_negativations")),
        sa.UniqueConstraint(
            "installment_id",
            "customer_id",
            "integrator",
            name=op.f("uq_negativations_installment_id_customer_id_integrator"),
        ),
    )
    with op.batch_alter_table("negativations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_negativations_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            "ix_negativations_integrator_status", ["integrator", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_negativations_removal_rule_id"), ["removal_rule_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_negativations_rule_id"), ["rule_id"], unique=False)

    op.create_table(
        "negativation_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("negativation_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("status_before", sa.String(length=20), nullable=True),
        sa.Column("status_after", sa.String(length=20), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("login", sa.String(length=60), nullable=False),
        sa.Column("workstation", sa.String(length=100), nullable=False),
        sa.Column("protocol", sa.String(length=120), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["negativation_id"],
            ["negativations.id"],
            name=op.f("fk_negativation_events_negativation_id_negativations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_negativation_events")),
    )
    with op.batch_alter_table("negativation_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_negativation_events_negativation_id"), ["negativation_id"], unique=False
        )

    op.create_table(
        "send_queue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("negativation_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("rule_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["negativation_id"],
            ["negativations.id"],
            name=op.f("fk_send_queue_negativation_id_negativations"),
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["rules.id"], name=op.f("fk_send_queue_rule_id_rules")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_send_queue")),
        sa.UniqueConstraint(
            "negativation_id", "action", name=op.f("uq_send_queue_negativation_id_action")
        ),
    )
    with op.batch_alter_table("send_queue", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_send_queue_next_attempt_at"), ["next_attempt_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("send_queue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_send_queue_next_attempt_at"))

    op.drop_table("send_queue")
    with op.batch_alter_table("negativation_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_negativation_events_negativation_id"))

    op.drop_table("negativation_events")
    with op.batch_alter_table("negativations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_negativations_rule_id"))
        batch_op.drop_index(batch_op.f("ix_negativations_removal_rule_id"))
        batch_op.drop_index("ix_negativations_integrator_status")
        batch_op.drop_index(batch_op.f("ix_negativations_customer_id"))

    op.drop_table("negativations")
    with op.batch_alter_table("rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rules_kind"))

    op.drop_table("rules")
