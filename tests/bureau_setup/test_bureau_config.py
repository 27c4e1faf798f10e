import logging

import pytest
from keyring.backends.fail import Keyring as NoKeyring
from sqlalchemy import select

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.db.models import AuditEntry, Operator
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services.actor import Actor, PermissionDenied
from gestao_negativacao.services.bureau_setup import credentials, operators
from gestao_negativacao.services.bureau_setup import integrations as config
from tests.scenario import Scenario

SECRET = "s3nh4-do-operador-XYZ"


@pytest.fixture
def setup(sqlite_db, system):
    Scenario(sqlite_db).company("c1", "29141777000158")
    return sqlite_db, system


def spc_integration(db, system, operator_id, url="http://127.0.0.1:9/spc", name="SPC"):
    return config.create_integration(
        db.session_factory, system, name, "spc_brasil", url, operator_ids=(operator_id,)
    )


def place(db, integration, operator_id):
    return config.place(db.session_factory, integration, operator_id)


def test_the_secret_goes_to_the_keyring_and_nowhere_else(setup, memory_keyring, caplog, app_home):
    db, system = setup
    caplog.set_level(logging.DEBUG)
    operator = operators.create_operator(
        db.session_factory,
        system,
        "spc_brasil",
        "OPER01",
        "Operador 1",
        company_cnpj="29.141.777/0001-58",
    )
    assert operator.company_cnpj == "29141777000158" and not operator.secret_set
    with pytest.raises(config.ConfigError, match="Vincule o operador a uma integração"):
        operators.set_operator_secret(db.session_factory, system, operator.id, SECRET)
    integration = spc_integration(db, system, operator.id)
    operators.set_operator_secret(db.session_factory, system, operator.id, SECRET)
    assert credentials.get(place(db, integration, operator.id)) == SECRET
    # keyed by this database's installation, the operator, the environment and the host
    installation = credentials.installation(db.session_factory)
    key = f"{installation}/operador-{operator.id}/homologacao/127.0.0.1"
    assert memory_keyring.secrets == {("gestao-negativacao", key): SECRET}
    with db.session_factory() as s:
        assert s.get(Operator, operator.id).secret_set
        details = " ".join(e.details + e.entity_key for e in s.scalars(select(AuditEntry)))
    db.engine.dispose()  # flush the WAL into the file
    for path in app_home.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert SECRET not in details
    assert SECRET not in caplog.text
    operators.clear_operator_secret(db.session_factory, system, operator.id)
    assert memory_keyring.secrets == {}


def test_another_workstation_without_the_secret_gets_a_typed_condition(setup, memory_keyring):
    db, system = setup
    operator = operators.create_operator(db.session_factory, system, "spc_brasil", "OPER01")
    integration = spc_integration(db, system, operator.id)
    operators.set_operator_secret(db.session_factory, system, operator.id, SECRET)
    memory_keyring.secrets.clear()  # the same database seen from another workstation
    with pytest.raises(
        credentials.MissingSecret, match="Esta estação não tem a senha do operador OPER01"
    ):
        config.adapter_for(db.session_factory, integration.id, operator.id)


def test_a_computer_without_a_keyring_says_so(setup):
    import keyring

    db, system = setup
    operator = operators.create_operator(db.session_factory, system, "spc_brasil", "OPER01")
    spc_integration(db, system, operator.id)
    credentials.installation(db.session_factory)  # read before the keyring goes
    keyring.set_keyring(NoKeyring())
    with pytest.raises(credentials.CredentialStoreUnavailable, match="cofre de senhas"):
        operators.set_operator_secret(db.session_factory, system, operator.id, SECRET)
    assert not operators.get_operator(db.session_factory, operator.id).secret_set


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"url": "http://spc.org.br/ws", "environment": "producao"}, "https"),
     ({"url": "ftp://spc"}, "Endereço inválido"),
     ({"url": "https://x", "environment": "teste"}, "Ambiente"),
     ({"url": "https://x", "port": 70000}, "Porta"),
     ({"url": "https://x", "integrator": "serasa"}, "Integradora desconhecida"),
     ({"url": "https://x", "company_cnpjs": ("12ABC34501DE35",)}, "não encontrada")],
)  # fmt: skip
def test_integration_validation(setup, kwargs, message):
    db, system = setup
    values = {"integrator": "spc_brasil", **kwargs}
    integrator = values.pop("integrator")
    url = values.pop("url")
    with pytest.raises(config.ConfigError, match=message):
        config.create_integration(db.session_factory, system, "x", integrator, url, **values)


def test_configuration_needs_the_permission(setup):
    db, _ = setup
    clerk = Actor(login="ana", permissions=frozenset({Perm.CRSPC, Perm.NEG_INCLUIR}))
    with pytest.raises(PermissionDenied, match="NEG_CONFIG"):
        operators.create_operator(db.session_factory, clerk, "spc_brasil", "OPER01")


def test_connection_and_lists_from_the_sandbox(setup):
    db, system = setup
    with running_sandbox() as sandbox:
        operator = operators.create_operator(db.session_factory, system, "spc_brasil", "OPER01")
        integration = config.create_integration(
            db.session_factory, system, "SPC (sandbox)", "spc_brasil", sandbox.url,
            operator_ids=(operator.id,), company_cnpjs=("29141777000158",),
        )  # fmt: skip
        operators.set_operator_secret(db.session_factory, system, operator.id, "sandbox")
        assert integration.company_cnpjs == ("29141777000158",)
        assert "válidos" in config.check_connection(
            db.session_factory, system, integration.id, operator.id
        )
        lists = config.refresh_lists(db.session_factory, system, integration.id, operator.id)
    assert len(lists["removal_reason"]) == 4
    cached = config.cached_list(db.session_factory, integration.id, "nature")
    assert ("1", "Atraso de pagamento") in [(i.code, i.description) for i in cached]


def test_integrations_and_operators_can_be_edited(setup):
    from gestao_negativacao.domain.permissions import RoleCode
    from gestao_negativacao.services.admin import users

    db, system = setup
    users.create_user(db.session_factory, system, "ana", "senha-forte-1", RoleCode.CLERK)
    first = operators.create_operator(db.session_factory, system, "spc_brasil", "OP1")
    second = operators.create_operator(db.session_factory, system, "spc_brasil", "OP2")
    other = operators.create_operator(db.session_factory, system, "boa_vista", "BV1")
    integration = config.create_integration(
        db.session_factory,
        system,
        "SPC",
        "spc_brasil",
        "https://servicos.spc.org.br/spc",
        operator_ids=(first.id,),
    )
    changed = config.update_integration(
        db.session_factory,
        system,
        integration.id,
        operator_ids=(second.id, first.id),
        company_cnpjs=("29141777000158",),
        nature_person="1",
        removal_reason="2",
        environment="producao",
        auto_include=True,
    )
    assert changed.operator_ids == (second.id, first.id) and changed.company_cnpjs == (
        "29141777000158",
    )
    assert (
        changed.nature_person,
        changed.removal_reason,
        changed.environment,
        changed.auto_include,
    ) == ("1", "2", "producao", True)
    with pytest.raises(config.ConfigError, match="https"):
        config.update_integration(db.session_factory, system, integration.id, url="http://spc")
    with pytest.raises(config.ConfigError, match="não é de spc_brasil"):
        config.update_integration(
            db.session_factory, system, integration.id, operator_ids=(other.id,)
        )
    with pytest.raises(config.ConfigError, match="desconhecidos"):
        config.update_integration(db.session_factory, system, integration.id, senha="x")
    updated = operators.update_operator(
        db.session_factory,
        system,
        first.id,
        user_logins=("ana",),
        company_cnpj="29141777000158",
        name="Filial SP",
    )
    assert (updated.user_logins, updated.company_cnpj, updated.name) == (
        ("ana",),
        "29141777000158",
        "Filial SP",
    )
    assert (
        operators.update_operator(
            db.session_factory, system, first.id, company_cnpj=None
        ).company_cnpj
        is None
    )


def test_a_secret_set_for_one_database_is_not_used_for_another(app_home, system, memory_keyring):
    from gestao_negativacao.services.database import open_database

    a = open_database(f"sqlite:///{(app_home / 'a.db').as_posix()}")
    b = open_database(f"sqlite:///{(app_home / 'b.db').as_posix()}")
    for db in (a, b):  # operator 1 and integration 1 in both
        operator = operators.create_operator(db.session_factory, system, "spc_brasil", "OPER01")
        spc_integration(db, system, operator.id)
    assert credentials.installation(a.session_factory) != credentials.installation(
        b.session_factory
    )
    operators.set_operator_secret(a.session_factory, system, 1, SECRET)
    assert config.adapter_for(a.session_factory, 1, 1) is not None
    with pytest.raises(credentials.MissingSecret):
        config.adapter_for(b.session_factory, 1, 1)
    a.dispose()
    b.dispose()


def test_a_changed_address_clears_the_secret_and_sending_says_why(setup, memory_keyring):
    db, system = setup
    operator = operators.create_operator(db.session_factory, system, "spc_brasil", "OPER01")
    integration = spc_integration(db, system, operator.id, "https://servicos.spc.org.br/spc")
    operators.set_operator_secret(db.session_factory, system, operator.id, SECRET)
    check = config.secret_check(db.session_factory)
    assert check(integration.id, operator.id)
    config.update_integration(
        db.session_factory, system, integration.id, url="https://outro-host.example/spc"
    )
    info = operators.get_operator(db.session_factory, operator.id)
    assert not info.secret_set
    assert not config.secret_check(db.session_factory)(integration.id, operator.id)
    with pytest.raises(credentials.MissingSecret, match="mudou"):
        config.adapter_for(db.session_factory, integration.id, operator.id)
    # the environment alone counts too
    operators.set_operator_secret(db.session_factory, system, operator.id, SECRET)
    config.update_integration(db.session_factory, system, integration.id, environment="producao")
    assert not operators.get_operator(db.session_factory, operator.id).secret_set
    with pytest.raises(credentials.MissingSecret):
        config.adapter_for(db.session_factory, integration.id, operator.id)


def test_old_keys_move_to_the_places_recorded_at_the_upgrade(setup, memory_keyring):
    import json

    from sqlalchemy import update

    db, system = setup
    operator = operators.create_operator(db.session_factory, system, "spc_brasil", "OPER01")
    integration = spc_integration(db, system, operator.id, "https://servicos.spc.org.br/spc")
    with db.session_factory.begin() as s:  # as migration 0011 leaves an upgraded database
        s.execute(update(Operator).values(
            legacy_secret_hosts=json.dumps([["homologacao", "servicos.spc.org.br"]])))  # fmt: skip
    memory_keyring.set_password("gestao-negativacao", f"operador-{operator.id}", SECRET)
    # someone pointed the integration elsewhere before this workstation moved its key
    with db.session_factory.begin() as s:
        s.execute(update(config.Integration).values(url="https://atacante.example/spc"))
    assert credentials.move_legacy_keys(db.session_factory) == 1
    legit = credentials.Place(
        credentials.installation(db.session_factory), operator.id, "homologacao",
        "servicos.spc.org.br")  # fmt: skip
    assert credentials.get(legit) == SECRET
    assert ("gestao-negativacao", f"operador-{operator.id}") not in memory_keyring.secrets
    with pytest.raises(credentials.MissingSecret):  # nothing for the attacker's host
        config.adapter_for(db.session_factory, integration.id, operator.id)
    assert credentials.move_legacy_keys(db.session_factory) == 0
