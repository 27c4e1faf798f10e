"""Which adapter speaks for which integrator."""

from __future__ import annotations

from gestao_negativacao.bureaus.base import BureauAdapter
from gestao_negativacao.bureaus.boa_vista import BoaVistaAdapter
from gestao_negativacao.bureaus.credito_na_medida import CreditoNaMedidaAdapter, TokenStore
from gestao_negativacao.bureaus.csr60 import Credentials
from gestao_negativacao.bureaus.errors import NotSupported
from gestao_negativacao.bureaus.soa_serasa import SoaSerasaAdapter
from gestao_negativacao.bureaus.spc_brasil import SpcBrasilAdapter

ADAPTERS = {
    adapter.integrator: adapter
    for adapter in (SpcBrasilAdapter, BoaVistaAdapter, SoaSerasaAdapter, CreditoNaMedidaAdapter)
}
# integrators that accept an inclusion now and say later whether it was registered
CONFIRMS_LATER = frozenset(name for name, cls in ADAPTERS.items() if cls.confirms_later)
# integrators whose inclusion carries the holder's guarantor in the same record, at most
# one co-obligor each (SOA "Devedores" Principal + CoObrigado; Boa Vista IsIncluirCoobrigado)
CO_OBLIGOR_WITH_HOLDER = frozenset({"soa_serasa", "boa_vista"})


def make_adapter(
    integrator: str,
    url: str,
    operator_code: str,
    secret: str,
    *,
    port: int | None = None,
    timeout: float | None = None,
    tokens: TokenStore | None = None,
    credit_product: str | None = None,
    query: Credentials | None = None,
) -> BureauAdapter:
    if integrator == "spc_brasil":
        return SpcBrasilAdapter(
            url, operator_code, secret, timeout=timeout, credit_product=credit_product
        )
    if integrator == "boa_vista":  # operator code = CHAVE, secret = KEY
        return BoaVistaAdapter(url, operator_code, secret, port=port, timeout=timeout, query=query)
    if integrator == "soa_serasa":  # operator code = the SOA portal e-mail
        return SoaSerasaAdapter(url, operator_code, secret, timeout=timeout)
    if integrator == "credito_na_medida":
        return CreditoNaMedidaAdapter(url, operator_code, secret, tokens=tokens, timeout=timeout)
    raise NotSupported(f"integradora desconhecida: {integrator}")
