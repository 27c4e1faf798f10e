"""All models, imported here so that ``Base.metadata`` knows every table."""

from gestao_negativacao.db.models.bureaus import (
    BureauListItem,
    Integration,
    IntegrationCompany,
    IntegrationOperator,
    Operator,
    OperatorUser,
)
from gestao_negativacao.db.models.credit import (
    ApprovalLimit,
    CreditLimitIncrease,
    CreditProfile,
    CreditQuery,
    CreditRequest,
)
from gestao_negativacao.db.models.parameters import CompanyParameter, Parameter
from gestao_negativacao.db.models.portfolio import (
    Company,
    Customer,
    Enterprise,
    Installment,
    Sale,
    SaleGuarantor,
)
from gestao_negativacao.db.models.rules import RuleRecord
from gestao_negativacao.db.models.scheduling import (
    ImportSource,
    Schedule,
    ScheduleLease,
    ScheduleRun,
)
from gestao_negativacao.db.models.security import (
    AuditEntry,
    Installation,
    LoginThrottle,
    Permission,
    Role,
    RolePermission,
    User,
    UserPermission,
)
from gestao_negativacao.db.models.sending import (
    Agreement,
    AgreementInstallment,
    DebtorNotice,
    Hold,
    Negativation,
    NegativationEvent,
    SendQueueEntry,
)

__all__ = [
    "Agreement",
    "AgreementInstallment",
    "DebtorNotice",
    "ApprovalLimit",
    "CreditLimitIncrease",
    "CreditProfile",
    "CreditQuery",
    "CreditRequest",
    "AuditEntry",
    "BureauListItem",
    "CompanyParameter",
    "ImportSource",
    "Installation",
    "LoginThrottle",
    "Integration",
    "IntegrationCompany",
    "IntegrationOperator",
    "Operator",
    "Parameter",
    "OperatorUser",
    "Company",
    "Customer",
    "Enterprise",
    "Installment",
    "Hold",
    "Negativation",
    "NegativationEvent",
    "Permission",
    "Role",
    "Schedule",
    "ScheduleLease",
    "ScheduleRun",
    "RolePermission",
    "RuleRecord",
    "Sale",
    "SaleGuarantor",
    "SendQueueEntry",
    "User",
    "UserPermission",
]
