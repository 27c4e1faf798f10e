"""All models, imported here so that ``Base.metadata`` knows every table."""

from gestao_negativacao.db.models.portfolio import (
    Company,
    Customer,
    Enterprise,
    Installment,
    Sale,
    SaleGuarantor,
)
from gestao_negativacao.db.models.security import (
    AuditEntry,
    Permission,
    Role,
    RolePermission,
    User,
    UserPermission,
)

__all__ = [
    "AuditEntry",
    "Company",
    "Customer",
    "Enterprise",
    "Installment",
    "Permission",
    "Role",
    "RolePermission",
    "Sale",
    "SaleGuarantor",
    "User",
    "UserPermission",
]
