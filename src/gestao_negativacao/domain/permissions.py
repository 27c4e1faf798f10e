"""Named permissions (programs) and the roles that bundle them (DESIGN §8)."""

from __future__ import annotations

from enum import StrEnum


class Perm(StrEnum):
    CRSPC = "CRSPC"
    NEG_INCLUIR = "NEG_INCLUIR"
    NEG_BAIXAR = "NEG_BAIXAR"
    NEG_BAIXA_MANUAL = "NEG_BAIXA_MANUAL"
    NEG_LIBERAR = "NEG_LIBERAR"
    NEG_REGRAS = "NEG_REGRAS"
    NEG_CONFIG = "NEG_CONFIG"
    DADOS_IMPORTAR = "DADOS_IMPORTAR"
    CREDITO_ANALISE = "CREDITO_ANALISE"
    CREDITO_CONSULTA = "CREDITO_CONSULTA"
    ADMIN_USUARIOS = "ADMIN_USUARIOS"
    ADMIN_PARAMETROS = "ADMIN_PARAMETROS"
    LGPD_TITULAR = "LGPD_TITULAR"


PERMISSION_DESCRIPTIONS: dict[Perm, str] = {
    Perm.CRSPC: "Usar os operadores dos birôs sem vínculo de usuário",
    Perm.NEG_INCLUIR: "Enviar inclusões de negativação",
    Perm.NEG_BAIXAR: "Enviar baixas de negativação",
    Perm.NEG_BAIXA_MANUAL: "Registrar baixa manual (sem chamar o birô)",
    Perm.NEG_LIBERAR: "Liberar parcelas presas no controle de envio",
    Perm.NEG_REGRAS: "Cadastrar regras de inclusão e de baixa",
    Perm.NEG_CONFIG: "Cadastrar operadores, integrações e agendamentos",
    Perm.DADOS_IMPORTAR: "Importar a carteira do ERP",
    Perm.CREDITO_ANALISE: "Aprovar ou bloquear crédito",
    Perm.CREDITO_CONSULTA: "Consultar crédito nos birôs",
    Perm.ADMIN_USUARIOS: "Cadastrar usuários e permissões",
    Perm.ADMIN_PARAMETROS: "Alterar os parâmetros gerais",
    Perm.LGPD_TITULAR: "Atender titulares de dados: relatório e anonimização (LGPD)",
}


class RoleCode(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_NAMES[self]


ROLE_NAMES: dict[RoleCode, str] = {
    RoleCode.CLERK: "Operador de cobrança",
    RoleCode.SUPERVISOR: "Supervisor",
    RoleCode.ADMIN: "Administrador",
}

_CLERK = frozenset(
    {
        Perm.CRSPC,
        Perm.NEG_INCLUIR,
        Perm.NEG_BAIXAR,
        Perm.NEG_BAIXA_MANUAL,
        Perm.NEG_LIBERAR,
        Perm.DADOS_IMPORTAR,
        Perm.CREDITO_CONSULTA,
    }
)

DEFAULT_ROLE_PERMISSIONS: dict[RoleCode, frozenset[Perm]] = {
    RoleCode.CLERK: _CLERK,
    RoleCode.SUPERVISOR: _CLERK | {Perm.CREDITO_ANALISE, Perm.NEG_REGRAS},
    RoleCode.ADMIN: frozenset(Perm),
}
