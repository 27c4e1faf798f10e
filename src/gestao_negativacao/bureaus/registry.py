"""Which adapter speaks for which integrator."""

from __future__ import annotations

from gestao_negativacao.bureaus.base import BureauAdapter
from gestao_negativacao.bureaus.boa_vista import BoaVistaAdapter
from gestao_negativacao.bureaus.credito_na_medida import CreditoNaMedidaAdapter, TokenStore
from gestao_negativacao.bureaus.errors import NotSupported
from gestao_negativacao.bureaus.soa_serasa import SoaSerasaAdapter
from gestao_negativacao.bureaus.spc_brasil import SpcBrasilAdapter


def make_adapter(
    integrator: str,
    url: str,
    operator_code: str,
    secret: str,
    *,
    port: int | None = None,
    timeout: float | None = None,
    tokens: TokenStore | None = None,
) -> BureauAdapter:
    if integrator == "spc_brasil":
        return SpcBrasilAdapter(url, operator_code, secret, timeout=timeout)
    if integrator == "boa_vista":  # operator code = CHAVE, secret = KEY
        return BoaVistaAdapter(url, operator_code, secret, port=port, timeout=timeout)
    if integrator == "soa_serasa":  # operator code = the SOA portal e-mail
        return SoaSerasaAdapter(url, operator_code, secret, timeout=timeout)
    if integrator == "credito_na_medida":
        return CreditoNaMedidaAdapter(url, operator_code, secret, tokens=tokens, timeout=timeout)
    raise NotSupported(f"integradora desconhecida: {integrator}")
