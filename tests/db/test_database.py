import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.util.exc import CommandError
from sqlalchemy import column, inspect, table, text

from gestao_negativacao.db import migrate
from gestao_negativacao.db.base import Base
from gestao_negativacao.db.engine import (
    DatabaseConfigError,
    is_network_path,
    make_engine,
    normalise_url,
)
from gestao_negativacao.services.database import open_database


def test_migrations_match_the_models_on_every_database(any_db):
    """The schema Alembic builds is the one the models describe (no drift)."""
    with any_db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
        alembic_says = context.get_current_revision()
    assert diff == []
    assert migrate.current_revision(any_db.engine) == migrate.head_revision() == alembic_says
    tables = set(inspect(any_db.engine).get_table_names())
    assert {"companies", "customers", "sales", "installments", "users", "audit_log"} <= tables


def test_head_read_from_the_scripts_is_alembics():
    """Start-up reads the newest revision from the scripts without loading Alembic; it
    must be the head Alembic itself would migrate to."""
    from alembic.script import ScriptDirectory

    assert migrate.head_revision() == (
        ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
    )


def test_rule_indexes_exist(any_db):
    inspector = inspect(any_db.engine)
    indexed = {tuple(ix["column_names"]) for ix in inspector.get_indexes("installments")}
    assert ("due_date",) in indexed
    assert ("effective_due_date",) in indexed
    assert ("open_amount", "effective_due_date") in indexed
    sales = {tuple(ix["column_names"]) for ix in inspector.get_indexes("sales")}
    assert ("holder_id",) in sales
    guarantors = {tuple(ix["column_names"]) for ix in inspector.get_indexes("sale_guarantors")}
    assert ("customer_id",) in guarantors


def test_default_database_is_sqlite_in_the_data_folder(app_home):
    db = open_database()
    try:
        assert db.dialect == "sqlite"
        assert str(app_home / "data") in db.description
    finally:
        db.dispose()


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000


def test_sqlite_is_backed_up_before_a_migration(app_home):
    """The copy is taken before Alembic touches the file, so even a failed upgrade (here:
    a revision this version does not know) leaves the user's data in the backup."""
    url = f"sqlite:///{(app_home / 'velho.db').as_posix()}"
    db = open_database(url)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO companies (cnpj, name) VALUES ('29141777000158', 'X')"))
        conn.execute(text("UPDATE alembic_version SET version_num = 'antiga'"))
    db.dispose()
    engine = make_engine(url)
    with pytest.raises(CommandError):
        migrate.upgrade(engine)
    engine.dispose()
    backups = list(app_home.glob("velho.antes-antiga-*.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT name FROM companies").fetchone() == ("X",)
    copy.close()


def test_no_backup_when_nothing_to_migrate(app_home):
    url = f"sqlite:///{(app_home / 'novo.db').as_posix()}"
    assert open_database(url).backup is None  # a new file has nothing to lose
    again = open_database(url)
    assert again.backup is None  # already at the newest schema
    again.dispose()
    assert list(app_home.glob("novo.antes-*")) == []


@pytest.mark.parametrize(
    "path",
    [r"\\servidor\dados\gestao.db", "//servidor/dados/gestao.db"],
)
def test_unc_paths_are_network_paths(path):
    assert is_network_path(path)


def test_mapped_network_drive_is_detected_on_windows():
    assert is_network_path(r"Z:\gestao.db", platform="win32", drive_is_remote=lambda d: d == "Z:")
    assert not is_network_path(
        r"C:\Users\ana\gestao.db", platform="win32", drive_is_remote=lambda d: d == "Z:"
    )


def test_sqlite_on_a_share_is_refused_with_advice():
    with pytest.raises(DatabaseConfigError, match="PostgreSQL") as info:
        make_engine("sqlite://///servidor/dados/gestao.db")
    assert "rede" in str(info.value)


def test_local_paths_are_not_network_paths(tmp_path):
    assert not is_network_path(str(tmp_path / "x.db"), platform="linux")


def test_urls_get_our_drivers_and_unknown_ones_are_refused():
    assert normalise_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalise_url("mysql://u@h/db").drivername == "mysql+pymysql"
    assert normalise_url("mariadb://u@h/db").drivername == "mariadb+pymysql"
    with pytest.raises(DatabaseConfigError, match="não suportado"):
        normalise_url("oracle://u@h/db")
    with pytest.raises(DatabaseConfigError, match="inválido"):
        normalise_url("isto não é url")


def test_generated_columns_on_every_database(any_db):
    from datetime import date

    from sqlalchemy import select

    from gestao_negativacao.db.models import Installment
    from tests.scenario import Scenario

    sc = Scenario(any_db)
    sc.customer("ana")
    sc.sale("V1", "ana")
    sc.installment("V1", 1, date(2026, 3, 10), value="100.00", paid="40.00")
    sc.installment("V1", 2, date(2026, 3, 10), extended=date(2026, 4, 10))
    sc.installment("V1", 3, date(2026, 3, 10), extended=date(2026, 2, 1))  # odd, but possible
    with any_db.session_factory() as s:
        rows = s.execute(
            select(Installment.number, Installment.open_amount, Installment.effective_due_date,
                   Installment.earliest_due_date).order_by(Installment.number)
        ).all()  # fmt: skip
    from decimal import Decimal

    assert [tuple(r) for r in rows] == [
        (1, Decimal("60.00"), date(2026, 3, 10), date(2026, 3, 10)),
        (2, Decimal("100.00"), date(2026, 4, 10), date(2026, 3, 10)),
        (3, Decimal("100.00"), date(2026, 2, 1), date(2026, 2, 1)),
    ]


def test_the_local_database_and_its_folder_belong_to_the_account_alone(sqlite_db, app_home):
    import os
    import stat

    from gestao_negativacao.config import data_dir, log_dir

    if os.name != "posix":  # Windows: %LOCALAPPDATA% is already private to the account
        return
    for folder in (data_dir(), log_dir()):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    database = app_home / "teste.db"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_the_removal_protocol_migration_gives_back_the_inclusions(any_db):
    """Migration 0013: before it a removal overwrote the inclusion's protocol; on a removed
    negativation the protocol left is the removal's, and the inclusion's is in its history."""
    from datetime import UTC, date, datetime

    from alembic import command

    from tests.scenario import Scenario

    sc = Scenario(any_db)
    sc.customer("ana")
    sc.sale("V1", "ana")
    sc.installment("V1", 1, date(2026, 1, 10))
    config = migrate.alembic_config()
    with any_db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0012")
    now = datetime(2026, 11, 20, 12, tzinfo=UTC).replace(tzinfo=None)
    with any_db.engine.begin() as conn:
        installment, customer = conn.execute(
            text("SELECT i.id, s.holder_id FROM installments i JOIN sales s ON s.id = i.sale_id")
        ).one()
        conn.execute(
            text(
                "INSERT INTO negativations (installment_id, customer_id, debtor_role, integrator,"
                " status, processing, protocol, created_at, updated_at) VALUES"
                " (:i, :c, 'holder', 'spc_brasil', 'baixada', 'ok', 'BAIXA-2', :now, :now)"
            ),
            {"i": installment, "c": customer, "now": now},
        )
        negativation = conn.execute(text("SELECT id FROM negativations")).scalar()
        for kind, protocol in (("incluida", "INC-1"), ("baixada", "BAIXA-2")):
            conn.execute(
                text(
                    "INSERT INTO negativation_events (negativation_id, at, kind, protocol, login,"
                    " workstation)"
                    " VALUES (:n, :now, :kind, :protocol, 'ana', 'PC-1')"
                ),
                {"n": negativation, "now": now, "kind": kind, "protocol": protocol},
            )
    migrate.upgrade(any_db.engine)
    with any_db.engine.connect() as conn:
        row = conn.execute(text("SELECT protocol, removal_protocol FROM negativations")).one()
    assert tuple(row) == ("INC-1", "BAIXA-2")


def test_the_visible_from_migration_dates_what_is_already_included(any_db):
    """Migration 0014: negativations included before it get the inclusion date plus the
    notice-letter wait stored in the parameters then (per integrator where set)."""
    import json
    from datetime import date

    from alembic import command

    from tests.scenario import Scenario

    sc = Scenario(any_db)
    sc.customer("ana")
    sc.sale("V1", "ana")
    sc.installment("V1", 1, date(2026, 1, 10))
    sc.installment("V1", 2, date(2026, 2, 10))
    config = migrate.alembic_config()
    with any_db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0013")
    waits = {"notice_wait_days": 12, "notice_waits": {"boa_vista": 5}}
    with any_db.engine.begin() as conn:
        conn.execute(text("DELETE FROM parameters"))
        parameters = table("parameters", column("key"), column("value"), column("updated_at"))
        conn.execute(  # ``key`` quoted as each database wants it
            parameters.insert().values(
                key="geral", value=json.dumps(waits), updated_at=date.today()
            )
        )
        rows = conn.execute(
            text("SELECT i.id, s.holder_id FROM installments i JOIN sales s ON s.id = i.sale_id")
        ).all()
        for (installment, customer), integrator in zip(
            rows, ("spc_brasil", "boa_vista"), strict=True
        ):
            conn.execute(
                text(
                    "INSERT INTO negativations (installment_id, customer_id, debtor_role,"
                    " integrator, status, processing, included_on, created_at, updated_at)"
                    " VALUES (:i, :c, 'holder', :g, 'ativa', 'ok', :on, :on, :on)"
                ),
                {"i": installment, "c": customer, "g": integrator, "on": date(2026, 11, 20)},
            )
    migrate.upgrade(any_db.engine)
    with any_db.engine.connect() as conn:
        got = dict(conn.execute(text("SELECT integrator, visible_from FROM negativations")).all())
    as_text = {k: str(v)[:10] for k, v in got.items()}
    assert as_text == {"spc_brasil": "2026-12-02", "boa_vista": "2026-11-25"}


def test_the_credit_vocabulary_migration_both_ways(any_db):
    """Migration 0017: the rules' ``aprovado``/``analise``/``bloqueado`` become ``aprovada``
    (decided by "regras"), ``em_analise`` and ``retida`` (waiting for the supervisor, so
    undecided); a supervisor's ``aprovada``/``bloqueada`` stay; downgrading gives them back."""
    from datetime import date

    from alembic import command

    from tests.scenario import Scenario

    sc = Scenario(any_db)
    sc.customer("ana")
    company = sc.company("c1")
    config = migrate.alembic_config()
    with any_db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0016")
    old = [
        ("aprovado", "regras"), ("analise", None), ("bloqueado", "regras"),
        ("aprovada", "sara"), ("bloqueada", "sara"),
    ]  # fmt: skip
    with any_db.engine.begin() as conn:
        for n, (status, by) in enumerate(old):
            conn.execute(
                text(
                    "INSERT INTO credit_requests (customer_id, company_id, sale_number, origin,"
                    " amount, method, installments, status, reasons, requested_by, requested_at,"
                    " decided_by, decided_at) VALUES (:c, :k, :s, 'app', 100, 'boleto', '[]',"
                    " :status, '[]', 'ana', :on, :by, :decided)"
                ),
                {"c": sc.ids["p:ana"], "k": company, "s": f"V{n}", "status": status,
                 "on": date(2026, 11, 20), "by": by, "decided": date(2026, 11, 20) if by else None},
            )  # fmt: skip
    migrate.upgrade(any_db.engine)
    query = text("SELECT status, decided_by FROM credit_requests ORDER BY sale_number")
    with any_db.engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(query)] == [
            ("aprovada", "regras"), ("em_analise", None), ("retida", None),
            ("aprovada", "sara"), ("bloqueada", "sara"),
        ]  # fmt: skip
    with any_db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0016")
    with any_db.engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(query)] == old
    migrate.upgrade(any_db.engine)


def test_the_alcada_migration_keeps_what_was_set(any_db):
    """Migration 0019: an alçada set before stays; "sem limite" becomes a row without an
    amount (downgrading drops those rows: before, no row meant no limit)."""
    from decimal import Decimal

    from alembic import command

    from gestao_negativacao.domain.permissions import RoleCode
    from gestao_negativacao.services import credit
    from tests.sending_helpers import admin_actor, user_actor

    admin = admin_actor(any_db)
    user_actor(any_db, "sara", RoleCode.SUPERVISOR)
    credit.set_authority(any_db.session_factory, admin, "sara", Decimal("500.00"))
    credit.set_authority(any_db.session_factory, admin, "admin", None, unlimited=True)
    config = migrate.alembic_config()
    with any_db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0018")
    migrate.upgrade(any_db.engine)
    assert credit.authority_of(any_db.session_factory, "sara") == credit.Authority(
        True, Decimal("500.00")
    )
    assert not credit.authority_of(any_db.session_factory, "admin").is_set
