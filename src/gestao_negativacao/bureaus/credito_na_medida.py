"""Crédito na Medida — REST, client id + secret → token (shared/protocols/credito_na_medida.md).

The token is obtained on the first call, kept through ``TokenStore`` (the OS keyring, in the
product) and renewed once when the partner refuses it. There is no homologation environment:
the sandbox bureau is the only safe place to train.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

import httpx

from gestao_negativacao.bureaus.base import (
    CreditReport,
    InclusionRequest,
    ListItem,
    Outcome,
    RecordRef,
    Restriction,
    StatusAnswer,
)
from gestao_negativacao.bureaus.errors import (
    AlreadyDone,
    AuthFailed,
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.bureaus.http import check_http_status, make_client, transport

NAME = "Crédito na Medida"

# ---- NOT CONFIRMED with Crédito na Medida (no public documentation; model of the protocol
# notes, to confirm at contract) -------------------------------------------------------------
TOKEN_PATH = "/oauth/token"
RESTRICTIONS_PATH = "/restricoes"  # ?tipo_pessoa=F|J → [{"codigo", "descricao"}]
NEGATIVATIONS_PATH = "/negativacoes"  # POST → 201 {"id", "status"}; 409 duplicate; 422 erros
REMOVAL_PATH = "/negativacoes/{id}/baixa"  # POST → 200; 404 unknown
STATUS_PATH = "/negativacoes/{id}"  # GET → {"id", "status"}
REPORT_PATH = "/consultas/{documento}"  # GET → the credit report
STATUS_MAP = {
    "ativo": "ativa",
    "ativa": "ativa",
    "baixada": "baixada",
    "erro": "erro",
    "pendente": "pendente",
}
# ----------------------------------------------------------------------------------------------


@dataclass
class TokenStore:
    """Where the token lives between calls (and between runs)."""

    load: Callable[[], str | None]
    save: Callable[[str], None]


def _memory_store() -> TokenStore:
    box: dict[str, str] = {}
    return TokenStore(lambda: box.get("token"), lambda token: box.__setitem__("token", token))


def _money(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class CreditoNaMedidaAdapter:
    integrator = "credito_na_medida"

    def __init__(
        self,
        url: str,
        client_id: str,
        client_secret: str,
        *,
        tokens: TokenStore | None = None,
        timeout: httpx.Timeout | float | None = None,
        max_connections: int = 16,
    ) -> None:
        self.client = make_client(url.rstrip("/"), timeout=timeout, max_connections=max_connections)
        self._client_id = client_id
        self._client_secret = client_secret
        self.tokens = tokens or _memory_store()
        # One token for every thread that sends through this adapter: read from the store
        # once, renewed by one thread at a time (the keyring is not made for parallel use).
        self._token: str | None = None
        self._token_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    # -- token --------------------------------------------------------------------------

    def _new_token(self) -> str:
        with transport(NAME):
            response = self.client.post(
                TOKEN_PATH,
                data={
                    "grant_type": "client_credentials",
                    "client_id": self._client_id,
                    "client_secret": self._client_secret,
                },
            )
        if response.status_code in (400, 401, 403):
            raise AuthFailed(f"{NAME} recusou o client id ou o client secret")
        check_http_status(response, NAME)
        try:
            token = response.json()["access_token"]
        except (ValueError, KeyError, TypeError):
            raise Transient(f"resposta malformada de {NAME} ao pedir o token") from None
        self.tokens.save(token)
        return token

    def _current_token(self, refused: str | None = None) -> str:
        """The token to use; ``refused`` is one the bureau just refused: renew it, unless
        another thread renewed it meanwhile."""
        with self._token_lock:
            if self._token is None:
                self._token = self.tokens.load()
            if self._token is None or self._token == refused:
                self._token = self._new_token()
            return self._token

    def _request(self, method: str, path: str, **kwargs) -> httpx.Response:
        """Authenticated call; a refused token is renewed once, then it is AuthFailed."""
        token = self._current_token()
        for attempt in (1, 2):
            with transport(NAME):
                response = self.client.request(
                    method, path, headers={"Authorization": f"Bearer {token}"}, **kwargs
                )
            if response.status_code != 401:
                return response
            if attempt == 1:
                token = self._current_token(refused=token)
        raise AuthFailed(f"{NAME} recusou o token recém-obtido")

    @staticmethod
    def _json(response: httpx.Response) -> object:
        try:
            return response.json()
        except ValueError:
            raise Transient(f"resposta malformada de {NAME}") from None

    # -- operations ---------------------------------------------------------------------

    def include(self, request: InclusionRequest) -> Outcome:
        d = request.debtor
        payload = {
            "documento": d.document,
            "tipo_pessoa": d.kind,
            "nome": d.name,
            "endereco": {
                "cep": d.address.cep,
                "logradouro": d.address.street,
                "numero": d.address.number,
                "complemento": d.address.complement,
                "bairro": d.address.district,
                "cidade": d.address.city,
                "uf": d.address.uf,
            },
            "contrato": request.contract,
            "parcela": request.installment,
            "vencimento": request.due_date.isoformat(),
            "valor": f"{request.value:.2f}",
            "codigo_restricao": request.nature_code,
        }
        response = self._request("POST", NEGATIVATIONS_PATH, json=payload)
        if response.status_code == 409:
            existing = self._json(response)
            bureau_id = (
                str(existing.get("id"))
                if isinstance(existing, dict) and existing.get("id")
                else None
            )
            raise AlreadyDone(
                "negativação já existe para este contrato e parcela", bureau_id=bureau_id
            )
        if response.status_code == 422:
            body = self._json(response)
            errors = body.get("erros") if isinstance(body, dict) else None
            raise Rejected("; ".join(map(str, errors or ["dados recusados"])), code="422")
        check_http_status(response, NAME)
        body = self._json(response)
        if response.status_code not in (200, 201) or not isinstance(body, dict) or "id" not in body:
            raise Transient(f"resposta inesperada de {NAME} (HTTP {response.status_code})")
        return Outcome(str(body["id"]), str(body["id"]), str(body.get("status", "ativo")))

    def remove(self, ref: RecordRef, reason_code: str | None) -> Outcome:
        if not ref.bureau_id:
            raise Rejected("falta o id da negativação no Crédito na Medida para a baixa")
        response = self._request("POST", REMOVAL_PATH.format(id=ref.bureau_id))
        if response.status_code == 404:
            raise AlreadyDone("negativação não encontrada (já baixada)", bureau_id=ref.bureau_id)
        check_http_status(response, NAME)
        if response.status_code != 200:
            raise Transient(f"resposta inesperada de {NAME} (HTTP {response.status_code})")
        return Outcome(ref.bureau_id, None, "baixada")

    def fetch_status(self, bureau_ids: list[str]) -> list[StatusAnswer]:
        answers = []
        for bureau_id in bureau_ids:
            response = self._request("GET", STATUS_PATH.format(id=bureau_id))
            check_http_status(response, NAME)
            body = self._json(response)
            status = str(body.get("status", "")).lower() if isinstance(body, dict) else ""
            answers.append(StatusAnswer(bureau_id, STATUS_MAP.get(status, "pendente")))
        return answers

    def list_natures(self, person_kind: str | None = None) -> list[ListItem]:
        items: list[ListItem] = []
        for kind in [person_kind] if person_kind else ["F", "J"]:
            response = self._request("GET", RESTRICTIONS_PATH, params={"tipo_pessoa": kind})
            check_http_status(response, NAME)
            body = self._json(response)
            for item in body if isinstance(body, list) else []:
                code = str(item.get("codigo", "")) if isinstance(item, dict) else ""
                if code and all(existing.code != code for existing in items):
                    items.append(ListItem(code, str(item.get("descricao", code))))
        return items

    def list_removal_reasons(self) -> list[ListItem]:
        raise NotSupported("o Crédito na Medida não pede código de baixa")

    def list_document_types(self) -> list[ListItem]:
        raise NotSupported("o Crédito na Medida não usa tipo de documento")

    def query_credit(self, document: str) -> CreditReport:
        response = self._request("GET", REPORT_PATH.format(documento=document))
        if response.status_code == 422:
            raise Rejected("documento inválido para consulta", code="422")
        check_http_status(response, NAME)
        body = self._json(response)
        if not isinstance(body, dict):
            raise Transient(f"resposta malformada de {NAME}")

        def restrictions(key: str) -> tuple[Restriction, ...]:
            return tuple(
                Restriction(
                    str(r.get("credor", "")),
                    _money(r.get("valor")),
                    _date(r.get("data")),
                    str(r.get("birô", r.get("biro", NAME))),
                    key,
                )
                for r in body.get(key, [])
                if isinstance(r, dict)
            )

        score = body.get("score")
        return CreditReport(
            document=document,
            name=body.get("nome"),
            score=int(score) if isinstance(score, int | float) else None,
            restrictions=restrictions("restricoes"),
            protests=restrictions("protestos"),
            bounced_cheques=int(body.get("cheques_sem_fundo", 0) or 0),
            recent_queries=int(body.get("consultas_recentes", 0) or 0),
            raw=response.text,
        )

    def test_connection(self) -> str:
        self._new_token()
        return f"{NAME}: client id e secret válidos; token obtido"
