"""What each permission may do in the database itself (DESIGN §8): on a shared server the
database is the security boundary, so a person with a SQL client and a clerk's login can do
exactly what a clerk can do on screen, and no more.

Every application user holds ``BASE`` (read what the screens show, append to the audit log).
Each permission is a database role holding the writes of its screens and commands, listed
here table by table. Users, their permissions and the roles' bundles are written only by the
definer functions (``ADMIN_USUARIOS`` checked inside), never by a grant; nobody updates or
deletes the audit log. A test holds every table of the schema to this list, so a new table
cannot be forgotten.
"""

from __future__ import annotations

from gestao_negativacao.domain.permissions import Perm

ALL = "SELECT, INSERT, UPDATE, DELETE"
WRITE = "INSERT, UPDATE, DELETE"

# read by every user: what the screens list (the audit log is the admins' and is appended to
# by everyone; users and bundles are read to know who may do what)
READ_ALL_EXCEPT = frozenset({"audit_log"})
APPEND_ONLY = frozenset({"audit_log"})
# tables written only through the definer functions (or by ``db init`` / ``db upgrade``)
DEFINER_ONLY = frozenset(
    {
        "users",
        "user_permissions",
        "role_permissions",
        "roles",
        "permissions",
        "installation",
        "login_throttles",  # SQLite's own login checks; a server's database checks its logins
    }
)

# queueing evaluates the selection once into a temporary table (db.staging); a temporary
# table is private to its connection, so the right reaches no one else's data
TEMPORARY_TABLES = frozenset({Perm.NEG_INCLUIR, Perm.NEG_BAIXAR})

_SENDING = {
    "negativations": "INSERT, UPDATE",
    "debtor_notices": "INSERT",  # the pre-notice e-mails sent before an inclusion
    "negativation_events": "INSERT",
    "send_queue": WRITE,
    "schedule_runs": "INSERT, UPDATE",
    "schedule_leases": WRITE,
}

TABLE_PRIVILEGES: dict[Perm, dict[str, str]] = {
    Perm.CRSPC: {},  # using the operators is the application's choice of who sends
    Perm.NEG_INCLUIR: _SENDING,
    # a removal by the partial-payment, termination or renegotiation trigger holds the item
    Perm.NEG_BAIXAR: {**_SENDING, "holds": "INSERT"},
    Perm.NEG_BAIXA_MANUAL: {
        "negativations": "UPDATE",
        "negativation_events": "INSERT",
        "send_queue": "DELETE",
        "holds": "INSERT, UPDATE",  # a manual removal holds; lifting a hold
        # an agreement holds its installments; its payments are recorded by hand
        "agreements": "INSERT",
        "agreement_installments": "INSERT, UPDATE",
    },
    Perm.NEG_LIBERAR: {
        "negativations": "UPDATE",
        "negativation_events": "INSERT",
        "send_queue": "UPDATE, DELETE",
    },
    Perm.NEG_REGRAS: {"rules": WRITE},
    Perm.NEG_CONFIG: {
        # operators: never ``legacy_secret_hosts`` (see ``COLUMN_PRIVILEGES``)
        "operators": "INSERT, DELETE",
        "operator_users": WRITE,
        "integrations": WRITE,
        "integration_operators": WRITE,
        "integration_companies": WRITE,
        "bureau_list_items": WRITE,
        "schedules": WRITE,
        "import_sources": WRITE,
        "schedule_runs": "INSERT, UPDATE",
        "schedule_leases": WRITE,
    },
    Perm.DADOS_IMPORTAR: {
        "schedule_runs": "INSERT, UPDATE",  # the ERP synchronisation is a scheduled job
        "schedule_leases": WRITE,
        "companies": WRITE,
        "enterprises": WRITE,
        "customers": WRITE,
        "sales": WRITE,
        "sale_guarantors": WRITE,
        "installments": WRITE,
    },
    Perm.CREDITO_ANALISE: {
        "credit_profiles": WRITE,
        "credit_limit_increases": WRITE,
        "credit_requests": "UPDATE",
        "sales": "INSERT",  # an approval generates the sale and its installments
        "installments": "INSERT",
    },
    Perm.CREDITO_CONSULTA: {
        "credit_queries": "INSERT",
        "credit_requests": "INSERT, UPDATE",
        "sales": "INSERT",  # a request the rules approve at once generates its sale
        "installments": "INSERT",
    },
    Perm.ADMIN_USUARIOS: {"approval_limits": WRITE},
    Perm.ADMIN_PARAMETROS: {"parameters": WRITE, "company_parameters": WRITE},
    # anonymising a person: their row and what else names them; the profile and the
    # temporary increases go (they describe only that person); run also by a schedule
    Perm.LGPD_TITULAR: {
        "customers": "UPDATE",
        "credit_queries": "UPDATE",
        "credit_profiles": "DELETE",
        "credit_limit_increases": "DELETE",
        "debtor_notices": "UPDATE",
        "schedule_runs": "INSERT, UPDATE",
        "schedule_leases": WRITE,
    },
}

# column-level grants, where a permission may change only part of a row
# the scheduler, logged in as a schedule's user, marks the slot it ran
_SLOT = {"schedules": ("UPDATE", ("last_slot_at",))}
COLUMN_PRIVILEGES: dict[Perm, dict[str, tuple[str, tuple[str, ...]]]] = {
    Perm.NEG_INCLUIR: _SLOT,
    Perm.NEG_BAIXAR: _SLOT,
    Perm.NEG_CONFIG: {
        "operators": (
            "UPDATE",
            ("name", "company_id", "secret_set", "active", "query_code", "secret_note"),
        ),
    },
    Perm.DADOS_IMPORTAR: {
        "import_sources": ("UPDATE", ("last_imported",)),
        **_SLOT,
    },
    Perm.LGPD_TITULAR: _SLOT,
}

# reading the audit trail: those who administer, and whoever answers a person's LGPD request
AUDIT_READERS = frozenset({Perm.ADMIN_USUARIOS, Perm.LGPD_TITULAR})

# changes to these are written to the audit log by the database itself, whoever makes them
AUDITED_TABLES = (
    "users",
    "user_permissions",
    "role_permissions",
    "operators",
    "operator_users",
    "integrations",
    "integration_operators",
    "integration_companies",
    "parameters",
    "company_parameters",
    "schedules",
    "import_sources",
    "rules",
)
# never copied into the audit log, even by a trigger
SECRET_COLUMNS = frozenset({"password_hash"})


def tables_written_by(perm: Perm) -> dict[str, str]:
    return TABLE_PRIVILEGES[perm]
