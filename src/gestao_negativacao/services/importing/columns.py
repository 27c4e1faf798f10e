"""The import layout of DESIGN §9: column names, which are required, how headers match."""

from __future__ import annotations

import unicodedata

REQUIRED = (
    "empresa_cnpj",
    "venda",
    "titular_documento",
    "titular_nome",
    "parcela",
    "vencimento",
    "valor_principal",
)

PERSON_FIELDS = (
    "documento",
    "nome",
    "nascimento",
    "email",
    "telefone",
    "cep",
    "logradouro",
    "numero",
    "complemento",
    "bairro",
    "cidade",
    "uf",
)
HOLDER_COLUMNS = tuple(f"titular_{f}" for f in PERSON_FIELDS)
# The guarantor has no e-mail or phone in the layout; the slots stay, always absent.
GUARANTOR_COLUMNS = tuple(f"avalista_{f}" for f in PERSON_FIELDS)

COMPANY_COLUMNS = ("empresa_cnpj", "empresa_nome")
SALE_COLUMNS = ("empreendimento", "venda", "venda_situacao", "venda_data_situacao")
INSTALLMENT_COLUMNS = (
    "parcela",
    "vencimento",
    "prorrogacao",
    "valor_principal",
    "valor_reajustado",
    "valor_pago",
    "data_pagamento",
    "em_disputa",
)
MONEY_COLUMNS = ("valor_principal", "valor_reajustado", "valor_pago")

KNOWN = frozenset(
    COMPANY_COLUMNS
    + SALE_COLUMNS
    + HOLDER_COLUMNS
    + tuple(c for c in GUARANTOR_COLUMNS if c not in ("avalista_email", "avalista_telefone"))
    + INSTALLMENT_COLUMNS
)


def normalise_header(name: str) -> str:
    """``" Empresa CNPJ "`` → ``empresa_cnpj``; accents, case, spaces and dashes forgiven."""
    text = name.strip().strip('"').lstrip("\ufeff").strip().lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for sep in (" ", "-", "."):
        text = text.replace(sep, "_")
    while "__" in text:
        text = text.replace("__", "_")
    return text
