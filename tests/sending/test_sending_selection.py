"""Choosing integration and operator (DESIGN §5, seed 004 item 11), as a table of cases."""

import pytest

from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.bureau_setup import integrations as config
from gestao_negativacao.services.bureau_setup import operators
from gestao_negativacao.services.sending.selection import (
    NO_VALID_CONFIGURATION,
    Choice,
    IntegrationOption,
    NoConfiguration,
    OperatorOption,
    choose,
    load_options,
)
from tests.scenario import Scenario

ANA = Actor(login="ana", user_id=1, permissions=frozenset({Perm.NEG_INCLUIR}))
ANA_CRSPC = Actor(login="ana", user_id=1, permissions=frozenset({Perm.NEG_INCLUIR, Perm.CRSPC}))
COMPANY, OTHER = 10, 20


def op(id_, *, company=None, users=(), active=True):
    return OperatorOption(id_, f"OP{id_}", company, frozenset(users), active)


def integration(id_, operators, *, companies=(), active=True, integrator="spc_brasil"):
    return IntegrationOption(
        id_, f"I{id_}", integrator, frozenset(companies), tuple(operators), active
    )


ALL_SECRETS = lambda integration_id, operator_id: True  # noqa: E731

CASES = [
    # (integrations, actor, has_secret, expected choice)
    (
        "the first qualifying operator",
        [integration(1, [op(11, users=[1]), op(12, users=[1])])],
        ANA,
        ALL_SECRETS,
        Choice(1, 11),
    ),
    (
        "company-linked integration first",
        [
            integration(1, [op(11, users=[1])]),
            integration(2, [op(21, users=[1])], companies=[COMPANY]),
        ],
        ANA,
        ALL_SECRETS,
        Choice(2, 21),
    ),
    (
        "integration of other companies is only later",
        [
            integration(1, [op(11, users=[1])], companies=[OTHER]),
            integration(2, [op(21, users=[1])]),
        ],
        ANA,
        ALL_SECRETS,
        Choice(1, 11),
    ),
    (
        "company-linked operator first",
        [integration(1, [op(11, users=[1]), op(12, company=COMPANY, users=[1])])],
        ANA,
        ALL_SECRETS,
        Choice(1, 12),
    ),
    (
        "operator of another company is skipped",
        [integration(1, [op(11, company=OTHER, users=[1]), op(12, users=[1])])],
        ANA,
        ALL_SECRETS,
        Choice(1, 12),
    ),
    (
        "linked users: only them",
        [integration(1, [op(11, users=[2]), op(12, users=[1, 2])])],
        ANA,
        ALL_SECRETS,
        Choice(1, 12),
    ),
    (
        "no linked users needs CRSPC",
        [integration(1, [op(11), op(12, users=[1])])],
        ANA,
        ALL_SECRETS,
        Choice(1, 12),
    ),
    (
        "no linked users with CRSPC",
        [integration(1, [op(11), op(12, users=[1])])],
        ANA_CRSPC,
        ALL_SECRETS,
        Choice(1, 11),
    ),
    (
        "CRSPC does not open an operator with other users",
        [integration(1, [op(11, users=[2]), op(12)])],
        ANA_CRSPC,
        ALL_SECRETS,
        Choice(1, 12),
    ),
    (
        "missing secret on this workstation",
        [integration(1, [op(11, users=[1]), op(12, users=[1])])],
        ANA,
        lambda i, o: o == 12,
        Choice(1, 12),
    ),
    (
        "inactive integration is skipped",
        [integration(1, [op(11, users=[1])], active=False), integration(2, [op(21, users=[1])])],
        ANA,
        ALL_SECRETS,
        Choice(2, 21),
    ),
    (
        "inactive operator is skipped",
        [integration(1, [op(11, users=[1], active=False), op(12, users=[1])])],
        ANA,
        ALL_SECRETS,
        Choice(1, 12),
    ),
    (
        "next integration when none of the first qualifies",
        [
            integration(1, [op(11, users=[2])], companies=[COMPANY]),
            integration(2, [op(21, users=[1])]),
        ],
        ANA,
        ALL_SECRETS,
        Choice(2, 21),
    ),
    (
        "other integrators are ignored",
        [
            integration(1, [op(11, users=[1])], integrator="boa_vista"),
            integration(2, [op(21, users=[1])]),
        ],
        ANA,
        ALL_SECRETS,
        Choice(2, 21),
    ),
    (
        "the command line's system operator may use an operator with linked users",
        [integration(1, [op(11, users=[2]), op(12)])],
        Actor.system(),
        ALL_SECRETS,
        Choice(1, 11),
    ),
    (
        "the system operator still needs the secret on this workstation",
        [integration(1, [op(11, users=[2]), op(12)])],
        Actor.system(),
        lambda integration_id, operator_id: operator_id == 12,
        Choice(1, 12),
    ),
]


@pytest.mark.parametrize(
    ("case", "integrations", "actor", "has_secret", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_choice(case, integrations, actor, has_secret, expected):
    assert choose(integrations, "spc_brasil", COMPANY, actor, has_secret) == expected


def test_none_valid_says_why_for_each_candidate():
    integrations = [
        integration(1, [], companies=[COMPANY]),
        integration(
            2,
            [
                op(21, users=[2]),
                op(22),
                op(23, users=[1]),
                op(24, company=OTHER, users=[1]),
                op(25, users=[1], active=False),
            ],
        ),
        integration(3, [op(31, users=[1])], active=False),
    ]
    with pytest.raises(NoConfiguration) as info:
        choose(integrations, "spc_brasil", COMPANY, ANA, lambda i, o: o != 23)
    message = str(info.value)
    assert message.startswith(NO_VALID_CONFIGURATION)
    assert info.value.skipped == [
        "integração I1: sem operadores",
        "integração I2, operador OP21: o usuário ana não está vinculado a ele",
        "integração I2, operador OP22: sem usuários vinculados e ana não tem CRSPC",
        "integração I2, operador OP23: esta estação não tem a senha dele",
        "integração I2, operador OP24: vinculado a outra empresa",
        "integração I2, operador OP25: inativo",
        "integração I3: inativa",
    ]
    with pytest.raises(NoConfiguration, match="nenhuma integração cadastrada"):
        choose([], "spc_brasil", COMPANY, ANA, ALL_SECRETS)


def test_options_are_loaded_from_the_database(sqlite_db, system):
    from gestao_negativacao.domain.permissions import RoleCode
    from gestao_negativacao.services.admin import users

    company_id = Scenario(sqlite_db).company("c1", "29141777000158")
    ana = users.create_user(
        sqlite_db.session_factory, system, "ana", "senha-forte-1", RoleCode.CLERK
    )
    first = operators.create_operator(
        sqlite_db.session_factory, system, "spc_brasil", "OP1", user_logins=("ana",)
    )
    second = operators.create_operator(
        sqlite_db.session_factory, system, "spc_brasil", "OP2", company_cnpj="29141777000158"
    )
    created = config.create_integration(
        sqlite_db.session_factory,
        system,
        "SPC",
        "spc_brasil",
        "https://spc",
        operator_ids=(first.id, second.id),
        company_cnpjs=("29141777000158",),
    )
    with sqlite_db.session_factory() as session:
        (loaded,) = load_options(session, "spc_brasil")
    assert loaded.id == created.id and loaded.company_ids == {company_id}
    assert [(o.id, o.company_id, set(o.user_ids)) for o in loaded.operators] == [
        (first.id, None, {ana.id}),
        (second.id, company_id, set()),
    ]
    actor = Actor(login="ana", user_id=ana.id, permissions=frozenset({Perm.CRSPC}))
    assert choose([loaded], "spc_brasil", company_id, actor, lambda i, o: True) == Choice(
        created.id, second.id
    )
