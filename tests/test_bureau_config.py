import logging

import pytest
from keyring.backends.fail import Keyring as NoKeyring
from sqlalchemy import select

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.db.models import AuditEntry, Operator
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import bureau_config as config
from gestao_negativacao.services import credentials, operators
from gestao_negativacao.services.actor import Actor, PermissionDenied
from tests.scenario import Scenario

SECRET = "s3nh4-do-operador-XYZ"


@pytest.fixture
def setup(sqlite_db, system):
    Scenario(sqlite_db).company("c1", "29141777000158")
    return sqlite_db, system


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
    operators.set_operator_secret(db.session_factory, system, operator.id, SECRET)
    assert credentials.get_secret(operator.id) == SECRET
    assert ("gestao-negativacao", f"operador-{operator.id}") in memory_keyring.secrets
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
    assert credentials.get_secret(operator.id) is None


def test_another_workstation_without_the_secret_gets_a_typed_condition(setup, memory_keyring):
    db, system = setup
    operator = operators.create_operator(db.session_factory, system, "spc_brasil", "OPER01")
    operators.set_operator_secret(db.session_factory, system, operator.id, SECRET)
    integration = config.create_integration(
        db.session_factory,
        system,
        "SPC homologação",
        "spc_brasil",
        "http://127.0.0.1:9/spc",
        operator_ids=(operator.id,),
    )
    memory_keyring.secrets.clear()  # the same database seen from another workstation
    with pytest.raises(
        credentials.MissingSecret, match="Esta estação não tem a senha do operador OPER01"
    ):
        config.adapter_for(db.session_factory, integration.id, operator.id)


def test_a_computer_without_a_keyring_says_so(setup):
    import keyring

    db, system = setup
    operator = operators.create_operator(db.session_factory, system, "spc_brasil", "OPER01")
    keyring.set_keyring(NoKeyring())
    with pytest.raises(credentials.CredentialStoreUnavailable, match="cofre de senhas"):
        operators.set_operator_secret(db.session_factory, system, operator.id, SECRET)
    assert credentials.get_secret(operator.id) is None


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
        operators.set_operator_secret(db.session_factory, system, operator.id, "sandbox")
        integration = config.create_integration(
            db.session_factory, system, "SPC (sandbox)", "spc_brasil", sandbox.url,
            operator_ids=(operator.id,), company_cnpjs=("29141777000158",),
        )  # fmt: skip
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
    from gestao_negativacao.services import users

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
