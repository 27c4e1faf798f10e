"""Bureau configuration: operators (logins) and integrations (connections). No secret is
ever stored here: ``secret_set`` only says that someone set one on some workstation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gestao_negativacao.db.base import Base, UtcDateTime, utc_now


class Operator(Base):
    """A bureau login: code (operator code, e-mail or client id) and a secret kept in the
    OS keyring of each workstation that uses it."""

    __tablename__ = "operators"
    __table_args__ = (UniqueConstraint("integrator", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    integrator: Mapped[str] = mapped_column(String(30))
    code: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(150), default="")
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    secret_set: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Boa Vista's credit query (CSR60) has its own operator; its password is a second
    # secret of this operator in the keyring
    query_code: Mapped[str | None] = mapped_column(String(120))
    # why the secret must be typed again (an integration's address or environment changed)
    secret_note: Mapped[str | None] = mapped_column(String(200))
    # (environment, host) pairs the keyring's old, operator-only key was for: read once per
    # workstation to move that key to the new ones (migration 0011)
    legacy_secret_hosts: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class OperatorUser(Base):
    """Users allowed to use an operator; none means "anyone with CRSPC"."""

    __tablename__ = "operator_users"

    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)


class Integration(Base):
    __tablename__ = "integrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    integrator: Mapped[str] = mapped_column(String(30), index=True)
    environment: Mapped[str] = mapped_column(String(20), default="homologacao")
    url: Mapped[str] = mapped_column(String(300))
    port: Mapped[int | None] = mapped_column(Integer)  # Boa Vista only
    document_type: Mapped[str | None] = mapped_column(String(40))
    removal_reason: Mapped[str | None] = mapped_column(String(40))
    nature_person: Mapped[str | None] = mapped_column(String(40))  # CPF
    nature_company: Mapped[str | None] = mapped_column(String(40))  # CNPJ
    auto_include: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_remove: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # the credit query: the bureau's product code (SPC "codigo-produto", Boa Vista's CSR60
    # query) and, for Boa Vista, where CSR60 listens (tcp://host:port or an http(s) URL)
    credit_product: Mapped[str | None] = mapped_column(String(20))
    query_url: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class IntegrationOperator(Base):
    """The operators of an integration, in the order they are tried."""

    __tablename__ = "integration_operators"

    integration_id: Mapped[int] = mapped_column(ForeignKey("integrations.id"), primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class IntegrationCompany(Base):
    __tablename__ = "integration_companies"

    integration_id: Mapped[int] = mapped_column(ForeignKey("integrations.id"), primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), primary_key=True)


class BureauListItem(Base):
    """Lists fetched from the bureau (removal reasons, document types, natures), cached."""

    __tablename__ = "bureau_list_items"
    __table_args__ = (UniqueConstraint("integration_id", "kind", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    integration_id: Mapped[int] = mapped_column(ForeignKey("integrations.id"))
    kind: Mapped[str] = mapped_column(String(30))  # removal_reason | document_type | nature
    code: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
