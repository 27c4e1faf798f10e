"""The ``demo`` command's work: the admin user (and, with the same password, the README's
clerk ``maria`` and supervisor ``joao``), the sandbox integrations whose operators they may
use, the README's example rules and the synthetic portfolio."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.bureaus.sandbox.info import csr60_address_of
from gestao_negativacao.db.models import Integration, Operator, User
from gestao_negativacao.domain.enums import Action, Integrator
from gestao_negativacao.domain.permissions import RoleCode
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import users
from gestao_negativacao.services.demo.portfolio import demo_table
from gestao_negativacao.services.importing import ImportReport, import_table

ADMIN_LOGIN = "admin"
# the README's examples sign in as these (same password as admin, created with it)
DEMO_USERS = (
    ("maria", RoleCode.CLERK, "Maria (operadora de cobrança)"),
    ("joao", RoleCode.SUPERVISOR, "João (supervisor)"),
)
DEMO_LOGINS = (ADMIN_LOGIN, *(login for login, _role, _name in DEMO_USERS))
# the rules the README's examples and schedules name (DESIGN §13 format)
DEMO_RULES = [
    {
        "name": "Atraso 60 dias",
        "kind": Action.INCLUSION,
        "active": True,
        "criteria": {
            "days_overdue": {"min": 60, "reference": "due_date"},
            "installment_value": {"min": "50.00", "reference": "adjusted"},
            "debtors": "holder",
            "skip_minors": {"reference": "due_date"},
        },
    },
    {
        "name": "Baixa por pagamento",
        "kind": Action.REMOVAL,
        "active": True,
        "triggers": {
            "paid": True,
            "partial_payment": {"percent": "50.00"},
            "termination": "both",
            "renegotiated": True,
        },
    },
]
DEFAULT_SANDBOX_URL = "http://127.0.0.1:8765"
SANDBOX_SECRET = "sandbox"
QUERY_CODE = "00001234"  # Boa Vista's CSR60 query operator at the sandbox

# integrator → (operator code, path at the sandbox, port apart?, natures F/J, removal reason)
DEMO_INTEGRATIONS = {
    "spc_brasil": ("DEMO-SPC", "/spc/remoting/ws/insumo/spc/spcWebService", False, ("1", "1"), "1"),
    "boa_vista": ("DEMO-CHAVE", "/boavista/registro.asmx", True, ("1", "1"), "1"),
    "soa_serasa": (
        "demo@sandbox.local",
        "/soa/webservices/serasa/negativacao.asmx",
        False,
        ("AD", "AD"),
        "01",
    ),
    "credito_na_medida": ("demo-client", "/cnm", False, ("PF01", "PJ01"), None),
}


def ensure_admin(
    session_factory: sessionmaker[Session], actor: Actor, password: Callable[[], str]
) -> bool:
    """Create ``admin`` unless it exists; the password is asked only when needed."""
    with session_factory() as session:
        if session.scalar(select(User.id).where(User.login == ADMIN_LOGIN)) is not None:
            return False
    users.create_user(
        session_factory, actor, ADMIN_LOGIN, password(), RoleCode.ADMIN, "Administrador"
    )
    return True


def ensure_demo_users(
    session_factory: sessionmaker[Session], actor: Actor, password: str
) -> list[str]:
    """The README's clerk and supervisor, unless they exist; returns those created."""
    created = []
    with session_factory() as session:
        existing = set(session.scalars(select(User.login)))
    for login, role, name in DEMO_USERS:
        if login not in existing:
            users.create_user(session_factory, actor, login, password, role, name)
            created.append(login)
    return created


def ensure_demo_rules(session_factory: sessionmaker[Session], actor: Actor) -> list[str]:
    """The README's example rules, unless a rule of that name exists (a rule someone
    changed is theirs); returns the names created."""
    import json

    from gestao_negativacao.services import rules

    existing = {r.name for r in rules.list_rules(session_factory)}
    missing = [r for r in DEMO_RULES if r["name"] not in existing]
    if missing:
        rules.import_rules(session_factory, actor, json.dumps(missing))
    return [r["name"] for r in missing]


def _demo_logins(session_factory: sessionmaker[Session]) -> tuple[str, ...]:
    with session_factory() as session:
        existing = set(session.scalars(select(User.login).where(User.login.in_(DEMO_LOGINS))))
    return tuple(login for login in DEMO_LOGINS if login in existing)


def ensure_sandbox_integrations(
    session_factory: sessionmaker[Session], actor: Actor, sandbox_url: str = DEFAULT_SANDBOX_URL
) -> tuple[list[str], bool]:
    """One homologation integration per integrator pointing at the sandbox, each with an
    operator that ``admin`` may use and whose secret is in this workstation's keyring.
    Returns the names created (existing ones are kept) and whether the keyring was
    missing (then the secrets could not be kept here)."""
    from urllib.parse import urlsplit

    from gestao_negativacao.services.bureau_setup import credentials, operators
    from gestao_negativacao.services.bureau_setup import integrations as bureau_config

    base = sandbox_url.rstrip("/")
    parts = urlsplit(base)
    created = []
    keyring_missing = False
    for integrator, (code, path, port_apart, natures, reason) in DEMO_INTEGRATIONS.items():
        name = f"{Integrator(integrator).label} (sandbox)"
        with session_factory() as session:
            operator_id = session.scalar(
                select(Operator.id).where(Operator.integrator == integrator, Operator.code == code)
            )
            exists = session.scalar(select(Integration.id).where(Integration.name == name))
        if operator_id is None:
            operator_id = operators.create_operator(
                session_factory,
                actor,
                integrator,
                code,
                f"Operador de demonstração ({Integrator(integrator).label})",
                user_logins=_demo_logins(session_factory),
            ).id
        else:  # demo users created since: they may send through it too
            current = operators.get_operator(session_factory, operator_id).user_logins
            wanted = tuple(dict.fromkeys((*current, *_demo_logins(session_factory))))
            if wanted != tuple(current):
                operators.update_operator(session_factory, actor, operator_id, user_logins=wanted)
        if exists is None:
            url, port, query_url = base + path, None, None
            if port_apart:  # Boa Vista is configured with URL and port apart
                url, port = f"{parts.scheme}://{parts.hostname}{path}", parts.port
                query_url = csr60_address_of(base)
            bureau_config.create_integration(
                session_factory,
                actor,
                name,
                integrator,
                url,
                environment="homologacao",
                port=port,
                operator_ids=(operator_id,),
                nature_person=natures[0],
                nature_company=natures[1],
                removal_reason=reason,
                query_url=query_url,
                # the sandbox is there to be tried, schedules included
                auto_include=True,
                auto_remove=True,
            )
            created.append(name)
        # the secrets are bound to the integration's address: set once it exists
        try:
            if not operators.has_secret_here(session_factory, operator_id):
                operators.set_operator_secret(session_factory, actor, operator_id, SANDBOX_SECRET)
            if integrator == "boa_vista":
                operators.set_query_credentials(
                    session_factory, actor, operator_id, QUERY_CODE, SANDBOX_SECRET
                )
        except credentials.CredentialStoreUnavailable:
            keyring_missing = True  # the integrations are still worth creating
    return created, keyring_missing


def load_portfolio(
    session_factory: sessionmaker[Session],
    actor: Actor,
    installments: int,
    seed: int,
    as_of: date | None,
) -> ImportReport:
    table = demo_table(installments, seed, as_of)
    return import_table(session_factory, actor, table, f"demo-{installments}-{seed}", as_of=as_of)
