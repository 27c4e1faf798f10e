"""Operadores e integrações dos birôs (sem segredos) e as listas obtidas dos birôs.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "integrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("integrator", sa.String(length=30), nullable=False),
        sa.Column("environment", sa.String(length=20), nullable=False),
        sa.Column("url", sa.String(length=300), nullable=False),
        sa.Column("port", sa.Integer(), nullable=True),
        sa.Column("document_type", sa.String(length=40), nullable=True),
        sa.Column("removal_reason", sa.String(length=40), nullable=True),
        sa.Column("nature_person", sa.String(length=40), nullable=True),
        sa.Column("nature_company", sa.String(length=40), nullable=True),
        sa.Column("auto_include", sa.Boolean(), nullable=False),
        sa.Column("auto_remove", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integrations")),
        sa.UniqueConstraint("name", name=op.f("uq_integrations_name")),
    )
    with op.batch_alter_table("integrations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_integrations_integrator"), ["integrator"], unique=False
        )

    op.create_table(
        "bureau_list_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("integration_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["integration_id"],
            ["integrations.id"],
            name=op.f("fk_bureau_list_items_integration_id_integrations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bureau_list_items")),
        sa.UniqueConstraint(
            "integration_id",
            "kind",
            "code",
            name=op.f("uq_bureau_list_items_integration_id_kind_code"),
        ),
    )
    op.create_table(
        "integration_companies",
        sa.Column("integration_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_integration_companies_company_id_companies"),
        ),
        sa.ForeignKeyConstraint(
            ["integration_id"],
            ["integrations.id"],
            name=op.f("fk_integration_companies_integration_id_integrations"),
        ),
        sa.PrimaryKeyConstraint(
            "integration_id", "company_id", name=op.f("pk_integration_companies")
        ),
    )
    op.create_table(
        "operators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("integrator", sa.String(length=30), nullable=False),
        sa.Column("code", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("secret_set", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_operators_company_id_companies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operators")),
        sa.UniqueConstraint("integrator", "code", name=op.f("uq_operators_integrator_code")),
    )
    op.create_table(
        "integration_operators",
        sa.Column("integration_id", sa.Integer(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["integration_id"],
            ["integrations.id"],
            name=op.f("fk_integration_operators_integration_id_integrations"),
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operators.id"],
            name=op.f("fk_integration_operators_operator_id_operators"),
        ),
        sa.PrimaryKeyConstraint(
            "integration_id", "operator_id", name=op.f("pk_integration_operators")
        ),
    )
    op.create_table(
        "operator_users",
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operators.id"], name=op.f("fk_operator_users_operator_id_operators")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_operator_users_user_id_users")
        ),
        sa.PrimaryKeyConstraint("operator_id", "user_id", name=op.f("pk_operator_users")),
    )


def downgrade() -> None:
    op.drop_table("operator_users")
    op.drop_table("integration_operators")
    op.drop_table("operators")
    op.drop_table("integration_companies")
    op.drop_table("bureau_list_items")
    with op.batch_alter_table("integrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_integrations_integrator"))

    op.drop_table("integrations")
